//! The credential stores: one trait (the ITSM credential-store operations) and one file
//! per adapter. Handlers never see an adapter, only [`Directory`].

pub mod active_directory;
pub mod ldap;
pub mod local;
pub mod mock;
pub mod openldap;
mod password_hash;
pub mod users_file;

use std::sync::Arc;

use async_trait::async_trait;
use passforge::{Policy, Timestamp};
use zeroize::Zeroizing;

/// A user as a directory describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRecord {
    /// The directory's own identifier (a DN, a row key).
    pub id: String,
    /// The account name as the directory spells it.
    pub name: String,
    /// `displayName`, `cn`.
    pub display_name: Option<String>,
    /// The e-mail address.
    pub email: Option<String>,
    /// Every group the user is in, nested membership included (names as stored).
    pub groups: Vec<String>,
    /// Whether the account is locked now.
    pub locked: bool,
    /// Whether the user must change the password at next logon.
    pub must_change: bool,
    /// When the password was last set.
    pub password_last_set: Option<Timestamp>,
    /// When the password expires (from the effective policy).
    pub expires_at: Option<Timestamp>,
}

/// What a reset does besides setting the password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResetOptions {
    /// The user must change it at next logon.
    pub must_change: bool,
    /// Unlock the account too.
    pub unlock: bool,
}

/// What a reset did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResetOutcome {
    /// Whether the account was locked and is now unlocked.
    pub unlocked: bool,
}

/// Why the directory refused a write, as a passforge reason code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalReason {
    /// The directory's own quality check refused the password.
    PolicyNotMet,
    /// The password is in the history.
    PasswordInHistory,
    /// The password is younger than the minimum age.
    PasswordTooYoung,
    /// The old password given for a change is wrong.
    WrongOldPassword,
    /// The account is locked.
    AccountLocked,
    /// The service account may not do this.
    InsufficientAccess,
    /// Any other refusal, for good.
    Other,
}

impl RefusalReason {
    /// The reason code carried in a `DIRECTORY_ERROR` answer.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PolicyNotMet => "POLICY_NOT_MET",
            Self::PasswordInHistory => "PASSWORD_IN_HISTORY",
            Self::PasswordTooYoung => "PASSWORD_TOO_YOUNG",
            Self::WrongOldPassword => "WRONG_OLD_PASSWORD",
            Self::AccountLocked => "ACCOUNT_LOCKED",
            Self::InsufficientAccess => "INSUFFICIENT_ACCESS",
            Self::Other => "DIRECTORY_REFUSED",
        }
    }
}

/// What went wrong in a directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectoryError {
    /// No such user.
    NotFound,
    /// Down, timed out or a retryable error: try again later.
    Unavailable(String),
    /// The directory refused, for a reason.
    Refused {
        /// The mapped reason.
        reason: RefusalReason,
        /// What the directory said (no secret in it).
        message: String,
    },
}

impl std::fmt::Display for DirectoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotFound => f.write_str("no such user"),
            Self::Unavailable(m) => write!(f, "directory unavailable: {m}"),
            Self::Refused { reason, message } => write!(f, "{}: {message}", reason.as_str()),
        }
    }
}

/// A password in transit to a directory, wiped when dropped.
pub type Secret = Zeroizing<String>;

/// One credential store.
#[async_trait]
pub trait Directory: Send + Sync {
    /// The configured name.
    fn name(&self) -> &str;

    /// The adapter's kind (`local`, `mock`, ...).
    fn kind(&self) -> &'static str;

    /// Looks a user up by account name (case-insensitive where the directory is).
    async fn lookup(&self, user: &str) -> Result<UserRecord, DirectoryError>;

    /// Sets a new password as an administrator.
    async fn reset_password(
        &self,
        user: &UserRecord,
        password: &str,
        options: ResetOptions,
    ) -> Result<ResetOutcome, DirectoryError>;

    /// Changes the password as the user (old and new).
    async fn change_password(
        &self,
        user: &UserRecord,
        old: &str,
        new: &str,
    ) -> Result<(), DirectoryError>;

    /// Unlocks the account; `Ok(false)` when it was not locked.
    async fn unlock(&self, user: &UserRecord) -> Result<bool, DirectoryError>;

    /// Whether the account is locked now.
    async fn lock_state(&self, user: &UserRecord) -> Result<bool, DirectoryError>;

    /// Whether `password` is the user's current password (a bind check).
    async fn check_password(
        &self,
        user: &UserRecord,
        password: &str,
    ) -> Result<bool, DirectoryError>;

    /// The policy that applies to `user` (the directory's default without one).
    async fn effective_policy(
        &self,
        user: Option<&UserRecord>,
    ) -> Result<Arc<Policy>, DirectoryError>;

    /// Checks that the directory answers.
    async fn test_connection(&self) -> Result<(), DirectoryError>;
}

/// The expiry instant of a password set at `last_set` under `policy`.
pub fn expiry_of(policy: &Policy, last_set: Option<Timestamp>) -> Option<Timestamp> {
    let max_age = policy.ages().max_age?;
    last_set?.checked_add(max_age)
}
