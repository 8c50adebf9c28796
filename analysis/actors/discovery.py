"""Actor discovery: proper-noun phrases in reporting text that the actors file does not know.

:func:`discover` lists candidate actors to add to the actors file, with counts and an example
sentence (the rules are in its docstring).
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from analysis.actors.reference import normalize
from analysis.actors.stage import _POSSESSIVE, CALENDAR, HEADING_KINDS, NOT_NAMES, actor_table, raw_matches, title_case
from analysis.text import SENT_STARTERS

DISCOVERY_COLUMNS = ["candidate", "mentions", "articles", "outlets", "example_outlet", "example_doc_id", "example"]

CONNECTORS = frozenset({"of", "for", "the", "and", "de", "del", "da", "la", "le", "van", "von", "al", "bin", "a", "&"})
_CAP_RUN = re.compile(
    r"(?<![\w@'’])(?:[A-Z][\w&'’.\-]*)(?:(?:[^\S\n]+(?:of|for|the|and|de|del|da|la|le|van"
    r"|von|al|bin|a|&)){0,2}[^\S\n]+[A-Z][\w&'’.\-]*)*"
)
_LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-z][\w'’\-]*")


def _clean_word(word: str) -> str:
    word = _POSSESSIVE.sub("", word)
    return word.rstrip(".") if word.count(".") == 1 else word


def discover(corpus, min_mentions: int = 1) -> pd.DataFrame:
    """Proper-noun phrases in reporting text that the actors file does not know.

    A capitalised run of words ("Center for a New American Security") counts when no part
    of it is a mention, an alias or a reference of the file; a not-actor phrase at its edge
    is cut off ("U.S."), one inside it is kept ("American" in that name). Words at the edges
    must look like names in this corpus: capitalised mid-sentence more often than written
    in lower case ("It", "However", "Following" are not names; "Labour", "Gertz" are).
    Leading titles ("Secretary of State"), dates, headings (title case) and captions are
    left out; a plural of a known name ("LLMs") is dropped; a surname joins the full name
    used in the same article ("Gertz" counts for "Geoffrey Gertz").

    Parameters
    ----------
    corpus: a :class:`~analysis.corpus.Corpus`.
    min_mentions: drop candidates seen fewer times.

    Returns a frame with :data:`DISCOVERY_COLUMNS`, most frequent first.
    """
    ref = actor_table(corpus)
    paras = corpus.paragraphs
    heading = set(
        zip(
            paras.loc[paras["kind"].isin(HEADING_KINDS), "doc_id"],
            paras.loc[paras["kind"].isin(HEADING_KINDS), "para_id"],
        )
    )
    sents = corpus.sentences[~corpus.sentences["is_furniture"]]
    covered: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for row in corpus.mentions.itertuples(index=False):
        covered.setdefault((row.doc_id, row.sent_id), []).append((row.start, row.end))
    outlets = corpus.documents.set_index("doc_id")["outlet"]
    found: list[tuple[list[str], str, int, str]] = []  # words, doc_id, sent_id, sentence
    midcap: Counter = Counter()
    lower: Counter = Counter()
    for doc_id, sent_id, para_id, start, text in zip(
        sents["doc_id"], sents["sent_id"], sents["para_id"], sents["start"], sents["text"]
    ):
        if (doc_id, para_id) in heading or title_case(text):
            continue
        lower.update(_LOWER_WORD.findall(text))
        spans = [(s - start, e - start) for s, e in covered.get((doc_id, sent_id), [])]
        blocked = []
        for s, e, entry in raw_matches(text, ref):
            (blocked if entry.kind == "not_actor" else spans).append((s, e))
        for run in _CAP_RUN.finditer(text):
            words = [
                (w.start() + run.start(), w.end() + run.start(), _clean_word(w.group()))
                for w in re.finditer(r"\S+", run.group())
            ]
            midcap.update(w[2] for w in words if w[2][:1].isupper() and _mid_sentence(text, w[0]))
            free = [w for w in words if not _overlaps(w, spans)]
            for group in _groups(free, words):
                while group and _overlaps(group[0], blocked):  # "U.S." before a name, not inside one
                    group = group[1:]
                while group and _overlaps(group[-1], blocked):
                    group = group[:-1]
                if group:
                    found.append(([w[2] for w in group], doc_id, sent_id, text))

    def namelike(word: str) -> bool:
        return midcap[word] > lower[word.lower()] and word.lower().rstrip(".") not in NOT_NAMES | CALENDAR

    rows = []
    for words, doc_id, sent_id, text in found:
        name = " ".join(_trim(words, namelike))
        if len(name) < 2 or ref.keys.get(normalize(name)) or ref.keys.get(normalize(name[:-1])):
            continue
        rows.append((name, doc_id, sent_id, outlets.get(doc_id, ""), text))
    if not rows:
        return pd.DataFrame(columns=DISCOVERY_COLUMNS)
    frame = pd.DataFrame(rows, columns=["candidate", "doc_id", "sent_id", "outlet", "text"])
    frame["candidate"] = _fold_surnames(frame)
    out = (
        frame.groupby("candidate", sort=False)
        .agg(
            mentions=("doc_id", "size"),
            articles=("doc_id", "nunique"),
            outlets=("outlet", lambda s: ", ".join(sorted(set(s)))),
            example_outlet=("outlet", "first"),
            example_doc_id=("doc_id", "first"),
            example=("text", "first"),
        )
        .reset_index()
    )
    out = out[out["mentions"] >= min_mentions]
    return out.sort_values(["mentions", "articles", "candidate"], ascending=[False, False, True], kind="stable")[
        DISCOVERY_COLUMNS
    ].reset_index(drop=True)


def _mid_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` follows running text (not the sentence start, a quote or a colon)."""
    j = at - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and (text[j].isalnum() or text[j] in ",;%$")


def _fold_surnames(frame: pd.DataFrame) -> list[str]:
    """Candidates, a lone surname renamed to the one full name ending in it in the same article."""
    full: dict[tuple[str, str], set[str]] = {}
    for doc_id, name in zip(frame["doc_id"], frame["candidate"]):
        if " " in name:
            full.setdefault((doc_id, name.split()[-1]), set()).add(name)
    return [
        next(iter(full[(d, n)])) if " " not in n and not n.isupper() and len(full.get((d, n), ())) == 1 else n
        for d, n in zip(frame["doc_id"], frame["candidate"])
    ]


def _overlaps(word: tuple[int, int, str], spans: list[tuple[int, int]]) -> bool:
    return any(s < word[1] and word[0] < e for s, e in spans)


def _trim(words: list[str], namelike) -> list[str]:
    """Drop leading titles ("Secretary of State"), connectors and non-names, trailing function words."""
    words = list(words)
    while words:
        if words[0].lower().rstrip(".") in NOT_NAMES:
            words = words[3:] if len(words) > 3 and words[1].lower() in CONNECTORS else words[1:]
        elif not namelike(words[0]):
            words = words[1:]
        else:
            break
    while words and not namelike(words[-1]) and (len(words) == 1 or words[-1].lower() in SENT_STARTERS):
        words = words[:-1]  # "Center for a New American Security" keeps "Security"
    return words


def _groups(free: list[tuple[int, int, str]], words: list[tuple[int, int, str]]) -> list[list]:
    """Maximal runs of consecutive uncovered words of one capitalised run."""
    index = {w[0]: i for i, w in enumerate(words)}
    groups: list[list] = []
    for w in free:
        if groups and index[w[0]] == index[groups[-1][-1][0]] + 1:
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups
