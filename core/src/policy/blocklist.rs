//! Whole-password blocklists: the shipped common-password list and operators' lists.

use std::sync::OnceLock;

use zeroize::Zeroizing;

/// The shipped list: 30,000 common passwords from zxcvbn 4.4.2 (MIT), lowercased and
/// sorted by bytes; provenance in `core/data/README.md`.
const COMMON_PASSWORDS: &str = include_str!("../../data/common-passwords.txt");

/// A set of forbidden passwords, matched against the whole password, case-insensitively
/// (both sides lowercased with Unicode rules). Lookup is a binary search over a sorted
/// array: memory is the entries' bytes plus 24 bytes of `String` per entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blocklist {
    entries: Vec<String>,
}

impl Blocklist {
    /// One entry per line; surrounding whitespace is trimmed, empty lines and lines
    /// starting with `#` are skipped, duplicates are merged.
    ///
    /// ```
    /// let list = passforge::Blocklist::from_text("# ours\nCorrectHorse\nacme2024\n");
    /// assert_eq!(list.len(), 2);
    /// assert!(list.contains("correcthorse"));
    /// assert!(!list.contains("correct"));
    /// ```
    pub fn from_text(text: &str) -> Self {
        let mut entries: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        entries.sort_unstable();
        entries.dedup();
        Self { entries }
    }

    /// Number of distinct entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `password`, lowercased, is an entry.
    pub fn contains(&self, password: &str) -> bool {
        let lower = Zeroizing::new(password.to_lowercase());
        self.entries.binary_search(&*lower).is_ok()
    }
}

/// Whether `password` (lowercased) is in the shipped common-password list.
///
/// ```
/// assert!(passforge::is_common_password("PassWord"));
/// assert!(!passforge::is_common_password("q7#Vx!2pLm@9"));
/// ```
pub fn is_common_password(password: &str) -> bool {
    let lower = Zeroizing::new(password.to_lowercase());
    common_index()
        .binary_search_by(|e| e.as_bytes().cmp(lower.as_bytes()))
        .is_ok()
}

/// Number of entries in the shipped list.
pub fn common_password_count() -> usize {
    common_index().len()
}

/// The shipped list's lines, built once (about 470 KiB of `&str` on 64-bit targets).
fn common_index() -> &'static [&'static str] {
    static INDEX: OnceLock<Vec<&'static str>> = OnceLock::new();
    INDEX.get_or_init(|| COMMON_PASSWORDS.lines().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_list_is_large_sorted_and_lowercase() {
        let index = common_index();
        assert!(index.len() >= 10_000, "{}", index.len());
        assert!(index.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
        assert!(index
            .iter()
            .all(|e| e.to_lowercase() == *e && !e.is_empty()));
        for common in ["123456", "password", "qwerty", "Dragon", "LETMEIN"] {
            assert!(is_common_password(common), "{common}");
        }
        assert!(!is_common_password("password123!x"));
    }

    #[test]
    fn operator_list_is_case_insensitive_and_whole() {
        let list = Blocklist::from_text("  Winter2024 \n\n# comment\nwinter2024\nÄpfel\n");
        assert_eq!(list.len(), 2);
        assert!(list.contains("WINTER2024"));
        assert!(list.contains("äPFEL"));
        assert!(!list.contains("winter2024!"));
        assert!(Blocklist::default().is_empty());
    }
}
