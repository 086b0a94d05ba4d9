"""Runs the cross-language corpus tests/vectors/password_rules.json (format in
tests/vectors/README.md) against the installed package; mirrors
core/tests/vectors_password_rules.rs."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

import passforge

CORPUS = Path(
    os.environ.get(
        "PASSFORGE_PASSWORD_RULES_VECTORS",
        Path(__file__).resolve().parents[2] / "tests" / "vectors" / "password_rules.json",
    )
)
FORMAT = "passforge-vectors/password_rules/1"
SECTIONS = ("parse", "errors", "write", "generate", "real_world")

# Cases this runtime cannot run, by name, with the reason (reported by pytest -ra).
# Generator.from_password_rules takes only the options that combine with rules, so a
# class option is a TypeError of the call, not the core's PASSWORD_RULES_OPTION.
SKIP: dict[str, str] = {
    "a class option with rules": "Generator.from_password_rules has no class keywords",
}

DATA: dict[str, Any] = json.loads(CORPUS.read_text(encoding="utf-8"))
assert DATA["format"] == FORMAT, f"{CORPUS}: unknown format {DATA['format']!r}"


def cases(section: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = DATA[section]
    return found


def ids(section: str) -> list[str]:
    return [c["name"] for c in cases(section)]


def skip(case: dict[str, Any]) -> None:
    if case["name"] in SKIP:
        pytest.skip(f"password_rules vector {case['name']!r}: {SKIP[case['name']]}")


def test_case_names_are_unique_and_skips_exist() -> None:
    assert set(DATA) == {"format", "reference", *SECTIONS}
    for section in SECTIONS:
        names = ids(section)
        assert len(names) == len(set(names)), section
    every = {n for s in SECTIONS for n in ids(s)}
    assert set(SKIP) <= every, "SKIP names a case that no longer exists"
    assert len(cases("real_world")) >= 30


def characters(c: passforge.RuleCharacters) -> str:
    return "unicode" if c.is_unicode else c.ascii_chars


def changed_keys(policy: passforge.Policy) -> dict[str, Any]:
    default = passforge.Policy().spec
    return {k: v for k, v in policy.spec.items() if default[k] != v}


def check_reading(case: dict[str, Any]) -> None:
    rules = passforge.PasswordRules(case["rules"])
    assert str(rules) == case["normalized"]
    assert (rules.min_length, rules.max_length, rules.max_consecutive) == (
        case["min_length"], case["max_length"], case["max_consecutive"],
    )
    assert [characters(g) for g in rules.required] == case["required"]
    assert characters(rules.allowed) == case["allowed"]
    assert passforge.PasswordRules(str(rules)) == rules
    if "policy_error" in case:
        with pytest.raises(passforge.PolicyError) as info:
            passforge.Policy.from_password_rules(case["rules"])
        assert info.value.code == case["policy_error"]
        assert not isinstance(info.value, passforge.PasswordRulesError)
        return
    policy = passforge.Policy.from_password_rules(case["rules"])
    assert policy == rules.to_policy()
    assert changed_keys(policy) == case["policy"]
    written = policy.to_password_rules()
    assert str(written) == case["written"]
    assert written.is_exact == case["written_exact"]


@pytest.mark.parametrize("case", cases("parse"), ids=ids("parse"))
def test_reading(case: dict[str, Any]) -> None:
    skip(case)
    check_reading(case)


@pytest.mark.parametrize("case", cases("real_world"), ids=ids("real_world"))
def test_real_world_rules(case: dict[str, Any]) -> None:
    skip(case)
    check_reading(case)


@pytest.mark.parametrize("case", cases("errors"), ids=ids("errors"))
def test_error(case: dict[str, Any]) -> None:
    skip(case)
    with pytest.raises(passforge.PasswordRulesError) as info:
        passforge.PasswordRules(case["rules"])
    assert (info.value.code, info.value.line, info.value.column) == (
        case["error"], case["line"], case["column"],
    )
    with pytest.raises(passforge.PasswordRulesError):
        passforge.Policy.from_password_rules(case["rules"])


@pytest.mark.parametrize("case", cases("write"), ids=ids("write"))
def test_policy_written_as_rules(case: dict[str, Any]) -> None:
    skip(case)
    written = passforge.Policy.from_dict(case["policy"]).to_password_rules()
    assert str(written) == case["rules"]
    assert [{"key": u.key, "effect": u.effect} for u in written.unexpressed] == case["unexpressed"]
    assert written.is_exact == (case["unexpressed"] == [])
    assert written.rules == passforge.PasswordRules(case["rules"])


@pytest.mark.parametrize("case", cases("generate"), ids=ids("generate"))
def test_seeded_generation(case: dict[str, Any]) -> None:
    skip(case)
    expect = case["expect"]
    options = case["options"]
    try:
        g = passforge.Generator.from_password_rules(case["rules"], **options)
        passwords = g.generate_many(case["count"], seed_for_tests=case["seed"])
    except passforge.PassforgeError as e:
        assert e.code == expect.get("error"), e
        return
    assert "error" not in expect, f"expected {expect['error']}"
    assert passwords == expect["passwords"]
    assert g.length == expect["length"]
    acceptance = g.acceptance()
    assert acceptance is not None
    share, bits, exact = acceptance
    assert exact
    assert bits == pytest.approx(expect["entropy_bits"], abs=1e-9)
    assert (share < 1.0) == expect["rejects"]
    policy = g.policy
    assert policy is not None
    assert all(policy.is_compliant(p) for p in passwords)
    # The same from parsed rules, and after a pickle round trip.
    again = passforge.Generator.from_password_rules(passforge.PasswordRules(case["rules"]), **options)
    for other in (again, pickle.loads(pickle.dumps(g))):
        assert other == g
        assert other.generate_many(case["count"], seed_for_tests=case["seed"]) == passwords
