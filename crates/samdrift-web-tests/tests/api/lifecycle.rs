//! A ticket followed from new to closed through the API alone, and what a
//! requester may do with their own ticket.

use crate::harness::{backends, federation, report};
use axum::http::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_ticket_goes_from_new_to_closed_through_the_api() {
    for t in backends().await {
        let f = federation(&t).await;
        let user = f.token("yst.end_user");
        let ticket = report(&t, user, None, "Skrivaren skriver inte ut").await;
        assert_eq!(ticket["status"], "new");
        assert!(
            ticket["number"].as_str().unwrap().starts_with("YST-2027-"),
            "{}",
            ticket["number"]
        );
        assert_eq!(ticket["priority"], "P3", "impact 2 x urgency 2");
        assert_eq!(ticket["requester_id"], f.people["YST"]["id"]);
        let path = format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap());
        let agent = f.token("agent");
        let me = t.get("/api/v1/me", f.token("technician")).await.json();

        let r = t
            .patch(
                &path,
                agent,
                1,
                json!({"assignee_id": me["account_id"], "group_id": f.group["id"]}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(
            r.json()["status"],
            "assigned",
            "assigning a new ticket assigns it"
        );
        let r = t
            .patch(
                &path,
                f.token("technician"),
                2,
                json!({"status": "in_progress"}),
            )
            .await;
        assert_eq!(r.json()["status"], "in_progress");
        let r = t
            .patch(
                &path,
                f.token("technician"),
                3,
                json!({"priority": "P2", "priority_reason": "Hela enheten drabbad"}),
            )
            .await;
        assert_eq!(r.json()["priority"], "P2");
        assert_eq!(r.json()["priority_overridden"], true);
        let r = t
            .patch(
                &path,
                f.token("technician"),
                4,
                json!({"status": "waiting_for_customer"}),
            )
            .await;
        assert_eq!(r.json()["status"], "waiting_for_customer");
        // The requester's reply ends the wait.
        let r = t
            .post(
                &format!("{path}/comments"),
                user,
                json!({"body": "Den visar fel 49.4C02"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let now = t.get(&path, agent).await.json();
        assert_eq!(now["status"], "in_progress");
        let v = now["version"].as_i64().unwrap();
        let r = t
            .patch(
                &path,
                f.token("technician"),
                v,
                json!({"supplier_id": f.supplier["id"], "supplier_reference": "INC-778"}),
            )
            .await;
        assert_eq!(
            r.json()["status"],
            "waiting_for_supplier",
            "forwarding sets waiting_for_supplier"
        );
        let r = t
            .patch(
                &path,
                f.token("technician"),
                v + 1,
                json!({"status": "resolved", "resolution": "Bytt fixeringsenhet"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert!(r.json()["resolved_at"].is_string());
        let r = t
            .patch(&path, agent, v + 2, json!({"status": "closed"}))
            .await;
        assert_eq!(r.json()["status"], "closed");
        // Closed is final.
        let r = t
            .patch(&path, agent, v + 3, json!({"status": "in_progress"}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "{}",
            String::from_utf8_lossy(&r.body)
        );

        let history = t.get(&format!("{path}/history"), agent).await.json();
        let kinds: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        for k in [
            "created", "assignee", "group", "status", "priority", "comment", "supplier",
        ] {
            assert!(
                kinds.contains(&k),
                "[{}] history lacks {k}: {kinds:?}",
                t.backend
            );
        }
        let priority = history
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "priority")
            .unwrap();
        assert_eq!(priority["old_value"], "P3");
        assert!(
            priority["new_value"]
                .as_str()
                .unwrap()
                .contains("Hela enheten drabbad"),
            "the reason is recorded"
        );
        // The requester sees the resolution text but not internal routing.
        let seen = t.get(&format!("{path}/comments"), user).await.json();
        assert!(
            seen.as_array()
                .unwrap()
                .iter()
                .any(|c| c["body"] == "Bytt fixeringsenhet")
        );
        let theirs = t.get(&format!("{path}/history"), user).await.json();
        assert!(
            theirs
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["kind"] != "assignee"),
            "[{}]",
            t.backend
        );
        // Search finds it by a word of a public comment and by its number.
        let found = t.get("/api/v1/tickets?q=49.4C02", agent).await.json();
        assert_eq!(
            found["items"].as_array().unwrap().len(),
            1,
            "[{}] {found}",
            t.backend
        );
        let by_number = t
            .get(
                &format!("/api/v1/tickets?q={}", ticket["number"].as_str().unwrap()),
                agent,
            )
            .await
            .json();
        assert_eq!(by_number["items"][0]["id"], ticket["id"], "[{}]", t.backend);
    }
}

#[tokio::test]
async fn requesters_cancel_new_tickets_and_reopen_within_the_period() {
    for t in backends().await {
        let f = federation(&t).await;
        let user = f.token("sim.end_user");
        let a = report(&t, user, None, "Fel anmält").await;
        let r = t
            .patch(
                &format!("/api/v1/tickets/{}", a["id"].as_str().unwrap()),
                user,
                1,
                json!({"status": "cancelled"}),
            )
            .await;
        assert_eq!(r.json()["status"], "cancelled", "[{}]", t.backend);

        let b = report(&t, user, None, "Kommer tillbaka").await;
        let path = format!("/api/v1/tickets/{}", b["id"].as_str().unwrap());
        let r = t
            .patch(&path, user, 1, json!({"title": "Ändrad av användaren"}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "requesters change only status"
        );
        t.patch(
            &path,
            f.token("agent"),
            1,
            json!({"status": "resolved", "resolution": "Löst"}),
        )
        .await;
        let r = t
            .patch(&path, user, 2, json!({"status": "cancelled"}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a resolved ticket cannot be cancelled"
        );
        t.advance(3 * 86_400);
        let r = t
            .patch(&path, user, 2, json!({"status": "in_progress"}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(
            r.json()["status"],
            "new",
            "reopened without an assignee goes back to new"
        );
        t.patch(
            &path,
            f.token("agent"),
            3,
            json!({"status": "resolved", "resolution": "Löst igen"}),
        )
        .await;
        t.advance(11 * 86_400);
        let r = t
            .patch(&path, user, 4, json!({"status": "in_progress"}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}] too late to reopen",
            t.backend
        );
        // And the sweep closes it.
        assert_eq!(t.app.close_expired_resolved().await.unwrap(), 1);
        assert_eq!(
            t.get(&path, user).await.json()["status"],
            "closed",
            "[{}]",
            t.backend
        );
        assert_eq!(
            t.app.close_expired_resolved().await.unwrap(),
            0,
            "closes once"
        );
    }
}

#[tokio::test]
async fn attachments_keep_their_checksum_and_download_within_scope() {
    for t in backends().await {
        let f = federation(&t).await;
        let user = f.token("yst.end_user");
        let ticket = report(&t, user, None, "Med bilaga").await;
        let path = format!(
            "/api/v1/tickets/{}/attachments",
            ticket["id"].as_str().unwrap()
        );
        let png = b"\x89PNG\r\n\x1a\n0000".to_vec();
        let r = t
            .request(
                axum::http::Method::POST,
                &format!("{path}?filename=sk%C3%A4rm.png"),
                Some(user),
                axum::body::Body::from(png.clone()),
                &[("content-type", "image/png")],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let meta = r.json();
        assert_eq!(meta["filename"], "skärm.png");
        // sha256 of the bytes above, computed independently (Python hashlib).
        assert_eq!(
            meta["sha256"],
            "7343d363d427f598455ae5f102d2f7e8c95efa14a6f454b8acc352c9458cac11"
        );
        let file = t
            .get(&format!("{path}/{}", meta["id"].as_str().unwrap()), user)
            .await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(file.body, png);
        assert_eq!(file.headers.get("content-type").unwrap(), "image/png");
        let other = t
            .get(
                &format!("{path}/{}", meta["id"].as_str().unwrap()),
                f.token("sim.orderer"),
            )
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "[{}]", t.backend);
    }
}

#[tokio::test]
async fn routing_rules_pick_the_group_before_the_services_owner() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let network = t
            .post("/api/v1/groups", admin, json!({"name": "Nätverk"}))
            .await
            .json();
        let services = t.get("/api/v1/services", admin).await.json();
        let email = services[0]["id"].clone();
        let r = t.post("/api/v1/routing-rules", admin, json!({"position": 1, "member": "SIM", "type": "incident", "group_id": network["id"]})).await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let body = |m: &str| json!({"member": m, "type": "incident", "service_id": email, "title": "Routas", "impact": 2, "urgency": 2});
        let sim = t
            .post("/api/v1/tickets", f.token("agent"), body("SIM"))
            .await
            .json();
        let yst = t
            .post("/api/v1/tickets", f.token("agent"), body("YST"))
            .await
            .json();
        assert_eq!(
            sim["group_id"], network["id"],
            "[{}] the rule matches SIM",
            t.backend
        );
        assert_eq!(
            yst["group_id"], f.group["id"],
            "[{}] YST falls back to the service's owner",
            t.backend
        );
        let bad = t.post("/api/v1/routing-rules", admin, json!({"position": 2, "member": "NOPE", "type": "fault", "group_id": network["id"]})).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            t.get("/api/v1/routing-rules", f.token("sim.orderer"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn search_finds_a_requesters_own_older_match_behind_many_newer_ones() {
    for t in backends().await {
        let f = federation(&t).await;
        let user = f.token("sim.end_user");
        let own = report(&t, user, None, "Skrivaren i receptionen").await;
        // More newer matches in another member than a search considers.
        let agent = f.token("agent");
        for n in 0..=samdrift_store::tickets::SEARCH_MATCHES {
            let r = t
                .post(
                    "/api/v1/tickets",
                    agent,
                    json!({"member": "YST", "type": "incident", "title": format!("Skrivaren {n}"), "impact": 2, "urgency": 2}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED);
        }
        let found = t.get("/api/v1/tickets?q=skrivaren", user).await.json();
        let ids: Vec<&Value> = found["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| &i["id"])
            .collect();
        assert_eq!(ids, vec![&own["id"]], "[{}] {found}", t.backend);
        // Staff filtering by member find it too.
        let sim = t
            .get("/api/v1/tickets?q=skrivaren&member=SIM", agent)
            .await
            .json();
        assert_eq!(sim["items"][0]["id"], own["id"], "[{}]", t.backend);
    }
}
