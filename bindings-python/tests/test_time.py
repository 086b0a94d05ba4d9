"""Instants and durations at the boundary, and the expiry API."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

import passforge

UTC = timezone.utc
NOW = datetime(2024, 2, 1, tzinfo=UTC)


def test_results_are_aware_utc_datetimes() -> None:
    plus_two = timezone(timedelta(hours=2))
    t = passforge.timestamp_from_rfc3339("2024-02-29T13:00:00.5+01:00")
    assert type(t) is datetime and t.tzinfo is UTC
    assert t == datetime(2024, 2, 29, 12, 0, 0, 500_000, tzinfo=UTC)
    # Any offset is accepted going in; the instant is what counts.
    local = datetime(2024, 2, 29, 14, 0, 0, 500_000, tzinfo=plus_two)
    assert passforge.rfc3339_from_timestamp(local) == "2024-02-29T12:00:00.5Z"
    assert passforge.filetime_from_timestamp(local) == passforge.filetime_from_timestamp(t)
    assert passforge.timestamp_from_filetime(0) == datetime(1601, 1, 1, tzinfo=UTC)
    epoch = passforge.timestamp_from_filetime(116_444_736_000_000_000)
    assert epoch == datetime(1970, 1, 1, tzinfo=UTC) and epoch.tzinfo is UTC


def test_sub_microsecond_values_floor() -> None:
    # 100 ns before the Unix epoch: floored to the microsecond, towards the past.
    t = passforge.timestamp_from_filetime(116_444_735_999_999_999)
    assert t == datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)
    assert passforge.duration_from_ad_interval(-19) == timedelta(microseconds=1)
    assert passforge.timestamp_from_rfc3339("2024-01-01T00:00:00.0000019Z").microsecond == 1


def test_datetime_range_edges() -> None:
    first = datetime(1, 1, 1, tzinfo=UTC)
    last = datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)
    assert passforge.timestamp_from_rfc3339(passforge.rfc3339_from_timestamp(first)) == first
    assert passforge.timestamp_from_rfc3339(passforge.rfc3339_from_timestamp(last)) == last
    with pytest.raises(passforge.TimeError) as info:
        passforge.timestamp_from_filetime(2**63 - 1)  # year 30828
    assert info.value.code == "TIME_OUT_OF_RANGE"
    assert "datetime" in str(info.value)
    with pytest.raises(passforge.TimeError) as info:
        passforge.filetime_from_timestamp(datetime(1600, 12, 31, tzinfo=UTC))
    assert info.value.code == "TIME_OUT_OF_RANGE"


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2024, 1, 1)
    calls: list[Callable[[], object]] = [
        lambda: passforge.filetime_from_timestamp(naive),
        lambda: passforge.rfc3339_from_timestamp(naive),
        lambda: passforge.TimeTokenScheme().window(naive),
        lambda: passforge.ResetToken.issue(naive),
        lambda: passforge.OneTimeCodePolicy().check_send([NOW], naive),
        lambda: passforge.OneTimeCodePolicy().check_send([naive], NOW),
        lambda: passforge.PasswordLastSet.at(naive),
        lambda: passforge.Expiry.NEVER.status(naive, 30),
    ]
    for call in calls:
        with pytest.raises(passforge.NaiveDatetimeError) as info:
            call()
        e = info.value
        assert isinstance(e, passforge.TimeError) and isinstance(e, ValueError)
        assert e.code == "TIME_NAIVE"


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        passforge.filetime_from_timestamp(1_700_000_000)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        passforge.ad_interval_from_duration(60)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        passforge.filetime_from_timestamp(NOW.date())  # type: ignore[arg-type]


def test_durations() -> None:
    d = passforge.duration_from_ad_interval(-36_288_000_000_000)
    assert type(d) is timedelta and d == timedelta(days=42)
    assert passforge.ad_interval_from_duration(timedelta(days=42)) == -36_288_000_000_000
    assert passforge.duration_from_ad_interval(-(2**63)) == timedelta(
        seconds=922_337_203_685, microseconds=477_580
    )
    with pytest.raises(passforge.TimeError) as info:
        passforge.duration_from_ad_interval(1)
    assert info.value.code == "INTERVAL_POSITIVE"
    with pytest.raises(passforge.TimeError) as info:
        passforge.ad_interval_from_duration(timedelta(days=2 * 10**7))  # > 2**63 ticks
    assert info.value.code == "TIME_OUT_OF_RANGE"
    with pytest.raises(passforge.TimeError) as info:
        passforge.ad_interval_from_duration(timedelta(microseconds=-1))
    assert info.value.code == "DURATION_NEGATIVE"
    assert type(info.value) is passforge.TimeError


def test_rfc3339_errors() -> None:
    for bad in ["", "2024-02-30T00:00:00Z", "2024-01-01T00:00:00", "1709208000"]:
        with pytest.raises(passforge.TimeError) as info:
            passforge.timestamp_from_rfc3339(bad)
        assert info.value.code == "TIME_RFC3339"


def test_expiry_constructors() -> None:
    set_at = datetime(2024, 1, 1, tzinfo=UTC)
    last = passforge.PasswordLastSet.at(set_at)
    assert last.instant == set_at
    assert passforge.PasswordLastSet.MUST_CHANGE.instant is None
    assert passforge.PasswordLastSet.from_pwd_last_set(0) == passforge.PasswordLastSet.MUST_CHANGE
    assert passforge.MaxPasswordAge.from_days(0) == passforge.MaxPasswordAge.NEVER
    assert passforge.MaxPasswordAge.from_ad_interval(0) == passforge.MaxPasswordAge.NEVER
    assert passforge.MaxPasswordAge.from_ad_interval(-(2**63)) == passforge.MaxPasswordAge.NEVER
    age = passforge.MaxPasswordAge.from_days(60)
    assert age == passforge.MaxPasswordAge.after(timedelta(days=60))
    assert age.duration == timedelta(days=60)
    assert passforge.MaxPasswordAge.NEVER.duration is None

    uac = passforge.UserAccountControl(0x200 | passforge.UserAccountControl.DONT_EXPIRE_PASSWORD)
    assert uac.bits == 0x10200 and uac.password_never_expires()
    assert not passforge.UserAccountControl().password_never_expires()
    assert passforge.UserAccountControl.NEVER_EXPIRES_MASK == 0x10000 | 0x40000 | 0x3800
    assert hash(uac) == hash(passforge.UserAccountControl(0x10200))
    assert repr(uac) == "UserAccountControl(0x10200)"

    expiry = passforge.Expiry.compute(last, age)
    assert expiry == passforge.Expiry.at(datetime(2024, 3, 1, tzinfo=UTC))
    assert expiry == passforge.Expiry.compute(last, age, passforge.UserAccountControl(0x200))
    assert passforge.Expiry.compute(last, age, uac) == passforge.Expiry.NEVER
    assert (
        passforge.Expiry.compute(passforge.PasswordLastSet.MUST_CHANGE, age)
        == passforge.Expiry.MUST_CHANGE
    )
    assert repr(expiry) == "Expiry.at(2024-03-01T00:00:00Z)"
    assert repr(passforge.Expiry.NEVER) == "Expiry.NEVER"


def test_expiry_status_types() -> None:
    expiry = passforge.Expiry.compute(
        passforge.PasswordLastSet.at(datetime(2024, 1, 1, tzinfo=UTC)),
        passforge.MaxPasswordAge.from_days(60),
    )
    s = expiry.status(NOW, 30)
    assert s.expires_at == datetime(2024, 3, 1, tzinfo=UTC)
    assert s.expires_at is not None and s.expires_at.tzinfo is UTC
    assert type(s.days_remaining) is int and s.days_remaining == 29
    assert s.expired is False and s.remind is True
    assert s == expiry.status(NOW, 30)
    assert "days_remaining=29" in repr(s)
    never = passforge.Expiry.NEVER.status(NOW, 30)
    assert (never.expires_at, never.days_remaining, never.expired, never.remind) == (
        None, None, False, False,
    )
    assert passforge.Expiry.NEVER.instant() is None
    assert passforge.Expiry.NEVER.to_filetime() == 2**63 - 1
    assert passforge.Expiry.MUST_CHANGE.to_filetime() == 0
    assert passforge.Expiry.MUST_CHANGE.instant() == datetime(1601, 1, 1, tzinfo=UTC)


def test_expiry_errors() -> None:
    with pytest.raises(passforge.ExpiryError) as info:
        passforge.PasswordLastSet.from_pwd_last_set(-1)
    assert info.value.code == "FILETIME_NEGATIVE"
    with pytest.raises(passforge.ExpiryError) as info:
        passforge.MaxPasswordAge.from_ad_interval(5)
    assert info.value.code == "INTERVAL_POSITIVE"
    # Beyond the year 9999: computed by the core, refused when converted to datetime.
    far = passforge.Expiry.compute(
        passforge.PasswordLastSet.from_pwd_last_set(2**63 - 1),
        passforge.MaxPasswordAge.from_days(1),
    )
    status = far.status(NOW, 30)
    assert status.expired is False and status.days_remaining is not None
    with pytest.raises(passforge.TimeError) as time_info:
        _ = status.expires_at
    assert time_info.value.code == "TIME_OUT_OF_RANGE"
    with pytest.raises(passforge.TimeError):
        far.to_filetime()
    # Out of the core's range: the call's error, never OverflowError.
    with pytest.raises(passforge.ExpiryError) as info:
        passforge.Expiry.NEVER.status(NOW, -1)
    assert info.value.code == "INVALID_ARGUMENT" and "remind_days" in str(info.value)


def test_reminder_delay() -> None:
    d = passforge.ReminderDelay()
    assert d.max == timedelta(seconds=60) == passforge.ReminderDelay.DEFAULT_MAX
    assert passforge.ReminderDelay.LIMIT == timedelta(seconds=600)
    for _ in range(50):
        s = d.sample()
        assert type(s) is timedelta and timedelta(0) <= s < timedelta(seconds=60)
    assert d.sample(seed_for_tests=3) == d.sample(seed_for_tests=3)
    assert passforge.ReminderDelay(timedelta(0)).sample() == timedelta(0)
    assert passforge.ReminderDelay(max=timedelta(seconds=599)).max == timedelta(seconds=599)
    with pytest.raises(passforge.ExpiryError) as info:
        passforge.ReminderDelay(timedelta(seconds=600))
    assert info.value.code == "REMINDER_DELAY_TOO_LONG"
    with pytest.raises(passforge.TimeError) as time_info:
        passforge.ReminderDelay(timedelta(seconds=-1))
    assert time_info.value.code == "DURATION_NEGATIVE"
    assert repr(d) == "ReminderDelay(max=datetime.timedelta(seconds=60))"


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_time_errors_pickle(protocol: int) -> None:
    errors: list[passforge.PassforgeError] = []
    for make in (
        lambda: passforge.timestamp_from_filetime(-1),
        lambda: passforge.filetime_from_timestamp(datetime(2024, 1, 1)),
        lambda: passforge.ReminderDelay(timedelta(hours=1)),
        lambda: passforge.MaxPasswordAge.from_ad_interval(1),
    ):
        with pytest.raises(passforge.PassforgeError) as info:
            make()
        errors.append(info.value)
    assert [type(e) for e in errors] == [
        passforge.TimeError,
        passforge.NaiveDatetimeError,
        passforge.ExpiryError,
        passforge.ExpiryError,
    ]
    for e in errors:
        back = pickle.loads(pickle.dumps(e, protocol=protocol))
        assert type(back) is type(e)
        assert (back.code, str(back), back.args) == (e.code, str(e), e.args)
