"""Actors: who appears, under which names, and with whom.

* :mod:`.stage`: the per-document ``actors`` stage (mentions of each actor);
* :mod:`.reference`: the actors file, parsed and validated, and its matcher;
* :mod:`.tables`: corpus-level frames (rates, prominence, co-occurrence, evidence);
* :mod:`.discovery`: proper names the actors file does not know yet;
* :mod:`.charts`: the actors notebook's figures.
"""

from __future__ import annotations

from analysis.lazy import lazy_getattr

_SUBMODULES = {"charts", "discovery", "reference", "stage", "tables"}
_EXPORTS = {"ActorsFileError": "reference", "ActorTable": "reference", "discover": "discovery"}
__all__ = sorted(_SUBMODULES | set(_EXPORTS))

__getattr__ = lazy_getattr(__name__, _SUBMODULES, _EXPORTS)
