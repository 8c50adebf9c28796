"""The house chart style: colours, escaping, titles, empty figures and sampling.

Every figure function takes a :class:`~analysis.corpus.Corpus` (or a frame derived from
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

from analysis import config, periods
from analysis.text import one_line

PALETTE = px.colors.qualitative.Safe + px.colors.qualitative.Vivid
FONT = "Helvetica, Arial, sans-serif"
MAX_POINTS = 4000  # above this, point charts are sampled and say so
SUBTITLE_CHARS = 100  # a how-to-read line wraps here, so it fits a chart on a 900 px screen
UNDATED = config.UNDATED


def outlet_colors(outlets) -> dict[str, str]:
    """A stable outlet -> colour map (sorted names, fixed palette)."""
    names = sorted(set(outlets))
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(names)}


def label(text: str, width: int = 60) -> str:
    """Corpus text made safe and short for titles, ticks and legends."""
    text = " ".join(str(text).split())
    return html.escape(textwrap.shorten(text, width=width, placeholder="…"), quote=False)


def wrap_label(text: str, width: int = 18, lines: int = 3) -> str:
    """Corpus text for an axis tick: escaped, at most ``lines`` lines of ``width`` characters.

    A long outlet name ("Cybersecurity news site (unnamed) (no attributions)") then stays
    under its own bar instead of running over its neighbours or the axis title.
    """
    text = " ".join(str(text).split())
    parts = textwrap.wrap(text, width, max_lines=lines, placeholder="…") or [""]
    return "<br>".join(html.escape(p, quote=False) for p in parts)


def cut(text: str, width: int) -> str:
    """Corpus text on one line, cut to ``width`` characters with "…" (even inside a word), escaped."""
    return html.escape(one_line(text, width), quote=False)


def hover_text(text: str, width: int = 80, max_chars: int = 600) -> str:
    """Corpus text for a hover box: escaped, shortened, wrapped with ``<br>``."""
    text = one_line(text, max_chars)
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(text, width)) or ""


def finish(
    fig: go.Figure,
    title: str,
    how_to_read: str,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int | None = None,
    wrap: int | None = SUBTITLE_CHARS,
    top: int = 80,
    line_px: int = 18,
) -> go.Figure:
    """Apply the house style: title, how-to-read subtitle, axis titles, fonts.

    Parameters
    ----------
    fig: the figure.
    title: what the chart shows (no corpus text, or escape it first).
    how_to_read: one sentence on reading it; shown under the title.
    x_title, y_title: axis titles with units ("articles", "words per 1,000").
    height: pixels; default plotly's.
    wrap: if given (by default :data:`SUBTITLE_CHARS`), ``how_to_read`` is wrapped at this many
        characters per line and the top margin made ``top + line_px`` per line, so a long subtitle
        never runs into the plot.
    top, line_px: the top margin with a wrapped subtitle (pixels, and pixels per line).
    """
    lines = (textwrap.wrap(how_to_read, wrap) or [""]) if wrap else None
    if lines is not None:
        how_to_read = "<br>".join(lines)
    fig.update_layout(
        title=dict(text=f"<b>{title}</b>", subtitle=dict(text=how_to_read), x=0.01, xanchor="left"),
        font=dict(family=FONT, size=13),
        template="plotly_white",
        margin=dict(t=90, l=60, r=20, b=60),
        legend=dict(title_text=""),
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    if height:
        fig.update_layout(height=height)
    if lines is not None:
        fig.update_layout(margin=dict(t=top + line_px * len(lines)))
    return fig


def empty_figure(title: str, reason: str) -> go.Figure:
    """A figure that says why there is nothing to plot (instead of an error or a blank)."""
    fig = go.Figure()
    fig.add_annotation(
        text=html.escape(reason), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=15)
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, title, "No data to show for this selection.", height=300)


def too_short_figure(title: str, reason: str) -> go.Figure:
    """An over-time chart's stand-in when the corpus spans too little time for a trend."""
    fig = empty_figure(title, f"No trend drawn: {reason}.")
    fig.update_layout(title_subtitle_text="Too little time to show change: more dates are needed.")
    return fig


def over_time_stand_in(title: str, frame: pd.DataFrame, published: pd.Series, why_empty: str) -> go.Figure | None:
    """The figure an over-time chart shows instead of itself, or ``None`` when it can be drawn.

    Parameters
    ----------
    title: the chart's title, kept on the stand-in.
    frame: the chart's table, with a ``freq`` column (empty when nothing is dated).
    published: the selection's publication timestamps, to judge the span against ``freq``.
    why_empty: the sentence shown when ``frame`` is empty.

    Returns
    -------
    An :func:`empty_figure` when ``frame`` is empty, a :func:`too_short_figure` when the
    dates span too little time for ``freq``, otherwise ``None``.
    """
    if frame.empty:
        return empty_figure(title, why_empty)
    why = periods.too_short(published, frame["freq"].iloc[0])
    return too_short_figure(title, why) if why else None


def sample_points(frame: pd.DataFrame, max_points: int = MAX_POINTS, seed: int = 0) -> tuple[pd.DataFrame, str]:
    """At most ``max_points`` rows (a fixed-seed sample) and a note for the chart."""
    if len(frame) <= max_points:
        return frame, ""
    return (
        frame.sample(n=max_points, random_state=seed).sort_index(),
        f" Showing a random sample of {max_points:,} of {len(frame):,} points.",
    )
