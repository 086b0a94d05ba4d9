"""Runs the cross-language corpus tests/vectors/validate.json (format in
tests/vectors/README.md) against the installed package; mirrors
core/tests/vectors_validate.rs."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import passforge

CORPUS = Path(
    os.environ.get(
        "PASSFORGE_VALIDATE_VECTORS",
        Path(__file__).resolve().parents[2] / "tests" / "vectors" / "validate.json",
    )
)
FORMAT = "passforge-vectors/validate/1"
KNOWN_KEYS = {
    "name", "policy", "context", "password", "expect", "violations", "history",
    "requires", "expect_error",
}

# Cases this runtime cannot run, by name, with the reason (reported by pytest -ra).
SKIP: dict[str, str] = {}


def _has_zxcvbn() -> bool:
    """Whether the wheel was built with the `zxcvbn` feature (`min_score` available)."""
    try:
        passforge.Policy(min_score=0)
    except passforge.PolicyError as e:
        assert e.code == "POLICY_SCORE_UNAVAILABLE", e
        return False
    return True


FEATURES = {"zxcvbn": _has_zxcvbn()}


def _load() -> list[dict[str, Any]]:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT, f"{CORPUS}: unknown format {data['format']!r}"
    cases: list[dict[str, Any]] = data["cases"]
    return cases


CASES = _load()


class History:
    """The case's history, newest (the current password) first."""

    def __init__(self, passwords: Sequence[str]) -> None:
        self.passwords = list(passwords)
        self.calls: list[int] = []

    def contains(self, password: str, depth: int) -> bool:
        self.calls.append(depth)
        return password in self.passwords[: depth + 1]


def test_corpus_shape() -> None:
    names = [c["name"] for c in CASES]
    assert len(CASES) >= 50
    assert len(names) == len(set(names))
    assert set(SKIP) <= set(names), "SKIP names a case that no longer exists"
    for case in CASES:
        unknown = set(case) - KNOWN_KEYS
        assert not unknown, f"{case['name']}: the Python runner does not know {unknown}"


def test_the_published_wheel_has_the_score() -> None:
    # pyproject.toml turns the zxcvbn feature on; a wheel without it skips "too weak".
    assert FEATURES["zxcvbn"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_validate_vector(case: dict[str, Any]) -> None:
    name = case["name"]
    if name in SKIP:
        pytest.skip(f"vector {name!r}: {SKIP[name]}")
    missing = [f for f in case.get("requires", []) if not FEATURES.get(f, False)]
    if missing:
        pytest.skip(f"vector {name!r} needs {', '.join(missing)}")

    try:
        policy = passforge.Policy.from_dict(case["policy"])
    except passforge.PolicyError as e:
        assert case.get("expect_error") == e.code, f"{name}: {e.code}: {e}"
        # JSON text is refused the same way.
        with pytest.raises(passforge.PolicyError) as info:
            passforge.Policy.from_json(json.dumps(case["policy"]))
        assert info.value.code == e.code
        return
    assert "expect_error" not in case, f"{name}: policy was accepted"

    context: dict[str, str] = case["context"]
    assert set(context) <= {"username", "display_name", "email"}, name
    user = {
        "username": context.get("username"),
        "display_name": context.get("display_name"),
        "email": context.get("email"),
    }
    password: str = case["password"]
    history = History(case["history"]) if "history" in case else None
    result = policy.validate(
        password,
        username=user["username"],
        display_name=user["display_name"],
        email=user["email"],
        history=history,
    )
    got = [v.code for v in result.violations]
    assert got == case["expect"], name
    assert result.ok is (not got) and bool(result) is result.ok
    if history is None:
        compliant = policy.is_compliant(
            password,
            username=user["username"],
            display_name=user["display_name"],
            email=user["email"],
        )
        assert compliant is result.ok
    elif policy.history > 0 and "TOO_LONG" not in got:
        assert history.calls == [policy.history]

    # Parameters, where the case lists them: each listed key must match.
    dicts = [v.to_dict() for v in result.violations]
    for i, want in enumerate(case.get("violations", [])):
        for key, value in want.items():
            assert dicts[i][key] == value, f"{name}: violation {i} {key}"
            assert getattr(result.violations[i], key) == value
            if key not in ("code", "message"):
                assert result.violations[i].params[key] == value

    # No violation repeats the password (context tokens may be substrings of it).
    if len(password) >= 4:
        for v, d in zip(result.violations, dicts):
            assert password not in json.dumps(d, ensure_ascii=False), f"{name}: echoed"
            assert password not in repr(v) and password not in str(v), f"{name}: echoed"
        assert password not in repr(result)
