//! The member's services, orders and charges, and the catalog's
//! administration, as a browser uses them on the demo federation (the
//! clock stands at 2027-03-01 09:00): the orderer orders 50 administrative
//! workplaces through the form (a bad date first), the strategist may not,
//! the federation manager confirms on the orders page (a forged form
//! first), the month's charges show the new total; an admin keeps the
//! catalog through its forms, a bad form-field line named by its number.

use crate::forms::{Browser, html, tag};
use crate::harness::backends;
use axum::http::StatusCode;
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::MemberFilter;
use samdrift_web::ui::i18n::{Lang, Tr};

/// The table row holding `text`.
fn row<'p>(page: &'p str, text: &str) -> &'p str {
    let at = page
        .find(text)
        .unwrap_or_else(|| panic!("no row with {text}"));
    let start = page[..at].rfind("<tr").unwrap();
    let end = at + page[at..].find("</tr>").unwrap();
    &page[start..end]
}

/// The order card holding `text` on the orders page.
fn card<'p>(page: &'p str, text: &str) -> &'p str {
    let at = page
        .find(text)
        .unwrap_or_else(|| panic!("no card with {text}"));
    let start = page[..at].rfind("<section class=\"order-card\"").unwrap();
    let end = at + page[at..].find("</section>").unwrap();
    &page[start..end]
}

fn money(ore: i64) -> String {
    Tr(Lang::Sv).money(ore)
}

/// What the catalog page tests ask of a page beyond the shared browser.
impl Browser<'_> {
    /// Posts a form that must go through; returns the page it leads to,
    /// which says it was done.
    async fn done(&self, path: &str, fields: &[(&str, &str)]) -> String {
        let to = self.submit(path, fields).await;
        let text = self.page(&to).await;
        assert!(text.contains("role=\"status\""), "{to} says it was done");
        text
    }

    /// Posts a form that must come back refused (422); returns the page.
    async fn refused(&self, path: &str, fields: &[(&str, &str)]) -> String {
        let r = self.post(path, fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let page = html(&r);
        assert!(page.contains("class=\"error-summary\" role=\"alert\""));
        page
    }

    /// A GET that must come back refused (422).
    async fn refused_get(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        html(&r)
    }
}

#[tokio::test]
async fn an_order_waits_for_the_manager_and_then_shows_on_the_invoice() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let store = &t.store;
        let yst = store.member_by_code("YST").await.unwrap().unwrap();
        let administrations = store
            .list_administrations(&MemberFilter::All, Some(MemberId(yst.id)))
            .await
            .unwrap();
        let klf = administrations
            .iter()
            .find(|a| a.name == "Kommunledningsförvaltningen")
            .unwrap()
            .id
            .to_string();

        let orderer = Browser::sign_in(&t, "yst.orderer").await;
        // March's total before the order, as the API gives it to the session.
        let api = orderer.get("/api/v1/members/YST/invoices/2027-03").await;
        assert_eq!(api.status, StatusCode::OK);
        let before = api.json()["total_ore"].as_i64().unwrap();

        let page = orderer.page("/member/subscriptions").await;
        assert!(page.contains("<h1>Tjänster och beställningar: Ystads kommun</h1>"));
        assert!(page.contains("<optgroup label=\"Standardarbetsplats\">"));
        let current = row(&page, "Kommunledningsförvaltningen</td>");
        assert!(current.contains("WP-ADM") && current.contains(">180<"));
        assert!(current.contains(&money(180 * 900_000)), "{current}");

        let order = [
            ("member", "YST"),
            ("offering", "WP-ADM"),
            ("administration_id", klf.as_str()),
            ("quantity_change", "50"),
            ("note", "Nya handläggare"),
        ];
        let mut bad = order.to_vec();
        bad.push(("effective_on", "2027-02-30"));
        let page = orderer.refused("/member/orders", &bad).await;
        assert!(page.contains("href=\"#f-effective_on\""));
        assert!(page.contains("Gäller från: Skriv ett datum som ÅÅÅÅ-MM-DD."));
        let date = tag(&page, "f-effective_on");
        assert!(date.contains("aria-invalid=\"true\"") && date.contains("value=\"2027-02-30\""));
        assert!(date.contains("aria-describedby=\"h-effective_on e-effective_on\""));
        assert!(tag(&page, "f-quantity_change").contains("value=\"50\""));
        assert!(!tag(&page, "f-quantity_change").contains("aria-invalid"));
        assert!(page.contains("<option value=\"WP-ADM\" selected>"));
        assert!(page.contains(&format!("<option value=\"{klf}\" selected>")));
        assert!(page.contains(">Nya handläggare</textarea>"));
        let mut good = order.to_vec();
        good.push(("effective_on", "2027-03-15"));
        let r = orderer.post("/member/orders", &good).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let to = r.headers.get("location").unwrap().to_str().unwrap();
        assert!(to.contains("done=waiting"), "{to}");
        let page = orderer.page(to).await;
        assert!(page.contains("role=\"status\">Beställningen är registrerad och väntar"));
        let placed = row(&page, "Väntar på förbundschefens bekräftelse</span>");
        assert!(
            placed.contains("WP-ADM") && placed.contains("+50") && placed.contains("2027-03-15")
        );
        assert!(placed.contains(&format!("+{}", money(50 * 900_000))));
        assert!(placed.contains("Återta"));

        // The strategist reads but does not order.
        let strategist = Browser::sign_in(&t, "yst.strategist").await;
        let page = strategist.page("/member/subscriptions").await;
        assert!(page.contains("Bara kommunens beställare beställer."));
        assert!(!page.contains("action=\"/member/orders\""));
        let r = strategist.post("/member/orders", &good).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let scope = t.app.system_scope();
        let orders = t.app.orders(&scope, Some("YST"), None).await.unwrap();
        assert_eq!(orders.len(), 1);
        let pending = orders[0].order.clone();
        assert_eq!(pending.status, "awaiting_confirmation");
        let version = pending.version.to_string();
        let decision = [("member", "YST"), ("version", version.as_str())];
        let confirm = format!("/admin/orders/{}/confirm", pending.id);
        let reject = format!("/admin/orders/{}/reject", pending.id);

        // An admin sees the list but does not decide.
        let admin = Browser::sign_in(&t, "admin").await;
        let page = admin.page("/admin/orders").await;
        assert!(page.contains("Bara förbundschefen") && !page.contains(&confirm));
        assert_eq!(
            admin.post(&confirm, &decision).await.status,
            StatusCode::FORBIDDEN
        );

        let mut chef = Browser::sign_in(&t, "chef").await;
        let page = chef.page("/admin/orders").await;
        let waiting = card(&page, "Ystads kommun (YST)");
        assert!(waiting.contains("+50") && waiting.contains(&confirm));
        let csrf = std::mem::replace(&mut chef.csrf, "forged".into());
        assert_eq!(
            chef.post(&confirm, &decision).await.status,
            StatusCode::FORBIDDEN
        );
        chef.csrf = csrf;
        let mut no_reason = decision.to_vec();
        no_reason.push(("reason", "  "));
        let page = chef.refused(&reject, &no_reason).await;
        let reason = format!("f-reason-{}", pending.id);
        assert!(page.contains(&format!("href=\"#{reason}\"")));
        assert!(tag(&page, &reason).contains("aria-invalid=\"true\""));
        assert!(page.contains("Skriv varför beställningen avslås"));
        let still = t.app.orders(&scope, Some("YST"), None).await.unwrap();
        assert_eq!(still[0].order.status, "awaiting_confirmation");

        let page = chef.done(&confirm, &decision).await;
        assert!(page.contains("Beställningen är bekräftad"));
        assert!(page.contains("Inga beställningar väntar på bekräftelse."));
        // The same form sent again finds the order decided.
        let r = chef.post(&confirm, &decision).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(html(&r).contains("Någon har ändrat beställningen"));

        let page = orderer.page("/member/subscriptions").await;
        let applied = row(&page, "Genomförd</span>");
        assert!(applied.contains("WP-ADM") && applied.contains("chef, "));
        assert!(!page.contains("Återta"));
        let grown = row(&page, ">230<");
        assert!(grown.contains("Kommunledningsförvaltningen") && grown.contains("2027-03-15"));

        // 180 for 14 days and 230 for 17 of March's 31, each rounded once.
        let page = orderer.page("/member/invoice?month=2027-03").await;
        assert!(
            page.contains("<input id=\"f-month\" name=\"month\" type=\"month\" value=\"2027-03\"")
        );
        let total = money(before - 13_500_000 + 6_096_774 + 9_459_677);
        assert!(
            page.contains(&format!("id=\"invoice-total\">{total}<")),
            "{total}"
        );
        assert!(page.contains(&money(6_096_774)) && page.contains(&money(9_459_677)));
        assert!(page.contains("14/31") && page.contains("17/31"));
        assert!(page.contains("230 × 9\u{a0}000,00 kr per år ÷ 12 × 17/31 dagar"));
        assert!(
            page.contains("href=\"/api/v1/members/YST/invoices/2027-03?format=csv&amp;lang=sv\"")
        );
        assert!(page.contains("href=\"/member/budget?member=YST\""));
        let page = orderer.refused_get("/member/invoice?month=2027-13").await;
        assert!(page.contains("Skriv en månad som ÅÅÅÅ-MM"));

        let page = orderer.page("/member/budget").await;
        assert!(page.contains("Budgetförslag: Ystads kommun"));
        assert!(
            page.contains(
                "href=\"/api/v1/members/YST/budget?year=2028&amp;format=csv&amp;lang=sv\""
            )
        );
        assert!(page.contains("Per förvaltning") && page.contains("Per tjänst"));
    }
}

#[tokio::test]
async fn an_admin_keeps_the_catalog_through_the_forms() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let store = &t.store;
        let admin = Browser::sign_in(&t, "admin").await;
        let page = admin.page("/admin/catalog").await;
        assert!(
            page.contains("href=\"/admin/catalog-items\"") && page.contains("Verksamhetssystem")
        );

        let offering = [
            ("service", "WORKPLACE"),
            ("code", "WP-LAB"),
            ("name", "Labbdator"),
            ("unit", "workstation"),
            ("contents", "Windows 11\n\nLabbprogram"),
            ("active", "on"),
        ];
        let mut bad = offering.to_vec();
        bad[1] = ("code", "wp lab");
        let page = admin.refused("/admin/catalog/offerings", &bad).await;
        assert!(page.contains("Använd 1–32 versaler") && page.contains("href=\"#f-code\""));
        assert!(tag(&page, "f-code").contains("value=\"wp lab\""));
        let page = admin.done("/admin/catalog/offerings", &offering).await;
        let lab = row(&page, ">WP-LAB<");
        assert!(lab.contains("Labbdator") && lab.contains("<li>Labbprogram</li>"));

        let price = [("offering", "WP-LAB"), ("year", "2028")];
        let mut bad = price.to_vec();
        bad.push(("price", "12 500,505"));
        let page = admin.refused("/admin/catalog/prices", &bad).await;
        assert!(page.contains("Högst två decimaler") && page.contains("href=\"#f-price\""));
        assert!(tag(&page, "f-price").contains("value=\"12 500,505\""));
        let mut good = price.to_vec();
        good.push(("price", "12 500,50"));
        let page = admin.done("/admin/catalog/prices", &good).await;
        assert!(row(&page, ">WP-LAB<").contains(&format!("2028: {}", money(1_250_050))));
        let page = admin
            .done(
                "/admin/catalog/hourly-rates",
                &[("year", "2029"), ("rate", "990")],
            )
            .await;
        assert!(row(&page, ">2029<").contains(&money(99_000)));

        let print = store.service_by_code("PRINT").await.unwrap().unwrap();
        let version = print.version.to_string();
        let edit = [
            ("version", version.as_str()),
            ("family", "Arbetsplats"),
            ("owner", "Skrivaransvarig"),
            ("description", "Skrivare och utskrift"),
            ("depends_on", "NET-ADM"),
            ("depends_on", "IDENTITY"),
        ];
        let page = admin.done("/admin/catalog/services/PRINT", &edit).await;
        assert!(page.contains("Skrivaransvarig"));
        let catalog = t.app.catalog().await.unwrap();
        let print = catalog
            .services
            .iter()
            .find(|s| s.service.code == "PRINT")
            .unwrap();
        assert_eq!(print.depends_on, ["IDENTITY", "NET-ADM"]);
        // The same form again carries the old version.
        let r = admin.post("/admin/catalog/services/PRINT", &edit).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(html(&r).contains("Någon annan har ändrat tjänsten"));

        let item = [
            ("code", "LAB-ACCESS"),
            ("name", "Tillgång till labbet"),
            ("description", "Passerkort och konto i labbet."),
            ("service", "WORKPLACE"),
            ("price", "500"),
            ("active", "on"),
            ("approvals", "manager"),
            ("tasks", "1 | Servicedesk | Lägg upp behörigheten"),
        ];
        let mut bad = item.to_vec();
        bad.push((
            "fields",
            "room | Rum | text | ja\nwhen | När | kalender | ja",
        ));
        let page = admin.refused("/admin/catalog-items", &bad).await;
        assert!(
            page.contains("href=\"#f-fields\"")
                && page.contains("Rad 2: typen ”kalender” finns inte")
        );
        assert!(tag(&page, "f-fields").contains("aria-invalid=\"true\""));
        assert!(page.contains("room | Rum | text | ja\nwhen | När | kalender | ja</textarea>"));
        assert!(tag(&page, "approval-manager").contains("checked"));
        // The item's own rules are placed on their lines too.
        let mut bad = item.to_vec();
        bad[7] = ("tasks", "1 | Okänd grupp | Gör det");
        bad.push(("fields", "room | Rum | text | ja\n\nBad Key | När | date"));
        let page = admin.refused("/admin/catalog-items", &bad).await;
        assert!(page.contains("Rad 3: Nyckeln ska vara"));
        assert!(page.contains("Rad 1: Det finns ingen kompetensgrupp som heter Okänd grupp."));
        assert!(t.app.catalog_items().await.unwrap().len() == 4);

        let mut good = item.to_vec();
        good.push((
            "fields",
            "room | Rum | text | ja\nwhen | När | date | nej | ÅÅÅÅ-MM-DD",
        ));
        let page = admin.done("/admin/catalog-items", &good).await;
        let lab = row(&page, ">LAB-ACCESS<");
        assert!(lab.contains("Chefen, Beställaren"), "orderer added: {lab}");
        assert!(lab.contains(&money(50_000)) && lab.contains("Steg 1: Servicedesk"));
        let items = t.app.catalog_items().await.unwrap();
        let created = items
            .iter()
            .find(|i| i.record.code == "LAB-ACCESS")
            .unwrap();
        assert_eq!(created.record.price_ore, 50_000);
        assert_eq!(created.spec.fields.len(), 2);
        assert!(created.spec.fields[0].required && !created.spec.fields[1].required);

        // Only managers and admins; the forms need the session's token.
        let strategist = Browser::sign_in(&t, "yst.strategist").await;
        for path in ["/admin/catalog", "/admin/catalog-items", "/admin/orders"] {
            assert_eq!(strategist.get(path).await.status, StatusCode::FORBIDDEN);
        }
        let mut forged = Browser::sign_in(&t, "admin").await;
        forged.csrf = "forged".into();
        let r = forged
            .post(
                "/admin/catalog/hourly-rates",
                &[("year", "2030"), ("rate", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let rates = t.app.catalog().await.unwrap().hourly_rates;
        assert!(!rates.iter().any(|(y, _)| *y == 2030));
        let page = admin.refused_get("/member/budget?year=tjugo").await;
        assert!(page.contains("Skriv ett år från 2000 till 2100."));
    }
}
