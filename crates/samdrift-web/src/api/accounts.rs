//! Accounts and their roles, and disabling and enabling them
//! (administrators only). One account's page: its roles per member, its
//! recent logins, its tokens and its accepted user agreements, with its
//! version as the ETag; a change of its language, staff role, member
//! roles and own mail address needs that version in `If-Match`.

use super::tokens::TokenView;
use super::views::{AccountView, rfc3339, with_etag};
use crate::auth::Principal;
use crate::extract::{Body, Id, conditional, if_match};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_app::accounts::{AccountDetail, AccountEdit};
use samdrift_app::credentials::AccountKey;
use samdrift_app::registers::NewAccount;
use samdrift_domain::ids::PersonId;
use samdrift_domain::role::Role;
use serde::{Deserialize, Serialize};
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

/// A role in one member.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberRoleBody {
    /// Member code.
    #[schema(pattern = r"^[A-Z]{2,5}$")]
    pub member: String,
    /// end_user, orderer or strategist.
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct AccountMemberRoleView {
    pub member_id: Uuid,
    pub member_code: String,
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct LoginView {
    /// RFC 3339.
    pub at: String,
    /// How the account signed in: `password`.
    pub method: String,
}

#[derive(Serialize, ToSchema)]
pub struct AccountAgreementView {
    pub member_id: Uuid,
    pub member_code: String,
    pub version: i64,
    /// RFC 3339.
    pub accepted_at: String,
    /// Whether it is the member's current version.
    pub current: bool,
}

/// One account as administrators see it (never its password).
#[derive(Serialize, ToSchema)]
pub struct AccountDetailView {
    #[serde(flatten)]
    pub account: AccountView,
    /// Send it back in If-Match (it is also the ETag).
    pub version: i64,
    /// RFC 3339.
    pub created_at: String,
    /// The account's own mail address (a staff account's); null: mail goes
    /// to its person's address, if it has a person.
    pub email: Option<String>,
    pub member_roles: Vec<AccountMemberRoleView>,
    /// Newest first; the newest 20 are kept.
    pub recent_logins: Vec<LoginView>,
    pub tokens: Vec<TokenView>,
    /// Newest first.
    pub user_agreement_acceptances: Vec<AccountAgreementView>,
}

fn detail_response(status: StatusCode, d: AccountDetail) -> Response {
    let version = d.account.version;
    let view = AccountDetailView {
        version,
        created_at: rfc3339(d.account.created_at),
        email: d.account.email.clone(),
        member_roles: d
            .member_roles
            .into_iter()
            .map(|r| AccountMemberRoleView {
                member_id: r.member.id,
                member_code: r.member.code,
                role: r.role.as_str().to_owned(),
            })
            .collect(),
        recent_logins: d
            .logins
            .into_iter()
            .map(|l| LoginView {
                at: rfc3339(l.at),
                method: l.method,
            })
            .collect(),
        tokens: d.tokens.into_iter().map(Into::into).collect(),
        user_agreement_acceptances: d
            .acceptances
            .into_iter()
            .map(|a| AccountAgreementView {
                member_id: a.record.member_id,
                member_code: a.record.member_code,
                version: a.record.version,
                accepted_at: rfc3339(a.record.accepted_at),
                current: a.current,
            })
            .collect(),
        account: d.account.into(),
    };
    with_etag(status, view, version)
}

#[utoipa::path(get, path = "/api/v1/accounts/{id}", operation_id = "accounts_show", tag = "accounts",
    params(("id" = Uuid, Path, description = "The account's id")),
    responses((status = 200, body = AccountDetailView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn show(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<Response> {
    let detail = s.app.account_detail(&p.scope, AccountKey::Id(id)).await?;
    Ok(detail_response(StatusCode::OK, detail))
}

/// What an administrator changes; a field left out stays as it is.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct AccountPatchBody {
    /// sv or en.
    #[schema(pattern = "^(sv|en)$")]
    pub language: Option<String>,
    /// agent, technician, group_lead, manager or admin; null for none.
    #[serde(default, deserialize_with = "super::tickets::double")]
    pub staff_role: Option<Option<String>>,
    /// Every role in members, replacing those held (an empty list removes them all).
    pub member_roles: Option<Vec<MemberRoleBody>>,
    /// The account's own mail address (kept in lower case); null for none.
    #[serde(default, deserialize_with = "super::tickets::double")]
    pub email: Option<Option<String>>,
}

#[utoipa::path(patch, path = "/api/v1/accounts/{id}", operation_id = "accounts_update", tag = "accounts",
    params(("id" = Uuid, Path, description = "The account's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")),
    request_body = AccountPatchBody,
    responses((status = 200, body = AccountDetailView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem), (status = 412, body = crate::problem::Problem), (status = 428, body = crate::problem::Problem)))]
pub async fn update(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    headers: HeaderMap,
    Body(b): Body<AccountPatchBody>,
) -> ApiResult<Response> {
    let edit = AccountEdit {
        language: b.language,
        staff_role: b.staff_role,
        member_roles: b
            .member_roles
            .map(|roles| roles.into_iter().map(|r| (r.member, r.role)).collect()),
        email: b.email,
    };
    let detail = conditional(
        if_match(&headers)?,
        || async {
            let d = s.app.account_detail(&p.scope, AccountKey::Id(id)).await?;
            Ok(d.account.version)
        },
        |version| {
            s.app
                .edit_account(&p.scope, AccountKey::Id(id), edit.clone(), version)
        },
    )
    .await?;
    Ok(detail_response(StatusCode::OK, detail))
}
