"""The ``secrets``-style one-liners: ``pin`` and ``token_urlsafe``."""

from __future__ import annotations

import base64
import inspect
import secrets
from collections import Counter

import pytest

import passforge


def test_pin_defaults_to_six_digits() -> None:
    assert inspect.signature(passforge.pin).parameters["length"].default == 6
    pins = [passforge.pin() for _ in range(200)]
    assert all(len(p) == 6 and p.isdigit() and p.isascii() for p in pins)
    assert len(set(pins)) > 190  # 10**6 of them: repeats are rare


@pytest.mark.parametrize("length", [1, 4, 8, 20, passforge.MAX_LENGTH])
def test_pin_lengths(length: int) -> None:
    pin = passforge.pin(length)
    assert len(pin) == length and pin.isdigit()


def test_pin_is_the_digits_only_generator() -> None:
    digits_only = passforge.Generator(
        length=6, lower=0, upper=0, digits=0, symbols=0,
        lower_set="", upper_set="", symbol_set="",
    )
    assert digits_only.password_count == 10**6
    for seed in (0, 1, 2**64 - 1):
        assert passforge.pin(6, seed_for_tests=seed) == digits_only.generate(seed_for_tests=seed)


def test_every_digit_is_as_likely_with_leading_zeros_kept() -> None:
    # 20,000 one-digit PINs: each digit within 5 sigma of 2,000 (a biased draw such as
    # byte % 10 would favour 0-5 by 1/25, about 80 more each).
    counts = Counter(passforge.pin(1) for _ in range(20_000))
    assert set(counts) == set("0123456789")
    assert all(abs(n - 2_000) < 5 * 42.5 for n in counts.values()), counts
    assert any(passforge.pin(2).startswith("0") for _ in range(2_000))


def test_token_urlsafe_mirrors_secrets() -> None:
    assert len(passforge.token_urlsafe()) == len(secrets.token_urlsafe()) == 43
    assert len(passforge.token_urlsafe(None)) == 43
    for nbytes in (1, 2, 3, 16, 32, 33, passforge.MAX_TOKEN_BYTES):
        token = passforge.token_urlsafe(nbytes)
        assert len(token) == len(secrets.token_urlsafe(nbytes)), nbytes
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        # Unpadded base64url of exactly nbytes bytes.
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) == nbytes
    assert passforge.token_urlsafe() != passforge.token_urlsafe()


def test_seeded_outputs_are_fixed_and_prefixes() -> None:
    a = passforge.token_urlsafe(6, seed_for_tests=3)
    assert a == passforge.token_urlsafe(6, seed_for_tests=3)
    assert a != passforge.token_urlsafe(6, seed_for_tests=4)
    # The token is the seeded stream's first bytes: 3 bytes are 4 characters of it.
    assert passforge.token_urlsafe(3, seed_for_tests=3) == a[:4]


@pytest.mark.parametrize(
    ("call", "cls", "code"),
    [
        (lambda: passforge.pin(0), passforge.ConfigError, "LENGTH_ZERO"),
        (lambda: passforge.pin(passforge.MAX_LENGTH + 1), passforge.ConfigError, "LENGTH_TOO_LARGE"),
        (lambda: passforge.pin(2**64), passforge.ConfigError, "LENGTH_TOO_LARGE"),
        (lambda: passforge.pin(-1), passforge.ConfigError, "INVALID_ARGUMENT"),
        (lambda: passforge.pin(seed_for_tests=-1), passforge.GenerationError, "INVALID_ARGUMENT"),
        (lambda: passforge.token_urlsafe(0), passforge.GenerationError, "TOKEN_BYTES"),
        (lambda: passforge.token_urlsafe(passforge.MAX_TOKEN_BYTES + 1), passforge.GenerationError,
         "TOKEN_BYTES"),
        (lambda: passforge.token_urlsafe(2**64), passforge.GenerationError, "TOKEN_BYTES"),
        (lambda: passforge.token_urlsafe(-1), passforge.GenerationError, "INVALID_ARGUMENT"),
        (lambda: passforge.token_urlsafe(seed_for_tests=2**64), passforge.GenerationError,
         "INVALID_ARGUMENT"),
    ],
)
def test_errors(call: object, cls: type[passforge.PassforgeError], code: str) -> None:
    assert callable(call)
    with pytest.raises(cls) as info:
        call()
    assert info.value.code == code, str(info.value)


def test_wrong_types() -> None:
    with pytest.raises(TypeError, match="length"):
        passforge.pin("6")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="nbytes"):
        passforge.token_urlsafe(32.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        passforge.pin(length=6, digits=6)  # type: ignore[call-arg]
