"""Cost of the distinctive-terms table on the BBC News set, at x1 and x4.

Usage:
    python benchmarks/language_speed.py [--bbc DIR] [--scales 1 4] [--repeat 3] [--top 10]

Reads the BBC News set (bbc-fulltext, Greene & Cunningham 2006; research use only) read-only
from ``../shared/data/bbc/<topic>/NNN.txt``; nothing is copied into the project. The topic is
the group. Sentences come from NLTK's Punkt when its English model is installed (else a crude
regex split) and are not timed; x4 repeats every article four times under new doc_ids. Prints a
Markdown table (documents, sentences, best-of-``repeat`` seconds for ``distinctive_terms`` and
``term_evidence``, peak resident memory so far), the top terms of each topic, and how much the
top 20 move when the prior's alpha_0 is 10 times smaller or larger. Where the folder is absent
it says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import time
from pathlib import Path

import pandas as pd
from common import best_time

ROOT = Path(__file__).resolve().parent.parent
BBC_DEFAULT = ROOT.parent / "shared" / "data" / "bbc"
TOPICS = ("business", "entertainment", "politics", "sport", "tech")
CRUDE_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"')\u201d\u2019]*|$)")


def sentence_splitter():
    """A function text -> [(start, end)]: Punkt if its English model is there, else a regex."""
    try:
        from nltk.tokenize.punkt import PunktTokenizer

        tok = PunktTokenizer("english")
        return lambda text: list(tok.span_tokenize(text)), "nltk punkt"
    except (ImportError, LookupError, OSError):
        return lambda text: [m.span() for m in CRUDE_SENTENCE.finditer(text) if m.group().strip()], "regex"


def read_bbc(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The BBC documents (doc_id, outlet, topic) and sentences frames, and the splitter's name.

    Parameters
    ----------
    folder: the BBC folder with one sub-folder per topic.
    """
    split, how = sentence_splitter()
    docs, sents = [], []
    for topic in TOPICS:
        for f in sorted((folder / topic).glob("*.txt")):
            text = f.read_bytes().decode("utf-8", errors="replace")
            doc_id = f"{topic}/{f.stem}"
            docs.append({"doc_id": doc_id, "outlet": "BBC News", "topic": topic, "published": None})
            sent_id = 0
            for para in re.finditer(r"[^\n]+", text):
                for s, e in split(para.group()):
                    start, end = para.start() + s, para.start() + e
                    sents.append((doc_id, sent_id, start, end, text[start:end], False))
                    sent_id += 1
    sentences = pd.DataFrame(sents, columns=["doc_id", "sent_id", "start", "end", "text", "is_furniture"])
    return pd.DataFrame(docs), sentences, how


def scaled(documents: pd.DataFrame, sentences: pd.DataFrame, k: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus repeated ``k`` times under new doc_ids ("business/001#2").

    Parameters
    ----------
    documents, sentences: the frames.
    k: copies.
    """
    if k == 1:
        return documents, sentences

    def copies(frame: pd.DataFrame) -> pd.DataFrame:
        parts = [frame.assign(doc_id=frame["doc_id"] + f"#{i}") for i in range(k)]
        return pd.concat(parts, ignore_index=True)

    return copies(documents), copies(sentences)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print Markdown tables."""
    from analysis.language import ALPHA_0, distinctive_terms, term_evidence

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bbc", type=Path, default=BBC_DEFAULT)
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args(argv)
    if not all((args.bbc / t).is_dir() for t in TOPICS):
        print(f"BBC folder not found at {args.bbc}; nothing measured.")
        return 0
    t0 = time.perf_counter()
    documents, sentences, how = read_bbc(args.bbc)
    took = time.perf_counter() - t0
    print(
        f"read {len(documents)} articles, {len(sentences)} sentences ({how}) in {took:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n"
    )
    print("| scale | documents | sentences | terms listed | distinctive_terms s | term_evidence s | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    table = None
    for k in args.scales:
        docs_k, sents_k = scaled(documents, sentences, k)
        t_terms, terms = best_time(
            lambda: distinctive_terms(sents_k, docs_k, by="topic"),  # noqa: B023
            args.repeat,
        )
        t_ev, _ = best_time(lambda: term_evidence(sents_k, docs_k, terms), args.repeat)  # noqa: B023
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| x{k} | {len(docs_k):,} | {len(sents_k):,} | {len(terms)} | {t_terms:.2f} | {t_ev:.2f} | {rss:,.0f} |")
        table = terms if k == 1 else table
    table = table if table is not None else distinctive_terms(sentences, documents, by="topic")
    print()
    for topic in TOPICS:
        part = table[table["group"] == topic]
        for kind, flag in (("words", False), ("names", True)):
            rows = part[part["is_name"] == flag].head(args.top)
            terms = zip(rows["term"], rows["z"], strict=True)
            print(f"{topic} {kind}: " + ", ".join(f"{t} ({z:.1f})" for t, z in terms))
    print("\n| alpha_0 | top-20 words shared with alpha_0 = 1,000 (mean over topics) |\n|---:|---:|")
    base = table[~table["is_name"]]
    for a0 in (ALPHA_0 / 10, ALPHA_0 * 10):
        other = distinctive_terms(sentences, documents, by="topic", alpha_0=a0)
        other = other[~other["is_name"]]
        shared = [len(set(base[base.group == t].term) & set(other[other.group == t].term)) / 20 for t in TOPICS]
        print(f"| {a0:,.0f} | {sum(shared) / len(shared):.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
