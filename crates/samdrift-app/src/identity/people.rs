//! A person as their source system describes them, and their history
//! (joined, moved, updated, left, returned: why and by whom). The
//! personnummer is shown masked; an administrator may open it.

use crate::{App, AppError};
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_store::identity::{HistoryRecord, SourcedPerson};
use uuid::Uuid;

/// One step of a person's history.
pub type HistoryRow = HistoryRecord;

/// A person with their source facts.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonIdentity {
    pub person: SourcedPerson,
    /// Masked (`19800101-XXXX`), or whole when an administrator asked.
    pub personnummer: Option<String>,
    /// The person's account in the member's directory, as last read.
    pub directory: Option<samdrift_store::directory::DirectoryAccountRecord>,
}

impl App {
    /// A person with what their source says. `reveal` opens the sealed
    /// personnummer and is for administrators only.
    pub async fn person_identity(
        &self,
        scope: &Scope,
        id: Uuid,
        reveal: bool,
    ) -> Result<PersonIdentity, AppError> {
        let filter = scope.register_members();
        let person = self
            .store
            .sourced_person(&filter, id)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        let directory = self
            .store
            .directory_account(person.member_id, person.id)
            .await?;
        if !reveal {
            let personnummer = person.pnr_masked.clone();
            return Ok(PersonIdentity {
                person,
                personnummer,
                directory,
            });
        }
        if !scope.is_admin() {
            return Err(AppError::Forbidden(msg!("forbidden.personnummer")));
        }
        let sealed = self.store.sealed_personnummer(&filter, id).await?;
        let key = self.settings.personnummer_key.as_deref();
        let personnummer = match (sealed, key) {
            (Some(s), Some(k)) => Some(
                k.open(&s)
                    .ok_or(AppError::Conflict(msg!("personnummer.cannot_open")))?,
            ),
            (Some(_), None) => {
                return Err(AppError::Conflict(msg!("delivery.no_personnummer_key")));
            }
            (None, _) => None,
        };
        let personnummer =
            personnummer.map(|d| format!("{}-{}", &d[..8.min(d.len())], &d[8.min(d.len())..]));
        Ok(PersonIdentity {
            person,
            personnummer,
            directory,
        })
    }

    /// A person's history, oldest first.
    pub async fn person_history(
        &self,
        scope: &Scope,
        id: Uuid,
    ) -> Result<Vec<HistoryRecord>, AppError> {
        let filter = scope.register_members();
        self.store
            .sourced_person(&filter, id)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        Ok(self.store.person_history(&filter, id).await?)
    }
}
