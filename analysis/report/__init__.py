"""Reports: every notebook run with papermill and published as offline HTML.

* :mod:`.command`: ``python -m analysis report`` (arguments, the run folder, ``latest``);
* :mod:`.params`: each notebook's parameters cell, and checking values against it;
* :mod:`.pool`: the worker processes that run notebooks;
* :mod:`.notebook`: one notebook: execute, normalise, export HTML;
* :mod:`.index`: the run's ``index.html``.
"""

from __future__ import annotations

from analysis.lazy import lazy_getattr

_SUBMODULES = {"command", "index", "notebook", "params", "pool"}
_EXPORTS = {}
__all__ = sorted(_SUBMODULES | set(_EXPORTS))

__getattr__ = lazy_getattr(__name__, _SUBMODULES, _EXPORTS)
