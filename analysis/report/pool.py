"""The report's worker pool: notebooks run in N processes, progress reported back.

:func:`run_pool` starts ``jobs`` worker processes (``spawn``; each in its own session so a
Ctrl-C reaches only the runner, which then stops them in order). Each worker takes
notebooks from a queue and runs them with :func:`analysis.report.notebook.run_notebook`
(one kernel per notebook), sending ``claim`` / ``start`` / ``cell`` / ``done`` events
back; :class:`Progress` prints them. A worker that dies marks its notebook failed; a
worker whose runner is killed exits (and its kernel with it).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import sys
import time
from typing import Any

HEARTBEAT_S = 15.0
CELL_LINE_EVERY_S = 1.0
BAR = 20


def _worker(tasks: Any, events: Any, parent: int) -> None:
    """A pool process: run notebooks from ``tasks`` until None (or the runner is gone)."""
    import threading

    if hasattr(os, "setsid"):
        os.setsid()  # Ctrl-C reaches the runner only; it stops us (and our kernels) in order
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    from analysis.report.notebook import run_notebook

    while True:
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:
                return
            continue
        if task is None:
            return
        events.put(("claim", task["name"], os.getpid()))
        try:
            result = run_notebook(task, events)
        except Exception as err:  # noqa: BLE001 - reported as the notebook's failure
            result = failed_result(task["name"], f"report worker: {type(err).__name__}: {err}")
        events.put(("done", task["name"], result))


def _watch_parent(parent: int) -> None:
    """Exit when the runner is gone (killed): our kernel sees us go and exits too."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def failed_result(name: str, error: str) -> dict:
    """The result record of a notebook that never produced output."""
    return {
        "name": name,
        "status": "failed",
        "error": error,
        "error_cell": None,
        "duration_s": 0.0,
        "cells_done": 0,
        "cells_total": 0,
        "html": None,
        "ipynb": None,
        "tables": [],
        "headlines": [],
        "log": None,
        "external_refs": [],
    }


class Progress:
    """Progress lines on stderr: which notebook, how far, elapsed."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.t0 = time.perf_counter()
        self.state: dict[str, list] = {}  # name -> [done, total, last line time]
        self.last = self.t0

    def line(self, text: str) -> None:
        self.last = time.perf_counter()
        print(f"[{self.last - self.t0:7.1f}s] {text}", file=self.stream, flush=True)

    def event(self, kind: str, name: str, *rest) -> None:
        if kind == "start":
            self.state[name] = [0, rest[0], time.perf_counter()]
            self.line(f"{name:<18} started ({rest[0]} cells)")
        elif kind == "cell":
            st = self.state.setdefault(name, [0, rest[1], 0.0])
            st[0], st[1] = rest
            now = time.perf_counter()
            if now - st[2] >= CELL_LINE_EVERY_S and st[0] < st[1]:
                st[2] = now
                filled = int(BAR * st[0] / max(st[1], 1))
                self.line(f"{name:<18} [{'#' * filled}{'.' * (BAR - filled)}] {st[0]}/{st[1]} cells")
        elif kind == "done":
            res = rest[0]
            tail = "ok" if res["status"] == "ok" else f"FAILED: {res['error']}"
            self.line(f"{name:<18} {tail} ({res['duration_s']:.1f}s)")

    def heartbeat(self, running: list[str]) -> None:
        if running and time.perf_counter() - self.last >= HEARTBEAT_S:
            self.line(
                "still running: "
                + ", ".join(f"{n} {self.state.get(n, [0, 0])[0]}/{self.state.get(n, [0, 0])[1]}" for n in running)
            )


def run_pool(tasks: list[dict], jobs: int, progress: Progress) -> dict[str, dict]:
    """Run ``tasks`` in ``jobs`` worker processes; returns results by notebook name.

    Parameters
    ----------
    tasks: one per notebook (see :func:`analysis.report.notebook.run_notebook`).
    jobs: worker processes.
    progress: where progress lines go.
    """
    ctx = mp.get_context("spawn")
    todo, events = ctx.Queue(), ctx.Queue()
    for task in tasks:
        todo.put(task)
    procs = [
        ctx.Process(target=_worker, args=(todo, events, os.getpid()), daemon=True) for _ in range(min(jobs, len(tasks)))
    ]
    for proc in procs:
        todo.put(None)
        proc.start()
    results: dict[str, dict] = {}
    running: dict[str, int] = {}  # notebook -> worker pid
    try:
        while len(results) < len(tasks):
            try:
                kind, name, *rest = events.get(timeout=0.5)
            except queue.Empty:
                _reap(procs, running, results, tasks, progress)
                progress.heartbeat(list(running))
                continue
            if kind == "claim":
                running[name] = rest[0]
                continue
            if kind == "done":
                running.pop(name, None)
                results[name] = rest[0]
            progress.event(kind, name, *rest)
        for proc in procs:  # they exit on their own after the sentinel
            proc.join(5)
    finally:
        _stop(procs)
    return results


def _reap(procs, running: dict[str, int], results: dict, tasks: list[dict], progress: Progress) -> None:
    """Mark notebooks whose worker died as failed (and everything, if all workers died)."""
    dead = {p.pid: p.exitcode for p in procs if not p.is_alive() and p.exitcode not in (None, 0)}
    for name, pid in list(running.items()):
        if pid in dead:
            running.pop(name)
            results[name] = failed_result(name, f"worker process died (exit code {dead[pid]})")
            progress.event("done", name, results[name])
    if all(not p.is_alive() for p in procs):
        for task in tasks:
            if task["name"] not in results:
                results[task["name"]] = failed_result(task["name"], "not run: no worker process left")


def _stop(procs) -> None:
    for proc in procs:
        if proc.is_alive():
            proc.terminate()  # SIGTERM -> SystemExit in the worker: nbclient shuts its kernel down
    deadline = time.monotonic() + 10
    for proc in procs:
        proc.join(max(0.1, deadline - time.monotonic()))
        if proc.is_alive():
            proc.kill()
            proc.join(1)
