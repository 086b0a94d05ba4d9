//! Security answers: `SecurityAnswerHasher::verify` on arbitrary stored strings (raw text,
//! and PHC strings assembled from arbitrary parts), and hash + verify round trips with
//! small Argon2id parameters.
//!
//! Properties: nothing panics or aborts; a stored string that is not Argon2id PHC is a
//! typed error; `verify` is `Ok(true)` only when the Argon2 crate itself, run directly on
//! the normalised answer, agrees; a PHC string built from a real Argon2id output verifies
//! and one with a flipped output bit does not; an error never repeats the answer; `new`
//! refuses parameters Argon2 does not allow; a stored hash carries the configured
//! parameters, a 16-byte salt and a 32-byte output, and verifies exactly the answers that
//! normalise to the same text; normalisation is idempotent; every input answers within
//! its time bound.
#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use libfuzzer_sys::fuzz_target;
use passforge::{normalize_answer, AnswerHashParams, DeterministicRng, SecurityAnswerHasher};

/// The core's maximums (issue 14, commit 348a594): above them a stored hash or a setting
/// is refused before any Argon2 work. (Before that commit `m=4294967295` aborted the
/// process, and the harness kept m <= 65 536 KiB and t <= 10.)
const MAX_M: u32 = AnswerHashParams::MAX_MEMORY_KIB;
const MAX_T: u32 = AnswerHashParams::MAX_ITERATIONS;
const MAX_P: u32 = AnswerHashParams::MAX_PARALLELISM;

fn within_maximums(m: u32, t: u32, p: u32) -> bool {
    m <= MAX_M && t <= MAX_T && p <= MAX_P
}

/// A private-use character: no normalisation produces it from other characters, so if
/// an error message holds it, the message repeats the answer.
const MARKER: char = '\u{E000}';

/// The time bound per input, for everything but Argon2's own work (parsing, normalising,
/// comparing). A slower input is a finding.
const BOUND: Duration = Duration::from_millis(250);
/// Argon2's work is m × t one-KiB block compressions per hash. Measured in this fuzz
/// build (ASan, debug assertions) at about 7.5 µs each on the shared 2-core machine
/// under load (`m=65536,t=2` verified three times in 2.99 s); 25 µs leaves room for more
/// load without hiding an input that is slow for another reason.
const PER_BLOCK_PASS: Duration = Duration::from_micros(25);
/// At most this many block passes per Argon2 run (128 Ki: about 1 s here), so that an
/// input stays well inside libFuzzer's `-timeout`: a stored string within the core's
/// maximums but costlier than this (up to 256 MiB × 16 passes, tens of seconds in this
/// build) is not verified, for throughput only.
const MAX_PHC_WORK: u32 = 2 * 65_536;

#[derive(Arbitrary, Debug)]
enum Case {
    /// Raw text: the stored string, a newline, then the answer (the seeds' shape).
    Stored { text: String },
    /// A PHC string assembled from parts, with a real output or arbitrary bytes.
    Phc(Phc),
    /// Hash with small parameters, then verify.
    RoundTrip(RoundTrip),
}

#[derive(Arbitrary, Debug)]
struct Phc {
    ident: Ident,
    version: Option<u32>,
    m: u32,
    t: u32,
    p: u32,
    /// Swap the order of the parameters, or add one Argon2 does not know.
    reorder: bool,
    extra: Option<(String, String)>,
    salt: Vec<u8>,
    output_len: u8,
    /// Use the real Argon2id output (else `junk`), and flip this bit of it.
    real: bool,
    flip: Option<u16>,
    junk: Vec<u8>,
    answer: String,
}

#[derive(Arbitrary, Debug)]
enum Ident {
    Argon2id,
    Argon2i,
    Argon2d,
    Other(String),
}

#[derive(Arbitrary, Debug)]
struct RoundTrip {
    /// Given to `new` as they are (never hashed with unless small).
    raw: (u32, u32, u32),
    /// Small parameters for hashing: m = 8p + m % 1024 KiB, t = 1 + t % 3, p = 1 + p % 4.
    m: u16,
    t: u8,
    p: u8,
    seed: u64,
    answer: String,
    other: String,
    padding: Padding,
}

#[derive(Arbitrary, Debug)]
enum Padding {
    None,
    Spaces(u8, u8),
    Tabs,
    NoBreak,
}

mod bound;

fuzz_target!(|case: Case| {
    // The bound allows for the Argon2 block passes the input asked for.
    let allowed = |work: &u64| BOUND + PER_BLOCK_PASS * u32::try_from(*work).unwrap_or(u32::MAX);
    bound::within(allowed, || match &case {
        Case::Stored { text } => {
            let (stored, answer) = text.split_once('\n').unwrap_or((text, "answer"));
            check_stored(stored, answer).1
        }
        Case::Phc(phc) => check_phc(phc),
        Case::RoundTrip(rt) => check_round_trip(rt),
    });
});

/// Argon2 0.5.3 computes `p_cost * 8` in u32 before it checks p (src/params.rs:119), so
/// p >= 2^29 panics where overflow checks are on, this build included. The core reads
/// and bounds m, t and p itself before Argon2 sees them (fce1b94; fuzz_regressions.rs,
/// `answer_verify_refuses_a_stored_parallelism_above_the_argon2_limit`), so `verify`,
/// `needs_rehash` and `new` are handed every p. Only the harness's own direct calls to
/// argon2 (`Params::new`, `Params::try_from`, the cross-checks) still stay below it.
const ARGON2_P_OVERFLOW: u32 = 1 << 29;

/// Whether Argon2 allows these parameters (its documented ranges), without calling it.
fn argon2_allows(m: u32, t: u32, p: u32) -> bool {
    (1..=Params::MAX_P_COST).contains(&p) && t >= 1 && u64::from(m) >= 8 * u64::from(p)
}

/// The m, t and p a stored string names (PHC refuses repeats), read as Argon2 reads
/// them, with Argon2's defaults (19 456 KiB, 2, 1) for those it leaves out;
/// `None` when it is not PHC.
fn stated_params(stored: &str) -> Option<(u32, u32, u32)> {
    let hash = PasswordHash::new(stored).ok()?;
    let (mut m, mut t, mut p) = (0, 0, 0);
    let named = |name: &str| hash.params.iter().any(|(n, _)| n.as_str() == name);
    if !named("m") {
        m = Params::DEFAULT_M_COST;
    }
    if !named("t") {
        t = Params::DEFAULT_T_COST;
    }
    if !named("p") {
        p = Params::DEFAULT_P_COST;
    }
    for (name, value) in hash.params.iter() {
        let Ok(v) = value.decimal() else { continue };
        match name.as_str() {
            "m" => m = m.max(v),
            "t" => t = t.max(v),
            "p" => p = p.max(v),
            _ => {}
        }
    }
    Some((m, t, p))
}

type Verdict = Option<Result<bool, passforge::SecurityAnswerError>>;

/// Verifies and checks the answer; returns the verdict (`None`: not tried, a hash within
/// the maximums that costs more than MAX_PHC_WORK, to keep the fuzzer fast) and the
/// Argon2 block passes spent (for the time bound).
fn check_stored(stored: &str, answer: &str) -> (Verdict, u64) {
    let stated = stated_params(stored);
    let (m, t, p) = stated.unwrap_or((0, 0, 0));
    let within = within_maximums(m, t, p);
    if within && m.saturating_mul(t) > MAX_PHC_WORK {
        return (None, 0);
    }
    let result = SecurityAnswerHasher::verify(stored, answer);
    let hash = PasswordHash::new(stored);
    if stated.is_some() && !within {
        // Refused before any work: the time bound below allows no Argon2 pass.
        let e = result
            .as_ref()
            .expect_err("a stored hash above the maximums is refused");
        // Whether Argon2 could read the parameters. Argon2 refuses p above MAX_P_COST
        // anyway, and asking it about p >= 2^29 would overflow inside it.
        let readable = hash.as_ref().is_ok_and(|h| {
            h.algorithm == argon2::ARGON2ID_IDENT
                && p <= Params::MAX_P_COST
                && Params::try_from(h).is_ok()
        });
        // A repeated parameter is refused as such (the core will not guess which one
        // Argon2 reads), before the costs are looked at.
        let repeats = hash.as_ref().is_ok_and(|h| {
            let mut names: Vec<&str> = h.params.iter().map(|(n, _)| n.as_str()).collect();
            names.sort_unstable();
            names.windows(2).any(|w| w[0] == w[1])
        });
        if repeats {
            assert_eq!(e.code(), "ANSWER_HASH_SYNTAX", "{stored:?}: {e}");
        } else if readable {
            assert_eq!(e.code(), "ANSWER_HASH_PARAMS", "{stored:?}: {e}");
        }
        return (Some(result), 0);
    }
    match &result {
        Ok(matched) => {
            let hash = hash.expect("verify accepted a string that is not PHC");
            assert_eq!(hash.algorithm, argon2::ARGON2ID_IDENT, "{stored:?}");
            if *matched {
                // The Argon2 crate itself agrees on the normalised answer.
                let normalized = normalize_answer(answer);
                assert!(!normalized.is_empty());
                assert!(answer.chars().count() <= SecurityAnswerHasher::MAX_ANSWER_CHARS);
                Argon2::default()
                    .verify_password(normalized.as_bytes(), &hash)
                    .expect("verify said true, Argon2 disagrees");
            }
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            let message = e.to_string();
            assert!(!message.is_empty());
            if !stored.contains(MARKER) && answer.contains(MARKER) {
                assert!(
                    !message.contains(MARKER),
                    "the error repeats the answer: {message}"
                );
            }
            if let Ok(hash) = &hash {
                if hash.algorithm != argon2::ARGON2ID_IDENT {
                    assert_eq!(e.code(), "ANSWER_HASH_SYNTAX");
                }
            } else {
                assert_eq!(e.code(), "ANSWER_HASH_SYNTAX");
            }
        }
    }
    // Two Argon2 runs at most (verify, then the cross-check).
    (Some(result), 2 * u64::from(m) * u64::from(t))
}

/// PHC's base64: the standard alphabet without padding.
fn b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn check_phc(phc: &Phc) -> u64 {
    // Small costs are the common case, so that the fuzzer stays fast; when the top four
    // bits are set (1 input in 16) m and t reach twice the core's maximums, refused
    // before any work above them, and capped at MAX_PHC_WORK below them. p is any u32
    // then (Argon2 refuses m < 8p; the core refuses p above its maximum first).
    let rare = |v: u32| v >> 28 == 0xF;
    let mut m = phc.m % if rare(phc.m) { 2 * MAX_M + 1 } else { 1025 };
    let mut t = phc.t % if rare(phc.t) { 2 * MAX_T + 1 } else { 4 };
    if m <= MAX_M && t <= MAX_T && m.saturating_mul(t) > MAX_PHC_WORK {
        m = m.min(MAX_PHC_WORK);
        t = (MAX_PHC_WORK / m).min(t);
    }
    let p = if rare(phc.p) { phc.p } else { phc.p % 9 };
    let ident = match &phc.ident {
        Ident::Argon2id => "argon2id",
        Ident::Argon2i => "argon2i",
        Ident::Argon2d => "argon2d",
        Ident::Other(s) => s.as_str(),
    };
    let version = phc.version.map(|v| match v % 4 {
        0 => 0x13,
        1 => 0x10,
        _ => v,
    });
    let salt: Vec<u8> = phc.salt.iter().copied().take(80).collect();
    let output_len = usize::from(phc.output_len % 80);

    // The harness's own Argon2 call: it would overflow at p >= 2^29 (and refuses p
    // above MAX_P_COST anyway).
    let params = (p < ARGON2_P_OVERFLOW)
        .then(|| Params::new(m, t, p, Some(output_len)).ok())
        .flatten();
    let argon_version = match version {
        None | Some(0x13) => Some(Version::V0x13),
        Some(0x10) => Some(Version::V0x10),
        Some(_) => None,
    };
    let mut output: Vec<u8> = phc.junk.iter().copied().take(output_len).collect();
    let mut real = false;
    // Argon2 allocates (and zeroes) its m KiB before it checks the salt and output
    // lengths, so a hash that then fails still costs the memory: counted in the bound
    // (2026-12-01, a 2-byte salt with m = 128 MiB took 280 ms with no allowance).
    let mut attempted = false;
    let cheap = within_maximums(m, t, p);
    if let (true, true, Some(params), Some(version)) =
        (phc.real, cheap, params.clone(), argon_version)
    {
        output = vec![0; output_len];
        let normalized = normalize_answer(&phc.answer);
        attempted = true;
        real = Argon2::new(Algorithm::Argon2id, version, params)
            .hash_password_into(normalized.as_bytes(), &salt, &mut output)
            .is_ok();
    }
    let flipped = match phc.flip {
        Some(bit) if !output.is_empty() => {
            let bit = usize::from(bit) % (output.len() * 8);
            output[bit / 8] ^= 1 << (bit % 8);
            true
        }
        _ => false,
    };

    let mut fields = vec![format!("m={m}"), format!("t={t}"), format!("p={p}")];
    if phc.reorder {
        fields.reverse();
    }
    if let Some((k, v)) = &phc.extra {
        fields.push(format!("{k}={v}"));
    }
    let mut stored = format!("${ident}");
    if let Some(v) = version {
        stored += &format!("$v={v}");
    }
    stored += &format!("${}${}${}", fields.join(","), b64(&salt), b64(&output));

    let (result, work) = check_stored(&stored, &phc.answer);
    let Some(result) = result else {
        return work; // an `extra` parameter repeated m or t above the caps
    };
    let answer_usable = phc.answer.chars().count() <= SecurityAnswerHasher::MAX_ANSWER_CHARS
        && !normalize_answer(&phc.answer).is_empty();
    // A real output in a well-formed Argon2id string (the documented parameter order,
    // salt and output lengths PHC allows) verifies; flipped, it does not.
    let well_formed = real
        && ident == "argon2id"
        && !phc.reorder
        && phc.extra.is_none()
        && (8..=48).contains(&salt.len())
        && (10..=64).contains(&output_len);
    if well_formed && answer_usable && cheap {
        assert_eq!(
            result.as_ref().ok(),
            Some(&!flipped),
            "{stored:?}: {result:?}"
        );
    }
    if flipped || !real {
        // Arbitrary output bytes never verify (a 2^-80 chance at 10 bytes).
        assert_ne!(result.as_ref().ok(), Some(&true), "{stored:?}");
    }
    if ident != "argon2id" || !cheap {
        assert!(result.is_err(), "{stored:?}: {result:?}");
    }
    work + u64::from(attempted) * u64::from(m) * u64::from(t)
}

fn pad(answer: &str, padding: &Padding) -> String {
    match padding {
        Padding::None => answer.to_owned(),
        Padding::Spaces(a, b) => format!(
            "{}{}{}",
            " ".repeat(usize::from(a % 4)),
            answer,
            " ".repeat(usize::from(b % 4))
        ),
        Padding::Tabs => format!("\t{}\n", answer.replace(' ', "\t ")),
        Padding::NoBreak => format!("\u{A0}{}\u{3000}", answer.replace(' ', "\u{2003}")),
    }
}

fn check_round_trip(rt: &RoundTrip) -> u64 {
    // `new` accepts exactly what Argon2 allows within the core's maximums (p >= 2^29
    // included: the maximums are checked first).
    let (rm, rtc, rp) = rt.raw;
    if rp < ARGON2_P_OVERFLOW {
        let argon2_ok = Params::new(rm, rtc, rp, None).is_ok();
        assert_eq!(argon2_ok, argon2_allows(rm, rtc, rp), "{rm} {rtc} {rp}");
    }
    let allowed = argon2_allows(rm, rtc, rp) && within_maximums(rm, rtc, rp);
    let raw = SecurityAnswerHasher::new(AnswerHashParams {
        memory_kib: rm,
        iterations: rtc,
        parallelism: rp,
    });
    match &raw {
        Ok(_) => assert!(allowed, "new accepted m={rm}, t={rtc}, p={rp}"),
        Err(e) => assert!(!e.code().is_empty()),
    }
    if !allowed {
        assert_eq!(raw.unwrap_err().code(), "ANSWER_HASH_PARAMS");
    }

    let p = 1 + u32::from(rt.p % 4);
    let m = 8 * p + u32::from(rt.m % 1024);
    let t = 1 + u32::from(rt.t % 3);
    let hasher = SecurityAnswerHasher::new(AnswerHashParams {
        memory_kib: m,
        iterations: t,
        parallelism: p,
    })
    .expect("small parameters are valid");

    let normalized = normalize_answer(&rt.answer);
    assert_eq!(
        *normalize_answer(&normalized),
        *normalized,
        "not idempotent"
    );
    let too_long = rt.answer.chars().count() > SecurityAnswerHasher::MAX_ANSWER_CHARS;
    let mut rng = DeterministicRng::from_seed_for_tests(rt.seed);
    let stored = match hasher.hash_with(&mut rng, &rt.answer) {
        Ok(stored) => {
            assert!(!too_long && !normalized.is_empty());
            stored
        }
        Err(e) => {
            let expected = if too_long {
                "ANSWER_TOO_LONG"
            } else {
                "ANSWER_EMPTY"
            };
            assert_eq!(e.code(), expected);
            assert!(too_long || normalized.is_empty());
            return 0;
        }
    };
    let prefix = format!("$argon2id$v=19$m={m},t={t},p={p}$");
    assert!(stored.starts_with(&prefix), "{stored} for {prefix}");
    let hash = PasswordHash::new(&stored).expect("our own hash is PHC");
    assert_eq!(hash.salt.map(|s| s.len()), Some(22), "16 salt bytes"); // 22 b64 chars
    assert_eq!(hash.hash.map(|h| h.len()), Some(32));
    // The salt comes from the RNG: the same seed gives the same string.
    let mut again = DeterministicRng::from_seed_for_tests(rt.seed);
    assert_eq!(
        hasher.hash_with(&mut again, &rt.answer).as_ref(),
        Ok(&stored)
    );

    assert_eq!(SecurityAnswerHasher::verify(&stored, &rt.answer), Ok(true));
    // Its own hash needs no rehash; a hasher with more memory, or more passes, would.
    assert_eq!(hasher.needs_rehash(&stored), Ok(false));
    let stronger = SecurityAnswerHasher::new(AnswerHashParams {
        memory_kib: m + 8,
        iterations: t + 1,
        parallelism: p,
    })
    .expect("still small");
    assert_eq!(stronger.needs_rehash(&stored), Ok(true));
    let padded = pad(&rt.answer, &rt.padding);
    if padded.chars().count() <= SecurityAnswerHasher::MAX_ANSWER_CHARS {
        assert_eq!(
            SecurityAnswerHasher::verify(&stored, &padded),
            Ok(true),
            "{padded:?}"
        );
    }
    let other_usable = rt.other.chars().count() <= SecurityAnswerHasher::MAX_ANSWER_CHARS;
    let same = other_usable && *normalize_answer(&rt.other) == *normalized;
    assert_eq!(SecurityAnswerHasher::verify(&stored, &rt.other), Ok(same));
    // Hash twice, verify three times.
    5 * u64::from(m) * u64::from(t)
}
