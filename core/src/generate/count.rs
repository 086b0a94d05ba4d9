//! Exact counting of valid passwords, and the bijection from `[0, N)` onto them.
//!
//! A valid password of length `L` has at least `m_i` characters of each constrained class
//! `i` (classes are disjoint; classes with minimum 0 form the always-available "free"
//! characters). For a set `S` of still-constrained classes, let `G_S(r)` be the number of
//! valid strings of length `r` over the characters of `S` plus the free ones (`n_S` of
//! them). Looking at the last character:
//!
//! * either the string without it is still valid (`n_S · G_S(r−1)` strings), or
//! * the last character is the `m_i`-th and final required one of class `i`: the other
//!   `m_i − 1` class-`i` characters sit at any of `C(r−1, m_i−1)` position sets, and the
//!   remaining `r − m_i` positions form a valid string without class `i`.
//!
//! So `G_S(r) = n_S·G_S(r−1) + Σ_{i∈S} C(r−1, m_i−1)·n_i^{m_i}·G_{S∖i}(r−m_i)`, with
//! `G_∅(r) = n_free^r`. The same decomposition read backwards maps every integer
//! `u < G_S(r)` to a distinct valid string ([`Tables::unrank`]), so one uniform draw below
//! `N = G_all(L)` gives an exactly uniform password, with `O(L)` arithmetic steps and no
//! retries, and `log2 N` is the exact entropy.

use num_bigint::BigUint;
use num_traits::{One, Zero};

use crate::generate::number::{Count, SMALL_BITS};

/// One constrained class: its characters (sorted) and its minimum (at least 1).
#[derive(Clone, Debug)]
pub(crate) struct Constrained {
    pub chars: Vec<char>,
    pub minimum: u32,
}

/// Counting tables in the integer type `N`.
#[derive(Clone, Debug)]
pub(crate) struct Tables<N> {
    constrained: Vec<Constrained>,
    /// For each subset mask: its characters in canonical order (constrained classes of
    /// the mask plus the free characters).
    alphabets: Vec<Vec<char>>,
    /// `g[mask][r] = G_mask(r)`.
    g: Vec<Vec<N>>,
    /// `binom[i][r] = C(r−1, m_i−1)` for `r >= m_i`.
    binom: Vec<Vec<N>>,
    /// `close[i][r] = C(r−1, m_i−1) · n_i^{m_i}` for `r >= m_i`.
    close: Vec<Vec<N>>,
    length: usize,
    /// Number of valid passwords, and the bit length of `total − 1`.
    total: N,
    draw_bits: u64,
}

/// The tables in the narrowest integer type that holds them.
#[derive(Clone, Debug)]
pub(crate) enum AnyTables {
    Small(Tables<u128>),
    Big(Tables<BigUint>),
}

impl AnyTables {
    /// Builds the tables. `constrained` holds the classes with a minimum; `groups` lists
    /// every class in canonical order, for building each subset's alphabet
    /// ([`Group::Constrained`] by index into `constrained`, [`Group::Free`] with the
    /// characters of a class without a minimum); `length` is the effective length.
    /// Returns the tables and the exact count of valid passwords.
    pub fn build(
        constrained: Vec<Constrained>,
        groups: &[Group],
        length: usize,
    ) -> (Self, BigUint) {
        let big = Tables::<BigUint>::build_big(constrained, groups, length);
        let total = big.total.clone();
        if total.bits() <= SMALL_BITS {
            (Self::Small(big.convert()), total)
        } else {
            (Self::Big(big), total)
        }
    }
}

/// A class's characters, in canonical class order, as seen by subset alphabets.
#[derive(Clone, Debug)]
pub(crate) enum Group {
    /// Constrained class with this index into the constrained list.
    Constrained(usize),
    /// An unconstrained class's characters.
    Free(Vec<char>),
}

impl Tables<BigUint> {
    fn build_big(constrained: Vec<Constrained>, groups: &[Group], length: usize) -> Self {
        let k = constrained.len();
        let masks = 1usize << k;
        let alphabets: Vec<Vec<char>> = (0..masks)
            .map(|mask| {
                groups
                    .iter()
                    .flat_map(|g| match g {
                        Group::Constrained(i) if mask & (1 << i) != 0 => {
                            constrained[*i].chars.as_slice()
                        }
                        Group::Constrained(_) => &[],
                        Group::Free(chars) => chars.as_slice(),
                    })
                    .copied()
                    .collect()
            })
            .collect();

        let mut binom = Vec::with_capacity(k);
        let mut close = Vec::with_capacity(k);
        for class in &constrained {
            let m = class.minimum as usize;
            let n_pow = BigUint::from(class.chars.len()).pow(class.minimum);
            let mut b = vec![BigUint::zero(); length + 1];
            let mut c = vec![BigUint::zero(); length + 1];
            if m <= length {
                // C(m−1, m−1) = 1; C(r, m−1) = C(r−1, m−1) · r / (r − m + 1).
                let mut value = BigUint::one();
                for r in m..=length {
                    if r > m {
                        value = value * (r - 1) / (r - m);
                    }
                    c[r] = &value * &n_pow;
                    b[r] = value.clone();
                }
            }
            binom.push(b);
            close.push(c);
        }

        let mut g: Vec<Vec<BigUint>> = Vec::with_capacity(masks);
        for mask in 0..masks {
            let n_s = alphabets[mask].len();
            let floor: usize = (0..k)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| constrained[i].minimum as usize)
                .sum();
            let mut row = vec![BigUint::zero(); length + 1];
            if mask == 0 {
                row[0] = BigUint::one();
            }
            for r in floor.max(1)..=length {
                let mut value = &row[r - 1] * n_s;
                for (i, class) in constrained.iter().enumerate() {
                    let m = class.minimum as usize;
                    if mask & (1 << i) != 0 && r >= m {
                        let rest = &g[mask & !(1 << i)][r - m];
                        if !rest.is_zero() {
                            value += &close[i][r] * rest;
                        }
                    }
                }
                row[r] = value;
            }
            g.push(row);
        }
        let total = g[masks - 1][length].clone();
        let draw_bits = if total.is_zero() {
            0
        } else {
            (&total - 1u32).bits()
        };
        Self {
            constrained,
            alphabets,
            g,
            binom,
            close,
            length,
            total,
            draw_bits,
        }
    }

    fn convert<N: Count>(&self) -> Tables<N> {
        let conv = |rows: &Vec<Vec<BigUint>>| -> Vec<Vec<N>> {
            rows.iter()
                .map(|row| row.iter().map(N::from_big).collect())
                .collect()
        };
        Tables {
            constrained: self.constrained.clone(),
            alphabets: self.alphabets.clone(),
            g: conv(&self.g),
            binom: conv(&self.binom),
            close: conv(&self.close),
            length: self.length,
            total: N::from_big(&self.total),
            draw_bits: self.draw_bits,
        }
    }
}

impl<N: Count> Tables<N> {
    /// Draws a uniform rank below the number of valid passwords.
    pub fn draw<R: rand_core::RngCore + ?Sized>(&self, rng: &mut R) -> N {
        crate::random::rng::uniform_below(rng, &self.total, self.draw_bits)
    }

    /// Writes the password of rank `u` (which must be below the total) into
    /// `scratch.chars`, one character per position. Distinct ranks give distinct valid
    /// passwords.
    pub fn unrank(&self, mut u: N, scratch: &mut Scratch) {
        let Scratch {
            chars: out,
            free,
            digits,
            chosen,
        } = scratch;
        out.clear();
        out.resize(self.length, '\0');
        // Positions not yet written, ascending; the string "so far" is these positions.
        free.clear();
        free.extend(0..self.length as u32);
        let mut mask = self.g.len() - 1;
        let mut r = self.length;
        while r > 0 {
            let alphabet = &self.alphabets[mask];
            let row = &self.g[mask];
            let n_s = alphabet.len() as u32;
            if n_s > 0 {
                let (q, rem) = u.div_rem_small(n_s);
                if q < row[r - 1] {
                    // The last character is any of the subset's characters.
                    // `free` holds the r > 0 positions not yet written.
                    let pos = free
                        .pop()
                        .expect("a free position for each of the r characters");
                    out[pos as usize] = alphabet[rem as usize];
                    u = q;
                    r -= 1;
                    continue;
                }
                u = u.sub(&row[r - 1].mul_small(n_s));
            }
            // The last character closes one class: find which, in class order.
            for (i, class) in self.constrained.iter().enumerate() {
                let m = class.minimum as usize;
                if mask & (1 << i) == 0 || r < m {
                    continue;
                }
                let rest_count = &self.g[mask & !(1 << i)][r - m];
                let block = self.close[i][r].mul(rest_count);
                if u >= block {
                    u = u.sub(&block);
                    continue;
                }
                // Mixed radix: the rest of the string is the high digit, so the one wide
                // division is by the precomputed closing weight and `t` is small.
                let (rest, mut t) = u.div_rem(&self.close[i][r]);
                let n_i = class.chars.len() as u32;
                digits.clear();
                for _ in 0..m {
                    let (q, d) = t.div_rem_small(n_i);
                    digits.push(class.chars[d as usize]);
                    t = q;
                }
                // `t` now ranks a choice of m−1 of the r−1 positions before the last.
                // `free` holds the r > 0 positions not yet written.
                let last = free
                    .pop()
                    .expect("a free position for each of the r characters");
                out[last as usize] = digits[0];
                unrank_combination(t, &self.binom[i][r], r - 1, m - 1, chosen);
                for (&idx, &ch) in chosen.iter().zip(&digits[1..]) {
                    out[free[idx] as usize] = ch;
                }
                remove_sorted(free, chosen);
                u = rest;
                mask &= !(1 << i);
                r -= m;
                break;
            }
        }
    }
}

/// Removes the entries at the ascending indexes `chosen` from `items`, keeping order.
fn remove_sorted(items: &mut Vec<u32>, chosen: &[usize]) {
    let Some(&first) = chosen.first() else {
        return;
    };
    let mut write = first;
    let mut next = 0;
    for read in first..items.len() {
        if chosen.get(next) == Some(&read) {
            next += 1;
        } else {
            items[write] = items[read];
            write += 1;
        }
    }
    items.truncate(write);
}

/// Reusable buffers for [`Tables::unrank`], wiped on drop: they hold password material.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The password, one character per position.
    pub chars: Vec<char>,
    free: Vec<u32>,
    digits: Vec<char>,
    chosen: Vec<usize>,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        // Buffers never used hold nothing (the other samplers leave them empty).
        if self.chars.capacity() > 0 {
            self.chars.zeroize();
            self.free.zeroize();
            self.digits.zeroize();
            self.chosen.zeroize();
        }
    }
}

/// The `rank`-th (lexicographic by inclusion decisions) choice of `k` indices among
/// `0..n`, given `total = C(n, k)`; writes ascending indices into `chosen`.
fn unrank_combination<N: Count>(
    mut rank: N,
    total: &N,
    n: usize,
    k: usize,
    chosen: &mut Vec<usize>,
) {
    chosen.clear();
    let mut remaining_k = k as u32;
    let mut count = total.clone(); // C(a, b) for a = n − p remaining candidates
    for p in 0..n {
        if remaining_k == 0 {
            break;
        }
        let a = (n - p) as u32;
        // Choices that include p: C(a−1, b−1) = C(a, b) · b / a (exact).
        let (including, _) = count.mul_small(remaining_k).div_rem_small(a);
        if rank < including {
            chosen.push(p);
            count = including;
            remaining_k -= 1;
        } else {
            rank = rank.sub(&including);
            count = count.sub(&including); // C(a−1, b) by Pascal's rule
        }
    }
}

impl AnyTables {
    /// Draws a uniform valid password into `scratch.chars`.
    pub fn sample<R: rand_core::RngCore + ?Sized>(&self, rng: &mut R, scratch: &mut Scratch) {
        match self {
            Self::Small(t) => t.unrank(t.draw(rng), scratch),
            Self::Big(t) => t.unrank(t.draw(rng), scratch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn tables(classes: &[(&str, u32)], length: usize) -> (Tables<BigUint>, BigUint) {
        let mut constrained = Vec::new();
        let mut groups = Vec::new();
        for (chars, minimum) in classes {
            let chars: Vec<char> = chars.chars().collect();
            if *minimum > 0 {
                groups.push(Group::Constrained(constrained.len()));
                constrained.push(Constrained {
                    chars,
                    minimum: *minimum,
                });
            } else {
                groups.push(Group::Free(chars));
            }
        }
        let t = Tables::build_big(constrained, &groups, length);
        let total = t.total.clone();
        (t, total)
    }

    /// Brute force: every string over the union, kept when it meets the minimums.
    fn brute_force(classes: &[(&str, u32)], length: usize) -> HashSet<String> {
        let alphabet: Vec<char> = classes.iter().flat_map(|(c, _)| c.chars()).collect();
        let mut out = HashSet::new();
        let total = alphabet.len().pow(length as u32);
        for mut idx in 0..total {
            let s: String = (0..length)
                .map(|_| {
                    let c = alphabet[idx % alphabet.len()];
                    idx /= alphabet.len();
                    c
                })
                .collect();
            let ok = classes
                .iter()
                .all(|(set, min)| s.chars().filter(|c| set.contains(*c)).count() >= *min as usize);
            if ok {
                out.insert(s);
            }
        }
        out
    }

    fn assert_bijection(classes: &[(&str, u32)], length: usize) {
        let (t, total) = tables(classes, length);
        let expected = brute_force(classes, length);
        assert_eq!(
            total,
            BigUint::from(expected.len()),
            "{classes:?} L={length}"
        );
        let small: Tables<u128> = t.convert();
        let mut seen = HashSet::new();
        let mut buf = Scratch::default();
        for u in 0..expected.len() as u128 {
            small.unrank(u, &mut buf);
            let s: String = buf.chars.iter().collect();
            t.unrank(BigUint::from(u), &mut buf);
            assert_eq!(
                s,
                buf.chars.iter().collect::<String>(),
                "u128 and big paths differ"
            );
            assert!(expected.contains(&s), "rank {u} gave invalid {s:?}");
            assert!(seen.insert(s), "rank {u} repeated");
        }
    }

    #[test]
    fn unrank_is_a_bijection_onto_valid_passwords() {
        assert_bijection(&[("ab", 1), ("AB", 1), ("01", 1), ("!?", 1)], 5);
        assert_bijection(&[("abc", 2), ("AB", 0), ("0", 1)], 5);
        assert_bijection(&[("ab", 3), ("XY", 2)], 5);
        assert_bijection(&[("ab", 0), ("XYZ", 0)], 4);
        assert_bijection(&[("a", 2), ("B", 1), ("12", 0)], 6);
        assert_bijection(&[("ab", 2), ("AB", 2), ("01", 2)], 6);
        assert_bijection(&[("abcd", 1)], 3);
    }

    #[test]
    fn impossible_free_space_counts_zero() {
        // Minimums fill everything and there is no free character: still exact.
        let (_, total) = tables(&[("ab", 2), ("XY", 2)], 4);
        assert_eq!(total, BigUint::from(6u32 * 16));
    }

    #[test]
    fn remove_sorted_keeps_order() {
        let mut v: Vec<u32> = (10..20).collect();
        remove_sorted(&mut v, &[0, 3, 4, 9]);
        assert_eq!(v, vec![11, 12, 15, 16, 17, 18]);
        remove_sorted(&mut v, &[]);
        assert_eq!(v.len(), 6);
    }

    #[test]
    fn combination_unranking_enumerates_all_subsets() {
        let n = 7;
        let k = 3;
        let total = 35u128;
        let mut seen = HashSet::new();
        for rank in 0..total {
            let mut c = Vec::new();
            unrank_combination(rank, &total, n, k, &mut c);
            assert_eq!(c.len(), k);
            assert!(c.windows(2).all(|w| w[0] < w[1]) && c[k - 1] < n);
            assert!(seen.insert(c));
        }
    }
}
