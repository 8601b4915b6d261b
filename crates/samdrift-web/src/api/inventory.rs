//! The inventory through the API: configuration items and their pages,
//! CSV import and export, ticket links, what a failure affects and an
//! outage started from an item, and the endpoint inventory agents of the
//! FusionInventory / GLPI family report to.

use crate::auth::Principal;
use crate::extract::{Body, Id, Params, PathParams};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samdrift_app::AppError;
use samdrift_app::inventory::impact::{ImpactView, ItemOutage};
use samdrift_app::inventory::import::ImportSummary;
use samdrift_app::inventory::items::{ItemInput, ItemPage};
use samdrift_app::queries::records::{InventoryItemRecord, OutageRecord};
use samdrift_domain::ids::TicketId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemsQuery {
    /// A member code, or `federation` for the federation's own items.
    pub owner: Option<String>,
    /// `client`, `server`, `network_device`, `printer`, `storage`, `database`, `firewall`, `mail_system`, `business_system` or `other`.
    pub kind: Option<String>,
    /// A category code (`client_os`, `finance`, ...).
    pub category: Option<String>,
    /// Part of the name, product, serial number or location.
    pub q: Option<String>,
    /// The `next` of the page before.
    pub after: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

/// A configuration item.
#[derive(Serialize, ToSchema)]
pub struct ItemView {
    pub id: Uuid,
    /// The owning member's code; absent for the federation's own items.
    pub owner: Option<String>,
    pub kind: String,
    pub name: String,
    /// `administrative` or `pedagogical`.
    pub network: Option<String>,
    pub location: String,
    /// `planned`, `in_use`, `retiring` or `retired`.
    pub lifecycle: String,
    pub category: Option<String>,
    /// The product as reported.
    pub product_raw: String,
    pub version_raw: String,
    /// The product as recognised across members.
    pub product_key: String,
    pub product_name: String,
    pub product_version: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: Option<String>,
    pub hardware_uuid: Option<String>,
    /// `manual`, `csv` or `agent`.
    pub source: String,
    pub last_inventory_at: Option<String>,
    /// The attributes of the item's kind (processor, memory, disks, addresses ...).
    #[schema(value_type = Object)]
    pub attributes: serde_json::Value,
    pub version: i64,
}

pub fn item_view(i: InventoryItemRecord, owner: Option<String>) -> ItemView {
    ItemView {
        id: i.id,
        owner,
        kind: i.kind,
        name: i.name,
        network: i.network,
        location: i.location,
        lifecycle: i.lifecycle,
        category: i.category,
        product_raw: i.product_raw,
        version_raw: i.version_raw,
        product_key: i.product_key,
        product_name: i.product_name,
        product_version: i.product_version,
        manufacturer: i.manufacturer,
        model: i.model,
        serial: i.serial,
        hardware_uuid: i.hardware_uuid,
        source: i.source,
        last_inventory_at: i.last_inventory_at.map(super::views::rfc3339),
        attributes: serde_json::from_str(&i.attributes).unwrap_or(serde_json::Value::Null),
        version: i.version,
    }
}

#[derive(Serialize, ToSchema)]
pub struct ItemListView {
    pub items: Vec<ItemView>,
    /// Pass as `after` for the next page.
    pub next: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/inventory/items", operation_id = "inventory_items", tag = "inventory", params(ItemsQuery, crate::api::inventory_csv::CsvQuery),
    responses((status = 200, description = "A page of items; with `format=csv` (or `Accept: text/csv`) every matching item as CSV, importable again", content((ItemListView = "application/json"), (String = "text/csv")))))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    headers: HeaderMap,
    Params(q): Params<ItemsQuery>,
    Params(f): Params<crate::api::inventory_csv::CsvQuery>,
) -> ApiResult<Response> {
    let owner = match q.owner.as_deref().filter(|o| !o.is_empty()) {
        Some(o) => Some(s.app.inventory_owner_filter(&p.scope, o).await?),
        None => None,
    };
    let choice =
        crate::messages::csv::CsvChoice::of(&headers, f.format.as_deref(), f.lang.as_deref());
    if choice.is_csv() {
        let query =
            samdrift_app::inventory::items::item_query(owner, q.kind, q.category, q.q, None, 500);
        let rows = s.app.inventory_export(&p.scope, query).await?;
        let file = crate::api::inventory_csv::file(&s, choice, "inventory-items", |n| {
            crate::api::inventory_csv::items(&rows, n)
        });
        return Ok(file.await?);
    }
    let after = match q.after.as_deref() {
        Some(a) => Some(
            samdrift_app::inventory::items::parse_item_cursor(a)
                .ok_or_else(|| AppError::invalid("after", samdrift_domain::msg!("query.cursor")))?,
        ),
        None => None,
    };
    let list = s
        .app
        .inventory_items(
            &p.scope,
            samdrift_app::inventory::items::item_query(
                owner,
                q.kind,
                q.category,
                q.q,
                after,
                q.limit.unwrap_or(100),
            ),
        )
        .await?;
    Ok(Json(ItemListView {
        next: list
            .next
            .as_ref()
            .map(samdrift_app::inventory::items::item_cursor),
        items: list
            .items
            .into_iter()
            .map(|(i, o)| item_view(i, o))
            .collect(),
    })
    .into_response())
}

/// An item as given (the columns of the CSV import).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    /// A member code, or `federation`.
    pub owner: String,
    pub kind: String,
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    pub network: Option<String>,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub lifecycle: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub product: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub manufacturer: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub serial: Option<String>,
    /// For a federation item: the members it serves.
    #[serde(default)]
    pub serves: Vec<String>,
    /// Names of the items it runs on.
    #[serde(default)]
    pub runs_on: Vec<String>,
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Codes of the services it is part of.
    #[serde(default)]
    pub services: Vec<String>,
    /// Names of the owner's administrations that use it.
    #[serde(default)]
    pub used_by: Vec<String>,
    #[serde(default)]
    pub supplier: String,
    #[schema(format = Date)]
    #[serde(default)]
    pub contract_end: Option<String>,
    #[serde(default)]
    pub classification: String,
    #[serde(default)]
    pub users: Option<i64>,
    #[serde(default)]
    pub system_owner: String,
    #[serde(default)]
    pub object_manager: String,
    #[serde(default)]
    pub system_administrator: String,
}

impl From<ItemBody> for ItemInput {
    fn from(b: ItemBody) -> ItemInput {
        ItemInput {
            owner: b.owner,
            kind: b.kind,
            name: b.name,
            network: b.network,
            location: b.location,
            lifecycle: b.lifecycle,
            category: b.category,
            product: b.product,
            version: b.version,
            manufacturer: b.manufacturer,
            model: b.model,
            serial: b.serial,
            serves: b.serves,
            runs_on: b.runs_on,
            depends_on: b.depends_on,
            services: b.services,
            used_by: b.used_by,
            supplier: b.supplier,
            contract_end: b.contract_end,
            classification: b.classification,
            users: b.users.map(|u| u.to_string()),
            system_owner: b.system_owner,
            object_manager: b.object_manager,
            system_administrator: b.system_administrator,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/inventory/items", operation_id = "inventory_save_item", tag = "inventory", request_body = ItemBody,
    responses((status = 201, body = ItemView), (status = 403, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn save(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<ItemBody>,
) -> ApiResult<(StatusCode, Json<ItemView>)> {
    let item = s.app.save_inventory_item(&p.scope, b.into()).await?;
    let page = s.app.inventory_item_page(&p.scope, item.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(item_view(page.item, page.owner_code)),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct RelationView {
    /// `runs_on`, `depends_on`, `part_of_service` or `used_by`.
    pub kind: String,
    pub item_id: Option<Uuid>,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct SoftwareView {
    pub name: String,
    pub version: String,
    pub publisher: String,
    pub product_key: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationView {
    pub supplier: String,
    #[schema(format = Date)]
    pub contract_end: Option<String>,
    pub classification: String,
    pub users: Option<i64>,
    /// Systemägare.
    pub system_owner: String,
    /// Objektledare.
    pub object_manager: String,
    /// Systemförvaltare / systemadministratör.
    pub system_administrator: String,
}

#[derive(Serialize, ToSchema)]
pub struct LinkedTicketView {
    pub id: Uuid,
    pub number: String,
    pub title: String,
    pub status: String,
}

#[derive(Serialize, ToSchema)]
pub struct TargetView {
    pub standard_entry_id: Uuid,
    #[schema(format = Date)]
    pub due: String,
    #[schema(format = Date)]
    pub done_on: Option<String>,
    pub note: String,
    pub version: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ItemPageView {
    pub item: ItemView,
    /// For a federation item: the members it serves (those the reader sees).
    pub serves: Vec<String>,
    pub relations: Vec<RelationView>,
    /// Items that run on or depend on this one.
    pub dependents: Vec<RelationView>,
    pub software: Vec<SoftwareView>,
    pub application: Option<ApplicationView>,
    pub tickets: Vec<LinkedTicketView>,
    pub target: Option<TargetView>,
}

fn page_view(p: ItemPage) -> ItemPageView {
    let rel = |r: samdrift_app::inventory::items::NamedRelation| RelationView {
        kind: r.kind,
        item_id: r.item,
        name: r.name,
    };
    ItemPageView {
        serves: p.served,
        relations: p.relations.into_iter().map(rel).collect(),
        dependents: p.dependents.into_iter().map(rel).collect(),
        software: p
            .software
            .into_iter()
            .map(|s| SoftwareView {
                name: s.name,
                version: s.version,
                publisher: s.publisher,
                product_key: s.product_key,
            })
            .collect(),
        application: p.application.map(|a| ApplicationView {
            supplier: a.supplier,
            contract_end: a.contract_end,
            classification: a.classification,
            users: a.user_count,
            system_owner: a.system_owner,
            object_manager: a.object_manager,
            system_administrator: a.system_administrator,
        }),
        tickets: p
            .tickets
            .into_iter()
            .map(|(t, _)| LinkedTicketView {
                id: t.id,
                number: t.number,
                title: t.title,
                status: t.status,
            })
            .collect(),
        target: p.target.map(|t| TargetView {
            standard_entry_id: t.standard_entry_id,
            due: t.due,
            done_on: t.done_on,
            note: t.note,
            version: t.version,
        }),
        item: item_view(p.item, p.owner_code),
    }
}

#[utoipa::path(get, path = "/api/v1/inventory/items/{id}", operation_id = "inventory_item", tag = "inventory", params(("id" = Uuid, Path, description = "The item's id")), responses((status = 200, body = ItemPageView), (status = 404, body = crate::problem::Problem)))]
pub async fn show(State(s): State<AppState>, p: Principal, Id(id): Id) -> ApiResult<Response> {
    let page = s.app.inventory_item_page(&p.scope, id).await?;
    let etag = format!("\"{}\"", page.item.version);
    let mut response = Json(page_view(page)).into_response();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, v);
    }
    Ok(response)
}

#[derive(Serialize, ToSchema)]
pub struct ReachedView {
    pub id: Uuid,
    /// A code or name to show.
    pub name: String,
    /// The affected item it is reached through.
    pub through: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct AffectedView {
    pub id: Uuid,
    pub name: String,
    /// From the failed item to this one.
    pub path: Vec<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct ImpactBody {
    pub items: Vec<AffectedView>,
    pub services: Vec<ReachedView>,
    pub administrations: Vec<ReachedView>,
    pub members: Vec<ReachedView>,
}

pub fn impact_view(v: ImpactView) -> ImpactBody {
    let i = v.impact;
    ImpactBody {
        items: i
            .items
            .iter()
            .map(|a| AffectedView {
                id: a.item.0,
                name: v.item_names.get(&a.item.0).cloned().unwrap_or_default(),
                path: a.path.iter().map(|p| p.0).collect(),
            })
            .collect(),
        services: i
            .services
            .iter()
            .map(|r| ReachedView {
                id: r.what.0,
                name: v
                    .service_names
                    .get(&r.what.0)
                    .map(|(c, n)| format!("{c} {n}"))
                    .unwrap_or_default(),
                through: r.through.0,
            })
            .collect(),
        administrations: i
            .administrations
            .iter()
            .map(|r| ReachedView {
                id: (r.what.1).0,
                name: v
                    .administration_names
                    .get(&(r.what.1).0)
                    .cloned()
                    .unwrap_or_default(),
                through: r.through.0,
            })
            .collect(),
        members: i
            .members
            .iter()
            .map(|r| ReachedView {
                id: r.what.0,
                name: v.member_codes.get(&r.what.0).cloned().unwrap_or_default(),
                through: r.through.0,
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/inventory/items/{id}/impact", operation_id = "inventory_impact", tag = "inventory", params(("id" = Uuid, Path, description = "The item's id")), responses((status = 200, body = ImpactBody), (status = 404, body = crate::problem::Problem)))]
pub async fn impact(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<ImpactBody>> {
    Ok(Json(impact_view(s.app.item_impact(&p.scope, id).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemOutageBody {
    /// The status message users see.
    #[schema(min_length = 1, pattern = r"\S")]
    pub message: String,
    #[serde(default)]
    pub planned: bool,
    /// Default now.
    #[schema(format = DateTime)]
    pub starts_at: Option<String>,
    #[schema(format = DateTime)]
    pub ends_at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct StartedOutage {
    pub id: Uuid,
    pub service_id: Uuid,
}

#[utoipa::path(post, path = "/api/v1/inventory/items/{id}/outages", operation_id = "inventory_start_outage", tag = "inventory", params(("id" = Uuid, Path, description = "The item's id")), request_body = ItemOutageBody,
    responses((status = 201, body = Vec<StartedOutage>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn start_outage(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<ItemOutageBody>,
) -> ApiResult<(StatusCode, Json<Vec<StartedOutage>>)> {
    use samdrift_app::service_levels::calendars::instant;
    let new = ItemOutage {
        message: b.message,
        planned: b.planned,
        starts_at: b
            .starts_at
            .as_deref()
            .map(|t| instant("starts_at", t))
            .transpose()?,
        ends_at: b
            .ends_at
            .as_deref()
            .map(|t| instant("ends_at", t))
            .transpose()?,
    };
    let started: Vec<OutageRecord> = s.app.start_outage_from_item(&p.scope, id, new).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            started
                .into_iter()
                .map(|o| StartedOutage {
                    id: o.id,
                    service_id: o.service_id,
                })
                .collect(),
        ),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct ImportView {
    pub created: usize,
    pub updated: usize,
}

#[utoipa::path(post, path = "/api/v1/inventory/import", operation_id = "inventory_import", tag = "inventory",
    request_body(description = "Items as CSV with a header line (columns: owner, kind, name, network, location, lifecycle, category, product, version, manufacturer, model, serial, serves, runs_on, depends_on, services, used_by, supplier, contract_end, classification, users, system_owner, object_manager, system_administrator). All lines or none; errors name `line N: column`.",
        content((String = "text/csv"))),
    responses((status = 201, body = ImportView), (status = 422, body = crate::problem::Problem)))]
pub async fn import(
    State(s): State<AppState>,
    p: Principal,
    body: axum::body::Bytes,
) -> ApiResult<(StatusCode, Json<ImportView>)> {
    let text = std::str::from_utf8(&body)
        .map_err(|_| AppError::invalid("body", samdrift_domain::msg!("import.not_utf8")))?;
    let ImportSummary { created, updated } = s.app.import_inventory_csv(&p.scope, text).await?;
    Ok((StatusCode::CREATED, Json(ImportView { created, updated })))
}

#[derive(Serialize, ToSchema)]
pub struct TicketItemsView {
    pub items: Vec<ItemView>,
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/items", operation_id = "ticket_items", tag = "inventory", params(("id" = Uuid, Path, description = "The ticket's id")), responses((status = 200, body = TicketItemsView), (status = 404, body = crate::problem::Problem)))]
pub async fn ticket_items(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
) -> ApiResult<Json<TicketItemsView>> {
    let items = s.app.ticket_items(&p.scope, TicketId(id)).await?;
    Ok(Json(TicketItemsView {
        items: items.into_iter().map(|i| item_view(i, None)).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkBody {
    pub item_id: Uuid,
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/items", operation_id = "ticket_link_item", tag = "inventory", params(("id" = Uuid, Path, description = "The ticket's id")), request_body = LinkBody,
    responses((status = 204), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn link(
    State(s): State<AppState>,
    p: Principal,
    Id(id): Id,
    Body(b): Body<LinkBody>,
) -> ApiResult<StatusCode> {
    s.app
        .link_ticket_item(&p.scope, TicketId(id), b.item_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct LinkPath {
    pub id: Uuid,
    pub item: Uuid,
}

#[utoipa::path(delete, path = "/api/v1/tickets/{id}/items/{item}", operation_id = "ticket_unlink_item", tag = "inventory",
    params(("id" = Uuid, Path, description = "The ticket's id"), ("item" = Uuid, Path, description = "The item's id")),
    responses((status = 204), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem)))]
pub async fn unlink(
    State(s): State<AppState>,
    p: Principal,
    PathParams(path): PathParams<LinkPath>,
) -> ApiResult<StatusCode> {
    s.app
        .unlink_ticket_item(&p.scope, TicketId(path.id), path.item)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The password of HTTP basic authentication, the way agents send keys.
fn basic_password(headers: &HeaderMap) -> Option<String> {
    use base64::Engine;
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value
        .strip_prefix("Basic ")
        .or_else(|| value.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    text.split_once(':').map(|(_, pass)| pass.to_owned())
}

#[utoipa::path(post, path = "/api/v1/inventory/agent", operation_id = "inventory_agent", tag = "inventory", security(()),
    request_body(description = "A request of a FusionInventory / GLPI agent: XML, zlib-compressed (`application/x-compress`) or plain. The agent authenticates with HTTP basic authentication: any user name, a member's agent key as password.",
        content((Vec<u8> = "application/x-compress"), (String = "application/xml"))),
    responses((status = 200, description = "The reply the agent expects (zlib-compressed XML)", content_type = "application/x-compress", body = Vec<u8>),
        (status = 401, body = crate::problem::Problem), (status = 409, body = crate::problem::Problem)))]
pub async fn agent(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let key = basic_password(&headers);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    match s
        .app
        .receive_agent_request(key.as_deref(), content_type, &body)
        .await
    {
        Ok(answer) => ([(header::CONTENT_TYPE, answer.content_type)], answer.body).into_response(),
        Err(AppError::Unauthenticated) => {
            let mut r = crate::problem::Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "send a member's agent key as the password of HTTP basic authentication",
            )
            .into_response();
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"samdrift inventory\""),
            );
            r
        }
        Err(e) => crate::problem::ApiError::from(e).into_response(),
    }
}
