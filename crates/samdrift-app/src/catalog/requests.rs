//! Service requests from the catalog. A request is a ticket of type
//! `request` that carries the requester's answers, its approvals (asked
//! one at a time: the requester's manager, the system owner, the member's
//! orderer when it costs money) and its fulfilment tasks for competence
//! groups (stage by stage). A rejection cancels the ticket with the reason
//! shown to the requester; the last task done resolves it as fulfilled.
//! The requester decides none of the approvals of their own request
//! (separation of duties, `samdrift_domain::duties`): they are not offered
//! it, and a decision they send anyway is refused with 403.

use super::items::CatalogItem;
use crate::tickets::NewTicketInput;
use crate::tickets::events::{EventActor, EventLog};
use crate::{App, AppError};
use samdrift_domain::catalog::request::{
    ApprovalKind, ApprovalState, RequestState, TaskState, request_state, task_states,
    waiting_approval,
};
use samdrift_domain::duties::{PlacedBy, is_own};
use samdrift_domain::ids::{CommentId, GroupId, MemberId, TicketId};
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::Scope;
use samdrift_domain::ticket::Status;
use samdrift_store::catalog::items::CatalogItemRecord;
use samdrift_store::catalog::requests::{
    ApprovalRecord, NewRequest, OpenTaskRow, RequestRecord, RequestUpdate, TaskRecord,
    WaitingApprovalRow,
};
use samdrift_store::tickets::{CommentRecord, TicketChange, TicketRecord, TicketWrite};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a requester sends.
/// A step of a request as its ticket's history records it: a stable code
/// in the event's new value and its detail (an approval kind, a task's
/// title) in the old value; `tickets::history` puts it in words.
#[derive(Debug, Clone)]
pub(crate) struct RequestStep {
    pub code: &'static str,
    pub detail: Option<String>,
}

impl RequestStep {
    fn new(code: &'static str, detail: Option<String>) -> RequestStep {
        RequestStep { code, detail }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    /// Member code; left out when the requester belongs to one member.
    pub member: Option<String>,
    /// The catalog item's code.
    pub item: String,
    pub answers: BTreeMap<String, String>,
}

/// An approval as the request shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovalView {
    pub record: ApprovalRecord,
    /// Who decides, by name (the orderer role when no person is named).
    pub approver_name: Option<String>,
    /// This is the approval now asked.
    pub waiting: bool,
    /// The caller may decide it now.
    pub may_decide: bool,
}

/// A task as the request shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskView {
    pub record: TaskRecord,
    pub group_name: String,
}

/// A request with everything its page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestView {
    pub request: RequestRecord,
    pub item: CatalogItemRecord,
    /// (key, label, answer).
    pub answers: Vec<(String, String, String)>,
    pub approvals: Vec<ApprovalView>,
    pub tasks: Vec<TaskView>,
    /// The caller requested it, so they decide none of its approvals.
    pub own: bool,
}

/// What refuses a decision on one's own request or order.
pub(crate) fn own_step_refused() -> AppError {
    AppError::Forbidden(samdrift_domain::msg!("forbidden.own_step"))
}

fn approval_state(a: &ApprovalRecord) -> ApprovalState {
    ApprovalState::parse(&a.state).unwrap_or(ApprovalState::Pending)
}

/// A request's tasks as planned: (stage, done) per task, and (id, stage,
/// title, group) per task.
type PlannedTasks = (Vec<(u32, bool)>, Vec<(Uuid, i64, String, Uuid)>);

/// The checked answers with each field's label: (key, label, answer).
fn labelled_answers(
    item: &CatalogItem,
    answers: &[(String, String)],
) -> Vec<(String, String, String)> {
    answers
        .iter()
        .map(|(k, v)| {
            let label = item
                .spec
                .fields
                .iter()
                .find(|f| &f.key == k)
                .map(|f| f.label.clone())
                .unwrap_or_else(|| k.clone());
            (k.clone(), label, v.clone())
        })
        .collect()
}

/// A decision may be made: the approval at `position` exists, is the one
/// now asked and is this person's to decide; a rejection has a reason.
/// Returns the approval and the trimmed reason.
fn check_decision(
    view: &RequestView,
    position: i64,
    approve: bool,
    reason: Option<String>,
) -> Result<(&ApprovalView, Option<String>), AppError> {
    let Some(approval) = view
        .approvals
        .iter()
        .find(|a| a.record.position == position)
    else {
        return Err(AppError::NotFound("approval"));
    };
    if !approval.waiting {
        return Err(AppError::Conflict(samdrift_domain::msg!(
            "conflict.approval_not_now"
        )));
    }
    if view.own {
        return Err(own_step_refused());
    }
    if !approval.may_decide {
        return Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.approval_other"
        )));
    }
    let reason = reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if !approve && reason.is_none() {
        return Err(AppError::invalid(
            "reason",
            samdrift_domain::msg!("request.reason_needed"),
        ));
    }
    Ok((approval, reason))
}

/// The request's state once the approval at `position` is decided.
fn state_after_decision(view: &RequestView, position: i64, decided: ApprovalState) -> RequestState {
    let mut states: Vec<ApprovalState> = view
        .approvals
        .iter()
        .map(|a| approval_state(&a.record))
        .collect();
    if let Some(s) = states.get_mut(
        view.approvals
            .iter()
            .position(|a| a.record.position == position)
            .unwrap_or(0),
    ) {
        *s = decided;
    }
    let done: Vec<bool> = view
        .tasks
        .iter()
        .map(|t| t.record.state == "done")
        .collect();
    request_state(&states, &done)
}

/// What a decision writes: the approval, and on rejection every task
/// cancelled, on approval of the last one the first stage's tasks opened.
fn decision_update(
    view: &RequestView,
    next: RequestState,
    approval: (i64, String, String, i64, Option<String>),
) -> RequestUpdate {
    let (now, reason) = (approval.3, approval.4.clone());
    let mut update = RequestUpdate {
        approval: Some(approval),
        ..Default::default()
    };
    match next {
        RequestState::Rejected => {
            update.task_states = view
                .tasks
                .iter()
                .map(|t| (t.record.id, TaskState::Cancelled.as_str().into()))
                .collect();
            update.state = Some((next.as_str().into(), None, reason));
        }
        RequestState::InFulfilment | RequestState::Fulfilled => {
            let stages: Vec<(u32, bool)> = view
                .tasks
                .iter()
                .map(|t| (u32::try_from(t.record.stage).unwrap_or(1), false))
                .collect();
            update.task_states = view
                .tasks
                .iter()
                .zip(task_states(&stages))
                .map(|(t, s)| (t.record.id, s.as_str().into()))
                .collect();
            let fulfilled_at = (next == RequestState::Fulfilled).then_some(now);
            update.state = Some((next.as_str().into(), fulfilled_at, None));
        }
        _ => {}
    }
    update
}

impl App {
    /// Submits a request for a catalog item: checks the answers, resolves
    /// who approves, and creates the ticket with its approvals and tasks.
    pub async fn submit_request(
        &self,
        scope: &Scope,
        input: RequestInput,
    ) -> Result<TicketRecord, AppError> {
        let Some(person) = scope.person else {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.request_no_person"
            )));
        };
        let member_code = self.request_member_code(scope, &input).await?;
        let items = self.requestable_items(scope, &member_code).await?;
        let Some(item) = items.into_iter().find(|i| i.record.code == input.item) else {
            return Err(AppError::invalid(
                "item",
                samdrift_domain::msg!("item.not_offered", item = input.item),
            ));
        };
        let member = self.member_in_scope(scope, &member_code).await?;
        if self.store.person_name(member.id, person.0).await?.is_none() {
            return Err(AppError::invalid(
                "member",
                samdrift_domain::msg!("request.own_member"),
            ));
        }
        let answers = item
            .spec
            .check_answers(&input.answers)
            .map_err(AppError::Invalid)?;
        let labelled = labelled_answers(&item, &answers);
        let approvals = self.who_approves(member.id, person.0, &item).await?;
        let (stages, tasks) = self.request_tasks(&item).await?;
        let approved = approvals.is_empty();
        let states = task_states(&stages);
        let state = if approved {
            request_state(&[], &vec![false; tasks.len()])
        } else {
            RequestState::AwaitingApproval
        };
        let description = labelled
            .iter()
            .map(|(_, label, value)| format!("{label}: {value}"))
            .collect::<Vec<_>>()
            .join("\n");
        let ticket_input = NewTicketInput {
            member: Some(member_code),
            // The requester is the person asking, staff too.
            requester_id: Some(person.0),
            ticket_type: "request".into(),
            service_id: item.record.service_id,
            title: item.record.name.clone(),
            description,
            impact: 3,
            urgency: 3,
            ..Default::default()
        };
        let request = NewRequest {
            catalog_item_id: item.record.id,
            answers: serde_json::to_string(&labelled).unwrap_or_default(),
            price_ore: item.record.price_ore,
            state: state.as_str().into(),
            approvals,
            tasks: tasks
                .into_iter()
                .zip(states)
                .map(|((id, stage, title, group), s)| {
                    let s = if approved { s } else { TaskState::Waiting };
                    (id, stage, title, group, s.as_str().to_owned())
                })
                .collect(),
            fulfilled_at: (state == RequestState::Fulfilled).then(|| self.now_micros()),
        };
        let first_group = request
            .tasks
            .iter()
            .find(|t| t.4 == TaskState::Open.as_str())
            .map(|t| t.3);
        let created = self
            .create_ticket_with(scope, ticket_input, Some(request))
            .await?;
        self.start_request(scope, created.id, state, first_group)
            .await?;
        if state == RequestState::InFulfilment {
            self.notify_tasks_opened(scope, &created, &[]).await;
        }
        if state == RequestState::AwaitingApproval {
            self.notify_waiting_approval(scope, &created).await;
        }
        Ok(created)
    }

    /// The member a request is for: the one named, or the requester's only
    /// member when none is named.
    async fn request_member_code(
        &self,
        scope: &Scope,
        input: &RequestInput,
    ) -> Result<String, AppError> {
        if let Some(code) = &input.member {
            return Ok(code.clone());
        }
        let mut own: Vec<MemberId> = scope.member_roles.iter().map(|(m, _)| *m).collect();
        own.sort();
        own.dedup();
        let [only] = own.as_slice() else {
            return Err(AppError::invalid(
                "member",
                samdrift_domain::msg!("request.member_needed"),
            ));
        };
        Ok(self
            .store
            .get_member(scope, *only)
            .await?
            .ok_or(AppError::NotFound("member"))?
            .code)
    }

    /// Who approves: (kind, approver) for each approval the item's price
    /// requires, in order; an orderer's approval names nobody.
    async fn who_approves(
        &self,
        member_id: Uuid,
        person: Uuid,
        item: &CatalogItem,
    ) -> Result<Vec<(String, Option<Uuid>)>, AppError> {
        let mut approvals = Vec::new();
        for kind in item.spec.required_approvals(item.record.price_ore) {
            let approver = match kind {
                ApprovalKind::Manager => self.store.person_manager(member_id, person).await?,
                ApprovalKind::SystemOwner => match item.record.service_id {
                    Some(s) => self.store.system_owner(member_id, s).await?,
                    None => None,
                },
                ApprovalKind::Orderer => None,
            };
            approvals.push((kind.as_str().to_owned(), approver));
        }
        Ok(approvals)
    }

    /// The item's fulfilment tasks, each with a new id and its group:
    /// (stage, done) per task for the stage rule, and (id, stage, title,
    /// group) per task. A group that no longer exists is a conflict.
    async fn request_tasks(&self, item: &CatalogItem) -> Result<PlannedTasks, AppError> {
        let groups = self.store.list_groups().await?;
        let mut stages = Vec::new();
        let mut tasks = Vec::new();
        for t in &item.spec.tasks {
            let group = groups.iter().find(|g| g.name == t.group).ok_or_else(|| {
                AppError::Conflict(samdrift_domain::msg!(
                    "conflict.group_gone",
                    group = &t.group
                ))
            })?;
            stages.push((t.stage, false));
            tasks.push((
                crate::ids::new_id(self.clock.as_ref()),
                i64::from(t.stage),
                t.title.clone(),
                group.id,
            ));
        }
        Ok((stages, tasks))
    }

    /// A new request's ticket set going: resolved when fulfilled at once,
    /// given to the first open task's group when fulfilment starts.
    pub(crate) async fn start_request(
        &self,
        scope: &Scope,
        id: TicketId,
        state: RequestState,
        first_group: Option<Uuid>,
    ) -> Result<(), AppError> {
        match state {
            RequestState::Fulfilled => {
                let step = RequestStep::new("fulfilled_at_once", None);
                self.move_request_ticket(scope, id, Status::Resolved, &step, None)
                    .await?;
            }
            RequestState::InFulfilment => {
                let step = RequestStep::new("fulfilment_starts", None);
                self.assign_request_ticket(id, first_group, &step).await?;
            }
            _ => {}
        }
        Ok(())
    }

    /// A request ticket's request, approvals and tasks; `None` for a ticket
    /// that is not a catalog request.
    pub async fn request_view(
        &self,
        scope: &Scope,
        ticket: TicketId,
    ) -> Result<Option<RequestView>, AppError> {
        // An approver who is an end user may not read the ticket itself, but
        // reads the request they are asked to decide.
        let t = self.get_ticket_unscoped(ticket).await?;
        let Some(request) = self.store.get_request(t.member_id, t.id).await? else {
            self.ticket(scope, ticket).await?;
            return Ok(None);
        };
        let records = self.store.request_approvals(t.member_id, t.id).await?;
        let own = is_own(
            scope,
            PlacedBy {
                account: None,
                person: t.requester_id,
            },
        );
        let approver = records.iter().any(|a| may_decide(scope, t.member_id, a));
        if !approver && !scope.may_read_ticket(t.member_id, t.requester_id) {
            return Err(AppError::NotFound("ticket"));
        }
        let item = self
            .store
            .get_catalog_item(request.catalog_item_id)
            .await?
            .ok_or(AppError::NotFound("catalog item"))?;
        let answers: Vec<(String, String, String)> =
            serde_json::from_str(&request.answers).unwrap_or_default();
        let states: Vec<ApprovalState> = records.iter().map(approval_state).collect();
        let waiting = waiting_approval(&states);
        let mut approvals = Vec::new();
        for (i, record) in records.into_iter().enumerate() {
            let approver_name = match record.approver_id {
                Some(p) => self.store.person_name(t.member_id.uuid(), p).await?,
                None => None,
            };
            let is_waiting = waiting == Some(i) && request.state == "awaiting_approval";
            let may_decide = is_waiting && !own && may_decide(scope, t.member_id, &record);
            approvals.push(ApprovalView {
                record,
                approver_name,
                waiting: is_waiting,
                may_decide,
            });
        }
        let groups = self.store.list_groups().await?;
        let tasks = self
            .store
            .request_tasks(t.member_id, t.id)
            .await?
            .into_iter()
            .map(|record| TaskView {
                group_name: groups
                    .iter()
                    .find(|g| g.id == record.group_id)
                    .map(|g| g.name.clone())
                    .unwrap_or_default(),
                record,
            })
            .collect();
        Ok(Some(RequestView {
            request,
            item,
            answers,
            approvals,
            tasks,
            own,
        }))
    }

    /// Approves or rejects the approval now asked. A rejection needs a
    /// reason, which the requester sees.
    pub async fn decide_approval(
        &self,
        scope: &Scope,
        ticket: TicketId,
        position: i64,
        approve: bool,
        reason: Option<String>,
    ) -> Result<RequestView, AppError> {
        let view = self
            .request_view(scope, ticket)
            .await?
            .ok_or(AppError::NotFound("request"))?;
        let (approval, reason) = check_decision(&view, position, approve, reason)?;
        let now = self.now_micros();
        let member = view.request.member_id;
        let decided = if approve {
            ApprovalState::Approved
        } else {
            ApprovalState::Rejected
        };
        let next = state_after_decision(&view, position, decided);
        let update = decision_update(
            &view,
            next,
            (
                position,
                decided.as_str().into(),
                scope.username.clone(),
                now,
                reason.clone(),
            ),
        );
        self.store
            .update_request(MemberId(member), ticket, &update)
            .await?;
        let label = RequestStep::new(
            if approve { "approved" } else { "rejected" },
            Some(approval.record.kind.clone()),
        );
        self.follow_decision(scope, ticket, &view, next, &label, reason)
            .await?;
        if next == RequestState::AwaitingApproval {
            let t = self.get_ticket_unscoped(ticket).await?;
            self.notify_waiting_approval(scope, &t).await;
        }
        if next == RequestState::InFulfilment {
            let t = self.get_ticket_unscoped(ticket).await?;
            self.notify_tasks_opened(scope, &t, &open_tasks(&view))
                .await;
        }
        self.request_view(scope, ticket)
            .await?
            .ok_or(AppError::NotFound("request"))
    }

    /// The ticket follows the request's new state: cancelled with the
    /// approver's reason, resolved, given to the first stage's group, or
    /// only a history event while approvals remain.
    async fn follow_decision(
        &self,
        scope: &Scope,
        ticket: TicketId,
        view: &RequestView,
        next: RequestState,
        label: &RequestStep,
        reason: Option<String>,
    ) -> Result<(), AppError> {
        match next {
            RequestState::Rejected => {
                // The approver's reason is the comment, in their words; the
                // history says in the reader's language that it was rejected.
                let body = reason.unwrap_or_default();
                self.move_request_ticket(scope, ticket, Status::Cancelled, label, Some(body))
                    .await?;
            }
            RequestState::Fulfilled => {
                self.move_request_ticket(scope, ticket, Status::Resolved, label, None)
                    .await?;
            }
            RequestState::InFulfilment => {
                let group = view
                    .tasks
                    .iter()
                    .min_by_key(|t| (t.record.stage, t.record.position))
                    .map(|t| t.record.group_id);
                self.assign_request_ticket(ticket, group, label).await?;
            }
            _ => self.note_request_event(scope, ticket, label).await?,
        }
        Ok(())
    }

    /// Marks an open task done; the next stage opens, and the last task
    /// done fulfils the request and resolves its ticket.
    pub async fn complete_task(
        &self,
        scope: &Scope,
        ticket: TicketId,
        task: Uuid,
        note: Option<String>,
    ) -> Result<RequestView, AppError> {
        if !scope.may_work_tickets() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.tasks_do"
            )));
        }
        let view = self
            .request_view(scope, ticket)
            .await?
            .ok_or(AppError::NotFound("request"))?;
        let Some(current) = view.tasks.iter().find(|t| t.record.id == task) else {
            return Err(AppError::NotFound("task"));
        };
        if current.record.state != "open" {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.task_not_open",
                state = samdrift_domain::messages::Arg::Word(
                    "catalog.task_state",
                    current.record.state.clone()
                )
            )));
        }
        let now = self.now_micros();
        let stages: Vec<(u32, bool)> = view
            .tasks
            .iter()
            .map(|t| {
                (
                    u32::try_from(t.record.stage).unwrap_or(1),
                    t.record.state == "done" || t.record.id == task,
                )
            })
            .collect();
        let states = task_states(&stages);
        let all_done = states.iter().all(|s| *s == TaskState::Done);
        let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        let update = RequestUpdate {
            task_done: Some((task, scope.username.clone(), now, note)),
            task_states: view
                .tasks
                .iter()
                .zip(&states)
                .filter(|(t, s)| t.record.id != task && **s == TaskState::Open)
                .map(|(t, s)| (t.record.id, s.as_str().into()))
                .collect(),
            state: all_done.then(|| (RequestState::Fulfilled.as_str().into(), Some(now), None)),
            ..Default::default()
        };
        self.store
            .update_request(MemberId(view.request.member_id), ticket, &update)
            .await?;
        let label = RequestStep::new("task_done", Some(current.record.title.clone()));
        if all_done {
            self.move_request_ticket(scope, ticket, Status::Resolved, &label, None)
                .await?;
        } else {
            self.note_request_event(scope, ticket, &label).await?;
            let t = self.get_ticket_unscoped(ticket).await?;
            self.notify_tasks_opened(scope, &t, &open_tasks(&view))
                .await;
        }
        self.request_view(scope, ticket)
            .await?
            .ok_or(AppError::NotFound("request"))
    }

    /// Approvals waiting for the caller.
    pub async fn my_waiting_approvals(
        &self,
        scope: &Scope,
    ) -> Result<Vec<WaitingApprovalRow>, AppError> {
        let orderer_of: Vec<Uuid> = scope
            .member_roles
            .iter()
            .filter(|(_, r)| *r == MemberRole::Orderer)
            .map(|(m, _)| m.0)
            .collect();
        let person = scope
            .person
            .and_then(|p| scope.member_roles.first().map(|(m, _)| (m.0, p.0)));
        Ok(self.store.waiting_approvals(person, &orderer_of).await?)
    }

    /// Open fulfilment tasks: the caller's groups', or every group's.
    pub async fn open_tasks(
        &self,
        scope: &Scope,
        mine_only: bool,
    ) -> Result<Vec<OpenTaskRow>, AppError> {
        if !scope.may_work_tickets() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.tasks_read"
            )));
        }
        if mine_only {
            let groups = self.store.groups_of(scope.account).await?;
            Ok(self.store.open_tasks(Some(&groups)).await?)
        } else {
            Ok(self.store.open_tasks(None).await?)
        }
    }

    /// A ticket by id whoever asks; callers check the scope themselves.
    async fn get_ticket_unscoped(&self, ticket: TicketId) -> Result<TicketRecord, AppError> {
        self.store
            .get_ticket(&crate::demo::system_scope(), ticket)
            .await?
            .ok_or(AppError::NotFound("ticket"))
    }

    /// Records a request step in the ticket's history.
    async fn note_request_event(
        &self,
        scope: &Scope,
        ticket: TicketId,
        step: &RequestStep,
    ) -> Result<(), AppError> {
        let t = self.get_ticket_unscoped(ticket).await?;
        let now = self.now_micros();
        let mut log = EventLog::new(&t, EventActor::of(scope), now, self.clock.as_ref());
        log.push("request", step.detail.clone(), Some(step.code.into()), true);
        for e in &log.events {
            self.store.append_event(e).await?;
        }
        Ok(())
    }

    /// Gives an approved request's ticket to the group of its first task.
    async fn assign_request_ticket(
        &self,
        ticket: TicketId,
        group: Option<Uuid>,
        step: &RequestStep,
    ) -> Result<(), AppError> {
        self.write_request_ticket(ticket, EventActor::system(), step, None, |t| {
            if t.group_id.is_none() {
                t.group_id = group.map(GroupId);
            }
            if t.status == Status::New && t.group_id.is_some() {
                t.status = Status::Assigned;
            }
        })
        .await
    }

    /// Ends a request's ticket: resolved when fulfilled, cancelled when rejected.
    async fn move_request_ticket(
        &self,
        scope: &Scope,
        ticket: TicketId,
        status: Status,
        step: &RequestStep,
        public_comment: Option<String>,
    ) -> Result<(), AppError> {
        let now = self.now_micros();
        self.write_request_ticket(ticket, EventActor::of(scope), step, public_comment, |t| {
            if t.status.is_open() {
                t.status = status;
                if status == Status::Resolved {
                    t.resolved_at = Some(now);
                }
            }
        })
        .await
    }

    /// Changes a request's ticket with its history, retrying once if an
    /// agent changed the ticket at the same moment.
    async fn write_request_ticket(
        &self,
        ticket: TicketId,
        actor: EventActor,
        step: &RequestStep,
        public_comment: Option<String>,
        change: impl Fn(&mut TicketRecord),
    ) -> Result<(), AppError> {
        for _ in 0..3 {
            let t = self.get_ticket_unscoped(ticket).await?;
            let now = self.now_micros();
            let mut next = t.clone();
            change(&mut next);
            next.updated_at = now;
            let mut log = EventLog::new(&t, actor.clone(), now, self.clock.as_ref());
            log.push("request", step.detail.clone(), Some(step.code.into()), true);
            if next.status != t.status {
                log.push(
                    "status",
                    Some(t.status.as_str().to_owned()),
                    Some(next.status.as_str().to_owned()),
                    true,
                );
            }
            if next.group_id != t.group_id {
                log.push(
                    "group",
                    t.group_id.map(|g| g.to_string()),
                    next.group_id.map(|g| g.to_string()),
                    true,
                );
            }
            let comments = public_comment
                .iter()
                .map(|body| CommentRecord {
                    member_id: t.member_id,
                    id: CommentId(crate::ids::new_id(self.clock.as_ref())),
                    ticket_id: t.id,
                    at: now,
                    author_id: actor.id,
                    author_name: actor.name.clone(),
                    public: true,
                    by_staff: actor.kind == "staff",
                    body: body.clone(),
                })
                .collect();
            let write = TicketWrite {
                change: TicketChange::Full {
                    expected_version: t.version,
                    ticket: next,
                },
                comments,
                attachments: vec![],
                events: log.events,
                clocks: vec![],
                text_changed: false,
            };
            match self.write_change(write).await {
                Ok(_) => return Ok(()),
                Err(AppError::Stale) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(AppError::Stale)
    }
}

/// Whether the scope decides this approval: the named person (manager,
/// system owner), or any orderer of the member when none is named.
fn may_decide(scope: &Scope, member: MemberId, a: &ApprovalRecord) -> bool {
    match a.approver_id {
        Some(person) => {
            scope.person.map(|p| p.0) == Some(person)
                && scope.member_roles.iter().any(|(m, _)| *m == member)
        }
        None => scope.has_role_in(member, MemberRole::Orderer),
    }
}

/// The ids of a request's tasks that are open.
fn open_tasks(view: &RequestView) -> Vec<Uuid> {
    view.tasks
        .iter()
        .filter(|t| t.record.state == "open")
        .map(|t| t.record.id)
        .collect()
}
