"""passforge: exactly uniform password generation with per-class minimums and regex
strength checks; password policies (validation, policy-compliant generation, Active
Directory and OpenLDAP ppolicy rules, a NIST lint); service tokens, reset tokens,
one-time codes, security answers and password-expiry math; ``secrets``-style one-liners
(:func:`pin`, :func:`token_urlsafe`). Backed by the Rust core.

Instants are aware ``datetime`` values (results in UTC); durations are ``timedelta``,
except where the core counts int seconds.

>>> import passforge
>>> g = passforge.Generator(length=16, lower=8, upper=4, digits=2, symbols=2)
>>> len(g.generate())
16
>>> policy = passforge.Policy(min_length=12, min_digits=1, blocklist=True)
>>> [v.code for v in policy.validate("password").violations]
['TOO_SHORT', 'INSUFFICIENT_DIGITS', 'IN_BLOCKLIST']
>>> bool(policy.validate(passforge.Generator(policy=policy).generate()))
True
>>> len(passforge.pin()), len(passforge.token_urlsafe())
(6, 43)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from passforge import _native
from passforge._errors import (
    ConfigError,
    ErrorCodeInfo,
    ExpiryError,
    GenerationError,
    NaiveDatetimeError,
    OneTimeCodeError,
    PassforgeError,
    PasswordRulesError,
    PolicyError,
    PolicyUnmetError,
    ReplayGuardFull,
    ResetTokenError,
    SecurityAnswerError,
    SendRefused,
    SettingsError,
    SettingsShortfall,
    StrengthCheckError,
    TimeError,
    TokenError,
)
from passforge._native import (
    AMBIGUOUS,
    DEFAULT_SYMBOLS,
    MAX_BATCH,
    MAX_LENGTH,
    MAX_PASSPHRASE_WORDS,
    MAX_TOKEN_BYTES,
    AcceptedToken,
    AgeRules,
    CodeCheck,
    Expiry,
    ExportedRules,
    ExpiryStatus,
    Finding,
    Generator,
    LockoutRules,
    MaxPasswordAge,
    MemoryReplayGuard,
    OneTimeCodePolicy,
    PassphraseGenerator,
    PasswordLastSet,
    PasswordRules,
    Policy,
    ReminderDelay,
    ResetToken,
    RequestTokenScheme,
    ResetTokenDigest,
    RuleCharacters,
    SecurityAnswerHasher,
    SecurityQuestionRule,
    SharedToken,
    StoredResetToken,
    StrengthCheck,
    TimeTokenScheme,
    TokenCheck,
    UnexpressedRule,
    UserAccountControl,
    ValidationResult,
    Violation,
    WordList,
    __version__,
    ad_interval_from_duration,
    common_password_count,
    display_name_tokens,
    duration_from_ad_interval,
    filetime_from_timestamp,
    is_common_password,
    lint,
    normalize_answer,
    pin,
    request_binding,
    resolve_pso,
    rfc3339_from_timestamp,
    timestamp_from_filetime,
    timestamp_from_rfc3339,
    token_urlsafe,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from passforge._native import _GeneratorSettings

__all__ = [
    "AMBIGUOUS",
    "DEFAULT_SYMBOLS",
    "MAX_BATCH",
    "MAX_LENGTH",
    "MAX_PASSPHRASE_WORDS",
    "MAX_TOKEN_BYTES",
    "AcceptedToken",
    "AgeRules",
    "CodeCheck",
    "ConfigError",
    "ErrorCodeInfo",
    "Expiry",
    "ExpiryError",
    "ExpiryStatus",
    "ExportedRules",
    "Finding",
    "GenerationError",
    "Generator",
    "LockoutRules",
    "MaxPasswordAge",
    "MemoryReplayGuard",
    "NaiveDatetimeError",
    "OneTimeCodeError",
    "OneTimeCodePolicy",
    "PassforgeError",
    "PassphraseGenerator",
    "PasswordLastSet",
    "PasswordRules",
    "PasswordRulesError",
    "Policy",
    "PolicyError",
    "PolicyUnmetError",
    "ReminderDelay",
    "ReplayGuardFull",
    "RequestTokenScheme",
    "ResetToken",
    "ResetTokenDigest",
    "ResetTokenError",
    "RuleCharacters",
    "SecurityAnswerError",
    "SecurityAnswerHasher",
    "SecurityQuestionRule",
    "SendRefused",
    "SettingsError",
    "SettingsShortfall",
    "SharedToken",
    "StoredResetToken",
    "StrengthCheck",
    "StrengthCheckError",
    "TimeError",
    "TimeTokenScheme",
    "TokenCheck",
    "TokenError",
    "UnexpressedRule",
    "UserAccountControl",
    "ValidationResult",
    "Violation",
    "WordList",
    "__version__",
    "ad_interval_from_duration",
    "common_password_count",
    "display_name_tokens",
    "duration_from_ad_interval",
    "error_codes",
    "filetime_from_timestamp",
    "generate",
    "is_common_password",
    "lint",
    "normalize_answer",
    "pin",
    "request_binding",
    "resolve_pso",
    "rfc3339_from_timestamp",
    "timestamp_from_filetime",
    "timestamp_from_rfc3339",
    "token_urlsafe",
]


def generate(**settings: Unpack[_GeneratorSettings]) -> str:
    """One password from ``Generator(**settings)``; see :class:`Generator`."""
    return Generator(**settings).generate()


def error_codes() -> list[ErrorCodeInfo]:
    """Every error code a passforge exception's ``code`` can be, from the Rust core's
    registry (the one list the docs are generated from), grouped by concern; see
    :class:`ErrorCodeInfo`."""
    return [ErrorCodeInfo(*info) for info in _native.error_codes()]


# The namespace holds the API only: ``dir(passforge)`` lists ``__all__`` and dunders
# (plus the private ``_errors`` and ``_native`` modules).
del annotations, TYPE_CHECKING
