"""Scale benchmark: annotation cost against the VADER floor, cores, corpus size and cache.

Usage:
    python benchmarks/run.py [--bbc DIR] [--scales 1,4,16] [--jobs 1,2] [--full-1core-max 4] [--cache-only]

Reads the BBC News set (2,225 articles, Greene & Cunningham 2006; research use only) from
``../shared/data/bbc`` — never copied into the project — and replicates it ×k with
distinct doc_ids. Every measurement runs in a fresh subprocess so that peak memory (RSS of
the process and its workers, sampled every 50 ms; summed RSS and summed PSS) belongs to that
measurement alone.
Prints one Markdown table. Where the BBC folder is absent it says where to get it and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bbc import BBC_DEFAULT, WHERE, available, bbc_documents

ROOT = Path(__file__).resolve().parent.parent
# Edits made one after the other to the first article for the incremental rows (invented text): the
# first names no one; the second names a new person twice (under the found threshold of a corpus this
# size, so the found table stays as it was); the third writes a much-named person's name a new way,
# which adds an alias to the found table (what every article's keys hashed until per-document prints).
EDITS = (
    ("one article edited", "\nOne more sentence was added.\n"),
    (
        "one article edited: a new person named",
        "\nMarta Quillfeather, a spokeswoman, said the plan would go ahead. Quillfeather said talks were due.\n",
    ),
    (
        "one article edited: a new alias of a found actor",
        "\nIn a speech on the economy, Tony R. Blair said that taxes would not rise this year.\n",
    ),
)


def edit_first(corpus: Path, added: str) -> Path:
    """Append ``added`` to the first article's text, in place (the corpus keeps its path); returns the path."""
    import pandas as pd

    frame = pd.read_parquet(corpus)
    frame.loc[0, "text"] = frame.loc[0, "text"] + added
    frame.to_parquet(corpus)
    return corpus


def build_corpus(bbc: Path, k: int, out: Path) -> Path:
    """Write the BBC set replicated ×k as one Parquet corpus file; returns its path."""
    import pandas as pd

    rows = [
        {"outlet": d.outlet, "title": d.title, "published": "", "text": d.text, "stem": d.doc_id}
        for d in bbc_documents(bbc)
    ]
    frame = pd.DataFrame(rows)
    frame = pd.concat([frame.assign(doc_id=frame["stem"] + f"#{i}") for i in range(k)], ignore_index=True)
    path = out / f"bbc_x{k}.parquet"
    frame.drop(columns=["stem"]).to_parquet(path)
    return path


class PeakRSS:
    """Samples the summed RSS of this process and its children, and their summed PSS.

    RSS counts a page shared by a forked worker and its parent once in each; PSS (proportional
    set size, Linux) divides it among them, so summed PSS is the memory the processes hold.
    """

    def __init__(self) -> None:
        import psutil

        self.proc, self.peak, self.peak_pss, self._stop = psutil.Process(), 0, 0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                total = sum(p.memory_info().rss for p in procs)
                pss = sum(getattr(p.memory_full_info(), "pss", 0) for p in procs)
            except psutil.Error:
                total = pss = 0
            self.peak, self.peak_pss = max(self.peak, total), max(self.peak_pss, pss)
            time.sleep(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.thread.join()


def measure(kind: str, corpus: str, jobs: int, cache: str | None) -> dict:
    """One measurement, run inside a fresh subprocess."""
    import analysis
    from analysis.documents import read_documents
    from analysis.text import segment

    if kind == "floor":
        from nltk.sentiment.vader import SentimentIntensityAnalyzer

        docs = read_documents(corpus)
        texts = []
        for d in docs:
            texts.extend(segment(d.doc_id, d.text, d.title)["sentences"]["text"].tolist())
        sia = SentimentIntensityAnalyzer()
        with PeakRSS() as rss:
            t0 = time.perf_counter()
            for t in texts:
                sia.polarity_scores(t)
            seconds = time.perf_counter() - t0
        return {
            "seconds": seconds,
            "sentences": len(texts),
            "words": sum(len(t.split()) for t in texts),
            "rss": rss.peak,
            "pss": rss.peak_pss,
            "annotated": len(docs),
        }
    with PeakRSS() as rss:
        t0 = time.perf_counter()
        c = analysis.load_corpus(corpus, jobs=jobs, cache=cache if cache else False, progress=False)
        seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "sentences": len(c.sentences),
        "words": int(c.documents["words"].sum()),
        "rss": rss.peak,
        "pss": rss.peak_pss,
        "annotated": c.stats["annotated"],
        "rows": {k: len(v) for k, v in c.frames.items()},
    }


def run(kind: str, corpus: Path, jobs: int = 1, cache: Path | None = None) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--measure-kind",
        kind,
        "--measure-corpus",
        str(corpus),
        "--measure-jobs",
        str(jobs),
    ]
    if cache:
        cmd += ["--measure-cache", str(cache)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"measurement {kind} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def fmt_row(label: str, k: int, r: dict, floor: dict | None = None, one: dict | None = None) -> str:
    wps = r["words"] / r["seconds"] if r["seconds"] else float("nan")
    ratio_floor = f"{r['seconds'] / floor['seconds']:.1f}×" if floor else ""
    speedup = f"{one['seconds'] / r['seconds']:.2f}×" if one else ""
    return (
        f"| {label} | ×{k} | {r['annotated']:,} | {r['sentences']:,} | {r['seconds']:.2f} | "
        f"{wps:,.0f} | {r['rss'] / 2**20:,.0f} | {r['pss'] / 2**20:,.0f} | {ratio_floor} | {speedup} |"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bbc", type=Path, default=BBC_DEFAULT)
    ap.add_argument("--scales", default="1,4,16")
    ap.add_argument("--full-1core-max", type=int, default=4, help="largest ×k also run on 1 core")
    ap.add_argument("--cache-only", action="store_true", help="only the cache rows (cold, warm, edits)")
    (
        ap.add_argument("--measure-kind"),
        ap.add_argument("--measure-corpus"),
        ap.add_argument("--measure-jobs", type=int, default=1),
    )
    ap.add_argument("--measure-cache")
    args = ap.parse_args()
    if args.measure_kind:
        print(json.dumps(measure(args.measure_kind, args.measure_corpus, args.measure_jobs, args.measure_cache)))
        return 0
    if not available(args.bbc):
        print(f"BBC corpus not found at {args.bbc}. " + WHERE.format(path=args.bbc))
        return 0
    import psutil

    scales = [] if args.cache_only else [int(s) for s in args.scales.split(",")]
    print(
        f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB; "
        f"python {sys.version.split()[0]}",
        flush=True,
    )
    header = (
        "| measurement | corpus | docs annotated | sentences | seconds | words/s | peak RSS MiB | peak PSS MiB | "
        "÷ floor | speed-up |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [header]
    with tempfile.TemporaryDirectory(prefix="newscov-bench-") as tmp:
        tmp = Path(tmp)
        for k in scales:
            corpus = build_corpus(args.bbc, k, tmp)
            floor = run("floor", corpus)
            lines.append(fmt_row("floor: bare VADER, 1 core", k, floor))
            one = run("full", corpus, jobs=1) if k <= args.full_1core_max else None
            if one:
                lines.append(fmt_row("full annotation, 1 core", k, one, floor))
            two = run("full", corpus, jobs=2)
            lines.append(fmt_row("full annotation, 2 cores", k, two, floor, one))
            print("\n".join(lines[-3:]), flush=True)
        corpus = tmp / "bbc_x1.parquet" if scales else build_corpus(args.bbc, 1, tmp)
        cache = tmp / "cache"
        cold = run("full", corpus, jobs=2, cache=cache)
        warm = run("full", corpus, jobs=2, cache=cache)
        lines += [fmt_row("cold load, cache on, 2 cores", 1, cold), fmt_row("warm load, nothing changed", 1, warm)]
        edits = []
        for label, added in EDITS:
            edited = edit_first(corpus, added)  # the same file, so only the text changes
            edits.append(run("full", edited, jobs=2, cache=cache))
            lines.append(fmt_row(label, 1, edits[-1]))
        lines.append(
            f"\nwarm / cold = {warm['seconds'] / cold['seconds']:.1%}; after the edits "
            + ", ".join(f"{r['annotated']}" for r in edits)
            + " document(s) re-annotated"
        )
    print("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
