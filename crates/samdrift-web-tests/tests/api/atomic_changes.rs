//! A change and the clocks it leads to are one write: when the clocks
//! cannot be stored, the change is not stored either (the caller gets a
//! fault and can try again), and once stored, both are there together. A
//! fault is made by a trigger that refuses every write of a clock.

use crate::harness::{TestApp, backends, federation};
use crate::service_levels::{agreement, calendar};
use axum::http::StatusCode;
use samdrift_app::Store;
use serde_json::json;

/// Makes every write of a clock fail, or (`false`) lets them through again.
async fn refuse_clock_writes(t: &TestApp, refuse: bool) {
    let statements: &[&str] = match (&t.store, refuse) {
        (Store::Sqlite(_), true) => &[
            "CREATE TRIGGER refuse_clock_insert BEFORE INSERT ON ticket_clocks \
             BEGIN SELECT RAISE(ABORT, 'clock writes refused'); END",
            "CREATE TRIGGER refuse_clock_update BEFORE UPDATE ON ticket_clocks \
             BEGIN SELECT RAISE(ABORT, 'clock writes refused'); END",
        ],
        (Store::Sqlite(_), false) => &[
            "DROP TRIGGER refuse_clock_insert",
            "DROP TRIGGER refuse_clock_update",
        ],
        (Store::Postgres(_), true) => &[
            "CREATE FUNCTION refuse_clock_write() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'clock writes refused'; END $$",
            "CREATE TRIGGER refuse_clock_write BEFORE INSERT OR UPDATE ON ticket_clocks \
             FOR EACH ROW EXECUTE FUNCTION refuse_clock_write()",
        ],
        (Store::Postgres(_), false) => &[
            "DROP TRIGGER refuse_clock_write ON ticket_clocks",
            "DROP FUNCTION refuse_clock_write()",
        ],
    };
    for sql in statements {
        match &t.store {
            Store::Sqlite(p) => sqlx::query(*sql).execute(p).await.map(|_| ()),
            Store::Postgres(p) => sqlx::query(*sql).execute(p).await.map(|_| ()),
        }
        .unwrap();
    }
}

/// The stored resolution clock of a ticket: its state and when it was computed.
async fn stored_resolution_clock(t: &TestApp, ticket: &str) -> (String, i64) {
    let id: uuid::Uuid = ticket.parse().unwrap();
    let sql =
        "SELECT state, computed_at FROM ticket_clocks WHERE ticket_id = $1 AND kind = 'resolution'";
    match &t.store {
        Store::Sqlite(p) => sqlx::query_as(sql).bind(id).fetch_one(p).await,
        Store::Postgres(p) => sqlx::query_as(sql).bind(id).fetch_one(p).await,
    }
    .unwrap()
}

#[tokio::test]
async fn a_status_change_is_stored_with_its_clocks_or_not_at_all() {
    for t in backends().await {
        let f = federation(&t).await;
        let cal = calendar(&t, &f).await;
        agreement(&t, &f, &cal).await;
        let ticket = crate::harness::report(&t, f.token("sim.end_user"), None, "Klockan").await;
        let id = ticket["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/tickets/{id}");
        let before = stored_resolution_clock(&t, &id).await;
        assert_eq!(before.0, "running", "[{}]", t.backend);

        // The clocks cannot be stored: neither is the status.
        t.advance(1800);
        refuse_clock_writes(&t, true).await;
        let refused = t
            .patch(
                &path,
                f.token("agent"),
                1,
                json!({"status": "waiting_for_customer"}),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "[{}] {}",
            t.backend,
            String::from_utf8_lossy(&refused.body)
        );
        let unchanged = t.get(&path, f.token("agent")).await.json();
        assert_eq!(
            (unchanged["status"].as_str(), unchanged["version"].as_i64()),
            (Some("new"), Some(1)),
            "[{}] the ticket is as it was",
            t.backend
        );
        let history = t
            .get(&format!("{path}/history"), f.token("agent"))
            .await
            .json();
        assert!(
            !history.to_string().contains("waiting_for_customer"),
            "[{}] no history of the refused change: {history}",
            t.backend
        );
        assert_eq!(stored_resolution_clock(&t, &id).await, before);

        // The same change goes through once clocks can be stored, and the
        // paused clock is there with the status.
        refuse_clock_writes(&t, false).await;
        let done = t
            .patch(
                &path,
                f.token("agent"),
                1,
                json!({"status": "waiting_for_customer"}),
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "[{}]", t.backend);
        let changed = done.json();
        assert_eq!(changed["status"], "waiting_for_customer");
        let (state, computed_at) = stored_resolution_clock(&t, &id).await;
        assert_eq!(state, "paused", "[{}]", t.backend);
        let updated_at: jiff::Timestamp = changed["updated_at"].as_str().unwrap().parse().unwrap();
        assert_eq!(computed_at, updated_at.as_microsecond(), "[{}]", t.backend);
    }
}
