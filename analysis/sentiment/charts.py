"""Sentiment charts: tone by outlet, along articles, by actor, explained, and the overrides' effect.

One function per chart; each takes a Corpus and returns a plotly Figure (or shows a table
via :mod:`analysis.display`). The tidy frames behind them come from
:mod:`analysis.sentiment.stage`; page-furniture sentences are left out throughout. Corpus text
goes through :func:`analysis.charts.label` / :func:`analysis.charts.hover_text`.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis import display
from analysis.charts import empty_figure, finish, hover_text, label, outlet_colors, sample_points, wrap_label
from analysis.sentiment import explain
from analysis.sentiment import stage as sentiment
from analysis.sentiment import tables as sentiment_tables

TONE_COLORS = {"negative": "#c0392b", "neutral": "#9e9e9e", "positive": "#1e8449"}
MAX_ARTICLE_PANELS = 12  # above this, tone along articles is shown as outlet means per position bin
POSITION_BINS = 10
TOP_ACTORS = 10
TOO_FEW_COLOR = "#e0e0e0"
THRESHOLD_NOTE = "Dotted lines mark ±0.05: between them a sentence counts as neutral."
SUBTITLE_WIDTH = 100  # characters per subtitle line (fits a chart on a 900 px screen)


def _which(use_overrides: bool) -> str:
    return " (with domain overrides)" if use_overrides else ""


_finish = partial(finish, wrap=SUBTITLE_WIDTH, top=95, line_px=17)  # the house style, subtitle wrapped


def tone_distribution(corpus, use_overrides: bool = False) -> go.Figure:
    """Box-and-points chart: the compound score of every reporting sentence, by outlet.

    Parameters
    ----------
    corpus: the corpus.
    use_overrides: use the scores with the domain overrides applied.
    """
    title = "Sentence tone by outlet" + _which(use_overrides)
    frame = sentiment_tables.scored_sentences(corpus, use_overrides)
    if frame.empty:
        return empty_figure(title, "The selection has no reporting sentences to score.")
    frame, note = sample_points(frame)
    colors = outlet_colors(frame["outlet"])
    fig = go.Figure()
    for outlet, g in frame.groupby("outlet", sort=True):
        fig.add_trace(
            go.Box(
                x=g["compound"],
                y=[label(outlet)] * len(g),
                name=label(outlet),
                orientation="h",
                boxpoints="all",
                jitter=0.5,
                pointpos=0,
                marker=dict(color=colors[outlet], size=7, opacity=0.7),
                line=dict(color=colors[outlet]),
                fillcolor="rgba(0,0,0,0)",
                customdata=list(zip(g["doc_id"], [hover_text(t) for t in g["text"]])),
                hovertemplate="%{y}<br>compound %{x:+.3f}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    for x in (sentiment_tables.NEGATIVE_AT, sentiment_tables.POSITIVE_AT):
        fig.add_vline(x=x, line=dict(color="#777", dash="dot", width=1))
    fig.update_layout(showlegend=False)
    fig.update_xaxes(range=[-1.05, 1.05], zeroline=False)
    return _finish(
        fig,
        title,
        "Each dot is a sentence (hover to read it); the box spans the middle half of an outlet's "
        "sentences, the line inside is the median. " + THRESHOLD_NOTE + note,
        "VADER compound score (-1 most negative, +1 most positive)",
        "outlet",
        height=max(320, 110 * frame["outlet"].nunique() + 160),
    )


def _article_panels(frame: pd.DataFrame, corpus, title: str) -> go.Figure:
    docs = corpus.documents.set_index("doc_id")
    ids = list(dict.fromkeys(frame.sort_values(["outlet", "doc_id"], kind="stable")["doc_id"]))
    titles = [label(f"{docs.at[d, 'outlet']} · {docs.at[d, 'title'] or d}", 90) for d in ids]
    fig = make_subplots(
        rows=len(ids), cols=1, shared_xaxes=False, subplot_titles=titles, vertical_spacing=min(0.08, 0.5 / len(ids))
    )
    for row, doc_id in enumerate(ids, start=1):
        g = frame[frame["doc_id"] == doc_id]
        fig.add_trace(
            go.Bar(
                x=g["order"] + 1,
                y=g["compound"],
                marker_color=[TONE_COLORS[t] for t in g["tone"]],
                customdata=[hover_text(t) for t in g["text"]],
                showlegend=False,
                hovertemplate="sentence %{x}<br>compound %{y:+.3f}<br>%{customdata}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        fig.update_yaxes(range=[-1, 1], row=row, col=1, title_text="compound" if row == (len(ids) + 1) // 2 else None)
    fig.update_xaxes(title_text="sentence number in the article (reporting sentences only)", row=len(ids), col=1)
    return _finish(
        fig,
        title,
        "One panel per article, sentences in reading order: green bars are positive sentences, red "
        "negative, grey neutral (|compound| < 0.05). Hover a bar to read the sentence.",
        height=160 * len(ids) + 140,
    )


def _position_means(frame: pd.DataFrame, title: str) -> go.Figure:
    frame = frame.assign(bin=(frame["position"] * POSITION_BINS).clip(upper=POSITION_BINS - 1).astype(int))
    stats = frame.groupby(["outlet", "bin"], as_index=False).agg(
        mean=("compound", "mean"), sentences=("compound", "size"), articles=("doc_id", "nunique")
    )
    colors = outlet_colors(stats["outlet"])
    fig = go.Figure()
    for outlet, g in stats.groupby("outlet", sort=True):
        fig.add_trace(
            go.Scatter(
                x=(g["bin"] + 0.5) / POSITION_BINS * 100,
                y=g["mean"],
                mode="lines+markers",
                name=label(outlet),
                line=dict(color=colors[outlet]),
                customdata=list(zip(g["sentences"], g["articles"], [label(outlet)] * len(g))),
                hovertemplate="%{customdata[2]}<br>%{x:.0f}% through<br>mean compound %{y:+.3f}"
                "<br>%{customdata[0]} sentences, %{customdata[1]} articles<extra></extra>",
            )
        )
    fig.add_hline(y=0, line=dict(color="#777", width=1))
    return _finish(
        fig,
        title,
        "Articles are cut into tenths by sentence position; each point is an outlet's mean sentence "
        "compound in that tenth (hover for how many sentences it rests on).",
        "position in the article (% of its reporting sentences)",
        "mean compound",
    )


def tone_along_article(corpus, use_overrides: bool = False) -> go.Figure:
    """Tone sentence by sentence through each article, to see where articles turn.

    Up to :data:`MAX_ARTICLE_PANELS` articles: one bar panel per article. More: each
    outlet's mean compound per tenth of the article.

    Parameters
    ----------
    corpus, use_overrides: as for :func:`tone_distribution`.
    """
    title = "Tone along each article" + _which(use_overrides)
    frame = sentiment_tables.scored_sentences(corpus, use_overrides)
    if frame.empty:
        return empty_figure(title, "The selection has no reporting sentences to score.")
    if frame["doc_id"].nunique() <= MAX_ARTICLE_PANELS:
        return _article_panels(frame, corpus, title)
    return _position_means(frame, title + ": outlet means by position")


def _cell_text(row) -> str:
    if pd.isna(row.sentences):
        return "n=0"
    if not bool(row.enough):
        return f"n={int(row.sentences)}<br>too few"
    return f"{row.mean_compound:+.2f}<br>[{row.ci_low:+.2f}, {row.ci_high:+.2f}]<br>n={int(row.sentences)}"


def actor_outlet_heatmap(
    corpus,
    actors: list[str] | None = None,
    use_overrides: bool = False,
    min_count: int = sentiment_tables.MIN_ACTOR_SENTENCES,
) -> go.Figure:
    """Heatmap: mean tone of the sentences mentioning each actor, per outlet, with 95 % intervals.

    Cells with fewer than ``min_count`` sentences are grey and show only the count.

    Parameters
    ----------
    corpus: the corpus (needs the actors stage's mentions).
    actors: actors to compare (None: the :data:`TOP_ACTORS` most mentioned).
    use_overrides: use the scores with the domain overrides applied.
    min_count: fewest sentences for an estimate.
    """
    title = "Tone of sentences mentioning each actor, by outlet" + _which(use_overrides)
    if corpus.frames.get("mentions") is None:
        return empty_figure(title, "No actor mentions: the actors stage has not run on this corpus.")
    frame = sentiment_tables.actor_tone(corpus, actors=actors, use_overrides=use_overrides, min_count=min_count)
    if frame.empty:
        wanted = f" for {', '.join(actors)}" if actors else ""
        return empty_figure(title, f"No actor is mentioned in the reporting sentences of this selection{wanted}.")
    missing = [a for a in (actors or []) if a not in set(frame["actor"])]
    if not actors:
        top = frame.groupby("actor")["sentences"].sum().sort_values(ascending=False, kind="stable")
        frame = frame[frame["actor"].isin(top.index[:TOP_ACTORS])]
    order = frame.groupby("actor")["sentences"].sum().sort_values(kind="stable").index.tolist()
    outlets = sorted(frame["outlet"].unique())
    grid = frame.set_index(["actor", "outlet"])
    full = pd.MultiIndex.from_product([order, outlets], names=["actor", "outlet"])
    grid = grid.reindex(full)
    ylab, xlab = [label(a, 40) for a in order], [wrap_label(o, 10, 4) for o in outlets]

    def matrix(fn):
        return [[fn(grid.loc[(a, o)]) for o in outlets] for a in order]

    def state(r) -> str:  # "estimate", "few" or "absent"
        return "absent" if pd.isna(r.sentences) else "estimate" if bool(r.enough) else "few"

    z = matrix(lambda r: r.mean_compound if state(r) == "estimate" else None)
    few = matrix(lambda r: 0 if state(r) == "few" else None)
    text = matrix(_cell_text)
    hover = matrix(lambda r: hover_text(r.example) if isinstance(r.example, str) else "not mentioned")
    span = max(0.1, float(frame[["mean_compound", "ci_low", "ci_high"]].abs().max().max(skipna=True) or 0.1))
    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            z=few,
            x=xlab,
            y=ylab,
            colorscale=[[0, TOO_FEW_COLOR], [1, TOO_FEW_COLOR]],
            showscale=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=xlab,
            y=ylab,
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            zmid=0,
            zmin=-span,
            zmax=span,
            colorscale="RdBu",
            colorbar=dict(title=dict(text="mean<br>compound")),
            hovertemplate="%{y} in %{x}<br>%{text}<br>typical sentence: %{customdata}<extra></extra>",
        )
    )
    n_few = sum(v == 0 for row in few for v in row)
    note = (
        f" Grey cells: fewer than {min_count} sentences, too few to estimate a tone ({n_few} of "
        f"{len(order) * len(outlets)} cells)."
        if n_few
        else ""
    )
    if missing:
        note += f" Not mentioned in this selection: {label(', '.join(missing), 120)}."
    return _finish(
        fig,
        title,
        "Each cell: mean compound of the reporting sentences that mention the actor, its 95 % bootstrap "
        "interval and the number of sentences; red is more negative, blue more positive. Differences "
        "whose intervals overlap are not established." + note,
        "outlet",
        "actor",
        height=max(360, 70 * len(order) + 200),
    )


def show_extreme_sentences(corpus, n: int = 5, use_overrides: bool = False) -> None:
    """Show the most negative and most positive sentences with their word-level drivers (table).

    Parameters
    ----------
    corpus: the corpus.
    n: sentences per side.
    use_overrides: use (and explain with) the domain overrides.
    """
    table = sentiment_tables.extreme_sentences(corpus, n=n, use_overrides=use_overrides)
    display.show_table(
        table,
        name="extreme_sentences" + ("_overrides" if use_overrides else ""),
        caption=f"The {n} most negative and {n} most positive reporting sentences"
        f"{_which(use_overrides)}. 'drivers' lists the words that moved the score, with "
        "their final valence in VADER units and the rules that changed it (booster, "
        "negation, 'but' shift ...).",
    )


def sentence_explanation(corpus, which: str = "most negative", use_overrides: bool = False) -> go.Figure:
    """Waterfall: how each word and rule builds the compound score of one extreme sentence.

    Parameters
    ----------
    corpus: the corpus.
    which: "most negative" or "most positive".
    use_overrides: use (and explain with) the domain overrides.
    """
    if which not in ("most negative", "most positive"):
        raise ValueError(f"which must be 'most negative' or 'most positive', not {which!r}")
    title = f"Why the {which} sentence scores as it does" + _which(use_overrides)
    table = sentiment_tables.extreme_sentences(corpus, n=1, use_overrides=use_overrides)
    table = table[table["tone"] == which]
    if table.empty:
        return empty_figure(title, f"No sentence in this selection is {which.split()[1]}.")
    row = table.iloc[0]
    ovr = corpus.reference.objects.get(sentiment.REFERENCE) if use_overrides else None
    ex = explain.explain(row["sentence"], ovr)
    steps = [
        f"{i + 1}. {label(w, 20)} · {e}" + (f" ({label(t, 20)})" if t not in (w, "but") else "")
        for i, (w, e, t) in enumerate(zip(ex["word"], ex["effect"], ex["trigger"]))
    ]
    fig = go.Figure(
        go.Waterfall(
            y=steps + ["compound"],
            x=list(ex["compound_share"]) + [ex.attrs["compound_exact"]],
            orientation="h",
            measure=["relative"] * len(ex) + ["total"],
            customdata=[f"{c:+.3f} VADER units" for c in ex["change"]] + [f"raw sum {ex.attrs['sum']:+.3f}"],
            text=[f"{v:+.2f}" for v in ex["compound_share"]] + [f"{ex.attrs['compound']:+.4f}"],
            textposition="outside",
            cliponaxis=False,
            decreasing=dict(marker=dict(color=TONE_COLORS["negative"])),
            increasing=dict(marker=dict(color=TONE_COLORS["positive"])),
            totals=dict(marker=dict(color="#34495e")),
            hovertemplate="%{y}<br>share of compound %{x:+.3f}<br>%{customdata}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(zeroline=True, zerolinecolor="#777")
    return _finish(
        fig,
        title,
        f"{label(row['outlet'], 40)}: “{label(row['sentence'], 150)}” Each bar is one word's lexicon "
        "valence or a rule that changed it, read top to bottom in VADER's order; bars add up to the compound "
        "score (raw VADER sum S, compound = S/√(S²+15), shared out in proportion).",
        "contribution to compound",
        "word · rule",
        height=min(1200, 260 + 30 * (len(ex) + 1)),
    ).update_layout(margin_r=70)  # room for the value printed past the longest bar


def override_effect_chart(corpus) -> go.Figure:
    """Dumbbell chart: each outlet's mean sentence tone without and with the domain overrides.

    Parameters
    ----------
    corpus: the corpus.
    """
    title = "What the domain overrides change, by outlet"
    ovr = corpus.reference.objects.get(sentiment.REFERENCE) if corpus.reference is not None else None
    if not ovr:
        return empty_figure(title, "The overrides file in use is empty: the scores are plain VADER.")
    frame = sentiment_tables.override_effect(corpus)
    if frame.empty:
        return empty_figure(title, "The selection has no reporting sentences to score.")
    frame = frame.sort_values("outlet", ascending=False, kind="stable")
    y = [label(o) for o in frame["outlet"]]
    fig = go.Figure()
    for _, r in frame.iterrows():
        fig.add_trace(
            go.Scatter(
                x=[r["mean_compound"], r["mean_compound_ovr"]],
                y=[label(r["outlet"])] * 2,
                mode="lines",
                line=dict(color="#bbb", width=3),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    custom = list(zip(frame["sentences"], frame["sentences_changed"], frame["change"]))
    for col, name, color in (
        ("mean_compound", "plain VADER", "#9e9e9e"),
        ("mean_compound_ovr", "with overrides", "#2c3e50"),
    ):
        fig.add_trace(
            go.Scatter(
                x=frame[col],
                y=y,
                mode="markers",
                name=name,
                marker=dict(size=13, color=color),
                customdata=custom,
                hovertemplate="%{y}<br>" + name + ": mean compound %{x:+.3f}<br>%{customdata[1]} of %{customdata[0]} "
                "sentences changed; shift %{customdata[2]:+.3f}<extra></extra>",
            )
        )
    fig.add_vline(x=0, line=dict(color="#777", width=1))
    return _finish(
        fig,
        title,
        f"Grey: mean sentence compound with VADER's lexicon; dark: with the {len(ovr)} overrides in "
        f"{label(ovr.source.rsplit('/', 1)[-1], 40)} (defence/policy words set to neutral or re-valued). "
        "A long bar means the outlet's tone rested on those words.",
        "mean sentence compound",
        "outlet",
        height=max(320, 70 * len(frame) + 180),
    )


MAX_TONE_PANELS = 8  # outlets drawn as panels; the rest are in the table


def tone_over_time(corpus, freq: str | None = None, use_overrides: bool = False) -> go.Figure:
    """Small multiples: each outlet's mean sentence tone per period with its 95 % bootstrap interval.

    Parameters
    ----------
    corpus: the corpus.
    freq: "day", "week", "month" or None (chosen from the corpus's span, :mod:`analysis.periods`).
    use_overrides: use the override scores.
    """
    import math

    from analysis import periods
    from analysis.charts import over_time_stand_in

    title = "Tone over time, per outlet" + _which(use_overrides)
    frame = sentiment_tables.tone_over_time(corpus, freq, use_overrides)
    stand_in = over_time_stand_in(
        title, frame, corpus.documents["published"], "No dated article has scored reporting sentences."
    )
    if stand_in is not None:
        return stand_in
    freq = frame["freq"].iloc[0]
    sizes = frame.groupby("outlet")["sentences"].sum().sort_values(ascending=False, kind="stable")
    outlets = sorted(sizes.index[:MAX_TONE_PANELS])
    rows = math.ceil(len(outlets) / 2)
    fig = make_subplots(
        rows=rows,
        cols=2,
        shared_xaxes=True,
        shared_yaxes=True,
        subplot_titles=[wrap_label(o, 45, 1) for o in outlets],
        vertical_spacing=0.5 / max(rows, 1) * 0.3 + 0.04,
        horizontal_spacing=0.06,
    )
    colors = outlet_colors(corpus.documents["outlet"])
    for i, outlet in enumerate(outlets):
        sub = frame[frame["outlet"] == outlet]
        est = sub[sub["enough"]]
        r, c = i // 2 + 1, i % 2 + 1
        fig.add_trace(
            go.Scatter(
                x=list(est["period"]) + list(est["period"][::-1]),
                y=list(est["ci_high"]) + list(est["ci_low"][::-1]),
                fill="toself",
                fillcolor="rgba(120,120,120,0.18)",
                line=dict(width=0),
                hoverinfo="skip",
                showlegend=False,
            ),
            row=r,
            col=c,
        )
        hover = [
            f"<b>{label(outlet, 40)}</b> · {periods.period_label(p, freq)}<br>mean {m:+.3f}"
            + (f" (95% {lo:+.2f} to {hi:+.2f})" if ok else " (too few sentences for an interval)")
            + f", {n} sentences in {a} article(s)<br>strongest: {hover_text(e, 70, 300)}"
            for p, m, lo, hi, ok, n, a, e in zip(
                sub["period"],
                sub["mean_compound"],
                sub["ci_low"],
                sub["ci_high"],
                sub["enough"],
                sub["sentences"],
                sub["articles"],
                sub["example"],
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=sub["period"],
                y=sub["mean_compound"],
                mode="lines+markers",
                line=dict(color=colors[outlet], width=2),
                marker=dict(size=[7 if ok else 4 for ok in sub["enough"]]),
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
                showlegend=False,
            ),
            row=r,
            col=c,
        )
        fig.add_hline(y=0, line=dict(color="#999", width=1), row=r, col=c)
    for ann in fig.layout.annotations:
        ann.font = dict(size=12)
    overall = frame.groupby("period").apply(
        lambda g: (g["mean_compound"] * g["sentences"]).sum() / g["sentences"].sum()
    )
    rest = f" {len(sizes) - len(outlets)} smaller outlet(s) are in the table only." if len(sizes) > len(outlets) else ""
    return _finish(
        fig,
        title,
        f"One panel per outlet: the line is the mean compound of its reporting sentences per {freq} (above 0 "
        f"positive, below negative), the grey band a 95 % bootstrap interval (none under "
        f"{sentiment_tables.MIN_ACTOR_SENTENCES} sentences: small dots). Overall the most negative {freq} is "
        f"{periods.period_label(overall.idxmin(), freq)} ({overall.min():+.2f}); the most positive "
        f"{periods.period_label(overall.idxmax(), freq)} ({overall.max():+.2f}). Hover for the strongest sentence."
        + rest,
        None,
        None,
        height=min(1000, 200 + 190 * rows),
    )
