"""Near-duplicate paragraph finders compared on speed and accuracy (synthetic BBC near-duplicates).

    python benchmarks/syndication_libs.py [--data ../shared/data] [--per-level 500] [--fuzz-n 3000]

Corpus: every BBC paragraph of at least 12 words, plus ``--per-level`` perturbed copies of random
paragraphs for each perturbation level (see ``_synthetic.perturb``). A found pair is right when it is
a planted (source, copy) pair or its exact word-3-shingle Jaccard is at least 0.5 (BBC itself repeats
some paragraphs). Recall is over the planted pairs, per level. Methods:

* exact hash: normalised paragraph text hashed, equal hashes grouped;
* exact shingles: word 3-shingle inverted index, shingles in more than 64 paragraphs skipped,
  Jaccard >= 0.5 from the shared-shingle counts of the candidate pairs;
* numpy MinHash: 128-hash signatures, 32 bands x 4 rows, each bucket chained (m - 1 candidates),
  candidates verified by estimated Jaccard (the hand-rolled code ``analysis.syndication`` used before,
  kept in ``benchmarks/_numpy_minhash.py``);
* datasketch, chained (the method of ``analysis.syndication``): ``MinHash.generator`` + ``LeanMinHash``
  (128 perms), ``MinHashLSH(params=(32, 4))`` filled in one ``insertion_session``, buckets read from its
  hash tables and chained like the numpy code, verified by estimated Jaccard;
* datasketch, query per text: ``MinHash.bulk`` + ``MinHashLSH(threshold=0.5)``, one ``query`` per text
  (every bucket member is a candidate: quadratic in crowded buckets), verified by ``jaccard``;
* rapidfuzz: ``process.cdist`` with ``fuzz.ratio >= 80`` on normalised text, all pairs, on the first
  ``--fuzz-n`` paragraphs only (it is quadratic), time extrapolated by n**2.

Research use only: BBC text is read in place and never written anywhere.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections import defaultdict
from pathlib import Path

import _numpy_minhash as nm
import numpy as np
from _synthetic import LEVELS, TOPICS, bbc_documents, perturb

from analysis.syndication import _lsh
from analysis.syndication import _shingles as sh
from analysis.syndication._lsh import components, counted_pairs, estimated_jaccard

ROOT = Path(__file__).resolve().parent.parent

MIN_WORDS = 12
THRESHOLD = 0.5


def corpus(folder: Path, per_level: int) -> tuple[list[str], dict[tuple[int, int], str]]:
    """Paragraph texts and the planted pairs {(source index, copy index): level}."""
    docs = bbc_documents(folder)
    paras = [p.strip() for t in docs["text"] for p in t.split("\n") if len(p.split()) >= MIN_WORDS]
    rng = random.Random(11)
    vocab = sorted({w for p in paras[:2000] for w in p.split()})
    planted = {}
    texts = list(paras)
    for level in LEVELS:
        for src in rng.sample(range(len(paras)), per_level):
            texts.append(perturb(paras[src], level, rng, vocab))
            planted[(src, len(texts) - 1)] = level
    return texts, planted


def exact_jaccard(tokens: list[list[str]], i: int, j: int) -> float:
    """Exact word-3-shingle Jaccard of two token lists."""

    def grams(t):
        return {tuple(t[k : k + 3]) for k in range(max(1, len(t) - 2))}

    a, b = grams(tokens[i]), grams(tokens[j])
    return len(a & b) / len(a | b) if a | b else 0.0


def score(name: str, pairs: set, seconds: float, tokens, planted) -> dict:
    """Edge precision, cluster recall per level and time of one method's pairs.

    A pair the method kept is right when planted or exact Jaccard >= THRESHOLD; a planted pair is
    found when both paragraphs end in one cluster (pairs joined transitively, as the package does).
    """
    right = sum(1 for p in pairs if p in planted or exact_jaccard(tokens, *p) >= THRESHOLD)
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    label = components(len(tokens), edges[:, 0], edges[:, 1])
    found = {p: label[p[0]] == label[p[1]] for p in planted}
    row = {"method": name, "pairs": len(pairs), "precision": right / len(pairs) if pairs else 1.0, "seconds": seconds}
    for level in LEVELS:
        want = [p for p, lv in planted.items() if lv == level]
        row[level] = sum(found[p] for p in want) / len(want) if want else float("nan")
    row["recall"] = sum(found.values()) / len(found) if found else float("nan")
    return row


def candidate_pairs(batch: nm.Shingled, df_max: int = 64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs sharing at least one shingle held by at most ``df_max`` texts (the exact-index variant).

    Parameters
    ----------
    batch: shingled texts.
    df_max: shingles in more texts than this are skipped (they would make the number of pairs grow quadratically).

    Returns
    -------
    ``(left, right, shared)``: distinct pairs, ``left < right``, and how many of the usable shingles
    each pair has in common (a lower bound of its true intersection).
    """
    order = np.lexsort((batch.text_of, batch.keys))
    keys, texts = batch.keys[order], batch.text_of[order]
    bounds = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True])
    starts, sizes = bounds[:-1], np.diff(bounds)
    lefts, rights = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for d in range(2, df_max + 1):
        s = starts[sizes == d]
        if not len(s):
            continue
        block = texts[s[:, None] + np.arange(d)[None, :]]
        i, j = np.triu_indices(d, k=1)
        lefts.append(block[:, i].ravel())
        rights.append(block[:, j].ravel())
    return counted_pairs(np.concatenate(lefts), np.concatenate(rights))


def by_exact_hash(tokens) -> set:
    """Pairs of paragraphs whose normalised token sequences are equal."""
    groups = defaultdict(list)
    for i, t in enumerate(tokens):
        groups[" ".join(t)].append(i)
    return {(g[a], g[b]) for g in groups.values() for a in range(len(g)) for b in range(a + 1, len(g))}


def pairs_by_exact_shingles(tokens) -> set:
    """Pairs with exact shingle Jaccard >= THRESHOLD from the capped inverted index."""
    batch = nm.shingle(tokens, k=3)
    left, right, shared = candidate_pairs(batch)
    sim = shared / (batch.sizes[left] + batch.sizes[right] - shared)
    keep = sim >= THRESHOLD
    return set(zip(left[keep].tolist(), right[keep].tolist()))


def by_numpy_minhash(tokens, num_perm: int = 128, bands: int = 32) -> set:
    """Pairs from banded numpy MinHash (chained buckets), verified by estimated Jaccard (the old code)."""
    batch = nm.shingle(tokens, k=3, distinct=False)
    sig = nm.minhash(batch, num_perm=num_perm)
    left, right = nm.lsh_pairs(sig, bands=bands, usable=batch.sizes > 0)
    keep = estimated_jaccard(sig, left, right) >= THRESHOLD
    return set(zip(left[keep].tolist(), right[keep].tolist()))


def by_datasketch_chained(tokens) -> set:
    """The chosen method (``analysis.syndication._lsh``): datasketch ``MinHash.generator`` + ``LeanMinHash``,
    ``MinHashLSH`` with 32 bands x 4 rows filled in one ``insertion_session``, buckets read from its hash
    tables and chained, candidates verified by estimated Jaccard."""
    hashes = _lsh.signatures(tokens)
    left, right = _lsh.lsh_pairs(hashes)
    sig = np.vstack([m.hashvalues for m in hashes])
    keep = estimated_jaccard(sig, left, right) >= THRESHOLD
    return set(zip(left[keep].tolist(), right[keep].tolist()))


def by_datasketch(tokens) -> set:
    """Pairs from datasketch MinHashLSH used naively (one ``query`` per text), verified by estimated Jaccard."""
    from datasketch import MinHash, MinHashLSH

    sets = [{" ".join(t[k : k + 3]).encode() for k in range(max(1, len(t) - 2))} for t in tokens]
    hashes = MinHash.bulk(sets, num_perm=128, seed=1)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=128)
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    pairs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j > i and m.jaccard(hashes[j]) >= THRESHOLD:
                pairs.add((i, j))
    return pairs


def by_rapidfuzz(tokens) -> set:
    """All-pairs fuzz.ratio >= 80 on normalised text (quadratic)."""
    from rapidfuzz import fuzz, process

    texts = [" ".join(t) for t in tokens]
    m = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=80, dtype=np.uint8, workers=1)
    i, j = np.nonzero(np.triu(m, k=1))
    return set(zip(i.tolist(), j.tolist()))


def timed(fn, *args) -> tuple[set, float]:
    """A method's pairs and its wall time."""
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = Path(os.environ.get("NEWSCOV_DATA", ROOT.parent / "shared" / "data"))
    ap.add_argument("--data", type=Path, default=default, help="folder holding bbc/ (default %(default)s)")
    ap.add_argument("--per-level", type=int, default=500)
    ap.add_argument("--fuzz-n", type=int, default=3000)
    args = ap.parse_args()
    folder = args.data / "bbc"
    if not all((folder / t).is_dir() for t in TOPICS):
        print(f"BBC set not found at {folder}; skipping (pass --data).")
        return 0
    texts, planted = corpus(folder, args.per_level)
    t0 = time.perf_counter()
    tokens = [sh.words_of(t) for t in texts]
    tok_s = time.perf_counter() - t0
    print(
        f"{len(texts):,} paragraphs, {len(planted):,} planted pairs; "
        f"tokenising {tok_s:.2f} s (not in the times below)\n"
    )
    rows = []
    for name, fn in (
        ("exact hash", by_exact_hash),
        ("exact shingles (index)", pairs_by_exact_shingles),
        ("numpy MinHash LSH (old, hand-rolled)", by_numpy_minhash),
        ("datasketch, chained buckets (chosen)", by_datasketch_chained),
        ("datasketch MinHashLSH, query per text", by_datasketch),
    ):
        pairs, secs = timed(fn, tokens)
        rows.append(score(name, pairs, secs, tokens, planted))
    # rapidfuzz on a subset: fuzz_n / 2 planted pairs, spread evenly over the levels.
    by_level = {lv: [p for p, x in planted.items() if x == lv] for lv in LEVELS}
    chosen = [p for lv in LEVELS for p in by_level[lv][: args.fuzz_n // (2 * len(LEVELS))]]
    sub = sorted({i for p in chosen for i in p})
    remap = {old: new for new, old in enumerate(sub)}
    sub_tokens = [tokens[i] for i in sub]
    sub_planted = {(remap[a], remap[b]): planted[(a, b)] for a, b in chosen}
    pairs, secs = timed(by_rapidfuzz, sub_tokens)
    row = score(f"rapidfuzz cdist (n={len(sub):,})", pairs, secs, sub_tokens, sub_planted)
    rows.append(row)
    rows.append(
        {
            **row,
            "method": f"rapidfuzz, extrapolated to n={len(texts):,}",
            "seconds": secs * (len(texts) / len(sub)) ** 2,
            "pairs": float("nan"),
        }
    )
    head = ["method", "pairs", "precision", "recall", *LEVELS, "seconds"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        cells = [r["method"], f"{r['pairs']:,}" if r["pairs"] == r["pairs"] else ""]
        cells += [f"{r[c]:.3f}" for c in ("precision", "recall", *LEVELS)] + [f"{r['seconds']:.2f}"]
        print("| " + " | ".join(cells) + " |")
    scale(tokens)
    return 0


def scale(tokens: list[list[str]]) -> None:
    """Time the linear methods on the corpus and on it x4 (three 5%-edited copies of every paragraph)."""
    rng = random.Random(5)
    vocab = sorted({w for t in tokens[:2000] for w in t})
    big = list(tokens)
    for _ in range(3):
        big += [perturb(" ".join(words), "edit 5%", rng, vocab).lower().split() for words in tokens]
    print("\n| method | seconds x1 | seconds x4 | ratio |\n|---|---:|---:|---:|")
    methods = [
        ("exact shingles (index)", pairs_by_exact_shingles),
        ("numpy MinHash LSH (old)", by_numpy_minhash),
        ("datasketch, chained (chosen)", by_datasketch_chained),
        ("datasketch, query per text", by_datasketch),
    ]
    for name, fn in methods:
        _, t1 = timed(fn, tokens)
        _, t4 = timed(fn, big)
        print(f"| {name} | {t1:.2f} | {t4:.2f} | {t4 / t1:.1f} |")


if __name__ == "__main__":
    raise SystemExit(main())
