//! `passforge passphrase`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use passforge::{
    Capitalization, ConfiguredPassphraseGenerator, Generator, PassphraseSettings, RandomSeparator,
    Separator, WordList,
};

use crate::generate::{checked_run, stream, Streamed};
use crate::policy_file::{read_bytes_bounded, PolicyOptions};
use crate::CliError;

/// Largest word list file read: the core's cap on a list's words, with room for the
/// line ends and the dice numbers of the EFF format.
const MAX_WORDLIST_FILE: u64 = 4 << 20;

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  passforge passphrase
  passforge passphrase --words 5 --separator ' ' --capitalize first_letter --number -n 3
  passforge passphrase --random-separator digit --capitalize random_word --json
  passforge passphrase --wordlist my-words.txt --separator .
  passforge passphrase -p examples/policy-ad.toml --capitalize first_letter --number --username jdoe

Words come from the EFF large list (7,776 words, CC BY 3.0 US) unless --wordlist names a
file: one word per line (UTF-8), blank lines and lines starting with # skipped, the EFF
files' dice numbers (\"11111<TAB>abacus\") allowed. Every passphrase the settings allow is
equally likely; settings where two draws could give the same passphrase are refused
(PASSPHRASE_AMBIGUOUS), so entropy_bits is exact.

With --policy the settings must guarantee its length, classes and characters (every
reason is listed otherwise); its other rules are met by drawing again, and --json adds
\"policy_share\" and \"entropy_bits_after_policy\".")]
pub struct PassphraseArgs {
    /// Number of words, 1 to 64 [default: 6]
    #[arg(long, value_name = "N", default_value_t = PassphraseSettings::default().words)]
    words: u32,
    /// The string between words (any printable characters or spaces, or empty)
    /// [default: -]
    #[arg(long, value_name = "S", conflicts_with = "random_separator")]
    separator: Option<String>,
    /// Draw each gap's separator at random: a digit (0-9) or a symbol (the 32 ASCII
    /// punctuation characters)
    #[arg(long, value_name = "KIND", value_parser = clap::builder::PossibleValuesParser::new(RandomSeparator::NAMES))]
    random_separator: Option<String>,
    /// none, first_letter (of every word) or random_word (one word in capitals)
    #[arg(long, value_name = "MODE", default_value = "none",
          value_parser = clap::builder::PossibleValuesParser::new(Capitalization::NAMES))]
    capitalize: String,
    /// Insert one random digit right after a random word
    #[arg(long)]
    number: bool,
    /// Draw words from this file instead of the EFF large list
    #[arg(long, value_name = "FILE")]
    wordlist: Option<PathBuf>,
    /// Number of passphrases, at most 10,000,000
    #[arg(short = 'n', long, value_name = "N", default_value_t = 1)]
    count: usize,
    /// FOR TESTS ONLY: derive every passphrase from this seed (reproducible, not secret;
    /// prints a warning on stderr)
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Print {"passphrases": [...], "words": N, "entropy_bits": F}
    #[arg(short, long)]
    json: bool,
    #[command(flatten)]
    policy: PolicyOptions,
}

impl PassphraseArgs {
    /// The settings as given (clap has checked the names against the core's).
    fn settings(&self) -> Result<PassphraseSettings, CliError> {
        let separator = match (&self.random_separator, &self.separator) {
            (Some(kind), _) => Separator::Random {
                random: kind.parse()?,
            },
            (None, Some(s)) => Separator::Literal(s.clone()),
            (None, None) => Separator::default(),
        };
        Ok(PassphraseSettings {
            words: self.words,
            separator,
            capitalize: self.capitalize.parse()?,
            number: self.number,
        })
    }

    fn word_list(&self) -> Result<WordList, CliError> {
        match &self.wordlist {
            None => Ok(WordList::eff_large()),
            Some(path) => {
                let bytes = read_bytes_bounded(path, MAX_WORDLIST_FILE, "word list")?;
                WordList::from_utf8(&bytes).map_err(|e| CliError::about_file("word list", path, &e))
            }
        }
    }
}

pub fn run(args: PassphraseArgs) -> Result<ExitCode, CliError> {
    let source = checked_run(args.count, args.seed)?;
    let list = args.word_list()?;
    let policy = args.policy.load()?;
    let generator = ConfiguredPassphraseGenerator::new(
        &args.settings()?,
        &list,
        policy.as_ref(),
        args.policy.context(),
    )?;
    let core = generator.generator();
    if core.is_weak() {
        eprintln!(
            "warning: these settings allow only 2^{:.1} passphrases (below {} bits); use more \
             words or a larger word list",
            core.entropy_bits(),
            Generator::WEAK_ENTROPY_BITS
        );
    }
    let mut rng = source.rng()?;
    let end = |out: &mut dyn Write| -> io::Result<()> {
        write!(out, "\"words\":{},\"entropy_bits\":", core.words())?;
        serde_json::to_writer(&mut *out, &core.entropy_bits())?;
        if generator.policy().is_some() {
            let estimate = generator.policy_estimate();
            out.write_all(b",\"policy_share\":")?;
            serde_json::to_writer(&mut *out, &estimate.share)?;
            out.write_all(b",\"entropy_bits_after_policy\":")?;
            serde_json::to_writer(&mut *out, &estimate.entropy_bits)?;
        }
        Ok(())
    };
    let what = Streamed {
        key: "passphrases",
        longest: core.longest_chars() as usize,
        end: &end,
    };
    stream(args.count, args.json, what, |n| {
        Ok(generator.generate_many_with(&mut rng, n)?)
    })
}
