//! Single sign-on against the real OpenID Provider `tests/oidc/start.sh`
//! starts (LemonLDAP::NG from Debian's packages, its demo users dwho,
//! rtyler and msmith, each with the login as password): a good login
//! through the router's pages, a replayed state, an unknown user, a
//! member's provider that will not open a staff account, sign-out at the
//! provider, and real ID tokens with the wrong audience, past their
//! expiry, with a broken signature or another login's nonce, each
//! refused by the client the server uses.

use crate::harness::{PASSWORD, Response, TestApp, backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use samdrift_app::registers::NewAccount;
use samdrift_app::sso::{OidcProvider, ProviderConfig, ProviderError, SsoProviders, TokenProblem};
use samdrift_domain::identity::sso::PersonClaim;
use samdrift_domain::role::{MemberRole, Role, StaffRole};
use samdrift_integrations::oidc::{OidcClient, OidcSettings};
use serde_json::json;
use std::sync::Arc;

/// Where the tests' browser comes back to (registered at the provider).
const PUBLIC_URL: &str = "http://samdrift.test";

/// The provider's issuer and client secret, when one was started.
fn provider() -> Option<(String, String)> {
    let Ok(issuer) = std::env::var("SAMDRIFT_TEST_OIDC_ISSUER") else {
        assert!(
            std::env::var("SAMDRIFT_REQUIRE_OIDC").is_err() && std::env::var("CI").is_err(),
            "SAMDRIFT_TEST_OIDC_ISSUER is required here: start tests/oidc/start.sh"
        );
        eprintln!("no OpenID Provider (tests/oidc/start.sh): single sign-on not tested");
        return None;
    };
    let file = std::env::var("SAMDRIFT_TEST_OIDC_SECRET_FILE").expect("the client secret's file");
    let secret = std::fs::read_to_string(file).unwrap().trim().to_owned();
    Some((issuer, secret))
}

fn client(issuer: &str, client_id: &str, secret: &str, member: Option<&str>) -> OidcClient {
    OidcClient::new(OidcSettings {
        provider: ProviderConfig {
            key: "ystad".into(),
            label: "Ystads kommun".into(),
            member: member.map(Into::into),
            claim: PersonClaim::Email,
            claim_name: "email".into(),
        },
        issuer: issuer.into(),
        client_id: client_id.into(),
        client_secret: secret.into(),
        scopes: vec!["email".into(), "profile".into()],
    })
    .unwrap()
}

/// The real time: the provider's tokens carry it.
#[allow(clippy::disallowed_methods)]
fn real_now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}

/// A test app whose members have the provider, with YST's end user
/// `dwho@badwolf.org` and a staff account named `rtyler@badwolf.org`.
async fn with_provider(t: TestApp, issuer: &str, secret: &str) -> TestApp {
    *t.clock.0.lock().unwrap() = real_now();
    let f = federation(&t).await;
    let admin = f.token("admin");
    let yst = &f.members["YST"];
    let adm = t
        .post(
            &format!(
                "/api/v1/members/{}/administrations",
                yst["id"].as_str().unwrap()
            ),
            admin,
            json!({"name": "Vård och omsorg"}),
        )
        .await
        .json();
    let person = t
        .post("/api/v1/people", admin, json!({"member": "YST", "administration_id": adm["id"], "name": "Doctor Who", "email": "dwho@badwolf.org", "kind": "employee"}))
        .await
        .json();
    for (username, role, member, person) in [
        (
            "dwho",
            Role::Member(MemberRole::EndUser),
            Some("YST"),
            Some(&person),
        ),
        (
            "rtyler@badwolf.org",
            Role::Staff(StaffRole::Agent),
            None,
            None,
        ),
    ] {
        t.app
            .create_account(
                None,
                NewAccount {
                    username: username.into(),
                    password: PASSWORD.into(),
                    role,
                    member: member.map(Into::into),
                    person: person.map(|p| {
                        samdrift_domain::ids::PersonId(p["id"].as_str().unwrap().parse().unwrap())
                    }),
                },
            )
            .await
            .unwrap();
    }
    let provider: Arc<dyn OidcProvider> = Arc::new(client(issuer, "samdrift", secret, Some("YST")));
    t.with_sso(SsoProviders {
        public_url: PUBLIC_URL.into(),
        providers: vec![provider],
    })
}

/// The browser at the provider: a cookie jar kept by hand, no redirects
/// followed.
struct ProviderBrowser {
    http: reqwest::Client,
    cookies: Vec<String>,
}

impl ProviderBrowser {
    fn new() -> ProviderBrowser {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        ProviderBrowser {
            http,
            cookies: Vec::new(),
        }
    }

    fn keep(&mut self, r: &reqwest::Response) {
        for v in r.headers().get_all("set-cookie") {
            let pair = v.to_str().unwrap().split(';').next().unwrap().to_owned();
            let name = pair.split('=').next().unwrap().to_owned();
            self.cookies.retain(|c| !c.starts_with(&format!("{name}=")));
            self.cookies.push(pair);
        }
    }

    async fn get(&mut self, url: &str) -> reqwest::Response {
        let r = self
            .http
            .get(url)
            .header("cookie", self.cookies.join("; "))
            .send()
            .await
            .unwrap();
        self.keep(&r);
        r
    }

    /// Signs in at the provider's authorization URL as `user`; returns
    /// where the provider sends the browser back (the callback with code
    /// and state).
    async fn sign_in(&mut self, authorize: &str, user: &str) -> String {
        let form = self.get(authorize).await;
        assert_eq!(
            form.status(),
            reqwest::StatusCode::OK,
            "the provider's login form"
        );
        let page = form.text().await.unwrap();
        let mut fields = hidden_inputs(&page);
        fields.retain(|(k, _)| k != "user" && k != "password");
        fields.push(("user".into(), user.into()));
        fields.push(("password".into(), user.into()));
        let r = self
            .http
            .post(authorize)
            .header("cookie", self.cookies.join("; "))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_body(&fields))
            .send()
            .await
            .unwrap();
        self.keep(&r);
        assert_eq!(
            r.status(),
            reqwest::StatusCode::FOUND,
            "the provider signs {user} in"
        );
        r.headers()["location"].to_str().unwrap().to_owned()
    }
}

/// The named inputs of a page's form: (name, value).
fn hidden_inputs(page: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| {
        let (_, rest) = tag.split_once(&format!("{name}=\""))?;
        Some(rest.split('"').next()?.to_owned())
    };
    page.split("<input")
        .skip(1)
        .filter_map(|rest| {
            let tag = rest.split('>').next()?;
            Some((attr(tag, "name")?, attr(tag, "value").unwrap_or_default()))
        })
        .collect()
}

fn form_body(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn html(r: &Response) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

fn set_cookie(r: &Response, name: &str) -> Option<String> {
    r.headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with(&format!("{name}=")) && c.len() > name.len() + 1)
}

async fn get(t: &TestApp, path: &str, cookie: &str) -> Response {
    t.request(
        Method::GET,
        path,
        None,
        Body::empty(),
        &[("cookie", cookie)],
    )
    .await
}

/// Begins a login at samdrift and signs in at the provider as `user`:
/// returns the callback's path and query, and the state cookie.
async fn to_provider_and_back(t: &TestApp, user: &str) -> (String, String) {
    let begin = get(t, "/login/sso/ystad?next=/portal", "").await;
    assert_eq!(begin.status, StatusCode::SEE_OTHER, "{}", html(&begin));
    let authorize = begin.headers["location"].to_str().unwrap().to_owned();
    for part in [
        "code_challenge=",
        "code_challenge_method=S256",
        "nonce=",
        "state=",
        "client_id=samdrift",
    ] {
        assert!(authorize.contains(part), "{authorize} has {part}");
    }
    let state_cookie = set_cookie(&begin, "samdrift_sso_state").expect("the state cookie");
    let back = ProviderBrowser::new().sign_in(&authorize, user).await;
    let path = back
        .strip_prefix(PUBLIC_URL)
        .expect("back to samdrift")
        .to_owned();
    assert!(path.starts_with("/login/sso/callback?"), "{path}");
    (path, state_cookie)
}

#[tokio::test]
async fn a_known_person_signs_in_once_and_out_at_the_provider_too() {
    let Some((issuer, secret)) = provider() else {
        return;
    };
    for t in backends().await {
        let t = with_provider(t, &issuer, &secret).await;
        let login = get(&t, "/login", "").await;
        assert!(
            html(&login).contains("href=\"/login/sso/ystad\""),
            "{}: the login page offers the provider",
            t.backend
        );

        let (callback, state) = to_provider_and_back(&t, "dwho").await;
        let done = get(&t, &callback, &state).await;
        assert_eq!(
            done.status,
            StatusCode::SEE_OTHER,
            "{}: {}",
            t.backend,
            html(&done)
        );
        let session = set_cookie(&done, "samdrift_session").expect("a session");
        assert_eq!(done.headers["location"], "/portal", "{}", t.backend);
        let portal = get(&t, "/portal", &session).await;
        assert_eq!(
            portal.status,
            StatusCode::OK,
            "{}: the portal opens",
            t.backend
        );

        // The same answer from the provider again: the state is spent.
        let again = get(&t, &callback, &state).await;
        assert_eq!(
            again.status,
            StatusCode::BAD_REQUEST,
            "{}: a replayed state",
            t.backend
        );
        assert!(set_cookie(&again, "samdrift_session").is_none());
        assert!(
            html(&again).contains("redan använts"),
            "{}: {}",
            t.backend,
            html(&again)
        );

        // Signing out ends samdrift's session and leads on to the provider's.
        let csrf = crate::forms::hidden(&html(&portal), "csrf");
        let out = t
            .request(
                Method::POST,
                "/logout",
                None,
                Body::from(format!("csrf={csrf}")),
                &[
                    ("cookie", &session),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
            )
            .await;
        assert_eq!(out.status, StatusCode::OK, "{}", t.backend);
        let page = html(&out);
        let end = format!("{issuer}/oauth2/logout?");
        assert!(
            page.contains(&end) && page.contains("id_token_hint="),
            "{}: {page}",
            t.backend
        );
        assert!(
            page.contains("post_logout_redirect_uri=http%3A%2F%2Fsamdrift.test%2Flogin"),
            "{page}"
        );
        let after = get(&t, "/portal", &session).await;
        assert_eq!(
            after.status,
            StatusCode::SEE_OTHER,
            "{}: the session ended",
            t.backend
        );
    }
}

#[tokio::test]
async fn a_person_samdrift_does_not_know_gets_a_page_not_an_account() {
    let Some((issuer, secret)) = provider() else {
        return;
    };
    for t in backends().await {
        let t = with_provider(t, &issuer, &secret).await;
        let accounts_before = t.store.list_accounts().await.unwrap().len();
        // msmith has no account; rtyler is staff, whom a member's provider
        // never signs in.
        for user in ["msmith", "rtyler"] {
            let (callback, state) = to_provider_and_back(&t, user).await;
            let r = get(&t, &callback, &state).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{}: {user}", t.backend);
            assert!(set_cookie(&r, "samdrift_session").is_none(), "{user}");
            let page = html(&r);
            assert!(
                page.contains("inget konto i samdrift"),
                "{}: {page}",
                t.backend
            );
            assert!(page.contains("href=\"/login\""));
        }
        assert_eq!(
            t.store.list_accounts().await.unwrap().len(),
            accounts_before,
            "no account made"
        );
    }
}

#[tokio::test]
async fn a_callback_in_another_browser_or_without_a_code_is_refused() {
    let Some((issuer, secret)) = provider() else {
        return;
    };
    for t in backends().await {
        let t = with_provider(t, &issuer, &secret).await;
        let (callback, _) = to_provider_and_back(&t, "dwho").await;
        let elsewhere = get(&t, &callback, "samdrift_sso_state=someone-elses").await;
        assert_eq!(elsewhere.status, StatusCode::BAD_REQUEST, "{}", t.backend);
        assert!(set_cookie(&elsewhere, "samdrift_session").is_none());
        let cancelled = get(&t, "/login/sso/callback?error=access_denied&state=x", "").await;
        assert_eq!(cancelled.status, StatusCode::UNAUTHORIZED);
        let nothing = get(&t, "/login/sso/callback", "").await;
        assert_eq!(nothing.status, StatusCode::BAD_REQUEST);
        let unknown = get(&t, "/login/sso/nosuch", "").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    }
}

/// A real ID token from the provider for `client_id`, with the nonce it
/// was asked for, redeemed by `client` (which checks it as of now).
async fn real_token(issuer: &str, client_id: &str, secret: &str) -> (String, String) {
    let c = client(issuer, client_id, secret, None);
    let redirect = format!("{PUBLIC_URL}/login/sso/callback");
    let auth = c.authorize(&redirect).await.unwrap();
    let back = ProviderBrowser::new().sign_in(&auth.url, "dwho").await;
    let code = back
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("code="))
        .unwrap()
        .to_owned();
    let token = c.redeem(&code, &auth, &redirect, real_now()).await.unwrap();
    assert_eq!(token.claim.as_deref(), Some("dwho@badwolf.org"));
    (token.raw, auth.nonce)
}

fn refused_for(r: Result<samdrift_app::sso::VerifiedToken, ProviderError>) -> TokenProblem {
    match r {
        Err(ProviderError::Token(problem, _)) => problem,
        other => panic!("not refused: {other:?}"),
    }
}

#[tokio::test]
async fn tokens_for_another_client_expired_forged_or_of_another_login_are_refused() {
    let Some((issuer, secret)) = provider() else {
        return;
    };
    let ours = client(&issuer, "samdrift", &secret, None);
    let (raw, nonce) = real_token(&issuer, "samdrift", &secret).await;
    let now = real_now();
    assert!(
        ours.verify(&raw, &nonce, now).await.is_ok(),
        "the token itself is good"
    );

    let (theirs, their_nonce) = real_token(&issuer, "other-rp", "other-rp-secret").await;
    assert_eq!(
        refused_for(ours.verify(&theirs, &their_nonce, now).await),
        TokenProblem::Audience
    );

    let later = now + jiff::SignedDuration::from_hours(2);
    assert_eq!(
        refused_for(ours.verify(&raw, &nonce, later).await),
        TokenProblem::Expired
    );

    let (body, signature) = raw.rsplit_once('.').unwrap();
    let mut forged: Vec<u8> = signature.bytes().collect();
    forged[10] = if forged[10] == b'A' { b'B' } else { b'A' };
    let forged = format!("{body}.{}", String::from_utf8(forged).unwrap());
    assert_eq!(
        refused_for(ours.verify(&forged, &nonce, now).await),
        TokenProblem::Signature
    );

    // Another token's claims under this token's signature.
    let mut parts: Vec<&str> = raw.split('.').collect();
    parts[1] = theirs.split('.').nth(1).unwrap();
    assert!(
        ours.verify(&parts.join("."), &their_nonce, now)
            .await
            .is_err()
    );

    assert_eq!(
        refused_for(ours.verify(&raw, "another-login", now).await),
        TokenProblem::Nonce
    );
}
