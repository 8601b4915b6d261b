//! Group commit of ticket creation, on a real SQLite file: concurrent
//! creations share transactions, every caller gets its own ticket with a
//! distinct number from the member's counter, and a ticket the database
//! refuses fails alone without taking the rest of its batch with it.

use samdrift_domain::ids::{GroupId, MemberId, TicketId};
use samdrift_domain::priority::Priority;
use samdrift_domain::ticket::{Status, TicketType};
use samdrift_store::registers::members::MemberRecord;
use samdrift_store::tickets::{CreationQueue, NewTicket, TicketRecord};
use samdrift_store::{Store, StoreError};
use std::collections::BTreeSet;
use uuid::Uuid;

fn new_ticket(member: Uuid, n: i64, group: Option<Uuid>) -> NewTicket {
    NewTicket {
        member_code: "YST".into(),
        year: 2027,
        ticket: TicketRecord {
            member_id: MemberId(member),
            id: TicketId(Uuid::now_v7()),
            number: String::new(),
            ticket_type: TicketType::Incident,
            administration_id: None,
            requester_id: None,
            service_id: None,
            title: format!("Skrivaren {n}"),
            description: String::new(),
            impact: 2,
            urgency: 2,
            priority: Priority::P3,
            priority_overridden: false,
            status: Status::New,
            group_id: group.map(GroupId),
            assignee_id: None,
            supplier_id: None,
            supplier_reference: None,
            created_at: n,
            updated_at: n,
            resolved_at: None,
            version: 1,
        },
        comments: vec![],
        attachments: vec![],
        events: vec![],
        request: None,
        clocks: vec![],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creations_get_distinct_numbers_and_a_refused_one_fails_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = Store::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let member = Uuid::now_v7();
    store
        .insert_member(&MemberRecord {
            id: member,
            code: "YST".into(),
            name: "Ystad".into(),
            organisation_number: "212000-1215".into(),
            ownership_share_bp: 10_000,
            created_at: 0,
            version: 1,
        })
        .await
        .expect("member");
    let queue = CreationQueue::new();
    let mut tasks = Vec::new();
    for n in 0..60 {
        // Ticket 30 names a competence group that does not exist.
        let group = (n == 30).then(Uuid::now_v7);
        let (queue, store) = (queue.clone(), store.clone());
        tasks.push(tokio::spawn(async move {
            queue.create(&store, new_ticket(member, n, group)).await
        }));
    }
    let mut numbers = BTreeSet::new();
    let mut refused = 0;
    for task in tasks {
        match task.await.expect("task") {
            Ok(t) => {
                assert_eq!(t.version, 1);
                numbers.insert(t.number);
            }
            Err(StoreError::MissingReference) => refused += 1,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
    assert_eq!(refused, 1, "only the ticket naming a missing group fails");
    let expected: BTreeSet<String> = (1..=59).map(|n| format!("YST-2027-{n:06}")).collect();
    assert_eq!(
        numbers, expected,
        "every other caller got its own number, with no gap left by the refused one"
    );
    let stored: i64 = match &store {
        Store::Sqlite(p) => sqlx::query_scalar("SELECT count(*) FROM tickets")
            .fetch_one(p)
            .await
            .expect("count"),
        Store::Postgres(_) => unreachable!("SQLite store"),
    };
    assert_eq!(stored, 59, "what was acknowledged is what is stored");
}
