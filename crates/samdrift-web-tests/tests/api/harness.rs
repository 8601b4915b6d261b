//! TestApp: a migrated database per test (a temp SQLite file, or a fresh
//! PostgreSQL database), the router over it, a settable clock, and a small
//! federation of two members with one token per role.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use samdrift_app::{App, Settings, Store};
use samdrift_domain::role::{MemberRole, Role, StaffRole};
use samdrift_domain::time::Clock;
use samdrift_web::{AppState, router};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

pub struct TestClock(pub Mutex<jiff::Timestamp>);

impl Clock for TestClock {
    fn now(&self) -> jiff::Timestamp {
        *self.0.lock().unwrap()
    }
}

pub struct TestApp {
    pub backend: &'static str,
    /// The database URL, for a second node on the same database.
    pub url: String,
    pub app: App,
    /// The app's database, for tests that check what was stored or break
    /// it on purpose; the router reaches it only through the app.
    pub store: Store,
    pub router: Router,
    pub clock: Arc<TestClock>,
    _dir: Option<tempfile::TempDir>,
}

pub struct Response {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn is_problem(&self) -> bool {
        self.headers
            .get("content-type")
            .is_some_and(|v| v == "application/problem+json")
    }
}

/// The token the test server's `/metrics` requires.
pub const METRICS_TOKEN: &str = "metrics-token-of-the-tests";

/// One node's router on `app`: the metrics token and trusted proxy of the
/// tests, cookies marked Secure only when a request came over TLS.
fn node_router(app: &App) -> Router {
    let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
        .build_recorder()
        .handle();
    router(AppState {
        app: app.clone(),
        metrics,
        metrics_token: Some(METRICS_TOKEN.into()),
        secure_cookies: false,
        trusted_proxies: vec![TRUSTED_PROXY.parse().unwrap()],
    })
}

async fn build(
    backend: &'static str,
    url: String,
    store: Store,
    dir: Option<tempfile::TempDir>,
) -> TestApp {
    store.migrate().await.unwrap();
    let clock = Arc::new(TestClock(Mutex::new(
        "2027-03-01T09:00:00+01:00".parse().unwrap(),
    )));
    let settings = Settings {
        attachment_max_bytes: 64 * 1024,
        personnummer_key: Some(Arc::new(
            samdrift_app::identity::sealing::PersonnummerKey::from_file_text(&"5a".repeat(32))
                .unwrap(),
        )),
        ..Settings::default()
    };
    let app = App::new(store.clone(), clock.clone(), settings)
        .with_pdf(Arc::new(TypstReports))
        .with_agent_protocol(Arc::new(
            samdrift_integrations::inventory_agent::FusionInventory,
        ));
    let router = node_router(&app);
    TestApp {
        backend,
        url,
        app,
        store,
        router,
        clock,
        _dir: dir,
    }
}

/// Report PDFs as the server makes them: the report crate in-process.
pub struct TypstReports;

impl samdrift_app::steering::reports::PdfRenderer for TypstReports {
    fn render(&self, document: &samdrift_domain::document::Document) -> Result<Vec<u8>, String> {
        samdrift_reports::pdf(document).map_err(|e| e.to_string())
    }
}

/// One TestApp per database backend under test.
pub async fn backends() -> Vec<TestApp> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let mut apps = vec![
        build(
            "sqlite",
            url.clone(),
            Store::connect(&url).await.unwrap(),
            Some(dir),
        )
        .await,
    ];
    match std::env::var("SAMDRIFT_TEST_PG_URL") {
        Ok(base) => {
            let admin = sqlx::PgPool::connect(&base)
                .await
                .expect("PostgreSQL from SAMDRIFT_TEST_PG_URL");
            let name = format!("samdrift_test_{}", uuid::Uuid::new_v4().simple());
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin)
                .await
                .unwrap();
            admin.close().await;
            let (prefix, _) = base.rsplit_once('/').unwrap();
            let url = format!("{prefix}/{name}");
            let store = Store::connect(&url).await.unwrap();
            apps.push(build("postgres", url, store, None).await);
        }
        Err(_) => {
            assert!(
                std::env::var("SAMDRIFT_REQUIRE_PG").is_err() && std::env::var("CI").is_err(),
                "SAMDRIFT_TEST_PG_URL is required here: PostgreSQL tests must not be skipped"
            );
        }
    }
    apps
}

impl TestApp {
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Body,
        headers: &[(&str, &str)],
    ) -> Response {
        request_to(&self.router, method, path, token, body, headers).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token), Body::empty(), &[])
            .await
    }

    pub async fn send(&self, method: Method, path: &str, token: &str, body: Value) -> Response {
        self.request(
            method,
            path,
            Some(token),
            Body::from(body.to_string()),
            &[("content-type", "application/json")],
        )
        .await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Response {
        self.send(Method::POST, path, token, body).await
    }

    pub async fn patch(&self, path: &str, token: &str, version: i64, body: Value) -> Response {
        let etag = format!("\"{version}\"");
        self.request(
            Method::PATCH,
            path,
            Some(token),
            Body::from(body.to_string()),
            &[("content-type", "application/json"), ("if-match", &etag)],
        )
        .await
    }

    /// A second node: its own pool on the same database, the same clock.
    pub async fn second_node(&self) -> App {
        let store = Store::connect(&self.url).await.unwrap();
        App::new(store, self.clock.clone(), self.app.settings.clone())
    }

    /// A second node's router: its own app and pool on the same database.
    pub async fn second_router(&self) -> (App, Router) {
        let app = self.second_node().await;
        let router = node_router(&app);
        (app, router)
    }

    /// The same database and clock, served with these single sign-on
    /// providers.
    pub fn with_sso(self, providers: samdrift_app::sso::SsoProviders) -> TestApp {
        let app = self.app.clone().with_sso(providers);
        self.with_app(app)
    }

    /// The same database and clock, served by `app` (the same app with
    /// other integrations).
    pub fn with_app(mut self, app: App) -> TestApp {
        self.app = app;
        self.router = node_router(&self.app);
        self
    }

    pub fn advance(&self, seconds: i64) {
        let mut now = self.clock.0.lock().unwrap();
        *now += jiff::SignedDuration::from_secs(seconds);
    }
}

/// A request to `router` (one node's router), as `TestApp::request`.
pub async fn request_to(
    router: &Router,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Body,
    headers: &[(&str, &str)],
) -> Response {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    send_request(router, req.body(body).unwrap()).await
}

/// Sends a built request (extensions and all) to `router`.
pub async fn send_request(router: &Router, req: Request<Body>) -> Response {
    let response = router.clone().oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Response {
        status,
        headers,
        body,
    }
}

/// Two members (SIM and YST) with people, staff, and a token per role.
pub struct Federation {
    pub tokens: HashMap<String, String>,
    pub members: HashMap<&'static str, Value>,
    pub people: HashMap<&'static str, Value>,
    pub group: Value,
    pub supplier: Value,
}

impl Federation {
    pub fn token(&self, name: &str) -> &str {
        self.tokens
            .get(name)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("no token {name}"))
    }
}

/// The proxy the test routers trust to name the client in X-Forwarded-For.
pub const TRUSTED_PROXY: &str = "192.0.2.250";

/// The password of every account `federation` creates.
pub const PASSWORD: &str = "Ystad-Kaffe-Kvarn-41";

pub const STAFF: [&str; 5] = ["agent", "technician", "group_lead", "manager", "admin"];
pub const MEMBER_ROLES: [&str; 3] = ["end_user", "orderer", "strategist"];

pub async fn federation(t: &TestApp) -> Federation {
    let mut tokens = HashMap::new();
    for role in STAFF {
        let r: StaffRole = role.parse().unwrap();
        t.app
            .create_account(
                None,
                samdrift_app::registers::NewAccount {
                    username: role.into(),
                    password: PASSWORD.into(),
                    role: Role::Staff(r),
                    member: None,
                    person: None,
                },
            )
            .await
            .unwrap();
        tokens.insert(role.to_owned(), t.app.create_token(role).await.unwrap());
    }
    let admin = tokens["admin"].clone();
    let group = t
        .post("/api/v1/groups", &admin, json!({"name": "Servicedesk"}))
        .await
        .json();
    let service = t
        .post("/api/v1/services", &admin, json!({"code": "EMAIL", "name": "E-post", "level": "it", "owning_group_id": group["id"]}))
        .await;
    assert_eq!(service.status, StatusCode::CREATED);
    let supplier = t
        .post(
            "/api/v1/suppliers",
            &admin,
            json!({"name": "Leverantören AB"}),
        )
        .await
        .json();
    let mut members = HashMap::new();
    let mut people = HashMap::new();
    for (code, org) in [("SIM", "212000-0969"), ("YST", "212000-1124")] {
        let m = t
            .post("/api/v1/members", &admin, json!({"code": code, "name": format!("{code} kommun"), "organisation_number": org, "ownership_share_bp": 5000}))
            .await;
        assert_eq!(
            m.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&m.body)
        );
        let m = m.json();
        let adm = t
            .post(
                &format!(
                    "/api/v1/members/{}/administrations",
                    m["id"].as_str().unwrap()
                ),
                &admin,
                json!({"name": "Kommunledning"}),
            )
            .await
            .json();
        for role in MEMBER_ROLES {
            let email = format!("{role}@{}.example", code.to_lowercase());
            let person = t
                .post("/api/v1/people", &admin, json!({"member": code, "administration_id": adm["id"], "name": format!("{role} {code}"), "email": email, "kind": "employee"}))
                .await
                .json();
            let username = format!("{}.{role}", code.to_lowercase());
            let r: MemberRole = role.parse().unwrap();
            t.app
                .create_account(
                    None,
                    samdrift_app::registers::NewAccount {
                        username: username.clone(),
                        password: PASSWORD.into(),
                        role: Role::Member(r),
                        member: Some(code.into()),
                        person: Some(samdrift_domain::ids::PersonId(
                            person["id"].as_str().unwrap().parse().unwrap(),
                        )),
                    },
                )
                .await
                .unwrap();
            tokens.insert(
                username.clone(),
                t.app.create_token(&username).await.unwrap(),
            );
            if role == "end_user" {
                people.insert(code, person);
            }
        }
        members.insert(code, m);
    }
    Federation {
        tokens,
        members,
        people,
        group,
        supplier,
    }
}

/// Reports a ticket as `token` (staff give the member) and returns it.
pub async fn report(t: &TestApp, token: &str, member: Option<&str>, title: &str) -> Value {
    let mut body = json!({"type": "incident", "title": title, "description": "Beskrivning", "impact": 2, "urgency": 2});
    if let Some(m) = member {
        body["member"] = json!(m);
    }
    let r = t.post("/api/v1/tickets", token, body).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}
