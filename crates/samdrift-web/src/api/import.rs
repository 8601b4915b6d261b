//! Importing tickets with their history: a JSON array, or JSON Lines with
//! `Content-Type: application/x-ndjson`. All or nothing.

use crate::auth::Principal;
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use samdrift_app::AppError;
use samdrift_app::import::{ImportTicket, parse_json_lines};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct ImportedView {
    pub id: uuid::Uuid,
    pub number: String,
}

#[utoipa::path(post, path = "/api/v1/import/tickets", tag = "import", request_body(content = String, content_type = "application/x-ndjson"),
    responses((status = 201, body = Vec<ImportedView>), (status = 422, body = crate::problem::Problem)))]
pub async fn tickets(
    State(s): State<AppState>,
    p: Principal,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> ApiResult<(StatusCode, Json<Vec<ImportedView>>)> {
    let ndjson = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("application/x-ndjson") || v.starts_with("application/jsonl")
        });
    let body = std::str::from_utf8(&body)
        .map_err(|_| AppError::invalid("body", samdrift_domain::msg!("import.not_utf8")))?;
    let lines: Vec<ImportTicket> = if ndjson {
        parse_json_lines(body)?
    } else {
        serde_json::from_str(body).map_err(|e| {
            AppError::invalid(
                "body",
                samdrift_domain::msg!("import.json_array", detail = e.to_string()),
            )
        })?
    };
    let imported = s.app.import_tickets(&p.scope, lines).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            imported
                .into_iter()
                .map(|i| ImportedView {
                    id: i.id,
                    number: i.number,
                })
                .collect(),
        ),
    ))
}
