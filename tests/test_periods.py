"""Choosing the period of the over-time views, and saying when there is too little time."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import periods


def dates(*values: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values)))


def test_the_period_follows_the_span():
    assert periods.choose_freq(dates("2026-02-01", "2026-02-20")) == "day"
    assert periods.choose_freq(dates("2026-01-01", "2026-04-01")) == "week"
    assert periods.choose_freq(dates("2025-03-01", "2026-02-27")) == "month"
    assert periods.choose_freq(dates("2025-03-01", "2026-02-27"), "week") == "week"


def test_an_unknown_freq_is_refused():
    with pytest.raises(ValueError, match="freq must be one of"):
        periods.choose_freq(dates("2026-02-01"), "fortnight")


def test_weeks_start_on_monday_and_months_on_the_first():
    got = periods.period_start(dates("2026-02-27", "2026-03-01"), "week")
    assert list(got) == [pd.Timestamp("2026-02-23"), pd.Timestamp("2026-02-23")]
    assert periods.period_start(dates("2026-02-27"), "month").iloc[0] == pd.Timestamp("2026-02-01")


def test_one_week_is_too_little_time_for_a_trend():
    week = dates("2026-02-23", "2026-02-27")
    assert "span 5 day(s), too little time" in periods.too_short(week, "day")
    assert periods.too_short(dates("2026-01-05", "2026-02-10", "2026-03-20"), "month") == ""
    assert "fall in 2 month(s)" in periods.too_short(dates("2026-01-05", "2026-02-10"), "month")


def test_the_per_date_chart_bins_by_week_beyond_two_months():
    from analysis.overview.charts import bar_period

    assert bar_period(dates("2026-01-01", "2026-02-20")) == "day"
    assert bar_period(dates("2025-03-01", "2026-02-27")) == "week"
    assert bar_period(dates("2023-03-01", "2026-02-27")) == "month"
