"""Runs the cross-language corpus tests/vectors/tokens.json (format in
tests/vectors/README.md) against the installed package, as core/tests/vectors_tokens.rs
does in Rust."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import passforge

CORPUS = Path(
    os.environ.get(
        "PASSFORGE_TOKEN_VECTORS",
        Path(__file__).resolve().parents[2] / "tests" / "vectors" / "tokens.json",
    )
)
FORMAT = "passforge-vectors/tokens/1"
SECTIONS = (
    "time_tokens",
    "verify",
    "plain",
    "request_tokens",
    "request_verify",
    "request_replay",
    "reset_tokens",
    "code_sends",
    "answers",
)

_FIXED_BYTES = (
    "the Rust runner issues the token from these exact bytes through a fixed-bytes RNG; "
    "Python can only seed the test RNG, so the base64 encoding step is Rust-only (the "
    "digest and verification of the same token run in test_reset_token_digest)"
)
# Checks this runtime cannot run, as "section/name (check)", with the reason (reported by
# pytest -ra).
SKIP: dict[str, str] = {
    "reset_tokens/zeros (encoding)": _FIXED_BYTES,
    "reset_tokens/ones (encoding)": _FIXED_BYTES,
    "reset_tokens/counting (encoding)": _FIXED_BYTES,
    "reset_tokens/sha256 of 'passforge' (encoding)": _FIXED_BYTES,
    "reset_tokens/url-safe alphabet (encoding)": _FIXED_BYTES,
}


def _load() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT, f"{CORPUS}: unknown format {data['format']!r}"
    return {section: data[section] for section in SECTIONS}


DOC = _load()


def _cases(section: str, at_least: int) -> pytest.MarkDecorator:
    cases = DOC[section]
    assert len(cases) >= at_least, f"{section}: only {len(cases)} cases"
    return pytest.mark.parametrize("case", cases, ids=[c["name"] for c in cases])


def _at(unix_seconds: int) -> datetime:
    return datetime.fromtimestamp(unix_seconds, timezone.utc)


def _scheme(case: dict[str, Any], skew: int) -> passforge.TimeTokenScheme:
    return passforge.TimeTokenScheme(
        algorithm=case["algorithm"], period_seconds=case["period"], skew_windows=skew
    )


def _skip_if_listed(key: str) -> None:
    if key in SKIP:
        pytest.skip(f"vector {key!r}: {SKIP[key]}")


def test_case_names_are_unique() -> None:
    names = [c["name"] for section in SECTIONS for c in DOC[section]]
    assert len(names) == len(set(names))
    keys = {f"{s}/{c['name']} (encoding)" for s in SECTIONS for c in DOC[s]}
    assert set(SKIP) <= keys, "SKIP names a case that no longer exists"


@_cases("time_tokens", 100)
def test_time_token(case: dict[str, Any]) -> None:
    secret = case["secret"].encode()
    scheme = _scheme(case, 1)
    at = _at(case["at"])
    assert scheme.window(at) == case["window"]
    assert scheme.token_at(secret, at) == case["token"]
    assert scheme.token_for_window(secret, case["window"]) == case["token"]
    accepted = scheme.verify(secret, case["token"], at)
    assert accepted is not None
    assert accepted.window == case["window"]


@_cases("verify", 60)
def test_verification_window(case: dict[str, Any]) -> None:
    secret = passforge.SharedToken(case["secret"].encode())
    scheme = _scheme(case, case["skew"])
    got = scheme.verify(secret, case["token"], _at(case["now"]))
    assert (got is not None) == case["valid"]
    if got is not None:
        assert got.window == case["window"]
        assert got.valid_until == _at(case["valid_until"])


@_cases("plain", 5)
def test_plain_token(case: dict[str, Any]) -> None:
    secret = passforge.SharedToken(case["secret"].encode())
    assert secret.verify_plain(case["presented"]) == case["valid"]


def _binding(case: dict[str, Any]) -> str:
    return passforge.request_binding(case["method"], case["path"], case["body"].encode())


@_cases("request_tokens", 20)
def test_request_token(case: dict[str, Any]) -> None:
    scheme = passforge.RequestTokenScheme(period_seconds=case["period"])
    at = _at(case["at"])
    assert _binding(case) == case["binding"]
    assert scheme.window(at) == case["window"]
    secret = case["secret"].encode()
    if "error" in case:
        with pytest.raises(passforge.TokenError) as info:
            scheme.token(secret, at, case["nonce"], _binding(case))
        assert info.value.code == case["error"]
        return
    token = scheme.token(secret, at, case["nonce"], _binding(case))
    assert token == case["token"]
    accepted = scheme.verify(secret, token, _binding(case), at)
    assert accepted is not None and accepted.window == case["window"]


@_cases("request_verify", 30)
def test_request_verification(case: dict[str, Any]) -> None:
    scheme = passforge.RequestTokenScheme(period_seconds=case["period"], skew_windows=case["skew"])
    secret = passforge.SharedToken(case["secret"].encode())
    got = scheme.verify(secret, case["token"], _binding(case), _at(case["now"]))
    assert (got is not None) == case["valid"]
    if got is not None:
        assert got.window == case["window"]
        assert got.valid_until == _at(case["valid_until"])


class _RecordingGuard:
    """A replay guard that records the fingerprints it is asked about."""

    def __init__(self) -> None:
        self.asked: list[bytes] = []

    def first_use(self, fingerprint: bytes, valid_until: datetime, now: datetime) -> bool:
        first = fingerprint not in self.asked
        self.asked.append(fingerprint)
        return first


@_cases("request_replay", 4)
def test_request_replay(case: dict[str, Any]) -> None:
    scheme = passforge.RequestTokenScheme(period_seconds=case["period"], skew_windows=case["skew"])
    secret = case["secret"].encode()
    now = _at(case["now"])
    guard = _RecordingGuard()
    memory = passforge.MemoryReplayGuard()
    for i, step in enumerate(case["steps"]):
        asked = len(guard.asked)
        got = scheme.verify_once(secret, step["token"], _binding(step), now, guard)
        assert got.kind == step["expect"], f"step {i}"
        assert scheme.verify_once(secret, step["token"], _binding(step), now, memory).kind == step["expect"]
        if got.accepted is not None:
            assert got.accepted.window == step["window"]
            assert got.accepted.valid_until == _at(step["valid_until"])
        if step["fingerprint"] is None:
            assert len(guard.asked) == asked, f"step {i}: the guard was consulted"
        else:
            assert guard.asked[asked:] == [bytes.fromhex(step["fingerprint"])], f"step {i}"


@_cases("reset_tokens", 5)
def test_reset_token_digest(case: dict[str, Any]) -> None:
    now = _at(1_700_000_000)
    digest = passforge.ResetTokenDigest.of(case["token"])
    assert digest.to_hex() == case["sha256"]
    assert passforge.ResetTokenDigest.from_hex(case["sha256"]) == digest
    assert digest.as_bytes() == bytes.fromhex(case["sha256"])
    stored = passforge.StoredResetToken(digest, now, _at(1_700_000_600))
    stored.verify(case["token"], now)  # raises ResetTokenError when refused


@_cases("reset_tokens", 5)
def test_reset_token_encoding(case: dict[str, Any]) -> None:
    _skip_if_listed(f"reset_tokens/{case['name']} (encoding)")
    pytest.fail(f"no Python runner for the encoding of {case['name']!r}; add it to SKIP")


@_cases("code_sends", 10)
def test_code_sending_rules(case: dict[str, Any]) -> None:
    policy = passforge.OneTimeCodePolicy()
    previous = [_at(s) for s in case["previous"]]
    expect = case["expect"]
    if expect.get("allowed") is True:
        policy.check_send(previous, _at(case["now"]))  # raises SendRefused when refused
        return
    with pytest.raises(passforge.SendRefused) as info:
        policy.check_send(previous, _at(case["now"]))
    assert info.value.code == expect["refused"]
    assert info.value.next_allowed_at == _at(expect["next_allowed_at"])


@_cases("answers", 10)
def test_answer_normalisation(case: dict[str, Any]) -> None:
    assert passforge.normalize_answer(case["input"]) == case["normalized"]
