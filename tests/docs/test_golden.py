"""Each document type, reopened and compared line by line with its golden outline in
``tests/golden/docs/`` (properties, header, footer, every heading, paragraph and table row).

To accept a deliberate change: ``ACTIONLOOP_REGEN_GOLDEN=1 pytest tests/docs`` and review the diff.
"""

from __future__ import annotations

import pytest
from cases import family_case, revised_case
from docs_helpers import AS_OF, check_golden, example, fixed_findings, outline

from actionloop.adapters.docs import ReportScope, activity_plan_docx, audit_report_docx, case_log_docx
from actionloop.core.model import CaseFile

PLANS = {
    "plan_nn_oppl2023": lambda: example("school-2025-handled-well"),
    "plan_en_oppl2023": lambda: example("school-2025-handled-well", language="en"),
    "plan_nb_oppl2023": lambda: example("school-2025-handled-well", language="nb"),
    "plan_nb_oppl1998": lambda: example("school-2023-old-law-incomplete-plan"),
    "plan_nn_oppl1998": lambda: example("school-2023-old-law-incomplete-plan", language="nn"),
    "plan_nb_bhl_staff": lambda: example("kindergarten-2025-staff-offender"),
    "plan_en_bhl_staff": lambda: example("kindergarten-2025-staff-offender", language="en"),
    "plan_nn_revised": revised_case,
}


@pytest.mark.parametrize("name", sorted(PLANS))
def test_activity_plan_outline(name: str) -> None:
    check_golden(name, outline(activity_plan_docx(PLANS[name]())))


def test_first_version_of_a_revised_plan() -> None:
    check_golden("plan_nn_revised_v1", outline(activity_plan_docx(revised_case(), 1)))


def test_family_plan_outline() -> None:
    check_golden("plan_nn_family", outline(activity_plan_docx(family_case(), family=True)))


LOGS = {
    "log_nn_late_report": lambda: example("school-2025-late-report"),
    "log_nb_bhl_staff": lambda: example("kindergarten-2025-staff-offender"),
    "log_en_late_report": lambda: example("school-2025-late-report", language="en"),
}


@pytest.mark.parametrize("name", sorted(LOGS))
def test_case_log_outline(name: str) -> None:
    case = LOGS[name]()
    check_golden(name, outline(case_log_docx(case, fixed_findings(case), as_of=AS_OF)))


def test_case_log_without_findings() -> None:
    case = example("school-2023-old-law-incomplete-plan")
    check_golden("log_nb_no_audit", outline(case_log_docx(case, None, as_of=AS_OF)))


def test_family_log_outline() -> None:
    case = family_case()
    check_golden("log_nn_family", outline(case_log_docx(case, fixed_findings(case), as_of=AS_OF, family=True)))


def _all_examples() -> list[CaseFile]:
    return [
        example("school-2025-handled-well"),
        example("school-2025-late-report"),
        example("school-2023-old-law-incomplete-plan"),
        example("kindergarten-2025-staff-offender"),
    ]


def test_audit_report_outline() -> None:
    items = [(c, fixed_findings(c)) for c in _all_examples()]
    data = audit_report_docx(items, scope=ReportScope(end=AS_OF), as_of=AS_OF, lang="nb")
    check_golden("audit_nb_all", outline(data))


def test_audit_report_for_one_unit_and_period() -> None:
    items = [(c, fixed_findings(c)) for c in _all_examples()]
    scope = ReportScope(unit="u-nordli", start=AS_OF.replace(month=1, day=1), end=AS_OF)
    check_golden("audit_nn_nordli_2025", outline(audit_report_docx(items, scope=scope, as_of=AS_OF)))
