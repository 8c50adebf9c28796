"""Beyond one machine: the same per-document annotation mapped over a Dask cluster.

:func:`run_dask` splits the documents into partitions, maps
:func:`analysis.pipeline.annotate_chunk` over them on the cluster's workers, and gathers
the frames; with ``out_dir`` each worker also writes its partition as Parquet
(``<out_dir>/<frame>/part-NNNNN.parquet``: a partitioned dataset that pandas, pyarrow,
Dask or Spark read as one table). The frames are identical to the local engine's.

Point it at a real cluster with ``scheduler="tcp://host:8786"`` (``--scheduler`` on the
command line); the workers need this package and its NLTK data installed
(``pip install -e . && python -m analysis setup`` on each), and for ``out_dir`` a
folder they can all write (a shared file system). With no scheduler a
``LocalCluster`` with one single-threaded worker process per core is started and closed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.documents import Document
from analysis.pipeline.annotate import Reference, annotate_chunk, annotation_key, merge_results
from analysis.pipeline.local import default_jobs

PARTITION_DOCS = 64


def _annotate_partition(
    index: int, docs: list[Document], ref: Reference, out_dir: str | None, stages: dict | None = None
) -> dict[str, pd.DataFrame]:
    frames = annotate_chunk(docs, ref, stages=stages)
    if out_dir:
        for name, frame in frames.items():
            folder = Path(out_dir) / name
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".part-{index:05d}.parquet.tmp"
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)
            tmp.replace(folder / f"part-{index:05d}.parquet")
    return frames


def run_dask(
    docs: list[Document],
    ref: Reference,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    partition_docs: int = PARTITION_DOCS,
    out_dir: Path | str | None = None,
    workers: int | None = None,
    stages: dict[str, frozenset[str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """Annotate ``docs`` on a Dask cluster; returns the same frames as the local engine.

    Parameters
    ----------
    docs: the documents to annotate.
    ref: the loaded reference data (sent to the workers once).
    scheduler: a scheduler address (``tcp://host:8786``); None starts a LocalCluster.
    progress: called as ``progress(done, total)`` as partitions finish.
    partition_docs: documents per partition (task).
    out_dir: if given, each partition is also written as Parquet under it.
    workers: local worker processes when no scheduler is given (default: the cores).
    stages: doc_id -> the stages to run for it (see :func:`~analysis.pipeline.annotate.annotate_chunk`).
    """
    from dask.distributed import Client, LocalCluster, as_completed

    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(
            n_workers=workers or default_jobs(), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        parts = [docs[i : i + partition_docs] for i in range(0, len(docs), partition_docs)]
        ref_future = client.scatter(ref, broadcast=True)
        futures = [
            client.submit(
                _annotate_partition,
                i,
                part,
                ref_future,
                str(out_dir) if out_dir else None,
                None if stages is None else {d.doc_id: stages[d.doc_id] for d in part if d.doc_id in stages},
                key=f"annotate-{i:05d}-{annotation_key(part[0], ref)[:8]}",
            )
            for i, part in enumerate(parts)
        ]
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[dict[str, pd.DataFrame] | None] = [None] * len(futures)
        done = 0
        for fut in as_completed(futures):
            i = index[fut.key]
            results[i] = fut.result()
            done += len(parts[i])
            if progress:
                progress(done, len(docs))
        return merge_results(r for r in results if r is not None)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
