//! The caller's notifications in the product: list, unread count, mark
//! read one or all.

use super::views::rfc3339;
use crate::auth::Principal;
use crate::extract::Id;
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct NotificationView {
    pub id: Uuid,
    pub kind: String,
    /// What happened, in English.
    pub message: String,
    /// The stable code of the message (`notification.sla_breach`).
    pub code: String,
    pub ticket_id: Option<Uuid>,
    pub created_at: String,
    pub read: bool,
}

#[utoipa::path(get, path = "/api/v1/notifications", operation_id = "notifications_list", tag = "session", responses((status = 200, body = Vec<NotificationView>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
) -> ApiResult<Json<Vec<NotificationView>>> {
    let list = s.app.notifications(&p.scope, 100).await?;
    Ok(Json(
        list.into_iter()
            .map(|n| NotificationView {
                id: n.id,
                kind: n.kind,
                message: crate::messages::english(&n.message),
                code: n.message.code.to_owned(),
                ticket_id: n.ticket_id,
                created_at: rfc3339(n.created_at),
                read: n.read_at.is_some(),
            })
            .collect(),
    ))
}

/// How many of the caller's notifications are unread.
#[derive(Serialize, ToSchema)]
pub struct UnreadView {
    /// At most 100 are counted.
    pub count: i64,
}

#[utoipa::path(get, path = "/api/v1/notifications/unread", operation_id = "notifications_unread", tag = "session", responses((status = 200, body = UnreadView)))]
pub async fn unread(State(s): State<AppState>, p: Principal) -> ApiResult<Json<UnreadView>> {
    Ok(Json(UnreadView {
        count: s.app.unread_notifications(&p.scope).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", operation_id = "notifications_read", tag = "session",
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses((status = 204, description = "Marked read"), (status = 404, body = crate::problem::Problem)))]
pub async fn read(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<axum::http::StatusCode> {
    s.app.mark_notification_read(&p.scope, id).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// How many notifications were marked read.
#[derive(Serialize, ToSchema)]
pub struct MarkedView {
    pub marked: u64,
}

#[utoipa::path(post, path = "/api/v1/notifications/read", operation_id = "notifications_read_all", tag = "session", responses((status = 200, body = MarkedView)))]
pub async fn read_all(State(s): State<AppState>, p: Principal) -> ApiResult<Json<MarkedView>> {
    Ok(Json(MarkedView {
        marked: s.app.mark_all_notifications_read(&p.scope).await?,
    }))
}
