"""Every bundled example gives the findings the law requires (examples/*.expected.json)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from actionloop.core import casefile
from actionloop.core.audit import STATUSES, Auditor
from actionloop.workflow.registry import load_registry
from actionloop.workflow.spec import DUTIES

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
CASES = sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_example_findings(path: Path) -> None:
    expected = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))
    refs = expected.pop("legal_ref_contains", {})
    audit = Auditor(load_registry()).audit(casefile.load(path), as_of=date(2026, 11, 23))
    assert [f.duty for f in audit.findings] == list(DUTIES)
    got = {f.duty: f.status for f in audit.findings}
    assert {duty: got[duty] for duty in expected} == expected, [f.message for f in audit.findings]
    for duty, fragment in refs.items():
        assert fragment in audit.finding(duty).legal_ref
    for finding in audit.findings:
        assert finding.status in STATUSES
        assert finding.message
        assert all(0 <= i < len(audit.findings) * 100 for i in finding.events)


def test_audit_output_is_the_audit_format() -> None:
    path = EXAMPLES / "school-2025-handled-well.json"
    out = Auditor(load_registry()).audit(casefile.load(path), as_of=date(2026, 1, 1)).to_dict()
    assert out["format"] == "actionloop-audit/1"
    assert out["case"] == "nordli-2025-014"
    assert set(out["findings"][0]) == {"duty", "status", "legal_ref", "events", "message"}
