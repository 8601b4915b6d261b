//! A catalog request in words (its answers, approvals and fulfilment
//! tasks), as the ticket page and the approval page show it.

use super::*;

/// One approval of a request as its pages show it.
pub struct ApprovalRow {
    pub step: i64,
    pub kind: &'static str,
    pub decider: String,
    pub state: &'static str,
    /// `state-…` class suffix: waiting, approved, rejected, pending.
    pub class: &'static str,
    pub decided: String,
    pub reason: String,
}

/// One fulfilment task as the ticket page shows it.
pub struct TaskRow {
    pub id: uuid::Uuid,
    pub stage: i64,
    pub title: String,
    pub group: String,
    pub state: &'static str,
    pub open: bool,
    pub done: String,
    pub note: String,
}

/// A catalog request with everything in words, for the ticket page and
/// the approval page.
pub struct RequestSection {
    pub item: String,
    pub state: String,
    pub cost: String,
    /// (label, answer)
    pub answers: Vec<(String, String)>,
    pub approvals: Vec<ApprovalRow>,
    pub tasks: Vec<TaskRow>,
}

impl RequestSection {
    pub fn of(t: &Tr, view: &RequestView) -> RequestSection {
        let r = &view.request;
        let answers = view
            .answers
            .iter()
            .map(|(_, label, answer)| {
                let shown = match answer.as_str() {
                    "true" => t.t("ticket.yes").to_owned(),
                    "false" => t.t("ticket.no").to_owned(),
                    other => other.to_owned(),
                };
                (label.clone(), shown)
            })
            .collect();
        let approvals = view
            .approvals
            .iter()
            .map(|a| {
                let rec = &a.record;
                let (state, class) = match rec.state.as_str() {
                    "approved" => (t.t("catalog.approval_state.approved"), "approved"),
                    "rejected" => (t.t("catalog.approval_state.rejected"), "rejected"),
                    _ if a.waiting => (t.t("catalog.approval_state.waiting"), "waiting"),
                    _ => (t.t("catalog.approval_state.pending"), "pending"),
                };
                let decided = by_whom_when(t, rec.decided_by_name.as_deref(), rec.decided_at);
                ApprovalRow {
                    step: rec.position + 1,
                    kind: kind_word(t, &rec.kind),
                    decider: a
                        .approver_name
                        .clone()
                        .unwrap_or_else(|| t.t("catalog.approval.any_orderer").to_owned()),
                    state,
                    class,
                    decided,
                    reason: rec.reason.clone().unwrap_or_default(),
                }
            })
            .collect();
        let mut tasks: Vec<TaskRow> = view
            .tasks
            .iter()
            .map(|task| {
                let rec = &task.record;
                let state = match rec.state.as_str() {
                    "open" => t.t("catalog.task_state.open"),
                    "done" => t.t("catalog.task_state.done"),
                    "cancelled" => t.t("catalog.task_state.cancelled"),
                    _ => t.t("catalog.task_state.waiting"),
                };
                let done = by_whom_when(t, rec.done_by_name.as_deref(), rec.done_at);
                TaskRow {
                    id: rec.id,
                    stage: rec.stage,
                    title: rec.title.clone(),
                    group: task.group_name.clone(),
                    state,
                    open: rec.state == "open",
                    done,
                    note: rec.note.clone().unwrap_or_default(),
                }
            })
            .collect();
        tasks.sort_by_key(|task| task.stage);
        RequestSection {
            item: view.item.name.clone(),
            state: request_state_text(t, &r.state, r.reason.as_deref()),
            cost: if r.price_ore > 0 {
                format!(
                    "{}, {}",
                    kronor(t, r.price_ore),
                    t.t("catalog.items.charged")
                )
            } else {
                t.t("catalog.items.free").to_owned()
            },
            answers,
            approvals,
            tasks,
        }
    }
}

/// Who did something and when, as far as either is known:
/// `Anna Berg, 2027-03-01 09:05`.
fn by_whom_when(t: &Tr, who: Option<&str>, at: Option<i64>) -> String {
    match (who, at) {
        (Some(who), Some(at)) => format!("{who}, {}", t.time(at)),
        (Some(who), None) => who.to_owned(),
        (None, Some(at)) => t.time(at),
        (None, None) => String::new(),
    }
}
