"""distinctive_terms and term_evidence on small invented corpora."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.language import EVIDENCE_COLUMNS, TERM_COLUMNS, distinctive_terms, group_labels, term_evidence

# doc_id -> (outlet, published, sentences); a sentence starting with "FURNITURE " is page furniture.
CORPUS = {
    "d1": (
        "Daily",
        "2026-01-05",
        ["Tariffs rose again.", "Officials met Okafor about tariffs.", "Zebras, zebras, zebras, zebras, zebras."],
    ),
    "d2": ("Daily", "2026-01-12", ["New tariffs hit farmers.", "Critics asked Okafor about tariffs."]),
    "d3": ("Daily", "2026-01-19", ["The tariffs stayed.", "Voters saw Okafor on television."]),
    "h1": ("Herald", "2026-02-02", ["Wages fell again.", "Officials met Lindqvist about wages."]),
    "h2": ("Herald", "2026-02-09", ["Low wages hit farmers.", "Critics asked Lindqvist about wages."]),
    "h3": (
        "Herald",
        "2026-02-16",
        [
            "The wages stayed.",
            "Voters saw Lindqvist on television.",
            "FURNITURE Subscribe: tariffs, tariffs, tariffs, tariffs, tariffs.",
        ],
    ),
}


def frames(corpus: dict = CORPUS) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """(sentences, documents, doc texts) with real document offsets."""
    sents, docs, texts = [], [], {}
    for doc_id, (outlet, published, sentences) in corpus.items():
        text = " ".join(sentences)
        texts[doc_id] = text
        docs.append(
            {
                "doc_id": doc_id,
                "outlet": outlet,
                "published": pd.Timestamp(published),
                "desk": "economy" if outlet == "Daily" else "labour",
            }
        )
        pos = 0
        for i, s in enumerate(sentences):
            start = text.index(s, pos)
            pos = start + len(s)
            sents.append(
                {
                    "doc_id": doc_id,
                    "sent_id": i,
                    "start": start,
                    "end": pos,
                    "text": s,
                    "is_furniture": s.startswith("FURNITURE "),
                }
            )
    return pd.DataFrame(sents), pd.DataFrame(docs), texts


def test_statistic_end_to_end_matches_hand_computation():
    # A: tariffs x3, wages x1 (n = 4); B: tariffs x1, wages x2 (n = 3); C: wages x2 (n = 2).
    # Commas keep bigrams out. alpha_0 = 9: a_tariffs = 9 * 4/9 = 4, a_wages = 9 * 5/9 = 5.
    #   tariffs in A: log(7/6) - log(5/9) = 0.741937; sd = sqrt(1/7 + 1/5) = 0.585540; z = 1.267099
    #   wages in C:   log(7/4) - log(8/8) = 0.559616; sd = sqrt(1/7 + 1/8) = 0.517549; z = 1.081280
    tiny = {
        "a1": ("A", "2026-01-01", ["Tariffs, tariffs, tariffs, wages."]),
        "b1": ("B", "2026-01-01", ["Tariffs, wages, wages."]),
        "c1": ("C", "2026-01-01", ["Wages, wages."]),
    }
    sentences, documents, _ = frames(tiny)
    got = distinctive_terms(sentences, documents, min_count=1, min_docs=1, alpha_0=9.0)
    row = got.set_index(["group", "term"])
    assert row.loc[("A", "tariffs"), "z"] == pytest.approx(1.267099, abs=1e-6)
    assert row.loc[("A", "tariffs"), ["count_group", "count_rest"]].tolist() == [3, 1]
    assert row.loc[("C", "wages"), "z"] == pytest.approx(1.081280, abs=1e-6)
    assert ("A", "wages") not in row.index  # z < 0: under-used terms are not listed


def test_columns_order_and_furniture_skipped():
    sentences, documents, _ = frames()
    got = distinctive_terms(sentences, documents)
    assert list(got.columns) == TERM_COLUMNS
    assert got.attrs["by"] == "outlet"
    tariffs = got[got["term"] == "tariffs"].iloc[0]
    assert (tariffs["group"], tariffs["count_group"], tariffs["count_rest"], tariffs["docs_group"]) == (
        "Daily",
        5,
        0,
        3,
    )  # the furniture line's five "tariffs" are not counted
    assert (got["z"] > 0).all()
    for (_, _), part in got.groupby(["group", "is_name"]):
        assert part["rank"].tolist() == list(range(1, len(part) + 1))
        assert part["z"].is_monotonic_decreasing


def test_min_count_and_min_docs():
    sentences, documents, _ = frames()
    assert "tariffs" in set(distinctive_terms(sentences, documents, min_count=5)["term"])
    assert "tariffs" not in set(distinctive_terms(sentences, documents, min_count=6)["term"])
    # five "zebras" in one article: not a trait of the outlet unless min_docs allows one document
    assert "zebras" not in set(distinctive_terms(sentences, documents)["term"])
    assert "zebras" in set(distinctive_terms(sentences, documents, min_docs=1)["term"])


def test_names_apart_out_or_in():
    sentences, documents, _ = frames()
    apart = distinctive_terms(sentences, documents, min_count=3)
    daily = apart[apart["group"] == "Daily"].set_index("term")
    assert bool(daily.loc["okafor", "is_name"]) and daily.loc["okafor", "rank"] == 1
    assert not daily.loc["tariffs", "is_name"] and daily.loc["tariffs", "rank"] == 1
    out = distinctive_terms(sentences, documents, min_count=3, names="out")
    assert not out["is_name"].any() and "okafor" not in set(out["term"])
    together = distinctive_terms(sentences, documents, min_count=3, names="in")
    daily = together[together["group"] == "Daily"]
    assert daily["rank"].tolist() == list(range(1, len(daily) + 1))
    ranks = daily.set_index("term")["rank"]
    assert sorted([ranks["okafor"], ranks["tariffs"]]) == [1, 2]
    with pytest.raises(ValueError):
        distinctive_terms(sentences, documents, names="hidden")


def test_mentions_make_a_term_a_name():
    sentences, documents, texts = frames()
    spans = [(d, i) for d in ("d1", "d2") for i in range(len(texts[d])) if texts[d].lower().startswith("tariffs", i)]
    mentions = pd.DataFrame(
        {"doc_id": [d for d, _ in spans], "start": [i for _, i in spans], "end": [i + 7 for _, i in spans]}
    )  # 4 of the 5 uses of "tariffs"
    plain = distinctive_terms(sentences, documents).set_index(["group", "term"])
    marked = distinctive_terms(sentences, documents, mentions=mentions).set_index(["group", "term"])
    assert not plain.loc[("Daily", "tariffs"), "is_name"]
    assert marked.loc[("Daily", "tariffs"), "is_name"] and marked.loc[("Daily", "tariffs"), "rank"] == 1


def test_group_by_month_or_any_column_and_errors():
    sentences, documents, _ = frames()
    by_outlet = distinctive_terms(sentences, documents)
    by_month = distinctive_terms(sentences, documents, by="month")
    assert sorted(by_month["group"].unique()) == ["2026-01", "2026-02"]
    assert by_month.drop(columns="group").equals(by_outlet.drop(columns="group"))
    assert by_month.attrs["by"] == "month"
    assert set(distinctive_terms(sentences, documents, by="desk")["group"]) == {"economy", "labour"}
    assert group_labels(documents.assign(published=pd.NaT), "month").isna().all()
    with pytest.raises(ValueError):
        distinctive_terms(sentences, documents, by="colour")


def test_fewer_than_two_groups_gives_an_empty_frame():
    sentences, documents, _ = frames()
    got = distinctive_terms(sentences, documents.assign(outlet="Daily"))
    assert got.empty and list(got.columns) == TERM_COLUMNS


def test_deterministic_whatever_the_input_order():
    sentences, documents, _ = frames()
    first = distinctive_terms(sentences, documents, min_count=2)
    again = distinctive_terms(sentences.sample(frac=1, random_state=7), documents.iloc[::-1], min_count=2)
    pd.testing.assert_frame_equal(first, again)


def test_evidence_offsets_point_into_the_document_text():
    sentences, documents, texts = frames()
    terms = distinctive_terms(sentences, documents, min_count=2)
    ev = term_evidence(sentences, documents, terms, per_term=2)
    assert list(ev.columns) == EVIDENCE_COLUMNS and not ev.empty
    for row in ev.itertuples():
        assert texts[row.doc_id][row.start : row.end].lower() == row.term
        sent = sentences[(sentences.doc_id == row.doc_id) & (sentences.sent_id == row.sent_id)].iloc[0]
        assert sent["text"] == row.sentence and sent["start"] <= row.start < row.end <= sent["end"]
        assert documents.set_index("doc_id").loc[row.doc_id, "outlet"] == row.group
    assert ev.groupby(["group", "term"]).size().max() <= 2
    tariffs = ev[ev["term"] == "tariffs"]
    assert tariffs["doc_id"].tolist() == ["d1", "d3"]  # two of three articles, spread over them
    assert texts["d1"][tariffs["start"].iloc[0] : tariffs["end"].iloc[0]] == "Tariffs"


def test_evidence_for_a_bigram_only_from_the_group_and_never_from_furniture():
    sentences, documents, texts = frames()
    terms = pd.DataFrame({"group": ["Daily", "Herald"], "term": ["hit farmers", "tariffs"]})
    ev = term_evidence(sentences, documents, terms, per_term=5)
    assert ev["doc_id"].tolist() == ["d2"]  # not h2 (Herald), and Herald's "tariffs" are furniture
    row = ev.iloc[0]
    assert (row.term, texts["d2"][row.start : row.end]) == ("hit farmers", "hit farmers")
    again = term_evidence(sentences.iloc[::-1], documents, terms, per_term=5)
    pd.testing.assert_frame_equal(ev, again)
