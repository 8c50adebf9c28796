"""A document's rows as plain columns, made into typed frames once per chunk of documents.

Building a pandas frame costs about 30 µs a column whatever its length (pandas 3's Arrow-backed
strings most), so a frame per document per stage cost as much as scoring the document's
sentences with VADER. The pipeline therefore passes each document's rows between stages as
:class:`Columns` (lists) and types them into one frame per chunk (:func:`to_frame`). A stage's
public ``annotate`` still returns a DataFrame for one document: the same :func:`to_frame` of
the same columns, so both paths give equal frames (``tests/pipeline/test_chunk_frames.py``).

Stages read their inputs as ``frame[c].tolist()``, ``frame[c].to_numpy()``, ``len(frame)``,
``frame.empty`` and ``c in frame``: a DataFrame and a :class:`Columns` answer all five alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

NAT64 = np.datetime64("NaT", "ns")


class Column(list):
    """One column's values, read as a Series is read: ``tolist()`` and ``to_numpy()``."""

    def tolist(self) -> list:
        """The values (this list itself: read, do not change it)."""
        return self

    def to_numpy(self, dtype=None) -> np.ndarray:
        """The values as an array."""
        return np.asarray(self, dtype=dtype)


class Columns:
    """Rows of one frame as columns of equal length: name -> :class:`Column`."""

    __slots__ = ("data", "rows")

    def __init__(self, data: Mapping[str, Sequence], rows: int | None = None) -> None:
        """Wrap ``data`` (column name -> values); ``rows`` is needed only when there are no columns."""
        self.data = {c: v if isinstance(v, Column) else Column(v) for c, v in data.items()}
        lengths = {len(v) for v in self.data.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: { {c: len(v) for c, v in self.data.items()} }")
        self.rows = lengths.pop() if lengths else (rows or 0)

    def __getitem__(self, name: str) -> Column:
        return self.data[name]

    def __contains__(self, name: object) -> bool:
        return name in self.data

    def __len__(self) -> int:
        return self.rows

    def __repr__(self) -> str:
        return f"Columns({self.rows} rows: {', '.join(self.data)})"

    @property
    def empty(self) -> bool:
        """Whether there are no rows."""
        return self.rows == 0

    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
        return list(self.data)

    def select(self, names: Iterable[str]) -> Columns:
        """The named columns only (the same lists, not copies)."""
        return Columns({c: self.data[c] for c in names}, self.rows)

    def drop(self, names: Iterable[str]) -> Columns:
        """All columns but the named ones."""
        gone = set(names)
        return Columns({c: v for c, v in self.data.items() if c not in gone}, self.rows)

    def join(self, other: Columns, on: str) -> Columns:
        """These columns and ``other``'s, whose rows must be the same ``on`` ids in the same order."""
        if other[on] != self[on]:
            raise ValueError(f"cannot add columns: their {on!r} values are not this frame's")
        return Columns({**self.data, **other.drop([on]).data}, self.rows)


def typed(values: Sequence, dtype: str) -> pd.api.extensions.ExtensionArray | np.ndarray:
    """``values`` as an array of ``dtype`` ("str", "int32", "bool", "float64", "datetime64[ns]", ...).

    Parameters
    ----------
    values: Python values (None or NaN are missing in str and datetime columns).
    dtype: the column's dtype, as the stages' ``COLUMNS`` spell it.
    """
    if dtype == "str":
        return pd.array(values, dtype="str")
    if dtype.startswith("datetime"):
        return np.array([NAT64 if pd.isna(v) else pd.Timestamp(v).asm8 for v in values], dtype=dtype)
    return np.asarray(values, dtype=dtype)


def to_frame(parts: Columns | Iterable[Columns], schema: Mapping[str, str]) -> pd.DataFrame:
    """One typed frame of the rows of ``parts`` (one document's or a chunk's), columns as ``schema``.

    Parameters
    ----------
    parts: a :class:`Columns` or several, concatenated in order; each holds every schema column.
    schema: column name -> dtype, in the frame's column order.

    Returns
    -------
    A DataFrame with a RangeIndex and exactly ``schema``'s columns and dtypes.
    """
    parts = [parts] if isinstance(parts, Columns) else list(parts)
    data = {}
    for name, dtype in schema.items():
        values = parts[0][name] if len(parts) == 1 else [v for p in parts for v in p[name]]
        data[name] = typed(values, dtype)
    return pd.DataFrame(data, copy=False)


def empty_frame(schema: Mapping[str, str]) -> pd.DataFrame:
    """A frame with no rows and exactly ``schema``'s columns and dtypes."""
    return to_frame(Columns({c: [] for c in schema}), schema)
