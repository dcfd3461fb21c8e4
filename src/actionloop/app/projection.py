"""The ``case_summary`` projection: what the case list and deadline queries read, derived only from a
case's record and events, so that it can be rebuilt at any time and equal what was kept live."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from actionloop.app.ports import CaseRecord, CaseSummary, StoredEvent
from actionloop.core.model import CaseFile


@dataclass(frozen=True, slots=True)
class WorkflowView:
    """What the workflow engine says about a case: its state, its next deadline, and which workflow
    (``id@version``) applied to each event (same length as the case's events, or empty)."""

    state: str | None = None
    next_deadline: date | None = None
    next_deadline_duty: str | None = None
    workflow_ids: tuple[str | None, ...] = ()


class CaseInterpreter(Protocol):
    """The law engine as the storage side sees it (see :mod:`actionloop.app.workflow_bridge`)."""

    def interpret(self, case: CaseFile) -> WorkflowView:
        """State, next deadline and workflow per event; a function of the events alone."""
        ...

    def check_step(self, case: CaseFile, lang: str) -> None:
        """Raise ``StepNotAllowed`` unless the workflow allows the case's last event."""
        ...


class NullInterpreter:
    """No workflow engine: state and deadlines stay empty, every step is allowed."""

    def interpret(self, case: CaseFile) -> WorkflowView:
        return WorkflowView()

    def check_step(self, case: CaseFile, lang: str) -> None:
        return None


def summarize(record: CaseRecord, case: CaseFile, events: Sequence[StoredEvent], view: WorkflowView) -> CaseSummary:
    """The summary row of one case. ``events`` are the stored rows of ``case.events``, in order."""
    serious = False
    staff = leadership = False
    closed: date | None = None
    for event in case.events:
        if event.type == "concern":
            offender = event.get("offender")
            staff = staff or offender == "staff"
            leadership = leadership or offender == "leadership"
            if event.get("serious") is not None:
                serious = serious or bool(event.get("serious"))
            closed = None  # a new concern opens the case again
        elif event.type == "serious":
            serious = bool(event.get("serious"))
        elif event.type == "closed":
            closed = event.day
    workflow_id = view.workflow_ids[-1] if view.workflow_ids else None
    return CaseSummary(
        case_id=record.case_id,
        setting=record.setting,
        unit_id=record.unit_id,
        owner=record.owner,
        state=view.state,
        last_seq=record.head_seq,
        opened_date=case.events[0].day if case.events else None,
        closed_date=closed,
        last_event_date=case.events[-1].day if case.events else None,
        serious=serious,
        staff_offender=staff,
        leadership_offender=leadership,
        next_deadline=view.next_deadline,
        next_deadline_duty=view.next_deadline_duty,
        opened_by=events[0].actor_id if events else None,
        workflow_id=workflow_id,
    )
