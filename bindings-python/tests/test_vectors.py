"""Runs the cross-language corpus tests/vectors/generate.json (format in
tests/vectors/README.md) against the installed package."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import passforge

CORPUS = Path(
    os.environ.get(
        "PASSFORGE_VECTORS",
        Path(__file__).resolve().parents[2] / "tests" / "vectors" / "generate.json",
    )
)
FORMAT = "passforge-vectors/generate/1"

# Cases this runtime cannot run, by name, with the reason (reported by pytest -ra).
SKIP: dict[str, str] = {}

CONFIG_CODES = {
    "LENGTH_ZERO",
    "LENGTH_TOO_LARGE",
    "CLASS_EMPTY",
    "NO_CHARACTERS",
}
GENERATE_CODES = {"STRENGTH_CHECK_UNMET", "RANDOM_SOURCE"}
KNOWN_EXPECT = {"passwords", "length", "entropy_bits", "error"}


def _load() -> list[dict[str, Any]]:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT, f"{CORPUS}: unknown format {data['format']!r}"
    cases: list[dict[str, Any]] = data["cases"]
    return cases


CASES = _load()


def test_case_names_are_unique() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    assert set(SKIP) <= set(names), "SKIP names a case that no longer exists"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_generate_vector(case: dict[str, Any]) -> None:
    if case["name"] in SKIP:
        pytest.skip(f"vector {case['name']!r}: {SKIP[case['name']]}")
    expect = case["expect"]
    unknown = set(expect) - KNOWN_EXPECT
    assert not unknown, f"the Python runner does not know expect keys {unknown}"

    try:
        gen = passforge.Generator(**case.get("settings", {}))
        passwords = None
        if "seed" in case:
            passwords = gen.generate_many(case.get("count", 1), seed_for_tests=case["seed"])
    except passforge.PassforgeError as e:
        assert "error" in expect, f"unexpected {type(e).__name__} {e.code}: {e}"
        assert e.code == expect["error"]
        _assert_error_class(e)
        return
    assert "error" not in expect, f"expected error {expect['error']}"

    if "passwords" in expect:
        assert passwords == expect["passwords"]
        # The single-password path draws the same stream.
        assert gen.generate(seed_for_tests=case["seed"]) == expect["passwords"][0]
    if "length" in expect:
        assert gen.length == expect["length"]
    if "entropy_bits" in expect:
        assert abs(gen.entropy_bits - expect["entropy_bits"]) <= 1e-9


def _assert_error_class(e: passforge.PassforgeError) -> None:
    assert isinstance(e, ValueError)
    if e.code.startswith("STRENGTH_CHECK_") and e.code != "STRENGTH_CHECK_UNMET":
        assert type(e) is passforge.StrengthCheckError
    elif e.code in CONFIG_CODES:
        assert type(e) is passforge.ConfigError
    else:
        assert e.code in GENERATE_CODES
        assert type(e) is passforge.GenerationError
