"""Cost of each annotation step against the VADER floor, on the BBC set (one core).

Usage:
    python benchmarks/stages.py [--bbc DIR | --corpus PATH] [--every K] [--found]

Takes every K-th BBC article (default 4; or of any corpus the loader reads, ``--corpus``), runs
segmentation and each stage of :data:`analysis.pipeline.STAGES` on one core, timing each step
per document, and times bare NLTK VADER on the same sentences (the floor). Prints a Markdown
table: seconds, multiple of the floor and share of all steps per step. ``--found`` gives the
stages the actors found in the articles taken (as a corpus without an actors file gets them)
instead of the seed story's file. Where the BBC folder is absent it says so and exits 0.
"""

from __future__ import annotations

import time
from pathlib import Path

from bbc import sample, sample_parser


def main(argv: list[str] | None = None) -> int:
    """Print the per-step table; returns the exit code."""
    parser = sample_parser(__doc__.split("\n")[0], every=4)
    parser.add_argument("--corpus", type=Path, default=None, help="any corpus file or folder instead of BBC")
    parser.add_argument("--found", action="store_true", help="actors found in the articles, not the seed file")
    args = parser.parse_args(argv)
    if args.corpus:
        from analysis.documents import read_documents

        docs = read_documents(args.corpus)[:: args.every]
    else:
        docs = sample(args)
    if docs is None:
        return 0
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from analysis import pipeline
    from analysis import text as textmod
    from analysis.actors.overrides import found_for, to_table
    from analysis.columns import to_frame

    t = time.perf_counter()
    table = to_table(found_for(docs), "found") if args.found else None
    finding = time.perf_counter() - t
    ref = pipeline.Reference.load(actors=table)
    pipeline.annotate_chunk(docs[:3], ref)  # warm caches and imports
    times: dict[str, float] = {}
    sentences: list[str] = []
    stored: dict[str, list] = {}
    for doc in docs:  # each step as the pipeline runs it: rows as plain columns (analysis.columns)
        t = time.perf_counter()
        frames = textmod.segment_columns(doc.doc_id, doc.text, doc.title)
        times["segmentation"] = times.get("segmentation", 0.0) + time.perf_counter() - t
        sentences += frames["sentences"]["text"]
        for mod in pipeline.stage_modules():
            name = mod.__name__.split(".")[-2]  # the concern: analysis.<concern>.stage
            t = time.perf_counter()
            rows = mod.annotate_rows(doc, frames, ref.objects.get(getattr(mod, "REFERENCE", None)))
            times[name] = times.get(name, 0.0) + time.perf_counter() - t
            stored.setdefault(pipeline.annotate.stored_frame(mod), []).append(rows)
            frames.setdefault(mod.FRAME, rows)
        for name in textmod.BASE_SCHEMAS:
            stored.setdefault(name, []).append(frames[name])
    schemas = pipeline.annotate.stored_schemas()
    schemas["sentences.sentiment"] = pipeline.annotate.stage_modules()[-1].COLUMNS  # sent_id + scores here
    t = time.perf_counter()
    for name, parts in stored.items():
        to_frame(parts, schemas[name])
    times["frames (once per chunk of documents)"] = time.perf_counter() - t
    sia = SentimentIntensityAnalyzer()
    t = time.perf_counter()
    for s in sentences:
        sia.polarity_scores(s)
    floor = time.perf_counter() - t
    actors = f"{len(ref.objects['actors'].actors):,} actors" + (f" found in {finding:.2f} s" if table else "")
    print(f"{len(docs):,} documents, {len(sentences):,} sentences, {actors}; floor (bare VADER) {floor:.2f} s\n")
    print("| step | seconds | × floor | share |\n|---|---:|---:|---:|")
    total = sum(times.values())
    for name, secs in times.items():
        print(f"| {name} | {secs:.2f} | {secs / floor:.2f}× | {secs / total:.1%} |")
    print(f"| all steps | {total:.2f} | {total / floor:.2f}× | 100% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
