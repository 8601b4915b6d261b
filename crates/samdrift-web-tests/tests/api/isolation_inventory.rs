//! The tenancy matrix for the inventory's API: every member-side role of
//! SIM against every inventory endpoint that takes one of YST's item ids,
//! tickets or its member code. Each answer must equal the answer for an id
//! or code that does not exist, nothing of YST's may show in SIM's lists,
//! and nothing of YST's may change.

use crate::harness::{MEMBER_ROLES, backends, federation, report};
use crate::inventory::{HEADER, import};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

const MISSING: &str = "01890000-0000-7000-8000-000000000000";

#[tokio::test]
async fn no_member_role_reaches_another_members_inventory() {
    for t in backends().await {
        let f = federation(&t).await;
        let tech = f.token("technician");
        let csv = format!(
            "{HEADER}\
YST,business_system,Zebrafink-systemet,administrative,Ystad,in_use,finance,Raindance Ekonomi,,,,,,EMAIL,,CGI,2027-12-31,10\n\
SIM,business_system,Ekonomi SIM,administrative,,in_use,finance,Unit4 ERP,,,,,,,,,,\n\
federation,other,Bara Ystad,,,in_use,data_centre,,,,YST,,,,,,,\n"
        );
        assert_eq!(import(&t, tech, &csv).await.status, StatusCode::CREATED);
        let all = t.get("/api/v1/inventory/items", tech).await.json();
        let id = |name: &str| {
            all["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["name"] == name)
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let (item, fed) = (id("Zebrafink-systemet"), id("Bara Ystad"));
        let ticket = report(&t, f.token("yst.end_user"), None, "Zebrafink trasig").await;
        let tid = ticket["id"].as_str().unwrap().to_owned();
        assert_eq!(
            t.post(
                &format!("/api/v1/tickets/{tid}/items"),
                f.token("agent"),
                json!({"item_id": item})
            )
            .await
            .status,
            StatusCode::NO_CONTENT
        );
        let entry = t.post("/api/v1/standard", f.token("manager"), json!({"category": "finance", "product": "Raindance Ekonomi", "valid_from": "2027-01-01"})).await.json();
        let before = t
            .get(&format!("/api/v1/inventory/items/{item}"), tech)
            .await
            .json();

        let probes: Vec<(Method, &str, Option<Value>)> = vec![
            (Method::GET, "/api/v1/inventory/items/{i}", None),
            (Method::GET, "/api/v1/inventory/items/{f}", None),
            (Method::GET, "/api/v1/inventory/items/{i}/impact", None),
            (
                Method::POST,
                "/api/v1/inventory/items/{i}/outages",
                Some(json!({"message": "intrång"})),
            ),
            (
                Method::PUT,
                "/api/v1/inventory/items/{i}/target",
                Some(json!({"standard_entry_id": entry["id"], "due": "2027-06-01"})),
            ),
            (Method::GET, "/api/v1/tickets/{t}/items", None),
            (
                Method::POST,
                "/api/v1/tickets/{t}/items",
                Some(json!({"item_id": "{i}"})),
            ),
            (Method::DELETE, "/api/v1/tickets/{t}/items/{i}", None),
            (Method::GET, "/api/v1/inventory/items?owner={c}", None),
            (Method::GET, "/api/v1/inventory/systems?member={c}", None),
            (Method::GET, "/api/v1/inventory/plan?member={c}", None),
            (Method::GET, "/api/v1/members/{c}/agent-keys", None),
            (
                Method::POST,
                "/api/v1/members/{c}/agent-keys",
                Some(json!({"label": "intrång"})),
            ),
        ];
        for role in MEMBER_ROLES {
            let user = format!("sim.{role}");
            let token = f.token(&user);
            for (method, template, body) in &probes {
                let mut answers = Vec::new();
                for (i, fd, tk, c) in [
                    (&*item, &*fed, &*tid, "YST"),
                    (MISSING, MISSING, MISSING, "ZZZ"),
                ] {
                    let fill = |s: &str| {
                        s.replace("{i}", i)
                            .replace("{f}", fd)
                            .replace("{t}", tk)
                            .replace("{c}", c)
                    };
                    let path = fill(template);
                    let r = match body {
                        Some(b) => {
                            t.send(
                                method.clone(),
                                &path,
                                token,
                                serde_json::from_str(&fill(&b.to_string())).unwrap(),
                            )
                            .await
                        }
                        None => {
                            t.request(method.clone(), &path, Some(token), Body::empty(), &[])
                                .await
                        }
                    };
                    assert!(
                        r.is_problem(),
                        "[{}] {user} {method} {path}: not a problem body: {}",
                        t.backend,
                        String::from_utf8_lossy(&r.body)
                    );
                    let text = String::from_utf8_lossy(&r.body).to_string();
                    // A code the caller gave may be named back, like an unknown one.
                    let named = if template.contains("{c}") {
                        text.replace("'YST'", "'ZZZ'")
                    } else {
                        text.clone()
                    };
                    assert!(
                        !named.contains("Zebrafink") && !named.contains("YST"),
                        "[{}] {user} {path} leaks: {text}",
                        t.backend
                    );
                    let detail = r.json()["detail"].as_str().unwrap_or_default().to_owned();
                    let detail = if template.contains("{c}") {
                        detail.replace("'YST'", "'CODE'").replace("'ZZZ'", "'CODE'")
                    } else {
                        detail
                    };
                    answers.push((r.status, detail));
                }
                assert_eq!(
                    answers[0], answers[1],
                    "[{}] {user} {method} {template}: YST answers differently from a missing one",
                    t.backend
                );
            }
            for path in [
                "/api/v1/inventory/items",
                "/api/v1/inventory/items?q=zebrafink",
                "/api/v1/inventory/compliance",
                "/api/v1/inventory/systems",
                "/api/v1/inventory/plan",
                "/api/v1/inventory/compliance/history?month=2027-03",
                "/api/v1/inventory/items?format=csv",
            ] {
                let r = t.get(path, token).await;
                let text = String::from_utf8_lossy(&r.body).to_string();
                assert!(
                    !text.contains("Zebrafink")
                        && !text.contains(&item)
                        && !text.contains("Bara Ystad"),
                    "[{}] {user} {path} leaks YST: {text}",
                    t.backend
                );
            }
        }
        let after = t
            .get(&format!("/api/v1/inventory/items/{item}"), tech)
            .await
            .json();
        assert_eq!(before, after, "[{}] nothing of YST's changed", t.backend);
    }
}
