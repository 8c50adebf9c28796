"""Actors: who appears, under which names, and with whom (the ``actors`` stage).

Reference data is an actors file (``data/actors.yml``; format in its header) loaded by
:func:`load_reference` into an :class:`~analysis.actors.reference.ActorTable` (parsing,
validation and the compiled matcher live in :mod:`analysis.actors.reference`).
:func:`annotate` fills the ``mentions`` frame for one document; :mod:`analysis.actors.tables`
(co-occurrence, rates, prominence, evidence) and :mod:`analysis.actors.discovery` turn
``corpus.mentions`` into the tidy tables the notebook shows.

Matching
--------
Every alias, reference and not-actor phrase of the file is compiled into ONE regular
expression shaped as a character trie (alternatives share prefixes), run once over each
document text; there is no loop over aliases in Python. At each start position the trie
gives the longest name found there; overlapping candidates are then kept longest first, so
"Department of War", "Google DeepMind" and "the Secretary of War" are one mention each and
a not-actor phrase ("Defense Production Act") hides any shorter name inside it. Matching
ignores case except that a word capitalised in the alias must be capitalised in the text
(all-caps text is fine); acronyms of up to :data:`~analysis.actors.reference.ACRONYM_MAX`
characters with two or more capitals ("DoD", "DOW", "NPR") match only as written or in
capitals. Straight and curly apostrophes are the same; a possessive "'s" stays outside the
mention; one line break may sit between the words of a name. Then:

* a *title* of an actor directly before one of its names joins that mention
  ("CEO Dario Amodei", "Pentagon spokesman Sean Parnell");
* names of the same actor separated only by spaces merge ("Anthropic CEO Dario Amodei");
* a person or product name, or a reference that is one capitalised name (a shared surname),
  glued to another capitalised word that is no name of the file ("Claude Makelele", "Ivanka
  Trump", "Defense Secretary Lloyd Austin") is part of someone else's name and is dropped;
  weekdays, months, honorifics, titles ("Candidate X") and sentence starters ("But Hegseth",
  "Mr Trump") do not count, nor do headings and title-case lines.

Ambiguous references
--------------------
Phrases under an actor's ``references`` ("the company", "the department", "the
Secretary", a shared surname such as "Michael", "he"/"she") may stand for any actor that
lists them: the *candidates*. An actor is *named* in a sentence when one of its aliases (or
an alias of an actor affiliated to it, directly or through a chain: "Claude" names
Anthropic, "Hegseth" names the Department of Defense and the US government) occurs there.
A reference in sentence *i* counts for candidate A only when

1. A is the only candidate named anywhere in the document's reporting text before the
   reference (names in captions and other page furniture do not count): in "Walter Pennock
   won. Pennock thanked Greta Pennock", "Pennock" is Walter, or
2. A is the only candidate named in sentence *i* or sentence *i - 1* (the nearest antecedent,
   with no competitor next to it).

Otherwise it is ambiguous and counted for no one, except that a reference listed under an
actor's ``default_for`` goes to that actor when no candidate is named in the document up to
that sentence (and none in it or in the one before): a found table makes "Clinton" Hillary Clinton's
default, so an article naming neither Clinton in full still counts her, while one naming Bill
Clinton resolves "Clinton" by the rules above. So in NBC's article every "the company"
is Anthropic (Anthropic is always named in the same or previous sentence), while Reuters'
"Amodei said the company had not raised concerns with Palantir" is left out (Anthropic and
Palantir are both named there and several companies earlier). Other people the file does
not know cannot compete: "he" after an unnamed official may be credited to a known person
named just before.
"""

from __future__ import annotations

import bisect
import itertools
import re
from pathlib import Path

import pandas as pd
import yaml

from analysis.actors.lexicon import NICKNAMES, PERSON_TITLES, US_STATES, US_STATES_2, sure_gender
from analysis.actors.reference import ActorsFileError, ActorTable, _Entry, case_ok, lower_text, normalize, parse_actors
from analysis.columns import Columns, to_frame
from analysis.text import SENT_STARTERS

FRAME = "mentions"
REFERENCE = "actors"
COLUMNS = {
    "doc_id": "str",
    "sent_id": "int32",
    "actor": "str",
    "actor_type": "str",
    "surface": "str",
    "start": "int32",
    "end": "int32",
    "in_furniture": "bool",
}

TITLE_CASE_SHARE = 0.6  # a line with this share of capitalised words is set in title case
TITLE_WINDOW = 80  # characters searched before a name for one of its titles
SURFACE_CACHE = 50_000  # distinct surfaces remembered per table (name -> length and entry after the case rule)
GUARDED_TYPES = frozenset({"person", "product"})
HEADING_KINDS = frozenset({"headline", "subhead", "box_heading"})
CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december jan feb mar apr jun jul aug sep sept oct
nov dec""".split()
)

# Capitalised words that are not names on their own: times, honorifics and bare titles ("Candidate
# Ronald Reagan", "Mayor Ruiz": a title before a name is no other name).
NOT_NAMES = (
    frozenset(
        """am pm et est edt gmt utc pt ct mr mrs ms dr sir president secretary undersecretary
ceo chief minister senator sen rep gov gen spokesman spokeswoman spokesperson director chairman update i
i'm i've i'd i'll of
""".split()
    )
    | PERSON_TITLES
)

_INITIAL_NEXT = re.compile(r"[^\S\n]+[A-Z]\.[^\S\n]+[A-Z][a-z]")
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Z][\w'’\-]*)")
_PREV_WORD = re.compile(r"(?<![\w'’\-.])([A-Z][\w'’\-.]*)[^\S\n]+\Z")
_POSSESSIVE = re.compile(r"['’]s?$")
_TOO_WIDE = re.compile(r"\n[^\S\n]*\n")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_LOWER_PART = re.compile(r"-(?:of|the|and|in|on|a|for|to|de)(?:-|$)")
_HONORIFIC = re.compile(r"(?<![\w.])(Mrs|Ms|Miss|Mr)\.?[^\S\n]+\Z")
# A US state written just before an organisation's name makes another body: "the Ohio Democratic
# Party", "the Texas Senate" are not the national party or the US Senate.
_STATE_WORDS = frozenset((*US_STATES, *US_STATES_2))
_OPENERS = "(\"“‘'"


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

    Where the longest name at a start fails the case rule ("House Speaker" written "House
    speaker"), the longest shorter name there that passes is taken ("House").

    Parameters
    ----------
    text: the text to scan.
    ref: the actor table.
    pos, endpos: the span to scan.
    """
    out = []
    seen = ref.surfaces
    for m in ref.pattern.finditer(lower_text(text), pos, len(text) if endpos is None else endpos):
        s, e = m.span(1)
        surface = text[s:e]
        if surface in seen:
            found = seen[surface]
        else:
            found = _case_fit(surface, ref)
            if len(seen) < SURFACE_CACHE:
                seen[surface] = found
        if found is not None:
            out.append((s, s + found[0], found[1]))
    return out


def _case_fit(surface: str, ref: ActorTable) -> tuple[int, _Entry] | None:
    """(length, entry) of the longest name of the file that ``surface`` opens with and whose case fits.

    Parameters
    ----------
    surface: a match of the table's pattern, as written (itself a name, ignoring case).
    ref: the actor table.
    """
    cut = len(surface)
    while cut > 0:
        part = surface[:cut]
        entry = ref.keys.get(normalize(part))
        if entry is not None and case_ok(part, entry.variants) and not _TOO_WIDE.search(part):
            return cut, entry
        cut = len(part.rsplit(None, 1)[0]) if len(part.split()) > 1 else 0
    return None


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


def find_mentions(
    text: str, sentences: pd.DataFrame, paragraphs: pd.DataFrame, ref: ActorTable
) -> list[tuple[int, str, int, int]]:
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
    s_heading = _heading_sentences(sentences, paragraphs)
    spans = [(s, e) for s, e, _ in chosen]
    names: list[list] = []  # [sent, actor, start, end]
    refs: list[tuple[int, int, int, _Entry]] = []
    paired = _paired_names(text, chosen, ref)
    in_full = {e.actors[0] for s, e_, e in chosen if e.kind == "alias" and " " in text[s:e_].strip()}
    shadowed: set[tuple[str, str]] = set()  # (actor, word): a one-word name first written inside someone else's
    seen: set[str] = set()

    def glued(i: int, s: int, e: int) -> bool:
        """The guard: a name glued to an unknown capitalised word, outside headings and title-case lines."""
        lo, hi = s_start[i], s_end[i]
        return _next_to_unknown_name(text, s, e, lo, spans) and not s_heading[i] and not title_case(text[lo:hi])

    def given_before(i: int, s: int, actors: tuple[str, ...]) -> bool:
        """Whether the word glued before ``s`` is another given name ("Ash Carter"), not "Trump Train"
        nor the actor's own ("Reince Priebus" when the table knows him as "Priebus")."""
        before = _PREV_WORD.search(text, max(s_start[i], s - TITLE_WINDOW), s)
        word = before.group(1).rstrip("-").lower() if before else ""
        if len(word) < 2 or "." in word or word in NOT_NAMES or word in {a.split()[0].lower() for a in actors}:
            return False  # "Pres. Obama", "Reince Priebus": a title or the actor's own given name
        return _next_to_unknown_name(text, s, s, s_start[i], spans, after=False)

    for k, (s, e, entry) in enumerate(chosen):
        i = bisect.bisect_right(s_start, s) - 1
        if entry.kind == "not_actor" or i < 0 or s >= s_end[i]:
            continue
        if k in paired:  # "Ash Carter": two people's one-word names side by side are a third person's name
            if paired[k]:
                shadowed.update((a, text[s:e].lower()) for a in entry.actors if a not in seen and a not in in_full)
            continue
        if entry.kind == "reference":
            if _one_name(entry):
                if glued(i, s, e):  # a shared surname glued to a given name is someone else's ("Melania Trump")
                    if given_before(i, s, entry.actors):
                        shadowed.update((a, text[s:e].lower()) for a in entry.actors if a not in seen | in_full)
                    continue
                left = tuple(a for a in entry.actors if (a, text[s:e].lower()) not in shadowed)
                if left != entry.actors:
                    if not left:
                        continue
                    entry = _Entry(entry.kind, left, entry.variants)
                entry = _fitting(entry, _honorific(text, max(s_start[i], s - 6), s))
                if entry is None:
                    continue
            refs.append((i, s, e, entry))
            continue
        actor = ref.actors[entry.actors[0]]
        one_word = " " not in text[s:e]
        if one_word and (actor.name, text[s:e].lower()) in shadowed:
            continue  # "Defense Secretary Ash Carter ... Carter said": Ash Carter's surname, not Jimmy Carter
        title = ref.title_patterns.get(actor.name)
        t = title.search(text, max(s_start[i], s - TITLE_WINDOW), s) if title is not None else None
        t = t if t and case_ok(t.group(1), actor.titles) else None
        if actor.type in GUARDED_TYPES and glued(i, t.start() if t else s, e):
            fresh = actor.name not in seen | in_full
            if one_word and actor.type == "person" and fresh and given_before(i, s, (actor.name,)):
                shadowed.add((actor.name, text[s:e].lower()))
            continue
        if actor.type == "person" and _wrong_honorific(text, max(s_start[i], s - 6), s, actor.name):
            continue
        if actor.type not in GUARDED_TYPES and _after_state(text, max(s_start[i], s - 20), s):
            continue
        if t:
            while names and names[-1][2] >= t.start():
                names.pop()
            s = t.start()
        seen.add(actor.name)
        if not one_word:  # "Ash Carter" named in full: a bare "Carter" later is not another Carter
            last = text[s:e].split()[-1].lower()
            shadowed.update((a, last) for a in _surname_of_other(text[s:e], actor.name, ref) - seen - in_full)
        last = names[-1] if names else None
        if last and last[1] == actor.name and last[0] == i and not text[last[3] : s].strip(" \t\xa0"):
            last[3] = e
            continue
        names.append([i, actor.name, s, e])
    refs = _outside_names(refs, names)
    anchors = [n for n in names if not s_furniture[n[0]]]  # captions do not settle who "he" is
    out = [(n[0], n[1], n[2], n[3]) for n in names] + _resolve(refs, anchors, ref)
    return sorted(out, key=lambda t: t[2])


def _paired_names(text: str, chosen: list[tuple[int, int, _Entry]], ref: ActorTable) -> dict[int, bool]:
    """Matches that are two one-word names of different people side by side, "Ash Carter" (Bruce Ash's
    and Jimmy Carter's surnames): index in ``chosen`` -> whether it is the second (the surname).

    Parameters
    ----------
    text: the document text.
    chosen: the document's matches in text order (:func:`longest_first`).
    ref: the actor table.
    """
    out: dict[int, bool] = {}
    for k in range(len(chosen) - 1):
        (s1, e1, a), (s2, e2, b) = chosen[k], chosen[k + 1]
        if text[e1:s2] != " " or " " in text[s1:e1] or " " in text[s2:e2] or a.kind == "not_actor":
            continue
        if b.kind == "not_actor" or not (text[s1].isupper() and text[s2].isupper()) or set(a.actors) & set(b.actors):
            continue
        first, second = text[s1:e1].lower(), text[s2:e2].lower()
        if any(n.split()[-1].lower() == second for n in a.actors) or any(
            n.split()[0].lower() == first for n in b.actors
        ):
            continue  # "Melania Trump" written by her given name and his surname: hers
        if all(ref.actors[n].type == "person" for n in (*a.actors, *b.actors)):
            out.setdefault(k, False)
            out[k + 1] = True
    return out


def _same_given(a: str, b: str) -> bool:
    """Whether two given names may be one person's: one the other's start ("Geoff", "Geoffrey") or the
    same formal name (:data:`~analysis.actors.lexicon.NICKNAMES`, as the found-actors merge reads them)."""
    a, b = a.lower(), b.lower()
    return a.startswith(b) or b.startswith(a) or NICKNAMES.get(a, a) == NICKNAMES.get(b, b)


def _surname_of_other(surface: str, actor: str, ref: ActorTable) -> set[str]:
    """The other people whose one-word name is the last word of ``surface`` ("Carter" of Jimmy Carter
    for "Ash Carter"), a name of ``actor`` whose own names do not include that word."""
    entry = ref.keys.get(normalize(surface.split()[-1]))
    if entry is None or entry.kind == "not_actor" or actor in entry.actors or not surface.split()[-1][:1].isupper():
        return set()  # a surname the actor shares with others is resolved by the reference rule
    words = surface.split()
    return {  # not when the word before is the other's given name ("... Chairman Reince Priebus")
        a
        for a in entry.actors
        if ref.actors[a].type == "person" and not _same_given(a.split()[0], words[-2].strip(".,"))
    }


def _wrong_honorific(text: str, lo: int, s: int, name: str) -> bool:
    """Whether an honorific ("Mr", "Mrs", "Ms", "Miss") right before ``s`` rules out ``name`` by its given name.

    "Mrs Howard" is not Michael Howard: his surname alone is his alias, but not after "Mrs".
    """
    m = _honorific(text, lo, s)
    if m is None:
        return False
    got = sure_gender(name.split()[0])
    return got is not None and got != ("male" if m.group(1) == "Mr" else "female")


def _honorific(text: str, lo: int, s: int) -> re.Match | None:
    """ "Mr", "Mrs", "Ms" or "Miss" written just before ``s`` (searched only when an "M" is there)."""
    return _HONORIFIC.search(text, lo, s) if "M" in text[lo:s] else None


def _after_state(text: str, lo: int, s: int) -> bool:
    """Whether a US state's name is the word (or two) just before ``s``, on the same line ("the Ohio ...")."""
    j = max(text.rfind(" ", lo, s - 1), text.rfind("\xa0", lo, s - 1))
    if s - lo < 3 or not text[j + 1 : j + 2].isupper() and text[j + 1 : j + 2] not in _OPENERS:
        return False  # the word before does not start with a capital ("the Senate"): no state
    head = text[lo:s]
    if not head.endswith((" ", "\xa0", "\t")):
        return False
    words = head.split()
    if not words or "\n" in head[head.rfind(words[-1]) :]:
        return False
    last = words[-1].lstrip(_OPENERS)
    return last in _STATE_WORDS or (len(words) > 1 and words[-2].lstrip(_OPENERS) + " " + last in _STATE_WORDS)


def _fitting(entry: _Entry, honorific: re.Match | None) -> _Entry | None:
    """A shared surname's candidates whose given name fits the honorific before it ("Mrs Howard")."""
    if honorific is None:
        return entry
    want = "male" if honorific.group(1) == "Mr" else "female"
    fit = tuple(a for a in entry.actors if sure_gender(a.split()[0]) in (want, None))
    if fit == entry.actors:
        return entry
    return _Entry(entry.kind, fit, entry.variants) if fit else None


def _one_name(entry: _Entry) -> bool:
    """Whether a reference is a capitalised single name (a shared surname or given name), not a role or pronoun."""
    return all(v[:1].isupper() and " " not in v for v in entry.variants)


def _outside_names(refs: list[tuple[int, int, int, _Entry]], names: list[list]) -> list[tuple]:
    """The ``refs`` whose start lies inside none of ``names`` (``[sent, actor, start, end]``).

    A bisect on the names' starts and a running maximum of their ends answer each ref in
    O(log n), so the cost stays linear in the article's length.
    """
    spans = sorted((n[2], n[3]) for n in names)
    starts = [a for a, _ in spans]
    reach = list(itertools.accumulate((b for _, b in spans), max))
    out = []
    for r in refs:
        i = bisect.bisect_right(starts, r[1]) - 1
        if not (i >= 0 and reach[i] > r[1]):
            out.append(r)
    return out


def _next_to_unknown_name(text: str, s: int, e: int, lo: int, spans: list[tuple[int, int]], after: bool = True) -> bool:
    """Whether a name at ``[s, e)`` is glued to a capitalised word that is no name of the file.

    "Claude Makelele", "Ivanka Trump", "Defense Secretary Lloyd Austin": the name is part of
    someone else's. Weekdays, months, honorifics and sentence starters ("But Hegseth") do not
    count; ``lo`` is the sentence start, ``spans`` the chosen matches (sorted); with ``after``
    False only the word before counts.
    """
    if after and _INITIAL_NEXT.match(text, e):
        return True  # "Jill A. Martin": an initial after a name opens someone's full name
    words = []
    nxt = _NEXT_WORD.match(text, e) if after else None
    if nxt:
        words.append((nxt.start(1), nxt.end(1), nxt.group(1)))
    before = _PREV_WORD.search(text, max(lo, s - TITLE_WINDOW), s)
    if before:
        words.append((before.start(1), before.end(1), before.group(1)))
    for ws, we, word in words:
        key = _POSSESSIVE.sub("", word).lower().rstrip(".")
        if key in CALENDAR or key in NOT_NAMES or key in SENT_STARTERS or _LOWER_PART.search(key):
            continue  # "Man-of-the-match Duff": a hyphenated word with lower-case parts is no name
        i = bisect.bisect_right(spans, (ws, float("inf"))) - 1
        if not (i >= 0 and spans[i][1] > ws) and not (i + 1 < len(spans) and spans[i + 1][0] < we):
            return True
    return False


def _heading_sentences(sentences: pd.DataFrame, paragraphs: pd.DataFrame) -> list[bool]:
    """Per sentence (by position): whether it lies in a headline, subhead or box heading."""
    kinds = dict(zip(paragraphs["para_id"].tolist(), paragraphs["kind"].tolist()))
    return [kinds.get(p) in HEADING_KINDS for p in sentences["para_id"].tolist()]


def _resolve(refs: list[tuple[int, int, int, _Entry]], names: list[list], ref: ActorTable) -> list[tuple]:
    """Apply the ambiguous-reference rule (module docstring) to ``refs``."""
    per_sentence: dict[int, set[str]] = {}
    for i, actor, _, _ in names:
        per_sentence.setdefault(i, set()).update(ref.anchors[actor])
    out = []
    so_far: set[str] = set()
    order = sorted(names, key=lambda n: n[2])  # names written before a ref, taken in once each as refs move on
    taken = 0
    for i, s, e, entry in refs:
        while taken < len(order) and order[taken][2] < s:
            so_far |= ref.anchors[order[taken][1]]
            taken += 1
        named = [a for a in entry.actors if a in so_far]
        if len(named) != 1:
            near = per_sentence.get(i, set()) | per_sentence.get(i - 1, set())
            named = [a for a in entry.actors if a in near] or (
                [ref.defaults[key]] if not named and (key := normalize(entry.variants[0])) in ref.defaults else []
            )
        if len(named) == 1:
            out.append((i, named[0], s, e))
    return out


def annotate_rows(doc, frames: dict, ref: ActorTable) -> Columns:
    """The mentions rows of one document (see :data:`COLUMNS`), as columns.

    Parameters
    ----------
    doc: the :class:`~analysis.documents.Document`.
    frames: its frames so far; uses ``sentences`` and ``paragraphs``.
    ref: the :class:`ActorTable` from :func:`load_reference`.
    """
    sents = frames["sentences"]
    found = find_mentions(doc.text, sents, frames["paragraphs"], ref)
    ids = sents["sent_id"].tolist()
    furniture = sents["is_furniture"].tolist()
    return Columns(
        {
            "doc_id": [doc.doc_id] * len(found),
            "sent_id": [ids[i] for i, _, _, _ in found],
            "actor": [a for _, a, _, _ in found],
            "actor_type": [ref.actors[a].type for _, a, _, _ in found],
            "surface": [doc.text[s:e] for _, _, s, e in found],
            "start": [s for _, _, s, _ in found],
            "end": [e for _, _, _, e in found],
            "in_furniture": [bool(furniture[i]) for i, _, _, _ in found],
        }
    )


def annotate(doc, frames: dict, ref: ActorTable) -> pd.DataFrame:
    """The frame of :func:`annotate_rows` (same parameters): the mentions of one document."""
    return to_frame(annotate_rows(doc, frames, ref), COLUMNS)


def actor_table(corpus) -> ActorTable:
    """The :class:`ActorTable` the corpus was annotated with (the default file if none).

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    """
    table = corpus.reference.objects.get(REFERENCE) if getattr(corpus, "reference", None) else None
    if table is None:
        from analysis.pipeline import DEFAULT_REFERENCE

        table = load_reference(DEFAULT_REFERENCE[REFERENCE])
    return table
