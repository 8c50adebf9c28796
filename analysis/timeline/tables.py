"""Story events: the timeline stage's rows grouped into events, with disagreements and tables.

The ``events`` frame (:mod:`analysis.timeline.stage`) gives one row per temporal expression; this
module joins them with outlets and sentences (:func:`event_mentions`), groups them into story
events (:func:`group_events`, :func:`story_events`), lists where outlets disagree
(:func:`disagreements`) and builds the notebook's tables (:func:`reports_table`,
:func:`expressions_table`, :func:`article_summary`).

Grouping
--------
:func:`group_events`: each expression gets a *happening* at annotation time (the word
that names what happened on that date — meeting, deadline, deal, memo, statement, post,
order, operation, dispute, ... from :data:`~analysis.timeline._expressions.HAPPENINGS`): the noun right after the date
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

from bisect import bisect_left, bisect_right
from collections import defaultdict

import pandas as pd

from analysis.columns import empty_frame
from analysis.timeline import stage

# --- story events ----------------------------------------------------------------------

PRECISION_RANK = {"minute": 0, "day": 1, "week": 2, "month": 3, "year": 4}
EVENT_COLUMNS = [
    "event_id",
    "label",
    "title",
    "happening",
    "date",
    "precision",
    "time",
    "n_outlets",
    "outlets",
    "n_mentions",
    "first_reported",
    "first_reported_by",
    "disagreement",
    "times",
    "actors",
    "expressions",
    "example",
    "example_outlet",
]
DISAGREEMENT_COLUMNS = [
    "event_id",
    "label",
    "aspect",
    "value",
    "n_outlets",
    "outlets",
    "expressions",
    "tz_given",
    "example",
    "example_outlet",
]
NO_HAPPENING = "dated mention"
LATEST = pd.Timestamp.max
_MEMO: dict[tuple, tuple] = {}  # (kind, ids of the input frames, flag) -> (inputs, result)
MEMO_SIZE = 8

COARSE = ("week", "month", "year")
TITLE_ACTORS = 3  # actors named in an event's title
TIME_ATTACH_DAYS = 7


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
    corpus: a :class:`~analysis.corpus.Corpus` with an ``events`` frame.
    include_reference: keep reference dates (captions, "Act of 1950", update stamps).
    """

    def compute() -> pd.DataFrame:
        ev = corpus.frames.get("events")
        if ev is None:
            ev = empty_frame(stage.COLUMNS)
        if not include_reference:
            ev = ev[~ev["is_reference"]]
        docs = corpus.documents[["doc_id", "outlet", "published"]]
        sents = corpus.sentences[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"})
        rows = (
            ev.merge(docs, on="doc_id", how="left")
            .merge(sents, on=["doc_id", "sent_id"], how="left")
            .reset_index(drop=True)
        )
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


def _title(happening: str, recs: list[dict]) -> str:
    """What happened, from the text: the happening with the actors named most often alongside it.

    "deadline — Anthropic, Department of Defense" (at most :data:`TITLE_ACTORS` actors, most
    mentioned first); the happening alone when no actor is named with it.
    """
    counts: dict[str, int] = defaultdict(int)
    for r in recs:
        for a in (r["actors"] or "").split("; "):
            if a:
                counts[a] += 1
    top = sorted(counts, key=lambda a: (-counts[a], a))[:TITLE_ACTORS]
    return f"{happening or NO_HAPPENING}" + (f" — {', '.join(top)}" if top else "")


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
            inside = (
                [
                    ids[j]
                    for j in range(bisect_left(starts, lo), bisect_right(starts, hi))
                    if events.items[ids[j]]["end"] <= hi
                ]
                if h
                else []
            )
            out[i] = (
                inside[0]
                if len(inside) == 1
                else events.add((h, unit, lo) if h else ("", unit, lo, own(r)), h, lo, hi, PRECISION_RANK[unit], False)
            )
    timed = events.index(timed_only=True)
    for i, r in enumerate(recs):
        if (
            r["kind"] == "duration"
            or not pd.isna(r["date"])
            or not r["time"]
            or not r["happening"]
            or pd.isna(r["published"])
        ):
            continue
        starts, ids = timed.get(r["happening"], ([], []))
        pub, pad = r["published"].normalize(), pd.Timedelta(days=TIME_ATTACH_DAYS)
        near = ids[bisect_left(starts, pub - pad) : bisect_right(starts, pub + pad)]
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
    return min(
        recs,
        key=lambda r: (
            r["in_furniture"],
            LATEST if pd.isna(r["reported"]) else r["reported"],
            PRECISION_RANK.get(r["precision"], 9),
            r["doc_id"],
            r["start"],
        ),
    )


def _variants(recs: list[dict]) -> list[tuple[str, list[dict]]]:
    """Clock times given for one event, most outlets first: [(time, its mentions)]."""
    by_time: dict[str, list[dict]] = defaultdict(list)
    for r in recs:
        if r["time"]:
            by_time[r["time"]].append(r)
    return sorted(by_time.items(), key=lambda p: (-len({r["outlet"] for r in p[1]}), p[0]))


def _grouped(rows: pd.DataFrame) -> dict[int, list[dict]]:
    groups: dict[int, list[dict]] = defaultdict(list)
    for r in (
        rows[rows["event_id"].notna()].sort_values(["event_id", "doc_id", "start"], kind="stable").to_dict("records")
    ):
        groups[int(r["event_id"])].append(r)
    return groups


def story_events(corpus, include_reference: bool = False) -> pd.DataFrame:
    """One row per story event: date, outlets reporting it, first report, disagreements.

    ``first_reported`` is the earliest time an article about it was written (publication
    date, or the update stamp for text under one); ``times`` lists each clock time given
    with its outlets; ``disagreement`` is True when outlets give different times.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with an ``events`` frame.
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
            records.append(
                {
                    "event_id": eid,
                    "label": _label(happening, date, precision),
                    "title": _title(happening, recs),
                    "happening": happening or NO_HAPPENING,
                    "date": date,
                    "precision": precision,
                    "time": variants[0][0] if variants else "",
                    "n_outlets": len({r["outlet"] for r in recs}),
                    "outlets": _join(r["outlet"] for r in recs),
                    "n_mentions": len(recs),
                    "first_reported": first,
                    "first_reported_by": _join(r["outlet"] for r in recs if r["reported"] == first),
                    "disagreement": len(variants) > 1,
                    "times": " | ".join(f"{t} ({_join(r['outlet'] for r in v)})" for t, v in variants),
                    "actors": _join(a for r in recs for a in (r["actors"] or "").split("; ")),
                    "expressions": "; ".join(dict.fromkeys(r["expression"] for r in recs)),
                    "example": ex["sentence"],
                    "example_outlet": ex["outlet"],
                }
            )
        frame = pd.DataFrame(records, columns=EVENT_COLUMNS)
        frame["date"] = pd.to_datetime(frame["date"])
        frame["first_reported"] = pd.to_datetime(frame["first_reported"])
        return frame.astype({"event_id": "int64", "n_outlets": "int64", "n_mentions": "int64", "disagreement": bool})

    return _memo(corpus, "events", include_reference, compute)


def disagreements(corpus, include_reference: bool = False) -> pd.DataFrame:
    """Where outlets report one story event differently: a row per event, aspect and value.

    The aspect is the clock time ("17:01" by some outlets, "17:00" by others); only
    events reported with more than one value appear.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with an ``events`` frame.
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
            records.append(
                {
                    "event_id": eid,
                    "label": labels.get(eid, ""),
                    "aspect": "time",
                    "value": value,
                    "n_outlets": len({r["outlet"] for r in v}),
                    "outlets": _join(r["outlet"] for r in v),
                    "expressions": "; ".join(dict.fromkeys(r["expression"] for r in v)),
                    "tz_given": _join(r["tz"] for r in v),
                    "example": ex["sentence"],
                    "example_outlet": ex["outlet"],
                }
            )
    return pd.DataFrame(records, columns=DISAGREEMENT_COLUMNS)


def reports_table(corpus, include_reference: bool = False) -> pd.DataFrame:
    """Which outlet reported which story event, how it wrote the date, and when it published.

    ``reported`` is when the text was written: the publication date, or the update stamp
    for text under one; ``days_after_event`` counts from the event to it (negative: the
    event was still ahead, e.g. a deadline).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with an ``events`` frame.
    include_reference: also include reference dates.
    """
    rows = event_mentions(corpus, include_reference)
    rows = rows[rows["event_id"].notna()]
    events = story_events(corpus, include_reference).set_index("event_id")
    cols = [
        "event_id",
        "label",
        "event_date",
        "outlet",
        "doc_id",
        "published",
        "reported",
        "days_after_event",
        "expressions",
        "times",
        "mentions",
    ]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = rows.groupby(["event_id", "outlet", "doc_id"], as_index=False, sort=True).agg(
        published=("published", "first"),
        reported=("reported", "min"),
        mentions=("expression", "size"),
        expressions=("expression", lambda s: "; ".join(dict.fromkeys(s))),
        times=("time", lambda s: "; ".join(sorted(set(s) - {""}))),
    )
    out["label"] = out["event_id"].map(events["label"])
    out["event_date"] = out["event_id"].map(events["date"])
    out["days_after_event"] = (out["reported"].dt.normalize() - out["event_date"]).dt.days
    return out[cols].sort_values(["event_date", "event_id", "reported", "outlet"], kind="stable").reset_index(drop=True)


def expressions_table(corpus, include_reference: bool = True) -> pd.DataFrame:
    """Every temporal expression with its outlet, resolution and sentence, for reading.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with an ``events`` frame.
    include_reference: keep reference dates (flagged in ``is_reference``).
    """
    rows = event_mentions(corpus, include_reference)
    cols = [
        "outlet",
        "published",
        "doc_id",
        "sent_id",
        "expression",
        "date",
        "precision",
        "time",
        "tz",
        "basis",
        "kind",
        "happening",
        "event_id",
        "is_reference",
        "reason",
        "in_furniture",
        "actors",
        "sentence",
    ]
    return rows[cols].reset_index(drop=True)


def article_summary(corpus) -> pd.DataFrame:
    """Per article: expressions found, resolved, unresolved, reference dates, story events.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with an ``events`` frame.
    """
    rows = event_mentions(corpus, include_reference=True)
    story = event_mentions(corpus, include_reference=False)
    docs = corpus.documents[["doc_id", "outlet", "published"]].set_index("doc_id")
    g = rows.groupby("doc_id")
    out = (
        pd.DataFrame(
            {
                "expressions": g.size(),
                "resolved": g["date"].count(),
                "unresolved": g.size() - g["date"].count(),
                "reference": g["is_reference"].sum(),
                "story_events": story.groupby("doc_id")["event_id"].nunique(),
            }
        )
        .reindex(docs.index)
        .fillna(0)
        .astype("int64")
    )
    return docs.join(out).reset_index()


def show_summary(corpus, include_reference: bool = False) -> None:
    """Headline figures: dated expressions resolved, story events, and where outlets disagree.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with an ``events`` frame.
    include_reference: count reference dates (captions, "Act of 1950") as story events too.
    """
    from analysis import display

    per_article = article_summary(corpus)
    found, resolved = int(per_article["expressions"].sum()), int(per_article["resolved"].sum())
    share = f"{resolved / found:.0%}" if found else "none"
    display.headline("Dated expressions", f"{found:,}", f"{resolved:,} resolved to a date: {share}")
    events = story_events(corpus, include_reference)
    shared = int((events["n_outlets"] >= 2).sum())
    display.headline("Story events", f"{len(events):,}", f"{shared:,} reported by two or more outlets")
    apart = disagreements(corpus, include_reference)
    if apart.empty:
        display.headline("Events outlets report differently", "0")
        return
    first = apart[apart["event_id"] == apart["event_id"].iloc[0]]
    example = f"e.g. {first['label'].iloc[0]}: " + " vs ".join(
        f"{v} ({o})" for v, o in zip(first["value"], first["outlets"])
    )
    display.headline("Events outlets report differently", f"{apart['event_id'].nunique():,}", example)
