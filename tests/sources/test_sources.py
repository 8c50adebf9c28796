"""The sources stage: attributions on literal seed sentences, the gold P/R level, the tables,
the charts and the notebook.

Gold P/R (``tests/gold/quotes_gold.yaml``): a predicted attribution *span-matches* a gold one
when their character overlap is at least half the gold span AND half the predicted span,
paired one-to-one, highest overlap/union first (:func:`analysis.sources.gold.match_gold`). A
prediction is correct for ``speaker`` / ``speaker_type`` when it span-matches and agrees on
that field (names compared case-insensitively, a leading "the" ignored). Precision = correct /
predictions, recall = correct / gold rows. Measured on the seeds: 1.00 for span, speaker and
speaker_type (89 of 89, no false positives); the rules were written while reading these
articles, so the tests assert a level just under it to catch any regression.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest
from conftest import ROOT, run_notebook, write_corpus_csv

from analysis import text as textmod
from analysis.actors import stage as actors
from analysis.documents import Document
from analysis.sources import gold as sources_gold
from analysis.sources import stage as sources
from analysis.sources import tables as sources_tables

GOLD = ROOT / "tests" / "gold" / "quotes_gold.yaml"
GOLD_LEVEL = 0.98  # measured 1.00 on span, speaker and speaker_type (precision and recall)
DOC_LEVEL = 0.9


@pytest.fixture(scope="module")
def table():
    return actors.load_reference(ROOT / "data" / "actors.yml")


def extract(text: str, table, outlet: str = "NBC News") -> pd.DataFrame:
    """The quotes rows of a one-document corpus holding ``text``."""
    doc = Document(doc_id="t", outlet=outlet, text=text)
    frames = textmod.segment("t", text)
    if table is not None:
        frames["mentions"] = actors.annotate(doc, frames, table)
    return sources.annotate(doc, frames, table)


def one(rows: pd.DataFrame, **where) -> pd.Series:
    hit = rows
    for col, value in where.items():
        hit = hit[hit[col] == value]
    assert len(hit) == 1, f"{len(hit)} rows with {where}:\n{rows[['kind', 'speaker', 'quote']]}"
    return hit.iloc[0]


def expect(row: pd.Series, **want) -> None:
    """Assert that ``row`` has the ``want`` values (column=value), naming the columns that differ."""
    got = {col: row[col] for col in want}
    assert got == want, {col: (got[col], want[col]) for col in want if got[col] != want[col]}


# --- patterns, on literal seed sentences -------------------------------------------------------


def test_quote_after_attribution_curly_marks_several_sentences(table):
    rows = extract(
        "Asked about Tuesday’s meeting, an Anthropic spokesperson said in a statement: “Dario expressed "
        "appreciation for the Department’s work and thanked the Secretary for his service. We continued "
        "good-faith conversations about our usage policy.”",
        table,
    )
    r = one(rows)
    expect(r, kind="direct", speaker="anthropic spokesperson", speaker_type="spokesperson", affiliation="Anthropic")
    assert r.verb == "said"
    assert r.quote.startswith("Dario expressed") and r.quote.endswith("usage policy.")


def test_quote_before_attribution_straight_marks(table):
    rows = extract(
        '"Legality is the Pentagon\'s responsibility as the end user," a senior Pentagon official who '
        "declined to give their name told NPR this week.",
        table,
        outlet="NPR",
    )
    expect(
        one(rows),
        quote="Legality is the Pentagon's responsibility as the end user,",
        speaker="senior pentagon official",
        speaker_type="anonymous",
        affiliation="Department of Defense",
        verb="told",
    )


def test_attribution_in_the_middle_of_a_quote(table):
    rows = extract(
        '"Certainly if the Pentagon seeks to escalate it," Gertz said, "I suspect we\'ll see more legal fights."',
        table,
        outlet="NPR",
    )
    assert rows["quote"].tolist() == [
        "Certainly if the Pentagon seeks to escalate it,",
        "I suspect we'll see more legal fights.",
    ]
    assert set(rows["speaker"]) == {"Geoffrey Gertz"} and set(rows["kind"]) == {"direct"}


def test_amodei_cannot_in_good_conscience_is_one_named_quote_and_the_next_one_continues(table):
    rows = extract(
        '"These threats do not change our position: we cannot in good conscience accede to their '
        'request," Amodei wrote on Thursday. "But given the substantial value that Anthropic\'s technology '
        'provides to our armed forces, we hope they reconsider."',
        table,
        outlet="NPR",
    )
    r = one(rows[rows["quote"].str.contains("cannot in good conscience accede")])
    assert (r.speaker, r.speaker_type, r.kind, r.verb) == ("Dario Amodei", "named", "direct", "wrote")
    assert one(rows[rows["quote"].str.startswith("But given")]).speaker == "Dario Amodei"


def test_according_to_after_and_before_the_clause(table):
    rows = extract(
        "The December contract changes would allow for its systems to be widely used for cyber and "
        "missile defense, according to the person familiar with the matter. According to reports from "
        "The Wall Street Journal and Axios, Anthropic’s Claude systems were used during the operation.",
        table,
    )
    expect(
        one(rows, speaker="person familiar with the matter"),
        quote="The December contract changes would allow for its systems to be widely used for cyber and "
        "missile defense",
        verb="according to",
        speaker_type="anonymous",
    )
    expect(
        one(rows, speaker_type="media"),
        speaker="The Wall Street Journal and Axios",
        quote="Anthropic’s Claude systems were used during the operation",
    )


def test_told_an_outlet_the_publisher_is_not_a_relay_another_outlet_is(table):
    own = one(
        extract(
            "Defense Secretary Pete Hegseth issued a stark ultimatum to company CEO Dario Amodei on "
            "Tuesday, a senior Pentagon official told NBC News.",
            table,
            outlet="NBC News",
        )
    )
    assert (own.speaker, own.verb) == ("senior pentagon official", "told") and pd.isna(own.relayed_by)
    other = one(
        extract(
            "In response to the ultimatum, people familiar with the situation told the Financial Times "
            "that legal action is also an option if Hegseth follows through with his warning to cut the "
            "company out of defense work.",
            table,
            outlet="TechSpot",
        )
    )
    assert (other.speaker, other.relayed_by) == ("people familiar with the situation", "Financial Times")
    assert other.quote.startswith("legal action is also an option")


def test_said_in_a_statement_to_an_outlet(table):
    r = one(
        extract(
            "An Anthropic spokesperson told NBC News in a statement, “Every iteration of our proposed "
            "contract language would enable our models to support missile defense and similar uses.”",
            table,
        )
    )
    assert (r.kind, r.speaker, r.verb) == ("direct", "anthropic spokesperson", "told")


def test_wrote_the_ceo_resolves_to_the_only_ceo(table):
    rows = extract(
        "For months, Anthropic CEO Dario Amodei has insisted that Anthropic's AI model, Claude, must not "
        'be used for mass surveillance in the U.S.\n\n"I believe deeply in the existential importance of '
        'using AI to defend the United States," the CEO wrote in a lengthy statement about the impasse.',
        table,
        outlet="NPR",
    )
    assert one(rows, kind="direct").speaker == "Dario Amodei"


def test_warned_in_a_post_on_x(table):
    r = one(
        extract(
            "In a post on X on Thursday, Pentagon spokesman Sean Parnell warned that Anthropic had until "
            "Friday afternoon before the Pentagon would take action.",
            table,
            outlet="NPR",
        )
    )
    assert (r.speaker, r.speaker_type, r.affiliation, r.verb, r.kind) == (
        "Sean Parnell",
        "named",
        "Department of Defense",
        "warned",
        "indirect",
    )


def test_embedded_social_post_is_a_direct_quote_of_its_account(table):
    post = (
        "The Department of War has no interest in using AI to conduct mass surveillance of Americans (which is "
        "illegal) nor do we want to use AI to develop autonomous weapons that operate without human involvement. "
        "This narrative is fake and being peddled by leftists in the media.… https://t.co/3pjWZ66aXz — Sean "
        "Parnell (@SeanParnellASW) February 26, 2026"
    )
    r = one(extract(post, table, outlet="NPR"))
    assert (r.kind, r.speaker, r.verb) == ("direct", "Sean Parnell", "posted")
    assert r.quote.endswith("in the media.…") and "t.co" not in r.quote


def test_reported_speech_without_quote_marks(table):
    r = one(
        extract(
            "A government contracts lawyer, Franklin Turner, said this situation is highly unusual and would "
            "likely lead to many lawsuits if the administration takes action against Anthropic.",
            table,
            outlet="Reuters",
        )
    )
    assert (r.kind, r.speaker, r.speaker_type, r.quote) == (
        "indirect",
        "Franklin Turner",
        "named",
        "this situation is highly unusual and would likely lead to many "
        "lawsuits if the administration takes action against Anthropic",
    )
    assert pd.isna(r.affiliation)


def test_scare_quotes_are_not_attributions(table):
    assert extract(
        'If Anthropic does not comply, the government could designate the company as a "supply chain '
        'risk," a classification that may restrict its participation in defense-related procurement.',
        table,
        outlet="TechSpot",
    ).empty
    rows = extract(
        "In Tuesday’s meeting, Pentagon leadership also invoked threats to instead label Anthropic as a "
        "“supply chain risk” and ban all defense business with the company, the source said.",
        table,
    )
    assert rows["kind"].tolist() == ["indirect"] and "“supply chain risk”" in rows["quote"].iloc[0]


def test_partial_quote_inside_reported_clause_and_a_denied_claim(table):
    rows = extract(
        "According to an Anthropic spokesperson, any suggestion that Amodei said the Pentagon would have "
        "to call the company in each missile defense operation is “patently false.”",
        table,
    )
    assert set(rows["speaker"]) == {"anthropic spokesperson"}  # "any suggestion that Amodei said": not Amodei's
    assert one(rows, kind="direct").quote == "patently false."


def test_second_hand_speech_names_its_relay(table):
    rows = extract(
        "According to the senior Pentagon official, representatives from the department discussed "
        "several scenarios. Anthropic officials said they could be called on to lift those restrictions, "
        "according to the official, but Pentagon leadership was not fully satisfied.",
        table,
    )
    inner = one(rows, speaker="anthropic officials")
    assert (inner.quote, inner.relayed_by) == (
        "they could be called on to lift those restrictions",
        "senior pentagon official",
    )
    outer = one(rows[rows["quote"].str.startswith("Anthropic officials")])
    assert outer.speaker == "senior pentagon official"  # "the official": the one named before


def test_reportedly_hedges(table):
    rows = extract(
        "The Department of Defense reportedly told Anthropic to accept the proposed terms by Friday. But "
        "that exclusivity appears to be ending: the US Department of Defense has reportedly approved a "
        "deal to bring Grok into classified settings, and rivals have agreed.",
        table,
        outlet="TechSpot",
    )
    expect(
        one(rows, verb="told"),
        speaker="Department of Defense",
        relayed_by="reports",
        quote="to accept the proposed terms by Friday",
    )
    hedge = one(rows, verb="reportedly")
    assert (hedge.speaker, hedge.speaker_type) == ("reports", "media")
    assert hedge.quote.endswith("into classified settings")


def test_he_said_after_a_named_expert(table):
    rows = extract(
        "Deeming Anthropic a supply chain risk would be unusual, according to Geoffrey Gertz, a senior "
        'fellow at the Center for a New American Security. The designation has "traditionally been used '
        'for foreign adversary technology," he said.',
        table,
        outlet="NPR",
    )
    assert set(rows["speaker"]) == {"Geoffrey Gertz"}
    assert set(rows["affiliation"]) == {"Center for a New American Security"}
    assert sorted(rows["kind"]) == ["direct", "indirect", "indirect"]  # + the writer's clause around the quote


def test_inverted_attribution_said_mr(table):
    rows = extract(
        '"The ban was far too long," Okafor told Radio Harbour. The number of ferries on the river was '
        "still falling, said Mr Pellow, but he did not think that it would mean the end of the crossing.",
        table,
        outlet="Harbour Times",
    )
    assert one(rows, kind="direct").speaker == "Okafor"
    assert one(rows, kind="indirect").quote == "The number of ferries on the river was still falling"


def test_works_without_an_actors_table():
    r = one(
        extract(
            "In a post on X on Thursday, Pentagon spokesman Sean Parnell warned that Anthropic had until "
            "Friday afternoon before the Pentagon would take action.",
            None,
            outlet="NPR",
        )
    )
    assert (r.speaker, r.speaker_type, r.affiliation) == ("Sean Parnell", "named", "Pentagon")


def test_empty_document_keeps_the_schema(table):
    rows = extract("The Pentagon has given Anthropic a hard deadline", table)
    assert rows.empty and list(rows.columns) == list(sources.COLUMNS)


def test_bad_actors_file_names_the_file(tmp_path):
    bad = tmp_path / "actors.yml"
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ValueError, match="actors.yml"):
        sources.load_reference(bad)


def test_gold_quote_missing_from_text_is_a_clear_error(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        'attributions:\n  - {doc_id: "d", quote: "not there", kind: direct, speaker: x, speaker_type: named}\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="gold.yaml.*not in d"):
        sources_gold.load_gold(gold, {"d": "some other text"})


# --- the seeds against the gold ---------------------------------------------------------------


@pytest.fixture(scope="module")
def gold(seeds):
    texts = dict(zip(seeds.documents["doc_id"], seeds.documents["text"]))
    return sources_gold.load_gold(GOLD, texts)


def test_gold_precision_and_recall(seeds, gold):
    scores = sources_gold.gold_scores(seeds.quotes, gold).set_index("field")
    for field in ("span", "speaker", "speaker_type"):
        assert scores.at[field, "precision"] >= GOLD_LEVEL, scores
        assert scores.at[field, "recall"] >= GOLD_LEVEL, scores


def test_gold_precision_and_recall_per_document(seeds, gold):
    scores = sources_gold.gold_scores(seeds.quotes, gold, by_document=True)
    speaker = scores[(scores["field"] == "speaker") & (scores["doc_id"] != "all")]
    assert set(speaker["doc_id"]) == set(seeds.documents["doc_id"])
    assert (speaker["precision"] >= DOC_LEVEL).all() and (speaker["recall"] >= DOC_LEVEL).all(), speaker


def test_not_attributions_are_not_extracted(seeds):
    import yaml

    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    q = seeds.quotes
    for entry in data["not_attributions"]:
        rows = q[(q["doc_id"] == entry["doc_id"]) & (q["kind"] == "direct")]
        assert entry["text"] not in set(rows["quote"].str.strip(" ,.’'\"")), entry


def test_amodei_quote_in_the_seeds(seeds):
    q = seeds.quotes
    r = one(q[q["quote"].str.contains("cannot in good conscience accede")])
    assert (r.speaker, r.speaker_type, r.kind) == ("Dario Amodei", "named", "direct")


def test_nbc_relies_most_on_anonymous_sources(seeds):
    table = sources_tables.anonymous_share(seeds).set_index("outlet")
    assert table["share"].idxmax() == "NBC News" and table.at["NBC News", "share"] >= 0.5
    assert "senior pentagon official" in table.at["NBC News", "descriptors"]
    from analysis.sources import charts as plots_sources

    fig = plots_sources.anonymous_share_chart(seeds)
    bars = dict(zip(fig.data[0].x, fig.data[0].y)) if len(fig.data) == 1 else {t.x[0]: t.y[0] for t in fig.data}
    assert max(bars, key=bars.get).startswith("NBC News")


def test_sourcing_mix_shares_add_up(seeds):
    mix = sources_tables.sourcing_mix(seeds)
    sums = mix.groupby("outlet")["share"].sum()
    assert ((sums.round(3) == 1.0) | (mix.groupby("outlet")["outlet_attributions"].first() == 0)).all()
    assert set(mix["speaker_type"]) == set(sources.SPEAKER_TYPES)


def test_quote_shared_across_outlets_in_the_seeds(seeds):
    summary = sources_tables.shared_quote_summary(seeds)
    hit = one(summary[summary["outlets"] == "NBC News, TechSpot"])
    assert hit.earliest_outlet == "NBC News" and "good-faith conversations" in hit.variants


def test_shared_quotes_match_trimmed_and_repunctuated_variants():
    quotes = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "sent_id": [0, 0, 0],
            "kind": ["direct"] * 3,
            "quote": [
                "We will terminate our partnership with Anthropic and deem them a supply chain risk.",
                "we will terminate our partnership with Anthropic, and deem them a supply-chain risk",
                "Nothing alike in this one at all, really.",
            ],
            "speaker": ["Sean Parnell"] * 3,
            "speaker_type": ["named"] * 3,
            "relayed_by": [None] * 3,
        }
    )
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "outlet": ["NPR", "Reuters", "NBC News"],
            "published": pd.to_datetime(["2026-02-26", "2026-02-25", None]),
        }
    )
    sents = pd.DataFrame({"doc_id": ["a", "b", "c"], "sent_id": [0, 0, 0], "text": ["s"] * 3})
    corpus = SimpleNamespace(quotes=quotes, documents=docs, sentences=sents)
    occ = sources_tables.shared_quotes(corpus)
    assert sorted(occ["outlet"]) == ["NPR", "Reuters"]
    assert occ.loc[occ["is_earliest"], "outlet"].tolist() == ["Reuters"]


def test_charts_escape_corpus_text_and_the_evidence_table(seeds):
    from analysis.sources import charts as plots_sources

    quotes = seeds.quotes.assign(speaker="<script>alert(1)</script>")
    corpus = SimpleNamespace(quotes=quotes, documents=seeds.documents, sentences=seeds.sentences)
    for fig in (
        plots_sources.sourcing_mix_chart(corpus),
        plots_sources.who_is_quoted_chart(corpus),
        plots_sources.anonymous_share_chart(corpus),
    ):
        assert "<script>" not in fig.to_json()
    table = sources_tables.evidence_table(seeds)
    assert list(table.columns) == sources_tables.EVIDENCE_COLUMNS and len(table) == len(seeds.quotes)


def test_empty_selection_gives_explaining_figures(seeds):
    from analysis.sources import charts as plots_sources

    none = seeds.filter(outlets=["Cybersecurity news site (unnamed)"])
    for fig in (
        plots_sources.sourcing_mix_chart(none),
        plots_sources.who_is_quoted_chart(none),
        plots_sources.anonymous_share_chart(none),
        plots_sources.shared_quotes_chart(none),
    ):
        assert fig.layout.annotations and "No " in fig.layout.annotations[0].text
    assert sources_tables.evidence_table(none).empty


# --- the notebook -----------------------------------------------------------------------------


@pytest.mark.slow
def test_notebook_runs_on_the_seeds(tmp_path):
    text = json.dumps(run_notebook("01_sources", tmp_path))
    assert "NBC News" in text and "senior pentagon official" in text


@pytest.mark.slow
def test_notebook_runs_on_an_undated_csv_corpus(tmp_path):
    csv = tmp_path / "bbc.csv"
    write_corpus_csv(
        csv,
        dict(
            doc_id="b1",
            outlet="BBC",
            title="Okafor calls for Pellow return",
            text=(
                "Rowing champion Ada Okafor says banned sculler Tom Pellow should be allowed to race "
                'again. "The ban was far too long," Okafor told Radio Harbour.'
            ),
        ),
        dict(
            doc_id="b2",
            outlet="BBC",
            title="Old harp fetches £80,000",
            text="A much-loved harp once played at the harbour festival has been sold for £80,000.",
        ),
        dict(doc_id="b3", outlet="Other", title="Quiet day", text="Nothing was said by anyone today."),
    )  # no actor hits
    run_notebook("01_sources", tmp_path, corpus_path=str(csv))
