"""The BBC News set (bbc-fulltext, Greene & Cunningham, ICML 2006), read in place.

Research use only: it is read from ``../shared/data/bbc/<topic>/NNN.txt`` and never
copied into the project. Shared by the benchmark scripts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC_DEFAULT = ROOT.parent / "shared" / "data" / "bbc"
TOPICS = ("business", "entertainment", "politics", "sport", "tech")
WHERE = (
    "The BBC News raw-text set (bbc-fulltext, D. Greene and P. Cunningham, ICML 2006) is "
    "distributed by the Machine Learning Group of University College Dublin; put it at {path} "
    "(folders business/, entertainment/, politics/, sport/, tech/)."
)


def available(folder: Path = BBC_DEFAULT) -> bool:
    """Whether the BBC folder is there (all five topic folders)."""
    return all((folder / t).is_dir() for t in TOPICS)


def bbc_documents(folder: Path = BBC_DEFAULT, limit: int | None = None) -> list:
    """The BBC articles as Documents (outlet "BBC News", undated), in topic/file order.

    Parameters
    ----------
    folder: the BBC folder with one sub-folder per topic.
    limit: at most this many articles (None: all).
    """
    from analysis.documents import Document, decode_bytes

    docs = []
    for topic in TOPICS:
        for f in sorted((folder / topic).glob("*.txt")):
            text, _ = decode_bytes(f.read_bytes())
            docs.append(
                Document(doc_id=f"{topic}/{f.stem}", outlet="BBC News", text=text, title=text.split("\n", 1)[0].strip())
            )
    return docs[:limit] if limit else docs


def sample_parser(description: str, every: int) -> argparse.ArgumentParser:
    """An argument parser with ``--bbc DIR`` and ``--every K`` (take every K-th article, default ``every``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--bbc", type=Path, default=BBC_DEFAULT)
    parser.add_argument("--every", type=int, default=every, help="take every K-th article")
    return parser


def sample(args: argparse.Namespace) -> list | None:
    """Every ``args.every``-th BBC article, or None (having said where to get the set) when it is absent."""
    if not available(args.bbc):
        print(f"BBC corpus not found at {args.bbc}. " + WHERE.format(path=args.bbc))
        return None
    return bbc_documents(args.bbc)[:: args.every]
