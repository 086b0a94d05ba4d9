//! The integration-test harness: a real `passforge-service` process per test, over HTTPS
//! with a certificate made here (rcgen, SAN IP 127.0.0.1), its state on SQLite, or on a
//! real PostgreSQL when `PASSFORGE_TEST_STATE=postgres` (one server per test process,
//! started here with initdb on 127.0.0.1 and stopped by PID when the process ends; one
//! database per service). Every process is stopped by PID when its handle drops.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_passforge-service");
pub const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The shared tokens every test server gets, one per client.
pub const PLAIN_TOKEN: &str = "plain-token-0123456789abcdef0123";
pub const SHA1_TOKEN: &str = "sha1-token-0123456789abcdef01234";
pub const HMAC_TOKEN: &str = "hmac-token-0123456789abcdef01234";
pub const ONCE_TOKEN: &str = "once-token-0123456789abcdef01234";
pub const LIMITED_TOKEN: &str = "limited-token-0123456789abcdef01";
pub const REQUEST_TOKEN: &str = "request-token-0123456789abcdef01";

/// A free port on 127.0.0.1 (the OS's choice; released before the server binds it).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Writes a file with mode 600.
pub fn write_secret(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// Whether this run keeps its state on PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("PASSFORGE_TEST_STATE").as_deref() == Ok("postgres")
}

/// The base URL of this process's PostgreSQL server, started on first use.
fn postgres_base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::Builder::new().prefix("passforge-pg-").tempdir().unwrap().keep();
        let port = free_port();
        let script = format!("{REPO}/scripts/pg-test-server.sh");
        let out = Command::new("bash")
            .args([&script, "start", dir.to_str().unwrap(), &port.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "PostgreSQL did not start: {}", String::from_utf8_lossy(&out.stderr));
        // A watcher stops the server (pg_ctl, by its PID file) once this test process is gone.
        let watcher = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; bash {script} stop {dir}; rm -rf {dir}",
            pid = std::process::id(),
            dir = dir.display()
        );
        // `setsid -f` forks the watcher off and returns at once; it outlives this process.
        Command::new("setsid")
            .args(["-f", "bash", "-c", &watcher])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    })
}

/// A fresh state URL: a SQLite file in `dir`, or a new PostgreSQL database.
pub fn state_url(dir: &Path) -> String {
    if !on_postgres() {
        return format!("sqlite://{}", dir.join("state.db").display());
    }
    let base = postgres_base();
    // A counter, not a free port: ports come back, and a repeated name failed a run
    // with "database already exists".
    static DATABASES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let number = DATABASES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("t_{}_{number}", std::process::id());
    let out = Command::new("psql")
        .args([base, "-q", "-c", &format!("CREATE DATABASE {name}")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    base.rsplit_once('/')
        .map(|(b, _)| format!("{b}/{name}"))
        .unwrap()
}

/// What a test server is made of.
pub struct Setup {
    pub dir: PathBuf,
    /// Extra TOML appended after the sections the harness writes ([generator], [reset],
    /// [groups] and [[directories]] are written by the harness unless `custom` holds them).
    pub extra: String,
    /// Replaces the harness's [reset] section.
    pub reset: String,
    /// Replaces the harness's [[directories]].
    pub directories: Option<String>,
    /// Replaces the harness's [generator].
    pub generator: String,
    /// The state URL (default: a fresh one).
    pub state: Option<String>,
    /// Environment variables for the process.
    pub env: Vec<(String, String)>,
    /// Plain HTTP on loopback instead of TLS.
    pub insecure: bool,
}

pub struct TempDir(pub tempfile::TempDir);

impl Setup {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
            extra: String::new(),
            reset: "[reset]\nallow_locked_accounts = false\nmust_change = true\nreturn_password = true\n".into(),
            directories: None,
            generator: "[generator]\nlength = 16\nlower = 2\nupper = 2\ndigits = 2\nsymbols = 2\n".into(),
            state: None,
            env: Vec::new(),
            insecure: false,
        }
    }

    /// Writes the certificate, tokens, policy and users, and the config; returns its path.
    pub fn write(&self, port: u16) -> PathBuf {
        let d = &self.dir;
        if !d.join("cert.pem").exists() {
            let cert = rcgen::generate_simple_self_signed(vec![
                "127.0.0.1".to_owned(),
                "localhost".to_owned(),
            ])
            .unwrap();
            std::fs::write(d.join("cert.pem"), cert.cert.pem()).unwrap();
            write_secret(&d.join("key.pem"), &cert.key_pair.serialize_pem());
        }
        for (name, token) in [
            ("plain", PLAIN_TOKEN),
            ("sha1", SHA1_TOKEN),
            ("hmac", HMAC_TOKEN),
            ("once", ONCE_TOKEN),
            ("limited", LIMITED_TOKEN),
            ("request", REQUEST_TOKEN),
        ] {
            write_secret(&d.join(format!("{name}.token")), &format!("{token}\n"));
        }
        std::fs::copy(
            format!("{REPO}/examples/policy-ad.toml"),
            d.join("policy.toml"),
        )
        .unwrap();
        std::fs::write(d.join("strict.toml"), "min_length = 24\n").unwrap();
        let mut users = passforge_service::demo::DEMO_USERS.to_owned();
        users.push_str(&format!(
            "\n[[users]]\nname = \"erin\"\ndisplay_name = \"Erin Strict\"\nmember_of = [\"employees\"]\npolicy_file = \"{}\"\n\
             \n[[users]]\nname = \"frank\"\ndisplay_name = \"Frank Deep\"\nmember_of = [\"g1\"]\n\
             [[groups]]\nname = \"g1\"\nmember_of = [\"g2\"]\n[[groups]]\nname = \"g2\"\nmember_of = [\"g3\", \"g1\"]\n\
             [[groups]]\nname = \"g3\"\nmember_of = [\"employees\"]\n",
            d.join("strict.toml").display()
        ));
        std::fs::write(d.join("users.toml"), users).unwrap();
        // A restart on the same directory keeps its database.
        let saved = std::fs::read_to_string(d.join("state.url")).ok();
        let state = self.state.clone().or(saved).unwrap_or_else(|| state_url(d));
        std::fs::write(d.join("state.url"), &state).unwrap();
        let server = if self.insecure {
            format!("[server]\nlisten = \"127.0.0.1:{port}\"\ninsecure_http = true\nshutdown_grace_seconds = 10\n")
        } else {
            format!(
                "[server]\nlisten = \"127.0.0.1:{port}\"\ntls_cert_file = \"{0}/cert.pem\"\ntls_key_file = \"{0}/key.pem\"\nshutdown_grace_seconds = 10\n",
                d.display()
            )
        };
        let all = r#"["reset", "unlock", "status", "generate", "validate", "test", "audit"]"#;
        let directories = self.directories.clone().unwrap_or_else(|| {
            format!(
                "[[directories]]\nname = \"corp\"\nkind = \"local\"\npolicy_file = \"{0}/policy.toml\"\nusers_file = \"{0}/users.toml\"\n",
                d.display()
            )
        });
        let text = format!(
            "{server}\n[state]\nurl = \"{state}\"\nidempotency_lease_seconds = 2\n\n\
             [[clients]]\nname = \"plain\"\ntoken_file = \"{0}/plain.token\"\nmode = \"plain\"\noperations = {all}\n\n\
             [[clients]]\nname = \"sha1\"\ntoken_file = \"{0}/sha1.token\"\nmode = \"time-sha1\"\noperations = {all}\n\n\
             [[clients]]\nname = \"hmac\"\ntoken_file = \"{0}/hmac.token\"\nmode = \"time-hmac\"\nperiod = 60\noperations = {all}\n\n\
             [[clients]]\nname = \"once\"\ntoken_file = \"{0}/once.token\"\nmode = \"time-sha1\"\nreplay = \"once\"\noperations = {all}\n\n\
             [[clients]]\nname = \"request\"\ntoken_file = \"{0}/request.token\"\nmode = \"request-hmac\"\noperations = {all}\n\n\
             [[clients]]\nname = \"limited\"\ntoken_file = \"{0}/limited.token\"\nmode = \"plain\"\noperations = [\"status\"]\n\n\
             {generator}\n{reset}\n[groups]\nallowed = [\"employees\"]\nforbidden = [\"domain-admins\"]\n\n{directories}\n{extra}\n",
            d.display(),
            generator = self.generator,
            reset = self.reset,
            extra = self.extra,
        );
        let path = d.join("service.toml");
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// A running service, stopped (SIGKILL by PID) when dropped.
pub struct Server {
    pub child: Option<Child>,
    /// Every password, token and Idempotency-Key this server was sent or answered: none
    /// may appear in its log or state database (checked when it drops).
    pub secrets: std::sync::Mutex<Vec<String>>,
    pub dir: PathBuf,
    pub url: String,
    pub port: u16,
    pub config: PathBuf,
    pub log: PathBuf,
    pub http: reqwest::Client,
}

impl Server {
    /// Starts `serve` on `setup` and waits until `/healthz` answers.
    pub fn start(setup: &Setup) -> Self {
        let port = free_port();
        Self::start_on(setup, port)
    }

    pub fn start_on(setup: &Setup, port: u16) -> Self {
        let config = setup.write(port);
        let log = setup.dir.join(format!("service-{port}.log"));
        let logfile = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let child = Command::new(BIN)
            .args(["serve", "--config", config.to_str().unwrap()])
            .envs(setup.env.iter().cloned())
            .stdout(Stdio::null())
            .stderr(logfile)
            .spawn()
            .unwrap();
        let scheme = if setup.insecure { "http" } else { "https" };
        let ca =
            reqwest::Certificate::from_pem(&std::fs::read(setup.dir.join("cert.pem")).unwrap())
                .unwrap();
        let http = reqwest::Client::builder()
            .add_root_certificate(ca)
            .tls_built_in_root_certs(false)
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        let mut server = Self {
            child: Some(child),
            secrets: std::sync::Mutex::new(Vec::new()),
            dir: setup.dir.clone(),
            url: format!("{scheme}://127.0.0.1:{port}"),
            port,
            config,
            log,
            http,
        };
        server.wait_ready();
        server
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "the service exited ({status}): {}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                );
            }
            let ok = std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok();
            if ok {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the service did not listen: {}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    /// Sends a signal to the process (by PID).
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit; its status.
    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.child.take().unwrap().wait().unwrap()
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// A request with a bearer token; the status and the JSON body (Null when not JSON).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value, reqwest::header::HeaderMap) {
        self.call_with(method, path, token, body, &[]).await
    }

    pub async fn call_with(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (u16, Value, reqwest::header::HeaderMap) {
        {
            let mut secrets = self.secrets.lock().unwrap();
            secrets.extend(token.filter(|t| t.len() >= 8).map(str::to_owned));
            secrets.extend(
                headers
                    .iter()
                    .filter(|(k, _)| k.eq_ignore_ascii_case("idempotency-key"))
                    .map(|(_, v)| v.to_string()),
            );
            if let Some(p) = body
                .as_ref()
                .and_then(|b| b["password"].as_str())
                .filter(|p| p.len() >= 6)
            {
                secrets.push(p.to_owned());
            }
        }
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self.http.request(method, format!("{}{path}", self.url));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::Null),
            headers,
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if !std::thread::panicking() {
            assert_no_secrets(&self.dir, &self.secrets.lock().unwrap());
        }
    }
}

/// No secret in any service log or state database file of `dir` (or its PostgreSQL
/// database).
pub fn assert_no_secrets(dir: &Path, secrets: &[String]) {
    let mut haystack = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("service-") || name.starts_with("state") && !name.ends_with(".url") {
            haystack.extend(std::fs::read(&path).unwrap_or_default());
        }
    }
    haystack.extend(state_dump(dir));
    let haystack = String::from_utf8_lossy(&haystack);
    for secret in secrets {
        assert!(
            !haystack.contains(secret.as_str()),
            "a secret the test used is in the log or the state database: {secret}"
        );
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The time-sha1 bearer token now (300-second windows).
pub fn sha1_token(secret: &str) -> String {
    let scheme = passforge::TimeTokenScheme::default();
    let secret = passforge::SharedToken::new(secret).unwrap();
    scheme.token_at(&secret, now())
}

/// The time-hmac bearer token now with `period`.
pub fn hmac_token(secret: &str, period: u64) -> String {
    let scheme =
        passforge::TimeTokenScheme::new(passforge::TokenAlgorithm::HmacSha256, period, 1).unwrap();
    let secret = passforge::SharedToken::new(secret).unwrap();
    scheme.token_at(&secret, now())
}

pub fn now() -> passforge::Timestamp {
    let s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    passforge::Timestamp::from_unix_seconds(s as i64)
}

/// Appends to a file.
pub fn append(path: &Path, text: &str) {
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// Writes an executable script.
pub fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("passforge-service-test-")
        .tempdir()
        .unwrap()
}

/// The whole state database as text: `pg_dump` on PostgreSQL (SQLite's files are read
/// directly by the callers).
pub fn state_dump(dir: &Path) -> Vec<u8> {
    let url = std::fs::read_to_string(dir.join("state.url")).unwrap();
    if !url.starts_with("postgres") {
        return Vec::new();
    }
    let out = Command::new("pg_dump")
        .args(["--data-only", &url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
