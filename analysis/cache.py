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

Beside the shards, ``corpora/`` keeps the assembled frames of the last few corpora loaded
(:data:`CORPORA_KEPT`), each under a digest of everything they are made of (every document's
fields and annotation key, and the assembling code): a warm load reads one copy instead of
every shard and assembling them again (:meth:`ShardCache.read_corpus`). A copy is written only
when Parquet gives its frames back as they are (:meth:`ShardCache.write_corpus`), and checked
like a shard.

Nothing damaged is served: each shard carries ``checksums.json`` (the SHA-256 of every file
in it, and one over them all). ``keys.parquet`` is verified when the index is built, a frame
file before its rows are read. A shard that fails (a flipped byte, a truncated, empty,
missing or swapped file, no checksums) is moved to ``quarantine/`` and its documents count
as not cached, so the loader annotates them again; :attr:`ShardCache.damaged` says what
happened, one line per shard.
"""

from __future__ import annotations

import hashlib
import json
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
CHECKSUMS_FILE = "checksums.json"
SHARDS = "shards"
QUARANTINE = "quarantine"
CORPORA = "corpora"
CORPORA_KEPT = 4  # assembled corpora kept (the most recently written); older copies are removed
ROUNDTRIP_ROWS = 5_000  # rows of each frame read back from Parquet before a corpus copy is kept


class DamagedShardError(RuntimeError):
    """A cached shard failed verification while being read; it has been quarantined.

    ``keys`` holds the annotation keys it held (to annotate again).
    """

    def __init__(self, messages: list[str], keys: set[str]):
        self.messages, self.keys = messages, keys
        super().__init__("; ".join(messages))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _shard_digest(files: dict[str, str]) -> str:
    """One checksum over a shard's files (names and their checksums)."""
    return _sha256("\n".join(f"{k} {v}" for k, v in sorted(files.items())).encode())


def _parquet(table: pa.Table) -> memoryview:
    """``table`` as the bytes of a Parquet file (a view of Arrow's buffer, not a copy)."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return memoryview(sink.getvalue())


def _reads_back(frame: pd.DataFrame, table: pa.Table) -> bool:
    """Whether ``frame``, as ``table`` (its Arrow form), reads back from Parquet as it is: a
    default index, the same dtypes, and equal values on the first :data:`ROUNDTRIP_ROWS` rows."""
    n = min(len(frame), ROUNDTRIP_ROWS)
    back = pq.read_table(pa.BufferReader(_parquet(table.slice(0, n)))).to_pandas()
    return (
        frame.index.equals(pd.RangeIndex(len(frame)))
        and back.dtypes.equals(frame.dtypes)
        and back.equals(frame.iloc[:n].reset_index(drop=True))
    )


def _publish(tmp: Path, final: Path, sums: dict[str, str]) -> None:
    """Write ``checksums.json`` into a finished temporary folder and rename it to ``final``; when
    another process published the same folder first, drop this copy (the contents are the same)."""
    record = {"files": sums, "shard": _shard_digest(sums)}
    (tmp / CHECKSUMS_FILE).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    try:
        os.rename(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


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
        self._checksums: dict[Path, dict[str, str]] = {}
        self.damaged: list[str] = []  # one line per shard found damaged (and quarantined)

    def index(self) -> dict[str, Path]:
        """Map of annotation key -> shard folder holding it (newest shard wins); damaged
        shards are quarantined and left out."""
        if self._index is None:
            found: dict[str, Path] = {}
            if self.shards.is_dir():
                for shard in sorted(self.shards.iterdir(), key=_mtime):
                    if shard.name.startswith(".") or not shard.is_dir():
                        continue
                    try:
                        keys = pq.read_table(pa.BufferReader(self._verified(shard, KEYS_FILE)), columns=[KEY_COLUMN])
                    except (OSError, ValueError, pa.ArrowException) as err:
                        self._quarantine(shard, err)
                        continue
                    for key in keys.column(0).to_pylist():
                        found[key] = shard
            self._index = found
        return self._index

    def _verified(self, shard: Path, name: str) -> bytes:
        """The bytes of ``shard/name`` after checking them against the shard's checksums.

        Raises ValueError (damaged: checksum mismatch, no checksums, file not listed) or
        OSError (missing, unreadable).
        """
        sums = self._checksums.get(shard)
        if sums is None:
            try:
                record = json.loads((shard / CHECKSUMS_FILE).read_text(encoding="utf-8"))
                sums = record["files"]
                if record["shard"] != _shard_digest(sums):
                    raise ValueError(f"{CHECKSUMS_FILE} does not match its files list")
            except FileNotFoundError:
                raise ValueError(f"no {CHECKSUMS_FILE} (written by an older version)") from None
            except (KeyError, TypeError, json.JSONDecodeError, UnicodeDecodeError) as err:
                raise ValueError(f"{CHECKSUMS_FILE} unreadable ({type(err).__name__})") from None
            self._checksums[shard] = sums
        if name not in sums:
            raise ValueError(f"{name} is not listed in {CHECKSUMS_FILE}")
        data = (shard / name).read_bytes()
        if _sha256(data) != sums[name]:
            raise ValueError(f"{name} fails its checksum ({len(data):,} bytes)")
        return data

    def _quarantine(
        self, shard: Path, err: BaseException, what: str = "shard", then: str = "its documents are annotated again"
    ) -> None:
        """Move a damaged shard (or corpus copy) out of its folder and record one line saying so."""
        why = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        if isinstance(err, FileNotFoundError) and err.filename:
            why = f"{Path(err.filename).name} is missing"
        self.damaged.append(f"cache {what} {shard.name} is damaged ({why}): {then}")
        dest = self.root / QUARANTINE / f"{shard.name}.{uuid.uuid4().hex[:6]}"
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.rename(shard, dest)
        except OSError:
            shutil.rmtree(shard, ignore_errors=True)
        self._checksums.pop(shard, None)
        if self._index is not None:
            self._index = {k: v for k, v in self._index.items() if v != shard}

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

        Raises :class:`DamagedShardError` (after quarantining every damaged shard met) when a
        frame file fails verification: the caller annotates those keys again.
        """
        idx = self.index()
        out: dict[str, pd.DataFrame] = {}
        damaged: dict[Path, BaseException] = {}
        for name, keys in wanted.items():
            by_shard: dict[Path, set[str]] = {}
            for k in keys:
                by_shard.setdefault(idx[k], set()).add(k)
            parts = []
            for shard, mine in sorted(by_shard.items()):
                if shard in damaged:
                    continue
                try:
                    table = pq.read_table(pa.BufferReader(self._verified(shard, f"{name}.parquet")))
                except (OSError, ValueError, pa.ArrowException) as err:
                    damaged[shard] = err
                    continue
                mask = pc.is_in(table.column(KEY_COLUMN), value_set=pa.array(sorted(mine)))
                parts.append(table.filter(mask).to_pandas())
            out[name] = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        if damaged:
            lost = {k for k, shard in idx.items() if shard in damaged}
            before = len(self.damaged)
            for shard, err in damaged.items():
                self._quarantine(shard, err)
            raise DamagedShardError(self.damaged[before:], lost)
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
            sums = {}
            for name, frame in {**frames, KEYS_FILE.removesuffix(".parquet"): keys}.items():
                sink = pa.BufferOutputStream()
                pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), sink)
                data = sink.getvalue().to_pybytes()
                (tmp / f"{name}.parquet").write_bytes(data)
                sums[f"{name}.parquet"] = _sha256(data)
            _publish(tmp, final, sums)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._remember(keys, final)
        return final

    def sound(self, keys: list[str]) -> bool:
        """Whether every key is cached in a shard whose files all pass their checksums.

        Checks what :meth:`read` would check, without decoding a frame: a shard that fails is
        quarantined (a line in :attr:`damaged`), and False is returned, as for a missing key.
        """
        idx = self.index()
        shards = set()
        for k in keys:
            shard = idx.get(k)
            if shard is None:
                return False
            shards.add(shard)
        whole = True
        for shard in sorted(shards):
            try:
                self._verified(shard, KEYS_FILE)  # and the shard's checksums read
                for name in sorted(self._checksums[shard]):
                    if name != KEYS_FILE:
                        self._verified(shard, name)
            except (OSError, ValueError) as err:
                self._quarantine(shard, err)
                whole = False
        return whole

    def read_corpus(self, digest: str) -> dict[str, pd.DataFrame] | None:
        """The assembled frames kept under ``digest`` (:meth:`write_corpus`), or None.

        A copy that fails verification is quarantined, with a line in :attr:`damaged`, and None
        is returned: the caller assembles the corpus from its shards again.
        """
        folder = self.root / CORPORA / digest
        if not folder.is_dir():
            return None
        try:
            names = json.loads(self._verified(folder, "frames.json"))
            frames = {
                name: pq.read_table(pa.BufferReader(self._verified(folder, f"{name}.parquet"))).to_pandas()
                for name in names
            }
        except (OSError, ValueError, TypeError, pa.ArrowException) as err:
            self._quarantine(folder, err, what="assembled corpus copy", then="it is assembled again from the shards")
            return None
        return frames

    def write_corpus(self, digest: str, frames: dict[str, pd.DataFrame]) -> bool:
        """Keep a corpus's assembled frames under ``digest``, atomically; False when not kept.

        A frame Parquet cannot hold exactly keeps no copy at all, and loads of that corpus
        assemble it from the shards: a column Arrow refuses (mixed types), or one that reads
        back as another dtype or other values (a list read back as an array, a seconds
        timestamp as milliseconds). Arrow fixes each column's type for all its rows, so what
        Parquet gives back is checked on the first :data:`ROUNDTRIP_ROWS` rows with the whole
        column's type, without a second copy of a large frame in memory.
        Only the :data:`CORPORA_KEPT` most recent copies are kept.
        """
        folder = self.root / CORPORA
        final = folder / digest
        if final.exists():
            return True
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{digest}.{uuid.uuid4().hex[:8]}.", dir=folder))
        try:
            sums = {}
            for name, frame in frames.items():
                table = pa.Table.from_pandas(frame, preserve_index=False)
                if not _reads_back(frame, table):
                    shutil.rmtree(tmp, ignore_errors=True)
                    return False
                data = _parquet(table)
                del table
                (tmp / f"{name}.parquet").write_bytes(data)
                sums[f"{name}.parquet"] = hashlib.sha256(data).hexdigest()
            listing = json.dumps(list(frames)).encode()
            (tmp / "frames.json").write_bytes(listing)
            sums["frames.json"] = _sha256(listing)
            _publish(tmp, final, sums)
        except (pa.ArrowException, TypeError, ValueError):  # a column Arrow cannot hold: no copy
            shutil.rmtree(tmp, ignore_errors=True)
            return False
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        kept = sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=_mtime, reverse=True)
        for old in kept[CORPORA_KEPT:]:
            shutil.rmtree(old, ignore_errors=True)
        return True

    def _remember(self, keys: pd.DataFrame, shard: Path) -> None:
        if self._index is not None:
            for k in keys[KEY_COLUMN]:
                self._index[k] = shard

    def clear(self) -> int:
        """Delete every shard (and the quarantined ones); returns how many were removed."""
        n = 0
        if self.shards.is_dir():
            for shard in self.shards.iterdir():
                shutil.rmtree(shard, ignore_errors=True)
                n += 1
        shutil.rmtree(self.root / QUARANTINE, ignore_errors=True)
        shutil.rmtree(self.root / CORPORA, ignore_errors=True)
        self._index = None
        self._checksums = {}
        return n


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
