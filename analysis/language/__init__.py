"""The language that sets each outlet (or period, or any document group) apart.

Log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) over
lowercase unigrams and bigrams, as z-scores; tables of the top terms per group with names shown
apart, the evidence sentences behind each term, and a faceted bar chart.
"""

from __future__ import annotations

from ._fightin import ALPHA_0, dirichlet_prior, fightin_words_z, log_odds_delta
from ._terms import MIN_TOKEN_CHARS, NAME_SHARE, NOT_NAMES, STOPWORDS, text_terms
from .charts import CHART_TOP, MAX_GROUPS, distinctive_terms_chart
from .tables import (
    EVIDENCE_COLUMNS,
    MIN_COUNT,
    MIN_DOCS,
    PERIODS,
    TERM_COLUMNS,
    TOP,
    distinctive_terms,
    group_labels,
    term_evidence,
)

__all__ = [
    "ALPHA_0",
    "CHART_TOP",
    "EVIDENCE_COLUMNS",
    "MAX_GROUPS",
    "MIN_COUNT",
    "MIN_DOCS",
    "MIN_TOKEN_CHARS",
    "NAME_SHARE",
    "NOT_NAMES",
    "PERIODS",
    "STOPWORDS",
    "TERM_COLUMNS",
    "TOP",
    "dirichlet_prior",
    "distinctive_terms",
    "distinctive_terms_chart",
    "fightin_words_z",
    "group_labels",
    "log_odds_delta",
    "term_evidence",
    "text_terms",
]
