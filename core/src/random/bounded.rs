//! Unbiased bounded integers, several from one random word: "batched ranged random
//! integer generation" (Brackett-Rozinsky and Lemire, 2024), built on Lemire's nearly
//! divisionless method (2019).
//!
//! **The method.** For bounds `b_1 … b_k` (each at least 1) with product `P ≤ 2^w`, take
//! one uniform `w`-bit word `r_0` and split `r_{i−1}·b_i = h_i·2^w + r_i`. By induction
//! `r_0·(b_1⋯b_i) = (h_1·b_2⋯b_i + h_2·b_3⋯b_i + … + h_i)·2^w + r_i` with `0 ≤ h_i < b_i`,
//! so the digits `(h_1, …, h_k)` are the mixed-radix expansion of `H = ⌊r_0·P / 2^w⌋`
//! (one tuple per `H` in `[0, P)`) and the final `r_k` is `r_0·P mod 2^w`.
//!
//! **Why it is exact.** Lemire's theorem for the single bound `P`: among the `w`-bit words
//! with the same `H`, exactly `⌊2^w / P⌋` have `r_0·P mod 2^w ≥ t`, where
//! `t = 2^w mod P`. Accepting a word iff `r_k ≥ t` (and drawing a fresh word otherwise)
//! therefore gives every tuple the same probability: the `k` draws are independent and
//! exactly uniform, with no modulo bias. Since `t < P`, a word with `r_k ≥ P` is accepted
//! without computing `t` (the only division), which happens with probability `P / 2^w`.
//!
//! **Bounded work.** A batch is redrawn with probability `t / 2^w < P / 2^w ≤ 2^-3` (the
//! products stay at most [`PRODUCT_LIMIT`] = 2^61), so a batch takes `1/(1 − ρ) < 8/7`
//! words on average and needs more than `j` words with probability below `8^-j`.
//!
//! **The same bytes everywhere.** Batches are cut by the same rule from the same bounds,
//! with `u64` arithmetic only, and words come from `next_u64`: the draws depend on the
//! random stream alone, never on the platform's word size.

use rand_core::RngCore;
use zeroize::Zeroize;

/// A batch grows while the product of its bounds stays at or below this, so a word is
/// redrawn with probability below 1/8 and the division is needed as rarely.
pub(crate) const PRODUCT_LIMIT: u64 = 1 << 61;

/// At most this many draws per batch (bounds of 1 and 2 would make longer ones).
const MAX_DRAWS: usize = 32;

/// The arithmetic of one word size: 64 bits for generation, 16 bits in the exhaustive
/// tests (the same code, small enough to enumerate every word).
pub(crate) trait WordSize {
    /// Largest product of bounds one word serves.
    const LIMIT: u64;
    /// `(⌊r·b / 2^w⌋, r·b mod 2^w)` for a `w`-bit `r`.
    fn split(r: u64, b: u32) -> (u32, u64);
    /// `2^w mod p`, for `1 ≤ p ≤ LIMIT`.
    fn threshold(p: u64) -> u64;
}

/// 64-bit words from `RngCore::next_u64`.
pub(crate) struct Word64;

impl WordSize for Word64 {
    const LIMIT: u64 = PRODUCT_LIMIT;

    #[inline(always)]
    fn split(r: u64, b: u32) -> (u32, u64) {
        split64(r, b)
    }

    #[inline]
    fn threshold(p: u64) -> u64 {
        // 2^64 mod p = (2^64 − p) mod p.
        p.wrapping_neg() % p
    }
}

/// `(⌊r·b / 2^64⌋, r·b mod 2^64)`: one 64×64→128-bit multiply on 64-bit targets.
#[cfg(target_pointer_width = "64")]
#[inline(always)]
fn split64(r: u64, b: u32) -> (u32, u64) {
    let m = u128::from(r) * u128::from(b);
    ((m >> 64) as u32, m as u64)
}

/// The same value from two 32×32→64-bit products (wasm32 and other 32-bit targets have
/// no 64×64→128 instruction): `r·b = hi·2^32 + (lo mod 2^32)`.
#[cfg(not(target_pointer_width = "64"))]
#[inline(always)]
fn split64(r: u64, b: u32) -> (u32, u64) {
    split64_halves(r, b)
}

#[inline(always)]
#[cfg_attr(target_pointer_width = "64", allow(dead_code))]
fn split64_halves(r: u64, b: u32) -> (u32, u64) {
    let b = u64::from(b);
    let lo = (r & 0xFFFF_FFFF) * b;
    let hi = (r >> 32) * b + (lo >> 32); // < 2^64: (2^32−1)² + 2^32 − 1 < 2^64
    ((hi >> 32) as u32, (hi << 32) | (lo & 0xFFFF_FFFF))
}

/// Where the batches of a bound sequence end: as long as the product of their bounds
/// stays at or below `limit`, at most [`MAX_DRAWS`] draws, at least one. Returns
/// `(end, product)` per batch. [`draw_batched`] cuts by the same rule as it goes.
fn cut(bounds: impl Iterator<Item = u32>, limit: u64) -> Vec<(usize, u64)> {
    let mut batches = Vec::new();
    let mut len = 0usize;
    let mut product = 1u64;
    let mut end = 0usize;
    for b in bounds {
        let grown = u128::from(product) * u128::from(b.max(1));
        if len > 0 && (grown > u128::from(limit) || len == MAX_DRAWS) {
            batches.push((end, product));
            len = 0;
            product = 1;
        }
        product = (u128::from(product) * u128::from(b.max(1))) as u64;
        len += 1;
        end += 1;
    }
    if len > 0 {
        batches.push((end, product));
    }
    batches
}

/// A fixed sequence of bounds, cut into batches once (with each batch's threshold
/// `2^64 mod P`), for the draws whose bounds do not change between passwords: the same
/// draws as [`draw_batched`] on the same bounds and words, with no work per draw beyond
/// the multiplication.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    bounds: Vec<u32>,
    /// Per batch: its end index and its threshold.
    batches: Vec<(u32, u64)>,
}

impl Plan {
    pub(crate) fn new(bounds: Vec<u32>) -> Self {
        let batches = cut(bounds.iter().copied(), PRODUCT_LIMIT)
            .into_iter()
            .map(|(end, product)| (end as u32, Word64::threshold(product)))
            .collect();
        Self { bounds, batches }
    }

    /// The number of draws.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.bounds.len()
    }

    /// Draws every bound's integer. The first `split` go to `emit(false, i, value)` as
    /// each word is read (a batch that is then rejected is drawn again over the same
    /// indexes, so that must be a plain store); the others go to `emit(true, i, value)`
    /// in order once their batch is accepted.
    #[inline]
    pub(crate) fn run<R: RngCore + ?Sized>(
        &self,
        rng: &mut R,
        split: usize,
        mut emit: impl FnMut(bool, usize, u32),
    ) {
        let mut digits = [0u32; MAX_DRAWS];
        let mut used = 0usize;
        let mut start = 0usize;
        for &(end, threshold) in &self.batches {
            let end = end as usize;
            let middle = split.clamp(start, end);
            let (now, later) = self.bounds[start..end].split_at(middle - start);
            let digits = &mut digits[..later.len()];
            loop {
                let mut r = rng.next_u64();
                for (i, &b) in (start..).zip(now) {
                    let (h, rest) = split64(r, b);
                    emit(false, i, h);
                    r = rest;
                }
                for (digit, &b) in digits.iter_mut().zip(later) {
                    let (h, rest) = split64(r, b);
                    *digit = h;
                    r = rest;
                }
                if r >= threshold {
                    break;
                }
            }
            for (i, &digit) in (middle..).zip(digits.iter()) {
                emit(true, i, digit);
            }
            used = used.max(digits.len());
            start = end;
        }
        digits[..used].zeroize();
    }
}

/// [`draw_batched`] on 64-bit words over a slice of bounds (each at least 1), with the
/// values handed to `emit(i, value)` as each word is read: a batch that is then rejected
/// is drawn again over the same indexes, so `emit` must be a plain store. The same draws
/// as [`draw_below`] on these bounds, in fewer instructions.
#[inline]
pub(crate) fn draw_slice<R: RngCore + ?Sized>(
    rng: &mut R,
    bounds: &[u32],
    mut emit: impl FnMut(usize, u32),
) {
    let mut start = 0;
    while start < bounds.len() {
        let mut end = start + 1;
        let mut product = u64::from(bounds[start].max(1));
        while end < bounds.len() && end - start < MAX_DRAWS {
            match product.checked_mul(u64::from(bounds[end].max(1))) {
                Some(p) if p <= PRODUCT_LIMIT => product = p,
                _ => break,
            }
            end += 1;
        }
        let batch = &bounds[start..end];
        loop {
            let mut r = rng.next_u64();
            for (i, &b) in (start..).zip(batch) {
                let (h, rest) = split64(r, b);
                emit(i, h);
                r = rest;
            }
            if r >= product || r >= Word64::threshold(product) {
                break;
            }
        }
        start = end;
    }
}

/// `len` draws below one bound, cut into full batches of the same size and a last one:
/// the same draws as [`draw_batched`] on `len` copies of the bound.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UniformPlan {
    bound: u32,
    len: u32,
    per_batch: u32,
    threshold: u64,
    last_threshold: u64,
}

impl UniformPlan {
    pub(crate) fn new(bound: u32, len: u32) -> Self {
        let batches = cut(std::iter::repeat_n(bound, len as usize), PRODUCT_LIMIT);
        let (per_batch, product) = batches.first().copied().unwrap_or((1, 1));
        let (_, last_product) = batches.last().copied().unwrap_or((0, 1));
        Self {
            bound,
            len,
            per_batch: per_batch as u32,
            threshold: Word64::threshold(product),
            last_threshold: Word64::threshold(last_product),
        }
    }

    /// Draws the integers into `emit(i, value)` as each word is read; a batch that is
    /// then rejected is drawn again over the same indexes, so `emit` must be a plain
    /// store (the last value for an index is the draw). Returns the sum of `count(value)`
    /// over the accepted draws.
    ///
    /// Two consecutive batches are computed together from the next two words (their
    /// multiplication chains are independent, so they overlap in the processor): the
    /// words are still used in stream order, as [`draw_batched`] uses them. When the
    /// first batch rejects its word, the second word becomes the first batch's next try
    /// and the second batch's values are discarded.
    #[inline]
    pub(crate) fn run<R: RngCore + ?Sized>(
        &self,
        rng: &mut R,
        mut emit: impl FnMut(usize, u32),
        count: impl Fn(u32) -> u64,
    ) -> u64 {
        let len = self.len as usize;
        let full = self.per_batch as usize;
        let bound = self.bound;
        // A batch's size and threshold: full batches, then the last one (full too when
        // the length divides).
        let batch = |start: usize| {
            if len - start >= full {
                (full, self.threshold)
            } else {
                (len - start, self.last_threshold)
            }
        };
        let mut total = 0u64;
        let mut start = 0usize;
        // A word read for the batch at `start` but not yet tried.
        let mut pending: Option<u64> = None;
        while start < len {
            let (size, threshold) = batch(start);
            let second = start + size;
            if second < len {
                let (size2, threshold2) = batch(second);
                let w1 = pending.take().unwrap_or_else(|| rng.next_u64());
                let w2 = rng.next_u64();
                let (mut r1, mut r2) = (w1, w2);
                let (mut c1, mut c2) = (0u64, 0u64);
                for j in 0..size2 {
                    let (v1, n1) = split64(r1, bound);
                    let (v2, n2) = split64(r2, bound);
                    emit(start + j, v1);
                    emit(second + j, v2);
                    c1 += count(v1);
                    c2 += count(v2);
                    r1 = n1;
                    r2 = n2;
                }
                for j in size2..size {
                    let (v1, n1) = split64(r1, bound);
                    emit(start + j, v1);
                    c1 += count(v1);
                    r1 = n1;
                }
                if r1 < threshold {
                    // The first batch tries again, on the second word.
                    pending = Some(w2);
                    continue;
                }
                total += c1;
                if r2 >= threshold2 {
                    total += c2;
                    start = second + size2;
                    continue;
                }
                start = second;
                continue;
            }
            loop {
                let mut r = pending.take().unwrap_or_else(|| rng.next_u64());
                let mut counted = 0u64;
                for i in start..start + size {
                    let (v, rest) = split64(r, bound);
                    emit(i, v);
                    counted += count(v);
                    r = rest;
                }
                if r >= threshold {
                    total += counted;
                    break;
                }
            }
            start += size;
        }
        total
    }
}

/// Draws `len` integers, the `i`-th uniform in `[0, bound(i))` (every bound at least 1),
/// and hands them to `emit(i, value)` in order, batch by batch. Batches are as long as
/// the product of their bounds allows (see the module documentation).
#[inline]
pub(crate) fn draw_batched<S: WordSize>(
    mut word: impl FnMut() -> u64,
    len: usize,
    bound: impl Fn(usize) -> u32,
    mut emit: impl FnMut(usize, u32),
) {
    let mut digits = [0u32; MAX_DRAWS];
    let mut used = 0;
    let mut start = 0;
    while start < len {
        let mut end = start;
        let mut product = 1u64;
        while end < len && end - start < MAX_DRAWS {
            let grown = u128::from(product) * u128::from(bound(end).max(1));
            if end > start && grown > u128::from(S::LIMIT) {
                break;
            }
            // A lone bound is below 2^32, so the product fits a u64.
            product = grown as u64;
            end += 1;
        }
        loop {
            let mut r = word();
            for (digit, i) in digits.iter_mut().zip(start..end) {
                let (h, rest) = S::split(r, bound(i));
                *digit = h;
                r = rest;
            }
            // Accept iff r ≥ 2^w mod P; r ≥ P implies it (the threshold is below P).
            if r >= product || r >= S::threshold(product) {
                break;
            }
        }
        for (i, &digit) in (start..end).zip(digits.iter()) {
            emit(i, digit);
        }
        used = used.max(end - start);
        start = end;
    }
    // The digits determine the password: leave none on the stack.
    digits[..used].zeroize();
}

/// [`draw_batched`] on 64-bit words from `rng`.
#[inline]
pub(crate) fn draw_below<R: RngCore + ?Sized>(
    rng: &mut R,
    len: usize,
    bound: impl Fn(usize) -> u32,
    emit: impl FnMut(usize, u32),
) {
    draw_batched::<Word64>(|| rng.next_u64(), len, bound, emit);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::rng::DeterministicRng;
    use std::collections::HashMap;

    /// 16-bit words, to enumerate all of them.
    struct Word16;

    impl WordSize for Word16 {
        const LIMIT: u64 = 1 << 13;
        fn split(r: u64, b: u32) -> (u32, u64) {
            let m = r * u64::from(b);
            ((m >> 16) as u32, m & 0xFFFF)
        }
        fn threshold(p: u64) -> u64 {
            (1 << 16) % p
        }
    }

    #[test]
    fn the_split_is_the_128_bit_product() {
        let mut rng = DeterministicRng::from_seed_for_tests(3);
        for b in [1u32, 2, 3, 10, 26, 94, 1024, 1_114_111, u32::MAX] {
            for r in [0u64, 1, u64::MAX, 1 << 63, 0xFFFF_FFFF, rng.next_u64()] {
                let m = u128::from(r) * u128::from(b);
                assert_eq!(Word64::split(r, b), ((m >> 64) as u32, m as u64), "{r} {b}");
            }
        }
        for p in [1u64, 2, 3, 94, 1 << 40, PRODUCT_LIMIT, PRODUCT_LIMIT - 1] {
            assert_eq!(
                u128::from(Word64::threshold(p)),
                (1u128 << 64) % u128::from(p)
            );
        }
    }

    /// Tries every 16-bit word as the first word of one batch: the accepted words must
    /// give each tuple of draws exactly ⌊2^16 / P⌋ times (and no other word is taken).
    fn exhaustive_batch(bounds: &[u32]) {
        let product: u64 = bounds.iter().map(|&b| u64::from(b)).product();
        assert!(product <= Word16::LIMIT, "one batch");
        let mut counts: HashMap<Vec<u32>, u64> = HashMap::new();
        for first in 0..1u64 << 16 {
            let mut calls = 0u64;
            let mut tuple = Vec::new();
            draw_batched::<Word16>(
                || {
                    calls += 1;
                    // A rejected first word: any later words, until one is accepted.
                    if calls == 1 {
                        first
                    } else {
                        calls - 2
                    }
                },
                bounds.len(),
                |i| bounds[i],
                |_, v| tuple.push(v),
            );
            if calls == 1 {
                *counts.entry(tuple).or_default() += 1;
            }
        }
        let per_tuple = (1u64 << 16) / product;
        assert_eq!(
            counts.len() as u64,
            product,
            "{bounds:?}: every tuple occurs"
        );
        for (tuple, n) in &counts {
            assert!(tuple.iter().zip(bounds).all(|(d, b)| d < b), "{tuple:?}");
            assert_eq!(*n, per_tuple, "{bounds:?}: tuple {tuple:?}");
        }
    }

    #[test]
    fn every_tuple_is_equally_likely_exhaustively() {
        exhaustive_batch(&[3]);
        exhaustive_batch(&[7, 1, 5]);
        exhaustive_batch(&[2, 3, 4, 5, 6]);
        exhaustive_batch(&[26, 10, 31]);
        exhaustive_batch(&[94, 87]);
        exhaustive_batch(&[8191]);
        exhaustive_batch(&[1, 1, 1]);
    }

    #[test]
    fn batches_are_cut_at_the_limit() {
        // 16-bit words, limit 2^13: bounds 94, 94 (8836 > 8192) go one per word.
        let mut words = 0;
        let mut got = Vec::new();
        draw_batched::<Word16>(
            || {
                words += 1;
                0xFFFF
            },
            4,
            |_| 94,
            |i, v| got.push((i, v)),
        );
        assert_eq!(words, 4);
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [0, 1, 2, 3]);
        // 64-bit: 94^9 ≈ 2^59.0 fits, 94^10 does not: 20 draws take 3 words.
        let mut n = 0;
        draw_batched::<Word64>(
            || {
                n += 1;
                u64::MAX
            },
            20,
            |_| 94,
            |_, _| {},
        );
        assert_eq!(n, 3);
    }

    #[test]
    fn both_multiplications_agree() {
        let mut rng = DeterministicRng::from_seed_for_tests(30);
        for _ in 0..10_000 {
            let (r, b) = (rng.next_u64(), rng.next_u32());
            assert_eq!(split64(r, b), split64_halves(r, b));
        }
        assert_eq!(
            split64(u64::MAX, u32::MAX),
            split64_halves(u64::MAX, u32::MAX)
        );
    }

    #[test]
    fn plans_draw_what_the_running_cut_draws() {
        let sequences: Vec<Vec<u32>> = vec![
            vec![94; 20],
            vec![26, 26, 26, 10, 10, 32, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2],
            (2..=1024).rev().collect(),
            vec![1; 130],
            vec![1_114_111; 7],
            vec![3],
            vec![],
        ];
        for bounds in sequences {
            let plan = Plan::new(bounds.clone());
            assert_eq!(plan.len(), bounds.len());
            let mut a = DeterministicRng::from_seed_for_tests(5);
            let mut b = a.clone();
            for _ in 0..50 {
                let (mut x, mut y) = (Vec::new(), Vec::new());
                let split = bounds.len() / 3;
                let mut direct = vec![None; bounds.len()];
                let mut later = Vec::new();
                plan.run(&mut a, split, |buffered, i, v| {
                    if buffered {
                        later.push((i, v));
                    } else {
                        direct[i] = Some(v);
                    }
                });
                assert!(later.iter().all(|&(i, _)| i >= split));
                x.extend(
                    direct[..split]
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (i, v.unwrap_or(u32::MAX))),
                );
                x.extend(later);
                draw_below(&mut b, bounds.len(), |i| bounds[i], |i, v| y.push((i, v)));
                assert_eq!(x, y);
                assert_eq!(a.next_u64(), b.next_u64(), "the same words were read");
            }
        }
        for bounds in [
            vec![26u32; 6],
            vec![26, 26, 10, 32, 32, 26, 26, 26, 10],
            vec![1; 70],
            (2..40).collect(),
        ] {
            let mut a = DeterministicRng::from_seed_for_tests(7);
            let mut b = a.clone();
            for _ in 0..50 {
                let mut x = vec![u32::MAX; bounds.len()];
                draw_slice(&mut a, &bounds, |i, v| x[i] = v);
                let mut y = Vec::new();
                draw_below(&mut b, bounds.len(), |i| bounds[i], |_, v| y.push(v));
                assert_eq!(x, y);
                assert_eq!(a.next_u64(), b.next_u64());
            }
        }
        for (bound, len) in [
            (94u32, 16u32),
            (94, 1024),
            (94, 18),
            (10, 7),
            (1, 100),
            (70_000, 33),
            (5, 0),
        ] {
            let plan = UniformPlan::new(bound, len);
            let mut a = DeterministicRng::from_seed_for_tests(6);
            let mut b = a.clone();
            for _ in 0..50 {
                let mut x = vec![u32::MAX; len as usize];
                let sum = plan.run(&mut a, |i, v| x[i] = v, u64::from);
                let mut y = Vec::new();
                draw_below(&mut b, len as usize, |_| bound, |_, v| y.push(v));
                assert_eq!(x, y);
                assert_eq!(sum, y.iter().map(|&v| u64::from(v)).sum::<u64>());
                assert_eq!(a.next_u64(), b.next_u64());
            }
        }
    }

    #[test]
    fn the_paired_uniform_batches_use_the_words_in_stream_order() {
        // Word 0 is always rejected (its final low word is 0 < 2^64 mod P): scripts of
        // zeros and random words force rejections of the first, the second and both
        // batches of a pair, and the draws must equal the running cut's on the same words.
        struct Script(Vec<u64>, usize);
        impl RngCore for Script {
            fn next_u32(&mut self) -> u32 {
                self.next_u64() as u32
            }
            fn next_u64(&mut self) -> u64 {
                self.1 += 1;
                self.0[self.1 - 1]
            }
            fn fill_bytes(&mut self, _: &mut [u8]) {}
        }
        let mut rng = DeterministicRng::from_seed_for_tests(9);
        for (bound, len) in [(94u32, 16u32), (94, 27), (94, 9), (10, 40), (94, 64)] {
            assert_ne!(Word64::threshold(94u64.pow(9)), 0);
            let plan = UniformPlan::new(bound, len);
            for pattern in 0u32..64 {
                let words: Vec<u64> = (0..64)
                    .map(|i| {
                        if pattern >> (i % 6) & 1 == 1 && i < 12 {
                            0
                        } else {
                            rng.next_u64()
                        }
                    })
                    .collect();
                let mut x = vec![u32::MAX; len as usize];
                let mut a = Script(words.clone(), 0);
                plan.run(&mut a, |i, v| x[i] = v, |_| 0);
                let mut y = Vec::new();
                let mut b = Script(words, 0);
                draw_below(&mut b, len as usize, |_| bound, |_, v| y.push(v));
                assert_eq!(x, y, "{bound} {len} {pattern}");
                assert_eq!(a.1, b.1, "the same words were read");
            }
        }
    }

    #[test]
    fn draws_are_uniform_on_64_bit_words() {
        let mut rng = DeterministicRng::from_seed_for_tests(8);
        let mut hist = [[0u32; 6]; 3];
        let bounds = [6u32, 5, 3];
        for _ in 0..60_000 {
            draw_below(&mut rng, 3, |i| bounds[i], |i, v| hist[i][v as usize] += 1);
        }
        for (h, &b) in hist.iter().zip(&bounds) {
            let expected = 60_000.0 / f64::from(b);
            for &count in &h[..b as usize] {
                assert!((f64::from(count) - expected).abs() < 5.0 * expected.sqrt());
            }
        }
    }
}
