//! The member's subscriptions, orders, invoice basis and budget: what the
//! member's orderers and strategists (and staff, for any member with
//! `?member=CODE`) read about what the member pays for. The orderer orders
//! here, and withdraws an order still waiting for the federation manager.
//!
//! Figures come from the use cases as they are; this module only puts them
//! in the user's language (words for statuses and units, kronor, the
//! arithmetic of each invoice line and the use cases' messages).

use super::super::admin::{Choice, Problems};
use super::super::i18n::Tr;
use super::super::member::member_of;
use super::super::session::UiUser;
use super::super::{Frame, error_page, page};
use crate::router::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::civil::Date;
use samdrift_app::AppError;
use samdrift_app::catalog::offerings::Catalog;
use samdrift_app::catalog::orders::{OrderDetail, OrderInput};
use samdrift_app::queries::records::MemberRecord;
use samdrift_app::queries::records::SubscriptionRow;
use samdrift_domain::charging::{Budget, InvoiceBasis, InvoiceLine, LineKind};
use samdrift_domain::error::FieldError;
use samdrift_domain::ids::MemberId;
use samdrift_domain::role::MemberRole;
use serde::Deserialize;
use uuid::Uuid;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/member/subscriptions", get(subscriptions))
        .route("/member/orders", post(place_order))
        .route("/member/orders/{id}/withdraw", post(withdraw))
        .route("/member/invoice", get(invoice))
        .route("/member/budget", get(budget))
}

/// Units of offerings, each with its word in the catalogs
/// (`accounts.unit.{unit}`).
pub const UNITS: [&str; 6] = [
    "workstation",
    "user",
    "mailbox",
    "server",
    "month",
    "fixed_year",
];

/// A word from the catalogs built from a prefix and a stored value; the
/// value itself when the catalogs do not know it.
pub fn word(t: &Tr, prefix: &str, value: &str) -> String {
    match t.t(&format!("{prefix}.{value}")) {
        "?" => value.to_owned(),
        text => text.to_owned(),
    }
}

/// A quantity change with its sign: `+50`, `−20`.
pub fn signed(n: i64) -> String {
    if n < 0 {
        format!("\u{2212}{}", n.unsigned_abs())
    } else {
        format!("+{n}")
    }
}

/// Money with its sign when it is a change: `+450 000,00 kr`.
pub fn signed_money(t: &Tr, ore: i64) -> String {
    if ore > 0 {
        format!("+{}", t.money(ore))
    } else {
        t.money(ore)
    }
}

/// Today in Europe/Stockholm by the application's clock.
pub fn today(state: &AppState) -> Date {
    samdrift_app::catalog::today(&state.app)
}

/// The text between `prefix` and `suffix` of `message`, if it has both.
fn between<'m>(message: &'m str, prefix: &str, suffix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.strip_suffix(suffix)
}

/// The use cases' messages about orders, prices and the catalog that the
/// catalogs say in the user's language; any other message goes to the
/// administration pages' list, and is shown as the use case said it when
/// neither knows it.
pub fn say(t: &Tr, message: &str) -> String {
    const EXACT: &[(&str, &str)] = &[
        (
            "this offering is no longer offered",
            "accounts.msg.inactive",
        ),
        (
            "no such administration in this member",
            "accounts.msg.no_administration",
        ),
        ("use a date as YYYY-MM-DD", "accounts.msg.date"),
        (
            "an order applies from today or later, never backwards",
            "accounts.msg.backwards",
        ),
        (
            "use a positive number to add, a negative one to reduce",
            "accounts.msg.no_change",
        ),
        (
            "the quantity must change (use a positive number to add, a negative one to reduce)",
            "accounts.msg.no_change",
        ),
        (
            "nothing is subscribed from that day to reduce or end",
            "accounts.msg.nothing_to_reduce",
        ),
        (
            "at most 1 000 000 units in one order",
            "accounts.msg.too_many",
        ),
        (
            "use a month as YYYY-MM (e.g. 2027-03)",
            "accounts.msg.month",
        ),
        ("use a year from 2000 to 2100", "accounts.msg.year"),
        (
            "say why the order is rejected; the orderer reads it",
            "accounts.msg.reason",
        ),
        (
            "use 1-32 capital letters, digits, - or _ (e.g. WP-ADM)",
            "accounts.msg.offering_code",
        ),
        (
            "use 1-32 capital letters, digits, - or _ (e.g. SW-INSTALL)",
            "accounts.msg.item_code",
        ),
        ("must be 1-120 characters", "accounts.msg.name_length"),
        ("leave out empty lines", "accounts.msg.empty_lines"),
        (
            "use 0 to 1 000 000 000 kr (in öre)",
            "accounts.msg.price_range",
        ),
        (
            "use 0 to 100 000 000 kr (in öre)",
            "accounts.msg.item_price_range",
        ),
        (
            "use 0 to 100 000 kr per hour (in öre)",
            "accounts.msg.rate_range",
        ),
        (
            "a service cannot depend on itself",
            "accounts.msg.depends_on_itself",
        ),
        (
            "that would make the dependencies go round in a circle",
            "accounts.msg.circle",
        ),
        (
            "use 1-40 lower-case letters a-z, digits or _ (e.g. software_name)",
            "accounts.msg.field_key",
        ),
        (
            "a select field needs at least one option",
            "accounts.msg.options_needed",
        ),
        (
            "only a select field has options",
            "accounts.msg.options_only_select",
        ),
        ("stages start at 1", "accounts.msg.stage"),
    ];
    if let Some((_, key)) = EXACT.iter().find(|(english, _)| *english == message) {
        return t.t(key).to_owned();
    }
    if message.starts_with("no offering '") {
        return t.t("accounts.msg.no_offering").to_owned();
    }
    if let Some(code) = between(message, "no service '", "'") {
        return t.t("accounts.msg.no_service").replace("{code}", code);
    }
    if let Some(n) = between(message, "at most ", " characters") {
        return t.t("accounts.msg.at_most").replace("{n}", n);
    }
    if let Some(rest) = message.strip_prefix("that would take the quantity below zero: ")
        && let Some((quantity, from)) = rest.split_once(" subscribed from ")
    {
        return t
            .t("accounts.msg.below_zero")
            .replace("{quantity}", quantity)
            .replace("{from}", from);
    }
    if let Some(key) = between(message, "the key '", "' is used twice") {
        return t.t("accounts.msg.key_twice").replace("{key}", key);
    }
    if let Some(approval) = between(message, "'", "' is listed twice") {
        let approval = word(t, "accounts.approval", approval);
        return t
            .t("accounts.msg.listed_twice")
            .replace("{approval}", &approval);
    }
    if let Some(group) = between(message, "no competence group is named '", "'") {
        return t.t("accounts.msg.no_group").replace("{group}", group);
    }
    super::super::admin::say(t, message)
}

/// A domain warning of the invoice basis or the budget in the user's
/// language; as written when it is not one the catalogs know.
pub fn warning(t: &Tr, text: &str) -> String {
    let fill = |key: &str, pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .fold(t.t(key).to_owned(), |s, (k, v)| s.replace(k, v))
    };
    if let Some(rest) = between(text, "no price for offering ", ": line charged 0")
        && let Some((code, year)) = rest.split_once(" in ")
    {
        return fill(
            "accounts.warning.no_price",
            &[("{code}", code), ("{year}", year)],
        );
    }
    if let Some(rest) = between(text, "no price for ", " or earlier: line left out")
        && let Some((code, year)) = rest.split_once(" in ")
    {
        return fill(
            "accounts.warning.left_out",
            &[("{code}", code), ("{year}", year)],
        );
    }
    if let Some(rest) = between(text, "no ", " price used")
        && let Some((year, rest)) = rest.split_once(" price for ")
        && let Some((code, from)) = rest.split_once(": ")
    {
        return fill(
            "accounts.warning.carried",
            &[("{code}", code), ("{year}", year), ("{from}", from)],
        );
    }
    if let Some(year) = between(text, "no hourly rate set for ", ": work charged 0") {
        return fill("accounts.warning.no_rate", &[("{year}", year)]);
    }
    if let Some(reference) = between(text, "amount of ", " does not fit in 64 bits: capped") {
        return fill("accounts.warning.capped", &[("{reference}", reference)]);
    }
    if let Some(reference) = between(text, "credit ", " has a negative amount: counted as 0") {
        return fill("accounts.warning.negative", &[("{reference}", reference)]);
    }
    if let Some(rest) = text.strip_prefix("includes an order awaiting confirmation: ") {
        let parts: Vec<&str> = rest.splitn(3, ' ').collect();
        if let [change, code, from] = parts.as_slice()
            && let Some(from) = from.strip_prefix("from ")
        {
            return fill(
                "accounts.warning.pending",
                &[("{change}", change), ("{code}", code), ("{from}", from)],
            );
        }
    }
    text.to_owned()
}

/// The use case's field errors as problems on a form: `fields` maps the use
/// case's field to the form's field and the label's key; a field not listed
/// goes to the first form field, so no message is lost.
pub fn problems(t: &Tr, errors: Vec<FieldError>, fields: &[(&str, &str, &str)]) -> Problems {
    let mut out = Problems::default();
    for e in errors {
        let message = say(t, &e.message);
        match fields.iter().find(|(app, _, _)| *app == e.field) {
            Some((_, form, label)) => out.push_labelled(form, t.t(label).to_owned(), message),
            None => {
                let (form, label) = fields
                    .first()
                    .map(|(_, f, l)| (*f, t.t(l).to_owned()))
                    .unwrap_or(("form", String::new()));
                out.push_labelled(form, label, message);
            }
        }
    }
    out
}

fn no_member(user: &UiUser) -> Response {
    error_page(
        user,
        StatusCode::NOT_FOUND,
        user.tr.t("accounts.no_member").into(),
    )
}

/// A use case's refusal that is not about the form's fields, as a page.
fn failed(user: &UiUser, err: AppError) -> Response {
    let t = &user.tr;
    match err {
        AppError::Forbidden(_) => error_page(
            user,
            StatusCode::FORBIDDEN,
            t.t("accounts.forbidden").into(),
        ),
        AppError::NotFound(_) => error_page(
            user,
            StatusCode::NOT_FOUND,
            t.t("accounts.not_found").into(),
        ),
        AppError::Invalid(errors) => {
            let text: Vec<String> = errors.iter().map(|e| say(t, &e.message)).collect();
            error_page(user, StatusCode::UNPROCESSABLE_ENTITY, text.join(" "))
        }
        other => {
            tracing::error!(error = %other, "an accounts page failed");
            error_page(
                user,
                StatusCode::SERVICE_UNAVAILABLE,
                t.t("accounts.unavailable").into(),
            )
        }
    }
}

/// For staff: the members to choose among, the current one marked.
async fn member_choices(state: &AppState, user: &UiUser) -> Result<Vec<Choice>, AppError> {
    if !user.scope.is_staff() {
        return Ok(vec![]);
    }
    Ok(state
        .app
        .members(&user.scope)
        .await?
        .into_iter()
        .map(|m| Choice::new(m.code.clone(), format!("{} ({})", m.name, m.code)))
        .collect())
}

// ---------------------------------------------------------------------------
// Subscriptions and orders
// ---------------------------------------------------------------------------

/// One subscription period as listed.
pub struct SubscriptionView {
    pub service: String,
    pub offering_code: String,
    pub offering_name: String,
    pub administration: String,
    pub quantity: i64,
    pub unit: String,
    pub from: String,
    pub to: String,
    /// The yearly cost at this year's price (or the latest before it).
    pub yearly: String,
}

/// The current subscriptions of one service.
pub struct ServiceGroup {
    pub code: String,
    pub name: String,
    pub rows: Vec<SubscriptionView>,
    pub total: String,
}

/// One order as listed.
pub struct OrderView {
    pub id: String,
    pub version: i64,
    pub offering: String,
    pub administration: String,
    pub change: String,
    pub from: String,
    pub yearly: String,
    pub status: String,
    pub awaiting: bool,
    pub ordered: String,
    pub decided: String,
    pub reason: String,
    pub note: String,
}

/// The offerings of one service in the order form.
pub struct OfferingGroup {
    pub label: String,
    pub offerings: Vec<Choice>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrderForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member: String,
    #[serde(default)]
    offering: String,
    #[serde(default)]
    administration_id: String,
    #[serde(default)]
    quantity_change: String,
    #[serde(default)]
    effective_on: String,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    member: String,
    #[serde(default)]
    version: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct SubscriptionsQuery {
    #[serde(default)]
    member: Option<String>,
    /// After a form: `applied`, `waiting` or `withdrawn`.
    #[serde(default)]
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "member_accounts_subscriptions.html")]
struct SubscriptionsPage {
    frame: Frame,
    t: Tr,
    member: MemberRecord,
    members: Vec<Choice>,
    current: Vec<ServiceGroup>,
    earlier: Vec<SubscriptionView>,
    orders: Vec<OrderView>,
    may_order: bool,
    offerings: Vec<OfferingGroup>,
    administrations: Vec<Choice>,
    form: OrderForm,
    errors: Problems,
    notice: Option<&'static str>,
    alert: Option<&'static str>,
    quantity_help: String,
}

/// What a page of subscriptions comes back with besides the data.
struct Outcome {
    form: Option<OrderForm>,
    errors: Problems,
    notice: Option<&'static str>,
    alert: Option<&'static str>,
    status: StatusCode,
}

impl Outcome {
    fn fresh(notice: Option<&'static str>) -> Outcome {
        Outcome {
            form: None,
            errors: Problems::default(),
            notice,
            alert: None,
            status: StatusCode::OK,
        }
    }
}

/// The price per unit of `offering` for `year`, or the latest before it.
fn price_for(catalog: &Catalog, offering: &str, year: i64) -> Option<i64> {
    catalog
        .services
        .iter()
        .flat_map(|s| s.offerings.iter())
        .find(|o| o.offering.code == offering)?
        .prices
        .iter()
        .filter(|(y, _)| *y <= year)
        .max_by_key(|(y, _)| *y)
        .map(|(_, p)| *p)
}

fn service_name(catalog: &Catalog, code: &str) -> String {
    catalog
        .services
        .iter()
        .find(|s| s.service.code == code)
        .map(|s| s.service.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

fn subscription_view(
    t: &Tr,
    catalog: &Catalog,
    year: i64,
    row: &SubscriptionRow,
) -> (SubscriptionView, Option<i64>) {
    let yearly =
        price_for(catalog, &row.offering_code, year).map(|p| p.saturating_mul(row.quantity));
    let view = SubscriptionView {
        service: service_name(catalog, &row.service_code),
        offering_code: row.offering_code.clone(),
        offering_name: row.offering_name.clone(),
        administration: row.administration_name.clone(),
        quantity: row.quantity,
        unit: word(t, "accounts.unit", &row.unit),
        from: row.starts_on.clone(),
        to: row
            .ends_on
            .clone()
            .unwrap_or_else(|| t.t("accounts.open_ended").to_owned()),
        yearly: yearly
            .map(|y| t.money(y))
            .unwrap_or_else(|| t.t("accounts.no_price").to_owned()),
    };
    (view, yearly)
}

/// Current (and coming) subscriptions grouped by service, in the catalog's
/// order; and the ended ones.
fn group_subscriptions(
    t: &Tr,
    catalog: &Catalog,
    today: Date,
    rows: &[SubscriptionRow],
) -> (Vec<ServiceGroup>, Vec<SubscriptionView>) {
    let year = i64::from(today.year());
    let today = today.to_string();
    let mut groups: Vec<ServiceGroup> = Vec::new();
    let mut totals: Vec<i64> = Vec::new();
    let mut earlier = Vec::new();
    let mut rows: Vec<&SubscriptionRow> = rows.iter().collect();
    let order = |code: &str| {
        catalog
            .services
            .iter()
            .position(|s| s.service.code == code)
            .unwrap_or(usize::MAX)
    };
    rows.sort_by(|a, b| {
        (
            order(&a.service_code),
            &a.offering_code,
            &a.administration_name,
            &a.starts_on,
        )
            .cmp(&(
                order(&b.service_code),
                &b.offering_code,
                &b.administration_name,
                &b.starts_on,
            ))
    });
    for row in rows {
        let ended = row
            .ends_on
            .as_deref()
            .is_some_and(|end| end < today.as_str());
        let (view, yearly) = subscription_view(t, catalog, year, row);
        if ended {
            earlier.push(view);
            continue;
        }
        let at = match groups.iter().position(|g| g.code == row.service_code) {
            Some(at) => at,
            None => {
                groups.push(ServiceGroup {
                    code: row.service_code.clone(),
                    name: view.service.clone(),
                    rows: vec![],
                    total: String::new(),
                });
                totals.push(0);
                groups.len() - 1
            }
        };
        if let Some(total) = totals.get_mut(at) {
            *total = total.saturating_add(yearly.unwrap_or(0));
        }
        if let Some(group) = groups.get_mut(at) {
            group.rows.push(view);
        }
    }
    for (group, total) in groups.iter_mut().zip(totals) {
        group.total = t.money(total);
    }
    earlier.reverse();
    (groups, earlier)
}

fn order_view(t: &Tr, d: &OrderDetail) -> OrderView {
    let o = &d.order;
    let decided = match (&o.decided_by_name, o.decided_at) {
        (Some(who), Some(at)) => format!("{who}, {}", t.time(at)),
        (Some(who), None) => who.clone(),
        _ => String::new(),
    };
    OrderView {
        id: o.id.to_string(),
        version: o.version,
        offering: format!("{} {}", d.offering_code, d.offering_name),
        administration: d.administration_name.clone(),
        change: signed(o.quantity_change),
        from: o.effective_on.clone(),
        yearly: signed_money(t, o.yearly_change_ore),
        status: word(t, "accounts.status", &o.status),
        awaiting: o.status == "awaiting_confirmation",
        ordered: format!("{}, {}", o.ordered_by_name, t.time(o.ordered_at)),
        decided,
        reason: o.decision_reason.clone().unwrap_or_default(),
        note: o.note.clone(),
    }
}

/// The offerings that may be ordered, grouped by service.
fn offering_groups(t: &Tr, catalog: &Catalog, year: i64) -> Vec<OfferingGroup> {
    catalog
        .services
        .iter()
        .filter_map(|s| {
            let offerings: Vec<Choice> = s
                .offerings
                .iter()
                .filter(|o| o.offering.active)
                .map(|o| {
                    let unit = word(t, "accounts.unit", &o.offering.unit);
                    let price = price_for(catalog, &o.offering.code, year)
                        .map(|p| {
                            t.t("accounts.order.price_per")
                                .replace("{price}", &t.money(p))
                                .replace("{unit}", &unit)
                        })
                        .unwrap_or_else(|| t.t("accounts.no_price").to_owned());
                    Choice::new(
                        o.offering.code.clone(),
                        format!("{} – {} ({price})", o.offering.code, o.offering.name),
                    )
                })
                .collect();
            (!offerings.is_empty()).then(|| OfferingGroup {
                label: s.service.name.clone(),
                offerings,
            })
        })
        .collect()
}

async fn render_subscriptions(
    state: &AppState,
    user: &UiUser,
    member: MemberRecord,
    outcome: Outcome,
) -> Response {
    let t = &user.tr;
    let scope = &user.scope;
    let rows = match state.app.subscriptions(scope, &member.code).await {
        Ok(rows) => rows,
        Err(e) => return failed(user, e),
    };
    let orders = match state.app.orders(scope, Some(&member.code), None).await {
        Ok(orders) => orders,
        Err(e) => return failed(user, e),
    };
    let catalog = match state.app.catalog().await {
        Ok(c) => c,
        Err(e) => return failed(user, e),
    };
    let today = today(state);
    let year = i64::from(today.year());
    let (current, earlier) = group_subscriptions(t, &catalog, today, &rows);
    let may_order = scope.has_role_in(MemberId(member.id), MemberRole::Orderer);
    let mut administrations = vec![Choice::new("", t.t("accounts.choose"))];
    if may_order {
        match state.app.administrations(scope, MemberId(member.id)).await {
            Ok(list) => administrations.extend(
                list.into_iter()
                    .map(|a| Choice::new(a.id.to_string(), a.name)),
            ),
            Err(e) => return crate::ui::failure(user, e),
        }
    }
    let threshold = state.app.settings.large_order_ore;
    let mut quantity_help = t.t("accounts.order.quantity_help").to_owned();
    if threshold > 0 {
        quantity_help.push(' ');
        quantity_help.push_str(
            &t.t("accounts.order.threshold_help")
                .replace("{amount}", &t.money(threshold)),
        );
    }
    let form = outcome.form.unwrap_or_else(|| OrderForm {
        effective_on: today.to_string(),
        ..OrderForm::default()
    });
    let members = match member_choices(state, user).await {
        Ok(members) => members,
        Err(e) => return crate::ui::failure(user, e),
    };
    page(
        outcome.status,
        &SubscriptionsPage {
            frame: Frame::of(user, "/member/subscriptions"),
            t: user.tr,
            members,
            offerings: offering_groups(t, &catalog, year),
            current,
            earlier,
            orders: orders.iter().map(|o| order_view(t, o)).collect(),
            may_order,
            administrations,
            form,
            errors: outcome.errors,
            notice: outcome.notice,
            alert: outcome.alert,
            quantity_help,
            member,
        },
    )
}

fn notice_of(done: Option<&str>) -> Option<&'static str> {
    match done {
        Some("applied") => Some("accounts.done.applied"),
        Some("waiting") => Some("accounts.done.waiting"),
        Some("withdrawn") => Some("accounts.done.withdrawn"),
        _ => None,
    }
}

/// GET /member/subscriptions
pub async fn subscriptions(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<SubscriptionsQuery>,
) -> Response {
    let member = match member_of(&state, &user, q.member.as_deref()).await {
        Ok(Some(member)) => member,
        Ok(None) => {
            return no_member(&user);
        }
        Err(e) => return crate::ui::failure(&user, e),
    };
    let outcome = Outcome::fresh(notice_of(q.done.as_deref()));
    render_subscriptions(&state, &user, member, outcome).await
}

/// A change in quantity as typed: `50`, `+50`, `-20`, `−20`, `1 000`.
pub fn parse_change(text: &str) -> Option<i64> {
    let text: String = text
        .trim()
        .replace('\u{2212}', "-")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let digits = text.strip_prefix(['+', '-']).unwrap_or(&text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.trim_start_matches('+').parse().ok()
}

/// The order form's fields: the use case's field, the form's, the label.
const ORDER_FIELDS: [(&str, &str, &str); 5] = [
    ("offering", "offering", "accounts.field.offering"),
    (
        "administration_id",
        "administration_id",
        "accounts.field.administration",
    ),
    (
        "quantity_change",
        "quantity_change",
        "accounts.field.quantity_change",
    ),
    (
        "effective_on",
        "effective_on",
        "accounts.field.effective_on",
    ),
    ("note", "note", "accounts.field.note"),
];

fn where_to(member: &MemberRecord, done: &str) -> String {
    format!("/member/subscriptions?member={}&done={done}", member.code)
}

/// POST /member/orders
pub async fn place_order(
    State(state): State<AppState>,
    user: UiUser,
    Form(form): Form<OrderForm>,
) -> Response {
    let t = &user.tr;
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, t.t("admin.csrf").into());
    }
    let member = match member_of(&state, &user, Some(&form.member)).await {
        Ok(Some(member)) => member,
        Ok(None) => {
            return no_member(&user);
        }
        Err(e) => return crate::ui::failure(&user, e),
    };
    if !user
        .scope
        .has_role_in(MemberId(member.id), MemberRole::Orderer)
    {
        return error_page(
            &user,
            StatusCode::FORBIDDEN,
            t.t("accounts.order.only_orderer").into(),
        );
    }
    let mut errors = Problems::default();
    let label = |key: &str| t.t(key).to_owned();
    if form.offering.trim().is_empty() {
        errors.push_labelled(
            "offering",
            label("accounts.field.offering"),
            label("accounts.msg.no_offering"),
        );
    }
    let administration = match form.administration_id.trim() {
        "" => {
            errors.push_labelled(
                "administration_id",
                label("accounts.field.administration"),
                label("accounts.msg.no_administration"),
            );
            None
        }
        id => match id.parse::<Uuid>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push_labelled(
                    "administration_id",
                    label("accounts.field.administration"),
                    label("accounts.msg.no_administration"),
                );
                None
            }
        },
    };
    let change = parse_change(&form.quantity_change);
    if change.is_none() {
        errors.push_labelled(
            "quantity_change",
            label("accounts.field.quantity_change"),
            label("accounts.msg.whole_number"),
        );
    }
    let (Some(administration), Some(change), true) = (administration, change, errors.is_empty())
    else {
        return refused_order(&state, &user, member, form, errors).await;
    };
    let placed = state
        .app
        .place_order(
            &user.scope,
            &member.code,
            OrderInput {
                offering: form.offering.trim().to_owned(),
                administration_id: administration,
                quantity_change: change,
                effective_on: form.effective_on.trim().to_owned(),
                note: form.note.clone(),
            },
        )
        .await;
    match placed {
        Ok(d) if d.order.status == "applied" => {
            Redirect::to(&where_to(&member, "applied")).into_response()
        }
        Ok(_) => Redirect::to(&where_to(&member, "waiting")).into_response(),
        Err(AppError::Invalid(list)) => {
            let mut errors = problems(t, list, &ORDER_FIELDS);
            errors.order(&ORDER_FIELDS.map(|(_, form, _)| form));
            refused_order(&state, &user, member, form, errors).await
        }
        Err(e) => failed(&user, e),
    }
}

async fn refused_order(
    state: &AppState,
    user: &UiUser,
    member: MemberRecord,
    form: OrderForm,
    errors: Problems,
) -> Response {
    let outcome = Outcome {
        form: Some(form),
        errors,
        notice: None,
        alert: None,
        status: StatusCode::UNPROCESSABLE_ENTITY,
    };
    render_subscriptions(state, user, member, outcome).await
}

/// POST /member/orders/{id}/withdraw
pub async fn withdraw(
    State(state): State<AppState>,
    user: UiUser,
    Path(id): Path<Uuid>,
    Form(form): Form<WithdrawForm>,
) -> Response {
    let t = &user.tr;
    if !user.csrf_ok(&form.csrf) {
        return error_page(&user, StatusCode::FORBIDDEN, t.t("admin.csrf").into());
    }
    let member = match member_of(&state, &user, Some(&form.member)).await {
        Ok(Some(member)) => member,
        Ok(None) => {
            return no_member(&user);
        }
        Err(e) => return crate::ui::failure(&user, e),
    };
    let Ok(version) = form.version.trim().parse::<i64>() else {
        return stale_order(&state, &user, member).await;
    };
    match state
        .app
        .cancel_order(&user.scope, &member.code, id, version)
        .await
    {
        Ok(_) => Redirect::to(&where_to(&member, "withdrawn")).into_response(),
        Err(AppError::Stale | AppError::Conflict(_)) => stale_order(&state, &user, member).await,
        Err(e) => failed(&user, e),
    }
}

/// The page again, fresh, saying the order changed since it was shown.
async fn stale_order(state: &AppState, user: &UiUser, member: MemberRecord) -> Response {
    let outcome = Outcome {
        alert: Some("accounts.stale"),
        status: StatusCode::CONFLICT,
        ..Outcome::fresh(None)
    };
    render_subscriptions(state, user, member, outcome).await
}

// ---------------------------------------------------------------------------
// Invoice basis
// ---------------------------------------------------------------------------

/// One invoice line as shown.
pub struct LineView {
    pub kind: String,
    pub administration: String,
    pub reference: String,
    pub description: String,
    pub quantity: String,
    pub days: String,
    pub unit_price: String,
    pub amount: String,
    pub explanation: String,
    pub credit: bool,
}

/// The text after `marker` up to the next `:` (a date in an explanation).
fn date_in(explanation: &str, marker: &str) -> Option<String> {
    let (_, rest) = explanation.split_once(marker)?;
    let date = rest.split(':').next()?.trim();
    (date.len() == 10).then(|| date.to_owned())
}

/// The arithmetic of an invoice line in the user's language.
fn explain(t: &Tr, line: &InvoiceLine, year: &str) -> String {
    let rounded = if line.explanation.contains("rounded") {
        format!(" {}", t.t("accounts.explain.rounded"))
    } else {
        String::new()
    };
    let fill = |key: &str, pairs: &[(&str, String)]| {
        pairs
            .iter()
            .fold(t.t(key).to_owned(), |s, (k, v)| s.replace(k, v))
    };
    match line.kind {
        LineKind::Subscription if line.explanation.starts_with("no ") => {
            fill("accounts.explain.no_price", &[("{year}", year.to_owned())])
        }
        LineKind::Subscription => {
            fill(
                "accounts.explain.subscription",
                &[
                    ("{quantity}", line.quantity.to_string()),
                    ("{price}", t.money(line.unit_price_ore)),
                    ("{days}", line.active_days.unwrap_or(0).to_string()),
                    ("{month_days}", line.month_days.unwrap_or(0).to_string()),
                    ("{amount}", t.money(line.amount_ore)),
                ],
            ) + &rounded
        }
        LineKind::Request => fill(
            "accounts.explain.request",
            &[
                (
                    "{date}",
                    date_in(&line.explanation, "fulfilled ").unwrap_or_default(),
                ),
                ("{amount}", t.money(line.amount_ore)),
            ],
        ),
        LineKind::Work => {
            fill(
                "accounts.explain.work",
                &[
                    (
                        "{date}",
                        date_in(&line.explanation, "worked ").unwrap_or_default(),
                    ),
                    ("{minutes}", line.quantity.to_string()),
                    ("{rate}", t.money(line.unit_price_ore)),
                    ("{amount}", t.money(line.amount_ore)),
                ],
            ) + &rounded
        }
        LineKind::Credit => fill(
            "accounts.explain.credit",
            &[("{amount}", t.money(line.amount_ore))],
        ),
    }
}

fn line_view(t: &Tr, line: &InvoiceLine, year: &str) -> LineView {
    let (quantity, unit_price) = match line.kind {
        LineKind::Subscription => (
            line.quantity.to_string(),
            t.t("accounts.per_year")
                .replace("{price}", &t.money(line.unit_price_ore)),
        ),
        LineKind::Work => (
            format!("{} min", line.quantity),
            t.t("accounts.per_hour")
                .replace("{price}", &t.money(line.unit_price_ore)),
        ),
        LineKind::Request | LineKind::Credit => {
            (line.quantity.to_string(), t.money(line.unit_price_ore))
        }
    };
    LineView {
        kind: word(t, "accounts.kind", line.kind.as_str()),
        administration: line.administration.clone().unwrap_or_default(),
        reference: line.reference.clone(),
        description: line.description.clone(),
        quantity,
        days: match (line.active_days, line.month_days) {
            (Some(a), Some(m)) => format!("{a}/{m}"),
            _ => String::new(),
        },
        unit_price,
        amount: t.money(line.amount_ore),
        explanation: explain(t, line, year),
        credit: line.kind == LineKind::Credit,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct InvoiceQuery {
    #[serde(default)]
    member: Option<String>,
    #[serde(default)]
    month: Option<String>,
}

#[derive(Template)]
#[template(path = "member_accounts_invoice.html")]
struct InvoicePage {
    frame: Frame,
    t: Tr,
    member: MemberRecord,
    members: Vec<Choice>,
    month: String,
    errors: Problems,
    basis: Option<InvoiceBasis>,
    lines: Vec<LineView>,
    warnings: Vec<String>,
}

/// GET /member/invoice
pub async fn invoice(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<InvoiceQuery>,
) -> Response {
    let t = &user.tr;
    let member = match member_of(&state, &user, q.member.as_deref()).await {
        Ok(Some(member)) => member,
        Ok(None) => {
            return no_member(&user);
        }
        Err(e) => return crate::ui::failure(&user, e),
    };
    let today = today(&state);
    let month = q
        .month
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| format!("{:04}-{:02}", today.year(), today.month()));
    let (basis, errors) = match state.app.invoice(&user.scope, &member.code, &month).await {
        Ok(b) => (Some(b), Problems::default()),
        Err(AppError::Invalid(list)) => (
            None,
            problems(t, list, &[("month", "month", "accounts.field.month")]),
        ),
        Err(e) => return failed(&user, e),
    };
    let year = month.split('-').next().unwrap_or_default().to_owned();
    let lines = basis
        .as_ref()
        .map(|b| b.lines.iter().map(|l| line_view(t, l, &year)).collect())
        .unwrap_or_default();
    let warnings = basis
        .as_ref()
        .map(|b| b.warnings.iter().map(|w| warning(t, w)).collect())
        .unwrap_or_default();
    let members = match member_choices(&state, &user).await {
        Ok(members) => members,
        Err(e) => return crate::ui::failure(&user, e),
    };
    page(
        errors.status(),
        &InvoicePage {
            frame: Frame::of(&user, "/member/invoice"),
            t: user.tr,
            members,
            member,
            month,
            errors,
            basis,
            lines,
            warnings,
        },
    )
}

// ---------------------------------------------------------------------------
// Budget
// ---------------------------------------------------------------------------

/// One budget line as shown.
pub struct BudgetLineView {
    pub service: String,
    pub offering: String,
    pub administration: String,
    pub quantity: i64,
    pub unit_price: String,
    pub amount: String,
}

/// A sum per service or administration as shown.
pub struct Sum {
    pub label: String,
    pub amount: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct BudgetQuery {
    #[serde(default)]
    member: Option<String>,
    #[serde(default)]
    year: Option<String>,
}

#[derive(Template)]
#[template(path = "member_accounts_budget.html")]
struct BudgetPage {
    frame: Frame,
    t: Tr,
    member: MemberRecord,
    members: Vec<Choice>,
    year: String,
    errors: Problems,
    budget: Option<Budget>,
    lines: Vec<BudgetLineView>,
    per_service: Vec<Sum>,
    per_administration: Vec<Sum>,
    warnings: Vec<String>,
    invoice_month: String,
}

fn budget_views(
    t: &Tr,
    catalog: &Catalog,
    b: &Budget,
) -> (Vec<BudgetLineView>, Vec<Sum>, Vec<Sum>) {
    let lines = b
        .lines
        .iter()
        .map(|l| {
            let mut unit_price = t
                .t("accounts.per_year")
                .replace("{price}", &t.money(l.unit_price_ore));
            if l.price_year != b.year {
                unit_price.push(' ');
                unit_price.push_str(
                    &t.t("accounts.budget.price_from")
                        .replace("{year}", &l.price_year.to_string()),
                );
            }
            BudgetLineView {
                service: service_name(catalog, &l.service_code),
                offering: format!("{} {}", l.offering_code, l.offering_name),
                administration: l.administration.clone(),
                quantity: l.quantity,
                unit_price,
                amount: t.money(l.amount_ore),
            }
        })
        .collect();
    let per_service = b
        .per_service
        .iter()
        .map(|(code, amount)| Sum {
            label: format!("{} ({code})", service_name(catalog, code)),
            amount: t.money(*amount),
        })
        .collect();
    let per_administration = b
        .per_administration
        .iter()
        .map(|(name, amount)| Sum {
            label: name.clone(),
            amount: t.money(*amount),
        })
        .collect();
    (lines, per_service, per_administration)
}

/// GET /member/budget
pub async fn budget(
    State(state): State<AppState>,
    user: UiUser,
    Query(q): Query<BudgetQuery>,
) -> Response {
    let t = &user.tr;
    let member = match member_of(&state, &user, q.member.as_deref()).await {
        Ok(Some(member)) => member,
        Ok(None) => {
            return no_member(&user);
        }
        Err(e) => return crate::ui::failure(&user, e),
    };
    let today = today(&state);
    let typed = q
        .year
        .map(|y| y.trim().to_owned())
        .filter(|y| !y.is_empty());
    let mut errors = Problems::default();
    let year = match typed.as_deref().map(str::parse::<i16>) {
        None => Some(today.year() + 1),
        Some(Ok(y)) => Some(y),
        Some(Err(_)) => {
            errors.push_labelled(
                "year",
                t.t("accounts.field.year").to_owned(),
                t.t("accounts.msg.year").to_owned(),
            );
            None
        }
    };
    let mut budget = None;
    if let Some(year) = year {
        match state
            .app
            .budget(&user.scope, &member.code, Some(year))
            .await
        {
            Ok(b) => budget = Some(b),
            Err(AppError::Invalid(list)) => {
                errors = problems(t, list, &[("year", "year", "accounts.field.year")]);
            }
            Err(e) => return failed(&user, e),
        }
    }
    let catalog = match state.app.catalog().await {
        Ok(c) => c,
        Err(e) => return failed(&user, e),
    };
    let (lines, per_service, per_administration) = budget
        .as_ref()
        .map(|b| budget_views(t, &catalog, b))
        .unwrap_or_default();
    let warnings = budget
        .as_ref()
        .map(|b| b.warnings.iter().map(|w| warning(t, w)).collect())
        .unwrap_or_default();
    let members = match member_choices(&state, &user).await {
        Ok(members) => members,
        Err(e) => return crate::ui::failure(&user, e),
    };
    page(
        errors.status(),
        &BudgetPage {
            frame: Frame::of(&user, "/member/invoice"),
            t: user.tr,
            members,
            member,
            year: typed.unwrap_or_else(|| (today.year() + 1).to_string()),
            errors,
            budget,
            lines,
            per_service,
            per_administration,
            warnings,
            invoice_month: format!("{:04}-{:02}", today.year(), today.month()),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Lang;
    use samdrift_domain::catalog::order::OrderStatus;
    use samdrift_domain::catalog::request::ApprovalKind;

    #[test]
    fn a_change_is_read_with_its_sign() {
        assert_eq!(parse_change("50"), Some(50));
        assert_eq!(parse_change(" +50 "), Some(50));
        assert_eq!(parse_change("-20"), Some(-20));
        assert_eq!(parse_change("\u{2212}20"), Some(-20));
        assert_eq!(parse_change("1 000"), Some(1000));
        assert_eq!(parse_change(""), None);
        assert_eq!(parse_change("femtio"), None);
        assert_eq!(parse_change("5,5"), None);
        assert_eq!(parse_change("+-5"), None);
        assert_eq!(signed(50), "+50");
        assert_eq!(signed(-20), "\u{2212}20");
    }

    #[test]
    fn every_word_built_at_run_time_exists() {
        for lang in [Lang::Sv, Lang::En] {
            let t = Tr(lang);
            let built = UNITS
                .iter()
                .map(|u| format!("accounts.unit.{u}"))
                .chain(
                    [
                        OrderStatus::AwaitingConfirmation,
                        OrderStatus::Applied,
                        OrderStatus::Rejected,
                        OrderStatus::Cancelled,
                    ]
                    .map(|s| format!("accounts.status.{}", s.as_str())),
                )
                .chain(
                    [
                        LineKind::Subscription,
                        LineKind::Request,
                        LineKind::Work,
                        LineKind::Credit,
                    ]
                    .map(|k| format!("accounts.kind.{}", k.as_str())),
                )
                .chain(
                    [
                        ApprovalKind::Manager,
                        ApprovalKind::SystemOwner,
                        ApprovalKind::Orderer,
                    ]
                    .map(|a| format!("accounts.approval.{}", a.as_str())),
                );
            for key in built {
                assert_ne!(t.t(&key), "?", "{key}");
            }
        }
        assert_eq!(
            UNITS.map(|u| u.parse::<samdrift_domain::charging::Unit>().is_ok()),
            [true; 6]
        );
    }

    #[test]
    fn every_key_the_pages_code_names_exists() {
        let dir = env!("CARGO_MANIFEST_DIR");
        for file in [
            "src/ui/catalog/accounts.rs",
            "src/ui/admin/catalog.rs",
            "src/ui/admin/items.rs",
            "src/ui/admin/orders.rs",
        ] {
            let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
            for prefix in ["\"accounts.", "\"admin."] {
                for (at, _) in text.match_indices(prefix) {
                    let rest = text[at + 1..].split('"').next().unwrap();
                    // A prefix of keys built at run time (`word(t, "accounts.unit", unit)`).
                    let built = text[..at].ends_with("word(t, ");
                    if built || rest.ends_with('.') || rest.contains(['{', ' ']) {
                        continue;
                    }
                    let key = rest.to_owned();
                    for lang in [Lang::Sv, Lang::En] {
                        assert_ne!(Tr(lang).t(&key), "?", "{file}: unknown key {key}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_use_cases_messages_are_said_in_swedish() {
        let t = Tr(Lang::Sv);
        assert_eq!(
            say(&t, "use a date as YYYY-MM-DD"),
            "Skriv ett datum som ÅÅÅÅ-MM-DD."
        );
        assert_eq!(
            say(
                &t,
                "that would take the quantity below zero: 180 subscribed from 2026-01-01"
            ),
            "Antalet kan inte bli mindre än noll: 180 abonneras från 2026-01-01."
        );
        assert_eq!(
            say(&t, "no competence group is named 'Nät'"),
            "Det finns ingen kompetensgrupp som heter Nät."
        );
        assert_eq!(say(&t, "something new"), "something new");
        assert_eq!(
            warning(
                &t,
                "includes an order awaiting confirmation: +50 WP-ADM from 2027-03-15"
            ),
            "Budgeten räknar med en beställning som väntar på bekräftelse: +50 WP-ADM från 2027-03-15."
        );
        assert_eq!(
            warning(&t, "no 2028 price for WP-ADM: 2027 price used"),
            "WP-ADM har inget pris för 2028: priset för 2027 används."
        );
        assert_eq!(warning(&t, "anything else"), "anything else");
    }

    #[test]
    fn an_invoice_line_explains_its_arithmetic() {
        let t = Tr(Lang::Sv);
        let line = InvoiceLine {
            kind: LineKind::Subscription,
            administration: Some("Kommunledningsförvaltningen".into()),
            reference: "WP-ADM".into(),
            description: "Standardarbetsplats".into(),
            quantity: 230,
            active_days: Some(17),
            month_days: Some(31),
            unit_price_ore: 900_000,
            amount_ore: 9_459_677,
            explanation:
                "230 × 900000 öre/year ÷ 12 × 17/31 days = 9459677 öre (rounded to the nearest öre)"
                    .into(),
        };
        assert_eq!(
            explain(&t, &line, "2027"),
            "230 × 9\u{a0}000,00 kr per år ÷ 12 × 17/31 dagar = 94\u{a0}596,77 kr (avrundat till närmaste öre)"
        );
    }
}
