//! Word lists: the shipped EFF large list, and validated custom lists.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::auth::security_answer::normalize_answer;
use crate::generate::charset::unprintable_reason;
use crate::generate::passphrase::error::WordListError;
use crate::policy::front_coded::FrontCoded;

/// The EFF large word list (7,776 words, CC BY 3.0 US, by Joseph Bonneau and the EFF),
/// in the published order (which is byte order), front-coded by build.rs: 33 KB instead
/// of the 62 KB text; provenance in `core/data/README.md`.
static EFF_LARGE: FrontCoded = include!(concat!(env!("OUT_DIR"), "/eff_large.rs"));

/// A validated list of distinct words to draw passphrases from. Cloning is cheap (the
/// words are shared).
///
/// Every word is non-empty, at most [`WordList::MAX_WORD_CHARS`] characters, and made of
/// printable characters (the rules of character sets: no controls, white space,
/// combining marks, invisible format characters, private-use characters or
/// noncharacters). Words are distinct after the normalisation security answers use
/// (NFKC, Unicode case folding, NFKC), so a list cannot hold two spellings a person would
/// type alike (`Apple` and `apple`, `Å` as U+212B and U+00C5). A list has 2 to
/// [`WordList::MAX_WORDS`] words and at most [`WordList::MAX_BYTES`] bytes of words.
///
/// ```
/// use passforge::WordList;
/// let eff = WordList::eff_large();
/// assert_eq!(eff.len(), 7776);
/// assert_eq!(eff.word(0), "abacus");
///
/// let ours = WordList::parse("# a comment\nalpha\r\nbravo\n\ncharlie\n")?;
/// assert_eq!(ours.len(), 3);
/// let e = WordList::parse("alpha\nALPHA\n").unwrap_err();
/// assert_eq!(e.code(), "WORDLIST_DUPLICATE");
/// # Ok::<(), passforge::WordListError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct WordList(Arc<Words>);

#[derive(PartialEq, Eq)]
struct Words {
    /// The words back to back, in list order.
    text: String,
    /// `ends[i]` is the byte offset just past word `i`.
    ends: Vec<u32>,
}

/// The word count and the first words only: a list is data, not a secret, but a long
/// one says nothing useful in a log.
impl fmt::Debug for WordList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let first: Vec<&str> = self.iter().take(3).collect();
        f.debug_struct("WordList")
            .field("len", &self.len())
            .field("first", &first)
            .finish_non_exhaustive()
    }
}

impl WordList {
    /// Most words in a list (2^16; diceware lists have 7,776 or 8,192).
    pub const MAX_WORDS: usize = 1 << 16;
    /// Most bytes of words in a list (UTF-8, separators not counted).
    pub const MAX_BYTES: usize = 1 << 20;
    /// Longest word, in characters.
    pub const MAX_WORD_CHARS: usize = 64;

    /// The shipped EFF large word list: 7,776 words of 3 to 9 lowercase letters (four
    /// with a hyphen: `drop-down`, `felt-tip`, `t-shirt`, `yo-yo`), 12.925 bits each.
    pub fn eff_large() -> WordList {
        static EFF: OnceLock<WordList> = OnceLock::new();
        EFF.get_or_init(|| {
            // The shipped file is checked by the tests (count, published SHA-256).
            Self::parse(&EFF_LARGE.text()).expect("the shipped EFF list is a valid word list")
        })
        .clone()
    }

    /// One word per line (`\n` or `\r\n`). Surrounding white space is trimmed; blank
    /// lines and lines starting with `#` are skipped; a line `DIGITS<TAB>WORD` (the dice
    /// numbers of the EFF files as published) is read as `WORD`. Errors name the line.
    pub fn parse(text: &str) -> Result<WordList, WordListError> {
        let entries = text.lines().enumerate().filter_map(|(i, line)| {
            let line = line.trim();
            let word = match line.split_once('\t') {
                Some((dice, word))
                    if !dice.is_empty() && dice.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    word.trim()
                }
                _ => line,
            };
            (!word.is_empty() && !word.starts_with('#')).then_some((i + 1, word))
        });
        Self::build(entries)
    }

    /// [`WordList::parse`] of bytes that must be UTF-8 (`WORDLIST_NOT_UTF8` otherwise):
    /// a file as read.
    pub fn from_utf8(bytes: &[u8]) -> Result<WordList, WordListError> {
        let text = std::str::from_utf8(bytes).map_err(|e| WordListError::NotUtf8 {
            offset: e.valid_up_to(),
        })?;
        Self::parse(text)
    }

    /// The words as given, in order, each one a word as it stands (nothing is trimmed
    /// or skipped; errors name the 1-based position): a list from Python or JS.
    ///
    /// ```
    /// let list = passforge::WordList::from_words(["red", "green", "blue"])?;
    /// assert_eq!(list.iter().collect::<Vec<_>>(), ["red", "green", "blue"]);
    /// assert_eq!(passforge::WordList::from_words(["red", ""]).unwrap_err().code(),
    ///            "WORDLIST_WORD_EMPTY");
    /// # Ok::<(), passforge::WordListError>(())
    /// ```
    pub fn from_words<I, S>(words: I) -> Result<WordList, WordListError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let owned: Vec<S> = words.into_iter().take(Self::MAX_WORDS + 1).collect();
        Self::build(owned.iter().enumerate().map(|(i, w)| (i + 1, w.as_ref())))
    }

    fn build<'a>(
        entries: impl Iterator<Item = (usize, &'a str)>,
    ) -> Result<WordList, WordListError> {
        let mut words = Words {
            text: String::new(),
            ends: Vec::new(),
        };
        // Normalised word -> its line, to find duplicates.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (line, word) in entries {
            if words.ends.len() == Self::MAX_WORDS
                || words.text.len() + word.len() > Self::MAX_BYTES
            {
                return Err(WordListError::TooLarge {
                    words: words.ends.len(),
                    bytes: words.text.len(),
                });
            }
            check_word(line, word)?;
            let key = normalize_answer(word).to_string();
            if let Some(&first) = seen.get(&key) {
                return Err(WordListError::Duplicate {
                    first,
                    second: line,
                });
            }
            seen.insert(key, line);
            words.text.push_str(word);
            // At most MAX_BYTES (checked above), which fits a u32.
            words.ends.push(words.text.len() as u32);
        }
        if words.ends.len() < 2 {
            return Err(WordListError::TooFewWords {
                count: words.ends.len(),
            });
        }
        words.text.shrink_to_fit();
        Ok(WordList(Arc::new(words)))
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.0.ends.len()
    }

    /// Always false: a list has at least 2 words.
    pub fn is_empty(&self) -> bool {
        self.0.ends.is_empty()
    }

    /// The word at `index` (panics when `index >= len()`, like slice indexing).
    pub fn word(&self, index: usize) -> &str {
        let start = if index == 0 {
            0
        } else {
            self.0.ends[index - 1] as usize
        };
        &self.0.text[start..self.0.ends[index] as usize]
    }

    /// The words, in list order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.word(i))
    }

    /// Whether this is the shipped EFF large list (the same words in the same order).
    pub fn is_eff_large(&self) -> bool {
        let eff = Self::eff_large();
        Arc::ptr_eq(&self.0, &eff.0) || *self == eff
    }
}

fn check_word(line: usize, word: &str) -> Result<(), WordListError> {
    if word.is_empty() {
        return Err(WordListError::EmptyWord { line });
    }
    let chars = word.chars().count();
    if chars > WordList::MAX_WORD_CHARS {
        return Err(WordListError::WordTooLong { line, chars });
    }
    if let Some((character, reason)) = word
        .chars()
        .find_map(|c| unprintable_reason(c).map(|r| (c, r)))
    {
        return Err(WordListError::UnprintableCharacter {
            line,
            character,
            reason,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// SHA-256 of `eff_large_wordlist.txt` as the EFF publishes it (a dice number, a tab
    /// and a word per line), the hash many independent mirrors agree on.
    const EFF_PUBLISHED_SHA256: &str =
        "addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e";

    #[test]
    fn the_shipped_list_is_the_published_eff_large_list() {
        let eff = WordList::eff_large();
        assert_eq!(eff.len(), 7776);
        assert_eq!((eff.word(0), eff.word(7775)), ("abacus", "zoom"));
        // Rebuild the published file: the dice numbers are the index in base 6, digits 1-6.
        let mut published = String::new();
        for (i, word) in eff.iter().enumerate() {
            let mut dice = [0u8; 5];
            let mut n = i;
            for d in dice.iter_mut().rev() {
                *d = b'1' + (n % 6) as u8;
                n /= 6;
            }
            published.push_str(std::str::from_utf8(&dice).unwrap());
            published.push('\t');
            published.push_str(word);
            published.push('\n');
        }
        let digest: String = Sha256::digest(published.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(digest, EFF_PUBLISHED_SHA256);
        // And the published format parses to the same list.
        assert_eq!(WordList::parse(&published).unwrap(), eff);
        assert!(eff.is_eff_large() && WordList::parse(&EFF_LARGE.text()).unwrap().is_eff_large());
        // The front-coded words are the text in core/data, byte for byte.
        let text = include_str!("../../../data/eff-large-wordlist.txt");
        assert_eq!(EFF_LARGE.text(), text);
    }

    #[test]
    fn every_rule_has_its_code_and_line() {
        let code = |text: &str| WordList::parse(text).unwrap_err();
        assert_eq!(code("one\n"), WordListError::TooFewWords { count: 1 });
        assert_eq!(code("\n\n# x\n").code(), "WORDLIST_TOO_SMALL");
        assert_eq!(
            code("a\nb\nc\nB\n"),
            WordListError::Duplicate {
                first: 2,
                second: 4
            }
        );
        // NFKC: the Angstrom sign is the letter Å; case folding: ß is ss.
        assert_eq!(code("\u{212B}\n\u{e5}\n").code(), "WORDLIST_DUPLICATE");
        assert_eq!(code("strasse\nSTRAßE\n").code(), "WORDLIST_DUPLICATE");
        assert_eq!(
            code("ok\nnot ok\n"),
            WordListError::UnprintableCharacter {
                line: 2,
                character: ' ',
                reason: "white space"
            }
        );
        assert_eq!(code("ok\nzero\u{200b}width\n").code(), "WORDLIST_CHARACTER");
        assert_eq!(code("ok\ne\u{301}\n").code(), "WORDLIST_CHARACTER");
        let long = "x".repeat(WordList::MAX_WORD_CHARS + 1);
        assert_eq!(
            code(&format!("ok\n{long}\n")),
            WordListError::WordTooLong { line: 2, chars: 65 }
        );
        assert_eq!(
            WordList::from_utf8(b"ok\nfa\xffil\n").unwrap_err(),
            WordListError::NotUtf8 { offset: 5 }
        );
        assert_eq!(
            WordList::from_words(["a", "", "b"]).unwrap_err(),
            WordListError::EmptyWord { line: 2 }
        );
        // from_words trims nothing.
        assert_eq!(
            WordList::from_words(["a", " b"]).unwrap_err().code(),
            "WORDLIST_CHARACTER"
        );
        // Messages name lines, never words.
        for e in [
            code("zebra\n"),
            code("zebra\nZEBRA\n"),
            code("zebra\nze bra\n"),
        ] {
            assert!(!e.to_string().to_lowercase().contains("zebra"), "{e}");
        }
    }

    #[test]
    fn size_caps_count_words_and_bytes() {
        let many: String = (0..=WordList::MAX_WORDS)
            .map(|i| format!("w{i}\n"))
            .collect();
        let e = WordList::parse(&many).unwrap_err();
        assert_eq!(
            e,
            WordListError::TooLarge {
                words: WordList::MAX_WORDS,
                bytes: many.len() - many.lines().last().unwrap().len() - 1 - WordList::MAX_WORDS,
            }
        );
        let exactly: String = (0..WordList::MAX_WORDS)
            .map(|i| format!("w{i}\n"))
            .collect();
        assert_eq!(
            WordList::parse(&exactly).unwrap().len(),
            WordList::MAX_WORDS
        );
        // 64-character words: the byte cap comes first.
        let big: Vec<String> = (0..20_000).map(|i| format!("{i:0>64}")).collect();
        assert_eq!(
            WordList::from_words(&big).unwrap_err().code(),
            "WORDLIST_TOO_LARGE"
        );
    }

    #[test]
    fn text_format_details() {
        let list = WordList::parse("  alpha  \r\n11111\tbravo\n#skip\n\n\tcharlie\n").unwrap();
        assert_eq!(
            list.iter().collect::<Vec<_>>(),
            ["alpha", "bravo", "charlie"]
        );
        assert!(!list.is_eff_large() && !list.is_empty());
        let text = format!("{:?}", WordList::eff_large());
        assert!(text.contains("7776") && text.len() < 100, "{text}");
    }
}
