//! The OpenAPI 3.1 document, generated from the handlers' annotations and
//! served at `/api/v1/openapi.json`. A snapshot test keeps it from changing
//! by accident.

use crate::api::{
    accounts, agreements, attachments, calendars, catalog, comments, escalations, import, members,
    notifications, orders, outages, people, references, reports, requests, session, sla, tickets,
};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "samdrift", description = "The shared IT service center of a municipal federation: one service desk for every member."),
    paths(
        session::create, session::delete, session::me,
        members::list, members::show, members::create, members::administrations, members::create_administration,
        people::list, people::show, people::create,
        accounts::list, accounts::create,
        references::list_groups, references::create_group, references::add_group_member,
        references::list_suppliers, references::create_supplier,
        references::list_services, references::create_service,
        references::list_routing_rules, references::create_routing_rule,
        tickets::list, tickets::create, tickets::show, tickets::update, tickets::history,
        comments::list, comments::create,
        attachments::list, attachments::create, attachments::download,
        import::tickets,
        sla::show,
        calendars::list, calendars::create, calendars::show, calendars::update, calendars::delete,
        calendars::days, calendars::business_seconds, calendars::deadline,
        agreements::list, agreements::create, agreements::show, agreements::update, agreements::delete,
        outages::create, outages::end, outages::status_messages,
        notifications::list,
        escalations::list, escalations::create, escalations::delete,
        reports::sla,
        catalog::show, catalog::update_service, catalog::create_offering, catalog::update_offering,
        catalog::set_price, catalog::set_hourly_rate, catalog::list_items, catalog::create_item,
        catalog::update_item, catalog::set_system_owner, catalog::set_manager,
        orders::subscriptions, orders::list, orders::list_all, orders::create, orders::show,
        orders::confirm, orders::reject, orders::cancel, orders::invoice, orders::budget,
        requests::create, requests::show, requests::decide, requests::task_done, requests::waiting,
        requests::open_tasks, requests::list_work, requests::log_work,
    ),
    modifiers(&Security),
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
