//! samdrift's protocol clients, kept in a leaf crate so their heavy
//! dependencies build once and only the binary and its tests link them:
//! OpenID Connect single sign-on (`oidc`) and
//! reading LDAP directories (`ldap`).

pub mod ldap;
pub mod oidc;
