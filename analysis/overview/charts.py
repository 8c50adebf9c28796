"""Charts for the overview notebook: articles per outlet and date, lengths, page furniture.

One function per chart, each taking a :class:`~analysis.corpus.Corpus` and returning a plotly
figure in the house style (:mod:`analysis.charts`).
"""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go

from analysis.charts import UNDATED, empty_figure, finish, hover_text, label, outlet_colors, sample_points


def articles_by_outlet_date(corpus) -> go.Figure:
    """Bar chart: articles per publication date, coloured by outlet (undated shown apart)."""
    docs = corpus.documents
    if docs.empty:
        return empty_figure("Articles per outlet and date", "The selection has no articles.")
    frame = (
        docs.assign(date=docs["published"].dt.strftime("%Y-%m-%d").fillna(UNDATED))
        .groupby(["date", "outlet"], as_index=False)
        .size()
        .rename(columns={"size": "articles"})
        .assign(outlet_label=lambda f: f["outlet"].map(label))
    )
    colors = {label(k): v for k, v in outlet_colors(docs["outlet"]).items()}
    fig = px.bar(
        frame,
        x="date",
        y="articles",
        color="outlet_label",
        color_discrete_map=colors,
        hover_data={"outlet_label": True, "articles": True, "date": True},
    )
    fig.update_xaxes(type="category", categoryorder="category ascending")
    return finish(
        fig,
        "Articles per outlet and publication date",
        "Each bar is a day; its height counts articles, coloured by outlet. Undated articles stand apart.",
        "publication date",
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
    colors = {label(k): v for k, v in outlet_colors(docs["outlet"]).items()}
    fig = px.strip(
        frame,
        x="words",
        y="outlet_label",
        color="outlet_label",
        color_discrete_map=colors,
        custom_data=["doc_id", "evidence"],
    )
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
    frame = (
        paras.assign(
            chars=paras["end"] - paras["start"],
            article=paras["doc_id"].map(lambda d: label(f"{docs.at[d, 'outlet']} · {d}", 50)),
        )
        .groupby(["article", "kind", "is_furniture"], as_index=False)["chars"]
        .sum()
    )
    fig = px.bar(
        frame, y="article", x="chars", color="kind", orientation="h", hover_data={"is_furniture": True, "chars": ":,"}
    )
    return finish(
        fig,
        "What each article is made of: reporting and page furniture",
        "Each bar is an article; segments are paragraph kinds by characters. Furniture "
        "(boxes, captions, methodology, tables, credits) is kept but not analysed as reporting.",
        "characters",
        "",
    )
