//! Opening the database and applying migrations.

use crate::StoreError;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

/// The database behind samdrift.
#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Store {
    /// Connects to `url`: `postgres://...` for PostgreSQL, `sqlite://path`
    /// (created if missing) for SQLite.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Ok(Store::Postgres(pool))
        } else {
            // WAL with synchronous=NORMAL: a committed transaction survives a
            // killed process; foreign keys on; writers wait instead of failing.
            // Four connections with a 24 MiB page cache each: every list
            // query now reads an index range (a few milliseconds at a million
            // tickets), so four keep up with 32 clients, and each connection
            // costs its cache in memory (eight of them held 70 MiB more
            // under the same load). Temporary tables (IN lists, sorts) stay
            // in memory: as files, opening and removing them cost an eighth
            // of ticket creation.
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("cache_size", "-24576")
                .pragma("temp_store", "memory");
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(options)
                .await?;
            Ok(Store::Sqlite(pool))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Store::Sqlite(_) => Backend::Sqlite,
            Store::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies every migration not yet applied.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Store::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        on_pool!(self, p => sqlx::query("SELECT 1").execute(p).await.is_ok())
    }

    pub async fn close(&self) {
        on_pool!(self, p => p.close().await)
    }
}

/// A write transaction. On SQLite it also holds the database's write
/// gate: writers of one process queue in order on an async semaphore
/// instead of sleeping in SQLite's busy handler, which at 32 concurrent
/// writers cost most of the throughput and all of the tail latency. (Other
/// processes, such as the command line, still meet the busy timeout.)
pub(crate) struct WriteTx<DB: sqlx::Database> {
    tx: sqlx::Transaction<'static, DB>,
    _gate: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl<DB: sqlx::Database> WriteTx<DB> {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl<DB: sqlx::Database> std::ops::Deref for WriteTx<DB> {
    type Target = DB::Connection;
    fn deref(&self) -> &DB::Connection {
        &self.tx
    }
}

impl<DB: sqlx::Database> std::ops::DerefMut for WriteTx<DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        &mut self.tx
    }
}

/// Starts a write transaction: `BEGIN IMMEDIATE` on SQLite (after the
/// process's write gate) so writers queue up front instead of failing at
/// commit; plain `BEGIN` on PostgreSQL.
pub(crate) trait BeginWrite {
    type Db: sqlx::Database;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<WriteTx<Self::Db>, sqlx::Error>> + Send;
}

/// The write gate of an SQLite database file, shared by its pools.
fn write_gate(pool: &SqlitePool) -> std::sync::Arc<tokio::sync::Semaphore> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static GATES: OnceLock<Mutex<HashMap<std::path::PathBuf, Arc<tokio::sync::Semaphore>>>> =
        OnceLock::new();
    let file = pool.connect_options().get_filename().to_path_buf();
    let gates = GATES.get_or_init(Default::default);
    let mut gates = match gates.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    gates
        .entry(file)
        .or_insert_with(|| Arc::new(tokio::sync::Semaphore::new(1)))
        .clone()
}

impl BeginWrite for SqlitePool {
    type Db = sqlx::Sqlite;
    async fn begin_write(&self) -> Result<WriteTx<sqlx::Sqlite>, sqlx::Error> {
        let gate = write_gate(self)
            .acquire_owned()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let tx = self.begin_with("BEGIN IMMEDIATE").await?;
        Ok(WriteTx {
            tx,
            _gate: Some(gate),
        })
    }
}

impl BeginWrite for PgPool {
    type Db = sqlx::Postgres;
    async fn begin_write(&self) -> Result<WriteTx<sqlx::Postgres>, sqlx::Error> {
        Ok(WriteTx {
            tx: self.begin().await?,
            _gate: None,
        })
    }
}
