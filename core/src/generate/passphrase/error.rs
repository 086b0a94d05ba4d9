//! Why a word list or passphrase settings were refused.

use std::fmt;

/// Why a custom word list was refused ([`crate::WordList`]). Messages name the line (or,
/// for a list given as a list, the 1-based position) but never echo a word.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WordListError {
    /// The bytes are not UTF-8.
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A word is empty (a list item `""`; blank lines of a text are skipped).
    EmptyWord {
        /// Its line, or its 1-based position in a list.
        line: usize,
    },
    /// A word is longer than [`crate::WordList::MAX_WORD_CHARS`] characters.
    WordTooLong {
        /// Its line, or its 1-based position in a list.
        line: usize,
        /// Its length in characters.
        chars: usize,
    },
    /// A word holds a character that is not printable (the rules of character sets:
    /// controls, white space, combining marks, invisible format characters, ...).
    UnprintableCharacter {
        /// Its line, or its 1-based position in a list.
        line: usize,
        /// The character.
        character: char,
        /// What it is ("white space", "a combining mark", ...).
        reason: &'static str,
    },
    /// Two words are the same once normalised (NFKC and case folding), so a passphrase
    /// could not tell them apart.
    Duplicate {
        /// The line (or position) of the first.
        first: usize,
        /// The line (or position) of the second.
        second: usize,
    },
    /// Fewer than 2 words.
    TooFewWords {
        /// How many there are.
        count: usize,
    },
    /// More than [`crate::WordList::MAX_WORDS`] words or
    /// [`crate::WordList::MAX_BYTES`] bytes of words.
    TooLarge {
        /// Words read before the limit was passed.
        words: usize,
        /// Bytes of those words.
        bytes: usize,
    },
}

impl WordListError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotUtf8 { .. } => "WORDLIST_NOT_UTF8",
            Self::EmptyWord { .. } => "WORDLIST_WORD_EMPTY",
            Self::WordTooLong { .. } => "WORDLIST_WORD_TOO_LONG",
            Self::UnprintableCharacter { .. } => "WORDLIST_CHARACTER",
            Self::Duplicate { .. } => "WORDLIST_DUPLICATE",
            Self::TooFewWords { .. } => "WORDLIST_TOO_SMALL",
            Self::TooLarge { .. } => "WORDLIST_TOO_LARGE",
        }
    }
}

impl fmt::Display for WordListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::WordList;
        match self {
            Self::NotUtf8 { offset } => write!(
                f,
                "the word list is not UTF-8 (invalid bytes at offset {offset}); save it as UTF-8"
            ),
            Self::EmptyWord { line } => {
                write!(f, "word {line} is empty; remove it or give it characters")
            }
            Self::WordTooLong { line, chars } => write!(
                f,
                "the word on line {line} is {chars} characters long; the maximum is {}",
                WordList::MAX_WORD_CHARS
            ),
            Self::UnprintableCharacter {
                line,
                character,
                reason,
            } => write!(
                f,
                "the word on line {line} holds U+{:04X}, {reason}; a word holds printable \
                 characters only",
                u32::from(*character)
            ),
            Self::Duplicate { first, second } => write!(
                f,
                "the words on lines {first} and {second} are the same word (compared after \
                 NFKC and case folding); remove one of them"
            ),
            Self::TooFewWords { count } => write!(
                f,
                "the word list has {count} words; a passphrase needs at least 2 to choose from"
            ),
            Self::TooLarge { words, bytes } => write!(
                f,
                "the word list is too large ({words} words, {bytes} bytes read so far); the \
                 maximum is {} words and {} bytes",
                WordList::MAX_WORDS,
                WordList::MAX_BYTES
            ),
        }
    }
}

impl std::error::Error for WordListError {}

/// Why passphrase settings were refused. A [`crate::PassphraseGenerator`] that exists is
/// valid, and every passphrase it can produce comes from exactly one draw.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PassphraseError {
    /// The word count is 0 or above [`crate::MAX_PASSPHRASE_WORDS`].
    WordCount {
        /// The count given.
        words: u32,
    },
    /// The literal separator is longer than [`crate::MAX_SEPARATOR_CHARS`] or holds a
    /// character that is not printable (a plain space is allowed).
    Separator {
        /// What is wrong with it.
        reason: String,
    },
    /// The longest passphrase the settings allow is above [`crate::MAX_LENGTH`]
    /// characters.
    TooLong {
        /// Its length in characters.
        chars: u64,
    },
    /// passforge cannot prove that two different draws never give the same passphrase
    /// (words that run together, a separator character inside words, a digit next to
    /// digits), so the entropy of the draws would overstate the passphrase's.
    Ambiguous {
        /// Why, and what to change.
        reason: &'static str,
    },
}

impl PassphraseError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::WordCount { .. } => "PASSPHRASE_WORD_COUNT",
            Self::Separator { .. } => "PASSPHRASE_SEPARATOR",
            Self::TooLong { .. } => "PASSPHRASE_TOO_LONG",
            Self::Ambiguous { .. } => "PASSPHRASE_AMBIGUOUS",
        }
    }
}

impl fmt::Display for PassphraseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WordCount { words } => write!(
                f,
                "{words} words; a passphrase has 1 to {} words",
                crate::MAX_PASSPHRASE_WORDS
            ),
            Self::Separator { reason } => write!(f, "the separator {reason}"),
            Self::TooLong { chars } => write!(
                f,
                "the longest passphrase these settings allow has {chars} characters, above \
                 the maximum of {}; use fewer words or a shorter separator",
                crate::MAX_LENGTH
            ),
            Self::Ambiguous { reason } => write!(
                f,
                "two different passphrases could be written the same way: {reason}"
            ),
        }
    }
}

impl std::error::Error for PassphraseError {}
