#!/usr/bin/env python3
"""Writes tests/vectors/generate.json.

Passwords are the frozen output of `passforge generate --seed` (a regression contract
that every runtime must reproduce). The entropy is computed here, independently of the
code under test, by exact counting with Python integers over class-count vectors; the
script refuses to write the file when the CLI's entropy disagrees.

Usage: cargo build -p passforge-cli && python3 tests/vectors/tools/make_generate_vectors.py
"""
import json
import math
import pathlib
import subprocess
from functools import lru_cache

ROOT = pathlib.Path(__file__).resolve().parents[3]
CLI = ROOT / "target" / "debug" / "passforge"
DEFAULTS = {"length": 12, "lower": 6, "upper": 2, "digits": 2, "symbols": 2}
SETS = {
    "lower_set": "abcdefghijklmnopqrstuvwxyz",
    "upper_set": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "digit_set": "0123456789",
    "symbol_set": "".join(c for c in map(chr, range(128)) if c.isprintable() and not c.isalnum() and c != " "),
}
AMBIGUOUS = "0Oo1Il|"
COUNT_KEYS = ["lower", "upper", "digits", "symbols"]

CASES = [
    ("defaults", {}, 1, 5),
    ("sixteen characters 8/4/2/2", {"length": 16, "lower": 8, "upper": 4, "digits": 2, "symbols": 2}, 2, 5),
    ("counts above the length make it longer", {"length": 12, "lower": 8, "upper": 4}, 3, 3),
    ("length 8 with one of each", {"length": 8, "lower": 1, "upper": 1, "digits": 1, "symbols": 1}, 4, 5),
    ("no minimums", {"length": 20, "lower": 0, "upper": 0, "digits": 0, "symbols": 0}, 5, 3),
    ("avoid ambiguous and exclude", {"length": 14, "avoid_ambiguous": True, "exclude": "xyzXYZ{}"}, 6, 4),
    ("symbols disabled", {"length": 10, "symbols": 0, "symbol_set": ""}, 7, 4),
    ("custom unicode sets", {"length": 10, "lower": 3, "upper": 1, "digits": 2, "symbols": 0,
                             "lower_set": "äöüßéèñ", "upper_set": "ÄÖÜ", "digit_set": "٠١٢٣٤٥٦٧٨٩",
                             "symbol_set": "€£¥"}, 8, 4),
    ("overlapping sets count once", {"length": 9, "lower": 2, "upper": 2, "digits": 1, "symbols": 1,
                                     "lower_set": "abc", "upper_set": "ABCabc", "digit_set": "012",
                                     "symbol_set": "!a0"}, 9, 4),
    ("single character alphabet", {"length": 3, "lower": 0, "upper": 0, "digits": 0, "symbols": 0,
                                   "lower_set": "a", "upper_set": "", "digit_set": "", "symbol_set": ""}, 10, 2),
    ("strength check by rejection", {"length": 16, "strength_check": "'[0-9].*[0-9].*[0-9]', '^[a-z]'"}, 11, 4),
    ("length 64", {"length": 64, "lower": 1, "upper": 1, "digits": 1, "symbols": 1}, 12, 2),
    ("length 300, big integers", {"length": 300, "lower": 100, "upper": 50, "digits": 50, "symbols": 50}, 13, 1),
    ("length 1024", {"length": 1024, "lower": 1, "upper": 1, "digits": 1, "symbols": 1}, 14, 1),
]

ERRORS = [
    ("empty digit set with a minimum", {"digit_set": ""}, "CLASS_EMPTY"),
    ("everything excluded from a required class", {"exclude": "0123456789"}, "CLASS_EMPTY"),
    ("zero length", {"length": 0, "lower": 0, "upper": 0, "digits": 0, "symbols": 0}, "LENGTH_ZERO"),
    ("above the maximum length", {"length": 1025}, "LENGTH_TOO_LARGE"),
    ("counts above the maximum length", {"lower": 1000, "upper": 25}, "LENGTH_TOO_LARGE"),
    ("no characters", {"lower": 0, "upper": 0, "digits": 0, "symbols": 0, "lower_set": "",
                       "upper_set": "", "digit_set": "", "symbol_set": ""}, "NO_CHARACTERS"),
    ("strength check syntax", {"strength_check": "'a', b"}, "STRENGTH_CHECK_SYNTAX"),
    ("strength check look-ahead", {"strength_check": "'(?=.*[0-9])'"}, "STRENGTH_CHECK_PATTERN"),
    ("strength check back-reference", {"strength_check": r"'(a)\1'"}, "STRENGTH_CHECK_PATTERN"),
]

# Errors raised when generating (the settings themselves are valid).
GENERATE_ERRORS = [
    ("strength check that cannot be met", {"strength_check": "'^.{13,}$'"}, 15, "STRENGTH_CHECK_UNMET"),
]


def class_sets(settings):
    removed = set(settings.get("exclude", ""))
    if settings.get("avoid_ambiguous"):
        removed |= set(AMBIGUOUS)
    taken, out = set(), []
    for key in SETS:
        chars = sorted(set(settings.get(key, SETS[key])) - removed - taken)
        taken |= set(chars)
        out.append(chars)
    return out


def exact_count(settings):
    s = {**DEFAULTS, **settings}
    minimums = [s[k] for k in COUNT_KEYS]
    length = max(s["length"], sum(minimums))
    sizes = [len(c) for c in class_sets(settings)]
    classes = [(n, m) for n, m in zip(sizes, minimums) if n > 0]

    # ways(i, r): strings of length r over classes i.. meeting their minimums, with the
    # positions counted by binomials: sum over c of C(r, c) * n^c * ways(i+1, r-c).
    @lru_cache(maxsize=None)
    def ways(i, r):
        if i == len(classes):
            return 1 if r == 0 else 0
        n, m = classes[i]
        return sum(math.comb(r, c) * n**c * ways(i + 1, r - c) for c in range(m, r + 1))

    return length, ways(0, length)


def cli_args(settings, seed, count):
    args = [str(CLI), "generate", "--json", "--seed", str(seed), "--count", str(count)]
    for key, value in settings.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            args.append(flag)
        else:
            args.append(f"{flag}={value}")
    return args


def main():
    cases = []
    for name, settings, seed, count in CASES:
        out = json.loads(subprocess.run(cli_args(settings, seed, count), check=True,
                                        capture_output=True, text=True).stdout)
        length, count_exact = exact_count(settings)
        entropy = math.log2(count_exact) if count_exact.bit_length() < 1000 else (
            count_exact.bit_length() - 64 + math.log2(count_exact >> (count_exact.bit_length() - 64)))
        assert out["length"] == length, (name, out["length"], length)
        assert abs(out["entropy_bits"] - entropy) < 1e-9, (name, out["entropy_bits"], entropy)
        cases.append({"name": name, "settings": settings, "seed": seed, "count": count,
                      "expect": {"passwords": out["passwords"], "length": length,
                                 "entropy_bits": round(entropy, 12)}})
    for name, settings, code in ERRORS:
        cases.append({"name": name, "settings": settings, "expect": {"error": code}})
    for name, settings, seed, code in GENERATE_ERRORS:
        cases.append({"name": name, "settings": settings, "seed": seed, "count": 1,
                      "expect": {"error": code}})
    doc = {"format": "passforge-vectors/generate/1", "cases": cases}
    path = ROOT / "tests" / "vectors" / "generate.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
