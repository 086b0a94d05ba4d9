#!/usr/bin/env python3
"""Writes tests/vectors/passphrase.json.

Passphrases are the frozen output of `passforge passphrase --seed` (a regression contract
every runtime must reproduce). The entropy and count are computed here from the settings
alone (words^N * separators^(N-1) * N for one capitalised word * 10N for the number), and
each passphrase is checked to be made of the list's words in the settings' shape; the
script refuses to write the file when the CLI disagrees. Error codes are written by hand
from the rules (tests/vectors/README.md) and checked against the CLI where it can run
the case.

Usage: cargo build -p passforge-cli && python3 tests/vectors/tools/make_passphrase_vectors.py
"""
import json
import math
import pathlib
import re
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[3]
CLI = ROOT / "target" / "debug" / "passforge"
EFF = (ROOT / "core" / "data" / "eff-large-wordlist.txt").read_text().split("\n")[:-1]
SYMBOLS = "".join(c for c in map(chr, range(33, 127)) if not c.isalnum())
AD = {"ad": {"minPwdLength": 14, "pwdProperties": 1}}
NATO = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]

# name, settings, wordlist (None: EFF), seed, count, policy, context
CASES = [
    ("defaults", {}, None, 1, 5, None, None),
    ("four words and spaces", {"words": 4, "separator": " "}, None, 2, 3, None, None),
    ("first letters and a number", {"words": 5, "capitalize": "first_letter", "number": True}, None, 3, 4, None, None),
    ("random digit separators", {"words": 4, "separator": {"random": "digit"}}, None, 4, 4, None, None),
    ("random symbols and one word in capitals",
     {"words": 3, "separator": {"random": "symbol"}, "capitalize": "random_word"}, None, 5, 4, None, None),
    ("no separator: the EFF list is prefix-free", {"words": 3, "separator": "", "capitalize": "first_letter"},
     None, 6, 3, None, None),
    ("random digits, a capitalised word and the number",
     {"words": 4, "separator": {"random": "digit"}, "capitalize": "random_word", "number": True}, None, 12, 3, None, None),
    ("custom list", {"words": 4, "separator": "."}, NATO, 7, 5, None, None),
    ("custom unicode list", {"words": 3, "separator": "·", "capitalize": "first_letter"},
     ["äpfel", "straße", "œuvre", "ζήτα", "жук", "日本"], 8, 4, None, None),
    ("one word and a digit", {"words": 1, "number": True}, None, 9, 3, None, None),
    ("64 words", {"words": 64, "separator": " "}, None, 10, 1, None, None),
    ("AD complexity: capitals, a digit, hyphens", {"words": 4, "capitalize": "first_letter", "number": True},
     None, 11, 3, AD, {"username": "jdoe"}),
]

ERRORS = [
    ("AD complexity unmet by lowercase words", {}, None, AD, "SETTINGS_BELOW_POLICY",
     ["GENERATOR_CATEGORIES_BELOW_MINIMUM"]),
    ("policy minimum above the shortest passphrase", {"words": 3}, None, {"min_length": 12}, "SETTINGS_BELOW_POLICY",
     ["GENERATOR_LENGTH_BELOW_MINIMUM"]),
    ("zero words", {"words": 0}, None, None, "PASSPHRASE_WORD_COUNT", None),
    ("65 words", {"words": 65}, None, None, "PASSPHRASE_WORD_COUNT", None),
    ("tab separator", {"separator": "\t"}, None, None, "PASSPHRASE_SEPARATOR", None),
    ("longer than 1024 characters", {"words": 64, "separator": "--------"}, None, None, "PASSPHRASE_TOO_LONG", None),
    ("compound words without a separator", {"words": 2, "separator": ""}, ["sun", "flower", "sunflower"], None,
     "PASSPHRASE_AMBIGUOUS", None),
    ("separator inside words", {"words": 2}, ["drop", "down", "drop-down"], None, "PASSPHRASE_AMBIGUOUS", None),
    ("digits in words with the number", {"number": True}, ["r2d2", "c3po", "bb8"], None, "PASSPHRASE_AMBIGUOUS", None),
    ("a caseless word with one word in capitals", {"capitalize": "random_word"}, ["alpha", "123"], None,
     "PASSPHRASE_AMBIGUOUS", None),
    ("one word", {}, ["only"], None, "WORDLIST_TOO_SMALL", None),
    ("duplicate after case folding", {}, ["apple", "pear", "APPLE"], None, "WORDLIST_DUPLICATE", None),
    ("white space in a word", {}, ["apple", "pear tree"], None, "WORDLIST_CHARACTER", None),
    ("an empty word", {}, ["apple", ""], None, "WORDLIST_WORD_EMPTY", None),
]


def args_of(settings):
    args = ["--words", str(settings.get("words", 6))]
    sep = settings.get("separator", "-")
    if isinstance(sep, dict):
        args += ["--random-separator", sep["random"]]
    else:
        args += [f"--separator={sep}"]
    args += ["--capitalize", settings.get("capitalize", "none")]
    if settings.get("number"):
        args.append("--number")
    return args


def run(settings, wordlist, seed, count, policy, context, tmp):
    args = [str(CLI), "passphrase", *args_of(settings), "--json", "-n", str(count), "--seed", str(seed)]
    if wordlist is not None:
        path = pathlib.Path(tmp) / "words.txt"
        path.write_text("\n".join(wordlist) + "\n")
        args += ["--wordlist", str(path)]
    if policy is not None:
        path = pathlib.Path(tmp) / "policy.json"
        path.write_text(json.dumps(policy))
        args += ["--policy", str(path)]
        for key, value in (context or {}).items():
            args += [f"--{key.replace('_', '-')}", value]
    return subprocess.run(args, capture_output=True, text=True)


def count_of(settings, n_words):
    n = settings.get("words", 6)
    total = n_words ** n
    sep = settings.get("separator", "-")
    if isinstance(sep, dict):
        total *= (10 if sep["random"] == "digit" else 32) ** (n - 1)
    if settings.get("capitalize") == "random_word":
        total *= n
    if settings.get("number"):
        total *= 10 * n
    return total


def shape(settings, words):
    """A regular expression every passphrase of the settings matches."""
    n = settings.get("words", 6)
    cap = settings.get("capitalize", "none")
    forms = set()
    for w in words:
        if cap == "first_letter":
            forms.add(w[0].upper() + w[1:])
        else:
            forms.add(w)
            if cap == "random_word":
                forms.add(w.upper())
    word = "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"
    if settings.get("number"):
        word += "[0-9]?"
    sep = settings.get("separator", "-")
    if isinstance(sep, dict):
        sep_re = "[0-9]" if sep["random"] == "digit" else "[" + re.escape(SYMBOLS) + "]"
    else:
        sep_re = re.escape(sep)
    return re.compile("^" + word + ("(?:" + sep_re + word + ")") * (n - 1) + "$")


def main():
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, settings, wordlist, seed, count, policy, context in CASES:
            words = wordlist or EFF
            out = run(settings, wordlist, seed, count, policy, context, tmp)
            if out.returncode != 0:
                raise SystemExit(f"{name}: {out.stderr}")
            got = json.loads(out.stdout)
            total = count_of(settings, len(words))
            bits = math.log2(total)
            if abs(got["entropy_bits"] - bits) > 1e-9:
                raise SystemExit(f"{name}: entropy {got['entropy_bits']} != {bits}")
            pattern = shape(settings, words)
            for p in got["passphrases"]:
                if not pattern.match(p):
                    raise SystemExit(f"{name}: {p!r} is not of the settings' shape")
                if settings.get("number") and sum(c.isdigit() for c in p) != 1 + (
                        settings.get("words", 6) - 1) * (isinstance(settings.get("separator"), dict)
                                                         and settings["separator"]["random"] == "digit"):
                    raise SystemExit(f"{name}: {p!r} has the wrong number of digits")
            case = {"name": name, "settings": settings}
            if wordlist is not None:
                case["wordlist"] = wordlist
            if policy is not None:
                case["policy"] = policy
                case["context"] = context or {}
            case.update(seed=seed, count=count, expect={
                "passphrases": got["passphrases"], "words": settings.get("words", 6),
                "entropy_bits": round(bits, 12), "passphrase_count": str(total)})
            cases.append(case)
        for name, settings, wordlist, policy, code, reasons in ERRORS:
            case = {"name": name, "settings": settings}
            if wordlist is not None:
                case["wordlist"] = wordlist
            if policy is not None:
                case["policy"] = policy
            case["expect"] = {"error": code}
            if reasons is not None:
                case["expect"]["reasons"] = reasons
            cases.append(case)
            # A text file cannot hold an empty word (blank lines are skipped).
            if "" in (wordlist or []):
                continue
            out = run(settings, wordlist, 1, 1, policy, None, tmp)
            err = out.stderr.split("\n", 1)[1] if out.stderr.startswith("warning: --seed") else out.stderr
            if out.returncode != 2 or not err.startswith(f"error: {code}: "):
                raise SystemExit(f"{name}: the CLI says {out.stderr!r}")
            for reason in reasons or []:
                if reason.startswith("GENERATOR_CATEGORIES") and "categories" not in out.stderr:
                    raise SystemExit(f"{name}: {out.stderr}")
    doc = {"format": "passforge-vectors/passphrase/1", "cases": cases}
    path = ROOT / "tests" / "vectors" / "passphrase.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
