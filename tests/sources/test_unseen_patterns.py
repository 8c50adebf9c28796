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


# --- tags with a descriptor, apposition or time word ----------------------------------------------
def test_descriptor_before_the_name_after_a_quote(table):
    rows = extract('"The waiting list keeps growing," psychologist Maria Delgado says.', table)
    assert rows_of(rows) == [("direct", "Maria Delgado", "The waiting list keeps growing,")]


def test_long_tag_with_a_title_and_a_place(table):
    rows = extract(
        '"We are ready for the vote," party running mate Gov. Tom Becker of Oregon told a radio show.', table
    )
    assert rows["speaker"].tolist() == ["Tom Becker"]


def test_apposition_between_name_and_verb(table):
    rows = extract("Walter Brisk, the mayor's top backer, said the budget would pass.", table)
    assert rows_of(rows) == [("indirect", "Walter Brisk", "the budget would pass")]


def test_group_descriptor_with_a_time_word(table):
    rows = extract("Brandt campaign allies argued Tuesday that the plan was unfair.", table)
    r = rows.iloc[0]
    assert (r.speaker, r.speaker_type, r.quote) == ("brandt campaign allies", "anonymous", "the plan was unfair")


# --- cues outside the verb lists ------------------------------------------------------------------
def test_recalled_that(table):
    rows = extract("Dana Whitfield recalled that the meeting ended early.", table)
    assert rows_of(rows) == [("indirect", "Dana Whitfield", "the meeting ended early")]


def test_quoted_someone_as_saying(table):
    r = extract("The paper quoted Ms. Ortiz as saying the deal was dead.", table).iloc[0]
    assert (r.speaker, r.verb, r.quote) == ("Ortiz", "quoted as saying", "the deal was dead")


def test_calling_the_move_a_quoted_phrase(table):
    rows = extract('Lena Marsh criticized the decision, calling the move "deeply troubling."', table)
    assert rows_of(rows) == [("direct", "Lena Marsh", "deeply troubling.")]


# --- round-up formats -----------------------------------------------------------------------------
def test_roundup_dash_byline_after_a_quote(table):
    rows = extract('"Nobody on that stage answered the question about wages."\n― Peter Alvarez', table)
    assert rows_of(rows) == [("direct", "Peter Alvarez", "Nobody on that stage answered the question about wages.")]


def test_roundup_name_role_colon(table):
    text = "Who won the debate?\nKaren Holt, author: The debate showed that both parties are tired."
    assert rows_of(extract(text, table)) == [
        ("indirect", "Karen Holt", "The debate showed that both parties are tired")
    ]


# --- subjects that are not names ------------------------------------------------------------------
def test_another_said_continues_the_group(table):
    rows = extract("One voter said the line was long. Another said the polls opened late.", table)
    assert rows["speaker"].tolist() == ["voter", "voter"]
    assert rows["quote"].tolist() == ["the line was long", "the polls opened late"]


def test_the_two_said(table):
    rows = extract("Ana Ruiz and Carl Bender met on Monday. The two said they would meet again.", table)
    assert rows_of(rows) == [("indirect", "the two", "they would meet again")]


def test_a_persons_campaign_said(table):
    r = extract("Maria Lopez's campaign said the ad was misleading.", table).iloc[0]
    assert (r.speaker, r.speaker_type, r.quote) == ("Maria Lopez campaign", "organization", "the ad was misleading")


def test_a_job_posting_said(table):
    r = extract("A job posting said the office needs three organizers.", table).iloc[0]
    assert (r.speaker, r.speaker_type) == ("job posting", "document")


def test_officials_said_without_a_comma(table):
    rows = extract("The warrant was served at the house on Friday officials said.", table)
    assert rows_of(rows) == [("indirect", "officials", "The warrant was served at the house on Friday")]


# --- pronouns: gender and number agreement --------------------------------------------------------
def test_she_skips_the_man_quoted_last(table):
    text = 'Tom Reyes said the vote was close. Linda Moreno disagreed. "We will win this," she said.'
    assert extract(text, table)["speaker"].tolist() == ["Tom Reyes", "Linda Moreno"]


def test_he_with_no_man_before_it_is_left_unresolved(table):
    text = 'Linda Moreno spoke first. "We will win this," he said.'
    r = extract(text, table).iloc[0]
    assert (r.speaker, r.speaker_text) == (UNRESOLVED, "he")


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


# --- what is not an attribution -------------------------------------------------------------------
def test_programme_titles_in_quotation_marks_are_not_quotes(table):
    rows = extract('Ms. Ortiz said on "Meet the Press" that the plan was sound.', table)
    assert rows_of(rows) == [("indirect", "Ortiz", "the plan was sound")]


def test_wrote_back_to_him_has_no_content(table):
    assert extract("Jane Holt wrote back to him within the hour.", table).empty


def test_said_as_he_entered_the_talks_is_not_the_content(table):
    rows = extract("Paul Grant said Friday as he entered the talks that a deal was close.", table)
    assert rows_of(rows) == [("indirect", "Paul Grant", "a deal was close")]


def test_told_an_outlet_keeps_the_person_as_speaker(table):
    rows = extract('"We will not back down," Rita Gomez told NBC.', table)
    assert rows["speaker"].tolist() == ["Rita Gomez"]


def test_a_title_and_party_label_do_not_become_the_speaker(table):
    rows = extract("Sen. Ben Sasso (R-Neb.) said the bill would fail.", table)
    assert rows_of(rows) == [("indirect", "Ben Sasso", "the bill would fail")]


def test_a_stray_quotation_mark_stops_at_the_sentence_end(table):
    text = 'Paul Grant said the "plan was fine. The next sentence is about the weather and nothing else.'
    direct = extract(text, table).query("kind == 'direct'")
    assert direct["quote"].tolist() == ["plan was fine."]


def test_a_plain_noun_phrase_before_said_is_an_anonymous_group(table):
    r = extract("Most of the candidates said they support the plan.", table).iloc[0]
    assert (r.speaker, r.speaker_type, r.quote) == ("most of the candidates", "anonymous", "they support the plan")
