"""Sentiment: VADER tone per sentence, article, outlet and actor, explained word by word.

* :mod:`.stage`: the per-sentence ``sentiment`` stage, its overrides and the analyzer;
* :mod:`.explain`: word-level explanations of a score;
* :mod:`.tables`: corpus-level frames (tone per article, outlet, actor; extremes; drivers);
* :mod:`.charts`: the sentiment notebook's figures.
"""

from __future__ import annotations

from analysis.lazy import lazy_getattr

_SUBMODULES = {"charts", "explain", "stage", "tables"}
_EXPORTS = {}
__all__ = sorted(_SUBMODULES | set(_EXPORTS))

__getattr__ = lazy_getattr(__name__, _SUBMODULES, _EXPORTS)
