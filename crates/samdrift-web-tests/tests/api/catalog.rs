//! The catalog and charging: an orderer orders 50 more administrative
//! workplaces from the 15th, a requester orders software that needs two
//! approvals and is installed through two tasks, and the month's invoice
//! basis shows both, pro rata, to the öre. Only the member's orderer
//! orders for the member.

use super::harness::{TestApp, backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn put(
    t: &TestApp,
    path: &str,
    token: &str,
    version: Option<i64>,
    body: Value,
) -> super::harness::Response {
    let etag = version.map(|v| format!("\"{v}\""));
    let mut headers = vec![("content-type", "application/json")];
    if let Some(e) = &etag {
        headers.push(("if-match", e.as_str()));
    }
    t.request(
        Method::PUT,
        path,
        Some(token),
        Body::from(body.to_string()),
        &headers,
    )
    .await
}

async fn post_versioned(
    t: &TestApp,
    path: &str,
    token: &str,
    version: i64,
    body: Value,
) -> super::harness::Response {
    let etag = format!("\"{version}\"");
    t.request(
        Method::POST,
        path,
        Some(token),
        Body::from(body.to_string()),
        &[("content-type", "application/json"), ("if-match", &etag)],
    )
    .await
}

fn ok(r: &super::harness::Response, status: StatusCode) -> Value {
    assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
    r.json()
}

/// The catalog of the test: WORKPLACE with WP-ADM at 9 000 kr a year (9 270
/// kr next year), the hourly rate 950 kr, and the software item.
pub(super) async fn catalog(t: &TestApp, admin: &str) {
    let klient = ok(
        &t.post("/api/v1/groups", admin, json!({"name": "Klient"}))
            .await,
        StatusCode::CREATED,
    );
    let service = ok(
        &t.post("/api/v1/services", admin, json!({"code": "WORKPLACE", "name": "Standardarbetsplats", "level": "it", "owning_group_id": klient["id"]})).await,
        StatusCode::CREATED,
    );
    let r = put(
        t,
        "/api/v1/catalog/services/WORKPLACE",
        admin,
        None,
        json!({"family": "Arbetsplats"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    let s = ok(
        &put(
            t,
            "/api/v1/catalog/services/WORKPLACE",
            admin,
            Some(service["version"].as_i64().unwrap()),
            json!({"family": "Arbetsplats", "owner": "Klientansvarig", "depends_on": ["EMAIL"]}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(s["family"], "Arbetsplats");
    let r = put(
        t,
        "/api/v1/catalog/services/EMAIL",
        admin,
        Some(1),
        json!({"depends_on": ["WORKPLACE"]}),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a dependency circle is refused"
    );
    ok(
        &t.post(
            "/api/v1/catalog/offerings",
            admin,
            json!({"service": "WORKPLACE", "code": "WP-ADM",
            "name": "Standardarbetsplats, administrativ", "unit": "workstation",
            "contents": ["Windows 11", "Microsoft 365 Apps"]}),
        )
        .await,
        StatusCode::CREATED,
    );
    let r = t
        .post(
            "/api/v1/catalog/offerings",
            admin,
            json!({"service": "WORKPLACE", "code": "WP-X", "name": "X", "unit": "per hour"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(String::from_utf8_lossy(&r.body).contains("unit"));
    for (year, price) in [(2027, 900_000), (2028, 927_000)] {
        let r = put(
            t,
            &format!("/api/v1/catalog/offerings/WP-ADM/prices/{year}"),
            admin,
            None,
            json!({"price_ore": price}),
        )
        .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
    }
    let r = put(
        t,
        "/api/v1/catalog/hourly-rates/2027",
        admin,
        None,
        json!({"rate_ore": 95_000}),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    ok(
        &t.post("/api/v1/catalog/items", admin, json!({
            "code": "SW-INSTALL", "name": "Programvara från godkända listan", "service": "WORKPLACE",
            "price_ore": 150_000,
            "spec": {
                "fields": [
                    {"key": "software", "label": "Programvara", "kind": "select", "required": true, "options": ["SPSS", "GIMP"]},
                    {"key": "computer", "label": "Datorns namn", "kind": "text", "required": true}
                ],
                "approvals": ["manager"],
                "tasks": [
                    {"title": "Registrera licensen", "group": "Servicedesk", "stage": 1},
                    {"title": "Installera programvaran", "group": "Klient", "stage": 2}
                ]
            }
        })).await,
        StatusCode::CREATED,
    );
}

#[tokio::test]
async fn an_order_and_a_request_reach_the_months_invoice_basis_to_the_ore() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        catalog(&t, admin).await;
        let yst = f.members["YST"].clone();
        let yst_id = yst["id"].as_str().unwrap();
        let adm = t
            .get(&format!("/api/v1/members/{yst_id}/administrations"), admin)
            .await
            .json()[0]
            .clone();
        let adm_id = adm["id"].as_str().unwrap().to_owned();

        // The end user's manager, a person of YST with an end-user login.
        let chef = ok(
            &t.post("/api/v1/people", admin, json!({"member": "YST", "administration_id": adm_id, "name": "Chef YST", "email": "chef@yst.example", "kind": "employee"})).await,
            StatusCode::CREATED,
        );
        t.app
            .create_account(
                None,
                samdrift_app::registers::NewAccount {
                    username: "yst.chef".into(),
                    password: crate::harness::PASSWORD.into(),
                    role: "end_user".parse().unwrap(),
                    member: Some("YST".into()),
                    person: Some(samdrift_domain::ids::PersonId(
                        chef["id"].as_str().unwrap().parse().unwrap(),
                    )),
                },
            )
            .await
            .unwrap();
        let chef_token = t.app.create_token("yst.chef").await.unwrap();
        let user_id = f.people["YST"]["id"].as_str().unwrap();
        let r = put(
            &t,
            &format!("/api/v1/members/YST/people/{user_id}/manager"),
            admin,
            None,
            json!({"manager_id": chef["id"]}),
        )
        .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);

        // Nobody but YST's orderer orders for YST; nothing is stored.
        let order = json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": 400, "effective_on": "2027-03-01"});
        for who in [
            "yst.end_user",
            "yst.strategist",
            "agent",
            "technician",
            "group_lead",
            "manager",
            "admin",
        ] {
            let r = t
                .post("/api/v1/members/YST/orders", f.token(who), order.clone())
                .await;
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "{who} must not order for YST"
            );
            assert!(r.is_problem());
        }
        let unknown = t
            .post(
                "/api/v1/members/XXX/orders",
                f.token("sim.orderer"),
                order.clone(),
            )
            .await;
        let other = t
            .post(
                "/api/v1/members/YST/orders",
                f.token("sim.orderer"),
                order.clone(),
            )
            .await;
        assert_eq!(
            other.status, unknown.status,
            "another member answers like an unknown code"
        );
        assert!(!String::from_utf8_lossy(&other.body).contains("Forbidden"));
        let orderer = f.token("yst.orderer");
        assert_eq!(
            t.get("/api/v1/members/YST/orders", orderer).await.json(),
            json!([])
        );
        let r = t.post("/api/v1/members/YST/orders", orderer, json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": 5, "effective_on": "2027-02-01"})).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "no backdated orders"
        );
        let r = t.post("/api/v1/members/YST/orders", orderer, json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": -5, "effective_on": "2027-03-01"})).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "nothing to reduce"
        );

        // 400 workplaces from 1 March, then 50 more from the 15th: both
        // large (over 100 000 kr a year), so the manager confirms.
        for (quantity, from) in [(400, "2027-03-01"), (50, "2027-03-15")] {
            let placed = ok(
                &t.post("/api/v1/members/YST/orders", orderer, json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": quantity, "effective_on": from, "note": "Nya medarbetare"})).await,
                StatusCode::CREATED,
            );
            assert_eq!(placed["status"], "awaiting_confirmation");
            assert_eq!(placed["yearly_change_ore"], quantity * 900_000);
            let path = format!(
                "/api/v1/members/YST/orders/{}",
                placed["id"].as_str().unwrap()
            );
            let r = post_versioned(&t, &format!("{path}/confirm"), orderer, 1, json!({})).await;
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "the orderer does not confirm their own order"
            );
            let r = post_versioned(
                &t,
                &format!("{path}/confirm"),
                f.token("manager"),
                7,
                json!({}),
            )
            .await;
            assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
            let done = ok(
                &post_versioned(
                    &t,
                    &format!("{path}/confirm"),
                    f.token("manager"),
                    1,
                    json!({}),
                )
                .await,
                StatusCode::OK,
            );
            assert_eq!(done["status"], "applied");
            assert_eq!(done["decided_by"], "manager");
            assert_eq!(done["history"].as_array().unwrap().len(), 2);
        }
        // The manager heard of each large order, the orderer of each decision.
        let heard = |who: &'static str| {
            let t = &t;
            let token = f.token(who).to_owned();
            async move {
                let list = t.get("/api/v1/notifications", &token).await.json();
                list.as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n["code"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            heard("manager").await,
            vec!["notification.order_waiting"; 2],
            "{}",
            t.backend
        );
        assert_eq!(
            heard("yst.orderer").await,
            vec!["notification.order_confirmed"; 2]
        );
        let subs = ok(
            &t.get("/api/v1/members/YST/subscriptions", orderer).await,
            StatusCode::OK,
        );
        let periods: Vec<(i64, String, Value)> = subs
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["quantity"].as_i64().unwrap(),
                    s["starts_on"].as_str().unwrap().to_owned(),
                    s["ends_on"].clone(),
                )
            })
            .collect();
        assert_eq!(
            periods,
            vec![
                (400, "2027-03-01".to_owned(), json!("2027-03-14")),
                (450, "2027-03-15".to_owned(), Value::Null),
            ]
        );
        let r = t
            .get("/api/v1/members/YST/subscriptions", f.token("sim.orderer"))
            .await;
        assert_ne!(r.status, StatusCode::OK, "SIM reads nothing of YST's");

        // The software item is offered to YST (it subscribes to WORKPLACE), not SIM.
        let items = ok(
            &t.get("/api/v1/catalog/items?member=YST", f.token("yst.end_user"))
                .await,
            StatusCode::OK,
        );
        assert_eq!(items.as_array().unwrap().len(), 1);
        let items = ok(
            &t.get("/api/v1/catalog/items?member=SIM", f.token("sim.end_user"))
                .await,
            StatusCode::OK,
        );
        assert_eq!(items, json!([]));
        let r = t
            .post(
                "/api/v1/requests",
                f.token("sim.end_user"),
                json!({"item": "SW-INSTALL", "answers": {"software": "SPSS", "computer": "SIM-1"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

        // The request: answers checked, then the manager and the orderer
        // (it costs money) approve, then two tasks in order.
        let user = f.token("yst.end_user");
        let r = t
            .post(
                "/api/v1/requests",
                user,
                json!({"item": "SW-INSTALL", "answers": {"software": "Doom"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let body = String::from_utf8_lossy(&r.body).to_string();
        assert!(
            body.contains("answers.software") && body.contains("answers.computer"),
            "{body}"
        );
        let ticket = ok(
            &t.post(
                "/api/v1/requests",
                user,
                json!({"item": "SW-INSTALL", "answers": {"software": "SPSS", "computer": "YST-1"}}),
            )
            .await,
            StatusCode::CREATED,
        );
        assert_eq!(ticket["type"], "request");
        let id = ticket["id"].as_str().unwrap().to_owned();
        let request = ok(
            &t.get(&format!("/api/v1/tickets/{id}/request"), user).await,
            StatusCode::OK,
        );
        assert_eq!(request["state"], "awaiting_approval");
        let kinds: Vec<&str> = request["approvals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["manager", "orderer"]);
        assert_eq!(request["approvals"][0]["approver"], "Chef YST");
        let decide = |who: &'static str, position: i64, decision: &'static str| {
            let path = format!("/api/v1/tickets/{id}/request/approvals/{position}");
            let token = if who == "yst.chef" {
                chef_token.clone()
            } else {
                f.token(who).to_owned()
            };
            let t = &t;
            async move { t.post(&path, &token, json!({"decision": decision})).await }
        };
        assert_eq!(
            decide("yst.end_user", 0, "approve").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            decide("yst.orderer", 1, "approve").await.status,
            StatusCode::CONFLICT,
            "the orderer waits for the manager"
        );
        let waiting = ok(
            &t.get("/api/v1/approvals", &chef_token).await,
            StatusCode::OK,
        );
        assert_eq!(waiting[0]["number"], ticket["number"]);
        assert_eq!(t.get("/api/v1/approvals", orderer).await.json(), json!([]));
        ok(&decide("yst.chef", 0, "approve").await, StatusCode::OK);
        assert_eq!(
            t.get("/api/v1/approvals", orderer).await.json()[0]["number"],
            ticket["number"]
        );
        let approved = ok(&decide("yst.orderer", 1, "approve").await, StatusCode::OK);
        assert_eq!(approved["state"], "in_fulfilment");
        let tasks = approved["tasks"].as_array().unwrap().clone();
        assert_eq!(
            (tasks[0]["state"].as_str(), tasks[1]["state"].as_str()),
            (Some("open"), Some("waiting"))
        );
        let tech = f.token("technician");
        let task_path = |i: usize| {
            format!(
                "/api/v1/tickets/{id}/request/tasks/{}/done",
                tasks[i]["id"].as_str().unwrap()
            )
        };
        assert_eq!(
            t.post(&task_path(1), tech, json!({})).await.status,
            StatusCode::CONFLICT,
            "stage 2 waits for stage 1"
        );
        assert_eq!(
            t.post(&task_path(0), user, json!({})).await.status,
            StatusCode::FORBIDDEN
        );
        // The group lead joins the second task's group, and hears when
        // its task opens (the technician, who opened it, does not).
        let admin = f.token("admin");
        let groups = t.get("/api/v1/groups", admin).await.json();
        let klient = groups
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == "Klient")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let r = t
            .post(
                &format!("/api/v1/groups/{klient}/members"),
                admin,
                json!({"username": "group_lead"}),
            )
            .await;
        assert!(
            r.status.is_success(),
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let after = ok(
            &t.post(&task_path(0), tech, json!({"note": "Licens 4711"}))
                .await,
            StatusCode::OK,
        );
        assert_eq!(after["tasks"][1]["state"], "open");
        let heard = t
            .get("/api/v1/notifications", f.token("group_lead"))
            .await
            .json();
        let task_waiting: Vec<&serde_json::Value> = heard
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "task_waiting")
            .collect();
        assert_eq!(task_waiting.len(), 1, "{}: {heard}", t.backend);
        assert!(
            task_waiting[0]["message"]
                .as_str()
                .unwrap()
                .contains("Installera programvaran")
        );
        let own = t.get("/api/v1/notifications", tech).await.json();
        assert!(!own.to_string().contains("task_waiting"), "{own}");
        let open = ok(&t.get("/api/v1/tasks", tech).await, StatusCode::OK);
        assert_eq!(open[0]["title"], "Installera programvaran");
        t.advance(19 * 86_400); // 20 March
        let done = ok(
            &t.post(&task_path(1), tech, json!({})).await,
            StatusCode::OK,
        );
        assert_eq!(done["state"], "fulfilled");
        let resolved = t.get(&format!("/api/v1/tickets/{id}"), user).await.json();
        assert_eq!(resolved["status"], "resolved");

        // An hour and a half of work outside the subscriptions.
        let r = t
            .post(
                &format!("/api/v1/tickets/{id}/work"),
                user,
                json!({"minutes": 90, "chargeable": true}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        ok(
            &t.post(
                &format!("/api/v1/tickets/{id}/work"),
                tech,
                json!({"minutes": 90, "chargeable": true, "note": "Anpassning"}),
            )
            .await,
            StatusCode::CREATED,
        );
        ok(
            &t.post(
                &format!("/api/v1/tickets/{id}/work"),
                tech,
                json!({"minutes": 30, "chargeable": false}),
            )
            .await,
            StatusCode::CREATED,
        );

        // March: 400 × 9 000 kr ÷ 12 × 14/31 = 13 548 387.10 öre → 13 548 387
        //        450 × 9 000 kr ÷ 12 × 17/31 = 18 508 064.52 öre → 18 508 065
        //        (together 30 000 000 for the 400 and 2 056 452 for the 50)
        //        the software 150 000, the work 90 min × 950 kr/h = 142 500
        let invoice = ok(
            &t.get("/api/v1/members/YST/invoices/2027-03", orderer).await,
            StatusCode::OK,
        );
        let lines: Vec<(String, String, i64)> = invoice["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["kind"].as_str().unwrap().to_owned(),
                    l["reference"].as_str().unwrap().to_owned(),
                    l["amount_ore"].as_i64().unwrap(),
                )
            })
            .collect();
        let number = ticket["number"].as_str().unwrap().to_owned();
        let mut expected = vec![
            ("subscription".to_owned(), "WP-ADM".to_owned(), 13_548_387),
            ("subscription".to_owned(), "WP-ADM".to_owned(), 18_508_065),
            ("request".to_owned(), number.clone(), 150_000),
            ("work".to_owned(), number.clone(), 142_500),
        ];
        let mut got = lines.clone();
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "{invoice:#}");
        assert_eq!(invoice["charges_ore"], 32_348_952);
        assert_eq!(invoice["credits_ore"], 0);
        assert_eq!(invoice["total_ore"], 32_348_952);
        assert_eq!(
            invoice["per_administration"][0]["administration"],
            "Kommunledning"
        );
        assert_eq!(invoice["per_administration"][0]["amount_ore"], 32_348_952);
        let csv = t
            .request(
                Method::GET,
                "/api/v1/members/YST/invoices/2027-03?format=csv",
                Some(orderer),
                Body::empty(),
                &[],
            )
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        let text = String::from_utf8(csv.body.clone()).unwrap();
        assert!(text.starts_with("member,month,kind,"), "{text}");
        assert!(text.ends_with(",32348952\n"), "{text}");
        let again = t
            .request(
                Method::GET,
                "/api/v1/members/YST/invoices/2027-03?format=csv",
                Some(orderer),
                Body::empty(),
                &[],
            )
            .await;
        assert_eq!(
            again.body, csv.body,
            "identical input gives identical bytes"
        );
        let machine = t
            .request(
                Method::GET,
                "/api/v1/members/YST/invoices/2027-03?format=csv-machine&lang=sv",
                Some(orderer),
                Body::empty(),
                &[],
            )
            .await;
        assert_eq!(machine.body, csv.body, "csv-machine is the machine format");
        let swedish = t
            .request(
                Method::GET,
                "/api/v1/members/YST/invoices/2027-03?format=csv&lang=sv",
                Some(orderer),
                Body::empty(),
                &[],
            )
            .await;
        let sv = String::from_utf8(swedish.body.clone()).unwrap();
        assert!(sv.starts_with("Medlem;Månad;Typ;"), "{sv}");
        assert!(
            sv.contains("Belopp (kr)") && sv.contains(";Abonnemang;"),
            "{sv}"
        );
        assert!(sv.ends_with(";Summa;;;;;;;;323489,52\n"), "{sv}");
        let english = t
            .request(
                Method::GET,
                "/api/v1/members/YST/invoices/2027-03?format=csv&lang=en",
                Some(orderer),
                Body::empty(),
                &[],
            )
            .await;
        let en = String::from_utf8(english.body).unwrap();
        assert!(en.starts_with("Member,Month,Kind,"), "{en}");
        assert!(en.ends_with(",Total,,,,,,,,323489.52\n"), "{en}");
        assert_eq!(
            t.get("/api/v1/members/YST/invoices/2027-03", user)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let r = t
            .get(
                "/api/v1/members/YST/invoices/2027-03",
                f.token("sim.orderer"),
            )
            .await;
        assert_eq!(
            r.status, unknown.status,
            "SIM's orderer cannot tell YST exists"
        );
        assert_eq!(
            t.get("/api/v1/members/YST/invoices/2027-13", orderer)
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );

        // Next year's budget: 450 × 9 270 kr = 4 171 500 kr.
        let budget = ok(
            &t.get("/api/v1/members/YST/budget?year=2028", orderer).await,
            StatusCode::OK,
        );
        assert_eq!(budget["total_ore"], 417_150_000);
    }
}

#[tokio::test]
async fn a_rejected_request_ends_with_the_reason_shown_to_the_requester() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        catalog(&t, admin).await;
        let yst_id = f.members["YST"]["id"].as_str().unwrap().to_owned();
        let adm_id = t
            .get(&format!("/api/v1/members/{yst_id}/administrations"), admin)
            .await
            .json()[0]["id"]
            .clone();
        let orderer = f.token("yst.orderer");
        let placed = ok(
            &t.post("/api/v1/members/YST/orders", orderer, json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": 10, "effective_on": "2027-03-01"})).await,
            StatusCode::CREATED,
        );
        assert_eq!(placed["status"], "applied", "a small order applies at once");
        // No manager recorded: the orderer decides every approval.
        let user = f.token("yst.end_user");
        let ticket = ok(
            &t.post(
                "/api/v1/requests",
                user,
                json!({"item": "SW-INSTALL", "answers": {"software": "GIMP", "computer": "YST-2"}}),
            )
            .await,
            StatusCode::CREATED,
        );
        let id = ticket["id"].as_str().unwrap();
        let path = format!("/api/v1/tickets/{id}/request/approvals/0");
        let r = t.post(&path, orderer, json!({"decision": "reject"})).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a rejection needs a reason"
        );
        let r = ok(
            &t.post(
                &path,
                orderer,
                json!({"decision": "reject", "reason": "Använd GIMP från skolans lista i stället"}),
            )
            .await,
            StatusCode::OK,
        );
        assert_eq!(r["state"], "rejected");
        assert!(
            r["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|t| t["state"] == "cancelled")
        );
        let seen = t.get(&format!("/api/v1/tickets/{id}"), user).await.json();
        assert_eq!(seen["status"], "cancelled");
        let comments = t
            .get(&format!("/api/v1/tickets/{id}/comments"), user)
            .await
            .json();
        assert!(comments.to_string().contains("skolans lista"), "{comments}");
        assert_eq!(
            t.post(&path, orderer, json!({"decision": "approve"}))
                .await
                .status,
            StatusCode::CONFLICT
        );
        // A withdrawn order: only one awaiting confirmation can be withdrawn.
        let big = ok(
            &t.post("/api/v1/members/YST/orders", orderer, json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": 100, "effective_on": "2027-04-01"})).await,
            StatusCode::CREATED,
        );
        let cancel = format!(
            "/api/v1/members/YST/orders/{}/cancel",
            big["id"].as_str().unwrap()
        );
        let r = ok(
            &post_versioned(&t, &cancel, orderer, 1, json!({})).await,
            StatusCode::OK,
        );
        assert_eq!(r["status"], "cancelled");
        assert_eq!(
            post_versioned(&t, &cancel, orderer, 2, json!({}))
                .await
                .status,
            StatusCode::CONFLICT
        );
    }
}

#[tokio::test]
async fn another_members_roles_cannot_see_or_decide_a_request() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        catalog(&t, admin).await;
        let yst_id = f.members["YST"]["id"].as_str().unwrap().to_owned();
        let adm_id = t
            .get(&format!("/api/v1/members/{yst_id}/administrations"), admin)
            .await
            .json()[0]["id"]
            .clone();
        ok(
            &t.post("/api/v1/members/YST/orders", f.token("yst.orderer"), json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": 10, "effective_on": "2027-03-01"})).await,
            StatusCode::CREATED,
        );
        let ticket = ok(
            &t.post("/api/v1/requests", f.token("yst.end_user"), json!({"item": "SW-INSTALL", "answers": {"software": "SPSS", "computer": "zebrafink"}})).await,
            StatusCode::CREATED,
        );
        let id = ticket["id"].as_str().unwrap();
        const MISSING: &str = "01890000-0000-7000-8000-000000000000";
        for role in ["end_user", "orderer", "strategist"] {
            let token = f.token(&format!("sim.{role}"));
            for (method, path, body) in [
                (Method::GET, "/api/v1/tickets/{t}/request", None),
                (
                    Method::POST,
                    "/api/v1/tickets/{t}/request/approvals/0",
                    Some(json!({"decision": "approve"})),
                ),
                (
                    Method::POST,
                    "/api/v1/tickets/{t}/request/approvals/1",
                    Some(json!({"decision": "reject", "reason": "x"})),
                ),
            ] {
                let mut answers = Vec::new();
                for target in [id, MISSING] {
                    let p = path.replace("{t}", target);
                    let r = match &body {
                        Some(b) => t.send(method.clone(), &p, token, b.clone()).await,
                        None => t.get(&p, token).await,
                    };
                    assert!(!String::from_utf8_lossy(&r.body).contains("zebrafink"));
                    answers.push((r.status, r.json()["detail"].clone()));
                }
                assert_eq!(
                    answers[0], answers[1],
                    "[{}] sim.{role} {method} {path}",
                    t.backend
                );
                assert_eq!(answers[0].0, StatusCode::NOT_FOUND);
            }
            let waiting = t.get("/api/v1/approvals", token).await;
            assert_eq!(waiting.json(), json!([]), "[{}] sim.{role}", t.backend);
        }
        // The YST orderer still decides, untouched by the probes.
        let view = ok(
            &t.get(
                &format!("/api/v1/tickets/{id}/request"),
                f.token("yst.orderer"),
            )
            .await,
            StatusCode::OK,
        );
        assert!(
            view["approvals"]
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a["state"] == "pending")
        );
    }
}

#[tokio::test]
async fn penalties_take_the_fee_from_the_subscriptions_and_are_credited_on_the_invoice() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        catalog(&t, admin).await;
        let yst_id = f.members["YST"]["id"].as_str().unwrap().to_owned();
        let adm_id = t
            .get(&format!("/api/v1/members/{yst_id}/administrations"), admin)
            .await
            .json()[0]["id"]
            .clone();
        let orderer = f.token("yst.orderer");
        ok(
            &t.post("/api/v1/members/YST/orders", orderer, json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": 10, "effective_on": "2027-03-01"})).await,
            StatusCode::CREATED,
        );
        let day = json!([["00:00", "24:00"]]);
        let cal = ok(
            &t.post("/api/v1/calendars", admin, json!({"name": "Dygnet runt", "weekly_hours": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day, "sat": day, "sun": day}})).await,
            StatusCode::CREATED,
        );
        let target =
            json!({"response_seconds": 60, "resolution_seconds": 600, "calendar_id": cal["id"]});
        let targets = json!({"P1": target, "P2": target, "P3": target, "P4": target});
        // The agreement still names a fee for WORKPLACE; the subscriptions overrule it.
        ok(
            &t.post("/api/v1/agreements", admin, json!({"member": "YST", "name": "Avtal 2027", "valid_from": "2027-01-01", "valid_to": "2027-12-31",
                "entries": [
                    {"targets": targets},
                    {"service": "WORKPLACE", "targets": targets, "monthly_fee_ore": 999,
                     "penalties": [{"kind": "compliance_share", "clock": "resolution", "priorities": ["P1", "P2", "P3", "P4"],
                                    "threshold_bp": 9500, "per_point_bp": 200, "cap_bp": 2000}]}
                ]})).await,
            StatusCode::CREATED,
        );
        let services = t.get("/api/v1/services", admin).await.json();
        let workplace = services
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["code"] == "WORKPLACE")
            .unwrap()["id"]
            .clone();
        let ticket = ok(
            &t.post("/api/v1/tickets", f.token("yst.end_user"), json!({"type": "incident", "service_id": workplace, "title": "Datorn startar inte", "impact": 2, "urgency": 2})).await,
            StatusCode::CREATED,
        );
        t.advance(3600);
        let id = ticket["id"].as_str().unwrap();
        let r = t
            .patch(
                &format!("/api/v1/tickets/{id}"),
                f.token("agent"),
                ticket["version"].as_i64().unwrap(),
                json!({"status": "resolved", "resolution": "Nytt nätaggregat"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        // One ticket, breached: 0 % against 95 % is 95 started points × 2 %,
        // capped at 20 % of March's fee for WORKPLACE from the subscriptions:
        // 10 × 9 000 kr ÷ 12 = 7 500 kr = 750 000 öre; 20 % = 150 000 öre.
        let report = ok(
            &t.get(
                "/api/v1/reports/sla?member=YST&from=2027-03-01&to=2027-04-01",
                orderer,
            )
            .await,
            StatusCode::OK,
        );
        assert_eq!(
            report["penalties"][0]["monthly_fee_ore"], 750_000,
            "{report:#}"
        );
        assert_eq!(report["penalties"][0]["amount_ore"], 150_000);
        let invoice = ok(
            &t.get("/api/v1/members/YST/invoices/2027-03", orderer).await,
            StatusCode::OK,
        );
        assert_eq!(invoice["charges_ore"], 750_000);
        assert_eq!(invoice["credits_ore"], -150_000);
        assert_eq!(invoice["total_ore"], 600_000);
        let credit = invoice["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["kind"] == "credit")
            .unwrap()
            .clone();
        assert_eq!(credit["amount_ore"], -150_000);
        assert!(
            credit["reference"]
                .as_str()
                .unwrap()
                .starts_with("2027-03 WORKPLACE"),
            "{credit}"
        );
    }
}
