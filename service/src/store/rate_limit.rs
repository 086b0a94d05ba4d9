//! Failed authentications per source address, in fixed windows shared by replicas.
//!
//! Every request asks for its address's count, so the count is cached per replica: a
//! failure seen here updates it at once (the database answers the new total), and a
//! count read from the database is trusted for [`FRESH_FOR`]. Counts only grow within a
//! window, so a cached count is never too high; it can be low only by failures another
//! replica counted in the last [`FRESH_FOR`], and the first failure here reads the true
//! total. Across N replicas an address therefore gets at most N - 1 attempts beyond the
//! limit per window, and one replica is exact.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use sqlx::Row;

use super::Store;

/// How long a count read from the database is trusted.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// The most addresses cached; beyond it, counts are read from the database each time.
const MAX_CACHED: usize = 65_536;

/// The per-replica cache of failure counts.
#[derive(Debug, Default)]
pub struct FailureCache {
    counts: Mutex<HashMap<String, Cached>>,
}

#[derive(Clone, Copy, Debug)]
struct Cached {
    window_start_ms: i64,
    failures: i64,
    read_at: Instant,
}

impl FailureCache {
    fn get(&self, source: &str, window_start_ms: i64) -> Option<i64> {
        let counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts
            .get(source)
            .filter(|c| c.window_start_ms == window_start_ms && c.read_at.elapsed() < FRESH_FOR)
            .map(|c| c.failures)
    }

    fn put(&self, source: &str, window_start_ms: i64, failures: i64) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if counts.len() >= MAX_CACHED && !counts.contains_key(source) {
            counts.retain(|_, c| c.read_at.elapsed() < FRESH_FOR);
            if counts.len() >= MAX_CACHED {
                return;
            }
        }
        let cached = Cached {
            window_start_ms,
            failures,
            read_at: Instant::now(),
        };
        counts.insert(source.to_owned(), cached);
    }
}

impl Store {
    /// The failures counted for `source` in the window starting at `window_start_ms`
    /// (cached per replica, see the module's documentation).
    pub async fn auth_failures(
        &self,
        source: &str,
        window_start_ms: i64,
    ) -> Result<i64, sqlx::Error> {
        if let Some(failures) = self.failures.get(source, window_start_ms) {
            return Ok(failures);
        }
        let failures = self.read_auth_failures(source, window_start_ms).await?;
        self.failures.put(source, window_start_ms, failures);
        Ok(failures)
    }

    async fn read_auth_failures(
        &self,
        source: &str,
        window_start_ms: i64,
    ) -> Result<i64, sqlx::Error> {
        let row = sqlx::query(
            "SELECT failures FROM auth_failures WHERE source = $1 AND window_start_ms = $2",
        )
        .bind(source)
        .bind(window_start_ms)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.get::<i64, _>(0)).unwrap_or(0))
    }

    /// Counts one more failure for `source` in the window; returns the new count.
    pub async fn record_auth_failure(
        &self,
        source: &str,
        window_start_ms: i64,
    ) -> Result<i64, sqlx::Error> {
        let row = sqlx::query(
            "INSERT INTO auth_failures (source, window_start_ms, failures) VALUES ($1, $2, 1) \
             ON CONFLICT (source) DO UPDATE SET \
               failures = CASE WHEN auth_failures.window_start_ms = excluded.window_start_ms \
                          THEN auth_failures.failures + 1 ELSE 1 END, \
               window_start_ms = excluded.window_start_ms \
             RETURNING failures",
        )
        .bind(source)
        .bind(window_start_ms)
        .fetch_one(self.pool())
        .await?;
        let failures = row.get::<i64, _>(0);
        self.failures.put(source, window_start_ms, failures);
        Ok(failures)
    }
}
