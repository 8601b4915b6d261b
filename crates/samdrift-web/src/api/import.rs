//! Importing tickets with their history: a JSON array, or JSON Lines with
//! `Content-Type: application/x-ndjson`. All or nothing.

use crate::auth::Principal;
use crate::extract::nul_in;
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

/// One ticket to import with its history (the shape of a JSON Lines line
/// and of an element of the JSON array).
#[derive(ToSchema)]
#[schema(as = ImportTicket)]
#[allow(dead_code)]
pub struct ImportTicketDoc {
    /// Member code.
    #[schema(pattern = r"^[A-Z]{2,5}$")]
    member: String,
    #[schema(value_type = super::tickets::TicketTypeName)]
    r#type: String,
    /// The service's code.
    #[schema(pattern = r"^[A-Z0-9_-]{1,32}$")]
    service: Option<String>,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    title: String,
    #[schema(max_length = 20000)]
    #[serde(default)]
    description: String,
    /// The requester's e-mail in the member.
    #[schema(format = Email)]
    requester: Option<String>,
    #[schema(minimum = 1, maximum = 3)]
    impact: i64,
    #[schema(minimum = 1, maximum = 3)]
    urgency: i64,
    /// `created` first, then `comment`, `status` and `priority` events.
    #[schema(min_items = 1)]
    events: Vec<ImportEventDoc>,
}

/// One event of an imported ticket's history.
#[derive(ToSchema)]
#[schema(as = ImportEvent)]
#[allow(dead_code)]
pub struct ImportEventDoc {
    /// When it happened (RFC 3339).
    #[schema(format = DateTime)]
    at: String,
    #[schema(value_type = ImportEventKind)]
    r#type: String,
    /// The new status (`status`) or priority (`priority`).
    to: Option<String>,
    /// `comment`: whether the requester sees it.
    public: Option<bool>,
    #[serde(default)]
    by_staff: bool,
    /// `comment`: its text.
    body: Option<String>,
}

/// What an imported event records.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum ImportEventKind {
    Created,
    Comment,
    Status,
    Priority,
}

#[utoipa::path(post, path = "/api/v1/import/tickets", operation_id = "import_tickets", tag = "import",
    request_body(description = "The tickets: a JSON array, or JSON Lines (one ticket per line) as `application/x-ndjson` or `application/jsonl`. All or nothing.",
        content(
            (Vec<ImportTicketDoc> = "application/json"),
            (String = "application/x-ndjson"),
            (String = "application/jsonl"),
        )),
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
    // PostgreSQL keeps no NUL character in text: name the field that has one.
    if body.contains("\\u0000") {
        let nul = |text: &str| {
            serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|v| nul_in(&v, String::new()))
        };
        let found = if ndjson {
            body.lines()
                .enumerate()
                .find_map(|(i, line)| nul(line).map(|f| format!("line {}: {f}", i + 1)))
        } else {
            nul(body)
        };
        if let Some(field) = found {
            return Err(AppError::invalid(&field, samdrift_domain::msg!("text.nul")).into());
        }
    }
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
                    id: i.id.uuid(),
                    number: i.number,
                })
                .collect(),
        ),
    ))
}
