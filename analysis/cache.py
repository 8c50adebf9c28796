"""Content-addressed Parquet cache of per-document annotation frames.

Rows are keyed by the *annotation key* of the stage that made them (a hash of the document's
content, the stage's code and its reference data; see :func:`analysis.pipeline.stage_keys`),
so each stage's rows are found, or missed, on their own. Annotated documents are written
together as a *shard*: a folder holding ``keys.parquet`` (doc_id, _key: every key it holds)
and one ``<frame>.parquet`` per frame, each row tagged with ``_key``.

Writes are atomic: a shard is written into a temporary folder beside the others and
renamed into place, so a reader sees a whole shard or none, and two processes writing
the same documents at once both succeed (the second rename finds the shard there and
drops its copy). Nothing is ever rewritten in place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis import config

KEY_COLUMN = "_key"
KEYS_FILE = "keys.parquet"
SHARDS = "shards"


def default_dir() -> Path:
    """``$NEWSCOV_CACHE`` if set, else ``.cache/annotations`` in the project folder."""
    return config.cache_dir()


class ShardCache:
    """A folder of shards; see the module docstring.

    Parameters
    ----------
    root: the cache folder (created on first write).
    """

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root is not None else default_dir()
        self.shards = self.root / SHARDS
        self._index: dict[str, Path] | None = None

    def index(self) -> dict[str, Path]:
        """Map of annotation key -> shard folder holding it (newest shard wins)."""
        if self._index is None:
            found: dict[str, Path] = {}
            if self.shards.is_dir():
                for shard in sorted(self.shards.iterdir(), key=lambda p: p.stat().st_mtime):
                    keys = shard / KEYS_FILE
                    if shard.name.startswith(".") or not keys.is_file():
                        continue
                    for key in pq.read_table(keys, columns=[KEY_COLUMN]).column(0).to_pylist():
                        found[key] = shard
            self._index = found
        return self._index

    def missing(self, keys: list[str]) -> list[str]:
        """The keys not in the cache."""
        idx = self.index()
        return [k for k in keys if k not in idx]

    def read(self, wanted: dict[str, list[str]]) -> dict[str, pd.DataFrame]:
        """Rows of each frame for its keys (all must be cached), with the ``_key`` column.

        Parameters
        ----------
        wanted: frame name -> the annotation keys whose rows to read (the keys of the stage
            that makes that frame, see :func:`analysis.pipeline.stored_frames`).
        """
        idx = self.index()
        out: dict[str, pd.DataFrame] = {}
        for name, keys in wanted.items():
            by_shard: dict[Path, set[str]] = {}
            for k in keys:
                by_shard.setdefault(idx[k], set()).add(k)
            parts = []
            for shard, mine in sorted(by_shard.items()):
                table = pq.read_table(shard / f"{name}.parquet")
                mask = pc.is_in(table.column(KEY_COLUMN), value_set=pa.array(sorted(mine)))
                parts.append(table.filter(mask).to_pandas())
            out[name] = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        return out

    def write(self, keys: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> Path:
        """Write one shard atomically.

        Parameters
        ----------
        keys: a frame with columns doc_id and ``_key``: every annotation key the shard holds
            (one per document and stage).
        frames: frame name -> rows, each with a ``_key`` column; a frame file is written
            for every frame, so a key's stage finds its (possibly empty) rows.
        """
        self.shards.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256("\n".join(sorted(keys[KEY_COLUMN])).encode()).hexdigest()[:24]
        final = self.shards / digest
        if final.exists():
            self._remember(keys, final)
            return final
        tmp = Path(tempfile.mkdtemp(prefix=f".{digest}.{uuid.uuid4().hex[:8]}.", dir=self.shards))
        try:
            for name, frame in frames.items():
                pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp / f"{name}.parquet")
            pq.write_table(pa.Table.from_pandas(keys, preserve_index=False), tmp / KEYS_FILE)
            try:
                os.rename(tmp, final)
            except OSError:  # another process published the same shard first
                shutil.rmtree(tmp, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._remember(keys, final)
        return final

    def _remember(self, keys: pd.DataFrame, shard: Path) -> None:
        if self._index is not None:
            for k in keys[KEY_COLUMN]:
                self._index[k] = shard

    def clear(self) -> int:
        """Delete every shard; returns how many were removed."""
        n = 0
        if self.shards.is_dir():
            for shard in self.shards.iterdir():
                shutil.rmtree(shard, ignore_errors=True)
                n += 1
        self._index = None
        return n
