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
    inner: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    by_source: HashMap<String, Cached>,
    /// When stale entries were last dropped: at most once per [`FRESH_FOR`], so a flood
    /// of new addresses into a full cache does not scan it on every request.
    swept_at: Option<Instant>,
}

#[derive(Clone, Copy, Debug)]
struct Cached {
    window_start_ms: i64,
    failures: i64,
    read_at: Instant,
}

impl FailureCache {
    fn get(&self, source: &str, window_start_ms: i64) -> Option<i64> {
        let counts = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        counts
            .by_source
            .get(source)
            .filter(|c| c.window_start_ms == window_start_ms && c.read_at.elapsed() < FRESH_FOR)
            .map(|c| c.failures)
    }

    fn put(&self, source: &str, window_start_ms: i64, failures: i64) {
        let mut counts = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let counts = &mut *counts;
        if counts.by_source.len() >= MAX_CACHED && !counts.by_source.contains_key(source) {
            if counts.swept_at.is_none_or(|at| at.elapsed() >= FRESH_FOR) {
                counts
                    .by_source
                    .retain(|_, c| c.read_at.elapsed() < FRESH_FOR);
                counts.swept_at = Some(Instant::now());
            }
            if counts.by_source.len() >= MAX_CACHED {
                return;
            }
        }
        let cached = Cached {
            window_start_ms,
            failures,
            read_at: Instant::now(),
        };
        counts.by_source.insert(source.to_owned(), cached);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_cache_keeps_what_it_has_and_reads_the_rest_from_the_database() {
        let cache = FailureCache::default();
        for i in 0..MAX_CACHED {
            cache.put(&format!("10.0.{}.{}", i / 256, i % 256), 0, 1);
        }
        cache.put("192.0.2.1", 0, 2);
        assert_eq!(
            cache.get("192.0.2.1", 0),
            None,
            "not cached: read each time"
        );
        assert_eq!(cache.get("10.0.0.7", 0), Some(1));
        // Another window is a miss, and a known address is updated in place.
        assert_eq!(cache.get("10.0.0.7", 60_000), None);
        cache.put("10.0.0.7", 0, 3);
        assert_eq!(cache.get("10.0.0.7", 0), Some(3));
    }
}
