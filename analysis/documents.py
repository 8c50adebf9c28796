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

import csv
import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import config
from analysis.readers import ISO_DATE, UTF16_BOMS, read_csv_rows, read_jsonl, read_parquet

DATA_DIR = config.data_dir()
DEFAULT_CORPUS = config.default_corpus()
MANIFEST_NAME = "manifest.csv"
REQUIRED_MANIFEST = ("doc_id", "file", "outlet")
REQUIRED_TABLE = ("doc_id", "outlet", "text")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
BINARY_SNIFF = 8192
CONTROL_SHARE = 0.01  # more control characters than this share of the text: binary, not text
MAX_TEXT_CHARS = int(os.environ.get("NEWSCOV_MAX_CHARS") or 5_000_000)  # longer articles are rejected
DATE_MIN, DATE_MAX = pd.Timestamp("1800-01-01"), pd.Timestamp("2200-12-31 23:59:59")  # room for the timeline
INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad\u180e]+")


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

    @cached_property
    def content_hash(self) -> str:
        """Hash of everything an annotation may depend on in this document (computed once)."""
        payload = json.dumps(
            [self.doc_id, self.outlet, self.title, str(self.published or ""), self.text], ensure_ascii=False
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; returns ``(text, encoding_note)``.

    UTF-16 with a byte-order mark, then UTF-8 (with or without BOM); on invalid bytes
    cp1252, then Latin-1 (which cannot fail), with the first bad byte offset in the note.
    CRLF/CR become LF.
    """
    try:
        if data.startswith(UTF16_BOMS):
            text, note = data.decode("utf-16"), "utf-16"
        else:
            text, note = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as err:
        where = f"invalid UTF-8 at byte {err.start}"
        try:
            text, note = data.decode("cp1252"), f"cp1252 (fallback: {where})"
        except UnicodeDecodeError:
            text, note = data.decode("latin-1"), f"latin-1 (fallback: {where})"
    return text.replace("\r\n", "\n").replace("\r", "\n"), note


def _looks_binary(data: bytes) -> bool:
    return not data.startswith(UTF16_BOMS) and b"\x00" in data[:BINARY_SNIFF]


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")  # C0 but tab, newline, form feed; DEL; C1


def control_share(text: str) -> float:
    """Share of the first :data:`BINARY_SNIFF` characters that are control characters
    (C0 other than tab/newline/form feed, DEL, C1); text has next to none, random bytes ~25 %."""
    head = text[:BINARY_SNIFF]
    if not head:
        return 0.0
    bad = len(CONTROL_CHARS.findall(head))
    return bad / len(head)


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be an article (None when it can): empty, invisible, binary, too long."""
    if not text or INVISIBLE.fullmatch(text):  # nothing but invisible characters
        return "empty text" if not text.strip() else "empty text (only invisible characters such as zero-width spaces)"
    if "\x00" in text:
        return "NUL bytes in the text (a binary file?)"
    share = control_share(text)
    if share > CONTROL_SHARE:
        return f"binary data, not article text ({share:.0%} control characters)"
    if len(text) > MAX_TEXT_CHARS:
        return (
            f"text is {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,} "
            "(split the article, or raise NEWSCOV_MAX_CHARS)"
        )
    return None


def parse_published(value: Any) -> pd.Timestamp | None:
    """Parse an ISO date or datetime; None for empty. Raises ValueError otherwise.

    Accepted: ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM[:SS[.fff]]`` (``T`` or a space), optionally
    with ``Z`` or an offset ``+HH:MM``; a datetime/Timestamp object (from Parquet). Anything
    else (``12/02/2026``, ``Feb 24``, ``now``) is an error, as is a date outside
    1800-01-01 .. 2200-12-31 (the timeline resolves expressions a few years either side of
    it, and a nanosecond timestamp ends in 2262). Datetimes with an offset are kept as the
    local wall time of publication (naive), so every ``published`` shares one dtype.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        ts = pd.Timestamp(value)
        shown = str(value)
    else:
        shown = str(value).strip()
        if not shown or shown.lower() in {"nan", "nat", "none", "null"}:
            return None
        if not ISO_DATE.match(shown):
            raise ValueError(f"unparseable published date {shown!r} (want ISO, e.g. 2026-02-24 or 2026-02-24T09:30)")
        try:
            ts = pd.Timestamp(dt.datetime.fromisoformat(shown.replace("Z", "+00:00")))
        except (ValueError, OverflowError) as err:
            raise ValueError(f"impossible published date {shown!r} ({err})") from err
    ts = ts.tz_localize(None) if ts.tzinfo is not None else ts
    if not DATE_MIN <= ts <= DATE_MAX:
        raise ValueError(f"published date {shown!r} is outside the supported range 1800-01-01 to 2200-12-31")
    return ts.as_unit("ns")


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
        bad = text_problem(text)
        if bad:
            problems.append(f"{label}: {bad}")
            continue
        nul = [k for k, v in row.items() if isinstance(v, str) and "\x00" in v and k != "text"]
        if nul:
            problems.append(f"{label}: NUL byte in {', '.join(nul)}")
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
    table = read_csv_rows(manifest, problems, REQUIRED_MANIFEST)
    if table is None:
        return []
    root = folder.resolve()
    rows = []
    listed = set()
    for rec in table:
        label = f"{manifest}:{rec.pop('_line')}"
        multi = [k for k, v in rec.items() if "\n" in v or "\r" in v]
        if multi:
            problems.append(f"{label}: field {', '.join(multi)} spans lines (an unclosed quote?)")
            continue
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
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records = read_csv_rows(path, problems, REQUIRED_TABLE)
        kind = "line"
    elif suffix == ".jsonl":
        records = read_jsonl(path, problems)
        kind = "line"
    else:
        records = read_parquet(path, problems)
        kind = "row"
    if records is None:
        return []
    if suffix != ".csv":
        missing = [c for c in REQUIRED_TABLE if records and not any(c in r for r in records)]
        if missing:
            problems.append(f"{path}: missing column(s) {', '.join(missing)}")
            return []
    n_fields = len(records[0]) - 1 if records else 0  # the header's columns (every CSV row has them all)
    rows = []
    for rec in records:
        where = f"{path}:{rec.pop('_line')}" if kind == "line" else f"{path} row {rec.pop('_line')}"
        label = f"{where} (doc_id {_clean(rec.get('doc_id')) or '?'})"
        wrong = [
            f"{k} is {type(rec[k]).__name__}"
            for k in ("doc_id", "outlet", "title", "text", "published")
            if k in rec and not _scalar_ok(k, rec[k])
        ]
        if wrong:
            problems.append(f"{label}: {', '.join(wrong)}, not a string")
            continue
        text = rec.get("text")
        rec["_where"] = label
        rec["text"] = "" if text is None or (isinstance(text, float) and pd.isna(text)) else text
        rec["text"] = rec["text"].replace("\r\n", "\n").replace("\r", "\n")
        if suffix == ".csv" and "text" in rec:
            swallowed = _swallowed_row(rec["text"], n_fields)
            if swallowed:
                problems.append(f"{label}: text holds what looks like another row ({swallowed!r}); an unclosed quote?")
                continue
        rec["doc_id"] = _clean(rec.get("doc_id"))
        rows.append(rec)
    return rows


def _scalar_ok(name: str, value: Any) -> bool:
    """Whether a table cell has an acceptable type: str (or None) for text fields; an int is
    also a doc_id; a date or Timestamp is also a published date."""
    if value is None or isinstance(value, str) or (isinstance(value, float) and pd.isna(value)):
        return True
    if name == "doc_id":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "published":
        return isinstance(value, (pd.Timestamp, dt.date))
    return False


def _holds_date(text: str) -> bool:
    """Whether ``text`` holds ``dddd-dd-dd`` anywhere (what every ISO date holds): a scan of its
    hyphens, some ten times faster than a regular expression over the whole text."""
    at = text.find("-", 4)
    while at != -1:
        day = text[at + 4 : at + 6]
        if text[at - 4 : at].isdigit() and text[at + 1 : at + 3].isdigit() and text[at + 3 : at + 4] == "-":
            if len(day) == 2 and day.isdigit():
                return True
        at = text.find("-", at + 1)
    return False


def _swallowed_row(text: str, n_fields: int) -> str:
    """A line inside a CSV text field that parses as a whole row with an ISO date (what an
    unclosed quote swallows); "" when there is none."""
    if "\n" not in text or not _holds_date(text):  # no second line, or no date to find in one
        return ""
    for line in text.split("\n")[1:]:
        if line.count(",") + 1 < n_fields - 1:
            continue
        fields = next(csv.reader([line]), [])
        if len(fields) >= n_fields - 1 and any(ISO_DATE.match(f.strip()) for f in fields[:-1]):
            return line[:60]
    return ""


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
