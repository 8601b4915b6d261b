//! samdrift's protocol clients, kept in a leaf crate so their heavy
//! dependencies build once and only the binary and its tests link them:
//! OpenID Connect single sign-on (`oidc`), reading LDAP directories
//! (`ldap`), sending mail (`smtp`), reading desk mailboxes (`imap`),
//! reading received mail (`mail_parse`) and the inventory protocol of the
//! FusionInventory / GLPI agents (`inventory_agent`).

pub mod imap;
pub mod inventory_agent;
pub mod ldap;
pub mod mail_parse;
pub mod oidc;
pub mod smtp;
