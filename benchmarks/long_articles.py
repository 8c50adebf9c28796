"""Annotation cost against article length: is it linear?

Usage:
    python benchmarks/long_articles.py [--sizes 1 2 4]

Builds one invented article per size (in MB of UTF-8 text) by repeating a few invented
paragraphs (named actors, attributed quotes, dates), annotates it on one core step by step
(segmentation, then each stage of :data:`analysis.pipeline.STAGES`), and prints a Markdown
table: CPU seconds per step (process time, so other work on a shared machine does not
count), the total, and the growth exponent against the previous size (1.0 is linear: twice
the text, twice the time). Nothing is read from disk; offline.
"""

from __future__ import annotations

import argparse
import math
import time

import pandas as pd

PARAGRAPHS = (
    "Officials at the Pentagon said on Tuesday that the review of the contract would take weeks. "
    '"We are looking at every option," said Maria Olsen, a spokeswoman for the department.',
    "Anthropic declined to comment on the talks, which began in January. According to two people "
    "familiar with the matter, the company had asked for more time before the Friday deadline.",
    'Senator Tom Reyes told reporters that the agreement was fragile. "Nobody should assume it '
    'will hold past March 3," he said, adding that the committee would meet again next week.',
    "The plan drew criticism from civil liberties groups. Jane Porter, who leads one of them, "
    "called it a mistake and said her group would publish its own analysis on February 27.",
)


def article(megabytes: float) -> str:
    """An invented article of about ``megabytes`` MB (paragraphs repeated, numbered)."""
    target = int(megabytes * 1_000_000)
    parts, size, i = [], 0, 0
    while size < target:
        para = f"{PARAGRAPHS[i % len(PARAGRAPHS)]} (Part {i}.)"
        parts.append(para)
        size += len(para.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts)


def time_steps(text: str) -> dict[str, float]:
    """CPU seconds for segmentation and each stage on one document holding ``text``."""
    from analysis import text as textmod
    from analysis.documents import Document
    from analysis.pipeline.annotate import Reference, stage_modules

    ref = Reference.load()
    doc = Document(doc_id="long", outlet="Invented Daily", text=text, published=pd.Timestamp("2026-02-24"))
    out = {}
    t0 = time.process_time()
    frames = textmod.segment(doc.doc_id, doc.text, doc.title)
    out["segmentation"] = time.process_time() - t0
    for mod in stage_modules():
        key = getattr(mod, "REFERENCE", None)
        t0 = time.process_time()
        rows = mod.annotate(doc, frames, ref.objects.get(key) if key else None)
        out[mod.__name__.split(".")[1]] = time.process_time() - t0
        if mod.FRAME in frames:
            frames[mod.FRAME] = frames[mod.FRAME].merge(rows, on="sent_id", how="left")
        else:
            frames[mod.FRAME] = rows
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the growth table; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1.0, 2.0, 4.0], help="article sizes in MB")
    args = parser.parse_args(argv)
    rows, prev = [], None
    for mb in args.sizes:
        steps = time_steps(article(mb))
        total = sum(steps.values())
        growth = math.log(total / prev[1]) / math.log(mb / prev[0]) if prev else float("nan")
        rows.append((mb, steps, total, growth))
        prev = (mb, total)
    names = list(rows[0][1])
    print("| MB | " + " | ".join(f"{n} s" for n in names) + " | total s | growth exponent |")
    print("|---:|" + "---:|" * (len(names) + 2))
    for mb, steps, total, growth in rows:
        cells = " | ".join(f"{steps[n]:.2f}" for n in names)
        print(f"| {mb:g} | {cells} | {total:.2f} | {'' if math.isnan(growth) else f'{growth:.2f}'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
