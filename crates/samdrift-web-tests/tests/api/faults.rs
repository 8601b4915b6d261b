//! A database fault on a page shows as a fault: HTTP 503 with the incident
//! id that is logged with it, never an empty list or a ticket page without
//! its lookups. The fault is made by renaming a table the pages read.

use crate::forms::{Browser, html};
use crate::harness::{TestApp, backends};
use axum::http::StatusCode;
use samdrift_app::Store;

async fn break_suppliers(t: &TestApp) {
    let sql = "ALTER TABLE suppliers RENAME TO suppliers_gone";
    match &t.store {
        Store::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        Store::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
    }
    .unwrap();
}

/// The incident id on an error page: the UUID after "händelse".
fn incident(page: &str) -> Option<uuid::Uuid> {
    let (_, rest) = page.split_once("händelse ")?;
    rest.get(..36)?.parse().ok()
}

#[tokio::test]
async fn a_store_fault_on_a_page_answers_503_with_an_incident_id() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let agent = t.app.create_token("agent").await.unwrap();
        let tickets = t.get("/api/v1/tickets?limit=1", &agent).await.json();
        let ticket = tickets["items"][0]["id"].as_str().unwrap().to_owned();
        let admin = Browser::sign_in(&t, "admin").await;
        // Before the fault both pages answer and list the demo's suppliers.
        let page = admin.page("/admin/suppliers").await;
        assert!(page.contains("<td>"), "[{}] suppliers listed", t.backend);
        admin.page(&format!("/tickets/{ticket}")).await;

        break_suppliers(&t).await;
        for path in ["/admin/suppliers".to_owned(), format!("/tickets/{ticket}")] {
            let r = admin.get(&path).await;
            let page = html(&r);
            assert_eq!(
                r.status,
                StatusCode::SERVICE_UNAVAILABLE,
                "[{}] {path}: {page}",
                t.backend
            );
            assert!(
                incident(&page).is_some(),
                "[{}] {path} names the incident: {page}",
                t.backend
            );
            assert!(
                !page.contains("suppliers_gone") && !page.contains("SELECT"),
                "[{}] {path} shows no SQL",
                t.backend
            );
        }
    }
}
