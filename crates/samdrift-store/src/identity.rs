//! People from the members' source systems: the register as a delivery is
//! compared with it, deliveries waiting to be applied, applying one in a
//! single transaction, people whose last day has passed, and each
//! person's history.

use crate::accounts::AccountRecord;
use crate::connect::BeginWrite;
use crate::scope_sql::push_member_filter;
use crate::{Store, StoreError};
use samdrift_domain::ids::MemberId;
use samdrift_domain::scope::MemberFilter;
use sqlx::QueryBuilder;
use std::collections::HashMap;
use uuid::Uuid;

/// A person with what their source says, as read for a comparison.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SourcedPerson {
    pub member_id: Uuid,
    pub id: Uuid,
    pub administration_id: Option<Uuid>,
    pub name: String,
    pub email: String,
    pub kind: String,
    pub source: Option<String>,
    pub source_key: Option<String>,
    pub pnr_hash: Option<String>,
    pub pnr_masked: Option<String>,
    pub source_administration: Option<String>,
    pub workplace: Option<String>,
    pub title: Option<String>,
    pub manager_key: Option<String>,
    pub school: Option<String>,
    pub class_name: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub ended_at: Option<i64>,
}

const SOURCED: &str = "member_id, id, administration_id, name, email, kind, source, source_key, pnr_hash, \
    pnr_masked, source_administration, workplace, title, manager_key, school, class_name, starts_on, ends_on, ended_at";

/// A person as a delivery writes them: inserted, or every sourced column
/// rewritten (and made active again).
#[derive(Debug, Clone, PartialEq)]
pub struct PersonWrite {
    pub person: SourcedPerson,
    /// The sealed personnummer; none keeps what is stored (updates) or
    /// stores none (inserts).
    pub pnr_sealed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DeliveryRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub source: String,
    pub is_full: bool,
    pub received_at: i64,
    pub received_by: Option<Uuid>,
    pub state: String,
    pub people: String,
    pub summary: String,
    pub decided_at: Option<i64>,
    pub decided_by: Option<Uuid>,
    pub version: i64,
}

const DELIVERY: &str = "member_id, id, source, is_full, received_at, received_by, state, people, summary, \
    decided_at, decided_by, version";

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct HistoryRecord {
    pub member_id: Uuid,
    pub id: Uuid,
    pub person_id: Uuid,
    pub at: i64,
    pub kind: String,
    pub delivery_id: Option<Uuid>,
    pub reason: Option<String>,
    pub changes: String,
    pub by_account: Option<Uuid>,
}

/// Everything applying a delivery writes, in one transaction.
#[derive(Debug, Clone, Default)]
pub struct DeliveryApply {
    pub member_id: Uuid,
    pub delivery_id: Uuid,
    /// The delivery's version the decision was made on.
    pub expected_version: i64,
    pub at: i64,
    pub by: Option<Uuid>,
    /// Administrations the delivery names that the member did not have.
    pub administrations: Vec<(Uuid, String)>,
    pub inserts: Vec<PersonWrite>,
    pub updates: Vec<PersonWrite>,
    /// People who leave now.
    pub ends: Vec<Uuid>,
    /// Accounts for joiners who had none, each with its role in the member.
    pub accounts: Vec<(AccountRecord, String)>,
    /// Roles in the member for joiners' existing accounts.
    pub roles: Vec<(Uuid, String)>,
    /// Joiners' existing accounts, enabled again (a leaver who returns).
    pub enable: Vec<Uuid>,
    pub history: Vec<HistoryRecord>,
}

/// Rows per multi-row INSERT: under SQLite's 32,766 parameters.
pub(crate) const CHUNK: usize = 500;

/// Inserts joiners' new accounts and their roles, and roles for joiners'
/// existing accounts, in the open transaction `$tx`.
macro_rules! insert_accounts {
    ($tx:expr, $w:expr) => {{
        let w: &DeliveryApply = $w;
        for chunk in w.accounts.chunks(CHUNK) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO accounts (id, username, password_hash, person_member_id, person_id, staff_role, language, disabled, created_at, version) ",
            );
            qb.push_values(chunk, |mut b, (a, _)| {
                b.push_bind(a.id).push_bind(&a.username).push_bind(&a.password_hash)
                    .push_bind(a.person_member_id).push_bind(a.person_id).push_bind(&a.staff_role)
                    .push_bind(&a.language).push_bind(a.disabled).push_bind(a.created_at).push_bind(1_i64);
            });
            qb.build().execute(&mut *$tx).await?;
        }
        let roles: Vec<(Uuid, &str)> = w.accounts.iter().map(|(a, r)| (a.id, r.as_str()))
            .chain(w.roles.iter().map(|(a, r)| (*a, r.as_str()))).collect();
        for chunk in roles.chunks(CHUNK) {
            let mut qb = QueryBuilder::new("INSERT INTO account_roles (account_id, member_id, role) ");
            qb.push_values(chunk, |mut b, (account, role)| {
                b.push_bind(*account).push_bind(w.member_id).push_bind(*role);
            });
            qb.push(" ON CONFLICT DO NOTHING");
            qb.build().execute(&mut *$tx).await?;
        }
    }};
}

/// For people who left: their accounts lose their roles in the member;
/// an account left with no role and no staff role is disabled, and the
/// sessions of disabled accounts end (their tokens stop with them). An
/// account is the person's when it is linked to them or named by their
/// e-mail (a joiner's account is).
macro_rules! end_accounts {
    ($tx:expr, $member:expr, $people:expr) => {{
        let member: Uuid = $member;
        for person in $people {
            let accounts: Vec<(Uuid,)> = sqlx::query_as(
                "SELECT a.id FROM accounts a WHERE a.person_member_id = $1 AND a.person_id = $2 \
                 UNION SELECT a.id FROM accounts a JOIN people p ON a.username = p.email WHERE p.member_id = $1 AND p.id = $2",
            )
            .bind(member).bind(person).fetch_all(&mut *$tx).await?;
            for (account,) in accounts {
                sqlx::query("DELETE FROM account_roles WHERE account_id = $1 AND member_id = $2")
                    .bind(account).bind(member).execute(&mut *$tx).await?;
                sqlx::query(
                    "UPDATE accounts SET disabled = TRUE, version = version + 1 WHERE id = $1 AND staff_role IS NULL \
                     AND NOT EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = accounts.id)",
                )
                .bind(account).execute(&mut *$tx).await?;
                sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = $1 AND a.disabled)")
                    .bind(account).execute(&mut *$tx).await?;
            }
        }
    }};
}

pub(crate) use end_accounts;

/// Inserts history rows in the open transaction `$tx`.
macro_rules! insert_history {
    ($tx:expr, $rows:expr) => {{
        let rows: &[HistoryRecord] = $rows;
        for chunk in rows.chunks(CHUNK) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO person_history (member_id, id, person_id, at, kind, delivery_id, reason, changes, by_account) ",
            );
            qb.push_values(chunk, |mut b, h| {
                b.push_bind(h.member_id).push_bind(h.id).push_bind(h.person_id).push_bind(h.at).push_bind(&h.kind)
                    .push_bind(h.delivery_id).push_bind(&h.reason).push_bind(&h.changes).push_bind(h.by_account);
            });
            qb.build().execute(&mut *$tx).await?;
        }
    }};
}

pub(crate) use insert_history;

impl Store {
    /// A member's people with their sources (every one, ended included).
    pub async fn sourced_people(&self, member: MemberId) -> Result<Vec<SourcedPerson>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as::<_, SourcedPerson>(
            sqlx::AssertSqlSafe(format!("SELECT {SOURCED} FROM people WHERE member_id = $1")),
        ).bind(member.0).fetch_all(p).await?))
    }

    /// A person with their source, in `filter`'s members.
    pub async fn sourced_person(
        &self,
        filter: &MemberFilter,
        id: Uuid,
    ) -> Result<Option<SourcedPerson>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {SOURCED} FROM people WHERE id = "));
            qb.push_bind(id).push(" AND ");
            push_member_filter(&mut qb, "member_id", filter);
            Ok(qb.build_query_as::<SourcedPerson>().fetch_optional(p).await?)
        })
    }

    /// The sealed personnummer of a person in `filter`'s members.
    pub async fn sealed_personnummer(
        &self,
        filter: &MemberFilter,
        id: Uuid,
    ) -> Result<Option<String>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new("SELECT pnr_sealed FROM people WHERE id = ");
            qb.push_bind(id).push(" AND ");
            push_member_filter(&mut qb, "member_id", filter);
            let row: Option<(Option<String>,)> = qb.build_query_as().fetch_optional(p).await?;
            Ok(row.and_then(|r| r.0))
        })
    }

    /// A member's rules for its people: the share of a source's people
    /// (percent) a delivery may end without an administrator, and the days
    /// people who left are kept.
    pub async fn people_rules(&self, member: MemberId) -> Result<(i64, i64), StoreError> {
        on_pool!(self, p => {
            let row: Option<(i64, i64)> = sqlx::query_as(
                "SELECT leaver_share_percent, person_retention_days FROM members WHERE id = $1",
            ).bind(member.0).fetch_optional(p).await?;
            Ok(row.unwrap_or((5, 365)))
        })
    }

    /// A member's administrations by lower-case name.
    pub async fn administrations_by_name(
        &self,
        member: MemberId,
    ) -> Result<HashMap<String, Uuid>, StoreError> {
        on_pool!(self, p => {
            let rows: Vec<(Uuid, String)> = sqlx::query_as("SELECT id, name FROM administrations WHERE member_id = $1")
                .bind(member.0).fetch_all(p).await?;
            Ok(rows.into_iter().map(|(id, name)| (name.to_lowercase(), id)).collect())
        })
    }

    /// The accounts of these usernames, by username.
    pub async fn accounts_by_usernames(
        &self,
        names: &[String],
    ) -> Result<HashMap<String, Uuid>, StoreError> {
        let mut found = HashMap::new();
        for chunk in names.chunks(CHUNK) {
            on_pool!(self, p => {
                let mut qb = QueryBuilder::new("SELECT username, id FROM accounts WHERE username IN (");
                let mut list = qb.separated(", ");
                for n in chunk {
                    list.push_bind(n);
                }
                qb.push(")");
                let rows: Vec<(String, Uuid)> = qb.build_query_as().fetch_all(p).await?;
                found.extend(rows);
            });
        }
        Ok(found)
    }

    pub async fn insert_delivery(&self, d: &DeliveryRecord) -> Result<(), StoreError> {
        on_pool!(self, p => {
            sqlx::query(
                "INSERT INTO people_deliveries (member_id, id, source, is_full, received_at, received_by, state, people, summary, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)",
            )
            .bind(d.member_id).bind(d.id).bind(&d.source).bind(d.is_full).bind(d.received_at)
            .bind(d.received_by).bind(&d.state).bind(&d.people).bind(&d.summary)
            .execute(p).await?;
        });
        Ok(())
    }

    pub async fn get_delivery(
        &self,
        filter: &MemberFilter,
        id: Uuid,
    ) -> Result<Option<DeliveryRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(format!("SELECT {DELIVERY} FROM people_deliveries WHERE id = "));
            qb.push_bind(id).push(" AND ");
            push_member_filter(&mut qb, "member_id", filter);
            Ok(qb.build_query_as::<DeliveryRecord>().fetch_optional(p).await?)
        })
    }

    /// The newest deliveries in `filter`'s members (without their people).
    pub async fn list_deliveries(
        &self,
        filter: &MemberFilter,
        limit: i64,
    ) -> Result<Vec<DeliveryRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(
                "SELECT member_id, id, source, is_full, received_at, received_by, state, '' AS people, summary, \
                 decided_at, decided_by, version FROM people_deliveries WHERE ",
            );
            push_member_filter(&mut qb, "member_id", filter);
            qb.push(format!(" ORDER BY received_at DESC, id DESC LIMIT {limit}"));
            Ok(qb.build_query_as::<DeliveryRecord>().fetch_all(p).await?)
        })
    }

    /// Discards a delivery not yet applied (its people are dropped).
    pub async fn discard_delivery(
        &self,
        member: Uuid,
        id: Uuid,
        version: i64,
        at: i64,
        by: Option<Uuid>,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let done = sqlx::query(
                "UPDATE people_deliveries SET state = 'discarded', people = '[]', decided_at = $1, decided_by = $2, \
                 version = version + 1 WHERE member_id = $3 AND id = $4 AND version = $5 AND state IN ('previewed', 'waiting')",
            )
            .bind(at).bind(by).bind(member).bind(id).bind(version)
            .execute(p).await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Stale);
            }
        });
        Ok(())
    }

    /// A person's history, oldest first.
    pub async fn person_history(
        &self,
        filter: &MemberFilter,
        person: Uuid,
    ) -> Result<Vec<HistoryRecord>, StoreError> {
        on_pool!(self, p => {
            let mut qb = QueryBuilder::new(
                "SELECT member_id, id, person_id, at, kind, delivery_id, reason, changes, by_account FROM person_history WHERE person_id = ",
            );
            qb.push_bind(person).push(" AND ");
            push_member_filter(&mut qb, "member_id", filter);
            qb.push(" ORDER BY at, id");
            Ok(qb.build_query_as::<HistoryRecord>().fetch_all(p).await?)
        })
    }

    /// People still active whose last day is before `today` (`YYYY-MM-DD`).
    pub async fn people_past_last_day(
        &self,
        today: &str,
        limit: i64,
    ) -> Result<Vec<(Uuid, Uuid, String)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as(
            sqlx::AssertSqlSafe(format!(
                "SELECT member_id, id, ends_on FROM people WHERE ended_at IS NULL AND ends_on IS NOT NULL AND ends_on < $1 LIMIT {limit}"
            )),
        ).bind(today).fetch_all(p).await?))
    }

    /// People who left longer ago than their member's retention period
    /// (`members.person_retention_days` before `now`), not yet forgotten.
    pub async fn people_past_retention(
        &self,
        now: i64,
        limit: i64,
    ) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_as(
            sqlx::AssertSqlSafe(format!(
                "SELECT p.member_id, p.id FROM people p JOIN members m ON m.id = p.member_id \
                 WHERE p.ended_at IS NOT NULL AND p.forgotten_at IS NULL \
                 AND p.ended_at < $1 - m.person_retention_days * 86400000000 LIMIT {limit}"
            )),
        ).bind(now).fetch_all(p).await?))
    }

    /// Forgets a person who left: name, e-mail, personnummer, source facts
    /// and the details of their history go; the row and the history's
    /// steps stay. Their disabled accounts are renamed so the e-mail is
    /// gone there too (an account still in use in another member keeps it).
    pub async fn forget_person(
        &self,
        member: Uuid,
        person: Uuid,
        at: i64,
    ) -> Result<(), StoreError> {
        let placeholder = format!("forgotten-{}@invalid", person.simple());
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let accounts: Vec<(Uuid,)> = sqlx::query_as(
                "SELECT a.id FROM accounts a WHERE a.person_member_id = $1 AND a.person_id = $2 AND a.disabled \
                 UNION SELECT a.id FROM accounts a JOIN people p ON a.username = p.email \
                 WHERE p.member_id = $1 AND p.id = $2 AND a.disabled",
            )
            .bind(member).bind(person).fetch_all(&mut *tx).await?;
            for (account,) in accounts {
                sqlx::query("UPDATE accounts SET username = $1, version = version + 1 WHERE id = $2")
                    .bind(format!("forgotten-{}", account.simple())).bind(account).execute(&mut *tx).await?;
            }
            sqlx::query(
                "UPDATE people SET name = '–', email = $1, pnr_hash = NULL, pnr_sealed = NULL, pnr_masked = NULL, \
                 source_key = NULL, source_administration = NULL, workplace = NULL, title = NULL, manager_key = NULL, \
                 school = NULL, class_name = NULL, starts_on = NULL, ends_on = NULL, forgotten_at = $2, \
                 scim_given_name = NULL, scim_family_name = NULL, scim_display_name = NULL, scim_formatted_name = NULL, \
                 scim_emails = NULL, scim_email = NULL, scim_employee_number = NULL, \
                 scim_deleted_at = CASE WHEN source = 'scim' THEN COALESCE(scim_deleted_at, $2) END, version = version + 1 \
                 WHERE member_id = $3 AND id = $4 AND forgotten_at IS NULL",
            )
            .bind(&placeholder).bind(at).bind(member).bind(person).execute(&mut *tx).await?;
            sqlx::query("UPDATE person_history SET changes = '[]' WHERE member_id = $1 AND person_id = $2")
                .bind(member).bind(person).execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Ends people whose last day passed: each leaves, with a history row,
    /// in one transaction per member. People ended meanwhile are skipped.
    pub async fn end_people(
        &self,
        member: Uuid,
        ends: &[Uuid],
        history: &[HistoryRecord],
        at: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let mut ended = Vec::new();
            for (id, h) in ends.iter().zip(history) {
                let done = sqlx::query("UPDATE people SET ended_at = $1, version = version + 1 WHERE member_id = $2 AND id = $3 AND ended_at IS NULL")
                    .bind(at).bind(member).bind(id).execute(&mut *tx).await?;
                if done.rows_affected() == 1 {
                    ended.push(*id);
                    insert_history!(tx, std::slice::from_ref(h));
                }
            }
            end_accounts!(tx, member, &ended);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Applies a delivery: people, administrations, accounts, roles,
    /// leavers and history, and marks the delivery applied, all or nothing.
    /// A delivery applied or changed meanwhile is refused (`Stale`).
    pub async fn apply_delivery(&self, w: &DeliveryApply) -> Result<(), StoreError> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let done = sqlx::query(
                "UPDATE people_deliveries SET state = 'applied', people = '[]', decided_at = $1, decided_by = $2, \
                 version = version + 1 WHERE member_id = $3 AND id = $4 AND version = $5 AND state IN ('previewed', 'waiting')",
            )
            .bind(w.at).bind(w.by).bind(w.member_id).bind(w.delivery_id).bind(w.expected_version)
            .execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Stale);
            }
            for (id, name) in &w.administrations {
                sqlx::query("INSERT INTO administrations (member_id, id, name, version) VALUES ($1, $2, $3, 1)")
                    .bind(w.member_id).bind(id).bind(name).execute(&mut *tx).await?;
            }
            for chunk in w.inserts.chunks(CHUNK / 2) {
                let mut qb = QueryBuilder::new(
                    "INSERT INTO people (member_id, id, administration_id, name, email, kind, source, source_key, pnr_hash, pnr_masked, \
                     source_administration, workplace, title, manager_key, school, class_name, starts_on, ends_on, ended_at, pnr_sealed, version) ",
                );
                qb.push_values(chunk, |mut b, pw| {
                    let x = &pw.person;
                    b.push_bind(x.member_id).push_bind(x.id).push_bind(x.administration_id).push_bind(&x.name)
                        .push_bind(&x.email).push_bind(&x.kind).push_bind(&x.source).push_bind(&x.source_key)
                        .push_bind(&x.pnr_hash).push_bind(&x.pnr_masked).push_bind(&x.source_administration)
                        .push_bind(&x.workplace).push_bind(&x.title).push_bind(&x.manager_key).push_bind(&x.school)
                        .push_bind(&x.class_name).push_bind(&x.starts_on).push_bind(&x.ends_on).push_bind(x.ended_at)
                        .push_bind(&pw.pnr_sealed).push_bind(1_i64);
                });
                qb.build().execute(&mut *tx).await?;
            }
            for pw in &w.updates {
                let x = &pw.person;
                sqlx::query(
                    "UPDATE people SET administration_id = $1, name = $2, email = $3, kind = $4, source = $5, source_key = $6, \
                     pnr_hash = COALESCE($7, pnr_hash), pnr_masked = COALESCE($8, pnr_masked), source_administration = $9, \
                     workplace = $10, title = $11, manager_key = $12, school = $13, class_name = $14, starts_on = $15, ends_on = $16, \
                     ended_at = $17, pnr_sealed = COALESCE($18, pnr_sealed), version = version + 1 WHERE member_id = $19 AND id = $20",
                )
                .bind(x.administration_id).bind(&x.name).bind(&x.email).bind(&x.kind).bind(&x.source).bind(&x.source_key)
                .bind(&x.pnr_hash).bind(&x.pnr_masked).bind(&x.source_administration).bind(&x.workplace).bind(&x.title)
                .bind(&x.manager_key).bind(&x.school).bind(&x.class_name).bind(&x.starts_on).bind(&x.ends_on)
                .bind(x.ended_at).bind(&pw.pnr_sealed).bind(x.member_id).bind(x.id)
                .execute(&mut *tx).await?;
            }
            for id in &w.ends {
                sqlx::query("UPDATE people SET ended_at = $1, version = version + 1 WHERE member_id = $2 AND id = $3")
                    .bind(w.at).bind(w.member_id).bind(id).execute(&mut *tx).await?;
            }
            insert_accounts!(tx, w);
            for account in &w.enable {
                sqlx::query("UPDATE accounts SET disabled = FALSE, version = version + 1 WHERE id = $1 AND disabled")
                    .bind(account).execute(&mut *tx).await?;
            }
            end_accounts!(tx, w.member_id, &w.ends);
            insert_history!(tx, &w.history);
            tx.commit().await?;
        });
        Ok(())
    }
}
