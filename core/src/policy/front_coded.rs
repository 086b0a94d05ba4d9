//! A sorted list of short ASCII strings stored front-coded, as core/build.rs writes the
//! shipped common-password list: about half the bytes of the plain text, searched in
//! place with no index built at run time.
//!
//! Format: entries in byte order, in blocks of `block` entries. Each entry is one byte,
//! the length of the prefix it shares with the entry before it (0 for a block's first
//! entry), then the bytes after that prefix, the last one with bit 7 set (the entries
//! are ASCII, so bit 7 is free). `block_starts[i]` is the offset of block `i`.

use std::cmp::Ordering;

/// A front-coded sorted list (see the module docs). Only core/build.rs makes one, and
/// its checks (sorted, distinct, non-empty ASCII entries under 256 bytes) are what the
/// decoding below relies on.
pub(crate) struct FrontCoded {
    pub(crate) coded: &'static [u8],
    pub(crate) block_starts: &'static [u32],
    pub(crate) block: usize,
    pub(crate) len: usize,
}

/// The longest entry (the shared-prefix length is one byte).
const LONGEST: usize = 255;

impl FrontCoded {
    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Whether `key` is an entry: a binary search over the blocks' first entries, then a
    /// scan of one block, stopping at the first entry above `key`.
    pub(crate) fn contains(&self, key: &[u8]) -> bool {
        let mut entry = Entry::default();
        let after = self.block_starts.partition_point(|&start| {
            entry.read(self.coded, start as usize);
            entry.bytes() <= key
        });
        let Some(block) = after.checked_sub(1) else {
            return false; // below the first entry
        };
        let mut at = self.block_starts[block] as usize;
        let count = self.block.min(self.len - block * self.block);
        entry.len = 0;
        for _ in 0..count {
            at = entry.read(self.coded, at);
            match entry.bytes().cmp(key) {
                Ordering::Equal => return true,
                Ordering::Greater => return false,
                Ordering::Less => {}
            }
        }
        false
    }

    /// Every entry, in order (for tests and checks; lookups do not decode the list).
    #[cfg(test)]
    pub(crate) fn entries(&self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.len);
        let (mut entry, mut at) = (Entry::default(), 0);
        while at < self.coded.len() {
            at = entry.read(self.coded, at);
            out.push(String::from_utf8_lossy(entry.bytes()).into_owned());
        }
        out
    }
}

/// The entry being decoded: each one overwrites the previous one after their shared prefix.
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

    /// Decodes the entry at `at` over the previous one; returns the next entry's offset.
    /// Indexing cannot go out of bounds for the lists build.rs writes (see `FrontCoded`).
    fn read(&mut self, coded: &[u8], mut at: usize) -> usize {
        self.len = usize::from(coded[at]);
        at += 1;
        loop {
            let byte = coded[at];
            at += 1;
            self.bytes[self.len] = byte & 0x7f;
            self.len += 1;
            if byte & 0x80 != 0 {
                return at;
            }
        }
    }
}
