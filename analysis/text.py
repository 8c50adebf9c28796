"""Split one document into paragraphs (with page furniture flagged) and sentences.

Offsets are character offsets into the document text, so every figure can point back
to its evidence. Nothing is deleted: furniture (summary boxes, captions, methodology
blocks, tables, metadata, trailing blank lines) gets a paragraph row with ``kind``,
``is_furniture`` and a ``reason``; later analyses skip or mark it.

Paragraph kinds
---------------
headline, subhead, body (reporting); embedded_post (a quoted social post: not furniture,
it is a source); caption, box, box_heading, methodology, table, metadata, dateline,
credit, blank (furniture).

Sentences come from NLTK's Punkt with the hand-made news model built by
:mod:`analysis.nltkdata`. Its empty sentence-starter table cannot tell that "U.S." ends
a sentence before "According"; :data:`SENT_STARTERS` fills that gap in code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from analysis import nltkdata
from analysis.columns import Columns, to_frame

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktTokenizer

# Words that, capitalised after an abbreviation such as "U.S.", start a new sentence.
SENT_STARTERS = frozenset(
    """
a according after also although an and as at but by despite during earlier even for
however he her his if in it its last later meanwhile more most no not on one our over
she since so some still that the their then there these they this those though thus
to under until we what when where whether which while who why with yet
""".split()
)

# Headings that open a page-furniture box (matched on the whole line, case-insensitive).
BOX_HEADINGS = frozenset(
    {
        "key takeaways",
        "key facts",
        "key intelligence",
        "mentioned",
        "who's affected",
        "who’s affected",
        "timeline",
        "related",
        "related articles",
        "read more",
        "more on this",
        "recommended",
        "share this article",
        "advertisement",
        "sign up",
        "subscribe",
    }
)
# Headings after which the rest of the article is methodology / about-us material.
TAIL_HEADINGS = frozenset({"how we covered this story", "about this story", "methodology", "about us"})
# Section labels of a page template (not the article's own subheads).
SECTION_LABELS = frozenset({"analysis", "what to watch", "background", "context"})

BOX_ITEM_MAX_WORDS = 25
SUBHEAD_MAX_WORDS = 20
HEADLINE_MAX_WORDS = 20

WORD_RE = re.compile(r"\w[\w'’\-]*")
CAPTION_RE = re.compile(
    r"^(?:[A-Z][\w.'’\-]+ ){1,4}/ ?(?:[A-Z][\w.&'’\-]+ ?){1,4}(?=[A-Z])"
    r"|^(?:Photo|Image|Picture|Credit)s?:"
)
POST_RE = re.compile(r"—\s*[^—\n]{1,80}\(@\w{1,30}\)\s+[A-Z][a-z]+ \d{1,2}, \d{4}\s*$")
METADATA_PREFIX_RE = re.compile(r"^\s*(?:date|published|updated)[: ]\s*\d{4}-\d{2}-\d{2}(?:[T ][\d:]+)?\s+", re.I)
DATELINE_RE = re.compile(
    r"^([A-Z][A-Z .'/\-]{2,80}?)(?:,\s[A-Za-z. ]{2,30})?(?:\s\([A-Za-z ]+\))?\s?[:—–-]\s+(?=[A-Z])"
)
CREDIT_RE = re.compile(r"(?:contributed to this report|^(?:reporting|writing|editing|additional reporting) by\b)", re.I)
TABLE_RE = re.compile(r"^\s*\|.*\|\s*$")
SENT_END = re.compile(r"[.?!]")  # Punkt's sentence-end characters: it breaks only after one of them
TERMINAL_RE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")

PARAGRAPH_COLUMNS: dict[str, str] = {  # column -> dtype of the paragraphs frame
    "doc_id": "str",
    "para_id": "int32",
    "start": "int32",
    "end": "int32",
    "kind": "str",
    "is_furniture": "bool",
    "reason": "str",
    "text": "str",
}
SENTENCE_COLUMNS: dict[str, str] = {  # column -> dtype of the sentences frame
    "doc_id": "str",
    "sent_id": "int32",
    "para_id": "int32",
    "start": "int32",
    "end": "int32",
    "text": "str",
    "is_furniture": "bool",
}
BASE_SCHEMAS = {"paragraphs": PARAGRAPH_COLUMNS, "sentences": SENTENCE_COLUMNS}
SKIP_SENTENCES = frozenset({"blank", "metadata", "dateline", "table"})
FURNITURE_KINDS = frozenset(
    {"credit", "caption", "box", "box_heading", "methodology", "table", "metadata", "dateline", "blank"}
)


@lru_cache(maxsize=1)
def tokenizer() -> PunktTokenizer:
    """The Punkt tokenizer with the news model and :data:`SENT_STARTERS`.

    NLTK is imported here, on first use, not with this module: it takes most of a second
    (``nltk`` imports SciPy), and a corpus read whole from the cache never segments.
    Raises :class:`analysis.nltkdata.NLTKDataMissing` with set-up instructions if the data is missing.
    """
    nltkdata.require()
    from nltk.tokenize.punkt import PunktTokenizer

    tok = PunktTokenizer("english")
    tok._params.sent_starters.update(SENT_STARTERS)  # noqa: SLF001 - punkt has no public setter
    return tok


def one_line(text: str, width: int) -> str:
    """``text`` on one line (runs of whitespace made one space), cut to ``width`` characters with "…"."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def word_count(text: str) -> int:
    """Number of words (runs of letters/digits, with inner apostrophes and hyphens)."""
    return len(WORD_RE.findall(text))


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), stripped of surrounding whitespace."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.span()
        seg = m.group()
        if not seg.strip():
            continue
        s += len(seg) - len(seg.lstrip())
        e -= len(seg) - len(seg.rstrip())
        spans.append((s, e))
    return spans


def _norm_heading(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip().rstrip(":").strip()).lower()


def classify_lines(text: str, title: str = "") -> list[dict]:
    """Paragraph records (start, end, kind, is_furniture, reason) for one document text.

    Parameters
    ----------
    text: the document text.
    title: the manifest title, if any; a first line equal to it is the headline.
    """
    out: list[dict] = []

    def add(s: int, e: int, kind: str, reason: str = "") -> None:
        out.append({"start": s, "end": e, "kind": kind, "is_furniture": kind in FURNITURE_KINDS, "reason": reason})

    mode, mode_reason = "", ""
    lines = _line_spans(text)
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        head = _norm_heading(line)
        words = word_count(line)
        if mode == "tail":
            add(s, e, "table" if TABLE_RE.match(line) else "methodology", mode_reason)
            continue
        if head in TAIL_HEADINGS:
            mode, mode_reason = "tail", f"methodology block under heading {line.strip()!r}"
            add(s, e, "methodology", mode_reason)
            continue
        if head in BOX_HEADINGS:
            mode, mode_reason = "box", f"page box {line.strip()!r}"
            add(s, e, "box_heading", f"box heading {line.strip()!r}")
            continue
        if head in SECTION_LABELS:
            mode = ""
            add(s, e, "box_heading", f"page-template section label {line.strip()!r}")
            continue
        if TABLE_RE.match(line):
            add(s, e, "table", "table row")
            continue
        if mode == "box":
            if line.lstrip().startswith(("-", "•", "*")) or words < BOX_ITEM_MAX_WORDS:
                add(s, e, "box", mode_reason)
                continue
            mode = ""
        if CAPTION_RE.match(line):
            add(s, e, "caption", "photo credit and caption")
            continue
        if CREDIT_RE.search(line) and word_count(line) <= 30:
            add(s, e, "credit", "reporter credit line")
            continue
        if POST_RE.search(line) or ("https://t.co/" in line and "(@" in line):
            add(s, e, "embedded_post", "embedded social-media post (a quotable source)")
            continue
        meta = METADATA_PREFIX_RE.match(line)
        if meta:
            add(s, s + meta.end(), "metadata", f"metadata line {line[: meta.end()].strip()!r}")
            s = s + meta.end()
            line = text[s:e]
        if i == 0 and not meta:
            dl = DATELINE_RE.match(line)
            if dl and dl.group(1).upper() == dl.group(1) and len(dl.group(1).strip()) > 2:
                add(s, s + dl.end(), "dateline", "wire dateline")
                s = s + dl.end()
                line = text[s:e]
        is_short = word_count(line) <= HEADLINE_MAX_WORDS and not TERMINAL_RE.search(line)
        if i == 0 and (is_short or (title and line.strip() == title.strip())):
            add(s, e, "headline", "first line, short, no final period")
        elif (
            i > 0
            and (is_short or (line.rstrip().endswith("?") and word_count(line) <= 12))
            and word_count(line) <= SUBHEAD_MAX_WORDS
        ):
            add(s, e, "subhead", "short line without final period")
        else:
            add(s, e, "body")
    tail = len(text.rstrip())
    if lines and len(text) - tail > 2 and text[tail:].count("\n") > 2:
        add(tail, len(text), "blank", f"{text[tail:].count(chr(10))} trailing blank lines")
    return out


def paragraph_columns(doc_id: str, text: str, title: str = "") -> Columns:
    """The paragraphs of one document as :class:`~analysis.columns.Columns` (:data:`PARAGRAPH_COLUMNS`).

    Parameters
    ----------
    doc_id: the document's id, repeated on every row.
    text: the document text all offsets index.
    title: the manifest title, if any.
    """
    recs = classify_lines(text, title)
    return Columns(
        {
            "doc_id": [doc_id] * len(recs),
            "para_id": list(range(len(recs))),
            "start": [r["start"] for r in recs],
            "end": [r["end"] for r in recs],
            "kind": [r["kind"] for r in recs],
            "is_furniture": [bool(r["is_furniture"]) for r in recs],
            "reason": [r["reason"] for r in recs],
            "text": [text[r["start"] : r["end"]] for r in recs],
        }
    )


def split_paragraphs(doc_id: str, text: str, title: str = "") -> pd.DataFrame:
    """The paragraphs frame for one document (see module docstring for kinds); parameters as
    :func:`paragraph_columns`."""
    return to_frame(paragraph_columns(doc_id, text, title), PARAGRAPH_COLUMNS)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets within ``text[start:end]``, in document offsets.

    Parameters
    ----------
    text: the document text.
    start, end: the span to split (a paragraph); sentences never cross it.
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    body = chunk.rstrip()
    if not body:
        return []
    if not SENT_END.search(body, 0, len(body) - 1):  # no break possible before the end: one sentence
        return [(start, start + len(body))]  # what Punkt gives (leading spaces kept, trailing cut), faster
    spans = []
    for s, e in tokenizer().span_tokenize(chunk):
        if chunk[s:e].strip():
            spans.append((start + s, start + e))
    return spans


def sentence_columns(doc_id: str, text: str, paragraphs) -> Columns:
    """The sentences of one document, a row per sentence of every non-blank paragraph (:data:`SENTENCE_COLUMNS`).

    Parameters
    ----------
    doc_id: the document's id.
    text: the document text.
    paragraphs: its paragraphs (:func:`paragraph_columns`, or the frame of :func:`split_paragraphs`).
    """
    para_ids, starts, ends, furniture = [], [], [], []
    for pid, kind, ps, pe, furn in zip(
        paragraphs["para_id"].tolist(),
        paragraphs["kind"].tolist(),
        paragraphs["start"].tolist(),
        paragraphs["end"].tolist(),
        paragraphs["is_furniture"].tolist(),
    ):
        if kind in SKIP_SENTENCES:
            continue
        for s, e in sentence_spans(text, ps, pe):
            para_ids.append(pid)
            starts.append(s)
            ends.append(e)
            furniture.append(furn)
    n = len(starts)
    return Columns(
        {
            "doc_id": [doc_id] * n,
            "sent_id": list(range(n)),
            "para_id": para_ids,
            "start": starts,
            "end": ends,
            "text": [text[s:e] for s, e in zip(starts, ends)],
            "is_furniture": furniture,
        }
    )


def split_sentences(doc_id: str, text: str, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The sentences frame for one document; parameters as :func:`sentence_columns`."""
    return to_frame(sentence_columns(doc_id, text, paragraphs), SENTENCE_COLUMNS)


def segment_columns(doc_id: str, text: str, title: str = "") -> dict[str, Columns]:
    """A document's base rows as columns, ``{"paragraphs": ..., "sentences": ...}`` (the pipeline's form).

    Parameters
    ----------
    doc_id, text, title: as for :func:`segment`.
    """
    paragraphs = paragraph_columns(doc_id, text, title)
    return {"paragraphs": paragraphs, "sentences": sentence_columns(doc_id, text, paragraphs)}


def segment(doc_id: str, text: str, title: str = "") -> dict[str, pd.DataFrame]:
    """A document's base frames: ``{"paragraphs": ..., "sentences": ...}``.

    Parameters
    ----------
    doc_id: the document's id (copied into every row).
    text: the document text; offsets point into it.
    title: its headline, when the manifest gives one (to recognise it in the text).
    """
    base = segment_columns(doc_id, text, title)
    return {name: to_frame(rows, BASE_SCHEMAS[name]) for name, rows in base.items()}
