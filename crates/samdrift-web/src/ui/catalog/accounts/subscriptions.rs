//! The member's subscriptions page: what is subscribed now and before, the
//! orders placed, and the order form for the member's orderers.

use super::*;

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
    /// Why it waits (or waited) for the federation manager, in words.
    pub held_because: String,
}

/// The offerings of one service in the order form.
pub struct OfferingGroup {
    pub label: String,
    pub offerings: Vec<Choice>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrderForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) member: String,
    #[serde(default)]
    pub(super) offering: String,
    #[serde(default)]
    pub(super) administration_id: String,
    #[serde(default)]
    pub(super) quantity_change: String,
    #[serde(default)]
    pub(super) effective_on: String,
    #[serde(default)]
    pub(super) note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) member: String,
    #[serde(default)]
    pub(super) version: String,
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
pub(super) struct SubscriptionsPage {
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
pub(super) struct Outcome {
    pub(super) form: Option<OrderForm>,
    pub(super) errors: Problems,
    pub(super) notice: Option<&'static str>,
    pub(super) alert: Option<&'static str>,
    pub(super) status: StatusCode,
}

impl Outcome {
    pub(super) fn fresh(notice: Option<&'static str>) -> Outcome {
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
pub(super) fn price_for(catalog: &Catalog, offering: &str, year: i64) -> Option<i64> {
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

pub(super) fn service_name(catalog: &Catalog, code: &str) -> String {
    catalog
        .services
        .iter()
        .find(|s| s.service.code == code)
        .map(|s| s.service.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

pub(super) fn subscription_view(
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
pub(super) fn group_subscriptions(
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

pub(super) fn order_view(t: &Tr, d: &OrderDetail) -> OrderView {
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
        held_because: o
            .hold()
            .map(|h| crate::messages::render(t, &h.message()))
            .unwrap_or_default(),
    }
}

/// The offerings that may be ordered, grouped by service.
pub(super) fn offering_groups(t: &Tr, catalog: &Catalog, year: i64) -> Vec<OfferingGroup> {
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

pub(super) async fn render_subscriptions(
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

pub(super) fn notice_of(done: Option<&str>) -> Option<&'static str> {
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
    let member = match member_page(&state, &user, q.member.as_deref()).await {
        Ok(member) => member,
        Err(refusal) => return refusal,
    };
    let outcome = Outcome::fresh(notice_of(q.done.as_deref()));
    render_subscriptions(&state, &user, member, outcome).await
}
