//! The member's subscriptions, orders, invoice basis and budget: what the
//! member's orderers and strategists (and staff, for any member with
//! `?member=CODE`) read about what the member pays for. The orderer orders
//! here, and withdraws an order still waiting for the federation manager.
//!
//! Figures come from the use cases as they are; this module only puts them
//! in the user's language (words for statuses and units, kronor, the
//! arithmetic of each invoice line and the use cases' messages).

use super::super::admin::{Choice, Problems, say};
use super::super::i18n::Tr;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use crate::router::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::civil::Date;
use samdrift_app::AppError;
use samdrift_app::catalog::offerings::Catalog;
use samdrift_app::catalog::orders::{OrderDetail, OrderInput};
use samdrift_app::queries::records::MemberRecord;
use samdrift_app::queries::records::SubscriptionRow;
use samdrift_domain::charging::{Budget, InvoiceBasis, InvoiceLine, LineKind};
use samdrift_domain::error::FieldError;
use samdrift_domain::ids::MemberId;
use samdrift_domain::role::MemberRole;
use serde::Deserialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/member/subscriptions", get(subscriptions))
        .route("/member/orders", post(place_order))
        .route("/member/orders/{id}/withdraw", post(withdraw))
        .route("/member/invoice", get(invoice))
        .route("/member/budget", get(budget))
}

/// Units of offerings, each with its word in the catalogs
/// (`accounts.unit.{unit}`).
pub const UNITS: [&str; 6] = [
    "workstation",
    "user",
    "mailbox",
    "server",
    "month",
    "fixed_year",
];

/// A word from the catalogs built from a prefix and a stored value; the
/// value itself when the catalogs do not know it.
pub fn word(t: &Tr, prefix: &str, value: &str) -> String {
    match t.t(&format!("{prefix}.{value}")) {
        "?" => value.to_owned(),
        text => text.to_owned(),
    }
}

/// A quantity change with its sign: `+50`, `−20`.
pub fn signed(n: i64) -> String {
    if n < 0 {
        format!("\u{2212}{}", n.unsigned_abs())
    } else {
        format!("+{n}")
    }
}

/// Money with its sign when it is a change: `+450 000,00 kr`.
pub fn signed_money(t: &Tr, ore: i64) -> String {
    if ore > 0 {
        format!("+{}", t.money(ore))
    } else {
        t.money(ore)
    }
}

/// Today in Europe/Stockholm by the application's clock.
pub fn today(state: &AppState) -> Date {
    samdrift_app::catalog::today(&state.app)
}

/// The use case's field errors as problems on a form: `fields` maps the use
/// case's field to the form's field and the label's key; a field not listed
/// goes to the first form field, so no message is lost.
pub fn problems(t: &Tr, errors: Vec<FieldError>, fields: &[(&str, &str, &str)]) -> Problems {
    let mut out = Problems::default();
    for e in errors {
        let message = say(t, &e.message);
        match fields.iter().find(|(app, _, _)| *app == e.field) {
            Some((_, form, label)) => out.push_labelled(form, t.t(label).to_owned(), message),
            None => {
                let (form, label) = fields
                    .first()
                    .map(|(_, f, l)| (*f, t.t(l).to_owned()))
                    .unwrap_or(("form", String::new()));
                out.push_labelled(form, label, message);
            }
        }
    }
    out
}

fn no_member(user: &UiUser) -> Response {
    error_page(
        user,
        StatusCode::NOT_FOUND,
        user.tr.t("accounts.no_member").into(),
    )
}

/// A use case's refusal that is not about the form's fields, as a page.
fn failed(user: &UiUser, err: AppError) -> Response {
    let t = &user.tr;
    match err {
        AppError::Forbidden(_) => error_page(
            user,
            StatusCode::FORBIDDEN,
            t.t("accounts.forbidden").into(),
        ),
        AppError::NotFound(_) => error_page(
            user,
            StatusCode::NOT_FOUND,
            t.t("accounts.not_found").into(),
        ),
        AppError::Invalid(errors) => {
            let text: Vec<String> = errors.iter().map(|e| say(t, &e.message)).collect();
            error_page(user, StatusCode::UNPROCESSABLE_ENTITY, text.join(" "))
        }
        other => {
            tracing::error!(error = %other, "an accounts page failed");
            error_page(
                user,
                StatusCode::SERVICE_UNAVAILABLE,
                t.t("accounts.unavailable").into(),
            )
        }
    }
}

/// For staff: the members to choose among, the current one marked.
/// The member an account page is for, or the page that says why there is
/// none (no such member for the user, or a fault).
async fn member_page(
    state: &AppState,
    user: &UiUser,
    code: Option<&str>,
) -> Result<MemberRecord, Response> {
    match state.app.home_member(&user.scope, code).await {
        Ok(Some(member)) => Ok(member),
        Ok(None) => Err(no_member(user)),
        Err(e) => Err(crate::ui::failure(user, e)),
    }
}

async fn member_choices(state: &AppState, user: &UiUser) -> Result<Vec<Choice>, AppError> {
    if !user.scope.is_staff() {
        return Ok(vec![]);
    }
    Ok(state
        .app
        .members(&user.scope)
        .await?
        .into_iter()
        .map(|m| Choice::new(m.code.clone(), format!("{} ({})", m.name, m.code)))
        .collect())
}

mod budget;
mod invoice;
mod orders;
mod subscriptions;

use budget::*;
use invoice::*;
use orders::*;
use subscriptions::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Lang;
    use samdrift_domain::catalog::order::OrderStatus;
    use samdrift_domain::catalog::request::ApprovalKind;

    #[test]
    fn a_change_is_read_with_its_sign() {
        assert_eq!(parse_change("50"), Some(50));
        assert_eq!(parse_change(" +50 "), Some(50));
        assert_eq!(parse_change("-20"), Some(-20));
        assert_eq!(parse_change("\u{2212}20"), Some(-20));
        assert_eq!(parse_change("1 000"), Some(1000));
        assert_eq!(parse_change(""), None);
        assert_eq!(parse_change("femtio"), None);
        assert_eq!(parse_change("5,5"), None);
        assert_eq!(parse_change("+-5"), None);
        assert_eq!(signed(50), "+50");
        assert_eq!(signed(-20), "\u{2212}20");
    }

    #[test]
    fn every_word_built_at_run_time_exists() {
        for lang in [Lang::Sv, Lang::En] {
            let t = Tr(lang);
            let built = UNITS
                .iter()
                .map(|u| format!("accounts.unit.{u}"))
                .chain(
                    [
                        OrderStatus::AwaitingConfirmation,
                        OrderStatus::Applied,
                        OrderStatus::Rejected,
                        OrderStatus::Cancelled,
                    ]
                    .map(|s| format!("accounts.status.{}", s.as_str())),
                )
                .chain(
                    [
                        LineKind::Subscription,
                        LineKind::Request,
                        LineKind::Work,
                        LineKind::Credit,
                    ]
                    .map(|k| format!("accounts.kind.{}", k.as_str())),
                )
                .chain(
                    [
                        ApprovalKind::Manager,
                        ApprovalKind::SystemOwner,
                        ApprovalKind::Orderer,
                    ]
                    .map(|a| format!("accounts.approval.{}", a.as_str())),
                );
            for key in built {
                assert_ne!(t.t(&key), "?", "{key}");
            }
        }
        assert_eq!(
            UNITS.map(|u| u.parse::<samdrift_domain::charging::Unit>().is_ok()),
            [true; 6]
        );
    }

    #[test]
    fn every_key_the_pages_code_names_exists() {
        let dir = env!("CARGO_MANIFEST_DIR");
        for file in [
            "src/ui/catalog/accounts/mod.rs",
            "src/ui/catalog/accounts/subscriptions.rs",
            "src/ui/catalog/accounts/orders.rs",
            "src/ui/catalog/accounts/invoice.rs",
            "src/ui/catalog/accounts/budget.rs",
            "src/ui/admin/catalog.rs",
            "src/ui/admin/items.rs",
            "src/ui/admin/orders.rs",
        ] {
            let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
            for prefix in ["\"accounts.", "\"admin."] {
                for (at, _) in text.match_indices(prefix) {
                    let rest = text[at + 1..].split('"').next().unwrap();
                    // A prefix of keys built at run time (`word(t, "accounts.unit", unit)`).
                    let built = text[..at].ends_with("word(t, ");
                    if built || rest.ends_with('.') || rest.contains(['{', ' ']) {
                        continue;
                    }
                    let key = rest.to_owned();
                    for lang in [Lang::Sv, Lang::En] {
                        assert_ne!(Tr(lang).t(&key), "?", "{file}: unknown key {key}");
                    }
                }
            }
        }
    }
}
