//! Orders: only a member's orderer (beställare) orders a new subscription,
//! changes a quantity or ends one; an order that changes the member's
//! yearly cost by the federation's threshold or more, alone or with the
//! member's other orders of the last 30 days (the domain's
//! `catalog::order::confirmation`), waits for the federation manager's
//! confirmation, and says why. The orderer who placed an order never
//! confirms or rejects it, whatever else they are (separation of duties,
//! `samdrift_domain::duties`). Every order keeps its history.

use super::{stored_date, today};
use crate::ids::new_id;
use crate::{App, AppError};
use jiff::civil::Date;
use samdrift_domain::catalog::order::{
    CONFIRMATION_WINDOW_DAYS, OrderStatus, Period, confirmation, plan,
};
use samdrift_domain::duties::{PlacedBy, is_own};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::{AccountId, AdministrationId, MemberId, PersonId};
use samdrift_domain::role::{MemberRole, StaffRole};
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_store::catalog::offerings::OfferingRecord;
use samdrift_store::catalog::subscriptions::{
    OrderDecision, OrderEventRecord, OrderRecord, PeriodChanges, PeriodRow, SubscriptionRow,
};
use samdrift_store::registers::administrations::AdministrationRecord;
use std::collections::HashMap;
use uuid::Uuid;

/// What an orderer sends.
#[derive(Debug, Clone, Default)]
pub struct OrderInput {
    /// The offering's code.
    pub offering: String,
    /// The administration that pays.
    pub administration_id: Uuid,
    /// Units to add (positive) or take away (negative).
    pub quantity_change: i64,
    /// The first day the change applies (`YYYY-MM-DD`).
    pub effective_on: String,
    pub note: String,
}

/// A manager's decision on a large order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Confirm,
    Reject,
}

/// An order with its history.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderDetail {
    pub order: OrderRecord,
    pub member_code: String,
    pub offering_code: String,
    pub offering_name: String,
    pub administration_name: String,
    pub events: Vec<OrderEventRecord>,
    /// The caller placed it (by this account or another of their person),
    /// so they neither confirm nor reject it.
    pub own: bool,
}

fn periods_of(rows: &[PeriodRow]) -> Result<Vec<Period>, AppError> {
    rows.iter()
        .map(|r| {
            Ok(Period {
                id: r.id,
                quantity: r.quantity,
                starts_on: stored_date(&r.starts_on)?,
                ends_on: r.ends_on.as_deref().map(stored_date).transpose()?,
            })
        })
        .collect()
}

impl App {
    /// The member's subscriptions (every period, ended ones too).
    pub async fn subscriptions(
        &self,
        scope: &Scope,
        member_code: &str,
    ) -> Result<Vec<SubscriptionRow>, AppError> {
        let member = self.member_for_accounts(scope, member_code).await?;
        Ok(self.store.list_subscriptions(member.id).await?)
    }

    /// Places an order. Small orders apply at once; large ones wait for
    /// the federation manager.
    pub async fn place_order(
        &self,
        scope: &Scope,
        member_code: &str,
        input: OrderInput,
    ) -> Result<OrderDetail, AppError> {
        let member = self.member_in_scope(scope, member_code).await?;
        if !scope.has_role_in(MemberId(member.id), MemberRole::Orderer) {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.order_place"
            )));
        }
        let (offering, administration, effective_on) = self.check_order(member.id, &input).await?;
        // Check now that the change fits what is subscribed.
        let rows = self
            .store
            .subscription_periods(member.id, offering.id, administration.id)
            .await?;
        plan(&periods_of(&rows)?, input.quantity_change, effective_on)
            .map_err(|e| AppError::invalid("quantity_change", e.message()))?;
        let price = self
            .price_list()
            .await?
            .for_year_or_latest(&offering.code, effective_on.year())
            .map(|(price, _)| price)
            .unwrap_or(0);
        let yearly_change_ore = input.quantity_change.saturating_mul(price);
        let now = self.now_micros();
        let order = OrderRecord {
            member_id: member.id,
            id: new_id(self.clock.as_ref()),
            offering_id: offering.id,
            administration_id: administration.id,
            quantity_change: input.quantity_change,
            effective_on: effective_on.to_string(),
            yearly_change_ore,
            status: OrderStatus::AwaitingConfirmation.as_str().into(),
            note: input.note.trim().to_owned(),
            ordered_by: Some(scope.account.0),
            ordered_by_name: scope.username.clone(),
            ordered_at: now,
            decided_by_name: None,
            decided_at: None,
            decision_reason: None,
            version: 1,
            hold_others: None,
            hold_total_ore: None,
            hold_threshold_ore: None,
        };
        let window = jiff::SignedDuration::from_hours(24 * CONFIRMATION_WINDOW_DAYS);
        let since = now.saturating_sub(window.as_micros().try_into().unwrap_or(i64::MAX));
        let threshold = self.settings.large_order_ore;
        let order = self
            .store
            .insert_order(&order, since, |earlier| {
                confirmation(yearly_change_ore, earlier, threshold)
            })
            .await?;
        if order.hold().is_none() {
            self.apply_order(
                scope,
                &order,
                "applied at once (below the confirmation threshold)",
                false,
            )
            .await?;
        } else {
            let notice = crate::notify::OrderNotice {
                member: member.code.clone(),
                offering: offering.code.clone(),
                quantity: order.quantity_change,
                by: scope.username.clone(),
                outcome: None,
            };
            self.notify_order_waiting(scope, &notice).await;
        }
        self.order_detail(scope, member_code, order.id).await
    }

    /// The order's answers checked together: an offering that may be
    /// ordered, an administration of the member, a day not in the past, a
    /// change of a sensible size and a short enough note.
    async fn check_order(
        &self,
        member_id: Uuid,
        input: &OrderInput,
    ) -> Result<(OfferingRecord, AdministrationRecord, Date), AppError> {
        let mut errors = FieldErrors::default();
        let offering = self.store.offering_by_code(&input.offering).await?;
        match &offering {
            None => errors.push(
                "offering",
                samdrift_domain::msg!("offering.no_code", code = &input.offering),
            ),
            Some(o) if !o.active && input.quantity_change > 0 => {
                errors.push("offering", samdrift_domain::msg!("order.inactive"))
            }
            _ => {}
        }
        let administration = self
            .store
            .get_administration(
                &MemberFilter::Only(vec![MemberId(member_id)]),
                AdministrationId(input.administration_id),
            )
            .await?;
        if administration.is_none() {
            errors.push(
                "administration_id",
                samdrift_domain::msg!("administration.not_in_member"),
            );
        }
        let effective_on = input.effective_on.trim().parse::<Date>();
        match effective_on {
            Err(_) => errors.push("effective_on", samdrift_domain::msg!("field.date")),
            Ok(d) if d < today(self) => {
                errors.push("effective_on", samdrift_domain::msg!("order.backwards"))
            }
            Ok(_) => {}
        }
        if input.quantity_change == 0 {
            errors.push(
                "quantity_change",
                samdrift_domain::msg!("order.zero_change"),
            );
        } else if input.quantity_change.unsigned_abs() > 1_000_000 {
            errors.push("quantity_change", samdrift_domain::msg!("order.too_many"));
        }
        if input.note.chars().count() > 2000 {
            errors.push(
                "note",
                samdrift_domain::msg!("field.at_most_chars", max = 2000),
            );
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let (Some(offering), Some(administration), Ok(effective_on)) =
            (offering, administration, effective_on)
        else {
            return Err(AppError::invalid(
                "body",
                samdrift_domain::msg!("order.invalid"),
            ));
        };
        Ok((offering, administration, effective_on))
    }

    /// Applies an order to the subscriptions and marks it applied.
    async fn apply_order(
        &self,
        scope: &Scope,
        order: &OrderRecord,
        note: &str,
        decided: bool,
    ) -> Result<(), AppError> {
        let effective_on = stored_date(&order.effective_on)?;
        let rows = self
            .store
            .subscription_periods(order.member_id, order.offering_id, order.administration_id)
            .await?;
        let p = plan(&periods_of(&rows)?, order.quantity_change, effective_on).map_err(|e| {
            AppError::Conflict(samdrift_domain::msg!(
                "conflict.order_no_longer_fits",
                reason = e.message()
            ))
        })?;
        let changes = PeriodChanges {
            end: p.end.iter().map(|(id, d)| (*id, d.to_string())).collect(),
            requantify: p.requantify.clone(),
            remove: p.remove.clone(),
            insert: p
                .insert
                .iter()
                .map(|(q, from, to)| {
                    (
                        new_id(self.clock.as_ref()),
                        *q,
                        from.to_string(),
                        to.map(|d| d.to_string()),
                    )
                })
                .collect(),
        };
        let decision = OrderDecision {
            status: OrderStatus::Applied.as_str().into(),
            actor_name: scope.username.clone(),
            at: self.now_micros(),
            note: note.to_owned(),
            decided,
        };
        self.store
            .decide_order(
                order.member_id,
                order.id,
                order.version,
                &decision,
                Some((&rows, &changes)),
            )
            .await?;
        Ok(())
    }

    /// The federation manager confirms (the order applies) or rejects (a
    /// reason is required) a large order.
    pub async fn decide_order(
        &self,
        scope: &Scope,
        member_code: &str,
        id: Uuid,
        version: i64,
        decision: Decision,
        reason: Option<String>,
    ) -> Result<OrderDetail, AppError> {
        let member = self.member_in_scope(scope, member_code).await?;
        let order = self
            .store
            .get_order(member.id, id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        if scope.staff != Some(StaffRole::Manager) {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.order_confirm"
            )));
        }
        if is_own(
            scope,
            self.order_placed_by(&order, &mut HashMap::new()).await?,
        ) {
            return Err(super::requests::own_step_refused());
        }
        if order.status != OrderStatus::AwaitingConfirmation.as_str() {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.order_not_awaiting",
                status = samdrift_domain::messages::Arg::Word(
                    "accounts.status",
                    order.status.to_string()
                )
            )));
        }
        if order.version != version {
            return Err(AppError::Stale);
        }
        let reason = reason
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty());
        match decision {
            Decision::Confirm => {
                let note = reason.unwrap_or_else(|| "confirmed".into());
                self.apply_order(scope, &order, &note, true).await?;
            }
            Decision::Reject => {
                let Some(reason) = reason else {
                    return Err(AppError::invalid(
                        "reason",
                        samdrift_domain::msg!("order.reason_needed"),
                    ));
                };
                let d = OrderDecision {
                    status: OrderStatus::Rejected.as_str().into(),
                    actor_name: scope.username.clone(),
                    at: self.now_micros(),
                    note: reason,
                    decided: true,
                };
                self.store
                    .decide_order(member.id, order.id, order.version, &d, None)
                    .await?;
            }
        }
        let offering = self.store.get_offering(order.offering_id).await?;
        let notice = crate::notify::OrderNotice {
            member: member.code.clone(),
            offering: offering.map(|o| o.code).unwrap_or_default(),
            quantity: order.quantity_change,
            by: scope.username.clone(),
            outcome: Some(match decision {
                Decision::Confirm => "confirmed".into(),
                Decision::Reject => "rejected".into(),
            }),
        };
        self.notify_order_decided(scope, order.ordered_by, &notice)
            .await;
        self.order_detail(scope, member_code, id).await
    }

    /// The orderer withdraws an order still awaiting confirmation.
    pub async fn cancel_order(
        &self,
        scope: &Scope,
        member_code: &str,
        id: Uuid,
        version: i64,
    ) -> Result<OrderDetail, AppError> {
        let member = self.member_in_scope(scope, member_code).await?;
        let order = self
            .store
            .get_order(member.id, id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        if !scope.has_role_in(MemberId(member.id), MemberRole::Orderer) {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.order_withdraw"
            )));
        }
        if order.status != OrderStatus::AwaitingConfirmation.as_str() {
            return Err(AppError::Conflict(samdrift_domain::msg!(
                "conflict.order_not_withdrawable",
                status = samdrift_domain::messages::Arg::Word(
                    "accounts.status",
                    order.status.to_string()
                )
            )));
        }
        let d = OrderDecision {
            status: OrderStatus::Cancelled.as_str().into(),
            actor_name: scope.username.clone(),
            at: self.now_micros(),
            note: "withdrawn by the orderer".into(),
            decided: false,
        };
        self.store
            .decide_order(member.id, id, version, &d, None)
            .await?;
        self.order_detail(scope, member_code, id).await
    }

    pub async fn order_detail(
        &self,
        scope: &Scope,
        member_code: &str,
        id: Uuid,
    ) -> Result<OrderDetail, AppError> {
        let member = self.member_for_accounts(scope, member_code).await?;
        let order = self
            .store
            .get_order(member.id, id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        let events = self.store.order_events(member.id, id).await?;
        let own = is_own(
            scope,
            self.order_placed_by(&order, &mut HashMap::new()).await?,
        );
        self.describe_order(member.code, order, events, own).await
    }

    /// Who placed the order: its account and that account's person
    /// (`people` keeps the persons of accounts already looked up).
    async fn order_placed_by(
        &self,
        order: &OrderRecord,
        people: &mut HashMap<Uuid, Option<Uuid>>,
    ) -> Result<PlacedBy, AppError> {
        let Some(account) = order.ordered_by else {
            return Ok(PlacedBy::default());
        };
        let person = match people.get(&account) {
            Some(person) => *person,
            None => {
                let person = self
                    .store
                    .get_account(AccountId(account))
                    .await?
                    .and_then(|a| a.person_id);
                people.insert(account, person);
                person
            }
        };
        Ok(PlacedBy {
            account: Some(AccountId(account)),
            person: person.map(PersonId),
        })
    }

    async fn describe_order(
        &self,
        member_code: String,
        order: OrderRecord,
        events: Vec<OrderEventRecord>,
        own: bool,
    ) -> Result<OrderDetail, AppError> {
        let offering = self.store.get_offering(order.offering_id).await?;
        let administration = self
            .store
            .get_administration(
                &MemberFilter::Only(vec![MemberId(order.member_id)]),
                AdministrationId(order.administration_id),
            )
            .await?;
        Ok(OrderDetail {
            member_code,
            offering_code: offering
                .as_ref()
                .map(|o| o.code.clone())
                .unwrap_or_default(),
            offering_name: offering.map(|o| o.name).unwrap_or_default(),
            administration_name: administration.map(|a| a.name).unwrap_or_default(),
            order,
            events,
            own,
        })
    }

    /// Orders of a member (its orderers, strategists and staff), or with
    /// no member every member's orders (staff only), newest first.
    pub async fn orders(
        &self,
        scope: &Scope,
        member_code: Option<&str>,
        status: Option<&str>,
    ) -> Result<Vec<OrderDetail>, AppError> {
        if let Some(s) = status
            && OrderStatus::parse(s).is_none()
        {
            return Err(AppError::invalid(
                "status",
                samdrift_domain::msg!("order.status"),
            ));
        }
        let members = match member_code {
            Some(code) => vec![self.member_for_accounts(scope, code).await?],
            None if scope.is_staff() => self.store.list_members(scope).await?,
            None => {
                return Err(AppError::Forbidden(samdrift_domain::msg!(
                    "forbidden.orders_member"
                )));
            }
        };
        let ids: Vec<Uuid> = members.iter().map(|m| m.id).collect();
        let mut out = Vec::new();
        let mut people = HashMap::new();
        for order in self.store.list_orders(Some(&ids), status).await? {
            let code = members
                .iter()
                .find(|m| m.id == order.member_id)
                .map(|m| m.code.clone())
                .unwrap_or_default();
            let own = is_own(scope, self.order_placed_by(&order, &mut people).await?);
            out.push(self.describe_order(code, order, vec![], own).await?);
        }
        Ok(out)
    }
}
