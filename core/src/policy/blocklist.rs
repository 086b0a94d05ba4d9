//! Whole-password blocklists: the shipped common-password list and operators' lists.

use zeroize::Zeroizing;

use crate::policy::front_coded::FrontCoded;

/// The shipped list: 30,000 common passwords from zxcvbn 4.4.2 (MIT), lowercased and
/// sorted by bytes (provenance in `core/data/README.md`), front-coded by build.rs.
static COMMON_PASSWORDS: FrontCoded = include!(concat!(env!("OUT_DIR"), "/common_passwords.rs"));

/// A set of forbidden passwords, matched against the whole password, case-insensitively
/// (both sides lowercased with Unicode rules). The entries are stored back to back in one
/// sorted string with a 4-byte end offset each, and looked up by binary search: memory is
/// the entries' bytes plus 4 bytes per entry (a list of short lines costs about its file
/// size, not 30 times it). Entries longer than any password passforge accepts
/// ([`crate::MAX_PASSWORD_LENGTH`] characters) could never match and are not kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blocklist {
    /// The entries, lowercased, sorted by bytes, de-duplicated, back to back.
    text: String,
    /// `ends[i]` is the byte offset just past entry `i` in `text`.
    ends: Vec<u32>,
}

impl Blocklist {
    /// The most bytes of entries kept (the offsets are 32-bit); the CLI reads at most
    /// 64 MiB of list, far below it.
    pub const MAX_BYTES: usize = u32::MAX as usize;

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
        let longest = crate::MAX_PASSWORD_LENGTH as usize * 4;
        // All entries lowercased into one buffer, each a (start, end) range of it.
        let mut lowered = String::new();
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') || line.len() > longest {
                continue;
            }
            let start = lowered.len();
            // The same lowercasing as `contains` (str's, with final sigma).
            lowered.push_str(&line.to_lowercase());
            if lowered.len() > Self::MAX_BYTES {
                lowered.truncate(start);
                break;
            }
            // Both offsets are at most MAX_BYTES, checked above.
            ranges.push((start as u32, lowered.len() as u32));
        }
        let entry = |&(a, b): &(u32, u32)| &lowered[a as usize..b as usize];
        ranges.sort_unstable_by(|x, y| entry(x).cmp(entry(y)));
        ranges.dedup_by(|x, y| entry(x) == entry(y));
        let mut list = Self {
            text: String::with_capacity(ranges.iter().map(|r| (r.1 - r.0) as usize).sum()),
            ends: Vec::with_capacity(ranges.len()),
        };
        for range in &ranges {
            list.text.push_str(entry(range));
            list.ends.push(list.text.len() as u32);
        }
        list
    }

    /// Number of distinct entries.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn entry(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// Whether `password`, lowercased, is an entry.
    pub fn contains(&self, password: &str) -> bool {
        let lower = Zeroizing::new(password.to_lowercase());
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.entry(mid).as_bytes().cmp(lower.as_bytes()) {
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
            }
        }
        false
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
    COMMON_PASSWORDS.contains(lower.as_bytes())
}

/// Number of entries in the shipped list.
pub fn common_password_count() -> usize {
    COMMON_PASSWORDS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: &str = include_str!("../../data/common-passwords.txt");

    /// The shipped list as the plain text it is built from.
    fn plain_list() -> Vec<&'static str> {
        PLAIN.lines().collect()
    }

    #[test]
    fn shipped_list_is_large_sorted_and_lowercase() {
        let plain = plain_list();
        assert!(plain.len() >= 10_000, "{}", plain.len());
        assert!(plain.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
        assert!(plain
            .iter()
            .all(|e| e.to_lowercase() == *e && !e.is_empty()));
        assert_eq!(common_password_count(), plain.len());
        for common in ["123456", "password", "qwerty", "Dragon", "LETMEIN"] {
            assert!(is_common_password(common), "{common}");
        }
        assert!(!is_common_password("password123!x"));
    }

    /// The front-coded list holds exactly the text's entries, and a lookup answers as a
    /// plain set does for every entry and for near misses around each of them.
    #[test]
    fn front_coded_list_answers_as_a_plain_set() {
        let plain = plain_list();
        assert_eq!(COMMON_PASSWORDS.text(), PLAIN);
        let set: std::collections::HashSet<&str> = plain.iter().copied().collect();
        let mut misses = 0;
        for entry in &plain {
            assert!(COMMON_PASSWORDS.contains(entry.as_bytes()), "{entry}");
            let near = [
                format!("{entry}!"),
                format!("!{entry}"),
                entry[..entry.len() - 1].to_owned(),
                format!("{}~", &entry[..entry.len() - 1]),
                format!("{entry}\u{e9}"),
            ];
            for candidate in &near {
                let expected = set.contains(candidate.as_str());
                assert_eq!(
                    COMMON_PASSWORDS.contains(candidate.as_bytes()),
                    expected,
                    "{candidate:?}"
                );
                misses += usize::from(!expected);
            }
        }
        assert!(misses > plain.len() * 4, "{misses}");
        for edge in ["", " ", "\u{0}", "~~~~~~~~", "\u{10ffff}", &"z".repeat(300)] {
            assert!(!COMMON_PASSWORDS.contains(edge.as_bytes()), "{edge:?}");
        }
        let (first, last) = (plain[0], plain[plain.len() - 1]);
        assert!(
            COMMON_PASSWORDS.contains(first.as_bytes())
                && COMMON_PASSWORDS.contains(last.as_bytes())
        );
    }

    /// Under half the text's bytes: what front-coding is for.
    #[test]
    fn front_coded_list_is_under_half_the_text() {
        let text: usize = plain_list().iter().map(|e| e.len() + 1).sum();
        let list = &COMMON_PASSWORDS;
        let coded = list.shared.len() + list.rests.len() + list.block_starts.len() * 4;
        assert!(coded * 2 < text, "{coded} bytes for {text} of text");
    }

    #[test]
    fn operator_list_is_case_insensitive_and_whole() {
        let list = Blocklist::from_text("  Winter2024 \n\n# comment\nwinter2024\nÄpfel\n");
        assert_eq!(list.len(), 2);
        assert!(list.contains("WINTER2024"));
        assert!(list.contains("äPFEL"));
        assert!(!list.contains("winter2024!"));
        assert!(Blocklist::default().is_empty());
        let sigma = Blocklist::from_text("ΟΔΥΣΣΕΥΣ\n");
        assert!(sigma.contains("Οδυσσευς") && sigma.contains("ΟΔΥΣΣΕΥΣ"));
    }

    #[test]
    fn short_lines_cost_about_their_bytes() {
        let text: String = (0..200_000u32).map(|i| format!("{i:x}\n")).collect();
        let list = Blocklist::from_text(&text);
        assert_eq!(list.len(), 200_000);
        let kept = list.text.capacity() + list.ends.capacity() * 4;
        assert!(
            kept < text.len() * 2,
            "{kept} bytes for a {} byte list",
            text.len()
        );
        assert!(list.contains("1a2b") && list.contains("0") && !list.contains("fffff"));
        // An entry no password can equal is not kept.
        let long = "x".repeat(crate::MAX_PASSWORD_LENGTH as usize * 4 + 1);
        assert!(Blocklist::from_text(&long).is_empty());
    }
}
