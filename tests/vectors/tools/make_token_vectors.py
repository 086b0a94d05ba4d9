#!/usr/bin/env python3
"""Writes tests/vectors/tokens.json and tests/vectors/expiry.json.

Every expected value here is computed with Python's standard library (hashlib, hmac,
base64, unicodedata, datetime) and plain integer arithmetic, never by passforge itself, so
the Rust (and later Python/JS) runners check the code against an independent
implementation of the contract in issue 4.

Run from anywhere:  python3 tests/vectors/tools/make_token_vectors.py
"""

import base64
import datetime as dt
import hashlib
import hmac
import json
import pathlib
import unicodedata

OUT = pathlib.Path(__file__).resolve().parent.parent

# --- service tokens -------------------------------------------------------------------


def window(unix_seconds: int, period: int) -> int:
    return unix_seconds // period  # Python floors, also for negatives


def time_token(secret: str, win: int, algorithm: str) -> str:
    key = secret.encode("utf-8")
    msg = str(win).encode("ascii")
    if algorithm == "sha1":
        return hashlib.sha1(key + msg).hexdigest()
    if algorithm == "hmac-sha256":
        return hmac.new(key, msg, hashlib.sha256).hexdigest()
    raise ValueError(algorithm)


SECRETS = [
    "s3cret",
    "correct horse battery staple",
    "p\u00e4ssw\u00f6rd-\u00fcnicode",  # non-ASCII: hashed as UTF-8
    "x",
    "A" * 200,  # longer than a SHA-256 block, so HMAC hashes the key first
]

INSTANTS = [
    0,  # the epoch: window 0
    299,  # last second of window 0
    300,  # first second of window 1
    1_700_000_000,
    1_700_000_099,
    2_000_000_000,
    4_102_444_800,  # 2100-01-01
    -1,  # before 1970: window -1, decimal "-1"
]


def time_token_cases():
    cases = []
    for algorithm in ("sha1", "hmac-sha256"):
        for i, secret in enumerate(SECRETS):
            for period in (300, 60):
                for at in INSTANTS[i % 3 :: 2] if period == 60 else INSTANTS:
                    w = window(at, period)
                    cases.append(
                        {
                            "name": f"{algorithm} secret{i} period{period} at{at}",
                            "secret": secret,
                            "algorithm": algorithm,
                            "period": period,
                            "at": at,
                            "window": w,
                            "token": time_token(secret, w, algorithm),
                        }
                    )
    return cases


def verify_cases():
    cases = []
    secret = "s3cret"
    for algorithm in ("sha1", "hmac-sha256"):
        for period, skew in ((300, 1), (300, 0), (60, 2)):
            made_at = 1_700_000_000
            w = window(made_at, period)
            token = time_token(secret, w, algorithm)
            start = w * period
            probes = sorted(
                {
                    start - (skew + 1) * period,  # one window too early
                    start - skew * period - 1,
                    start - skew * period,  # earliest accepted instant
                    made_at,
                    start + (skew + 1) * period - 1,  # last accepted instant
                    start + (skew + 1) * period,  # first refused instant
                }
            )
            for now in probes:
                valid = abs(window(now, period) - w) <= skew
                cases.append(
                    {
                        "name": f"{algorithm} period{period} skew{skew} now{now}",
                        "secret": secret,
                        "algorithm": algorithm,
                        "period": period,
                        "skew": skew,
                        "token": token,
                        "now": now,
                        "valid": valid,
                        "window": w if valid else None,
                        "valid_until": (w + skew + 1) * period if valid else None,
                    }
                )
            for label, bad in (
                ("uppercase", token.upper()),
                ("wrong secret", time_token(secret + "!", w, algorithm)),
                ("other algorithm", time_token(secret, w, "sha1" if algorithm != "sha1" else "hmac-sha256")),
                ("truncated", token[:-1]),
                ("empty", ""),
            ):
                cases.append(
                    {
                        "name": f"{algorithm} period{period} skew{skew} {label}",
                        "secret": secret,
                        "algorithm": algorithm,
                        "period": period,
                        "skew": skew,
                        "token": bad,
                        "now": made_at,
                        "valid": False,
                        "window": None,
                        "valid_until": None,
                    }
                )
    return cases


def plain_cases():
    raw = [
        {"secret": "s3cret", "presented": "s3cret", "valid": True},
        {"secret": "s3cret", "presented": "s3cret ", "valid": False},
        {"secret": "s3cret", "presented": "S3cret", "valid": False},
        {"secret": "s3cret", "presented": "", "valid": False},
        {"secret": "p\u00e4ss", "presented": "p\u00e4ss", "valid": True},
        {"secret": "p\u00e4ss", "presented": "pa\u0308ss", "valid": False},  # no normalisation
    ]
    return [{"name": f"plain {i}", **case} for i, case in enumerate(raw)]


# --- per-request tokens ---------------------------------------------------------------
#
# v1.<window>.<nonce>.<mac>, mac = hex HMAC-SHA256(secret, "passforge-request-v1\n" +
# window + "\n" + nonce + "\n" + binding), binding = METHOD + " " + PATH + "\n" +
# hex SHA-256(body); the replay-guard fingerprint is SHA-256(window + "\n" + nonce).

REQUEST_SECRET = "a shared token of 16+ bytes"
NONCE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def request_binding(method: str, path: str, body: str) -> str:
    return f"{method} {path}\n" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def valid_nonce(nonce: str) -> bool:
    return 16 <= len(nonce.encode("utf-8")) <= 64 and set(nonce) <= NONCE_CHARS


def request_token(secret: str, win: int, nonce: str, binding: str) -> str:
    msg = f"passforge-request-v1\n{win}\n{nonce}\n{binding}".encode("utf-8")
    mac = hmac.new(secret.encode("utf-8"), msg, hashlib.sha256).hexdigest()
    return f"v1.{win}.{nonce}.{mac}"


def request_fingerprint(win: int, nonce: str) -> str:
    return hashlib.sha256(f"{win}\n{nonce}".encode("utf-8")).hexdigest()


REQUESTS = [
    # method, path, body
    ("POST", "/v1/reset", '{"user":"amoneil"}'),
    ("GET", "/v1/status", ""),
    ("POST", "/v1/reset?dry_run=1", "{\n  \"user\": \"j\u00f6rg\"\n}"),
    ("PUT", "/v1/users/amoneil/password", "x" * 1000),
]


def request_token_cases():
    cases = []
    nonces = ["0123456789abcdef", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Az09_-" * 10 + "Az09", "nonce_with-dash_and_underscore"]
    for i, secret in enumerate([REQUEST_SECRET, "s3cret", "A" * 200, "p\u00e4ssw\u00f6rd-\u00fcnicode"]):
        for j, at in enumerate([1_700_000_000, 0, -1, 4_102_444_800]):
            period = (300, 60, 1, 86_400)[(i + j) % 4]
            method, path, body = REQUESTS[(i + 3 * j) % len(REQUESTS)]
            nonce = nonces[(i + j) % len(nonces)]
            w = window(at, period)
            binding = request_binding(method, path, body)
            cases.append(
                {
                    "name": f"request secret{i} period{period} at{at}",
                    "secret": secret,
                    "period": period,
                    "at": at,
                    "window": w,
                    "nonce": nonce,
                    "method": method,
                    "path": path,
                    "body": body,
                    "binding": binding,
                    "token": request_token(secret, w, nonce, binding),
                }
            )
    for label, nonce in (
        ("15 characters", "0123456789abcde"),
        ("65 characters", "a" * 65),
        ("empty", ""),
        ("a dot", "0123456789.abcdef"),
        ("a space", "0123456789 abcdef"),
        ("a plus", "0123456789+abcdef"),
        ("non-ASCII", "0123456789abcde\u00e9"),
    ):
        assert not valid_nonce(nonce), label
        method, path, body = REQUESTS[0]
        cases.append(
            {
                "name": f"request nonce {label}",
                "secret": REQUEST_SECRET,
                "period": 300,
                "at": 1_700_000_000,
                "window": window(1_700_000_000, 300),
                "nonce": nonce,
                "method": method,
                "path": path,
                "body": body,
                "binding": request_binding(method, path, body),
                "error": "TOKEN_NONCE",
            }
        )
    return cases


def request_verify_cases():
    cases = []
    secret = REQUEST_SECRET
    nonce = "0123456789abcdef"
    method, path, body = REQUESTS[0]
    binding = request_binding(method, path, body)

    def case(name, token, now, period, skew, valid, win=None, req=REQUESTS[0], sec=secret):
        return {
            "name": name,
            "secret": sec,
            "period": period,
            "skew": skew,
            "token": token,
            "method": req[0],
            "path": req[1],
            "body": req[2],
            "now": now,
            "valid": valid,
            "window": win if valid else None,
            "valid_until": (win + skew + 1) * period if valid else None,
        }

    for period, skew in ((300, 1), (300, 0), (60, 2)):
        made_at = 1_700_000_000
        w = window(made_at, period)
        token = request_token(secret, w, nonce, binding)
        start = w * period
        for now in sorted(
            {
                start - (skew + 1) * period,
                start - skew * period - 1,
                start - skew * period,
                made_at,
                start + (skew + 1) * period - 1,
                start + (skew + 1) * period,
            }
        ):
            valid = abs(window(now, period) - w) <= skew
            cases.append(case(f"request period{period} skew{skew} now{now}", token, now, period, skew, valid, w))

    made_at = 1_700_000_000
    w = window(made_at, 300)
    token = request_token(secret, w, nonce, binding)
    mac = token.rsplit(".", 1)[1]
    bad = [
        ("other body", token, REQUESTS[0][:2] + ('{"user":"root"}',), secret),
        ("other path", token, ("POST", "/v1/reset/", REQUESTS[0][2]), secret),
        ("other method", token, ("PUT",) + REQUESTS[0][1:], secret),
        ("wrong secret", token, REQUESTS[0], secret + "!"),
        ("uppercase mac", token[: -len(mac)] + mac.upper(), REQUESTS[0], secret),
        ("uppercase version", "V" + token[1:], REQUESTS[0], secret),
        ("version 2", "v2" + token[2:], REQUESTS[0], secret),
        ("leading zero window", token.replace(f".{w}.", f".0{w}.", 1), REQUESTS[0], secret),
        ("plus window", token.replace(f".{w}.", f".+{w}.", 1), REQUESTS[0], secret),
        ("truncated mac", token[:-1], REQUESTS[0], secret),
        ("extra field", token + ".x", REQUESTS[0], secret),
        ("short nonce", request_token(secret, w, "0123456789abcde", binding), REQUESTS[0], secret),
        ("long nonce", request_token(secret, w, "a" * 65, binding), REQUESTS[0], secret),
        ("over 200 bytes", token + "0" * (201 - len(token)), REQUESTS[0], secret),
        ("window token", time_token(secret, w, "hmac-sha256"), REQUESTS[0], secret),
        ("empty", "", REQUESTS[0], secret),
        ("only dots", "...", REQUESTS[0], secret),
    ]
    for label, presented, req, sec in bad:
        cases.append(case(f"request {label}", presented, made_at, 300, 1, False, req=req, sec=sec))
    # A 64-character nonce and the longest window every runtime's instants reach (period
    # 1 at 0001-01-01T00:00:00Z): 145 bytes. (The longest of all, 153 bytes at -2^63 s, is
    # a Rust unit test: Python's datetime and JS's Date cannot hold that instant.)
    year_one = -62_135_596_800
    cases.append(
        {
            "name": "request long nonce, year 1",
            "secret": secret,
            "period": 1,
            "skew": 0,
            "token": request_token(secret, year_one, "z" * 64, request_binding(*REQUESTS[1])),
            "method": REQUESTS[1][0],
            "path": REQUESTS[1][1],
            "body": REQUESTS[1][2],
            "now": year_one,
            "valid": True,
            "window": year_one,
            "valid_until": year_one + 1,
        }
    )
    assert len(cases[-1]["token"]) == 145
    return cases


def request_replay_cases():
    """Sequences of verify_once calls against one fresh replay guard at one instant."""
    secret = REQUEST_SECRET
    period, skew, now = 300, 1, 1_700_000_000
    w = window(now, period)

    def step(nonce, req, made_for=None, win=w, expect="accepted"):
        made_for = made_for or req
        token = request_token(secret, win, nonce, request_binding(*made_for))
        return {
            "token": token,
            "method": req[0],
            "path": req[1],
            "body": req[2],
            "expect": expect,
            "window": win if expect == "accepted" else None,
            "valid_until": (win + skew + 1) * period if expect == "accepted" else None,
            "fingerprint": request_fingerprint(win, nonce) if expect != "invalid" else None,
        }

    a, b = "0123456789abcdef", "fedcba9876543210"
    raw = [
        ("two nonces in one window both pass, the same token twice is replayed",
         [step(a, REQUESTS[0]), step(b, REQUESTS[0]), step(a, REQUESTS[0], expect="replayed")]),
        ("a nonce is spent whatever the request",
         [step(a, REQUESTS[0]), step(a, REQUESTS[1], expect="replayed")]),
        ("an invalid token leaves no trace",
         [step(a, REQUESTS[1], made_for=REQUESTS[0], expect="invalid"), step(a, REQUESTS[0])]),
        ("the same nonce in the previous window is another request",
         [step(a, REQUESTS[0]), step(a, REQUESTS[0], win=w - 1), step(a, REQUESTS[0], win=w - 1, expect="replayed")]),
    ]
    return [
        {"name": f"replay {name}", "secret": secret, "period": period, "skew": skew, "now": now, "steps": steps}
        for name, steps in raw
    ]


# --- reset tokens ---------------------------------------------------------------------


def reset_token_cases():
    cases = []
    for name, raw in (
        ("zeros", bytes(32)),
        ("ones", b"\xff" * 32),
        ("counting", bytes(range(32))),
        ("sha256 of 'passforge'", hashlib.sha256(b"passforge").digest()),
        ("url-safe alphabet", bytes.fromhex("fbff" * 16)),
    ):
        token = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
        cases.append(
            {
                "name": name,
                "bytes_hex": raw.hex(),
                "token": token,
                "sha256": hashlib.sha256(token.encode("ascii")).hexdigest(),
            }
        )
    return cases


# --- one-time code sending rules ------------------------------------------------------

DAY = 86_400
PAUSE = 120
MAX_SENDS = 10
# A recorded send up to this far after now counts as sent now; further cannot be real.
CLOCK_SKEW = 60


def check_send(previous, now, window=DAY, pause=PAUSE, max_sends=MAX_SENDS):
    """The contract: sends count while now < sent + window; the next send needs
    now >= last + pause; a refusal gives the first instant both rules allow. A send
    recorded up to CLOCK_SKEW after now counts as sent now; a later one is ignored."""
    plausible = [min(s, now) for s in previous if s <= now + CLOCK_SKEW]
    recent = sorted(s for s in plausible if now < s + window)
    # The pause follows the last send even once it has left the window.
    after_pause = max(plausible) + pause if plausible else None
    if len(recent) >= max_sends:
        nxt = recent[len(recent) - max_sends] + window
        if after_pause is not None:
            nxt = max(nxt, after_pause)
        return {"refused": "CODE_SEND_LIMIT", "next_allowed_at": nxt}
    if after_pause is not None and now < after_pause:
        return {"refused": "CODE_SEND_TOO_SOON", "next_allowed_at": after_pause}
    return {"allowed": True}


def code_send_cases():
    t0 = 1_700_000_000
    hourly = [t0 + i * 3_600 for i in range(10)]
    burst = [t0 + i * PAUSE for i in range(10)]
    eleven = [t0 + i * 7_200 for i in range(11)]
    raw = [
        ("no previous send", [], t0),
        ("one second before the pause ends", [t0], t0 + PAUSE - 1),
        ("exactly when the pause ends", [t0], t0 + PAUSE),
        ("nine sends, pause over", hourly[:9], hourly[8] + PAUSE),
        ("ten sends in a day", hourly, hourly[9] + 600),
        ("ten sends, one second before the first leaves", hourly, t0 + DAY - 1),
        ("ten sends, the first has left", hourly, t0 + DAY),
        ("ten sends, unsorted", list(reversed(hourly)), hourly[9] + 600),
        ("burst: ten sends two minutes apart", burst, burst[9] + 1),
        ("burst: a day later", burst, burst[0] + DAY),
        ("eleven sends over a day", eleven, eleven[10] + PAUSE),
        ("a send a little in the future (clock skew) still blocks", [t0 + 30], t0),
        ("a send far in the future is ignored", [t0 + 1_000], t0),
        ("a send in year 9999 does not block", [253_402_300_799], t0),
        ("old sends do not count", [t0 - DAY - i for i in range(20)], t0),
    ]
    return [
        {"name": name, "previous": prev, "now": now, "expect": check_send(prev, now)}
        for name, prev, now in raw
    ]


# --- security answers -----------------------------------------------------------------

# Unicode White_Space (PropList.txt), which Rust's char::is_whitespace follows. Python's
# str.split() uses a different set (it includes U+001C..U+001F), so it is not used here.
WHITE_SPACE = set(
    [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680]
    + list(range(0x2000, 0x200B))
    + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
)


def normalize_answer(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = s.casefold()
    s = unicodedata.normalize("NFKC", s)
    words, cur = [], []
    for ch in s:
        if ord(ch) in WHITE_SPACE:
            if cur:
                words.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return " ".join(words)


ANSWERS = [
    "Miss Piggy",
    "  miss   PIGGY\t",
    "Stra\u00dfe",
    "STRASSE",
    "\uff2d\uff49\uff53\uff53",  # fullwidth
    "\ufb01sh and chips",  # fi ligature
    "Cafe\u0301",  # combining acute
    "caf\u00e9",
    "\u03a3\u038a\u03a3\u03a5\u03a6\u039f\u03a3",  # final sigma folds to sigma
    "\u0130stanbul",  # dotted capital I
    "line\nbreak\u2028and\u3000ideographic\u00a0space",
    "\u2460 \u00bd",  # circled one, vulgar fraction
    "   ",
    "",
    "\u1e9e",  # capital sharp s
    "\u00c5ngstr\u00f6m \u212b",  # angstrom sign
]


def answer_cases():
    return [
        {"name": f"answer {i}", "input": a, "normalized": normalize_answer(a)}
        for i, a in enumerate(ANSWERS)
    ]


# --- expiry ---------------------------------------------------------------------------

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
UNIX_EPOCH_FILETIME = 116_444_736_000_000_000
NS_PER_DAY = 86_400 * 10**9
I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
NEVER_MASK = 0x10000 | 0x40000 | 0x800 | 0x1000 | 0x2000


def parse_rfc3339(text: str) -> int:
    """Nanoseconds since the Unix epoch (datetime has microseconds; the cases use no more)."""
    d = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    delta = d - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 10**9 + delta.microseconds * 1_000


def format_rfc3339(ns: int):
    secs, frac = divmod(ns, 10**9)
    # RFC 3339 (and datetime) stop at 9999-12-31T23:59:59; the cases never go below 1601.
    if secs > 253_402_300_799:
        return None
    d = EPOCH + dt.timedelta(seconds=secs)
    text = f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
    if frac:
        text += "." + f"{frac:09d}".rstrip("0")
    return text + "Z"


def filetime_to_ns(ft: int) -> int:
    return (ft - UNIX_EPOCH_FILETIME) * 100


def filetime_cases():
    out = []
    for ft in (
        0,
        1,
        UNIX_EPOCH_FILETIME - 1,
        UNIX_EPOCH_FILETIME,
        UNIX_EPOCH_FILETIME + 10_000_000,
        133_497_984_000_000_000,
        133_497_984_123_456_789,
        2_650_467_743_999_999_999,  # 9999-12-31T23:59:59.9999999Z
        2_650_467_744_000_000_000,  # 10000-01-01: no RFC 3339 text
        I64_MAX,
    ):
        ns = filetime_to_ns(ft)
        secs, nanos = divmod(ns, 10**9)
        out.append(
            {"name": f"filetime {ft}", "filetime": ft, "unix_seconds": secs, "nanos": nanos, "rfc3339": format_rfc3339(ns)}
        )
    return out


def interval_cases():
    out = []
    for interval in (0, -1, -10_000_000, -36_288_000_000_000, -864_000_000_000, -I64_MAX, I64_MIN):
        ticks = -interval
        secs, rem = divmod(ticks, 10_000_000)
        out.append({"name": f"interval {interval}", "interval": interval, "seconds": secs, "nanos": rem * 100})
    return out


def expiry(case):
    """The contract, from directory-policies.md and issue 4, in plain integers."""
    if case["uac"] & NEVER_MASK:
        return None
    if case.get("pwd_last_set") is not None:
        if case["pwd_last_set"] < 0:
            return "FILETIME_NEGATIVE"
        if case["pwd_last_set"] == 0:
            return filetime_to_ns(0)  # must change now: AD computes expiry 0
        last = filetime_to_ns(case["pwd_last_set"])
    else:
        last = parse_rfc3339(case["last_set"])
    if case.get("max_pwd_age") is not None:
        interval = case["max_pwd_age"]
        if interval > 0:
            return "INTERVAL_POSITIVE"
        if interval in (0, I64_MIN):
            return None
        age = -interval * 100
    else:
        if case["max_age_days"] == 0:
            return None
        age = case["max_age_days"] * NS_PER_DAY
    return last + age


def expect(case):
    exp = expiry(case)
    if isinstance(exp, str):
        return {"error": exp}
    if exp is None:
        return {"expires_at": None, "days_remaining": None, "expired": False, "remind": False}
    now = parse_rfc3339(case["now"])
    days = (exp - now) // NS_PER_DAY
    expired = now >= exp
    return {
        "expires_at": format_rfc3339(exp),
        "days_remaining": days,
        "expired": expired,
        "remind": (not expired) and days < case["remind_days"],
    }


def expiry_cases():
    ft = lambda text: parse_rfc3339(text) // 100 + UNIX_EPOCH_FILETIME  # noqa: E731
    raw = [
        # name, last_set | pwd_last_set, max_age_days | max_pwd_age, uac, remind_days, now
        ("60 days, a month in", {"last_set": "2024-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2024-02-01T00:00:00Z"),
        ("leap year: expires on 1 March 2024", {"last_set": "2024-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2024-02-29T12:00:00Z"),
        ("non-leap year: expires on 2 March 2023", {"last_set": "2023-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2023-03-01T12:00:00Z"),
        ("across 29 February 2024", {"last_set": "2024-02-28T08:00:00Z"}, {"max_age_days": 2}, 0, 30, "2024-02-28T08:00:00Z"),
        ("century non-leap 2100", {"last_set": "2100-02-27T00:00:00Z"}, {"max_age_days": 2}, 0, 1, "2100-02-28T00:00:00Z"),
        ("one second before expiry", {"last_set": "2024-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2024-02-29T23:59:59Z"),
        ("exactly at expiry", {"last_set": "2024-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2024-03-01T00:00:00Z"),
        ("one second after expiry", {"last_set": "2024-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2024-03-01T00:00:01Z"),
        ("a day and a second after expiry", {"last_set": "2024-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2024-03-02T00:00:01Z"),
        ("exactly 30 days left: no reminder", {"last_set": "2023-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2023-01-31T00:00:00Z"),
        ("one second under 30 days: remind", {"last_set": "2023-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2023-01-31T00:00:01Z"),
        ("one second over 30 days: no reminder", {"last_set": "2023-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 30, "2023-01-30T23:59:59Z"),
        ("threshold 0 never reminds", {"last_set": "2023-01-01T00:00:00Z"}, {"max_age_days": 60}, 0, 0, "2023-03-01T23:59:59Z"),
        ("offset in the input", {"last_set": "2024-01-01T02:00:00+02:00"}, {"max_age_days": 1}, 0, 30, "2024-01-01T12:00:00-05:00"),
        ("fractional seconds", {"last_set": "2024-01-01T00:00:00.250Z"}, {"max_age_days": 1}, 0, 30, "2024-01-02T00:00:00.25Z"),
        ("max age 0 days: never", {"last_set": "2024-01-01T00:00:00Z"}, {"max_age_days": 0}, 0, 30, "2030-01-01T00:00:00Z"),
        ("AD 42 days", {"pwd_last_set": ft("2024-01-01T00:00:00Z")}, {"max_pwd_age": -36_288_000_000_000}, 0x200, 14, "2024-01-30T00:00:00Z"),
        ("AD sub-second pwdLastSet", {"pwd_last_set": 133_497_984_123_456_789}, {"max_pwd_age": -36_288_000_000_000}, 0x200, 14, "2023-12-31T00:00:00Z"),
        ("AD sub-second: two weeks before expiry", {"pwd_last_set": 133_497_984_123_456_789}, {"max_pwd_age": -36_288_000_000_000}, 0x200, 14, "2024-02-12T13:20:12.345Z"),
        ("AD sub-second: 900 ns before expiry", {"pwd_last_set": 133_497_984_123_456_789}, {"max_pwd_age": -36_288_000_000_000}, 0x200, 14, "2024-02-26T13:20:12.345678Z"),
        ("AD sub-second: 100 ns after expiry", {"pwd_last_set": 133_497_984_123_456_789}, {"max_pwd_age": -36_288_000_000_000}, 0x200, 14, "2024-02-26T13:20:12.345679Z"),
        ("AD max age never (i64::MIN)", {"pwd_last_set": ft("2024-01-01T00:00:00Z")}, {"max_pwd_age": I64_MIN}, 0x200, 14, "2099-01-01T00:00:00Z"),
        ("AD max age never (0)", {"pwd_last_set": ft("2024-01-01T00:00:00Z")}, {"max_pwd_age": 0}, 0x200, 14, "2099-01-01T00:00:00Z"),
        ("AD pwdLastSet 0: must change now", {"pwd_last_set": 0}, {"max_pwd_age": -36_288_000_000_000}, 0x200, 14, "2024-01-01T00:00:00Z"),
        ("AD pwdLastSet 0 with max age never", {"pwd_last_set": 0}, {"max_pwd_age": I64_MIN}, 0x200, 14, "2024-01-01T00:00:00Z"),
        ("AD DONT_EXPIRE_PASSWORD", {"pwd_last_set": ft("2020-01-01T00:00:00Z")}, {"max_pwd_age": -36_288_000_000_000}, 0x10200, 14, "2024-01-01T00:00:00Z"),
        ("AD DONT_EXPIRE_PASSWORD wins over pwdLastSet 0", {"pwd_last_set": 0}, {"max_pwd_age": -36_288_000_000_000}, 0x10200, 14, "2024-01-01T00:00:00Z"),
        ("AD SMARTCARD_REQUIRED", {"pwd_last_set": ft("2020-01-01T00:00:00Z")}, {"max_pwd_age": -36_288_000_000_000}, 0x40200, 14, "2024-01-01T00:00:00Z"),
        ("AD workstation trust account", {"pwd_last_set": ft("2020-01-01T00:00:00Z")}, {"max_pwd_age": -36_288_000_000_000}, 0x1000, 14, "2024-01-01T00:00:00Z"),
        ("AD server trust account", {"pwd_last_set": ft("2020-01-01T00:00:00Z")}, {"max_pwd_age": -36_288_000_000_000}, 0x82000, 14, "2024-01-01T00:00:00Z"),
        ("AD interdomain trust account", {"pwd_last_set": ft("2020-01-01T00:00:00Z")}, {"max_pwd_age": -36_288_000_000_000}, 0x800, 14, "2024-01-01T00:00:00Z"),
        ("AD unrelated flags (ACCOUNTDISABLE, LOCKOUT)", {"pwd_last_set": ft("2020-01-01T00:00:00Z")}, {"max_pwd_age": -36_288_000_000_000}, 0x212, 14, "2024-01-01T00:00:00Z"),
        ("AD pwdLastSet at the 1601 epoch + 1 tick", {"pwd_last_set": 1}, {"max_pwd_age": -864_000_000_000}, 0, 14, "1601-01-01T00:00:00Z"),
        ("AD max age 7000 years", {"pwd_last_set": ft("2024-01-01T00:00:00Z")}, {"max_pwd_age": -7000 * 365 * 86_400 * 10**7}, 0, 14, "2024-01-01T00:00:00Z"),
        ("AD negative pwdLastSet", {"pwd_last_set": -1}, {"max_pwd_age": -36_288_000_000_000}, 0, 14, "2024-01-01T00:00:00Z"),
        ("AD positive max age", {"pwd_last_set": ft("2024-01-01T00:00:00Z")}, {"max_pwd_age": 36_288_000_000_000}, 0, 14, "2024-01-01T00:00:00Z"),
        ("mixed: RFC 3339 with an AD interval", {"last_set": "2024-02-29T00:00:00Z"}, {"max_pwd_age": -864_000_000_000}, 0, 2, "2024-03-09T00:00:00Z"),
        ("mixed: FILETIME with days", {"pwd_last_set": ft("2024-02-29T00:00:00Z")}, {"max_age_days": 365}, 0, 2, "2025-02-27T00:00:00Z"),
    ]
    cases = []
    for name, last, age, uac, remind, now in raw:
        case = {"name": name, "last_set": None, "pwd_last_set": None, "max_age_days": None, "max_pwd_age": None}
        case.update(last)
        case.update(age)
        case.update({"uac": uac, "remind_days": remind, "now": now})
        case["expect"] = expect(case)
        cases.append(case)
    return cases


def write(name, doc):
    names = [c["name"] for v in doc.values() if isinstance(v, list) for c in v if "name" in c]
    assert len(names) == len(set(names)), "case names must be unique"
    path = OUT / name
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def main():
    write(
        "tokens.json",
        {
            "format": "passforge-vectors/tokens/1",
            "time_tokens": time_token_cases(),
            "verify": verify_cases(),
            "plain": plain_cases(),
            "request_tokens": request_token_cases(),
            "request_verify": request_verify_cases(),
            "request_replay": request_replay_cases(),
            "reset_tokens": reset_token_cases(),
            "code_sends": code_send_cases(),
            "answers": answer_cases(),
        },
    )
    write(
        "expiry.json",
        {
            "format": "passforge-vectors/expiry/1",
            "filetime": filetime_cases(),
            "intervals": interval_cases(),
            "cases": expiry_cases(),
        },
    )


if __name__ == "__main__":
    main()
