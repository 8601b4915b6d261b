//! Service levels through the API: calendars and their arithmetic,
//! agreements, a ticket's clocks with their segments, timers that fire
//! once across two nodes, outages and availability, and the compliance
//! report. Expected figures are worked out by hand in the comments.

use crate::harness::{Federation, TestApp, backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

/// Mon-Thu 08:00-12:00, 12:45-16:30 (7 h 45 min = 27 900 s); Fri 08:00-12:00,
/// 12:45-15:00 (6 h 15 min = 22 500 s); closed weekends, holidays and de facto holidays.
fn office() -> Value {
    let day = json!([["08:00", "12:00"], ["12:45", "16:30"]]);
    json!({"name": "Kontorstid", "time_zone": "Europe/Stockholm",
        "weekly_hours": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": [["08:00", "12:00"], ["12:45", "15:00"]], "sat": [], "sun": []},
        "holidays": {"country": "SE", "de_facto": true}, "exceptions": [{"date": "2027-05-07", "hours": []}]})
}

pub(crate) async fn calendar(t: &TestApp, f: &Federation) -> String {
    let r = t
        .post("/api/v1/calendars", f.token("admin"), office())
        .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()["id"].as_str().unwrap().to_owned()
}

/// An agreement for SIM for 2027: P2 1 h / 8 h, P3 4 h / 3 days in office hours;
/// EMAIL with a 99 % availability target; a per-breach penalty on P2 resolution.
pub(crate) async fn agreement(t: &TestApp, f: &Federation, cal: &str) -> Value {
    let targets = json!({
        "P1": {"response_seconds": 900, "resolution_seconds": 14400, "calendar_id": cal},
        "P2": {"response_seconds": 3600, "resolution_seconds": 28800, "calendar_id": cal},
        "P3": {"response_seconds": 14400, "resolution_seconds": 83700, "calendar_id": cal},
        "P4": {"response_seconds": 27900, "resolution_seconds": 279000, "calendar_id": cal}
    });
    let body = json!({"member": "SIM", "name": "Tjänsteavtal 2027", "valid_from": "2027-01-01", "valid_to": "2027-12-31",
    "entries": [
        {"targets": targets, "monthly_fee_ore": 1_000_000,
         "penalties": [{"kind": "per_breach", "clock": "response", "priorities": ["P2"], "amount_ore": 250_000}]},
        {"service": "EMAIL", "targets": targets, "availability_target_bp": 9900, "availability_calendar_id": cal, "planned_notice_days": 5}
    ]});
    let r = t.post("/api/v1/agreements", f.token("admin"), body).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}

#[tokio::test]
async fn calendars_compute_days_business_seconds_and_deadlines() {
    for t in backends().await {
        let f = federation(&t).await;
        let id = calendar(&t, &f).await;
        let agent = f.token("agent");
        // Midsommarafton 2027 is Friday 25 June; the bridge-day exception closes 7 May.
        let days = t
            .get(
                &format!("/api/v1/calendars/{id}/days?from=2027-06-24&to=2027-06-26"),
                agent,
            )
            .await
            .json();
        assert_eq!(
            days[0]["hours"],
            json!([["08:00", "12:00"], ["12:45", "16:30"]])
        );
        assert_eq!(
            days[0]["open"][0],
            json!(["2027-06-24T06:00:00Z", "2027-06-24T10:00:00Z"]),
            "CEST is UTC+2"
        );
        assert_eq!(days[1]["holiday"], "Midsommarafton");
        assert_eq!(days[1]["open"], json!([]));
        assert_eq!(days[2]["holiday"], "Midsommardagen");
        let bridge = t
            .get(
                &format!("/api/v1/calendars/{id}/days?from=2027-05-07&to=2027-05-07"),
                agent,
            )
            .await
            .json();
        assert_eq!(bridge[0]["exception"], true);
        assert_eq!(bridge[0]["open"], json!([]));
        // Fri 5 March 14:00 to Mon 8 March 09:00: Fri 14-15 (3 600 s) + Mon 08-09 (3 600 s).
        let path = format!("/api/v1/calendars/{id}/business-seconds");
        let r = t
            .post(
                &path,
                agent,
                json!({"from": "2027-03-05T14:00:00+01:00", "to": "2027-03-08T09:00:00+01:00"}),
            )
            .await;
        assert_eq!(r.json(), json!({"seconds": 7200}), "[{}]", t.backend);
        let r = t
            .post(
                &format!("/api/v1/calendars/{id}/deadline"),
                agent,
                json!({"from": "2027-03-05T14:00:00+01:00", "seconds": 7200}),
            )
            .await;
        assert_eq!(r.json(), json!({"at": "2027-03-08T08:00:00Z"}));
        // Work ending exactly at closing time is due at closing time.
        let r = t
            .post(
                &format!("/api/v1/calendars/{id}/deadline"),
                agent,
                json!({"from": "2027-03-05T14:00:00+01:00", "seconds": 3600}),
            )
            .await;
        assert_eq!(r.json(), json!({"at": "2027-03-05T14:00:00Z"}));
        // Bad ranges name their field.
        let r = t
            .post(
                &path,
                agent,
                json!({"from": "2027-03-05T14:00:00+01:00", "to": "2027-03-01T09:00:00+01:00"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "to");
        // Each invalid field carries its stable code beside the English words.
        assert_eq!(r.json()["errors"][0]["code"], "field.not_before");
        assert_eq!(r.json()["errors"][0]["message"], "must not be before from");
        assert_eq!(r.json()["detail"], "to: must not be before from");
        let r = t
            .post(
                &path,
                agent,
                json!({"from": "2000-01-01T00:00:00Z", "to": "2030-01-01T00:00:00Z"}),
            )
            .await;
        assert_eq!(r.json()["errors"][0]["field"], "to");
        let r = t
            .post(
                &path,
                agent,
                json!({"from": "yesterday", "to": "2030-01-01T00:00:00Z"}),
            )
            .await;
        assert_eq!(r.json()["errors"][0]["field"], "from");
    }
}

#[tokio::test]
async fn invalid_calendars_name_every_field_and_used_calendars_cannot_go() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let mut bad = office();
        bad["time_zone"] = json!("Europe/Ystad");
        bad["weekly_hours"]["mon"] = json!([["12:45", "16:30"], ["08:00", "25:00"]]);
        bad["weekly_hours"]["mno"] = json!([]);
        let r = t.post("/api/v1/calendars", admin, bad).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        let fields: Vec<String> = r.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        for field in ["time_zone", "weekly_hours.mno"] {
            assert!(
                fields.contains(&field.to_owned()),
                "[{}] {field} not in {fields:?}",
                t.backend
            );
        }
        assert!(
            fields.iter().any(|f| f.starts_with("weekly_hours.mon")),
            "{fields:?}"
        );
        let r = t
            .post("/api/v1/calendars", f.token("sim.orderer"), office())
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        let id = calendar(&t, &f).await;
        agreement(&t, &f, &id).await;
        let r = t
            .request(
                Method::DELETE,
                &format!("/api/v1/calendars/{id}"),
                Some(admin),
                Body::empty(),
                &[],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "[{}] refused while an agreement uses it",
            t.backend
        );
        let r = t
            .send(
                Method::PUT,
                &format!("/api/v1/calendars/{id}"),
                admin,
                office(),
            )
            .await;
        assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
        let r = t
            .request(
                Method::PUT,
                &format!("/api/v1/calendars/{id}"),
                Some(admin),
                Body::from(office().to_string()),
                &[("content-type", "application/json"), ("if-match", "\"7\"")],
            )
            .await;
        assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
    }
}

#[tokio::test]
async fn a_tickets_clocks_pause_while_waiting_and_explain_their_segments() {
    for t in backends().await {
        let f = federation(&t).await;
        let cal = calendar(&t, &f).await;
        agreement(&t, &f, &cal).await;
        // Monday 1 March 2027 09:00 (the test clock), P3 (impact 2, urgency 2).
        let ticket = crate::harness::report(&t, f.token("sim.end_user"), None, "Klockan").await;
        let path = format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap());
        t.advance(1800); // 09:30 a staff reply: response met after 1 800 s.
        t.post(
            &format!("{path}/comments"),
            f.token("agent"),
            json!({"body": "Vi tittar på det"}),
        )
        .await;
        t.advance(1800); // 10:00 waiting for the customer.
        let r = t
            .patch(
                &path,
                f.token("agent"),
                2,
                json!({"status": "waiting_for_customer"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        t.advance(4 * 3600); // 14:00 the requester answers: paused 4 h (lunch inside the pause).
        t.post(
            &format!("{path}/comments"),
            f.token("sim.end_user"),
            json!({"body": "Nu kan jag"}),
        )
        .await;
        t.advance(3600); // 15:00 resolved.
        let v = t.get(&path, f.token("agent")).await.json()["version"]
            .as_i64()
            .unwrap();
        t.patch(
            &path,
            f.token("agent"),
            v,
            json!({"status": "resolved", "resolution": "Klart"}),
        )
        .await;

        let sla = t
            .get(&format!("{path}/sla"), f.token("sim.end_user"))
            .await
            .json();
        assert_eq!(sla["source"]["entry"], "default");
        assert_eq!(sla["source"]["calendar"], "Kontorstid");
        let response = &sla["clocks"][0];
        assert_eq!(
            (
                response["kind"].as_str(),
                response["state"].as_str(),
                response["elapsed_seconds"].as_i64()
            ),
            (Some("response"), Some("met"), Some(1800))
        );
        let resolution = &sla["clocks"][1];
        // 09:00-10:00 and 14:00-15:00 count: 7 200 s of a 3-day (83 700 s) target.
        assert_eq!(
            resolution["elapsed_seconds"], 7200,
            "[{}] {resolution}",
            t.backend
        );
        assert_eq!(resolution["state"], "met");
        assert_eq!(resolution["target_seconds"], 83700);
        let segments = resolution["segments"].as_array().unwrap();
        assert_eq!(
            segments[0],
            json!({"from": "2027-03-01T08:00:00Z", "to": "2027-03-01T09:00:00Z", "counted": true, "reason": {"kind": "open"}})
        );
        assert_eq!(
            segments[1]["reason"],
            json!({"kind": "paused", "status": "waiting_for_customer"})
        );
        assert_eq!(
            (segments[1]["from"].as_str(), segments[1]["to"].as_str()),
            (Some("2027-03-01T09:00:00Z"), Some("2027-03-01T13:00:00Z"))
        );
        // Raising the priority to P2 applies its shorter target from creation: 7 200 s of 28 800 s.
        let v = t.get(&path, f.token("agent")).await.json()["version"]
            .as_i64()
            .unwrap();
        let r = t
            .patch(&path, f.token("agent"), v, json!({"status": "in_progress"}))
            .await;
        assert_eq!(r.status, StatusCode::OK, "staff reopen");
        let r = t
            .patch(
                &path,
                f.token("agent"),
                v + 1,
                json!({"priority": "P2", "priority_reason": "Fler drabbade"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let sla = t.get(&format!("{path}/sla"), f.token("agent")).await.json();
        assert_eq!(sla["clocks"][1]["target_seconds"], 28800);
        assert_eq!(sla["clocks"][1]["state"], "running");
        // Running again from 15:00 on Monday with 21 600 s left: Monday 15:00-16:30 (5 400 s),
        // Tuesday 08:00-12:00 (14 400 s), then 1 800 s after lunch -> due Tuesday 13:15 (+01).
        assert_eq!(
            sla["clocks"][1]["due_at"], "2027-03-02T12:15:00Z",
            "[{}]",
            t.backend
        );
    }
}

#[tokio::test]
async fn warnings_and_breaches_fire_exactly_once_across_two_nodes() {
    for t in backends().await {
        let f = federation(&t).await;
        let cal = calendar(&t, &f).await;
        agreement(&t, &f, &cal).await;
        // P2 (impact 1, urgency 2): respond within 1 h; warning at 75 % = 45 min.
        let r = t.post("/api/v1/tickets", f.token("agent"), json!({"member": "SIM", "type": "incident", "title": "Brådskande", "impact": 1, "urgency": 2})).await;
        let ticket = r.json();
        let node_b = t.second_node().await;
        t.advance(46 * 60);
        let (a, b) = tokio::join!(t.app.fire_due_timers(), node_b.fire_due_timers());
        assert_eq!(
            a.unwrap() + b.unwrap(),
            1,
            "[{}] the response warning fires once",
            t.backend
        );
        let (a, b) = tokio::join!(t.app.fire_due_timers(), node_b.fire_due_timers());
        assert_eq!(
            a.unwrap() + b.unwrap(),
            0,
            "[{}] and never again",
            t.backend
        );
        t.advance(15 * 60); // 10:01: past the 1 h response target.
        let (a, b) = tokio::join!(t.app.fire_due_timers(), node_b.fire_due_timers());
        assert_eq!(
            a.unwrap() + b.unwrap(),
            1,
            "[{}] the breach fires once",
            t.backend
        );
        let notes = t
            .get("/api/v1/notifications", f.token("group_lead"))
            .await
            .json();
        let kinds: Vec<&str> = notes
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, vec!["sla_breach", "sla_warning"], "[{}]", t.backend);
        assert_eq!(notes[0]["code"], "notification.sla_breach");
        let said = notes[0]["message"].as_str().unwrap();
        assert!(
            said.contains(": the resolution clock has passed its target (")
                || said.contains(": the response clock has passed its target ("),
            "{said}"
        );
        let history = t
            .get(
                &format!("/api/v1/tickets/{}/history", ticket["id"].as_str().unwrap()),
                f.token("agent"),
            )
            .await
            .json();
        let fired: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .filter(|k| k.starts_with("sla_"))
            .collect();
        assert_eq!(fired, vec!["sla_warning", "sla_breach"]);
        // The requester does not see internal SLA events.
        let requester_view = t
            .get(
                &format!("/api/v1/tickets/{}/history", ticket["id"].as_str().unwrap()),
                f.token("sim.orderer"),
            )
            .await
            .json();
        assert!(
            requester_view
                .as_array()
                .unwrap()
                .iter()
                .all(|e| !e["kind"].as_str().unwrap().starts_with("sla_"))
        );
    }
}

#[tokio::test]
async fn the_report_counts_availability_and_penalties_and_is_deterministic() {
    for t in backends().await {
        let f = federation(&t).await;
        let cal = calendar(&t, &f).await;
        agreement(&t, &f, &cal).await;
        let agent = f.token("agent");
        let admin = f.token("admin");
        let services = t.get("/api/v1/services", agent).await.json();
        let email = services[0]["id"].clone();
        // A P2 ticket answered after 2 h: the response is breached (1 h target) -> 2 500 SEK.
        let late = t.post("/api/v1/tickets", agent, json!({"member": "SIM", "type": "incident", "title": "Sent svar", "impact": 1, "urgency": 2, "service_id": email})).await.json();
        // A P3 ticket answered after 30 min: met.
        let ok = t.post("/api/v1/tickets", agent, json!({"member": "SIM", "type": "incident", "title": "I tid", "impact": 2, "urgency": 2, "service_id": email})).await.json();
        t.advance(1800);
        t.post(
            &format!("/api/v1/tickets/{}/comments", ok["id"].as_str().unwrap()),
            agent,
            json!({"body": "Svar"}),
        )
        .await;
        t.advance(5400);
        t.post(
            &format!("/api/v1/tickets/{}/comments", late["id"].as_str().unwrap()),
            agent,
            json!({"body": "Svar"}),
        )
        .await;
        // Unplanned e-mail outage Tue 2 March 10:00-11:00 (+01): 3 600 s down in office hours.
        let r = t.post("/api/v1/outages", agent, json!({"service_id": email, "members": ["SIM"], "starts_at": "2027-03-02T10:00:00+01:00", "ends_at": "2027-03-02T11:00:00+01:00", "message": "E-posten ligger nere"})).await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        // Planned maintenance announced ten days ahead does not count.
        let r = t.post("/api/v1/outages", agent, json!({"service_id": email, "members": ["SIM", "YST"], "planned": true, "announced_at": "2027-03-01T09:00:00+01:00", "starts_at": "2027-03-11T10:00:00+01:00", "ends_at": "2027-03-11T12:00:00+01:00", "message": "Planerat underhåll"})).await;
        assert_eq!(r.status, StatusCode::CREATED);
        // The YST end user sees the planned message; users of SIM see both.
        let yst = t
            .get("/api/v1/status-messages", f.token("yst.end_user"))
            .await
            .json();
        assert_eq!(yst.as_array().unwrap().len(), 1, "[{}] {yst}", t.backend);
        // Everyone with a role in an affected member hears of each message.
        let told = t
            .get("/api/v1/notifications", f.token("sim.end_user"))
            .await
            .json();
        let codes: Vec<&str> = told
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n["code"].as_str())
            .collect();
        assert_eq!(
            codes,
            vec!["notification.status_planned", "notification.status_outage"],
            "[{}]",
            t.backend
        );
        let told = t
            .get("/api/v1/notifications", f.token("yst.orderer"))
            .await
            .json();
        assert_eq!(told.as_array().unwrap().len(), 1);
        assert!(
            told[0]["message"]
                .as_str()
                .unwrap()
                .ends_with(": Planerat underhåll"),
            "{}",
            told[0]
        );
        let told = t
            .get("/api/v1/notifications", f.token("agent"))
            .await
            .json();
        assert_eq!(told, json!([]), "not the agent who wrote them");

        let url = "/api/v1/reports/sla?member=SIM&from=2027-03-01&to=2027-04-01";
        let report = t.get(url, f.token("sim.orderer")).await;
        assert_eq!(
            report.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&report.body)
        );
        let report = report.json();
        let response_total = report["compliance"]["totals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "response")
            .unwrap()
            .clone();
        assert_eq!(
            (
                response_total["counted"].as_i64(),
                response_total["met"].as_i64(),
                response_total["breached"].as_i64()
            ),
            (Some(2), Some(1), Some(1))
        );
        assert_eq!(response_total["compliance_bp"], 5000);
        // March 2027 in office hours: three full weeks (3 x 134 100 s), Mon-Thu of the
        // fourth (111 600 s; Friday 26 is Långfredagen), Tue-Wed 30-31 (55 800 s;
        // Monday 29 is Annandag påsk) = 569 700 s; 3 600 s down -> 9 936 bp (rounded down).
        let a = &report["availability"][0];
        assert_eq!(
            (
                a["service"].as_str(),
                a["open_seconds"].as_i64(),
                a["down_seconds"].as_i64()
            ),
            (Some("EMAIL"), Some(569_700), Some(3600)),
            "[{}]",
            t.backend
        );
        assert_eq!(a["availability_bp"], 9936);
        assert_eq!(a["met"], true);
        // The EMAIL tickets fall under the EMAIL entry, which has no penalty rules; the
        // default entry's per-breach rule sees none of them.
        assert_eq!(
            report["penalty_total_ore"], 0,
            "[{}] {}",
            t.backend, report["penalties"]
        );
        // A ticket on no service falls under the default entry: its breach costs 250 000 öre.
        let plain = t.post("/api/v1/tickets", agent, json!({"member": "SIM", "type": "incident", "title": "Utan tjänst", "impact": 1, "urgency": 2})).await.json();
        t.advance(2 * 3600);
        t.post(
            &format!("/api/v1/tickets/{}/comments", plain["id"].as_str().unwrap()),
            agent,
            json!({"body": "Sent"}),
        )
        .await;
        let report = t.get(url, admin).await.json();
        assert_eq!(
            report["penalty_total_ore"], 250_000,
            "[{}] {}",
            t.backend, report["penalties"]
        );
        assert!(
            report["penalties"][0]["description"]
                .as_str()
                .unwrap()
                .contains("× SEK 2,500.00 = SEK 2,500.00"),
            "{}",
            report["penalties"][0]
        );

        let csv_headers = [("accept", "text/csv")];
        let a = t
            .request(Method::GET, url, Some(admin), Body::empty(), &csv_headers)
            .await;
        let b = t
            .request(Method::GET, url, Some(admin), Body::empty(), &csv_headers)
            .await;
        assert!(
            a.headers
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        assert_eq!(a.body, b.body, "identical inputs give identical bytes");
        let text = String::from_utf8(a.body).unwrap();
        assert!(text.starts_with("service,priority,kind,counted,met,breached,compliance_percent,median_seconds,p90_seconds\n"));
        assert!(text.contains("EMAIL,P2,response,1,0,1,0.00,"), "{text}");

        // Orderers read only their own member; end users and the federation view are refused.
        let other = t
            .get(
                "/api/v1/reports/sla?member=SIM&from=2027-03-01&to=2027-04-01",
                f.token("yst.orderer"),
            )
            .await;
        let unknown = t
            .get(
                "/api/v1/reports/sla?member=ZZZ&from=2027-03-01&to=2027-04-01",
                f.token("yst.orderer"),
            )
            .await;
        assert_eq!(
            (
                other.status,
                other.json()["detail"]
                    .as_str()
                    .map(|d| d.replace("SIM", "?"))
            ),
            (
                unknown.status,
                unknown.json()["detail"]
                    .as_str()
                    .map(|d| d.replace("ZZZ", "?"))
            )
        );
        assert_eq!(
            t.get(url, f.token("sim.end_user")).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            t.get(
                "/api/v1/reports/sla?from=2027-03-01&to=2027-04-01",
                f.token("sim.orderer")
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            t.get("/api/v1/reports/sla?from=2027-03-01&to=2027-04-01", agent)
                .await
                .status,
            StatusCode::OK
        );
    }
}

/// Three tickets reported by `agent`: a P3 (3 days) and a P2 (8 h) in
/// SIM, and one in YST, which has no agreement and so no clock.
async fn three_clocks(t: &TestApp, agent: &str) -> (Value, Value, Value) {
    let body = |title: &str, impact: i64, urgency: i64, member: &str| json!({"member": member, "type": "incident", "title": title, "impact": impact, "urgency": urgency});
    let p3 = t
        .post("/api/v1/tickets", agent, body("Lugnt", 2, 2, "SIM"))
        .await
        .json();
    let p2 = t
        .post("/api/v1/tickets", agent, body("Bråttom", 1, 2, "SIM"))
        .await
        .json();
    let none = t
        .post("/api/v1/tickets", agent, body("Utan avtal", 1, 1, "YST"))
        .await
        .json();
    (p3, p2, none)
}

#[tokio::test]
async fn lists_sort_by_time_left_and_filter_by_clock_state() {
    for t in backends().await {
        let f = federation(&t).await;
        let cal = calendar(&t, &f).await;
        agreement(&t, &f, &cal).await;
        let agent = f.token("agent");
        let (p3, p2, none) = three_clocks(&t, agent).await;
        let list = t.get("/api/v1/tickets?sort=due", agent).await;
        assert_eq!(
            list.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&list.body)
        );
        let list = list.json();
        let order: Vec<&Value> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| &i["id"])
            .collect();
        assert_eq!(
            order,
            vec![&p2["id"], &p3["id"], &none["id"]],
            "[{}]",
            t.backend
        );
        assert_eq!(list["items"][0]["sla"]["state"], "running");
        // 09:00 + 8 h of office time: Monday gives 6 h 45 min (lunch off), Tuesday 08:00 + 1 h 15 min = 09:15 (+01).
        assert_eq!(list["items"][0]["sla"]["due_at"], "2027-03-02T08:15:00Z");
        assert!(list["items"][2]["sla"].is_null());
        // Paging through the due order with a cursor keeps the order.
        let first = t
            .get("/api/v1/tickets?sort=due&limit=1", agent)
            .await
            .json();
        let cursor = first["next_cursor"].as_str().unwrap();
        let second = t
            .get(
                &format!("/api/v1/tickets?sort=due&limit=1&cursor={cursor}"),
                agent,
            )
            .await
            .json();
        assert_eq!(second["items"][0]["id"], p3["id"], "[{}]", t.backend);
        // The 75 % warning (6 h of office time) comes Monday 15:45; at 16:00 the P2 ticket is at risk.
        assert_eq!(
            t.get("/api/v1/tickets?at_risk=true", agent).await.json()["items"]
                .as_array()
                .unwrap()
                .len(),
            0
        );
        t.advance(7 * 3600);
        let risky = t.get("/api/v1/tickets?at_risk=true", agent).await.json();
        let ids: Vec<&Value> = risky["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| &i["id"])
            .collect();
        assert_eq!(ids, vec![&p2["id"]], "[{}]", t.backend);
        let running = t
            .get("/api/v1/tickets?sla_state=running", agent)
            .await
            .json();
        assert_eq!(running["items"].as_array().unwrap().len(), 2);
        let bad = t.get("/api/v1/tickets?sla_state=late", agent).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

/// The ids of the open queue, least time left first.
async fn open_queue(t: &TestApp, token: &str) -> Vec<Value> {
    let list = t
        .get("/api/v1/tickets?status=open&sort=due", token)
        .await
        .json();
    list["items"]
        .as_array()
        .map(|a| a.iter().map(|i| i["id"].clone()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_open_queue_follows_status_and_priority_changes() {
    for t in backends().await {
        let f = federation(&t).await;
        let cal = calendar(&t, &f).await;
        agreement(&t, &f, &cal).await;
        let agent = f.token("agent");
        let (p3, p2, none) = three_clocks(&t, agent).await;
        assert_eq!(
            open_queue(&t, agent).await,
            vec![p2["id"].clone(), p3["id"].clone(), none["id"].clone()],
            "[{}] least time left first, no clock last",
            t.backend
        );
        // Resolving the P2 ticket takes it out of the open queue.
        let path = format!("/api/v1/tickets/{}", p2["id"].as_str().unwrap());
        let v = p2["version"].as_i64().unwrap();
        let r = t
            .patch(
                &path,
                agent,
                v,
                json!({"status": "resolved", "resolution": "Skrivaren bytt"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(
            open_queue(&t, agent).await,
            vec![p3["id"].clone(), none["id"].clone()],
            "[{}] resolved tickets leave the queue",
            t.backend
        );
        // Raising the P3 ticket to P1 moves its due time, and the queue with it;
        // reopening the P2 ticket puts it back.
        let path3 = format!("/api/v1/tickets/{}", p3["id"].as_str().unwrap());
        let v3 = p3["version"].as_i64().unwrap();
        let r = t
            .patch(
                &path3,
                agent,
                v3,
                json!({"priority": "P1", "priority_reason": "Hela skolan"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let r = t
            .patch(&path, agent, v + 1, json!({"status": "in_progress"}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(
            open_queue(&t, agent).await,
            vec![p3["id"].clone(), p2["id"].clone(), none["id"].clone()],
            "[{}] the P1 ticket is due first; the reopened one is back",
            t.backend
        );
        // Paging the queue one by one gives the same order.
        let mut seen = Vec::new();
        let mut path = "/api/v1/tickets?status=open&sort=due&limit=1".to_owned();
        loop {
            let page = t.get(&path, agent).await.json();
            seen.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["id"].clone()),
            );
            match page["next_cursor"].as_str() {
                Some(c) => {
                    path = format!("/api/v1/tickets?status=open&sort=due&limit=1&cursor={c}")
                }
                None => break,
            }
        }
        assert_eq!(seen, open_queue(&t, agent).await, "[{}] paging", t.backend);
    }
}

#[tokio::test]
async fn escalation_rules_assign_the_group_lead_and_raise_the_priority() {
    for t in backends().await {
        let f = federation(&t).await;
        let cal = calendar(&t, &f).await;
        agreement(&t, &f, &cal).await;
        let admin = f.token("admin");
        let rule = |on: &str, action: &str, position: i64| json!({"position": position, "on": on, "clock": "response", "priorities": ["P2"], "action": action});
        assert_eq!(
            t.post(
                "/api/v1/escalation-rules",
                admin,
                rule("warning", "assign_group_lead", 1)
            )
            .await
            .status,
            StatusCode::CREATED
        );
        assert_eq!(
            t.post(
                "/api/v1/escalation-rules",
                admin,
                rule("breach", "raise_priority", 2)
            )
            .await
            .status,
            StatusCode::CREATED
        );
        let bad = t.post("/api/v1/escalation-rules", admin, json!({"position": 3, "on": "later", "clock": "response", "priorities": ["P9"], "action": "reassign_group"})).await;
        let bad = bad.json();
        let fields: Vec<&str> = bad["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            vec!["on", "priorities[0]", "group_id"],
            "[{}]",
            t.backend
        );
        assert_eq!(
            t.post(
                "/api/v1/escalation-rules",
                f.token("agent"),
                rule("warning", "raise_priority", 4)
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );

        let ticket = t.post("/api/v1/tickets", f.token("agent"), json!({"member": "SIM", "type": "incident", "title": "Eskaleras", "impact": 1, "urgency": 2})).await.json();
        let path = format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap());
        let lead = t.get("/api/v1/me", f.token("group_lead")).await.json()["account_id"].clone();
        t.advance(46 * 60);
        t.app.fire_due_timers().await.unwrap();
        let now = t.get(&path, f.token("agent")).await.json();
        assert_eq!(
            now["assignee_id"], lead,
            "[{}] the warning assigned the group lead",
            t.backend
        );
        assert_eq!(now["status"], "assigned");
        t.advance(15 * 60);
        t.app.fire_due_timers().await.unwrap();
        let now = t.get(&path, f.token("agent")).await.json();
        assert_eq!(
            now["priority"], "P1",
            "[{}] the breach raised the priority",
            t.backend
        );
        let history = t
            .get(&format!("{path}/history"), f.token("agent"))
            .await
            .json();
        let raise = history
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "priority")
            .unwrap();
        assert_eq!(
            raise["actor_kind"], "system",
            "an escalation is no one's response"
        );
        assert_eq!(raise["actor"], "samdrift");
        assert!(
            raise["new_value"]
                .as_str()
                .unwrap()
                .contains("eskalering: response breach"),
            "{raise}"
        );
    }
}
