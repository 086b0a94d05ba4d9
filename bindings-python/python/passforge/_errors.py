"""Exception classes raised by passforge; the extension module raises them by name.

Each class mirrors the error types of one concern of the Rust core and carries the core's
stable ``code``; every code is in the core's registry, :func:`passforge.error_codes`. An
argument the binding cannot convert (a negative count, a seed out of range, any int
outside the range of the core's integer type) carries the core's ``INVALID_ARGUMENT`` and
is raised as the class of the call it was passed to, never as ``OverflowError``; a value
of the wrong type is a ``TypeError``.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

__all__ = [
    "ConfigError",
    "ErrorCodeInfo",
    "ExpiryError",
    "GenerationError",
    "NaiveDatetimeError",
    "OneTimeCodeError",
    "PassforgeError",
    "PasswordRulesError",
    "PolicyError",
    "PolicyUnmetError",
    "ReplayGuardFull",
    "ResetTokenError",
    "SecurityAnswerError",
    "SendRefused",
    "SettingsError",
    "SettingsShortfall",
    "StrengthCheckError",
    "TimeError",
    "TokenError",
]


class PassforgeError(ValueError):
    """Base class of passforge errors. ``code`` is the core's stable error code
    (for example ``"CLASS_EMPTY"``); ``str(error)`` says what was wrong and what to do."""

    code: str

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    # BaseException pickles as cls(*args); code is not in args, so say how to rebuild.
    def __reduce__(self) -> tuple[type[PassforgeError], tuple[object, ...]]:
        return (type(self), (self.message, self.code))


class ErrorCodeInfo(NamedTuple):
    """One entry of the core's error-code registry (:func:`passforge.error_codes`): the
    ``code``, the ``concern`` that raises it (``"generate"``, ``"random"``, ``"policy"``,
    ``"time"``, ``"auth"``, ``"argument"``, or ``"service"`` for the reset service's HTTP
    answers, which the package never raises) and its ``meaning`` in one sentence."""

    code: str
    concern: str
    meaning: str


class ConfigError(PassforgeError):
    """The settings were refused (``LENGTH_ZERO``, ``LENGTH_TOO_LARGE``, ``CLASS_EMPTY``,
    ``NO_CHARACTERS``, ``CHARSET_CHARACTER`` for a character set holding a character that
    is not printable, a strength-check code via :class:`StrengthCheckError`, or
    ``SETTINGS_BELOW_POLICY`` via :class:`SettingsError`), or a user context was given
    without a policy (``CONTEXT_WITHOUT_POLICY``). ``POLICY_ACCEPTANCE_TOO_LOW`` when a
    policy's ``max_repeat`` or ``required_characters`` let so few candidates through that
    generating could fail; ``PASSWORD_RULES_OPTION`` is a class option combined with
    password rules (``Generator.from_password_rules`` has no such keyword, so Python meets
    it only as a ``TypeError``).

    ``INVALID_ARGUMENT`` for a negative count (an int the core's unsigned type cannot
    hold); a count above that type is ``LENGTH_TOO_LARGE``.

    For passphrases: a word list refused (``WORDLIST_NOT_UTF8``, ``WORDLIST_WORD_EMPTY``,
    ``WORDLIST_WORD_TOO_LONG``, ``WORDLIST_CHARACTER``, ``WORDLIST_DUPLICATE``,
    ``WORDLIST_TOO_SMALL``, ``WORDLIST_TOO_LARGE``) or passphrase settings refused
    (``PASSPHRASE_WORD_COUNT``, ``PASSPHRASE_SEPARATOR``, ``PASSPHRASE_TOO_LONG``,
    ``PASSPHRASE_AMBIGUOUS``: two draws could give the same passphrase), and
    ``UNKNOWN_NAME`` for a capitalization or random separator name."""


class StrengthCheckError(ConfigError):
    """The strength check list could not be parsed or compiled
    (``STRENGTH_CHECK_SYNTAX``, ``STRENGTH_CHECK_PATTERN``, ``STRENGTH_CHECK_TOO_LONG``,
    ``STRENGTH_CHECK_TOO_MANY``, ``STRENGTH_CHECK_TOO_COMPLEX``; ``STRENGTH_CHECK_CLASS_UNAVAILABLE``
    only in builds without Unicode property classes, which this package is not)."""


class GenerationError(PassforgeError):
    """A valid generator could not produce a password (``STRENGTH_CHECK_UNMET``,
    ``RANDOM_SOURCE``, or ``POLICY_UNMET`` via :class:`PolicyUnmetError`); also the
    ``RANDOM_SOURCE`` failure of one-time codes and reminder delays.

    ``BATCH_TOO_LARGE`` for ``generate_many`` above :data:`~passforge.MAX_BATCH`
    passwords; ``TOKEN_BYTES`` for a :func:`~passforge.token_urlsafe` of 0 bytes or above
    :data:`~passforge.MAX_TOKEN_BYTES`; ``INVALID_ARGUMENT`` for a negative ``n`` or
    ``nbytes`` or a ``seed_for_tests`` outside 0 to 2**64 - 1."""


class TimeError(PassforgeError):
    """An instant or interval could not be read or converted (``TIME_RFC3339``,
    ``TIME_OUT_OF_RANGE``, ``FILETIME_NEGATIVE``, ``INTERVAL_POSITIVE``), a naive
    ``datetime`` (``TIME_NAIVE``, :class:`NaiveDatetimeError`) or a negative ``timedelta``
    where the core takes a duration (``DURATION_NEGATIVE``).
    ``TIME_OUT_OF_RANGE`` also reports instants that Python's ``datetime`` cannot hold
    (before year 1 or after 9999)."""


class NaiveDatetimeError(TimeError):
    """A ``datetime`` without a UTC offset was given where an instant is expected
    (code ``TIME_NAIVE``). Pass an aware datetime, e.g. ``datetime.now(timezone.utc)``."""


class ExpiryError(PassforgeError):
    """An expiry computation or reminder setting was refused
    (``REMINDER_DELAY_TOO_LONG``, or a :class:`TimeError` code for an invalid instant or
    interval)."""


class TokenError(PassforgeError):
    """A service-token secret, scheme or request-token nonce was refused
    (``TOKEN_SECRET_EMPTY``, ``TOKEN_PERIOD``, ``TOKEN_SKEW``, ``TOKEN_NONCE``, or
    ``UNKNOWN_NAME`` for an algorithm name other than ``"sha1"`` or ``"hmac-sha256"``,
    which is not echoed). Never contains the secret."""


class ReplayGuardFull(PassforgeError):
    """The in-memory replay guard holds ``capacity`` unexpired tokens and refused a new
    one (code ``REPLAY_GUARD_FULL``): failing closed rather than forgetting a token that
    could then be replayed."""

    capacity: int

    def __init__(self, message: str, code: str, capacity: int) -> None:
        super().__init__(message, code)
        self.capacity = capacity

    def __reduce__(self) -> tuple[type[PassforgeError], tuple[object, ...]]:
        return (type(self), (self.message, self.code, self.capacity))


class ResetTokenError(PassforgeError):
    """A reset token was refused or could not be issued or read
    (``RESET_TOKEN_MISMATCH``, ``RESET_TOKEN_EXPIRED``, ``RESET_TOKEN_LIFETIME``,
    ``RESET_TOKEN_DIGEST_SYNTAX``, ``RANDOM_SOURCE``)."""


class OneTimeCodeError(PassforgeError):
    """One-time-code settings were refused (``CODE_DIGITS``, ``CODE_SETTING_ZERO``)."""


class SendRefused(PassforgeError):
    """A one-time code may not be sent now (``CODE_SEND_TOO_SOON``, ``CODE_SEND_LIMIT``).

    ``next_allowed_at`` is the first instant both sending rules allow, as an aware UTC
    ``datetime``; ``None`` only when that instant lies beyond what ``datetime`` can hold
    (after the year 9999)."""

    next_allowed_at: datetime | None

    def __init__(self, message: str, code: str, next_allowed_at: datetime | None) -> None:
        super().__init__(message, code)
        self.next_allowed_at = next_allowed_at

    def __reduce__(self) -> tuple[type[PassforgeError], tuple[object, ...]]:
        return (type(self), (self.message, self.code, self.next_allowed_at))


class SecurityAnswerError(PassforgeError):
    """A security answer, its hash or the question counts were refused
    (``ANSWER_EMPTY``, ``ANSWER_TOO_LONG``, ``ANSWER_HASH_PARAMS``,
    ``ANSWER_HASH_SYNTAX``, ``ANSWER_HASHING``, ``QUESTION_COUNTS``, ``RANDOM_SOURCE``).
    Never contains the answer."""


class PolicyError(PassforgeError):
    """A password policy was refused (``POLICY_LENGTH_RANGE``,
    ``POLICY_MINIMUMS_ABOVE_MAXIMUM``, ``POLICY_CATEGORIES``, ``POLICY_OUT_OF_RANGE``,
    ``POLICY_STRENGTH_CHECK``, ``POLICY_FORBIDDEN_PATTERN``,
    ``POLICY_CONFLICTING_DIRECTORIES``, ``POLICY_INVALID_ATTRIBUTE``,
    ``POLICY_SCORE_UNAVAILABLE``), or could not be read (``POLICY_SYNTAX``: the TOML or
    JSON text, dict or keywords have a syntax error, an unknown key or a value of the
    wrong type; the message names the key and, for text, the line and column).

    From :func:`~passforge.resolve_pso`: ``PSO_CANDIDATE`` for a malformed candidate
    (its shape, ``precedence``, ``link``, ``object_guid`` or an attribute value), and
    ``INVALID_ARGUMENT`` when ``candidates`` is not a sequence."""


class PasswordRulesError(PolicyError):
    """A password-rules string the language does not allow
    (``PASSWORD_RULES_SYNTAX``, ``PASSWORD_RULES_UNKNOWN_PROPERTY``,
    ``PASSWORD_RULES_UNKNOWN_CLASS``, ``PASSWORD_RULES_NUMBER``,
    ``PASSWORD_RULES_CLASS_DASH``, ``PASSWORD_RULES_CLASS_BRACKET``,
    ``PASSWORD_RULES_CLASS_UNTERMINATED``, ``PASSWORD_RULES_CLASS_EMPTY``). ``line`` and
    ``column`` (1-based, in characters) say where; the message says what to write
    instead. Rules that read but conflict as a policy raise :class:`PolicyError`."""

    line: int | None
    column: int | None

    def __init__(
        self, message: str, code: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message, code)
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type[PassforgeError], tuple[object, ...]]:
        return (type(self), (self.message, self.code, self.line, self.column))


class SettingsShortfall(NamedTuple):
    """One way generator settings fall short of a policy: a stable ``code`` (for example
    ``GENERATOR_LENGTH_BELOW_MINIMUM``) and an English ``message``."""

    code: str
    message: str


class SettingsError(ConfigError):
    """Generator settings cannot guarantee a policy's structural rules (code
    ``SETTINGS_BELOW_POLICY``). ``reasons`` lists every shortfall, in a fixed order."""

    reasons: list[SettingsShortfall]

    def __init__(
        self, message: str, code: str, reasons: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__(message, code)
        self.reasons = [SettingsShortfall(*r) for r in reasons or ()]

    def __reduce__(self) -> tuple[type[PassforgeError], tuple[object, ...]]:
        return (type(self), (self.message, self.code, self.reasons))


class PolicyUnmetError(GenerationError):
    """No generated candidate complied with the policy within the attempt budget (code
    ``POLICY_UNMET``): a rule the settings cannot guarantee (a context rule, a
    blocklist, a pattern, the score) rejects nearly every password. ``attempts`` is the
    number of candidates drawn; ``rejections`` pairs each violation code with how many
    candidates it rejected, most first."""

    attempts: int
    rejections: list[tuple[str, int]]

    def __init__(
        self,
        message: str,
        code: str,
        attempts: int = 0,
        rejections: list[tuple[str, int]] | None = None,
    ) -> None:
        super().__init__(message, code)
        self.attempts = attempts
        self.rejections = [(c, n) for c, n in rejections or ()]

    def __reduce__(self) -> tuple[type[PassforgeError], tuple[object, ...]]:
        return (type(self), (self.message, self.code, self.attempts, self.rejections))
