"""Log-odds ratios with an informative Dirichlet prior, as z-scores ("Fightin' Words").

Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", *Political Analysis* 16(4), section 3.5.
For term w, group i against the rest j of the corpus::

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
            - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var(delta_w) ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
    z_w = delta_w / sqrt(var(delta_w))

``y`` are term counts, ``n`` the group's total count of all terms, and the prior
``a_w = a_0 * b_w / sum(b)`` spreads a total of ``a_0`` pseudo-counts over the vocabulary in
proportion to the background (whole-corpus) counts ``b``. The prior shrinks the log-odds of
rare terms towards the corpus rate, and the z-score divides by the remaining uncertainty, so a
term ranks high when it is both over-used and seen often enough to trust.
"""

from __future__ import annotations

import numpy as np

# Total prior pseudo-count a_0. 1,000 pseudo-tokens is small beside a corpus of tens of
# thousands of tokens (so it does not swamp real differences) but adds ~a_0 * rate to every
# count, which damps terms seen only a handful of times. Rankings change little for a_0 between
# 100 and 10,000 (see benchmarks/language.md).
ALPHA_0 = 1000.0


def dirichlet_prior(
    background: np.ndarray, alpha_0: float = ALPHA_0, background_total: float | None = None
) -> np.ndarray:
    """The informative prior a_w: ``alpha_0`` spread in proportion to background counts.

    Parameters
    ----------
    background: background count of each term (1-d).
    alpha_0: the total prior pseudo-count.
    background_total: the background's total count; default ``background.sum()`` (pass the
        full corpus total when ``background`` covers only part of the vocabulary).

    Returns
    -------
    float array a_w, the same shape as ``background``.
    """
    background = np.asarray(background, dtype=float)
    total = float(background.sum() if background_total is None else background_total)
    if total <= 0:
        raise ValueError("the background has no counts")
    return alpha_0 * background / total


def log_odds_delta(
    counts: np.ndarray, group_totals: np.ndarray | None = None, alpha_0: float = ALPHA_0
) -> tuple[np.ndarray, np.ndarray]:
    """Prior-smoothed log-odds ratio of each group against the rest, and its variance.

    Parameters
    ----------
    counts: term x group count matrix (2-d, non-negative).
    group_totals: each group's total count over the whole vocabulary (default: the column
        sums of ``counts``); the background is the sum over groups.
    alpha_0: the total prior pseudo-count (:data:`ALPHA_0`).

    Returns
    -------
    (delta, variance): two float arrays shaped like ``counts``.
    """
    y = np.asarray(counts, dtype=float)
    if y.ndim != 2:
        raise ValueError("counts must be a term x group matrix")
    n_i = y.sum(axis=0) if group_totals is None else np.asarray(group_totals, dtype=float)
    n = float(n_i.sum())
    a = dirichlet_prior(y.sum(axis=1), alpha_0, n)[:, None]
    y_j = y.sum(axis=1, keepdims=True) - y
    n_j = n - n_i
    ai, aj = y + a, y_j + a
    delta = np.log(ai / (n_i + alpha_0 - ai)) - np.log(aj / (n_j + alpha_0 - aj))
    return delta, 1.0 / ai + 1.0 / aj


def fightin_words_z(counts: np.ndarray, group_totals: np.ndarray | None = None, alpha_0: float = ALPHA_0) -> np.ndarray:
    """z-scores of the prior-smoothed log-odds ratio, each group against the rest.

    Parameters
    ----------
    counts: term x group count matrix.
    group_totals: each group's total count over the whole vocabulary (default: column sums).
    alpha_0: the total prior pseudo-count.

    Returns
    -------
    float array shaped like ``counts``: positive where the group over-uses the term.
    """
    delta, variance = log_odds_delta(counts, group_totals, alpha_0)
    return delta / np.sqrt(variance)
