"""Timeline stage: temporal expressions resolved from the seed sentences, story events, notebook."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_notebook, write_corpus_csv

from analysis import text
from analysis.documents import Document
from analysis.timeline import stage as timeline
from analysis.timeline import tables as story_events

TS = pd.Timestamp


def annotate(doc: Document, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    frames = text.segment(doc.doc_id, doc.text, doc.title)
    if mentions is not None:
        frames["mentions"] = mentions
    return timeline.annotate(doc, frames, None)


def doc_of(body: str, published: str | None, doc_id: str = "t1", outlet: str = "Test") -> Document:
    return Document(doc_id=doc_id, outlet=outlet, text=body, published=TS(published) if published else None)


@pytest.fixture(scope="module")
def seed_events(seed_docs) -> dict[str, pd.DataFrame]:
    return {k: annotate(d) for k, d in seed_docs.items()}


def row(seed_events, seed_docs, prefix: str, needle: str, expression: str) -> pd.Series:
    """The row for ``expression`` inside the seed sentence of document ``prefix`` containing ``needle``."""
    doc = seed_docs[prefix]
    at = doc.text.index(needle)
    ev = seed_events[prefix]
    hit = ev[(ev["expression"] == expression) & (ev["start"] >= at) & (ev["end"] <= at + len(needle))]
    assert len(hit) == 1, f"{len(hit)} rows for {expression!r} in {needle!r}: {ev['expression'].tolist()}"
    return hit.iloc[0]


# --- every example in the issue, from the seed sentences ------------------------------


def test_on_tuesday_in_a_tuesday_article_is_that_day(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "000", "ultimatum to company CEO Dario Amodei on Tuesday", "Tuesday")
    assert (r["date"], r["precision"], r["basis"]) == (TS("2026-02-24"), "day", "weekday")


def test_on_tuesday_in_a_thursday_article_is_two_days_back(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "003", "At a meeting on Tuesday between", "Tuesday")
    assert r["date"] == TS("2026-02-24")


def test_on_monday_is_the_day_before_a_tuesday_article(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "000", "xAI reached a deal with the Pentagon on Monday", "Monday")
    assert r["date"] == TS("2026-02-23")


def test_by_this_friday(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "000", "for all legal military purposes by this Friday", "this Friday")
    assert (r["date"], r["direction"], r["cue"]) == (TS("2026-02-27"), "future", "by")


def test_until_501_pm_et_on_friday(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "003", "They have until 5:01 PM ET on Friday to decide", "5:01 PM ET on Friday")
    assert (r["date"], r["precision"], r["time"], r["tz"]) == (TS("2026-02-27 17:01"), "minute", "17:01", "ET")


def test_501pm_friday_without_zone(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "000", "Anthropic has until 5:01pm Friday", "5:01pm Friday")
    assert (r["date"], r["tz"]) == (TS("2026-02-27 17:01"), "")


def test_501_pm_on_friday_in_a_wednesday_article(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "001", "until 5:01 p.m. on Friday to reach", "5:01 p.m. on Friday")
    assert r["date"] == TS("2026-02-27 17:01")


def test_in_december_in_a_february_article_is_last_december(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "000", "from AI giant Anthropic in December", "December")
    assert (r["date"], r["date_end"]) == (TS("2025-12-01"), TS("2025-12-31"))
    assert (r["precision"], r["basis"]) == ("month", "anchored_to_publication")


def test_in_july_is_last_july(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "000", "worth up to $200 million in July", "July")
    assert (r["date"], r["precision"]) == (TS("2025-07-01"), "month")


def test_jan_9(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "000", "senior Pentagon officers Jan. 9 announcing", "Jan. 9")
    assert (r["date"], r["precision"]) == (TS("2026-01-09"), "day")


def test_full_date_is_itself(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "003", "(@SeanParnellASW) February 26, 2026", "February 26, 2026")
    assert (r["date"], r["basis"], r["is_reference"]) == (TS("2026-02-26"), "absolute", False)


def test_update_stamp_feb_27_5pm(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "001", "Update (Feb 27, 5pm):", "Feb 27, 5pm")
    assert (r["date"], r["precision"], r["is_reference"]) == (TS("2026-02-27 17:00"), "minute", True)
    assert "update" in r["reason"]


def test_text_under_an_update_stamp_is_read_against_it(seed_events, seed_docs):
    # TechSpot was published Wed 25; its update of Fri 27 says Trump acted "on Friday": that Friday.
    r = row(seed_events, seed_docs, "001", "President Trump on Friday directed", "Friday")
    assert (r["date"], r["anchor"], r["happening"]) == (TS("2026-02-27"), TS("2026-02-27 17:00"), "order")


def test_this_week_is_a_week_span(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "001", "in Washington this week", "this week")
    assert (r["date"], r["date_end"]) == (TS("2026-02-23"), TS("2026-03-01"))
    assert (r["precision"], r["basis"]) == ("week", "relative")


def test_earlier_this_month_is_a_month_span(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "004", "increased earlier this month", "earlier this month")
    assert (r["date"], r["date_end"], r["precision"]) == (TS("2026-02-01"), TS("2026-02-28"), "month")


def test_for_months_is_a_duration_up_to_publication(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "003", "For months, Anthropic CEO", "For months")
    assert (r["precision"], r["kind"], r["date_end"]) == ("month", "duration", TS("2026-02-26"))
    assert r["date"] < TS("2026-02-01")


def test_500_pm_on_february_27(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "004", "until 5:00 p.m. on February 27", "5:00 p.m. on February 27")
    assert (r["date"], r["basis"]) == (TS("2026-02-27 17:00"), "anchored_to_publication")


# --- dateparser weak spots, fixed in code --------------------------------------------


def test_possessive_weekday_resolves(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "000", "during Tuesday’s meeting Pentagon leaders", "Tuesday’s")
    assert (r["date"], r["happening"]) == (TS("2026-02-24"), "meeting")


def test_bare_year_is_january_first_with_year_precision(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "001", "including the 2026 raid in Venezuela", "2026")
    assert (r["date"], r["date_end"], r["precision"]) == (TS("2026-01-01"), TS("2026-12-31"), "year")


def test_day_month_order_is_read_by_dateparser():
    ev = annotate(doc_of("The talks ended on 5 March 2025, officials said.", "2026-02-24"))
    assert ev["date"].tolist() == [TS("2025-03-05")]


def test_todays_technology_is_not_a_date(seed_events, seed_docs):
    at = seed_docs["003"].text.index("what today's technology")
    ev = seed_events["003"]
    assert ev[(ev["start"] >= at) & (ev["start"] < at + 30)].empty


# --- reference dates and furniture ------------------------------------------------------


def test_act_of_1950_is_a_reference_date(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "001", "Defense Production Act of 1950", "1950")
    assert (r["date"], r["is_reference"]) == (TS("1950-01-01"), True)


def test_caption_date_is_a_reference_date(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "003", "Davos, Switzerland, Jan. 23, 2025", "Jan. 23, 2025")
    assert (r["date"], r["is_reference"], r["in_furniture"]) == (TS("2025-01-23"), True, True)


def test_key_facts_box_is_kept_but_flagged_as_furniture(seed_events, seed_docs):
    r = row(seed_events, seed_docs, "002", "set a Friday 5 p.m. deadline", "Friday 5 p.m.")
    assert (r["date"], r["in_furniture"], r["is_reference"]) == (TS("2026-02-27 17:00"), True, False)


# --- undated articles, year boundaries, future tense ------------------------------------

UNDATED = (
    "Hegseth sent a memo to senior Pentagon officers Jan. 9 announcing the Pentagon’s drive. "
    "A senior Pentagon official said Anthropic had until 5:00 p.m. on February 27 to respond. "
    "At a meeting on Tuesday between Defense Secretary Pete Hegseth and Amodei, Hegseth threatened to punish "
    "the company. Parnell posted on February 26, 2026 about the Defense Production Act of 1950."
)


def test_undated_article_keeps_absolute_dates_and_guesses_nothing():
    ev = annotate(doc_of(UNDATED, None)).set_index("expression")
    assert ev.loc["February 26, 2026", "date"] == TS("2026-02-26")
    assert ev.loc["1950", "date"] == TS("1950-01-01")
    for rel in ("Jan. 9", "5:00 p.m. on February 27", "Tuesday"):
        assert pd.isna(ev.loc[rel, "date"]), rel
    assert ev.loc["5:00 p.m. on February 27", "time"] == "17:00"
    assert ev["anchor"].isna().all()


def test_january_article_mentioning_december_is_the_previous_year(seed_docs):
    sentence = seed_docs["000"].text.split("\n")[0]  # "... Anthropic in December, the company agreed ..."
    ev = annotate(doc_of(sentence + " The talks resumed on Dec. 30.", "2026-01-05"))
    assert ev["date"].tolist() == [TS("2025-12-01"), TS("2025-12-30")]


def test_month_in_a_future_tense_sentence_is_the_next_one():
    body = (
        "The Pentagon will decide in March whether to renew the contract. "
        "The rules will take effect in January. The company signed the deal in March."
    )
    ev = annotate(doc_of(body, "2026-02-24"))
    assert ev["date"].tolist() == [TS("2026-03-01"), TS("2027-01-01"), TS("2025-03-01")]
    assert ev["direction"].tolist() == ["future", "future", "past"]


def test_may_the_verb_is_not_a_month():
    ev = annotate(doc_of("The label may restrict its participation. It was signed in May.", "2026-02-24"))
    assert ev["expression"].tolist() == ["May"]


def test_weekday_inside_a_name_is_not_a_date():
    ev = annotate(doc_of("Sales jumped on Black Friday. Mike Friday's side won on Friday.", "2026-02-24"))
    assert ev["expression"].tolist() == ["Friday"] and ev["start"].item() > 40


def test_until_a_year_is_not_a_deadline_but_until_a_day_is():
    ev = annotate(doc_of("Until 1857, the court ruled alone. The firm has until Friday to reply.", "2026-02-24"))
    assert ev["happening"].tolist() == ["legal", "deadline"]


# --- actors from the mentions frame ------------------------------------------------------


def test_actors_come_from_mentions_in_the_same_sentence(seed_docs):
    doc = seed_docs["000"]
    sents = text.segment(doc.doc_id, doc.text, doc.title)["sentences"]
    sid = int(sents[sents["text"].str.contains("Jan. 9", regex=False)]["sent_id"].iloc[0])
    mentions = pd.DataFrame(
        {
            "doc_id": [doc.doc_id] * 3,
            "sent_id": [sid, sid, sid + 1],
            "actor": ["Pete Hegseth", "Department of Defense", "Anthropic"],
        }
    )
    ev = annotate(doc, mentions)
    assert ev.loc[ev["expression"] == "Jan. 9", "actors"].item() == "Department of Defense; Pete Hegseth"
    assert (annotate(doc)["actors"] == "").all()


# --- story events across outlets -----------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(seeds, seed_events):
    """The seed corpus with an events frame (computed here if the stage is not registered yet)."""
    if "events" in seeds.frames:
        return seeds
    from analysis.corpus import Corpus

    frames = dict(seeds.frames, events=pd.concat(seed_events.values(), ignore_index=True))
    return Corpus(frames=frames, source=seeds.source, reference=seeds.reference)


def event(events: pd.DataFrame, label: str) -> pd.Series:
    hit = events[events["label"] == label]
    assert len(hit) == 1, f"no single event {label!r} in {events['label'].tolist()}"
    return hit.iloc[0]


def test_deadline_is_one_event_with_the_time_disagreement(corpus):
    ev = event(story_events.story_events(corpus), "deadline · Fri 27 Feb 2026")
    assert ev["n_outlets"] == 5 and ev["disagreement"]
    assert ev["times"] == "17:01 (NBC News; NPR; TechSpot) | 17:00 (Cybersecurity news site (unnamed); Reuters)"


def test_disagreements_table_shows_both_deadline_times(corpus):
    table = story_events.disagreements(corpus)
    got = {(r.value, r.outlets) for r in table.itertuples() if r.label == "deadline · Fri 27 Feb 2026"}
    assert got == {("17:01", "NBC News; NPR; TechSpot"), ("17:00", "Cybersecurity news site (unnamed); Reuters")}


def test_tuesday_meeting_across_outlets(corpus):
    ev = event(story_events.story_events(corpus), "meeting · Tue 24 Feb 2026")
    assert ev["outlets"] == "NBC News; NPR; Reuters; TechSpot"
    assert (ev["first_reported"], ev["first_reported_by"]) == (TS("2026-02-24"), "NBC News; Reuters")


def test_xai_deal_on_monday_joins_reuters_this_week(corpus):
    ev = event(story_events.story_events(corpus), "deal · Mon 23 Feb 2026")
    assert ev["outlets"] == "NBC News; Reuters"
    assert set(ev["expressions"].split("; ")) == {"Monday", "This week"}


def test_jan_9_memo_and_thursday_statement_are_events(corpus):
    events = story_events.story_events(corpus)
    assert event(events, "memo · Fri 09 Jan 2026")["outlets"] == "NBC News"
    statement = event(events, "statement · Thu 26 Feb 2026")
    assert statement["outlets"] == "NPR" and statement["n_mentions"] == 3
    assert event(events, "post · Thu 26 Feb 2026")["n_mentions"] == 2  # Parnell's post on X is its own event


def test_reference_dates_are_left_out_of_events_unless_asked(corpus):
    assert not story_events.story_events(corpus)["expressions"].str.contains("1950").any()
    assert story_events.story_events(corpus, include_reference=True)["expressions"].str.contains("1950").any()


def test_reports_table_counts_days_from_event_to_report(corpus):
    table = story_events.reports_table(corpus)
    nbc = table[(table["label"] == "deadline · Fri 27 Feb 2026") & (table["outlet"] == "NBC News")].iloc[0]
    assert (nbc["days_after_event"], nbc["times"]) == (-3, "17:01")


def test_article_summary_counts_every_seed(corpus):
    summary = story_events.article_summary(corpus).set_index("outlet")
    assert summary.loc["Reuters", "expressions"] == 6
    assert summary.loc["NPR", "reference"] == 2


# --- charts ---------------------------------------------------------------------------------


def mini_corpus(docs: list[Document]):
    """A Corpus of ``docs`` with the base frames and the events frame (no other stage)."""
    from analysis.corpus import Corpus, documents_frame

    parts: dict[str, list[pd.DataFrame]] = {"paragraphs": [], "sentences": [], "events": []}
    for d in docs:
        base = text.segment(d.doc_id, d.text, d.title)
        parts["paragraphs"].append(base["paragraphs"])
        parts["sentences"].append(base["sentences"])
        parts["events"].append(timeline.annotate(d, base, None))
    frames = {"documents": documents_frame(docs), **{k: pd.concat(v, ignore_index=True) for k, v in parts.items()}}
    return Corpus(frames=frames, source="test", reference=None)


def test_timeline_chart_has_publication_dates_and_the_sentence_in_hover(corpus):
    from analysis.timeline import charts as plots_timeline

    fig = plots_timeline.story_timeline(corpus)
    assert plots_timeline.PUBLISHED_ROW in fig.layout.yaxis.ticktext
    hovers = " ".join(t for tr in fig.data if tr.text is not None for t in tr.text)
    assert "They have until 5:01 PM ET on Friday to decide" in hovers


def test_timeline_chart_escapes_corpus_text():
    from analysis.timeline import charts as plots_timeline

    doc = doc_of("At a <script>alert(1)</script> meeting on Tuesday, they agreed.", "2026-02-26", outlet="<i>X</i>")
    fig = plots_timeline.story_timeline(mini_corpus([doc]))
    hovers = " ".join(t for tr in fig.data if tr.text is not None for t in tr.text)
    assert "&lt;script&gt;" in hovers and "<script" not in hovers and "&lt;i&gt;X" in hovers


def test_undated_corpus_gives_an_explaining_figure():
    from analysis.timeline import charts as plots_timeline

    doc = doc_of("At a meeting on Tuesday, Hegseth threatened the company. They have until 5:01 PM ET on Friday.", None)
    c = mini_corpus([doc])
    assert c.events["date"].isna().all()
    for fig in (plots_timeline.story_timeline(c), plots_timeline.outlet_reports(c)):
        assert "Nothing to plot" in fig.layout.annotations[0].text


# --- the notebook --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("undated", [False, True])
def test_notebook_runs(tmp_path, monkeypatch, undated):
    monkeypatch.setenv("NEWSCOV_OUTPUT_DIR", str(tmp_path / "report"))  # show_table saves its tables here
    params = {"include_reference": True}
    if undated:
        csv = tmp_path / "bbc_like.csv"
        # Each stage finds a little (an actor, a quote), so every notebook section has rows to show.
        write_corpus_csv(
            csv,
            dict(
                doc_id="a",
                outlet="BBC News",
                title="Budget row",
                text=(
                    'Pete Hegseth met ministers on Tuesday. "We will vote in March," Pete Hegseth said.\n\nThe '
                    "law of 1998 stays."
                ),
            ),
            dict(
                doc_id="b",
                outlet="BBC News",
                text="Talks ended on 5 March 2025 after months of <b>dispute</b>, Anthropic said.",
            ),
        )
        params["corpus_path"] = str(csv)
    run_notebook("04_timeline", tmp_path, **params)
    tables = tmp_path / "report" / "tables"
    articles = pd.read_csv(tables / "timeline_articles.csv").set_index("doc_id")
    if undated:
        assert articles.loc["a", ["expressions", "resolved", "unresolved"]].tolist() == [3, 1, 2]
        assert articles.loc["b", ["expressions", "resolved", "unresolved"]].tolist() == [2, 1, 1]
    else:
        table = pd.read_csv(tables / "timeline_disagreements.csv", dtype=str)
        assert sorted(table["value"]) == ["17:00", "17:01"]


def test_story_timeline_with_an_outlet_that_has_no_events(tmp_path):
    import analysis

    rows = [
        {
            "doc_id": "a",
            "outlet": "Dated",
            "published": "2026-02-24",
            "title": "",
            "text": "Hegseth met Amodei on Tuesday, officials said.",
        },
        {
            "doc_id": "b",
            "outlet": "Timeless",
            "published": "2026-02-24",
            "title": "",
            "text": "Anthropic said nothing new.",
        },
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False)
    corpus = analysis.load_corpus(tmp_path / "c.csv", cache=tmp_path / "cache")
    fig = analysis.timeline.charts.story_timeline(corpus)
    names = {t.name for t in fig.data if t.name}
    assert {"Dated", "Timeless"} <= names


def test_headline_figures_name_the_deadline_disagreement(seeds, monkeypatch):
    from analysis import display

    got = []
    monkeypatch.setattr(display, "headline", lambda label, value, note="": got.append((label, value, note)))
    story_events.show_summary(seeds)
    figures = {label: (value, note) for label, value, note in got}
    assert figures["Dated expressions"][0] == str(len(seeds.events))
    assert figures["Events outlets report differently"][0] == "1"
    assert (
        "17:01" in figures["Events outlets report differently"][1]
        and "17:00" in figures["Events outlets report differently"][1]
    )
