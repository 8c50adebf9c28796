"""News-coverage analysis toolkit: the helper package behind the notebooks.

``analysis.load_corpus(path=None)`` returns a :class:`Corpus` of tidy frames
(``documents``, ``paragraphs``, ``sentences``, ``mentions``, ``quotes``, ``events``).
Names are imported lazily so ``python -m analysis setup`` works before the NLTK data
it builds exists.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["load_corpus", "Corpus", "CorpusError", "validate", "notebook_mode", "__version__"]

_EXPORTS = {
    "load_corpus": ("analysis.loader", "load_corpus"),
    "Corpus": ("analysis.loader", "Corpus"),
    "CorpusError": ("analysis.corpus", "CorpusError"),
    "validate": ("analysis.corpus", "validate"),
    "notebook_mode": ("analysis.display", "notebook_mode"),
}


# Submodules the notebooks reach as ``analysis.<name>`` after a plain ``import analysis``.
_SUBMODULES = {"actors", "actors_discovery", "actors_reference", "actors_tables", "cache", "corpus",
               "date_expressions", "date_resolution", "display", "explain", "loader", "overview", "pipeline",
               "plots", "plots_actors", "plots_sentiment", "plots_sources", "plots_timeline", "quotations",
               "report", "reported_speech", "scale", "sentiment", "sentiment_tables", "sources", "sources_doc",
               "sources_gold", "sources_grammar", "sources_tables", "speakers", "story_events", "text",
               "timeline"}


def __getattr__(name: str):
    import importlib

    if name in _EXPORTS:
        module, attr = _EXPORTS[name]
        return getattr(importlib.import_module(module), attr)
    if name in _SUBMODULES:
        return importlib.import_module(f"analysis.{name}")
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
