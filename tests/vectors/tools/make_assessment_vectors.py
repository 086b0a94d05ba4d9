#!/usr/bin/env python3
"""Writes tests/vectors/assessments.json: what passforge says *about* settings rather
than what it generates (issue 14): the strength-check estimate, the weak-settings flag,
the one-time-code lint and the security-answer rehash rule.

Every expected value is computed here, independently of passforge: exact counts with
Python integers (the same class-count recurrence as make_generate_vectors.py, written
again with explicit minimums so that a strength check's share can be counted), the
Wilson bound from its formula, and the NIST and rehash rules as documented. Run:
python3 tests/vectors/tools/make_assessment_vectors.py
"""

import json
import math
import pathlib
from functools import lru_cache

OUT = pathlib.Path(__file__).resolve().parent.parent / "assessments.json"

# --- counting -------------------------------------------------------------------------

SETS = {
    "lower_set": "abcdefghijklmnopqrstuvwxyz",
    "upper_set": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "digit_set": "0123456789",
    "symbol_set": "".join(c for c in map(chr, range(128)) if c.isprintable() and not c.isalnum() and c != " "),
}
DEFAULTS = {"length": 12, "lower": 6, "upper": 2, "digits": 2, "symbols": 2}
COUNT_KEYS = ["lower", "upper", "digits", "symbols"]


def classes(settings):
    """[(size, minimum)] per class, in order, with the effective length."""
    s = {**DEFAULTS, **settings}
    taken, sizes = set(), []
    for key in SETS:
        chars = sorted(set(settings.get(key, SETS[key])) - taken)
        taken |= set(chars)
        sizes.append(len(chars))
    minimums = [s[k] for k in COUNT_KEYS]
    return list(zip(sizes, minimums)), max(s["length"], sum(minimums))


def count(sizes_minimums, length):
    """Strings of `length` over the classes, each class at least its minimum."""
    cls = tuple((n, m) for n, m in sizes_minimums if n > 0 or m > 0)

    @lru_cache(maxsize=None)
    def ways(i, r):
        if i == len(cls):
            return 1 if r == 0 else 0
        n, m = cls[i]
        return sum(math.comb(r, c) * n**c * ways(i + 1, r - c) for c in range(m, r + 1))

    return ways(0, length)


def with_minimum(sm, index, minimum):
    return [(n, max(m, minimum) if i == index else m) for i, (n, m) in enumerate(sm)]


def first_of(sm, index, length):
    """Strings whose first (or, by symmetry, last) character is of class `index`."""
    n = sm[index][0]
    rest = [(s, max(0, m - 1) if i == index else m) for i, (s, m) in enumerate(sm)]
    return n * count(rest, length - 1)


LOWER, UPPER, DIGIT, SYMBOL = range(4)

# The share each strength check keeps, counted exactly. Each entry: the check, and how to
# count the passwords it accepts from (classes, length).
CHECKS = {
    "'[0-9].*[0-9].*[0-9]'": lambda sm, L: count(with_minimum(sm, DIGIT, 3), L),
    "'^[a-z]'": lambda sm, L: first_of(sm, LOWER, L),
    "'[^a-zA-Z0-9]$'": lambda sm, L: first_of(sm, SYMBOL, L),
    "'^[a-z]', '[0-9].*[0-9].*[0-9]'": lambda sm, L: sm[LOWER][0]
    * count([(s, max(0, m - 1) if i == LOWER else max(m, 3) if i == DIGIT else m) for i, (s, m) in enumerate(sm)], L - 1),
    "'[0-9]'": lambda sm, L: count(with_minimum(sm, DIGIT, 1), L),
    "'^x{16}$'": lambda sm, L: 0,  # one string, which has no uppercase letter
    "'[A-Z].*[A-Z].*[A-Z].*[A-Z]'": lambda sm, L: count(with_minimum(sm, UPPER, 4), L),
}

# --- the strength-check estimate -------------------------------------------------------

Z = 1.959963984540054  # the 97.5 % normal quantile: a 95 % two-sided interval


def wilson_lower(k, n):
    if n == 0:
        return 1.0
    if k == 0:
        return 0.0
    p = k / n
    z2 = Z * Z
    centre = p + z2 / (2 * n)
    spread = Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - spread) / (1 + z2 / n))


def rejection_attempts(length):
    """Candidates one generation may draw: 2^18 characters, 64 to 10,000 candidates."""
    return min(max((1 << 18) // max(length, 1), 64), 10_000)


def log2(n):
    return math.log2(n) if n.bit_length() < 1000 else n.bit_length() - 64 + math.log2(n >> (n.bit_length() - 64))


ESTIMATES = [
    ("no strength check", {"length": 16}),
    ("at least three digits, 16 characters", {"length": 16, "strength_check": "'[0-9].*[0-9].*[0-9]'"}),
    ("first character lowercase", {"length": 16, "strength_check": "'^[a-z]'"}),
    ("last character a symbol", {"length": 12, "strength_check": "'[^a-zA-Z0-9]$'"}),
    ("two patterns", {"length": 16, "strength_check": "'^[a-z]', '[0-9].*[0-9].*[0-9]'"}),
    ("always met by the minimums", {"length": 16, "strength_check": "'[0-9]'"}),
    ("never met", {"length": 16, "strength_check": "'^x{16}$'"}),
    ("four uppercase, 64 characters", {"length": 64, "lower": 1, "upper": 1, "digits": 1, "symbols": 1,
                                       "strength_check": "'[A-Z].*[A-Z].*[A-Z].*[A-Z]'"}),
    ("four uppercase, no minimums, 256 characters", {"length": 256, "lower": 0, "upper": 0, "digits": 0,
                                                      "symbols": 0, "strength_check": "'[A-Z].*[A-Z].*[A-Z].*[A-Z]'"}),
]


def estimate_cases():
    cases = []
    for name, settings in ESTIMATES:
        sm, length = classes(settings)
        total = count(sm, length)
        entropy = log2(total)
        check = settings.get("strength_check")
        if check is None:
            expect = {"entropy_bits": entropy, "samples": 0, "share_exact": 1.0, "share_min": 1.0, "share_max": 1.0}
        else:
            accepted = CHECKS[check](sm, length)
            p = accepted / total
            n = rejection_attempts(length)
            sigma = math.sqrt(n * p * (1 - p))
            k_low = max(0, math.floor(n * p - 6 * sigma))
            k_high = min(n, math.ceil(n * p + 3 * sigma))
            expect = {
                "entropy_bits": entropy,
                "samples": n,
                "share_exact": p,
                "share_min": wilson_lower(k_low, n),
                "share_max": wilson_lower(k_high, n),
            }
        cases.append({"name": name, "settings": settings, "expect": expect})
    return cases


# --- weak settings ----------------------------------------------------------------------

WEAK_BITS = 40.0
NONE = {"lower": 0, "upper": 0, "digits": 0, "symbols": 0}
WEAK = [
    ("defaults", {}),
    ("12 digits (39.9 bits)", {"length": 12, **NONE, "lower_set": "", "upper_set": "", "symbol_set": ""}),
    ("13 digits (43.2 bits)", {"length": 13, **NONE, "lower_set": "", "upper_set": "", "symbol_set": ""}),
    ("8 lowercase letters (37.6 bits)", {"length": 8, **NONE, "upper_set": "", "digit_set": "", "symbol_set": ""}),
    ("9 lowercase letters (42.3 bits)", {"length": 9, **NONE, "upper_set": "", "digit_set": "", "symbol_set": ""}),
    ("one repeated character (0 bits)", {"length": 12, **NONE, "lower_set": "a", "upper_set": "", "digit_set": "",
                                         "symbol_set": ""}),
    ("a 6-digit PIN", {"length": 6, **NONE, "digits": 6, "lower_set": "", "upper_set": "", "symbol_set": ""}),
    ("16 characters, 4 of each", {"length": 16, "lower": 4, "upper": 4, "digits": 4, "symbols": 4}),
]


def weak_cases():
    cases = []
    for name, settings in WEAK:
        sm, length = classes(settings)
        bits = log2(count(sm, length))
        cases.append({"name": f"weak: {name}", "settings": settings,
                      "expect": {"entropy_bits": bits, "is_weak": bits < WEAK_BITS}})
    return cases


# --- the one-time-code lint -------------------------------------------------------------

CODE_DEFAULTS = {"digits": 4, "lifetime_seconds": 300, "max_sends": 10, "send_window_seconds": 86_400,
                 "min_seconds_between_sends": 120, "max_attempts": 3}
NIST_MIN_DIGITS = 6  # SP 800-63B: at least 20 bits; 6 decimal digits
NIST_MAX_LIFETIME = 600  # SP 800-63B: an out-of-band secret is valid at most 10 minutes

LINTS = [
    ("ITSM defaults (4 digits)", {}),
    ("NIST digits", {"digits": 6}),
    ("5 digits", {"digits": 5}),
    ("10 digits, 10 minutes", {"digits": 10, "lifetime_seconds": 600}),
    ("6 digits, 601 s", {"digits": 6, "lifetime_seconds": 601}),
    ("4 digits, an hour", {"lifetime_seconds": 3600}),
    ("6 digits, many sends", {"digits": 6, "max_sends": 1000, "send_window_seconds": 60, "max_attempts": 10}),
    ("3 digits", {"digits": 3}),
    ("11 digits", {"digits": 11}),
    ("no attempts", {"max_attempts": 0}),
    ("no lifetime", {"lifetime_seconds": 0}),
    ("no pause", {"min_seconds_between_sends": 0}),
]


def lint_expect(settings):
    s = {**CODE_DEFAULTS, **settings}
    if not 4 <= s["digits"] <= 10:
        return {"error": "CODE_DIGITS"}
    if min(s["lifetime_seconds"], s["max_sends"], s["send_window_seconds"], s["min_seconds_between_sends"],
           s["max_attempts"]) == 0:
        return {"error": "CODE_SETTING_ZERO"}
    findings = []
    if s["digits"] < NIST_MIN_DIGITS:
        findings.append({"code": "CODE_DIGITS_BELOW_NIST", "severity": "warning"})
    if s["lifetime_seconds"] > NIST_MAX_LIFETIME:
        findings.append({"code": "CODE_LIFETIME_TOO_LONG", "severity": "warning"})
    findings.append({"code": "CODE_GUESS_BUDGET", "severity": "info"})
    return {"findings": findings}


def lint_cases():
    return [{"name": f"code lint: {name}", "settings": settings, "expect": lint_expect(settings)}
            for name, settings in LINTS]


# --- security-answer rehash ---------------------------------------------------------------

RECOMMENDED = {"memory_kib": 19_456, "iterations": 2, "parallelism": 1}
ARGON2_DEFAULT = {"m": 19_456, "t": 2, "p": 1}  # what Argon2 reads for a parameter left out
MAXIMUMS = {"m": 262_144, "t": 16, "p": 16}
SALT, OUTPUT = "c2FsdHNhbHQ", "aGFzaGhhc2hoYXNoaGFzaA"  # "saltsalt", 16 bytes of "hash"

# Real Argon2id hashes of the answer "Miss Piggy" (normalised "miss piggy"), so that a
# front-end that reports a rehash only after a match (the CLI) can run the case. The
# first was made with the argon2 crate directly (fuzz/seeds.py, salt "passforge-seed-1");
# the second once with `passforge answer hash` at the recommended costs. Only their
# parameters matter to the expectation; every runtime checks that they verify.
REAL_WEAK = ("$argon2id$v=19$m=64,t=1,p=1$cGFzc2ZvcmdlLXNlZWQtMQ$"
             "IwTIqTOhWo/+Pu9DpsZxEfUzqXZGxEO7nTdnqrcsdvQ")
REAL_RECOMMENDED = ("$argon2id$v=19$m=19456,t=2,p=1$o4qqFtbuZ2xQWoeqfUPH1g$"
                    "H0Xowc6OMsMpdOkkxSDPkcf34EIIgy2oRqXvychZ0x4")


def phc(params, ident="argon2id", version="v=19"):
    head = f"${ident}" + (f"${version}" if version else "")
    return f"{head}${params}${SALT}${OUTPUT}"


REHASH = [
    # name, hasher (None: the recommended default), stored, answer for a real hash
    ("weak real hash against the default", None, REAL_WEAK, "Miss Piggy"),
    ("recommended real hash against the default", None, REAL_RECOMMENDED, "Miss Piggy"),
    ("weak real hash against its own costs", {"memory_kib": 64, "iterations": 1, "parallelism": 1}, REAL_WEAK, None),
    ("less memory", None, phc("m=19455,t=2,p=1"), None),
    ("more memory", None, phc("m=65536,t=2,p=1"), None),
    ("fewer passes", {"memory_kib": 64, "iterations": 3, "parallelism": 1}, phc("m=64,t=2,p=1"), None),
    ("more passes, less memory", None, phc("m=19000,t=4,p=1"), None),
    ("fewer lanes", {"memory_kib": 64, "iterations": 1, "parallelism": 2}, phc("m=64,t=1,p=1"), None),
    ("more lanes", None, phc("m=19456,t=2,p=4"), None),
    ("Argon2 version 0x10", None, phc("m=19456,t=2,p=1", version="v=16"), None),
    ("no version (Argon2's default, 0x13)", None, phc("m=19456,t=2,p=1", version=None), None),
    ("parameters left out take Argon2's defaults", None, phc("t=2"), None),
    ("argon2i", None, phc("m=19456,t=2,p=1", ident="argon2i"), None),
    ("not PHC", None, "19456$2$1", None),
    ("memory above the maximum", None, phc("m=262145,t=2,p=1"), None),
    ("lanes above Argon2's own limit", None, phc("m=19456,t=2,p=536870912"), None),
    ("a repeated parameter", None, phc("m=19456,t=2,t=1,p=1"), None),
]


def rehash_expect(hasher, stored):
    parts = stored.split("$")
    if len(parts) < 4 or parts[1] != "argon2id":
        return {"error": "ANSWER_HASH_SYNTAX"}
    version = None
    rest = parts[2:]
    if rest[0].startswith("v="):
        version = int(rest[0][2:])
        rest = rest[1:]
    names = [kv.split("=")[0] for kv in rest[0].split(",")]
    if len(names) != len(set(names)):
        return {"error": "ANSWER_HASH_SYNTAX"}
    got = {**ARGON2_DEFAULT, **{k: int(v) for k, v in (kv.split("=") for kv in rest[0].split(","))}}
    if any(got[k] > MAXIMUMS[k] for k in MAXIMUMS):
        return {"error": "ANSWER_HASH_PARAMS"}
    h = hasher or RECOMMENDED
    # A missing version is Argon2's default, 0x13, the version passforge hashes with.
    needs = (got["m"] < h["memory_kib"] or got["t"] < h["iterations"] or got["p"] < h["parallelism"]
             or (version is not None and version != 0x13))
    return {"needs_rehash": needs}


def rehash_cases():
    cases = []
    for name, hasher, stored, answer in REHASH:
        case = {"name": f"rehash: {name}", "hasher": hasher, "stored": stored}
        if answer is not None:
            case["answer"] = answer
        case["expect"] = rehash_expect(hasher, stored)
        cases.append(case)
    return cases


def main():
    doc = {
        "format": "passforge-vectors/assessments/1",
        "strength_estimates": estimate_cases(),
        "weak_settings": weak_cases(),
        "code_lints": lint_cases(),
        "answer_rehash": rehash_cases(),
    }
    names = [c["name"] for v in doc.values() if isinstance(v, list) for c in v]
    assert len(names) == len(set(names)), "case names must be unique"
    OUT.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(names)} cases)")


if __name__ == "__main__":
    main()
