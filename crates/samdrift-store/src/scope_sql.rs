//! SQL fragments that restrict a query to what a scope may see. Every
//! scoped query in the store is built with these, so the tenancy rule is
//! written once.

use samdrift_domain::ids::MemberId;
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

/// The tickets a scope may read, in parts that each match an index prefix:
/// every ticket of a member it sees fully, or one requester's tickets of a
/// member where it is an end user only. `None` is every ticket (staff).
pub(crate) fn ticket_reach(scope: &Scope) -> Option<Vec<ReachPart>> {
    if scope.is_staff() {
        return None;
    }
    let mut parts: Vec<ReachPart> = Vec::new();
    for (member, _) in &scope.member_roles {
        let requester = match scope.ticket_visibility(*member) {
            Some(TicketVisibility::All) => None,
            Some(TicketVisibility::OwnOnly) => match scope.person {
                Some(person) => Some(person.0),
                None => continue,
            },
            None => continue,
        };
        if !parts.iter().any(|p| p.member == member.0) {
            parts.push(ReachPart {
                member: member.0,
                requester,
            });
        }
    }
    Some(parts)
}

/// One part of a scope's tickets: a member's, or one requester's of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReachPart {
    pub member: Uuid,
    pub requester: Option<Uuid>,
}

/// Appends the condition for tickets (alias `t`) the scope may read: every
/// ticket of members it sees fully, and its own requests where it is an end
/// user only.
pub(crate) fn push_ticket_scope<DB>(qb: &mut QueryBuilder<DB>, scope: &Scope)
where
    DB: Database,
    for<'a> Uuid: Encode<'a, DB> + Type<DB>,
{
    let Some(parts) = ticket_reach(scope) else {
        qb.push(" (1 = 1) ");
        return;
    };
    let full: Vec<_> = parts
        .iter()
        .filter(|p| p.requester.is_none())
        .map(|p| MemberId(p.member))
        .collect();
    qb.push(" (");
    push_member_filter(qb, "t.member_id", &MemberFilter::Only(full));
    for part in &parts {
        if let Some(requester) = part.requester {
            qb.push(" OR (t.member_id = ")
                .push_bind(part.member)
                .push(" AND t.requester_id = ")
                .push_bind(requester)
                .push(")");
        }
    }
    qb.push(") ");
}
