//! Finding a caller (the person on the phone) by name or e-mail, for the
//! desk reporting a ticket on their behalf. Staff only.

use crate::{App, AppError};
use samdrift_domain::scope::Scope;
use std::collections::HashMap;
use uuid::Uuid;

/// Most callers one search shows.
const SHOWN: i64 = 50;

/// A person found, with their member's code and administration's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub id: Uuid,
    pub member: String,
    pub administration: String,
    pub name: String,
    pub email: String,
}

impl App {
    /// People whose name or e-mail matches `text` (two characters or more;
    /// shorter text finds nobody).
    pub async fn find_callers(&self, scope: &Scope, text: &str) -> Result<Vec<Caller>, AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.callers"
            )));
        }
        if text.trim().chars().count() < 2 {
            return Ok(Vec::new());
        }
        let registers = scope.register_members();
        let members = self.member_codes(scope).await?;
        let administrations: HashMap<Uuid, String> = self
            .store
            .list_administrations(&registers, None)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        let people = self
            .store
            .find_people(&registers, None, Some(text), SHOWN)
            .await?;
        Ok(people
            .into_iter()
            .map(|p| Caller {
                id: p.id,
                member: members.get(&p.member_id).cloned().unwrap_or_default(),
                administration: p
                    .administration_id
                    .and_then(|a| administrations.get(&a).cloned())
                    .unwrap_or_default(),
                name: p.name,
                email: p.email,
            })
            .collect())
    }
}
