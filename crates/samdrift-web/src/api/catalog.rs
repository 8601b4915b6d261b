//! The service catalog: services with family, owner and dependencies,
//! offerings with units, contents and yearly prices, the hourly rate, and
//! the catalog items users request. Everyone signed in reads it; managers
//! and admins keep it.

use super::views::{ServiceView, with_etag};
use crate::auth::Principal;
use crate::extract::{Body, Params, PathParams, conditional, if_match, member_in_path};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use samdrift_app::AppError;
use samdrift_app::catalog::items::{CatalogItem, ItemInput};
use samdrift_app::catalog::offerings::{CatalogOffering, OfferingInput};
use samdrift_domain::catalog::request::ItemSpec;
use samdrift_domain::ids::PersonId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// What an offering is priced per.
#[derive(utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum OfferingUnit {
    Workstation,
    User,
    Mailbox,
    Server,
    Month,
    FixedYear,
}

#[derive(Serialize, ToSchema)]
pub struct PriceView {
    pub year: i64,
    /// Price per unit and year, in öre.
    pub price_ore: i64,
}

#[derive(Serialize, ToSchema)]
pub struct OfferingView {
    pub id: Uuid,
    pub service: String,
    pub code: String,
    pub name: String,
    /// workstation, user, mailbox, server, month or fixed_year.
    pub unit: String,
    pub description: String,
    /// The standard contents (image, applications, printers).
    pub contents: Vec<String>,
    /// What the agreement's service levels say for this offering.
    pub service_levels: String,
    pub active: bool,
    pub prices: Vec<PriceView>,
    pub version: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CatalogServiceView {
    #[serde(flatten)]
    pub service: ServiceView,
    /// Codes of the services this one depends on.
    pub depends_on: Vec<String>,
    pub offerings: Vec<OfferingView>,
}

#[derive(Serialize, ToSchema)]
pub struct CatalogView {
    pub services: Vec<CatalogServiceView>,
    pub hourly_rates: Vec<HourlyRateView>,
}

#[derive(Serialize, ToSchema)]
pub struct HourlyRateView {
    pub year: i64,
    pub rate_ore: i64,
}

fn offering_view(service: &str, o: CatalogOffering) -> OfferingView {
    OfferingView {
        id: o.offering.id,
        service: service.to_owned(),
        code: o.offering.code,
        name: o.offering.name,
        unit: o.offering.unit,
        description: o.offering.description,
        contents: o.contents,
        service_levels: o.offering.service_levels,
        active: o.offering.active,
        prices: o
            .prices
            .into_iter()
            .map(|(year, price_ore)| PriceView { year, price_ore })
            .collect(),
        version: o.offering.version,
    }
}

#[utoipa::path(get, path = "/api/v1/catalog", operation_id = "catalog_show", tag = "catalog", responses((status = 200, body = CatalogView)))]
pub async fn show(State(s): State<AppState>, _p: Principal) -> ApiResult<Json<CatalogView>> {
    let c = s.app.catalog().await?;
    Ok(Json(CatalogView {
        services: c
            .services
            .into_iter()
            .map(|cs| {
                let code = cs.service.code.clone();
                CatalogServiceView {
                    service: cs.service.into(),
                    depends_on: cs.depends_on,
                    offerings: cs
                        .offerings
                        .into_iter()
                        .map(|o| offering_view(&code, o))
                        .collect(),
                }
            })
            .collect(),
        hourly_rates: c
            .hourly_rates
            .into_iter()
            .map(|(year, rate_ore)| HourlyRateView { year, rate_ore })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceCatalogBody {
    #[serde(default)]
    #[schema(max_length = 80)]
    pub family: String,
    #[serde(default)]
    #[schema(max_length = 120)]
    pub owner: String,
    #[serde(default)]
    pub description: String,
    /// Codes of the services it depends on.
    #[serde(default)]
    pub depends_on: Vec<String>,
}

#[utoipa::path(put, path = "/api/v1/catalog/services/{code}", operation_id = "catalog_update_service", tag = "catalog", params(("code" = String, Path, description = "The service's code", pattern = r"^[A-Z0-9_-]{1,32}$"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")), request_body = ServiceCatalogBody,
    responses((status = 200, body = ServiceView), (status = 412, body = crate::problem::Problem), (status = 428, body = crate::problem::Problem)))]
pub async fn update_service(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
    headers: HeaderMap,
    Body(b): Body<ServiceCatalogBody>,
) -> ApiResult<Response> {
    let (s, p, code, b) = (&s, &p, &code, &b);
    let r = conditional(
        if_match(&headers)?,
        || async {
            s.app
                .catalog()
                .await?
                .services
                .into_iter()
                .find(|c| c.service.code == *code)
                .map(|c| c.service.version)
                .ok_or(AppError::NotFound("service"))
        },
        |version| async move {
            s.app
                .update_service_catalog(
                    &p.scope,
                    code,
                    &b.family,
                    &b.owner,
                    &b.description,
                    &b.depends_on,
                    version.ok_or(AppError::VersionRequired)?,
                )
                .await
        },
    )
    .await?;
    let v = r.version;
    Ok(with_etag(StatusCode::OK, ServiceView::from(r), v))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferingBody {
    /// The service's code (on create; ignored on change).
    #[serde(default)]
    #[schema(pattern = r"^[A-Z0-9_-]{1,32}$")]
    pub service: String,
    /// The offering's code (on create; ignored on change).
    #[serde(default)]
    #[schema(pattern = r"^[A-Z0-9_-]{1,32}$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 120, pattern = r"\S")]
    pub name: String,
    #[schema(value_type = OfferingUnit)]
    pub unit: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub contents: Vec<String>,
    #[serde(default)]
    pub service_levels: String,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl From<OfferingBody> for OfferingInput {
    fn from(b: OfferingBody) -> Self {
        OfferingInput {
            service: b.service,
            code: b.code,
            name: b.name,
            unit: b.unit,
            description: b.description,
            contents: b.contents,
            service_levels: b.service_levels,
            active: b.active,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/catalog/offerings", operation_id = "catalog_create_offering", tag = "catalog", request_body = OfferingBody,
    responses((status = 201, body = OfferingView), (status = 422, body = crate::problem::Problem)))]
pub async fn create_offering(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<OfferingBody>,
) -> ApiResult<Response> {
    let service = b.service.clone();
    let o = s.app.create_offering(&p.scope, b.into()).await?;
    let v = o.offering.version;
    Ok(with_etag(
        StatusCode::CREATED,
        offering_view(&service, o),
        v,
    ))
}

#[utoipa::path(put, path = "/api/v1/catalog/offerings/{code}", operation_id = "catalog_update_offering", tag = "catalog", params(("code" = String, Path, description = "The offering's code", pattern = r"^[A-Z0-9_-]{1,32}$"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")), request_body = OfferingBody,
    responses((status = 200, body = OfferingView), (status = 412, body = crate::problem::Problem)))]
pub async fn update_offering(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
    headers: HeaderMap,
    Body(b): Body<OfferingBody>,
) -> ApiResult<Response> {
    let service = b.service.clone();
    let input = OfferingInput::from(b);
    let (s, p, code) = (&s, &p, &code);
    let r = conditional(
        if_match(&headers)?,
        || async {
            s.app
                .catalog()
                .await?
                .services
                .into_iter()
                .flat_map(|c| c.offerings)
                .find(|o| o.offering.code == *code)
                .map(|o| o.offering.version)
                .ok_or(AppError::NotFound("offering"))
        },
        |version| {
            let input = input.clone();
            async move {
                s.app
                    .update_offering(
                        &p.scope,
                        code,
                        input,
                        version.ok_or(AppError::VersionRequired)?,
                    )
                    .await
            }
        },
    )
    .await?;
    let v = r.version;
    let contents = serde_json::from_str(&r.contents).unwrap_or_default();
    let view = offering_view(
        &service,
        CatalogOffering {
            offering: r,
            contents,
            prices: vec![],
        },
    );
    Ok(with_etag(StatusCode::OK, view, v))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceBody {
    /// Price per unit and year, in öre.
    #[schema(minimum = 0, maximum = 100000000000.0)]
    pub price_ore: i64,
}

#[utoipa::path(put, path = "/api/v1/catalog/offerings/{code}/prices/{year}", operation_id = "catalog_set_price", tag = "catalog", params(("code" = String, Path, description = "The offering's code", pattern = r"^[A-Z0-9_-]{1,32}$"), ("year" = i64, Path, description = "The year", minimum = 2000, maximum = 2100)), request_body = PriceBody,
    responses((status = 204), (status = 422, body = crate::problem::Problem)))]
pub async fn set_price(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, year)): PathParams<(String, i64)>,
    Body(b): Body<PriceBody>,
) -> ApiResult<StatusCode> {
    s.app
        .set_offering_price(&p.scope, &code, year, b.price_ore)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateBody {
    /// Öre per hour.
    #[schema(minimum = 0, maximum = 10000000)]
    pub rate_ore: i64,
}

#[utoipa::path(put, path = "/api/v1/catalog/hourly-rates/{year}", operation_id = "catalog_set_hourly_rate", tag = "catalog", params(("year" = i64, Path, description = "The year", minimum = 2000, maximum = 2100)), request_body = RateBody,
    responses((status = 204), (status = 422, body = crate::problem::Problem)))]
pub async fn set_hourly_rate(
    State(s): State<AppState>,
    p: Principal,
    PathParams(year): PathParams<i64>,
    Body(b): Body<RateBody>,
) -> ApiResult<StatusCode> {
    s.app.set_hourly_rate(&p.scope, year, b.rate_ore).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct CatalogItemView {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub description: String,
    pub service: Option<String>,
    /// One-off price charged when a request is fulfilled, in öre.
    pub price_ore: i64,
    /// The form's fields, the approvals and the fulfilment tasks.
    #[schema(value_type = super::specs::ItemSpecDoc)]
    pub spec: ItemSpec,
    pub active: bool,
    pub version: i64,
}

impl From<CatalogItem> for CatalogItemView {
    fn from(i: CatalogItem) -> Self {
        CatalogItemView {
            id: i.record.id,
            code: i.record.code,
            name: i.record.name,
            description: i.record.description,
            service: i.service_code,
            price_ore: i.record.price_ore,
            spec: i.spec,
            active: i.record.active,
            version: i.record.version,
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// Member code: only the items that member's users may request.
    #[param(pattern = r"^[A-Z]{2,5}$")]
    pub member: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/catalog/items", operation_id = "catalog_list_items", tag = "catalog", params(ItemQuery), responses((status = 200, body = Vec<CatalogItemView>)))]
pub async fn list_items(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<ItemQuery>,
) -> ApiResult<Json<Vec<CatalogItemView>>> {
    let items = match q.member {
        Some(code) => s.app.requestable_items(&p.scope, &code).await?,
        None => s.app.catalog_items().await?,
    };
    Ok(Json(items.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    /// The item's code (on create; ignored on change).
    #[serde(default)]
    #[schema(pattern = r"^[A-Z0-9_-]{1,32}$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 120, pattern = r"\S")]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[schema(pattern = r"^[A-Z0-9_-]{1,32}$")]
    pub service: Option<String>,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10000000000.0)]
    pub price_ore: i64,
    #[schema(value_type = super::specs::ItemSpecDoc)]
    #[serde(default)]
    pub spec: ItemSpec,
    #[serde(default = "yes")]
    pub active: bool,
}

impl From<ItemBody> for ItemInput {
    fn from(b: ItemBody) -> Self {
        ItemInput {
            code: b.code,
            name: b.name,
            description: b.description,
            service: b.service,
            price_ore: b.price_ore,
            spec: b.spec,
            active: b.active,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/catalog/items", operation_id = "catalog_create_item", tag = "catalog", request_body = ItemBody,
    responses((status = 201, body = CatalogItemView), (status = 422, body = crate::problem::Problem)))]
pub async fn create_item(
    State(s): State<AppState>,
    p: Principal,
    Body(b): Body<ItemBody>,
) -> ApiResult<Response> {
    let i = s.app.create_catalog_item(&p.scope, b.into()).await?;
    let v = i.record.version;
    Ok(with_etag(StatusCode::CREATED, CatalogItemView::from(i), v))
}

#[utoipa::path(put, path = "/api/v1/catalog/items/{code}", operation_id = "catalog_update_item", tag = "catalog", params(("code" = String, Path, description = "The catalog item's code", pattern = r"^[A-Z0-9_-]{1,32}$"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")), request_body = ItemBody,
    responses((status = 200, body = CatalogItemView), (status = 412, body = crate::problem::Problem)))]
pub async fn update_item(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
    headers: HeaderMap,
    Body(b): Body<ItemBody>,
) -> ApiResult<Response> {
    let input = ItemInput::from(b);
    let (s, p, code) = (&s, &p, &code);
    let i = conditional(
        if_match(&headers)?,
        || async {
            s.app
                .catalog_items()
                .await?
                .into_iter()
                .find(|i| i.record.code == *code)
                .map(|i| i.record.version)
                .ok_or(AppError::NotFound("catalog item"))
        },
        |version| {
            let input = input.clone();
            async move {
                s.app
                    .update_catalog_item(
                        &p.scope,
                        code,
                        input,
                        version.ok_or(AppError::VersionRequired)?,
                    )
                    .await
            }
        },
    )
    .await?;
    let v = i.record.version;
    Ok(with_etag(StatusCode::OK, CatalogItemView::from(i), v))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SystemOwnerBody {
    pub person_id: Uuid,
}

#[utoipa::path(put, path = "/api/v1/members/{member}/system-owners/{service}", operation_id = "catalog_set_system_owner", tag = "catalog", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), ("service" = String, Path, description = "The service's code", pattern = r"^[A-Z0-9_-]{1,32}$")), request_body = SystemOwnerBody,
    responses((status = 204), (status = 422, body = crate::problem::Problem)))]
pub async fn set_system_owner(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, service)): PathParams<(String, String)>,
    Body(b): Body<SystemOwnerBody>,
) -> ApiResult<StatusCode> {
    s.app
        .set_system_owner(&p.scope, &code, &service, PersonId(b.person_id))
        .await
        .map_err(member_in_path)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagerBody {
    /// The manager, or null to clear.
    pub manager_id: Option<Uuid>,
}

#[utoipa::path(put, path = "/api/v1/members/{member}/people/{person_id}/manager", operation_id = "catalog_set_manager", tag = "catalog", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), ("person_id" = Uuid, Path, description = "The person's id")), request_body = ManagerBody,
    responses((status = 204), (status = 422, body = crate::problem::Problem)))]
pub async fn set_manager(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, id)): PathParams<(String, Uuid)>,
    Body(b): Body<ManagerBody>,
) -> ApiResult<StatusCode> {
    s.app
        .set_manager(&p.scope, &code, PersonId(id), b.manager_id.map(PersonId))
        .await
        .map_err(member_in_path)?;
    Ok(StatusCode::NO_CONTENT)
}
