"""``load_corpus``: read, annotate (or fetch from cache) and assemble the corpus frames.

The :class:`Corpus` holds tidy pandas frames, one row per thing, with offsets into
``documents.text`` so every figure can point back to the sentence it came from:

* ``documents``: doc_id, outlet, title, published (datetime64, NaT when unknown),
  words, text, encoding, source, and the manifest's other fields.
* ``paragraphs``: doc_id, para_id, start, end, kind, is_furniture, reason, text.
* ``sentences``: doc_id, sent_id, para_id, start, end, text, is_furniture (+ stage
  columns such as sentiment scores).
* one frame per analysis stage (``mentions``, ``quotes``, ``events``), see
  :mod:`analysis.pipeline.annotate`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import pipeline
from analysis.cache import KEY_COLUMN, ShardCache
from analysis.documents import DEFAULT_CORPUS, Document, read_documents
from analysis.text import word_count

DOC_COLUMNS = ["doc_id", "outlet", "title", "published", "words", "text", "encoding", "source"]


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
        words, text, encoding, source, the manifest's other fields and ``_key``."""
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

    def filter(self, outlets: list[str] | None = None, date_from: Any = None, date_to: Any = None) -> Corpus:
        """A new Corpus restricted to some outlets and a publication-date range.

        Parameters
        ----------
        outlets: outlet names to keep; None or empty keeps all. Unknown names are an error.
        date_from, date_to: inclusive ISO dates (or Timestamps); None leaves that side
            open. With a range set, undated documents are dropped and a note says so.
        """
        docs = self.documents
        notes = list(self.notes)
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
                keep &= docs["published"] >= pd.Timestamp(date_from)
            if date_to is not None:
                keep &= docs["published"] < pd.Timestamp(date_to) + pd.Timedelta(days=1)
            docs = docs[keep]
        ids = set(docs["doc_id"])
        frames = {
            name: (frame[frame["doc_id"].isin(ids)].reset_index(drop=True)) for name, frame in self.frames.items()
        }
        return Corpus(frames=frames, source=self.source, reference=self.reference, stats=dict(self.stats), notes=notes)

    def sentence_of(self, doc_id: str, offset: int) -> str:
        """The text of the sentence of ``doc_id`` that contains character ``offset``."""
        s = self.sentences
        hit = s[(s["doc_id"] == doc_id) & (s["start"] <= offset) & (s["end"] > offset)]
        return hit["text"].iloc[0] if len(hit) else ""


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
    frame["published"] = pd.to_datetime(frame["published"])
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
    progress: print progress to stderr; None shows it when more than 200 documents
        need annotating.

    Raises :class:`analysis.documents.CorpusError` for a bad corpus, ``FileNotFoundError`` /
    ``ValueError`` for bad reference files.
    """
    t0 = time.perf_counter()
    docs = read_documents(path)
    from analysis.actors.overrides import corpus_actors

    store = ShardCache(None if cache is True else cache) if cache is not False else None
    table = corpus_actors(path, docs, actors, store.root if store is not None else None)
    ref = pipeline.Reference.load(actors=table, sentiment_overrides=sentiment_overrides)
    keys = {d.doc_id: pipeline.stage_keys(d, ref) for d in docs}
    t_read = time.perf_counter()
    every = [k for doc_keys in keys.values() for k in doc_keys.values()]
    missing = set(every) if store is None else set(store.missing(every))
    todo = [d for d in docs if not missing.isdisjoint(keys[d.doc_id].values())]
    fresh: dict[str, pd.DataFrame] = {}
    if todo:
        show = progress if progress is not None else len(todo) > 200
        callback = pipeline.stderr_progress() if show else None
        if engine == "dask":
            from analysis.pipeline import dask_engine

            fresh = dask_engine.run_dask(todo, ref, scheduler=scheduler, progress=callback)
        elif engine == "local":
            fresh = pipeline.run_local(todo, ref, jobs=jobs, progress=callback)
        else:
            raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
        if store is not None:
            written = [(d.doc_id, k) for d in todo for k in keys[d.doc_id].values() if k in missing]
            store.write(
                pd.DataFrame(written, columns=["doc_id", KEY_COLUMN]),
                {name: frame[frame[KEY_COLUMN].isin(missing)] for name, frame in fresh.items()},
            )
    t_annot = time.perf_counter()
    owners = pipeline.stored_frames()
    wanted = {name: [keys[d.doc_id][stage] for d in docs] for name, stage in owners.items()}
    frames = store.read(wanted) if store is not None else fresh
    ordered = {}
    for name in owners:
        order = {k: i for i, k in enumerate(wanted[name])}
        frame = frames[name]
        sort_cols = [c for c in ("start", "sent_id", "para_id") if c in frame.columns][:1]
        ordered[name] = (
            frame.assign(_order=frame[KEY_COLUMN].map(order))
            .sort_values(["_order"] + sort_cols, kind="stable")
            .drop(columns=["_order", KEY_COLUMN])
            .reset_index(drop=True)
        )
    doc_keys = [pipeline.annotation_key(d, ref) for d in docs]
    assembled = {"documents": documents_frame(docs).assign(_key=doc_keys), **pipeline.join_added(ordered)}
    stats = {
        "documents": len(docs),
        "annotated": len(todo),
        "cached": len(docs) - len(todo),
        "read_s": round(t_read - t0, 4),
        "annotate_s": round(t_annot - t_read, 4),
        "total_s": round(time.perf_counter() - t0, 4),
    }
    return Corpus(frames=assembled, source=str(path or DEFAULT_CORPUS), reference=ref, stats=stats)
