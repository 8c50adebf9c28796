"""Rules of the found-actors pass added in round 7 (invented sentences and names)."""

from __future__ import annotations

from found_helpers import corpus, found

from analysis.actors import lexicon
from analysis.actors.found import observe
from analysis.actors.reference import parse_actors
from analysis.actors.stage import raw_matches


def runs(text: str) -> list[tuple[str, ...]]:
    return [r.words for r in observe(text).runs]


def actors(data: dict) -> set[str]:
    return {n for n in data if n != "not_actors"}


def one_actor_holds(data: dict, *names: str) -> bool:
    """Whether exactly one found actor is named by one of ``names`` and holds all of them."""
    named = [n for n in actors(data) if n in names]
    return len(named) == 1 and {named[0], *data[named[0]]["aliases"]} >= set(names)


def mentions_in(tmp_path, texts, doc_id: str = "d1"):
    """The mentions of one document of a corpus made of ``texts``."""
    m = corpus(tmp_path, *texts).mentions
    return m[m["doc_id"] == doc_id]


def test_a_person_noun_makes_a_person_of_an_unknown_given_name():
    assert lexicon.given_name_gender("Zorvan") is None
    data = found(
        "On the stage, the nominee Zorvan Telleck spoke for an hour. Later, Telleck said the plan was sound.",
        "Yesterday the nominee Zorvan Telleck was in town, and Telleck said little.",
    )
    assert data["Zorvan Telleck"]["type"] == "person"
    assert "Telleck" in data["Zorvan Telleck"]["aliases"]


def test_told_and_skipped_auxiliaries_show_a_one_word_name_acting():
    data = found(
        "A spokesman told Gazetteer on the phone that the deal was off.",
        "The mill was closed, as Gazetteer has reported in the past.",
        "A copy of Gazetteer was on the desk of the mayor.",
    )
    assert "Gazetteer" in data
    assert observe("the mayor was out, as Gazetteer recently reported.").runs[0].after == "reported"


def test_a_shorter_name_is_taken_where_the_longest_fails_the_case_rule():
    table = parse_actors(
        {
            "Lower Chamber": {"type": "government", "aliases": ["House"]},
            "Chamber Speaker": {"type": "person", "aliases": ["House Speaker"]},
        }
    )
    text = "Then the House speaker left the room."
    got = [(text[s:e], entry.actors) for s, e, entry in raw_matches(text, table)]
    assert got == [("House", ("Lower Chamber",))]


def test_a_state_before_a_party_makes_another_body(tmp_path):
    texts = [
        "In the spring, the Verdant Party said it would run in every county.",
        "On the radio, the Verdant Party said taxes would fall, and the Ohio Verdant Party agreed.",
        "Later the Verdant Party said the vote was fair.",
    ]
    m = mentions_in(tmp_path, texts)
    assert texts[1].index("Ohio Verdant Party") + len("Ohio ") not in set(m["start"])
    assert (m["actor"] == "Verdant Party").sum() == 1


def test_a_surname_before_an_institution_joins_the_institution():
    data = found(
        "The lawyer Marta Telleck spoke today, and the Treasury Department said nothing.",
        "Officials at the Treasury Department said the case was closed, and Marta Telleck agreed.",
        "The Treasury Department said more on Friday. Critics of the Telleck Treasury Department were loud.",
        "A memo from the Treasury Department was leaked, and the Telleck Treasury Department denied it.",
    )
    assert "Telleck Treasury Department" in data["Treasury Department"]["aliases"]
    assert "Telleck Treasury Department" not in data


def test_a_surname_before_white_house_joins_the_administration():
    data = found(
        "The lawyer Marta Telleck spoke today, and the Telleck administration said nothing.",
        "Officials in the Telleck administration said the case was closed, and Marta Telleck agreed.",
        "Aides in the Telleck White House were quiet, and the Telleck White House said less.",
    )
    assert "Telleck White House" in data["Telleck administration"]["aliases"]


def test_a_party_adjective_before_lower_case_party_is_the_party(tmp_path):
    texts = (
        "On the radio, the Republican Party said the vote was fair, and Republican party leaders agreed.",
        "The Republican Party said it would win, though Republican party officials were quiet.",
        "Later the Republican Party said the count was slow.",
    )
    data = found(*texts)
    # the two "Republican party" count for the party, and the case variant stays an alias for the matcher
    assert data["Republican Party"]["_count"] == 5
    assert data["Republican Party"]["aliases"] == ["Republican party"]
    assert "Republican" not in data and "Republican" not in data["not_actors"]
    m = corpus(tmp_path, *texts).mentions
    assert m.loc[m["surface"] == "Republican party", "actor"].tolist() == ["Republican Party"] * 2


def test_a_person_of_an_organisation_is_two_names():
    got = runs("then the reporter Jennifer Epstein of the Gazette News said the bill was dead.")
    assert got == [("Jennifer", "Epstein"), ("the", "Gazette", "News")]
    assert ("Bank", "of", "Arcadia") in runs("A loan from the Bank of Arcadia was repaid on time.")


def test_a_possessive_inside_a_run_ends_the_name():
    got = observe("in the end, Mike Ruddock's Wales won the game by a point.").runs
    assert [(r.words, r.possessive) for r in got] == [(("Mike", "Ruddock"), True), (("Wales",), False)]


def test_a_country_is_no_surname():
    assert {"Wales", "Korea", "Iran"} <= lexicon.countries()
    data = found(
        "The coach Neil Prosser said his side would win, and Neil Prosser Wales were ready.",
        "Under Neil Prosser Wales played well, and the coach Neil Prosser's Wales won the cup.",
    )
    people = [n for n in actors(data) if data[n]["type"] == "person"]
    assert people and all(not n.endswith("Wales") for n in people)


def test_plural_acronyms_are_not_actors():
    data = found(
        "The shop sold PCs on Monday. A PC said nothing, and the PC said more.",
        "Many MPs were upset, and the MPs said the shop sold PCs. The PC said it would act.",
        "Later the MPs voted on the bill, and the MPs said it would pass.",
    )
    assert "PC" not in data and "MPs" not in data
    assert "PC" in data["not_actors"]


def test_a_last_word_demonym_is_no_person():
    data = found(
        "On the pitch, London Irish said they would win, and London Irish beat the visitors.",
        "Later London Irish said the game was fair.",
    )
    assert "London Irish" not in data or data["London Irish"]["type"] != "person"
    assert "London Irish" in data["not_actors"]


def test_uk_party_plurals_and_nicknames():
    data = found(
        "On the radio, the Conservative Party said taxes would fall, and the Tories said more.",
        "The Conservative Party said it would win, and the Conservatives said so too.",
        "Then the Liberal Democrats said no, and the Lib Dems said it again.",
        "The Liberal Democrats said they would vote, as the Lib Dems said in the spring.",
    )
    assert {"Tories", "Conservatives"} <= set(data["Conservative Party"]["aliases"])
    assert one_actor_holds(data, "Liberal Democrats", "Lib Dems")


def test_an_initial_without_a_period_joins_the_full_name():
    data = found(
        "On the farm, George W Bush said the rain was late.",
        "Later George Bush said the harvest was good, and George W Bush agreed.",
        "At the fair, George W. Bush said the corn was tall, and George W. Bush left.",
    )
    people = [n for n in actors(data) if n.startswith("George")]
    assert people == ["George Bush"]
    assert {"George W Bush", "George W. Bush"} <= set(data["George Bush"]["aliases"])


def test_a_royal_title_makes_its_own_person():
    data = found(
        "At the fair, Tom Aldric said the beer was fine, and Prince Aldric arrived late.",
        "Then Tom Aldric left, and Prince Aldric said the fair was fun.",
    )
    assert data["Prince Aldric"]["type"] == "person"
    assert "Prince Aldric" not in data["Tom Aldric"]["aliases"]


def test_an_honorific_of_the_other_gender_is_not_his_surname(tmp_path):
    texts = [
        "On the hill, Walter Pennock said the road was closed, and Pennock left.",
        "Later Walter Pennock said the road was open, and Pennock smiled.",
        "At the gate, Mrs Pennock waved, and then Mr Pennock waved back.",
    ]
    m = mentions_in(tmp_path, texts, "d2")
    assert list(zip(m["surface"], m["actor"])) == [("Mr Pennock", "Walter Pennock")]


def test_an_honorific_holds_only_against_a_sure_gender(tmp_path):
    assert lexicon.sure_gender("Jody") is None and lexicon.given_name_gender("Jody") == "female"
    texts = [
        "On the hill, Jody Marsh said the road was closed, and Marsh left.",
        "Later Jody Marsh said the road was open, and Marsh smiled.",
        "At the gate, Greta Marsh spoke first. Then Mr. Marsh said the gate was open.",
        "Greta Marsh said the gate had been shut for a week.",
    ]
    m = mentions_in(tmp_path, texts, "d2")
    assert list(zip(m["surface"], m["actor"])) == [
        ("Greta Marsh", "Greta Marsh"),
        ("Marsh", "Jody Marsh"),
    ]  # after "Mr."


def test_a_title_before_an_organisation_word_stays():
    data = found(
        "On the radio, General Motors said the plant would close, and workers were upset.",
        "Later General Motors said the plant would stay open.",
    )
    assert "General Motors" in data
    assert "Motors" not in data


def test_a_bare_surname_goes_to_the_name_written_before_it(tmp_path):
    texts = [
        "Walter Pennock won the county. Pennock thanked Greta Pennock, his niece.",
        "On the farm, Greta Pennock said the harvest was good, and Walter Pennock agreed.",
    ]
    m = mentions_in(tmp_path, texts, "d0")
    at = texts[0].index("Pennock thanked")
    assert m.loc[m["start"] == at, "actor"].tolist() == ["Walter Pennock"]


def test_a_given_name_acting_often_is_an_organisation():
    assert lexicon.given_name_gender("Chelsea") is not None
    data = found(
        "On the night, Chelsea beat the visitors, and the Chelsea manager was pleased.",
        "Later Chelsea won again, and the Chelsea fans sang in the rain.",
        "In the cup, Chelsea lost to the hosts, though Chelsea said the game was fair.",
    )
    assert "Chelsea" in data
    assert data["Chelsea"]["type"] != "person"


def test_two_namesakes_written_twice_are_kept_under_a_large_corpus_threshold():
    filler = ["the rain fell on the town, and the river rose a little."] * 600
    data = found(
        *filler,
        "On the pitch, Ashley Corrow scored early in the game.",
        "Later Ashley Corrow was booked by the referee.",
        "On the bench, Joe Corrow sat out the game.",
        "Later Joe Corrow came on in the rain.",
    )
    assert {"Ashley Corrow", "Joe Corrow"} <= actors(data)


def test_function_words_are_no_phrases_of_the_found_table_and_hyphenated_descriptors_no_names(tmp_path):
    texts = (
        "The vote was late, and Walter Pennock said the count of the ballots was slow.",
        "In the end, the team of the year had won, and Walter Pennock was there. "
        "Man-of-the-match Pennock smiled at the crowd as they sang.",
    )
    data = found(*texts)
    assert not {"The", "the", "of", "In"} & set(data["not_actors"])
    m = corpus(tmp_path, *texts).mentions
    assert m.loc[m["doc_id"] == "d1", "surface"].tolist() == ["Walter Pennock", "Pennock"]


def test_the_first_part_of_a_hyphenated_surname_is_a_short_form():
    data = found(
        "On the radio, Robert Penhale-Vance said the party would stand, and Penhale-Vance left.",
        "Later Robert Penhale-Vance said the seats were safe, and Penhale later said more.",
    )
    assert "Penhale" in data["Robert Penhale-Vance"]["aliases"]
