//! The exact integer arithmetic the sampler needs, for `u128` (the fast path, used when
//! every count fits with headroom) and `BigUint` (everything else).

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// Counts up to `2^SMALL_BITS` use `u128`; the 10 bits of headroom keep
/// `count * length` (length <= 1024) inside `u128` during combination unranking.
pub(crate) const SMALL_BITS: u64 = 118;

pub(crate) trait Count: Clone + Ord + Send + Sync + 'static {
    fn from_big(big: &BigUint) -> Self;
    fn from_le_words(words: &[u64]) -> Self;
    fn mul(&self, other: &Self) -> Self;
    fn sub(&self, other: &Self) -> Self;
    fn div_rem(&self, divisor: &Self) -> (Self, Self);
    fn mul_small(&self, factor: u32) -> Self;
    /// Returns `(self / divisor, self % divisor)`.
    fn div_rem_small(&self, divisor: u32) -> (Self, u32);
}

impl Count for u128 {
    fn from_big(big: &BigUint) -> Self {
        // Callers only convert after checking `bits() <= SMALL_BITS`.
        big.to_u128().unwrap_or(u128::MAX)
    }
    fn from_le_words(words: &[u64]) -> Self {
        words
            .iter()
            .rev()
            .fold(0u128, |acc, &w| (acc << 64) | u128::from(w))
    }
    fn mul(&self, other: &Self) -> Self {
        self * other
    }
    fn sub(&self, other: &Self) -> Self {
        self - other
    }
    fn div_rem(&self, divisor: &Self) -> (Self, Self) {
        if let (Ok(a), Ok(b)) = (u64::try_from(*self), u64::try_from(*divisor)) {
            return (u128::from(a / b), u128::from(a % b));
        }
        (self / divisor, self % divisor)
    }
    fn mul_small(&self, factor: u32) -> Self {
        self * u128::from(factor)
    }
    fn div_rem_small(&self, divisor: u32) -> (Self, u32) {
        // A 64-bit division is several times faster than a 128-bit one.
        if let Ok(small) = u64::try_from(*self) {
            let d = u64::from(divisor);
            return (u128::from(small / d), (small % d) as u32);
        }
        let d = u128::from(divisor);
        (self / d, (self % d) as u32)
    }
}

impl Count for BigUint {
    fn from_big(big: &BigUint) -> Self {
        big.clone()
    }
    fn from_le_words(words: &[u64]) -> Self {
        let digits: Vec<u32> = words
            .iter()
            .flat_map(|&w| [w as u32, (w >> 32) as u32])
            .collect();
        BigUint::new(digits)
    }
    fn mul(&self, other: &Self) -> Self {
        self * other
    }
    fn sub(&self, other: &Self) -> Self {
        self - other
    }
    fn div_rem(&self, divisor: &Self) -> (Self, Self) {
        Integer::div_rem(self, divisor)
    }
    fn mul_small(&self, factor: u32) -> Self {
        self * factor
    }
    fn div_rem_small(&self, divisor: u32) -> (Self, u32) {
        let (q, r) = Integer::div_rem(self, &BigUint::from(divisor));
        (q, r.to_u32().expect("a remainder is below its u32 divisor"))
    }
}

/// log2 of a positive big integer, to f64 precision.
pub(crate) fn log2(n: &BigUint) -> f64 {
    if n.is_zero() {
        return f64::NEG_INFINITY;
    }
    let bits = n.bits();
    let shift = bits.saturating_sub(64);
    let top = (n >> shift).to_u64().unwrap_or(u64::MAX);
    shift as f64 + (top as f64).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_assemble_little_endian_in_both_types() {
        let words = [0x0123_4567_89ab_cdef_u64, 0x1122_3344_5566_7788];
        let small = u128::from_le_words(&words);
        let big = BigUint::from_le_words(&words);
        assert_eq!(big.to_u128(), Some(small));
        assert_eq!(small >> 64, 0x1122_3344_5566_7788);
    }

    #[test]
    fn log2_is_exact_for_powers_and_close_for_huge_numbers() {
        assert_eq!(log2(&BigUint::from(1u8)), 0.0);
        assert_eq!(log2(&(BigUint::from(1u8) << 5000u32)), 5000.0);
        let three_pow = BigUint::from(3u8).pow(1000);
        assert!((log2(&three_pow) - 1000.0 * 3f64.log2()).abs() < 1e-9);
    }
}
