//! Items: checking an item's input (one line of an import, or one item
//! through the API) against the registers, and reading items and an
//! item's page.

use super::Category;
use super::import::is_federation;
use crate::{App, AppError};
use samdrift_domain::error::FieldErrors;
use samdrift_domain::ids::MemberId;
use samdrift_domain::inventory::product::normalise;
use samdrift_domain::inventory::{ItemKind, Lifecycle, Network, RelationKind};
use samdrift_domain::messages::Message;
use samdrift_domain::msg;
use samdrift_domain::scope::{MemberFilter, Scope};
use samdrift_store::inventory::items::{
    ApplicationRecord, ItemQuery, ItemRecord, ItemWrite, RelationRecord, SoftwareRecord,
};
use samdrift_store::inventory::links::LinkedTicket;
use samdrift_store::inventory::standard::TargetRecord;
use samdrift_store::registers::members::MemberRecord;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// An item as given: every field as text, checked by [`Resolver`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemInput {
    pub owner: String,
    pub kind: String,
    pub name: String,
    pub network: Option<String>,
    pub location: String,
    pub lifecycle: Option<String>,
    pub category: Option<String>,
    pub product: String,
    pub version: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: Option<String>,
    pub serves: Vec<String>,
    pub runs_on: Vec<String>,
    pub depends_on: Vec<String>,
    pub services: Vec<String>,
    pub used_by: Vec<String>,
    pub supplier: String,
    pub contract_end: Option<String>,
    pub classification: String,
    pub users: Option<String>,
    pub system_owner: String,
    pub object_manager: String,
    pub system_administrator: String,
}

const MAX_TEXT: usize = 200;

/// What input is checked against: members, categories, services,
/// administrations, and the items already there of the owners involved.
pub(crate) struct Resolver {
    members: HashMap<String, MemberRecord>,
    categories: HashSet<String>,
    services: HashMap<String, Uuid>,
    administrations: HashMap<Uuid, HashMap<String, Uuid>>,
    existing: Vec<ItemRecord>,
    /// Item ids by (owner, lower-case name), existing and then the batch's.
    names: HashMap<(Option<Uuid>, String), Uuid>,
    now: i64,
    clock: std::sync::Arc<dyn samdrift_domain::time::Clock>,
}

impl Resolver {
    pub(crate) async fn load<'a>(
        app: &App,
        scope: &Scope,
        owners: impl Iterator<Item = &'a str>,
    ) -> Result<Resolver, AppError> {
        let members: HashMap<String, MemberRecord> = app
            .store
            .all_members()
            .await?
            .into_iter()
            .filter(|m| scope.members().allows(MemberId(m.id)))
            .map(|m| (m.code.to_uppercase(), m))
            .collect();
        let mut ids: Vec<Uuid> = owners
            .filter_map(|o| members.get(&o.trim().to_uppercase()).map(|m| m.id))
            .collect();
        ids.sort();
        ids.dedup();
        let existing = app.store.inventory_items_of_owners(&ids, true).await?;
        let mut administrations = HashMap::new();
        for id in &ids {
            administrations.insert(*id, app.store.administrations_by_name(MemberId(*id)).await?);
        }
        let names = existing
            .iter()
            .map(|i| ((i.member_id, i.name.to_lowercase()), i.id))
            .collect();
        Ok(Resolver {
            members,
            categories: app
                .store
                .inventory_categories()
                .await?
                .into_iter()
                .map(|c| c.0)
                .collect(),
            services: app
                .store
                .list_services()
                .await?
                .into_iter()
                .map(|s| (s.code.to_uppercase(), s.id))
                .collect(),
            administrations,
            existing,
            names,
            now: app.now_micros(),
            clock: app.clock.clone(),
        })
    }

    /// Checks every input and gives the writes, or every error at once
    /// (each field named `"{prefix}: {column}"`).
    pub(crate) fn resolve_all(
        &mut self,
        scope: &Scope,
        inputs: &[(String, ItemInput)],
    ) -> Result<Vec<ItemWrite>, AppError> {
        let mut errors = FieldErrors::default();
        let mut seen: HashSet<(Option<Uuid>, String)> = HashSet::new();
        let mut placed = Vec::new();
        for (prefix, input) in inputs {
            let owner = self.owner(scope, &input.owner);
            let owner = match owner {
                Ok(o) => o,
                Err(m) => {
                    errors.push(format!("{prefix}: owner"), m);
                    placed.push(None);
                    continue;
                }
            };
            let key = (owner, input.name.trim().to_lowercase());
            if !seen.insert(key.clone()) {
                errors.push(
                    format!("{prefix}: name"),
                    msg!("field.listed_twice", value = input.name.trim()),
                );
            }
            let found = self.matching(owner, input).cloned();
            let id = found
                .as_ref()
                .map(|f| f.id)
                .unwrap_or_else(|| crate::ids::new_id(&*self.clock));
            self.names.insert(key, id);
            placed.push(Some((owner, found, id)));
        }
        let mut writes = Vec::new();
        for ((prefix, input), place) in inputs.iter().zip(placed) {
            let Some((owner, found, id)) = place else {
                continue;
            };
            let mut line = FieldErrors::default();
            let write = self.check(input, owner, found, id, &mut line);
            for e in line.0 {
                errors.push(format!("{prefix}: {}", e.field), e.message);
            }
            writes.push(write);
        }
        errors.into_result(writes).map_err(AppError::Invalid)
    }

    /// The owner an input names, if the scope may change its items.
    fn owner(&self, scope: &Scope, text: &str) -> Result<Option<Uuid>, Message> {
        let text = text.trim();
        if text.is_empty() {
            return Err(msg!("field.required"));
        }
        if is_federation(text) {
            return if scope.may_edit_inventory(None) {
                Ok(None)
            } else {
                Err(msg!("forbidden.inventory_edit"))
            };
        }
        match self.members.get(&text.to_uppercase()) {
            Some(m) if scope.may_edit_inventory(Some(MemberId(m.id))) => Ok(Some(m.id)),
            Some(_) => Err(msg!("forbidden.inventory_edit")),
            None => Err(msg!("member.no_code", code = text)),
        }
    }

    /// The owner's item a line updates: same serial, else same kind and name.
    fn matching(&self, owner: Option<Uuid>, input: &ItemInput) -> Option<&ItemRecord> {
        let serial = input
            .serial
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let name = input.name.trim().to_lowercase();
        let kind = input.kind.trim();
        let mine = || self.existing.iter().filter(move |i| i.member_id == owner);
        serial
            .and_then(|s| mine().find(|i| i.serial.as_deref() == Some(s)))
            .or_else(|| mine().find(|i| i.kind == kind && i.name.to_lowercase() == name))
    }

    fn check(
        &self,
        input: &ItemInput,
        owner: Option<Uuid>,
        found: Option<ItemRecord>,
        id: Uuid,
        errors: &mut FieldErrors,
    ) -> ItemWrite {
        let kind = ItemKind::parse(&input.kind)
            .map_err(|m| errors.push("kind", m))
            .ok();
        let name = text(errors, "name", &input.name, true);
        let network = input.network.as_deref().and_then(|n| {
            Network::parse(n)
                .map_err(|m| errors.push("network", m))
                .ok()
        });
        let lifecycle = match &input.lifecycle {
            Some(l) => Lifecycle::parse(l)
                .map_err(|m| errors.push("lifecycle", m))
                .ok(),
            None => Some(Lifecycle::InUse),
        };
        let category = input.category.as_ref().map(|c| c.trim().to_lowercase());
        if let Some(c) = &category
            && !self.categories.contains(c)
        {
            errors.push(
                "category",
                msg!("inventory.unknown_category", value = c.as_str()),
            );
        }
        let product = normalise(&input.product, &input.version);
        let application = self.application(input, kind, id, errors);
        let served = self.served(input, owner, errors);
        let relations = self.relations(input, owner, errors);
        let mut item = ItemRecord {
            id,
            member_id: owner,
            kind: kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
            name,
            network: network.map(|n| n.as_str().to_owned()),
            location: text(errors, "location", &input.location, false),
            lifecycle: lifecycle.map(|l| l.as_str().to_owned()).unwrap_or_default(),
            category,
            product_raw: text(errors, "product", &input.product, false),
            version_raw: text(errors, "version", &input.version, false),
            product_key: product.key,
            product_name: product.name,
            product_version: product.version,
            manufacturer: text(errors, "manufacturer", &input.manufacturer, false),
            model: text(errors, "model", &input.model, false),
            serial: input
                .serial
                .as_ref()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty()),
            hardware_uuid: None,
            agent_device_id: None,
            attributes: "{}".into(),
            software_hash: None,
            source: "csv".into(),
            last_inventory_at: None,
            created_at: self.now,
            updated_at: self.now,
            version: 1,
        };
        let existing = found.is_some();
        if let Some(f) = found {
            item.created_at = f.created_at;
            item.version = f.version;
            item.hardware_uuid = f.hardware_uuid;
            item.agent_device_id = f.agent_device_id;
            item.attributes = f.attributes;
            item.software_hash = f.software_hash;
            item.last_inventory_at = f.last_inventory_at;
        }
        ItemWrite {
            item,
            existing,
            served,
            relations,
            application,
        }
    }

    fn served(
        &self,
        input: &ItemInput,
        owner: Option<Uuid>,
        errors: &mut FieldErrors,
    ) -> Vec<Uuid> {
        if owner.is_some() {
            if !input.serves.is_empty() {
                errors.push("serves", msg!("inventory.serves_federation_only"));
            }
            return vec![];
        }
        let mut out = Vec::new();
        for code in &input.serves {
            match self.members.get(&code.to_uppercase()) {
                Some(m) if !out.contains(&m.id) => out.push(m.id),
                Some(_) => {}
                None => errors.push("serves", msg!("member.no_code", code = code.as_str())),
            }
        }
        out
    }

    fn relations(
        &self,
        input: &ItemInput,
        owner: Option<Uuid>,
        errors: &mut FieldErrors,
    ) -> Vec<RelationRecord> {
        let mut out = Vec::new();
        let blank = |kind: RelationKind| RelationRecord {
            item_id: Uuid::nil(),
            kind: kind.as_str().to_owned(),
            target_item_id: None,
            service_id: None,
            member_id: None,
            administration_id: None,
        };
        for (column, kind, names) in [
            ("runs_on", RelationKind::RunsOn, &input.runs_on),
            ("depends_on", RelationKind::DependsOn, &input.depends_on),
        ] {
            for name in names {
                let key = name.to_lowercase();
                let target = self
                    .names
                    .get(&(owner, key.clone()))
                    .or_else(|| self.names.get(&(None, key)));
                match target {
                    Some(t) => out.push(RelationRecord {
                        target_item_id: Some(*t),
                        ..blank(kind)
                    }),
                    None => errors.push(column, msg!("inventory.no_item", name = name.as_str())),
                }
            }
        }
        for code in &input.services {
            match self.services.get(&code.to_uppercase()) {
                Some(s) => out.push(RelationRecord {
                    service_id: Some(*s),
                    ..blank(RelationKind::PartOfService)
                }),
                None => errors.push(
                    "services",
                    msg!("inventory.no_service", code = code.as_str()),
                ),
            }
        }
        for name in &input.used_by {
            let found = owner.and_then(|m| {
                self.administrations
                    .get(&m)?
                    .get(&name.to_lowercase())
                    .map(|a| (m, *a))
            });
            match found {
                Some((m, a)) => out.push(RelationRecord {
                    member_id: Some(m),
                    administration_id: Some(a),
                    ..blank(RelationKind::UsedBy)
                }),
                None => errors.push(
                    "used_by",
                    msg!("inventory.no_administration", name = name.as_str()),
                ),
            }
        }
        out
    }

    fn application(
        &self,
        input: &ItemInput,
        kind: Option<ItemKind>,
        id: Uuid,
        errors: &mut FieldErrors,
    ) -> Option<ApplicationRecord> {
        let given = !input.supplier.is_empty()
            || input.contract_end.is_some()
            || !input.classification.is_empty()
            || input.users.is_some()
            || !input.system_owner.is_empty()
            || !input.object_manager.is_empty()
            || !input.system_administrator.is_empty();
        if kind != Some(ItemKind::BusinessSystem) {
            if given && kind.is_some() {
                errors.push("supplier", msg!("inventory.application_fields_only"));
            }
            return None;
        }
        let contract_end =
            input
                .contract_end
                .as_ref()
                .and_then(|d| match d.trim().parse::<jiff::civil::Date>() {
                    Ok(date) => Some(date.to_string()),
                    Err(_) => {
                        errors.push("contract_end", msg!("field.not_a_date", text = d.as_str()));
                        None
                    }
                });
        let user_count = input
            .users
            .as_ref()
            .and_then(|u| match u.trim().parse::<i64>() {
                Ok(n) if n >= 0 => Some(n),
                Ok(_) => {
                    errors.push("users", msg!("field.not_negative"));
                    None
                }
                Err(_) => {
                    errors.push("users", msg!("inventory.not_a_count", text = u.as_str()));
                    None
                }
            });
        Some(ApplicationRecord {
            item_id: id,
            supplier: text(errors, "supplier", &input.supplier, false),
            contract_end,
            classification: text(errors, "classification", &input.classification, false),
            user_count,
            system_owner: text(errors, "system_owner", &input.system_owner, false),
            object_manager: text(errors, "object_manager", &input.object_manager, false),
            system_administrator: text(
                errors,
                "system_administrator",
                &input.system_administrator,
                false,
            ),
        })
    }
}

/// A trimmed text of at most [`MAX_TEXT`] characters (required or not).
fn text(errors: &mut FieldErrors, field: &str, value: &str, required: bool) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.push(field, msg!("field.required"));
    }
    if v.chars().count() > MAX_TEXT {
        errors.push(field, msg!("field.at_most_chars", max = MAX_TEXT as i64));
    }
    if v.contains('\0') {
        errors.push(field, msg!("text.nul"));
    }
    v.to_owned()
}

/// Where a page of items ends, as a client passes it back: `{id}:{name}`.
pub fn item_cursor((name, id): &(String, Uuid)) -> String {
    format!("{id}:{name}")
}

/// Reads an [`item_cursor`].
pub fn parse_item_cursor(text: &str) -> Option<(String, Uuid)> {
    let (id, name) = text.split_once(':')?;
    Some((name.to_owned(), id.parse().ok()?))
}

/// An item list's filters, as given.
pub fn item_query(
    owner: Option<Option<Uuid>>,
    kind: Option<String>,
    category: Option<String>,
    text: Option<String>,
    after: Option<(String, Uuid)>,
    limit: i64,
) -> ItemQuery {
    let keep = |s: Option<String>| s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    ItemQuery {
        owner,
        kind: keep(kind),
        category: keep(category),
        text: keep(text),
        after,
        limit,
    }
}

/// An item's page: the item, who owns and uses it, what it relates to,
/// what it runs, its tickets and its place in the consolidation plan.
#[derive(Debug, Clone)]
pub struct ItemPage {
    pub item: ItemRecord,
    pub owner_code: Option<String>,
    pub served: Vec<String>,
    /// What the item needs or belongs to.
    pub relations: Vec<NamedRelation>,
    /// Items that run on or depend on this one.
    pub dependents: Vec<NamedRelation>,
    pub software: Vec<SoftwareRecord>,
    pub application: Option<ApplicationRecord>,
    pub tickets: Vec<(LinkedTicket, String)>,
    pub target: Option<TargetRecord>,
    pub category: Option<Category>,
}

/// A relation with the name of what it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedRelation {
    pub kind: String,
    /// The other item, if the reader sees it.
    pub item: Option<Uuid>,
    pub name: String,
}

/// A page of items with their owners' codes.
#[derive(Debug, Clone)]
pub struct ItemList {
    pub items: Vec<(ItemRecord, Option<String>)>,
    /// Where the next page starts, if there is one.
    pub next: Option<(String, Uuid)>,
}

impl App {
    /// Items the scope reads, filtered, a page at a time.
    pub async fn inventory_items(
        &self,
        scope: &Scope,
        mut query: ItemQuery,
    ) -> Result<ItemList, AppError> {
        query.limit = query.limit.clamp(1, 500);
        let limit = query.limit as usize;
        query.limit += 1;
        let mut rows = self
            .store
            .inventory_items(&scope.inventory_members(), &query)
            .await?;
        let next = (rows.len() > limit).then(|| {
            rows.truncate(limit);
            rows.last().map(|r| (r.name.clone(), r.id))
        });
        let codes = self.member_codes(scope).await?;
        Ok(ItemList {
            items: rows
                .into_iter()
                .map(|r| {
                    let code = r.member_id.and_then(|m| codes.get(&m).cloned());
                    (r, code)
                })
                .collect(),
            next: next.flatten(),
        })
    }

    /// Every item a filter matches (for a file), page by page.
    pub async fn inventory_export(
        &self,
        scope: &Scope,
        mut query: ItemQuery,
    ) -> Result<Vec<(ItemRecord, Option<String>)>, AppError> {
        let mut out = Vec::new();
        loop {
            query.limit = 500;
            let page = self.inventory_items(scope, query.clone()).await?;
            out.extend(page.items);
            match page.next {
                Some(next) => query.after = Some(next),
                None => return Ok(out),
            }
        }
    }

    /// Resolves a member code for an item filter (unknown and unseen alike).
    pub async fn inventory_owner_filter(
        &self,
        scope: &Scope,
        owner: &str,
    ) -> Result<Option<Uuid>, AppError> {
        if is_federation(owner) {
            return Ok(None);
        }
        let m = self.member_in_scope(scope, owner).await?;
        if !scope.inventory_members().allows(MemberId(m.id)) {
            return Err(AppError::invalid(
                "member",
                msg!("member.no_code", code = owner),
            ));
        }
        Ok(Some(m.id))
    }

    /// An item's page.
    pub async fn inventory_item_page(&self, scope: &Scope, id: Uuid) -> Result<ItemPage, AppError> {
        let item = self.readable_item(scope, id).await?;
        let codes = self.member_codes(scope).await?;
        let seen = scope.inventory_members();
        let served = self
            .store
            .inventory_served(id)
            .await?
            .into_iter()
            .filter(|m| seen.allows(MemberId(*m)))
            .filter_map(|m| codes.get(&m).cloned())
            .collect();
        let relations = self
            .name_relations(
                scope,
                self.store.inventory_relations_from(&[id]).await?,
                false,
            )
            .await?;
        let dependents = self
            .name_relations(scope, self.store.inventory_relations_to(&[id]).await?, true)
            .await?;
        let tickets = self
            .store
            .tickets_of_item(scope, id, 50)
            .await?
            .into_iter()
            .map(|t| {
                let code = codes.get(&t.member_id).cloned().unwrap_or_default();
                (t, code)
            })
            .collect();
        let category = match &item.category {
            Some(c) => self
                .inventory_categories()
                .await?
                .into_iter()
                .find(|k| &k.code == c),
            None => None,
        };
        Ok(ItemPage {
            owner_code: item.member_id.and_then(|m| codes.get(&m).cloned()),
            served,
            relations,
            dependents,
            software: self.store.inventory_software(id).await?,
            application: self.store.inventory_application(id).await?,
            tickets,
            target: self.store.consolidation_target(id).await?,
            category,
            item,
        })
    }

    /// Names each relation's other end; items the reader does not see are
    /// left out.
    async fn name_relations(
        &self,
        scope: &Scope,
        relations: Vec<RelationRecord>,
        incoming: bool,
    ) -> Result<Vec<NamedRelation>, AppError> {
        let other = |r: &RelationRecord| {
            if incoming {
                Some(r.item_id)
            } else {
                r.target_item_id
            }
        };
        let ids: Vec<Uuid> = relations.iter().filter_map(other).collect();
        let items: HashMap<Uuid, String> = self
            .store
            .inventory_item_names(&scope.inventory_members(), &ids)
            .await?
            .into_iter()
            .collect();
        let services: HashMap<Uuid, String> = self
            .store
            .list_services()
            .await?
            .into_iter()
            .map(|s| (s.id, format!("{} {}", s.code, s.name)))
            .collect();
        let mut administrations: HashMap<Uuid, String> = HashMap::new();
        let owners: HashSet<Uuid> = relations.iter().filter_map(|r| r.member_id).collect();
        for m in owners {
            for a in self
                .store
                .list_administrations(&MemberFilter::All, Some(MemberId(m)))
                .await?
            {
                administrations.insert(a.id, a.name);
            }
        }
        Ok(relations
            .into_iter()
            .filter_map(|r| {
                let (item, name) = match (other(&r), r.service_id, r.administration_id) {
                    (Some(o), _, _) => (Some(o), items.get(&o)?.clone()),
                    (None, Some(s), _) => (None, services.get(&s).cloned().unwrap_or_default()),
                    (None, None, Some(a)) => {
                        (None, administrations.get(&a).cloned().unwrap_or_default())
                    }
                    (None, None, None) => return None,
                };
                Some(NamedRelation {
                    kind: r.kind,
                    item,
                    name,
                })
            })
            .collect())
    }

    /// Adds or updates one item (the same checks as a line of an import).
    pub async fn save_inventory_item(
        &self,
        scope: &Scope,
        input: ItemInput,
    ) -> Result<ItemRecord, AppError> {
        let mut resolver =
            Resolver::load(self, scope, std::iter::once(input.owner.as_str())).await?;
        let mut batch = resolver
            .resolve_all(scope, &[(String::new(), input)])
            .map_err(|e| match e {
                AppError::Invalid(list) => AppError::Invalid(
                    list.into_iter()
                        .map(|mut f| {
                            f.field = f.field.trim_start_matches(": ").to_owned();
                            f
                        })
                        .collect(),
                ),
                other => other,
            })?;
        self.store.write_items(&batch).await?;
        let w = batch.pop().ok_or(AppError::NotFound("item"))?;
        self.readable_item(scope, w.item.id).await
    }
}
