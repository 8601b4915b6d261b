//! Linking a ticket to a configuration item from the ticket page: the desk
//! names the item (or its serial number); a name that matches none of the
//! ticket's member's items is refused in words.

use super::*;

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    item: String,
}

/// POST /tickets/{id}/items
pub async fn link_item(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(f): Form<LinkForm>,
) -> Response {
    if !user.csrf_ok(&f.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, user.tr.t("admin.csrf").into());
    }
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return failure(&user, AppError::NotFound("ticket"));
    };
    match state
        .app
        .link_ticket_item_named(&user.scope, TicketId(id), &f.item)
        .await
    {
        Ok(()) => Redirect::to(&format!("/tickets/{id}#items")).into_response(),
        Err(AppError::Invalid(fields)) => {
            let why = fields
                .iter()
                .map(|e| crate::messages::render(&user.tr, &e.message))
                .collect::<Vec<_>>()
                .join(" ");
            error_page(&user, StatusCode::UNPROCESSABLE_ENTITY, why)
        }
        Err(e) => failure(&user, e),
    }
}
