"""Showing results in notebooks safely, and handing tables and headline figures to reports.

Article text is data: nothing here passes corpus text to ``IPython.display.HTML`` /
``Markdown`` or a pandas ``Styler`` unescaped (both execute embedded HTML). Tables go
through itables (offline, HTML in cells escaped) and every other string through
:func:`html.escape`.

When the report runner executes a notebook it sets ``NEWSCOV_OUTPUT_DIR`` (and
``NEWSCOV_NOTEBOOK``); :func:`show_table` then also writes the table as CSV there and
:func:`headline` appends the figure to ``headlines.jsonl``, so the report index can list
them and readers can get the numbers.
"""
from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

OUTPUT_ENV = "NEWSCOV_OUTPUT_DIR"
NOTEBOOK_ENV = "NEWSCOV_NOTEBOOK"
PLOTLY_RENDERER = "notebook"  # embeds plotly.js in the output: charts work offline
MAX_TABLE_ROWS = 5000
SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def notebook_mode() -> None:
    """Set plotly's renderer and itables for offline, self-contained notebook output.

    Under papermill the default plotly renderer silently drops figures from the HTML
    export; ``notebook`` embeds plotly.js (no CDN), so exported charts work offline.
    """
    import plotly.io as pio

    pio.renderers.default = PLOTLY_RENDERER
    try:
        from itables import init_notebook_mode

        init_notebook_mode(all_interactive=False, connected=False)
    except Exception:  # noqa: BLE001 - outside a notebook front end there is nothing to set
        pass


def output_dir() -> Path | None:
    """The report output folder for derived tables, when run by the report runner."""
    value = os.environ.get(OUTPUT_ENV)
    return Path(value) if value else None


def _stem(name: str) -> str:
    nb = os.environ.get(NOTEBOOK_ENV, "")
    return SAFE_NAME.sub("_", f"{nb}__{name}" if nb else name).strip("_")


def save_table(frame: pd.DataFrame, name: str) -> Path | None:
    """Write ``frame`` as CSV into the report output folder (if any); returns the path.

    Parameters
    ----------
    frame: the table.
    name: a short file-safe name (``sourcing_mix``).
    """
    out = output_dir()
    if out is None:
        return None
    tables = out / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    path = tables / f"{_stem(name)}.csv"
    tmp = path.with_suffix(".csv.tmp")
    frame.to_csv(tmp, index=False, lineterminator="\n")
    os.replace(tmp, path)
    return path


def show_table(frame: pd.DataFrame, name: str | None = None, caption: str = "",
               max_rows: int = MAX_TABLE_ROWS) -> None:
    """Show a sortable, filterable table (itables, offline) and save it for the report.

    Parameters
    ----------
    frame: the table; cell text is shown literally (HTML escaped).
    name: if given, the table is also saved as a derived table (see :func:`save_table`).
    caption: a sentence above the table saying what it is.
    max_rows: rows shown (all rows are saved); a note says when rows were cut.
    """
    from IPython.display import HTML, display

    if name:
        save_table(frame, name)
    shown = frame.head(max_rows)
    note = caption
    if len(frame) > max_rows:
        note = f"{caption} (first {max_rows:,} of {len(frame):,} rows shown; all rows in the saved table)".strip()
    if note:
        display(HTML(f"<p><em>{html.escape(note)}</em></p>"))
    try:
        from itables import show

        show(shown.reset_index(drop=True), classes="display compact", allow_html=False, maxBytes=0)
    except ImportError:  # pragma: no cover - itables is a dependency
        display(HTML(shown.to_html(escape=True, index=False)))


def headline(label: str, value: Any, note: str = "") -> None:
    """Show a headline figure as escaped text and record it for the report index.

    Parameters
    ----------
    label: what the figure is ("anonymous share, NBC News").
    value: the figure (number or short text).
    note: a short qualifier (units, caveats).
    """
    from IPython.display import HTML, display

    text = f"{label}: {value}" + (f" ({note})" if note else "")
    display(HTML(f"<p><strong>{html.escape(str(label))}</strong>: {html.escape(str(value))}"
                 + (f" <em>({html.escape(note)})</em>" if note else "") + "</p>"))
    out = output_dir()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        with open(out / "headlines.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"notebook": os.environ.get(NOTEBOOK_ENV, ""), "label": str(label),
                                 "value": value if isinstance(value, (int, float)) else str(value),
                                 "note": note, "text": text}, ensure_ascii=False) + "\n")


def show_text(text: str) -> None:
    """Show a line of text (for example, a corpus note) escaped."""
    from IPython.display import HTML, display

    display(HTML(f"<p>{html.escape(text)}</p>"))
