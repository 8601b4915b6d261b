//! Splitting an order does not get round the federation manager: on the
//! demo federation (clock at 2027-03-01 09:00, WP-ADM at 9 000 kr a year,
//! threshold 100 000 kr) YST's orderer places five orders of 11
//! workplaces (99 000 kr a year each). The first applies; from the second
//! on each waits, and the order page says why in Swedish and English.
//! Orders of more than 30 days ago, and withdrawn ones, no longer count.

use crate::forms::Browser;
use crate::harness::{TestApp, backends};
use axum::http::StatusCode;
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::MemberFilter;
use samdrift_web::ui::i18n::{Lang, Tr};
use serde_json::{Value, json};

/// The id of YST's Kommunledningsförvaltningen.
async fn klf(t: &TestApp) -> String {
    let yst = t.store.member_by_code("YST").await.unwrap().unwrap();
    t.store
        .list_administrations(&MemberFilter::All, Some(MemberId(yst.id)))
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.name == "Kommunledningsförvaltningen")
        .unwrap()
        .id
        .to_string()
}

async fn order(t: &TestApp, token: &str, administration: &str, quantity: i64) -> Value {
    let r = t
        .post(
            "/api/v1/members/YST/orders",
            token,
            json!({"offering": "WP-ADM", "administration_id": administration,
                "quantity_change": quantity, "effective_on": "2027-09-01"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}: {}",
        t.backend,
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}

#[tokio::test]
async fn five_orders_just_under_the_threshold_wait_from_the_one_that_crosses_it() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let token = t.app.create_token("yst.orderer").await.unwrap();
        let adm = klf(&t).await;
        let mut placed = Vec::new();
        for _ in 0..5 {
            placed.push(order(&t, &token, &adm, 11).await);
            t.advance(3600);
        }
        assert_eq!(placed[0]["status"], "applied", "{}", t.backend);
        assert_eq!(placed[0]["confirmation_reason"], Value::Null);
        for (n, o) in placed.iter().enumerate().skip(1) {
            assert_eq!(o["status"], "awaiting_confirmation", "order {n}");
            let why = &o["confirmation_reason"];
            assert_eq!(why["other_orders"], n);
            assert_eq!(why["counted_yearly_change_ore"], (n as i64 + 1) * 9_900_000);
            assert_eq!(why["threshold_ore"], 10_000_000);
        }
        let fifth = &placed[4]["confirmation_reason"];
        assert_eq!(fifth["code"], "order.hold.combined");
        assert!(
            fifth["text"]
                .as_str()
                .unwrap()
                .contains("together with 4 orders of the last 30 days"),
            "{fifth}"
        );
        assert_eq!(
            placed[1]["confirmation_reason"]["code"],
            "order.hold.combined_one"
        );
        // The member's subscriptions grew by the first order only.
        let subs = t
            .get("/api/v1/members/YST/subscriptions", &token)
            .await
            .json();
        let from_september: Vec<i64> = subs
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["offering"] == "WP-ADM" && s["starts_on"] == "2027-09-01")
            .map(|s| s["quantity"].as_i64().unwrap())
            .collect();
        assert_eq!(from_september, vec![180 + 11], "{}", t.backend);

        // The page says why, in the reader's language.
        let (sv, en) = (Tr(Lang::Sv), Tr(Lang::En));
        let orderer = Browser::sign_in(&t, "yst.orderer").await;
        let page = orderer.page("/member/subscriptions").await;
        let why = format!(
            "Väntar på förbundschefens bekräftelse: tillsammans med 4 beställningar de senaste 30 dagarna ändras årskostnaden med {}, vilket når gränsen {}.",
            sv.money(49_500_000),
            sv.money(10_000_000)
        );
        assert!(page.contains(&why), "{page}");
        assert!(page.contains("tillsammans med en beställning de senaste 30 dagarna"));
        let chef = Browser::sign_in(&t, "chef").await;
        let r = chef
            .post("/language", &[("lang", "en"), ("back", "/admin/orders")])
            .await;
        assert!(r.status.is_redirection());
        let page = chef.page("/admin/orders").await;
        let why = format!(
            "<dt>Why it waits</dt><dd>Waits for the federation manager&#39;s confirmation: together with 4 orders of the last 30 days the yearly cost changes by {}, which reaches the threshold of {}.</dd>",
            en.money(49_500_000),
            en.money(10_000_000)
        );
        assert!(page.contains(&why), "{page}");
    }
}

#[tokio::test]
async fn orders_older_than_thirty_days_or_withdrawn_no_longer_count() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let token = t.app.create_token("yst.orderer").await.unwrap();
        let adm = klf(&t).await;
        assert_eq!(order(&t, &token, &adm, 11).await["status"], "applied");
        let second = order(&t, &token, &adm, 11).await;
        assert_eq!(second["status"], "awaiting_confirmation");
        let r = t
            .request(
                axum::http::Method::POST,
                &format!(
                    "/api/v1/members/YST/orders/{}/cancel",
                    second["id"].as_str().unwrap()
                ),
                Some(&token),
                axum::body::Body::empty(),
                &[("if-match", "*")],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        // Still within 30 days of the first: 99 000 + 99 000 waits.
        t.advance(29 * 86_400);
        let third = order(&t, &token, &adm, 11).await;
        assert_eq!(third["status"], "awaiting_confirmation");
        assert_eq!(
            third["confirmation_reason"]["other_orders"], 1,
            "the withdrawn one is not counted"
        );
        // A day later the first has left the window; the third still waits
        // and counts, so a fourth still waits, a reduction does not offset.
        t.advance(2 * 86_400);
        let reduction = order(&t, &token, &adm, -5).await;
        assert_eq!(
            reduction["status"], "applied",
            "reductions add up on their own"
        );
        let fourth = order(&t, &token, &adm, 2).await;
        assert_eq!(fourth["status"], "awaiting_confirmation");
        assert_eq!(
            fourth["confirmation_reason"]["counted_yearly_change_ore"],
            13 * 900_000
        );
        t.advance(31 * 86_400);
        assert_eq!(
            order(&t, &token, &adm, 11).await["status"],
            "applied",
            "{}",
            t.backend
        );
    }
}

#[tokio::test]
async fn five_orders_placed_at_once_let_only_one_through() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let token = t.app.create_token("yst.orderer").await.unwrap();
        let adm = klf(&t).await;
        let (a, b, c, d, e) = tokio::join!(
            order(&t, &token, &adm, 11),
            order(&t, &token, &adm, 11),
            order(&t, &token, &adm, 11),
            order(&t, &token, &adm, 11),
            order(&t, &token, &adm, 11),
        );
        let applied = [a, b, c, d, e]
            .iter()
            .filter(|o| o["status"] == "applied")
            .count();
        assert_eq!(applied, 1, "{}", t.backend);
    }
}
