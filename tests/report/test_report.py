"""The report runner: parameters, failure isolation, atomic ``latest``, determinism, HTML.

Runs go through ``python -m analysis report`` in a subprocess with a session cache
(``NEWSCOV_CACHE``). Most use ``--only`` or small notebooks written here; the browser
tests run every notebook (seeds and a hostile corpus) in real headless Chromium.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest
from conftest import ROOT

from analysis.report import command as report
from analysis.report import params as rp

NOTEBOOKS = ROOT / "notebooks"
OVERVIEW = NOTEBOOKS / "00_overview.ipynb"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HANG_GUARD_S = 600  # only against a hang: tests wait on events, never on a busy machine being quick
LOCAL = ("file:", "data:", "blob:", "about:")
PAYLOADS = {
    "script": '<script>window.__pwned=(window.__pwned||0)+1;alert("xss-script")</script>',
    "img": "<img src=x onerror=\"window.__pwned=1;alert('xss-img')\">",
    "svg": "<svg onload=\"window.__pwned=1;alert('xss-svg')\">",
    "iframe": "<iframe src=\"javascript:alert('xss-iframe')\"></iframe>",
    "md": "[click me](javascript:alert('xss-md'))",
}
FORMULA_OUTLET = '=HYPERLINK("http://example.invalid","NBC\u2028News\u0085")'
INJECTED = "[onerror], [onload], iframe, img[src='x'], a[href^='javascript:' i], svg[onload]"


# --- helpers -------------------------------------------------------------------------------


def make_notebook(path: Path, params: str, *cells: str) -> Path:
    """A notebook with a tagged parameters cell and code cells (for runner tests)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}"), p] + [nbformat.v4.new_code_cell(c) for c in cells]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    nbformat.write(nb, path)
    return path


def run_report(*args: str, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    """``python -m analysis report ARGS`` in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", "report", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_dirs(out: Path) -> list[Path]:
    return sorted(p for p in (out / "runs").iterdir() if p.is_dir())


def latest(out: Path) -> Path:
    link = out / "latest"
    assert link.is_symlink(), f"{link} is not a symlink"
    return link.resolve()


def stable_files(run_dir: Path, notebook: str) -> dict[str, bytes]:
    """A notebook's outputs that must not change between runs."""
    files = [
        run_dir / f"{notebook}.html",
        run_dir / "notebooks" / f"{notebook}.ipynb",
        run_dir / "headlines" / f"{notebook}.jsonl",
        *sorted((run_dir / "tables").glob(f"{notebook}__*.csv")),
    ]
    return {f.relative_to(run_dir).as_posix(): f.read_bytes() for f in files if f.is_file()}


class Links(HTMLParser):
    """Collects href/src attributes."""

    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value:
                self.targets.append(value)


def local_links(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [t for t in parser.targets if not urlparse(t).scheme and not t.startswith("#")]


def write_hostile_csv(path: Path) -> Path:
    """Five articles whose titles, outlets, bodies and quotes carry script payloads, and one
    whose outlet is a spreadsheet formula holding U+2028 and U+0085."""
    rows = []
    for i, (kind, p) in enumerate(PAYLOADS.items()):
        body = (
            f"{p} The Pentagon gave Anthropic a deadline on Tuesday, officials said.\n\n"
            f'"We will not cross that line {p}," said Dario Amodei, the chief executive of Anthropic.\n\n'
            f"Defense Secretary Pete Hegseth said on Friday that {p} the department would act. "
            f'"{p} is not how this works," a Pentagon spokesperson told reporters.\n\n'
            f"The dispute over {p} continued as OpenAI and xAI signed deals with the Pentagon."
        )
        rows.append(
            {
                "doc_id": f"hostile-{i}",
                "outlet": f"Outlet {kind} {p}",
                "published": "" if i == 4 else f"2026-02-2{i + 1}",
                "title": f"Title {kind} {p}",
                "text": body,
            }
        )
    rows.append(  # a formula for spreadsheets, and line separators that str.splitlines splits on
        {
            "doc_id": "hostile-lines",
            "outlet": FORMULA_OUTLET,
            "published": "2026-02-26",
            "title": "Title with\u2028a line separator",
            "text": rows[0]["text"].replace(PAYLOADS[next(iter(PAYLOADS))], "Plain words."),
        }
    )
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def processes_for(run_dir_name: str) -> list[int]:
    """Live kernels whose environment names this run folder (Linux /proc; [] elsewhere)."""
    pids = []
    if not Path("/proc").is_dir():
        return pids
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if run_dir_name.encode() in environ and b"NEWSCOV_OUTPUT_DIR" in environ:
            pids.append(int(proc.name))
    return pids


def wait_until_gone(run_dir_name: str) -> list[int]:
    """Poll until no process works for the run (the event), within a generous hang guard."""
    deadline = time.monotonic() + HANG_GUARD_S
    while processes_for(run_dir_name) and time.monotonic() < deadline:
        time.sleep(0.2)
    return processes_for(run_dir_name)


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    """Environment for report subprocesses: a private annotation cache."""
    e = dict(os.environ)
    e["NEWSCOV_CACHE"] = str(tmp_path_factory.mktemp("report-cache"))
    e.pop("NEWSCOV_OUTPUT_DIR", None)
    e.pop("NEWSCOV_NOTEBOOK", None)
    return e


@pytest.fixture(scope="module")
def small_notebooks(tmp_path_factory) -> Path:
    """A notebooks folder: a typed-parameters echo, a failing one and a slow one."""
    folder = tmp_path_factory.mktemp("notebooks")
    shutil.copy(OVERVIEW, folder / OVERVIEW.name)
    make_notebook(
        folder / "50_types.ipynb",
        "corpus_path: str | None = None\noutlets: list[str] | None = None\n"
        "date_from: str | None = None\ntop_n: int = 5\nlabel: str = 'x'",
        "import analysis\nanalysis.display.headline('types', f'{type(outlets).__name__}:{outlets!r}|'"
        "f'{type(date_from).__name__}:{date_from}|{type(top_n).__name__}:{top_n}|{type(label).__name__}:{label}')",
    )
    make_notebook(
        folder / "90_fail.ipynb",
        "corpus_path: str | None = None",
        "print('before the failure')",
        "raise RuntimeError('deliberate failure for the test')",
        "print('never reached')",
    )
    make_notebook(folder / "95_sleep.ipynb", "corpus_path: str | None = None", "import time\ntime.sleep(120)")
    return folder


class Run:
    """A finished report run: its folder, exit code and output."""

    def __init__(self, out: Path, res: subprocess.CompletedProcess):
        self.out, self.res = out, res
        self.dir = run_dirs(out)[-1]  # the newest run, published or not
        self.record = json.loads((self.dir / "run.json").read_text())
        self.notebooks = [nb["name"] for nb in self.record["notebooks"]]

    def failures(self) -> str:
        return "; ".join(f"{nb['name']}: {nb['error']}" for nb in self.record["notebooks"] if nb["status"] != "ok")


@pytest.fixture(scope="module")
def seed_run(env, tmp_path_factory) -> Run:
    """Every notebook on the seed corpus (what ``make report`` publishes)."""
    out = tmp_path_factory.mktemp("seed-report")
    return Run(out, run_report("--out", str(out), env=env))


@pytest.fixture(scope="module")
def hostile_run(env, tmp_path_factory) -> Run:
    """Every notebook on a corpus full of script payloads, code hidden."""
    folder = tmp_path_factory.mktemp("hostile")
    corpus = write_hostile_csv(folder / "hostile.csv")
    return Run(
        folder / "out", run_report("--out", str(folder / "out"), "--corpus", str(corpus), "--hide-code", env=env)
    )


# --- parameters (no notebook runs) -------------------------------------------------------


def test_declared_reads_the_parameters_cell():
    params = rp.declared(OVERVIEW)
    assert list(params)[:5] == ["corpus_path", "actors_file", "outlets", "date_from", "date_to"]
    assert params["outlets"].annotation == "list[str] | None"
    assert params["corpus_path"].default is None


def test_unknown_parameter_exits_2(capsys):
    assert report.main(["--only", "00_overview", "-p", "no_such_param=3"]) == 2
    err = capsys.readouterr().err
    assert "unknown parameter(s) no_such_param" in err and "outlets" in err


def test_wrong_type_exits_2(capsys):
    assert report.main(["--only", "00_overview", "-p", "outlets=5"]) == 2
    assert "outlets expects list[str] | None, got int 5" in capsys.readouterr().err


def test_bad_date_exits_2(capsys):
    assert report.main(["--only", "00_overview", "-p", "date_from=yesterday"]) == 2
    assert "date_from expects an ISO date" in capsys.readouterr().err


def test_scalar_for_a_list_hints_the_list_syntax(capsys):
    assert report.main(["--only", "00_overview", "-p", "outlets=NPR"]) == 2
    assert "-p outlets='[NPR]'" in capsys.readouterr().err


def test_unknown_notebook_and_missing_corpus_exit_2(capsys):
    assert report.main(["--only", "77_nothing"]) == 2
    assert report.main(["--only", "00_overview", "--corpus", "/no/such/corpus.csv"]) == 2
    err = capsys.readouterr().err
    assert "--only 77_nothing: no such notebook" in err and "corpus_path: no such file or folder" in err


def test_lists_and_dates_arrive_typed(tmp_path):
    decl = {"00_overview": rp.declared(OVERVIEW)}
    given = rp.parse_assignments(["outlets=[NPR, Reuters]", "date_from=2026-02-24"])
    assert rp.resolve(decl, given) == {"00_overview": {"outlets": ["NPR", "Reuters"], "date_from": "2026-02-24"}}
    params_file = tmp_path / "p.yaml"
    params_file.write_text("outlets:\n  - NBC News\ndate_to: 2026-02-26\n")
    from_file = {k: (v, None) for k, v in rp.read_params_file(params_file).items()}
    assert rp.resolve(decl, from_file) == {"00_overview": {"outlets": ["NBC News"], "date_to": "2026-02-26"}}


def test_parameter_applies_to_every_notebook_declaring_it(small_notebooks):
    args = report.build_parser().parse_args(["-p", "top_n=3", "-p", "corpus_path=data/corpus"])
    every = report.discover(small_notebooks)
    per_nb, merged, _ = report.resolve_parameters(args, every, every)
    assert per_nb["50_types"]["top_n"] == 3 and "top_n" not in per_nb["00_overview"]
    assert all(per_nb[n]["corpus_path"] == str(ROOT / "data" / "corpus") for n in per_nb)
    assert merged["top_n"] == 3


def test_html_export_is_offline_and_neutralises_raw_html_outputs():
    """Markdown / pandas Styler outputs (which would run article HTML) are cleaned in the page."""
    import pandas as pd

    from analysis.report import notebook as rn

    title = "<img src=x onerror=alert(1)> [x](javascript:alert(2))"
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(Markdown(title))")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/markdown": title, "text/plain": "md"}),
        nbformat.v4.new_output(
            "display_data", data={"text/html": pd.DataFrame({"t": [title]}).style.to_html(), "text/plain": "styler"}
        ),
    ]
    nb.cells = [cell]
    page = rn.export_html(nb, "00_probe", "ok", hide_code=False)
    assert not re.search(r"<[^>]*\bonerror\s*=", page), "an onerror attribute reached the page"
    assert not re.search(r"<img\b", page) and 'href="javascript:' not in page
    assert rn.external_refs(page) == [] and "cdnjs" not in page and "require.min.js" not in page
    assert "Content-Security-Policy" in page


# --- runs -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published(env, small_notebooks, tmp_path_factory) -> Path:
    """A report folder with one good run of the typed-parameters notebook as ``latest``."""
    out = tmp_path_factory.mktemp("published") / "reports"
    res = run_report(
        "--out",
        str(out),
        "--notebooks",
        str(small_notebooks),
        "--only",
        "50_types",
        "-p",
        "outlets=[NPR, Reuters]",
        "-p",
        "date_from=2026-02-24",
        "-p",
        "top_n=3",
        "-p",
        "label=2026",
        env=env,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    return out


def copy_of(out: Path, tmp_path: Path) -> Path:
    """A private copy of a report folder (the relative ``latest`` link still works)."""
    dest = tmp_path / "reports"
    shutil.copytree(out, dest, symlinks=True)
    return dest


@pytest.mark.slow
def test_typed_parameters_reach_the_notebook(published):
    headline = json.loads((latest(published) / "headlines" / "50_types.jsonl").read_text())["value"]
    assert headline == "list:['NPR', 'Reuters']|str:2026-02-24|int:3|str:2026"
    injected = (latest(published) / "notebooks" / "50_types.ipynb").read_text()
    assert 'outlets = [\\"NPR\\", \\"Reuters\\"]' in injected


@pytest.mark.slow
def test_failing_notebook_is_isolated_and_latest_kept(env, small_notebooks, published, tmp_path):
    out = copy_of(published, tmp_path)
    first = latest(out)
    bad = run_report("--out", str(out), "--notebooks", str(small_notebooks), "--only", "50_types", "90_fail", env=env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert latest(out) == first, "a failed run replaced latest"
    failed_run = [p for p in run_dirs(out) if p != first][0]
    assert not failed_run.name.endswith(".partial")
    page = (failed_run / "90_fail.html").read_text()
    assert "RuntimeError" in page and "deliberate failure for the test" in page
    assert "An Exception was encountered" in page
    run = json.loads((failed_run / "run.json").read_text())
    status = {nb["name"]: nb["status"] for nb in run["notebooks"]}
    assert status == {"50_types": "ok", "90_fail": "failed"} and run["status"] == "failed"
    index = (failed_run / "index.html").read_text()
    assert "RuntimeError: deliberate failure for the test" in index
    assert "1 of 2 notebooks failed: 90_fail" in index
    assert (failed_run / "50_types.html").is_file()
    assert "90_fail" in bad.stdout and "FAILED" in bad.stdout


def _default_sigint() -> None:
    """In the child before ``exec``: SIGINT back to its default action."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(env, notebooks: Path, out: Path, sig: int) -> tuple[subprocess.Popen, str, Path]:
    """Start a run of the slow notebook, wait until it is executing, then send ``sig``.

    The runner starts with Ctrl-C's default action, as in a terminal's foreground, even when this
    suite itself runs with SIGINT ignored (a background job of a shell without job control): an
    ignored SIGINT is inherited, and Python then never turns it into ``KeyboardInterrupt``.
    """
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis",
            "report",
            "--out",
            str(out),
            "--notebooks",
            str(notebooks),
            "--only",
            "95_sleep",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )
    seen = ""
    deadline = time.monotonic() + HANG_GUARD_S
    while "95_sleep" not in seen or "started" not in seen:
        line = proc.stderr.readline()
        assert line and time.monotonic() < deadline, f"run never started: {seen}"
        seen += line
    time.sleep(1.0)  # the kernel is now inside time.sleep
    partial = [p for p in run_dirs(out) if p.name.endswith(".partial")]
    assert len(partial) == 1
    proc.send_signal(sig)
    _, rest = proc.communicate(timeout=HANG_GUARD_S)  # returns when the runner has exited (the event)
    return proc, seen + rest, partial[0]


@pytest.mark.slow
def test_interrupted_run_leaves_latest_alone(env, small_notebooks, published, tmp_path):
    out = copy_of(published, tmp_path)
    before = latest(out)
    proc, err, partial = _interrupt(env, small_notebooks, out, signal.SIGINT)
    assert proc.returncode == 130
    assert latest(out) == before
    assert partial.with_name(partial.name.replace(".partial", ".interrupted")).is_dir()
    assert "interrupted; latest unchanged" in err
    assert wait_until_gone(partial.name.removesuffix(".partial")) == [], "kernel left running"


@pytest.mark.slow
def test_killed_run_leaves_latest_alone(env, small_notebooks, published, tmp_path):
    out = copy_of(published, tmp_path)
    before = latest(out)
    proc, _, partial = _interrupt(env, small_notebooks, out, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert latest(out) == before and partial.is_dir() and not (partial / "index.html").exists()
    assert wait_until_gone(partial.name) == [], "kernel outlived the killed runner"
    assert report.prune(out, keep=5) == [partial]  # the next good run clears the abandoned folder
    assert latest(out) == before


@pytest.mark.slow
def test_every_notebook_runs_on_the_seeds_and_publishes(seed_run):
    assert seed_run.res.returncode == 0, f"failed on the seeds: {seed_run.failures()}"
    assert latest(seed_run.out) == seed_run.dir
    assert seed_run.notebooks == sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.slow
def test_every_notebook_runs_on_a_hostile_corpus(hostile_run):
    assert hostile_run.res.returncode == 0, f"failed on the hostile corpus: {hostile_run.failures()}"


@pytest.mark.slow
def test_hostile_tables_are_spreadsheet_safe(hostile_run):
    cells = []
    for table in sorted((hostile_run.dir / "tables").glob("*.csv")):
        with open(table, newline="", encoding="utf-8") as fh:
            cells += [cell for row in csv.reader(fh) for cell in row]
    assert "'" + FORMULA_OUTLET in cells, "the formula outlet never reached a table"
    assert [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r")) and not is_number(c)] == []


def is_number(cell: str) -> bool:
    """A number (``-0.25``) starts with ``-`` but a spreadsheet reads it as a number, not a formula."""
    try:
        float(cell)
        return True
    except ValueError:
        return False


@pytest.mark.slow
def test_two_runs_are_identical(env, seed_run, tmp_path):
    again = tmp_path / "again"
    res = run_report("--out", str(again), "--only", "00_overview", env=env)
    assert res.returncode == 0, res.stderr
    first, second = stable_files(seed_run.dir, "00_overview"), stable_files(latest(again), "00_overview")
    assert "tables/00_overview__outlets.csv" in first and "00_overview.html" in first
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], f"{name} differs between two runs"
    page = first["00_overview.html"].decode()
    assert 'id="00_overview-fig-1"' in page
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", page)
    assert b'"start_time"' not in first["notebooks/00_overview.ipynb"]


@pytest.mark.slow
def test_index_links_resolve(seed_run):
    run_dir, notebooks = seed_run.dir, seed_run.notebooks
    index = run_dir / "index.html"
    links = local_links(index)
    for name in notebooks:
        assert f"{name}.html" in links and f"notebooks/{name}.ipynb" in links
    assert "00_overview" in notebooks
    assert "tables/00_overview__outlets.csv" in links
    for page in [index] + [run_dir / f"{n}.html" for n in notebooks]:
        for target in local_links(page):
            assert (run_dir / unquote(target)).is_file(), f"{page.name}: broken link {target}"
    run = seed_run.record
    assert run["corpus"]["documents"] == 5 and len(run["corpus"]["fingerprint"]) == 16
    assert all(not nb["external_refs"] for nb in run["notebooks"])
    assert run["versions"]["papermill"] and "commit" in run["git"]


# --- browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Debian Chromium (playwright), fresh profile, non-file requests aborted."""
    chromium = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if not chromium:
        msg = "no Chromium at /usr/bin/chromium (apt-get install chromium) or playwright missing"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{msg}; CI must run the browser tests")
        pytest.skip(f"{msg}; browser tests skipped outside CI")
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
        )
        ctx.route("**/*", route)
        yield Browser(ctx, blocked)
        ctx.close()


class Browser:
    """A browser context and the network requests it blocked."""

    def __init__(self, ctx, blocked: list[str]):
        self.ctx, self.blocked = ctx, blocked


def visit(browser: Browser, path: Path) -> dict:
    """Open a report page; returns what it did (requests, errors, dialogs, injections, charts)."""
    page = browser.ctx.new_page()
    seen = {"requests": [], "console_errors": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["console_errors"].append(m.text))
    page.on("pageerror", lambda e: seen["console_errors"].append(f"uncaught: {e}"))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    charts = "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('svg.main-svg'))"
    tables = "() => [...document.querySelectorAll('table[id^=itables_]')].every(t => t.classList.contains('dataTable'))"
    try:
        page.wait_for_function(f"() => ({charts})() && ({tables})()", timeout=20000)
    except Exception:  # noqa: BLE001 - reported through the counts below
        pass
    page.wait_for_timeout(300)
    seen.update(
        page.evaluate(f"""() => ({{
        plots: document.querySelectorAll('.plotly-graph-div').length,
        drawn: [...document.querySelectorAll('.plotly-graph-div')].filter(d => d.querySelector('svg.main-svg')).length,
        tables: document.querySelectorAll('table[id^=itables_]').length,
        tables_drawn: document.querySelectorAll('table[id^=itables_].dataTable').length,
        pwned: window.__pwned === undefined ? 0 : window.__pwned,
        injected: [...document.querySelectorAll("{INJECTED}")].map(e => e.outerHTML.slice(0, 120)),
        text: document.body.innerText,
        links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    }})""")
    )
    page.close()
    return seen


def assert_clean(path: Path, seen: dict) -> None:
    where = path.name
    assert all(u.startswith(LOCAL) for u in seen["requests"]), f"{where} requested {seen['requests']}"
    assert seen["console_errors"] == [], f"{where}: console errors {seen['console_errors']}"
    assert seen["dialogs"] == [] and seen["pwned"] == 0, f"{where}: script ran {seen['dialogs']}"
    assert seen["injected"] == [], f"{where}: injected elements {seen['injected']}"
    assert seen["drawn"] == seen["plots"], f"{where}: {seen['plots'] - seen['drawn']} chart(s) not drawn"
    assert seen["tables_drawn"] == seen["tables"], f"{where}: table(s) not drawn"


@pytest.mark.slow
@pytest.mark.browser
def test_seed_report_renders_offline(browser, seed_run):
    run_dir = seed_run.dir
    index = visit(browser, run_dir / "index.html")
    assert_clean(run_dir / "index.html", index)
    pages = sorted(run_dir.glob("[0-9][0-9]_*.html"))
    assert [p.stem for p in pages] == seed_run.notebooks
    for link in index["links"]:
        assert link.startswith("file:"), link
        assert Path(unquote(urlparse(link).path)).is_file(), f"index link does not resolve: {link}"
    total = 0
    for page in pages:
        seen = visit(browser, page)
        assert_clean(page, seen)
        total += seen["plots"]
    assert total >= 3, "the seed report should contain charts"
    assert browser.blocked == [], f"network requests were attempted: {browser.blocked}"


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_corpus_runs_nothing(browser, hostile_run):
    run_dir = hostile_run.dir
    pages = [run_dir / "index.html"] + sorted(run_dir.glob("[0-9][0-9]_*.html"))
    texts = {}
    for page in pages:
        seen = visit(browser, page)
        assert_clean(page, seen)
        texts[page.name] = seen["text"]
    for kind, payload in PAYLOADS.items():  # shown literally: as text, not as markup
        assert f"Outlet {kind} {payload}" in texts["00_overview.html"], f"{kind} payload not shown literally"
        assert f"Title {kind} {payload}" in texts["00_overview.html"]
        assert f"Outlet {kind} {payload}" in texts["index.html"]
    assert "analysis.load_corpus" not in texts["00_overview.html"], "--hide-code left code in the page"
    assert browser.blocked == []


@pytest.mark.slow
@pytest.mark.browser
def test_browser_check_catches_unescaped_html(browser, env, tmp_path):
    """The detector itself: a notebook that shows a title through IPython HTML must be caught."""
    folder = tmp_path / "nb"
    folder.mkdir()
    make_notebook(
        folder / "00_unsafe.ipynb",
        "corpus_path: str | None = None",
        "import analysis\nfrom IPython.display import HTML, display\n"
        "docs = analysis.load_corpus(corpus_path).documents\n"
        "display(HTML(docs['title'].iloc[1]))",
    )  # the <img onerror> title: the bug we test for
    corpus = write_hostile_csv(tmp_path / "hostile.csv")
    res = run_report("--out", str(tmp_path / "out"), "--notebooks", str(folder), "--corpus", str(corpus), env=env)
    assert res.returncode == 0, res.stderr
    seen = visit(browser, latest(tmp_path / "out") / "00_unsafe.html")
    assert seen["dialogs"] or seen["pwned"] or seen["injected"], "the browser check missed an injected <img>"


# --- readability at scale -------------------------------------------------------------------

MAX_PLOT_PX = 1900  # a plot area no taller than about two screens
VIEWPORTS = ({"width": 1400, "height": 1000}, {"width": 900, "height": 1000})
# Every text that must not sit on another: ticks, legend entries, annotations (facet titles,
# notes), titles and subtitles. Text on data points (bar and dot labels) is left out.
READABILITY_JS = """() => {
  const boxes = (root, sel) => [...root.querySelectorAll(sel)].map(e => [e, e.getBoundingClientRect()])
      .filter(([e, r]) => r.width > 0 && r.height > 0 && (e.textContent || '').trim());
  const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2
      && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  return [...document.querySelectorAll('.plotly-graph-div')].map(div => {
    const name = (div.querySelector('.gtitle') || {}).textContent || div.id;
    const texts = boxes(div, '.xtick text, .ytick text, .legendtext, .annotation-text, .gtitle, .g-xtitle text, '
        + '.g-ytitle text, .g-x2title text, .g-y2title text');
    const overlaps = [];
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const [a, ra] = texts[i], [b, rb] = texts[j];
      if (a.contains(b) || b.contains(a)) continue;
      if (hit(ra, rb)) overlaps.push(a.textContent.slice(0, 40) + ' | ' + b.textContent.slice(0, 40));
    }
    const areas = [...div.querySelectorAll('.nsewdrag')].map(e => e.getBoundingClientRect());
    const top = areas.length ? Math.min(...areas.map(r => r.top)) : 0;
    const bottom = areas.length ? Math.max(...areas.map(r => r.bottom)) : 0;
    const marks = [...div.querySelectorAll('.point, .js-line, .heatmaplayer image, .bars path, .boxlayer path')]
        .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 || r.height > 0);
    const inside = marks.filter(m => areas.some(a => m.right >= a.left && m.left <= a.right
        && m.bottom >= a.top && m.top <= a.bottom)).length;
    const empty = !!div.querySelector('.annotation-text') && !marks.length;
    return {name, overlaps, plot_height: bottom - top, marks: marks.length, inside, empty};
  });
}"""


def readability_problems(browser: Browser, page: Path, viewport: dict) -> list[str]:
    """What makes a page's charts unreadable at ``viewport``: overlapping labels, tall plots, data out of view."""
    tab = browser.ctx.new_page()
    tab.set_viewport_size(viewport)
    tab.goto(page.as_uri(), wait_until="load")
    tab.wait_for_function(
        "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('svg.main-svg'))",
        timeout=30000,
    )
    tab.wait_for_timeout(300)
    charts = tab.evaluate(READABILITY_JS)
    tab.close()
    where = f"{page.name} at {viewport['width']}px"
    problems = []
    for c in charts:
        if c["overlaps"]:
            problems.append(
                f"{where}, {c['name']!r}: {len(c['overlaps'])} overlapping labels, e.g. {c['overlaps'][:3]}"
            )
        if c["plot_height"] > MAX_PLOT_PX:
            problems.append(f"{where}, {c['name']!r}: plot area {c['plot_height']:.0f} px tall")
        if not c["empty"] and c["marks"] and not c["inside"]:
            problems.append(f"{where}, {c['name']!r}: no data in the initial view")
    return problems


@pytest.fixture(scope="module")
def year_run(env, tmp_path_factory) -> Run:
    """Every notebook on 1,000 invented articles from 7 outlets over 12 months (code hidden)."""
    from analysis.report import synthetic

    folder = tmp_path_factory.mktemp("year")
    corpus = synthetic.write_corpus(folder / "year.csv", n=1000)
    return Run(folder / "out", run_report("--out", str(folder / "out"), "--corpus", str(corpus), env=env, timeout=900))


def pages_of(run: Run) -> list[Path]:
    return [run.dir / "index.html"] + sorted(run.dir.glob("[0-9][0-9]_*.html"))


@pytest.mark.slow
@pytest.mark.browser
def test_seed_charts_are_readable(browser, seed_run):
    problems = [p for page in pages_of(seed_run) for v in VIEWPORTS for p in readability_problems(browser, page, v)]
    assert problems == []


@pytest.mark.slow
@pytest.mark.browser
def test_year_of_coverage_runs_and_charts_are_readable(browser, year_run):
    assert year_run.res.returncode == 0, year_run.failures() or year_run.res.stderr[-2000:]
    problems = [p for page in pages_of(year_run) for p in readability_problems(browser, page, VIEWPORTS[0])]
    assert problems == []
    for page in pages_of(year_run):
        assert_clean(page, visit(browser, page))
    text = visit(browser, year_run.dir / "00_overview.html")["text"]
    assert "Coverage over time" in text and "No trend drawn" not in text


@pytest.mark.slow
def test_year_of_coverage_stays_within_the_size_budget(year_run):
    opened = [p for p in year_run.dir.rglob("*") if p.is_file() and (p.suffix == ".html" or "assets" in p.parts)]
    size = sum(p.stat().st_size for p in opened)
    assert size <= 25 * 2**20, f"pages and assets: {size / 2**20:.1f} MB"


@pytest.mark.slow
def test_seed_over_time_charts_say_there_is_too_little_time(seed_run):
    page = (seed_run.dir / "00_overview.html").read_text(encoding="utf-8")
    assert "too little time to show a trend" in page
