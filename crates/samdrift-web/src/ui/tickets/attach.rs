//! A file attached to the ticket, public or internal.

use super::*;
use crate::ui::upload::{Refused, Upload, read_file, upload_refused};

/// Uploads a file to the ticket (multipart form: `file`, `csrf`, `internal`).
pub async fn attach(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    multipart: axum::extract::Multipart,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    let max_file = state.app.settings.attachment_max_bytes;
    let (csrf, internal, file) = match read_attach_form(multipart, max_file).await {
        Ok(read) => read,
        Err(refused) => return upload_refused(&user, &refused),
    };
    if !user.csrf_ok(&csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let Some(Upload {
        filename,
        content_type,
        data,
    }) = file.filter(|f| !f.data.is_empty())
    else {
        return error_page(
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            user.tr.t("ticket.file_missing").into(),
        );
    };
    let new = samdrift_app::tickets::NewAttachment {
        filename,
        content_type,
        data,
        public: !internal,
    };
    match state
        .app
        .add_attachment(&user.scope, TicketId(id), new)
        .await
    {
        Ok(_) => Redirect::to(&format!("/tickets/{id}#attachments-title")).into_response(),
        Err(e) => refusal_page(&user, &e),
    }
}

/// The form's CSRF token, whether the file is internal, and the file.
async fn read_attach_form(
    mut multipart: axum::extract::Multipart,
    max_file: usize,
) -> Result<(String, bool, Option<Upload>), Refused> {
    let (mut csrf, mut internal, mut file) = (String::new(), false, None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Refused::Unreadable)?
    {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(|_| Refused::Unreadable)?,
            "internal" => internal = true,
            "file" => file = Some(read_file(field, max_file).await?),
            _ => {}
        }
    }
    Ok((csrf, internal, file))
}
