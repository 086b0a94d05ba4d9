"""passforge.Generator.generate_many against pure-Python generators built on `secrets`.

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

Comparison with the ``password-strength`` package is left for when policies exist.

Run: python bindings-python/bench/bench.py [-n 1000000] [--python-seconds 5]
"""

from __future__ import annotations

import argparse
import itertools
import math
import secrets
import string
import time
from collections.abc import Callable

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000)
    parser.add_argument("--python-seconds", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3, help="passforge runs; best is kept")
    args = parser.parse_args()

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
