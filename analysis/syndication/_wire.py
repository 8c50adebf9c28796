"""Wire copy recognised from its own marks: datelines, agency credit lines, bylines, contribution notes.

Evidence kinds, strongest first (the strongest found decides; ties go to the earliest in the text):

* ``dateline``: a paragraph near the top opening ``PLACE[, REGION][, Month D] (AGENCY) —`` in any of
  the agencies' styles: ``WASHINGTON (AP) —``, ``Washington (AFP) –``, ``HEMPSTEAD, N.Y., Sept. 26
  (UPI) --``, ``LONDON (Reuters) -``, ``Dec 29 (Reuters) -``, ``(AP) _``; ``New Delhi, Jan 5 (PTI)``
  with a date needs no dash.
* ``credit``: the agency's own closing credits: Reuters' ``(Reporting by …; Editing by …)`` and its
  ``Writing by`` / ``Additional reporting by`` forms (always parenthesised), Bloomberg's "To contact
  the reporter on this story", a last line ending ``— AFP``, the agency's copyright notice
  ("Copyright 2016 The Associated Press. All rights reserved.").
* ``byline``: a line near the top such as ``By The Associated Press``, ``The Associated Press``,
  ``By JANE DOE, Associated Press``, ``JANE DOE, AP Political Writer``; or the ``author`` field naming
  an agency (``AP``, ``Reuters staff``, ``Jane Doe, Associated Press``); or a title ending
  ``- Reuters`` / ``| AP News``.
* ``contribution``: "The Associated Press contributed to this report", "Reuters contributed
  reporting", "Material from AFP was used in this report": the outlet's own story with agency help,
  recorded with role "contribution", never as wire copy.

Mentions that **cite** an agency ("the Associated Press reported", "according to Reuters", "told The
Associated Press") are neither: they are listed in ``wire_cited`` and change nothing else.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

import pandas as pd

from ._agencies import (
    DASHES,
    MONTHS,
    PARTICLES,
    alternation,
    canonical_agency,
    cited_agencies,
    mentions_agency,
    spellings,
)

TOP_LINES = 6  # datelines and bylines are looked for in the first non-empty lines only
KIND_RANK = {"dateline": 0, "credit": 1, "byline": 2, "contribution": 3}
FIELD_RANK = {"text": 0, "author": 1, "title": 2}

_ANY = alternation(spellings())
_PROSE = alternation(spellings(prose=True))
_WORD = r"[A-ZÀ-ÖØ-Þ][\w.'’\-]*"
_PLACE = rf"{_WORD}(?:[ ](?:(?:{PARTICLES})[ ])*{_WORD}){{0,4}}"
_DATE = rf"(?:,?[ ]?(?:{MONTHS})\.?[ ]\d{{1,2}}(?:,[ ]\d{{4}})?)"
DATELINE_RE = re.compile(
    rf"^[ \t]*(?:{_PLACE}(?:,[ ]{_PLACE}){{0,2}})?(?P<date>{_DATE})?[ ]?"
    rf"\((?P<agency>{_ANY})\)[ \t]*(?P<dash>{DASHES})?(?=[ \t]*[\w“\"‘'])"
)
CREDIT_RE = re.compile(r"\((?:Additional[ ]reporting|Reporting|Writing|Editing|Compiled)[ ]by[ ][^()\n]{2,400}?\)")
BLOOMBERG_CREDIT_RE = re.compile(
    r"^[ \t]*To contact the (?:reporters?|editors?) (?:on|responsible for) this story", re.MULTILINE
)
COPYRIGHT_RE = re.compile(
    rf"(?:Copyright|©|\([cC]\))[ ]*(?:\d{{4}}[ ]*)?(?P<agency>{_PROSE})[.,]?[ ]*"
    r"All rights reserved"
)
SIGNOFF_RE = re.compile(rf"[.!?”\"'][ \t]*(?:—|–|--|-)[ \t]*(?P<agency>{_PROSE})[ \t.]*$")
BYLINE_RES = (
    re.compile(rf"^[ \t]*By[ ]+(?:[^\n]{{1,80}}?,?[ ]+(?:of[ ]+)?)?(?P<agency>{_PROSE})[ \t]*$"),
    re.compile(r"^[ \t]*(?P<agency>(?:The[ ])?Associated[ ]Press|Agence[ ]France-Presse|Reuters)[ \t]*$"),
    re.compile(
        rf"^[ \t]*(?:By[ ]+)?[A-Z][^\n]{{0,80}}?,[ ]+(?P<agency>AP|Associated Press|{_PROSE})"
        r"(?:[ ][A-Z][a-z]+){0,3}[ ]Writers?[ \t]*$"
    ),
)
AUTHOR_RE = re.compile(
    rf"^(?:By[ ]+)?(?:[^\n]{{0,80}}?(?:,|\||/|;|\(|\bof|\bfor)[ ]*)?(?P<agency>{_ANY})\)?"
    r"(?:[ ]+(?:staff|staff writer|writers?|reporters?|wire|news))?[ \t.]*$",
    re.IGNORECASE,
)
TITLE_RE = re.compile(rf"(?<=[ ])(?:-|–|—|\|)[ ]+(?P<agency>{_PROSE})(?=[ ]*$)")
CONTRIBUTION_RES = (
    re.compile(
        rf"\b(?P<agency>{_PROSE})(?:[ ](?:writers?|reporters?|correspondents?|staff))?"
        rf"(?:[ ][A-Z][\w.'’\-]+(?:[ ][A-Z][\w.'’\-]+){{0,3}}(?:,[ ]|[ ]and[ ])?){{0,6}}"
        r"(?:[ ]and[ ][^\n.]{1,60}?)?[ ]contributed"
        r"(?:[ ]reporting|[ ]to[ ]this[ ](?:report|story|article)|[ ]from\b|(?=[.;]))"
    ),
    re.compile(
        rf"\b(?:Material|Information|Reporting)[ ]from[ ](?:the[ ])?(?P<agency>{_PROSE})"
        r"[^\n.]{0,60}?[ ](?:was|were|is|has been)[ ](?:used|included)"
    ),
    re.compile(
        r"\bThis[ ](?:report|story|article)[ ](?:includes|contains|uses)[ ]"
        rf"(?:material|reporting|information)[ ]from[ ](?:the[ ])?(?P<agency>{_PROSE})"
    ),
)


class WireMark(NamedTuple):
    """What one document's own marks say about wire copy (see the module docstring).

    ``wire``: canonical agency or ""; ``wire_role``: "wire", "contribution" or ""; ``wire_kind``:
    dateline, credit, byline, contribution or ""; ``wire_field``: where the evidence is (text, author,
    title); ``wire_start`` / ``wire_end``: str offsets of the evidence in that field (-1 when none);
    ``wire_evidence``: the matched text; ``wire_cited``: agencies the text cites, "; "-joined.
    """

    wire: str = ""
    wire_role: str = ""
    wire_kind: str = ""
    wire_field: str = ""
    wire_start: int = -1
    wire_end: int = -1
    wire_evidence: str = ""
    wire_cited: str = ""


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the non-empty lines of a text, in order."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _marks_in_text(text: str) -> list[tuple[str, str, int, int]]:
    """Every (kind, agency, start, end) mark found in the text."""
    found = []
    lines = _lines(text)
    for s, e in lines[:TOP_LINES]:
        line = text[s:e]
        m = DATELINE_RE.match(line)
        if m and (m.group("dash") or m.group("date")):
            found.append(("dateline", m.group("agency"), s + m.start(), s + m.end()))
        for rx in BYLINE_RES:
            b = rx.match(line)
            if b:
                found.append(("byline", b.group("agency"), s + b.start(), s + b.end()))
                break
    found += [("credit", "Reuters", m.start(), m.end()) for m in CREDIT_RE.finditer(text)]
    found += [("credit", "Bloomberg", m.start(), m.end()) for m in BLOOMBERG_CREDIT_RE.finditer(text)]
    found += [("credit", m.group("agency"), m.start(), m.end()) for m in COPYRIGHT_RE.finditer(text)]
    if lines:
        s, e = lines[-1]
        m = SIGNOFF_RE.search(text, s, e)
        if m and len(text[s : m.start()].split()) >= 8:
            found.append(("credit", m.group("agency"), m.start() + 1, m.end()))
    if mentions_agency(text):
        for rx in CONTRIBUTION_RES:
            found += [("contribution", m.group("agency"), m.start(), m.end()) for m in rx.finditer(text)]
    return [(kind, agency, s, _rstrip(text, s, e)) for kind, agency, s, e in found]


def _rstrip(text: str, start: int, end: int) -> int:
    """``end`` moved left past trailing whitespace (never before ``start``)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _field(value: object) -> str:
    """A frame cell as text: "" for None or NaN."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def detect_wire(text: str, title: str = "", author: str = "") -> WireMark:
    """Whether an article is wire copy (or carries an agency contribution), from its own marks.

    Parameters
    ----------
    text: the article text (offsets index it).
    title: its headline, if known (only a trailing "- Reuters" / "| AP News" form counts).
    author: its byline field, if known ("AP", "Reuters staff", "Jane Doe, Associated Press").

    Returns
    -------
    A :class:`WireMark`; the default (all empty, offsets -1) when no mark is found.
    """
    marks = [(kind, agency, "text", s, e) for kind, agency, s, e in _marks_in_text(text)]
    author = _field(author)
    a = AUTHOR_RE.match(author.strip()) if author.strip() else None
    if a:
        lead = len(author) - len(author.lstrip())
        marks.append(("byline", a.group("agency"), "author", lead + a.start(), lead + a.end()))
    title = _field(title)
    t = TITLE_RE.search(title)
    if t:
        marks.append(("byline", t.group("agency"), "title", t.start(), t.end()))
    marks = [(k, canonical_agency(ag), f, s, e) for k, ag, f, s, e in marks if canonical_agency(ag)]
    cited = "; ".join(cited_agencies(text))
    if not marks:
        return WireMark(wire_cited=cited)
    kind, agency, field, s, e = min(marks, key=lambda m: (KIND_RANK[m[0]], FIELD_RANK[m[2]], m[3]))
    source = {"text": text, "author": author, "title": title}[field]
    role = "contribution" if kind == "contribution" else "wire"
    return WireMark(agency, role, kind, field, s, e, source[s:e], cited)


WIRE_COLUMNS = ["doc_id", *WireMark._fields]


def wire_marks(documents: pd.DataFrame) -> pd.DataFrame:
    """:func:`detect_wire` for every row of a documents frame.

    Parameters
    ----------
    documents: doc_id and text, optionally title and author (missing values count as empty).

    Returns
    -------
    One row per document, in the input order: doc_id, wire, wire_role, wire_kind, wire_field,
    wire_start, wire_end (int; -1 when there is no evidence), wire_evidence, wire_cited.
    """
    missing = [c for c in ("doc_id", "text") if c not in documents.columns]
    if missing:
        raise ValueError(f"documents frame lacks columns {missing}")
    n = len(documents)
    texts = documents["text"].fillna("").astype(str).tolist()
    titles = documents["title"].tolist() if "title" in documents.columns else [""] * n
    authors = documents["author"].tolist() if "author" in documents.columns else [""] * n
    marks = [detect_wire(t, ti, au) for t, ti, au in zip(texts, titles, authors)]
    out = (
        pd.DataFrame(marks, columns=list(WireMark._fields))
        if marks
        else pd.DataFrame({c: pd.Series(dtype=object) for c in WireMark._fields})
    )
    out.insert(0, "doc_id", documents["doc_id"].to_numpy())
    out["wire_start"] = out["wire_start"].astype("int64")
    out["wire_end"] = out["wire_end"].astype("int64")
    return out[WIRE_COLUMNS]
