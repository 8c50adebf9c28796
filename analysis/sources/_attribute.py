"""The sources stage's rules run over one document: quotations and cues found, speakers resolved,
quotes linked to their attributions (:mod:`analysis.sources.stage` describes the rules).

Kept apart from the stage module, which :mod:`analysis.pipeline` imports for its frame, columns and
reference even when every document comes from the cache: the patterns these rules import take
about half a second to compile, and are compiled only when a document is annotated.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from analysis.sources._doc import _Cue, _Doc, _Quote
from analysis.sources._grammar import _AUX_WORD, _CUE_RE, _SCOPE_ONLY, _TERM_BEFORE
from analysis.sources._quotations import _quote_cues, _social_cues, _trim_quote, is_title, quote_spans
from analysis.sources._reported_speech import _clause_subject, _sentence_cues, roundup_cues
from analysis.sources._speakers import _resolve

_NAMED_AFTER = re.compile(
    r"\b(?:call|calls|called|calling|dub|dubs|dubbed|dubbing|term|terms|termed)\s+"
    r"(?:him|her|it|them|this|that|(?:the|his|her|their|its)\s+[a-z]+)\s+(?:(?:a|an|the)\s+)?\Z"
)
TERM_MAX_WORDS = 4  # a quoted phrase of at most this many words inside a reported clause may be a term


# --- the rules ----------------------------------------------------------------------------------
def _is_term(d: _Doc, q: _Quote, cue: _Cue) -> bool:
    """A short quoted phrase used as a term (scare quote) inside someone's reported clause."""
    words = re.findall(r"\w+", d.text[q.inner[0] : q.inner[1]])
    if len(words) > TERM_MAX_WORDS:
        return False
    se = d.s_end[d.sent_of(q.start)]
    if re.fullmatch(r"[\s.!?…]*", d.text[q.end : max(q.end, se)]):
        return False  # the quotation closes the sentence: quoted wording
    before = d.text[max(0, q.start - 40) : q.start]
    if cue.verb in _SCOPE_ONLY and re.search(r"\bas\s+(?:(?:a|an|the)\s+)?\Z", before):
        return False  # "described X as 'Y'"
    if cue.verb in _SCOPE_ONLY and _NAMED_AFTER.search(d.text, max(0, q.start - 60), q.start):
        return False  # "calling him a 'stiff'", "called it 'a disgrace'": the name given is the speaker's word
    return bool(_TERM_BEFORE.search(before))


def _close_quotes(d: _Doc, markers: list[_Cue], quotes: list[_Quote]) -> None:
    """A reported clause that opens a quotation runs to its closing mark (``Roe said he is “weak.
    Weak like a baby.”``): the sentence splitter cuts inside quotations, the speaker's words do not
    stop there."""
    starts = [q.start for q in quotes]
    for c in markers:
        if c.content is None or c.mode != "right":
            continue
        s, e = c.content
        k = bisect.bisect_left(starts, s)
        while k < len(quotes) and quotes[k].start < e:
            q = quotes[k]
            if e < q.end and q.closed:
                c.content = (s, q.end)
                break
            k += 1


def _link_quotes(d: _Doc, quotes: list[_Quote], cues: list[_Cue]) -> None:
    """Partial quotes inside reported clauses, then stand-alone quote sentences, which continue the
    last attribution of the same or the previous paragraph."""
    t = d.text
    order = {pid: k for k, (_, _, pid, _) in enumerate(d.paras)}
    para_start = {pid: ps for ps, pe, pid, _ in d.paras}
    para_of = [ps for ps, _, _, _ in d.paras]
    for k, q in enumerate(quotes):
        if q.cue is None:
            holders = [
                c
                for c in cues
                if c.content
                and c.speaker is not None
                and not c.direct
                and c.content[0] <= q.start
                and q.end <= c.content[1] + 1
            ]
            if holders:
                c = min(holders, key=lambda c: c.content[1] - c.content[0])
                if not _is_term(d, q, c):
                    q.cue = _Cue("embed", c.verb, anchor=q.start, sent=d.sent_of(q.start), parent=c)
        if q.cue is None:
            tag = _after_tag(d, k, quotes)
            if tag is not None:  # "“A,” said Roe, “and B.”": the second part is Roe's too
                q.cue = _Cue("cont", tag.verb, anchor=q.start, sent=d.sent_of(q.start), parent=tag)
        if q.cue is None:
            lead = t[para_start[q.para] : q.start]
            se = d.s_end[d.sent_of(q.start)]
            initial = not lead.strip() or re.search(r"[.!?…](?:''|[\"”’])?\s*\Z", lead)
            closes = not q.closed or re.fullmatch(r"[\s.!?…]*", t[q.end : max(q.end, se)])
            if initial and not closes:  # “I think what they care about is jobs” and other issues
                closes = len(_WORD.findall(t, q.inner[0], q.inner[1])) >= CONTINUED_MIN_WORDS
            if initial and closes:
                k = order[q.para]
                last = [
                    c
                    for c in d.history
                    if c.anchor < q.start
                    and order.get(d.paras[max(0, bisect.bisect_right(para_of, c.anchor) - 1)][2], -9) in (k, k - 1)
                ]
                if last:
                    q.cue = _Cue("cont", last[-1].verb, anchor=q.start, sent=d.sent_of(q.start), parent=last[-1])
        if q.cue is not None and q.cue.parent is not None:
            q.cue.speaker, q.cue.relayed_by = q.cue.parent.speaker, q.cue.parent.relayed_by


SUBJECT_QUOTE_MIN_WORDS = 4
CONTINUED_MIN_WORDS = 4  # a quotation opening a sentence it does not close continues the last speaker
_TAG_GAP = re.compile(r"[^.!?\"“”]{0,80}[,:]\s*")


def _after_tag(d: _Doc, k: int, quotes: list[_Quote]) -> _Cue | None:
    """The cue of a tag that follows the previous quotation of the same paragraph and runs, through
    a comma or colon, into this one (``“A,” he said of the plan, “B.”``)."""
    if k == 0:
        return None
    q, p = quotes[k], quotes[k - 1]
    c = p.cue
    if p.para != q.para or c is None or c.kind != "post" or c.np is None or c.np[0] < p.end:
        return None
    return c if _TAG_GAP.fullmatch(d.text, p.end, q.start) else None


_MARK = re.compile(r"[\"“”]")
_COLON_END = re.compile(r":\s*\Z")
_WORD = re.compile(r"\w+")
_SUBJ_VERB = re.compile(
    r"\s+(?:(?:also|then|later|once|has|have|had|was|were|is|are|would|will)\s+)*(?P<verb>[a-z]{3,}(?:ed|es|s))\b"
)


def _subject_quotes(d: _Doc, quotes: list[_Quote]) -> None:
    """A quotation no tag, clause or earlier quote attributes, of at least
    :data:`SUBJECT_QUOTE_MIN_WORDS` words, inside a sentence whose subject is a speaker the
    document can name and whose verb follows it ("Roe lamented that the “danger came from
    the cuts.”", "Roe delivered a blunt message: “Quit now.”"): the subject's quote."""
    history = list(d.history)
    for q in quotes:
        if q.cue is not None:
            continue
        i = d.sent_of(q.start)
        ss = d.s_start[i]
        if ss >= q.start or _MARK.search(d.text, ss, q.start):
            continue
        colon = _COLON_END.search(d.text, ss, q.start)  # "Roe yelled: “No!”": a colon introduces words said
        if len(_WORD.findall(d.text, q.inner[0], q.inner[1])) < (1 if colon else SUBJECT_QUOTE_MIN_WORDS):
            continue
        np = _clause_subject(d, ss, q.start)
        if np is None or np[1] > q.start:
            continue
        m = _SUBJ_VERB.match(d.text, np[1], q.start)
        if m is None:
            continue
        cue = _Cue("subj", m.group("verb"), anchor=np[0], sent=i, np=np)
        _resolve(d, cue)
        if cue.speaker is not None and cue.speaker.name:
            cue.direct, cue.mode = True, "direct"
            q.cue = cue
    d.history = history


LEAD_QUOTE_MIN_WORDS = 3


def _lead_quotes(d: _Doc, quotes: list[_Quote]) -> None:
    """A quotation that is a sentence of its own, which no tag or earlier attribution claims, right
    after a sentence of the same paragraph whose subject is a person the document can name and
    whose verb follows it ("Roe paused. “We are not done.”"): that person's quote."""
    t = d.text
    para_start = {pid: ps for ps, pe, pid, _ in d.paras}
    history = list(d.history)
    for q in quotes:
        if q.cue is not None or not q.closed:
            continue
        i = d.sent_of(q.start)
        ss, se = d.s_start[i], d.s_end[i]
        if t[ss : q.start].strip() or not re.fullmatch(r"[\s.!?…]*", t[q.end : max(q.end, se)]):
            continue
        if len(_WORD.findall(t, q.inner[0], q.inner[1])) < LEAD_QUOTE_MIN_WORDS:
            continue
        if i == 0 or d.s_start[i - 1] < para_start[q.para]:
            continue
        ps, pe = d.s_start[i - 1], d.s_end[i - 1]
        if _MARK.search(t, ps, pe):
            continue
        np = _clause_subject(d, ps, pe)
        if np is None or np[0] != ps:
            continue
        m = _SUBJ_VERB.match(t, np[1], pe)
        if m is None:
            continue
        cue = _Cue("subj", m.group("verb"), anchor=np[0], sent=i - 1, np=np)
        _resolve(d, cue)
        if cue.speaker is not None and cue.speaker.person and cue.speaker.name:
            cue.direct, cue.mode = True, "direct"
            q.cue = cue
    d.history = history


_COLON_CLOSE = re.compile(r":\s*\Z")


def _block_quotes(d: _Doc, quotes: list[_Quote]) -> None:
    """A quotation opening a paragraph, after a paragraph that ends in a colon whose last sentence
    has a speaker the document can name and a verb after it (``Roe continued:`` / ``Roe:``), then
    the quotation: the speaker's block quote."""
    t = d.text
    para_start = {pid: ps for ps, pe, pid, _ in d.paras}
    history = list(d.history)
    for q in quotes:
        if q.cue is not None or t[para_start[q.para] : q.start].strip():
            continue
        i = d.sent_of(q.start)
        if i == 0 or d.s_end[i - 1] > para_start[q.para]:
            continue
        ps, pe = d.s_start[i - 1], d.s_end[i - 1]
        colon = _COLON_CLOSE.search(t, ps, max(ps, pe))
        if colon is None or _MARK.search(t, ps, pe):
            continue
        np = _clause_subject(d, ps, colon.start())
        if np is None:
            continue
        m = _SUBJ_VERB.match(t, np[1], colon.start())
        label = not t[np[1] : colon.start()].strip()
        if m is None and not label:
            continue
        cue = _Cue("pre", m.group("verb") if m else ":", anchor=np[0], sent=i - 1, np=np)
        _resolve(d, cue)
        if cue.speaker is not None and cue.speaker.name:
            cue.direct, cue.mode = True, "direct"
            q.cue = cue
            history.append(cue)
    d.history = history


def _wrapper(d: _Doc, q: _Quote) -> tuple[int, int] | None:
    """The writer's clause around a quote tagged after it ("It is “...,” he said"), when it has a verb."""
    ss = d.s_start[d.sent_of(q.start)]
    prefix = d.text[ss : q.start]
    if (
        not prefix.strip()
        or re.search(r"[,:]\s*\Z", prefix)
        or not _AUX_WORD.search(prefix)
        or _CUE_RE.search(prefix)
        or re.search(r"[\"“”]", prefix)
    ):
        return None
    return _trim_quote(d, ss, q.end)


def attribution_rows(doc, frames: dict, ref: Any) -> list[tuple]:
    """The quotes rows of one document, as tuples in the stage's ``COLUMNS`` order, sorted by offset.

    Parameters
    ----------
    doc: the :class:`~analysis.documents.Document`.
    frames: its frames so far: ``paragraphs``, ``sentences`` and, when the actors stage ran,
        ``mentions`` (otherwise mentions are found here with ``ref``).
    ref: the actors table (:class:`analysis.actors.reference.ActorTable`) or None (names then stay as
        written and affiliations come only from the text).
    """
    d = _Doc(doc, frames, ref)
    quotes = d.quotes = [q for q in quote_spans(d.text, d.paras) if not is_title(d.text, q)]
    qstarts = d.qstarts = [q.start for q in quotes]
    used: set[int] = set()
    cues = _quote_cues(d, quotes, qstarts, used)
    for i, ok in enumerate(d.s_use):
        if ok:
            cues += _sentence_cues(d, i, quotes, qstarts, used)
    cues += roundup_cues(d, quotes, qstarts)
    socials = _social_cues(d)
    cues += [c for c, _ in socials]
    markers = [c for c in cues if not c.direct and c.content]
    by_sent: dict[int, list] = {}  # markers per sentence, in order: linear in the article's length
    for c in markers:
        by_sent.setdefault(c.sent, []).append(c)
    for c in markers:
        outers = [o for o in by_sent[c.sent] if o is not c and o.content[0] <= c.anchor < o.content[1]]
        if outers:
            c.outer = min(outers, key=lambda o: o.content[1] - o.content[0])
    for c in sorted(cues, key=lambda c: (c.anchor, c.kind)):
        _resolve(d, c)
    for c in sorted(cues, key=lambda c: c.anchor):
        ante = c.antecedent
        inherited = None
        if ante is not None and ante.sent == c.sent - 1 and c.kind == "verb":
            inherited = ante.relayed_by
        c.relayed_by = (
            (c.outer.speaker.name if c.outer is not None and c.outer.speaker is not None else None)
            or c.relay_hint
            or inherited
        )
    _close_quotes(d, markers, quotes)
    _link_quotes(d, quotes, cues)
    _subject_quotes(d, quotes)
    _lead_quotes(d, quotes)
    _block_quotes(d, quotes)
    rows = []

    def add(span: tuple[int, int], kind: str, cue: _Cue) -> None:
        sp = cue.speaker
        src = cue.parent or cue
        rows.append(
            (
                d.doc_id,
                d.s_id[d.sent_of(span[0])],
                d.text[span[0] : span[1]],
                kind,
                sp.name,
                sp.type,
                sp.affiliation,
                cue.verb,
                span[0],
                span[1],
                cue.relayed_by,
                d.text[src.np[0] : src.np[1]] if src.np else cue.verb,
            )
        )

    for c in markers:
        if c.emit and c.speaker is not None and c.mode != "scope":
            add(c.content, "indirect", c)
    for q in quotes:
        if q.cue is not None and q.cue.speaker is not None:
            add(q.inner, "direct", q.cue)
            wrap = _wrapper(d, q) if q.cue.kind == "post" else None
            if wrap:
                add(wrap, "indirect", q.cue)
    for c, span in socials:
        if c.speaker is not None:
            add(span, "direct", c)
    unique = {(r[8], r[9], r[3], r[4]): r for r in reversed(rows)}  # first row of each span/kind/speaker
    return sorted(unique.values(), key=lambda r: (r[8], r[9]))
