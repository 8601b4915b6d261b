//! Attachments: upload the file as the request body (its Content-Type and
//! `?filename=`), list, download within scope.

use super::views::AttachmentView;
use crate::auth::Principal;
use crate::extract::{Id, Ids, Params};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samdrift_app::tickets::NewAttachment;
use samdrift_domain::ids::{AttachmentId, TicketId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// A file's bytes.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct FileBytes(Vec<u8>);

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name (a path is cut to its last part).
    #[param(min_length = 1, max_length = 255)]
    pub filename: String,
    /// false: internal (staff only). Default true.
    pub public: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/attachments", operation_id = "attachments_list", tag = "tickets", params(("id" = Uuid, Path, description = "The ticket's id")), responses((status = 200, body = Vec<AttachmentView>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<Vec<AttachmentView>>> {
    let detail = s.app.ticket_detail(&p.scope, TicketId(id)).await?;
    Ok(Json(
        detail.attachments.into_iter().map(Into::into).collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/attachments", operation_id = "attachments_create", tag = "tickets", params(("id" = Uuid, Path, description = "The ticket's id"), UploadQuery), request_body(description = "The file itself, sent with its own Content-Type; its bytes must match that type.",
        content(
            (FileBytes = "application/pdf"),
            (FileBytes = "image/png"),
            (FileBytes = "image/jpeg"),
            (FileBytes = "image/gif"),
            (FileBytes = "application/zip"),
            (FileBytes = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (FileBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (FileBytes = "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            (FileBytes = "text/plain"),
            (FileBytes = "text/csv"),
            (FileBytes = "message/rfc822"),
        )),
    responses((status = 201, body = AttachmentView), (status = 413, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Params(q): Params<UploadQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<AttachmentView>)> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let file = NewAttachment {
        filename: q.filename,
        content_type,
        data: body.to_vec(),
        public: q.public.unwrap_or(true),
    };
    let meta = s.app.add_attachment(&p.scope, TicketId(id), file).await?;
    Ok((StatusCode::CREATED, Json(meta.into())))
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/attachments/{attachment_id}", operation_id = "attachments_download", tag = "tickets", params(("id" = Uuid, Path, description = "The ticket's id"), ("attachment_id" = Uuid, Path, description = "The attachment's id")), responses((status = 200, description = "The file, with the content type it was uploaded with", content(
            (FileBytes = "application/pdf"),
            (FileBytes = "image/png"),
            (FileBytes = "image/jpeg"),
            (FileBytes = "image/gif"),
            (FileBytes = "application/zip"),
            (FileBytes = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (FileBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (FileBytes = "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            (FileBytes = "text/plain"),
            (FileBytes = "text/csv"),
            (FileBytes = "message/rfc822"),
        )), (status = 404, body = crate::problem::Problem)))]
pub async fn download(
    State(s): State<AppState>,
    p: Principal,
    Ids(ticket, id): Ids,
) -> ApiResult<Response> {
    let a = s
        .app
        .attachment(&p.scope, TicketId(ticket), AttachmentId(id))
        .await?;
    let mut r = a.data.into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&a.meta.content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    let ascii: String = a
        .meta
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    Ok(r)
}
