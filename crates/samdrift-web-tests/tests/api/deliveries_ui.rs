//! The deliveries pages as a browser uses them: upload a file, read the
//! preview in words, apply it, and open a person's history; a file with
//! errors comes back with each line named.

use crate::harness::{PASSWORD, TestApp, backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};

struct Browser<'a> {
    t: &'a TestApp,
    cookie: String,
    csrf: String,
}

impl<'a> Browser<'a> {
    async fn sign_in(t: &'a TestApp, username: &str) -> Browser<'a> {
        let r =
            crate::forms::post_login(t, &[("username", username), ("password", PASSWORD)]).await;
        let set = r.headers.get("set-cookie").unwrap().to_str().unwrap();
        let cookie = set.split(';').next().unwrap().to_owned();
        let mut b = Browser {
            t,
            cookie,
            csrf: String::new(),
        };
        let page = b.get("/admin/deliveries").await.1;
        let (_, rest) = page.split_once("name=\"csrf\" value=\"").unwrap();
        b.csrf = rest.split('"').next().unwrap().to_owned();
        b
    }

    async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self
            .t
            .request(
                Method::GET,
                path,
                None,
                Body::empty(),
                &[("cookie", self.cookie.as_str())],
            )
            .await;
        (r.status, String::from_utf8_lossy(&r.body).into_owned())
    }

    async fn upload(&self, member: &str, file: &str) -> crate::harness::Response {
        let mut body = String::new();
        for (name, value) in [
            ("csrf", self.csrf.as_str()),
            ("member_id", member),
            ("source", "hr"),
        ] {
            body.push_str(&format!(
                "--b\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hr.csv\"\r\nContent-Type: text/csv\r\n\r\n");
        body.push_str(file);
        body.push_str("\r\n--b--\r\n");
        let headers = [
            ("cookie", self.cookie.as_str()),
            ("content-type", "multipart/form-data; boundary=b"),
        ];
        self.t
            .request(
                Method::POST,
                "/admin/deliveries",
                None,
                Body::from(body),
                &headers,
            )
            .await
    }

    async fn post(&self, path: &str, fields: &str) -> crate::harness::Response {
        let headers = [
            ("cookie", self.cookie.as_str()),
            ("content-type", "application/x-www-form-urlencoded"),
        ];
        let body = format!("csrf={}&{fields}", self.csrf);
        self.t
            .request(Method::POST, path, None, Body::from(body), &headers)
            .await
    }
}

const FILE: &str = "employee_number,given_name,family_name,email,administration,title\n\
                    1,Anna,Svensson,anna@ystad.se,Barn- och utbildningsförvaltningen,Rektor\n\
                    2,Bo,Ek,bo@ystad.se,Kultur,Bibliotekarie\n";

#[tokio::test]
async fn an_admin_uploads_a_delivery_reads_the_preview_applies_it_and_opens_a_persons_history() {
    for t in backends().await {
        let f = federation(&t).await;
        let yst = f.members["YST"]["id"].as_str().unwrap();
        let b = Browser::sign_in(&t, "admin").await;
        let bad = b
            .upload(
                yst,
                "employee_number,given_name,family_name,email\n1,A,B,a@ystad.se\n2,C,D,not-mail\n",
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = String::from_utf8_lossy(&bad.body);
        assert!(page.contains("line 3: email"), "{page}");
        let sent = b.upload(yst, FILE).await;
        assert_eq!(
            sent.status,
            StatusCode::SEE_OTHER,
            "{}",
            String::from_utf8_lossy(&sent.body)
        );
        let to = sent
            .headers
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let (status, preview) = b.get(&to).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            preview.contains("Anna Svensson") && preview.contains("Bo Ek"),
            "{preview}"
        );
        assert!(preview.contains("Verkställ"));
        let (_, rest) = preview.split_once("name=\"version\" value=\"").unwrap();
        let version = rest.split('"').next().unwrap();
        let applied = b
            .post(&format!("{to}/apply"), &format!("version={version}"))
            .await;
        assert_eq!(applied.status, StatusCode::SEE_OTHER);
        let again = b
            .post(&format!("{to}/apply"), &format!("version={version}"))
            .await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "a second apply is refused in words"
        );
        let (_, done) = b.get(&to).await;
        assert!(done.contains("Verkställd"), "{done}");
        let (_, list) = b.get("/admin/people?q=bo@ystad.se").await;
        let (_, rest) = list.split_once("href=\"/admin/people/").unwrap();
        let person = rest.split('"').next().unwrap();
        let (status, page) = b.get(&format!("/admin/people/{person}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Historik") && page.contains("Bibliotekarie"),
            "{page}"
        );
        let agent = Browser::sign_in(&t, "agent").await;
        assert_eq!(agent.get(&to).await.0, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn an_admin_previews_saves_and_removes_an_entitlement_rule_on_its_page() {
    for t in backends().await {
        let f = federation(&t).await;
        let yst = f.members["YST"]["id"].as_str().unwrap();
        let group = f.group["id"].as_str().unwrap();
        let b = Browser::sign_in(&t, "admin").await;
        assert_eq!(b.upload(yst, FILE).await.status, StatusCode::SEE_OTHER);
        let (_, list) = b.get("/admin/deliveries").await;
        let (_, rest) = list.split_once("href=\"/admin/deliveries/").unwrap();
        let to = format!("/admin/deliveries/{}", rest.split('"').next().unwrap());
        let (_, preview) = b.get(&to).await;
        let (_, rest) = preview.split_once("name=\"version\" value=\"").unwrap();
        let version = rest.split('"').next().unwrap().to_owned();
        assert_eq!(
            b.post(&format!("{to}/apply"), &format!("version={version}"))
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let fields = format!(
            "member={yst}&name=Bibliotekssystemet&title=bibliotekarie&grant_task=Ge+beh%C3%B6righet&removal_task=Ta+bort&group_id={group}"
        );
        let shown = b
            .post(
                "/admin/entitlement-rules",
                &format!("{fields}&action=preview"),
            )
            .await;
        assert_eq!(shown.status, StatusCode::OK);
        let page = String::from_utf8_lossy(&shown.body).into_owned();
        assert!(
            page.contains("Regeln gäller i dag: 1") && page.contains("Bo Ek"),
            "{page}"
        );
        let vague = b.post("/admin/entitlement-rules", &format!("member={yst}&name=Alla&grant_task=a&removal_task=b&group_id={group}&action=save")).await;
        assert_eq!(
            vague.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a rule without conditions comes back"
        );
        let saved = b
            .post("/admin/entitlement-rules", &format!("{fields}&action=save"))
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        let to = saved
            .headers
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let (_, listed) = b.get(&to).await;
        assert!(
            listed.contains("Bibliotekssystemet") && listed.contains("role=\"status\""),
            "{listed}"
        );
        let (_, rest) = listed
            .split_once("action=\"/admin/entitlement-rules/")
            .unwrap();
        let id = rest.split('/').next().unwrap();
        let removed = b
            .post(
                &format!("/admin/entitlement-rules/{id}/delete"),
                &format!("member={yst}"),
            )
            .await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        let (_, after) = b
            .get(&format!("/admin/entitlement-rules?member={yst}"))
            .await;
        assert!(!after.contains("Bibliotekssystemet"));
    }
}
