//! A catalog request's fulfilment task marked done by staff; a task
//! someone else closed first brings the page back with the note kept.

use super::*;

#[derive(Deserialize, Clone, Default)]
pub struct TaskForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    note: String,
}

/// Marks a fulfilment task done (staff), with an optional note.
pub async fn complete_task(
    State(state): State<AppState>,
    user: UiUser,
    Path((id, task)): Path<(String, String)>,
    Form(form): Form<TaskForm>,
) -> Response {
    let Ok(task) = task.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    let id = match posted_to(&user, &id, &form.csrf) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let note = Some(form.note.clone()).filter(|n| !n.trim().is_empty());
    match state
        .app
        .complete_task(&user.scope, TicketId(id), task, note)
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}?task_done=1#request-title")).into_response(),
        Err(AppError::NotFound(_)) => not_found(&user),
        Err(AppError::Forbidden(message)) => error_page(
            &user,
            StatusCode::FORBIDDEN,
            crate::messages::render(&user.tr, &message),
        ),
        Err(AppError::Conflict(_) | AppError::Stale) => {
            let extras = Extras {
                notices: Notices {
                    task_conflict: true,
                    kept_note: form.note.trim().to_owned(),
                    ..Notices::default()
                },
                ..Extras::default()
            };
            render(&state, &user, id, extras).await
        }
        Err(e) => refusal_page(&user, &e),
    }
}
