//! The administration pages as a browser uses them: sign in with the login
//! form, read the CSRF token from the page, post urlencoded forms, follow
//! the redirect and find the new row; refused forms, forged forms and
//! roles without access.

use crate::harness::{PASSWORD, Response, TestApp, backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::MemberFilter;

/// A signed-in browser: its session cookie and the session's CSRF token.
struct Browser<'a> {
    t: &'a TestApp,
    cookie: String,
    csrf: String,
}

/// Form fields written `name=value|name=value`, urlencoded.
fn encode(fields: &str) -> String {
    let part = |s: &str| -> String {
        let keep = |b: u8| b.is_ascii_alphanumeric() || b"-_.".contains(&b);
        let byte = |b: u8| {
            if keep(b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        };
        s.bytes().map(byte).collect()
    };
    fields
        .split('|')
        .filter(|f| !f.is_empty())
        .map(|f| f.split_once('=').unwrap())
        .map(|(k, v)| format!("{}={}", part(k), part(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn html(r: &Response) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

/// The `<input …>` (or select, textarea) tag with `id`.
fn tag<'p>(page: &'p str, id: &str) -> &'p str {
    let at = page.find(&format!("id=\"{id}\"")).expect(id);
    let start = page[..at].rfind('<').unwrap();
    &page[start..=at + page[at..].find('>').unwrap()]
}

/// A textarea's text as the browser submits it (askama escapes quotes).
fn unescape(text: &str) -> String {
    text.replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

impl<'a> Browser<'a> {
    async fn sign_in(t: &'a TestApp, username: &str) -> Browser<'a> {
        let fields = [("username", username), ("password", PASSWORD)];
        let r = crate::forms::post_login(t, &fields).await;
        assert!(r.status.is_redirection(), "login of {username}");
        let set = r.headers.get("set-cookie").unwrap().to_str().unwrap();
        let cookie = set.split(';').next().unwrap().to_owned();
        assert!(cookie.starts_with("samdrift_session="));
        let mut b = Browser {
            t,
            cookie,
            csrf: String::new(),
        };
        // Every page of the frame, even a refusal, carries the token.
        let page = html(&b.get("/admin").await);
        let (_, rest) = page.split_once("name=\"csrf\" value=\"").unwrap();
        b.csrf = rest.split('"').next().unwrap().to_owned();
        b
    }

    async fn get(&self, path: &str) -> Response {
        let cookie = [("cookie", self.cookie.as_str())];
        self.t
            .request(Method::GET, path, None, Body::empty(), &cookie)
            .await
    }

    async fn post(&self, path: &str, fields: &str) -> Response {
        let body = encode(&format!("csrf={}|{fields}", self.csrf));
        let headers = [
            ("cookie", self.cookie.as_str()),
            ("content-type", "application/x-www-form-urlencoded"),
        ];
        self.t
            .request(Method::POST, path, None, Body::from(body), &headers)
            .await
    }

    /// Posts a form that must be stored; returns the page it leads to.
    async fn submit(&self, path: &str, fields: &str) -> String {
        let r = self.post(path, fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {}", html(&r));
        let to = r.headers.get("location").unwrap().to_str().unwrap();
        let page = self.get(to).await;
        assert_eq!(page.status, StatusCode::OK, "{to}");
        let text = html(&page);
        assert!(text.contains("role=\"status\""), "{to} says it saved");
        text
    }

    /// Posts a form that must come back refused (422); returns the page.
    async fn refused(&self, path: &str, fields: &str) -> String {
        let r = self.post(path, fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        html(&r)
    }
}

#[tokio::test]
async fn an_admin_fills_every_register_through_the_forms() {
    for t in backends().await {
        federation(&t).await;
        let store = &t.store;
        let b = Browser::sign_in(&t, "admin").await;
        assert!(html(&b.get("/admin").await).contains("href=\"/admin/accounts\""));

        let member = "code=VAX|name=Vaxholms stad|organisation_number=212000-0142";
        let page = b
            .submit("/admin/members", &format!("{member}|ownership_share=12,5"))
            .await;
        assert!(page.contains("Vaxholms stad") && page.contains("12,50 %"));
        let vax = store.member_by_code("VAX").await.unwrap().unwrap().id;

        let path = format!("/admin/members/{vax}/administrations");
        b.submit(&path, "name=Utbildning|parent_id=").await;
        let adms = store.list_administrations(&MemberFilter::All, Some(MemberId(vax)));
        let parent = adms.await.unwrap()[0].id;
        let page = b
            .submit(&path, &format!("name=Grundskolan|parent_id={parent}"))
            .await;
        let child = page.split("Grundskolan</th>").nth(1).expect("the child");
        let child = child.split("</tr>").next().unwrap();
        assert!(child.contains("Utbildning"), "the child shows its parent");

        let person = "name=Ada Lind|email=ada.lind@vaxholm.example|kind=employee";
        let person = format!("member_id={vax}|administration_id={parent}|{person}");
        let page = b.submit("/admin/people", &person).await;
        assert!(page.contains("ada.lind@vaxholm.example"));
        let found = html(&b.get(&format!("/admin/people?q=ADA&member={vax}")).await);
        assert!(found.contains("Ada Lind") && !found.contains("sim.example"));
        let ada = store.person_by_email(MemberId(vax), "ada.lind@vaxholm.example");
        let ada = ada.await.unwrap().unwrap().id;

        let account = "username=ada.lind|password=Ada-Lind-Kvarnen-88|role=end_user|member=VAX";
        let account = format!("{account}|person_id={ada}");
        assert!(
            b.submit("/admin/accounts", &account)
                .await
                .contains("ada.lind")
        );

        let page = b
            .submit(
                "/admin/groups",
                "name=Nätverk|description=Switchar och wifi",
            )
            .await;
        assert!(page.contains("Nätverk"));
        let groups = store.list_groups().await.unwrap();
        let group = groups.iter().find(|g| g.name == "Nätverk").unwrap().id;
        let path = format!("/admin/groups/{group}/members");
        let page = b.submit(&path, "username=technician").await;
        assert!(page.contains("<li>technician</li>"));

        let supplier = "name=Nätbolaget AB|email=support@natbolaget.example";
        let page = b.submit("/admin/suppliers", supplier).await;
        assert!(page.contains("Nätbolaget AB"));

        let service = "code=NET|name=Nätverk och wifi|level=infrastructure";
        let service = format!("{service}|owning_group_id={group}");
        let page = b.submit("/admin/services", &service).await;
        assert!(page.contains("NET") && page.contains("Infrastrukturtjänst"));

        let office = "08:00-12:00, 12:45-16:30";
        let week = format!("mon={office}|tue={office}|wed={office}|thu={office}|fri=8:00-15:00");
        let rest = "holidays=on|de_facto=on|exceptions=2027-05-07\n2027-04-30 08:00-12:00";
        let calendar = format!("name=Kontorstid|time_zone=Europe/Stockholm|{week}|{rest}");
        let page = b.submit("/admin/calendars", &calendar).await;
        assert!(page.contains("Kontorstid") && page.contains("Fredag 08:00–15:00"));

        let form = html(&b.get("/admin/agreements").await);
        let example = form.split("name=\"spec\"").nth(1).unwrap();
        let example = example.split_once('>').unwrap().1;
        let example = unescape(example.split("</textarea>").next().unwrap());
        assert!(
            !example.contains('|'),
            "the example fits the test's form syntax"
        );
        let page = b
            .submit("/admin/agreements", &format!("member=VAX|spec={example}"))
            .await;
        assert!(page.contains("Avtal 2027") && page.contains("Kontorstid"));
        assert!(page.contains("25\u{a0}000,00 kr") && page.contains("4 h 00 min"));
    }
}

#[tokio::test]
async fn a_refused_form_comes_back_with_its_values_and_errors() {
    for t in backends().await {
        federation(&t).await;
        let store = &t.store;
        let b = Browser::sign_in(&t, "admin").await;
        let member = "name=Vaxholms stad|organisation_number=212000-0142";
        let page = b
            .refused(
                "/admin/members",
                &format!("code=vax1|{member}|ownership_share=12"),
            )
            .await;
        assert!(page.contains("ska vara 2–5 versaler A–Z") && page.contains("href=\"#f-code\""));
        let code = tag(&page, "f-code");
        assert!(code.contains("aria-invalid=\"true\"") && code.contains("value=\"vax1\""));
        assert!(code.contains("aria-describedby=\"h-code e-code\""));
        let name = tag(&page, "f-name");
        assert!(name.contains("value=\"Vaxholms stad\"") && !name.contains("aria-invalid"));
        assert!(store.member_by_code("VAX").await.unwrap().is_none());
        let page = b
            .refused(
                "/admin/members",
                &format!("code=VAX|{member}|ownership_share=tolv"),
            )
            .await;
        assert!(page.contains("Skriv andelen i procent"));

        let week = "mon=08:00-12:00, 13:00-12:30|tue=lunch|exceptions=2027-02-30";
        let calendar = format!("name=Kväll|time_zone=Europe/Stockholm|{week}");
        let page = b.refused("/admin/calendars", &calendar).await;
        let mon = tag(&page, "f-mon");
        assert!(mon.contains("aria-invalid=\"true\""));
        assert!(mon.contains("value=\"08:00-12:00, 13:00-12:30\""));
        assert!(page.contains("Intervall 2:") && page.contains("lunch"));
        assert!(page.contains("Rad 1:") && page.contains("href=\"#f-exceptions\""));
        assert!(tag(&page, "f-exceptions").contains("aria-invalid=\"true\""));
        assert!(store.list_calendars().await.unwrap().is_empty());

        let spec = "spec={\"name\": \"Avtal\",\n \"valid_from\": 2027}";
        let page = b
            .refused("/admin/agreements", &format!("member=SIM|{spec}"))
            .await;
        assert!(page.contains("JSON-fel på rad 2"));
        assert!(tag(&page, "f-spec").contains("aria-invalid=\"true\""));

        let group = store.list_groups().await.unwrap()[0].id;
        let path = format!("/admin/groups/{group}/members");
        let page = b.refused(&path, "username=nobody").await;
        assert!(page.contains("inget personalkonto"));
        let input = tag(&page, &format!("f-username-{group}"));
        assert!(input.contains("value=\"nobody\"") && input.contains("aria-invalid"));
    }
}

#[tokio::test]
async fn a_form_without_the_sessions_csrf_token_is_refused_and_writes_nothing() {
    for t in backends().await {
        federation(&t).await;
        let mut b = Browser::sign_in(&t, "admin").await;
        let member = "code=VAX|name=Vaxholm|organisation_number=212000-0142|ownership_share=10";
        for forged in ["forged", ""] {
            b.csrf = forged.into();
            let r = b.post("/admin/members", member).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
            let r = b.post("/admin/groups", "name=Smygande grupp").await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
        }
        assert!(t.store.member_by_code("VAX").await.unwrap().is_none());
        assert_eq!(t.store.list_groups().await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn only_managers_and_admins_enter_and_only_admins_see_accounts() {
    for t in backends().await {
        federation(&t).await;
        let anonymous = t.request(Method::GET, "/admin", None, Body::empty(), &[]);
        assert!(anonymous.await.status.is_redirection());
        for username in ["agent", "technician", "sim.orderer"] {
            let b = Browser::sign_in(&t, username).await;
            for path in ["/admin", "/admin/members", "/admin/accounts"] {
                let status = b.get(path).await.status;
                assert_eq!(status, StatusCode::FORBIDDEN, "{username} {path}");
            }
            let r = b.post("/admin/groups", "name=Egen grupp").await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{username}");
        }
        assert_eq!(t.store.list_groups().await.unwrap().len(), 1);

        let b = Browser::sign_in(&t, "manager").await;
        for path in [
            "/admin",
            "/admin/members",
            "/admin/people",
            "/admin/agreements",
        ] {
            assert_eq!(b.get(path).await.status, StatusCode::OK, "manager {path}");
        }
        assert!(!html(&b.get("/admin").await).contains("href=\"/admin/accounts\""));
        assert_eq!(b.get("/admin/accounts").await.status, StatusCode::FORBIDDEN);
        let account = "username=smyg|password=password-123|role=admin";
        let r = b.post("/admin/accounts", account).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(t.store.account_by_username("smyg").await.unwrap().is_none());
        b.submit("/admin/groups", "name=Chefens grupp").await;
        let r = b.post("/language", "lang=en|back=/admin/members").await;
        assert!(r.status.is_redirection());
        let page = html(&b.get("/admin/members").await);
        assert!(page.contains("<h1>Members</h1>") && page.contains("Organisation number"));
    }
}
