"""NLTK's VADER with its tokenisation made linear: the same scores, about twice as fast.

NLTK's ``SentiText`` strips edge punctuation by building, for every sentence, a dictionary
of every punctuation mark (``PUNC_LIST``, 33 entries) before and after every word: two
products of about 33 × words entries, most of the scoring time on news sentences. A token
is in that dictionary exactly when it is ``mark + word`` or ``word + mark`` with the word
free of punctuation and among the sentence's punctuation-free words; the word is then found
by stripping punctuation from that end, so :class:`LinearSentiText` checks each token
directly, and removes punctuation with ``str.translate`` instead of NLTK's regular expression
(run there under a ReDoS guard that costs more than the removal). The other change skips the
per-token call into ``sentiment_valence`` for a word outside the lexicon, which only appends 0.

Everything else (the valence rules, "but", negation, idioms, punctuation emphasis,
normalisation, rounding) is NLTK's own code, inherited. ``tests/sentiment`` checks the
scores equal NLTK's on literal edge cases, the whole BBC set and the Hutto & Gilbert sets.
"""

from __future__ import annotations

import re
import string

from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText

PUNCTUATION = string.punctuation  # what NLTK's REGEX_REMOVE_PUNCTUATION removes


NLTK_PUNCTUATION_PATTERN = f"[{re.escape(string.punctuation)}]"  # NLTK's REGEX_REMOVE_PUNCTUATION
_DROP_PUNCTUATION = str.maketrans("", "", string.punctuation)


def _without_punctuation(text: str, regex) -> str:
    """``regex.sub("", text)``; for NLTK's own pattern, the same by ``str.translate`` (no regex engine)."""
    return text.translate(_DROP_PUNCTUATION) if regex.pattern == NLTK_PUNCTUATION_PATTERN else regex.sub("", text)


def first_positions(words: list[str]) -> dict[str, int]:
    """Each token's first index in ``words``: what NLTK's ``words.index(item)`` returns, in one pass."""
    first: dict[str, int] = {}
    for idx, token in enumerate(words):
        first.setdefault(token, idx)
    return first


class LinearSentiText(SentiText):
    """NLTK's ``SentiText`` with ``_words_and_emoticons`` in one pass over the tokens."""

    def _words_and_emoticons(self) -> list[str]:
        words_only = {w for w in _without_punctuation(self.text, self.REGEX_REMOVE_PUNCTUATION).split() if len(w) > 1}
        marks = frozenset(self.PUNC_LIST)
        out = []
        for token in self.text.split():
            if len(token) <= 1:
                continue
            word = token.rstrip(PUNCTUATION)  # word + mark (NLTK's punc_after, which wins)
            if word != token and word in words_only and token[len(word) :] in marks:
                out.append(word)
                continue
            word = token.lstrip(PUNCTUATION)  # mark + word (punc_before)
            if word != token and word in words_only and token[: len(token) - len(word)] in marks:
                out.append(word)
                continue
            out.append(token)
        return out


class FastSentimentIntensityAnalyzer(SentimentIntensityAnalyzer):
    """NLTK's analyzer with :class:`LinearSentiText` and a short path for unscored words."""

    def polarity_scores(self, text: str) -> dict[str, float]:
        """``neg, neu, pos, compound`` exactly as NLTK's ``polarity_scores`` gives them.

        Parameters
        ----------
        text: the sentence.
        """
        c = self.constants
        sentitext = LinearSentiText(text, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION)
        words = sentitext.words_and_emoticons
        first_index = first_positions(words)
        lexicon, boosters, last = self.lexicon, c.BOOSTER_DICT, len(words) - 1
        sentiments: list[float] = []
        for item in words:
            lower = item.lower()
            i = first_index[item]
            if (i < last and lower == "kind" and words[i + 1].lower() == "of") or lower in boosters:
                sentiments.append(0)
            elif lower not in lexicon:  # sentiment_valence would append 0
                sentiments.append(0)
            else:
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, text)
