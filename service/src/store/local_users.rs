//! The tables of the `local` directory: users (Argon2id PHC password hashes, lock and
//! must-change flags), groups and nested memberships.

use std::collections::{HashSet, VecDeque};

use sqlx::Row;

use super::Store;
use crate::directory::users_file::UsersFile;

/// A user row.
#[derive(Clone, Debug)]
pub struct LocalUser {
    /// The stored spelling of the name.
    pub name: String,
    /// Lower-case key.
    pub key: String,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Argon2id PHC string, if a password was ever set.
    pub password_hash: Option<String>,
    /// Lock flag and when it was set.
    pub locked_at_ms: Option<i64>,
    /// Failed password checks in the current observation window.
    pub failed_attempts: i64,
    /// When that window started.
    pub first_failure_ms: Option<i64>,
    /// Must change at next logon.
    pub must_change: bool,
    /// When the password was last set.
    pub password_last_set_ms: Option<i64>,
}

/// A password to store, and what goes with it.
#[derive(Clone, Copy, Debug)]
pub struct PasswordWrite<'a> {
    /// The Argon2id PHC string.
    pub hash: &'a str,
    /// Must change at next logon.
    pub must_change: bool,
    /// Clear the lock too.
    pub unlock: bool,
    /// How many previous hashes to keep.
    pub history: u32,
    /// When.
    pub now_ms: i64,
}

/// The key users and groups are stored under: names compare case-insensitively.
pub fn name_key(name: &str) -> String {
    name.to_lowercase()
}

impl Store {
    /// Creates the users and groups of `file` that do not exist yet (existing passwords,
    /// locks and memberships are kept) in one transaction.
    pub async fn seed_local(
        &self,
        directory: &str,
        file: &UsersFile,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        let mut groups: Vec<&str> = file.groups.iter().map(|g| g.name.as_str()).collect();
        groups.extend(
            file.groups
                .iter()
                .flat_map(|g| g.member_of.iter().map(String::as_str)),
        );
        groups.extend(
            file.users
                .iter()
                .flat_map(|u| u.member_of.iter().map(String::as_str)),
        );
        for group in groups {
            sqlx::query(
                "INSERT INTO local_groups (directory, name_key, name) VALUES ($1, $2, $3) \
                 ON CONFLICT (directory, name_key) DO NOTHING",
            )
            .bind(directory)
            .bind(name_key(group))
            .bind(group)
            .execute(&mut *tx)
            .await?;
        }
        for user in &file.users {
            sqlx::query(
                "INSERT INTO local_users (directory, name_key, name, display_name, email, locked, \
                 locked_at_ms, failed_attempts, must_change) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0) \
                 ON CONFLICT (directory, name_key) DO NOTHING",
            )
            .bind(directory)
            .bind(name_key(&user.name))
            .bind(&user.name)
            .bind(&user.display_name)
            .bind(&user.email)
            .bind(i64::from(user.locked))
            .bind(user.locked.then_some(now_ms))
            .execute(&mut *tx)
            .await?;
        }
        let edges = file
            .users
            .iter()
            .flat_map(|u| u.member_of.iter().map(move |g| ("user", &u.name, g)))
            .chain(
                file.groups
                    .iter()
                    .flat_map(|g| g.member_of.iter().map(move |p| ("group", &g.name, p))),
            );
        for (kind, member, group) in edges {
            sqlx::query(
                "INSERT INTO local_memberships (directory, member_kind, member_key, group_key) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(directory)
            .bind(kind)
            .bind(name_key(member))
            .bind(name_key(group))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// A user row.
    pub async fn local_user(
        &self,
        directory: &str,
        name: &str,
    ) -> Result<Option<LocalUser>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT name, name_key, display_name, email, password_hash, locked, locked_at_ms, \
             failed_attempts, first_failure_ms, must_change, password_last_set_ms \
             FROM local_users WHERE directory = $1 AND name_key = $2",
        )
        .bind(directory)
        .bind(name_key(name))
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| {
            let locked: i64 = r.get(5);
            LocalUser {
                name: r.get(0),
                key: r.get(1),
                display_name: r.get(2),
                email: r.get(3),
                password_hash: r.get(4),
                locked_at_ms: if locked != 0 {
                    Some(r.get::<Option<i64>, _>(6).unwrap_or(0))
                } else {
                    None
                },
                failed_attempts: r.get(7),
                first_failure_ms: r.get(8),
                must_change: r.get::<i64, _>(9) != 0,
                password_last_set_ms: r.get(10),
            }
        }))
    }

    /// Every group `user` is in, nested membership followed to `max_depth` levels and
    /// cycles cut, by stored group name, sorted.
    pub async fn local_groups(
        &self,
        directory: &str,
        user_key: &str,
        max_depth: u32,
    ) -> Result<Vec<String>, sqlx::Error> {
        let mut seen = HashSet::new();
        let mut queue = VecDeque::from([("user", user_key.to_owned(), 0u32)]);
        while let Some((kind, member, depth)) = queue.pop_front() {
            if depth >= max_depth {
                continue;
            }
            let rows = sqlx::query(
                "SELECT group_key FROM local_memberships WHERE directory = $1 AND member_kind = $2 \
                 AND member_key = $3",
            )
            .bind(directory)
            .bind(kind)
            .bind(&member)
            .fetch_all(self.pool())
            .await?;
            for row in rows {
                let group: String = row.get(0);
                if seen.insert(group.clone()) {
                    queue.push_back(("group", group, depth + 1));
                }
            }
        }
        let mut names = Vec::with_capacity(seen.len());
        for key in seen {
            let row =
                sqlx::query("SELECT name FROM local_groups WHERE directory = $1 AND name_key = $2")
                    .bind(directory)
                    .bind(&key)
                    .fetch_optional(self.pool())
                    .await?;
            names.push(row.map(|r| r.get::<String, _>(0)).unwrap_or(key));
        }
        names.sort();
        Ok(names)
    }

    /// Sets a password hash, the must-change flag, and optionally clears the lock, in one
    /// transaction that also keeps the previous hash in the history (`history` kept).
    pub async fn set_local_password(
        &self,
        directory: &str,
        key: &str,
        write: PasswordWrite<'_>,
    ) -> Result<(), sqlx::Error> {
        let PasswordWrite {
            hash,
            must_change,
            unlock,
            history,
            now_ms,
        } = write;
        let mut tx = self.pool().begin().await?;
        // The first statement writes, so SQLite takes the write lock at once: a read
        // first would make a concurrent writer's commit fail this transaction with
        // SQLITE_BUSY_SNAPSHOT, which the busy timeout does not retry.
        if history > 0 {
            sqlx::query(
                "INSERT INTO local_password_history (directory, name_key, password_hash, set_ms) \
                 SELECT directory, name_key, password_hash, $3 FROM local_users \
                 WHERE directory = $1 AND name_key = $2 AND password_hash IS NOT NULL",
            )
            .bind(directory)
            .bind(key)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        }
        let unlock_sql = if unlock {
            ", locked = 0, locked_at_ms = NULL, failed_attempts = 0, first_failure_ms = NULL"
        } else {
            ""
        };
        sqlx::query(&format!(
            "UPDATE local_users SET password_hash = $1, must_change = $2, password_last_set_ms = $3 \
             {unlock_sql} WHERE directory = $4 AND name_key = $5"
        ))
        .bind(hash)
        .bind(i64::from(must_change))
        .bind(now_ms)
        .bind(directory)
        .bind(key)
        .execute(&mut *tx)
        .await?;
        // Keep only the newest `history` entries.
        let rows = sqlx::query(
            "SELECT set_ms FROM local_password_history WHERE directory = $1 AND name_key = $2 \
             ORDER BY set_ms DESC",
        )
        .bind(directory)
        .bind(key)
        .fetch_all(&mut *tx)
        .await?;
        if let Some(row) = rows.get(history as usize) {
            let cutoff: i64 = row.get(0);
            sqlx::query(
                "DELETE FROM local_password_history WHERE directory = $1 AND name_key = $2 AND set_ms <= $3",
            )
            .bind(directory)
            .bind(key)
            .bind(cutoff)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// The user's previous password hashes, newest first.
    pub async fn local_history(
        &self,
        directory: &str,
        key: &str,
    ) -> Result<Vec<String>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT password_hash FROM local_password_history WHERE directory = $1 AND name_key = $2 \
             ORDER BY set_ms DESC",
        )
        .bind(directory)
        .bind(key)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|r| r.get(0)).collect())
    }

    /// Clears the lock; `true` when the account was locked.
    pub async fn unlock_local(&self, directory: &str, key: &str) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE local_users SET locked = 0, locked_at_ms = NULL, failed_attempts = 0, \
             first_failure_ms = NULL WHERE directory = $1 AND name_key = $2 AND locked = 1",
        )
        .bind(directory)
        .bind(key)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records a failed password check: counts it in the observation window and locks
    /// the account at the threshold (0: never).
    pub async fn local_failed_check(
        &self,
        directory: &str,
        key: &str,
        threshold: u32,
        window_ms: Option<i64>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let window_start = window_ms.map(|w| now_ms - w).unwrap_or(i64::MIN);
        sqlx::query(
            "UPDATE local_users SET \
               failed_attempts = CASE WHEN first_failure_ms IS NULL OR first_failure_ms < $1 \
                                 THEN 1 ELSE failed_attempts + 1 END, \
               first_failure_ms = CASE WHEN first_failure_ms IS NULL OR first_failure_ms < $1 \
                                  THEN $2 ELSE first_failure_ms END \
             WHERE directory = $3 AND name_key = $4",
        )
        .bind(window_start)
        .bind(now_ms)
        .bind(directory)
        .bind(key)
        .execute(self.pool())
        .await?;
        if threshold > 0 {
            sqlx::query(
                "UPDATE local_users SET locked = 1, locked_at_ms = $1 WHERE directory = $2 AND \
                 name_key = $3 AND locked = 0 AND failed_attempts >= $4",
            )
            .bind(now_ms)
            .bind(directory)
            .bind(key)
            .bind(i64::from(threshold))
            .execute(self.pool())
            .await?;
        }
        Ok(())
    }

    /// Clears the failure count after a successful check.
    pub async fn local_good_check(&self, directory: &str, key: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE local_users SET failed_attempts = 0, first_failure_ms = NULL \
             WHERE directory = $1 AND name_key = $2",
        )
        .bind(directory)
        .bind(key)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
