//! API tests: the real router on a real database, SQLite always and
//! PostgreSQL when `SAMDRIFT_TEST_PG_URL` is set (required in CI).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts_ui;
mod admin_ui;
mod bad_input;
mod catalog;
mod concurrency;
mod forms;
mod harness;
mod if_match;
mod import;
mod isolation;
mod lifecycle;
mod nul_text;
mod openapi;
mod paths;
mod portal_catalog_ui;
mod service_levels;
