"""Sources: who is quoted, named or anonymous, in which outlet.

* :mod:`.stage`: the per-document ``sources`` stage (one row per attribution);
* :mod:`.tables`: corpus-level frames (sourcing mix, anonymous share, shared quotes, evidence);
* :mod:`.charts`: the sources notebook's figures;
* :mod:`.gold`: scoring the stage against a hand-labelled gold file;
* private rules: ``_attribute`` (runs them over a document), ``_grammar`` (word lists, patterns),
  ``_doc`` (the annotated document), ``_quotations``, ``_reported_speech``, ``_speakers``.
"""

from __future__ import annotations

from analysis.lazy import lazy_getattr

_SUBMODULES = {"charts", "gold", "stage", "tables"}
_EXPORTS = {"SPEAKER_TYPES": "stage"}
__all__ = sorted(_SUBMODULES | set(_EXPORTS))

__getattr__ = lazy_getattr(__name__, _SUBMODULES, _EXPORTS)
