"""The sources stage on patterns first seen on unseen news (issue 13), one invented sentence each.

Every sentence here is made up; none comes from PolNeAR or any other corpus. The accuracy these
patterns reach on unseen text is measured by ``benchmarks/polnear_sources.py``, not here.
"""

from __future__ import annotations

import pandas as pd
import pytest
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


# --- one attribution per sentence: the sentence and the fields of its only row ------------------
ONE_ROW = {
    # tags with a descriptor, apposition or time word
    "descriptor before the name after a quote": (
        '"The waiting list keeps growing," psychologist Maria Delgado says.',
        dict(kind="direct", speaker="Maria Delgado", quote="The waiting list keeps growing,"),
    ),
    "long tag with a title and a place": (
        '"We are ready for the vote," party running mate Gov. Tom Becker of Oregon told a radio show.',
        dict(speaker="Tom Becker"),
    ),
    "apposition between name and verb": (
        "Walter Brisk, the mayor's top backer, said the budget would pass.",
        dict(kind="indirect", speaker="Walter Brisk", quote="the budget would pass"),
    ),
    "group descriptor with a time word": (
        "Brandt campaign allies argued Tuesday that the plan was unfair.",
        dict(speaker="brandt campaign allies", speaker_type="anonymous", quote="the plan was unfair"),
    ),
    "surname before a person appositive": (
        "Kessler, a former county party director, said the turnout was low.",
        dict(speaker="Kessler", speaker_type="named", quote="the turnout was low"),
    ),
    "surname of a person named in full, then a place": (
        "Maria Kessler spoke on Monday. Kessler, during a visit to Dayton, Ohio, said the plant would stay open.",
        dict(speaker="Maria Kessler", quote="the plant would stay open"),
    ),
    "a role of an organisation is not a name": (
        "Kessler, executive director of Friends of the River, said she hopes for rain.",
        dict(speaker="Kessler", speaker_type="named"),
    ),
    "the person before an age and a home town": (
        "Brianne Stowe, 29, of Huntsville, Ala., says her concern is the climate.",
        dict(speaker="Brianne Stowe", quote="her concern is the climate"),
    ),
    "the person before a city and state": (
        "Stacy Barker of Columbia, South Carolina says she will vote early.",
        dict(speaker="Stacy Barker", quote="she will vote early"),
    ),
    "the person before an appositive and a relative clause": (
        "Willie Mandel, an actor in Dallas, who runs a theater, recalled that he called his lenders.",
        dict(speaker="Willie Mandel", quote="he called his lenders"),
    ),
    "a descriptor before the name after the verb": (
        '"The plan was never going to work," said state university political scientist Brenda Harlow.',
        dict(kind="direct", speaker="Brenda Harlow", speaker_type="named"),
    ),
    "a party label between name and verb after a quote": (
        '"We will fight this," Sen. Harry Reed (D-Nev.) said in a statement.',
        dict(kind="direct", speaker="Harry Reed", quote="We will fight this,"),
    ),
    "a party noun as the head of a descriptor": (
        '"It was a close call," said one Ohio Democrat.',
        dict(kind="direct", speaker="ohio democrat", speaker_type="anonymous"),
    ),
    "a share of a group": (
        "Half of the county voters said they were angry.",
        dict(speaker="half of the county voters", speaker_type="anonymous", quote="they were angry"),
    ),
    "current and former officials with a place": (
        "Current and former officials in the bureau have said the inquiry is open.",
        dict(speaker="current and former officials in the bureau", quote="the inquiry is open"),
    ),
    "a supporter of a known person is not that person": (
        "A Hegseth supporter said the rally was full.",
        dict(speaker="hegseth supporter", speaker_type="anonymous"),
    ),
    "a role noun refers to the person just named": (
        "Jane Roe spoke. The senator urged voters to stay home.",
        dict(speaker="Jane Roe", quote="voters to stay home"),
    ),
    "a plain noun phrase before insisted that": (
        "Local shop owners insisted that the road stay open.",
        dict(speaker="local shop owners", speaker_type="anonymous", quote="the road stay open"),
    ),
    # cues outside the verb lists
    "recalled that": (
        "Dana Whitfield recalled that the meeting ended early.",
        dict(kind="indirect", speaker="Dana Whitfield", quote="the meeting ended early"),
    ),
    "quoted someone as saying": (
        "The paper quoted Ms. Ortiz as saying the deal was dead.",
        dict(speaker="Ortiz", verb="quoted as saying", quote="the deal was dead"),
    ),
    "calling the move a quoted phrase": (
        'Lena Marsh criticized the decision, calling the move "deeply troubling."',
        dict(kind="direct", speaker="Lena Marsh", quote="deeply troubling."),
    ),
    "calling after a clause with a place": (
        'Speaking at a fair in Salem, Oregon, Tom Varga went after the mayor, calling him "a total disaster."',
        dict(kind="direct", speaker="Tom Varga", quote="a total disaster."),
    ),
    "accused X of": (
        "Mayor Jane Roe accused the council of hiding the costs.",
        dict(speaker="Jane Roe", verb="accused", quote="the council of hiding the costs"),
    ),
    "vowed to": ("Tom Doe vowed to fight on.", dict(speaker="Tom Doe", quote="to fight on")),
    "announced a noun phrase": (
        "The company announced a new tariff on steel.",
        dict(speaker="company", speaker_type="organization", quote="a new tariff on steel"),
    ),
    "asked whether": (
        "Jane Roe asked whether the bridge would reopen.",
        dict(speaker="Jane Roe", quote="whether the bridge would reopen"),
    ),
    "pointed out that": (
        "Jane Roe pointed out that the fund was empty.",
        dict(speaker="Jane Roe", verb="pointed out", quote="the fund was empty"),
    ),
    "joked that": ("Tom Doe joked that the bus was late again.", dict(speaker="Tom Doe", verb="joked")),
    "relative clause who said": (
        "Jane Roe, who said the plan would fail, voted no on Tuesday.",
        dict(speaker="Jane Roe", quote="the plan would fail"),
    ),
    "a short object before a colon and a quote": (
        'Lena Singh explained it this way: "It is like a long queue."',
        dict(kind="direct", speaker="Lena Singh", quote="It is like a long queue."),
    ),
    "a shout as a tag": ('"Stop the cuts!" protesters shouted.', dict(kind="direct", speaker="protesters")),
    "a curly opening closed by a straight mark": (
        'Tom Doe spoke at noon. “We will win,"  he said.',
        dict(kind="direct", speaker="Tom Doe", quote="We will win,"),
    ),
    # round-up formats
    "round-up dash byline after a quote": (
        '"Nobody on that stage answered the question about wages."\n― Peter Alvarez',
        dict(kind="direct", speaker="Peter Alvarez", quote="Nobody on that stage answered the question about wages."),
    ),
    "round-up name, role, colon": (
        "Who won the debate?\nKaren Holt, author: The debate showed that both parties are tired.",
        dict(kind="indirect", speaker="Karen Holt", quote="The debate showed that both parties are tired"),
    ),
    # subjects that are not names
    "the two said": (
        "Ana Ruiz and Carl Bender met on Monday. The two said they would meet again.",
        dict(kind="indirect", speaker="the two", quote="they would meet again"),
    ),
    "a person's campaign said": (
        "Maria Lopez's campaign said the ad was misleading.",
        dict(speaker="Maria Lopez campaign", speaker_type="organization", quote="the ad was misleading"),
    ),
    "a job posting said": (
        "A job posting said the office needs three organizers.",
        dict(speaker="job posting", speaker_type="document"),
    ),
    "officials said without a comma": (
        "The warrant was served at the house on Friday officials said.",
        dict(kind="indirect", speaker="officials", quote="The warrant was served at the house on Friday"),
    ),
    "a plain noun phrase before said": (
        "Most of the candidates said they support the plan.",
        dict(speaker="most of the candidates", speaker_type="anonymous", quote="they support the plan"),
    ),
    # what is not taken for an attribution
    "a programme title in quotation marks": (
        'Ms. Ortiz said on "Meet the Press" that the plan was sound.',
        dict(kind="indirect", speaker="Ortiz", quote="the plan was sound"),
    ),
    "said as he entered the talks": (
        "Paul Grant said Friday as he entered the talks that a deal was close.",
        dict(kind="indirect", speaker="Paul Grant", quote="a deal was close"),
    ),
    "told an outlet keeps the person": ('"We will not back down," Rita Gomez told NBC.', dict(speaker="Rita Gomez")),
    "a title and party label": (
        "Sen. Ben Sasso (R-Neb.) said the bill would fail.",
        dict(kind="indirect", speaker="Ben Sasso", quote="the bill would fail"),
    ),
}
NOT_ATTRIBUTIONS = {
    "wrote back to him": "Jane Holt wrote back to him within the hour.",
    "a passive speech verb": "Tom Doe was asked about the merger.",
    "a negated speech verb": "Jane Roe did not mention the mayor by name.",
    "asked questions about a topic": "The firm asked questions about the contract.",
}


@pytest.mark.parametrize("text, want", ONE_ROW.values(), ids=ONE_ROW.keys())
def test_one_attribution(table, text, want):
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
