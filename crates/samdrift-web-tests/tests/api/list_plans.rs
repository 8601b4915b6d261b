//! Every list shape reads only its page: the database's own plan for each
//! combination of status set, sort and filter, for staff and for each
//! member role, on both databases. A full scan of the tickets, a sort of
//! the matching set or an index that does not hold the list's equalities
//! fails the test; the plan, not a timing, is the guard.

use crate::harness::backends;
use samdrift_app::Store;
use samdrift_domain::ids::{AccountId, MemberId, PersonId};
use samdrift_domain::role::{MemberRole, StaffRole};
use samdrift_domain::scope::Scope;
use samdrift_store::tickets::{TicketFilter, TicketSort};
use uuid::Uuid;

const SORTS: [(TicketSort, &str); 5] = [
    (TicketSort::CreatedDesc, "created"),
    (TicketSort::CreatedAsc, "created"),
    (TicketSort::UpdatedDesc, "updated"),
    (TicketSort::UpdatedAsc, "updated"),
    (TicketSort::DueAsc, "due"),
];

const FILTERS: [&str; 7] = [
    "none",
    "member",
    "group",
    "assignee",
    "requester",
    "service",
    "unassigned",
];

/// Who asks: the scope, and the index prefix its own reach adds.
struct Asker {
    name: &'static str,
    scope: Scope,
    member: Uuid,
}

fn askers(member: Uuid, person: Uuid) -> Vec<Asker> {
    let scope = |staff: Option<StaffRole>, role: Option<MemberRole>| Scope {
        account: AccountId(Uuid::from_u128(1)),
        username: "asker".into(),
        person: Some(PersonId(person)),
        staff,
        member_roles: role
            .map(|r| vec![(MemberId(member), r)])
            .unwrap_or_default(),
    };
    vec![
        Asker {
            name: "agent",
            scope: scope(Some(StaffRole::Agent), None),
            member,
        },
        Asker {
            name: "orderer",
            scope: scope(None, Some(MemberRole::Orderer)),
            member,
        },
        Asker {
            name: "strategist",
            scope: scope(None, Some(MemberRole::Strategist)),
            member,
        },
        Asker {
            name: "end user",
            scope: scope(None, Some(MemberRole::EndUser)),
            member,
        },
    ]
}

/// The filter of one shape, and the equalities (besides the status) its
/// index must start with.
fn shape(asker: &Asker, statuses: &str, sort: TicketSort, filter: &str) -> (TicketFilter, String) {
    let some = |n: u128| Some(Uuid::from_u128(n));
    let mut f = TicketFilter {
        sort,
        limit: 21,
        ..TicketFilter::default()
    };
    match statuses {
        "open" => f.open_only = true,
        "list" => f.statuses = vec!["resolved".into(), "closed".into()],
        _ => {}
    }
    let staff = asker.scope.is_staff();
    let own = asker.name == "end user";
    let dims = match filter {
        "member" => {
            f.member = Some(asker.member);
            "member"
        }
        "group" => {
            f.group = some(11);
            "group"
        }
        "assignee" => {
            f.assignee = some(12);
            "assignee"
        }
        "unassigned" => {
            f.unassigned = true;
            "assignee"
        }
        "requester" => {
            // An end user's requester filter is themselves.
            f.requester = Some(asker.scope.person.map_or(Uuid::nil(), |p| p.0));
            "requester"
        }
        "service" => {
            f.service = some(14);
            "service"
        }
        _ => "",
    };
    let expected = if own && !dims.is_empty() && dims != "member" && dims != "requester" {
        // An end user's own tickets with another filter: either index
        // holds its equalities but one (their requests are few).
        format!("requester|member_{dims}")
    } else if own || dims == "requester" {
        // A requester's tickets, few, are read by requester; the other
        // equalities are checked on them.
        "requester".to_owned()
    } else if staff || dims == "member" {
        dims.to_owned()
    } else if dims.is_empty() {
        "member".to_owned()
    } else {
        format!("member_{dims}")
    };
    (f, expected)
}

/// What is wrong with a plan, if anything.
fn fault(backend: &str, plan: &[String], index: &str, arms: usize) -> Option<String> {
    let mut used = Vec::new();
    for line in plan {
        let words: Vec<&str> = line.split_whitespace().collect();
        let at = words.iter().position(|w| *w == "INDEX" || *w == "using");
        if let Some(name) = at.and_then(|at| words.get(at + 1))
            && name.starts_with("tickets_list")
        {
            used.push((*name).to_owned());
        }
    }
    let allowed: Vec<String> = match index.split_once('|') {
        Some((a, b)) => vec![a.to_owned(), format!("tickets_list_{b}")],
        None => vec![index.to_owned()],
    };
    // PostgreSQL chooses among the indexes by the data's statistics; any
    // that gives the order will do there. SQLite's choice is checked exactly.
    let sort = index.rsplit('_').next().unwrap_or_default();
    let fits = |u: &String| match backend {
        "sqlite" => allowed.contains(u),
        _ => u.ends_with(&format!("_{sort}")),
    };
    // One index read per arm, and the page's rows looked up by id: never
    // the scope's tickets read through an index and matched to the page.
    let by_id = plan.iter().any(|l| {
        l.contains("tickets_id")
            || l.contains("tickets_pkey")
            || l.contains("(member_id=? AND id=?)")
    });
    if !by_id || used.len() != arms {
        return Some(format!(
            "{} index reads for {arms} arms, rows by id: {by_id}",
            used.len()
        ));
    }
    if used.is_empty() || !used.iter().all(fits) {
        return Some(format!("expected only {index}, the plan uses {used:?}"));
    }
    match backend {
        "sqlite" => sqlite_fault(plan),
        _ => postgres_fault(plan),
    }
}

/// PostgreSQL: no sequential, bitmap or whole-index read of the tickets
/// (an index scan without an index condition), and no sort node (a merge
/// of the arms' ordered pages shows its "Sort Key" without one).
fn postgres_fault(plan: &[String]) -> Option<String> {
    let steps: Vec<&str> = plan
        .iter()
        .map(|l| l.trim_start().trim_start_matches("->").trim_start())
        .collect();
    for (n, step) in steps.iter().enumerate() {
        let sort = step.starts_with("Sort  (") || step.starts_with("Incremental Sort  (");
        let scan = step.starts_with("Seq Scan on tickets")
            || step.starts_with("Bitmap Heap Scan on tickets");
        if sort || scan {
            return Some(format!("a full scan or a sort: {step}"));
        }
        let index_read = step.starts_with("Index") && step.contains(" on tickets ");
        let seeks = steps
            .get(n + 1)
            .is_some_and(|next| next.starts_with("Index Cond:"));
        if index_read && !seeks {
            return Some(format!("a whole index read: {step}"));
        }
    }
    None
}

/// SQLite: no scan of the tickets table (or a whole index of it), and no
/// sort next to a read of the tickets (a sort of arms' pages is fine).
fn sqlite_fault(plan: &[String]) -> Option<String> {
    let steps: Vec<(String, String, String)> = plan
        .iter()
        .map(|l| {
            let mut it = l.splitn(3, ' ');
            let id = it.next().unwrap_or_default().to_owned();
            let parent = it.next().unwrap_or_default().to_owned();
            (id, parent, it.next().unwrap_or_default().to_owned())
        })
        .collect();
    for (_, parent, detail) in &steps {
        if detail.starts_with("SCAN t ") || detail == "SCAN t" {
            return Some(format!("a full scan: {detail}"));
        }
        if detail.starts_with("USE TEMP B-TREE") {
            let reads_tickets = steps.iter().any(|(_, p, d)| {
                p == parent && (d.starts_with("SEARCH t ") || d.starts_with("SCAN t"))
            });
            if reads_tickets {
                return Some(format!("a sort of the matching tickets: {detail}"));
            }
        }
    }
    None
}

async fn check_all(store: &Store, backend: &str, member: Uuid, person: Uuid) -> Vec<String> {
    let mut faults = Vec::new();
    let mut shapes = 0;
    for asker in askers(member, person) {
        for statuses in ["open", "list", "none"] {
            for (sort, key) in SORTS {
                for filter in FILTERS {
                    let (f, dims) = shape(&asker, statuses, sort, filter);
                    let index = if dims.is_empty() {
                        format!("tickets_list_{key}")
                    } else {
                        format!("tickets_list_{dims}_{key}")
                    };
                    let index = index.replace('|', &format!("_{key}|"));
                    let plan = store.explain_list_tickets(&asker.scope, &f).await.unwrap();
                    shapes += 1;
                    let arms = match statuses {
                        "open" => 5,
                        "list" => 2,
                        _ => 8,
                    };
                    if let Some(why) = fault(backend, &plan, &index, arms) {
                        faults.push(format!(
                            "[{backend}] {} status={statuses} sort={sort:?} {filter}: {why}\n{}",
                            asker.name,
                            plan.join("\n")
                        ));
                    }
                }
            }
        }
    }
    assert_eq!(shapes, 4 * 3 * 5 * 7);
    faults
}

#[tokio::test]
async fn every_list_shape_reads_its_page_from_an_index_in_order() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        if t.backend == "postgres" {
            // The statistics autovacuum would gather on a live database.
            let pool = sqlx::PgPool::connect(&t.url).await.unwrap();
            sqlx::query("ANALYZE").execute(&pool).await.unwrap();
            pool.close().await;
        }
        let member = Uuid::from_u128(7);
        let person = Uuid::from_u128(8);
        let faults = check_all(&t.store, t.backend, member, person).await;
        let shapes: Vec<&str> = faults.iter().filter_map(|f| f.lines().next()).collect();
        assert!(
            faults.is_empty(),
            "{} of 420 shapes do not read from an index in order:\n{}\n\n{}",
            faults.len(),
            shapes.join("\n"),
            faults
                .iter()
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n\n")
        );
    }
}
