//! The steering jobs of the server: every hour the monthly figures of this
//! month and the last are brought up to date (views read them, never
//! recompute them), as are this month's compliance with the common
//! standard and platform diversity, and from the first working day of a month each
//! member's report for the month before is made in Swedish and English
//! and archived. Any number of nodes may run this: an archived report is
//! written once and never replaced.

use samdrift_app::{App, AppError};
use samdrift_web::ui::i18n::{Lang, Tr};
use std::time::Duration;

pub fn spawn(app: App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(e) = app.refresh_figures().await {
                tracing::warn!(error = %e, "computing the monthly figures failed");
            }
            if let Err(e) = app.refresh_inventory_figures().await {
                tracing::warn!(error = %e, "computing the inventory's compliance failed");
            }
            match archive_due(&app).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(archived = n, "monthly member reports archived"),
                Err(e) => tracing::warn!(error = %e, "archiving the monthly member reports failed"),
            }
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    })
}

/// Archives the reports due for last month; how many.
pub async fn archive_due(app: &App) -> Result<usize, AppError> {
    let mut n = 0;
    for lang in ["sv", "en"] {
        for (member, month) in app.member_reports_due(lang).await? {
            n += archive(app, &member.code, &month, lang).await?;
        }
    }
    Ok(n)
}

/// Archives every member's report for `month` that is not archived yet
/// (the demo's earlier months); how many.
pub async fn archive_month(app: &App, month: &str) -> Result<usize, AppError> {
    let mut n = 0;
    for lang in ["sv", "en"] {
        for member in app.missing_member_reports(lang, month).await? {
            n += archive(app, &member.code, month, lang).await?;
        }
    }
    Ok(n)
}

async fn archive(app: &App, code: &str, month: &str, lang: &str) -> Result<usize, AppError> {
    let scope = app.system_scope();
    let report = app.member_report(&scope, code, month).await?;
    let document =
        samdrift_web::ui::steering::documents::member_report(&Tr(Lang::parse(lang)), &report);
    Ok(usize::from(
        app.archive_member_report(&report.member, month, document)
            .await?,
    ))
}

/// The demo's archive: every member's reports of the three months before
/// this one.
pub async fn archive_demo_months(app: &App) {
    let today = samdrift_app::catalog::today(app);
    let Ok(last) = today.first_of_month().yesterday() else {
        return;
    };
    for month in samdrift_domain::steering::months_ending(last, 3) {
        if let Err(e) = archive_month(app, &month).await {
            tracing::warn!(error = %e, %month, "archiving the demo's monthly reports failed");
        }
    }
}
