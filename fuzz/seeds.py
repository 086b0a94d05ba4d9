#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets that read text into fuzz/corpus/<target>/.

    python3 fuzz/seeds.py [target ...]     (scripts/fuzz-smoke.sh runs it)

Seeds come from the files the project already has (examples/*.toml, tests/vectors/,
the README's PSO example) plus a few 64 KiB inputs, so they never drift from them and
nothing binary is committed: fuzz/corpus/ is git-ignored. Running it again rewrites the
same files (each is named by the SHA-1 of its bytes, as libFuzzer names its own).

Each of these targets takes an `arbitrary` enum whose first variant is text, so a seed
is the 4 bytes that choose variant 0, the variant's one-byte selector when it has one,
then the text (the last field takes the rest of the input).
"""

import hashlib
import json
import pathlib
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
LONG = 64 * 1024

# Real Argon2id PHC strings (m=64, t=1, p=1, the salt "passforge-seed-1") of the
# normalised answers "miss piggy" and "strasse", made with the argon2 crate directly.
PHC_MISS_PIGGY = (
    "$argon2id$v=19$m=64,t=1,p=1$"
    "cGFzc2ZvcmdlLXNlZWQtMQ$IwTIqTOhWo/+Pu9DpsZxEfUzqXZGxEO7nTdnqrcsdvQ"
)
PHC_STRASSE = (
    "$argon2id$v=19$m=64,t=1,p=1$"
    "cGFzc2ZvcmdlLXNlZWQtMQ$Ndxqx372SvTsTqprBqLQ0l250eX/RHBx2O9vAnCRKvo"
)


def variant0() -> bytes:
    """The bytes `arbitrary` reads to choose an enum's first variant."""
    return b"\0\0\0\0"


def text_seed(text: str, selector: int | None = None) -> bytes:
    head = variant0() + (bytes([selector]) if selector is not None else b"")
    return head + text.encode("utf-8")


def vectors(name: str) -> dict:
    return json.loads((ROOT / "tests" / "vectors" / f"{name}.json").read_text("utf-8"))


def example(name: str) -> dict:
    return tomllib.loads((ROOT / "examples" / name).read_text("utf-8"))


def ldap(value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def security_answer() -> list[bytes]:
    answers = [a["input"] for a in vectors("tokens")["answers"]]
    stored = [
        PHC_MISS_PIGGY,
        PHC_STRASSE,
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2d$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=64,t=1,p=1,keyid=AAAA$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        # Issue 14's abort (m = 2^32 - 1) and slow t: the harness skips these until the
        # core bounds them; then they are the first inputs to try.
        "$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=8,t=1000000,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "",
    ]
    seeds = [text_seed(f"{s}\n{a}") for s in stored[:2] for a in answers]
    seeds += [text_seed(f"{s}\nMiss Piggy") for s in stored[2:]]
    seeds.append(text_seed(f"{PHC_MISS_PIGGY}\n" + "a" * LONG))
    seeds.append(text_seed("$argon2id$v=19$m=64,t=1,p=1$" + "A" * LONG + "\nx"))
    return seeds


def one_time_code() -> list[bytes]:
    settings = [
        {},
        {"digits": 6, "lifetime_seconds": 600, "max_sends": 5},
        {"digits": 10, "min_seconds_between_sends": 0},
        {"digits": 3},
        {"send_window_seconds": 60, "min_seconds_between_sends": 120},
        {"unknown": 1},
    ]
    seeds = [text_seed(json.dumps(s), 1) for s in settings]
    seeds += [
        text_seed("".join(f"{k} = {v}\n" for k, v in s.items()), 0) for s in settings
    ]
    seeds.append(text_seed('{"digits": ' + "0" * LONG + "6}", 1))
    seeds.append(text_seed("digits = 6\n" + "#" * LONG, 0))
    return seeds


def time_parsing() -> list[bytes]:
    expiry = vectors("expiry")
    texts = [f["rfc3339"] for f in expiry["filetime"] if f.get("rfc3339")]
    for case in expiry["cases"]:
        texts += [v for v in (case.get("last_set"), case.get("now")) if v]
    texts += [
        "2024-02-29T13:00:00.5+01:00",
        "0000-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
        "1969-12-31T23:59:59.999999999Z",
        "2024-01-01T00:00:60Z",
        "2024-01-01t00:00:00z",
        "2024-01-01T00:00:00." + "9" * LONG + "Z",
    ]
    seeds = [text_seed(t, 0) for t in dict.fromkeys(texts)]
    ad = example("policy-ad.toml")["ad"]
    ppolicy = example("policy-ppolicy.toml")["ppolicy"]
    pso_names = {
        "minPwdLength": "msDS-MinimumPasswordLength",
        "pwdHistoryLength": "msDS-PasswordHistoryLength",
        "maxPwdAge": "msDS-MaximumPasswordAge",
        "minPwdAge": "msDS-MinimumPasswordAge",
        "lockoutThreshold": "msDS-LockoutThreshold",
        "lockoutDuration": "msDS-LockoutDuration",
        "lockOutObservationWindow": "msDS-LockoutObservationWindow",
    }
    seeds.append(text_seed("".join(f"{k}: {ldap(v)}\n" for k, v in ad.items()), 1))
    seeds.append(
        text_seed(
            "".join(f"{pso_names.get(k, k)}: {ldap(v)}\n" for k, v in ad.items())
            + "msDS-PasswordComplexityEnabled: TRUE\n",
            1,
        )
    )
    seeds.append(text_seed("".join(f"{k}: {ldap(v)}\n" for k, v in ppolicy.items()), 2))
    seeds.append(text_seed("maxPwdAge: -9223372036854775808\nminPwdLength: 256\n", 1))
    seeds.append(text_seed("minPwdLength: " + "0" * LONG + "7\n", 1))
    seeds.append(text_seed("pwdAttribute: " + "x" * LONG + "\n", 2))
    return seeds


def pso() -> list[bytes]:
    readme = (ROOT / "README.md").read_text("utf-8")
    docs = [
        block.split("```", 1)[0]
        for block in readme.split("```toml\n")[1:]
        if "[[pso]]" in block.split("```", 1)[0]
    ]
    ad = example("policy-ad.toml")["ad"]
    attributes = {f"msDS-{k}": str(v) for k, v in ad.items()}
    candidates = [
        {"name": "Admins", "precedence": 10, "link": "group",
         "object_guid": "00112233445566778899aabbccddeeff", "attributes": attributes},
        {"name": "Direct", "precedence": 50, "link": "direct",
         "attributes": {"msDS-MinimumPasswordLength": "8"}},
        {"precedence": 10, "link": "group", "object_guid": "FF" * 16},
    ]
    seeds = [text_seed(d, 0) for d in docs]
    seeds.append(text_seed(json.dumps({"pso": candidates}), 1))
    seeds.append(text_seed(json.dumps({"pso": candidates[:1], "name": "Admins",
                                       "index": 0, "ad": ad}), 1))
    toml = "".join(
        f'[[pso]]\nprecedence = {c["precedence"]}\nlink = "{c["link"]}"\n' for c in candidates
    )
    seeds.append(text_seed(toml, 0))
    entry = '[[pso]]\nprecedence = 1\nlink = "group"\n'
    seeds.append(text_seed(entry * (LONG // len(entry)), 0))
    seeds.append(text_seed(json.dumps({"pso": [{"name": "n" * LONG, "precedence": 1,
                                                 "link": "direct"}]}), 1))
    return seeds


def cli_input() -> list[bytes]:
    """Standard input and secret files as the CLI reads them. The selector is the mode:
    chunk size `mode % 8` (0: all at once), limit `mode // 8 % 4` (batch 64 MiB, one
    line, a 64 KiB file, 64 bytes)."""

    def seed(data: bytes, mode: int) -> bytes:
        return variant0() + bytes([mode]) + data

    tokens = vectors("tokens")
    texts = [c["token"] for c in tokens["time_tokens"][:4]]
    texts += [c["token"] for c in tokens["request_tokens"] if "token" in c][:4]
    texts += [PHC_MISS_PIGGY, PHC_STRASSE]
    passwords = [c["password"] for c in vectors("validate")["cases"] if "password" in c]
    seeds = []
    for mode in (0, 1, 3, 8, 17, 24):
        seeds += [seed(t.encode() + b"\n", mode) for t in texts]
        seeds.append(seed("\n".join(passwords).encode("utf-8"), mode))
        seeds.append(seed("\r\n".join(passwords[:20]).encode("utf-8") + b"\r\n", mode))
    for data in (b"", b"\n", b"\r\n", b"\r", b"\n\n", b"a\r\r\n", b"\xff\xfe\n", b"ok\n\xc3\n",
                 b"s3cret\n\n", "caf\u00e9\r\n".encode()):
        seeds += [seed(data, 0), seed(data, 1)]
    line = b"x" * LONG  # MAX_LINE_BYTES exactly
    for data in (line + b"\n", line + b"\r\n", line + b"y\n", line, line + b"\r",
                 line + b"\n" + line + b"\r\n", b"\xe2\x82" + line[2:] + b"\xac\n"):
        seeds += [seed(data, 0), seed(data, 1), seed(data, 9), seed(data, 18)]
    return seeds


def password_rules() -> list[bytes]:
    corpus = vectors("password_rules")
    texts = {c["rules"] for section in ("parse", "errors", "generate", "real_world")
             for c in corpus[section]}
    texts |= {c["normalized"] for c in corpus["parse"] + corpus["real_world"]}
    texts.add("minlength: 8; " * (LONG // 14))
    return [text_seed(t) for t in sorted(texts)]


TARGETS = {
    "password_rules": password_rules,
    "cli_input": cli_input,
    "security_answer": security_answer,
    "one_time_code": one_time_code,
    "time_parsing": time_parsing,
    "pso": pso,
}


def main(names: list[str]) -> None:
    for name in names or TARGETS:
        make = TARGETS.get(name)
        if make is None:
            continue  # a target that starts from an empty corpus
        out = CORPUS / name
        out.mkdir(parents=True, exist_ok=True)
        seeds = make()
        for seed in seeds:
            (out / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
        print(f"--- seeds: {len(seeds)} for {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
