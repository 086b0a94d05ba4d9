"""passforge: exactly uniform password generation with per-class minimums and regex
strength checks, backed by the Rust core.

>>> import passforge
>>> g = passforge.Generator(length=16, lower=8, upper=4, digits=2, symbols=2)
>>> len(g.generate())
16
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from passforge._errors import ConfigError, GenerationError, PassforgeError, StrengthCheckError
from passforge._native import (
    AMBIGUOUS,
    DEFAULT_SYMBOLS,
    MAX_LENGTH,
    Generator,
    StrengthCheck,
    __version__,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from passforge._native import _GeneratorSettings

__all__ = [
    "AMBIGUOUS",
    "DEFAULT_SYMBOLS",
    "MAX_LENGTH",
    "ConfigError",
    "GenerationError",
    "Generator",
    "PassforgeError",
    "StrengthCheck",
    "StrengthCheckError",
    "__version__",
    "generate",
]


def generate(**settings: Unpack[_GeneratorSettings]) -> str:
    """One password from ``Generator(**settings)``; see :class:`Generator`."""
    return Generator(**settings).generate()
