//! The service catalog and what members do with it: the federation's
//! offerings and prices, catalog items with their forms, orders that change
//! a member's subscriptions, service requests with approvals and tasks, and
//! the monthly invoice basis and next year's budget.

pub mod charging;
pub mod items;
pub mod offerings;
pub mod orders;
pub mod requests;

use crate::{App, AppError};
use jiff::civil::Date;
use samdrift_domain::ids::MemberId;
use samdrift_domain::role::MemberRole;
use samdrift_domain::scope::Scope;
use samdrift_store::registers::members::MemberRecord;

/// Today in Europe/Stockholm by the application's clock.
pub fn today(app: &App) -> Date {
    samdrift_domain::time::stockholm()
        .to_datetime(app.clock.now())
        .date()
}

/// A stored ISO date; a row that does not hold one is a fault.
pub(crate) fn stored_date(text: &str) -> Result<Date, AppError> {
    text.parse::<Date>()
        .map_err(|_| AppError::Conflict(samdrift_domain::msg!("conflict.stored_date", text = text)))
}

/// Managers and admins keep the catalog.
pub(crate) fn require_catalog_keeper(scope: &Scope) -> Result<(), AppError> {
    if scope.may_manage_registers() {
        Ok(())
    } else {
        Err(AppError::Forbidden(samdrift_domain::msg!(
            "forbidden.catalog_write"
        )))
    }
}

impl App {
    /// The member whose subscriptions, orders and invoices the scope may
    /// read: staff any member; orderers and strategists their own. Another
    /// member answers like an unknown code.
    pub(crate) async fn member_for_accounts(
        &self,
        scope: &Scope,
        code: &str,
    ) -> Result<MemberRecord, AppError> {
        let member = self.member_in_scope(scope, code).await?;
        let id = MemberId(member.id);
        if scope.is_staff()
            || scope.has_role_in(id, MemberRole::Orderer)
            || scope.has_role_in(id, MemberRole::Strategist)
        {
            Ok(member)
        } else {
            Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.accounts_pages"
            )))
        }
    }
}
