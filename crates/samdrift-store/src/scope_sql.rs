//! SQL fragments that restrict a query to what a scope may see. Every
//! scoped query in the store is built with these, so the tenancy rule is
//! written once.

use samdrift_domain::scope::{MemberFilter, Scope, TicketVisibility};
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

/// Appends `column IN (...)` (or TRUE / FALSE) for a member filter.
pub(crate) fn push_member_filter<DB>(qb: &mut QueryBuilder<DB>, column: &str, filter: &MemberFilter)
where
    DB: Database,
    for<'a> Uuid: Encode<'a, DB> + Type<DB>,
{
    match filter {
        MemberFilter::All => {
            qb.push(" (1 = 1) ");
        }
        MemberFilter::Only(ids) if ids.is_empty() => {
            qb.push(" (1 = 0) ");
        }
        MemberFilter::Only(ids) => {
            qb.push(" ").push(column).push(" IN (");
            let mut list = qb.separated(", ");
            for id in ids {
                list.push_bind(id.0);
            }
            qb.push(") ");
        }
    }
}

/// Appends the condition for tickets (alias `t`) the scope may read: every
/// ticket of members it sees fully, and its own requests where it is an end
/// user only.
pub(crate) fn push_ticket_scope<DB>(qb: &mut QueryBuilder<DB>, scope: &Scope)
where
    DB: Database,
    for<'a> Uuid: Encode<'a, DB> + Type<DB>,
{
    if scope.is_staff() {
        qb.push(" (1 = 1) ");
        return;
    }
    let mut full = Vec::new();
    let mut own = Vec::new();
    for (member, _) in &scope.member_roles {
        match scope.ticket_visibility(*member) {
            Some(TicketVisibility::All) if !full.contains(member) => full.push(*member),
            Some(TicketVisibility::OwnOnly) if !own.contains(member) => own.push(*member),
            _ => {}
        }
    }
    qb.push(" (");
    push_member_filter(qb, "t.member_id", &MemberFilter::Only(full));
    match scope.person {
        Some(person) if !own.is_empty() => {
            qb.push(" OR (");
            push_member_filter(qb, "t.member_id", &MemberFilter::Only(own));
            qb.push(" AND t.requester_id = ")
                .push_bind(person.0)
                .push(")");
        }
        _ => {}
    }
    qb.push(") ");
}
