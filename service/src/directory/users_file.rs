//! The users and groups a `local` (or `mock`) directory starts with: a TOML file.
//!
//! ```toml
//! [[users]]
//! name = "alice"
//! display_name = "Alice Martin"
//! email = "alice@example.test"
//! member_of = ["staff"]
//! locked = false          # optional
//! policy_file = "strict.toml"   # optional: this user's own policy (like an AD PSO)
//!
//! [[groups]]
//! name = "staff"
//! member_of = ["employees"]
//! ```

use std::path::Path;

use serde::Deserialize;

/// The file.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UsersFile {
    /// The users.
    #[serde(default)]
    pub users: Vec<SeedUser>,
    /// The groups (a group named only in a `member_of` exists too).
    #[serde(default)]
    pub groups: Vec<SeedGroup>,
}

/// One user.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SeedUser {
    /// Account name.
    pub name: String,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Groups the user is a direct member of.
    #[serde(default)]
    pub member_of: Vec<String>,
    /// Locked when first created.
    #[serde(default)]
    pub locked: bool,
    /// A policy file of this user's own, replacing the directory's (as an AD
    /// fine-grained policy does).
    pub policy_file: Option<std::path::PathBuf>,
}

/// One group.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SeedGroup {
    /// Group name.
    pub name: String,
    /// Groups this group is a member of.
    #[serde(default)]
    pub member_of: Vec<String>,
}

impl UsersFile {
    /// Each user's own policy (by lower-case name), read from its file.
    pub fn user_policies(
        &self,
    ) -> Result<std::collections::HashMap<String, std::sync::Arc<passforge::Policy>>, String> {
        let mut out = std::collections::HashMap::new();
        for user in &self.users {
            if let Some(path) = &user.policy_file {
                let policy = crate::config::read_policy(path)
                    .map_err(|e| format!("user {}: {e}", user.name))?;
                out.insert(user.name.to_lowercase(), std::sync::Arc::new(policy));
            }
        }
        Ok(out)
    }

    /// Reads and checks a users file.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let file = Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        file.user_policies()?;
        Ok(file)
    }

    /// Parses and checks the text of a users file.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: Self = toml::from_str(text).map_err(|e| e.message().trim().to_owned())?;
        let mut seen = std::collections::HashSet::new();
        for name in file.users.iter().map(|u| &u.name) {
            if name.is_empty() || !seen.insert(name.to_lowercase()) {
                return Err(format!("user name '{name}' is empty or listed twice"));
            }
        }
        Ok(file)
    }
}
