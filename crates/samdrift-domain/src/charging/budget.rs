//! The budget proposal of one member for one year, and the monthly fee per
//! service that the agreement's penalty rules take a share of.
//!
//! How the budget proposal is computed:
//! - The proposal covers the subscription lines it is given: the member's
//!   current subscriptions and the changes it has ordered, each as a line
//!   with its own first and last day.
//! - Each line is charged month by month over the year exactly as on the
//!   monthly invoice basis: a line that starts or ends within the year
//!   counts only its active days, and each month's amount is rounded to the
//!   nearest öre on its own. The budget of a line is the sum of its twelve
//!   monthly amounts, so the budget and the year's invoices agree to the
//!   öre. (For a yearly price that is not divisible by 12, a full year can
//!   therefore differ from quantity × yearly price by a few öre.)
//! - The price is the one set for the year. When the year has none yet, the
//!   latest earlier year's price is carried forward and a warning says so
//!   ("no 2028 price for WP-ADM: 2027 price used"). A line with no price up
//!   to the year is left out, with a warning.
//! - Lines with a quantity of 0 or less, and lines whose amount for the year
//!   is 0, are left out.
//! - Lines are listed by service, offering and administration; the totals
//!   per service, per administration and for the year are exact sums of the
//!   lines.
//!
//! The monthly fee of a service ([`monthly_fee_by_service`]) is the sum of
//! the month's subscription line amounts of that service as on the invoice
//! basis (the month's price, no price counting as 0).

use super::{PriceList, SubscriptionLine, cap, month_charge};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The budget of one subscription line for the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetLine {
    pub subscription: uuid::Uuid,
    pub offering_code: String,
    pub offering_name: String,
    pub service_code: String,
    pub administration: String,
    pub quantity: i64,
    /// The yearly price per unit used.
    pub unit_price_ore: i64,
    /// The year the price is from: earlier than the budget's year when it
    /// was carried forward.
    pub price_year: i16,
    /// The sum of the line's twelve monthly amounts.
    pub amount_ore: i64,
}

/// The budget proposal of one member for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Budget {
    pub member: String,
    pub year: i16,
    /// One per subscription line with a non-zero amount, sorted by service,
    /// offering and administration.
    pub lines: Vec<BudgetLine>,
    /// Sorted by service code.
    pub per_service: Vec<(String, i64)>,
    /// Sorted by administration name.
    pub per_administration: Vec<(String, i64)>,
    pub total_ore: i64,
    /// Sorted, each once.
    pub warnings: Vec<crate::messages::Message>,
}

/// The first days of the twelve months of `year`; none for a year out of
/// the calendar's range.
fn months(year: i16) -> impl Iterator<Item = Date> {
    (1..=12).filter_map(move |month| Date::new(year, month, 1).ok())
}

/// The budget proposal of `member` for `year` over `subscriptions`.
pub fn budget_proposal(
    member: &str,
    year: i16,
    subscriptions: &[SubscriptionLine],
    prices: &PriceList,
) -> Budget {
    let mut lines = Vec::new();
    let mut warnings = BTreeSet::new();
    for line in subscriptions {
        if line.quantity <= 0 || !months(year).any(|first| month_charge(line, first, 0).is_some()) {
            continue;
        }
        let Some((price, price_year)) = prices.for_year_or_latest(&line.offering_code, year) else {
            warnings.insert(crate::msg!(
                "charging.warning.left_out",
                code = &line.offering_code,
                year = year
            ));
            continue;
        };
        if price_year != year {
            warnings.insert(crate::msg!(
                "charging.warning.carried",
                code = &line.offering_code,
                year = year,
                from = price_year
            ));
        }
        let amount: i128 = months(year)
            .filter_map(|first| month_charge(line, first, price))
            .map(|charge| i128::from(cap(charge.amount)))
            .sum();
        if amount == 0 {
            continue;
        }
        lines.push(BudgetLine {
            subscription: line.subscription,
            offering_code: line.offering_code.clone(),
            offering_name: line.offering_name.clone(),
            service_code: line.service_code.clone(),
            administration: line.administration.clone(),
            quantity: line.quantity,
            unit_price_ore: price,
            price_year,
            amount_ore: cap(amount),
        });
    }
    lines.sort_by(|a, b| {
        (&a.service_code, &a.offering_code, &a.administration)
            .cmp(&(&b.service_code, &b.offering_code, &b.administration))
            .then_with(|| {
                (a.amount_ore, a.quantity, a.unit_price_ore, a.subscription).cmp(&(
                    b.amount_ore,
                    b.quantity,
                    b.unit_price_ore,
                    b.subscription,
                ))
            })
            .then_with(|| a.offering_name.cmp(&b.offering_name))
    });

    let mut per_service: BTreeMap<&str, i128> = BTreeMap::new();
    let mut per_administration: BTreeMap<&str, i128> = BTreeMap::new();
    let mut total = 0i128;
    for line in &lines {
        let amount = i128::from(line.amount_ore);
        *per_service.entry(&line.service_code).or_default() += amount;
        *per_administration.entry(&line.administration).or_default() += amount;
        total += amount;
    }
    let sums = |map: BTreeMap<&str, i128>| -> Vec<(String, i64)> {
        map.into_iter()
            .map(|(key, amount)| (key.to_string(), cap(amount)))
            .collect()
    };
    Budget {
        member: member.to_string(),
        year,
        per_service: sums(per_service),
        per_administration: sums(per_administration),
        lines,
        total_ore: cap(total),
        warnings: warnings.into_iter().collect(),
    }
}

/// The month's subscription amounts per service code, for the month of
/// `month` (any day of it): each line as on the invoice basis of that
/// month. A service with an active line but no price has the fee 0.
pub fn monthly_fee_by_service(
    month: Date,
    subscriptions: &[SubscriptionLine],
    prices: &PriceList,
) -> BTreeMap<String, i64> {
    let first = month.first_of_month();
    let mut fees: BTreeMap<String, i128> = BTreeMap::new();
    for line in subscriptions {
        let price = prices.get(&line.offering_code, first.year()).unwrap_or(0);
        if let Some(charge) = month_charge(line, first, price) {
            *fees.entry(line.service_code.clone()).or_default() += i128::from(cap(charge.amount));
        }
    }
    fees.into_iter()
        .map(|(service, fee)| (service, cap(fee)))
        .collect()
}
