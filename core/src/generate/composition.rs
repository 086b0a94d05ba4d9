//! The class counts of a uniform password, drawn from their exact law.
//!
//! The sampler sees `d ≤ 4` disjoint *groups*: the classes with a minimum, then the
//! characters of the classes without one, pooled (minimum 0). Group `g` has `n_g`
//! characters and minimum `m_g`. Exactly `L! / ∏k_g! · ∏n_g^{k_g}` strings of length `L`
//! have `k_g` characters of each group `g` (choose the positions, then the characters),
//! so a uniform valid password has the count vector `k` (every `k_g ≥ m_g`, `Σk_g = L`)
//! with probability proportional to that weight.
//!
//! **The weights, scaled.** With the slack `R = L − Σm_g` and `k_g = m_g + e_g`, every
//! weight is the same constant `L!·∏n_g^{m_g} / ∏(m_g + R)!` times
//! `w(e) = ∏_g n_g^{e_g} · (m_g + R)! / (m_g + e_g)!`, an integer (the second factor is
//! the product of `m_g + e_g + 1 … m_g + R`). The table holds these integers in
//! lexicographic order of `e`, their cumulative sums `C_1 < C_2 < … < C_V = W`, and
//! `N = W · L!·∏n_g^{m_g} / ∏(m_g + R)!` (an exact division) is the number of valid
//! passwords.
//!
//! **The draw, exact.** Vector `j` owns the interval `[C_j/W, C_{j+1}/W)` of `[0, 1)`
//! (`C_0 = 0`). A uniform real `X` in `[0, 1)` is read from the random stream one 64-bit
//! word at a time, most significant first: after `k` words it is known to lie in
//! `[A/2^{64k}, (A+1)/2^{64k})` for the integer `A` the words spell. The drawn vector is
//! the one whose interval holds `X`, which is `j` with probability exactly
//! `(C_{j+1} − C_j)/W`: no rejection, no rounding. One word decides unless a boundary
//! falls inside the first word's range: `T_j = ⌊C_j·2^64/W⌋` (precomputed) is below the
//! word (the boundary is below `X`), above it (the boundary is above `X`), or equal to it,
//! and only then are more words read and compared exactly
//! (`A·W ≥ C_j·2^{64k}` means `X ≥ C_j/W`; `(A+1)·W ≤ C_j·2^{64k}` means `X < C_j/W`).
//!
//! **Bounded work.** The search starts at a guide entry for the word's top bits (at least
//! as many entries as vectors), so it scans one boundary on average. A further word is
//! needed with probability at most `V·2^-64` (the word equals one of `V − 1` tops), and
//! each further word leaves the draw undecided with probability at most `V·2^-64` again.

use num_bigint::BigUint;
use num_traits::{One, ToPrimitive, Zero};
use rand_core::RngCore;

/// Most count vectors a table holds: `C(R + 3, 3)` for four groups, so a slack of up to
/// 27 positions beyond the minimums (16 chars, one of each class: 455 vectors).
pub(crate) const TABLE_LIMIT: u64 = 4096;

/// The number of count vectors: the compositions of the slack `R` into `d` parts,
/// `C(R + d − 1, d − 1)`.
pub(crate) fn vector_count(groups: usize, slack: u32) -> u64 {
    let mut count = 1u64;
    // C(R + i, i) = C(R + i − 1, i − 1) · (R + i) / i, exact at each step; at most
    // C(1027, 3) < 2^28.
    for i in 1..groups as u64 {
        count = count * (u64::from(slack) + i) / i;
    }
    count
}

/// Count vectors and their exact cumulative weights.
#[derive(Clone, Debug)]
pub(crate) struct CountTable {
    /// `k` per group, in table order (unused groups 0).
    counts: Vec<[u32; 4]>,
    /// `tops[t] = ⌊C_{t+1}·2^64 / W⌋`, for the `V − 1` inner boundaries.
    tops: Vec<u64>,
    /// `guide[h]` = how many tops are below `h·2^guide_shift`.
    guide: Vec<u32>,
    guide_shift: u32,
    /// `cumulative[t] = C_{t+1}`, for the exact comparisons.
    cumulative: Vec<BigUint>,
    /// `W`.
    total: BigUint,
}

impl CountTable {
    /// The table for groups of `sizes` characters with these `minimums`, at `length`
    /// (at least the sum of the minimums), and the exact number of valid passwords.
    pub(crate) fn build(sizes: &[u32], minimums: &[u32], length: u32) -> (Self, BigUint) {
        let d = sizes.len();
        debug_assert!((1..=4).contains(&d) && minimums.len() == d);
        let slack = length - minimums.iter().sum::<u32>();
        // f[g][e] = n_g^e · (m_g + e + 1)⋯(m_g + R).
        let factors: Vec<Vec<BigUint>> = sizes
            .iter()
            .zip(minimums)
            .map(|(&n, &m)| {
                let mut tail = vec![BigUint::one(); slack as usize + 1];
                for e in (0..slack as usize).rev() {
                    tail[e] = &tail[e + 1] * (m + e as u32 + 1);
                }
                let mut power = BigUint::one();
                tail.into_iter()
                    .map(|t| {
                        let f = &power * t;
                        power *= n;
                        f
                    })
                    .collect()
            })
            .collect();
        let mut counts = Vec::new();
        let mut weights = Vec::new();
        let mut e = [0u32; 4];
        visit(&factors, 0, slack, &BigUint::one(), &mut e, &mut |e, w| {
            let mut k = [0u32; 4];
            for g in 0..d {
                k[g] = minimums[g] + e[g];
            }
            counts.push(k);
            weights.push(w);
        });
        let mut cumulative = Vec::with_capacity(weights.len());
        let mut sum = BigUint::zero();
        for w in weights {
            sum += w;
            cumulative.push(sum.clone());
        }
        let total = sum;
        let inner = &cumulative[..cumulative.len() - 1];
        let tops: Vec<u64> = inner
            .iter()
            // C_j < W, so the quotient is below 2^64.
            .map(|c| ((c << 64u32) / &total).to_u64().unwrap_or(u64::MAX))
            .collect();
        let guide_bits = (counts.len() as u64)
            .next_power_of_two()
            .trailing_zeros()
            .max(1);
        let guide_shift = 64 - guide_bits;
        let mut guide = Vec::with_capacity(1 << guide_bits);
        let mut below = 0usize;
        for h in 0u64..1 << guide_bits {
            while below < tops.len() && tops[below] < h << guide_shift {
                below += 1;
            }
            guide.push(below as u32);
        }
        // N = W · L! · ∏n_g^{m_g} / ∏(m_g + R)!.
        let mut numerator = &total * factorial(length);
        let mut denominator = BigUint::one();
        for (&n, &m) in sizes.iter().zip(minimums) {
            numerator *= BigUint::from(n).pow(m);
            denominator *= factorial(m + slack);
        }
        let count = numerator / denominator;
        let table = Self {
            counts,
            tops,
            guide,
            guide_shift,
            cumulative,
            total,
        };
        (table, count)
    }

    /// The number of count vectors.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.counts.len()
    }

    /// The counts of vector `j`, and its scaled weight `C_{j+1} − C_j`.
    #[cfg(test)]
    pub(crate) fn entry(&self, j: usize) -> ([u32; 4], BigUint) {
        let below = if j == 0 {
            BigUint::zero()
        } else {
            self.cumulative[j - 1].clone()
        };
        (self.counts[j], &self.cumulative[j] - below)
    }

    /// The counts of a password drawn uniformly from the valid ones.
    #[inline]
    pub(crate) fn draw<R: RngCore + ?Sized>(&self, rng: &mut R) -> &[u32; 4] {
        let word = rng.next_u64();
        let mut below = self.guide[(word >> self.guide_shift) as usize] as usize;
        while below < self.tops.len() && self.tops[below] < word {
            below += 1;
        }
        if below < self.tops.len() && self.tops[below] == word {
            below = self.resolve(rng, word, below);
        }
        &self.counts[below]
    }

    /// The rare case: boundary `next` (and maybe the ones after it) lies within the first
    /// word's range. Reads further words until `X` is placed exactly; returns the number
    /// of boundaries below `X`, the index of its vector.
    #[cold]
    fn resolve<R: RngCore + ?Sized>(&self, rng: &mut R, first: u64, mut next: usize) -> usize {
        let mut a = BigUint::from(first);
        let mut bits = 64u32;
        loop {
            // X ∈ [A/2^bits, (A+1)/2^bits); the boundary is C/W.
            let boundary = &self.cumulative[next] << bits;
            let low = &a * &self.total;
            if low >= boundary {
                // X is above this boundary; the next one is either in the same first-word
                // range (still to compare) or beyond it (so above X).
                next += 1;
                if next == self.tops.len() || self.tops[next] != first {
                    return next;
                }
                continue;
            }
            if low + &self.total <= boundary {
                return next;
            }
            a = (a << 64u32) + rng.next_u64();
            bits += 64;
        }
    }
}

/// Visits every composition `e` of `remaining` into the groups `g..`, lexicographically,
/// with `weight = ∏ factors[g][e_g]`.
fn visit(
    factors: &[Vec<BigUint>],
    g: usize,
    remaining: u32,
    weight: &BigUint,
    e: &mut [u32; 4],
    out: &mut impl FnMut([u32; 4], BigUint),
) {
    if g + 1 == factors.len() {
        e[g] = remaining;
        out(*e, weight * &factors[g][remaining as usize]);
        return;
    }
    for x in 0..=remaining {
        e[g] = x;
        let w = weight * &factors[g][x as usize];
        visit(factors, g + 1, remaining - x, &w, e, out);
    }
}

/// `n!`.
pub(crate) fn factorial(n: u32) -> BigUint {
    (2..=n).fold(BigUint::one(), |acc, i| acc * i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::rng::DeterministicRng;

    /// Plays the given words, then a seeded stream; logs every word it gives.
    struct Scripted {
        words: Vec<u64>,
        rest: DeterministicRng,
        log: Vec<u64>,
    }

    impl RngCore for Scripted {
        fn next_u32(&mut self) -> u32 {
            self.next_u64() as u32
        }
        fn next_u64(&mut self) -> u64 {
            let w = if self.words.is_empty() {
                self.rest.next_u64()
            } else {
                self.words.remove(0)
            };
            self.log.push(w);
            w
        }
        fn fill_bytes(&mut self, dst: &mut [u8]) {
            self.rest.fill_bytes(dst)
        }
    }

    fn scripted(words: &[u64]) -> Scripted {
        Scripted {
            words: words.to_vec(),
            rest: DeterministicRng::from_seed_for_tests(0),
            log: Vec::new(),
        }
    }

    /// The vector whose interval holds `X`, from `X`'s exact value `A / 2^(64·words)`
    /// (the words read so far, as a number); `None` while undecided.
    fn oracle(t: &CountTable, words: &[u64]) -> Option<usize> {
        let mut a = BigUint::zero();
        for &w in words {
            a = (a << 64u32) + w;
        }
        let bits = 64 * words.len() as u32;
        let low = &a * &t.total;
        let high = &low + &t.total;
        let mut below = 0;
        for c in &t.cumulative[..t.cumulative.len() - 1] {
            let boundary = c << bits;
            if low >= boundary {
                below += 1;
            } else if high <= boundary {
                break;
            } else {
                return None;
            }
        }
        Some(below)
    }

    #[test]
    fn weights_are_the_counts_of_valid_passwords_per_vector() {
        // Groups of 3, 2 and 4 characters with minimums 1, 2, 0, at length 6.
        let (sizes, minimums, length) = ([3u32, 2, 4], [1u32, 2, 0], 6u32);
        let (t, count) = CountTable::build(&sizes, &minimums, length);
        assert_eq!(t.len() as u64, vector_count(3, 3));
        let constant = |k: &[u32; 4]| -> BigUint {
            // L!/∏k! ∏n^k, the exact number of strings with these counts.
            let mut w = factorial(length);
            for g in 0..3 {
                w = w / factorial(k[g]) * BigUint::from(sizes[g]).pow(k[g]);
            }
            w
        };
        let mut sum = BigUint::zero();
        let mut ratio: Option<(BigUint, BigUint)> = None;
        for j in 0..t.len() {
            let (k, scaled) = t.entry(j);
            let exact = constant(&k);
            // Every exact weight is the same multiple of the scaled one.
            match &ratio {
                None => ratio = Some((exact.clone(), scaled)),
                Some((e0, s0)) => assert_eq!(&exact * s0, e0 * &scaled, "{k:?}"),
            }
            sum += exact;
        }
        assert_eq!(sum, count);
        // Brute force: strings over 9 characters with >= 1 of the first 3, >= 2 of the next 2.
        let valid = (0..9u32.pow(6))
            .filter(|&x| {
                let (mut a, mut b) = (0, 0);
                let mut y = x;
                for _ in 0..6 {
                    let c = y % 9;
                    y /= 9;
                    a += u32::from(c < 3);
                    b += u32::from((3..5).contains(&c));
                }
                a >= 1 && b >= 2
            })
            .count();
        assert_eq!(count, BigUint::from(valid));
    }

    #[test]
    fn vector_counts_are_binomials() {
        assert_eq!(vector_count(1, 100), 1);
        assert_eq!(vector_count(4, 0), 1);
        assert_eq!(vector_count(4, 12), 455);
        assert_eq!(vector_count(2, 7), 8);
        assert_eq!(vector_count(4, 1020), 1023 * 1022 * 1021 / 6);
    }

    #[test]
    fn one_word_decides_except_at_a_boundary_where_more_words_decide_exactly() {
        let (t, _) = CountTable::build(&[26, 26, 10, 32], &[1, 1, 1, 1], 16);
        assert_eq!(t.len(), 455);
        let mut rng = DeterministicRng::from_seed_for_tests(4);
        let mut probes: Vec<Vec<u64>> = (0..2000).map(|_| vec![rng.next_u64()]).collect();
        // Around every boundary: the words just below, at and above its top, and for the
        // word at the top, second words on both sides of the boundary's exact position.
        for (i, &top) in t.tops.iter().enumerate() {
            probes.push(vec![top.wrapping_sub(1)]);
            probes.push(vec![top.wrapping_add(1)]);
            let exact = (&t.cumulative[i] << 128u32) / &t.total; // 2 words of C/W
            let second = (exact & BigUint::from(u64::MAX)).to_u64().unwrap_or(0);
            for s in [
                0,
                second.wrapping_sub(1),
                second,
                second.wrapping_add(1),
                u64::MAX,
            ] {
                probes.push(vec![top, s]);
                probes.push(vec![top, s, 0]);
                probes.push(vec![top, s, u64::MAX]);
            }
        }
        let mut resolved = 0;
        for words in probes {
            let mut r = scripted(&words);
            let got = *t.draw(&mut r);
            let read = r.log;
            let used = read.len();
            // The draw stops at the first prefix that decides, and agrees with the oracle.
            let want = (1..=used)
                .find_map(|k| oracle(&t, &read[..k]).map(|j| (j, k)))
                .expect("the words read decide");
            assert_eq!((got, used), (t.counts[want.0], want.1), "{read:?}");
            resolved += usize::from(used > 1);
        }
        assert!(resolved > 400, "the slow path ran {resolved} times");
    }

    #[test]
    fn drawn_vectors_follow_their_weights() {
        // Length 7, groups 2/2/3 with minimums 1/1/1: 15 vectors.
        let (t, _) = CountTable::build(&[2, 2, 3], &[1, 1, 1], 7);
        let total = t.total.to_f64().unwrap_or(1.0);
        let mut rng = DeterministicRng::from_seed_for_tests(6);
        let n = 200_000;
        let mut seen = vec![0u32; t.len()];
        for _ in 0..n {
            let k = *t.draw(&mut rng);
            let j = t.counts.iter().position(|c| *c == k).unwrap_or(0);
            seen[j] += 1;
        }
        for (j, &s) in seen.iter().enumerate() {
            let p = t.entry(j).1.to_f64().unwrap_or(0.0) / total;
            let expected = p * f64::from(n);
            let sd = (expected * (1.0 - p)).sqrt();
            assert!(
                (f64::from(s) - expected).abs() < 5.0 * sd + 1.0,
                "{j}: {s} vs {expected}"
            );
        }
    }
}
