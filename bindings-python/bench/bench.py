"""passforge against pure Python: generation (vs `secrets`) and policy validation (vs the
PyPI package ``password-strength``).

Settings: 16 characters, at least 8 lowercase, 4 uppercase, 2 digits, 2 symbols, from
the default 94-character alphabet. Both pure-Python generators are exactly uniform over
the passwords those settings allow, like passforge:

* ``rejection``: the recipe in the `secrets` documentation: draw 16 characters with
  ``secrets.choice`` and start over until the minimums hold. Uniform, but only about 1 in
  700 draws has 8 lowercase letters, so it is very slow.
* ``weighted``: pick the class composition (how many of each class) with probability
  proportional to the number of passwords that have it, fill each class with
  ``secrets.choice``, then shuffle with ``secrets.SystemRandom``. Uniform and the fastest
  correct pure-Python approach we know. (The common "take the minimums, fill the rest,
  shuffle" is faster still but biased, so it is not measured.)

The pure-Python generators run for at most ``--python-seconds`` each (the full million
would take about half a minute and over an hour); their rate is measured on what they
made in that time.

Validation: one password at a time against the policy ``password-strength`` can express,
``PasswordPolicy.from_names(length=12, uppercase=2, numbers=2, special=2, nonletters=2)``
(``nonletters`` follows from the numbers and specials), and against its passforge
equivalent ``Policy(min_length=12, min_upper=2, min_digits=2, min_symbols=2)``. The
passwords (``--validate-n``, half compliant, half failing one rule or more) are ASCII
without spaces, where both count classes alike; the bench checks that both give the same
verdict on every one. ``password-strength`` is not a test dependency: install it into the
venv by hand first (``.venv/bin/pip install password-strength``); without it only
passforge is timed.

Threads: the defaults, one ``generate_many(n)``, then two serially and two in two threads.

Run: python bindings-python/bench/bench.py [-n 1000000] [--python-seconds 5]
         [--validate-n 20000] [--only generate|validate|threads]
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import math
import secrets
import string
import threading
import time
from collections.abc import Callable
from types import ModuleType

import passforge

LENGTH = 16
MINIMUMS = (8, 4, 2, 2)  # lower, upper, digits, symbols
CLASSES = (
    string.ascii_lowercase,
    string.ascii_uppercase,
    string.digits,
    passforge.DEFAULT_SYMBOLS,
)
ALPHABET = "".join(CLASSES)


def meets_minimums(password: str) -> bool:
    counts = [sum(c in cls for c in password) for cls in CLASSES]
    return all(n >= m for n, m in zip(counts, MINIMUMS))


def rejection() -> str:
    while True:
        password = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if meets_minimums(password):
            return password


def _compositions() -> tuple[list[tuple[int, ...]], list[int]]:
    """Every class composition that meets the minimums, and how many passwords have it."""
    comps, weights = [], []
    for counts in itertools.product(range(LENGTH + 1), repeat=len(CLASSES)):
        if sum(counts) != LENGTH or any(n < m for n, m in zip(counts, MINIMUMS)):
            continue
        arrangements = math.factorial(LENGTH)
        for n in counts:
            arrangements //= math.factorial(n)
        weight = arrangements * math.prod(len(cls) ** n for cls, n in zip(CLASSES, counts))
        comps.append(counts)
        weights.append(weight)
    return comps, weights


COMPOSITIONS, WEIGHTS = _compositions()
CUMULATIVE = list(itertools.accumulate(WEIGHTS))
TOTAL = CUMULATIVE[-1]
_sysrand = secrets.SystemRandom()


def weighted() -> str:
    r = secrets.randbelow(TOTAL)
    counts = COMPOSITIONS[next(i for i, c in enumerate(CUMULATIVE) if r < c)]
    chars = [secrets.choice(cls) for cls, n in zip(CLASSES, counts) for _ in range(n)]
    _sysrand.shuffle(chars)
    return "".join(chars)


def python_rate(make: Callable[[], str], limit: int, seconds: float) -> tuple[int, float]:
    made = 0
    start = time.perf_counter()
    deadline = start + seconds
    while made < limit and time.perf_counter() < deadline:
        for _ in range(100):
            make()
        made += 100
    return made, time.perf_counter() - start


def validation_passwords(n: int) -> list[str]:
    """Half compliant (16 characters, 2 of each class), half failing: too short, no
    uppercase, no digits or symbols, or all of these."""
    gen = passforge.Generator(length=16, lower=2, upper=2, digits=2, symbols=2)
    good = gen.generate_many(n - n // 2, seed_for_tests=1)
    spoilers: list[Callable[[str], str]] = [
        lambda p: p[:10],
        str.lower,
        lambda p: "".join(c for c in p if c.isalpha()),
        lambda p: p[:8].lower(),
    ]
    bad = [spoilers[i % len(spoilers)](p) for i, p in enumerate(gen.generate_many(n // 2))]
    passwords = good + bad
    _sysrand.shuffle(passwords)
    return passwords


def best_per_call(check: Callable[[str], object], passwords: list[str], repeat: int) -> float:
    """Seconds per call, best of `repeat` passes over `passwords`."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        for p in passwords:
            check(p)
        best = min(best, time.perf_counter() - start)
    return best / len(passwords)


def bench_validate(n: int, repeat: int) -> None:
    policy = passforge.Policy(min_length=12, min_upper=2, min_digits=2, min_symbols=2)
    passwords = validation_passwords(n)
    print(f"validate: {n:_} passwords, {sum(map(policy.is_compliant, passwords)):_} compliant")
    pf = best_per_call(policy.validate, passwords, repeat)
    print(f"passforge Policy.validate: {pf * 1e6:.3f} us per password")
    pf_bool = best_per_call(policy.is_compliant, passwords, repeat)
    print(f"passforge Policy.is_compliant: {pf_bool * 1e6:.3f} us per password")
    try:
        ps: ModuleType | None = importlib.import_module("password_strength")
    except ImportError:
        ps = None
    if ps is None:
        print("password-strength is not installed: pip install password-strength to compare")
        return
    theirs = ps.PasswordPolicy.from_names(
        length=12, uppercase=2, numbers=2, special=2, nonletters=2
    )
    for p in passwords:
        assert (not theirs.test(p)) == bool(policy.validate(p)), p
    other = best_per_call(theirs.test, passwords, repeat)
    print(
        f"password-strength PasswordPolicy.test: {other * 1e6:.3f} us per password; "
        f"passforge validate is {other / pf:,.1f}x faster"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000)
    parser.add_argument("--python-seconds", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3, help="passforge runs; best is kept")
    parser.add_argument("--validate-n", type=int, default=20_000)
    parser.add_argument("--only", choices=("generate", "validate", "threads"))
    args = parser.parse_args()

    if args.only in (None, "threads"):
        bench_threads(args)
    if args.only in (None, "generate"):
        bench_generate(args)
    if args.only in (None, "validate"):
        bench_validate(args.validate_n, args.repeat)


def bench_threads(args: argparse.Namespace) -> None:
    """The defaults (12 characters, 6/2/2/2): one generate_many(n), then two of them
    serially and in two threads (the GIL is released while each chunk is generated).
    The lists are kept until the clock stops: freeing them is the caller's business."""
    gen = passforge.Generator()
    kept: list[list[str]] = []

    def batch() -> None:
        out = gen.generate_many(args.n)
        assert len(out) == args.n
        kept.append(out)

    def best(run: Callable[[], None]) -> float:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
            kept.clear()
        return min(times)

    def two_threads() -> None:
        threads = [threading.Thread(target=batch) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def serially() -> None:
        batch()
        batch()

    one = best(batch)
    serial = best(serially)
    parallel = best(two_threads)
    print(f"defaults: generate_many({args.n:_}): {one:.3f} s (best of {args.repeat})")
    print(
        f"defaults: two batches serially {serial:.3f} s, in two threads {parallel:.3f} s: "
        f"{parallel / serial:.2f} of the serial time"
    )


def bench_generate(args: argparse.Namespace) -> None:
    gen = passforge.Generator(length=LENGTH, lower=8, upper=4, digits=2, symbols=2)
    assert gen.password_count == TOTAL, "the pure-Python generators count the same set"
    print(f"settings: {LENGTH} chars, minimums {MINIMUMS}, {gen.entropy_bits:.2f} bits")

    best = math.inf
    for _ in range(args.repeat):
        start = time.perf_counter()
        out = gen.generate_many(args.n)
        best = min(best, time.perf_counter() - start)
        assert len(out) == args.n and all(meets_minimums(p) for p in out[:1000])
        del out
    pf_rate = args.n / best
    print(f"passforge generate_many({args.n:_}): {best:.3f} s, {pf_rate:,.0f} passwords/s")

    start = time.perf_counter()
    calls = min(args.n, 100_000)
    for _ in range(calls):
        gen.generate()
    one = calls / (time.perf_counter() - start)
    print(f"passforge generate() x {calls:_}: {one:,.0f} passwords/s")

    for name, make in (("weighted", weighted), ("rejection", rejection)):
        made, took = python_rate(make, args.n, args.python_seconds)
        rate = made / took
        note = "" if made >= args.n else f" (measured on {made:_} in {took:.1f} s)"
        print(
            f"pure-Python secrets {name}: {rate:,.0f} passwords/s{note}; "
            f"passforge is {pf_rate / rate:,.0f}x faster"
        )
        assert all(meets_minimums(make()) for _ in range(10))


if __name__ == "__main__":
    main()
