"""Rules of the found-actors pass added in round 8, from the held-out NYT editorials' errors
(invented sentences and names)."""

from __future__ import annotations

from found_helpers import found

from analysis.actors.merge import _place_demonym, _title_key


def actors(data: dict) -> set[str]:
    return {n for n in data if n != "not_actors"}


def test_titles_alone_are_no_actor():
    data = found(
        "The Vice President was in Ohio. Later the Vice President spoke, and the Comptroller replied.",
        "A new Vice President was chosen; the Comptroller said the books were fine, and the Comptroller left.",
        "She wanted the Vice Presidential slot, and the Vice Presidency was open to the Comptroller.",
    )
    assert not actors(data) & {"Vice President", "President", "Comptroller", "Vice Presidential", "Vice Presidency"}


def test_a_title_before_a_name_still_cuts_off():
    data = found(
        "Vice President Orla Venmarck spoke on Monday. Later, Venmarck said the plan was sound.",
        "Vice President Orla Venmarck was in town, and Venmarck said little.",
    )
    assert "Orla Venmarck" in data
    assert "Venmarck" in data["Orla Venmarck"]["aliases"]


def test_president_elect_is_the_president_title():
    assert _title_key("President-elect") == "president"
    data = found(
        "President Tobin Harrowgate spoke. Later, President-elect Harrowgate had said the same.",
        "Tobin Harrowgate met President-elect Harrowgate's aides.",
    )
    assert "President-elect Harrowgate" not in actors(data)


def test_abbreviated_and_spelt_titles_pick_the_same_holder():
    # Two men named Quillan; only Nerio is written with the governor's title, so "Governor Quillan"
    # is his even in a document naming neither, and though Dario is written more often.
    data = found(
        "Gov. Nerio Quillan vetoed the bill. Quillan said it cost too much.",
        "Dario Quillan, a lawyer, wrote a book. Dario Quillan is his son; Mr. Quillan said so.",
        "Dario Quillan spoke again, and Dario Quillan left.",
        "Governor Quillan was in Albany on Monday, and Governor Quillan said little.",
    )
    assert "Governor Quillan" in data["Nerio Quillan"]["aliases"]
    assert "Governor Quillan" not in data["Dario Quillan"].get("default_for", [])


def test_a_places_people_are_no_actor():
    assert _place_demonym("new yorker") and _place_demonym("texans") and _place_demonym("ohioan")
    assert not _place_demonym("morgan") and not _place_demonym("reagan") and not _place_demonym("dylan")
    data = found(
        "Every New Yorker knows the subway. A New Yorker said so, as New Yorkers do.",
        "The New Yorker next door said the rent was too high, and a New Yorker agreed.",
    )
    assert not actors(data) & {"New Yorker", "New Yorkers", "Yorker"}
