//! The routes, the shared state, and the layers every request passes:
//! body limits, request metrics, and a last guard that turns any error
//! response not already problem+json into one.

use crate::api::{
    accounts, agreements, attachments, calendars, catalog, comments, deliveries, directories,
    escalations, health, import, mail, members, notifications, orders, outages, people, references,
    reports, requests, satisfaction, scim_tokens, session, sla, tickets, tokens, user_agreements,
};
use crate::openapi::ApiDoc;
use crate::problem::Problem;
use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use metrics_exporter_prometheus::PrometheusHandle;
use samdrift_app::App;
use std::time::Instant;
use utoipa::OpenApi;

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub metrics: PrometheusHandle,
    /// The bearer token `/metrics` requires on this address; `None`: the
    /// metrics are not served here (see [`metrics_router`]).
    pub metrics_token: Option<String>,
    /// Mark cookies Secure (when served behind TLS).
    pub secure_cookies: bool,
    /// Proxies whose `X-Forwarded-For` names the client (login throttle).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

const JSON_LIMIT: usize = 1024 * 1024;
const IMPORT_LIMIT: usize = 64 * 1024 * 1024;
/// An agent's compressed inventory (it is decompressed with its own bound).
const AGENT_LIMIT: usize = 16 * 1024 * 1024;

/// Only `/metrics`, without a token: for a listener of its own on an
/// address that only the scraper reaches.
pub fn metrics_router(metrics: PrometheusHandle) -> Router {
    Router::new().route("/metrics", get(move || async move { metrics.render() }))
}

pub fn router(state: AppState) -> Router {
    let attachment_limit = state.app.settings.attachment_max_bytes + 1024;
    let api = Router::new()
        .merge(registers_routes())
        .merge(ticket_routes(attachment_limit))
        .merge(service_level_routes())
        .merge(catalog_routes())
        .merge(user_agreement_routes())
        .merge(steering_routes())
        .merge(inventory_routes())
        .merge(satisfaction_routes())
        .route(
            "/openapi.json",
            get(|| async { axum::Json(ApiDoc::openapi()) }),
        )
        .fallback(|| async {
            Problem::new(StatusCode::NOT_FOUND, "not-found", "no such API resource")
        });
    Router::new()
        .nest("/api/v1", api)
        .nest("/scim/v2", crate::scim::routes())
        .merge(crate::ui::routes())
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .layer(middleware::from_fn(crate::door::refuse_nul))
        .layer(middleware::from_fn(problem_guard))
        .layer(middleware::from_fn(no_store))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::client::secure_cookies_over_tls,
        ))
        .layer(middleware::from_fn(track))
        .with_state(state)
}

/// Sign-in and the registers: members and their administrations, people,
/// accounts, groups, suppliers, services and routing rules.
fn registers_routes() -> Router<AppState> {
    Router::new()
        .route("/session", post(session::create).delete(session::delete))
        .route("/me", get(session::me))
        .route("/me/password", put(session::change_password))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}", axum::routing::delete(tokens::delete))
        .route("/members", get(members::list).post(members::create))
        .route("/members/{id}", get(members::show))
        .route(
            "/members/{id}/administrations",
            get(members::administrations).post(members::create_administration),
        )
        .route("/people", get(people::list).post(people::create))
        .route("/people/{id}", get(people::show))
        .route("/people/{id}/identity", get(deliveries::identity))
        .route("/people/{id}/history", get(deliveries::history))
        .route(
            "/members/{member}/people-deliveries",
            post(deliveries::create).layer(DefaultBodyLimit::max(IMPORT_LIMIT)),
        )
        .route("/people-deliveries", get(deliveries::list))
        .route(
            "/members/{member}/directory-reads",
            get(directories::list).post(directories::create),
        )
        .route(
            "/members/{member}/entitlement-rules",
            get(deliveries::rules).post(deliveries::create_rule),
        )
        .route(
            "/members/{member}/entitlement-rules/preview",
            post(deliveries::preview_rule),
        )
        .route(
            "/entitlement-rules/{id}",
            axum::routing::delete(deliveries::delete_rule),
        )
        .route(
            "/members/{member}/scim-tokens",
            get(scim_tokens::list).post(scim_tokens::create),
        )
        .route(
            "/members/{member}/scim-tokens/{id}",
            axum::routing::delete(scim_tokens::delete),
        )
        .route("/people-deliveries/{id}", get(deliveries::show))
        .route("/people-deliveries/{id}/apply", post(deliveries::apply))
        .route("/people-deliveries/{id}/discard", post(deliveries::discard))
        .route("/accounts", get(accounts::list).post(accounts::create))
        .route(
            "/accounts/{id}",
            get(accounts::show).patch(accounts::update),
        )
        .route("/accounts/{id}/disable", post(accounts::disable))
        .route("/accounts/{id}/enable", post(accounts::enable))
        .route(
            "/groups",
            get(references::list_groups).post(references::create_group),
        )
        .route("/groups/{id}/members", post(references::add_group_member))
        .route(
            "/suppliers",
            get(references::list_suppliers).post(references::create_supplier),
        )
        .route(
            "/services",
            get(references::list_services).post(references::create_service),
        )
        .route(
            "/routing-rules",
            get(references::list_routing_rules).post(references::create_routing_rule),
        )
}

/// User agreements: the caller's pending ones and accepting them, each
/// member's versions, publishing, and who accepted which.
fn user_agreement_routes() -> Router<AppState> {
    Router::new()
        .route("/user-agreements/pending", get(user_agreements::pending))
        .route("/user-agreements/{id}", get(user_agreements::current))
        .route(
            "/user-agreements/{id}/versions",
            get(user_agreements::versions).post(user_agreements::publish),
        )
        .route(
            "/user-agreements/{id}/accept",
            post(user_agreements::accept),
        )
        .route(
            "/user-agreements/{id}/acceptances",
            get(user_agreements::acceptances),
        )
}

/// Customer satisfaction: results, each member's sampling rules, the
/// requester's rating of a resolved ticket, and the annual surveys.
fn satisfaction_routes() -> Router<AppState> {
    Router::new()
        .route("/satisfaction", get(satisfaction::results))
        .route(
            "/members/{member}/satisfaction-settings",
            get(satisfaction::settings).put(satisfaction::set_settings),
        )
        .route(
            "/tickets/{id}/rating",
            get(satisfaction::ticket_rating).post(satisfaction::rate),
        )
        .route(
            "/members/{member}/surveys",
            get(satisfaction::surveys).post(satisfaction::create_survey),
        )
        .route("/surveys/{id}", get(satisfaction::survey))
        .route("/surveys/{id}/questions", post(satisfaction::add_question))
        .route("/surveys/{id}/open", post(satisfaction::open_survey))
        .route("/surveys/{id}/close", post(satisfaction::close_survey))
        .route("/surveys/{id}/results", get(satisfaction::survey_results))
}

/// Tickets with their history, comments and attachments (up to
/// `attachment_limit` bytes a body), and the ticket import.
fn ticket_routes(attachment_limit: usize) -> Router<AppState> {
    Router::new()
        .route("/tickets", get(tickets::list).post(tickets::create))
        .route("/tickets/count", get(tickets::count))
        .route("/tickets/{id}", get(tickets::show).patch(tickets::update))
        .route("/tickets/{id}/history", get(tickets::history))
        .route(
            "/tickets/{id}/comments",
            get(comments::list).post(comments::create),
        )
        .route(
            "/tickets/{id}/attachments",
            get(attachments::list)
                .post(attachments::create)
                .layer(DefaultBodyLimit::max(attachment_limit)),
        )
        .route(
            "/tickets/{id}/attachments/{attachment_id}",
            get(attachments::download),
        )
        .route(
            "/import/tickets",
            post(import::tickets).layer(DefaultBodyLimit::max(IMPORT_LIMIT)),
        )
}

/// Service levels: a ticket's clocks, calendars, agreements, outages and
/// status messages, notifications, escalation rules and the SLA report.
fn service_level_routes() -> Router<AppState> {
    Router::new()
        .route("/tickets/{id}/sla", get(sla::show))
        .route("/calendars", get(calendars::list).post(calendars::create))
        .route(
            "/calendars/{id}",
            get(calendars::show)
                .put(calendars::update)
                .delete(calendars::delete),
        )
        .route("/calendars/{id}/days", get(calendars::days))
        .route(
            "/calendars/{id}/business-seconds",
            post(calendars::business_seconds),
        )
        .route("/calendars/{id}/deadline", post(calendars::deadline))
        .route(
            "/agreements",
            get(agreements::list).post(agreements::create),
        )
        .route(
            "/agreements/{id}",
            get(agreements::show)
                .put(agreements::update)
                .delete(agreements::delete),
        )
        .route("/outages", post(outages::create))
        .route("/outages/{id}/end", post(outages::end))
        .route("/status-messages", get(outages::status_messages))
        .route("/notifications", get(notifications::list))
        .route("/notifications/unread", get(notifications::unread))
        .route("/notifications/read", post(notifications::read_all))
        .route("/notifications/{id}/read", post(notifications::read))
        .route(
            "/notification-channels",
            get(mail::channels).put(mail::set_channels),
        )
        .route("/tickets/{id}/mail-contact", get(mail::contact))
        .route(
            "/tickets/{id}/mail-contact/confirm",
            post(mail::confirm_contact),
        )
        .route(
            "/tickets/{id}/mail-contact/reject",
            post(mail::reject_contact),
        )
        .route("/mail/outbox", get(mail::outbox))
        .route("/mail/inbound", get(mail::inbound))
        .route("/mail/failing-addresses", get(mail::failing))
        .route(
            "/members/{member}/mail-texts/{event}/{language}",
            put(mail::set_text),
        )
        .route(
            "/escalation-rules",
            get(escalations::list).post(escalations::create),
        )
        .route(
            "/escalation-rules/{id}",
            axum::routing::delete(escalations::delete),
        )
        .route("/reports/sla", get(reports::sla))
}

/// The service catalog: offerings, prices and items, each member's
/// subscriptions, orders, invoices and budget, and catalog requests with
/// their approvals, tasks and work.
fn catalog_routes() -> Router<AppState> {
    Router::new()
        .route("/catalog", get(catalog::show))
        .route("/catalog/services/{code}", put(catalog::update_service))
        .route("/catalog/offerings", post(catalog::create_offering))
        .route("/catalog/offerings/{code}", put(catalog::update_offering))
        .route(
            "/catalog/offerings/{code}/prices/{year}",
            put(catalog::set_price),
        )
        .route(
            "/catalog/hourly-rates/{year}",
            put(catalog::set_hourly_rate),
        )
        .route(
            "/catalog/items",
            get(catalog::list_items).post(catalog::create_item),
        )
        .route("/catalog/items/{code}", put(catalog::update_item))
        .route(
            "/members/{member}/system-owners/{service}",
            put(catalog::set_system_owner),
        )
        .route(
            "/members/{member}/people/{person_id}/manager",
            put(catalog::set_manager),
        )
        .route(
            "/members/{member}/subscriptions",
            get(orders::subscriptions),
        )
        .route(
            "/members/{member}/orders",
            get(orders::list).post(orders::create),
        )
        .route("/members/{member}/orders/{order_id}", get(orders::show))
        .route(
            "/members/{member}/orders/{order_id}/confirm",
            post(orders::confirm),
        )
        .route(
            "/members/{member}/orders/{order_id}/reject",
            post(orders::reject),
        )
        .route(
            "/members/{member}/orders/{order_id}/cancel",
            post(orders::cancel),
        )
        .route("/members/{member}/invoices/{month}", get(orders::invoice))
        .route("/members/{member}/budget", get(orders::budget))
        .route("/orders", get(orders::list_all))
        .route("/requests", post(requests::create))
        .route("/tickets/{id}/request", get(requests::show))
        .route(
            "/tickets/{id}/request/approvals/{position}",
            post(requests::decide),
        )
        .route(
            "/tickets/{id}/request/tasks/{task_id}/done",
            post(requests::task_done),
        )
        .route("/approvals", get(requests::waiting))
        .route("/tasks", get(requests::open_tasks))
        .route(
            "/tickets/{id}/work",
            get(requests::list_work).post(requests::log_work),
        )
}

/// Counts requests and their latency by route template.
async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().to_string();
    let started = Instant::now();
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// Rewrites framework error responses (405, 413, plain-text rejections)
/// into problem+json, so every error a client sees has the same shape.
/// Pages, exports and API answers hold personal data: no browser, proxy or
/// shared computer keeps a copy. A response that says how it may be kept
/// (the style sheet) keeps its own rule.
async fn no_store(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(header::HeaderValue::from_static("no-store"));
    response
}

async fn problem_guard(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    // Problems, SCIM errors and pages (HTML) are answers already; only the
    // framework's bare text rejections are rewritten.
    let shaped = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("application/problem+json")
                || v.starts_with("application/scim+json")
                || v.starts_with("text/html")
        });
    if shaped {
        return response;
    }
    let status = if status.is_server_error() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        status
    };
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let detail = String::from_utf8_lossy(&body).trim().to_owned();
    let detail = if detail.is_empty() {
        status.canonical_reason().unwrap_or("error").to_owned()
    } else {
        detail
    };
    let kind = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "too-large",
        StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
        StatusCode::NOT_FOUND => "not-found",
        _ => "bad-request",
    };
    Problem::new(status, kind, detail).into_response()
}

/// The inventory: items, imports, ticket links, impact, the agents'
/// endpoint, the standard, compliance, the plan and the portfolio.
fn inventory_routes() -> Router<AppState> {
    use crate::api::inventory as inv;
    use crate::api::standard as st;
    Router::new()
        .route("/inventory/items", get(inv::list).post(inv::save))
        .route("/inventory/items/{id}", get(inv::show))
        .route("/inventory/items/{id}/impact", get(inv::impact))
        .route("/inventory/items/{id}/outages", post(inv::start_outage))
        .route(
            "/inventory/items/{id}/target",
            axum::routing::put(st::set_target),
        )
        .route(
            "/inventory/import",
            post(inv::import).layer(DefaultBodyLimit::max(IMPORT_LIMIT)),
        )
        .route(
            "/inventory/agent",
            post(inv::agent).layer(DefaultBodyLimit::max(AGENT_LIMIT)),
        )
        .route(
            "/tickets/{id}/items",
            get(inv::ticket_items).post(inv::link),
        )
        .route(
            "/tickets/{id}/items/{item}",
            axum::routing::delete(inv::unlink),
        )
        .route("/standard", get(st::list).post(st::add))
        .route("/standard/{id}/end", post(st::end))
        .route("/inventory/compliance", get(st::compliance))
        .route("/inventory/compliance/history", get(st::history))
        .route("/inventory/compliance/compute", post(st::compute))
        .route("/inventory/plan", get(st::plan))
        .route("/inventory/systems", get(st::systems))
        .route("/inventory/overlap", get(st::overlap))
        .route("/inventory/agent-inbox", get(st::inbox))
        .route(
            "/members/{member}/agent-keys",
            get(st::keys).post(st::create_key),
        )
        .route(
            "/members/{member}/agent-keys/{id}",
            axum::routing::delete(st::revoke_key),
        )
}

/// Steering: goals and KPIs, the federation overview, forums, proposals,
/// decisions and votes, member reports and the board pack.
fn steering_routes() -> Router<AppState> {
    use crate::api::steering as st;
    Router::new()
        .route("/goals", get(st::dashboard).post(st::create_goal))
        .route("/goals/{id}/kpis", post(st::create_kpi))
        .route("/kpis/{id}/values", post(st::enter_value))
        .route("/figures/compute", post(st::compute))
        .route("/steering/overview", get(st::overview))
        .route("/forums", get(st::forums).post(st::create_forum))
        .route("/forums/{id}", get(st::forum))
        .route("/forums/{id}/seats", post(st::add_seat))
        .route("/forums/{id}/meetings", post(st::add_meeting))
        .route("/proposals", get(st::proposals).post(st::raise))
        .route("/proposals/{id}", get(st::proposal))
        .route("/proposals/{id}/state", post(st::move_proposal))
        .route("/decisions", get(st::decisions).post(st::open_decision))
        .route("/decisions/{id}", get(st::decision))
        .route("/decisions/{id}/votes", post(st::vote))
        .route("/decisions/{id}/close", post(st::close))
        .route("/members/{member}/reports", get(st::archive))
        .route("/members/{member}/reports/{month}", get(st::member_report))
        .route(
            "/members/{member}/reports/{month}/pdf",
            get(st::member_report_pdf),
        )
        .route("/board-pack", get(st::board_pack))
        .route("/board-pack/pdf", get(st::board_pack_pdf))
}
