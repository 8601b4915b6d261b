//! What compliance, diversity and the overlap view are computed from, read
//! in one pass as plain tuples; and the monthly history they are kept in.

use super::push_item_scope;
use crate::connect::BeginWrite;
use crate::{Store, StoreError};
use samdrift_domain::scope::MemberFilter;
use uuid::Uuid;

/// An item in use with a category: what compliance counts.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CategorisedItem {
    pub member_id: Option<Uuid>,
    pub category: String,
    pub product_key: String,
    pub product_name: String,
    pub product_version: String,
    /// When the item's consolidation step was done, if it has one.
    pub done_on: Option<String>,
}

/// A business system with its contract, for the overlap view.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SystemLine {
    pub id: Uuid,
    pub member_id: Option<Uuid>,
    pub name: String,
    pub category: Option<String>,
    pub product_key: String,
    pub product_name: String,
    pub product_version: String,
    pub lifecycle: String,
    pub supplier: Option<String>,
    pub contract_end: Option<String>,
    pub user_count: Option<i64>,
    pub classification: Option<String>,
    pub system_owner: Option<String>,
}

/// One month's compliance of one member (`None`: the federation) and
/// category, as kept.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MonthCell {
    pub month: String,
    pub member_id: Option<Uuid>,
    pub category: String,
    pub items: i64,
    pub on_standard: i64,
    pub products: i64,
    pub has_standard: i64,
}

impl Store {
    /// Items in use (not retired) that have a category, of what the filter reads.
    pub async fn categorised_items(
        &self,
        filter: &MemberFilter,
    ) -> Result<Vec<CategorisedItem>, StoreError> {
        on_pool!(self, p => {
            let mut qb = sqlx::QueryBuilder::new(
                "SELECT i.member_id, i.category, i.product_key, i.product_name, i.product_version, c.done_on \
                 FROM inventory_items i LEFT JOIN consolidation_targets c ON c.item_id = i.id \
                 WHERE i.category IS NOT NULL AND i.lifecycle <> 'retired' AND ",
            );
            push_item_scope(&mut qb, filter);
            Ok(qb.build_query_as::<CategorisedItem>().fetch_all(p).await?)
        })
    }

    /// Business systems (with their contracts) of what the filter reads.
    pub async fn system_lines(&self, filter: &MemberFilter) -> Result<Vec<SystemLine>, StoreError> {
        on_pool!(self, p => {
            let mut qb = sqlx::QueryBuilder::new(
                "SELECT i.id, i.member_id, i.name, i.category, i.product_key, i.product_name, i.product_version, \
                 i.lifecycle, a.supplier, a.contract_end, a.user_count, a.classification, a.system_owner \
                 FROM inventory_items i LEFT JOIN inventory_applications a ON a.item_id = i.id \
                 WHERE i.kind = 'business_system' AND ",
            );
            push_item_scope(&mut qb, filter);
            qb.push(" ORDER BY i.category, i.product_key, i.member_id, i.name");
            Ok(qb.build_query_as::<SystemLine>().fetch_all(p).await?)
        })
    }

    /// Replaces a month's cells (members' and the federation's) at once.
    pub async fn save_inventory_month(
        &self,
        month: &str,
        cells: &[MonthCell],
        at: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query("DELETE FROM inventory_monthly WHERE month = $1").bind(month).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM inventory_monthly_federation WHERE month = $1").bind(month).execute(&mut *tx).await?;
            for chunk in cells.chunks(400) {
                let members: Vec<&MonthCell> = chunk.iter().filter(|c| c.member_id.is_some()).collect();
                if !members.is_empty() {
                    let mut qb = sqlx::QueryBuilder::new(
                        "INSERT INTO inventory_monthly (month, member_id, category, items, on_standard, products, \
                         has_standard, computed_at) ",
                    );
                    qb.push_values(members, |mut b, c| {
                        b.push_bind(month.to_owned()).push_bind(c.member_id).push_bind(c.category.clone())
                            .push_bind(c.items).push_bind(c.on_standard).push_bind(c.products)
                            .push_bind(c.has_standard).push_bind(at);
                    });
                    qb.build().execute(&mut *tx).await?;
                }
                for c in chunk.iter().filter(|c| c.member_id.is_none()) {
                    sqlx::query(
                        "INSERT INTO inventory_monthly_federation (month, category, items, on_standard, products, \
                         has_standard, computed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(month).bind(&c.category).bind(c.items).bind(c.on_standard).bind(c.products)
                    .bind(c.has_standard).bind(at)
                    .execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The kept months from `from` to `to`: members' cells of the filter,
    /// and the federation's when `federation`.
    pub async fn inventory_months(
        &self,
        filter: &MemberFilter,
        federation: bool,
        from: &str,
        to: &str,
    ) -> Result<Vec<MonthCell>, StoreError> {
        on_pool!(self, p => {
            let mut qb = sqlx::QueryBuilder::new(
                "SELECT month, member_id, category, items, on_standard, products, has_standard \
                 FROM inventory_monthly WHERE month >= ",
            );
            qb.push_bind(from).push(" AND month <= ").push_bind(to).push(" AND ");
            crate::scope_sql::push_member_filter(&mut qb, "member_id", filter);
            let mut out = qb.build_query_as::<MonthCell>().fetch_all(p).await?;
            if federation {
                let rows = sqlx::query_as::<_, (String, String, i64, i64, i64, i64)>(
                    "SELECT month, category, items, on_standard, products, has_standard \
                     FROM inventory_monthly_federation WHERE month >= $1 AND month <= $2",
                ).bind(from).bind(to).fetch_all(p).await?;
                out.extend(rows.into_iter().map(|(month, category, items, on_standard, products, has_standard)| MonthCell {
                    month, member_id: None, category, items, on_standard, products, has_standard,
                }));
            }
            out.sort_by(|a, b| (&a.month, a.member_id, &a.category).cmp(&(&b.month, b.member_id, &b.category)));
            Ok(out)
        })
    }
}
