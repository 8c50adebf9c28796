"""Showing results in notebooks safely, and handing tables and headline figures to reports.

Article text is data: nothing here passes corpus text to ``IPython.display.HTML`` /
``Markdown`` or a pandas ``Styler`` unescaped (both execute embedded HTML). Tables go
through itables (offline, HTML in cells escaped) and every other string through
:func:`html.escape`.

When the report runner (:mod:`analysis.report.command`) executes a notebook it sets
``NEWSCOV_OUTPUT_DIR`` (the run folder) and ``NEWSCOV_NOTEBOOK`` (the notebook's name);
:func:`show_table` then also writes the table to ``tables/<notebook>__<name>.csv`` and
:func:`headline` appends the figure to ``headlines/<notebook>.jsonl``, so the report index
can list them and readers can get the numbers.

Charts: :func:`notebook_mode` installs the ``newscov`` plotly renderer. It writes each
figure as HTML with a deterministic element id (``<notebook>-fig-<n>``, so two runs give
identical outputs) and never a MathJax or plotly CDN link, plus plotly's JSON mimetype
(JupyterLab and VS Code draw that one). Under the report runner the HTML does not carry
plotly.js: the exported page loads one shared ``plotly.min.js`` beside it. Elsewhere the
first figure of the session embeds plotly.js (~4.8 MB), so a hand-made HTML export works
offline too.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import config

OUTPUT_ENV = config.OUTPUT_ENV
NOTEBOOK_ENV = config.NOTEBOOK_ENV
PLOTLY_RENDERER = "newscov"  # offline, deterministic ids; see the module docstring
PLOTLY_MIME = "application/vnd.plotly.v1+json"
FIGURE_HEIGHT = 525  # plotly's notebook default, px
TABLES_DIR = "tables"
HEADLINES_DIR = "headlines"
MAX_TABLE_ROWS = 5000
SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell starting so (OWASP CSV injection)


class _Figures:
    """Figure numbering for deterministic element ids (one counter per kernel)."""

    count = 0
    plotlyjs_sent = False


def figure_id() -> str:
    """The next figure's HTML element id: ``<notebook>-fig-<n>`` (stable across runs)."""
    _Figures.count += 1
    return SAFE_NAME.sub("_", f"{os.environ.get(NOTEBOOK_ENV) or 'nb'}-fig-{_Figures.count}")


def figure_html(fig_dict: dict, div_id: str, with_plotlyjs: bool = False) -> str:
    """A figure as an HTML fragment: a div and the ``Plotly.newPlot`` call, no CDN.

    Parameters
    ----------
    fig_dict: the figure (``fig.to_dict()``); corpus text in it must already be escaped
        (plots.label / plots.hover_text); plotly's JSON escapes ``<`` and ``/``.
    div_id: the element id (see :func:`figure_id`).
    with_plotlyjs: inline plotly.js before the figure (for a standalone export).
    """
    from plotly.io import to_html

    height = (fig_dict.get("layout") or {}).get("height") or FIGURE_HEIGHT
    return to_html(
        fig_dict,
        include_plotlyjs=bool(with_plotlyjs),
        include_mathjax=False,
        full_html=False,
        div_id=div_id,
        default_width="100%",
        default_height=height,
        config={"responsive": True},
        validate=False,
    )


def _renderer():
    """The ``newscov`` plotly renderer (a MimetypeRenderer), built lazily."""
    import json

    import plotly.io as pio
    from plotly.io._base_renderers import MimetypeRenderer

    class NewscovRenderer(MimetypeRenderer):
        """HTML with a deterministic id and no CDN, plus plotly's JSON mimetype."""

        def to_mimebundle(self, fig_dict):
            embed = output_dir() is None and not _Figures.plotlyjs_sent
            _Figures.plotlyjs_sent = _Figures.plotlyjs_sent or embed
            return {
                "text/html": figure_html(fig_dict, figure_id(), with_plotlyjs=embed),
                PLOTLY_MIME: json.loads(pio.to_json(fig_dict, validate=False)),
            }

    return NewscovRenderer()


def notebook_mode() -> None:
    """Set plotly's renderer and itables for offline, self-contained notebook output.

    Under papermill the default plotly renderer silently drops figures from the HTML
    export, and plotly's ``notebook`` renderer links MathJax from a CDN and uses random
    element ids; the ``newscov`` renderer (module docstring) does neither.
    """
    import plotly.io as pio

    pio.renderers[PLOTLY_RENDERER] = _renderer()
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


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet will not run as a formula: ``'`` before one starting with
    ``= + - @``, tab or CR (OWASP's advice for CSV injection); other values unchanged."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`spreadsheet_safe` applied to every text cell and column name
    (numbers stay numbers: ``-3`` in an int column is not touched)."""
    out = frame.rename(columns=spreadsheet_safe)
    for col in out.columns[[not pd.api.types.is_numeric_dtype(t) for t in out.dtypes]]:
        out[col] = out[col].map(spreadsheet_safe, na_action="ignore")
    return out


def save_table(frame: pd.DataFrame, name: str) -> Path | None:
    """Write ``frame`` as CSV into the report output folder (if any); returns the path.

    Text cells that a spreadsheet would run as a formula are prefixed with ``'``
    (:func:`spreadsheet_frame`).

    Parameters
    ----------
    frame: the table.
    name: a short file-safe name (``sourcing_mix``).
    """
    out = output_dir()
    if out is None:
        return None
    tables = out / TABLES_DIR
    tables.mkdir(parents=True, exist_ok=True)
    path = tables / f"{_stem(name)}.csv"
    tmp = path.with_suffix(".csv.tmp")
    spreadsheet_frame(frame).to_csv(tmp, index=False, lineterminator="\n")
    os.replace(tmp, path)
    return path


def show_table(frame: pd.DataFrame, name: str | None = None, caption: str = "", max_rows: int = MAX_TABLE_ROWS) -> None:
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
    display(
        HTML(
            f"<p><strong>{html.escape(str(label))}</strong>: {html.escape(str(value))}"
            + (f" <em>({html.escape(note)})</em>" if note else "")
            + "</p>"
        )
    )
    out = output_dir()
    if out is not None:
        folder = out / HEADLINES_DIR
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / f"{_stem('') or 'notebook'}.jsonl", "a", encoding="utf-8") as fh:
            fh.write(
                json.dumps(
                    {
                        "notebook": os.environ.get(NOTEBOOK_ENV, ""),
                        "label": str(label),
                        "value": value if isinstance(value, (int, float)) else str(value),
                        "note": note,
                        "text": text,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


def show_text(text: str) -> None:
    """Show a line of text (for example, a corpus note) escaped."""
    from IPython.display import HTML, display

    display(HTML(f"<p>{html.escape(text)}</p>"))
