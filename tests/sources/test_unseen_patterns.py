"""The sources stage on patterns first seen on unseen news (issue 13), one invented sentence each.

Every sentence here is made up; none comes from PolNeAR or any other corpus. The accuracy these
patterns reach on unseen text is measured by ``benchmarks/polnear_sources.py``, not here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ROOT

from analysis import text as textmod
from analysis.actors import stage as actors
from analysis.documents import Document
from analysis.sources import stage as sources
from analysis.sources._pronouns import UNRESOLVED, name_gender


@pytest.fixture(scope="module")
def table():
    return actors.load_reference(ROOT / "data" / "actors.yml")


def extract(text: str, table) -> pd.DataFrame:
    """The quotes rows of a one-document corpus holding ``text``."""
    doc = Document(doc_id="t", outlet="NBC News", text=text)
    frames = textmod.segment("t", text)
    frames["mentions"] = actors.annotate(doc, frames, table)
    return sources.annotate(doc, frames, table)


def rows_of(rows: pd.DataFrame) -> list[tuple[str, str, str]]:
    return list(zip(rows["kind"], rows["speaker"], rows["quote"]))


# --- one attribution per sentence, and no attribution: the tables in unseen_patterns.yaml -------
CASES = yaml.safe_load((Path(__file__).with_name("unseen_patterns.yaml")).read_text(encoding="utf-8"))
ONE_ROW = CASES["one_row"]
NOT_ATTRIBUTIONS = CASES["not_attributions"]


@pytest.mark.parametrize("case", ONE_ROW.values(), ids=ONE_ROW.keys())
def test_one_attribution(table, case):
    text, want = case["text"], case["want"]
    rows = extract(text, table)
    assert len(rows) == 1, rows_of(rows)
    got = {col: rows.iloc[0][col] for col in want}
    assert got == want


@pytest.mark.parametrize("text", NOT_ATTRIBUTIONS.values(), ids=NOT_ATTRIBUTIONS.keys())
def test_not_an_attribution(table, text):
    assert extract(text, table).empty


@pytest.mark.parametrize(
    "text, surface, actor, speaker",
    [
        ("Peter Hart said the commute was short.", "Hart", "Gary Hart", "Peter Hart"),
        ("Freddy Ortega said the show was a hit.", "Freddy", "Freddy Trump", "Freddy Ortega"),
        ("Bill Hart said the commute was short.", "Hart", "William Hart", "William Hart"),
    ],
    ids=["given name clashes", "surname clashes", "a short form agrees"],
)
def test_a_written_name_that_clashes_with_the_actor_found(table, text, surface, actor, speaker):
    doc = Document(doc_id="t", outlet="NBC News", text=text)
    frames = textmod.segment("t", text)
    start = text.index(surface)
    frames["mentions"] = pd.DataFrame(
        {"start": [start], "end": [start + len(surface)], "actor": [actor], "actor_type": ["person"]}
    )
    assert sources.annotate(doc, frames, table)["speaker"].tolist() == [speaker]


# --- several attributions -------------------------------------------------------------------------
def test_another_said_continues_the_group(table):
    rows = extract("One voter said the line was long. Another said the polls opened late.", table)
    assert rows["speaker"].tolist() == ["voter", "voter"]
    assert rows["quote"].tolist() == ["the line was long", "the polls opened late"]


def test_a_participle_after_a_quote_tag_is_the_tag_speakers(table):
    text = '"The judge is biased," Tom Varga said at a rally in Springfield, adding that he would appeal.'
    assert rows_of(extract(text, table)) == [
        ("direct", "Tom Varga", "The judge is biased,"),
        ("indirect", "Tom Varga", "he would appeal"),
    ]


def test_a_participle_after_a_tag_introduces_a_second_quote(table):
    text = '"We are ready," Tom Varga said, adding: "The council will have our answer."'
    assert rows_of(extract(text, table)) == [
        ("direct", "Tom Varga", "We are ready,"),
        ("direct", "Tom Varga", "The council will have our answer."),
    ]


def test_a_prepositional_phrase_between_the_verb_and_that(table):
    text = 'Dan Moreau writes in the Ledger that the mayor shows "a stubborn streak and little patience."'
    assert rows_of(extract(text, table)) == [
        ("indirect", "Dan Moreau", 'the mayor shows "a stubborn streak and little patience."'),
        ("direct", "Dan Moreau", "a stubborn streak and little patience."),
    ]


# --- pronouns: gender and number agreement --------------------------------------------------------
def test_she_skips_the_man_quoted_last(table):
    text = 'Tom Reyes said the vote was close. Linda Moreno disagreed. "We will win this," she said.'
    assert extract(text, table)["speaker"].tolist() == ["Tom Reyes", "Linda Moreno"]


def test_he_with_no_man_before_it_is_left_unresolved(table):
    text = 'Linda Moreno spoke first. "We will win this," he said.'
    r = extract(text, table).iloc[0]
    assert (r.speaker, r.speaker_text) == (UNRESOLVED, "he")


def test_he_prefers_the_speaker_to_a_person_named_in_passing(table):
    text = "After lunch with Tom Reyes, Paul Grant said the talks went well. He also said a deal was close."
    assert extract(text, table)["speaker"].tolist() == ["Paul Grant", "Paul Grant"]


def test_it_said_goes_to_an_organisation_not_a_person(table):
    text = 'Tom Reyes attacked the Riverside Council. "We report facts," the council said. "We stand by it," it said.'
    rows = extract(text, table)
    assert "Tom Reyes" not in rows["speaker"].tolist()[1:]


def speakers_with_person_mentions(text: str, names: list[str], table) -> list[str]:
    """The speakers found in ``text`` when the actors stage gave exactly ``names``, all as people."""
    doc = Document(doc_id="t", outlet="NBC News", text=text)
    frames = textmod.segment("t", text)
    at = [text.index(n) for n in names]
    frames["mentions"] = pd.DataFrame(
        {
            "start": at,
            "end": [a + len(n) for a, n in zip(at, names)],
            "actor": names,
            "actor_type": ["person"] * len(names),
        }
    )
    return sources.annotate(doc, frames, table)["speaker"].tolist()


@pytest.mark.parametrize(
    "text, mistyped",
    [
        (
            'Tom Reyes arrived in 2011. He later ran the Near East division. "We were told to wait," he said.',
            "Near East",
        ),
        ('Tom Reyes spoke to the crowd. The Things Voters Said In 2015 were many. "We won," he said.', "Said In"),
    ],
    ids=["a place", "a function word in the name"],
)
def test_he_skips_a_found_name_that_is_no_person(table, text, mistyped):
    assert speakers_with_person_mentions(text, ["Tom Reyes", mistyped], table) == ["Tom Reyes"]


@pytest.mark.parametrize(
    "text, speakers",
    [
        ('Ohio Gov. Tom Brandt spoke at the debate. "That is not even an issue," he said.', ["Tom Brandt"]),
        (
            "Democratic presidential candidate Sen. Nora Vance (D-Md.) on Saturday criticized the deal, "
            'saying it "goes nowhere."',
            ["Nora Vance", "Nora Vance"],
        ),
        (
            "Democratic front-runner Nora Vance, also campaigning in Ohio, said the mayor was responsible.",
            ["Nora Vance"],
        ),
        (
            "Rep. Nora Vance (D-Md.), chair of the Rules Committee, said that the hearing was open to all.",
            ["Nora Vance"],
        ),
    ],
    ids=[
        "a dotted title before a full name is no surname",
        "descriptor words before a name in the subject of a participle",
        "descriptor words before a name then an appositive",
        "a party label before an appositive",
    ],
)
def test_the_person_named_in_a_long_subject(table, text, speakers):
    assert extract(text, table)["speaker"].tolist() == speakers


def test_he_continues_a_chain_of_he_past_a_name_after_it(table):
    text = (
        "Tom Reyes won the state. Though he did not mention Paul Grant by name, he made it clear that "
        'rivals should quit. "It is time to unite," he said.'
    )
    assert extract(text, table).query("kind == 'direct'")["speaker"].tolist() == ["Tom Reyes"]


def test_he_opening_a_sentence_continues_the_chain(table):
    text = (
        "Paul Grant said the race was over.\n\nTom Reyes never mentioned the mayor.\n\n"
        'He pointed only to his second place behind Paul Grant.\n\n"The tide was kind to us this week," he said.'
    )
    assert extract(text, table).query("kind == 'direct'")["speaker"].tolist() == ["Tom Reyes"]


def test_given_name_gender_list():
    assert (name_gender("Hillary Roe"), name_gender("Sen. Mike Doe"), name_gender("Mrs. Doe")) == (
        "female",
        "male",
        "female",
    )
    assert name_gender("Bernie Doe") == ""  # "mostly female" in the list: either pronoun


# --- quotation marks ----------------------------------------------------------------------------
def test_a_stray_quotation_mark_stops_at_the_sentence_end(table):
    text = 'Paul Grant said the "plan was fine. The next sentence is about the weather and nothing else.'
    direct = extract(text, table).query("kind == 'direct'")
    assert direct["quote"].tolist() == ["plan was fine."]


# --- quotations continued after a tag (issue 13, fifth round) -----------------------------------
@pytest.mark.parametrize(
    "text, speaker, parts",
    [
        (
            '"The ferry is late again," said Paul Becker, "and nobody will say why."',
            "Paul Becker",
            ["The ferry is late again,", "and nobody will say why."],
        ),
        (
            '"If the pier holds," Paul Becker said of the storm, "we will open on Monday."',
            "Paul Becker",
            ["If the pier holds,", "we will open on Monday."],
        ),
        (
            "''The pier is older than the town,'' Paul Becker said on ABC's ''Harbor Hour.'' ''No one pays.''",
            "Paul Becker",
            ["The pier is older than the town,", "No one pays."],
        ),
        (
            '"Nobody reads the minutes," Paul Becker told reporters. "What they read is the tide table on the door" '
            "and other issues.",
            "Paul Becker",
            ["Nobody reads the minutes,", "What they read is the tide table on the door"],
        ),
    ],
    ids=["after an inverted tag", "after a tag with an object", "after a title in marks", "opening a sentence"],
)
def test_quote_continued_after_tag(table, text, speaker, parts):
    rows = extract(text, table)
    direct = rows[rows["kind"] == "direct"]
    assert direct["quote"].tolist() == parts
    assert set(direct["speaker"]) == {speaker}


def test_short_quote_opening_a_sentence_is_not_continued(table):
    rows = extract('"We can win," Paul Becker said. "Meet the Press" host Jo Roe laughed.', table)
    assert rows["quote"].tolist() == ["We can win,"]


def test_reported_clause_runs_to_the_closing_mark(table):
    rows = extract('Paul Becker said the pier was "rotten at the base, you can see it. Rotten like a tooth."', table)
    indirect = rows[rows["kind"] == "indirect"]
    assert indirect["quote"].tolist() == ['the pier was "rotten at the base, you can see it. Rotten like a tooth."']
    assert rows["speaker"].tolist() == ["Paul Becker", "Paul Becker"]


@pytest.mark.parametrize(
    "text, quotes",
    [
        (
            '"Did everyone bring a lantern?" Paul Becker said. "Good, let us go!"',
            ["Did everyone bring a lantern?", "Good, let us go!"],
        ),
        ('"Go back to your seat," Paul Becker barked and a guard escorted the man out.', ["Go back to your seat,"]),
        (
            '"Who painted the lighthouse green?" tweeted Paul Becker, the nephew of the keeper.',
            ["Who painted the lighthouse green?"],
        ),
        ('"Can we win?" Paul Becker asked during a call with donors.', ["Can we win?"]),
    ],
    ids=["question, tag, quote", "a tag then 'and'", "an inverted 'tweeted'", "a question then an adverbial"],
)
def test_tags_after_questions_and_exclamations(table, text, quotes):
    rows = extract(text, table)
    direct = rows[rows["kind"] == "direct"]
    assert direct["quote"].tolist() == quotes
    assert set(direct["speaker"]) == {"Paul Becker"}
