//! Saved queue filters: staff keep the queries they use often.

use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::scope::Scope;
use samdrift_store::saved_filters::SavedFilterRecord;
use uuid::Uuid;

/// The query parameters a saved filter may hold.
const KEYS: [&str; 3] = ["queue", "q", "sort"];

impl App {
    pub async fn save_filter(
        &self,
        scope: &Scope,
        name: &str,
        query: &str,
    ) -> Result<SavedFilterRecord, AppError> {
        if !scope.is_staff() {
            return Err(AppError::Forbidden(samdrift_domain::msg!(
                "forbidden.saved_filters"
            )));
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 60 {
            return Err(AppError::invalid(
                "name",
                samdrift_domain::msg!("filter.name"),
            ));
        }
        // Keep only the known parameters, so a saved link cannot carry anything else.
        let query: String = query
            .split('&')
            .filter(|kv| kv.split('=').next().is_some_and(|k| KEYS.contains(&k)))
            .collect::<Vec<_>>()
            .join("&");
        let record = SavedFilterRecord {
            id: new_id(self.clock.as_ref()),
            account_id: scope.account.0,
            name: name.to_owned(),
            query,
            created_at: self.now_micros(),
        };
        self.store.insert_saved_filter(&record).await?;
        Ok(record)
    }

    pub async fn saved_filters(&self, scope: &Scope) -> Result<Vec<SavedFilterRecord>, AppError> {
        Ok(self.store.saved_filters(scope.account).await?)
    }

    pub async fn delete_saved_filter(&self, scope: &Scope, id: Uuid) -> Result<(), AppError> {
        if self.store.delete_saved_filter(scope.account, id).await? {
            Ok(())
        } else {
            Err(AppError::NotFound("saved filter"))
        }
    }
}
