//! Every list shape, paged through by its cursor, gives exactly the
//! tickets that match, in order, and its count says how many: compared
//! with the same list worked out from the stored rows themselves, on the
//! demo federation, for staff and for a member's orderer.

use crate::harness::backends;
use samdrift_app::Store;
use samdrift_app::tickets::TicketQuery;
use samdrift_domain::ids::{AccountId, MemberId};
use samdrift_domain::role::{MemberRole, StaffRole};
use samdrift_domain::scope::Scope;
use samdrift_store::tickets::{TicketFilter, TicketSort};
use uuid::Uuid;

/// A ticket as the oracle sees it: the stored row and its resolution due.
#[derive(Debug, Clone)]
struct Stored {
    id: Uuid,
    member: Uuid,
    status: String,
    group: Option<Uuid>,
    assignee: Option<Uuid>,
    requester: Option<Uuid>,
    service: Option<Uuid>,
    created: i64,
    updated: i64,
    due: Option<i64>,
}

type Row = (
    Uuid,
    Uuid,
    String,
    Option<Uuid>,
    Option<Uuid>,
    Option<Uuid>,
    Option<Uuid>,
    i64,
    i64,
    Option<i64>,
);

async fn stored(store: &Store) -> Vec<Stored> {
    let sql = "SELECT t.id, t.member_id, t.status, t.group_id, t.assignee_id, t.requester_id, \
               t.service_id, t.created_at, t.updated_at, c.due_at FROM tickets t \
               LEFT JOIN ticket_clocks c ON c.member_id = t.member_id AND c.ticket_id = t.id \
               AND c.kind = 'resolution'";
    let rows: Vec<Row> = match store {
        Store::Sqlite(p) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
        Store::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
    };
    rows.into_iter()
        .map(|r| Stored {
            id: r.0,
            member: r.1,
            status: r.2,
            group: r.3,
            assignee: r.4,
            requester: r.5,
            service: r.6,
            created: r.7,
            updated: r.8,
            due: r.9,
        })
        .collect()
}

const OPEN: [&str; 5] = [
    "new",
    "assigned",
    "in_progress",
    "waiting_for_customer",
    "waiting_for_supplier",
];

/// The filter of a shape, and whether a stored ticket matches it.
fn shape(statuses: &str, filter: &str, pick: &Stored, sort: TicketSort) -> TicketFilter {
    let mut f = TicketFilter {
        sort,
        limit: 7,
        ..TicketFilter::default()
    };
    match statuses {
        "open" => f.open_only = true,
        "list" => f.statuses = vec!["resolved".into(), "closed".into(), "new".into()],
        _ => {}
    }
    match filter {
        "member" => f.member = Some(pick.member),
        "group" => f.group = pick.group,
        "assignee" => f.assignee = pick.assignee,
        "requester" => f.requester = pick.requester,
        "service" => f.service = pick.service,
        "unassigned" => f.unassigned = true,
        _ => {}
    }
    f
}

fn matches(f: &TicketFilter, t: &Stored, reach: Option<Uuid>) -> bool {
    let status_ok = (!f.open_only || OPEN.contains(&t.status.as_str()))
        && (f.statuses.is_empty() || f.statuses.contains(&t.status));
    status_ok
        && reach.is_none_or(|m| t.member == m)
        && f.member.is_none_or(|m| t.member == m)
        && f.group.is_none_or(|g| t.group == Some(g))
        && f.assignee.is_none_or(|a| t.assignee == Some(a))
        && f.requester.is_none_or(|r| t.requester == Some(r))
        && f.service.is_none_or(|s| t.service == Some(s))
        && (!f.unassigned || t.assignee.is_none())
}

/// The expected order: the sort key, then the id, descending for the
/// newest and latest first; a ticket that is not open has no time left.
fn expected(f: &TicketFilter, all: &[Stored], reach: Option<Uuid>) -> Vec<Uuid> {
    let key = |t: &Stored| match f.sort {
        TicketSort::CreatedDesc | TicketSort::CreatedAsc => t.created,
        TicketSort::UpdatedDesc | TicketSort::UpdatedAsc => t.updated,
        TicketSort::DueAsc if OPEN.contains(&t.status.as_str()) => t.due.unwrap_or(i64::MAX),
        TicketSort::DueAsc => i64::MAX,
    };
    let mut rows: Vec<&Stored> = all.iter().filter(|t| matches(f, t, reach)).collect();
    rows.sort_by_key(|t| (key(t), t.id));
    if matches!(f.sort, TicketSort::CreatedDesc | TicketSort::UpdatedDesc) {
        rows.reverse();
    }
    rows.into_iter().map(|t| t.id).collect()
}

fn scopes(member: Uuid) -> Vec<(&'static str, Scope, Option<Uuid>)> {
    let scope = |staff: Option<StaffRole>, roles: Vec<(MemberId, MemberRole)>| Scope {
        account: AccountId(Uuid::from_u128(1)),
        username: "reader".into(),
        person: None,
        staff,
        member_roles: roles,
    };
    vec![
        ("agent", scope(Some(StaffRole::Agent), vec![]), None),
        (
            "orderer",
            scope(None, vec![(MemberId(member), MemberRole::Orderer)]),
            Some(member),
        ),
    ]
}

#[tokio::test]
async fn every_list_shape_pages_through_exactly_its_tickets_in_order_with_its_count() {
    const SORTS: [TicketSort; 5] = [
        TicketSort::CreatedDesc,
        TicketSort::CreatedAsc,
        TicketSort::UpdatedDesc,
        TicketSort::UpdatedAsc,
        TicketSort::DueAsc,
    ];
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        // The demo's tickets wait for an assignee; give a third of them one.
        let assign = "UPDATE tickets SET assignee_id = (SELECT id FROM accounts WHERE username = 'agent') \
                      WHERE number LIKE '%1' OR number LIKE '%4' OR number LIKE '%7'";
        match &t.store {
            Store::Sqlite(p) => sqlx::query(assign).execute(p).await.map(|_| ()),
            Store::Postgres(p) => sqlx::query(assign).execute(p).await.map(|_| ()),
        }
        .unwrap();
        let all = stored(&t.store).await;
        // Values to filter on, each from a ticket that has one; the member
        // is the requester's, so an orderer's lists hold tickets too.
        let with =
            |has: fn(&Stored) -> bool| all.iter().find(|s| has(s)).cloned().expect("a demo ticket");
        let requested = with(|s| s.requester.is_some());
        let pick = Stored {
            group: with(|s| s.group.is_some()).group,
            assignee: with(|s| s.assignee.is_some()).assignee,
            service: with(|s| s.service.is_some()).service,
            ..requested
        };
        let mut checked = 0;
        for (who, scope, reach) in scopes(pick.member) {
            for statuses in ["open", "list", "none"] {
                for sort in SORTS {
                    for filter in [
                        "none",
                        "member",
                        "group",
                        "assignee",
                        "requester",
                        "service",
                        "unassigned",
                    ] {
                        let f = shape(statuses, filter, &pick, sort);
                        let want = expected(&f, &all, reach);
                        let mut got = Vec::new();
                        let mut after = None;
                        loop {
                            let query = TicketQuery {
                                member: None,
                                filter: TicketFilter { after, ..f.clone() },
                            };
                            let page = t.app.list_tickets(&scope, query).await.unwrap();
                            got.extend(page.tickets.iter().map(|r| r.ticket.id.uuid()));
                            match page.next {
                                Some(next) => after = Some(next),
                                None => break,
                            }
                            assert!(got.len() <= all.len(), "paging does not end");
                        }
                        let shape = format!(
                            "[{}] {who} status={statuses} sort={sort:?} {filter}",
                            t.backend
                        );
                        assert_eq!(got, want, "{shape}");
                        let query = TicketQuery {
                            member: None,
                            filter: f.clone(),
                        };
                        let count = t.app.count_tickets(&scope, query).await.unwrap();
                        assert_eq!(
                            (count.value, count.more),
                            (want.len() as i64, false),
                            "{shape}"
                        );
                        checked += usize::from(!want.is_empty());
                    }
                }
            }
        }
        // Most shapes hold tickets in the demo: the comparison is not empty.
        assert!(
            checked > 150,
            "[{}] only {checked} shapes held tickets",
            t.backend
        );
    }
}

#[tokio::test]
async fn a_count_beyond_its_bound_says_more_without_counting_on() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let agent = Scope {
            account: AccountId(Uuid::from_u128(1)),
            username: "reader".into(),
            person: None,
            staff: Some(StaffRole::Agent),
            member_roles: vec![],
        };
        let all = stored(&t.store).await.len() as i64;
        let every = TicketFilter::default();
        let n = t
            .store
            .count_matching_tickets(&agent, &every, all - 1)
            .await
            .unwrap();
        assert_eq!((n.value, n.more), (all - 1, true), "[{}]", t.backend);
        let n = t
            .store
            .count_matching_tickets(&agent, &every, all)
            .await
            .unwrap();
        assert_eq!((n.value, n.more), (all, false), "[{}]", t.backend);
    }
}
