"""The actors table of a corpus: found in its text, with the user's actors file as overrides.

:func:`corpus_actors` decides what the ``actors`` stage gets for a corpus:

* the embedded seed corpus: its own file (``data/actors.yml``) or the one passed, as the whole
  table (as before);
* any other corpus: the actors found in its text (:mod:`analysis.actors.found`), with its
  actors file, if any (passed, or ``actors.yml`` beside its ``manifest.csv``), applied on top
  by :func:`apply_overrides`. A file with ``discover: false`` is the whole table instead, and
  so is the seed story's ``data/actors.yml`` when passed explicitly.

Override keys (an entry is ``Name: {...}`` as in ``data/actors.yml``):

* an entry named like a found actor changes it: ``type`` retypes; ``aliases``, ``titles``,
  ``references``, ``default_for`` are added; ``affiliation`` is set;
* ``from: Found Name`` renames that found actor to the entry's name (merging as above);
* ``merge: [Found A, Found B]`` folds those found actors into the entry (their names and
  aliases become its aliases);
* a new entry is added; aliases it lists are taken away from any found actor (a split);
* top level ``ignore: [Found Name, ...]`` drops found actors (their names become not-actors);
* top level ``not_actors: [...]`` as usual; ``discover: false`` turns finding off.
"""

from __future__ import annotations

import copy
import hashlib
import json
import multiprocessing
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from analysis.actors.reference import ActorsFileError, ActorTable, normalize, parse_actors

FILE_NAME = "actors.yml"
LIST_FIELDS = ("aliases", "titles", "references", "default_for")
OVERRIDE_FIELDS = ("from", "merge")
TOP_KEYS = ("not_actors", "ignore", "discover")
APART_MIN_DOCS = 2000  # from this many documents the finding runs in a process of its own (see found_for)
OBSERVE_CHUNK = 32  # documents a worker reads for names per task
FOUND_DIR = "found_actors"  # cache subfolder: one JSON of found data per corpus content + code
FOUND_CODE = ("found.py", "merge.py", "lexicon.py", "reference.py", "stage.py")  # files that shape the found data


def code_key() -> str:
    """A hash of the finding code (:data:`FOUND_CODE`) and the given-names library."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in FOUND_CODE:
        h.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    h.update(metadata.version("gender-guesser").encode() + b"\0")
    return h.hexdigest()[:16]


def found_key(docs) -> str:
    """A hash of what shapes the found data: every document's content and the finding code.

    Parameters
    ----------
    docs: the corpus's :class:`~analysis.documents.Document` objects, in corpus order.
    """
    h = hashlib.sha256(code_key().encode() + b"\0")
    for d in docs:
        h.update(d.content_hash.encode() + b"\0")
    return h.hexdigest()[:32]


def _observe_json(text: str) -> Any:
    """:func:`~analysis.actors.found.observe` of one text, as JSON-able data (what a worker sends back)."""
    from analysis.actors.found import names_to_json, observe

    return names_to_json(observe(text))


def _observe_all(texts: list[str], jobs: int | None) -> Iterator[Any]:
    """:func:`_observe_json` of every text, in order: in a pool of ``jobs`` processes when there are many.

    Yields one result at a time, so the caller can keep each in its compact form.

    Parameters
    ----------
    texts: the documents' texts.
    jobs: worker processes (None: the usable cores); 1 observes in this process.
    """
    from analysis.pipeline.local import PARALLEL_MIN_DOCS, default_jobs

    jobs = jobs or default_jobs()
    if jobs == 1 or len(texts) < PARALLEL_MIN_DOCS:
        yield from map(_observe_json, texts)
        return
    global _READERS
    readers, _READERS = _READERS, None
    if readers is None:  # not started early in a finding process of its own: start them now, from this one
        _prepare_observe()
        readers = multiprocessing.Pool(jobs)
    try:
        yield from readers.imap(_observe_json, texts, chunksize=OBSERVE_CHUNK)
    finally:  # shut down when the pass is done or left (not when the generator is collected)
        readers.terminate()
        readers.join()


_READERS = None  # in the finding process: the readers' pool, started before the documents arrive


def _prepare_observe() -> None:
    """Read the given-name list and compile the patterns once, so forked readers share them."""
    from analysis.actors import found, lexicon

    lexicon.load_given_names()  # the merge reads it too
    found.observe("")


def start_readers(jobs: int) -> None:
    """In the finding process (:mod:`analysis.actors._apart`): fork its readers while it is still small.

    Forked after the process has received the documents, each reader would share, and a summed
    RSS count, its copy of them; the texts reach the readers a chunk at a time anyway.
    """
    global _READERS
    _prepare_observe()
    _READERS = multiprocessing.Pool(jobs)


def _kept_observations(file: Path | None, wanted: Counter, totals: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The observations kept in ``file`` for the content hashes ``wanted``: (hash -> DocNames, hash -> line).

    The file holds a line per document, ``<content hash> TAB <JSON>``; read line by line, each
    kept observation is held in its compact form only, its word counts added to ``totals``
    (:func:`~analysis.actors.found.runs_from_json`, as many times as ``wanted`` counts the hash).
    A damaged file gives nothing and adds nothing (it is made again).
    """
    from analysis.actors.found import WordCounts, runs_from_json

    names: dict[str, Any] = {}
    lines: dict[str, str] = {}
    if file is None or not file.is_file():
        return names, lines
    counted = WordCounts()
    try:
        with file.open(encoding="utf-8") as fh:
            for line in fh:
                key, _, payload = line.partition("\t")
                if key in wanted and key not in names:
                    names[key] = runs_from_json(json.loads(payload), counted, wanted[key])
                    lines[key] = line
    except (OSError, ValueError, KeyError, TypeError):
        return {}, {}
    totals.midcap.update(counted.midcap)
    totals.lower.update(counted.lower)
    return names, lines


def _observed(docs, folder: Path | None, jobs: int | None = None) -> tuple[list, Any]:
    """Each document's :func:`~analysis.actors.found.observe`, reusing those kept for the same corpus.

    ``folder/observed-<documents>-<code>.jsonl`` (one per set of doc_ids and finding code) keeps
    every document's observation by content hash, a line each: after an edit only the edited
    articles are read again. None: nothing kept. ``jobs``: worker processes for the documents read
    (:func:`_observe_all`).

    Returns (observations, counts): a :class:`~analysis.actors.found.DocNames` per document, in
    order, holding its runs only, and the corpus's summed word case counts
    (:class:`~analysis.actors.found.WordCounts`), the two things
    :func:`~analysis.actors.merge.found_data` reads. Held so, with their strings interned, the
    observations take a third of the memory of the JSON-shaped ones (BBC: 20 against 64 MiB), so a
    corpus of tens of thousands of articles fits.
    """
    from analysis.actors.found import WordCounts, runs_from_json

    ids = hashlib.sha256("\0".join(sorted(d.doc_id for d in docs)).encode()).hexdigest()[:16]
    file = folder / f"observed-{ids}-{code_key()}.jsonl" if folder is not None else None
    texts = {d.content_hash: d.text for d in docs}
    times = Counter(d.content_hash for d in docs)  # a text the corpus holds twice counts twice
    totals = WordCounts()
    names, lines = _kept_observations(file, times, totals)
    todo = [key for key in texts if key not in names]
    if not todo:
        return [names[d.content_hash] for d in docs], totals
    out, tmp = None, None
    if file is not None:  # written line by line as the observations come, none held as JSON
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        out = os.fdopen(fd, "w", encoding="utf-8")
    results = _observe_all([texts[k] for k in todo], jobs)
    try:
        for key in texts:
            if key in lines:
                if out is not None:
                    out.write(lines.pop(key))
                continue
            data = next(results)
            names[key] = runs_from_json(data, totals, times[key])
            if out is not None:
                out.write(f"{key}\t{json.dumps(data, ensure_ascii=False)}\n")
        results.close()  # the readers' pool shut down before the merge, not when collected
        if out is not None:
            out.close()
            os.replace(tmp, file)
    except BaseException:
        results.close()
        if out is not None:
            out.close()
            Path(tmp).unlink(missing_ok=True)
        raise
    return [names[d.content_hash] for d in docs], totals


def found_for(docs, cache_dir: Path | str | None = None, jobs: int | None = None) -> dict:
    """The found actors-file data of a list of documents (with ``_count`` per entry).

    Parameters
    ----------
    docs: the corpus's :class:`~analysis.documents.Document` objects.
    cache_dir: a cache folder: the data are kept in ``found_actors/<key>.json`` there
        (:func:`found_key`; written atomically) and read back on the next load, and each
        document's observation beside them (:func:`_observed`). None: no cache.
    jobs: worker processes that read the documents (None: the usable cores; 1: this process).
        With more than one and at least :data:`APART_MIN_DOCS` documents, the finding runs in a
        new interpreter (:mod:`analysis.actors._apart`): the many small objects it makes and
        frees would otherwise stay in this process's heap (about 450 MB for BBC ×4), every
        annotation worker forked later would start with them, and a child or readers forked
        from this process would each hold its pages too.
    """
    from analysis.pipeline.local import default_jobs

    folder = Path(cache_dir) / FOUND_DIR if cache_dir is not None else None
    file = folder / f"{found_key(docs)}.json" if folder is not None else None
    if file is not None and file.is_file():
        try:
            return json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # a damaged entry is rebuilt below
    jobs = jobs or default_jobs()
    if jobs > 1 and len(docs) >= APART_MIN_DOCS:  # its garbage would stay in this process's heap: a child's
        from analysis.actors._apart import found_apart

        data = found_apart(docs, folder, jobs)
    else:
        data = observed_found_data(docs, folder, jobs)
    if file is not None:
        _write_json(file, data)
    return data


def observed_found_data(docs, folder: Path | None, jobs: int) -> dict:
    """:func:`~analysis.actors.merge.found_data` of the documents' observations (:func:`_observed`)."""
    from analysis.actors.merge import found_data

    global _READERS
    try:
        observed, counts = _observed(docs, folder, jobs)
    finally:  # readers started for a pass that did not need them (every observation kept)
        if _READERS is not None:
            _READERS.terminate()
            _READERS.join()
            _READERS = None
    return found_data(observed, counts)


def _write_json(file: Path, data: Any) -> None:
    """Write ``data`` as JSON to ``file`` atomically (a temporary file renamed into place)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False)
    os.replace(tmp, file)


@contextmanager
def cached_prints(ref, cache_dir: Path | str | None) -> Iterator[None]:
    """Keep a found table's per-document fingerprints in the cache folder while the keys are made.

    The prints (:meth:`~analysis.actors.reference.ActorTable.doc_fingerprint`) are read from
    ``found_actors/prints-<table hash>-<code hash>.json`` before and written back after, when new ones were
    made, so a warm load does not read every document against the table again.

    Parameters
    ----------
    ref: the :class:`~analysis.pipeline.annotate.Reference`.
    cache_dir: the cache folder; None: nothing kept.
    """
    table = ref.objects.get("actors") if "actors" in ref.per_document else None
    if table is None or cache_dir is None:
        yield
        return
    code = hashlib.sha256((Path(__file__).parent / "reference.py").read_bytes()).hexdigest()[:8]  # makes the prints
    file = Path(cache_dir) / FOUND_DIR / f"prints-{ref.fingerprints['actors']}-{code}.json"
    try:
        known = json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}
    except (OSError, ValueError):
        known = {}  # a damaged file is made again
    table.doc_prints.update(known if isinstance(known, dict) else {})
    before = len(table.doc_prints)
    yield
    if len(table.doc_prints) != before or not known:
        _write_json(file, table.doc_prints)


def apply_overrides(found: dict, overrides: Any, source: str = "<actors>") -> dict:
    """Found data with an actors file's entries applied on top (keys in the module docstring).

    Parameters
    ----------
    found: from :func:`found_for` (not changed).
    overrides: the parsed YAML of the actors file (None: nothing to apply).
    source: the file, for error messages.
    """
    data = copy.deepcopy(found)
    if overrides is None:
        return data
    if not isinstance(overrides, dict):
        raise ActorsFileError(source, [f"not a mapping of actor name -> fields; got {type(overrides).__name__}"])
    problems: list[str] = []
    not_actors = list(data.pop("not_actors", []))
    for name in overrides.get("ignore") or []:
        entry = data.pop(name, None)
        if entry is None:
            problems.append(f"ignore: {name!r} is not a found actor")
        else:
            not_actors.append(name)
    not_actors += [n for n in overrides.get("not_actors") or [] if n not in not_actors]
    for name in overrides.get("not_actors") or []:
        data.pop(name, None)
    for name, spec in overrides.items():
        if name in TOP_KEYS:
            continue
        if not isinstance(spec, dict):
            problems.append(f"{name!r}: not a mapping of fields (got {type(spec).__name__})")
            continue
        spec = dict(spec)
        folded = [spec.pop("from")] if spec.get("from") else []
        folded += list(spec.pop("merge", None) or [])
        entry = data.pop(name, None) or {"aliases": []}
        for other in folded:
            got = data.pop(other, None)
            if got is None:
                problems.append(f"{name!r}: {other!r} (from/merge) is not a found actor")
                continue
            entry.setdefault("type", got["type"])
            entry["aliases"] = [*entry.get("aliases", []), other, *got.get("aliases", [])]
            for key in ("references", "default_for", "titles"):
                entry[key] = [*entry.get(key, []), *got.get(key, [])]
        taken = {normalize(a) for a in [name, *spec.get("aliases", [])]}
        for other in data.values():  # a split: the entry's names leave other actors
            other["aliases"] = [a for a in other.get("aliases", []) if normalize(a) not in taken]
        for key, value in spec.items():
            if key in LIST_FIELDS and isinstance(value, list):
                entry[key] = list(dict.fromkeys([*entry.get(key, []), *value]))
            else:
                entry[key] = value
        entry["aliases"] = [a for a in dict.fromkeys(entry.get("aliases", [])) if normalize(a) != normalize(name)]
        data[name] = entry
    if problems:
        raise ActorsFileError(source, problems)
    data["not_actors"] = not_actors
    return data


def to_table(data: dict, source: str) -> ActorTable:
    """Parse found (or overridden) data into a table; ``_count`` and empty lists are dropped.

    Parameters
    ----------
    data: actors-file data.
    source: where it came from, for error messages.
    """
    clean = {}
    for name, spec in data.items():
        if name == "not_actors":
            clean[name] = spec
            continue
        clean[name] = {k: v for k, v in spec.items() if not k.startswith("_") and (v or k == "aliases")}
    return parse_actors(clean, source=source)


def fingerprint(table: ActorTable) -> str:
    """A hash of a table's content (actors and not-actors), for the cache keys."""
    return hashlib.sha256(repr((sorted(table.actors.items()), table.not_actors)).encode()).hexdigest()[:16]


def actors_file(path: Path | str | None, actors: Path | str | None) -> Path | None:
    """The corpus's own actors file: the one passed, else ``actors.yml`` beside its manifest."""
    if actors:
        return Path(actors)
    if path is not None and Path(path).is_dir() and (Path(path) / FILE_NAME).is_file():
        return Path(path) / FILE_NAME
    return None


def corpus_actors(
    path: Path | str | None,
    docs,
    actors: Path | str | None,
    cache_dir: Path | str | None = None,
    jobs: int | None = None,
) -> Path | ActorTable | None:
    """What the ``actors`` stage gets for a corpus (see the module docstring).

    Parameters
    ----------
    path: the corpus (None: the embedded seed corpus).
    docs: its documents.
    actors: the actors file passed by the user, if any.
    cache_dir: the cache folder for the found data (:func:`found_for`); None: no cache.
    jobs: worker processes that read the documents for names (:func:`found_for`).

    Returns a file path (used as the whole table), None (the default file) or a built table.
    """
    from analysis.config import default_corpus, default_reference

    if path is None or Path(path).resolve() == default_corpus().resolve():
        return actors
    file = actors_file(path, actors)
    if file is not None and file.resolve() == default_reference()["actors"].resolve():
        return file  # the seed story's file is a whole table wherever it is used
    overrides = None
    if file is not None:
        if not file.is_file():
            raise FileNotFoundError(f"actors file not found: {file}")
        try:
            overrides = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            raise ActorsFileError(file, [f"not valid YAML: {err}"]) from err
        if isinstance(overrides, dict) and overrides.get("discover") is False:
            return file
    source = f"actors found in {path}" + (f" with overrides {file}" if file else "")
    return to_table(apply_overrides(found_for(docs, cache_dir, jobs), overrides, str(file or source)), source)
