"""Merging found names into actors (rules 2-5 of :mod:`analysis.actors.found`).

:func:`found_data` takes the :class:`~analysis.actors.found.DocNames` of every document and
returns actors-file data: ``{canonical: {type, aliases, references, default_for}, not_actors: [...]}``
ordered by how often each actor was found.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.actors import lexicon as lx
from analysis.actors.found import (
    _ACRONYM,
    _WORDISH,
    ALIAS_SHARE,
    ARTICLE,
    CONNECT,
    CONTEXT_MIN,
    DEFAULT_SHARE,
    MENTIONS_PER_DOCS,
    MIN_MENTIONS,
    PARTICLES,
    RIVAL_MIN,
    ROLE_MIN,
    ROLE_SHARE,
    DocNames,
    WordCounts,
)
from analysis.actors.reference import normalize, strip_accents
from analysis.text import SENT_STARTERS

_PLACES = {
    normalize(p)
    for p in (
        *lx.US_STATES,
        *lx.US_STATES_2,
        *lx.PLACES,
        *lx.PLACES_2,
        *lx.HOLIDAYS,
        *lx.STATE_ABBREVIATIONS,
        *lx.countries(),
    )
}
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z]")
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,6}s$")
_FUNCTION = SENT_STARTERS | {"of"}  # words the stage's guard passes over (stage.NOT_NAMES)
_PARTY_NAMES = frozenset(lx.PARTY_NICKNAMES.values()) | frozenset(lx.PARTY_PLURALS.values())  # "Liberal Democrats"
GENERIC_ORGS = frozenset(
    """department office bureau agency commission service court administration ministry police army navy
military cabinet assembly committee reserve""".split()
)
_NOT = lx.CALENDAR | lx.DEMONYMS | lx.PARTY_ADJECTIVES | lx.OTHER_WORDS
# Last words of multi-word titles count as titles ("Speaker"), but not the nouns of government
# ("State" of "Secretary of State" would make "State Department" a title + name).
_NOUN_TITLES = frozenset({"state", "staff", "defense"})  # titles only before a given name
_TITLES = lx.PERSON_TITLES | {t.split()[-1] for t in lx.MULTI_TITLES} - _NOUN_TITLES
_ANY_TITLES = _TITLES | _NOUN_TITLES  # no person's name opens with one (made once, not per name)
_US = ("u.s. ", "us ", "united states ", "the ")
COMMON_RATIO = 3  # a word this many times more often lower case than capitalised mid-sentence is no name
COMMON_MIN = 2
# Function words cut from the front of a run wherever it stands ("But Quinlan" after a quote mark).
STARTERS = SENT_STARTERS | frozenset("here now you i we yes well just only maybe even again today".split())


def _key(word: str) -> str:
    return word.lower().rstrip(".")


@lru_cache(maxsize=1 << 16)
def _not_actor(words: tuple[str, ...]) -> bool:
    if len(words) > 1 and _key(words[-1]) in lx.NOT_SURNAMES and _key(words[-1]) not in ("state", "states"):
        return True  # "Geneva Convention", "Affordable Care Act"
    if len(words) == 1 and (_key(words[0]) in _NOT or _PARTY_TAG.match(words[0]) or _PLURAL_ACRONYM.match(words[0])):
        return True  # "MPs", "CEOs": plural acronyms are kinds of people or things
    if len(words) > 1 and _key(words[-1]) in lx.DEMONYMS and _key(words[-1]) not in lx.PARTY_PLURALS:
        return True  # "London Irish" is no person called Irish
    key = normalize(" ".join(words))
    return key in _PLACES or key in lx.PARTY_ADJECTIVES or (len(words) <= 2 and _place_demonym(key))


def _place_demonym(key: str) -> bool:
    """Whether a normalised name is a place's people ("new yorker", "texans", "londoners", "ohioan")."""
    for suffix in ("ers", "er", "ans", "an", "ns", "n"):
        stem = key.removesuffix(suffix)
        if stem != key and len(stem) >= 4 and (stem in _PLACES or stem + "s" in _PLACES or stem + "a" in _PLACES):
            return True
    return False


def _title_at(w: list[str], k: int) -> int:
    """Number of words of a title starting at ``w[k]`` (0 if none)."""
    for n in (3, 2):
        if " ".join(w[k : k + n]).lower() in lx.MULTI_TITLES:
            return n
    if k + 1 < len(w) and _title_key(w[k]) in _NOUN_TITLES and lx.given_name_gender(w[k + 1]):
        return 1  # "(Secretary of) State Hillary Clinton", not "State Department"
    return 1 if k < len(w) and _title_key(w[k]) in _TITLES else 0


def _title_key(word: str) -> str:
    """A title word as compared: lower case, no period, no "then-" / "ex-" / "-elect", short forms spelt out."""
    key = _key(word)
    for prefix in ("then-", "ex-"):
        key = key.removeprefix(prefix)
    key = key.removesuffix("-elect")  # "President-elect Bush" holds the title "president"
    return lx.TITLE_SPELLED.get(key, key)


def _only_titles(words: tuple[str, ...]) -> bool:
    """Whether a name is titles or title adjectives only ("Vice President", "Comptroller", "Vice
    Presidential"): a role written with capitals, never an actor's name of its own."""
    k = 0
    while k < len(words):
        n = _title_at(list(words), k) or (_title_key(words[k]) in lx.TITLE_ADJECTIVES)
        if not n:
            return False
        k += n
    return bool(words)


@dataclass
class _Person:
    first: str
    last: str
    suffix: str
    forms: Counter = field(default_factory=Counter)  # full names as written
    middles: Counter = field(default_factory=Counter)
    mentions: int = 0


def _strip(words: tuple[str, ...], namelike, initial: bool, common=None) -> tuple[tuple[str, ...], list[str]]:
    """Words of a run without leading starters, places, adjectives and titles; the titles cut off.

    Parameters
    ----------
    words: the run's words.
    namelike: word -> whether the corpus writes it capitalised mid-sentence more than in lower case.
    initial: whether the run opens a sentence.
    common: word -> whether it is a lower-case word of the corpus ("But", "In"); such a first word
        is cut wherever the run stands (after a quote mark, a dash, in a headline-ish line).

    Returns the name words and the titles cut off.
    """
    if _particle_surname(words):
        return words, []  # "Von der Leyen said", "De Gaulle added": a surname, not a connector
    w = list(words)
    titles: list[str] = []
    first = True
    for k in (1, 2):  # "FBI Director James Comey", "New Jersey Gov. Chris Christie"
        n = _title_at(w, k) if len(w) > k + 1 else 0
        if n and not _title_at(w, 0) and not lx.given_name_gender(w[0]) and len(w) > k + n:
            w = w[k:]
            break
    while w:
        n = _title_at(w, 0)
        if n and len(w) > n and _key(w[n]) not in lx.ORG_TYPE:  # "General Motors" keeps its "General"
            titles.append(" ".join(_title_key(x) for x in w[:n]).lower())
            w = w[n:]
        elif len(w) > 2 and normalize(" ".join(w[:2])) in _PLACES and (_title_at(w, 2) or lx.given_name_gender(w[2])):
            w = w[2:]
        elif (
            len(w) > 1
            and _not_actor((w[0],))
            and (_title_at(w, 1) or lx.given_name_gender(w[1]))
            and not (len(w) == 2 and _month_name(w, 0))  # "June Carter", but "Tuesday Jo Roe"
        ):
            w = w[1:]
        elif len(w) == 2 and _key(w[0]) in lx.PARTY_ADJECTIVES and lx.ORG_TYPE.get(_key(w[1])) == "government":
            w = w[1:]  # "a Democratic Senate", "the Republican Congress": the body, not a party's own
        elif len(w) > 1 and _key(w[0]) in CONNECT and not _particle_surname(tuple(w)):
            w = w[1:]
        elif len(w) > 1 and common is not None and _key(w[0]) in STARTERS and common(w[0]):
            w = w[1:]
        elif (
            len(w) > 2
            and namelike(w[0])
            and _key(w[0]) not in lx.PLACE_PREFIXES
            and not lx.given_name_gender(w[0])
            and lx.given_name_gender(w[1])
            and namelike(w[2])
            and normalize(" ".join(w[:2])) not in _PLACES
        ):
            w = w[1:]  # "Fox Chris Wallace": an outlet or place before a full name
        elif (
            first
            and initial
            and len(w) > 1
            and (w[0].lower() in SENT_STARTERS or not (namelike(w[0]) or lx.given_name_gender(w[0])))
            and not _particle_surname(tuple(w))
        ):
            w = w[1:]
        else:
            break
        first = False
    while len(w) > 1 and (_key(w[-1]) in CONNECT or _key(w[-1]) in lx.CALENDAR):
        if len(w) == 2 and _month_name(w, 1):
            break  # "Theresa May", but "Hillary Clinton May" (a headline's month)
        w = w[:-1]
    return tuple(w), titles


def _particle_surname(words: tuple[str, ...]) -> bool:
    """Whether ``words`` are a surname opening with particles ("Von der Leyen", "De Gaulle", "bin Salman")."""
    return (
        1 < len(words) <= 3
        and all(_key(x) in PARTICLES for x in words[:-1])
        and words[-1][:1].isupper()
        and _key(words[-1]) not in CONNECT
    )


def _month_name(words: list[str] | tuple[str, ...], i: int) -> bool:
    """Whether the month ``words[i]`` is a name word of the full name ``words``: a given name first
    ("April Ryan", "June Carter"), a surname after a given name ("Theresa May")."""
    key = _key(words[i])
    if i == 0:
        return key in lx.MONTH_GIVEN_NAMES and len(words) > 1 and _key(words[1]) not in _NOT
    return i == len(words) - 1 and key in lx.MONTH_SURNAMES and lx.given_name_gender(words[0]) is not None


def _person_parts(
    words: tuple[str, ...], surnames: set[str], common=None, described: set[tuple[str, ...]] = frozenset()
) -> tuple[str, str, str, tuple[str, ...]] | None:
    """(first, last, suffix, middles) when ``words`` look like a person's full name, else None.

    Parameters
    ----------
    words: the name words (titles already cut off).
    surnames: words written after a personal title somewhere in the corpus ("Mr. Romney").
    common: word -> whether it is a lower-case word of the corpus; none of a person's words is one
        ("He Captures GOP Nomination", "Jeb Can Fix It" are headlines, not people).
    described: full names written after a noun that describes a person somewhere ("nominee Mitt
        Romney"): people even when the given name is not in the name list.
    """
    w = list(words)
    suffix = ""
    if len(w) > 2 and _key(w[-1]) in lx.NAME_SUFFIXES:
        suffix = w.pop().rstrip(".") + "."
    # particles inside the name ("Ursula von der Leyen", "Charles de Gaulle") are no name words of it
    named = [x for i, x in enumerate(w) if not (0 < i < len(w) - 1 and _key(x) in PARTICLES)]
    if not 2 <= len(named) <= 4 or not all(_WORDISH.match(x) for x in named):
        return None
    if any(
        _key(x) in lx.ORG_TYPE or (_key(x) in _NOT and not _month_name(w, w.index(x))) or _key(x) in CONNECT
        for x in named
    ):
        return None
    if _key(w[0]) in lx.PLACE_PREFIXES or _key(w[0]) in _ANY_TITLES or _key(w[-1]) in lx.NOT_SURNAMES:
        return None
    if common is not None and any(common(x) for x in named if len(x) > 2 or x.isalpha()):
        return None
    if normalize(" ".join(w)) in _PLACES or len(w[-1]) < 2 or w[-1].endswith("."):
        return None
    if normalize(w[-1]) in _PLACES and not (words in described or w[-1] in surnames):
        return None  # "Jenkins Wales", but "striker Jason Scotland"
    if not (lx.given_name_gender(w[0]) or w[-1] in surnames or words in described):
        return None
    if len(named) < len(w) and normalize(" ".join(w)) in lx.PARTICLE_PLACES:
        return None  # "Rio de Janeiro"
    if ARTICLE.match(w[-1]) and _key(w[0]) in lx.ARTICLE_ORG_WORDS:
        return None  # "Ansar al-Sharia" is a group
    return w[0], ARTICLE.sub("", w[-1]), suffix, tuple(w[1:-1])  # "Bashar al-Assad" is "Bashar Assad"


@lru_cache(maxsize=1 << 16)
def _org_key(words: tuple[str, ...]) -> str:
    key = normalize(" ".join(words))
    for prefix in _US:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            key = key[len(prefix) :]
    parts = key.split()
    if len(parts) == 3 and parts[0] == "department" and parts[1] == "of":
        key = f"{parts[2]} department"
    return lx.PARTY_NICKNAMES.get(key, key)


def _org_type(words: tuple[str, ...]) -> str | None:
    kinds = [lx.ORG_TYPE[_key(x)] for x in words if _key(x) in lx.ORG_TYPE and x[:1].isupper()]
    return kinds[-1] if kinds else None


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in CONNECT and w[:1].isalpha()).upper()


GIVEN_NAME_CONTEXT = 5  # a given name alone that acts this often, and is no found person's, is a name ("Chelsea")
ROYAL = frozenset({"prince", "princess", "king", "queen", "pope"})  # + a given name: one person
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr"})  # held by anyone: they choose no holder
PERSONAL = HONORIFICS | {"senator", "governor", "representative"}  # held by many: no "the <title>" role
GENERIC = frozenset({"former", "first", "candidate", "nominee", "chief", "deputy", "incumbent", "then-candidate"})


@dataclass
class _Org:
    type: str | None
    forms: Counter = field(default_factory=Counter)
    mentions: int = 0
    context: int = 0
    platform: int = 0


class _Found:
    """Accumulators of the corpus pass (one instance per :func:`found_data` call)."""

    def __init__(self, docs: list[DocNames], counts: WordCounts | None = None) -> None:
        if counts is None:
            counts = WordCounts()
            for d in docs:
                counts.midcap.update(d.midcap)
                counts.lower.update(d.lower)
        self.midcap: Counter = counts.midcap
        self.lower: Counter = counts.lower
        # "PC" when "PCs" is written: an acronym with a plural names a kind of thing, not an actor
        self.plural_acronyms = {w[:-1] for w in self.midcap if _PLURAL_ACRONYM.match(w)}
        self.persons: dict[tuple, _Person] = {}
        self.orgs: dict[str, _Org] = {}
        self.singles: dict[str, _Org] = {}
        self.shorts: dict[tuple, list] = {}  # (surface, word, gender, title) -> [Counter links, total]
        self.holders: dict[str, Counter] = defaultdict(Counter)
        self.acro_defs: dict[str, Counter] = defaultdict(Counter)
        self.not_seen: Counter = Counter()
        self.titled: set[str] = set()
        self.described: set[tuple[str, ...]] = set()  # full names written after a person noun
        self.docs_of: dict[tuple, set[int]] = defaultdict(set)  # person key -> documents naming it in full
        self.same: dict[tuple, tuple] = {}  # person key -> the key it was merged into (_merge_variants)
        self._strips: dict[tuple, tuple] = {}  # (words, initial) -> _strip's result, as tuples
        self._parts: dict[tuple, tuple | None] = {}  # name words -> _person_parts's result
        self.readings: dict[tuple, _Reading] = {}  # (words, initial) -> _reading's result

    def strip(self, words: tuple[str, ...], initial: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """:func:`_strip` of a run's words with this corpus's word counts, computed once per distinct run.

        The counts are fixed when the pass starts, so the result depends on ``words`` and
        ``initial`` alone; a corpus repeats its names (BBC: 96,358 runs, 23,803 distinct).
        """
        key = (words, initial)
        got = self._strips.get(key)
        if got is None:
            name, titles = _strip(words, self.namelike, initial, self.common)
            got = self._strips[key] = (name, tuple(titles))
        return got

    def person_parts(self, words: tuple[str, ...]) -> tuple[str, str, str, tuple[str, ...]] | None:
        """:func:`_person_parts` of name words, once per distinct name (``titled`` is complete by then)."""
        if words not in self._parts:
            self._parts[words] = _person_parts(words, self.titled, self.common, self.described)
        return self._parts[words]

    def namelike(self, word: str) -> bool:
        return self.midcap[word] > self.lower[word.lower()] and _key(word) not in _NOT

    def common(self, word: str) -> bool:
        """Whether a word is written in lower case far more than capitalised mid-sentence ("He", "Can")."""
        return self.lower[word.lower()] > COMMON_RATIO * self.midcap[word] + COMMON_MIN


def _gender(titles: list[str]) -> str:
    if any(t in lx.MALE_TITLES for t in titles):
        return "male"
    return "female" if any(t in lx.FEMALE_TITLES for t in titles) else ""


def _fits(first: str, gender: str) -> bool:
    got = lx.given_name_gender(first)
    return not gender or got in (None, "any", gender)


def _stripped(f: _Found, run_words: tuple[str, ...], initial: bool) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """The name words of a run, its titles and the title + name surface ("Sen. Cruz")."""
    words, titles = f.strip(run_words, initial)
    if not words:
        return (), (), ""
    end = len(run_words) - list(reversed(run_words)).index(words[-1])
    start = end - len(words)
    n_title = len(titles[-1].split()) if titles and titles[-1] not in GENERIC else 0
    surface = " ".join(run_words[start - n_title : end]) if n_title and start >= n_title else " ".join(words)
    return words, tuple(t for t in titles if t not in GENERIC), surface


@dataclass(slots=True)
class _Reading:  # not frozen: a frozen dataclass's __init__ is several times slower
    """What a run's words are, as far as its neighbours do not decide (:func:`_reading`; rules 2-3).

    ``tag`` says what the words are when they are no person's full name and neither "<name> News"
    nor "<party adjective> party" is written: ``"skip"`` (nothing), ``"not"`` (not an actor:
    ``not_seen``), ``"royal"`` ("Prince Charles": ``person``), ``"single"`` (a one-word name:
    ``short``) or ``"org"`` (``org_key`` of type ``kind``; ``acronyms``: a long form that takes
    the acronyms written after it).
    """

    skip: bool  # no name, or a lone sentence-initial word the corpus does not write as a name
    words: tuple[str, ...]
    name: str  # the words joined
    surface: str
    titles: tuple[str, ...]
    name_org: bool  # may be the name in "<name> News", "<name> Administration" (the word after decides)
    title_words: str | None  # the title words before the name ("Sen."): not actors
    parts: tuple | None  # a person's (first, last, suffix, middles)
    middle: tuple[str, ...]
    opener: bool  # a common word opens the run before a person's name ("Only Ronald Reagan")
    holder_title: str | None  # the title this person holds here (none after "former")
    party: bool  # a party adjective: "<adjective> party" names the party
    tag: str
    org_key: str = ""
    kind: str | None = None
    acronyms: bool = False
    person: tuple[str, str, str] = ("", "", "")
    short: tuple[str, str, str, str] = ("", "", "", "")


def _reading(f: _Found, run_words: tuple[str, ...], initial: bool) -> _Reading:
    """:class:`_Reading` of a run's words, once per distinct (words, initial) in a corpus.

    It depends on the words and the corpus's counts only, which are fixed when :func:`_read_doc`
    runs (``titled`` and ``described`` are complete by then); a corpus repeats its names.
    """
    key = (run_words, initial)
    got = f.readings.get(key)
    if got is None:
        got = f.readings[key] = _read_words(f, run_words, initial)
    return got


def _read_words(f: _Found, run_words: tuple[str, ...], initial: bool) -> _Reading:
    """:func:`_reading`, computed."""
    words, titles, surface = _stripped(f, run_words, initial)
    skip = not words or (initial and len(run_words) == 1 and not f.namelike(words[0]))
    if skip:
        return _Reading(True, words, "", surface, titles, False, None, None, (), False, None, False, "skip")
    name = " ".join(words)
    name_org = len(words) <= 3 and _key(words[-1]) not in lx.ORG_TYPE
    title_words = " ".join(surface.split()[: -len(words)]) if titles and len(surface.split()) > len(words) else None
    parts = None if _only_titles(words) else f.person_parts(words)  # "Vice President" is no Mr. President
    opener = bool(parts) and initial and run_words[0] != words[0] and f.common(run_words[0])
    holder = titles[-1] if titles and "former" not in titles else None
    party = len(words) == 1 and _key(words[0]) in lx.PARTY_ADJECTIVES
    head = (False, words, name, surface, titles, name_org, title_words, parts)
    if parts:
        return _Reading(*head, _middle(parts[3]), opener, holder, party, "person")
    tag, rest = _what(f, words, titles, surface, initial)
    return _Reading(*head, (), opener, holder, party, tag, **rest)


def _what(f: _Found, words: tuple[str, ...], titles: tuple[str, ...], surface: str, initial: bool) -> tuple[str, dict]:
    """The ``tag`` of a :class:`_Reading` that is no person's full name, and its other fields."""
    titled_month = len(words) == 1 and titles[-1:] and titles[-1] in PERSONAL and _key(words[0]) in lx.MONTH_SURNAMES
    if (_not_actor(words) and not titled_month) or _only_titles(words):  # "Mrs May" is a surname, "May" a month
        return "not", {}
    if _particle_surname(words):  # "Von der Leyen": a short form of the person whose surname is "Leyen"
        return "single", {"short": (surface, words[-1], _gender(titles), titles[-1] if titles else "")}
    if len(words) == 1:
        word = words[0]
        plain = word.replace(".", "")
        if word in f.plural_acronyms:
            return "not", {}
        if _ACRONYM.match(word) and f.lower[plain.lower()] < 3 and plain.lower() not in lx.OTHER_WORDS:
            return "org", {"org_key": _org_key((plain,))}
        if lx.ORG_TYPE.get(_key(word)) == "government" and _key(word) not in GENERIC_ORGS and f.namelike(word):
            return "org", {"org_key": _org_key(words), "kind": "government"}
        if _key(word) in lx.ORG_TYPE:
            return "skip", {}
        if titles and titles[-1] in ROYAL:  # "Prince Charles": a name of its own, not a surname
            return "royal", {"person": (titles[-1].title(), word, "")}
        return "single", {"short": (surface, word, _gender(titles), titles[-1] if titles else "")}
    kind = _org_type(words) or ("organization" if _org_key(words) in _PARTY_NAMES else None)
    if not kind and not all(f.namelike(w) or w.lower() in CONNECT for w in words) and not _led(words, initial):
        return "skip", {}
    return "org", {"org_key": _org_key(words), "kind": kind, "acronyms": True}


def _org(table: dict[str, _Org], key: str, kind: str | None) -> _Org:
    """``table[key]``, made with type ``kind`` when missing (``setdefault`` without a spare :class:`_Org` per run)."""
    org = table.get(key)
    if org is None:
        org = table[key] = _Org(kind)
    return org


def _person(f: _Found, key: tuple[str, str, str]) -> _Person:
    """``f.persons[key]``, made when missing (``setdefault`` without a spare :class:`_Person` per run)."""
    person = f.persons.get(key)
    if person is None:
        person = f.persons[key] = _Person(*key)
    return person


def _read_doc(f: _Found, doc: DocNames, number: int = 0) -> None:
    """Classify one document's runs and link its short forms to its full names (rules 2-3)."""
    here: Counter = Counter()  # person key -> full mentions in this document
    shorts = []
    for run in doc.runs:
        r = _reading(f, run.words, run.initial)
        if r.skip:
            continue
        after = run.after.lower()
        if r.name_org and after in lx.NAME_ORGS and not run.possessive:
            words = r.words
            org = _org(f.orgs, f"{words[-1].lower()} {after}", lx.NAME_ORGS[after])
            org.forms[f"{words[-1]} {after}"] += 1
            if len(words) > 1:
                org.forms[r.name + f" {after}"] += 1
            org.mentions += 1
            continue
        if r.title_words is not None:
            f.not_seen[r.title_words] += 1
        if r.opener:
            f.not_seen[run.words[0]] += 1  # "Only Ronald Reagan": the stage must not read "Only" as a name
        if r.parts:
            _read_person(f, r, run, here)
            continue
        if r.party and after == "party" and not run.possessive:
            org = _org(f.orgs, _org_key((r.words[0], "Party")), lx.ORG_TYPE["party"])
            org.forms[f"{r.words[0]} party"] += 1  # "Republican party leaders": the party, not the adjective
            org.mentions += 1
            continue
        if r.tag == "skip":
            continue
        if r.tag == "not":
            f.not_seen[r.name] += 1
            continue
        if r.tag == "royal":
            _person(f, r.person).forms[r.surface] += 1
            here[r.person] += 1
            continue
        context = _key(run.after) in lx.ACTOR_CONTEXT or run.before in lx.ACTOR_BEFORE
        if r.tag == "single":
            shorts.append(r.short)
            org = _org(f.singles, r.words[0], None)
            org.platform += run.before in lx.PLATFORM_BEFORE
        else:
            org = _org(f.orgs, r.org_key, r.kind)
            if r.acronyms:
                acronym = run.after[1:-1] if run.after.startswith("(") else ""
                for short in (acronym, *run.aka) if acronym else run.aka:
                    f.acro_defs[short.replace(".", "")][r.org_key] += 1
        org.forms[r.name] += 1
        org.mentions += 1
        org.context += context
    for key in here:
        f.docs_of[key].add(number)
    for surface, word, gender, title in shorts:
        cands = [k for k in here if (k[1] == word or (not title and k[0] == word)) and _fits(k[0], gender)]
        rec = f.shorts.get((surface, word, gender, title))
        if rec is None:
            rec = f.shorts[(surface, word, gender, title)] = [Counter(), 0]
        rec[1] += 1
        if len(cands) == 1:
            rec[0][cands[0]] += 1


def _read_person(f: _Found, r: _Reading, run, here: Counter) -> None:
    """Count a person's full name in a run (:func:`_read_doc`), with the titles it holds there."""
    key = r.parts[:3]
    person = _person(f, key)
    person.forms[r.name] += 1
    person.middles[r.middle] += 1
    here[key] += 1
    if r.holder_title is not None and run.before != "former":
        f.holders[r.holder_title][key] += 1
    if run.role:
        f.holders[run.role][key] += 1


def _led(words: tuple[str, ...], initial: bool) -> bool:
    """Whether a name opens with a nationality or faith, capitalised by choice ("the Islamic State").

    Its other words count as a name mid-sentence however often the corpus writes them in lower case
    ("state"); it is kept only if it acts or an acronym is given for it, as any untyped name.
    """
    if len(words) < 2 or initial or _key(words[0]) not in lx.DEMONYMS:
        return False
    return not any(_key(w) in _NOT for w in words[1:])


def _collect_titled(f: _Found, docs: list[DocNames]) -> None:
    """Evidence of a person anywhere: a surname after a personal title ("Mr. Romney"), a full name
    after a noun that describes a person ("GOP nominee Mitt Romney", "economist Jane Doe") or after
    a title a person holds ("Prime Minister Narendra Modi", "President Nayib Bukele")."""
    after_title: set[tuple[str, ...]] = set()
    tails: set[tuple[str, ...]] = set()  # the last words of longer names ("Wasserman Schultz" of Debbie's)
    for doc in docs:
        for run in doc.runs:
            words, titles = f.strip(run.words, run.initial)
            if len(words) == 1 and titles and titles[-1] in PERSONAL:
                f.titled.add(words[0])
            elif 2 <= len(words) <= 4 and not titles and run.before in lx.PERSON_NOUNS:
                f.described.add(words)
            elif 2 <= len(words) <= 4 and titles and titles[-1] not in GENERIC and _title_next(run.words, words):
                after_title.add(words)
            if len(words) > 2:
                tails.update(words[k:] for k in range(1, len(words) - 1))
    f.described |= after_title - tails  # "Rep. Wasserman Schultz" is Debbie Wasserman Schultz's surname


def _title_next(run_words: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether the name ``words`` follows its title directly in the run: "MP for West Ham" names a seat."""
    k = run_words.index(words[0]) if words[0] in run_words else 0
    return k > 0 and _key(run_words[k - 1]) not in CONNECT


def _middle(words) -> tuple[str, ...]:
    """Middle names and initials without their periods: "W." and BBC's "W" are one initial."""
    return tuple(w.rstrip(".") for w in words)


def _formal(first: str) -> str:
    return lx.NICKNAMES.get(first.lower(), first.lower())


def _merge_variants(f: _Found) -> None:
    """One person's full name written with a short given name and in full ("Joe" / "Joseph R. Biden Jr.").

    Names with the same surname whose given names are one name (:data:`~analysis.actors.lexicon.NICKNAMES`)
    but written differently, or the same but for accents ("Nicolás", "Nicolas"), merge into the
    most-named one without a suffix; a generational suffix
    ("Jr.") merges so only when no document names both. The same given name written with and without
    a suffix is two people (Donald Trump and Donald Trump Jr.).
    """
    groups: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for key in f.persons:  # "Nicolás Maduro" and "Nicolas Maduro" are one name written two ways
        groups[(_formal(strip_accents(key[0])), strip_accents(key[1]))].append(key)
    for keys in groups.values():
        if len({k[0] for k in keys}) < 2:
            continue
        target = max(keys, key=lambda k: (not k[2], sum(f.persons[k].forms.values()), k))
        for key in sorted(keys):
            if key[0] == target[0] or (key[2] != target[2] and f.docs_of[key] & f.docs_of[target]):
                continue
            person = f.persons.pop(key)
            f.persons[target].forms.update(person.forms)
            f.persons[target].middles.update(person.middles)
            f.docs_of[target] |= f.docs_of[key]
            f.same[key] = target


def _by_key(f: _Found, people: dict[str, dict]) -> dict[tuple, str]:
    """Person key -> its entry's name, merged keys included (:func:`_merge_variants`)."""
    out = {e["_key"]: n for n, e in people.items() if "_key" in e}
    out.update({old: out[new] for old, new in f.same.items() if new in out})
    return out


def _people(f: _Found) -> dict[str, dict]:
    """Full names merged across the corpus (middle names and initials), as actor entries."""
    groups: dict[tuple, list[_Person]] = {}
    for key, person in f.persons.items():
        used = {m for m, c in person.middles.items() if m and c >= 2}
        if len(used) >= 2 and any(len(x) <= 4 for m in used for x in m):  # "George W." and "George H.W."
            for middle in sorted(used):
                split = _Person(person.first, person.last, person.suffix)
                split.forms = Counter({n: c for n, c in person.forms.items() if _middle(n.split()[1:-1]) == middle})
                groups[(*key, middle)] = [split]
        else:
            groups[key] = [person]
    out: dict[str, dict] = {}
    for key, (person,) in groups.items():
        total = sum(person.forms.values())
        if not person.forms or total < 1:
            continue
        bare = [n for n in person.forms if len(n.split()) == 2 + bool(person.suffix)]
        name = max(bare or person.forms, key=lambda n: (person.forms[n], n))
        out[name] = {
            "type": "person",
            "aliases": sorted(n for n in person.forms if n != name),
            "_key": key[:3],
            "_count": total,
            "_gender": lx.given_name_gender(person.first) or "",
        }
    return out


def _particles_fit(surface: str, name: str) -> bool:
    """Whether a short form's particles are the full name's ("Van Gogh" for Theo van Gogh; "Van Morrison"
    is no short form of Jim Morrison, nor "Mr da Silva" of Carlos Baez Silva)."""

    def particles(text: str) -> list[str]:
        return [x.lower() for x in text.split() if x.lower() in PARTICLES]

    mine = particles(surface)
    return not mine or particles(name)[-len(mine) :] == mine


def _short_forms(f: _Found, people: dict[str, dict]) -> None:
    """Surnames, first names and title + surname forms as aliases or references (rule 4)."""
    by_key = _by_key(f, people)
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for n, e in people.items():
        by_last.setdefault(e["_key"][1], []).append(n)
        by_first.setdefault(e["_key"][0], []).append(n)
        if "-" in e["_key"][1][1:-1]:  # "Kilroy" for Robert Kilroy-Silk
            by_last.setdefault(e["_key"][1].split("-")[0], []).append(n)
    for (surface, word, gender, title), (links, total) in sorted(f.shorts.items()):
        named = dict.fromkeys(by_last.get(word, []) + ([] if title else by_first.get(word, [])))
        linked = Counter()
        for k, c in links.items():
            linked[by_key.get(k)] += c
        cands = {
            n: people[n]["_count"] + linked[n]
            for n in named
            if (not gender or people[n]["_gender"] in ("", "any", gender)) and _particles_fit(surface, n)
        }
        if title and title not in HONORIFICS and title not in GENERIC:
            holders = {by_key.get(k) for k in f.holders.get(title, ())}
            cands = {n: w for n, w in cands.items() if n in holders} or cands
        if not cands:
            if gender and title in PERSONAL and total >= MIN_MENTIONS and word not in by_last:
                # "Mrs Howard" where only Michael Howard is named: a woman of her own, not his alias
                people[surface] = {"type": "person", "aliases": [], "_key": (title, word, ""), "_count": total}
                people[surface]["_gender"] = gender
                f.singles.pop(word, None)
            continue
        f.singles.pop(word, None)
        ranked = sorted(cands.items(), key=lambda t: (-t[1], t[0]))
        top, weight = ranked[0]
        share = weight / sum(cands.values())
        rival = ranked[1][1] if len(ranked) > 1 else 0
        if share >= ALIAS_SHARE and (rival < RIVAL_MIN or title):
            people[top]["aliases"].append(surface)
            people[top]["_count"] += total
            continue
        for name, w in ranked:
            if w >= 1:
                people[name].setdefault("references", []).append(surface)
        if share >= DEFAULT_SHARE:
            people[top].setdefault("default_for", []).append(surface)
            people[top]["_count"] += total


def _roles(f: _Found, people: dict[str, dict]) -> None:
    """ "the <title>" for the one holder of a title (rule 5)."""
    by_key = _by_key(f, people)
    for title, holders in sorted(f.holders.items()):
        if title in PERSONAL or title in GENERIC or title in _NOUN_TITLES or not holders:
            continue
        key, count = holders.most_common(1)[0]
        if count >= ROLE_MIN and count >= ROLE_SHARE * sum(holders.values()) and key in by_key:
            role = title if title.startswith("the ") else f"the {title}"
            people[by_key[key]].setdefault("references", []).append(role)


def _organisations(f: _Found, people: dict[str, dict]) -> dict[str, dict]:
    """Organisations, acronyms and acting one-word names, merged (rule 4) and typed."""
    taken = {w for e in people.values() for w in e["_key"][:2]}
    orgs = dict(f.orgs)
    for word, org in f.singles.items():
        plural = lx.PARTY_PLURALS.get(word.lower())
        if plural in orgs:
            orgs[plural].forms[word] += org.mentions
            orgs[plural].mentions += org.mentions
        elif (
            word not in taken
            and (not lx.given_name_gender(word) or org.context >= GIVEN_NAME_CONTEXT)
            and f.namelike(word)
            and org.mentions >= MIN_MENTIONS + 1
            and org.context + org.platform >= CONTEXT_MIN
        ):
            # somewhere titled "Mr." or "Sen.": a person's name, though no full name is found
            kind = "product" if org.platform >= 0.2 * org.mentions else "person" if word in f.titled else None
            orgs.setdefault(normalize(word), _Org(kind)).forms.update(org.forms)
            orgs[normalize(word)].mentions += org.mentions
            orgs[normalize(word)].context += org.context
    parent = {k: k for k in orgs}
    surnames = {e["_key"][1].lower() for e in people.values()}
    for k in sorted(orgs):  # "a Bush Justice Department": the institution; "the Obama White House": his administration
        first, _, rest = k.partition(" ")
        if first not in surnames or k == rest:
            continue
        if rest == "white house" and f"{first} administration" in orgs:
            parent[k] = f"{first} administration"
        elif rest in orgs and orgs[rest].mentions > orgs[k].mentions:
            if " " in rest or orgs[rest].type == "government":
                parent[k] = rest

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    def acronym(k: str) -> bool:
        return any(_ACRONYM.match(form) for form in orgs[k].forms)

    initials: dict[str, list[str]] = defaultdict(list)
    for o in sorted(orgs):
        if " " in o and orgs[o].mentions >= MIN_MENTIONS and (orgs[o].type or orgs[o].context):
            initials[_initials(o)].append(o)
    of_index: dict[str, list[str]] = defaultdict(list)
    for k in sorted(orgs):
        if " of " in k:
            of_index[k.split(" of ")[0]].append(k)
    for k in sorted(orgs):
        if acronym(k) and " " not in k:
            defs = [d for d, _ in f.acro_defs.get(k.upper(), Counter()).most_common() if d in orgs and d != k]
            fits = initials.get(k.upper(), [])
            long = defs[:1] or sorted(fits, key=lambda o: (-orgs[o].mentions, o))[:1]
            if long:
                parent[find(k)] = find(long[0])
        words = k.split()
        if len(words) >= 2 and words[-1] in ("news", "magazine", "network", "channel", "party", "sport", "sports"):
            base = " ".join(words[:-1])
            if base in orgs and find(base) != find(k):
                parent[find(base)] = find(k)
        for other in of_index.get(k, ()):
            if find(other) != find(k):
                parent[find(other)] = find(k)
        head, of, tail = (words + ["", "", ""])[:3] if len(words) == 3 else ("", "", "")
        if of == "of" and head in lx.ORG_TYPE and tail in orgs and find(tail) != find(k):
            parent[find(tail)] = find(k)  # "the Commons" is the House of Commons
    groups: dict[str, list[str]] = defaultdict(list)
    for k in orgs:
        groups[find(k)].append(k)
    out: dict[str, dict] = {}
    for members in groups.values():
        forms = Counter()
        for k in members:
            forms.update(orgs[k].forms)
        typed = [(orgs[k].mentions, orgs[k].type) for k in members if orgs[k].type]
        multi = any(" " in k for k in members)
        has_acronym = any(acronym(k) for k in members)
        typed_or_acting = typed or sum(orgs[k].context for k in members) >= (1 if has_acronym else CONTEXT_MIN)
        if not typed_or_acting and not (multi and has_acronym):
            continue
        kind = max(typed)[1] if typed else "organization"
        name = max(forms, key=lambda n: (forms[n], n))
        roles = list(lx.TYPE_ROLES.get(kind, ()))
        roles += [r for word, r in lx.ORG_ROLES.items() if any(k.endswith(" " + word) for k in members)]
        out[name] = {"type": kind, "aliases": sorted(n for n in forms if n != name), "_count": sum(forms.values())}
        if roles:
            out[name]["references"] = roles
    return out


def _distinguished(entries: dict[str, dict], least: int) -> set[str]:
    """Entries kept under the mention threshold: names that hold a kept person's name and tell another apart.

    A person with a generational suffix beside the same name without one ("Donald Trump Jr."), a
    person with a known given name (or a title) who shares a kept person's surname ("Melania
    Trump", "Mrs Howard") or another's written :data:`MIN_MENTIONS` times ("Ashley" and "Joe
    Cole", each written that often), and an
    organisation named after a found person's surname ("Bloomberg News"): left out, their mentions
    would be read as that person's, or a namesake pair could not be told apart.

    Parameters
    ----------
    entries: found entries (``_count``; persons with ``_key`` = (first, last, suffix)).
    least: the mention threshold.
    """
    kept = [e["_key"] for e in entries.values() if "_key" in e and e["_count"] >= least]
    plain = {(first, last) for first, last, suffix in kept if not suffix}
    kept_last = {last for _, last, _ in kept}
    # namesakes both written at least MIN_MENTIONS times ("Ashley Cole", "Joe Cole"): kept, so told apart
    sharing = Counter(e["_key"][1] for e in entries.values() if "_key" in e and e["_count"] >= MIN_MENTIONS)
    surnames = {e["_key"][1].lower() for e in entries.values() if "_key" in e}
    out = set()
    for name, e in entries.items():
        if "_key" in e:
            first, last, suffix = e["_key"]
            named = lx.given_name_gender(first) or first in PERSONAL
            if (suffix and (first, last) in plain) or (named and (last in kept_last or sharing[last] >= 2)):
                out.add(name)
        elif e["type"] != "organization" or _key(name.split()[-1]) in lx.ORG_TYPE:
            words = name.split()
            if len(words) == 2 and _key(words[-1]) in lx.ORG_TYPE and words[0].lower() in surnames:
                out.add(name)
    return out


def found_data(docs: list[DocNames], counts: WordCounts | None = None) -> dict:
    """Actors-file data for the names found in a corpus (see :mod:`analysis.actors.found`).

    Parameters
    ----------
    docs: :func:`~analysis.actors.found.observe` of every document.
    counts: the corpus's summed word case counts, when they were summed as the observations
        came (:func:`~analysis.actors.found.runs_from_json`) and ``docs`` hold none; None: the
        sums of ``docs``' own counts.

    Returns a mapping in the actors-file format (most found first), with ``not_actors``;
    each entry carries ``_count`` (times found), which the file format does not have.
    """
    f = _Found(docs, counts)
    _collect_titled(f, docs)
    for number, doc in enumerate(docs):
        _read_doc(f, doc, number)
    _merge_variants(f)
    people = _people(f)
    _short_forms(f, people)
    _roles(f, people)
    entries = {**_organisations(f, people), **people}
    least = max(MIN_MENTIONS, len(docs) // MENTIONS_PER_DOCS)
    keep = _distinguished(entries, least)
    claimed: dict[str, str] = {}
    data: dict = {}
    for name in sorted(entries, key=lambda n: (-entries[n]["_count"], n)):
        e = entries[name]
        if (e["_count"] < least and name not in keep) or normalize(name) in claimed:
            continue
        aliases = [  # a case variant stays: the matcher keeps to the case of the names ("Republican party")
            a
            for a in dict.fromkeys(e["aliases"])
            if normalize(a) not in claimed and (normalize(a) != normalize(name) or (a != name and a[:1].isupper()))
        ]
        for a in (name, *aliases):
            claimed[normalize(a)] = name
        data[name] = {"type": e["type"], "aliases": aliases, "_count": e["_count"]}
        for extra in ("references", "default_for"):
            if e.get(extra):
                data[name][extra] = list(dict.fromkeys(e[extra]))
    for e in data.values():
        refs = [r for r in e.get("references", []) if normalize(r) not in claimed]
        e["references"] = refs
        e["default_for"] = [r for r in e.get("default_for", []) if r in refs]
        for extra in ("references", "default_for"):
            if not e[extra]:
                del e[extra]
    # function words ("the", "of") are left out: the stage never reads them as names, and as phrases
    # of the table its matcher found them some 50,000 times in 657 PolNeAR articles
    data["not_actors"] = sorted(n for n in f.not_seen if normalize(n) not in claimed and normalize(n) not in _FUNCTION)
    return data
