//! Members' directories: the latest reads of a member's directory (Active
//! Directory or OpenLDAP) and reading it now.

use super::views::rfc3339;
use crate::auth::Principal;
use crate::extract::member_in_path;
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use samdrift_app::identity::directory::DirectoryReadRecord;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// One read of a member's directory.
#[derive(Serialize, ToSchema)]
pub struct DirectoryReadView {
    pub id: Uuid,
    #[schema(format = DateTime)]
    pub at: String,
    pub users_read: i64,
    pub groups_read: i64,
    /// Directory users matched to a person of the member.
    pub matched: i64,
    /// Directory users no person matched (logins or DNs, at most 100).
    pub unmatched: Vec<String>,
    pub unmatched_count: i64,
    /// Why the read failed (nothing was changed).
    pub error: Option<String>,
}

impl From<DirectoryReadRecord> for DirectoryReadView {
    fn from(r: DirectoryReadRecord) -> Self {
        DirectoryReadView {
            id: r.id,
            at: rfc3339(r.at),
            users_read: r.users_read,
            groups_read: r.groups_read,
            matched: r.matched,
            unmatched: serde_json::from_str(&r.unmatched).unwrap_or_default(),
            unmatched_count: r.unmatched_count,
            error: r.error,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/members/{member}/directory-reads", operation_id = "directory_reads_list", tag = "identity",
    params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$")),
    responses((status = 200, body = Vec<DirectoryReadView>), (status = 404, body = crate::problem::Problem)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    Path(member): Path<String>,
) -> ApiResult<Json<Vec<DirectoryReadView>>> {
    let reads = s
        .app
        .directory_reads(&p.scope, &member)
        .await
        .map_err(member_in_path)?;
    Ok(Json(reads.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/members/{member}/directory-reads", operation_id = "directory_reads_create", tag = "identity",
    params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$")),
    responses((status = 201, body = DirectoryReadView, description = "Read; a failed read says why in `error` and changed nothing"),
        (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Path(member): Path<String>,
) -> ApiResult<(StatusCode, Json<DirectoryReadView>)> {
    let read = s
        .app
        .read_directory(Some(&p.scope), &member)
        .await
        .map_err(member_in_path)?;
    Ok((StatusCode::CREATED, Json(read.into())))
}
