//! The mail pages as a browser uses them: a user chooses their
//! notification channels on their account page (and nobody else's
//! change); administrators read the outbox, incoming mail and failing
//! addresses, and clear an address; members' texts are previewed, refused
//! with their line and what was typed kept, saved and reset; the desk
//! confirms or rejects an unverified sender on the ticket page and
//! through the API; and a staff account's own address is set through the
//! API, shown on its page and used for its mail. End users and members'
//! roles reach none of it.

use crate::forms::{Browser, html, tag};
use crate::harness::{PASSWORD, TestApp, backends, federation, report};
use crate::mail_rules::{mail, receive, with_mail};
use axum::http::StatusCode;
use samdrift_app::mail::inbound::Received;
use serde_json::json;

async fn sign_in<'a>(t: &'a TestApp, username: &str) -> Browser<'a> {
    Browser::sign_in_with(t, username, PASSWORD).await
}

/// The (kind, channel) of every checked radio button on the channels page.
fn checked(page: &str) -> Vec<(String, String)> {
    page.split("<input type=\"radio\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap()])
        .filter(|attrs| attrs.contains(" checked"))
        .map(|attrs| {
            let value = |name: &str| {
                let (_, v) = attrs.split_once(&format!("{name}=\"")).unwrap();
                v[..v.find('"').unwrap()].to_owned()
            };
            (value("name"), value("value"))
        })
        .collect()
}

/// The channel the API gives `token`'s user for `kind`, and whether it is
/// their own choice.
async fn channel(t: &TestApp, token: &str, kind: &str) -> (String, bool) {
    let list = t.get("/api/v1/notification-channels", token).await.json();
    let c = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap()
        .clone();
    (
        c["channel"].as_str().unwrap().to_owned(),
        c["chosen"].as_bool().unwrap(),
    )
}

/// The part of `page` from `start` to the next `end`.
fn between<'p>(page: &'p str, start: &str, end: &str) -> &'p str {
    let at = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the page"));
    let rest = &page[at..];
    &rest[..rest.find(end).map_or(rest.len(), |e| e + end.len())]
}

#[tokio::test]
async fn a_user_chooses_their_channels_on_their_account_page() {
    for t in backends().await {
        let f = federation(&t).await;
        let b = sign_in(&t, "yst.end_user").await;
        let page = b.page("/account/notifications").await;
        assert!(page.contains("href=\"/account/notifications\" aria-current=\"page\""));
        let comments = between(&page, "<fieldset id=\"f-ticket_comment\"", "</fieldset>");
        assert!(comments.contains("<legend>Svar och kommentarer på ärenden</legend>"));
        assert!(
            comments.contains("Även med e-post direkt (förval för din roll)</label>"),
            "{comments}"
        );
        let before = checked(&page);
        assert_eq!(
            before.len(),
            samdrift_domain::notify::Kind::ALL.len(),
            "one choice per kind: {before:?}"
        );
        assert!(before.contains(&("ticket_comment".into(), "immediate".into())));

        // The form as the browser sends it, two choices changed.
        let mut sent: Vec<(String, String)> = before
            .iter()
            .filter(|(k, _)| k != "ticket_comment" && k != "status_message")
            .cloned()
            .collect();
        sent.push(("ticket_comment".into(), "digest".into()));
        sent.push(("status_message".into(), "product".into()));
        let fields: Vec<(&str, &str)> =
            sent.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let to = b.submit("/account/notifications", &fields).await;
        let page = b.page(&to).await;
        assert!(
            page.contains("<p class=\"notice\" role=\"status\">Sparat.</p>"),
            "{page}"
        );
        let now = checked(&page);
        assert!(
            now.contains(&("ticket_comment".into(), "digest".into())),
            "{now:?}"
        );
        assert!(now.contains(&("status_message".into(), "product".into())));
        assert!(now.contains(&("ticket_status".into(), "immediate".into())));

        let user = f.token("yst.end_user");
        assert_eq!(
            channel(&t, user, "ticket_comment").await,
            ("digest".into(), true),
            "{}",
            t.backend
        );
        assert_eq!(
            channel(&t, user, "status_message").await,
            ("product".into(), true)
        );
        assert_eq!(
            channel(&t, user, "ticket_status").await,
            ("immediate".into(), false)
        );
        let other = f.token("yst.orderer");
        assert_eq!(
            channel(&t, other, "ticket_comment").await,
            ("immediate".into(), false),
            "{}: another user's channels are untouched",
            t.backend
        );

        // A value the form does not offer: said next to its kind, nothing kept.
        let r = b
            .post(
                "/account/notifications",
                &[("ticket_comment", "pigeon"), ("ticket_status", "product")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let page = html(&r);
        assert!(page.contains("<a href=\"#f-ticket_comment\">Svar och kommentarer på ärenden: pigeon är inget sätt"), "{page}");
        let comments = between(&page, "<fieldset id=\"f-ticket_comment\"", "</fieldset>");
        assert!(comments.contains("aria-describedby=\"h-ticket_comment e-ticket_comment\""));
        assert!(
            comments
                .contains("<p class=\"field-error\" id=\"e-ticket_comment\">pigeon är inget sätt")
        );
        assert!(
            checked(&page).contains(&("ticket_status".into(), "product".into())),
            "what was chosen is kept"
        );
        assert_eq!(
            channel(&t, user, "ticket_comment").await,
            ("digest".into(), true)
        );
        assert_eq!(
            channel(&t, user, "ticket_status").await,
            ("immediate".into(), false)
        );

        // A form without the session's token changes nothing.
        let mut forged = sign_in(&t, "yst.end_user").await;
        forged.csrf = "forged".into();
        let r = forged
            .post("/account/notifications", &[("ticket_comment", "product")])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(
            channel(&t, user, "ticket_comment").await,
            ("digest".into(), true)
        );
    }
}

#[tokio::test]
async fn the_mail_pages_are_for_managers_and_admins() {
    for t in backends().await {
        federation(&t).await;
        for who in ["yst.end_user", "yst.strategist", "agent"] {
            let b = sign_in(&t, who).await;
            for path in [
                "/admin/mail",
                "/admin/mail/texts?member=YST",
                "/admin/mail?state=failed",
            ] {
                let r = b.get(path).await;
                assert_eq!(
                    r.status,
                    StatusCode::FORBIDDEN,
                    "[{}] {who} {path}",
                    t.backend
                );
                assert!(html(&r).contains("Du har inte behörighet till sidan."));
            }
            let r = b
                .post(
                    "/admin/mail/texts",
                    &[
                        ("member", "YST"),
                        ("event", "ticket_comment"),
                        ("language", "sv"),
                        ("subject", "x"),
                        ("body", "y"),
                        ("action", "save"),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
            let r = b
                .post(
                    "/admin/mail/failing-addresses/clear",
                    &[("address", "x@example.org")],
                )
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
        }
        let manager = sign_in(&t, "manager").await;
        let page = manager.page("/admin/mail").await;
        assert!(page.contains("<a href=\"/admin/mail\" aria-current=\"page\">E-post</a>"));
        assert!(page.contains("<a href=\"/admin/mail/texts\">E-posttexter</a>"));
        let page = manager.page("/admin/mail/texts?member=YST").await;
        assert!(page.contains("<h1>E-posttexter: YST kommun</h1>"), "{page}");
    }
}

#[tokio::test]
async fn administrators_read_the_outbox_and_incoming_mail_and_clear_a_failing_address() {
    for t in backends().await {
        let f = federation(&t).await;
        let t = with_mail(t);
        let ticket = report(&t, f.token("yst.end_user"), None, "Skrivaren skriver inte").await;
        let id = ticket["id"].as_str().unwrap();
        let number = ticket["number"].as_str().unwrap();
        let r = t
            .post(
                &format!("/api/v1/tickets/{id}/comments"),
                f.token("agent"),
                json!({"body": "Vi tittar på det.", "public": true}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let stranger = mail(
            "Okänd Person <okand@example.org>",
            "servicedesk@yst.example",
            "Hjälp med skrivaren",
            "",
        );
        let Received::Ticket(from_stranger) = receive(&t, "YST", 1, &stranger).await else {
            panic!("no ticket")
        };
        assert!(matches!(
            receive(&t, "YST", 2, "\u{0}\u{1}junk").await,
            Received::SetAside(_)
        ));
        let bounce = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../samdrift-integrations/tests/mail/postfix_bounce.eml"
        ))
        .unwrap();
        assert!(matches!(
            receive(&t, "YST", 3, &bounce).await,
            Received::Bounce(_)
        ));

        let b = sign_in(&t, "admin").await;
        let page = b.page("/admin/mail").await;
        let counts = between(
            &page,
            "<caption>Antal i utkorgen per läge</caption>",
            "</table>",
        );
        assert!(counts.contains("<th scope=\"col\">I kö</th>"), "{counts}");
        // The reply to the requester, and the stranger's acknowledgement.
        assert!(
            counts.contains("<tr><td class=\"num\">2</td><td class=\"num\">0</td>"),
            "{}: {counts}",
            t.backend
        );
        let outbox = between(
            &page,
            "<caption>De senaste e-breven i utkorgen</caption>",
            "</table>",
        );
        let reply = between(outbox, "<td>end_user@yst.example</td>", "</tr>");
        assert!(reply.contains(number), "{reply}");
        assert!(
            reply.contains("<td>I kö</td>") && reply.contains("<td class=\"num\">0</td>"),
            "{reply}"
        );
        assert!(
            outbox.contains("<td class=\"date\">2027-03-01 09:00</td>"),
            "Swedish time: {outbox}"
        );

        let inbound = between(
            &page,
            "<caption>De senaste e-breven till medlemmarnas servicedeskar</caption>",
            "</table>",
        );
        let aside = between(inbound, "<tr class=\"set-aside\">", "</tr>");
        assert!(
            aside.contains(
                "<strong>⚠ Lagt åt sidan: kunde inte tas emot och behöver ses över</strong>"
            ),
            "{aside}"
        );
        let new = between(inbound, "<td>okand@example.org</td>", "</tr>");
        assert!(new.contains("Blev ett nytt ärende"), "{new}");
        assert!(
            outbox.contains("<td>okand@example.org</td>"),
            "the stranger is told the number"
        );
        let api = t.get("/api/v1/mail/inbound", f.token("admin")).await.json();
        let taken = api
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["sender"] == "okand@example.org")
            .unwrap();
        let sid = taken["ticket_id"].as_str().unwrap();
        assert!(
            new.contains(&format!("<a href=\"/tickets/{sid}\">Öppna ärendet")),
            "{new}"
        );
        let opened = b.page(&format!("/tickets/{sid}")).await;
        assert!(
            opened.contains(&from_stranger),
            "the link leads to {from_stranger}"
        );
        assert!(inbound.contains("Leveransrapport"));

        // The state filter: only sent mail (none), the link marked.
        let page = b.page("/admin/mail?state=sent").await;
        assert!(
            page.contains("<a href=\"/admin/mail?state=sent\" aria-current=\"page\">Skickat</a>")
        );
        assert!(page.contains("Det finns inga e-brev att visa."));

        // A failing address is listed and cleared with its button.
        let page = b.page("/admin/mail").await;
        let failing = between(
            &page,
            "<caption>Adresser som inte tar emot e-post</caption>",
            "</table>",
        );
        let row = between(
            failing,
            "<th scope=\"row\">nobody@ystad.example</th>",
            "</tr>",
        );
        assert!(row.contains("Skicka till adressen igen"), "{row}");
        let to = b
            .submit(
                "/admin/mail/failing-addresses/clear",
                &[("address", "nobody@ystad.example")],
            )
            .await;
        let page = b.page(&to).await;
        assert!(page.contains("role=\"status\">Adressen får e-post igen.</p>"));
        let failing = between(&page, "<h2 id=\"failing\">", "</section>");
        assert!(
            failing.contains("Alla adresser tar emot e-post."),
            "{}: {failing}",
            t.backend
        );
        let api = t
            .get("/api/v1/mail/failing-addresses", f.token("admin"))
            .await
            .json();
        assert_eq!(api, json!([]));
    }
}

#[tokio::test]
async fn a_member_text_is_previewed_refused_with_its_line_saved_and_reset() {
    for t in backends().await {
        federation(&t).await;
        let b = sign_in(&t, "admin").await;
        let page = b.page("/admin/mail/texts").await;
        assert!(page.contains("Välj en medlem för att se och ändra dess texter."));
        let page = b.page("/admin/mail/texts?member=YST").await;
        let section = between(&page, "<section id=\"t-ticket_comment-sv\"", "</section>");
        assert!(section.contains("<p>samdrifts text</p>"), "{section}");
        assert!(!section.contains("Återgå till samdrifts text"));
        let fields = |subject: &'static str, body: &'static str, action: &'static str| {
            [
                ("member", "YST"),
                ("event", "ticket_comment"),
                ("language", "sv"),
                ("subject", subject),
                ("body", body),
                ("action", action),
            ]
        };

        // A mistake on line 3: said next to the body, what was typed kept.
        let bad = "Hej {{ recipient }},\n\n{{ personnummer }}\n";
        let r = b
            .post(
                "/admin/mail/texts",
                &fields("[{{ ticket }}] Svar", bad, "save"),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let page = html(&r);
        assert!(
            page.contains("<details id=\"e-ticket_comment\" open>"),
            "the form is open"
        );
        assert!(page.contains("<a href=\"#f-ticket_comment-sv-body\">Svar eller kommentar på ett ärende (Svenska): Text: Rad 3:"), "{page}");
        let body = tag(&page, "f-ticket_comment-sv-body");
        assert!(
            body.contains("aria-invalid=\"true\"")
                && body.contains("aria-describedby=\"e-ticket_comment-sv-body\""),
            "{body}"
        );
        assert!(
            page.contains("<span class=\"field-error\" id=\"e-ticket_comment-sv-body\">Rad 3:")
        );
        assert!(
            page.contains("{{ personnummer }}\n</textarea>"),
            "the typed text is kept"
        );
        assert!(
            tag(&page, "f-ticket_comment-sv-subject").contains("value=\"[{{ ticket }}] Svar\"")
        );
        let page = b.page("/admin/mail/texts?member=YST").await;
        assert!(
            between(&page, "<section id=\"t-ticket_comment-sv\"", "</section>")
                .contains("<p>samdrifts text</p>"),
            "nothing was saved"
        );

        // A preview renders the sample and saves nothing.
        let good_subject = "[{{ ticket }}] Svar från {{ member }}";
        let good_body = "Hej {{ recipient }}!\n{{ text }}";
        let r = b
            .post(
                "/admin/mail/texts",
                &fields(good_subject, good_body, "preview"),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let page = html(&r);
        let section = between(&page, "<section id=\"t-ticket_comment-sv\"", "</section>");
        assert!(
            section.contains("Förhandsgranskning med exempeluppgifter (inte sparad)"),
            "{section}"
        );
        assert!(
            section.contains(
                "</strong> <span lang=\"sv\">[YST-2026-000123] Svar från Ystad kommun</span></p>"
            ),
            "{section}"
        );
        assert!(
            section.contains("<p>samdrifts text</p>"),
            "a preview is not saved"
        );
        assert!(
            tag(&page, "f-ticket_comment-sv-subject")
                .contains("value=\"[{{ ticket }}] Svar från {{ member }}\"")
        );

        // Saved, it is the member's own, and can be reset.
        let to = b
            .submit(
                "/admin/mail/texts",
                &fields(good_subject, good_body, "save"),
            )
            .await;
        assert!(to.ends_with("#t-ticket_comment-sv"), "{to}");
        let page = b.page(&to).await;
        assert!(page.contains("role=\"status\">Texten är sparad.</p>"));
        let section = between(&page, "<section id=\"t-ticket_comment-sv\"", "</section>");
        assert!(
            section.contains("<p>Medlemmens egen text, ändrad senast av admin</p>"),
            "{section}"
        );
        assert!(
            tag(&page, "f-ticket_comment-sv-subject")
                .contains("value=\"[{{ ticket }}] Svar från {{ member }}\"")
        );
        let other = between(&page, "<section id=\"t-ticket_comment-en\"", "</section>");
        assert!(
            other.contains("<p>samdrift&#39;s text</p>") || other.contains("<p>samdrifts text</p>"),
            "{other}"
        );
        let to = b
            .submit(
                "/admin/mail/texts/reset",
                &[
                    ("member", "YST"),
                    ("event", "ticket_comment"),
                    ("language", "sv"),
                ],
            )
            .await;
        let page = b.page(&to).await;
        assert!(page.contains("role=\"status\">samdrifts text gäller igen.</p>"));
        assert!(
            between(&page, "<section id=\"t-ticket_comment-sv\"", "</section>")
                .contains("<p>samdrifts text</p>")
        );

        // A member the page does not know is said next to the picker.
        let r = b.get("/admin/mail/texts?member=XXX").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html(&r).contains("<span class=\"field-error\" id=\"e-member\">"));
    }
}

const MISSING: &str = "01890000-0000-7000-8000-000000000000";

/// Tickets of YST from unknown senders (one per address), by id.
async fn strangers(t: &TestApp, admin: &str, names: &[&str]) -> Vec<String> {
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let from = format!("{name} <{}@example.org>", name.to_lowercase());
        let raw = mail(&from, "servicedesk@yst.example", "Skrivaren", "");
        let uid = u32::try_from(i).unwrap() + 1;
        assert!(matches!(
            receive(t, "YST", uid, &raw).await,
            Received::Ticket(_)
        ));
        let inbound = t.get("/api/v1/mail/inbound", admin).await.json();
        let sender = format!("{}@example.org", name.to_lowercase());
        let m = inbound
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["sender"] == sender.as_str())
            .unwrap();
        ids.push(m["ticket_id"].as_str().unwrap().to_owned());
    }
    ids
}

#[tokio::test]
async fn the_desk_confirms_or_rejects_an_unverified_sender_on_the_ticket_page() {
    for t in backends().await {
        let f = federation(&t).await;
        let t = with_mail(t);
        let (admin, agent) = (f.token("admin"), f.token("agent"));
        let ids = strangers(&t, admin, &["Okand", "Spammare"]).await;
        let (confirmed, rejected) = (&ids[0], &ids[1]);

        let b = sign_in(&t, "agent").await;
        let page = b.page(&format!("/tickets/{confirmed}")).await;
        assert!(page.contains("<h2 id=\"contact-title\">Från obekräftad avsändare: Okand &lt;okand@example.org&gt;</h2>"), "{}: {page}", t.backend);
        assert!(page.contains("<option value=\"consultant\">Konsult</option>"));
        assert!(page.contains("Avvisa avsändaren</button>"));
        // A kind the form does not offer is refused and nothing is decided.
        let r = b
            .post(
                &format!("/tickets/{confirmed}/mail-contact/confirm"),
                &[("kind", "alien")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let to = b
            .submit(
                &format!("/tickets/{confirmed}/mail-contact/confirm"),
                &[("kind", "consultant")],
            )
            .await;
        let page = b.page(&to).await;
        assert!(
            page.contains(
                "role=\"status\">Avsändaren är bekräftad och är nu ärendets anmälare.</p>"
            )
        );
        assert!(
            page.contains(
                "<h2 id=\"contact-title\">Avsändare: Okand &lt;okand@example.org&gt;</h2>"
            )
        );
        assert!(
            page.contains("<p>Avsändaren bekräftades av agent, 2027-03-01 09:00.</p>"),
            "{page}"
        );
        assert!(
            !page.contains("/mail-contact/confirm"),
            "no form once decided"
        );
        let ticket = t
            .get(&format!("/api/v1/tickets/{confirmed}"), agent)
            .await
            .json();
        let person = t
            .get(
                &format!(
                    "/api/v1/people/{}",
                    ticket["requester_id"].as_str().unwrap()
                ),
                admin,
            )
            .await
            .json();
        assert_eq!(
            person["email"], "okand@example.org",
            "{}: {person}",
            t.backend
        );
        assert_eq!(person["kind"], "consultant");
        // Decided once: a second decision is a conflict.
        let r = b
            .post(&format!("/tickets/{confirmed}/mail-contact/reject"), &[])
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);

        let to = b
            .submit(&format!("/tickets/{rejected}/mail-contact/reject"), &[])
            .await;
        let page = b.page(&to).await;
        assert!(
            page.contains("role=\"status\">Avsändaren är avvisad och ärendet är avbrutet.</p>")
        );
        assert!(page.contains("<p>Avsändaren avvisades av agent, 2027-03-01 09:00.</p>"));
        let ticket = t
            .get(&format!("/api/v1/tickets/{rejected}"), agent)
            .await
            .json();
        assert_eq!(ticket["status"], "cancelled", "{}", t.backend);
        let contact = t
            .get(&format!("/api/v1/tickets/{rejected}/mail-contact"), agent)
            .await
            .json();
        assert_eq!(contact["state"], "rejected");
        assert_eq!(contact["decided_by"], "agent");

        // A ticket that came from a known person shows no sender to decide.
        let own = report(&t, f.token("yst.end_user"), None, "Skärmen").await;
        let page = b
            .page(&format!("/tickets/{}", own["id"].as_str().unwrap()))
            .await;
        assert!(!page.contains("contact-title"));
    }
}

#[tokio::test]
async fn the_api_confirms_and_rejects_senders_for_the_desk_only() {
    for t in backends().await {
        let f = federation(&t).await;
        let t = with_mail(t);
        let (admin, agent) = (f.token("admin"), f.token("agent"));
        let ids = strangers(&t, admin, &["Anna", "Bertil", "Cecilia"]).await;
        let shown = t
            .get(&format!("/api/v1/tickets/{}/mail-contact", ids[0]), agent)
            .await;
        assert_eq!(shown.status, StatusCode::OK);
        assert_eq!(shown.json()["state"], "unverified");
        assert_eq!(shown.json()["address"], "anna@example.org");

        // Another member's strategist, and the member's own: what they
        // get is what a ticket that does not exist gives, and nothing
        // changes.
        for who in ["sim.strategist", "yst.strategist", "yst.end_user"] {
            let token = f.token(who);
            let missing = t
                .get(&format!("/api/v1/tickets/{MISSING}/mail-contact"), token)
                .await;
            let real = t
                .get(&format!("/api/v1/tickets/{}/mail-contact", ids[0]), token)
                .await;
            assert_eq!(real.status, StatusCode::NOT_FOUND, "[{}] {who}", t.backend);
            assert_eq!(
                (real.status, real.body.clone()),
                (missing.status, missing.body.clone()),
                "{who}"
            );
            for action in ["confirm", "reject"] {
                let body = json!({"kind": "employee"});
                let body = if action == "confirm" { body } else { json!({}) };
                let missing = t
                    .post(
                        &format!("/api/v1/tickets/{MISSING}/mail-contact/{action}"),
                        token,
                        body.clone(),
                    )
                    .await;
                let real = t
                    .post(
                        &format!("/api/v1/tickets/{}/mail-contact/{action}", ids[0]),
                        token,
                        body,
                    )
                    .await;
                assert_eq!(
                    real.status,
                    StatusCode::FORBIDDEN,
                    "[{}] {who} {action}",
                    t.backend
                );
                assert_eq!(
                    (real.status, real.body.clone()),
                    (missing.status, missing.body),
                    "{who} {action}"
                );
            }
        }
        let sim = sign_in(&t, "sim.strategist").await;
        let page = sim.get(&format!("/tickets/{}", ids[0])).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        let r = sim
            .post(
                &format!("/tickets/{}/mail-contact/confirm", ids[0]),
                &[("kind", "employee")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let still = t
            .get(&format!("/api/v1/tickets/{}/mail-contact", ids[0]), agent)
            .await
            .json();
        assert_eq!(still["state"], "unverified", "{}", t.backend);

        let r = t
            .post(
                &format!("/api/v1/tickets/{}/mail-contact/confirm", ids[0]),
                agent,
                json!({"kind": "employee"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.json()["state"], "confirmed");
        assert_eq!(r.json()["decided_by"], "agent");
        let r = t
            .post(
                &format!("/api/v1/tickets/{}/mail-contact/confirm", ids[1]),
                agent,
                json!({"kind": "alien"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.is_problem());
        let r = t
            .post(
                &format!("/api/v1/tickets/{}/mail-contact/reject", ids[2]),
                agent,
                json!({}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.json()["state"], "rejected");
        let r = t
            .post(
                &format!("/api/v1/tickets/{}/mail-contact/reject", ids[2]),
                agent,
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        // A ticket that did not come from an unknown sender has none.
        let own = report(&t, f.token("yst.end_user"), None, "Skärmen").await;
        let r = t
            .get(
                &format!(
                    "/api/v1/tickets/{}/mail-contact",
                    own["id"].as_str().unwrap()
                ),
                agent,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_staff_accounts_own_address_is_set_through_the_api_shown_on_its_page_and_mailed_to() {
    for t in backends().await {
        let f = federation(&t).await;
        let t = with_mail(t);
        let admin = f.token("admin");
        let accounts = t.get("/api/v1/accounts", admin).await.json();
        let agent_id = accounts
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["username"] == "agent")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("/api/v1/accounts/{agent_id}");
        let before = t.get(&path, admin).await.json();
        assert_eq!(before["email"], serde_json::Value::Null, "{}", t.backend);
        let version = before["version"].as_i64().unwrap();
        let r = t
            .patch(
                &path,
                admin,
                version,
                json!({"email": "Agent.Andersson@GSIT.example"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.json()["email"], "agent.andersson@gsit.example");
        let r = t
            .patch(
                &path,
                admin,
                version + 1,
                json!({"email": "inte en adress"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(String::from_utf8_lossy(&r.body).contains("\"email\""));

        let b = sign_in(&t, "admin").await;
        let page = b.page(&format!("/admin/accounts/{agent_id}")).await;
        let field = tag(&page, "f-email");
        assert!(
            field.contains("value=\"agent.andersson@gsit.example\""),
            "{}: {field}",
            t.backend
        );
        assert!(page.contains("<label for=\"f-email\">Egen e-postadress</label>"));

        // Mail for the agent goes to that address.
        let ticket = report(&t, f.token("yst.end_user"), None, "Skrivaren").await;
        let r = t
            .patch(
                &format!("/api/v1/tickets/{}", ticket["id"].as_str().unwrap()),
                admin,
                1,
                json!({"assignee_id": agent_id}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
        let outbox = t.get("/api/v1/mail/outbox", admin).await.json();
        assert!(
            outbox["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["recipient"] == "agent.andersson@gsit.example"
                    && m["event"] == "ticket_assigned"),
            "{}: {outbox}",
            t.backend
        );

        // The page's form: a bad address is said next to the field and
        // kept; an empty one takes the address away.
        let version = hidden_version(&page);
        let form = |email: &'static str, version: String| {
            vec![
                ("version", version),
                ("language", "sv".to_owned()),
                ("staff_role", "agent".to_owned()),
                ("email", email.to_owned()),
            ]
        };
        let sent = form("inte en adress", version.clone());
        let fields: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = b
            .post(&format!("/admin/accounts/{agent_id}"), &fields)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let refused = html(&r);
        let field = tag(&refused, "f-email");
        assert!(
            field.contains("aria-invalid=\"true\"") && field.contains("value=\"inte en adress\""),
            "{field}"
        );
        assert!(refused.contains("Skriv en e-postadress, t.ex. namn@kommun.se."));
        let sent = form("", version);
        let fields: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())).collect();
        b.submit(&format!("/admin/accounts/{agent_id}"), &fields)
            .await;
        assert_eq!(
            t.get(&path, admin).await.json()["email"],
            serde_json::Value::Null
        );
    }
}

/// The version the account page's form was made from.
fn hidden_version(page: &str) -> String {
    crate::forms::hidden(page, "version")
}
