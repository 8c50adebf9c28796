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


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        module, attr = _EXPORTS[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
