"""Actors found in a corpus's own text, and the actors file as overrides (invented sentences)."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from found_helpers import corpus, found, people

import analysis
from analysis.actors.merge import found_data
from analysis.actors.overrides import FOUND_DIR, apply_overrides, found_for, to_table


def test_surname_after_full_name_joins_the_person():
    data = found("Senator Margaret Holloway spoke on Monday. Later, Holloway said the vote would pass.")
    assert "Holloway" in data["Margaret Holloway"]["aliases"]
    assert data["Margaret Holloway"]["type"] == "person"


def test_title_forms_and_middle_initials():
    data = found(
        "Margaret T. Holloway arrived. Mrs. Holloway said the plan would work.",
        "Margaret Holloway left early. Sen. Holloway did not comment.",
    )
    entry = data["Margaret Holloway"]
    assert {"Margaret T. Holloway", "Mrs. Holloway", "Sen. Holloway"} <= set(entry["aliases"])


def test_acronym_joins_its_long_form():
    data = found(
        "The Federal Water Authority (FWA) said it would act. The FWA said more on Tuesday.",
        "Officials at the Federal Water Authority said nothing.",
    )
    names = {n for n in data if n != "not_actors"}
    group = [n for n in names if n in ("FWA", "Federal Water Authority")]
    assert len(group) == 1
    assert {group[0], *data[group[0]]["aliases"]} >= {"FWA", "Federal Water Authority"}


def test_people_sharing_a_surname_stay_apart_and_the_bare_surname_is_not_merged():
    data = found(
        "Walter Brennick and Joan Brennick spoke. Brennick said the farm was sold.",
        "Walter Brennick said he would run. Brennick added more.",
        "Joan Brennick said she would not. Brennick declined to comment.",
    )
    assert "Walter Brennick" in data and "Joan Brennick" in data
    assert "Brennick" not in data["Walter Brennick"]["aliases"] + data["Joan Brennick"]["aliases"]
    assert "Brennick" in data["Walter Brennick"]["references"] and "Brennick" in data["Joan Brennick"]["references"]


def test_bare_surname_resolves_by_document(tmp_path):
    c = corpus(
        tmp_path,
        "Walter Brennick said he would run. Brennick added more.",
        "Joan Brennick said she would not. Brennick declined to comment.",
        "Walter Brennick and Joan Brennick spoke, the council said.",
    )
    m = c.mentions[c.mentions["surface"] == "Brennick"].set_index("doc_id")["actor"]
    assert m["d0"] == "Walter Brennick" and m["d1"] == "Joan Brennick"


def test_role_resolves_to_the_one_holder(tmp_path):
    texts = ["President Alma Ferreira spoke today. The president said taxes would fall."] * 3
    c = corpus(tmp_path, *texts, "Nobody was named here. The president was absent, the clerk said.")
    m = c.mentions
    assert (m.loc[m["surface"].str.lower() == "the president", "actor"] == "Alma Ferreira").sum() == 3
    assert "d3" not in set(m["doc_id"])


def test_no_junk():
    data = found(
        "On Monday the Republican voters of Ohio met. But Christmas came early in December.",
        "Photo by Lena Ortiz / Getty Images",
        "Farm Prices Rise Again As Winter Ends",
        "On Monday the Democratic voters met again in Ohio.",
    )
    names = {n for n in data if n != "not_actors"}
    assert not names & {"Monday", "Republican", "Ohio", "But", "Christmas", "December", "Lena Ortiz", "Farm Prices"}


def test_overrides_rename_merge_retype_ignore_and_split():
    data = {
        "Margaret Holloway": {"type": "person", "aliases": ["Holloway"], "_count": 5},
        "Holloway Farms": {"type": "organization", "aliases": ["HF"], "_count": 3},
        "Glenwood": {"type": "organization", "aliases": [], "_count": 2},
        "not_actors": [],
    }
    got = apply_overrides(
        data,
        {
            "Senator Holloway": {"from": "Margaret Holloway", "aliases": ["Meg"]},
            "Holloway Farms": {"type": "company", "merge": ["Glenwood"]},
            "Meg Holloway fan club": {"type": "organization", "aliases": ["Holloway"]},
            "ignore": [],
        },
    )
    table = to_table(got, "test")
    assert table.lookup("Meg").name == "Senator Holloway"
    assert table.lookup("Margaret Holloway").name == "Senator Holloway"
    assert table.lookup("Glenwood").name == "Holloway Farms" and table.actors["Holloway Farms"].type == "company"
    assert table.lookup("Holloway").name == "Meg Holloway fan club"
    ignored = to_table(apply_overrides(data, {"ignore": ["Glenwood"]}), "test")
    assert "Glenwood" not in ignored.actors and "Glenwood" in ignored.not_actors


def test_override_naming_an_unknown_found_actor_is_an_error():
    with pytest.raises(ValueError, match="'Nobody' .*not a found actor"):
        apply_overrides({"not_actors": []}, {"X": {"type": "person", "from": "Nobody"}})


def test_seed_corpus_keeps_its_file(seeds):
    assert seeds.reference.paths["actors"].name == "actors.yml"
    assert "Pete Hegseth" in seeds.reference.objects["actors"].actors


def test_suggest_round_trips(tmp_path):
    from analysis.actors.suggest import suggest

    texts = [
        "Margaret Holloway said the Federal Water Authority (FWA) was late. Holloway spoke on Monday.",
        "Mrs. Holloway said the FWA would answer. Walter Brennick agreed, Brennick said.",
        "Walter Brennick spoke to the Federal Water Authority again.",
    ]
    rows = [{"doc_id": f"d{i}", "outlet": "Gazette", "text": t} for i, t in enumerate(texts)]
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False)
    text = suggest(tmp_path / "c.csv")
    assert text.startswith("# Actors found in") and "mentions" in text
    (tmp_path / "mine.yml").write_text(text, encoding="utf-8")
    yaml.safe_load(text)
    first = analysis.load_corpus(tmp_path / "c.csv", cache=tmp_path / "a").reference.objects["actors"]
    again = analysis.load_corpus(tmp_path / "c.csv", actors=tmp_path / "mine.yml", cache=tmp_path / "b")
    assert again.reference.objects["actors"].actors == first.actors


def test_found_data_is_cached_by_content(tmp_path):
    from analysis.documents import Document

    docs = [
        Document(
            doc_id="d0",
            outlet="Gazette",
            text="Senator Margaret Holloway spoke on Monday. Later, Holloway said the vote would pass.",
        )
    ]
    first = found_for(docs, tmp_path)
    (entry,) = _found_files(tmp_path)
    assert found_for(docs, tmp_path) == first
    other = [
        Document(
            doc_id="d0",
            outlet="Gazette",
            text="Senator Margaret Quinlan spoke on Monday. Later, Quinlan said the vote would pass.",
        )
    ]
    assert "Margaret Quinlan" in found_for(other, tmp_path)
    assert len(_found_files(tmp_path)) == 2 and entry.is_file()


def _found_files(folder) -> list:
    return [p for p in (folder / FOUND_DIR).glob("*.json") if not p.name.startswith(("observed-", "prints-"))]


def test_after_an_edit_only_the_edited_document_is_read_again(tmp_path, monkeypatch):
    from analysis.actors import found as found_mod
    from analysis.documents import Document

    texts = [
        "Senator Margaret Holloway spoke on Monday. Later, Holloway said the vote would pass.",
        "Tobias Renfield opened the bakery. Renfield said the bread sold out. Tobias Renfield smiled.",
    ]
    docs = [Document(doc_id=f"d{i}", outlet="Gazette", text=t) for i, t in enumerate(texts)]
    found_for(docs, tmp_path)
    read: list[str] = []
    real = found_mod.observe
    monkeypatch.setattr(found_mod, "observe", lambda text: read.append(text) or real(text))
    edited = [docs[0], Document(doc_id="d1", outlet="Gazette", text=texts[1] + " Cora Renfield, his cousin, agreed.")]
    again = found_for(edited, tmp_path)
    assert read == [edited[1].text]
    assert again == found_data([real(d.text) for d in edited])


def test_a_day_ends_a_name_run():
    data = found(
        "Supporters of Ted Cruz gathered early. Ted Cruz Super Tuesday rallies drew crowds.",
        "Later, Ted Cruz said he would win.",
    )
    assert "Ted Cruz Super" not in data and data["Ted Cruz"]["_count"] == 3


def test_a_new_sentence_after_a_day_word_starts_a_fresh_run():
    data = found("Paul Quinlan spoke on Tuesday. But Quinlan left early. Later, Mr. Quinlan said he would return.")
    assert "But Quinlan" not in data and "Paul Quinlan" in data


def test_a_run_of_lower_case_words_is_no_person():
    data = found(
        "A banner read Jeb Can Fix It all week. It can fix it, and it can fix more than it did.",
        "It was loud. It can be fixed, it said, and it can be fixed again. Jeb Marlowe spoke.",
        "A banner read Jeb Can Fix It again. " + "It said it can fix it, and it can. " * 4,
    )
    assert not {n for n in people(data) if n.startswith("Jeb Can")}
    assert all("It" not in e.get("aliases", []) for n, e in data.items() if n != "not_actors")


def test_a_function_word_in_front_of_a_name_is_cut_off():
    data = found(
        "Here Quinlan stood firm. here it is, here we go, and here they come again.",
        "Nadia Quinlan spoke here. Quinlan said here was the place.",
    )
    assert "Here Quinlan" not in data
    assert "Quinlan" in data["Nadia Quinlan"]["aliases"]  # no rival "Here Quinlan" keeps it a mere reference


def test_an_outlet_in_front_of_a_full_name_is_cut_off():
    data = found(
        "Asked on Fox Chris Wallace pressed the senator. Fox said so.",
        "Later Chris Wallace said the interview was over. Fox reported it.",
    )
    assert "Fox Chris Wallace" not in data
    assert "Chris Wallace" in people(data)


def test_treaties_generic_acronyms_and_places_are_no_actors():
    data = found(
        "The Geneva Convention applies, the judge said. The Geneva Convention said nothing new.",
        "A super PAC said it would spend. The PAC said more. The PAC announced ads in the Sunshine State.",
        "Voters in the Sunshine State said they would turn out. The Sunshine State said yes.",
    )
    assert not {"Geneva Convention", "PAC"} & set(data)
    assert "Sunshine State" not in people(data)


def test_a_person_and_an_organisation_joined_by_and_are_two_names():
    data = found(
        "Margaret Holloway and the State Department disagreed. The State Department said no.",
        "Margaret Holloway said the State Department was wrong.",
    )
    assert "Margaret Holloway" in people(data)
    assert not [n for n in data if "Holloway and" in n]
    assert any(n in ("State Department", "Department of State") for n in data)


def test_two_bodies_joined_by_and_are_two_names_and_a_partys_body_is_the_body():
    data = found(
        "Leaders in the Assembly and Senate met on Friday. The Senate said it would vote. Senate aides agreed.",
        "A Democratic Senate would pass it, the clerk said. The Senate adjourned.",
    )
    assert data["Senate"]["type"] == "government"
    assert "Assembly and Senate" not in data and "Democratic Senate" not in data


def test_a_body_before_campaign_is_no_campaign():
    data = found(
        "Her first Senate campaign cost a lot. The Senate said no. The Senate voted. Senate staff left.",
        "Her Senate campaign was long, the Senate clerk said.",
    )
    assert "Senate campaign" not in data and "Senate" in data


def test_a_hyphen_after_an_outlet_word_ends_its_name():
    data = found(
        "A Harbour Times-KTV News poll found most agreed. The Harbour Times reported it first.",
        "KTV News said the poll was fair. KTV News asked again, the Harbour Times said.",
    )
    assert "Harbour Times" in data and "KTV News" in data
    assert not [n for n in data if "-" in n]


def test_also_known_as_joins_acronyms_to_a_name_led_by_a_nationality():
    data = found(
        "Troops fought the Islamic Front, also known as IFL and IFR, near the river. IFL said it would fight.",
        "IFL claimed the attack. The Islamic Front claimed more. IFR said nothing, and IFL fled.",
    )
    group = [n for n in data if n in ("IFL", "Islamic Front", "IFR")]
    assert len(group) == 1
    assert {group[0], *data[group[0]]["aliases"]} == {"IFL", "IFR", "Islamic Front"}


def test_a_short_given_name_and_a_suffixed_full_name_are_one_person():
    data = found(
        "Vice President Joseph R. Danforth Jr. visited the plant. Mr. Danforth said workers deserved more. "
        "Joseph R. Danforth Jr. left at noon.",
        "Joe Danforth spoke in Ohio on Friday. Danforth said the economy was growing. Later, Joe Danforth left.",
    )
    assert {"Joseph R. Danforth Jr.", "Danforth", "Mr. Danforth"} <= set(data["Joe Danforth"]["aliases"])
    assert "Joseph R. Danforth Jr." not in data


def test_a_suffixed_namesake_and_an_outlet_named_after_a_person_are_kept_though_written_once():
    data = found(
        "Walter Pennock spoke at a rally with Walter Pennock Jr. on Monday. Walter Pennock said the crowd was big.",
        "Walter Pennock won the county. Walter Pennock thanked voters.",
        "Edith Marlowe weighed a run. Mrs. Marlowe told Marlowe News that she had not decided. Edith Marlowe smiled.",
        "Edith Marlowe left early.",
    )
    assert (
        data["Walter Pennock Jr."]["type"] == "person" and "Walter Pennock Jr." not in data["Walter Pennock"]["aliases"]
    )
    assert data["Marlowe News"]["type"] == "media"


def test_a_title_or_a_common_opening_word_before_a_name_is_no_other_name(tmp_path):
    c = corpus(
        tmp_path,
        "Voters were younger then. Only Martin Quayle was older, and only a few cared. Martin Quayle said only "
        "that he was fine; only one aide and only two guards were there.",
        "Candidate Martin Quayle tried a new plan. Martin Quayle lost. Quayle left.",
    )
    m = c.mentions
    assert set(m.loc[m["surface"].str.contains("Quayle"), "actor"]) == {"Martin Quayle"}
    assert (m["actor"] == "Martin Quayle").sum() == 5


def test_a_surname_written_after_a_personal_title_acts_as_a_person():
    data = found(
        "Rodenko said the plan would work. Later Mr. Rodenko left.",
        "Rodenko said more on Friday, and Rodenko told reporters he was sure.",
    )
    assert data["Rodenko"]["type"] == "person"


def test_a_shared_surname_glued_to_an_unknown_given_name_is_someone_elses(tmp_path):
    c = corpus(
        tmp_path,
        "Walter Pennock spoke at noon. Walter Pennock left early, and Pennock waved.",
        "Joan Pennock said no. Joan Pennock left, and Pennock smiled.",
        "Walter Pennock won the county. Pennock thanked Zorvan Pennock, his niece, for her help.",
    )
    m = c.mentions[c.mentions["doc_id"] == "d2"]
    text = c.documents.set_index("doc_id").loc["d2", "text"]
    niece = text.index("Zorvan Pennock")
    assert not ((m["start"] >= niece) & (m["start"] < niece + len("Zorvan Pennock"))).any()
    assert list(m["actor"]) == ["Walter Pennock", "Walter Pennock"]


def test_a_namesake_written_once_is_kept_as_their_own_actor(tmp_path):
    texts = (
        "Walter Pennock spoke at noon. Walter Pennock left early, and Pennock waved.",
        "Walter Pennock won the county. Pennock thanked Greta Pennock, his niece, for her help.",
    )
    assert found(*texts)["Greta Pennock"]["type"] == "person"
    m = corpus(tmp_path, *texts).mentions
    assert list(m.loc[m["doc_id"] == "d1", "actor"]) == ["Walter Pennock", "Walter Pennock", "Greta Pennock"]


def test_documents_are_read_for_names_alike_in_a_pool_and_in_this_process():
    from analysis.actors.overrides import _observe_all
    from analysis.pipeline.local import PARALLEL_MIN_DOCS

    texts = [
        f"Harbour votes by lantern\n\nMayor Ida Renfield of Eastmark said on day {i} that Renfield would remain."
        for i in range(PARALLEL_MIN_DOCS + 4)
    ]
    assert list(_observe_all(texts, jobs=2)) == list(_observe_all(texts, jobs=1))


def test_a_damaged_observations_file_is_read_again_not_trusted(tmp_path):
    from analysis.documents import Document

    docs = [Document(doc_id="d0", outlet="Gazette", text="Tobias Renfield opened the bakery. Renfield said so.")]
    first = found_for(docs, tmp_path)
    kept = next((tmp_path / FOUND_DIR).glob("observed-*.jsonl"))
    kept.write_text(kept.read_text(encoding="utf-8")[:20], encoding="utf-8")  # cut mid-line
    for entry in _found_files(tmp_path):
        entry.unlink()  # the found table must be made again from the observations
    assert found_for(docs, tmp_path) == first
