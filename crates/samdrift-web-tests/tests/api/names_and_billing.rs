//! Two small hardenings: a file name cannot hide its real extension behind
//! bidirectional controls (`faktura`, U+202E, `gpj.exe` shown as
//! `fakturaexe.jpg`),
//! and an end user's own incident is charged to their own administration,
//! not to one they name.

use super::harness::{Response, backends, federation, report};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

fn ok(r: &Response, status: StatusCode) -> Value {
    assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
    r.json()
}

#[tokio::test]
async fn bidirectional_controls_are_removed_from_attachment_names() {
    for t in backends().await {
        let f = federation(&t).await;
        let user = f.token("yst.end_user");
        let ticket = report(&t, user, None, "Fakturan").await;
        let path = format!(
            "/api/v1/tickets/{}/attachments",
            ticket["id"].as_str().unwrap()
        );
        // faktura U+202E gpj.exe, and an isolate and a mark around it.
        let name = "%E2%81%A6faktura%E2%80%AEgpj.exe%E2%80%8F";
        let meta = ok(
            &t.request(
                Method::POST,
                &format!("{path}?filename={name}"),
                Some(user),
                Body::from("hej"),
                &[("content-type", "text/plain")],
            )
            .await,
            StatusCode::CREATED,
        );
        assert_eq!(meta["filename"], "fakturagpj.exe", "[{}]", t.backend);
        let listed = ok(&t.get(&path, user).await, StatusCode::OK);
        assert_eq!(listed[0]["filename"], "fakturagpj.exe");
        let file = t
            .get(&format!("{path}/{}", meta["id"].as_str().unwrap()), user)
            .await;
        assert_eq!(
            file.headers.get("content-disposition").unwrap(),
            "attachment; filename=\"fakturagpj.exe\""
        );
        let page = t
            .get(
                &format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap()),
                user,
            )
            .await;
        let text = String::from_utf8_lossy(&page.body);
        for c in ['\u{202E}', '\u{2066}', '\u{200F}'] {
            assert!(!text.contains(c), "U+{:04X} shown", c as u32);
        }
    }
}

#[tokio::test]
async fn an_end_users_own_incident_is_billed_to_their_own_administration() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let yst_id = f.members["YST"]["id"].as_str().unwrap().to_owned();
        let own = f.people["YST"]["administration_id"].clone();
        let other = ok(
            &t.post(
                &format!("/api/v1/members/{yst_id}/administrations"),
                admin,
                json!({"name": "Kultur och fritid"}),
            )
            .await,
            StatusCode::CREATED,
        );
        let incident = |administration: Option<&Value>| {
            let mut body =
                json!({"type": "incident", "title": "Skrivaren", "impact": 2, "urgency": 2});
            if let Some(a) = administration {
                body["administration_id"] = a.clone();
            }
            body
        };
        let user = f.token("yst.end_user");
        for who in ["yst.end_user", "yst.orderer", "yst.strategist"] {
            let r = t
                .post(
                    "/api/v1/tickets",
                    f.token(who),
                    incident(Some(&other["id"])),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{who} [{}]",
                t.backend
            );
            assert!(r.is_problem());
            assert_eq!(r.json()["errors"][0]["field"], "administration_id");
            assert_eq!(r.json()["errors"][0]["code"], "ticket.own_administration");
        }
        let named_own = ok(
            &t.post("/api/v1/tickets", user, incident(Some(&own))).await,
            StatusCode::CREATED,
        );
        assert_eq!(named_own["administration_id"], own);
        let plain = ok(
            &t.post("/api/v1/tickets", user, incident(None)).await,
            StatusCode::CREATED,
        );
        assert_eq!(plain["administration_id"], own);
        // Staff reporting for someone name the administration that pays.
        let mut for_user = incident(Some(&other["id"]));
        for_user["member"] = json!("YST");
        for_user["requester_id"] = f.people["YST"]["id"].clone();
        let by_agent = ok(
            &t.post("/api/v1/tickets", f.token("agent"), for_user).await,
            StatusCode::CREATED,
        );
        assert_eq!(by_agent["administration_id"], other["id"]);

        // Chargeable work on the user's incident lands on their administration.
        let id = plain["id"].as_str().unwrap();
        ok(
            &t.post(
                &format!("/api/v1/tickets/{id}/work"),
                f.token("technician"),
                json!({"minutes": 60, "chargeable": true, "note": "Bytte toner"}),
            )
            .await,
            StatusCode::CREATED,
        );
        let r = t
            .request(
                Method::PUT,
                "/api/v1/catalog/hourly-rates/2027",
                Some(admin),
                Body::from(json!({"rate_ore": 95_000}).to_string()),
                &[("content-type", "application/json")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let invoice = ok(
            &t.get(
                "/api/v1/members/YST/invoices/2027-03",
                f.token("yst.orderer"),
            )
            .await,
            StatusCode::OK,
        );
        let work: Vec<&Value> = invoice["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["kind"] == "work")
            .collect();
        assert_eq!(work.len(), 1, "{invoice:#}");
        assert_eq!(work[0]["administration"], "Kommunledning");
    }
}
