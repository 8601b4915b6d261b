//! No CSV export runs a formula in the reader's spreadsheet: an
//! administration, an agreement and a technician's work note named
//! `=HYPERLINK("http://x","y")` reach the invoice basis, the budget and the
//! SLA report, in the machine format and in Swedish and English, as text
//! with a quote before it; the penalty credit stays a negative number, and
//! the same input still gives the same bytes.

use super::catalog::catalog;
use super::harness::{Response, TestApp, backends, federation};
use axum::http::StatusCode;
use serde_json::{Value, json};

const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";

fn ok(r: &Response, status: StatusCode) -> Value {
    assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
    r.json()
}

/// Every field of a CSV file, unquoted, by a small RFC 4180 reader.
fn fields(csv: &str, separator: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if !quoted && (c == separator || c == '\n') => out.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    out
}

/// YST with an administration, an agreement and a work note named like a
/// formula, a penalty credit in March 2027, and an orderer's token.
async fn federation_with_formulas(t: &TestApp) -> String {
    let f = federation(t).await;
    let admin = f.token("admin");
    catalog(t, admin).await;
    let yst_id = f.members["YST"]["id"].as_str().unwrap().to_owned();
    let adm = ok(
        &t.post(
            &format!("/api/v1/members/{yst_id}/administrations"),
            admin,
            json!({"name": FORMULA}),
        )
        .await,
        StatusCode::CREATED,
    );
    let orderer = f.token("yst.orderer").to_owned();
    ok(
        &t.post("/api/v1/members/YST/orders", &orderer, json!({"offering": "WP-ADM", "administration_id": adm["id"], "quantity_change": 10, "effective_on": "2027-03-01"})).await,
        StatusCode::CREATED,
    );
    let day = json!([["00:00", "24:00"]]);
    let cal = ok(
        &t.post("/api/v1/calendars", admin, json!({"name": "Dygnet runt", "weekly_hours": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day, "sat": day, "sun": day}})).await,
        StatusCode::CREATED,
    );
    let target =
        json!({"response_seconds": 60, "resolution_seconds": 600, "calendar_id": cal["id"]});
    let targets = json!({"P1": target, "P2": target, "P3": target, "P4": target});
    ok(
        &t.post("/api/v1/agreements", admin, json!({"member": "YST", "name": FORMULA, "valid_from": "2027-01-01", "valid_to": "2027-12-31",
            "entries": [
                {"targets": targets},
                {"service": "WORKPLACE", "targets": targets,
                 "penalties": [{"kind": "compliance_share", "clock": "resolution", "priorities": ["P1", "P2", "P3", "P4"],
                                "threshold_bp": 9500, "per_point_bp": 200, "cap_bp": 2000}]}
            ]})).await,
        StatusCode::CREATED,
    );
    let services = t.get("/api/v1/services", admin).await.json();
    let workplace = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "WORKPLACE")
        .unwrap()["id"]
        .clone();
    let ticket = ok(
        &t.post("/api/v1/tickets", f.token("yst.end_user"), json!({"type": "incident", "service_id": workplace, "title": FORMULA, "impact": 2, "urgency": 2})).await,
        StatusCode::CREATED,
    );
    let id = ticket["id"].as_str().unwrap();
    ok(
        &t.post(
            &format!("/api/v1/tickets/{id}/work"),
            f.token("technician"),
            json!({"minutes": 90, "chargeable": true, "note": FORMULA}),
        )
        .await,
        StatusCode::CREATED,
    );
    t.advance(3600);
    let r = t
        .patch(
            &format!("/api/v1/tickets/{id}"),
            f.token("agent"),
            ticket["version"].as_i64().unwrap(),
            json!({"status": "resolved", "resolution": "Nytt nätaggregat"}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    orderer
}

#[tokio::test]
async fn a_formula_in_any_export_comes_out_as_text_and_amounts_stay_numbers() {
    for t in backends().await {
        let orderer = federation_with_formulas(&t).await;
        let exports = [
            "/api/v1/members/YST/invoices/2027-03",
            "/api/v1/members/YST/budget?year=2027",
            "/api/v1/reports/sla?member=YST&from=2027-03-01&to=2027-04-01",
        ];
        for export in exports {
            let join = if export.contains('?') { '&' } else { '?' };
            for (format, separator) in [
                ("format=csv", ','),
                ("format=csv&lang=sv", ';'),
                ("format=csv&lang=en", ','),
            ] {
                let path = format!("{export}{join}{format}");
                let r = t.get(&path, &orderer).await;
                assert_eq!(r.status, StatusCode::OK, "{path}");
                let csv = String::from_utf8(r.body.clone()).unwrap();
                let all = fields(&csv, separator);
                // The invoice has it three times: the administration, the
                // work note and the agreement's credit.
                let expected = if export.contains("invoices") { 3 } else { 1 };
                assert_eq!(
                    all.iter().filter(|f| **f == format!("'{FORMULA}")).count(),
                    expected,
                    "{path} holds the text, neutralised:\n{csv}"
                );
                for field in &all {
                    assert!(
                        !field.starts_with(['=', '+', '@', '\t', '\r']),
                        "{path}: {field:?} would run"
                    );
                    if let Some(rest) = field.strip_prefix('-') {
                        assert!(
                            rest.chars()
                                .all(|c| c.is_ascii_digit() || c == ',' || c == '.'),
                            "{path}: {field:?} starts with a minus and is no number"
                        );
                    }
                }
                let again = t.get(&path, &orderer).await;
                assert_eq!(again.body, r.body, "{path}: the same input, the same bytes");
            }
        }
        // The penalty's credit is a negative amount, written as a number.
        let credit = |path: &str, separator: char, amount: &str| {
            let path = path.to_owned();
            let amount = amount.to_owned();
            let t = &t;
            let orderer = orderer.clone();
            async move {
                let csv = String::from_utf8(t.get(&path, &orderer).await.body).unwrap();
                let all = fields(&csv, separator);
                assert!(all.contains(&amount), "{path} has {amount}:\n{csv}");
                assert!(
                    !all.contains(&format!("'{amount}")),
                    "{path}: the amount is not made text"
                );
            }
        };
        let invoice = "/api/v1/members/YST/invoices/2027-03?format=csv";
        credit(invoice, ',', "-150000").await;
        credit(&format!("{invoice}&lang=sv"), ';', "-1500,00").await;
        credit(&format!("{invoice}&lang=en"), ',', "-1500.00").await;
    }
}
