//! Credentials: passwords strong enough to keep, and tokens, sessions and
//! accounts that can be shut off, on every node within the two seconds a
//! node trusts a checked credential.

use crate::forms::{Browser, html};
use crate::harness::{PASSWORD, Response, TestApp, backends, federation, request_to};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn weak_passwords_are_refused_wherever_a_password_is_set() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        for (password, code) in [
            ("12345678", "auth.password_length"),
            ("password", "auth.password_length"),
            ("password-1234", "auth.password_common"),
            ("abcabcabcabcabc", "auth.password_guessable"),
        ] {
            let r = t
                .post(
                    "/api/v1/accounts",
                    admin,
                    json!({"username": "kim.berg", "password": password, "role": "agent"}),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "[{}] {password}",
                t.backend
            );
            assert_eq!(
                r.json()["errors"][0]["code"],
                code,
                "[{}] {password}",
                t.backend
            );
        }
        let refused = t.app.set_password("agent", "qwertyuiopasdf").await;
        assert!(refused.is_err(), "[{}]", t.backend);
        // The admin page says why, in Swedish.
        let b = Browser::sign_in_with(&t, "admin", PASSWORD).await;
        let r = b
            .post(
                "/admin/accounts",
                &[
                    ("username", "kim.berg"),
                    ("password", "password"),
                    ("role", "agent"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        assert!(html(&r).contains("minst 12 tecken"), "[{}]", t.backend);
        let ok = t
            .post(
                "/api/v1/accounts",
                admin,
                json!({"username": "kim.berg", "password": "Ystad-Kvarn-Kaffe-73", "role": "agent"}),
            )
            .await;
        assert_eq!(ok.status, StatusCode::CREATED, "[{}]", t.backend);
    }
}

/// A browser session made through the API: its cookie and CSRF token.
struct Session {
    cookie: String,
    csrf: String,
}

async fn session(t: &TestApp, username: &str, password: &str) -> Session {
    let body = json!({"username": username, "password": password}).to_string();
    let r = t
        .request(
            Method::POST,
            "/api/v1/session",
            None,
            Body::from(body),
            &[("content-type", "application/json")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "login of {username}");
    let set = r.headers.get("set-cookie").unwrap().to_str().unwrap();
    Session {
        cookie: set.split(';').next().unwrap().to_owned(),
        csrf: r.json()["csrf_token"].as_str().unwrap().to_owned(),
    }
}

/// GET /api/v1/me on `router` with the session's cookie.
async fn me_by_cookie(router: &Router, s: &Session) -> StatusCode {
    let cookie = [("cookie", s.cookie.as_str())];
    request_to(
        router,
        Method::GET,
        "/api/v1/me",
        None,
        Body::empty(),
        &cookie,
    )
    .await
    .status
}

/// GET /api/v1/me on `router` with a bearer token.
async fn me_by_token(router: &Router, token: &str) -> StatusCode {
    request_to(
        router,
        Method::GET,
        "/api/v1/me",
        Some(token),
        Body::empty(),
        &[],
    )
    .await
    .status
}

async fn new_token(t: &TestApp, owner: &str, body: Value) -> Value {
    let r = t.post("/api/v1/tokens", owner, body).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}

#[tokio::test]
async fn a_revoked_token_answers_401() {
    for t in backends().await {
        let f = federation(&t).await;
        let agent = f.token("agent");
        let issued = new_token(&t, agent, json!({"name": "Larmintegration"})).await;
        let secret = issued["token"].as_str().unwrap();
        assert_eq!(me_by_token(&t.router, secret).await, StatusCode::OK);
        let mine = t.get("/api/v1/tokens", agent).await.json();
        let listed = mine
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == issued["id"])
            .unwrap();
        assert_eq!(listed["name"], "Larmintegration", "[{}]", t.backend);
        assert!(
            listed["last_used_at"].is_string(),
            "[{}] last use not kept",
            t.backend
        );
        assert!(
            listed.get("token").is_none(),
            "[{}] the secret is listed",
            t.backend
        );
        let path = format!("/api/v1/tokens/{}", issued["id"].as_str().unwrap());
        // Someone else's token is not theirs to see or revoke.
        let other = f.token("technician");
        let theirs = t.get("/api/v1/tokens", other).await.json();
        assert!(
            !theirs.to_string().contains("Larmintegration"),
            "[{}]",
            t.backend
        );
        let r = t
            .request(Method::DELETE, &path, Some(other), Body::empty(), &[])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}]", t.backend);
        assert_eq!(
            t.get("/api/v1/tokens?all=true", other).await.status,
            StatusCode::FORBIDDEN
        );
        let r = t
            .request(Method::DELETE, &path, Some(agent), Body::empty(), &[])
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "[{}]", t.backend);
        assert_eq!(
            me_by_token(&t.router, secret).await,
            StatusCode::UNAUTHORIZED,
            "[{}] a revoked token still works",
            t.backend
        );
        // Admins see and revoke anyone's.
        let admin = f.token("admin");
        let all = t.get("/api/v1/tokens?all=true", admin).await.json();
        let techs = all
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["username"] == "technician")
            .unwrap();
        let path = format!("/api/v1/tokens/{}", techs["id"].as_str().unwrap());
        let r = t
            .request(Method::DELETE, &path, Some(admin), Body::empty(), &[])
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "[{}]", t.backend);
        assert_eq!(
            me_by_token(&t.router, other).await,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn an_expired_token_answers_401() {
    for t in backends().await {
        let f = federation(&t).await;
        let body = json!({"name": "Kvartalsexport", "expires_in_days": 1});
        let issued = new_token(&t, f.token("manager"), body).await;
        assert!(issued["expires_at"].is_string(), "[{}]", t.backend);
        let secret = issued["token"].as_str().unwrap();
        assert_eq!(me_by_token(&t.router, secret).await, StatusCode::OK);
        t.advance(86_400 - 1);
        assert_eq!(me_by_token(&t.router, secret).await, StatusCode::OK);
        t.advance(1);
        assert_eq!(
            me_by_token(&t.router, secret).await,
            StatusCode::UNAUTHORIZED,
            "[{}] an expired token still works",
            t.backend
        );
        let bad = t
            .post(
                "/api/v1/tokens",
                f.token("manager"),
                json!({"name": "", "expires_in_days": 0}),
            )
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
    }
}

#[tokio::test]
async fn a_disabled_accounts_tokens_and_sessions_answer_401_on_every_node() {
    for t in backends().await {
        let f = federation(&t).await;
        let (_second, node2) = t.second_router().await;
        let token = f.token("agent");
        let browser = session(&t, "agent", PASSWORD).await;
        for node in [&t.router, &node2] {
            assert_eq!(me_by_token(node, token).await, StatusCode::OK);
            assert_eq!(me_by_cookie(node, &browser).await, StatusCode::OK);
        }
        let agent_id = t.get("/api/v1/me", token).await.json()["account_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let admin = f.token("admin");
        let r = t
            .post(
                &format!("/api/v1/accounts/{agent_id}/disable"),
                admin,
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "[{}]", t.backend);
        assert_eq!(r.json()["disabled"], true);
        // At once on the node that disabled it; within two seconds on the other.
        assert_eq!(
            me_by_token(&t.router, token).await,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            me_by_cookie(&t.router, &browser).await,
            StatusCode::UNAUTHORIZED
        );
        t.advance(2);
        for node in [&t.router, &node2] {
            assert_eq!(
                me_by_token(node, token).await,
                StatusCode::UNAUTHORIZED,
                "[{}] a disabled account's token works",
                t.backend
            );
            assert_eq!(
                me_by_cookie(node, &browser).await,
                StatusCode::UNAUTHORIZED,
                "[{}] a disabled account's session works",
                t.backend
            );
        }
        let login = t
            .request(
                Method::POST,
                "/api/v1/session",
                None,
                Body::from(json!({"username": "agent", "password": PASSWORD}).to_string()),
                &[("content-type", "application/json")],
            )
            .await;
        assert_eq!(login.status, StatusCode::UNAUTHORIZED, "[{}]", t.backend);
        // Only admins disable, and not themselves.
        let me_admin = t.get("/api/v1/me", admin).await.json()["account_id"].clone();
        let own = format!("/api/v1/accounts/{}/disable", me_admin.as_str().unwrap());
        assert_eq!(
            t.post(&own, admin, json!({})).await.status,
            StatusCode::CONFLICT
        );
        let by_manager = format!("/api/v1/accounts/{agent_id}/enable");
        let r = t.post(&by_manager, f.token("manager"), json!({})).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "[{}]", t.backend);
        // Enabled again: the token works, the ended session does not.
        let r = t.post(&by_manager, admin, json!({})).await;
        assert_eq!(r.status, StatusCode::OK, "[{}]", t.backend);
        assert_eq!(me_by_token(&t.router, token).await, StatusCode::OK);
        assert_eq!(
            me_by_cookie(&t.router, &browser).await,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn a_password_change_ends_the_accounts_other_sessions() {
    for t in backends().await {
        let _f = federation(&t).await;
        let (_second, node2) = t.second_router().await;
        let here = session(&t, "group_lead", PASSWORD).await;
        let elsewhere = session(&t, "group_lead", PASSWORD).await;
        assert_eq!(me_by_cookie(&node2, &elsewhere).await, StatusCode::OK);
        let change = |current: &str, new: &str| {
            let body = json!({"current_password": current, "new_password": new}).to_string();
            let headers = [
                ("cookie", here.cookie.clone()),
                ("x-csrf-token", here.csrf.clone()),
                ("content-type", "application/json".to_owned()),
            ];
            let t = &t;
            async move {
                let headers: Vec<(&str, &str)> =
                    headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
                t.request(
                    Method::PUT,
                    "/api/v1/me/password",
                    None,
                    Body::from(body),
                    &headers,
                )
                .await
            }
        };
        let wrong: Response = change("not-the-password", "Ny-Fras-Med-Ovanliga-Ord").await;
        assert_eq!(
            wrong.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        assert_eq!(wrong.json()["errors"][0]["code"], "auth.current_password");
        let weak = change(PASSWORD, "password-1234").await;
        assert_eq!(
            weak.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        let ok = change(PASSWORD, "Ny-Fras-Med-Ovanliga-Ord").await;
        assert_eq!(ok.status, StatusCode::NO_CONTENT, "[{}]", t.backend);
        assert_eq!(
            me_by_cookie(&t.router, &here).await,
            StatusCode::OK,
            "[{}]",
            t.backend
        );
        t.advance(2);
        for node in [&t.router, &node2] {
            assert_eq!(
                me_by_cookie(node, &elsewhere).await,
                StatusCode::UNAUTHORIZED,
                "[{}] the other session survived the password change",
                t.backend
            );
        }
        assert_eq!(
            me_by_cookie(&node2, &here).await,
            StatusCode::OK,
            "[{}]",
            t.backend
        );
        session(&t, "group_lead", "Ny-Fras-Med-Ovanliga-Ord").await;
    }
}

/// The id in the first `action="/{prefix}/{id}/{suffix}"` of a page.
fn id_in(page: &str, prefix: &str) -> String {
    let (_, rest) = page.split_once(&format!("action=\"{prefix}/")).unwrap();
    rest.split('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn users_keep_their_tokens_and_password_and_admins_disable_accounts_in_the_ui() {
    for t in backends().await {
        let f = federation(&t).await;
        let tech = Browser::sign_in_with(&t, "technician", PASSWORD).await;
        let page = tech.page("/account/tokens").await;
        assert!(page.contains("<h1>Mina nycklar</h1>"), "[{}]", t.backend);
        let r = tech
            .post(
                "/account/tokens",
                &[("name", "Skript"), ("expires_in_days", "30")],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "[{}] {}",
            t.backend,
            html(&r)
        );
        let page = html(&r);
        let (_, rest) = page.split_once("value=\"sd_").unwrap();
        let secret = format!("sd_{}", rest.split('"').next().unwrap());
        assert_eq!(me_by_token(&t.router, &secret).await, StatusCode::OK);
        let listed = tech.page("/account/tokens").await;
        assert!(
            listed.contains("Skript") && !listed.contains(&secret),
            "[{}]",
            t.backend
        );
        let bad = tech
            .post("/account/tokens", &[("name", ""), ("expires_in_days", "x")])
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        let row = &listed[listed.find(">Skript<").unwrap()..];
        let id = id_in(row, "/account/tokens");
        let r = tech
            .post(&format!("/account/tokens/{id}/revoke"), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "[{}]", t.backend);
        assert_eq!(
            me_by_token(&t.router, &secret).await,
            StatusCode::UNAUTHORIZED
        );

        // The password, changed in the UI, ends the other session only.
        let other = session(&t, "technician", PASSWORD).await;
        let new = "Gamla-Stan-Kvarnhjul-8";
        let form = |current: &'static str, again: &'static str| {
            [
                ("current_password", current),
                ("new_password", "Gamla-Stan-Kvarnhjul-8"),
                ("new_password_again", again),
            ]
        };
        let r = tech
            .post("/account/password", &form(PASSWORD, "annat"))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        assert!(html(&r).contains("inte lika"), "[{}]", t.backend);
        let r = tech
            .post("/account/password", &form("fel-lösenord", new))
            .await;
        assert!(html(&r).contains("nuvarande lösenord"), "[{}]", t.backend);
        let r = tech.post("/account/password", &form(PASSWORD, new)).await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "[{}] {}",
            t.backend,
            html(&r)
        );
        assert_eq!(tech.get("/account/password").await.status, StatusCode::OK);
        assert_eq!(
            me_by_cookie(&t.router, &other).await,
            StatusCode::UNAUTHORIZED
        );

        // An admin disables the technician from the accounts page.
        let admin = Browser::sign_in_with(&t, "admin", PASSWORD).await;
        let tech_id = t.get("/api/v1/me", f.token("technician")).await.json()["account_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("/admin/accounts/{tech_id}/disable");
        let forged = t
            .request(
                Method::POST,
                &path,
                None,
                Body::from("csrf=wrong"),
                &[
                    ("cookie", admin.cookie.as_str()),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "[{}]", t.backend);
        let r = admin.post(&path, &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "[{}]", t.backend);
        let page = admin.page("/admin/accounts").await;
        assert!(page.contains(&format!("/admin/accounts/{tech_id}/enable")));
        assert!(tech.get("/account/tokens").await.status.is_redirection());
        assert_eq!(
            me_by_token(&t.router, f.token("technician")).await,
            StatusCode::UNAUTHORIZED
        );
    }
}
