//! The configuration file's shape. Names are a contract other tools write: keep them.

use std::net::SocketAddr;
use std::path::PathBuf;

use passforge::GeneratorOptions;
use serde::{Deserialize, Serialize};

/// The whole file. Every section is read on its own so that every problem is reported.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// `[server]`.
    #[serde(default)]
    pub server: ServerSection,
    /// `[state]`.
    #[serde(default)]
    pub state: StateSection,
    /// `[[clients]]`.
    #[serde(default)]
    pub clients: Vec<ClientSection>,
    /// `[generator]`: the core's generator keys.
    #[serde(default)]
    pub generator: GeneratorOptions,
    /// `[reset]`.
    #[serde(default)]
    pub reset: ResetSection,
    /// `[groups]`.
    #[serde(default)]
    pub groups: GroupsSection,
    /// `[validation_script]`, optional.
    #[serde(default)]
    pub validation_script: Option<ScriptSection>,
    /// `[rate_limit]`.
    #[serde(default)]
    pub rate_limit: RateLimitSection,
    /// `[[directories]]`.
    #[serde(default)]
    pub directories: Vec<DirectorySection>,
}

/// `[server]`: the listener.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSection {
    /// Address and port; port 8080 by default.
    pub listen: SocketAddr,
    /// PEM certificate chain.
    pub tls_cert_file: Option<PathBuf>,
    /// PEM private key (a secret file: mode 600).
    pub tls_key_file: Option<PathBuf>,
    /// Plain HTTP, allowed only on a loopback listener.
    pub insecure_http: bool,
    /// The service's public address; links are built from it, never from `Host`.
    pub public_url: Option<String>,
    /// The largest request body accepted.
    pub max_body_bytes: usize,
    /// How long in-flight requests may take to finish after SIGTERM.
    pub shutdown_grace_seconds: u64,
}

impl Default for ServerSection {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([0, 0, 0, 0], 8080)),
            tls_cert_file: None,
            tls_key_file: None,
            insecure_http: false,
            public_url: None,
            max_body_bytes: 64 * 1024,
            shutdown_grace_seconds: 30,
        }
    }
}

/// `[state]`: where used tokens, idempotency records, rate-limit counters, the audit
/// log and the `local` directory live.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StateSection {
    /// `sqlite://PATH` (WAL) or `postgres://…`.
    pub url: String,
    /// Pool size (default: 8 for PostgreSQL, 4 for SQLite).
    pub max_connections: Option<u32>,
    /// How long an unfinished idempotent request holds its key before a retry may take
    /// it over (after a crash).
    pub idempotency_lease_seconds: u64,
    /// How long audit records are kept (0: forever).
    pub audit_retention_days: u64,
}

impl Default for StateSection {
    fn default() -> Self {
        Self {
            url: "sqlite://passforge-state.db".to_owned(),
            max_connections: None,
            idempotency_lease_seconds: 30,
            audit_retention_days: 0,
        }
    }
}

/// How a client's bearer token is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum ClientMode {
    /// The shared token itself.
    #[serde(rename = "plain")]
    Plain,
    /// Lowercase hex SHA-1 of the shared token followed by the decimal window.
    #[serde(rename = "time-sha1")]
    TimeSha1,
    /// Lowercase hex HMAC-SHA256 of the decimal window keyed by the shared token.
    #[serde(rename = "time-hmac")]
    TimeHmac,
    /// A per-request token `v1.<window>.<nonce>.<mac>` bound to the request's method,
    /// path and body (the core's `RequestTokenScheme`); each is accepted once.
    #[serde(rename = "request-hmac")]
    RequestHmac,
}

impl ClientMode {
    /// The name used in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plain => "plain",
            Self::TimeSha1 => "time-sha1",
            Self::TimeHmac => "time-hmac",
            Self::RequestHmac => "request-hmac",
        }
    }
}

/// Whether a time-based token may be used more than once in its window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Replay {
    /// Any number of times while valid.
    #[default]
    Allow,
    /// Once; the used tokens are kept in the state database (shared by replicas).
    Once,
}

/// An operation a client may be allowed to call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    /// `POST /v1/reset`.
    Reset,
    /// `POST /v1/unlock`.
    Unlock,
    /// `GET /v1/users/{user}`.
    Status,
    /// `POST /v1/generate`.
    Generate,
    /// `POST /v1/validate`.
    Validate,
    /// `GET /v1/directories/{name}/test`.
    Test,
    /// `GET /v1/audit`.
    Audit,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 7] = [
        Self::Reset,
        Self::Unlock,
        Self::Status,
        Self::Generate,
        Self::Validate,
        Self::Test,
        Self::Audit,
    ];

    /// The name used in the file, the audit log and the metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reset => "reset",
            Self::Unlock => "unlock",
            Self::Status => "status",
            Self::Generate => "generate",
            Self::Validate => "validate",
            Self::Test => "test",
            Self::Audit => "audit",
        }
    }
}

/// `[[clients]]`: one API client.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSection {
    /// Its name, in the audit log.
    pub name: String,
    /// The file holding its shared token (mode 600).
    pub token_file: PathBuf,
    /// How its bearer token is checked.
    #[serde(default = "default_mode")]
    pub mode: ClientMode,
    /// Window length of the time modes, in seconds.
    #[serde(default = "default_period")]
    pub period: u64,
    /// Neighbouring windows accepted on each side.
    #[serde(default = "default_skew")]
    pub skew: u32,
    /// `allow` or `once`.
    #[serde(default)]
    pub replay: Replay,
    /// What it may call.
    pub operations: Vec<Operation>,
}

fn default_mode() -> ClientMode {
    ClientMode::TimeSha1
}
fn default_period() -> u64 {
    passforge::TimeTokenScheme::DEFAULT_PERIOD_SECONDS
}
fn default_skew() -> u32 {
    passforge::TimeTokenScheme::DEFAULT_SKEW_WINDOWS
}

/// `[reset]`: the reference service's password settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ResetSection {
    /// Whether a locked account may be reset (then the request's `unlock` decides).
    pub allow_locked_accounts: bool,
    /// Must-change at next logon when a request does not say.
    pub must_change: bool,
    /// Whether a generated password is returned in the answer.
    pub return_password: bool,
}

impl Default for ResetSection {
    fn default() -> Self {
        Self {
            allow_locked_accounts: false,
            must_change: true,
            return_password: true,
        }
    }
}

/// `[groups]`: who may be reset.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GroupsSection {
    /// The user must be in at least one (nested membership counts).
    pub allowed: Vec<String>,
    /// The user must be in none.
    pub forbidden: Vec<String>,
    /// How deep nested groups are followed.
    pub max_depth: u32,
}

impl Default for GroupsSection {
    fn default() -> Self {
        Self {
            allowed: Vec::new(),
            forbidden: Vec::new(),
            max_depth: 16,
        }
    }
}

/// `[validation_script]`: the request validation script.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptSection {
    /// The command line; double quotes group words, no shell.
    pub command: String,
    /// Dotted key path into the script's JSON answer, e.g. `auth.res`.
    pub key: String,
    /// The value that key must hold, e.g. `ok`.
    pub value: String,
    /// Deny when the script runs longer.
    #[serde(default = "default_script_timeout")]
    pub timeout_ms: u64,
    /// Run as this user (the service must run as root).
    pub run_as_user: Option<String>,
    /// Run as this group (the service must run as root).
    pub run_as_group: Option<String>,
}

fn default_script_timeout() -> u64 {
    5000
}

/// `[rate_limit]`: failed authentications per source address.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitSection {
    /// Failures allowed in one window before the address gets 429.
    pub max_failures: u32,
    /// The window, in seconds.
    pub window_seconds: u64,
}

impl Default for RateLimitSection {
    fn default() -> Self {
        Self {
            max_failures: 10,
            window_seconds: 60,
        }
    }
}

/// Which adapter a directory uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DirectoryKind {
    /// Users in the state database, passwords as Argon2id.
    Local,
    /// Simulates success, a fatal or a retryable error.
    Mock,
    /// OpenLDAP with ppolicy.
    Openldap,
    /// Active Directory.
    ActiveDirectory,
}

impl DirectoryKind {
    /// The name used in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Mock => "mock",
            Self::Openldap => "openldap",
            Self::ActiveDirectory => "active_directory",
        }
    }
}

/// What the `mock` directory simulates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MockMode {
    /// Every operation succeeds.
    #[default]
    Success,
    /// Every write fails for good (502).
    Fatal,
    /// Every write fails, retryably (503).
    NonFatal,
}

/// `[[directories]]`: one credential store.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectorySection {
    /// Requests name it with `"directory"`; the first is the default.
    pub name: String,
    /// The adapter.
    pub kind: DirectoryKind,
    /// The password policy (`local` and `mock`): a passforge policy file. For
    /// `openldap` and `active_directory`, optional rules applied on top of the policy
    /// read from the directory.
    pub policy_file: Option<PathBuf>,
    /// `mock` only.
    pub mode: Option<MockMode>,
    /// `local` and `mock`: users and groups to create at start-up (TOML, see
    /// `examples/local-users.toml`); existing passwords and lock state are kept.
    pub users_file: Option<PathBuf>,
    /// `local` and `mock`: a pause before every write, to test timeouts and crashes.
    #[serde(default)]
    pub write_delay_ms: u64,
    /// `openldap`, `active_directory`: `ldaps://host[:636]`, or `ldap://host[:389]` with
    /// `starttls = true` (never plain LDAP).
    pub url: Option<String>,
    /// Upgrade an `ldap://` connection with StartTLS.
    #[serde(default)]
    pub starttls: bool,
    /// PEM file of the CA that signed the directory's certificate (required; the
    /// certificate is always verified).
    pub ca_file: Option<PathBuf>,
    /// The service account's DN (a password administrator: `manage` on `userPassword`
    /// for OpenLDAP; reset-password and write rights on the users for AD).
    pub bind_dn: Option<String>,
    /// The service account's password, in a file of mode 600.
    pub bind_password_file: Option<PathBuf>,
    /// Where users are searched (subtree).
    pub base_dn: Option<String>,
    /// The user search filter; `{user}` is replaced by the RFC 4515-escaped account name
    /// (default `(uid={user})`, or `(sAMAccountName={user})` for AD).
    pub user_filter: Option<String>,
    /// Where groups are searched (default `base_dn`).
    pub group_base_dn: Option<String>,
    /// Connect timeout and the timeout of every LDAP operation.
    #[serde(default = "default_ldap_timeout_ms")]
    pub timeout_ms: u64,
    /// Connections bound as the service account, at most.
    #[serde(default = "default_pool_size")]
    pub pool_size: u32,
    /// `openldap`: the overlay's default policy entry (its `ppolicy_default`) for users
    /// without `pwdPolicySubentry`; absent: the one `pwdPolicy` entry under `base_dn`,
    /// or no policy when there is none.
    pub policy_dn: Option<String>,
    /// How long a policy read from the directory is reused (0: read it every time).
    #[serde(default = "default_policy_cache_seconds")]
    pub policy_cache_seconds: u64,
    /// `active_directory`: send the password-policy-hints control
    /// (1.2.840.113556.1.4.2239) with resets, so the history applies to them too.
    #[serde(default)]
    pub policy_hints: bool,
}

fn default_ldap_timeout_ms() -> u64 {
    5000
}
fn default_pool_size() -> u32 {
    4
}
fn default_policy_cache_seconds() -> u64 {
    60
}
