# Stubs for the Rust extension module; checked against it with `python -m mypy.stubtest`.

from typing import Final, TypedDict, final

__all__ = ["__version__", "MAX_LENGTH", "AMBIGUOUS", "DEFAULT_SYMBOLS", "Generator", "StrengthCheck"]

__version__: Final[str]
MAX_LENGTH: Final[int]
"""Longest effective length accepted (1024)."""
AMBIGUOUS: Final[str]
"""Characters removed by ``avoid_ambiguous=True``."""
DEFAULT_SYMBOLS: Final[str]
"""The 32 ASCII punctuation characters, the default symbol set."""

class _GeneratorSettings(TypedDict, total=False):
    """The keyword arguments of :class:`Generator`, for ``passforge.generate(**settings)``."""

    length: int
    lower: int
    upper: int
    digits: int
    symbols: int
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
    sum of the counts. A ``*_set`` replaces a class's characters (any Unicode; ``""``
    disables the class, whose count must then be 0). ``exclude`` removes characters from
    every class; ``avoid_ambiguous`` removes :data:`AMBIGUOUS`. ``strength_check`` is a
    :class:`StrengthCheck` list string; candidates that fail it are redrawn.

    Raises :class:`~passforge.ConfigError` (or :class:`~passforge.StrengthCheckError`)
    for settings that cannot produce a password. Counts that are negative or above
    2**32 - 1 raise ``OverflowError``.
    """

    def __new__(
        cls,
        *,
        length: int = 12,
        lower: int = 6,
        upper: int = 2,
        digits: int = 2,
        symbols: int = 2,
        lower_set: str | None = None,
        upper_set: str | None = None,
        digit_set: str | None = None,
        symbol_set: str | None = None,
        exclude: str = "",
        avoid_ambiguous: bool = False,
        strength_check: str | None = None,
    ) -> Generator: ...
    @property
    def length(self) -> int:
        """The effective length: the larger of ``length`` and the sum of the minimums."""
    @property
    def entropy_bits(self) -> float:
        """log2 of the exact number of passwords the settings allow (before the
        strength check)."""
    @property
    def password_count(self) -> int:
        """The exact number of passwords the settings allow (before the strength check)."""
    def generate(self, *, seed_for_tests: int | None = None) -> str:
        """One password from an OS-seeded ChaCha20 CSPRNG.

        ``seed_for_tests`` (0 to 2**64 - 1) makes the output a fixed function of the seed,
        identical to the Rust core's: **for tests only**, never for real passwords.
        Raises :class:`~passforge.GenerationError`.
        """
    def generate_many(self, n: int, *, seed_for_tests: int | None = None) -> list[str]:
        """``n`` passwords from one OS-seeded ChaCha20 CSPRNG. The GIL is released while
        they are generated.

        With ``seed_for_tests`` (**tests only**) the list equals the Rust core's
        ``generate_many_with(DeterministicRng::from_seed_for_tests(seed), n)``.
        Raises :class:`~passforge.GenerationError`.
        """

@final
class StrengthCheck:
    """Regular expressions a password must all match, written ``'p1', 'p2'`` (a quote
    inside a pattern is doubled: ``'it''s'``). Linear-time engine: no look-around or
    back-references. ``str()`` gives the list string back.

    Raises :class:`~passforge.StrengthCheckError` when the list cannot be parsed.
    """

    def __new__(cls, list: str) -> StrengthCheck: ...
    @property
    def patterns(self) -> list[str]:
        """The patterns, quotes removed."""
    def is_match(self, password: str) -> bool:
        """True when every pattern matches somewhere in ``password``."""
    def failures(self, password: str) -> list[int]:
        """Indexes of the patterns ``password`` does not match."""
