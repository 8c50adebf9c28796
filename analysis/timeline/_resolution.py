"""Resolving a temporal expression against its anchor date, for the timeline stage.

:func:`resolve` turns an :class:`~analysis.timeline._expressions.Expr` into date, date_end,
precision, time, tz, basis and kind: calendar text through dateparser (cached, pinned base),
yearless dates, weekdays and deictic phrases by the rules in :mod:`analysis.timeline.stage`'s
docstring.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis.timeline._expressions import Expr

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "a few": 3,
}

UNIT_DAYS = {"day": 1, "week": 7}

MIN_DATE, MAX_DATE = pd.Timestamp("1700-01-01"), pd.Timestamp("2200-12-31")  # within datetime64[ns]

DATEPARSER_SETTINGS = {
    # Pinned base: results depend only on the string (cacheable); the year of a yearless
    # date is chosen by our rules, never by this base.
    "RELATIVE_BASE": pd.Timestamp("2000-01-01").to_pydatetime(),
    "PREFER_DATES_FROM": "current_period",
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "MDY",
    "PREFER_LOCALE_DATE_ORDER": False,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": False,
}


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
    e: the expression (from :func:`~analysis.timeline._expressions.find_expressions`).
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
            y, mon, day = ((parsed[0] if written_year else None), parsed[1], (parsed[2] if written_day else None))
        precision = "day" if day else "month"
        if mon is None:
            basis = "absolute"
        elif written_year:
            basis = "absolute"
            date = _safe_date(y, mon, day or 1) or nat
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
                date, end, precision, kind = (nat, nat, f.get("agounit") or f.get("durunit") or "year", "duration")
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
    return {
        "date": date,
        "date_end": end,
        "precision": precision,
        "time": time,
        "tz": f.get("tz", ""),
        "basis": basis,
        "kind": kind,
    }
