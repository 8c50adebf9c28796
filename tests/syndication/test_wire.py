"""Wire-copy marks: datelines, credits, bylines, contributions and citations (invented texts only)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.syndication import (
    canonical_agency,
    detect_wire,
    outlet_wire_share,
    own_reporting_ids,
    wire_marks,
    wire_table,
)
from analysis.syndication._wire import WIRE_COLUMNS

HEAD = "Council delays vote on harbour plan\n\n"


def evidence(text: str, **kw) -> str:
    """The text span the detector points at."""
    m = detect_wire(text, **kw)
    return text[m.wire_start : m.wire_end]


@pytest.mark.parametrize(
    "dateline, agency",
    [
        ("SPRINGFIELD, Ill. (AP) —", "AP"),
        ("Lisbon (AFP) –", "AFP"),
        ("HEMPSTEAD, N.Y., Sept. 26 (UPI) --", "UPI"),
        ("OSLO (Reuters) -", "Reuters"),
        ("March 3 (Reuters) -", "Reuters"),
        ("PORTLAND, Maine (AP) _", "AP"),
        ("SAO PAULO, Brazil (AP) —", "AP"),
        ("New Delhi, Jan 5 (PTI)", "PTI"),
    ],
)
def test_dateline_styles(dateline, agency):
    text = HEAD + dateline + " The harbour council put off its vote on Tuesday.\n\nMore text."
    m = detect_wire(text)
    assert (m.wire, m.wire_role, m.wire_kind, m.wire_field) == (agency, "wire", "dateline", "text")
    assert text[m.wire_start : m.wire_end] == dateline


def test_staff_dateline_without_agency_is_not_wire():
    assert detect_wire(HEAD + "SPRINGFIELD, Ill. — The harbour council put off its vote.").wire == ""


def test_agency_in_parentheses_without_dash_or_date_is_not_a_dateline():
    assert detect_wire(HEAD + "Senator Ada Moss (AP) waves to supporters in Dover.").wire == ""


def test_dateline_far_down_the_article_is_not_wire():
    body = "".join(f"Paragraph {i} of the outlet's own story.\n\n" for i in range(8))
    assert detect_wire(HEAD + body + "OSLO (Reuters) - A quoted wire lead.").wire == ""


def test_photo_credit_in_parentheses_is_not_a_dateline():
    assert detect_wire(HEAD + "The mayor speaks on Monday. (AP Photo/Jane Doe)\n\nText.").wire == ""


def test_reuters_closing_credit():
    text = HEAD + "The council will meet again in May.\n\n(Reporting by Ana Silva; Editing by Tom Wu)"
    m = detect_wire(text)
    assert (m.wire, m.wire_kind) == ("Reuters", "credit")
    assert evidence(text) == "(Reporting by Ana Silva; Editing by Tom Wu)"


def test_writing_and_additional_reporting_credit():
    text = HEAD + "The council will meet again. (Writing by Li Chen; Additional reporting by Bo Ek in Oslo)"
    assert detect_wire(text)[:3] == ("Reuters", "wire", "credit")


def test_outlet_own_additional_reporting_line_is_not_wire():
    text = HEAD + "The council will meet again.\n\n--additional reporting by Lee Park."
    assert detect_wire(text).wire == ""


def test_bloomberg_contact_credit():
    text = HEAD + "Bond yields rose.\n\nTo contact the reporter on this story: Kim Lee in Seoul"
    assert detect_wire(text)[:3] == ("Bloomberg", "wire", "credit")


def test_agency_copyright_notice():
    text = HEAD + "The vote is now set for May.\n\nCopyright 2024 The Associated Press. All rights reserved."
    assert detect_wire(text)[:3] == ("AP", "wire", "credit")


def test_afp_signoff_on_the_last_line():
    text = HEAD + "The harbour council said the vote would now take place next month at the earliest. — AFP"
    assert detect_wire(text)[:3] == ("AFP", "wire", "credit")


@pytest.mark.parametrize(
    "line",
    [
        "By The Associated Press",
        "The Associated Press",
        "By MARIA LOPEZ, Associated Press",
        "JANE DOE, AP Political Writer",
        "By Sam Roe and Ida Bell, Reuters",
    ],
)
def test_byline_lines(line):
    text = HEAD + line + "\n\nThe harbour council put off its vote on Tuesday."
    m = detect_wire(text)
    assert (m.wire_kind, m.wire_field, text[m.wire_start : m.wire_end]) == ("byline", "text", line)
    assert m.wire in {"AP", "Reuters"}


def test_all_caps_photo_caption_is_not_a_byline():
    assert detect_wire(HEAD + "ASSOCIATED PRESS.\n\nThe harbour council put off its vote.").wire == ""


@pytest.mark.parametrize(
    "author, agency",
    [
        ("AP", "AP"),
        ("Associated Press", "AP"),
        ("Reuters staff", "Reuters"),
        ("Jane Doe, Agence France-Presse", "AFP"),
        ("By UPI", "UPI"),
    ],
)
def test_author_field_names_the_agency(author, agency):
    m = detect_wire("The harbour council put off its vote.", author=author)
    assert (m.wire, m.wire_kind, m.wire_field) == (agency, "byline", "author")
    assert author[m.wire_start : m.wire_end].endswith(author.split()[-1])


def test_personal_author_is_not_wire():
    assert detect_wire("The harbour council put off its vote.", author="Michael Bloomberg").wire == ""


def test_title_suffix_names_the_agency():
    m = detect_wire("The harbour council put off its vote.", title="Harbour vote delayed - Reuters")
    assert (m.wire, m.wire_field, m.wire_evidence) == ("Reuters", "title", "- Reuters")


def test_title_that_cites_the_agency_is_not_wire():
    assert detect_wire("Our own story.", title="AP: Harbour deal was signed in secret").wire == ""


@pytest.mark.parametrize(
    "note, agency",
    [
        ("The Associated Press contributed to this report.", "AP"),
        ("Reuters contributed reporting.", "Reuters"),
        ("Associated Press writer Ola Berg contributed from Bergen.", "AP"),
        ("Material from Agence France-Presse was used in this report.", "AFP"),
    ],
)
def test_contribution_is_recorded_but_is_not_wire(note, agency):
    text = HEAD + "Our reporter spent a week at the harbour.\n\n" + note
    m = detect_wire(text)
    assert (m.wire, m.wire_role, m.wire_kind) == (agency, "contribution", "contribution")
    assert note.startswith(text[m.wire_start : m.wire_end].rstrip("."))


def test_money_contributed_by_a_company_is_not_a_contribution():
    assert detect_wire(HEAD + "Thomson Reuters contributed $5 million to the harbour fund.").wire_role == ""


def test_dateline_outranks_contribution_line():
    text = HEAD + "BERGEN, Norway (AP) — The harbour opened.\n\nAssociated Press writer Ola Berg contributed."
    assert detect_wire(text)[:3] == ("AP", "wire", "dateline")


@pytest.mark.parametrize(
    "sentence, cited",
    [
        ("The harbour deal was signed, the Associated Press reported.", "AP"),
        ("The deal was worth $4 billion, according to Reuters.", "Reuters"),
        ('"We will vote again," the mayor told The Associated Press.', "AP"),
    ],
)
def test_citing_an_agency_is_neither_wire_nor_contribution(sentence, cited):
    m = detect_wire(HEAD + sentence)
    assert (m.wire, m.wire_role, m.wire_kind, m.wire_start) == ("", "", "", -1)
    assert m.wire_cited == cited


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("reuters", "Reuters"),
        ("The Associated Press", "AP"),
        ("Agence France-Presse", "AFP"),
        ("  upi ", "UPI"),
        ("Jane", ""),
    ],
)
def test_canonical_agency(name, canonical):
    assert canonical_agency(name) == canonical


def test_wire_marks_frame_columns_and_missing_fields():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": ["OSLO (Reuters) - Text.", "Own story."],
            "title": [None, float("nan")],
            "author": [float("nan"), "Ida Bell"],
        }
    )
    out = wire_marks(docs)
    assert out.columns.tolist() == list(WIRE_COLUMNS)
    assert out["wire"].tolist() == ["Reuters", ""] and out["wire_start"].tolist() == [0, -1]


def test_outlet_wire_share_and_own_reporting_ids():
    docs = pd.DataFrame(
        {
            "doc_id": ["g1", "g2", "g3", "h1"],
            "outlet": ["Gazette", "Gazette", "Gazette", "Herald"],
            "published": ["2024-05-01"] * 4,
            "text": [
                "OSLO (Reuters) - One two three.",
                "LIMA (AP) — Four five.",
                "Own story. The Associated Press contributed to this report.",
                "Own story, AP reported.",
            ],
        }
    )
    assert wire_table(docs).columns[:3].tolist() == ["doc_id", "outlet", "published"]
    share = outlet_wire_share(docs).set_index("outlet")
    counts = ["documents", "wire_documents", "contribution_documents", "own_documents"]
    assert share.loc["Gazette", counts].tolist() == [3, 2, 1, 1]
    assert share.loc["Gazette", "wire_share"] == pytest.approx(2 / 3)
    assert share.loc["Gazette", "agencies"] == "AP 1; Reuters 1"
    assert share.loc["Herald", "wire_documents"] == 0
    assert own_reporting_ids(docs) == ["g3", "h1"]
