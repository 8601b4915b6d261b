//! Separation of duties: no one decides a step of their own catalog
//! request or order. YST's orderer asks for software that costs money and
//! may not approve it (neither the manager's step, which falls to the
//! orderers when no manager is recorded, nor the cost step); another
//! orderer does. An order is not confirmed by the orderer who placed it,
//! even when that person is also the federation manager, by a second
//! account or by one account with both roles. The API answers 403
//! problem+json; the pages say it in words and offer no form.

use super::catalog::catalog;
use super::forms::{Browser, html};
use super::harness::{Response, TestApp, backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use samdrift_app::registers::NewAccount;
use samdrift_domain::ids::{MemberId, PersonId};
use samdrift_domain::role::{MemberRole, Role, StaffRole};
use serde_json::{Value, json};

fn ok(r: &Response, status: StatusCode) -> Value {
    assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
    r.json()
}

fn refused_as_own(r: &Response) {
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    assert!(r.is_problem());
    assert!(
        r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("separation of duties"),
        "{}",
        String::from_utf8_lossy(&r.body)
    );
}

/// The person behind an account.
async fn person_of(t: &TestApp, username: &str) -> PersonId {
    let account = t
        .store
        .account_by_username(username)
        .await
        .unwrap()
        .unwrap();
    PersonId(account.person_id.unwrap())
}

/// A new account for `person` with `role`, and its token.
async fn account(t: &TestApp, username: &str, role: Role, person: PersonId) -> String {
    let member = match role {
        Role::Member(_) => Some("YST".to_owned()),
        Role::Staff(_) => None,
    };
    t.app
        .create_account(
            None,
            NewAccount {
                username: username.into(),
                password: samdrift_app::demo::DEMO_PASSWORD.into(),
                role,
                member,
                person: Some(person),
            },
        )
        .await
        .unwrap();
    t.app.create_token(username).await.unwrap()
}

async fn post_versioned(t: &TestApp, path: &str, token: &str, body: Value) -> Response {
    t.request(
        Method::POST,
        path,
        Some(token),
        Body::from(body.to_string()),
        &[("content-type", "application/json"), ("if-match", "*")],
    )
    .await
}

#[tokio::test]
async fn an_orderer_does_not_approve_their_own_request_another_orderer_does() {
    for t in backends().await {
        let f = federation(&t).await;
        catalog(&t, f.token("admin")).await;
        let orderer = f.token("yst.orderer");
        // YST subscribes to WORKPLACE, so its items are offered.
        let yst_id = f.members["YST"]["id"].as_str().unwrap().to_owned();
        let adm_id = t
            .get(
                &format!("/api/v1/members/{yst_id}/administrations"),
                f.token("admin"),
            )
            .await
            .json()[0]["id"]
            .clone();
        ok(
            &t.post("/api/v1/members/YST/orders", orderer, json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": 10, "effective_on": "2027-03-01"})).await,
            StatusCode::CREATED,
        );
        let ticket = ok(
            &t.post(
                "/api/v1/requests",
                orderer,
                json!({"item": "SW-INSTALL", "answers": {"software": "GIMP", "computer": "YST-7"}}),
            )
            .await,
            StatusCode::CREATED,
        );
        let id = ticket["id"].as_str().unwrap();
        let me = person_of(&t, "yst.orderer").await;
        assert_eq!(ticket["requester_id"], me.0.to_string());

        // Not offered, not decidable, refused when sent anyway.
        let mine = ok(&t.get("/api/v1/approvals", orderer).await, StatusCode::OK);
        assert_eq!(mine, json!([]), "{}", t.backend);
        let view = ok(
            &t.get(&format!("/api/v1/tickets/{id}/request"), orderer)
                .await,
            StatusCode::OK,
        );
        assert_eq!(view["requested_by_you"], true);
        assert!(
            view["approvals"]
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a["may_decide"] == false)
        );
        for position in [0, 1] {
            let path = format!("/api/v1/tickets/{id}/request/approvals/{position}");
            let r = t.post(&path, orderer, json!({"decision": "approve"})).await;
            if position == 0 {
                refused_as_own(&r);
            } else {
                assert_eq!(
                    r.status,
                    StatusCode::CONFLICT,
                    "the cost step is not asked yet"
                );
            }
        }
        let view = ok(
            &t.get(&format!("/api/v1/tickets/{id}/request"), orderer)
                .await,
            StatusCode::OK,
        );
        assert!(
            view["approvals"]
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a["state"] == "pending")
        );

        // A second orderer of YST decides both steps.
        let other_person = ok(
            &t.post("/api/v1/people", f.token("admin"), json!({"member": "YST", "name": "Andra beställaren", "email": "orderer2@yst.example", "kind": "employee"})).await,
            StatusCode::CREATED,
        );
        let other = account(
            &t,
            "yst.orderer2",
            Role::Member(MemberRole::Orderer),
            PersonId(other_person["id"].as_str().unwrap().parse().unwrap()),
        )
        .await;
        let theirs = ok(&t.get("/api/v1/approvals", &other).await, StatusCode::OK);
        assert_eq!(theirs.as_array().unwrap().len(), 1, "{theirs}");
        for position in [0, 1] {
            let path = format!("/api/v1/tickets/{id}/request/approvals/{position}");
            // The requester may not decide the cost step either, once it is asked.
            if position == 1 {
                refused_as_own(&t.post(&path, orderer, json!({"decision": "approve"})).await);
            }
            ok(
                &t.post(&path, &other, json!({"decision": "approve"})).await,
                StatusCode::OK,
            );
        }
        let view = ok(
            &t.get(&format!("/api/v1/tickets/{id}/request"), &other)
                .await,
            StatusCode::OK,
        );
        assert_eq!(view["state"], "in_fulfilment");
        assert_eq!(view["requested_by_you"], false);
    }
}

#[tokio::test]
async fn the_orderer_who_placed_an_order_does_not_confirm_it_whatever_else_they_are() {
    for t in backends().await {
        let f = federation(&t).await;
        catalog(&t, f.token("admin")).await;
        let yst_id = f.members["YST"]["id"].as_str().unwrap().to_owned();
        let adm_id = t
            .get(
                &format!("/api/v1/members/{yst_id}/administrations"),
                f.token("admin"),
            )
            .await
            .json()[0]["id"]
            .clone();
        let orderer = f.token("yst.orderer");
        let order = |token: String| {
            let t = &t;
            let adm_id = adm_id.clone();
            async move {
                let placed = ok(
                    &t.post("/api/v1/members/YST/orders", &token, json!({"offering": "WP-ADM", "administration_id": adm_id, "quantity_change": 400, "effective_on": "2027-04-01"})).await,
                    StatusCode::CREATED,
                );
                assert_eq!(placed["status"], "awaiting_confirmation");
                format!(
                    "/api/v1/members/YST/orders/{}",
                    placed["id"].as_str().unwrap()
                )
            }
        };

        // The orderer's person also holds a manager's staff account.
        let path = order(orderer.to_owned()).await;
        let same_person = account(
            &t,
            "yst.orderer.chef",
            Role::Staff(StaffRole::Manager),
            person_of(&t, "yst.orderer").await,
        )
        .await;
        let shown = ok(&t.get(&path, &same_person).await, StatusCode::OK);
        assert_eq!(shown["placed_by_you"], true);
        for action in ["confirm", "reject"] {
            let r = post_versioned(
                &t,
                &format!("{path}/{action}"),
                &same_person,
                json!({"reason": "Egen"}),
            )
            .await;
            refused_as_own(&r);
        }
        assert_eq!(
            ok(&t.get(&path, orderer).await, StatusCode::OK)["status"],
            "awaiting_confirmation"
        );
        let manager = f.token("manager");
        assert_eq!(
            ok(&t.get(&path, manager).await, StatusCode::OK)["placed_by_you"],
            false
        );
        let done = ok(
            &post_versioned(&t, &format!("{path}/confirm"), manager, json!({})).await,
            StatusCode::OK,
        );
        assert_eq!(done["status"], "applied");

        // One account that is both YST's orderer and the federation manager.
        let yst = t.store.member_by_code("YST").await.unwrap().unwrap();
        let both = samdrift_store::accounts::AccountRecord {
            id: uuid::Uuid::new_v4(),
            username: "dubbelroll".into(),
            password_hash: "-".into(),
            person_member_id: None,
            person_id: None,
            staff_role: Some("manager".into()),
            language: "sv".into(),
            disabled: false,
            created_at: 0,
            version: 1,
            email: None,
        };
        t.store
            .insert_account(&both, &[(MemberId(yst.id), "orderer".into())])
            .await
            .unwrap();
        let both = t.app.create_token("dubbelroll").await.unwrap();
        let path = order(both.clone()).await;
        refused_as_own(&post_versioned(&t, &format!("{path}/confirm"), &both, json!({})).await);
        let listed = ok(
            &t.get("/api/v1/orders?status=awaiting_confirmation", &both)
                .await,
            StatusCode::OK,
        );
        assert_eq!(listed[0]["placed_by_you"], true, "{listed}");
    }
}

#[tokio::test]
async fn the_pages_offer_no_decision_on_ones_own_request_or_order() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let token = t.app.create_token("yst.orderer").await.unwrap();
        let ticket = ok(
            &t.post(
                "/api/v1/requests",
                &token,
                json!({"item": "SCREEN", "answers": {"place": "Stadshuset, plan 2"}}),
            )
            .await,
            StatusCode::CREATED,
        );
        let id = ticket["id"].as_str().unwrap();
        let number = ticket["number"].as_str().unwrap();
        let orderer = Browser::sign_in(&t, "yst.orderer").await;
        let list = orderer.page("/portal/approvals").await;
        assert!(!list.contains(number), "{list}");
        let page = orderer.page(&format!("/portal/approvals/{id}")).await;
        assert!(page.contains("Du har själv begärt det här, så någon annan beslutar om det"));
        assert!(!page.contains("name=\"decision\""));
        let r = orderer
            .post(
                &format!("/portal/approvals/{id}"),
                &[("position", "0"), ("decision", "approve")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(html(&r).contains("Du har själv begärt det här"));

        // A large order by the orderer, seen by the same person as manager.
        let yst = t.store.member_by_code("YST").await.unwrap().unwrap();
        let adm = t
            .store
            .list_administrations(
                &samdrift_domain::scope::MemberFilter::All,
                Some(MemberId(yst.id)),
            )
            .await
            .unwrap()[0]
            .id;
        let placed = ok(
            &t.post("/api/v1/members/YST/orders", &token, json!({"offering": "WP-ADM", "administration_id": adm, "quantity_change": 400, "effective_on": "2027-04-01"})).await,
            StatusCode::CREATED,
        );
        account(
            &t,
            "yst.orderer.chef",
            Role::Staff(StaffRole::Manager),
            person_of(&t, "yst.orderer").await,
        )
        .await;
        let chef = Browser::sign_in(&t, "yst.orderer.chef").await;
        let page = chef.page("/admin/orders").await;
        let confirm = format!("/admin/orders/{}/confirm", placed["id"].as_str().unwrap());
        assert!(
            page.contains("Du lade själv den här beställningen"),
            "{page}"
        );
        assert!(!page.contains(&confirm));
        let version = placed["version"].to_string();
        let r = chef
            .post(&confirm, &[("member", "YST"), ("version", &version)])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(html(&r).contains("Du lade själv den här beställningen"));
        let other = Browser::sign_in(&t, "chef").await;
        assert!(other.page("/admin/orders").await.contains(&confirm));
    }
}
