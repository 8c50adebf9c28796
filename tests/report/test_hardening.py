"""The report runner under hostile parameters, concurrent runs, a full disk and odd outlet
names: a message and the promised exit code, never a traceback or a half-written run (issue 15)."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from analysis import display
from analysis.report import command as report
from analysis.report import notebook as rn

ONLY = ["--only", "00_overview"]
FAKE_CORPUS = {"fingerprint": "f00d", "documents": 1, "outlets": ["Daily"], "path": "x"}


@pytest.fixture(autouse=True)
def _no_default_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a run that got through would write ./reports here, not in the checkout


def err_of(capsys) -> str:
    return capsys.readouterr().err


# --- parameters ---------------------------------------------------------------------


def test_impossible_date_exits_2_with_a_message(capsys):
    assert report.main([*ONLY, "-p", "date_from=2026-02-30"]) == 2
    assert "-p date_from: '2026-02-30' is not a real date (day is out of range for month)" in err_of(capsys)


def test_cp1252_params_file_exits_2_with_a_message(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_bytes("outlets: [Caf\u00e9 Daily]\n".encode("cp1252"))
    assert report.main([*ONLY, "--params", str(path)]) == 2
    assert "not UTF-8 (byte 13: 0xe9); save it as UTF-8" in err_of(capsys)


def test_yaml_alias_bomb_is_refused_at_once(tmp_path, capsys):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\n")  # 9**9 strings when expanded
    assert report.main([*ONLY, "--params", str(path)]) == 2
    err = err_of(capsys)
    assert "YAML anchors (&a) are not allowed in parameters (line 1, column 4)" in err and len(err) < 500


def test_huge_parameter_list_is_not_echoed_whole(capsys):
    many = "[" + ",".join(str(i) for i in range(20_000)) + "]"
    assert report.main([*ONLY, "-p", f"outlets={many}"]) == 2
    err = err_of(capsys)
    assert "list of 20,000 items" in err and len(err) < 1000


# --- one run per --out ---------------------------------------------------------------


def test_second_run_into_the_same_out_is_refused_until_the_first_ends(tmp_path, capsys):
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from pathlib import Path; from analysis.report.command import acquire_lock as a; "
         f"a(Path({str(out)!r})); print('locked', flush=True); import time; time.sleep(600)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert report.main([*ONLY, "--out", str(out)]) == 2
        assert f"another report run (pid {holder.pid}) is writing into {out}" in err_of(capsys)
    finally:
        holder.kill()  # a crash: the system releases the lock
        holder.wait()
    assert report.acquire_lock(out) >= 0


# --- a full disk ------------------------------------------------------------------


def enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_while_finishing_leaves_no_half_run(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    run_dir = report.new_run_dir(out)
    (run_dir / "00_overview.html").write_text("<p>page</p>")
    original = Path.write_text

    def full_at_run_json(self, data, *args, **kwargs):
        if "run.json" in self.name:
            original(self, data[:10], *args, **kwargs)  # part of it fits, then the disk is full
            enospc()
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_at_run_json)
    assert report.finish(out, run_dir, {"notebooks": [], "duration_s": 1.0}, keep=5) == 1
    assert "the disk is full (No space left on device); its folder was removed" in err_of(capsys)
    assert list(out.rglob("run.json*")) == [] and list((out / "runs").iterdir()) == []
    assert not (out / "latest").exists()


def test_disk_full_at_start_leaves_nothing_and_stale_partials_are_pruned(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = out / "runs" / "20260101T000000Z-abcdef.partial"
    stale.mkdir(parents=True)
    (stale / ".pid").write_text(dead.stdout.strip())
    (stale / "plotly.min.js").write_bytes(b"half a file")
    monkeypatch.setattr(report, "annotate", lambda params, jobs: FAKE_CORPUS)
    monkeypatch.setattr(report, "plotly_asset", enospc)
    assert report.main([*ONLY, "--out", str(out)]) == 2
    assert "the disk is full (No space left on device); nothing was left behind" in err_of(capsys)
    assert list((out / "runs").iterdir()) == []


# --- what notebooks hand the report ----------------------------------------------------


def test_headline_with_line_separators_in_an_outlet_is_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv(display.OUTPUT_ENV, str(tmp_path))
    monkeypatch.setenv(display.NOTEBOOK_ENV, "10_sources")
    display.headline("anonymous share, NBC\u2028News\u0085Online", "12%")
    (record,) = rn._headlines(tmp_path, "10_sources")
    assert record["label"] == "anonymous share, NBC\u2028News\u0085Online" and record["value"] == "12%"


def test_saved_tables_cannot_run_as_spreadsheet_formulas(tmp_path, monkeypatch):
    monkeypatch.setenv(display.OUTPUT_ENV, str(tmp_path))
    monkeypatch.setenv(display.NOTEBOOK_ENV, "00_overview")
    frame = pd.DataFrame(
        {"outlet": ['=HYPERLINK("http://x.invalid","y")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "Daily"]}
    ).assign(n=[1, 2, 3, 4, 5, 6, -7])
    frame["=cmd"] = "x"
    path = display.save_table(frame, "mix")
    assert path.read_bytes().decode("utf-8").split("\n") == [
        "outlet,n,'=cmd",
        '"\'=HYPERLINK(""http://x.invalid"",""y"")",1,x',
        "'+1,2,x",
        "'-2,3,x",
        "'@SUM(A1),4,x",
        "'\tTab,5,x",
        "'\rCR,6,x",
        "Daily,-7,x",
        "",
    ]


def test_date_to_with_a_time_is_handed_to_the_notebook_as_typed(tmp_path):
    from analysis.report import params as rp

    decl = {"00_overview": rp.declared(ROOT / "notebooks" / "00_overview.ipynb")}
    given = rp.parse_assignments(["date_to=2026-02-24T09:00"])
    assert rp.resolve(decl, given) == {"00_overview": {"date_to": "2026-02-24T09:00"}}
    with pytest.raises(rp.ParameterError, match="date_to expects an ISO date"):
        rp.resolve(decl, rp.parse_assignments(["date_to=now"]))
