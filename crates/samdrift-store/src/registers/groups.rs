//! Competence groups (kompetensgrupper) and their members. Groups are the
//! federation's own: every authenticated principal may read them.

use crate::{Store, StoreError};
use samdrift_domain::ids::{AccountId, GroupId};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct GroupRecord {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub version: i64,
}

impl Store {
    pub async fn insert_group(&self, g: &GroupRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("INSERT INTO competence_groups (id, name, description, version) VALUES ($1, $2, $3, 1)")
                .bind(g.id).bind(&g.name).bind(&g.description)
                .execute(p).await?;
        });
        Ok(())
    }

    pub async fn list_groups(&self) -> Result<Vec<GroupRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, GroupRecord>(
            "SELECT id, name, description, version FROM competence_groups ORDER BY name",
        ).fetch_all(p).await?))
    }

    pub async fn get_group(&self, id: GroupId) -> Result<Option<GroupRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, GroupRecord>(
            "SELECT id, name, description, version FROM competence_groups WHERE id = $1",
        ).bind(id.0).fetch_optional(p).await?))
    }

    pub async fn add_group_member(
        &self,
        group: GroupId,
        account: AccountId,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query("INSERT INTO group_members (group_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(group.0).bind(account.0)
                .execute(p).await?;
        });
        Ok(())
    }

    /// Account ids in a group.
    pub async fn group_member_ids(&self, group: GroupId) -> Result<Vec<Uuid>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, Uuid>(
            "SELECT account_id FROM group_members WHERE group_id = $1",
        ).bind(group.0).fetch_all(p).await?))
    }

    /// Every membership, as (group, account).
    pub async fn list_group_members(&self) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, (Uuid, Uuid)>(
            "SELECT group_id, account_id FROM group_members",
        ).fetch_all(p).await?))
    }

    /// Group ids an account belongs to.
    pub async fn groups_of(&self, account: AccountId) -> Result<Vec<Uuid>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar::<_, Uuid>(
            "SELECT group_id FROM group_members WHERE account_id = $1",
        ).bind(account.0).fetch_all(p).await?))
    }
}
