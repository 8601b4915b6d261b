//! `samdrift people`: deliveries from the members' HR and school systems
//! on the command line (a scheduled job or an administrator).

use crate::cli::{app_error, open};
use crate::config::Config;
use anyhow::Context;
use clap::Subcommand;
use samdrift_app::identity::deliveries::DeliveryView;
use samdrift_app::identity::delivery_file::DeliveryFormat;
use samdrift_domain::identity::source::SourceKind;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum PeopleCommand {
    /// Compare a delivery file with the register and show what it would
    /// change; with --apply, apply it too.
    Deliver {
        /// The member's code (e.g. YST).
        #[arg(long)]
        member: String,
        /// hr or school.
        #[arg(long)]
        source: String,
        /// The file names everyone: people of the source it leaves out leave.
        #[arg(long)]
        full: bool,
        /// Apply the delivery after the comparison.
        #[arg(long)]
        apply: bool,
        /// Confirm a delivery that ends more than the member's share of people.
        #[arg(long)]
        confirm: bool,
        /// The file: CSV, or JSON Lines if it ends in .json or .jsonl.
        file: PathBuf,
    },
    /// Read a member's directory (Active Directory or OpenLDAP, as
    /// configured in `[[ldap]]`) now: each person's directory account and
    /// groups.
    ReadDirectory {
        /// The member's code (e.g. YST).
        #[arg(long)]
        member: String,
    },
    /// Apply a delivery received earlier.
    Apply {
        /// The delivery's id.
        #[arg(long)]
        delivery: uuid::Uuid,
        /// Confirm a delivery that ends more than the member's share of people.
        #[arg(long)]
        confirm: bool,
    },
}

/// Creates the demo's personnummer key beside the database unless a key
/// file is configured or one is already there.
pub fn ensure_demo_key(config: &Config) -> anyhow::Result<()> {
    let file = config.demo_key_file();
    if config.personnummer_key_file.is_some() || file.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create {}", config.data_dir.display()))?;
    let text = samdrift_app::identity::sealing::PersonnummerKey::generate_file_text();
    std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))
}

/// Applies the demo's first HR and school deliveries and writes the
/// second round to `demo-deliveries/` in the data directory, to deliver
/// by hand (`samdrift people deliver`).
pub async fn load_demo_people(app: &samdrift_app::App, config: &Config) -> anyhow::Result<()> {
    app.load_demo_people().await.map_err(app_error)?;
    let dir = config.data_dir.join("demo-deliveries");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for d in samdrift_app::demo_people::demo_deliveries() {
        let path = dir.join(&d.file_name);
        std::fs::write(&path, &d.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn print_view(v: &DeliveryView) {
    let s = &v.summary;
    println!(
        "delivery {} ({}{}): {}\njoiners {}, movers {}, updates {}, leavers {}, unchanged {}, held by the other source {}",
        v.record.id,
        v.record.source,
        if v.record.is_full { ", full" } else { "" },
        v.record.state,
        s.joiners,
        s.movers,
        s.updates,
        s.leavers,
        s.unchanged,
        s.held_elsewhere
    );
    if s.needs_confirmation && v.record.state != "applied" {
        println!(
            "{} of {} active people would leave, more than {} %: an administrator must confirm (--confirm)",
            s.leavers, s.active, s.share_percent
        );
    }
}

pub async fn run(config: &Config, cmd: PeopleCommand) -> anyhow::Result<()> {
    let app = open(config).await?;
    let scope = app.system_scope();
    match cmd {
        PeopleCommand::ReadDirectory { member } => {
            let read = app
                .read_directory(Some(&scope), &member)
                .await
                .map_err(app_error)?;
            if let Some(error) = read.error {
                anyhow::bail!("the directory of {member} could not be read: {error}");
            }
            println!(
                "read {} users and {} groups; {} matched a person, {} matched nobody",
                read.users_read, read.groups_read, read.matched, read.unmatched_count
            );
        }
        PeopleCommand::Deliver {
            member,
            source,
            full,
            apply,
            confirm,
            file,
        } => {
            let source: SourceKind = source
                .parse()
                .map_err(|_| anyhow::anyhow!("--source must be hr or school"))?;
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let member = app
                .member_in_scope(&scope, &member)
                .await
                .map_err(app_error)?;
            let format = DeliveryFormat::from_name(&file.to_string_lossy());
            let view = app
                .receive_delivery(
                    &scope,
                    samdrift_domain::ids::MemberId(member.id),
                    source,
                    full,
                    format,
                    &bytes,
                )
                .await
                .map_err(app_error)?;
            print_view(&view);
            if apply {
                let done = app
                    .apply_delivery(&scope, view.record.id, view.record.version, confirm)
                    .await
                    .map_err(app_error)?;
                print_view(&done);
            }
        }
        PeopleCommand::Apply { delivery, confirm } => {
            let view = app.delivery(&scope, delivery).await.map_err(app_error)?;
            let done = app
                .apply_delivery(&scope, delivery, view.record.version, confirm)
                .await
                .map_err(app_error)?;
            print_view(&done);
        }
    }
    Ok(())
}
