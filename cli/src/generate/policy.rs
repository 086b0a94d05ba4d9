//! `passforge generate --policy`: passwords that comply with a policy for one user.

use std::path::Path;
use std::process::ExitCode;

use passforge::{DeterministicRng, PolicyGenerator, UserContext};

use super::{stream, GenerateArgs};
use crate::policy_file::{load_policy, with_blocklist};
use crate::CliError;

pub fn run(args: &GenerateArgs, path: &Path) -> Result<ExitCode, CliError> {
    let policy = with_blocklist(load_policy(path)?, args.blocklist.as_deref())?;
    // Options given: check them against the policy; none: derive the weakest settings.
    let settings = args.has_generator_options().then(|| args.settings());
    let generator = PolicyGenerator::new(&policy, settings.as_ref())?;
    let context = UserContext {
        username: args.username.clone(),
        display_name: args.display_name.clone(),
        email: args.email.clone(),
    };
    // One random source for the whole run: see `super::run`.
    let mut seeded = args.seed.map(DeterministicRng::from_seed_for_tests);
    stream(generator.generator(), args.count, args.json, |n| {
        Ok(match &mut seeded {
            Some(rng) => generator.generate_many_with(rng, &context, n)?,
            None => generator.generate_many(&context, n)?,
        })
    })
}
