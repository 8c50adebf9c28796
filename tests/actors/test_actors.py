"""Actors stage: alias resolution, longest match, ambiguous references, validation, co-occurrence,
discovery and the notebook."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, file_error, run_notebook, sentence_containing, write_corpus_csv

from analysis import text as textmod
from analysis.actors import discovery as actors_discovery
from analysis.actors import reference as actors_reference
from analysis.actors import stage as actors
from analysis.actors import tables as actors_tables
from analysis.documents import Document

ACTORS_FILE = ROOT / "data" / "actors.yml"

# The alias groups of the issue: text as written in the seeds -> the one actor it must resolve to.
ALIAS_GROUPS = {
    "Department of Defense": [
        "Department of Defense",
        "Pentagon",
        "Defense Department",
        "Department of War",
        "DOW",
        "DoD",
    ],
    "Pete Hegseth": ["Pete Hegseth", "Hegseth", "Defense Secretary", "Secretary of War"],
    "Dario Amodei": [
        "Dario Amodei",
        "Amodei",
        "Dario",
        "Anthropic's CEO",
        "Anthropic’s CEO",
        "CEO Dario Amodei",
        "Anthropic CEO",
    ],
}


@pytest.fixture(scope="module")
def table() -> actors_reference.ActorTable:
    return actors.load_reference(ACTORS_FILE)


def found(text: str, table: actors_reference.ActorTable) -> list[tuple[str, str]]:
    """(actor, surface) of every mention in a one-off document made of ``text``."""
    doc = Document(doc_id="t", outlet="test", text=text)
    frames = textmod.segment("t", text)
    rows = actors.annotate(doc, frames, table)
    return list(zip(rows["actor"], rows["surface"]))


def in_sentence(corpus, needle: str) -> list[tuple[str, str]]:
    row = sentence_containing(corpus, needle)
    m = corpus.mentions
    m = m[(m["doc_id"] == row["doc_id"]) & (m["sent_id"] == row["sent_id"])]
    return list(zip(m["actor"], m["surface"]))


# --- alias resolution on literal seed sentences ----------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Following weeks of tension between the Defense Department and Anthropic over the company’s restrictions, "
            "Defense Secretary Pete Hegseth issued a stark ultimatum to company CEO Dario Amodei on Tuesday.",
            [
                ("Department of Defense", "Defense Department"),
                ("Anthropic", "Anthropic"),
                ("Anthropic", "the company"),
                ("Pete Hegseth", "Defense Secretary Pete Hegseth"),
                ("Dario Amodei", "CEO Dario Amodei"),
            ],
        ),
        (
            "“Anthropic has until 5:01pm Friday to get on board with the Department of War,” the senior Pentagon "
            "official said.",
            [
                ("Anthropic", "Anthropic"),
                ("Department of Defense", "Department of War"),
                ("Department of Defense", "Pentagon"),
            ],
        ),
        (
            'Otherwise, we will terminate our partnership with Anthropic and deem them a supply chain risk for DOW," '
            "Parnell wrote.",
            [("Anthropic", "Anthropic"), ("Department of Defense", "DOW"), ("Sean Parnell", "Parnell")],
        ),
        (
            "The Pentagon is headed for a showdown with Anthropic after Anthropic's CEO rejected the Defense "
            "Department's ultimatum.",
            [
                ("Department of Defense", "Pentagon"),
                ("Anthropic", "Anthropic"),
                ("Dario Amodei", "Anthropic's CEO"),
                ("Department of Defense", "Defense Department"),
            ],
        ),
        (
            "The meeting between Anthropic CEO Dario Amodei and U.S. Defense Secretary Pete Hegseth was scheduled.",
            [("Dario Amodei", "Anthropic CEO Dario Amodei"), ("Pete Hegseth", "Defense Secretary Pete Hegseth")],
        ),
        (
            "“Dario expressed appreciation for the Department’s work and thanked the Secretary for his service.”",
            [("Dario Amodei", "Dario")],
        ),
        (
            "the US Department of Defense has reportedly approved a deal to bring Elon Musk's xAI chatbot Grok into "
            "classified settings.",
            [
                ("Department of Defense", "US Department of Defense"),
                ("Elon Musk", "Elon Musk"),
                ("xAI", "xAI"),
                ("Grok", "Grok"),
            ],
        ),
        (
            "In a post on X on Thursday, Pentagon spokesman Sean Parnell warned that Anthropic had until Friday.",
            [
                ("Department of Defense", "Pentagon"),
                ("Sean Parnell", "spokesman Sean Parnell"),
                ("Anthropic", "Anthropic"),
            ],
        ),
        (
            "According to reports from The Wall Street Journal and Axios, Anthropic’s Claude systems were used during "
            "the operation to capture Venezuelan President Nicolás Maduro in January.",
            [
                ("The Wall Street Journal", "The Wall Street Journal"),
                ("Axios", "Axios"),
                ("Anthropic", "Anthropic"),
                ("Claude", "Claude"),
                ("Nicolás Maduro", "Venezuelan President Nicolás Maduro"),
            ],
        ),
        (
            "Deeming Anthropic a supply chain risk would be unusual, according to Geoffrey Gertz, a senior fellow at "
            "the Center for a New American Security.",
            [
                ("Anthropic", "Anthropic"),
                ("Geoffrey Gertz", "Geoffrey Gertz"),
                ("Center for a New American Security", "Center for a New American Security"),
            ],
        ),
        (
            "A government contracts lawyer, Franklin Turner, said this situation would likely lead to many lawsuits.",
            [("Franklin Turner", "Franklin Turner")],
        ),
    ],
)
def test_aliases_resolve_on_seed_sentences(sentence, expected, table):
    assert found(sentence, table) == expected


def test_every_alias_group_resolves_to_one_actor_in_every_seed(seeds):
    """Each occurrence of a group's name in every article is covered by a mention of the group's actor."""
    m = seeds.mentions
    sents = seeds.sentences
    for doc in seeds.documents.itertuples():
        dm = m[m["doc_id"] == doc.doc_id]
        ds = sents[sents["doc_id"] == doc.doc_id]
        for actor, names in ALIAS_GROUPS.items():
            assert actor in set(dm["actor"]), f"{actor} not mentioned in {doc.doc_id}"
            for name in names:
                for hit in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text):
                    if not ((ds["start"] <= hit.start()) & (ds["end"] > hit.start())).any():
                        continue  # not in any sentence (e.g. a dateline)
                    cover = dm[(dm["start"] <= hit.start()) & (dm["end"] >= hit.end())]
                    assert list(cover["actor"]) == [actor], (doc.doc_id, name, hit.start(), list(cover["actor"]))


def test_mention_offsets_are_document_offsets(seeds):
    docs = seeds.documents.set_index("doc_id")["text"]
    m = seeds.mentions.merge(
        seeds.sentences[["doc_id", "sent_id", "start", "end", "is_furniture"]],
        on=["doc_id", "sent_id"],
        suffixes=("", "_s"),
    )
    assert len(m) == len(seeds.mentions) > 0
    assert all(docs[d][s:e] == surface for d, s, e, surface in zip(m["doc_id"], m["start"], m["end"], m["surface"]))
    assert ((m["start"] >= m["start_s"]) & (m["start"] < m["end_s"])).all()
    assert (m["in_furniture"] == m["is_furniture"]).all()
    assert dict(seeds.mentions.dtypes.astype(str)) == actors.COLUMNS


def test_caption_mentions_are_furniture(seeds):
    row = sentence_containing(seeds, "Markus Schreiber / Associated Press")
    m = seeds.mentions[(seeds.mentions["doc_id"] == row["doc_id"]) & (seeds.mentions["sent_id"] == row["sent_id"])]
    assert set(m["actor"]) == {
        "Markus Schreiber",
        "Associated Press",
        "Dario Amodei",
        "Anthropic",
        "World Economic Forum",
    }
    assert m["in_furniture"].all()


# --- longest match, case, apostrophes, line breaks -----------------------------------


def test_longest_match_wins(table):
    assert found("the others were OpenAI, Google DeepMind and xAI", table) == [
        ("OpenAI", "OpenAI"),
        ("Google DeepMind", "Google DeepMind"),
        ("xAI", "xAI"),
    ]
    assert found("the Secretary of War will ensure the Defense Production Act is invoked on Anthropic", table) == [
        ("Pete Hegseth", "Secretary of War"),
        ("Anthropic", "Anthropic"),
    ]


def test_not_actor_phrase_hides_a_shorter_alias_inside_it(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text(
        "Department of Defense:\n  type: government\n  aliases: [Defense, Pentagon]\n"
        "not_actors: [Defense Production Act]\n",
        encoding="utf-8",
    )
    table = actors.load_reference(path)
    text = "The Pentagon could use the Defense Production Act. Defense officials agreed."
    assert found(text, table) == [("Department of Defense", "Pentagon"), ("Department of Defense", "Defense")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ANTHROPIC DEFIES PENTAGON", [("Anthropic", "ANTHROPIC"), ("Department of Defense", "PENTAGON")]),
        ("a regular pentagon has five sides", []),
        ("he played his trump card", []),
        ("the Dow fell; the DoD did not", [("Department of Defense", "DoD")]),
        ("Anthropic’s CEO said no", [("Dario Amodei", "Anthropic’s CEO")]),
        (
            "Defense Secretary Pete\nHegseth met Amodei",
            [("Pete Hegseth", "Defense Secretary Pete\nHegseth"), ("Dario Amodei", "Amodei")],
        ),
        (
            "Nicolas Maduro and Nicolás Maduro",
            [("Nicolás Maduro", "Nicolas Maduro"), ("Nicolás Maduro", "Nicolás Maduro")],
        ),
    ],
)
def test_case_apostrophes_accents_and_line_breaks(text, expected, table):
    assert found(text, table) == expected


def test_line_break_inside_a_name_gives_document_offsets(table):
    text = "Intro line here.\nThe Department of\nWar said no."
    doc = Document(doc_id="t", outlet="x", text=text)
    rows = actors.annotate(doc, textmod.segment("t", text), table)
    assert list(rows["actor"]) == ["Department of Defense"]
    assert text[rows["start"].iloc[0] : rows["end"].iloc[0]] == "Department of\nWar"


@pytest.mark.parametrize(
    "text",
    [
        "Claude Makelele scored twice for Chelsea.",
        "Defense Secretary Lloyd Austin said the budget would grow.",
        "Ivanka Trump said the tower would open.",
    ],
)
def test_a_name_glued_to_another_name_is_someone_else(text, table):
    assert found(text, table) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("But Hegseth said no.", [("Pete Hegseth", "Hegseth")]),
        ("Mr Trump said no on Monday.", [("Donald Trump", "Trump")]),
        ("Amodei Tuesday rejected it.", [("Dario Amodei", "Amodei")]),
        ("Hegseth-Amodei Meeting", [("Pete Hegseth", "Hegseth"), ("Dario Amodei", "Amodei")]),
    ],
)
def test_sentence_starters_honorifics_dates_and_headings_do_not_hide_a_name(text, expected, table):
    assert found(text, table) == expected


# --- ambiguous references: both sides ------------------------------------------------


def test_the_company_counts_when_only_one_company_is_in_play(seeds):
    assert ("Anthropic", "the company") in in_sentence(seeds, "the company agreed to allow the U.S. government")
    assert ("Anthropic", "The AI startup") in in_sentence(seeds, "The AI startup has refused to remove safeguards")


def test_the_company_is_left_out_when_two_companies_compete(seeds):
    got = in_sentence(seeds, "said the company had not raised concerns with Palantir")
    assert ("Palantir", "Palantir") in got
    assert all(surface != "the company" for _, surface in got)


def test_he_counts_for_the_only_person_in_reach(seeds):
    assert ("Dario Amodei", "He") in in_sentence(seeds, "He has described those uses")
    assert ("Pete Hegseth", "He") in in_sentence(seeds, "He outlined a push to use AI models")
    # a photographer named in a caption does not compete with Amodei for "he"
    assert ("Dario Amodei", "he") in in_sentence(seeds, "in an ad hoc manner")


def test_he_is_left_out_when_two_people_are_in_reach(seeds):
    got = in_sentence(seeds, "He also said that the company's current safety measures")
    assert all(surface != "He" for _, surface in got)


def test_titles_as_references_need_the_actor_in_the_document(seeds, table):
    assert ("Pete Hegseth", "the Secretary") in in_sentence(seeds, "thanked the Secretary for his service")
    assert found("The Secretary said the budget was final.", table) == []
    assert found("The act allows the president to control domestic companies.", table) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Anthropic met officials. The company said no.", [("Anthropic", "Anthropic"), ("Anthropic", "The company")]),
        (
            "Anthropic and OpenAI met officials. The company said no.",
            [("Anthropic", "Anthropic"), ("OpenAI", "OpenAI")],
        ),
        (
            "Anthropic met officials. Later, OpenAI spoke. The company said no.",
            [("Anthropic", "Anthropic"), ("OpenAI", "OpenAI"), ("OpenAI", "The company")],
        ),
    ],
)
def test_reference_rule_on_hand_made_text(text, expected, table):
    assert found(text, table) == expected


# --- validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, problem",
    [
        ("- Anthropic\n- OpenAI\n", "not a mapping"),
        ("", "empty file"),
        (
            "Anthropic:\n  type: company\n  aliases: [Claude]\nClaude:\n  type: product\n  aliases: []\n",
            "alias 'Claude' is claimed by two actors",
        ),
        ("Anthropic:\n  type: compnay\n  aliases: []\n", "unknown type 'compnay'"),
        ("Anthropic:\n  aliases: []\n", "missing field(s) type"),
        ("Anthropic:\n  type: company\n", "missing field(s) aliases"),
        ("Anthropic:\n  type: company\n  aliases: []\n  alias: [x]\n", "unknown field(s) alias"),
        ("Anthropic: company\n", "not a mapping with type and aliases"),
        ("Anthropic:\n  type: company\n  aliases: Anthropic PBC\n", "must be a list of names"),
        ("Amodei:\n  type: person\n  affiliation: Anthropc\n  aliases: []\n", "affiliation 'Anthropc' is not an actor"),
        ("Anthropic:\n  type: company\n  aliases: [x\n", "not valid YAML"),
        ("Anthropic: !!python/object/apply:os.system ['echo hi']\n", "not valid YAML"),
    ],
)
def test_validation_errors_name_the_file_and_the_problem(tmp_path, content, problem):
    message = file_error(tmp_path / "my_actors.yml", content, actors.load_reference, actors_reference.ActorsFileError)
    assert problem in message


def test_load_corpus_reports_a_bad_actors_file(tmp_path):
    import analysis

    path = tmp_path / "bad.yml"
    path.write_text("Anthropic:\n  type: startup\n  aliases: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yml.*\n.*unknown type 'startup'"):
        analysis.load_corpus(actors=path, cache=tmp_path / "c")


def test_default_file_covers_the_seed_cast(table):
    names = [
        "Donald Trump",
        "Emil Michael",
        "Sean Parnell",
        "Geoffrey Gertz",
        "Franklin Turner",
        "Elon Musk",
        "Nicolás Maduro",
        "Bobby Allyn",
        "Anthropic",
        "Claude",
        "xAI",
        "Grok",
        "OpenAI",
        "Google",
        "Google DeepMind",
        "Palantir",
        "Center for a New American Security",
        "US Congress",
        "US government",
        "The Wall Street Journal",
        "Axios",
        "Financial Times",
        "Reuters",
        "Associated Press",
        "NBC News",
        "NPR",
    ]
    assert [n for n in names if n not in table.actors] == []
    assert table.actors["Pete Hegseth"].affiliation == "Department of Defense"
    assert table.actors["Claude"].affiliation == "Anthropic"
    assert table.actors["Grok"].affiliation == "xAI"
    assert table.actors["Geoffrey Gertz"].affiliation == "Center for a New American Security"
    assert table.lookup("the pentagon") is None and table.lookup("Pentagon").name == "Department of Defense"


# --- co-occurrence on a hand-made corpus --------------------------------------------


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    import analysis

    folder = tmp_path_factory.mktemp("tiny")
    write_corpus_csv(
        folder / "tiny.csv",
        dict(doc_id="d1", outlet="Wire", text="Anthropic met the Pentagon on Monday. Hegseth spoke later."),
        dict(doc_id="d2", outlet="Wire", text="Anthropic and the Pentagon disagree. OpenAI and Anthropic agree."),
        dict(doc_id="d3", outlet="Daily", text="Nothing here names anyone at all."),
    )
    return analysis.load_corpus(folder / "tiny.csv", actors=ACTORS_FILE, cache=folder / "c")


def test_cooccurrence_counts_sentences_and_documents(tiny):
    edges = actors_tables.cooccurrence(tiny)
    got = {(r.actor_a, r.actor_b, r.level): r.count for r in edges.itertuples()}
    assert got == {
        ("Anthropic", "Department of Defense", "sentence"): 2,
        ("Anthropic", "OpenAI", "sentence"): 1,
        ("Anthropic", "Department of Defense", "document"): 2,
        ("Anthropic", "Pete Hegseth", "document"): 1,
        ("Department of Defense", "Pete Hegseth", "document"): 1,
        ("Anthropic", "OpenAI", "document"): 1,
        ("Department of Defense", "OpenAI", "document"): 1,
    }
    first = edges[(edges["level"] == "sentence") & (edges["actor_b"] == "Department of Defense")].iloc[0]
    assert first["example"] == "Anthropic met the Pentagon on Monday."
    hegseth = edges[
        (edges["level"] == "document") & (edges["actor_b"] == "Pete Hegseth") & (edges["actor_a"] == "Anthropic")
    ].iloc[0]
    assert hegseth["example"] == "Anthropic met the Pentagon on Monday. … Hegseth spoke later."


def test_cooccurrence_graph(tiny):
    g = actors_tables.cooccurrence_graph(tiny)
    assert dict(g.nodes(data="mentions")) == {
        "Anthropic": 3,
        "Department of Defense": 2,
        "OpenAI": 1,
        "Pete Hegseth": 1,
    }
    assert g.edges["Anthropic", "Department of Defense"]["count"] == 2
    assert not g.has_edge("Anthropic", "Pete Hegseth")
    assert actors_tables.cooccurrence_graph(tiny, level="document").has_edge("Anthropic", "Pete Hegseth")


def test_rates_and_prominence_on_the_tiny_corpus(tiny):
    rates = actors_tables.mention_rates(tiny, top_n=2).set_index(["actor", "outlet"])
    assert rates.loc[("Anthropic", "Wire"), "mentions"] == 3
    assert rates.loc[("Anthropic", "Wire"), "words"] == 18  # 9 + 9 words of reporting text
    assert rates.loc[("Anthropic", "Wire"), "per_1000"] == round(1000 * 3 / 18, 2)
    assert rates.loc[("Anthropic", "Daily"), "mentions"] == 0
    prom = actors_tables.prominence(tiny).set_index("actor")
    assert prom.loc["Anthropic", "share"] == round(3 / 7, 4)
    assert prom.loc["Pete Hegseth", "median_first_position"] == 1.0


# --- discovery -------------------------------------------------------------------------


def test_discovery_on_the_seeds_misses_nothing_recurring(seeds):
    found_names = actors_discovery.discover(seeds)
    assert list(found_names.columns) == actors_discovery.DISCOVERY_COLUMNS
    assert found_names[found_names["articles"] >= 2].empty, found_names


def test_discovery_surfaces_actors_missing_from_the_file(tmp_path):
    import yaml

    import analysis

    data = yaml.safe_load(ACTORS_FILE.read_text(encoding="utf-8"))
    for name in ("Geoffrey Gertz", "Palantir", "Franklin Turner", "Center for a New American Security"):
        del data[name]
    path = tmp_path / "fewer.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    got = actors_discovery.discover(analysis.load_corpus(actors=path, cache=tmp_path / "c")).set_index("candidate")
    assert got.loc["Geoffrey Gertz", "mentions"] == 6  # "Geoffrey Gertz" once, "Gertz" five times
    assert got.loc["Palantir", "articles"] == 4
    assert got.loc["Franklin Turner", "outlets"] == "Reuters"
    assert "Center for a New American Security" in got.index
    assert got.loc["Franklin Turner", "example"].startswith("A government contracts lawyer, Franklin Turner")


# --- notebook ------------------------------------------------------------------------


def _plotly_outputs(outputs: list[dict]) -> list[dict]:
    return [
        o
        for o in outputs
        if "application/vnd.plotly.v1+json" in o.get("data", {})
        or "plotly" in str(o.get("data", {}).get("text/html", ""))
    ]


@pytest.mark.slow
def test_notebook_runs_on_the_seeds(tmp_path):
    outputs = run_notebook("02_actors", tmp_path, focus_actor="Hegseth", top_n=10)
    assert len(_plotly_outputs(outputs)) >= 3
    assert "Pete Hegseth" in str(outputs)


@pytest.mark.slow
def test_notebook_runs_on_an_undated_csv_with_few_actors(tmp_path):
    csv = tmp_path / "bbc_like.csv"
    write_corpus_csv(
        csv,
        dict(
            doc_id="b1",
            outlet="BBC News",
            text=(
                "Harbour votes by lantern\n\nThe Republic of Eastmark is counting its ballots by lantern "
                "light this year."
            ),
        ),
        dict(
            doc_id="b2",
            outlet="BBC News",
            text="Google buys a start-up\n\nGoogle has bought a small firm, the company said on Monday.",
        ),
    )
    outputs = run_notebook(
        "02_actors", tmp_path, corpus_path=str(csv), actors_file=str(ACTORS_FILE), focus_actor="Pete Hegseth"
    )
    assert "Republic of Eastmark" in str(outputs)  # discovery lists the unknown name
    assert "No two actors are named in the same sentence" in str(outputs)
