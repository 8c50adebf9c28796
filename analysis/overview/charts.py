"""Charts for the overview notebook: articles per outlet and date, lengths, page furniture.

One function per chart, each taking a :class:`~analysis.corpus.Corpus` and returning a plotly
figure in the house style (:mod:`analysis.charts`).
"""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go

from analysis.charts import (
    SUBTITLE_CHARS,
    UNDATED,
    empty_figure,
    finish,
    hover_text,
    label,
    outlet_colors,
    sample_points,
)
from analysis.periods import period_start

MAX_ARTICLE_BARS = 40  # more articles than this: the furniture chart has a bar per outlet (the table lists all)
DAILY_BARS_MAX_DAYS = 60  # a longer span: a bar per week (per month beyond two years), not per day
WEEKLY_BARS_MAX_DAYS = 730
EACH_BAR = {"day": "day", "week": "week (from Monday)", "month": "month"}


def _by_outlet(outlets) -> dict:
    """plotly express arguments colouring by the ``outlet_label`` column in the house outlet colours."""
    return {"color": "outlet_label", "color_discrete_map": {label(k): v for k, v in outlet_colors(outlets).items()}}


def bar_period(published) -> str:
    """What one bar of the per-date chart covers: "day" up to two months of dates, then "week", then "month".

    Parameters
    ----------
    published: publication dates (NaT ignored).

    Returns
    -------
    "day", "week" or "month".
    """
    dates = published.dropna()
    span = (dates.max() - dates.min()).days if len(dates) else 0
    return "day" if span <= DAILY_BARS_MAX_DAYS else "week" if span <= WEEKLY_BARS_MAX_DAYS else "month"


def articles_by_outlet_date(corpus) -> go.Figure:
    """Bar chart: articles per publication date (per week or month on long spans), by outlet; undated apart."""
    docs = corpus.documents
    if docs.empty:
        return empty_figure("Articles per outlet and date", "The selection has no articles.")
    period = bar_period(docs["published"])
    dates = docs["published"] if period == "day" else period_start(docs["published"], period)
    frame = (
        docs.assign(date=dates.dt.strftime("%Y-%m-%d").fillna(UNDATED))
        .groupby(["date", "outlet"], as_index=False)
        .size()
        .rename(columns={"size": "articles"})
        .assign(outlet_label=lambda f: f["outlet"].map(label))
    )
    hover = {"outlet_label": True, "articles": True, "date": True}
    fig = px.bar(frame, x="date", y="articles", hover_data=hover, **_by_outlet(docs["outlet"]))
    fig.update_xaxes(type="category", categoryorder="category ascending")
    return finish(
        fig,
        "Articles per outlet and publication date",
        f"Each bar is a {EACH_BAR[period]}; its height counts articles, coloured by outlet. "
        "Undated articles stand apart.",
        "publication date" if period == "day" else f"{period} starting",
        "articles",
    )


def article_lengths(corpus) -> go.Figure:
    """Strip chart: words per article by outlet; hover shows the title or first sentence."""
    docs = corpus.documents
    if docs.empty:
        return empty_figure("Article length by outlet", "The selection has no articles.")
    first = corpus.sentences.groupby("doc_id")["text"].first()
    frame = docs.assign(
        outlet_label=docs["outlet"].map(label),
        evidence=[hover_text(t or first.get(d, "")) for d, t in zip(docs["doc_id"], docs["title"])],
    )
    frame, note = sample_points(frame)
    fig = px.strip(frame, x="words", y="outlet_label", custom_data=["doc_id", "evidence"], **_by_outlet(docs["outlet"]))
    fig.update_traces(
        hovertemplate="%{y}<br>%{x:,} words<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        marker=dict(size=10, opacity=0.75),
    )
    fig.update_layout(showlegend=False)
    return finish(
        fig,
        "Article length by outlet",
        "Each dot is one article; further right is longer. Hover for the article's title or lede." + note,
        "words per article",
        "outlet",
    )


def furniture_summary(corpus) -> go.Figure:
    """Stacked bars: characters of each paragraph kind per article (what was set aside)."""
    paras = corpus.paragraphs
    if paras.empty:
        return empty_figure("What each article is made of", "The selection has no articles.")
    docs = corpus.documents.set_index("doc_id")
    per_outlet = len(docs) > MAX_ARTICLE_BARS  # one bar per outlet instead of per article
    name = (
        (lambda d: label(docs.at[d, "outlet"], 50))
        if per_outlet
        else (lambda d: label(f"{docs.at[d, 'outlet']} · {d}", 50))
    )
    frame = (
        paras.assign(chars=paras["end"] - paras["start"], article=paras["doc_id"].map(name))
        .groupby(["article", "kind", "is_furniture"], as_index=False)["chars"]
        .sum()
    )
    fig = px.bar(
        frame, y="article", x="chars", color="kind", orientation="h", hover_data={"is_furniture": True, "chars": ":,"}
    )
    return finish(
        fig,
        "What each article is made of: reporting and page furniture",
        ("Each bar is an outlet's articles together" if per_outlet else "Each bar is an article")
        + "; segments are paragraph kinds by characters. Furniture "
        "(boxes, captions, methodology, tables, credits) is kept but not analysed as reporting.",
        "characters",
        "",
    )


def coverage_over_time(corpus, freq: str | None = None) -> go.Figure:
    """Articles (top) and words (bottom) per outlet and period, as stacked bars (Media Cloud's attention view).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    freq: "day", "week", "month" or None (chosen from the corpus's span, :mod:`analysis.periods`).
    """
    from plotly.subplots import make_subplots

    from analysis import periods
    from analysis.charts import over_time_stand_in
    from analysis.overview.tables import coverage_over_time as table

    title = "Coverage over time: articles and words per outlet"
    frame = table(corpus, freq)
    stand_in = over_time_stand_in(title, frame, corpus.documents["published"], "No article has a publication date.")
    if stand_in is not None:
        return stand_in
    freq = frame["freq"].iloc[0]
    colors = outlet_colors(corpus.documents["outlet"])
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    for outlet, sub in frame.groupby("outlet", sort=True):
        name = label(outlet, 40)
        hover = [
            f"<b>{name}</b> · {periods.period_label(p, freq)}<br>{a} article(s), {w:,} words<br>"
            f"longest: {hover_text(e, 70, 200)}"
            for p, a, w, e in zip(sub["period"], sub["articles"], sub["words"], sub["example"])
        ]
        for row, col in ((1, "articles"), (2, "words")):
            fig.add_trace(
                go.Bar(
                    x=sub["period"],
                    y=sub[col],
                    name=name,
                    legendgroup=name,
                    showlegend=row == 1,
                    marker_color=colors[outlet],
                    customdata=hover,
                    hovertemplate="%{customdata}<extra></extra>",
                ),
                row=row,
                col=1,
            )
    fig.update_layout(barmode="stack", bargap=0.15, legend=dict(orientation="h", y=-0.12, x=0))
    fig.update_yaxes(title_text="articles", row=1, col=1)
    fig.update_yaxes(title_text="words", row=2, col=1)
    peak = frame.groupby("period")["articles"].sum()
    return finish(
        fig,
        title,
        f"Each bar is a {freq}, stacked by outlet: articles on top, words below (long pieces weigh more). "
        f"The busiest {freq} is {periods.period_label(peak.idxmax(), freq)} with {int(peak.max())} articles. "
        "Click an outlet in the legend to hide it; hover for the longest article.",
        None,
        None,
        height=620,
        wrap=SUBTITLE_CHARS,
    )
