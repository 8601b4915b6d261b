//! A signed-in browser for the page tests: its session cookie and CSRF
//! token, form posts, and small readers of the returned HTML.

use crate::harness::{Response, TestApp};
use axum::body::Body;
use axum::http::{Method, StatusCode};

pub struct Browser<'a> {
    pub t: &'a TestApp,
    pub cookie: String,
    pub csrf: String,
}

/// Form fields as (name, value) pairs, urlencoded.
pub fn encode(fields: &[(&str, &str)]) -> String {
    let part = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", part(k), part(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn html(r: &Response) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

/// The tag (input, select, textarea) with `id`.
pub fn tag<'p>(page: &'p str, id: &str) -> &'p str {
    let at = page.find(&format!("id=\"{id}\"")).expect(id);
    let start = page[..at].rfind('<').unwrap();
    &page[start..=at + page[at..].find('>').unwrap()]
}

/// The value of the first hidden field `name` on a page.
pub fn hidden(page: &str, name: &str) -> String {
    let (_, rest) = page
        .split_once(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no field {name}"));
    let value = rest.split('"').next().unwrap();
    value
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
        .replace("&#x3f;", "?")
        .replace("&#x3d;", "=")
}

/// Where a redirect leads.
pub fn location(r: &Response) -> String {
    r.headers
        .get("location")
        .expect("a redirect")
        .to_str()
        .unwrap()
        .to_owned()
}

/// Posts the login form as a browser does: opens the login page for its
/// CSRF token (a cookie and a hidden field), then sends the form with both.
pub async fn post_login(t: &TestApp, fields: &[(&str, &str)]) -> Response {
    let page = t
        .request(Method::GET, "/login", None, Body::empty(), &[])
        .await;
    let set = page.headers.get("set-cookie").unwrap().to_str().unwrap();
    let cookie = set.split(';').next().unwrap().to_owned();
    let html = html(&page);
    let (_, rest) = html.split_once("name=\"csrf\" value=\"").unwrap();
    let csrf = rest.split('"').next().unwrap();
    let mut all = vec![("csrf", csrf)];
    all.extend_from_slice(fields);
    let headers = [
        ("cookie", cookie.as_str()),
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    t.request(
        Method::POST,
        "/login",
        None,
        Body::from(encode(&all)),
        &headers,
    )
    .await
}

impl<'a> Browser<'a> {
    /// Signs in with the demo password; the CSRF token is read from the
    /// page the login leads to (every page carries it in its header forms).
    pub async fn sign_in(t: &'a TestApp, username: &str) -> Browser<'a> {
        Browser::sign_in_with(t, username, samdrift_app::demo::DEMO_PASSWORD).await
    }

    /// Signs in with `password`, accepting the user agreements the login
    /// is asked to accept first, as a user does.
    pub async fn sign_in_with(t: &'a TestApp, username: &str, password: &str) -> Browser<'a> {
        let (mut b, mut to) = Browser::sign_in_only(t, username, password).await;
        while to.starts_with("/agreement") {
            to = b.accept_agreement(&to).await;
        }
        let page = b.page(&to).await;
        b.csrf = hidden(&page, "csrf");
        b
    }

    /// Signs in with `password` and returns the browser and where the
    /// login leads, accepting nothing.
    pub async fn sign_in_only(
        t: &'a TestApp,
        username: &str,
        password: &str,
    ) -> (Browser<'a>, String) {
        let fields = [("username", username), ("password", password)];
        let r = post_login(t, &fields).await;
        assert!(r.status.is_redirection(), "login of {username}");
        let set = r.headers.get("set-cookie").unwrap().to_str().unwrap();
        let cookie = set.split(';').next().unwrap().to_owned();
        let b = Browser {
            t,
            cookie,
            csrf: String::new(),
        };
        (b, location(&r))
    }

    /// Opens the agreement page at `path` and accepts the agreement it
    /// shows with its own form; returns where that leads.
    pub async fn accept_agreement(&mut self, path: &str) -> String {
        let page = self.page(path).await;
        self.csrf = hidden(&page, "csrf");
        let fields = [
            ("member_id", hidden(&page, "member_id")),
            ("version", hidden(&page, "version")),
            ("next", hidden(&page, "next")),
        ];
        let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.submit("/agreement", &refs).await
    }

    pub async fn get(&self, path: &str) -> Response {
        let cookie = [("cookie", self.cookie.as_str())];
        self.t
            .request(Method::GET, path, None, Body::empty(), &cookie)
            .await
    }

    /// A page that must answer 200.
    pub async fn page(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", html(&r));
        html(&r)
    }

    /// Posts a form with the session's CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let headers = [
            ("cookie", self.cookie.as_str()),
            ("content-type", "application/x-www-form-urlencoded"),
        ];
        self.t
            .request(Method::POST, path, None, Body::from(encode(&all)), &headers)
            .await
    }

    /// Posts a form that must go through (303); returns where it leads.
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> String {
        let r = self.post(path, fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {}", html(&r));
        location(&r)
    }
}
