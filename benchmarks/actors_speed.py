"""Cost of the actors stage (mention finding) per 1,000 sentences.

Usage:
    python benchmarks/actors_speed.py [--bbc DIR] [--limit N] [--repeat 3]

Reads the BBC News set (bbc-fulltext, Greene & Cunningham 2006; research use only) read-only
from ``../shared/data/bbc/<topic>/NNN.txt`` — never copied into the project — plus the seed
corpus. Paragraph and sentence splitting happen first and are not timed; then, in this one
process, it times for every document

* ``match``: the compiled matcher alone (one regex pass over the text, longest-first choice);
* ``annotate``: the whole stage (titles, merges, guard, reference rule, the typed frame).

Prints one Markdown table: documents, sentences, mentions, best-of-``repeat`` seconds, and
milliseconds per 1,000 sentences. Where the BBC folder is absent it says so and measures the
seeds only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bbc import BBC_DEFAULT, bbc_documents
from common import best_time

ROOT = Path(__file__).resolve().parent.parent


def segment(docs: list) -> list[tuple]:
    """(document, frames) with paragraphs and sentences computed (not timed).

    Parameters
    ----------
    docs: the Documents.
    """
    from analysis import text as textmod

    out = []
    for d in docs:
        out.append((d, textmod.segment(d.doc_id, d.text, d.title)))
    return out


def measure(name: str, items: list[tuple], table, repeat: int) -> list[str]:
    """Markdown rows for one corpus: the matcher alone and the whole stage.

    Parameters
    ----------
    name: the corpus label.
    items: (document, frames) pairs from :func:`segment`.
    table: the loaded :class:`~analysis.actors.reference.ActorTable`.
    repeat: runs per measurement.
    """
    from analysis.actors import stage as actors

    sentences = sum(len(f["sentences"]) for _, f in items)
    chars = sum(len(d.text) for d, _ in items)
    t_match, _ = best_time(lambda: [actors.longest_first(actors.raw_matches(d.text, table)) for d, _ in items], repeat)
    t_all, frames = best_time(lambda: [actors.annotate(d, f, table) for d, f in items], repeat)
    mentions = sum(len(f) for f in frames)
    rows = []
    for step, secs in (("match", t_match), ("annotate", t_all)):
        rows.append(
            f"| {name} | {step} | {len(items):,} | {sentences:,} | {chars / 1e6:.2f} | {mentions:,} | "
            f"{secs:.3f} | {1000 * secs / max(sentences, 1) * 1000:.1f} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on ``argv`` (default: the command line); returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bbc", type=Path, default=BBC_DEFAULT, help="BBC folder (topic sub-folders)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many BBC articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest counts")
    args = parser.parse_args(argv)

    from analysis.actors import stage as actors
    from analysis.documents import read_documents
    from analysis.pipeline import DEFAULT_REFERENCE

    t0 = time.perf_counter()
    table = actors.load_reference(DEFAULT_REFERENCE["actors"])
    load_s = time.perf_counter() - t0
    print(
        f"actors file: {len(table.actors)} actors, {len(table.keys)} names in one compiled pattern "
        f"({len(table.pattern.pattern):,} characters), loaded and compiled in {load_s * 1000:.0f} ms\n"
    )
    print("| corpus | step | documents | sentences | MB text | mentions | seconds | ms per 1,000 sentences |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for row in measure("seeds", segment(read_documents()), table, args.repeat):
        print(row)
    if not args.bbc.is_dir():
        print(
            f"\nBBC set not found at {args.bbc}: measured the seeds only "
            "(put bbc-fulltext's business/ entertainment/ politics/ sport/ tech/ folders there)."
        )
        return 0
    for row in measure("BBC News", segment(bbc_documents(args.bbc, args.limit)), table, args.repeat):
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
