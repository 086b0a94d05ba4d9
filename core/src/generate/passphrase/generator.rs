//! The passphrase generator: exactly uniform over every passphrase the settings allow.

use std::collections::HashSet;

use num_bigint::BigUint;
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroize;

use crate::generate::charset::unprintable_reason;
use crate::generate::error::GenerateError;
use crate::generate::generator::{check_batch, Generator, MAX_LENGTH};
use crate::generate::number::log2;
use crate::generate::passphrase::decode::{uniquely_decodable, BUDGET, VARIABLE};
use crate::generate::passphrase::error::PassphraseError;
use crate::generate::passphrase::settings::{Capitalization, PassphraseSettings, Separator};
use crate::generate::passphrase::wordlist::WordList;
use crate::generate::password::Password;
use crate::random::bounded::Plan;
use crate::random::source::os_rng;

/// Most words in a passphrase.
pub const MAX_PASSPHRASE_WORDS: u32 = 64;
/// Longest literal separator, in characters.
pub const MAX_SEPARATOR_CHARS: usize = 32;

/// How each word of the list is written: as listed, or with its first letter in
/// capitals, and (for [`Capitalization::RandomWord`]) in capitals. The forms of one kind
/// are stored back to back.
#[derive(Clone, Debug)]
pub(crate) struct Forms {
    text: String,
    ends: Vec<u32>,
}

impl Forms {
    fn new(words: impl Iterator<Item = String>) -> Self {
        let mut forms = Self {
            text: String::new(),
            ends: Vec::new(),
        };
        for word in words {
            forms.text.push_str(&word);
            // A form is at most a few times its word, and the list at most 1 MiB.
            forms.ends.push(forms.text.len() as u32);
        }
        forms
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.get(i))
    }
}

/// A validated passphrase generator: `words` words drawn uniformly and independently
/// from a [`WordList`], joined by the separator, capitalised, with the optional digit.
///
/// **Exactly uniform.** Every component (each word, each random separator, the word to
/// capitalise, the digit and the word it follows) is one unbiased bounded draw, all from
/// one batched draw; building the generator proves that different draws always give
/// different passphrases (otherwise `PASSPHRASE_AMBIGUOUS`), so every passphrase the
/// settings allow is equally likely and [`PassphraseGenerator::entropy_bits`] is log2 of
/// their exact number: `len^words · (separators^(words-1)) · (words if one word is
/// capitalised) · (10 · words with the number)`.
///
/// ```
/// use passforge::{
///     Capitalization, DeterministicRng, PassphraseGenerator, PassphraseSettings, WordList,
/// };
/// let g = PassphraseGenerator::new(
///     &PassphraseSettings { words: 5, capitalize: Capitalization::FirstLetter,
///                           number: true, ..PassphraseSettings::default() },
///     &WordList::eff_large(),
/// )?;
/// // 7776^5 · 5 places · 10 digits
/// assert!((g.entropy_bits() - (7776f64.powi(5) * 50.0).log2()).abs() < 1e-9);
/// let p = g.generate_with(&mut DeterministicRng::from_seed_for_tests(1))?;
/// assert_eq!(p.as_str().split('-').count(), 5);
/// assert_eq!(p.as_str().chars().filter(char::is_ascii_digit).count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct PassphraseGenerator {
    settings: PassphraseSettings,
    list: WordList,
    /// Words as written when not the capitalised one.
    forms: Forms,
    /// Words in capitals, with [`Capitalization::RandomWord`].
    upper: Option<Forms>,
    /// The draws, in order: the words, the random separators, the capitalised word, the
    /// digit's word and the digit.
    plan: Plan,
    draws: usize,
    /// The longest passphrase, in characters (sizes the policy's rejection budget).
    longest_chars: u32,
    count: BigUint,
    entropy_bits: f64,
}

/// Settings and figures only: the word list is data, and long.
impl std::fmt::Debug for PassphraseGenerator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PassphraseGenerator")
            .field("settings", &self.settings)
            .field("list_len", &self.list.len())
            .field("entropy_bits", &self.entropy_bits)
            .finish_non_exhaustive()
    }
}

impl PassphraseGenerator {
    /// Validates the settings against the list, proves that every passphrase has one
    /// draw, and counts them.
    pub fn new(settings: &PassphraseSettings, list: &WordList) -> Result<Self, PassphraseError> {
        let n = settings.words;
        if n == 0 || n > MAX_PASSPHRASE_WORDS {
            return Err(PassphraseError::WordCount { words: n });
        }
        if let Separator::Literal(s) = &settings.separator {
            check_separator(s)?;
        }
        let (forms, upper) = forms(list, settings.capitalize);
        let longest_form = forms
            .iter()
            .chain(upper.iter().flat_map(Forms::iter))
            .map(|f| f.chars().count() as u64)
            .max()
            .unwrap_or(0);
        let separator_chars = match &settings.separator {
            Separator::Literal(s) => s.chars().count() as u64,
            Separator::Random { .. } => 1,
        };
        let longest = u64::from(n) * longest_form
            + u64::from(n - 1) * separator_chars
            + u64::from(settings.number);
        if longest > u64::from(MAX_LENGTH) {
            return Err(PassphraseError::TooLong { chars: longest });
        }
        prove_one_to_one(settings, &forms, upper.as_ref())?;

        let words = n as usize;
        // The list has at most 2^16 words, so every bound fits a u32.
        let mut bounds = vec![list.len() as u32; words];
        if let Separator::Random { random } = settings.separator {
            let k = random.characters().len() as u32;
            bounds.extend(std::iter::repeat_n(k, words - 1));
        }
        if settings.capitalize == Capitalization::RandomWord {
            bounds.push(n);
        }
        if settings.number {
            bounds.extend([n, 10]);
        }
        let count = bounds
            .iter()
            .fold(BigUint::from(1u32), |acc, &b| acc * BigUint::from(b));
        Ok(Self {
            settings: settings.clone(),
            list: list.clone(),
            forms,
            upper,
            draws: bounds.len(),
            // At most MAX_LENGTH, checked above.
            longest_chars: longest as u32,
            plan: Plan::new(bounds),
            entropy_bits: log2(&count),
            count,
        })
    }

    /// The number of words.
    pub fn words(&self) -> u32 {
        self.settings.words
    }

    /// log2 of the exact number of distinct passphrases, all equally likely.
    pub fn entropy_bits(&self) -> f64 {
        self.entropy_bits
    }

    /// The exact number of distinct passphrases, in decimal.
    pub fn passphrase_count(&self) -> String {
        self.count.to_string()
    }

    /// Whether [`PassphraseGenerator::entropy_bits`] is below
    /// [`Generator::WEAK_ENTROPY_BITS`] (40): allowed, but worth a warning.
    pub fn is_weak(&self) -> bool {
        self.entropy_bits < Generator::WEAK_ENTROPY_BITS
    }

    /// The settings.
    pub fn settings(&self) -> &PassphraseSettings {
        &self.settings
    }

    /// The word list.
    pub fn word_list(&self) -> &WordList {
        &self.list
    }

    /// How words are written: the forms of the non-capitalised words, and the capitals
    /// (for one random word), for the policy check.
    pub(crate) fn forms(&self) -> (&Forms, Option<&Forms>) {
        (&self.forms, self.upper.as_ref())
    }

    /// How many bounded draws one passphrase takes.
    pub(crate) fn draws(&self) -> usize {
        self.draws
    }

    /// The longest passphrase the settings allow, in characters.
    pub fn longest_chars(&self) -> u32 {
        self.longest_chars
    }

    /// One passphrase from an OS-seeded ChaCha20 generator.
    pub fn generate(&self) -> Result<Password, GenerateError> {
        self.generate_with(&mut os_rng()?)
    }

    /// One passphrase from the given random source.
    pub fn generate_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> Result<Password, GenerateError> {
        Ok(self.sample(rng, &mut vec![0; self.draws]))
    }

    /// `n` passphrases (at most [`crate::MAX_BATCH`]) from one OS-seeded generator.
    pub fn generate_many(&self, n: usize) -> Result<Vec<Password>, GenerateError> {
        self.generate_many_with(&mut os_rng()?, n)
    }

    /// `n` passphrases from the given random source: the same stream as `n` calls of
    /// [`PassphraseGenerator::generate_with`].
    pub fn generate_many_with<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        n: usize,
    ) -> Result<Vec<Password>, GenerateError> {
        check_batch(n)?;
        let mut values = vec![0; self.draws];
        Ok((0..n).map(|_| self.sample(rng, &mut values)).collect())
    }

    /// One passphrase; `values` is scratch for the draws (wiped afterwards).
    pub(crate) fn sample<R: RngCore + ?Sized>(&self, rng: &mut R, values: &mut [u32]) -> Password {
        self.plan.run(rng, self.draws, |_, i, v| values[i] = v);
        let passphrase = self.render(values);
        values.zeroize();
        passphrase
    }

    /// The passphrase of one draw (`values[i]` below the `i`-th bound).
    fn render(&self, values: &[u32]) -> Password {
        let n = self.settings.words as usize;
        let (words, rest) = values.split_at(n);
        let (separators, rest) = match &self.settings.separator {
            Separator::Random { .. } => rest.split_at(n - 1),
            Separator::Literal(_) => rest.split_at(0),
        };
        let (capital, rest) = match self.upper {
            Some(_) => (Some(rest[0] as usize), &rest[1..]),
            None => (None, rest),
        };
        let digit = self
            .settings
            .number
            .then(|| (rest[0] as usize, char::from(b'0' + rest[1] as u8)));
        let form = |i: usize| -> &str {
            match (&self.upper, capital) {
                (Some(upper), Some(c)) if c == i => upper.get(words[i] as usize),
                _ => self.forms.get(words[i] as usize),
            }
        };
        let separator = |gap: usize| -> Sep<'_> {
            match &self.settings.separator {
                Separator::Literal(s) => Sep::Text(s),
                Separator::Random { random } => Sep::Char(char::from(
                    random.characters().as_bytes()[separators[gap] as usize],
                )),
            }
        };
        // Exact capacity: the buffer never moves, so no copy is left unwiped.
        let mut bytes = digit.map_or(0, |_| 1);
        for i in 0..n {
            bytes += form(i).len();
            if i + 1 < n {
                bytes += separator(i).len();
            }
        }
        let mut text = String::with_capacity(bytes);
        for i in 0..n {
            text.push_str(form(i));
            if let Some((at, d)) = digit {
                if at == i {
                    text.push(d);
                }
            }
            if i + 1 < n {
                match separator(i) {
                    Sep::Text(s) => text.push_str(s),
                    Sep::Char(c) => text.push(c),
                }
            }
        }
        debug_assert_eq!(text.len(), text.capacity());
        Password::from_string(text)
    }
}

/// One gap's separator.
enum Sep<'a> {
    Text(&'a str),
    Char(char),
}

impl Sep<'_> {
    fn len(&self) -> usize {
        match self {
            Self::Text(s) => s.len(),
            Self::Char(c) => c.len_utf8(),
        }
    }
}

/// A literal separator: at most [`MAX_SEPARATOR_CHARS`] printable characters or spaces.
fn check_separator(s: &str) -> Result<(), PassphraseError> {
    let chars = s.chars().count();
    if chars > MAX_SEPARATOR_CHARS {
        return Err(PassphraseError::Separator {
            reason: format!("is {chars} characters long; the maximum is {MAX_SEPARATOR_CHARS}"),
        });
    }
    let bad = s
        .chars()
        .filter(|&c| c != ' ')
        .find_map(|c| unprintable_reason(c).map(|r| (c, r)));
    if let Some((c, reason)) = bad {
        return Err(PassphraseError::Separator {
            reason: format!(
                "holds U+{:04X}, {reason}; a separator holds printable characters and spaces only",
                u32::from(c)
            ),
        });
    }
    Ok(())
}

/// The forms every word can take under `capitalize`.
fn forms(list: &WordList, capitalize: Capitalization) -> (Forms, Option<Forms>) {
    match capitalize {
        Capitalization::None => (Forms::new(list.iter().map(str::to_owned)), None),
        Capitalization::FirstLetter => (Forms::new(list.iter().map(first_letter_upper)), None),
        Capitalization::RandomWord => (
            Forms::new(list.iter().map(str::to_owned)),
            Some(Forms::new(list.iter().map(str::to_uppercase))),
        ),
    }
}

/// The first character in capitals (Unicode's mapping: `ß` becomes `SS`), the rest as is.
fn first_letter_upper(word: &str) -> String {
    let mut chars = word.chars();
    let mut out = String::with_capacity(word.len() + 4);
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
    }
    out.push_str(chars.as_str());
    out
}

/// Refuses settings where two different draws could give the same passphrase (see
/// `decode.rs` for the argument).
fn prove_one_to_one(
    settings: &PassphraseSettings,
    forms: &Forms,
    upper: Option<&Forms>,
) -> Result<(), PassphraseError> {
    let all = || forms.iter().chain(upper.into_iter().flat_map(Forms::iter));
    if let Some(upper) = upper {
        if forms.iter().zip(upper.iter()).any(|(f, u)| f == u) {
            return Err(PassphraseError::Ambiguous {
                reason: "a word has no letter with a capital, so the capitalised word cannot \
                         be told; remove such words or use another capitalization",
            });
        }
    }
    let mut distinct = HashSet::new();
    if !all().all(|f| distinct.insert(f)) {
        return Err(PassphraseError::Ambiguous {
            reason: "two words are written the same once capitalised; remove one of them or \
                     use another capitalization",
        });
    }
    if settings.number && all().any(|f| f.bytes().any(|b| b.is_ascii_digit())) {
        return Err(PassphraseError::Ambiguous {
            reason: "a word holds a digit, so the inserted digit could be read as part of it; \
                     turn the number off or remove those words",
        });
    }
    if settings.words < 2 {
        return Ok(());
    }
    // Characters that vary between draws of one block are written as one placeholder.
    let random: &str = match &settings.separator {
        Separator::Random { random } => random.characters(),
        Separator::Literal(_) => "",
    };
    let varies = |c: char| random.contains(c) || (settings.number && c.is_ascii_digit());
    let mapped = |s: &str| -> String {
        s.chars()
            .map(|c| if varies(c) { VARIABLE } else { c })
            .collect()
    };
    let tail = match &settings.separator {
        Separator::Literal(s) => mapped(s),
        Separator::Random { .. } => VARIABLE.to_string(),
    };
    let mut code = Vec::new();
    for form in all() {
        let form = mapped(form);
        if settings.number {
            code.push(format!("{form}{VARIABLE}{tail}"));
        }
        code.push(form + &tail);
    }
    match uniquely_decodable(code, BUDGET) {
        Some(true) => Ok(()),
        Some(false) => Err(PassphraseError::Ambiguous {
            reason: match &settings.separator {
                Separator::Literal(s) if s.is_empty() => {
                    "without a separator the words run together and can be read apart in two \
                     ways; use a separator, or capitalize the first letters"
                }
                _ => {
                    "the separator's characters occur inside words, so the words can be read \
                     apart in two ways; use a separator that no word holds"
                }
            },
        }),
        None => Err(PassphraseError::Ambiguous {
            reason: "passforge could not prove within its work budget that the words can be \
                     read apart; use a separator that no word holds",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::passphrase::settings::RandomSeparator;
    use crate::random::rng::DeterministicRng;

    fn settings(
        words: u32,
        separator: Separator,
        capitalize: Capitalization,
        number: bool,
    ) -> PassphraseSettings {
        PassphraseSettings {
            words,
            separator,
            capitalize,
            number,
        }
    }

    fn literal(s: &str) -> Separator {
        Separator::Literal(s.into())
    }

    const RANDOM_DIGIT: Separator = Separator::Random {
        random: RandomSeparator::Digit,
    };
    const RANDOM_SYMBOL: Separator = Separator::Random {
        random: RandomSeparator::Symbol,
    };

    #[test]
    fn eff_settings_are_accepted_with_their_exact_entropy() {
        let eff = WordList::eff_large();
        let w = 7776f64.log2();
        for (s, bits) in [
            (PassphraseSettings::default(), 6.0 * w),
            (
                settings(4, literal(" "), Capitalization::None, false),
                4.0 * w,
            ),
            (
                settings(3, literal(""), Capitalization::FirstLetter, false),
                3.0 * w,
            ),
            (
                settings(3, literal(""), Capitalization::FirstLetter, true),
                3.0 * w + 30f64.log2(),
            ),
            (
                settings(5, RANDOM_DIGIT, Capitalization::None, true),
                5.0 * w + 4.0 * 10f64.log2() + 50f64.log2(),
            ),
            (
                settings(5, RANDOM_SYMBOL, Capitalization::RandomWord, false),
                5.0 * w + 4.0 * 5.0 + 5f64.log2(),
            ),
            (
                settings(1, literal(""), Capitalization::None, true),
                w + 10f64.log2(),
            ),
        ] {
            let g = PassphraseGenerator::new(&s, &eff).unwrap_or_else(|e| panic!("{s:?}: {e}"));
            assert!((g.entropy_bits() - bits).abs() < 1e-9, "{s:?}");
        }
    }

    #[test]
    fn ambiguous_settings_are_refused() {
        // The EFF list is a prefix code (no word begins another), so even without a
        // separator its words read apart; these lists are not.
        let eff = WordList::eff_large();
        for capitalize in [Capitalization::None, Capitalization::RandomWord] {
            assert!(
                PassphraseGenerator::new(&settings(3, literal(""), capitalize, true), &eff).is_ok()
            );
        }
        let compound = WordList::from_words(["sun", "flower", "sunflower"]).unwrap();
        let e = PassphraseGenerator::new(
            &settings(2, literal(""), Capitalization::None, false),
            &compound,
        )
        .unwrap_err();
        assert_eq!(e.code(), "PASSPHRASE_AMBIGUOUS");
        assert!(e.to_string().contains("without a separator"), "{e}");
        assert!(PassphraseGenerator::new(
            &settings(2, literal("-"), Capitalization::None, false),
            &compound
        )
        .is_ok());
        // ... and one word alone is always read back.
        assert!(PassphraseGenerator::new(
            &settings(1, literal(""), Capitalization::None, false),
            &compound
        )
        .is_ok());
        let hyphens = WordList::from_words(["drop", "down", "drop-down"]).unwrap();
        for separator in [literal("-"), RANDOM_SYMBOL] {
            let e = PassphraseGenerator::new(
                &settings(2, separator, Capitalization::None, false),
                &hyphens,
            )
            .unwrap_err();
            assert!(e.to_string().contains("occur inside words"), "{e}");
        }
        assert!(PassphraseGenerator::new(
            &settings(2, literal("."), Capitalization::None, false),
            &hyphens
        )
        .is_ok());
        let digits = WordList::from_words(["r2d2", "c3po", "bb8"]).unwrap();
        let e = PassphraseGenerator::new(
            &settings(2, literal("-"), Capitalization::None, true),
            &digits,
        )
        .unwrap_err();
        assert!(e.to_string().contains("holds a digit"), "{e}");
        let caseless = WordList::from_words(["alpha", "123"]).unwrap();
        let e = PassphraseGenerator::new(
            &settings(2, literal("-"), Capitalization::RandomWord, false),
            &caseless,
        )
        .unwrap_err();
        assert!(e.to_string().contains("no letter with a capital"), "{e}");
        // ı and i differ, but their capitals are both I.
        let turkish = WordList::from_words(["ıx", "ix"]).unwrap();
        let e = PassphraseGenerator::new(
            &settings(2, literal("-"), Capitalization::FirstLetter, false),
            &turkish,
        )
        .unwrap_err();
        assert!(e.to_string().contains("same once capitalised"), "{e}");
    }

    #[test]
    fn settings_errors_have_codes() {
        let eff = WordList::eff_large();
        let code = |s: PassphraseSettings| PassphraseGenerator::new(&s, &eff).unwrap_err().code();
        assert_eq!(
            code(settings(0, literal("-"), Capitalization::None, false)),
            "PASSPHRASE_WORD_COUNT"
        );
        assert_eq!(
            code(settings(65, literal("-"), Capitalization::None, false)),
            "PASSPHRASE_WORD_COUNT"
        );
        assert_eq!(
            code(settings(3, literal("\t"), Capitalization::None, false)),
            "PASSPHRASE_SEPARATOR"
        );
        assert_eq!(
            code(settings(
                3,
                literal(&"-".repeat(33)),
                Capitalization::None,
                false
            )),
            "PASSPHRASE_SEPARATOR"
        );
        // 64 words of up to 9 letters and 63 separators of 8: above 1024.
        assert_eq!(
            code(settings(
                64,
                literal("--------"),
                Capitalization::None,
                false
            )),
            "PASSPHRASE_TOO_LONG"
        );
        assert!(PassphraseGenerator::new(
            &settings(64, literal(" "), Capitalization::None, false),
            &eff
        )
        .is_ok());
    }

    #[test]
    fn output_follows_the_settings() {
        let eff = WordList::eff_large();
        let g = PassphraseGenerator::new(
            &settings(4, RANDOM_DIGIT, Capitalization::RandomWord, true),
            &eff,
        )
        .unwrap();
        let mut rng = DeterministicRng::from_seed_for_tests(3);
        for p in g.generate_many_with(&mut rng, 300).unwrap() {
            let p = p.as_str();
            let words: Vec<&str> = p
                .split(|c: char| c.is_ascii_digit())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words.len(), 4, "{p}");
            assert_eq!(
                words
                    .iter()
                    .filter(|w| w.chars().all(|c| !c.is_lowercase()))
                    .count(),
                1,
                "{p}"
            );
            assert!(
                words
                    .iter()
                    .all(|w| eff.iter().any(|e| e == w.to_lowercase())),
                "{p}"
            );
            assert_eq!(p.chars().filter(char::is_ascii_digit).count(), 4, "{p}");
            assert!(
                !p.ends_with(|c: char| c.is_ascii_digit())
                    || p.chars().rev().nth(1).is_some_and(|c| !c.is_ascii_digit())
            );
        }
        let g = PassphraseGenerator::new(
            &settings(3, literal(""), Capitalization::FirstLetter, false),
            &eff,
        )
        .unwrap();
        let p = g.generate_with(&mut rng).unwrap();
        assert_eq!(
            p.as_str().chars().filter(char::is_ascii_uppercase).count(),
            3
        );
        let text = format!("{g:?}");
        assert!(text.contains("entropy_bits") && text.len() < 300, "{text}");
    }

    /// Every draw of small settings, rendered: an accepted setting must give as many
    /// distinct passphrases as draws (so each is equally likely and the entropy is of the
    /// strings), and a setting where two draws collide must have been refused.
    #[test]
    fn accepted_settings_are_one_to_one_exhaustively() {
        let lists: Vec<Vec<&str>> = vec![
            vec!["a", "b", "ab"],
            vec!["ab", "ba", "a"],
            vec!["x1", "y", "z"],
            vec!["a-b", "a", "b"],
            vec!["a!", "b", "c"],
            vec!["ı", "i", "j"],
            vec!["ß", "s", "t"],
            vec!["1", "22", "3"],
            vec!["ab", "cd", "ef"],
            vec!["aB", "a", "Cb"],
        ];
        let separators = [
            literal(""),
            literal("-"),
            literal("a"),
            literal("b-"),
            literal("1"),
            RANDOM_DIGIT,
            RANDOM_SYMBOL,
        ];
        let (mut accepted, mut refused, mut colliding) = (0, 0, 0);
        for words in &lists {
            let list = WordList::from_words(words).unwrap();
            for n in 1..=3 {
                for separator in &separators {
                    for capitalize in [
                        Capitalization::None,
                        Capitalization::FirstLetter,
                        Capitalization::RandomWord,
                    ] {
                        for number in [false, true] {
                            let s = settings(n, separator.clone(), capitalize, number);
                            let g = PassphraseGenerator::new(&s, &list);
                            let bounds = draw_bounds(&s, list.len() as u32);
                            let total: u64 = bounds.iter().map(|&b| u64::from(b)).product();
                            if total > 40_000 {
                                continue;
                            }
                            let mut strings = HashSet::new();
                            let mut values = vec![0u32; bounds.len()];
                            let reference = PassphraseGenerator::new(&s, &list).ok();
                            for mut k in 0..total {
                                for (v, &b) in values.iter_mut().zip(&bounds) {
                                    *v = (k % u64::from(b)) as u32;
                                    k /= u64::from(b);
                                }
                                strings.insert(render_unchecked(
                                    &s,
                                    &list,
                                    &values,
                                    reference.as_ref(),
                                ));
                            }
                            let one_to_one = strings.len() as u64 == total;
                            colliding += u32::from(!one_to_one);
                            match g {
                                Ok(g) => {
                                    accepted += 1;
                                    assert!(
                                        one_to_one,
                                        "{words:?} {s:?}: accepted but draws collide"
                                    );
                                    assert_eq!(g.passphrase_count(), total.to_string());
                                    assert!(
                                        (g.entropy_bits() - (total as f64).log2()).abs() < 1e-9
                                    );
                                }
                                Err(e) => {
                                    refused += 1;
                                    assert_eq!(e.code(), "PASSPHRASE_AMBIGUOUS", "{words:?} {s:?}");
                                }
                            }
                        }
                    }
                }
            }
        }
        // The families hold both kinds, and every colliding setting was refused.
        assert!(
            accepted > 300 && refused > 100 && colliding > 50,
            "{accepted} {refused} {colliding}"
        );
    }

    /// The bounds `PassphraseGenerator::new` draws, computed independently here.
    fn draw_bounds(s: &PassphraseSettings, len: u32) -> Vec<u32> {
        let mut b = vec![len; s.words as usize];
        if let Separator::Random { random } = s.separator {
            b.extend(std::iter::repeat_n(
                random.characters().len() as u32,
                s.words as usize - 1,
            ));
        }
        if s.capitalize == Capitalization::RandomWord {
            b.push(s.words);
        }
        if s.number {
            b.extend([s.words, 10]);
        }
        b
    }

    /// The generator's rendering when it accepts the settings; otherwise the same
    /// rendering written out here (for the settings it refuses).
    fn render_unchecked(
        s: &PassphraseSettings,
        list: &WordList,
        values: &[u32],
        generator: Option<&PassphraseGenerator>,
    ) -> String {
        if let Some(g) = generator {
            return g.render(values).as_str().to_owned();
        }
        let n = s.words as usize;
        let mut at = n;
        let seps: Vec<String> = match &s.separator {
            Separator::Literal(l) => vec![l.clone(); n - 1],
            Separator::Random { random } => {
                at += n - 1;
                values[n..n + n - 1]
                    .iter()
                    .map(|&v| random.characters()[v as usize..=v as usize].to_owned())
                    .collect()
            }
        };
        let capital = (s.capitalize == Capitalization::RandomWord).then(|| {
            at += 1;
            values[at - 1] as usize
        });
        let digit = s.number.then(|| (values[at] as usize, values[at + 1]));
        let mut out = String::new();
        for i in 0..n {
            let w = list.word(values[i] as usize);
            out.push_str(&match (s.capitalize, capital) {
                (Capitalization::FirstLetter, _) => first_letter_upper(w),
                (_, Some(c)) if c == i => w.to_uppercase(),
                _ => w.to_owned(),
            });
            if let Some((j, d)) = digit {
                if j == i {
                    out.push_str(&d.to_string());
                }
            }
            if i + 1 < n {
                out.push_str(&seps[i]);
            }
        }
        out
    }

    #[test]
    fn passphrases_are_uniform_end_to_end() {
        // 3 words, 2 of them, a digit after either: 9 · 20 = 180 passphrases.
        let list = WordList::from_words(["ab", "cd", "ef"]).unwrap();
        let g = PassphraseGenerator::new(
            &settings(2, literal("."), Capitalization::None, true),
            &list,
        )
        .unwrap();
        let draws = 180 * 200;
        let mut counts = std::collections::HashMap::new();
        for p in g
            .generate_many_with(&mut DeterministicRng::from_seed_for_tests(11), draws)
            .unwrap()
        {
            *counts.entry(p.as_str().to_owned()).or_insert(0u32) += 1;
        }
        assert_eq!(counts.len(), 180);
        // Each is Binomial(36000, 1/180): mean 200, sd about 14.1; 5 sd either side.
        assert!(
            counts.values().all(|&c| (130..=270).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn batches_are_the_single_stream() {
        let g = PassphraseGenerator::new(&PassphraseSettings::default(), &WordList::eff_large())
            .unwrap();
        let many = g
            .generate_many_with(&mut DeterministicRng::from_seed_for_tests(9), 5)
            .unwrap();
        let mut rng = DeterministicRng::from_seed_for_tests(9);
        for p in &many {
            assert_eq!(*p, g.generate_with(&mut rng).unwrap());
        }
        assert_ne!(many[0], many[1]);
        assert_eq!(
            g.generate_many_with(&mut rng, crate::MAX_BATCH + 1)
                .unwrap_err()
                .code(),
            "BATCH_TOO_LARGE"
        );
        assert_ne!(g.generate().unwrap(), g.generate().unwrap());
    }
}
