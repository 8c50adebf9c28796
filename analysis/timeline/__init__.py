"""Timeline: dates in the text, resolved against publication dates, grouped into story events.

* :mod:`.stage`: the per-document ``timeline`` stage (one row per temporal expression);
* :mod:`.tables`: story events across outlets, disagreements and the tables behind them;
* :mod:`.charts`: the timeline notebook's figures;
* private rules: ``_expressions`` (finding expressions), ``_resolution`` (resolving them).
"""

from __future__ import annotations

from analysis.lazy import lazy_getattr

_SUBMODULES = {"charts", "stage", "tables"}
_EXPORTS = {}
__all__ = sorted(_SUBMODULES | set(_EXPORTS))

__getattr__ = lazy_getattr(__name__, _SUBMODULES, _EXPORTS)
