//! The samdrift binary: command line, configuration, startup and shutdown.

mod backup;
mod cli;
mod config;
mod serve;

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line a person can act on.
            eprintln!("samdrift: error: {}", format!("{e:#}").replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
