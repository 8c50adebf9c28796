"""Actors found in a corpus's own text: the corpus-level pass that runs before annotation.

:func:`observe` reads one document and lists its capitalised name runs (a pure function of the
text); :func:`found_data` merges the observations of a corpus into the data of an actors file
(the same mapping ``yaml.safe_load`` gives for ``data/actors.yml``), which
:func:`analysis.actors.reference.parse_actors` turns into the table the ``actors`` stage uses.

Rules, in order:

1. **Runs.** Runs of capitalised words (with "of", "and", "the", "&" inside, initials, "Jr.")
   are read on each line that is not headline case and not a credit line. A possessive is cut
   off. Sentence-initial words count only when the word is written capitalised mid-sentence
   more often than in lower case in this corpus. Leading titles ("Sen.", "Vice President"),
   places, nationalities and party adjectives ("Texas Sen. Ted Cruz", "Democrat Hillary
   Clinton") are cut off; titles are remembered.
2. **Kinds.** A run is a *person* when it has two to four words, no organisation word, and its
   first word is a given name (``gender-guesser``) or its last word is used after a personal
   title somewhere ("Mr. Romney"). It is an *organisation* when one of its words names a kind
   of organisation (:data:`~analysis.actors.lexicon.ORG_TYPE`), an *acronym* when written in
   capitals (dotted or not), and otherwise a *phrase* kept only when the text shows it acting
   ("Politico reported", "on Twitter").
3. **Within a document.** A surname, a first name or a title + surname ("Mrs. Clinton") is
   linked to the one full name in the document it fits (gendered titles must fit the given
   name's gender); two candidates make it ambiguous there.
4. **Across the corpus.** Full names differing only by middle names or initials are one
   person unless two different middles are both in use ("George W." and "George H.W. Bush");
   acronyms join their long form (written "Long Form (LF)" or matching its initials);
   "Department of X" is "X Department"; "U.S." and "The" in front of organisations are
   dropped; "X" joins "X News" / "X of ...". A short form whose candidates (persons with that
   surname, first name, gender and title) are dominated by one (>= :data:`ALIAS_SHARE`, no other
   with :data:`RIVAL_MIN` mentions) becomes an alias; otherwise a *reference* of all of them,
   resolved per document by the stage, with the dominant one as ``default_for``.
5. **Roles.** "the <title>" goes to the one holder of a title ("the president": the person
   written "President X" most, >= :data:`ROLE_SHARE` of the title's uses, "former" ones not
   counted); companies get "the company", parties "the party", campaigns "the campaign".
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.actors import lexicon as lx

MIN_MENTIONS = 2  # an actor found fewer times is left out (more in large corpora: MENTIONS_PER_DOCS)
MENTIONS_PER_DOCS = 200  # one more required mention per this many documents
ALIAS_SHARE = 0.9
RIVAL_MIN = 3
DEFAULT_SHARE = 0.6
ROLE_SHARE = 0.8
ROLE_MIN = 3
CONTEXT_MIN = 2

CONNECT = frozenset({"of", "for", "the", "and", "&", "de", "la", "van", "von"})
# Lower-case particles inside a person's name, between the given name and the surname ("Ursula von
# der Leyen", "Charles de Gaulle", "Mohammed bin Salman"); a name that opens with them is a surname
# ("Von der Leyen said").
PARTICLES = frozenset("de del della der den di da du dos das van von ter le la bin ibn".split())
# The Arabic article glued to a surname: "Abdel Fattah al-Sisi", "el-Sisi".
ARTICLE = re.compile(r"^(?:al|el)-(?=[A-Z])")
# The capital comes first and the lookbehind ("no word, @, #, apostrophe or period before it")
# is read after it, over the capital too: the same matches, but the regex engine can skip to the
# next capital instead of testing the lookbehind at every character (two and a half times faster).
_CAP = lx.NAME_UPPER  # capitals with the Latin accents ("Álvaro Uribe", "Émile Zola", "Łukasz Kowal")
_RUN = re.compile(
    rf"[{_CAP}](?<![\w@#'’.].)[\w&'’.\-]*(?:(?:[^\S\n]+(?:of|for|the|and|&|{'|'.join(sorted(PARTICLES))})){{0,2}}"
    rf"[^\S\n]+(?:[ae]l-)?[{_CAP}][\w&'’.\-]*)*"
)
_CREDIT = re.compile(lx.CREDIT_RE, re.IGNORECASE)
# The alternatives of lexicon's credit pattern that are not anchored at the line start, each with a
# word a line holds (lower-cased) wherever the alternative matches in it: its letters match, ignoring
# case, only their own capitals.
_CREDIT_ANYWHERE = {"getty images": "getty", "ap photo": "ap photo", r"/\s?afp": "/", r"/\s?reuters": "/"}
_LOWER = re.compile(r"[a-z](?<![\w'’\-].)[\w'’\-]*")  # the letter first, as in _RUN
_WORD_FIRST = re.compile(r"([^\W\d_])[\w'’\-]*")  # analysis.actors.stage._WORD, its first letter grouped
_INITIAL_BEFORE = re.compile(r"(?:^|[.!?:;]['\"”’)]*\s+|[\"“‘(—–-]\s*)$")
_NEXT = re.compile(r"[^\S\n]*(\(([A-Z][A-Z.]{1,8})\)|[a-z][\w\-]*|[A-Z][\w\-]*)")
_PREV = re.compile(r"([A-Za-z][\w\-]*)[^\S\n]+$")
_NOMINEE = re.compile(r"\b(Republican|Democratic|GOP)[^\S\n]+(?:presidential[^\S\n]+)?(nominee|candidate)[^\S\n]+$")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,5})$")
_WORDISH = re.compile(  # "George W. Bush", BBC's "George W Bush", "Miguel Basáñez", "al-Sisi"
    rf"^(?:[ae]l-)?[{_CAP}][{lx.NAME_LOWER}A-Z'’\-]+$|^[A-Z]\.?(?:[A-Z]\.)?$"
)
_POSS = re.compile(r"['’]s?$")
_POSSESSIVES = ("'s", "’s")
_ABBREV = re.compile(
    r"^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Jr|Sr|St|Gen|Lt|Col|Sgt|Adm|Calif|Mass|Tenn|Okla)\.$"
)
# "the Islamic State, also known as ISIS, ISIL and Daesh": the acronyms given for a name
_AKA = re.compile(
    r"(?:[^\S\n]+[a-z]+)?[^\S\n]*,?[^\S\n]+(?:also[^\S\n]+)?(?:known|called)[^\S\n]+as[^\S\n]+"
    r"((?:[A-Z][\w.\-]*)(?:(?:,[^\S\n]*|[^\S\n]+(?:and|or)[^\S\n]+)(?:[A-Z][\w.\-]*))*)"
)
_AKA_SPLIT = re.compile(r",[^\S\n]*|[^\S\n]+(?:and|or)[^\S\n]+")
# "Washington Post-ABC News": a hyphen after an outlet word or an acronym ends a name (_tokens)
HYPHEN_PARTS = (re.compile(r"^([A-Z][\w.&'’]*)-([A-Z].*)$"), re.compile(r"\S+"), re.compile(r"[^-\s]+"))
_APOS = str.maketrans(dict.fromkeys("’‘`", "'"))
_BREAKS = frozenset({"i", "i've", "i'm", "i'd", "i'll"})
ORG_WORDS = frozenset(lx.ORG_TYPE)
_HOLIDAY_SET = frozenset(lx.HOLIDAYS)
# Days that end a run (months are left out: "Theresa May", "April Ryan" are names).
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday christmas thanksgiving".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
# Words that make a month after them a date ("in May Trump said", "Since June Clinton has led").
DATE_BEFORE = frozenset(
    "in since by until till from through during early late mid last next this each every before after around of".split()
)


def _key(word: str) -> str:
    """A word's calendar key: lower case, no possessive or trailing punctuation."""
    return _POSS.sub("", word).rstrip(".,;:").lower()


@dataclass(slots=True)
class Run:
    """One capitalised run as found: its words, whether it opens a sentence, its neighbours.

    Slotted: a corpus holds every document's runs at once while they are merged (BBC: 96,000).
    """

    words: tuple[str, ...]
    start: int
    initial: bool
    before: str  # the previous word (lower case), "" if none
    after: str  # the next word as written ("(FBI)" for a bracketed acronym)
    role: str = ""  # "the Republican nominee" when written just before
    possessive: bool = False  # the run ends in "'s"
    aka: tuple[str, ...] = ()  # acronyms written just after: "the Islamic State, also known as ISIS"


@dataclass(slots=True)
class DocNames:
    """What :func:`observe` finds in one document."""

    runs: list[Run] = field(default_factory=list)
    midcap: Counter = field(default_factory=Counter)
    lower: Counter = field(default_factory=Counter)


def names_to_json(names: DocNames) -> dict:
    """One document's :class:`DocNames` as JSON-ready data (kept in the found cache)."""
    runs = [
        [list(r.words), r.start, r.initial, r.before, r.after, r.role, r.possessive, list(r.aka)] for r in names.runs
    ]
    return {"runs": runs, "midcap": dict(names.midcap), "lower": dict(names.lower)}


def names_from_json(data: dict) -> DocNames:
    """The :class:`DocNames` that :func:`names_to_json` wrote."""
    return DocNames(_runs_from_json(data), Counter(data["midcap"]), Counter(data["lower"]))


def _runs_from_json(data: dict) -> list[Run]:
    """The runs of :func:`names_to_json`'s data, their strings interned.

    A corpus repeats its names and neighbouring words, and ``json.loads`` makes a new string for
    each; interned, every document's runs share one copy (BBC: 30 MiB of runs become 20 MiB).
    """
    it = sys.intern
    return [
        Run(tuple(map(it, w)), s, i, it(b), it(a), it(role), poss, tuple(map(it, aka)))
        for w, s, i, b, a, role, poss, aka in data["runs"]
    ]


@dataclass(slots=True)
class WordCounts:
    """A corpus's word case counts, summed as its observations arrive (what the merge reads of them)."""

    midcap: Counter = field(default_factory=Counter)
    lower: Counter = field(default_factory=Counter)

    def add(self, data: dict, times: int = 1) -> None:
        """Add one document's counts from :func:`names_to_json`'s data, ``times`` times (repeated texts)."""
        for total, counts in ((self.midcap, data["midcap"]), (self.lower, data["lower"])):
            for word, n in counts.items():
                total[word] += n * times


def runs_from_json(data: dict, totals: WordCounts, times: int = 1) -> DocNames:
    """:func:`names_from_json` for a corpus pass: the runs kept, the word counts added to ``totals``.

    A document's own counts are most of what its observation holds (BBC: 34 of 64 MiB), and the
    merge reads only their sums; the :class:`DocNames` returned has empty counts.

    Parameters
    ----------
    data: one document's :func:`names_to_json` data.
    totals: the corpus's sums so far (changed in place).
    times: how many documents of the corpus have this text.
    """
    totals.add(data, times)
    return DocNames(_runs_from_json(data))


def _word(word: str) -> str:
    word = _POSS.sub("", word) if len(word) > 3 else word
    return word.rstrip(",;:") if word.count(".") != 1 or len(word) > 4 else word


def observe(text: str) -> DocNames:
    """The capitalised runs of one document and its word case counts (rule 1 of the module).

    Parameters
    ----------
    text: the document text.
    """
    from analysis.actors.stage import TITLE_CASE_SHARE

    runs: list[Run] = []
    midcap: list[str] = []  # counted once at the end: one Counter per document, not an update per run
    lower: list[str] = []
    pos = 0
    for line in text.split("\n"):
        lo, pos = pos, pos + len(line) + 1
        if not line.strip() or _credit(line) or _title_case(line, TITLE_CASE_SHARE):
            continue
        lower += _LOWER.findall(line)
        for m in _RUN.finditer(line):
            _add_runs(runs, midcap, line, lo, m)
    return DocNames(runs, Counter(midcap), Counter(lower))


def _top_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (split at ``|`` outside groups and sets)."""
    parts, depth, start, i, in_set = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1  # an escaped character
        elif in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            i += pattern.startswith("[^", i)
            i += pattern.startswith("]", i + 1)  # a "]" first in a set is a member
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]


def _credit_words(pattern: str) -> tuple[str, ...] | None:
    """Words one of which a line holds (lower-cased) when ``pattern`` matches it but not at its start.

    None when an alternative is neither anchored (``^``) nor one of :data:`_CREDIT_ANYWHERE`:
    then every line is searched in full.
    """
    words = []
    for alternative in _top_alternatives(pattern):
        if not alternative.startswith("^"):
            if alternative not in _CREDIT_ANYWHERE:
                return None
            words.append(_CREDIT_ANYWHERE[alternative])
    return tuple(dict.fromkeys(words))


_CREDIT_WORDS = _credit_words(lx.CREDIT_RE)


def _credit(line: str) -> bool:
    """Whether :data:`_CREDIT` is found in a line (a credit line or byline).

    The anchored alternatives are tried at the start only; the rest, searched at every character
    (a tenth of :func:`observe`'s time), only in a line that holds one of their words.
    """
    if _CREDIT.match(line):
        return True
    if _CREDIT_WORDS is not None:
        low = line.lower()
        if not any(w in low for w in _CREDIT_WORDS):
            return False
    return _CREDIT.search(line) is not None


def _title_case(line: str, share: float) -> bool:
    """:func:`analysis.actors.stage.title_case` of a line (``share``: its ``TITLE_CASE_SHARE``).

    The words are those of the stage's ``_WORD``; only their first letters are taken (one
    ``findall``) and counted by a ``map`` rather than a generator over the words.
    """
    firsts = _WORD_FIRST.findall(line)
    return len(firsts) >= 2 and sum(map(str.isupper, firsts)) >= share * len(firsts)


# A piece of a run: (words, offset in the run, initial, possessive, whether it reaches the run's end).
# ``initial`` is None where it is the run's own (whether the run opens a sentence).
_Piece = tuple[tuple[str, ...], int, "bool | None", bool, bool]


@lru_cache(maxsize=1 << 15)
def _run_pieces(run: str) -> tuple[_Piece, ...]:
    """:func:`_pieces` of a run's text, with what :func:`_add_runs` needs of each piece.

    A pure function of the text, computed once per distinct run in a process (names repeat:
    BBC's 94,000 runs are 26,000 texts). The most recent 32,768 are kept: BBC's, with the words'
    memo and the given-name cache, hold some 14 MB in a worker.
    """
    possessive = run.endswith(_POSSESSIVES)
    return tuple(
        (words, at, initial, cut or possessive, at + len(" ".join(words)) >= len(run) - 3)
        for words, at, initial, cut in _pieces(run)
    )


def _pieces(run: str):
    """A run cut at sentence ends ("Clinton. The"), at "and" between names and after a possessive, as
    (words, start in the run, initial, whether a possessive cut it); ``initial`` None: the run's own."""
    initial: bool | None = None
    words: list[str] = []
    start = 0
    for token, split in _tokens(run):
        w = token.group()
        breaks, day, end, form, possessive = _token(w)
        if split and words:  # "Washington Post-ABC News": the hyphen ends a name
            yield tuple(words), start, initial, False
            words, initial = [], False
        # "and" joins two names unless it is inside an organisation's ("Department of Health and Human
        # Services"); "Clinton and the State Department" is two names.
        if (w in ("and", "&") and not _inside_org(words, run[token.end() :])) or breaks:
            if words:
                yield tuple(words), start, initial, False
            words, initial = [], False
            continue
        if w == "of" and _person_before(words):  # "Jennifer Epstein of Bloomberg News": two names
            yield tuple(words), start, initial, False
            words, initial = [], False
            continue
        if day:  # "Ted Cruz Super Tuesday", "Trump Monday": the day ends the name
            if words and f"{words[-1]} {day}" in _HOLIDAY_SET:
                words.pop()
            if words:
                yield tuple(words), start, initial, False
            words, initial = [], w.endswith((".", "!", "?"))  # "on Tuesday. But Ryan": a new sentence
            continue
        if not words:
            start = token.start()
        words.append(form)
        if end:
            yield tuple(words), start, initial, False
            words, initial = [], True
        elif token.end() < len(run) and possessive:
            yield tuple(words), start, initial, True  # "Mike Ruddock's Wales", "Apple's Newton": two names
            words, initial = [], False
    if words:
        yield tuple(words), start, initial, False


@lru_cache(maxsize=1 << 15)
def _token(w: str) -> tuple[bool, str, bool, str, bool]:
    """What :func:`_pieces` reads of one word of a run, once per distinct word in a process.

    Returns whether it breaks a name ("I", "I'm"), its day as a holiday's last word ("Tuesday";
    "" if no day), whether it ends a sentence ("Clinton."), the word as kept, and whether it is a
    possessive ("Ruddock's").
    """
    breaks = w.translate(_APOS).lower() in _BREAKS
    key = _key(w)
    end = w.endswith(".") and not _ABBREV.match(w)
    form = _word(w.rstrip(".") if end else w)
    return breaks, key.title() if key in _DAYS else "", end, form, w.endswith(_POSSESSIVES) and len(w) > 3


def _tokens(run: str) -> list[tuple[re.Match, bool]]:
    """The words of a run, each with whether a name ends before it.

    A hyphen after an organisation word or an acronym ends a name: "Washington Post-ABC News" and
    "CNN-ORC" are two names each; "Kilroy-Silk" and "Coca-Cola" are one.
    """
    hyphen, word, until_hyphen = HYPHEN_PARTS
    out: list[tuple[re.Match, bool]] = []
    for token in word.finditer(run):
        joined = hyphen.match(token.group())
        left = joined.group(1) if joined else ""
        if joined and (left.lower() in ORG_WORDS or _ACRONYM.match(left)):
            out += [
                (until_hyphen.match(run, token.start()), False),
                (word.match(run, token.start() + joined.start(2)), True),
            ]
        else:
            out.append((token, False))
    return out


def _inside_org(words: list[str], after: str) -> bool:
    """Whether an "and" followed by ``after`` joins words of one organisation's name (read only at an "and")."""
    rest = after.split()
    return any(x.lower() in ORG_WORDS for x in words) and not (rest and rest[0] == "the" or _two_bodies(words, rest))


def _person_before(words: list[str]) -> bool:
    """Whether the words before an "of" are a person's full name ("Jennifer Epstein"), not the head of
    an organisation's name ("Bank", "University") or a title ("Secretary", "Duke")."""
    return (
        2 <= len(words) <= 3
        and lx.given_name_gender(words[0]) is not None
        and not any(x.lower() in ORG_WORDS or x.lower().rstrip(".") in lx.PERSON_TITLES for x in words)
    )


def _two_bodies(words: list[str], rest: list[str]) -> bool:
    """Whether "and" joins two one-word bodies ("House and Senate"), not the words of one name."""
    return len(words) == 1 and words[0].lower() in ORG_WORDS and bool(rest) and rest[0].lower() in ORG_WORDS


def _aka(line: str, end: int) -> tuple[str, ...]:
    """Acronyms written as another name of what ends at ``end``: ", also known as ISIS, ISIL and Daesh"."""
    m = _AKA.match(line, end)
    return tuple(n for n in _AKA_SPLIT.split(m.group(1)) if _ACRONYM.match(n)) if m else ()


def _previous_word(head: str) -> re.Match | None:
    """:data:`_PREV` searched in ``head``, from its last word on (a match can start nowhere else).

    The group runs to the trailing whitespace, which runs to the end, so it lies in the last
    whitespace-free chunk; searching the whole head tried every earlier position (a fifth of
    :func:`observe`'s time on BBC).
    """
    stripped = head.rstrip()
    if len(stripped) == len(head) or not stripped:
        return None  # no trailing whitespace, or nothing before it
    return _PREV.search(head, len(stripped) - len(stripped.rsplit(None, 1)[-1]))


def _skipped(word: str) -> bool:
    """Whether a word after a name is passed over to find what the name does: an auxiliary or an -ly adverb."""
    return word in lx.SKIPPED_AFTER or (len(word) > 5 and word.endswith("ly") and word not in lx.NOT_ADVERBS)


def _add_runs(runs: list[Run], midcap: list[str], line: str, lo: int, m: re.Match) -> None:
    """Record the pieces of one run match with their neighbours; their mid-sentence capitalised words to ``midcap``.

    Parameters
    ----------
    runs: the document's runs so far.
    midcap: the document's capitalised words so far (counted by :func:`observe`).
    line: the line read; ``lo`` its offset in the text; ``m`` the run's match in the line.
    """
    pieces = _run_pieces(m.group())
    at0 = m.start()
    own = bool(_INITIAL_BEFORE.search(line[max(0, at0 - 8) : at0])) if pieces and pieces[0][2] is None else False
    after: tuple[str, tuple[str, ...]] | None = None
    for words, rel, initial, possessive, tail in pieces:
        at = at0 + rel
        if initial is None:
            initial = own
        if not initial:
            midcap.append(words[0])
        midcap += words[1:]
        head = line[max(0, at - 60) : at]
        prev = _previous_word(head)
        dated = _dated(words, prev.group(1).lower() if prev else "")
        if dated:  # "in May Trump said": the date is no part of the name after it
            words = words[dated:]
            if not words:
                continue
            at = line.index(words[0], at)
            initial = False
            head = line[max(0, at - 60) : at]
            prev = _previous_word(head)
        if tail and after is None:
            after = _after(line, m.end())
        nominee = _NOMINEE.search(head) if "nominee" in head or "candidate" in head else None
        runs.append(
            Run(
                words,
                lo + at,
                initial,
                prev.group(1).lower() if prev else "",
                after[0] if tail else "",
                f"the {nominee.group(1)} {nominee.group(2)}" if nominee else "",
                possessive,
                after[1] if tail else (),
            )
        )


def _dated(words: tuple[str, ...], before: str) -> int:
    """How many words open ``words`` as a date: 1 for a month after a :data:`DATE_BEFORE` word
    (``before``, lower case), 2 for such a word and a month at the start ("Since June Clinton"), else 0."""
    if len(words) > 1 and _key(words[0]) in _MONTHS and before in DATE_BEFORE:
        return 1
    if len(words) > 2 and _key(words[1]) in _MONTHS and _key(words[0]) in DATE_BEFORE:
        return 2
    return 0


def _after(line: str, end: int) -> tuple[str, tuple[str, ...]]:
    """The word after a run ending at ``end`` (past an auxiliary or adverb) and its acronyms (:func:`_aka`)."""
    nxt = _NEXT.match(line, end)
    if nxt and _skipped(nxt.group(1)):  # "Politico has reported", "Politico recently reported"
        nxt = _NEXT.match(line, nxt.end()) or nxt
    return (nxt.group(1) if nxt else ""), _aka(line, end)
