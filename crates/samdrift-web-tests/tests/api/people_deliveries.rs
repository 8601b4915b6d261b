//! People from the members' HR and school systems: a delivery is compared
//! with the register, shown, and applied in one transaction; joiners get
//! accounts, movers and leavers are recorded with why; a leaver's account
//! stops; personnummer are sealed and shown masked; members stay apart.

use crate::harness::*;
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

const HEADER: &str = "employee_number;personnummer;given_name;family_name;email;administration;title;manager;start_date;end_date";

fn hr_file(lines: &[&str]) -> String {
    let mut text = HEADER.to_owned();
    for l in lines {
        text.push('\n');
        text.push_str(l);
    }
    text.push('\n');
    text
}

const ANNA: &str =
    "1001;19811218-9876;Anna;Svensson;anna@ystad.se;Barn och utbildning;Rektor;;2020-08-01;";
const BO: &str = "1002;;Bo;Ek;bo@ystad.se;Vård och omsorg;Undersköterska;1001;2021-01-01;";
const CARL: &str = "1003;;Carl;Lund;carl@ystad.se;Kultur;Bibliotekarie;;2019-05-01;";

async fn deliver(t: &TestApp, token: &str, member: &str, query: &str, file: &str) -> Response {
    t.request(
        Method::POST,
        &format!("/api/v1/members/{member}/people-deliveries?{query}"),
        Some(token),
        Body::from(file.to_owned()),
        &[("content-type", "text/csv")],
    )
    .await
}

async fn apply(t: &TestApp, token: &str, delivery: &Value, confirm: bool) -> Response {
    let etag = format!("\"{}\"", delivery["version"]);
    t.request(
        Method::POST,
        &format!(
            "/api/v1/people-deliveries/{}/apply",
            delivery["id"].as_str().unwrap()
        ),
        Some(token),
        Body::from(json!({"confirm": confirm}).to_string()),
        &[("content-type", "application/json"), ("if-match", &etag)],
    )
    .await
}

async fn person_id(t: &TestApp, token: &str, email: &str) -> String {
    let found = t
        .get(&format!("/api/v1/people?q={email}"), token)
        .await
        .json();
    found[0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no person {email}"))
        .to_owned()
}

fn kinds(history: &Value) -> Vec<String> {
    history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_second_delivery_adds_the_joiner_moves_the_mover_and_ends_the_leaver() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let first = deliver(
            &t,
            admin,
            "YST",
            "source=hr&full=true",
            &hr_file(&[ANNA, BO, CARL]),
        )
        .await;
        assert_eq!(
            first.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&first.body)
        );
        let first = first.json();
        assert_eq!(first["state"], "previewed");
        assert_eq!(first["summary"]["joiners"], 3);
        assert_eq!(first["joiners"][1]["name"], "Bo Ek");
        assert_eq!(
            t.get("/api/v1/people?q=carl@ystad.se", admin).await.json(),
            json!([]),
            "a preview changes nothing"
        );
        let applied = apply(&t, admin, &first, false).await;
        assert_eq!(
            applied.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&applied.body)
        );
        assert_eq!(applied.json()["state"], "applied");
        assert_eq!(
            apply(&t, admin, &first, false).await.status,
            StatusCode::PRECONDITION_FAILED,
            "applied once only"
        );
        let carl_account = t
            .store
            .account_by_username("carl@ystad.se")
            .await
            .unwrap()
            .expect("a joiner gets an account");
        assert!(!carl_account.disabled);
        let carl_token = t.app.create_token("carl@ystad.se").await.unwrap();
        assert_eq!(
            t.get("/api/v1/me", &carl_token).await.status,
            StatusCode::OK
        );

        let moved = BO.replace("Vård och omsorg", "Samhällsbyggnad");
        let dana = "1004;;Dana;Berg;dana@ystad.se;Kultur;Bibliotekarie;;2027-03-01;";
        let second = deliver(
            &t,
            admin,
            "YST",
            "source=hr&full=true",
            &hr_file(&[ANNA, &moved, dana]),
        )
        .await
        .json();
        assert_eq!(
            (
                second["summary"]["joiners"].clone(),
                second["summary"]["movers"].clone(),
                second["summary"]["leavers"].clone()
            ),
            (json!(1), json!(1), json!(1))
        );
        assert_eq!(second["leavers"][0]["name"], "Carl Lund");
        assert_eq!(second["leavers"][0]["reason"], "missing");
        assert_eq!(second["state"], "waiting", "one of three is more than 5 %");
        let refused = apply(&t, admin, &second, false).await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert!(refused.is_problem());
        assert_eq!(
            apply(&t, f.token("manager"), &second, true).await.status,
            StatusCode::CONFLICT,
            "only an administrator confirms"
        );
        assert_eq!(apply(&t, admin, &second, true).await.status, StatusCode::OK);

        assert!(
            t.store
                .account_by_username("carl@ystad.se")
                .await
                .unwrap()
                .unwrap()
                .disabled
        );
        assert_eq!(
            t.get("/api/v1/me", &carl_token).await.status,
            StatusCode::UNAUTHORIZED,
            "a leaver's token stops"
        );
        let bo = person_id(&t, admin, "bo@ystad.se").await;
        let history = t
            .get(&format!("/api/v1/people/{bo}/history"), admin)
            .await
            .json();
        assert_eq!(kinds(&history), vec!["joined", "moved"]);
        assert_eq!(
            history[1]["changes"],
            json!([{"field": "administration", "old": "Vård och omsorg", "new": "Samhällsbyggnad"}])
        );
        assert_eq!(history[1]["delivery_id"], second["id"]);
        let carl = t
            .store
            .find_people(
                &samdrift_domain::scope::MemberFilter::All,
                None,
                Some("carl@ystad.se"),
                1,
            )
            .await
            .unwrap();
        let carl_history = t
            .get(&format!("/api/v1/people/{}/history", carl[0].id), admin)
            .await
            .json();
        assert_eq!(kinds(&carl_history), vec!["joined", "left"]);
        assert_eq!(carl_history[1]["reason"], "missing");
        let identity = t
            .get(&format!("/api/v1/people/{bo}/identity"), admin)
            .await
            .json();
        assert_eq!(identity["administration"], "Samhällsbyggnad");
        assert_eq!(identity["manager"], "1001");
    }
}

#[tokio::test]
async fn a_file_with_errors_is_refused_whole_with_each_line_named() {
    for t in backends().await {
        let f = federation(&t).await;
        let bad = hr_file(&[
            ANNA,
            "1002;;Bo;;bo-at-ystad;Vård;;;2021-13-01;",
            "1001;;Anna;Again;anna2@ystad.se;;;;;",
        ]);
        let r = deliver(&t, f.token("admin"), "YST", "source=hr", &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.is_problem());
        let fields: Vec<String> = r.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            fields,
            vec![
                "line 3: family_name",
                "line 3: email",
                "line 3: start_date",
                "line 4: key"
            ]
        );
        assert_eq!(
            t.get("/api/v1/people-deliveries", f.token("admin"))
                .await
                .json(),
            json!([]),
            "nothing kept"
        );
        assert_eq!(
            t.get("/api/v1/people?q=anna@ystad.se", f.token("admin"))
                .await
                .json(),
            json!([])
        );
    }
}

#[tokio::test]
async fn the_personnummer_is_sealed_at_rest_and_shown_whole_only_to_administrators() {
    for t in backends().await {
        let f = federation(&t).await;
        let d = deliver(&t, f.token("admin"), "YST", "source=hr", &hr_file(&[ANNA]))
            .await
            .json();
        let kept = t
            .store
            .get_delivery(
                &samdrift_domain::scope::MemberFilter::All,
                d["id"].as_str().unwrap().parse().unwrap(),
            )
            .await
            .unwrap()
            .unwrap();
        assert!(
            !kept.people.contains("9876"),
            "the waiting delivery holds no number in the clear"
        );
        assert!(kept.people.contains("19811218-XXXX"), "only masked");
        apply(&t, f.token("admin"), &d, false).await;
        let anna = person_id(&t, f.token("admin"), "anna@ystad.se").await;
        let row = t
            .store
            .sourced_person(
                &samdrift_domain::scope::MemberFilter::All,
                anna.parse().unwrap(),
            )
            .await
            .unwrap()
            .unwrap();
        assert_ne!(row.pnr_hash.as_deref(), None);
        assert!(!row.pnr_hash.unwrap().contains("198112189876"));
        let sealed = t
            .store
            .sealed_personnummer(
                &samdrift_domain::scope::MemberFilter::All,
                anna.parse().unwrap(),
            )
            .await
            .unwrap()
            .unwrap();
        assert!(!sealed.contains("9876"));
        let shown = t
            .get(
                &format!("/api/v1/people/{anna}/identity"),
                f.token("manager"),
            )
            .await
            .json();
        assert_eq!(shown["personnummer"], "19811218-XXXX");
        let refused = t
            .get(
                &format!("/api/v1/people/{anna}/identity?reveal=true"),
                f.token("manager"),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let revealed = t
            .get(
                &format!("/api/v1/people/{anna}/identity?reveal=true"),
                f.token("admin"),
            )
            .await
            .json();
        assert_eq!(revealed["personnummer"], "19811218-9876");
        let listed = t.get("/api/v1/people?q=anna", f.token("admin")).await;
        assert!(!String::from_utf8_lossy(&listed.body).contains("9876"));
        let without_key = samdrift_app::App::new(
            t.store.clone(),
            t.clock.clone(),
            samdrift_app::Settings::default(),
        );
        let refused = without_key
            .receive_delivery(
                &without_key.system_scope(),
                samdrift_domain::ids::MemberId(
                    f.members["YST"]["id"].as_str().unwrap().parse().unwrap(),
                ),
                samdrift_domain::identity::source::SourceKind::Hr,
                false,
                samdrift_app::identity::delivery_file::DeliveryFormat::Csv,
                hr_file(&[ANNA]).as_bytes(),
            )
            .await;
        assert!(
            matches!(refused, Err(samdrift_app::AppError::Conflict(m)) if m.code == "delivery.no_personnummer_key")
        );
    }
}

#[tokio::test]
async fn members_reach_neither_another_members_deliveries_nor_its_people() {
    for t in backends().await {
        let f = federation(&t).await;
        let d = deliver(&t, f.token("admin"), "YST", "source=hr", &hr_file(&[ANNA]))
            .await
            .json();
        apply(&t, f.token("admin"), &d, false).await;
        let anna = person_id(&t, f.token("admin"), "anna@ystad.se").await;
        for who in ["sim.orderer", "sim.strategist", "sim.end_user"] {
            let token = f.token(who);
            assert_eq!(
                t.get(&format!("/api/v1/people/{anna}/identity"), token)
                    .await
                    .status,
                StatusCode::NOT_FOUND,
                "{who}"
            );
            assert_eq!(
                t.get(&format!("/api/v1/people/{anna}/history"), token)
                    .await
                    .status,
                StatusCode::NOT_FOUND,
                "{who}"
            );
            let d_path = format!("/api/v1/people-deliveries/{}", d["id"].as_str().unwrap());
            let r = t.get(&d_path, token).await;
            assert!(
                matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{who}: {}",
                r.status
            );
            assert!(!String::from_utf8_lossy(&r.body).contains("Anna"));
            let pushed = deliver(&t, token, "YST", "source=hr", &hr_file(&[BO])).await;
            assert!(
                matches!(pushed.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{who}: {}",
                pushed.status
            );
        }
        let own = t
            .get(
                &format!("/api/v1/people/{anna}/identity"),
                f.token("yst.orderer"),
            )
            .await
            .json();
        assert_eq!(
            own["personnummer"], "19811218-XXXX",
            "the member's orderer sees the masked number"
        );
    }
}

#[tokio::test]
async fn a_leaver_stops_at_the_end_of_their_last_day_in_stockholm() {
    for t in backends().await {
        let f = federation(&t).await;
        // The test clock is 2027-03-01 09:00 in Stockholm.
        let leaving = "1003;;Carl;Lund;carl@ystad.se;Kultur;Bibliotekarie;;2019-05-01;2027-03-01";
        let d = deliver(
            &t,
            f.token("admin"),
            "YST",
            "source=hr",
            &hr_file(&[ANNA, leaving]),
        )
        .await
        .json();
        assert_eq!(d["summary"]["joiners"], 2, "a last day today is not over");
        apply(&t, f.token("admin"), &d, false).await;
        let token = t.app.create_token("carl@ystad.se").await.unwrap();
        t.advance(14 * 3600 + 59 * 60); // 23:59
        assert_eq!(t.app.end_people_past_last_day().await.unwrap(), 0);
        assert_eq!(t.get("/api/v1/me", &token).await.status, StatusCode::OK);
        t.advance(120); // 00:01 the next day
        assert_eq!(t.app.end_people_past_last_day().await.unwrap(), 1);
        assert_eq!(
            t.get("/api/v1/me", &token).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(t.app.end_people_past_last_day().await.unwrap(), 0, "once");
        let carl = t
            .store
            .find_people(
                &samdrift_domain::scope::MemberFilter::All,
                None,
                Some("carl@ystad.se"),
                1,
            )
            .await
            .unwrap();
        let history = t
            .get(
                &format!("/api/v1/people/{}/history", carl[0].id),
                f.token("admin"),
            )
            .await
            .json();
        assert_eq!(kinds(&history), vec!["joined", "left"]);
        assert_eq!(history[1]["reason"], "end_date");
    }
}

#[tokio::test]
async fn a_teacher_of_two_members_keeps_one_account_and_leaving_one_member_keeps_the_other() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let teacher = "2001;;Eva;Lärare;eva@skolor.se;Barn och utbildning;Lärare;;2020-01-01;";
        for member in ["YST", "SIM"] {
            let d = deliver(
                &t,
                admin,
                member,
                "source=hr&full=true",
                &hr_file(&[
                    teacher,
                    ANNA.replace("anna@", &format!("anna.{member}@")).as_str(),
                ]),
            )
            .await
            .json();
            assert_eq!(apply(&t, admin, &d, false).await.status, StatusCode::OK);
        }
        let account = t
            .store
            .account_by_username("eva@skolor.se")
            .await
            .unwrap()
            .unwrap();
        let roles = t
            .store
            .account_roles(samdrift_domain::ids::AccountId(account.id))
            .await
            .unwrap();
        assert_eq!(roles.len(), 2, "one account, a role in each member");
        let d = deliver(
            &t,
            admin,
            "YST",
            "source=hr&full=true",
            &hr_file(&[&ANNA.replace("anna@", "anna.YST@")]),
        )
        .await
        .json();
        assert_eq!(apply(&t, admin, &d, true).await.status, StatusCode::OK);
        let account = t
            .store
            .account_by_username("eva@skolor.se")
            .await
            .unwrap()
            .unwrap();
        assert!(!account.disabled, "still a teacher in SIM");
        let roles = t
            .store
            .account_roles(samdrift_domain::ids::AccountId(account.id))
            .await
            .unwrap();
        assert_eq!(
            roles
                .iter()
                .map(|r| r.member_id.to_string())
                .collect::<Vec<_>>(),
            vec![f.members["SIM"]["id"].as_str().unwrap().to_owned()]
        );
    }
}

#[tokio::test]
async fn a_leaver_is_forgotten_after_the_members_retention_period() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let carl = CARL.replacen("1003;;", "1003;19811218-9876;", 1);
        let first = deliver(
            &t,
            admin,
            "YST",
            "source=hr&full=true",
            &hr_file(&[BO, &carl]),
        )
        .await
        .json();
        assert_eq!(apply(&t, admin, &first, false).await.status, StatusCode::OK);
        let kept = t
            .store
            .get_delivery(
                &samdrift_domain::scope::MemberFilter::All,
                first["id"].as_str().unwrap().parse().unwrap(),
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(kept.people, "[]", "an applied delivery keeps no people");
        let carl_id = person_id(&t, admin, "carl@ystad.se").await;
        let second = deliver(&t, admin, "YST", "source=hr&full=true", &hr_file(&[BO]))
            .await
            .json();
        assert_eq!(apply(&t, admin, &second, true).await.status, StatusCode::OK);
        t.advance(364 * 86_400);
        assert_eq!(
            t.app.forget_people_past_retention().await.unwrap(),
            0,
            "kept for 365 days"
        );
        t.advance(2 * 86_400);
        assert_eq!(t.app.forget_people_past_retention().await.unwrap(), 1);
        assert_eq!(
            t.app.forget_people_past_retention().await.unwrap(),
            0,
            "once"
        );
        let shown = t
            .get(
                &format!("/api/v1/people/{carl_id}/identity?reveal=true"),
                admin,
            )
            .await
            .json();
        assert_eq!(shown["name"], "–");
        assert_eq!(shown["personnummer"], Value::Null);
        assert_eq!(shown["title"], Value::Null);
        assert!(!shown["email"].as_str().unwrap().contains("carl"));
        let history = t
            .get(&format!("/api/v1/people/{carl_id}/history"), admin)
            .await
            .json();
        assert_eq!(kinds(&history), vec!["joined", "left"], "the steps stay");
        assert!(
            t.store
                .account_by_username("carl@ystad.se")
                .await
                .unwrap()
                .is_none(),
            "the account no longer carries the e-mail"
        );
        let bo = person_id(&t, admin, "bo@ystad.se").await;
        assert_eq!(
            t.get(&format!("/api/v1/people/{bo}/identity"), admin)
                .await
                .json()["name"],
            "Bo Ek",
            "people still there are kept"
        );
    }
}

#[tokio::test]
async fn entitlement_rules_turn_joiners_movers_and_leavers_into_fulfilment_tasks() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let group = f.group["id"].as_str().unwrap();
        let vague = t
            .post(
                "/api/v1/members/YST/entitlement-rules",
                admin,
                json!({"name": "Alla", "grant_task": "x", "removal_task": "y", "group_id": group}),
            )
            .await;
        assert_eq!(
            vague.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a rule for everyone is refused"
        );
        let rule = t
            .post(
                "/api/v1/members/YST/entitlement-rules",
                admin,
                json!({"name": "Vårdsystemet", "title": "undersköterska", "grant_task": "Ge behörighet i vårdsystemet", "removal_task": "Ta bort behörighet i vårdsystemet", "group_id": group}),
            )
            .await;
        assert_eq!(
            rule.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&rule.body)
        );
        let first = deliver(
            &t,
            admin,
            "YST",
            "source=hr&full=true",
            &hr_file(&[ANNA, BO]),
        )
        .await
        .json();
        assert_eq!(apply(&t, admin, &first, false).await.status, StatusCode::OK);
        let preview = t
            .post(
                "/api/v1/members/YST/entitlement-rules/preview",
                admin,
                json!({"title": "Undersköterska"}),
            )
            .await
            .json();
        assert_eq!(preview, json!({"count": 1, "names": ["Bo Ek"]}));

        assert_eq!(
            request_tasks(&t, admin).await,
            vec!["Behörigheter: Bo Ek: Ge behörighet i vårdsystemet"],
            "only the one the rule matches"
        );
        let moved = BO.replace("Undersköterska", "Handläggare");
        let second = deliver(
            &t,
            admin,
            "YST",
            "source=hr&full=true",
            &hr_file(&[ANNA, &moved]),
        )
        .await
        .json();
        assert_eq!(
            apply(&t, admin, &second, false).await.status,
            StatusCode::OK
        );
        assert_eq!(
            request_tasks(&t, admin).await,
            vec![
                "Behörigheter: Bo Ek: Ge behörighet i vårdsystemet",
                "Behörigheter: Bo Ek: Ta bort behörighet i vårdsystemet"
            ]
        );
        let listed = t
            .get("/api/v1/members/YST/entitlement-rules", admin)
            .await
            .json();
        assert_eq!(listed.as_array().unwrap().len(), 1);
        assert_eq!(
            t.get(
                "/api/v1/members/YST/entitlement-rules",
                f.token("sim.orderer")
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let id = listed[0]["id"].as_str().unwrap();
        assert_eq!(
            t.send(
                Method::DELETE,
                &format!("/api/v1/entitlement-rules/{id}"),
                f.token("sim.orderer"),
                json!({})
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            t.send(
                Method::DELETE,
                &format!("/api/v1/entitlement-rules/{id}"),
                admin,
                json!({})
            )
            .await
            .status,
            StatusCode::NO_CONTENT
        );
    }
}

/// Every task of YST's request tickets as "ticket title: task title".
async fn request_tasks(t: &TestApp, token: &str) -> Vec<String> {
    let list = t
        .get("/api/v1/tickets?member=YST&type=request&limit=50", token)
        .await
        .json();
    let mut titles = Vec::new();
    for item in list["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let request = t
            .get(&format!("/api/v1/tickets/{id}/request"), token)
            .await
            .json();
        for task in request["tasks"].as_array().unwrap() {
            titles.push(format!(
                "{}: {}",
                item["title"].as_str().unwrap(),
                task["title"].as_str().unwrap()
            ));
        }
    }
    titles.sort();
    titles
}
