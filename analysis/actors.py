"""Actors: who appears, under which names, and with whom (the ``actors`` stage).

Reference data is an actors file (``data/actors.yml``; format in its header) loaded by
:func:`load_reference` into an :class:`ActorTable`. :func:`annotate` fills the
``mentions`` frame for one document; the functions after it (discovery, co-occurrence,
rates, prominence, evidence) turn ``corpus.mentions`` into the tidy tables the notebook shows.

Matching
--------
Every alias, reference and not-actor phrase of the file is compiled into ONE regular
expression shaped as a character trie (alternatives share prefixes), run once over each
document text; there is no loop over aliases in Python. At each start position the trie
gives the longest name found there; overlapping candidates are then kept longest first, so
"Department of War", "Google DeepMind" and "the Secretary of War" are one mention each and
a not-actor phrase ("Defense Production Act") hides any shorter name inside it. Matching
ignores case except that a word capitalised in the alias must be capitalised in the text
(all-caps text is fine); acronyms of up to :data:`ACRONYM_MAX` characters with two or more
capitals ("DoD", "DOW", "NPR") match only as written or in capitals. Straight and curly
apostrophes are the same; a possessive "'s" stays outside the mention; one line break may
sit between the words of a name. Then:

* a *title* of an actor directly before one of its names joins that mention
  ("CEO Dario Amodei", "Pentagon spokesman Sean Parnell");
* names of the same actor separated only by spaces merge ("Anthropic CEO Dario Amodei");
* a person or product name glued to another capitalised word that is no name of the file
  ("Claude Makelele", "Ivanka Trump", "Defense Secretary Lloyd Austin") is part of someone
  else's name and is dropped; weekdays, months, honorifics and sentence starters ("But
  Hegseth", "Mr Trump") do not count, nor do headings and title-case lines.

Ambiguous references
--------------------
Phrases under an actor's ``references`` ("the company", "the department", "the
Secretary", a shared surname such as "Michael", "he"/"she") may stand for any actor that
lists them: the *candidates*. An actor is *named* in a sentence when one of its aliases (or
an alias of an actor affiliated to it, directly or through a chain: "Claude" names
Anthropic, "Hegseth" names the Department of Defense and the US government) occurs there.
A reference in sentence *i* counts for candidate A only when

1. A is the only candidate named anywhere in the document's reporting text up to the end of
   sentence *i* (names in captions and other page furniture do not count), or
2. A is the only candidate named in sentence *i* or sentence *i - 1* (the nearest antecedent,
   with no competitor next to it).

Otherwise it is ambiguous and counted for no one. So in NBC's article every "the company"
is Anthropic (Anthropic is always named in the same or previous sentence), while Reuters'
"Amodei said the company had not raised concerns with Palantir" is left out (Anthropic and
Palantir are both named there and several companies earlier). Other people the file does
not know cannot compete: "he" after an unnamed official may be credited to a known person
named just before.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd
import yaml

from .text import SENT_STARTERS

FRAME = "mentions"
REFERENCE = "actors"
COLUMNS = {"doc_id": "str", "sent_id": "int32", "actor": "str", "actor_type": "str", "surface": "str",
           "start": "int32", "end": "int32", "in_furniture": "bool"}

TYPES = ("person", "government", "company", "product", "media", "organization", "other")
REQUIRED_FIELDS = ("type", "aliases")
OPTIONAL_FIELDS = ("affiliation", "titles", "references")
NOT_ACTORS_KEY = "not_actors"
ACRONYM_MAX = 5
TITLE_CASE_SHARE = 0.6  # a line with this share of capitalised words is set in title case
TITLE_WINDOW = 80  # characters searched before a name for one of its titles
SURFACE_CACHE = 50_000  # distinct surfaces remembered per table (name -> entry after the case rule)
GUARDED_TYPES = frozenset({"person", "product"})
HEADING_KINDS = frozenset({"headline", "subhead", "box_heading"})
CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december jan feb mar apr jun jul aug sep sept oct
nov dec""".split())

# Capitalised words that are not names on their own: times, honorifics and bare titles.
NOT_NAMES = frozenset("""am pm et est edt gmt utc pt ct mr mrs ms dr sir president secretary undersecretary
ceo chief minister senator sen rep gov gen spokesman spokeswoman spokesperson director chairman update i
i'm i've i'd i'll
""".split())

_SPACE_RE = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"  # spaces with at most one line break
_TOKEN_RE = {" ": _SPACE_RE, "'": "['’‘`]"}
_WS = re.compile(r"\s+")
_APOS = str.maketrans({c: "'" for c in "’‘`"})
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Z][\w'’\-]*)")
_PREV_WORD = re.compile(r"(?<![\w'’\-.])([A-Z][\w'’\-.]*)[^\S\n]+\Z")
_POSSESSIVE = re.compile(r"['’]s?$")
_TOO_WIDE = re.compile(r"\n[^\S\n]*\n")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


class ActorsFileError(ValueError):
    """An actors file that cannot be used; the message names the file and every problem."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"actors file {self.path}: {len(self.problems)} problem(s)\n{lines}")


@dataclass(frozen=True)
class Actor:
    """One canonical actor: its name, type, affiliation and the names it goes by."""

    name: str
    type: str
    affiliation: str | None
    aliases: tuple[str, ...]
    titles: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Entry:
    kind: str  # alias | reference | not_actor
    actors: tuple[str, ...]
    variants: tuple[str, ...]  # spellings as written in the file, for the case rule


def normalize(text: str) -> str:
    """The lookup key of a name: lower case, one space between words, straight apostrophes.

    Parameters
    ----------
    text: a name as written.
    """
    return _WS.sub(" ", text.translate(_APOS)).strip().lower()


def strip_accents(text: str) -> str:
    """``text`` without combining accents ("Nicolás" -> "Nicolas").

    Parameters
    ----------
    text: any text.
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _is_acronym(name: str) -> bool:
    return " " not in name and len(name) <= ACRONYM_MAX and sum(c.isupper() for c in name) >= 2


def case_ok(surface: str, variants: Iterable[str]) -> bool:
    """Whether ``surface`` (text matched ignoring case) respects the case of one of ``variants``.

    Parameters
    ----------
    surface: the text as written.
    variants: the spellings of that name in the actors file.
    """
    if surface.isupper():
        return True
    words = surface.split()
    for variant in variants:
        if _is_acronym(variant):
            if surface == variant:
                return True
            continue
        vw = variant.split()
        if len(vw) == len(words) and all(not a[:1].isupper() or b[:1].isupper() for a, b in zip(vw, words)):
            return True
    return False


def trie_pattern(keys: Iterable[str]) -> str:
    """A regex matching any of ``keys`` (normalized names), longest first, as a prefix trie.

    Parameters
    ----------
    keys: normalized names (see :func:`normalize`); a space matches spaces with at most one
        line break, an apostrophe matches straight or curly ones.
    """
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(_TOKEN_RE.get(ch) or re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(r"(?!\w)")  # ending here is tried last: the longest name wins
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(trie) if trie else r"(?!x)x"


@dataclass
class ActorTable:
    """The parsed actors file with its precompiled matcher.

    Attributes: ``actors`` (canonical name -> :class:`Actor`), ``not_actors`` (phrases that
    are never actors), ``source`` (the file). Lookup structures are built on creation.
    """

    actors: dict[str, Actor]
    not_actors: tuple[str, ...] = ()
    source: str = ""
    keys: dict[str, _Entry] = field(init=False, repr=False)
    anchors: dict[str, frozenset[str]] = field(init=False, repr=False)
    pattern: re.Pattern = field(init=False, repr=False)
    title_patterns: dict[str, re.Pattern] = field(init=False, repr=False)
    surfaces: dict[str, _Entry | None] = field(init=False, repr=False, default_factory=dict)  # memo

    def __post_init__(self) -> None:
        keys: dict[str, _Entry] = {}
        for phrase in self.not_actors:
            _add(keys, normalize(phrase), "not_actor", (), phrase)
        for actor in self.actors.values():
            for name in _names(actor):
                _add(keys, normalize(name), "alias", (actor.name,), name)
        for actor in self.actors.values():
            for ref in actor.references:
                key = normalize(ref)
                if keys.get(key, _Entry("reference", (), ())).kind == "reference":
                    _add(keys, key, "reference", (actor.name,), ref)
        self.keys = keys
        self.anchors = {a: frozenset(_chain(self.actors, a)) for a in self.actors}
        self.pattern = re.compile(r"(?<![\w@])(?=(" + trie_pattern(sorted(keys)) + "))", re.IGNORECASE)
        self.title_patterns = {
            a.name: re.compile(r"(?<![\w@])(" + trie_pattern(sorted({normalize(t) for t in a.titles}))
                               + ")" + _SPACE_RE + r"\Z", re.IGNORECASE)
            for a in self.actors.values() if a.titles}

    def lookup(self, name: str) -> Actor | None:
        """The actor a name means (canonical name or alias, any case), or None.

        Parameters
        ----------
        name: a name as written ("Hegseth", "the Pentagon" is not a name but "Pentagon" is).
        """
        entry = self.keys.get(normalize(name))
        if entry is not None and entry.kind == "alias":
            return self.actors[entry.actors[0]]
        return None


def _names(actor: Actor) -> list[str]:
    names = [actor.name, *actor.aliases]
    return names + [strip_accents(n) for n in names if strip_accents(n) != n]


def _add(keys: dict[str, _Entry], key: str, kind: str, actors: tuple[str, ...], variant: str) -> None:
    old = keys.get(key)
    if old is None:
        keys[key] = _Entry(kind, actors, (variant,))
    else:
        merged = tuple(dict.fromkeys(old.actors + actors))
        keys[key] = _Entry(old.kind, merged, tuple(dict.fromkeys(old.variants + (variant,))))


def _chain(actors: dict[str, Actor], name: str) -> list[str]:
    out: list[str] = []
    while name and name in actors and name not in out:
        out.append(name)
        name = actors[name].affiliation or ""
    return out


# --- loading and validation --------------------------------------------------------

def _str_list(value: Any, what: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list):
        problems.append(f"{what} must be a list of names (e.g. [Hegseth, Defense Secretary]), "
                        f"got {type(value).__name__} {value!r}")
        return ()
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            problems.append(f"{what}: {item!r} is not a name (quote it in YAML if it looks like a number "
                            "or yes/no)")
        else:
            out.append(item.strip())
    return tuple(out)


def parse_actors(data: Any, source: str = "<actors>") -> ActorTable:
    """Validate parsed YAML and build the :class:`ActorTable`.

    Parameters
    ----------
    data: the result of ``yaml.safe_load`` on an actors file.
    source: the file, for error messages.

    Raises :class:`ActorsFileError` listing every problem: not a mapping, an entry that is
    not a mapping, missing or unknown fields, unknown type, malformed names, an alias claimed
    by two actors, a reference or not-actor phrase that is also an alias, an unknown or
    circular affiliation.
    """
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        raise ActorsFileError(source, [f"not a mapping of actor name -> {{type, aliases, ...}}; got {got}"])
    problems: list[str] = []
    not_actors = _str_list(data.get(NOT_ACTORS_KEY, []), NOT_ACTORS_KEY, problems)
    actors: dict[str, Actor] = {}
    for name, spec in data.items():
        if name == NOT_ACTORS_KEY:
            continue
        if not isinstance(name, str) or not name.strip():
            problems.append(f"actor name {name!r} is not a non-empty string")
            continue
        if not isinstance(spec, dict):
            problems.append(f"{name!r}: not a mapping with type and aliases (got {type(spec).__name__})")
            continue
        missing = [f for f in REQUIRED_FIELDS if f not in spec]
        unknown = sorted(str(f) for f in spec if f not in REQUIRED_FIELDS + OPTIONAL_FIELDS)
        if missing:
            problems.append(f"{name!r}: missing field(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"{name!r}: unknown field(s) {', '.join(unknown)} "
                            f"(known: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)})")
        kind = spec.get("type")
        if "type" in spec and kind not in TYPES:
            problems.append(f"{name!r}: unknown type {kind!r} (allowed: {', '.join(TYPES)})")
        affiliation = spec.get("affiliation")
        if affiliation is not None and not isinstance(affiliation, str):
            problems.append(f"{name!r}: affiliation must be an actor name, got {affiliation!r}")
            affiliation = None
        actors[name.strip()] = Actor(
            name=name.strip(), type=str(kind), affiliation=affiliation.strip() if affiliation else None,
            aliases=_str_list(spec.get("aliases", []), f"{name!r} aliases", problems),
            titles=_str_list(spec.get("titles", []), f"{name!r} titles", problems),
            references=_str_list(spec.get("references", []), f"{name!r} references", problems))
    problems += _conflicts(actors, not_actors)
    if problems:
        raise ActorsFileError(source, problems)
    return ActorTable(actors=actors, not_actors=not_actors, source=source)


def _conflicts(actors: dict[str, Actor], not_actors: tuple[str, ...]) -> list[str]:
    problems: list[str] = []
    owner: dict[str, tuple[str, str]] = {}
    for actor in actors.values():
        for alias in _names(actor):
            key = normalize(alias)
            if not key:
                problems.append(f"{actor.name!r}: empty alias")
            elif key in owner and owner[key][0] != actor.name:
                problems.append(f"alias {alias!r} is claimed by two actors: {owner[key][0]!r} "
                                f"(as {owner[key][1]!r}) and {actor.name!r}")
            else:
                owner.setdefault(key, (actor.name, alias))
    for phrase in not_actors:
        if normalize(phrase) in owner:
            problems.append(f"not_actors: {phrase!r} is also an alias of {owner[normalize(phrase)][0]!r}")
    for actor in actors.values():
        for ref in actor.references:
            who = owner.get(normalize(ref), (actor.name,))[0]
            if who != actor.name:
                problems.append(f"{actor.name!r}: reference {ref!r} is an alias of {who!r}")
        if actor.affiliation and actor.affiliation not in actors:
            problems.append(f"{actor.name!r}: affiliation {actor.affiliation!r} is not an actor in this file")
        elif actor.affiliation and actor.name in _chain(actors, actor.affiliation):
            problems.append(f"{actor.name!r}: circular affiliation through {actor.affiliation!r}")
    return problems


def load_reference(path: Path | str) -> ActorTable:
    """Read and validate an actors file (YAML, safe loader).

    Parameters
    ----------
    path: the actors file (see the header of ``data/actors.yml`` for the format).

    Raises :class:`ActorsFileError` (a ``ValueError``) naming the file and the problems.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as err:
        raise ActorsFileError(path, [f"cannot read the file ({err})"]) from err
    except yaml.YAMLError as err:
        raise ActorsFileError(path, [f"not valid YAML: {err}"]) from err
    return parse_actors(data, source=str(path))


# --- the stage ---------------------------------------------------------------------

def title_case(text: str) -> bool:
    """Whether a line is set in title case (most words capitalised), like a headline.

    Parameters
    ----------
    text: the line or sentence.
    """
    words = _WORD.findall(text)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def raw_matches(text: str, ref: ActorTable, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, _Entry]]:
    """Every name of the file found in ``text`` (overlapping; longest at each start; case rule applied).

    Parameters
    ----------
    text: the text to scan.
    ref: the actor table.
    pos, endpos: the span to scan.
    """
    out = []
    seen = ref.surfaces
    for m in ref.pattern.finditer(text, pos, len(text) if endpos is None else endpos):
        s, e = m.span(1)
        surface = text[s:e]
        if surface in seen:
            entry = seen[surface]
        else:
            entry = ref.keys.get(normalize(surface))
            if entry is not None and (not case_ok(surface, entry.variants) or _TOO_WIDE.search(surface)):
                entry = None
            if len(seen) < SURFACE_CACHE:
                seen[surface] = entry
        if entry is not None:
            out.append((s, e, entry))
    return out


def longest_first(matches: list[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    """Non-overlapping matches, chosen longest first (then leftmost), returned in text order.

    Parameters
    ----------
    matches: candidate (start, end, entry) triples, possibly overlapping.
    """
    starts: list[int] = []
    ends: list[int] = []
    chosen = []
    for s, e, entry in sorted(matches, key=lambda t: (t[0] - t[1], t[0])):
        i = bisect.bisect_left(starts, s)
        if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.append((s, e, entry))
    return sorted(chosen, key=lambda t: t[0])


def find_mentions(text: str, sentences: pd.DataFrame, paragraphs: pd.DataFrame,
                  ref: ActorTable) -> list[tuple[int, str, int, int]]:
    """Mentions in one document as ``(sentence index, actor, start, end)``, in text order.

    Parameters
    ----------
    text: the document text.
    sentences: its sentences frame (start, end, para_id); mentions outside sentences
        (datelines, metadata, tables) are left out.
    paragraphs: its paragraphs frame (para_id, kind), for the heading exemption of the guard.
    ref: the actor table.
    """
    chosen = longest_first(raw_matches(text, ref))
    if not any(entry.kind != "not_actor" for _, _, entry in chosen):
        return []
    s_start = sentences["start"].tolist()
    s_end = sentences["end"].tolist()
    s_furniture = sentences["is_furniture"].tolist()
    spans = [(s, e) for s, e, _ in chosen]
    names: list[list] = []  # [sent, actor, start, end]
    refs: list[tuple[int, int, int, _Entry]] = []
    for s, e, entry in chosen:
        i = bisect.bisect_right(s_start, s) - 1
        if entry.kind == "not_actor" or i < 0 or s >= s_end[i]:
            continue
        if entry.kind == "reference":
            refs.append((i, s, e, entry))
            continue
        actor = ref.actors[entry.actors[0]]
        title = ref.title_patterns.get(actor.name)
        t = title.search(text, max(s_start[i], s - TITLE_WINDOW), s) if title is not None else None
        t = t if t and case_ok(t.group(1), actor.titles) else None
        if actor.type in GUARDED_TYPES and _next_to_unknown_name(text, t.start() if t else s, e, s_start[i], spans) \
                and not _in_heading(sentences, paragraphs, i) and not title_case(text[s_start[i]:s_end[i]]):
            continue
        if t:
            while names and names[-1][2] >= t.start():
                names.pop()
            s = t.start()
        last = names[-1] if names else None
        if last and last[1] == actor.name and last[0] == i and not text[last[3]:s].strip(" \t\xa0"):
            last[3] = e
            continue
        names.append([i, actor.name, s, e])
    refs = [r for r in refs if not any(n[2] <= r[1] < n[3] for n in names)]
    anchors = [n for n in names if not s_furniture[n[0]]]  # captions do not settle who "he" is
    out = [(n[0], n[1], n[2], n[3]) for n in names] + _resolve(refs, anchors, ref)
    return sorted(out, key=lambda t: t[2])


def _next_to_unknown_name(text: str, s: int, e: int, lo: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a name at ``[s, e)`` is glued to a capitalised word that is no name of the file.

    "Claude Makelele", "Ivanka Trump", "Defense Secretary Lloyd Austin": the name is part of
    someone else's. Weekdays, months, honorifics and sentence starters ("But Hegseth") do not
    count; ``lo`` is the sentence start, ``spans`` the chosen matches (sorted).
    """
    words = []
    after = _NEXT_WORD.match(text, e)
    if after:
        words.append((after.start(1), after.end(1), after.group(1)))
    before = _PREV_WORD.search(text, max(lo, s - TITLE_WINDOW), s)
    if before:
        words.append((before.start(1), before.end(1), before.group(1)))
    for ws, we, word in words:
        key = _POSSESSIVE.sub("", word).lower().rstrip(".")
        if key in CALENDAR or key in NOT_NAMES or key in SENT_STARTERS:
            continue
        i = bisect.bisect_right(spans, (ws, float("inf"))) - 1
        if not (i >= 0 and spans[i][1] > ws) and not (i + 1 < len(spans) and spans[i + 1][0] < we):
            return True
    return False


def _in_heading(sentences: pd.DataFrame, paragraphs: pd.DataFrame, i: int) -> bool:
    """Whether sentence ``i`` (by position) lies in a headline, subhead or box heading."""
    para = sentences["para_id"].iat[i]
    kind = paragraphs.loc[paragraphs["para_id"] == para, "kind"]
    return bool(len(kind)) and kind.iat[0] in HEADING_KINDS


def _resolve(refs: list[tuple[int, int, int, _Entry]], names: list[list], ref: ActorTable) -> list[tuple]:
    """Apply the ambiguous-reference rule (module docstring) to ``refs``."""
    per_sentence: dict[int, set[str]] = {}
    for i, actor, _, _ in names:
        per_sentence.setdefault(i, set()).update(ref.anchors[actor])
    out = []
    so_far: set[str] = set()
    done = -1
    for i, s, e, entry in refs:
        for j in sorted(k for k in per_sentence if done < k <= i):
            so_far |= per_sentence[j]
        done = max(done, i)
        named = [a for a in entry.actors if a in so_far]
        if len(named) != 1:
            near = per_sentence.get(i, set()) | per_sentence.get(i - 1, set())
            named = [a for a in entry.actors if a in near]
        if len(named) == 1:
            out.append((i, named[0], s, e))
    return out


def annotate(doc, frames: dict[str, pd.DataFrame], ref: ActorTable) -> pd.DataFrame:
    """The mentions rows of one document (see :data:`COLUMNS`).

    Parameters
    ----------
    doc: the :class:`~analysis.corpus.Document`.
    frames: its frames so far; uses ``sentences`` and ``paragraphs``.
    ref: the :class:`ActorTable` from :func:`load_reference`.
    """
    sents = frames["sentences"]
    found = find_mentions(doc.text, sents, frames["paragraphs"], ref)
    if not found:
        return _empty().copy(deep=False)
    ids = sents["sent_id"].to_numpy()
    furniture = sents["is_furniture"].to_numpy()
    rows = [i for i, _, _, _ in found]
    frame = pd.DataFrame({
        "doc_id": [doc.doc_id] * len(found), "sent_id": ids[rows].astype("int32"),
        "actor": [a for _, a, _, _ in found], "actor_type": [ref.actors[a].type for _, a, _, _ in found],
        "surface": [doc.text[s:e] for _, _, s, e in found],
        "start": np.array([s for _, _, s, _ in found], dtype="int32"),
        "end": np.array([e for _, _, _, e in found], dtype="int32"),
        "in_furniture": furniture[rows].astype(bool)})
    return frame if dict(frame.dtypes.astype(str)) == COLUMNS else frame.astype(COLUMNS)


@lru_cache(maxsize=1)
def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in COLUMNS.items()})


# --- analysis of corpus.mentions -----------------------------------------------------

DISCOVERY_COLUMNS = ["candidate", "mentions", "articles", "outlets", "example_outlet", "example_doc_id",
                     "example"]
EDGE_COLUMNS = ["actor_a", "actor_b", "level", "count", "example", "example_doc_id", "example_outlet"]
LEVELS = ("sentence", "document")
CONNECTORS = frozenset({"of", "for", "the", "and", "de", "del", "da", "la", "le", "van", "von", "al", "bin",
                        "a", "&"})
_CAP_RUN = re.compile(r"(?<![\w@'’])(?:[A-Z][\w&'’.\-]*)(?:(?:[^\S\n]+(?:of|for|the|and|de|del|da|la|le|van"
                      r"|von|al|bin|a|&)){0,2}[^\S\n]+[A-Z][\w&'’.\-]*)*")
_LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-z][\w'’\-]*")


def actor_table(corpus) -> ActorTable:
    """The :class:`ActorTable` the corpus was annotated with (the default file if none).

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus`.
    """
    table = corpus.reference.objects.get(REFERENCE) if getattr(corpus, "reference", None) else None
    if table is None:
        from .pipeline import DEFAULT_REFERENCE

        table = load_reference(DEFAULT_REFERENCE[REFERENCE])
    return table


def reporting_mentions(corpus, include_furniture: bool = False) -> pd.DataFrame:
    """``corpus.mentions`` without page furniture (captions, boxes, methodology), with outlet.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` (with the ``mentions`` frame).
    include_furniture: keep mentions inside furniture too.
    """
    m = corpus.mentions
    if not include_furniture:
        m = m[~m["in_furniture"]]
    outlets = corpus.documents.set_index("doc_id")["outlet"]
    return m.assign(outlet=m["doc_id"].map(outlets)).reset_index(drop=True)


def _clean_word(word: str) -> str:
    word = _POSSESSIVE.sub("", word)
    return word.rstrip(".") if word.count(".") == 1 else word


def discover(corpus, min_mentions: int = 1) -> pd.DataFrame:
    """Proper-noun phrases in reporting text that the actors file does not know.

    A capitalised run of words ("Center for a New American Security") counts when no part
    of it is a mention, an alias or a reference of the file; a not-actor phrase at its edge
    is cut off ("U.S."), one inside it is kept ("American" in that name). Words at the edges
    must look like names in this corpus: capitalised mid-sentence more often than written
    in lower case ("It", "However", "Following" are not names; "Labour", "Gertz" are).
    Leading titles ("Secretary of State"), dates, headings (title case) and captions are
    left out; a plural of a known name ("LLMs") is dropped; a surname joins the full name
    used in the same article ("Gertz" counts for "Geoffrey Gertz").

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus`.
    min_mentions: drop candidates seen fewer times.

    Returns a frame with :data:`DISCOVERY_COLUMNS`, most frequent first.
    """
    ref = actor_table(corpus)
    paras = corpus.paragraphs
    heading = set(zip(paras.loc[paras["kind"].isin(HEADING_KINDS), "doc_id"],
                      paras.loc[paras["kind"].isin(HEADING_KINDS), "para_id"]))
    sents = corpus.sentences[~corpus.sentences["is_furniture"]]
    covered: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for row in corpus.mentions.itertuples(index=False):
        covered.setdefault((row.doc_id, row.sent_id), []).append((row.start, row.end))
    outlets = corpus.documents.set_index("doc_id")["outlet"]
    found: list[tuple[list[str], str, int, str]] = []  # words, doc_id, sent_id, sentence
    midcap: Counter = Counter()
    lower: Counter = Counter()
    for doc_id, sent_id, para_id, start, text in zip(sents["doc_id"], sents["sent_id"], sents["para_id"],
                                                     sents["start"], sents["text"]):
        if (doc_id, para_id) in heading or title_case(text):
            continue
        lower.update(_LOWER_WORD.findall(text))
        spans = [(s - start, e - start) for s, e in covered.get((doc_id, sent_id), [])]
        blocked = []
        for s, e, entry in raw_matches(text, ref):
            (blocked if entry.kind == "not_actor" else spans).append((s, e))
        for run in _CAP_RUN.finditer(text):
            words = [(w.start() + run.start(), w.end() + run.start(), _clean_word(w.group()))
                     for w in re.finditer(r"\S+", run.group())]
            midcap.update(w[2] for w in words if w[2][:1].isupper() and _mid_sentence(text, w[0]))
            free = [w for w in words if not _overlaps(w, spans)]
            for group in _groups(free, words):
                while group and _overlaps(group[0], blocked):  # "U.S." before a name, not inside one
                    group = group[1:]
                while group and _overlaps(group[-1], blocked):
                    group = group[:-1]
                if group:
                    found.append(([w[2] for w in group], doc_id, sent_id, text))

    def namelike(word: str) -> bool:
        return midcap[word] > lower[word.lower()] and word.lower().rstrip(".") not in NOT_NAMES | CALENDAR

    rows = []
    for words, doc_id, sent_id, text in found:
        name = " ".join(_trim(words, namelike))
        if len(name) < 2 or ref.keys.get(normalize(name)) or ref.keys.get(normalize(name[:-1])):
            continue
        rows.append((name, doc_id, sent_id, outlets.get(doc_id, ""), text))
    if not rows:
        return pd.DataFrame(columns=DISCOVERY_COLUMNS)
    frame = pd.DataFrame(rows, columns=["candidate", "doc_id", "sent_id", "outlet", "text"])
    frame["candidate"] = _fold_surnames(frame)
    out = (frame.groupby("candidate", sort=False)
           .agg(mentions=("doc_id", "size"), articles=("doc_id", "nunique"),
                outlets=("outlet", lambda s: ", ".join(sorted(set(s)))),
                example_outlet=("outlet", "first"), example_doc_id=("doc_id", "first"), example=("text", "first"))
           .reset_index())
    out = out[out["mentions"] >= min_mentions]
    return (out.sort_values(["mentions", "articles", "candidate"], ascending=[False, False, True], kind="stable")
            [DISCOVERY_COLUMNS].reset_index(drop=True))


def _mid_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` follows running text (not the sentence start, a quote or a colon)."""
    j = at - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and (text[j].isalnum() or text[j] in ",;%$")


def _fold_surnames(frame: pd.DataFrame) -> list[str]:
    """Candidates, a lone surname renamed to the one full name ending in it in the same article."""
    full: dict[tuple[str, str], set[str]] = {}
    for doc_id, name in zip(frame["doc_id"], frame["candidate"]):
        if " " in name:
            full.setdefault((doc_id, name.split()[-1]), set()).add(name)
    return [next(iter(full[(d, n)])) if " " not in n and not n.isupper() and len(full.get((d, n), ())) == 1
            else n for d, n in zip(frame["doc_id"], frame["candidate"])]


def _overlaps(word: tuple[int, int, str], spans: list[tuple[int, int]]) -> bool:
    return any(s < word[1] and word[0] < e for s, e in spans)


def _trim(words: list[str], namelike) -> list[str]:
    """Drop leading titles ("Secretary of State"), connectors and non-names, trailing function words."""
    words = list(words)
    while words:
        if words[0].lower().rstrip(".") in NOT_NAMES:
            words = words[3:] if len(words) > 3 and words[1].lower() in CONNECTORS else words[1:]
        elif not namelike(words[0]):
            words = words[1:]
        else:
            break
    while words and not namelike(words[-1]) and (len(words) == 1 or words[-1].lower() in SENT_STARTERS):
        words = words[:-1]  # "Center for a New American Security" keeps "Security"
    return words


def _groups(free: list[tuple[int, int, str]], words: list[tuple[int, int, str]]) -> list[list]:
    """Maximal runs of consecutive uncovered words of one capitalised run."""
    index = {w[0]: i for i, w in enumerate(words)}
    groups: list[list] = []
    for w in free:
        if groups and index[w[0]] == index[groups[-1][-1][0]] + 1:
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups


def _sentence_text(corpus) -> pd.Series:
    s = corpus.sentences
    return pd.Series(s["text"].to_numpy(), index=pd.MultiIndex.from_arrays([s["doc_id"], s["sent_id"]]))


def _pairs(marks: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Actor pairs (a < b) sharing ``keys``, one row per shared unit, in corpus order."""
    marks = marks.drop_duplicates(keys + ["actor"])
    pairs = marks.merge(marks, on=keys, suffixes=("_a", "_b"))
    return pairs[pairs["actor_a"] < pairs["actor_b"]]


def cooccurrence(corpus, include_furniture: bool = False) -> pd.DataFrame:
    """Actors named together: one edge per pair and level (sentence | document).

    ``count`` is the number of sentences (documents) naming both; ``example`` is the first
    sentence naming both (at document level, when no single sentence does, the first
    sentence naming each, joined by " … ").

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with ``mentions``.
    include_furniture: count mentions in captions and boxes too.

    Returns a frame with :data:`EDGE_COLUMNS`, sorted by level, count (descending), names.
    """
    m = reporting_mentions(corpus, include_furniture)
    if m.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS).astype({"count": "int64"})
    m = m.assign(_order=range(len(m)))
    texts = _sentence_text(corpus)
    sent = _pairs(m[["doc_id", "sent_id", "actor", "outlet", "_order"]], ["doc_id", "sent_id", "outlet"])
    sent = sent.assign(_o=sent[["_order_a", "_order_b"]].max(axis=1)).sort_values("_o", kind="stable")
    sent_edges = (sent.groupby(["actor_a", "actor_b"], as_index=False)
                  .agg(count=("sent_id", "size"), example_doc_id=("doc_id", "first"),
                       example_sent=("sent_id", "first"), example_outlet=("outlet", "first")))
    sent_edges["example"] = [texts.get((d, s), "") for d, s in zip(sent_edges["example_doc_id"],
                                                                   sent_edges["example_sent"])]
    first = m.drop_duplicates(["doc_id", "actor"])
    doc = _pairs(first[["doc_id", "actor", "outlet", "sent_id", "_order"]].rename(columns={"sent_id": "sid"}),
                 ["doc_id", "outlet"])
    doc = doc.assign(_o=doc[["_order_a", "_order_b"]].max(axis=1)).sort_values("_o", kind="stable")
    doc_edges = (doc.groupby(["actor_a", "actor_b"], as_index=False)
                 .agg(count=("doc_id", "size"), example_doc_id=("doc_id", "first"), example_outlet=("outlet", "first"),
                      sid_a=("sid_a", "first"), sid_b=("sid_b", "first")))
    together = sent.drop_duplicates(["actor_a", "actor_b", "doc_id"]).set_index(["actor_a", "actor_b", "doc_id"])
    examples = []
    for a, b, d, sa, sb in zip(doc_edges["actor_a"], doc_edges["actor_b"], doc_edges["example_doc_id"],
                               doc_edges["sid_a"], doc_edges["sid_b"]):
        if (a, b, d) in together.index:
            examples.append(texts.get((d, together.loc[(a, b, d), "sent_id"]), ""))
        else:
            examples.append(" … ".join(texts.get((d, s), "") for s in sorted({sa, sb})))
    doc_edges["example"] = examples
    edges = pd.concat([sent_edges.assign(level="sentence"), doc_edges.assign(level="document")], ignore_index=True)
    edges["level"] = pd.Categorical(edges["level"], categories=LEVELS)
    return (edges.sort_values(["level", "count", "actor_a", "actor_b"], ascending=[True, False, True, True],
                              kind="stable")
            .assign(level=lambda f: f["level"].astype(str))[EDGE_COLUMNS].reset_index(drop=True))


def cooccurrence_graph(corpus, level: str = "sentence", actors: list[str] | None = None,
                       include_furniture: bool = False):
    """A networkx graph: nodes are actors (``mentions``, ``actor_type``), edges co-occurrences.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with ``mentions``.
    level: "sentence" or "document".
    actors: keep only these actors (default: all that are mentioned).
    include_furniture: count mentions in captions and boxes too.
    """
    import networkx as nx

    if level not in LEVELS:
        raise ValueError(f"unknown co-occurrence level {level!r}; use one of {', '.join(LEVELS)}")
    m = reporting_mentions(corpus, include_furniture)
    counts = m.groupby("actor").agg(mentions=("actor", "size"), actor_type=("actor_type", "first"))
    keep = set(counts.index) if actors is None else set(actors) & set(counts.index)
    graph = nx.Graph()
    for name in sorted(keep):
        graph.add_node(name, mentions=int(counts.at[name, "mentions"]), actor_type=counts.at[name, "actor_type"])
    edges = cooccurrence(corpus, include_furniture)
    for e in edges[edges["level"] == level].itertuples(index=False):
        if e.actor_a in keep and e.actor_b in keep:
            graph.add_edge(e.actor_a, e.actor_b, count=int(e.count), weight=int(e.count), example=e.example,
                           example_outlet=e.example_outlet)
    return graph


def top_actors(corpus, top_n: int = 15) -> list[str]:
    """The ``top_n`` actors with the most mentions in reporting text (ties by name).

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with ``mentions``.
    top_n: how many.
    """
    counts = reporting_mentions(corpus)["actor"].value_counts()
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [name for name, _ in order[:max(0, top_n)]]


def reporting_words(corpus) -> pd.Series:
    """Words of reporting text (sentences outside page furniture) per document.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus`.
    """
    from .text import word_count

    s = corpus.sentences[~corpus.sentences["is_furniture"]]
    words = s["text"].map(word_count).groupby(s["doc_id"]).sum()
    return words.reindex(corpus.documents["doc_id"], fill_value=0)


def mention_rates(corpus, top_n: int = 15) -> pd.DataFrame:
    """Mentions per 1,000 words of reporting text, by actor and outlet (top actors, every outlet).

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with ``mentions``.
    top_n: the actors with the most mentions to keep.

    Returns actor, actor_type, outlet, mentions, articles (of the outlet), words, per_1000,
    example (the first sentence naming the actor in that outlet, "" when none).
    """
    cols = ["actor", "actor_type", "outlet", "mentions", "articles", "words", "per_1000", "example"]
    m = reporting_mentions(corpus)
    actors = top_actors(corpus, top_n)
    if not actors:
        return pd.DataFrame(columns=cols)
    docs = corpus.documents.assign(rwords=reporting_words(corpus).to_numpy())
    by_outlet = docs.groupby("outlet").agg(articles=("doc_id", "size"), words=("rwords", "sum"))
    m = m[m["actor"].isin(actors)]
    texts = _sentence_text(corpus)
    first = m.drop_duplicates(["actor", "outlet"])
    example = {(a, o): texts.get((d, s), "") for a, o, d, s in
               zip(first["actor"], first["outlet"], first["doc_id"], first["sent_id"])}
    counts = m.groupby(["actor", "outlet"]).size()
    types = m.groupby("actor")["actor_type"].first()
    rows = []
    for actor in actors:
        for outlet in sorted(by_outlet.index):
            n = int(counts.get((actor, outlet), 0))
            words = int(by_outlet.at[outlet, "words"])
            rows.append((actor, types[actor], outlet, n, int(by_outlet.at[outlet, "articles"]), words,
                         round(1000 * n / words, 2) if words else 0.0, example.get((actor, outlet), "")))
    return pd.DataFrame(rows, columns=cols)


def first_mentions(corpus) -> pd.DataFrame:
    """One row per article and actor: mentions, where the first one falls, headline and lede.

    ``first_position`` is the first mentioning sentence's rank among the article's reporting
    sentences, scaled 0 (first sentence) to 1 (last). The lede is the first body paragraph.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with ``mentions``.
    """
    cols = ["doc_id", "outlet", "published", "actor", "actor_type", "mentions", "first_position",
            "in_headline", "in_lede", "first_sentence"]
    m = reporting_mentions(corpus)
    if m.empty:
        return pd.DataFrame(columns=cols)
    s = corpus.sentences[~corpus.sentences["is_furniture"]]
    rank = s.groupby("doc_id").cumcount()
    size = s.groupby("doc_id")["sent_id"].transform("size")
    pos = pd.Series((rank / (size - 1).clip(lower=1)).to_numpy(),
                    index=pd.MultiIndex.from_arrays([s["doc_id"], s["sent_id"]]))
    paras = corpus.paragraphs
    kinds = paras.set_index(["doc_id", "para_id"])["kind"]
    lede = paras[paras["kind"] == "body"].groupby("doc_id")["para_id"].first()
    para_of = pd.Series(s["para_id"].to_numpy(), index=pos.index)
    keys = list(zip(m["doc_id"], m["sent_id"]))
    m = m.assign(_pos=[pos.get(k, 0.0) for k in keys], _para=[para_of.get(k, -1) for k in keys])
    m = m.assign(_head=[kinds.get((d, p), "") == "headline" for d, p in zip(m["doc_id"], m["_para"])],
                 _lede=[lede.get(d, -2) == p for d, p in zip(m["doc_id"], m["_para"])])
    texts = _sentence_text(corpus)
    out = (m.groupby(["doc_id", "actor"], sort=False)
           .agg(outlet=("outlet", "first"), actor_type=("actor_type", "first"), mentions=("actor", "size"),
                first_position=("_pos", "min"), in_headline=("_head", "any"), in_lede=("_lede", "any"),
                first_sent=("sent_id", "min"))
           .reset_index())
    out["first_sentence"] = [texts.get((d, si), "") for d, si in zip(out["doc_id"], out["first_sent"])]
    out["published"] = out["doc_id"].map(corpus.documents.set_index("doc_id")["published"])
    return out[cols].sort_values(["doc_id", "first_position", "actor"], kind="stable").reset_index(drop=True)


def prominence(corpus, top_n: int = 15) -> pd.DataFrame:
    """How prominent each actor is: share of mentions, articles, first position, headline, lede.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with ``mentions``.
    top_n: the actors with the most mentions to keep.

    Returns actor, actor_type, mentions, share (of all reporting mentions), articles,
    article_share, median_first_position (0 = first sentence, 1 = last), headline_articles,
    lede_articles.
    """
    cols = ["actor", "actor_type", "mentions", "share", "articles", "article_share", "median_first_position",
            "headline_articles", "lede_articles"]
    per_doc = first_mentions(corpus)
    actors = top_actors(corpus, top_n)
    if per_doc.empty or not actors:
        return pd.DataFrame(columns=cols)
    total = per_doc["mentions"].sum()
    n_docs = len(corpus.documents)
    out = (per_doc[per_doc["actor"].isin(actors)].groupby("actor")
           .agg(actor_type=("actor_type", "first"), mentions=("mentions", "sum"), articles=("doc_id", "nunique"),
                median_first_position=("first_position", "median"), headline_articles=("in_headline", "sum"),
                lede_articles=("in_lede", "sum"))
           .reindex(actors).reset_index())
    out["share"] = (out["mentions"] / total).round(4)
    out["article_share"] = (out["articles"] / n_docs).round(4)
    out["median_first_position"] = out["median_first_position"].round(3)
    return out[cols]


def resolve_actor(corpus, name: str | None) -> str | None:
    """The canonical actor for a user's name ("" or None: the most-mentioned actor).

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus`.
    name: a canonical name or alias, any case.
    """
    if not name or not str(name).strip():
        top = top_actors(corpus, 1)
        return top[0] if top else None
    table = actor_table(corpus)
    if name in table.actors:
        return name
    found = table.lookup(name)
    if found is not None:
        return found.name
    lowered = {a.lower(): a for a in table.actors}
    return lowered.get(str(name).strip().lower())


def actor_sentences(corpus, actor: str | None) -> pd.DataFrame:
    """Every sentence naming ``actor``: the evidence for what the coverage says about it.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with ``mentions``.
    actor: a canonical actor name (see :func:`resolve_actor`).

    Returns outlet, published (ISO date or "(undated)"), doc_id, sent_id, names (the
    surfaces used, "; "-joined), in_furniture, sentence; ordered by date, article, sentence.
    """
    cols = ["outlet", "published", "doc_id", "sent_id", "names", "in_furniture", "sentence"]
    m = corpus.mentions
    m = m[m["actor"] == actor]
    if m.empty:
        return pd.DataFrame(columns=cols)
    docs = corpus.documents.set_index("doc_id")
    texts = _sentence_text(corpus)
    out = (m.groupby(["doc_id", "sent_id"], sort=False)
           .agg(names=("surface", lambda s: "; ".join(dict.fromkeys(" ".join(x.split()) for x in s))),
                in_furniture=("in_furniture", "all"))
           .reset_index())
    out["outlet"] = out["doc_id"].map(docs["outlet"])
    dates = out["doc_id"].map(docs["published"])
    out["published"] = dates.dt.strftime("%Y-%m-%d").fillna("(undated)")
    out["sentence"] = [texts.get((d, s), "") for d, s in zip(out["doc_id"], out["sent_id"])]
    out = out.assign(_date=dates).sort_values(["_date", "doc_id", "sent_id"], kind="stable", na_position="last")
    return out[cols].reset_index(drop=True)


def show_summary(corpus, focus_actor: str | None = None) -> None:
    """Headline figures: actors found, mentions, the most-mentioned actor, the focus actor.

    Parameters
    ----------
    corpus: a :class:`~analysis.loader.Corpus` with ``mentions``.
    focus_actor: the notebook's focus actor ("" for the most-mentioned one).
    """
    from . import display

    m = reporting_mentions(corpus)
    display.headline("Actors named in reporting text", f"{m['actor'].nunique():,}",
                     f"of {len(actor_table(corpus).actors):,} in the actors file")
    display.headline("Mentions in reporting text", f"{len(m):,}", "captions, boxes and methodology left out")
    top = top_actors(corpus, 1)
    if top:
        display.headline("Most mentioned", top[0], f"{int((m['actor'] == top[0]).sum()):,} mentions")
    focus = resolve_actor(corpus, focus_actor)
    if focus is None:
        display.show_text(f"Focus actor {focus_actor!r} is not in the actors file and no actor is mentioned; "
                          "the evidence table below is empty.")
    else:
        n = m[m["actor"] == focus]
        display.headline("Focus actor", focus, f"{len(n):,} mentions in {n['doc_id'].nunique():,} article(s)")
    for note in corpus.notes:
        display.show_text(f"Note: {note}")
