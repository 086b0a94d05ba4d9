//! `passforge-service check-config`: validates the file, connects to every directory,
//! reads its policy and checks the generator against it; prints every problem.

use std::path::Path;

use crate::config::{load, Problems};
use crate::service::check_directory_policy;

/// The exit status: 0 clean (warnings allowed unless `strict`), 1 problems, 2 unreadable.
pub async fn run(path: &Path, strict: bool) -> i32 {
    let (settings, mut problems) = match load(path) {
        Ok(ok) => ok,
        Err(failure) => {
            print!("{}", failure.problems);
            return if failure.unreadable { 2 } else { 1 };
        }
    };
    // Opening the state database and the directories as `serve` would, without listening.
    match crate::service::Service::build(settings).await {
        Ok(service) => {
            for d in &service.directories {
                if let Err(e) = d.test_connection().await {
                    problems.error(format!(
                        "[[directories]] {}: connection test failed: {e}",
                        d.name()
                    ));
                }
                problems.extend(check_directory_policy(d.as_ref(), service.generator()).await);
            }
        }
        Err(found) => problems.extend(found),
    }
    dedup(&mut problems);
    print!("{problems}");
    if problems.has_errors() || (strict && !problems.all().is_empty()) {
        1
    } else {
        0
    }
}

fn dedup(problems: &mut Problems) {
    let mut seen = std::collections::HashSet::new();
    let mut unique = Problems::default();
    for p in problems.all() {
        if seen.insert(p.to_string()) {
            match p.severity {
                crate::config::Severity::Error => unique.error(p.message.clone()),
                crate::config::Severity::Warning => unique.warning(p.message.clone()),
            }
        }
    }
    *problems = unique;
}
