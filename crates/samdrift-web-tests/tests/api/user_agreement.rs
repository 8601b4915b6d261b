//! The user agreement (användaravtal) on both databases: an admin publishes
//! a member's agreement; a login with a role in the member is sent to the
//! agreement before anything else, in its language, and goes on once it
//! accepts; a new version asks again; staff without member roles are never
//! asked; a session's API requests wait for the acceptance while bearer
//! tokens do not; the acceptance report says who accepted which version
//! when, to the right readers only; and an admin changes an account's
//! language and roles in several members on the version read.

use crate::forms::{Browser, html, location};
use crate::harness::{Federation, PASSWORD, TestApp, backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

const MISSING: &str = "01890000-0000-7000-8000-000000000000";

fn member_id(f: &Federation, code: &str) -> String {
    f.members[code]["id"].as_str().unwrap().to_owned()
}

/// Publishes a version of `code`'s agreement as the admin; `read` is the
/// version the text replaces.
async fn publish(t: &TestApp, f: &Federation, code: &str, read: i64, words: &str) -> Value {
    let path = format!("/api/v1/user-agreements/{}/versions", member_id(f, code));
    let body = json!({"text_sv": format!("Villkor för {code}: {words}.\n\nAndra stycket."),
                      "text_en": format!("Terms of {code}: {words}."), "read_version": read});
    let r = t.post(&path, f.token("admin"), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", html(&r));
    r.json()
}

/// A session's API request with the session cookie (and its CSRF token).
async fn with_session(
    t: &TestApp,
    cookie: &str,
    csrf: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> crate::harness::Response {
    let mut headers = vec![("cookie", cookie), ("x-csrf-token", csrf)];
    let body = match body {
        Some(b) => {
            headers.push(("content-type", "application/json"));
            Body::from(b.to_string())
        }
        None => Body::empty(),
    };
    t.request(method, path, None, body, &headers).await
}

#[tokio::test]
async fn a_member_login_accepts_the_agreement_before_anything_else_and_again_for_a_new_version() {
    for t in backends().await {
        let f = federation(&t).await;
        let (b, to) = Browser::sign_in_only(&t, "yst.end_user", PASSWORD).await;
        assert_eq!(to, "/portal", "[{}] nothing to accept yet", t.backend);
        drop(b);
        publish(&t, &f, "YST", 0, "första versionen").await;

        // The login leads to the agreement, which leads on to the portal.
        let (mut b, to) = Browser::sign_in_only(&t, "yst.end_user", PASSWORD).await;
        assert_eq!(to, "/agreement?next=/portal", "[{}]", t.backend);
        for path in [
            "/portal",
            "/portal/new",
            "/member",
            "/account/tokens",
            "/tickets/x",
        ] {
            let r = b.get(path).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "[{}] {path}", t.backend);
            assert!(
                location(&r).starts_with("/agreement?next="),
                "[{}] {path}",
                t.backend
            );
        }
        let page = b.page(&to).await;
        assert!(
            page.contains("<h1>Användaravtal: YST kommun</h1>"),
            "{page}"
        );
        assert!(page.contains("<p>Villkor för YST: första versionen.</p>"));
        assert!(page.contains("<p>Andra stycket.</p>"));
        assert!(page.contains("Version 1, publicerad 2027-03-01 09:00."));
        assert!(!page.contains("href=\"/portal\""), "no way around it");
        // A form sent before accepting leads to the agreement, not through.
        b.csrf = crate::forms::hidden(&page, "csrf");
        let r = b.post("/portal/new", &[("title", "x")]).await;
        assert_eq!(location(&r), "/agreement?next=", "[{}]", t.backend);
        // The style sheet and signing out stay open.
        assert_eq!(b.get("/static/app.css").await.status, StatusCode::OK);
        let next = b.accept_agreement(&to).await;
        assert_eq!(next, "/portal", "[{}]", t.backend);
        assert_eq!(b.get("/portal").await.status, StatusCode::OK);
        assert_eq!(b.get("/agreement").await.status, StatusCode::SEE_OTHER);

        // A new version asks again, in the user's language, even in the
        // session that accepted the first.
        t.advance(3600);
        publish(&t, &f, "YST", 1, "andra versionen").await;
        let r = b.get("/portal").await;
        assert_eq!(location(&r), "/agreement?next=/portal", "[{}]", t.backend);
        let page = b.page("/agreement?next=/portal").await;
        assert!(page.contains("andra versionen") && page.contains("Version 2,"));
        assert!(page.contains("Avtalet har en ny version sedan du godkände det senast."));
        // The page of version 1 sent after version 2 came: shown again.
        let stale = [
            ("member_id", member_id(&f, "YST")),
            ("version", "1".to_owned()),
            ("next", "/portal".to_owned()),
        ];
        let refs: Vec<(&str, &str)> = stale.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = b.post("/agreement", &refs).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "[{}]", t.backend);
        assert!(html(&r).contains("Avtalet har ändrats medan du läste det."));
        assert!(html(&r).contains("name=\"version\" value=\"2\""));
        assert_eq!(
            b.accept_agreement("/agreement?next=/portal").await,
            "/portal"
        );
        assert_eq!(b.get("/portal").await.status, StatusCode::OK);

        // In English for an English reader.
        let r = t
            .request(
                Method::POST,
                "/language",
                None,
                Body::from(format!("lang=en&csrf={}&back=/portal", b.csrf)),
                &[
                    ("cookie", b.cookie.as_str()),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        publish(&t, &f, "YST", 2, "tredje").await;
        let page = b.page("/agreement").await;
        assert!(
            page.contains("<h1>User agreement: YST kommun</h1>")
                && page.contains("Terms of YST: tredje.")
        );
        assert!(!page.contains("Villkor"), "[{}]", t.backend);
    }
}

#[tokio::test]
async fn staff_without_member_roles_are_never_asked_and_several_members_ask_one_at_a_time() {
    for t in backends().await {
        let f = federation(&t).await;
        publish(&t, &f, "SIM", 0, "Simrishamn").await;
        publish(&t, &f, "YST", 0, "Ystad").await;
        for staff in ["agent", "admin", "manager"] {
            let (_, to) = Browser::sign_in_only(&t, staff, PASSWORD).await;
            assert!(
                !to.starts_with("/agreement"),
                "[{}] {staff}: {to}",
                t.backend
            );
        }
        // An orderer in Ystad who is also an end user in Simrishamn.
        let account = t
            .store
            .account_by_username("yst.orderer")
            .await
            .unwrap()
            .unwrap();
        let r = t
            .patch(&format!("/api/v1/accounts/{}", account.id), f.token("admin"), account.version,
                json!({"member_roles": [{"member": "YST", "role": "orderer"}, {"member": "SIM", "role": "end_user"}]}))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", html(&r));
        let (mut b, to) = Browser::sign_in_only(&t, "yst.orderer", PASSWORD).await;
        assert_eq!(to, "/agreement?next=/member");
        let page = b.page(&to).await;
        assert!(
            page.contains("SIM kommun") && page.contains("Efter det här avtalet väntar 1 till.")
        );
        let next = b.accept_agreement(&to).await;
        assert_eq!(
            next, "/agreement?next=/member",
            "[{}] the second member's",
            t.backend
        );
        let page = b.page(&next).await;
        assert!(page.contains("YST kommun") && !page.contains("väntar"));
        assert_eq!(b.accept_agreement(&next).await, "/member");
        assert_eq!(b.get("/member").await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_session_accepts_through_the_api_while_tokens_are_not_held_back() {
    for t in backends().await {
        let f = federation(&t).await;
        let v1 = publish(&t, &f, "SIM", 0, "ett").await;
        assert_eq!(v1["version"], 1);
        assert_eq!(v1["published_by"], "admin");
        let sim = member_id(&f, "SIM");
        let login = t
            .post(
                "/api/v1/session",
                "",
                json!({"username": "sim.strategist", "password": PASSWORD}),
            )
            .await;
        assert_eq!(login.status, StatusCode::CREATED);
        assert_eq!(
            login.json()["pending_user_agreements"],
            json!([sim]),
            "[{}]",
            t.backend
        );
        let cookie = login
            .headers
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let csrf = login.json()["csrf_token"].as_str().unwrap().to_owned();
        let session = |m, p: &str, b| {
            let p = p.to_owned();
            let (t, cookie, csrf) = (&t, cookie.clone(), csrf.clone());
            async move { with_session(t, &cookie, &csrf, m, &p, b).await }
        };

        let r = session(Method::GET, "/api/v1/tickets", None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "[{}]", t.backend);
        assert!(
            r.json()["detail"]
                .as_str()
                .unwrap()
                .contains("/api/v1/user-agreements/pending")
        );
        assert_eq!(
            session(Method::GET, "/api/v1/me", None).await.status,
            StatusCode::OK
        );
        let pending = session(Method::GET, "/api/v1/user-agreements/pending", None)
            .await
            .json();
        assert_eq!(pending[0]["member_code"], "SIM");
        assert_eq!(pending[0]["version"], 1);
        assert_eq!(pending[0]["accepted_before"], false);
        assert!(
            pending[0]["text_en"]
                .as_str()
                .unwrap()
                .contains("Terms of SIM")
        );
        // The token of the same account is not held back.
        let token = f.token("sim.strategist");
        assert_eq!(t.get("/api/v1/tickets", token).await.status, StatusCode::OK);
        assert_eq!(
            t.get("/api/v1/user-agreements/pending", token)
                .await
                .json()
                .as_array()
                .unwrap()
                .len(),
            1
        );

        // Another member's agreement, or none: not found; not the current version: 409.
        let yst = member_id(&f, "YST");
        for id in [yst.as_str(), MISSING] {
            let r = session(
                Method::POST,
                &format!("/api/v1/user-agreements/{id}/accept"),
                Some(json!({"version": 1})),
            )
            .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}] {id}", t.backend);
        }
        let accept = format!("/api/v1/user-agreements/{sim}/accept");
        publish(&t, &f, "SIM", 1, "två").await;
        let r = session(Method::POST, &accept, Some(json!({"version": 1}))).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "[{}]", t.backend);
        assert_eq!(
            r.json()["detail"],
            "version 1 is no longer current; read and accept version 2"
        );
        let r = session(Method::POST, &accept, Some(json!({"version": "två"}))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = session(Method::POST, &accept, Some(json!({"version": 2}))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", html(&r));
        assert_eq!(r.json()["accepted_at"], "2027-03-01T08:00:00Z");
        t.advance(60);
        let again = session(Method::POST, &accept, Some(json!({"version": 2}))).await;
        assert_eq!(
            again.json(),
            r.json(),
            "[{}] accepting twice changes nothing",
            t.backend
        );
        assert_eq!(
            session(Method::GET, "/api/v1/tickets", None).await.status,
            StatusCode::OK
        );
        assert_eq!(
            session(Method::GET, "/api/v1/user-agreements/pending", None)
                .await
                .json(),
            json!([])
        );
        // Staff have nothing to accept.
        let r = t
            .post(&accept, f.token("agent"), json!({"version": 2}))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn only_admins_publish_and_a_version_published_meanwhile_is_not_overwritten() {
    for t in backends().await {
        let f = federation(&t).await;
        let path = format!("/api/v1/user-agreements/{}/versions", member_id(&f, "YST"));
        let body = json!({"text_sv": "Text", "text_en": "Text", "read_version": 0});
        for who in ["manager", "agent", "yst.orderer"] {
            let r = t.post(&path, f.token(who), body.clone()).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "[{}] {who}", t.backend);
        }
        let r = t
            .post(
                &path,
                f.token("admin"),
                json!({"text_sv": " ", "text_en": "a\u{7}b", "read_version": 0}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let problem = r.json();
        let codes: Vec<(&str, &str)> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            codes,
            [
                ("text_sv", "field.required"),
                ("text_en", "user_agreement.control_characters")
            ]
        );
        publish(&t, &f, "YST", 0, "ett").await;
        let r = t.post(&path, f.token("admin"), body.clone()).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "[{}]", t.backend);
        let r = t
            .post(
                &format!("/api/v1/user-agreements/{MISSING}/versions"),
                f.token("admin"),
                body,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let versions = t.get(&path, f.token("yst.end_user")).await.json();
        assert_eq!(versions.as_array().unwrap().len(), 1, "[{}]", t.backend);
        let current = t
            .get(
                &format!("/api/v1/user-agreements/{}", member_id(&f, "YST")),
                f.token("yst.end_user"),
            )
            .await;
        assert_eq!(current.json()["version"], 1);
        let none = t
            .get(
                &format!("/api/v1/user-agreements/{}", member_id(&f, "SIM")),
                f.token("sim.end_user"),
            )
            .await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);

        // The page: a refused form keeps its text; a stale one says so.
        let admin = Browser::sign_in_with(&t, "admin", PASSWORD).await;
        let page_path = format!("/admin/user-agreements/{}", member_id(&f, "YST"));
        let page = admin.page(&page_path).await;
        assert!(
            page.contains("Villkor för YST: ett.")
                && page.contains("name=\"read_version\" value=\"1\"")
        );
        let r = admin
            .post(
                &page_path,
                &[
                    ("text_sv", "Ny text"),
                    ("text_en", ""),
                    ("read_version", "1"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            html(&r).contains(">Ny text</textarea>") && html(&r).contains("href=\"#f-text_en\"")
        );
        let r = admin
            .post(
                &page_path,
                &[
                    ("text_sv", "Ny text"),
                    ("text_en", "New text"),
                    ("read_version", "0"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "[{}]", t.backend);
        assert!(
            html(&r).contains("href=\"#f-read_version\"")
                && html(&r).contains(">Ny text</textarea>")
        );
        let to = admin
            .submit(
                &page_path,
                &[
                    ("text_sv", "Ny text"),
                    ("text_en", "New text"),
                    ("read_version", "1"),
                ],
            )
            .await;
        let page = admin.page(&to).await;
        assert!(
            page.contains("role=\"status\"") && page.contains("Version 2,"),
            "[{}]",
            t.backend
        );
        let list = admin.page("/admin/user-agreements").await;
        assert!(list.contains("YST kommun (YST)") && list.contains("Inget publicerat"));
        let manager = Browser::sign_in_with(&t, "manager", PASSWORD).await;
        assert!(
            manager
                .page(&page_path)
                .await
                .contains("Bara administratörer publicerar nya versioner.")
        );
        let r = manager
            .post(
                &page_path,
                &[("text_sv", "x"), ("text_en", "x"), ("read_version", "2")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let agent = Browser::sign_in_with(&t, "agent", PASSWORD).await;
        assert_eq!(
            agent.get("/admin/user-agreements").await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_report_says_who_accepted_which_version_when_to_its_readers_only() {
    for t in backends().await {
        let f = federation(&t).await;
        let yst = member_id(&f, "YST");
        publish(&t, &f, "YST", 0, "ett").await;
        let accept = format!("/api/v1/user-agreements/{yst}/accept");
        let r = t
            .post(&accept, f.token("yst.end_user"), json!({"version": 1}))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        t.advance(86_400);
        publish(&t, &f, "YST", 1, "två").await;
        t.advance(3_600);
        let r = t
            .post(&accept, f.token("yst.orderer"), json!({"version": 2}))
            .await;
        assert_eq!(r.status, StatusCode::OK);

        let report_path = format!("/api/v1/user-agreements/{yst}/acceptances");
        let report = t.get(&report_path, f.token("yst.strategist")).await;
        assert_eq!(report.status, StatusCode::OK, "{}", html(&report));
        let report = report.json();
        assert_eq!(report["current_version"], 2);
        assert_eq!(
            (report["accepted"].as_u64(), report["not_accepted"].as_u64()),
            (Some(1), Some(2))
        );
        let by_user = |name: &str| {
            report["accounts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["username"] == name)
                .unwrap()
                .clone()
        };
        let orderer = by_user("yst.orderer");
        assert_eq!(
            (
                orderer["accepted_version"].clone(),
                orderer["accepted_current"].clone()
            ),
            (json!(2), json!(true))
        );
        assert_eq!(orderer["accepted_at"], "2027-03-02T09:00:00Z");
        assert_eq!(orderer["roles"], json!(["orderer"]));
        assert_eq!(orderer["person_name"], "orderer YST");
        let user = by_user("yst.end_user");
        assert_eq!(
            (
                user["accepted_version"].clone(),
                user["accepted_current"].clone()
            ),
            (json!(1), json!(false))
        );
        assert_eq!(by_user("yst.strategist")["accepted_version"], Value::Null);
        let history: Vec<(String, i64)> = report["acceptances"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["username"].as_str().unwrap().to_owned(),
                    a["version"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            history,
            [
                ("yst.end_user".to_owned(), 1),
                ("yst.orderer".to_owned(), 2)
            ]
        );

        // The CSV, in Swedish and in the machine format.
        let csv = t
            .get(
                &format!("{report_path}?format=csv&lang=sv"),
                f.token("manager"),
            )
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        let text = html(&csv);
        assert!(text.starts_with("Användarnamn;Namn;Roller;Avstängt;Godkänd version;Godkänt;Har godkänt gällande version\n"), "{text}");
        assert!(
            text.contains("yst.orderer;orderer YST;Beställare;nej;2;2027-03-02 10:00;ja\n"),
            "{text}"
        );
        assert!(
            text.contains("yst.strategist;strategist YST;IT-strateg;nej;;;nej\n"),
            "{text}"
        );
        let machine = html(
            &t.get(&format!("{report_path}?format=csv"), f.token("admin"))
                .await,
        );
        assert!(
            machine
                .contains("\nusername,version,accepted_at\nyst.end_user,1,2027-03-01T08:00:00Z\n"),
            "{machine}"
        );

        // Readers: managers, admins, the member's orderers and strategists.
        for who in ["admin", "manager", "yst.orderer"] {
            assert_eq!(
                t.get(&report_path, f.token(who)).await.status,
                StatusCode::OK,
                "{who}"
            );
        }
        for who in ["agent", "technician", "yst.end_user"] {
            assert_eq!(
                t.get(&report_path, f.token(who)).await.status,
                StatusCode::FORBIDDEN,
                "{who}"
            );
        }
        // Member A's orderer cannot read member B's report: it is not there.
        for who in ["sim.orderer", "sim.strategist", "sim.end_user"] {
            for id in [yst.as_str(), MISSING] {
                let r = t
                    .get(
                        &format!("/api/v1/user-agreements/{id}/acceptances"),
                        f.token(who),
                    )
                    .await;
                assert_eq!(
                    r.status,
                    StatusCode::NOT_FOUND,
                    "[{}] {who} {id}",
                    t.backend
                );
                assert!(!html(&r).contains("yst."), "[{}] {who}", t.backend);
            }
        }

        // The page, for the member's strategist (who accepts on signing
        // in) and for staff by code.
        let strategist = Browser::sign_in_with(&t, "yst.strategist", PASSWORD).await;
        let page = strategist.page("/member/user-agreement").await;
        assert!(page.contains("2 av 3 konton med roll hos medlemmen har godkänt version 2 (publicerad 2027-03-02 09:00 av admin)."), "{page}");
        assert!(page.contains(&format!(
            "href=\"/api/v1/user-agreements/{yst}/acceptances?format=csv&amp;lang=sv\""
        )));
        assert!(page.contains("<th scope=\"row\">yst.orderer</th>"));
        let manager = Browser::sign_in_with(&t, "manager", PASSWORD).await;
        assert!(
            manager
                .page("/member/user-agreement?member=YST")
                .await
                .contains("yst.orderer")
        );
        let sim = Browser::sign_in_with(&t, "sim.orderer", PASSWORD).await;
        for code in ["YST", "ZZZ"] {
            let r = sim
                .get(&format!("/member/user-agreement?member={code}"))
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}] {code}", t.backend);
            assert!(!html(&r).contains("yst.orderer"));
        }
        let own = sim.page("/member/user-agreement").await;
        assert!(own.contains("SIM kommun") && own.contains("inget publicerat användaravtal"));
        let end_user = Browser::sign_in_with(&t, "yst.end_user", PASSWORD).await;
        assert_eq!(
            end_user.get("/member/user-agreement").await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn an_admin_changes_an_accounts_language_and_roles_on_the_version_read() {
    for t in backends().await {
        let f = federation(&t).await;
        let account = t
            .store
            .account_by_username("sim.end_user")
            .await
            .unwrap()
            .unwrap();
        let path = format!("/api/v1/accounts/{}", account.id);
        let _ = Browser::sign_in_with(&t, "sim.end_user", PASSWORD).await;
        let shown = t.get(&path, f.token("admin")).await;
        assert_eq!(shown.status, StatusCode::OK, "{}", html(&shown));
        let etag = shown
            .headers
            .get("etag")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let v = shown.json();
        assert_eq!(etag, format!("\"{}\"", v["version"]));
        assert_eq!(
            v["member_roles"],
            json!([{"member_id": member_id(&f, "SIM"), "member_code": "SIM", "role": "end_user"}])
        );
        assert_eq!(
            v["recent_logins"],
            json!([{"at": "2027-03-01T08:00:00Z", "method": "password"}])
        );
        assert_eq!(v["tokens"].as_array().unwrap().len(), 1);
        assert!(v.get("password_hash").is_none());
        let version = v["version"].as_i64().unwrap();

        let change = json!({"language": "en", "staff_role": "agent",
            "member_roles": [{"member": "SIM", "role": "end_user"}, {"member": "YST", "role": "strategist"}, {"member": "YST", "role": "orderer"}]});
        let r = t
            .send(Method::PATCH, &path, f.token("admin"), change.clone())
            .await;
        assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
        for who in ["manager", "sim.orderer"] {
            assert_eq!(
                t.patch(&path, f.token(who), version, change.clone())
                    .await
                    .status,
                StatusCode::FORBIDDEN
            );
        }
        let r = t
            .patch(&path, f.token("admin"), version, json!({"language": "de", "member_roles": [{"member": "ZZZ", "role": "orderer"}, {"member": "YST", "role": "admin"}]}))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let problem = r.json();
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            ["language", "member_roles[0].member", "member_roles[1].role"]
        );
        let r = t
            .patch(&path, f.token("admin"), version, change.clone())
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", html(&r));
        let roles: Vec<(String, String)> = r.json()["member_roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["member_code"].as_str().unwrap().to_owned(),
                    x["role"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            roles,
            [
                ("SIM".into(), "end_user".into()),
                ("YST".into(), "orderer".into()),
                ("YST".into(), "strategist".into())
            ]
        );
        assert_eq!(
            (r.json()["language"].clone(), r.json()["staff_role"].clone()),
            (json!("en"), json!("agent"))
        );
        // The same change again, on the version read before it: refused, nothing overwritten.
        let r = t
            .patch(
                &path,
                f.token("admin"),
                version,
                json!({"staff_role": null}),
            )
            .await;
        assert_eq!(r.status, StatusCode::PRECONDITION_FAILED, "[{}]", t.backend);
        // The token works with the new roles at once.
        let me = t.get("/api/v1/me", f.token("sim.end_user")).await.json();
        assert_eq!(me["staff_role"], "agent");
        assert_eq!(me["member_roles"].as_array().unwrap().len(), 3);
        // An admin keeps their own admin role.
        let admin = t.store.account_by_username("admin").await.unwrap().unwrap();
        let r = t
            .patch(
                &format!("/api/v1/accounts/{}", admin.id),
                f.token("admin"),
                admin.version,
                json!({"staff_role": "manager"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(
            t.get(&format!("/api/v1/accounts/{MISSING}"), f.token("admin"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // The page: the boxes of several members, a stale form refused.
        let b = Browser::sign_in_with(&t, "admin", PASSWORD).await;
        let page_path = format!("/admin/accounts/{}", account.id);
        let list = b.page("/admin/accounts").await;
        assert!(list.contains(&format!("<a href=\"{page_path}\">sim.end_user</a>")));
        let page = b.page(&page_path).await;
        assert!(
            page.contains("id=\"role-YST-orderer\" name=\"roles\" value=\"YST:orderer\" checked"),
            "{page}"
        );
        assert!(
            page.contains("id=\"role-SIM-end_user\" name=\"roles\" value=\"SIM:end_user\" checked")
        );
        assert!(!page.contains("value=\"SIM:orderer\" checked"));
        assert!(
            page.contains("Senaste inloggningar")
                && page.contains("2027-03-01 09:00</td><td>Lösenord")
        );
        let current = crate::forms::hidden(&page, "version");
        let form = [
            ("version", current.as_str()),
            ("language", "sv"),
            ("staff_role", ""),
            ("roles", "SIM:orderer"),
            ("roles", "YST:end_user"),
        ];
        let to = b.submit(&page_path, &form).await;
        let page = b.page(&to).await;
        assert!(page.contains("role=\"status\"") && page.contains("value=\"SIM:orderer\" checked"));
        let r = b.post(&page_path, &form).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "[{}]", t.backend);
        assert!(html(&r).contains("Någon annan har ändrat kontot sedan du öppnade sidan."));
        let stored: Vec<String> = t
            .store
            .account_roles(samdrift_domain::ids::AccountId(account.id))
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.role)
            .collect();
        assert_eq!(stored.len(), 2, "[{}]", t.backend);
        let staff = b.get(&page_path).await;
        assert!(html(&staff).contains("<option value=\"\" selected>Ingen</option>"));
        let yst = Browser::sign_in_with(&t, "yst.orderer", PASSWORD).await;
        assert_eq!(yst.get(&page_path).await.status, StatusCode::FORBIDDEN);
    }
}
