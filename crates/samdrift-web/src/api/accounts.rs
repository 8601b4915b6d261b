//! Accounts and their roles, and disabling and enabling them
//! (administrators only).

use super::views::AccountView;
use crate::auth::Principal;
use crate::extract::{Body, Id};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samdrift_app::AppError;
use samdrift_app::credentials::AccountKey;
use samdrift_app::registers::NewAccount;
use samdrift_domain::ids::PersonId;
use samdrift_domain::role::Role;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A role: the member roles end_user, orderer and strategist, or the staff roles.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum RoleName {
    EndUser,
    Orderer,
    Strategist,
    Agent,
    Technician,
    GroupLead,
    Manager,
    Admin,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAccountBody {
    #[schema(pattern = r"^[A-Za-z0-9._@-]{2,64}$")]
    pub username: String,
    #[schema(min_length = 12, max_length = 1024)]
    pub password: String,
    /// end_user, orderer, strategist, agent, technician, group_lead, manager or admin.
    #[schema(value_type = RoleName)]
    pub role: String,
    /// Member code, for member roles.
    #[schema(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
    pub person_id: Option<Uuid>,
}

#[utoipa::path(get, path = "/api/v1/accounts", operation_id = "accounts_list", tag = "accounts", responses((status = 200, body = Vec<AccountView>)))]
pub async fn list(State(s): State<AppState>, p: Principal) -> ApiResult<Json<Vec<AccountView>>> {
    let accounts = s.app.list_accounts(&p.scope).await?;
    Ok(Json(accounts.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/accounts", operation_id = "accounts_create", tag = "accounts", request_body = NewAccountBody, responses((status = 201, body = AccountView), (status = 403, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<NewAccountBody>,
) -> ApiResult<(StatusCode, Json<AccountView>)> {
    if !p.scope.is_admin() {
        return Err(AppError::Forbidden(samdrift_domain::msg!("forbidden.accounts_create")).into());
    }
    let role = b
        .role
        .parse::<Role>()
        .map_err(|e| AppError::invalid("role", e))?;
    let account = s
        .app
        .create_account(
            Some(&p.scope),
            NewAccount {
                username: b.username,
                password: b.password,
                role,
                member: b.member,
                person: b.person_id.map(PersonId),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(account.into())))
}

#[utoipa::path(post, path = "/api/v1/accounts/{id}/disable", operation_id = "accounts_disable", tag = "accounts",
    params(("id" = Uuid, Path, description = "The account's id")),
    responses((status = 200, body = AccountView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn disable(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<AccountView>> {
    let account = s
        .app
        .set_account_disabled(&p.scope, AccountKey::Id(id), true)
        .await?;
    Ok(Json(account.into()))
}

#[utoipa::path(post, path = "/api/v1/accounts/{id}/enable", operation_id = "accounts_enable", tag = "accounts",
    params(("id" = Uuid, Path, description = "The account's id")),
    responses((status = 200, body = AccountView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn enable(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<AccountView>> {
    let account = s
        .app
        .set_account_disabled(&p.scope, AccountKey::Id(id), false)
        .await?;
    Ok(Json(account.into()))
}
