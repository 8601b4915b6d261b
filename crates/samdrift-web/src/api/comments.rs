//! The conversation on a ticket: public replies and internal notes.

use super::views::CommentView;
use crate::auth::Principal;
use crate::extract::{Body, Id};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samdrift_domain::ids::TicketId;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    #[schema(min_length = 1, max_length = 20000, pattern = r"\S")]
    pub body: String,
    /// false: an internal note, for staff only. Default true.
    pub public: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/comments", operation_id = "comments_list", tag = "tickets", params(("id" = Uuid, Path, description = "The ticket's id")), responses((status = 200, body = Vec<CommentView>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<Vec<CommentView>>> {
    let detail = s.app.ticket_detail(&p.scope, TicketId(id)).await?;
    Ok(Json(detail.comments.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/comments", operation_id = "comments_create", tag = "tickets", params(("id" = Uuid, Path, description = "The ticket's id")), request_body = NewComment, responses((status = 201, body = CommentView)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<NewComment>,
) -> ApiResult<(StatusCode, Json<CommentView>)> {
    let (_, comment) = s
        .app
        .add_comment(&p.scope, TicketId(id), &b.body, b.public.unwrap_or(true))
        .await?;
    Ok((StatusCode::CREATED, Json(comment.into())))
}
