"""Shared chart conventions and the overview charts.

Every figure function takes a :class:`~analysis.loader.Corpus` (or a frame derived from
it) and returns a plotly figure with a title, a one-sentence "how to read it" subtitle,
labelled axes with units, and hover text that shows the evidence (sentence, outlet).

Corpus text placed in a figure goes through :func:`hover_text` / :func:`label`, which
escape it, so a headline containing ``<script>`` shows literally.
"""
from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

PALETTE = px.colors.qualitative.Safe + px.colors.qualitative.Vivid
FONT = "Helvetica, Arial, sans-serif"
MAX_POINTS = 4000  # above this, point charts are sampled and say so
UNDATED = "(undated)"


def outlet_colors(outlets) -> dict[str, str]:
    """A stable outlet -> colour map (sorted names, fixed palette)."""
    names = sorted(set(outlets))
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(names)}


def label(text: str, width: int = 60) -> str:
    """Corpus text made safe and short for titles, ticks and legends."""
    text = " ".join(str(text).split())
    return html.escape(textwrap.shorten(text, width=width, placeholder="…"), quote=False)


def hover_text(text: str, width: int = 80, max_chars: int = 600) -> str:
    """Corpus text for a hover box: escaped, shortened, wrapped with ``<br>``."""
    text = " ".join(str(text).split())
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(text, width)) or ""


def finish(fig: go.Figure, title: str, how_to_read: str, x_title: str | None = None,
           y_title: str | None = None, height: int | None = None) -> go.Figure:
    """Apply the house style: title, how-to-read subtitle, axis titles, fonts.

    Parameters
    ----------
    fig: the figure.
    title: what the chart shows (no corpus text, or escape it first).
    how_to_read: one sentence on reading it; shown under the title.
    x_title, y_title: axis titles with units ("articles", "words per 1,000").
    height: pixels; default plotly's.
    """
    fig.update_layout(
        title=dict(text=f"<b>{title}</b>", subtitle=dict(text=how_to_read), x=0.01, xanchor="left"),
        font=dict(family=FONT, size=13), template="plotly_white", margin=dict(t=90, l=60, r=20, b=60),
        legend=dict(title_text=""),
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    if height:
        fig.update_layout(height=height)
    return fig


def empty_figure(title: str, reason: str) -> go.Figure:
    """A figure that says why there is nothing to plot (instead of an error or a blank)."""
    fig = go.Figure()
    fig.add_annotation(text=html.escape(reason), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font=dict(size=15))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, title, "No data to show for this selection.", height=300)


def sample_points(frame: pd.DataFrame, max_points: int = MAX_POINTS, seed: int = 0) -> tuple[pd.DataFrame, str]:
    """At most ``max_points`` rows (a fixed-seed sample) and a note for the chart."""
    if len(frame) <= max_points:
        return frame, ""
    return (frame.sample(n=max_points, random_state=seed).sort_index(),
            f" Showing a random sample of {max_points:,} of {len(frame):,} points.")


# --- overview charts ---------------------------------------------------------------

def articles_by_outlet_date(corpus) -> go.Figure:
    """Bar chart: articles per publication date, coloured by outlet (undated shown apart)."""
    docs = corpus.documents
    if docs.empty:
        return empty_figure("Articles per outlet and date", "The selection has no articles.")
    frame = (docs.assign(date=docs["published"].dt.strftime("%Y-%m-%d").fillna(UNDATED))
             .groupby(["date", "outlet"], as_index=False).size().rename(columns={"size": "articles"})
             .assign(outlet_label=lambda f: f["outlet"].map(label)))
    colors = {label(k): v for k, v in outlet_colors(docs["outlet"]).items()}
    fig = px.bar(frame, x="date", y="articles", color="outlet_label", color_discrete_map=colors,
                 hover_data={"outlet_label": True, "articles": True, "date": True})
    fig.update_xaxes(type="category", categoryorder="category ascending")
    return finish(fig, "Articles per outlet and publication date",
                  "Each bar is a day; its height counts articles, coloured by outlet. Undated articles stand apart.",
                  "publication date", "articles")


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
    fig = px.strip(frame, x="words", y="outlet_label", color="outlet_label", color_discrete_map=colors,
                   custom_data=["doc_id", "evidence"])
    fig.update_traces(hovertemplate="%{y}<br>%{x:,} words<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
                      marker=dict(size=10, opacity=0.75))
    fig.update_layout(showlegend=False)
    return finish(fig, "Article length by outlet",
                  "Each dot is one article; further right is longer. Hover for the article's title or lede." + note,
                  "words per article", "outlet")


def furniture_table(corpus) -> pd.DataFrame:
    """Paragraphs flagged as page furniture (or otherwise not plain body), with reasons."""
    paras = corpus.paragraphs
    docs = corpus.documents.set_index("doc_id")
    flagged = paras[paras["kind"] != "body"]
    return (flagged.assign(outlet=flagged["doc_id"].map(docs["outlet"]),
                           excerpt=flagged["text"].map(lambda t: textwrap.shorten(" ".join(t.split()), 120) or "(blank)"))
            [["outlet", "doc_id", "para_id", "kind", "is_furniture", "reason", "excerpt"]]
            .reset_index(drop=True))


def furniture_summary(corpus) -> go.Figure:
    """Stacked bars: characters of each paragraph kind per article (what was set aside)."""
    paras = corpus.paragraphs
    if paras.empty:
        return empty_figure("What each article is made of", "The selection has no articles.")
    docs = corpus.documents.set_index("doc_id")
    frame = (paras.assign(chars=paras["end"] - paras["start"],
                          article=paras["doc_id"].map(lambda d: label(f"{docs.at[d, 'outlet']} · {d}", 50)))
             .groupby(["article", "kind", "is_furniture"], as_index=False)["chars"].sum())
    fig = px.bar(frame, y="article", x="chars", color="kind", orientation="h",
                 hover_data={"is_furniture": True, "chars": ":,"})
    return finish(fig, "What each article is made of: reporting and page furniture",
                  "Each bar is an article; segments are paragraph kinds by characters. Furniture "
                  "(boxes, captions, methodology, tables, credits) is kept but not analysed as reporting.",
                  "characters", "")
