//! Running the server: logging, metrics, the background sweep that closes
//! expired resolved tickets and deletes login attempts past their window,
//! and graceful shutdown on Ctrl-C / SIGTERM.

use crate::config::Config;
use anyhow::Context;
use samdrift_app::App;
use samdrift_web::{AppState, router};
use std::time::Duration;

pub fn init_tracing(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if format == "json" {
        let _ = builder.json().try_init();
    } else {
        let _ = builder.try_init();
    }
}

pub async fn serve(app: App, config: &Config) -> anyhow::Result<()> {
    let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
        .install_recorder()
        .context("cannot install the metrics recorder")?;
    let metrics_only = config.metrics_listen.as_ref().map(|address| {
        (
            address.clone(),
            samdrift_web::metrics_router(metrics.clone()),
        )
    });
    let state = AppState {
        app: app.clone(),
        metrics,
        metrics_token: config.metrics_token()?,
        secure_cookies: config.secure_cookies,
        trusted_proxies: config.trusted_proxies()?,
    };
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    tracing::info!(address = %config.listen, "samdrift is listening");
    let timer_app = app.clone();
    let delivery_dir = config.people_delivery_dir.clone();
    let sweeper = tokio::spawn(async move {
        loop {
            if let Err(e) = app.close_expired_resolved().await {
                tracing::warn!(error = %e, "closing expired resolved tickets failed");
            }
            if let Err(e) = app.forget_old_login_attempts().await {
                tracing::warn!(error = %e, "deleting old login attempts failed");
            }
            if let Err(e) = app.forget_expired_sso_logins().await {
                tracing::warn!(error = %e, "deleting expired single sign-on logins failed");
            }
            match app.tell_what_expires().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(told = n, "told of agreements and tokens about to end"),
                Err(e) => tracing::warn!(error = %e, "telling of what is about to end failed"),
            }
            if let Some(dir) = &delivery_dir {
                crate::delivery_dir::sweep(&app, dir).await;
            }
            match app.end_people_past_last_day().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(left = n, "people whose last day passed have left"),
                Err(e) => tracing::warn!(error = %e, "ending people past their last day failed"),
            }
            match app.forget_people_past_retention().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    forgotten = n,
                    "people past their member's retention period forgotten"
                ),
                Err(e) => tracing::warn!(error = %e, "forgetting people past retention failed"),
            }
            tokio::time::sleep(Duration::from_secs(300)).await;
        }
    });
    let steering = crate::steering_jobs::spawn(timer_app.clone());
    let agents = apply_agent_inventories(&timer_app);
    let directories = read_directories(&timer_app, &config.ldap);
    let mut mail_tasks = send_mail(&timer_app);
    for settings in crate::mail_config::mailboxes(config.mail.as_ref(), &config.mailbox)? {
        mail_tasks.push(read_mailbox(&timer_app, settings));
    }
    // SLA warnings and breaches: timers are rows in the database, claimed
    // once, so any number of nodes may run this loop.
    let timers = tokio::spawn(async move {
        loop {
            match timer_app.fire_due_timers().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(fired = n, "service-level timers fired"),
                Err(e) => tracing::warn!(error = %e, "firing service-level timers failed"),
            }
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
    });
    let scraper = match metrics_only {
        Some((address, routes)) => {
            let listener = tokio::net::TcpListener::bind(&address)
                .await
                .with_context(|| format!("cannot listen on {address} for metrics"))?;
            tracing::info!(%address, "metrics are served");
            Some(tokio::spawn(
                async move { axum::serve(listener, routes).await },
            ))
        }
        None => None,
    };
    let service = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown())
        .await
        .context("server failed")?;
    sweeper.abort();
    timers.abort();
    steering.abort();
    agents.abort();
    for d in directories.into_iter().chain(mail_tasks) {
        d.abort();
    }
    if let Some(scraper) = scraper {
        scraper.abort();
    }
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Reads each member's directory at start and then every `every_minutes`.
/// A read replaces the member's directory accounts whole, so a read on
/// two nodes at once ends the same.
fn read_directories(
    app: &samdrift_app::App,
    configs: &[crate::ldap_config::LdapConfig],
) -> Vec<tokio::task::JoinHandle<()>> {
    configs
        .iter()
        .map(|c| {
            let app = app.clone();
            let member = c.member.clone();
            let every = Duration::from_secs(c.every_minutes.saturating_mul(60));
            tokio::spawn(async move {
                loop {
                    if let Err(e) = app.read_directory(None, &member).await {
                        tracing::warn!(%member, error = %e, "reading a directory failed");
                    }
                    tokio::time::sleep(every).await;
                }
            })
        })
        .collect()
}

/// Applies the inventories agents send as they arrive (woken at once,
/// looking every five seconds anyway for a lapsed claim). They are claimed
/// in the database, so any number of nodes may run this.
fn apply_agent_inventories(app: &samdrift_app::App) -> tokio::task::JoinHandle<()> {
    const BATCH: i64 = 50;
    let app = app.clone();
    tokio::spawn(async move {
        loop {
            match app.apply_agent_inbox(BATCH).await {
                Ok(applied) => {
                    for a in &applied {
                        tracing::info!(
                            item = ?a.item,
                            apply_ms = a.took.as_secs_f64() * 1000.0,
                            "agent inventory applied"
                        );
                    }
                    if applied.len() as i64 == BATCH {
                        continue;
                    }
                }
                Err(e) => tracing::warn!(error = %e, "applying agents' inventories failed"),
            }
            app.agent_reports_queued(Duration::from_secs(5)).await;
        }
    })
}

/// Sends the outbox as mail is queued (woken at once, looking every five
/// seconds anyway for retries), and the daily digests every hour. Mail
/// is claimed in the database, so any number of nodes may run this.
fn send_mail(app: &samdrift_app::App) -> Vec<tokio::task::JoinHandle<()>> {
    if !app.mail_settings().enabled() {
        return Vec::new();
    }
    let sender = app.clone();
    let digests = app.clone();
    vec![
        tokio::spawn(async move {
            loop {
                match sender.send_due_mail(200).await {
                    Ok(200) => continue,
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "sending mail failed"),
                }
                sender.mail_queued(Duration::from_secs(5)).await;
            }
        }),
        tokio::spawn(async move {
            loop {
                match digests.send_digests().await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(digests = n, "daily digests queued"),
                    Err(e) => tracing::warn!(error = %e, "queuing daily digests failed"),
                }
                tokio::time::sleep(Duration::from_secs(3600)).await;
            }
        }),
    ]
}

/// Reads a member's desk mailbox for as long as the server runs,
/// connecting again a while after the connection fails.
fn read_mailbox(
    app: &samdrift_app::App,
    settings: samdrift_integrations::imap::ImapSettings,
) -> tokio::task::JoinHandle<()> {
    let app = app.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = samdrift_integrations::imap::watch(&app, &settings).await {
                tracing::warn!(mailbox = %settings.mailbox.key, error = %e, "reading a mailbox failed; trying again in 30 s");
            }
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
    })
}
