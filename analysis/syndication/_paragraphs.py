"""A plain paragraphs frame from a documents frame, for corpora that have none yet."""
from __future__ import annotations

import re

import pandas as pd

LINE_RE = re.compile(r"[^\n]*\S[^\n]*")
PARAGRAPH_COLUMNS = ["doc_id", "para_id", "start", "end", "text"]


def paragraphs_frame(documents: pd.DataFrame) -> pd.DataFrame:
    """Every non-empty line of every document as one paragraph, with offsets into its text.

    Parameters
    ----------
    documents: doc_id and text (other columns are ignored; join them back on doc_id).

    Returns
    -------
    doc_id, para_id (0, 1, ... per document, in text order), start, end (str offsets of the line
    without its surrounding spaces), text (``text[start:end]``); documents without text give no rows.
    """
    rows: dict[str, list] = {c: [] for c in PARAGRAPH_COLUMNS}
    for doc_id, text in zip(documents["doc_id"].tolist(), documents["text"].fillna("").astype(str).tolist()):
        for pid, m in enumerate(LINE_RE.finditer(text)):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            end = m.end() - (len(m.group()) - len(m.group().rstrip()))
            rows["doc_id"].append(doc_id)
            rows["para_id"].append(pid)
            rows["start"].append(start)
            rows["end"].append(end)
            rows["text"].append(text[start:end])
    out = pd.DataFrame(rows)
    return out.astype({"para_id": "int64", "start": "int64", "end": "int64"})
