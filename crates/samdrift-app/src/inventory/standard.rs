//! The common standard: per category the approved products and versions,
//! each valid from a day (to a day), recorded by a manager or an admin on
//! the decision that set it. Where the federation has a board, an entry
//! names the board's adopted decision; the standard is read by everyone
//! who reads an inventory.

use crate::{App, AppError};
use samdrift_domain::inventory::product::normalise;
use samdrift_domain::inventory::standard::StandardEntry;
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_domain::steering::forum::ForumKind;
use samdrift_store::inventory::standard::StandardEntryRecord;
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct NewStandardEntry {
    pub category: String,
    pub product: String,
    pub version: String,
    pub valid_from: String,
    pub valid_until: Option<String>,
    /// The decision's number, `B-2027-004`.
    pub decision: Option<String>,
    pub note: String,
}

/// An entry with the number of the decision that set it.
#[derive(Debug, Clone)]
pub struct StandardLine {
    pub entry: StandardEntryRecord,
    pub decision: Option<String>,
}

pub(crate) fn parse_date(field: &str, text: &str) -> Result<jiff::civil::Date, AppError> {
    text.trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| AppError::invalid(field, msg!("field.not_a_date", text = text)))
}

/// The domain's view of a stored entry (unreadable dates leave it out).
pub(crate) fn domain_entry(e: &StandardEntryRecord) -> Option<StandardEntry> {
    Some(StandardEntry {
        category: e.category.clone(),
        product_key: e.product_key.clone(),
        version: e.product_version.clone(),
        valid_from: e.valid_from.parse().ok()?,
        valid_until: match &e.valid_until {
            Some(d) => Some(d.parse().ok()?),
            None => None,
        },
    })
}

impl App {
    /// Records an approved product of a category.
    pub async fn add_standard_entry(
        &self,
        scope: &Scope,
        new: NewStandardEntry,
    ) -> Result<StandardEntryRecord, AppError> {
        if !scope.may_set_standard() {
            return Err(AppError::Forbidden(msg!("forbidden.standard")));
        }
        let category = new.category.trim().to_lowercase();
        if !self
            .inventory_categories()
            .await?
            .iter()
            .any(|c| c.code == category)
        {
            return Err(AppError::invalid(
                "category",
                msg!("inventory.unknown_category", value = category),
            ));
        }
        if new.product.trim().is_empty() {
            return Err(AppError::invalid("product", msg!("field.required")));
        }
        let from = parse_date("valid_from", &new.valid_from)?;
        let until = match new.valid_until.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(u) => {
                let d = parse_date("valid_until", u)?;
                if d < from {
                    return Err(AppError::invalid(
                        "valid_until",
                        msg!("field.not_before", other = "valid_from"),
                    ));
                }
                Some(d.to_string())
            }
            None => None,
        };
        let decision_id = self.standard_decision(new.decision.as_deref()).await?;
        let product = normalise(&new.product, &new.version);
        let entry = StandardEntryRecord {
            id: crate::ids::new_id(&*self.clock),
            category,
            product_key: product.key,
            product_name: product.name,
            product_version: product.version,
            valid_from: from.to_string(),
            valid_until: until,
            decision_id,
            note: new.note.trim().chars().take(500).collect(),
            created_at: self.now_micros(),
            version: 1,
        };
        self.store.insert_standard_entry(&entry).await?;
        Ok(entry)
    }

    /// The decision an entry rests on: required where the federation has
    /// a board, and then one of the board's adopted decisions.
    async fn standard_decision(&self, number: Option<&str>) -> Result<Option<Uuid>, AppError> {
        let forums = self.store.forums().await?;
        let board: Vec<Uuid> = forums
            .iter()
            .filter(|f| f.kind == ForumKind::Board.as_str())
            .map(|f| f.id)
            .collect();
        let number = number.map(str::trim).filter(|n| !n.is_empty());
        let Some(number) = number else {
            if board.is_empty() {
                return Ok(None);
            }
            return Err(AppError::invalid(
                "decision",
                msg!("standard.decision_required"),
            ));
        };
        let found = self
            .store
            .decisions()
            .await?
            .into_iter()
            .find(|d| d.number.eq_ignore_ascii_case(number));
        match found {
            Some(d) if board.contains(&d.forum_id) && d.outcome.as_deref() == Some("adopted") => {
                Ok(Some(d.id))
            }
            Some(_) => Err(AppError::invalid(
                "decision",
                msg!("standard.decision_not_adopted", number = number),
            )),
            None => Err(AppError::invalid(
                "decision",
                msg!("standard.no_decision", number = number),
            )),
        }
    }

    /// The whole standard, by category and start, with decision numbers.
    pub async fn standard(&self, _scope: &Scope) -> Result<Vec<StandardLine>, AppError> {
        let decisions = self.store.decisions().await?;
        Ok(self
            .store
            .standard_entries()
            .await?
            .into_iter()
            .map(|entry| {
                let decision = entry
                    .decision_id
                    .and_then(|id| decisions.iter().find(|d| d.id == id))
                    .map(|d| d.number.clone());
                StandardLine { entry, decision }
            })
            .collect())
    }

    /// Ends an entry's validity (the last day it is approved).
    pub async fn end_standard_entry(
        &self,
        scope: &Scope,
        id: Uuid,
        version: Option<i64>,
        until: &str,
    ) -> Result<(), AppError> {
        if !scope.may_set_standard() {
            return Err(AppError::Forbidden(msg!("forbidden.standard")));
        }
        let version = version.ok_or(AppError::VersionRequired)?;
        let entry = self
            .store
            .standard_entries()
            .await?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or(AppError::NotFound("standard entry"))?;
        let day = parse_date("valid_until", until)?;
        if day.to_string() < entry.valid_from {
            return Err(AppError::invalid(
                "valid_until",
                msg!("field.not_before", other = "valid_from"),
            ));
        }
        Ok(self
            .store
            .end_standard_entry(id, version, &day.to_string())
            .await?)
    }
}
