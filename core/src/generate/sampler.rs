//! Drawing one password, exactly uniformly over the valid ones, with bounded work.
//!
//! The characters form `d ≤ 4` disjoint groups (the classes with a minimum, in class
//! order, then the classes without one pooled), laid out one after the other in one
//! alphabet. `L` is the effective length, `R = L − Σm_g` the slack, `n` the alphabet size.
//! The method is chosen once, when the generator is built, by exact integer comparisons
//! only (so the same settings take the same path on every platform):
//!
//! * **Uniform** (one group): every string over the alphabet is valid; each position is
//!   an independent uniform character.
//! * **Blocks** (no slack) and **Table** (at most [`TABLE_LIMIT`] count vectors): draw the
//!   count vector `k` from its exact law ([`CountTable`]; fixed without slack), then `k_g`
//!   uniform characters of each group as consecutive blocks, then one uniform permutation
//!   of the whole string (Fisher–Yates). A valid string with counts `k` is produced by
//!   exactly `∏k_g!` of the `∏n_g^{k_g} · L!` equally likely (blocks, permutation) pairs
//!   (the permutations that send each group's block onto that group's positions, in any
//!   order within the group), so it has probability
//!   `P(k) · ∏k_g! / (∏n_g^{k_g} · L!) = (L!/∏k_g! · ∏n_g^{k_g} / N) · ∏k_g! / (∏n_g^{k_g}·L!) = 1/N`.
//! * **Reject** (at least half of all strings over the alphabet are valid: `2N ≥ n^L`):
//!   draw uniform strings over the alphabet until one meets the minimums, which is
//!   uniform over the valid ones. After [`REJECT_TRIES`] misses (probability at most
//!   `2^-64`) the exact table or unranker takes over, built then; since every path returns
//!   a uniform valid password, so does the mixture.
//! * **Unrank** (otherwise: large slack and a minimum far above its share): the exact
//!   counting unranker of `count.rs`, `O(L)` big-integer steps.
//!
//! Every bounded integer comes from `random/bounded.rs` (batched, unbiased, `u64` arithmetic
//! only), so a seed gives the same password on 64-bit, 32-bit and wasm32 targets.
//! Worst cases: Uniform, Blocks and Table take `L` resp. `2L − 1` draws (about 8 per
//! 64-bit word for 94 characters, a word redrawn with probability below 1/8); Table adds
//! one word and about one comparison for the counts; Reject takes at most
//! [`REJECT_TRIES`] strings (under two on average), then one exact draw.

use std::sync::OnceLock;

use num_bigint::BigUint;
use rand_core::RngCore;
use zeroize::Zeroize;

use crate::generate::composition::{factorial, vector_count, CountTable, TABLE_LIMIT};
use crate::generate::count::{self, AnyTables, Constrained, Group};
use crate::generate::password::Password;
use crate::generate::total::{count_valid, deficit, DEFICIT_LIMIT};
use crate::random::bounded::{draw_below, draw_slice, Plan, UniformPlan};

/// Strings a rejection draw tries before the exact fallback: at least half of all
/// strings are valid when rejection is chosen, so all of them miss with probability at
/// most `2^-64`.
pub(crate) const REJECT_TRIES: u32 = 64;

/// ASCII passwords up to this long are assembled on the stack.
const STACK_BYTES: usize = 64;

/// A stack buffer aligned for word-at-a-time UTF-8 checking.
#[repr(align(16))]
struct Aligned([u8; STACK_BYTES]);

/// Alphabets up to this size get a table of each character's group.
const SHIFT_TABLE_LIMIT: usize = 1 << 16;

/// The group of each alphabet index, as the shift of its count.
#[derive(Clone, Debug)]
enum Shifts {
    /// ASCII: the `increments` of the `ascii` tables.
    InAscii,
    /// Up to 128 characters: indexed without bounds checks (`index & 127`).
    Small(Box<[u8; 128]>),
    /// Up to [`SHIFT_TABLE_LIMIT`].
    Large(Vec<u8>),
    /// Larger alphabets compare the index with the group offsets.
    Offsets,
}

/// An ASCII alphabet's tables, padded to 128 entries so an index masked with 127 needs
/// no bounds check.
#[derive(Clone, Debug)]
struct AsciiTables {
    /// The character of each alphabet index.
    bytes: [u8; 128],
    /// `1 << 16·g` for the group `g` of each index: added to the packed counts as is, one
    /// load and one add per character.
    increments: [u64; 128],
}

/// How one setting draws its passwords (see the module documentation).
#[derive(Clone, Debug)]
pub(crate) struct Sampler {
    length: u32,
    /// The groups' characters, one group after the other.
    alphabet: Vec<char>,
    /// When every character is ASCII (the fast path; at most 95 printable characters,
    /// so every index is below 128): each index's byte and count increment.
    ascii: Option<Box<AsciiTables>>,
    /// `16·g` for the group `g` of each alphabet index: a draw adds `1 << shift` to the
    /// packed counts.
    shifts: Shifts,
    /// Per group (unused groups: size 0, offset `n`, minimum 0).
    sizes: [u32; 4],
    offsets: [u32; 4],
    minimums: [u32; 4],
    method: Method,
    /// `L` draws below `n` (Uniform, Reject).
    uniform: UniformPlan,
    /// The permutation's draws, bounds `L, L−1, …, 2` (Table).
    shuffle: Plan,
    /// What the unranker is built from, when it is needed.
    constrained: Vec<Constrained>,
    classes: Vec<Group>,
}

#[derive(Clone, Debug)]
enum Method {
    Uniform,
    Blocks(FixedBlocks),
    Table(CountTable),
    Reject(Fallback),
    Unrank(AnyTables),
}

/// Blocks with fixed counts: the character draws then the permutation's, cut into
/// batches once; `bases[i]` is the alphabet offset of position `i`'s group.
#[derive(Clone, Debug)]
struct FixedBlocks {
    draws: Plan,
    bases: Vec<u32>,
}

/// The exact method behind rejection, built on first use (or at build time when the
/// count needed it anyway).
#[derive(Clone, Debug)]
struct Fallback {
    exact: OnceLock<Exact>,
    /// Whether the table fits [`TABLE_LIMIT`] (else the unranker).
    table: bool,
}

#[derive(Clone, Debug)]
enum Exact {
    Table(CountTable),
    Unrank(AnyTables),
}

/// Reusable buffers for the paths that need them (non-ASCII alphabets, the unranker),
/// allocated on first use: a one-call scratch on the ASCII paths stays empty and costs
/// nothing to make or drop.
#[derive(Debug, Default)]
pub(crate) struct Scratch(Option<Box<Buffers>>);

/// Wiped on drop: they hold password material (the unranker's wipe themselves).
#[derive(Debug, Default)]
struct Buffers {
    chars: Vec<char>,
    unrank: count::Scratch,
}

impl Drop for Buffers {
    fn drop(&mut self) {
        self.chars.zeroize();
    }
}

impl Scratch {
    fn buffers(&mut self) -> &mut Buffers {
        self.0.get_or_insert_with(Box::default)
    }
}

/// Where the characters go: bytes for an ASCII alphabet, `char`s otherwise.
trait Out {
    fn set(&mut self, position: usize, index: u32);
    fn swap(&mut self, i: usize, j: usize);
}

/// Up to [`STACK_BYTES`] ASCII characters: fixed-size buffers indexed without bounds
/// checks (positions are below `L ≤ 64`, alphabet indexes below `n < 128`, so the masks
/// change nothing).
struct ShortAsciiOut<'a> {
    bytes: &'a mut [u8; STACK_BYTES],
    alphabet: &'a [u8; 128],
}

impl Out for ShortAsciiOut<'_> {
    #[inline(always)]
    fn set(&mut self, position: usize, index: u32) {
        debug_assert!(position < STACK_BYTES && index < 128);
        self.bytes[position & (STACK_BYTES - 1)] = self.alphabet[index as usize & 127];
    }
    #[inline(always)]
    fn swap(&mut self, i: usize, j: usize) {
        debug_assert!(i < STACK_BYTES && j < STACK_BYTES);
        self.bytes
            .swap(i & (STACK_BYTES - 1), j & (STACK_BYTES - 1));
    }
}

struct AsciiOut<'a> {
    bytes: &'a mut [u8],
    alphabet: &'a [u8; 128],
}

impl Out for AsciiOut<'_> {
    #[inline(always)]
    fn set(&mut self, position: usize, index: u32) {
        self.bytes[position] = self.alphabet[index as usize & 127];
    }
    #[inline(always)]
    fn swap(&mut self, i: usize, j: usize) {
        self.bytes.swap(i, j);
    }
}

struct CharOut<'a> {
    chars: &'a mut [char],
    alphabet: &'a [char],
}

impl Out for CharOut<'_> {
    #[inline(always)]
    fn set(&mut self, position: usize, index: u32) {
        self.chars[position] = self.alphabet[index as usize];
    }
    #[inline(always)]
    fn swap(&mut self, i: usize, j: usize) {
        self.chars.swap(i, j);
    }
}

impl Sampler {
    /// The sampler for the four disjoint class sets (in class order; a set with a minimum
    /// is not empty, and not every set is empty), their minimums, and the effective
    /// length (at least the sum of the minimums, at least 1). Returns it with the exact
    /// number of valid passwords.
    pub(crate) fn build(sets: &[Vec<char>; 4], minimums: [u32; 4], length: u32) -> (Self, BigUint) {
        let mut alphabet = Vec::new();
        let mut sizes = Vec::new();
        let mut mins = Vec::new();
        for (set, &m) in sets.iter().zip(&minimums) {
            if m > 0 {
                alphabet.extend_from_slice(set);
                sizes.push(set.len() as u32);
                mins.push(m);
            }
        }
        let free: Vec<char> = sets
            .iter()
            .zip(&minimums)
            .filter(|(_, &m)| m == 0)
            .flat_map(|(set, _)| set.iter().copied())
            .collect();
        if !free.is_empty() {
            sizes.push(free.len() as u32);
            mins.push(0);
            alphabet.extend(free);
        }
        let mut constrained = Vec::new();
        let mut classes = Vec::new();
        for (set, &minimum) in sets.iter().zip(&minimums) {
            if minimum > 0 {
                classes.push(Group::Constrained(constrained.len()));
                constrained.push(Constrained {
                    chars: set.clone(),
                    minimum,
                });
            } else if !set.is_empty() {
                classes.push(Group::Free(set.clone()));
            }
        }

        let d = sizes.len();
        let n: u32 = sizes.iter().sum();
        let slack = length - mins.iter().sum::<u32>();
        let vectors = vector_count(d, slack);
        let mut built_table = None;
        let mut built_unrank = None;
        let (method, count) = if d == 1 {
            (Method::Uniform, BigUint::from(n).pow(length))
        } else if slack == 0 {
            // N = L!/∏m_g! · ∏n_g^{m_g}.
            let mut count = factorial(length);
            for (&size, &m) in sizes.iter().zip(&mins) {
                count = count / factorial(m) * BigUint::from(size).pow(m);
            }
            // Bounds: each group's size k_g times, then L, L−1, …, 2.
            let mut bounds = Vec::with_capacity(2 * length as usize);
            let mut bases = Vec::with_capacity(length as usize);
            let mut offset = 0;
            for (&size, &m) in sizes.iter().zip(&mins) {
                bounds.extend(std::iter::repeat_n(size, m as usize));
                bases.extend(std::iter::repeat_n(offset, m as usize));
                offset += size;
            }
            bounds.extend((2..=length).rev());
            let blocks = FixedBlocks {
                draws: Plan::new(bounds),
                bases,
            };
            (Method::Blocks(blocks), count)
        } else {
            let count = if deficit(&mins) <= DEFICIT_LIMIT {
                count_valid(&sizes, &mins, length)
            } else if vectors <= TABLE_LIMIT {
                let (table, count) = CountTable::build(&sizes, &mins, length);
                built_table = Some(table);
                count
            } else {
                let (tables, count) =
                    AnyTables::build(constrained.clone(), &classes, length as usize);
                built_unrank = Some(tables);
                count
            };
            let all = BigUint::from(n).pow(length);
            let method = if &count * 2u32 >= all {
                let exact = OnceLock::new();
                if let Some(t) = built_table.take() {
                    let _ = exact.set(Exact::Table(t));
                } else if let Some(t) = built_unrank.take() {
                    let _ = exact.set(Exact::Unrank(t));
                }
                Method::Reject(Fallback {
                    exact,
                    table: vectors <= TABLE_LIMIT,
                })
            } else if vectors <= TABLE_LIMIT {
                Method::Table(
                    built_table.unwrap_or_else(|| CountTable::build(&sizes, &mins, length).0),
                )
            } else {
                Method::Unrank(built_unrank.unwrap_or_else(|| {
                    AnyTables::build(constrained.clone(), &classes, length as usize).0
                }))
            };
            (method, count)
        };

        let mut group_sizes = [0u32; 4];
        let mut offsets = [n; 4];
        let mut group_minimums = [0u32; 4];
        let mut offset = 0;
        for g in 0..d {
            group_sizes[g] = sizes[g];
            offsets[g] = offset;
            group_minimums[g] = mins[g];
            offset += sizes[g];
        }
        let table: Vec<u8> = (0..d)
            .flat_map(|g| std::iter::repeat_n(16 * g as u8, sizes[g] as usize))
            .collect();
        let ascii = alphabet.iter().all(char::is_ascii).then(|| {
            // Disjoint ASCII sets hold at most 128 characters.
            let mut tables = Box::new(AsciiTables {
                bytes: [0; 128],
                increments: [0; 128],
            });
            for (i, (&c, &shift)) in alphabet.iter().zip(&table).enumerate() {
                tables.bytes[i] = c as u8;
                tables.increments[i] = 1 << shift;
            }
            tables
        });
        let shifts = if ascii.is_some() {
            Shifts::InAscii
        } else if table.len() <= 128 {
            let mut small = Box::new([0u8; 128]);
            small[..table.len()].copy_from_slice(&table);
            Shifts::Small(small)
        } else if table.len() <= SHIFT_TABLE_LIMIT {
            Shifts::Large(table)
        } else {
            Shifts::Offsets
        };
        let sampler = Self {
            length,
            alphabet,
            ascii,
            shifts,
            sizes: group_sizes,
            offsets,
            minimums: group_minimums,
            method,
            uniform: UniformPlan::new(n, length),
            shuffle: Plan::new((2..=length).rev().collect()),
            constrained,
            classes,
        };
        (sampler, count)
    }

    /// The name of the method, for tests and benches.
    #[cfg(test)]
    pub(crate) fn method_name(&self) -> &'static str {
        match self.method {
            Method::Uniform => "uniform",
            Method::Blocks(..) => "blocks",
            Method::Table(_) => "table",
            Method::Reject(_) => "reject",
            Method::Unrank(_) => "unrank",
        }
    }

    /// One uniform valid password.
    pub(crate) fn sample<R: RngCore + ?Sized>(
        &self,
        rng: &mut R,
        scratch: &mut Scratch,
    ) -> Password {
        let length = self.length as usize;
        let unranker = match &self.ascii {
            // Short ASCII passwords (the common case) are assembled in an aligned stack
            // buffer: checking it as UTF-8 then takes whole 16-byte blocks (the zero
            // padding is ASCII too), and one copy makes the exactly sized string.
            Some(ascii) if length <= STACK_BYTES => {
                match self.short_ascii(rng, &ascii.bytes, Password::from_text) {
                    Ok(password) => return password,
                    Err(tables) => tables,
                }
            }
            // Longer ones are written into the password's own buffer.
            Some(ascii) => {
                let mut bytes = vec![0; length];
                let mut out = AsciiOut {
                    bytes: &mut bytes,
                    alphabet: &ascii.bytes,
                };
                match self.fill(rng, &mut out) {
                    None => return Password::from_ascii(bytes),
                    Some(tables) => {
                        bytes.zeroize();
                        tables
                    }
                }
            }
            None => {
                let chars = &mut scratch.buffers().chars;
                chars.clear();
                chars.resize(length, '\0');
                let mut out = CharOut {
                    chars,
                    alphabet: &self.alphabet,
                };
                match self.fill(rng, &mut out) {
                    None => return Password::from_chars(chars),
                    Some(tables) => tables,
                }
            }
        };
        let unrank = &mut scratch.buffers().unrank;
        unranker.sample(rng, unrank);
        Password::from_chars(&unrank.chars)
    }

    /// A short ASCII password assembled in an aligned stack buffer, handed to `take` as
    /// text and then wiped: checking it as UTF-8 takes whole 16-byte blocks (the zero
    /// padding is ASCII too). `Err` names the unranker that must draw it instead.
    #[inline]
    fn short_ascii<R: RngCore + ?Sized, T>(
        &self,
        rng: &mut R,
        alphabet: &[u8; 128],
        take: impl FnOnce(&str) -> T,
    ) -> Result<T, &AnyTables> {
        let length = self.length as usize;
        let mut buffer = Aligned([0; STACK_BYTES]);
        let mut out = ShortAsciiOut {
            bytes: &mut buffer.0,
            alphabet,
        };
        let unranker = self.fill(rng, &mut out);
        let result = match unranker {
            None => {
                let padded = &buffer.0[..length.next_multiple_of(16)];
                let text = std::str::from_utf8(padded).expect("ASCII bytes are UTF-8");
                Ok(take(&text[..length]))
            }
            Some(tables) => Err(tables),
        };
        buffer.0[..length].zeroize();
        result
    }

    /// Whether [`Self::sample_append`] appends exactly `L` bytes per password with no
    /// allocation of its own (an ASCII alphabet, at most 64 characters).
    pub(crate) fn appends_ascii(&self) -> bool {
        self.ascii.is_some() && self.length as usize <= STACK_BYTES
    }

    /// Appends one uniform valid password to `text` (the same draw as [`Self::sample`]).
    pub(crate) fn sample_append<R: RngCore + ?Sized>(
        &self,
        rng: &mut R,
        scratch: &mut Scratch,
        text: &mut String,
    ) {
        if let Some(ascii) = self.ascii.as_deref().filter(|_| self.appends_ascii()) {
            match self.short_ascii(rng, &ascii.bytes, |password| text.push_str(password)) {
                Ok(()) => return,
                Err(tables) => {
                    let unrank = &mut scratch.buffers().unrank;
                    tables.sample(rng, unrank);
                    text.extend(unrank.chars.iter());
                    return;
                }
            }
        }
        text.push_str(self.sample(rng, scratch).as_str());
    }

    /// Writes a uniform valid password into `out`, or returns the unranker that must
    /// draw it instead.
    fn fill<R: RngCore + ?Sized, O: Out>(&self, rng: &mut R, out: &mut O) -> Option<&AnyTables> {
        match &self.method {
            Method::Uniform => {
                self.uniform.run(rng, |i, v| out.set(i, v), |_| 0);
            }
            Method::Blocks(fixed) => Self::fixed_blocks(fixed, self.length as usize, rng, out),
            Method::Table(table) => {
                let k = *table.draw(rng);
                self.blocks(rng, &k, out);
            }
            Method::Reject(fallback) => {
                for _ in 0..REJECT_TRIES {
                    if self.uniform(rng, out) {
                        return None;
                    }
                }
                match self.fallback(fallback) {
                    Exact::Table(table) => {
                        let k = *table.draw(rng);
                        self.blocks(rng, &k, out);
                    }
                    Exact::Unrank(tables) => return Some(tables),
                }
            }
            Method::Unrank(tables) => return Some(tables),
        };
        None
    }

    fn fallback<'a>(&self, fallback: &'a Fallback) -> &'a Exact {
        fallback.exact.get_or_init(|| {
            let d = self.classes_in_groups();
            if fallback.table {
                Exact::Table(
                    CountTable::build(&self.sizes[..d], &self.minimums[..d], self.length).0,
                )
            } else {
                Exact::Unrank(
                    AnyTables::build(
                        self.constrained.clone(),
                        &self.classes,
                        self.length as usize,
                    )
                    .0,
                )
            }
        })
    }

    /// The number of groups in use.
    fn classes_in_groups(&self) -> usize {
        self.sizes.iter().filter(|&&s| s > 0).count()
    }

    /// The group of alphabet index `v`.
    #[inline(always)]
    fn group_of(&self, v: u32) -> usize {
        let [_, o1, o2, o3] = self.offsets;
        usize::from(v >= o1) + usize::from(v >= o2) + usize::from(v >= o3)
    }

    /// `L` uniform characters of the alphabet; whether they meet the minimums. The
    /// counts are 16-bit fields of one word (`L ≤ 1024`), one per group.
    #[inline]
    fn uniform<R: RngCore + ?Sized, O: Out>(&self, rng: &mut R, out: &mut O) -> bool {
        let packed = match (&self.shifts, &self.ascii) {
            (Shifts::InAscii, Some(ascii)) => self.uniform.run(
                rng,
                |i, v| out.set(i, v),
                |v| ascii.increments[v as usize & 127],
            ),
            (Shifts::Small(shifts), _) => self.uniform.run(
                rng,
                |i, v| out.set(i, v),
                |v| 1u64 << shifts[v as usize & 127],
            ),
            (Shifts::Large(shifts), _) => {
                self.uniform
                    .run(rng, |i, v| out.set(i, v), |v| 1u64 << shifts[v as usize])
            }
            (Shifts::InAscii | Shifts::Offsets, _) => self.uniform.run(
                rng,
                |i, v| out.set(i, v),
                |v| 1u64 << (16 * self.group_of(v)),
            ),
        };
        (0..4).all(|g| (packed >> (16 * g)) & 0xFFFF >= u64::from(self.minimums[g]))
    }

    /// Blocks with the fixed counts: one precomputed plan for the `L` character draws
    /// and the `L − 1` swaps (see [`Self::blocks`]).
    #[inline]
    fn fixed_blocks<R: RngCore + ?Sized, O: Out>(
        fixed: &FixedBlocks,
        length: usize,
        rng: &mut R,
        out: &mut O,
    ) {
        let bases = fixed.bases.as_slice();
        fixed.draws.run(rng, length, |swap, i, v| {
            if swap {
                out.swap(2 * length - 1 - i, v as usize);
            } else {
                out.set(i, bases[i] + v);
            }
        });
    }

    /// `k_g` uniform characters of each group, one block after the other, then a uniform
    /// permutation (Fisher–Yates: for `p = L−1 … 1`, swap `p` with a uniform `j ≤ p`):
    /// `L` character draws (cut into batches as they go, the counts vary), then the
    /// `L − 1` swaps' draws (a fixed plan).
    #[inline]
    fn blocks<R: RngCore + ?Sized, O: Out>(&self, rng: &mut R, k: &[u32; 4], out: &mut O) {
        let length = self.length as usize;
        let e0 = k[0] as usize;
        let e1 = e0 + k[1] as usize;
        let e2 = e1 + k[2] as usize;
        let group =
            move |i: usize| usize::from(i >= e0) + usize::from(i >= e1) + usize::from(i >= e2);
        let sizes = self.sizes;
        let offsets = self.offsets;
        if length <= STACK_BYTES {
            // The same draws from a stack array of the bounds and offsets, with less work
            // per draw than the closures below.
            let mut bounds = [0u32; STACK_BYTES];
            let mut bases = [0u32; STACK_BYTES];
            let mut at = 0;
            for g in 0..4 {
                let end = at + k[g] as usize;
                bounds[at..end].fill(sizes[g]);
                bases[at..end].fill(offsets[g]);
                at = end;
            }
            draw_slice(rng, &bounds[..length], |i, v| {
                out.set(i, bases[i & (STACK_BYTES - 1)] + v);
            });
        } else {
            draw_below(
                rng,
                length,
                |i| sizes[group(i)],
                |i, v| out.set(i, offsets[group(i)] + v),
            );
        }
        // Swap t is for position p = L − 1 − t, bound p + 1.
        self.shuffle
            .run(rng, 0, |_, t, v| out.swap(length - 1 - t, v as usize));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::rng::DeterministicRng;
    use std::collections::HashMap;

    fn sets(classes: [&str; 4]) -> [Vec<char>; 4] {
        classes.map(|c| c.chars().collect())
    }

    fn sampler(classes: [&str; 4], minimums: [u32; 4], length: u32) -> (Sampler, BigUint) {
        Sampler::build(&sets(classes), minimums, length)
    }

    const DEFAULT: [&str; 4] = [
        "abcdefghijklmnopqrstuvwxyz",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "0123456789",
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    ];

    #[test]
    fn each_setting_takes_the_expected_method() {
        let cases: &[([u32; 4], u32, &str)] = &[
            ([0, 0, 0, 0], 20, "uniform"),
            ([6, 2, 2, 2], 12, "blocks"),
            ([8, 4, 2, 2], 16, "blocks"),
            ([1, 1, 1, 1], 16, "reject"),
            ([1, 1, 1, 1], 64, "reject"),
            ([1, 1, 1, 1], 1024, "reject"),
            ([6, 2, 2, 2], 16, "table"),
            ([1, 1, 40, 1], 64, "table"),
            ([1, 1, 20, 1], 64, "unrank"),
            ([100, 50, 50, 50], 300, "unrank"),
            ([100, 50, 50, 100], 300, "blocks"),
        ];
        for &(minimums, length, want) in cases {
            let (s, _) = sampler(DEFAULT, minimums, length);
            assert_eq!(s.method_name(), want, "{minimums:?} at {length}");
        }
        let (s, _) = sampler(["abc", "", "", ""], [2, 0, 0, 0], 5);
        assert_eq!(s.method_name(), "uniform");
    }

    /// A draw source for [`Sampler::blocks`] that plays every tuple of draws: used to
    /// enumerate all (blocks, permutation) pairs of one count vector.
    fn all_tuples(bounds: &[u32]) -> Vec<Vec<u32>> {
        let mut out = vec![Vec::new()];
        for &b in bounds {
            out = out
                .into_iter()
                .flat_map(|t| {
                    (0..b).map(move |v| {
                        let mut t = t.clone();
                        t.push(v);
                        t
                    })
                })
                .collect();
        }
        out
    }

    /// Replays a block draw from explicit values (the same assembly as `blocks`, which
    /// draws those values from the batched source).
    fn assemble(s: &Sampler, k: &[u32; 4], values: &[u32]) -> String {
        let length = s.length as usize;
        let mut chars = vec!['\0'; length];
        let mut out = CharOut {
            chars: &mut chars,
            alphabet: &s.alphabet,
        };
        let e0 = k[0] as usize;
        let e1 = e0 + k[1] as usize;
        let e2 = e1 + k[2] as usize;
        let group = |i: usize| usize::from(i >= e0) + usize::from(i >= e1) + usize::from(i >= e2);
        for (i, &v) in values.iter().enumerate() {
            if i < length {
                out.set(i, s.offsets[group(i)] + v);
            } else {
                out.swap(2 * length - 1 - i, v as usize);
            }
        }
        chars.into_iter().collect()
    }

    /// The bounds `blocks` uses for counts `k`.
    fn block_bounds(s: &Sampler, k: &[u32; 4]) -> Vec<u32> {
        let length = s.length as usize;
        let mut b = Vec::new();
        for (&size, &count) in s.sizes.iter().zip(k) {
            b.extend(std::iter::repeat_n(size, count as usize));
        }
        b.extend((2..=length as u32).rev());
        b
    }

    /// Brute force: every string over the union that meets the minimums.
    fn valid_strings(classes: [&str; 4], minimums: [u32; 4], length: u32) -> Vec<String> {
        let alphabet: Vec<char> = classes.concat().chars().collect();
        let total = alphabet.len().pow(length);
        (0..total)
            .map(|mut x| {
                (0..length)
                    .map(|_| {
                        let c = alphabet[x % alphabet.len()];
                        x /= alphabet.len();
                        c
                    })
                    .collect::<String>()
            })
            .filter(|s| {
                classes
                    .iter()
                    .zip(minimums)
                    .all(|(set, m)| s.chars().filter(|c| set.contains(*c)).count() >= m as usize)
            })
            .collect()
    }

    /// The exhaustive proof for one setting: every count vector's exact weight, times
    /// every (blocks, permutation) tuple the draws can give, hits each valid string with
    /// the same total probability 1/N and nothing else.
    fn assert_exactly_uniform(classes: [&str; 4], minimums: [u32; 4], length: u32) {
        let (s, count) = sampler(classes, minimums, length);
        let valid = valid_strings(classes, minimums, length);
        assert_eq!(
            count,
            BigUint::from(valid.len()),
            "{classes:?} {minimums:?}"
        );
        let d = s.classes_in_groups();
        let (table, table_count) = CountTable::build(&s.sizes[..d], &s.minimums[..d], length);
        assert_eq!(table_count, count);
        // mass[string] = Σ over tuples of P(k) · P(tuple | k), scaled by N · ∏ (bounds).
        // P(k) = w(k)/N with w(k) = L!/∏k! ∏n^k; P(tuple | k) = 1/(∏n^k · L!), so each
        // tuple adds 1/∏k_g! (times N): accumulate ∏k_g!·mass as integers per k.
        let mut mass: HashMap<String, (BigUint, BigUint)> = HashMap::new();
        let mut total_weight = BigUint::from(0u32);
        for j in 0..table.len() {
            let (k, _) = table.entry(j);
            let mut weight = factorial(length);
            let mut per_tuple = BigUint::from(1u32);
            for (&size, &count) in s.sizes.iter().zip(&k) {
                weight = weight / factorial(count) * BigUint::from(size.max(1)).pow(count);
                per_tuple *= BigUint::from(size.max(1)).pow(count);
            }
            per_tuple *= factorial(length);
            total_weight += &weight;
            for values in all_tuples(&block_bounds(&s, &k)) {
                let string = assemble(&s, &k, &values);
                let e = mass
                    .entry(string)
                    .or_insert_with(|| (BigUint::from(0u32), BigUint::from(1u32)));
                // Sum fractions weight/per_tuple exactly: a/b + c/d = (ad + cb)/bd.
                let (num, den) = e.clone();
                *e = (num * &per_tuple + &weight * &den, den * &per_tuple);
            }
        }
        assert_eq!(total_weight, count, "the weights sum to N");
        assert_eq!(mass.len(), valid.len(), "only valid strings, all of them");
        for string in &valid {
            let (num, den) = &mass[string];
            // Probability num/den / N per string: num/den must be exactly 1.
            assert_eq!(num, den, "{string:?}");
        }
    }

    #[test]
    fn blocks_and_a_shuffle_are_exactly_uniform_exhaustively() {
        assert_exactly_uniform(["ab", "AB", "01", "!?"], [1, 1, 1, 1], 5);
        assert_exactly_uniform(["abc", "AB", "0", ""], [2, 0, 1, 0], 5);
        assert_exactly_uniform(["ab", "XY", "", ""], [3, 2, 0, 0], 5);
        assert_exactly_uniform(["a", "B", "12", ""], [2, 1, 0, 0], 6);
        assert_exactly_uniform(["ab", "AB", "01", ""], [2, 2, 2, 0], 6);
        assert_exactly_uniform(["abc", "D", "", "!"], [1, 1, 0, 0], 4);
    }

    #[test]
    fn the_permutation_draws_give_every_permutation_once() {
        for length in 1..=6usize {
            let bounds: Vec<u32> = (2..=length as u32).rev().collect();
            let mut seen = std::collections::HashSet::new();
            for values in all_tuples(&bounds) {
                let mut p: Vec<usize> = (0..length).collect();
                for (t, &v) in values.iter().enumerate() {
                    p.swap(length - 1 - t, v as usize);
                }
                assert!(seen.insert(p));
            }
            assert_eq!(seen.len(), (1..=length).product::<usize>());
        }
    }

    #[test]
    fn the_assembly_replayed_is_what_the_sampler_draws() {
        // The exhaustive test replays the blocks from explicit values: check the replay
        // is the real thing, on the draws a recording source sees, for the table's
        // blocks (characters, then the swaps) and the fixed ones (one plan for both).
        let mut rng = DeterministicRng::from_seed_for_tests(12);
        let (table, _) = sampler(DEFAULT, [3, 2, 2, 0], 8);
        let (fixed, _) = sampler(DEFAULT, [3, 2, 2, 1], 8);
        assert_eq!(fixed.method_name(), "blocks");
        let k = [3, 2, 2, 1];
        let bounds = block_bounds(&table, &k);
        for _ in 0..200 {
            for s in [&table, &fixed] {
                let mut recorded = rng.clone();
                let mut chars = vec!['\0'; 8];
                let mut out = CharOut {
                    chars: &mut chars,
                    alphabet: &s.alphabet,
                };
                let mut values = Vec::new();
                match &s.method {
                    Method::Blocks(plan) => {
                        Sampler::fixed_blocks(plan, 8, &mut rng, &mut out);
                        draw_below(&mut recorded, 15, |i| bounds[i], |_, v| values.push(v));
                    }
                    _ => {
                        s.blocks(&mut rng, &k, &mut out);
                        draw_below(&mut recorded, 8, |i| bounds[i], |_, v| values.push(v));
                        draw_below(&mut recorded, 7, |i| bounds[8 + i], |_, v| values.push(v));
                    }
                }
                assert_eq!(chars.iter().collect::<String>(), assemble(s, &k, &values));
                assert_eq!(rng.next_u64(), recorded.next_u64());
            }
        }
    }

    #[test]
    fn rejection_is_exactly_uniform_exhaustively() {
        // Each tuple of draws below n is one string over the alphabet; rejection keeps
        // those whose groups meet the minimums: each valid string exactly once.
        let classes = ["ab", "AB", "01", "!?"];
        let (s, count) = sampler(classes, [1, 1, 1, 1], 5);
        let valid = valid_strings(classes, [1, 1, 1, 1], 5);
        let mut kept = std::collections::HashSet::new();
        for values in all_tuples(&[8; 5]) {
            let mut counts = [0u32; 4];
            let string: String = values
                .iter()
                .map(|&v| {
                    counts[s.group_of(v)] += 1;
                    s.alphabet[v as usize]
                })
                .collect();
            if counts.iter().zip(&s.minimums).all(|(c, m)| c >= m) {
                assert!(kept.insert(string));
            }
        }
        assert_eq!(kept.len(), valid.len());
        assert!(valid.iter().all(|v| kept.contains(v)));
        assert_eq!(count, BigUint::from(valid.len()));
        // And `uniform` is that mapping of the draws it makes.
        let mut rng = DeterministicRng::from_seed_for_tests(13);
        for _ in 0..200 {
            let mut recorded = rng.clone();
            let mut chars = vec!['\0'; 5];
            let ok = s.uniform(
                &mut rng,
                &mut CharOut {
                    chars: &mut chars,
                    alphabet: &s.alphabet,
                },
            );
            let mut values = Vec::new();
            draw_below(&mut recorded, 5, |_| 8, |_, v| values.push(v));
            let string: String = values.iter().map(|&v| s.alphabet[v as usize]).collect();
            assert_eq!(chars.iter().collect::<String>(), string);
            assert_eq!(ok, valid.contains(&string));
        }
    }

    #[test]
    fn the_fallback_of_rejection_is_exact_and_used_after_the_misses() {
        // A source that makes every rejection try miss (all zeros: only the first
        // character), then a seeded stream: the fallback must still give a valid,
        // uniformly drawn password.
        struct Zeros {
            left: usize,
            rest: DeterministicRng,
        }
        impl RngCore for Zeros {
            fn next_u32(&mut self) -> u32 {
                self.next_u64() as u32
            }
            fn next_u64(&mut self) -> u64 {
                if self.left > 0 {
                    self.left -= 1;
                    // r·P mod 2^64 = 0 < t would reject the batch: use 1 instead, whose
                    // digits are all 0 and which is accepted for these bounds.
                    1
                } else {
                    self.rest.next_u64()
                }
            }
            fn fill_bytes(&mut self, dst: &mut [u8]) {
                self.rest.fill_bytes(dst)
            }
        }
        for (length, method) in [(16u32, "table"), (64, "unrank")] {
            let (s, _) = sampler(DEFAULT, [1, 1, 1, 1], length);
            assert_eq!(s.method_name(), "reject");
            let words_per_try = (length as usize).div_ceil(9);
            let mut rng = Zeros {
                left: words_per_try * REJECT_TRIES as usize,
                rest: DeterministicRng::from_seed_for_tests(1),
            };
            let p = s.sample(&mut rng, &mut Scratch::default());
            assert_eq!(rng.left, 0, "every try was made");
            let Method::Reject(f) = &s.method else {
                unreachable!()
            };
            let built = match f.exact.get() {
                Some(Exact::Table(_)) => "table",
                Some(Exact::Unrank(_)) => "unrank",
                None => "none",
            };
            assert_eq!(built, method);
            let text = p.as_str();
            assert_eq!(text.chars().count(), length as usize);
            for class in DEFAULT {
                assert!(text.chars().any(|c| class.contains(c)), "{text}");
            }
        }
    }

    #[test]
    fn non_ascii_alphabets_take_the_char_path() {
        let (s, _) = sampler(["äöü", "ÄÖ", "٠١", ""], [2, 1, 1, 0], 9);
        assert!(s.ascii.is_none());
        let mut rng = DeterministicRng::from_seed_for_tests(2);
        let mut scratch = Scratch::default();
        for _ in 0..100 {
            let p = s.sample(&mut rng, &mut scratch);
            let t = p.as_str();
            assert_eq!(t.chars().count(), 9);
            assert!(t.chars().filter(|c| "äöü".contains(*c)).count() >= 2);
            assert!(t.chars().any(|c| "ÄÖ".contains(c)));
            assert!(t.chars().any(|c| "٠١".contains(c)));
        }
    }
}
