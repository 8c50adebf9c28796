"""Time periods for the over-time views: which period to count by, and whether there is a trend to show.

The period is chosen from the corpus's span (publication dates) unless a ``freq`` is given:
up to :data:`DAY_SPAN_DAYS` days by day, up to :data:`WEEK_SPAN_DAYS` by week (weeks start on
Monday), beyond that by month. A corpus spanning fewer than :data:`MIN_SPAN_DAYS` days, or
with fewer than :data:`MIN_PERIODS` periods holding articles, has too little time to show a
trend: :func:`too_short` says why, and the charts print that instead of drawing noise.
"""

from __future__ import annotations

import pandas as pd

FREQS = {"day": "D", "week": "W-SUN", "month": "M"}
DAY_SPAN_DAYS = 31
WEEK_SPAN_DAYS = 180
MIN_SPAN_DAYS = 14  # the seeds span one week: no trend
MIN_PERIODS = 3


def choose_freq(published: pd.Series, freq: str | None = None) -> str:
    """The period to count by: ``freq`` if given, else day / week / month from the span.

    Parameters
    ----------
    published: publication dates (NaT ignored).
    freq: "day", "week", "month" or None (choose from the span).

    Returns
    -------
    "day", "week" or "month".
    """
    if freq is not None:
        if freq not in FREQS:
            raise ValueError(f"freq must be one of {', '.join(FREQS)} or None, not {freq!r}")
        return freq
    dates = published.dropna()
    span = (dates.max() - dates.min()).days if len(dates) else 0
    return "day" if span <= DAY_SPAN_DAYS else "week" if span <= WEEK_SPAN_DAYS else "month"


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """The first day of each date's period (NaT stays NaT).

    Parameters
    ----------
    dates: timestamps.
    freq: "day", "week" or "month".
    """
    dates = pd.to_datetime(dates)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates.dt.to_period(FREQS[freq]).dt.start_time


def too_short(published: pd.Series, freq: str) -> str:
    """Why there is too little time to show a trend ("" when there is enough).

    Parameters
    ----------
    published: publication dates (NaT ignored).
    freq: the period in use.
    """
    dates = published.dropna()
    if dates.empty:
        return "no article has a publication date, so nothing can be placed in time"
    span = (dates.max() - dates.min()).days
    periods = period_start(dates, freq).nunique()
    if span < MIN_SPAN_DAYS:
        return (
            f"the articles span {span + 1} day(s), too little time to show a trend "
            f"(at least {MIN_SPAN_DAYS} days are needed); see the per-date chart in the overview"
        )
    if periods < MIN_PERIODS:
        return f"the articles fall in {periods} {freq}(s); a trend needs at least {MIN_PERIODS}"
    return ""


def period_label(start: pd.Timestamp, freq: str) -> str:
    """How a period reads on an axis or in a hover box ("week of 03 Mar 2025", "Mar 2025").

    Parameters
    ----------
    start: the period's first day.
    freq: "day", "week" or "month".
    """
    if freq == "month":
        return f"{start:%b}\u00a0{start:%Y}"
    if freq == "week":
        return f"week of {start:%d}\u00a0{start:%b}\u00a0{start:%Y}"
    return f"{start:%a %d %b %Y}"
