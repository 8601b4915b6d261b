//! Orders (beställningar): how a member's orderer changes what the member
//! subscribes to. An order names an offering, the administration that pays
//! and a change in quantity from a day on (`+50` from 15 March; `-400` ends
//! the subscription). The member's subscription to an offering for one
//! administration is a run of non-overlapping periods, each with its
//! quantity, so every invoice month can be charged by the days of each
//! period.
//!
//! Rules:
//! - An order applies from its first day on: every period that reaches that
//!   day or later gets the change; a period that started earlier is split
//!   (the old quantity up to the day before, the new from the day).
//! - A quantity may not go below zero; a period whose quantity becomes zero
//!   ends (the subscription is ended from that day).
//! - An order that adds where nothing is subscribed starts a new period
//!   (open-ended, or up to a later period); a reduction applies to the days
//!   that are subscribed (days without a subscription stay without), and
//!   is refused when nothing is subscribed from its day on.
//! - An order whose change in yearly cost (quantity change × the year's
//!   price), counted either way, reaches the federation's threshold needs
//!   the federation manager's confirmation before it applies.
//! - Splitting does not get round it ([`confirmation`]): the member's
//!   orders placed in the rolling [`CONFIRMATION_WINDOW_DAYS`] before a new
//!   one (applied or awaiting confirmation; rejected and withdrawn ones do
//!   not count) are added to it, increases with increases and decreases
//!   with decreases. A decrease never offsets an increase (taking 400
//!   away and adding 450 back is a change of 450 up, not 50), so the
//!   orders that apply at once within any window add up to less than the
//!   threshold in each direction. Orders the manager has confirmed still
//!   count: a confirmation covers the order confirmed, not what follows.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Large: waits for the federation manager.
    AwaitingConfirmation,
    /// In the subscriptions.
    Applied,
    /// The manager said no (with a reason).
    Rejected,
    /// The orderer withdrew it before it was confirmed.
    Cancelled,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::AwaitingConfirmation => "awaiting_confirmation",
            OrderStatus::Applied => "applied",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "awaiting_confirmation" => Some(OrderStatus::AwaitingConfirmation),
            "applied" => Some(OrderStatus::Applied),
            "rejected" => Some(OrderStatus::Rejected),
            "cancelled" => Some(OrderStatus::Cancelled),
            _ => None,
        }
    }
}

/// One period of a subscription as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub id: Uuid,
    pub quantity: i64,
    pub starts_on: Date,
    /// Last day, inclusive; `None` while open-ended.
    pub ends_on: Option<Date>,
}

/// What applying an order does to the stored periods.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// Periods that now end on the given day (the day before the order's).
    pub end: Vec<(Uuid, Date)>,
    /// Periods whose quantity changes in place.
    pub requantify: Vec<(Uuid, i64)>,
    /// Periods removed (their quantity became zero from their first day).
    pub remove: Vec<Uuid>,
    /// New periods: quantity, first day, last day.
    pub insert: Vec<(i64, Date, Option<Date>)>,
}

/// Why an order cannot apply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("the quantity must change (use a positive number to add, a negative one to reduce)")]
    NoChange,
    #[error("nothing is subscribed from that day to reduce or end")]
    NothingToReduce,
    #[error("that would take the quantity below zero: {quantity} subscribed from {from}")]
    BelowZero { quantity: i64, from: Date },
}

impl OrderError {
    /// The refusal as a message for the user.
    pub fn message(&self) -> crate::messages::Message {
        match self {
            OrderError::NoChange => crate::msg!("order.no_change"),
            OrderError::NothingToReduce => crate::msg!("order.nothing_to_reduce"),
            OrderError::BelowZero { quantity, from } => {
                crate::msg!("order.below_zero", quantity = *quantity, from = *from)
            }
        }
    }
}

/// The plan that applies a change of `delta` from `on` to these periods.
pub fn plan(periods: &[Period], delta: i64, on: Date) -> Result<Plan, OrderError> {
    if delta == 0 {
        return Err(OrderError::NoChange);
    }
    let mut out = Plan::default();
    let day_before = on.yesterday().ok();
    let mut touched = false;
    let mut sorted: Vec<&Period> = periods.iter().collect();
    sorted.sort_by_key(|p| p.starts_on);
    for p in sorted {
        if p.ends_on.is_some_and(|end| end < on) {
            continue;
        }
        touched = true;
        let quantity = p.quantity + delta;
        if quantity < 0 {
            return Err(OrderError::BelowZero {
                quantity: p.quantity,
                from: p.starts_on.max(on),
            });
        }
        if p.starts_on >= on {
            if quantity == 0 {
                out.remove.push(p.id);
            } else {
                out.requantify.push((p.id, quantity));
            }
        } else {
            if let Some(before) = day_before {
                out.end.push((p.id, before));
            }
            if quantity > 0 {
                out.insert.push((quantity, on, p.ends_on));
            }
        }
    }
    if !touched && delta < 0 {
        return Err(OrderError::NothingToReduce);
    }
    if delta > 0 {
        // Days from `on` that no period covers get a new period of `delta`.
        let mut covering: Vec<&Period> = periods
            .iter()
            .filter(|p| p.ends_on.is_none_or(|end| end >= on))
            .collect();
        covering.sort_by_key(|p| p.starts_on);
        let mut cursor = Some(on);
        for p in covering {
            let Some(from) = cursor else { break };
            let start = p.starts_on.max(on);
            if start > from {
                out.insert.push((delta, from, start.yesterday().ok()));
            }
            cursor = match p.ends_on {
                Some(end) => end.tomorrow().ok().map(|d| d.max(from)),
                None => None,
            };
        }
        if let Some(from) = cursor {
            out.insert.push((delta, from, None));
        }
    }
    Ok(out)
}

/// Whether an order changing the yearly cost by `yearly_change_ore` needs
/// the federation manager's confirmation (threshold in öre; 0 = never).
pub fn needs_confirmation(yearly_change_ore: i64, threshold_ore: i64) -> bool {
    threshold_ore > 0 && yearly_change_ore.unsigned_abs() >= threshold_ore.unsigned_abs()
}

/// How many days back a new order is added up with the member's earlier
/// orders (a rolling window ending at the new order).
pub const CONFIRMATION_WINDOW_DAYS: i64 = 30;

/// Why an order waits for the federation manager: the change counted and
/// the threshold it reached, in öre.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hold {
    /// Earlier orders of the window added to this one (0: it is large alone).
    pub others: i64,
    /// The yearly change counted: this order's, plus the earlier ones' in
    /// the same direction (negative for decreases).
    pub total_ore: i64,
    pub threshold_ore: i64,
}

impl Hold {
    /// The reason as a message for the orderer and the manager.
    pub fn message(&self) -> crate::messages::Message {
        let total = crate::messages::Arg::Ore(self.total_ore.saturating_abs());
        let threshold = crate::messages::Arg::Ore(self.threshold_ore);
        let m = match self.others {
            0 => crate::msg!("order.hold.alone"),
            1 => crate::msg!("order.hold.combined_one"),
            n => crate::msg!("order.hold.combined", others = n),
        };
        m.with("days", CONFIRMATION_WINDOW_DAYS)
            .with("total", total)
            .with("threshold", threshold)
    }
}

/// Whether a new order changing the yearly cost by `change_ore` waits for
/// the manager, given the yearly changes of the member's earlier orders in
/// the window (`earlier_ore`, applied or awaiting) and the threshold (öre;
/// 0 = never): `Some` with the reason when it waits, `None` when it
/// applies at once. Earlier changes in the other direction are left out.
pub fn confirmation(change_ore: i64, earlier_ore: &[i64], threshold_ore: i64) -> Option<Hold> {
    if threshold_ore <= 0 || change_ore == 0 {
        return None;
    }
    if needs_confirmation(change_ore, threshold_ore) {
        return Some(Hold {
            others: 0,
            total_ore: change_ore,
            threshold_ore,
        });
    }
    let same_way: Vec<i64> = earlier_ore
        .iter()
        .copied()
        .filter(|e| e.signum() == change_ore.signum())
        .collect();
    let total = same_way
        .iter()
        .fold(change_ore, |sum, e| sum.saturating_add(*e));
    needs_confirmation(total, threshold_ore).then(|| Hold {
        others: i64::try_from(same_way.len()).unwrap_or(i64::MAX),
        total_ore: total,
        threshold_ore,
    })
}
