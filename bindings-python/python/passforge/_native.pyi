# Stubs for the Rust extension module; checked against it with `python -m mypy.stubtest`.

# Instants cross as aware datetimes: arguments may have any UTC offset (naive ones raise
# NaiveDatetimeError); results are in UTC (tzinfo=timezone.utc), floored to the
# microsecond where the core has finer (100 ns or 1 ns) values, and raise TimeError
# (TIME_OUT_OF_RANGE) outside the years 1 to 9999. Durations are timedelta where the core
# takes a Duration (floored to the microsecond on the way out; negative ones raise
# TimeError DURATION_NEGATIVE) and int seconds where it takes seconds.

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar, Final, Literal, Protocol, TypedDict, final

from typing_extensions import Unpack

__all__ = [
    "__version__",
    "MAX_LENGTH",
    "AMBIGUOUS",
    "DEFAULT_SYMBOLS",
    "MAX_BATCH",
    "MAX_TOKEN_BYTES",
    "error_codes",
    "pin",
    "token_urlsafe",
    "Generator",
    "StrengthCheck",
    "WordList",
    "PassphraseGenerator",
    "MAX_PASSPHRASE_WORDS",
    "timestamp_from_filetime",
    "filetime_from_timestamp",
    "duration_from_ad_interval",
    "ad_interval_from_duration",
    "timestamp_from_rfc3339",
    "rfc3339_from_timestamp",
    "SharedToken",
    "TimeTokenScheme",
    "RequestTokenScheme",
    "request_binding",
    "AcceptedToken",
    "TokenCheck",
    "MemoryReplayGuard",
    "ResetToken",
    "StoredResetToken",
    "ResetTokenDigest",
    "OneTimeCodePolicy",
    "CodeCheck",
    "normalize_answer",
    "SecurityAnswerHasher",
    "SecurityQuestionRule",
    "PasswordLastSet",
    "MaxPasswordAge",
    "UserAccountControl",
    "Expiry",
    "ExpiryStatus",
    "ReminderDelay",
    "Policy",
    "PasswordRules",
    "RuleCharacters",
    "ExportedRules",
    "UnexpressedRule",
    "ValidationResult",
    "Violation",
    "Finding",
    "AgeRules",
    "LockoutRules",
    "lint",
    "is_common_password",
    "common_password_count",
    "display_name_tokens",
    "resolve_pso",
]

__version__: Final[str]
MAX_LENGTH: Final[int]
"""Longest effective length accepted (1024)."""
AMBIGUOUS: Final[str]
"""Characters removed by ``avoid_ambiguous=True``."""
DEFAULT_SYMBOLS: Final[str]
"""The 32 ASCII punctuation characters, the default symbol set."""
MAX_BATCH: Final[int]
"""Most passwords one ``generate_many`` call makes (1,000,000, the core's cap)."""
MAX_TOKEN_BYTES: Final[int]
"""Most random bytes one :func:`token_urlsafe` holds (1024)."""

def pin(length: int = 6, *, seed_for_tests: int | None = None) -> str:
    """A PIN of ``length`` decimal digits (default 6) from the OS CSPRNG through the
    password generator: every one of the ``10**length`` PINs is equally likely (no modulo
    bias), leading zeros kept. ``pin(6)`` is ``Generator(length=6, lower=0, upper=0,
    digits=0, symbols=0, lower_set="", upper_set="", symbol_set="").generate()``.

    ``length`` is 1 to :data:`MAX_LENGTH`: 0 raises :class:`~passforge.ConfigError`
    (``LENGTH_ZERO``), a larger one ``LENGTH_TOO_LARGE``, a negative one
    ``INVALID_ARGUMENT``; not an int, ``TypeError``. ``seed_for_tests`` (0 to 2**64 - 1,
    else :class:`~passforge.GenerationError` ``INVALID_ARGUMENT``) makes the PIN a fixed
    function of the seed: **for tests only**."""

def token_urlsafe(nbytes: int | None = None, *, seed_for_tests: int | None = None) -> str:
    """A random URL-safe text string of ``nbytes`` random bytes from the OS CSPRNG, as
    :func:`secrets.token_urlsafe`: the bytes in base64url without padding (``A-Z a-z 0-9
    - _``, about 1.3 characters per byte; 43 for the default). ``nbytes`` None means 32
    bytes (256 bits), as in :mod:`secrets`.

    Unlike :mod:`secrets`, ``nbytes`` is 1 to :data:`MAX_TOKEN_BYTES`: 0 or a larger one
    raises :class:`~passforge.GenerationError` (``TOKEN_BYTES``: an empty token is no
    secret), a negative one ``INVALID_ARGUMENT``; not an int, ``TypeError``.
    ``seed_for_tests`` (0 to 2**64 - 1) makes the token a fixed function of the seed:
    **for tests only**."""

def error_codes() -> list[tuple[str, str, str]]:
    """Every error code passforge raises, from the core's registry, as ``(code, concern,
    meaning)`` tuples grouped by concern (``passforge.error_codes()`` makes them
    :class:`~passforge.ErrorCodeInfo`)."""

class _GeneratorSettings(TypedDict, total=False):
    """The settings keywords of :class:`Generator`, for ``passforge.generate(**settings)``
    and ``Generator(**policy.generator_settings())``."""

    length: int | None
    lower: int | None
    upper: int | None
    digits: int | None
    symbols: int | None
    lower_set: str | None
    upper_set: str | None
    digit_set: str | None
    symbol_set: str | None
    exclude: str
    avoid_ambiguous: bool
    strength_check: str | None

@final
class Generator:
    """A validated password generator. Every password the settings allow is equally
    likely (exact counting, no modulo bias, no retry loop for the minimums).

    Each count is a minimum; the effective length is the larger of ``length`` and the
    sum of the counts. The defaults are ``length=12, lower=6, upper=2, digits=2,
    symbols=2``; a count given as None takes its default too. A ``*_set`` replaces a class's characters (any Unicode; ``""`` disables the class,
    whose count must then be 0). ``exclude`` removes characters from every class;
    ``avoid_ambiguous`` removes :data:`AMBIGUOUS`. ``strength_check`` is a
    :class:`StrengthCheck` list string; candidates that fail it are redrawn.

    With ``policy``, every password complies with it for the user named by
    ``username``, ``display_name`` and ``email`` (its context rules): without any other
    option the settings are derived from the policy
    (:meth:`Policy.generator_settings`); with options (a count, a set, a non-empty
    ``exclude``, ``avoid_ambiguous`` or ``strength_check``) they are checked against it
    first and refused with :class:`~passforge.SettingsError`, listing every reason. Rules
    the settings cannot guarantee (context, blocklist, patterns, repeats, sequences,
    symbols at the ends, score) are met by redrawing, so every compliant password stays
    equally likely. ``username``, ``display_name`` and ``email`` without ``policy``
    raise :class:`~passforge.ConfigError` (``CONTEXT_WITHOUT_POLICY``).

    Raises :class:`~passforge.ConfigError` (or :class:`~passforge.StrengthCheckError`)
    for settings that cannot produce a password, also for a negative count
    (``INVALID_ARGUMENT``) and one too large for any password (``LENGTH_TOO_LARGE``);
    ``TypeError`` for a value of the wrong type or an unknown keyword.

    A generator is immutable: ``copy``/``deepcopy`` give it back, ``==`` and ``hash``
    compare the settings, policy and context, and it pickles by them (so it can be sent
    to ``multiprocessing`` workers; the pickle holds the context, which may be personal
    data).
    """

    def __new__(
        cls,
        *,
        length: int | None = 12,
        lower: int | None = 6,
        upper: int | None = 2,
        digits: int | None = 2,
        symbols: int | None = 2,
        lower_set: str | None = None,
        upper_set: str | None = None,
        digit_set: str | None = None,
        symbol_set: str | None = None,
        exclude: str = "",
        avoid_ambiguous: bool = False,
        strength_check: str | None = None,
        policy: Policy | None = None,
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
    ) -> Generator: ...
    @staticmethod
    def from_password_rules(
        rules: str | PasswordRules,
        *,
        length: int | None = None,
        exclude: str = "",
        avoid_ambiguous: bool = False,
    ) -> Generator:
        """A generator for password rules (a rules string or :class:`PasswordRules`): every
        password complies with :meth:`Policy.from_password_rules` of them and every
        compliant one is equally likely (of the default sets' characters: never a space).
        The settings are derived from that policy, at its minimum length; ``length``
        (checked against the rules), ``exclude`` and ``avoid_ambiguous`` (characters left
        out of every class) combine with them. Required groups that no class of the
        generator holds alone, and ``max-consecutive``, are met by redrawing, and counted:
        see :meth:`acceptance`.

        Raises :class:`~passforge.PasswordRulesError` for rules text the language does not
        allow, :class:`~passforge.PolicyError` for rules that conflict,
        :class:`~passforge.SettingsError` when ``length`` is outside the rules or no
        allowed character can be drawn, and :class:`~passforge.ConfigError`
        (``POLICY_ACCEPTANCE_TOO_LOW``) when so few candidates would pass that generating
        could fail."""
    def acceptance(self) -> tuple[float, float, bool] | None:
        """With a policy, ``(share, entropy_bits, exact)``: the share of the candidates that
        pass its ``max_repeat`` and the ``required_characters`` the settings do not
        guarantee, and log2 of the number of passwords that pass, which is the entropy of
        what :meth:`generate` returns (:attr:`entropy_bits` is the candidates'). ``exact``
        is False when the share is a 95 % lower bound estimated from a fixed public seed
        (settings too large to count). The policy's other rules (context, blocklists,
        patterns, sequences, score) may reject a few more. None without a policy."""
    @property
    def policy(self) -> Policy | None:
        """The policy every password obeys (a copy), or None."""
    @property
    def length(self) -> int:
        """The effective length: the larger of ``length`` and the sum of the minimums."""
    @property
    def entropy_bits(self) -> float:
        """log2 of the exact number of passwords the settings allow (before the
        strength check and a policy's rejections)."""
    @property
    def is_weak(self) -> bool:
        """Whether :attr:`entropy_bits` is below 40 (fewer than about a trillion passwords,
        e.g. a set of one repeated character): allowed, but worth a warning."""
    def strength_check_estimate(self) -> tuple[float, float]:
        """``(share, entropy_bits)``: a 95 % lower bound of the share of candidates the
        strength check accepts (1.0 without one), and the entropy left after it
        (``entropy_bits + log2(share)``, at least 0), estimated from a fixed public seed so
        a page never shows more strength than generation delivers."""
    @property
    def password_count(self) -> int:
        """The exact number of passwords the settings allow (before the strength check)."""
    def generate(self, *, seed_for_tests: int | None = None) -> str:
        """One password from an OS-seeded ChaCha20 CSPRNG. The GIL is released.

        ``seed_for_tests`` (0 to 2**64 - 1) makes the output a fixed function of the seed,
        identical to the Rust core's: **for tests only**, never for real passwords; one
        outside that range raises :class:`~passforge.GenerationError`
        (``INVALID_ARGUMENT``). Raises :class:`~passforge.GenerationError` (with a
        policy, :class:`~passforge.PolicyUnmetError` when no candidate complied).
        """
    def generate_many(self, n: int, *, seed_for_tests: int | None = None) -> list[str]:
        """``n`` passwords from one OS-seeded ChaCha20 CSPRNG, seeded once per call (with
        a policy too). The GIL is released while they are generated (10,000 at a time,
        each chunk then converted to ``str`` with it, so threads' batches overlap).

        ``n`` is 0 to :data:`MAX_BATCH` per call (call again for more): a larger ``n`` raises
        :class:`~passforge.GenerationError` (``BATCH_TOO_LARGE``) before anything is
        allocated, a negative one ``INVALID_ARGUMENT``.

        With ``seed_for_tests`` (**tests only**) the list equals the Rust core's
        ``generate_many_with(DeterministicRng::from_seed_for_tests(seed), n)``, with a
        policy ``PolicyGenerator::generate_many_with(rng, &context, n)``.
        Raises :class:`~passforge.GenerationError` (with a policy,
        :class:`~passforge.PolicyUnmetError` when no candidate complied).
        """
    def __copy__(self) -> Generator: ...
    def __deepcopy__(self, memo: dict[int, Any], /) -> Generator: ...
    def __getnewargs_ex__(self) -> tuple[tuple[()], dict[str, Any]]: ...

@final
class StrengthCheck:
    """Regular expressions a password must all match, written ``'p1', 'p2'`` (a quote
    inside a pattern is doubled: ``'it''s'``). Linear-time engine: no look-around or
    back-references. ``str()`` gives the list string back.

    Raises :class:`~passforge.StrengthCheckError` when the list cannot be parsed.
    Immutable: ``==`` and ``hash`` compare the patterns; it pickles by its list string.
    """

    def __new__(cls, list: str) -> StrengthCheck: ...
    @property
    def patterns(self) -> list[str]:
        """The patterns, quotes removed."""
    def is_match(self, password: str) -> bool:
        """True when every pattern matches somewhere in ``password``."""
    def failures(self, password: str) -> list[int]:
        """Indexes of the patterns ``password`` does not match."""
    def __copy__(self) -> StrengthCheck: ...
    def __deepcopy__(self, memo: dict[int, Any], /) -> StrengthCheck: ...

# --- Passphrases --------------------------------------------------------------------

MAX_PASSPHRASE_WORDS: Final[int]
"""Most words in a passphrase (64)."""

@final
class WordList:
    """A validated list of distinct words to draw passphrases from: 2 to 65,536 words,
    each non-empty, at most 64 printable characters (no white space, controls, combining
    marks or invisible characters), distinct after NFKC and case folding (``Apple`` and
    ``apple`` are one word). ``WordList(words)`` takes the words as they are; raises
    :class:`~passforge.ConfigError` (``WORDLIST_WORD_EMPTY``, ``WORDLIST_CHARACTER``,
    ``WORDLIST_DUPLICATE``, ...), naming the 1-based position, never the word.
    """

    def __new__(cls, words: Sequence[str]) -> WordList: ...
    @staticmethod
    def from_text(text: str) -> WordList:
        """One word per line; surrounding white space trimmed, blank lines and lines
        starting with ``#`` skipped, the EFF files' dice numbers (``11111<TAB>abacus``)
        allowed. Errors name the line."""
    @staticmethod
    def eff_large() -> WordList:
        """The shipped EFF large word list: 7,776 words (CC BY 3.0 US, by Joseph Bonneau
        and the EFF), 12.925 bits each."""
    @property
    def words(self) -> list[str]:
        """The words, in list order (a copy)."""
    def __len__(self) -> int: ...

@final
class PassphraseGenerator:
    """A validated passphrase generator: ``words`` words drawn uniformly from ``wordlist``
    (the EFF large list by default), joined by ``separator`` (any string of printable
    characters or spaces, also empty; ``"-"`` when None) or, with ``random_separator``
    (``"digit"`` or ``"symbol"``), by a character drawn anew for each gap. ``capitalize``
    is ``"none"``, ``"first_letter"`` (of every word) or ``"random_word"`` (one word in
    capitals); ``number`` inserts one random digit right after a random word.

    Every passphrase the settings allow is equally likely, and :attr:`entropy_bits` is
    log2 of their exact number: building the generator proves that two different draws
    never give the same passphrase, and refuses settings where they could
    (``PASSPHRASE_AMBIGUOUS``, a :class:`~passforge.ConfigError`, like
    ``PASSPHRASE_WORD_COUNT``, ``PASSPHRASE_SEPARATOR``, ``PASSPHRASE_TOO_LONG``,
    ``UNKNOWN_NAME`` for a capitalize or random_separator name, ``INVALID_ARGUMENT`` for
    a negative word count or both separators).

    With ``policy``, the settings must guarantee its length, classes and characters
    (:class:`~passforge.SettingsError` lists every reason otherwise), and its other rules
    for the user named by ``username``, ``display_name`` and ``email`` are met by
    drawing whole passphrases again, so every compliant one stays equally likely.
    """

    def __new__(
        cls,
        *,
        words: int | None = None,
        separator: str | None = None,
        random_separator: Literal["digit", "symbol"] | None = None,
        capitalize: Literal["none", "first_letter", "random_word"] = "none",
        number: bool = False,
        wordlist: WordList | None = None,
        policy: Policy | None = None,
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
    ) -> PassphraseGenerator: ...
    @property
    def words(self) -> int:
        """The number of words (6 when not given)."""
    @property
    def wordlist(self) -> WordList:
        """The word list the words are drawn from."""
    @property
    def policy(self) -> Policy | None:
        """The policy every passphrase obeys (a copy), or None."""
    @property
    def entropy_bits(self) -> float:
        """log2 of the exact number of distinct passphrases, all equally likely (before a
        policy's rejections; see :meth:`policy_estimate`)."""
    @property
    def is_weak(self) -> bool:
        """Whether :attr:`entropy_bits` is below 40: allowed, but worth a warning."""
    @property
    def passphrase_count(self) -> int:
        """The exact number of distinct passphrases the settings allow."""
    def policy_estimate(self) -> tuple[float, float]:
        """``(share, entropy_bits)``: a 95 % lower bound of the share of passphrases the
        policy accepts for this user (1.0 without a policy), and the entropy left after
        it (``entropy_bits + log2(share)``), estimated from a fixed public seed."""
    def generate(self, *, seed_for_tests: int | None = None) -> str:
        """One passphrase from an OS-seeded ChaCha20 CSPRNG. The GIL is released.
        ``seed_for_tests`` (0 to 2**64 - 1) makes it a fixed function of the seed, the
        Rust core's: **for tests only**. Raises :class:`~passforge.GenerationError`
        (:class:`~passforge.PolicyUnmetError` when no candidate complied)."""
    def generate_many(self, n: int, *, seed_for_tests: int | None = None) -> list[str]:
        """``n`` passphrases (0 to :data:`MAX_BATCH`) from one stream, seeded once per
        call; the same as ``n`` calls of :meth:`generate` on that stream. The GIL is
        released while they are generated."""

# --- Time: FILETIME, AD intervals, RFC 3339 -------------------------------------------

def timestamp_from_filetime(filetime: int) -> datetime:
    """The instant of a FILETIME (100 ns ticks since 1601-01-01T00:00:00Z, as AD stores
    ``pwdLastSet``), floored to the microsecond. Negative values raise
    :class:`~passforge.TimeError` (``FILETIME_NEGATIVE``); instants after 9999 raise
    ``TIME_OUT_OF_RANGE``."""

def filetime_from_timestamp(timestamp: datetime) -> int:
    """The FILETIME of an aware datetime. Raises :class:`~passforge.TimeError`
    (``TIME_OUT_OF_RANGE``) before 1601-01-01."""

def duration_from_ad_interval(interval: int) -> timedelta:
    """The duration of an Active Directory interval (``maxPwdAge``, ``lockoutDuration``),
    which AD stores as **negative** 100 ns ticks: ``-36288000000000`` is 42 days. Floored
    to the microsecond. Positive values raise :class:`~passforge.TimeError`
    (``INTERVAL_POSITIVE``)."""

def ad_interval_from_duration(duration: timedelta) -> int:
    """The AD interval (negative 100 ns ticks) of a non-negative duration. Raises
    :class:`~passforge.TimeError` (``TIME_OUT_OF_RANGE``) above 2**63 - 1 ticks."""

def timestamp_from_rfc3339(text: str) -> datetime:
    """Parses an RFC 3339 date-time with an offset (``2024-02-29T12:00:00Z``) into an
    aware UTC datetime, floored to the microsecond. Raises :class:`~passforge.TimeError`
    (``TIME_RFC3339``)."""

def rfc3339_from_timestamp(timestamp: datetime) -> str:
    """Formats an aware datetime as RFC 3339 in UTC (``Z``), with a fraction only when it
    is not a whole second."""

# --- Service tokens -------------------------------------------------------------------

@final
class SharedToken:
    """The secret shared between the service and its callers. The core copy is zeroized
    when this object is freed (the ``bytes`` it was made from belong to the caller);
    ``repr`` never shows it, and it cannot be pickled.

    Raises :class:`~passforge.TokenError` (``TOKEN_SECRET_EMPTY``) for ``b""``.
    """

    MIN_BYTES: ClassVar[int]
    """The shortest shared token a new deployment should use (16 bytes, 128 bits)."""
    def __new__(cls, secret: bytes) -> SharedToken: ...
    @property
    def is_short(self) -> bool:
        """Whether the secret is shorter than :attr:`MIN_BYTES`: accepted (an existing
        deployment's token, a test vector), but the CLI and the reset service refuse such
        a configured token."""
    def verify_plain(self, presented: str) -> bool:
        """Plain bearer mode: whether ``presented`` (its UTF-8 bytes) is the secret itself.
        Compared through SHA-256 in constant time."""

class _ReplayGuard(Protocol):
    """What :meth:`TimeTokenScheme.verify_once` and :meth:`RequestTokenScheme.verify_once`
    need of a replay guard, e.g. one backed by a shared store: record ``fingerprint``
    (SHA-256 of the token or of the request's window and nonce, 32 bytes) as used
    until ``valid_until``; return True on its first use and False when it is already
    recorded and ``now < `` its ``valid_until``. Must be atomic per fingerprint.
    Exceptions propagate out of ``verify_once``."""

    def first_use(self, fingerprint: bytes, valid_until: datetime, now: datetime) -> bool: ...

@final
class TimeTokenScheme:
    """The time-based service-token scheme: ``window = floor(unix_seconds / period)``;
    the token is lowercase hex of ``SHA-1(secret ‖ decimal window)`` (``"sha1"``, the AD
    reset service's scheme) or ``HMAC-SHA256(secret, decimal window)``
    (``"hmac-sha256"``, preferred where both sides can); a token is accepted while the
    verifier's window is within ``skew_windows`` windows of its own.

    ``period_seconds`` is 1 to :attr:`MAX_PERIOD_SECONDS`, ``skew_windows`` 0 to
    :attr:`MAX_SKEW_WINDOWS`; otherwise :class:`~passforge.TokenError` (``TOKEN_PERIOD``,
    ``TOKEN_SKEW``, or ``UNKNOWN_NAME`` for an unknown algorithm name).

    Every ``secret`` argument is ``bytes`` (a :class:`SharedToken` is made for the call)
    or a :class:`SharedToken`.
    """

    DEFAULT_PERIOD_SECONDS: ClassVar[int]
    MAX_PERIOD_SECONDS: ClassVar[int]
    DEFAULT_SKEW_WINDOWS: ClassVar[int]
    MAX_SKEW_WINDOWS: ClassVar[int]
    def __new__(
        cls,
        *,
        algorithm: Literal["sha1", "hmac-sha256"] = "sha1",
        period_seconds: int = 300,
        skew_windows: int = 1,
    ) -> TimeTokenScheme: ...
    @property
    def algorithm(self) -> Literal["sha1", "hmac-sha256"]: ...
    @property
    def period_seconds(self) -> int: ...
    @property
    def skew_windows(self) -> int: ...
    def window(self, at: datetime) -> int:
        """``floor(unix_seconds / period)`` (also floor before 1970)."""
    def token_for_window(self, secret: bytes | SharedToken, window: int) -> str:
        """The token of a window number."""
    def token_at(self, secret: bytes | SharedToken, at: datetime) -> str:
        """The token of the window containing ``at``."""
    def verify(
        self, secret: bytes | SharedToken, presented: str, now: datetime
    ) -> AcceptedToken | None:
        """The accepted token when ``presented`` is the token of the window containing
        ``now`` or of one of the ``skew_windows`` on either side (constant time; lowercase
        hex only), else None."""
    def verify_once(
        self,
        secret: bytes | SharedToken,
        presented: str,
        now: datetime,
        guard: MemoryReplayGuard | _ReplayGuard,
    ) -> TokenCheck:
        """:meth:`verify`, then records the token in ``guard`` so that a second use before
        it stops being valid is ``"replayed"``. The guard sees only SHA-256 of the token.
        Raises :class:`~passforge.ReplayGuardFull` from a full
        :class:`MemoryReplayGuard`."""

@final
class RequestTokenScheme:
    """Per-request service tokens for new clients: ``v1.<window>.<nonce>.<mac>``, where
    ``window = floor(unix_seconds / period)``, ``nonce`` is 16 to 64 characters of
    ``A-Z a-z 0-9 _ -`` drawn fresh for every request (:meth:`nonce`), and ``mac`` is
    lowercase hex ``HMAC-SHA256(secret, "passforge-request-v1\\n" + window + "\\n" + nonce
    + "\\n" + binding)`` with ``binding`` the request's :func:`request_binding`.

    Why: a :class:`TimeTokenScheme` token is the same for every caller in a window, so
    its ``verify_once`` admits one request per window for the whole deployment. A request
    token differs per request and only authorises the request it was made for, so
    :meth:`verify_once` accepts each request once: two requests in one window both pass,
    the same token twice is ``"replayed"``.

    ``period_seconds`` is 1 to ``TimeTokenScheme.MAX_PERIOD_SECONDS``, ``skew_windows`` 0
    to ``TimeTokenScheme.MAX_SKEW_WINDOWS``; otherwise :class:`~passforge.TokenError`
    (``TOKEN_PERIOD``, ``TOKEN_SKEW``). Every ``secret`` argument is ``bytes`` or a
    :class:`SharedToken`.
    """

    MIN_NONCE_LEN: ClassVar[int]
    MAX_NONCE_LEN: ClassVar[int]
    MAX_TOKEN_LEN: ClassVar[int]
    def __new__(cls, *, period_seconds: int = 300, skew_windows: int = 1) -> RequestTokenScheme: ...
    @property
    def period_seconds(self) -> int: ...
    @property
    def skew_windows(self) -> int: ...
    @staticmethod
    def nonce() -> str:
        """A fresh nonce from the operating system's random source: 24 random bytes as 32
        base64url characters. Raises :class:`~passforge.GenerationError`
        (``RANDOM_SOURCE``) if the OS cannot give any."""
    @staticmethod
    def is_valid_nonce(nonce: str) -> bool:
        """Whether ``nonce`` is 16 to 64 characters of ``A-Z a-z 0-9 _ -``."""
    def window(self, at: datetime) -> int:
        """``floor(unix_seconds / period)`` (also floor before 1970)."""
    def token(self, secret: bytes | SharedToken, at: datetime, nonce: str, binding: str) -> str:
        """The token for one request at ``at``. Raises :class:`~passforge.TokenError`
        (``TOKEN_NONCE``) for a nonce that is not 16 to 64 characters of
        ``A-Z a-z 0-9 _ -``."""
    def verify(
        self, secret: bytes | SharedToken, presented: str, binding: str, now: datetime
    ) -> AcceptedToken | None:
        """The accepted token when ``presented`` is a request token for ``binding`` whose
        window is within ``skew_windows`` of ``now``'s, else None (also for malformed
        text, or text longer than :attr:`MAX_TOKEN_LEN`). The MAC is compared in constant
        time."""
    def verify_once(
        self,
        secret: bytes | SharedToken,
        presented: str,
        binding: str,
        now: datetime,
        guard: MemoryReplayGuard | _ReplayGuard,
    ) -> TokenCheck:
        """:meth:`verify`, then records the request in ``guard``: the fingerprint is
        SHA-256 of ``window + "\\n" + nonce``, so each request is accepted once, and a
        nonce reused in its window is ``"replayed"`` whatever the request. Raises
        :class:`~passforge.ReplayGuardFull` from a full :class:`MemoryReplayGuard`."""

def request_binding(method: str, path: str, body: bytes) -> str:
    """The binding of an HTTP request that clients and the service both compute:
    ``method + " " + path + "\\n" + sha256(body).hexdigest()``. ``method`` as sent
    (``"POST"``), ``path`` as in the request line (with its query, if any), ``body`` the
    exact bytes (``b""`` for none)."""

@final
class AcceptedToken:
    """A time-based token or a request token that verified."""

    @property
    def window(self) -> int:
        """The window the token was made for."""
    @property
    def valid_until(self) -> datetime:
        """The first instant the token is no longer accepted (a replay guard keeps it
        until then)."""

@final
class TokenCheck:
    """The outcome of :meth:`TimeTokenScheme.verify_once` and
    :meth:`RequestTokenScheme.verify_once`. True (``bool()``) only when accepted."""

    @property
    def kind(self) -> Literal["accepted", "invalid", "replayed"]: ...
    @property
    def accepted(self) -> AcceptedToken | None:
        """The accepted token when ``kind == "accepted"``, else None."""
    def __bool__(self) -> bool: ...

@final
class MemoryReplayGuard:
    """An in-memory replay guard holding at most ``capacity`` unexpired tokens (by
    SHA-256). When full of unexpired tokens it refuses new ones
    (:class:`~passforge.ReplayGuardFull`) rather than forget one. Thread-safe.
    ``len()`` counts the tokens remembered (expired ones are dropped lazily)."""

    DEFAULT_CAPACITY: ClassVar[int]
    def __new__(cls, capacity: int = 10000) -> MemoryReplayGuard: ...
    def first_use(self, fingerprint: bytes, valid_until: datetime, now: datetime) -> bool:
        """The guard's side of :meth:`TimeTokenScheme.verify_once` (``fingerprint`` is 32
        bytes)."""
    def is_empty(self) -> bool: ...
    def __len__(self) -> int: ...

# --- Reset tokens ---------------------------------------------------------------------

@final
class ResetToken:
    """A freshly issued password-reset token: 256 random bits as 43 URL-safe base64
    characters (:attr:`token`, to send; never in ``repr``, not picklable) and the
    :class:`StoredResetToken` to keep (only its SHA-256 digest)."""

    BYTES: ClassVar[int]
    DEFAULT_LIFETIME: ClassVar[timedelta]
    """10 minutes."""
    @staticmethod
    def issue(
        now: datetime, lifetime: timedelta = ..., *, seed_for_tests: int | None = None
    ) -> ResetToken:
        """Issues a token at ``now``, valid for ``lifetime`` (default
        :attr:`DEFAULT_LIFETIME`), from the OS CSPRNG. ``seed_for_tests`` (0 to
        2**64 - 1) makes the token a fixed function of the seed: **for tests only**.
        Raises :class:`~passforge.ResetTokenError` (``RESET_TOKEN_LIFETIME``,
        ``RANDOM_SOURCE``)."""
    @property
    def token(self) -> str:
        """The token text to send."""
    def stored(self) -> StoredResetToken:
        """What to store."""

@final
class StoredResetToken:
    """What the service stores for an issued reset token."""

    def __new__(
        cls, digest: ResetTokenDigest, issued_at: datetime, expires_at: datetime
    ) -> StoredResetToken: ...
    @property
    def digest(self) -> ResetTokenDigest: ...
    @property
    def issued_at(self) -> datetime: ...
    @property
    def expires_at(self) -> datetime:
        """The first instant the token is no longer accepted."""
    def verify(self, presented: str, now: datetime) -> None:
        """Returns None when ``presented`` hashes to the digest (constant time) and
        ``now < expires_at``. Otherwise raises :class:`~passforge.ResetTokenError`:
        ``RESET_TOKEN_MISMATCH`` (checked first, so a wrong token never learns whether a
        right one would have expired), then ``RESET_TOKEN_EXPIRED``."""

@final
class ResetTokenDigest:
    """SHA-256 of a reset token's text. Hashable; ``repr`` shows the hex digest."""

    @staticmethod
    def of(token: str) -> ResetTokenDigest: ...
    @staticmethod
    def from_bytes(bytes: bytes | bytearray) -> ResetTokenDigest:
        """Wraps 32 stored digest bytes (``bytes`` or ``bytearray``): another length raises
        :class:`~passforge.ResetTokenError` (``INVALID_ARGUMENT``), another type
        ``TypeError``."""
    @staticmethod
    def from_hex(text: str) -> ResetTokenDigest:
        """Reads 64 hexadecimal digits (either case); otherwise raises
        :class:`~passforge.ResetTokenError` (``RESET_TOKEN_DIGEST_SYNTAX``)."""
    def as_bytes(self) -> bytes: ...
    def to_hex(self) -> str:
        """64 lowercase hexadecimal digits."""
    def matches(self, presented: str) -> bool:
        """Whether ``presented`` hashes to this digest (constant time)."""
    def __hash__(self) -> int: ...

# --- One-time codes -------------------------------------------------------------------

@final
class OneTimeCodePolicy:
    """One-time codes sent by SMS or e-mail: ``digits`` (4 to 10) uniform decimal digits,
    valid for ``lifetime_seconds``, at most ``max_attempts`` wrong entries; at most
    ``max_sends`` sends per rolling ``send_window_seconds`` and
    ``min_seconds_between_sends`` between two sends. Durations are int seconds, as in the
    core's ``OneTimeCodeSettings``.

    Raises :class:`~passforge.OneTimeCodeError` (``CODE_DIGITS``, ``CODE_SETTING_ZERO``).
    """

    MIN_DIGITS: ClassVar[int]
    MAX_DIGITS: ClassVar[int]
    def lint(self) -> list[Finding]:
        """NIST SP 800-63B findings for these settings (``CODE_DIGITS_BELOW_NIST``,
        ``CODE_LIFETIME_TOO_LONG``), and always ``CODE_GUESS_BUDGET``: what the send and
        attempt limits give an attacker per day and per year."""
    def __new__(
        cls,
        *,
        digits: int = 4,
        lifetime_seconds: int = 300,
        max_sends: int = 10,
        send_window_seconds: int = 86400,
        min_seconds_between_sends: int = 120,
        max_attempts: int = 3,
    ) -> OneTimeCodePolicy: ...
    @property
    def digits(self) -> int: ...
    @property
    def lifetime_seconds(self) -> int: ...
    @property
    def max_sends(self) -> int: ...
    @property
    def send_window_seconds(self) -> int: ...
    @property
    def min_seconds_between_sends(self) -> int: ...
    @property
    def max_attempts(self) -> int: ...
    def generate(self, *, seed_for_tests: int | None = None) -> str:
        """A code uniform over all ``10**digits``, leading zeros kept, from the OS CSPRNG
        (:class:`~passforge.GenerationError` ``RANDOM_SOURCE`` if it fails).
        ``seed_for_tests`` is **for tests only**."""
    def expires_at(self, issued_at: datetime) -> datetime | None:
        """When a code issued at ``issued_at`` stops being valid."""
    def check(
        self,
        expected: str,
        issued_at: datetime,
        failed_attempts: int,
        presented: str,
        now: datetime,
    ) -> CodeCheck:
        """Checks an entered code, in order: the attempt limit, the expiry, then the code
        (constant time). Record one more failed attempt on ``"wrong"``; discard the code
        once it is valid, expired or dead."""
    def check_send(self, previous: Sequence[datetime], now: datetime) -> None:
        """Returns None when a code may be sent at ``now`` given the previous sends to the
        same user (any order). Otherwise raises :class:`~passforge.SendRefused`
        (``CODE_SEND_TOO_SOON``, ``CODE_SEND_LIMIT``) whose ``next_allowed_at`` is the
        first instant both rules allow."""

@final
class CodeCheck:
    """The outcome of :meth:`OneTimeCodePolicy.check`. True (``bool()``) only when
    valid."""

    @property
    def kind(self) -> Literal["valid", "wrong", "expired", "too_many_attempts"]: ...
    @property
    def attempts_left(self) -> int | None:
        """Attempts left after a ``"wrong"`` code; None otherwise."""
    def __bool__(self) -> bool: ...

# --- Security answers -----------------------------------------------------------------

def normalize_answer(answer: str) -> str:
    """The canonical form of a security answer, the one that is hashed: NFKC, full case
    folding, NFKC, then white space trimmed and inner runs collapsed to one space."""

@final
class SecurityAnswerHasher:
    """Hashes and verifies security answers with Argon2id (defaults: OWASP's minimum,
    19 456 KiB, 2 passes, 1 lane). Both run without the GIL.

    Raises :class:`~passforge.SecurityAnswerError` (``ANSWER_HASH_PARAMS``) for
    parameters Argon2 refuses.
    """

    MAX_ANSWER_CHARS: ClassVar[int]
    SALT_BYTES: ClassVar[int]
    def __new__(
        cls, *, memory_kib: int = 19456, iterations: int = 2, parallelism: int = 1
    ) -> SecurityAnswerHasher: ...
    @property
    def memory_kib(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def parallelism(self) -> int: ...
    def hash(self, answer: str, *, seed_for_tests: int | None = None) -> str:
        """The Argon2id PHC string (``$argon2id$v=19$m=…``) of the normalised answer, with
        a random 16-byte salt (fixed by ``seed_for_tests``: **tests only**). Raises
        :class:`~passforge.SecurityAnswerError` (``ANSWER_EMPTY``, ``ANSWER_TOO_LONG``,
        ``ANSWER_HASHING``, ``RANDOM_SOURCE``)."""
    @staticmethod
    def verify(stored: str, answer: str) -> bool:
        """Whether ``answer``, normalised, matches the stored PHC string (with the
        parameters written in it). A blank or over-long answer is False; a stored string
        that is not Argon2id PHC raises :class:`~passforge.SecurityAnswerError`
        (``ANSWER_HASH_SYNTAX``)."""
    def needs_rehash(self, stored: str) -> bool:
        """Whether ``stored`` was hashed with lower costs than this hasher's (less memory,
        fewer passes or lanes, another Argon2 version): after a successful
        :meth:`verify`, hash the answer again and store the new string. Raises
        :class:`~passforge.SecurityAnswerError` (``ANSWER_HASH_SYNTAX``,
        ``ANSWER_HASH_PARAMS`` for costs above the maximums)."""

@final
class SecurityQuestionRule:
    """How many security questions each user enrols and how many are asked at reset:
    at least 1 and fewer than enrolled, else :class:`~passforge.SecurityAnswerError`
    (``QUESTION_COUNTS``)."""

    def __new__(cls, *, asked: int = 3, enrolled: int = 5) -> SecurityQuestionRule: ...
    @property
    def asked(self) -> int: ...
    @property
    def enrolled(self) -> int: ...

# --- Expiry ---------------------------------------------------------------------------

@final
class PasswordLastSet:
    """When the password was last changed: :attr:`MUST_CHANGE` or ``at(instant)``."""

    MUST_CHANGE: ClassVar[PasswordLastSet]
    """The password must be changed at next logon (``pwdLastSet`` = 0)."""
    @staticmethod
    def at(instant: datetime) -> PasswordLastSet: ...
    @staticmethod
    def from_pwd_last_set(filetime: int) -> PasswordLastSet:
        """Reads AD's ``pwdLastSet``: 0 is :attr:`MUST_CHANGE`; negative values raise
        :class:`~passforge.ExpiryError` (``FILETIME_NEGATIVE``)."""
    @property
    def instant(self) -> datetime | None:
        """The instant it was set; None for :attr:`MUST_CHANGE`."""

@final
class MaxPasswordAge:
    """How long a password may be used: :attr:`NEVER` or ``after(duration)``."""

    NEVER: ClassVar[MaxPasswordAge]
    @staticmethod
    def after(duration: timedelta) -> MaxPasswordAge: ...
    @staticmethod
    def from_days(days: int) -> MaxPasswordAge:
        """Whole days; 0 means :attr:`NEVER`."""
    @staticmethod
    def from_ad_interval(interval: int) -> MaxPasswordAge:
        """Reads AD's ``maxPwdAge`` (negative 100 ns ticks); 0 and -2**63 mean
        :attr:`NEVER`; positive values raise :class:`~passforge.ExpiryError`
        (``INTERVAL_POSITIVE``)."""
    @property
    def duration(self) -> timedelta | None:
        """The maximum age; None for :attr:`NEVER`."""

@final
class UserAccountControl:
    """AD ``userAccountControl`` flags; only the bits in :attr:`NEVER_EXPIRES_MASK`
    decide expiry."""

    INTERDOMAIN_TRUST_ACCOUNT: ClassVar[int]
    WORKSTATION_TRUST_ACCOUNT: ClassVar[int]
    SERVER_TRUST_ACCOUNT: ClassVar[int]
    DONT_EXPIRE_PASSWORD: ClassVar[int]
    SMARTCARD_REQUIRED: ClassVar[int]
    NEVER_EXPIRES_MASK: ClassVar[int]
    def __new__(cls, bits: int = 0) -> UserAccountControl: ...
    @property
    def bits(self) -> int: ...
    def password_never_expires(self) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Expiry:
    """When a password expires: :attr:`NEVER`, :attr:`MUST_CHANGE` or ``at(instant)``."""

    NEVER: ClassVar[Expiry]
    MUST_CHANGE: ClassVar[Expiry]
    """Must be changed now; reported as expiring at FILETIME 0 (1601-01-01T00:00:00Z),
    as AD does."""
    @staticmethod
    def at(instant: datetime) -> Expiry: ...
    @staticmethod
    def compute(
        last_set: PasswordLastSet,
        max_age: MaxPasswordAge,
        flags: UserAccountControl | None = None,
    ) -> Expiry:
        """AD's rules, in order: a never-expires flag gives :attr:`NEVER`; a last change
        of :attr:`PasswordLastSet.MUST_CHANGE` gives :attr:`MUST_CHANGE`;
        :attr:`MaxPasswordAge.NEVER` gives :attr:`NEVER`; otherwise last change plus
        maximum age. ``flags`` None means no flags. Raises
        :class:`~passforge.ExpiryError` (``TIME_OUT_OF_RANGE``) on overflow."""
    def instant(self) -> datetime | None:
        """The expiry instant; None for :attr:`NEVER`."""
    def to_filetime(self) -> int:
        """``msDS-UserPasswordExpiryTimeComputed``: 2**63 - 1 for never, 0 for must
        change, else the FILETIME (exact, 100 ns)."""
    def status(self, now: datetime, remind_days: int) -> ExpiryStatus:
        """Where ``now`` stands, reminding when fewer than ``remind_days`` days are left
        (the core computes at full precision)."""

@final
class ExpiryStatus:
    """Where an instant stands against a password's expiry."""

    @property
    def expires_at(self) -> datetime | None:
        """The expiry instant; None when the password never expires."""
    @property
    def days_remaining(self) -> int | None:
        """``floor((expires_at - now) / 1 day)`` (so -1 from the first instant after
        expiry); None when it never expires."""
    @property
    def expired(self) -> bool:
        """``now >= expires_at``."""
    @property
    def remind(self) -> bool:
        """Not expired, and ``days_remaining < remind_days``."""

@final
class ReminderDelay:
    """The reminder job's random delay before each check: uniform in ``[0, max)``.
    ``max`` must be under :attr:`LIMIT` (600 s), else :class:`~passforge.ExpiryError`
    (``REMINDER_DELAY_TOO_LONG``)."""

    LIMIT: ClassVar[timedelta]
    DEFAULT_MAX: ClassVar[timedelta]
    def __new__(cls, max: timedelta = ...) -> ReminderDelay: ...
    @property
    def max(self) -> timedelta: ...
    def sample(self, *, seed_for_tests: int | None = None) -> timedelta:
        """A delay from the OS CSPRNG (:class:`~passforge.GenerationError`
        ``RANDOM_SOURCE`` if it fails), floored to the microsecond. ``seed_for_tests``
        is **for tests only**."""

# --- Password policies ----------------------------------------------------------------

_LengthUnit = Literal["code_points", "utf16", "utf8_bytes"]

class _AdSpec(TypedDict, total=False):
    """The ``ad`` table of a policy: a domain object's attributes as AD stores them
    (durations are negative FILETIME ticks; 0 or -2**63 mean never)."""

    minPwdLength: int
    pwdProperties: int
    pwdHistoryLength: int
    maxPwdAge: int
    minPwdAge: int
    lockoutThreshold: int
    lockoutDuration: int
    lockOutObservationWindow: int

class _PpolicySpec(TypedDict, total=False):
    """The ``ppolicy`` table of a policy: an OpenLDAP ``pwdPolicy`` entry's attributes
    (lengths in UTF-8 bytes, ages in seconds)."""

    pwdAttribute: str
    pwdMinLength: int
    pwdMaxLength: int
    pwdCheckQuality: int
    pwdInHistory: int
    pwdMinAge: int
    pwdMaxAge: int
    pwdExpireWarning: int
    pwdGraceAuthNLimit: int
    pwdLockout: bool
    pwdMaxFailure: int
    pwdLockoutDuration: int
    pwdFailureCountInterval: int
    pwdMustChange: bool
    pwdAllowUserChange: bool
    pwdSafeModify: bool

class _PolicySpec(TypedDict, total=False):
    """The keys of a policy file (``docs/policy.md``), as keywords of :class:`Policy`."""

    length_unit: _LengthUnit | None
    character_classes: Literal["unicode", "active_directory"] | None
    min_length: int
    max_length: int | None
    min_lower: int
    min_upper: int
    min_digits: int
    min_symbols: int
    min_categories: int
    required_characters: list[str]
    allowed_characters: str | None
    forbidden_characters: str
    no_symbol_at_ends: bool
    max_repeat: int | None
    sequence_length: int | None
    sequences: list[Literal["alphabetical", "numerical", "qwerty"]] | None
    strength_check: str | None
    forbidden_patterns: list[str]
    forbid_username: bool
    forbid_display_name: bool
    forbid_email: bool
    forbidden_words: list[str]
    blocklist: bool
    history: int
    min_score: int | None
    truncate_at: int | None
    min_age_seconds: int
    max_age_seconds: int
    expire_warning_seconds: int
    lockout_threshold: int
    lockout_duration_seconds: int
    lockout_window_seconds: int
    must_change_after_reset: bool
    ad: _AdSpec | None
    ppolicy: _PpolicySpec | None

class _PasswordHistory(Protocol):
    """What :meth:`Policy.validate` needs of a user's password history: whether
    ``password`` equals the current password or one of the last ``depth``. Called with
    the GIL held; its exceptions propagate out of ``validate``."""

    def contains(self, password: str, depth: int) -> bool: ...

@final
class Policy:
    """A validated password policy that both :meth:`validate` and a
    ``Generator(policy=...)`` obey. A policy that exists is consistent (regexes
    compiled, minimum not above maximum, class minimums fitting the maximum).

    The keywords are the keys of a policy file (``docs/policy.md``); every one is
    optional. An unknown keyword raises ``TypeError``, as for any call (an unknown key
    in a document, :meth:`from_toml`, :meth:`from_json` or :meth:`from_dict`, is
    ``POLICY_SYNTAX``). Raises :class:`~passforge.PolicyError`: a ``POLICY_*`` code of
    the core, or ``POLICY_SYNTAX`` for a value the policy file could not hold (the wrong
    type, a negative count), as the same value in a document would. ``min_score``
    needs the wheel's ``zxcvbn`` feature (on in published wheels; otherwise
    ``POLICY_SCORE_UNAVAILABLE``).

    A policy is immutable: ``copy``/``deepcopy`` give it back; policies built from
    equal specs are ``==`` with equal ``hash``, and a policy pickles by its
    :attr:`spec`. A policy with an operator blocklist (:meth:`with_blocklist`) equals
    only itself and refuses to pickle (``TypeError``): the list is not kept as text.
    """

    def __new__(cls, **spec: Unpack[_PolicySpec]) -> Policy: ...
    @staticmethod
    def from_toml(text: str) -> Policy:
        """Reads a policy file's text; a syntax error or unknown key raises
        :class:`~passforge.PolicyError` (``POLICY_SYNTAX``) naming the line and column."""
    @staticmethod
    def from_json(text: str) -> Policy:
        """Reads a JSON object with the keys of a policy file (another JSON value, such as
        an array, is ``POLICY_SYNTAX``)."""
    @staticmethod
    def from_dict(spec: Mapping[str, Any]) -> Policy:
        """Reads a mapping with the keys of a policy file (what ``json.load`` gives;
        values must be JSON-serializable, else ``TypeError``)."""
    @staticmethod
    def from_ad_attributes(attributes: Mapping[str, str]) -> Policy:
        """The policy of an Active Directory domain object's or PSO's attributes (LDAP
        string values by name, case-insensitive: ``minPwdLength``,
        ``msDS-PasswordComplexityEnabled``, …; others are ignored), in mapping order."""
    @staticmethod
    def from_ppolicy_attributes(attributes: Mapping[str, str]) -> Policy:
        """The policy of an OpenLDAP ``pwdPolicy`` entry's attributes."""
    @staticmethod
    def from_password_rules(rules: str) -> Policy:
        """The policy a password-rules string describes (``passwordrules``, Apple's
        language), accepting exactly the passwords the rules accept, so a server enforces
        what its page publishes. Raises :class:`~passforge.PasswordRulesError` for text
        the language does not allow (with ``line`` and ``column``), and
        :class:`~passforge.PolicyError` for rules that conflict (``POLICY_LENGTH_RANGE``)."""
    def to_password_rules(self) -> ExportedRules:
        """This policy as password rules for a page's ``passwordrules`` attribute:
        ``str(policy.to_password_rules())`` is the line; its ``unexpressed`` lists every
        rule of the policy the language cannot say exactly (``stricter`` or ``looser``)."""
    def with_blocklist(self, text: str) -> Policy:
        """A copy that also refuses the passwords of ``text`` (one per line, whole
        password, case-insensitive; blank lines and ``#`` comments skipped). Violations
        say ``source="operator"``. The list is sorted without the GIL."""
    def validate(
        self,
        password: str,
        *,
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
        history: _PasswordHistory | None = None,
    ) -> ValidationResult:
        """Every rule ``password`` breaks, in the documented order (a password over the
        maximum length gets ``TOO_LONG`` alone). The context rules compare it with
        ``username``, ``display_name`` and ``email``; ``IN_HISTORY`` is checked only
        with ``history`` and a policy ``history`` above 0. Without ``history``, a policy
        with ``min_score`` validates without the GIL."""
    def is_compliant(
        self,
        password: str,
        *,
        username: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
    ) -> bool:
        """Whether ``password`` breaks no rule (history is not checked)."""
    def check_generator(self, generator: Generator) -> None:
        """Returns None when every password ``generator`` can produce meets the
        structural rules (length in the policy's unit, class minimums, the N-of-5 rule,
        allowed characters). Otherwise raises :class:`~passforge.SettingsError`, whose
        ``reasons`` lists every shortfall."""
    def check_passphrase(self, generator: PassphraseGenerator) -> None:
        """Raises :class:`~passforge.SettingsError` listing every way the passphrases of
        ``generator`` could fall short of the policy's structural rules (length in the
        policy's unit, class minimums, categories, allowed characters)."""
    def generator_settings(self) -> _GeneratorSettings:
        """The weakest settings whose every output meets the structural rules, as the
        keywords of :class:`Generator` (every key present). Raises
        :class:`~passforge.SettingsError` when no generator can (e.g. a length above
        :data:`MAX_LENGTH`)."""
    def lint(self, *, mfa: bool = False) -> list[Finding]:
        """NIST SP 800-63B findings (``mfa``: the password is one factor of several, so
        8 characters suffice instead of 15); an empty list means none."""
    @property
    def spec(self) -> dict[str, Any]:
        """The spec the policy was built from, every key present (``None`` where
        unset); ``Policy.from_dict(policy.spec)`` rebuilds it (without an operator
        blocklist)."""
    @property
    def length_unit(self) -> _LengthUnit:
        """What a unit of length is (UTF-16 with ``ad``, bytes with ``ppolicy``)."""
    @property
    def character_classes(self) -> Literal["unicode", "active_directory"]: ...
    @property
    def min_length(self) -> int:
        """The effective minimum length (directory tables folded in)."""
    @property
    def max_length(self) -> int | None:
        """The effective maximum length, if any (256 with ``ad``)."""
    @property
    def min_categories(self) -> int:
        """The effective N of the N-of-5 category rule (0: none; 3 with AD complexity)."""
    @property
    def history(self) -> int:
        """How many previous passwords may not be reused."""
    @property
    def ages(self) -> AgeRules: ...
    @property
    def lockout(self) -> LockoutRules: ...
    @property
    def must_change_after_reset(self) -> bool: ...
    @property
    def has_blocklist(self) -> bool:
        """Whether any blocklist (shipped or operator's) is checked."""
    def __copy__(self) -> Policy: ...
    def __deepcopy__(self, memo: dict[int, Any], /) -> Policy: ...
    def __getnewargs_ex__(self) -> tuple[tuple[()], dict[str, Any]]: ...

@final
class ValidationResult:
    """The outcome of :meth:`Policy.validate`. True (``bool()``) only when the password
    complies, so that ``if result:`` cannot accept one that breaks a rule.

    Immutable: ``==`` and ``hash`` compare the violations. It pickles by its
    violations (so ``multiprocessing`` workers can return it) and copies as itself.
    ``ValidationResult(violations)`` builds one (``ValidationResult()`` complies)."""

    def __new__(cls, violations: Sequence[Violation] = ()) -> ValidationResult: ...
    @property
    def ok(self) -> bool: ...
    @property
    def violations(self) -> list[Violation]:
        """Every violation, in the documented order; empty when ``ok``."""
    def __bool__(self) -> bool: ...
    def __copy__(self) -> ValidationResult: ...
    def __deepcopy__(self, memo: dict[int, Any], /) -> ValidationResult: ...
    def __getnewargs__(self) -> tuple[list[Violation]]: ...

@final
class Violation:
    """One broken rule: a stable ``code`` (``TOO_SHORT``, ``IN_BLOCKLIST``, …), its
    parameters (``params``, and each one as an attribute: ``violation.required``) and a
    default English ``message`` (also ``str()``) that callers may replace. Codes and
    parameters are the contract; no violation holds the password or a part of it.

    ``Violation(code, **params)`` rebuilds one from its code and exactly its parameters
    (``Violation(**v.to_dict())``; ``message`` is ignored), read by the core: an unknown
    code or a missing, extra or out-of-range parameter raises
    :class:`~passforge.PolicyError` (``INVALID_ARGUMENT``). Immutable: ``==`` and
    ``hash`` compare code and parameters; it pickles by them and copies as itself."""

    def __new__(cls, code: str, **params: int | str) -> Violation: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def params(self) -> dict[str, int | str]:
        """The parameters by name, in a fixed order (e.g. ``required``, ``actual``,
        ``unit`` for ``TOO_SHORT``)."""
    def to_dict(self) -> dict[str, int | str]:
        """``{"code": …, "message": …, <parameters>}``, as the core serializes it."""
    # A parameter by name (``AttributeError`` when the violation has none). The runtime
    # implements it as ``__getattr__``, which CPython exposes through the
    # ``__getattribute__`` slot; mypy treats either as the fallback for unknown names.
    def __getattribute__(self, name: str, /) -> int | str: ...
    def __copy__(self) -> Violation: ...
    def __deepcopy__(self, memo: dict[int, Any], /) -> Violation: ...
    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, int | str]]: ...

@final
class Finding:
    """One departure of a policy from NIST SP 800-63B."""

    @property
    def code(self) -> str:
        """Stable code, e.g. ``MIN_LENGTH_TOO_SHORT``."""
    @property
    def severity(self) -> Literal["info", "warning", "error"]: ...
    @property
    def message(self) -> str: ...
    def __copy__(self) -> Finding: ...
    def __deepcopy__(self, memo: dict[int, Any], /) -> Finding: ...

@final
class AgeRules:
    """Password ages, for the service (validation does not use them); None: no rule."""

    @property
    def min_age(self) -> timedelta | None:
        """A change is refused before this age."""
    @property
    def max_age(self) -> timedelta | None:
        """The password expires at this age."""
    @property
    def expire_warning(self) -> timedelta | None:
        """Warn this long before expiry."""
    def __copy__(self) -> AgeRules: ...
    def __deepcopy__(self, memo: dict[int, Any], /) -> AgeRules: ...

@final
class LockoutRules:
    """Lockout rules, for the service (validation does not use them)."""

    @property
    def threshold(self) -> int:
        """Failed attempts that lock the account; 0 never locks."""
    @property
    def duration(self) -> timedelta | None:
        """How long a lockout lasts; None: until an administrator unlocks."""
    @property
    def observation_window(self) -> timedelta | None:
        """Failures older than this are forgotten; None: never."""
    def __copy__(self) -> LockoutRules: ...
    def __deepcopy__(self, memo: dict[int, Any], /) -> LockoutRules: ...

def lint(policy: Policy, *, mfa: bool = False) -> list[Finding]:
    """NIST SP 800-63B findings for ``policy``, as :meth:`Policy.lint`."""

def is_common_password(password: str) -> bool:
    """Whether ``password`` (lowercased) is in the shipped list of 30,000 common
    passwords."""

def common_password_count() -> int:
    """Number of entries in the shipped common-password list."""

def display_name_tokens(display_name: str) -> list[str]:
    """The display-name tokens Active Directory compares: split at ``,`` ``.`` ``-``
    ``_`` space ``#`` and tab, tokens under 3 characters dropped, lowercased, in order,
    de-duplicated."""

def resolve_pso(candidates: Sequence[Mapping[str, object]]) -> int | None:
    """The index of the resultant PSO (``msDS-ResultantPSO``) among the PSOs that apply
    to a user; None when the list is empty (the domain policy applies). Directly linked
    PSOs beat group-linked ones; then the lowest precedence; then the lowest
    ``objectGUID``.

    Each candidate is a mapping with ``precedence`` (int,
    ``msDS-PasswordSettingsPrecedence``), ``link`` (``"direct"``: ``msDS-PSOAppliesTo``
    names the user; ``"group"``: a group the user belongs to), optionally ``object_guid``
    (16 ``bytes`` as stored, or those bytes as 32 hex digits, i.e. ``guid.hex()``; not the
    dashed GUID string, whose first fields are byte-swapped; default all zeros) and
    ``attributes`` (the PSO's LDAP string values by name, as for
    :meth:`Policy.from_ad_attributes`; default none). Other keys, such as ``name``, are
    ignored, and None counts as a missing key.

    Raises :class:`~passforge.PolicyError`: ``PSO_CANDIDATE`` for a malformed candidate
    (not a mapping, ``precedence`` missing or not an int from 0 to 2**32-1, ``link`` not
    ``"direct"`` or ``"group"``, a bad ``object_guid``, ``attributes`` not a mapping of
    str to str, or an attribute value the core refuses; the message names the
    candidate's index and, for an attribute, the core's reason), or ``INVALID_ARGUMENT``
    when ``candidates`` is not a sequence."""

@final
class PasswordRules:
    """Password rules in Apple's password-rules language, the ``passwordrules`` attribute
    browsers and password managers read (``"minlength: 20; required: lower; required:
    digit; max-consecutive: 2"``), read as its reference parser reads them: several
    ``minlength`` keep the largest, ``maxlength`` and ``max-consecutive`` the smallest;
    each ``required`` is one group (``required: upper, digit`` asks for an uppercase
    letter or a digit); ``allowed`` is every allowed value and every group (all ASCII
    printable characters without either). Property names are lowercase; class names any
    case.

    Raises :class:`~passforge.PasswordRulesError` (with ``line`` and ``column``) for
    everything the reference parser reports as an error, and for a custom class left
    empty. ``str(rules)`` is the canonical text, which reads back the same. Rules are
    immutable, compare and hash by their meaning, and pickle by their text.
    """

    def __new__(cls, text: str) -> PasswordRules: ...
    @property
    def min_length(self) -> int | None:
        """The minimum length, or None."""
    @property
    def max_length(self) -> int | None:
        """The maximum length, or None."""
    @property
    def max_consecutive(self) -> int | None:
        """The longest run of one character allowed (``max-consecutive``), or None."""
    @property
    def required(self) -> list[RuleCharacters]:
        """The required groups, in order: a password needs a character of each."""
    @property
    def allowed(self) -> RuleCharacters:
        """Every character a password may hold (the required groups included)."""
    def to_policy(self) -> Policy:
        """The policy that accepts exactly what the rules accept (``Policy.from_password_rules``
        of the same text); raises :class:`~passforge.PolicyError` when the rules conflict
        (``POLICY_LENGTH_RANGE``, ``POLICY_MINIMUMS_ABOVE_MAXIMUM``)."""
    def __getnewargs__(self) -> tuple[str]:
        """Pickled by the canonical text."""
    def __copy__(self) -> PasswordRules: ...
    def __deepcopy__(self, memo: dict[int, Any], /) -> PasswordRules: ...

@final
class RuleCharacters:
    """One class of password rules: a set of ASCII printable characters, or all of Unicode
    (``unicode``). ``str()`` is its canonical text (``"upper, digit, [-!]"``); ``c in
    characters`` tests one character."""

    @property
    def is_unicode(self) -> bool:
        """Whether this is ``unicode``: every character."""
    @property
    def ascii_chars(self) -> str:
        """Its ASCII printable characters, in ASCII order (all 95 for ``unicode``)."""
    def __contains__(self, key: str, /) -> bool: ...

@final
class ExportedRules:
    """A policy written as password rules (:meth:`Policy.to_password_rules`): ``str()`` is
    the rules line for a page's ``passwordrules`` attribute, :attr:`rules` the rules, and
    :attr:`unexpressed` every rule of the policy they do not express exactly."""

    @property
    def rules(self) -> PasswordRules:
        """The rules."""
    @property
    def unexpressed(self) -> list[UnexpressedRule]:
        """Every rule of the policy the rules do not express exactly; empty when they accept
        exactly the passwords the policy accepts."""
    @property
    def is_exact(self) -> bool:
        """Whether nothing is :attr:`unexpressed`."""

@final
class UnexpressedRule:
    """A rule of a policy that password rules cannot say as the policy means it."""

    @property
    def key(self) -> str:
        """The policy-file key of the rule (``min_categories``, ``forbid_username``, …)."""
    @property
    def effect(self) -> Literal["stricter", "looser"]:
        """``"stricter"`` (a password made for the rules still complies) or ``"looser"``
        (it may not)."""
    @property
    def message(self) -> str: ...
