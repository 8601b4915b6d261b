//! Charging (debitering): what a member pays for the services it subscribes
//! to. From the member's subscription lines, the price list, the catalog
//! requests fulfilled, the chargeable hours logged and the service-level
//! credits, this module computes the monthly invoice basis
//! ([`invoice_basis`]), next year's budget proposal ([`budget_proposal`])
//! and the monthly fee per service that penalty rules take a share of
//! ([`monthly_fee_by_service`]). Nothing here reads the clock or a database.
//!
//! Rules shared by everything here:
//! - Money is whole öre in 64-bit integers, never floating point; products
//!   are formed in 128 bits, so no intermediate figure overflows. A figure
//!   that does not fit in 64 bits (far beyond any real invoice) is capped at
//!   the limit.
//! - Prices of subscriptions are per unit per **year**. The unit only names
//!   what a quantity counts; it does not change the arithmetic.
//! - Every computed amount is an exact fraction rounded once to the nearest
//!   öre, halves away from zero (half up for positive amounts).
//! - A subscription line is active from `starts_on` to `ends_on`, both days
//!   included; an open-ended line (`ends_on` absent) stays active.

pub mod budget;
pub mod csv;
pub mod invoice;

#[cfg(test)]
mod tests_invoice;
#[cfg(test)]
mod tests_properties;

pub use budget::{Budget, BudgetLine, budget_proposal, monthly_fee_by_service};
pub use csv::{
    BUDGET_CSV_HEADER, INVOICE_CSV_HEADER, budget_csv, budget_table, invoice_csv, invoice_table,
};
pub use invoice::{AdministrationTotal, InvoiceBasis, InvoiceLine, LineKind, invoice_basis};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Workstation,
    User,
    Mailbox,
    Server,
    Month,
    FixedYear,
}

impl Unit {
    pub const ALL: [Unit; 6] = [
        Unit::Workstation,
        Unit::User,
        Unit::Mailbox,
        Unit::Server,
        Unit::Month,
        Unit::FixedYear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Workstation => "workstation",
            Unit::User => "user",
            Unit::Mailbox => "mailbox",
            Unit::Server => "server",
            Unit::Month => "month",
            Unit::FixedYear => "fixed_year",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Unit {
    type Err = crate::messages::Message;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Unit::ALL
            .into_iter()
            .find(|unit| unit.as_str() == s)
            .ok_or_else(|| crate::msg!("unit.unknown", value = s))
    }
}

/// One subscription line: a quantity of one offering for one administration
/// over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionLine {
    pub subscription: uuid::Uuid,
    pub offering_code: String,
    pub offering_name: String,
    pub service_code: String,
    pub unit: Unit,
    /// The administration inside the member that the cost is allocated to.
    pub administration: String,
    pub quantity: i64,
    /// The first active day.
    pub starts_on: Date,
    /// The last active day, included; `None` while the line is open-ended.
    pub ends_on: Option<Date>,
}

/// Prices per unit per year, in öre, by offering code and year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceList {
    prices: BTreeMap<(String, i16), i64>,
}

impl PriceList {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets (or replaces) the yearly price per unit of `offering` in `year`.
    pub fn set(&mut self, offering: &str, year: i16, ore: i64) {
        self.prices.insert((offering.to_string(), year), ore);
    }

    /// The yearly price per unit of `offering` in `year`, if one is set.
    pub fn get(&self, offering: &str, year: i16) -> Option<i64> {
        self.prices.get(&(offering.to_string(), year)).copied()
    }

    /// For budgets: the price of `year`, or else that of the latest earlier
    /// year, with the year the price is from (different from `year` when it
    /// was carried forward); `None` when no price up to `year` is set.
    pub fn for_year_or_latest(&self, offering: &str, year: i16) -> Option<(i64, i16)> {
        self.prices
            .range((offering.to_string(), i16::MIN)..=(offering.to_string(), year))
            .next_back()
            .map(|((_, from_year), price)| (*price, *from_year))
    }

    pub fn is_empty(&self) -> bool {
        self.prices.is_empty()
    }
}

/// A catalog request fulfilled in the month whose item carries a price
/// (a one-off charge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestCharge {
    /// The ticket number, like `YST-2027-000042`.
    pub ticket: String,
    pub item: String,
    pub administration: String,
    pub fulfilled_on: Date,
    pub price_ore: i64,
}

/// Chargeable time logged on a ticket: work outside the subscriptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCharge {
    pub ticket: String,
    pub administration: String,
    pub worked_on: Date,
    pub minutes: i64,
    pub rate_ore_per_hour: i64,
    pub note: String,
}

/// A penalty from the service-level report, credited to the member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// What the credit refers to, like `2027-03 CARE resolution_compliance`.
    pub reference: String,
    pub description: String,
    /// The credited figure as a positive amount; the invoice shows it
    /// negated.
    pub amount_ore: i64,
}

/// The month of `date` as `YYYY-MM`.
pub fn month_text(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// How one subscription line is charged in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MonthCharge {
    pub active_days: i64,
    pub month_days: i64,
    /// The rounded amount, before capping to 64 bits.
    pub amount: i128,
    /// Whether the exact fraction was a whole number of öre.
    pub exact: bool,
}

/// The number of days of the month starting on `first` (the first of a
/// month) on which `line` is active.
pub(crate) fn active_days(line: &SubscriptionLine, first: Date) -> i64 {
    let last = first.last_of_month();
    let from = if line.starts_on <= first {
        first
    } else {
        line.starts_on
    };
    let to = match line.ends_on {
        Some(end) if end < last => end,
        _ => last,
    };
    if from > last || to < first || to < from {
        return 0;
    }
    i64::from(to.day()) - i64::from(from.day()) + 1
}

/// `line` in the month starting on `first` at `yearly_price_ore` per unit:
/// `quantity × price × active_days / (12 × month_days)` rounded once; `None`
/// when the line is not charged (no active day, or a quantity of 0 or less).
pub(crate) fn month_charge(
    line: &SubscriptionLine,
    first: Date,
    yearly_price_ore: i64,
) -> Option<MonthCharge> {
    if line.quantity <= 0 {
        return None;
    }
    let active = active_days(line, first);
    if active == 0 {
        return None;
    }
    let month_days = i64::from(first.days_in_month());
    let base = i128::from(line.quantity) * i128::from(yearly_price_ore);
    let (amount, exact) = prorate(base, active, 12 * month_days);
    Some(MonthCharge {
        active_days: active,
        month_days,
        amount,
        exact,
    })
}

/// `base × times / per` rounded to the nearest whole number, halves away
/// from zero, and whether it was exact; `per` is positive and small. The
/// product is split so that it cannot overflow: `base = k × per + r` gives
/// `k × times + r × times / per`, where `k` and `r` share the sign of
/// `base`, so rounding the second part rounds the whole.
pub(crate) fn prorate(base: i128, times: i64, per: i64) -> (i128, bool) {
    let per = i128::from(per.max(1));
    let times = i128::from(times);
    let whole = (base / per).saturating_mul(times);
    let part = (base % per) * times;
    let (rounded, exact) = round_div(part, per);
    (whole.saturating_add(rounded), exact)
}

/// `numerator / denominator` (positive) rounded to the nearest integer,
/// halves away from zero, and whether the division was exact.
pub(crate) fn round_div(numerator: i128, denominator: i128) -> (i128, bool) {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    let rounded = if 2 * remainder.unsigned_abs() >= denominator.unsigned_abs() {
        quotient + numerator.signum()
    } else {
        quotient
    };
    (rounded, remainder == 0)
}

/// An amount capped to the 64-bit range.
pub(crate) fn cap(amount: i128) -> i64 {
    i64::try_from(amount).unwrap_or(if amount < 0 { i64::MIN } else { i64::MAX })
}
