//! SCIM 2.0 over HTTP at `/scim/v2` (docs/SCIM.md): a member's SCIM token
//! as the bearer token (API tokens and sessions are not accepted here, and
//! a SCIM token is not accepted under `/api/v1`), `application/scim+json`
//! (`application/json` is read too), ETags and `If-Match`, and every error
//! as a SCIM error body. The documents are built by
//! `samdrift_app::scim`.

use crate::router::AppState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use samdrift_app::scim::discovery;
use samdrift_app::scim::groups::group_json;
use samdrift_app::scim::users::user_json;
use samdrift_app::scim::{ERROR_SCHEMA, ListQuery, ScimCaller, ScimError, project};
use serde_json::{Value, json};
use uuid::Uuid;

const MEDIA_TYPE: &str = "application/scim+json";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/Users", get(list_users).post(create_user))
        .route("/Users/.search", axum::routing::post(search_users))
        .route(
            "/Users/{id}",
            get(get_user)
                .put(replace_user)
                .patch(patch_user)
                .delete(delete_user),
        )
        .route("/Groups", get(list_groups).post(create_group))
        .route("/Groups/.search", axum::routing::post(search_groups))
        .route(
            "/Groups/{id}",
            get(get_group)
                .put(replace_group)
                .patch(patch_group)
                .delete(delete_group),
        )
        .route(
            "/.search",
            axum::routing::post(|_: Caller| async {
                Scim::err(ScimError::new(
                    501,
                    None,
                    "searching every resource type at once is not supported; search /Users/.search or /Groups/.search",
                ))
            }),
        )
        .route("/ServiceProviderConfig", get(service_provider_config))
        .route("/Schemas", get(schemas))
        .route("/Schemas/{id}", get(schema))
        .route("/ResourceTypes", get(resource_types))
        .route("/ResourceTypes/{id}", get(resource_type))
        .fallback(|| async { Scim::err(ScimError::not_found("endpoint")) })
        .layer(middleware::from_fn(scim_guard))
}

/// An answer: a SCIM document or error.
pub struct Scim(Response);

impl IntoResponse for Scim {
    fn into_response(self) -> Response {
        self.0
    }
}

impl Scim {
    fn json(status: StatusCode, body: &Value) -> Scim {
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        let mut r = (status, bytes).into_response();
        r.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
        Scim(r)
    }

    /// A resource with its ETag (and Location when created).
    fn resource(status: StatusCode, body: &Value) -> Scim {
        let mut s = Scim::json(status, body);
        let meta = &body["meta"];
        if let Some(v) = meta["version"]
            .as_str()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            s.0.headers_mut().insert(header::ETAG, v);
        }
        if status == StatusCode::CREATED
            && let Some(l) = meta["location"]
                .as_str()
                .and_then(|v| HeaderValue::from_str(v).ok())
        {
            s.0.headers_mut().insert(header::LOCATION, l);
        }
        s
    }

    fn err(e: ScimError) -> Scim {
        let (status, scim_type, detail) = match e {
            ScimError::Client {
                status,
                scim_type,
                detail,
            } => (status, scim_type, detail),
            ScimError::Store(e) => {
                let incident = Uuid::new_v4();
                tracing::error!(%incident, error = %e, "store failure");
                (
                    503,
                    None,
                    format!(
                        "the database could not complete the request; try again (incident {incident})"
                    ),
                )
            }
        };
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
        let mut body = json!({
            "schemas": [ERROR_SCHEMA],
            "status": status.as_u16().to_string(),
            "detail": detail,
        });
        if let (Some(t), Some(o)) = (scim_type, body.as_object_mut()) {
            o.insert("scimType".into(), json!(t));
        }
        let mut s = Scim::json(status, &body);
        if status == StatusCode::UNAUTHORIZED {
            s.0.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"scim\""),
            );
        }
        s
    }
}

type ScimResult = Result<Scim, Scim>;

impl From<ScimError> for Scim {
    fn from(e: ScimError) -> Self {
        Scim::err(e)
    }
}

/// The caller: a member's SCIM token.
pub struct Caller(ScimCaller);

impl FromRequestParts<AppState> for Caller {
    type Rejection = Scim;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Scim> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(token) = token else {
            return Err(Scim::err(ScimError::new(
                401,
                None,
                "send a SCIM bearer token",
            )));
        };
        state
            .app
            .authenticate_scim(token)
            .await
            .map(Caller)
            .map_err(|e| Scim::err(e.into()))
    }
}

/// The address of `/scim/v2` as the client reached it.
fn base(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = if state.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}/scim/v2")
}

/// An id in the path; one that is not a UUID names nothing.
fn id_of(raw: &str, what: &str) -> Result<Uuid, ScimError> {
    Uuid::parse_str(raw).map_err(|_| ScimError::not_found(what))
}

/// The version `If-Match` names: none for `*` or no header; a value this
/// service never issued matches nothing (412).
fn if_match(headers: &HeaderMap) -> Result<Option<i64>, ScimError> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let raw = v.to_str().unwrap_or("").trim();
    if raw == "*" {
        return Ok(None);
    }
    let raw = raw.strip_prefix("W/").unwrap_or(raw).trim_matches('"');
    raw.parse::<i64>()
        .map(Some)
        .map_err(|_| ScimError::precondition())
}

/// A JSON body (`application/scim+json` or `application/json`).
fn body_json(headers: &HeaderMap, body: &Bytes) -> Result<Value, ScimError> {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or(MEDIA_TYPE)
        .to_ascii_lowercase();
    if !(kind.starts_with(MEDIA_TYPE) || kind.starts_with("application/json")) {
        return Err(ScimError::new(
            415,
            None,
            "send application/scim+json or application/json",
        ));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        ScimError::new(
            400,
            Some("invalidSyntax"),
            format!("the body is not JSON: {e}"),
        )
    })?;
    match crate::extract::nul_in(&value, String::new()) {
        Some(at) => Err(ScimError::invalid_value(format!(
            "{at} holds a NUL character"
        ))),
        None => Ok(value),
    }
}

/// The list parameters, names without regard to case.
fn list_query(pairs: &[(String, String)]) -> Result<ListQuery, ScimError> {
    let mut q = ListQuery::default();
    let number = |name: &str, v: &str| {
        v.trim()
            .parse::<i64>()
            .map_err(|_| ScimError::invalid_value(format!("{name} must be an integer")))
    };
    for (k, v) in pairs {
        match k.to_ascii_lowercase().as_str() {
            "filter" => q.filter = Some(v.clone()),
            "startindex" => q.start_index = Some(number("startIndex", v)?),
            "count" => q.count = Some(number("count", v)?),
            "sortby" => q.sort_by = Some(v.clone()),
            "sortorder" => q.sort_order = Some(v.clone()),
            "attributes" => q.attributes = Some(v.clone()),
            "excludedattributes" => q.excluded_attributes = Some(v.clone()),
            _ => {}
        }
    }
    Ok(q)
}

type Pairs = Query<Vec<(String, String)>>;

/// The parameters of a SearchRequest body (POST `.search`), as query pairs.
fn search_pairs(headers: &HeaderMap, body: &Bytes) -> Result<Vec<(String, String)>, ScimError> {
    let doc = body_json(headers, body)?;
    let Some(fields) = doc.as_object() else {
        return Err(ScimError::new(
            400,
            Some("invalidSyntax"),
            "a SearchRequest is a JSON object",
        ));
    };
    let mut pairs = Vec::new();
    for (k, v) in fields {
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Array(list) => list
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
            _ => continue,
        };
        pairs.push((k.clone(), text));
    }
    Ok(pairs)
}

async fn search_users(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> ScimResult {
    let q = list_query(&search_pairs(&headers, &body)?)?;
    let list = s.app.scim_list_users(c, &q, &base(&s, &headers)).await?;
    Ok(Scim::json(StatusCode::OK, &list))
}

async fn search_groups(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> ScimResult {
    let q = list_query(&search_pairs(&headers, &body)?)?;
    let list = s.app.scim_list_groups(c, &q, &base(&s, &headers)).await?;
    Ok(Scim::json(StatusCode::OK, &list))
}

async fn list_users(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Query(pairs): Pairs,
) -> ScimResult {
    let q = list_query(&pairs)?;
    let list = s.app.scim_list_users(c, &q, &base(&s, &headers)).await?;
    Ok(Scim::json(StatusCode::OK, &list))
}

async fn get_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(pairs): Pairs,
) -> ScimResult {
    let q = list_query(&pairs)?;
    let user = s.app.scim_get_user(c, id_of(&id, "User")?).await?;
    let doc = user_json(&user, &base(&s, &headers));
    let doc = project(
        doc,
        q.attributes.as_deref(),
        q.excluded_attributes.as_deref(),
    );
    Ok(Scim::resource(StatusCode::OK, &doc))
}

async fn create_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> ScimResult {
    let doc = body_json(&headers, &body)?;
    let user = s.app.scim_create_user(c, &doc).await?;
    Ok(Scim::resource(
        StatusCode::CREATED,
        &user_json(&user, &base(&s, &headers)),
    ))
}

async fn replace_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> ScimResult {
    let id = id_of(&id, "User")?;
    let version = if_match(&headers)?;
    let doc = body_json(&headers, &body)?;
    let user = s.app.scim_replace_user(c, id, version, &doc).await?;
    Ok(Scim::resource(
        StatusCode::OK,
        &user_json(&user, &base(&s, &headers)),
    ))
}

async fn patch_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> ScimResult {
    let id = id_of(&id, "User")?;
    let version = if_match(&headers)?;
    let doc = body_json(&headers, &body)?;
    let user = s.app.scim_patch_user(c, id, version, &doc).await?;
    Ok(Scim::resource(
        StatusCode::OK,
        &user_json(&user, &base(&s, &headers)),
    ))
}

async fn delete_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, Scim> {
    let id = id_of(&id, "User")?;
    let version = if_match(&headers)?;
    s.app.scim_delete_user(c, id, version).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_groups(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Query(pairs): Pairs,
) -> ScimResult {
    let q = list_query(&pairs)?;
    let list = s.app.scim_list_groups(c, &q, &base(&s, &headers)).await?;
    Ok(Scim::json(StatusCode::OK, &list))
}

async fn get_group(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(pairs): Pairs,
) -> ScimResult {
    let q = list_query(&pairs)?;
    let group = s.app.scim_get_group(c, id_of(&id, "Group")?).await?;
    let doc = group_json(&group, &base(&s, &headers));
    let doc = project(
        doc,
        q.attributes.as_deref(),
        q.excluded_attributes.as_deref(),
    );
    Ok(Scim::resource(StatusCode::OK, &doc))
}

async fn create_group(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> ScimResult {
    let doc = body_json(&headers, &body)?;
    let group = s.app.scim_create_group(c, &doc).await?;
    Ok(Scim::resource(
        StatusCode::CREATED,
        &group_json(&group, &base(&s, &headers)),
    ))
}

async fn replace_group(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> ScimResult {
    let id = id_of(&id, "Group")?;
    let version = if_match(&headers)?;
    let doc = body_json(&headers, &body)?;
    let group = s.app.scim_replace_group(c, id, version, &doc).await?;
    Ok(Scim::resource(
        StatusCode::OK,
        &group_json(&group, &base(&s, &headers)),
    ))
}

async fn patch_group(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> ScimResult {
    let id = id_of(&id, "Group")?;
    let version = if_match(&headers)?;
    let doc = body_json(&headers, &body)?;
    let group = s.app.scim_patch_group(c, id, version, &doc).await?;
    Ok(Scim::resource(
        StatusCode::OK,
        &group_json(&group, &base(&s, &headers)),
    ))
}

async fn delete_group(
    State(s): State<AppState>,
    Caller(c): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, Scim> {
    let id = id_of(&id, "Group")?;
    let version = if_match(&headers)?;
    s.app.scim_delete_group(c, id, version).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn service_provider_config(State(s): State<AppState>, _: Caller, headers: HeaderMap) -> Scim {
    Scim::json(
        StatusCode::OK,
        &discovery::service_provider_config(&base(&s, &headers)),
    )
}

async fn schemas(State(s): State<AppState>, _: Caller, headers: HeaderMap) -> Scim {
    Scim::json(
        StatusCode::OK,
        &discovery::listed(discovery::schemas(&base(&s, &headers))),
    )
}

async fn schema(
    State(s): State<AppState>,
    _: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ScimResult {
    discovery::schemas(&base(&s, &headers))
        .into_iter()
        .find(|d| {
            d["id"]
                .as_str()
                .is_some_and(|i| i.eq_ignore_ascii_case(&id))
        })
        .map(|d| Scim::json(StatusCode::OK, &d))
        .ok_or_else(|| Scim::err(ScimError::not_found("Schema")))
}

async fn resource_types(State(s): State<AppState>, _: Caller, headers: HeaderMap) -> Scim {
    Scim::json(
        StatusCode::OK,
        &discovery::listed(discovery::resource_types(&base(&s, &headers))),
    )
}

async fn resource_type(
    State(s): State<AppState>,
    _: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ScimResult {
    discovery::resource_types(&base(&s, &headers))
        .into_iter()
        .find(|d| {
            d["id"]
                .as_str()
                .is_some_and(|i| i.eq_ignore_ascii_case(&id))
        })
        .map(|d| Scim::json(StatusCode::OK, &d))
        .ok_or_else(|| Scim::err(ScimError::not_found("ResourceType")))
}

/// Turns the framework's own error answers under `/scim/v2` (a body too
/// large, a method not allowed, a bad query) into SCIM errors.
async fn scim_guard(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let shaped = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(MEDIA_TYPE));
    if shaped || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (code, scim_type, detail) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (413, None, "the body is larger than 1 MB"),
        StatusCode::METHOD_NOT_ALLOWED => (405, None, "the endpoint does not take that method"),
        StatusCode::NOT_FOUND => (404, None, "not found"),
        s if s.is_server_error() => (503, None, "the service could not answer; try again"),
        _ => (400, Some("invalidSyntax"), "the request could not be read"),
    };
    Scim::err(ScimError::new(code, scim_type, detail)).into_response()
}
