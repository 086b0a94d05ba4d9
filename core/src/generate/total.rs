//! The exact number of valid passwords, by inclusion–exclusion over the classes whose
//! minimum is missed: cheap when the minimums are small, at any length.
//!
//! Groups `g` have `n_g` characters and minimum `m_g` (`n = Σn_g`). For a set `T` of
//! groups with a minimum, let `a_T(j)` be the number of strings of length `j` over the
//! groups of `T` with fewer than `m_g` characters of each (`a_∅(0) = 1`). The strings of
//! length `L` in which every group of `T` misses its minimum (and the others are free)
//! number `Σ_j C(L, j) · a_T(j) · (n − n_T)^{L−j}` (choose the `j` positions of `T`'s
//! characters), with `j ≤ D_T = Σ_{g∈T} (m_g − 1)`. By inclusion–exclusion the valid ones
//! number `N = Σ_T (−1)^{|T|} Σ_j C(L, j) · a_T(j) · (n − n_T)^{L−j}`. With minimums of
//! 1 every `a_T` is `[1]` and `N = Σ_T (−1)^{|T|} (n − n_T)^L`: 16 powers at most.

use num_bigint::BigUint;
use num_traits::{One, Zero};

/// Inclusion–exclusion is used while the minimums' total deficit `Σ(m_g − 1)` is at most
/// this: its cost grows with the square of the deficit, not with the length.
pub(crate) const DEFICIT_LIMIT: u32 = 128;

/// `Σ(m_g − 1)` over the groups with a minimum.
pub(crate) fn deficit(minimums: &[u32]) -> u32 {
    minimums.iter().map(|&m| m.saturating_sub(1)).sum()
}

/// The number of strings of `length` over the groups (`sizes`) with at least
/// `minimums[g]` characters of each group `g`.
pub(crate) fn count_valid(sizes: &[u32], minimums: &[u32], length: u32) -> BigUint {
    let n: u32 = sizes.iter().sum();
    let constrained: Vec<usize> = (0..sizes.len()).filter(|&g| minimums[g] > 0).collect();
    let mut plus = BigUint::zero();
    let mut minus = BigUint::zero();
    for mask in 0u32..1 << constrained.len() {
        let members: Vec<usize> = constrained
            .iter()
            .enumerate()
            .filter(|(bit, _)| mask & (1 << bit) != 0)
            .map(|(_, &g)| g)
            .collect();
        let n_t: u32 = members.iter().map(|&g| sizes[g]).sum();
        let reach = deficit(&members.iter().map(|&g| minimums[g]).collect::<Vec<_>>()).min(length);
        // a_T(j) for j ≤ reach, one group at a time: a'(j) = Σ_c C(j, c) n_g^c a(j − c),
        // c < m_g.
        let mut a = vec![BigUint::one()];
        for &g in &members {
            let top = (a.len() - 1 + minimums[g] as usize - 1).min(reach as usize);
            let mut next = vec![BigUint::zero(); top + 1];
            for (j, slot) in next.iter_mut().enumerate() {
                let mut binomial = BigUint::one(); // C(j, c)
                let mut power = BigUint::one(); // n_g^c
                for c in 0..=j.min(minimums[g] as usize - 1) {
                    if let Some(rest) = a.get(j - c) {
                        *slot += &binomial * &power * rest;
                    }
                    binomial = binomial * (j - c) / (c + 1);
                    power *= sizes[g];
                }
            }
            a = next;
        }
        // Σ_j C(L, j) a(j) b^{L−j} = b^{L−J} · Σ_j C(L, j) a(j) b^{J−j} (Horner in b).
        let b = n - n_t;
        let top = a.len() - 1;
        let mut horner = BigUint::zero();
        let mut binomial = BigUint::one(); // C(L, j)
        for (j, a_j) in a.iter().enumerate() {
            horner = horner * b + &binomial * a_j;
            binomial = binomial * (length as usize - j) / (j + 1);
        }
        let term = horner * BigUint::from(b).pow(length - top as u32);
        if members.len() % 2 == 0 {
            plus += term;
        } else {
            minus += term;
        }
    }
    plus - minus
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::composition::{factorial, CountTable};

    /// Σ over count vectors of L!/∏k! ∏n^k, directly.
    fn by_vectors(sizes: &[u32], minimums: &[u32], length: u32) -> BigUint {
        fn go(sizes: &[u32], minimums: &[u32], left: u32, weight: BigUint) -> BigUint {
            let (n, m) = (sizes[0], minimums[0]);
            if sizes.len() == 1 {
                return if left >= m {
                    weight * BigUint::from(n).pow(left) / factorial(left)
                } else {
                    BigUint::zero()
                };
            }
            (m..=left)
                .map(|k| {
                    let w = &weight * BigUint::from(n).pow(k) / factorial(k);
                    go(&sizes[1..], &minimums[1..], left - k, w)
                })
                .sum()
        }
        // Each division is exact: L!/(k_1!⋯k_i!) is an integer (a multinomial).
        go(sizes, minimums, length, factorial(length))
    }

    #[test]
    fn agrees_with_the_sum_over_count_vectors() {
        let cases: &[(&[u32], &[u32], u32)] = &[
            (&[26, 26, 10, 32], &[1, 1, 1, 1], 16),
            (&[26, 26, 10, 32], &[6, 2, 2, 2], 12),
            (&[26, 26, 10, 32], &[6, 2, 2, 2], 20),
            (&[26, 26, 10, 32], &[8, 4, 2, 2], 16),
            (&[26, 26, 42], &[3, 1, 0], 9),
            (&[2, 2, 2, 2], &[1, 1, 1, 1], 5),
            (&[1, 2], &[2, 1], 6),
            (&[5], &[3], 4),
            (&[94], &[0], 7),
            (&[10, 84], &[5, 0], 40),
            (&[26, 26, 10, 32], &[1, 1, 1, 1], 40),
            (&[26, 26, 10, 32], &[30, 1, 1, 1], 40),
            (&[3, 4], &[4, 4], 8),
        ];
        for &(sizes, minimums, length) in cases {
            let want = by_vectors(sizes, minimums, length);
            assert_eq!(
                count_valid(sizes, minimums, length),
                want,
                "{sizes:?} {minimums:?} {length}"
            );
            let (_, table_count) = CountTable::build(sizes, minimums, length);
            assert_eq!(table_count, want, "table: {sizes:?} {minimums:?} {length}");
        }
    }

    #[test]
    fn minimums_of_one_are_sixteen_powers() {
        let n = count_valid(&[26, 26, 10, 32], &[1, 1, 1, 1], 1024);
        let mut want = BigUint::zero();
        let mut minus = BigUint::zero();
        let sizes = [26u32, 26, 10, 32];
        for mask in 0u32..16 {
            let n_t: u32 = (0..4)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| sizes[i])
                .sum();
            let term = BigUint::from(94 - n_t).pow(1024);
            if mask.count_ones() % 2 == 0 {
                want += term;
            } else {
                minus += term;
            }
        }
        assert_eq!(n, want - minus);
    }
}
