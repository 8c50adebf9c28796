"""Timeline stage: temporal expressions resolved against each article's date, and story events.

Stage protocol (:mod:`analysis.pipeline`): ``FRAME = "events"``, one row per temporal
expression, with document offsets, for every sentence (furniture rows are flagged).

Finding and resolving an expression
-----------------------------------
1. Compiled regexes find *atoms* in the document text: clock times ("5:01pm", "5:00 p.m.",
   "5:01 PM ET"), weekdays ("this Friday", "Tuesday’s"), calendar dates ("Jan. 9",
   "February 26, 2026", "December"), years ("1950"), ISO / numeric dates and deictic
   phrases ("this week", "earlier this month", "for months", "today", "three days ago").
   Adjacent atoms joined by nothing, ",", "on" or "at" make one expression
   ("5:01 PM ET on Friday", "Feb 27, 5pm"). Not dates: a weekday after a capitalised
   word that is not a preposition or sentence opener ("Black Friday", "Mike Friday"),
   "today's" before a non-event noun ("today's technology"), May/March/June/August
   without a preposition, a day or a year ("may restrict").
2. Calendar text is parsed by dateparser (once per distinct string, cached; settings in
   :data:`DATEPARSER_SETTINGS`): it knows the spellings. Which parts were *written* (a
   day? a year?) comes from the regex, and the missing ones from our rules below.
3. The *anchor* is the published date, except inside a paragraph opening with an update
   stamp ("Update (Feb 27, 5pm): ..."), which is anchored to the stamp.
   No anchor (an undated article): absolute dates are kept, everything else is NaT.

Direction (future / past) of a weekday or yearless date, first rule that applies:
``next``/``coming`` or ``last``/``past`` before it; a preposition before it (``by``,
``until``, ``till``, ``before``, ``ahead of`` -> future; ``since`` -> past); "deadline"
right after it; the nearest past-tense verb or future marker (will, 'll, scheduled, ...)
within 4 words; a future marker anywhere in the sentence; else none.

* weekday: same day counts ("on Tuesday" in a Tuesday article is that day); future -> the
  first such day on/after the anchor, else the most recent on/before it; "this Friday" ->
  that day of the anchor's week (Mon-Sun); "next" -> first after, "last" -> last before.
* month without a year: most recent (this month counts) unless future -> the next one.
* month and day without a year: future -> first on/after the anchor, past -> last
  on/before, none -> the nearest to the anchor ("Feb 27, 5pm" in a Feb 25 article).
* "this week" / "earlier this month" / "this year": the anchor's week / month / year;
  "for months", "months-long", "weeks of": a duration ending at the anchor, starting two
  units before (the least "months" can mean), kind ``duration``.

is_reference (with ``reason``): dates that are not story events — in captions, credits,
methodology and other non-reporting furniture, a year naming a law ("the Defense
Production Act of 1950"), founding/birth dates, update stamps. Summary boxes ("Key
Facts", "Timeline") are the outlet's own account: kept as story dates, ``in_furniture``.
actors: actors (from the ``mentions`` frame) named in the same sentence; media cited as
sources ("told NBC News") are left out.

basis: ``absolute`` (a year is written), ``anchored_to_publication`` (month/day without a
year: the year comes from the anchor), ``weekday``, ``relative`` (deictic phrases,
durations, a bare clock time). precision: year | month | week | day | minute.

dateparser 1.5 weak spots, handled in code (tests cover each): a weekday on the same
weekday goes back a week with ``PREFER_DATES_FROM="past"``; "Feb 27, 5pm" three days
after the base goes to the previous year with "past"; a bare year takes the base's month;
"this week" returns the base day; "earlier this month" and "Tuesday’s" return None.

Story events
------------
:func:`group_events`: each expression gets a *happening* at annotation time (the word
that names what happened on that date — meeting, deadline, deal, memo, statement, post,
order, operation, dispute, ... from :data:`HAPPENINGS`): the noun right after the date
("Tuesday’s meeting", "a Friday deadline"), else ``by``/``until`` before it (a deadline),
else the nearest happening word within 10 words (reporting verbs such as "said" only
within 2), else any happening word in the sentence, else "said"-type verbs anywhere.
Rows with the same happening on the same day are one event (times may differ: that is a
disagreement, not a new event). A week / month / year row joins the one event of its
happening inside its span, if exactly one; a bare clock time joins the one event of its
happening with clock times within a week of its article, if exactly one. Rows naming no
happening group only with rows of the same day and the same actors. Reference dates and
durations are left out. Actors label events; they do not split them. Disagreements are
different clock times given for one event (5:01 p.m. by some outlets, 5:00 by others).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from .text import SENT_STARTERS

FRAME = "events"
REFERENCE = None
COLUMNS: dict[str, str] = {
    "doc_id": "str", "sent_id": "int32", "expression": "str", "date": "datetime64[ns]",
    "date_end": "datetime64[ns]", "precision": "str", "time": "str", "tz": "str", "basis": "str",
    "kind": "str", "direction": "str", "cue": "str", "happening": "str", "trigger": "str",
    "is_reference": "bool", "reason": "str", "in_furniture": "bool", "anchor": "datetime64[ns]",
    "actors": "str", "start": "int32", "end": "int32",
}

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
          "sep": 9, "oct": 10, "nov": 11, "dec": 12}
MONTH_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"})
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3}
# Month names that are also common words or names: need a preposition or a day/year.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "june", "august"})
MONTH_LEADS = frozenset({"in", "since", "by", "until", "till", "through", "from", "during", "before",
                         "after", "of", "last", "next", "this", "early", "mid", "late", "the", "and"})
FUTURE_PREPS = frozenset({"by", "until", "till", "before"})
# Capitalised words that may precede a weekday that is a date ("On Friday", "Then Friday");
# any other ("Black Friday", "Mike Friday") makes it part of a name.
WEEKDAY_LEADS = MONTH_LEADS | FUTURE_PREPS | SENT_STARTERS
FUTURE_WORDS = frozenset({"will", "won't", "won’t", "shall", "'ll", "’ll", "upcoming", "scheduled", "slated",
                          "expected", "deadline", "plans", "expires"})
PAST_VERBS = frozenset({"said", "told", "met", "sent", "wrote", "gave", "issued", "reached", "held", "made",
                        "took", "came", "went", "began", "saw", "found", "led", "won", "lost", "struck",
                        "spoke", "left", "put", "set", "brought", "bought", "sold", "paid", "became"})
NOT_PAST = frozenset({"scheduled", "expected", "planned", "slated", "need", "speed", "red", "bed", "based",
                      "proposed", "intended", "indeed", "feed", "seed"})
NOTE_WINDOW = 4       # words either side searched for a tense cue
HAPPENING_WINDOW = 10  # words either side searched for a happening word
REPORTING_WINDOW = 2   # a reporting verb names the happening only this close
COARSE = ("week", "month", "year")
TIME_ATTACH_DAYS = 7
UNIT_DAYS = {"day": 1, "week": 7}
NAT64 = np.datetime64("NaT", "ns")
MIN_DATE, MAX_DATE = pd.Timestamp("1700-01-01"), pd.Timestamp("2200-12-31")  # within datetime64[ns]

# Happening families: the word in the sentence -> what happened on that date.
HAPPENINGS: dict[str, tuple[str, ...]] = {
    "meeting": ("meeting", "meetings", "met", "meet", "meets", "summit", "ultimatum"),
    "deadline": ("deadline", "deadlines", "cutoff"),
    "deal": ("deal", "deals", "agreement", "agreements", "agreed", "contract", "contracts", "signed"),
    "memo": ("memo", "memos", "memorandum", "directive"),
    "statement": ("statement", "statements", "interview", "remarks"),
    "post": ("post", "posted", "tweet", "tweeted"),
    "order": ("order", "ordered", "directed", "banned", "designated"),
    "operation": ("raid", "raids", "operation", "capture", "captured", "strike", "strikes", "attack",
                  "attacked", "invasion"),
    "dispute": ("dispute", "tension", "tensions", "negotiations", "talks", "standoff", "feud", "clash"),
    "legal": ("lawsuit", "lawsuits", "sued", "ruling", "court", "hearing"),
    "vote": ("vote", "voted", "election", "elected"),
    "launch": ("launch", "launched", "released", "unveiled"),
}
TRIGGERS = {w: fam for fam, words in HAPPENINGS.items() for w in words}
REPORTING_VERBS = frozenset({"said", "says", "told", "tells", "wrote", "writes", "stated", "added", "warned",
                             "announced", "confirmed", "noted", "responded"})
REFERENCE_KINDS = frozenset({"caption", "credit", "methodology", "table", "metadata", "dateline"})

MONTH_PAT = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])")
YEAR_PAT = r"(?:1[89]|20)\d\d(?![\w%]|[.,]\d)"
NUM_PAT = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few"
CAL_RE = re.compile(
    rf"(?<![A-Za-z])(?:(?P<mod>(?i:early|mid|late))[\s-])?(?:"
    rf"(?P<mon>{MONTH_PAT})(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:]))?(?:,?\s+(?:of\s+)?(?P<year>{YEAR_PAT}))?"
    rf"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH_PAT})(?:,?\s+(?P<year2>{YEAR_PAT}))?)")
WEEKDAY_RE = re.compile(
    r"\b(?=[tTnNlLpPcCMWFS])(?:(?P<wmod>(?i:this\s+coming|this\s+past|this|next|last|past|coming))\s+)?"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<poss>['’]s)?"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?![A-Za-z])")
TIME_RE = re.compile(
    r"(?<![\w:.])(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s?(?P<ap>[AaPp])\.?\s?[Mm](?![A-Za-z])\.?"
    r"|(?P<noon>noon|midnight)|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?=\s?(?:GMT|UTC|E[SD]?T|P[SD]?T)))"
    r"(?:\s?(?P<tz>E[SD]?T|C[SD]?T|M[SD]?T|P[SD]?T|GMT|UTC|BST|CET)(?![A-Za-z]))?")
ISO_RE = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"
                    r"|(?<![\d/])(?P<num>[01]?\d/[0-3]?\d/(?:19|20)?\d\d)(?![\d/])")
YEAR_RE = re.compile(rf"(?<![\w$£€.,/:-])(?P<yr>{YEAR_PAT})")
DEICTIC_RE = re.compile(
    rf"(?<![A-Za-z])(?i:(?P<dword>today|tonight|yesterday|tomorrow)"
    rf"|(?P<rel>earlier|later)\s+today"
    rf"|(?:(?P<rel2>earlier|later)\s+)?(?P<which>this|last|next|past)\s+(?P<unit>week(?:end)?|month|year|morning|afternoon|evening|night)"
    rf"|(?P<n>{NUM_PAT})\s+(?P<agounit>day|week|month|year)s?\s+ago"
    rf"|for\s+(?:the\s+(?:past|last)\s+)?(?:(?P<durn>{NUM_PAT})\s+)?(?P<durunit>day|week|month|year)s"
    rf"|(?P<durunit2>day|week|month|year)s[-\s]long|(?P<durunit3>week|month|year)s\s+of)(?![A-Za-z])")
NAME_BEFORE_RE = re.compile(r"\b(?P<word>[A-Z][a-z]+)\s+$")
UPDATE_RE = re.compile(r"\s*(?:Updated?|UPDATED?)\b[^:\n]{0,48}:")
LAW_RE = re.compile(r"\b(?:Act|Law|Treaty|Accords?|Convention|Resolution|Amendments?)\s+of\s+$")
BACKGROUND_RE = re.compile(r"\b(?:born|founded|established|incorporated|enacted|signed into law)\s+(?:in\s+)?$", re.I)
GAP_RE = re.compile(r"\s*,?\s*(?:(?:on|at)\s+)?")  # "5pm Friday", "Feb 27, 5pm", "5 p.m. on Friday", ", at "
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+")

DATEPARSER_SETTINGS = {
    # Pinned base: results depend only on the string (cacheable); the year of a yearless
    # date is chosen by our rules, never by this base.
    "RELATIVE_BASE": pd.Timestamp("2000-01-01").to_pydatetime(),
    "PREFER_DATES_FROM": "current_period", "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "MDY",
    "PREFER_LOCALE_DATE_ORDER": False, "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False,
}


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
            lead = WORD_RE.findall(text[max(0, m.start() - 12):m.start()])
            if m["mod"] is None and (word not in MONTH_NAMES
                                     or (word in AMBIGUOUS_MONTHS and (not lead or lead[-1].lower() not in MONTH_LEADS))):
                continue
        if day and not 1 <= int(day) <= 31:
            continue
        found.append(Expr(m.start(), m.end(), {"cal"}, {"mon": _month_number(mon), "day": int(day) if day else None,
                                                         "year": int(year) if year else None, "cal_text": m.group()}))
    for m in WEEKDAY_RE.finditer(text, start, end):
        name = NAME_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
        if not m["wmod"] and name and name["word"].lower() not in WEEKDAY_LEADS:
            continue  # "Black Friday", "Super Tuesday", "Mike Friday": a name, not a day to resolve
        found.append(Expr(m.start(), m.end(), {"weekday"}, {"wd": WEEKDAYS.index(m["wd"].lower()),
                          "wmod": " ".join((m["wmod"] or "").lower().split()), "possessive": bool(m["poss"])}))
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
        nxt = WORD_RE.findall(text[m.end():m.end() + 30])
        if m["dword"] and text[m.end():m.end() + 2] in ("'s", "’s") and (not nxt[1:] or nxt[1].lower() not in TRIGGERS):
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
        if out and _mergeable(out[-1], atom, text[out[-1].end:atom.start]):
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


# --- resolving -------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _dateparser_fields(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) that dateparser reads in ``text`` (pinned base); None if it cannot."""
    import dateparser

    clean = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text.replace("’s", "").replace("'s", ""))
    clean = re.sub(r"^(?:early|mid|late)[\s-]+", "", clean, flags=re.I)
    parsed = dateparser.parse(clean, languages=["en"], settings=DATEPARSER_SETTINGS)
    return (parsed.year, parsed.month, parsed.day) if parsed else None


def _safe_date(y: int, m: int, d: int) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(year=y, month=m, day=d)
    except ValueError:
        return None


def _month_end(ts: pd.Timestamp) -> pd.Timestamp:
    return ts + pd.offsets.MonthEnd(0)


def _yearless(mon: int, day: int | None, anchor: pd.Timestamp, direction: str) -> pd.Timestamp | None:
    """A month (and day) without a year, placed relative to ``anchor`` by ``direction``."""
    a = anchor.normalize()
    if day is None:  # the most recent such month (this one counts), or the next one if future
        if direction == "future":
            return pd.Timestamp(year=a.year if mon >= a.month else a.year + 1, month=mon, day=1)
        return pd.Timestamp(year=a.year if mon <= a.month else a.year - 1, month=mon, day=1)
    cands = [c for c in (_safe_date(y, mon, day) for y in (a.year - 1, a.year, a.year + 1)) if c is not None]
    if not cands:
        return None
    if direction == "future":
        return min((c for c in cands if c >= a), default=None)
    if direction == "past":
        return max((c for c in cands if c <= a), default=None)
    return min(cands, key=lambda c: (abs((c - a).days), c > a))


def _weekday(wd: int, wmod: str, anchor: pd.Timestamp, direction: str) -> pd.Timestamp:
    a = anchor.normalize()
    delta = (wd - a.weekday()) % 7  # days forward to the next such weekday (0 = today)
    if wmod == "this":
        return a + pd.Timedelta(days=wd - a.weekday())
    if wmod in ("next", "coming", "this coming"):
        return a + pd.Timedelta(days=delta or 7)
    if wmod in ("last", "past", "this past"):
        return a - pd.Timedelta(days=(7 - delta) % 7 or 7)
    if direction == "future":
        return a + pd.Timedelta(days=delta)
    return a - pd.Timedelta(days=(7 - delta) % 7)


def _shift(a: pd.Timestamp, unit: str, n: int) -> pd.Timestamp:
    if unit in UNIT_DAYS:
        return a + pd.Timedelta(days=n * UNIT_DAYS[unit])
    return a + (pd.DateOffset(months=n) if unit == "month" else pd.DateOffset(years=n))


def _floor(ts: pd.Timestamp, unit: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The (first day, last day) of the ``unit`` holding ``ts``."""
    ts = ts.normalize()
    if unit == "week":
        s = ts - pd.Timedelta(days=ts.weekday())
        return s, s + pd.Timedelta(days=6)
    if unit == "month":
        s = ts.replace(day=1)
        return s, _month_end(s)
    if unit == "year":
        return ts.replace(month=1, day=1), ts.replace(month=12, day=31)
    return ts, ts


def _deictic(f: dict, a: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp, str, str]:
    """(date, date_end, precision, kind) of a deictic phrase against anchor ``a``."""
    if f.get("dword") or f.get("rel"):
        off = {"yesterday": -1, "tomorrow": 1}.get(f.get("dword", ""), 0)
        d = a.normalize() + pd.Timedelta(days=off)
        return d, d, "day", "point"
    if f.get("which"):
        unit, which = f["unit"], f["which"]
        n = {"last": -1, "past": -1, "next": 1}.get(which, 0)
        if unit in ("morning", "afternoon", "evening", "night"):
            d = a.normalize() - pd.Timedelta(days=1 if which in ("last", "past") else 0)
            return d, d, "day", "point"
        if unit == "weekend":
            s = _floor(_shift(a, "week", n), "week")[0] + pd.Timedelta(days=5)
            return s, s + pd.Timedelta(days=1), "day", "span"
        s, e = _floor(_shift(a, unit, n), unit)
        return s, e, unit, "span"
    if f.get("agounit"):
        unit, n = f["agounit"], NUMBER_WORDS.get(" ".join(f["n"].split()), None) or int(f["n"])
        s, e = _floor(_shift(a, unit, -n), unit)
        return (s, e, unit, "point") if unit != "day" else (s, s, "day", "point")
    unit = f.get("durunit") or f.get("durunit2") or f.get("durunit3")
    n = NUMBER_WORDS.get(" ".join(f.get("durn", "").split())) or int(f["durn"]) if f.get("durn") else 2
    return _floor(_shift(a, unit, -n), unit)[0], a.normalize(), unit, "duration"


def resolve(e: Expr, anchor: pd.Timestamp | None, direction: str = "") -> dict:
    """Resolve one expression: date, date_end, precision, time, tz, basis, kind.

    Parameters
    ----------
    e: the expression (from :func:`find_expressions`).
    anchor: the date it is read against (published or update stamp); None = unknown.
    direction: "future", "past" or "" (see the module docstring).
    """
    f, k = e.f, e.kinds
    nat = pd.NaT
    date, end, precision, kind = nat, nat, "day", "point"
    if "iso" in k or "cal" in k:
        written_year, written_day = bool(f.get("year")) or "iso" in k, bool(f.get("day")) or "iso" in k
        y, mon, day = f.get("year"), f.get("mon"), f.get("day")
        parsed = _dateparser_fields(f["cal_text"])
        if parsed:
            y, mon, day = (parsed[0] if written_year else None), parsed[1], (parsed[2] if written_day else None)
        precision = "day" if day else "month"
        if mon is None:
            basis = "absolute"
        elif written_year:
            basis = "absolute"
            date = (_safe_date(y, mon, day or 1) or nat)
        else:
            basis = "anchored_to_publication"
            if anchor is not None:
                date = _yearless(mon, day, anchor, direction) or nat
    elif "year" in k:
        basis, precision = "absolute", "year"
        date = pd.Timestamp(year=f["year"], month=1, day=1)
    elif "weekday" in k:
        basis = "weekday"
        if anchor is not None:
            date = _weekday(f["wd"], f.get("wmod", ""), anchor, direction)
    elif "deictic" in k:
        basis = "relative"
        if anchor is not None:
            try:
                date, end, precision, kind = _deictic(f, anchor)
            except (OverflowError, ValueError):  # "for 100000 years": beyond any calendar we keep
                date, end, precision, kind = nat, nat, f.get("agounit") or f.get("durunit") or "year", "duration"
    else:  # a bare clock time
        basis = "relative"
    if date is not nat and not MIN_DATE <= date <= MAX_DATE:
        date, end = nat, nat  # outside pandas' nanosecond range ("for 700 years")
    if end is nat and date is not nat:
        end = {"month": _month_end, "year": lambda d: d.replace(month=12, day=31)}.get(precision, lambda d: d)(date)
    time = ""
    if "time" in k:
        precision, time = "minute", f"{f['hour']:02d}:{f['minute']:02d}"
        if date is not nat:
            date = end = date + pd.Timedelta(hours=f["hour"], minutes=f["minute"])
    return {"date": date, "date_end": end, "precision": precision, "time": time, "tz": f.get("tz", ""),
            "basis": basis, "kind": kind}


# --- reading the sentence --------------------------------------------------------------

def _tokens(text: str, offset: int) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start() + offset, m.end() + offset) for m in WORD_RE.finditer(text)]


def _is_past(word: str) -> bool:
    return word in PAST_VERBS or (word.endswith("ed") and len(word) > 4 and word not in NOT_PAST)


def direction_of(e: Expr, toks: list[tuple[str, int, int]]) -> tuple[str, str]:
    """("future" | "past" | "", the word that decided it) for expression ``e`` in its sentence.

    Parameters
    ----------
    e: the expression.
    toks: the sentence's tokens as (lower-case word, start, end), document offsets.
    """
    mod = e.f.get("wmod", "")
    if mod:
        if mod in ("next", "coming", "this coming"):
            return "future", mod
        if mod in ("last", "past", "this past"):
            return "past", mod
    before = [t for t in toks if t[2] <= e.start]
    after = [t for t in toks if t[1] >= e.end]
    prev = [t[0] for t in before[-3:]]
    if prev[-2:] == ["ahead", "of"] or prev[-3:] == ["no", "later", "than"]:
        return "future", "before"
    if prev and prev[-1] in FUTURE_PREPS:
        return "future", prev[-1]
    if prev and prev[-1] == "since":
        return "past", "since"
    if after and after[0][0] in ("deadline", "deadlines"):
        return "future", after[0][0]
    near = [(len(before) - i, w) for i, (w, _, _) in enumerate(before)][-NOTE_WINDOW:] + \
           [(i + 1, w) for i, (w, _, _) in enumerate(after[:NOTE_WINDOW])]
    for _, w in sorted(near, key=lambda p: p[0]):
        if w in FUTURE_WORDS:
            return "future", w
        if _is_past(w):
            return "past", w
    for w, _, _ in toks:
        if w in FUTURE_WORDS:
            return "future", w
    return "", ""


def happening_of(e: Expr, toks: list[tuple[str, int, int]], direction_cue: str, para_kind: str) -> tuple[str, str]:
    """(happening family, trigger word) naming what happened at expression ``e``.

    Parameters
    ----------
    e: the expression.
    toks: the sentence's tokens (see :func:`direction_of`).
    direction_cue: the cue :func:`direction_of` returned (``by``/``until`` mean a deadline).
    para_kind: the paragraph kind (an embedded post is a post).
    """
    if para_kind == "embedded_post":
        return "post", "post"
    before = [t[0] for t in toks if t[2] <= e.start]
    after = [t[0] for t in toks if t[1] >= e.end]
    if after and after[0] in TRIGGERS and after[0] not in REPORTING_VERBS:
        return TRIGGERS[after[0]], after[0]
    if direction_cue == "deadline" or (direction_cue in FUTURE_PREPS and e.kinds & {"weekday", "time"}) \
            or (direction_cue in FUTURE_PREPS and e.f.get("day")):
        return "deadline", direction_cue  # "by Friday", "until 5:01pm": not "until 1857" or "until February"
    cands = sorted([(len(before) - i, w) for i, w in enumerate(before)] + [(i + 1, w) for i, w in enumerate(after)])
    for dist, w in cands:  # nearest first; a content word beats a reporting verb at equal distance
        if w in TRIGGERS and dist <= HAPPENING_WINDOW:
            return TRIGGERS[w], w
        if w in REPORTING_VERBS and dist <= REPORTING_WINDOW and not any(
                v in TRIGGERS for d, v in cands if d == dist):
            return "statement", w
    for _, w in cands:
        if w in TRIGGERS:
            return TRIGGERS[w], w
    for _, w in cands:
        if w in REPORTING_VERBS:
            return "statement", w
    return "", ""


def _reference_reason(e: Expr, text: str, para_kind: str, is_stamp: bool) -> str:
    if para_kind in REFERENCE_KINDS:
        return f"in a {para_kind} (not reporting)"
    if is_stamp:
        return "update stamp: when the text below it was written"
    before = text[max(0, e.start - 60):e.start]
    if e.kinds == {"year"} and LAW_RE.search(before):
        return "part of a name (law or treaty)"
    if BACKGROUND_RE.search(before):
        return "background date (founding, birth, enactment)"
    return ""


# --- the stage -----------------------------------------------------------------------

def _sentence_actors(frames: dict) -> dict[int, str]:
    """sent_id -> "; "-joined actors named in it (media cited as sources left out)."""
    mentions = frames.get("mentions")
    if mentions is None or len(mentions) == 0 or "actor" not in mentions:
        return {}
    types = mentions["actor_type"].tolist() if "actor_type" in mentions else [""] * len(mentions)
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for sid, actor, kind in zip(mentions["sent_id"].tolist(), mentions["actor"].tolist(), types):
        if isinstance(actor, str) and actor and kind != "media":
            by_sentence[int(sid)].add(actor)
    return {sid: "; ".join(sorted(names)) for sid, names in by_sentence.items()}


def annotate(doc, frames: dict, ref=None) -> pd.DataFrame:
    """One row per temporal expression in ``doc`` (see :data:`COLUMNS` and the module docstring).

    Parameters
    ----------
    doc: the :class:`~analysis.corpus.Document`.
    frames: this document's frames so far: "paragraphs", "sentences" and, when the actors
        stage ran, "mentions" (the ``actors`` column: actors named in the same sentence,
        media cited as sources left out; no mentions frame means empty).
    ref: unused (REFERENCE is None).
    """
    text, paras, sents = doc.text, frames["paragraphs"], frames["sentences"]
    published = pd.Timestamp(doc.published) if doc.published is not None and not pd.isna(doc.published) else None
    pids = paras["para_id"].tolist()
    kinds, para_starts = dict(zip(pids, paras["kind"].tolist())), dict(zip(pids, paras["start"].tolist()))
    actors = _sentence_actors(frames)
    stamps: dict[int, pd.Timestamp | None] = {}  # para_id -> anchor from its update stamp
    rows = []
    cols = [sents[c].tolist() for c in ("sent_id", "para_id", "start", "end", "is_furniture")]
    found = expressions_by_sentence(text, list(zip(cols[2], cols[3])))
    for sent_id, para_id, s_start, s_end, furniture, exprs in zip(*cols, found):
        if not exprs:
            continue
        para_kind = kinds.get(para_id, "body")
        toks = _tokens(text[s_start:s_end], s_start)
        para_start = para_starts[para_id]
        stamp = UPDATE_RE.match(text, para_start)
        for e in exprs:
            is_stamp = bool(stamp) and e.end <= stamp.end() and s_start == para_start
            anchor = published if is_stamp else stamps.get(para_id, published)
            direction, cue = direction_of(e, toks)
            res = resolve(e, anchor, direction)
            if is_stamp and not pd.isna(res["date"]):
                stamps[para_id] = res["date"]
            happening, trigger = happening_of(e, toks, cue, para_kind)
            reason = _reference_reason(e, text, para_kind, is_stamp)
            rows.append({"doc_id": doc.doc_id, "sent_id": sent_id, "expression": text[e.start:e.end],
                         **res, "direction": direction, "cue": cue, "happening": happening, "trigger": trigger,
                         "is_reference": bool(reason), "reason": reason, "in_furniture": bool(furniture),
                         "anchor": anchor if anchor is not None else pd.NaT,
                         "actors": actors.get(sent_id, ""), "start": e.start, "end": e.end})
    return _frame(rows)


@lru_cache(maxsize=1)
def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in COLUMNS.items()})


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The typed events frame for ``rows`` (built column by column: 5x faster than astype)."""
    if not rows:
        return _empty_frame().copy()
    data = {}
    for col, dtype in COLUMNS.items():
        values = [r[col] for r in rows]
        if dtype == "str":
            data[col] = pd.array(values, dtype="str")
        elif dtype.startswith("datetime"):
            data[col] = np.array([NAT64 if pd.isna(v) else pd.Timestamp(v).asm8 for v in values], dtype=dtype)
        else:
            data[col] = np.array(values, dtype=dtype)
    return pd.DataFrame(data, copy=False)


# --- story events ----------------------------------------------------------------------

PRECISION_RANK = {"minute": 0, "day": 1, "week": 2, "month": 3, "year": 4}
EVENT_COLUMNS = ["event_id", "label", "happening", "date", "precision", "time", "n_outlets", "outlets",
                 "n_mentions", "first_reported", "first_reported_by", "disagreement", "times", "actors",
                 "expressions", "example", "example_outlet"]
DISAGREEMENT_COLUMNS = ["event_id", "label", "aspect", "value", "n_outlets", "outlets", "expressions", "tz_given",
                        "example", "example_outlet"]
NO_HAPPENING = "dated mention"
LATEST = pd.Timestamp.max
_MEMO: dict[tuple, tuple] = {}  # (kind, ids of the input frames, flag) -> (inputs, result)
MEMO_SIZE = 8


def _memo(corpus, name: str, include_reference: bool, compute):
    """``compute()`` once per (events, documents, sentences) frames and flag; returns a copy.

    Frames are treated as immutable: a new load or filter gives new frames, so new keys.
    """
    inputs = (corpus.frames.get("events"), corpus.documents, corpus.sentences)
    key = (name, include_reference) + tuple(id(f) for f in inputs)
    hit = _MEMO.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], inputs)):
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        hit = _MEMO[key] = (inputs, compute())
    return hit[1].copy()


def event_mentions(corpus, include_reference: bool = False) -> pd.DataFrame:
    """The events frame with outlet, published date, the sentence, and its story event.

    ``reported`` is when the text was written: the update stamp's time for text under
    one, else the publication date. ``event_id`` is the story event (<NA>: none).

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with an ``events`` frame.
    include_reference: keep reference dates (captions, "Act of 1950", update stamps).
    """
    def compute() -> pd.DataFrame:
        ev = corpus.frames.get("events")
        if ev is None:
            ev = _frame([])
        if not include_reference:
            ev = ev[~ev["is_reference"]]
        docs = corpus.documents[["doc_id", "outlet", "published"]]
        sents = corpus.sentences[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"})
        rows = (ev.merge(docs, on="doc_id", how="left").merge(sents, on=["doc_id", "sent_id"], how="left")
                .reset_index(drop=True))
        rows["reported"] = rows["anchor"].where(rows["anchor"].notna(), rows["published"])
        rows["event_id"] = group_events(rows)
        return rows

    return _memo(corpus, "mentions", include_reference, compute)


def _label(happening: str, date: pd.Timestamp, precision: str) -> str:
    if pd.isna(date):
        when = "undated"
    elif precision == "year":
        when = f"{date:%Y}"
    elif precision == "month":
        when = f"{date:%b %Y}"
    elif precision == "week":
        when = f"week of {date:%d %b %Y}"
    else:
        when = f"{date:%a %d %b %Y}"
    return f"{happening or NO_HAPPENING} · {when}"


class _Events:
    """The events being built by :func:`group_events`, indexed by happening and start day."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self.keys: dict[tuple, int] = {}

    def add(self, key: tuple, h: str, start, end, rank: int, timed: bool) -> int:
        if key not in self.keys:
            self.keys[key] = len(self.items)
            self.items.append({"h": h, "start": start, "end": end, "rank": rank, "timed": False})
        ev = self.keys[key]
        self.items[ev]["timed"] |= timed
        return ev

    def index(self, timed_only: bool = False) -> dict[str, tuple[list, list]]:
        """happening -> (sorted start days, matching event numbers)."""
        by_h: dict[str, list] = defaultdict(list)
        for i, e in enumerate(self.items):
            if e["h"] and (e["timed"] or not timed_only):
                by_h[e["h"]].append((e["start"], i))
        return {h: ([s for s, _ in v], [i for _, i in v]) for h, v in ((h, sorted(v)) for h, v in by_h.items())}


def group_events(rows: pd.DataFrame) -> pd.Series:
    """Story-event id (Int64, <NA> when none) for each row of an events frame.

    Parameters
    ----------
    rows: events rows with at least doc_id, sent_id, date, date_end, precision, time,
        happening, kind, actors and ``published`` (see the module docstring for the rule).
    """
    n = len(rows)
    out: list = [None] * n
    if n == 0:
        return pd.Series(out, index=rows.index, dtype="Int64")
    cols = ["doc_id", "sent_id", "date", "date_end", "precision", "time", "happening", "kind", "actors", "published"]
    recs = rows[cols].to_dict("records")
    events = _Events()

    def own(r) -> str:  # rows naming no happening group only with the same actors, or alone
        return r["actors"] or f"{r['doc_id']}#{r['sent_id']}"

    for i, r in enumerate(recs):
        if r["kind"] == "duration" or pd.isna(r["date"]) or r["precision"] not in ("day", "minute"):
            continue
        day, h = r["date"].normalize(), r["happening"]
        out[i] = events.add((h, day) if h else ("", day, own(r)), h, day, day, 1, bool(r["time"]))
    for unit in COARSE:
        index = events.index()
        for i, r in enumerate(recs):
            if r["kind"] == "duration" or pd.isna(r["date"]) or r["precision"] != unit:
                continue
            h, lo, hi = r["happening"], r["date"].normalize(), r["date_end"].normalize()
            starts, ids = index.get(h, ([], []))
            inside = [ids[j] for j in range(bisect_left(starts, lo), bisect_right(starts, hi))
                      if events.items[ids[j]]["end"] <= hi] if h else []
            out[i] = inside[0] if len(inside) == 1 else events.add(
                (h, unit, lo) if h else ("", unit, lo, own(r)), h, lo, hi, PRECISION_RANK[unit], False)
    timed = events.index(timed_only=True)
    for i, r in enumerate(recs):
        if r["kind"] == "duration" or not pd.isna(r["date"]) or not r["time"] or not r["happening"] \
                or pd.isna(r["published"]):
            continue
        starts, ids = timed.get(r["happening"], ([], []))
        pub, pad = r["published"].normalize(), pd.Timedelta(days=TIME_ATTACH_DAYS)
        near = ids[bisect_left(starts, pub - pad):bisect_right(starts, pub + pad)]
        if len(near) == 1:
            out[i] = near[0]
    items = events.items
    order = sorted(range(len(items)), key=lambda k: (items[k]["start"], items[k]["rank"], items[k]["h"], k))
    renum = {old: new + 1 for new, old in enumerate(order)}
    return pd.Series([renum[v] if v is not None else None for v in out], index=rows.index, dtype="Int64")


def _join(values) -> str:
    return "; ".join(sorted({str(v) for v in values if isinstance(v, str) and v}))


def _example(recs: list[dict]) -> dict:
    """The mention to quote: reporting before furniture, earliest written, finest date."""
    return min(recs, key=lambda r: (r["in_furniture"], LATEST if pd.isna(r["reported"]) else r["reported"],
                                    PRECISION_RANK.get(r["precision"], 9), r["doc_id"], r["start"]))


def _variants(recs: list[dict]) -> list[tuple[str, list[dict]]]:
    """Clock times given for one event, most outlets first: [(time, its mentions)]."""
    by_time: dict[str, list[dict]] = defaultdict(list)
    for r in recs:
        if r["time"]:
            by_time[r["time"]].append(r)
    return sorted(by_time.items(), key=lambda p: (-len({r["outlet"] for r in p[1]}), p[0]))


def _grouped(rows: pd.DataFrame) -> dict[int, list[dict]]:
    groups: dict[int, list[dict]] = defaultdict(list)
    for r in rows[rows["event_id"].notna()].sort_values(["event_id", "doc_id", "start"], kind="stable") \
            .to_dict("records"):
        groups[int(r["event_id"])].append(r)
    return groups


def story_events(corpus, include_reference: bool = False) -> pd.DataFrame:
    """One row per story event: date, outlets reporting it, first report, disagreements.

    ``first_reported`` is the earliest time an article about it was written (publication
    date, or the update stamp for text under one); ``times`` lists each clock time given
    with its outlets; ``disagreement`` is True when outlets give different times.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with an ``events`` frame.
    include_reference: also group reference dates (captions, names of laws, update stamps).
    """
    def compute() -> pd.DataFrame:
        records = []
        for eid, recs in _grouped(event_mentions(corpus, include_reference)).items():
            best = min(PRECISION_RANK.get(r["precision"], 9) for r in recs)
            finest = [r for r in recs if PRECISION_RANK.get(r["precision"], 9) == best]
            dated = [r["date"].normalize() for r in finest if not pd.isna(r["date"])]
            date = min(dated) if dated else pd.NaT
            precision = "day" if finest[0]["precision"] == "minute" else finest[0]["precision"]
            variants = _variants(recs)
            reported = [r["reported"] for r in recs if not pd.isna(r["reported"])]
            first = min(reported) if reported else pd.NaT
            ex = _example(recs)
            happening = recs[0]["happening"]
            records.append({
                "event_id": eid, "label": _label(happening, date, precision),
                "happening": happening or NO_HAPPENING, "date": date, "precision": precision,
                "time": variants[0][0] if variants else "", "n_outlets": len({r["outlet"] for r in recs}),
                "outlets": _join(r["outlet"] for r in recs), "n_mentions": len(recs), "first_reported": first,
                "first_reported_by": _join(r["outlet"] for r in recs if r["reported"] == first),
                "disagreement": len(variants) > 1,
                "times": " | ".join(f"{t} ({_join(r['outlet'] for r in v)})" for t, v in variants),
                "actors": _join(a for r in recs for a in (r["actors"] or "").split("; ")),
                "expressions": "; ".join(dict.fromkeys(r["expression"] for r in recs)),
                "example": ex["sentence"], "example_outlet": ex["outlet"]})
        frame = pd.DataFrame(records, columns=EVENT_COLUMNS)
        frame["date"] = pd.to_datetime(frame["date"])
        frame["first_reported"] = pd.to_datetime(frame["first_reported"])
        return frame.astype({"event_id": "int64", "n_outlets": "int64", "n_mentions": "int64",
                             "disagreement": bool})

    return _memo(corpus, "events", include_reference, compute)


def disagreements(corpus, include_reference: bool = False) -> pd.DataFrame:
    """Where outlets report one story event differently: a row per event, aspect and value.

    The aspect is the clock time ("17:01" by some outlets, "17:00" by others); only
    events reported with more than one value appear.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with an ``events`` frame.
    include_reference: also consider reference dates.
    """
    labels = story_events(corpus, include_reference).set_index("event_id")["label"]
    records = []
    for eid, recs in _grouped(event_mentions(corpus, include_reference)).items():
        variants = _variants(recs)
        if len(variants) < 2:
            continue
        for value, v in variants:
            ex = _example(v)
            records.append({"event_id": eid, "label": labels.get(eid, ""), "aspect": "time", "value": value,
                            "n_outlets": len({r["outlet"] for r in v}), "outlets": _join(r["outlet"] for r in v),
                            "expressions": "; ".join(dict.fromkeys(r["expression"] for r in v)),
                            "tz_given": _join(r["tz"] for r in v), "example": ex["sentence"],
                            "example_outlet": ex["outlet"]})
    return pd.DataFrame(records, columns=DISAGREEMENT_COLUMNS)


def reports_table(corpus, include_reference: bool = False) -> pd.DataFrame:
    """Which outlet reported which story event, how it wrote the date, and when it published.

    ``reported`` is when the text was written: the publication date, or the update stamp
    for text under one; ``days_after_event`` counts from the event to it (negative: the
    event was still ahead, e.g. a deadline).

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with an ``events`` frame.
    include_reference: also include reference dates.
    """
    rows = event_mentions(corpus, include_reference)
    rows = rows[rows["event_id"].notna()]
    events = story_events(corpus, include_reference).set_index("event_id")
    cols = ["event_id", "label", "event_date", "outlet", "doc_id", "published", "reported", "days_after_event",
            "expressions", "times", "mentions"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = (rows.groupby(["event_id", "outlet", "doc_id"], as_index=False, sort=True)
           .agg(published=("published", "first"), reported=("reported", "min"), mentions=("expression", "size"),
                expressions=("expression", lambda s: "; ".join(dict.fromkeys(s))),
                times=("time", lambda s: "; ".join(sorted(set(s) - {""})))))
    out["label"] = out["event_id"].map(events["label"])
    out["event_date"] = out["event_id"].map(events["date"])
    out["days_after_event"] = (out["reported"].dt.normalize() - out["event_date"]).dt.days
    return out[cols].sort_values(["event_date", "event_id", "reported", "outlet"], kind="stable").reset_index(drop=True)


def expressions_table(corpus, include_reference: bool = True) -> pd.DataFrame:
    """Every temporal expression with its outlet, resolution and sentence, for reading.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with an ``events`` frame.
    include_reference: keep reference dates (flagged in ``is_reference``).
    """
    rows = event_mentions(corpus, include_reference)
    cols = ["outlet", "published", "doc_id", "sent_id", "expression", "date", "precision", "time", "tz", "basis",
            "kind", "happening", "event_id", "is_reference", "reason", "in_furniture", "actors", "sentence"]
    return rows[cols].reset_index(drop=True)


def article_summary(corpus) -> pd.DataFrame:
    """Per article: expressions found, resolved, unresolved, reference dates, story events.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with an ``events`` frame.
    """
    rows = event_mentions(corpus, include_reference=True)
    story = event_mentions(corpus, include_reference=False)
    docs = corpus.documents[["doc_id", "outlet", "published"]].set_index("doc_id")
    g = rows.groupby("doc_id")
    out = pd.DataFrame({
        "expressions": g.size(),
        "resolved": g["date"].count(),
        "unresolved": g.size() - g["date"].count(),
        "reference": g["is_reference"].sum(),
        "story_events": story.groupby("doc_id")["event_id"].nunique(),
    }).reindex(docs.index).fillna(0).astype("int64")
    return docs.join(out).reset_index()
