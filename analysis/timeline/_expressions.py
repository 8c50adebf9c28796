"""Temporal expressions for the timeline stage: the word lists, patterns and finding them.

:func:`find_expressions` (and :func:`expressions_by_sentence`, one scan per document) finds
clock times, weekdays, calendar dates, years, ISO / numeric dates and deictic phrases with
compiled regexes and merges adjacent atoms into one :class:`Expr` (rule 1 of
:mod:`analysis.timeline.stage`). The month, weekday and happening vocabularies here are shared
with the rest of the stage.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from analysis.text import SENT_STARTERS

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_NAMES = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Month names that are also common words or names: need a preposition or a day/year.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "june", "august"})
MONTH_LEADS = frozenset(
    {
        "in",
        "since",
        "by",
        "until",
        "till",
        "through",
        "from",
        "during",
        "before",
        "after",
        "of",
        "last",
        "next",
        "this",
        "early",
        "mid",
        "late",
        "the",
        "and",
    }
)
FUTURE_PREPS = frozenset({"by", "until", "till", "before"})
# Capitalised words that may precede a weekday that is a date ("On Friday", "Then Friday");
# any other ("Black Friday", "Mike Friday") makes it part of a name.
WEEKDAY_LEADS = MONTH_LEADS | FUTURE_PREPS | SENT_STARTERS

# Happening families: the word in the sentence -> what happened on that date.
HAPPENINGS: dict[str, tuple[str, ...]] = {
    "meeting": ("meeting", "meetings", "met", "meet", "meets", "summit", "ultimatum"),
    "deadline": ("deadline", "deadlines", "cutoff"),
    "deal": ("deal", "deals", "agreement", "agreements", "agreed", "contract", "contracts", "signed"),
    "memo": ("memo", "memos", "memorandum", "directive"),
    "statement": ("statement", "statements", "interview", "remarks"),
    "post": ("post", "posted", "tweet", "tweeted"),
    "order": ("order", "ordered", "directed", "banned", "designated"),
    "operation": (
        "raid",
        "raids",
        "operation",
        "capture",
        "captured",
        "strike",
        "strikes",
        "attack",
        "attacked",
        "invasion",
    ),
    "dispute": ("dispute", "tension", "tensions", "negotiations", "talks", "standoff", "feud", "clash"),
    "legal": ("lawsuit", "lawsuits", "sued", "ruling", "court", "hearing"),
    "vote": ("vote", "voted", "election", "elected"),
    "launch": ("launch", "launched", "released", "unveiled"),
}
TRIGGERS = {w: fam for fam, words in HAPPENINGS.items() for w in words}

MONTH_PAT = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
)
YEAR_PAT = r"(?:1[89]|20)\d\d(?![\w%]|[.,]\d)"
NUM_PAT = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few"
# Each pattern opens with a lookahead on the characters it can start with: the engine then rejects most
# positions with one class test instead of trying every alternative (same matches, 2-5x faster).
CAL_RE = re.compile(
    rf"(?=[eEmMlLjJfFaAsSoOnNdD0-9])(?<![A-Za-z])(?:(?P<mod>(?i:early|mid|late))[\s-])?(?:"
    rf"(?P<mon>{MONTH_PAT})(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:]))?(?:,?\s+(?:of\s+)?(?P<year>{YEAR_PAT}))?"
    rf"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH_PAT})(?:,?\s+(?P<year2>{YEAR_PAT}))?)"
)
WEEKDAY_RE = re.compile(
    r"\b(?=[tTnNlLpPcCMWFS])(?:(?P<wmod>(?i:this\s+coming|this\s+past|this|next|last|past|coming))\s+)?"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<poss>['’]s)?"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?![A-Za-z])"
)
TIME_RE = re.compile(
    r"(?=[0-9nm])(?<![\w:.])(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s?(?P<ap>[AaPp])\.?\s?[Mm](?![A-Za-z])\.?"
    r"|(?P<noon>noon|midnight)|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?=\s?(?:GMT|UTC|E[SD]?T|P[SD]?T)))"
    r"(?:\s?(?P<tz>E[SD]?T|C[SD]?T|M[SD]?T|P[SD]?T|GMT|UTC|BST|CET)(?![A-Za-z]))?"
)
ISO_RE = re.compile(
    r"(?=\d)(?:(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"
    r"|(?<![\d/])(?P<num>[01]?\d/[0-3]?\d/(?:19|20)?\d\d)(?![\d/]))"
)
YEAR_RE = re.compile(rf"(?=[12])(?<![\w$£€.,/:-])(?P<yr>{YEAR_PAT})")
DEICTIC_RE = re.compile(
    rf"(?=[tTyYeElLnNpPaAoOfFsSdDwWmM0-9])(?<![A-Za-z])(?i:(?P<dword>today|tonight|yesterday|tomorrow)"
    rf"|(?P<rel>earlier|later)\s+today"
    rf"|(?:(?P<rel2>earlier|later)\s+)?(?P<which>this|last|next|past)\s+(?P<unit>week(?:end)?|month|year|morning|afternoon|evening|night)"
    rf"|(?P<n>{NUM_PAT})\s+(?P<agounit>day|week|month|year)s?\s+ago"
    rf"|for\s+(?:the\s+(?:past|last)\s+)?(?:(?P<durn>{NUM_PAT})\s+)?(?P<durunit>day|week|month|year)s"
    rf"|(?P<durunit2>day|week|month|year)s[-\s]long|(?P<durunit3>week|month|year)s\s+of)(?![A-Za-z])"
)
NAME_BEFORE_RE = re.compile(r"\b(?P<word>[A-Z][a-z]+)\s+$")

GAP_RE = re.compile(r"\s*,?\s*(?:(?:on|at)\s+)?")  # "5pm Friday", "Feb 27, 5pm", "5 p.m. on Friday", ", at "
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+")


@dataclass
class Expr:
    """One expression found in the text: merged atoms and their parsed fields."""

    start: int
    end: int
    kinds: set[str]
    f: dict = field(default_factory=dict)


# --- finding -------------------------------------------------------------------------


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3]]


def _atoms(text: str, start: int = 0, end: int | None = None) -> list[Expr]:
    """Every atom in ``text[start:end]``, document offsets (overlaps: the longer, then the earlier, wins)."""
    end = len(text) if end is None else end
    found: list[Expr] = []
    for m in CAL_RE.finditer(text, start, end):
        mon = m["mon"] or m["mon2"]
        day, year = m["day"] or m["day2"], m["year"] or m["year2"]
        if not day and not year:
            word = mon.lower().rstrip(".")
            lead = WORD_RE.findall(text[max(0, m.start() - 12) : m.start()])
            if m["mod"] is None and (
                word not in MONTH_NAMES
                or (word in AMBIGUOUS_MONTHS and (not lead or lead[-1].lower() not in MONTH_LEADS))
            ):
                continue
        if day and not 1 <= int(day) <= 31:
            continue
        found.append(
            Expr(
                m.start(),
                m.end(),
                {"cal"},
                {
                    "mon": _month_number(mon),
                    "day": int(day) if day else None,
                    "year": int(year) if year else None,
                    "cal_text": m.group(),
                },
            )
        )
    for m in WEEKDAY_RE.finditer(text, start, end):
        name = NAME_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
        if not m["wmod"] and name and name["word"].lower() not in WEEKDAY_LEADS:
            continue  # "Black Friday", "Super Tuesday", "Mike Friday": a name, not a day to resolve
        found.append(
            Expr(
                m.start(),
                m.end(),
                {"weekday"},
                {
                    "wd": WEEKDAYS.index(m["wd"].lower()),
                    "wmod": " ".join((m["wmod"] or "").lower().split()),
                    "possessive": bool(m["poss"]),
                },
            )
        )
    for m in TIME_RE.finditer(text, start, end):
        if m["noon"]:
            h, mi = (12 if m["noon"] == "noon" else 0), 0
        elif m["h24"]:
            h, mi = int(m["h24"]), int(m["mi24"])
        else:
            h, mi = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0), int(m["mi"] or 0)
            if int(m["h"]) > 12:
                continue
        found.append(Expr(m.start(), m.end(), {"time"}, {"hour": h, "minute": mi, "tz": m["tz"] or ""}))
    for m in ISO_RE.finditer(text, start, end):
        found.append(Expr(m.start(), m.end(), {"iso"}, {"cal_text": m.group()}))
    for m in YEAR_RE.finditer(text, start, end):
        found.append(Expr(m.start(), m.end(), {"year"}, {"year": int(m["yr"])}))
    for m in DEICTIC_RE.finditer(text, start, end):
        nxt = WORD_RE.findall(text[m.end() : m.end() + 30])
        if (
            m["dword"]
            and text[m.end() : m.end() + 2] in ("'s", "’s")
            and (not nxt[1:] or nxt[1].lower() not in TRIGGERS)
        ):
            continue  # "today's technology": the present day in general, not a date
        found.append(Expr(m.start(), m.end(), {"deictic"}, {k: v.lower() for k, v in m.groupdict().items() if v}))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Expr] = []
    for e in found:
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def _mergeable(a: Expr, b: Expr, gap: str) -> bool:
    if not GAP_RE.fullmatch(gap) or "\n" in gap:
        return False
    kinds = a.kinds | b.kinds
    if a.kinds & b.kinds or not kinds <= {"time", "weekday", "cal", "deictic", "iso"}:
        return False
    day_words = {"today", "tonight", "tomorrow", "yesterday"}
    if "deictic" in kinds and not ({"time"} <= kinds and (a.f | b.f).get("dword") in day_words):
        return False
    return "time" in kinds or ("weekday" in kinds and ("cal" in kinds or "iso" in kinds))


def _merge(text: str, atoms: list[Expr]) -> list[Expr]:
    out: list[Expr] = []
    for atom in atoms:
        if out and _mergeable(out[-1], atom, text[out[-1].end : atom.start]):
            out[-1] = Expr(out[-1].start, atom.end, out[-1].kinds | atom.kinds, out[-1].f | atom.f)
        else:
            out.append(atom)
    return out


def find_expressions(text: str, start: int = 0, end: int | None = None) -> list[Expr]:
    """Temporal expressions in ``text[start:end]`` (document offsets), atoms merged.

    Parameters
    ----------
    text: the document text.
    start, end: the span searched (a sentence); expressions never leave it.
    """
    return _merge(text, _atoms(text, start, end))


def expressions_by_sentence(text: str, spans: list[tuple[int, int]]) -> list[list[Expr]]:
    """:func:`find_expressions` for each (start, end) span, scanning ``text`` once.

    Parameters
    ----------
    text: the document text.
    spans: sentence spans in document order (not overlapping).
    """
    out: list[list[Expr]] = [[] for _ in spans]
    if not spans:
        return out
    starts = [s for s, _ in spans]
    for atom in _atoms(text, spans[0][0], spans[-1][1]):
        i = bisect_right(starts, atom.start) - 1
        if i >= 0 and atom.end <= spans[i][1]:
            out[i].append(atom)
    return [_merge(text, atoms) if atoms else atoms for atoms in out]
