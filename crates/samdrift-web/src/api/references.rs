//! The federation's shared registers: competence groups, suppliers and
//! services. Every signed-in user reads them; managers and admins write.

use super::views::{GroupView, ServiceView, SupplierView};
use crate::auth::Principal;
use crate::extract::{Body, Id};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samdrift_domain::ids::GroupId;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// The level of a service.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ServiceLevel {
    Business,
    It,
    Infrastructure,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroupMember {
    #[schema(pattern = r"^[A-Za-z0-9._@-]{2,64}$")]
    pub username: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSupplier {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub contact_name: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewService {
    #[schema(pattern = r"^[A-Z0-9_-]{1,32}$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// business, it or infrastructure.
    #[schema(value_type = ServiceLevel)]
    pub level: String,
    #[serde(default)]
    pub description: String,
    pub owning_group_id: Option<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/groups", operation_id = "references_list_groups", tag = "registers", responses((status = 200, body = Vec<GroupView>)))]
pub async fn list_groups(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<GroupView>>> {
    let groups = s.app.groups(&p.scope).await?;
    Ok(Json(groups.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/groups", operation_id = "references_create_group", tag = "registers", request_body = NewGroup, responses((status = 201, body = GroupView)))]
pub async fn create_group(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<NewGroup>,
) -> ApiResult<(StatusCode, Json<GroupView>)> {
    let g = s
        .app
        .create_group(&p.scope, &b.name, &b.description)
        .await?;
    Ok((StatusCode::CREATED, Json(g.into())))
}

#[utoipa::path(post, path = "/api/v1/groups/{id}/members", operation_id = "references_add_group_member", tag = "registers", params(("id" = Uuid, Path, description = "The group's id")), request_body = NewGroupMember, responses((status = 204)))]
pub async fn add_group_member(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<NewGroupMember>,
) -> ApiResult<StatusCode> {
    s.app
        .add_group_member(&p.scope, GroupId(id), &b.username)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/suppliers", operation_id = "references_list_suppliers", tag = "registers", responses((status = 200, body = Vec<SupplierView>)))]
pub async fn list_suppliers(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<SupplierView>>> {
    let list = s.app.suppliers(&p.scope).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/suppliers", operation_id = "references_create_supplier", tag = "registers", request_body = NewSupplier, responses((status = 201, body = SupplierView)))]
pub async fn create_supplier(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<NewSupplier>,
) -> ApiResult<(StatusCode, Json<SupplierView>)> {
    let x = s
        .app
        .create_supplier(&p.scope, &b.name, &b.email, &b.phone, &b.contact_name)
        .await?;
    Ok((StatusCode::CREATED, Json(x.into())))
}

#[utoipa::path(get, path = "/api/v1/services", operation_id = "references_list_services", tag = "registers", responses((status = 200, body = Vec<ServiceView>)))]
pub async fn list_services(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<ServiceView>>> {
    let list = s.app.services(&p.scope).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/services", operation_id = "references_create_service", tag = "registers", request_body = NewService, responses((status = 201, body = ServiceView)))]
pub async fn create_service(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<NewService>,
) -> ApiResult<(StatusCode, Json<ServiceView>)> {
    let x = s
        .app
        .create_service(
            &p.scope,
            &b.code,
            &b.name,
            &b.level,
            &b.description,
            b.owning_group_id.map(GroupId),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(x.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRoutingRule {
    /// Rules are tried in ascending position; the first match routes.
    pub position: i64,
    pub service_id: Option<Uuid>,
    /// Member code.
    #[schema(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
    /// incident or request.
    #[serde(rename = "type")]
    #[schema(value_type = Option<super::tickets::TicketTypeName>)]
    pub ticket_type: Option<String>,
    pub group_id: Uuid,
}

#[derive(serde::Serialize, ToSchema)]
pub struct RoutingRuleView {
    pub id: Uuid,
    pub position: i64,
    pub service_id: Option<Uuid>,
    pub member_id: Option<Uuid>,
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    pub group_id: Uuid,
}

impl From<samdrift_app::queries::records::RoutingRuleRecord> for RoutingRuleView {
    fn from(r: samdrift_app::queries::records::RoutingRuleRecord) -> Self {
        RoutingRuleView {
            id: r.id,
            position: r.position,
            service_id: r.service_id,
            member_id: r.member_id,
            ticket_type: r.ticket_type,
            group_id: r.group_id,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/routing-rules", operation_id = "references_list_routing_rules", tag = "registers", responses((status = 200, body = Vec<RoutingRuleView>)))]
pub async fn list_routing_rules(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<RoutingRuleView>>> {
    let list = s.app.routing_rules(&p.scope).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/routing-rules", operation_id = "references_create_routing_rule", tag = "registers", request_body = NewRoutingRule, responses((status = 201, body = RoutingRuleView), (status = 422, body = crate::problem::Problem)))]
pub async fn create_routing_rule(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<NewRoutingRule>,
) -> ApiResult<(StatusCode, Json<RoutingRuleView>)> {
    let r = s
        .app
        .create_routing_rule(
            &p.scope,
            b.position,
            b.service_id,
            b.member.as_deref(),
            b.ticket_type.as_deref(),
            GroupId(b.group_id),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(r.into())))
}
