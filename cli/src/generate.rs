//! `passforge generate`.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;
use passforge::{
    ConfiguredGenerator, Generator, GeneratorOptions, Password, PasswordRules, PolicyAcceptance,
    RandomSource,
};

use crate::output;
use crate::policy_file::PolicyOptions;
use crate::CliError;

/// Most passwords one invocation prints.
pub const MAX_COUNT: usize = 10_000_000;
/// Most passwords generated and written at a time (at most the core's batch cap).
const MAX_CHUNK: usize = if passforge::MAX_BATCH < 10_000 {
    passforge::MAX_BATCH
} else {
    10_000
};
/// Characters per chunk (fewer passwords when they are long): a few MiB in memory whatever
/// `--count` is, and the first passwords appear quickly even at length 1024.
const CHUNK_CHARS: usize = 1 << 20;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge generate -n 5
  passforge generate -l 20 --symbols 0 --avoid-ambiguous
  passforge generate -l 16 --strength-check \"'^[A-Za-z]', '[0-9].*[0-9]'\" -j
  passforge generate -p examples/policy-ad.toml --username jdoe --display-name 'John Doe'
  passforge generate --rules 'minlength: 20; required: lower; required: upper; required: digit; max-consecutive: 2'
  passforge generate --rules 'minlength: 8; maxlength: 16; required: upper, digit' -l 16 --avoid-ambiguous

With --policy and no other option the settings are derived from the policy; options
given are checked against it first.

Output is written as it is generated, in chunks of at most 10,000 passwords, so any
--count up to 10,000,000 runs in a few MiB of memory.")]
pub struct GenerateArgs {
    /// Password length; the effective length is the larger of this and the sum of the
    /// class minimums [default: 12]
    #[arg(short, long, value_name = "N")]
    length: Option<u32>,
    /// Minimum lowercase letters [default: 6]
    #[arg(long, value_name = "N", conflicts_with = "rules")]
    lower: Option<u32>,
    /// Minimum uppercase letters [default: 2]
    #[arg(long, value_name = "N", conflicts_with = "rules")]
    upper: Option<u32>,
    /// Minimum digits [default: 2]
    #[arg(long, value_name = "N", conflicts_with = "rules")]
    digits: Option<u32>,
    /// Minimum symbols [default: 2]
    #[arg(long, value_name = "N", conflicts_with = "rules")]
    symbols: Option<u32>,
    /// Characters replacing a-z (any Unicode; empty disables the class)
    #[arg(long, value_name = "S", conflicts_with = "rules")]
    lower_set: Option<String>,
    /// Characters replacing A-Z
    #[arg(long, value_name = "S", conflicts_with = "rules")]
    upper_set: Option<String>,
    /// Characters replacing 0-9
    #[arg(long, value_name = "S", conflicts_with = "rules")]
    digit_set: Option<String>,
    /// Characters replacing the 32 ASCII punctuation characters
    #[arg(long, value_name = "S", conflicts_with = "rules")]
    symbol_set: Option<String>,
    /// Characters removed from every class
    #[arg(long, value_name = "S")]
    exclude: Option<String>,
    /// Remove look-alike characters: 0 O o 1 I l |
    #[arg(long)]
    avoid_ambiguous: bool,
    /// Regular expressions every password must match, as single-quoted items separated
    /// by commas, e.g. "'^.{12,}$', '[0-9]'"; write a quote inside a pattern as ''
    #[arg(long, value_name = "STRING", conflicts_with = "rules")]
    strength_check: Option<String>,
    /// Number of passwords, at most 10,000,000
    #[arg(short = 'n', long, value_name = "N", default_value_t = 1)]
    count: usize,
    /// FOR TESTS ONLY: derive every password from this seed (reproducible, not secret;
    /// prints a warning on stderr)
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Print {"passwords": [...], "length": N, "entropy_bits": F}, plus
    /// "strength_check_share" and "entropy_bits_after_check" with a strength check, and
    /// "policy_share" and "entropy_bits_after_policy" when a policy's max_repeat or
    /// required characters reject some passwords
    #[arg(short, long)]
    json: bool,
    /// Generate for these password rules (Apple's passwordrules language, e.g.
    /// "minlength: 20; required: lower; required: digit; max-consecutive: 2"): the rules'
    /// classes, at their minimum length; --length, --exclude and --avoid-ambiguous
    /// combine with them, the class and set options do not
    #[arg(
        long,
        value_name = "STRING",
        conflicts_with_all = ["policy", "username", "display_name", "email", "blocklist"]
    )]
    rules: Option<String>,
    #[command(flatten)]
    policy: PolicyOptions,
}

impl GenerateArgs {
    /// The options as given: the core decides which count as given
    /// ([`GeneratorOptions::any_given`]) and what the rest default to.
    fn options(&self) -> GeneratorOptions {
        GeneratorOptions {
            length: self.length,
            lower: self.lower,
            upper: self.upper,
            digits: self.digits,
            symbols: self.symbols,
            lower_set: self.lower_set.clone(),
            upper_set: self.upper_set.clone(),
            digit_set: self.digit_set.clone(),
            symbol_set: self.symbol_set.clone(),
            exclude: self.exclude.clone(),
            avoid_ambiguous: self.avoid_ambiguous.then_some(true),
            strength_check: self.strength_check.clone(),
        }
    }
}

/// Refuses a count above [`MAX_COUNT`], and says on stderr when a test seed makes the
/// output reproducible: the random source for the run.
pub fn checked_run(count: usize, seed: Option<u64>) -> Result<RandomSource, CliError> {
    if count > MAX_COUNT {
        return Err(CliError(format!(
            "--count {count} is above the maximum of {MAX_COUNT}"
        )));
    }
    let source = RandomSource::from_test_seed(seed);
    if source.is_seeded() {
        eprintln!("warning: --seed makes the output reproducible; for tests only");
    }
    Ok(source)
}

pub fn run(args: GenerateArgs) -> Result<ExitCode, CliError> {
    let source = checked_run(args.count, args.seed)?;
    let policy = args.policy.load()?;
    let generator = match &args.rules {
        Some(text) => {
            let rules = PasswordRules::parse(text)?;
            ConfiguredGenerator::from_password_rules(&rules, &args.options())?
        }
        None => ConfiguredGenerator::new(&args.options(), policy.as_ref(), args.policy.context())?,
    };
    // After a policy's counted rejections, when it has them: what is generated.
    let bits = generator
        .acceptance()
        .map_or(generator.generator().entropy_bits(), |a| a.entropy_bits);
    if bits < Generator::WEAK_ENTROPY_BITS {
        eprintln!(
            "warning: these settings allow only 2^{bits:.1} passwords (below {} bits); \
             lengthen the password or use larger character sets",
            Generator::WEAK_ENTROPY_BITS
        );
    }
    // One stream for the whole run, so output in chunks is the same as in one batch.
    let mut rng = source.rng()?;
    let core = generator.generator();
    let acceptance = generator.acceptance().filter(|a| a.share < 1.0);
    let what = Streamed {
        key: "passwords",
        longest: usize::try_from(core.length()).unwrap_or(usize::MAX),
        end: &|out| write_json_end(out, core, acceptance),
    };
    stream(args.count, args.json, what, |n| {
        Ok(generator.generate_many_with(&mut rng, n)?)
    })
}

/// What [`stream`] writes around the secrets: the JSON key of their list, the longest
/// one in characters (to size the chunks), and the JSON object's other members.
pub struct Streamed<'a> {
    pub key: &'static str,
    pub longest: usize,
    pub end: &'a dyn Fn(&mut dyn Write) -> io::Result<()>,
}

/// Writes `count` passwords (or passphrases), produced a chunk at a time by `next_chunk`,
/// so memory stays bounded whatever the count. Text: one per line; JSON: one object
/// `{"<key>": [...], <end>}`, streamed. Nothing is written before the first chunk exists,
/// so a failure there (`STRENGTH_CHECK_UNMET`) leaves stdout empty, as for any usage
/// error; a failure after it leaves the passwords already written.
pub fn stream(
    count: usize,
    json: bool,
    what: Streamed<'_>,
    mut next_chunk: impl FnMut(usize) -> Result<Vec<Password>, CliError>,
) -> Result<ExitCode, CliError> {
    let chunk = (CHUNK_CHARS / what.longest.max(1)).clamp(1, MAX_CHUNK);
    let mut out = output::stdout();
    let mut written = 0;
    let open = |out: &mut dyn Write| {
        if json {
            write!(out, "{{\"{}\":[", what.key)
        } else {
            Ok(())
        }
    };
    while written < count {
        let passwords = next_chunk(chunk.min(count - written))?;
        let first = written == 0;
        let wrote = (if first { open(&mut out) } else { Ok(()) })
            .and_then(|()| write_chunk(&mut out, &passwords, json, first));
        if let Err(e) = wrote {
            return output::finish(Err(e));
        }
        written += passwords.len();
    }
    let end = if written == 0 { open(&mut out) } else { Ok(()) }.and_then(|()| {
        if json {
            out.write_all(b"],")?;
            (what.end)(&mut out)?;
            writeln!(out, "}}")
        } else {
            Ok(())
        }
    });
    output::finish(end.and_then(|()| out.flush()))
}

fn write_chunk(
    out: &mut impl Write,
    passwords: &[Password],
    json: bool,
    first_chunk: bool,
) -> io::Result<()> {
    for (i, password) in passwords.iter().enumerate() {
        if json {
            if !(first_chunk && i == 0) {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, password.as_str())?;
        } else {
            writeln!(out, "{}", password.as_str())?;
        }
    }
    Ok(())
}

/// The JSON object's members after the passwords; with a strength check, or a policy that
/// rejects by its counted rules, it also says how much of the space is kept, so
/// `entropy_bits` alone never overstates what is generated.
fn write_json_end(
    out: &mut dyn Write,
    generator: &Generator,
    acceptance: Option<PolicyAcceptance>,
) -> io::Result<()> {
    write!(out, "\"length\":{},\"entropy_bits\":", generator.length())?;
    serde_json::to_writer(&mut *out, &generator.entropy_bits())?;
    if generator.strength_check().is_some() {
        let estimate = generator.strength_check_estimate();
        out.write_all(b",\"strength_check_share\":")?;
        serde_json::to_writer(&mut *out, &estimate.share)?;
        out.write_all(b",\"entropy_bits_after_check\":")?;
        serde_json::to_writer(&mut *out, &estimate.entropy_bits)?;
    }
    if let Some(acceptance) = acceptance {
        out.write_all(b",\"policy_share\":")?;
        serde_json::to_writer(&mut *out, &acceptance.share)?;
        out.write_all(b",\"entropy_bits_after_policy\":")?;
        serde_json::to_writer(&mut *out, &acceptance.entropy_bits)?;
    }
    Ok(())
}
