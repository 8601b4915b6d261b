//! The command line: serve, migrate, demo, import, admin.

use crate::config::{Config, Overrides};
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use samdrift_app::{App, Store, SystemClock};
use samdrift_domain::role::Role;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "samdrift",
    version,
    about = "The shared IT service center of a municipal federation"
)]
pub struct Cli {
    /// Directory for the embedded database and files.
    #[arg(long, global = true, env = "SAMDRIFT_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Database URL: sqlite://path or postgres://...
    #[arg(long, global = true, env = "SAMDRIFT_DATABASE_URL")]
    database_url: Option<String>,
    /// Configuration file (default: ./samdrift.toml if present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the web UI and the API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "SAMDRIFT_LISTEN")]
        listen: Option<String>,
        /// Load the demo federation if the database is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations.
    Migrate,
    /// Load the demo federation into an empty database; with --scale, a
    /// larger synthetic federation for benchmarks.
    Demo {
        /// 1 is the demo; S adds members (up to 290), people (1,000 × S, at
        /// most 1,000,000) and tickets (10,000 × S) with histories.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
        scale: u32,
        /// The generator's seed: the same seed gives the same federation.
        #[arg(long, default_value_t = 2027)]
        seed: u64,
        /// Tickets in all, instead of the scale's (`--scale 1 --tickets
        /// 10000` is the demo's three members with 10,000 tickets).
        #[arg(long, value_parser = clap::value_parser!(u64).range(300..=20_000_000))]
        tickets: Option<u64>,
    },
    /// Import data.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Administration: users and their roles, tokens, passwords.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// People from the members' HR and school systems.
    #[command(subcommand)]
    People(crate::people_cli::PeopleCommand),
}

#[derive(Subcommand, Debug)]
enum ImportCommand {
    /// Import tickets with their history from a JSON Lines file.
    Tickets { file: PathBuf },
}

#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
struct PasswordSource {
    /// The password (visible in the process list; prefer --password-file).
    #[arg(long)]
    password: Option<String>,
    /// A file whose first line is the password.
    #[arg(long)]
    password_file: Option<PathBuf>,
}

impl PasswordSource {
    fn read(&self) -> anyhow::Result<String> {
        match (&self.password, &self.password_file) {
            (Some(p), _) => Ok(p.clone()),
            (None, Some(f)) => {
                let text = std::fs::read_to_string(f)
                    .with_context(|| format!("cannot read {}", f.display()))?;
                Ok(text.lines().next().unwrap_or("").to_owned())
            }
            (None, None) => anyhow::bail!("give --password or --password-file"),
        }
    }
}

#[derive(Subcommand, Debug)]
enum AdminCommand {
    /// Create a login account.
    CreateUser {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        password: PasswordSource,
        /// end_user, orderer, strategist, agent, technician, group_lead, manager or admin.
        #[arg(long)]
        role: String,
        /// Member code, for member roles (end_user, orderer, strategist).
        #[arg(long)]
        member: Option<String>,
    },
    /// Create an API token and print it (shown only now).
    CreateToken {
        #[arg(long)]
        username: String,
        /// What the token is for.
        #[arg(long, default_value = "token")]
        name: String,
        /// Days until it stops working (default: until revoked).
        #[arg(long)]
        expires_in_days: Option<i64>,
    },
    /// Create a member's SCIM token and print it (shown only now): an
    /// identity provider provisions the member's people with it at /scim/v2.
    ScimToken {
        /// Member code, e.g. YST.
        #[arg(long)]
        member: String,
        /// What the token is for.
        #[arg(long, default_value = "scim")]
        name: String,
    },
    /// List API tokens (id, owner, name, created, last used, expires).
    ListTokens {
        /// Only this user's tokens.
        #[arg(long)]
        username: Option<String>,
    },
    /// Revoke an API token by its id: it stops working at once.
    RevokeToken {
        #[arg(long)]
        id: uuid::Uuid,
    },
    /// Disable a login: it cannot sign in, its sessions end, its tokens stop.
    DisableUser {
        #[arg(long)]
        username: String,
    },
    /// Enable a disabled login again.
    EnableUser {
        #[arg(long)]
        username: String,
    },
    /// Change a login's language, staff role, own mail address and roles
    /// in members.
    EditUser {
        #[arg(long)]
        username: String,
        /// sv or en.
        #[arg(long)]
        language: Option<String>,
        /// agent, technician, group_lead, manager or admin; `none` takes it away.
        #[arg(long)]
        staff_role: Option<String>,
        /// The login's own mail address (staff); `none` takes it away, so
        /// mail goes to its person's address, if any.
        #[arg(long, value_name = "ADDRESS")]
        email: Option<String>,
        /// A role in a member to give, as CODE:ROLE (YST:orderer); may be repeated.
        #[arg(long = "add-role", value_name = "CODE:ROLE")]
        add_role: Vec<String>,
        /// A role in a member to take away, as CODE:ROLE; may be repeated.
        #[arg(long = "remove-role", value_name = "CODE:ROLE")]
        remove_role: Vec<String>,
        /// Change the login only if it is still at this version (as
        /// show-user printed it); without it, the version read now.
        #[arg(long)]
        expect_version: Option<i64>,
    },
    /// Show a login: its version, language, roles per member, recent
    /// logins, tokens and accepted user agreements.
    ShowUser {
        #[arg(long)]
        username: String,
    },
    /// Set a user's password.
    SetPassword {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        password: PasswordSource,
    },
    /// Write a consistent backup while the server runs (SQLite: a database
    /// file; PostgreSQL: a pg_dump archive).
    Backup {
        /// The backup file to write (must not exist).
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup into the database (stop the server first).
    Restore {
        /// The backup file to read.
        #[arg(long)]
        from: PathBuf,
        /// Replace a database that already holds a federation.
        #[arg(long)]
        force: bool,
    },
    /// Check that the database is intact; prints the number of tickets.
    Check,
}

pub(crate) async fn open(config: &Config) -> anyhow::Result<App> {
    let url = config.database_url()?;
    let store = Store::connect(&url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    store
        .migrate()
        .await
        .map_err(|e| anyhow::anyhow!("cannot migrate the database: {e}"))?;
    Ok(App::new(store, Arc::new(SystemClock), config.settings()?)
        .with_sso(config.sso()?)
        .with_mail(config.mail()?)
        .with_directories(crate::ldap_config::directories(&config.ldap)?)
        .with_pdf(Arc::new(TypstReports))
        .with_agent_protocol(Arc::new(
            samdrift_integrations::inventory_agent::FusionInventory,
        )))
}

/// Report PDFs, rendered in-process by the report crate.
struct TypstReports;

impl samdrift_app::steering::reports::PdfRenderer for TypstReports {
    fn render(&self, document: &samdrift_domain::document::Document) -> Result<Vec<u8>, String> {
        samdrift_reports::pdf(document).map_err(|e| e.to_string())
    }
}

pub(crate) fn app_error(e: samdrift_app::AppError) -> anyhow::Error {
    match e {
        samdrift_app::AppError::Invalid(fields) => anyhow::anyhow!(
            "{}",
            fields
                .iter()
                .map(|f| format!(
                    "{}: {}",
                    f.field,
                    samdrift_web::messages::english(&f.message)
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        samdrift_app::AppError::Conflict(m) => {
            anyhow::anyhow!("{}", samdrift_web::messages::english(&m))
        }
        other => anyhow::anyhow!("{other}"),
    }
}

/// Prints the tokens (of `username`, or everyone's), one a line.
async fn list_tokens(app: &App, username: Option<String>) -> anyhow::Result<()> {
    let tokens = app
        .tokens(&app.system_scope(), true)
        .await
        .map_err(app_error)?;
    let at = |micros: i64| samdrift_domain::time::from_micros(micros).to_string();
    println!("id\tusername\tname\tcreated\tlast used\texpires");
    for t in tokens
        .iter()
        .filter(|t| username.as_ref().is_none_or(|u| *u == t.username))
    {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            t.id,
            t.username,
            t.name,
            at(t.created_at),
            t.last_used_at.map_or("never".into(), at),
            t.expires_at.map_or("never".into(), at),
        );
    }
    Ok(())
}

/// Disables or enables a login and says so.
async fn set_disabled(app: &App, username: &str, disabled: bool) -> anyhow::Result<()> {
    let key = samdrift_app::credentials::AccountKey::Username(username);
    app.set_account_disabled(&app.system_scope(), key, disabled)
        .await
        .map_err(app_error)?;
    let done = if disabled { "disabled" } else { "enabled" };
    println!("{username} {done}");
    Ok(())
}

/// A member role as `CODE:ROLE`.
fn member_role(text: &str) -> anyhow::Result<(String, String)> {
    match text.split_once(':') {
        Some((code, role)) if !code.trim().is_empty() && !role.trim().is_empty() => {
            Ok((code.trim().to_owned(), role.trim().to_owned()))
        }
        _ => anyhow::bail!("write a role in a member as CODE:ROLE (YST:orderer), not '{text}'"),
    }
}

/// What `admin edit-user` asks for.
struct UserEdit {
    username: String,
    language: Option<String>,
    staff_role: Option<String>,
    email: Option<String>,
    add_role: Vec<String>,
    remove_role: Vec<String>,
    expect_version: Option<i64>,
}

/// Changes a login's language, staff role, own mail address and member
/// roles (given and taken away by name), on the version read now or the
/// one expected.
async fn edit_user(app: &App, e: UserEdit) -> anyhow::Result<()> {
    use samdrift_app::credentials::AccountKey;
    let scope = app.system_scope();
    let key = AccountKey::Username(&e.username);
    let detail = app.account_detail(&scope, key).await.map_err(app_error)?;
    let mut roles: Vec<(String, String)> = detail
        .member_roles
        .iter()
        .map(|r| (r.member.code.clone(), r.role.as_str().to_owned()))
        .collect();
    for text in &e.remove_role {
        let role = member_role(text)?;
        let before = roles.len();
        roles.retain(|r| *r != role);
        if roles.len() == before {
            anyhow::bail!("{} holds no role {text}", e.username);
        }
    }
    for text in &e.add_role {
        let role = member_role(text)?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    let edit = samdrift_app::accounts::AccountEdit {
        language: e.language,
        staff_role: e
            .staff_role
            .map(|r| Some(r).filter(|r| r.as_str() != "none")),
        member_roles: Some(roles),
        email: e.email.map(|a| Some(a).filter(|a| a.as_str() != "none")),
    };
    let version = e.expect_version.unwrap_or(detail.account.version);
    let changed = app
        .edit_account(&scope, key, edit, Some(version))
        .await
        .map_err(|err| match err {
            samdrift_app::AppError::Stale => anyhow::anyhow!(
                "{} was changed since version {version}; run show-user and try again",
                e.username
            ),
            other => app_error(other),
        })?;
    println!(
        "{} changed (version {})",
        e.username, changed.account.version
    );
    Ok(())
}

/// Prints a login's details, one fact a line, tab-separated.
async fn show_user(app: &App, username: &str) -> anyhow::Result<()> {
    let key = samdrift_app::credentials::AccountKey::Username(username);
    let d = app
        .account_detail(&app.system_scope(), key)
        .await
        .map_err(app_error)?;
    let at = |micros: i64| samdrift_domain::time::from_micros(micros).to_string();
    let a = &d.account;
    println!("username\t{}", a.username);
    println!("version\t{}", a.version);
    println!("language\t{}", a.language);
    println!("staff role\t{}", a.staff_role.as_deref().unwrap_or("none"));
    println!("email\t{}", a.email.as_deref().unwrap_or("none"));
    println!("disabled\t{}", a.disabled);
    for r in &d.member_roles {
        println!("role\t{}\t{}", r.member.code, r.role.as_str());
    }
    for l in &d.logins {
        println!("login\t{}\t{}", at(l.at), l.method);
    }
    for t in &d.tokens {
        println!("token\t{}\t{}\t{}", t.id, t.name, at(t.created_at));
    }
    for x in &d.acceptances {
        let current = if x.current { "current" } else { "earlier" };
        let r = &x.record;
        println!(
            "agreement\t{}\t{}\t{}\t{current}",
            r.member_code,
            r.version,
            at(r.accepted_at)
        );
    }
    Ok(())
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let listen = match &cli.command {
        Command::Serve { listen, .. } => listen.clone(),
        _ => None,
    };
    let config = Config::load(
        cli.config.as_deref(),
        Overrides {
            listen,
            data_dir: cli.data_dir.clone(),
            database_url: cli.database_url.clone(),
        },
    )?;
    match cli.command {
        Command::Serve { demo, .. } => {
            crate::serve::init_tracing(&config.log_format);
            if demo {
                crate::people_cli::ensure_demo_key(&config)?;
            }
            let app = open(&config).await?;
            if demo && app.is_empty().await.map_err(app_error)? {
                app.load_demo().await.map_err(app_error)?;
                crate::people_cli::load_demo_people(&app, &config).await?;
                crate::steering_jobs::archive_demo_months(&app).await;
                tracing::info!("loaded the demo federation");
            }
            crate::serve::serve(app, &config).await
        }
        Command::People(cmd) => crate::people_cli::run(&config, cmd).await,
        Command::Migrate => {
            open(&config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Demo {
            scale,
            seed,
            tickets,
        } => {
            crate::people_cli::ensure_demo_key(&config)?;
            let app = open(&config).await?;
            let started = std::time::Instant::now();
            let report = |line: String| {
                eprintln!("{:>7.1} s  {line}", started.elapsed().as_secs_f64());
            };
            let s = app
                .load_scaled_demo(scale, seed, tickets.map(|n| n as usize), &report)
                .await
                .map_err(app_error)?;
            if scale == 1 {
                crate::people_cli::load_demo_people(&app, &config).await?;
            }
            println!(
                "demo federation loaded in {:.1} s: {} members, {} people, {} services, {} tickets ({} events, {} comments)",
                started.elapsed().as_secs_f64(),
                s.members,
                s.people,
                s.services,
                s.tickets,
                s.events,
                s.comments
            );
            Ok(())
        }
        Command::Import(ImportCommand::Tickets { file }) => {
            let app = open(&config).await?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let lines = samdrift_app::import::parse_json_lines(&text).map_err(app_error)?;
            let scope = app.system_scope();
            let imported = app.import_tickets(&scope, lines).await.map_err(app_error)?;
            for i in &imported {
                println!("{}\t{}", i.number, i.id);
            }
            eprintln!("imported {} tickets", imported.len());
            Ok(())
        }
        Command::Admin(AdminCommand::Backup { to }) => {
            crate::backup::backup(&config.database_url()?, &to).await?;
            println!("backup written to {}", to.display());
            Ok(())
        }
        Command::Admin(AdminCommand::Restore { from, force }) => {
            crate::backup::restore(&config.database_url()?, &from, force).await?;
            println!("restored from {}", from.display());
            Ok(())
        }
        Command::Admin(AdminCommand::Check) => {
            let tickets = crate::backup::check(&config.database_url()?).await?;
            println!("ok: {tickets} tickets");
            Ok(())
        }
        Command::Admin(cmd) => {
            let app = open(&config).await?;
            match cmd {
                AdminCommand::CreateUser {
                    username,
                    password,
                    role,
                    member,
                } => {
                    let role = role
                        .parse::<Role>()
                        .map_err(|e| anyhow::anyhow!("{}", samdrift_web::messages::english(&e)))?;
                    let password = password.read()?;
                    let account = app
                        .create_account(
                            None,
                            samdrift_app::registers::NewAccount {
                                username,
                                password,
                                role,
                                member,
                                person: None,
                            },
                        )
                        .await
                        .map_err(app_error)?;
                    println!("created {}", account.username);
                }
                AdminCommand::CreateToken {
                    username,
                    name,
                    expires_in_days,
                } => {
                    let new = samdrift_app::credentials::NewToken {
                        name,
                        expires_in_days,
                    };
                    let issued = app
                        .create_token_for(&username, new)
                        .await
                        .map_err(app_error)?;
                    println!("{}", issued.token);
                }
                AdminCommand::ScimToken { member, name } => {
                    let issued = app
                        .create_scim_token(&app.system_scope(), &member, &name)
                        .await
                        .map_err(app_error)?;
                    println!("{}", issued.token);
                }
                AdminCommand::ListTokens { username } => list_tokens(&app, username).await?,
                AdminCommand::RevokeToken { id } => {
                    app.revoke_token(&app.system_scope(), id)
                        .await
                        .map_err(app_error)?;
                    println!("token {id} revoked");
                }
                AdminCommand::DisableUser { username } => {
                    set_disabled(&app, &username, true).await?;
                }
                AdminCommand::EnableUser { username } => {
                    set_disabled(&app, &username, false).await?;
                }
                AdminCommand::EditUser {
                    username,
                    language,
                    staff_role,
                    email,
                    add_role,
                    remove_role,
                    expect_version,
                } => {
                    let edit = UserEdit {
                        username,
                        language,
                        staff_role,
                        email,
                        add_role,
                        remove_role,
                        expect_version,
                    };
                    edit_user(&app, edit).await?;
                }
                AdminCommand::ShowUser { username } => show_user(&app, &username).await?,
                AdminCommand::SetPassword { username, password } => {
                    app.set_password(&username, &password.read()?)
                        .await
                        .map_err(app_error)?;
                    println!("password set for {username}");
                }
                AdminCommand::Backup { .. }
                | AdminCommand::Restore { .. }
                | AdminCommand::Check => {}
            }
            Ok(())
        }
    }
}
