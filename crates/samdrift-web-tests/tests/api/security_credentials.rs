//! Credentials: passwords strong enough to keep, and (later in the file)
//! tokens, sessions and accounts that can be shut off.

use crate::forms::{Browser, html};
use crate::harness::{PASSWORD, backends, federation};
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn weak_passwords_are_refused_wherever_a_password_is_set() {
    for t in backends().await {
        let f = federation(&t).await;
        let admin = f.token("admin");
        for (password, code) in [
            ("12345678", "auth.password_length"),
            ("password", "auth.password_length"),
            ("password-1234", "auth.password_common"),
            ("abcabcabcabcabc", "auth.password_guessable"),
        ] {
            let r = t
                .post(
                    "/api/v1/accounts",
                    admin,
                    json!({"username": "kim.berg", "password": password, "role": "agent"}),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "[{}] {password}",
                t.backend
            );
            assert_eq!(
                r.json()["errors"][0]["code"],
                code,
                "[{}] {password}",
                t.backend
            );
        }
        let refused = t.app.set_password("agent", "qwertyuiopasdf").await;
        assert!(refused.is_err(), "[{}]", t.backend);
        // The admin page says why, in Swedish.
        let b = Browser::sign_in_with(&t, "admin", PASSWORD).await;
        let r = b
            .post(
                "/admin/accounts",
                &[
                    ("username", "kim.berg"),
                    ("password", "password"),
                    ("role", "agent"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            t.backend
        );
        assert!(html(&r).contains("minst 12 tecken"), "[{}]", t.backend);
        let ok = t
            .post(
                "/api/v1/accounts",
                admin,
                json!({"username": "kim.berg", "password": "Ystad-Kvarn-Kaffe-73", "role": "agent"}),
            )
            .await;
        assert_eq!(ok.status, StatusCode::CREATED, "[{}]", t.backend);
    }
}
