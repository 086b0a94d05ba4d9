"""generate_many runs without the GIL."""

from __future__ import annotations

import threading
import time

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
