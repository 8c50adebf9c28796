"""The document the ``sources`` stage annotates, and the records built over it.

:class:`_Doc` holds one document's text, reporting paragraphs and sentences, actor mentions,
quotations and the speakers resolved so far (with lookups into the actors table and a scan of
person names); :class:`Speaker`, :class:`_Quote` and :class:`_Cue` are a resolved speaker, a
quotation and an attribution being built. See :mod:`analysis.sources.stage` for the rules.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.sources._grammar import (
    _HONORIFICS,
    _MEDIA_WORDS,
    _ORG_WORDS,
    _PERSON_NAME,
    _PERSON_TYPES,
    _SUBJECT_START,
    _TITLE_BEFORE,
    LOWER,
    UPPER,
)


# --- data ---------------------------------------------------------------------------------------
@dataclass
class Speaker:
    """A resolved speaker: canonical name or descriptor, type, affiliation, and how it was found."""

    name: str
    type: str
    affiliation: str | None = None
    head: str = ""  # descriptor head noun ("official", "person"); "" for names
    person: bool = False  # a named person (antecedent of he/she)


@dataclass
class _Quote:
    start: int  # opening mark
    end: int  # after the closing mark (paragraph end when unclosed)
    inner: tuple[int, int]  # the quoted words
    para: int
    closed: bool = True
    cue: _Cue | None = None


@dataclass
class _Cue:
    """One attribution being built: where its speaker phrase is, what it attributes, to whom."""

    kind: str  # verb | according | reportedly | post | pre | social
    verb: str
    anchor: int
    sent: int
    np: tuple[int, int] | None = None
    content: tuple[int, int] | None = None
    mode: str = "right"  # right | left | directive | scope | prequote
    emit: bool = True
    direct: bool = False
    vehicle: bool = False
    relay_hint: str | None = None
    speaker: Speaker | None = None
    relayed_by: str | None = None
    parent: _Cue | None = None  # the attribution a continuation / partial quote inherits
    outer: _Cue | None = None  # the attribution that relays this one ("..., according to Y")
    antecedent: _Cue | None = None  # the earlier attribution a back-reference resolved to
    generic: bool = False  # the speaker is a plain noun phrase ("most of the candidates said")
    doc_head: bool = False  # a generic speaker that is a thing written or shown ("the suit says")
    generic_head: str = ""  # a generic speaker's head noun when it is not the last word ("friends of Roe")


# --- the document being annotated -------------------------------------------------------------
class _Doc:
    """One document's text, sentences, actor mentions and the speakers resolved so far."""

    def __init__(self, doc, frames: dict[str, pd.DataFrame], ref: Any):
        self.doc_id, self.text, self.outlet, self.ref = doc.doc_id, doc.text, doc.outlet, ref
        sents = frames["sentences"]
        paras = frames["paragraphs"]
        p_ids, p_kinds = paras["para_id"].tolist(), paras["kind"].tolist()
        kinds = dict(zip(p_ids, p_kinds))
        furn = dict(zip(p_ids, paras["is_furniture"].tolist()))
        self.paras = [
            (s, e, p, k)
            for s, e, p, k in zip(paras["start"].tolist(), paras["end"].tolist(), p_ids, p_kinds)
            if not furn[p] and k != "blank"
        ]
        self.s_start = sents["start"].tolist()
        self.s_end = sents["end"].tolist()
        self.s_id = sents["sent_id"].tolist()
        self.s_use = [
            not f and kinds.get(p) != "embedded_post"
            for f, p in zip(sents["is_furniture"].tolist(), sents["para_id"].tolist())
        ]
        self.mentions = _written_names(self.text, self._mentions(doc, frames, ref))
        self.m_start = [m[0] for m in self.mentions]
        self.history: list[_Cue] = []
        self.affiliations: dict[str, str | None] = {}
        self.quotes: list[_Quote] = []
        self.qstarts: list[int] = []
        self._titles: dict[str, set[str]] | None = None
        self._names: dict[str, str] | None = None
        self._people: list[tuple[int, str]] | None = None
        self._passing: list[tuple[int, str]] = []
        self._genders: dict[str, str] | None = None
        self._firm: tuple[int, set[str]] | None = None

    def _mentions(self, doc, frames, ref) -> list[tuple[int, int, str, str]]:
        m = frames.get("mentions")
        if m is None and ref is not None and hasattr(ref, "actors"):
            from analysis.actors import stage as actors

            found = actors.find_mentions(doc.text, frames["sentences"], frames["paragraphs"], ref)
            return sorted((s, e, a, ref.actors[a].type) for _, a, s, e in found)
        if m is None or m.empty:
            return []
        return sorted(zip(m["start"].tolist(), m["end"].tolist(), m["actor"].tolist(), m["actor_type"].tolist()))

    def inside_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quotation of this document."""
        return _inside(pos, self.quotes, self.qstarts)

    def sent_of(self, pos: int) -> int:
        """Index (not id) of the sentence holding ``pos`` (the last one starting before it)."""
        return max(0, bisect.bisect_right(self.s_start, pos) - 1)

    def actors_in(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """Mentions (start, end, actor, type) inside [start, end)."""
        i = bisect.bisect_left(self.m_start, start)
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            if self.mentions[i][1] <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def actor(self, name: str):
        """The actors-table entry of ``name`` (None without a table or for unknown names)."""
        return self.ref.actors.get(name) if self.ref is not None and hasattr(self.ref, "actors") else None

    def lookup(self, text: str) -> str | None:
        """Canonical actor for a name as written (alias lookup), else None."""
        if self.ref is None or not hasattr(self.ref, "lookup"):
            return None
        hit = self.ref.lookup(re.sub(r"^(?i:the)\s+|['’]s\Z", "", text.strip()))
        return hit.name if hit is not None else None

    def titles(self) -> dict[str, set[str]]:
        """Title -> canonical persons the document gives it ("ceo" -> {"Dario Amodei"})."""
        if self._titles is None:
            self._titles = {}
            for m in _TITLE_BEFORE.finditer(self.text):
                name = m.group("name")
                canon = self.lookup(name) or name
                self._titles.setdefault(re.sub(r"\s+", " ", m.group("title").lower()), set()).add(canon)
        return self._titles

    def full_names(self) -> dict[str, str]:
        """Surname -> full name for person names in the text the actors table does not know."""
        if self._names is None:
            self._scan_people()
        return self._names

    def people(self) -> list[tuple[int, str]]:
        """(position, canonical name) of every person named in the text (mentions + name scan)."""
        if self._people is None:
            self._scan_people()
        return self._people

    def firm_people(self) -> set[str]:
        """Names certainly of persons: those :meth:`people` finds and every person quoted so far
        (kept while no new speaker is added)."""
        if self._firm is None or self._firm[0] != len(self.history):
            said = {h.speaker.name for h in self.history if h.speaker.person}
            self._firm = (len(self.history), {name for _, name in self.people()} | said)
        return self._firm[1]

    def genders(self) -> dict[str, str]:
        """Surname -> gender as this document writes it (:func:`~analysis.sources._pronouns.document_genders`)."""
        if self._genders is None:
            from analysis.sources._pronouns import document_genders

            self._genders = document_genders(self.text)
        return self._genders

    def local_surname(self, surname: str, canon: str) -> str:
        """Who a lone ``surname`` is: the table's ``canon`` ("Carter" -> Jimmy Carter), unless the
        document names him or her nowhere and names one other person with that surname in full
        ("Defense Secretary Ash Carter", named in the text or as an earlier speaker): then that person.

        Parameters
        ----------
        surname: the word written ("Carter").
        canon: the table's actor for it.
        """
        said = [(h.anchor, h.speaker.name) for h in self.history if h.speaker.person and h.speaker.name]
        people = self.passing_people() + said
        if any(name == canon for _, name in people):
            return canon
        fulls = _surnames(people).get(surname, set()) - {canon}
        return next(iter(fulls)) if len(fulls) == 1 else canon

    def passing_people(self) -> list[tuple[int, str]]:
        """(position, name) of every person named anywhere, subject or not (pronoun antecedents
        of last resort)."""
        if self._people is None:
            self._scan_people()
        return self._passing

    def _surname_mentions(self, names: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """A surname written alone ("Roe said", "with Roe") of a person named in full in the
        document: one (position, full name) per full name ending in it."""
        by = _surnames(names)
        if not by:
            return []
        out, t = [], self.text
        for surname, fulls in by.items():  # str.find per surname: cheaper than a regex built per document
            i = t.find(surname)
            while i >= 0:
                j = i + len(surname)
                if (i == 0 or not (t[i - 1].isalnum() or t[i - 1] in "’'.-")) and (
                    j >= len(t) or not (t[j].isalnum() or t[j] in "’'-")
                ):
                    out += [(i, full) for full in fulls]
                i = t.find(surname, j)
        return out

    def _scan_people(self) -> None:
        """Person names the actors table does not know: two capitalised words that look like a
        given name and a surname; those opening a clause (a subject) also serve as antecedents."""
        self._names, found, honorific, passing = {}, [], [], []
        for m in _PERSON_NAME.finditer(self.text):  # overlapping: "Actor Michael", "Michael Douglas"
            words = m.group(1).replace(",", "").split()
            last = _family_name(words)
            first = words[0].lower()
            honorific_first = first + "." in _HONORIFICS or first in _HONORIFIC_OR_TITLE
            if not honorific_first and (any(w.lower() in _ORG_OR_MEDIA for w in words) or self.lookup(" ".join(words))):
                continue
            subject = bool(
                _VERB_AFTER.match(self.text, m.end(1))
                and _SUBJECT_START.search(self.text, max(0, m.start() - 40), m.start())
            )
            if honorific_first:
                honorific.append((m.start(), last, " ".join(words), subject))
                continue
            self._names.setdefault(last, " ".join(words))
            passing.append((m.start(), " ".join(words)))
            if subject:
                found.append((m.start(), " ".join(words)))
        for m in _DOTTED_HONORIFIC.finditer(self.text):  # "Ms. Roe", "Sen. Roe" (the name scan needs no dot)
            subject = bool(_SUBJECT_START.search(self.text, max(0, m.start() - 40), m.start()))
            honorific.append((m.start(), m.group(2), m.group(0), subject))
        for pos, surname, written, subject in honorific:  # "Mr Milburn" -> "Alan Milburn" when named in full
            full = self._names.get(surname) or self.lookup(surname)
            if full is None and written.split()[0].lower() in _TITLE_WORDS:
                continue  # "Leader Kevin" (a title before a given name)
            # keep the honorific when the full name is unknown: it carries the gender ("Mrs. Roe")
            (found if subject else passing).append((pos, full or written))
        mentioned = [
            (s, a)
            for s, e, a, t in self.mentions
            if t in _PERSON_TYPES and self.text[s:e].lower() not in _PRONOUNS  # a name, not a resolved pronoun
        ]
        self._people = sorted(set(found + mentioned))
        self._passing = sorted(set(found + passing + mentioned + self._surname_mentions(found + passing + mentioned)))


# "Ms. Roe", "Sen. Roe"; not "Gov. John Kasich" (a given name and a surname: the name scan has it)
_DOTTED_HONORIFIC = re.compile(
    rf"(?=[MDSRG])\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+([{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)(?![\w’'-])"
    rf"(?![^\S\n]+(?:[A-Z]\.\s+)?[{UPPER}][{LOWER}])"
)
_SUFFIXES = frozenset("Jr. Sr. II III IV".split())
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")  # "Ki-moon", "Jong-un", "Jae-in"
_PRONOUNS = frozenset("he she him her his hers himself herself they them their it its i me my we us our you".split())
_TITLE_WORDS = frozenset(
    """former president vice secretary senator governor mayor admiral general judge justice speaker leader
chairman chairwoman director minister candidate nominee rep sen gov was is representative congressman
congresswoman assemblyman assemblywoman councilman councilwoman commissioner ambassador delegate""".split()
)  # "Secretary Clinton", "Leader Kevin McCarthy": the surname, not a given name
_HONORIFIC_OR_TITLE = _HONORIFICS | _TITLE_WORDS
_ORG_OR_MEDIA = _ORG_WORDS | _MEDIA_WORDS
_VERB_AFTER = re.compile(r"\s[a-z]")  # a lower-case word right after a name: a verb, so the name is a subject


_WORD_BEFORE = re.compile(rf"([{UPPER}][{LOWER}]+)[^\S\n]\Z")
_WORD_AFTER = re.compile(rf"[^\S\n](?:[A-Z]\.[^\S\n]+)?([{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)(?![\w’'-])")
_SHORT_FORMS = (
    "bill william|bob robert|rob robert|jim james|joe joseph|mike michael|tom thomas|ted edward|ted theodore|"
    "dick richard|rick richard|bernie bernard|chuck charles|charlie charles|dan daniel|dave david|"
    "ed edward|jeb john|liz elizabeth|beth elizabeth|kate katherine|pat patrick|tony anthony|will william"
)
_SAME_GIVEN = frozenset(tuple(pair.split()) for pair in _SHORT_FORMS.split("|"))


def _same_given(a: str, b: str) -> bool:
    """Whether two given names can be the same person's (equal, one a prefix of the other, a short form)."""
    a, b = a.lower(), b.lower()
    return a.startswith(b) or b.startswith(a) or (a, b) in _SAME_GIVEN or (b, a) in _SAME_GIVEN


def _written_names(text: str, mentions: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Person mentions whose written name clashes with the actor found: "Peter Hart" matched by the
    surname to the actor Gary Hart, or "Freddy Ortega" by the given name to Freddy Trump, become the
    written person (a given name from the ``gender-guesser`` list before the surname, or a surname
    after the given name)."""
    from analysis.sources._pronouns import _given_names

    given, out = _given_names(), []
    for s, e, actor, kind in mentions:
        words, surface = actor.split(), text[s:e]
        if kind in _PERSON_TYPES and len(words) >= 2 and " " not in surface:
            before = _WORD_BEFORE.search(text, max(0, s - 20), s) if surface == words[-1] else None
            after = _WORD_AFTER.match(text, e) if surface == words[0] else None
            first = _WORD_BEFORE.search(text, max(0, s - 40), before.start(1)) if before else None
            if first and first.group(1).lower() in given:
                before = None  # "George Herbert Walker Bush": a middle name, not a clashing given name
            if before and before.group(1).lower() in given and not _same_given(before.group(1), words[0]):
                s, actor = before.start(1), f"{before.group(1)} {surface}"
            elif after and after.group(1).lower() not in given and after.group(1) != words[-1]:
                e, actor = after.end(1), " ".join(text[s : after.end(1)].split())  # "Jill A. Martin"
        out.append((s, e, actor, kind))
    return sorted(out)


def _family_name(words: list[str]) -> str:
    """The family name of a name's words: the last but a suffix ("Harry B. Harris Jr.": Harris), or
    the first before a hyphenated given name written in lower case after the hyphen ("Ban Ki-moon": Ban)."""
    if words[-1] not in _SUFFIXES and "-" not in words[-1] and words[-1][-1] not in ",.":
        return words[-1]  # the common case, at once
    words = [w for w in words if w.rstrip(",") not in _SUFFIXES and not re.fullmatch(r"(?:Jr|Sr)\.?", w)] or words
    if len(words) == 2 and _HYPHENATED_GIVEN.fullmatch(words[1]):
        return words[0]
    return words[-1]


def _surnames(names: list[tuple[int, str]]) -> dict[str, set[str]]:
    """Surname -> the full names (given name + surname) with it as family name (:func:`_family_name`)."""
    by: dict[str, set[str]] = {}
    for _, name in names:
        words = name.split()
        if len(words) >= 2 and words[0][:1].isupper() and len([w for w in words if w not in _SUFFIXES]) >= 2:
            by.setdefault(_family_name(words), set()).add(name)
    return by


def _inside(pos: int, quotes: list[_Quote], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and quotes[i].start <= pos < quotes[i].end
