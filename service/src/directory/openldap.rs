//! The `openldap` directory: OpenLDAP with the ppolicy overlay (slapo-ppolicy(5)).
//!
//! Users are found with `user_filter` (default `(uid={user})`) under `base_dn`; groups
//! are `groupOfNames`/`groupOfUniqueNames` under `group_base_dn`, followed upwards level
//! by level (one search per level) to the configured depth with cycles cut. A reset is
//! the RFC 3062 Password Modify extended operation with the ppolicy request control,
//! whose response is decoded into a refusal reason; must-change is `pwdReset`, unlock
//! deletes `pwdAccountLockedTime`. The policy is the user's
//! `pwdPolicySubentry` or the default entry (`policy_dn`), folded into a core `Policy`
//! (lengths in UTF-8 bytes) on top of the rules of `policy_file`, if any.
//!
//! The service account should be a password administrator (`manage` on `userPassword`
//! and the `pwd*` operational attributes): slapd then skips its own quality and history
//! checks, which passforge applies before sending. With only `write` access slapd checks
//! the reset like a user's change (quality, history, minimum age), and setting or clearing
//! `pwdReset` and unlocking need `manage`.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use ldap3::controls::{Control, RawControl};
use ldap3::exop::PasswordModify;
use ldap3::{Scope, SearchEntry};
use passforge::{Policy, PolicySpec, Ppolicy, Timestamp};

use super::ldap::{
    any_of, first, now, pairs, parse_generalized_time, replace, user_filter, Conn, LdapPool,
    TtlCache,
};
use super::{
    expiry_of, ldap, Directory, DirectoryError, RefusalReason, ResetOptions, ResetOutcome,
    UserRecord,
};

/// The ppolicy request and response control (draft-behera-ldap-password-policy).
pub const PPOLICY_CONTROL: &str = "1.3.6.1.4.1.42.2.27.8.5.1";

const USER_ATTRS: [&str; 8] = [
    "uid",
    "cn",
    "displayName",
    "mail",
    "pwdAccountLockedTime",
    "pwdReset",
    "pwdChangedTime",
    "pwdPolicySubentry",
];

/// What the `openldap` adapter is configured with.
pub struct OpenLdapConfig {
    /// The configured name.
    pub name: String,
    /// Connection settings.
    pub ldap: ldap::LdapSettings,
    /// Where users are searched.
    pub base_dn: String,
    /// The user filter template (`{user}`).
    pub user_filter: String,
    /// Where groups are searched.
    pub group_base_dn: String,
    /// The default policy entry, if configured.
    pub policy_dn: Option<String>,
    /// Rules of `policy_file` applied on top of the directory's.
    pub local_rules: PolicySpec,
    /// How long a policy entry is reused.
    pub policy_cache: Duration,
    /// How deep nested groups are followed.
    pub max_group_depth: u32,
}

/// A policy entry read and folded.
#[derive(Clone)]
struct Resolved {
    ppolicy: Ppolicy,
    policy: Arc<Policy>,
}

/// The `openldap` adapter.
pub struct OpenLdapDirectory {
    config: OpenLdapConfig,
    pool: LdapPool,
    /// Policy DN (lowercased; "" for the default) to the policy read from it.
    policies: TtlCache<Resolved>,
    /// User DN to its `pwdPolicySubentry`, from the last lookup.
    subentries: TtlCache<Option<String>>,
}

/// The ppolicy response's `error` (RFC draft): what went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PpolicyError {
    /// 0 passwordExpired.
    PasswordExpired,
    /// 1 accountLocked.
    AccountLocked,
    /// 2 changeAfterReset: the user must change the password first.
    ChangeAfterReset,
    /// 3 passwordModNotAllowed.
    PasswordModNotAllowed,
    /// 4 mustSupplyOldPassword.
    MustSupplyOldPassword,
    /// 5 insufficientPasswordQuality.
    InsufficientPasswordQuality,
    /// 6 passwordTooShort.
    PasswordTooShort,
    /// 7 passwordTooYoung.
    PasswordTooYoung,
    /// 8 passwordInHistory.
    PasswordInHistory,
    /// 9 passwordTooLong.
    PasswordTooLong,
}

/// The decoded ppolicy response control.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PpolicyResponse {
    /// `timeBeforeExpiration`, seconds.
    pub time_before_expiration: Option<i64>,
    /// `graceAuthNsRemaining`.
    pub grace_remaining: Option<i64>,
    /// The error, if any.
    pub error: Option<PpolicyError>,
}

impl PpolicyError {
    fn from_code(code: i64) -> Option<Self> {
        Some(match code {
            0 => Self::PasswordExpired,
            1 => Self::AccountLocked,
            2 => Self::ChangeAfterReset,
            3 => Self::PasswordModNotAllowed,
            4 => Self::MustSupplyOldPassword,
            5 => Self::InsufficientPasswordQuality,
            6 => Self::PasswordTooShort,
            7 => Self::PasswordTooYoung,
            8 => Self::PasswordInHistory,
            9 => Self::PasswordTooLong,
            _ => return None,
        })
    }

    /// The passforge reason.
    pub fn reason(self) -> RefusalReason {
        match self {
            Self::AccountLocked => RefusalReason::AccountLocked,
            Self::PasswordModNotAllowed => RefusalReason::InsufficientAccess,
            Self::InsufficientPasswordQuality | Self::PasswordTooShort | Self::PasswordTooLong => {
                RefusalReason::PolicyNotMet
            }
            Self::PasswordTooYoung => RefusalReason::PasswordTooYoung,
            Self::PasswordInHistory => RefusalReason::PasswordInHistory,
            Self::PasswordExpired | Self::ChangeAfterReset | Self::MustSupplyOldPassword => {
                RefusalReason::Other
            }
        }
    }
}

impl PpolicyResponse {
    /// Decodes the control's value:
    /// `SEQUENCE { warning [0] CHOICE { [0] INTEGER, [1] INTEGER } OPTIONAL,
    /// error [1] ENUMERATED OPTIONAL }`.
    pub fn decode(value: &[u8]) -> Option<Self> {
        let (tag, mut content, _) = ldap::ber_tlv(value)?;
        if tag != 0x30 {
            return None;
        }
        let mut out = Self::default();
        while !content.is_empty() {
            let (tag, inner, rest) = ldap::ber_tlv(content)?;
            match tag {
                0xa0 => {
                    let (choice, number, _) = ldap::ber_tlv(inner)?;
                    let n = ldap::ber_int(number)?;
                    match choice {
                        0x80 => out.time_before_expiration = Some(n),
                        0x81 => out.grace_remaining = Some(n),
                        _ => return None,
                    }
                }
                0x81 => out.error = PpolicyError::from_code(ldap::ber_int(inner)?),
                _ => return None,
            }
            content = rest;
        }
        Some(out)
    }

    /// The response control among `controls`, decoded.
    pub fn find(controls: &[Control]) -> Option<Self> {
        controls
            .iter()
            .find(|c| c.1.ctype == PPOLICY_CONTROL)
            .and_then(|c| c.1.val.as_deref())
            .and_then(Self::decode)
    }
}

/// The ppolicy request control (no value).
pub fn ppolicy_request() -> RawControl {
    RawControl {
        ctype: PPOLICY_CONTROL.to_owned(),
        crit: false,
        val: None,
    }
}

/// A reason from slapd's diagnostic text, when no response control says it.
fn reason_of_text(text: &str) -> Option<RefusalReason> {
    let t = text.to_ascii_lowercase();
    if t.contains("history") || t.contains("not being changed from existing value") {
        Some(RefusalReason::PasswordInHistory)
    } else if t.contains("too young") {
        Some(RefusalReason::PasswordTooYoung)
    } else if t.contains("quality") || t.contains("too short") || t.contains("too long") {
        Some(RefusalReason::PolicyNotMet)
    } else if t.contains("locked") {
        Some(RefusalReason::AccountLocked)
    } else if t.contains("alteration of password is not allowed")
        || t.contains("no user modification allowed")
    {
        Some(RefusalReason::InsufficientAccess)
    } else {
        None
    }
}

/// A failed write's result as a refusal, its reason from the ppolicy control or the text.
fn refusal(result: &ldap3::LdapResult) -> DirectoryError {
    let reason = PpolicyResponse::find(&result.ctrls)
        .and_then(|r| r.error)
        .map(PpolicyError::reason)
        .or_else(|| reason_of_text(&result.text));
    ldap::from_result(result, reason)
}

/// Whether an account with `pwdAccountLockedTime = locked_at` is locked `now`.
fn is_locked(ppolicy: &Ppolicy, locked_at: Option<&str>, now: Timestamp) -> bool {
    let Some(value) = locked_at else {
        return false;
    };
    // 000001010000Z: locked until an administrator unlocks (slapo-ppolicy(5)).
    if value.starts_with("000001010000") || ppolicy.lockout_duration == 0 {
        return true;
    }
    match parse_generalized_time(value)
        .and_then(|t| t.checked_add(Duration::from_secs(ppolicy.lockout_duration)))
    {
        Some(until) => now < until,
        None => true,
    }
}

impl OpenLdapDirectory {
    /// The adapter for `config` (no connection is made yet).
    pub fn new(config: OpenLdapConfig) -> Result<Self, String> {
        let pool = LdapPool::new(config.ldap.clone())?;
        let cache = config.policy_cache;
        Ok(Self {
            config,
            pool,
            policies: TtlCache::new(cache, 256),
            subentries: TtlCache::new(cache, 4096),
        })
    }

    async fn find_entry(
        &self,
        conn: &mut Conn<'_>,
        user: &str,
    ) -> Result<SearchEntry, DirectoryError> {
        let filter = user_filter(&self.config.user_filter, ldap::account_name(user)?);
        let mut entries = conn
            .search(&self.config.base_dn, Scope::Subtree, &filter, &USER_ATTRS)
            .await?;
        match entries.len() {
            0 => Err(DirectoryError::NotFound),
            1 => Ok(entries.remove(0)),
            n => Err(DirectoryError::Refused {
                reason: RefusalReason::Other,
                message: format!("user_filter matches {n} entries for this name; make it unique"),
            }),
        }
    }

    /// The default policy entry's DN: `policy_dn`, or the only `pwdPolicy` entry under
    /// `base_dn`, or none.
    async fn default_policy_dn(
        &self,
        conn: &mut Conn<'_>,
    ) -> Result<Option<String>, DirectoryError> {
        if let Some(dn) = &self.config.policy_dn {
            return Ok(Some(dn.clone()));
        }
        let entries = conn
            .search(
                &self.config.base_dn,
                Scope::Subtree,
                "(objectClass=pwdPolicy)",
                &["1.1"],
            )
            .await?;
        match entries.len() {
            0 => Ok(None),
            1 => Ok(entries.into_iter().next().map(|e| e.dn)),
            n => Err(DirectoryError::Refused {
                reason: RefusalReason::Other,
                message: format!(
                    "{n} pwdPolicy entries under base_dn: set policy_dn to the overlay's ppolicy_default"
                ),
            }),
        }
    }

    /// The policy of entry `dn` (`None`: the default).
    async fn resolved(
        &self,
        conn: &mut Conn<'_>,
        dn: Option<&str>,
    ) -> Result<Resolved, DirectoryError> {
        let key = dn.unwrap_or("");
        if let Some(r) = self.policies.get(key) {
            return Ok(r);
        }
        let dn = match dn {
            Some(dn) => Some(dn.to_owned()),
            None => self.default_policy_dn(conn).await?,
        };
        let ppolicy = match &dn {
            None => Ppolicy::default(),
            Some(dn) => {
                let entry = conn.read(dn, &["*"]).await.map_err(|e| match e {
                    DirectoryError::NotFound => DirectoryError::Refused {
                        reason: RefusalReason::Other,
                        message: format!("the policy entry {dn} does not exist"),
                    },
                    e => e,
                })?;
                Ppolicy::from_attributes(pairs(&entry)).map_err(|e| DirectoryError::Refused {
                    reason: RefusalReason::Other,
                    message: format!("the policy entry {dn}: {e}"),
                })?
            }
        };
        let mut spec = self.config.local_rules.clone();
        spec.ppolicy = Some(ppolicy.clone());
        let policy = Policy::new(spec).map_err(|e| DirectoryError::Refused {
            reason: RefusalReason::Other,
            message: format!(
                "the policy entry {} with policy_file: {e}",
                dn.as_deref().unwrap_or("(none)")
            ),
        })?;
        let resolved = Resolved {
            ppolicy,
            policy: Arc::new(policy),
        };
        self.policies.put(key, resolved.clone());
        Ok(resolved)
    }

    /// Every group `dn` is in, nested membership included; one search per level.
    async fn groups(&self, conn: &mut Conn<'_>, dn: &str) -> Result<Vec<String>, DirectoryError> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut names = Vec::new();
        let mut frontier = vec![dn.to_owned()];
        for _ in 0..self.config.max_group_depth {
            let Some(members) = any_of(&["member", "uniqueMember"], &frontier) else {
                break;
            };
            let filter = format!(
                "(&(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)){members})"
            );
            let entries = conn
                .search(&self.config.group_base_dn, Scope::Subtree, &filter, &["cn"])
                .await?;
            frontier.clear();
            for e in entries {
                if seen.insert(e.dn.to_lowercase()) {
                    names.push(first(&e, "cn").unwrap_or(&e.dn).to_owned());
                    frontier.push(e.dn);
                }
            }
        }
        names.sort_by_key(|n| n.to_lowercase());
        Ok(names)
    }

    async fn subentry(
        &self,
        conn: &mut Conn<'_>,
        dn: &str,
    ) -> Result<Option<String>, DirectoryError> {
        if let Some(s) = self.subentries.get(dn) {
            return Ok(s);
        }
        let entry = conn.read(dn, &["pwdPolicySubentry"]).await?;
        let s = first(&entry, "pwdPolicySubentry").map(str::to_owned);
        self.subentries.put(dn, s.clone());
        Ok(s)
    }

    /// The connection of a user bound with `password`, or why not.
    async fn bind_user(&self, dn: &str, password: &str) -> Result<ldap3::Ldap, DirectoryError> {
        let (ldap, result) = self
            .pool
            .bind_as(dn, password, vec![ppolicy_request()])
            .await?;
        match result.rc {
            0 => Ok(ldap),
            49 => {
                let locked = PpolicyResponse::find(&result.ctrls).and_then(|r| r.error)
                    == Some(PpolicyError::AccountLocked);
                Err(DirectoryError::Refused {
                    reason: if locked {
                        RefusalReason::AccountLocked
                    } else {
                        RefusalReason::WrongOldPassword
                    },
                    message: ldap::describe(&result),
                })
            }
            _ => Err(refusal(&result)),
        }
    }
}

#[async_trait]
impl Directory for OpenLdapDirectory {
    fn name(&self) -> &str {
        &self.config.name
    }

    fn kind(&self) -> &'static str {
        "openldap"
    }

    async fn lookup(&self, user: &str) -> Result<UserRecord, DirectoryError> {
        let mut conn = self.pool.service().await?;
        let entry = self.find_entry(&mut conn, user).await?;
        let subentry = first(&entry, "pwdPolicySubentry").map(str::to_owned);
        self.subentries.put(&entry.dn, subentry.clone());
        let resolved = self.resolved(&mut conn, subentry.as_deref()).await?;
        let groups = self.groups(&mut conn, &entry.dn).await?;
        let last_set = first(&entry, "pwdChangedTime").and_then(parse_generalized_time);
        Ok(UserRecord {
            name: first(&entry, "uid").unwrap_or(user).to_owned(),
            display_name: first(&entry, "displayName")
                .or_else(|| first(&entry, "cn"))
                .map(str::to_owned),
            email: first(&entry, "mail").map(str::to_owned),
            groups,
            locked: is_locked(
                &resolved.ppolicy,
                first(&entry, "pwdAccountLockedTime"),
                now(),
            ),
            must_change: first(&entry, "pwdReset").is_some_and(|v| v.eq_ignore_ascii_case("TRUE")),
            password_last_set: last_set,
            expires_at: expiry_of(&resolved.policy, last_set),
            id: entry.dn,
        })
    }

    async fn reset_password(
        &self,
        user: &UserRecord,
        password: &str,
        options: ResetOptions,
    ) -> Result<ResetOutcome, DirectoryError> {
        let mut conn = self.pool.service().await?;
        // A successful password change clears the lock; keep it when not asked to unlock.
        let lock_before = if user.locked {
            let entry = conn.read(&user.id, &["pwdAccountLockedTime"]).await?;
            first(&entry, "pwdAccountLockedTime").map(str::to_owned)
        } else {
            None
        };
        let exop = PasswordModify {
            user_id: Some(&user.id),
            old_pass: None,
            new_pass: Some(password),
        };
        let (_, result) = conn.extended(exop, vec![ppolicy_request()]).await?;
        if result.rc != 0 {
            return Err(refusal(&result));
        }
        // slapd sets pwdReset itself when the policy has pwdMustChange; write only what
        // differs from what the request asked.
        let after = conn
            .read(
                &user.id,
                &["pwdReset", "pwdAccountLockedTime", "pwdFailureTime"],
            )
            .await?;
        let reset_now = first(&after, "pwdReset").is_some_and(|v| v.eq_ignore_ascii_case("TRUE"));
        let mut mods = Vec::new();
        if options.must_change != reset_now {
            mods.push(replace("pwdReset", options.must_change.then_some("TRUE")));
        }
        let locked_after = first(&after, "pwdAccountLockedTime");
        if options.unlock {
            if locked_after.is_some() {
                mods.push(replace("pwdAccountLockedTime", None));
            }
        } else if let (Some(v), None) = (&lock_before, locked_after) {
            mods.push(replace("pwdAccountLockedTime", Some(v)));
        }
        if !mods.is_empty() {
            let result = conn.modify(&user.id, mods, Vec::new()).await?;
            if result.rc != 0 {
                let e = refusal(&result);
                tracing::warn!(directory = %self.config.name, error = %e,
                    "the password was set, but pwdReset or the lock could not be written");
                return Err(e);
            }
        }
        Ok(ResetOutcome {
            unlocked: options.unlock && user.locked,
        })
    }

    async fn change_password(
        &self,
        user: &UserRecord,
        old: &str,
        new: &str,
    ) -> Result<(), DirectoryError> {
        let mut ldap = self.bind_user(&user.id, old).await?;
        let exop = PasswordModify {
            user_id: None,
            old_pass: Some(old),
            new_pass: Some(new),
        };
        let result = ldap
            .with_controls(vec![ppolicy_request()])
            .with_timeout(self.pool.timeout())
            .extended(exop)
            .await
            .map_err(ldap::transport)?;
        let _ = ldap.unbind().await;
        if result.1.rc != 0 {
            return Err(refusal(&result.1));
        }
        Ok(())
    }

    async fn unlock(&self, user: &UserRecord) -> Result<bool, DirectoryError> {
        let mut conn = self.pool.service().await?;
        // pwdFailureTime is slapd's own (no user modification): the next successful
        // bind clears it.
        let entry = conn.read(&user.id, &["pwdAccountLockedTime"]).await?;
        if first(&entry, "pwdAccountLockedTime").is_none() {
            return Ok(false);
        }
        let mods = vec![replace("pwdAccountLockedTime", None)];
        let result = conn.modify(&user.id, mods, Vec::new()).await?;
        if result.rc != 0 {
            return Err(refusal(&result));
        }
        Ok(true)
    }

    async fn lock_state(&self, user: &UserRecord) -> Result<bool, DirectoryError> {
        let mut conn = self.pool.service().await?;
        let entry = conn
            .read(&user.id, &["pwdAccountLockedTime", "pwdPolicySubentry"])
            .await?;
        let resolved = self
            .resolved(&mut conn, first(&entry, "pwdPolicySubentry"))
            .await?;
        Ok(is_locked(
            &resolved.ppolicy,
            first(&entry, "pwdAccountLockedTime"),
            now(),
        ))
    }

    async fn check_password(
        &self,
        user: &UserRecord,
        password: &str,
    ) -> Result<bool, DirectoryError> {
        match self.bind_user(&user.id, password).await {
            Ok(mut ldap) => {
                let _ = ldap.unbind().await;
                Ok(true)
            }
            Err(DirectoryError::Refused {
                reason: RefusalReason::WrongOldPassword | RefusalReason::AccountLocked,
                ..
            }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    async fn effective_policy(
        &self,
        user: Option<&UserRecord>,
    ) -> Result<Arc<Policy>, DirectoryError> {
        let mut conn = self.pool.service().await?;
        let subentry = match user {
            Some(u) => self.subentry(&mut conn, &u.id).await?,
            None => None,
        };
        Ok(self.resolved(&mut conn, subentry.as_deref()).await?.policy)
    }

    async fn test_connection(&self) -> Result<(), DirectoryError> {
        let mut conn = self.pool.service().await?;
        conn.search("", Scope::Base, "(objectClass=*)", &["1.1"])
            .await
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_response_control() {
        // error: passwordInHistory
        let r = PpolicyResponse::decode(&[0x30, 0x03, 0x81, 0x01, 0x08]).unwrap();
        assert_eq!(r.error, Some(PpolicyError::PasswordInHistory));
        assert_eq!(r.error.unwrap().reason(), RefusalReason::PasswordInHistory);
        // warning: timeBeforeExpiration 300, no error
        let r = PpolicyResponse::decode(&[0x30, 0x06, 0xa0, 0x04, 0x80, 0x02, 0x01, 0x2c]).unwrap();
        assert_eq!((r.time_before_expiration, r.error), (Some(300), None));
        // both: grace 2, changeAfterReset
        let r =
            PpolicyResponse::decode(&[0x30, 0x08, 0xa0, 0x03, 0x81, 0x01, 0x02, 0x81, 0x01, 0x02])
                .unwrap();
        assert_eq!(r.grace_remaining, Some(2));
        assert_eq!(r.error, Some(PpolicyError::ChangeAfterReset));
        assert_eq!(
            PpolicyResponse::decode(&[0x30, 0x00]),
            Some(PpolicyResponse::default())
        );
        assert_eq!(PpolicyResponse::decode(&[0x04, 0x00]), None);
        assert_eq!(
            PpolicyResponse::decode(&[0x30, 0x03, 0x85, 0x01, 0x00]),
            None
        );
        for (code, reason) in [
            (5, RefusalReason::PolicyNotMet),
            (6, RefusalReason::PolicyNotMet),
            (7, RefusalReason::PasswordTooYoung),
            (1, RefusalReason::AccountLocked),
            (3, RefusalReason::InsufficientAccess),
        ] {
            assert_eq!(PpolicyError::from_code(code).unwrap().reason(), reason);
        }
    }

    #[test]
    fn texts_map_to_reasons() {
        assert_eq!(
            reason_of_text("Password is in history of old passwords"),
            Some(RefusalReason::PasswordInHistory)
        );
        assert_eq!(
            reason_of_text("Password fails quality checking policy"),
            Some(RefusalReason::PolicyNotMet)
        );
        assert_eq!(
            reason_of_text("Password is too young to change"),
            Some(RefusalReason::PasswordTooYoung)
        );
        assert_eq!(reason_of_text("something else"), None);
    }

    #[test]
    fn lock_state_follows_the_duration() {
        let now = Timestamp::from_unix_seconds(1_709_208_000); // 2024-02-29T12:00:00Z
        let mut p = Ppolicy::default();
        assert!(!is_locked(&p, None, now));
        assert!(is_locked(&p, Some("20240229115000Z"), now));
        p.lockout_duration = 300;
        assert!(!is_locked(&p, Some("20240229115000Z"), now));
        assert!(is_locked(&p, Some("20240229115800Z"), now));
        assert!(is_locked(&p, Some("000001010000Z"), now));
    }
}
