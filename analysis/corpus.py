"""``load_corpus``: read, annotate (or fetch from cache) and assemble the corpus frames.

The :class:`Corpus` holds tidy pandas frames, one row per thing, with offsets into
``documents.text`` so every figure can point back to the sentence it came from:

* ``documents``: doc_id, outlet, title, published (datetime64, NaT when unknown),
  words, text, encoding, source, the manifest's other fields, and the ``syndication`` stage's
  wire-copy marks (wire, wire_role, wire_kind, wire_field, wire_start, wire_end, wire_evidence,
  wire_cited; see :mod:`analysis.syndication.stage`).
* ``paragraphs``: doc_id, para_id, start, end, kind, is_furniture, reason, text.
* ``sentences``: doc_id, sent_id, para_id, start, end, text, is_furniture (+ stage
  columns such as sentiment scores).
* one frame per analysis stage (``mentions``, ``quotes``, ``events``), see
  :mod:`analysis.pipeline.annotate`.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import nltkdata, pipeline
from analysis.cache import KEY_COLUMN, DamagedShardError, ShardCache
from analysis.documents import DEFAULT_CORPUS, CorpusError, Document, parse_published, read_documents
from analysis.text import word_count

PROGRESS_MIN_DOCS = 200  # progress is shown by default above this many documents to annotate
PROGRESS_MIN_CHARS = 2_000_000  # ... or this much text
DOC_COLUMNS = ["doc_id", "outlet", "title", "published", "words", "text", "encoding", "source"]
DOCUMENT_FRAMES = ("wire",)  # stage frames with one row per document, joined onto ``documents``
WIRE_LEFT_OUT = "wire_left_out"  # stats key: the wire-copy articles an own-reporting filter left out


@dataclass
class Corpus:
    """The annotated corpus: frames plus where they came from.

    The frames are properties (:attr:`documents`, :attr:`paragraphs`, :attr:`sentences`,
    :attr:`mentions`, :attr:`quotes`, :attr:`events`); ``frames`` holds them by name.
    ``source`` is the corpus path, ``reference`` the reference data used, ``stats`` the
    load timings and cache hits, ``notes`` caveats to show a reader (for example undated
    documents dropped by a date filter).
    """

    frames: dict[str, pd.DataFrame]
    source: str
    reference: pipeline.Reference
    stats: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def _frame(self, name: str) -> pd.DataFrame:
        try:
            return self.frames[name]
        except KeyError:
            raise AttributeError(f"Corpus has no frame {name!r}; frames: {', '.join(self.frames)}") from None

    @property
    def documents(self) -> pd.DataFrame:
        """One row per article: doc_id, outlet, title, published (datetime64, NaT when unknown),
        words, text, encoding, source, the manifest's other fields, ``_key``, and the wire-copy
        marks: wire (agency or ""), wire_role ("wire", "contribution" or ""), wire_kind, wire_field,
        wire_start, wire_end (offsets of the evidence in that field, -1 when none), wire_evidence,
        wire_cited."""
        return self._frame("documents")

    @property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: doc_id, para_id, start, end, kind, is_furniture, reason, text."""
        return self._frame("paragraphs")

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: doc_id, sent_id, para_id, start, end, text, is_furniture, and the
        sentiment stage's neg, neu, pos, compound (and ``*_ovr`` with the overrides)."""
        return self._frame("sentences")

    @property
    def mentions(self) -> pd.DataFrame:
        """One row per actor mention (:mod:`analysis.actors.stage`): doc_id, sent_id, actor,
        actor_type, surface, start, end, in_furniture."""
        return self._frame("mentions")

    @property
    def quotes(self) -> pd.DataFrame:
        """One row per attribution (:mod:`analysis.sources.stage`): doc_id, sent_id, quote, kind,
        speaker, speaker_type, affiliation, verb, start, end, relayed_by, speaker_text."""
        return self._frame("quotes")

    @property
    def events(self) -> pd.DataFrame:
        """One row per temporal expression (:mod:`analysis.timeline.stage`), resolved against
        the article's date."""
        return self._frame("events")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.frames.items())
        return f"<Corpus {self.source}: {sizes}>"

    @property
    def fingerprint(self) -> str:
        """A hash of the documents and reference data (same input, same fingerprint)."""
        import hashlib

        keys = "\n".join(sorted(self.documents["_key"])) if "_key" in self.documents else ""
        return hashlib.sha256(keys.encode()).hexdigest()[:16]

    def filter(
        self,
        outlets: list[str] | None = None,
        date_from: Any = None,
        date_to: Any = None,
        own_reporting_only: bool = False,
    ) -> Corpus:
        """A new Corpus restricted to some outlets, a publication-date range and (optionally) own reporting.

        Parameters
        ----------
        outlets: outlet names to keep; None or empty keeps all. Unknown names are an error.
        date_from, date_to: inclusive bounds, None leaves that side open. A date
            (``2026-02-24``) covers its whole day; a datetime (``2026-02-24T09:00``, as
            :func:`analysis.documents.parse_published` reads it) is that instant, so
            ``date_to=2026-02-24T09:00`` keeps 09:00 and drops 09:01. Anything that is not
            ISO (``now``, ``yesterday``, ``24/02/2026``) is a ValueError. With a range set,
            undated documents are dropped and a note says so.
        own_reporting_only: leave out wire copy (``wire_role == "wire"``; an agency contribution
            or citation stays); a note says how many articles per outlet, and
            ``stats["wire_left_out"]`` lists them (outlet, wire, words) so the wire share can
            still be shown.
        """
        docs = self.documents
        notes = list(self.notes)
        stats = dict(self.stats)
        if outlets:
            known = set(docs["outlet"])
            unknown = [o for o in outlets if o not in known]
            if unknown:
                raise ValueError(f"unknown outlet(s) {unknown}; the corpus has {sorted(known)}")
            docs = docs[docs["outlet"].isin(outlets)]
        if date_from is not None or date_to is not None:
            undated = docs["published"].isna()
            if undated.any():
                notes.append(f"{int(undated.sum())} undated document(s) left out by the date range")
            keep = ~undated
            if date_from is not None:
                keep &= docs["published"] >= _bound("date_from", date_from)[0]
            if date_to is not None:
                end, whole_day = _bound("date_to", date_to)
                keep &= docs["published"] < end + pd.Timedelta(days=1) if whole_day else docs["published"] <= end
            docs = docs[keep]
        if own_reporting_only:
            if "wire_role" not in docs.columns:
                raise ValueError("own_reporting_only needs the documents' wire marks (load with analysis.load_corpus)")
            wire = docs["wire_role"] == "wire"
            gone = docs.loc[wire, ["outlet", "wire", "words"]]
            stats[WIRE_LEFT_OUT] = gone.to_dict("records")
            per_outlet = gone["outlet"].value_counts().sort_index()
            where = ", ".join(f"{o} {n}" for o, n in per_outlet.items()) or "none found"
            notes.append(f"own reporting only: {int(wire.sum())} wire-copy article(s) left out ({where})")
            docs = docs[~wire]
        ids = set(docs["doc_id"])
        frames = {
            name: (frame[frame["doc_id"].isin(ids)].reset_index(drop=True)) for name, frame in self.frames.items()
        }
        return Corpus(frames=frames, source=self.source, reference=self.reference, stats=stats, notes=notes)

    def sentence_of(self, doc_id: str, offset: int) -> str:
        """The text of the sentence of ``doc_id`` that contains character ``offset``."""
        s = self.sentences
        hit = s[(s["doc_id"] == doc_id) & (s["start"] <= offset) & (s["end"] > offset)]
        return hit["text"].iloc[0] if len(hit) else ""


def _bound(name: str, value: Any) -> tuple[pd.Timestamp, bool]:
    """A filter bound as (timestamp, whether it is a whole day); ValueError naming ``name``."""
    if isinstance(value, pd.Timestamp | dt.datetime):
        ts = parse_published(value)
        return ts, False
    if isinstance(value, dt.date):
        return pd.Timestamp(value), True
    try:
        ts = parse_published(value)
    except ValueError as err:
        raise ValueError(f"{name}: {str(err).replace('published date', 'date')}") from None
    if ts is None:
        raise ValueError(f"{name}: empty date")
    return ts, len(str(value).strip()) == 10


def documents_frame(docs: list[Document]) -> pd.DataFrame:
    """The documents frame for a list of Documents (manifest extras become columns)."""
    rows = []
    for d in docs:
        row = {
            "doc_id": d.doc_id,
            "outlet": d.outlet,
            "title": d.title,
            "published": d.published if d.published is not None else pd.NaT,
            "words": word_count(d.text),
            "text": d.text,
            "encoding": d.encoding,
            "source": d.source,
        }
        row.update({k: v for k, v in d.meta.items() if k not in row and k != "file"})
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["published"] = pd.to_datetime(frame["published"]).astype("datetime64[ns]")  # also when all undated
    frame["words"] = frame["words"].astype("int64")
    extra = [c for c in frame.columns if c not in DOC_COLUMNS]
    return frame[DOC_COLUMNS + extra]


def load_corpus(
    path: Path | str | None = None,
    *,
    actors: Path | str | None = None,
    sentiment_overrides: Path | str | None = None,
    jobs: int | None = None,
    cache: bool | Path | str = True,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
) -> Corpus:
    """Load, annotate and assemble a corpus.

    Parameters
    ----------
    path: corpus folder (texts + ``manifest.csv``) or ``.csv``/``.jsonl``/``.parquet``
        file; None means the embedded seed corpus.
    actors: actors file (YAML). For the embedded seed corpus it is the whole table (None
        means ``data/actors.yml``); for any other corpus the actors are found in its text and
        this file (or ``actors.yml`` beside its manifest) overrides them
        (:mod:`analysis.actors.overrides`).
    sentiment_overrides: sentiment override file; None means ``data/sentiment_overrides.yml``.
    jobs: worker processes for annotation (default: the usable cores).
    cache: True for the default cache folder, a folder path, or False for no cache.
    engine: ``"local"`` (process pool) or ``"dask"`` (see :mod:`analysis.pipeline.dask_engine`).
    scheduler: with ``engine="dask"``, a scheduler address; None starts a local cluster.
    progress: print progress to stderr (after every document in this process, after every
        chunk in a pool); None shows it when more than 200 documents or 2 MB of text need
        annotating.

    A document whose annotation runs past ``$NEWSCOV_DOC_BUDGET`` seconds (default 600) is
    left out with a note naming it (``Corpus.notes``, stderr, ``stats["failed"]``).

    Raises :class:`analysis.documents.CorpusError` for a bad corpus, ``FileNotFoundError`` /
    ``ValueError`` for bad reference files.
    """
    t0 = time.perf_counter()
    docs = read_documents(path)
    from analysis.actors.overrides import cached_prints, corpus_actors

    store = ShardCache(None if cache is True else cache) if cache is not False else None
    table = corpus_actors(path, docs, actors, store.root if store is not None else None, jobs)
    ref = pipeline.Reference.load(actors=table, sentiment_overrides=sentiment_overrides)
    pipeline.code_versions(memo_dir=store.root if store is not None else None)
    with cached_prints(ref, store.root if store is not None else None):
        keys = {d.doc_id: pipeline.stage_keys(d, ref) for d in docs}
    doc_keys = [pipeline.annotation_key(d, ref, keys[d.doc_id]) for d in docs]
    t_read = time.perf_counter()
    digest = assembly_digest(docs, doc_keys) if store is not None else ""
    kept = store.read_corpus(digest) if store is not None else None
    every = [k for d in docs for k in keys[d.doc_id].values()]
    if kept is not None and store.sound(every):  # assembled before, from shards still whole: as kept
        stats = _stats(docs, store, t0, t_read)
        return Corpus(frames=kept, source=str(path or DEFAULT_CORPUS), reference=ref, stats=stats)
    owners = pipeline.stored_frames()
    run = {"jobs": jobs, "engine": engine, "scheduler": scheduler, "progress": progress}
    annotated: set[str] = set()
    failed: list[str] = []
    for _attempt in range(3):  # a shard found damaged while reading is quarantined: annotate again
        done = _annotate_missing(docs, keys, ref, store, run)
        annotated |= done["doc_ids"]
        if done["failed"] is not None:  # past the per-document time budget: left out, the others kept
            failed += [f"document {r.doc_id} ({r.source}): {r.error}; left out" for r in done["failed"].itertuples()]
            lost = set(done["failed"]["doc_id"])
            docs = [d for d in docs if d.doc_id not in lost]
            if not docs:
                raise CorpusError(str(path or DEFAULT_CORPUS), failed)
        wanted = {name: [keys[d.doc_id][stage] for d in docs] for name, stage in owners.items()}
        if store is None:
            frames = done.pop("fresh")
            break
        del done["fresh"]  # written to the shards, and read back from them below: not held twice
        try:
            frames = store.read(wanted)
            break
        except DamagedShardError:
            continue
    else:  # pragma: no cover - the cache folder keeps failing as it is written
        raise RuntimeError(f"the annotation cache {store.root} keeps failing verification; clear it")
    notes = (list(store.damaged) if store is not None else []) + failed
    for line in notes:
        print(f"load_corpus: {line}", file=sys.stderr)
    todo = annotated
    t_annot = time.perf_counter()
    ordered = {name: _in_order(frames.pop(name), wanted[name]) for name in owners}  # one copy of each at a time
    joined = pipeline.join_added(ordered)
    del ordered
    key_of = dict(zip(keys, doc_keys, strict=True))
    documents = documents_frame(docs).assign(_key=[key_of[d.doc_id] for d in docs])
    for name in DOCUMENT_FRAMES:
        if name in joined:
            documents = documents.merge(joined.pop(name), on="doc_id", how="left", validate="1:1")
    assembled = {"documents": documents, **joined}
    del joined
    pipeline.release_unused()  # the copies made while assembling
    if store is not None and not failed:
        store.write_corpus(digest, assembled)
    stats = _stats(docs, store, t0, t_read, t_annot, annotated=len(todo), failed=len(failed))
    return Corpus(frames=assembled, source=str(path or DEFAULT_CORPUS), reference=ref, stats=stats, notes=notes)


def _in_order(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """A stored frame's rows in the order of ``keys`` (its documents' annotation keys), then by
    position in the document, without the key column."""
    order = {k: i for i, k in enumerate(keys)}
    sort_cols = [c for c in ("start", "sent_id", "para_id") if c in frame.columns][:1]
    return (
        frame.assign(_order=[order[k] for k in frame[KEY_COLUMN].tolist()])
        .sort_values(["_order"] + sort_cols, kind="stable")
        .drop(columns=["_order", KEY_COLUMN])
        .reset_index(drop=True)
    )


def assembly_digest(docs: list[Document], doc_keys: list[str]) -> str:
    """The key of a corpus's assembled frames in the cache (:meth:`ShardCache.read_corpus`).

    It hashes, in order, every document's fields that reach the ``documents`` frame (doc_id,
    outlet, title, published, encoding, source and the manifest's other fields) with its
    annotation key (its text, the reference data and every stage's code), and the code that
    assembles the frames (:func:`analysis.pipeline.assembly_version`).

    Parameters
    ----------
    docs: the documents, in load order.
    doc_keys: their :func:`analysis.pipeline.annotation_key`, in the same order.
    """
    import hashlib
    import json

    h = hashlib.sha256(pipeline.assembly_version().encode())
    for d, key in zip(docs, doc_keys, strict=True):
        fields = [d.doc_id, d.outlet, d.title, str(d.published), d.encoding, d.source, key]
        meta = sorted((k, repr(v)) for k, v in d.meta.items())
        h.update(json.dumps([fields, meta], ensure_ascii=False).encode())
        h.update(b"\n")
    return h.hexdigest()[:32]


def _stats(
    docs: list[Document],
    store: ShardCache | None,
    t0: float,
    t_read: float,
    t_annot: float | None = None,
    annotated: int = 0,
    failed: int = 0,
) -> dict[str, Any]:
    """The load's ``Corpus.stats``: counts and timings (``annotate_s`` is 0 when nothing was read
    from the shards, the assembled copy having been kept)."""
    now = time.perf_counter()
    return {
        "documents": len(docs),
        "annotated": annotated,
        "cached": len(docs) - annotated,
        "damaged_shards": len(store.damaged) if store is not None else 0,
        "failed": failed,
        "read_s": round(t_read - t0, 4),
        "annotate_s": round((t_annot if t_annot is not None else t_read) - t_read, 4),
        "total_s": round(now - t0, 4),
    }


def _annotate_missing(
    docs: list[Document], keys: dict[str, dict[str, str]], ref: pipeline.Reference, store: ShardCache | None, run: dict
) -> dict[str, Any]:
    """Annotate the documents with a stage key not in the cache and write them as one shard.

    Only the stages whose keys are missing run, with the stages whose frames they read
    (:func:`analysis.pipeline.needed_stages`); segmentation always runs.

    Parameters
    ----------
    docs: every document.
    keys: doc_id -> its stage keys.
    ref: the reference data.
    store: the cache, or None (annotate everything, write nothing).
    run: ``jobs``, ``engine``, ``scheduler``, ``progress`` as given to :func:`load_corpus`.

    Returns
    -------
    ``{"doc_ids": set annotated, "fresh": frames annotated, "failed": frame of documents past
    the time budget (doc_id, source, error) or None}``; those are not cached.
    """
    every = [k for doc_keys in keys.values() for k in doc_keys.values()]
    missing = set(every) if store is None else set(store.missing(every))
    todo = [d for d in docs if not missing.isdisjoint(keys[d.doc_id].values())]
    stages = {d.doc_id: pipeline.needed_stages(n for n, k in keys[d.doc_id].items() if k in missing) for d in todo}
    fresh: dict[str, pd.DataFrame] = {}
    if not todo:
        return {"doc_ids": set(), "fresh": fresh, "failed": None}
    nltkdata.require()  # here, with set-up instructions, not in a worker
    big = len(todo) > PROGRESS_MIN_DOCS or sum(len(d.text) for d in todo) > PROGRESS_MIN_CHARS
    show = run["progress"] if run["progress"] is not None else big
    callback = pipeline.stderr_progress() if show else None
    if run["engine"] == "dask":
        from analysis.pipeline import dask_engine

        fresh = dask_engine.run_dask(todo, ref, scheduler=run["scheduler"], progress=callback, stages=stages)
    elif run["engine"] == "local":
        fresh = pipeline.run_local(todo, ref, jobs=run["jobs"], progress=callback, stages=stages)
    else:
        raise ValueError(f"unknown engine {run['engine']!r}; use 'local' or 'dask'")
    failed = fresh.pop(pipeline.FAILED_FRAME, None)
    if failed is not None:
        todo = [d for d in todo if d.doc_id not in set(failed["doc_id"])]
    if store is not None and todo:
        written = [(d.doc_id, k) for d in todo for k in keys[d.doc_id].values() if k in missing]
        store.write(
            pd.DataFrame(written, columns=["doc_id", KEY_COLUMN]),
            {name: frame[frame[KEY_COLUMN].isin(missing)] for name, frame in fresh.items()},
        )
    return {"doc_ids": {d.doc_id for d in todo}, "fresh": fresh, "failed": failed}
