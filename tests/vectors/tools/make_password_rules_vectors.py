#!/usr/bin/env python3
"""Writes tests/vectors/password_rules.json.

What a rules string means (its sets, lengths, canonical text, the policy keys it becomes
and the text that policy writes back) is computed here by a separate reading of the
password-rules language, written from the reference parser's rules
(apple/password-manager-resources, tools/PasswordRulesParser.js, at REFERENCE_COMMIT)
without passforge. The hand-written error cases are checked against this reading too.

Passwords are the frozen output of `passforge generate --rules --seed` (a regression
contract every runtime must reproduce). Their entropy is counted here exactly, with
Python integers over the valid passwords themselves (every string of the length over
the allowed characters, space excluded, with a character of each required group and no
longer run than max-consecutive), never through the generator's classes; the script
refuses to write the file when the CLI disagrees, or when a password breaks its rules.

The real-world rules are entries of quirks/password-rules.json at REFERENCE_COMMIT:

Usage: cargo build -p passforge-cli && \\
    python3 tests/vectors/tools/make_password_rules_vectors.py --quirks PATH/quirks/password-rules.json
"""
import argparse
import json
import math
import pathlib
import subprocess
import sys
from functools import lru_cache

ROOT = pathlib.Path(__file__).resolve().parents[3]
CLI = ROOT / "target" / "debug" / "passforge"
OUT = ROOT / "tests" / "vectors" / "password_rules.json"
REFERENCE_COMMIT = "96cbab74681dcc296cae6fb205c4b047bc026c22"

PRINTABLE = [chr(c) for c in range(0x20, 0x7F)]
UPPER = frozenset(chr(c) for c in range(ord("A"), ord("Z") + 1))
LOWER = frozenset(chr(c) for c in range(ord("a"), ord("z") + 1))
DIGIT = frozenset(chr(c) for c in range(ord("0"), ord("9") + 1))
ASCII = frozenset(PRINTABLE)
SPECIAL = ASCII - UPPER - LOWER - DIGIT
PUNCTUATION = SPECIAL - {" "}
NAMED = {"upper": UPPER, "lower": LOWER, "digit": DIGIT, "special": SPECIAL}
WHITESPACE = " \f\n\r\t"
UNICODE = "unicode"  # the set of every character


class RulesError(Exception):
    def __init__(self, code, pos, text):
        before = text[:pos]
        self.code, self.line = code, before.count("\n") + 1
        self.column = len(before.split("\n")[-1]) + 1
        super().__init__(f"{code} at {self.line}:{self.column}")


# --- Reading ------------------------------------------------------------------------

def read(text):
    """The properties of `text`: (name, value) with value None when empty or 0."""
    i, n, out = 0, len(text), []

    def skip(i):
        while i < n and text[i] in WHITESPACE:
            i += 1
        return i

    def ident(i):
        j = i
        while j < n and (text[j].isascii() and text[j].isalpha() or text[j] == "-"):
            j += 1
        return text[i:j], j

    def custom(i):
        start, i = i, i + 1
        first, chars, bracket = i, set(), None
        while i < n:
            c = text[i]
            if not (" " <= c <= "~"):
                i += 1
                continue
            if c == "-" and i > first:
                raise RulesError("PASSWORD_RULES_CLASS_DASH", i, text)
            i += 1
            if c == "]":
                bracket = i - 1
                break
            chars.add(c)
        if bracket is None:
            raise RulesError("PASSWORD_RULES_CLASS_UNTERMINATED", start, text)
        if i < n and text[i] == "]":
            chars.add("]")
            bracket, i = i, i + 1
        if i < n and not (text[i] in WHITESPACE or text[i] in ",;"):
            raise RulesError("PASSWORD_RULES_CLASS_BRACKET", i if text[i] == "]" else bracket, text)
        if not chars:
            raise RulesError("PASSWORD_RULES_CLASS_EMPTY", start, text)
        return ("chars", frozenset(chars)), i

    def classes(i):
        values = []
        while True:
            if i < n and (text[i].isascii() and text[i].isalpha() or text[i] == "-"):
                name, j = ident(i)
                low = name.lower()
                if low in NAMED:
                    values.append(("chars", NAMED[low]))
                elif low in ("ascii-printable", "unicode"):
                    values.append(("whole", low))
                else:
                    raise RulesError("PASSWORD_RULES_UNKNOWN_CLASS", i, text)
                i = j
            elif i < n and text[i] == "[":
                value, i = custom(i)
                values.append(value)
            else:
                raise RulesError("PASSWORD_RULES_SYNTAX", i, text)
            i = skip(i)
            if i >= n or text[i] == ";":
                return values, i
            if text[i] != ",":
                raise RulesError("PASSWORD_RULES_SYNTAX", i, text)
            i = skip(i + 1)

    def number(i):
        if i >= n or not text[i].isdigit():
            raise RulesError("PASSWORD_RULES_NUMBER", i, text)
        j = i
        while j < n and text[j].isdigit():
            j += 1
        if j < n and text[j] != ";":
            raise RulesError("PASSWORD_RULES_NUMBER", j, text)
        if int(text[i:j]) > 2**32 - 1:
            raise RulesError("PASSWORD_RULES_NUMBER", i, text)
        return int(text[i:j]), j

    i = skip(i)
    while i < n:
        if not (text[i].isascii() and text[i].isalpha() or text[i] == "-"):
            raise RulesError("PASSWORD_RULES_SYNTAX", i, text)
        name, j = ident(i)
        if name not in ("minlength", "maxlength", "required", "allowed", "max-consecutive"):
            raise RulesError("PASSWORD_RULES_UNKNOWN_PROPERTY", i, text)
        if j >= n or text[j] != ":":
            raise RulesError("PASSWORD_RULES_SYNTAX", j, text)
        i = skip(j + 1)
        if i >= n or text[i] == ";":
            value = None
        elif name in ("required", "allowed"):
            value, i = classes(i)
        else:
            value, i = number(i)
            value = value or None
        out.append((name, value))
        i = skip(i)
        if i < n and text[i] == ";":
            i = skip(i + 1)
    return out


def canonical(values):
    """The first `unicode`/`ascii-printable` named, else the union of the characters."""
    for kind, v in values:
        if kind == "whole":
            return UNICODE if v == "unicode" else ASCII
    chars = frozenset().union(*(v for _, v in values))
    return chars


def parse(text):
    rules = {"min_length": None, "max_length": None, "max_consecutive": None, "required": [], "allowed": ASCII}
    allowed = []
    for name, value in read(text):
        if value is None:
            continue
        if name == "minlength":
            rules["min_length"] = max(rules["min_length"] or 0, value)
        elif name == "maxlength":
            rules["max_length"] = min(rules["max_length"] or value, value)
        elif name == "max-consecutive":
            rules["max_consecutive"] = min(rules["max_consecutive"] or value, value)
        elif name == "required":
            group = canonical(value)
            rules["required"].append(group)
            # As a value of the merged list: a whole set stays a named one.
            allowed.append(("whole", "unicode") if group == UNICODE else
                           ("whole", "ascii-printable") if group == ASCII else ("chars", group))
        else:
            allowed.extend(value)
    if allowed:
        rules["allowed"] = canonical(allowed)
    return rules


# --- Writing ------------------------------------------------------------------------

def class_text(chars):
    if chars == UNICODE:
        return "unicode"
    if chars == ASCII:
        return "ascii-printable"
    parts, rest = [], set(chars)
    for name in ("upper", "lower", "digit", "special"):
        if NAMED[name] <= chars:
            parts.append(name)
            rest -= NAMED[name]
    if rest or not parts:
        body = ("-" if "-" in rest else "") + "".join(sorted(rest - {"-", "]"})) + ("]" if "]" in rest else "")
        parts.append(f"[{body}]")
    return ", ".join(parts)


def is_whole(chars):
    return chars == UNICODE or chars == ASCII


def text_of(rules):
    parts = []
    if rules["min_length"]:
        parts.append(f"minlength: {rules['min_length']};")
    if rules["max_length"]:
        parts.append(f"maxlength: {rules['max_length']};")
    allowed = rules["allowed"]
    first_whole = next((g for g in rules["required"] if is_whole(g)), None)
    allowed_first = is_whole(allowed) and first_whole is not None and first_whole != allowed
    if allowed_first:
        parts.append(f"allowed: {class_text(allowed)};")
    in_groups = set()
    for g in rules["required"]:
        parts.append(f"required: {class_text(g)};")
        in_groups |= ASCII if g == UNICODE else g
    if is_whole(allowed) and not allowed_first:
        parts.append(f"allowed: {class_text(allowed)};")
    elif not is_whole(allowed) and allowed - in_groups:
        parts.append(f"allowed: {class_text(frozenset(allowed - in_groups))};")
    if rules["max_consecutive"]:
        parts.append(f"max-consecutive: {rules['max_consecutive']};")
    return " ".join(parts)


def set_text(chars):
    return "unicode" if chars == UNICODE else "".join(sorted(chars))


def policy_spec(rules):
    """The policy keys the rules become (those not at their default)."""
    ascii_allowed = rules["allowed"] != UNICODE
    spec = {}
    if rules["min_length"]:
        spec["min_length"] = rules["min_length"]
    if rules["max_length"]:
        spec["max_length"] = rules["max_length"]
    if rules["max_consecutive"]:
        spec["max_repeat"] = rules["max_consecutive"]
    if ascii_allowed:
        spec["allowed_characters"] = set_text(rules["allowed"])
    groups = []
    for g in rules["required"]:
        if g == UNICODE:
            spec["min_length"] = max(spec.get("min_length", 0), 1)
            continue
        key = {LOWER: "min_lower", UPPER: "min_upper", DIGIT: "min_digits", PUNCTUATION: "min_symbols"}.get(g)
        if key and ascii_allowed:
            spec[key] = 1
        elif set_text(g) not in groups:
            groups.append(set_text(g))
    if groups:
        spec["required_characters"] = groups
    return spec


def policy_error(spec):
    """The POLICY_* code Policy::new gives these keys, if any."""
    lo, hi = spec.get("min_length", 0), spec.get("max_length")
    if hi is not None and lo > hi:
        return "POLICY_LENGTH_RANGE"
    minimums = sum(spec.get(k, 0) for k in ("min_lower", "min_upper", "min_digits", "min_symbols"))
    if hi is not None and minimums > hi:
        return "POLICY_MINIMUMS_ABOVE_MAXIMUM"
    return None


def written(spec):
    """What the policy of `spec` writes back: classes first, then the other groups."""
    allowed = frozenset(spec["allowed_characters"]) if "allowed_characters" in spec else UNICODE
    pool = ASCII if allowed == UNICODE else allowed
    groups = []
    for key, members in (("min_lower", LOWER), ("min_upper", UPPER), ("min_digits", DIGIT), ("min_symbols", PUNCTUATION)):
        if spec.get(key):
            groups.append(frozenset(members & pool))
    for g in spec.get("required_characters", []):
        g = frozenset(g) & pool
        if g not in groups:
            groups.append(g)
    if allowed == UNICODE and any(g == ASCII for g in groups):
        allowed = ASCII
    return text_of({"min_length": spec.get("min_length"), "max_length": spec.get("max_length"),
                    "max_consecutive": spec.get("max_repeat"), "required": groups, "allowed": allowed})


# --- Counting -----------------------------------------------------------------------

def accepts(rules, password):
    n = len(password)
    if rules["min_length"] and n < rules["min_length"] or rules["max_length"] and n > rules["max_length"]:
        return False
    if rules["allowed"] != UNICODE and any(c not in rules["allowed"] for c in password):
        return False
    for g in rules["required"]:
        if g != UNICODE and not any(c in g for c in password) or g == UNICODE and not password:
            return False
    run, longest = 0, 0
    for i, c in enumerate(password):
        run = run + 1 if i and password[i - 1] == c else 1
        longest = max(longest, run)
    return not rules["max_consecutive"] or longest <= rules["max_consecutive"]


def count(rules, length, excluded=""):
    """Passwords of `length` the rules accept over their characters without a space."""
    alphabet = [c for c in PRINTABLE if c != " " and c not in excluded
                and (rules["allowed"] == UNICODE or c in rules["allowed"])]
    groups = [g for g in rules["required"] if g != UNICODE]
    atoms = {}
    for c in alphabet:
        mask = sum(1 << j for j, g in enumerate(groups) if c in g)
        atoms[mask] = atoms.get(mask, 0) + 1
    atoms = sorted(atoms.items())
    limit = rules["max_consecutive"] or length
    full = (1 << len(groups)) - 1

    @lru_cache(maxsize=None)
    def ways(left, mask, last, run):
        # Strings of `left` more characters after one of atom `last` in a run of `run`.
        if left == 0:
            return 1 if mask == full else 0
        total = 0
        for a, (m, size) in enumerate(atoms):
            other = size - (1 if a == last else 0)
            if other:
                total += other * ways(left - 1, mask | m, a, 1)
            if a == last and run < limit:
                total += ways(left - 1, mask, a, run + 1)
        return total

    return ways(length, 0, -1, 0)


# --- Cases --------------------------------------------------------------------------

PARSE = [
    ("the issue's example",
     "minlength: 20; maxlength: 64; required: lower; required: upper; required: digit; "
     "required: [-().&@?'#,/\"+]; allowed: ascii-printable; max-consecutive: 2;"),
    ("no rules", ""),
    ("whitespace only", " \t\n "),
    ("largest minlength, smallest maxlength and max-consecutive",
     "minlength: 8; maxlength: 40; minlength: 12; maxlength: 30; max-consecutive: 4; max-consecutive: 3"),
    ("zero and empty values are ignored", "minlength: 0; maxlength: ; max-consecutive: 0; required: ;"),
    ("a group is one requirement", "required: upper, digit"),
    ("two groups are two", "required: upper; required: digit"),
    ("groups keep their order and repeats", "required: digit; required: lower; required: digit"),
    ("allowed adds to the groups", "required: upper; allowed: lower, [-_.]"),
    ("allowed lists merge", "allowed: lower; allowed: digit; allowed: [!]"),
    ("class names in any case", "required: UPPER, Digit; allowed: Ascii-Printable"),
    ("whitespace around values", "required:lower ,\tupper ;\nallowed:digit"),
    ("whole classes are named", "allowed: [abcdefghijklmnopqrstuvwxyz], [0]"),
    ("four classes are ascii-printable", "required: upper, lower, digit, special"),
    ("special holds the space", "required: special"),
    ("the first unicode or ascii-printable wins", "allowed: unicode; allowed: ascii-printable"),
    ("ascii-printable first", "allowed: ascii-printable; allowed: unicode"),
    ("a required ascii-printable hides a later unicode", "required: ascii-printable; allowed: unicode"),
    ("an earlier unicode stays", "allowed: unicode; required: ascii-printable"),
    ("a unicode group is any one character", "allowed: ascii-printable; required: unicode"),
    ("unicode with classes", "required: lower; required: digit; allowed: unicode"),
    ("dash first", "required: [-a]"),
    ("bracket last", "required: [ab]]"),
    ("only a bracket", "allowed: []]"),
    ("dash and bracket", "allowed: [-]]"),
    ("non-ascii characters in a class are ignored", "allowed: [aé\tb€]"),
    ("separators inside a class", "allowed: [;,:]"),
    ("trailing semicolon and space", "minlength: 8;  "),
    ("no trailing semicolon", "maxlength: 16"),
    ("leading zeros", "minlength: 0012"),
    ("minlength above maxlength parses", "minlength: 20; maxlength: 10"),
    ("more classes than maxlength", "maxlength: 2; required: lower; required: upper; required: digit"),
]

ERRORS = [
    ("property names are lowercase", "MinLength: 8", "PASSWORD_RULES_UNKNOWN_PROPERTY", 1, 1),
    ("unknown property", "minlength: 8; min-length: 9", "PASSWORD_RULES_UNKNOWN_PROPERTY", 1, 15),
    ("newer property names are unknown", "max-repeating: 2", "PASSWORD_RULES_UNKNOWN_PROPERTY", 1, 1),
    ("unknown class", "required: uppercase", "PASSWORD_RULES_UNKNOWN_CLASS", 1, 11),
    ("no colon", "minlength 8", "PASSWORD_RULES_SYNTAX", 1, 10),
    ("space before the colon", "minlength : 8", "PASSWORD_RULES_SYNTAX", 1, 10),
    ("name alone", "minlength", "PASSWORD_RULES_SYNTAX", 1, 10),
    ("leading semicolon", "; minlength: 8", "PASSWORD_RULES_SYNTAX", 1, 1),
    ("two semicolons", "minlength: 8;; maxlength: 9", "PASSWORD_RULES_SYNTAX", 1, 14),
    ("comma between properties", "required: upper, required: digit", "PASSWORD_RULES_UNKNOWN_CLASS", 1, 18),
    ("trailing comma", "required: upper,", "PASSWORD_RULES_SYNTAX", 1, 17),
    ("comma then semicolon", "required: upper,;", "PASSWORD_RULES_SYNTAX", 1, 17),
    ("classes without a comma", "required: upper lower", "PASSWORD_RULES_SYNTAX", 1, 17),
    ("a number as a class", "required: 8", "PASSWORD_RULES_SYNTAX", 1, 11),
    ("space before a semicolon after a number", "maxlength: 16 ;", "PASSWORD_RULES_NUMBER", 1, 14),
    ("negative number", "minlength: -1", "PASSWORD_RULES_NUMBER", 1, 12),
    ("fraction", "minlength: 8.5", "PASSWORD_RULES_NUMBER", 1, 13),
    ("word for a number", "minlength: eight", "PASSWORD_RULES_NUMBER", 1, 12),
    ("number above 32 bits", "maxlength: 4294967296", "PASSWORD_RULES_NUMBER", 1, 12),
    ("a dash inside a class", "allowed: [a-z]", "PASSWORD_RULES_CLASS_DASH", 1, 12),
    ("a dash after an ignored character", "allowed: [é-]", "PASSWORD_RULES_CLASS_DASH", 1, 12),
    ("a bracket inside a class", "allowed: [ab]c]", "PASSWORD_RULES_CLASS_BRACKET", 1, 13),
    ("three brackets", "allowed: [a]]]", "PASSWORD_RULES_CLASS_BRACKET", 1, 14),
    ("unterminated class", "allowed: [abc", "PASSWORD_RULES_CLASS_UNTERMINATED", 1, 10),
    ("a lone bracket", "allowed: [", "PASSWORD_RULES_CLASS_UNTERMINATED", 1, 10),
    ("an empty class", "required: []", "PASSWORD_RULES_CLASS_EMPTY", 1, 11),
    ("a class of ignored characters", "required: [é]; minlength: 8", "PASSWORD_RULES_CLASS_EMPTY", 1, 11),
    ("lines are counted", "minlength: 8;\n  required: foo", "PASSWORD_RULES_UNKNOWN_CLASS", 2, 13),
]

# (name, rules, options, seed, count)
GENERATE = [
    ("the issue's example", PARSE[0][1], {}, 1, 4),
    ("classes only, structural", "minlength: 16; required: lower; required: upper; required: digit; required: special", {}, 2, 4),
    ("a union group", "minlength: 12; maxlength: 12; required: upper, digit; allowed: lower", {}, 3, 4),
    ("custom groups as classes", "minlength: 10; required: [!#$%&*@^]; required: upper; allowed: lower, digit", {}, 4, 4),
    ("max-consecutive over digits", "minlength: 8; maxlength: 8; allowed: digit; max-consecutive: 1", {}, 5, 4),
    ("overlapping groups by rejection", "minlength: 6; required: [abc]; required: [cde]; allowed: [xyz]; max-consecutive: 2", {}, 6, 4),
    ("five groups", "minlength: 14; required: lower; required: upper; required: digit; required: [!@]; required: [#$]; allowed: [%]", {}, 7, 3),
    ("no rules", "", {}, 8, 3),
    ("unicode allowed", "minlength: 14; required: lower; required: digit; allowed: unicode", {}, 9, 3),
    ("a longer length", "minlength: 8; maxlength: 64; required: upper; required: digit", {"length": 24}, 10, 3),
    ("look-alikes excluded", "minlength: 12; required: lower; required: upper; required: digit", {"avoid_ambiguous": True}, 11, 3),
    ("characters excluded", "minlength: 10; allowed: [abcdef]", {"exclude": "ab"}, 12, 3),
]

# Errors of building or generating. "a class option with rules" is refused by the CLI's
# argument parser before the core sees it (a usage error without a code).
CLI_REFUSES = {"a class option with rules"}
GENERATE_ERRORS = [
    ("length below the rules", "minlength: 12; required: lower", {"length": 8}, "SETTINGS_BELOW_POLICY"),
    ("length above the rules", "maxlength: 10; required: lower", {"length": 12}, "SETTINGS_BELOW_POLICY"),
    ("a class option with rules", "minlength: 12", {"lower": 2}, "PASSWORD_RULES_OPTION"),
    ("minlength above maxlength", "minlength: 20; maxlength: 10", {}, "POLICY_LENGTH_RANGE"),
    ("only a space to draw", "required: [ ]", {}, "SETTINGS_BELOW_POLICY"),
    ("max-consecutive too rare", "minlength: 64; allowed: [ab]; max-consecutive: 1", {}, "POLICY_ACCEPTANCE_TOO_LOW"),
    ("a rules syntax error", "required: upper,", {}, "PASSWORD_RULES_SYNTAX"),
]

WRITE = [
    ("every character: unicode, a class is stricter",
     {"min_length": 12, "min_digits": 1, "max_repeat": 3},
     "minlength: 12; required: digit; allowed: unicode; max-consecutive: 3;",
     [("min_digits", "stricter")]),
    ("a count above one is looser",
     {"min_length": 12, "min_lower": 2, "allowed_characters": "".join(sorted(LOWER | DIGIT))},
     "minlength: 12; required: lower; allowed: digit;",
     [("min_lower", "looser")]),
    ("an ASCII policy is exact",
     {"min_length": 8, "max_length": 64, "min_symbols": 1,
      "allowed_characters": "".join(c for c in PRINTABLE if c not in "<>")},
     "minlength: 8; maxlength: 64; required: [-!\"#$%&'()*+,./:;=?@[\\^_`{|}~]]; allowed: upper, lower, digit, [ ];",
     []),
    ("forbidden characters list the rest",
     {"forbidden_characters": "\"'\\ "},
     "allowed: upper, lower, digit, [-!#$%&()*+,./:;<=>?@[^_`{|}~]];",
     [("forbidden_characters", "stricter")]),
    ("N of 5 becomes further classes",
     {"min_upper": 1, "min_categories": 3, "allowed_characters": "abcXYZ!?"},
     "required: [XYZ]; required: [abc]; required: [!?];",
     [("min_categories", "stricter")]),
    ("rules the language lacks",
     {"min_length": 15, "no_symbol_at_ends": True, "sequence_length": 3, "strength_check": "'[0-9]'",
      "forbidden_patterns": ["^a"], "forbid_username": True, "forbid_display_name": True,
      "forbid_email": True, "forbidden_words": ["acme"], "blocklist": True, "history": 5},
     "minlength: 15; allowed: unicode;",
     [("no_symbol_at_ends", "looser"), ("sequence_length", "looser"), ("strength_check", "looser"),
      ("forbidden_patterns", "looser"), ("forbid_username", "looser"), ("forbid_display_name", "looser"),
      ("forbid_email", "looser"), ("forbidden_words", "looser"), ("blocklist", "looser"), ("history", "looser")]),
    ("non-ASCII requirements",
     {"min_upper": 1, "required_characters": ["äö", "ü!"], "allowed_characters": "aäöü!"},
     "required: [!]; allowed: [a];",
     [("allowed_characters", "stricter"), ("min_upper", "looser"), ("required_characters", "looser"),
      ("required_characters", "stricter")]),
    ("Active Directory complexity",
     {"ad": {"minPwdLength": 8, "pwdProperties": 1}},
     "minlength: 8; maxlength: 256; required: lower; required: upper; required: digit; allowed: unicode;",
     [("min_categories", "stricter"), ("length_unit", "looser"), ("forbid_username", "looser"),
      ("forbid_display_name", "looser")]),
    ("ppolicy bytes with ASCII characters are exact",
     {"allowed_characters": "".join(sorted(LOWER | DIGIT)), "min_digits": 1,
      "ppolicy": {"pwdMinLength": 10, "pwdMaxLength": 40, "pwdCheckQuality": 2}},
     "minlength: 10; maxlength: 40; required: digit; allowed: lower;",
     []),
    ("required characters become groups",
     {"required_characters": ["0123456789ABCDEF", "!?"], "allowed_characters": "".join(sorted(UPPER | DIGIT | {"!", "?"}))},
     "required: digit, [ABCDEF]; required: [!?]; allowed: [GHIJKLMNOPQRSTUVWXYZ];",
     []),
]

# Domains of quirks/password-rules.json covering the constructs: union groups, custom
# classes with '-', ']' and quotes, max-consecutive, allowed lists, unicode, and
# minlength = maxlength.
REAL_WORLD = [
    "163.com", "1800flowers.com", "access.service.gov.uk", "account.samsung.com", "acmemarkets.com",
    "activision.com", "admiral.com", "aeon.co.jp", "aetna.com", "airasia.com", "ajisushionline.com",
    "aliexpress.com", "alliantcreditunion.com", "allianz.com.br", "americanexpress.com", "amundi-ee.com",
    "anthem.com", "apple.com", "aqara.com", "areariservata.bancaetica.it", "astonmartinf1.com",
    "autify.com", "axa.de", "bankofamerica.com", "battle.net", "belkin.com", "benjerry.com",
    "bestbuy.com", "bhphotovideo.com", "billerweb.com", "bitly.com", "bkvenergy.com", "box.com",
    "capitalone.com", "carmax.com", "verizonwireless.com", "zoom.us",
]


def frozen(args):
    out = subprocess.run([str(CLI), *args], capture_output=True, text=True)
    return out


def cli_args(rules, options):
    args = ["generate", "--rules", rules]
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            args.append(flag)
        else:
            args += [flag, str(value)]
    return args


def derived_length(rules, options):
    if "length" in options:
        return options["length"]
    if rules["min_length"]:
        return rules["min_length"]
    return min(12, rules["max_length"] or 12)


def parse_case(name, text):
    rules = parse(text)
    case = {
        "name": name,
        "rules": text,
        "normalized": text_of(rules),
        "min_length": rules["min_length"],
        "max_length": rules["max_length"],
        "max_consecutive": rules["max_consecutive"],
        "required": [set_text(g) for g in rules["required"]],
        "allowed": set_text(rules["allowed"]),
    }
    spec = policy_spec(rules)
    error = policy_error(spec)
    if error:
        case["policy_error"] = error
    else:
        case["policy"] = spec
        case["written"] = written(spec)
        # Exact but where a group of every ASCII character would hide `allowed: unicode`.
        case["written_exact"] = not (rules["allowed"] == UNICODE and ASCII in rules["required"])
    # The canonical text reads back the same.
    assert parse(case["normalized"]) == rules, name
    return case


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quirks", required=True, type=pathlib.Path,
                        help=f"quirks/password-rules.json of apple/password-manager-resources at {REFERENCE_COMMIT}")
    args = parser.parse_args()
    quirks = json.loads(args.quirks.read_text(encoding="utf-8"))

    errors = []
    for name, text, code, line, column in ERRORS:
        try:
            parse(text)
        except RulesError as e:
            assert (e.code, e.line, e.column) == (code, line, column), (name, e)
        else:
            raise AssertionError(f"{name}: {text!r} parsed")
        errors.append({"name": name, "rules": text, "error": code, "line": line, "column": column})

    generate = []
    for name, text, options, seed, n in GENERATE:
        rules = parse(text)
        length = derived_length(rules, options)
        excluded = options.get("exclude", "") + ("0Oo1Il|" if options.get("avoid_ambiguous") else "")
        valid = count(rules, length, excluded)
        out = frozen(cli_args(text, options) + ["--seed", str(seed), "--count", str(n), "--json"])
        if out.returncode != 0:
            sys.exit(f"{name}: {out.stderr}")
        got = json.loads(out.stdout)
        bits = got.get("entropy_bits_after_policy", got["entropy_bits"])
        if got["length"] != length or abs(bits - math.log2(valid)) > 1e-9:
            sys.exit(f"{name}: the CLI says length {got['length']}, {bits} bits; counted {length}, {math.log2(valid)}")
        for p in got["passwords"]:
            if not accepts(rules, p) or any(c in excluded or c == " " for c in p):
                sys.exit(f"{name}: {p!r} breaks its rules")
        generate.append({"name": name, "rules": text, "options": options, "seed": seed, "count": n,
                         "expect": {"passwords": got["passwords"], "length": length,
                                    "entropy_bits": math.log2(valid), "rejects": "policy_share" in got}})
    for name, text, options, code in GENERATE_ERRORS:
        out = frozen(cli_args(text, options) + ["--seed", "1"])
        prefix = "error: " if name in CLI_REFUSES else f"error: {code}: "
        if out.returncode != 2 or not out.stderr.splitlines()[-1].startswith(prefix):
            sys.exit(f"{name}: expected {code}, got {out.stderr}")
        generate.append({"name": name, "rules": text, "options": options, "seed": 1, "count": 1,
                         "expect": {"error": code}})

    write = [{"name": name, "policy": policy, "rules": rules,
              "unexpressed": [{"key": k, "effect": e} for k, e in unexpressed]}
             for name, policy, rules, unexpressed in WRITE]

    real_world = []
    for domain in REAL_WORLD:
        text = quirks[domain]["password-rules"]
        real_world.append(parse_case(domain, text))

    corpus = {
        "format": "passforge-vectors/password_rules/1",
        "reference": {"repository": "apple/password-manager-resources", "commit": REFERENCE_COMMIT,
                      "parser": "tools/PasswordRulesParser.js", "rules": "quirks/password-rules.json"},
        "parse": [parse_case(name, text) for name, text in PARSE],
        "errors": errors,
        "write": write,
        "generate": generate,
        "real_world": real_world,
    }
    OUT.write_text(json.dumps(corpus, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    total = sum(len(v) for v in corpus.values() if isinstance(v, list))
    print(f"wrote {OUT.relative_to(ROOT)}: {total} cases")


if __name__ == "__main__":
    main()
