//! Idempotency records: the first answer to a request with an `Idempotency-Key`, sealed
//! under a key derived from the Idempotency-Key, which is itself stored only as a digest.
//! A generated password therefore never sits in the database in usable form: only the
//! client holding the Idempotency-Key can open the record.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use sqlx::Row;
use zeroize::Zeroizing;

use super::Store;

/// Records are kept (and honoured) for 24 hours.
pub const RETENTION_MS: i64 = 24 * 3_600_000;

/// An Idempotency-Key with what is derived from it for one client and operation.
pub struct IdempotencyKey {
    digest: String,
    cipher: XChaCha20Poly1305,
    aad: Vec<u8>,
    body_key: Zeroizing<[u8; 32]>,
}

impl IdempotencyKey {
    /// The shortest key accepted: a key is the only secret protecting its sealed answer,
    /// so it must be unguessable (a random UUID is 36 characters).
    pub const MIN_LEN: usize = 16;
    /// The longest key accepted.
    pub const MAX_LEN: usize = 255;

    /// Derives the digest and the sealing key of `key` for `client`'s `operation`.
    pub fn derive(key: &str, client: &str, operation: &str) -> Self {
        let mut context = Vec::new();
        for part in [client.as_bytes(), b"\0", operation.as_bytes()] {
            context.extend_from_slice(part);
        }
        let digest = hex(&Sha256::new()
            .chain_update(b"passforge idempotency key v1\0")
            .chain_update(&context)
            .chain_update(b"\0")
            .chain_update(key.as_bytes())
            .finalize());
        let hk = Hkdf::<Sha256>::new(Some(b"passforge idempotency seal v1"), key.as_bytes());
        let mut okm = Zeroizing::new([0u8; 32]);
        let mut body_key = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit of 8160.
        #[allow(clippy::expect_used)]
        {
            hk.expand(&[&context[..], b"\0seal"].concat(), okm.as_mut())
                .expect("32 bytes is a valid HKDF output length");
            hk.expand(&[&context[..], b"\0body"].concat(), body_key.as_mut())
                .expect("32 bytes is a valid HKDF output length");
        }
        Self {
            aad: digest.as_bytes().to_vec(),
            digest,
            cipher: XChaCha20Poly1305::new(okm.as_ref().into()),
            body_key,
        }
    }

    /// Whether `key` has an acceptable form: 16 to 255 visible ASCII characters.
    pub fn is_well_formed(key: &str) -> bool {
        (Self::MIN_LEN..=Self::MAX_LEN).contains(&key.len())
            && key.bytes().all(|b| b.is_ascii_graphic())
    }

    /// A keyed digest of a request body: a plain hash of a body holding a supplied
    /// password would let whoever reads the database test guesses of it.
    pub fn body_digest(&self, body: &[u8]) -> String {
        use hmac::{Hmac, Mac};
        // HMAC takes keys of any length.
        #[allow(clippy::expect_used)]
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.body_key.as_ref())
            .expect("HMAC accepts any key length");
        mac.update(body);
        hex(&mac.finalize().into_bytes())
    }

    fn seal(&self, plain: &[u8]) -> Result<String, String> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|e| format!("random source: {e}"))?;
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: &self.aad,
                },
            )
            .map_err(|_| "sealing failed".to_owned())?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(hex(&out))
    }

    fn open(&self, sealed: &str) -> Option<Zeroizing<Vec<u8>>> {
        let bytes = unhex(sealed)?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, body) = bytes.split_at(24);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: body,
                    aad: &self.aad,
                },
            )
            .ok()
            .map(Zeroizing::new)
    }
}

/// What the store says about a request with an Idempotency-Key.
pub enum Claim {
    /// First time: go on, then [`Store::finish_idempotent`].
    Fresh,
    /// Answered before: this status and body.
    Answered {
        /// The HTTP status.
        status: u16,
        /// The answer's JSON.
        body: Zeroizing<Vec<u8>>,
    },
    /// An unfinished request whose lease ran out (a crash): go on, re-using its plan.
    TakenOver {
        /// What the first attempt planned (e.g. the password it was about to set).
        plan: Option<Zeroizing<Vec<u8>>>,
    },
    /// Another attempt holds the key now: retry after a moment.
    InProgress,
    /// The key was used with a different body.
    Mismatch,
}

impl Store {
    /// Claims `key` for a request whose body has `body_digest`.
    pub async fn claim_idempotent(
        &self,
        client: &str,
        key: &IdempotencyKey,
        operation: &str,
        body_digest: &str,
        now_ms: i64,
        lease_ms: i64,
    ) -> Result<Claim, sqlx::Error> {
        let inserted = sqlx::query(
            "INSERT INTO idempotency (client, key_digest, operation, body_digest, state, status, \
             sealed, created_ms, updated_ms) VALUES ($1, $2, $3, $4, 'pending', 0, NULL, $5, $5) \
             ON CONFLICT (client, key_digest) DO NOTHING",
        )
        .bind(client)
        .bind(&key.digest)
        .bind(operation)
        .bind(body_digest)
        .bind(now_ms)
        .execute(self.pool())
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(Claim::Fresh);
        }
        let row = sqlx::query(
            "SELECT operation, body_digest, state, status, sealed, created_ms, updated_ms \
             FROM idempotency WHERE client = $1 AND key_digest = $2",
        )
        .bind(client)
        .bind(&key.digest)
        .fetch_one(self.pool())
        .await?;
        let (stored_op, stored_body): (String, String) = (row.get(0), row.get(1));
        let created: i64 = row.get(5);
        if now_ms - created > RETENTION_MS {
            // Expired but not yet purged: start afresh.
            sqlx::query("DELETE FROM idempotency WHERE client = $1 AND key_digest = $2")
                .bind(client)
                .bind(&key.digest)
                .execute(self.pool())
                .await?;
            return Box::pin(self.claim_idempotent(
                client,
                key,
                operation,
                body_digest,
                now_ms,
                lease_ms,
            ))
            .await;
        }
        if stored_op != operation || stored_body != body_digest {
            return Ok(Claim::Mismatch);
        }
        let state: String = row.get(2);
        let sealed: Option<String> = row.get(4);
        if state == "done" {
            let body = sealed.as_deref().and_then(|s| key.open(s));
            return Ok(match body {
                Some(body) => Claim::Answered {
                    status: u16::try_from(row.get::<i64, _>(3)).unwrap_or(500),
                    body,
                },
                // Cannot happen with the key that sealed it: treat as someone else's.
                None => Claim::Mismatch,
            });
        }
        let updated: i64 = row.get(6);
        if now_ms - updated < lease_ms {
            return Ok(Claim::InProgress);
        }
        // Take the lease over, unless another replica just did.
        let taken = sqlx::query(
            "UPDATE idempotency SET updated_ms = $1 WHERE client = $2 AND key_digest = $3 \
             AND state = 'pending' AND updated_ms = $4",
        )
        .bind(now_ms)
        .bind(client)
        .bind(&key.digest)
        .bind(updated)
        .execute(self.pool())
        .await?;
        if taken.rows_affected() != 1 {
            return Ok(Claim::InProgress);
        }
        Ok(Claim::TakenOver {
            plan: sealed.as_deref().and_then(|s| key.open(s)),
        })
    }

    /// Seals what an attempt is about to do (before it writes to the directory), so that
    /// a retry after a crash does the same.
    pub async fn plan_idempotent(
        &self,
        client: &str,
        key: &IdempotencyKey,
        plan: &[u8],
        now_ms: i64,
    ) -> Result<(), String> {
        let sealed = key.seal(plan)?;
        sqlx::query(
            "UPDATE idempotency SET sealed = $1, updated_ms = $2 WHERE client = $3 AND \
             key_digest = $4 AND state = 'pending'",
        )
        .bind(sealed)
        .bind(now_ms)
        .bind(client)
        .bind(&key.digest)
        .execute(self.pool())
        .await
        .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Stores the answer (sealed) so that retries get it.
    pub async fn finish_idempotent(
        &self,
        client: &str,
        key: &IdempotencyKey,
        status: u16,
        body: &[u8],
        now_ms: i64,
    ) -> Result<(), String> {
        let sealed = key.seal(body)?;
        sqlx::query(
            "UPDATE idempotency SET state = 'done', status = $1, sealed = $2, updated_ms = $3 \
             WHERE client = $4 AND key_digest = $5",
        )
        .bind(i64::from(status))
        .bind(sealed)
        .bind(now_ms)
        .bind(client)
        .bind(&key.digest)
        .execute(self.pool())
        .await
        .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Gives a claim up after a retryable failure: its lease ends now, so a retry takes it
    /// over at once, with the plan (the same password) if one was sealed.
    pub async fn abandon_idempotent(
        &self,
        client: &str,
        key: &IdempotencyKey,
    ) -> Result<(), String> {
        sqlx::query("UPDATE idempotency SET updated_ms = 0 WHERE client = $1 AND key_digest = $2 AND state = 'pending'")
            .bind(client)
            .bind(&key.digest)
            .execute(self.pool())
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_answer_opens_only_with_its_key_client_and_operation() {
        let key =
            IdempotencyKey::derive("0b1e6a0c-8f0e-4c5e-9d1a-2f4b6c8d0e1f", "helpdesk", "reset");
        let sealed = key.seal(b"{\"password\":\"x\"}").unwrap();
        assert_eq!(&key.open(&sealed).unwrap()[..], b"{\"password\":\"x\"}");
        for other in [
            IdempotencyKey::derive("0b1e6a0c-8f0e-4c5e-9d1a-2f4b6c8d0e1e", "helpdesk", "reset"),
            IdempotencyKey::derive("0b1e6a0c-8f0e-4c5e-9d1a-2f4b6c8d0e1f", "other", "reset"),
            IdempotencyKey::derive("0b1e6a0c-8f0e-4c5e-9d1a-2f4b6c8d0e1f", "helpdesk", "unlock"),
        ] {
            assert!(other.open(&sealed).is_none());
            assert_ne!(other.digest, key.digest);
        }
        assert!(!sealed.contains("password"));
        assert!(IdempotencyKey::is_well_formed(
            "0b1e6a0c-8f0e-4c5e-9d1a-2f4b6c8d0e1f"
        ));
        assert!(!IdempotencyKey::is_well_formed("short"));
        assert!(!IdempotencyKey::is_well_formed(
            "has a space in it, long enough"
        ));
    }
}
