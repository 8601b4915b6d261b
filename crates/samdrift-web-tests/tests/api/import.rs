//! Import with history: a valid batch creates tickets with their events at
//! the original times; one invalid line rejects the whole batch, naming the
//! line and field.

use crate::harness::{backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::json;

fn line(title: &str, requester: &str, status_to: &str) -> serde_json::Value {
    json!({"member": "YST", "type": "incident", "service": "EMAIL", "title": title, "requester": requester,
    "impact": 2, "urgency": 2, "events": [
        {"at": "2026-12-30T08:05:00+01:00", "type": "created"},
        {"at": "2026-12-30T08:20:00+01:00", "type": "comment", "public": true, "by_staff": true, "body": "Vi tittar på det"},
        {"at": "2026-12-30T09:00:00+01:00", "type": "status", "to": "waiting_for_customer", "by_staff": true},
        {"at": "2027-01-02T10:00:00+01:00", "type": "priority", "to": "P1"},
        {"at": "2027-01-02T11:00:00+01:00", "type": "status", "to": status_to, "by_staff": true}
    ]})
}

#[tokio::test]
async fn import_keeps_history_and_is_all_or_nothing() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let requester = "end_user@yst.example";
        let bad = [
            line("Bra", requester, "resolved"),
            line("Fel status", requester, "flying"),
            line("Okänd", "ingen@yst.example", "resolved"),
        ];
        let r = t.post("/api/v1/import/tickets", admin, json!(bad)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        let fields: Vec<String> = r.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            fields,
            vec!["line 2: events[4].to", "line 3: requester"],
            "[{}]",
            t.backend
        );
        let count = t.get("/api/v1/tickets", admin).await.json()["items"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(count, 0, "[{}] nothing written", t.backend);

        let ndjson = [
            line("Första", requester, "resolved"),
            line("Andra", requester, "in_progress"),
        ]
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
        let r = t
            .request(
                Method::POST,
                "/api/v1/import/tickets",
                Some(admin),
                Body::from(ndjson),
                &[("content-type", "application/x-ndjson")],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "[{}] {}",
            t.backend,
            String::from_utf8_lossy(&r.body)
        );
        let created = r.json();
        // Numbered in the year of creation (Europe/Stockholm), in order.
        assert_eq!(created[0]["number"], "YST-2026-000001");
        assert_eq!(created[1]["number"], "YST-2026-000002");
        let ticket = t
            .get(
                &format!("/api/v1/tickets/{}", created[0]["id"].as_str().unwrap()),
                admin,
            )
            .await
            .json();
        assert_eq!(ticket["created_at"], "2026-12-30T07:05:00Z");
        assert_eq!(ticket["status"], "resolved");
        assert_eq!(ticket["priority"], "P1");
        assert_eq!(ticket["resolved_at"], "2027-01-02T10:00:00Z");
        assert_eq!(
            ticket["group_id"], f.group["id"],
            "routed to the service's group"
        );
        let history = t
            .get(
                &format!(
                    "/api/v1/tickets/{}/history",
                    created[0]["id"].as_str().unwrap()
                ),
                admin,
            )
            .await
            .json();
        let times: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["at"].as_str().unwrap())
            .collect();
        assert_eq!(
            times,
            vec![
                "2026-12-30T07:05:00Z",
                "2026-12-30T07:20:00Z",
                "2026-12-30T08:00:00Z",
                "2027-01-02T09:00:00Z",
                "2027-01-02T10:00:00Z"
            ]
        );
        // Malformed JSON Lines name the line.
        let r = t
            .request(
                Method::POST,
                "/api/v1/import/tickets",
                Some(admin),
                Body::from("{}\nnot json"),
                &[("content-type", "application/x-ndjson")],
            )
            .await;
        let fields: Vec<String> = r.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(fields, vec!["line 1", "line 2"], "[{}]", t.backend);
    }
}
