//! Steering: the board votes per member seat with the members' ownership
//! weights, under its quorum and majority rule, once per seat and never
//! after the decision closed; proposals move through the forums with
//! their history; goals are measured by the monthly figures, and a closed
//! month's changed figure is shown as revised; members read only their
//! own figures and reports; the pages work for the förbundschef and the
//! seat holders, and are closed to end users.

use crate::forms::{Browser, html};
use crate::harness::{PASSWORD, TestApp, backends, federation, report};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn post_ok(t: &TestApp, path: &str, token: &str, body: Value) -> Value {
    let r = t.post(path, token, body).await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "{path}: {}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}

/// A board of SIM and YST (50 % each) with their orderers in the seats.
async fn board(t: &TestApp, admin: &str) -> String {
    let f = post_ok(
        t,
        "/api/v1/forums",
        admin,
        json!({"kind": "board", "name": "Direktionen", "quorum_bp": 5000, "majority": "simple"}),
    )
    .await;
    let id = f["id"].as_str().unwrap().to_owned();
    for code in ["SIM", "YST"] {
        let lower = code.to_lowercase();
        post_ok(t, &format!("/api/v1/forums/{id}/seats"), admin, json!({"member": code, "username": format!("{lower}.orderer"), "holder": format!("Ledamot {code}"), "role": "member"})).await;
    }
    id
}

async fn move_to(t: &TestApp, token: &str, id: &str, state: &str) -> StatusCode {
    t.request(
        Method::POST,
        &format!("/api/v1/proposals/{id}/state"),
        Some(token),
        axum::body::Body::from(json!({"state": state}).to_string()),
        &[("content-type", "application/json"), ("if-match", "*")],
    )
    .await
    .status
}

#[tokio::test]
async fn the_board_votes_by_ownership_once_per_seat_and_never_after_closing() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let forum = board(&t, admin).await;
        let detail = t
            .get(&format!("/api/v1/forums/{forum}"), f.token("yst.orderer"))
            .await
            .json();
        let weights: Vec<i64> = detail["seats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["weight"].as_i64().unwrap())
            .collect();
        assert_eq!(
            weights,
            vec![5000, 5000],
            "seats weigh the ownership shares"
        );

        let p = post_ok(&t, "/api/v1/proposals", f.token("yst.orderer"), json!({"kind": "improvement", "title": "Gemensam plattform", "member": "YST", "cost_ore": 100_000, "affects": ["SIM", "YST"]})).await;
        assert_eq!(p["number"], "F-2027-001");
        let pid = p["id"].as_str().unwrap();
        // Orderers of SIM cannot raise for YST; only managers prepare.
        let foreign = t
            .post(
                "/api/v1/proposals",
                f.token("sim.orderer"),
                json!({"kind": "improvement", "title": "x", "member": "YST"}),
            )
            .await;
        assert_eq!(
            foreign.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "another member is no member of theirs"
        );
        assert_eq!(
            move_to(&t, f.token("yst.orderer"), pid, "prepared").await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            move_to(&t, admin, pid, "prepared").await,
            StatusCode::OK,
            "{}",
            t.backend
        );

        let d = post_ok(&t, "/api/v1/decisions", admin, json!({"forum": forum, "title": "Införa plattformen", "proposal": pid, "link_kind": "budget", "link_ref": "2028"})).await;
        let did = d["id"].as_str().unwrap();
        let shown = t
            .get(
                &format!("/api/v1/proposals/{pid}"),
                f.token("sim.strategist"),
            )
            .await
            .json();
        assert_eq!(shown["state"], "for_decision");

        let vote = |token: &'static str, choice: &'static str| {
            let t = &t;
            let f = &f;
            async move {
                t.post(&format!("/api/v1/decisions/{did}/votes"), f.token(token), json!({"choice": choice, "reservation": if choice == "no" { "Vi vill vänta ett år." } else { "" }})).await
            }
        };
        assert_eq!(
            vote("sim.strategist", "yes").await.status,
            StatusCode::FORBIDDEN,
            "not a seat holder"
        );
        assert_eq!(
            vote("sim.end_user", "yes").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(vote("yst.orderer", "yes").await.status, StatusCode::CREATED);
        let again = vote("yst.orderer", "no").await;
        assert_eq!(again.status, StatusCode::CONFLICT, "one vote per seat");
        assert!(again.is_problem());
        assert_eq!(vote("sim.orderer", "no").await.status, StatusCode::CREATED);

        let closed = t
            .post(
                &format!("/api/v1/decisions/{did}/close"),
                f.token("yst.orderer"),
                json!({}),
            )
            .await;
        assert_eq!(
            closed.status,
            StatusCode::FORBIDDEN,
            "only the chair or a manager closes"
        );
        let closed = t
            .post(&format!("/api/v1/decisions/{did}/close"), admin, json!({}))
            .await
            .json();
        assert_eq!(closed["tally"]["yes"], 5000);
        assert_eq!(closed["tally"]["no"], 5000);
        assert_eq!(closed["outcome"], "rejected", "a tie is no majority");
        let no = closed["votes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["choice"] == "no")
            .unwrap();
        assert_eq!(no["reservation"], "Vi vill vänta ett år.");
        let shown = t
            .get(
                &format!("/api/v1/proposals/{pid}"),
                f.token("yst.strategist"),
            )
            .await
            .json();
        assert_eq!(shown["state"], "rejected");
        let states: Vec<&str> = shown["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["state"].as_str().unwrap())
            .collect();
        assert_eq!(
            states,
            vec!["raised", "prepared", "for_decision", "rejected"]
        );

        let late = vote("sim.orderer", "yes").await;
        assert_eq!(late.status, StatusCode::CONFLICT);
        assert!(
            late.json()["detail"]
                .as_str()
                .unwrap()
                .contains(d["number"].as_str().unwrap()),
            "the refusal names the decision: {:?}",
            late.json()
        );

        // A service-level meeting is its member's: others neither see nor reach it.
        let slm = post_ok(&t, "/api/v1/forums", admin, json!({"kind": "service_level_meeting", "name": "Servicenivåmöte YST", "member": "YST", "quorum_bp": 0, "majority": "simple"})).await;
        let slm_path = format!("/api/v1/forums/{}", slm["id"].as_str().unwrap());
        assert_eq!(
            t.get(&slm_path, f.token("yst.orderer")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            t.get(&slm_path, f.token("sim.orderer")).await.status,
            StatusCode::NOT_FOUND
        );
        let listed = t.get("/api/v1/forums", f.token("sim.orderer")).await.json();
        assert_eq!(
            listed.as_array().unwrap().len(),
            1,
            "SIM sees the board only: {listed}"
        );
        let log = t.get("/api/v1/decisions", f.token("sim.strategist")).await;
        assert_eq!(log.status, StatusCode::OK);
        assert_eq!(log.json().as_array().unwrap().len(), 1);
        assert_eq!(
            t.get("/api/v1/decisions", f.token("yst.end_user"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn a_decision_without_quorum_decides_nothing_and_sends_the_proposal_back() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let forum = board(&t, admin).await;
        let p = post_ok(
            &t,
            "/api/v1/proposals",
            admin,
            json!({"kind": "change_request", "title": "Längre öppettider"}),
        )
        .await;
        let pid = p["id"].as_str().unwrap();
        assert_eq!(move_to(&t, admin, pid, "prepared").await, StatusCode::OK);
        let d = post_ok(
            &t,
            "/api/v1/decisions",
            admin,
            json!({"forum": forum, "title": "Öppettider", "proposal": pid}),
        )
        .await;
        let did = d["id"].as_str().unwrap();
        // 40 % would be too little, but one of two equal seats is exactly 50 %.
        let closed = t
            .post(&format!("/api/v1/decisions/{did}/close"), admin, json!({}))
            .await
            .json();
        assert_eq!(closed["outcome"], "no_quorum");
        assert_eq!(
            t.get(&format!("/api/v1/proposals/{pid}"), admin)
                .await
                .json()["state"],
            "prepared"
        );
        // A proposal that is not prepared cannot go to a vote.
        let raised = post_ok(
            &t,
            "/api/v1/proposals",
            admin,
            json!({"kind": "improvement", "title": "Ny idé"}),
        )
        .await;
        let early = t
            .post(
                "/api/v1/decisions",
                admin,
                json!({"forum": forum, "title": "För tidigt", "proposal": raised["id"]}),
            )
            .await;
        assert_eq!(early.status, StatusCode::CONFLICT);
        let bad = t
            .post(
                "/api/v1/forums",
                admin,
                json!({"kind": "parliament", "name": "x", "quorum_bp": 20000, "majority": "most"}),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn goals_follow_the_monthly_figures_and_a_revised_month_says_so() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let goal = post_ok(
            &t,
            "/api/v1/goals",
            admin,
            json!({"title": "Snabb hantering"}),
        )
        .await;
        let gid = goal["id"].as_str().unwrap();
        post_ok(&t, &format!("/api/v1/goals/{gid}/kpis"), admin, json!({"name": "Nya ärenden", "measure": "ticket_volume", "target": 1, "deadline": "2027-12-31", "owner": "Förbundschefen"})).await;
        post_ok(&t, &format!("/api/v1/goals/{gid}/kpis"), admin, json!({"name": "Öppna ärenden", "measure": "backlog", "target": 5, "deadline": "2027-12-31", "owner": "Förbundschefen"})).await;
        for title in ["Skrivaren", "Mejlen", "Wifi"] {
            report(&t, admin, Some("YST"), title).await;
        }
        report(&t, admin, Some("SIM"), "Telefonen").await;
        let saved = t
            .post("/api/v1/figures/compute?month=2027-03", admin, json!({}))
            .await;
        assert_eq!(
            saved.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&saved.body)
        );
        assert_eq!(
            t.post(
                "/api/v1/figures/compute?month=2027-03",
                f.token("agent"),
                json!({})
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );

        let d = t
            .get("/api/v1/goals?month=2027-03", f.token("manager"))
            .await
            .json();
        let kpis = d["goals"][0]["kpis"].as_array().unwrap();
        let last = |k: &Value| k["points"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last(&kpis[0])["value"], 4.0, "federation: 3 + 1");
        assert_eq!(last(&kpis[0])["preliminary"], true, "March is still open");
        assert_eq!(
            kpis[0]["status"], "off_track",
            "4 new tickets against a target of at most 1"
        );
        assert_eq!(kpis[1]["status"], "on_track", "4 open against at most 5");
        let yst = t
            .get(
                "/api/v1/goals?month=2027-03&member=YST",
                f.token("yst.strategist"),
            )
            .await
            .json();
        assert_eq!(last(&yst["goals"][0]["kpis"][0])["value"], 3.0);
        assert_eq!(
            t.get("/api/v1/goals?member=SIM", f.token("yst.strategist"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // April: March closes; a later change to it is kept beside what was shown.
        t.advance(31 * 86_400);
        let again = t
            .post("/api/v1/figures/compute?month=2027-03", admin, json!({}))
            .await
            .json();
        assert!(
            again["updated"].as_u64().unwrap() > 0,
            "closing the month marks its figures closed: {again}"
        );
        let figures = t
            .store
            .figures(
                &samdrift_domain::scope::MemberFilter::All,
                &["ticket_volume"],
                "2027-03",
                "2027-03",
                false,
            )
            .await
            .unwrap();
        assert!(
            figures.iter().all(|r| r.month_closed && r.revision == 1),
            "closed in place: {figures:?}"
        );
        let mut changed = figures.clone();
        for r in &mut changed {
            r.numerator += 1;
        }
        let saved = t.store.save_figures("2027-03", &changed).await.unwrap();
        assert_eq!(saved.revised, 2);
        let d = t
            .get("/api/v1/goals?month=2027-03", f.token("manager"))
            .await
            .json();
        let point = last(&d["goals"][0]["kpis"][0]);
        assert_eq!(point["value"], 6.0);
        assert_eq!(point["revised_from"], 4.0, "the board saw 4");
        assert_eq!(point["revision"], 2);
        assert_eq!(
            t.get("/api/v1/goals", f.token("yst.end_user")).await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn hand_entered_figures_keep_their_source_and_revisions() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let goal = post_ok(
            &t,
            "/api/v1/goals",
            admin,
            json!({"title": "Gemensam förvaltning"}),
        )
        .await;
        let kpi = post_ok(&t, &format!("/api/v1/goals/{}/kpis", goal["id"].as_str().unwrap()), admin, json!({"name": "Andel gemensamma system", "measure": "manual", "direction": "higher_is_better", "target": 50, "deadline": "2028-12-31", "owner": "IT-strategerna", "source": "Inventeringen"})).await;
        let kid = kpi["id"].as_str().unwrap();
        let path = format!("/api/v1/kpis/{kid}/values");
        assert_eq!(
            t.post(
                &path,
                admin,
                json!({"month": "2027-02", "value": 30, "source": "Inventeringen feb"})
            )
            .await
            .json()["revision"],
            1
        );
        assert_eq!(
            t.post(
                &path,
                admin,
                json!({"month": "2027-03", "value": 28, "source": "Inventeringen mars"})
            )
            .await
            .json()["revision"],
            1
        );
        assert_eq!(
            t.post(
                &path,
                admin,
                json!({"month": "2027-03", "value": 25, "source": "Rättad"})
            )
            .await
            .json()["revision"],
            2
        );
        assert_eq!(
            t.post(
                &path,
                admin,
                json!({"month": "2027-13", "value": 1, "source": "x"})
            )
            .await
            .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            t.post(
                &path,
                admin,
                json!({"month": "2027-03", "value": 1, "source": ""})
            )
            .await
            .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            t.post(
                &path,
                f.token("yst.strategist"),
                json!({"month": "2027-03", "value": 1, "source": "x"})
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let d = t
            .get("/api/v1/goals?month=2027-03", f.token("yst.orderer"))
            .await
            .json();
        let k = &d["goals"][0]["kpis"][0];
        assert_eq!(k["status"], "off_track", "25 % and falling, target 50 %");
        let last = k["points"].as_array().unwrap().last().unwrap();
        assert_eq!(last["value"], 25.0);
        assert_eq!(last["revised_from"], 28.0);
        assert_eq!(k["source"], "Inventeringen");
    }
}

#[tokio::test]
async fn members_read_only_their_own_report_and_overview() {
    for t in backends().await {
        let f = federation(&t).await;
        report(&t, f.token("admin"), Some("YST"), "Skrivaren").await;
        t.post(
            "/api/v1/figures/compute?month=2027-03",
            f.token("admin"),
            json!({}),
        )
        .await;
        let own = t
            .get(
                "/api/v1/members/YST/reports/2027-03",
                f.token("yst.orderer"),
            )
            .await;
        assert_eq!(
            own.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&own.body)
        );
        let doc = own.json();
        assert_eq!(doc["title"], "Månadsrapport för YST kommun");
        assert_eq!(doc["lang"], "sv");
        let en = t
            .get(
                "/api/v1/members/YST/reports/2027-03?lang=en",
                f.token("yst.orderer"),
            )
            .await
            .json();
        assert_eq!(en["title"], "Monthly report for YST kommun");
        for path in [
            "/api/v1/members/SIM/reports/2027-03",
            "/api/v1/members/SIM/reports",
            "/api/v1/members/SIM/reports/2027-03/pdf",
            "/api/v1/steering/overview?member=SIM",
        ] {
            let r = t.get(path, f.token("yst.orderer")).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
            assert!(
                !String::from_utf8_lossy(&r.body).contains("SIM kommun"),
                "{path}"
            );
        }
        let o = t
            .get(
                "/api/v1/steering/overview?month=2027-03",
                f.token("yst.strategist"),
            )
            .await
            .json();
        let members: Vec<&str> = o["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["member"].as_str().unwrap())
            .collect();
        assert_eq!(members, vec!["YST"]);
        assert_eq!(
            o["federation"]["values"][0], 1.0,
            "the totals are the reader's members' only"
        );
        let o = t
            .get(
                "/api/v1/steering/overview?month=2027-03",
                f.token("manager"),
            )
            .await
            .json();
        assert_eq!(o["members"].as_array().unwrap().len(), 2);
        assert_eq!(
            t.get("/api/v1/members/YST/reports/2027-3", f.token("yst.orderer"))
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
}

#[tokio::test]
async fn the_pages_serve_the_förbundschef_and_the_seat_holders() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        let forum = board(&t, admin).await;
        let goal = post_ok(
            &t,
            "/api/v1/goals",
            admin,
            json!({"title": "Servicenivåerna hålls"}),
        )
        .await;
        post_ok(&t, &format!("/api/v1/goals/{}/kpis", goal["id"].as_str().unwrap()), admin, json!({"name": "Nya ärenden", "measure": "ticket_volume", "target": 10, "deadline": "2027-12-31", "owner": "Förbundschefen"})).await;
        report(&t, admin, Some("YST"), "Skrivaren").await;
        t.post("/api/v1/figures/compute?month=2027-03", admin, json!({}))
            .await;
        let d = post_ok(
            &t,
            "/api/v1/decisions",
            admin,
            json!({"forum": forum, "title": "Fastställa budgeten"}),
        )
        .await;
        let did = d["id"].as_str().unwrap();

        let chef = Browser::sign_in_with(&t, "manager", PASSWORD).await;
        let landing = chef.get("/").await;
        assert_eq!(
            crate::forms::location(&landing),
            "/steering",
            "the förbundschef lands on steering"
        );
        let page = chef.page("/steering?month=2027-03").await;
        assert!(
            page.contains("Förbundet totalt")
                && page.contains("SIM kommun")
                && page.contains("YST kommun")
        );
        let goals = chef.page("/steering/goals?month=2027-03").await;
        assert!(goals.contains("<svg class=\"chart\"") && goals.contains("role=\"img\""));
        assert!(goals.contains("når målet"), "status in words");

        let member = Browser::sign_in_with(&t, "yst.orderer", PASSWORD).await;
        let ballot = member.page(&format!("/steering/decisions/{did}")).await;
        assert!(
            ballot.contains("name=\"choice\""),
            "the seat holder gets a ballot"
        );
        let seat = crate::forms::hidden(&ballot, "seat");
        let r = member
            .post(
                &format!("/steering/decisions/{did}/vote"),
                &[("seat", &seat), ("choice", "yes"), ("reservation", "")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let after = member
            .page(&format!("/steering/decisions/{did}?done=1"))
            .await;
        assert!(
            !after.contains("name=\"choice\""),
            "voted: no second ballot"
        );
        let strategist = Browser::sign_in_with(&t, "yst.strategist", PASSWORD).await;
        let view = strategist.page(&format!("/steering/decisions/{did}")).await;
        assert!(!view.contains("name=\"choice\"") && view.contains("Ledamot YST"));
        let report_page = strategist
            .page("/steering/reports?member=YST&month=2027-03")
            .await;
        assert!(report_page.contains("Månadsrapport för YST kommun"));
        assert_eq!(
            strategist
                .get("/steering/reports?member=SIM&month=2027-03")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let user = Browser::sign_in_with(&t, "yst.end_user", PASSWORD).await;
        assert_eq!(user.get("/steering").await.status, StatusCode::FORBIDDEN);
        assert!(
            !html(&user.get("/portal").await).contains("href=\"/steering\""),
            "no steering link for end users"
        );
    }
}

#[tokio::test]
async fn the_demo_has_goals_a_weighted_board_and_a_decided_proposal() {
    let t = backends().await.remove(0);
    t.app.load_demo().await.unwrap();
    let admin = t.app.create_token("admin").await.unwrap();
    let d = t.get("/api/v1/goals", &admin).await.json();
    let goals = d["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 4);
    let statuses: Vec<&str> = goals
        .iter()
        .flat_map(|g| g["kpis"].as_array().unwrap())
        .map(|k| k["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"off_track"), "{statuses:?}");
    assert!(statuses.contains(&"on_track"), "{statuses:?}");
    let forums = t.get("/api/v1/forums", &admin).await.json();
    let board = forums
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "board")
        .unwrap();
    let detail = t
        .get(
            &format!("/api/v1/forums/{}", board["id"].as_str().unwrap()),
            &admin,
        )
        .await
        .json();
    let mut weights: Vec<i64> = detail["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["weight"].as_i64().unwrap())
        .collect();
    weights.sort();
    assert_eq!(weights, vec![0, 2200, 3300, 4500]);
    assert_eq!(detail["meetings"].as_array().unwrap().len(), 2);
    let log = t.get("/api/v1/decisions", &admin).await.json();
    let platform = log
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Införa en gemensam e-tjänsteplattform")
        .unwrap();
    assert_eq!(platform["outcome"], "adopted");
    assert_eq!(platform["tally"]["yes"], 7800);
    let standard = log
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Fastställa förbundets gemensamma tekniska standard")
        .unwrap();
    assert_eq!(
        standard["tally"]["yes"], 10000,
        "every member adopted the standard"
    );
    let props = t.get("/api/v1/proposals", &admin).await.json();
    let mut states: Vec<&str> = props
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["state"].as_str().unwrap())
        .collect();
    states.sort();
    assert_eq!(states, vec!["adopted", "prepared", "raised"]);
}

/// The text of a PDF, read back with pdftotext (Debian's poppler-utils).
fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext from poppler-utils (apt-get install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_monthly_report_pdf_is_archived_once_and_never_changes() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let token = t.app.create_token("yst.orderer").await.unwrap();
        let made = t
            .get("/api/v1/members/YST/reports/2027-02/pdf", &token)
            .await;
        assert_eq!(
            made.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&made.body)
        );
        assert_eq!(made.headers["content-type"], "application/pdf");
        let text = pdf_text(&made.body);
        for expected in [
            "Månadsrapport för Ystads kommun",
            "Månad: 2027-02",
            "Servicenivåer",
            "Kostnader per förvaltning",
            "Sida 1 av",
        ] {
            assert!(text.contains(expected), "{expected} in:\n{text}");
        }
        assert!(
            t.get("/api/v1/members/YST/reports", &token)
                .await
                .json()
                .as_array()
                .unwrap()
                .is_empty()
        );

        // The first working day of March 2027 is Monday the 1st: February is due.
        let due = t.app.member_reports_due("sv").await.unwrap();
        assert_eq!(due.len(), 3);
        let scope = t.app.system_scope();
        for (member, month) in &due {
            let r = t
                .app
                .member_report(&scope, &member.code, month)
                .await
                .unwrap();
            let doc = samdrift_web::ui::steering::documents::member_report(
                &samdrift_web::ui::i18n::Tr(samdrift_web::ui::i18n::Lang::Sv),
                &r,
            );
            assert!(
                t.app
                    .archive_member_report(member, month, doc)
                    .await
                    .unwrap()
            );
        }
        let archived = t.get("/api/v1/members/YST/reports", &token).await.json();
        assert_eq!(archived[0]["month"], "2027-02");
        let first = t
            .get("/api/v1/members/YST/reports/2027-02/pdf?lang=sv", &token)
            .await
            .body;
        // A later ticket and a new archive run change nothing that was archived.
        report(
            &t,
            &t.app.create_token("admin").await.unwrap(),
            Some("YST"),
            "Sent inrapporterat",
        )
        .await;
        let r = t.app.member_report(&scope, "YST", "2027-02").await.unwrap();
        let doc = samdrift_web::ui::steering::documents::member_report(
            &samdrift_web::ui::i18n::Tr(samdrift_web::ui::i18n::Lang::Sv),
            &r,
        );
        assert!(
            !t.app
                .archive_member_report(&r.member, "2027-02", doc)
                .await
                .unwrap()
        );
        assert_eq!(
            t.get("/api/v1/members/YST/reports/2027-02/pdf?lang=sv", &token)
                .await
                .body,
            first
        );
        assert!(t.app.member_reports_due("sv").await.unwrap().is_empty());

        let chef = t.app.create_token("chef").await.unwrap();
        let pack = t.get("/api/v1/board-pack/pdf?month=2027-02", &chef).await;
        assert_eq!(pack.status, StatusCode::OK);
        let text = pdf_text(&pack.body);
        for expected in [
            "Underlag till direktionen",
            "Medlemmarna sida vid sida",
            "Mål: Servicenivåerna hålls",
            "Förslag som väntar på beslut",
            "F-2027-002",
            "Servicedesken öppen till",
        ] {
            assert!(text.contains(expected), "{expected} in:\n{text}");
        }
    }
}
