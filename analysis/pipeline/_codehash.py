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
import sys
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
