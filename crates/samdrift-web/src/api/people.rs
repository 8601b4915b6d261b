//! People: find across the members the caller may read (phone intake finds
//! a caller by name or e-mail), and register new ones.

use super::views::PersonView;
use crate::auth::Principal;
use crate::extract::{Body, Id, Params};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samdrift_domain::ids::{AdministrationId, MemberId, PersonId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// What a person is to the member.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum PersonKind {
    Employee,
    Student,
    ElectedOfficial,
    Consultant,
    Contractor,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Member code to restrict to.
    #[param(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
    /// Part of a name or e-mail.
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPerson {
    /// Member code.
    #[schema(pattern = r"^[A-Z]{2,5}$")]
    pub member: String,
    pub administration_id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// employee, student, elected_official, consultant or contractor.
    #[schema(value_type = PersonKind)]
    pub kind: String,
}

#[utoipa::path(get, path = "/api/v1/people", operation_id = "people_list", tag = "people", params(PeopleQuery), responses((status = 200, body = Vec<PersonView>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<PeopleQuery>,
) -> ApiResult<Json<Vec<PersonView>>> {
    let member = match q.member.as_deref() {
        Some(code) => Some(MemberId(s.app.member_in_scope(&p.scope, code).await?.id)),
        None => None,
    };
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let people = s
        .app
        .people(&p.scope, member, q.q.as_deref(), limit)
        .await?;
    Ok(Json(people.into_iter().map(Into::into).collect()))
}

#[utoipa::path(get, path = "/api/v1/people/{id}", operation_id = "people_show", tag = "people", params(("id" = Uuid, Path, description = "The person's id")), responses((status = 200, body = PersonView), (status = 404, body = crate::problem::Problem)))]
pub async fn show(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<PersonView>> {
    Ok(Json(s.app.person(&p.scope, PersonId(id)).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/people", operation_id = "people_create", tag = "people", request_body = NewPerson, responses((status = 201, body = PersonView), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<NewPerson>,
) -> ApiResult<(StatusCode, Json<PersonView>)> {
    let member = s.app.member_in_scope(&p.scope, &b.member).await?;
    let person = s
        .app
        .create_person(
            &p.scope,
            MemberId(member.id),
            b.administration_id.map(AdministrationId),
            &b.name,
            &b.email,
            &b.kind,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(person.into())))
}
