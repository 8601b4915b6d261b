//! Reading members' directories from the real OpenLDAP `slapd` that
//! `tests/ldap/start.sh` starts: Ystad's shaped as Active Directory (over
//! LDAPS), Simrishamn's as OpenLDAP (over StartTLS). Each person's
//! directory account and groups reach their identity page; a directory
//! user nobody matches is reported, not added; a failed read changes
//! nothing; another member's reads are out of reach.

use crate::harness::{TestApp, backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use samdrift_app::identity::directory::{Directories, DirectoryReader};
use samdrift_domain::identity::directory::Flavour;
use samdrift_integrations::ldap::{LdapDirectory, LdapSettings};
use serde_json::{Value, json};
use std::sync::Arc;

struct Ldap {
    starttls_url: String,
    ldaps_url: String,
    ca: String,
    password: String,
}

fn ldap() -> Option<Ldap> {
    let Ok(starttls_url) = std::env::var("SAMDRIFT_TEST_LDAP_URL") else {
        assert!(
            std::env::var("SAMDRIFT_REQUIRE_LDAP").is_err() && std::env::var("CI").is_err(),
            "SAMDRIFT_TEST_LDAP_URL is required here: start tests/ldap/start.sh"
        );
        eprintln!("no directory (tests/ldap/start.sh): directory reads not tested");
        return None;
    };
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name}"));
    Some(Ldap {
        starttls_url,
        ldaps_url: var("SAMDRIFT_TEST_LDAPS_URL"),
        ca: var("SAMDRIFT_TEST_LDAP_CA"),
        password: std::fs::read_to_string(var("SAMDRIFT_TEST_LDAP_PASSWORD_FILE")).unwrap(),
    })
}

fn directory(l: &Ldap, member: &str, password: &str, ca: &str) -> Arc<dyn DirectoryReader> {
    let (url, suffix, flavour) = match member {
        "YST" => (
            &l.ldaps_url,
            "dc=ystad,dc=example",
            Flavour::ActiveDirectory,
        ),
        _ => (
            &l.starttls_url,
            "dc=simrishamn,dc=example",
            Flavour::OpenLdap,
        ),
    };
    Arc::new(
        LdapDirectory::new(LdapSettings {
            member: member.into(),
            url: url.clone(),
            ca_file: Some(ca.into()),
            bind_dn: format!("cn=svc-samdrift,{suffix}"),
            bind_password: password.trim().into(),
            base_dn: suffix.into(),
            user_filter: flavour.user_filter().into(),
            group_filter: flavour.group_filter().into(),
            attributes: flavour.attributes(),
        })
        .unwrap(),
    )
}

fn with_directories(t: TestApp, directories: Vec<Arc<dyn DirectoryReader>>) -> TestApp {
    let app = t.app.clone().with_directories(Directories(directories));
    t.with_app(app)
}

/// Ystad's HR people (Anna and Bo are in the directory, Carl is not) and
/// Simrishamn's Cecilia, entered by hand.
async fn people(t: &TestApp, admin: &str) {
    let file = "employee_number;given_name;family_name;email;administration;title;start_date\n\
        YST-1001;Anna;Andersson;anna.andersson@ystad.example;Vård och omsorg;Undersköterska;2020-01-01\n\
        YST-1002;Bo;Bengtsson;bo@ystad.example;Vård och omsorg;Sjuksköterska;2020-01-01\n\
        YST-1003;Carl;Carlén;carl@ystad.example;Kultur;Bibliotekarie;2020-01-01\n";
    let d = t
        .request(
            Method::POST,
            "/api/v1/members/YST/people-deliveries?source=hr&apply=false",
            Some(admin),
            Body::from(file),
            &[("content-type", "text/csv")],
        )
        .await;
    assert_eq!(
        d.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&d.body)
    );
    let d = d.json();
    let etag = format!("\"{}\"", d["version"]);
    let applied = t
        .request(
            Method::POST,
            &format!(
                "/api/v1/people-deliveries/{}/apply",
                d["id"].as_str().unwrap()
            ),
            Some(admin),
            Body::from(json!({"confirm": false}).to_string()),
            &[("content-type", "application/json"), ("if-match", &etag)],
        )
        .await;
    assert_eq!(
        applied.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&applied.body)
    );
    let members = t.get("/api/v1/members", admin).await.json();
    let sim = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "SIM")
        .unwrap();
    let adm = t
        .post(
            &format!(
                "/api/v1/members/{}/administrations",
                sim["id"].as_str().unwrap()
            ),
            admin,
            json!({"name": "Skola"}),
        )
        .await
        .json();
    let c = t
        .post("/api/v1/people", admin, json!({"member": "SIM", "administration_id": adm["id"], "name": "Cecilia Carlsson", "email": "cecilia.carlsson@simrishamn.example", "kind": "employee"}))
        .await;
    assert_eq!(c.status, StatusCode::CREATED);
}

/// A page as the administrator sees it, signed in with the password.
async fn admin_page(t: &TestApp, path: &str) -> String {
    let login = crate::forms::post_login(
        t,
        &[
            ("username", "admin"),
            ("password", crate::harness::PASSWORD),
        ],
    )
    .await;
    let set = login.headers.get("set-cookie").unwrap().to_str().unwrap();
    let cookie = set.split(';').next().unwrap().to_owned();
    let r = t
        .request(
            Method::GET,
            path,
            None,
            Body::empty(),
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{path}");
    String::from_utf8_lossy(&r.body).into_owned()
}

async fn identity(t: &TestApp, admin: &str, email: &str) -> Value {
    let found = t
        .get(&format!("/api/v1/people?q={email}"), admin)
        .await
        .json();
    let id = found[0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{email}: {found}"));
    t.get(&format!("/api/v1/people/{id}/identity"), admin)
        .await
        .json()
}

#[tokio::test]
async fn a_directory_read_gives_people_their_accounts_and_groups_and_adds_nobody() {
    let Some(l) = ldap() else { return };
    for t in backends().await {
        let t = with_directories(
            t,
            vec![
                directory(&l, "YST", &l.password, &l.ca),
                directory(&l, "SIM", &l.password, &l.ca),
            ],
        );
        let f = federation(&t).await;
        let admin = f.token("admin");
        people(&t, admin).await;
        let people_before = t
            .get("/api/v1/people?limit=500", admin)
            .await
            .json()
            .as_array()
            .map(Vec::len);

        assert!(people_before.is_some_and(|n| n >= 4), "{people_before:?}");
        let r = t
            .post("/api/v1/members/YST/directory-reads", admin, json!({}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "{}: {}",
            t.backend,
            String::from_utf8_lossy(&r.body)
        );
        let read = r.json();
        assert_eq!(read["error"], Value::Null, "{}: {read}", t.backend);
        assert_eq!(
            (read["users_read"].as_i64(), read["groups_read"].as_i64()),
            (Some(3), Some(2))
        );
        assert_eq!(read["matched"], 2);
        assert_eq!(read["unmatched"], json!(["konsult01"]));

        let anna = identity(&t, admin, "anna.andersson@ystad.example").await;
        let page = admin_page(
            &t,
            &format!("/admin/people/{}", anna["id"].as_str().unwrap()),
        )
        .await;
        for shown in [
            "Konto i katalogen",
            "anna.andersson",
            "Alla anställda, Verksamhetssystem",
        ] {
            assert!(
                page.contains(shown),
                "{}: the person's page shows {shown}",
                t.backend
            );
        }
        let dir = &anna["directory"];
        assert_eq!(dir["login"], "anna.andersson", "{}: {anna}", t.backend);
        assert_eq!(dir["principal"], "anna.andersson@ystad.example");
        assert_eq!(dir["disabled"], false);
        assert_eq!(
            dir["groups"],
            json!(["Alla anställda", "Verksamhetssystem"])
        );
        // Matched by employee number though the e-mails differ; disabled
        // in Active Directory (userAccountControl 514).
        let bo = identity(&t, admin, "bo@ystad.example").await;
        assert_eq!(bo["directory"]["login"], "bo.bengtsson");
        assert_eq!(bo["directory"]["disabled"], true);
        let carl = identity(&t, admin, "carl@ystad.example").await;
        assert_eq!(carl["directory"], Value::Null, "not in the directory");

        // OpenLDAP over StartTLS: matched by e-mail, groups from the
        // group's member list.
        let sim = t
            .post("/api/v1/members/SIM/directory-reads", admin, json!({}))
            .await
            .json();
        assert_eq!(
            (sim["matched"].as_i64(), sim["error"].clone()),
            (Some(1), Value::Null),
            "{sim}"
        );
        let cecilia = identity(&t, admin, "cecilia.carlsson@simrishamn.example").await;
        assert_eq!(cecilia["directory"]["login"], "cecilia.carlsson");
        assert_eq!(cecilia["directory"]["groups"], json!(["Skolplattform"]));

        let people_after = t
            .get("/api/v1/people?limit=500", admin)
            .await
            .json()
            .as_array()
            .map(Vec::len);
        assert_eq!(
            people_before, people_after,
            "{}: the directory adds nobody",
            t.backend
        );
        let reads = t
            .get("/api/v1/members/YST/directory-reads", admin)
            .await
            .json();
        assert_eq!(reads.as_array().unwrap().len(), 1);
        let page = admin_page(&t, "/admin/sign-in").await;
        assert!(
            page.contains("3 / 2 / 1"),
            "{}: the administration shows the read",
            t.backend
        );
    }
}

#[tokio::test]
async fn a_failed_read_says_why_and_changes_nothing() {
    let Some(l) = ldap() else { return };
    for t in backends().await {
        let good = with_directories(t, vec![directory(&l, "YST", &l.password, &l.ca)]);
        let f = federation(&good).await;
        let admin = f.token("admin").to_owned();
        people(&good, &admin).await;
        let r = good
            .post("/api/v1/members/YST/directory-reads", &admin, json!({}))
            .await
            .json();
        assert_eq!(r["matched"], 2);

        let wrong_password =
            with_directories(good, vec![directory(&l, "YST", "not-the-password", &l.ca)]);
        let r = wrong_password
            .post("/api/v1/members/YST/directory-reads", &admin, json!({}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let error = r.json()["error"].as_str().unwrap_or_default().to_owned();
        assert!(
            error.contains("cannot bind"),
            "{}: {error}",
            wrong_password.backend
        );

        // A server whose certificate the configured CA did not sign.
        let system_roots = "/etc/ssl/certs/ca-certificates.crt";
        let untrusted = with_directories(
            wrong_password,
            vec![directory(&l, "YST", &l.password, system_roots)],
        );
        let r = untrusted
            .post("/api/v1/members/YST/directory-reads", &admin, json!({}))
            .await
            .json();
        assert!(
            r["error"]
                .as_str()
                .is_some_and(|e| e.contains("cannot connect")),
            "{}: {r}",
            untrusted.backend
        );

        let page = admin_page(&untrusted, "/admin/sign-in").await;
        assert!(
            page.contains("Misslyckades"),
            "{}: the failure shows",
            untrusted.backend
        );
        let anna = identity(&untrusted, &admin, "anna.andersson@ystad.example").await;
        assert_eq!(
            anna["directory"]["login"], "anna.andersson",
            "the last good read stands"
        );
        let reads = untrusted
            .get("/api/v1/members/YST/directory-reads", &admin)
            .await
            .json();
        assert_eq!(reads.as_array().unwrap().len(), 3);
    }
}

#[tokio::test]
async fn members_reach_neither_another_members_directory_nor_read_one() {
    let Some(l) = ldap() else { return };
    for t in backends().await {
        let t = with_directories(t, vec![directory(&l, "YST", &l.password, &l.ca)]);
        let f = federation(&t).await;
        let admin = f.token("admin");
        people(&t, admin).await;
        assert_eq!(
            t.post("/api/v1/members/YST/directory-reads", admin, json!({}))
                .await
                .status,
            StatusCode::CREATED
        );
        for who in ["sim.orderer", "sim.strategist", "sim.end_user"] {
            let r = t
                .get("/api/v1/members/YST/directory-reads", f.token(who))
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}: {who}", t.backend);
            let r = t
                .post(
                    "/api/v1/members/YST/directory-reads",
                    f.token(who),
                    json!({}),
                )
                .await;
            assert!(
                matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{who}: {}",
                r.status
            );
        }
        // The member's own orderer may not read the directory either; a
        // member without a directory has none to read.
        let r = t
            .post(
                "/api/v1/members/YST/directory-reads",
                f.token("yst.orderer"),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = t
            .post("/api/v1/members/SIM/directory-reads", admin, json!({}))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}
