"""Hostile text goes in and comes out exactly: markup characters, quotes, æøå, emoji, newlines,
tabs, Jinja and printf syntax, very long fields — and no table is lost (the failure docxtpl shows
without autoescape: a stray ``<`` swallows the rest of the document)."""

from __future__ import annotations

import io
from typing import Any

from docs_helpers import AS_OF, body_texts, case_of, example_dict, fixed_findings
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionloop.adapters.docs import activity_plan_docx, case_log_docx
from actionloop.docview import clean_text

FRAGMENTS = [
    "<", ">", "&", "&amp;", '"', "'", "«»", "]]>", "<w:p>", "</w:t>", "<script>alert(1)</script>",
    "æøå ÆØÅ", "😀", "👩‍👩‍👧", "\n", "\t", "  ", "{{ case.id }}", "{% if x %}", "%s", "{0}", "\\", "\u00a0", "\u200b",
]
# Text a case file can carry and a document can hold: any character XML allows, line ends as \n.
_ALLOWED = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\r\ufffe\uffff" + "".join(chr(c) for c in range(32) if chr(c) not in "\t\n"),
)
hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(_ALLOWED, max_size=30)), min_size=1, max_size=8).map(
    "".join
).filter(lambda s: s.strip() != "")


def _case(problem: str, measure: str, when: str, views: str, event_text: str, name: str) -> dict[str, Any]:
    data = example_dict("school-2025-handled-well")
    data["case"]["unit"]["name"] = name
    plan = next(e for e in data["events"] if e["type"] == "plan")["plan"]
    plan["problem"] = problem
    plan["measures"][0]["text"] = measure
    plan["measures"][0]["when"] = when
    plan["child_views"] = views
    plan["best_interests"] = event_text
    data["events"][0]["text"] = event_text
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=hostile, measure=hostile, when=hostile, views=hostile, event_text=hostile, name=hostile)
def test_hostile_text_round_trips(problem: str, measure: str, when: str, views: str, event_text: str, name: str) -> None:
    case = case_of(_case(problem, measure, when, views, event_text, name))
    plan = activity_plan_docx(case)
    texts = body_texts(plan)
    for value in (problem, measure, views, event_text):
        assert clean_text(value) in texts
    assert any(clean_text(when) in t for t in texts)  # a date-like «when» is shown as a date
    doc = Document(io.BytesIO(plan))
    assert len(doc.tables) == 3  # facts, measures, signatures
    assert len(doc.tables[1].rows) == 1 + len(case.events[8].plan.measures)
    assert clean_text(name) in doc.sections[0].header.paragraphs[0].text

    log = case_log_docx(case, fixed_findings(case), as_of=AS_OF)
    assert clean_text(event_text) in body_texts(log)
    assert len(Document(io.BytesIO(log)).tables) == 3  # facts, events, duties


def test_five_thousand_characters_with_newlines() -> None:
    long = ("Linje med <tegn> & «sitat» æøå 😀\n" * 200)[:5000]
    assert len(long) == 5000
    case = case_of(_case(long, long, "hele året", long, long, "Skole & <Co>"))
    texts = body_texts(activity_plan_docx(case))
    assert texts.count(long) == 4  # problem, measure, child's views, best interests
    assert long in body_texts(case_log_docx(case, fixed_findings(case), as_of=AS_OF))


def test_characters_xml_cannot_hold_are_replaced_not_fatal() -> None:
    bad = "a\x00b\x0bc\x1fd\r\ne\rf"
    case = case_of(_case(bad, "tiltak", "2025-09-15", "syn", "tekst", "Skole"))
    texts = body_texts(activity_plan_docx(case))
    assert "a\ufffdb\ufffdc\ufffdd\ne\nf" in texts
