"""Mine saker: the cases I reported, and the measures of current plans that I carry out, with their
dates. Only what the access rules let me see (a case where staff or leadership are suspected is
never listed to someone who merely carries out a measure in it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from starlette.responses import Response

from actionloop.api.routes.cases import visible_cases
from actionloop.api.views import is_overdue, state_label
from actionloop.app.ports import CaseQuery, CaseSummary
from actionloop.core.model import CaseFile, Measure
from actionloop.web import i18n
from actionloop.web.deps import LangDep, StateDep, UserDep
from actionloop.web.render import render

router = APIRouter()

i18n.add({
    "mine_title": {"nb": "Mine saker", "nn": "Mine saker", "en": "My cases"},
    "mine_intro": {
        "nb": "Sakene du har meldt, og tiltakene du skal gjennomføre. Du ser bare det du har tilgang til.",
        "nn": "Sakene du har meldt, og tiltaka du skal gjennomføre. Du ser berre det du har tilgang til.",
        "en": "The cases you reported, and the measures you carry out. You see only what you have access to.",
    },
    "mine_reported": {"nb": "Saker jeg har meldt", "nn": "Saker eg har meldt", "en": "Cases I reported"},
    "mine_reported_none": {"nb": "Du har ikke meldt noen saker.", "nn": "Du har ikkje meldt nokon saker.",
                           "en": "You have not reported any cases."},
    "mine_measures": {"nb": "Tiltak jeg gjennomfører", "nn": "Tiltak eg gjennomfører", "en": "Measures I carry out"},
    "mine_measures_none": {"nb": "Du har ingen tiltak å gjennomføre nå.", "nn": "Du har ingen tiltak å "
                           "gjennomføre no.", "en": "You have no measures to carry out now."},
    "mine_col_case": {"nb": "Sak", "nn": "Sak", "en": "Case"},
    "mine_col_child": {"nb": "Barn", "nn": "Barn", "en": "Child"},
    "mine_col_reported": {"nb": "Meldt", "nn": "Meldt", "en": "Reported"},
    "mine_col_step": {"nb": "Steg nå", "nn": "Steg no", "en": "Current step"},
    "mine_col_status": {"nb": "Status", "nn": "Status", "en": "Status"},
    "mine_col_last": {"nb": "Siste hendelse", "nn": "Siste hending", "en": "Latest event"},
    "mine_col_measure": {"nb": "Tiltak", "nn": "Tiltak", "en": "Measure"},
    "mine_col_period": {"nb": "Når", "nn": "Når", "en": "When"},
    "mine_col_evaluation": {"nb": "Neste evaluering", "nn": "Neste evaluering", "en": "Next evaluation"},
    "mine_status_open": {"nb": "Åpen", "nn": "Open", "en": "Open"},
    "mine_status_closed": {"nb": "Avsluttet {d}", "nn": "Avslutta {d}", "en": "Closed {d}"},
    "mine_status_overdue": {"nb": "Frist passert", "nn": "Frist passert", "en": "Overdue"},
    "mine_evaluation_overdue": {"nb": "Passert", "nn": "Passert", "en": "Overdue"},
    "mine_measure_done": {"nb": "Gjennomført {d}", "nn": "Gjennomført {d}", "en": "Done {d}"},
    "mine_measure_ongoing": {"nb": "Pågår", "nn": "Går føre seg", "en": "Under way"},
    "mine_measure_not_started": {"nb": "Ikke startet", "nn": "Ikkje starta", "en": "Not started"},
    "mine_measure_period_over": {"nb": "Perioden er over", "nn": "Perioden er over", "en": "The period has ended"},
    "mine_open_case": {"nb": "Åpne saken {id}", "nn": "Opne saka {id}", "en": "Open the case {id}"},
})

_INTERVAL = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:/(\d{4}-\d{2}-\d{2}))?$")


@dataclass(frozen=True, slots=True)
class ReportedRow:
    summary: CaseSummary
    child: str
    state: str | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class MeasureRow:
    summary: CaseSummary
    child: str
    measure: Measure
    start: date | None
    end: date | None
    done: date | None
    next_evaluation: date | None
    status: str


def period(when: str | None) -> tuple[date | None, date | None]:
    """The first and last day of a measure's ``when`` (``2025-09-22/2025-10-17`` or one date)."""
    found = _INTERVAL.match((when or "").strip())
    if not found:
        return None, None
    try:
        start = date.fromisoformat(found.group(1))
        end = date.fromisoformat(found.group(2)) if found.group(2) else start
    except ValueError:
        return None, None
    return start, end


def my_measures(case: CaseFile, staff_id: str) -> list[Measure]:
    """The measures of the current plan the staff member carries out (or, where no one is named to
    carry one out, is responsible for): as :func:`actionloop.app.access.plan_performers` counts them."""
    plans = [e for e in case.events if e.type == "plan"]
    if not plans:
        return []
    return [m for m in plans[-1].plan.measures if (m.performer or m.responsible) == staff_id]


def measure_row(summary: CaseSummary, case: CaseFile, measure: Measure, today: date) -> MeasureRow:
    start, end = period(measure.when)
    done = next((e.day for e in reversed(case.events)
                 if e.type == "measure_done" and e.get("measure") == measure.id), None)
    plans = [e for e in case.events if e.type == "plan"]
    evaluations = plans[-1].plan.evaluations if plans else ()
    # The first planned evaluation after the last one recorded (it may be overdue).
    plan_index = plans[-1].index if plans else 0
    evaluated = max((e.day for e in case.events if e.type == "evaluation" and e.index > plan_index), default=None)
    next_evaluation = min((d for d in evaluations if evaluated is None or d > evaluated), default=None)
    if done is not None:
        status = "done"
    elif start is not None and today < start:
        status = "not_started"
    elif end is not None and today > end:
        status = "period_over"
    else:
        status = "ongoing"
    child = case.case.child.name or case.case.child.id
    return MeasureRow(summary, child, measure, start, end, done, next_evaluation, status)


@router.get("/mine")
def mine(request: Request, user: UserDep, state: StateDep, lang: LangDep) -> Response:
    access = user.access
    today = state.today()
    reported: list[ReportedRow] = []
    measures: list[MeasureRow] = []
    staff_id = user.staff_id
    for summary, _level in visible_cases(state, access, CaseQuery()):
        mine_reported = summary.opened_by == access.actor
        mine_measures = staff_id is not None and staff_id in state.performers(summary)
        if not (mine_reported or mine_measures):
            continue
        case = state.services.cases.export_case(summary.case_id)
        child = case.case.child.name or case.case.child.id
        if mine_reported:
            reported.append(ReportedRow(
                summary, child, state_label(state.registry, summary.workflow_id, summary.state, lang),
                is_overdue(summary, today),
            ))
        if mine_measures and staff_id is not None and summary.closed_date is None:
            measures.extend(measure_row(summary, case, m, today) for m in my_measures(case, staff_id))
    measures.sort(key=lambda r: (r.status == "done", r.start or date.max, r.summary.case_id, r.measure.id))
    return render(request, "mine.html", {"reported": reported, "measures": measures, "today": today})
