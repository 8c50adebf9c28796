"""Names with particles and the Arabic article: "Ursula von der Leyen", "Bashar al-Assad" (invented sentences)."""

from __future__ import annotations

from found_helpers import found, people


def test_a_full_name_with_particles_is_a_person_and_its_surname_with_them_an_alias():
    data = found(
        "Greta von der Marwitz said the plan was sound and that it would work. Von der Marwitz added that talks "
        "would resume in the coming weeks.",
        "On Monday, Greta von der Marwitz met the press in the morning. Later von der Marwitz left for the airport.",
    )
    assert data["Greta von der Marwitz"]["type"] == "person"
    assert {"Von der Marwitz", "von der Marwitz"} <= set(data["Greta von der Marwitz"]["aliases"])


def test_one_particle_and_a_capitalised_particle_mid_sentence():
    data = found(
        "Walter de Vries said that the city would stand firm against the plan. De Vries added that he was sure.",
        "In the morning Walter de Vries spoke to the crowd in the square. Later, the crowd heard De Vries again.",
    )
    assert data["Walter de Vries"]["type"] == "person"
    assert "De Vries" in data["Walter de Vries"]["aliases"]


def test_a_surname_with_and_without_the_arabic_article_is_one_person():
    data = found(
        "Karim al-Hadithi said the canal was open to ships from all over the world. The canal, Hadithi added, "
        "would stay open.",
        "Yesterday the minister, Karim Hadithi, spoke to the crowd in the capital. After that Hadithi left early.",
        "Karim al-Hadithi returned to the capital on the night train with his aides.",
    )
    assert [n for n in people(data) if "Hadithi" in n] == ["Karim al-Hadithi"]
    assert {"Karim Hadithi", "Hadithi"} <= set(data["Karim al-Hadithi"]["aliases"])


def test_a_particle_short_form_goes_only_to_a_name_with_that_particle():
    data = found(
        "Jim Pardoe said the band was ready for the tour in the spring. Pardoe added that the album was done.",
        "Later Jim Pardoe met the press in the hall. The crowd cheered for Van Pardoe, a singer from the north.",
    )
    entry = data["Jim Pardoe"]
    assert "Van Pardoe" not in entry["aliases"] + entry.get("references", [])


def test_places_and_groups_with_particles_are_no_people():
    data = found(
        "The delegates flew to Rio de Janeiro for the talks and stayed in the city for a week.",
        "Later the talks in Rio de Janeiro ended, and fighters of Ansar al-Sharia were seen in the hills again.",
        "Ansar al-Sharia said the attack was over, and the talks in the city went on without it.",
    )
    assert not people(data) & {"Rio de Janeiro", "Ansar al-Sharia", "Rio Janeiro", "Ansar Sharia"}
