"""Charts of wire copy and shared copy per outlet, in the house style (:mod:`analysis.charts`).

Each figure has a title, a how-to-read subtitle, axis titles with units and hover text showing the
evidence (the dateline or credit, the shared paragraph), escaped. The plot area stays within about
two screens at any corpus size: at most :data:`MAX_OUTLETS` outlets (the most wire or most shared)
and :data:`MAX_CLUSTERS` clusters are drawn, and the subtitle says when more are in the table.
"""

from __future__ import annotations

import plotly.graph_objects as go

from analysis import charts as plots

from . import tables

MAX_OUTLETS = 30  # bars drawn; the rest are in the table
MAX_CLUSTERS = 25  # shared pieces drawn; the rest are in the table
ROW_PX = 28  # height per bar
WIRE_COLOR, CONTRIB_COLOR, OWN_COLOR = "#E45756", "#F58518", "#BAB0AC"
FIRST_COLOR, LATER_COLOR = "#4C78A8", "#9ECAE9"


def _height(rows: int) -> int:
    """Figure height for ``rows`` bars (plot area capped by :data:`MAX_OUTLETS`)."""
    return 200 + ROW_PX * max(rows, 3)


def _stacked_share_bars(names: list[str], parts, totals, hover: list[list[str]], pct: str) -> go.Figure:
    """Horizontal bars, one per outlet, stacked from ``parts`` as shares of ``totals``.

    Parameters
    ----------
    names: the outlets' labels, top to bottom.
    parts: ``(name, counts, colour)`` for each segment, in stacking order.
    totals: the denominators, aligned with ``names``.
    hover: per segment, one escaped hover line per outlet.
    pct: the d3 format of the share shown on hover (".0%", ".1%").

    Returns
    -------
    The figure, before :func:`analysis.charts.finish`.
    """
    fig = go.Figure()
    for (name, count, color), lines in zip(parts, hover):
        fig.add_trace(
            go.Bar(
                y=names,
                x=(count / totals).round(4),
                name=name,
                orientation="h",
                marker_color=color,
                customdata=count,
                hovertext=lines,
                hovertemplate=f"{name}: %{{x:{pct}}} (%{{customdata}})<br>%{{hovertext}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", height=_height(len(names)))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickformat=".0%")
    return fig


def _finish_bars(fig: go.Figure, title: str, how: str, x_title: str, left_out: int) -> go.Figure:
    """The house finish for the outlet bar charts, saying how many outlets only the table holds."""
    more = f" {left_out} more outlets are in the table." if left_out > 0 else ""
    return plots.finish(fig, title, how + more, x_title, "", wrap=110)


def wire_share_chart(corpus) -> go.Figure:
    """Bars: each outlet's articles split into wire copy, agency contributions and own reporting.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` (documents with wire marks).

    Returns
    -------
    A plotly figure; hover shows the agencies and one piece of evidence per outlet.
    """
    title = "How much of each outlet is wire copy"
    share = tables.wire_share(corpus)
    if share.empty:
        return plots.empty_figure(title, "No articles in this selection.")
    shown = share.head(MAX_OUTLETS)
    ev = tables.wire_evidence(corpus)
    example = ev[ev["wire_role"] == "wire"].drop_duplicates("outlet").set_index("outlet")["wire_evidence"].to_dict()
    names = [plots.label(o, 40) for o in shown["outlet"]]
    own = shown["articles"] - shown["wire_articles"] - shown["contribution_articles"]
    parts = (
        ("wire copy", shown["wire_articles"], WIRE_COLOR),
        ("own, with agency contribution", shown["contribution_articles"], CONTRIB_COLOR),
        ("own reporting", own, OWN_COLOR),
    )
    hover = [
        f"{plots.label(o, 40)}<br>{r.wire_articles} of {r.articles} articles wire"
        + (f" ({plots.label(r.agencies, 80)})" if r.agencies else "")
        + (f"<br>e.g. <i>{plots.hover_text(example[o], 60, 160)}</i>" if o in example else "")
        + (f"<br>{r.left_out} left out of this selection" if r.left_out else "")
        for o, r in zip(shown["outlet"], shown.itertuples())
    ]
    fig = _stacked_share_bars(names, parts, shown["articles"], [hover] * len(parts), ".0%")
    fig.update_xaxes(range=[0, 1])
    how = (
        "Each bar is an outlet's articles: red carries an agency's dateline, credit or byline (wire copy), "
        "orange is the outlet's own story with an agency contribution, grey its own reporting. "
        "Hover for the agencies and a piece of evidence."
    )
    return _finish_bars(fig, title, how, "share of the outlet's articles (%)", len(share) - len(shown))


def shared_copy_chart(corpus, threshold: float = tables.JACCARD_MIN) -> go.Figure:
    """Bars: each outlet's share of paragraphs it shares with another outlet, published first or later.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    threshold: as for :func:`~analysis.syndication.tables.shared_clusters`.

    Returns
    -------
    A plotly figure; hover shows counts and one shared paragraph of the outlet.
    """
    title = "Each outlet's share of shared copy"
    outlets = tables.shared_by_outlet(corpus, threshold)
    outlets = outlets[outlets["shared_paragraphs"] > 0]
    if outlets.empty:
        return plots.empty_figure(title, "No paragraph of 12 or more words appears (nearly) verbatim in two outlets.")
    shown = outlets.head(MAX_OUTLETS)
    r = tables.corpus_shared_copy(corpus, threshold=threshold)
    cross = r.members[r.members["cross_outlet"]].sort_values(["outlet", "doc_id", "para_id"])
    texts = corpus.documents.set_index("doc_id")["text"]
    example = {
        m.outlet: texts[m.doc_id][m.start : m.end] for m in cross.drop_duplicates("outlet").itertuples(index=False)
    }
    names = [plots.label(o, 40) for o in shown["outlet"]]
    later = shown["shared_paragraphs"] - shown["first_paragraphs"]
    parts = (
        ("published first", shown["first_paragraphs"], FIRST_COLOR),
        ("published later (or undated)", later, LATER_COLOR),
    )
    hover = [
        [
            f"{plots.label(o, 40)}: {n} of {p} paragraphs"
            + (f"<br>e.g. <i>{plots.hover_text(example[o], 60, 240)}</i>" if o in example else "")
            for o, n, p in zip(shown["outlet"], count, shown["paragraphs"])
        ]
        for _, count, _ in parts
    ]
    fig = _stacked_share_bars(names, parts, shown["paragraphs"], hover, ".1%")
    how = (
        "Each bar is the share of an outlet's paragraphs (12+ words) that reappear, nearly verbatim, in "
        "another outlet: dark where this outlet published on the earliest date, light where it followed. "
        "Hover for one shared paragraph."
    )
    return _finish_bars(fig, title, how, "share of the outlet's paragraphs (%)", len(outlets) - len(shown))


def shared_clusters_chart(corpus, threshold: float = tables.JACCARD_MIN, top: int = MAX_CLUSTERS) -> go.Figure:
    """Dots: the most widely shared pieces (one row each), one dot per outlet at its publication date.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    threshold: as for :func:`shared_copy_chart`.
    top: pieces drawn (most outlets first; at most :data:`MAX_CLUSTERS`).

    Returns
    -------
    A plotly figure; the star marks the earliest publisher, hover shows the paragraph.
    """
    title = "Who ran the same copy first"
    clusters = tables.shared_clusters(corpus, threshold)
    if clusters.empty:
        return plots.empty_figure(title, "No paragraph of 12 or more words appears (nearly) verbatim in two outlets.")
    shown = clusters.head(min(top, MAX_CLUSTERS))
    r = tables.corpus_shared_copy(corpus, threshold=threshold)
    members = r.members[r.members["cluster_id"].isin(shown["cluster_id"])]
    per = members.sort_values(["published", "doc_id"]).drop_duplicates(["cluster_id", "outlet"])
    row_label = {c: f"#{c} {plots.label(e, 50)}" for c, e in zip(shown["cluster_id"], shown["excerpt"])}
    excerpt = dict(zip(shown["cluster_id"], shown["excerpt"]))
    colors = plots.outlet_colors(corpus.documents["outlet"])
    fig = go.Figure()
    for outlet, g in per.groupby("outlet", sort=True):
        fig.add_trace(
            go.Scatter(
                x=[date_label(p) for p in g["published"]],
                y=[row_label[c] for c in g["cluster_id"]],
                mode="markers",
                name=plots.label(outlet, 40),
                marker=dict(
                    size=13,
                    color=colors.get(outlet),
                    symbol=["star" if f else "circle" for f in g["is_first"]],
                    opacity=0.85,
                ),
                hovertext=[
                    f"{plots.label(outlet, 40)} · {date_label(p)}{' (earliest)' if f else ''}<br>"
                    f"<i>{plots.hover_text(excerpt[c], 60, 240)}</i>"
                    for p, f, c in zip(g["published"], g["is_first"], g["cluster_id"])
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.update_xaxes(type="category", categoryorder="category ascending")
    fig.update_yaxes(categoryorder="array", categoryarray=list(row_label.values())[::-1], automargin=True)
    fig.update_layout(height=_height(len(shown)) + 40)
    more = f" {len(clusters) - len(shown)} more pieces are in the table." if len(clusters) > len(shown) else ""
    return plots.finish(
        fig,
        title,
        "Each row is a paragraph found, nearly verbatim, in two or more outlets (most outlets first); each dot "
        f"an outlet at its publication date, the star the earliest. Hover to read it.{more}",
        "publication date",
        "",
        wrap=110,
    )


def date_label(value) -> str:
    """A publication date as ``YYYY-MM-DD``, or the house label for undated."""
    import pandas as pd

    return plots.UNDATED if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")
