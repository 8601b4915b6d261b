//! The samdrift binary: command line, configuration, startup and shutdown.

mod backup;
mod cli;
mod config;
mod delivery_dir;
mod ldap_config;
mod mail_config;
mod people_cli;
mod serve;
mod sso_config;
mod steering_jobs;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc hands freed memory back to the system soon after it is freed.
/// With the system allocator the server kept what its largest request had
/// used (a federation-year report) for the rest of its life, twice its
/// working size.
/// Every file the process creates (the SQLite database and its journal,
/// attachments, backups, and what `pg_dump` writes for it) is readable and
/// writable by its owner only: they hold the members' personal data.
fn owner_only_files() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    owner_only_files();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // The first line says what is wrong; usage and hints stay out.
            let text = e.to_string();
            let line = text.lines().next().unwrap_or("invalid arguments");
            eprintln!("samdrift: {}", line.trim_start_matches("error: ").trim());
            return ExitCode::from(2);
        }
    };
    match cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line a person can act on.
            eprintln!("samdrift: error: {}", format!("{e:#}").replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
