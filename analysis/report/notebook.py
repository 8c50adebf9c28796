"""One notebook of a report run: execute with papermill, normalise, export offline HTML.

:func:`run_notebook` is what a worker process of :mod:`analysis.report.command` calls for each
notebook. It writes, inside the run folder:

* ``notebooks/<name>.ipynb``: the executed notebook, normalised by :func:`normalise`
  (no timestamps or durations, deterministic element and cell ids), so two runs on the
  same corpus and parameters give byte-identical files;
* ``<name>.html``: the HTML page (nbconvert ``lab`` template) with no CDN reference
  (no require.js, MathJax or mermaid), a Content-Security-Policy that forbids network
  requests, and the shared ``assets/plotly.min.js`` loaded from beside it; large inline
  library bundles (itables' DataTables, ~1 MB) are moved to ``assets/<hash>.js`` too, so
  every page shares one copy (classic scripts: they load from ``file://``);
* ``tables/<name>__*.csv`` and ``headlines/<name>.jsonl``: written by the kernel through
  :mod:`analysis.display` (``NEWSCOV_OUTPUT_DIR`` / ``NEWSCOV_NOTEBOOK``);
* ``logs/<name>.log``: the kernel's own stdout/stderr (warnings, crashes).

A failing cell does not raise here: the result says ``failed`` and the HTML shows the
failing cell's traceback (papermill marks it at the top of the page).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

PLOTLY_ASSET = "assets/plotly.min.js"
ASSETS_DIR = "assets"
SHARED_SCRIPT_MIN = 100_000  # inline scripts larger than this (library bundles) move to assets/
INLINE_SCRIPT = re.compile(r'<script(?:\s+type="text/javascript")?>(.*?)</script>', re.S)
PLOTLY_MIME = "application/vnd.plotly.v1+json"
HEADLINE_TAG = "headline-chart"  # the cell whose figure the report index shows
NOTEBOOKS_DIR = "notebooks"
LOGS_DIR = "logs"
KERNEL = "python3"
VOLATILE_NB_META = ("start_time", "end_time", "duration", "environment_variables")
VOLATILE_CELL_META = ("start_time", "end_time", "duration")
UUID = r"[0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12}"
ID_ATTR = re.compile(r'\bid="[^"<>]*?(' + UUID + r')[^"<>]*"')
EXTERNAL_REF = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
    r"\b(?:src|href|data)\s*=\s*[\"']?\s*(?:https?:)?//",
    re.I,
)
STYLER_TABLE = re.compile(r'<table id="T_')
STYLE_BLOCK = re.compile(r"<style\b.*?</style>", re.I | re.S)
CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' 'unsafe-eval' file: blob:; "
    "style-src 'self' 'unsafe-inline' file: data:; img-src 'self' file: data: blob:; "
    "font-src 'self' file: data:; connect-src 'none'; frame-src 'none'; object-src 'none'; "
    "worker-src blob:; base-uri 'none'; form-action 'none'"
)
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<meta http-equiv="Content-Security-Policy" content="{{ resources.newscov.csp | e }}">
<meta name="referrer" content="no-referrer">
{%- if resources.newscov.plotlyjs %}
<script src="{{ resources.newscov.plotlyjs | e }}"></script>
{%- endif %}
{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
<nav style="font:14px Helvetica,Arial,sans-serif;padding:8px 16px;border-bottom:1px solid #ddd">
<a href="index.html">&larr; report index</a> &middot; <strong>{{ resources.newscov.name | e }}</strong>
&middot; {{ resources.newscov.status | e }}</nav>
{%- endblock body_header -%}
"""
MD_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "div",
}
MD_ATTRS = {"a": ["href", "title"], "*": ["class", "id"]}


# --- normalisation ----------------------------------------------------------------------


def normalise(nb: Any, name: str) -> Any:
    """Strip volatile metadata and make library element ids deterministic (in place).

    Parameters
    ----------
    nb: the executed notebook (nbformat NotebookNode).
    name: the notebook's name (``00_overview``); paths in metadata become relative.
    """
    pm = nb.metadata.get("papermill", {})
    for key in VOLATILE_NB_META:
        pm.pop(key, None)
    if pm:
        pm["input_path"] = f"{name}.ipynb"
        pm["output_path"] = f"{NOTEBOOKS_DIR}/{name}.ipynb"
    nb.metadata.pop("widgets", None)
    errors = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in VOLATILE_CELL_META:
            cell.metadata.get("papermill", {}).pop(key, None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
        elif "papermill-error-cell-tag" in tags:
            errors += 1
            cell["id"] = f"papermill-error-{errors}"
    _stable_ids(nb)
    return nb


def _output_texts(nb: Any):
    """(container, key) pairs for every string-valued output field."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for key, value in out.get("data", {}).items():
                if isinstance(value, (str, list)):
                    yield out["data"], key


def _stable_ids(nb: Any) -> None:
    """Replace random (uuid) HTML element ids in outputs by ``id0001``... in order seen.

    Only uuids used as an ``id="..."`` attribute in markup are replaced (article text
    reaches HTML escaped, so a uuid inside a document is never touched).
    """
    mapping: dict[str, str] = {}
    fields = list(_output_texts(nb))
    for data, key in fields:
        if "html" not in key:
            continue
        text = "".join(data[key]) if isinstance(data[key], list) else data[key]
        for match in ID_ATTR.finditer(text):
            mapping.setdefault(match.group(1), f"id{len(mapping) + 1:04d}")
    if not mapping:
        return
    pattern = re.compile("|".join(re.escape(k) for k in mapping))
    for data, key in fields:
        text = "".join(data[key]) if isinstance(data[key], list) else data[key]
        if any(k in text for k in mapping):
            data[key] = pattern.sub(lambda m: mapping[m.group(0)], text)


def sanitise_for_html(nb: Any) -> Any:
    """Defence in depth for the HTML page: neutralise outputs known to run article HTML.

    ``text/markdown`` outputs (``IPython.display.Markdown``) and pandas ``Styler``
    tables pass raw HTML through; both are rendered here through bleach (no scripts,
    event handlers or ``javascript:`` links). Returns a copy; the .ipynb keeps the raw
    outputs.

    Parameters
    ----------
    nb: the executed notebook.
    """
    import copy

    import bleach
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                md = "".join(data.pop("text/markdown"))
                data["text/html"] = bleach.clean(
                    markdown2html_mistune(md), tags=MD_TAGS, attributes=MD_ATTRS, protocols={"http", "https", "mailto"}
                )
            elif "text/html" in data:
                text = "".join(data["text/html"])
                if STYLER_TABLE.search(text) and "<script" not in text.lower():
                    data["text/html"] = bleach.clean(
                        STYLE_BLOCK.sub("", text), tags=MD_TAGS, attributes=MD_ATTRS, protocols={"http", "https"}
                    )
    return nb


# --- HTML -----------------------------------------------------------------------------


def has_figures(nb: Any) -> bool:
    """Whether any output is a plotly figure."""
    return any(
        PLOTLY_MIME in out.get("data", {}) or "plotly-graph-div" in "".join(out.get("data", {}).get("text/html", ""))
        for cell in nb.cells
        for out in cell.get("outputs", [])
    )


def export_html(nb: Any, name: str, status: str, hide_code: bool) -> str:
    """The notebook as an offline HTML page (see the module docstring).

    Parameters
    ----------
    nb: the executed, normalised notebook.
    name: its name, shown in the page title and navigation bar.
    status: ``ok`` / ``failed``, shown in the navigation bar.
    hide_code: leave code cells' input out (what a report reader wants).
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        raw_template=TEMPLATE,
        exclude_input=hide_code,
        exclude_input_prompt=hide_code,
        exclude_output_prompt=hide_code,
        require_js_url="",
        mathjax_url="",
        widget_renderer_url="",
    )
    resources = {
        "metadata": {"name": name},
        "newscov": {"csp": CSP, "name": name, "status": status, "plotlyjs": PLOTLY_ASSET if has_figures(nb) else ""},
    }
    body, _ = exporter.from_notebook_node(sanitise_for_html(nb), resources=resources)
    return body


def share_scripts(page: str, run_dir: Path) -> str:
    """Move large inline ``<script>`` bodies to ``assets/<sha256>.js`` and link them.

    Parameters
    ----------
    page: the HTML page.
    run_dir: the run folder (assets are written there; same content, same file).
    """
    import hashlib

    def move(match: re.Match) -> str:
        body = match.group(1)
        if len(body) < SHARED_SCRIPT_MIN:
            return match.group(0)
        name = f"{ASSETS_DIR}/{hashlib.sha256(body.encode()).hexdigest()[:20]}.js"
        dest = run_dir / name
        if not dest.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            _write(dest, body)
        return f'<script src="{name}"></script>'

    return INLINE_SCRIPT.sub(move, page)


def external_refs(page: str) -> list[str]:
    """Tags in ``page`` that would load something from the network (should be none)."""
    return [m.group(0)[:200] for m in EXTERNAL_REF.finditer(page)]


def error_page(name: str, message: str) -> str:
    """A minimal page for a notebook that produced no executed notebook at all."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(name)}</title>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\"></head><body>"
        f"<p><a href='index.html'>&larr; report index</a></p><h1>{html.escape(name)}: failed</h1>"
        f"<pre>{html.escape(message)}</pre></body></html>"
    )


# --- running ----------------------------------------------------------------------------


def _progress_engine(events: Any, name: str):
    """A papermill engine class that reports each finished cell to ``events``."""
    from papermill.engines import NBClientEngine

    class ProgressEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            total = len(nb_man.nb.cells)
            finish = nb_man.cell_complete

            def cell_complete(cell, cell_index=None, **kw):
                finish(cell, cell_index=cell_index, **kw)
                if events is not None:
                    events.put(("cell", name, (cell_index or 0) + 1, total))

            nb_man.cell_complete = cell_complete
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    return ProgressEngine


def _redirect_output(path: Path) -> None:
    """Point this process's stdout/stderr (inherited by the kernel) at ``path``."""
    sys.stdout.flush()
    sys.stderr.flush()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def headline_figure(nb: Any) -> dict | None:
    """The figure the index shows for a notebook: the cell tagged ``headline-chart``, else the first figure.

    Parameters
    ----------
    nb: the executed notebook.

    Returns
    -------
    The plotly figure dict, or None when the notebook drew none.
    """
    cells = [c for c in nb.cells if HEADLINE_TAG in c.get("metadata", {}).get("tags", [])] + list(nb.cells)
    for cell in cells:
        for out in cell.get("outputs", []):
            fig = out.get("data", {}).get(PLOTLY_MIME)
            if fig:
                return fig
    return None


def _headlines(run_dir: Path, name: str) -> list[dict]:
    """The headline records a notebook wrote. Split on ``\n`` only: ``str.splitlines`` also
    splits inside a JSON string holding U+2028 or U+0085 (an outlet name can)."""
    path = run_dir / "headlines" / f"{name}.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def run_notebook(task: dict, events: Any = None) -> dict:
    """Execute one notebook into the run folder; returns its result record.

    Parameters
    ----------
    task: ``name``, ``input`` (notebook path), ``run_dir``, ``parameters`` (dict),
        ``hide_code`` (bool), ``timeout`` (seconds per cell or None).
    events: a queue receiving ``("start", name, cells)`` and ``("cell", name, done, total)``.
    """
    import nbformat
    import papermill as pm
    from papermill.engines import papermill_engines
    from papermill.exceptions import PapermillExecutionError

    logging.getLogger("papermill").setLevel(logging.ERROR)  # not "Unable to parse line" for typed parameters
    name, run_dir = task["name"], Path(task["run_dir"])
    for sub in (NOTEBOOKS_DIR, LOGS_DIR):
        (run_dir / sub).mkdir(parents=True, exist_ok=True)
    out_nb = run_dir / NOTEBOOKS_DIR / f"{name}.ipynb"
    log = run_dir / LOGS_DIR / f"{name}.log"
    os.environ.update({"NEWSCOV_OUTPUT_DIR": str(run_dir), "NEWSCOV_NOTEBOOK": name, "PYTHONHASHSEED": "0"})
    _redirect_output(log)
    papermill_engines.register("newscov", _progress_engine(events, name))
    source = nbformat.read(task["input"], as_version=4)
    if events is not None:
        events.put(("start", name, len(source.cells) + (1 if task["parameters"] else 0)))
    t0 = time.perf_counter()
    status, error, error_cell = "ok", None, None
    try:
        pm.execute_notebook(
            task["input"],
            str(out_nb),
            parameters=task["parameters"],
            engine_name="newscov",
            kernel_name=KERNEL,
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=task.get("timeout"),
            cwd=task.get("cwd"),
        )
    except PapermillExecutionError as err:
        status, error, error_cell = "failed", f"{err.ename}: {err.evalue}", err.exec_count
    except Exception as err:  # noqa: BLE001 - kernel died, timeout, bad notebook: all mean "failed"
        status, error = "failed", f"{type(err).__name__}: {err}"
    duration = time.perf_counter() - t0
    page_name = f"{name}.html"
    refs: list[str] = []
    chart = None
    if out_nb.is_file():
        nb = normalise(nbformat.read(out_nb, as_version=4), name)
        _write(out_nb, nbformat.writes(nb) + "\n")
        figure = headline_figure(nb)
        if figure is not None:
            chart = f"headlines/{name}.figure.json"
            (run_dir / "headlines").mkdir(exist_ok=True)
            _write(run_dir / chart, json.dumps(figure, ensure_ascii=False))
        page = export_html(nb, name, status if status == "ok" else f"FAILED: {error}", task.get("hide_code", False))
        page = share_scripts(page, run_dir)
        refs = external_refs(page)
        cells_done = sum(1 for c in nb.cells if c.metadata.get("papermill", {}).get("status") == "completed")
        cells_total = len(nb.cells)
    else:
        page, cells_done, cells_total = error_page(name, error or "no output"), 0, len(source.cells)
    _write(run_dir / page_name, page)
    tables = sorted(p.relative_to(run_dir).as_posix() for p in (run_dir / "tables").glob(f"{name}__*.csv"))
    return {
        "name": name,
        "status": status,
        "error": error,
        "error_cell": error_cell,
        "duration_s": round(duration, 2),
        "cells_done": cells_done,
        "cells_total": cells_total,
        "html": page_name,
        "ipynb": f"{NOTEBOOKS_DIR}/{name}.ipynb" if out_nb.is_file() else None,
        "tables": tables,
        "headlines": _headlines(run_dir, name),
        "headline_chart": chart,
        "log": f"{LOGS_DIR}/{name}.log" if log.is_file() and log.stat().st_size else None,
        "external_refs": refs,
    }
