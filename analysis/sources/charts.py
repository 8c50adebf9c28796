"""Charts for the sources notebook (who is quoted, named or anonymous).

Every function takes a :class:`~analysis.corpus.Corpus` and returns a plotly figure styled with
:func:`analysis.charts.finish` Corpus text
(outlets, speakers, quotes) reaches titles, ticks and hover boxes only through
:func:`analysis.charts.label` / :func:`analysis.charts.hover_text`, which escape it. An empty
selection gives :func:`analysis.charts.empty_figure` saying why.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis import charts as plots
from analysis.config import UNDATED
from analysis.sources import stage as sources
from analysis.sources import tables as sources_tables

TYPE_COLORS = {
    "named": "#1b7837",
    "anonymous": "#b2182b",
    "spokesperson": "#ef8a62",
    "organization": "#2166ac",
    "document": "#67a9cf",
    "media": "#999999",
}
MAX_DATE_CATEGORIES = 10  # more publication days than this: a date axis
MAX_SHARED_QUOTES = 25  # quote rows drawn; the rest are in the table
FEW_ATTRIBUTIONS = 5  # below this an outlet's shares say little; the chart says so


SUBTITLE_WIDTH = 100  # characters per line of the how-to-read text (fits a 900 px screen)


_finish = partial(plots.finish, wrap=SUBTITLE_WIDTH)  # the house style, subtitle wrapped


def _outlet_label(outlet: str, n: int) -> str:
    tag = "no attributions" if n == 0 else f"n={n}, too few" if n < FEW_ATTRIBUTIONS else f"n={n}"
    return plots.wrap_label(f"{outlet} ({tag})", 18, 4)


def _by_outlet(plot, frame: pd.DataFrame, corpus, **options) -> go.Figure:
    """A plotly express figure (``plot``: ``px.bar``, ``px.scatter``) of ``frame`` coloured by its
    ``outlet_label`` column, in the corpus's outlet colours; ``options`` go to ``plot``."""
    colors = {plots.label(k, 40): v for k, v in plots.outlet_colors(corpus.documents["outlet"]).items()}
    return plot(frame, color="outlet_label", color_discrete_map=colors, **options)


def sourcing_mix_chart(corpus, normalize: bool = True, include_relayed: bool = True) -> go.Figure:
    """Stacked bars per outlet of attributions by speaker type, as shares (or counts).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    normalize: True for each type's share of the outlet's attributions (bars reach 100%),
        False for counts.
    include_relayed: count second-hand attributions too (see :func:`analysis.sources.tables.attributions`).
    """
    title = "Sourcing mix per outlet" + (" (shares)" if normalize else " (counts)")
    mix = sources_tables.sourcing_mix(corpus, include_relayed)
    if mix.empty or mix["attributions"].sum() == 0:
        return plots.empty_figure(title, "No attributed quote or reported speech was found in this selection.")
    q = sources_tables.attributions(corpus, include_relayed)
    examples = dict(list(q.groupby(["outlet", "speaker_type"])))
    mix = mix.assign(
        outlet_label=[_outlet_label(o, n) for o, n in zip(mix["outlet"], mix["outlet_attributions"])],
        percent=(mix["share"] * 100).round(1),
        speakers=[
            plots.hover_text(
                "; ".join(f"{s} ({n})" for s, n in examples[(o, t)]["speaker"].value_counts().head(4).items()), 60
            )
            if (o, t) in examples
            else ""
            for o, t in zip(mix["outlet"], mix["speaker_type"])
        ],
        example=[
            plots.hover_text(f"“{examples[(o, t)]['quote'].iloc[0]}”", 60, 240) if (o, t) in examples else ""
            for o, t in zip(mix["outlet"], mix["speaker_type"])
        ],
    )
    y = "percent" if normalize else "attributions"
    fig = px.bar(
        mix,
        x="outlet_label",
        y=y,
        color="speaker_type",
        color_discrete_map=TYPE_COLORS,
        category_orders={"speaker_type": list(sources.SPEAKER_TYPES)},
        custom_data=["speaker_type", "attributions", "percent", "speakers", "example"],
    )
    fig.update_traces(
        hovertemplate="%{x}<br><b>%{customdata[0]}</b>: %{customdata[1]} attribution(s), "
        "%{customdata[2]}%<br>%{customdata[3]}<br>%{customdata[4]}<extra></extra>"
    )
    fig.update_layout(barmode="stack", legend_title_text="speaker type")
    few = f" Outlets marked 'too few' have under {FEW_ATTRIBUTIONS} attributions: read their shares with care."
    return _finish(
        fig,
        title,
        "Each bar is an outlet, split by who the attributed words come from: named people, "
        "anonymous sources, unnamed spokespeople, organisations, documents, other media."
        + few
        + " Hover for the speakers and an example.",
        "outlet",
        "share of attributions (%)" if normalize else "attributions",
    )


def who_is_quoted_chart(corpus, top_n: int = 15, include_relayed: bool = True) -> go.Figure:
    """Horizontal stacked bars: the most-cited speakers, split by outlet.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    top_n: how many speakers to show.
    include_relayed: count second-hand attributions too.
    """
    title = "Who is quoted, and by which outlet"
    table = sources_tables.who_is_quoted(corpus, top_n, include_relayed)
    if table.empty:
        return plots.empty_figure(title, "No attributed quote or reported speech was found in this selection.")
    table = table.assign(
        speaker_label=[f"{plots.label(s, 40)} · {t}" for s, t in zip(table["speaker"], table["speaker_type"])],
        outlet_label=table["outlet"].map(lambda o: plots.label(o, 40)),
        example=[plots.hover_text(f"“{e}”", 60, 240) for e in table["example"]],
        evidence=[plots.hover_text(s, 60, 300) for s in table["example_sentence"]],
    )
    order = list(dict.fromkeys(table["speaker_label"]))
    fig = _by_outlet(
        px.bar,
        table,
        corpus,
        y="speaker_label",
        x="attributions",
        orientation="h",
        category_orders={"speaker_label": order},
        custom_data=["outlet_label", "direct", "indirect", "example", "evidence"],
    )
    fig.update_traces(
        hovertemplate="%{y}<br>%{customdata[0]}: %{x} attribution(s) (%{customdata[1]} direct, "
        "%{customdata[2]} reported)<br>%{customdata[3]}<br><i>%{customdata[4]}</i>"
        "<extra></extra>"
    )
    fig.update_layout(barmode="stack", height=max(320, 60 + 28 * len(order)))
    total = int(table["attributions"].sum())
    note = " Fewer than 10 attributions in all: too few to compare outlets." if total < 10 else ""
    return _finish(
        fig,
        title,
        f"Each bar is one of the {len(order)} most-cited speakers (name · type); segments count "
        "the attributions each outlet gives them. Hover for an example and its sentence." + note,
        "attributions",
        "",
    )


def anonymous_share_chart(corpus, include_relayed: bool = True) -> go.Figure:
    """Bars: the share of each outlet's attributions that rest on anonymous sources, from
    :func:`analysis.sources.tables.anonymous_share` (same parameters)."""
    title = "How much rests on anonymous sources, per outlet"
    table = sources_tables.anonymous_share(corpus, include_relayed)
    if table.empty or table["attributions"].sum() == 0:
        return plots.empty_figure(title, "No attributed quote or reported speech was found in this selection.")
    table = table.assign(
        outlet_label=[_outlet_label(o, n) for o, n in zip(table["outlet"], table["attributions"])],
        percent=(table["share"].fillna(0) * 100).round(1),
        text=[f"{a} of {n}" for a, n in zip(table["anonymous"], table["attributions"])],
        descriptors_hover=[plots.hover_text(d or "(none)", 60, 500) for d in table["descriptors"]],
    )
    colors = {
        lbl: (TYPE_COLORS["anonymous"] if n >= FEW_ATTRIBUTIONS else "#e0a0a0")
        for lbl, n in zip(table["outlet_label"], table["attributions"])
    }
    fig = px.bar(
        table,
        x="outlet_label",
        y="percent",
        text="text",
        color="outlet_label",
        color_discrete_map=colors,
        custom_data=["descriptors_hover", "anonymous", "attributions"],
    )
    fig.update_traces(
        textposition="outside",
        hovertemplate="%{x}<br>%{customdata[1]} of %{customdata[2]} attributions anonymous "
        "(%{y}%)<br>Descriptors: %{customdata[0]}<extra></extra>",
    )
    fig.update_layout(showlegend=False, yaxis_range=[0, 105])
    return _finish(
        fig,
        title,
        "Each bar is the percentage of an outlet's attributions credited to unnamed sources "
        "(officials, people familiar, sources); the label counts them. Pale bars: under "
        f"{FEW_ATTRIBUTIONS} attributions, too few to say much. Hover for the descriptors used.",
        "outlet",
        "anonymous attributions (%)",
    )


def shared_quotes_chart(corpus, threshold: int = sources_tables.REUSE_THRESHOLD) -> go.Figure:
    """Dots: each quote found in several outlets (one row), placed at each outlet's publication date.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    threshold: rapidfuzz ``partial_ratio`` for "the same quote" (see :func:`analysis.sources.tables.shared_quotes`).
    """
    title = "Quotes shared across outlets"
    occ = sources_tables.shared_quotes(corpus, threshold)
    if occ.empty:
        return plots.empty_figure(title, "No direct quote appears in more than one outlet in this selection.")
    spread = occ.groupby("group").agg(n=("outlet", "nunique"), m=("outlet", "size"), first=("published", "min"))
    note = ""
    if len(spread) > MAX_SHARED_QUOTES:
        keep = spread.sort_values(["n", "m", "first"], ascending=[False, False, True], kind="stable").index
        note = (
            f" Showing the {MAX_SHARED_QUOTES} quotes carried by the most outlets of {len(spread):,}; "
            "the table lists all."
        )
        occ = occ[occ["group"].isin(keep[:MAX_SHARED_QUOTES])]
    longest = occ.groupby("group")["quote"].agg(lambda s: max(s, key=len))
    occ = occ.assign(
        quote_label=occ["group"].map(lambda g: plots.label(longest[g], 60)),
        outlet_label=occ["outlet"].map(lambda o: plots.label(o, 40)),
        date=occ["published"].map(sources_tables.date_label),
        first=occ["is_earliest"].map({True: "earliest", False: "later"}),
        variant=[plots.hover_text(f"“{q}”", 60, 300) for q in occ["quote"]],
        who=occ["speaker"].map(lambda s: plots.label(s, 50)),
    )
    fig = _by_outlet(
        px.scatter,
        occ,
        corpus,
        x="date",
        y="quote_label",
        symbol="first",
        symbol_map={"earliest": "star", "later": "circle"},
        custom_data=["outlet_label", "who", "variant", "first"],
    )
    fig.update_traces(
        marker=dict(size=14, opacity=0.85),
        hovertemplate="%{customdata[0]} · %{x} (%{customdata[3]})<br>as said by %{customdata[1]}"
        "<br>%{customdata[2]}<extra></extra>",
    )
    if occ["published"].dropna().dt.normalize().nunique() > MAX_DATE_CATEGORIES:  # a date axis, not a category per day
        for trace in fig.data:
            trace.x = [pd.Timestamp(d) if d != UNDATED else None for d in trace.x]
        fig.update_xaxes(type="date")
    else:
        fig.update_xaxes(type="category", categoryorder="category ascending")
    fig.update_layout(height=max(300, 200 + 34 * occ["group"].nunique()))
    return _finish(
        fig,
        title,
        "Each row is one quote found (trimmed or re-punctuated) in at least two outlets; dots are "
        "the outlets carrying it, at their publication date, the star marking the earliest. "
        "Hover for each outlet's wording." + note,
        "publication date",
        "",
    )


def sourcing_over_time(corpus, freq: str | None = None, include_relayed: bool = True) -> go.Figure:
    """Stacked shares of speaker types per period (top) and the anonymous share with its count (bottom).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    freq: "day", "week", "month" or None (chosen from the corpus's span, :mod:`analysis.periods`).
    include_relayed: count second-hand attributions too.
    """
    from plotly.subplots import make_subplots

    from analysis import periods

    title = "Sourcing over time: who is cited, and how much rests on anonymous sources"
    frame = sources_tables.sourcing_over_time(corpus, freq, include_relayed)
    if frame.empty or frame["attributions"].sum() == 0:
        return plots.empty_figure(title, "No attributed quote or reported speech in a dated article.")
    freq = frame["freq"].iloc[0]
    why = periods.too_short(corpus.documents["published"], freq)
    if why:
        return plots.too_short_figure(title, why)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1, row_heights=[0.6, 0.4])
    for kind in sources.SPEAKER_TYPES:
        sub = frame[frame["speaker_type"] == kind]
        hover = [
            f"<b>{kind}</b> · {periods.period_label(p, freq)}: {a} of {t} attributions ({s:.0%})<br>"
            f"{plots.hover_text(e, 70, 240)}"
            for p, a, t, s, e in zip(
                sub["period"], sub["attributions"], sub["period_attributions"], sub["share"], sub["example"]
            )
        ]
        fig.add_trace(
            go.Bar(
                x=sub["period"],
                y=sub["share"] * 100,
                name=kind,
                marker_color=TYPE_COLORS[kind],
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
            ),
            row=1,
            col=1,
        )
    anon = frame[frame["speaker_type"] == "anonymous"]
    fig.add_trace(
        go.Scatter(
            x=anon["period"],
            y=anon["share"] * 100,
            mode="lines+markers",
            name="anonymous share",
            showlegend=False,
            line=dict(color=TYPE_COLORS["anonymous"], width=2),
            marker=dict(size=[4 if t < FEW_ATTRIBUTIONS else 8 for t in anon["period_attributions"]]),
            customdata=[
                f"{periods.period_label(p, freq)}: {a} of {t} attributions anonymous"
                for p, a, t in zip(anon["period"], anon["attributions"], anon["period_attributions"])
            ],
            hovertemplate="%{customdata}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    fig.update_layout(barmode="stack", bargap=0.15, legend=dict(orientation="h", y=-0.15, x=0, title_text=""))
    fig.update_yaxes(title_text="share (%)", range=[0, 100], row=1, col=1)
    fig.update_yaxes(title_text="anonymous (%)", rangemode="tozero", row=2, col=1)
    first, last = anon.iloc[0], anon.iloc[-1]
    return _finish(
        fig,
        title,
        f"Top: each bar is a {freq}, split by the type of source the attributed words come from (bars reach "
        f"100%). Bottom: the anonymous share alone; it went from {first['share']:.0%} in the first {freq} to "
        f"{last['share']:.0%} in the last (small dots: under {FEW_ATTRIBUTIONS} attributions). Hover for an example.",
        None,
        None,
        height=620,
    )
