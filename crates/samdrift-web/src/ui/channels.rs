//! The signed-in user's choice of how they hear of each kind of
//! notification ("Aviseringar och e-post", on their own account pages):
//! a fieldset of three radio buttons per kind (in the product only, also
//! by e-mail at once, also in the daily digest), the role's default named
//! in words beside its button. The form carries the session's CSRF token;
//! a saved form comes back with a confirmation, a refused one with each
//! problem next to its kind and what was chosen kept.

use super::admin::Problems;
use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, error_page, failure, page};
use crate::router::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samdrift_app::AppError;
use samdrift_app::mail::preferences::ChannelChoice;
use samdrift_domain::notify::{Channel, Kind, default_channel};
use serde::Deserialize;

/// One radio button of a kind's fieldset.
pub struct ChannelOption {
    pub id: String,
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
    /// Whether it is the role's default for the kind.
    pub default: bool,
}

/// One kind of notification with its buttons.
pub struct KindRow {
    pub kind: &'static str,
    pub name: &'static str,
    pub help: &'static str,
    pub options: Vec<ChannelOption>,
}

#[derive(Template)]
#[template(path = "account_notifications.html")]
struct ChannelsPage {
    frame: Frame,
    t: Tr,
    errors: Problems,
    saved: bool,
    rows: Vec<KindRow>,
}

#[derive(Deserialize)]
pub struct Saved {
    #[serde(default)]
    saved: Option<String>,
}

/// The rows of the form: each kind's channel as `chosen` says (what was
/// sent), else as stored.
fn rows(
    t: &Tr,
    staff: bool,
    stored: &[ChannelChoice],
    chosen: &[(String, String)],
) -> Vec<KindRow> {
    Kind::ALL
        .into_iter()
        .map(|kind| {
            let sent = chosen
                .iter()
                .find(|(k, _)| k == kind.as_str())
                .and_then(|(_, c)| Channel::parse(c));
            let current =
                sent.or_else(|| stored.iter().find(|c| c.kind == kind).map(|c| c.channel));
            let default = default_channel(kind, staff);
            KindRow {
                kind: kind.as_str(),
                name: t.t(&format!("notify.kind.{}", kind.as_str())),
                help: t.t(&format!("notify.kind.{}.help", kind.as_str())),
                options: Channel::ALL
                    .into_iter()
                    .map(|c| ChannelOption {
                        id: format!("f-{}-{}", kind.as_str(), c.as_str()),
                        value: c.as_str(),
                        label: t.t(&format!("notify.channel.{}", c.as_str())),
                        checked: current == Some(c),
                        default: c == default,
                    })
                    .collect(),
            }
        })
        .collect()
}

async fn render(
    state: &AppState,
    user: &UiUser,
    chosen: &[(String, String)],
    errors: Problems,
    saved: bool,
) -> Response {
    let stored = match state.app.notification_channels(&user.scope).await {
        Ok(list) => list,
        Err(e) => return failure(user, e),
    };
    let p = ChannelsPage {
        frame: Frame::of(user, "/account/notifications"),
        t: user.tr,
        rows: rows(&user.tr, user.scope.is_staff(), &stored, chosen),
        saved,
        errors,
    };
    page(p.errors.status(), &p)
}

/// GET /account/notifications
pub async fn show(State(state): State<AppState>, user: UiUser, Query(q): Query<Saved>) -> Response {
    render(&state, &user, &[], Problems::default(), q.saved.is_some()).await
}

/// POST /account/notifications: one `kind=channel` pair per kind.
pub async fn save(
    State(state): State<AppState>,
    user: UiUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str());
    if !user.csrf_ok(csrf.unwrap_or_default()) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let choices: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k != "csrf").collect();
    match state
        .app
        .set_notification_channels(&user.scope, &choices)
        .await
    {
        Ok(_) => Redirect::to("/account/notifications?saved=1").into_response(),
        Err(AppError::Invalid(fields)) => {
            let t = &user.tr;
            let mut errors = Problems::default();
            for f in fields {
                // A kind the form does not have (a forged form) is named
                // at the top of the form.
                let (field, label) = match Kind::parse(&f.field) {
                    Some(k) => (k.as_str(), t.t(&format!("notify.kind.{}", k.as_str()))),
                    None => ("channels", t.t("account.notifications.unknown_kind")),
                };
                let message = crate::messages::render(t, &f.message);
                errors.push_labelled(field, label.into(), message);
            }
            render(&state, &user, &choices, errors, false).await
        }
        Err(e) => failure(&user, e),
    }
}
