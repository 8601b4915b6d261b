//! `/portal/approvals`: the approvals waiting for the user.

use super::*;

pub struct WaitingRow {
    pub ticket_id: uuid::Uuid,
    pub number: String,
    pub title: String,
    pub requester: String,
    pub kind: &'static str,
    pub cost: String,
    pub since: String,
}

pub(super) fn waiting_row(t: &Tr, r: &WaitingApprovalRow) -> WaitingRow {
    WaitingRow {
        ticket_id: r.ticket_id,
        number: r.number.clone(),
        title: r.title.clone(),
        requester: r.requester_name.clone().unwrap_or_default(),
        kind: kind_word(t, &r.kind),
        cost: if r.price_ore > 0 {
            kronor(t, r.price_ore)
        } else {
            t.t("catalog.items.free").to_owned()
        },
        since: t.time(r.created_at),
    }
}

#[derive(Template)]
#[template(path = "catalog_approvals.html")]
struct ApprovalsPage {
    frame: Frame,
    t: Tr,
    rows: Vec<WaitingRow>,
    decided: Option<&'static str>,
}

#[derive(Deserialize, Default)]
pub struct DecidedQuery {
    decided: Option<String>,
}

pub(super) async fn approvals(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<DecidedQuery>,
) -> Response {
    let rows = match state.app.my_waiting_approvals(&user.scope).await {
        Ok(rows) => rows,
        Err(e) => return failed(&user, &e),
    };
    let t = user.tr;
    let decided = match q.decided.as_deref() {
        Some("approved") => Some(t.t("catalog.decide.approved")),
        Some("rejected") => Some(t.t("catalog.decide.rejected")),
        _ => None,
    };
    page(
        StatusCode::OK,
        &ApprovalsPage {
            frame: Frame::of(&user, "/portal/approvals"),
            t,
            rows: rows.iter().map(|r| waiting_row(&t, r)).collect(),
            decided,
        },
    )
}
