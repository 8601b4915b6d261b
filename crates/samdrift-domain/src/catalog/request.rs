//! A catalog item's request form, the approvals a request needs and the
//! fulfilment tasks it creates, and the rules that move a request along.
//!
//! Rules:
//! - Approvals are decided one at a time, in the item's order; the first
//!   undecided approval is the one waiting. A rejection ends the request
//!   (the rejecting reason is shown to the requester); the remaining
//!   approvals are then never asked.
//! - An item that costs money always needs the member's orderer: when the
//!   configured approvals do not name `orderer` and the price is above zero,
//!   the orderer's approval is added last.
//! - When every approval is given, fulfilment starts: tasks run in stages
//!   (stage 1 first); the tasks of one stage run in parallel, and the next
//!   stage opens when every task of the current one is done. The request is
//!   fulfilled when the last task is done. An item without tasks is
//!   fulfilled as soon as it is approved.

use crate::error::{FieldError, FieldErrors};
use crate::messages::Arg;
use crate::msg;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kind of input a form field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Textarea,
    Select,
    Checkbox,
    Date,
}

/// One field of a request form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    /// Name of the answer (`software`, `start_date`); letters, digits, `_`.
    pub key: String,
    /// What the user reads.
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// Help text shown under the field.
    #[serde(default)]
    pub help: String,
    /// The choices of a `select` field.
    #[serde(default)]
    pub options: Vec<String>,
}

/// Who must approve a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalKind {
    /// The requester's manager (chef).
    Manager,
    /// The owner of the business system the request gives access to (systemägare).
    SystemOwner,
    /// The member's orderer (beställare); always needed when the item costs money.
    Orderer,
}

impl ApprovalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalKind::Manager => "manager",
            ApprovalKind::SystemOwner => "system_owner",
            ApprovalKind::Orderer => "orderer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "manager" => Some(ApprovalKind::Manager),
            "system_owner" => Some(ApprovalKind::SystemOwner),
            "orderer" => Some(ApprovalKind::Orderer),
            _ => None,
        }
    }
}

/// A fulfilment task a request creates for a competence group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskTemplate {
    pub title: String,
    /// The competence group's name.
    pub group: String,
    /// Stage 1 runs first; tasks of one stage run in parallel.
    #[serde(default = "first_stage")]
    pub stage: u32,
}

fn first_stage() -> u32 {
    1
}

/// What a catalog item asks, who approves and what work it creates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    #[serde(default)]
    pub fields: Vec<FormField>,
    #[serde(default)]
    pub approvals: Vec<ApprovalKind>,
    #[serde(default)]
    pub tasks: Vec<TaskTemplate>,
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 40
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl ItemSpec {
    /// Checks the form, approvals and tasks; `groups` are the competence
    /// groups that exist (task groups must be among them).
    pub fn validate(&self, groups: &[String]) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        let mut keys: Vec<&str> = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let at = |n: &str| format!("fields[{i}].{n}");
            if !valid_key(&f.key) {
                errors.push(at("key"), msg!("catalog.field_key"));
            } else if keys.contains(&f.key.as_str()) {
                errors.push(at("key"), msg!("catalog.key_twice", key = &f.key));
            }
            keys.push(&f.key);
            if f.label.trim().is_empty() {
                errors.push(at("label"), msg!("field.required"));
            }
            match f.kind {
                FieldKind::Select if f.options.iter().all(|o| o.trim().is_empty()) => {
                    errors.push(at("options"), msg!("catalog.options_needed"))
                }
                FieldKind::Select => {}
                _ if !f.options.is_empty() => {
                    errors.push(at("options"), msg!("catalog.options_only_select"))
                }
                _ => {}
            }
        }
        let mut seen = Vec::new();
        for (i, a) in self.approvals.iter().enumerate() {
            if seen.contains(a) {
                errors.push(
                    format!("approvals[{i}]"),
                    msg!(
                        "catalog.approval_twice",
                        approval = Arg::Word("accounts.approval", a.as_str().to_owned())
                    ),
                );
            }
            seen.push(*a);
        }
        for (i, t) in self.tasks.iter().enumerate() {
            if t.title.trim().is_empty() {
                errors.push(format!("tasks[{i}].title"), msg!("field.required"));
            }
            if t.stage == 0 {
                errors.push(format!("tasks[{i}].stage"), msg!("catalog.stage"));
            }
            if !groups.iter().any(|g| g == &t.group) {
                errors.push(
                    format!("tasks[{i}].group"),
                    msg!("catalog.no_group_named", group = &t.group),
                );
            }
        }
        errors.into_result(())
    }

    /// The approvals a request for an item with this price needs, in order.
    pub fn required_approvals(&self, price_ore: i64) -> Vec<ApprovalKind> {
        let mut out: Vec<ApprovalKind> = Vec::new();
        for a in &self.approvals {
            if !out.contains(a) {
                out.push(*a);
            }
        }
        if price_ore > 0 && !out.contains(&ApprovalKind::Orderer) {
            out.push(ApprovalKind::Orderer);
        }
        out
    }

    /// Checks a requester's answers against the form: required fields
    /// filled, select answers among the options, checkboxes `true`/`false`,
    /// dates `YYYY-MM-DD`, no unknown keys. Returns the answers trimmed, in
    /// the form's order, with unanswered optional fields left out.
    pub fn check_answers(
        &self,
        answers: &BTreeMap<String, String>,
    ) -> Result<Vec<(String, String)>, Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        for key in answers.keys() {
            if !self.fields.iter().any(|f| &f.key == key) {
                errors.push(format!("answers.{key}"), msg!("catalog.no_such_answer"));
            }
        }
        let mut out = Vec::new();
        for f in &self.fields {
            let at = format!("answers.{}", f.key);
            let value = answers.get(&f.key).map(|v| v.trim()).unwrap_or("");
            if value.is_empty() {
                if f.required {
                    errors.push(at, msg!("catalog.answer_required", label = &f.label));
                }
                continue;
            }
            if value.chars().count() > 4000 {
                errors.push(at, msg!("field.at_most_chars", max = 4000));
                continue;
            }
            match f.kind {
                FieldKind::Select if !f.options.iter().any(|o| o == value) => errors.push(
                    at,
                    msg!("catalog.choose_option", options = f.options.clone()),
                ),
                FieldKind::Checkbox if value != "true" && value != "false" => {
                    errors.push(at, msg!("field.boolean"))
                }
                FieldKind::Checkbox if f.required && value != "true" => {
                    errors.push(at, msg!("catalog.must_tick", label = &f.label))
                }
                FieldKind::Date if value.parse::<jiff::civil::Date>().is_err() => {
                    errors.push(at, msg!("field.date"))
                }
                _ => out.push((f.key.clone(), value.to_owned())),
            }
        }
        errors.into_result(out)
    }
}

/// Where an approval stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalState {
    Pending,
    Approved,
    Rejected,
}

impl ApprovalState {
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalState::Pending => "pending",
            ApprovalState::Approved => "approved",
            ApprovalState::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(ApprovalState::Pending),
            "approved" => Some(ApprovalState::Approved),
            "rejected" => Some(ApprovalState::Rejected),
            _ => None,
        }
    }
}

/// Where a fulfilment task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    /// Its stage has not opened yet.
    Waiting,
    /// Its group may work it.
    Open,
    Done,
    /// The request ended before the task was done.
    Cancelled,
}

impl TaskState {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Waiting => "waiting",
            TaskState::Open => "open",
            TaskState::Done => "done",
            TaskState::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "waiting" => Some(TaskState::Waiting),
            "open" => Some(TaskState::Open),
            "done" => Some(TaskState::Done),
            "cancelled" => Some(TaskState::Cancelled),
            _ => None,
        }
    }
}

/// Where a request stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    AwaitingApproval,
    InFulfilment,
    Fulfilled,
    Rejected,
    Cancelled,
}

impl RequestState {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestState::AwaitingApproval => "awaiting_approval",
            RequestState::InFulfilment => "in_fulfilment",
            RequestState::Fulfilled => "fulfilled",
            RequestState::Rejected => "rejected",
            RequestState::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "awaiting_approval" => Some(RequestState::AwaitingApproval),
            "in_fulfilment" => Some(RequestState::InFulfilment),
            "fulfilled" => Some(RequestState::Fulfilled),
            "rejected" => Some(RequestState::Rejected),
            "cancelled" => Some(RequestState::Cancelled),
            _ => None,
        }
    }
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestState::AwaitingApproval | RequestState::InFulfilment
        )
    }
}

/// The index of the approval now waiting: the first pending one, unless
/// an earlier one was rejected (then none waits).
pub fn waiting_approval(approvals: &[ApprovalState]) -> Option<usize> {
    for (i, a) in approvals.iter().enumerate() {
        match a {
            ApprovalState::Approved => continue,
            ApprovalState::Pending => return Some(i),
            ApprovalState::Rejected => return None,
        }
    }
    None
}

/// The state tasks should be in, given their stages and which are done:
/// every task of the lowest stage with an unfinished task is open, later
/// ones wait, finished ones stay done.
pub fn task_states(tasks: &[(u32, bool)]) -> Vec<TaskState> {
    let current = tasks
        .iter()
        .filter(|(_, done)| !done)
        .map(|(stage, _)| *stage)
        .min();
    tasks
        .iter()
        .map(|(stage, done)| match (done, current) {
            (true, _) => TaskState::Done,
            (false, Some(c)) if *stage == c => TaskState::Open,
            _ => TaskState::Waiting,
        })
        .collect()
}

/// The request's state from its approvals and tasks (`done` per task).
pub fn request_state(approvals: &[ApprovalState], tasks_done: &[bool]) -> RequestState {
    if approvals.contains(&ApprovalState::Rejected) {
        return RequestState::Rejected;
    }
    if approvals.contains(&ApprovalState::Pending) {
        return RequestState::AwaitingApproval;
    }
    if tasks_done.iter().all(|d| *d) {
        RequestState::Fulfilled
    } else {
        RequestState::InFulfilment
    }
}
