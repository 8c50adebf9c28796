"""News agencies: canonical names, their spellings, regex fragments built from them, and citations of them."""

from __future__ import annotations

import re

# Canonical name -> spellings. Short forms (the ones inside a dateline's parentheses) come first.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press", "AP News"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "Agence France-Press"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "ANI": ("ANI", "Asian News International"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "TASS": ("TASS", "Tass"),
    "Interfax": ("Interfax",),
    "CP": ("CP", "The Canadian Press", "Canadian Press"),
    "AAP": ("AAP", "Australian Associated Press"),
    "PA": ("PA", "Press Association", "PA Media"),
}
# Spellings too ambiguous to stand alone in prose (an author field, a byline line): they must be
# the whole field or sit inside a dateline's parentheses.
AMBIGUOUS = frozenset({"PA", "CP", "ANI", "ANSA", "EFE", "Tass", "DPA", "dpa", "Bloomberg"})
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
PARTICLES = "de|del|da|do|dos|das|la|le|les|el|al|of|upon|on|am|im|sur|en|di|van|von|y"
DASHES = "—|–|―|‒|--|-|_|:"

_CANONICAL = {alias.casefold(): name for name, aliases in AGENCIES.items() for alias in aliases}


def canonical_agency(name: str) -> str:
    """The canonical name of an agency spelling, or "" when it names none.

    Parameters
    ----------
    name: a spelling such as "reuters", "The Associated Press", "Agence France-Presse" (case and
        surrounding spaces or a leading "The" do not matter).

    Returns
    -------
    "AP", "AFP", "Reuters", "UPI", "Bloomberg", ... (keys of :data:`AGENCIES`), or "".
    """
    key = " ".join(str(name).split()).casefold()
    if key in _CANONICAL:
        return _CANONICAL[key]
    return _CANONICAL.get(key[4:], "") if key.startswith("the ") else ""


def alternation(spellings: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal spellings, longest first (so "AP News" wins over "AP").

    Parameters
    ----------
    spellings: literal strings.

    Returns
    -------
    A non-capturing group such as ``(?:Associated\\ Press|AP)``.
    """
    return "(?:" + "|".join(re.escape(s) for s in sorted(set(spellings), key=lambda s: (-len(s), s))) + ")"


def spellings(prose: bool = False) -> list[str]:
    """Every spelling of every agency; with ``prose`` only those safe in running text.

    Parameters
    ----------
    prose: leave out :data:`AMBIGUOUS` spellings and bare two-letter forms other than "AP".

    Returns
    -------
    The spellings, in :data:`AGENCIES` order.
    """
    out = [s for aliases in AGENCIES.values() for s in aliases]
    if prose:
        out = [s for s in out if s not in AMBIGUOUS and (len(s) > 2 or s == "AP")]
    return out


_PROSE = alternation(spellings(prose=True))
_PROSE_LITERALS = tuple(sorted(set(spellings(prose=True))))  # cheap "in" test before the slow regexes
CITE_RES = (
    re.compile(
        r"\b(?:according to|told|to|by|with|from|quoted by|via)[ ](?:the[ ])?"
        rf"(?P<agency>{_PROSE})\b"
    ),
    re.compile(
        rf"\b(?P<agency>{_PROSE})(?:'s|’s)?[ ](?:reported|reports|said|says|found|quoted|obtained|"
        r"reviewed|declared|projected|count|tally|analysis|report|survey|interview|poll|"
        r"news agency)\b"
    ),
)


def mentions_agency(text: str) -> bool:
    """Whether any prose spelling of an agency occurs in a text (a fast substring test).

    Parameters
    ----------
    text: any text.

    Returns
    -------
    True when a spelling from :func:`spellings` (``prose=True``) occurs anywhere, even inside a word.
    """
    return any(s in text for s in _PROSE_LITERALS)


def cited_agencies(text: str) -> list[str]:
    """The agencies a text cites as a source ("according to Reuters", "told the AP", "AP reported").

    Parameters
    ----------
    text: an article's text.

    Returns
    -------
    Sorted canonical names, each once.
    """
    if not mentions_agency(text):
        return []
    names = {canonical_agency(m.group("agency")) for rx in CITE_RES for m in rx.finditer(text)}
    return sorted(n for n in names if n)
