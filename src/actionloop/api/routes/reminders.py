"""Reminders of due and overdue duties (recorded by the deadline scan), in the cases the caller sees."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from actionloop.api.deps import AccessDep, StateDep
from actionloop.api.routes.cases import visible_cases
from actionloop.app.ports import CaseQuery
from actionloop.app.reminders import ReminderQuery

router = APIRouter(prefix="/api", tags=["frister"])


class ReminderOut(BaseModel):
    case_id: str
    unit_id: str
    duty: str
    due: date
    kind: str
    audience: str
    created_at: datetime


class RemindersOut(BaseModel):
    items: list[ReminderOut]


@router.get("/reminders", summary="Påminnelser om frister i sakene jeg har tilgang til")
async def reminders(
    state: StateDep, access: AccessDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="Høyst så mange, de nyeste først.")] = 100,
) -> RemindersOut:
    """Påminnelsene som fristskanningen har registrert (`due_soon`: fristen er nær; `overdue`:
    fristen er passert), for åpne saker du har tilgang til. `audience` sier hvem påminnelsen
    gjelder: `unit` (rektor/styrer) eller `owner` (eieren, når ledelsen er mistenkt)."""

    def read() -> list[ReminderOut]:
        if state.reminders is None:
            return []
        visible = [s.case_id for s, _level in visible_cases(state, access, CaseQuery(closed=False))]
        if not visible:
            return []
        found = state.reminders.find(ReminderQuery(case_ids=visible, limit=limit))
        return [ReminderOut(case_id=r.case_id, unit_id=r.unit_id, duty=r.duty, due=r.due_date, kind=r.kind,
                            audience=r.audience, created_at=r.created_at) for r in found]

    return RemindersOut(items=await run_in_threadpool(read))
