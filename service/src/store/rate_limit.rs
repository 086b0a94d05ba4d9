//! Failed authentications per source address, in fixed windows shared by replicas.

use sqlx::Row;

use super::Store;

impl Store {
    /// The failures counted for `source` in the window starting at `window_start_ms`.
    pub async fn auth_failures(
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
        Ok(row.get::<i64, _>(0))
    }
}
