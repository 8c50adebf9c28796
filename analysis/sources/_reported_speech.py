"""Reported speech for the ``sources`` stage: speech verbs, "according to" and "reportedly".

:func:`_sentence_cues` finds every attribution cue of a sentence outside quotations, with its
speaker phrase and the clause it attributes; the helpers here (the speaker phrase before a
verb, the object and adverbials after it, where the content ends) also serve
:mod:`analysis.sources._quotations`. Rule 2 of :mod:`analysis.sources.stage` describes them.
"""

from __future__ import annotations

import re

from analysis.sources._doc import _Cue, _Doc, _inside, _Quote
from analysis.sources._grammar import (
    _ADVERBIAL,
    _AUX_WORD,
    _AUXADV,
    _CLAUSE_BEFORE,
    _CLAUSE_BREAK,
    _CLAUSE_START,
    _CLAUSE_VERBS,
    _CONNECTOR_END,
    _CONTRASTS,
    _CUE_RE,
    _CUT,
    _DASH,
    _DETERMINERS,
    _DIRECTIVE,
    _DOC_HEADS,
    _DOC_VEHICLE,
    _FINAL,
    _INV_RE,
    _INV_VERBS,
    _MEDIA_TYPES,
    _MEDIA_WORDS,
    _MODWORD,
    _NAME_FULL,
    _NOUN_LIKE_VERBS,
    _NP_END,
    _NP_START,
    _NP_VERBS,
    _OBJECT_PRONE,
    _OBJECT_VERBS,
    _ORG_WORDS,
    _PARTY,
    _PARTY_ANY,
    _PERSON_NAME,
    _PERSON_ROLE_WORDS,
    _PERSON_TYPES,
    _PP_THAT,
    _PREP_START,
    _QUANTIFIERS,
    _QUOTE_INTRO,
    _RELATIVE,
    _REPORTEDLY_END,
    _SCOPE_ONLY,
    _SKIP_BEFORE,
    _STOP,
    _TELL,
    _TELL_NP,
    _TELL_OBJ,
    _THAT,
    _THAT_DET,
    _TITLE_ADV,
    _TO_OBJ,
    _TRAIL_ADV,
    _VERB_ALT,
    GEN_DOC_HEADS,
    NAME,
    NP,
    _alt,
)

# small patterns read around a speech verb, by what they recognise (compiled once into _AT)
_AROUND_VERB = {
    "passive": r"(?i)\b(?:was|were|is|are|be|been|being|get|gets|got)\s+(?:\w+ly\s+)?\Z",  # "Roe was asked"
    "negated": r"(?i)(?:\bnot|\bnever|n[’']t)\s+\Z",  # "did not mention"
    "questions about": r"\s+(?:\w+\s+){0,2}?questions?\s+(?:about|on|over|regarding)\b",  # a topic, not words
    "about": r"\s+about\s+(?=\S)",  # "asked about the merger"
    "that next": r"\s+that\b",
    "as before": r"(?m)(?:\A|[.;,]\s+|^)[Aa]s\s+\Z",  # "As the Post reported, ..."
    "who before": r",\s+who\s*\Z",  # "Jane Roe, who said ..."
    "verb next": r"\s+[a-z]",
    "name of place": rf"(?:\A|[,;:]\s+)({NAME}\s+of\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?)\s*\Z",  # "Roe of Ames"
}
_AT = {name: re.compile(rx) for name, rx in _AROUND_VERB.items()}
_INV_VERBS_RE = re.compile(_INV_VERBS)
_COMMA_END = re.compile(r",\s*\Z")
_COORD_END = re.compile(r"(?:,|\s)(?:and|but|or)\Z")
_SEGMENT = re.compile(r"[^,]+")
_POSS_END = re.compile(r"['’]s?\s*\Z")
# a person's name after descriptor words, as a subject: "Democratic presidential candidate Sen. Jane Roe
# (D-Ore.) on Saturday criticized ...", "Democratic front-runner Jane Roe, also campaigning ..., said"
_WORDS_THEN_NAME = re.compile(rf"(?:(?!(?i:{_alt(_STOP)})\b)[\w][\w’'.&-]*[^\S\n]+){{1,5}}?(?P<name>{NAME}){_PARTY}?")
_PERSON_ROLE = re.compile(rf"(?i:\b(?:{_alt(_PERSON_ROLE_WORDS)})\b)")
_PERSON_NAME_SHAPE = r"[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+){1,2}"
_ASIDE_END = re.compile(
    r"(?<=\w),\s+(?:however|for\s+instance|for\s+example|too|meanwhile|in\s+turn|though|of\s+course|in\s+fact|"
    r"in\s+particular|likewise|similarly|instead|for\s+(?:his|her|their|its)\s+part),\s*\Z"
)
_LAST_SEGMENT = re.compile(
    r",\s+(?P<np>(?:(?!(?:is|are|was|were|has|have|had|will|would|can|could|and|but|which|who|that|it|he|she|they|"
    r"we|i|you|this|there)\b)[\w’'.&-]+\s+){0,6}(?!(?:it|he|she|they|we|i|you|this|there|him|her|them)\b)[\w’'.&-]*[\w.])"
    r"\s*\Z"
)
# a tag's phrase: a determiner or a capitalised word first, a noun last ("the news site RTL Info")
_SEGMENT_NP = re.compile(
    r"(?:[Tt]he|[Aa]n?|[A-Z][\w’'.&-]*)(?:\s+[\w’'.&-]+)*?"
    r"(?<!\bto)(?<!\bfor)(?<!\bof)(?<!\bno)(?<!\bnot)(?<!\balso)(?<!\bthe)(?<!\ba)"
)
# what may follow a sentence-final tag's verb: a day or a short phrase, then the sentence's end
_TAG_TAIL = re.compile(
    r"(?:\s+(?:on|in|at|last|this|earlier|late|early)\s+[\w’'.]+(?:\s+[\w’'.]+){0,2})?"
    r"(?P<gloss>\s*(?:,|--|—|–)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|hours?|days?|weeks?)\b"
    r"[^,;:\"“”]{0,80}?)?\s*[.!?…]*[\"”’)]*\s*\Z"
)
_ING_AND = re.compile(r",\s+[a-z]+ing\b[^,;:]*\band\s*\Z")  # ", painting X as weak and suggesting"
_LEAD_SEGMENT = re.compile(r"(?:[,;:]|\s[—–-])\s+")  # clause boundaries before a mid-sentence tag
_LEAD_CONJ = re.compile(r"(?:(?:[Aa]nd|[Bb]ut|[Yy]et|[Ss]o)\b[\s,]*)?")
LEFT_WINDOW = 160  # characters searched before a verb for its speaker
NP_MAX_CHARS = 140
MIN_CONTENT_WORDS = 2
# A pronoun object and an adverb or a stop after the verb: "said it again", "said this in a statement"
_PRONOUN_OBJECT = re.compile(
    r"(?:it|this)(?=\s*[,.;:!?]|\s+(?:again|aloud|loud|loudly|best|better|first|well|too|often|before|publicly"
    r"|privately|repeatedly|twice|once|bluntly|plainly|clearly|himself|herself|themselves|in\s+(?:a|an|his|her"
    r"|their)\s))"
)


# --- finding attribution cues -------------------------------------------------------------------
def _np_at_end(left: str) -> re.Match | None:
    """The longest speaker noun phrase ending ``left`` (earliest start over the alternatives)."""
    best = _NP_END.search(left)
    if best is not None and _POSS_END.search(best.group()):
        return None
    return best


_PAREN_ASIDE = re.compile(r"\s*\((?:who|which|whose|a|an|the|now|then|formerly|also|once)\s[^()]{1,100}\)\Z")


def _speaker_before(d: _Doc, sent_start: int, pos: int) -> tuple[tuple[int, int] | None, str, bool]:
    """The speaker phrase right before a verb: (span, how, reportedly).

    ``how`` is "np" (a phrase found), "relative" (the phrase before ", who"), "coord" (the verb
    is coordinated: "... and said"), "comma" (a comma with no phrase before it: a participle or
    an appositive), or "none".
    """
    lo = max(sent_start, pos - LEFT_WINDOW)
    left = d.text[lo:pos]
    m = _TRAIL_ADV.search(left)
    reportedly = bool(m and "reportedly" in m.group())
    if m:
        left = left[: m.start()]
    aside = _ASIDE_END.search(left) if left.rstrip().endswith(",") else None
    if aside:  # "Cement makers, for instance, argue": the aside is not the speaker
        left = left[: aside.start()]
    left = left.rstrip()
    party = _PARTY_LABEL.search(left)
    if party and party.start() > 0 and not left[: party.start()].endswith(","):
        left = left[: party.start()]  # "Sen. Jane Roe (D-Ore.) said": the label is not the speaker
    aside_paren = _PAREN_ASIDE.search(left)
    if aside_paren and aside_paren.start() > 0:
        left = left[: aside_paren.start()]  # "Roe (who has 25 delegates) said": the aside is not the speaker
    who = _AT["who before"].search(left)
    if who:  # "Jane Roe, who said ...": the phrase before the relative pronoun
        np = _np_at_end(_PARTY_LABEL.sub("", left[: who.start()]).rstrip())
        return ((lo + np.start(), lo + np.end()), "relative", reportedly) if np else (None, "none", reportedly)
    if _COORD_END.search(left) or left.endswith(" and"):
        return None, "coord", reportedly
    if left.endswith(","):
        inner = _PARTY_LABEL.sub("", left[:-1].rstrip())  # "Gov. Jane Roe (R-Ohio), said, “"
        segs = list(_SEGMENT.finditer(inner))
        if len(segs) >= 2 and re.match(r"\s*(?:which|who|whose|whom|where)\b", segs[-1].group()):
            inner = inner[: segs[-1].start()].rstrip().rstrip(",")  # "Umbro, which lost ..., said": drop the clause
            inner = _PARTY_LABEL.sub("", inner)  # "Sen. Jo Roe (D-Mo.), who ..., said": and the label before it
            segs = list(_SEGMENT.finditer(inner))
        person_appos = len(segs) >= 2 and bool(_PERSON_ROLE.search(segs[-1].group()))
        for seg in segs[-2:-6:-1] if len(segs) >= 2 else []:  # "Jane Roe, 29, of Ames, Iowa, said"
            mm = _NAME_FULL.fullmatch(_PARTY_ANY.sub("", seg.group()).strip())  # "Rep. Jo Roe (D-Md.)"
            if mm and (person_appos or _looks_person(d, lo + seg.start(), lo + seg.end(), mm.group(1))):
                start = lo + seg.start() + seg.group().index(mm.group(1))
                return (start, lo + len(inner)), "np", reportedly
            piece = seg.group().strip()
            dn = _WORDS_THEN_NAME.fullmatch(piece) if seg.start() == 0 or inner[: seg.start()].endswith(",") else None
            at = lo + seg.start() + seg.group().index(piece) if dn else 0
            if dn and _looks_person(d, at + dn.start("name"), at + dn.end("name"), dn.group("name")):
                return (at, lo + len(inner)), "np", reportedly  # "Democratic front-runner Jane Roe, also ..., said"
        np = _np_at_end(inner)
        if np is None or _OBJECT_BEFORE.search(inner, 0, np.start()):
            return None, "comma", reportedly  # "she cut into Roe, calling him ...": Roe is an object
        s = np.start()
        head = inner[:s].rstrip()
        if head.endswith(","):
            np2 = _np_at_end(head[:-1].rstrip())
            if np2 is not None and (np2.start() == 0 or re.search(r"[,:;]\s*\Z", head[: np2.start()])):
                s = np2.start()
        return (lo + s, lo + np.end()), "np", reportedly
    np = _np_at_end(left)
    if np is None:
        return None, "none", reportedly
    s = np.start()
    head = left[:s].rstrip()
    if head.endswith(",") and not re.search(r"\b[a-z]", np.group()):
        np2 = _AT["name of place"].search(head[:-1])  # "Jane Roe of Ames, Iowa says": the person, not the state
        if np2 is not None:
            s = np2.start(1)
    return (lo + s, lo + np.end()), "np", reportedly


def _looks_person(d: _Doc, s: int, e: int, name: str) -> bool:
    """A known person in text[s:e], or a name shaped like given name + surname (no org words)."""
    if any(a[3] in _PERSON_TYPES for a in d.actors_in(s, e)):
        return True
    if " " not in name and name in d.full_names():
        return True  # a surname alone ("Roe, ... , said") of a person the article names in full
    return bool(_PERSON_NAME.search(name)) and not any(
        w.lower().strip(".,") in _ORG_WORDS | _MEDIA_WORDS for w in name.split()
    )


_OBJECT_BEFORE = re.compile(r"\b(?:into|at|against|on|with|about|toward|towards|to)\s+\Z")
_PRONOUN_SUBJECT = re.compile(
    r"(?:(?:Then|But|And|So|Later|Still|Yet|Instead|Now|Earlier)\s+)?(?P<p>[Hh]e|[Ss]he)\s+(?:also\s+|then\s+)?[a-z]+\b"
)


def _clause_subject(d: _Doc, sent_start: int, pos: int) -> tuple[int, int] | None:
    """The subject of the sentence a coordinated verb or participle belongs to: the first phrase
    followed by a verb ("Speaking in Salem, Ohio, Roe went on, calling ..." -> Roe), else the
    first phrase at a clause start; phrases inside quotations are skipped."""
    first = None
    for m in re.finditer(r"\A|,\s+|:\s+", d.text[sent_start:pos]):
        pro = _PRONOUN_SUBJECT.match(d.text, sent_start + m.end(), pos)
        if pro and not d.inside_quote(pro.start("p")):
            return pro.span("p")  # "Then he cut into Roe, calling her ...": he
        dn = _WORDS_THEN_NAME.match(d.text, sent_start + m.end(), pos)
        if (
            dn
            and not d.inside_quote(dn.start())
            and re.match(rf"(?:\s+{_AUXADV})*\s+[a-z]", d.text[dn.end() : pos])
            and _looks_person(d, dn.start("name"), dn.end("name"), dn.group("name"))
        ):
            return dn.start(), dn.end("name")
        mm = _NP_START.match(d.text, sent_start + m.end(), pos)
        if mm and not d.inside_quote(mm.start(1)):
            if _AT["verb next"].match(d.text, mm.end(1)):
                return mm.span(1)
            first = first or mm.span(1)
    return first


def _main_subject(d: _Doc, ss: int, vs: int) -> tuple[int, int] | None:
    """The speaker of a participle after a comma (", adding that ...", ", calling it ..."): the
    speaker of the last speech verb before it in the sentence (also an inverted ", said Roe,"),
    else the subject of the clause."""
    t = d.text
    prev = [m for m in _CUE_RE.finditer(t, ss, vs) if m.group("verb") and not d.inside_quote(m.start())]
    if prev:
        m = prev[-1]
        for inv in (_INV_RE.match(t, m.end(), vs), _INV_TAIL_RE.match(t, m.end(), vs)):
            if inv and re.fullmatch(rf"{_AFTER_TAG}\s*,\s*", t[inv.end() : vs]):
                return inv.span("np")  # ", said Roe, adding", ", said Rep. Roe (D-Va.) at the time, adding"
        np, how, _ = _speaker_before(d, ss, m.start())
        if how == "np":
            return np
    return _clause_subject(d, ss, vs)


def _skip_object_and_adverbials(d: _Doc, verb: str, p: int, end: int) -> tuple[int, str | None, bool]:
    """Position after a verb's object, adverbials ("on Thursday", "in a statement") and "that"."""
    if d.text.startswith(" that", p) and _THAT_DET.match(d.text, p, end):
        return p, None, False
    obj = None
    if verb in _TELL:
        m = _TELL_OBJ.match(d.text, p, end) or _TELL_NP.match(d.text, p, end)
        if m:
            obj, p = m.group("obj"), m.end()
    while True:
        m = _ADVERBIAL.match(d.text, p, end) or _TITLE_ADV.match(d.text, p, end)
        if m is None and obj is None:
            m = _TO_OBJ.match(d.text, p, end)
            if m:
                obj = m.group("obj")
        if m is None:
            break
        p = m.end()
    that = _THAT.match(d.text, p, end) or _PP_THAT.match(d.text, p, end)
    return (that.end() if that else p), obj, bool(that)


def _trim(d: _Doc, s: int, e: int) -> tuple[int, int] | None:
    """Strip spaces, a leading "that" and trailing punctuation (kept when inside a quotation)."""
    t = d.text
    while s < e and (t[s].isspace() or t[s] in ",;:"):
        s += 1
    while e > s and (t[e - 1].isspace() or t[e - 1] in ",;:"):
        e -= 1
    if e > s and t[e - 1] in ".!?" and not re.search(r"\b[A-Z]\.[A-Z]\.\Z", t[max(s, e - 6) : e]):
        e -= 1
    return (s, e) if e - s >= 3 else None


# the writer's gloss at the end of a reported clause: a non-restrictive relative or an appositive
# running to the sentence end (", which is spread by mosquitoes.", ", a swipe at Roe.")
_GLOSS_END = re.compile(r",\s+(?:which\b|(?:a|an)\s)[^,;:\"“”]*[.!?…]?\s*\Z")
MIN_GLOSSED_WORDS = 4


def _cut_right(d: _Doc, s: int, e: int) -> int:
    """Where reported content starting at ``s`` ends: a clause boundary or a lone dash gloss."""
    m = _CUT.search(d.text, s, e)
    if m:
        e = m.start()
    dashes = list(_DASH.finditer(d.text, s, e))
    if len(dashes) == 1:
        e = dashes[0].start()
    gloss = _GLOSS_END.search(d.text, s, e)
    if gloss and not d.inside_quote(gloss.start()) and len(d.text[s : gloss.start()].split()) >= MIN_GLOSSED_WORDS:
        e = gloss.start()  # "... fears of the virus, which is spread by mosquitoes": the writer's gloss
    return e


def _relative_end(d: _Doc, s: int, e: int) -> int:
    """Where a relative clause's content ends ("Roe, who said P, voted no"): the first comma."""
    comma = d.text.find(", ", s, e)
    return _cut_right(d, s, comma if comma >= 0 else e)


def _relay_outlet(d: _Doc, obj: str | None) -> str | None:
    """A media outlet other than the publisher that a source "told" (it relays the words)."""
    if not obj:
        return None
    canon = d.lookup(obj)
    actor = d.actor(canon) if canon else None
    if actor is None or actor.type not in _MEDIA_TYPES:
        return None
    own = d.lookup(d.outlet) or d.outlet
    return None if canon == own else canon


_SAY_TELL = frozenset("say says said tell tells told".split())
_QUANT_OF = rf"(?i:(?:{_alt(_QUANTIFIERS)})\s+of\s+(?:the|them|these|those)\s*)"  # "most of the", "two of them"
_DET_WORD = rf"(?i:{_alt(_DETERMINERS)})"
_DETERMINERS_SET = frozenset([*_DETERMINERS, "another", "each", "every"])
_GENERIC_SUBJ = re.compile(
    rf"(?:\A|[,;:—–]\s+|\b(?:and|but|while|because|that|when|after|before|since|although|though|where|once|if)\s+)"
    rf"(?P<np>{_QUANT_OF}?(?:{_DET_WORD}\s+)?"
    rf"(?:{_MODWORD}\s+){{0,3}}?(?!(?i:{_alt(_STOP)})\b)[a-z][\w’'-]*[a-z])(?:\s+{_AUXADV})*\s*\Z"
)
# a share of people polled as the subject: "About 4 in 10 say", "31 percent of those surveyed said",
# "Just shy of half, 49%, say", "those polled say", "majorities in all five states say", "Some said"
_NUMWORDS = (
    "one two three four five six seven eight nine ten eleven twelve "
    "twenty thirty forty fifty sixty seventy eighty ninety"
)
_NUMBER = rf"(?:\d[\d.,]*|(?i:{_alt(_NUMWORDS.split())})(?:-(?i:{_alt(_NUMWORDS.split()[:9])}))?)"
_SHARE_SUBJ = re.compile(
    r"(?:\A|[,;:—–]\s+|\b(?i:and|but|while|because|that|yet)\s+)(?P<np>"
    r"(?:(?i:about|nearly|almost|roughly|only|just|barely|over|under|around|some|more\s+than|fewer\s+than|less\s+than|"
    r"just\s+(?:over|under|shy\s+of))\s+)?"
    rf"(?:{_NUMBER}\s+(?:in|out\s+of)\s+{_NUMBER}|{_NUMBER}\s*(?:%|percent|per\s+cent)|(?i:half|a\s+third|a\s+quarter|"
    r"two-thirds|three-quarters|(?:large\s+|small\s+|big\s+)?majorit(?:y|ies)|a\s+plurality|pluralities))"
    r"(?:,\s*\d[\d.]*\s*(?:%|percent),)?"
    r"(?:\s+(?:of|in|among)\s+(?:the\s+|those\s+|all\s+|each\s+)?(?:[\w’'-]+\s+){0,4}?[\w’'-]+)?"
    r"|(?i:those|people|voters|respondents|adults|americans)\s+(?:surveyed|polled|questioned|interviewed|asked)"
    r"|(?:Some|Many|Most|Others|Few))"
    rf"(?:\s+{_AUXADV})*\s*\Z"
)
_NOT_HEAD = re.compile(rf"(?:ing|ly|ed)\Z|\A{_DET_WORD}\Z")
# a group or person described at more length, as the subject of say or tell: "The self-described
# democratic socialist said", "Proponents of the new bill, however, say", "Friends of Roe who have
# seen him recently say", "Many in the crowd said", "All but two said", "veteran Republicans said"
_GROUP_MOD = rf"(?!(?i:{_alt(_STOP)})\b)[\w][\w’'.&-]*"
_GROUP_HEAD = (
    rf"(?!(?i:{_alt(_STOP)})\b)(?:[a-z][\w’'-]*[a-z]|[A-Z][a-z]+s\b)"
    r"|(?:[Mm]any|[Mm]ost|[Ss]ome|[Aa]ll|[Ff]ew|[Ss]everal|[Oo]thers|[Dd]ozens|[Hh]undreds|[Tt]housands|[Bb]oth)(?=\s+(?:of|in|at|from|among|but)\s)"
)
_APPOS_END = re.compile(r",\s+(?:a|an|the|[\w’'.-]+['’]s)\s+[^,;:\"“”]{1,80}?[.!?…]?\s*")  # ", a former aide."
_TO_BEFORE = re.compile(r"\bto\s*\Z")
_GROUP_QUANTS = frozenset("many most some all few several others dozens hundreds thousands both".split())
_GROUP_POSTWORD = (
    r"(?!(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|may|might|must|should|to|do|does|did"
    r"|not|who|whom|which|that|said|says|say|told|tells)\b)[\w’'.&-]+"
)
_GROUP_SUBJ = re.compile(
    rf"(?:\A|[,;:—–]\s+|\b(?:and|but|while|because|that)\s+)(?P<np>(?P<det>{_QUANT_OF}?(?:{_DET_WORD}\s+))?"
    rf"(?:{_GROUP_MOD}\s+){{0,3}}?(?P<head>{_GROUP_HEAD})"
    rf"(?:\s+(?:of|in|at|from|for|with|on|among|inside|within|outside|but|close\s+to)\s+(?:{_GROUP_POSTWORD}\s+){{0,5}}?"
    rf"{_GROUP_POSTWORD}(?<=[\w.]))?"
    r"(?:\s+who\s+[^,;:\"“”]{1,100}?)?)"
    r"(?:,\s+(?:however|too|meanwhile|though|in\s+turn|for\s+(?:his|her|their|its)\s+part),)?"
    rf"(?:\s+{_AUXADV})*\s*\Z"
)
_QUOTED_AS = re.compile(rf"\bquoted\s+(?P<np>{NP})\s+as\s+\Z")
_PARTY_LABEL = re.compile(r"\s*\([A-Z][\w.]*(?:-[A-Z][\w.]*)?\)\s*\Z")
_SUBORDINATE = re.compile(r"\s*,?\s+(?:as|when|while|after|before|upon|because)\s")
_GROUP_TAG = re.compile(r"(?:officials|authorities|police|sources|investigators|prosecutors|aides|analysts|experts)\Z")


def _generic_subject(d: _Doc, ss: int, vs: int) -> tuple[tuple[int, int], str] | None:
    """A plain or described noun phrase ending right before a verb ("another child", "many in the
    crowd"): its span and head noun, or None."""
    lead = d.text[ss:vs]
    g = _GENERIC_SUBJ.search(lead)
    if g and not _NOT_HEAD.search(g.group("np")) and (g.group("np").split() or [""])[0].lower() in _DETERMINERS_SET:
        return (ss + g.start("np"), ss + g.end("np")), ""
    g = _GROUP_SUBJ.search(lead)
    if (
        g
        and (g.group("det") or g.group("head").lower() in _GROUP_QUANTS or g.group("head").endswith("s"))
        and (g.group("head").lower() in _GROUP_QUANTS or not _NOT_HEAD.search(g.group("head")))
        and g.group("np") != g.group("head")
    ):
        return (ss + g.start("np"), ss + g.end("np")), g.group("head")
    return None


def _bare_group_tag(d: _Doc, lead: str, np: tuple[int, int]) -> bool:
    """A sentence-final "... officials said." with no comma before the group noun: the clause
    before it is the content when it has a verb of its own."""
    return bool(_GROUP_TAG.match(d.text, np[0], np[1]) and len(lead.split()) >= 4 and _AUX_WORD.search(lead))


# between an inverted tag's speaker and ", adding": a party label, a time ("said Jo Roe (D-Va.) at the time,")
_AFTER_TAG = (
    r"(?:\s*\([A-Z][^()]{0,14}\))?"
    r"(?:\s+(?:at|on|in|during|last|this|earlier|later|yesterday|today)\b[^,;:“”\"]{0,40})?"
)
# what may follow a sentence-final tag before the full stop: "after the vote", "at a rally in Iowa",
# "while visiting the plant"
_FINAL_ADVERBIAL = re.compile(
    r"\s+(?:after|before|at|in|on|during|while|when|outside|from|following|ahead\s+of|near)\b"
    r"[^,;:\"“”]{1,70}?[.!?…]+[\"”’')\]]*\s*\Z"
)
_INV_TAIL_RE = re.compile(rf"\s+(?P<np>(?:(?:Rep|Sen|Gov|Gen|Mr|Mrs|Ms|Dr)\.\s+)?{NAME})(?={_AFTER_TAG}\s*,)")
_ABBREVIATION = re.compile(r"Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Adm|St|Prof|Rev")


def _verb_cue(d: _Doc, i: int, vs: int, ve: int, verb: str) -> _Cue | None:
    """Parse a speech verb in sentence ``i`` into a cue (speaker phrase, content), or None."""
    t, ss, se = d.text, d.s_start[i], d.s_end[i]
    cue = _Cue("verb", verb, anchor=vs, sent=i)
    qa = _QUOTED_AS.search(t[max(ss, vs - LEFT_WINDOW) : vs]) if verb == "saying" else None
    if qa:  # "The paper quoted Ms. Roe as saying (that) P": P is Ms. Roe's
        lo = max(ss, vs - LEFT_WINDOW)
        cue.np, cue.anchor, cue.verb = (lo + qa.start("np"), lo + qa.end("np")), lo + qa.start("np"), "quoted as saying"
        p, _, _ = _skip_object_and_adverbials(d, verb, ve, se)
        if _QUOTE_INTRO.match(t, p, se):
            return None  # the quotation that follows is attributed by the quotation rules
        cue.content = _trim(d, p, _cut_right(d, p, se))
        return cue if cue.content else None
    inv = _INV_RE.match(t, ve, se) if _INV_VERBS_RE.fullmatch(verb) and _COMMA_END.search(t, ss, vs) else None
    if inv and _ABBREVIATION.fullmatch(inv.group("np")) and t.startswith(".", inv.end()):
        inv = None  # "Jo Roe, a pollster, said Mr. Doe had failed": the dot of "Mr." ends no inverted tag
    if inv:  # ", said Mr Smith." / "The tone, said Mr Smith, would be ..."
        np_of = "iname" if inv.group("iname") else "np"  # "said lobbyist and strategist Jo Roe": Jo Roe
        cue.np, cue.anchor = inv.span(np_of), inv.start(np_of)
        after = t[inv.end() : se]
        lead = t[ss:vs].rstrip().rstrip(",")
        if (
            re.fullmatch(r"\s*[.!?…]*[\"”’]?\s*", after)
            or _APPOS_END.fullmatch(after)
            or re.match(rf"{_AFTER_TAG}\s*,\s+(?:{_alt(_CONTRASTS + ['and'])}|[a-z]+ing)\b", after)
        ):
            cue.mode, cue.content = "left", _trim(d, ss, ss + len(lead))
        elif len(lead.split()) <= 3:
            cue.content = _trim(d, inv.end(), _cut_right(d, inv.end(), se))
        else:
            cue.content = _trim(d, ss, se)
        return cue if cue.content and verb in _CLAUSE_VERBS else None
    np, how, reportedly = _speaker_before(d, ss, vs)
    generic_ok = verb in _SAY_TELL or (not verb.endswith("ing") and _AT["that next"].match(t, ve, se))
    lead_np = t[ss:vs]
    aside = _ASIDE_END.search(lead_np.rstrip()) if lead_np.rstrip().endswith(",") else None
    lead_np = lead_np[: aside.start()] if aside else lead_np  # "Cement makers, for instance, argue"
    share = _SHARE_SUBJ.search(lead_np) if np is None and how in ("none", "comma") and generic_ok else None
    if share:
        end = ss + share.start("np") + len(share.group("np").rstrip(", "))
        np, how, cue.generic = (ss + share.start("np"), end), "np", True
    if np is None and how == "none" and generic_ok:
        g = _GENERIC_SUBJ.search(lead_np)
        if g and not _NOT_HEAD.search(g.group("np")):  # "Most of the candidates said", "one longtime friend said"
            np, how, cue.generic = (ss + g.start("np"), ss + g.end("np")), "np", True
    if (
        verb in _SAY_TELL
        and how in ("none", "comma", "np")
        and not cue.generic
        and not _TO_BEFORE.search(t, max(ss, vs - 8), vs)
    ):
        g = _GROUP_SUBJ.search(lead_np) if np is None else _GROUP_SUBJ.match(lead_np)
        if (
            g
            and (g.group("det") or g.group("head").lower() in _GROUP_QUANTS or g.group("head").endswith("s"))
            and (g.group("head").lower() in _GROUP_QUANTS or not _NOT_HEAD.search(g.group("head")))
            and g.group("np") != g.group("head")
            and (np is None or (ss + g.start("np") < np[0] and not t[ss : ss + g.start("np")].strip()))
            and not (np is not None and _looks_person(d, np[0], np[1], t[np[0] : np[1]]))
        ):
            np, how, cue.generic = (ss + g.start("np"), ss + g.end("np")), "np", True
            cue.generic_head = g.group("head")
    if verb.endswith("ing"):
        if _DOC_VEHICLE.search(t[max(ss, vs - 60) : vs]):
            cue.vehicle, np = True, _clause_subject(d, ss, vs)
        elif how == "comma" or _COMMA_END.search(t, ss, vs) or (how == "coord" and _ING_AND.search(t, ss, vs)):
            np = _main_subject(d, ss, vs)
        elif how != "np":
            return None
    elif how == "coord":
        np = _clause_subject(d, ss, vs)
    tail_tag = False
    if verb in _CLAUSE_VERBS and not verb.endswith("ing") and (np is None or how == "np"):
        # "P, the news site RTL Info reported." / "P, disclosures filed on Sunday revealed.": the phrase
        # after the last comma is the speaker of a sentence-final tag
        tail = _TAG_TAIL.match(t, ve, se)  # cheap, and most verbs do not end their sentence
        comma = t.rfind(", ", ss, vs) if tail else -1
        seg = _LAST_SEGMENT.fullmatch(t, comma, vs) if comma >= 0 else None
        if seg and not _SEGMENT_NP.fullmatch(seg.group("np")):
            seg = None  # "…, declined to comment": not a noun phrase
        if seg and (np is None or seg.start("np") < np[0] or (seg.start("np") == np[0] and tail.group("gloss"))):
            np, how, tail_tag = seg.span("np"), "np", True
            if not re.search(r"[A-Z]", seg.group("np")):  # "new disclosures revealed": a plain noun phrase
                head = seg.group("np").split()[-1].lower()
                cue.generic, cue.doc_head = True, head in GEN_DOC_HEADS or head in _DOC_HEADS
    if np is None:
        return None
    if _SKIP_BEFORE.search(t[ss : np[0]]):
        return None
    if verb in _NOUN_LIKE_VERBS and (
        not _CLAUSE_BEFORE.search(t[max(ss, np[0] - 30) : np[0]]) or re.fullmatch(r"[A-Z][a-z]+ing", t[np[0] : np[1]])
    ):
        return None  # "Tory claims they ...", "Addressing claims that ...": nouns, not verbs
    cue.np = np
    cue.anchor = np[0] if how in ("np", "relative") else vs
    cue.relay_hint = "reports" if reportedly else None
    p, obj, that = _skip_object_and_adverbials(d, verb, ve, se)
    cue.relay_hint = _relay_outlet(d, obj) or cue.relay_hint
    if tail_tag:  # the clause before the tag's comma is the content
        lead = t[ss : np[0]].rstrip().removesuffix(",")
        cue.mode, cue.content = "left", _trim(d, ss, ss + len(lead))
        ok = cue.content and len(t[cue.content[0] : cue.content[1]].split()) >= MIN_CONTENT_WORDS
        return cue if ok else None
    objective = verb in _OBJECT_VERBS and not that
    if not verb.endswith("ing") and _AT["passive"].search(t[ss:vs]):
        return None  # "Roe was asked about ...", "Roe was told that ...": Roe is not the speaker
    if objective and _AT["negated"].search(t[max(ss, vs - 12) : vs]):
        return None  # "did not mention Roe by name": nothing said
    if objective and verb.startswith("ask"):
        if _AT["questions about"].match(t, p, se):
            return None  # "asked questions about the raid": a topic, not the words asked
        about = _AT["about"].match(t, p, se)
        p = about.end() if about else p  # "asked about the merger": the merger
    lead = t[ss : np[0]].rstrip() if np is not None else ""
    if how == "np" and lead.endswith(",") and _FINAL_ADVERBIAL.match(t, p, se):
        # "P, Roe said after the vote.", "P, Roe told reporters at a rally in Iowa.": P, the clause before
        cue.mode, cue.content = "left", _trim(d, ss, ss + len(lead) - 1)
        ok = cue.content and len(t[cue.content[0] : cue.content[1]].split()) >= MIN_CONTENT_WORDS
        return cue if ok and verb not in _SCOPE_ONLY else None
    if _PREP_START.match(t, p + 1 if t[p : p + 1].isspace() else p, se) and not that:
        return None  # "is warning about X", "wrote back to him": not a reported clause
    if not that and _SUBORDINATE.match(t, p, se):
        return None  # "said as he entered the talks": an adverbial clause, not what was said
    as_clause = _AT["as before"].search(t, max(ss, np[0] - 6), np[0]) and re.match(r"\s*,\s", t[p : p + 3])
    if as_clause:  # "As the Post reported, P": P is what was reported
        cue.content = _trim(d, p, _cut_right(d, p, se))
        return cue if cue.content and how == "np" else None
    if _FINAL.match(t, p, se):
        lead = t[ss : np[0]].rstrip()
        if how != "np" or not (lead.endswith(",") or _bare_group_tag(d, lead, np)):
            return None
        cut = 1 if lead.endswith(",") else 0
        cue.mode, cue.content = "left", _trim(d, ss, len(lead) + ss - cut)
    elif _QUOTE_INTRO.match(t, p, se):
        return None
    elif how == "np" and re.match(r"\s*,\s", t[p : p + 3]) and t[ss : np[0]].rstrip().endswith(","):
        # "the two nations, Roe said, now have ...": the clause around the tag, from the phrase before it
        lead = t[ss : np[0]].rstrip()[:-1]
        cuts = list(_LEAD_SEGMENT.finditer(lead))
        start = ss + (cuts[-1].end() if cuts else 0)
        start += len(_LEAD_CONJ.match(t, start).group())
        cue.content = _trim(d, start if start < np[0] - 1 else p, _cut_right(d, p, se))
    elif obj and _DIRECTIVE.match(t, p, se):
        cue.mode, cue.content = "directive", _trim(d, p, _cut_right(d, p + 1, se))
    else:
        cue.content = _trim(d, p, _relative_end(d, p, se) if how == "relative" else _cut_right(d, p, se))
    if cue.content and len(t[cue.content[0] : cue.content[1]].split()) < MIN_CONTENT_WORDS:
        return None
    if cue.mode == "right" and cue.content and _PRONOUN_OBJECT.match(t, cue.content[0], cue.content[1]):
        return None  # "Roe said it again, and ...": the object is a pronoun, nothing is reported
    if verb in _SCOPE_ONLY:
        cue.mode, cue.emit = "scope", False
    elif verb in _NP_VERBS and not that:
        cue.emit = bool(cue.content and re.search(r"[\"“]", t[cue.content[0] : cue.content[1]]))
    elif objective:
        pass  # the object is the content
    elif (
        (verb in _OBJECT_PRONE or (verb.endswith("ing") and verb != "saying"))
        and not that
        and cue.mode == "right"
        and cue.content
        and not re.search(r"[\"“]", t[cue.content[0] : cue.content[1]])
        and not _CLAUSE_START.match(t, cue.content[0], cue.content[1])
    ):
        return None
    elif verb not in _CLAUSE_VERBS and verb not in _NP_VERBS and verb not in _OBJECT_VERBS:
        return None
    return cue if cue.content else None


def _according_cue(d: _Doc, i: int, cs: int, ce: int) -> _Cue | None:
    """Parse "according to X" (before or after its clause) in sentence ``i``."""
    t, ss, se = d.text, d.s_start[i], d.s_end[i]
    p = ce
    while p < se and t[p].isspace():
        p += 1
    comma = t.find(",", p, se)
    dash = _DASH.search(t, p, se)
    np_end = comma if comma >= 0 else se
    if dash and dash.start() < np_end:
        np_end = dash.start()
    raw = t[p:np_end]
    raw = re.sub(r"\s*\([^)]*\)?[\s.!?\"”’]*\Z|[\s.!?\"”’)]+\Z", "", raw)
    rel = _RELATIVE.search(raw)
    np = (p, p + (rel.start() if rel else len(raw)))
    if np[1] - np[0] < 2 or np[1] - np[0] > NP_MAX_CHARS:
        return None
    cue = _Cue("according", "according to", anchor=cs, sent=i, np=np)
    before = t[ss:cs]
    if not before.strip() or re.search(r"(?:[:;]|\b(?:[Bb]ut|[Aa]nd))\s*\Z", before):
        if comma < 0:
            return None
        cue.content = _trim(d, comma + 1, _cut_right(d, comma + 1, se))
    else:
        cue.mode, cue.content = "left", _trim(d, ss, cs)
    return cue if cue.content else None


def _reportedly_cue(d: _Doc, i: int, cs: int, ce: int) -> _Cue | None:
    """The hedge "reportedly" on a clause that is not itself a speech verb's."""
    t, ss, se = d.text, d.s_start[i], d.s_end[i]
    if re.match(rf"\s+(?:\w+\s+)?(?:{_VERB_ALT})\b", t[ce:se]):
        return None
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(t, ss, cs)]
    s = starts[-1] if starts else ss
    m = _REPORTEDLY_END.search(t, ce, se)
    content = _trim(d, s, m.start() if m else se)
    if content is None:
        return None
    return _Cue("reportedly", "reportedly", anchor=cs, sent=i, content=content)


def _sentence_cues(d: _Doc, i: int, quotes: list[_Quote], qstarts: list[int], used: set[int]) -> list[_Cue]:
    """Every reported-speech cue of sentence ``i`` (speech verbs outside quotations, according to,
    reportedly), with contents cut at the next attribution."""
    t, ss, se = d.text, d.s_start[i], d.s_end[i]
    cues = []
    for m in _CUE_RE.finditer(t, ss, se):
        s = m.start()
        if s in used or _inside(s, quotes, qstarts):
            continue
        if m.group("verb"):
            cue = _verb_cue(d, i, s, m.end(), m.group("verb"))
        elif m.group("acc"):
            cue = _according_cue(d, i, s, m.end())
        else:
            cue = _reportedly_cue(d, i, s, m.end())
        if cue is not None:
            cues.append(cue)
    for a in cues:  # a right-hand clause ends where the next attribution starts after a connector
        if a.mode not in ("right", "directive", "scope") or a.content is None:
            continue
        for b in cues:
            start = b.anchor
            if a is b or not a.content[0] < start < a.content[1]:
                continue
            if _CONNECTOR_END.search(t, a.content[0], start):
                cut = _CONNECTOR_END.search(t, a.content[0], start).start()
                a.content = _trim(d, a.content[0], cut) or a.content
                break
    return cues


_ROUNDUP = re.compile(
    rf"(?P<np>{_PERSON_NAME_SHAPE}),\s+(?P<role>[a-z][\w’'-]*(?:\s+[\w’'.-]+){{0,6}}?):\s+(?P<content>[A-Z\"“][^\n]+)"
)


def roundup_cues(d: _Doc, quotes: list[_Quote], qstarts: list[int]) -> list[_Cue]:
    """Round-up entries, a paragraph opening "Jane Roe, author: ..." (the words after the colon are
    hers; quoted words in them are left to the quotation rules)."""
    cues = []
    for ps, pe, _, _ in d.paras:
        m = _ROUNDUP.match(d.text, ps, pe)
        if m is None or _inside(ps, quotes, qstarts):
            continue
        i = d.sent_of(m.start("np"))
        cue = _Cue("verb", ":", anchor=m.start("np"), sent=i, np=m.span("np"))
        cue.content = _trim(d, m.start("content"), pe)
        if cue.content:
            cues.append(cue)
    return cues
