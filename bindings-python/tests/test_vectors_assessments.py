"""Runs the cross-language corpus tests/vectors/assessments.json (format in
tests/vectors/README.md) against the installed package, as
core/tests/vectors_assessments.rs does in Rust."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest

import passforge

CORPUS = Path(
    os.environ.get(
        "PASSFORGE_ASSESSMENT_VECTORS",
        Path(__file__).resolve().parents[2] / "tests" / "vectors" / "assessments.json",
    )
)
FORMAT = "passforge-vectors/assessments/1"
SECTIONS = ("strength_estimates", "weak_settings", "code_lints", "answer_rehash")


def _load() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT, f"{CORPUS}: unknown format {data['format']!r}"
    return {section: data[section] for section in SECTIONS}


DOC = _load()


def _cases(section: str, at_least: int) -> pytest.MarkDecorator:
    cases = DOC[section]
    assert len(cases) >= at_least, f"{section}: only {len(cases)} cases"
    return pytest.mark.parametrize("case", cases, ids=[c["name"] for c in cases])


def test_case_names_are_unique() -> None:
    names = [c["name"] for section in SECTIONS for c in DOC[section]]
    assert len(names) == len(set(names))


@_cases("strength_estimates", 8)
def test_strength_check_estimate(case: dict[str, Any]) -> None:
    expect = case["expect"]
    g = passforge.Generator(**case["settings"])
    bits = g.entropy_bits
    assert bits == pytest.approx(expect["entropy_bits"], abs=1e-9)
    share, after = g.strength_check_estimate()
    # 1e-12: the generator script and the core compute the Wilson bound in another order.
    assert expect["share_min"] - 1e-12 <= share <= expect["share_max"] + 1e-12
    want = min(max(bits + math.log2(share), 0.0), bits) if share > 0 else 0.0
    assert after == pytest.approx(want, abs=1e-9)
    assert after <= bits


@_cases("weak_settings", 6)
def test_weak_settings(case: dict[str, Any]) -> None:
    g = passforge.Generator(**case["settings"])
    assert g.entropy_bits == pytest.approx(case["expect"]["entropy_bits"], abs=1e-9)
    assert g.is_weak is case["expect"]["is_weak"]


@_cases("code_lints", 10)
def test_code_lint(case: dict[str, Any]) -> None:
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(passforge.OneTimeCodeError) as info:
            passforge.OneTimeCodePolicy(**case["settings"])
        assert info.value.code == expect["error"]
        return
    findings = passforge.OneTimeCodePolicy(**case["settings"]).lint()
    got = [{"code": f.code, "severity": f.severity} for f in findings]
    assert got == expect["findings"]


@_cases("answer_rehash", 12)
def test_answer_rehash(case: dict[str, Any]) -> None:
    hasher = passforge.SecurityAnswerHasher(**(case["hasher"] or {}))
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(passforge.SecurityAnswerError) as info:
            hasher.needs_rehash(case["stored"])
        assert info.value.code == expect["error"]
    else:
        assert hasher.needs_rehash(case["stored"]) is expect["needs_rehash"]
    if "answer" in case:
        assert passforge.SecurityAnswerHasher.verify(case["stored"], case["answer"])
