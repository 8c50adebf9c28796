"""Annotation engines: the per-document pipeline, run locally or on Dask.

* :mod:`analysis.pipeline.annotate`: the stages, their cache keys and the pure per-document
  function :func:`annotate_document`;
* :mod:`analysis.pipeline.local`: a process pool on this machine (:func:`run_local`);
* :mod:`analysis.pipeline.dask_engine`: the same over a Dask cluster (:func:`run_dask`).
"""

from __future__ import annotations

from analysis.pipeline.annotate import (
    BASE_FRAMES,
    DEFAULT_REFERENCE,
    FAILED_FRAME,
    KEY_COLUMN,
    STAGES,
    Reference,
    annotate_chunk,
    annotate_document,
    annotation_key,
    assembly_version,
    code_versions,
    frame_names,
    join_added,
    merge_results,
    needed_stages,
    stage_keys,
    stage_modules,
    stored_frames,
)
from analysis.pipeline.local import default_jobs, release_unused, run_local, stderr_progress

__all__ = [
    "BASE_FRAMES",
    "DEFAULT_REFERENCE",
    "FAILED_FRAME",
    "KEY_COLUMN",
    "STAGES",
    "Reference",
    "annotate_chunk",
    "annotate_document",
    "annotation_key",
    "assembly_version",
    "code_versions",
    "default_jobs",
    "frame_names",
    "join_added",
    "merge_results",
    "needed_stages",
    "release_unused",
    "run_local",
    "stage_keys",
    "stage_modules",
    "stderr_progress",
    "stored_frames",
]
