//! The `mock` directory (the ITSM's mock credential stores): users from a users file,
//! and writes that succeed, fail for good (`fatal`) or fail retryably (`non_fatal`).
//! Lookups and the policy always work, so a request reaches the write it tests.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use passforge::Policy;

use super::users_file::UsersFile;
use super::{Directory, DirectoryError, RefusalReason, ResetOptions, ResetOutcome, UserRecord};
use crate::config::MockMode;

/// The `mock` adapter.
pub struct MockDirectory {
    name: String,
    mode: MockMode,
    policy: Arc<Policy>,
    user_policies: HashMap<String, Arc<Policy>>,
    users: HashMap<String, UserRecord>,
    write_delay: Duration,
}

impl MockDirectory {
    /// A mock directory with the users of `file` (transitive groups resolved here).
    pub fn new(
        name: &str,
        mode: MockMode,
        policy: Policy,
        file: &UsersFile,
        max_depth: u32,
        write_delay: Duration,
    ) -> Self {
        let parents: HashMap<String, Vec<String>> = file
            .groups
            .iter()
            .map(|g| (g.name.to_lowercase(), g.member_of.clone()))
            .collect();
        let users = file
            .users
            .iter()
            .map(|u| {
                let mut groups: Vec<String> = Vec::new();
                let mut frontier = u.member_of.clone();
                for _ in 0..max_depth {
                    let mut next = Vec::new();
                    for g in frontier {
                        if !groups.iter().any(|x| x.eq_ignore_ascii_case(&g)) {
                            next.extend(
                                parents.get(&g.to_lowercase()).cloned().unwrap_or_default(),
                            );
                            groups.push(g);
                        }
                    }
                    if next.is_empty() {
                        break;
                    }
                    frontier = next;
                }
                groups.sort();
                let record = UserRecord {
                    id: u.name.to_lowercase(),
                    name: u.name.clone(),
                    display_name: u.display_name.clone(),
                    email: u.email.clone(),
                    groups,
                    locked: u.locked,
                    must_change: false,
                    password_last_set: None,
                    expires_at: None,
                };
                (u.name.to_lowercase(), record)
            })
            .collect();
        Self {
            name: name.to_owned(),
            mode,
            policy: Arc::new(policy),
            user_policies: file.user_policies().unwrap_or_default(),
            users,
            write_delay,
        }
    }

    async fn write(&self) -> Result<(), DirectoryError> {
        if !self.write_delay.is_zero() {
            tokio::time::sleep(self.write_delay).await;
        }
        match self.mode {
            MockMode::Success => Ok(()),
            MockMode::Fatal => Err(DirectoryError::Refused {
                reason: RefusalReason::Other,
                message: "mock directory: fatal error (mode = \"fatal\")".into(),
            }),
            MockMode::NonFatal => Err(DirectoryError::Unavailable(
                "mock directory: retryable error (mode = \"non_fatal\")".into(),
            )),
        }
    }
}

#[async_trait]
impl Directory for MockDirectory {
    fn name(&self) -> &str {
        &self.name
    }

    fn kind(&self) -> &'static str {
        "mock"
    }

    async fn lookup(&self, user: &str) -> Result<UserRecord, DirectoryError> {
        self.users
            .get(&user.to_lowercase())
            .cloned()
            .ok_or(DirectoryError::NotFound)
    }

    async fn reset_password(
        &self,
        user: &UserRecord,
        _password: &str,
        options: ResetOptions,
    ) -> Result<ResetOutcome, DirectoryError> {
        self.write().await?;
        Ok(ResetOutcome {
            unlocked: options.unlock && user.locked,
        })
    }

    async fn change_password(
        &self,
        _user: &UserRecord,
        _old: &str,
        _new: &str,
    ) -> Result<(), DirectoryError> {
        self.write().await
    }

    async fn unlock(&self, user: &UserRecord) -> Result<bool, DirectoryError> {
        self.write().await?;
        Ok(user.locked)
    }

    async fn lock_state(&self, user: &UserRecord) -> Result<bool, DirectoryError> {
        self.write().await?;
        Ok(user.locked)
    }

    async fn check_password(
        &self,
        _user: &UserRecord,
        _password: &str,
    ) -> Result<bool, DirectoryError> {
        self.write().await?;
        Ok(true)
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
        self.write().await
    }
}
