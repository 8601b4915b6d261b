//! Notifications in the product: a ticket's requester hears of public
//! replies and of the ticket being resolved or waiting for them, never of
//! internal notes; the assignee hears of assignments and replies; a group
//! hears of tickets that come to it; nobody hears of their own action.
//! Each user reads and marks only their own, through the API and the page
//! (with the bell's count on every page).

use crate::harness::{PASSWORD, TestApp, backends, federation, report};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn mine(t: &TestApp, token: &str) -> Vec<Value> {
    t.get("/api/v1/notifications", token)
        .await
        .json()
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn unread(t: &TestApp, token: &str) -> i64 {
    t.get("/api/v1/notifications/unread", token).await.json()["count"]
        .as_i64()
        .unwrap()
}

async fn comment(t: &TestApp, token: &str, ticket: &str, public: bool) {
    let r = t
        .post(
            &format!("/api/v1/tickets/{ticket}/comments"),
            token,
            json!({"body": "Hej", "public": public}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}

#[tokio::test]
async fn those_a_ticket_concerns_hear_of_it_and_nobody_of_their_own_action() {
    for t in backends().await {
        let f = federation(&t).await;
        let (agent, tech, user) = (
            f.token("agent"),
            f.token("technician"),
            f.token("yst.end_user"),
        );
        let ticket = report(&t, user, None, "Skrivaren skriver inte").await;
        let id = ticket["id"].as_str().unwrap();
        let number = ticket["number"].as_str().unwrap();
        assert_eq!(
            unread(&t, user).await,
            0,
            "{}: not of my own report",
            t.backend
        );

        // Assigned to the technician by the agent: the technician hears.
        let me = t.get("/api/v1/me", tech).await.json();
        let path = format!("/api/v1/tickets/{id}");
        let r = t
            .patch(
                &path,
                agent,
                1,
                json!({"assignee_id": me["account_id"], "group_id": f.group["id"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let told = mine(&t, tech).await;
        assert_eq!(told.len(), 1, "{}: {told:?}", t.backend);
        assert_eq!(told[0]["kind"], "ticket_assigned");
        assert_eq!(told[0]["code"], "notification.ticket_assigned");
        assert!(told[0]["message"].as_str().unwrap().contains(number));
        assert_eq!(told[0]["ticket_id"], id);
        assert_eq!(unread(&t, agent).await, 0, "not of my own assignment");

        // An internal note reaches the assignee, not the requester; a
        // public reply reaches both.
        comment(&t, agent, id, false).await;
        assert_eq!(
            unread(&t, user).await,
            0,
            "{}: never an internal note",
            t.backend
        );
        assert_eq!(unread(&t, tech).await, 2);
        comment(&t, agent, id, true).await;
        let told = mine(&t, user).await;
        assert_eq!(told.len(), 1);
        assert_eq!(told[0]["code"], "notification.ticket_comment");
        assert!(
            told[0]["message"]
                .as_str()
                .unwrap()
                .contains("agent commented on"),
            "{}",
            told[0]
        );

        // The requester's reply reaches the assignee.
        comment(&t, user, id, true).await;
        assert_eq!(unread(&t, tech).await, 4);

        // Resolved: the requester hears.
        let version = t.get(&path, tech).await.json()["version"].as_i64().unwrap();
        let r = t
            .patch(
                &path,
                tech,
                version,
                json!({"status": "resolved", "resolution": "Ny toner"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let told = mine(&t, user).await;
        assert_eq!(
            told[0]["code"], "notification.ticket_resolved",
            "{}: {told:?}",
            t.backend
        );
        assert_eq!(unread(&t, user).await, 2);
    }
}

#[tokio::test]
async fn a_ticket_that_comes_to_a_group_reaches_its_members() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let group = f.group["id"].as_str().unwrap();
        for who in ["technician", "group_lead", "agent"] {
            let r = t
                .post(
                    &format!("/api/v1/groups/{group}/members"),
                    admin,
                    json!({"username": who}),
                )
                .await;
            assert_eq!(r.status, StatusCode::NO_CONTENT, "{who}");
        }
        let ticket = report(&t, f.token("yst.end_user"), None, "Nätverket").await;
        let path = format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap());
        let r = t
            .patch(&path, f.token("agent"), 1, json!({"group_id": group}))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        for who in ["technician", "group_lead"] {
            let told = mine(&t, f.token(who)).await;
            assert_eq!(told.len(), 1, "{}: {who}", t.backend);
            assert_eq!(told[0]["kind"], "group_assigned");
        }
        assert_eq!(
            unread(&t, f.token("agent")).await,
            0,
            "the agent who moved it"
        );
    }
}

#[tokio::test]
async fn each_reads_and_marks_only_their_own_in_the_api_and_the_page() {
    for t in backends().await {
        let f = federation(&t).await;
        let (agent, user) = (f.token("agent"), f.token("yst.end_user"));
        let ticket = report(&t, user, None, "Skärmen").await;
        let id = ticket["id"].as_str().unwrap();
        comment(&t, agent, id, true).await;
        comment(&t, agent, id, true).await;
        let told = mine(&t, user).await;
        let first = told[0]["id"].as_str().unwrap();

        // Someone else's notification is not found, and stays unread.
        let r = t
            .post(
                &format!("/api/v1/notifications/{first}/read"),
                f.token("sim.end_user"),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", t.backend);
        assert_eq!(unread(&t, user).await, 2);

        // The bell counts them on the portal; the page lists them in Swedish.
        let login =
            crate::forms::post_login(&t, &[("username", "yst.end_user"), ("password", PASSWORD)])
                .await;
        let set = login.headers.get("set-cookie").unwrap().to_str().unwrap();
        let cookie = set.split(';').next().unwrap().to_owned();
        let get = |path: String| {
            let cookie = cookie.clone();
            let t = &t;
            async move {
                let r = t
                    .request(
                        Method::GET,
                        &path,
                        None,
                        Body::empty(),
                        &[("cookie", &cookie)],
                    )
                    .await;
                assert_eq!(r.status, StatusCode::OK, "{path}");
                String::from_utf8_lossy(&r.body).into_owned()
            }
        };
        let portal = get("/portal".into()).await;
        assert!(
            portal.contains("Aviseringar <span class=\"count\">2</span>"),
            "{}: the bell",
            t.backend
        );
        let list = get("/notifications".into()).await;
        assert!(list.contains("agent har kommenterat"), "{list}");
        assert!(list.contains(&format!("href=\"/tickets/{id}\"")));

        let csrf = crate::forms::hidden(&list, "csrf");
        let r = t
            .request(
                Method::POST,
                &format!("/notifications/{first}/read"),
                None,
                Body::from(format!("csrf={csrf}")),
                &[
                    ("cookie", &cookie),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(unread(&t, user).await, 1);
        let r = t
            .post("/api/v1/notifications/read", user, json!({}))
            .await
            .json();
        assert_eq!(r["marked"], 1);
        assert_eq!(unread(&t, user).await, 0);
        assert!(
            !get("/portal".into()).await.contains("class=\"count\""),
            "no count when all are read"
        );
    }
}

#[tokio::test]
async fn an_agreement_or_token_about_to_end_is_told_once_to_whom_it_concerns() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        // The clock stands at 1 March 2027: this agreement ends in 20
        // days, the other in ten months.
        let cal = crate::service_levels::calendar(&t, &f).await;
        let target =
            json!({"response_seconds": 900, "resolution_seconds": 14400, "calendar_id": cal});
        let targets = json!({"P1": target, "P2": target, "P3": target, "P4": target});
        for (name, to) in [("Avtal våren", "2027-03-21"), ("Avtal året", "2027-12-31")] {
            let r = t
                .post("/api/v1/agreements", admin, json!({"member": "YST", "name": name, "valid_from": "2027-01-01", "valid_to": to, "entries": [{"targets": targets, "monthly_fee_ore": 0}]}))
                .await;
            assert_eq!(
                r.status,
                StatusCode::CREATED,
                "{}",
                String::from_utf8_lossy(&r.body)
            );
        }
        let agent = f.token("agent");
        for (name, days) in [("Integration", 5), ("Rapporter", 30)] {
            let r = t
                .post(
                    "/api/v1/tokens",
                    agent,
                    json!({"name": name, "expires_in_days": days}),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::CREATED,
                "{}",
                String::from_utf8_lossy(&r.body)
            );
        }
        let told = t.app.tell_what_expires().await.unwrap();
        assert_eq!(told, 3, "{}: two of Ystad's roles and the agent", t.backend);
        assert_eq!(t.app.tell_what_expires().await.unwrap(), 0, "told once");
        let kinds = |list: Vec<Value>, kind: &str| -> Vec<String> {
            list.iter()
                .filter(|n| n["kind"] == kind)
                .map(|n| n["message"].as_str().unwrap().to_owned())
                .collect()
        };
        for who in ["yst.orderer", "yst.strategist"] {
            let heard = kinds(mine(&t, f.token(who)).await, "agreement_expiring");
            assert_eq!(heard.len(), 1, "{who}: {heard:?}");
            assert!(
                heard[0].contains("Avtal våren") && heard[0].contains("2027-03-21"),
                "{heard:?}"
            );
        }
        for who in ["yst.end_user", "sim.orderer"] {
            assert!(
                kinds(mine(&t, f.token(who)).await, "agreement_expiring").is_empty(),
                "{who}"
            );
        }
        let tokens = kinds(mine(&t, agent).await, "token_expiring");
        assert_eq!(tokens.len(), 1, "{tokens:?}");
        assert!(tokens[0].contains("Integration"), "{tokens:?}");
    }
}
