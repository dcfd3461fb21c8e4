"""Builders for small case files in the workflow tests (imported by the tests as ``wf_builders``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from actionloop.core import casefile
from actionloop.core.model import CaseFile

ROOT = Path(__file__).resolve().parents[3]
WORKFLOWS = ROOT / "workflows"
EXAMPLES = ROOT / "examples"

PEOPLE = [
    {"id": "t1", "role": "teacher"},
    {"id": "s1", "role": "staff"},
    {"id": "r1", "role": "principal"},
    {"id": "l1", "role": "leadership"},
    {"id": "o1", "role": "owner"},
    {"id": "g1", "role": "guardian"},
    {"id": "c1", "role": "child"},
]


def case_dict(*events: dict[str, Any], setting: str = "school", lang: str = "nb", case_id: str = "t-1") -> dict[str, Any]:
    return {
        "format": "actionloop-case/1",
        "case": {
            "id": case_id, "setting": setting, "unit": {"id": "u1", "name": "Eksempel", "owner": "Eksempel kommune"},
            "child": {"id": "c1"}, "language": lang,
        },
        "people": PEOPLE,
        "events": list(events),
    }


def make_case(*events: dict[str, Any], setting: str = "school", lang: str = "nb") -> CaseFile:
    return casefile.from_dict(case_dict(*events, setting=setting, lang=lang))


# --- event builders -------------------------------------------------------------------------------

def concern(at: str, by: str = "t1", offender: str = "child", **extra: Any) -> dict[str, Any]:
    return {"at": at, "type": "concern", "by": by, "source": "child_said", "offender": offender, **extra}


def reported(at: str, by: str = "t1") -> dict[str, Any]:
    return {"at": at, "type": "report_to_principal", "by": by, "to": "r1"}


def started(at: str) -> dict[str, Any]:
    return {"at": at, "type": "investigation_started", "by": "r1"}


def heard(at: str, view: str = "not_safe") -> dict[str, Any]:
    return {"at": at, "type": "child_heard", "by": "t1", "child_view": view}


def concluded(at: str, conclusion: str = "not_safe") -> dict[str, Any]:
    return {"at": at, "type": "investigation_concluded", "by": "r1", "conclusion": conclusion,
            "problem": "Eleven blir holdt utenfor i friminuttene av en gruppe i klassen."}


def plan(at: str, version: int = 1) -> dict[str, Any]:
    return {"at": at, "type": "plan", "by": "r1", "plan": {
        "version": version, "problem": "Eleven blir holdt utenfor i friminuttene av en gruppe i klassen.",
        "measures": [{"id": f"m{version}", "text": "En voksen er ute i hvert friminutt.", "when": "2025-09-15/2025-10-10",
                      "performer": "t1", "responsible": "r1", "target": "group"}],
        "evaluations": ["2025-09-26"],
    }}


def evaluation(at: str, outcome: str, view: str) -> dict[str, Any]:
    return {"at": at, "type": "evaluation", "by": "t1", "outcome": outcome, "child_view": view}


def closed(at: str, view: str = "safe") -> dict[str, Any]:
    return {"at": at, "type": "closed", "by": "r1", "child_view": view}


def raised(at: str) -> dict[str, Any]:
    return {"at": at, "type": "raised_with_principal", "by": "g1"}


def sf_report(at: str) -> dict[str, Any]:
    return {"at": at, "type": "sf_report", "by": "g1"}


EventBuilder = Callable[..., dict[str, Any]]


def through_plan(day: str = "2025-09") -> list[dict[str, Any]]:
    """A school case from a concern to a first plan, in September 2025."""
    return [
        concern(f"{day}-08T10:00:00+02:00"),
        reported(f"{day}-08T11:00:00+02:00"),
        started(f"{day}-09T08:30:00+02:00"),
        heard(f"{day}-09T09:00:00+02:00"),
        concluded(f"{day}-12T14:00:00+02:00"),
        plan(f"{day}-15T09:00:00+02:00"),
    ]
