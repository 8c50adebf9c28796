"""The report's ``index.html``: what ran, on what, with what, and what came out.

Built from the run record (``run.json``, see :mod:`analysis.report.command`): run status and
parameters, the corpus fingerprint (hash, documents, outlets, date range), package
versions and git commit, and per notebook its status, duration, links (HTML page,
executed notebook, derived tables, kernel log) and headline figures. The page opens on the
findings: each notebook's headline figures in words beside one small chart (the notebook's
cell tagged ``headline-chart``, drawn static with the run's own ``assets/plotly.min.js``),
with the run record below. Every value is escaped (outlet names and headline figures come
from article data; figure JSON has ``<``, ``>`` and ``&`` escaped inside its script), and a
Content-Security-Policy forbids loading anything from elsewhere.
"""

from __future__ import annotations

import html
import json
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

VERSIONS = (
    "newscov-analysis",
    "pandas",
    "numpy",
    "pyarrow",
    "plotly",
    "itables",
    "nltk",
    "vaderSentiment",
    "networkx",
    "rapidfuzz",
    "dateparser",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "PyYAML",
)
CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' file:; style-src 'unsafe-inline'; img-src data:; "
    "connect-src 'none'; base-uri 'none'; form-action 'none'"
)
PLOTLY_ASSET = "assets/plotly.min.js"
# Trace keys a static thumbnail never shows (no hover): dropped to keep the index small.
HOVER_ONLY = frozenset({"customdata", "hovertext", "hovertemplate", "hoverinfo", "hoverlabel", "meta", "ids"})
CHART_HEIGHT = 300  # px: the small chart beside each notebook's findings
STYLE = """
body{font:15px/1.45 Helvetica,Arial,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
h1{margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0} td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4} .ok{color:#17612e;font-weight:bold} .failed{color:#b00020;font-weight:bold}
.num{text-align:right;font-variant-numeric:tabular-nums} code,pre{font-family:Menlo,Consolas,monospace;font-size:13px}
pre{white-space:pre-wrap;background:#fff4f4;padding:6px;margin:4px 0} .muted{color:#666}
ul.tables{margin:0;padding-left:1.1em}
.finding{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:1em;align-items:start;
 border-bottom:1px solid #eee;padding:.6em 0} .finding h3{margin:.2em 0}
.finding .chart{border:1px solid #eee} @media (max-width:800px){.finding{grid-template-columns:1fr}}
"""


def versions() -> dict[str, str]:
    """Python, platform and the key package versions."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version(), "platform": platform.platform(terse=True)}
    for dist in VERSIONS:
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "not installed"
    return out


def git_state(root: Path) -> dict[str, Any]:
    """The project's git commit and whether tracked files have uncommitted changes.

    Parameters
    ----------
    root: the project folder.
    """

    def git(*cmd: str) -> str | None:
        try:
            res = subprocess.run(["git", "-C", str(root), *cmd], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return res.stdout.strip() if res.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    dirty = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": bool(dirty)}


def esc(value) -> str:
    """Any value as escaped HTML text."""
    return html.escape("" if value is None else str(value), quote=True)


def href(path: str) -> str:
    """A relative link target, URL-quoted and attribute-escaped."""
    return esc(quote(path, safe="/"))


def link(path: str | None, text: str) -> str:
    """An ``<a>`` to a relative path (or the plain text when there is no path)."""
    return f'<a href="{href(path)}">{esc(text)}</a>' if path else esc(text)


def _rows(pairs) -> str:
    return "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in pairs)


def _value(value) -> str:
    if isinstance(value, (list, dict)):
        return f"<code>{esc(json.dumps(value, ensure_ascii=False))}</code>"
    return f"<code>{esc(value)}</code>"


def notebooks_table(notebooks: list[dict]) -> str:
    """Per-notebook status, duration, cells, and links."""
    head = (
        "<tr><th>notebook</th><th>status</th><th>duration</th><th>cells run</th>"
        "<th>executed notebook</th><th>derived tables</th></tr>"
    )
    body = []
    for nb in notebooks:
        status = nb["status"]
        tables = "".join(f"<li>{link(t, t.split('/', 1)[-1])}</li>" for t in nb.get("tables", []))
        error = ""
        if nb.get("error"):
            where = f" (cell [{nb['error_cell']}])" if nb.get("error_cell") else ""
            log = f" · {link(nb.get('log'), 'kernel log')}" if nb.get("log") else ""
            error = f"<tr><td colspan='6'><pre>{esc(nb['error'])}{esc(where)}</pre>{log}</td></tr>"
        body.append(
            f"<tr><td>{link(nb.get('html'), nb['name'])}</td><td class='{esc(status)}'>{esc(status)}</td>"
            f"<td class='num'>{nb.get('duration_s', 0):.1f} s</td>"
            f"<td class='num'>{esc(nb.get('cells_done', 0))}/{esc(nb.get('cells_total', 0))}</td>"
            f"<td>{link(nb.get('ipynb'), 'ipynb')}</td>"
            f"<td>{'<ul class=tables>' + tables + '</ul>' if tables else '<span class=muted>none</span>'}</td></tr>"
            + error
        )
    return f"<table>{head}{''.join(body)}</table>"


def _small_figure(fig: dict) -> dict:
    """A notebook figure made small for the index: short title, no subtitle, legend or range widgets."""
    layout = dict(fig.get("layout") or {})
    title = dict(layout.get("title") or {})
    title.pop("subtitle", None)
    title["font"] = {"size": 13}
    for key in list(layout):
        if key.startswith(("xaxis", "yaxis")):
            axis = {k: v for k, v in layout[key].items() if k not in ("rangeslider", "rangeselector", "title")}
            layout[key] = axis
    ticks = max((len(v.get("ticktext") or []) for k, v in layout.items() if k.startswith("yaxis")), default=0)
    layout.update(
        title=title,
        height=max(CHART_HEIGHT, 80 + 22 * ticks),
        showlegend=False,
        updatemenus=[],
        margin={"t": 40, "l": 50, "r": 10, "b": 30},
    )
    layout.pop("width", None)
    data = [{k: v for k, v in trace.items() if k not in _hover_only(trace)} for trace in fig.get("data") or []]
    return {"data": data, "layout": layout}


def _hover_only(trace: dict) -> frozenset[str]:
    """The keys of a plotly trace that only feed hover boxes (``text`` too on markers or lines without text)."""
    drawn_text = trace.get("type", "scatter") != "scatter" or "text" in str(trace.get("mode", "text"))
    return HOVER_ONLY if drawn_text else HOVER_ONLY | {"text"}


def _script_json(value) -> str:
    """JSON safe inside a ``<script>``: ``<``, ``>`` and ``&`` escaped as unicode."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def findings_section(notebooks: list[dict], run_dir: Path | None) -> tuple[str, bool]:
    """Each notebook's headline figures in words, beside the one chart carrying them (linking to the page).

    Returns the HTML and whether any chart is drawn (then the page loads plotly.js).
    """
    parts, any_chart = [], False
    for i, nb in enumerate(notebooks):
        items = "".join(
            f"<li>{esc(h.get('label'))}: <strong>{esc(h.get('value'))}</strong>"
            + (f" <span class='muted'>({esc(h.get('note'))})</span>" if h.get("note") else "")
            + "</li>"
            for h in nb.get("headlines", [])
        )
        words = f"<ul>{items}</ul>" if items else "<p class='muted'>No headline figures.</p>"
        if nb.get("status") != "ok":
            words += f"<p class='failed'>failed: {esc(nb.get('error'))}</p>"
        chart = ""
        path = run_dir / nb["headline_chart"] if run_dir is not None and nb.get("headline_chart") else None
        figure = json.loads(path.read_text(encoding="utf-8")) if path is not None and path.is_file() else None
        if figure is not None and not figure.get("data"):  # a stand-in saying why nothing is drawn: in words
            notes = " ".join(html.unescape(a.get("text", "")) for a in figure.get("layout", {}).get("annotations", []))
            chart = f"<div><p class='muted'>{esc(notes)}</p>{link(nb.get('html'), 'open the full page')}</div>"
        elif figure is not None:
            any_chart = True
            fig = _small_figure(figure)
            div = f"chart-{i}"
            chart = (
                f"<div><div class='chart' id='{div}'></div>{link(nb.get('html'), 'open the full page with every chart')}"
                f"<script>Plotly.newPlot('{div}', {_script_json(fig['data'])}, {_script_json(fig['layout'])}, "
                "{staticPlot: true, responsive: true});</script></div>"
            )
        parts.append(f"<div class='finding'><div><h3>{link(nb.get('html'), nb['name'])}</h3>{words}</div>{chart}</div>")
    return "".join(parts) or "<p class='muted'>No notebooks ran.</p>", any_chart


def corpus_section(corpus: dict) -> str:
    """The corpus fingerprint: hash, documents, outlets, date range."""
    span = f"{corpus.get('date_from')} to {corpus.get('date_to')}" if corpus.get("date_from") else "no dated documents"
    outlets = " · ".join(corpus.get("outlets", []))
    return (
        "<table>"
        + _rows(
            [
                ("source", f"<code>{esc(corpus.get('path'))}</code>"),
                ("fingerprint", f"<code>{esc(corpus.get('fingerprint'))}</code>"),
                ("documents", esc(corpus.get("documents"))),
                ("selected by the parameters", esc(corpus.get("selected_documents"))),
                ("outlets", f"{esc(len(corpus.get('outlets', [])))}: {esc(outlets)}"),
                ("publication dates", esc(span)),
                ("undated documents", esc(corpus.get("undated"))),
            ]
        )
        + "</table>"
    )


def render(run: dict, run_dir: Path | None = None) -> str:
    """The whole ``index.html`` for a run record: the findings first, then the run record.

    Parameters
    ----------
    run_dir: the run folder (the notebooks' headline charts are read from it; None: no charts).
    run: the run record (``run.json``): run_id, status, started, duration_s, command,
        parameters, corpus, versions, git, jobs, hide_code, notebooks.
    """
    status = run["status"]
    failed = [nb["name"] for nb in run["notebooks"] if nb["status"] != "ok"]
    n = len(run["notebooks"])
    summary = (
        ("the notebook ran" if n == 1 else f"all {n} notebooks ran")
        if not failed
        else f"{len(failed)} of {len(run['notebooks'])} notebooks failed: {', '.join(failed)}"
    )
    params = run.get("parameters") or {}
    param_rows = (
        _rows((k, _value(v)) for k, v in sorted(params.items()))
        or "<tr><td class='muted'>none: every notebook ran with its defaults</td></tr>"
    )
    git = run.get("git") or {}
    commit = git.get("commit") or "unknown (not a git checkout)"
    software = _rows(
        [
            (
                "git commit",
                f"<code>{esc(commit)}</code>"
                + (" <span class='failed'>with uncommitted changes</span>" if git.get("dirty") else ""),
            )
        ]
        + [(k, f"<code>{esc(v)}</code>") for k, v in (run.get("versions") or {}).items()]
    )
    findings, charts = findings_section(run["notebooks"], run_dir)
    plotlyjs = f'<script src="{PLOTLY_ASSET}"></script>' if charts else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>News coverage report {esc(run["run_id"])}</title><style>{STYLE}</style>{plotlyjs}</head>
<body>
<h1>News coverage report</h1>
<p>Run <code>{esc(run["run_id"])}</code> · started {esc(run.get("started"))} · {esc(run.get("duration_s"))} s ·
<span class="{esc(status)}">{esc(status.upper())}</span>: {esc(summary)}</p>
<h2>Findings</h2>
<p class="muted">Each notebook's headline figures, with the chart that carries them; the full pages have every
chart and table, with the sentences behind each number.</p>
{findings}
<h2>Run record</h2>
<h3>Notebooks</h3>
{notebooks_table(run["notebooks"])}
<h3>Run parameters</h3>
<table>{param_rows}</table>
<p class="muted">Command: <code>{esc(run.get("command"))}</code> · {esc(run.get("jobs"))} parallel job(s)
· code {"hidden" if run.get("hide_code") else "shown"}</p>
<h3>Corpus</h3>
{corpus_section(run.get("corpus") or {})}
<h3>Software</h3>
<table>{software}</table>
<p class="muted">Machine-readable: {link("run.json", "run.json")}</p>
</body></html>
"""
