"""Near-duplicate texts by word shingles and MinHash LSH, near-linear in the number of texts.

Method:

1. Texts of fewer than :data:`MIN_WORDS` words are left out.
2. Each text becomes its set of word :data:`SHINGLE_K`-shingles (lower-cased words, punctuation,
   quote style and case ignored) and a MinHash signature of :data:`NUM_PERM` hashes.
3. LSH: the signature is cut into :data:`BANDS` bands; within a band, texts with an equal band are
   sorted by position and each is paired with the next one (a chain, so a band shared by ``m``
   texts costs ``m - 1`` candidates, never ``m**2``).
4. A candidate pair is kept when its estimated Jaccard similarity is at least :data:`JACCARD_MIN`;
   kept pairs are joined transitively (union-find) into clusters.

Everything is deterministic: the hashes are fixed constants and ties are broken by position.
"""

from __future__ import annotations

import numpy as np

from . import _shingles as sh

MIN_WORDS = 12
SHINGLE_K = 3
NUM_PERM = 128
BANDS = 32
JACCARD_MIN = 0.5


def lsh_pairs(sig: np.ndarray, bands: int = BANDS, usable: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs from banded MinHash signatures, chained within each bucket.

    Parameters
    ----------
    sig: ``(n, num_perm)`` signatures; ``num_perm`` must be a multiple of ``bands``.
    bands: number of bands (rows per band = ``num_perm // bands``).
    usable: optional boolean mask of rows that may pair (e.g. texts with at least one shingle).

    Returns
    -------
    ``(left, right)`` int64 arrays of distinct pairs with ``left < right``, sorted.
    """
    n, num_perm = sig.shape
    rows = num_perm // bands
    idx = np.arange(n, dtype=np.int64) if usable is None else np.flatnonzero(usable)
    lefts, rights = [], []
    for b in range(bands):
        key = np.full(len(idx), np.uint64(b), dtype=np.uint64)
        for c in range(b * rows, (b + 1) * rows):
            key = sh.mix64(key ^ sig[idx, c])
        order = np.lexsort((idx, key))
        k, members = key[order], idx[order]
        same = k[1:] == k[:-1]
        lefts.append(members[:-1][same])
        rights.append(members[1:][same])
    return _unique_pairs(
        np.concatenate(lefts or [np.zeros(0, np.int64)]), np.concatenate(rights or [np.zeros(0, np.int64)])
    )


def _unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct unordered pairs as sorted (left < right) arrays, self-pairs dropped."""
    left, right, _ = counted_pairs(a, b)
    return left, right


def counted_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct unordered pairs with how often each occurs.

    Parameters
    ----------
    a, b: the two ends of each pair (positions below 2**31); order within a pair does not matter.

    Returns
    -------
    ``(left, right, counts)`` sorted by (left, right), with ``left < right``; self-pairs are dropped.
    """
    left, right = np.minimum(a, b), np.maximum(a, b)
    keep = left != right
    code, counts = np.unique(left[keep].astype(np.int64) * (1 << 31) + right[keep], return_counts=True)
    return code >> 31, code & ((1 << 31) - 1), counts


def estimated_jaccard(sig: np.ndarray, left: np.ndarray, right: np.ndarray, chunk: int = 100_000) -> np.ndarray:
    """The fraction of equal MinHash columns for each pair (an estimate of the Jaccard similarity).

    Parameters
    ----------
    sig: signatures from :func:`analysis.syndication._shingles.minhash`.
    left, right: row indices of the pairs.
    chunk: pairs compared at once.

    Returns
    -------
    A float array, one value per pair.
    """
    out = np.empty(len(left), dtype=np.float64)
    for lo in range(0, len(left), chunk):
        sl = slice(lo, lo + chunk)
        out[sl] = (sig[left[sl]] == sig[right[sl]]).mean(axis=1)
    return out


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components of a graph on ``n`` nodes, labelled by their smallest node.

    Parameters
    ----------
    n: number of nodes.
    left, right: edges.

    Returns
    -------
    An int64 array: for each node, the smallest node of its component.
    """
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(left.tolist(), right.tolist()):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.fromiter((find(i) for i in range(n)), dtype=np.int64, count=n)


def near_duplicate_groups(
    texts: list[str],
    min_words: int = MIN_WORDS,
    threshold: float = JACCARD_MIN,
    num_perm: int = NUM_PERM,
    bands: int = BANDS,
) -> tuple[np.ndarray, np.ndarray]:
    """Group texts that are near-duplicates of one another.

    Parameters
    ----------
    texts: the texts, in a fixed order.
    min_words: texts with fewer words are never grouped.
    threshold: minimum estimated Jaccard similarity of word shingles for a pair to join.
    num_perm, bands: MinHash length and LSH bands.

    Returns
    -------
    ``(group, words)``: for each text, the position of the first text of its group (its own
    position when it is alone) and its word count.
    """
    tokens = [sh.words_of(t) for t in texts]
    words = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
    usable = np.flatnonzero(words >= min_words)
    batch = sh.shingle([tokens[i] for i in usable], k=SHINGLE_K, distinct=False)
    sig = sh.minhash(batch, num_perm=num_perm)
    left, right = lsh_pairs(sig, bands=bands)
    keep = estimated_jaccard(sig, left, right) >= threshold
    return components(len(texts), usable[left[keep]], usable[right[keep]]), words
