"""Runs the cross-language corpus tests/vectors/contract.json (format in
tests/vectors/README.md, section contract.json) against the installed package: which input
gives which error code, and which generator options count as given (checked against a
policy) or not (derived from it). The Rust runner is core/tests/vectors_contract.rs."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

import pytest

import passforge

CORPUS = Path(
    os.environ.get(
        "PASSFORGE_CONTRACT_VECTORS",
        Path(__file__).resolve().parents[2] / "tests" / "vectors" / "contract.json",
    )
)
FORMAT = "passforge-vectors/contract/1"

# Cases this runtime cannot express, by name, with the reason (reported by pytest -ra).
# Every case of contract/1 is expressible through the Python API today.
SKIP: dict[str, str] = {}

# The class each call raises (or a subclass of it), so that one `except` per call works.
CALL_CLASS: dict[str, type[passforge.PassforgeError]] = {
    "generator": passforge.ConfigError,
    "generate": passforge.GenerationError,
    "generate_many": passforge.GenerationError,
    "policy_text": passforge.PolicyError,
    "policy_object": passforge.PolicyError,
    "strength_check": passforge.StrengthCheckError,
    "pso": passforge.PolicyError,
}


def _load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CORPUS.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT, f"{CORPUS}: unknown format {data['format']!r}"
    return data


DATA = _load()
ERRORS: list[dict[str, Any]] = DATA["errors"]
OPTIONS: list[dict[str, Any]] = DATA["options"]


def generator(case: dict[str, Any]) -> passforge.Generator:
    """`Generator(**options, policy=..., **context)`; the policy is read before, so that
    only the generator's own error can reach the caller."""
    policy = passforge.Policy.from_dict(case["policy"]) if "policy" in case else None
    return passforge.Generator(**case["options"], policy=policy, **case.get("context", {}))


def call(case: dict[str, Any]) -> Callable[[], object]:
    kind = case["call"]
    if kind == "generator":
        return lambda: generator(case)
    if kind == "generate":
        return lambda: generator(case).generate(seed_for_tests=1)
    if kind == "generate_many":
        return lambda: generator(case).generate_many(case["count"], seed_for_tests=1)
    if kind == "policy_text":
        read = {"toml": passforge.Policy.from_toml, "json": passforge.Policy.from_json}
        return lambda: read[case["format"]](case["text"])
    if kind == "policy_object":
        return lambda: passforge.Policy.from_dict(case["policy"])
    if kind == "strength_check":
        return lambda: passforge.StrengthCheck(case["text"])
    if kind == "pso":
        return lambda: passforge.resolve_pso(case["candidates"])
    raise AssertionError(f"the Python runner does not know call {kind!r}")


def test_case_names_are_unique_and_skips_exist() -> None:
    names = [c["name"] for c in ERRORS + OPTIONS]
    assert len(names) == len(set(names))
    assert set(SKIP) <= set(names), "SKIP names a case that no longer exists"
    assert len(ERRORS) >= 20 and len(OPTIONS) >= 10


def test_every_corpus_code_is_registered() -> None:
    registered = {info.code for info in passforge.error_codes()}
    used = {c["error"] for c in ERRORS} | {
        c["expect"]["error"] for c in OPTIONS if "error" in c["expect"]
    }
    assert used <= registered, used - registered


@pytest.mark.parametrize("case", ERRORS, ids=[c["name"] for c in ERRORS])
def test_error_case(case: dict[str, Any]) -> None:
    if case["name"] in SKIP:
        pytest.skip(f"contract vector {case['name']!r}: {SKIP[case['name']]}")
    with pytest.raises(passforge.PassforgeError) as info:
        call(case)()
    e = info.value
    assert e.code == case["error"], f"{type(e).__name__}: {e}"
    assert isinstance(e, CALL_CLASS[case["call"]]), type(e)
    assert isinstance(e, ValueError)
    if "names" in case:
        assert case["names"] in str(e), str(e)


@pytest.mark.parametrize("case", OPTIONS, ids=[c["name"] for c in OPTIONS])
def test_options_case(case: dict[str, Any]) -> None:
    if case["name"] in SKIP:
        pytest.skip(f"contract vector {case['name']!r}: {SKIP[case['name']]}")
    expect = case["expect"]
    unknown = set(expect) - {"length", "error"}
    assert not unknown, f"the Python runner does not know expect keys {unknown}"
    if "error" in expect:
        with pytest.raises(passforge.ConfigError) as info:
            generator(case)
        assert info.value.code == expect["error"], str(info.value)
    else:
        assert generator(case).length == expect["length"]
