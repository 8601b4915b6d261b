//! The inventory's use cases: items and their pages, imports from CSV and
//! from inventory agents, ticket links and what a failure affects, the
//! application portfolio and its overlaps across members, the common
//! standard, compliance and diversity, and the consolidation plan.
//!
//! Who reads what is `Scope::inventory_members` (a member's items, and
//! the federation's items that serve it); who changes an item is
//! `Scope::may_edit_inventory`; the standard is set by managers and
//! admins (`Scope::may_set_standard`). Items outside the reader's scope
//! answer as missing.

pub mod agents;
pub mod compliance;
pub mod consolidation;
pub mod impact;
pub mod import;
pub mod items;
pub mod links;
pub mod portfolio;
pub mod standard;

use crate::{App, AppError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::msg;
use samdrift_domain::scope::Scope;
use samdrift_store::inventory::items::ItemRecord;
use uuid::Uuid;

/// A category of the register, named in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub code: String,
    pub area: String,
    pub name_sv: String,
    pub name_en: String,
}

impl App {
    /// The categories register, in order.
    pub async fn inventory_categories(&self) -> Result<Vec<Category>, AppError> {
        Ok(self
            .store
            .inventory_categories()
            .await?
            .into_iter()
            .map(|(code, area, name_sv, name_en)| Category {
                code,
                area,
                name_sv,
                name_en,
            })
            .collect())
    }

    /// An item the scope reads, or not found.
    pub(crate) async fn readable_item(
        &self,
        scope: &Scope,
        id: Uuid,
    ) -> Result<ItemRecord, AppError> {
        self.store
            .inventory_item(&scope.inventory_members(), id)
            .await?
            .ok_or(AppError::NotFound("item"))
    }

    /// An item the scope reads and may change: missing when unreadable,
    /// 403 when read-only to it.
    pub(crate) async fn editable_item(
        &self,
        scope: &Scope,
        id: Uuid,
    ) -> Result<ItemRecord, AppError> {
        let item = self.readable_item(scope, id).await?;
        if !scope.may_edit_inventory(item.member_id.map(MemberId)) {
            return Err(AppError::Forbidden(msg!("forbidden.inventory_edit")));
        }
        Ok(item)
    }
}

/// The owner column's word for the federation.
pub const FEDERATION: &str = "federation";
