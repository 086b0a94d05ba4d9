//! The running service: its settings, state database, directories and metrics, built
//! once at start-up and shared by every request.

use std::sync::Arc;
use std::time::Duration;

use passforge::Generator;

use crate::config::{DirectoryKind, MockMode, Problems, Settings};
use crate::directory::local::LocalDirectory;
use crate::directory::mock::MockDirectory;
use crate::directory::users_file::UsersFile;
use crate::directory::Directory;
use crate::metrics::Metrics;
use crate::ops::generator_check::check_generator;
use crate::script::ValidationScript;
use crate::store::audit::AuditWriter;
use crate::store::{now_ms, Backend, Store};

/// How often SQLite's write-ahead log is copied into the database file (see
/// [`Store::checkpoint`]).
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// Everything a request needs.
pub struct Service {
    /// The checked configuration.
    pub settings: Settings,
    /// The state database.
    pub store: Store,
    /// The audit log's writer.
    pub audit: AuditWriter,
    /// The directories, in configuration order (the first is the default).
    pub directories: Vec<Arc<dyn Directory>>,
    /// The request validation script.
    pub script: Option<ValidationScript>,
    /// The Prometheus registry.
    pub metrics: Metrics,
}

impl Service {
    /// Opens the state, builds the directories, and checks the generator against every
    /// directory's policy: a weaker generator is an error listing every reason.
    pub async fn build(settings: Settings) -> Result<Arc<Self>, Problems> {
        let mut problems = Problems::default();
        let started = now_ms();
        let store = Store::open(
            &settings.file.state.url,
            settings.file.state.max_connections,
        )
        .await
        .map_err(|e| {
            let mut p = Problems::default();
            p.error(e);
            p
        })?;
        match store.mark_interrupted(started).await {
            Ok(0) => {}
            Ok(n) => tracing::warn!(
                records = n,
                "audit records of requests interrupted by a stop are marked interrupted"
            ),
            Err(e) => problems.error(format!("reading the audit log: {e}")),
        }
        let mut directories: Vec<Arc<dyn Directory>> = Vec::new();
        for (i, section) in settings.file.directories.iter().enumerate() {
            let policy = settings.directory_policies[i].clone();
            let users = settings.directory_users[i].clone().unwrap_or_default();
            let delay = Duration::from_millis(section.write_delay_ms);
            let depth = settings.file.groups.max_depth;
            if matches!(
                section.kind,
                DirectoryKind::Openldap | DirectoryKind::ActiveDirectory
            ) {
                match crate::directory::ldap::build(section, policy.as_ref(), depth) {
                    Ok(directory) => {
                        problems.extend(
                            check_directory_policy(directory.as_ref(), &settings.generator).await,
                        );
                        directories.push(directory);
                    }
                    Err(e) => problems.error(format!("[[directories]] {}: {e}", section.name)),
                }
                continue;
            }
            let Some(policy) = policy else { continue };
            let directory: Arc<dyn Directory> = match section.kind {
                DirectoryKind::Local => {
                    if let Err(e) = store.seed_local(&section.name, &users, started).await {
                        problems.error(format!(
                            "[[directories]] {}: seeding users: {e}",
                            section.name
                        ));
                    }
                    let user_policies = users.user_policies().unwrap_or_default();
                    Arc::new(LocalDirectory::new(
                        &section.name,
                        store.clone(),
                        policy,
                        user_policies,
                        depth,
                        delay,
                    ))
                }
                DirectoryKind::Mock => Arc::new(MockDirectory::new(
                    &section.name,
                    section.mode.unwrap_or(MockMode::Success),
                    policy,
                    &users,
                    depth,
                    delay,
                )),
                // Built above.
                DirectoryKind::Openldap | DirectoryKind::ActiveDirectory => continue,
            };
            problems.extend(check_directory_policy(directory.as_ref(), &settings.generator).await);
            directories.push(directory);
        }
        let script = match (&settings.file.validation_script, &settings.script) {
            (Some(section), Some(words)) => match ValidationScript::new(section, words.clone()) {
                Ok(s) => Some(s),
                Err(e) => {
                    problems.error(format!("[validation_script]: {e}"));
                    None
                }
            },
            _ => None,
        };
        if problems.has_errors() {
            return Err(problems);
        }
        for p in problems.all() {
            tracing::warn!("{p}");
        }
        let audit = AuditWriter::start(store.clone());
        Ok(Arc::new(Self {
            settings,
            store,
            audit,
            directories,
            script,
            metrics: Metrics::new(),
        }))
    }

    /// The directory a request names, or the first.
    pub fn directory(&self, name: Option<&str>) -> Option<&Arc<dyn Directory>> {
        match name {
            None => self.directories.first(),
            Some(n) => self
                .directories
                .iter()
                .find(|d| d.name().eq_ignore_ascii_case(n)),
        }
    }

    /// The configured generator.
    pub fn generator(&self) -> &Generator {
        &self.settings.generator
    }

    /// Purges expired state every minute and checkpoints SQLite's write-ahead log every
    /// second, in the background.
    pub fn start_housekeeping(self: &Arc<Self>) {
        let store = self.store.clone();
        // PostgreSQL checkpoints by itself, off the commit path.
        tokio::spawn(async move {
            if store.backend() != Backend::Sqlite {
                return;
            }
            let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = store.checkpoint().await {
                    tracing::warn!(error = %e, "checkpointing the state database failed");
                }
            }
        });
        let service = Arc::clone(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                if let Err(e) = service
                    .store
                    .purge(now_ms(), service.settings.file.state.audit_retention_days)
                    .await
                {
                    tracing::warn!(error = %e, "purging expired state failed");
                }
            }
        });
    }
}

/// The generator against one directory's default policy.
pub async fn check_directory_policy(directory: &dyn Directory, generator: &Generator) -> Problems {
    let mut problems = Problems::default();
    match directory.effective_policy(None).await {
        Ok(policy) => {
            if let Err(reasons) = check_generator(&policy, generator) {
                let list: Vec<String> = reasons.iter().map(|r| r.message.clone()).collect();
                problems.error(format!(
                    "[[directories]] {}: the [generator] settings are weaker than the directory's \
                     policy: {}",
                    directory.name(),
                    list.join("; ")
                ));
            }
        }
        Err(e) => problems.error(format!(
            "[[directories]] {}: cannot read its password policy: {e}",
            directory.name()
        )),
    }
    problems
}

/// Users of the embedded demo and of tests that want the same directory.
pub fn demo_users() -> UsersFile {
    // The text is a constant checked by a test.
    #[allow(clippy::expect_used)]
    UsersFile::parse(include_str!("demo/users.toml")).expect("the demo users file is valid")
}
