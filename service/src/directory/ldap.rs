//! LDAP plumbing shared by the `openldap` and `active_directory` adapters: connections
//! over TLS only (LDAPS, or StartTLS on `ldap://`), the server certificate checked
//! against a CA file with rustls (ring), connect and per-operation timeouts, a small pool
//! of connections bound as the service account that replaces connections the server
//! closed, RFC 4515 filter and RFC 4514 DN escaping, and the mapping of LDAP results to
//! [`DirectoryError`].

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ldap3::controls::RawControl;
use ldap3::exop::Exop;
use ldap3::{
    Ldap, LdapConnAsync, LdapConnSettings, LdapError, LdapResult, Mod, Scope, SearchEntry,
};
use passforge::{Policy, PolicySpec, Timestamp};
use tokio::sync::{Semaphore, SemaphorePermit};

use super::{DirectoryError, RefusalReason, Secret};
use crate::config::read_secret_file;
use crate::config::{DirectoryKind, DirectorySection};

/// Where and how to connect, and as whom.
#[derive(Clone)]
pub struct LdapSettings {
    /// `ldaps://host:port` or `ldap://host:port` (then `starttls` must be on).
    pub url: String,
    /// Upgrade an `ldap://` connection with StartTLS.
    pub starttls: bool,
    /// PEM file of the CA(s) that signed the server's certificate.
    pub ca_file: PathBuf,
    /// The service account.
    pub bind_dn: String,
    /// Its password (read from a mode-600 file).
    pub bind_password: Secret,
    /// Connect timeout, and the timeout of every operation.
    pub timeout: Duration,
    /// At most this many connections at once.
    pub pool_size: usize,
}

/// Connections for one directory: a pool bound as the service account, and fresh
/// connections for binds as a user.
pub struct LdapPool {
    settings: LdapSettings,
    tls: Arc<rustls::ClientConfig>,
    idle: Mutex<Vec<Ldap>>,
    permits: Semaphore,
}

/// The rustls client configuration trusting only the CAs of `ca_file` (ring provider).
pub fn client_tls(ca_file: &Path) -> Result<rustls::ClientConfig, String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(ca_file)
        .and_then(|it| it.collect::<Result<_, _>>())
        .map_err(|e| format!("ca_file {}: {e}", ca_file.display()))?;
    let mut roots = rustls::RootCertStore::empty();
    for cert in certs {
        roots
            .add(cert)
            .map_err(|e| format!("ca_file {}: {e}", ca_file.display()))?;
    }
    if roots.is_empty() {
        return Err(format!(
            "ca_file {}: no CA certificate in it",
            ca_file.display()
        ));
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

impl LdapPool {
    /// A pool for `settings`; reads the CA file (no connection is made yet).
    pub fn new(settings: LdapSettings) -> Result<Self, String> {
        let tls = Arc::new(client_tls(&settings.ca_file)?);
        let permits = Semaphore::new(settings.pool_size.max(1));
        Ok(Self {
            settings,
            tls,
            idle: Mutex::new(Vec::new()),
            permits,
        })
    }

    /// The operation timeout.
    pub fn timeout(&self) -> Duration {
        self.settings.timeout
    }

    /// A new TLS connection, not bound.
    pub async fn open(&self) -> Result<Ldap, DirectoryError> {
        let conn_settings = LdapConnSettings::new()
            .set_conn_timeout(self.settings.timeout)
            .set_starttls(self.settings.starttls)
            .set_config(self.tls.clone());
        let (conn, ldap) = LdapConnAsync::with_settings(conn_settings, &self.settings.url)
            .await
            .map_err(|e| {
                DirectoryError::Unavailable(format!("connecting to {}: {e}", self.settings.url))
            })?;
        tokio::spawn(async move {
            if let Err(e) = conn.drive().await {
                tracing::debug!(error = %e, "LDAP connection ended");
            }
        });
        Ok(ldap)
    }

    /// A connection bound as the service account: an idle one, or a new one. Waits for a
    /// free slot at most the operation timeout.
    pub async fn service(&self) -> Result<Conn<'_>, DirectoryError> {
        let permit = tokio::time::timeout(self.settings.timeout, self.permits.acquire())
            .await
            .map_err(|_| {
                DirectoryError::Unavailable(format!(
                    "every one of the {} LDAP connections stayed busy",
                    self.settings.pool_size
                ))
            })?
            .map_err(|e| DirectoryError::Unavailable(e.to_string()))?;
        loop {
            let idle = self.lock_idle().pop();
            let Some(mut ldap) = idle else { break };
            if ldap.is_closed() {
                continue;
            }
            return Ok(Conn {
                pool: self,
                ldap: Some(ldap),
                healthy: true,
                reused: true,
                _permit: permit,
            });
        }
        let ldap = self.bind_service().await?;
        Ok(Conn {
            pool: self,
            ldap: Some(ldap),
            healthy: true,
            reused: false,
            _permit: permit,
        })
    }

    async fn bind_service(&self) -> Result<Ldap, DirectoryError> {
        let mut ldap = self.open().await?;
        let result = ldap
            .with_timeout(self.settings.timeout)
            .simple_bind(&self.settings.bind_dn, &self.settings.bind_password)
            .await
            .map_err(transport)?;
        if result.rc != 0 {
            // A service account that cannot bind makes the directory unusable until the
            // operator fixes it: unavailable, and /readyz says so.
            return Err(DirectoryError::Unavailable(format!(
                "the service account {} cannot bind: {}",
                self.settings.bind_dn,
                describe(&result)
            )));
        }
        Ok(ldap)
    }

    /// Binds as `dn` with `password` on a new connection; the bind's result (`rc` 0 or
    /// 49 and their response controls, or another refusal). The connection is returned
    /// for operations as that user.
    pub async fn bind_as(
        &self,
        dn: &str,
        password: &str,
        controls: Vec<RawControl>,
    ) -> Result<(Ldap, LdapResult), DirectoryError> {
        let mut ldap = self.open().await?;
        let result = ldap
            .with_controls(controls)
            .with_timeout(self.settings.timeout)
            .simple_bind(dn, password)
            .await
            .map_err(transport)?;
        Ok((ldap, result))
    }

    fn lock_idle(&self) -> std::sync::MutexGuard<'_, Vec<Ldap>> {
        // A panic while holding this lock leaves a plain Vec: still usable.
        self.idle.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A pooled connection bound as the service account; back in the pool when dropped,
/// unless it failed at the transport level.
pub struct Conn<'p> {
    pool: &'p LdapPool,
    ldap: Option<Ldap>,
    healthy: bool,
    reused: bool,
    _permit: SemaphorePermit<'p>,
}

impl Drop for Conn<'_> {
    fn drop(&mut self) {
        if let Some(ldap) = self.ldap.take() {
            if self.healthy {
                self.pool.lock_idle().push(ldap);
            }
        }
    }
}

impl Conn<'_> {
    fn ldap(&mut self) -> &mut Ldap {
        // Set at construction and only taken by Drop.
        #[allow(clippy::expect_used)]
        self.ldap
            .as_mut()
            .expect("a pooled connection has its handle")
    }

    async fn replace(&mut self) -> Result<(), DirectoryError> {
        self.ldap = Some(self.pool.bind_service().await?);
        self.reused = false;
        self.healthy = true;
        Ok(())
    }

    /// A search; referrals and continuation references are skipped. Retried once on a new
    /// connection when a reused one turns out to be dead (the server restarted).
    pub async fn search(
        &mut self,
        base: &str,
        scope: Scope,
        filter: &str,
        attrs: &[&str],
    ) -> Result<Vec<SearchEntry>, DirectoryError> {
        self.search_with(base, scope, filter, attrs, Vec::new())
            .await
    }

    /// [`Conn::search`] with request controls.
    pub async fn search_with(
        &mut self,
        base: &str,
        scope: Scope,
        filter: &str,
        attrs: &[&str],
        controls: Vec<RawControl>,
    ) -> Result<Vec<SearchEntry>, DirectoryError> {
        let timeout = self.pool.settings.timeout;
        loop {
            let result = self
                .ldap()
                .with_controls(controls.clone())
                .with_timeout(timeout)
                .search(base, scope, filter, attrs.to_vec())
                .await;
            match result {
                Ok(ldap3::SearchResult(entries, result)) => {
                    // 10 (referral) for a base outside the naming context: nothing there.
                    if result.rc != 0 && result.rc != 10 {
                        return Err(from_result(&result, None));
                    }
                    return Ok(entries
                        .into_iter()
                        .filter(|e| !e.is_ref() && !e.is_intermediate())
                        .map(SearchEntry::construct)
                        .collect());
                }
                Err(e) => {
                    self.healthy = false;
                    if self.reused {
                        tracing::info!(error = %e, "a pooled LDAP connection failed; reconnecting");
                        self.replace().await?;
                        continue;
                    }
                    return Err(transport(e));
                }
            }
        }
    }

    /// One entry by DN (base scope); `NotFound` when it does not exist.
    pub async fn read(&mut self, dn: &str, attrs: &[&str]) -> Result<SearchEntry, DirectoryError> {
        self.search(dn, Scope::Base, "(objectClass=*)", attrs)
            .await?
            .into_iter()
            .next()
            .ok_or(DirectoryError::NotFound)
    }

    /// A modify; the result as the server gave it (`rc` 0 or a refusal to map). Writes
    /// are not retried: a transport failure is `Unavailable`, and the caller may retry.
    pub async fn modify(
        &mut self,
        dn: &str,
        mods: Vec<Mod<Vec<u8>>>,
        controls: Vec<RawControl>,
    ) -> Result<LdapResult, DirectoryError> {
        let timeout = self.pool.settings.timeout;
        let result = self
            .ldap()
            .with_controls(controls)
            .with_timeout(timeout)
            .modify(dn, mods)
            .await;
        result.map_err(|e| {
            self.healthy = false;
            transport(e)
        })
    }

    /// An extended operation; the response value and the result.
    pub async fn extended(
        &mut self,
        exop: impl Into<Exop>,
        controls: Vec<RawControl>,
    ) -> Result<(Exop, LdapResult), DirectoryError> {
        let timeout = self.pool.settings.timeout;
        let result = self
            .ldap()
            .with_controls(controls)
            .with_timeout(timeout)
            .extended(exop)
            .await;
        match result {
            Ok(ldap3::result::ExopResult(exop, result)) => Ok((exop, result)),
            Err(e) => {
                self.healthy = false;
                Err(transport(e))
            }
        }
    }
}

/// A transport-level failure (connection refused or lost, timeout, TLS): retryable.
pub fn transport(e: LdapError) -> DirectoryError {
    match e {
        LdapError::LdapResult { result } => from_result(&result, None),
        other => DirectoryError::Unavailable(other.to_string()),
    }
}

/// `rc=19 (constraintViolation): text` and the like, for messages.
pub fn describe(result: &LdapResult) -> String {
    let text = result.text.trim();
    let name = match result.rc {
        0 => "success",
        3 => "timeLimitExceeded",
        10 => "referral",
        12 => "unavailableCriticalExtension",
        16 => "noSuchAttribute",
        19 => "constraintViolation",
        20 => "attributeOrValueExists",
        21 => "invalidAttributeSyntax",
        32 => "noSuchObject",
        34 => "invalidDNSyntax",
        49 => "invalidCredentials",
        50 => "insufficientAccessRights",
        51 => "busy",
        52 => "unavailable",
        53 => "unwillingToPerform",
        65 => "objectClassViolation",
        80 => "other",
        _ => "",
    };
    match (name, text) {
        ("", "") => format!("rc={}", result.rc),
        ("", t) => format!("rc={}: {t}", result.rc),
        (n, "") => format!("rc={} ({n})", result.rc),
        (n, t) => format!("rc={} ({n}): {t}", result.rc),
    }
}

/// A non-success result as a [`DirectoryError`]; `reason` is the adapter's reading of
/// the server's answer (a response control, a Win32 code), used for refusals.
pub fn from_result(result: &LdapResult, reason: Option<RefusalReason>) -> DirectoryError {
    let message = describe(result);
    match result.rc {
        // timeLimitExceeded, busy, unavailable: try again later.
        3 | 51 | 52 => DirectoryError::Unavailable(message),
        32 => DirectoryError::NotFound,
        50 => DirectoryError::Refused {
            reason: reason.unwrap_or(RefusalReason::InsufficientAccess),
            message,
        },
        19 => DirectoryError::Refused {
            reason: reason.unwrap_or(RefusalReason::PolicyNotMet),
            message,
        },
        _ => DirectoryError::Refused {
            reason: reason.unwrap_or(RefusalReason::Other),
            message,
        },
    }
}

/// RFC 4515: a value for a filter assertion. `*`, `(`, `)`, `\`, NUL, every other
/// control character and every byte of a non-ASCII character are written as `\XX`, so
/// the value can only ever be compared for equality, byte for byte.
pub fn escape_filter_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b == b' ' || (b.is_ascii_graphic() && !matches!(b, b'*' | b'(' | b')' | b'\\')) {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\{b:02x}");
        }
    }
    out
}

/// RFC 4514: an attribute value for a DN (`cn=<value>,…`). `"` `+` `,` `;` `<` `>`
/// `\` are escaped with a backslash, a leading `#` or space and a trailing space too,
/// NUL and other control characters as `\XX`.
pub fn escape_dn_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 4);
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        match c {
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\{b:02x}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Refuses an account name no directory can hold: one with NUL or another control
/// character. Escaping alone is not enough: Samba cuts an escaped `\00` short and would
/// match `alice\0` to `alice`, so such a name is `NotFound` before any search.
pub fn account_name(user: &str) -> Result<&str, DirectoryError> {
    if user.is_empty() || user.chars().any(char::is_control) {
        return Err(DirectoryError::NotFound);
    }
    Ok(user)
}

/// A filter template with every `{user}` replaced by the escaped `user`.
pub fn user_filter(template: &str, user: &str) -> String {
    template.replace("{user}", &escape_filter_value(user))
}

/// Checks a filter template: it must hold `{user}` and parse as a filter.
pub fn check_filter_template(template: &str) -> Result<(), String> {
    if !template.contains("{user}") {
        return Err(format!(
            "user_filter '{template}' must contain {{user}} (where the escaped account name goes)"
        ));
    }
    ldap3::parse_filter(user_filter(template, "x"))
        .map(|_| ())
        .map_err(|_| format!("user_filter '{template}' is not an LDAP filter (RFC 4515)"))
}

/// `(|(a=v1)(a=v2)…)` over every value, each escaped; `None` for no value.
pub fn any_of(attributes: &[&str], values: &[String]) -> Option<String> {
    if values.is_empty() {
        return None;
    }
    let mut out = String::from("(|");
    for v in values {
        let v = escape_filter_value(v);
        for a in attributes {
            let _ = write!(out, "({a}={v})");
        }
    }
    out.push(')');
    Some(out)
}

/// The first value of `name` (case-insensitive attribute name).
pub fn first<'e>(entry: &'e SearchEntry, name: &str) -> Option<&'e str> {
    values(entry, name).first().map(String::as_str)
}

/// Every value of `name` (case-insensitive attribute name).
pub fn values<'e>(entry: &'e SearchEntry, name: &str) -> &'e [String] {
    entry
        .attrs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map_or(&[], |(_, v)| v.as_slice())
}

/// Every attribute's first value, as `(name, value)` pairs (for the core's readers).
pub fn pairs(entry: &SearchEntry) -> Vec<(&str, &str)> {
    entry
        .attrs
        .iter()
        .filter_map(|(k, v)| v.first().map(|v| (k.as_str(), v.as_str())))
        .collect()
}

/// A replace of `attr` with one value, or with none (which deletes it, present or not).
pub fn replace(attr: &str, value: Option<&str>) -> Mod<Vec<u8>> {
    Mod::Replace(
        attr.as_bytes().to_vec(),
        value.map(|v| v.as_bytes().to_vec()).into_iter().collect(),
    )
}

/// LDAP GeneralizedTime (`YYYYMMDDHHMMSSZ`, with optional minutes/seconds, a fraction
/// and a `±hhmm` offset) as a timestamp.
pub fn parse_generalized_time(text: &str) -> Option<Timestamp> {
    let t = text.trim();
    let digits = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (body, offset_s) = if let Some(b) = t.strip_suffix('Z') {
        (b, 0)
    } else if let Some(i) = t.rfind(['+', '-']) {
        let (b, off) = t.split_at(i);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let hh = digits(off.get(1..3)?)?;
        let mm = off.get(3..5).map_or(Some(0), digits)?;
        (b, sign * (hh * 3600 + mm * 60))
    } else {
        return None;
    };
    let (main, _fraction) = match body.find(['.', ',']) {
        Some(i) => body.split_at(i),
        None => (body, ""),
    };
    if main.len() < 10 {
        return None;
    }
    let year = digits(main.get(0..4)?)?;
    let month = digits(main.get(4..6)?)?;
    let day = digits(main.get(6..8)?)?;
    let hour = digits(main.get(8..10)?)?;
    let minute = main.get(10..12).map_or(Some(0), digits)?;
    let second = main.get(12..14).map_or(Some(0), digits)?;
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_s;
    Some(Timestamp::from_unix_seconds(seconds))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The current time.
pub fn now() -> Timestamp {
    Timestamp::from_unix_seconds(crate::store::now_ms().div_euclid(1000))
}

/// A small map with a time to live, for policies and per-user facts read from the
/// directory (cleared whole when it grows past its bound).
pub struct TtlCache<V> {
    ttl: Duration,
    bound: usize,
    map: Mutex<HashMap<String, (std::time::Instant, V)>>,
}

impl<V: Clone> TtlCache<V> {
    /// A cache keeping values for `ttl` (zero: not at all), at most `bound` of them.
    pub fn new(ttl: Duration, bound: usize) -> Self {
        Self {
            ttl,
            bound,
            map: Mutex::new(HashMap::new()),
        }
    }

    /// The value for `key` if it is fresh.
    pub fn get(&self, key: &str) -> Option<V> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&key.to_lowercase())
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| v.clone())
    }

    /// Keeps `value` for `key`.
    pub fn put(&self, key: &str, value: V) {
        if self.ttl.is_zero() {
            return;
        }
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= self.bound {
            map.clear();
        }
        map.insert(key.to_lowercase(), (std::time::Instant::now(), value));
    }
}

/// Minimal BER reading for the response controls the adapters decode: one
/// tag-length-value at the start of `input`; `(tag, content, rest)`.
pub fn ber_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

/// A BER INTEGER / ENUMERATED content as a number.
pub fn ber_int(content: &[u8]) -> Option<i64> {
    if content.is_empty() || content.len() > 8 {
        return None;
    }
    let negative = content[0] & 0x80 != 0;
    let start: i64 = if negative { -1 } else { 0 };
    Some(
        content
            .iter()
            .fold(start, |acc, &b| (acc << 8) | i64::from(b)),
    )
}

/// The connection settings of an `openldap` or `active_directory` section; reads the
/// bind password file.
pub fn settings_of(section: &DirectorySection) -> Result<LdapSettings, String> {
    let missing = |key: &str| format!("{key} is required for kind = \"{}\"", section.kind.as_str());
    let path = section
        .bind_password_file
        .as_ref()
        .ok_or_else(|| missing("bind_password_file"))?;
    let bytes = read_secret_file(path).map_err(|e| format!("bind_password_file: {e}"))?;
    let password = std::str::from_utf8(&bytes)
        .map_err(|_| "bind_password_file: not UTF-8".to_owned())?
        .to_owned();
    Ok(LdapSettings {
        url: section.url.clone().ok_or_else(|| missing("url"))?,
        starttls: section.starttls,
        ca_file: section.ca_file.clone().ok_or_else(|| missing("ca_file"))?,
        bind_dn: section.bind_dn.clone().ok_or_else(|| missing("bind_dn"))?,
        bind_password: Secret::new(password),
        timeout: Duration::from_millis(section.timeout_ms),
        pool_size: usize::try_from(section.pool_size).unwrap_or(1),
    })
}

/// The adapter of an `openldap` or `active_directory` section, with the rules of its
/// `policy_file` (if any) on top of the directory's policy.
pub fn build(
    section: &DirectorySection,
    policy_file: Option<&Policy>,
    max_group_depth: u32,
) -> Result<Arc<dyn super::Directory>, String> {
    let ldap = settings_of(section)?;
    let base_dn = section.base_dn.clone().unwrap_or_default();
    let group_base_dn = section
        .group_base_dn
        .clone()
        .unwrap_or_else(|| base_dn.clone());
    let policy_cache = Duration::from_secs(section.policy_cache_seconds);
    let local_rules = local_rules(policy_file);
    Ok(match section.kind {
        DirectoryKind::ActiveDirectory => Arc::new(super::active_directory::ActiveDirectory::new(
            super::active_directory::AdConfig {
                name: section.name.clone(),
                ldap,
                user_filter: section
                    .user_filter
                    .clone()
                    .unwrap_or_else(|| "(sAMAccountName={user})".to_owned()),
                base_dn,
                group_base_dn,
                local_rules,
                policy_cache,
                policy_hints: section.policy_hints,
            },
        )?),
        _ => Arc::new(super::openldap::OpenLdapDirectory::new(
            super::openldap::OpenLdapConfig {
                name: section.name.clone(),
                ldap,
                user_filter: section
                    .user_filter
                    .clone()
                    .unwrap_or_else(|| "(uid={user})".to_owned()),
                base_dn,
                group_base_dn,
                policy_dn: section.policy_dn.clone(),
                local_rules,
                policy_cache,
                max_group_depth,
            },
        )?),
    })
}

/// The problems of an `openldap` or `active_directory` section (every one).
pub fn check_section(d: &DirectorySection) -> Vec<String> {
    let mut out = Vec::new();
    let kind = d.kind.as_str();
    match d.url.as_deref() {
        None => out.push(format!(
            "url is required for kind = \"{kind}\" (ldaps://host:636)"
        )),
        Some(url) => match url.split_once("://") {
            Some(("ldaps", rest)) if !rest.is_empty() => {
                if d.starttls {
                    out.push(
                        "starttls = true is for ldap:// URLs (ldaps:// is TLS already)".into(),
                    );
                }
            }
            Some(("ldap", rest)) if !rest.is_empty() => {
                if !d.starttls {
                    out.push(format!(
                        "url {url}: plain LDAP would send passwords in clear; use ldaps:// or \
                         starttls = true"
                    ));
                }
            }
            _ => out.push(format!(
                "url {url}: must be ldaps://host[:port] or ldap://host[:port]"
            )),
        },
    }
    match &d.ca_file {
        None => out.push(format!(
            "ca_file is required for kind = \"{kind}\" (the CA that signed the directory's certificate)"
        )),
        Some(path) => {
            if let Err(e) = client_tls(path) {
                out.push(e);
            }
        }
    }
    for (key, value) in [("bind_dn", &d.bind_dn), ("base_dn", &d.base_dn)] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            out.push(format!("{key} is required for kind = \"{kind}\""));
        }
    }
    match &d.bind_password_file {
        None => out.push(format!(
            "bind_password_file is required for kind = \"{kind}\""
        )),
        Some(path) => {
            if let Err(e) = read_secret_file(path) {
                out.push(format!("bind_password_file: {e}"));
            }
        }
    }
    if let Some(filter) = &d.user_filter {
        if let Err(e) = check_filter_template(filter) {
            out.push(e);
        }
    }
    if d.timeout_ms == 0 || d.timeout_ms > 600_000 {
        out.push("timeout_ms must be 1 to 600000".into());
    }
    if d.pool_size == 0 || d.pool_size > 64 {
        out.push("pool_size must be 1 to 64".into());
    }
    if d.users_file.is_some() {
        out.push(format!(
            "users_file is for local and mock, not kind = \"{kind}\" (users live in the directory)"
        ));
    }
    if d.write_delay_ms != 0 {
        out.push("write_delay_ms is for local and mock only".into());
    }
    if d.policy_dn.is_some() && d.kind != crate::config::DirectoryKind::Openldap {
        out.push("policy_dn is for kind = \"openldap\" only".into());
    }
    if d.policy_hints && d.kind != crate::config::DirectoryKind::ActiveDirectory {
        out.push("policy_hints is for kind = \"active_directory\" only".into());
    }
    out
}

/// The rules of a `policy_file` to apply on top of the directory's own policy (none
/// without one). Its `[ad]`/`[ppolicy]` table is dropped: the directory's entry replaces it.
pub fn local_rules(policy: Option<&Policy>) -> PolicySpec {
    let mut spec = policy.map(|p| p.spec().clone()).unwrap_or_default();
    spec.ad = None;
    spec.ppolicy = None;
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_values_cannot_change_the_filter() {
        assert_eq!(escape_filter_value("alice"), "alice");
        assert_eq!(escape_filter_value("*)(uid=*"), "\\2a\\29\\28uid=\\2a");
        assert_eq!(escape_filter_value("a\\b"), "a\\5cb");
        assert_eq!(escape_filter_value("a\0b"), "a\\00b");
        assert_eq!(escape_filter_value("jörg"), "j\\c3\\b6rg");
        assert_eq!(escape_filter_value("Ann Lee"), "Ann Lee");
        assert_eq!(
            user_filter("(&(objectClass=person)(uid={user}))", "*"),
            "(&(objectClass=person)(uid=\\2a))"
        );
        // The escaped filter parses, and is one equality assertion.
        for hostile in ["*)(uid=*", "\\", "\0", "x)(|(uid=*", "ü*"] {
            let f = user_filter("(uid={user})", hostile);
            assert!(ldap3::parse_filter(&f).is_ok(), "{f}");
            assert_eq!(f.matches('(').count(), 1, "{f}");
        }
        assert_eq!(
            any_of(&["member"], &["cn=a\\,b,dc=x".into(), "cn=(c)".into()]).unwrap(),
            "(|(member=cn=a\\5c,b,dc=x)(member=cn=\\28c\\29))"
        );
        assert!(any_of(&["member"], &[]).is_none());
    }

    #[test]
    fn dn_values_are_escaped() {
        assert_eq!(escape_dn_value("Smith, John"), "Smith\\, John");
        assert_eq!(escape_dn_value("#1 "), "\\#1\\ ");
        assert_eq!(
            escape_dn_value(" a+b;c<d>e\"f\\"),
            "\\ a\\+b\\;c\\<d\\>e\\\"f\\\\"
        );
        assert_eq!(escape_dn_value("a\0b"), "a\\00b");
        assert_eq!(escape_dn_value("jörg"), "jörg");
    }

    #[test]
    fn filter_templates_are_checked() {
        assert!(check_filter_template("(uid={user})").is_ok());
        assert!(check_filter_template("(uid=alice)").is_err());
        assert!(check_filter_template("(uid={user}").is_err());
    }

    #[test]
    fn generalized_time() {
        let t = |s| parse_generalized_time(s).map(|t| t.unix_seconds());
        assert_eq!(t("20240229120000Z"), Some(1_709_208_000));
        assert_eq!(t("20240229120000.123456Z"), Some(1_709_208_000));
        assert_eq!(t("20240229130000+0100"), Some(1_709_208_000));
        assert_eq!(t("19700101000000Z"), Some(0));
        assert_eq!(t("000001010000Z"), Some(days_from_civil(0, 1, 1) * 86_400));
        assert_eq!(t("2024022912Z"), Some(1_709_208_000));
        assert_eq!(t("garbage"), None);
        assert_eq!(t("20241301000000Z"), None);
    }

    #[test]
    fn ber() {
        let (tag, content, rest) = ber_tlv(&[0x30, 0x03, 0x81, 0x01, 0x08, 0xff]).unwrap();
        assert_eq!(
            (tag, content, rest),
            (0x30, &[0x81, 0x01, 0x08][..], &[0xff][..])
        );
        assert_eq!(ber_tlv(&[0x30, 0x05, 0x00]), None);
        assert_eq!(ber_tlv(&[0x04, 0x81, 0x01, 0x41]).unwrap().1, b"A");
        assert_eq!(ber_int(&[0x01, 0x00]), Some(256));
        assert_eq!(ber_int(&[0xff]), Some(-1));
    }

    #[test]
    fn results_map_to_errors() {
        let r = |rc, text: &str| LdapResult {
            rc,
            matched: String::new(),
            text: text.into(),
            refs: Vec::new(),
            ctrls: Vec::new(),
        };
        assert!(matches!(
            from_result(&r(52, ""), None),
            DirectoryError::Unavailable(_)
        ));
        assert_eq!(from_result(&r(32, ""), None), DirectoryError::NotFound);
        assert!(matches!(
            from_result(&r(19, "x"), None),
            DirectoryError::Refused {
                reason: RefusalReason::PolicyNotMet,
                ..
            }
        ));
        assert!(matches!(
            from_result(&r(50, ""), None),
            DirectoryError::Refused {
                reason: RefusalReason::InsufficientAccess,
                ..
            }
        ));
        assert_eq!(
            describe(&r(19, "too short")),
            "rc=19 (constraintViolation): too short"
        );
    }
    #[test]
    fn sections_are_checked() {
        let section = |extra: &str| -> DirectorySection {
            toml::from_str(&format!("name = \"d\"\nkind = \"openldap\"\n{extra}")).unwrap()
        };
        let problems = check_section(&section(""));
        for key in ["url", "ca_file", "bind_dn", "base_dn", "bind_password_file"] {
            assert!(
                problems.iter().any(|p| p.starts_with(key)),
                "{key}: {problems:?}"
            );
        }
        let problems = check_section(&section(
            "url = \"ldap://127.0.0.1\"\nuser_filter = \"(uid=x)\"\ntimeout_ms = 0\npolicy_hints = true\n",
        ));
        assert!(
            problems.iter().any(|p| p.contains("in clear")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("{user}")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("timeout_ms")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("policy_hints")),
            "{problems:?}"
        );
        let problems = check_section(&section("url = \"ldaps://h\"\nstarttls = true\n"));
        assert!(
            problems.iter().any(|p| p.contains("starttls")),
            "{problems:?}"
        );
        let problems = check_section(&section("url = \"http://h\"\n"));
        assert!(
            problems.iter().any(|p| p.contains("must be ldaps://")),
            "{problems:?}"
        );
    }
}
