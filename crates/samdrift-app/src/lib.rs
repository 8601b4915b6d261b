//! Use cases of samdrift: load, decide with the domain rules, store, record
//! what happened. Authorization and tenancy are enforced here, so the web
//! API, the UI, the CLI and background jobs all get the same answers.

pub mod accounts;
pub mod auth;
mod auth_cache;
pub mod catalog;
pub mod credentials;
pub mod demo;
mod demo_catalog;
mod demo_inventory;
mod demo_mail;
pub mod demo_people;
mod demo_satisfaction;
mod demo_steering;
mod error;
pub mod identity;
pub mod ids;
pub mod import;
pub mod inventory;
pub mod login;
pub mod mail;
pub mod notify;
mod notify_expiry;
pub mod queries;
pub mod registers;
pub mod satisfaction;
pub mod saved_filters;
pub mod scale;
pub mod scim;
pub mod service_levels;
pub mod sso;
pub mod steering;
pub mod tickets;
pub mod user_agreements;

pub use error::AppError;
pub use samdrift_store::{Backend, Store, StoreError};

use samdrift_domain::time::Clock;
use std::sync::Arc;

/// Settings the use cases follow.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Days a requester may reopen a resolved ticket; after them it closes.
    pub reopen_days: i64,
    /// Largest attachment accepted, in bytes.
    pub attachment_max_bytes: usize,
    /// Hours a browser session lasts.
    pub session_hours: i64,
    /// Password checks for one username from one client address within 15
    /// minutes; further attempts from that address are refused before any
    /// password is checked.
    pub login_attempts: i64,
    /// Failed logins for one username from one address before each further
    /// attempt must wait (1 s, then doubling).
    pub login_free_attempts: i64,
    /// Password checks for one username from all addresses together within
    /// 15 minutes (against guessing spread over many addresses).
    pub login_account_ceiling: i64,
    /// Orders changing a member's yearly cost by this much (öre) or more
    /// need the federation manager's confirmation; 0 = never.
    pub large_order_ore: i64,
    /// The key personnummer are sealed and matched with; without one a
    /// delivery carrying personnummer is refused.
    pub personnummer_key: Option<Arc<identity::sealing::PersonnummerKey>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            reopen_days: 10,
            attachment_max_bytes: 10 * 1024 * 1024,
            session_hours: 12,
            login_attempts: 10,
            login_free_attempts: 5,
            login_account_ceiling: 100,
            large_order_ore: 10_000_000,
            personnummer_key: None,
        }
    }
}

/// The application: the store, the clock and the settings.
#[derive(Clone)]
pub struct App {
    /// Private to the use cases: every read or write from outside goes
    /// through a use case that takes the caller's `Scope`.
    pub(crate) store: Store,
    pub clock: Arc<dyn Clock>,
    pub settings: Settings,
    /// New tickets waiting to be committed together (group commit).
    creations: Arc<samdrift_store::tickets::CreationQueue>,
    /// Credentials checked in the last two seconds.
    auth_cache: Arc<auth_cache::AuthCache>,
    /// Passwords checked against a hash by this node since it started.
    password_checks: Arc<std::sync::atomic::AtomicU64>,
    /// The server secret the login throttle's keys are made with, read
    /// from the database once.
    login_secret: Arc<tokio::sync::OnceCell<String>>,
    /// The single sign-on providers (none unless configured).
    sso: Arc<sso::SsoProviders>,
    /// The members' directories (none unless configured).
    directories: Arc<identity::directory::Directories>,
    /// How samdrift mails (nothing is mailed unless configured).
    mail: Arc<mail::MailSettings>,
    /// Woken when mail is queued, so the sender need not wait for its
    /// next look.
    mail_wake: Arc<tokio::sync::Notify>,
    /// The key reply tokens are made with, read from the database once.
    reply_secret: Arc<tokio::sync::OnceCell<String>>,
    /// Renders reports as PDF (none: PDFs are refused with a message).
    pdf: Option<Arc<dyn steering::reports::PdfRenderer>>,
    /// Reads inventory agents' requests (none: agents are refused).
    agents: Option<Arc<dyn inventory::agents::AgentProtocol>>,
    /// Woken when an agent's inventory is received, so it is applied at once.
    agent_wake: Arc<tokio::sync::Notify>,
}

impl App {
    pub fn new(store: Store, clock: Arc<dyn Clock>, settings: Settings) -> App {
        App {
            store,
            clock,
            settings,
            creations: samdrift_store::tickets::CreationQueue::new(),
            auth_cache: Arc::default(),
            password_checks: Arc::default(),
            login_secret: Arc::default(),
            mail: Arc::default(),
            mail_wake: Arc::default(),
            reply_secret: Arc::default(),
            sso: Arc::default(),
            directories: Arc::default(),
            pdf: None,
            agents: None,
            agent_wake: Arc::default(),
        }
    }

    /// The app that mails as `settings` say.
    pub fn with_mail(mut self, settings: mail::MailSettings) -> App {
        self.mail = Arc::new(settings);
        self
    }

    /// The app's mail settings.
    pub fn mail_settings(&self) -> &mail::MailSettings {
        &self.mail
    }

    /// The app with these single sign-on providers.
    pub fn with_sso(mut self, providers: sso::SsoProviders) -> App {
        self.sso = Arc::new(providers);
        self
    }

    /// How many passwords this node has checked against a hash (each an
    /// Argon2 computation) since it started: what a login limit bounds.
    pub fn password_checks(&self) -> u64 {
        self.password_checks
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Now, in stored microseconds.
    pub fn now_micros(&self) -> i64 {
        samdrift_domain::time::to_micros(self.clock.now())
    }
}

/// The system clock, the only place that reads the current time.
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> jiff::Timestamp {
        jiff::Timestamp::now()
    }
}
