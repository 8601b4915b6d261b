//! Files sent with the pages' forms: one within the attachment size is
//! kept with the new ticket; one over it is refused in words (413) before
//! anything is created, however large it is. How little memory parallel
//! oversized uploads cost is reported by `bench/uploads.py`.

use crate::forms::{Browser, html, location};
use crate::harness::{backends, federation};
use axum::body::Body;
use axum::http::{Method, StatusCode};

/// A report form with a file of `size` bytes.
fn report_with_file(csrf: &str, size: usize) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in [
        ("csrf", csrf),
        ("member", "YST"),
        ("type", "incident"),
        ("title", "Skrivaren skriver inte"),
        ("description", "Se bifogad fil"),
        ("impact", "3"),
        ("urgency", "3"),
    ] {
        body.extend_from_slice(
            format!("--b\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logg.txt\"\r\nContent-Type: text/plain\r\n\r\n",
    );
    body.extend(std::iter::repeat_n(b'x', size));
    body.extend_from_slice(b"\r\n--b--\r\n");
    body
}

async fn send(
    t: &crate::harness::TestApp,
    b: &Browser<'_>,
    size: usize,
) -> crate::harness::Response {
    let headers = [
        ("cookie", b.cookie.as_str()),
        ("content-type", "multipart/form-data; boundary=b"),
    ];
    let body = report_with_file(&b.csrf, size);
    t.request(
        Method::POST,
        "/portal/new",
        None,
        Body::from(body),
        &headers,
    )
    .await
}

#[tokio::test]
async fn a_file_over_the_attachment_size_is_refused_in_words_and_nothing_is_created() {
    for t in backends().await {
        let f = federation(&t).await;
        t.app
            .set_password("agent", samdrift_app::demo::DEMO_PASSWORD)
            .await
            .unwrap();
        let b = Browser::sign_in(&t, "agent").await;
        let max = t.app.settings.attachment_max_bytes;
        let tickets = |r: crate::harness::Response| r.json()["items"].as_array().map(Vec::len);
        let before = tickets(t.get("/api/v1/tickets", f.token("admin")).await);

        // Over the size (several times over, still under the hard cap).
        let r = send(&t, &b, max * 4).await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "[{}]", t.backend);
        assert!(html(&r).contains("<h1"), "[{}] a page in words", t.backend);
        let r = send(&t, &b, max + 1).await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "[{}]", t.backend);
        assert_eq!(
            tickets(t.get("/api/v1/tickets", f.token("admin")).await),
            before,
            "[{}] nothing was created",
            t.backend
        );

        // Exactly the size goes through, file and all.
        let r = send(&t, &b, max).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "[{}]", t.backend);
        let at = location(&r);
        assert!(!at.contains("file_refused"), "[{}] {at}", t.backend);
        let id = at
            .trim_start_matches("/tickets/")
            .split('?')
            .next()
            .unwrap();
        let files = t
            .get(
                &format!("/api/v1/tickets/{id}/attachments"),
                f.token("admin"),
            )
            .await
            .json();
        assert_eq!(files[0]["size"], max, "[{}] {files}", t.backend);
    }
}
