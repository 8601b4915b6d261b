//! The OpenAPI 3.1 document, generated from the handlers' annotations and
//! served at `/api/v1/openapi.json`. A snapshot test keeps it from changing
//! by accident.
//!
//! The annotations declare what is particular to an operation: its path,
//! query and header parameters, its body and its answers, with the 403,
//! 404, 409, 412, 428 and 429 problems its use case can give. The
//! [`Problems`] modifier adds the answers every operation of a kind can
//! give because of the extractors it uses (401 without credentials, 400
//! for a malformed query or body, 413/415 for a body, 422 for invalid
//! input, 503 when the database fails), and makes every error answer an
//! `application/problem+json` [`Problem`].

use crate::api::{
    accounts, agreements, attachments, calendars, catalog, comments, deliveries, directories,
    escalations, import, inventory, mail, members, notifications, orders, outages, people,
    references, reports, requests, satisfaction, scim_tokens, session, sla, standard, steering,
    tickets, tokens, user_agreements,
};
use crate::problem::Problem;
use utoipa::openapi::content::Content;
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::response::Response;
use utoipa::openapi::schema::Ref;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{RefOr, Required};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "samdrift", description = "The shared IT service center of a municipal federation: one service desk for every member."),
    paths(
        session::create, session::delete, session::me, session::change_password,
        tokens::list, tokens::create, tokens::delete,
        members::list, members::show, members::create, members::administrations, members::create_administration,
        people::list, people::show, people::create,
        deliveries::create, deliveries::list, deliveries::show, deliveries::apply, deliveries::discard,
        deliveries::identity, deliveries::history,
        deliveries::rules, deliveries::create_rule, deliveries::preview_rule, deliveries::delete_rule,
        directories::list, directories::create,
        scim_tokens::list, scim_tokens::create, scim_tokens::delete,
        accounts::list, accounts::create, accounts::show, accounts::update, accounts::disable, accounts::enable,
        user_agreements::pending, user_agreements::accept, user_agreements::current,
        user_agreements::versions, user_agreements::publish, user_agreements::acceptances,
        references::list_groups, references::create_group, references::add_group_member,
        references::list_suppliers, references::create_supplier,
        references::list_services, references::create_service,
        references::list_routing_rules, references::create_routing_rule,
        tickets::list, tickets::count, tickets::create, tickets::show, tickets::update, tickets::history,
        comments::list, comments::create,
        attachments::list, attachments::create, attachments::download,
        import::tickets,
        sla::show,
        calendars::list, calendars::create, calendars::show, calendars::update, calendars::delete,
        calendars::days, calendars::business_seconds, calendars::deadline,
        agreements::list, agreements::create, agreements::show, agreements::update, agreements::delete,
        outages::create, outages::end, outages::status_messages,
        notifications::list, notifications::unread, notifications::read, notifications::read_all,
        mail::channels, mail::set_channels, mail::outbox, mail::inbound, mail::failing, mail::set_text,
        mail::contact, mail::confirm_contact, mail::reject_contact,
        escalations::list, escalations::create, escalations::delete,
        reports::sla,
        catalog::show, catalog::update_service, catalog::create_offering, catalog::update_offering,
        catalog::set_price, catalog::set_hourly_rate, catalog::list_items, catalog::create_item,
        catalog::update_item, catalog::set_system_owner, catalog::set_manager,
        orders::subscriptions, orders::list, orders::list_all, orders::create, orders::show,
        orders::confirm, orders::reject, orders::cancel, orders::invoice, orders::budget,
        requests::create, requests::show, requests::decide, requests::task_done, requests::waiting,
        requests::open_tasks, requests::list_work, requests::log_work,
        steering::dashboard, steering::create_goal, steering::create_kpi, steering::enter_value, steering::compute,
        steering::overview, steering::forums, steering::create_forum, steering::forum, steering::add_seat,
        steering::add_meeting, steering::proposals, steering::raise, steering::proposal, steering::move_proposal,
        steering::decisions, steering::open_decision, steering::decision, steering::vote, steering::close,
        steering::archive, steering::member_report, steering::member_report_pdf, steering::board_pack,
        steering::board_pack_pdf,
        satisfaction::results, satisfaction::settings, satisfaction::set_settings,
        satisfaction::ticket_rating, satisfaction::rate,
        satisfaction::surveys, satisfaction::create_survey, satisfaction::survey,
        satisfaction::add_question, satisfaction::open_survey, satisfaction::close_survey,
        satisfaction::survey_results,
        inventory::list, inventory::save, inventory::show, inventory::impact, inventory::start_outage,
        inventory::import, inventory::ticket_items, inventory::link, inventory::unlink, inventory::agent,
        standard::list, standard::add, standard::end, standard::compliance, standard::history,
        standard::compute, standard::plan, standard::set_target, standard::systems, standard::overlap,
        standard::keys, standard::create_key, standard::revoke_key, standard::inbox,
    ),
    components(schemas(Problem)),
    modifiers(&Security, &Problems),
    security(("bearer" = []), ("session" = [])),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("samdrift_session"))),
        );
    }
}

/// The content type of every error answer.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Completes every operation's answers: the problems its extractors can
/// give, a description on each answer, and problem+json as the only
/// content of every error.
struct Problems;

impl Modify for Problems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for (writes, op) in operations(item) {
                complete(op, writes);
            }
        }
    }
}

/// The operations of a path, each with whether it writes (all but GET).
fn operations(item: &mut PathItem) -> impl Iterator<Item = (bool, &mut Operation)> {
    [
        (false, item.get.as_mut()),
        (true, item.put.as_mut()),
        (true, item.post.as_mut()),
        (true, item.delete.as_mut()),
        (true, item.patch.as_mut()),
    ]
    .into_iter()
    .filter_map(|(writes, op)| op.map(|op| (writes, op)))
}

/// What an operation's annotation says about the answers it can give.
struct Shape {
    /// The annotation says `security(())`: no sign-in needed.
    public: bool,
    query: bool,
    path: bool,
    /// It takes an If-Match header.
    conditional: bool,
    json_body: bool,
    body: bool,
}

/// The shape of an operation: public or not, its parameters and its body.
fn shape(op: &Operation) -> Shape {
    // An operation is public when its annotation says `security(())`.
    let public = op.security.as_ref().is_some_and(|reqs| {
        reqs.iter().all(|r| {
            serde_json::to_value(r)
                .ok()
                .and_then(|v| v.as_object().map(serde_json::Map::is_empty))
                .unwrap_or(false)
        })
    });
    let params = op.parameters.as_deref().unwrap_or_default();
    let has = |place: ParameterIn| {
        params
            .iter()
            .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
    };
    let (query, path) = (has(ParameterIn::Query), has(ParameterIn::Path));
    let conditional = params.iter().any(|p| {
        matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Header && p.name == "If-Match")
    });
    let json_body = op.request_body.as_ref().is_some_and(|b| match b {
        RefOr::T(b) => b.content.keys().any(|k| k.contains("json")),
        RefOr::Ref(_) => true,
    });
    Shape {
        public,
        query,
        path,
        conditional,
        json_body,
        body: op.request_body.is_some(),
    }
}

/// The answers an operation of this shape can give besides its own, each
/// with why, in the order they are added.
fn common_answers(shape: &Shape, writes: bool) -> Vec<(&'static str, &'static str)> {
    let mut answers = Vec::new();
    let mut add = |status: &'static str, why: &'static str| answers.push((status, why));
    if !shape.public {
        add(
            "401",
            "Not signed in: no valid bearer token or session cookie",
        );
        add(
            "403",
            "The caller's role may not do this (or, signed in with the session cookie, a change without X-CSRF-Token, or a session whose user agreement waits to be accepted)",
        );
    }
    if shape.path || shape.query || shape.body {
        add(
            "400",
            "Malformed input: a query or path parameter of the wrong type, or a body that is not well-formed JSON",
        );
        add("422", "Invalid input; `errors` names each invalid field");
    }
    if !shape.public && (shape.path || shape.query || shape.body) {
        add(
            "404",
            "No such resource (in the path, or named in the query or body), or one outside the caller's members",
        );
    }
    // A write can meet a taken code or name, or a record whose state does
    // not allow it.
    if writes && !shape.public {
        add(
            "409",
            "Conflicts with the current state: a taken code or name, a closed ticket, a record in use",
        );
    }
    if shape.conditional {
        add(
            "412",
            "The record changed since the version in If-Match was read: read it again and retry",
        );
        add("428", "If-Match is missing: send the ETag you read, or `*`");
    }
    if shape.body {
        add("413", "The body is larger than allowed");
    }
    if shape.json_body {
        add(
            "415",
            "The body is not sent as JSON (Content-Type: application/json)",
        );
    }
    add(
        "503",
        "The database could not complete the request; try again",
    );
    answers
}

/// Each answer without a description gets its status's reason; every
/// 4xx and 5xx answer is a problem+json `Problem`.
fn describe_answers(op: &mut Operation) {
    for (status, response) in &mut op.responses.responses {
        let RefOr::T(response) = response else {
            continue;
        };
        if response.description.is_empty() {
            response.description = status
                .parse::<u16>()
                .ok()
                .and_then(|s| axum::http::StatusCode::from_u16(s).ok())
                .and_then(|s| s.canonical_reason())
                .unwrap_or("Answer")
                .to_owned();
        }
        if status.starts_with('4') || status.starts_with('5') {
            response.content.clear();
            response.content.insert(
                PROBLEM_JSON.to_owned(),
                RefOr::T(Content::new(Some(Ref::from_schema_name("Problem")))),
            );
        }
    }
}

/// Adds to an operation what the annotations leave out: the answers every
/// operation of its shape can give, descriptions, problem bodies, and a
/// body marked required.
fn complete(op: &mut Operation, writes: bool) {
    let shape = shape(op);
    for (status, why) in common_answers(&shape, writes) {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| RefOr::T(Response::new(why)));
    }
    describe_answers(op);
    if let Some(RefOr::T(b)) = op.request_body.as_mut()
        && b.required.is_none()
    {
        b.required = Some(Required::True);
    }
}
