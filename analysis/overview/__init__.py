"""Overview: what is in the corpus (outlets, dates, lengths, page furniture).

* :mod:`.tables`: summaries for the overview notebook and the report index;
* :mod:`.charts`: the overview notebook's figures.
"""

from __future__ import annotations

from analysis.lazy import lazy_getattr

_SUBMODULES = {"charts", "tables"}
_EXPORTS = {}
__all__ = sorted(_SUBMODULES | set(_EXPORTS))

__getattr__ = lazy_getattr(__name__, _SUBMODULES, _EXPORTS)
