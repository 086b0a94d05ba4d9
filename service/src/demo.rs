//! `passforge-service demo`: the service on embedded defaults, no file needed. The
//! `local` directory with the demo users, SQLite state and two client tokens in the
//! state directory, plain HTTP on 127.0.0.1 only. Restarting on the same directory keeps
//! the state and the tokens.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{load_text, Problems};

/// The demo directory's policy: `examples/policy-ad.toml`.
pub const DEMO_POLICY: &str = include_str!("../../examples/policy-ad.toml");
/// The demo users (exact; the README and other tools rely on them).
pub const DEMO_USERS: &str = include_str!("demo/users.toml");

/// The files the demo uses in its state directory.
pub struct DemoFiles {
    /// The plain-mode client token.
    pub plain_token: PathBuf,
    /// The time-based (SHA-1) client token.
    pub time_token: PathBuf,
    /// The configuration the demo runs on, written for reference.
    pub config: PathBuf,
}

/// Prepares `dir` (tokens created once, mode 600) and returns the demo configuration.
pub fn prepare(dir: &Path, port: u16) -> Result<(crate::config::Settings, DemoFiles), Problems> {
    let fail = |m: String| {
        let mut p = Problems::default();
        p.error(m);
        p
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    let dir = dir
        .canonicalize()
        .map_err(|e| fail(format!("cannot resolve {}: {e}", dir.display())))?;
    let files = DemoFiles {
        plain_token: dir.join("demo-plain.token"),
        time_token: dir.join("demo-time.token"),
        config: dir.join("demo-service.toml"),
    };
    for path in [&files.plain_token, &files.time_token] {
        if !path.exists() {
            write_token(path).map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
        }
    }
    let policy = dir.join("policy-ad.toml");
    let users = dir.join("demo-users.toml");
    for (path, text) in [(&policy, DEMO_POLICY), (&users, DEMO_USERS)] {
        std::fs::write(path, text)
            .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
    }
    let q = |p: &Path| toml::Value::String(p.display().to_string()).to_string();
    let all =
        "[\"reset\", \"unlock\", \"status\", \"generate\", \"validate\", \"test\", \"audit\"]";
    let text = format!(
        "# Written by `passforge-service demo`: the embedded demo configuration (for reference).\n\
         [server]\nlisten = \"127.0.0.1:{port}\"\ninsecure_http = true\n\n\
         [state]\nurl = {state}\n\n\
         [[clients]]\nname = \"demo-plain\"\ntoken_file = {plain}\nmode = \"plain\"\noperations = {all}\n\n\
         [[clients]]\nname = \"demo-time\"\ntoken_file = {time}\nmode = \"time-sha1\"\nperiod = 300\nskew = 1\noperations = {all}\n\n\
         [generator]\nlength = 16\nlower = 2\nupper = 2\ndigits = 2\nsymbols = 2\n\n\
         [reset]\nallow_locked_accounts = false\nmust_change = true\nreturn_password = true\n\n\
         [groups]\nallowed = [\"employees\"]\nforbidden = [\"domain-admins\"]\n\n\
         [[directories]]\nname = \"demo\"\nkind = \"local\"\npolicy_file = {policy}\nusers_file = {users}\n",
        state = q(Path::new(&format!("sqlite://{}", dir.join("state.db").display()))),
        plain = q(&files.plain_token),
        time = q(&files.time_token),
        policy = q(&policy),
        users = q(&users),
    );
    std::fs::write(&files.config, &text)
        .map_err(|e| fail(format!("cannot write {}: {e}", files.config.display())))?;
    // The demo ignores PASSFORGE_* overrides: it is the embedded defaults.
    let (settings, _) =
        load_text(&text, "demo configuration", std::iter::empty()).map_err(|f| f.problems)?;
    Ok((settings, files))
}

fn write_token(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut raw = zeroize::Zeroizing::new([0u8; 24]);
    getrandom::fill(raw.as_mut()).map_err(|e| std::io::Error::other(e.to_string()))?;
    let token = zeroize::Zeroizing::new(crate::store::idempotency::hex(raw.as_ref()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(token.as_bytes())?;
    file.write_all(b"\n")
}

/// The banner printed at start.
pub fn banner(url: &str, files: &DemoFiles) -> String {
    format!(
        "\n  ****************************************************************\n  \
         *  DEMO MODE: plain HTTP, generated tokens, demo users.          *\n  \
         *  Never expose it or use it for real accounts.                  *\n  \
         ****************************************************************\n\n  \
         listening on   {url}\n  \
         plain token    {}\n  \
         time token     {} (bearer = sha1(token + floor(unix_time/300)))\n  \
         configuration  {}\n\n  \
         try:  curl -s -X POST {url}/v1/reset -H \"Authorization: Bearer $(cat {})\" \\\n          \
         -H 'Content-Type: application/json' -d '{{\"user\": \"alice\"}}'\n",
        files.plain_token.display(),
        files.time_token.display(),
        files.config.display(),
        files.plain_token.display(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_users_are_exact() {
        let users = crate::service::demo_users();
        let names: Vec<_> = users.users.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["alice", "bob", "carol", "dave"]);
        assert_eq!(users.users[0].email.as_deref(), Some("alice@example.test"));
        assert!(users.users[2].locked);
        assert!(users.users[3].member_of.is_empty());
    }
}
