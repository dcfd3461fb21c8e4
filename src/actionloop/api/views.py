"""How a case is shown: the list row, and the case with its timeline, deadlines and next steps.
Built from the engine's own answers; no rule is decided here."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic_core import to_json

from actionloop.api.schemas import CaseOut, PersonOut, StepOut, TimelineEntry
from actionloop.api.state import ApiState
from actionloop.app.access import Level
from actionloop.app.ports import CaseSummary, StoredEvent
from actionloop.core.deadlines import case_deadlines
from actionloop.core.model import CaseFile
from actionloop.workflow.registry import WorkflowRegistry
from actionloop.workflow.replay import replay
from actionloop.workflow.steps import next_steps

ACCESS_NAMES = {Level.READ: "read", Level.STAFF: "staff", Level.FULL: "full"}
#: Event fields shown on their own in the timeline (the rest go in ``fields``).
_OWN_FIELDS = ("at", "type", "by", "text")


_STATE_LABELS: dict[tuple[str, str, str], str | None] = {}


def state_label(registry: WorkflowRegistry, workflow_id: str | None, state: str | None, lang: str) -> str | None:
    """The label of a workflow state («Tiltak pågår etter plan») in ``lang``."""
    if workflow_id is None or state is None:
        return None
    key = (workflow_id, state, lang)
    try:
        return _STATE_LABELS[key]
    except KeyError:
        pass
    label: str | None = None
    spec_id = workflow_id.split("@", 1)[0]
    if spec_id in registry:
        for track in registry.get(spec_id).tracks:
            for s in track.states:
                if s.id == state:
                    label = s.label(lang)
                    break
            if label is not None:
                break
    if len(_STATE_LABELS) < 10_000:
        _STATE_LABELS[key] = label
    return label


def is_overdue(summary: CaseSummary, today: date) -> bool:
    return summary.closed_date is None and summary.next_deadline is not None and summary.next_deadline < today


def case_item(state: ApiState, summary: CaseSummary, level: Level, today: date, lang: str) -> dict[str, Any]:
    """A row of the case list (:class:`~actionloop.api.schemas.CaseItem`), as a plain dict: lists
    are long, and their rows are built from stored values that need no validation."""
    return {
        "case_id": summary.case_id, "setting": summary.setting, "unit_id": summary.unit_id, "state": summary.state,
        "state_label": state_label(state.registry, summary.workflow_id, summary.state, lang),
        "last_seq": summary.last_seq, "opened_date": summary.opened_date, "closed_date": summary.closed_date,
        "last_event_date": summary.last_event_date, "serious": summary.serious,
        "staff_offender": summary.staff_offender, "leadership_offender": summary.leadership_offender,
        "next_deadline": summary.next_deadline, "next_deadline_duty": summary.next_deadline_duty,
        "overdue": is_overdue(summary, today), "access": ACCESS_NAMES[level],
    }


class CaseItemCache:
    """Each row of the case list as JSON bytes (:func:`case_item`, serialised), kept per summary
    object, access level, language and whether it is overdue, so a list of hundreds of rows is a
    join of ready fragments. Summaries are immutable and the case-list cache hands out the same
    objects while a case is unchanged (a changed case is a new object, so a new fragment): the
    cache holds each summary it has a fragment for, so an ``id`` is never reused while it is a key."""

    def __init__(self, size: int = 50_000) -> None:
        self._size = size
        self._kept: dict[tuple[int, Level, str, bool], tuple[CaseSummary, bytes]] = {}
        self._lock = threading.Lock()

    def rows(
        self, state: ApiState, rows: Sequence[tuple[CaseSummary, Level]], today: date, lang: str,
    ) -> list[bytes]:
        kept = self._kept
        out: list[bytes] = []
        missing: list[tuple[int, tuple[int, Level, str, bool], CaseSummary, Level]] = []
        for summary, level in rows:
            key = (id(summary), level, lang, is_overdue(summary, today))
            found = kept.get(key)
            if found is not None and found[0] is summary:
                out.append(found[1])
            else:
                missing.append((len(out), key, summary, level))
                out.append(b"")
        if missing:
            made = [(i, key, summary, to_json(case_item(state, summary, level, today, lang)))
                    for i, key, summary, level in missing]
            with self._lock:
                if len(kept) + len(made) > self._size:
                    kept.clear()
                for i, key, summary, data in made:
                    kept[key] = (summary, data)
                    out[i] = data
        return out


def case_list_json(
    state: ApiState, rows: list[tuple[CaseSummary, Level]], today: date, lang: str, limit: int, offset: int,
) -> bytes:
    """The body of ``GET /api/cases`` (:class:`~actionloop.api.schemas.CaseListOut`): the page
    ``rows[offset:offset + limit]``, its rows' fragments joined, exactly what serialising the whole
    dict gives. The body is kept while ``rows`` is the very same list (see ``visible_cases``)."""
    key = (id(rows), today, lang, limit, offset)
    kept = _PAGES.get(key)
    if kept is not None and kept[0] is rows:
        return kept[1]
    page = rows[offset:offset + limit]
    next_offset = offset + limit if len(rows) > offset + limit else None
    items = _ITEMS.rows(state, page, today, lang)
    tail = to_json({"limit": limit, "offset": offset, "next_offset": next_offset})
    body = b'{"items":[' + b",".join(items) + b"]," + tail[1:]
    if len(_PAGES) >= 64:
        _PAGES.clear()
    _PAGES[key] = (rows, body)
    return body


#: Whole bodies of the case list by (the rows' list, day, language, page); the entry holds the list
#: its key names by ``id``.
_PAGES: dict[tuple[int, date, str, int, int], tuple[list[tuple[CaseSummary, Level]], bytes]] = {}
_ITEMS = CaseItemCache()


def in_language(case: CaseFile, lang: str) -> CaseFile:
    """The case with its messages in ``lang`` (the engine speaks the case's language)."""
    if case.case.language == lang:
        return case
    return dataclasses.replace(case, case=dataclasses.replace(case.case, language=lang))


def load_case(state: ApiState, case_id: str) -> tuple[CaseFile, list[StoredEvent]]:
    """The case file and its stored rows, agreeing with each other (read again if a write came
    between the two reads)."""
    for _ in range(3):
        rows = state.services.cases.events(case_id)
        case = state.services.cases.export_case(case_id)
        if len(rows) == len(case.events):
            return case, rows
    return case, rows[: len(case.events)]


def case_view(
    state: ApiState, case: CaseFile, rows: Sequence[StoredEvent], summary: CaseSummary, level: Level,
    today: date, lang: str,
) -> CaseOut:
    registry = state.registry
    spoken = in_language(case, lang)
    replayed = replay(spoken, registry, lang)
    irregular = dict(replayed.irregular)
    timeline = []
    for event, row in zip(case.events, rows, strict=False):
        data = json.loads(row.payload)
        spec = registry.for_event(case.case.setting, event.day)
        label = spec.step_label(event.type, lang) if spec is not None else event.type
        timeline.append(TimelineEntry(
            seq=row.seq, type=event.type, label=label[:1].upper() + label[1:], at=event.at_text, day=event.day,
            by=event.by, text=event.text, fields={k: v for k, v in data.items() if k not in _OWN_FIELDS},
            recorded_at=row.recorded_at, recorded_by=row.actor_id, workflow_id=row.workflow_id,
            irregular=irregular.get(event.index),
        ))
    deadlines = case_deadlines(spoken, registry, today, state.policy, lang=lang)
    steps = next_steps(spoken, registry, today, lang, state=replayed)
    info = case.case
    return CaseOut(
        case_id=case.id, setting=info.setting, unit=info.unit.to_dict(), child=info.child.to_dict(),
        language=info.language, seq=rows[-1].seq if rows else 0, hash=rows[-1].hash if rows else "",
        state=summary.state, state_label=state_label(registry, summary.workflow_id, summary.state, lang),
        workflow_id=summary.workflow_id, serious=summary.serious, staff_offender=summary.staff_offender,
        leadership_offender=summary.leadership_offender, opened_date=summary.opened_date,
        closed_date=summary.closed_date, access=ACCESS_NAMES[level],
        people=[PersonOut(id=p.id, role=p.role, name=p.name) for p in case.people],
        timeline=timeline,
        deadlines=[d.to_dict() for d in deadlines.deadlines],
        statsforvalteren=deadlines.sf.to_dict(),
        next_steps=[
            StepOut(trigger=s.trigger, track=s.track, label=s.label, allowed=s.allowed, reason=s.reason,
                    missing=list(s.missing), conditions=list(s.conditions), legal_refs=list(s.legal_refs))
            for s in steps
        ],
    )
