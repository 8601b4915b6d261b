//! Escalation rules: what a warning or breach does besides notifying the
//! group leads. Staff read them; managers and admins write.

use crate::auth::Principal;
use crate::extract::{Body, Id};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samdrift_app::service_levels::escalations::NewEscalationRule;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// What starts an escalation.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum EscalationOn {
    Warning,
    Breach,
}

/// A service-level clock.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ClockName {
    Response,
    Resolution,
}

/// What an escalation does.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum EscalationAction {
    AssignGroupLead,
    ReassignGroup,
    RaisePriority,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationRuleBody {
    /// Rules apply in ascending position.
    pub position: i64,
    /// `warning` or `breach`.
    #[schema(value_type = EscalationOn)]
    pub on: String,
    /// `response` or `resolution`.
    #[schema(value_type = ClockName)]
    pub clock: String,
    /// The priorities it applies to, e.g. `["P1", "P2"]`.
    #[schema(value_type = Vec<super::tickets::PriorityName>, min_items = 1)]
    pub priorities: Vec<String>,
    /// `assign_group_lead`, `reassign_group` or `raise_priority`.
    #[schema(value_type = EscalationAction)]
    pub action: String,
    /// The group to move the ticket to (`reassign_group`).
    pub group_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct EscalationRuleView {
    pub id: Uuid,
    pub position: i64,
    pub on: String,
    pub clock: String,
    pub priorities: Vec<String>,
    pub action: String,
    pub group_id: Option<Uuid>,
}

fn view(r: samdrift_app::queries::records::EscalationRuleRecord) -> EscalationRuleView {
    EscalationRuleView {
        id: r.id,
        position: r.position,
        on: r.on_event,
        clock: r.clock,
        priorities: r.priorities.split(',').map(str::to_owned).collect(),
        action: r.action,
        group_id: r.group_id,
    }
}

#[utoipa::path(get, path = "/api/v1/escalation-rules", operation_id = "escalations_list", tag = "service levels", responses((status = 200, body = Vec<EscalationRuleView>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<EscalationRuleView>>> {
    let rules = s.app.escalation_rules(&p.scope).await?;
    Ok(Json(rules.into_iter().map(view).collect()))
}

#[utoipa::path(post, path = "/api/v1/escalation-rules", operation_id = "escalations_create", tag = "service levels", request_body = EscalationRuleBody,
    responses((status = 201, body = EscalationRuleView), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<EscalationRuleBody>,
) -> ApiResult<(StatusCode, Json<EscalationRuleView>)> {
    let rule = s
        .app
        .create_escalation_rule(
            &p.scope,
            NewEscalationRule {
                position: b.position,
                on_event: b.on,
                clock: b.clock,
                priorities: b.priorities,
                action: b.action,
                group_id: b.group_id,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(view(rule))))
}

#[utoipa::path(delete, path = "/api/v1/escalation-rules/{id}", operation_id = "escalations_delete", tag = "service levels", params(("id" = Uuid, Path, description = "The escalation rule's id")), responses((status = 204), (status = 404, body = crate::problem::Problem)))]
pub async fn delete(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<StatusCode> {
    s.app.delete_escalation_rule(&p.scope, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
