"""Measuring the ``sources`` stage against a hand-labelled gold file.

:func:`load_gold` reads a gold file (format: header of ``tests/gold/quotes_gold.yaml``) and
locates each attribution in its document; :func:`match_gold` pairs predictions with gold
attributions by span; :func:`gold_scores` gives precision, recall and F1 per field. Used by
the tests and ``benchmarks/sources_eval.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

# --- measuring against a gold file --------------------------------------------------------------
SCORED_FIELDS = ("span", "speaker", "speaker_type", "affiliation", "kind")
MIN_OVERLAP = 0.5


def load_gold(path: Path | str, texts: dict[str, str]) -> pd.DataFrame:
    """The attributions of a gold file (format: header of ``tests/gold/quotes_gold.yaml``) with offsets.

    Parameters
    ----------
    path: the gold YAML file.
    texts: doc_id -> document text; each gold ``quote`` is located in it (``occurrence``, 1-based,
        picks among repeats). A quote not found is an error naming the file and the entry.

    The documents labelled exhaustively (the file's ``documents`` list, else those with
    attributions) are kept in ``frame.attrs["documents"]``, so a document with none still counts.
    """
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "attributions" not in data:
        raise ValueError(f"gold file {path}: not a mapping with an 'attributions' list")
    rows = []
    for n, a in enumerate(data["attributions"], start=1):
        text = texts.get(a["doc_id"])
        if text is None:
            raise ValueError(f"gold file {path}: attribution {n} names unknown doc_id {a['doc_id']!r}")
        pos = -1
        for _ in range(int(a.get("occurrence", 1))):
            pos = text.find(a["quote"], pos + 1)
        if pos < 0:
            raise ValueError(f"gold file {path}: attribution {n} quote not in {a['doc_id']}: {a['quote'][:60]!r}")
        rows.append(
            {
                **{
                    k: a.get(k)
                    for k in ("doc_id", "quote", "kind", "speaker", "speaker_type", "affiliation", "verb", "relayed_by")
                },
                "start": pos,
                "end": pos + len(a["quote"]),
            }
        )
    frame = pd.DataFrame(rows)
    listed = [d["doc_id"] for d in data.get("documents") or []]
    frame.attrs["documents"] = sorted(set(listed) or set(frame["doc_id"]))
    return frame


def _same_name(a: Any, b: Any) -> bool:
    def norm(x: Any) -> str:
        return (
            ""
            if x is None or (isinstance(x, float) and pd.isna(x))
            else re.sub(r"^the\s+", "", re.sub(r"\s+", " ", str(x)).strip().lower())
        )

    return norm(a) == norm(b)


def match_gold(pred: pd.DataFrame, gold: pd.DataFrame, min_overlap: float = MIN_OVERLAP) -> pd.DataFrame:
    """Pair predicted and gold attributions one-to-one by span.

    A pair *matches* when their character overlap is at least ``min_overlap`` of the gold span
    AND of the predicted span (so a whole-sentence prediction cannot claim a short gold quote);
    among candidates the highest overlap/union (Jaccard) pairs first, greedily. Returns one row
    per gold and per unmatched prediction: doc_id, gold_i, pred_i (index or -1), and for each
    field in :data:`SCORED_FIELDS` whether the pair agrees (speaker and affiliation compared
    case-insensitively, ignoring a leading "the").

    Parameters
    ----------
    pred: predicted quotes rows (doc_id, start, end, kind, speaker, speaker_type, affiliation); only
        documents the gold covers are paired.
    gold: rows from :func:`load_gold`.
    min_overlap: the overlap share both spans must reach.
    """
    out = []
    docs = gold.attrs.get("documents") or sorted(set(gold["doc_id"]))
    for doc_id in sorted(set(docs) | set(gold["doc_id"])):
        g = gold[gold["doc_id"] == doc_id]
        p = pred[pred["doc_id"] == doc_id]
        cands = []
        for gi, gs, ge in zip(g.index, g["start"], g["end"]):
            for pi, ps, pe in zip(p.index, p["start"], p["end"]):
                inter = min(ge, pe) - max(gs, ps)
                if inter > 0 and inter >= min_overlap * (ge - gs) and inter >= min_overlap * (pe - ps):
                    cands.append((inter / (max(ge, pe) - min(gs, ps)), gi, pi))
        taken_g, taken_p = {}, set()
        for _, gi, pi in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
            if gi not in taken_g and pi not in taken_p:
                taken_g[gi] = pi
                taken_p.add(pi)
        for gi in g.index:
            pi = taken_g.get(gi, -1)
            row = {"doc_id": doc_id, "gold_i": gi, "pred_i": pi, "span": pi >= 0}
            for f in SCORED_FIELDS[1:]:
                same = _same_name if f in ("speaker", "affiliation") else (lambda a, b: a == b)
                row[f] = pi >= 0 and same(g.at[gi, f], p.at[pi, f])
            out.append(row)
        for pi in p.index:
            if pi not in taken_p:
                out.append({"doc_id": doc_id, "gold_i": -1, "pred_i": pi, **dict.fromkeys(SCORED_FIELDS, False)})
    return pd.DataFrame(out)


def gold_scores(pred: pd.DataFrame, gold: pd.DataFrame, by_document: bool = False) -> pd.DataFrame:
    """Precision, recall and F1 per field (span, speaker, speaker_type, ...) against the gold.

    A prediction is correct for a field when it is span-matched (see :func:`match_gold`) and
    agrees on that field; precision = correct / predictions, recall = correct / gold rows.

    Parameters
    ----------
    pred: predicted quotes rows (only documents the gold covers are scored).
    gold: rows from :func:`load_gold`.
    by_document: one block of rows per document as well as the total.
    """
    pairs = match_gold(pred, gold)
    docs = sorted(set(gold.attrs.get("documents") or []) | set(gold["doc_id"]))
    groups = [("all", pairs)] + ([(d, pairs[pairs["doc_id"] == d]) for d in docs] if by_document else [])
    rows = []
    for doc_id, part in groups:
        n_pred = int((part["pred_i"] >= 0).sum())
        n_gold = int((part["gold_i"] >= 0).sum())
        for f in SCORED_FIELDS:
            ok = int(part[f].sum())
            prec = ok / n_pred if n_pred else (1.0 if not n_gold else 0.0)
            rec = ok / n_gold if n_gold else (1.0 if not n_pred else 0.0)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            rows.append(
                {
                    "doc_id": doc_id,
                    "field": f,
                    "gold": n_gold,
                    "predicted": n_pred,
                    "correct": ok,
                    "precision": round(prec, 3),
                    "recall": round(rec, 3),
                    "f1": round(f1, 3),
                }
            )
    return pd.DataFrame(rows)
