//! A member's subscriptions, the orders that change them, the monthly
//! invoice basis and next year's budget proposal. Only the member's orderer
//! orders; the federation manager confirms large orders; staff and the
//! member's orderers and strategists read.

use super::views::{rfc3339, with_etag};
use crate::auth::Principal;
use crate::extract::{Body, Params, PathParams, conditional, if_match, member_in_path};
use crate::messages::csv::{self, CsvChoice};
use crate::problem::ApiResult;
use crate::router::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use samdrift_app::AppError;
use samdrift_app::catalog::orders::{Decision, OrderDetail, OrderInput};
use samdrift_app::queries::records::SubscriptionRow;
use samdrift_domain::charging::{Budget, InvoiceBasis, budget_table, invoice_table};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct SubscriptionView {
    pub id: Uuid,
    pub offering: String,
    pub offering_name: String,
    pub service: String,
    pub unit: String,
    pub administration_id: Uuid,
    pub administration: String,
    pub quantity: i64,
    /// First active day.
    pub starts_on: String,
    /// Last active day (inclusive), or null while open-ended.
    pub ends_on: Option<String>,
    /// The order that made this period.
    pub order_id: Option<Uuid>,
}

impl From<SubscriptionRow> for SubscriptionView {
    fn from(r: SubscriptionRow) -> Self {
        SubscriptionView {
            id: r.id,
            offering: r.offering_code,
            offering_name: r.offering_name,
            service: r.service_code,
            unit: r.unit,
            administration_id: r.administration_id,
            administration: r.administration_name,
            quantity: r.quantity,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            order_id: r.order_id,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrderEventView {
    pub at: String,
    pub actor: String,
    pub status: String,
    pub note: String,
}

/// Why an order needed the federation manager's confirmation: alone, or
/// with the member's other orders of the last 30 days.
#[derive(Serialize, ToSchema)]
pub struct ConfirmationReasonView {
    /// The reason in English.
    pub text: String,
    /// `order.hold.alone`, `order.hold.combined_one` or `order.hold.combined`.
    pub code: String,
    /// Earlier orders of the window added to this one (0 when it is large alone).
    pub other_orders: i64,
    /// The yearly change counted, in öre: this order's with the earlier
    /// ones' in the same direction (negative for reductions).
    pub counted_yearly_change_ore: i64,
    /// The threshold it reached, in öre.
    pub threshold_ore: i64,
}

#[derive(Serialize, ToSchema)]
pub struct OrderView {
    pub id: Uuid,
    pub member: String,
    pub offering: String,
    pub offering_name: String,
    pub administration_id: Uuid,
    pub administration: String,
    /// Units added (positive) or taken away (negative).
    pub quantity_change: i64,
    pub effective_on: String,
    /// The change in yearly cost, in öre, at the price of the order's year.
    pub yearly_change_ore: i64,
    /// awaiting_confirmation, applied, rejected or cancelled.
    pub status: String,
    pub note: String,
    pub ordered_by: String,
    pub ordered_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
    /// Why it waited for the federation manager; null when it applied at once.
    pub confirmation_reason: Option<ConfirmationReasonView>,
    /// You placed it (by this account or another of yours), so you neither
    /// confirm nor reject it (separation of duties; 403 if you try).
    pub placed_by_you: bool,
    pub history: Vec<OrderEventView>,
    pub version: i64,
}

impl From<OrderDetail> for OrderView {
    fn from(d: OrderDetail) -> Self {
        let o = d.order;
        let confirmation_reason = o.hold().map(|h| {
            let message = h.message();
            ConfirmationReasonView {
                text: crate::messages::english(&message),
                code: message.code.to_owned(),
                other_orders: h.others,
                counted_yearly_change_ore: h.total_ore,
                threshold_ore: h.threshold_ore,
            }
        });
        OrderView {
            id: o.id,
            member: d.member_code,
            offering: d.offering_code,
            offering_name: d.offering_name,
            administration_id: o.administration_id,
            administration: d.administration_name,
            quantity_change: o.quantity_change,
            effective_on: o.effective_on,
            yearly_change_ore: o.yearly_change_ore,
            status: o.status,
            note: o.note,
            ordered_by: o.ordered_by_name,
            ordered_at: rfc3339(o.ordered_at),
            decided_by: o.decided_by_name,
            decided_at: o.decided_at.map(rfc3339),
            decision_reason: o.decision_reason,
            confirmation_reason,
            placed_by_you: d.own,
            history: d
                .events
                .into_iter()
                .map(|e| OrderEventView {
                    at: rfc3339(e.at),
                    actor: e.actor_name,
                    status: e.status,
                    note: e.note,
                })
                .collect(),
            version: o.version,
        }
    }
}

/// The order's current version, for `If-Match: *`.
async fn current_version(
    s: &AppState,
    p: &Principal,
    code: &str,
    id: Uuid,
) -> Result<i64, AppError> {
    Ok(s.app
        .order_detail(&p.scope, code, id)
        .await
        .map_err(member_in_path)?
        .order
        .version)
}

fn order_response(status: StatusCode, d: OrderDetail) -> Response {
    let v = d.order.version;
    with_etag(status, OrderView::from(d), v)
}

#[utoipa::path(get, path = "/api/v1/members/{member}/subscriptions", operation_id = "orders_subscriptions", tag = "orders", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$")),
    responses((status = 200, body = Vec<SubscriptionView>), (status = 403, body = crate::problem::Problem)))]
pub async fn subscriptions(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
) -> ApiResult<Json<Vec<SubscriptionView>>> {
    let rows = s
        .app
        .subscriptions(&p.scope, &code)
        .await
        .map_err(member_in_path)?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    /// awaiting_confirmation, applied, rejected or cancelled.
    #[param(pattern = r"^(awaiting_confirmation|applied|rejected|cancelled)$")]
    pub status: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/members/{member}/orders", operation_id = "orders_list", tag = "orders", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), OrderQuery),
    responses((status = 200, body = Vec<OrderView>)))]
pub async fn list(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
    Params(q): Params<OrderQuery>,
) -> ApiResult<Json<Vec<OrderView>>> {
    let list = s
        .app
        .orders(&p.scope, Some(&code), q.status.as_deref())
        .await
        .map_err(member_in_path)?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[utoipa::path(get, path = "/api/v1/orders", operation_id = "orders_list_all", tag = "orders", params(OrderQuery),
    responses((status = 200, body = Vec<OrderView>), (status = 403, body = crate::problem::Problem)))]
pub async fn list_all(
    State(s): State<AppState>,
    p: Principal,
    Params(q): Params<OrderQuery>,
) -> ApiResult<Json<Vec<OrderView>>> {
    let list = s.app.orders(&p.scope, None, q.status.as_deref()).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderBody {
    /// The offering's code.
    #[schema(pattern = r"^[A-Z0-9_-]{1,32}$")]
    pub offering: String,
    pub administration_id: Uuid,
    /// Units to add (positive) or take away (negative; all of them ends the subscription).
    #[schema(minimum = -1000000, maximum = 1000000)]
    pub quantity_change: i64,
    /// First day the change applies, YYYY-MM-DD (today or later).
    #[schema(format = Date)]
    pub effective_on: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/members/{member}/orders", operation_id = "orders_create", tag = "orders", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$")), request_body = OrderBody,
    responses((status = 201, body = OrderView), (status = 403, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn create(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
    Body(b): Body<OrderBody>,
) -> ApiResult<Response> {
    let input = OrderInput {
        offering: b.offering,
        administration_id: b.administration_id,
        quantity_change: b.quantity_change,
        effective_on: b.effective_on,
        note: b.note,
    };
    let d = s
        .app
        .place_order(&p.scope, &code, input)
        .await
        .map_err(member_in_path)?;
    Ok(order_response(StatusCode::CREATED, d))
}

#[utoipa::path(get, path = "/api/v1/members/{member}/orders/{order_id}", operation_id = "orders_show", tag = "orders", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), ("order_id" = Uuid, Path, description = "The order's id")),
    responses((status = 200, body = OrderView), (status = 404, body = crate::problem::Problem)))]
pub async fn show(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, id)): PathParams<(String, Uuid)>,
) -> ApiResult<Response> {
    let d = s
        .app
        .order_detail(&p.scope, &code, id)
        .await
        .map_err(member_in_path)?;
    Ok(order_response(StatusCode::OK, d))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// Required when rejecting: the orderer reads it.
    #[serde(default)]
    pub reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/members/{member}/orders/{order_id}/confirm", operation_id = "orders_confirm", tag = "orders", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), ("order_id" = Uuid, Path, description = "The order's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")), request_body = DecisionBody,
    responses((status = 200, body = OrderView), (status = 403, body = crate::problem::Problem), (status = 412, body = crate::problem::Problem)))]
pub async fn confirm(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, id)): PathParams<(String, Uuid)>,
    headers: HeaderMap,
    Body(b): Body<DecisionBody>,
) -> ApiResult<Response> {
    decide(&s, &p, &code, id, &headers, b, Decision::Confirm).await
}

#[utoipa::path(post, path = "/api/v1/members/{member}/orders/{order_id}/reject", operation_id = "orders_reject", tag = "orders", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), ("order_id" = Uuid, Path, description = "The order's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")), request_body = DecisionBody,
    responses((status = 200, body = OrderView), (status = 403, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem)))]
pub async fn reject(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, id)): PathParams<(String, Uuid)>,
    headers: HeaderMap,
    Body(b): Body<DecisionBody>,
) -> ApiResult<Response> {
    decide(&s, &p, &code, id, &headers, b, Decision::Reject).await
}

/// A confirmation or rejection of the version the caller read.
async fn decide(
    s: &AppState,
    p: &Principal,
    code: &str,
    id: Uuid,
    headers: &HeaderMap,
    b: DecisionBody,
    decision: Decision,
) -> ApiResult<Response> {
    let d = conditional(
        if_match(headers)?,
        || current_version(s, p, code, id),
        |version| {
            let reason = b.reason.clone();
            async move {
                let version = version.ok_or(AppError::VersionRequired)?;
                s.app
                    .decide_order(&p.scope, code, id, version, decision, reason)
                    .await
            }
        },
    )
    .await
    .map_err(member_in_path)?;
    Ok(order_response(StatusCode::OK, d))
}

#[utoipa::path(post, path = "/api/v1/members/{member}/orders/{order_id}/cancel", operation_id = "orders_cancel", tag = "orders", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), ("order_id" = Uuid, Path, description = "The order's id"), ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[0-9]+")$"#, description = "The ETag you read (`\"3\"`): the change applies only to that version (412 if it changed). `*` applies it to the current version.")),
    responses((status = 200, body = OrderView), (status = 409, body = crate::problem::Problem)))]
pub async fn cancel(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, id)): PathParams<(String, Uuid)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let (s, p, code) = (&s, &p, &code);
    let d = conditional(
        if_match(&headers)?,
        || current_version(s, p, code, id),
        |version| async move {
            let version = version.ok_or(AppError::VersionRequired)?;
            s.app.cancel_order(&p.scope, code, id, version).await
        },
    )
    .await
    .map_err(member_in_path)?;
    Ok(order_response(StatusCode::OK, d))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `csv` for CSV (as `Accept: text/csv`); `csv-machine` for the
    /// machine format whatever `lang` says.
    #[param(pattern = r"^(csv|csv-machine)$")]
    pub format: Option<String>,
    /// `sv` or `en`: the CSV in that language (headers, words, `;` and
    /// decimal comma in Swedish). Without it, the machine format.
    pub lang: Option<String>,
    /// The budget's year (next year when left out).
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i16>,
}

#[utoipa::path(get, path = "/api/v1/members/{member}/invoices/{month}", operation_id = "orders_invoice", tag = "orders", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), ("month" = String, Path, description = "The month, `YYYY-MM` (2000-01 to 2100-12)", pattern = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$"), FormatQuery),
    responses((status = 200, description = "The invoice basis: lines with their arithmetic, totals per administration, credits (CSV with `Accept: text/csv` or `format=csv`)",
        content((super::specs::InvoiceBasisDoc = "application/json"), (String = "text/csv")))))]
pub async fn invoice(
    State(s): State<AppState>,
    p: Principal,
    PathParams((code, month)): PathParams<(String, String)>,
    headers: HeaderMap,
    Params(q): Params<FormatQuery>,
) -> ApiResult<Response> {
    let basis: InvoiceBasis = s
        .app
        .invoice(&p.scope, &code, &month)
        .await
        .map_err(member_in_path)?;
    let choice = CsvChoice::of(&headers, q.format.as_deref(), q.lang.as_deref());
    if choice.is_csv() {
        let name = format!("{}-{}", basis.member, basis.month);
        Ok(csv::response(&[invoice_table(&basis)], choice, &name))
    } else {
        Ok(Json(crate::messages::json::invoice(&basis)).into_response())
    }
}

#[utoipa::path(get, path = "/api/v1/members/{member}/budget", operation_id = "orders_budget", tag = "orders", params(("member" = String, Path, description = "The member's code, e.g. `YST`", pattern = r"^[A-Z]{2,5}$"), FormatQuery),
    responses((status = 200, description = "Next year's budget proposal per line, service and administration (CSV with `Accept: text/csv` or `format=csv`)",
        content((super::specs::BudgetDoc = "application/json"), (String = "text/csv")))))]
pub async fn budget(
    State(s): State<AppState>,
    p: Principal,
    PathParams(code): PathParams<String>,
    headers: HeaderMap,
    Params(q): Params<FormatQuery>,
) -> ApiResult<Response> {
    let b: Budget = s
        .app
        .budget(&p.scope, &code, q.year)
        .await
        .map_err(member_in_path)?;
    let choice = CsvChoice::of(&headers, q.format.as_deref(), q.lang.as_deref());
    if choice.is_csv() {
        let name = format!("{}-budget-{}", b.member, b.year);
        Ok(csv::response(&[budget_table(&b)], choice, &name))
    } else {
        Ok(Json(crate::messages::json::budget(&b)).into_response())
    }
}
