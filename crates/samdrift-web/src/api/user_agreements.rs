//! User agreements (användaravtal): each member's versions, publishing a
//! new one (admins), the caller's pending agreements and accepting one,
//! and the acceptance report (JSON, or CSV with `format=csv` as the other
//! reports). A browser session with an agreement to accept reaches only
//! `pending` and `accept` (and `/me`); every other endpoint answers it 403
//! until it accepts. Bearer tokens are not gated.

use super::views::rfc3339;
use crate::auth::{Principal, UngatedPrincipal};
use crate::extract::{Body, Id, Params};
use crate::messages::csv::{self, CsvChoice};
use crate::problem::ApiResult;
use crate::router::AppState;
use crate::ui::i18n::Tr;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use samdrift_app::queries::records::{PendingAgreementRow, UserAgreementRecord};
use samdrift_app::user_agreements::{AcceptanceReport, NewUserAgreement};
use samdrift_domain::ids::MemberId;
use samdrift_domain::table::{Cell, Table};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// One version of a member's agreement.
#[derive(Serialize, ToSchema)]
pub struct UserAgreementView {
    pub member_id: Uuid,
    pub version: i64,
    pub text_sv: String,
    pub text_en: String,
    /// RFC 3339.
    pub published_at: String,
    /// The publisher's username.
    pub published_by: String,
}

impl From<UserAgreementRecord> for UserAgreementView {
    fn from(r: UserAgreementRecord) -> Self {
        UserAgreementView {
            member_id: r.member_id,
            version: r.version,
            text_sv: r.text_sv,
            text_en: r.text_en,
            published_at: rfc3339(r.published_at),
            published_by: r.published_by_username,
        }
    }
}

/// A current version the caller has still to accept.
#[derive(Serialize, ToSchema)]
pub struct PendingAgreementView {
    pub member_id: Uuid,
    pub member_code: String,
    pub member_name: String,
    /// Send this number to accept.
    pub version: i64,
    pub text_sv: String,
    pub text_en: String,
    /// RFC 3339.
    pub published_at: String,
    /// The caller accepted an earlier version.
    pub accepted_before: bool,
}

impl From<PendingAgreementRow> for PendingAgreementView {
    fn from(r: PendingAgreementRow) -> Self {
        PendingAgreementView {
            member_id: r.member_id,
            member_code: r.member_code,
            member_name: r.member_name,
            version: r.version,
            text_sv: r.text_sv,
            text_en: r.text_en,
            published_at: rfc3339(r.published_at),
            accepted_before: r.accepted_before,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptBody {
    /// The version read and accepted; only the current one is accepted.
    pub version: i64,
}

#[derive(Serialize, ToSchema)]
pub struct AcceptanceView {
    pub member_id: Uuid,
    pub version: i64,
    /// RFC 3339; the first acceptance's time when accepted again.
    pub accepted_at: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishBody {
    #[schema(min_length = 1, max_length = 50000)]
    pub text_sv: String,
    #[schema(min_length = 1, max_length = 50000)]
    pub text_en: String,
    /// The version the text replaces, as read (0 when the member has
    /// none); 409 when another was published since.
    #[schema(minimum = 0)]
    pub read_version: i64,
}

/// One account with a role in the member, and what it accepted.
#[derive(Serialize, ToSchema)]
pub struct AccountAcceptanceView {
    pub account_id: Uuid,
    pub username: String,
    pub person_name: Option<String>,
    pub disabled: bool,
    /// Its roles in the member (end_user, orderer, strategist).
    pub roles: Vec<String>,
    /// The newest version it accepted; null when none.
    pub accepted_version: Option<i64>,
    /// RFC 3339.
    pub accepted_at: Option<String>,
    pub accepted_current: bool,
}

/// One acceptance.
#[derive(Serialize, ToSchema)]
pub struct AcceptanceEntryView {
    pub account_id: Uuid,
    pub username: String,
    pub version: i64,
    /// RFC 3339.
    pub accepted_at: String,
}

/// Who accepted which version when, and who has not accepted the current one.
#[derive(Serialize, ToSchema)]
pub struct AcceptanceReportView {
    pub member_id: Uuid,
    pub member_code: String,
    /// Null when the member has published no agreement.
    pub current_version: Option<i64>,
    /// Accounts with a role in the member that accepted the current version.
    pub accepted: usize,
    /// Those that have not.
    pub not_accepted: usize,
    /// Every account with a role in the member, by username.
    pub accounts: Vec<AccountAcceptanceView>,
    /// Every acceptance of every version, in the order made.
    pub acceptances: Vec<AcceptanceEntryView>,
}

fn report_view(r: &AcceptanceReport) -> AcceptanceReportView {
    AcceptanceReportView {
        member_id: r.member.id,
        member_code: r.member.code.clone(),
        current_version: r.current.as_ref().map(|c| c.version),
        accepted: r.accepted(),
        not_accepted: r.not_accepted(),
        accounts: r
            .accounts
            .iter()
            .map(|a| AccountAcceptanceView {
                account_id: a.account_id,
                username: a.username.clone(),
                person_name: a.person_name.clone(),
                disabled: a.disabled,
                roles: a.roles.iter().map(|r| r.as_str().to_owned()).collect(),
                accepted_version: a.accepted_version,
                accepted_at: a.accepted_at.map(rfc3339),
                accepted_current: a.accepted_current,
            })
            .collect(),
        acceptances: r
            .history
            .iter()
            .map(|h| AcceptanceEntryView {
                account_id: h.account_id,
                username: h.username.clone(),
                version: h.version,
                accepted_at: rfc3339(h.accepted_at),
            })
            .collect(),
    }
}

/// The report's CSV columns: the accounts, then every acceptance.
pub const ACCEPTANCE_COLUMNS: [&[&str]; 2] = [
    &[
        "username",
        "person",
        "roles",
        "disabled",
        "accepted_version",
        "accepted_at",
        "accepted_current",
    ],
    &["username", "version", "accepted_at"],
];

/// The report as tables: instants in RFC 3339 and roles as codes in the
/// machine format; in the reader's language, local time and words.
fn tables(r: &AcceptanceReport, choice: CsvChoice) -> Vec<Table> {
    let reader = match choice {
        CsvChoice::Reader(lang) => Some(Tr(lang)),
        CsvChoice::Machine | CsvChoice::None => None,
    };
    let at = |micros: i64| Cell::text(reader.map_or_else(|| rfc3339(micros), |t| t.time(micros)));
    let role = |r: &samdrift_domain::role::MemberRole| match reader {
        Some(t) => t.t(&format!("admin.role.{}", r.as_str())).to_owned(),
        None => r.as_str().to_owned(),
    };
    let [accounts, history] = ACCEPTANCE_COLUMNS;
    vec![
        Table {
            columns: accounts,
            rows: r
                .accounts
                .iter()
                .map(|a| {
                    vec![
                        Cell::text(&a.username),
                        Cell::text(a.person_name.clone().unwrap_or_default()),
                        Cell::text(a.roles.iter().map(role).collect::<Vec<_>>().join(", ")),
                        Cell::Bool(a.disabled),
                        Cell::int_or_empty(a.accepted_version),
                        a.accepted_at.map_or(Cell::Empty, at),
                        Cell::Bool(a.accepted_current),
                    ]
                })
                .collect(),
        },
        Table {
            columns: history,
            rows: r
                .history
                .iter()
                .map(|h| {
                    vec![
                        Cell::text(&h.username),
                        Cell::Int(h.version),
                        at(h.accepted_at),
                    ]
                })
                .collect(),
        },
    ]
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AcceptancesQuery {
    /// `csv` for CSV (as `Accept: text/csv`); `csv-machine` for the
    /// machine format whatever `lang` says.
    #[param(pattern = r"^(csv|csv-machine)$")]
    pub format: Option<String>,
    /// `sv` or `en`: the CSV in that language. Without it, the machine
    /// format.
    pub lang: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/user-agreements/pending", operation_id = "user_agreements_pending", tag = "user agreements",
    responses((status = 200, description = "The current versions the caller has still to accept, by member code", body = Vec<PendingAgreementView>)))]
pub async fn pending(
    State(s): State<AppState>,
    caller: UngatedPrincipal,
) -> ApiResult<Json<Vec<PendingAgreementView>>> {
    let pending = s
        .app
        .pending_user_agreements(&caller.principal.scope)
        .await?;
    Ok(Json(pending.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/user-agreements/{member_id}/accept", operation_id = "user_agreements_accept", tag = "user agreements",
    params(("member_id" = Uuid, Path, description = "The member whose agreement is accepted")), request_body = AcceptBody,
    responses((status = 200, body = AcceptanceView), (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn accept(
    State(s): State<AppState>,
    caller: UngatedPrincipal,
    Id(member): Id,
    Body(b): Body<AcceptBody>,
) -> ApiResult<Json<AcceptanceView>> {
    let scope = &caller.principal.scope;
    let done = s
        .app
        .accept_user_agreement(scope, MemberId(member), b.version)
        .await?;
    Ok(Json(AcceptanceView {
        member_id: done.member_id.0,
        version: done.version,
        accepted_at: rfc3339(done.accepted_at),
    }))
}

#[utoipa::path(get, path = "/api/v1/user-agreements/{member_id}", operation_id = "user_agreements_current", tag = "user agreements",
    params(("member_id" = Uuid, Path, description = "The member's id")),
    responses((status = 200, body = UserAgreementView), (status = 404, body = crate::problem::Problem)))]
pub async fn current(
    State(s): State<AppState>,
    p: Principal,
    Id(member): Id,
) -> ApiResult<Json<UserAgreementView>> {
    let (_, current) = s
        .app
        .current_user_agreement(&p.scope, MemberId(member))
        .await?;
    Ok(Json(current.into()))
}

#[utoipa::path(get, path = "/api/v1/user-agreements/{member_id}/versions", operation_id = "user_agreements_versions", tag = "user agreements",
    params(("member_id" = Uuid, Path, description = "The member's id")),
    responses((status = 200, description = "Newest first", body = Vec<UserAgreementView>), (status = 404, body = crate::problem::Problem)))]
pub async fn versions(
    State(s): State<AppState>,
    p: Principal,
    Id(member): Id,
) -> ApiResult<Json<Vec<UserAgreementView>>> {
    let (_, versions) = s
        .app
        .user_agreement_versions(&p.scope, MemberId(member))
        .await?;
    Ok(Json(versions.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/user-agreements/{member_id}/versions", operation_id = "user_agreements_publish", tag = "user agreements",
    params(("member_id" = Uuid, Path, description = "The member's id")), request_body = PublishBody,
    responses((status = 201, body = UserAgreementView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn publish(
    State(s): State<AppState>,
    p: Principal,
    Id(member): Id,
    Body(b): Body<PublishBody>,
) -> ApiResult<(StatusCode, Json<UserAgreementView>)> {
    let new = NewUserAgreement {
        text_sv: b.text_sv,
        text_en: b.text_en,
        read_version: b.read_version,
    };
    let published = s
        .app
        .publish_user_agreement(&p.scope, MemberId(member), new)
        .await?;
    Ok((StatusCode::CREATED, Json(published.into())))
}

#[utoipa::path(get, path = "/api/v1/user-agreements/{member_id}/acceptances", operation_id = "user_agreements_acceptances", tag = "user agreements",
    params(("member_id" = Uuid, Path, description = "The member's id"), AcceptancesQuery),
    responses((status = 200, description = "The report (CSV with `Accept: text/csv` or `format=csv`)", content((AcceptanceReportView = "application/json"), (String = "text/csv"))),
        (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn acceptances(
    State(s): State<AppState>,
    p: Principal,
    Id(member): Id,
    headers: HeaderMap,
    Params(q): Params<AcceptancesQuery>,
) -> ApiResult<Response> {
    let report = s
        .app
        .agreement_acceptances(&p.scope, MemberId(member))
        .await?;
    let choice = CsvChoice::of(&headers, q.format.as_deref(), q.lang.as_deref());
    if choice.is_csv() {
        let name = format!("user-agreement-{}", report.member.code);
        Ok(csv::response(&tables(&report, choice), choice, &name))
    } else {
        Ok(Json(report_view(&report)).into_response())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_column_has_a_header_in_both_languages() {
        use crate::messages::text;
        use crate::ui::i18n::Lang;
        for column in super::ACCEPTANCE_COLUMNS.iter().flat_map(|c| c.iter()) {
            for lang in [Lang::Sv, Lang::En] {
                let key = format!("csv.column.{column}");
                assert!(text(lang, &key).is_some(), "{key}");
            }
        }
    }
}
