//! `passforge generate`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use passforge::{DeterministicRng, Generator, GeneratorSettings, Password};
use serde::Serialize;

use crate::output::with_stdout;
use crate::CliError;

mod policy;

/// Most passwords one invocation prints.
const MAX_COUNT: usize = 10_000_000;

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Password length; the effective length is the larger of this and the sum of the
    /// class minimums [default: 12]
    #[arg(long, value_name = "N")]
    length: Option<u32>,
    /// Minimum lowercase letters [default: 6]
    #[arg(long, value_name = "N")]
    lower: Option<u32>,
    /// Minimum uppercase letters [default: 2]
    #[arg(long, value_name = "N")]
    upper: Option<u32>,
    /// Minimum digits [default: 2]
    #[arg(long, value_name = "N")]
    digits: Option<u32>,
    /// Minimum symbols [default: 2]
    #[arg(long, value_name = "N")]
    symbols: Option<u32>,
    /// Characters replacing a-z (any Unicode; empty disables the class)
    #[arg(long, value_name = "S")]
    lower_set: Option<String>,
    /// Characters replacing A-Z
    #[arg(long, value_name = "S")]
    upper_set: Option<String>,
    /// Characters replacing 0-9
    #[arg(long, value_name = "S")]
    digit_set: Option<String>,
    /// Characters replacing the 32 ASCII punctuation characters
    #[arg(long, value_name = "S")]
    symbol_set: Option<String>,
    /// Characters removed from every class
    #[arg(long, value_name = "S", default_value = "")]
    exclude: String,
    /// Remove look-alike characters: 0 O o 1 I l |
    #[arg(long)]
    avoid_ambiguous: bool,
    /// Regular expressions every password must match, as single-quoted items separated
    /// by commas, e.g. "'^.{12,}$', '[0-9]'"; write a quote inside a pattern as ''
    #[arg(long, value_name = "STRING")]
    strength_check: Option<String>,
    /// Number of passwords
    #[arg(long, value_name = "N", default_value_t = 1)]
    count: usize,
    /// FOR TESTS ONLY: derive every password from this seed (reproducible, not secret)
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Print {"passwords": [...], "length": N, "entropy_bits": F}
    #[arg(long)]
    json: bool,
    /// Generate for this policy file (TOML): without other options the settings are
    /// derived from it; with options they are checked against it first
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// With --policy: the account name the password must not contain
    #[arg(long, value_name = "NAME", requires = "policy")]
    username: Option<String>,
    /// With --policy: the display name whose tokens the password must not contain
    #[arg(long, value_name = "NAME", requires = "policy")]
    display_name: Option<String>,
    /// With --policy: the e-mail address whose local part the password must not contain
    #[arg(long, value_name = "ADDRESS", requires = "policy")]
    email: Option<String>,
    /// With --policy: an extra blocklist file, one forbidden password per line
    #[arg(long, value_name = "FILE", requires = "policy")]
    blocklist: Option<PathBuf>,
}

impl GenerateArgs {
    /// Whether any option that shapes the settings was given.
    fn has_generator_options(&self) -> bool {
        self.length.is_some()
            || self.lower.is_some()
            || self.upper.is_some()
            || self.digits.is_some()
            || self.symbols.is_some()
            || self.lower_set.is_some()
            || self.upper_set.is_some()
            || self.digit_set.is_some()
            || self.symbol_set.is_some()
            || !self.exclude.is_empty()
            || self.avoid_ambiguous
            || self.strength_check.is_some()
    }

    pub fn settings(&self) -> GeneratorSettings {
        let d = GeneratorSettings::default();
        GeneratorSettings {
            length: self.length.unwrap_or(d.length),
            lower: self.lower.unwrap_or(d.lower),
            upper: self.upper.unwrap_or(d.upper),
            digits: self.digits.unwrap_or(d.digits),
            symbols: self.symbols.unwrap_or(d.symbols),
            lower_set: self.lower_set.clone(),
            upper_set: self.upper_set.clone(),
            digit_set: self.digit_set.clone(),
            symbol_set: self.symbol_set.clone(),
            exclude: self.exclude.clone(),
            avoid_ambiguous: self.avoid_ambiguous,
            strength_check: self.strength_check.clone(),
        }
    }
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    passwords: Vec<&'a str>,
    length: u32,
    entropy_bits: f64,
}

pub fn run(args: GenerateArgs) -> Result<ExitCode, CliError> {
    if args.count > MAX_COUNT {
        return Err(CliError(format!(
            "--count {} is above the maximum of {MAX_COUNT}",
            args.count
        )));
    }
    if let Some(path) = &args.policy {
        return policy::run(&args, path);
    }
    let generator = Generator::new(&args.settings())?;
    let passwords = generate(&generator, args.count, args.seed)?;
    print(&generator, &passwords, args.json)
}

pub fn generate(
    generator: &Generator,
    count: usize,
    seed: Option<u64>,
) -> Result<Vec<Password>, CliError> {
    Ok(match seed {
        Some(seed) => {
            generator.generate_many_with(&mut DeterministicRng::from_seed_for_tests(seed), count)?
        }
        None => generator.generate_many(count)?,
    })
}

pub fn print(
    generator: &Generator,
    passwords: &[Password],
    json: bool,
) -> Result<ExitCode, CliError> {
    with_stdout(|out| {
        if json {
            let value = JsonOutput {
                passwords: passwords.iter().map(Password::as_str).collect(),
                length: generator.length(),
                entropy_bits: generator.entropy_bits(),
            };
            serde_json::to_writer(&mut *out, &value)?;
            writeln!(out)
        } else {
            for p in passwords {
                writeln!(out, "{}", p.as_str())?;
            }
            Ok(())
        }
    })
}
