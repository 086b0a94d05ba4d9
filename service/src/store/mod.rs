//! The state database (sqlx, SQLite in WAL mode or PostgreSQL): used time tokens,
//! idempotency records, rate-limit counters, the audit log and the `local` directory.
//! One schema and the same runtime-checked statements for both, so replicas on one
//! PostgreSQL behave as one service.

pub mod audit;
pub mod idempotency;
pub mod local_users;
pub mod rate_limit;
pub mod replay;

use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};

use crate::config::redact_url;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A handle on the state database (cheap to clone).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    failures: Arc<rate_limit::FailureCache>,
}

/// Which database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite (one host).
    Sqlite,
    /// PostgreSQL (replicas).
    Postgres,
}

impl Store {
    /// Connects (creating a SQLite file if needed) and runs the migrations.
    pub async fn open(url: &str, max_connections: Option<u32>) -> Result<Self, String> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options: AnyConnectOptions = url
            .parse()
            .map_err(|e| format!("[state] url {}: {e}", redact_url(&url)))?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.unwrap_or(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 8,
            }))
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; the busy timeout makes
                        // writers queue instead of failing with SQLITE_BUSY.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        // An upsert inside a transaction keeps a statement journal: in
                        // memory, not a temporary file created and deleted per batch.
                        conn.execute("PRAGMA temp_store = MEMORY").await?;
                        // No checkpoint inside a commit: an automatic one runs in the
                        // connection that crosses 1,000 WAL pages, so that commit (the
                        // audit batch every request waits for) stalls on the database
                        // file's fsync. `Store::checkpoint` runs them in the background.
                        conn.execute("PRAGMA wal_autocheckpoint = 0").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| format!("cannot open the state database {}: {e}", redact_url(&url)))?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| format!("migrating the state database: {e}"))?;
        Ok(Self {
            pool,
            backend,
            failures: Arc::default(),
        })
    }

    /// The pool.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// SQLite or PostgreSQL.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), String> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Copies the SQLite write-ahead log into the database file without waiting for
    /// readers or writers (`PASSIVE`), so no request's commit pays for it; nothing to do
    /// on PostgreSQL. Returns the WAL pages left to copy.
    pub async fn checkpoint(&self) -> Result<i64, sqlx::Error> {
        if self.backend != Backend::Sqlite {
            return Ok(0);
        }
        let row = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&self.pool)
            .await?;
        // (busy, pages in the log, pages copied); -1 when not in WAL mode.
        let (log, copied): (i64, i64) = (row.try_get(1)?, row.try_get(2)?);
        Ok((log - copied).max(0))
    }

    /// Deletes what has expired: used tokens, idempotency records past 24 h, old
    /// rate-limit windows, and audit records past the retention (0 keeps them).
    pub async fn purge(&self, now_ms: i64, audit_retention_days: u64) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM used_tokens WHERE valid_until_ms < $1")
            .bind(now_ms)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM idempotency WHERE created_ms < $1")
            .bind(now_ms - idempotency::RETENTION_MS)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM auth_failures WHERE window_start_ms < $1")
            .bind(now_ms - 24 * 3_600_000)
            .execute(&self.pool)
            .await?;
        if audit_retention_days > 0 {
            let keep_ms =
                i64::try_from(audit_retention_days.saturating_mul(86_400_000)).unwrap_or(i64::MAX);
            sqlx::query("DELETE FROM audit WHERE time_ms < $1")
                .bind(now_ms.saturating_sub(keep_ms))
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }
}

/// Milliseconds since 1970 now.
pub fn now_ms() -> i64 {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The current instant as the core's timestamp.
pub fn now_timestamp() -> passforge::Timestamp {
    passforge::Timestamp::from_unix_seconds(now_ms().div_euclid(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Commits leave the write-ahead log alone (no automatic checkpoint in a commit), and
    /// `checkpoint` copies all of it into the database file.
    #[tokio::test]
    async fn commits_do_not_checkpoint_and_the_background_checkpoint_copies_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("state.db").display());
        let store = Store::open(&url, Some(2)).await.unwrap();
        let auto: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(auto, 0);
        // About two pages a row (the row and its key in the primary-key index): with
        // automatic checkpoints the log would be reused from its start after 1,000 pages
        // and stay near that size.
        for i in 0..1_500 {
            sqlx::query(
                "INSERT INTO used_tokens (client, fingerprint, valid_until_ms) VALUES ($1, $2, $3)",
            )
            .bind("test")
            .bind(format!("{i:0>4}{}", "x".repeat(3_000)))
            .bind(i64::from(i))
            .execute(store.pool())
            .await
            .unwrap();
        }
        let wal = dir.path().join("state.db-wal");
        let before = std::fs::metadata(&wal).unwrap().len();
        assert!(
            before > 2_000 * 4_096,
            "the log holds every commit: {before} bytes"
        );
        assert_eq!(store.checkpoint().await.unwrap(), 0);
        // Every page is in the database file now.
        let size = std::fs::metadata(dir.path().join("state.db"))
            .unwrap()
            .len();
        assert!(size > 1_500 * 3_000, "{size} bytes");
    }
}
