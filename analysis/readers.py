"""Low-level readers of corpus table files (CSV, JSON Lines, Parquet), strict about structure.

Each returns its records as dicts with ``_line`` (the line, or row, they start on) and appends
what is wrong to ``problems`` naming the file and line; :mod:`analysis.documents` turns the
records into Documents. Nothing here guesses: an unclosed quote, a row with more fields than the
header, a bad JSON line or a column of the wrong type is reported, never read around.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
ISO_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def _decode(path: Path, problems: list[str], what: str) -> str | None:
    """The text of ``path`` (UTF-8, or UTF-16 with a byte-order mark), or None with a problem appended.

    Parameters
    ----------
    path: the file.
    problems: where the problem is appended when the bytes are not text.
    what: how the message names the file ("table", "file").
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-16") if data.startswith(UTF16_BOMS) else data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.append(f"{path}: not UTF-8 (byte {err.start}: {err.reason}); re-save the {what} as UTF-8")
        return None


def read_csv_rows(path: Path, problems: list[str], required: tuple[str, ...]) -> list[dict[str, Any]] | None:
    """Rows of a CSV file as dicts with ``_line`` (the line the row starts on); None on failure.

    Strict: UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured), a quote must close before
    the end of its field (an unclosed quote would swallow the following rows), every row has
    as many fields as the header. Each problem names the line.

    Parameters
    ----------
    path: the file.
    problems: where problems are appended.
    required: columns that must be in the header.
    """
    text = _decode(path, problems, "table")
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[dict[str, Any]] = []
    header: list[str] | None = None
    line = 1
    try:
        for fields in reader:
            if header is None:
                header = [h.strip() for h in fields]
            elif fields and any(f.strip() for f in fields):
                if len(fields) != len(header):
                    problems.append(
                        f"{path}:{line}: {len(fields)} fields, the header has {len(header)}"
                        " (an unquoted comma, or a missing field?)"
                    )
                else:
                    rows.append({**dict(zip(header, fields)), "_line": line})
            line = reader.line_num + 1
    except csv.Error as err:
        problems.append(f"{path}:{line}: malformed CSV ({err}; an unclosed or stray quote?)")
        return None
    if header is None:
        problems.append(f"{path}: empty file, no header")
        return None
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(f"{path}: missing column(s) {', '.join(missing)}")
        return None
    return rows


def read_jsonl(path: Path, problems: list[str]) -> list[dict[str, Any]] | None:
    """Records of a JSON Lines file, each with ``_line`` (its line number); None on failure.

    Parameters
    ----------
    path: the file (UTF-8, or UTF-16 with a byte-order mark).
    problems: where problems are appended; every bad line is one, naming the line.
    """
    text = _decode(path, problems, "file")
    if text is None:
        return None
    rows = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as err:
            problems.append(f"{path}:{n}: not valid JSON ({err})")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{path}:{n}: a JSON {type(rec).__name__}, not an object with doc_id, outlet, text")
            continue
        rows.append({**rec, "_line": n})
    return rows


def read_parquet(path: Path, problems: list[str]) -> list[dict[str, Any]] | None:
    """Records of a Parquet file (row numbers from 1 as ``_line``); None on failure.

    Parameters
    ----------
    path: the file.
    problems: where problems are appended; ``doc_id, outlet, title, text`` must be string
        columns (``doc_id`` may be integer), ``published`` a string, date or timestamp column.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as err:  # noqa: BLE001 - the reader's own message names the problem
        problems.append(f"{path}: cannot read parquet table ({type(err).__name__}: {err})")
        return None
    for name in ("doc_id", "outlet", "title", "text"):
        if name in table.column_names:
            typ = table.schema.field(name).type
            ok = pa.types.is_string(typ) or pa.types.is_large_string(typ) or pa.types.is_null(typ)
            if name == "doc_id":
                ok = ok or pa.types.is_integer(typ)
            if not ok:
                problems.append(f"{path}: column {name} is {typ}, not a string column")
    if "published" in table.column_names:
        typ = table.schema.field("published").type
        if not (pa.types.is_string(typ) or pa.types.is_large_string(typ) or pa.types.is_null(typ)):
            if not (pa.types.is_timestamp(typ) or pa.types.is_date(typ)):
                problems.append(f"{path}: column published is {typ}, not an ISO string, date or timestamp")
    if problems:
        return None
    records = [{**rec, "_line": i} for i, rec in enumerate(table.to_pandas().to_dict("records"), start=1)]
    del table
    pa.default_memory_pool().release_unused()  # the decoded columns' pages back to the system (BBC x4: 60 MiB)
    return records
