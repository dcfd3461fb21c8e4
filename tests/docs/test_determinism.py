"""The same case gives the same document: every XML part is identical from run to run (the zip
bytes are not — member timestamps differ — so bytes are never compared), and the properties come
from the case, not the clock."""

from __future__ import annotations

import io
from datetime import UTC

import pytest
from cases import family_case
from docs_helpers import AS_OF, example, fixed_findings, xml_parts
from docx import Document

from actionloop.adapters.docs import ReportScope, activity_plan_docx, audit_report_docx, case_log_docx


def _builders() -> dict[str, object]:
    case = example("school-2025-handled-well")
    family = family_case()
    items = [(c, fixed_findings(c)) for c in (case, example("school-2025-late-report"))]
    return {
        "plan": lambda: activity_plan_docx(case),
        "plan-family": lambda: activity_plan_docx(family, family=True),
        "log": lambda: case_log_docx(case, fixed_findings(case), as_of=AS_OF),
        "audit": lambda: audit_report_docx(items, scope=ReportScope(), as_of=AS_OF),
    }


@pytest.mark.parametrize("kind", ["plan", "plan-family", "log", "audit"])
def test_same_case_same_xml(kind: str) -> None:
    build = _builders()[kind]
    first, second = xml_parts(build()), xml_parts(build())  # type: ignore[operator]
    assert first.keys() == second.keys()
    assert first["word/document.xml"] == second["word/document.xml"]
    assert first["docProps/core.xml"] == second["docProps/core.xml"]
    assert first == second


def test_properties_come_from_the_case() -> None:
    case = example("school-2025-handled-well")
    props = Document(io.BytesIO(activity_plan_docx(case))).core_properties
    plan_event = next(e for e in case.events if e.type == "plan")
    expected = plan_event.at.astimezone(UTC).replace(tzinfo=None)
    assert props.created is not None and props.created.replace(tzinfo=None) == expected
    assert props.modified is not None and props.modified.replace(tzinfo=None) == expected
    assert props.author == "Nordli skule"
    assert props.title == "Aktivitetsplan – nordli-2025-014 – versjon 1"
    assert props.identifier == "nordli-2025-014"
    assert props.language == "nn-NO"
    assert props.revision == 1
    assert props.last_modified_by == "Nordli skule"


def test_log_is_dated_by_its_first_and_last_event() -> None:
    case = example("school-2025-late-report")
    props = Document(io.BytesIO(case_log_docx(case, None, as_of=AS_OF))).core_properties
    assert props.created is not None and props.modified is not None
    assert props.created.replace(tzinfo=None) == case.events[0].at.astimezone(UTC).replace(tzinfo=None)
    assert props.modified.replace(tzinfo=None) == case.events[-1].at.astimezone(UTC).replace(tzinfo=None)
