//! Catalog items end users request through the portal (a new account,
//! software from the approved list, a device, access to a business system):
//! each with its form, approvals and fulfilment tasks. The portal shows a
//! member only the items of services it subscribes to (items without a
//! service are for everyone).

use super::offerings::valid_code;
use super::{require_catalog_keeper, today};
use crate::ids::new_id;
use crate::{App, AppError};
use samdrift_domain::catalog::request::ItemSpec;
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::{MemberId, PersonId};
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_store::catalog::items::CatalogItemRecord;

/// What a keeper sends to create or change a catalog item.
#[derive(Debug, Clone, Default)]
pub struct ItemInput {
    pub code: String,
    pub name: String,
    pub description: String,
    /// The service's code, or none for an item every member may request.
    pub service: Option<String>,
    pub price_ore: i64,
    pub spec: ItemSpec,
    pub active: bool,
}

/// A catalog item with its parsed form.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogItem {
    pub record: CatalogItemRecord,
    pub spec: ItemSpec,
    pub service_code: Option<String>,
}

pub(crate) fn parse_spec(record: &CatalogItemRecord) -> Result<ItemSpec, AppError> {
    serde_json::from_str(&record.spec).map_err(|_| {
        AppError::Conflict(samdrift_domain::msg!(
            "conflict.item_unreadable",
            code = &record.code
        ))
    })
}

impl App {
    async fn check_item(
        &self,
        input: &ItemInput,
        errors: &mut FieldErrors,
    ) -> Result<Option<uuid::Uuid>, AppError> {
        if input.name.trim().is_empty() || input.name.chars().count() > 120 {
            errors.push(
                "name",
                samdrift_domain::msg!("field.length", min = 1, max = 120),
            );
        }
        if !(0..=10_000_000_000).contains(&input.price_ore) {
            errors.push("price_ore", samdrift_domain::msg!("item.price_range"));
        }
        let groups: Vec<String> = self
            .store
            .list_groups()
            .await?
            .into_iter()
            .map(|g| g.name)
            .collect();
        if let Err(list) = input.spec.validate(&groups) {
            for e in list {
                errors.push(format!("spec.{}", e.field), e.message);
            }
        }
        match &input.service {
            None => Ok(None),
            Some(code) => match self.store.service_by_code(code).await? {
                Some(s) => Ok(Some(s.id)),
                None => {
                    errors.push(
                        "service",
                        samdrift_domain::msg!("service.no_code", code = code),
                    );
                    Ok(None)
                }
            },
        }
    }

    pub async fn create_catalog_item(
        &self,
        scope: &Scope,
        input: ItemInput,
    ) -> Result<CatalogItem, AppError> {
        require_catalog_keeper(scope)?;
        let mut errors = FieldErrors::default();
        if !valid_code(&input.code) {
            errors.push("code", samdrift_domain::msg!("item.code"));
        }
        let service_id = self.check_item(&input, &mut errors).await?;
        errors.into_result(()).map_err(AppError::Invalid)?;
        let record = CatalogItemRecord {
            id: new_id(self.clock.as_ref()),
            code: input.code.clone(),
            name: input.name.trim().to_owned(),
            description: input.description,
            service_id,
            price_ore: input.price_ore,
            spec: serde_json::to_string(&input.spec).unwrap_or_default(),
            active: input.active,
            version: 1,
        };
        self.store.insert_catalog_item(&record).await?;
        Ok(CatalogItem {
            record,
            spec: input.spec,
            service_code: input.service,
        })
    }

    /// Changes an item (its code stays). Requests already made keep the
    /// approvals and tasks they were created with.
    pub async fn update_catalog_item(
        &self,
        scope: &Scope,
        code: &str,
        input: ItemInput,
        version: i64,
    ) -> Result<CatalogItem, AppError> {
        require_catalog_keeper(scope)?;
        let mut record = self
            .store
            .catalog_item_by_code(code)
            .await?
            .ok_or(AppError::NotFound("catalog item"))?;
        let mut errors = FieldErrors::default();
        let service_id = self.check_item(&input, &mut errors).await?;
        errors.into_result(()).map_err(AppError::Invalid)?;
        record.name = input.name.trim().to_owned();
        record.description = input.description;
        record.service_id = service_id;
        record.price_ore = input.price_ore;
        record.spec = serde_json::to_string(&input.spec).unwrap_or_default();
        record.active = input.active;
        record.version = version;
        record.version = self.store.update_catalog_item(&record).await?;
        Ok(CatalogItem {
            record,
            spec: input.spec,
            service_code: input.service,
        })
    }

    /// Every catalog item (the keepers' view).
    pub async fn catalog_items(&self) -> Result<Vec<CatalogItem>, AppError> {
        let services = self.store.list_services().await?;
        let mut out = Vec::new();
        for record in self.store.list_catalog_items().await? {
            let spec = parse_spec(&record)?;
            let service_code = record
                .service_id
                .and_then(|id| services.iter().find(|s| s.id == id))
                .map(|s| s.code.clone());
            out.push(CatalogItem {
                record,
                spec,
                service_code,
            });
        }
        Ok(out)
    }

    /// The items a member's users may request today: active, and of a
    /// service the member subscribes to (or of no service).
    pub async fn requestable_items(
        &self,
        scope: &Scope,
        member_code: &str,
    ) -> Result<Vec<CatalogItem>, AppError> {
        let member = self.member_in_scope(scope, member_code).await?;
        let day = today(self).to_string();
        let mut out = Vec::new();
        for item in self.catalog_items().await? {
            if !item.record.active {
                continue;
            }
            let offered = match item.record.service_id {
                None => true,
                Some(service) => {
                    self.store
                        .subscribes_to_service(member.id, service, &day)
                        .await?
                }
            };
            if offered {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// Records the member's system owner of a business system.
    pub async fn set_system_owner(
        &self,
        scope: &Scope,
        member_code: &str,
        service_code: &str,
        person: PersonId,
    ) -> Result<(), AppError> {
        require_catalog_keeper(scope)?;
        let member = self.member_in_scope(scope, member_code).await?;
        let service = self
            .store
            .service_by_code(service_code)
            .await?
            .ok_or_else(|| {
                AppError::invalid(
                    "service",
                    samdrift_domain::msg!("service.no_code", code = service_code),
                )
            })?;
        if self
            .store
            .get_person(&MemberFilter::Only(vec![MemberId(member.id)]), person)
            .await?
            .is_none()
        {
            return Err(AppError::invalid(
                "person_id",
                samdrift_domain::msg!("person.not_in_member"),
            ));
        }
        self.store
            .set_system_owner(member.id, service.id, person.0)
            .await?;
        Ok(())
    }

    /// Records a person's manager (who approves their requests).
    pub async fn set_manager(
        &self,
        scope: &Scope,
        member_code: &str,
        person: PersonId,
        manager: Option<PersonId>,
    ) -> Result<(), AppError> {
        require_catalog_keeper(scope)?;
        let member = self.member_in_scope(scope, member_code).await?;
        let filter = MemberFilter::Only(vec![MemberId(member.id)]);
        if self.store.get_person(&filter, person).await?.is_none() {
            return Err(AppError::NotFound("person"));
        }
        if let Some(m) = manager {
            if m == person {
                return Err(AppError::invalid(
                    "manager_id",
                    samdrift_domain::msg!("person.own_manager"),
                ));
            }
            if self.store.get_person(&filter, m).await?.is_none() {
                return Err(AppError::invalid(
                    "manager_id",
                    samdrift_domain::msg!("person.not_in_member"),
                ));
            }
        }
        self.store
            .set_person_manager(member.id, person.0, manager.map(|m| m.0))
            .await?;
        Ok(())
    }
}
