"""Content-addressed Parquet cache of per-document annotation frames.

Rows are keyed by each document's *annotation key* (a hash of its content, the code and
the reference data that produced them; see :func:`analysis.pipeline.annotation_key`).
Annotated documents are written together as a *shard*: a folder holding ``keys.parquet``
(doc_id, _key) and one ``<frame>.parquet`` per frame, each row tagged with ``_key``.

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

KEY_COLUMN = "_key"
KEYS_FILE = "keys.parquet"
SHARDS = "shards"


def default_dir() -> Path:
    """``$NEWSCOV_CACHE`` if set, else ``.cache/annotations`` in the project folder."""
    env = os.environ.get("NEWSCOV_CACHE")
    return Path(env) if env else Path(__file__).resolve().parent.parent / ".cache" / "annotations"


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

    def read(self, keys: list[str], frames: list[str]) -> dict[str, pd.DataFrame]:
        """Rows of ``frames`` for ``keys`` (all must be cached), with the ``_key`` column."""
        idx = self.index()
        by_shard: dict[Path, set[str]] = {}
        for k in keys:
            by_shard.setdefault(idx[k], set()).add(k)
        out: dict[str, list[pd.DataFrame]] = {f: [] for f in frames}
        for shard, wanted in sorted(by_shard.items()):
            for f in frames:
                table = pq.read_table(shard / f"{f}.parquet")
                mask = pc.is_in(table.column(KEY_COLUMN), value_set=pa.array(sorted(wanted)))
                table = table.filter(mask)
                out[f].append(table.to_pandas())
        return {f: (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()) for f, parts in out.items()}

    def write(self, keys: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> Path:
        """Write one shard atomically.

        Parameters
        ----------
        keys: a frame with columns doc_id and ``_key``, one row per document.
        frames: frame name -> rows, each with a ``_key`` column.
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
