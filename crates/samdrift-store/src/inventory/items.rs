//! Configuration items with their relations, software and business-system
//! details. An import or an agent writes an item and everything that hangs
//! on it in one transaction; relations and software are replaced whole.

use super::push_item_scope;
use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use samdrift_domain::scope::MemberFilter;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ItemRecord {
    pub id: Uuid,
    pub member_id: Option<Uuid>,
    pub kind: String,
    pub name: String,
    pub network: Option<String>,
    pub location: String,
    pub lifecycle: String,
    pub category: Option<String>,
    pub product_raw: String,
    pub version_raw: String,
    pub product_key: String,
    pub product_name: String,
    pub product_version: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: Option<String>,
    pub hardware_uuid: Option<String>,
    pub agent_device_id: Option<String>,
    pub attributes: String,
    pub software_hash: Option<String>,
    pub source: String,
    pub last_inventory_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

/// A relation from an item to another item, a service or an administration.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RelationRecord {
    pub item_id: Uuid,
    pub kind: String,
    pub target_item_id: Option<Uuid>,
    pub service_id: Option<Uuid>,
    pub member_id: Option<Uuid>,
    pub administration_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SoftwareRecord {
    pub name: String,
    pub version: String,
    pub publisher: String,
    pub product_key: String,
}

/// A business system's management and contract.
#[derive(Debug, Clone, Default, PartialEq, sqlx::FromRow)]
pub struct ApplicationRecord {
    pub item_id: Uuid,
    pub supplier: String,
    pub contract_end: Option<String>,
    pub classification: String,
    pub user_count: Option<i64>,
    pub system_owner: String,
    pub object_manager: String,
    pub system_administrator: String,
}

/// An item with what hangs on it, as written by an import.
#[derive(Debug, Clone)]
pub struct ItemWrite {
    pub item: ItemRecord,
    /// Whether the item exists (update on `item.version`) or is new.
    pub existing: bool,
    pub served: Vec<Uuid>,
    pub relations: Vec<RelationRecord>,
    pub application: Option<ApplicationRecord>,
}

/// Filters of an item list.
#[derive(Debug, Clone, Default)]
pub struct ItemQuery {
    /// Only this member's own items; `Some(None)` the federation's.
    pub owner: Option<Option<Uuid>>,
    pub kind: Option<String>,
    pub category: Option<String>,
    /// Part of the name, product, serial or location.
    pub text: Option<String>,
    /// Items named after this one (keyset by name, id).
    pub after: Option<(String, Uuid)>,
    pub limit: i64,
}

pub(crate) const ITEM: &str = "i.id, i.member_id, i.kind, i.name, i.network, i.location, i.lifecycle, i.category, \
    i.product_raw, i.version_raw, i.product_key, i.product_name, i.product_version, i.manufacturer, i.model, \
    i.serial, i.hardware_uuid, i.agent_device_id, i.attributes, i.source, i.last_inventory_at, i.created_at, \
    i.updated_at, i.software_hash, i.version";

macro_rules! bind_item {
    ($q:expr, $i:expr) => {
        $q.bind($i.id)
            .bind($i.member_id)
            .bind(&$i.kind)
            .bind(&$i.name)
            .bind(&$i.network)
            .bind(&$i.location)
            .bind(&$i.lifecycle)
            .bind(&$i.category)
            .bind(&$i.product_raw)
            .bind(&$i.version_raw)
            .bind(&$i.product_key)
            .bind(&$i.product_name)
            .bind(&$i.product_version)
            .bind(&$i.manufacturer)
            .bind(&$i.model)
            .bind(&$i.serial)
            .bind(&$i.hardware_uuid)
            .bind(&$i.agent_device_id)
            .bind(&$i.attributes)
            .bind(&$i.source)
            .bind($i.last_inventory_at)
            .bind($i.created_at)
            .bind($i.updated_at)
            .bind(&$i.software_hash)
    };
}
pub(crate) use bind_item;

pub(crate) const INSERT_ITEM: &str = "INSERT INTO inventory_items (id, member_id, kind, name, network, location, \
    lifecycle, category, product_raw, version_raw, product_key, product_name, product_version, manufacturer, \
    model, serial, hardware_uuid, agent_device_id, attributes, source, last_inventory_at, created_at, \
    updated_at, software_hash, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
    $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, 1)";

/// Updates every field but the id, owner and creation (`$22`, bound but
/// unused) on the version read (`$25`).
pub(crate) const UPDATE_ITEM: &str = "UPDATE inventory_items SET kind = $3, name = $4, network = $5, \
    location = $6, lifecycle = $7, category = $8, product_raw = $9, version_raw = $10, product_key = $11, \
    product_name = $12, product_version = $13, manufacturer = $14, model = $15, serial = $16, \
    hardware_uuid = $17, agent_device_id = $18, attributes = $19, source = $20, last_inventory_at = $21, \
    updated_at = $23, software_hash = $24, version = version + 1 \
    WHERE id = $1 AND (member_id = $2 OR (member_id IS NULL AND $2 IS NULL)) AND version = $25";

impl Store {
    /// Writes a batch of items in one transaction: all or nothing. An
    /// update whose version changed meanwhile fails the batch with
    /// `StoreError::Stale`.
    pub async fn write_items(&self, batch: &[ItemWrite]) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            for w in batch {
                let i = &w.item;
                if w.existing {
                    let q = sqlx::query(UPDATE_ITEM);
                    let done = bind_item!(q, i).bind(i.version).execute(&mut *tx).await?;
                    if done.rows_affected() != 1 {
                        return Err(StoreError::Stale);
                    }
                } else {
                    let q = sqlx::query(INSERT_ITEM);
                    bind_item!(q, i).execute(&mut *tx).await?;
                }
                sqlx::query("DELETE FROM inventory_served_members WHERE item_id = $1")
                    .bind(i.id).execute(&mut *tx).await?;
                for m in &w.served {
                    sqlx::query("INSERT INTO inventory_served_members (item_id, member_id) VALUES ($1, $2)")
                        .bind(i.id).bind(m).execute(&mut *tx).await?;
                }
                sqlx::query("DELETE FROM inventory_relations WHERE item_id = $1")
                    .bind(i.id).execute(&mut *tx).await?;
                for (pos, r) in w.relations.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO inventory_relations (item_id, kind, target_item_id, service_id, member_id, \
                         administration_id, position) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(i.id).bind(&r.kind).bind(r.target_item_id).bind(r.service_id)
                    .bind(r.member_id).bind(r.administration_id).bind(pos as i64)
                    .execute(&mut *tx).await?;
                }
                sqlx::query("DELETE FROM inventory_applications WHERE item_id = $1")
                    .bind(i.id).execute(&mut *tx).await?;
                if let Some(a) = &w.application {
                    sqlx::query(
                        "INSERT INTO inventory_applications (item_id, supplier, contract_end, classification, \
                         user_count, system_owner, object_manager, system_administrator) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(i.id).bind(&a.supplier).bind(&a.contract_end).bind(&a.classification)
                    .bind(a.user_count).bind(&a.system_owner).bind(&a.object_manager)
                    .bind(&a.system_administrator)
                    .execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// One item the filter reads.
    pub async fn inventory_item(
        &self,
        filter: &MemberFilter,
        id: Uuid,
    ) -> Result<Option<ItemRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = sqlx::QueryBuilder::new(format!("SELECT {ITEM} FROM inventory_items i WHERE i.id = "));
            qb.push_bind(id).push(" AND ");
            push_item_scope(&mut qb, filter);
            Ok(qb.build_query_as::<ItemRecord>().fetch_optional(p).await?)
        })
    }

    /// Items the filter reads, by name, a page at a time.
    pub async fn inventory_items(
        &self,
        filter: &MemberFilter,
        q: &ItemQuery,
    ) -> Result<Vec<ItemRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = sqlx::QueryBuilder::new(format!("SELECT {ITEM} FROM inventory_items i WHERE "));
            push_item_scope(&mut qb, filter);
            match q.owner {
                Some(Some(m)) => { qb.push(" AND i.member_id = ").push_bind(m); }
                Some(None) => { qb.push(" AND i.member_id IS NULL"); }
                None => {}
            }
            if let Some(k) = &q.kind {
                qb.push(" AND i.kind = ").push_bind(k.clone());
            }
            if let Some(c) = &q.category {
                qb.push(" AND i.category = ").push_bind(c.clone());
            }
            if let Some(t) = &q.text {
                let like = format!("%{}%", t.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
                qb.push(" AND (LOWER(i.name) LIKE ").push_bind(like.clone()).push(" ESCAPE '\\'")
                    .push(" OR LOWER(i.product_name) LIKE ").push_bind(like.clone()).push(" ESCAPE '\\'")
                    .push(" OR LOWER(COALESCE(i.serial, '')) LIKE ").push_bind(like.clone()).push(" ESCAPE '\\'")
                    .push(" OR LOWER(i.location) LIKE ").push_bind(like).push(" ESCAPE '\\')");
            }
            if let Some((name, id)) = &q.after {
                qb.push(" AND (i.name > ").push_bind(name.clone())
                    .push(" OR (i.name = ").push_bind(name.clone()).push(" AND i.id > ").push_bind(*id).push("))");
            }
            qb.push(" ORDER BY i.name, i.id LIMIT ").push_bind(q.limit);
            Ok(qb.build_query_as::<ItemRecord>().fetch_all(p).await?)
        })
    }

    /// Every item of these owners (`None` in the list: the federation's),
    /// for an import to match its lines against.
    pub async fn inventory_items_of_owners(
        &self,
        members: &[Uuid],
        federation: bool,
    ) -> Result<Vec<ItemRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = sqlx::QueryBuilder::new(format!("SELECT {ITEM} FROM inventory_items i WHERE i.member_id IN ("));
            let mut list = qb.separated(", ");
            list.push_bind(Uuid::nil());
            for m in members {
                list.push_bind(*m);
            }
            qb.push(")");
            if federation {
                qb.push(" OR i.member_id IS NULL");
            }
            Ok(qb.build_query_as::<ItemRecord>().fetch_all(p).await?)
        })
    }

    /// The relations from these items.
    pub async fn inventory_relations_from(
        &self,
        items: &[Uuid],
    ) -> Result<Vec<RelationRecord>, StoreError> {
        self.relations_where("item_id", items).await
    }

    /// The relations to these items (who runs on or depends on them).
    pub async fn inventory_relations_to(
        &self,
        items: &[Uuid],
    ) -> Result<Vec<RelationRecord>, StoreError> {
        self.relations_where("target_item_id", items).await
    }

    async fn relations_where(
        &self,
        column: &'static str,
        items: &[Uuid],
    ) -> Result<Vec<RelationRecord>, StoreError> {
        if items.is_empty() {
            return Ok(vec![]);
        }
        let mut out = Vec::new();
        for chunk in items.chunks(500) {
            on_pool!(self, p => {
                let mut qb = sqlx::QueryBuilder::new(format!(
                    "SELECT item_id, kind, target_item_id, service_id, member_id, administration_id \
                     FROM inventory_relations WHERE {column} IN ("
                ));
                let mut list = qb.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                qb.push(") ORDER BY item_id, position");
                out.extend(qb.build_query_as::<RelationRecord>().fetch_all(p).await?);
            });
        }
        Ok(out)
    }

    /// Owners and served members of these items (id, owner, served).
    pub async fn inventory_owners(
        &self,
        items: &[Uuid],
    ) -> Result<Vec<(Uuid, Option<Uuid>, Option<Uuid>)>, StoreError> {
        let mut out = Vec::new();
        for chunk in items.chunks(500) {
            on_pool!(self, p => {
                let mut qb = sqlx::QueryBuilder::new(
                    "SELECT i.id, i.member_id, s.member_id FROM inventory_items i \
                     LEFT JOIN inventory_served_members s ON s.item_id = i.id WHERE i.id IN (",
                );
                let mut list = qb.separated(", ");
                list.push_bind(Uuid::nil());
                for id in chunk {
                    list.push_bind(*id);
                }
                qb.push(")");
                out.extend(qb.build_query_as::<(Uuid, Option<Uuid>, Option<Uuid>)>().fetch_all(p).await?);
            });
        }
        Ok(out)
    }

    /// The names of those of these items the filter reads (id, name).
    pub async fn inventory_item_names(
        &self,
        filter: &MemberFilter,
        ids: &[Uuid],
    ) -> Result<Vec<(Uuid, String)>, StoreError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(500) {
            on_pool!(self, p => {
                let mut qb = sqlx::QueryBuilder::new("SELECT i.id, i.name FROM inventory_items i WHERE i.id IN (");
                let mut list = qb.separated(", ");
                list.push_bind(Uuid::nil());
                for id in chunk {
                    list.push_bind(*id);
                }
                qb.push(") AND ");
                push_item_scope(&mut qb, filter);
                out.extend(qb.build_query_as::<(Uuid, String)>().fetch_all(p).await?);
            });
        }
        Ok(out)
    }

    /// The members a federation item serves.
    pub async fn inventory_served(&self, item: Uuid) -> Result<Vec<Uuid>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, Uuid>(
            "SELECT member_id FROM inventory_served_members WHERE item_id = $1 ORDER BY member_id",
        ).bind(item).fetch_all(p).await?))
    }

    pub async fn inventory_software(&self, item: Uuid) -> Result<Vec<SoftwareRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SoftwareRecord>(
            "SELECT name, version, publisher, product_key FROM inventory_software WHERE item_id = $1 ORDER BY position",
        ).bind(item).fetch_all(p).await?))
    }

    pub async fn inventory_application(
        &self,
        item: Uuid,
    ) -> Result<Option<ApplicationRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ApplicationRecord>(
            "SELECT item_id, supplier, contract_end, classification, user_count, system_owner, object_manager, \
             system_administrator FROM inventory_applications WHERE item_id = $1",
        ).bind(item).fetch_optional(p).await?))
    }

    /// The categories register: (code, area, name_sv, name_en) in order.
    pub async fn inventory_categories(
        &self,
    ) -> Result<Vec<(String, String, String, String)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, (String, String, String, String)>(
            "SELECT code, area, name_sv, name_en FROM inventory_categories ORDER BY position",
        ).fetch_all(p).await?))
    }
}
