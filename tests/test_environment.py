"""environment.yml (conda) must list what pyproject.toml (pip) lists, with the same bounds."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import ROOT

# PyPI name -> conda-forge name where they differ.
CONDA_NAMES = {"vadersentiment": "vadersentiment", "pyyaml": "pyyaml"}


def split(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$", spec)
    assert m, spec
    return m.group(1).lower().replace("_", "-"), m.group(3).replace(" ", "")


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        specs.extend(extra)
    return dict(split(s) for s in specs)


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for dep in env["dependencies"]:
        for spec in dep["pip"] if isinstance(dep, dict) else [dep]:
            name, bound = split(spec)
            out[name] = bound
    return out


def test_environment_matches_pyproject():
    pip, conda = pip_requirements(), conda_requirements()
    missing = {n: b for n, b in pip.items() if CONDA_NAMES.get(n, n) not in conda}
    assert not missing, f"in pyproject.toml but not environment.yml: {missing}"
    differing = {n: (b, conda[CONDA_NAMES.get(n, n)]) for n, b in pip.items() if conda[CONDA_NAMES.get(n, n)] != b}
    assert not differing, f"bounds differ (pip, conda): {differing}"
    extra = set(conda) - {CONDA_NAMES.get(n, n) for n in pip} - {"python", "pip"}
    assert not extra, f"in environment.yml but not pyproject.toml: {extra}"
    assert (
        conda["python"] == ">=" + tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"][2:]
    )
