//! SCIM 2.0 at /scim/v2: a member's token provisions that member's people
//! (joiner accounts, the leaver path) and directory groups; filters,
//! paging, PATCH as Entra ID sends it, ETags, SCIM error bodies; one
//! member's token never reaches another member; API tokens and SCIM
//! tokens each stay on their own side.

use crate::harness::*;
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

const MISSING: &str = "00000000-0000-7000-8000-000000000000";

async fn scim(
    t: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Response {
    let mut all = vec![("content-type", "application/scim+json")];
    all.extend_from_slice(headers);
    let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
    t.request(method, &format!("/scim/v2{path}"), Some(token), body, &all)
        .await
}

async fn scim_token(t: &TestApp, f: &Federation, member: &str) -> String {
    let r = t
        .post(
            &format!("/api/v1/members/{member}/scim-tokens"),
            f.token("admin"),
            json!({"name": "Entra ID"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()["token"].as_str().unwrap().to_owned()
}

fn user(name: &str, given: &str, family: &str, title: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "userName": name,
        "externalId": format!("ext-{given}"),
        "name": {"givenName": given, "familyName": family},
        "displayName": format!("{given} {family}"),
        "emails": [{"value": name, "type": "work", "primary": true}],
        "title": title,
        "active": true,
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": format!("E{given}"), "department": "IT"},
    })
}

async fn create(t: &TestApp, token: &str, doc: Value) -> Value {
    let r = scim(t, Method::POST, "/Users", token, Some(doc), &[]).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "[{}] {}",
        t.backend,
        String::from_utf8_lossy(&r.body)
    );
    assert_eq!(r.headers["content-type"], "application/scim+json");
    assert!(r.headers.contains_key("location"));
    r.json()
}

/// The userNames a filter finds, sorted.
async fn found(t: &TestApp, token: &str, filter: &str) -> Vec<String> {
    let q = urlencode(filter);
    let r = scim(
        t,
        Method::GET,
        &format!("/Users?filter={q}"),
        token,
        None,
        &[],
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "[{}] {filter}: {}",
        t.backend,
        String::from_utf8_lossy(&r.body)
    );
    let mut names: Vec<String> = r.json()["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userName"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn assert_scim_error(r: &Response, status: StatusCode, scim_type: Option<&str>) {
    assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.headers["content-type"], "application/scim+json");
    let body = r.json();
    assert_eq!(
        body["schemas"][0],
        "urn:ietf:params:scim:api:messages:2.0:Error"
    );
    assert_eq!(body["status"], status.as_u16().to_string());
    assert_eq!(body["scimType"].as_str(), scim_type, "{body}");
}

#[tokio::test]
async fn scim_users_are_created_read_listed_and_filtered() {
    for t in backends().await {
        let f = federation(&t).await;
        let yst = scim_token(&t, &f, "YST").await;
        let anna = create(
            &t,
            &yst,
            user("Anna.Berg@Ystad.se", "Anna", "Berg", "Rektor"),
        )
        .await;
        create(&t, &yst, user("bo.ek@ystad.se", "Bo", "Ek", "Lärare")).await;
        create(
            &t,
            &yst,
            user("carl.lund@ystad.se", "Carl", "Lund", "Lärare"),
        )
        .await;
        assert_eq!(anna["userName"], "anna.berg@ystad.se", "kept in lower case");
        assert_eq!(
            anna["name"],
            json!({"givenName": "Anna", "familyName": "Berg"})
        );
        assert_eq!(
            anna["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["employeeNumber"],
            "EAnna"
        );
        assert_eq!(anna["meta"]["version"], "W/\"1\"");
        let id = anna["id"].as_str().unwrap();
        let got = scim(&t, Method::GET, &format!("/Users/{id}"), &yst, None, &[]).await;
        assert_eq!(got.status, StatusCode::OK);
        assert_eq!(got.headers["etag"], "W/\"1\"");
        assert_eq!(got.json()["externalId"], "ext-Anna");

        // The joiner's account: no password, an end user in YST.
        let account = t
            .store
            .account_by_username("anna.berg@ystad.se")
            .await
            .unwrap()
            .unwrap();
        assert!(!account.disabled);
        assert_eq!(account.password_hash, "!");

        for (filter, want) in [
            (
                r#"userName eq "ANNA.BERG@ystad.se""#,
                vec!["anna.berg@ystad.se"],
            ),
            (
                r#"userName ne "anna.berg@ystad.se""#,
                vec!["bo.ek@ystad.se", "carl.lund@ystad.se"],
            ),
            (r#"displayName co "ek""#, vec!["bo.ek@ystad.se"]),
            (r#"name.familyName sw "LU""#, vec!["carl.lund@ystad.se"]),
            (
                r#"emails.value ew "@ystad.se""#,
                vec!["anna.berg@ystad.se", "bo.ek@ystad.se", "carl.lund@ystad.se"],
            ),
            (r#"externalId eq "ext-Bo""#, vec!["bo.ek@ystad.se"]),
            (
                r#"title eq "lärare" and not (name.givenName eq "Bo")"#,
                vec!["carl.lund@ystad.se"],
            ),
            (
                r#"(title eq "Rektor" or userName sw "bo") and active eq true"#,
                vec!["anna.berg@ystad.se", "bo.ek@ystad.se"],
            ),
            (
                r#"userName gt "bo.ek@ystad.se""#,
                vec!["carl.lund@ystad.se"],
            ),
            (
                r#"userName le "bo.ek@ystad.se""#,
                vec!["anna.berg@ystad.se", "bo.ek@ystad.se"],
            ),
            (
                "title pr",
                vec!["anna.berg@ystad.se", "bo.ek@ystad.se", "carl.lund@ystad.se"],
            ),
            (
                r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "ECarl""#,
                vec!["carl.lund@ystad.se"],
            ),
            (
                r#"meta.created ge "2000-01-01T00:00:00Z" and id eq "not-an-id""#,
                vec![],
            ),
            (&format!(r#"id eq "{id}""#), vec!["anna.berg@ystad.se"]),
            ("active eq false", vec![]),
        ] {
            assert_eq!(
                found(&t, &yst, filter).await,
                want,
                "[{}] {filter}",
                t.backend
            );
        }

        let page = scim(
            &t,
            Method::GET,
            "/Users?startIndex=2&count=1&sortBy=userName&sortOrder=descending",
            &yst,
            None,
            &[],
        )
        .await
        .json();
        assert_eq!(page["totalResults"], 3);
        assert_eq!(page["startIndex"], 2);
        assert_eq!(page["itemsPerPage"], 1);
        assert_eq!(page["Resources"][0]["userName"], "bo.ek@ystad.se");
        let counted = scim(&t, Method::GET, "/Users?count=0", &yst, None, &[])
            .await
            .json();
        assert_eq!(
            (
                counted["totalResults"].clone(),
                counted["Resources"].clone()
            ),
            (json!(3), json!([]))
        );
        let slim = scim(
            &t,
            Method::GET,
            "/Users?attributes=userName",
            &yst,
            None,
            &[],
        )
        .await
        .json();
        assert!(
            slim["Resources"][0].get("name").is_none() && slim["Resources"][0].get("id").is_some()
        );

        for bad in [
            r#"userName eq"#,
            r#"password eq "x""#,
            r#"userName eq "x" and ("#,
            "active eq \"ja\"",
            r#"emails[type eq "work"]"#,
        ] {
            let r = scim(
                &t,
                Method::GET,
                &format!("/Users?filter={}", urlencode(bad)),
                &yst,
                None,
                &[],
            )
            .await;
            assert_scim_error(&r, StatusCode::BAD_REQUEST, Some("invalidFilter"));
        }
        let r = scim(&t, Method::GET, "/Users?sortBy=password", &yst, None, &[]).await;
        assert_scim_error(&r, StatusCode::BAD_REQUEST, Some("invalidValue"));
        let r = scim(&t, Method::GET, "/Users?count=many", &yst, None, &[]).await;
        assert_scim_error(&r, StatusCode::BAD_REQUEST, Some("invalidValue"));

        let taken = scim(
            &t,
            Method::POST,
            "/Users",
            &yst,
            Some(user("ANNA.berg@ystad.se", "Anna", "B", "x")),
            &[],
        )
        .await;
        assert_scim_error(&taken, StatusCode::CONFLICT, Some("uniqueness"));
        let no_name = scim(
            &t,
            Method::POST,
            "/Users",
            &yst,
            Some(json!({"displayName": "x"})),
            &[],
        )
        .await;
        assert_scim_error(&no_name, StatusCode::BAD_REQUEST, Some("invalidValue"));
        let not_json = t
            .request(
                Method::POST,
                "/scim/v2/Users",
                Some(&yst),
                Body::from("{"),
                &[("content-type", "application/json")],
            )
            .await;
        assert_scim_error(&not_json, StatusCode::BAD_REQUEST, Some("invalidSyntax"));
        let wrong_id = scim(&t, Method::GET, "/Users/not-a-uuid", &yst, None, &[]).await;
        assert_scim_error(&wrong_id, StatusCode::NOT_FOUND, None);
    }
}

#[tokio::test]
async fn scim_users_are_replaced_patched_deactivated_and_deleted() {
    for t in backends().await {
        let f = federation(&t).await;
        let yst = scim_token(&t, &f, "YST").await;
        let anna = create(&t, &yst, user("anna@ystad.se", "Anna", "Berg", "Rektor")).await;
        let id = anna["id"].as_str().unwrap().to_owned();
        let path = format!("/Users/{id}");

        let mut doc = user("anna@ystad.se", "Anna", "Holm", "Rektor");
        doc["name"]["formatted"] = json!("Anna Holm");
        let put = scim(
            &t,
            Method::PUT,
            &path,
            &yst,
            Some(doc.clone()),
            &[("if-match", "W/\"1\"")],
        )
        .await;
        assert_eq!(
            put.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&put.body)
        );
        assert_eq!(put.headers["etag"], "W/\"2\"");
        assert_eq!(put.json()["name"]["familyName"], "Holm");
        let stale = scim(
            &t,
            Method::PUT,
            &path,
            &yst,
            Some(doc),
            &[("if-match", "W/\"1\"")],
        )
        .await;
        assert_scim_error(&stale, StatusCode::PRECONDITION_FAILED, None);

        // As Entra ID sends them.
        let ops = json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                {"op": "Replace", "path": "name.givenName", "value": "Annie"},
                {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "annie.holm@ystad.se"},
                {"op": "Add", "path": "title", "value": "Skolchef"},
                {"op": "replace", "value": {"displayName": "Annie Holm", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Skola"}},
                {"op": "remove", "path": "externalId"},
            ],
        });
        let patched = scim(
            &t,
            Method::PATCH,
            &path,
            &yst,
            Some(ops),
            &[("if-match", "W/\"2\"")],
        )
        .await;
        assert_eq!(
            patched.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&patched.body)
        );
        let p = patched.json();
        assert_eq!(p["name"]["givenName"], "Annie");
        assert_eq!(p["emails"][0]["value"], "annie.holm@ystad.se");
        assert_eq!(p["title"], "Skolchef");
        assert_eq!(p["displayName"], "Annie Holm");
        assert_eq!(
            p["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["department"],
            "Skola"
        );
        assert!(p.get("externalId").is_none());
        assert_eq!(p["userName"], "anna@ystad.se", "the userName stays");
        for (ops, kind) in [
            (json!({"Operations": [{"op": "remove"}]}), "noTarget"),
            (
                json!({"Operations": [{"op": "jump", "path": "title"}]}),
                "invalidSyntax",
            ),
            (
                json!({"Operations": [{"op": "replace", "path": "emails[type eq", "value": "x"}]}),
                "invalidPath",
            ),
            (
                json!({"Operations": [{"op": "replace", "path": "userName", "value": 7}]}),
                "invalidValue",
            ),
        ] {
            let r = scim(&t, Method::PATCH, &path, &yst, Some(ops), &[]).await;
            assert_scim_error(&r, StatusCode::BAD_REQUEST, Some(kind));
        }

        // Deactivated: the leaver path. The account stops, then returns.
        let token = t.app.create_token("anna@ystad.se").await.unwrap();
        assert_eq!(t.get("/api/v1/me", &token).await.status, StatusCode::OK);
        let off = json!({"Operations": [{"op": "Replace", "path": "active", "value": "False"}]});
        let r = scim(&t, Method::PATCH, &path, &yst, Some(off), &[]).await;
        assert_eq!(r.json()["active"], false);
        assert!(
            t.store
                .account_by_username("anna@ystad.se")
                .await
                .unwrap()
                .unwrap()
                .disabled
        );
        assert_eq!(
            t.get("/api/v1/me", &token).await.status,
            StatusCode::UNAUTHORIZED
        );
        let on = json!({"Operations": [{"op": "replace", "value": {"active": true}}]});
        let r = scim(&t, Method::PATCH, &path, &yst, Some(on), &[]).await;
        assert_eq!(r.json()["active"], true);
        assert!(
            !t.store
                .account_by_username("anna@ystad.se")
                .await
                .unwrap()
                .unwrap()
                .disabled
        );

        let history = t
            .get(&format!("/api/v1/people/{id}/history"), f.token("admin"))
            .await
            .json();
        let kinds: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["joined", "updated", "updated", "left", "returned"],
            "[{}]",
            t.backend
        );
        assert!(
            history
                .as_array()
                .unwrap()
                .iter()
                .all(|h| h["reason"] == "scim")
        );

        let wrong = scim(
            &t,
            Method::DELETE,
            &path,
            &yst,
            None,
            &[("if-match", "W/\"1\"")],
        )
        .await;
        assert_scim_error(&wrong, StatusCode::PRECONDITION_FAILED, None);
        let gone = scim(&t, Method::DELETE, &path, &yst, None, &[]).await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT);
        assert_scim_error(
            &scim(&t, Method::GET, &path, &yst, None, &[]).await,
            StatusCode::NOT_FOUND,
            None,
        );
        assert!(
            t.store
                .account_by_username("anna@ystad.se")
                .await
                .unwrap()
                .unwrap()
                .disabled
        );
        assert_eq!(found(&t, &yst, "userName pr").await, Vec::<String>::new());

        // Created again: the same person returns.
        let back = create(&t, &yst, user("anna@ystad.se", "Anna", "Holm", "Rektor")).await;
        assert_eq!(back["id"], json!(id));
        assert!(
            !t.store
                .account_by_username("anna@ystad.se")
                .await
                .unwrap()
                .unwrap()
                .disabled
        );
    }
}

#[tokio::test]
async fn scim_groups_keep_their_members() {
    for t in backends().await {
        let f = federation(&t).await;
        let yst = scim_token(&t, &f, "YST").await;
        let a = create(&t, &yst, user("a@ystad.se", "A", "A", "x")).await["id"].clone();
        let b = create(&t, &yst, user("b@ystad.se", "B", "B", "x")).await["id"].clone();
        let r = scim(
            &t,
            Method::POST,
            "/Groups",
            &yst,
            Some(json!({"displayName": "Lärare", "externalId": "g1", "members": [{"value": a}]})),
            &[],
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let g = r.json();
        let path = format!("/Groups/{}", g["id"].as_str().unwrap());
        assert_eq!(g["members"][0]["value"], a);
        assert_eq!(g["members"][0]["display"], "A A");

        let add =
            json!({"Operations": [{"op": "Add", "path": "members", "value": [{"value": b}]}]});
        let r = scim(
            &t,
            Method::PATCH,
            &path,
            &yst,
            Some(add),
            &[("if-match", "W/\"1\"")],
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.json()["members"].as_array().unwrap().len(), 2);
        let remove = json!({"Operations": [{"op": "Remove", "path": format!("members[value eq \"{}\"]", a.as_str().unwrap())}]});
        let r = scim(&t, Method::PATCH, &path, &yst, Some(remove), &[]).await;
        assert_eq!(
            r.json()["members"],
            json!([{"value": b, "display": "B B", "type": "User", "$ref": r.json()["members"][0]["$ref"]}])
        );
        let rename =
            json!({"Operations": [{"op": "replace", "value": {"displayName": "Pedagoger"}}]});
        assert_eq!(
            scim(&t, Method::PATCH, &path, &yst, Some(rename), &[])
                .await
                .json()["displayName"],
            "Pedagoger"
        );

        let list = scim(
            &t,
            Method::GET,
            &format!(
                "/Groups?filter={}&excludedAttributes=members",
                urlencode("displayName eq \"pedagoger\"")
            ),
            &yst,
            None,
            &[],
        )
        .await
        .json();
        assert_eq!(list["totalResults"], 1);
        assert!(list["Resources"][0].get("members").is_none());
        let with_b = scim(
            &t,
            Method::GET,
            &format!(
                "/Groups?filter={}",
                urlencode(&format!("members.value eq \"{}\"", b.as_str().unwrap()))
            ),
            &yst,
            None,
            &[],
        )
        .await
        .json();
        assert_eq!(with_b["totalResults"], 1);

        let stranger = json!({"Operations": [{"op": "add", "path": "members", "value": [{"value": MISSING}]}]});
        let r = scim(&t, Method::PATCH, &path, &yst, Some(stranger), &[]).await;
        assert_scim_error(&r, StatusCode::BAD_REQUEST, Some("invalidValue"));

        // A deleted user leaves their groups.
        let r = scim(
            &t,
            Method::DELETE,
            &format!("/Users/{}", b.as_str().unwrap()),
            &yst,
            None,
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(
            scim(&t, Method::GET, &path, &yst, None, &[]).await.json()["members"],
            json!([])
        );

        let put = scim(
            &t,
            Method::PUT,
            &path,
            &yst,
            Some(json!({"displayName": "Alla", "members": [{"value": a}]})),
            &[],
        )
        .await;
        assert_eq!(put.json()["members"][0]["value"], a);
        assert_scim_error(
            &scim(
                &t,
                Method::DELETE,
                &path,
                &yst,
                None,
                &[("if-match", "W/\"1\"")],
            )
            .await,
            StatusCode::PRECONDITION_FAILED,
            None,
        );
        assert_eq!(
            scim(&t, Method::DELETE, &path, &yst, None, &[])
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_scim_error(
            &scim(&t, Method::GET, &path, &yst, None, &[]).await,
            StatusCode::NOT_FOUND,
            None,
        );
    }
}

#[tokio::test]
async fn a_scim_token_reaches_only_its_members_people_and_nothing_else() {
    for t in backends().await {
        let f = federation(&t).await;
        let sim = scim_token(&t, &f, "SIM").await;
        let yst = scim_token(&t, &f, "YST").await;
        let sim_user = create(&t, &sim, user("sara@simrishamn.se", "Sara", "Ek", "x")).await;
        let sim_id = sim_user["id"].as_str().unwrap();
        let sim_group = scim(
            &t,
            Method::POST,
            "/Groups",
            &sim,
            Some(json!({"displayName": "SIM"})),
            &[],
        )
        .await
        .json();
        let sim_group_id = sim_group["id"].as_str().unwrap();
        let patch = json!({"Operations": [{"op": "replace", "path": "active", "value": false}]});
        // Each probe on SIM's resource answers like the same probe on a missing id.
        for (method, path, body) in [
            (Method::GET, "/Users/{id}", None),
            (
                Method::PUT,
                "/Users/{id}",
                Some(user("x@ystad.se", "X", "Y", "z")),
            ),
            (Method::PATCH, "/Users/{id}", Some(patch.clone())),
            (Method::DELETE, "/Users/{id}", None),
            (Method::GET, "/Groups/{gid}", None),
            (Method::PATCH, "/Groups/{gid}", Some(patch.clone())),
            (Method::DELETE, "/Groups/{gid}", None),
            (
                Method::POST,
                "/Groups",
                Some(json!({"displayName": "x", "members": [{"value": "{id}"}]})),
            ),
        ] {
            let mut answers = Vec::new();
            for (id, gid) in [(sim_id, sim_group_id), (MISSING, MISSING)] {
                let p = path.replace("{id}", id).replace("{gid}", gid);
                let b = body
                    .as_ref()
                    .map(|b| serde_json::from_str(&b.to_string().replace("{id}", id)).unwrap());
                let r = scim(&t, method.clone(), &p, &yst, b, &[]).await;
                answers.push((
                    r.status,
                    r.json()["detail"].clone(),
                    r.json()["scimType"].clone(),
                ));
            }
            assert_eq!(answers[0], answers[1], "[{}] {method} {path}", t.backend);
            assert!(answers[0].0.is_client_error());
        }
        let listed = scim(&t, Method::GET, "/Users", &yst, None, &[]).await;
        assert!(!String::from_utf8_lossy(&listed.body).contains(sim_id));
        assert_eq!(listed.json()["totalResults"], 0);
        assert_eq!(
            scim(
                &t,
                Method::GET,
                &format!("/Users/{sim_id}"),
                &sim,
                None,
                &[]
            )
            .await
            .json()["active"],
            true,
            "unchanged"
        );

        // The member's people from elsewhere are not SCIM's: not seen, their e-mail taken.
        assert_eq!(
            scim(
                &t,
                Method::GET,
                &format!("/Users/{}", f.people["YST"]["id"].as_str().unwrap()),
                &yst,
                None,
                &[]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let taken = scim(
            &t,
            Method::POST,
            "/Users",
            &yst,
            Some(user("end_user@yst.example", "E", "U", "x")),
            &[],
        )
        .await;
        assert_scim_error(&taken, StatusCode::CONFLICT, Some("uniqueness"));
        // A service desk account is never provisioned (nor enabled again) by a member.
        let staff = scim(
            &t,
            Method::POST,
            "/Users",
            &yst,
            Some(user("Admin", "A", "D", "x")),
            &[],
        )
        .await;
        assert_scim_error(&staff, StatusCode::CONFLICT, Some("uniqueness"));

        // Tokens stay on their side.
        assert_eq!(
            t.get("/api/v1/me", &yst).await.status,
            StatusCode::UNAUTHORIZED
        );
        let api = scim(&t, Method::GET, "/Users", f.token("admin"), None, &[]).await;
        assert_scim_error(&api, StatusCode::UNAUTHORIZED, None);
        assert!(
            api.headers["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer")
        );
        let none = t
            .request(
                Method::GET,
                "/scim/v2/ServiceProviderConfig",
                None,
                Body::empty(),
                &[],
            )
            .await;
        assert_scim_error(&none, StatusCode::UNAUTHORIZED, None);

        // Administrators manage tokens; a revoked token stops at once.
        let list = t
            .get("/api/v1/members/SIM/scim-tokens", f.token("admin"))
            .await
            .json();
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert!(list[0].get("token").is_none() && list[0]["last_used_at"].is_string());
        for who in ["manager", "sim.strategist"] {
            assert_eq!(
                t.get("/api/v1/members/SIM/scim-tokens", f.token(who))
                    .await
                    .status,
                StatusCode::FORBIDDEN,
                "{who}"
            );
        }
        assert_eq!(
            t.get("/api/v1/members/YST/scim-tokens", f.token("sim.strategist"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let token_id = list[0]["id"].as_str().unwrap();
        let r = t
            .request(
                Method::DELETE,
                &format!("/api/v1/members/YST/scim-tokens/{token_id}"),
                Some(f.token("admin")),
                Body::empty(),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "another member's token");
        let r = t
            .request(
                Method::DELETE,
                &format!("/api/v1/members/SIM/scim-tokens/{token_id}"),
                Some(f.token("admin")),
                Body::empty(),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_scim_error(
            &scim(&t, Method::GET, "/Users", &sim, None, &[]).await,
            StatusCode::UNAUTHORIZED,
            None,
        );
        assert_eq!(
            scim(&t, Method::GET, "/Users", &yst, None, &[])
                .await
                .status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn scim_describes_itself_and_answers_every_error_in_its_shape() {
    for t in backends().await {
        let f = federation(&t).await;
        let yst = scim_token(&t, &f, "YST").await;
        let spc = scim(&t, Method::GET, "/ServiceProviderConfig", &yst, None, &[])
            .await
            .json();
        assert_eq!(spc["patch"]["supported"], true);
        assert_eq!(spc["bulk"]["supported"], false);
        assert_eq!(spc["filter"]["maxResults"], 1000);
        assert_eq!(spc["etag"]["supported"], true);
        assert_eq!(spc["changePassword"]["supported"], false);
        let types = scim(&t, Method::GET, "/ResourceTypes", &yst, None, &[])
            .await
            .json();
        assert_eq!(types["totalResults"], 2);
        let schemas = scim(&t, Method::GET, "/Schemas", &yst, None, &[])
            .await
            .json();
        assert_eq!(schemas["totalResults"], 3);
        let user_schema = scim(
            &t,
            Method::GET,
            "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
            &yst,
            None,
            &[],
        )
        .await;
        assert_eq!(user_schema.json()["name"], "User");
        assert_scim_error(
            &scim(&t, Method::GET, "/Nothing", &yst, None, &[]).await,
            StatusCode::NOT_FOUND,
            None,
        );
        assert_scim_error(
            &scim(&t, Method::PUT, "/Users", &yst, Some(json!({})), &[]).await,
            StatusCode::METHOD_NOT_ALLOWED,
            None,
        );
        let big = json!({"userName": "x".repeat(2 * 1024 * 1024)});
        assert_scim_error(
            &scim(&t, Method::POST, "/Users", &yst, Some(big), &[]).await,
            StatusCode::PAYLOAD_TOO_LARGE,
            None,
        );
        let plain = t
            .request(
                Method::POST,
                "/scim/v2/Users",
                Some(&yst),
                Body::from("x"),
                &[("content-type", "text/plain")],
            )
            .await;
        assert_scim_error(&plain, StatusCode::UNSUPPORTED_MEDIA_TYPE, None);
        let nul = scim(
            &t,
            Method::POST,
            "/Users",
            &yst,
            Some(user("n\u{0}ul@ystad.se", "N", "U", "x")),
            &[],
        )
        .await;
        assert_scim_error(&nul, StatusCode::BAD_REQUEST, Some("invalidValue"));
    }
}

#[tokio::test]
async fn a_delivery_leaves_scim_people_alone() {
    for t in backends().await {
        let f = federation(&t).await;
        let yst = scim_token(&t, &f, "YST").await;
        let u = create(&t, &yst, user("scim.person@ystad.se", "S", "P", "x")).await;
        let r = t
            .request(
                Method::POST,
                "/api/v1/members/YST/people-deliveries?source=hr&full=true",
                Some(f.token("admin")),
                Body::from("employee_number,given_name,family_name,email\n1,Hr,Person,scim.person@ystad.se\n2,Other,Person,other@ystad.se\n"),
                &[("content-type", "text/csv")],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let d = r.json();
        assert_eq!(d["summary"]["leavers"], 0, "{d}");
        assert_eq!(
            d["summary"]["joiners"], 1,
            "the SCIM person is held elsewhere: {d}"
        );
        let got = scim(
            &t,
            Method::GET,
            &format!("/Users/{}", u["id"].as_str().unwrap()),
            &yst,
            None,
            &[],
        )
        .await
        .json();
        assert_eq!(got["active"], true);
    }
}

#[tokio::test]
async fn a_scim_person_who_left_is_forgotten_after_the_retention_period() {
    for t in backends().await {
        let f = federation(&t).await;
        let yst = scim_token(&t, &f, "YST").await;
        let u = create(&t, &yst, user("gone@ystad.se", "Gun", "Berg", "x")).await;
        let path = format!("/Users/{}", u["id"].as_str().unwrap());
        let off = json!({"Operations": [{"op": "replace", "path": "active", "value": false}]});
        assert_eq!(
            scim(&t, Method::PATCH, &path, &yst, Some(off), &[])
                .await
                .status,
            StatusCode::OK
        );
        t.advance(366 * 86_400);
        assert_eq!(t.app.forget_people_past_retention().await.unwrap(), 1);
        assert_scim_error(
            &scim(&t, Method::GET, &path, &yst, None, &[]).await,
            StatusCode::NOT_FOUND,
            None,
        );
        let identity = t
            .get(
                &format!("/api/v1/people/{}/identity", u["id"].as_str().unwrap()),
                f.token("admin"),
            )
            .await;
        let text = String::from_utf8_lossy(&identity.body).to_lowercase();
        assert!(
            !text.contains("gun") && !text.contains("gone@"),
            "[{}] {text}",
            t.backend
        );
    }
}
