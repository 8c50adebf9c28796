"""Charts for the actors notebook: who appears, how prominently, and with whom.

One function per chart, each returning a plotly figure in the house style
(:func:`analysis.charts.finish`); corpus text reaches titles and hover boxes only through
:func:`analysis.charts.label` / :func:`analysis.charts.hover_text`. The tidy frames behind
them come from :mod:`analysis.actors.stage`.
"""

from __future__ import annotations

import math
from functools import partial

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.actors import tables as actors_tables
from analysis.charts import empty_figure, finish, hover_text, label, outlet_colors, wrap_label

MIN_CELL_COUNT = 3  # fewer mentions in a cell: marked as too few to compare
MIN_EDGE_COUNT = 1
NODE_SIZE = (14, 60)  # smallest and largest node marker, pixels
EDGE_WIDTH = (1, 12)
LAYOUT_SEED = 7
READ_WIDTH = 100  # characters per line of the how-to-read subtitle (fits a 900 px screen)
TYPE_COLORS = {
    "person": "#1b9e77",
    "government": "#d95f02",
    "company": "#7570b3",
    "product": "#e7298a",
    "media": "#66a61e",
    "organization": "#e6ab02",
    "other": "#a6761d",
}


NO_ACTORS = "No actor (found in the texts or listed in the actors file) is mentioned in this selection."
_styled = partial(finish, wrap=READ_WIDTH, top=75)  # the house style, subtitle wrapped


def mentions_heatmap(corpus, top_n: int = 15) -> go.Figure:
    """Heatmap: mentions per 1,000 words of reporting text, actor (rows) by outlet (columns).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    top_n: the most-mentioned actors to show.
    """
    title = "How much room each outlet gives each actor"
    rates = actors_tables.mention_rates(corpus, top_n)
    if rates.empty:
        return empty_figure(title, NO_ACTORS)
    actors = list(dict.fromkeys(rates["actor"]))
    outlets = sorted(rates["outlet"].unique())
    grid = rates.pivot(index="actor", columns="outlet", values="per_1000").reindex(index=actors, columns=outlets)
    cells = rates.set_index(["actor", "outlet"])
    hover, text = [], []
    for a in actors:
        hrow, trow = [], []
        for o in outlets:
            c = cells.loc[(a, o)]
            note = " (too few to compare)" if 0 < c["mentions"] < MIN_CELL_COUNT else ""
            hrow.append(
                f"<b>{label(a)}</b> in {label(o)}<br>{c['per_1000']:.2f} per 1,000 words<br>"
                f"{int(c['mentions'])} mention(s) in {int(c['articles'])} article(s), "
                f"{int(c['words']):,} words{note}" + (f"<br><i>{hover_text(c['example'])}</i>" if c["example"] else "")
            )
            trow.append(
                f"{c['per_1000']:.1f}"
                if c["mentions"] >= MIN_CELL_COUNT
                else (f"({int(c['mentions'])})" if c["mentions"] else "")
            )
        hover.append(hrow)
        text.append(trow)
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=[wrap_label(o, 10, 4) for o in outlets],
            y=[label(a, 40) for a in actors],
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale="Blues",
            colorbar=dict(title="per 1,000<br>words"),
        )
    )
    fig.update_yaxes(autorange="reversed")
    small = int((rates["mentions"] > 0).sum() and rates["mentions"].max() < MIN_CELL_COUNT)
    return _styled(
        fig,
        title,
        "Darker = mentioned more often per 1,000 words of that outlet's reporting (captions and boxes "
        f"left out). Numbers in brackets are raw counts under {MIN_CELL_COUNT}, too few to compare."
        + (" Every count here is that small: read it as a list, not a comparison." if small else "")
        + " Hover for counts and an example sentence.",
        "outlet",
        "actor",
        height=max(360, 120 + 28 * len(actors)),
    )


def prominence_chart(corpus, top_n: int = 15) -> go.Figure:
    """Two panels: each actor's share of all mentions, and where it first appears in each article.

    Parameters
    ----------
    corpus, top_n: as for :func:`mentions_heatmap`.
    """
    title = "Prominence: share of mentions and first appearance"
    prom = actors_tables.prominence(corpus, top_n)
    if prom.empty:
        return empty_figure(title, NO_ACTORS)
    per_doc = actors_tables.first_mentions(corpus)
    per_doc = per_doc[per_doc["actor"].isin(prom["actor"])]
    names = [label(a, 40) for a in prom["actor"]]
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.04,
        column_widths=[0.4, 0.6],
        subplot_titles=("share of all mentions", "first mention in each article"),
    )
    fig.add_trace(
        go.Bar(
            x=prom["share"],
            y=names,
            orientation="h",
            marker_color="#4c78a8",
            showlegend=False,
            customdata=[
                [int(r.mentions), int(r.articles), int(r.headline_articles), int(r.lede_articles)]
                for r in prom.itertuples()
            ],
            hovertemplate="%{y}<br>%{x:.1%} of mentions (%{customdata[0]})<br>in %{customdata[1]} article(s); "
            "headline: %{customdata[2]}, lede: %{customdata[3]}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    colors = outlet_colors(corpus.documents["outlet"])
    for outlet, rows in per_doc.groupby("outlet", sort=True):
        top = rows["in_headline"] | rows["in_lede"]
        fig.add_trace(
            go.Scatter(
                x=rows["first_position"],
                y=[label(a, 40) for a in rows["actor"]],
                mode="markers",
                name=label(outlet, 30),
                marker=dict(
                    color=colors[outlet],
                    size=11,
                    opacity=0.8,
                    symbol=["star" if t else "circle" for t in top],
                    line=dict(width=0.5, color="white"),
                ),
                customdata=[
                    [label(o, 30), d, int(n), "headline" if h else ("lede" if le else "body"), hover_text(s)]
                    for o, d, n, h, le, s in zip(
                        rows["outlet"],
                        rows["doc_id"],
                        rows["mentions"],
                        rows["in_headline"],
                        rows["in_lede"],
                        rows["first_sentence"],
                    )
                ],
                hovertemplate="%{y} · %{customdata[0]} · %{customdata[1]}<br>first named at %{x:.0%} of the article "
                "(%{customdata[3]}); %{customdata[2]} mention(s)<br><i>%{customdata[4]}</i><extra></extra>",
            ),
            row=1,
            col=2,
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickformat=".0%", row=1, col=1, title_text="share of mentions")
    fig.update_xaxes(
        tickformat=".0%", range=[-0.03, 1.03], row=1, col=2, title_text="first mention (0% = first sentence)"
    )
    few = int(prom["mentions"].sum()) < 20
    return _styled(
        fig,
        title,
        "Left: each actor's share of all mentions in reporting text. Right: one dot per article where the "
        "actor is named, at the sentence where it first appears; a star means it is in the headline or "
        "lede." + (" Very few mentions in this selection: shares are unstable." if few else ""),
        None,
        None,
        height=max(380, 140 + 28 * len(prom)),
    )


def cooccurrence_network(corpus, top_n: int = 15, level: str = "sentence") -> go.Figure:
    """Network of actors named together; node size = mentions, edge width = co-occurrences.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    top_n: the most-mentioned actors to include.
    level: "sentence" (named in the same sentence) or "document" (in the same article).
    """
    import networkx as nx

    title = f"Who appears with whom ({level} level)"
    graph = actors_tables.cooccurrence_graph(corpus, level=level, actors=actors_tables.top_actors(corpus, top_n))
    if graph.number_of_nodes() == 0:
        return empty_figure(title, NO_ACTORS)
    if graph.number_of_edges() == 0:
        return empty_figure(title, f"No two actors are named in the same {level} in this selection.")
    pos = nx.spring_layout(graph, seed=LAYOUT_SEED, weight=None, k=2.5 / math.sqrt(graph.number_of_nodes()))
    max_m = max(d["mentions"] for _, d in graph.nodes(data=True))
    max_c = max(d["count"] for _, _, d in graph.edges(data=True))
    fig = go.Figure()
    mid_x, mid_y, mid_text = [], [], []
    for a, b, d in sorted(graph.edges(data=True), key=lambda e: (e[2]["count"], e[0], e[1])):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        width = EDGE_WIDTH[0] + (EDGE_WIDTH[1] - EDGE_WIDTH[0]) * math.sqrt(d["count"] / max_c)
        fig.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line=dict(width=width, color="rgba(120,120,120,0.45)"),
            )
        )
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        mid_text.append(
            f"<b>{label(a)} + {label(b)}</b>: {d['count']} {level}(s)<br>{label(d['example_outlet'])}: "
            f"<i>{hover_text(d['example'])}</i>"
        )
    fig.add_trace(
        go.Scatter(
            x=mid_x,
            y=mid_y,
            mode="markers",
            marker=dict(size=10, opacity=0),
            showlegend=False,
            hovertext=mid_text,
            hoverinfo="text",
        )
    )
    examples = actors_tables.mention_rates(corpus, top_n).query("example != ''").drop_duplicates("actor")
    example = dict(zip(examples["actor"], zip(examples["outlet"], examples["example"])))
    for kind in sorted({d["actor_type"] for _, d in graph.nodes(data=True)}):
        nodes = sorted(n for n, d in graph.nodes(data=True) if d["actor_type"] == kind)
        sizes = [
            NODE_SIZE[0] + (NODE_SIZE[1] - NODE_SIZE[0]) * math.sqrt(graph.nodes[n]["mentions"] / max_m) for n in nodes
        ]
        hover = [
            f"<b>{label(n)}</b> ({kind})<br>{graph.nodes[n]['mentions']} mention(s)"
            + (f"<br>{label(example[n][0])}: <i>{hover_text(example[n][1])}</i>" if n in example else "")
            for n in nodes
        ]
        fig.add_trace(
            go.Scatter(
                x=[pos[n][0] for n in nodes],
                y=[pos[n][1] for n in nodes],
                mode="markers+text",
                name=kind,
                text=[label(n, 30) for n in nodes],
                textposition="top center",
                hovertext=hover,
                hoverinfo="text",
                marker=dict(
                    size=sizes, color=TYPE_COLORS.get(kind, "#999999"), opacity=1, line=dict(width=1, color="white")
                ),
            )
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    few = max_c < 2
    return _styled(
        fig,
        title,
        f"Bigger circles are mentioned more; thicker lines join actors named in the same {level} more often. "
        "Hover a circle or the middle of a line for an example sentence."
        + (" Every pair co-occurs only once here: too few to read ties into." if few else ""),
        height=620,
    )


def attention_over_time(corpus, top_n: int = 6, freq: str | None = None, outlet: str | None = None) -> go.Figure:
    """Lines: mentions per 1,000 words of each top actor, per period (who rose and who fell).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with ``mentions``.
    top_n: the most-mentioned actors to follow (one line each).
    freq: "day", "week", "month" or None (chosen from the corpus's span, :mod:`analysis.periods`).
    outlet: one outlet only (None: every outlet together).
    """
    from analysis import periods
    from analysis.charts import PALETTE, over_time_stand_in

    title = "Attention over time: mentions per 1,000 words" + (f" in {label(outlet, 40)}" if outlet else "")
    frame = actors_tables.attention_over_time(corpus, top_n, freq, outlet)
    stand_in = over_time_stand_in(title, frame, corpus.documents["published"], "No dated article names an actor.")
    if stand_in is not None:
        return stand_in
    freq = frame["freq"].iloc[0]
    fig = go.Figure()
    for i, (actor, sub) in enumerate(frame.groupby("actor", sort=False)):
        hover = [
            f"<b>{label(actor, 40)}</b> · {periods.period_label(p, freq)}<br>{n} mention(s) in {w:,} words "
            f"({a} articles): {r:.2f} per 1,000<br>{hover_text(e, 70, 300)}"
            for p, n, w, a, r, e in zip(
                sub["period"], sub["mentions"], sub["words"], sub["articles"], sub["per_1000"], sub["example"]
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=sub["period"],
                y=sub["per_1000"],
                mode="lines+markers",
                name=label(actor, 30),
                line=dict(color=PALETTE[i % len(PALETTE)], width=2),
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    rate = frame.groupby("actor")["per_1000"]
    change = (rate.last() - rate.first()).sort_values()
    fig.update_layout(legend=dict(orientation="h", y=-0.18, x=0))
    return finish(
        fig,
        title,
        f"One line per most-mentioned actor: how often the coverage names it per 1,000 words of reporting, "
        f"per {freq}. Rose most from first to last {freq}: {label(change.index[-1], 30)}; fell most: "
        f"{label(change.index[0], 30)}. Hover for the first sentence naming the actor in that {freq}; "
        "the table has the counts.",
        None,
        "mentions per 1,000 words",
        height=520,
        wrap=READ_WIDTH,
    )
