"""Sources stage on unseen news: ``corpus.quotes`` scored against PolNeAR's attributions.

Usage:
    python benchmarks/polnear_sources.py [--polnear DIR] [--gold FILE] [--jobs N]
                                         [--errors] [--examples K] [--list-pronouns SPLIT]

PolNeAR (Newell, Margolin & Ruths, LREC 2018; research use only, read in place from
``../shared/data/polnear`` and never copied into the project: see its ``PROVENANCE.md``) is
840 US political news articles (2015-11-08 .. 2016-09-07, seven publishers) with every
attribution hand-annotated as brat Source / Cue / Content spans. The articles are written to a
temporary CSV under the system temp folder (never the repository), loaded with
:func:`analysis.load_corpus` (cached like any corpus; outlet = publisher, published =
publication date) and ``corpus.quotes`` is scored on two splits: **dev** (published up to
2016-06-30) and **check** (2016-07-01 onward). The script exits 0 with a message when the
folder is absent.

Definitions (also in ``benchmarks/polnear_sources.md``)
-------------------------------------------------------
* *Characters* are non-whitespace characters; a span's size and every overlap count them.
* *Quotation regions* are found in each paragraph of the text: “…” pairs and alternating
  straight double quotes ``"`` or ``''`` (an unclosed one runs to the paragraph end); marks
  included.
* An annotated attribution is **direct** when at least half of its Content lies in quotation
  regions; **speech** when its Cue contains a form of a verb in :data:`SPEECH_LEMMAS` or the
  words "according to" (beliefs, intentions and evidence such as "wants", "believes",
  "polls show" are not speech and are outside what the toolkit aims to cover). Attributions
  whose Cue lies inside a quotation (speech reported *by* a quoted speaker) or that have no
  Content are left out of the recall denominators (counted as "nested").
* A prediction is **right** (precision) when at least :data:`MIN_INSIDE` of its characters lie
  in annotated Content: of any attribution, speech or not, for "P"; of speech or direct ones
  for "P speech" (the union over the article: PolNeAR splits coordinated clauses into separate
  Contents that one predicted clause may span). Predictions lying mostly in ``Discard`` /
  ``Discuss`` regions (editor's notes, passages the annotators flagged) are not scored.
* An attribution is **found** (recall) when the right predictions overlapping it together cover
  at least :data:`MIN_COVER` of its Content. Not one-to-one: ``"X," he said. "Y"`` is one
  Content that two predicted direct quotes may cover together, and one prediction may cover
  several nested Contents.
* **Speaker** (found speech or direct attributions only) is the speaker of the right prediction
  that fits the Content best (overlap / union of the two spans), compared by the Source's type
  (:func:`source_kind`). *named* (the Source holds a proper name): its family name (or
  organisation word, or acronym), possessive stripped, case-insensitive, must be a word of the
  predicted speaker, and given names must not clash (:func:`names_match`). *descriptive* ("a
  senior aide", "officials"): its head noun, singular, must be a word of the predicted speaker;
  a definite description ("the candidate") resolved to a named person cannot be checked and is
  counted apart. *pronoun* (he/she/they/it, him/her/them): the predicted speaker must name the
  antecedent hand-labelled in ``benchmarks/gold/polnear_pronouns.tsv`` (same name rule); a
  prediction naming nobody is "unresolved"; antecedent ``-`` (no single clear one) is not
  scored. Relative (who), first/second-person (I, we, you) and missing Sources are not scored.
"""

from __future__ import annotations

import argparse
import bisect
import random
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from common import PUBLISHERS

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEFAULT = ROOT.parent / "shared" / "data" / "polnear"
GOLD_DEFAULT = ROOT / "benchmarks" / "gold" / "polnear_pronouns.tsv"
GOLD_DEV2 = ROOT / "benchmarks" / "gold" / "polnear_pronouns_dev2.tsv"  # the second dev sample (--list-pronouns dev2)
WHERE = (
    "PolNeAR v1.0.0 (Newell, Margolin & Ruths, LREC 2018; github.com/networkdynamics/PolNeAR), "
    "train compartment: put metadata.tsv and train/text, train/attributions at {path} "
    "(see PROVENANCE.md there)."
)
DEV_END = pd.Timestamp("2016-06-30")
MIN_INSIDE = 0.5
MIN_COVER = 0.5
DEV_PRONOUN_SAMPLE = 120
DEV2_PRONOUN_SAMPLE = 300  # a second dev sample, drawn from the rest, for tuning the pronoun rules
SAMPLE_SEED = 20160630

# --- cue lemmas -------------------------------------------------------------------------------
# Verbs of saying (communication verbs that take a reported message), written by hand from
# general English grammar, not learned from the data. Each entry: base, then all its other forms
# when they are irregular (empty: -s, -ed, -ing by the usual spelling rules).
# Left out on purpose: beliefs and intentions (think, believe, want, hope, know, feel), evidence
# (show, find, indicate), evaluations that take an object rather than a message (criticize,
# praise, blame, attack, slam, mock), and "call" (mostly "call for", "call X a Y").
SPEECH_LEMMAS: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "add": (),
    "ask": (),
    "answer": (),
    "reply": ("replies", "replied", "replying"),
    "respond": (),
    "state": (),
    "announce": (),
    "declare": (),
    "explain": (),
    "claim": (),
    "argue": (),
    "insist": (),
    "note": (),
    "comment": (),
    "remark": (),
    "report": (),
    "confirm": (),
    "deny": ("denies", "denied", "denying"),
    "admit": ("admits", "admitted", "admitting"),
    "acknowledge": (),
    "concede": (),
    "warn": (),
    "urge": (),
    "predict": (),
    "promise": (),
    "vow": (),
    "pledge": (),
    "boast": (),
    "brag": ("brags", "bragged", "bragging"),
    "complain": (),
    "contend": (),
    "maintain": (),
    "assert": (),
    "allege": (),
    "testify": ("testifies", "testified", "testifying"),
    "stress": (),
    "emphasize": (),
    "emphasise": (),
    "point out": (),
    "recall": (),
    "quip": ("quips", "quipped", "quipping"),
    "joke": (),
    "shout": (),
    "yell": (),
    "retort": (),
    "reiterate": (),
    "repeat": (),
    "mention": (),
    "suggest": (),
    "accuse": (),
    "charge": (),
    "demand": (),
    "caution": (),
    "counter": (),
    "observe": (),
    "tweet": (),
    "post": (),
    "reveal": (),
    "disclose": (),
    "inform": (),
    "according to": (),
}


def _inflections(lemma: str, irregular: tuple[str, ...]) -> set[str]:
    """The forms of a regular verb (-s, -ed, -ing with the usual spelling rules) plus ``irregular``."""
    if " " in lemma:
        return {lemma}
    forms = {lemma, *irregular}
    if irregular:
        return forms
    stem = lemma.removesuffix("e")
    forms.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s"))
    forms.add(stem + "ed")
    forms.add(stem + "ing")
    return forms


SPEECH_FORMS = {f for lemma, irr in SPEECH_LEMMAS.items() if " " not in lemma for f in _inflections(lemma, irr)}
SPEECH_PHRASES = ("according to", "point out", "points out", "pointed out", "pointing out")
# The core of reported speech in news: "say", "tell" and "according to" (a column of its own).
CORE_FORMS = _inflections("say", SPEECH_LEMMAS["say"]) | _inflections("tell", SPEECH_LEMMAS["tell"])

# --- words that are capitalised without being names ----------------------------------------------
FUNCTION_CAPS = frozenset(
    """a an the this that these those his her its their our my your some many
most several other another one two three all both each any no such more few former then
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december
""".split()
)
TITLE_CAPS = frozenset(
    """mr mrs ms miss dr sen senator rep representative gov governor president
vice secretary speaker chairman chairwoman chair leader majority minority attorney general gen
lt col sgt adm judge justice chief mayor prime minister sheriff rev pope
presidential candidate nominee nominees candidates democratic republican republicans democrat
democrats gop american americans conservative conservatives liberal liberals independent
independents progressive progressives evangelical evangelicals christian christians muslim
muslims catholic catholics latino latinos hispanic hispanics voters officials ceo cfo
coo founder director
""".split()
)
# person nouns that a name before them only modifies: "the Florida senator", "the New York billionaire"
# are descriptions of a person, not the name "Florida"
ROLE_NOUNS = TITLE_CAPS | frozenset(
    """businessman businesswoman billionaire mogul front-runner frontrunner lawmaker congressman congresswoman
neurosurgeon surgeon host anchor spokesman spokeswoman
""".split()
)
CUT_WORDS = frozenset(
    """of for to with at in from on by about among inside within close familiar
briefed involved knowledgeable who whom whose which that including such like
""".split()
)
PRONOUNS = {"he": "he", "she": "she", "they": "they", "it": "it", "him": "he", "her": "she", "them": "they"}
FIRST_SECOND = frozenset("i me we us you my our your".split())
TOKEN = re.compile(r"[A-Za-z0-9][\w.’'&-]*")


# --- reading PolNeAR ------------------------------------------------------------------------------
@dataclass
class Attribution:
    """One annotated attribution (an ``E`` line): spans are lists of (start, end) pieces."""

    doc_id: str
    aid: str
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)


def available(folder: Path) -> bool:
    """Whether the PolNeAR folder has its metadata, texts and annotations."""
    return (
        (folder / "metadata.tsv").is_file()
        and (folder / "train" / "text").is_dir()
        and (folder / "train" / "attributions").is_dir()
    )


def read_metadata(folder: Path) -> pd.DataFrame:
    """The article table: doc_id (= filename), outlet (publisher name), published, split, text.

    Parameters
    ----------
    folder: the PolNeAR folder (``metadata.tsv``, ``train/text/<filename>.txt``).
    """
    meta = pd.read_csv(folder / "metadata.tsv", sep="\t", dtype=str, keep_default_na=False)
    meta = meta[meta["compartment"] == "train"]
    rows = []
    for m in meta.itertuples():
        text = (folder / "train" / "text" / f"{m.filename}.txt").read_text(encoding="utf-8")
        rows.append(
            {
                "doc_id": m.filename,
                "outlet": PUBLISHERS.get(m.publisher, m.publisher),
                "published": m.publication_date,
                "title": m.title,
                "text": text,
            }
        )
    docs = pd.DataFrame(rows).sort_values("doc_id", ignore_index=True)
    docs["split"] = ["dev" if pd.Timestamp(p) <= DEV_END else "check" for p in docs["published"]]
    return docs


def _spans(field_: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (piece.split() for piece in field_.split(";"))]


def parse_ann(path: Path, doc_id: str) -> tuple[list[Attribution], list[tuple[int, int]]]:
    """The attributions of one brat ``.ann`` file, and its Discard/Discuss regions.

    Lines other than ``T``/``E`` (notes, and continuation lines of span texts that contain a
    newline) are skipped; spans are taken from the offsets, never from the line's text.

    Parameters
    ----------
    path: the ``.ann`` file.
    doc_id: the article's id (its file name without extension).
    """
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"T\d+", parts[0]):
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (kind, _spans(offsets))
        elif len(parts) >= 2 and re.fullmatch(r"E\d+", parts[0]):
            links.append((parts[0], parts[1].split()))
    atts = []
    for eid, roles in links:
        att = Attribution(doc_id, eid)
        for role in roles:
            name, _, tid = role.partition(":")
            name = re.sub(r"\d+$", "", name)
            if tid not in spans:
                continue
            if name == "Source":
                att.source += spans[tid][1]
            elif name == "Cue":
                att.cue += spans[tid][1]
            elif name == "Content":
                att.content += spans[tid][1]
        att.content.sort()
        atts.append(att)
    flagged = [s for kind, pieces in spans.values() if kind in ("Discard", "Discuss") for s in pieces]
    return atts, flagged


def write_csv(docs: pd.DataFrame, folder: Path) -> Path:
    """Write the articles as a corpus CSV (``doc_id, outlet, published, title, text``) in ``folder``.

    Parameters
    ----------
    docs: the frame from :func:`read_metadata`.
    folder: a temporary folder outside the repository.
    """
    path = folder / "polnear.csv"
    docs[["doc_id", "outlet", "published", "title", "text"]].to_csv(path, index=False, encoding="utf-8")
    return path


# --- text helpers -----------------------------------------------------------------------------------
class Text:
    """One article's text with fast non-whitespace counts and its quotation regions."""

    def __init__(self, text: str):
        self.text = text
        self.prefix = [0]
        for ch in text:
            self.prefix.append(self.prefix[-1] + (not ch.isspace()))
        self.quotes = quotation_regions(text)
        self._qstarts = [s for s, _ in self.quotes]

    def size(self, s: int, e: int) -> int:
        """Non-whitespace characters in ``text[s:e]``."""
        return self.prefix[max(s, min(e, len(self.text)))] - self.prefix[s] if e > s else 0

    def overlap(self, s: int, e: int, pieces: list[tuple[int, int]]) -> int:
        """Non-whitespace characters of ``[s, e)`` inside ``pieces`` (disjoint spans)."""
        return sum(self.size(max(s, ps), min(e, pe)) for ps, pe in pieces)

    def in_quote(self, pos: int) -> bool:
        """Whether character ``pos`` lies in a quotation region (marks included)."""
        i = bisect.bisect_right(self._qstarts, pos) - 1
        return i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]

    def sentence_initial(self, pos: int) -> bool:
        """Whether the word at ``pos`` starts a sentence, a paragraph or a quotation."""
        before = self.text[max(0, pos - 4) : pos].rstrip(" \"“‘'(")
        if re.search(
            r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Adm|St|Jr|Sr|Rev|Prof))\.\s+\Z",
            self.text[max(0, pos - 8) : pos],
        ):
            return False  # after an initial or an abbreviated title: "James A. Lewis", "Sen. Cruz"
        return not before or before.endswith(("\n", ".", "!", "?", ":", "—")) or pos < 4 and not before.strip()


def quotation_regions(text: str) -> list[tuple[int, int]]:
    """Double-quotation regions, paragraph by paragraph: “…” pairs and alternating straight quotes
    (``"`` or two apostrophes ``''``, as in the New York Times texts).

    An opening mark with no closing mark in its paragraph runs to the paragraph end (the
    multi-paragraph convention). Regions include the marks.
    """
    regions = []
    pos = 0
    for para in text.split("\n"):
        start = None
        for m in re.finditer(r"''|[“”\"]", para):
            ch, at = m.group(), pos + m.start()
            if start is None and ch in ("“", '"', "''"):
                start = at
            elif start is not None and ch in ("”", '"', "''"):
                regions.append((start, pos + m.end()))
                start = None
            elif ch == "“":
                start = at  # an opening mark while one is open: the previous one is unclosed
        if start is not None:
            regions.append((start, pos + len(para)))
        pos += len(para) + 1
    return regions


def span_text(text: str, pieces: list[tuple[int, int]]) -> str:
    """The text of a (possibly discontinuous) span, pieces joined with " … "."""
    return " … ".join(re.sub(r"\s+", " ", text[s:e]).strip() for s, e in pieces)


def _words(text: str) -> list[str]:
    """Lower-case words, possessive and edge punctuation stripped."""
    out = []
    for w in re.findall(r"[\w'.-]+", text.lower().replace("’", "'")):
        w = re.sub(r"(?:['’]s|['’])$", "", w).strip(".-'’")
        if w:
            out.append(w)
    return out


def singular(word: str) -> str:
    """A crude singular: officials -> official, aides -> aide, sources -> source."""
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# --- classifying annotations ---------------------------------------------------------------------------
def is_speech_cue(cue: str) -> bool:
    """Whether a Cue's text has a verb of saying (:data:`SPEECH_LEMMAS`) or "according to"."""
    low = re.sub(r"\s+", " ", cue.lower().replace("’", "'"))
    if any(p in low for p in SPEECH_PHRASES):
        return True
    return any(w in SPEECH_FORMS for w in re.findall(r"[a-z]+", low))


def is_core_cue(cue: str) -> bool:
    """Whether a Cue's text has a form of "say" or "tell", or "according to"."""
    low = re.sub(r"\s+", " ", cue.lower())
    return "according to" in low or any(w in CORE_FORMS for w in re.findall(r"[a-z]+", low))


def is_direct(t: Text, att: Attribution) -> bool:
    """Whether at least half of the attribution's Content lies in quotation regions."""
    total = sum(t.size(s, e) for s, e in att.content)
    inside = sum(t.overlap(s, e, t.quotes) for s, e in att.content)
    return total > 0 and inside >= 0.5 * total


def _head_part(t: Text, start: int, end: int) -> list[tuple[str, int]]:
    """A Source part's words (with offsets) up to a relative pronoun, a preposition (but "of"/"for"
    after a title word: "Secretary of State John Kerry" stays whole) or a post-modifier ("a source
    familiar with ...", "a poll conducted by ...")."""
    words = []
    for m in TOKEN.finditer(t.text, start, end):
        w = m.group()
        low = w.lower()
        after_lower = bool(words) and words[-1][0][:1].islower()
        if (
            words
            and low in CUT_WORDS
            and (after_lower or low not in ("of", "for") or words[-1][0].lower().rstrip(".") not in TITLE_CAPS)
        ):
            break  # "a spokesman for X", "Sanders of Vermont", but "Secretary of State John Kerry"
        if after_lower and re.fullmatch(r"[a-z]+(?:ed|ing)", w) and words[-1][0].lower() not in FUNCTION_CAPS:
            break  # "a poll conducted by", "a source speaking on ...", but "a publishing executive"
        words.append((w, m.start()))
    return words


def _source_parts(t: Text, start: int, end: int) -> list[tuple[int, int]]:
    """The Source split at commas, parentheses and dashes (appositions: "X, a lawyer,")."""
    parts, pos = [], start
    for m in re.finditer(r"[,(;)—–]|\s-\s", t.text[start:end]):
        parts.append((pos, start + m.start()))
        pos = start + m.end()
    parts.append((pos, end))
    return [(a, b) for a, b in parts if t.text[a:b].strip()]


def _is_proper(t: Text, word: str, at: int) -> bool:
    """A capitalised word that is a name: not a function, date or title word; when it starts a
    sentence, only if the article also writes it capitalised mid-sentence (title line excluded)."""
    bare = re.sub(r"(?:['’]s|['’])$", "", word).rstrip(".")
    if not bare[:1].isupper() or bare.lower() in FUNCTION_CAPS or bare.lower() in TITLE_CAPS:
        return False
    if not t.sentence_initial(at):
        return True
    body = t.text.find("\n")  # the title line is in title case: not evidence
    for m in re.finditer(rf"\b{re.escape(bare)}\b", t.text):
        if m.start() != at and m.start() > body and not t.sentence_initial(m.start()):
            return True
    return False


def _name_key(t: Text, head: list[tuple[str, int]]) -> str:
    """``given names|family`` for the name ending a Source part ("Sen. Ted Cruz" -> "ted|cruz",
    "Trump" -> "|trump"); initials, suffixes and title words are skipped."""
    run: list[str] = []
    for w, at in reversed(head):
        if not _is_proper(t, w, at) and not re.fullmatch(r"[A-Z]\.", w):
            break
        run.insert(0, w)
    words = [
        _words(w)[-1] for w in run if _words(w) and not re.fullmatch(r"[A-Z]\.", w) and _words(w)[-1] not in SUFFIXES
    ]
    if not words:
        return "|" + (_words(head[-1][0]) or [head[-1][0].lower()])[-1]
    return " ".join(_given_words(words, words[-1])) + "|" + words[-1]


def source_kind(t: Text, att: Attribution) -> tuple[str, str]:
    """The attribution's source type and the key word its speaker is compared on.

    Returns ``("none", "")`` (no Source), ``("pronoun", "he")`` (he/she/they/it, him/her/them),
    ``("first/second", "i")``, ``("relative", "who")`` (who/which/that), ``("named", key)`` where
    key is the last word of the name heading the Source or of an apposition ("The group's CEO,
    Jane Roe," -> roe; "Trump campaign manager Paul Manafort" -> manafort), else of the last name
    in it ("the Clinton campaign" -> clinton), or ``("descriptive", head noun)``, singular, prefixed
    ``the:`` for a definite description ("the candidate" -> ``the:candidate``).
    """
    if not att.source:
        return "none", ""
    s, e = att.source[0][0], att.source[-1][1]
    raw = re.sub(r"\s+", " ", t.text[s:e]).strip(' ,."“”').lower()
    if raw in PRONOUNS:
        return "pronoun", PRONOUNS[raw]
    if raw in FIRST_SECOND:
        return "first/second", raw
    if raw in ("who", "which", "that", "whom"):
        return "relative", raw
    heads = [h for h in (_head_part(t, a, b) for a, b in _source_parts(t, s, e)) if h]
    if not heads:
        return "descriptive", ""
    fallback = None
    for head in heads:
        if _is_proper(t, *head[-1]):
            return "named", _name_key(t, head)
        if fallback is None:
            names = [w for w, at in head if _is_proper(t, w, at)]
            fallback = names[-1] if names else ""
    last = _words(heads[0][-1][0])
    if fallback and not (last and last[-1] in ROLE_NOUNS):
        key = _words(fallback)
        return "named", "|" + (key[-1] if key else fallback.lower())
    head = heads[0]
    noun = _words(head[-1][0])
    noun = singular(noun[-1]) if noun else ""
    definite = head[0][0].lower() in ("the", "this", "that", "these", "those")
    return "descriptive", ("the:" + noun) if definite else noun


SUFFIXES = frozenset("jr sr ii iii iv".split())
# Given names that stand for each other (hand-written, common English short forms).
NICKNAMES = [
    {"joe", "joseph"},
    {"tom", "thomas"},
    {"bill", "william"},
    {"bob", "robert"},
    {"mike", "michael"},
    {"jim", "james"},
    {"dick", "richard", "rick"},
    {"ted", "edward", "ed"},
    {"steve", "steven", "stephen"},
    {"don", "donald"},
    {"doug", "douglas"},
    {"chris", "christopher"},
    {"dan", "daniel"},
    {"rudy", "rudolph"},
    {"newt", "newton"},
    {"hillary", "hilary"},
    {"ash", "ashton"},
]


def _given_words(words: list[str], family: str) -> list[str]:
    """The words before ``family`` that can be given names (title and function words left out)."""
    pre = words[: words.index(family)] if family in words else []
    return [w for w in pre if w not in TITLE_CAPS and w not in FUNCTION_CAPS and len(w.strip(".")) > 1]


def name_keys(name: str) -> tuple[list[str], list[str], bool]:
    """A canonical name's family-name words (lower case: its capitalised words after the first,
    initials and suffixes left out; a one-word name or organisation keeps its word), its given
    names, and whether it has a "Jr.". "Obama administration" -> (["obama"], [], False).
    """
    caps = [w for w in name.split() if w[:1].isupper() and w.lower() not in ("the", "of", "and")]
    jr = any(w.lower().strip(".,") == "jr" for w in name.split())
    caps = [w for w in caps if w.lower().strip(".,") not in SUFFIXES and not re.fullmatch(r"[A-Z]\.?", w)]
    words = [_words(w)[-1] for w in caps if _words(w)]
    if len(words) <= 1:
        return words, [], jr
    return words[1:], words[:1], jr


def given_compatible(a: str, b: str) -> bool:
    """Whether two given names can be the same person's (equal, one a prefix of the other, or a
    short form in :data:`NICKNAMES`)."""
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return any(a in group and b in group for group in NICKNAMES)


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ("of", "the", "and", "for"))


def names_match(key_words: list[str], given: list[str], jr: bool, predicted: str) -> bool:
    """Whether a predicted speaker names the person or organisation: its family name (last word,
    or the one before it for double names such as "Acosta Febo") is one of the predicted words or
    its acronym ("AP" for "Associated Press"); the given names do not clash ("Eric Trump" is not
    "Donald Trump"; title words such as "President" are not given names) and a "Jr." is kept."""
    words = _words(predicted)
    hits = [k for k in key_words[-2:] if k in words]
    if not key_words or not hits:
        if len(given) + len(key_words) >= 2 and _acronym(given + key_words) in words:
            return True  # "AP" for the Associated Press, "NRA" for the National Rifle Association
        return len(key_words) == 1 and len(key_words[0]) > 1 and key_words[0] == _acronym(words)
    if jr and "jr" not in words:
        return False
    pred_given = _given_words(words, hits[-1])
    if not given or not pred_given or set(pred_given) & set(key_words):
        return True  # "Le Pen" for "Marine Le Pen"
    return any(given_compatible(a, b) for a in given for b in pred_given)


# --- scoring ------------------------------------------------------------------------------------------------
@dataclass
class Scored:
    """One annotated attribution with its classes and what the predictions did with it."""

    att: Attribution
    outlet: str
    split: str
    direct: bool
    speech: bool
    nested: bool
    kind: str
    key: str
    core: bool = False
    found: bool = False
    touched: bool = False
    pred: int = -1
    verdict: str = ""


def score_document(
    t: Text,
    atts: list[Attribution],
    preds: pd.DataFrame,
    flagged: list[tuple[int, int]],
    outlet: str,
    split: str,
    pronoun_gold: dict,
) -> tuple[list[Scored], list[dict]]:
    """Score one article: every prediction (right = mostly inside annotated Content) and every
    annotation (found = right predictions cover half of it; speaker of the tightest one).

    Parameters
    ----------
    t: the article's :class:`Text`.
    atts: its annotated attributions.
    preds: its rows of ``corpus.quotes`` (index kept, to point back).
    flagged: its Discard/Discuss regions (predictions mostly inside them are not scored).
    outlet, split: labels copied onto the results.
    pronoun_gold: (doc_id, pronoun start) -> antecedent name or "-".
    """
    rows = list(preds[["start", "end"]].itertuples())
    scored = []
    for att in atts:
        cue_at = att.cue[0][0] if att.cue else (att.content[0][0] if att.content else 0)
        kind, key = source_kind(t, att)
        scored.append(
            Scored(
                att,
                outlet,
                split,
                is_direct(t, att) if att.content else False,
                is_speech_cue(span_text(t.text, att.cue)),
                not att.content or t.in_quote(cue_at),
                kind,
                key,
                core=is_core_cue(span_text(t.text, att.cue)),
            )
        )
    contents = _union([p for a in atts for p in a.content])
    speech = _union([p for sc in scored if in_scope(sc) for p in sc.att.content])
    flagged = _union(flagged)
    predictions, right = [], []
    for r in rows:
        size = max(1, t.size(r.start, r.end))
        ok = t.overlap(r.start, r.end, contents) >= MIN_INSIDE * size
        predictions.append(
            {
                "index": r.Index,
                "outlet": outlet,
                "split": split,
                "right": ok,
                "right_speech": t.overlap(r.start, r.end, speech) >= MIN_INSIDE * size,
                "scored": t.overlap(r.start, r.end, flagged) < 0.5 * size,
                "touches": t.overlap(r.start, r.end, contents) > 0,
            }
        )
        if ok:
            right.append(r)
    for sc in scored:
        att = sc.att
        total = sum(t.size(s, e) for s, e in att.content)
        sc.touched = any(t.overlap(r.start, r.end, att.content) for r in rows)
        best, best_fit, cover = -1, 0.0, []
        for r in right:
            ov = t.overlap(r.start, r.end, att.content)
            if ov:
                cover.append((r.start, r.end))
                fit = ov / (t.size(r.start, r.end) + total - ov)
                if fit > best_fit:
                    best, best_fit = r.Index, fit
        covered = sum(t.overlap(s, e, att.content) for s, e in _union(cover))
        sc.found = total > 0 and covered >= MIN_COVER * total
        if sc.found:
            sc.pred = best
            sc.verdict = speaker_verdict(sc, preds.loc[best], pronoun_gold)
    return scored, predictions


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping spans."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def speaker_verdict(sc: Scored, pred: pd.Series, pronoun_gold: dict) -> str:
    """``right`` / ``wrong`` / ``unresolved`` / ``unverifiable`` / ``unlabelled`` / ``n/a`` for a found attribution.

    Parameters
    ----------
    sc: the scored attribution (its source kind and key word).
    pred: the prediction row inside it with the largest overlap.
    pronoun_gold: (doc_id, pronoun start) -> antecedent name or "-".
    """
    speaker = str(pred["speaker"])
    words = {singular(w) for w in _words(speaker)} | set(_words(speaker))
    if sc.kind == "named":
        given, _, family = sc.key.partition("|")
        return "right" if names_match([family], given.split(), False, speaker) else "wrong"
    if sc.kind == "descriptive":
        head = sc.key.removeprefix("the:")
        if head and head in words:
            return "right"
        if sc.key.startswith("the:") and pred["speaker_type"] == "named":
            return "unverifiable"
        return "wrong"
    if sc.kind == "pronoun":
        ante = pronoun_gold.get((sc.att.doc_id, sc.att.source[0][0]))
        if ante is None:
            return "unlabelled"
        if ante == "-":
            return "no antecedent"
        if names_match(*name_keys(ante), speaker):
            return "right"
        if not words or _words(speaker) in (["he"], ["she"], ["they"], ["it"], ["nan"]):
            return "unresolved"
        return "wrong"
    return "n/a"


def read_pronoun_gold(path: Path) -> dict[tuple[str, int], str]:
    """The hand-labelled antecedents: ``filename<TAB>pronoun_start<TAB>antecedent`` (``#`` comments)."""
    gold: dict[tuple[str, int], str] = {}
    if not path.is_file():
        return gold
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fname, start, ante = line.split("\t")[:3]
        gold[(fname, int(start))] = ante.strip()
    return gold


def evaluate(docs: pd.DataFrame, quotes: pd.DataFrame, anns: dict, pronoun_gold: dict):
    """Score every article; returns (scored attributions, prediction rows as a frame)."""
    by_doc = dict(tuple(quotes.groupby("doc_id", sort=False)))
    empty = quotes.iloc[0:0]
    scored, preds = [], []
    for d in docs.itertuples():
        atts, flagged = anns[d.doc_id]
        s, p = score_document(Text(d.text), atts, by_doc.get(d.doc_id, empty), flagged, d.outlet, d.split, pronoun_gold)
        for row in p:
            row["doc_id"] = d.doc_id
        scored += s
        preds += p
    return scored, pd.DataFrame(preds)


# --- tables ------------------------------------------------------------------------------------------------
def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "–"


def in_scope(s: Scored) -> bool:
    """What the toolkit aims to cover: speech or a direct quotation, not nested inside a quotation."""
    return not s.nested and (s.speech or s.direct)


def summary_row(label: str, scored: list[Scored], preds: pd.DataFrame) -> dict:
    """One table row: recalls, precision and speaker accuracy for a set of articles."""
    live = [s for s in scored if not s.nested]
    direct = [s for s in live if s.direct]
    speech = [s for s in live if s.speech]
    core = [s for s in live if s.core]
    graded = preds[preds["scored"]] if len(preds) else preds
    row = {
        "": label,
        "articles": 0,
        "direct n": len(direct),
        "direct R": _ratio(sum(s.found for s in direct), len(direct)),
        "speech n": len(speech),
        "speech R": _ratio(sum(s.found for s in speech), len(speech)),
        "say/tell/acc. R": _ratio(sum(s.found for s in core), len(core)),
        "all n": len(live),
        "all R": _ratio(sum(s.found for s in live), len(live)),
        "pred n": len(graded),
        "P": _ratio(int(graded["right"].sum()) if len(graded) else 0, len(graded)),
        "P speech": _ratio(int(graded["right_speech"].sum()) if len(graded) else 0, len(graded)),
    }
    found = [s for s in scored if s.found and in_scope(s)]
    for kind in ("named", "descriptive"):
        v = Counter(s.verdict for s in found if s.kind == kind)
        n = v["right"] + v["wrong"]
        row[f"{kind} spk"] = f"{_ratio(v['right'], n)} ({n})"
    v = Counter(s.verdict for s in found if s.kind == "pronoun")
    n = v["right"] + v["wrong"] + v["unresolved"]
    row["pronoun spk"] = f"{_ratio(v['right'], n)} ({n})"
    row["pron. wrong/unres."] = f"{v['wrong']}/{v['unresolved']}"
    return row


def source_table(scored: list[Scored]) -> str:
    """Recall of the in-scope attributions (speech or direct) by annotated source type, both splits."""
    rows = []
    for kind in ("named", "descriptive", "pronoun", "relative", "first/second", "none"):
        row = {"source type": kind}
        for split in ("dev", "check"):
            xs = [s for s in scored if s.split == split and in_scope(s) and s.kind == kind]
            core = [s for s in xs if s.core]
            row[f"{split} n"] = len(xs)
            row[f"{split} R"] = _ratio(sum(s.found for s in xs), len(xs))
            row[f"{split} say/tell/acc. R"] = _ratio(sum(s.found for s in core), len(core))
        rows.append(row)
    return markdown(rows)


def markdown(rows: list[dict]) -> str:
    """Rows (dicts with the same keys) as a Markdown table; numeric-looking columns right-aligned."""
    cols = list(rows[0])
    align = ["---" if c in ("", "source type", "category") else "---:" for c in cols]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in rows]
    return "\n".join(lines)


def split_table(split: str, scored: list[Scored], preds: pd.DataFrame, docs: pd.DataFrame) -> str:
    """The Markdown table of one split: all outlets, then one row per outlet."""
    sc = [s for s in scored if s.split == split]
    pr = preds[preds["split"] == split]
    rows = [summary_row("**all**", sc, pr)]
    for outlet in sorted(docs["outlet"].unique()):
        rows.append(summary_row(outlet, [s for s in sc if s.outlet == outlet], pr[pr["outlet"] == outlet]))
    n_docs = int((docs["split"] == split).sum())
    for r, outlet in zip(rows, [None] + sorted(docs["outlet"].unique())):
        r["articles"] = n_docs if outlet is None else int(((docs["split"] == split) & (docs["outlet"] == outlet)).sum())
    return markdown(rows)


# --- errors -------------------------------------------------------------------------------------------------
def error_categories(scored: list[Scored], preds: pd.DataFrame, split: str = "check") -> dict[str, list]:
    """The errors of one split by category; each value lists (item, content span or None).

    Categories: missed direct quote; missed reported speech with a say/tell/"according to" cue
    and with another speech verb (each "not found": no prediction overlaps it, or "partly
    covered": predictions overlap it but cover less than half or lie mostly elsewhere); wrong
    speaker by source type; pronoun left unresolved; definite description resolved to a name
    (not scored); false positive (overlapping no annotated Content, or mostly outside it).
    """
    cats: dict[str, list] = defaultdict(list)
    for s in scored:
        if s.split != split or s.nested:
            continue
        span = s.att.content
        how = "partly covered" if s.touched else "not found"
        if not s.found and s.direct:
            cats[f"missed direct quote: {how}"].append((s, span))
        elif not s.found and s.speech:
            verb = "say/tell/according to" if s.core else "other speech verb"
            cats[f"missed reported speech ({verb}): {how}"].append((s, span))
        elif s.found and in_scope(s) and s.verdict in ("wrong", "unresolved", "unverifiable"):
            label = {
                "wrong": f"wrong speaker ({s.kind} source)",
                "unresolved": "pronoun left unresolved",
                "unverifiable": "definite description resolved to a name (not scored)",
            }[s.verdict]
            cats[label].append((s, span))
    for r in preds[(preds["split"] == split) & preds["scored"] & ~preds["right"]].itertuples():
        cats["false positive: " + ("mostly outside annotated Content" if r.touches else "no annotation there")].append(
            (r, None)
        )
    return cats


def print_errors(
    cats: dict[str, list],
    texts: dict[str, str],
    quotes: pd.DataFrame,
    examples: int,
    seed: int = SAMPLE_SEED,
    split: str = "check",
) -> None:
    """Print the error counts and ``examples`` random examples of each (to the terminal only)."""
    rng = random.Random(seed)
    print(f"## Errors on the {split} split\n")
    print(markdown([{"category": k, "count": len(v)} for k, v in sorted(cats.items(), key=lambda kv: -len(kv[1]))]))
    for cat, items in sorted(cats.items(), key=lambda kv: -len(kv[1])):
        print(f"\n### {cat} ({len(items)})\n")
        for item, span in rng.sample(items, min(examples, len(items))):
            if span is None:
                q = quotes.loc[item.index]
                print(
                    f"- {item.doc_id} [{q.start}:{q.end}] {q.kind}, speaker={q.speaker!r} ({q.speaker_type}): "
                    f"{_clip(q.quote)}"
                )
                continue
            text = texts[item.att.doc_id]
            src = span_text(text, item.att.source) or "-"
            cue = span_text(text, item.att.cue) or "-"
            line = f"- {item.att.doc_id} [{span[0][0]}] source={src!r} cue={cue!r}: {_clip(span_text(text, span))}"
            if item.pred >= 0:
                q = quotes.loc[item.pred]
                line += f"\n    predicted speaker={q.speaker!r} ({q.speaker_type}), key={item.key!r}"
            print(line)


def _clip(text: str, n: int = 160) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= n else text[:n] + "…"


def pronoun_items(scored: list[Scored], split: str) -> list[Scored]:
    """The pronoun-sourced attributions to hand-label: every one in ``check``; in ``dev`` a seeded
    sample of :data:`DEV_PRONOUN_SAMPLE` among those the toolkit could be scored on (speech or
    direct, not nested inside a quotation); in ``dev2`` a second seeded sample of
    :data:`DEV2_PRONOUN_SAMPLE` drawn from the dev ones the first sample left out."""
    items = [s for s in scored if s.split == split.removesuffix("2") and s.kind == "pronoun"]
    if split.startswith("dev"):
        items = sorted((s for s in items if in_scope(s)), key=lambda s: (s.att.doc_id, s.att.source[0][0]))
        first = random.Random(SAMPLE_SEED).sample(items, min(DEV_PRONOUN_SAMPLE, len(items)))
        if split == "dev2":
            taken = {id(s) for s in first}
            rest = [s for s in items if id(s) not in taken]
            first = random.Random(SAMPLE_SEED + 1).sample(rest, min(DEV2_PRONOUN_SAMPLE, len(rest)))
        items = first
    return sorted(items, key=lambda s: (s.att.doc_id, s.att.source[0][0]))


def print_pronoun_contexts(items: list[Scored], texts: dict[str, str], width: int) -> None:
    """Print, article by article, the text before each pronoun with the pronoun marked
    ``[[n:he]]``, then ``filename<TAB>start<TAB>`` lines to fill in (terminal only, for labelling)."""
    by_doc: dict[str, list[Scored]] = defaultdict(list)
    for s in items:
        by_doc[s.att.doc_id].append(s)
    for doc_id, its in by_doc.items():
        text = texts[doc_id]
        print(f"\n##### {doc_id} — {_clip(text.split(chr(10), 1)[0], 120)}")
        pos = 0
        for n, s in enumerate(its, 1):
            a, b = s.att.source[0]
            if a - width > pos:
                print(" […] ", end="")
                pos = a - width
            print(re.sub(r"\n+", " ¶ ", text[pos:a]) + f"[[{n}:{text[a:b]}]]", end="")
            pos = b
        print(re.sub(r"\n+", " ¶ ", text[pos : pos + 80]) + " […]")
        for n, s in enumerate(its, 1):
            print(f"{n}\t{doc_id}\t{s.att.source[0][0]}\t")


# --- main -------------------------------------------------------------------------------------------------------
def load(folder: Path, jobs: int | None):
    """Read PolNeAR, load it through :func:`analysis.load_corpus` via a temporary CSV.

    Returns (articles frame, annotations by doc_id, corpus).
    """
    import analysis

    docs = read_metadata(folder)
    anns = {d: parse_ann(folder / "train" / "attributions" / f"{d}.ann", d) for d in docs["doc_id"]}
    with tempfile.TemporaryDirectory(prefix="polnear-") as tmp:
        corpus = analysis.load_corpus(write_csv(docs, Path(tmp)), jobs=jobs)
    texts = dict(zip(corpus.documents["doc_id"], corpus.documents["text"]))
    changed = [d for d, t in zip(docs["doc_id"], docs["text"]) if texts.get(d) != t]
    if changed:
        raise SystemExit(f"{len(changed)} article text(s) changed on loading (offsets would not match): {changed[:3]}")
    return docs, anns, corpus


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, score, print the tables (and errors or pronoun contexts when asked).

    Parameters
    ----------
    argv: command-line arguments (default ``sys.argv[1:]``).
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR_DEFAULT, help="the PolNeAR folder")
    parser.add_argument(
        "--gold",
        type=Path,
        nargs="+",
        default=[GOLD_DEFAULT, GOLD_DEV2],
        help="hand-labelled pronoun antecedents (one or more files)",
    )
    parser.add_argument("--jobs", type=int, default=None, help="annotation worker processes")
    parser.add_argument(
        "--errors",
        nargs="?",
        const="check",
        choices=("dev", "check"),
        default=None,
        help="error counts and examples on a split (default check; tune with dev)",
    )
    parser.add_argument("--examples", type=int, default=4, help="examples per error category")
    parser.add_argument(
        "--list-pronouns",
        choices=("dev", "dev2", "check"),
        default=None,
        help="print the pronoun attributions to hand-label, with context, and stop",
    )
    args = parser.parse_args(argv)
    if not available(args.polnear):
        print(f"PolNeAR not found at {args.polnear}: nothing measured. " + WHERE.format(path=args.polnear))
        return 0
    docs, anns, corpus = load(args.polnear, args.jobs)
    quotes = corpus.quotes
    gold = {k: v for path in args.gold for k, v in read_pronoun_gold(path).items()}
    scored, preds = evaluate(docs, quotes, anns, gold)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    if args.list_pronouns:
        print_pronoun_contexts(pronoun_items(scored, args.list_pronouns), texts, 600)
        return 0
    n_att = len(scored)
    nested = sum(s.nested for s in scored)
    print(
        f"# Sources stage vs PolNeAR ({len(docs)} articles, {n_att:,} annotated attributions, "
        f"{len(quotes):,} predicted; {nested:,} nested in quotations or without Content left out of recall; "
        f"{int((~preds['scored']).sum())} predictions in Discard/Discuss regions not scored)\n"
    )
    for split, label in (
        ("dev", "dev: published 2015-11-08 .. 2016-06-30"),
        ("check", "check: published 2016-07-01 .. 2016-09-07"),
    ):
        print(f"## {label}\n\n{split_table(split, scored, preds, docs)}\n")
    print("## Recall by annotated source type (speech or direct attributions)\n")
    print(source_table(scored) + "\n")
    labelled = Counter(s.verdict for s in scored if s.kind == "pronoun" and s.found and in_scope(s))
    files = ", ".join(p.name for p in args.gold)
    print(
        f"Pronoun-sourced attributions found (speech or direct): {sum(labelled.values())}; speaker verdicts "
        f"{dict(sorted(labelled.items()))}; {len(gold)} antecedents hand-labelled in {files} "
        f'("unlabelled" = outside the dev sample).\n'
    )
    if args.errors:
        print_errors(error_categories(scored, preds, args.errors), texts, quotes, args.examples, split=args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
