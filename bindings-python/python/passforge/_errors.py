"""Exception classes raised by passforge; the extension module raises them by name."""

from __future__ import annotations

__all__ = ["ConfigError", "GenerationError", "PassforgeError", "StrengthCheckError"]


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
    def __reduce__(self) -> tuple[type[PassforgeError], tuple[str, str]]:
        return (type(self), (self.message, self.code))


class ConfigError(PassforgeError):
    """The settings were refused (``LENGTH_ZERO``, ``LENGTH_TOO_LARGE``, ``CLASS_EMPTY``,
    ``NO_CHARACTERS``, or a ``STRENGTH_CHECK_*`` code via :class:`StrengthCheckError`)."""


class StrengthCheckError(ConfigError):
    """The strength check list could not be parsed or compiled
    (``STRENGTH_CHECK_SYNTAX``, ``STRENGTH_CHECK_PATTERN``, ``STRENGTH_CHECK_TOO_LONG``,
    ``STRENGTH_CHECK_TOO_MANY``)."""


class GenerationError(PassforgeError):
    """A valid generator could not produce a password (``STRENGTH_CHECK_UNMET``,
    ``RANDOM_SOURCE``)."""
