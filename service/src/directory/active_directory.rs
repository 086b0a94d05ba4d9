//! The `active_directory` directory: Active Directory (and Samba AD DC) over LDAPS or
//! StartTLS (AD refuses password writes without TLS).
//!
//! Users are found with `user_filter` (default `(sAMAccountName={user})`); every group
//! of a user, nested included, comes from one search with the in-chain matching rule
//! `(member:1.2.840.113556.1.4.1941:=<user DN>)`; referrals are skipped. A reset is one
//! Modify replacing `unicodePwd` with the quoted UTF-16LE password (plus `pwdLastSet = 0`
//! for must-change and `lockoutTime = 0` for unlock, in the same request); a change as the
//! user deletes the old quoted value and adds the new one, so the server checks the old
//! password, the history and the minimum age. The policy is the user's resultant PSO
//! (`msDS-ResultantPSO`, or the PSOs that name the user or one of the user's groups,
//! resolved with the core's precedence rules when that attribute cannot be read) or
//! the domain object's, folded into a core `Policy` (UTF-16 lengths, the 256 cap and the
//! account-name and display-name rules, which Samba does not enforce itself). Refusals
//! are mapped from the Win32 code at the start of the server's text (`0000052D`,
//! `00000056`, `data 775`, …).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use ldap3::controls::RawControl;
use ldap3::{Mod, Scope, SearchEntry};
use passforge::{resolve_pso, AdPolicy, Policy, PolicySpec, PsoCandidate, PsoLink, Timestamp};
use tokio::sync::OnceCell;

use super::ldap::{
    self, any_of, escape_filter_value, first, now, pairs, user_filter, values, Conn, LdapPool,
    TtlCache,
};
use super::{
    expiry_of, Directory, DirectoryError, RefusalReason, ResetOptions, ResetOutcome, UserRecord,
};

/// LDAP_SERVER_POLICY_HINTS_OID: an administrator's reset honours the password history.
pub const POLICY_HINTS_CONTROL: &str = "1.2.840.113556.1.4.2239";
/// LDAP_MATCHING_RULE_IN_CHAIN.
pub const IN_CHAIN: &str = "1.2.840.113556.1.4.1941";
/// userAccountControl: the password never expires.
const DONT_EXPIRE_PASSWORD: u64 = 0x10000;
/// msDS-UserPasswordExpiryTimeComputed for "never".
const NEVER_EXPIRES: i64 = i64::MAX;

const USER_ATTRS: [&str; 10] = [
    "sAMAccountName",
    "displayName",
    "cn",
    "mail",
    "userAccountControl",
    "pwdLastSet",
    "lockoutTime",
    "msDS-UserPasswordExpiryTimeComputed",
    "msDS-ResultantPSO",
    "objectClass",
];

const DOMAIN_POLICY_ATTRS: [&str; 8] = [
    "minPwdLength",
    "pwdProperties",
    "pwdHistoryLength",
    "maxPwdAge",
    "minPwdAge",
    "lockoutThreshold",
    "lockoutDuration",
    "lockOutObservationWindow",
];

const PSO_ATTRS: [&str; 12] = [
    "msDS-MinimumPasswordLength",
    "msDS-PasswordComplexityEnabled",
    "msDS-PasswordHistoryLength",
    "msDS-MaximumPasswordAge",
    "msDS-MinimumPasswordAge",
    "msDS-LockoutThreshold",
    "msDS-LockoutDuration",
    "msDS-LockoutObservationWindow",
    "msDS-PasswordSettingsPrecedence",
    "msDS-PasswordReversibleEncryptionEnabled",
    "msDS-PSOAppliesTo",
    "objectGUID",
];

/// What the `active_directory` adapter is configured with.
pub struct AdConfig {
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
    /// Rules of `policy_file` applied on top of the directory's.
    pub local_rules: PolicySpec,
    /// How long a policy is reused.
    pub policy_cache: Duration,
    /// Send the policy-hints control with resets.
    pub policy_hints: bool,
}

/// The `active_directory` adapter.
pub struct ActiveDirectory {
    config: AdConfig,
    pool: LdapPool,
    /// The domain object's DN (the root DSE's `defaultNamingContext`).
    domain: OnceCell<String>,
    /// "" for the domain, else a PSO's DN, to the policy.
    policies: TtlCache<Arc<Policy>>,
    /// User DN to the PSO in force (from the last lookup).
    psos: TtlCache<Option<String>>,
}

/// The quoted UTF-16LE value `unicodePwd` takes.
pub fn unicode_pwd(password: &str) -> Vec<u8> {
    format!("\"{password}\"")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect()
}

/// The policy-hints control (`SEQUENCE { Flags INTEGER 1 }`), critical so that a server
/// that does not know it refuses rather than skipping the history.
pub fn policy_hints_control() -> RawControl {
    RawControl {
        ctype: POLICY_HINTS_CONTROL.to_owned(),
        crit: true,
        val: Some(vec![0x30, 0x03, 0x02, 0x01, 0x01]),
    }
}

/// The reason in an AD error text: the Win32 code at its start, a bind's `data` code,
/// and Samba's wording of `check_password_restrictions`.
pub fn reason_of_text(text: &str) -> Option<RefusalReason> {
    let t = text.to_ascii_lowercase();
    if t.contains("data 775") {
        return Some(RefusalReason::AccountLocked);
    }
    if t.contains("data 52e") || t.starts_with("00000056") {
        return Some(RefusalReason::WrongOldPassword);
    }
    if t.starts_with("00000005") || t.contains("insufficient") {
        return Some(RefusalReason::InsufficientAccess);
    }
    if t.starts_with("0000052d") || t.contains("check_password_restrictions") {
        return Some(if t.contains("history") {
            RefusalReason::PasswordInHistory
        } else if t.contains("too young") {
            RefusalReason::PasswordTooYoung
        } else {
            RefusalReason::PolicyNotMet
        });
    }
    None
}

/// A bind's `data` code (`52e`, `773`, `775`, `532`, …) from its error text.
pub fn bind_data_code(text: &str) -> Option<String> {
    let t = text.to_ascii_lowercase();
    let i = t.find("data ")?;
    let code: String = t[i + 5..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (!code.is_empty()).then_some(code)
}

fn refusal(result: &ldap3::LdapResult) -> DirectoryError {
    ldap::from_result(result, reason_of_text(&result.text))
}

fn filetime(value: Option<&str>) -> Option<i64> {
    value.and_then(|v| v.trim().parse().ok())
}

fn instant(ft: i64) -> Option<Timestamp> {
    (ft > 0 && ft != NEVER_EXPIRES)
        .then(|| Timestamp::from_filetime(ft).ok())
        .flatten()
}

/// Locked now: `lockoutTime` set and the lockout duration (none: until unlocked) not run out.
fn is_locked(policy: &Policy, lockout_time: Option<i64>, now: Timestamp) -> bool {
    let Some(at) = lockout_time.and_then(instant) else {
        return false;
    };
    match policy.lockout().duration {
        Some(d) => at.checked_add(d).is_none_or(|until| now < until),
        None => true,
    }
}

impl ActiveDirectory {
    /// The adapter for `config` (no connection is made yet).
    pub fn new(config: AdConfig) -> Result<Self, String> {
        let pool = LdapPool::new(config.ldap.clone())?;
        let cache = config.policy_cache;
        Ok(Self {
            config,
            pool,
            domain: OnceCell::new(),
            policies: TtlCache::new(cache, 256),
            psos: TtlCache::new(cache, 4096),
        })
    }

    async fn domain_dn(&self, conn: &mut Conn<'_>) -> Result<String, DirectoryError> {
        if let Some(dn) = self.domain.get() {
            return Ok(dn.clone());
        }
        let root = conn
            .search(
                "",
                Scope::Base,
                "(objectClass=*)",
                &["defaultNamingContext"],
            )
            .await?;
        let dn = root
            .first()
            .and_then(|e| first(e, "defaultNamingContext"))
            .map(str::to_owned)
            .unwrap_or_else(|| self.config.base_dn.clone());
        let _ = self.domain.set(dn.clone());
        Ok(dn)
    }

    fn fold(&self, ad: AdPolicy, from: &str) -> Result<Arc<Policy>, DirectoryError> {
        let mut spec = self.config.local_rules.clone();
        spec.ad = Some(ad);
        Policy::new(spec)
            .map(Arc::new)
            .map_err(|e| DirectoryError::Refused {
                reason: RefusalReason::Other,
                message: format!("the policy of {from} with policy_file: {e}"),
            })
    }

    fn bad_policy(from: &str, e: impl std::fmt::Display) -> DirectoryError {
        DirectoryError::Refused {
            reason: RefusalReason::Other,
            message: format!("the policy of {from}: {e}"),
        }
    }

    /// The domain's policy, or the PSO's at `pso`.
    async fn policy(
        &self,
        conn: &mut Conn<'_>,
        pso: Option<&str>,
    ) -> Result<Arc<Policy>, DirectoryError> {
        let key = pso.unwrap_or("");
        if let Some(p) = self.policies.get(key) {
            return Ok(p);
        }
        let policy = match pso {
            None => {
                let domain = self.domain_dn(conn).await?;
                let entry = conn.read(&domain, &DOMAIN_POLICY_ATTRS).await?;
                let ad = AdPolicy::from_attributes(pairs(&entry))
                    .map_err(|e| Self::bad_policy(&domain, e))?;
                self.fold(ad, &domain)?
            }
            Some(dn) => {
                let entry = conn.read(dn, &PSO_ATTRS).await?;
                let ad = AdPolicy::from_attributes(pairs(&entry))
                    .map_err(|e| Self::bad_policy(dn, e))?;
                self.fold(ad, dn)?
            }
        };
        self.policies.put(key, policy.clone());
        Ok(policy)
    }

    /// The PSO in force for `entry`: `msDS-ResultantPSO` when the server gave it, else
    /// the PSOs naming the user or a group of the user, resolved by precedence.
    async fn resultant_pso(
        &self,
        conn: &mut Conn<'_>,
        entry: &SearchEntry,
        group_dns: &[String],
    ) -> Result<Option<String>, DirectoryError> {
        if let Some(pso) = first(entry, "msDS-ResultantPSO") {
            return Ok(Some(pso.to_owned()));
        }
        let domain = self.domain_dn(conn).await?;
        let container = format!("CN=Password Settings Container,CN=System,{domain}");
        let mut targets = vec![entry.dn.clone()];
        targets.extend(group_dns.iter().cloned());
        let Some(applies) = any_of(&["msDS-PSOAppliesTo"], &targets) else {
            return Ok(None);
        };
        let filter = format!("(&(objectClass=msDS-PasswordSettings){applies})");
        let found = match conn
            .search(&container, Scope::OneLevel, &filter, &PSO_ATTRS)
            .await
        {
            Ok(found) => found,
            // No container (or not readable): the domain policy.
            Err(DirectoryError::NotFound) => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut candidates = Vec::new();
        for pso in &found {
            let direct = values(pso, "msDS-PSOAppliesTo")
                .iter()
                .any(|v| v.eq_ignore_ascii_case(&entry.dn));
            let guid = pso
                .bin_attrs
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("objectGUID"))
                .and_then(|(_, v)| v.first())
                .and_then(|b| <[u8; 16]>::try_from(b.as_slice()).ok())
                .unwrap_or([0; 16]);
            candidates.push(PsoCandidate {
                policy: AdPolicy::from_attributes(pairs(pso))
                    .map_err(|e| Self::bad_policy(&pso.dn, e))?,
                precedence: first(pso, "msDS-PasswordSettingsPrecedence")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(u32::MAX),
                link: if direct {
                    PsoLink::Direct
                } else {
                    PsoLink::Group
                },
                object_guid: guid,
            });
        }
        Ok(resolve_pso(&candidates).map(|i| found[i].dn.clone()))
    }

    async fn find_entry(
        &self,
        conn: &mut Conn<'_>,
        user: &str,
    ) -> Result<SearchEntry, DirectoryError> {
        let filter = format!(
            "(&(objectClass=user){})",
            user_filter(&self.config.user_filter, ldap::account_name(user)?)
        );
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

    /// Every group the entry is in, nested included: `(cn, dn)`.
    async fn groups(
        &self,
        conn: &mut Conn<'_>,
        dn: &str,
    ) -> Result<Vec<(String, String)>, DirectoryError> {
        let filter = format!(
            "(&(objectClass=group)(member:{IN_CHAIN}:={}))",
            escape_filter_value(dn)
        );
        let entries = conn
            .search(&self.config.group_base_dn, Scope::Subtree, &filter, &["cn"])
            .await?;
        let mut groups: Vec<(String, String)> = entries
            .into_iter()
            .map(|e| (first(&e, "cn").unwrap_or(&e.dn).to_owned(), e.dn))
            .collect();
        groups.sort_by_key(|(n, _)| n.to_lowercase());
        Ok(groups)
    }

    async fn pso_of(
        &self,
        conn: &mut Conn<'_>,
        dn: &str,
    ) -> Result<Option<String>, DirectoryError> {
        if let Some(p) = self.psos.get(dn) {
            return Ok(p);
        }
        let entry = conn.read(dn, &USER_ATTRS).await?;
        let group_dns = if first(&entry, "msDS-ResultantPSO").is_none() {
            self.groups(conn, dn)
                .await?
                .into_iter()
                .map(|(_, d)| d)
                .collect()
        } else {
            Vec::new()
        };
        let pso = self.resultant_pso(conn, &entry, &group_dns).await?;
        self.psos.put(dn, pso.clone());
        Ok(pso)
    }
}

#[async_trait]
impl Directory for ActiveDirectory {
    fn name(&self) -> &str {
        &self.config.name
    }

    fn kind(&self) -> &'static str {
        "active_directory"
    }

    async fn lookup(&self, user: &str) -> Result<UserRecord, DirectoryError> {
        let mut conn = self.pool.service().await?;
        let entry = self.find_entry(&mut conn, user).await?;
        let groups = self.groups(&mut conn, &entry.dn).await?;
        let group_dns: Vec<String> = groups.iter().map(|(_, d)| d.clone()).collect();
        let pso = self.resultant_pso(&mut conn, &entry, &group_dns).await?;
        self.psos.put(&entry.dn, pso.clone());
        let policy = self.policy(&mut conn, pso.as_deref()).await?;
        let pwd_last_set = filetime(first(&entry, "pwdLastSet"));
        let last_set = pwd_last_set.and_then(instant);
        let uac: u64 = first(&entry, "userAccountControl")
            .and_then(|v| v.parse::<i64>().ok())
            .map_or(0, |v| v as u64 & 0xffff_ffff);
        let expires_at = match filetime(first(&entry, "msDS-UserPasswordExpiryTimeComputed")) {
            Some(ft) => instant(ft),
            None if uac & DONT_EXPIRE_PASSWORD != 0 => None,
            None => expiry_of(&policy, last_set),
        };
        Ok(UserRecord {
            name: first(&entry, "sAMAccountName").unwrap_or(user).to_owned(),
            display_name: first(&entry, "displayName")
                .or_else(|| first(&entry, "cn"))
                .map(str::to_owned),
            email: first(&entry, "mail").map(str::to_owned),
            groups: groups.into_iter().map(|(n, _)| n).collect(),
            locked: is_locked(&policy, filetime(first(&entry, "lockoutTime")), now()),
            must_change: pwd_last_set == Some(0),
            password_last_set: last_set,
            expires_at,
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
        let mut mods = vec![Mod::Replace(
            b"unicodePwd".to_vec(),
            [unicode_pwd(password)].into_iter().collect(),
        )];
        if options.must_change {
            mods.push(ldap::replace("pwdLastSet", Some("0")));
        }
        if options.unlock && user.locked {
            mods.push(ldap::replace("lockoutTime", Some("0")));
        }
        let controls = if self.config.policy_hints {
            vec![policy_hints_control()]
        } else {
            Vec::new()
        };
        let result = conn.modify(&user.id, mods, controls).await?;
        if result.rc == 12 && self.config.policy_hints {
            return Err(DirectoryError::Refused {
                reason: RefusalReason::Other,
                message: format!(
                    "{}: the directory does not support the policy-hints control \
                     ({POLICY_HINTS_CONTROL}); the password was not set (policy_hints = true \
                     sends it as critical so history is never skipped silently)",
                    ldap::describe(&result)
                ),
            });
        }
        if result.rc != 0 {
            return Err(refusal(&result));
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
        // Everyone holds the Change-Password right on a user: the server checks the old
        // value, the history and the minimum age. (A bind as the user would fail for a
        // user who must change, with data 773.)
        let mut conn = self.pool.service().await?;
        let mods = vec![
            Mod::Delete(
                b"unicodePwd".to_vec(),
                [unicode_pwd(old)].into_iter().collect(),
            ),
            Mod::Add(
                b"unicodePwd".to_vec(),
                [unicode_pwd(new)].into_iter().collect(),
            ),
        ];
        let result = conn.modify(&user.id, mods, Vec::new()).await?;
        if result.rc != 0 {
            return Err(refusal(&result));
        }
        Ok(())
    }

    async fn unlock(&self, user: &UserRecord) -> Result<bool, DirectoryError> {
        let mut conn = self.pool.service().await?;
        let entry = conn.read(&user.id, &["lockoutTime"]).await?;
        if filetime(first(&entry, "lockoutTime")).unwrap_or(0) == 0 {
            return Ok(false);
        }
        let result = conn
            .modify(
                &user.id,
                vec![ldap::replace("lockoutTime", Some("0"))],
                Vec::new(),
            )
            .await?;
        if result.rc != 0 {
            return Err(refusal(&result));
        }
        Ok(true)
    }

    async fn lock_state(&self, user: &UserRecord) -> Result<bool, DirectoryError> {
        let mut conn = self.pool.service().await?;
        let entry = conn.read(&user.id, &["lockoutTime"]).await?;
        let pso = self.pso_of(&mut conn, &user.id).await?;
        let policy = self.policy(&mut conn, pso.as_deref()).await?;
        Ok(is_locked(
            &policy,
            filetime(first(&entry, "lockoutTime")),
            now(),
        ))
    }

    async fn check_password(
        &self,
        user: &UserRecord,
        password: &str,
    ) -> Result<bool, DirectoryError> {
        let (mut ldap, result) = self.pool.bind_as(&user.id, password, Vec::new()).await?;
        let _ = ldap.unbind().await;
        match result.rc {
            0 => Ok(true),
            49 => Ok(matches!(
                bind_data_code(&result.text).as_deref(),
                // The password is right, but must be changed (773) or has expired (532).
                Some("773" | "532")
            )),
            _ => Err(refusal(&result)),
        }
    }

    async fn effective_policy(
        &self,
        user: Option<&UserRecord>,
    ) -> Result<Arc<Policy>, DirectoryError> {
        let mut conn = self.pool.service().await?;
        let pso = match user {
            Some(u) => self.pso_of(&mut conn, &u.id).await?,
            None => None,
        };
        self.policy(&mut conn, pso.as_deref()).await
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
    fn unicode_pwd_is_quoted_utf16le() {
        assert_eq!(unicode_pwd("ab"), vec![0x22, 0, 0x61, 0, 0x62, 0, 0x22, 0]);
        // A character outside the BMP is a surrogate pair.
        assert_eq!(unicode_pwd("😀").len(), 2 * 4);
        assert_eq!(&unicode_pwd("é")[2..4], &[0xe9, 0x00]);
    }

    #[test]
    fn policy_hints_encoding() {
        let c = policy_hints_control();
        assert_eq!(c.ctype, "1.2.840.113556.1.4.2239");
        assert!(c.crit);
        let value = c.val.unwrap();
        let (tag, content, rest) = ldap::ber_tlv(&value).unwrap();
        assert_eq!((tag, rest.len()), (0x30, 0));
        let (tag, flags, _) = ldap::ber_tlv(content).unwrap();
        assert_eq!((tag, ldap::ber_int(flags)), (0x02, Some(1)));
    }

    #[test]
    fn win32_codes_map_to_reasons() {
        let r = |t| reason_of_text(t);
        assert_eq!(
            r("0000052D: Constraint violation - check_password_restrictions: the password is too short. It should be equal or longer than 7 characters!"),
            Some(RefusalReason::PolicyNotMet)
        );
        assert_eq!(
            r("0000052D: Constraint violation - check_password_restrictions: the password was already used (in history)!"),
            Some(RefusalReason::PasswordInHistory)
        );
        assert_eq!(
            r("0000052D: Constraint violation - check_password_restrictions: the password is too young to change!"),
            Some(RefusalReason::PasswordTooYoung)
        );
        assert_eq!(
            r("0000052D: SvcErr: DSID-03191083, problem 5003 (WILL_NOT_PERFORM), data 0"),
            Some(RefusalReason::PolicyNotMet)
        );
        assert_eq!(
            r("00000056: AtrErr: DSID-03191083, #1: 0: 00000056: DSID-03191083, problem 1005"),
            Some(RefusalReason::WrongOldPassword)
        );
        assert_eq!(
            r("80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 775, v3839"),
            Some(RefusalReason::AccountLocked)
        );
        assert_eq!(
            r("00000005: SecErr: DSID-031A11E2, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0"),
            Some(RefusalReason::InsufficientAccess)
        );
        assert_eq!(r("something"), None);
        assert_eq!(
            bind_data_code("80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 773, v3839").as_deref(),
            Some("773")
        );
        assert_eq!(bind_data_code("no code"), None);
    }

    #[test]
    fn lockout_follows_the_duration() {
        let now = Timestamp::from_unix_seconds(1_709_208_000);
        let ft = |t: Timestamp| t.to_filetime().unwrap();
        let policy = Policy::from_ad_attributes([("lockoutDuration", "-18000000000")]).unwrap(); // 30 min
        let ten_min_ago = ft(now.checked_sub(Duration::from_secs(600)).unwrap());
        let hour_ago = ft(now.checked_sub(Duration::from_secs(3600)).unwrap());
        assert!(is_locked(&policy, Some(ten_min_ago), now));
        assert!(!is_locked(&policy, Some(hour_ago), now));
        assert!(!is_locked(&policy, Some(0), now));
        assert!(!is_locked(&policy, None, now));
        let forever = Policy::from_ad_attributes([("lockoutDuration", "0")]).unwrap();
        assert!(is_locked(&forever, Some(hour_ago), now));
    }

    #[test]
    fn the_policy_enforces_what_samba_does_not() {
        // Rules 2a/2b and the 256 cap are passforge's (Samba does not check them).
        let policy =
            Policy::from_ad_attributes([("minPwdLength", "7"), ("pwdProperties", "1")]).unwrap();
        let user = passforge::UserContext {
            username: Some("jdoe".into()),
            display_name: Some("Ann-Marie O'Neil".into()),
            email: None,
        };
        assert!(!policy.validate("Xjdoe-2024!", &user).is_empty());
        assert!(!policy.validate("Marie#2024x", &user).is_empty());
        assert!(policy.validate("Kq7#pLm2zW", &user).is_empty());
        let long = format!("Aa1!{}", "x".repeat(253));
        assert!(!policy.validate(&long, &user).is_empty());
    }
}
