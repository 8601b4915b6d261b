//! The web UI: server-rendered pages (askama), Swedish by default and
//! English on request, working without JavaScript. Pages call the same use
//! cases as the API; no SQL here.

mod acceptances;
mod account;
mod admin;
mod agreement;
mod callers;
mod catalog;
mod channels;
pub mod i18n;
mod identity_i18n;
mod inventory;
mod inventory_i18n;
mod login;
mod mail_i18n;
mod member;
mod notifications;
mod portal;
mod queues;
mod rating;
mod satisfaction;
mod satisfaction_i18n;
mod session;
mod sso;
pub mod steering;
mod steering_i18n;
mod surveys;
mod tickets;
mod upload;

use crate::router::AppState;
use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use i18n::Tr;
use samdrift_app::AppError;
use samdrift_domain::scope::Scope;
use session::UiUser;

const CSS: &str = include_str!("../../static/app.css");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/notifications", get(notifications::list))
        .route("/notifications/read", post(notifications::read_all))
        .route("/notifications/{id}/read", post(notifications::read_one))
        .route("/login/sso/callback", get(sso::callback))
        .route("/login/sso/{key}", get(sso::begin))
        .route("/agreement", get(agreement::show).post(agreement::accept))
        .route("/language", post(login::language))
        .route(
            "/account/tokens",
            get(account::tokens).post(account::create_token),
        )
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route(
            "/account/notifications",
            get(channels::show).post(channels::save),
        )
        .route(
            "/account/password",
            get(account::password).post(account::change_password),
        )
        .route("/portal", get(portal::home))
        .route(
            "/portal/new",
            get(portal::new_form)
                .post(portal::create)
                .layer(axum::extract::DefaultBodyLimit::max(64 * 1024 * 1024)),
        )
        .route("/tickets/{id}", get(tickets::show))
        .route("/tickets/{id}/comment", post(tickets::comment))
        .route("/tickets/{id}/items", post(tickets::link_item))
        .route("/tickets/{id}/update", post(tickets::update))
        .route(
            "/tickets/{id}/mail-contact/confirm",
            post(tickets::confirm_contact),
        )
        .route(
            "/tickets/{id}/mail-contact/reject",
            post(tickets::reject_contact),
        )
        .route(
            "/tickets/{id}/attach",
            post(tickets::attach).layer(axum::extract::DefaultBodyLimit::max(64 * 1024 * 1024)),
        )
        .route("/agent", get(queues::show))
        .route("/agent/filters", post(queues::save_filter))
        .route("/agent/filters/{id}/delete", post(queues::delete_filter))
        .route("/agent/callers", get(callers::search))
        .route("/agent/lead", get(callers::lead))
        .route("/member", get(member::home))
        .route("/member/report", get(member::report))
        .route("/member/user-agreement", get(acceptances::show))
        .route("/tickets/{id}/rating", post(rating::rate_ticket))
        .route("/rate/{token}", get(rating::show).post(rating::submit))
        .route("/satisfaction", get(satisfaction::show))
        .route("/satisfaction/surveys", get(surveys::show))
        .route("/satisfaction/surveys/new", post(surveys::create))
        .route("/satisfaction/surveys/{id}/{action}", post(surveys::act))
        .route(
            "/survey/{token}",
            get(surveys::answer_show).post(surveys::answer_submit),
        )
        .route("/static/app.css", get(css))
        .merge(admin::routes())
        .merge(catalog::routes())
        .merge(steering::routes())
        .merge(inventory::routes())
}

async fn css() -> Response {
    let mut r = CSS.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

/// Where each role lands after signing in.
pub fn landing(scope: &Scope) -> &'static str {
    use samdrift_domain::role::MemberRole;
    if scope.staff == Some(samdrift_domain::role::StaffRole::Manager) {
        "/steering"
    } else if scope.is_staff() {
        "/agent"
    } else if scope
        .member_roles
        .iter()
        .any(|(_, r)| matches!(r, MemberRole::Orderer | MemberRole::Strategist))
    {
        "/member"
    } else {
        "/portal"
    }
}

async fn home(user: UiUser) -> Redirect {
    Redirect::to(landing(&user.scope))
}

/// The frame every page shares: language, user, navigation.
pub struct Frame {
    pub t: Tr,
    pub csrf: String,
    pub username: String,
    pub nav: Vec<(&'static str, &'static str, bool)>,
    pub back: String,
    /// Whether the header links to the user's own account (not while a
    /// user agreement waits to be accepted).
    pub account_link: bool,
    /// Unread notifications (the bell; at most 100, shown "99+" beyond).
    pub unread: i64,
}

impl Frame {
    /// The bell's count as shown.
    pub fn unread_text(&self) -> String {
        if self.unread > 99 {
            "99+".into()
        } else {
            self.unread.to_string()
        }
    }
}

impl Frame {
    pub fn of(user: &UiUser, current: &str) -> Frame {
        let mut nav = Vec::new();
        let s = &user.scope;
        if s.is_staff() {
            nav.push(("/agent", user.tr.t("nav.queues"), false));
            nav.push(("/agent/callers", user.tr.t("nav.callers"), false));
            nav.push(("/agent/lead", user.tr.t("nav.lead"), false));
            nav.push(("/agent/tasks", user.tr.t("nav.tasks"), false));
            nav.push(("/satisfaction", user.tr.t("satisfaction.nav"), false));
        }
        if s.may_manage_registers() {
            nav.push(("/admin", user.tr.t("nav.admin"), false));
        }
        if s.is_staff()
            || s.member_roles
                .iter()
                .any(|(_, r)| !matches!(r, samdrift_domain::role::MemberRole::EndUser))
        {
            nav.push(("/steering", user.tr.t("steering.nav.overview"), false));
            nav.push(("/inventory", user.tr.t("inventory.nav"), false));
        }
        if s.member_roles
            .iter()
            .any(|(_, r)| !matches!(r, samdrift_domain::role::MemberRole::EndUser))
        {
            nav.push(("/member", user.tr.t("nav.member"), false));
            nav.push(("/member/report", user.tr.t("nav.sla_report"), false));
            nav.push((
                "/member/subscriptions",
                user.tr.t("nav.subscriptions"),
                false,
            ));
            nav.push(("/member/invoice", user.tr.t("nav.invoice"), false));
            nav.push(("/member/user-agreement", user.tr.t("identity.nav"), false));
            if !s.is_staff() {
                nav.push(("/satisfaction", user.tr.t("satisfaction.nav"), false));
            }
        }
        if !s.member_roles.is_empty() {
            nav.push(("/portal", user.tr.t("nav.portal"), false));
            nav.push(("/portal/new", user.tr.t("nav.report"), false));
            nav.push(("/portal/catalog", user.tr.t("nav.catalog"), false));
            nav.push(("/portal/approvals", user.tr.t("nav.approvals"), false));
        }
        for item in nav.iter_mut() {
            item.2 = item.0 == current;
        }
        Frame {
            t: user.tr,
            csrf: user.csrf.clone(),
            username: s.username.clone(),
            nav,
            back: current.to_owned(),
            account_link: true,
            unread: user.unread,
        }
    }

    /// The frame of the user agreement page: no navigation, since nothing
    /// else opens before the agreement is accepted; the language switch
    /// and signing out stay.
    pub fn bare(user: &UiUser, current: &str) -> Frame {
        Frame {
            t: user.tr,
            csrf: user.csrf.clone(),
            username: user.scope.username.clone(),
            nav: Vec::new(),
            back: current.to_owned(),
            account_link: false,
            unread: 0,
        }
    }
}

/// Renders a template, or a plain error page if rendering fails.
pub fn page<T: Template>(status: StatusCode, template: &T) -> Response {
    match template.render() {
        Ok(html) => {
            let mut r = (status, Html(html)).into_response();
            r.headers_mut()
                .insert("x-frame-options", HeaderValue::from_static("DENY"));
            r.headers_mut().insert(
                "content-security-policy",
                HeaderValue::from_static("default-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"),
            );
            r
        }
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "Sidan kunde inte visas / the page could not be shown",
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub frame: Frame,
    pub t: Tr,
    pub message: String,
}

/// The page for a use case that failed: 404 for what is not there (or not
/// the caller's, which looks the same), 403 for what the role may not do,
/// and for a fault of the database a 503 naming the incident id that is
/// logged with the fault. Never an empty page that hides the fault.
pub fn failure(user: &UiUser, err: impl std::borrow::Borrow<AppError>) -> Response {
    let t = &user.tr;
    match err.borrow() {
        AppError::NotFound(_) => {
            error_page(user, StatusCode::NOT_FOUND, t.t("error.not_found").into())
        }
        AppError::Forbidden(_) => {
            error_page(user, StatusCode::FORBIDDEN, t.t("error.forbidden").into())
        }
        other => error_page(
            user,
            StatusCode::SERVICE_UNAVAILABLE,
            unavailable(t, other, "a page could not be read"),
        ),
    }
}

/// Logs a failure under a new incident id and says, in the reader's
/// language, that the service is unavailable, naming the incident.
pub fn unavailable(t: &Tr, err: &AppError, what: &'static str) -> String {
    let incident = uuid::Uuid::new_v4();
    tracing::error!(%incident, error = %err, "{what}");
    t.t("error.unavailable")
        .replace("{incident}", &incident.to_string())
}

/// An error page inside the frame, for a user-facing failure.
pub fn error_page(user: &UiUser, status: StatusCode, message: String) -> Response {
    page(
        status,
        &ErrorPage {
            frame: Frame::of(user, ""),
            t: user.tr,
            message,
        },
    )
}
