"""Speaker resolution for the ``sources`` stage: who an attribution's speaker phrase is.

:func:`_resolve` classifies the phrase of a cue (named person, anonymous source,
spokesperson, organisation, document or media) against the document's actor mentions and the
actors table, normalises descriptors, finds affiliations and resolves back-references
(he/she/it, "the official", "the company") to earlier attributions. Rule 3 of
:mod:`analysis.sources.stage` describes it.
"""

from __future__ import annotations

import re

from analysis.sources._doc import Speaker, _Cue, _Doc
from analysis.sources._grammar import (
    _ANON_HEADS,
    _CAPX,
    _COMPANY_HEADS,
    _CONNECT,
    _DESC_END,
    _DESC_FULL,
    _DOC_HEADS,
    _HONORIFICS,
    _MEDIA_TYPES,
    _MEDIA_WORDS,
    _NAME_WORD,
    _NP_START,
    _ORG_HEADS,
    _ORG_WORDS,
    _PERSON_TYPES,
    _RELATIVE,
    _ROLE,
    _ROLE_HEADS,
    _ROLEW,
    _SPOKES_HEADS,
    _STOPCAP,
    _TITLE_HEADS,
    HEADS,
    NAME,
)
from analysis.sources._pronouns import pronoun_speaker
from analysis.sources._reported_speech import _PARTY_LABEL, _PERSON_ROLE

# --- who is speaking ----------------------------------------------------------------------------
_REL_POST = re.compile(r"(?i)(?:familiar|involved|close|briefed|knowledgeable|with\s+(?:\S+\s+)?knowledge|who|that)\b")
_ORG_POST = re.compile(r"(?i)(?:at|of|from|for)\s")


def _type_of(actor_type: str) -> str:
    return "named" if actor_type in _PERSON_TYPES else "media" if actor_type in _MEDIA_TYPES else "organization"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"['’]s\b", "", text)).strip().lower()


def _last(d: _Doc, test) -> _Cue | None:
    for h in reversed(d.history):
        if h.speaker is not None and test(h):
            return h
    return None


def _person_speaker(d: _Doc, name: str, np_orgs: list[str], raw_aff: str | None) -> Speaker:
    actor = d.actor(name)
    aff = (actor.affiliation if actor is not None else None) or (np_orgs[0] if np_orgs else None) or raw_aff
    return Speaker(name, "named", aff, person=True)


def _org_speaker(d: _Doc, acts: list[tuple[int, int, str, str]]) -> Speaker:
    names = list(dict.fromkeys(a[2] for a in acts))
    kind = _type_of(acts[0][3])
    if kind == "media" and len(names) > 1:
        joined = " and ".join(names)
        return Speaker(joined, "media", joined)
    return Speaker(names[0], kind, names[0])


_DESCRIBED_NAME = re.compile(
    rf"(?P<pre>.*\b(?!(?:{_CONNECT}|and|in|at|from|with)\b)[a-z][\w’'-]+)\s+"
    rf"(?P<name>{_NAME_WORD}\s+(?:[A-Z]\.\s+)?{_NAME_WORD})\Z"
)
_GROUP_HEADS = frozenset(_ANON_HEADS) - {"person", "persons", "people", "man", "men", "woman", "women"}
_PARTY_HEADS = frozenset("republican republicans democrat democrats".split())  # "one Ohio Democrat": a person
_POSSESSIVES = {"his": "he", "her": "she", "their": ""}  # possessive -> the pronoun its owner agrees with
_ROLE_OF = frozenset("of at for with from".split())
_PREP = re.compile(r"\b(?:of|at|from|for|with)\s")
_REPORTS_BY = re.compile(
    rf"(?:from|in|by)\s+(?:the\s+)?((?:{_CAPX})(?:\s+(?:{_CONNECT}\s+)?{_CAPX})*"
    rf"(?:\s+and\s+(?:the\s+)?{_CAPX}(?:\s+{_CAPX})*)?)"
)
_CHAIN = re.compile(NAME)
_APPOS_COMMA = re.compile(r",(?!\d{3}\b)")
_SPACES = re.compile(r"\s+")
_WORD_DOT_END = re.compile(r"[a-z]{2}\.\Z")
_HEAD_WORDS = frozenset(h.lower() for h in HEADS if " " not in h)
_TRAIL_NAME = re.compile(
    rf"\s(?:(?:{_ROLEW}|[A-Z][a-z]{{1,4}}\.)\s+)*({_NAME_WORD}\s+(?:[A-Z]\.\s+)?{_NAME_WORD})"
    r"(?:\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\Z"
)


def _raw_org(text: str, prepositional: bool = False) -> str | None:
    """An organisation named in a phrase the actors table does not resolve: the last name after
    "of/at/for" ("chief executive of US firm Open Source Labs" -> "Open Source Labs"), else the
    capitalised words before a role ("IBM's Linux strategy manager" -> "IBM", "a senior Kremlin
    official" -> "Kremlin"); ``prepositional`` limits it to the first kind and role phrases."""
    prep = _PREP.search(text)
    chains = [m.group() for m in _CHAIN.finditer(text, prep.end())] if prep else []
    if chains:
        words = chains[-1].split()
        while words and (words[0].endswith(("'s", "’s")) or words[0] in ("The", "the")) and len(words) > 1:
            words = words[1:]
    else:
        roles = re.search(rf"\s(?:{_ROLEW})\b", text)
        if prepositional and not roles:
            return None
        head = text[: roles.start()] if roles else text
        words = [w for w in re.findall(r"[A-Z][\w.&'’-]*", head) if w not in _STOPCAP]
        owners = [w for w in words if w.endswith(("'s", "’s"))]
        if owners:
            words = [owners[0][:-2]]
    return " ".join(words) or None


def _classify(d: _Doc, s: int, e: int, cue: _Cue, appos: str = "") -> tuple[Speaker | None, _Cue | None]:
    """Who the phrase text[s:e] is; returns (speaker, antecedent cue for back-references)."""
    t = _SPACES.sub(" ", d.text[s:e]).strip()
    if _WORD_DOT_END.search(t):  # "said Sella." at the end of a sentence
        t, e = t[:-1], e - 1
    low = t.lower()
    if _APPOS_COMMA.search(t):  # not the comma of a number ("1,409 teachers")
        return _classify_apposition(d, s, e, cue)
    if low in ("another", "the other", "the two", "both"):  # "One voter said ... Another said"
        h = _last(d, lambda c: c.speaker.type == "anonymous")
        if h is not None and low in ("another", "the other"):
            return Speaker(h.speaker.name, "anonymous", h.speaker.affiliation, head=h.speaker.head), None
        return Speaker(low, "anonymous", None, head=low.split()[-1]), None
    if low in ("he", "she"):
        return pronoun_speaker(d, s, low)
    if low in ("it", "they"):
        want = ("organization", "document", "media") if low == "it" else ("organization", "anonymous", "media")
        h = _last(d, lambda c: c.speaker.type in want)
        return (h.speaker, h) if h is not None else (None, None)
    rel = _RELATIVE.search(t)
    core = t[: rel.start()] if rel and rel.start() > 0 else t
    last_word = core.rsplit(None, 1)[-1].lower() if core.strip() else ""
    desc = (_DESC_END.match(core) if last_word in _HEAD_WORDS else None) or _DESC_FULL.match(core)  # "campaign allies"
    post = (desc.group("post") or "") if desc else ""
    if desc and post and not _REL_POST.match(post) and not _ORG_POST.match(post) and _NP_START.match(post + " x"):
        desc = None  # "Pentagon spokesman Sean Parnell": a name after the role
    mods_words = (desc.group("mods") or "").split() if desc else []
    if (
        desc
        and desc.group("head")[:1].isupper()
        and not desc.group("head").isupper()
        and desc.group("head").lower() not in _TITLE_HEADS
        and (desc.group("det") or mods_words)
        and all(w[:1].isupper() or w in ("and", "of", "for", "the", "de", "&") for w in mods_words)
        and desc.group("head").lower() not in _PARTY_HEADS
    ):
        desc = None  # "the World Travel and Tourism Council", "the Bank of England": a proper name
    head = _SPACES.sub(" ", desc.group("head").lower()) if desc else ""
    det = (desc.group("det") or "").strip().lower() if desc else ""
    core_end = s + (len(core) if not desc or not post or not _REL_POST.match(post) else desc.start("post"))
    acts = d.actors_in(s, core_end)
    persons = [a for a in acts if a[3] in _PERSON_TYPES]
    orgs = [a for a in acts if a[3] not in _PERSON_TYPES]
    head_at = s + desc.start("head") if desc else e
    mod_orgs = [a[2] for a in orgs if a[1] <= head_at]
    trail = _TRAIL_NAME.search(core) if persons else None
    if persons and trail and persons[-1][1] <= s + trail.start(1) and not d.actors_in(s + trail.start(1), core_end):
        # "Clinton running mate Sen. Jane Roe": the person named last, not the one in the descriptor
        return _person_speaker(d, d.lookup(trail.group(1)) or trail.group(1), mod_orgs, None), None
    if (
        persons
        and desc
        and head in _GROUP_HEADS
        and ((desc.group("det") or "").strip().lower() not in ("the", "") or persons[-1][0] > head_at)
    ):
        # "a Trump supporter", "two aides to Jane Roe", "supporters of Roe": people about the person
        # named, not that person
        return Speaker(_descriptor(desc, core), "anonymous", persons[-1][2], head=head), None
    if persons and (not desc or head not in _DOC_HEADS):
        return _person_speaker(d, persons[-1][2], mod_orgs, _raw_org(appos) if appos else None), None
    if desc is None and orgs and not persons:
        beside = _person_beside_org(d, s, core, orgs)
        if beside is not None:
            return beside, None
    if desc is None:
        return _name_speaker(d, core, acts, appos), None
    mods = desc.group("mods") or ""
    raw_aff = mod_orgs[0] if mod_orgs else _raw_org(mods)
    if not mod_orgs and post and _ORG_POST.match(post):
        post_orgs = [a[2] for a in orgs if a[0] >= head_at]
        raw_aff = post_orgs[0] if post_orgs else _raw_org(post)
    if det in _POSSESSIVES and head in _ORG_HEADS and not mods.strip():  # "her campaign": the campaign of a person
        owner, _ = pronoun_speaker(d, s, _POSSESSIVES[det])
        if owner is not None and owner.name:
            name = f"{owner.name} {head}"
            return Speaker(name, "organization", name, head=head), None
    definite = det == "the" and not post and not [w for w in mods.split() if w[:1].islower()]
    if head in _TITLE_HEADS:
        names = d.titles().get(head, set())
        if (definite or det in ("", "the")) and len(names) == 1:
            return _person_speaker(d, next(iter(names)), mod_orgs, None), None
        return Speaker(_descriptor(desc, core), "anonymous", raw_aff, head=head), None
    if head in _ROLE_HEADS and head not in _ANON_HEADS:
        if det == "the" and not post:
            sp, ante = pronoun_speaker(d, s, "")
            if sp is not None and sp.name:
                return sp, ante
        return Speaker(_descriptor(desc, core), "anonymous", raw_aff, head=head), None  # no one to refer to
    if head in _SPOKES_HEADS or head in _ANON_HEADS:
        kind = "spokesperson" if head in _SPOKES_HEADS else "anonymous"
        if definite:
            h = _last(
                d,
                lambda c: (
                    c.speaker.type == kind
                    and c.outer is None
                    and _same_kind(head, c.speaker.head)
                    and (not mod_orgs or c.speaker.affiliation == mod_orgs[0])
                ),
            )
            if h is not None:
                return h.speaker, h
            names = d.titles().get(head, set())
            if len(names) == 1:  # "the lawyer" when the article names one lawyer
                return _person_speaker(d, next(iter(names)), mod_orgs, None), None
        return Speaker(_descriptor(desc, core), kind, raw_aff, head=head), None
    if head in _DOC_HEADS:
        media = [a for a in orgs if a[3] in _MEDIA_TYPES]
        outlet = _REPORTS_BY.match(post or "")
        if head in ("reports", "report") and (media or outlet):
            name = outlet.group(1) if outlet else None
            return (_org_speaker(d, media) if media else Speaker(name, "media", name)), None
        if head == "reports" and not orgs:
            return Speaker("reports", "media", None, head=head), None
        if orgs or persons:
            return Speaker((orgs or persons)[0][2], "document", (orgs or persons)[0][2], head=head), None
        author = _REPORTS_BY.match(post or "") if (post or "").startswith(("from ", "by ")) else None
        if author:  # "a statement from Mr Spitzer's office"
            name = re.sub(r"['’]s\b.*", "", author.group(1))
            return Speaker(name, "document", name, head=head), None
        h = _last(d, lambda c: c.speaker.type in ("organization", "document", "named", "spokesperson"))
        if h is None:
            return Speaker(_descriptor(desc, core), "document", None, head=head), None
        author = h.speaker
        return Speaker(author.name, "document", author.affiliation or author.name, head=head), h
    if orgs:
        return _org_speaker(d, orgs), None
    owner = re.match(rf"((?:{_CAPX}\s+){{0,3}}{_CAPX})['’]s\s+\Z", mods) if head in _ORG_HEADS else None
    if owner:  # "Jane Roe's campaign": the organisation of its owner
        name = f"{d.lookup(owner.group(1)) or owner.group(1)} {head}"
        return Speaker(name, "organization", name, head=head), None
    if head in _ORG_HEADS and det == "the":
        want = (
            "government" if head in ("department", "agency", "ministry", "administration", "government") else "company"
        )
        for m in reversed([m for m in d.mentions if m[1] <= s]):
            if m[3] == want:
                return Speaker(m[2], "organization", m[2]), None
        h = (
            _last(d, lambda c: c.speaker.type == "organization" and not c.speaker.head)
            if head in _COMPANY_HEADS
            else None
        )
        if h is not None:
            return h.speaker, h
        return Speaker(_descriptor(desc, core), "organization", None, head=head), None
    return None, None


def _person_beside_org(d: _Doc, s: int, core: str, orgs: list[tuple[int, int, str, str]]) -> Speaker | None:
    """A person named with an organisation, who is the speaker: "Anthropic spokeswoman Lena Quist",
    "Pentagon press secretary Orin Vale" (a role between the two), "Paul Sperry of Counter Jihad".

    The organisation becomes the person's affiliation. None when the phrase is not so: no name
    at its end, the name itself an organisation, or nothing in between that says a role
    ("Bank of America Merrill Lynch").
    """
    trail = _TRAIL_NAME.search(" " + core)
    if trail is None:
        return None
    start, end = s + trail.start(1) - 1, s + trail.end(1) - 1
    name = trail.group(1)
    known = d.actor(d.lookup(name) or "")
    if d.actors_in(start, end) or (known is not None and known.type not in _PERSON_TYPES):
        return None
    before = [a for a in orgs if a[1] <= start]
    after = [a for a in orgs if a[0] >= end]
    if len(before) + len(after) != len(orgs):
        return None
    if before:
        between = d.text[before[-1][1] : start]
        if not (_ROLE_BETWEEN.search(between) or any(w.lower().strip(".") in _ROLE for w in between.split())):
            return None
    elif not _OF_AFTER.match(d.text, end):
        return None
    return _person_speaker(d, d.lookup(name) or name, [a[2] for a in before + after], None)


_ROLE_BETWEEN = re.compile(r"(?<![\w’'-])[a-z][a-z-]{2,}(?![\w’'-])")  # "spokeswoman", "press secretary"
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")


def _classify_apposition(d: _Doc, s: int, e: int, cue: _Cue) -> tuple[Speaker | None, _Cue | None]:
    """ "Shailendra Singh, the founder of Percept Films" / "A lawyer, Franklin Turner": the name wins,
    the other part gives the affiliation; a role part left unresolved ("The mayor, Tom Birch") loses
    to any other."""
    parts = [
        (s + m.start(), s + m.start() + len(_PARTY_LABEL.sub("", m.group())))  # "Rep. Jo Roe (D-Md.)": the name
        for m in re.finditer(r"[^,\s][^,]*[^,\s]|[^,\s]", d.text[s:e])
    ]
    results = [(_classify(d, ps, pe, cue), ps, pe) for ps, pe in parts]
    named = [r for r in results if r[0][0] is not None and r[0][0].type == "named" and r[0][0].name]
    known = [r for r in results if r[0][0] is not None and (r[0][0].name or r[0][0].type != "named")]
    pick = named[0] if named else next(iter(known + [r for r in results if r[0][0] is not None]), None)
    if pick is None:
        return None, None
    (sp, ante), ps, pe = pick
    if not named and _lone_surname(d, ps, pe, sp) and any(_PERSON_ROLE.search(d.text[qs:qe]) for _, qs, qe in results):
        sp = Speaker(sp.name, "named", None, person=True)  # "Roe, a former party director": a surname
    if sp.type == "named" and sp.affiliation is None:
        for (_, _), qs, qe in results:
            if (qs, qe) != (ps, pe):
                orgs = [a[2] for a in d.actors_in(qs, qe) if a[3] not in _PERSON_TYPES]
                aff = orgs[0] if orgs else _raw_org(d.text[qs:qe], prepositional=True)
                if aff:
                    sp = Speaker(sp.name, sp.type, d.lookup(aff) or aff, sp.head, sp.person)
                    break
    return sp, ante


def _lone_surname(d: _Doc, s: int, e: int, sp: Speaker) -> bool:
    """Whether text[s:e] is one capitalised word typed as an organisation only for want of a
    full name (no actor mention, no organisation or media word)."""
    word = d.text[s:e].strip()
    return (
        sp.type == "organization"
        and re.fullmatch(_NAME_WORD, word) is not None
        and not d.actors_in(s, e)
        and word.lower() not in _ORG_WORDS | _MEDIA_WORDS
    )


def _same_kind(head: str, other: str) -> bool:
    if not other:
        return False
    if head.startswith("source"):
        return True
    return head.rstrip("s") == other.rstrip("s") or {head, other} <= {"people", "persons", "person"}


def _descriptor(desc: re.Match, core: str) -> str:
    det = (desc.group("det") or "").strip().lower()
    words = core[desc.start("mods") :]
    if (det in ("a", "an", "the", "another", "one", "") or det in _POSSESSIVES) and not words.startswith("of "):
        return _norm(words)
    return _norm(det + " " + words)


def _name_speaker(d: _Doc, core: str, acts: list, appos: str) -> Speaker | None:
    """A capitalised name the actors table does not know: a person or an organisation."""
    if acts:
        return _org_speaker(d, acts)
    words = re.sub(r"^(?:the|The)\s+", "", core).split()
    if not words or core.endswith(("'s", "’s")):
        return None
    roles = [i for i, w in enumerate(words) if w.lower() in _ROLE or w.lower() in _HONORIFICS]
    name_words = words[roles[-1] + 1 :] if roles else words
    if not name_words:
        return None
    if roles and name_words[0].lower() in _ROLE_OF:  # "executive director of Friends of Peace": not a name
        head = words[roles[-1]].lower()
        return Speaker(_norm(" ".join(words)), "anonymous", " ".join(name_words[1:]) or None, head=head)
    raw_aff = _raw_org(" ".join(words[: roles[0]])) if roles and roles[0] > 0 else (_raw_org(appos) if appos else None)
    described = _DESCRIBED_NAME.match(core)
    if described:  # "State University political scientist Jane Roe": the name after the descriptor
        name = described.group("name")
        return _person_speaker(d, d.lookup(name) or name, [], _raw_org(described.group("pre")))
    if any(w.lower().strip(".,") in _ORG_WORDS | _MEDIA_WORDS for w in name_words):
        name = " ".join(w for w in name_words if w not in ("The", "the"))
        canon = d.lookup(name) or name
        media = any(w.lower().strip(".,") in _MEDIA_WORDS for w in words)
        return Speaker(canon, "media" if media else "organization", canon)
    canon = d.lookup(" ".join(name_words))
    if canon and len(name_words) == 1:
        canon = d.local_surname(name_words[0], canon)
    if canon and d.actor(canon) is not None and d.actor(canon).type not in _PERSON_TYPES:
        return Speaker(canon, _type_of(d.actor(canon).type), canon)
    while len(name_words) > 1 and name_words[0][:1].islower():
        name_words = name_words[1:]  # "analysts Jupiter Research"
    if "of" in name_words[2:] and all(w[:1].isupper() for w in name_words[: name_words.index("of")]):
        name_words = name_words[: name_words.index("of")]  # "Tom Becker of Oregon": the place is not the name
    if not _CHAIN.fullmatch(" ".join(name_words)):
        return None  # not a name ("their value in 1991")
    if len(name_words) >= 3 and not any(w[:1].islower() or re.fullmatch(r"[A-Z]\.", w) for w in name_words):
        name_words = name_words[-2:]
    if len(name_words) == 1:
        full = d.full_names().get(name_words[0])
        if full:
            return _person_speaker(d, full, [], raw_aff)
        if not roles and not _is_given_name(name_words[0]):
            return Speaker(name_words[0], "organization", name_words[0])
    return _person_speaker(d, canon or " ".join(name_words), [], raw_aff)


def _is_given_name(word: str) -> bool:
    """A word the given-name list has ("John said": a person named by a given name alone)."""
    from analysis.sources._pronouns import name_gender

    return bool(name_gender(word))


def _resolve(d: _Doc, cue: _Cue) -> None:
    """Set ``cue.speaker`` (and remember it for later back-references)."""
    if cue.kind == "reportedly":
        cue.speaker = Speaker("reports", "media", None, head="reports")
    elif cue.generic:
        text = _norm(d.text[cue.np[0] : cue.np[1]])
        name = re.sub(r"^(?:the|a|an)\s+", "", text)
        head = cue.generic_head.lower() or text.split()[-1]
        cue.speaker = Speaker(name, "document" if cue.doc_head else "anonymous", None, head=head)
    else:
        appos = ""
        if cue.kind == "according":
            m = re.match(r",\s+((?:a|an|the)\s+[^,.;]+)", d.text[cue.np[1] : d.s_end[cue.sent]])
            appos = m.group(1) if m else ""
        cue.speaker, cue.antecedent = _classify(d, cue.np[0], cue.np[1], cue, appos)
    sp = cue.speaker
    if sp is not None and sp.person:  # one affiliation per person within a document
        known = d.affiliations.setdefault(sp.name, sp.affiliation)
        if sp.affiliation is None and known is not None:
            cue.speaker = Speaker(sp.name, sp.type, known, sp.head, sp.person)
    if cue.speaker is not None and cue.vehicle and cue.speaker.type == "organization":
        cue.speaker = Speaker(cue.speaker.name, "document", cue.speaker.affiliation, head="statement")
    if cue.speaker is not None:
        d.history.append(cue)
