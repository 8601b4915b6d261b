//! Charging (debitering): the monthly invoice basis of a member (its
//! subscriptions pro rata, fulfilled requests that carry a price, and
//! chargeable hours, per administration, with the month's service-level
//! penalties as credits), next year's budget proposal, and the monthly fee
//! per service the penalty rules take from the subscriptions. The
//! arithmetic and its rounding rule are in the domain's `charging` module.

use super::{stored_date, today};
use crate::ids::new_id;
use crate::service_levels::DEFAULT_ENTRY;
use crate::service_levels::reports::local_midnight;
use crate::{App, AppError};
use jiff::civil::Date;
use samdrift_domain::catalog::order::OrderStatus;
use samdrift_domain::charging::{
    Budget, Credit, InvoiceBasis, PriceList, RequestCharge, SubscriptionLine, Unit, WorkCharge,
    budget_proposal, invoice_basis, monthly_fee_by_service,
};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::TicketId;
use samdrift_domain::scope::Scope;
use samdrift_domain::time::{from_micros, stockholm, to_micros};
use samdrift_store::catalog::subscriptions::SubscriptionRow;
use samdrift_store::catalog::work::WorkRecord;
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a technician logs.
#[derive(Debug, Clone, Default)]
pub struct WorkInput {
    /// The day worked (`YYYY-MM-DD`); today when left out.
    pub worked_on: Option<String>,
    pub minutes: i64,
    /// Work outside the subscriptions, charged at the hourly rate.
    pub chargeable: bool,
    pub note: String,
}

fn line_of(row: &SubscriptionRow) -> Result<SubscriptionLine, AppError> {
    Ok(SubscriptionLine {
        subscription: row.id,
        offering_code: row.offering_code.clone(),
        offering_name: row.offering_name.clone(),
        service_code: row.service_code.clone(),
        unit: row.unit.parse::<Unit>().unwrap_or(Unit::Month),
        administration: row.administration_name.clone(),
        quantity: row.quantity,
        starts_on: stored_date(&row.starts_on)?,
        ends_on: row.ends_on.as_deref().map(stored_date).transpose()?,
    })
}

/// `YYYY-MM` as the month's first day: exactly four digits, a dash and
/// two digits (no sign, no single-digit month), months 01-12 only.
pub fn parse_month(text: &str) -> Result<Date, AppError> {
    let bad = || AppError::invalid("month", samdrift_domain::msg!("field.month"));
    let text = text.trim();
    let shape = text.len() == 7
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return Err(bad());
    }
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    let (Ok(y), Ok(m)) = (y.parse::<i16>(), m.parse::<i8>()) else {
        return Err(bad());
    };
    if !(2000..=2100).contains(&y) {
        return Err(bad());
    }
    Date::new(y, m, 1).map_err(|_| bad())
}

impl App {
    pub(crate) async fn price_list(&self) -> Result<PriceList, AppError> {
        let codes: BTreeMap<Uuid, String> = self
            .store
            .list_offerings()
            .await?
            .into_iter()
            .map(|o| (o.id, o.code))
            .collect();
        let mut prices = PriceList::new();
        for p in self.store.list_prices().await? {
            if let (Some(code), Ok(year)) = (codes.get(&p.offering_id), i16::try_from(p.year)) {
                prices.set(code, year, p.price_ore);
            }
        }
        Ok(prices)
    }

    async fn lines_between(
        &self,
        member: Uuid,
        from: Date,
        to: Date,
    ) -> Result<Vec<SubscriptionLine>, AppError> {
        self.store
            .subscriptions_between(member, &from.to_string(), &to.to_string())
            .await?
            .iter()
            .map(line_of)
            .collect()
    }

    /// The month's fee per service from the member's subscription periods
    /// (`rows` may hold periods of other months too; only those that
    /// overlap the month count): the figure compliance-share penalties are
    /// a share of. The price list is read the first time a month has any
    /// period and kept in `prices` for the next.
    pub(crate) async fn monthly_fees(
        &self,
        rows: &[SubscriptionRow],
        month: Date,
        prices: &mut Option<PriceList>,
    ) -> Result<BTreeMap<String, i64>, AppError> {
        let first = month.first_of_month();
        let (from, to) = (first.to_string(), first.last_of_month().to_string());
        let lines = rows
            .iter()
            .filter(|r| {
                r.starts_on.as_str() <= to.as_str()
                    && r.ends_on.as_deref().is_none_or(|end| end >= from.as_str())
            })
            .map(line_of)
            .collect::<Result<Vec<_>, _>>()?;
        if lines.is_empty() {
            return Ok(BTreeMap::new());
        }
        let prices = match prices {
            Some(p) => p,
            None => prices.insert(self.price_list().await?),
        };
        Ok(monthly_fee_by_service(first, &lines, prices))
    }

    /// The invoice basis of a member for a month (`YYYY-MM`).
    pub async fn invoice(
        &self,
        scope: &Scope,
        member_code: &str,
        month: &str,
    ) -> Result<InvoiceBasis, AppError> {
        let member = self.member_for_accounts(scope, member_code).await?;
        let first = parse_month(month)?;
        let last = first.last_of_month();
        let next = last.tomorrow().map_err(|_| {
            AppError::invalid("month", samdrift_domain::msg!("field.too_far_ahead"))
        })?;
        let lines = self.lines_between(member.id, first, last).await?;
        let prices = self.price_list().await?;
        let (from, to) = (
            to_micros(local_midnight(first, "month")?),
            to_micros(local_midnight(next, "month")?),
        );
        let tz = stockholm();
        let requests: Vec<RequestCharge> = self
            .store
            .charged_requests_between(member.id, from, to)
            .await?
            .into_iter()
            .map(|r| RequestCharge {
                ticket: r.number,
                item: r.item_name,
                administration: r.administration_name.unwrap_or_default(),
                fulfilled_on: tz.to_datetime(from_micros(r.fulfilled_at)).date(),
                price_ore: r.price_ore,
            })
            .collect();
        let rate = self
            .store
            .list_hourly_rates()
            .await?
            .into_iter()
            .filter(|(y, _)| *y <= i64::from(first.year()))
            .max_by_key(|(y, _)| *y)
            .map(|(_, r)| r)
            .unwrap_or(0);
        let mut work = Vec::new();
        for w in self
            .store
            .chargeable_work_between(member.id, &first.to_string(), &last.to_string())
            .await?
        {
            work.push(WorkCharge {
                ticket: w.number,
                administration: w.administration_name.unwrap_or_default(),
                worked_on: stored_date(&w.worked_on)?,
                minutes: w.minutes,
                rate_ore_per_hour: rate,
                note: w.note,
            });
        }
        let report = self
            .sla_report(
                scope,
                Some(member_code),
                &first.to_string(),
                &next.to_string(),
            )
            .await;
        let credits: Vec<Credit> = match report {
            Ok(r) => r
                .penalties
                .into_iter()
                .map(|p| Credit {
                    reference: if p.entry == DEFAULT_ENTRY {
                        p.month.clone()
                    } else {
                        format!("{} {}", p.month, p.entry)
                    },
                    description: p.agreement,
                    amount_ore: p.penalty.amount_ore,
                })
                .collect(),
            Err(AppError::Forbidden(_)) => vec![],
            Err(e) => return Err(e),
        };
        let mut basis = invoice_basis(
            &member.code,
            first,
            &lines,
            &prices,
            &requests,
            &work,
            &credits,
        );
        if rate == 0 && !work.is_empty() {
            basis.warnings.push(samdrift_domain::msg!(
                "charging.warning.no_rate",
                year = first.year()
            ));
        }
        Ok(basis)
    }

    /// Next year's budget proposal for a member: the subscriptions in force
    /// at the end of this year and the orders already made for next year,
    /// plus orders still awaiting confirmation, at next year's prices.
    pub async fn budget(
        &self,
        scope: &Scope,
        member_code: &str,
        year: Option<i16>,
    ) -> Result<Budget, AppError> {
        let member = self.member_for_accounts(scope, member_code).await?;
        let year = year.unwrap_or_else(|| today(self).year() + 1);
        if !(2000..=2100).contains(&year) {
            return Err(AppError::invalid(
                "year",
                samdrift_domain::msg!("field.year"),
            ));
        }
        let first = Date::new(year, 1, 1)
            .map_err(|_| AppError::invalid("year", samdrift_domain::msg!("field.bad_year")))?;
        let last = Date::new(year, 12, 31)
            .map_err(|_| AppError::invalid("year", samdrift_domain::msg!("field.bad_year")))?;
        let mut lines = self.lines_between(member.id, first, last).await?;
        let warnings = self
            .apply_pending_orders(member.id, first, last, &mut lines)
            .await?;
        let mut budget = budget_proposal(&member.code, year, &lines, &self.price_list().await?);
        budget.warnings.extend(warnings);
        Ok(budget)
    }

    /// Orders awaiting confirmation are planned changes: each adds a line
    /// of its change from its day (a reduction as a negative line is not
    /// charged, so reductions are applied to the matching lines). Returns
    /// a warning per order counted.
    async fn apply_pending_orders(
        &self,
        member_id: Uuid,
        first: Date,
        last: Date,
        lines: &mut Vec<SubscriptionLine>,
    ) -> Result<Vec<samdrift_domain::messages::Message>, AppError> {
        let offerings: BTreeMap<Uuid, samdrift_store::catalog::offerings::OfferingRecord> = self
            .store
            .list_offerings()
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let services: BTreeMap<Uuid, String> = self
            .store
            .list_services()
            .await?
            .into_iter()
            .map(|s| (s.id, s.code))
            .collect();
        let pending = self
            .store
            .list_orders(
                Some(&[member_id]),
                Some(OrderStatus::AwaitingConfirmation.as_str()),
            )
            .await?;
        let mut warnings = Vec::new();
        for o in pending {
            let Some(offering) = offerings.get(&o.offering_id) else {
                continue;
            };
            let on = stored_date(&o.effective_on)?.max(first);
            if on > last {
                continue;
            }
            let administration = self
                .store
                .get_administration(
                    &samdrift_domain::scope::MemberFilter::Only(vec![
                        samdrift_domain::ids::MemberId(member_id),
                    ]),
                    samdrift_domain::ids::AdministrationId(o.administration_id),
                )
                .await?
                .map(|a| a.name)
                .unwrap_or_default();
            if o.quantity_change > 0 {
                lines.push(SubscriptionLine {
                    subscription: o.id,
                    offering_code: offering.code.clone(),
                    offering_name: offering.name.clone(),
                    service_code: services
                        .get(&offering.service_id)
                        .cloned()
                        .unwrap_or_default(),
                    unit: offering.unit.parse::<Unit>().unwrap_or(Unit::Month),
                    administration,
                    quantity: o.quantity_change,
                    starts_on: on,
                    ends_on: None,
                });
            } else {
                let mut left = -o.quantity_change;
                for l in lines.iter_mut().filter(|l| {
                    l.offering_code == offering.code
                        && l.administration == administration
                        && l.ends_on.is_none_or(|e| e >= on)
                }) {
                    if left == 0 {
                        break;
                    }
                    let cut = left.min(l.quantity);
                    left -= cut;
                    l.quantity -= cut;
                }
            }
            warnings.push(samdrift_domain::msg!(
                "charging.warning.pending",
                change = samdrift_domain::messages::Arg::Change(o.quantity_change),
                code = &offering.code,
                from = &o.effective_on
            ));
        }
        Ok(warnings)
    }

    /// Logs time worked on a ticket (staff).
    pub async fn log_work(
        &self,
        scope: &Scope,
        ticket: TicketId,
        input: WorkInput,
    ) -> Result<WorkRecord, AppError> {
        if !scope.may_work_tickets() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.time_log"
            )));
        }
        let t = self.ticket(scope, ticket).await?;
        let mut errors = FieldErrors::default();
        if !(1..=24 * 60).contains(&input.minutes) {
            errors.push("minutes", samdrift_domain::msg!("work.minutes"));
        }
        let worked_on = match input.worked_on.as_deref().map(str::trim) {
            None | Some("") => Some(today(self)),
            Some(d) => d
                .parse::<Date>()
                .map_err(|_| errors.push("worked_on", samdrift_domain::msg!("field.date")))
                .ok(),
        };
        if let Some(d) = worked_on
            && d > today(self)
        {
            errors.push("worked_on", samdrift_domain::msg!("work.ahead"));
        }
        if input.note.chars().count() > 2000 {
            errors.push(
                "note",
                samdrift_domain::msg!("field.at_most_chars", max = 2000),
            );
        }
        errors.into_result(()).map_err(AppError::Invalid)?;
        let record = WorkRecord {
            member_id: t.member_id.uuid(),
            id: new_id(self.clock.as_ref()),
            ticket_id: t.id.uuid(),
            worked_on: worked_on.unwrap_or_else(|| today(self)).to_string(),
            minutes: input.minutes,
            chargeable: input.chargeable,
            note: input.note.trim().to_owned(),
            logged_by_name: scope.username.clone(),
            logged_at: self.now_micros(),
        };
        self.store.insert_work(&record).await?;
        Ok(record)
    }

    /// Time logged on a ticket (staff, and the member's orderers and
    /// strategists who pay for it).
    pub async fn work_on_ticket(
        &self,
        scope: &Scope,
        ticket: TicketId,
    ) -> Result<Vec<WorkRecord>, AppError> {
        let t = self.ticket(scope, ticket).await?;
        if scope.ticket_visibility(t.member_id)
            != Some(samdrift_domain::scope::TicketVisibility::All)
        {
            return Ok(vec![]);
        }
        Ok(self.store.ticket_work(t.member_id, t.id).await?)
    }
}
