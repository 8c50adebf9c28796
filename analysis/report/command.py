"""``python -m analysis report``: run every notebook with papermill and publish offline HTML.

Steps, in order:

1. find ``notebooks/NN_*.ipynb`` (``--notebooks DIR`` or ``$NEWSCOV_NOTEBOOKS``; ``--only``
   picks some) and check the parameters given (``-p``, ``--params``, ``--corpus``) against
   each notebook's ``parameters`` cell (:mod:`analysis.report.params`): an unknown name
   or a wrong type exits 2 before anything runs;
2. annotate the corpus once (``analysis.load_corpus``), so the notebooks read the cache;
3. run the notebooks in a pool of ``--jobs`` worker processes (default: the cores), each
   notebook in its own kernel (:mod:`analysis.report.notebook`), printing progress lines
   and a summary table;
4. write everything into a new folder ``<out>/runs/<timestamp>-<id>.partial``, rename it
   to ``runs/<timestamp>-<id>`` when all notebooks have finished, and only if all
   succeeded point ``<out>/latest`` at it (a new symlink renamed over the old one with
   ``os.replace``: readers see the old run or the new one, never a mix).

A failing notebook marks the run failed (exit 1) and the previous ``latest`` stays; the
other notebooks still run. Ctrl-C or SIGTERM stops the workers and their kernels, leaves
the run folder as ``.interrupted`` and ``latest`` untouched (exit 130); a killed runner
leaves ``.partial`` (pruned when a later run starts). Exit codes: 0 ok, 1 a notebook or
the corpus failed, 2 bad usage or parameters (or another run holds ``--out``), 130
interrupted.

One run at a time per ``--out``: a run holds an exclusive lock on ``<out>/.lock`` (``flock``,
released by the system when the runner exits, crashes or is killed), and a second run into
the same folder is refused with exit 2, naming the holder's pid. A full disk (or any write
error) while the run is finished or started removes that run's folder, says what happened
and leaves ``latest`` alone: never a half-written ``run.json``.

Reproducible: the same corpus and parameters give byte-identical executed notebooks,
HTML pages and derived tables (timestamps stripped, element ids deterministic, kernels
run with ``PYTHONHASHSEED=0``); only ``index.html``/``run.json`` carry times.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any

from analysis import config
from analysis.report import params as rp
from analysis.report.index import git_state, render, versions
from analysis.report.pool import Progress, run_pool

ROOT = config.project_dir()
NOTEBOOKS_ENV = config.NOTEBOOKS_ENV
DEFAULT_NOTEBOOKS = config.notebooks_dir()
DEFAULT_OUT = Path("reports")
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
RUN_NAME = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{6}$")
DEFAULT_KEEP = 5
LOCK_NAME = ".lock"


class ReportError(RuntimeError):
    """A report that cannot start: bad notebooks folder, output folder, corpus."""


class Interrupted(KeyboardInterrupt):
    """SIGTERM / SIGHUP, handled like Ctrl-C."""


# --- command line -----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The ``report`` argument parser."""
    p = argparse.ArgumentParser(
        prog="python -m analysis report", description="Run every notebook with papermill and publish offline HTML."
    )
    p.add_argument(
        "--corpus",
        help="corpus folder or .csv/.jsonl/.parquet file (sets corpus_path); default: the embedded seed corpus",
    )
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="report folder (default: ./reports)")
    p.add_argument(
        "--only", nargs="+", metavar="NAME", default=[], help="run only these notebooks (00_overview, 00 or overview)"
    )
    p.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a notebook parameter; the value is YAML: -p outlets='[NPR, Reuters]' -p date_from=2026-02-24",
    )
    p.add_argument("--params", type=Path, metavar="FILE.yaml", help="parameters from a YAML mapping (-p wins)")
    p.add_argument("--jobs", type=int, help="notebooks run at once (default: the usable cores)")
    p.add_argument("--hide-code", action="store_true", help="leave code out of the HTML (for readers)")
    p.add_argument("--notebooks", type=Path, help=f"notebooks folder (default: ${NOTEBOOKS_ENV} or notebooks/)")
    p.add_argument("--timeout", type=int, metavar="SECONDS", help="fail a cell that runs longer than this")
    p.add_argument(
        "--keep",
        type=int,
        default=DEFAULT_KEEP,
        help=f"completed runs kept under runs/ (default {DEFAULT_KEEP}; 0 keeps all)",
    )
    return p


def discover(folder: Path) -> list[Path]:
    """The notebooks ``NN_*.ipynb`` in ``folder``, in name order.

    Parameters
    ----------
    folder: the notebooks folder.
    """
    if not folder.is_dir():
        raise ReportError(f"notebooks folder not found: {folder}")
    found = sorted(p for p in folder.glob(NOTEBOOK_GLOB) if p.is_file())
    if not found:
        raise ReportError(f"no notebooks named NN_*.ipynb in {folder}")
    return found


def select(notebooks: list[Path], only: list[str]) -> list[Path]:
    """The notebooks named by ``--only`` (stem, ``NN`` or topic), all when empty.

    Parameters
    ----------
    notebooks: every notebook found.
    only: the names given.
    """
    if not only:
        return notebooks
    chosen = []
    for want in only:
        want = want.removesuffix(".ipynb")
        hits = [p for p in notebooks if want in (p.stem, p.stem[:2], p.stem[3:])]
        if not hits:
            raise rp.ParameterError(f"--only {want}: no such notebook; have {', '.join(p.stem for p in notebooks)}")
        chosen += [h for h in hits if h not in chosen]
    return sorted(chosen)


def resolve_parameters(
    args: argparse.Namespace, every: list[Path], chosen: list[Path]
) -> tuple[dict[str, dict[str, Any]], dict[str, Any], list[str]]:
    """Check the given parameters; returns (per-notebook values, values as run, notes).

    Parameters
    ----------
    args: the parsed command line.
    every: all notebooks in the folder (a name declared only by ones not chosen is
        ignored with a note, not an error).
    chosen: the notebooks that will run.
    """
    given: dict[str, tuple[Any, str | None]] = {}
    if args.params:
        given.update({k: (v, None) for k, v in rp.read_params_file(args.params).items()})
    given.update(rp.parse_assignments(args.param))
    if args.corpus:
        given["corpus_path"] = (args.corpus, args.corpus)
    decl_all = {p.stem: rp.declared(p) for p in every}
    decl = {p.stem: decl_all[p.stem] for p in chosen}
    elsewhere = {n for d in decl_all.values() for n in d} - {n for d in decl.values() for n in d}
    notes = [f"parameter {n} is declared only by notebooks not selected; ignored" for n in given if n in elsewhere]
    if "corpus_path" in given:
        notes += [
            f"{nb} does not declare corpus_path: it reads its default corpus"
            for nb, d in decl.items()
            if "corpus_path" not in d
        ]
    per_nb = rp.resolve(decl, {k: v for k, v in given.items() if k not in elsewhere})
    merged: dict[str, Any] = {}
    for values in per_nb.values():
        merged.update(values)
    return per_nb, merged, notes


# --- corpus, environment ------------------------------------------------------------------


def annotate(params: dict[str, Any], jobs: int) -> dict[str, Any]:
    """Annotate the corpus into the cache once; returns its fingerprint (+ selection size).

    Parameters
    ----------
    params: the run's parameters (corpus_path, actors_file, outlets, date_from, date_to).
    jobs: annotation worker processes.
    """
    from analysis.corpus import load_corpus
    from analysis.overview import tables as overview

    extra = {  # the last of the two spellings given wins
        "sentiment_overrides": params[k]  # noqa: B035
        for k in ("sentiment_overrides", "sentiment_overrides_file")
        if params.get(k)
    }
    corpus = load_corpus(params.get("corpus_path"), actors=params.get("actors_file"), jobs=jobs, **extra)
    selected = corpus.filter(
        outlets=params.get("outlets"), date_from=params.get("date_from"), date_to=params.get("date_to")
    )
    return {"path": corpus.source, **overview.fingerprint(corpus), "selected_documents": len(selected.documents)}


def plotly_asset(run_dir: Path, previous: Path | None) -> None:
    """Put the shared ``assets/plotly.min.js`` in the run (hard link to the last run's copy
    when identical, so kept runs cost no extra space)."""
    import plotly

    from analysis.report.notebook import PLOTLY_ASSET

    src = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    dest = run_dir / PLOTLY_ASSET
    dest.parent.mkdir(parents=True, exist_ok=True)
    old = previous / PLOTLY_ASSET if previous else None
    if old and old.is_file() and old.stat().st_size == src.stat().st_size and old.read_bytes() == src.read_bytes():
        try:
            os.link(old, dest)
            return
        except OSError:
            pass
    shutil.copyfile(src, dest)


# --- publication ------------------------------------------------------------------------


def new_run_dir(out: Path) -> Path:
    """A fresh ``<out>/runs/<UTC timestamp>-<6 hex>.partial`` folder (with our pid)."""
    runs = out / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + secrets.token_hex(3)
    path = runs / f"{name}.partial"
    path.mkdir()
    try:
        (path / ".pid").write_text(str(os.getpid()))
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return path


def acquire_lock(out: Path) -> int:
    """Take the exclusive lock on ``<out>/.lock``; returns its file descriptor (close it to
    release; the system releases it when the process ends, however it ends).

    Parameters
    ----------
    out: the report folder (created if needed).

    Raises :class:`ReportError` when another process holds the lock.
    """
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        if err.errno not in (errno.EAGAIN, errno.EACCES):
            raise
        raise ReportError(
            f"another report run (pid {holder}) is writing into {out}; wait for it to finish or use another --out"
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    return fd


def _describe_os_error(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "the disk is full (No space left on device)"
    return err.strerror or str(err)


def _write_whole(path: Path, text: str) -> None:
    """Write ``path`` through a temporary file renamed over it: a reader never sees it half written."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def current(out: Path) -> Path | None:
    """The run ``<out>/latest`` points at, if any."""
    link = out / "latest"
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def publish(out: Path, run_dir: Path) -> None:
    """Point ``<out>/latest`` at ``run_dir`` atomically (symlink + ``os.replace``).

    Parameters
    ----------
    out: the report folder.
    run_dir: the finished run folder (inside ``out/runs``).
    """
    link = out / "latest"
    if link.exists() and not link.is_symlink():
        raise ReportError(f"{link} is a real folder, not a link; move it away so runs can be published")
    tmp = out / f".latest.{run_dir.name}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(run_dir, out), tmp)
    os.replace(tmp, link)


def _alive(pid_file: Path) -> bool:
    try:
        os.kill(int(pid_file.read_text().strip()), 0)
        return True
    except (OSError, ValueError):
        return False


def prune(out: Path, keep: int) -> list[Path]:
    """Delete old runs: completed ones beyond the newest ``keep`` (never ``latest``), and
    interrupted or abandoned ones (whose runner is gone). Returns what was removed.

    Parameters
    ----------
    out: the report folder.
    keep: completed runs to keep (0 keeps all).
    """
    runs = out / "runs"
    if not runs.is_dir():
        return []
    live = current(out)
    done = sorted(p for p in runs.iterdir() if p.is_dir() and RUN_NAME.match(p.name))
    gone = list(done[:-keep]) if keep > 0 else []
    gone += [
        p
        for p in runs.iterdir()
        if p.is_dir() and (p.name.endswith(".interrupted") or (p.name.endswith(".partial") and not _alive(p / ".pid")))
    ]
    removed = []
    for path in gone:
        if live is None or path.resolve() != live:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def summary_table(results: list[dict]) -> str:
    """The final summary: one line per notebook."""
    lines = [f"{'notebook':<20} {'status':<7} {'time':>7} {'cells':>7} {'tables':>6} {'headlines':>9}"]
    for r in results:
        lines.append(
            f"{r['name']:<20} {r['status']:<7} {r['duration_s']:>6.1f}s "
            f"{r['cells_done']:>3}/{r['cells_total']:<3} {len(r['tables']):>6} {len(r['headlines']):>9}"
        )
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------------


def _on_signal(signum, frame):
    raise Interrupted(f"signal {signum}")


def finish(out: Path, run_dir: Path, run: dict, keep: int) -> int:
    """Write index.html and run.json, rename the run folder, publish it if all went well.

    Parameters
    ----------
    out: the report folder.
    run_dir: the ``.partial`` run folder.
    run: the run record (see :func:`analysis.report.index.render`), without run_id/status.
    keep: completed runs to keep (see :func:`prune`).
    """
    ordered = run["notebooks"]
    ok = all(r["status"] == "ok" for r in ordered)
    final = run_dir.with_name(run_dir.name.removesuffix(".partial"))
    run = {"run_id": final.name, "status": "ok" if ok else "failed", **run}
    try:
        _write_whole(run_dir / "run.json", json.dumps(run, indent=1, ensure_ascii=False) + "\n")
        _write_whole(run_dir / "index.html", render(run, run_dir))
        (run_dir / ".pid").unlink(missing_ok=True)
        run_dir.rename(final)
    except OSError as err:
        shutil.rmtree(run_dir, ignore_errors=True)
        print(
            f"report: could not finish run {final.name}: {_describe_os_error(err)}; its folder was removed "
            f"to free the space; latest unchanged",
            file=sys.stderr,
        )
        return 1
    print(summary_table(ordered))
    if ok:
        try:
            publish(out, final)
        except (OSError, ReportError) as err:
            print(f"report: run {final.name} finished but could not be published: {err}", file=sys.stderr)
            return 1
    prune(out, keep)
    if ok:
        print(f"run {final.name}: ok in {run['duration_s']}s -> {out / 'latest' / 'index.html'}")
        return 0
    prev = current(out)
    print(
        f"run {final.name}: FAILED ({', '.join(r['name'] for r in ordered if r['status'] != 'ok')}); "
        f"see {final / 'index.html'}; latest unchanged{' -> ' + prev.name if prev else ' (none yet)'}"
    )
    return 1


def _prepare(args: argparse.Namespace):
    """Notebooks and checked parameters, or a ParameterError / ReportError."""
    if args.jobs is not None and args.jobs < 1:
        raise rp.ParameterError("--jobs must be at least 1")
    if args.keep < 0:
        raise rp.ParameterError("--keep must be 0 (keep all) or more")
    folder = args.notebooks or Path(os.environ.get(NOTEBOOKS_ENV) or DEFAULT_NOTEBOOKS)
    every = discover(folder)
    chosen = select(every, args.only)
    return (chosen, *resolve_parameters(args, every, chosen))


def main(argv: list[str] | None = None) -> int:
    """Run the report; returns the exit code (0 ok, 1 failed, 2 usage, 130 interrupted).

    Parameters
    ----------
    argv: the arguments after ``report``.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        chosen, per_nb, params, notes = _prepare(args)
    except (rp.ParameterError, ReportError) as err:
        print(f"report: {err}", file=sys.stderr)
        return 2
    for note in notes:
        print(f"report: note: {note}", file=sys.stderr)
    out = args.out.resolve()
    try:
        lock = acquire_lock(out)
    except ReportError as err:
        print(f"report: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"report: cannot write the report folder {out}: {_describe_os_error(err)}", file=sys.stderr)
        return 2
    try:
        prune(out, keep=0)  # abandoned .partial and .interrupted folders of earlier runs
        return _run(args, argv, out, chosen, per_nb, params)
    finally:
        os.close(lock)


def _run(args: argparse.Namespace, argv: list[str], out: Path, chosen: list[Path], per_nb: dict, params: dict) -> int:
    """The run proper, under the ``--out`` lock (see :func:`main`)."""
    from analysis.pipeline import default_jobs

    jobs = args.jobs or default_jobs()
    handlers = {
        s: signal.signal(s, _on_signal)
        for s in (getattr(signal, n, None) for n in ("SIGTERM", "SIGHUP"))
        if s is not None
    }
    run_dir = None
    try:
        progress = Progress()
        progress.line(f"annotating the corpus ({params.get('corpus_path') or 'embedded seed corpus'})")
        try:
            corpus = annotate(params, jobs)
        except (ValueError, FileNotFoundError) as err:  # CorpusError, unknown outlet, bad reference file
            print(f"report: {err}", file=sys.stderr)
            return 2 if "unknown outlet" in str(err) or str(err).startswith("date_") else 1
        except OSError as err:  # the cache could not be written
            print(f"report: cannot annotate the corpus: {_describe_os_error(err)}", file=sys.stderr)
            return 1
        progress.line(
            f"corpus {corpus['fingerprint']}: {corpus['documents']} documents, {len(corpus['outlets'])} "
            f"outlets; running {len(chosen)} notebook(s), {min(jobs, len(chosen))} at a time"
        )
        try:
            run_dir = new_run_dir(out)
            plotly_asset(run_dir, current(out))
        except OSError as err:
            if run_dir is not None:
                shutil.rmtree(run_dir, ignore_errors=True)
            print(
                f"report: cannot write the report folder {out}: {_describe_os_error(err)}; nothing was left behind",
                file=sys.stderr,
            )
            return 2
        started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        tasks = [
            {
                "name": p.stem,
                "input": str(p),
                "run_dir": str(run_dir),
                "parameters": per_nb[p.stem],
                "hide_code": args.hide_code,
                "timeout": args.timeout,
                "cwd": os.getcwd(),
            }
            for p in chosen
        ]
        results = run_pool(tasks, jobs, progress)
    except KeyboardInterrupt:
        if run_dir is not None and run_dir.exists():
            run_dir.rename(run_dir.with_name(run_dir.name.replace(".partial", ".interrupted")))
        print("report: interrupted; latest unchanged", file=sys.stderr)
        return 130
    finally:
        for sig, old in handlers.items():
            signal.signal(sig, old)
    run = {
        "started": started,
        "duration_s": round(time.perf_counter() - progress.t0, 1),
        "command": "python -m analysis report " + shlex.join(argv),
        "parameters": params,
        "notebook_parameters": per_nb,
        "corpus": corpus,
        "versions": versions(),
        "git": git_state(ROOT),
        "jobs": min(jobs, len(chosen)),
        "hide_code": args.hide_code,
        "notebooks": [results[p.stem] for p in chosen],
    }
    return finish(out, run_dir, run, args.keep)
