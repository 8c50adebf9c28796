"""Near-duplicate texts by word shingles and MinHash LSH (datasketch), near-linear in the number of texts.

Method:

1. Texts of fewer than :data:`MIN_WORDS` words are left out.
2. Each text becomes its set of word :data:`SHINGLE_K`-shingles (lower-cased words; punctuation,
   quote style and case ignored) and a datasketch ``MinHash`` of :data:`NUM_PERM` permutations
   (``MinHash.generator`` reusing one set of permutations, seed :data:`MINHASH_SEED`; kept as
   ``LeanMinHash``).
3. LSH: a datasketch ``MinHashLSH`` with :data:`BANDS` bands of ``NUM_PERM // BANDS`` rows, filled in
   one ``insertion_session``. Candidates are read bucket by bucket from its hash tables; within a
   bucket the texts are sorted by position and each is paired with the next one (a chain, so a band
   shared by ``m`` texts costs ``m - 1`` candidates, never ``m**2``, as one query per text would).
4. A candidate pair is kept when its estimated Jaccard similarity (share of equal MinHash values)
   is at least :data:`JACCARD_MIN`; kept pairs are joined transitively (union-find) into clusters.

Deterministic: datasketch's hashing (SHA-1 of the shingle) and permutations are fixed by the seed,
buckets are read in sorted order and ties are broken by position.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import LeanMinHash

from . import _shingles as sh

MIN_WORDS = 12
SHINGLE_K = 3
NUM_PERM = 128
BANDS = 32
JACCARD_MIN = 0.5
MINHASH_SEED = 20160630
INSERT_BUFFER = 50_000  # rows datasketch buffers per insertion session flush


def shingle_bytes(tokens: list[str], k: int = SHINGLE_K) -> set[bytes]:
    """The distinct word ``k``-shingles of a token list, as UTF-8 bytes (datasketch hashes bytes).

    Parameters
    ----------
    tokens: lower-case word tokens (from :func:`analysis.syndication._shingles.words_of`).
    k: words per shingle; a text shorter than ``k`` words gets one shingle of all its words.

    Returns
    -------
    A set of byte strings such as ``b"the county board"``.
    """
    return {" ".join(tokens[i : i + k]).encode("utf-8") for i in range(max(1, len(tokens) - k + 1))}


def signatures(token_lists: list[list[str]], num_perm: int = NUM_PERM) -> list[LeanMinHash]:
    """A datasketch MinHash of the word shingles of each token list.

    Parameters
    ----------
    token_lists: one token list per text.
    num_perm: permutations (signature length).

    Returns
    -------
    One ``LeanMinHash`` per text, in order (the same seed for all, so any two are comparable).
    """
    sets = (shingle_bytes(t) for t in token_lists)
    from datasketch import LeanMinHash, MinHash  # here: datasketch imports SciPy, most of half a second

    return [LeanMinHash(m) for m in MinHash.generator(sets, num_perm=num_perm, seed=MINHASH_SEED)]


def lsh_pairs(hashes: list[LeanMinHash], bands: int = BANDS) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs from a datasketch ``MinHashLSH``, chained within each bucket.

    Parameters
    ----------
    hashes: MinHashes of one length; that length must be a multiple of ``bands``.
    bands: number of bands (rows per band = length // bands).

    Returns
    -------
    ``(left, right)`` int64 arrays of distinct positions with ``left < right``, sorted.
    """
    if not hashes:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    num_perm = len(hashes[0])
    if num_perm % bands:
        raise ValueError(f"{num_perm} permutations do not split into {bands} bands")
    from datasketch import MinHashLSH

    lsh = MinHashLSH(num_perm=num_perm, params=(bands, num_perm // bands))
    with lsh.insertion_session(buffer_size=INSERT_BUFFER) as session:
        for i, m in enumerate(hashes):
            session.insert(i, m, check_duplication=False)
    lefts: list[int] = []
    rights: list[int] = []
    for table in lsh.hashtables:
        for key in table.keys():
            members = table.get(key)
            if len(members) > 1:
                chain = sorted(members)
                lefts.extend(chain[:-1])
                rights.extend(chain[1:])
    left, right, _ = counted_pairs(np.asarray(lefts, np.int64), np.asarray(rights, np.int64))
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
    """The fraction of equal MinHash values for each pair (an estimate of the Jaccard similarity).

    Parameters
    ----------
    sig: ``(texts, num_perm)`` MinHash values (one row per text).
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
    hashes = signatures([tokens[i] for i in usable], num_perm=num_perm)
    left, right = lsh_pairs(hashes, bands=bands)
    sig = np.vstack([m.hashvalues for m in hashes]) if hashes else np.zeros((0, num_perm), np.uint64)
    keep = estimated_jaccard(sig, left, right) >= threshold
    return components(len(texts), usable[left[keep]], usable[right[keep]]), words
