"""Runs the cross-language corpus tests/vectors/secrets.json (format in
tests/vectors/README.md, section secrets.json) against the installed package: seeded PINs
and URL-safe tokens, exact outputs, and their error codes. The Rust runner is
core/tests/vectors_secrets.rs."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

import passforge

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "vectors" / "secrets.json"
DATA: dict[str, Any] = json.loads(CORPUS.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = DATA["cases"]
# The class each call raises for its errors.
CALL_CLASS = {"pin": passforge.ConfigError, "token_urlsafe": passforge.GenerationError}


def run(case: dict[str, Any]) -> str:
    if case["call"] == "pin":
        return passforge.pin(case["length"], seed_for_tests=case["seed"])
    if case["call"] == "token_urlsafe":
        return passforge.token_urlsafe(case["nbytes"], seed_for_tests=case["seed"])
    raise AssertionError(f"the Python runner does not know call {case['call']!r}")


def test_corpus() -> None:
    assert DATA["format"] == "passforge-vectors/secrets/1"
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)) and len(names) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(CALL_CLASS[case["call"]]) as info:
            run(case)
        assert info.value.code == case["error"]
        return
    out = run(case)
    assert out == case["expect"]
    if case["call"] == "token_urlsafe":
        padded = out + "=" * (-len(out) % 4)
        assert len(base64.urlsafe_b64decode(padded)) == case["nbytes"]
