//! A reply or an internal note on the ticket.

use super::*;

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    internal: Option<String>,
}

pub async fn comment(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<CommentForm>,
) -> Response {
    let id = match posted_to(&user, &id, &form.csrf) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    match state
        .app
        .add_comment(
            &user.scope,
            TicketId(id),
            &form.body,
            form.internal.is_none(),
        )
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}#conversation")).into_response(),
        Err(e) => refusal_page(&user, &e),
    }
}
