"""The documents with the real audit engine (``actionloop.core.audit``), on the shipped examples:
what the engine finds is what the log and the report show."""

from __future__ import annotations

import json
from datetime import date

import pytest
from docs_helpers import EXAMPLES, example, outline

from actionloop.adapters.docs import ReportScope, audit_report_docx, case_log_docx
from actionloop.core.audit import Auditor
from actionloop.docview import duty_label, status_label
from actionloop.workflow.registry import load_registry

AS_OF = date(2025, 12, 31)
NAMES = ["school-2025-handled-well", "school-2025-late-report", "school-2023-old-law-incomplete-plan",
         "kindergarten-2025-staff-offender"]


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_registry())


@pytest.mark.parametrize("name", NAMES)
def test_log_shows_each_finding(auditor: Auditor, name: str) -> None:
    case = example(name)
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text("utf-8"))
    findings = auditor.audit(case, as_of=AS_OF).findings
    lines = outline(case_log_docx(case, findings, as_of=AS_OF, registry=load_registry()))
    lang, kg = case.case.lang, case.case.setting == "kindergarten"
    for finding in findings:
        row = f"ROW: {duty_label(finding.duty, lang, kg)} | "
        matching = [line for line in lines if line.startswith(row)]
        assert matching, row
        assert f"| {status_label(finding.status, lang)} | {finding.legal_ref} |" in matching[0]
        if finding.duty in expected:
            assert finding.status == expected[finding.duty]


def test_report_counts_what_the_engine_found(auditor: Auditor) -> None:
    cases = [example(n) for n in NAMES]
    items = [(c, auditor.audit(c, as_of=AS_OF).findings) for c in cases]
    lines = outline(audit_report_docx(items, scope=ReportScope(), as_of=AS_OF, lang="nb"))
    breaches = sum(1 for _, fs in items for f in fs if f.status == "breached")
    total = next(line for line in lines if line.startswith("ROW:  | Sum |"))
    assert total.split(" | ")[3] == str(breaches)
    start = lines.index("H1: Brudd")
    end = lines.index("H1: Saker i rapporten")
    assert sum(1 for line in lines[start:end] if line.startswith("ROW: ")) == breaches
