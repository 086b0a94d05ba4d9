//! How many of a generator's passwords pass the policy rules that generation enforces by
//! rejection and passforge can count: `max_repeat`, and the `required_characters`
//! groups the generator's structure does not guarantee. Rejection keeps generation
//! uniform over the passwords that pass; this says how many those are (the honest
//! entropy), and whether rejection would succeed often enough to use.

use std::collections::BTreeMap;

use crate::generate::charset::CharClass;
use crate::generate::estimate::wilson_lower_bound;
use crate::generate::generator::{rejection_attempts, Generator};
use crate::policy::sequence::longest_run;
use crate::random::rng::DeterministicRng;

/// The share of a generator's passwords that pass a policy's counted rules (`max_repeat`
/// and the `required_characters` groups the generator does not guarantee), and the
/// entropy of those passwords: what generation within the policy delivers, since rejection
/// is uniform over them. Rules passforge does not count (context, blocklists, patterns,
/// sequences, symbols at the ends, the score) may reject a few more: with them, both
/// figures are upper bounds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PolicyAcceptance {
    /// The share, from 0 to 1 (1 when no counted rule rejects anything).
    pub share: f64,
    /// log2 of the number of the generator's passwords that pass, from 0 to the
    /// generator's `entropy_bits`.
    pub entropy_bits: f64,
    /// Whether both were counted (exactly, up to floating-point rounding); otherwise the
    /// share is a 95 % lower bound estimated from candidates of a fixed public seed (for
    /// settings whose counting table would be too large).
    pub exact: bool,
}

impl PolicyAcceptance {
    /// Nothing is rejected.
    fn all(generator: &Generator) -> Self {
        Self {
            share: 1.0,
            entropy_bits: generator.entropy_bits(),
            exact: true,
        }
    }

    fn from_log2(generator: &Generator, log2_count: f64, exact: bool) -> Self {
        let bits = generator.entropy_bits();
        if !log2_count.is_finite() {
            return Self {
                share: 0.0,
                entropy_bits: 0.0,
                exact,
            };
        }
        Self {
            share: (log2_count - bits).exp2().min(1.0),
            entropy_bits: log2_count.clamp(0.0, bits),
            exact,
        }
    }
}

/// The most work the exact count may do (table entries times steps): a few tens of
/// milliseconds, once per generator.
const COUNT_BUDGET: u64 = 1 << 25;

/// Most groups counted exactly (each doubles the table).
const MAX_COUNTED_GROUPS: usize = 12;

/// The acceptance of `max_repeat` and `groups` (each sorted) over `generator`'s
/// passwords.
pub(crate) fn acceptance(
    generator: &Generator,
    max_repeat: Option<u32>,
    groups: &[&[char]],
) -> PolicyAcceptance {
    let length = generator.length();
    // A run longer than the password cannot occur.
    let max_repeat = max_repeat.filter(|&m| m < length);
    if max_repeat.is_none() && groups.is_empty() {
        return PolicyAcceptance::all(generator);
    }
    match Counter::new(generator, max_repeat, groups) {
        Some(counter) => PolicyAcceptance::from_log2(generator, counter.log2_count(), true),
        None => estimate(generator, max_repeat, groups),
    }
}

/// The share estimated from candidates: the 95 % Wilson lower bound.
fn estimate(
    generator: &Generator,
    max_repeat: Option<u32>,
    groups: &[&[char]],
) -> PolicyAcceptance {
    let samples = rejection_attempts(generator.length());
    let mut rng = DeterministicRng::from_seed_for_tests(0xacce_97ab_1e5e_ed01);
    let passed = (0..samples)
        .filter(|_| {
            let candidate = generator.candidate(&mut rng);
            let text = candidate.as_str();
            max_repeat.is_none_or(|m| longest_run(text) <= m)
                && groups
                    .iter()
                    .all(|g| text.chars().any(|c| g.binary_search(&c).is_ok()))
        })
        .count() as u64;
    let share = wilson_lower_bound(passed, samples);
    PolicyAcceptance::from_log2(generator, generator.entropy_bits() + share.log2(), false)
}

/// Characters of one generator class that belong to the same groups: they are
/// interchangeable for the count.
#[derive(Clone, Copy, Debug)]
struct Atom {
    class: usize,
    groups: usize,
    size: f64,
}

/// A dynamic programme over the positions of the password. The state after `i`
/// characters: per generator class, how many of its characters so far (capped at its
/// minimum), which groups are met, and (with `max_repeat`) the atom of the last character
/// and the length of its run. Values are counts scaled by a power of two, kept in the
/// exponent `scale`.
struct Counter {
    atoms: Vec<Atom>,
    /// Per class: its minimum and the stride of its count in the table index.
    minimums: [usize; 4],
    strides: [usize; 4],
    counts: usize,
    masks: usize,
    /// 1 without `max_repeat`.
    runs: usize,
    max_repeat: Option<usize>,
    length: usize,
}

impl Counter {
    fn new(generator: &Generator, max_repeat: Option<u32>, groups: &[&[char]]) -> Option<Self> {
        if groups.len() > MAX_COUNTED_GROUPS {
            return None;
        }
        let settings = generator.settings();
        let mut atoms = Vec::new();
        let mut minimums = [0usize; 4];
        for (class_index, class) in CharClass::ALL.into_iter().enumerate() {
            let set = generator.class_set(class);
            if set.is_empty() {
                continue;
            }
            minimums[class_index] = settings.minimum(class) as usize;
            let mut by_groups: BTreeMap<usize, usize> = BTreeMap::new();
            for c in set {
                let mask = groups
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.binary_search(c).is_ok())
                    .fold(0, |m, (j, _)| m | 1 << j);
                *by_groups.entry(mask).or_default() += 1;
            }
            atoms.extend(by_groups.into_iter().map(|(groups, size)| Atom {
                class: class_index,
                groups,
                size: size as f64,
            }));
        }
        let mut strides = [0usize; 4];
        let mut counts = 1usize;
        for class in 0..4 {
            strides[class] = counts;
            counts = counts.checked_mul(minimums[class] + 1)?;
        }
        let masks = 1usize << groups.len();
        let runs = max_repeat.map_or(1, |m| m as usize);
        let length = generator.length() as usize;
        let work = (counts as u64)
            .checked_mul(masks as u64)?
            .checked_mul(atoms.len() as u64)?
            .checked_mul((runs + atoms.len()) as u64)?
            .checked_mul(length as u64)?;
        (work <= COUNT_BUDGET).then_some(Self {
            atoms,
            minimums,
            strides,
            counts,
            masks,
            runs,
            max_repeat: max_repeat.map(|m| m as usize),
            length,
        })
    }

    fn index(&self, count: usize, mask: usize, atom: usize, run: usize) -> usize {
        ((count * self.masks + mask) * self.atoms.len() + atom) * self.runs + run
    }

    /// The count index after one more character of `class`.
    fn bump(&self, count: usize, class: usize) -> usize {
        let held = (count / self.strides[class]) % (self.minimums[class] + 1);
        if held < self.minimums[class] {
            count + self.strides[class]
        } else {
            count
        }
    }

    /// log2 of the number of passwords that meet every class minimum, every group and
    /// `max_repeat` (negative infinity when none does).
    fn log2_count(&self) -> f64 {
        let n_atoms = self.atoms.len();
        let size = self.counts * self.masks * n_atoms * self.runs;
        let mut table = vec![0f64; size];
        let mut next = vec![0f64; size];
        let mut scale = 0i32;
        // The first character.
        for (a, atom) in self.atoms.iter().enumerate() {
            let i = self.index(self.bump(0, atom.class), atom.groups, a, 0);
            table[i] += atom.size;
        }
        let mut per_atom = vec![0f64; n_atoms];
        for _ in 1..self.length {
            next.iter_mut().for_each(|v| *v = 0.0);
            for count in 0..self.counts {
                for mask in 0..self.masks {
                    let base = self.index(count, mask, 0, 0);
                    let block = &table[base..base + n_atoms * self.runs];
                    for (a, total) in per_atom.iter_mut().enumerate() {
                        *total = block[a * self.runs..(a + 1) * self.runs].iter().sum();
                    }
                    let all: f64 = per_atom.iter().sum();
                    if all == 0.0 {
                        continue;
                    }
                    for (a, atom) in self.atoms.iter().enumerate() {
                        let to = self.index(self.bump(count, atom.class), mask | atom.groups, a, 0);
                        next[to] += match self.max_repeat {
                            // Any character of the atom: the last one again included.
                            None => all * atom.size,
                            // Another character than the last one; the sum of the other
                            // atoms is taken part by part, without a subtraction that
                            // could cancel.
                            Some(_) => {
                                let others: f64 = per_atom
                                    .iter()
                                    .enumerate()
                                    .filter(|&(b, _)| b != a)
                                    .map(|(_, v)| v)
                                    .sum();
                                others * atom.size + per_atom[a] * (atom.size - 1.0)
                            }
                        };
                        // The same character once more, while the run is below the maximum.
                        for run in 1..self.runs {
                            let from = block[a * self.runs + run - 1];
                            if from != 0.0 {
                                next[self.index(self.bump(count, atom.class), mask, a, run)] +=
                                    from;
                            }
                        }
                    }
                }
            }
            std::mem::swap(&mut table, &mut next);
            // Keep the values near 1: scaling by a power of two is exact.
            let largest = table.iter().copied().fold(0.0, f64::max);
            if largest > 0.0 {
                let shift = largest.log2().floor() as i32;
                let factor = (-f64::from(shift)).exp2();
                table.iter_mut().for_each(|v| *v *= factor);
                scale += shift;
            }
        }
        let full = (0..4)
            .map(|c| self.minimums[c] * self.strides[c])
            .sum::<usize>();
        let start = self.index(full, self.masks - 1, 0, 0);
        let total: f64 = table[start..start + n_atoms * self.runs].iter().sum();
        total.log2() + f64::from(scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::settings::GeneratorSettings;

    fn generator(length: u32, sets: [&str; 4], minimums: [u32; 4]) -> Generator {
        let [lower, upper, digits, symbols] = minimums;
        Generator::new(&GeneratorSettings {
            length,
            lower,
            upper,
            digits,
            symbols,
            lower_set: Some(sets[0].into()),
            upper_set: Some(sets[1].into()),
            digit_set: Some(sets[2].into()),
            symbol_set: Some(sets[3].into()),
            ..GeneratorSettings::default()
        })
        .unwrap()
    }

    /// Every string over the generator's characters, counted by brute force.
    fn brute_force(g: &Generator, max_repeat: Option<u32>, groups: &[&[char]]) -> (u64, u64) {
        let sets: Vec<&[char]> = CharClass::ALL.iter().map(|&c| g.class_set(c)).collect();
        let alphabet: Vec<char> = sets.concat();
        let minimums: Vec<usize> = CharClass::ALL
            .iter()
            .map(|&c| g.settings().minimum(c) as usize)
            .collect();
        let length = g.length() as usize;
        let (mut valid, mut passed) = (0u64, 0u64);
        let mut digits = vec![0usize; length];
        loop {
            let s: String = digits.iter().map(|&d| alphabet[d]).collect();
            let meets_minimums = sets
                .iter()
                .zip(&minimums)
                .all(|(set, &k)| s.chars().filter(|c| set.contains(c)).count() >= k);
            if meets_minimums {
                valid += 1;
                let ok = max_repeat.is_none_or(|m| longest_run(&s) <= m)
                    && groups.iter().all(|g| s.chars().any(|c| g.contains(&c)));
                if ok {
                    passed += 1;
                }
            }
            // The next string, as a number in base |alphabet|.
            let mut i = 0;
            loop {
                if i == length {
                    return (valid, passed);
                }
                digits[i] += 1;
                if digits[i] < alphabet.len() {
                    break;
                }
                digits[i] = 0;
                i += 1;
            }
        }
    }

    #[test]
    fn the_count_matches_brute_force() {
        let cases: Vec<(Generator, Option<u32>, Vec<Vec<char>>)> = vec![
            (
                generator(5, ["ab", "C", "1", ""], [1, 0, 0, 0]),
                Some(1),
                vec![],
            ),
            (
                generator(5, ["ab", "C", "1", ""], [1, 1, 0, 0]),
                Some(2),
                vec![],
            ),
            (
                generator(6, ["abc", "", "12", "!"], [2, 0, 1, 0]),
                Some(2),
                vec![vec!['!', 'a']],
            ),
            (
                generator(5, ["ab", "XY", "", "!#"], [0, 1, 0, 0]),
                None,
                vec![vec!['#', 'X', 'a'], vec!['!', 'b']],
            ),
            (
                generator(4, ["a", "B", "", ""], [0, 0, 0, 0]),
                Some(1),
                vec![vec!['B']],
            ),
            (
                generator(6, ["ab", "", "", ""], [0, 0, 0, 0]),
                Some(1),
                vec![],
            ),
        ];
        for (g, max_repeat, groups) in &cases {
            let groups: Vec<&[char]> = groups.iter().map(Vec::as_slice).collect();
            let (valid, passed) = brute_force(g, *max_repeat, &groups);
            assert_eq!(g.password_count(), valid.to_string());
            let a = acceptance(g, *max_repeat, &groups);
            assert!(a.exact);
            let want = passed as f64 / valid as f64;
            assert!((a.share - want).abs() < 1e-12, "{a:?} vs {passed}/{valid}");
            if passed > 0 {
                assert!(
                    (a.entropy_bits - (passed as f64).log2()).abs() < 1e-9,
                    "{a:?}"
                );
            } else {
                assert_eq!((a.share, a.entropy_bits), (0.0, 0.0));
            }
        }
    }

    #[test]
    fn nothing_to_count_is_everything() {
        let g = generator(8, ["ab", "", "", ""], [0, 0, 0, 0]);
        // A run of 8 is the whole password.
        assert_eq!(acceptance(&g, Some(8), &[]), PolicyAcceptance::all(&g));
        assert_eq!(acceptance(&g, None, &[]).share, 1.0);
    }

    #[test]
    fn long_passwords_stay_finite_and_agree_with_the_estimate() {
        // 1024 characters of 94: strings without a repeated neighbour are (93/94)^1023 of
        // all, about 2^-15.8; scaled, the count never overflows.
        let g = Generator::new(&GeneratorSettings::with_minimums(1024, [1, 1, 1, 1])).unwrap();
        let a = acceptance(&g, Some(1), &[]);
        assert!(a.exact);
        let want = 1023.0 * (93f64 / 94.0).log2();
        assert!((a.share.log2() - want).abs() < 1e-6, "{a:?}");
        // Over the budget (many groups): the estimate, a lower bound near the truth.
        let g = Generator::new(&GeneratorSettings::with_minimums(20, [1, 1, 1, 1])).unwrap();
        let letters: Vec<Vec<char>> = ('a'..='m').map(|c| vec![c]).collect();
        let groups: Vec<&[char]> = letters.iter().map(Vec::as_slice).collect();
        let one = acceptance(&g, None, &groups[..1]);
        assert!(one.exact && one.share > 0.18 && one.share < 0.21, "{one:?}");
        let many = acceptance(&g, None, &groups);
        assert!(!many.exact && many.share < 0.01, "{many:?}");
    }
}
