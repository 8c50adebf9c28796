"""Wire-copy detection against PolNeAR's ``wire`` column, and the cost and findings of shared copy.

    python benchmarks/polnear_wire.py [--data ../shared/data] [--errors dev] [--no-bbc]

PolNeAR v1.0.0 train compartment (Newell, Margolin & Ruths, LREC 2018; research use only, read in
place from ``<data>/polnear``, never copied): ``metadata.tsv`` names the agency a publisher credited
(``None`` = no wire; West Journal rows say ``NA`` = not recorded and are left out of scoring). A
prediction is right when its agency matches; a contribution-only mark counts as no wire. Splits: dev
= published on or before 2016-06-30 (rules were tuned looking only at its errors), check = later.

Also times ``shared_copy`` on PolNeAR and on the BBC set x4 (2,225 articles, three extra copies of
each with 5% word edits, four outlets dated a day apart; ``--bbc-times 16`` for about 36k articles),
and prints the shared copy PolNeAR holds. Exits 0 with a message when the data are absent.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import time
from pathlib import Path

import pandas as pd
from _synthetic import TOPICS, bbc_documents, perturb
from common import PUBLISHERS

from analysis.syndication import canonical_agency, paragraphs_frame, shared_copy, wire_table

ROOT = Path(__file__).resolve().parent.parent

DEV_END = pd.Timestamp("2016-06-30")
DEFAULT_DATA = Path(os.environ.get("NEWSCOV_DATA", ROOT.parent / "shared" / "data"))


def md(frame: pd.DataFrame, digits: int = 3) -> str:
    """A frame as a Markdown table (floats rounded to ``digits``)."""

    def cell(v):
        return f"{v:.{digits}f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def polnear_documents(folder: Path) -> pd.DataFrame:
    """PolNeAR train articles with metadata: doc_id, outlet, published, title, author, text, gold."""
    meta = pd.read_csv(folder / "metadata.tsv", sep="\t", dtype=str, keep_default_na=False)
    texts = folder / "train" / "text"
    meta["text"] = [(texts / f"{f}.txt").read_text(encoding="utf-8") for f in meta["filename"]]
    gold = meta["wire"].map(lambda w: w if w == "NA" else ("" if w == "None" else canonical_agency(w) or w))
    return pd.DataFrame(
        {
            "doc_id": meta["filename"],
            "outlet": meta["publisher"].map(PUBLISHERS),
            "published": pd.to_datetime(meta["publication_date"]),
            "title": meta["title"],
            "author": meta["author"].replace("None", ""),
            "text": meta["text"],
            "gold": gold,
        }
    )


def pr_rows(scored: pd.DataFrame) -> list[dict]:
    """Precision / recall / F1 per gold-or-predicted agency and overall (agency must match)."""
    rows = []
    agencies = sorted((set(scored["gold"]) | set(scored["pred"])) - {""})
    for name in [*agencies, "overall"]:
        if name == "overall":
            tp = int(((scored["pred"] == scored["gold"]) & (scored["pred"] != "")).sum())
            npred, ngold = int((scored["pred"] != "").sum()), int((scored["gold"] != "").sum())
        else:
            tp = int(((scored["pred"] == name) & (scored["gold"] == name)).sum())
            npred, ngold = int((scored["pred"] == name).sum()), int((scored["gold"] == name).sum())
        p = tp / npred if npred else float("nan")
        r = tp / ngold if ngold else float("nan")
        f = 2 * p * r / (p + r) if npred and ngold and (p + r) else float("nan")
        rows.append(
            {"agency": name, "gold": ngold, "predicted": npred, "right": tp, "precision": p, "recall": r, "f1": f}
        )
    return rows


def print_table(title: str, rows: list[dict]) -> None:
    """A Markdown table of :func:`pr_rows`."""
    print(f"\n**{title}**\n\n| agency | gold | predicted | right | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        cells = [r["agency"], r["gold"], r["predicted"], r["right"]] + [
            "" if math.isnan(v) else f"{v:.3f}" for v in (r["precision"], r["recall"], r["f1"])
        ]
        print("| " + " | ".join(str(c) for c in cells) + " |")


def wire_benchmark(docs: pd.DataFrame, show_errors: str) -> None:
    """Score :func:`wire_table` against the gold wire column, per split."""
    t0 = time.perf_counter()
    table = wire_table(docs)
    secs = time.perf_counter() - t0
    scored = docs[["doc_id", "outlet", "published", "gold"]].merge(
        table.drop(columns=["outlet", "published"]), on="doc_id"
    )
    scored["pred"] = scored["wire"].where(scored["wire_role"] == "wire", "")
    print(f"wire_table on {len(docs)} PolNeAR articles: {secs:.2f} s")
    scored = scored[scored["gold"] != "NA"]
    n_na = int((docs["gold"] == "NA").sum())
    print(f"scored: {len(scored)} articles (West Journal's {n_na} 'NA' rows left out)")
    contrib = scored[scored["wire_role"] == "contribution"]
    print(
        f"contribution-only marks: {len(contrib)}; citing an agency only: "
        f"{int(((scored['wire_cited'] != '') & (scored['pred'] == '')).sum())}"
    )
    splits = {
        "dev (published <= 2016-06-30)": scored[scored["published"] <= DEV_END],
        "check (published > 2016-06-30)": scored[scored["published"] > DEV_END],
        "all": scored,
    }
    for name, part in splits.items():
        print_table(f"{name}: {len(part)} articles", pr_rows(part))
    if show_errors:
        part = splits[next(k for k in splits if k.startswith(show_errors))]
        wrong = part[part["pred"] != part["gold"]]
        print(f"\n{show_errors} errors ({len(wrong)}): doc_id, gold, predicted, kind, evidence")
        for r in wrong.itertuples():
            print(f"  {r.doc_id} gold={r.gold or '-'} pred={r.pred or '-'} {r.wire_kind} {r.wire_evidence[:60]!r}")


def bbc_times(folder: Path, times: int = 4) -> pd.DataFrame:
    """The BBC set x``times``: the originals plus 5%-edited copies of each, one dated outlet per copy."""
    base = bbc_documents(folder)
    rng = random.Random(3)
    vocab = sorted({w for t in base["text"].head(300) for w in t.split()})
    frames = []
    for k in range(times):
        copy = base.copy()
        copy["doc_id"] = f"o{k}/" + copy["doc_id"]
        copy["outlet"] = f"Outlet {k}"
        copy["published"] = pd.Timestamp("2005-01-01") + pd.Timedelta(days=k)
        if k:
            copy["text"] = [
                "\n".join(perturb(p, "edit 5%", rng, vocab) if p.strip() else p for p in t.split("\n"))
                for t in copy["text"]
            ]
        frames.append(copy)
    return pd.concat(frames, ignore_index=True)


def timed_shared(name: str, docs: pd.DataFrame, repeat: int = 2):
    """Run shared_copy on a corpus and print its size and best wall time of ``repeat`` runs."""
    paras = paragraphs_frame(docs)
    secs = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = shared_copy(paras, docs)
        secs = min(secs, time.perf_counter() - t0)
    print(f"| {name} | {len(docs):,} | {len(paras):,} | {len(result.clusters):,} | {secs:.2f} |")
    return result


def shared_findings(result, docs: pd.DataFrame) -> None:
    """What shared copy PolNeAR holds: per outlet, and the cross-outlet document pairs."""
    print("\n**PolNeAR shared copy per outlet** (paragraphs of at least 12 words)\n")
    print(md(result.outlets))
    cross = result.clusters[result.clusters["cross_outlet"]]
    within = int((~result.clusters["cross_outlet"]).sum())
    print(f"\ncross-outlet clusters: {len(cross)}; within-outlet clusters: {within}")
    if len(cross):
        by_pair = cross.groupby("outlets").agg(clusters=("cluster_id", "size"), paragraphs=("paragraphs", "sum"))
        print("\n" + md(by_pair.reset_index()))
    pairs = result.articles
    if len(pairs):
        pairs = pairs[pairs["doc_id"] < pairs["other_doc_id"]]
        print("\ncross-outlet article pairs (doc_id < other_doc_id):\n")
        print(md(pairs[["doc_id", "other_doc_id", "shared_paragraphs", "paragraphs", "share", "is_copy"]], 2))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding polnear/ and bbc/")
    ap.add_argument(
        "--errors",
        choices=["", "dev", "check", "all"],
        default="dev",
        help="list this split's errors (tune only on dev)",
    )
    ap.add_argument("--no-bbc", action="store_true", help="skip the BBC timing")
    ap.add_argument("--bbc-times", type=int, default=4, help="copies of the BBC set to time (default 4)")
    args = ap.parse_args()
    polnear = args.data / "polnear"
    if not (polnear / "metadata.tsv").is_file():
        print(f"PolNeAR not found at {polnear}; skipping (pass --data).")
        return 0
    docs = polnear_documents(polnear)
    wire_benchmark(docs, args.errors)
    print("\n**shared_copy wall time** (best of 2, one process)\n")
    print("| corpus | documents | paragraphs | clusters | seconds |\n|---|---:|---:|---:|---:|")
    result = timed_shared("PolNeAR train", docs)
    bbc = args.data / "bbc"
    if not args.no_bbc and all((bbc / t).is_dir() for t in TOPICS):
        timed_shared("BBC x1", bbc_documents(bbc).assign(published=pd.Timestamp("2005-01-01")))
        big = bbc_times(bbc, args.bbc_times)
        repeat = 1 if args.bbc_times > 4 else 2
        bbc_result = timed_shared(f"BBC x{args.bbc_times} (5% edits)", big, repeat=repeat)
        shares = bbc_result.outlets["paragraph_share"]
        first0 = (bbc_result.clusters["first_outlet"] == "Outlet 0").mean()
        print(
            f"\nBBC x{args.bbc_times} outlet paragraph shares: {shares.min():.3f}-{shares.max():.3f}; "
            f"earliest publisher = Outlet 0 (the originals) in {first0:.3f} of clusters"
        )
    elif not args.no_bbc:
        print(f"(BBC set not found at {bbc}: BBC timing skipped)")
    shared_findings(result, docs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
