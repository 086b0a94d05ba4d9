"""Runs the cross-language corpus tests/vectors/expiry.json (format in
tests/vectors/README.md) against the installed package, as core/tests/vectors_expiry.rs
does in Rust.

Python's datetime and timedelta hold microseconds where the core holds 100 ns ticks, and
datetime stops at the year 9999. The binding floors to the microsecond on the way out,
so instants and durations are compared floored, and the exact 100 ns values are checked
through the integer FILETIME / interval functions instead.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import passforge

CORPUS = Path(
    os.environ.get(
        "PASSFORGE_EXPIRY_VECTORS",
        Path(__file__).resolve().parents[2] / "tests" / "vectors" / "expiry.json",
    )
)
FORMAT = "passforge-vectors/expiry/1"
SECTIONS = ("filetime", "intervals", "cases")

_AFTER_9999 = "the instant is after 9999-12-31, beyond what Python's datetime holds"
# Cases this runtime cannot run, by name, with the reason (reported by pytest -ra). The
# runner first checks that the binding still refuses them with TIME_OUT_OF_RANGE.
SKIP: dict[str, str] = {
    "filetime 2650467744000000000": _AFTER_9999,
    "filetime 9223372036854775807": _AFTER_9999,
}

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
TICKS_PER_MICROSECOND = 10


def _load() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT, f"{CORPUS}: unknown format {data['format']!r}"
    return {section: data[section] for section in SECTIONS}


DOC = _load()


def _cases(section: str, at_least: int) -> pytest.MarkDecorator:
    cases = DOC[section]
    assert len(cases) >= at_least, f"{section}: only {len(cases)} cases"
    return pytest.mark.parametrize("case", cases, ids=[c["name"] for c in cases])


def _floor_fraction_to_micros(text: str) -> str:
    """RFC 3339 text with its fraction cut to 6 digits, trailing zeros trimmed: what the
    core writes for the microsecond-floored instant."""
    m = re.fullmatch(r"(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)", text)
    assert m, text
    fraction = (m.group(2) or "")[:6].rstrip("0")
    return m.group(1) + (f".{fraction}" if fraction else "") + m.group(3)


def _exact_filetime(text: str) -> int:
    """The exact FILETIME of RFC 3339 text with up to 7 fraction digits."""
    m = re.fullmatch(r"(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?(Z|[+-]\d\d:\d\d)", text)
    assert m, text
    whole = passforge.timestamp_from_rfc3339(m.group(1) + m.group(3))
    return passforge.filetime_from_timestamp(whole) + int((m.group(2) or "").ljust(7, "0"))


def test_case_names_are_unique() -> None:
    names = [c["name"] for section in SECTIONS for c in DOC[section]]
    assert len(names) == len(set(names))
    assert set(SKIP) <= set(names), "SKIP names a case that no longer exists"


@_cases("filetime", 8)
def test_filetime(case: dict[str, Any]) -> None:
    filetime = case["filetime"]
    if case["name"] in SKIP:
        with pytest.raises(passforge.TimeError) as info:
            passforge.timestamp_from_filetime(filetime)
        assert info.value.code == "TIME_OUT_OF_RANGE"
        pytest.skip(f"vector {case['name']!r}: {SKIP[case['name']]}")

    t = passforge.timestamp_from_filetime(filetime)
    assert t.tzinfo is timezone.utc
    assert (t - EPOCH) // timedelta(seconds=1) == case["unix_seconds"]
    assert t.microsecond == case["nanos"] // 1_000
    # Back: the FILETIME of the floored instant.
    assert passforge.filetime_from_timestamp(t) == filetime - filetime % TICKS_PER_MICROSECOND
    text = case["rfc3339"]
    assert text is not None, "every instant up to 9999 has RFC 3339 text"
    assert passforge.timestamp_from_rfc3339(text) == t
    assert passforge.rfc3339_from_timestamp(t) == _floor_fraction_to_micros(text)


@_cases("intervals", 5)
def test_interval(case: dict[str, Any]) -> None:
    interval = case["interval"]
    d = passforge.duration_from_ad_interval(interval)
    assert d == timedelta(seconds=case["seconds"], microseconds=case["nanos"] // 1_000)
    # Back: the interval of the floored duration, rounded towards zero to whole
    # microseconds. (For i64::MIN the Rust runner checks that 2^63 ticks do not convert
    # back; floored to the microsecond they fit, so that check is Rust-only. The
    # out-of-range error is tested in test_time.py.)
    ticks = -interval
    assert passforge.ad_interval_from_duration(d) == -(ticks - ticks % TICKS_PER_MICROSECOND)


def _compute(case: dict[str, Any]) -> passforge.Expiry:
    if case["last_set"] is not None:
        last = passforge.PasswordLastSet.at(passforge.timestamp_from_rfc3339(case["last_set"]))
    else:
        last = passforge.PasswordLastSet.from_pwd_last_set(case["pwd_last_set"])
    if case["max_age_days"] is not None:
        age = passforge.MaxPasswordAge.from_days(case["max_age_days"])
    else:
        age = passforge.MaxPasswordAge.from_ad_interval(case["max_pwd_age"])
    return passforge.Expiry.compute(last, age, passforge.UserAccountControl(case["uac"]))


@_cases("cases", 30)
def test_expiry_and_reminders(case: dict[str, Any]) -> None:
    expect = case["expect"]
    try:
        expiry = _compute(case)
    except passforge.PassforgeError as e:
        assert "error" in expect, f"unexpected {type(e).__name__} {e.code}: {e}"
        assert e.code == expect["error"]
        assert isinstance(e, passforge.ExpiryError)
        return
    assert "error" not in expect, f"expected error {expect.get('error')}"

    now = passforge.timestamp_from_rfc3339(case["now"])
    status = expiry.status(now, case["remind_days"])
    if expect["expires_at"] is None:
        assert status.expires_at is None
        assert expiry.instant() is None
        assert expiry.to_filetime() == 2**63 - 1
    else:
        expected = passforge.timestamp_from_rfc3339(expect["expires_at"])
        assert status.expires_at == expected
        assert expiry.instant() == expected
        assert status.expires_at is not None and status.expires_at.tzinfo is timezone.utc
        # The exact instant, 100 ns ticks included.
        assert expiry.to_filetime() == _exact_filetime(expect["expires_at"])
    assert status.days_remaining == expect["days_remaining"]
    assert status.expired is expect["expired"]
    assert status.remind is expect["remind"]
