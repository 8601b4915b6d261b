//! A list as a union of index-ordered arms, so every list shape reads only
//! its page however many tickets match.
//!
//! A list is one or more statuses, within a scope, with at most one of
//! member, group, assignee (or none), requester and service, sorted by
//! creation, last change or time left. No single index gives such a list in
//! order: a set of statuses (or a member user's several members) is several
//! ranges of an index. So the list is split into arms, one per status and
//! per part of the scope, each an equality on a prefix of an index of
//! migration 0010 (equalities, status, sort key, id) that reads at most a
//! page in order; the database merges the arms' pages and keeps one page,
//! and only that page's rows are read whole and joined to their clocks.
//! A search or a clock filter is not a list shape: [`super::list`] answers
//! those from a bounded candidate set.

use super::list::{TicketFilter, TicketSort, push_keyset_page, push_row_filters};
use crate::scope_sql::{ReachPart, ticket_reach};
use samdrift_domain::scope::Scope;
use samdrift_domain::ticket::Status;
use sqlx::QueryBuilder;
use uuid::Uuid;

/// More arms than this (a member user in many members asking for every
/// status) is answered by the plain query instead.
const MAX_ARMS: usize = 64;

/// One index-ordered range: a status, and the member and requester that
/// the scope or the filter fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Arm {
    pub status: Status,
    pub member: Option<Uuid>,
    pub requester: Option<Uuid>,
}

/// The arms of a list, or `None` when the filter is not a list shape (a
/// search, a clock filter, or too many arms).
pub(crate) fn list_arms(scope: &Scope, f: &TicketFilter) -> Option<Vec<Arm>> {
    let searching = f.text.as_deref().is_some_and(|t| !t.trim().is_empty());
    if searching || !f.sla_states.is_empty() || f.at_risk_at.is_some() {
        return None;
    }
    let parts = match ticket_reach(scope) {
        None => vec![(f.member, f.requester)],
        Some(parts) => parts
            .iter()
            .filter_map(|part| narrow(part, f.member, f.requester))
            .collect(),
    };
    let statuses: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| !f.open_only || s.is_open())
        .filter(|s| f.statuses.is_empty() || f.statuses.iter().any(|x| x == s.as_str()))
        .collect();
    let mut arms = Vec::with_capacity(parts.len() * statuses.len());
    for (member, requester) in parts {
        for &status in &statuses {
            arms.push(Arm {
                status,
                member,
                requester,
            });
        }
    }
    (arms.len() <= MAX_ARMS).then_some(arms)
}

/// A part of the scope narrowed by the filter's member and requester, or
/// nothing when they exclude it.
fn narrow(
    part: &ReachPart,
    member: Option<Uuid>,
    requester: Option<Uuid>,
) -> Option<(Option<Uuid>, Option<Uuid>)> {
    if member.is_some_and(|m| m != part.member) {
        return None;
    }
    let requester = match (part.requester, requester) {
        (Some(own), Some(asked)) if own != asked => return None,
        (Some(own), _) => Some(own),
        (None, asked) => asked,
    };
    Some((Some(part.member), requester))
}

/// Appends the page's ids as a subquery `(... ) p` with columns `k` (the
/// sort key) and `id`: the arms, merged, one page kept.
pub(crate) fn push_page_ids<DB>(qb: &mut QueryBuilder<DB>, arms: &[Arm], f: &TicketFilter)
where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let dir = if f.sort.descending() { "DESC" } else { "ASC" };
    qb.push("(");
    for (n, arm) in arms.iter().enumerate() {
        if n > 0 {
            qb.push(" UNION ALL ");
        }
        qb.push("SELECT * FROM (");
        push_arm(qb, arm, f, f.limit);
        qb.push(format!(") a{n}"));
    }
    qb.push(format!(" ORDER BY k {dir}, id {dir} LIMIT {}) p", f.limit));
}

/// Appends how many tickets the arms hold, each counted up to `bound + 1`
/// (so the sum says whether there are more than `bound`).
pub(crate) fn push_bounded_count<DB>(
    qb: &mut QueryBuilder<DB>,
    arms: &[Arm],
    f: &TicketFilter,
    bound: i64,
) where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    qb.push("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM (");
    for (n, arm) in arms.iter().enumerate() {
        if n > 0 {
            qb.push(" UNION ALL ");
        }
        qb.push("SELECT COUNT(*) AS n FROM (SELECT 1 AS one");
        push_arm_rows(qb, arm, f);
        qb.push(format!(" LIMIT {}", bound + 1));
        qb.push(format!(") c{n}"));
    }
    qb.push(") counted");
}

/// The index column an arm is ordered by. A ticket that is not open has no
/// time left: its `queue_due_at` is the largest integer (migration 0010),
/// so in the due order it comes after every open one with a clock.
fn arm_order(sort: TicketSort) -> &'static str {
    match sort {
        TicketSort::CreatedDesc | TicketSort::CreatedAsc => "t.created_at",
        TicketSort::UpdatedDesc | TicketSort::UpdatedAsc => "t.updated_at",
        TicketSort::DueAsc => "t.queue_due_at",
    }
}

/// One arm: its page of (sort key, id) in order, from one index.
fn push_arm<DB>(qb: &mut QueryBuilder<DB>, arm: &Arm, f: &TicketFilter, limit: i64)
where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let column = arm_order(f.sort);
    qb.push(format!("SELECT {column} AS k, t.id AS id"));
    push_arm_rows(qb, arm, f);
    push_keyset_page(qb, column, f, limit);
}

/// `FROM tickets t WHERE` the arm's equalities and the filter's other
/// conditions on the ticket row.
fn push_arm_rows<DB>(qb: &mut QueryBuilder<DB>, arm: &Arm, f: &TicketFilter)
where
    DB: sqlx::Database,
    for<'a> Uuid: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    for<'a> i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    // The status is the domain's own word, never the caller's text.
    qb.push(format!(
        " FROM tickets t WHERE t.status = '{}'",
        arm.status.as_str()
    ));
    if let Some(m) = arm.member {
        qb.push(" AND t.member_id = ").push_bind(m);
    }
    if let Some(r) = arm.requester {
        qb.push(" AND t.requester_id = ").push_bind(r);
    }
    push_row_filters(qb, f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use samdrift_domain::ids::{AccountId, MemberId, PersonId};
    use samdrift_domain::role::{MemberRole, StaffRole};

    fn scope(staff: bool, roles: Vec<(MemberId, MemberRole)>, person: Option<Uuid>) -> Scope {
        Scope {
            account: AccountId(Uuid::from_u128(1)),
            username: "u".into(),
            person: person.map(PersonId),
            staff: staff.then_some(StaffRole::Agent),
            member_roles: roles,
        }
    }

    #[test]
    fn open_tickets_for_staff_are_one_arm_per_open_status() {
        let f = TicketFilter {
            open_only: true,
            ..TicketFilter::default()
        };
        let arms = list_arms(&scope(true, vec![], None), &f).expect("a list shape");
        assert_eq!(arms.len(), 5);
        assert!(
            arms.iter()
                .all(|a| a.status.is_open() && a.member.is_none())
        );
    }

    #[test]
    fn an_end_user_sees_only_their_own_requests_even_when_asking_for_another() {
        let m = MemberId(Uuid::from_u128(7));
        let me = Uuid::from_u128(8);
        let s = scope(false, vec![(m, MemberRole::EndUser)], Some(me));
        let arms = list_arms(&s, &TicketFilter::default()).expect("a list shape");
        assert_eq!(arms.len(), 8);
        assert!(
            arms.iter()
                .all(|a| a.member == Some(m.0) && a.requester == Some(me))
        );
        let other = TicketFilter {
            requester: Some(Uuid::from_u128(9)),
            ..TicketFilter::default()
        };
        assert_eq!(list_arms(&s, &other), Some(vec![]));
    }

    #[test]
    fn a_member_outside_the_scope_gives_no_arms_and_a_search_is_no_list_shape() {
        let m = MemberId(Uuid::from_u128(7));
        let s = scope(false, vec![(m, MemberRole::Orderer)], None);
        let elsewhere = TicketFilter {
            member: Some(Uuid::from_u128(99)),
            ..TicketFilter::default()
        };
        assert_eq!(list_arms(&s, &elsewhere), Some(vec![]));
        let search = TicketFilter {
            text: Some("skrivare".into()),
            ..TicketFilter::default()
        };
        assert_eq!(list_arms(&s, &search), None);
    }
}
