//! The staff's and requester's actions on the ticket: take, status,
//! priority, assign, forward to a supplier, cancel and reopen. A stale form
//! brings the page back with what was sent.

use super::*;

#[derive(Deserialize, Clone, Default)]
pub struct UpdateForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub resolution: String,
    #[serde(default)]
    pub priority: String,
    #[serde(default)]
    pub priority_reason: String,
    #[serde(default)]
    pub group_id: String,
    #[serde(default)]
    pub assignee_id: String,
    #[serde(default)]
    pub supplier_id: String,
    #[serde(default)]
    pub supplier_reference: String,
}

/// An optional id from a select (empty: none).
fn optional_id(value: &str) -> Option<uuid::Uuid> {
    value.trim().parse().ok()
}

pub async fn update(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<UpdateForm>,
) -> Response {
    let id = match posted_to(&user, &id, &form.csrf) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let patch = match form.action.as_str() {
        "take" => TicketPatch {
            assignee_id: Some(Some(user.scope.account.0)),
            ..TicketPatch::default()
        },
        "status" => TicketPatch {
            status: Some(form.status.clone()),
            resolution: (form.status == "resolved").then(|| form.resolution.clone()),
            ..TicketPatch::default()
        },
        "priority" => TicketPatch {
            priority: Some(form.priority.clone()),
            priority_reason: Some(form.priority_reason.clone()),
            ..TicketPatch::default()
        },
        "assign" => TicketPatch {
            group_id: Some(optional_id(&form.group_id)),
            assignee_id: Some(optional_id(&form.assignee_id)),
            ..TicketPatch::default()
        },
        "forward" => TicketPatch {
            supplier_id: Some(optional_id(&form.supplier_id)),
            supplier_reference: Some(Some(form.supplier_reference.clone())),
            ..TicketPatch::default()
        },
        "cancel" => TicketPatch {
            status: Some("cancelled".into()),
            ..TicketPatch::default()
        },
        "reopen" => TicketPatch {
            status: Some("in_progress".into()),
            ..TicketPatch::default()
        },
        _ => {
            return error_page(
                &user,
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown action".into(),
            );
        }
    };
    match state
        .app
        .update_ticket(&user.scope, TicketId(id), Some(form.version), patch)
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}")).into_response(),
        Err(AppError::Stale) => {
            let extras = Extras {
                stale: Some(form),
                ..Extras::default()
            };
            render(&state, &user, id, extras).await
        }
        Err(e) => refusal_page(&user, &e),
    }
}
