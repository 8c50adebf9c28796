"""The distinctive-terms chart: facets, titles, size caps, hover evidence, escaping."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.language import CHART_TOP, MAX_GROUPS, distinctive_terms_chart
from analysis.language.charts import LABEL_CHARS, MAX_PLOT_PX, X_TITLE


def terms_frame(n_groups: int, per_group: int = 20) -> pd.DataFrame:
    rows = []
    for g in range(n_groups):
        for r in range(per_group):
            rows.append(
                {
                    "group": f"Outlet {g:02d}",
                    "term": f"term{r} " + "long " * (r % 3) * 6,
                    "count_group": 50 - r,
                    "count_rest": r,
                    "docs_group": 10,
                    "z": 20.0 - r / 2,
                    "rank": r + 1,
                    "is_name": r % 5 == 4,
                }
            )
    return pd.DataFrame(rows)


def test_facets_titles_and_template():
    fig = distinctive_terms_chart(terms_frame(3))
    assert len(fig.data) == 3
    assert fig.layout.template.layout.paper_bgcolor == "white"  # plotly_white
    assert "apart" in fig.layout.title.text
    assert "names, the rest of each list in the table" in fig.layout.title.subtitle.text
    axes = [name for name in fig.layout.to_plotly_json() if name.startswith("xaxis")]
    x_titles = {fig.layout[name].title.text for name in axes}
    assert x_titles - {None} == {X_TITLE}
    for bar in fig.data:
        assert len(bar.x) == CHART_TOP and bar.orientation == "h"
        assert not any(t[0] == "term4 " for t in bar.customdata)  # names left out by default


def test_height_and_bytes_capped_whatever_the_number_of_groups():
    small, big = distinctive_terms_chart(terms_frame(2)), distinctive_terms_chart(terms_frame(60))
    assert len(big.data) == MAX_GROUPS
    assert "50 more groups, the rest of each list in the table" in big.layout.title.subtitle.text
    for fig in (small, big):
        assert fig.layout.height - 160 <= MAX_PLOT_PX
    assert len(big.to_json()) < 60_000


def test_labels_truncated_hover_has_counts_and_evidence_escaped():
    frame = terms_frame(2)
    evidence = pd.DataFrame(
        {
            "group": ["Outlet 00"],
            "term": [frame["term"][0]],
            "doc_id": ["d"],
            "sent_id": [0],
            "start": [0],
            "end": [5],
            "sentence": ["Says <b>term0</b> " * 40],
        }
    )
    fig = distinctive_terms_chart(frame, evidence=evidence, include_names=True)
    labels = fig.layout.yaxis.ticktext
    assert max(len(t) for t in labels) <= LABEL_CHARS and any(t.endswith("…") for t in labels)
    first = fig.data[0]
    assert "%{customdata[1]}" in first.hovertemplate and "%{customdata[2]}" in first.hovertemplate
    assert "&lt;b&gt;term0&lt;/b&gt;" in first.customdata[0][4] and "<b>term0" not in first.customdata[0][4]
    assert len(first.customdata[0][4]) < 400
    assert first.customdata[1][4] == ""  # no evidence for that term
    assert len(set(np.asarray(first.marker.color))) == 2  # words and names coloured apart


def test_empty_frame_says_why():
    fig = distinctive_terms_chart(terms_frame(0))
    assert len(fig.data) == 0 and "two or more groups" in fig.layout.annotations[0].text
