"""Bad arguments: a passforge error (a ValueError with a code) for a value out of range,
TypeError for a value of the wrong type or an unknown keyword; never OverflowError."""

from __future__ import annotations

import subprocess
import sys
from typing import Any, Callable

import pytest

import passforge

COUNTS = ["length", "lower", "upper", "digits", "symbols"]


@pytest.mark.parametrize("name", COUNTS)
def test_negative_count_is_a_config_error(name: str) -> None:
    kwargs: dict[str, Any] = {name: -1}
    with pytest.raises(ValueError) as info:
        passforge.Generator(**kwargs)
    e = info.value
    assert type(e) is passforge.ConfigError
    assert e.code == "INVALID_ARGUMENT"
    assert name in str(e) and "-1" in str(e)


@pytest.mark.parametrize("name", COUNTS)
@pytest.mark.parametrize("value", [2**32, 2**64, 10**40])
def test_huge_count_is_length_too_large(name: str, value: int) -> None:
    kwargs: dict[str, Any] = {name: value}
    with pytest.raises(passforge.ConfigError) as info:
        passforge.Generator(**kwargs)
    # Read as the largest u32, which the core refuses with its own code and message.
    assert info.value.code == "LENGTH_TOO_LARGE"
    assert str(passforge.MAX_LENGTH) in str(info.value)
    # The same code as a count the core itself refuses.
    at_core: dict[str, Any] = {name: passforge.MAX_LENGTH + 1}
    with pytest.raises(passforge.ConfigError) as core:
        passforge.Generator(**at_core)
    assert core.value.code == "LENGTH_TOO_LARGE"


def test_negative_count_with_a_policy() -> None:
    with pytest.raises(passforge.ConfigError) as info:
        passforge.Generator(policy=passforge.Policy(min_length=8), length=-1)
    assert info.value.code == "INVALID_ARGUMENT"


@pytest.mark.parametrize("value", ["12", 12.0, 1.5, b"12", [12]])
def test_wrong_type_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError) as info:
        passforge.Generator(length=value)  # type: ignore[arg-type]
    assert "length" in str(info.value)
    with pytest.raises(TypeError):
        passforge.Generator().generate_many(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        passforge.Generator().generate(seed_for_tests=value)  # type: ignore[arg-type]


def test_none_still_means_not_given() -> None:
    assert passforge.Generator(length=None, lower=None) == passforge.Generator()


def test_misspelt_keywords_are_type_errors() -> None:
    with pytest.raises(TypeError):
        passforge.Generator(lenght=12)  # type: ignore[call-arg]
    with pytest.raises(TypeError) as info:
        passforge.Policy(min_lenght=8)  # type: ignore[call-arg]
    assert "min_lenght" in str(info.value)
    assert not isinstance(info.value, passforge.PassforgeError)
    # In a document the same key is a policy error.
    readers: list[Callable[[], object]] = [
        lambda: passforge.Policy.from_dict({"min_lenght": 8}),
        lambda: passforge.Policy.from_json('{"min_lenght": 8}'),
        lambda: passforge.Policy.from_toml("min_lenght = 8\n"),
    ]
    for read in readers:
        with pytest.raises(passforge.PolicyError) as policy_info:
            read()
        assert policy_info.value.code == "POLICY_SYNTAX"
    # Every key the core knows is a keyword.
    assert passforge.Policy(**passforge.Policy().spec) == passforge.Policy()


@pytest.mark.parametrize("seed", [-1, 2**64, -(2**70)])
def test_seed_out_of_range(seed: int) -> None:
    g = passforge.Generator()
    calls: list[Callable[[], object]] = [
        lambda: g.generate(seed_for_tests=seed),
        lambda: g.generate_many(2, seed_for_tests=seed),
    ]
    for call in calls:
        with pytest.raises(passforge.GenerationError) as info:
            call()
        assert info.value.code == "INVALID_ARGUMENT"


def test_batch_cap() -> None:
    cap = passforge.MAX_BATCH
    assert cap == 1_000_000
    plain = passforge.Generator()
    policy = passforge.Generator(policy=passforge.Policy(min_length=8))
    for g in (plain, policy):
        for n in (cap + 1, 10**9, 2**64, 10**40):
            with pytest.raises(passforge.GenerationError) as info:
                g.generate_many(n)
            assert info.value.code == "BATCH_TOO_LARGE"
            assert str(cap) in str(info.value)
        with pytest.raises(passforge.GenerationError) as info:
            g.generate_many(-1)
        assert info.value.code == "INVALID_ARGUMENT"
        assert g.generate_many(0) == []
    assert len(plain.generate_many(cap, seed_for_tests=1)) == cap


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS as Linux enforces it")
def test_huge_batch_raises_under_a_memory_limit() -> None:
    # Once this aborted the process ("memory allocation failed"); the cap is checked
    # before anything is allocated.
    code = """
import resource
resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))
import passforge
try:
    passforge.Generator().generate_many(10**8)
except passforge.GenerationError as e:
    print(e.code)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "BATCH_TOO_LARGE"
