//! The web layer's tests and page benchmark, kept in a crate of their own so
//! that `samdrift-web` itself depends on app and domain only. The tests seed
//! and inspect the database through the store, which pages may never reach;
//! here that reach is allowed because it is test set-up, not a page.
