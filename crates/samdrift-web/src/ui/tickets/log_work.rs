//! Time logged on the ticket by staff; a refused form names its fields
//! and keeps what was typed.

use super::*;

/// The time form as typed.
#[derive(Deserialize, Clone, Default)]
pub struct WorkForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub worked_on: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub chargeable: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// A refused time field's message in the user's language.
fn work_error(t: &Tr, field: &str, message: &samdrift_domain::messages::Message) -> String {
    match field {
        "minutes" => t.t("catalog.work.error_minutes").to_owned(),
        "worked_on" => t.t("catalog.work.error_date").to_owned(),
        "note" => t.t("catalog.work.error_note").to_owned(),
        _ => crate::messages::render(t, message),
    }
}

/// Logs time on the ticket (staff); a refused form comes back with the
/// fields named and what was typed kept.
pub async fn log_work(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    Form(form): Form<WorkForm>,
) -> Response {
    let id = match posted_to(&user, &id, &form.csrf) {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let refused = |errors: Vec<(String, String)>| Extras {
        work: Some((form.clone(), errors)),
        ..Extras::default()
    };
    let Ok(minutes) = form.minutes.trim().parse::<i64>() else {
        let message = user.tr.t("catalog.work.error_minutes").to_owned();
        return render(
            &state,
            &user,
            id,
            refused(vec![("minutes".into(), message)]),
        )
        .await;
    };
    let input = WorkInput {
        worked_on: Some(form.worked_on.trim().to_owned()).filter(|d| !d.is_empty()),
        minutes,
        chargeable: form.chargeable.is_some(),
        note: form.note.clone(),
    };
    match state.app.log_work(&user.scope, TicketId(id), input).await {
        Ok(_) => Redirect::to(&format!("/tickets/{id}?logged=1#work-title")).into_response(),
        Err(AppError::Invalid(fields)) => {
            let errors = fields
                .into_iter()
                .map(|f| {
                    let m = work_error(&user.tr, &f.field, &f.message);
                    (f.field, m)
                })
                .collect();
            render(&state, &user, id, refused(errors)).await
        }
        Err(AppError::NotFound(_)) => not_found(&user),
        Err(AppError::Forbidden(message)) => error_page(
            &user,
            StatusCode::FORBIDDEN,
            crate::messages::render(&user.tr, &message),
        ),
        Err(e) => refusal_page(&user, &e),
    }
}
