//! A sorted list of short ASCII strings stored front-coded, as core/build.rs writes the
//! shipped common-password list: under half the bytes of the plain text, searched in
//! place with no index built at run time.
//!
//! Format: entries in byte order, in blocks of `block` entries. `shared[i]` is the length
//! of the prefix entry `i` shares with entry `i - 1` (0 for a block's first entry);
//! `rests` holds, entry after entry, the bytes after that prefix, the last one of each
//! entry with bit 7 set (the entries are ASCII, so bit 7 is free). `block_starts[b]` is
//! the offset in `rests` of block `b`'s first entry.

use std::cmp::Ordering;

/// A front-coded sorted list (see the module docs). Only core/build.rs makes one, and
/// its checks (sorted, distinct, non-empty ASCII entries under 256 bytes) are what the
/// decoding below relies on.
pub(crate) struct FrontCoded {
    pub(crate) shared: &'static [u8],
    pub(crate) rests: &'static [u8],
    pub(crate) block_starts: &'static [u32],
    pub(crate) block: usize,
}

/// The longest entry (the shared-prefix length is one byte).
const LONGEST: usize = 255;

impl FrontCoded {
    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.shared.len()
    }

    /// Whether `key` is an entry: a binary search over the blocks' first entries, then a
    /// scan of one block, stopping at the first entry above `key`.
    pub(crate) fn contains(&self, key: &[u8]) -> bool {
        let mut entry = Entry::default();
        let after = self.block_starts.partition_point(|&start| {
            entry.len = 0;
            entry.read_rest(self.rests, start as usize);
            entry.bytes() <= key
        });
        let Some(block) = after.checked_sub(1) else {
            return false; // below the first entry
        };
        let first = block * self.block;
        let last = (first + self.block).min(self.len());
        let mut at = self.block_starts[block] as usize;
        for &shared in &self.shared[first..last] {
            entry.len = usize::from(shared);
            at = entry.read_rest(self.rests, at);
            match entry.bytes().cmp(key) {
                Ordering::Equal => return true,
                Ordering::Greater => return false,
                Ordering::Less => {}
            }
        }
        false
    }

    /// Every entry, in order, one per line (`\n` after each): the plain text the list was
    /// built from. Lookups do not need it; a list read whole (the EFF words) does.
    pub(crate) fn text(&self) -> String {
        let (mut entry, mut at) = (Entry::default(), 0);
        let mut out = String::with_capacity(self.rests.len() * 2);
        for &shared in self.shared {
            entry.len = usize::from(shared);
            at = entry.read_rest(self.rests, at);
            // ASCII, as build.rs checked.
            out.extend(entry.bytes().iter().map(|&b| char::from(b)));
            out.push('\n');
        }
        out
    }
}

/// The entry being decoded: each one keeps the previous one's first `len` bytes.
struct Entry {
    bytes: [u8; LONGEST],
    len: usize,
}

impl Default for Entry {
    fn default() -> Self {
        Self {
            bytes: [0; LONGEST],
            len: 0,
        }
    }
}

impl Entry {
    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Appends the rest at `at` to the kept prefix; returns the next rest's offset.
    /// Indexing cannot go out of bounds for the lists build.rs writes (see `FrontCoded`).
    fn read_rest(&mut self, rests: &[u8], mut at: usize) -> usize {
        loop {
            let byte = rests[at];
            at += 1;
            self.bytes[self.len] = byte & 0x7f;
            self.len += 1;
            if byte & 0x80 != 0 {
                return at;
            }
        }
    }
}
