//! Agreements (avtal) per member and period. Orderers and strategists read
//! their member's; managers and admins write.

use crate::auth::Principal;
use crate::extract::{Body, Id, Params, conditional, if_match};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use samdrift_domain::agreement::AgreementSpec;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct AgreementView {
    pub id: Uuid,
    pub member_id: Uuid,
    pub version: i64,
    #[serde(flatten)]
    #[schema(value_type = super::specs::AgreementSpecDoc)]
    pub spec: AgreementSpec,
}

/// The body: the member's code and the agreement.
#[derive(Deserialize, ToSchema)]
pub struct AgreementBody {
    /// The member's code.
    #[schema(pattern = r"^[A-Z]{2,5}$")]
    pub member: String,
    #[serde(flatten)]
    #[schema(value_type = super::specs::AgreementSpecDoc)]
    pub spec: AgreementSpec,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Member code.
    #[param(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
}

fn respond(
    status: StatusCode,
    r: samdrift_app::queries::records::AgreementRecord,
    spec: AgreementSpec,
) -> Response {
    let view = AgreementView {
        id: r.id,
        member_id: r.member_id,
        version: r.version,
        spec,
    };
    super::views::with_etag(status, view, r.version)
}

#[utoipa::path(get, path = "/api/v1/agreements", operation_id = "agreements_list", tag = "service levels", params(ListQuery), responses((status = 200, body = Vec<AgreementView>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<ListQuery>,
) -> ApiResult<Json<Vec<AgreementView>>> {
    let list = s.app.agreements(&p.scope, q.member.as_deref()).await?;
    Ok(Json(
        list.into_iter()
            .map(|(r, spec)| AgreementView {
                id: r.id,
                member_id: r.member_id,
                version: r.version,
                spec,
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/agreements", operation_id = "agreements_create", tag = "service levels", request_body = AgreementBody,
    responses((status = 201, body = AgreementView), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<AgreementBody>,
) -> ApiResult<Response> {
    let (r, spec) = s
        .app
        .save_agreement(&p.scope, &b.member, None, b.spec)
        .await?;
    Ok(respond(StatusCode::CREATED, r, spec))
}

#[utoipa::path(get, path = "/api/v1/agreements/{id}", operation_id = "agreements_show", tag = "service levels", params(("id" = Uuid, Path, description = "The agreement's id")), responses((status = 200, body = AgreementView), (status = 404, body = crate::problem::Problem)))]
pub async fn show(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<Response> {
    let (r, spec) = s.app.agreement(&p.scope, id).await?;
    Ok(respond(StatusCode::OK, r, spec))
}

#[utoipa::path(put, path = "/api/v1/agreements/{id}", operation_id = "agreements_update", tag = "service levels", params(("id" = Uuid, Path, description = "The agreement's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")), request_body = AgreementBody,
    responses((status = 200, body = AgreementView), (status = 412, body = crate::problem::Problem)))]
pub async fn update(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    Body(b): Body<AgreementBody>,
) -> ApiResult<Response> {
    let (r, spec) = conditional(
        if_match(&headers)?,
        || async { Ok(s.app.agreement(&p.scope, id).await?.0.version) },
        |version| {
            s.app
                .save_agreement(&p.scope, &b.member, Some((id, version)), b.spec.clone())
        },
    )
    .await?;
    Ok(respond(StatusCode::OK, r, spec))
}

#[utoipa::path(delete, path = "/api/v1/agreements/{id}", operation_id = "agreements_delete", tag = "service levels", params(("id" = Uuid, Path, description = "The agreement's id")), responses((status = 204)))]
pub async fn delete(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<StatusCode> {
    s.app.delete_agreement(&p.scope, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
