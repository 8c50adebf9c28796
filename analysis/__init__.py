"""News-coverage analysis toolkit: the helper package behind the notebooks.

``analysis.load_corpus(path=None)`` returns a :class:`Corpus` of tidy frames
(``documents``, ``paragraphs``, ``sentences``, ``mentions``, ``quotes``, ``events``).
One subpackage per concern (``overview``, ``actors``, ``sources``, ``timeline``,
``sentiment``), each with ``stage`` (the per-document annotation), ``tables`` (corpus-level
frames) and ``charts`` (figures); ``pipeline`` runs the stages, ``report`` the notebooks.
Names are imported lazily so ``python -m analysis setup`` works before the NLTK data
it builds exists.
"""

from __future__ import annotations

from analysis.lazy import lazy_getattr

__version__ = "0.1.0"
__all__ = ["load_corpus", "Corpus", "CorpusError", "validate", "notebook_mode", "__version__"]

_EXPORTS = {
    "load_corpus": "corpus",
    "Corpus": "corpus",
    "CorpusError": "documents",
    "validate": "documents",
    "notebook_mode": "display",
}
# Reachable as ``analysis.<name>`` after a plain ``import analysis`` (every module and subpackage).
_SUBMODULES = {
    "actors",
    "cache",
    "charts",
    "cli",
    "config",
    "corpus",
    "display",
    "documents",
    "language",
    "lazy",
    "nltkdata",
    "overview",
    "pipeline",
    "report",
    "sentiment",
    "sources",
    "syndication",
    "text",
    "timeline",
}

__getattr__ = lazy_getattr(__name__, _SUBMODULES, _EXPORTS)
