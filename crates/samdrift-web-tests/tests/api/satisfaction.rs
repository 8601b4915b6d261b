//! Customer satisfaction: a resolved ticket's requester is asked by the
//! member's sample and quiet period; they rate once, on the ticket's page
//! or through the link (whose GET records nothing); results per member,
//! service, group, month and technician, read as each role may; members'
//! surveys whose answers carry nothing that leads back to a person, with
//! their response rate; and the demo's ratings and survey.

use crate::forms::{Browser, html};
use crate::harness::{PASSWORD, Response, TestApp, backends, federation, report};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use samdrift_app::Store;
use serde_json::{Value, json};

/// Resolves a ticket as the agent (from new).
async fn resolve(t: &TestApp, agent: &str, ticket: &Value) {
    let path = format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap());
    let version = t.get(&path, agent).await.json()["version"]
        .as_i64()
        .unwrap();
    let r = t
        .patch(
            &path,
            agent,
            version,
            json!({"status": "resolved", "resolution": "Löst"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}

/// A ticket reported by `user` and resolved by the agent.
async fn resolved(t: &TestApp, agent: &str, user: &str, title: &str) -> Value {
    let ticket = report(t, user, None, title).await;
    resolve(t, agent, &ticket).await;
    ticket
}

async fn rating_state(t: &TestApp, user: &str, ticket: &Value) -> String {
    let path = format!("/api/v1/tickets/{}/rating", ticket["id"].as_str().unwrap());
    let r = t.get(&path, user).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()["state"].as_str().unwrap().to_owned()
}

async fn rate(t: &TestApp, user: &str, ticket: &Value, rating: i64) -> Response {
    let path = format!("/api/v1/tickets/{}/rating", ticket["id"].as_str().unwrap());
    t.post(&path, user, json!({"rating": rating, "comment": "Tack!"}))
        .await
}

async fn put_settings(t: &TestApp, token: &str, code: &str, etag: &str, body: Value) -> Response {
    let path = format!("/api/v1/members/{code}/satisfaction-settings");
    let mut headers = vec![("content-type", "application/json")];
    if !etag.is_empty() {
        headers.push(("if-match", etag));
    }
    t.request(
        Method::PUT,
        &path,
        Some(token),
        Body::from(body.to_string()),
        &headers,
    )
    .await
}

async fn execute(t: &TestApp, sql: String, id: uuid::Uuid) {
    match &t.store {
        Store::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id)
            .execute(p)
            .await
            .map(|_| ()),
        Store::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .unwrap();
}

/// The column names of a table.
async fn columns(t: &TestApp, table: &str) -> Vec<String> {
    let mut names: Vec<String> = match &t.store {
        Store::Sqlite(p) => sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
            .bind(table)
            .fetch_all(p)
            .await
            .unwrap(),
        Store::Postgres(p) => sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = $1",
        )
        .bind(table)
        .fetch_all(p)
        .await
        .unwrap(),
    };
    names.sort();
    names
}

#[tokio::test]
async fn requesters_are_asked_by_the_members_sample_and_quiet_period() {
    for t in backends().await {
        let f = federation(&t).await;
        let (agent, user, admin) = (f.token("agent"), f.token("yst.end_user"), f.token("admin"));
        let first = resolved(&t, agent, user, "Skrivaren").await;
        assert_eq!(
            rating_state(&t, user, &first).await,
            "open",
            "{}",
            t.backend
        );
        let second = resolved(&t, agent, user, "Skärmen").await;
        assert_eq!(
            rating_state(&t, user, &second).await,
            "none",
            "asked once in 30 days"
        );
        t.advance(31 * 86_400);
        let third = resolved(&t, agent, user, "Tangentbordet").await;
        assert_eq!(rating_state(&t, user, &third).await, "open");

        // The settings: admins only, with If-Match.
        let path = "/api/v1/members/YST/satisfaction-settings";
        let r = t.get(path, admin).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json(), json!({"sampling_percent": 100, "quiet_days": 30}));
        assert_eq!(r.headers["etag"], "\"1\"");
        assert_eq!(
            t.get(path, f.token("yst.orderer")).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            t.get(path, f.token("sim.orderer")).await.status,
            StatusCode::NOT_FOUND
        );
        let body = json!({"sampling_percent": 50, "quiet_days": 0});
        assert_eq!(
            put_settings(&t, admin, "YST", "", body.clone())
                .await
                .status,
            StatusCode::PRECONDITION_REQUIRED
        );
        let bad = json!({"sampling_percent": 101, "quiet_days": 0});
        assert_eq!(
            put_settings(&t, admin, "YST", "\"1\"", bad).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let r = put_settings(&t, admin, "YST", "\"1\"", body.clone()).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.headers["etag"], "\"2\"");
        assert_eq!(
            put_settings(&t, admin, "YST", "\"1\"", body).await.status,
            StatusCode::PRECONDITION_FAILED
        );

        // Half are sampled, decided by the ticket's id alone.
        for i in 0..8 {
            let ticket = resolved(&t, agent, user, &format!("Ärende {i}")).await;
            let id: uuid::Uuid = ticket["id"].as_str().unwrap().parse().unwrap();
            let expected = if samdrift_domain::satisfaction::sampled(id, 50) {
                "open"
            } else {
                "none"
            };
            assert_eq!(
                rating_state(&t, user, &ticket).await,
                expected,
                "ticket {i}"
            );
        }
    }
}

#[tokio::test]
async fn a_ticket_is_rated_once_from_the_api_the_portal_or_the_link() {
    for t in backends().await {
        let f = federation(&t).await;
        let (agent, user) = (f.token("agent"), f.token("yst.end_user"));
        let ticket = resolved(&t, agent, user, "Skrivaren").await;
        assert_eq!(
            rate(&t, user, &ticket, 6).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            rate(&t, f.token("yst.orderer"), &ticket, 5).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            rate(&t, f.token("sim.orderer"), &ticket, 5).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            rate(&t, f.token("sim.end_user"), &ticket, 5).await.status,
            StatusCode::NOT_FOUND
        );
        let r = rate(&t, user, &ticket, 5).await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let again = rate(&t, user, &ticket, 1).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(again.is_problem());
        assert!(
            again.json()["detail"]
                .as_str()
                .unwrap()
                .contains("already been rated")
        );
        assert_eq!(rating_state(&t, user, &ticket).await, "rated");

        // The link: GET shows the form and records nothing; POST records.
        t.advance(31 * 86_400);
        let linked = resolved(&t, agent, user, "Skärmen").await;
        let id: uuid::Uuid = linked["id"].as_str().unwrap().parse().unwrap();
        let hash = samdrift_app::auth::sha256_hex(b"a-known-token");
        execute(
            &t,
            format!("UPDATE satisfaction_requests SET token_hash = '{hash}' WHERE ticket_id = $1"),
            id,
        )
        .await;
        let form = [("content-type", "application/x-www-form-urlencoded")];
        for _ in 0..3 {
            let r = t
                .request(Method::GET, "/rate/a-known-token", None, Body::empty(), &[])
                .await;
            assert_eq!(r.status, StatusCode::OK);
            let page = html(&r);
            assert!(
                page.contains("<legend>")
                    && page.contains("Mycket missnöjd")
                    && page.contains("Mycket nöjd")
            );
            assert!(page.contains("name=\"rating\" value=\"5\""));
        }
        assert_eq!(
            rating_state(&t, user, &linked).await,
            "open",
            "GET records nothing"
        );
        let r = t
            .request(
                Method::POST,
                "/rate/a-known-token",
                None,
                Body::from("comment=Snabbt"),
                &form,
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a grade is needed"
        );
        assert!(html(&r).contains("error-summary") && html(&r).contains("Snabbt"));
        let r = t
            .request(
                Method::POST,
                "/rate/a-known-token",
                None,
                Body::from("rating=4&comment=Snabbt"),
                &form,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", html(&r));
        assert_eq!(rating_state(&t, user, &linked).await, "rated");
        let r = t
            .request(
                Method::POST,
                "/rate/a-known-token",
                None,
                Body::from("rating=1"),
                &form,
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let r = t
            .request(Method::GET, "/rate/no-such-token", None, Body::empty(), &[])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // The portal: the ticket's page carries the one-step form.
        t.advance(31 * 86_400);
        let portal = resolved(&t, agent, user, "Tangentbordet").await;
        let id = portal["id"].as_str().unwrap();
        let b = Browser::sign_in_with(&t, "yst.end_user", PASSWORD).await;
        let page = b.page(&format!("/tickets/{id}")).await;
        assert!(
            page.contains(&format!("action=\"/tickets/{id}/rating\"")),
            "{page}"
        );
        assert!(page.contains("<fieldset") && page.contains("Varken nöjd eller missnöjd"));
        let r = b
            .post(
                &format!("/tickets/{id}/rating"),
                &[("rating", "3"), ("comment", "")],
            )
            .await;
        assert!(r.status.is_redirection(), "{}", html(&r));
        let page = b.page(&format!("/tickets/{id}?rated=1")).await;
        assert!(page.contains("Tack! Ditt betyg är sparat."));
        assert!(!page.contains(&format!("action=\"/tickets/{id}/rating\"")));
        let r = b
            .post(&format!("/tickets/{id}/rating"), &[("rating", "5")])
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
    }
}

/// Adds `username` to the group `id`.
async fn join(t: &TestApp, admin: &str, group: &str, username: &str) {
    let r = t
        .post(
            &format!("/api/v1/groups/{group}/members"),
            admin,
            json!({"username": username}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NO_CONTENT,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}

async fn route(t: &TestApp, agent: &str, ticket: &Value, body: Value) {
    let path = format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap());
    let version = t.get(&path, agent).await.json()["version"]
        .as_i64()
        .unwrap();
    let r = t.patch(&path, agent, version, body).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}

async fn results(t: &TestApp, token: &str, query: &str) -> Response {
    t.get(&format!("/api/v1/satisfaction?{query}"), token).await
}

#[tokio::test]
async fn results_per_member_service_group_month_and_technician() {
    for t in backends().await {
        let f = federation(&t).await;
        let (agent, admin) = (f.token("agent"), f.token("admin"));
        let desk = f.group["id"].as_str().unwrap().to_owned();
        join(&t, admin, &desk, "group_lead").await;
        join(&t, admin, &desk, "technician").await;
        let network = t
            .post("/api/v1/groups", admin, json!({"name": "Nätverk"}))
            .await
            .json();
        let network = network["id"].as_str().unwrap().to_owned();
        let me = |token: &'static str| token;
        let technician =
            t.get("/api/v1/me", f.token(me("technician"))).await.json()["account_id"].clone();
        let agent_id = t.get("/api/v1/me", agent).await.json()["account_id"].clone();
        let services = t.get("/api/v1/services", admin).await.json();
        let email = services[0]["id"].clone();

        let a = report(&t, f.token("yst.end_user"), None, "E-posten").await;
        route(
            &t,
            agent,
            &a,
            json!({"group_id": desk, "assignee_id": technician, "service_id": email}),
        )
        .await;
        resolve(&t, agent, &a).await;
        let b = report(&t, f.token("sim.end_user"), None, "Nätet").await;
        route(
            &t,
            agent,
            &b,
            json!({"group_id": network, "assignee_id": agent_id}),
        )
        .await;
        resolve(&t, agent, &b).await;
        assert_eq!(
            rate(&t, f.token("yst.end_user"), &a, 5).await.status,
            StatusCode::CREATED
        );
        assert_eq!(
            rate(&t, f.token("sim.end_user"), &b, 2).await.status,
            StatusCode::CREATED
        );

        let manager = f.token("manager");
        let r = results(&t, manager, "by=member").await.json();
        assert_eq!(r["total"]["count"], 2, "{r}");
        assert_eq!(r["total"]["average"], 3.5);
        assert_eq!(r["total"]["distribution"], json!([0, 1, 0, 0, 1]));
        assert_eq!(r["rows"].as_array().unwrap().len(), 2);
        assert_eq!(r["comments"].as_array().unwrap().len(), 2);
        let r = results(&t, manager, "by=service").await.json();
        let keys: Vec<&str> = r["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["key"].as_str().unwrap())
            .collect();
        assert!(keys.contains(&"EMAIL") && keys.contains(&""), "{r}");
        let r = results(&t, manager, "by=group").await.json();
        let labels: Vec<&str> = r["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels, ["Nätverk", "Servicedesk"]);
        let r = results(&t, manager, "by=month&from=2027-01&to=2027-03")
            .await
            .json();
        let months: Vec<(String, i64)> = r["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                (
                    row["key"].as_str().unwrap().to_owned(),
                    row["count"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            months,
            [
                ("2027-01".into(), 0),
                ("2027-02".into(), 0),
                ("2027-03".into(), 2)
            ]
        );

        // A member's own orderers read their member only; end users none.
        let r = results(&t, f.token("yst.orderer"), "by=member")
            .await
            .json();
        assert_eq!(r["total"]["count"], 1);
        assert_eq!(r["rows"][0]["key"], "YST");
        assert_eq!(r["comments"][0]["comment"], "Tack!");
        assert_eq!(
            results(&t, f.token("yst.orderer"), "member=SIM")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            results(&t, f.token("yst.strategist"), "member=YST")
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            results(&t, f.token("yst.end_user"), "").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            results(&t, f.token("yst.end_user"), "member=YST")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let r = results(&t, agent, "by=group").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.json().get("comments").is_none(),
            "agents see figures, not words"
        );

        // Per technician: the lead of the group sees its members only.
        assert_eq!(
            results(&t, agent, "by=technician").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            results(&t, f.token("technician"), "by=technician")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let r = results(&t, f.token("group_lead"), "by=technician")
            .await
            .json();
        assert_eq!(r["total"]["count"], 1, "{r}");
        assert_eq!(r["rows"][0]["label"], "technician");
        let other = results(
            &t,
            f.token("group_lead"),
            &format!("by=technician&group={network}"),
        )
        .await;
        assert_eq!(other.status, StatusCode::FORBIDDEN);
        let r = results(&t, manager, "by=technician").await.json();
        assert_eq!(r["rows"].as_array().unwrap().len(), 2);

        for bad in [
            "by=colour",
            "from=2027-13",
            "from=2027-03&to=2027-01",
            "to=27-1",
        ] {
            let r = results(&t, manager, bad).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            assert!(r.is_problem());
        }

        // The page shows the same as tables.
        let b = Browser::sign_in_with(&t, "yst.orderer", PASSWORD).await;
        let page = b.page("/satisfaction?by=group").await;
        assert!(
            page.contains("<table>") && page.contains("Servicedesk") && page.contains("Tack!"),
            "{page}"
        );
        assert!(!page.contains("Nätverk"), "another member's ratings");
        let r = b.get("/satisfaction?member=SIM").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn survey_answers_lead_back_to_nobody_and_count_the_response_rate() {
    for t in backends().await {
        let f = federation(&t).await;
        let orderer = f.token("yst.orderer");
        let body = json!({"title": "Kundenkät 2027", "year": 2027});
        assert_eq!(
            t.post(
                "/api/v1/members/YST/surveys",
                f.token("yst.end_user"),
                body.clone()
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            t.post(
                "/api/v1/members/YST/surveys",
                f.token("sim.orderer"),
                body.clone()
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let r = t.post("/api/v1/members/YST/surveys", orderer, body).await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let id = r.json()["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/surveys/{id}");
        assert_eq!(
            t.get(&path, f.token("sim.orderer")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            t.post(&format!("{path}/open"), orderer, json!({}))
                .await
                .status,
            StatusCode::CONFLICT,
            "no questions"
        );
        for (kind, text) in [
            ("scale", "Hur nöjd är du?"),
            ("text", "Vad kan bli bättre?"),
        ] {
            let r = t
                .post(
                    &format!("{path}/questions"),
                    orderer,
                    json!({"kind": kind, "text": text}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED);
        }
        let bad = t
            .post(
                &format!("{path}/questions"),
                orderer,
                json!({"kind": "colour", "text": ""}),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let opened = t.post(&format!("{path}/open"), orderer, json!({})).await;
        assert_eq!(
            opened.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&opened.body)
        );
        let opened = opened.json();
        let links: Vec<String> = opened["invitations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["path"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(links.len(), 3, "every person of YST");
        let late = t
            .post(
                &format!("{path}/questions"),
                orderer,
                json!({"kind": "scale", "text": "Sen"}),
            )
            .await;
        assert_eq!(late.status, StatusCode::CONFLICT);

        let form = [("content-type", "application/x-www-form-urlencoded")];
        let page = t
            .request(Method::GET, &links[0], None, Body::empty(), &[])
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(html(&page).contains("Hur nöjd är du?") && html(&page).contains("<legend>"));
        let results_of = || async { t.get(&format!("{path}/results"), orderer).await.json() };
        assert_eq!(results_of().await["answered"], 0, "GET records nothing");
        let r = t
            .request(
                Method::POST,
                &links[0],
                None,
                Body::from("q1=4&q2=Bra%20service"),
                &form,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", html(&r));
        let r = t
            .request(Method::POST, &links[0], None, Body::from("q1=1"), &form)
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "once");
        let r = t
            .request(Method::POST, &links[1], None, Body::from("q1=9"), &form)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = t
            .request(Method::POST, &links[1], None, Body::from("q1=2&q2="), &form)
            .await;
        assert_eq!(r.status, StatusCode::OK);

        let results = results_of().await;
        assert_eq!(results["invited"], 3);
        assert_eq!(results["answered"], 2);
        assert_eq!(results["response_rate"], 0.6667);
        assert_eq!(
            results["questions"][0]["distribution"],
            json!([0, 1, 0, 1, 0])
        );
        assert_eq!(results["questions"][0]["average"], 3.0);
        assert_eq!(results["questions"][1]["answers"], json!(["Bra service"]));
        let text = results.to_string();
        for invitation in opened["invitations"].as_array().unwrap() {
            for field in ["person_id", "name", "email"] {
                assert!(
                    !text.contains(invitation[field].as_str().unwrap()),
                    "{field} in the results"
                );
            }
        }
        // Nothing stored with an answer names a person, an invitation or a time,
        // and an invitation keeps only whether it was answered.
        assert_eq!(
            columns(&t, "survey_answers").await,
            [
                "grade",
                "member_id",
                "position",
                "response_id",
                "survey_id",
                "text"
            ]
        );
        assert_eq!(
            columns(&t, "survey_invitations").await,
            [
                "answered",
                "member_id",
                "person_id",
                "survey_id",
                "token_hash"
            ]
        );
        assert_eq!(
            t.get(&format!("{path}/results"), f.token("manager"))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            t.get(&format!("{path}/results"), f.token("agent"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            t.get(&format!("{path}/results"), f.token("sim.strategist"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        let r = t.post(&format!("{path}/close"), orderer, json!({})).await;
        assert_eq!(r.status, StatusCode::OK);
        let r = t
            .request(Method::POST, &links[2], None, Body::from("q1=5"), &form)
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "closed");
        let b = Browser::sign_in_with(&t, "yst.strategist", PASSWORD).await;
        let page = b.page("/satisfaction/surveys?member=YST").await;
        assert!(
            page.contains("Kundenkät 2027") && page.contains("2 av 3 svarade"),
            "{page}"
        );
    }
}

#[tokio::test]
async fn the_demo_has_a_year_of_ratings_and_a_survey_in_ystad() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let manager = t.app.create_token("chef").await.unwrap();
        let r = results(&t, &manager, "by=month").await.json();
        assert_eq!(r["rows"].as_array().unwrap().len(), 12);
        let count = r["total"]["count"].as_i64().unwrap();
        assert!(count > 50, "{r}");
        assert!(r["total"]["average"].as_f64().unwrap() > 3.5, "{r}");
        assert!(!r["comments"].as_array().unwrap().is_empty());
        let list = t.get("/api/v1/members/YST/surveys", &manager).await.json();
        assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
        let id = list[0]["id"].as_str().unwrap();
        let results = t
            .get(&format!("/api/v1/surveys/{id}/results"), &manager)
            .await
            .json();
        assert_eq!(results["questions"].as_array().unwrap().len(), 3);
        assert!(results["answered"].as_i64().unwrap() > 0);
    }
}
