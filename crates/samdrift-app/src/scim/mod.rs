//! SCIM 2.0 provisioning (RFC 7643/7644, docs/SCIM.md): a member's
//! identity provider creates, changes and ends the member's people and
//! keeps its directory groups, with a token that reaches that member only.
//! The resources are JSON documents built and read here; the web layer
//! adds HTTP.

pub mod discovery;
pub mod groups;
mod patch;
pub mod tokens;
pub mod users;

use crate::AppError;
use samdrift_domain::identity::scim_filter::{self, FilterError};
use samdrift_store::StoreError;
use samdrift_store::scim::ListPage;
use samdrift_store::scim_sql::{self, Resource, SqlWhere};
use uuid::Uuid;

pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const ENTERPRISE_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// Most resources one list answers.
pub const MAX_COUNT: i64 = 1000;
/// Resources a list answers when the client does not say.
pub const DEFAULT_COUNT: i64 = 100;

/// The caller: a member's SCIM token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScimCaller {
    pub token: Uuid,
    pub member: Uuid,
}

/// A SCIM error: its HTTP status, `scimType` and `detail`; or a fault of
/// the database (answered 503 with an incident id by the web layer).
#[derive(Debug, thiserror::Error)]
pub enum ScimError {
    #[error("{detail}")]
    Client {
        status: u16,
        scim_type: Option<&'static str>,
        detail: String,
    },
    #[error("database fault")]
    Store(#[source] StoreError),
}

impl ScimError {
    pub fn new(status: u16, scim_type: Option<&'static str>, detail: impl Into<String>) -> Self {
        ScimError::Client {
            status,
            scim_type,
            detail: detail.into(),
        }
    }

    pub fn invalid_value(detail: impl Into<String>) -> Self {
        ScimError::new(400, Some("invalidValue"), detail)
    }

    pub fn not_found(what: &str) -> Self {
        ScimError::new(404, None, format!("{what} not found"))
    }

    pub fn precondition() -> Self {
        ScimError::new(
            412,
            None,
            "the resource was changed since that version was read (If-Match)",
        )
    }
}

impl From<StoreError> for ScimError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Stale => ScimError::precondition(),
            StoreError::Duplicate(_) => ScimError::new(
                409,
                Some("uniqueness"),
                "userName is already taken in this member",
            ),
            StoreError::UnstorableText => ScimError::invalid_value("a value holds a NUL character"),
            StoreError::MissingReference => ScimError::invalid_value("a value names nothing"),
            other => ScimError::Store(other),
        }
    }
}

impl From<AppError> for ScimError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Store(s) => ScimError::from(s),
            AppError::NotFound(what) => ScimError::not_found(what),
            AppError::Stale => ScimError::precondition(),
            AppError::Unauthenticated => {
                ScimError::new(401, None, "send a valid SCIM bearer token")
            }
            other => ScimError::new(400, Some("invalidValue"), other.to_string()),
        }
    }
}

fn invalid_filter(e: FilterError) -> ScimError {
    ScimError::new(400, Some("invalidFilter"), e.0)
}

/// What a list asks for: the query parameters of GET /Users or /Groups.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub filter: Option<String>,
    pub start_index: Option<i64>,
    pub count: Option<i64>,
    pub sort_by: Option<String>,
    pub sort_order: Option<String>,
    pub attributes: Option<String>,
    pub excluded_attributes: Option<String>,
}

/// The filter and page a list query asks for, checked.
pub(crate) fn list_plan(
    resource: Resource,
    q: &ListQuery,
) -> Result<(SqlWhere, ListPage, i64), ScimError> {
    let filter = match q.filter.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => {
            let parsed = scim_filter::parse_filter(text).map_err(invalid_filter)?;
            scim_sql::translate(resource, &parsed).map_err(invalid_filter)?
        }
        _ => SqlWhere::default(),
    };
    let start = q.start_index.unwrap_or(1).max(1);
    let count = q.count.unwrap_or(DEFAULT_COUNT).clamp(0, MAX_COUNT);
    let sort = match q.sort_by.as_deref() {
        Some(s) => Some(
            scim_sql::sort_column(resource, s)
                .ok_or_else(|| ScimError::invalid_value(format!("cannot sort by {s:?}")))?,
        ),
        None => None,
    };
    let descending = match q
        .sort_order
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("ascending") => false,
        Some("descending") => true,
        Some(_) => {
            return Err(ScimError::invalid_value(
                "sortOrder is ascending or descending",
            ));
        }
    };
    let page = ListPage {
        sort,
        descending,
        offset: start - 1,
        count,
    };
    Ok((filter, page, start))
}

/// A list response around `resources`.
pub(crate) fn list_response(
    total: i64,
    start: i64,
    resources: Vec<serde_json::Value>,
) -> serde_json::Value {
    serde_json::json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}

/// Keeps only the asked attributes of a resource (`attributes`), or drops
/// the excluded ones (`excludedAttributes`); `id`, `schemas` and `meta`
/// always stay. Top-level attributes only; sub-attributes keep their
/// parent whole.
pub fn project(
    mut resource: serde_json::Value,
    attributes: Option<&str>,
    excluded: Option<&str>,
) -> serde_json::Value {
    let names = |list: &str| -> Vec<String> {
        list.split(',')
            .map(|a| {
                let a = a.trim();
                let a = a.rsplit_once(':').map_or(a, |(_, rest)| rest);
                a.split('.').next().unwrap_or(a).to_ascii_lowercase()
            })
            .filter(|a| !a.is_empty())
            .collect()
    };
    let keep_always = ["id", "schemas", "meta"];
    if let Some(object) = resource.as_object_mut() {
        if let Some(list) = attributes.filter(|a| !a.trim().is_empty()) {
            let wanted = names(list);
            object.retain(|k, _| {
                let k = k.to_ascii_lowercase();
                keep_always.contains(&k.as_str()) || wanted.contains(&k) || k.starts_with("urn:")
            });
        } else if let Some(list) = excluded {
            let dropped = names(list);
            object.retain(|k, _| {
                let k = k.to_ascii_lowercase();
                keep_always.contains(&k.as_str()) || !dropped.contains(&k)
            });
        }
    }
    resource
}

/// RFC 3339 of stored microseconds.
pub(crate) fn instant(micros: i64) -> String {
    jiff::Timestamp::from_microsecond(micros)
        .map(|t| t.to_string())
        .unwrap_or_default()
}
