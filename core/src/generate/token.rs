//! Random URL-safe tokens, as Python's `secrets.token_urlsafe`: bytes from a CSPRNG
//! written as unpadded base64url (RFC 4648, section 5), so every token of that length is
//! equally likely.

use base64ct::{Base64UrlUnpadded, Encoding};
use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

use crate::generate::error::GenerateError;
use crate::generate::password::Password;
use crate::random::source::os_rng;

/// Random bytes in a URL-safe token when the caller does not say: 256 bits, as Python's
/// `secrets` (43 characters).
pub const DEFAULT_TOKEN_BYTES: usize = 32;

/// The most random bytes a URL-safe token holds (1366 characters).
pub const MAX_TOKEN_BYTES: usize = 1024;

/// A token of `nbytes` random bytes from the operating system's CSPRNG, as unpadded
/// base64url (`A-Z a-z 0-9 - _`, `ceil(4 * nbytes / 3)` characters). `nbytes` is 1 to
/// [`MAX_TOKEN_BYTES`], else [`GenerateError::TokenBytes`] (`TOKEN_BYTES`), before the
/// random source is asked.
///
/// ```
/// let token = passforge::url_safe_token(passforge::DEFAULT_TOKEN_BYTES)?;
/// assert_eq!(token.as_str().len(), 43);
/// # Ok::<(), passforge::GenerateError>(())
/// ```
pub fn url_safe_token(nbytes: usize) -> Result<Password, GenerateError> {
    check(nbytes)?;
    url_safe_token_with(&mut os_rng()?, nbytes)
}

/// [`url_safe_token`] from `rng`: the token is the first `nbytes` bytes `rng` gives
/// (`fill_bytes`), encoded; a seeded [`crate::DeterministicRng`] reproduces the vectors.
///
/// ```
/// use passforge::{url_safe_token_with, DeterministicRng};
/// let token = url_safe_token_with(&mut DeterministicRng::from_seed_for_tests(1), 3)?;
/// assert_eq!(token.as_str().len(), 4);
/// assert!(url_safe_token_with(&mut DeterministicRng::from_seed_for_tests(1), 0).is_err());
/// # Ok::<(), passforge::GenerateError>(())
/// ```
pub fn url_safe_token_with<R: RngCore + CryptoRng + ?Sized>(
    rng: &mut R,
    nbytes: usize,
) -> Result<Password, GenerateError> {
    check(nbytes)?;
    let mut bytes = Zeroizing::new(vec![0u8; nbytes]);
    rng.fill_bytes(&mut bytes);
    // The encoder writes into a buffer of exactly the token's length, which becomes the
    // password's storage: no copy is left behind.
    let mut text = vec![0u8; Base64UrlUnpadded::encoded_len(&bytes)];
    let written = Base64UrlUnpadded::encode(&bytes, &mut text)
        .map(str::len)
        .unwrap_or(0);
    debug_assert_eq!(written, text.len());
    Ok(Password::from_ascii(text))
}

fn check(nbytes: usize) -> Result<(), GenerateError> {
    if (1..=MAX_TOKEN_BYTES).contains(&nbytes) {
        Ok(())
    } else {
        Err(GenerateError::TokenBytes { requested: nbytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::rng::DeterministicRng;

    #[test]
    fn lengths_and_alphabet() {
        let mut rng = DeterministicRng::from_seed_for_tests(7);
        for nbytes in [1, 2, 3, 4, 31, 32, 33, MAX_TOKEN_BYTES] {
            let token = url_safe_token_with(&mut rng, nbytes).unwrap();
            assert_eq!(token.as_str().len(), (4 * nbytes).div_ceil(3), "{nbytes}");
            assert!(token
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        }
    }

    #[test]
    fn the_token_is_the_rng_bytes_encoded() {
        let mut bytes = [0u8; 5];
        DeterministicRng::from_seed_for_tests(3).fill_bytes(&mut bytes);
        let token = url_safe_token_with(&mut DeterministicRng::from_seed_for_tests(3), 5).unwrap();
        assert_eq!(
            Base64UrlUnpadded::decode_vec(token.as_str()).unwrap(),
            bytes
        );
    }

    #[test]
    fn byte_counts_out_of_range_are_refused() {
        for nbytes in [0, MAX_TOKEN_BYTES + 1, usize::MAX] {
            let e = url_safe_token_with(&mut DeterministicRng::from_seed_for_tests(1), nbytes)
                .unwrap_err();
            assert_eq!(e.code(), "TOKEN_BYTES");
            assert_eq!(url_safe_token(nbytes).unwrap_err().code(), "TOKEN_BYTES");
        }
    }
}
