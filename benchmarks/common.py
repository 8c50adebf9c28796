"""Small pieces the benchmark scripts share: timing and the PolNeAR publisher names.

Imported by sibling scripts as ``from common import ...`` (a script's own folder is on
``sys.path`` when it runs).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

# PolNeAR publisher codes (its metadata.tsv) -> the outlet names the benchmarks use.
PUBLISHERS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "Washington Post",
    "west-journal": "Western Journalism",
}


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs of ``fn()`` in seconds, and its result.

    Parameters
    ----------
    fn: the work to time.
    repeat: how many runs.
    """
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result
