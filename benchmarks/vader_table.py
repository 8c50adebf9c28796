"""Reproduce Hutto & Gilbert (ICWSM 2014), Table 4, with the project's VADER scorer.

Usage:
    python benchmarks/vader_table.py [--data DIR] [--repeat 3]

Prints Markdown tables:

1. Pearson r between VADER compound (NLTK's analyzer, as :mod:`analysis.sentiment.stage` uses
   it) and the mean human rating on the four ground-truth sets, beside the published
   Table 4 figures and beside ``vaderSentiment`` 3.3.2's own analyzer;
2. r on the NYT editorial set with and without ``data/sentiment_overrides.yml``, and the
   change from removing each override alone;
3. where NLTK's scores differ from ``vaderSentiment``'s, and why;
4. sentences scored per second (ground-truth snippets and the seed corpus's sentences).

The ground truth lives outside the project in ``../shared/data/vader_ground_truth`` (see
its PROVENANCE.md: ``ID<TAB>MEAN<TAB>TEXT``, CRLF, no final newline). Where the folder is
absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA_DEFAULT = ROOT.parent / "shared" / "data" / "vader_ground_truth"
# data set -> (file, published VADER r in Table 4, records)
SETS: dict[str, tuple[str, float, int]] = {
    "tweets": ("tweets_GroundTruth.txt", 0.881, 4200),
    "movie reviews": ("movieReviewSnippets_GroundTruth.txt", 0.451, 10605),
    "amazon reviews": ("amazonReviewSnippets_GroundTruth.txt", 0.565, 3708),
    "nyt editorials": ("nytEditorialSnippets_GroundTruth.txt", 0.492, 5190),
}
TOLERANCE = 0.03


def read_ground_truth(path: Path) -> tuple[list[str], np.ndarray]:
    """Texts and mean human ratings of one ground-truth file.

    Parameters
    ----------
    path: a ``*_GroundTruth.txt`` file (tab-separated ID, mean, text; CRLF line ends).
    """
    texts, ratings = [], []
    for n, line in enumerate(path.read_bytes().decode("utf-8").splitlines(), start=1):
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{path}:{n}: expected 3 tab-separated fields, got {len(fields)}")
        ratings.append(float(fields[1]))
        texts.append(fields[2])
    return texts, np.asarray(ratings)


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson correlation of two equal-length arrays."""
    return float(np.corrcoef(np.asarray(x, dtype="float64"), np.asarray(y, dtype="float64"))[0, 1])


def compounds(texts: list[str], overrides=None) -> np.ndarray:
    """The project's compound score (NLTK VADER) for each text."""
    from analysis.sentiment import stage as sentiment

    an = sentiment.analyzer_for(overrides)
    return np.asarray([an.polarity_scores(t)["compound"] for t in texts])


def reproduce(data: Path) -> list[dict]:
    """One row per data set: n, r (project / NLTK), r (vaderSentiment 3.3.2), r (paper)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vs = SentimentIntensityAnalyzer()
    rows = []
    for name, (file, paper, _) in SETS.items():
        texts, human = read_ground_truth(data / file)
        ours = compounds(texts)
        theirs = np.asarray([vs.polarity_scores(t)["compound"] for t in texts])
        rows.append(
            {
                "set": name,
                "n": len(texts),
                "r": pearson(ours, human),
                "r_vadersentiment": pearson(theirs, human),
                "r_paper": paper,
                "differ": float((ours != theirs).mean()),
            }
        )
    return rows


def why_different(text: str) -> str | None:
    """Why NLTK's VADER and vaderSentiment 3.3.2 score ``text`` differently (None: same).

    Causes are checked in this order: emoji (vaderSentiment turns emoji into words);
    tokens (NLTK strips only one punctuation mark from a word's edge and drops
    one-character tokens, vaderSentiment strips all edge punctuation and keeps them);
    "no" (vaderSentiment treats "no" before a lexicon word as a negation, NLTK scores
    "no" itself at -1.2); repeated word (NLTK scores every repeat of a token with the
    neighbours of its first occurrence); booster list (vaderSentiment has more degree
    words: "major", "total", "extreme" ...); other rule changes ("never so" x1.5 vs
    x1.25, "without doubt", idioms, the "but" rule on repeated values, clipping).

    Parameters
    ----------
    text: a sentence.
    """
    from nltk.sentiment.vader import VaderConstants
    from vaderSentiment import vaderSentiment as vsmod

    from analysis.sentiment import stage as sentiment

    vs = _vadersentiment()
    if sentiment.score(text)["compound"] == vs.polarity_scores(text)["compound"]:
        return None
    if any(ch in vs.emojis for ch in text):
        return "emoji"
    ours = sentiment.tokens(text)
    if ours != vsmod.SentiText(text).words_and_emoticons:
        return "tokens"
    low = [t.lower() for t in ours]
    if "no" in low:
        return "'no' rule"
    if len(set(ours)) < len(ours):
        return "repeated word"
    if set(low) & (set(vsmod.BOOSTER_DICT) - set(VaderConstants.BOOSTER_DICT)):
        return "booster list"
    return "other rule"


_VS = []


def _vadersentiment():
    if not _VS:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _VS.append(SentimentIntensityAnalyzer())
    return _VS[0]


def difference_causes(texts: list[str]) -> dict[str, int]:
    """Counts of :func:`why_different` causes over ``texts`` (same: scores equal)."""
    counts: dict[str, int] = {}
    for t in texts:
        cause = why_different(t) or "same"
        counts[cause] = counts.get(cause, 0) + 1
    return counts


def override_rows(data: Path) -> list[dict]:
    """NYT r without overrides, with all, and with each override removed alone."""
    from analysis.sentiment import stage as sentiment

    ovr = sentiment.load_reference(ROOT / "data" / "sentiment_overrides.yml")
    texts, human = read_ground_truth(data / SETS["nyt editorials"][0])
    base = pearson(compounds(texts), human)
    rows = [{"overrides": "none (plain VADER)", "r": base, "delta": 0.0, "sentences": 0}]
    rows.append(
        {
            "overrides": f"all {len(ovr)} in data/sentiment_overrides.yml",
            "r": pearson(compounds(texts, ovr), human),
            "delta": None,
            "sentences": sum(any(w in {x.lower() for x in sentiment.tokens(t)} for w, _ in ovr.values) for t in texts),
        }
    )
    rows[-1]["delta"] = rows[-1]["r"] - base
    for word, value in ovr.values:
        hits = sum(word in {x.lower() for x in sentiment.tokens(t)} for t in texts)
        r = pearson(compounds(texts, {word: value if value else "neutral"}), human)
        rows.append(
            {
                "overrides": f"only {word} -> {value if value else 'neutral'}",
                "r": r,
                "delta": r - base,
                "sentences": hits,
            }
        )
    return rows


def speed(texts: list[str], repeat: int = 3) -> dict[str, float]:
    """Sentences per second: NLTK VADER (the project's scorer), vaderSentiment, explain()."""
    from analysis.sentiment import explain
    from analysis.sentiment import stage as sentiment

    an = sentiment.analyzer()
    vs = _vadersentiment()
    out = {}
    for label, fn, sample in (
        ("NLTK VADER (analysis.sentiment)", an.polarity_scores, texts),
        ("vaderSentiment 3.3.2", vs.polarity_scores, texts),
        ("analysis.sentiment.explain.explain", explain.explain, texts[:2000]),
    ):
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for t in sample:
                fn(t)
            best = min(best, time.perf_counter() - t0)
        out[label] = len(sample) / best
    return out


def stage_speed(repeat: int = 3) -> tuple[int, float, float]:
    """Seed-corpus sentences; sentences/second of plain NLTK VADER and of the stage's annotate()
    (both score sets) on them."""
    from analysis import pipeline
    from analysis.documents import read_documents
    from analysis.sentiment import stage as sentiment
    from analysis.text import segment

    ref = sentiment.load_reference(pipeline.DEFAULT_REFERENCE["sentiment_overrides"])
    docs = read_documents()
    frames = []
    for d in docs:
        frames.append((d, segment(d.doc_id, d.text, d.title)))
    n = sum(len(f["sentences"]) for _, f in frames)
    texts = [t for _, f in frames for t in f["sentences"]["text"]]
    an = sentiment.analyzer()
    plain = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            an.polarity_scores(t)
        plain = min(plain, time.perf_counter() - t0)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d, f in frames:
            sentiment.annotate(d, f, ref)
        best = min(best, time.perf_counter() - t0)
    return n, n / plain, n / best


def main(argv: list[str] | None = None) -> int:
    """Print the tables; exit 0 (also when the data folder is absent)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA_DEFAULT, help="ground-truth folder")
    parser.add_argument("--repeat", type=int, default=3, help="timing repeats (best is kept)")
    args = parser.parse_args(argv)
    if not all((args.data / f).is_file() for f, _, _ in SETS.values()):
        print(
            f"VADER ground truth not found in {args.data}: skipping the Table 4 reproduction. "
            "It is the hutto_ICWSM_2014 folder of https://github.com/cjhutto/vaderSentiment "
            "(additional_resources/hutto_ICWSM_2014.tar.gz)."
        )
        return 0
    rows = reproduce(args.data)
    print("## Hutto & Gilbert (2014) Table 4: Pearson r, VADER compound vs mean human rating\n")
    print(
        "| data set | n | r (this project: NLTK VADER) | r (paper) | difference | within 0.03 "
        "| r (vaderSentiment 3.3.2) | snippets scored differently |"
    )
    print("|---|---:|---:|---:|---:|:-:|---:|---:|")
    for r in rows:
        diff = r["r"] - r["r_paper"]
        print(
            f"| {r['set']} | {r['n']:,} | {r['r']:.3f} | {r['r_paper']:.3f} | {diff:+.3f} | "
            f"{'yes' if abs(diff) <= TOLERANCE else 'NO'} | {r['r_vadersentiment']:.3f} | {r['differ']:.1%} |"
        )
    print("\n## NYT editorials with the domain overrides\n")
    print("| overrides | r | change in r | snippets containing the word(s) |")
    print("|---|---:|---:|---:|")
    for r in override_rows(args.data):
        hits = f"{r['sentences']:,}" if r["sentences"] else ("-" if r["overrides"].startswith("none") else "0")
        print(f"| {r['overrides']} | {r['r']:.4f} | {r['delta']:+.4f} | {hits} |")
    texts = [t for f, _, _ in SETS.values() for t in read_ground_truth(args.data / f)[0]]
    print("\n## Why NLTK's VADER and vaderSentiment 3.3.2 differ (all four sets)\n")
    print("| cause | snippets |")
    print("|---|---:|")
    for cause, n in sorted(difference_causes(texts).items(), key=lambda kv: -kv[1]):
        print(f"| {cause} | {n:,} |")
    print(f"\n## Speed (best of {args.repeat} runs, one core)\n")
    print("| scorer | sentences per second |")
    print("|---|---:|")
    for label, rate in speed(texts, args.repeat).items():
        print(
            f"| {label} on the {len(texts):,} ground-truth snippets"
            f"{' (first 2,000)' if 'explain' in label else ''} | {rate:,.0f} |"
        )
    n, plain, rate = stage_speed(args.repeat)
    print(f"| NLTK VADER on the seed corpus's {n} sentences (news sentences are longer) | {plain:,.0f} |")
    print(f"| sentiment stage annotate() on the seed corpus ({n} sentences, plain + override scores) | {rate:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
