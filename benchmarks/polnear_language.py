"""The language and syndication notebooks' work on research corpora: PolNeAR's distinctive terms per
outlet, and times at 1,000 articles and on BBC x4.

    python benchmarks/polnear_language.py [--data ../shared/data] [--outlets Breitbart "New York Times"] [--top 15]

Prints (1) the top distinctive words (names apart) of two PolNeAR outlets against the other six,
with counts and z-scores, for a reader to judge; (2) a table of wall times of ``wire_table``,
``shared_copy`` and ``distinctive_terms`` + ``term_evidence`` by outlet on the first 1,000 BBC
articles and on BBC x4 (8,900 articles; copies are 5%-edited, one outlet per copy). Sentences and
paragraphs come from ``analysis.text.segment`` (not timed). PolNeAR and BBC are read in place
(research use only) and nothing is written. Exits 0 with a message when the data are absent.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import pandas as pd
from _synthetic import TOPICS, bbc_documents, perturb
from polnear_wire import DEFAULT_DATA, polnear_documents

from analysis import language, syndication
from analysis.text import segment


def frames(docs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Paragraphs and sentences of every document (``analysis.text.segment``)."""
    paras, sents = [], []
    for d, text, title in zip(docs["doc_id"], docs["text"], docs["title"].fillna("")):
        f = segment(d, text, title)
        paras.append(f["paragraphs"])
        sents.append(f["sentences"])
    return pd.concat(paras, ignore_index=True), pd.concat(sents, ignore_index=True)


def top_terms(docs: pd.DataFrame, outlets: list[str], top: int) -> None:
    """Print the top words of ``outlets`` against the rest of PolNeAR."""
    _, sents = frames(docs)
    terms = language.distinctive_terms(sents, docs, by="outlet", top=top)
    for outlet in outlets:
        part = terms[(terms["group"] == outlet) & ~terms["is_name"]]
        names = terms[(terms["group"] == outlet) & terms["is_name"]]
        print(f"\n{outlet} ({int((docs['outlet'] == outlet).sum())} articles): words")
        print(", ".join(f"{r.term} ({r.count_group}/{r.count_rest}, z {r.z:.1f})" for r in part.itertuples()))
        print("names: " + ", ".join(f"{r.term} (z {r.z:.1f})" for r in names.head(10).itertuples()))


def bbc_scaled(folder: Path, times: int) -> pd.DataFrame:
    """The BBC set with ``times - 1`` 5%-edited copies, one outlet per copy, a day apart."""
    base = bbc_documents(folder)
    base = base.assign(outlet="BBC", published=pd.Timestamp("2005-01-01"))
    rng = random.Random(3)
    vocab = sorted({w for t in base["text"].head(200) for w in t.split()})
    parts = [base]
    for k in range(1, times):
        copy = base.assign(
            doc_id=base["doc_id"] + f"-c{k}",
            outlet=f"Copy {k}",
            published=base["published"] + pd.Timedelta(days=k),
            text=[
                "\n".join(perturb(p, "edit 5%", rng, vocab) if p.strip() else p for p in t.split("\n"))
                for t in base["text"]
            ],
        )
        parts.append(copy)
    return pd.concat(parts, ignore_index=True)


def timings(name: str, docs: pd.DataFrame) -> dict:
    """Wall seconds of each notebook step on ``docs``."""
    paras, sents = frames(docs)
    out = {"corpus": name, "articles": len(docs), "paragraphs": len(paras), "sentences": len(sents)}
    t0 = time.perf_counter()
    syndication.wire_table(docs)
    t1 = time.perf_counter()
    syndication.shared_copy(paras, docs)
    t2 = time.perf_counter()
    terms = language.distinctive_terms(sents, docs, by="outlet")
    language.term_evidence(sents, docs, terms)
    t3 = time.perf_counter()
    out.update(
        {"wire_table s": round(t1 - t0, 2), "shared_copy s": round(t2 - t1, 2), "terms+evidence s": round(t3 - t2, 2)}
    )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding polnear/ and bbc/")
    ap.add_argument("--outlets", nargs=2, default=["Breitbart", "New York Times"])
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--times", type=int, default=4, help="BBC copies for the scale row (default 4)")
    args = ap.parse_args()
    polnear, bbc = args.data / "polnear", args.data / "bbc"
    if (polnear / "metadata.tsv").is_file():
        docs = polnear_documents(polnear)
        print("PolNeAR outlets:", ", ".join(sorted(docs["outlet"].unique())))
        top_terms(docs, args.outlets, args.top)
    else:
        print(f"PolNeAR not found at {polnear}; skipping its terms.")
    if not all((bbc / t).is_dir() for t in TOPICS):
        print(f"BBC set not found at {bbc}; skipping the times.")
        return 0
    base = bbc_documents(bbc)
    first = base.sort_values("doc_id").head(1000).assign(outlet=lambda d: d["doc_id"].str.split("/").str[0])
    first = first.assign(published=pd.Timestamp("2005-01-01"))
    rows = [
        timings("BBC first 1,000 (topic as outlet)", first),
        timings(f"BBC x{args.times}", bbc_scaled(bbc, args.times)),
    ]
    table = pd.DataFrame(rows)
    print("\n| " + " | ".join(table.columns) + " |\n|" + "---|" * len(table.columns))
    for r in table.itertuples(index=False):
        print("| " + " | ".join(f"{v:,}" if isinstance(v, int) else str(v) for v in r) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
