"""Sources stage: precision / recall against the gold, per field and per document, and its cost.

Usage:
    python benchmarks/sources_eval.py [--gold tests/gold/quotes_gold.yaml] [--errors]
                                      [--speed] [--bbc DIR] [--limit N]

Annotates the seed corpus afresh (no cache) and scores ``corpus.quotes`` against the gold file
with :func:`analysis.sources.gold.gold_scores`: a prediction span-matches a gold attribution when their
character overlap is at least half of each span (one-to-one, best overlap first); it is correct
for a field (speaker, speaker_type, affiliation, kind) when it span-matches and agrees on it.
Precision = correct / predictions, recall = correct / gold. Prints Markdown tables: all documents
by field, then speaker and speaker_type per document. ``--errors`` lists every mismatch.

``--speed`` also times the stage on the BBC News set (bbc-fulltext, Greene & Cunningham 2006;
research use only; read-only from ``../shared/data/bbc``, never copied): segmentation and actor
mentions first (not timed), then :func:`analysis.sources.stage.annotate` per document, best of 3.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DEFAULT = ROOT / "tests" / "gold" / "quotes_gold.yaml"
BBC_DEFAULT = ROOT.parent / "shared" / "data" / "bbc"


def markdown(frame) -> str:
    """A DataFrame as a Markdown table (no extra dependency).

    Parameters
    ----------
    frame: the table.
    """
    cols = list(frame.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row) + " |")
    return "\n".join(lines)


def evaluate(gold_path: Path, show_errors: bool) -> None:
    """Print the P/R tables for the seeds against ``gold_path``.

    Parameters
    ----------
    gold_path: the gold YAML file.
    show_errors: also list every unmatched or disagreeing attribution.
    """
    import analysis
    from analysis.sources import gold as sources_gold

    corpus = analysis.load_corpus(cache=False, jobs=1)
    texts = dict(zip(corpus.documents["doc_id"], corpus.documents["text"]))
    gold = sources_gold.load_gold(gold_path, texts)
    pred = corpus.quotes
    print(f"## Sources vs gold ({gold_path.name}): {len(gold)} gold attributions, {len(pred)} predicted\n")
    scores = sources_gold.gold_scores(pred, gold, by_document=True)
    print(markdown(scores[scores["doc_id"] == "all"].drop(columns="doc_id")), "\n")
    outlets = dict(zip(corpus.documents["doc_id"], corpus.documents["outlet"]))
    for field in ("span", "speaker", "speaker_type"):
        part = scores[(scores["field"] == field) & (scores["doc_id"] != "all")]
        part = part.assign(outlet=part["doc_id"].map(outlets))[
            ["doc_id", "outlet", "gold", "predicted", "correct", "precision", "recall", "f1"]
        ]
        print(f"### {field} per document\n\n{markdown(part)}\n")
    if show_errors:
        pairs = sources_gold.match_gold(pred, gold)
        bad = pairs[~(pairs["span"] & pairs["speaker"] & pairs["speaker_type"])]
        print(f"### Mismatches ({len(bad)})\n")
        for r in bad.itertuples():
            g = gold.loc[r.gold_i] if r.gold_i >= 0 else None
            p = pred.loc[r.pred_i] if r.pred_i >= 0 else None
            print(
                f"- {r.doc_id}: gold={g.speaker + ' / ' + g.speaker_type if g is not None else '-'} "
                f"pred={p.speaker + ' / ' + p.speaker_type if p is not None else '-'} :: "
                f"{(g.quote if g is not None else p.quote)[:100]!r}"
            )


def speed(folder: Path, limit: int | None) -> None:
    """Print the per-document cost of the sources stage on the BBC set.

    Parameters
    ----------
    folder: the BBC folder (one sub-folder per topic).
    limit: at most this many articles.
    """
    from analysis import text as textmod
    from analysis.actors import stage as actors
    from analysis.sources import stage as sources

    if not folder.is_dir():
        print(f"(BBC folder {folder} not found: speed not measured)")
        return
    from bbc import bbc_documents

    docs = bbc_documents(folder, limit)
    ref = actors.load_reference(ROOT / "data" / "actors.yml")
    prepared = []
    for d in docs:
        frames = textmod.segment(d.doc_id, d.text, d.title)
        frames["mentions"] = actors.annotate(d, frames, ref)
        prepared.append((d, frames))
    sentences = sum(len(f["sentences"]) for _, f in prepared)
    best, rows = float("inf"), 0
    for _ in range(3):
        t0 = time.perf_counter()
        rows = sum(len(sources.annotate(d, f, ref)) for d, f in prepared)
        best = min(best, time.perf_counter() - t0)
    print("## Sources stage cost (BBC News, best of 3)\n")
    print("| documents | sentences | attributions | seconds | ms / document | ms / 1,000 sentences |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(docs):,} | {sentences:,} | {rows:,} | {best:.2f} | {1000 * best / len(docs):.1f} "
        f"| {1e6 * best / max(1, sentences):.0f} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and print the tables.

    Parameters
    ----------
    argv: command-line arguments (default ``sys.argv[1:]``).
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DEFAULT)
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument("--speed", action="store_true", help="also time the stage on the BBC set")
    parser.add_argument("--bbc", type=Path, default=BBC_DEFAULT)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    evaluate(args.gold, args.errors)
    if args.speed:
        speed(args.bbc, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
