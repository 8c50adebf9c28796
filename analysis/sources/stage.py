"""Sources (the ``sources`` stage): who is quoted, named or anonymous, in which outlet.

``corpus.quotes`` has one row per *attribution* (see :data:`COLUMNS`): the attributed words
(``quote``, with ``start``/``end`` offsets into the document), ``kind`` (direct = inside
quotation marks or an embedded social post; indirect = reported speech), the ``speaker``
(canonical actor name when named or unambiguously resolvable, else the normalised descriptor
such as "senior pentagon official"), ``speaker_type`` (named | anonymous | spokesperson |
organization | document | media), ``affiliation``, ``verb`` (said, told, according to, ...),
``relayed_by`` (second-hand speech: "X said P, according to Y" gives P to X, relayed by Y)
and ``speaker_text`` (the attribution as written). Conventions follow the gold file
``tests/gold/quotes_gold.yaml`` (read its header).

Method: rules, not a model
--------------------------
textacy's quotation extraction and spaCy's dependency parse need a downloaded English model
(``en_core_web_sm``), which a fresh offline machine does not have and the dependency list does
not carry. This stage is rule based over the paragraph and sentence frames, with regular
expressions compiled once (at the first document: :mod:`._attribute` runs the rules) and linear
passes over each paragraph; it is measured against the hand-labelled gold
(``benchmarks/sources_eval.py``), and the tests assert the level.

1. *Quotations*: “curly”, "straight" (or '') and ‘single curly’ marks paired within a paragraph,
   and 'straight single' ones in a text that quotes with them (British style; a comma after the
   closing mark tags the quote as one inside it does); several sentences inside one pair are one
   quote, and an opening mark met while a quote is open leaves the previous one unclosed (the
   multi-paragraph convention). A quote is
   attributed by, in order: a tag right after it (``," the official said``, ``," said Mr
   Smith``, ``, according to X``; after a quote ending in ? or ! only if the words after are a
   tag, not a new sentence; descriptor words may precede the name: ``," psychologist Jane Roe
   says``; after a quote ending in a comma or dash any verb makes a tag: ``," Roe charged.``;
   a round-up byline ``― Jane Roe`` on its own line); an attribution right before it
   ending in a comma or colon (``X
   said in a statement: “``, ``X said last week in Salem, “``, ``X went on to say, “``, a
   participle after an earlier tag: ``“…,” X said, adding: “…”``); a sentence that is only a
   speaker and a colon (``Rep. Jane Roe (D-Ore.): “…”``); lying inside an attributed reported
   clause (a partial quote such as ``is “patently false.”``); when it is a sentence of its own,
   continuing the last attribution of the same or the previous paragraph; or, at last, a quote
   of at least :data:`SUBJECT_QUOTE_MIN_WORDS` words (any length after a colon) in a sentence
   whose subject the document can name and whose verb follows it (``Roe lamented that the
   “cuts came from a budget nobody read.”``). A quote of at most
   :data:`TERM_MAX_WORDS` words inside a reported clause, mid-sentence, right after an article,
   "as", "for" or a labelling word (``label Anthropic as a “supply chain risk”``, ``for “any
   lawful use”``) is a term (scare quote), not an attribution; quotes nobody is said to have
   said are left out. When a tag follows a quote opened mid-sentence after the writer's own
   subject and verb (``It is "traditionally evoked ...," he said``) that clause is also an
   indirect attribution. The embedded social post (paragraph kind ``embedded_post``) is a
   direct quote of the account named in its byline (the link left out).
2. *Reported speech*: a speech verb with its speaker before it (``X said (that) P``, ``P, X
   said``, ``X told <outlet> that P``, ``X, a lawyer, said``, ``X ... and said P``, ``...,
   arguing P``) or after it (``P, said Mr Smith.``), "according to X" before or after its
   clause, and the hedge "reportedly" (unnamed reports). The content runs to the end of the
   sentence or to the next attribution, ", while", ", but", "even as", a quote-introducing colon
   or a lone trailing dash gloss; a sentence-final attribution takes the whole clause before it.
   Verbs whose object is what was said (``announced X``, ``accused X of ...``, ``urged X to
   ...``, ``vowed to ...``, ``asked whether ...``, ``denied X``) take everything after the verb
   as content; other speakers before the verb: ``X, who said P``, ``As X reported, P``, a share
   of a group ("half of the voters", "About 4 in 10 say", "those surveyed say"), "her campaign".
   Not attributions: speech under a noun or a conditional ("any suggestion that X said", "if X
   said"), passive and negated cues ("X was asked", "did not mention"), verbs that read as nouns
   ("Tory claims", "reports say" count only "say"), and object uses of the other verbs that also
   take plain objects ("added four conversions", "claimed the title"), recognised because
   without "that" or a quotation their content does not start like a clause.
3. *Speakers*: the phrase is matched against the document's ``mentions`` (actors stage; found
   here with the actors table when absent): a person -> ``named`` (affiliation from the table,
   else from the text: "Anthropic CEO ...", "..., director of Spamhaus"); an unnamed official,
   source, person or group -> ``anonymous``, as a normalised descriptor whose affiliation is the
   organisation in it ("a senior Pentagon official" -> Department of Defense); an unnamed
   spokesperson -> ``spokesperson``; an organisation -> ``organization``; a media outlet ->
   ``media``; a statement, memo, report or study as the subject, or an organisation speaking
   through one ("released a statement saying") -> ``document``. Names the table does not know
   are typed from their shape (given name + surname -> named; a word such as Department,
   Council, Times -> organisation or media). Back-references use the attributions before them:
   he/she/"the actor" -> the nearest earlier person (speakers, subjects, then anyone named in
   the last 1,500 characters; nearest sentence first, left to right inside it) whose gender
   agrees (honorific or given name, :mod:`analysis.sources._pronouns`), else *unresolved*: the
   row is kept with an empty ``speaker`` (``speaker_text`` keeps the pronoun); "another" -> the
   last anonymous group, "the two" -> an anonymous pair; "it" -> the last organisation;
   "the official" / "the source" / "the Pentagon source" / "the person" ->
   the last anonymous source of that kind (and affiliation); "the CEO" / "the lawyer" -> the only
   person the document gives that title; "the company" -> the last company named.

Measured (``benchmarks/sources_eval.py``): on the hand-labelled seeds, precision and recall 1.00
for span, speaker and speaker_type; the rules were written while reading those articles, so this
is a training figure. On unseen text (60 attributions drawn at random from those found in the
2,225 BBC News articles, checked by hand) the speaker was right in 56 and the type in 56. Cost:
about 3 ms per article on one core (``benchmarks/stages.py``). On PolNeAR (unseen 2016 news,
``benchmarks/polnear_sources.md``) the held-out check split gives direct recall 0.85, speech
recall 0.75, precision 0.96 and speaker accuracy 0.87. Known limits: no coreference beyond the rules above; a verb
not in the lists (embraced, praised) is missed; an unknown one-word name is taken
for an organisation unless the document gives a full name or a title; capitalised two-word
names of organisations the actors table does not know can pass for people.

Modules
-------
This module is the stage (:func:`annotate` and the linking of quotes to attributions). The
rules live in :mod:`analysis.sources._grammar` (word lists and patterns),
:mod:`analysis.sources._doc` (the document being annotated), :mod:`analysis.sources._quotations` (rule 1),
:mod:`analysis.sources._reported_speech` (rule 2) and :mod:`analysis.sources._speakers` (rule 3). Tables for the
notebook are in :mod:`analysis.sources.tables`; scoring against the gold in
:mod:`analysis.sources.gold`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from analysis.columns import Columns, to_frame

FRAME = "quotes"
REFERENCE = "actors"
READS = ("mentions",)  # speakers resolve through the actors stage's mentions
COLUMNS = {
    "doc_id": "str",
    "sent_id": "int32",
    "quote": "str",
    "kind": "str",
    "speaker": "str",
    "speaker_type": "str",
    "affiliation": "str",
    "verb": "str",
    "start": "int32",
    "end": "int32",
    "relayed_by": "str",
    "speaker_text": "str",
}
SPEAKER_TYPES = ("named", "anonymous", "spokesperson", "organization", "document", "media")


def load_reference(path: Path | str):
    """Load the actors table this stage resolves speakers with (delegates to :mod:`analysis.actors.stage`).

    Parameters
    ----------
    path: the actors file (YAML).
    """
    from analysis.actors import stage as actors

    return actors.load_reference(path)


def annotate_rows(doc, frames: dict, ref: Any) -> Columns:
    """The quotes rows of one document (see :data:`COLUMNS` and the module docstring), as plain columns.

    The parameters are those of :func:`analysis.sources._attribute.attribution_rows` (the
    document, its frames so far and the actors table or None), imported on the first call.
    """
    from analysis.sources._attribute import attribution_rows  # the rules, compiled on first use

    return _columns(attribution_rows(doc, frames, ref))


def _columns(rows: list[tuple]) -> Columns:
    """The quotes rows (tuples in :data:`COLUMNS` order) as columns."""
    cols = [list(values) for values in zip(*rows)] if rows else [[] for _ in COLUMNS]
    return Columns(dict(zip(COLUMNS, cols)))


def annotate(doc, frames: dict, ref: Any) -> pd.DataFrame:
    """The frame of :func:`annotate_rows` (same parameters): one row per attribution."""
    return to_frame(annotate_rows(doc, frames, ref), COLUMNS)
