//! The monthly invoice basis (fakturaunderlag) of one member: one line per
//! charge of the month with the figures that produced it, totals per
//! administration and the month's total.
//!
//! How the invoice basis is computed:
//! - **Subscriptions** are charged for the days they are active in the
//!   month: the active days are the days of the month on or after the line's
//!   first day and, when it has a last day, on or before it. A line with no
//!   active day in the month is left out, and so is a line with a quantity
//!   of 0 or less.
//! - The amount of a subscription line is quantity × yearly price ÷ 12 ×
//!   active days ÷ days of the month. It is computed as the exact fraction
//!   quantity × price × active days / (12 × days of the month) and rounded
//!   once to the nearest öre, a half öre upwards (away from zero). A full
//!   month is therefore exactly one twelfth of the yearly price, rounded
//!   once.
//! - The price is the one set for the offering in the month's year. When
//!   none is set, the line is shown with the amount 0 and a warning.
//! - **Requests**: a fulfilled catalog request whose item carries a price is
//!   charged that price once, in the month it was fulfilled. Requests
//!   fulfilled in other months are not part of this month's basis.
//! - **Work**: each entry of chargeable time worked in the month is one line
//!   of minutes × hourly rate ÷ 60, rounded to the nearest öre in the same
//!   way. Entries of 0 minutes or less are left out.
//! - **Credits**: each service-level penalty is a line of the credited
//!   amount with a minus sign and no administration. A credit stated as a
//!   negative figure counts as 0 (with a warning).
//! - Each line is rounded on its own and every total is the exact sum of the
//!   rounded lines, so the lines always add up to the totals. The totals per
//!   administration count the charges only, not the credits.
//! - Lines are listed by kind (subscriptions, requests, work, credits), then
//!   by administration, reference and description, so the same input always
//!   gives the same basis whatever its order.

use super::{
    Credit, PriceList, RequestCharge, SubscriptionLine, WorkCharge, cap, month_charge, month_text,
    prorate,
};
use crate::messages::{Arg, Message};
use crate::msg;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What an invoice line charges or credits; the order is the order of the
/// lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Subscription,
    Request,
    Work,
    Credit,
}

impl LineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Subscription => "subscription",
            LineKind::Request => "request",
            LineKind::Work => "work",
            LineKind::Credit => "credit",
        }
    }
}

/// One line of the invoice basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceLine {
    pub kind: LineKind,
    /// The administration charged; `None` for credits.
    pub administration: Option<String>,
    /// The offering code, the ticket number or the credit's reference.
    pub reference: String,
    /// The offering name, the item name, the work note or the credit's
    /// description.
    pub description: String,
    /// Units for subscriptions, minutes for work, 1 for requests and credits.
    pub quantity: i64,
    /// Subscriptions: the days active in the month.
    pub active_days: Option<i64>,
    /// Subscriptions: the days of the month.
    pub month_days: Option<i64>,
    /// The yearly price per unit, the one-off price, the hourly rate or the
    /// credited amount.
    pub unit_price_ore: i64,
    /// Negative for credits.
    pub amount_ore: i64,
    /// The arithmetic of the amount, put in words when shown.
    pub explanation: Message,
}

/// The charges of one administration in the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdministrationTotal {
    pub administration: String,
    pub amount_ore: i64,
}

/// The invoice basis of one member for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceBasis {
    pub member: String,
    /// `YYYY-MM`.
    pub month: String,
    pub lines: Vec<InvoiceLine>,
    /// Charges per administration (credits excluded), sorted by name.
    pub per_administration: Vec<AdministrationTotal>,
    /// The sum of the subscription, request and work lines.
    pub charges_ore: i64,
    /// The sum of the credit lines: negative or 0.
    pub credits_ore: i64,
    /// `charges_ore + credits_ore`: the sum of all lines.
    pub total_ore: i64,
    /// Sorted, each once.
    pub warnings: Vec<Message>,
}

/// The invoice basis of `member` for the month of `month` (any day of it).
/// Requests and work outside the month may be passed; they are left out.
pub fn invoice_basis(
    member: &str,
    month: Date,
    subscriptions: &[SubscriptionLine],
    prices: &PriceList,
    requests: &[RequestCharge],
    work: &[WorkCharge],
    credits: &[Credit],
) -> InvoiceBasis {
    let first = month.first_of_month();
    let year = first.year();
    let mut lines = Vec::new();
    let mut warnings = BTreeSet::new();

    for line in subscriptions {
        let price = prices.get(&line.offering_code, year);
        let Some(charge) = month_charge(line, first, price.unwrap_or(0)) else {
            continue;
        };
        let amount_ore = capped(charge.amount, &line.offering_code, &mut warnings);
        let explanation = match price {
            Some(price) => Message::new(if charge.exact {
                "charging.explain.subscription"
            } else {
                "charging.explain.subscription_rounded"
            })
            .with("quantity", line.quantity)
            .with("price", Arg::Ore(price))
            .with("days", charge.active_days)
            .with("month_days", charge.month_days)
            .with("amount", Arg::Ore(amount_ore)),
            None => {
                warnings.insert(msg!(
                    "charging.warning.no_price",
                    code = &line.offering_code,
                    year = year
                ));
                msg!(
                    "charging.explain.no_price",
                    code = &line.offering_code,
                    year = year
                )
            }
        };
        lines.push(InvoiceLine {
            kind: LineKind::Subscription,
            administration: Some(line.administration.clone()),
            reference: line.offering_code.clone(),
            description: line.offering_name.clone(),
            quantity: line.quantity,
            active_days: Some(charge.active_days),
            month_days: Some(charge.month_days),
            unit_price_ore: price.unwrap_or(0),
            amount_ore,
            explanation,
        });
    }

    for request in requests {
        if request.fulfilled_on.first_of_month() != first {
            continue;
        }
        lines.push(InvoiceLine {
            kind: LineKind::Request,
            administration: Some(request.administration.clone()),
            reference: request.ticket.clone(),
            description: request.item.clone(),
            quantity: 1,
            active_days: None,
            month_days: None,
            unit_price_ore: request.price_ore,
            amount_ore: request.price_ore,
            explanation: msg!(
                "charging.explain.request",
                date = request.fulfilled_on,
                amount = Arg::Ore(request.price_ore)
            ),
        });
    }

    for entry in work {
        if entry.worked_on.first_of_month() != first || entry.minutes <= 0 {
            continue;
        }
        let base = i128::from(entry.minutes) * i128::from(entry.rate_ore_per_hour);
        let (exact, whole) = prorate(base, 1, 60);
        let amount_ore = capped(exact, &entry.ticket, &mut warnings);
        lines.push(InvoiceLine {
            kind: LineKind::Work,
            administration: Some(entry.administration.clone()),
            reference: entry.ticket.clone(),
            description: entry.note.clone(),
            quantity: entry.minutes,
            active_days: None,
            month_days: None,
            unit_price_ore: entry.rate_ore_per_hour,
            amount_ore,
            explanation: Message::new(if whole {
                "charging.explain.work"
            } else {
                "charging.explain.work_rounded"
            })
            .with("date", entry.worked_on)
            .with("minutes", entry.minutes)
            .with("rate", Arg::Ore(entry.rate_ore_per_hour))
            .with("amount", Arg::Ore(amount_ore)),
        });
    }

    for credit in credits {
        if credit.amount_ore < 0 {
            warnings.insert(msg!(
                "charging.warning.negative",
                reference = &credit.reference
            ));
        }
        let credited = credit.amount_ore.max(0);
        let amount_ore = capped(-i128::from(credited), &credit.reference, &mut warnings);
        lines.push(InvoiceLine {
            kind: LineKind::Credit,
            administration: None,
            reference: credit.reference.clone(),
            description: credit.description.clone(),
            quantity: 1,
            active_days: None,
            month_days: None,
            unit_price_ore: credited,
            amount_ore,
            explanation: msg!("charging.explain.credit", amount = Arg::Ore(amount_ore)),
        });
    }

    lines.sort_by(|a, b| {
        (a.kind, &a.administration, &a.reference, &a.description)
            .cmp(&(b.kind, &b.administration, &b.reference, &b.description))
            .then_with(|| {
                (a.quantity, a.active_days, a.unit_price_ore, a.amount_ore).cmp(&(
                    b.quantity,
                    b.active_days,
                    b.unit_price_ore,
                    b.amount_ore,
                ))
            })
            .then_with(|| a.explanation.cmp(&b.explanation))
    });

    let mut per_administration: BTreeMap<&str, i128> = BTreeMap::new();
    let (mut charges, mut credited) = (0i128, 0i128);
    for line in &lines {
        match &line.administration {
            Some(administration) if line.kind != LineKind::Credit => {
                *per_administration.entry(administration).or_default() +=
                    i128::from(line.amount_ore);
                charges += i128::from(line.amount_ore);
            }
            _ => credited += i128::from(line.amount_ore),
        }
    }
    let per_administration = per_administration
        .into_iter()
        .map(|(administration, amount)| AdministrationTotal {
            administration: administration.to_string(),
            amount_ore: cap(amount),
        })
        .collect();

    InvoiceBasis {
        member: member.to_string(),
        month: month_text(first),
        lines,
        per_administration,
        charges_ore: cap(charges),
        credits_ore: cap(credited),
        total_ore: cap(charges + credited),
        warnings: warnings.into_iter().collect(),
    }
}

/// `exact` capped to 64 bits, with a warning when it had to be.
fn capped(exact: i128, reference: &str, warnings: &mut BTreeSet<Message>) -> i64 {
    let capped = cap(exact);
    if i128::from(capped) != exact {
        warnings.insert(msg!("charging.warning.capped", reference = reference));
    }
    capped
}
