//! The `local` directory: users, nested groups and lockout in the state database,
//! passwords as Argon2id PHC strings (OWASP's parameters), its policy from a file.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use passforge::{Policy, Timestamp};

use super::password_hash;
use super::{
    expiry_of, Directory, DirectoryError, RefusalReason, ResetOptions, ResetOutcome, UserRecord,
};
use crate::store::local_users::{LocalUser, PasswordWrite};
use crate::store::{now_ms, Store};

/// The `local` adapter.
pub struct LocalDirectory {
    name: String,
    store: Store,
    policy: Arc<Policy>,
    user_policies: HashMap<String, Arc<Policy>>,
    max_group_depth: u32,
    write_delay: Duration,
}

impl LocalDirectory {
    /// A local directory named `name` over `store`.
    pub fn new(
        name: &str,
        store: Store,
        policy: Policy,
        user_policies: HashMap<String, Arc<Policy>>,
        max_group_depth: u32,
        write_delay: Duration,
    ) -> Self {
        Self {
            name: name.to_owned(),
            store,
            policy: Arc::new(policy),
            user_policies,
            max_group_depth,
            write_delay,
        }
    }

    async fn row(&self, user: &str) -> Result<LocalUser, DirectoryError> {
        self.store
            .local_user(&self.name, user)
            .await
            .map_err(unavailable)?
            .ok_or(DirectoryError::NotFound)
    }

    /// Locked now: flagged, and the lockout duration (if any) has not run out.
    fn is_locked(&self, row: &LocalUser, now: i64) -> bool {
        let Some(at) = row.locked_at_ms else {
            return false;
        };
        match self.policy.lockout().duration {
            Some(d) => now < at.saturating_add(millis(d)),
            None => true,
        }
    }

    async fn hash(password: &str) -> Result<String, DirectoryError> {
        let password = zeroize::Zeroizing::new(password.to_owned());
        tokio::task::spawn_blocking(move || password_hash::hash(password.as_bytes()))
            .await
            .map_err(unavailable)?
            .map_err(unavailable)
    }

    async fn verify(password: &str, hash: &str) -> bool {
        let password = zeroize::Zeroizing::new(password.to_owned());
        let hash = hash.to_owned();
        tokio::task::spawn_blocking(move || password_hash::verify(password.as_bytes(), &hash))
            .await
            .unwrap_or(false)
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

fn unavailable(e: impl ToString) -> DirectoryError {
    DirectoryError::Unavailable(e.to_string())
}

fn timestamp(ms: i64) -> Timestamp {
    Timestamp::from_unix_seconds(ms.div_euclid(1000))
}

#[async_trait]
impl Directory for LocalDirectory {
    fn name(&self) -> &str {
        &self.name
    }

    fn kind(&self) -> &'static str {
        "local"
    }

    async fn lookup(&self, user: &str) -> Result<UserRecord, DirectoryError> {
        let row = self.row(user).await?;
        let groups = self
            .store
            .local_groups(&self.name, &row.key, self.max_group_depth)
            .await
            .map_err(unavailable)?;
        let last_set = row.password_last_set_ms.map(timestamp);
        Ok(UserRecord {
            id: row.key.clone(),
            locked: self.is_locked(&row, now_ms()),
            name: row.name,
            display_name: row.display_name,
            email: row.email,
            groups,
            must_change: row.must_change,
            password_last_set: last_set,
            expires_at: expiry_of(
                self.user_policies.get(&row.key).unwrap_or(&self.policy),
                last_set,
            ),
        })
    }

    async fn reset_password(
        &self,
        user: &UserRecord,
        password: &str,
        options: ResetOptions,
    ) -> Result<ResetOutcome, DirectoryError> {
        let hash = Self::hash(password).await?;
        if !self.write_delay.is_zero() {
            tokio::time::sleep(self.write_delay).await;
        }
        let row = self.row(&user.id).await?;
        let was_locked = self.is_locked(&row, now_ms()) || row.locked_at_ms.is_some();
        self.store
            .set_local_password(
                &self.name,
                &row.key,
                PasswordWrite {
                    hash: &hash,
                    must_change: options.must_change,
                    unlock: options.unlock,
                    history: self.policy.history(),
                    now_ms: now_ms(),
                },
            )
            .await
            .map_err(unavailable)?;
        Ok(ResetOutcome {
            unlocked: options.unlock && was_locked,
        })
    }

    async fn change_password(
        &self,
        user: &UserRecord,
        old: &str,
        new: &str,
    ) -> Result<(), DirectoryError> {
        let row = self.row(&user.id).await?;
        if self.is_locked(&row, now_ms()) {
            return Err(DirectoryError::Refused {
                reason: RefusalReason::AccountLocked,
                message: "the account is locked".into(),
            });
        }
        let current_ok = match &row.password_hash {
            Some(hash) => Self::verify(old, hash).await,
            None => false,
        };
        if !current_ok {
            self.check_failed(&row).await?;
            return Err(DirectoryError::Refused {
                reason: RefusalReason::WrongOldPassword,
                message: "the current password is wrong".into(),
            });
        }
        if let (Some(min_age), Some(last)) = (self.policy.ages().min_age, row.password_last_set_ms)
        {
            if !row.must_change && now_ms() < last.saturating_add(millis(min_age)) {
                return Err(DirectoryError::Refused {
                    reason: RefusalReason::PasswordTooYoung,
                    message: "the password was changed too recently".into(),
                });
            }
        }
        let history = self.policy.history() as usize;
        if history > 0 {
            let mut previous = self
                .store
                .local_history(&self.name, &row.key)
                .await
                .map_err(unavailable)?;
            previous.truncate(history.saturating_sub(1));
            previous.extend(row.password_hash.clone());
            for hash in previous {
                if Self::verify(new, &hash).await {
                    return Err(DirectoryError::Refused {
                        reason: RefusalReason::PasswordInHistory,
                        message: format!("the password is one of the last {history}"),
                    });
                }
            }
        }
        let hash = Self::hash(new).await?;
        self.store
            .set_local_password(
                &self.name,
                &row.key,
                PasswordWrite {
                    hash: &hash,
                    must_change: false,
                    unlock: false,
                    history: self.policy.history(),
                    now_ms: now_ms(),
                },
            )
            .await
            .map_err(unavailable)
    }

    async fn unlock(&self, user: &UserRecord) -> Result<bool, DirectoryError> {
        if !self.write_delay.is_zero() {
            tokio::time::sleep(self.write_delay).await;
        }
        self.store
            .unlock_local(&self.name, &user.id)
            .await
            .map_err(unavailable)
    }

    async fn lock_state(&self, user: &UserRecord) -> Result<bool, DirectoryError> {
        let row = self.row(&user.id).await?;
        Ok(self.is_locked(&row, now_ms()))
    }

    async fn check_password(
        &self,
        user: &UserRecord,
        password: &str,
    ) -> Result<bool, DirectoryError> {
        let row = self.row(&user.id).await?;
        if self.is_locked(&row, now_ms()) {
            return Ok(false);
        }
        let ok = match &row.password_hash {
            Some(hash) => Self::verify(password, hash).await,
            None => false,
        };
        if ok {
            self.store
                .local_good_check(&self.name, &row.key)
                .await
                .map_err(unavailable)?;
        } else {
            self.check_failed(&row).await?;
        }
        Ok(ok)
    }

    async fn effective_policy(
        &self,
        user: Option<&UserRecord>,
    ) -> Result<Arc<Policy>, DirectoryError> {
        Ok(user
            .and_then(|u| self.user_policies.get(&u.id))
            .unwrap_or(&self.policy)
            .clone())
    }

    async fn test_connection(&self) -> Result<(), DirectoryError> {
        self.store.ping().await.map_err(unavailable)
    }
}

impl LocalDirectory {
    async fn check_failed(&self, row: &LocalUser) -> Result<(), DirectoryError> {
        let lockout = self.policy.lockout();
        self.store
            .local_failed_check(
                &self.name,
                &row.key,
                lockout.threshold,
                lockout.observation_window.map(millis),
                now_ms(),
            )
            .await
            .map_err(unavailable)
    }
}
