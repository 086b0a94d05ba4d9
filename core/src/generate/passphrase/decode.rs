//! Proving that different draws give different passphrases: the Sardinas–Patterson test
//! of unique decodability (1953), with a work budget.
//!
//! A passphrase is a sequence of blocks `form [digit] separator` (the last block's
//! separator left off, which changes nothing: appending a fixed one is one-to-one). When
//! the set of blocks is a uniquely decodable code, a passphrase has one reading as a
//! sequence of blocks, so the block boundaries are known; within a block the separator is
//! its known tail, the digit (words hold none when the number is on) the character before
//! it, and the form names one word and its capitalisation (the forms are distinct). So the
//! draw can be read back, and the map from draws to strings is one-to-one.
//!
//! Characters that vary between draws of the same block (a random separator, the
//! inserted digit) are all written as one placeholder before the test: two blocks that
//! differ only there still start and end at the same places. Unique decodability is
//! stronger than needed for a fixed number of words, so a setting can be refused that is
//! in fact one-to-one; a setting is never accepted that is not.

use std::collections::HashSet;

/// Stands for a character that varies between draws (a control: no word holds it).
pub(crate) const VARIABLE: char = '\0';

/// Dangling suffixes examined and codewords visited at most, so a hostile list cannot
/// make building a generator slow (the EFF list with any separator needs a few thousand).
pub(crate) const BUDGET: u64 = 4_000_000;

/// Whether every finite sequence of codewords is written differently: `Some(true)` yes,
/// `Some(false)` no, `None` when `budget` steps did not decide it.
pub(crate) fn uniquely_decodable(mut code: Vec<String>, mut budget: u64) -> Option<bool> {
    code.sort_unstable();
    code.dedup();
    let mut seen: HashSet<String> = HashSet::new();
    let mut pending: Vec<String> = Vec::new();
    let spend = |budget: &mut u64| -> Option<()> {
        *budget = budget.checked_sub(1)?;
        Some(())
    };
    // Suffixes left when a codeword is a proper prefix of another.
    for c in &code {
        for longer in with_prefix(&code, c) {
            spend(&mut budget)?;
            if longer.len() > c.len() && seen.insert(longer[c.len()..].to_owned()) {
                pending.push(longer[c.len()..].to_owned());
            }
        }
    }
    while let Some(d) = pending.pop() {
        spend(&mut budget)?;
        if code.binary_search(&d).is_ok() {
            return Some(false);
        }
        // A codeword that is a proper prefix of the suffix leaves the rest dangling.
        for (k, _) in d.char_indices().skip(1) {
            spend(&mut budget)?;
            if code.binary_search_by(|c| c.as_str().cmp(&d[..k])).is_ok()
                && seen.insert(d[k..].to_owned())
            {
                pending.push(d[k..].to_owned());
            }
        }
        // A codeword the suffix is a proper prefix of leaves the codeword's rest.
        for longer in with_prefix(&code, &d) {
            spend(&mut budget)?;
            let rest = &longer[d.len()..];
            if seen.insert(rest.to_owned()) {
                pending.push(rest.to_owned());
            }
        }
    }
    Some(true)
}

/// The codewords starting with `prefix` (contiguous in byte order).
fn with_prefix<'a>(code: &'a [String], prefix: &'a str) -> impl Iterator<Item = &'a str> {
    let start = code.partition_point(|c| c.as_str() < prefix);
    code[start..]
        .iter()
        .map(String::as_str)
        .take_while(move |c| c.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ud(words: &[&str]) -> Option<bool> {
        uniquely_decodable(words.iter().map(|w| w.to_string()).collect(), BUDGET)
    }

    #[test]
    fn classic_codes() {
        // Prefix codes are uniquely decodable.
        assert_eq!(ud(&["0", "10", "110", "111"]), Some(true));
        // Suffix codes too, though not prefix-free: 0, 01, 11.
        assert_eq!(ud(&["0", "01", "11"]), Some(true));
        // a·b = ab.
        assert_eq!(ud(&["a", "b", "ab"]), Some(false));
        // 010 = 0·10 = 01·0.
        assert_eq!(ud(&["0", "01", "10"]), Some(false));
        // A longer chain: 1, 011, 01110, 1110, 10011 (Sardinas-Patterson textbook example).
        assert_eq!(ud(&["1", "011", "01110", "1110", "10011"]), Some(false));
    }

    #[test]
    fn the_budget_bounds_the_work() {
        assert_eq!(
            uniquely_decodable(vec!["a".into(), "ab".into(), "b".into()], 1),
            None
        );
    }
}
