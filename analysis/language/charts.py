"""A faceted bar chart of the terms that set each group apart (z-scores of log-odds ratios).

One panel per group, horizontal bars of z for its top terms, counts and one evidence sentence
in the hover. The figure stays small whatever the corpus: at most :data:`MAX_GROUPS` panels of
:data:`CHART_TOP` bars, a plot area of at most :data:`MAX_PLOT_PX` pixels, and truncated text;
the full lists are in the table (:func:`~analysis.language.tables.distinctive_terms`).
"""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis import charts as plots

CHART_TOP = 10  # bars per panel
MAX_GROUPS = 10  # panels per figure; further groups are named in the subtitle and left to the table
COLUMNS = 2  # panels per row (term labels need the room between panels)
MAX_PLOT_PX = 1400  # tallest plot area, whatever the number of groups
BAR_PX = 20  # height per bar
PANEL_GAP_PX = 60  # panel title and spacing per row of panels
LABEL_CHARS = 24  # term labels on the axis are cut to this many characters
HOVER_CHARS = 220  # evidence sentences in the hover are cut to this many
FONT = "Helvetica, Arial, sans-serif"
X_TITLE = "z-score (log-odds, informative Dirichlet prior)"
WORD_COLOR, NAME_COLOR = "#4C78A8", "#F58518"


def _chosen(terms_frame: pd.DataFrame, top: int, include_names: bool) -> pd.DataFrame:
    """The rows to draw: per group, the ``top`` highest z.

    Parameters
    ----------
    terms_frame: the distinctive-terms table.
    top: rows per group.
    include_names: keep names too (else words only).

    Returns
    -------
    the rows, by group then descending z.
    """
    rows = terms_frame if include_names else terms_frame[~terms_frame["is_name"].astype(bool)]
    rows = rows.sort_values(["group", "z", "term"], ascending=[True, False, True], kind="stable")
    return rows.groupby("group", sort=True).head(top)


def _empty(title: str, reason: str) -> go.Figure:
    """A small figure that says why there is nothing to draw.

    Parameters
    ----------
    title: the chart title (already escaped).
    reason: plain text shown in the middle.

    Returns
    -------
    plotly Figure without data.
    """
    fig = go.Figure()
    fig.add_annotation(text=html.escape(reason), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(
        title={"text": f"<b>{title}</b>"}, template="plotly_white", height=300, font={"family": FONT, "size": 13}
    )
    return fig


def distinctive_terms_chart(
    terms_frame: pd.DataFrame,
    evidence: pd.DataFrame | None = None,
    top: int = CHART_TOP,
    max_groups: int = MAX_GROUPS,
    groups: list | None = None,
    include_names: bool = False,
    title: str = "The language that sets each group apart",
) -> go.Figure:
    """Faceted horizontal bars of the top terms' z-scores, one panel per group.

    Parameters
    ----------
    terms_frame: output of :func:`~analysis.language.tables.distinctive_terms`.
    evidence: optional output of :func:`~analysis.language.tables.term_evidence`; its first
        sentence per (group, term) goes in the hover.
    top: bars per panel (fewer if the panels would pass :data:`MAX_PLOT_PX`).
    max_groups: panels at most; the first groups in sorted order (or in ``groups`` order).
    groups: which groups to draw, in order (default: all, sorted).
    include_names: also draw names (in another colour); default words only.
    title: the chart title (plain text).

    Returns
    -------
    plotly Figure (``template="plotly_white"``).
    """
    title = html.escape(title, quote=False)
    rows = _chosen(terms_frame, top, include_names) if not terms_frame.empty else terms_frame
    present = sorted(rows["group"].unique()) if not rows.empty else []
    order = [g for g in (groups if groups is not None else present) if g in set(present)]
    if not order:
        return _empty(title, "No distinctive terms: it needs two or more groups with enough text.")
    shown = order[:max_groups]
    n_cols = min(COLUMNS, len(shown))
    n_rows = math.ceil(len(shown) / n_cols)
    top = max(1, min(top, (MAX_PLOT_PX // n_rows - PANEL_GAP_PX) // BAR_PX))
    rows = rows.groupby("group", sort=False).head(top)
    plot_px = n_rows * (top * BAR_PX + PANEL_GAP_PX)
    first = {}
    if evidence is not None and not evidence.empty:
        first = evidence.drop_duplicates(["group", "term"]).set_index(["group", "term"])["sentence"].to_dict()
    fig = make_subplots(
        rows=n_rows,
        cols=n_cols,
        subplot_titles=[plots.cut(g, 40) for g in shown],
        horizontal_spacing=0.2 if n_cols > 1 else 0.02,
        vertical_spacing=min(0.3, PANEL_GAP_PX / plot_px) if n_rows > 1 else 0.0,
    )
    x_max = float(rows["z"].max()) * 1.08
    for i, grp in enumerate(shown):
        part = rows[rows["group"] == grp]
        r, c = i // n_cols + 1, i % n_cols + 1
        pos = np.arange(len(part))
        names = part["is_name"].astype(bool).to_numpy()
        custom = np.column_stack(
            [
                [html.escape(t, quote=False) for t in part["term"]],
                part["count_group"],
                part["count_rest"],
                part["docs_group"] if "docs_group" in part else part["count_group"],
                [
                    ("<br><i>" + plots.hover_text(first[(grp, t)], 70, HOVER_CHARS) + "</i>")
                    if (grp, t) in first
                    else ""
                    for t in part["term"]
                ],
            ]
        )
        fig.add_trace(
            go.Bar(
                x=part["z"].round(2),
                y=pos,
                orientation="h",
                customdata=custom,
                showlegend=False,
                marker_color=np.where(names, NAME_COLOR, WORD_COLOR).tolist(),
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>z = %{x}<br>%{customdata[1]} uses here "
                    "(%{customdata[3]} articles), %{customdata[2]} in the rest%{customdata[4]}"
                    "<extra></extra>"
                ),
            ),
            row=r,
            col=c,
        )
        fig.update_yaxes(
            tickvals=pos.tolist(),
            ticktext=[plots.cut(t, LABEL_CHARS) for t in part["term"]],
            autorange="reversed",
            automargin=True,
            row=r,
            col=c,
        )
        fig.update_xaxes(range=[0, x_max], row=r, col=c, title_text=X_TITLE if i + n_cols >= len(shown) else None)
    kinds = "terms per group, words blue and names orange" if include_names else "words per group"
    more = [f"{len(order) - len(shown)} more groups"] if len(order) > len(shown) else []
    elsewhere = ([] if include_names else ["names"]) + more + ["the rest of each list"]
    how = (
        f"Top {top} {kinds} by z-score (longer bar: used more here than in the rest); "
        f"{', '.join(elsewhere)} in the table."
    )
    fig.update_layout(
        title={
            "text": f"<b>{title}</b>",
            "subtitle": {"text": html.escape(how, quote=False)},
            "x": 0.01,
            "xanchor": "left",
        },
        template="plotly_white",
        font={"family": FONT, "size": 12},
        height=plot_px + 160,
        bargap=0.25,
        margin={"t": 110, "l": 10, "r": 20, "b": 60},
    )
    fig.update_annotations(font_size=13)
    return fig


def terms_chart(
    corpus, by: str = "outlet", top: int = CHART_TOP, include_names: bool = False, min_count: int | None = None
) -> go.Figure:
    """:func:`distinctive_terms_chart` of a corpus, grouped by outlet, period or actor context.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    by: as for :func:`analysis.language.tables.corpus_terms`.
    top: bars per panel.
    include_names: also draw names.
    min_count: least uses in the group (default :data:`analysis.language.tables.MIN_COUNT`).

    Returns
    -------
    plotly Figure.
    """
    from . import tables

    terms, evidence = tables.corpus_terms(corpus, by, min_count=tables.MIN_COUNT if min_count is None else min_count)
    label = {"outlet": "outlet", "actor": "actor's context"}.get(by, by)
    return distinctive_terms_chart(
        terms, evidence, top=top, include_names=include_names, title=f"The language that sets each {label} apart"
    )
