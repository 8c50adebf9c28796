"""The code behind a stage, found by reading imports: what its cache key hashes.

A stage's annotations depend on every source file of its package (``analysis/sources/*.py``
for ``analysis.sources.stage``) and on the shared modules its stage module uses, directly or
through other modules (``analysis.text``, ``analysis.actors.reference``, ...). Nothing is
listed by hand: :func:`module_files` parses each file's ``import`` statements (with
:mod:`ast`, without importing anything) and follows the ones inside ``analysis``.
The third-party distributions those files import (``dateparser``, ``nltk``, ...) are
hashed by version, so upgrading a library invalidates what it shaped.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

TOP = "analysis"


def module_path(module: str, package_dir: Path) -> Path | None:
    """The file of ``analysis.x.y`` under ``package_dir`` (the ``analysis`` folder), or None."""
    parts = module.split(".")[1:]
    base = package_dir.joinpath(*parts)
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _imports(path: Path, module: str) -> tuple[set[str], set[str]]:
    """(analysis modules, third-party top-level names) imported anywhere in ``path``."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    is_pkg = path.name == "__init__.py"
    package = module if is_pkg else module.rpartition(".")[0]
    inner: set[str] = set()
    outer: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                root = ".".join(base + ([node.module] if node.module else []))
            else:
                root = node.module or ""
            names = [root] + [f"{root}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if name == TOP or name.startswith(TOP + "."):
                inner.add(name)
            elif name:
                outer.add(name.split(".")[0])
    return inner, outer


def _parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts))]


@lru_cache(maxsize=64)
def module_files(module: str, package_dir: Path) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """The files a stage module's output depends on, and the libraries they import.

    Parameters
    ----------
    module: the stage module, e.g. ``"analysis.sources.stage"``.
    package_dir: the ``analysis`` folder to read.

    Returns
    -------
    (files, libraries): every ``.py`` file of the module's own package plus each shared
    module reached from it through imports (and the ``__init__`` of the packages on the
    way), sorted; and the sorted top-level third-party names imported by those files.
    """
    own = module.rpartition(".")[0]
    own_dir = module_path(own, package_dir)
    files: set[Path] = set(own_dir.parent.glob("*.py")) if own_dir and own_dir.name == "__init__.py" else set()
    libraries: set[str] = set()
    todo, seen = [module], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = module_path(name, package_dir)
        if path is None:  # ``from analysis.x import name``: a name, not a module
            continue
        files.add(path)
        inner, outer = _imports(path, name)
        libraries |= outer
        todo += [m for m in inner if m not in seen] + [p for p in _parents(name) if p not in seen]
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    return tuple(sorted(files)), tuple(sorted(lib for lib in libraries if lib not in stdlib))


@lru_cache(maxsize=1)
def _distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()


@lru_cache(maxsize=64)
def library_versions(names: tuple[str, ...]) -> str:
    """``dist=version;...`` for the distributions providing ``names`` (unknown ones skipped)."""
    dists = _distributions()
    found = sorted({d for n in names for d in dists.get(n, [])})
    out = []
    for dist in found:
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:  # pragma: no cover - a stale mapping
            continue
    return ";".join(out)


def code_hash(module: str, package_dir: Path, extra: str = "") -> str:
    """Hash of the files :func:`module_files` finds for ``module``, their libraries and ``extra``.

    Parameters
    ----------
    module: the stage module (``"analysis.timeline.stage"``).
    package_dir: the ``analysis`` folder.
    extra: anything else that shapes the output (a data file's hash).
    """
    files, libraries = module_files(module, package_dir)
    h = hashlib.sha256()
    for path in files:
        h.update(str(path.relative_to(package_dir)).encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(library_versions(libraries).encode() + b"\0" + extra.encode())
    return h.hexdigest()[:16]


MEMO_FILE = "code_versions.json"  # in the cache folder: the last code versions and what they were read from


def stat_signature(package_dir: Path, extra: str = "") -> str:
    """A cheap fingerprint of everything :func:`code_hash` reads, without reading it.

    Every ``.py`` file under ``package_dir`` by path, size and modification time (what Python's
    own bytecode cache trusts), the names of the installed distributions' metadata folders on
    ``sys.path`` (``pandas-2.2.3.dist-info``: they carry the versions), the Python version and
    ``extra``. Any edit, install or upgrade changes it.

    Parameters
    ----------
    package_dir: the ``analysis`` folder.
    extra: anything else the hashes depend on (the lexicon's hash).
    """
    h = hashlib.sha256(f"{sys.version}\0{package_dir}\0{extra}\0".encode())
    for path in sorted(package_dir.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(package_dir)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for entry in dict.fromkeys(sys.path):  # each folder once (a runner may list one twice)
        try:
            names = sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:  # not a folder (a zip, a missing entry)
            continue
        if names:  # folders without distributions (the script's own) leave it as it is
            h.update(f"{entry}\0{'|'.join(names)}\0".encode())
    return h.hexdigest()


def _check(signature: str, versions: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps([signature, versions], sort_keys=True).encode()).hexdigest()


def remembered(memo_dir: Path | str | None, signature: str, compute: Callable[[], dict[str, str]]) -> dict[str, str]:
    """``compute()``, or the versions kept in ``memo_dir`` when they were computed under ``signature``.

    The file (:data:`MEMO_FILE`) holds one signature, its versions and a checksum of both; a
    file that is damaged, of another signature or unreadable is ignored and written again
    (atomically), so it can cost a recomputation, never a wrong key.

    Parameters
    ----------
    memo_dir: the cache folder; None: always compute, keep nothing.
    signature: :func:`stat_signature` of the code now.
    compute: makes the versions (reads and hashes every file).
    """
    if memo_dir is None:
        return compute()
    path = Path(memo_dir) / MEMO_FILE
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if (
            kept["signature"] == signature
            and isinstance(kept["versions"], dict)
            and kept["check"] == _check(signature, kept["versions"])
        ):
            return dict(kept["versions"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # absent or damaged: computed and written again
    versions = compute()
    data = {"signature": signature, "versions": versions, "check": _check(signature, versions)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)
    except OSError:  # a read-only cache folder: nothing kept, nothing wrong
        pass
    return versions
