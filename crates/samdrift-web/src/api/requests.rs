//! Service requests from the catalog: submitting one, reading its
//! approvals and tasks, deciding an approval, finishing a task; the
//! approvals waiting for me, the open tasks of my groups, and hours logged
//! on tickets.

use super::views::{TicketView, rfc3339};
use crate::auth::Principal;
use crate::extract::{Body, Id, Params, PathParams};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samdrift_app::catalog::charging::WorkInput;
use samdrift_app::catalog::requests::{RequestInput, RequestView};
use samdrift_app::queries::records::WorkRecord;
use samdrift_domain::ids::TicketId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// An approver's decision.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ApprovalDecision {
    Approve,
    Reject,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestBody {
    /// Member code; left out when you belong to one member.
    #[schema(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
    /// The catalog item's code.
    #[schema(pattern = r"^[A-Z0-9_-]{1,32}$")]
    pub item: String,
    /// The form's answers by field key.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
}

#[derive(Serialize, ToSchema)]
pub struct AnswerView {
    pub key: String,
    pub label: String,
    pub answer: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApprovalView {
    pub position: i64,
    /// manager, system_owner or orderer.
    pub kind: String,
    /// The person who decides, when one is named (else the member's orderers).
    pub approver: Option<String>,
    /// pending, approved or rejected.
    pub state: String,
    pub waiting: bool,
    /// You may decide it now.
    pub may_decide: bool,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TaskView {
    pub id: Uuid,
    pub stage: i64,
    pub title: String,
    pub group_id: Uuid,
    pub group: String,
    /// waiting, open, done or cancelled.
    pub state: String,
    pub done_by: Option<String>,
    pub done_at: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceRequestView {
    pub ticket_id: Uuid,
    pub item: String,
    pub item_name: String,
    pub price_ore: i64,
    /// awaiting_approval, in_fulfilment, fulfilled, rejected or cancelled.
    pub state: String,
    pub fulfilled_at: Option<String>,
    /// Why it was rejected.
    pub reason: Option<String>,
    pub answers: Vec<AnswerView>,
    pub approvals: Vec<ApprovalView>,
    pub tasks: Vec<TaskView>,
    /// You requested it, so you decide none of its approvals (separation
    /// of duties; a decision you send is refused with 403).
    pub requested_by_you: bool,
}

impl From<RequestView> for ServiceRequestView {
    fn from(v: RequestView) -> Self {
        ServiceRequestView {
            ticket_id: v.request.ticket_id,
            item: v.item.code,
            item_name: v.item.name,
            price_ore: v.request.price_ore,
            state: v.request.state,
            fulfilled_at: v.request.fulfilled_at.map(rfc3339),
            reason: v.request.reason,
            requested_by_you: v.own,
            answers: v
                .answers
                .into_iter()
                .map(|(key, label, answer)| AnswerView { key, label, answer })
                .collect(),
            approvals: v
                .approvals
                .into_iter()
                .map(|a| ApprovalView {
                    position: a.record.position,
                    kind: a.record.kind,
                    approver: a.approver_name,
                    state: a.record.state,
                    waiting: a.waiting,
                    may_decide: a.may_decide,
                    decided_by: a.record.decided_by_name,
                    decided_at: a.record.decided_at.map(rfc3339),
                    reason: a.record.reason,
                })
                .collect(),
            tasks: v
                .tasks
                .into_iter()
                .map(|t| TaskView {
                    id: t.record.id,
                    stage: t.record.stage,
                    title: t.record.title,
                    group_id: t.record.group_id,
                    group: t.group_name,
                    state: t.record.state,
                    done_by: t.record.done_by_name,
                    done_at: t.record.done_at.map(rfc3339),
                    note: t.record.note,
                })
                .collect(),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/requests", operation_id = "requests_create", tag = "requests", request_body = RequestBody,
    responses((status = 201, body = TicketView), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<RequestBody>,
) -> ApiResult<(StatusCode, Json<TicketView>)> {
    let t = s
        .app
        .submit_request(
            &p.scope,
            RequestInput {
                member: b.member,
                item: b.item,
                answers: b.answers,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(t.into())))
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/request", operation_id = "requests_show", tag = "requests", params(("id" = Uuid, Path, description = "The ticket's id")),
    responses((status = 200, body = ServiceRequestView), (status = 404, body = crate::problem::Problem)))]
pub async fn show(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<ServiceRequestView>> {
    let v = s
        .app
        .request_view(&p.scope, TicketId(id))
        .await?
        .ok_or(samdrift_app::AppError::NotFound("request"))?;
    Ok(Json(v.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalBody {
    /// approve or reject.
    #[schema(value_type = ApprovalDecision)]
    pub decision: String,
    /// Required when rejecting: the requester reads it.
    #[serde(default)]
    pub reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/request/approvals/{position}", operation_id = "requests_decide", tag = "requests", params(("id" = Uuid, Path, description = "The ticket's id"), ("position" = i64, Path, description = "The approval's position (1 is the first)", minimum = 1)), request_body = ApprovalBody,
    responses((status = 200, body = ServiceRequestView), (status = 403, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn decide(
    State(s): State<AppState>,
    p: Principal,
    PathParams((id, position)): PathParams<(Uuid, i64)>,
    Body(b): Body<ApprovalBody>,
) -> ApiResult<Json<ServiceRequestView>> {
    let approve = match b.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            return Err(samdrift_app::AppError::invalid(
                "decision",
                samdrift_domain::msg!("request.decision"),
            )
            .into());
        }
    };
    let v = s
        .app
        .decide_approval(&p.scope, TicketId(id), position, approve, b.reason)
        .await?;
    Ok(Json(v.into()))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct TaskDoneBody {
    #[serde(default)]
    pub note: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/request/tasks/{task_id}/done", operation_id = "requests_task_done", tag = "requests", params(("id" = Uuid, Path, description = "The ticket's id"), ("task_id" = Uuid, Path, description = "The task's id")), request_body = TaskDoneBody,
    responses((status = 200, body = ServiceRequestView), (status = 409, body = crate::problem::Problem)))]
pub async fn task_done(
    State(s): State<AppState>,
    p: Principal,
    PathParams((id, task)): PathParams<(Uuid, Uuid)>,
    Body(b): Body<TaskDoneBody>,
) -> ApiResult<Json<ServiceRequestView>> {
    let v = s
        .app
        .complete_task(&p.scope, TicketId(id), task, b.note)
        .await?;
    Ok(Json(v.into()))
}

#[derive(Serialize, ToSchema)]
pub struct WaitingApprovalView {
    pub ticket_id: Uuid,
    pub number: String,
    pub title: String,
    pub position: i64,
    pub kind: String,
    pub price_ore: i64,
    pub requester: Option<String>,
    pub created_at: String,
}

#[utoipa::path(get, path = "/api/v1/approvals", operation_id = "requests_waiting", tag = "requests", responses((status = 200, body = Vec<WaitingApprovalView>)))]
pub async fn waiting(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<WaitingApprovalView>>> {
    let rows = s.app.my_waiting_approvals(&p.scope).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| WaitingApprovalView {
                ticket_id: r.ticket_id,
                number: r.number,
                title: r.title,
                position: r.position,
                kind: r.kind,
                price_ore: r.price_ore,
                requester: r.requester_name,
                created_at: rfc3339(r.created_at),
            })
            .collect(),
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// `true`: only my groups' tasks.
    pub mine: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct OpenTaskView {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub number: String,
    pub ticket_title: String,
    pub title: String,
    pub group_id: Uuid,
    pub stage: i64,
}

#[utoipa::path(get, path = "/api/v1/tasks", operation_id = "requests_open_tasks", tag = "requests", params(TaskQuery), responses((status = 200, body = Vec<OpenTaskView>)))]
pub async fn open_tasks(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<TaskQuery>,
) -> ApiResult<Json<Vec<OpenTaskView>>> {
    let rows = s.app.open_tasks(&p.scope, q.mine.unwrap_or(false)).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| OpenTaskView {
                id: r.id,
                ticket_id: r.ticket_id,
                number: r.number,
                ticket_title: r.ticket_title,
                title: r.title,
                group_id: r.group_id,
                stage: r.stage,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct WorkView {
    pub id: Uuid,
    pub worked_on: String,
    pub minutes: i64,
    /// Work outside the subscriptions, charged at the hourly rate.
    pub chargeable: bool,
    pub note: String,
    pub logged_by: String,
    pub logged_at: String,
}

impl From<WorkRecord> for WorkView {
    fn from(w: WorkRecord) -> Self {
        WorkView {
            id: w.id,
            worked_on: w.worked_on,
            minutes: w.minutes,
            chargeable: w.chargeable,
            note: w.note,
            logged_by: w.logged_by_name,
            logged_at: rfc3339(w.logged_at),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkBody {
    /// YYYY-MM-DD; today when left out.
    #[schema(format = Date)]
    pub worked_on: Option<String>,
    #[schema(minimum = 1, maximum = 1440)]
    pub minutes: i64,
    #[serde(default)]
    pub chargeable: bool,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/work", operation_id = "requests_list_work", tag = "requests", params(("id" = Uuid, Path, description = "The ticket's id")), responses((status = 200, body = Vec<WorkView>)))]
pub async fn list_work(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<Vec<WorkView>>> {
    let list = s.app.work_on_ticket(&p.scope, TicketId(id)).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/work", operation_id = "requests_log_work", tag = "requests", params(("id" = Uuid, Path, description = "The ticket's id")), request_body = WorkBody,
    responses((status = 201, body = WorkView), (status = 422, body = crate::problem::Problem)))]
pub async fn log_work(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<WorkBody>,
) -> ApiResult<(StatusCode, Json<WorkView>)> {
    let w = s
        .app
        .log_work(
            &p.scope,
            TicketId(id),
            WorkInput {
                worked_on: b.worked_on,
                minutes: b.minutes,
                chargeable: b.chargeable,
                note: b.note,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(w.into())))
}
