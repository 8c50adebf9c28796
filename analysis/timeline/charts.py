"""Timeline charts: story events on a date axis with the articles' publication dates, and
which outlet reported which event when. Tables live in :mod:`analysis.timeline.stage`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import charts as plots
from analysis.timeline import tables as story_events

MAX_ROWS = 25  # event (or actor) rows shown; the most widely reported are kept (the rest: the tables)
MAX_COLUMNS = 12  # beyond this many articles, the reports chart has a column per outlet
OUTLET_TICK_CHARS = 16  # an outlet column label wraps at this width; at 9 beyond WIDE_OUTLET_COLUMNS outlets
WIDE_OUTLET_COLUMNS = 5  # (so seven outlets fit a 900 px screen)
TICK_CHARS = 60  # characters of a row label
JITTER = 0.13  # vertical offset between outlets on one row (in row units)
PUBLISHED_ROW = "Articles published"
SPAN_PRECISIONS = ("week", "month", "year")
LINE_PRECISIONS = ("week", "month")  # a year-long line would swamp the axis: a dot only
FOCUS_DAYS = 60  # wider than this, the chart opens on the weeks around publication
FOCUS_PAD = pd.Timedelta(days=10)


def _when(r: pd.Series) -> str:
    if pd.isna(r["date"]):
        return "unresolved"
    if r["precision"] == "minute":
        return f"{r['date']:%a %d %b %Y %H:%M}" + (f" {r['tz']}" if r["tz"] else "")
    if r["precision"] in SPAN_PRECISIONS:
        return f"{r['date']:%d %b %Y} – {r['date_end']:%d %b %Y} ({r['precision']})"
    return f"{r['date']:%a %d %b %Y}"


def _hover(r: pd.Series) -> str:
    pub = f"{r['published']:%Y-%m-%d}" if not pd.isna(r["published"]) else "undated"
    return (
        f"<b>{plots.label(r['outlet'], 50)}</b> (published {pub})<br>{plots.label(r['event'], 90)}<br>"
        f"“{plots.label(r['expression'], 40)}” → {_when(r)}<br>{plots.hover_text(r['sentence'])}"
    )


def _event_tick(title: str, date, precision: str) -> str:
    """A row label: what happened with its actors, and when ("deadline — Anthropic · 27 Feb 2026")."""
    if pd.isna(date):
        when = "undated"
    elif precision in ("year", "month"):
        when = f"{date:%b %Y}" if precision == "month" else f"{date:%Y}"
    else:
        when = f"{date:%d %b %Y}"
    return f"{plots.label(title, TICK_CHARS - len(when) - 3)} · {when}"


def _rows(corpus, include_reference: bool, by: str) -> tuple[pd.DataFrame, list, dict, str]:
    """Mentions to plot with a ``row`` key, the row order, row labels, and a note on what was cut.

    Events are ranked by the outlets reporting them, then mentions, then date; the first
    :data:`MAX_ROWS` are drawn (the full list is the notebook's "Story events" table).
    """
    rows = story_events.event_mentions(corpus, include_reference)
    rows = rows[rows["event_id"].notna() & rows["date"].notna()]
    if rows.empty:
        return rows.assign(row=pd.Series(dtype=str)), [], {}, ""
    events = story_events.story_events(corpus, include_reference).set_index("event_id")
    rows = rows.assign(event=rows["event_id"].map(events["title"]) + " · " + rows["event_id"].map(events["label"]))
    if by == "actor":
        rows = rows.assign(row=rows["actors"].fillna("").str.split("; ")).explode("row")
        rows = rows[rows["row"] != ""]
        rank = rows.groupby("row").agg(n=("outlet", "nunique"), m=("outlet", "size"), first=("date", "min"))
        labels = {r: plots.label(r, TICK_CHARS) for r in rank.index}
        what = "actors named with the most outlets' dates"
    else:
        rows = rows.assign(row=rows["event_id"].astype("int64"))
        rank = events.rename(columns={"n_outlets": "n", "n_mentions": "m", "date": "first"})[["n", "m", "first"]]
        rank = rank[rank.index.isin(rows["row"])]
        labels = {
            e: _event_tick(events.at[e, "title"], events.at[e, "date"], events.at[e, "precision"]) for e in rank.index
        }
        what = "events reported by the most outlets (then the most mentions)"
    note = ""
    if len(rank) > MAX_ROWS:
        keep = rank.sort_values(["n", "m", "first"], ascending=[False, False, True], kind="stable").head(MAX_ROWS).index
        note = f" Showing the {MAX_ROWS} {what} of {len(rank):,}; every one is in the tables below."
        rank, rows = rank.loc[keep], rows[rows["row"].isin(keep)]
    order = list(rank.sort_values("first", kind="stable").index)
    return rows, order, labels, note


def story_timeline(corpus, include_reference: bool = False, by: str = "event") -> go.Figure:
    """Story events on a date axis (y = event or actor, colour = outlet), publication dates on top.

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with an ``events`` frame.
    include_reference: also plot reference dates (captions, names of laws, update stamps).
    by: "event" (a row per story event) or "actor" (a row per actor named with the date).
    """
    what = "who was in the story when, by actor" if by == "actor" else "what happened when, by outlet"
    title = f"Story timeline: {what}"
    if by not in ("event", "actor"):
        raise ValueError(f"by must be 'event' or 'actor', not {by!r}")
    rows, order, row_labels, note = _rows(corpus, include_reference, by)
    if rows.empty:
        why = (
            "no dated story events with actors named in the same sentence (is the actors stage run?)"
            if by == "actor"
            else "no dated story events: undated articles leave weekday and relative "
            "dates unresolved, and no absolute date here names a happening"
        )
        return plots.empty_figure(title, f"Nothing to plot: {why}.")
    rows, sample_note = plots.sample_points(rows)
    docs = corpus.documents
    outlets = sorted(set(docs["outlet"]))
    colors = plots.outlet_colors(outlets)
    offset = {o: (i - (len(outlets) - 1) / 2) * JITTER / max(1, len(outlets) / 4) for i, o in enumerate(outlets)}
    ypos = {r: i + 1 for i, r in enumerate(order)}
    fig = go.Figure()
    dated = docs[docs["published"].notna()]
    for outlet in outlets:
        sub = rows[rows["outlet"] == outlet]
        pub = dated[dated["outlet"] == outlet]
        name, color = plots.label(outlet, 40), colors[outlet]
        for r in sub[sub["precision"].isin(LINE_PRECISIONS)].itertuples(index=False):
            y = ypos[r.row] + offset[outlet]
            fig.add_trace(
                go.Scatter(
                    x=[r.date, r.date_end],
                    y=[y, y],
                    mode="lines",
                    line=dict(color=color, width=3),
                    opacity=0.45,
                    legendgroup=name,
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=sub["date"],
                y=sub["row"].map(ypos).astype("float64") + offset[outlet],
                mode="markers",
                name=name,
                legendgroup=name,
                marker=dict(color=color, size=11, line=dict(width=1, color="white")),
                text=[_hover(r) for _, r in sub.iterrows()],
                hovertemplate="%{text}<extra></extra>",
            )
        )
        if len(pub):
            first = corpus.sentences.groupby("doc_id")["text"].first()
            text = [
                f"<b>{name}</b> published {p:%a %d %b %Y}<br>{plots.hover_text(t or first.get(d, ''))}"
                for d, p, t in zip(pub["doc_id"], pub["published"], pub["title"])
            ]
            fig.add_trace(
                go.Scatter(
                    x=pub["published"],
                    y=[offset[outlet]] * len(pub),
                    mode="markers",
                    name=name,
                    legendgroup=name,
                    showlegend=sub.empty,
                    marker=dict(color=color, size=13, symbol="diamond"),
                    text=text,
                    hovertemplate="%{text}<extra></extra>",
                )
            )
    ticks = [0] + [ypos[r] for r in order]
    labels = [PUBLISHED_ROW] + [row_labels[r] for r in order]
    fig.update_yaxes(tickvals=ticks, ticktext=labels, autorange="reversed", showgrid=True, zeroline=False)
    undated = int(docs["published"].isna().sum())
    extra = (
        f" {undated} undated article(s) have no diamond and their relative dates stay unresolved." if undated else ""
    )
    extra += _focus(fig, rows["date"], dated["published"])
    plots.finish(
        fig,
        title,
        "A dot is one outlet's mention of an event at its resolved date (lines: week/month spans); "
        "diamonds are publication dates. Hover for the sentence."
        + ("<br>" + (note + sample_note + extra).strip() if (note + sample_note + extra) else ""),
        "date (resolved against each article's publication date)",
        "story event" if by == "event" else "actor",
        height=200 + 34 * (len(order) + 1),
    )
    fig.update_layout(margin=dict(t=120))
    return fig


def _focus(fig: go.Figure, dates: pd.Series, published: pd.Series) -> str:
    """Open a long timeline on the weeks around publication (buttons and a slider show all)."""
    every = pd.concat([dates, published]).dropna()
    if published.empty or every.empty or (every.max() - every.min()).days <= FOCUS_DAYS:
        return ""
    lo = published.min() - FOCUS_PAD
    hi = max(published.max(), dates[dates >= lo].max() if (dates >= lo).any() else lo) + FOCUS_PAD / 2
    fig.update_xaxes(
        range=[lo, hi],
        rangeslider=dict(visible=True, thickness=0.06),
        rangeselector=dict(
            x=1,
            xanchor="right",
            y=1.0,
            yanchor="bottom",
            buttons=[
                dict(count=14, label="2 weeks", step="day", stepmode="backward"),
                dict(count=3, label="3 months", step="month", stepmode="backward"),
                dict(step="all", label="all"),
            ],
        ),
    )
    return " Opens on the weeks around publication: press 'all' or drag the slider for earlier events."


def _top_events(table: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The :data:`MAX_ROWS` events with the most outlets (then mentions), and a note when cut."""
    if table["event_id"].nunique() <= MAX_ROWS:
        return table, ""
    rank = events[events["event_id"].isin(table["event_id"])].sort_values(
        ["n_outlets", "n_mentions", "date"], ascending=[False, False, True], kind="stable"
    )
    keep = set(rank["event_id"].head(MAX_ROWS))
    note = (
        f" Showing the {MAX_ROWS} events reported by the most outlets of {len(rank):,}; "
        "the table below lists every event and article."
    )
    return table[table["event_id"].isin(keep)], note


def outlet_reports(corpus, include_reference: bool = False) -> go.Figure:
    """Which outlet reported which event, and when it published: a dot per event × article (or outlet).

    Dots are labelled with the clock time the outlet gave, so disagreements show. Up to
    :data:`MAX_COLUMNS` articles a column is an article (outlet and when written); beyond, a
    column is an outlet and a dot sums its articles on the event (hover: how many, the first
    written, the times given).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus` with an ``events`` frame.
    include_reference: also include reference dates.
    """
    title = "Who reported what, and when they published"
    table = story_events.reports_table(corpus, include_reference)
    if table.empty:
        return plots.empty_figure(title, "Nothing to plot: no story events were found in this selection.")
    events = story_events.story_events(corpus, include_reference)
    table, note = _top_events(table, events)
    ev = events.set_index("event_id")
    table = table.assign(
        row=[_event_tick(ev.at[e, "title"], ev.at[e, "date"], ev.at[e, "precision"]) for e in table["event_id"]]
    )
    pub = table["reported"].dt.strftime("%d %b %H:%M").str.replace(" 00:00", "", regex=False).fillna("undated")
    pub = pub.where(table["reported"].eq(table["published"]) | table["reported"].isna(), pub + "<br>(update)")
    by_article = table["doc_id"].nunique() <= MAX_COLUMNS
    if by_article:
        table = table.assign(column=[f"{plots.wrap_label(o, 9, 3)}<br>{p}" for o, p in zip(table["outlet"], pub)])
        cells = table.assign(written=pub, articles=1)
        how = "Columns are articles (outlet and when written, earliest first); a dot means the article dates that event"
    else:
        width = OUTLET_TICK_CHARS if table["outlet"].nunique() <= WIDE_OUTLET_COLUMNS else 9
        table = table.assign(column=table["outlet"].map(lambda o: plots.wrap_label(o, width, 3)), written=pub)
        cells = table.groupby(["event_id", "row", "outlet", "column"], as_index=False, sort=True).agg(
            articles=("doc_id", "nunique"),
            mentions=("mentions", "sum"),
            written=("written", "first"),
            expressions=("expressions", lambda x: "; ".join(dict.fromkeys("; ".join(x).split("; ")))),
            times=("times", lambda x: "; ".join(sorted(set("; ".join(x).split("; ")) - {""}))),
            days_after_event=("days_after_event", "min"),
            reported=("reported", "min"),
        )
        how = "Columns are outlets; a dot means the outlet's articles date that event (bigger = more articles)"
    columns = (
        cells.sort_values(["reported", "outlet"], kind="stable", na_position="last")["column"]
        .drop_duplicates()
        .tolist()
        if by_article
        else [plots.wrap_label(o, width, 3) for o in sorted(cells["outlet"].unique())]
    )
    rows = cells.drop_duplicates("row").merge(ev[["date"]], left_on="event_id", right_index=True)
    rows = rows.sort_values(["date", "event_id"], kind="stable")["row"].tolist()
    colors = plots.outlet_colors(corpus.documents["outlet"])
    fig = go.Figure()
    for outlet, sub in cells.groupby("outlet", sort=True):
        hover = [
            f"<b>{plots.label(outlet, 50)}</b>: {n} article(s), first written {w}<br>{r}<br>"
            f"as written: {plots.label(ex, 80)}" + ("" if pd.isna(d) else f"<br>{d:+.0f} day(s) from the event")
            for n, w, r, ex, d in zip(
                sub["articles"], sub["written"], sub["row"], sub["expressions"], sub["days_after_event"]
            )
        ]
        size = sub["mentions"] if by_article else sub["articles"]
        fig.add_trace(
            go.Scatter(
                x=sub["column"],
                y=sub["row"],
                mode="markers+text",
                name=plots.label(outlet, 40),
                marker=dict(color=colors.get(outlet), size=10 + 3 * size.clip(upper=6)),
                text=sub["times"].map(lambda t: plots.label(t, 14)),
                textposition="middle right",
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    fig.update_xaxes(categoryorder="array", categoryarray=columns, side="top", tickangle=0, tickfont=dict(size=11))
    fig.update_yaxes(categoryorder="array", categoryarray=rows, autorange="reversed")
    fig.update_layout(margin=dict(t=200), showlegend=False)
    return plots.finish(
        fig,
        title,
        how + "; the label is the clock time given, so differing times stand out. Hover for how it was written." + note,
        "",
        "story event",
        height=260 + 30 * len(rows),
        wrap=plots.SUBTITLE_CHARS,
        top=150,
    )
