"""Wire marks on the loaded corpus, the own-reporting filter and the notebooks' tables (invented articles)."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.syndication import charts, tables

STORY = (
    "The county board voted seven to two on Tuesday night to close the old iron bridge over the "
    "Miller River for six months of repairs.\n\n"
    "Officials said the detour through Oak Hollow would add about twenty minutes to the commute of "
    "some three thousand drivers each day."
)
ROWS = [
    ("g1", "Gazette", "2024-03-05", "Bridge to close", "WASHINGTON (AP) — " + STORY),
    ("h1", "Herald", "2024-03-04", "Bridge closing", "WASHINGTON (AP) — " + STORY),
    (
        "h2",
        "Herald",
        "2024-03-06",
        "Ferry plans",
        "The ferry company will add two evening crossings from June.\n\n"
        "The Associated Press contributed to this report.",
    ),
    ("c1", "Courier", "2024-03-06", "Bakery opens", "A bakery opened on Elm Street, the Associated Press reported."),
    ("a1", "AP", "2024-03-06", "Dam vote", "HARTFORD, Conn. (AP) — The dam vote was put off to April."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wirecorpus")
    path = folder / "wire.csv"
    pd.DataFrame(ROWS, columns=["doc_id", "outlet", "published", "title", "text"]).to_csv(path, index=False)
    return analysis.load_corpus(path, cache=folder / "cache", jobs=1)


def test_documents_carry_the_wire_marks_with_offsets(corpus):
    d = corpus.documents.set_index("doc_id")
    assert d["wire"].to_dict() == {"a1": "AP", "c1": "", "g1": "AP", "h1": "AP", "h2": "AP"}
    assert d["wire_role"].to_dict() == {"a1": "agency", "c1": "", "g1": "wire", "h1": "wire", "h2": "contribution"}
    g1 = d.loc["g1"]
    assert g1["text"][g1["wire_start"] : g1["wire_end"]] == "WASHINGTON (AP) —"
    assert d.loc["c1", "wire_cited"] == "AP" and d.loc["c1", "wire_start"] == -1


def test_own_reporting_only_leaves_wire_copy_out_and_says_so(corpus):
    own = corpus.filter(own_reporting_only=True)
    assert sorted(own.documents["doc_id"]) == ["a1", "c1", "h2"]
    assert set(own.sentences["doc_id"]) == {"a1", "c1", "h2"}
    assert own.notes[-1] == "own reporting only: 2 wire-copy article(s) left out (Gazette 1, Herald 1)"
    share = tables.wire_share(own).set_index("outlet")
    assert share.loc["Herald", ["articles", "wire_articles", "left_out", "contribution_articles"]].tolist() == [
        2,
        1,
        1,
        1,
    ]
    assert share.loc["Gazette", "wire_share"] == 1.0


def test_wire_share_and_evidence_tables(corpus):
    share = tables.wire_share(corpus)
    assert share["outlet"].tolist() == ["Gazette", "Herald", "AP", "Courier"]
    assert share.set_index("outlet").loc["AP", "agency_own_articles"] == 1
    ev = tables.wire_evidence(corpus)
    assert ev["doc_id"].tolist() == ["a1", "g1", "h1", "h2"]
    assert ev.set_index("doc_id").loc["h2", "wire_kind"] == "contribution"


def test_shared_clusters_name_the_earliest_publisher(corpus):
    clusters = tables.shared_clusters(corpus)
    assert clusters["first_outlet"].tolist() == ["Herald", "Herald"]
    assert clusters["first_doc_id"].tolist() == ["h1", "h1"]
    text = corpus.documents.set_index("doc_id").loc["h1", "text"]
    row = clusters.iloc[0]
    assert text[row["start"] : row["end"]].startswith(row["excerpt"].rstrip("…"))
    outlets = tables.shared_by_outlet(corpus).set_index("outlet")
    assert outlets.loc["Herald", "first_paragraphs"] == 2 and outlets.loc["Gazette", "first_paragraphs"] == 0


def test_charts_show_the_evidence_on_hover(corpus):
    fig = charts.wire_share_chart(corpus)
    assert fig.layout.title.text and fig.layout.xaxis.title.text.endswith("(%)")
    assert any("WASHINGTON (AP)" in h for trace in fig.data for h in trace.hovertext)
    assert len(charts.shared_clusters_chart(corpus).data) == 2  # Gazette and Herald
