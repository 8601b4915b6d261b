//! SCIM provisioning: per-member tokens, the people a member's identity
//! provider provisions (`source = 'scim'`) and its directory groups. Every
//! query names the member; the use cases resolve it from the token.

use crate::accounts::AccountRecord;
use crate::connect::BeginWrite;
use crate::identity::{CHUNK, HistoryRecord, end_accounts, insert_history};
use crate::scim_sql::{Piece, SqlWhere};
use crate::{Store, StoreError};
use sqlx::QueryBuilder;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ScimTokenRecord {
    pub id: Uuid,
    pub member_id: Uuid,
    pub name: String,
    pub created_at: i64,
    pub created_by: Option<Uuid>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// A provisioned person as SCIM sees them.
#[derive(Debug, Clone, PartialEq, Default, sqlx::FromRow)]
pub struct ScimUserRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    /// The formatted name (the register's name).
    pub name: String,
    /// The userName, lower case.
    pub email: String,
    /// The externalId.
    pub source_key: Option<String>,
    pub title: Option<String>,
    /// The department.
    pub source_administration: Option<String>,
    pub scim_given_name: Option<String>,
    pub scim_family_name: Option<String>,
    pub scim_display_name: Option<String>,
    pub scim_formatted_name: Option<String>,
    /// The e-mail addresses as sent, JSON.
    pub scim_emails: Option<String>,
    /// The work address among them, lower case.
    pub scim_email: Option<String>,
    pub scim_employee_number: Option<String>,
    pub scim_created_at: Option<i64>,
    pub scim_modified_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub version: i64,
}

const USER: &str = "p.member_id, p.id, p.name, p.email, p.source_key, p.title, p.source_administration, \
    p.scim_given_name, p.scim_family_name, p.scim_display_name, p.scim_formatted_name, p.scim_emails, p.scim_email, p.scim_employee_number, \
    p.scim_created_at, p.scim_modified_at, p.ended_at, p.version";

/// Who a person with an e-mail is, when the member has one.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct EmailHolder {
    pub id: Uuid,
    pub source: Option<String>,
    pub scim_deleted_at: Option<i64>,
    pub version: i64,
}

/// What becomes of a person's accounts with a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    None,
    /// The person leaves: roles in the member go, accounts left with none
    /// are disabled and their sessions end.
    End,
    /// The person is active again: their accounts get the role back and
    /// are enabled.
    Return,
}

/// A new person, with the account they sign in with.
#[derive(Debug, Clone)]
pub struct ScimUserInsert {
    pub user: ScimUserRecord,
    /// A new account, or none when `existing_account` gets the role.
    pub account: Option<AccountRecord>,
    pub existing_account: Option<Uuid>,
    pub role: String,
    pub history: HistoryRecord,
}

/// A change of a person, at the version the caller read.
#[derive(Debug, Clone)]
pub struct ScimUserChange {
    pub user: ScimUserRecord,
    pub expected_version: i64,
    pub transition: Transition,
    pub role: String,
    /// Deleted through SCIM (no longer a SCIM resource).
    pub deleted: bool,
    pub history: HistoryRecord,
}

#[derive(Debug, Clone, PartialEq, Default, sqlx::FromRow)]
pub struct ScimGroupRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub display_name: String,
    pub external_id: Option<String>,
    pub created_at: i64,
    pub modified_at: i64,
    pub version: i64,
}

const GROUP: &str =
    "g.member_id, g.id, g.display_name, g.external_id, g.created_at, g.modified_at, g.version";

/// A group member: the person's id and the name shown for them.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct GroupMember {
    pub group_id: Uuid,
    pub person_id: Uuid,
    pub display: String,
}

/// How a group's members change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MembersChange {
    /// Every member anew.
    pub replace: Option<Vec<Uuid>>,
    pub add: Vec<Uuid>,
    pub remove: Vec<Uuid>,
    /// Every member goes (before `add`).
    pub remove_all: bool,
}

/// One page of a list, in order: which column, which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListPage {
    pub sort: Option<&'static str>,
    pub descending: bool,
    /// Rows skipped (SCIM's startIndex - 1).
    pub offset: i64,
    pub count: i64,
}

/// Appends a translated filter to a query.
macro_rules! push_where {
    ($qb:expr, $w:expr) => {{
        let w: &SqlWhere = $w;
        for piece in &w.0 {
            match piece {
                Piece::Sql(s) => {
                    $qb.push(s.as_str());
                }
                Piece::Text(t) => {
                    $qb.push_bind(t.clone());
                }
                Piece::Int(i) => {
                    $qb.push_bind(*i);
                }
                Piece::Uuid(u) => {
                    $qb.push_bind(*u);
                }
            }
        }
    }};
}

fn order_by(page: &ListPage, alias: &str) -> String {
    let way = if page.descending { "DESC" } else { "ASC" };
    match page.sort {
        Some(column) => format!(
            " ORDER BY {column} {way}, {alias}.id {way} LIMIT {} OFFSET {}",
            page.count, page.offset
        ),
        None => format!(
            " ORDER BY {alias}.id LIMIT {} OFFSET {}",
            page.count, page.offset
        ),
    }
}

impl Store {
    pub async fn insert_scim_token(
        &self,
        t: &ScimTokenRecord,
        token_hash: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO scim_tokens (id, member_id, name, token_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(t.id).bind(t.member_id).bind(&t.name).bind(token_hash).bind(t.created_at).bind(t.created_by)
            .execute(p).await?;
        });
        Ok(())
    }

    /// A member's SCIM tokens, newest first (revoked ones too).
    pub async fn scim_tokens(&self, member: Uuid) -> Result<Vec<ScimTokenRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ScimTokenRecord>(
            "SELECT id, member_id, name, created_at, created_by, last_used_at, revoked_at FROM scim_tokens \
             WHERE member_id = $1 ORDER BY created_at DESC, id",
        ).bind(member).fetch_all(p).await?))
    }

    /// Revokes a member's token; whether one was revoked now.
    pub async fn revoke_scim_token(
        &self,
        member: Uuid,
        id: Uuid,
        at: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let r = sqlx::query("UPDATE scim_tokens SET revoked_at = $1 WHERE member_id = $2 AND id = $3 AND revoked_at IS NULL")
                .bind(at).bind(member).bind(id).execute(p).await?;
            Ok(r.rows_affected() == 1)
        })
    }

    /// The member a token (not revoked) provisions for; its last use is
    /// set to `now` when older than `touch_before`.
    pub async fn scim_token_member(
        &self,
        token_hash: &str,
        now: i64,
        touch_before: i64,
    ) -> Result<Option<(Uuid, Uuid)>, StoreError> {
        on_pool!(self, p => {
            let row: Option<(Uuid, Uuid, Option<i64>)> = sqlx::query_as(
                "SELECT id, member_id, last_used_at FROM scim_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
            ).bind(token_hash).fetch_optional(p).await?;
            if let Some((id, _, last)) = row
                && last.is_none_or(|l| l < touch_before)
            {
                sqlx::query("UPDATE scim_tokens SET last_used_at = $1 WHERE id = $2")
                    .bind(now).bind(id).execute(p).await?;
            }
            Ok(row.map(|(id, member, _)| (id, member)))
        })
    }

    /// A member's provisioned people matching `filter`: how many, and one
    /// page of them.
    pub async fn scim_users(
        &self,
        member: Uuid,
        filter: &SqlWhere,
        page: &ListPage,
    ) -> Result<(i64, Vec<ScimUserRecord>), StoreError> {
        on_pool!(self, p => {
            let base = "FROM people p WHERE p.member_id = ";
            let mut qb = QueryBuilder::new(format!("SELECT COUNT(*) {base}"));
            qb.push_bind(member).push(" AND p.source = 'scim' AND p.scim_deleted_at IS NULL");
            if !filter.0.is_empty() {
                qb.push(" AND ");
                push_where!(qb, filter);
            }
            let (total,): (i64,) = qb.build_query_as().fetch_one(p).await?;
            if page.count == 0 || total == 0 {
                return Ok((total, Vec::new()));
            }
            let mut qb = QueryBuilder::new(format!("SELECT {USER} {base}"));
            qb.push_bind(member).push(" AND p.source = 'scim' AND p.scim_deleted_at IS NULL");
            if !filter.0.is_empty() {
                qb.push(" AND ");
                push_where!(qb, filter);
            }
            qb.push(order_by(page, "p"));
            Ok((total, qb.build_query_as::<ScimUserRecord>().fetch_all(p).await?))
        })
    }

    /// A member's provisioned person (not deleted).
    pub async fn scim_user(
        &self,
        member: Uuid,
        id: Uuid,
    ) -> Result<Option<ScimUserRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ScimUserRecord>(
            sqlx::AssertSqlSafe(format!(
                "SELECT {USER} FROM people p WHERE p.member_id = $1 AND p.id = $2 AND p.source = 'scim' AND p.scim_deleted_at IS NULL"
            )),
        ).bind(member).bind(id).fetch_optional(p).await?))
    }

    /// The member's person with this e-mail (lower case), of any source.
    pub async fn person_with_email(
        &self,
        member: Uuid,
        email: &str,
    ) -> Result<Option<EmailHolder>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, EmailHolder>(
            "SELECT id, source, scim_deleted_at, version FROM people WHERE member_id = $1 AND email = $2",
        ).bind(member).bind(email).fetch_optional(p).await?))
    }

    /// Which of `ids` are the member's provisioned people (not deleted).
    pub async fn scim_user_ids(&self, member: Uuid, ids: &[Uuid]) -> Result<Vec<Uuid>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new("SELECT id FROM people WHERE member_id = ");
            qb.push_bind(member).push(" AND source = 'scim' AND scim_deleted_at IS NULL AND id IN (");
            let mut list = qb.separated(", ");
            for id in ids {
                list.push_bind(*id);
            }
            qb.push(")");
            let rows: Vec<(Uuid,)> = qb.build_query_as().fetch_all(p).await?;
            Ok(rows.into_iter().map(|r| r.0).collect())
        })
    }

    /// Inserts a provisioned person with their account (or a role for the
    /// existing account of their e-mail) and a history row.
    pub async fn insert_scim_user(&self, w: &ScimUserInsert) -> Result<(), StoreError> {
        let u = &w.user;
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query(
                "INSERT INTO people (member_id, id, name, email, kind, source, source_key, title, source_administration, \
                 scim_given_name, scim_family_name, scim_display_name, scim_email, scim_employee_number, scim_created_at, \
                 scim_modified_at, ended_at, scim_formatted_name, scim_emails, version) \
                 VALUES ($1, $2, $3, $4, 'employee', 'scim', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1)",
            )
            .bind(u.member_id).bind(u.id).bind(&u.name).bind(&u.email).bind(&u.source_key).bind(&u.title)
            .bind(&u.source_administration).bind(&u.scim_given_name).bind(&u.scim_family_name)
            .bind(&u.scim_display_name).bind(&u.scim_email).bind(&u.scim_employee_number)
            .bind(u.scim_created_at).bind(u.scim_modified_at).bind(u.ended_at)
            .bind(&u.scim_formatted_name).bind(&u.scim_emails)
            .execute(&mut *tx).await?;
            if let Some(a) = &w.account {
                sqlx::query(
                    "INSERT INTO accounts (id, username, password_hash, person_member_id, person_id, staff_role, language, disabled, created_at, version) \
                     VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, 1)",
                )
                .bind(a.id).bind(&a.username).bind(&a.password_hash).bind(a.person_member_id).bind(a.person_id)
                .bind(&a.language).bind(a.disabled).bind(a.created_at)
                .execute(&mut *tx).await?;
            }
            let account = w.account.as_ref().map(|a| a.id).or(w.existing_account);
            if let Some(account) = account && u.ended_at.is_none() {
                sqlx::query("INSERT INTO account_roles (account_id, member_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(account).bind(u.member_id).bind(&w.role).execute(&mut *tx).await?;
                sqlx::query("UPDATE accounts SET disabled = FALSE, version = version + 1 WHERE id = $1 AND disabled")
                    .bind(account).execute(&mut *tx).await?;
            }
            insert_history!(tx, std::slice::from_ref(&w.history));
            tx.commit().await?;
        });
        Ok(())
    }

    /// Writes a person's change at the version the caller read (`Stale`
    /// otherwise), what it means for their accounts, and a history row.
    pub async fn update_scim_user(&self, w: &ScimUserChange) -> Result<(), StoreError> {
        let u = &w.user;
        let deleted_at = w.deleted.then_some(u.scim_modified_at).flatten();
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let done = sqlx::query(
                "UPDATE people SET name = $1, email = $2, source_key = $3, title = $4, source_administration = $5, \
                 scim_given_name = $6, scim_family_name = $7, scim_display_name = $8, scim_email = $9, \
                 scim_employee_number = $10, scim_modified_at = $11, ended_at = $12, scim_deleted_at = $13, \
                 scim_created_at = COALESCE($14, scim_created_at), scim_formatted_name = $15, scim_emails = $16, \
                 version = version + 1 WHERE member_id = $17 AND id = $18 AND version = $19 AND source = 'scim'",
            )
            .bind(&u.name).bind(&u.email).bind(&u.source_key).bind(&u.title).bind(&u.source_administration)
            .bind(&u.scim_given_name).bind(&u.scim_family_name).bind(&u.scim_display_name).bind(&u.scim_email)
            .bind(&u.scim_employee_number).bind(u.scim_modified_at).bind(u.ended_at).bind(deleted_at)
            .bind(u.scim_created_at).bind(&u.scim_formatted_name).bind(&u.scim_emails)
            .bind(u.member_id).bind(u.id).bind(w.expected_version)
            .execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Stale);
            }
            match w.transition {
                Transition::None => {}
                Transition::End => end_accounts!(tx, u.member_id, std::slice::from_ref(&u.id)),
                Transition::Return => {
                    let accounts: Vec<(Uuid,)> = sqlx::query_as(
                        "SELECT a.id FROM accounts a WHERE a.person_member_id = $1 AND a.person_id = $2 AND a.staff_role IS NULL \
                         UNION SELECT a.id FROM accounts a WHERE a.username = $3 AND a.staff_role IS NULL",
                    )
                    .bind(u.member_id).bind(u.id).bind(&u.email).fetch_all(&mut *tx).await?;
                    for (account,) in accounts {
                        sqlx::query("INSERT INTO account_roles (account_id, member_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                            .bind(account).bind(u.member_id).bind(&w.role).execute(&mut *tx).await?;
                        sqlx::query("UPDATE accounts SET disabled = FALSE, version = version + 1 WHERE id = $1 AND disabled")
                            .bind(account).execute(&mut *tx).await?;
                    }
                }
            }
            if w.deleted {
                sqlx::query("DELETE FROM scim_group_members WHERE member_id = $1 AND person_id = $2")
                    .bind(u.member_id).bind(u.id).execute(&mut *tx).await?;
            }
            insert_history!(tx, std::slice::from_ref(&w.history));
            tx.commit().await?;
        });
        Ok(())
    }

    /// A member's groups matching `filter`: how many, and one page.
    pub async fn scim_groups(
        &self,
        member: Uuid,
        filter: &SqlWhere,
        page: &ListPage,
    ) -> Result<(i64, Vec<ScimGroupRecord>), StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new("SELECT COUNT(*) FROM scim_groups g WHERE g.member_id = ");
            qb.push_bind(member);
            if !filter.0.is_empty() {
                qb.push(" AND ");
                push_where!(qb, filter);
            }
            let (total,): (i64,) = qb.build_query_as().fetch_one(p).await?;
            if page.count == 0 || total == 0 {
                return Ok((total, Vec::new()));
            }
            let mut qb = QueryBuilder::new(format!("SELECT {GROUP} FROM scim_groups g WHERE g.member_id = "));
            qb.push_bind(member);
            if !filter.0.is_empty() {
                qb.push(" AND ");
                push_where!(qb, filter);
            }
            qb.push(order_by(page, "g"));
            Ok((total, qb.build_query_as::<ScimGroupRecord>().fetch_all(p).await?))
        })
    }

    pub async fn scim_group(
        &self,
        member: Uuid,
        id: Uuid,
    ) -> Result<Option<ScimGroupRecord>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, ScimGroupRecord>(
            sqlx::AssertSqlSafe(format!("SELECT {GROUP} FROM scim_groups g WHERE g.member_id = $1 AND g.id = $2")),
        ).bind(member).bind(id).fetch_optional(p).await?))
    }

    /// The members of these groups of a member, by name.
    pub async fn scim_group_members(
        &self,
        member: Uuid,
        groups: &[Uuid],
    ) -> Result<Vec<GroupMember>, StoreError> {
        if groups.is_empty() {
            return Ok(Vec::new());
        }
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(
                "SELECT m.group_id, m.person_id, COALESCE(p.scim_display_name, p.name) AS display FROM scim_group_members m \
                 JOIN people p ON p.member_id = m.member_id AND p.id = m.person_id WHERE m.member_id = ",
            );
            qb.push_bind(member).push(" AND m.group_id IN (");
            let mut list = qb.separated(", ");
            for g in groups {
                list.push_bind(*g);
            }
            qb.push(") ORDER BY m.group_id, display, m.person_id");
            Ok(qb.build_query_as::<GroupMember>().fetch_all(p).await?)
        })
    }

    pub async fn insert_scim_group(
        &self,
        g: &ScimGroupRecord,
        members: &[Uuid],
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query(
                "INSERT INTO scim_groups (member_id, id, display_name, external_id, created_at, modified_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, 1)",
            )
            .bind(g.member_id).bind(g.id).bind(&g.display_name).bind(&g.external_id).bind(g.created_at).bind(g.modified_at)
            .execute(&mut *tx).await?;
            for person in members {
                sqlx::query("INSERT INTO scim_group_members (member_id, group_id, person_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(g.member_id).bind(g.id).bind(person).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Writes a group's name, externalId and members at the version the
    /// caller read (`Stale` otherwise).
    pub async fn update_scim_group(
        &self,
        g: &ScimGroupRecord,
        expected_version: i64,
        members: &MembersChange,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let done = sqlx::query(
                "UPDATE scim_groups SET display_name = $1, external_id = $2, modified_at = $3, version = version + 1 \
                 WHERE member_id = $4 AND id = $5 AND version = $6",
            )
            .bind(&g.display_name).bind(&g.external_id).bind(g.modified_at).bind(g.member_id).bind(g.id).bind(expected_version)
            .execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Stale);
            }
            if members.replace.is_some() || members.remove_all {
                sqlx::query("DELETE FROM scim_group_members WHERE member_id = $1 AND group_id = $2")
                    .bind(g.member_id).bind(g.id).execute(&mut *tx).await?;
            }
            for person in &members.remove {
                sqlx::query("DELETE FROM scim_group_members WHERE member_id = $1 AND group_id = $2 AND person_id = $3")
                    .bind(g.member_id).bind(g.id).bind(person).execute(&mut *tx).await?;
            }
            for person in members.replace.iter().flatten().chain(&members.add) {
                sqlx::query("INSERT INTO scim_group_members (member_id, group_id, person_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(g.member_id).bind(g.id).bind(person).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Deletes a group (with its memberships) at a version, or at any
    /// version (none). Whether one went.
    pub async fn delete_scim_group(
        &self,
        member: Uuid,
        id: Uuid,
        version: Option<i64>,
    ) -> Result<bool, StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let found: Option<(i64,)> = sqlx::query_as("SELECT version FROM scim_groups WHERE member_id = $1 AND id = $2")
                .bind(member).bind(id).fetch_optional(&mut *tx).await?;
            match (found, version) {
                (None, _) => return Ok(false),
                (Some((v,)), Some(expected)) if v != expected => return Err(StoreError::Stale),
                _ => {}
            }
            sqlx::query("DELETE FROM scim_group_members WHERE member_id = $1 AND group_id = $2")
                .bind(member).bind(id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM scim_groups WHERE member_id = $1 AND id = $2")
                .bind(member).bind(id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}
