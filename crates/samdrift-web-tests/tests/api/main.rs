//! API tests: the real router on a real database, SQLite always and
//! PostgreSQL when `SAMDRIFT_TEST_PG_URL` is set (required in CI).

#[cfg(test)]
mod accounts_ui;
#[cfg(test)]
mod admin_ui;
#[cfg(test)]
mod atomic_changes;
#[cfg(test)]
mod bad_input;
#[cfg(test)]
mod catalog;
#[cfg(test)]
mod concurrency;
#[cfg(test)]
mod csv_formulas;
#[cfg(test)]
mod deliveries_ui;
#[cfg(test)]
mod directories;
#[cfg(test)]
mod exposure;
#[cfg(test)]
mod faults;
#[cfg(test)]
mod forms;
#[cfg(test)]
mod harness;
#[cfg(test)]
mod if_match;
#[cfg(test)]
mod import;
#[cfg(test)]
mod impossible_dates;
#[cfg(test)]
mod inventory;
#[cfg(test)]
mod inventory_agents;
#[cfg(test)]
mod isolation;
#[cfg(test)]
mod isolation_inventory;
#[cfg(test)]
mod isolation_pages;
#[cfg(test)]
mod lifecycle;
#[cfg(test)]
mod list_plans;
#[cfg(test)]
mod list_shapes;
#[cfg(test)]
mod mail_rules;
#[cfg(test)]
mod mail_servers;
#[cfg(test)]
mod mail_ui;
#[cfg(test)]
mod names_and_billing;
#[cfg(test)]
mod notifications_in_product;
#[cfg(test)]
mod nul_text;
#[cfg(test)]
mod openapi;
#[cfg(test)]
mod order_splitting;
#[cfg(test)]
mod paths;
#[cfg(test)]
mod people_deliveries;
#[cfg(test)]
mod portal_catalog_ui;
#[cfg(test)]
mod satisfaction;
#[cfg(test)]
mod scim;
#[cfg(test)]
mod security_credentials;
#[cfg(test)]
mod security_login;
#[cfg(test)]
mod separation_of_duties;
#[cfg(test)]
mod service_levels;
#[cfg(test)]
mod single_sign_on;
#[cfg(test)]
mod steering;
#[cfg(test)]
mod uploads;
#[cfg(test)]
mod user_agreement;
