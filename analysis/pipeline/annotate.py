"""Annotate documents: a pure function of one document plus reference data, run per document.

A *stage* is a module ``analysis.<concern>.stage`` that exposes

* ``FRAME``: the frame it fills (``"mentions"``), or ``"sentences"`` to add columns to it;
* ``COLUMNS``: output column -> dtype, so empty results keep a stable schema;
* ``REFERENCE``: the reference-data key it needs (``"actors"``) or None;
* ``load_reference(path) -> object``: parse and validate that file (when REFERENCE);
* ``annotate_rows(doc, frames, ref) -> Columns``: its rows for one document as plain
  columns (:mod:`analysis.columns`), given the rows computed so far for that document
  (stages read them as they would a DataFrame's columns);
* ``annotate(doc, frames, ref) -> DataFrame``: the same rows as a typed frame, for one
  document (its public, per-document form);
* ``READS`` (optional): frames of earlier stages it reads (``("mentions",)``).

:data:`STAGES` lists them in order. Segmentation (paragraphs, sentences) always runs
first. The engines map :func:`annotate_document` over documents and make one typed frame
per chunk of documents (:func:`annotate_chunk`), not one per document and stage.

Each stage's rows are cached under its own key (:func:`stage_keys`): the document's
content, the code that shapes the stage (every file of its package and the shared modules
its stage module imports, found by :mod:`analysis.pipeline._codehash`), its reference file,
and the keys of the frames it reads. An edited article is the only one redone; an edited
stage, or its reference file, invalidates that stage's rows (and those of a stage that
reads its frame), no others. A reference table built in memory that can say which of its
parts a document reads (``doc_fingerprint(doc)``: the actors found in a corpus) enters each
document's keys through that part only, so a change to the table elsewhere (another article
edited) leaves the document's rows cached. A document with some keys cached reruns only the
stages missing, and the stages whose frames those read.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import signal
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import config
from analysis import text as textmod
from analysis.columns import Columns, to_frame
from analysis.documents import Document
from analysis.pipeline._codehash import code_hash, remembered, stat_signature

# Stage packages, in order (each reads the frames of those before it).
ASSEMBLY = "_assembly"  # code_versions() entry of the assembling code, not a stage
STAGES: tuple[str, ...] = ("syndication", "actors", "sources", "timeline", "sentiment")
SEGMENTATION = "segmentation"  # the key name of the paragraphs and sentences frames
BASE_MODULE = "analysis.pipeline.annotate"  # segmentation's code is found from here

# Reference files by key, and their defaults.
DEFAULT_REFERENCE: dict[str, Path] = config.default_reference()
BASE_FRAMES = ("paragraphs", "sentences")
KEY_COLUMN = "_key"
FAILED_FRAME = "failed"  # documents that could not be annotated: doc_id, source, error
BUDGET_ENV = "NEWSCOV_DOC_BUDGET"
DEFAULT_BUDGET_S = 600.0  # CPU-heavy stages on a 5 MB article take ~1-2 min; this is a hang guard


class DocumentTimeout(Exception):
    """A document's annotation ran past the per-document time budget."""


def doc_budget() -> float:
    """Seconds one document may take (``$NEWSCOV_DOC_BUDGET``, default 600; 0 means no limit)."""
    return float(os.environ.get(BUDGET_ENV) or DEFAULT_BUDGET_S)


@contextmanager
def time_budget(seconds: float):
    """Raise :class:`DocumentTimeout` inside the block after ``seconds`` of wall time.

    Uses ``SIGALRM``, so it applies in a process's main thread only (the local engine, its
    worker processes, a notebook); elsewhere (Dask worker threads) the block runs unbounded.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout(f"took longer than {seconds:g} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def stage_modules() -> list[Any]:
    """The imported stage modules, in order (looked up once per value of :data:`STAGES`)."""
    return list(_stage_modules(STAGES))


@lru_cache(maxsize=8)
def _stage_modules(names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(importlib.import_module(f"analysis.{name}.stage") for name in names)


def stage_name(mod: Any) -> str:
    """``"sources"`` for ``analysis.sources.stage``."""
    return mod.__name__.split(".")[1]


def stored_frame(mod: Any) -> str:
    """The frame a stage's rows are cached as: its FRAME, or ``sentences.<stage>`` for added columns."""
    return f"{mod.FRAME}.{stage_name(mod)}" if mod.FRAME in BASE_FRAMES else mod.FRAME


def stored_frames() -> dict[str, str]:
    """Every cached frame -> the key name (stage) it is cached under, in pipeline order."""
    out = dict.fromkeys(BASE_FRAMES, SEGMENTATION)
    out.update({stored_frame(mod): stage_name(mod) for mod in stage_modules()})
    return out


def frame_names() -> list[str]:
    """Every frame the corpus has (paragraphs, sentences, then the stages' own)."""
    names = list(BASE_FRAMES)
    for mod in stage_modules():
        if mod.FRAME not in names:
            names.append(mod.FRAME)
    return names


def code_versions(package_dir: Path = config.PACKAGE_DIR, memo_dir: Path | str | None = None) -> dict[str, str]:
    """Hash of the code and libraries behind segmentation and each stage of :data:`STAGES`.

    Computed once per process. Reading and hashing the files takes about half a second, most of
    a warm load; with ``memo_dir`` (the cache folder) the versions are kept there under a
    fingerprint of the files' sizes and times and of the installed distributions
    (:func:`analysis.pipeline._codehash.remembered`), and read back while nothing has changed.

    Parameters
    ----------
    package_dir: the ``analysis`` folder to read (tests point it at an edited copy).
    memo_dir: the cache folder to keep the versions in, or None.
    """
    known = _KNOWN.get((package_dir, STAGES))
    if known is None:
        if memo_dir is None:
            known = _code_versions(package_dir, STAGES)
        else:
            from analysis import nltkdata

            signature = stat_signature(package_dir, nltkdata.lexicon_sha256())
            known = remembered(memo_dir, signature, lambda: _code_versions(package_dir, STAGES))
        _KNOWN[(package_dir, STAGES)] = known
    return known


_KNOWN: dict[tuple[Path, tuple[str, ...]], dict[str, str]] = {}


@lru_cache(maxsize=8)
def _code_versions(package_dir: Path, stages: tuple[str, ...]) -> dict[str, str]:
    from analysis import nltkdata

    lexicon = f"lexicon={nltkdata.lexicon_sha256()}"
    out = {SEGMENTATION: code_hash(BASE_MODULE, package_dir, lexicon)}
    for name in stages:
        out[name] = code_hash(f"analysis.{name}.stage", package_dir, lexicon)
    out[ASSEMBLY] = code_hash("analysis.corpus", package_dir)
    return out


def assembly_version() -> str:
    """Hash of the code that reads documents and assembles the frames (``analysis.corpus`` and
    what it imports): part of the key of a kept assembled corpus (:func:`analysis.corpus.assembly_digest`)."""
    return code_versions()[ASSEMBLY]


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Reference:
    """Reference data for the stages: file paths, parsed objects and fingerprints.

    Build it with :meth:`load`. ``fingerprints`` holds one hash per reference key
    (the file's bytes); ``fingerprint`` combines them.
    """

    paths: dict[str, Path | None]
    objects: dict[str, Any] = field(compare=False, repr=False)
    fingerprint: str = ""
    fingerprints: dict[str, str] = field(default_factory=dict, compare=False)
    per_document: frozenset[str] = frozenset()  # keys whose object gives each document its own print

    @classmethod
    def load(cls, **paths: Path | str | None) -> Reference:
        """Load and validate the reference files the stages need.

        Parameters
        ----------
        **paths: key -> file (``actors=...``, ``sentiment_overrides=...``); None or
            absent keys take :data:`DEFAULT_REFERENCE`. Unknown keys are an error. A value
            that is no path is an object built already (the actors found in a corpus, see
            :func:`analysis.actors.overrides.corpus_actors`); its fingerprint hashes its content.
        """
        unknown = set(paths) - set(DEFAULT_REFERENCE)
        if unknown:
            raise TypeError(
                f"unknown reference file(s): {', '.join(sorted(unknown))}; known: {', '.join(DEFAULT_REFERENCE)}"
            )
        built = {k: v for k, v in paths.items() if v is not None and not isinstance(v, (str, Path))}
        resolved = {
            k: Path(paths[k]) if paths.get(k) and k not in built else DEFAULT_REFERENCE[k] for k in DEFAULT_REFERENCE
        }
        objects: dict[str, Any] = {}
        prints: dict[str, str] = {}
        per_doc: set[str] = set()
        h = hashlib.sha256()
        for mod in stage_modules():
            key = getattr(mod, "REFERENCE", None)
            if not key or key in objects:
                continue
            if key in built:  # a table built in memory (actors found in the corpus): hashed by content
                objects[key] = built[key]
                data = key.encode() + b"\0" + repr(built[key]).encode()  # dataclass repr: its content
                h.update(data)
                prints[key] = hashlib.sha256(data).hexdigest()[:16]
                resolved[key] = None
                if hasattr(built[key], "doc_fingerprint"):
                    per_doc.add(key)
                continue
            path = resolved[key]
            if not path.is_file():
                raise FileNotFoundError(f"{key} file not found: {path}")
            objects[key] = mod.load_reference(path)
            data = key.encode() + b"\0" + path.read_bytes()
            h.update(data)
            prints[key] = hashlib.sha256(data).hexdigest()[:16]
        return cls(
            paths=resolved,
            objects=objects,
            fingerprint=h.hexdigest()[:16],
            fingerprints=prints,
            per_document=frozenset(per_doc),
        )

    def print_for(self, key: str | None, doc: Document) -> str:
        """The fingerprint of reference ``key`` as it bears on ``doc`` ("" for no key).

        Parameters
        ----------
        key: a stage's REFERENCE.
        doc: the document.
        """
        if not key:
            return ""
        if key in self.per_document:
            return self.objects[key].doc_fingerprint(doc)
        return self.fingerprints.get(key, "")


def stage_keys(doc: Document, ref: Reference) -> dict[str, str]:
    """The cache key of each stage's rows for one document (see the module docstring).

    Parameters
    ----------
    doc: the document.
    ref: the loaded reference data.

    Returns
    -------
    ``{"segmentation": key, "actors": key, ...}``.
    """
    versions = code_versions()
    keys = {SEGMENTATION: _digest(doc.content_hash, versions[SEGMENTATION])}
    producer = dict.fromkeys(BASE_FRAMES, SEGMENTATION)
    for mod in stage_modules():
        name = stage_name(mod)
        reads = [keys[producer[f]] for f in getattr(mod, "READS", ()) if f in producer]
        keys[name] = _digest(
            keys[SEGMENTATION], name, versions[name], ref.print_for(getattr(mod, "REFERENCE", None), doc), *reads
        )
        if mod.FRAME not in BASE_FRAMES:
            producer[mod.FRAME] = name
    return keys


def annotation_key(doc: Document, ref: Reference, keys: dict[str, str] | None = None) -> str:
    """One key for all of a document's annotations (it changes when any stage key does).

    Parameters
    ----------
    doc: the document.
    ref: the loaded reference data.
    keys: its :func:`stage_keys`, when already computed.
    """
    return _digest(*(keys if keys is not None else stage_keys(doc, ref)).values())


def needed_stages(missing: Iterable[str]) -> frozenset[str]:
    """The stages to run for a document whose keys of stages ``missing`` are not cached.

    Those stages and, recursively, the stages that make the frames they read (``READS``):
    a stage reads its inputs as computed in the same run, never from the cache.

    Parameters
    ----------
    missing: stage names (segmentation, which always runs, may be among them).
    """
    mods = {stage_name(m): m for m in stage_modules()}
    producer = {m.FRAME: stage_name(m) for m in mods.values() if m.FRAME not in BASE_FRAMES}
    todo, out = list(missing), set()
    while todo:
        name = todo.pop()
        if name in mods and name not in out:
            out.add(name)
            todo += [producer[f] for f in getattr(mods[name], "READS", ()) if f in producer]
    return frozenset(out)


def stored_schemas() -> dict[str, dict[str, str]]:
    """Every cached frame (:func:`stored_frames`) -> its columns and dtypes."""
    out = dict(textmod.BASE_SCHEMAS)
    for mod in stage_modules():
        out[stored_frame(mod)] = {"doc_id": "str", **mod.COLUMNS} if mod.FRAME in BASE_FRAMES else mod.COLUMNS
    return out


def annotate_document(doc: Document, ref: Reference, only: frozenset[str] | None = None) -> dict[str, Columns]:
    """All rows for one document, as columns, by cached frame name (:func:`stored_frames`).

    Segmentation, then each stage's ``annotate_rows`` given the rows computed so far; a stage
    that adds columns to a base frame (sentiment to sentences) is stored apart, as
    ``doc_id``, ``sent_id`` and its columns. :func:`annotate_chunk` makes the frames.

    Parameters
    ----------
    doc: the document.
    ref: the loaded reference data.
    only: the stages to run (their READS included, see :func:`needed_stages`); None runs all.
    """
    frames: dict[str, Columns] = textmod.segment_columns(doc.doc_id, doc.text, doc.title)
    out = dict(frames)
    for mod in stage_modules():
        if only is not None and stage_name(mod) not in only:
            continue
        key = getattr(mod, "REFERENCE", None)
        rows = mod.annotate_rows(doc, frames, ref.objects.get(key) if key else None)
        if mod.FRAME in BASE_FRAMES:  # a column-adding stage: its rows are the frame's sentences, in order
            frames[mod.FRAME] = frames[mod.FRAME].join(rows, on="sent_id")
            out[stored_frame(mod)] = Columns({"doc_id": [doc.doc_id] * len(rows), **rows.data}, len(rows))
        else:
            frames[mod.FRAME] = out[mod.FRAME] = rows
    return out


def annotate_chunk(
    docs: list[Document],
    ref: Reference,
    on_document: Callable[[], None] | None = None,
    stages: dict[str, frozenset[str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """Annotate a list of documents; cached frames concatenated, rows tagged with ``_key``.

    A document that runs past the time budget (:func:`doc_budget`) gives no rows and a row
    of the :data:`FAILED_FRAME` frame (doc_id, source, error) instead; the others go on.

    Parameters
    ----------
    docs: the documents (a chunk or partition).
    ref: the loaded reference data.
    on_document: called after each document (progress).
    stages: doc_id -> the stages to run for it (:func:`needed_stages`); None, or a document
        not in it, runs every stage.

    Returns
    -------
    Frame name (see :func:`stored_frames`) -> rows, each with the ``_key`` of the stage
    that made it (:func:`stage_keys`); :func:`join_added` puts added columns back. Plus
    :data:`FAILED_FRAME` when a document failed.
    """
    parts: dict[str, list[Columns]] = {}
    keys: dict[str, list[str]] = {}
    failed: list[tuple[str, str, str]] = []
    owners = stored_frames()
    budget = doc_budget()
    for doc in docs:
        doc_keys = stage_keys(doc, ref)
        try:
            with time_budget(budget):
                frames = annotate_document(doc, ref, (stages or {}).get(doc.doc_id))
        except DocumentTimeout as err:
            failed.append((doc.doc_id, doc.source, f"annotation {err} (the per-document budget, ${BUDGET_ENV})"))
            frames = {}
        for name, rows in frames.items():
            parts.setdefault(name, []).append(rows)
            keys.setdefault(name, []).extend([doc_keys[owners[name]]] * len(rows))
        if on_document:
            on_document()
    schemas = stored_schemas()
    out = {}
    for name, rows in parts.items():  # one typed frame per chunk: far cheaper than one per document
        out[name] = to_frame(rows, schemas[name]).assign(**{KEY_COLUMN: pd.array(keys[name], dtype="str")})
    if failed:
        out[FAILED_FRAME] = pd.DataFrame(failed, columns=["doc_id", "source", "error"])
    return out


def join_added(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Cached frames back into the corpus's: added columns joined onto their base frame.

    Parameters
    ----------
    frames: stored frame name -> rows in document order (no ``_key`` column).
    """
    out = dict(frames)
    for mod in stage_modules():
        if mod.FRAME in BASE_FRAMES:
            added = out.pop(stored_frame(mod))
            base = out[mod.FRAME]
            if (
                len(base) == len(added)
                and np.array_equal(base["sent_id"].to_numpy(), added["sent_id"].to_numpy())
                and np.array_equal(base["doc_id"].to_numpy(), added["doc_id"].to_numpy())
            ):
                extra = added.drop(columns=["doc_id", "sent_id"]).set_axis(base.index)
                out[mod.FRAME] = pd.concat([base, extra], axis=1)
            else:
                out[mod.FRAME] = base.merge(added, on=["doc_id", "sent_id"], how="left", validate="1:1")
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
