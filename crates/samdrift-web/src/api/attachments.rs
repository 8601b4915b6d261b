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
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
pub struct UploadQuery {
    pub filename: String,
    /// false: internal (staff only). Default true.
    pub public: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/attachments", tag = "tickets", responses((status = 200, body = Vec<AttachmentView>)))]
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

#[utoipa::path(post, path = "/api/v1/tickets/{id}/attachments", tag = "tickets", params(UploadQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
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

#[utoipa::path(get, path = "/api/v1/tickets/{id}/attachments/{attachment_id}", tag = "tickets", responses((status = 200, content_type = "application/octet-stream"), (status = 404, body = crate::problem::Problem)))]
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
