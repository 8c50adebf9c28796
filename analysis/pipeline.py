"""Annotate documents: a pure function of one document plus reference data, run per document.

A *stage* is a module that exposes

* ``FRAME``: the frame it fills (``"mentions"``), or ``"sentences"`` to add columns to it;
* ``COLUMNS``: output column -> dtype, so empty results keep a stable schema;
* ``REFERENCE``: the reference-data key it needs (``"actors"``) or None;
* ``load_reference(path) -> object``: parse and validate that file (when REFERENCE);
* ``annotate(doc, frames, ref) -> DataFrame``: its rows for one document, given the
  frames computed so far for that document;
* ``CODE_FILES`` (optional): file names of the package's other modules whose code shapes
  its rows (``("speakers.py", ...)``), hashed into the cache key like the stage's own file.

:data:`STAGES` lists them in order. Segmentation (paragraphs, sentences) always runs
first. The engines map :func:`annotate_document` over documents; results are cached per
document by :func:`annotation_key`, so an edited article is the only one redone and a
changed reference file or code invalidates what it touched.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np
import pandas as pd

from . import text as textmod
from .corpus import DATA_DIR, Document

# Stage modules, in order (each reads the frames of those before it).
STAGES: tuple[str, ...] = ("actors", "sources", "timeline", "sentiment")

# Reference files by key, and their defaults.
DEFAULT_REFERENCE: dict[str, Path] = {
    "actors": DATA_DIR / "actors.yml",
    "sentiment_overrides": DATA_DIR / "sentiment_overrides.yml",
}
BASE_FRAMES = ("paragraphs", "sentences")
PARALLEL_MIN_DOCS = 16  # below this a process pool costs more than it saves
CHUNK_DOCS = 32


def stage_modules() -> list[Any]:
    """The imported stage modules, in order."""
    return [importlib.import_module(f"analysis.{name}") for name in STAGES]


def frame_names() -> list[str]:
    """Every frame the pipeline produces (paragraphs, sentences, then the stages' own)."""
    names = list(BASE_FRAMES)
    for mod in stage_modules():
        if mod.FRAME not in names:
            names.append(mod.FRAME)
    return names


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the code and library versions that shape annotations."""
    import nltk

    from . import nltkdata

    h = hashlib.sha256()
    files = ["corpus.py", "text.py", "pipeline.py", "nltkdata.py"] + [f"{s}.py" for s in STAGES]
    files += [f for mod in stage_modules() for f in getattr(mod, "CODE_FILES", ())]  # helper modules of a stage
    for name in files:
        h.update((Path(__file__).parent / name).read_bytes())
    h.update(f"nltk={nltk.__version__};lexicon={nltkdata.lexicon_sha256()}".encode())
    for dist in ("dateparser", "rapidfuzz"):
        try:
            from importlib.metadata import version

            h.update(f"{dist}={version(dist)}".encode())
        except Exception:  # noqa: BLE001 - absent optional library: nothing to hash
            pass
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Reference:
    """Reference data for the stages: file paths, parsed objects and a fingerprint.

    Build it with :meth:`load`.
    """

    paths: dict[str, Path | None]
    objects: dict[str, Any] = field(compare=False, repr=False)
    fingerprint: str = ""

    @classmethod
    def load(cls, **paths: Path | str | None) -> "Reference":
        """Load and validate the reference files the stages need.

        Parameters
        ----------
        **paths: key -> file (``actors=...``, ``sentiment_overrides=...``); None or
            absent keys take :data:`DEFAULT_REFERENCE`. Unknown keys are an error.
        """
        unknown = set(paths) - set(DEFAULT_REFERENCE)
        if unknown:
            raise TypeError(f"unknown reference file(s): {', '.join(sorted(unknown))}; "
                            f"known: {', '.join(DEFAULT_REFERENCE)}")
        resolved = {k: Path(paths[k]) if paths.get(k) else DEFAULT_REFERENCE[k] for k in DEFAULT_REFERENCE}
        objects: dict[str, Any] = {}
        h = hashlib.sha256()
        for mod in stage_modules():
            key = getattr(mod, "REFERENCE", None)
            if not key or key in objects:
                continue
            path = resolved[key]
            if not path.is_file():
                raise FileNotFoundError(f"{key} file not found: {path}")
            objects[key] = mod.load_reference(path)
            h.update(key.encode() + b"\0" + path.read_bytes())
        return cls(paths=resolved, objects=objects, fingerprint=h.hexdigest()[:16])


def annotation_key(doc: Document, ref: Reference) -> str:
    """The cache key of one document's annotations."""
    return hashlib.sha256(f"{doc.content_hash}|{code_version()}|{ref.fingerprint}".encode()).hexdigest()[:32]


@lru_cache(maxsize=32)
def _empty(columns: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns})


def _typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``frame`` with exactly ``columns`` (in order) and their dtypes; cheap when already so."""
    if frame.empty:
        return _empty(tuple(columns.items())).copy()
    if list(frame.columns) != list(columns):
        frame = frame.reindex(columns=list(columns))
    wrong = {c: t for c, t in columns.items() if str(frame[c].dtype) != t}
    return frame.astype(wrong) if wrong else frame


def annotate_document(doc: Document, ref: Reference) -> dict[str, pd.DataFrame]:
    """All frames for one document: paragraphs, sentences, then each stage's.

    Parameters
    ----------
    doc: the document.
    ref: the loaded reference data.
    """
    paragraphs = textmod.split_paragraphs(doc.doc_id, doc.text, doc.title)
    frames = {"paragraphs": paragraphs,
              "sentences": textmod.split_sentences(doc.doc_id, doc.text, paragraphs)}
    for mod in stage_modules():
        key = getattr(mod, "REFERENCE", None)
        rows = mod.annotate(doc, frames, ref.objects.get(key) if key else None)
        if mod.FRAME in frames:  # a column-adding stage: rows align with the frame's ids
            base = frames[mod.FRAME]
            if np.array_equal(base["sent_id"].to_numpy(), rows["sent_id"].to_numpy()):
                extra = rows.drop(columns=["sent_id"]).set_axis(base.index)
                frames[mod.FRAME] = pd.concat([base, extra], axis=1)
            else:
                frames[mod.FRAME] = base.merge(rows, on="sent_id", how="left", validate="1:1")
        elif len(rows) and list(rows.columns) == list(mod.COLUMNS):
            frames[mod.FRAME] = rows  # dtypes are made exact once per chunk (annotate_chunk)
        else:
            frames[mod.FRAME] = _typed(rows, mod.COLUMNS)
    return frames


def annotate_chunk(docs: list[Document], ref: Reference) -> dict[str, pd.DataFrame]:
    """Annotate a list of documents; frames concatenated, each row tagged with ``_key``.

    Parameters
    ----------
    docs: the documents (a chunk or partition).
    ref: the loaded reference data.
    """
    parts: dict[str, list[pd.DataFrame]] = {}
    keys: dict[str, list[str]] = {}
    for doc in docs:
        key = annotation_key(doc, ref)
        for name, frame in annotate_document(doc, ref).items():
            parts.setdefault(name, []).append(frame)
            keys.setdefault(name, []).extend([key] * len(frame))
    schemas = {mod.FRAME: mod.COLUMNS for mod in stage_modules()}
    out = {}
    for name, frames in parts.items():
        frame = pd.concat(frames, ignore_index=True)
        if name in schemas and name not in BASE_FRAMES:
            frame = _typed(frame, schemas[name])
        out[name] = frame.assign(_key=pd.Series(keys[name], index=frame.index, dtype="str"))
    return out


def merge_results(results: Iterable[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate per-chunk frames, in the order given.

    Parameters
    ----------
    results: the frames of each chunk, as returned by :func:`annotate_chunk`.
    """
    parts: dict[str, list[pd.DataFrame]] = {}
    for res in results:
        for name, frame in res.items():
            parts.setdefault(name, []).append(frame)
    return {name: pd.concat(fr, ignore_index=True) for name, fr in parts.items()}


_WORKER_REF: Reference | None = None


def _set_worker_ref(ref: Reference) -> None:
    global _WORKER_REF
    _WORKER_REF = ref


def _annotate_in_worker(docs: list[Document]) -> dict[str, pd.DataFrame]:
    assert _WORKER_REF is not None, "worker started without reference data"
    return annotate_chunk(docs, _WORKER_REF)


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_local(docs: list[Document], ref: Reference, jobs: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> dict[str, pd.DataFrame]:
    """Annotate ``docs`` on this machine: in-process, or a process pool over chunks.

    Parameters
    ----------
    docs: the documents to annotate.
    ref: the loaded reference data.
    jobs: worker processes (default :func:`default_jobs`); 1 runs in this process.
    progress: called as ``progress(done, total)`` after each chunk.
    """
    jobs = jobs or default_jobs()
    chunks = [docs[i:i + CHUNK_DOCS] for i in range(0, len(docs), CHUNK_DOCS)]
    results = []
    if jobs == 1 or len(docs) < PARALLEL_MIN_DOCS:
        for chunk in chunks:
            results.append(annotate_chunk(chunk, ref))
            if progress:
                progress(sum(len(c) for c in chunks[:len(results)]), len(docs))
        return merge_results(results)
    done = 0
    with ProcessPoolExecutor(max_workers=jobs, initializer=_set_worker_ref, initargs=(ref,)) as pool:
        for chunk, res in zip(chunks, pool.map(_annotate_in_worker, chunks)):
            results.append(res)
            done += len(chunk)
            if progress:
                progress(done, len(docs))
    return merge_results(results)


def stderr_progress(label: str = "annotating") -> Callable[[int, int], None]:
    """A progress callback printing ``label: done/total`` to stderr, at most ~20 times."""
    state = {"last": -1}

    def report(done: int, total: int) -> None:
        step = max(1, total // 20)
        if done == total or done // step != state["last"]:
            state["last"] = done // step
            print(f"\r{label}: {done}/{total} documents", end="\n" if done == total else "",
                  file=sys.stderr, flush=True)

    return report
