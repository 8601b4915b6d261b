//! The caller's in-app notifications (SLA warnings and breaches).

use super::views::rfc3339;
use crate::auth::Principal;
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
