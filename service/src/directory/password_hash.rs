//! Argon2id PHC hashes for the `local` directory at OWASP's minimum (19 MiB, 2 passes,
//! 1 lane), computed in reused block memory.
//!
//! A fresh 19 MiB allocation per hash goes back to the kernel when freed, so the next
//! hash faults it in and the kernel zeroes it again: about a third of a hash's time.
//! The blocks are kept in a small pool instead, and wiped after every use (they hold
//! password-derived data).

use std::sync::{Mutex, PoisonError};

use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, PasswordVerifier, Version};
use zeroize::{Zeroize, Zeroizing};

/// OWASP's Argon2id minimum: 19 MiB, 2 passes, 1 lane.
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;
const OUTPUT_BYTES: usize = 32;
const SALT_BYTES: usize = 16;

/// Block buffers kept between hashes: one per core the hashes can run on here.
const POOLED: usize = 2;

static POOL: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

fn params() -> Params {
    // Constant, valid parameters.
    #[allow(clippy::expect_used)]
    Params::new(MEMORY_KIB, PASSES, LANES, Some(OUTPUT_BYTES)).expect("valid Argon2 parameters")
}

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
}

/// Runs `f` on a pooled block buffer, wiped afterwards.
fn with_blocks<R>(f: impl FnOnce(&mut [Block]) -> R) -> R {
    let pooled = POOL.lock().unwrap_or_else(PoisonError::into_inner).pop();
    let mut blocks = pooled.unwrap_or_else(|| vec![Block::default(); params().block_count()]);
    let result = f(&mut blocks);
    blocks.iter_mut().for_each(Zeroize::zeroize);
    let mut pool = POOL.lock().unwrap_or_else(PoisonError::into_inner);
    if pool.len() < POOLED {
        pool.push(blocks);
    }
    result
}

/// The raw Argon2id output for `password` and `salt` at the local parameters.
fn raw(password: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; OUTPUT_BYTES]>, String> {
    let mut out = Zeroizing::new([0u8; OUTPUT_BYTES]);
    with_blocks(|blocks| {
        hasher().hash_password_into_with_memory(password, salt, &mut *out, blocks)
    })
    .map_err(|e| e.to_string())?;
    Ok(out)
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) for `password`, with
/// a fresh random salt. Blocking: run it off the async threads.
pub fn hash(password: &[u8]) -> Result<String, String> {
    let mut salt = [0u8; SALT_BYTES];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let out = raw(password, &salt)?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: params()
            .try_into()
            .map_err(|e: argon2::password_hash::Error| e.to_string())?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&*out).map_err(|e| e.to_string())?),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches the PHC string `phc` (compared in constant time). Hashes
/// at other parameters than the local ones (none are written here) take the crate's
/// general path.
pub fn verify(password: &[u8], phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let ours = parsed.algorithm == Algorithm::Argon2id.ident()
        && parsed.version == Some(Version::V0x13.into())
        && Params::try_from(&parsed).is_ok_and(|p| {
            (p.m_cost(), p.t_cost(), p.p_cost(), p.output_len())
                == (MEMORY_KIB, PASSES, LANES, Some(OUTPUT_BYTES))
        });
    let (Some(salt), Some(expected), true) = (parsed.salt, parsed.hash, ours) else {
        return Argon2::default().verify_password(password, &parsed).is_ok();
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    match raw(password, salt) {
        Ok(out) => Output::new(&*out).is_ok_and(|got| got == expected),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::PasswordHasher;

    #[test]
    fn the_hash_is_the_standard_phc_string_and_verifies_both_ways() {
        let phc = hash(b"Correct-Horse-1").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify(b"Correct-Horse-1", &phc));
        assert!(!verify(b"Correct-Horse-2", &phc));
        // The crate's own verifier agrees, so a stored hash stays portable.
        let parsed = PasswordHash::new(&phc).unwrap();
        assert!(Argon2::default()
            .verify_password(b"Correct-Horse-1", &parsed)
            .is_ok());
        // And a hash the crate made verifies here.
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
        let theirs = hasher().hash_password(b"pw", &salt).unwrap().to_string();
        assert!(verify(b"pw", &theirs) && !verify(b"pW", &theirs));
    }

    #[test]
    fn other_parameters_take_the_general_path_and_garbage_is_false() {
        let salt = SaltString::encode_b64(&[1u8; 16]).unwrap();
        let other = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8, 1, 1, None).unwrap(),
        )
        .hash_password(b"pw", &salt)
        .unwrap()
        .to_string();
        assert!(verify(b"pw", &other) && !verify(b"px", &other));
        assert!(!verify(b"pw", "not a hash"));
        assert!(!verify(b"pw", ""));
    }

    #[test]
    fn a_pooled_buffer_is_wiped_after_use() {
        hash(b"Correct-Horse-1").unwrap();
        let pool = POOL.lock().unwrap_or_else(PoisonError::into_inner);
        for blocks in pool.iter() {
            assert!(blocks.iter().all(|b| b.as_ref().iter().all(|w| *w == 0)));
        }
    }
}
