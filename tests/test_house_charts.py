"""The house chart helpers (analysis.charts) on literal text."""

from __future__ import annotations

import pandas as pd

from analysis import charts
from analysis.text import one_line


def test_one_line_joins_whitespace_and_cuts_with_an_ellipsis():
    assert one_line("Harbour  votes\nby lantern", 40) == "Harbour votes by lantern"
    assert one_line("Harbour votes by lantern", 10) == "Harbour v…"


def test_cut_escapes_and_cuts_inside_a_word():
    assert charts.cut("<script>alert(1)</script>", 12) == "&lt;script&gt;ale…"  # 11 characters and "…"
    assert charts.cut("supercalifragilistic", 6) == "super…"


def test_hover_text_is_escaped_and_wrapped():
    text = charts.hover_text("A <b>bold</b> claim " + "word " * 30, width=40, max_chars=60)
    assert "&lt;b&gt;" in text and "<br>" in text and text.endswith("…")


def test_over_time_stand_in_explains_an_empty_table():
    fig = charts.over_time_stand_in("Tone", pd.DataFrame(), pd.Series([], dtype="datetime64[ns]"), "No dates.")
    assert fig is not None and fig.layout.annotations[0].text == "No dates."


def test_over_time_stand_in_says_when_the_span_is_too_short():
    published = pd.Series(pd.to_datetime(["2026-02-24", "2026-02-25"]))
    frame = pd.DataFrame({"freq": ["month"], "period": [pd.Timestamp("2026-02-01")]})
    fig = charts.over_time_stand_in("Tone over time", frame, published, "No dates.")
    assert fig is not None and fig.layout.annotations[0].text.startswith("No trend drawn")


def test_over_time_stand_in_lets_a_real_trend_through():
    published = pd.Series(pd.date_range("2026-01-01", periods=120, freq="D"))
    frame = pd.DataFrame({"freq": ["week"]})
    assert charts.over_time_stand_in("Tone over time", frame, published, "No dates.") is None
