"""Read a corpus — a folder of texts with a manifest, or one table file — into Documents.

Constants first, then small readers. Every problem found is collected and raised together
as one :class:`CorpusError` naming the file and the problem, so nothing is half-loaded.

Accepted shapes
---------------
* A folder holding ``manifest.csv`` with columns ``doc_id, file, outlet, title,
  published`` (optional: ``date_basis, evidence, url, updated`` and any others, kept as
  metadata). ``file`` is relative to the folder and may not leave it.
* One ``.csv``, ``.jsonl`` or ``.parquet`` file with a row per article and columns
  ``doc_id, outlet, published, title, text`` (``title`` and ``published`` may be empty).

``published`` is an ISO date or datetime; empty means unknown (analyses that need a date
say so). Text is decoded as UTF-8; invalid UTF-8 falls back to cp1252 (then Latin-1) and
the fallback is reported in the document's ``encoding`` field, never a crash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import config

DATA_DIR = config.data_dir()
DEFAULT_CORPUS = config.default_corpus()
MANIFEST_NAME = "manifest.csv"
REQUIRED_MANIFEST = ("doc_id", "file", "outlet")
REQUIRED_TABLE = ("doc_id", "outlet", "text")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
BINARY_SNIFF = 8192


class ProblemsError(ValueError):
    """A file that cannot be used; the message names it and lists every problem found."""

    prefix = "cannot use"

    def __init__(self, source: Path | str, problems: list[str]):
        self.source = self.path = str(source)
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{self.prefix} {self.source}: {len(self.problems)} problem(s)\n{lines}")


class CorpusError(ProblemsError):
    """A corpus that cannot be loaded; the message lists every problem found."""

    prefix = "cannot load corpus"


@dataclass(frozen=True)
class Document:
    """One article: the unit of annotation, caching and parallelism."""

    doc_id: str
    outlet: str
    text: str
    title: str = ""
    published: pd.Timestamp | None = None
    source: str = ""  # the file (and row) it came from
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Hash of everything an annotation may depend on in this document."""
        payload = json.dumps(
            [self.doc_id, self.outlet, self.title, str(self.published or ""), self.text], ensure_ascii=False
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; returns ``(text, encoding_note)``.

    UTF-8 (with or without BOM) first; on invalid bytes cp1252, then Latin-1 (which
    cannot fail), with the first bad byte offset in the note. CRLF/CR become LF.
    """
    try:
        text, note = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as err:
        where = f"invalid UTF-8 at byte {err.start}"
        try:
            text, note = data.decode("cp1252"), f"cp1252 (fallback: {where})"
        except UnicodeDecodeError:
            text, note = data.decode("latin-1"), f"latin-1 (fallback: {where})"
    return text.replace("\r\n", "\n").replace("\r", "\n"), note


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:BINARY_SNIFF]


def parse_published(value: Any) -> pd.Timestamp | None:
    """Parse an ISO date/datetime; None for empty. Raises ValueError when unparseable.

    Datetimes with an offset are kept as the local wall time of publication (naive), so
    every document's ``published`` shares one dtype.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    text = str(value).strip()
    if not text or text.lower() in {"nan", "nat", "none", "null"}:
        return None
    try:
        ts = pd.Timestamp(text)
    except (ValueError, TypeError) as err:
        raise ValueError(f"unparseable published date {text!r} (want ISO, e.g. 2026-02-24)") from err
    if ts is pd.NaT:
        raise ValueError(f"unparseable published date {text!r}")
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _check_rows(rows: list[dict[str, Any]], where: str, problems: list[str]) -> list[Document]:
    docs: list[Document] = []
    seen: dict[str, str] = {}
    for row in rows:
        label = row.pop("_where")
        source = row.pop("_file", label)
        doc_id = _clean(row.get("doc_id"))
        if not doc_id:
            problems.append(f"{label}: empty doc_id")
            continue
        if doc_id in seen:
            problems.append(f"{label}: duplicate doc_id {doc_id!r} (first at {seen[doc_id]})")
            continue
        seen[doc_id] = label
        try:
            published = parse_published(row.get("published"))
        except ValueError as err:
            problems.append(f"{label}: {err}")
            continue
        text = row.get("text")
        if text is None:
            continue  # a problem was recorded while reading the file
        if not text.strip():
            problems.append(f"{label}: empty text")
            continue
        outlet = _clean(row.get("outlet")) or "(unknown outlet)"
        meta = {
            k: _clean(v)
            for k, v in row.items()
            if k not in {"doc_id", "outlet", "title", "published", "text", "encoding"}
        }
        docs.append(
            Document(
                doc_id=doc_id,
                outlet=outlet,
                text=text,
                title=_clean(row.get("title")),
                published=published,
                source=source,
                encoding=row.get("encoding", "utf-8"),
                meta=meta,
            )
        )
    return docs


def _read_folder(folder: Path, problems: list[str]) -> list[dict[str, Any]]:
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        problems.append(f"{manifest}: manifest not found (a corpus folder needs {MANIFEST_NAME})")
        return []
    try:
        table = pd.read_csv(manifest, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        problems.append(f"{manifest}: not a readable CSV manifest ({err})")
        return []
    missing = [c for c in REQUIRED_MANIFEST if c not in table.columns]
    if missing:
        problems.append(f"{manifest}: missing column(s) {', '.join(missing)}")
        return []
    root = folder.resolve()
    rows = []
    listed = set()
    for i, rec in enumerate(table.to_dict("records"), start=2):
        label = f"{manifest}:{i}"
        rel = rec["file"].strip()
        rec["_where"] = label
        rec["text"] = None
        target = (folder / rel).resolve()
        if not rel:
            problems.append(f"{label}: empty file column")
        elif not target.is_relative_to(root):
            problems.append(f"{label}: file {rel!r} leaves the corpus folder {folder}")
        elif not target.is_file():
            problems.append(f"{label}: file {rel!r} not found in {folder}")
        else:
            listed.add(target)
            data = target.read_bytes()
            if _looks_binary(data):
                problems.append(f"{target}: binary file (NUL bytes), not article text")
            else:
                rec["text"], rec["encoding"] = decode_bytes(data)
                rec["_where"] = f"{label} ({rel})"
                rec["_file"] = str(target)
        rows.append(rec)
    for extra in sorted(p for p in folder.glob("*.txt") if p.resolve() not in listed):
        problems.append(f"{extra}: text file has no manifest row in {manifest.name}")
    return rows


def _read_table(path: Path, problems: list[str]) -> list[dict[str, Any]]:
    try:
        if path.suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        elif path.suffix == ".jsonl":
            table = pd.read_json(path, lines=True, dtype=False)
        else:
            table = pd.read_parquet(path)
    except UnicodeDecodeError as err:
        problems.append(f"{path}: not UTF-8 ({err}); re-save the table as UTF-8")
        return []
    except Exception as err:  # noqa: BLE001 - the reader's own message names the problem
        problems.append(f"{path}: cannot read {path.suffix[1:]} table ({type(err).__name__}: {err})")
        return []
    missing = [c for c in REQUIRED_TABLE if c not in table.columns]
    if missing:
        problems.append(f"{path}: missing column(s) {', '.join(missing)}")
        return []
    rows = []
    for i, rec in enumerate(table.to_dict("records"), start=1):
        rec["_where"] = f"{path} row {i} (doc_id {_clean(rec.get('doc_id')) or '?'})"
        text = rec.get("text")
        if isinstance(text, bytes):
            text = None if _looks_binary(text) else decode_bytes(text)[0]
        rec["text"] = (
            ""
            if text is None or (isinstance(text, float) and pd.isna(text))
            else str(text).replace("\r\n", "\n").replace("\r", "\n")
        )
        rec["doc_id"] = _clean(rec.get("doc_id"))
        rows.append(rec)
    return rows


def read_documents(path: Path | str | None = None) -> list[Document]:
    """Read and validate a corpus; returns its Documents in a stable order (by doc_id).

    Parameters
    ----------
    path:
        A corpus folder (with ``manifest.csv``) or a ``.csv`` / ``.jsonl`` / ``.parquet``
        file; None means the embedded seed corpus in ``data/corpus``.

    Raises :class:`CorpusError` listing every problem (file and what is wrong).
    """
    src = Path(path) if path is not None else DEFAULT_CORPUS
    problems: list[str] = []
    if not src.exists():
        raise CorpusError(src, [f"{src}: no such file or folder"])
    if src.is_dir():
        rows = _read_folder(src, problems)
    elif src.suffix.lower() in TABLE_SUFFIXES:
        rows = _read_table(src, problems)
    else:
        raise CorpusError(src, [f"{src}: not a corpus folder nor a {'/'.join(TABLE_SUFFIXES)} file"])
    docs = _check_rows(rows, str(src), problems)
    if problems:
        raise CorpusError(src, problems)
    if not docs:
        raise CorpusError(src, [f"{src}: no documents"])
    return sorted(docs, key=lambda d: d.doc_id)


def validate(path: Path | str | None = None) -> tuple[bool, str]:
    """Check a corpus without annotating it; returns ``(ok, readable report)``.

    Parameters
    ----------
    path: as for :func:`read_documents`.
    """
    try:
        docs = read_documents(path)
    except CorpusError as err:
        return False, str(err)
    fallback = [d for d in docs if d.encoding != "utf-8"]
    undated = [d for d in docs if d.published is None]
    outlets = pd.Series([d.outlet for d in docs]).value_counts()
    lines = [
        f"corpus {path or DEFAULT_CORPUS}: OK, {len(docs)} document(s)",
        "outlets: " + ", ".join(f"{o} ({n})" for o, n in outlets.items()),
    ]
    dated = [d.published for d in docs if d.published is not None]
    if dated:
        lines.append(f"published: {min(dated).date()} to {max(dated).date()}; {len(undated)} undated")
    else:
        lines.append("published: no dates (relative dates will stay unresolved)")
    for d in fallback:
        lines.append(f"warning: {d.source}: decoded as {d.encoding}")
    return True, "\n".join(lines)
