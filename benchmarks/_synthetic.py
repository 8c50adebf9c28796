"""BBC paragraphs and seeded synthetic near-duplicates of them, for the syndication benchmarks.

The BBC News set (bbc-fulltext, Greene & Cunningham, ICML 2006; research use only) is read in place
from ``<data>/bbc/<topic>/NNN.txt`` and never copied into the project. Nothing here is imported by the
``analysis`` package.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pandas as pd

TOPICS = ("business", "entertainment", "politics", "sport", "tech")
LEVELS = ("restyled", "edit 5%", "edit 10%", "edit 20%", "trimmed")
EDIT_RATES = {"restyled": 0.0, "edit 5%": 0.05, "edit 10%": 0.10, "edit 20%": 0.20, "trimmed": 0.0}
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
SEED = 7


def read_text(path: Path) -> str:
    """A BBC file's text (UTF-8, else Latin-1, as some files are), without carriage returns."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.replace("\r", "")


def bbc_documents(folder: Path) -> pd.DataFrame:
    """The BBC articles as a documents frame (doc_id, outlet "BBC", published NaT, title, text)."""
    rows = []
    for topic in TOPICS:
        for f in sorted((folder / topic).glob("*.txt")):
            text = read_text(f)
            rows.append(
                {
                    "doc_id": f"{topic}/{f.stem}",
                    "outlet": "BBC",
                    "published": pd.NaT,
                    "title": text.split("\n", 1)[0].strip(),
                    "text": text,
                }
            )
    return pd.DataFrame(rows)


def perturb(text: str, level: str, rng: random.Random, vocab: list[str]) -> str:
    """A near-duplicate of a paragraph, as a copy desk might make it.

    Parameters
    ----------
    text: the paragraph.
    level: one of :data:`LEVELS`: "restyled" changes only case, quotes and spacing; "edit N%" also
        substitutes, deletes or inserts about N% of the words; "trimmed" drops the last sentence
        (or the last third of the words when there is one sentence).
    rng: the seeded random source.
    vocab: words to substitute or insert.

    Returns
    -------
    The perturbed paragraph.
    """
    if level == "trimmed":
        sents = SENTENCE_END_RE.split(text)
        if len(sents) > 1:
            return " ".join(sents[:-1])
        words = text.split()
        return " ".join(words[: max(1, (2 * len(words)) // 3)])
    out = []
    rate = EDIT_RATES[level]
    for w in text.split():
        r = rng.random()
        if r < rate / 3:
            out.append(rng.choice(vocab))
        elif r < 2 * rate / 3:
            continue
        elif r < rate:
            out.extend([w, rng.choice(vocab)])
        else:
            out.append(w)
    restyled = " ".join(out).replace('"', "“", 1).replace("'", "’")
    return restyled.upper() if rng.random() < 0.1 else restyled
