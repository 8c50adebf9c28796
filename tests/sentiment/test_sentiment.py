"""Sentiment stage: NLTK VADER scores, explanations, overrides, aggregates, the paper table, the notebook."""

from __future__ import annotations

import importlib.util
import math
import re

import pandas as pd
import pytest
from conftest import ROOT, file_error, run_notebook, write_corpus_csv

import analysis
from analysis.pipeline import annotate as pipeline
from analysis.sentiment import explain
from analysis.sentiment import stage as sentiment
from analysis.sentiment import tables as sentiment_tables

GROUND_TRUTH = ROOT.parent / "shared" / "data" / "vader_ground_truth"


def constants():
    from nltk.sentiment.vader import VaderConstants

    return VaderConstants


def bench():
    """The benchmark script as a module (ground-truth reader, Pearson r, difference causes)."""
    spec = importlib.util.spec_from_file_location("vader_table", ROOT / "benchmarks" / "vader_table.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """The seeds annotated with the sentiment stage alone (independent of other stages' state)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(pipeline, "STAGES", ("sentiment",))
    try:
        corpus = analysis.load_corpus(cache=tmp_path_factory.mktemp("sentiment_cache"))
    finally:
        mp.undo()
    return corpus


def row_of(corpus, needle: str) -> pd.Series:
    s = corpus.sentences
    hits = s[s["text"].str.contains(needle, regex=False)]
    assert len(hits) == 1, f"{len(hits)} sentences contain {needle!r}"
    return hits.iloc[0]


def steps(frame: pd.DataFrame, word: str) -> list[tuple[str, str]]:
    return list(zip(*frame.loc[frame["word"] == word, ["effect", "trigger"]].T.values))


# --- scores equal the reference VADER ----------------------------------------------------


def test_scores_equal_nltk_reference_vader(scored):
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    reference = SentimentIntensityAnalyzer()  # a fresh analyzer, not the module's cached one
    s = scored.sentences
    assert len(s) > 100
    for row in s.itertuples(index=False):
        want = reference.polarity_scores(row.text)
        assert (row.neg, row.neu, row.pos, row.compound) == (want["neg"], want["neu"], want["pos"], want["compound"])


def test_registered_stage_adds_the_columns_to_the_seeds(seeds):
    assert "sentiment" in pipeline.STAGES
    assert pipeline.STAGES[-1] == "sentiment"
    assert set(sentiment.COLUMNS) <= set(seeds.sentences.columns)
    assert seeds.sentences["compound"].notna().all()


def test_override_columns_match_scoring_with_the_default_file(scored):
    ovr = sentiment.load_reference(pipeline.DEFAULT_REFERENCE["sentiment_overrides"])
    for row in scored.sentences.itertuples(index=False):
        want = sentiment.score(row.text, ovr)
        assert (row.neg_ovr, row.neu_ovr, row.pos_ovr, row.compound_ovr) == (
            want["neg"],
            want["neu"],
            want["pos"],
            want["compound"],
        )


def test_vadersentiment_differs_only_for_documented_reasons(scored):
    causes = {bench().why_different(t) for t in scored.sentences["text"]}
    assert causes <= {None, "tokens", "'no' rule", "repeated word", "booster list"}, causes


def test_no_before_a_lexicon_word_is_where_nltk_and_vadersentiment_part():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    # The quoted clause of a Reuters seed sentence, without the quote marks (which NLTK and
    # vaderSentiment also tokenise differently).
    text = (
        "The new contract language made virtually no progress on preventing Claude's use for mass "
        "surveillance of Americans or in fully autonomous weapons"
    )
    ours = sentiment.score(text)["compound"]
    theirs = SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    ex = explain.explain(text)
    assert steps(ex, "no") == [("lexicon", "no")]  # NLTK: "no" is a lexicon word (-1.2) ...
    assert steps(ex, "progress") == [("lexicon", "progress")]  # ... and does not negate "progress"
    assert theirs < ours  # vaderSentiment 3.3.2 zeroes "no" and negates "progress"
    assert bench().why_different(text) == "'no' rule"


# --- explanations ---------------------------------------------------------------------------


def test_explain_negation_and_booster():
    c = constants()
    text = "But that apparently did not satisfy the Pentagon."
    ex = explain.explain(text)
    assert steps(ex, "satisfy") == [("lexicon", "satisfy"), ("negation", "not"), ("but", "but")]
    lex = sentiment.analyzer().lexicon["satisfy"]
    assert ex.loc[ex["word"] == "satisfy", "valence"].iloc[-1] == pytest.approx(lex * c.N_SCALAR * 1.5)


def test_explain_booster_two_words_before():
    c = constants()
    text = (
        "For months, Anthropic CEO Dario Amodei has insisted that Anthropic's AI model, Claude, must not be "
        "used for mass surveillance in the U.S. or to power entirely autonomous weapons, such as a drone "
        "that uses AI to decide whom to kill without human approval."
    )
    ex = explain.explain(text)
    assert steps(ex, "weapons") == [("lexicon", "weapons"), ("booster", "entirely")]
    lex = sentiment.analyzer().lexicon["weapons"]
    assert ex.loc[ex["word"] == "weapons", "valence"].iloc[-1] == pytest.approx(lex - c.B_INCR * 0.95)
    assert steps(ex, "approval") == [("lexicon", "approval"), ("negation", "without")]


def test_explain_but_halves_before_and_boosts_after():
    text = (
        "It effectively signals that the U.S. government views AI models not just as commercial products, "
        "but as strategic national assets that can be seized or modified under the guise of national security."
    )
    ex = explain.explain(text)
    lex = sentiment.analyzer().lexicon
    final = ex.groupby("word")["valence"].last()
    assert final["effectively"] == pytest.approx(lex["effectively"] * 0.5)
    assert final["assets"] == pytest.approx(lex["assets"] * 1.5)
    assert final["security"] == pytest.approx(lex["security"] * 1.5)


def test_explain_caps_and_punctuation_reconcile_with_compound():
    text = "The deal is GOOD for Anthropic, not bad!!"
    ex = explain.explain(text)
    assert ("caps", "GOOD") in steps(ex, "GOOD")
    assert ex["effect"].iloc[-1] == "punctuation" and ex["trigger"].iloc[-1] == "!!"
    total = ex["change"].sum()
    assert total == pytest.approx(ex.attrs["sum"])
    assert round(total / math.sqrt(total * total + sentiment.NORMALIZE_ALPHA), 4) == sentiment.score(text)["compound"]
    assert ex["compound_share"].sum() == pytest.approx(ex.attrs["compound_exact"])


def test_explain_reconciles_on_every_seed_sentence(scored):
    for text, compound in zip(scored.sentences["text"], scored.sentences["compound"]):
        ex = explain.explain(text)
        assert ex.attrs["compound"] == compound
        assert round(ex.attrs["compound_exact"], 4) == compound
        assert ex["change"].sum() == pytest.approx(ex.attrs["sum"], abs=1e-9)


def test_explain_repeated_word_uses_first_occurrence_context_like_nltk():
    text = "The talks were not good, and the deal was good."
    ex = explain.explain(text)
    goods = ex[ex["word"] == "good,"]["position"].tolist() + ex[ex["word"] == "good"]["position"].tolist()
    assert len(set(goods)) == 2  # "good," and "good" are different tokens here
    text = "It was not good good news"
    ex = explain.explain(text)
    second = ex[(ex["word"] == "good") & (ex["position"] == 4)]
    assert second["context_position"].iloc[0] == 3 and ("negation", "not") in zip(second["effect"], second["trigger"])
    assert ex.attrs["compound"] == sentiment.score(text)["compound"]


def test_drivers_names_the_rules():
    line = explain.drivers("But that apparently did not satisfy the Pentagon.")
    assert line.startswith("satisfy -2.22") and "negation" in line and "[not]" in line


# --- overrides ------------------------------------------------------------------------------


def test_default_overrides_file_loads_and_is_used_in_explanations():
    ovr = sentiment.load_reference(pipeline.DEFAULT_REFERENCE["sentiment_overrides"])
    values = ovr.as_dict()
    assert values["defense"] == 0.0 and values["war"] == 0.0 and values["blacklist"] == -2.0
    text = (
        "Alternative options include labeling Anthropic as a 'supply-chain risk,' which would effectively "
        "blacklist the firm from federal contracts."
    )
    plain, with_ovr = explain.explain(text), explain.explain(text, ovr)
    assert "blacklist" not in set(plain["word"])
    assert steps(with_ovr, "blacklist") == [("override", "blacklist")]
    assert with_ovr.attrs["compound"] == sentiment.score(text, ovr)["compound"] < plain.attrs["compound"]


def test_neutral_scores_like_an_unlisted_word():
    text = (
        '"Anthropic understands that the Department of War, not private companies, makes military '
        'decisions," the statement said.'
    )
    assert sentiment.score(text)["compound"] < 0  # "War," at -2.9
    assert sentiment.score(text, {"war": "neutral"}) == sentiment.score(text.replace("War,", "Xyzzy,"))


def test_override_columns_on_seed_sentences(scored):
    row = row_of(scored, "the Secretary of War will ensure")
    assert row["compound_ovr"] > row["compound"]
    untouched = row_of(scored, "But that apparently did not satisfy the Pentagon.")
    assert untouched["compound_ovr"] == untouched["compound"]


def test_custom_overrides_file_reaches_the_stage(tmp_path, monkeypatch):
    path = tmp_path / "ovr.yml"
    path.write_text("satisfy: -3.0\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "STAGES", ("sentiment",))
    corpus = analysis.load_corpus(cache=False, sentiment_overrides=path)
    row = row_of(corpus, "But that apparently did not satisfy the Pentagon.")
    assert row["compound"] < 0 < row["compound_ovr"]  # negated -3.0 turns positive
    war = row_of(corpus, "the Secretary of War will ensure")
    assert war["compound_ovr"] == war["compound"]  # "war" is not in this file


@pytest.mark.parametrize(
    "content, problem",
    [
        ("- defense\n- war\n", "must be a mapping"),
        ("supply chain: neutral\n", "single words"),
        ("Defense: neutral\n", "lower case"),
        ("war: negative\n", "neither a number"),
        ("war: -7\n", "outside VADER's scale"),
        ("war: true\n", "neither a number"),
        ("no: neutral\n", "quote words YAML reads as booleans"),
        ("war: neutral\nwar: -1\n", "duplicate key"),
        ("war: [neutral\n", "not valid YAML"),
    ],
)
def test_bad_overrides_file_names_the_file_and_problem(tmp_path, content, problem):
    assert problem in file_error(tmp_path / "bad_overrides.yml", content, sentiment.load_reference)


def test_empty_overrides_file_means_no_overrides(tmp_path):
    path = tmp_path / "empty.yml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert len(sentiment.load_reference(path)) == 0


# --- aggregates ------------------------------------------------------------------------------


def test_tone_thresholds():
    got = sentiment_tables.tone_of(pd.Series([0.05, 0.0499, -0.0499, -0.05, 0.0]))
    assert got.tolist() == ["positive", "neutral", "neutral", "negative", "neutral"]


def test_document_tone_excludes_furniture_by_default(scored):
    s = scored.sentences
    furn_docs = s.loc[s["is_furniture"], "doc_id"].unique()
    assert len(furn_docs) >= 1
    doc = furn_docs[0]
    body = s[(s["doc_id"] == doc) & ~s["is_furniture"]]
    tone = sentiment_tables.document_tone(scored).set_index("doc_id").loc[doc]
    assert tone["sentences"] == len(body)
    assert tone["mean_compound"] == pytest.approx(body["compound"].mean())
    assert tone["share_negative"] == pytest.approx((body["compound"] <= -0.05).mean())
    with_furniture = sentiment_tables.document_tone(scored, include_furniture=True).set_index("doc_id").loc[doc]
    assert with_furniture["sentences"] == (s["doc_id"] == doc).sum() > tone["sentences"]


def test_document_tone_switches_to_override_scores(scored):
    s = scored.sentences[~scored.sentences["is_furniture"]]
    tone = sentiment_tables.document_tone(scored, use_overrides=True).set_index("doc_id")
    want = s.groupby("doc_id")["compound_ovr"].mean()
    pd.testing.assert_series_equal(tone["mean_compound"].loc[want.index], want, check_names=False)


def hand_mentions(corpus) -> pd.DataFrame:
    """A mentions frame (actors-stage contract) built by plain string search, for two actors."""
    rows = []
    for r in corpus.sentences.itertuples(index=False):
        for actor, atype, pattern in (
            ("Department of Defense", "government", r"Pentagon"),
            ("Pete Hegseth", "person", r"Hegseth"),
        ):
            for m in re.finditer(pattern, r.text):
                rows.append(
                    {
                        "doc_id": r.doc_id,
                        "sent_id": r.sent_id,
                        "actor": actor,
                        "actor_type": atype,
                        "surface": m.group(),
                        "start": r.start + m.start(),
                        "end": r.start + m.end(),
                        "in_furniture": r.is_furniture,
                    }
                )
    return pd.DataFrame(rows)


def test_actor_tone_counts_means_and_small_groups(scored):
    mentions = hand_mentions(scored)
    tone = sentiment_tables.actor_tone(scored, mentions=mentions, min_count=5)
    s = scored.sentences.merge(scored.documents[["doc_id", "outlet"]], on="doc_id")
    pent = s[s["text"].str.contains("Pentagon") & ~s["is_furniture"]]
    for outlet, g in pent.groupby("outlet"):
        row = tone[(tone["actor"] == "Department of Defense") & (tone["outlet"] == outlet)].iloc[0]
        assert row["sentences"] == len(g)  # one per sentence, furniture left out
        if len(g) >= 5:
            assert row["mean_compound"] == pytest.approx(g["compound"].mean())
            assert row["ci_low"] <= row["mean_compound"] <= row["ci_high"]
        else:
            assert not row["enough"] and math.isnan(row["mean_compound"]) and math.isnan(row["ci_low"])
    assert (~tone["enough"]).any()  # Hegseth has too few sentences in some outlet


def test_actor_tone_is_deterministic_and_independent_of_other_groups(scored):
    mentions = hand_mentions(scored)
    both = sentiment_tables.actor_tone(scored, mentions=mentions)
    again = sentiment_tables.actor_tone(scored, mentions=mentions)
    one = sentiment_tables.actor_tone(scored, actors=["Department of Defense"], mentions=mentions)
    pd.testing.assert_frame_equal(both, again)
    pd.testing.assert_frame_equal(both[both["actor"] == "Department of Defense"].reset_index(drop=True), one)


def test_actor_tone_without_mentions_is_empty_not_an_error(scored):
    assert sentiment_tables.actor_tone(scored).empty  # this corpus ran without the actors stage
    assert list(sentiment_tables.actor_tone(scored).columns) == sentiment_tables.ACTOR_TONE_COLUMNS


def test_actor_tone_on_the_actors_stage_mentions(seeds):
    if "mentions" not in seeds.frames or seeds.mentions.empty:
        pytest.skip("the actors stage is not registered yet: no corpus.mentions")
    tone = sentiment_tables.actor_tone(seeds)
    assert not tone.empty and tone["sentences"].min() >= 1
    assert set(tone["outlet"]) <= set(seeds.documents["outlet"])


def test_override_effect_side_by_side(scored):
    effect = sentiment_tables.override_effect(scored).set_index("outlet")
    plain = sentiment_tables.outlet_tone(scored).set_index("outlet")
    ovr = sentiment_tables.outlet_tone(scored, use_overrides=True).set_index("outlet")
    pd.testing.assert_series_equal(effect["mean_compound"], plain["mean_compound"])
    pd.testing.assert_series_equal(effect["mean_compound_ovr"], ovr["mean_compound"], check_names=False)
    assert effect.loc["NPR", "sentences_changed"] > 0  # "Department of War" sentences


def test_extreme_sentences_are_the_extremes(scored):
    table = sentiment_tables.extreme_sentences(scored, n=3)
    body = scored.sentences[~scored.sentences["is_furniture"]]
    assert table[table["tone"] == "most negative"]["compound"].tolist() == sorted(body["compound"])[:3]
    assert table[table["tone"] == "most positive"]["compound"].tolist() == sorted(body["compound"])[::-1][:3]
    assert table["drivers"].str.len().gt(0).all()


# --- the published table ---------------------------------------------------------------------


def test_paper_table_4_reproduces_within_003():
    mod = bench()
    if not GROUND_TRUTH.is_dir():
        pytest.skip(f"VADER ground truth not found at {GROUND_TRUTH}; see benchmarks/vader_table.py for its source")
    for name, (file, paper, records) in mod.SETS.items():
        texts, human = mod.read_ground_truth(GROUND_TRUTH / file)
        assert len(texts) == records
        r = mod.pearson(mod.compounds(texts), human)
        assert abs(r - paper) <= mod.TOLERANCE, f"{name}: r={r:.3f}, paper {paper}"


# --- the notebook ------------------------------------------------------------------------------


@pytest.mark.slow
def test_notebook_runs_on_the_seeds(tmp_path):
    outputs = run_notebook("03_sentiment", tmp_path)
    plotly = [
        o
        for o in outputs
        if "application/vnd.plotly.v1+json" in o.get("data", {})
        or "plotly" in str(o.get("data", {}).get("text/html", ""))
    ]
    assert len(plotly) >= 6


@pytest.mark.slow
def test_notebook_runs_on_an_undated_csv_with_overrides(tmp_path):
    csv = write_corpus_csv(
        tmp_path / "ferries.csv",
        dict(
            doc_id="b1",
            outlet="BBC News",
            title="Ferry sales lift Harbour Lines profit",
            text=(
                "Ferry sales lift Harbour Lines profit\n\nYearly profits at the ferry operator Harbour Lines "
                "rose 40% to $2.5bn in the six months to June. Its profits were helped by one-off gains."
            ),
        ),
        dict(
            doc_id="b2",
            outlet="BBC News",
            title="Krona rises after bank speech",
            text=(
                "Krona rises after bank speech\n\nThe krona has reached its strongest level against the yen "
                "in almost four months. But the currency remains fragile and dealers fear a war of words."
            ),
        ),
        dict(doc_id="b3", outlet="Wire", text="Markets were calm. Nobody expected a crisis."),
    )
    run_notebook("03_sentiment", tmp_path, corpus_path=str(csv), use_overrides=True, actors_to_compare=["Nobody Known"])


def test_override_columns_rescored_only_where_an_override_word_stands(tmp_path):
    from analysis.documents import Document
    from analysis.text import segment

    text = "The software award was a risk to nobody. The war_ began. Nobody won an award."
    doc = Document(doc_id="d", outlet="X", text=text)
    frames = segment("d", text)
    ovr = sentiment.as_overrides({"risk": "neutral", "war": "neutral", "award": 3.0})
    rows = sentiment.annotate(doc, frames, ovr)
    patched = sentiment.analyzer_for(ovr)
    for text_, got in zip(frames["sentences"]["text"], rows["compound_ovr"]):
        assert got == patched.polarity_scores(text_)["compound"]
