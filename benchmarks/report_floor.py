"""Wall time of ``make report`` (cold and warm annotation cache) beside its floor.

The floor is papermill running the same number of trivial notebooks with the same
parallelism (a process pool, one kernel per notebook): what any papermill report costs
before doing work. A second floor adds what every notebook pays first (``import
analysis`` and loading the cached corpus). Prints a table; nothing is asserted.

Usage: .venv/bin/python benchmarks/report_floor.py [--jobs N] [--repeat R] [--floor-only]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TRIVIAL = "x = 1"
IMPORTS = "import analysis\nanalysis.notebook_mode()\ncorpus = analysis.load_corpus(corpus_path)"


def make_notebooks(folder: Path, n: int, body: str) -> list[Path]:
    """``n`` notebooks with a parameters cell and one code cell ``body``."""
    import nbformat

    paths = []
    for i in range(n):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        params = nbformat.v4.new_code_cell("corpus_path: str | None = None")
        params.metadata["tags"] = ["parameters"]
        nb.cells = [params, nbformat.v4.new_code_cell(body)]
        path = folder / f"{i:02d}_floor.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def _run_one(path: str) -> None:
    import papermill as pm

    pm.execute_notebook(
        path,
        path.replace(".ipynb", ".out.ipynb"),
        kernel_name="python3",
        progress_bar=False,
        request_save_on_cell_execute=False,
    )


def floor(n: int, jobs: int, body: str) -> float:
    """Seconds for papermill to run ``n`` notebooks of ``body`` in ``jobs`` processes."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in make_notebooks(Path(tmp), n, body)]
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn")) as pool:
            list(pool.map(_run_one, paths))
        return time.perf_counter() - t0


def make_report(out: Path, cache: Path, jobs: int) -> float:
    """Seconds for ``make report`` into ``out`` with annotation cache ``cache``."""
    env = dict(os.environ, NEWSCOV_CACHE=str(cache))
    args = f"--out {out} --jobs {jobs}"
    # -o setup: the one-off venv set-up is not part of a report run (and may need the network)
    cmd = (
        ["make", "-s", "-o", "setup", "report", f"REPORT_ARGS={args}"]
        if shutil.which("make")
        else [sys.executable, "-m", "analysis", "report", *args.split()]
    )
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t0
    if res.returncode != 0:
        print(f"(report exit {res.returncode}: {res.stdout.strip().splitlines()[-1:]})", file=sys.stderr)
    return took


def folder_size(path: Path) -> int:
    """Bytes under ``path`` (hard links counted once)."""
    seen, total = set(), 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            st = p.stat()
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total


def main() -> None:
    from analysis.pipeline import default_jobs

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--repeat", type=int, default=1, help="runs per row (median shown)")
    ap.add_argument("--floor-only", action="store_true")
    args = ap.parse_args()
    n = len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    rows = []

    def timed(label, fn):
        times = [fn() for _ in range(args.repeat)]
        rows.append((label, statistics.median(times)))

    timed("floor: papermill, trivial notebooks", lambda: floor(n, args.jobs, TRIVIAL))
    timed("floor + import analysis, cached corpus", lambda: floor(n, args.jobs, IMPORTS))
    size = None
    if not args.floor_only:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            for i in range(args.repeat):
                cache = tmp / f"cache{i}"
                rows.append(("make report, cold cache", make_report(tmp / f"out{i}", cache, args.jobs)))
                rows.append(("make report, warm cache", make_report(tmp / f"out{i}", cache, args.jobs)))
            run = (tmp / "out0" / "latest").resolve()
            size = folder_size(run)
            cold = statistics.median(t for label, t in rows if label.endswith("cold cache"))
            warm = statistics.median(t for label, t in rows if label.endswith("warm cache"))
            rows = rows[:2] + [("make report, cold cache", cold), ("make report, warm cache", warm)]
            if args.jobs > 1:  # what the parallelism buys
                one = statistics.median(make_report(tmp / "out0", tmp / "cache0", 1) for _ in range(args.repeat))
                rows.append(("make report, warm cache, --jobs 1", one))
    print(f"{n} notebooks, {args.jobs} parallel job(s), {os.cpu_count()} cores")
    print(f"{'what':<42} {'wall s':>7} {'x floor':>8}")
    base = rows[0][1]
    for label, t in rows:
        print(f"{label:<42} {t:>7.1f} {t / base:>8.2f}")
    if size is not None:
        print(f"one run folder: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
