"""Lazy attribute access for packages: ``analysis.sources.tables`` after a plain ``import analysis``.

Submodules and re-exported names are imported on first use, so importing a package stays
cheap (a worker process that needs ``analysis.actors.stage`` does not import plotly) and
``python -m analysis setup`` works before the NLTK data it builds exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_getattr(package: str, submodules: set[str], exports: dict[str, str] | None = None) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` for ``package``.

    Parameters
    ----------
    package: the package's name (``__name__``).
    submodules: names of its submodules reachable as attributes.
    exports: public name -> the submodule (relative to ``package``) that defines it.

    Returns
    -------
    The function to assign to the package's ``__getattr__``.
    """
    exports = exports or {}

    def __getattr__(name: str) -> Any:
        if name in exports:
            return getattr(importlib.import_module(f"{package}.{exports[name]}"), name)
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
