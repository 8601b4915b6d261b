//! Path parameters answer as the document says: a member code that names
//! no member the caller may see is 404 like an unknown id (a body's member
//! code stays 422), and the renamed `{member}/orders/{order_id}` routes keep
//! their URLs.

use crate::harness::{backends, federation};
use axum::http::StatusCode;

#[tokio::test]
async fn an_unknown_member_code_in_the_path_is_not_found() {
    for t in backends().await {
        let f = federation(&t).await;
        for path in [
            "/api/v1/members/XXX/subscriptions",
            "/api/v1/members/XXX/orders",
            "/api/v1/members/XXX/budget",
            "/api/v1/members/XXX/invoices/2027-03",
            "/api/v1/members/XXX/orders/01890000-0000-7000-8000-000000000000",
        ] {
            let r = t.get(path, f.token("admin")).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}] {path}", t.backend);
            assert!(r.is_problem(), "[{}] {path}", t.backend);
        }
        // A member the caller may not see answers the same as no member.
        let r = t
            .get("/api/v1/members/YST/orders", f.token("sim.orderer"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}]", t.backend);
        // The caller's own member, and an order id that is no UUID.
        let r = t
            .get("/api/v1/members/SIM/orders", f.token("sim.orderer"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "[{}]", t.backend);
        let r = t
            .get(
                "/api/v1/members/SIM/orders/not-an-id",
                f.token("sim.orderer"),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "[{}]", t.backend);
        assert!(r.is_problem());
    }
}
