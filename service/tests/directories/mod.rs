//! Real directory servers for the adapter tests, started here and stopped by PID:
//! slapd (one per test: it starts in well under a second, so tests never share state)
//! through `scripts/slapd-test-server.sh`, and one Samba AD DC per test process
//! (provisioning takes a while) through `scripts/samba-test-dc.sh`. A watcher stops each
//! server once the test process is gone, even when a test panics.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::common::{free_port, write_secret};

pub const SUFFIX: &str = "dc=example,dc=test";
pub const SERVICE_DN: &str = "cn=passforge,ou=services,dc=example,dc=test";
pub const WRITER_DN: &str = "cn=writer,ou=services,dc=example,dc=test";
pub const SERVICE_PASSWORD: &str = "service-Passw0rd-for-tests";
pub const INITIAL_PASSWORD: &str = "Initial-Passw0rd";

/// Stops `script stop dir` when this test process ends (a detached watcher).
fn watch(script: &str, dir: &Path) {
    let watcher = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; bash {script} stop {dir} >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        dir = dir.display()
    );
    Command::new("setsid")
        .args(["-f", "bash", "-c", &watcher])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
}

/// A running slapd with the ppolicy overlay, on LDAPS (and StartTLS on a second port).
pub struct Slapd {
    pub dir: PathBuf,
    pub port: u16,
    pub starttls_port: u16,
    pub url: String,
    pub ca: PathBuf,
}

const SLAPD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../scripts/slapd-test-server.sh"
);

impl Slapd {
    /// A new server loaded with [`seed`] plus `extra` LDIF.
    pub fn start(extra: &str) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("passforge-slapd-")
            .tempdir()
            .unwrap()
            .keep();
        std::fs::write(
            dir.join("seed.ldif"),
            ldif_safe(&format!("{}\n{extra}", seed())),
        )
        .unwrap();
        let port = free_port();
        let server = Self {
            ca: dir.join("ca.pem"),
            port,
            starttls_port: free_port(),
            url: format!("ldaps://127.0.0.1:{port}"),
            dir,
        };
        server.run_start();
        watch(SLAPD, &server.dir);
        server
    }

    fn run_start(&self) {
        let out = Command::new("bash")
            .args([
                SLAPD,
                "start",
                self.dir.to_str().unwrap(),
                &self.port.to_string(),
                &self.starttls_port.to_string(),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "slapd did not start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Stops the server (SIGTERM by PID; the database is kept).
    pub fn stop(&self) {
        let status = Command::new("bash")
            .args([SLAPD, "stop", self.dir.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Starts it again on the same ports and database.
    pub fn restart(&self) {
        self.run_start();
    }

    /// An ldap-utils command (`ldapsearch`, `ldapmodify`, `ldapwhoami`…) against this
    /// server with its CA; `args` after `-H url -x`.
    pub fn tool(&self, tool: &str, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = Command::new(tool);
        cmd.env("LDAPTLS_CACERT", &self.ca)
            .env("LDAPTLS_REQCERT", "demand")
            .args(["-H", &self.url, "-x"])
            .args(args);
        match stdin {
            None => cmd.stdin(Stdio::null()).output().unwrap(),
            Some(text) => {
                use std::io::Write;
                let mut child = cmd
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(text.as_bytes())
                    .unwrap();
                child.wait_with_output().unwrap()
            }
        }
    }

    /// The root DN's arguments (`-D … -y pwfile`).
    pub fn admin(&self) -> Vec<String> {
        vec![
            "-D".into(),
            format!("cn=admin,{SUFFIX}"),
            "-y".into(),
            self.dir.join("admin.pw").display().to_string(),
        ]
    }

    /// Attributes of `dn` as the root DN (operational ones included), as LDIF text.
    pub fn read(&self, dn: &str, attrs: &[&str]) -> String {
        let admin = self.admin();
        let mut args: Vec<&str> = admin.iter().map(String::as_str).collect();
        args.extend(["-LLL", "-o", "ldif-wrap=no", "-s", "base", "-b", dn]);
        args.extend(attrs);
        let out = self.tool("ldapsearch", &args, None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Applies LDIF changes as the root DN.
    pub fn modify(&self, ldif: &str) {
        let admin = self.admin();
        let args: Vec<&str> = admin.iter().map(String::as_str).collect();
        let out = self.tool("ldapmodify", &args, Some(&ldif_safe(ldif)));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A simple bind as `uid` with `password` and the ppolicy control: ldapwhoami's
    /// success and everything it printed.
    pub fn bind(&self, uid: &str, password: &str) -> (bool, String) {
        let dn = format!("uid={uid},ou=people,{SUFFIX}");
        let out = self.tool(
            "ldapwhoami",
            &["-e", "ppolicy", "-D", &dn, "-w", password],
            None,
        );
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    /// The `[[directories]]` entry for this server, bound as `bind_dn`.
    pub fn directory_toml(&self, dir: &Path, bind_dn: &str, extra: &str) -> String {
        let pw = dir.join("bind.pw");
        write_secret(&pw, &format!("{SERVICE_PASSWORD}\n"));
        format!(
            "[[directories]]\nname = \"ldap\"\nkind = \"openldap\"\nurl = \"{url}\"\nca_file = \"{ca}\"\n\
             bind_dn = \"{bind_dn}\"\nbind_password_file = \"{pw}\"\nbase_dn = \"ou=people,{SUFFIX}\"\n\
             group_base_dn = \"ou=groups,{SUFFIX}\"\npolicy_dn = \"cn=default,ou=policies,{SUFFIX}\"\n\
             timeout_ms = 2000\npolicy_cache_seconds = 0\n{extra}\n",
            url = self.url,
            ca = self.ca.display(),
            pw = pw.display(),
        )
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .args([SLAPD, "stop", self.dir.to_str().unwrap()])
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Waits until `f` holds (every 100 ms, at most `limit`).
pub async fn eventually<F, Fut>(limit: Duration, mut f: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + limit;
    loop {
        if f().await {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn person(uid: &str, display: &str, extra: &str) -> String {
    format!(
        "dn: uid={uid},ou=people,{SUFFIX}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {display}\n\
         sn: {uid}\ndisplayName: {display}\nmail: {uid}@example.test\nuserPassword: {INITIAL_PASSWORD}\n{extra}\n"
    )
}

fn group(cn: &str, members: &[&str]) -> String {
    let mut s = format!("dn: cn={cn},ou=groups,{SUFFIX}\nobjectClass: groupOfNames\ncn: {cn}\n");
    for m in members {
        s.push_str(&format!("member: {m}\n"));
    }
    s.push('\n');
    s
}

fn user_dn(uid: &str) -> String {
    format!("uid={uid},ou=people,{SUFFIX}")
}

fn group_dn(cn: &str) -> String {
    format!("cn={cn},ou=groups,{SUFFIX}")
}

/// The test directory:
/// - policies: `default` (≥ 10 bytes checked, history 3, 90-day max age, lock after 3
///   failures until unlocked, must change after reset) and `strict` (≥ 24 bytes);
/// - groups: staff ⊂ employees; loop1 ⊂ loop2 ⊂ loop1 and loop2 ⊂ employees (a cycle;
///   loop2 is a groupOfUniqueNames); domain-admins;
/// - people: alice (staff), bob (employees, domain-admins), carol (employees, locked),
///   dave (no group), erin (employees, the strict policy), frank (loop1), gina, hank
///   (employees), jörg (employees);
/// - services: passforge (manage), writer (write only).
pub fn seed() -> String {
    let mut s = format!(
        "dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: example\n\n"
    );
    for ou in ["policies", "people", "groups", "services"] {
        s.push_str(&format!(
            "dn: ou={ou},{SUFFIX}\nobjectClass: organizationalUnit\nou: {ou}\n\n"
        ));
    }
    s.push_str(&format!(
        "dn: cn=default,ou=policies,{SUFFIX}\nobjectClass: organizationalRole\nobjectClass: pwdPolicy\n\
         cn: default\npwdAttribute: userPassword\npwdMinLength: 10\npwdCheckQuality: 2\npwdInHistory: 3\n\
         pwdMaxAge: 7776000\npwdLockout: TRUE\npwdMaxFailure: 3\npwdLockoutDuration: 0\npwdMustChange: TRUE\n\
         pwdAllowUserChange: TRUE\n\n\
         dn: cn=strict,ou=policies,{SUFFIX}\nobjectClass: organizationalRole\nobjectClass: pwdPolicy\n\
         cn: strict\npwdAttribute: userPassword\npwdMinLength: 24\npwdCheckQuality: 2\n\n"
    ));
    for service in ["passforge", "writer"] {
        s.push_str(&format!(
            "dn: cn={service},ou=services,{SUFFIX}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\n\
             cn: {service}\nuserPassword: {SERVICE_PASSWORD}\n\n"
        ));
    }
    s.push_str(&person("alice", "Alice Martin", ""));
    s.push_str(&person("bob", "Bob Admin", ""));
    s.push_str(&person(
        "carol",
        "Carol Locked",
        "pwdAccountLockedTime: 000001010000Z\n",
    ));
    s.push_str(&person("dave", "Dave Outside", ""));
    s.push_str(&person(
        "erin",
        "Erin Strict",
        &format!("pwdPolicySubentry: cn=strict,ou=policies,{SUFFIX}\n"),
    ));
    s.push_str(&person("frank", "Frank Deep", ""));
    s.push_str(&person("gina", "Gina Lockme", ""));
    s.push_str(&person("hank", "Hank History", ""));
    s.push_str(&person("jörg", "Jörg Umlaut", ""));
    s.push_str(&group("staff", &[&user_dn("alice")]));
    s.push_str(&group("domain-admins", &[&user_dn("bob")]));
    s.push_str(&group("loop1", &[&user_dn("frank"), &group_dn("loop2")]));
    s.push_str(&format!(
        "dn: cn=loop2,ou=groups,{SUFFIX}\nobjectClass: groupOfUniqueNames\ncn: loop2\nuniqueMember: {}\n\n",
        group_dn("loop1")
    ));
    s.push_str(&group(
        "employees",
        &[
            &group_dn("staff"),
            &group_dn("loop2"),
            &user_dn("bob"),
            &user_dn("carol"),
            &user_dn("erin"),
            &user_dn("gina"),
            &user_dn("hank"),
            &user_dn("jörg"),
        ],
    ));
    s
}

/// LDIF text with every non-ASCII value written as base64 (`attr:: …`, RFC 2849).
pub fn ldif_safe(text: &str) -> String {
    use base64ct::Encoding;
    text.lines()
        .map(|line| match line.split_once(": ") {
            Some((attr, value)) if !value.is_ascii() => {
                format!(
                    "{attr}:: {}",
                    base64ct::Base64::encode_string(value.as_bytes())
                )
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

// --- Samba AD DC -------------------------------------------------------------------

pub const AD_DOMAIN: &str = "DC=passforge,DC=test";
pub const AD_URL: &str = "ldaps://127.0.0.1:636";
const SAMBA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/samba-test-dc.sh");

/// The Samba AD DC of this test process.
pub struct Samba {
    pub dir: PathBuf,
    pub ca: PathBuf,
}

/// Tests take this shared; the test that stops the DC takes it exclusively.
pub static SAMBA_IN_USE: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// The DC, provisioned, started and seeded on first use (about half a minute).
pub fn samba() -> &'static Samba {
    static DC: std::sync::OnceLock<Samba> = std::sync::OnceLock::new();
    DC.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("passforge-samba-")
            .tempdir()
            .unwrap()
            .keep();
        let started = Instant::now();
        let samba = Samba {
            ca: dir.join("tls/ca.pem"),
            dir,
        };
        samba.start();
        watch(SAMBA, &samba.dir);
        samba.seed();
        eprintln!(
            "Samba AD DC ready in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        samba
    })
}

pub fn ad_user_dn(cn: &str) -> String {
    format!("CN={cn},CN=Users,{AD_DOMAIN}")
}

impl Samba {
    pub fn start(&self) {
        let out = Command::new("bash")
            .args([SAMBA, "start", self.dir.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "Samba did not start: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn stop(&self) {
        let status = Command::new("bash")
            .args([SAMBA, "stop", self.dir.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// An ldap-utils command bound as `dn` with `password`.
    pub fn tool_as(
        &self,
        tool: &str,
        dn: &str,
        password: &str,
        args: &[&str],
        stdin: Option<&str>,
    ) -> Output {
        let mut cmd = Command::new(tool);
        cmd.env("LDAPTLS_CACERT", &self.ca)
            .env("LDAPTLS_REQCERT", "demand")
            .args(["-H", AD_URL, "-x", "-D", dn, "-w", password])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        match stdin {
            None => cmd.stdin(Stdio::null()).output().unwrap(),
            Some(text) => {
                use std::io::Write;
                let mut child = cmd.stdin(Stdio::piped()).spawn().unwrap();
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(text.as_bytes())
                    .unwrap();
                child.wait_with_output().unwrap()
            }
        }
    }

    pub fn admin_password(&self) -> String {
        std::fs::read_to_string(self.dir.join("admin.pw")).unwrap()
    }

    /// Applies LDIF changes as the Administrator.
    pub fn modify(&self, ldif: &str) {
        let out = self.tool_as(
            "ldapmodify",
            &ad_user_dn("Administrator"),
            &self.admin_password(),
            &[],
            Some(&ldif_safe(ldif)),
        );
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Attributes of `dn` as the Administrator, as LDIF text.
    pub fn read(&self, dn: &str, attrs: &[&str]) -> String {
        let mut args = vec!["-LLL", "-o", "ldif-wrap=no", "-s", "base", "-b", dn];
        args.extend(attrs);
        let out = self.tool_as(
            "ldapsearch",
            &ad_user_dn("Administrator"),
            &self.admin_password(),
            &args,
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// A simple bind as user `cn`: success, and what the server said (e.g. `data 773`).
    pub fn bind(&self, cn: &str, password: &str) -> (bool, String) {
        let out = self.tool_as(
            "ldapsearch",
            &ad_user_dn(cn),
            password,
            &["-LLL", "-s", "base", "-b", "", "1.1"],
            None,
        );
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    /// The `[[directories]]` entry for the DC, bound as the Administrator.
    pub fn directory_toml(&self, dir: &Path, extra: &str) -> String {
        let pw = dir.join("ad-bind.pw");
        write_secret(&pw, &self.admin_password());
        format!(
            "[[directories]]\nname = \"ad\"\nkind = \"active_directory\"\nurl = \"{AD_URL}\"\nca_file = \"{ca}\"\n\
             bind_dn = \"{bind}\"\nbind_password_file = \"{pw}\"\nbase_dn = \"{AD_DOMAIN}\"\n\
             timeout_ms = 5000\npolicy_cache_seconds = 0\n{extra}\n",
            ca = self.ca.display(),
            bind = ad_user_dn("Administrator"),
            pw = pw.display(),
        )
    }

    /// The domain policy (min age 0, history 3, lockout after 3 failures for 30 min),
    /// users, nested groups and three PSOs.
    fn seed(&self) {
        let mut ldif = format!(
            "dn: {AD_DOMAIN}\nchangetype: modify\nreplace: minPwdAge\nminPwdAge: 0\n-\n\
             replace: minPwdLength\nminPwdLength: 8\n-\nreplace: pwdHistoryLength\npwdHistoryLength: 3\n-\n\
             replace: lockoutThreshold\nlockoutThreshold: 3\n-\n\
             replace: lockoutDuration\nlockoutDuration: -18000000000\n-\n\
             replace: lockOutObservationWindow\nlockOutObservationWindow: -18000000000\n-\n\n"
        );
        let users = [
            ("alice", "Alice Martin"),
            ("bob", "Bob Admin"),
            ("dave", "Dave Outside"),
            ("erin", "Erin Strict"),
            ("pat", "Pat Direct"),
            ("gina", "Gina Lockme"),
            ("hank", "Hank History"),
            ("mona", "Mona Change"),
            ("kim", "Kim Outage"),
            ("jörg", "Jörg Umlaut"),
            ("yuri", "Yuri Young"),
            ("stan", "Stan StartTLS"),
        ];
        for (sam, display) in users {
            ldif.push_str(&ad_person(sam, display));
        }
        let groups: [(&str, Vec<String>); 5] = [
            ("staff", vec![ad_user_dn("Alice Martin")]),
            ("domain-admins", vec![ad_user_dn("Bob Admin")]),
            (
                "strict-group",
                vec![ad_user_dn("Erin Strict"), ad_user_dn("Pat Direct")],
            ),
            (
                "employees",
                [
                    "staff",
                    "Bob Admin",
                    "strict-group",
                    "Gina Lockme",
                    "Hank History",
                    "Mona Change",
                    "Kim Outage",
                    "Jörg Umlaut",
                ]
                .iter()
                .map(|cn| ad_user_dn(cn))
                .collect(),
            ),
            // A cycle: employees -> loop -> employees.
            ("loop", vec![ad_user_dn("employees")]),
        ];
        for (cn, members) in &groups {
            ldif.push_str(&format!(
                "dn: {}\nchangetype: add\nobjectClass: group\nsAMAccountName: {cn}\n",
                ad_user_dn(cn)
            ));
            for m in members {
                ldif.push_str(&format!("member: {m}\n"));
            }
            ldif.push('\n');
        }
        ldif.push_str(&format!(
            "dn: {}\nchangetype: modify\nadd: member\nmember: {}\n\n",
            ad_user_dn("employees"),
            ad_user_dn("loop")
        ));
        // The group PSO (precedence 1, 20 characters) applies to erin and pat through
        // strict-group; pat also has a PSO of his own (precedence 50, 9 characters),
        // which wins because it is linked directly.
        // yuri's PSO has a one-day minimum age, so his own change right after his
        // account was made is too young.
        for (cn, precedence, min, min_age, applies) in [
            ("strict-pso", 1, 20, 0, ad_user_dn("strict-group")),
            ("pat-pso", 50, 9, 0, ad_user_dn("Pat Direct")),
            (
                "young-pso",
                60,
                8,
                -864_000_000_000_i64,
                ad_user_dn("Yuri Young"),
            ),
        ] {
            ldif.push_str(&format!(
                "dn: CN={cn},CN=Password Settings Container,CN=System,{AD_DOMAIN}\nchangetype: add\n\
                 objectClass: msDS-PasswordSettings\nmsDS-PasswordSettingsPrecedence: {precedence}\n\
                 msDS-PasswordReversibleEncryptionEnabled: FALSE\nmsDS-PasswordHistoryLength: 3\n\
                 msDS-PasswordComplexityEnabled: TRUE\nmsDS-MinimumPasswordLength: {min}\n\
                 msDS-MinimumPasswordAge: {min_age}\nmsDS-MaximumPasswordAge: -25920000000000\n\
                 msDS-LockoutThreshold: 3\nmsDS-LockoutObservationWindow: -18000000000\n\
                 msDS-LockoutDuration: -18000000000\nmsDS-PSOAppliesTo: {applies}\n\n"
            ));
        }
        self.modify(&ldif);
    }
}

/// The initial password of every AD test user.
pub const AD_INITIAL_PASSWORD: &str = "Initial-Passw0rd-AD";

fn ad_person(sam: &str, display: &str) -> String {
    use base64ct::Encoding;
    let pwd = passforge_service::directory::active_directory::unicode_pwd(AD_INITIAL_PASSWORD);
    ldif_safe(&format!(
        "dn: {}\nchangetype: add\nobjectClass: user\nsAMAccountName: {sam}\ndisplayName: {display}\n\
         mail: {sam}@passforge.test\nunicodePwd:: {}\nuserAccountControl: 512\n\n",
        ad_user_dn(display),
        base64ct::Base64::encode_string(&pwd)
    ))
}

/// `n` generated resets of `user` one after another through the API: the p50 and p99
/// latency in milliseconds (for the figures in docs/service.md; run with --ignored).
pub async fn reset_latency(server: &super::common::Server, user: &str, n: usize) -> (f64, f64) {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let (status, body, _) = server
            .call(
                "POST",
                "/v1/reset",
                Some(super::common::PLAIN_TOKEN),
                Some(serde_json::json!({"user": user})),
            )
            .await;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(status, 200, "{body}");
        if let Some(p) = body["password"].as_str() {
            server.secrets.lock().unwrap().push(p.to_owned());
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    (at(0.50), at(0.99))
}

/// Asserts that the directory refused the operation for `reason`.
#[track_caller]
pub fn assert_refused<T: std::fmt::Debug>(
    result: Result<T, passforge_service::directory::DirectoryError>,
    reason: passforge_service::directory::RefusalReason,
) {
    match result {
        Err(passforge_service::directory::DirectoryError::Refused { reason: got, .. })
            if got == reason => {}
        other => panic!("expected a refusal for {reason:?}, got {other:?}"),
    }
}
