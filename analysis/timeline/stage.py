"""Timeline stage: temporal expressions resolved against each article's date.

Stage protocol (:mod:`analysis.pipeline.annotate`): ``FRAME = "events"``, one row per temporal
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
   :data:`~analysis.timeline._resolution.DATEPARSER_SETTINGS`): it knows the spellings. Which parts were *written* (a
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

Modules
-------
This module is the stage (:func:`annotate`) and reads each expression in its sentence
(:func:`direction_of`, :func:`happening_of`, reference dates). Finding expressions is in
:mod:`analysis.timeline._expressions`, resolving them against the anchor in
:mod:`analysis.timeline._resolution`; grouping rows into story events, disagreements and the
notebook's tables in :mod:`analysis.timeline.tables` (its docstring describes the ``happening``
column and the grouping rule).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from analysis.columns import Columns, to_frame
from analysis.timeline._expressions import FUTURE_PREPS, TRIGGERS, WORD_RE, Expr, expressions_by_sentence
from analysis.timeline._resolution import resolve

FRAME = "events"
REFERENCE = None
READS = ("mentions",)  # the actors column: actors named in the same sentence (actors stage)
COLUMNS: dict[str, str] = {
    "doc_id": "str",
    "sent_id": "int32",
    "expression": "str",
    "date": "datetime64[ns]",
    "date_end": "datetime64[ns]",
    "precision": "str",
    "time": "str",
    "tz": "str",
    "basis": "str",
    "kind": "str",
    "direction": "str",
    "cue": "str",
    "happening": "str",
    "trigger": "str",
    "is_reference": "bool",
    "reason": "str",
    "in_furniture": "bool",
    "anchor": "datetime64[ns]",
    "actors": "str",
    "start": "int32",
    "end": "int32",
}

FUTURE_WORDS = frozenset(
    {
        "will",
        "won't",
        "won’t",
        "shall",
        "'ll",
        "’ll",
        "upcoming",
        "scheduled",
        "slated",
        "expected",
        "deadline",
        "plans",
        "expires",
    }
)
PAST_VERBS = frozenset(
    {
        "said",
        "told",
        "met",
        "sent",
        "wrote",
        "gave",
        "issued",
        "reached",
        "held",
        "made",
        "took",
        "came",
        "went",
        "began",
        "saw",
        "found",
        "led",
        "won",
        "lost",
        "struck",
        "spoke",
        "left",
        "put",
        "set",
        "brought",
        "bought",
        "sold",
        "paid",
        "became",
    }
)
NOT_PAST = frozenset(
    {
        "scheduled",
        "expected",
        "planned",
        "slated",
        "need",
        "speed",
        "red",
        "bed",
        "based",
        "proposed",
        "intended",
        "indeed",
        "feed",
        "seed",
    }
)
NOTE_WINDOW = 4  # words either side searched for a tense cue
HAPPENING_WINDOW = 10  # words either side searched for a happening word
REPORTING_WINDOW = 2  # a reporting verb names the happening only this close


REPORTING_VERBS = frozenset(
    {
        "said",
        "says",
        "told",
        "tells",
        "wrote",
        "writes",
        "stated",
        "added",
        "warned",
        "announced",
        "confirmed",
        "noted",
        "responded",
    }
)
REFERENCE_KINDS = frozenset({"caption", "credit", "methodology", "table", "metadata", "dateline"})

UPDATE_RE = re.compile(r"\s*(?:Updated?|UPDATED?)\b[^:\n]{0,48}:")
LAW_RE = re.compile(r"\b(?:Act|Law|Treaty|Accords?|Convention|Resolution|Amendments?)\s+of\s+$")
BACKGROUND_RE = re.compile(r"\b(?:born|founded|established|incorporated|enacted|signed into law)\s+(?:in\s+)?$", re.I)


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
    near = [(len(before) - i, w) for i, (w, _, _) in enumerate(before)][-NOTE_WINDOW:] + [
        (i + 1, w) for i, (w, _, _) in enumerate(after[:NOTE_WINDOW])
    ]
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
    if (
        direction_cue == "deadline"
        or (direction_cue in FUTURE_PREPS and e.kinds & {"weekday", "time"})
        or (direction_cue in FUTURE_PREPS and e.f.get("day"))
    ):
        return "deadline", direction_cue  # "by Friday", "until 5:01pm": not "until 1857" or "until February"
    cands = sorted([(len(before) - i, w) for i, w in enumerate(before)] + [(i + 1, w) for i, w in enumerate(after)])
    for dist, w in cands:  # nearest first; a content word beats a reporting verb at equal distance
        if w in TRIGGERS and dist <= HAPPENING_WINDOW:
            return TRIGGERS[w], w
        if w in REPORTING_VERBS and dist <= REPORTING_WINDOW and not any(v in TRIGGERS for d, v in cands if d == dist):
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
    before = text[max(0, e.start - 60) : e.start]
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


def annotate_rows(doc, frames: dict, ref=None) -> Columns:
    """One row per temporal expression in ``doc`` (see :data:`COLUMNS` and the module docstring).

    Parameters
    ----------
    doc: the :class:`~analysis.documents.Document`.
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
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "sent_id": sent_id,
                    "expression": text[e.start : e.end],
                    **res,
                    "direction": direction,
                    "cue": cue,
                    "happening": happening,
                    "trigger": trigger,
                    "is_reference": bool(reason),
                    "reason": reason,
                    "in_furniture": bool(furniture),
                    "anchor": anchor if anchor is not None else pd.NaT,
                    "actors": actors.get(sent_id, ""),
                    "start": e.start,
                    "end": e.end,
                }
            )
    return Columns({c: [r[c] for r in rows] for c in COLUMNS}, len(rows))


def annotate(doc, frames: dict, ref=None) -> pd.DataFrame:
    """The frame of :func:`annotate_rows` (same parameters): one row per temporal expression."""
    return to_frame(annotate_rows(doc, frames, ref), COLUMNS)
