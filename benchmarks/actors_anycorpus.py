"""Actors stage on corpora it has never seen: PolNeAR (2016 campaign) or BBC News, against a gold of names.

Usage (from the project root, with the package importable)::

    PYTHONPATH=. python benchmarks/actors_anycorpus.py [--corpus polnear|bbc|nyt] [--polnear DIR] [--bbc DIR]
        [--gold FILE] [--actors FILE] [--csv PATH] [--split all|dev|check] [--jobs N] [--rank] [--details]

PolNeAR (Newell, Margolin & Ruths, LREC 2018; research use only) is read in place from the
first ``shared/data/polnear`` folder found beside the checkout or one of its parents (or
``--polnear DIR``) and never copied into the project: its 840 articles are written as a
temporary CSV corpus (``--csv``, default under /tmp) and loaded with
``analysis.load_corpus(csv, actors=FILE)``. Without ``--actors`` no actors file is passed,
which is the case the coming discovery feature must handle (today the loader then falls back
to the seed story's ``data/actors.yml``). Where the folder is absent the script says so and
exits 0. The gold, ``benchmarks/gold/polnear_actors.yaml``, holds names only (its header
gives the conventions): ``groups`` (the 40 most-mentioned entities), ``extra_groups`` (other
entities the pairs or the scoring need), ``apart`` pairs, ``not_actors`` and ``ambiguous``
(names of several entities, none of them the main referent).

``--corpus bbc`` scores the same way on the BBC News set (2,225 articles of 2004-05, Greene &
Cunningham, ICML 2006; research use only), a held-out story: read in place from the first
``shared/data/bbc`` folder beside the checkout or one of its parents (or ``--bbc DIR``) with
the helpers of ``benchmarks/bbc.py``, written as a temporary CSV corpus (outlet "BBC News", no
dates; doc_id ``<topic>/<NNN>``), scored against ``benchmarks/gold/bbc_actors.yaml``. It has
no dates, so ``--split`` must be ``all``; where the folder is absent the script says so and
exits 0.

``--corpus nyt`` scores on the New York Times editorial snippets of Hutto & Gilbert's VADER
ground truth (``shared/data/vader_ground_truth/nytEditorialSnippets_GroundTruth.txt``, about
5,190 sentences of about 500 opinion editorials, ids ``<editorial>_<sentence>``; see its
PROVENANCE.md), read in place: each editorial's sentences, in order and joined by a space,
are one article (doc_id ``nyt/<editorial>``, outlet "The New York Times", no title, no date),
written as a temporary CSV corpus and scored against ``benchmarks/gold/nyt_actors.yaml``. No
dates either, so ``--split`` must be ``all``.

Terms
-----
*Gold occurrences*: every name of the gold found in the article text, as
written (or in capitals, or with its lower-case words capitalised as in headlines), not
preceded by "@" or "#", starting inside a sentence of ``corpus.sentences`` (datelines and
other text outside sentences are not read by the stage), and, for one-word names, not glued
to a capitalised word that makes it part of a name the gold does not list ("Ryan Grim",
"Nick Ryan"; see :func:`glued`); overlapping candidates are kept longest first, as the
stage does ("the Hillary Clinton campaign" is the campaign). An occurrence of an ``ambiguous_aliases`` entry ("Clinton",
"Bush", "Trump") or of a top-level ``ambiguous`` name ("Paul") is ambiguous; of a
``not_actors`` entry, a not-actor. A group is *found* when at least one of its non-ambiguous
occurrences resolves to a predicted actor (below); its *majority actor* is the predicted
actor most of them resolve to.

*Mapping a predicted mention to a group*: by the gold occurrences it overlaps, when these
name one group and nothing ambiguous, not-actors aside ("Texas Sen. Ted Cruz" maps to Ted
Cruz, a "Donald Trump" cut out of "Donald Trump Jr." to Donald Trump Jr., "Bill and Hillary
Clinton" to nothing); else by its surface, normalised (case folded, straight apostrophes,
a leading "@", a possessive "'s" and a final period dropped, one space between words), when
that is a non-ambiguous alias (names the scan left out: headline words, handles). Otherwise
the mention is *ambiguous*, a *not-actor*, *several* (it overlaps names of several groups)
or *unknown*.

*Resolving a gold occurrence*: the predicted actor of the mention overlapping it most (none
if no mention overlaps it).

Metrics (all over the mentions frame, furniture included)
---------------------------------------------------------
* **coverage**: share of the 40 ``groups`` whose non-ambiguous occurrences resolve to one
  predicted actor: the actor holding most of them holds at least ``COVER_SHARE`` (0.9) of
  them. A group that is missed, split between actors ("Hillary Clinton" one actor,
  "Mrs. Clinton" another) or found only under some of its names is not covered. Target 0.95.
* **purity**: for each predicted actor with mapped mentions (ambiguous, not-actor, several
  and unknown ones left out), the share of them mapped to its majority group. *Mean* is the
  mention-weighted mean (classic cluster purity: sum of majority counts / mapped mentions);
  *min* is over actors with at least ``PURITY_MIN_MENTIONS`` (5) mapped mentions (1.0 when
  there are none). Pronoun and other references ("he") are *unknown* and left out. Every
  predicted actor holding mentions of two or more groups is listed. Target: mean >= 0.97 and
  min >= 0.9.
* **apart**: an ``apart`` pair (A, B) is kept apart when both are found (have occurrences
  resolved to some actor) and fewer than ``APART_SHARE`` (10 %) of A's non-ambiguous
  occurrences resolve to B's majority actor and vice versa. A pair with a group not found
  counts as not kept. A pair with a group written fewer than ``APART_MIN_OCCURRENCES`` (2) times
  in the corpus scored is *too rare*: the stage keeps no actor found once (its
  ``MIN_MENTIONS``), so such a pair cannot be kept apart or merged; it is left out and listed,
  and the strict figure (too-rare pairs counted as not kept) is printed beside. Target: every
  pair scored.
* **typing**: over the 40 groups that are found, the share whose majority actor's
  ``actor_type`` agrees with the gold type, comparing coarse types: ``government``,
  ``company``, ``media`` and ``organization`` are all *organization*; a group may also list
  ``accept_types`` (Twitter is a product, and company, media or organization pass too).
  Target 0.9.
* **junk in the top 50**: among the 50 predicted actors with most mentions, those whose name
  normalises to a ``not_actors`` entry, has no capital letter, or at least half of whose
  mentions have a not-actor surface. Predicted actors that are neither junk nor mapped to a
  group are listed as *unjudged* (real entities outside the gold, places acting as
  governments). Target 0.

``--rank`` prints every gold group with its occurrence counts (how the 40 were chosen);
``--details`` prints the per-group and top-50 tables.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from bbc import TOPICS, WHERE, available, bbc_documents
from common import PUBLISHERS

ROOT = Path(__file__).resolve().parent.parent
GOLD_DEFAULT = ROOT / "benchmarks" / "gold" / "polnear_actors.yaml"
CSV_DEFAULT = Path("/tmp/newscov-polnear/polnear_train.csv")
CORPORA = ("polnear", "bbc", "nyt")
BBC_GOLD_DEFAULT = ROOT / "benchmarks" / "gold" / "bbc_actors.yaml"
BBC_CSV_DEFAULT = Path("/tmp/newscov-bbc/bbc.csv")
BBC_PARTS = ("shared", "data", "bbc")
NYT_GOLD_DEFAULT = ROOT / "benchmarks" / "gold" / "nyt_actors.yaml"
NYT_CSV_DEFAULT = Path("/tmp/newscov-nyt/nyt.csv")
NYT_PARTS = ("shared", "data", "vader_ground_truth", "nytEditorialSnippets_GroundTruth.txt")
NYT_OUTLET = "The New York Times"
DEV_END = "2016-06-30"  # dev split: published up to this day (tune here); check split: after it
SPLITS = ("all", "dev", "check")
DATA_PARTS = ("shared", "data", "polnear")
GOLD_TYPES = ("person", "organization", "product")
COARSE = {
    "person": "person",
    "product": "product",
    "government": "organization",
    "company": "organization",
    "media": "organization",
    "organization": "organization",
    "party": "organization",
}

COVER_SHARE = 0.9
PURITY_MIN_MENTIONS = 5
APART_SHARE = 0.1
APART_MIN_OCCURRENCES = 2
TOP_N = 50
TARGETS = {"coverage": 0.95, "purity_mean": 0.97, "purity_min": 0.9, "apart": 1.0, "typing": 0.9, "junk": 0}

_APOS = str.maketrans(dict.fromkeys("’‘`", "'"))
_WS = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"'s?$")
_EDGE = re.compile(r"^[\"“”(\[@#]+|[\"“”)\],;:]+$")
_SPACE = r"[^\S\n]+"
_PREV_WORD = re.compile(r"([A-Z][\w'’.\-]*)[^\S\n]+$")
_NEXT_WORD = re.compile(r"[^\S\n]+[A-Z][a-z]")
# Capitalised words that may stand before a one-word name without making it part of another name.
GLUE_OK = frozenset(
    """President Senator Governor Speaker Secretary Justice Judge Director Chairman Chairwoman
Representative Congressman Congresswoman Leader Candidate Nominee Democrat Republican Democratic GOP""".split()
)


# --- data -------------------------------------------------------------------------------


def _find_shared(parts: tuple[str, ...], ok, start: Path) -> Path | None:
    """The first folder ``parts`` beside ``start`` or one of its parents that ``ok`` accepts, or None."""
    for folder in (start, *start.parents):
        candidate = folder.joinpath(*parts)
        if ok(candidate):
            return candidate
    return None


def find_polnear(start: Path = ROOT) -> Path | None:
    """The first ``shared/data/polnear`` folder beside ``start`` or one of its parents, or None.

    Parameters
    ----------
    start: where to start looking (the checkout; a worktree may sit a level deeper).
    """
    return _find_shared(DATA_PARTS, lambda p: (p / "metadata.tsv").is_file(), start)


def find_bbc(start: Path = ROOT) -> Path | None:
    """The first ``shared/data/bbc`` folder (all five topic folders) beside ``start`` or a parent, or None.

    Parameters
    ----------
    start: where to start looking (the checkout; a worktree may sit a level deeper).
    """
    return _find_shared(BBC_PARTS, available, start)


def find_nyt(start: Path = ROOT) -> Path | None:
    """The first NYT editorial snippets file (:data:`NYT_PARTS`) beside ``start`` or a parent, or None.

    Parameters
    ----------
    start: where to start looking (the checkout; a worktree may sit a level deeper).
    """
    return _find_shared(NYT_PARTS, Path.is_file, start)


def nyt_rows(path: Path) -> list[list[str]]:
    """The NYT editorial snippets as corpus rows (doc_id, outlet, published, title, text), one per editorial.

    Parameters
    ----------
    path: ``nytEditorialSnippets_GroundTruth.txt`` (``ID<TAB>rating<TAB>text`` lines, CRLF, IDs
        ``<editorial>_<sentence>``).

    An editorial's sentences are joined by a space in sentence order; editorials are in id order.
    A line that is not three tab-separated fields with such an id is an error naming the line.
    """
    editorials: dict[int, list[tuple[int, str]]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split("\t")
        ident = re.fullmatch(r"(\d+)_(\d+)", fields[0]) if len(fields) == 3 else None
        if ident is None:
            raise SystemExit(f"{path}:{number}: expected ID<TAB>rating<TAB>text with ID <editorial>_<sentence>")
        editorials.setdefault(int(ident[1]), []).append((int(ident[2]), fields[2].strip()))
    return [
        [f"nyt/{doc}", NYT_OUTLET, "", "", " ".join(text for _, text in sorted(sentences))]
        for doc, sentences in sorted(editorials.items())
    ]


def in_split(published: str, split: str) -> bool:
    """Whether an article published on ``published`` (ISO date) belongs to ``split``.

    Parameters
    ----------
    published: the publication date as written in ``metadata.tsv``.
    split: ``"all"``, ``"dev"`` (up to :data:`DEV_END`) or ``"check"`` (after it).
    """
    if split == "all":
        return True
    return (published[:10] <= DEV_END) == (split == "dev")


def write_corpus_csv(folder: Path, out: Path, split: str = "all") -> int:
    """Write PolNeAR's train articles as a table corpus (doc_id, outlet, published, title, text).

    Parameters
    ----------
    folder: the PolNeAR folder (``metadata.tsv``, ``train/text/<filename>.txt``).
    out: the CSV to write (a temporary file: the texts must not enter the project).
    split: which articles (:func:`in_split`).

    Returns the number of articles written. The file is rewritten only when its content changes.
    """
    rows = []
    with open(folder / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            if not in_split(rec["publication_date"], split):
                continue
            text = (folder / rec["compartment"] / "text" / f"{rec['filename']}.txt").read_text(encoding="utf-8")
            rows.append(
                [
                    rec["filename"],
                    PUBLISHERS.get(rec["publisher"], rec["publisher"]),
                    rec["publication_date"],
                    rec["title"],
                    text,
                ]
            )
    write_rows(rows, out)
    return len(rows)


def write_bbc_csv(folder: Path, out: Path) -> int:
    """Write the BBC articles as a table corpus (doc_id ``<topic>/<NNN>``, outlet "BBC News", no date).

    Parameters
    ----------
    folder: the BBC folder (one sub-folder per topic, :data:`bbc.TOPICS`).
    out: the CSV to write (a temporary file: the texts must not enter the project).

    Returns the number of articles written (all of them: the set has no dates to split by).
    The title is the headline line, which stays the text's first line, as ``bbc.bbc_documents``
    reads it; the file is rewritten only when its content changes.
    """
    rows = [[d.doc_id, d.outlet, "", d.title, d.text] for d in bbc_documents(folder)]
    write_rows(rows, out)
    return len(rows)


def write_rows(rows: list[list[str]], out: Path) -> None:
    """Write corpus rows (doc_id, outlet, published, title, text) as a CSV, only when its content changes.

    Parameters
    ----------
    rows: one list per article.
    out: the CSV to write (via a temporary file beside it).
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["doc_id", "outlet", "published", "title", "text"])
        writer.writerows(rows)
    if out.is_file() and out.read_bytes() == tmp.read_bytes():
        tmp.unlink()
    else:
        tmp.replace(out)


# --- the gold ---------------------------------------------------------------------------


def normalize(name: str) -> str:
    """The comparison key of a name or surface.

    Case folded, curly apostrophes straight, surrounding quotes and brackets, a possessive
    "'s" and a final period dropped, one space between words ("Mrs. Clinton’s" -> "mrs. clinton").

    Parameters
    ----------
    name: the name as written.
    """
    key = _WS.sub(" ", name.translate(_APOS)).strip()
    key = _EDGE.sub("", key).strip()
    key = _POSSESSIVE.sub("", key) if len(key) > 2 else key
    return key.rstrip(".").strip().casefold()


@dataclass(frozen=True)
class Group:
    """One real entity of the gold: canonical name, type and the names it goes by."""

    canonical: str
    type: str
    subtype: str
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...]
    accept_types: tuple[str, ...]
    top: bool  # one of the 40 scored groups (False: an extra group)


@dataclass
class Gold:
    """The parsed gold file: groups by canonical name, apart pairs, not-actor names, lookups."""

    groups: dict[str, Group]
    apart: list[tuple[str, str]]
    not_actors: tuple[str, ...]
    ambiguous: tuple[str, ...]  # names of several entities, none the main referent ("Paul", "Bill")
    lookup: dict[str, tuple[str, str | None]]  # normalised name -> (kind, group); kind alias|ambiguous|not_actor

    @property
    def top(self) -> list[Group]:
        """The scored groups, in file order."""
        return [g for g in self.groups.values() if g.top]


def _names(value, where: str, problems: list[str]) -> tuple[str, ...]:
    """A list of non-empty strings from the gold file, recording a problem otherwise."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{where}: want a list of names")
        return ()
    return tuple(v.strip() for v in value)


def load_gold(path: Path) -> Gold:
    """Read and check the gold file; raises ``ValueError`` listing every problem.

    Parameters
    ----------
    path: the YAML gold (format in its header).
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    groups: dict[str, Group] = {}
    lookup: dict[str, tuple[str, str | None]] = {}

    def claim(name: str, kind: str, group: str | None) -> None:
        key = normalize(name)
        if key in lookup and lookup[key] != (kind, group):
            problems.append(f"{name!r} claimed twice: {lookup[key]} and {(kind, group)}")
        lookup[key] = (kind, group)

    for section, top in (("groups", True), ("extra_groups", False)):
        for i, rec in enumerate(data.get(section) or []):
            where = f"{section}[{i}]"
            name = str(rec.get("canonical", "")).strip()
            kind = rec.get("type")
            if not name or name in groups:
                problems.append(f"{where}: missing or repeated canonical {name!r}")
                continue
            if kind not in GOLD_TYPES:
                problems.append(f"{where} ({name}): type {kind!r} not one of {GOLD_TYPES}")
            group = Group(
                name,
                kind,
                str(rec.get("subtype") or ""),
                _names(rec.get("aliases"), where, problems),
                _names(rec.get("ambiguous_aliases"), where, problems),
                _names(rec.get("accept_types"), where, problems),
                top,
            )
            groups[name] = group
            for alias in (name, *group.aliases):
                claim(alias, "alias", name)
            for alias in group.ambiguous:
                claim(alias, "ambiguous", name)
    not_actors = _names(data.get("not_actors"), "not_actors", problems)
    for name in not_actors:
        claim(name, "not_actor", None)
    ambiguous = _names(data.get("ambiguous"), "ambiguous", problems)
    for name in ambiguous:
        claim(name, "ambiguous", None)
    apart = []
    for i, pair in enumerate(data.get("apart") or []):
        names = pair.get("pair") if isinstance(pair, dict) else pair
        if not (isinstance(names, list) and len(names) == 2 and all(n in groups for n in names)):
            problems.append(f"apart[{i}]: want two canonical names of the gold, got {names!r}")
            continue
        apart.append((names[0], names[1]))
    if problems:
        raise ValueError(f"gold file {path}: {len(problems)} problem(s)\n" + "\n".join(f"  - {p}" for p in problems))
    return Gold(groups, apart, not_actors, ambiguous, lookup)


# --- gold occurrences in the text ---------------------------------------------------------


def variants(name: str) -> set[str]:
    """Spellings of a name counted in the text: as written, in capitals, headline-capitalised.

    Parameters
    ----------
    name: a gold name ("Clinton campaign" also matches "CLINTON CAMPAIGN" and "Clinton Campaign").
    """
    name = _WS.sub(" ", name.translate(_APOS)).strip()
    headline = " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in name.split(" "))
    return {name, name.upper(), headline}


def trie_regex(names: set[str]) -> re.Pattern:
    """One case-sensitive regex finding, at every word start, the longest of ``names`` there.

    The match is a lookahead (group 1 holds the name), so overlapping candidates are all
    found; :func:`longest_first` then chooses among them.

    Parameters
    ----------
    names: spellings (a space matches spaces within a line, an apostrophe straight or curly ones).
    """
    from analysis.actors.reference import trie_pattern

    pattern = trie_pattern(names, {" ": _SPACE, "'": "['’‘]"})
    return re.compile(r"(?<![\w@#])(?=(" + pattern + "))")


def longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans chosen longest first (then leftmost), in text order.

    Parameters
    ----------
    spans: candidate (start, end) pairs, possibly overlapping.
    """
    import bisect

    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans, key=lambda t: (t[0] - t[1], t[0])):
        i = bisect.bisect_left(starts, s)
        if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
    return list(zip(starts, ends))


def glued(text: str, s: int, e: int, lo: int) -> bool:
    """Whether a one-word name at ``[s, e)`` is part of a longer name the gold does not list.

    True when the next word on the line is capitalised ("Ryan Grim", and headline words), or
    the previous one is, unless that one opens the sentence ("But Ryan"), ends with a period
    ("Sen. Cruz", "Trump. Rubio") or is a title or party word (:data:`GLUE_OK`).

    Parameters
    ----------
    text: the document text.
    s, e: the name's span.
    lo: the start of its sentence.
    """
    if _NEXT_WORD.match(text, e):
        return True
    before = text[max(lo, s - 60) : s]
    m = _PREV_WORD.search(before)
    if not m or not before[: m.start()].strip(" \t\"“‘'(—-") or m.group(1).endswith("."):
        return False
    return m.group(1) not in GLUE_OK


def gold_occurrences(corpus, gold: Gold):
    """Every gold name found in the corpus text inside a sentence (see the module docstring).

    Parameters
    ----------
    corpus: the loaded :class:`analysis.Corpus` (``documents`` and ``sentences``).
    gold: the parsed gold.

    Returns a DataFrame: doc_id, start, end, name (as found), kind (alias / ambiguous /
    not_actor), group (canonical name; None for not-actors and the top-level ambiguous names).
    """
    import bisect

    import pandas as pd

    spellings = {
        v
        for names in ([g.canonical, *g.aliases, *g.ambiguous] for g in gold.groups.values())
        for n in names
        for v in variants(n)
    }
    spellings |= {v for n in (*gold.not_actors, *gold.ambiguous) for v in variants(n)}
    pattern = trie_regex(spellings)
    sents = {d: (f["start"].tolist(), f["end"].tolist()) for d, f in corpus.sentences.groupby("doc_id", sort=False)}
    rows = []
    for doc_id, text in zip(corpus.documents["doc_id"], corpus.documents["text"]):
        starts, ends = sents.get(doc_id, ([], []))
        for s, e in longest_first([m.span(1) for m in pattern.finditer(text)]):
            i = bisect.bisect_right(starts, s) - 1
            name = text[s:e]
            if i < 0 or s >= ends[i] or (" " not in name and glued(text, s, e, starts[i])):
                continue
            kind, group = gold.lookup[normalize(name)]
            rows.append((doc_id, s, e, name, kind, group))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "name", "kind", "group"])


# --- linking predictions and gold -----------------------------------------------------------


def _overlaps(spans: dict, doc_id: str, s: int, e: int) -> list[tuple[int, object]]:
    """(overlap length, payload) for every span of ``doc_id`` overlapping ``[s, e)``.

    ``spans`` maps doc_id to (sorted starts, ends, payloads).
    """
    import bisect

    if doc_id not in spans:
        return []
    starts, ends, payloads = spans[doc_id]
    out = []
    i = bisect.bisect_left(starts, e) - 1
    while i >= 0 and starts[i] > s - 200:  # names are far shorter than 200 characters
        if ends[i] > s:
            out.append((min(e, ends[i]) - max(s, starts[i]), payloads[i]))
        i -= 1
    return out


def _index(frame, payload: str) -> dict:
    """doc_id -> (starts, ends, payloads) of a frame with doc_id/start/end, sorted by start."""
    out = {}
    for doc_id, f in frame.sort_values(["doc_id", "start"]).groupby("doc_id", sort=False):
        out[doc_id] = (f["start"].tolist(), f["end"].tolist(), f[payload].tolist())
    return out


def map_mentions(mentions, occurrences, gold: Gold):
    """The predicted mentions with ``group`` and ``how`` columns (see the module docstring).

    Parameters
    ----------
    mentions: ``corpus.mentions``.
    occurrences: from :func:`gold_occurrences`.
    gold: the parsed gold.

    ``how`` is ``surface`` or ``span`` (mapped to ``group``), or ``ambiguous``,
    ``not_actor``, ``several``, ``unknown`` (``group`` None).
    """
    occ = occurrences.assign(tag=list(zip(occurrences["kind"], occurrences["group"])))
    spans = _index(occ, "tag")
    groups, hows = [], []
    for doc_id, surface, s, e in zip(mentions["doc_id"], mentions["surface"], mentions["start"], mentions["end"]):
        tags = {t for _, t in _overlaps(spans, doc_id, int(s), int(e))}
        named = {g for k, g in tags if k == "alias"}
        ambiguous = any(k == "ambiguous" for k, _ in tags)
        kind, group = gold.lookup.get(normalize(surface), (None, None))
        if len(named) == 1 and not ambiguous:
            group, how = named.pop(), "span"
        elif len(named) > 1:
            group, how = None, "several"
        elif kind == "alias":
            how = "surface"
        else:
            group, how = None, kind or ("ambiguous" if ambiguous else "not_actor" if tags else "unknown")
        groups.append(group)
        hows.append(how)
    return mentions.assign(group=groups, how=hows)


def resolve_occurrences(occurrences, mentions):
    """The gold occurrences with ``actor``: the predicted actor of the mention overlapping most.

    Parameters
    ----------
    occurrences: from :func:`gold_occurrences`.
    mentions: ``corpus.mentions``.
    """
    spans = _index(mentions, "actor")
    actors = []
    for doc_id, s, e in zip(occurrences["doc_id"], occurrences["start"], occurrences["end"]):
        hits = _overlaps(spans, doc_id, int(s), int(e))
        actors.append(max(hits, key=lambda t: t[0])[1] if hits else None)
    return occurrences.assign(actor=actors)


# --- metrics ----------------------------------------------------------------------------


def group_resolution(resolved, gold: Gold):
    """Per gold group: non-ambiguous occurrences, how many resolve, the majority actor and its share.

    Parameters
    ----------
    resolved: from :func:`resolve_occurrences`.
    gold: the parsed gold.

    Returns a DataFrame indexed by canonical name: occurrences, resolved, actor (majority
    actor or None), held (occurrences on it), share (held / occurrences), top.
    """
    import pandas as pd

    named = resolved[resolved["kind"] == "alias"]
    rows = []
    for g in gold.groups.values():
        part = named[named["group"] == g.canonical]
        counts = Counter(a for a in part["actor"] if isinstance(a, str))
        actor, held = counts.most_common(1)[0] if counts else (None, 0)
        rows.append(
            {
                "group": g.canonical,
                "occurrences": len(part),
                "resolved": sum(counts.values()),
                "actor": actor,
                "held": held,
                "share": held / len(part) if len(part) else 0.0,
                "top": g.top,
            }
        )
    return pd.DataFrame(rows).set_index("group")


def coverage(per_group) -> tuple[float, list[str]]:
    """Share of the scored groups covered (majority actor holds >= COVER_SHARE), and those not.

    Parameters
    ----------
    per_group: from :func:`group_resolution`.
    """
    top = per_group[per_group["top"]]
    covered = top["share"] >= COVER_SHARE
    return float(covered.mean()), list(top.index[~covered])


def purity(mapped) -> tuple[float, float, list[tuple[str, int, dict]]]:
    """Mention-weighted mean purity, min purity (actors with enough mapped mentions), merges.

    Parameters
    ----------
    mapped: from :func:`map_mentions`.

    Returns (mean, min, merges) where merges lists (actor, mapped mentions, {group: count})
    for every predicted actor holding mentions of two or more groups, most mixed first.
    """
    part = mapped[mapped["group"].notna()]
    majority = total = 0
    lowest = 1.0
    merges = []
    for actor, groups in part.groupby("actor", sort=False)["group"]:
        counts = Counter(groups)
        top_count = counts.most_common(1)[0][1]
        majority += top_count
        total += len(groups)
        if len(groups) >= PURITY_MIN_MENTIONS:
            lowest = min(lowest, top_count / len(groups))
        if len(counts) > 1:
            merges.append((actor, len(groups), dict(counts.most_common())))
    merges.sort(key=lambda m: -(m[1] - max(m[2].values())))
    return (majority / total if total else 0.0), lowest, merges


def apart_pairs(resolved, per_group, gold: Gold) -> list[tuple[str, str, str]]:
    """Each apart pair with its verdict: ``apart``, ``merged``, ``not found`` or ``too rare (a, b)``.

    Parameters
    ----------
    resolved: from :func:`resolve_occurrences`.
    per_group: from :func:`group_resolution`.
    gold: the parsed gold.
    """
    named = resolved[resolved["kind"] == "alias"]
    out = []
    for a, b in gold.apart:
        counts = (int(per_group.at[a, "occurrences"]), int(per_group.at[b, "occurrences"]))
        if min(counts) < APART_MIN_OCCURRENCES:
            out.append((a, b, f"too rare ({counts[0]}, {counts[1]})"))
            continue
        if not (isinstance(per_group.at[a, "actor"], str) and isinstance(per_group.at[b, "actor"], str)):
            out.append((a, b, "not found"))
            continue
        mixed = False
        for x, y in ((a, b), (b, a)):
            occ = named[named["group"] == x]
            mixed |= bool((occ["actor"] == per_group.at[y, "actor"]).mean() >= APART_SHARE)
        out.append((a, b, "merged" if mixed else "apart"))
    return out


def typing(per_group, mentions, gold: Gold) -> tuple[float, int, list[tuple[str, str, str]]]:
    """Typing accuracy over the scored groups that are found, their count, and the mistyped.

    Parameters
    ----------
    per_group: from :func:`group_resolution`.
    mentions: ``corpus.mentions`` (for each actor's ``actor_type``).
    gold: the parsed gold.

    Returns (accuracy, groups found, [(group, gold type, predicted type)] for the wrong ones).
    """
    types = dict(zip(mentions["actor"], mentions["actor_type"]))
    found = [
        (g, per_group.at[g.canonical, "actor"]) for g in gold.top if isinstance(per_group.at[g.canonical, "actor"], str)
    ]
    wrong = []
    for g, actor in found:
        predicted = types.get(actor, "")
        if COARSE.get(predicted, predicted) != g.type and predicted not in g.accept_types:
            wrong.append((g.canonical, g.type + (f"/{g.subtype}" if g.subtype else ""), predicted))
    return (1 - len(wrong) / len(found) if found else 0.0), len(found), wrong


def top_actors(mapped, gold: Gold, n: int = TOP_N):
    """The ``n`` predicted actors with most mentions, each with its group and junk verdict.

    Parameters
    ----------
    mapped: from :func:`map_mentions`.
    gold: the parsed gold.
    n: how many.

    Returns a DataFrame: actor, actor_type, mentions, group (majority mapped group or ""),
    verdict (``group``, ``junk: <why>`` or ``unjudged``).
    """
    import pandas as pd

    rows = []
    for actor, part in mapped.groupby("actor", sort=False):
        groups = Counter(g for g in part["group"] if isinstance(g, str))
        group = groups.most_common(1)[0][0] if groups else ""
        if gold.lookup.get(normalize(actor), (None,))[0] == "not_actor":
            verdict = "junk: name is a not-actor"
        elif not any(c.isupper() for c in actor):
            verdict = "junk: no capital letter"
        elif (part["how"] == "not_actor").mean() >= 0.5:
            verdict = "junk: most surfaces are not-actors"
        else:
            verdict = "group" if group else "unjudged"
        rows.append(
            {
                "actor": actor,
                "actor_type": part["actor_type"].iat[0],
                "mentions": len(part),
                "group": group,
                "verdict": verdict,
            }
        )
    frame = pd.DataFrame(rows, columns=["actor", "actor_type", "mentions", "group", "verdict"])
    return frame.sort_values(["mentions", "actor"], ascending=[False, True]).head(n).reset_index(drop=True)


# --- output -------------------------------------------------------------------------------


def markdown(frame) -> str:
    """A DataFrame as a Markdown table.

    Parameters
    ----------
    frame: the table (index dropped).
    """
    cols = list(frame.columns)
    lines = ["| " + " | ".join(map(str, cols)) + " |", "|" + "---|" * len(cols)]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row) + " |")
    return "\n".join(lines)


def rank_table(occurrences, gold: Gold):
    """Every gold group by occurrences (all its names, ambiguous ones included), with its counts.

    Parameters
    ----------
    occurrences: from :func:`gold_occurrences`.
    gold: the parsed gold.
    """
    import pandas as pd

    occ = occurrences[occurrences["group"].notna()]
    rows = []
    for g in gold.groups.values():
        part = occ[occ["group"] == g.canonical]
        rows.append(
            {
                "group": g.canonical,
                "section": "groups" if g.top else "extra",
                "all": len(part),
                "non-ambiguous": int((part["kind"] == "alias").sum()),
                "documents": part["doc_id"].nunique(),
            }
        )
    frame = pd.DataFrame(rows).sort_values(["all", "documents"], ascending=False, kind="stable").reset_index(drop=True)
    frame.index += 1
    return frame.reset_index(names="rank")


def scorecard(corpus, gold: Gold, details: bool):
    """Print the figures against their targets (and the detail tables with ``details``).

    Parameters
    ----------
    corpus: the loaded corpus.
    gold: the parsed gold.
    details: also print the per-group resolution and the top-50 predicted actors.

    Returns the gold occurrences (for :func:`rank_table`).
    """
    import pandas as pd

    mentions = corpus.mentions
    occ = gold_occurrences(corpus, gold)
    mapped = map_mentions(mentions, occ, gold)
    resolved = resolve_occurrences(occ, mentions)
    per_group = group_resolution(resolved, gold)
    cov, uncovered = coverage(per_group)
    p_mean, p_min, merges = purity(mapped)
    pairs = apart_pairs(resolved, per_group, gold)
    kept = sum(v == "apart" for _, _, v in pairs)
    scored = sum(not v.startswith("too rare") for _, _, v in pairs)
    acc, n_found, wrong = typing(per_group, mentions, gold)
    top = top_actors(mapped, gold)
    junk = top[top["verdict"].str.startswith("junk")]

    print(
        f"{len(mentions):,} predicted mentions of {mentions['actor'].nunique():,} actors; "
        f"{int((occ['kind'] == 'alias').sum()):,} non-ambiguous gold occurrences of {len(gold.groups)} groups "
        f"({len(gold.top)} scored). Mentions by mapping: "
        + ", ".join(f"{k} {v:,}" for k, v in mapped["how"].value_counts().items())
        + "\n"
    )
    rows = [
        (
            "coverage (groups resolving to one actor)",
            f"{cov:.3f} ({round(cov * len(gold.top))}/{len(gold.top)})",
            f">= {TARGETS['coverage']}",
            cov >= TARGETS["coverage"],
        ),
        (
            "purity, mention-weighted mean",
            f"{p_mean:.3f}",
            f">= {TARGETS['purity_mean']}",
            p_mean >= TARGETS["purity_mean"],
        ),
        (
            f"purity, min (actors with >= {PURITY_MIN_MENTIONS} mapped mentions)",
            f"{p_min:.3f}",
            f">= {TARGETS['purity_min']}",
            p_min >= TARGETS["purity_min"],
        ),
        (
            f"apart pairs kept apart (scored; strict: {kept}/{len(pairs)})",
            f"{kept}/{scored}",
            f"{scored}/{scored}",
            kept == scored,
        ),
        (
            "typing accuracy (groups found)",
            f"{acc:.3f} (of {n_found})",
            f">= {TARGETS['typing']}",
            acc >= TARGETS["typing"],
        ),
        (f"junk among the top {TOP_N} predicted actors", f"{len(junk)} (of {len(top)})", "0", len(junk) == 0),
    ]
    print(
        markdown(
            pd.DataFrame(rows, columns=["metric", "value", "target", "met"]).assign(
                met=lambda f: f["met"].map({True: "yes", False: "no"})
            )
        )
    )
    if uncovered:
        print(
            f"\nNot covered ({len(uncovered)}): "
            + "; ".join(f"{g} ({per_group.at[g, 'share']:.2f})" for g in uncovered)
        )
    if merges:
        print(f"\nPredicted actors merging groups ({len(merges)}):")
        for actor, n, counts in merges[:20]:
            print(f"- {actor} ({n} mapped): " + ", ".join(f"{g} {c}" for g, c in counts.items()))
    print("\nApart pairs: " + "; ".join(f"{a} / {b}: {v}" for a, b, v in pairs))
    if wrong:
        print("Mistyped: " + "; ".join(f"{g} ({t} -> {p})" for g, t, p in wrong))
    if len(junk):
        print(
            f"Junk in the top {TOP_N}: "
            + "; ".join(f"{r.actor} ({r.mentions}, {r.verdict[6:]})" for r in junk.itertuples())
        )
    if details:
        table = per_group[per_group["top"]].drop(columns="top").reset_index()
        print(f"\n### Scored groups\n\n{markdown(table.fillna('-'))}\n")
        print(f"### Top {TOP_N} predicted actors\n\n{markdown(top)}")
    return occ


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on ``argv`` (default: the command line); returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=CORPORA, default="polnear", help="the corpus (default: polnear)")
    parser.add_argument("--polnear", type=Path, default=None, help="PolNeAR folder (default: shared/data/polnear)")
    parser.add_argument("--bbc", type=Path, default=None, help="BBC folder (default: shared/data/bbc)")
    parser.add_argument("--gold", type=Path, default=None, help="the gold file (default: the corpus's gold)")
    parser.add_argument("--actors", type=Path, default=None, help="actors file for load_corpus (default: none)")
    parser.add_argument("--csv", type=Path, default=None, help="where to write the temporary CSV corpus")
    parser.add_argument(
        "--split", choices=SPLITS, default="all", help=f"PolNeAR articles: all, dev (to {DEV_END}) or check; BBC: all"
    )
    parser.add_argument("--jobs", type=int, default=None, help="annotation worker processes")
    parser.add_argument("--rank", action="store_true", help="also rank every gold group by occurrences")
    parser.add_argument("--details", action="store_true", help="also print per-group and top-50 tables")
    args = parser.parse_args(argv)
    if args.corpus != "polnear" and args.split != "all":
        parser.error(f"--split applies to PolNeAR only: the {args.corpus} set has no dates (use --split all)")

    rows = None
    if args.corpus == "nyt":
        folder = find_nyt()
        if folder is None:
            print(
                "NYT editorial snippets not found (looked for shared/data/vader_ground_truth/"
                "nytEditorialSnippets_GroundTruth.txt beside the checkout and its parents): skipped."
            )
            return 0
        rows = nyt_rows(folder)
        gold_path, csv_path = args.gold or NYT_GOLD_DEFAULT, args.csv or NYT_CSV_DEFAULT
        title = "New York Times editorials (VADER ground truth)"
    elif args.corpus == "bbc":
        folder = args.bbc or find_bbc()
        if folder is None or not available(folder):
            looked = f"at {args.bbc}" if args.bbc else "for shared/data/bbc beside the checkout and its parents"
            print(
                f"BBC News set not found ({looked}): skipped. {WHERE.format(path=args.bbc or 'shared/data/bbc')} "
                "Or pass --bbc DIR."
            )
            return 0
        gold_path, csv_path = args.gold or BBC_GOLD_DEFAULT, args.csv or BBC_CSV_DEFAULT
        title = f"BBC News ({', '.join(TOPICS)})"
    else:
        folder = args.polnear or find_polnear()
        if folder is None or not (folder / "metadata.tsv").is_file():
            print(
                "PolNeAR not found (looked for shared/data/polnear beside the checkout and its parents): skipped. "
                "It is the train compartment of github.com/networkdynamics/PolNeAR; pass --polnear DIR."
            )
            return 0
        gold_path, csv_path = args.gold or GOLD_DEFAULT, args.csv or CSV_DEFAULT
        if args.split != "all":
            csv_path = csv_path.with_name(f"{csv_path.stem}_{args.split}.csv")
        title = f"PolNeAR, {args.split} split"
    import analysis

    gold = load_gold(gold_path)
    if rows is not None:
        write_rows(rows, csv_path)
        n = len(rows)
    elif args.corpus == "bbc":
        n = write_bbc_csv(folder, csv_path)
    else:
        n = write_corpus_csv(folder, csv_path, args.split)
    corpus = analysis.load_corpus(csv_path, actors=args.actors, jobs=args.jobs)
    print(
        f"## Actors on {title} ({n} articles), actors file: {args.actors or 'none given'}; "
        f"annotation {corpus.stats['annotate_s']:.1f} s ({corpus.stats['annotated']} annotated, "
        f"{corpus.stats['cached']} cached)\n"
    )
    occurrences = scorecard(corpus, gold, args.details)
    if args.rank:
        print(f"\n### Gold groups by occurrences\n\n{markdown(rank_table(occurrences, gold))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
