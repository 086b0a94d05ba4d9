//! The error-code registry: every code a passforge error can carry, with its meaning,
//! in one list that the docs, the bindings' types and the tests are checked against.

/// Implemented by every public error type of passforge: the stable, machine-readable
/// code that every front-end exposes (`e.code` in Python and JS, `error.code` in the
/// reset service's answers). Every code is listed by [`error_codes`].
pub trait ErrorCode: std::error::Error {
    /// The stable code, e.g. `"CLASS_EMPTY"`.
    fn code(&self) -> &'static str;
}

/// Which part of passforge raises a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Concern {
    /// Generator settings and generation.
    Generate,
    /// The random source.
    Random,
    /// Policies: reading, building, generating within one, PSO resolution.
    Policy,
    /// Instants, intervals, expiry and reminder settings.
    Time,
    /// Service tokens, reset tokens, one-time codes, security answers.
    Auth,
    /// Arguments a front-end could not convert before calling the core.
    Argument,
    /// The reset service's HTTP answers (`passforge-service`): listed here so that one
    /// registry names every code a passforge component can answer with.
    Service,
}

impl Concern {
    /// The concern's name, as in the generated docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Generate => "generate",
            Self::Random => "random",
            Self::Policy => "policy",
            Self::Time => "time",
            Self::Auth => "auth",
            Self::Argument => "argument",
            Self::Service => "service",
        }
    }
}

/// One entry of the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorCodeInfo {
    /// The code.
    pub code: &'static str,
    /// Which part raises it.
    pub concern: Concern,
    /// When it is raised, in one sentence.
    pub meaning: &'static str,
}

/// Every error code, grouped by concern. Codes are never renamed or reused.
pub fn error_codes() -> &'static [ErrorCodeInfo] {
    ERROR_CODES
}

/// The registry entry of `code`, if it is one.
pub fn error_code_info(code: &str) -> Option<&'static ErrorCodeInfo> {
    ERROR_CODES.iter().find(|info| info.code == code)
}

/// The registry as a Markdown table (for `docs/error-codes.md`, which a test keeps equal
/// to this output).
pub fn error_codes_markdown() -> String {
    let mut out = String::from("| code | concern | when |\n| --- | --- | --- |\n");
    for info in ERROR_CODES {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            info.code,
            info.concern.as_str(),
            info.meaning
        ));
    }
    out
}

macro_rules! codes {
    ($($concern:ident $code:literal $meaning:literal;)+) => {
        &[$(ErrorCodeInfo { code: $code, concern: Concern::$concern, meaning: $meaning }),+]
    };
}

const ERROR_CODES: &[ErrorCodeInfo] = codes! {
    Generate "LENGTH_ZERO" "the effective length (the larger of the length and the sum of the class minimums) is 0";
    Generate "LENGTH_TOO_LARGE" "the effective length is above the maximum of 1024";
    Generate "CLASS_EMPTY" "a class has a minimum but no characters left after exclusions";
    Generate "NO_CHARACTERS" "every class is empty";
    Generate "CHARSET_CHARACTER" "a character set holds a character that is not printable (a control, white space, a combining mark, an invisible format character, ...)";
    Generate "STRENGTH_CHECK_SYNTAX" "the strength check is not a list of single-quoted patterns separated by commas";
    Generate "STRENGTH_CHECK_PATTERN" "a strength-check pattern is invalid or uses unsupported syntax (look-around, back-references)";
    Generate "STRENGTH_CHECK_TOO_LONG" "a strength-check pattern is longer than the maximum";
    Generate "STRENGTH_CHECK_TOO_MANY" "the strength check has more patterns than the maximum";
    Generate "STRENGTH_CHECK_TOO_COMPLEX" "the strength check's counted repetition (such as .{0,5000}) is above the budget that keeps every check fast";
    Generate "STRENGTH_CHECK_CLASS_UNAVAILABLE" "a strength-check pattern uses a Unicode property class (\\p{L}) and this build leaves their tables out (the WASM package)";
    Generate "STRENGTH_CHECK_UNMET" "no candidate passed the strength check within the attempt budget";
    Generate "TOKEN_BYTES" "a URL-safe token of 0 random bytes or of more than the maximum of 1024";
    Generate "BATCH_TOO_LARGE" "more passwords were asked for in one batch than the maximum (generate in several batches)";
    Generate "WORDLIST_NOT_UTF8" "a word list file is not UTF-8";
    Generate "WORDLIST_WORD_EMPTY" "a word of a word list is empty";
    Generate "WORDLIST_WORD_TOO_LONG" "a word of a word list is longer than 64 characters";
    Generate "WORDLIST_CHARACTER" "a word holds a character that is not printable (white space, a control, a combining mark, an invisible format character, ...)";
    Generate "WORDLIST_DUPLICATE" "two words of a word list are the same after NFKC and case folding";
    Generate "WORDLIST_TOO_SMALL" "a word list has fewer than 2 words";
    Generate "WORDLIST_TOO_LARGE" "a word list has more than 65,536 words or 1 MiB of words";
    Generate "PASSPHRASE_WORD_COUNT" "a passphrase's word count is 0 or above the maximum of 64";
    Generate "PASSPHRASE_SEPARATOR" "a passphrase separator is longer than 32 characters or holds a character that is not printable (a space is allowed)";
    Generate "PASSPHRASE_TOO_LONG" "the longest passphrase the settings allow is above 1024 characters";
    Generate "PASSPHRASE_AMBIGUOUS" "two different draws could give the same passphrase (words that run together, separator characters inside words, a digit next to digits), so the settings are refused";
    Random "RANDOM_SOURCE" "the operating system's random source failed";
    Policy "POLICY_SYNTAX" "a policy document could not be read: TOML or JSON syntax, an unknown key, a value of the wrong type, or a document that is not an object";
    Policy "POLICY_LENGTH_RANGE" "the policy's minimum length is above its maximum length";
    Policy "POLICY_MINIMUMS_ABOVE_MAXIMUM" "the policy's class minimums add up to more than its maximum length";
    Policy "POLICY_CATEGORIES" "min_categories is above 5";
    Policy "POLICY_OUT_OF_RANGE" "a policy setting has a value outside its accepted range";
    Policy "POLICY_STRENGTH_CHECK" "the policy's strength_check could not be parsed";
    Policy "POLICY_FORBIDDEN_PATTERN" "one of the policy's forbidden_patterns could not be compiled";
    Policy "POLICY_CONFLICTING_DIRECTORIES" "the policy has both an [ad] and a [ppolicy] table";
    Policy "POLICY_INVALID_ATTRIBUTE" "a directory attribute (or allowed_characters, or a required_characters group) has a value that cannot be used";
    Policy "POLICY_SCORE_UNAVAILABLE" "min_score is set but this build has no zxcvbn";
    Policy "SETTINGS_BELOW_POLICY" "the generator settings cannot guarantee the policy (every reason is listed)";
    Policy "POLICY_UNMET" "no candidate complied with the policy within the attempt budget";
    Policy "POLICY_ACCEPTANCE_TOO_LOW" "so few of the generator's passwords pass max_repeat and the required_characters it does not guarantee that generation would run out of attempts more often than once in 2^30";
    Policy "PASSWORD_RULES_SYNTAX" "a password-rules string is not 'property: value; ...': something else stood where a property, its ':', a value or the ',' or ';' after it belongs";
    Policy "PASSWORD_RULES_UNKNOWN_PROPERTY" "a password-rules property other than minlength, maxlength, required, allowed and max-consecutive (lowercase)";
    Policy "PASSWORD_RULES_UNKNOWN_CLASS" "a password-rules class other than upper, lower, digit, special, ascii-printable, unicode or a custom class [...]";
    Policy "PASSWORD_RULES_NUMBER" "a password-rules minlength, maxlength or max-consecutive that is not a whole number right before ';' or the end, or is above 4294967295";
    Policy "PASSWORD_RULES_CLASS_DASH" "a '-' in a password-rules custom class that is not its first character";
    Policy "PASSWORD_RULES_CLASS_BRACKET" "a ']' in a password-rules custom class that is not its last character";
    Policy "PASSWORD_RULES_CLASS_UNTERMINATED" "a password-rules custom class without its closing ']'";
    Policy "PASSWORD_RULES_CLASS_EMPTY" "a password-rules custom class with no ASCII printable character";
    Policy "PASSWORD_RULES_OPTION" "a generator option that defines classes (a count, a set, a strength check) was combined with password rules";
    Policy "CONTEXT_WITHOUT_POLICY" "a user context (username, display name, e-mail) was given without a policy to apply it to";
    Policy "PSO_CANDIDATE" "a PSO candidate is malformed (precedence, link, objectGUID or an attribute)";
    Time "TIME_RFC3339" "a text is not an RFC 3339 date-time with an offset";
    Time "TIME_OUT_OF_RANGE" "an instant lies outside what the target representation can hold";
    Time "TIME_NAIVE" "a date-time has no UTC offset (a front-end's naive datetime)";
    Time "DURATION_NEGATIVE" "a duration is negative where only zero or more is meaningful";
    Time "FILETIME_NEGATIVE" "a FILETIME instant is negative";
    Time "INTERVAL_POSITIVE" "an Active Directory interval is positive (AD stores durations as negative ticks)";
    Time "REMINDER_DELAY_TOO_LONG" "the reminder job's maximum random delay is not under 600 s";
    Auth "TOKEN_SECRET_EMPTY" "the shared token is empty";
    Auth "TOKEN_PERIOD" "the token window length is 0 or above the maximum";
    Auth "TOKEN_SKEW" "more neighbouring token windows than the maximum";
    Auth "TOKEN_NONCE" "a request-token nonce is not 16 to 64 characters of A-Z, a-z, 0-9, _ and -";
    Auth "REPLAY_GUARD_FULL" "the in-memory replay guard is full of unexpired tokens (the token is refused)";
    Auth "RESET_TOKEN_MISMATCH" "the reset token does not match the stored digest";
    Auth "RESET_TOKEN_EXPIRED" "the reset token is past its expiry";
    Auth "RESET_TOKEN_LIFETIME" "the reset token's lifetime is out of range";
    Auth "RESET_TOKEN_DIGEST_SYNTAX" "a stored reset-token digest is not 64 hexadecimal digits";
    Auth "CODE_DIGITS" "a one-time code length outside 4 to 10 digits";
    Auth "CODE_SETTING_ZERO" "a one-time-code setting that must be positive is 0";
    Auth "CODE_SEND_LIMIT" "the daily number of one-time codes for this user is reached";
    Auth "CODE_SEND_TOO_SOON" "a one-time code was sent too recently";
    Auth "ANSWER_EMPTY" "a security answer is empty after normalisation";
    Auth "ANSWER_TOO_LONG" "a security answer is longer than the maximum";
    Auth "ANSWER_HASH_PARAMS" "Argon2 parameters outside what Argon2 allows";
    Auth "ANSWER_HASH_SYNTAX" "a stored answer hash is not an Argon2id PHC string";
    Auth "ANSWER_HASHING" "hashing a security answer failed";
    Auth "QUESTION_COUNTS" "the questions asked at reset are not at least 1 and fewer than those enrolled";
    Argument "UNKNOWN_NAME" "a name that is not one of an enum's names (a length unit, a token algorithm, ...)";
    Argument "INVALID_ARGUMENT" "a front-end argument of the wrong type or out of range, refused before the core saw it";
    Service "BAD_REQUEST" "the request's body, path or query is not what the API documents (400)";
    Service "UNAUTHENTICATED" "no bearer token, or one that no configured client's token and mode accept (401)";
    Service "OPERATION_NOT_ALLOWED" "the authenticated client may not call this operation (403)";
    Service "USER_NOT_ALLOWED" "the user is in no allowed group or in a forbidden one; the answer names the rule (403)";
    Service "VALIDATION_DENIED" "the request validation script did not answer the configured value, failed or timed out (403)";
    Service "NOT_FOUND" "no such route (404)";
    Service "METHOD_NOT_ALLOWED" "the route exists but not with this HTTP method (405)";
    Service "USER_NOT_FOUND" "the directory has no such user (404)";
    Service "DIRECTORY_NOT_FOUND" "no directory of that name is configured (404)";
    Service "ACCOUNT_LOCKED" "the account is locked and resetting locked accounts is disabled (409)";
    Service "PAYLOAD_TOO_LARGE" "the request body is above the service's limit (413)";
    Service "POLICY_VIOLATION" "the supplied password breaks the user's effective policy; the answer lists every violation (422)";
    Service "GENERATOR_TOO_WEAK" "the configured generator is weaker than the user's effective policy; the answer lists every reason (422)";
    Service "IDEMPOTENCY_KEY_REUSED" "an Idempotency-Key was sent again with a different body or by another client (422)";
    Service "IDEMPOTENCY_IN_PROGRESS" "a request with the same Idempotency-Key is still being answered; retry later (409)";
    Service "RATE_LIMITED" "too many failed authentications from this address; wait for Retry-After (429)";
    Service "DIRECTORY_UNAVAILABLE" "the directory is down, timed out or answered a retryable error; retry after Retry-After (503)";
    Service "DIRECTORY_ERROR" "the directory refused the operation; the answer carries its mapped reason (502)";
    Service "INTERNAL" "an unexpected failure inside the service; the logs hold the details under the request id (500)";
};

/// Implements [`ErrorCode`] by each type's inherent `code()`, and [`code_of`] over the
/// same list of types.
macro_rules! error_code_by_inherent {
    ($($ty:ty),+ $(,)?) => {
        $(
            impl ErrorCode for $ty {
                fn code(&self) -> &'static str {
                    <$ty>::code(self)
                }
            }
        )+

        /// The code of any passforge error behind a `dyn Error` (a front-end that
        /// collects errors of several kinds, e.g. with `?` into one error type), or
        /// `None` for an error that is not passforge's.
        pub fn code_of(error: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
            $(
                if let Some(e) = error.downcast_ref::<$ty>() {
                    return Some(e.code());
                }
            )+
            None
        }
    };
}

error_code_by_inherent!(
    crate::InvalidArgument,
    crate::UnknownName,
    crate::RandomSourceError,
    crate::ConfigError,
    crate::StrengthCheckError,
    crate::GenerateError,
    crate::WordListError,
    crate::PassphraseError,
    crate::PolicyError,
    crate::SettingsError,
    crate::PolicyGenerateError,
    crate::PasswordRulesError,
    crate::PsoCandidateError,
    crate::TimeError,
    crate::ExpiryError,
    crate::TokenError,
    crate::ReplayGuardFull,
    crate::ResetTokenError,
    crate::OneTimeCodeError,
    crate::SendRefused,
    crate::SecurityAnswerError,
);

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn code_of_a_dyn_error() {
        let e: Box<dyn std::error::Error> = Box::new(crate::ConfigError::ZeroLength);
        assert_eq!(code_of(e.as_ref()), Some("LENGTH_ZERO"));
        let io = std::io::Error::other("x");
        assert_eq!(code_of(&io), None);
    }

    #[test]
    fn codes_are_unique_and_upper_snake_case() {
        let mut seen = HashSet::new();
        for info in error_codes() {
            assert!(seen.insert(info.code), "{} listed twice", info.code);
            assert!(
                info.code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                info.code
            );
            assert!(!info.meaning.is_empty());
        }
    }

    /// `docs/error-codes.md` is generated: `PASSFORGE_BLESS=1 cargo test -p passforge
    /// error_code` rewrites it from the registry.
    #[test]
    fn the_error_code_docs_are_generated_from_the_registry() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/error-codes.md");
        let expected = format!(
            "# Error codes\n\nEvery code a passforge error carries, in every front-end (the \
             CLI's `error:` lines name the message; Python and JS errors carry `.code`). \
             Generated from the core's registry (`passforge::error_codes()`, \
             `passforge error-codes`); do not edit by hand.\n\n{}",
            error_codes_markdown()
        );
        if std::env::var_os("PASSFORGE_BLESS").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let doc = std::fs::read_to_string(path).unwrap();
        assert!(
            doc == expected,
            "docs/error-codes.md is out of date; run PASSFORGE_BLESS=1 cargo test -p passforge error_code"
        );
    }

    /// The README's error-code section names registered codes only.
    #[test]
    fn the_readme_names_registered_codes_only() {
        let readme = include_str!("../../../README.md");
        let section = readme.split("## Error codes\n").nth(1).unwrap();
        let section = section.split("\n## ").next().unwrap();
        let named: Vec<&str> = section
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|w| w.len() > 3 && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
            .collect();
        assert!(named.len() >= 11, "{named:?}");
        for code in named {
            assert!(
                error_code_info(code).is_some(),
                "README names unknown code {code}"
            );
        }
    }

    /// Both ways: every literal code in a `code()` of `src/` is registered, and every
    /// registered code is returned by some `code()`. Violation, shortfall and lint codes
    /// are results, not errors, and have their own lists.
    #[test]
    fn registry_matches_the_code_methods_in_the_source() {
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut returned = HashSet::new();
        let mut stack = vec![std::path::PathBuf::from(src)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let name = path.file_name().unwrap().to_str().unwrap();
                if ["violation.rs", "shortfall.rs", "nist.rs", "error_code.rs"].contains(&name) {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for body in text.split("pub fn code(&self) -> &'static str {").skip(1) {
                    let body = &body[..body.find("\n    }\n").unwrap_or(body.len())];
                    for literal in body.split('"').skip(1).step_by(2) {
                        returned.insert(literal.to_owned());
                    }
                }
            }
        }
        // The service's codes are returned by passforge-service, whose tests check them.
        let registered: HashSet<String> = error_codes()
            .iter()
            .filter(|i| i.concern != Concern::Service)
            .map(|i| i.code.to_owned())
            .collect();
        let unregistered: Vec<_> = returned.difference(&registered).collect();
        let unreturned: Vec<_> = registered.difference(&returned).collect();
        assert!(
            unregistered.is_empty(),
            "codes missing from the registry: {unregistered:?}"
        );
        assert!(
            unreturned.is_empty(),
            "registered codes no error returns: {unreturned:?}"
        );
    }
}
