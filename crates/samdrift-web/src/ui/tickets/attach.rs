//! A file attached to the ticket, public or internal.

use super::*;

/// Uploads a file to the ticket (multipart form: `file`, `csrf`, `internal`).
pub async fn attach(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<String>,
    mut multipart: axum::extract::Multipart,
) -> Response {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return not_found(&user);
    };
    let mut csrf = String::new();
    let mut internal = false;
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_owned();
                match name.as_str() {
                    "csrf" => csrf = field.text().await.unwrap_or_default(),
                    "internal" => internal = true,
                    "file" => {
                        let filename = field.file_name().unwrap_or("").to_owned();
                        let content_type = field
                            .content_type()
                            .unwrap_or("application/octet-stream")
                            .to_owned();
                        match field.bytes().await {
                            Ok(data) => file = Some((filename, content_type, data.to_vec())),
                            Err(_) => {
                                return error_page(
                                    &user,
                                    StatusCode::PAYLOAD_TOO_LARGE,
                                    user.tr.t("ticket.file_too_large").into(),
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => {
                return error_page(
                    &user,
                    StatusCode::PAYLOAD_TOO_LARGE,
                    user.tr.t("ticket.file_too_large").into(),
                );
            }
        }
    }
    if !user.csrf_ok(&csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, "CSRF".into());
    }
    let Some((filename, content_type, data)) = file.filter(|f| !f.2.is_empty()) else {
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
