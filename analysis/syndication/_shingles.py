"""Word tokens for shingling: lower-case words, with punctuation, quote style and spacing ignored."""

from __future__ import annotations

import re
import unicodedata

WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def words_of(text: str) -> list[str]:
    """The lower-case word tokens of a text; a curly apostrophe inside a word counts as a straight one.

    Parameters
    ----------
    text: any text.

    Returns
    -------
    The tokens in order (numbers count as words; punctuation does not).
    """
    return WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold().replace("’", "'"))
