//! Reading, overriding and checking the file: every problem at once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use passforge::{
    code_of, Generator, Policy, PolicyFormat, RequestTokenScheme, SharedToken, TimeTokenScheme,
    TokenAlgorithm,
};
use serde::de::DeserializeOwned;
use toml::{Table, Value};

use super::env::apply_overrides;
use super::file::*;
use super::problem::Problems;
use super::secret::read_secret_file;
use crate::directory::users_file::UsersFile;
use crate::script::CommandLine;

/// A checked configuration: what the service runs on.
#[derive(Clone)]
pub struct Settings {
    /// The sections as written (after the environment's overrides).
    pub file: ConfigFile,
    /// The API clients, with their shared tokens.
    pub clients: Vec<Client>,
    /// The configured generator.
    pub generator: Arc<Generator>,
    /// Each directory's policy file, read (local and mock).
    pub directory_policies: Vec<Option<Policy>>,
    /// Each directory's users file, read.
    pub directory_users: Vec<Option<UsersFile>>,
    /// The validation script's words.
    pub script: Option<CommandLine>,
    /// The TLS server configuration, unless plain HTTP on loopback.
    pub tls: Option<Arc<rustls::ServerConfig>>,
}

/// One API client, ready to authenticate.
#[derive(Clone)]
pub struct Client {
    /// Its name.
    pub name: String,
    /// Its shared token.
    pub token: Arc<SharedToken>,
    /// Plain or a time scheme.
    pub mode: ClientMode,
    /// The time scheme of the time modes.
    pub scheme: Option<TimeTokenScheme>,
    /// The scheme of `request-hmac`.
    pub request_scheme: Option<RequestTokenScheme>,
    /// Whether a time token is accepted once.
    pub replay: Replay,
    /// What it may call.
    pub operations: HashSet<Operation>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("name", &self.name)
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

/// Reads `path`. `Err` holds the problems; an unreadable file or invalid TOML is the only
/// problem then, and `unreadable` is true.
pub fn load(path: &Path) -> Result<(Settings, Problems), LoadFailure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| LoadFailure::unreadable(format!("cannot read {}: {e}", path.display())))?;
    load_text(&text, &path.display().to_string(), std::env::vars())
}

/// Why a configuration cannot be used.
#[derive(Debug)]
pub struct LoadFailure {
    /// Every problem found.
    pub problems: Problems,
    /// The file could not be read or is not TOML (exit 2 rather than 1).
    pub unreadable: bool,
}

impl LoadFailure {
    fn unreadable(message: String) -> Self {
        let mut problems = Problems::default();
        problems.error(message);
        Self {
            problems,
            unreadable: true,
        }
    }
}

/// [`load`] on text already read, with the environment given (for tests).
pub fn load_text(
    text: &str,
    origin: &str,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<(Settings, Problems), LoadFailure> {
    let mut table: Table = toml::from_str(text)
        .map_err(|e| LoadFailure::unreadable(format!("{origin}: {}", e.to_string().trim())))?;
    let mut problems = Problems::default();
    apply_overrides(&mut table, env, &mut problems);
    let file = read_sections(table, &mut problems);
    let settings = check(file, &mut problems);
    match settings {
        Some(settings) if !problems.has_errors() => Ok((settings, problems)),
        _ => Err(LoadFailure {
            problems,
            unreadable: false,
        }),
    }
}

/// Each section on its own, so that one bad section does not hide the others.
fn read_sections(table: Table, problems: &mut Problems) -> ConfigFile {
    let mut file = ConfigFile::default();
    for (key, value) in table {
        match key.as_str() {
            "server" => section(&key, value, problems, &mut file.server),
            "state" => section(&key, value, problems, &mut file.state),
            "generator" => section(&key, value, problems, &mut file.generator),
            "reset" => section(&key, value, problems, &mut file.reset),
            "groups" => section(&key, value, problems, &mut file.groups),
            "rate_limit" => section(&key, value, problems, &mut file.rate_limit),
            "validation_script" => {
                let mut script = None;
                section(&key, value, problems, &mut script);
                file.validation_script = script;
            }
            "clients" => file.clients = list(&key, value, problems),
            "directories" => file.directories = list(&key, value, problems),
            other => problems.error(format!(
                "unknown section [{other}] (sections: server, state, clients, generator, \
                 reset, groups, validation_script, rate_limit, directories)"
            )),
        }
    }
    file
}

fn section<T: DeserializeOwned>(name: &str, value: Value, problems: &mut Problems, out: &mut T) {
    match value.try_into() {
        Ok(v) => *out = v,
        Err(e) => problems.error(format!("[{name}]: {}", clean(e))),
    }
}

fn list<T: DeserializeOwned>(name: &str, value: Value, problems: &mut Problems) -> Vec<T> {
    let Value::Array(items) = value else {
        problems.error(format!("[[{name}]] must be a list of tables"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match item.try_into() {
            Ok(v) => out.push(v),
            Err(e) => problems.error(format!("[[{name}]] entry {i}: {}", clean(e))),
        }
    }
    out
}

fn clean(e: toml::de::Error) -> String {
    e.message().trim().replace('\n', " ")
}

fn check(file: ConfigFile, problems: &mut Problems) -> Option<Settings> {
    let tls = check_server(&file.server, problems);
    check_state(&file.state, problems);
    let clients = check_clients(&file.clients, problems);
    let generator = match Generator::new(&file.generator.to_settings()) {
        Ok(g) => {
            if g.is_weak() {
                problems.warning(format!(
                    "[generator]: {:.1} bits of entropy is weak; use a longer length",
                    g.entropy_bits()
                ));
            }
            Some(Arc::new(g))
        }
        Err(e) => {
            problems.error(format!("[generator]: {}: {e}", e.code()));
            None
        }
    };
    if file.groups.allowed.is_empty() {
        problems
            .error("[groups] allowed is empty: name at least one group whose members may be reset");
    }
    if !file.reset.return_password {
        problems.warning(
            "[reset] return_password = false: a generated password is neither returned nor \
             sent, so only requests that supply a password are useful",
        );
    }
    let script = file
        .validation_script
        .as_ref()
        .and_then(|s| check_script(s, problems));
    let (directory_policies, directory_users) = check_directories(&file.directories, problems);
    Some(Settings {
        clients,
        generator: generator?,
        directory_policies,
        directory_users,
        script,
        tls,
        file,
    })
}

fn check_server(
    server: &ServerSection,
    problems: &mut Problems,
) -> Option<Arc<rustls::ServerConfig>> {
    if server.insecure_http {
        if !server.listen.ip().is_loopback() {
            problems.error(format!(
                "[server] insecure_http = true is only allowed on a loopback listener, not {}",
                server.listen
            ));
        }
        if server.tls_cert_file.is_some() || server.tls_key_file.is_some() {
            problems.warning("[server] insecure_http = true: the TLS files are not used");
        }
        return None;
    }
    let (Some(cert), Some(key)) = (&server.tls_cert_file, &server.tls_key_file) else {
        problems.error(
            "[server] tls_cert_file and tls_key_file are required (plain HTTP only with \
             insecure_http = true on a loopback listener)",
        );
        return None;
    };
    match tls_config(cert, key) {
        Ok(config) => Some(Arc::new(config)),
        Err(message) => {
            problems.error(format!("[server] {message}"));
            None
        }
    }
}

/// The rustls server configuration from PEM files; the key file must be mode 600.
pub fn tls_config(cert: &Path, key: &Path) -> Result<rustls::ServerConfig, String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .and_then(|it| it.collect::<Result<_, _>>())
        .map_err(|e| format!("tls_cert_file {}: {e}", cert.display()))?;
    if certs.is_empty() {
        return Err(format!("tls_cert_file {}: no certificate", cert.display()));
    }
    let key_pem = read_secret_file(key).map_err(|e| format!("tls_key_file: {e}"))?;
    let key = PrivateKeyDer::from_pem_slice(&key_pem)
        .map_err(|e| format!("tls_key_file {}: {e}", key.display()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("tls_cert_file and tls_key_file: {e}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

fn check_state(state: &StateSection, problems: &mut Problems) {
    let url = state.url.as_str();
    if !(url.starts_with("sqlite:")
        || url.starts_with("postgres:")
        || url.starts_with("postgresql:"))
    {
        problems.error(format!(
            "[state] url must start with sqlite:// or postgres://, not '{}'",
            redact_url(url)
        ));
    }
    if state.max_connections == Some(0) {
        problems.error("[state] max_connections must be at least 1");
    }
}

/// A URL with its password replaced, for messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

fn check_clients(sections: &[ClientSection], problems: &mut Problems) -> Vec<Client> {
    if sections.is_empty() {
        problems.error("no [[clients]]: configure at least one API client");
    }
    let mut names = HashSet::new();
    let mut clients = Vec::new();
    for (i, c) in sections.iter().enumerate() {
        let at = format!(
            "[[clients]] {}",
            if c.name.is_empty() {
                i.to_string()
            } else {
                c.name.clone()
            }
        );
        if c.name.is_empty() {
            problems.error(format!("{at}: name is empty"));
        } else if !names.insert(c.name.to_lowercase()) {
            problems.error(format!("{at}: the name is used twice"));
        }
        if c.operations.is_empty() {
            problems.error(format!(
                "{at}: operations is empty (e.g. [\"reset\", \"status\"])"
            ));
        }
        let request_scheme = match c.mode {
            ClientMode::RequestHmac => match RequestTokenScheme::new(c.period, c.skew) {
                Ok(s) => Some(s),
                Err(e) => {
                    problems.error(format!("{at}: {}: {e}", e.code()));
                    None
                }
            },
            _ => None,
        };
        let scheme = match c.mode {
            ClientMode::RequestHmac => None,
            ClientMode::Plain => {
                if c.replay == Replay::Once {
                    problems.error(format!(
                        "{at}: replay = \"once\" needs a time mode (a plain token is the same forever)"
                    ));
                }
                None
            }
            ClientMode::TimeSha1 | ClientMode::TimeHmac => {
                let algorithm = if c.mode == ClientMode::TimeSha1 {
                    TokenAlgorithm::Sha1
                } else {
                    TokenAlgorithm::HmacSha256
                };
                match TimeTokenScheme::new(algorithm, c.period, c.skew) {
                    Ok(s) => Some(s),
                    Err(e) => {
                        problems.error(format!("{at}: {}: {e}", e.code()));
                        None
                    }
                }
            }
        };
        let token = match read_secret_file(&c.token_file) {
            Ok(bytes) => match SharedToken::new(bytes.to_vec()) {
                Ok(t) if t.is_short() => {
                    problems.error(format!(
                        "{at}: token_file holds fewer than {} bytes: use a random token of at \
                         least 32 characters",
                        SharedToken::MIN_BYTES
                    ));
                    None
                }
                Ok(t) => Some(t),
                Err(e) => {
                    problems.error(format!("{at}: token_file: {e}"));
                    None
                }
            },
            Err(e) => {
                problems.error(format!("{at}: token_file: {e}"));
                None
            }
        };
        if let Some(token) = token {
            clients.push(Client {
                name: c.name.clone(),
                token: Arc::new(token),
                mode: c.mode,
                scheme,
                request_scheme,
                replay: c.replay,
                operations: c.operations.iter().copied().collect(),
            });
        }
    }
    clients
}

fn check_script(script: &ScriptSection, problems: &mut Problems) -> Option<CommandLine> {
    let words = match CommandLine::parse(&script.command) {
        Ok(words) => words,
        Err(e) => {
            problems.error(format!("[validation_script] command: {e}"));
            return None;
        }
    };
    let program = Path::new(words.program());
    if !program.is_absolute() {
        problems.error(format!(
            "[validation_script] command: '{}' must be an absolute path (the script runs with \
             a minimal environment and no PATH search)",
            program.display()
        ));
    } else if !program.is_file() {
        problems.error(format!(
            "[validation_script] command: {} does not exist",
            program.display()
        ));
    }
    if script.key.is_empty() || script.key.split('.').any(str::is_empty) {
        problems.error("[validation_script] key must be a dotted path such as auth.res");
    }
    if script.timeout_ms == 0 || script.timeout_ms > 60_000 {
        problems.error("[validation_script] timeout_ms must be 1 to 60000");
    }
    if script.run_as_user.is_some() || script.run_as_group.is_some() {
        if !nix::unistd::geteuid().is_root() {
            problems.error(
                "[validation_script] run_as_user/run_as_group need the service to run as root \
                 (it switches to that account for the script)",
            );
        }
        if let Some(user) = &script.run_as_user {
            if !matches!(nix::unistd::User::from_name(user), Ok(Some(_))) {
                problems.error(format!("[validation_script] run_as_user: no user '{user}'"));
            }
        }
        if let Some(group) = &script.run_as_group {
            if !matches!(nix::unistd::Group::from_name(group), Ok(Some(_))) {
                problems.error(format!(
                    "[validation_script] run_as_group: no group '{group}'"
                ));
            }
        }
    }
    Some(words)
}

type DirectoryFiles = (Vec<Option<Policy>>, Vec<Option<UsersFile>>);

fn check_directories(sections: &[DirectorySection], problems: &mut Problems) -> DirectoryFiles {
    if sections.is_empty() {
        problems.error("no [[directories]]: configure at least one directory");
    }
    let mut names = HashSet::new();
    let mut policies = Vec::new();
    let mut users = Vec::new();
    for (i, d) in sections.iter().enumerate() {
        let at = format!(
            "[[directories]] {}",
            if d.name.is_empty() {
                i.to_string()
            } else {
                d.name.clone()
            }
        );
        if d.name.is_empty() {
            problems.error(format!("{at}: name is empty"));
        } else if !names.insert(d.name.to_lowercase()) {
            problems.error(format!("{at}: the name is used twice"));
        }
        match d.kind {
            DirectoryKind::Local | DirectoryKind::Mock => {}
            DirectoryKind::Openldap | DirectoryKind::ActiveDirectory => {
                for p in crate::directory::ldap::check_section(d) {
                    problems.error(format!("{at}: {p}"));
                }
            }
        }
        if d.mode.is_some() && d.kind != DirectoryKind::Mock {
            problems.error(format!("{at}: mode is for kind = \"mock\" only"));
        }
        let policy = match &d.policy_file {
            Some(path) => read_policy(path)
                .map_err(|e| problems.error(format!("{at}: policy_file: {e}")))
                .ok(),
            None => {
                if matches!(d.kind, DirectoryKind::Local | DirectoryKind::Mock) {
                    problems.error(format!(
                        "{at}: policy_file is required for kind = \"{}\"",
                        d.kind.as_str()
                    ));
                }
                None
            }
        };
        policies.push(policy);
        let file = d.users_file.as_ref().and_then(|path| {
            UsersFile::read(path)
                .map_err(|e| problems.error(format!("{at}: users_file: {e}")))
                .ok()
        });
        users.push(file);
    }
    (policies, users)
}

/// A policy file, TOML or JSON by its extension.
pub fn read_policy(path: &PathBuf) -> Result<Policy, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let format = PolicyFormat::of_file_name(&path.to_string_lossy());
    Policy::parse(&text, format).map_err(|e| {
        format!(
            "{}: {}: {e}",
            path.display(),
            code_of(&e).unwrap_or("POLICY")
        )
    })
}
