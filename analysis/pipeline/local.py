"""The local engine: annotate documents in this process or a pool of worker processes.

:func:`run_local` splits the documents into chunks of :data:`CHUNK_DOCS` and maps
:func:`analysis.pipeline.annotate.annotate_chunk` over them (a chunk also holds at most
:data:`CHUNK_CHARS` of text, so progress moves with each long article); the reference data
is sent to each worker once. In this process progress is reported after every document.
:func:`stderr_progress` is the progress line the loader prints.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from analysis.documents import Document
from analysis.pipeline.annotate import Reference, annotate_chunk, merge_results

PARALLEL_MIN_DOCS = 16  # below this a process pool costs more than it saves
CHUNK_DOCS = 32
CHUNK_CHARS = 500_000  # a chunk holds at most this much text: a long article is a chunk alone
MERGE_EVERY = 32  # chunk results joined as they come, so that many small frames are not held at once

_WORKER_REF: Reference | None = None


def _set_worker_ref(ref: Reference) -> None:
    global _WORKER_REF
    _WORKER_REF = ref


def _annotate_in_worker(docs: list[Document], stages: dict[str, frozenset[str]] | None) -> dict[str, pd.DataFrame]:
    assert _WORKER_REF is not None, "worker started without reference data"
    release_unused()  # the last chunk's frames, sent back and freed: their pages go back
    return annotate_chunk(docs, _WORKER_REF, stages=stages)


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_local(
    docs: list[Document],
    ref: Reference,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    stages: dict[str, frozenset[str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """Annotate ``docs`` on this machine: in-process, or a process pool over chunks.

    Parameters
    ----------
    docs: the documents to annotate.
    ref: the loaded reference data.
    jobs: worker processes (default :func:`default_jobs`); 1 runs in this process.
    progress: called as ``progress(done, total)`` after each chunk.
    stages: doc_id -> the stages to run for it (see :func:`~analysis.pipeline.annotate.annotate_chunk`).
    """
    jobs = jobs or default_jobs()
    chunks = chunked(docs)
    results = Gathered()
    if jobs == 1 or len(docs) < PARALLEL_MIN_DOCS:
        state = {"done": 0}

        def one_more() -> None:
            state["done"] += 1
            if progress:
                progress(state["done"], len(docs))

        for chunk in chunks:
            results.add(annotate_chunk(chunk, ref, on_document=one_more, stages=stages))
        return results.merged()
    done = 0
    with ProcessPoolExecutor(max_workers=jobs, initializer=_set_worker_ref, initargs=(ref,)) as pool:
        subsets = [_subset(stages, chunk) for chunk in chunks]
        for chunk, res in zip(chunks, pool.map(_annotate_in_worker, chunks, subsets)):
            results.add(res)
            done += len(chunk)
            if progress:
                progress(done, len(docs))
    merged = results.merged()
    del results
    release_unused()
    return merged


class Gathered:
    """Chunk results, joined :data:`MERGE_EVERY` at a time as they are added.

    A chunk's frames are small, and each column of a small frame costs several kilobytes of
    objects beside its values: BBC ×4's 1,953 chunk frames took 181 MiB of this process for
    120 MiB of values. Joined as they come, the same rows are held in a few dozen frames.
    :meth:`merged` gives what :func:`~analysis.pipeline.annotate.merge_results` gives on every
    chunk at once.
    """

    def __init__(self, every: int | None = None) -> None:
        self.every = every or MERGE_EVERY
        self.parts: list[dict[str, pd.DataFrame]] = []
        self.pending: list[dict[str, pd.DataFrame]] = []

    def add(self, result: dict[str, pd.DataFrame]) -> None:
        """Add one chunk's frames (in document order, after those added before)."""
        self.pending.append(result)
        if len(self.pending) >= self.every:
            self.parts.append(merge_results(self.pending))
            self.pending = []

    def merged(self) -> dict[str, pd.DataFrame]:
        """Every chunk's frames, concatenated in the order added."""
        if self.pending:
            self.parts.append(merge_results(self.pending))
            self.pending = []
        return merge_results(self.parts)


def release_unused() -> None:
    """Give the pages Arrow's memory pool holds but no longer uses back to the system.

    The text columns of the frames are Arrow strings; the chunk frames a pool sends back are
    decoded into Arrow buffers here and copied again when they are joined, and the pool keeps
    the freed pages for reuse unless asked.
    """
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _subset(stages: dict[str, frozenset[str]] | None, docs: list[Document]) -> dict[str, frozenset[str]] | None:
    """The entries of ``stages`` for ``docs`` (what a worker is sent with its chunk)."""
    return None if stages is None else {d.doc_id: stages[d.doc_id] for d in docs if d.doc_id in stages}


def chunked(docs: list[Document]) -> list[list[Document]]:
    """``docs`` in order, in chunks of at most :data:`CHUNK_DOCS` documents and
    :data:`CHUNK_CHARS` characters (a longer document is a chunk of its own)."""
    chunks: list[list[Document]] = []
    size = 0
    for doc in docs:
        if not chunks or len(chunks[-1]) >= CHUNK_DOCS or size + len(doc.text) > CHUNK_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(doc)
        size += len(doc.text)
    return chunks


def stderr_progress(label: str = "annotating") -> Callable[[int, int], None]:
    """A progress callback printing ``label: done/total`` to stderr, at most ~20 times."""
    state = {"last": -1}

    def report(done: int, total: int) -> None:
        step = max(1, total // 20)
        if done == total or done // step != state["last"]:
            state["last"] = done // step
            print(
                f"\r{label}: {done}/{total} documents", end="\n" if done == total else "", file=sys.stderr, flush=True
            )

    return report
