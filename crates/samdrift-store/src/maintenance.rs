//! Keeping the database whole: a consistent copy of an SQLite database
//! taken while the server runs, and the checks that say a database (or a
//! restored copy) is intact. PostgreSQL is backed up with its own tools
//! (`pg_dump`/`pg_restore`, run by the command line).

use crate::{Store, StoreError};

impl Store {
    /// Writes a consistent copy of an SQLite database to `path` (which must
    /// not exist) with `VACUUM INTO`: one read transaction, so writers go on
    /// and the copy holds every transaction committed before it began.
    pub async fn backup_sqlite(&self, path: &str) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(p) => {
                sqlx::query("VACUUM INTO $1").bind(path).execute(p).await?;
                Ok(())
            }
            Store::Postgres(_) => Err(StoreError::Database(sqlx::Error::Protocol(
                "a PostgreSQL database is backed up with pg_dump".into(),
            ))),
        }
    }

    /// What is wrong with the database, empty when it is intact: SQLite's
    /// integrity and foreign-key checks; on PostgreSQL (which checks its own
    /// pages) rows whose ticket, member or person is missing.
    pub async fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        match self {
            Store::Sqlite(p) => {
                let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_all(p)
                    .await?;
                problems.extend(rows.into_iter().filter(|r| r != "ok"));
                let fk: Vec<(String, i64)> =
                    sqlx::query_as("SELECT \"table\", rowid FROM pragma_foreign_key_check")
                        .fetch_all(p)
                        .await?;
                problems.extend(
                    fk.into_iter()
                        .map(|(table, row)| format!("{table} row {row}: refers to a missing row")),
                );
            }
            Store::Postgres(p) => {
                for (what, sql) in [
                    (
                        "ticket events without their ticket",
                        "SELECT COUNT(*) FROM ticket_events e LEFT JOIN tickets t \
                         ON t.member_id = e.member_id AND t.id = e.ticket_id WHERE t.id IS NULL",
                    ),
                    (
                        "tickets without their member",
                        "SELECT COUNT(*) FROM tickets t LEFT JOIN members m ON m.id = t.member_id WHERE m.id IS NULL",
                    ),
                    (
                        "tickets without a created event",
                        "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_events e \
                         WHERE e.member_id = t.member_id AND e.ticket_id = t.id AND e.kind = 'created')",
                    ),
                ] {
                    let n: i64 = sqlx::query_scalar(sql).fetch_one(p).await?;
                    if n > 0 {
                        problems.push(format!("{n} {what}"));
                    }
                }
            }
        }
        if let Store::Sqlite(p) = self {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_events e \
                 WHERE e.member_id = t.member_id AND e.ticket_id = t.id AND e.kind = 'created')",
            )
            .fetch_one(p)
            .await?;
            if n > 0 {
                problems.push(format!("{n} tickets without a created event"));
            }
        }
        Ok(problems)
    }

    /// How many tickets the database holds.
    pub async fn count_tickets(&self) -> Result<i64, StoreError> {
        on_pool!(self, p => Ok(sqlx::query_scalar("SELECT COUNT(*) FROM tickets").fetch_one(p).await?))
    }
}
