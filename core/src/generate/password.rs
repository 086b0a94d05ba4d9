//! A generated password: zeroized on drop, never printed by `Debug`.

use std::fmt;

use zeroize::Zeroize;

/// A generated password. Its memory is overwritten when it is dropped, and `Debug`
/// prints `Password(<redacted>)`; read it with [`Password::as_str`].
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Builds the string with its exact capacity, so no reallocation leaves copies behind.
    pub(crate) fn from_chars(chars: &[char]) -> Self {
        let mut bytes = Vec::with_capacity(chars.iter().map(|c| c.len_utf8()).sum());
        for &c in chars {
            if c.is_ascii() {
                bytes.push(c as u8);
            } else {
                bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
        Self(String::from_utf8(bytes).expect("bytes encoded from chars are UTF-8"))
    }

    /// Takes ASCII bytes (the buffer is the password's storage, so its capacity is
    /// already exact).
    pub(crate) fn from_ascii(bytes: Vec<u8>) -> Self {
        debug_assert!(bytes.is_ascii());
        Self(String::from_utf8(bytes).expect("ASCII bytes are UTF-8"))
    }

    /// A copy of `text` in a string of exactly its length.
    pub(crate) fn from_text(text: &str) -> Self {
        Self(text.to_owned())
    }

    /// Takes a string whose capacity the caller sized exactly.
    pub(crate) fn from_string(text: String) -> Self {
        Self(text)
    }

    /// The passwords joined by `separator`, in one buffer that is wiped on drop like a
    /// password's: for a front-end that hands a batch over as one string (one conversion
    /// instead of one per password). The separator should be a character no password
    /// holds, such as `"\n"` (passwords hold no white space).
    ///
    /// ```
    /// use passforge::{DeterministicRng, Generator, GeneratorSettings, Password};
    /// let g = Generator::new(&GeneratorSettings::default())?;
    /// let batch = g.generate_many_with(&mut DeterministicRng::from_seed_for_tests(1), 3)?;
    /// let joined = Password::join(&batch, "\n");
    /// let back: Vec<&str> = joined.as_str().split('\n').collect();
    /// assert_eq!(back, batch.iter().map(Password::as_str).collect::<Vec<_>>());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn join(passwords: &[Password], separator: &str) -> Password {
        let bytes = passwords.iter().map(|p| p.0.len()).sum::<usize>()
            + separator.len() * passwords.len().saturating_sub(1);
        // Exact capacity: no reallocation leaves copies behind.
        let mut text = String::with_capacity(bytes);
        for (i, p) in passwords.iter().enumerate() {
            if i > 0 {
                text.push_str(separator);
            }
            text.push_str(&p.0);
        }
        Self(text)
    }

    /// The password text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Length in Unicode scalar values (characters).
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }
}

impl AsRef<str> for Password {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        // Every constructor sizes the string exactly and it never grows, so wiping its
        // bytes wipes its whole buffer; spare capacity, were there any, is wiped too.
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        if bytes.len() == bytes.capacity() {
            bytes.as_mut_slice().zeroize();
        } else {
            bytes.zeroize();
        }
    }
}

/// Constant-time in the contents (the length may show): a password compared with a
/// guess must not leak how many leading characters matched.
impl PartialEq for Password {
    fn eq(&self, other: &Self) -> bool {
        bool::from(subtle::ConstantTimeEq::ct_eq(
            self.0.as_bytes(),
            other.0.as_bytes(),
        ))
    }
}

impl Eq for Password {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_does_not_reveal_the_password() {
        let p = Password::from_chars(&['s', 'e', 'c', 'r', 'e', 't']);
        assert_eq!(format!("{p:?}"), "Password(<redacted>)");
        assert_eq!(p.as_str(), "secret");
        assert_eq!(p.char_count(), 6);
    }
}
