"""Shared copy: near-duplicate paragraph clusters across outlets (invented paragraphs only)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.syndication import MIN_WORDS, _lsh, _shingles, find_shared, paragraphs_frame, shared_copy

BRIDGE = (
    "The county board voted seven to two on Tuesday night to close the old iron bridge over the "
    "Miller River for six months of repairs."
)
BRIDGE_EDITED = (
    "The county board voted 7-2 on Tuesday night to close the old iron bridge over the "
    "Miller River for six months of urgent repairs."
)
DETOUR = (
    "Officials said the detour through Oak Hollow would add about twenty minutes to the commute of "
    "some three thousand drivers each day."
)
BAKERY = (
    "A family bakery opened on Elm Street with free rye samples, a brass band and a queue that "
    "stretched past the old post office."
)
D2, D4, D5, D6 = "2024-03-02", "2024-03-04", "2024-03-05", "2024-03-06"
FERRY = (
    "The ferry company said it would add two evening crossings from June, once the new pier at "
    "Gull Point is finished and inspected."
)


def frame(rows: list[tuple]) -> pd.DataFrame:
    """A paragraphs frame from (doc_id, para_id, text, outlet, published) rows."""
    df = pd.DataFrame(rows, columns=["doc_id", "para_id", "text", "outlet", "published"])
    df["start"] = 0
    df["end"] = df["text"].str.len()
    return df


def test_near_duplicates_across_outlets_form_one_cluster():
    r = find_shared(
        frame(
            [("g1", 0, BRIDGE, "Gazette", D5), ("h1", 0, BRIDGE_EDITED, "Herald", D4), ("h1", 1, BAKERY, "Herald", D4)]
        )
    )
    assert r.members[["doc_id", "para_id"]].values.tolist() == [["g1", 0], ["h1", 0]]
    assert r.clusters[["paragraphs", "n_outlets", "outlets", "cross_outlet"]].values.tolist() == [
        [2, 2, "Gazette; Herald", True]
    ]


def test_member_offsets_come_from_the_input():
    df = frame([("g1", 3, BRIDGE, "Gazette", D5), ("h1", 0, BRIDGE, "Herald", D4)])
    df.loc[0, ["start", "end"]] = [40, 40 + len(BRIDGE)]
    m = find_shared(df).members.set_index("doc_id")
    assert (m.loc["g1", "para_id"], m.loc["g1", "start"], m.loc["g1", "end"]) == (3, 40, 40 + len(BRIDGE))


def test_unrelated_paragraphs_do_not_cluster():
    r = find_shared(
        frame([("g1", 0, BRIDGE, "Gazette", D5), ("h1", 0, FERRY, "Herald", D5), ("k1", 0, BAKERY, "Courier", D5)])
    )
    assert r.members.empty and r.clusters.empty


def test_case_quotes_and_spacing_are_ignored():
    restyled = BRIDGE.upper().replace("  ", " ").replace(" the ", "  the  ")
    r = find_shared(frame([("g1", 0, BRIDGE, "Gazette", D5), ("h1", 0, restyled, "Herald", D5)]))
    assert len(r.clusters) == 1


def test_short_paragraphs_are_ignored():
    short = "Polls close at eight tonight in the county."
    assert len(short.split()) < MIN_WORDS
    r = find_shared(frame([("g1", 0, short, "Gazette", D5), ("h1", 0, short, "Herald", D5)]))
    assert r.members.empty
    assert r.outlets["paragraphs"].tolist() == [0, 0]


def test_earliest_publisher_of_a_cluster():
    r = find_shared(
        frame(
            [
                ("g1", 0, BRIDGE, "Gazette", "2024-03-05 09:00"),
                ("h1", 0, BRIDGE_EDITED, "Herald", "2024-03-05 07:30"),
                ("k1", 0, BRIDGE, "Courier", D6),
            ]
        )
    )
    c = r.clusters.iloc[0]
    assert (c["first_outlet"], c["first_doc_id"], bool(c["first_tied"])) == ("Herald", "h1", False)
    assert r.members.set_index("doc_id")["is_first"].to_dict() == {"g1": False, "h1": True, "k1": False}


def test_same_earliest_date_in_two_outlets_is_a_tie():
    r = find_shared(frame([("g1", 0, BRIDGE, "Gazette", D5), ("h1", 0, BRIDGE, "Herald", D5)]))
    c = r.clusters.iloc[0]
    assert bool(c["first_tied"]) and c["first_outlet"] == "Gazette"  # tie broken by outlet name


def test_undated_cluster_has_no_first_publisher():
    r = find_shared(frame([("g1", 0, BRIDGE, "Gazette", None), ("h1", 0, BRIDGE, "Herald", "")]))
    c = r.clusters.iloc[0]
    assert c["first_outlet"] == "" and pd.isna(c["first_published"]) and not r.members["is_first"].any()


def test_within_outlet_repeats_are_kept_apart_from_shared_copy():
    r = find_shared(
        frame([("g1", 0, BRIDGE, "Gazette", D5), ("g2", 0, BRIDGE, "Gazette", D6), ("h1", 0, FERRY, "Herald", D5)])
    )
    assert r.clusters["cross_outlet"].tolist() == [False]
    g = r.outlets.set_index("outlet").loc["Gazette"]
    assert (g["shared_paragraphs"], g["within_outlet_paragraphs"]) == (0, 2)


def test_outlet_share_of_shared_copy():
    r = find_shared(
        frame(
            [("g1", 0, BRIDGE, "Gazette", D5), ("g1", 1, BAKERY, "Gazette", D5), ("h1", 0, BRIDGE_EDITED, "Herald", D4)]
        )
    )
    g = r.outlets.set_index("outlet").loc["Gazette"]
    assert (g["paragraphs"], g["shared_paragraphs"], g["paragraph_share"]) == (2, 1, 0.5)
    bridge, bakery = len(BRIDGE.split()), len(BAKERY.split())
    assert g["word_share"] == pytest.approx(bridge / (bridge + bakery), abs=0.02)
    assert r.outlets.set_index("outlet").loc["Herald", "first_paragraphs"] == 1


def test_article_pairs_mark_a_copied_article():
    r = find_shared(
        frame(
            [
                ("g1", 0, BRIDGE, "Gazette", D5),
                ("g1", 1, DETOUR, "Gazette", D5),
                ("h1", 0, BRIDGE, "Herald", D4),
                ("h1", 1, DETOUR, "Herald", D4),
                ("h1", 2, BAKERY, "Herald", D4),
                ("h1", 3, FERRY, "Herald", D4),
                ("h1", 4, FERRY.replace("June", "July and September"), "Herald", D4),
            ]
        )
    )
    a = r.articles.set_index("doc_id")
    g1 = a.loc["g1"]
    assert (g1["other_doc_id"], g1["share"], bool(g1["is_copy"])) == ("h1", 1.0, True)
    assert (a.loc["h1", "shared_paragraphs"], bool(a.loc["h1", "is_copy"])) == (2, False)


def test_same_rows_in_any_order_give_the_same_frames():
    df = frame(
        [
            ("g1", 0, BRIDGE, "Gazette", D5),
            ("h1", 0, BRIDGE_EDITED, "Herald", D4),
            ("k1", 0, DETOUR, "Courier", D2),
            ("g1", 1, DETOUR, "Gazette", D5),
        ]
    )
    first, again = find_shared(df), find_shared(df.iloc[::-1])
    for a, b in zip(first, again):
        pd.testing.assert_frame_equal(a, b)


def test_furniture_rows_are_skipped():
    df = frame([("g1", 0, BRIDGE, "Gazette", D5), ("h1", 0, BRIDGE, "Herald", D5)])
    df["is_furniture"] = [False, True]
    assert find_shared(df).members.empty


def test_missing_columns_are_an_error():
    with pytest.raises(ValueError, match="outlet"):
        find_shared(frame([("g1", 0, BRIDGE, "Gazette", D5)]).drop(columns="outlet"))


def test_shared_copy_joins_outlet_and_date_from_documents():
    docs = pd.DataFrame(
        {
            "doc_id": ["g1", "h1"],
            "outlet": ["Gazette", "Herald"],
            "published": [D5, "2024-03-01"],
            "text": [BRIDGE, "Headline\n\n" + BRIDGE],
        }
    )
    r = shared_copy(paragraphs_frame(docs), docs)
    assert r.clusters[["first_outlet", "outlets"]].values.tolist() == [["Herald", "Gazette; Herald"]]


def test_paragraphs_frame_offsets_index_the_text():
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["Title\n\n  First para.  \nSecond para.\n"]})
    p = paragraphs_frame(docs)
    assert p["text"].tolist() == ["Title", "First para.", "Second para."]
    assert [docs.at[0, "text"][s:e] for s, e in zip(p["start"], p["end"])] == p["text"].tolist()
    assert p["para_id"].tolist() == [0, 1, 2]


def test_minhash_estimates_jaccard():
    a, b = _shingles.words_of(BRIDGE), _shingles.words_of(BRIDGE_EDITED)
    sa, sb = _lsh.shingle_bytes(a), _lsh.shingle_bytes(b)
    ha, hb = _lsh.signatures([a, b], num_perm=256)
    assert (ha.hashvalues == hb.hashvalues).mean() == pytest.approx(len(sa & sb) / len(sa | sb), abs=0.1)


def test_lsh_candidates_chain_a_crowded_bucket_instead_of_all_pairs():
    hashes = _lsh.signatures([_shingles.words_of(BRIDGE)] * 40, num_perm=32)
    left, right = _lsh.lsh_pairs(hashes, bands=8)
    assert list(zip(left.tolist(), right.tolist())) == [(i, i + 1) for i in range(39)]  # a chain, not 780 pairs
