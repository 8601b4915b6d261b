//! The catalog pages as a browser uses them, on the demo federation: an
//! end user orders software from the portal (a missing field first), their
//! manager and the orderer approve it under "Att godkänna" (the manager
//! without opening the ticket), the technician logs time and marks both
//! tasks done from the ticket page, and the requester reads "Levererad".
//! Forged forms and roles without access are refused.

use crate::forms::{Browser, html, tag};
use crate::harness::backends;
use axum::http::StatusCode;

/// The value of the first `name="…" value="…"` on the page.
fn hidden<'p>(page: &'p str, name: &str) -> &'p str {
    let (_, rest) = page
        .split_once(&format!("name=\"{name}\" value=\""))
        .expect(name);
    rest.split('"').next().unwrap()
}

#[tokio::test]
async fn a_request_goes_from_the_portal_through_approvals_and_tasks_to_delivered() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();

        // The end user reads the catalog: price, approvers, the form's link.
        let user = Browser::sign_in(&t, "yst.user").await;
        let catalog = user.page("/portal/catalog").await;
        assert!(catalog.contains("Programvara från godkända listan"));
        assert!(catalog.contains("Kostnad: 1\u{a0}500 kr, debiteras din förvaltning"));
        assert!(catalog.contains("Godkänns av: närmaste chef, kommunens beställare"));
        assert!(catalog.contains("href=\"/portal/catalog/SW-INSTALL\""));
        assert!(catalog.contains("aria-current=\"page\""));

        let form = user.page("/portal/catalog/SW-INSTALL").await;
        assert!(
            form.contains("<option value=\"\">"),
            "a select starts unchosen"
        );
        assert!(form.contains("Datorns namn (obligatoriskt)"));
        assert!(tag(&form, "a-computer").contains("aria-describedby=\"h-a-computer\""));
        assert!(tag(&form, "a-motivation").starts_with("<textarea"));

        // A missing field: 422, named in the summary and at the field, the
        // rest kept.
        let path = "/portal/catalog/SW-INSTALL";
        let r = user
            .post(
                path,
                &[
                    ("member", "YST"),
                    ("answers.software", "GIMP"),
                    ("answers.computer", ""),
                    ("answers.motivation", "Till bildundervisningen"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let refused = html(&r);
        assert!(refused.contains("role=\"alert\""));
        assert!(refused.contains("href=\"#a-computer\">Datorns namn: Fyll i det här fältet."));
        let computer = tag(&refused, "a-computer");
        assert!(computer.contains("aria-invalid=\"true\""));
        assert!(computer.contains("aria-describedby=\"h-a-computer e-a-computer\""));
        assert!(refused.contains(">Till bildundervisningen</textarea>"));
        assert!(refused.contains("<option value=\"GIMP\" selected>"));

        // A forged form writes nothing.
        let mut forged = Browser::sign_in(&t, "yst.user").await;
        forged.csrf = "forged".into();
        let r = forged
            .post(
                path,
                &[("answers.software", "GIMP"), ("answers.computer", "YST-1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        let to = user
            .submit(
                path,
                &[
                    ("member", "YST"),
                    ("answers.software", "GIMP"),
                    ("answers.computer", "YST-12345"),
                    ("answers.motivation", "Till bildundervisningen"),
                ],
            )
            .await;
        assert!(
            to.starts_with("/tickets/") && to.ends_with("?requested=1"),
            "{to}"
        );
        let ticket = to
            .trim_start_matches("/tickets/")
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        let mine = user.page(&to).await;
        assert!(mine.contains("role=\"status\">Beställningen är skickad."));
        assert!(mine.contains(">Väntar på godkännande</dd>"));
        assert!(mine.contains("<dt>Datorns namn</dt><dd>YST-12345</dd>"));
        assert!(!mine.contains("Tidrapport"), "an end user sees no time log");
        assert!(!mine.contains("Markera som klar"));
        let number = mine.split("<span class=\"number\">").nth(1).unwrap();
        let number = number.split('<').next().unwrap().to_owned();

        // The manager, an end user, decides without opening the ticket.
        let chef = Browser::sign_in(&t, "yst.chef").await;
        let told = chef.page("/notifications").await;
        assert!(
            told.contains(&format!("{number} ")) && told.contains("väntar på ditt godkännande"),
            "the manager hears that the request waits: {told}"
        );
        assert!(told.contains("href=\"/portal/approvals\""));
        let list = chef.page("/portal/approvals").await;
        let link = format!("href=\"/portal/approvals/{ticket}\">{number}</a>");
        assert!(list.contains(&link), "{list}");
        assert!(list.contains("närmaste chef"));
        let r = chef.get(&format!("/tickets/{ticket}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let decide = format!("/portal/approvals/{ticket}");
        let page = chef.page(&decide).await;
        assert!(page.contains("Den som beställde läser motiveringen."));
        assert!(page.contains("<dt>Programvara</dt><dd>GIMP</dd>"));
        let position = hidden(&page, "position").to_owned();
        assert_eq!(position, "0");
        let mut forged = Browser::sign_in(&t, "yst.chef").await;
        forged.csrf = "forged".into();
        let r = forged
            .post(&decide, &[("position", "0"), ("decision", "approve")])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(chef.page("/portal/approvals").await.contains(&link));
        let to = chef
            .submit(
                &decide,
                &[
                    ("position", &position),
                    ("decision", "approve"),
                    ("reason", ""),
                ],
            )
            .await;
        assert_eq!(to, "/portal/approvals?decided=approved");
        let list = chef.page(&to).await;
        assert!(list.contains("role=\"status\">Du har godkänt beställningen."));
        assert!(!list.contains(&link), "decided, it leaves the list");
        // Deciding again is a conflict, shown on the page.
        let r = chef
            .post(&decide, &[("position", "0"), ("decision", "approve")])
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);

        // The orderer: a rejection needs a reason; then approves.
        let orderer = Browser::sign_in(&t, "yst.orderer").await;
        assert!(
            orderer
                .page("/notifications")
                .await
                .contains("väntar på ditt godkännande"),
            "the orderer hears once the manager has approved"
        );
        assert!(orderer.page("/portal/approvals").await.contains(&link));
        let page = orderer.page(&decide).await;
        assert!(page.contains("✓ Godkänd"), "the manager's approval shows");
        let position = hidden(&page, "position").to_owned();
        assert_eq!(position, "1");
        let r = orderer
            .post(
                &decide,
                &[
                    ("position", &position),
                    ("decision", "reject"),
                    ("reason", " "),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let refused = html(&r);
        assert!(refused.contains("href=\"#reason\""));
        assert!(tag(&refused, "reason").contains("aria-invalid=\"true\""));
        orderer
            .submit(&decide, &[("position", &position), ("decision", "approve")])
            .await;

        // The technician finds the tasks, logs time and does them.
        let tech = Browser::sign_in(&t, "tekniker").await;
        let all = tech.page("/agent/tasks?all=1").await;
        assert!(all.contains(&format!(
            "href=\"/tickets/{ticket}#request-title\">{number}</a>"
        )));
        assert!(all.contains("Registrera licensen"));
        let mine = tech.page("/agent/tasks").await;
        assert!(
            !mine.contains("Registrera licensen"),
            "the first task is the service desk's"
        );
        let ticket_path = format!("/tickets/{ticket}");
        let page = tech.page(&ticket_path).await;
        assert!(page.contains(">Under leverans</dd>"));
        assert!(page.contains("Tidrapport") && page.contains("Ingen tid är rapporterad."));

        let work = format!("/tickets/{ticket}/work");
        let r = tech
            .post(
                &work,
                &[("worked_on", ""), ("minutes", "många"), ("note", "Licens")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let refused = html(&r);
        assert!(tag(&refused, "work-minutes").contains("aria-invalid=\"true\""));
        assert!(refused.contains("Skriv antal minuter"));
        assert!(refused.contains(">Licens</textarea>"));
        let to = tech
            .submit(
                &work,
                &[
                    ("worked_on", "2027-03-01"),
                    ("minutes", "45"),
                    ("chargeable", "1"),
                    ("note", "Licens"),
                ],
            )
            .await;
        let page = tech.page(&to).await;
        assert!(page.contains("role=\"status\">Tiden är rapporterad."));
        assert!(page.contains("<td>2027-03-01</td>") && page.contains("<td>45</td>"));

        for expected in ["Registrera licensen", "Installera programvaran"] {
            let page = tech.page(&ticket_path).await;
            let (_, rest) = page
                .split_once(&format!("action=\"/tickets/{ticket}/tasks/"))
                .expect("an open task's form");
            let task = rest.split('"').next().unwrap().to_owned();
            let legend = rest.split("<legend>").nth(1).unwrap();
            assert!(legend.starts_with(expected), "{legend}");
            let done = format!("/tickets/{ticket}/tasks/{task}");
            let to = tech.submit(&done, &[("note", "Klart")]).await;
            assert!(
                tech.page(&to)
                    .await
                    .contains("Uppgiften är markerad som klar.")
            );
            // The same form sent again finds the task no longer open.
            let r = tech.post(&done, &[("note", "")]).await;
            assert_eq!(r.status, StatusCode::CONFLICT);
        }
        let page = tech.page(&ticket_path).await;
        assert!(page.contains(">Levererad</dd>"));
        assert!(!page.contains("Markera som klar"));

        // The requester reads it delivered; the orderer reads the time.
        assert!(user.page(&ticket_path).await.contains(">Levererad</dd>"));
        let seen = orderer.page(&ticket_path).await;
        assert!(seen.contains("Tidrapport") && seen.contains("<td>45</td>"));
        assert!(!seen.contains(&format!("action=\"{work}\"")), "read-only");

        // Staff pages stay staff pages.
        assert_eq!(user.get("/agent/tasks").await.status, StatusCode::FORBIDDEN);
        let r = user.post(&work, &[("minutes", "10")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_rejection_reaches_the_requester_with_its_reason() {
    for t in backends().await {
        t.app.load_demo().await.unwrap();
        let user = Browser::sign_in(&t, "yst.user").await;
        let to = user
            .submit(
                "/portal/catalog/SCREEN",
                &[("answers.place", "Stadshuset, plan 2, rum 214")],
            )
            .await;
        let ticket = to
            .trim_start_matches("/tickets/")
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        let page = user.page(&to).await;
        assert!(page.contains("<dt>Höj- och sänkbar arm</dt><dd>Nej</dd>"));

        let chef = Browser::sign_in(&t, "yst.chef").await;
        let decide = format!("/portal/approvals/{ticket}");
        let to = chef
            .submit(
                &decide,
                &[
                    ("position", "0"),
                    ("decision", "reject"),
                    ("reason", "Ingen budget i år"),
                ],
            )
            .await;
        assert_eq!(to, "/portal/approvals?decided=rejected");
        let page = user.page(&format!("/tickets/{ticket}")).await;
        assert!(page.contains(">Avslagen: Ingen budget i år</dd>"));
        assert!(page.contains("✗ Avslagen"));

        // Someone else's request is not found, not shown.
        let other = Browser::sign_in(&t, "sim.chef").await;
        assert_eq!(other.get(&decide).await.status, StatusCode::NOT_FOUND);
        let r = other
            .post(&decide, &[("position", "0"), ("decision", "approve")])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // An item the member does not offer, or that does not exist.
        let r = user.get("/portal/catalog/NO-SUCH").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}
