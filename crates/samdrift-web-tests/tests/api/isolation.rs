//! The tenancy matrix: every member-side role of SIM against every endpoint
//! that touches YST's data. Nothing of YST may be read, changed, counted or
//! confirmed to exist; the answers must equal those for ids that do not
//! exist at all.

use crate::harness::{MEMBER_ROLES, STAFF, TestApp, backends, federation, report};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

const MISSING: &str = "01890000-0000-7000-8000-000000000000";

async fn yst_fixture(t: &TestApp, f: &crate::harness::Federation) -> (Value, String) {
    // A YST ticket with a public comment, an internal note and an attachment.
    let ticket = report(
        t,
        f.token("yst.end_user"),
        None,
        "Hemligt ärende i Ystad zebrafink",
    )
    .await;
    let id = ticket["id"].as_str().unwrap().to_owned();
    let c = t
        .post(
            &format!("/api/v1/tickets/{id}/comments"),
            f.token("agent"),
            json!({"body": "zebrafink svar"}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED);
    let n = t
        .post(
            &format!("/api/v1/tickets/{id}/comments"),
            f.token("agent"),
            json!({"body": "intern", "public": false}),
        )
        .await;
    assert_eq!(n.status, StatusCode::CREATED);
    let a = t
        .request(
            Method::POST,
            &format!("/api/v1/tickets/{id}/attachments?filename=logg.txt"),
            Some(f.token("yst.end_user")),
            Body::from("loggrad"),
            &[("content-type", "text/plain")],
        )
        .await;
    assert_eq!(
        a.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    // YST's agreement and a status message for YST only.
    let day = json!([["08:00", "16:00"]]);
    let cal = t
        .post(
            "/api/v1/calendars",
            f.token("admin"),
            json!({"name": "Ystad", "weekly_hours": {"mon": day, "tue": day}}),
        )
        .await
        .json();
    let target =
        json!({"response_seconds": 60, "resolution_seconds": 600, "calendar_id": cal["id"]});
    let r = t
        .post(
            "/api/v1/agreements",
            f.token("admin"),
            json!({"member": "YST", "name": "zebrafink-avtal", "valid_from": "2027-01-01", "valid_to": "2027-12-31",
                "entries": [{"targets": {"P1": target, "P2": target, "P3": target, "P4": target}}]}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    let services = t.get("/api/v1/services", f.token("agent")).await.json();
    let r = t
        .post(
            "/api/v1/outages",
            f.token("agent"),
            json!({"service_id": services[0]["id"], "members": ["YST"], "starts_at": "2027-03-01T10:00:00+01:00", "message": "zebrafink nere"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    // YST's user agreement, accepted by its orderer.
    let yst = f.members["YST"]["id"].as_str().unwrap();
    let r = t
        .post(
            &format!("/api/v1/user-agreements/{yst}/versions"),
            f.token("admin"),
            json!({"text_sv": "zebrafink-villkor", "text_en": "zebrafink terms", "read_version": 0}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = t
        .post(
            &format!("/api/v1/user-agreements/{yst}/accept"),
            f.token("yst.orderer"),
            json!({"version": 1}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    (ticket, a.json()["id"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn no_member_role_of_one_member_reaches_another_members_data() {
    for t in backends().await {
        let f = federation(&t).await;
        let (ticket, attachment) = yst_fixture(&t, &f).await;
        let yst_id = ticket["id"].as_str().unwrap();
        let yst_member = f.members["YST"]["id"].as_str().unwrap();
        let yst_person = f.people["YST"]["id"].as_str().unwrap();
        let yst_agreement = t
            .get("/api/v1/agreements?member=YST", f.token("admin"))
            .await
            .json()[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let yst_delivery = t
            .request(
                Method::POST,
                "/api/v1/members/YST/people-deliveries?source=hr",
                Some(f.token("admin")),
                Body::from(
                    "employee_number,given_name,family_name,email\n1,Zebrafink,Ystad,z@ystad.se\n",
                ),
                &[("content-type", "text/csv")],
            )
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let yst_survey = t
            .post(
                "/api/v1/members/YST/surveys",
                f.token("admin"),
                json!({"title": "Kundenkät", "year": 2027}),
            )
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        // Each probe on YST's data must answer exactly like the same probe on a missing id.
        let probes: Vec<(Method, String, Option<Value>)> = vec![
            (Method::GET, "/api/v1/tickets/{t}".into(), None),
            (Method::GET, "/api/v1/tickets/{t}/comments".into(), None),
            (Method::GET, "/api/v1/tickets/{t}/history".into(), None),
            (Method::GET, "/api/v1/tickets/{t}/sla".into(), None),
            (Method::GET, "/api/v1/tickets/{t}/attachments".into(), None),
            (
                Method::GET,
                format!("/api/v1/tickets/{{t}}/attachments/{attachment}"),
                None,
            ),
            (
                Method::POST,
                "/api/v1/tickets/{t}/comments".into(),
                Some(json!({"body": "intrång"})),
            ),
            (
                Method::PATCH,
                "/api/v1/tickets/{t}".into(),
                Some(json!({"status": "cancelled"})),
            ),
            (Method::GET, "/api/v1/members/{m}".into(), None),
            (
                Method::GET,
                "/api/v1/members/{m}/administrations".into(),
                None,
            ),
            (
                Method::POST,
                "/api/v1/members/{m}/administrations".into(),
                Some(json!({"name": "x"})),
            ),
            (Method::GET, "/api/v1/people/{p}".into(), None),
            (Method::GET, "/api/v1/people/{p}/identity".into(), None),
            (Method::GET, "/api/v1/people/{p}/history".into(), None),
            (Method::GET, "/api/v1/people-deliveries/{d}".into(), None),
            (Method::GET, "/api/v1/agreements/{a}".into(), None),
            (Method::GET, "/api/v1/tickets/{t}/request".into(), None),
            (
                Method::POST,
                "/api/v1/tickets/{t}/request/approvals/0".into(),
                Some(json!({"decision": "approve"})),
            ),
            (Method::GET, "/api/v1/user-agreements/{m}".into(), None),
            (
                Method::GET,
                "/api/v1/user-agreements/{m}/versions".into(),
                None,
            ),
            (
                Method::GET,
                "/api/v1/user-agreements/{m}/acceptances".into(),
                None,
            ),
            (
                Method::GET,
                "/api/v1/user-agreements/{m}/acceptances?format=csv".into(),
                None,
            ),
            (
                Method::POST,
                "/api/v1/user-agreements/{m}/accept".into(),
                Some(json!({"version": 1})),
            ),
            (
                Method::POST,
                "/api/v1/user-agreements/{m}/versions".into(),
                Some(json!({"text_sv": "intrång", "text_en": "intrång", "read_version": 1})),
            ),
            (Method::GET, "/api/v1/tickets/{t}/work".into(), None),
            (
                Method::POST,
                "/api/v1/tickets/{t}/work".into(),
                Some(json!({"minutes": 60, "chargeable": true})),
            ),
            (Method::GET, "/api/v1/tickets/{t}/rating".into(), None),
            (
                Method::POST,
                "/api/v1/tickets/{t}/rating".into(),
                Some(json!({"rating": 5})),
            ),
            (Method::GET, "/api/v1/surveys/{s}".into(), None),
            (Method::GET, "/api/v1/surveys/{s}/results".into(), None),
            (
                Method::POST,
                "/api/v1/surveys/{s}/questions".into(),
                Some(json!({"kind": "scale", "text": "intrång"})),
            ),
            (
                Method::POST,
                "/api/v1/surveys/{s}/open".into(),
                Some(json!({})),
            ),
            (
                Method::POST,
                "/api/v1/surveys/{s}/close".into(),
                Some(json!({})),
            ),
        ];
        for role in MEMBER_ROLES {
            let user = format!("sim.{role}");
            let token = f.token(&user);
            for (method, template, body) in &probes {
                let real = template
                    .replace("{t}", yst_id)
                    .replace("{m}", yst_member)
                    .replace("{p}", yst_person)
                    .replace("{a}", &yst_agreement)
                    .replace("{d}", &yst_delivery)
                    .replace("{s}", &yst_survey);
                let fake = template
                    .replace("{t}", MISSING)
                    .replace("{m}", MISSING)
                    .replace("{p}", MISSING)
                    .replace("{a}", MISSING)
                    .replace("{d}", MISSING)
                    .replace("{s}", MISSING);
                let mut answers = Vec::new();
                for path in [&real, &fake] {
                    let r = match (method.clone(), body) {
                        (Method::PATCH, Some(b)) => t.patch(path, token, 1, b.clone()).await,
                        (m, Some(b)) => t.send(m, path, token, b.clone()).await,
                        (m, None) => t.request(m, path, Some(token), Body::empty(), &[]).await,
                    };
                    assert!(
                        r.is_problem(),
                        "[{}] {user} {method} {path}: not a problem body",
                        t.backend
                    );
                    let text = String::from_utf8_lossy(&r.body).to_string();
                    assert!(
                        !text.contains("zebrafink") && !text.contains("YST"),
                        "[{}] {user} {path} leaks: {text}",
                        t.backend
                    );
                    answers.push((r.status, r.json()["detail"].clone()));
                }
                assert_eq!(
                    answers[0], answers[1],
                    "[{}] {user} {method} {template}: YST answers differently from a missing id",
                    t.backend
                );
                assert!(
                    answers[0].0 == StatusCode::NOT_FOUND || answers[0].0 == StatusCode::FORBIDDEN,
                    "[{}] {user} {template}",
                    t.backend
                );
            }
            // Lists, filters, search and counts show nothing of YST.
            for path in [
                "/api/v1/tickets",
                "/api/v1/tickets?q=zebrafink",
                "/api/v1/tickets?status=new",
                "/api/v1/people",
                "/api/v1/people?q=yst",
                "/api/v1/members",
                "/api/v1/tickets?sort=due",
                "/api/v1/agreements",
                "/api/v1/status-messages",
                "/api/v1/user-agreements/pending",
            ] {
                let r = t.get(path, token).await;
                assert_eq!(r.status, StatusCode::OK, "[{}] {user} {path}", t.backend);
                let text = String::from_utf8_lossy(&r.body).to_string();
                assert!(
                    !text.contains(yst_id)
                        && !text.contains("zebrafink")
                        && !text.contains(yst_member),
                    "[{}] {user} {path} leaks YST",
                    t.backend
                );
            }
            // Naming YST in a filter or a new ticket answers like an unknown member code.
            for (method, path, body) in [
                (Method::GET, "/api/v1/tickets?member={c}", None),
                (Method::GET, "/api/v1/agreements?member={c}", None),
                (
                    Method::GET,
                    "/api/v1/reports/sla?member={c}&from=2027-01-01&to=2027-02-01",
                    None,
                ),
                (Method::GET, "/api/v1/people?member={c}", None),
                (Method::GET, "/api/v1/members/{c}/subscriptions", None),
                (Method::GET, "/api/v1/members/{c}/orders", None),
                (Method::GET, "/api/v1/members/{c}/invoices/2027-03", None),
                (Method::GET, "/api/v1/members/{c}/budget", None),
                (Method::GET, "/api/v1/members/{c}/scim-tokens", None),
                (
                    Method::POST,
                    "/api/v1/members/{c}/scim-tokens",
                    Some(json!({"name": "Entra ID"})),
                ),
                (Method::GET, "/api/v1/catalog/items?member={c}", None),
                (Method::GET, "/api/v1/goals?member={c}", None),
                (Method::GET, "/api/v1/steering/overview?member={c}", None),
                (Method::GET, "/api/v1/members/{c}/reports", None),
                (Method::GET, "/api/v1/members/{c}/reports/2027-03", None),
                (Method::GET, "/api/v1/members/{c}/reports/2027-03/pdf", None),
                (
                    Method::POST,
                    "/api/v1/proposals",
                    Some(json!({"kind": "improvement", "title": "x", "member": "{c}"})),
                ),
                (Method::GET, "/api/v1/satisfaction?member={c}", None),
                (
                    Method::GET,
                    "/api/v1/members/{c}/satisfaction-settings",
                    None,
                ),
                (Method::GET, "/api/v1/members/{c}/surveys", None),
                (
                    Method::POST,
                    "/api/v1/members/{c}/surveys",
                    Some(json!({"title": "Intrång", "year": 2027})),
                ),
                (
                    Method::POST,
                    "/api/v1/members/{c}/orders",
                    Some(
                        json!({"offering": "X", "administration_id": MISSING, "quantity_change": 1, "effective_on": "2027-04-01"}),
                    ),
                ),
                (
                    Method::POST,
                    "/api/v1/requests",
                    Some(json!({"member": "{c}", "item": "X"})),
                ),
                (
                    Method::POST,
                    "/api/v1/tickets",
                    Some(
                        json!({"member": "{c}", "type": "incident", "title": "x", "impact": 2, "urgency": 2}),
                    ),
                ),
            ] {
                let mut answers = Vec::new();
                for code in ["YST", "ZZZ"] {
                    let p = path.replace("{c}", code);
                    let r = match &body {
                        Some(b) => {
                            t.send(
                                method.clone(),
                                &p,
                                token,
                                serde_json::from_str(&b.to_string().replace("{c}", code)).unwrap(),
                            )
                            .await
                        }
                        None => t.get(&p, token).await,
                    };
                    answers.push((
                        r.status,
                        r.json()["detail"].as_str().unwrap_or("").replace(code, "?"),
                    ));
                }
                assert_eq!(answers[0], answers[1], "[{}] {user} {path}", t.backend);
            }
        }
        // Nothing was changed by the probes.
        let after = t
            .get(&format!("/api/v1/tickets/{yst_id}"), f.token("agent"))
            .await
            .json();
        assert_eq!(after["status"], "new", "[{}]", t.backend);
        assert_eq!(
            after["version"],
            ticket["version"].as_i64().unwrap() + 3,
            "[{}] only the fixture's own writes",
            t.backend
        );
        let comments = t
            .get(
                &format!("/api/v1/tickets/{yst_id}/comments"),
                f.token("agent"),
            )
            .await
            .json();
        assert_eq!(comments.as_array().unwrap().len(), 2, "[{}]", t.backend);
    }
}

#[tokio::test]
async fn end_users_see_only_their_own_tickets_and_never_internal_notes() {
    for t in backends().await {
        let f = federation(&t).await;
        let own = report(&t, f.token("sim.end_user"), None, "Min skrivare").await;
        let others = report(&t, f.token("agent"), Some("SIM"), "Någon annans ärende").await;
        let own_id = own["id"].as_str().unwrap();
        t.post(
            &format!("/api/v1/tickets/{own_id}/comments"),
            f.token("agent"),
            json!({"body": "intern anteckning", "public": false}),
        )
        .await;
        let list = t
            .get("/api/v1/tickets", f.token("sim.end_user"))
            .await
            .json();
        let ids: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, vec![own_id], "[{}]", t.backend);
        let r = t
            .get(
                &format!("/api/v1/tickets/{}", others["id"].as_str().unwrap()),
                f.token("sim.end_user"),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}]", t.backend);
        let comments = t
            .get(
                &format!("/api/v1/tickets/{own_id}/comments"),
                f.token("sim.end_user"),
            )
            .await;
        assert!(
            !String::from_utf8_lossy(&comments.body).contains("intern anteckning"),
            "[{}]",
            t.backend
        );
        let history = t
            .get(
                &format!("/api/v1/tickets/{own_id}/history"),
                f.token("sim.end_user"),
            )
            .await
            .json();
        assert!(
            history
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["public"] == true),
            "[{}]",
            t.backend
        );
        // The orderer of the same member reads both tickets; staff read all.
        let orderer = t
            .get("/api/v1/tickets", f.token("sim.orderer"))
            .await
            .json();
        assert_eq!(
            orderer["items"].as_array().unwrap().len(),
            2,
            "[{}]",
            t.backend
        );
        for role in STAFF {
            let r = t
                .get(&format!("/api/v1/tickets/{own_id}/comments"), f.token(role))
                .await
                .json();
            assert_eq!(
                r.as_array().unwrap().len(),
                1,
                "[{}] {role} sees the internal note",
                t.backend
            );
        }
    }
}

#[tokio::test]
async fn member_roles_cannot_write_registers_or_list_accounts() {
    for t in backends().await {
        let f = federation(&t).await;
        for role in MEMBER_ROLES {
            let token = f.token(&format!("sim.{role}"));
            let cases = [
                (
                    "/api/v1/members",
                    json!({"code": "ABC", "name": "x", "organisation_number": "212000-1124", "ownership_share_bp": 1}),
                ),
                ("/api/v1/groups", json!({"name": "x"})),
                (
                    "/api/v1/services",
                    json!({"code": "X", "name": "x", "level": "it"}),
                ),
                ("/api/v1/suppliers", json!({"name": "x"})),
                (
                    "/api/v1/people",
                    json!({"member": "SIM", "name": "x", "email": "x@y.se", "kind": "employee"}),
                ),
                (
                    "/api/v1/accounts",
                    json!({"username": "xx", "password": "password-123", "role": "admin"}),
                ),
                ("/api/v1/import/tickets", json!([])),
            ];
            for (path, body) in cases {
                let r = t.post(path, token, body).await;
                assert_eq!(
                    r.status,
                    StatusCode::FORBIDDEN,
                    "[{}] {role} POST {path}: {}",
                    t.backend,
                    String::from_utf8_lossy(&r.body)
                );
            }
            assert_eq!(
                t.get("/api/v1/accounts", token).await.status,
                StatusCode::FORBIDDEN
            );
        }
    }
}
