//! Runs of identical characters and illegal sequences (alphabetical, numerical, QWERTY).

use crate::contract::name::named_enum;
use serde::{Deserialize, Serialize};

/// A kind of illegal sequence. Matching ignores ASCII case and goes both ways
/// ("abcd" and "dcba"); it does not wrap around ("yzab" is not a sequence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum SequenceKind {
    /// `a` to `z`.
    Alphabetical,
    /// `0` to `9`.
    Numerical,
    /// A row of the US QWERTY keyboard: `qwertyuiop`, `asdfghjkl`, `zxcvbnm`.
    Qwerty,
}

named_enum!(
    SequenceKind,
    "sequence kind",
    [
        Alphabetical = "alphabetical",
        Numerical = "numerical",
        Qwerty = "qwerty"
    ]
);

impl SequenceKind {
    /// All kinds.
    pub const ALL: [SequenceKind; 3] = [Self::Alphabetical, Self::Numerical, Self::Qwerty];

    fn rows(self) -> &'static [&'static str] {
        match self {
            Self::Alphabetical => &["abcdefghijklmnopqrstuvwxyz"],
            Self::Numerical => &["0123456789"],
            Self::Qwerty => &["qwertyuiop", "asdfghjkl", "zxcvbnm"],
        }
    }
}

/// The longest run of one character repeated.
pub(crate) fn longest_run(password: &str) -> u32 {
    let mut best = 0u32;
    let mut run = 0u32;
    let mut prev = None;
    for c in password.chars() {
        run = if Some(c) == prev {
            run.saturating_add(1)
        } else {
            1
        };
        prev = Some(c);
        best = best.max(run);
    }
    best
}

/// Whether `password` holds a sequence of `kind` at least `length` characters long.
pub(crate) fn has_sequence(password: &str, kind: SequenceKind, length: u32) -> bool {
    kind.rows()
        .iter()
        .any(|row| longest_in_row(password, row) >= length)
}

/// The longest ascending or descending stretch of `row` in `password`. O(length):
/// each character's place in the row is found once.
fn longest_in_row(password: &str, row: &str) -> u32 {
    let place = |c: char| row.find(c.to_ascii_lowercase());
    let (mut best, mut up, mut down) = (0u32, 0u32, 0u32);
    let mut prev: Option<usize> = None;
    for c in password.chars() {
        let here = place(c);
        match (prev, here) {
            (Some(p), Some(h)) => {
                up = if h == p + 1 { up + 1 } else { 1 };
                down = if h + 1 == p { down + 1 } else { 1 };
            }
            (_, Some(_)) => (up, down) = (1, 1),
            (_, None) => (up, down) = (0, 0),
        }
        prev = here;
        best = best.max(up).max(down);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs() {
        assert_eq!(longest_run(""), 0);
        assert_eq!(longest_run("abc"), 1);
        assert_eq!(longest_run("aaBBBcc"), 3);
        assert_eq!(longest_run("ßßß"), 3);
    }

    #[test]
    fn sequences_both_ways_case_insensitive_no_wrap() {
        use SequenceKind::*;
        assert!(has_sequence("xxAbCdxx", Alphabetical, 4));
        assert!(!has_sequence("xxAbCxdxx", Alphabetical, 4));
        assert!(has_sequence("p4321", Numerical, 4));
        assert!(!has_sequence("8901", Numerical, 3));
        assert!(!has_sequence("yzab", Alphabetical, 3));
        assert!(has_sequence("!QWER!", Qwerty, 4));
        assert!(has_sequence("lkjh", Qwerty, 4));
        assert!(!has_sequence("opas", Qwerty, 3)); // rows do not join
        assert!(!has_sequence("aabbcc", Alphabetical, 3));
    }
}
