"""Pronoun speakers for the ``sources`` stage: "he said", "she says", "it said", "they said".

:func:`pronoun_speaker` walks back from the pronoun over the people the document has named
(subjects and speakers first, then any person named in the same or the previous paragraphs)
and takes the nearest one whose gender agrees with the pronoun; *it* and *they* take the last
organisation, document or media speaker (never a person). When nothing agrees, the speaker is
left unresolved (:data:`UNRESOLVED`, an empty name) rather than guessed.

Gender comes from the honorific written before the name (Mr, Mrs, Ms) or from the given name,
else from how the document writes the surname ("Mr. Sanders", "Sanders said he":
:func:`document_genders`). Given names are looked up in the name list of the ``gender-guesser``
package (about 48,000 given names, shipped with the package, read offline once per process).
Only names listed as male or as female decide; "mostly male", "mostly female" (the list calls
"Bernie" mostly female), androgynous and unknown names agree with both pronouns unless the
document tells. A person named only in passing (not a speaker, not an actor, not a subject) is
an antecedent only when the list knows the given name, which keeps "Citizens United" out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.sources._doc import Speaker, _Cue, _Doc
from analysis.sources._grammar import _ROLE, _STOPCAP, _alt

UNRESOLVED = ""  # the speaker name of a pronoun no antecedent agrees with (speaker_text keeps the pronoun)
LOOKBACK_CHARS = 1500  # how far back a person named only in passing can be an antecedent
_FEMALE_WORDS = frozenset("mrs mrs. ms ms. miss madam lady queen congresswoman chairwoman spokeswoman".split())
_MALE_WORDS = frozenset("mr mr. sir lord king congressman chairman spokesman".split())
_TITLE_WORDS = frozenset(_ROLE) | frozenset(
    """former president vice sen senator rep representative gov governor secretary mayor admiral
general gen judge justice attorney pastor rev reverend dr prof professor chief speaker leader""".split()
)
_LIST_LINE = re.compile(r"^([MF]|[1?][MF]|\?) +([^\s+]+) ", re.M)  # code, name (compound "A+B" names skipped)
_PRONOUN_GENDER = {"he": "male", "she": "female"}
HONORIFIC_VOTE = 3  # "Mr. Roe" counts as three "Roe said he"
GENDER_MARGIN = 3  # a surname's gender: at least three times the votes of the other
_HONORIFIC_SURNAME = re.compile(r"(?<![\w.])(Mrs|Ms|Miss|Mr)\.?[^\S\n]+([A-Z][\w'’-]+)")
_SAID_PRONOUN = re.compile(
    r"\b([A-Z][\w'’-]+)[^\S\n]+(?:said|says|told[^\S\n]+\w+|added|argued|noted|insisted|explained)"
    r"(?:[^\S\n]+that)?[^\S\n]+([Hh]e|[Ss]he|[Hh]is|[Hh]er)\b"
    r"|\b([A-Z][\w'’-]+)[^\S\n]+(himself|herself)\b"
)
_MALE_FORMS = frozenset("he his himself".split())


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """Given name (lower case) -> "male" / "female" / "" from the ``gender-guesser`` name list.

    A name listed as male (code ``M``) and never plainly as female (``F``) is male, likewise
    female; a name listed only as mostly male or female, as androgynous, or as both is "" (either
    pronoun).
    The file is read directly (about 0.1 s) instead of through ``gender_guesser.detector``, whose
    per-country parse takes about 1 s per process.
    """
    from importlib.resources import files

    codes: dict[str, set[str]] = {}
    text = (files("gender_guesser") / "data" / "nam_dict.txt").read_text(encoding="utf-8")
    for code, name in _LIST_LINE.findall(text):
        codes.setdefault(name.lower(), set()).add(code)
    return {n: _decide(c) for n, c in codes.items()}


def _decide(codes: set[str]) -> str:
    """ "male" when the list has the name as male (M) and never plainly as female (F), likewise
    "female"; "" otherwise (only "mostly", androgynous, or both)."""
    if "M" in codes and "F" not in codes:
        return "male"
    if "F" in codes and "M" not in codes:
        return "female"
    return ""


@lru_cache(maxsize=4096)
def name_gender(name: str) -> str:
    """ "male", "female" or "" (unknown) for a person's name as written or canonical.

    Parameters
    ----------
    name: "Hillary Clinton", "Mrs. Clinton", "Sen. Ben Sasse".

    Returns
    -------
    The gender of the honorific or the first given name found, "" when neither tells.
    """
    for word in re.findall(r"[A-Za-z][\w.'’-]*", name):
        low = word.lower()
        if low in _FEMALE_WORDS:
            return "female"
        if low in _MALE_WORDS:
            return "male"
        if low.endswith(".") or len(low) < 2 or low in _TITLE_WORDS:
            continue  # a title or an initial
        # only names listed as male or as female decide; others agree with both pronouns
        return _given_names().get(word.strip(".'’").lower(), "")
    return ""


@lru_cache(maxsize=4096)
def _listed_given(name: str) -> bool:
    """Whether the first word of ``name`` that is not a title or an initial is in the name list
    (any gender), or the name is one word (a surname the actors stage typed as a person)."""
    words = [w for w in re.findall(r"[A-Za-z][\w.'’-]*", name) if not w.endswith(".") and w.lower() not in _TITLE_WORDS]
    if len(words) < 2:
        return True
    return words[0].strip("'’").lower() in _given_names()


def document_genders(text: str) -> dict[str, str]:
    """Surname -> "male" / "female" as one document writes it: "Mr. Sanders" (weight
    :data:`HONORIFIC_VOTE`), "Sanders said he", "Sanders said his", "Sanders himself" (weight 1).
    A surname decides when one gender has at least :data:`GENDER_MARGIN` times the votes of the other, so a surname two
    people of different genders share ("Mr. Clinton", "Mrs. Clinton") decides nothing.

    Parameters
    ----------
    text: the document text.
    """
    votes: dict[str, list[int]] = {}
    for m in _HONORIFIC_SURNAME.finditer(text):
        votes.setdefault(m.group(2), [0, 0])[m.group(1) != "Mr"] += HONORIFIC_VOTE
    for m in _SAID_PRONOUN.finditer(text):
        surname, form = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        votes.setdefault(surname, [0, 0])[form.lower() not in _MALE_FORMS] += 1
    out = {}
    for surname, (male, female) in votes.items():
        if male >= GENDER_MARGIN * female and male:
            out[surname] = "male"
        elif female >= GENDER_MARGIN * male and female:
            out[surname] = "female"
    return out


def _agrees(pronoun: str, name: str, d: _Doc | None = None) -> bool:
    """Whether ``name`` can be a "he" / "she": its honorific or given name, else how the document
    ``d`` writes its surname (:meth:`_Doc.genders`, read only then); unknown agrees with both."""
    want = _PRONOUN_GENDER.get(pronoun)
    if want is None:
        return True
    got = name_gender(name) or (d.genders().get(_surname(name), "") if d is not None else "")
    return not got or got == want


def _surname(name: str) -> str:
    """The last word of a name that is not a generational suffix ("Harris" of "Harry Harris Jr.")."""
    words = [w for w in name.split() if w.strip(".,").lower() not in ("jr", "sr", "ii", "iii", "iv")]
    return words[-1].strip(".,'’") if words else ""


def _speaker(d: _Doc, name: str) -> Speaker:
    actor = d.actor(name)
    aff = d.affiliations.get(name) or (actor.affiliation if actor is not None else None)
    return Speaker(name, "named", aff, person=True)


def _candidates(d: _Doc, s: int) -> list[tuple[int, str, _Cue | None]]:
    """Possible antecedents before ``s``: earlier speakers (any distance) and people named within
    :data:`LOOKBACK_CHARS`, as (position, name, the speaker's cue or None)."""
    hist = [(h.anchor, h.speaker.name, h) for h in d.history if h.speaker.person and h.speaker.name and h.anchor < s]
    named = [(pos, name, None) for pos, name in d.passing_people() if s - LOOKBACK_CHARS <= pos < s]
    return hist + named


_SUBJECT_PRONOUN = re.compile(
    r"(?:\A|[.!?][\"”’]?\s+|,\s+|\b(?:[Tt]hough|[Aa]lthough|[Ww]hen|[Ww]hile|[Bb]ut|[Aa]nd|[Aa]s|[Bb]ecause|[Ii]f|[Ss]o)\s+)"
    r"(?P<p>[Hh]e|[Ss]he)\b(?=\s+(?:also\s+|then\s+|later\s+)?[a-z])"
)


_INITIAL_PRONOUN = re.compile(r"[\s\"“‘(]*(?P<p>[Hh]e|[Ss]he)\b(?=\s+(?:also\s+|then\s+|later\s+)?[a-z])")


_MONTHS = frozenset(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec January February March April May June July August September "
    "October November December".split()
)  # months stay: "Theresa May", "June Carter"
_NOT_NAME_WORD = re.compile(rf"\b(?:{_alt([w for w in _STOPCAP if w not in _MONTHS] + ['To', 'Said', 'Says'])})\b")


_MODIFIER_NAME = re.compile(
    r"[A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*)*[^\S\n]+(?:(?:campaign|senior|top|chief|former|deputy|press|longtime)[^\S\n]+)?"
    r"(?:consultant|adviser|advisor|aide|spokesman|spokeswoman|strategist|pollster|manager|lawyer|attorney)"
    r"[^\S\n]+[A-Z]"
)
_ASKED_CLAUSE = re.compile(r"[\s\"“‘(]*Asked\b[^.;:!?]*?,\s+(?=[A-Z]|[Hh]e\b|[Ss]he\b)")


def _subject_pronoun_at(d: _Doc, k: int, pronoun: str, before: int) -> int | None:
    """Where sentence ``k`` first has ``pronoun`` (he / she) as a subject, outside quotations and
    before ``before``; a name after it in that sentence is not the antecedent of a later pronoun."""
    if pronoun not in ("he", "she"):
        return None
    first = _INITIAL_PRONOUN.match(d.text, d.s_start[k], min(d.s_end[k], before))
    if first and first.group("p").lower() == pronoun:
        return first.start("p")  # the sentence opens with it (a search from the sentence start cannot see "\A")
    for m in _SUBJECT_PRONOUN.finditer(d.text, d.s_start[k], min(d.s_end[k], before)):
        if m.group("p").lower() == pronoun and not d.inside_quote(m.start("p")):
            return m.start("p")
    return None


def pronoun_speaker(d: _Doc, s: int, pronoun: str) -> tuple[Speaker | None, _Cue | None]:
    """The speaker a he/she (or "the actor") at ``s`` refers to, or an unresolved person.

    Parameters
    ----------
    d: the document.
    s: where the pronoun is.
    pronoun: "he", "she" or "" (a role phrase such as "the actor": either gender).

    Returns
    -------
    (speaker, antecedent cue or None); the speaker is named :data:`UNRESOLVED` when no person
    before ``s`` agrees.
    """
    firm = d.firm_people()
    cands = [(pos, name, h) for pos, name, h in _candidates(d, s) if not d.inside_quote(pos)]
    by_sent: dict[int, list[tuple[int, str, _Cue | None]]] = {}
    for c in cands:
        by_sent.setdefault(d.sent_of(c[0]), []).append(c)
    for k in sorted(by_sent, reverse=True):  # nearest sentence first; speakers, then others, left to right
        chain = _subject_pronoun_at(d, k, pronoun, s)
        ss = d.s_start[k]
        asked = _ASKED_CLAUSE.match(d.text, ss, d.s_end[k]) if "Asked" in d.text[ss : ss + 12] else None
        inside = asked.end() if asked else -1  # "Asked whether Roe ..., Doe said": Roe is in the question
        for pos, name, h in sorted(by_sent[k], key=lambda c: (c[0] < inside, c[2] is None, c[0])):
            if not _agrees(pronoun, name, d):
                continue
            if h is None and chain is not None and pos > chain:
                continue  # "He said it, though he never named Roe": the chain of "he", not Roe
            if h is None and _NOT_NAME_WORD.search(name):
                continue  # a day name or a function word inside a found name ("Joe Monday", "Said In")
            if h is None and not name_gender(name) and (name not in firm or not _listed_given(name)):
                continue  # two capitalised words that may not be a person ("New Hampshire", "Platform Committee")
            if h is None and _MODIFIER_NAME.match(d.text, pos):
                continue  # "Obama consultant Jane Roe": the name modifies someone else's role
            return (h.speaker, h) if h is not None else (_speaker(d, name), None)
    return Speaker(UNRESOLVED, "named", None, person=False), None
