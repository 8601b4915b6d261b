//! The mail pages as a browser uses them: a user chooses their
//! notification channels on their account page (and nobody else's
//! change).

use crate::forms::{Browser, html};
use crate::harness::{PASSWORD, TestApp, backends, federation};
use axum::http::StatusCode;

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
        assert_eq!(before.len(), 10, "one choice per kind: {before:?}");
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
