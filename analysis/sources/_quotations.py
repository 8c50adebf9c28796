"""Quotations for the ``sources`` stage: pairing quotation marks and finding who each quote is by.

:func:`quote_spans` pairs the marks within each paragraph; :func:`_quote_cues` attributes a
quotation by the tag right after it or the attribution right before it; :func:`_social_cues`
attributes embedded social posts to the account in their byline. Rule 1 of
:mod:`analysis.sources.stage` describes them.
"""

from __future__ import annotations

import bisect
import re

from analysis.sources._doc import _Cue, _Doc, _inside, _Quote
from analysis.sources._grammar import (
    _CUE_RE,
    _FINAL,
    _PARTY,
    _POST_ACC_RE,
    _POST_ANY_INV_RE,
    _POST_ANY_RE,
    _POST_GEN_INV_RE,
    _POST_GEN_RE,
    _POST_INV_RE,
    _POST_RE,
    _RELATIVE,
    _SOCIAL_BYLINE,
    _URL_TAIL,
    GEN_DOC_HEADS,
    HEADS,
    NAME,
    NP,
)
from analysis.sources._reported_speech import (
    _clause_subject,
    _generic_subject,
    _relay_outlet,
    _skip_object_and_adverbials,
    _speaker_before,
)

# --- quotations -----------------------------------------------------------------------------
# the lookahead lets the engine skip to a mark's first character (about twice as fast, same matches)
# Single marks pair when they do not look like apostrophes: curly ‘…’, and straight '…' (British
# style) opening before a letter and closing before no letter ("'We will win,' Roe said"; "It's",
# "Roe's" are no marks; after an "s" only before punctuation: "'The voters' choice is clear.'").
_MARK_RE = re.compile(
    r"(?=[“”\"'‘])(?:“|”|\"|''|(?<![\w’'])‘(?:[^‘’\n]|’(?=\w))+’(?!\w)"
    r"|(?<![\w’'])'(?=[A-Za-z])(?:[^'\n“”\"]|'(?=\w)|(?<=s)'(?=\s+[a-z]))+?(?:(?<!s)'(?![\w'])|(?<=s)'(?=[,.;:!?)…—–-]|\s*(?:\n|\Z))))"
)
_OPENERS = " \t\n([{—–-/"


def _mark_role(text: str, i: int, j: int) -> str:
    """Whether a straight mark text[i:j] opens ("open"), closes ("close") or could do either."""
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if before in _OPENERS and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]…—–-" or after in "\"'"):
        return "close"
    return "either"


_STRAIGHT_SINGLE = re.compile(r"(?<![\w’'])'(?=[A-Za-z])")


def _straight_singles(text: str) -> bool:
    """Whether a text quotes with straight single marks (British style): it opens more quotations
    with them than it writes double marks for. A text quoting with double marks uses single ones for
    quoted subheads and headline-style phrases ("'A really tough decision.'" as its own paragraph),
    which are no one's words."""
    if "'" not in text:
        return False
    doubles = text.count("“") + text.count('"') + text.count("''")
    return len(_STRAIGHT_SINGLE.findall(text)) > doubles // 2


def quote_spans(text: str, paras: list[tuple[int, int, int, str]]) -> list[_Quote]:
    """Quotations in the reporting paragraphs, in text order.

    Curly “ ” and straight " (or '') double marks are paired within a paragraph; an opening mark
    met while a quote is open starts a new quote and leaves the previous one unclosed (the
    convention for a quote running over several paragraphs, also seen when paragraph breaks
    were lost); single marks, curly ‘ ’ or straight ' ' (in a text quoting with them,
    :func:`_straight_singles`), pair when they do not look like apostrophes (:data:`_MARK_RE`).

    Parameters
    ----------
    text: the document text.
    paras: (start, end, para_id, kind) of the paragraphs to search (embedded posts are skipped).
    """
    out = []
    singles = _straight_singles(text)

    def add(s: int, e: int, inner_s: int, inner_e: int, pid: int, closed: bool) -> None:
        while inner_e > inner_s and text[inner_e - 1].isspace():
            inner_e -= 1
        if inner_e - inner_s >= 2:
            out.append(_Quote(s, e, (inner_s, inner_e), pid, closed))

    for ps, pe, pid, kind in paras:
        if kind == "embedded_post":
            continue
        open_at = None  # (start, end of the opening mark, curly?)
        for m in _MARK_RE.finditer(text, ps, pe):
            s, e = m.span()
            mark = m.group()
            if mark == "''" and open_at is not None and text[e : e + 1] == "'":
                s, e = s + 1, e + 1  # a nested single mark closes before the double one
            if mark.startswith("‘") or (mark.startswith("'") and len(mark) > 2):
                if open_at is None and (singles or mark[0] == "‘"):
                    add(s, e, s + 1, e - 1, pid, True)
                continue
            curly = mark in "“”"
            role = ("open" if mark == "“" else "close") if curly else _mark_role(text, s, e)
            if mark == "“" and open_at is not None and text[s - 1] in ",.!?" and (e == len(text) or text[e].isspace()):
                role = "close"  # a mis-curled closing mark: “It's over,“ she said
            if open_at is None:
                if role != "close":
                    open_at = (s, e, curly)
                continue
            if role == "open" and (curly or open_at[2] is False):
                add(open_at[0], s, open_at[1], s, pid, False)
                open_at = (s, e, curly)
            elif role != "open" and (curly == open_at[2] or mark == "”" or role == "close"):  # mixed marks close too
                add(open_at[0], e, open_at[1], s, pid, True)
                open_at = None
        if open_at is not None:
            stop = pe
            if re.search(r"[^\s,:;—–-]\s*\Z", text[ps : open_at[0]]) and not re.search(
                r"[.!?]\s*\Z", text[ps : open_at[0]]
            ):
                end = _SENTENCE_END.search(text, open_at[1], pe)  # a stray mark mid-sentence: not a running quote
                stop = end.end() if end else pe
            add(open_at[0], stop, open_at[1], stop, pid, False)
    return out


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"“]|\s*\Z)")
_TITLE_WORD = r"(?:[A-Z][\w'’&-]*|of|the|and|with|a|in|on|to|for)"
_TITLE_QUOTE = re.compile(rf"{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,5}}[,.]?")
_TITLE_BEFORE_Q = re.compile(
    r"\b(?:on|of|to|told|from|in|with|watch|watching|hosts?|hosted|show)\s+(?:[A-Z][\w&.]*['’]s\s+)?"
    r"(?:the\s+(?:[A-Z][\w&.]*\s+){0,3}(?:channel|network|station|show|program|programme)['’]s\s+)?\Z"
)
_DASH_BYLINE = re.compile(rf"[^\S\n]*\n?[^\S\n]*―\s*(?P<np>{NAME})\s*(?:,[^\n]{{0,80}})?(?=\n|\Z)")


def is_title(text: str, q: _Quote) -> bool:
    """A programme or book title in quotation marks ("Meet the Press" after "on", "told", "of"):
    capitalised words, no sentence punctuation, right after a preposition or "told"."""
    inner = text[q.inner[0] : q.inner[1]]
    return bool(
        q.closed
        and _TITLE_QUOTE.fullmatch(inner)
        and inner[:1].isupper()
        and _TITLE_BEFORE_Q.search(text, max(0, q.start - 30), q.start)
    )


def _post_cue(d: _Doc, m) -> _Cue:
    """The cue of a tag after a quote (``," the official said`` / ``," said the official``)."""
    return _Cue("post", m.group("verb").lower(), anchor=m.start("np"), sent=d.sent_of(m.start("np")), np=m.span("np"))


_LOGICAL = frozenset(",—–")  # a tag's comma or dash written after the closing mark


def _quote_cues(d: _Doc, quotes: list[_Quote], qstarts: list[int], used: set[int]) -> list[_Cue]:
    """Attribute quotations by the words right after them or right before them (see module doc);
    the verbs used are added to ``used`` so the reported-speech pass skips them."""
    t = d.text
    cues = []
    para_end = {pid: pe for ps, pe, pid, _ in d.paras}
    para_start = {pid: ps for ps, pe, pid, _ in d.paras}
    for q in quotes:
        pe = para_end[q.para]
        last = _last_mark(t, q)
        if q.closed and last not in ",!?—–-" and t[q.end : q.end + 1] in _LOGICAL:
            last = t[q.end]  # punctuation outside the mark (British style): “We will win”, Roe said
        cue = None
        if q.closed:
            m = _POST_RE.match(t, q.end, pe)
            if (
                m
                and (last in ",—–-" or not t[m.start("np")].isupper() or (last in "!?" and _is_tag(d, m, pe)))
                and not _FINAL_BAD.match(t, m.end(), pe)
            ):
                cue = _post_cue(d, m)
                used.add(m.start("verb"))
            else:
                m = _POST_INV_RE.match(t, q.end, pe) if last in ",!?—–-" else None
                if m:
                    cue = _post_cue(d, m)
                    used.add(m.start("verb"))
                else:
                    m = _POST_ACC_RE.match(t, q.end, pe) if last in ",!?—–-" else None
                    if m:
                        raw = _RELATIVE.sub("", m.group("np")).rstrip()
                        cue = _Cue(
                            "post",
                            "according to",
                            anchor=m.start("np"),
                            sent=d.sent_of(m.start("np")),
                            np=(m.start("np"), m.start("np") + len(raw)),
                        )
                        used.add(t.rfind("according", q.end, m.start("np")))
        if cue is None and q.closed and last in ",—–-":
            m = _POST_ANY_RE.match(t, q.end, pe) or _POST_ANY_INV_RE.match(t, q.end, pe)
            if m and not _FINAL_BAD.match(t, m.end(), pe):
                cue = _post_cue(d, m)
                used.add(m.start("verb"))
        if cue is None and q.closed and last in ",—–-":
            cue = _generic_tag(d, q, pe)
            if cue is not None:
                used.add(t.find(cue.verb, q.end))
        if cue is None and q.closed:
            m = _DASH_BYLINE.match(t, q.end)
            if m:  # a round-up entry: the quotation, then "― Jane Roe" on its own
                cue = _Cue("post", "―", anchor=m.start("np"), sent=d.sent_of(m.start("np")), np=m.span("np"))
        if cue is None:
            cue = _pre_cue(d, q, para_start[q.para], quotes, qstarts, used)
        if cue is None:
            cue = _label_cue(d, q)
        if cue is None:
            cue = _relative_naming_cue(d, q)
        if cue is not None:
            cue.direct, cue.mode = True, "direct"
            q.cue = cue
            cues.append(cue)
    return cues


_HEAD_SET = frozenset(HEADS)


def _generic_tag(d: _Doc, q: _Quote, pe: int) -> _Cue | None:
    """A tag after a quotation whose speaker is a noun phrase the head lists do not know (``," the
    narrator says.``, ``," his nephew Omar Saleh added.``, ``," said a strategist for one of the
    campaigns.``). A name after the noun is the speaker; a known head is resolved as usual; any other
    head gives an anonymous speaker, or a document when it names a thing written or shown
    (:data:`GEN_DOC_HEADS`)."""
    t = d.text
    m = _POST_GEN_RE.match(t, q.end, pe) or _POST_GEN_INV_RE.match(t, q.end, pe)
    if m is None or _FINAL_BAD.match(t, m.end(), pe):
        return None
    verb = m.group("verb").lower()
    if m.group("name"):
        s, e = m.span("name")
        cue = _Cue("post", verb, anchor=s, sent=d.sent_of(s), np=(s, e - (t[e - 1] == ",")))
        return cue
    s, e = m.span("np")
    cue = _Cue("post", verb, anchor=s, sent=d.sent_of(s), np=(s, e))
    head = m.group("head").lower()
    if head not in _HEAD_SET:
        cue.generic = True
        cue.doc_head = head in GEN_DOC_HEADS
    return cue


def _last_mark(t: str, q: _Quote) -> str:
    """The last character of a quotation that is not a nested closing mark ("... say, 'Well done,' ": ",")."""
    inner = t[q.inner[0] : q.inner[1]].rstrip(" '’")
    return inner[-1] if inner else t[q.inner[1] - 1]


def _is_tag(d: _Doc, m: re.Match, end: int) -> bool:
    """Whether speaker + verb after a quotation ending in ? or ! tag it (``"Why?" Smith asked.``) rather
    than start the next sentence (``"Why?" Smith said the deal ...``)."""
    se = min(end, max(d.s_end[d.sent_of(m.end() - 1)], m.end()))  # the tag's sentence, not the paragraph
    p, _, _ = _skip_object_and_adverbials(d, m.group("verb").lower(), m.end(), se)
    return bool(
        _FINAL.match(d.text, p, se) or re.match(r"\s*[,;:]", d.text[p : p + 3]) or _TAG_ADVERBIAL.match(d.text, p, se)
    )


# after a tag's verb, an adverbial ("Roe told reporters during a call", "Roe wrote in an email")
_TAG_ADVERBIAL = re.compile(r"\s+(?:in|on|at|as|during|after|before|when|while|from|with|about|again)\b")


_SHORT_OBJECT_COLON = re.compile(r"(?:\s+[\w’'-]+){1,5}\s*:\s*")  # a short object, then a colon
# adverbials between a verb and its quotation: "said last week in Tel Aviv, “", "said of the mayor: “"
_ADVERBIAL_GAP = re.compile(
    r"(?:,?\s+(?:(?:last|this|next|on|late|early)\s+[\w-]+|(?:in|at|on|from|during|to|of|about|before|after)"
    r"\s+(?:(?:the|a|an|his|her|their)\s+)?[\w’'.-]+(?:\s+[A-Z][\w’'.-]*){0,3}(?:\s+and\s+[A-Z][\w’'.-]*){0,1}"
    r"(?:\s+of\s+\d{4})?|[a-z]+ly|again|later|earlier|then|back))+"
    r"\s*[,:]\s*"
)
_TO_VERB = re.compile(r"\bto\s*\Z")  # "went on to say, “", "was prompted to say, “"
_SUBORDINATE_COMMA = re.compile(r"\s+(?:as|when|while|after|before)\s+[^,;:\"“”]{1,80}?\s*,\s*")  # said as he left, “
_FINAL_BAD = re.compile(r"\s+(?:that\b|[a-z]+\s+(?:that|to)\b)")  # ," he said that ... : not a tag


def _pre_cue(d: _Doc, q: _Quote, ps: int, quotes: list[_Quote], qstarts: list[int], used: set[int]) -> _Cue | None:
    """An attribution ending right before a quotation in a comma or colon ("X said in a statement: “")."""
    t = d.text
    lo = max(ps, q.start - 240)
    if not re.search(r"[,:]\s*\Z", t[lo : q.start]):
        return None
    i = d.sent_of(q.start)
    first = _SAID_FIRST.match(t, d.s_start[i], q.start)
    if first and not _inside(first.start(), quotes, qstarts):  # "Said Jo Roe, who grew up there, “…”"
        used.add(first.start("verb"))
        return _Cue("pre", first.group("verb").lower(), anchor=first.start("np"), sent=i, np=first.span("np"))
    hits = [m for m in _CUE_RE.finditer(t, lo, q.start) if m.group("verb") and not _inside(m.start(), quotes, qstarts)]
    if not hits:
        return None
    m = hits[-1]
    verb = m.group("verb")
    p, obj, _ = _skip_object_and_adverbials(d, verb, m.end(), q.start)
    gap = t[p : q.start]
    if not re.fullmatch(r"\s*[,:]\s*", gap) and not (
        _SHORT_OBJECT_COLON.fullmatch(gap) or _SUBORDINATE_COMMA.fullmatch(gap) or _ADVERBIAL_GAP.fullmatch(gap)
    ):
        return None  # "explained it this way: “" and "tells the crowd: “" pass
    i = d.sent_of(m.start())
    np, how, _ = _speaker_before(d, d.s_start[i], m.start())
    if verb.endswith("ing") and how != "np":
        np = _tag_before(d, q, quotes, qstarts, i, m.start())
        how = "np" if np else how
    if how == "coord" or (verb.endswith("ing") and how != "np") or _TO_VERB.search(t, d.s_start[i], m.start()):
        np = _clause_subject(d, d.s_start[i], m.start())
    generic = None
    if np is None and how == "none":
        generic = _generic_subject(d, d.s_start[i], m.start())  # "Another child responded, “"
        np = generic[0] if generic else None
    if np is None:
        return None
    used.add(m.start())
    cue = _Cue("pre", verb.lower(), anchor=np[0], sent=i, np=np)
    if generic:
        cue.generic, cue.generic_head = True, generic[1]
    cue.relay_hint = _relay_outlet(d, obj)
    return cue


_LABEL = re.compile(rf"(?P<np>{NP}){_PARTY}?\s*:\s*\Z")
# a label after a round-up heading or a lead-in: "HEADING IN CAPITALS - Jo Roe: “", "More from Roe: “",
# "From the report: “", "Here's Roe in December 1992: “"
_LEAD_LABEL = re.compile(
    rf"(?:.*?\s[-–—]\s*)?(?:(?:(?:More\s+)?[Ff]rom|[Hh]ere['’]s|[Hh]ere\s+is)\s+)?(?P<np>{NP}){_PARTY}?"
    r"(?:\s+(?:in|on|at)\s+[^:\"“”]{1,40}?)?\s*:\s*\Z",
    re.S,
)


def _label_cue(d: _Doc, q: _Quote) -> _Cue | None:
    """A sentence that is only a speaker and a colon before the quotation, as in a transcript or a
    round-up (``Rep. Jane Roe (D-Ore.): “…”``)."""
    i = d.sent_of(q.start)
    ss = d.s_start[i]
    while ss < q.start and d.text[ss] in " \t\n":
        ss += 1
    if not d.text[ss : q.start].rstrip().endswith(":"):
        return None  # both label forms end in a colon
    m = _LABEL.fullmatch(d.text, ss, q.start)
    if m is None or m.start("np") != ss:
        m = _LEAD_LABEL.fullmatch(d.text, ss, q.start)
        if m is None or m.start("np") == ss:
            return None
    s, e = m.span("np")
    if " " not in d.text[s:e].strip() and not d.actors_in(s, e):
        return None  # "Note: “…”", "Update: “…”": one word the document names nowhere else
    return _Cue("pre", ":", anchor=ss, sent=i, np=m.span("np"))


_SAID_FIRST = re.compile(  # "Said Jo Roe, who grew up there, “…”"
    rf"[\s\"“‘(]*(?P<verb>Said|Says|Added|Adds)\s+(?P<np>(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?{NAME})(?=\s*,)"
)
# "the server, which he described as “…”", "what Mr. Roe called ''…''": a relative clause naming the quotation
_RELATIVE_NAMING = re.compile(
    rf"\b(?:which|what|that)\s+(?P<np>[Hh]e|[Ss]he|[Tt]hey|(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?{NAME})\s+"
    r"(?:has\s+|had\s+|have\s+|once\s+|later\s+)?(?P<verb>called|calls|described|describes|termed|terms|dubbed|dubs"
    r"|labell?ed|branded|deemed)\s+(?:as\s+)?(?:(?:a|an|the)\s+)?\Z"
)


def _relative_naming_cue(d: _Doc, q: _Quote) -> _Cue | None:
    """A quotation right after a relative clause that names it ("which he described as “…”")."""
    i = d.sent_of(q.start)
    m = _RELATIVE_NAMING.search(d.text, max(d.s_start[i], q.start - 120), q.start)
    if m is None or d.inside_quote(m.start()):
        return None
    return _Cue("pre", m.group("verb").lower(), anchor=m.start("np"), sent=i, np=m.span("np"))


def _tag_before(
    d: _Doc, q: _Quote, quotes: list[_Quote], qstarts: list[int], i: int, pos: int
) -> tuple[int, int] | None:
    """The speaker of a tag after an earlier quotation of the same sentence, when a participle
    follows that tag (``“…,” Roe said, adding: “…”``)."""
    k = bisect.bisect_left(qstarts, q.start)
    for prev in reversed(quotes[:k]):
        if d.sent_of(prev.start) != i and d.sent_of(prev.end - 1) != i:
            break
        c = prev.cue
        if c is not None and c.kind == "post" and c.np and prev.end <= c.np[0] < pos:
            return c.np
    return None


def _social_cues(d: _Doc) -> list[tuple[_Cue, tuple[int, int]]]:
    """Embedded social posts: the post text, attributed to the account in its byline."""
    out = []
    for ps, pe, _pid, kind in d.paras:
        if kind != "embedded_post":
            continue
        m = _SOCIAL_BYLINE.search(d.text, ps, pe)
        if not m:
            continue
        body_end = m.start()
        url = _URL_TAIL.search(d.text, ps, body_end)
        span = _trim_quote(d, ps, url.start() if url else body_end)
        if span is None:
            continue
        cue = _Cue("social", "posted", anchor=m.start("name"), sent=d.sent_of(ps), np=m.span("name"))
        cue.direct, cue.mode = True, "direct"
        out.append((cue, span))
    return out


def _trim_quote(d: _Doc, s: int, e: int) -> tuple[int, int] | None:
    while s < e and d.text[s].isspace():
        s += 1
    while e > s and d.text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None
