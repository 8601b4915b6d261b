//! Credentials checked in the last moments, so a client making many
//! requests is not looked up in the database on every one of them (two
//! queries per request, a third of the work of reading a ticket by id).
//!
//! An entry lives at most `AUTH_CACHE_SECONDS`, and never past the expiry of
//! its session. This node forgets every entry as soon as it changes an
//! account's roles or language or ends a session; another node sees such a
//! change within `AUTH_CACHE_SECONDS` (see docs/DEPLOYMENT.md).

use crate::auth::Authenticated;
use std::collections::HashMap;
use std::sync::Mutex;

/// How long a checked credential is trusted without asking the database.
pub const AUTH_CACHE_SECONDS: i64 = 2;

/// Entries kept at most; the cache empties itself when full.
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
pub(crate) struct AuthCache {
    /// Credential hash → (valid until, in microseconds; the principal).
    entries: Mutex<HashMap<String, (i64, Authenticated)>>,
}

impl AuthCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (i64, Authenticated)>> {
        match self.entries.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The principal behind `key`, if it was checked recently.
    pub fn get(&self, key: &str, now: i64) -> Option<Authenticated> {
        let mut entries = self.lock();
        match entries.get(key) {
            Some((until, who)) if now < *until => Some(who.clone()),
            Some(_) => {
                entries.remove(key);
                None
            }
            None => None,
        }
    }

    /// Remembers a principal until `expires_at` or for
    /// `AUTH_CACHE_SECONDS`, whichever comes first.
    pub fn put(&self, key: String, who: Authenticated, now: i64, expires_at: Option<i64>) {
        let until = (now + AUTH_CACHE_SECONDS * 1_000_000).min(expires_at.unwrap_or(i64::MAX));
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (until, who));
    }

    pub fn forget(&self, key: &str) {
        self.lock().remove(key);
    }

    pub fn clear(&self) {
        self.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samdrift_domain::ids::AccountId;
    use samdrift_domain::scope::Scope;

    fn someone() -> Authenticated {
        Authenticated {
            scope: Scope {
                account: AccountId(uuid::Uuid::nil()),
                username: "agent".into(),
                person: None,
                staff: None,
                member_roles: vec![],
            },
            language: "sv".into(),
            csrf_token: None,
            pending_agreements: Vec::new(),
        }
    }

    #[test]
    fn an_entry_lives_two_seconds_and_never_past_its_session() {
        let cache = AuthCache::default();
        cache.put("a".into(), someone(), 0, None);
        assert!(cache.get("a", 1_999_999).is_some());
        assert!(cache.get("a", 2_000_000).is_none());
        cache.put("b".into(), someone(), 0, Some(500_000));
        assert!(cache.get("b", 499_999).is_some());
        assert!(cache.get("b", 500_000).is_none());
    }

    #[test]
    fn forgetting_and_clearing_take_effect_at_once() {
        let cache = AuthCache::default();
        cache.put("a".into(), someone(), 0, None);
        cache.put("b".into(), someone(), 0, None);
        cache.forget("a");
        assert!(cache.get("a", 1).is_none());
        assert!(cache.get("b", 1).is_some());
        cache.clear();
        assert!(cache.get("b", 1).is_none());
    }
}
