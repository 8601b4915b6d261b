//! Impossible dates (30 February, month 13, day 0, 29 February in a
//! common year) are refused wherever a date is typed: every API input
//! answers 4xx problem+json naming the field, and the pages answer with a
//! form error on the field. Nothing rolls over to another day, and nothing
//! is stored.

use super::forms::{Browser, html};
use super::harness::{Response, TestApp, backends};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

const IMPOSSIBLE: [&str; 4] = ["2027-02-30", "2027-13-01", "2027-04-00", "2027-02-29"];

/// A 4xx problem+json that names `field` (in its errors, or in the detail
/// of a query the framework could not read).
fn names_field(r: &Response, field: &str, what: &str) {
    let body = String::from_utf8_lossy(&r.body);
    assert!(r.status.is_client_error(), "{what}: {} {body}", r.status);
    assert!(r.is_problem(), "{what}: {body}");
    let v = r.json();
    let in_errors = v["errors"].as_array().is_some_and(|e| {
        e.iter()
            .any(|e| e["field"].as_str().is_some_and(|f| f.contains(field)))
    });
    let in_detail = v["detail"].as_str().is_some_and(|d| d.contains(field));
    assert!(
        in_errors || in_detail,
        "{what}: {field} not named in {body}"
    );
}

async fn send(t: &TestApp, method: Method, path: &str, token: &str, body: Value) -> Response {
    t.request(
        method,
        path,
        Some(token),
        Body::from(body.to_string()),
        &[("content-type", "application/json"), ("if-match", "*")],
    )
    .await
}

/// Ids the probes need from the demo: YST's first administration, the
/// office-hours calendar, the IDENTITY service, a YST ticket.
struct Demo {
    administration: String,
    calendar: String,
    service: String,
    ticket: String,
}

async fn demo(t: &TestApp, admin: &str) -> Demo {
    let yst = t.store.member_by_code("YST").await.unwrap().unwrap();
    let administration = t
        .store
        .list_administrations(
            &samdrift_domain::scope::MemberFilter::All,
            Some(samdrift_domain::ids::MemberId(yst.id)),
        )
        .await
        .unwrap()[0]
        .id
        .to_string();
    let calendars = t.get("/api/v1/calendars", admin).await.json();
    let calendar = calendars[0]["id"].as_str().unwrap().to_owned();
    let services = t.get("/api/v1/services", admin).await.json();
    let service = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "IDENTITY")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let tickets = t
        .get("/api/v1/tickets?member=YST&limit=1", admin)
        .await
        .json();
    let ticket = tickets["items"][0]["id"].as_str().unwrap().to_owned();
    Demo {
        administration,
        calendar,
        service,
        ticket,
    }
}

#[tokio::test]
async fn impossible_dates_are_refused_by_every_api_input_naming_the_field() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let admin = t.app.create_token("admin").await.unwrap();
        let orderer = t.app.create_token("yst.orderer").await.unwrap();
        let technician = t.app.create_token("tekniker").await.unwrap();
        let user = t.app.create_token("yst.user").await.unwrap();
        let d = demo(&t, &admin).await;
        let orders_before = t.get("/api/v1/members/YST/orders", &orderer).await.body;
        for day in IMPOSSIBLE {
            let what = |w: &str| format!("{w} {day} [{}]", t.backend);
            let r = t
                .post("/api/v1/members/YST/orders", &orderer, json!({"offering": "WP-ADM", "administration_id": d.administration, "quantity_change": 1, "effective_on": day}))
                .await;
            names_field(&r, "effective_on", &what("order"));
            let r = t
                .get(
                    &format!("/api/v1/reports/sla?member=YST&from={day}&to=2027-12-01"),
                    &admin,
                )
                .await;
            names_field(&r, "from", &what("report from"));
            let r = t
                .get(
                    &format!("/api/v1/reports/sla?member=YST&from=2027-01-01&to={day}"),
                    &admin,
                )
                .await;
            names_field(&r, "to", &what("report to"));
            let r = t
                .post("/api/v1/agreements", &admin, json!({"member": "YST", "name": "Fel", "valid_from": day, "valid_to": "2027-12-31", "entries": []}))
                .await;
            names_field(&r, "valid_from", &what("agreement"));
            let r = t
                .post(
                    "/api/v1/calendars",
                    &admin,
                    json!({"name": "Fel", "weekly_hours": {}, "exceptions": [{"date": day}]}),
                )
                .await;
            names_field(&r, "date", &what("calendar exception"));
            let r = t
                .get(
                    &format!(
                        "/api/v1/calendars/{}/days?from={day}&to=2027-12-31",
                        d.calendar
                    ),
                    &admin,
                )
                .await;
            names_field(&r, "from", &what("calendar days"));
            let r = t
                .post(
                    &format!("/api/v1/tickets/{}/work", d.ticket),
                    &technician,
                    json!({"minutes": 30, "worked_on": day}),
                )
                .await;
            names_field(&r, "worked_on", &what("work"));
            let r = t
                .post(
                    "/api/v1/requests",
                    &user,
                    json!({"item": "NEW-ACCOUNT", "answers": {"name": "Ny", "start_date": day}}),
                )
                .await;
            names_field(&r, "start_date", &what("request answer"));
            let instant = format!("{day}T10:00:00+01:00");
            let r = t
                .get(&format!("/api/v1/tickets?created_from={instant}"), &admin)
                .await;
            names_field(&r, "created_from", &what("ticket list"));
            let r = t
                .post("/api/v1/outages", &admin, json!({"service_id": d.service, "members": ["YST"], "starts_at": instant, "message": "Avbrott"}))
                .await;
            names_field(&r, "starts_at", &what("outage"));
            let r = send(
                &t,
                Method::POST,
                &format!("/api/v1/calendars/{}/business-seconds", d.calendar),
                &admin,
                json!({"from": instant, "to": "2027-12-01T00:00:00+01:00"}),
            )
            .await;
            names_field(&r, "from", &what("business seconds"));
            let r = t
                .post("/api/v1/import/tickets", &admin, json!([{"member": "YST", "type": "incident", "title": "Import", "impact": 2, "urgency": 2, "events": [{"at": instant, "type": "created"}]}]))
                .await;
            names_field(&r, "at", &what("import"));
        }
        for month in ["2027-13", "2027-00", "2027-1", "20271"] {
            let r = t
                .get(&format!("/api/v1/members/YST/invoices/{month}"), &orderer)
                .await;
            names_field(&r, "month", &format!("invoice {month}"));
        }
        for year in ["99999", "0", "-3", "1999", "2101", "tjugo"] {
            let r = t
                .get(&format!("/api/v1/members/YST/budget?year={year}"), &orderer)
                .await;
            names_field(&r, "year", &format!("budget {year}"));
        }
        assert_eq!(
            t.get("/api/v1/members/YST/orders", &orderer).await.body,
            orders_before,
            "no order was stored"
        );
    }
}

#[tokio::test]
async fn impossible_dates_in_the_pages_come_back_as_form_errors() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let orderer = Browser::sign_in(&t, "yst.orderer").await;
        for day in IMPOSSIBLE {
            let r = orderer
                .get(&format!(
                    "/member/report?member=YST&from={day}&to=2027-12-01"
                ))
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "report {day}");
            let page = html(&r);
            assert!(page.contains("href=\"#from\""), "{page}");
            assert!(page.contains("aria-invalid=\"true\""), "{page}");
        }
        for month in ["2027-13", "2027-00"] {
            let r = orderer.get(&format!("/member/invoice?month={month}")).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "invoice {month}"
            );
            assert!(html(&r).contains("href=\"#f-month\""));
        }
        for year in ["99999", "1999", "tjugo"] {
            let r = orderer.get(&format!("/member/budget?year={year}")).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "budget {year}");
            assert!(html(&r).contains("href=\"#f-year\""), "{}", html(&r));
        }
        let user = Browser::sign_in(&t, "yst.user").await;
        let admin = t.app.create_token("admin").await.unwrap();
        let ticket = demo(&t, &admin).await.ticket;
        let technician = Browser::sign_in(&t, "tekniker").await;
        for day in IMPOSSIBLE {
            let r = user
                .post(
                    "/portal/catalog/NEW-ACCOUNT",
                    &[
                        ("member", "YST"),
                        ("answers.name", "Ny medarbetare"),
                        ("answers.start_date", day),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "request {day}");
            let page = html(&r);
            assert!(page.contains("id=\"e-a-start_date\""), "{page}");
            let r = technician
                .post(
                    &format!("/tickets/{ticket}/work"),
                    &[("worked_on", day), ("minutes", "30")],
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "work {day}");
            assert!(html(&r).contains("id=\"e-work-worked_on\""));
        }
    }
}
