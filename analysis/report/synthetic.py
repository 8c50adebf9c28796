"""An invented year of coverage for testing the report at scale (no research data needed).

:func:`write_corpus` writes a CSV (``doc_id, outlet, published, title, text``) of articles
from 7 invented outlets over 12 months, assembled from templates: dated story events that
several outlets report (meetings, deadlines with clock times, deals, memos, hearings), named
and anonymous attributions, and actors from ``data/actors.yml``. The story is built to
change over time, so the over-time charts have something to show: anonymous sourcing grows,
xAI and Musk rise in the second half, the tone turns negative after the ultimatum month.
Deterministic for a given seed. Every sentence is invented here.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pandas as pd

OUTLETS = (
    "Northfield Gazette",
    "Capital Wire",
    "The Evening Ledger",
    "Harbor Public Radio",
    "Tech Signal",
    "Metro Tribune",
    "Regional Daily Courier and Weekend Review (syndicated edition)",
)
START = pd.Timestamp("2025-03-03")
MONTHS = 12
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# (happening phrase, actors) per story event: one event of the month is reported by most outlets
STORY = (
    ("a meeting between Hegseth and Amodei", "the meeting"),
    ("a Pentagon memo on AI contracts", "the memo"),
    ("a deal between OpenAI and the Pentagon", "the deal"),
    ("a Congress hearing on military AI", "the hearing"),
    ("an ultimatum from Hegseth to Anthropic", "the ultimatum"),
    ("the Friday deadline for Anthropic", "the deadline"),
    ("a contract between xAI and the Pentagon", "the contract"),
    ("a statement by Amodei on safeguards", "the statement"),
    ("a lawsuit by Anthropic against the Pentagon", "the lawsuit"),
    ("a directive from Trump on AI suppliers", "the directive"),
    ("a summit of Musk and Hegseth", "the summit"),
    ("a vote in Congress on AI procurement", "the vote"),
)
NAMED = (
    ("Pete Hegseth", "said"),
    ("Dario Amodei", "said"),
    ("Sean Parnell", "told reporters"),
    ("Elon Musk", "wrote"),
    ("President Trump", "said"),
)
ANONYMOUS = (
    "a senior Pentagon official, who spoke on condition of anonymity, said",
    "a person familiar with the talks said",
    "two officials who asked not to be named said",
)
CLAIMS_GOOD = (
    "the talks had made real progress",
    "both sides welcomed a constructive and helpful exchange",
    "the agreement would strengthen trust and support safety",
)
CLAIMS_BAD = (
    "the dispute had become a serious threat to the program",
    "the company faced a damaging crisis and harsh penalties",
    "the standoff was a dangerous failure that hurt everyone",
)
FILLER = (
    "The Department of Defense has spent months reviewing how its suppliers handle artificial intelligence.",
    "Anthropic builds the Claude models and sells them to businesses and government agencies.",
    "OpenAI and Google have also courted defense customers this year.",
    "Lawmakers in Congress have asked for more oversight of military software.",
    "Analysts expect the question of safeguards to shape procurement for years.",
    "The Pentagon did not immediately respond to a request for comment.",
    "Observers noted that the story has drawn attention from several capitals.",
)


def _sentences(rng: random.Random, month: int, event: tuple[str, str], day: pd.Timestamp, pub: pd.Timestamp) -> list:
    """The sentences of one article written on ``pub`` about ``event`` held on ``day``."""
    what, short = event
    lag = (pub - day).days
    when = f"on {day:%B} {day.day}" if lag > 6 or lag < 0 else ("on " + WEEKDAYS[day.weekday()])
    out = [f"The story turned {when} with {what}, officials said."]
    if short == "the deadline":
        clock = "5:01 p.m." if rng.random() < 0.6 else "5:00 p.m."
        out.append(f"Anthropic had until {clock} ET {when} to agree to the terms, according to the Pentagon.")
    out.append(f"Reporters followed {short} closely, and Amodei and Hegseth were both asked about it.")
    p_anon = 0.1 + 0.5 * month / (MONTHS - 1)
    tone_bad = 0.25 + 0.6 * (month >= 4)
    for _ in range(rng.randint(3, 6)):
        claim = rng.choice(CLAIMS_BAD if rng.random() < tone_bad else CLAIMS_GOOD)
        if rng.random() < p_anon:
            out.append(f"{rng.choice(ANONYMOUS).capitalize()} that {claim}.")
        else:
            name, verb = rng.choice(NAMED[:4] if month >= 6 else NAMED[:3] + NAMED[4:])
            out.append(f'"We believe {claim}," {name} {verb}.')
    if month >= 6 and rng.random() < 0.7:
        out.append("Musk said xAI was ready to take over the work, and xAI staff met Pentagon buyers.")
    if month in (7, 8, 9):
        out.append("Trump weighed in on the feud, and the White House backed Hegseth.")
    if month:
        back = rng.randrange(month)
        then = START + pd.DateOffset(months=back) + pd.Timedelta(days=10 + (back % 3))
        out.append(f"It followed {STORY[back][0]} on {then:%B} {then.day}, {then.year}.")
    said = pub - pd.Timedelta(days=rng.randint(1, 3))
    out.append(f"In an interview on {WEEKDAYS[said.weekday()]}, {rng.choice(NAMED)[0]} repeated the point.")
    out += rng.sample(FILLER, k=rng.randint(3, 6))
    return out


def articles(n: int = 1000, seed: int = 0) -> list[dict]:
    """``n`` invented articles (dicts with doc_id, outlet, published, title, text), 7 outlets, 12 months.

    Parameters
    ----------
    n: how many articles.
    seed: the random seed (same seed, same corpus).

    Returns
    -------
    The articles, oldest first.
    """
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        month = i * MONTHS // n
        first = START + pd.DateOffset(months=month)
        day = first + pd.Timedelta(days=10 + (month % 3))
        pub = day + pd.Timedelta(days=rng.randint(-3, 12))
        outlet = OUTLETS[rng.randrange(len(OUTLETS))] if rng.random() < 0.8 else OUTLETS[month % len(OUTLETS)]
        text = " ".join(_sentences(rng, month, STORY[month], day, pub))
        sents = text.split(". ")
        paragraphs = [". ".join(sents[k : k + 3]) for k in range(0, len(sents), 3)]
        rows.append(
            {
                "doc_id": f"syn{i:05d}",
                "outlet": outlet,
                "published": f"{pub:%Y-%m-%d}",
                "title": f"{STORY[month][0].capitalize()}: what {outlet.split()[0]} readers need to know",
                "text": ".\n\n".join(p.rstrip(".") for p in paragraphs) + ".",
            }
        )
    return sorted(rows, key=lambda r: (r["published"], r["doc_id"]))


def write_corpus(path: Path | str, n: int = 1000, seed: int = 0) -> Path:
    """Write :func:`articles` to ``path`` as a CSV corpus and return the path.

    Parameters
    ----------
    path: the ``.csv`` file to write.
    n: how many articles.
    seed: the random seed.
    """
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["doc_id", "outlet", "published", "title", "text"])
        writer.writeheader()
        writer.writerows(articles(n, seed))
    return path
