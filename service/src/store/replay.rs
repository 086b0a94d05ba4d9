//! Used time tokens, so that a `replay = "once"` client's token is accepted once in its
//! window by every replica.

use super::Store;

impl Store {
    /// Records a token's fingerprint; `true` when it was not seen before.
    pub async fn first_use(
        &self,
        client: &str,
        fingerprint: &str,
        valid_until_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "INSERT INTO used_tokens (client, fingerprint, valid_until_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (client, fingerprint) DO NOTHING",
        )
        .bind(client)
        .bind(fingerprint)
        .bind(valid_until_ms)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
