//! Who accepted the member's user agreement (`/member/user-agreement`):
//! the current version, how many of the accounts with a role in the
//! member accepted it, each account with the newest version it accepted,
//! and every acceptance in the order made, with a CSV file of the same in
//! the reader's language. For managers and admins (any member, chosen with
//! `?member=CODE`) and the member's own orderers and strategists; the use
//! case decides (`App::agreement_acceptances`). A member outside the
//! user's scope answers like one that does not exist.

use super::i18n::Tr;
use super::session::UiUser;
use super::{Frame, error_page, failure, page};
use crate::router::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use samdrift_app::user_agreements::AcceptanceReport;
use samdrift_domain::ids::MemberId;
use serde::Deserialize;

/// The most rows a table of the page shows; the CSV file holds them all.
const PAGE_ROWS: usize = 500;

#[derive(Deserialize, Default)]
pub struct MemberQuery {
    member: Option<String>,
}

/// One account as the page shows it.
pub struct AccountRow {
    pub username: String,
    pub person: String,
    pub roles: String,
    pub disabled: bool,
    pub accepted_version: String,
    pub accepted_at: String,
    pub current: bool,
}

/// One acceptance as the page shows it.
pub struct HistoryRow {
    pub username: String,
    pub version: i64,
    pub accepted_at: String,
}

#[derive(Template)]
#[template(path = "member_user_agreement.html")]
struct AcceptancesPage {
    frame: Frame,
    t: Tr,
    member_name: String,
    member_id: String,
    /// "12 av 15 konton ... version 2 ...", or empty without a version.
    summary: String,
    accounts: Vec<AccountRow>,
    /// Said when the accounts table is cut at `PAGE_ROWS`.
    accounts_cut: String,
    history: Vec<HistoryRow>,
    history_cut: String,
}

/// "The table shows the first 500 of 2 300" when `total` is over the page.
fn cut(t: &Tr, total: usize) -> String {
    if total <= PAGE_ROWS {
        return String::new();
    }
    t.t("identity.report.truncated")
        .replace("{shown}", &t.whole(PAGE_ROWS as i64))
        .replace("{total}", &t.whole(total as i64))
}

fn summary(t: &Tr, r: &AcceptanceReport) -> String {
    let Some(current) = &r.current else {
        return String::new();
    };
    t.t("identity.report.summary")
        .replace("{accepted}", &t.whole(r.accepted() as i64))
        .replace("{total}", &t.whole(r.accounts.len() as i64))
        .replace("{version}", &current.version.to_string())
        .replace("{published}", &t.time(current.published_at))
        .replace("{by}", &current.published_by_username)
}

fn build(user: &UiUser, r: AcceptanceReport) -> AcceptancesPage {
    let t = user.tr;
    let accounts = r
        .accounts
        .iter()
        .take(PAGE_ROWS)
        .map(|a| AccountRow {
            username: a.username.clone(),
            person: a.person_name.clone().unwrap_or_default(),
            roles: a
                .roles
                .iter()
                .map(|role| t.t(&format!("admin.role.{}", role.as_str())))
                .collect::<Vec<_>>()
                .join(", "),
            disabled: a.disabled,
            accepted_version: a
                .accepted_version
                .map(|v| v.to_string())
                .unwrap_or_default(),
            accepted_at: a.accepted_at.map(|m| t.time(m)).unwrap_or_default(),
            current: a.accepted_current,
        })
        .collect();
    let history = r
        .history
        .iter()
        .rev()
        .take(PAGE_ROWS)
        .map(|h| HistoryRow {
            username: h.username.clone(),
            version: h.version,
            accepted_at: t.time(h.accepted_at),
        })
        .collect();
    AcceptancesPage {
        frame: Frame::of(user, "/member/user-agreement"),
        t,
        summary: summary(&t, &r),
        accounts_cut: cut(&t, r.accounts.len()),
        history_cut: cut(&t, r.history.len()),
        member_name: r.member.name.clone(),
        member_id: r.member.id.to_string(),
        accounts,
        history,
    }
}

/// GET /member/user-agreement
pub async fn show(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<MemberQuery>,
) -> Response {
    let member = match state
        .app
        .home_member(&user.scope, q.member.as_deref())
        .await
    {
        Ok(Some(member)) => member,
        Ok(None) => {
            return error_page(
                &user,
                StatusCode::NOT_FOUND,
                user.tr.t("ticket.not_found").into(),
            );
        }
        Err(e) => return failure(&user, e),
    };
    match state
        .app
        .agreement_acceptances(&user.scope, MemberId(member.id))
        .await
    {
        Ok(report) => page(StatusCode::OK, &build(&user, report)),
        Err(e) => failure(&user, e),
    }
}
