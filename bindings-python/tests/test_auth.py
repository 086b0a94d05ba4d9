"""Service tokens, reset tokens, one-time codes and security answers: types, errors and
codes, pickling, and secrets kept out of repr and messages."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest

import passforge

UTC = timezone.utc
NOW = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)  # 1_700_000_000
SECRET = b"correct horse battery staple"


def at(unix_seconds: int) -> datetime:
    return datetime.fromtimestamp(unix_seconds, UTC)


# --- Service tokens -------------------------------------------------------------------


def test_scheme_defaults_match_the_core() -> None:
    s = passforge.TimeTokenScheme()
    assert (s.algorithm, s.period_seconds, s.skew_windows) == ("sha1", 300, 1)
    assert s.period_seconds == passforge.TimeTokenScheme.DEFAULT_PERIOD_SECONDS
    assert s.skew_windows == passforge.TimeTokenScheme.DEFAULT_SKEW_WINDOWS
    assert passforge.TimeTokenScheme.MAX_PERIOD_SECONDS == 86_400
    assert passforge.TimeTokenScheme.MAX_SKEW_WINDOWS == 10
    assert s == passforge.TimeTokenScheme(algorithm="sha1", period_seconds=300, skew_windows=1)
    assert repr(s) == "TimeTokenScheme(algorithm='sha1', period_seconds=300, skew_windows=1)"


def test_tokens() -> None:
    for algorithm, length in (("sha1", 40), ("hmac-sha256", 64)):
        s = passforge.TimeTokenScheme(algorithm=algorithm)  # type: ignore[arg-type]
        assert s.algorithm == algorithm
        token = s.token_at(SECRET, NOW)
        assert type(token) is str and len(token) == length
        assert token == s.token_at(passforge.SharedToken(SECRET), NOW)
        assert token == s.token_for_window(SECRET, s.window(NOW))
        accepted = s.verify(SECRET, token, NOW + timedelta(seconds=300))
        assert accepted is not None
        assert type(accepted.window) is int and accepted.window == s.window(NOW)
        assert accepted.valid_until == at((accepted.window + 2) * 300)
        assert accepted.valid_until.tzinfo is UTC
        assert s.verify(SECRET, token, NOW + timedelta(seconds=900)) is None
        assert s.verify(SECRET, token.upper(), NOW) is None
        assert s.verify(b"other", token, NOW) is None
    assert passforge.TimeTokenScheme().window(at(-1)) == -1


def test_scheme_errors() -> None:
    for kwargs, code in (
        ({"period_seconds": 0}, "TOKEN_PERIOD"),
        ({"period_seconds": 86_401}, "TOKEN_PERIOD"),
        ({"skew_windows": 11}, "TOKEN_SKEW"),
        ({"algorithm": "md5"}, "UNKNOWN_NAME"),  # was TOKEN_ALGORITHM
    ):
        with pytest.raises(passforge.TokenError) as info:
            passforge.TimeTokenScheme(**kwargs)
        assert info.value.code == code
    with pytest.raises(passforge.TokenError) as info:
        passforge.SharedToken(b"")
    assert info.value.code == "TOKEN_SECRET_EMPTY"
    with pytest.raises(passforge.TokenError) as info:
        passforge.TimeTokenScheme().token_at(b"", NOW)
    assert info.value.code == "TOKEN_SECRET_EMPTY"


def test_secrets_never_echoed() -> None:
    shared = passforge.SharedToken(SECRET)
    assert repr(shared) == str(shared) == "SharedToken(<redacted>)"
    assert shared.verify_plain(SECRET.decode())
    assert not shared.verify_plain(SECRET.decode() + " ")
    with pytest.raises(TypeError):
        pickle.dumps(shared)
    # A secret of the wrong type is named by type only.
    with pytest.raises(TypeError) as info:
        passforge.TimeTokenScheme().token_at("hunter2-secret", NOW)  # type: ignore[arg-type]
    assert "hunter2" not in str(info.value) and "str" in str(info.value)
    with pytest.raises(passforge.TokenError) as token_info:
        passforge.TimeTokenScheme(algorithm="hunter2")  # type: ignore[arg-type]
    assert "hunter2" not in str(token_info.value)

    issued = passforge.ResetToken.issue(NOW)
    assert issued.token not in repr(issued)
    assert "<redacted>" in repr(issued)
    assert issued.token not in repr(issued.stored())
    with pytest.raises(TypeError):
        pickle.dumps(issued)

    policy = passforge.OneTimeCodePolicy(digits=10)
    code = policy.generate(seed_for_tests=1)
    check = policy.check(code, NOW, 0, "0000000000", NOW)
    assert code not in repr(check) and code not in repr(policy)

    hasher = passforge.SecurityAnswerHasher(memory_kib=64, iterations=1)
    with pytest.raises(passforge.SecurityAnswerError) as answer_info:
        hasher.hash("Kermit the Frog " * 100)
    assert answer_info.value.code == "ANSWER_TOO_LONG"
    assert "Kermit" not in str(answer_info.value)


def test_verify_once_with_the_memory_guard() -> None:
    s = passforge.TimeTokenScheme()
    guard = passforge.MemoryReplayGuard(2)
    assert guard.is_empty() and len(guard) == 0
    assert passforge.MemoryReplayGuard.DEFAULT_CAPACITY == 10_000
    assert len(passforge.MemoryReplayGuard()) == 0
    token = s.token_at(SECRET, NOW)

    first = s.verify_once(SECRET, token, NOW, guard)
    assert first.kind == "accepted" and first
    assert first.accepted == s.verify(SECRET, token, NOW)
    again = s.verify_once(SECRET, token, NOW, guard)
    assert again.kind == "replayed" and not again and again.accepted is None
    bad = s.verify_once(SECRET, "0" * 40, NOW, guard)
    assert bad.kind == "invalid" and not bad
    assert repr(bad) == "TokenCheck('invalid')"
    assert repr(again) == "TokenCheck('replayed')"
    assert len(guard) == 1 and not guard.is_empty()

    later = s.token_at(SECRET, NOW + timedelta(seconds=300))
    assert s.verify_once(SECRET, later, NOW, guard)
    earlier = s.token_at(SECRET, NOW - timedelta(seconds=300))
    with pytest.raises(passforge.ReplayGuardFull) as info:
        s.verify_once(SECRET, earlier, NOW, guard)
    e = info.value
    assert (e.code, e.capacity) == ("REPLAY_GUARD_FULL", 2)
    back = pickle.loads(pickle.dumps(e))
    assert (type(back), back.code, back.capacity, str(back)) == (
        passforge.ReplayGuardFull, e.code, 2, str(e),
    )


class DictGuard:
    """A replay guard in Python, as a service might write over its store."""

    def __init__(self) -> None:
        self.seen: dict[bytes, datetime] = {}

    def first_use(self, fingerprint: bytes, valid_until: datetime, now: datetime) -> bool:
        assert len(fingerprint) == 32
        assert valid_until.tzinfo is UTC and now.tzinfo is UTC
        until = self.seen.get(fingerprint)
        if until is not None and now < until:
            return False
        self.seen[fingerprint] = valid_until
        return True


def test_verify_once_with_a_python_guard() -> None:
    s = passforge.TimeTokenScheme(algorithm="hmac-sha256")
    guard = DictGuard()
    token = s.token_at(SECRET, NOW)
    assert s.verify_once(SECRET, token, NOW, guard).kind == "accepted"
    assert s.verify_once(SECRET, token, NOW, guard).kind == "replayed"
    assert list(guard.seen.values()) == [at((s.window(NOW) + 2) * 300)]

    class Broken:
        def first_use(self, fingerprint: bytes, valid_until: datetime, now: datetime) -> bool:
            raise ConnectionError("store down")

    with pytest.raises(ConnectionError):
        s.verify_once(SECRET, token, NOW, Broken())
    # An invalid token never reaches the guard.
    assert s.verify_once(SECRET, "nope", NOW, Broken()).kind == "invalid"
    # The memory guard speaks the same protocol.
    memory = passforge.MemoryReplayGuard()
    assert memory.first_use(b"\0" * 32, NOW + timedelta(seconds=1), NOW) is True
    assert memory.first_use(b"\0" * 32, NOW + timedelta(seconds=1), NOW) is False


def test_shared_token_is_short() -> None:
    assert passforge.SharedToken.MIN_BYTES == 16
    assert passforge.SharedToken(b"x" * 15).is_short
    assert not passforge.SharedToken(b"x" * 16).is_short
    assert not passforge.SharedToken(SECRET).is_short


BINDING = passforge.request_binding("POST", "/v1/reset", b'{"user":"amoneil"}')
NONCE = "0123456789abcdef"


def test_request_binding() -> None:
    assert passforge.request_binding("GET", "/v1/status", b"") == (
        "GET /v1/status\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    assert BINDING.startswith("POST /v1/reset\n") and len(BINDING) == len("POST /v1/reset\n") + 64


def test_request_scheme_defaults_and_errors() -> None:
    s = passforge.RequestTokenScheme()
    assert (s.period_seconds, s.skew_windows) == (300, 1)
    assert s.period_seconds == passforge.TimeTokenScheme.DEFAULT_PERIOD_SECONDS
    assert s.skew_windows == passforge.TimeTokenScheme.DEFAULT_SKEW_WINDOWS
    assert s == passforge.RequestTokenScheme(period_seconds=300, skew_windows=1)
    assert repr(s) == "RequestTokenScheme(period_seconds=300, skew_windows=1)"
    R = passforge.RequestTokenScheme
    assert (R.MIN_NONCE_LEN, R.MAX_NONCE_LEN, R.MAX_TOKEN_LEN) == (16, 64, 200)
    for kwargs, code in (
        ({"period_seconds": 0}, "TOKEN_PERIOD"),
        ({"skew_windows": 11}, "TOKEN_SKEW"),
    ):
        with pytest.raises(passforge.TokenError) as info:
            passforge.RequestTokenScheme(**kwargs)
        assert info.value.code == code
    for bad in ("", "short", "a" * 65, "has space 0123456", "dot.0123456789abc"):
        assert not R.is_valid_nonce(bad)
        with pytest.raises(passforge.TokenError) as info:
            s.token(SECRET, NOW, bad, BINDING)
        assert info.value.code == "TOKEN_NONCE"
    with pytest.raises(passforge.TokenError) as info:
        s.token(b"", NOW, NONCE, BINDING)
    assert info.value.code == "TOKEN_SECRET_EMPTY"


def test_request_tokens() -> None:
    s = passforge.RequestTokenScheme()
    token = s.token(SECRET, NOW, NONCE, BINDING)
    assert token.startswith(f"v1.{s.window(NOW)}.{NONCE}.") and len(token.split(".")[3]) == 64
    assert token == s.token(passforge.SharedToken(SECRET), NOW, NONCE, BINDING)
    accepted = s.verify(SECRET, token, BINDING, NOW + timedelta(seconds=300))
    assert accepted is not None and accepted.window == s.window(NOW)
    assert accepted.valid_until == at((accepted.window + 2) * 300)
    assert s.verify(SECRET, token, BINDING, NOW + timedelta(seconds=900)) is None
    assert s.verify(SECRET, token, passforge.request_binding("POST", "/v1/reset", b"{}"), NOW) is None
    assert s.verify(b"other", token, BINDING, NOW) is None
    for bad in ("", token.upper(), token + "0", "v1." * 100, "\u00e9" * 300):
        assert s.verify(SECRET, bad, BINDING, NOW) is None
    nonce = passforge.RequestTokenScheme.nonce()
    assert len(nonce) == 32 and passforge.RequestTokenScheme.is_valid_nonce(nonce)
    assert nonce != passforge.RequestTokenScheme.nonce()


def test_request_tokens_are_accepted_once_per_request() -> None:
    s = passforge.RequestTokenScheme()
    for guard in (passforge.MemoryReplayGuard(), DictGuard()):
        a = s.token(SECRET, NOW, NONCE, BINDING)
        b = s.token(SECRET, NOW, "fedcba9876543210", BINDING)
        first = s.verify_once(SECRET, a, BINDING, NOW, guard)
        assert first and first.accepted == s.verify(SECRET, a, BINDING, NOW)
        assert s.verify_once(SECRET, b, BINDING, NOW, guard), "a second request in the window"
        assert s.verify_once(SECRET, a, BINDING, NOW, guard).kind == "replayed"
        assert s.verify_once(SECRET, "nope", BINDING, NOW, guard).kind == "invalid"
    full = passforge.MemoryReplayGuard(0)
    with pytest.raises(passforge.ReplayGuardFull):
        s.verify_once(SECRET, s.token(SECRET, NOW, NONCE, BINDING), BINDING, NOW, full)


# --- Reset tokens ---------------------------------------------------------------------


def test_reset_tokens() -> None:
    issued = passforge.ResetToken.issue(NOW)
    assert type(issued.token) is str and len(issued.token) == 43
    assert passforge.ResetToken.BYTES == 32
    assert passforge.ResetToken.DEFAULT_LIFETIME == timedelta(minutes=10)
    stored = issued.stored()
    assert stored.issued_at == NOW and stored.issued_at.tzinfo is UTC
    assert stored.expires_at == NOW + timedelta(minutes=10)
    assert stored.digest == passforge.ResetTokenDigest.of(issued.token)
    assert stored.digest.matches(issued.token)
    stored.verify(issued.token, NOW + timedelta(seconds=599))  # accepted: no exception
    for presented, when, code in (
        (issued.token, NOW + timedelta(minutes=10), "RESET_TOKEN_EXPIRED"),
        ("nope", NOW, "RESET_TOKEN_MISMATCH"),
        ("nope", NOW + timedelta(days=1), "RESET_TOKEN_MISMATCH"),
    ):
        with pytest.raises(passforge.ResetTokenError) as info:
            stored.verify(presented, when)
        assert info.value.code == code

    short = passforge.ResetToken.issue(NOW, timedelta(seconds=30))
    assert short.stored().expires_at == NOW + timedelta(seconds=30)
    # A zero lifetime would issue a token that is already expired: refused.
    with pytest.raises(passforge.ResetTokenError) as zero_info:
        passforge.ResetToken.issue(NOW, lifetime=timedelta(0))
    assert zero_info.value.code == "RESET_TOKEN_LIFETIME"
    seeded = passforge.ResetToken.issue(NOW, seed_for_tests=7)
    assert seeded.token == passforge.ResetToken.issue(NOW, seed_for_tests=7).token
    assert seeded.token != passforge.ResetToken.issue(NOW).token

    # Rebuilt from storage: the digest as hex or bytes, and the two instants.
    rebuilt = passforge.StoredResetToken(
        passforge.ResetTokenDigest.from_hex(stored.digest.to_hex().upper()),
        stored.issued_at,
        stored.expires_at,
    )
    assert rebuilt == stored
    digest = stored.digest
    assert passforge.ResetTokenDigest.from_bytes(digest.as_bytes()) == digest
    assert type(digest.as_bytes()) is bytes and len(digest.as_bytes()) == 32
    assert hash(digest) == hash(passforge.ResetTokenDigest.from_hex(digest.to_hex()))
    assert repr(digest) == f"ResetTokenDigest('{digest.to_hex()}')"
    with pytest.raises(passforge.ResetTokenError) as info:
        passforge.ResetTokenDigest.from_hex("zz")
    assert info.value.code == "RESET_TOKEN_DIGEST_SYNTAX"
    with pytest.raises(ValueError):
        passforge.ResetTokenDigest.from_bytes(b"short")


def test_reset_token_lifetime_errors() -> None:
    with pytest.raises(passforge.TimeError) as info:
        passforge.ResetToken.issue(NOW, timedelta(seconds=-1))
    assert info.value.code == "DURATION_NEGATIVE"
    # Lifetimes are 1 s to 24 h, and the expiry must be writable as RFC 3339.
    for lifetime in (timedelta(hours=24, seconds=1), timedelta.max):
        with pytest.raises(passforge.ResetTokenError) as life_info:
            passforge.ResetToken.issue(NOW, lifetime)
        assert life_info.value.code == "RESET_TOKEN_LIFETIME"
    last = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
    with pytest.raises(passforge.ResetTokenError) as end_info:
        passforge.ResetToken.issue(last, timedelta(minutes=1))
    assert end_info.value.code == "RESET_TOKEN_LIFETIME"


# --- One-time codes -------------------------------------------------------------------


def test_one_time_code_defaults_and_settings() -> None:
    p = passforge.OneTimeCodePolicy()
    assert (
        p.digits, p.lifetime_seconds, p.max_sends, p.send_window_seconds,
        p.min_seconds_between_sends, p.max_attempts,
    ) == (4, 300, 10, 86_400, 120, 3)
    assert (passforge.OneTimeCodePolicy.MIN_DIGITS, passforge.OneTimeCodePolicy.MAX_DIGITS) == (
        4, 10,
    )
    assert p == passforge.OneTimeCodePolicy(digits=4)
    assert "digits=4" in repr(p)
    for kwargs, code in (
        ({"digits": 3}, "CODE_DIGITS"),
        ({"digits": 11}, "CODE_DIGITS"),
        ({"lifetime_seconds": 0}, "CODE_SETTING_ZERO"),
        ({"max_sends": 0}, "CODE_SETTING_ZERO"),
        ({"send_window_seconds": 0}, "CODE_SETTING_ZERO"),
        ({"max_attempts": 0}, "CODE_SETTING_ZERO"),
    ):
        with pytest.raises(passforge.OneTimeCodeError) as info:
            passforge.OneTimeCodePolicy(**kwargs)
        assert info.value.code == code
    with pytest.raises(TypeError):
        passforge.OneTimeCodePolicy(6)  # type: ignore[call-arg]


def test_one_time_codes() -> None:
    p = passforge.OneTimeCodePolicy(digits=6)
    codes = [p.generate() for _ in range(200)]
    assert all(type(c) is str and len(c) == 6 and c.isdigit() for c in codes)
    assert any(c.startswith("0") for c in codes + [p.generate() for _ in range(2000)])
    assert p.generate(seed_for_tests=5) == p.generate(seed_for_tests=5)
    assert p.expires_at(NOW) == NOW + timedelta(seconds=300)

    code = "004217"
    valid = p.check(code, NOW, 0, code, NOW + timedelta(seconds=299))
    assert valid.kind == "valid" and valid and valid.attempts_left is None
    wrong = p.check(code, NOW, 1, "004218", NOW)
    assert (wrong.kind, wrong.attempts_left, bool(wrong)) == ("wrong", 1, False)
    assert repr(wrong) == "CodeCheck('wrong', attempts_left=1)"
    expired = p.check(code, NOW, 0, code, NOW + timedelta(seconds=300))
    assert (expired.kind, bool(expired)) == ("expired", False)
    dead = p.check(code, NOW, 3, code, NOW)
    assert (dead.kind, bool(dead)) == ("too_many_attempts", False)
    assert valid == p.check(code, NOW, 2, code, NOW)


def test_send_refusals_carry_next_allowed_at() -> None:
    p = passforge.OneTimeCodePolicy()
    p.check_send([], NOW)  # allowed: no exception
    with pytest.raises(passforge.SendRefused) as info:
        p.check_send([NOW], NOW + timedelta(seconds=119))
    e = info.value
    assert e.code == "CODE_SEND_TOO_SOON"
    assert e.next_allowed_at == NOW + timedelta(seconds=120)
    assert e.next_allowed_at is not None and e.next_allowed_at.tzinfo is UTC
    assert "2023-11-14T22:15:20Z" in str(e)
    p.check_send((NOW,), NOW + timedelta(seconds=120))  # any sequence

    sends = [NOW + timedelta(hours=h) for h in range(10)]
    with pytest.raises(passforge.SendRefused) as info:
        p.check_send(sends[::-1], NOW + timedelta(hours=10))
    assert info.value.code == "CODE_SEND_LIMIT"
    assert info.value.next_allowed_at == NOW + timedelta(days=1)
    assert isinstance(info.value, passforge.PassforgeError)

    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(info.value, protocol=protocol))
        assert type(back) is passforge.SendRefused
        assert (back.code, back.next_allowed_at, str(back)) == (
            info.value.code, info.value.next_allowed_at, str(info.value),
        )

    # A refusal whose next instant lies beyond datetime's range still refuses.
    forever = passforge.OneTimeCodePolicy(send_window_seconds=2**64 - 1, max_sends=1)
    with pytest.raises(passforge.SendRefused) as info:
        forever.check_send([NOW - timedelta(days=1)], NOW)
    assert info.value.code == "CODE_SEND_LIMIT" and info.value.next_allowed_at is None


# --- Security answers -----------------------------------------------------------------

CHEAP = {"memory_kib": 64, "iterations": 1, "parallelism": 1}


def test_normalize_answer() -> None:
    assert passforge.normalize_answer("  Ｍｉｓｓ  Piggy\t") == "miss piggy"
    assert passforge.normalize_answer("Straße") == passforge.normalize_answer("STRASSE")
    assert passforge.normalize_answer(" ") == ""


def test_security_answers() -> None:
    hasher = passforge.SecurityAnswerHasher(**CHEAP)
    assert (hasher.memory_kib, hasher.iterations, hasher.parallelism) == (64, 1, 1)
    assert repr(hasher) == "SecurityAnswerHasher(memory_kib=64, iterations=1, parallelism=1)"
    stored = hasher.hash("Miss Piggy")
    assert type(stored) is str and stored.startswith("$argon2id$v=19$m=64,t=1,p=1$")
    assert passforge.SecurityAnswerHasher.verify(stored, "  miss\u00a0PIGGY ")
    assert hasher.verify(stored, "Miss Piggy") is True
    assert hasher.verify(stored, "Kermit") is False
    assert hasher.verify(stored, "   ") is False
    assert hasher.hash("x", seed_for_tests=1) == hasher.hash("x", seed_for_tests=1)
    assert hasher.hash("x") != hasher.hash("x")
    assert passforge.SecurityAnswerHasher.MAX_ANSWER_CHARS == 1024
    assert passforge.SecurityAnswerHasher.SALT_BYTES == 16


def test_security_answer_defaults_are_owasp() -> None:
    hasher = passforge.SecurityAnswerHasher()
    assert (hasher.memory_kib, hasher.iterations, hasher.parallelism) == (19_456, 2, 1)
    stored = hasher.hash("blue")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert hasher.verify(stored, "BLUE")


def test_security_answer_errors() -> None:
    hasher = passforge.SecurityAnswerHasher(**CHEAP)
    for call, code in (
        (lambda: hasher.hash(" \t "), "ANSWER_EMPTY"),
        (lambda: hasher.hash("a" * 1025), "ANSWER_TOO_LONG"),
        (lambda: passforge.SecurityAnswerHasher(memory_kib=1), "ANSWER_HASH_PARAMS"),
        (lambda: passforge.SecurityAnswerHasher.verify("plain", "x"), "ANSWER_HASH_SYNTAX"),
        (lambda: passforge.SecurityQuestionRule(asked=5, enrolled=5), "QUESTION_COUNTS"),
        (lambda: passforge.SecurityQuestionRule(asked=0), "QUESTION_COUNTS"),
    ):
        with pytest.raises(passforge.SecurityAnswerError) as info:
            call()
        assert info.value.code == code


def test_security_question_rule() -> None:
    rule = passforge.SecurityQuestionRule()
    assert (rule.asked, rule.enrolled) == (3, 5)
    assert rule == passforge.SecurityQuestionRule(asked=3, enrolled=5)
    assert repr(passforge.SecurityQuestionRule(asked=4)) == "SecurityQuestionRule(asked=4, enrolled=5)"


# --- Errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_auth_errors_pickle(protocol: int) -> None:
    errors: list[passforge.PassforgeError] = []
    for make in (
        lambda: passforge.SharedToken(b""),
        lambda: passforge.ResetTokenDigest.from_hex(""),
        lambda: passforge.OneTimeCodePolicy(digits=2),
        lambda: passforge.SecurityQuestionRule(asked=9),
        lambda: passforge.OneTimeCodePolicy().check_send([NOW], NOW),
    ):
        with pytest.raises(passforge.PassforgeError) as info:
            make()
        errors.append(info.value)
    assert [type(e) for e in errors] == [
        passforge.TokenError,
        passforge.ResetTokenError,
        passforge.OneTimeCodeError,
        passforge.SecurityAnswerError,
        passforge.SendRefused,
    ]
    for e in errors:
        assert isinstance(e, ValueError)
        back = pickle.loads(pickle.dumps(e, protocol=protocol))
        assert type(back) is type(e)
        assert (back.code, str(back), back.args) == (e.code, str(e), e.args)


def test_new_errors_can_be_raised_from_python() -> None:
    e = passforge.SendRefused("later", "CODE_SEND_TOO_SOON", NOW)
    assert (str(e), e.code, e.next_allowed_at) == ("later", "CODE_SEND_TOO_SOON", NOW)
    full = passforge.ReplayGuardFull("full", "REPLAY_GUARD_FULL", 3)
    assert full.capacity == 3
    assert passforge.TimeError("x", "TIME_RFC3339").code == "TIME_RFC3339"


def test_one_time_code_lint_states_nist_and_the_guess_budget() -> None:
    findings = passforge.OneTimeCodePolicy().lint()
    assert [f.code for f in findings] == ["CODE_DIGITS_BELOW_NIST", "CODE_GUESS_BUDGET"]
    assert "30 guesses a day" in findings[1].message
    six = passforge.OneTimeCodePolicy(digits=6, lifetime_seconds=900).lint()
    assert [f.code for f in six] == ["CODE_LIFETIME_TOO_LONG", "CODE_GUESS_BUDGET"]


def test_needs_rehash_and_bounded_stored_costs() -> None:
    weak = passforge.SecurityAnswerHasher(memory_kib=64, iterations=1)
    stored = weak.hash("Miss Piggy")
    assert passforge.SecurityAnswerHasher().needs_rehash(stored)
    assert not weak.needs_rehash(stored)
    huge = "$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"
    with pytest.raises(passforge.SecurityAnswerError) as info:
        passforge.SecurityAnswerHasher.verify(huge, "x")
    assert info.value.code == "ANSWER_HASH_PARAMS"
