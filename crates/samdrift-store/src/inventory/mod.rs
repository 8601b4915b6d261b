//! The inventory: configuration items of each member and of the
//! federation, their relations, software, business-system details and
//! ticket links; the common standard and the consolidation plan; agent
//! keys; the monthly compliance history. Reads take the `MemberFilter` of
//! whose inventory the caller sees (`Scope::inventory_members`): a
//! member's items, and the federation's items that serve it.

pub mod agents;
pub mod figures;
pub mod items;
pub mod links;
pub mod standard;

use samdrift_domain::scope::MemberFilter;
use sqlx::{Database, Encode, QueryBuilder, Type};
use uuid::Uuid;

/// Appends the condition for items (alias `i`) a member filter reads: the
/// members' own items, and federation items serving one of them.
pub(crate) fn push_item_scope<DB>(qb: &mut QueryBuilder<DB>, filter: &MemberFilter)
where
    DB: Database,
    for<'a> Uuid: Encode<'a, DB> + Type<DB>,
{
    match filter {
        MemberFilter::All => {
            qb.push(" (1 = 1) ");
        }
        MemberFilter::Only(ids) if ids.is_empty() => {
            qb.push(" (1 = 0) ");
        }
        MemberFilter::Only(ids) => {
            qb.push(" (i.member_id IN (");
            let mut list = qb.separated(", ");
            for id in ids {
                list.push_bind(id.0);
            }
            qb.push(
                ") OR (i.member_id IS NULL AND EXISTS (SELECT 1 FROM inventory_served_members s \
                     WHERE s.item_id = i.id AND s.member_id IN (",
            );
            let mut list = qb.separated(", ");
            for id in ids {
                list.push_bind(id.0);
            }
            qb.push("))))");
        }
    }
}
