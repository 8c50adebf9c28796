"""The actors file: parsing, validation and the compiled matcher (:class:`ActorTable`).

:func:`parse_actors` validates the parsed YAML of an actors file (format in the header of
``data/actors.yml``) and builds the :class:`ActorTable`: the canonical :class:`Actor` entries
and ONE trie-shaped regular expression over every alias, reference and not-actor phrase
(:func:`trie_pattern`), with the lookup keys (:func:`normalize`) and the case rule
(:func:`case_ok`). :func:`analysis.actors.stage.load_reference` reads the file; the ``actors``
stage (:mod:`analysis.actors.stage`) matches with the table.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from analysis.documents import ProblemsError

TYPES = ("person", "government", "company", "product", "media", "organization", "other")
REQUIRED_FIELDS = ("type", "aliases")
OPTIONAL_FIELDS = ("affiliation", "titles", "references", "default_for")
NOT_ACTORS_KEY = "not_actors"
ACRONYM_MAX = 5

_SPACE_RE = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"  # spaces with at most one line break
_TOKEN_RE = {" ": _SPACE_RE, "'": "['’‘`]"}
_WS = re.compile(r"\s+")
_APOS = str.maketrans(dict.fromkeys("’‘`", "'"))
_PIECE = re.compile(r"[^\W_]+")
_FOLD = str.maketrans({"İ": "i", "ı": "i"})  # the regex's case-insensitive i's that casefold keeps apart


class ActorsFileError(ProblemsError):
    """An actors file that cannot be used; the message names the file and every problem."""

    prefix = "actors file"


@dataclass(frozen=True)
class Actor:
    """One canonical actor: its name, type, affiliation and the names it goes by."""

    name: str
    type: str
    affiliation: str | None
    aliases: tuple[str, ...]
    titles: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    default_for: tuple[str, ...] = ()  # references this actor takes when no candidate is named


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
    if text.isascii():  # nothing to strip (most names): the same result without the per-character pass
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def pieces(text: str) -> frozenset[str]:
    """The casefolded runs of letters and digits in ``text``.

    A name of the table can match a stretch of text (ignoring case, apostrophes and spacing,
    the case rule aside) only where the text holds every piece of it: the pieces of a document
    tell which entries of a table it can read.

    Parameters
    ----------
    text: a name or a document's text.
    """
    return frozenset(_PIECE.findall(text.translate(_FOLD).casefold()))


def lower_text(text: str) -> str:
    """``text`` in lower case with every character's offset kept (what :attr:`ActorTable.pattern` scans).

    Parameters
    ----------
    text: any text ("İ", whose lower case is two characters, becomes "i").
    """
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] for c in text)


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


def trie_pattern(keys: Iterable[str], tokens: Mapping[str, str] = _TOKEN_RE) -> str:
    """A regex matching any of ``keys`` (normalized names), longest first, as a prefix trie.

    Parameters
    ----------
    keys: normalized names (see :func:`normalize`); a space matches spaces with at most one
        line break, an apostrophe matches straight or curly ones.
    tokens: the regex a character stands for, where it is not itself (default: those two).
    """
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(tokens.get(ch) or re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
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
    _pattern: re.Pattern | None = field(init=False, repr=False, compare=False, default=None)
    _title_patterns: dict[str, re.Pattern] | None = field(init=False, repr=False, compare=False, default=None)
    defaults: dict[str, str] = field(init=False, repr=False)  # reference key -> its default actor
    surfaces: dict[str, tuple[int, _Entry] | None] = field(init=False, repr=False, default_factory=dict)  # memo
    _by_piece: dict[str, list[tuple[str, frozenset[str]]]] | None = field(
        init=False, repr=False, compare=False, default=None
    )
    doc_prints: dict[str, str] = field(init=False, repr=False, compare=False, default_factory=dict)  # by content

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
        self.defaults = {normalize(r): a.name for a in self.actors.values() for r in a.default_for}
        self.anchors = {a: frozenset(_chain(self.actors, a)) for a in self.actors}

    @property
    def pattern(self) -> re.Pattern:
        """Every key of the table as one trie pattern, matched against the text in lower case
        (:func:`lower_text`: faster than ignoring case). Compiled on first use: a table of a
        thousand found actors takes a few tenths of a second, and a warm load never matches."""
        if self._pattern is None:
            self._pattern = re.compile(r"(?<![\w@])(?=(" + trie_pattern(sorted(self.keys)) + "))")
        return self._pattern

    @property
    def title_patterns(self) -> dict[str, re.Pattern]:
        """Actor name -> a pattern of its titles at the end of a text (compiled on first use)."""
        if self._title_patterns is None:
            self._title_patterns = {
                a.name: re.compile(
                    r"(?<![\w@])(" + trie_pattern(sorted({normalize(t) for t in a.titles})) + ")" + _SPACE_RE + r"\Z",
                    re.IGNORECASE,
                )
                for a in self.actors.values()
                if a.titles
            }
        return self._title_patterns

    def __getstate__(self) -> dict:
        """Pickled without the per-document memo and piece index (built where keys are made)."""
        return {**self.__dict__, "_by_piece": None, "doc_prints": {}}

    def readable(self, *texts: str) -> tuple:
        """The part of the table a document made of ``texts`` can read, as plain sorted data.

        What the ``actors`` and ``sources`` stages read of the table for one document: every
        entry whose pieces (:func:`pieces`) the texts hold (kind, variants, its actors; a
        reference keeps only the candidates those entries' actors anchor, and its default), and
        for each actor named there or anchored by them: type, affiliation, titles, anchors.
        Entries the text cannot match and actors it cannot name are left out, so a change
        there leaves the result alone.

        Parameters
        ----------
        texts: the document's text, title and outlet.
        """
        have = frozenset().union(*(pieces(t) for t in texts))
        index = self._piece_index()
        found = {k for p in [*have, ""] for k, need in index.get(p, ()) if need <= have}
        keys = sorted(found)
        entries = [(k, self.keys[k]) for k in keys]
        named = {a for _, e in entries if e.kind == "alias" for a in e.actors}
        anchored = frozenset().union(*(self.anchors[a] for a in named if a in self.anchors))
        out_entries, used = [], set(anchored)
        for key, e in entries:
            actors = e.actors if e.kind != "reference" else tuple(a for a in e.actors if a in anchored)
            default = self.defaults.get(key) if e.kind == "reference" else None
            used |= {default} if default else set()
            out_entries.append((key, e.kind, actors, tuple(sorted(set(e.variants))), default))
        specs = [
            (a.name, a.type, a.affiliation, tuple(sorted(a.titles)), tuple(sorted(self.anchors[a.name])))
            for a in (self.actors[n] for n in sorted(used) if n in self.actors)
        ]
        return tuple(out_entries), tuple(specs)

    def doc_fingerprint(self, doc) -> str:
        """A hash of :meth:`readable` for one document (memoised by its content hash).

        Parameters
        ----------
        doc: a :class:`~analysis.documents.Document`; its text, title and outlet are read.
        """
        key = doc.content_hash
        if key not in self.doc_prints:
            data = repr(self.readable(doc.text, doc.title or "", doc.outlet or "")).encode()
            self.doc_prints[key] = hashlib.sha256(data).hexdigest()[:16]
        return self.doc_prints[key]

    def _piece_index(self) -> dict[str, list[tuple[str, frozenset[str]]]]:
        """Longest piece of each key -> (key, all its pieces); keys with no piece under ``""``."""
        if self._by_piece is None:
            index: dict[str, list[tuple[str, frozenset[str]]]] = {}
            for key in self.keys:
                need = pieces(key)
                index.setdefault(max(sorted(need), key=len) if need else "", []).append((key, need))
            self._by_piece = index
        return self._by_piece

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
        problems.append(
            f"{what} must be a list of names (e.g. [Hegseth, Defense Secretary]), got {type(value).__name__} {value!r}"
        )
        return ()
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            problems.append(f"{what}: {item!r} is not a name (quote it in YAML if it looks like a number or yes/no)")
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
            problems.append(
                f"{name!r}: unknown field(s) {', '.join(unknown)} "
                f"(known: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)})"
            )
        kind = spec.get("type")
        if "type" in spec and kind not in TYPES:
            problems.append(f"{name!r}: unknown type {kind!r} (allowed: {', '.join(TYPES)})")
        affiliation = spec.get("affiliation")
        if affiliation is not None and not isinstance(affiliation, str):
            problems.append(f"{name!r}: affiliation must be an actor name, got {affiliation!r}")
            affiliation = None
        actors[name.strip()] = Actor(
            name=name.strip(),
            type=str(kind),
            affiliation=affiliation.strip() if affiliation else None,
            aliases=_str_list(spec.get("aliases", []), f"{name!r} aliases", problems),
            titles=_str_list(spec.get("titles", []), f"{name!r} titles", problems),
            references=_str_list(spec.get("references", []), f"{name!r} references", problems),
            default_for=_str_list(spec.get("default_for", []), f"{name!r} default_for", problems),
        )
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
                problems.append(
                    f"alias {alias!r} is claimed by two actors: {owner[key][0]!r} "
                    f"(as {owner[key][1]!r}) and {actor.name!r}"
                )
            else:
                owner.setdefault(key, (actor.name, alias))
    for phrase in not_actors:
        if normalize(phrase) in owner:
            problems.append(f"not_actors: {phrase!r} is also an alias of {owner[normalize(phrase)][0]!r}")
    defaults: dict[str, str] = {}
    for actor in actors.values():
        for ref in actor.references:
            who = owner.get(normalize(ref), (actor.name,))[0]
            if who != actor.name:
                problems.append(f"{actor.name!r}: reference {ref!r} is an alias of {who!r}")
        for ref in actor.default_for:
            if normalize(ref) not in {normalize(r) for r in actor.references}:
                problems.append(f"{actor.name!r}: default_for {ref!r} is not one of its references")
            elif normalize(ref) in defaults and defaults[normalize(ref)] != actor.name:
                problems.append(
                    f"default_for {ref!r} is claimed by two actors: {defaults[normalize(ref)]!r} and {actor.name!r}"
                )
            defaults.setdefault(normalize(ref), actor.name)
        if actor.affiliation and actor.affiliation not in actors:
            problems.append(f"{actor.name!r}: affiliation {actor.affiliation!r} is not an actor in this file")
        elif actor.affiliation and actor.name in _chain(actors, actor.affiliation):
            problems.append(f"{actor.name!r}: circular affiliation through {actor.affiliation!r}")
    return problems
