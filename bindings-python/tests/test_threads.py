"""Long calls run without the GIL: generate_many, Argon2 hashing and verification."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import passforge


def test_python_runs_while_generate_many_runs() -> None:
    # Long passwords: generation dominates and the returned list is tiny, so the time
    # spent holding the GIL to build it is negligible.
    g = passforge.Generator(length=1024)
    n = 1
    while True:  # size the batch to take at least ~0.3 s on this machine
        start = time.perf_counter()
        g.generate_many(n)
        if time.perf_counter() - start > 0.1:
            break
        n *= 2
    n *= 3

    took: list[float] = []

    def work() -> None:
        start = time.perf_counter()
        g.generate_many(n)
        took.append(time.perf_counter() - start)

    worker = threading.Thread(target=work)
    # Timed from before start(): a call that holds the GIL can block start() itself.
    last = time.perf_counter()
    worker.start()
    longest_pause = 0.0
    while worker.is_alive():
        now = time.perf_counter()
        longest_pause = max(longest_pause, now - last)
        last = now
    worker.join()
    # Holding the GIL would freeze this loop for the whole call.
    assert longest_pause < took[0] / 3, (longest_pause, took[0])


def _longest_pause_while(work: Callable[[], object]) -> tuple[float, float]:
    """Runs `work` in a thread while this thread spins; returns the longest gap between
    two spins and how long `work` took."""
    took: list[float] = []

    def run() -> None:
        start = time.perf_counter()
        work()
        took.append(time.perf_counter() - start)

    worker = threading.Thread(target=run)
    last = time.perf_counter()
    worker.start()
    longest_pause = 0.0
    while worker.is_alive():
        now = time.perf_counter()
        longest_pause = max(longest_pause, now - last)
        last = now
    worker.join()
    return longest_pause, took[0]


def test_python_runs_while_argon2_hashes_and_verifies() -> None:
    # Costly enough (64 MiB, 3 passes: about 0.1-0.5 s) that holding the GIL would show.
    hasher = passforge.SecurityAnswerHasher(memory_kib=65_536, iterations=3)
    stored = hasher.hash("Miss Piggy", seed_for_tests=1)

    pause, took = _longest_pause_while(lambda: hasher.hash("Miss Piggy"))
    assert pause < took / 3, (pause, took)

    pause, took = _longest_pause_while(
        lambda: passforge.SecurityAnswerHasher.verify(stored, "miss piggy")
    )
    assert pause < took / 3, (pause, took)


def test_python_runs_while_a_pattern_heavy_policy_validates() -> None:
    # The worst strength check the repetition budget allows, many times over: each call
    # costs milliseconds, so holding the GIL for a loop of them would show.
    patterns = ", ".join(f"'[A-Z].{{0,5}}[0-9]{'x' * (i % 3)}'" for i in range(32))
    policy = passforge.Policy(strength_check=patterns)
    # Each call stands alone (a fresh password), as the GIL is retaken between calls.
    passwords = passforge.Generator(length=1024, digits=0, digit_set="").generate_many(200)

    def work() -> None:
        for password in passwords:
            policy.validate(password)

    longest_pause, took = _longest_pause_while(work)
    assert longest_pause < took / 3, (longest_pause, took)


def test_generate_many_splits_non_ascii_passwords_exactly() -> None:
    # Multi-byte characters: the chunk cannot be sliced at a fixed stride and is split.
    gen = passforge.Generator(length=12, lower=12, upper=0, digits=0, symbols=0, lower_set="éàüß")
    passwords = gen.generate_many(25_000, seed_for_tests=5)
    assert len(passwords) == 25_000
    assert all(len(p) == 12 and set(p) <= set("éàüß") for p in passwords)
    assert passwords == gen.generate_many(25_000, seed_for_tests=5)
