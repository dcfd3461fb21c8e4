"""Across cases: the audit of a unit or an owner over a period (and its Word report), deadlines due,
figures per unit, and the read log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Response

from actionloop.api.deps import AccessDep, Day, LangDep, StateDep
from actionloop.api.errors import ApiError, not_found_case
from actionloop.api.i18n import message
from actionloop.api.routes.cases import visible_cases
from actionloop.api.schemas import (
    AuditOut,
    CaseAuditOut,
    DeadlineDue,
    DeadlinesOut,
    FiguresOut,
    FindingOut,
    ReadLogOut,
    ReadOut,
    ScopeOut,
    UnitFigures,
)
from actionloop.api.state import ApiState
from actionloop.api.views import in_language, is_overdue
from actionloop.app.access import Access, Level
from actionloop.app.errors import CaseNotFound
from actionloop.app.ports import CaseQuery, CaseSummary
from actionloop.app.readlog import ReadQuery
from actionloop.core.audit import Finding
from actionloop.core.clock import OSLO
from actionloop.core.errors import Problem
from actionloop.core.model import CaseFile

router = APIRouter(prefix="/api")

UnitQuery = Annotated[str | None, Query(min_length=1, max_length=200, description="Enhetens id.")]
OwnerQuery = Annotated[str | None, Query(min_length=1, max_length=200, description="Eierens id.")]
FromQuery = Annotated[Day | None, Query(alias="from", description="Periodens første dag.")]
ToQuery = Annotated[Day | None, Query(alias="to", description="Periodens siste dag.")]


def _scope_units(state: ApiState, access: Access, unit: str | None, owner: str | None, lang: str) -> list[str]:
    """The units of the scope asked for, if the caller may see its figures (403 otherwise)."""
    view = state.org.get().view
    if (unit is None) == (owner is None):
        raise ApiError(422, "invalid_request", problems=[Problem("query.unit", message("scope_required", lang))])
    if unit is not None:
        if unit not in view.units:
            raise ApiError(422, "invalid_request", problems=[Problem("query.unit", message("unknown_unit", lang,
                                                                                           unit=unit))])
        units = [unit]
    else:
        assert owner is not None
        if owner not in view.owners:
            raise ApiError(422, "invalid_request", problems=[Problem("query.owner", message("unknown_owner", lang,
                                                                                            owner=owner))])
        units = view.units_of_owner(owner)
    allowed = access.figure_units()
    if allowed is not None and not set(units) <= set(allowed):
        raise ApiError(403, "forbidden_unit", unit=unit or owner)
    return units


def _check_period(start: date | None, end: date | None, lang: str) -> None:
    if start is not None and end is not None and start > end:
        raise ApiError(422, "invalid_request", problems=[Problem("query.from", message("period", lang))])


def _in_period(case: CaseFile, start: date | None, end: date | None) -> bool:
    if not case.events:
        return start is None and end is None
    first, last = case.events[0].day, case.events[-1].day
    return not ((end is not None and first > end) or (start is not None and last < start))


def _scope_cases(
    state: ApiState, access: Access, units: list[str], start: date | None, end: date | None,
) -> Iterator[tuple[CaseFile, CaseSummary, Level]]:
    summaries = {s.case_id: s for s in state.list_cases(CaseQuery(unit_ids=units))}
    wanted = set(summaries)
    for case in state.services.cases.export_all():
        if case.id in wanted and _in_period(case, start, end):
            summary = summaries[case.id]
            yield case, summary, access.case_level(summary, state.performers)


@router.get("/audit", tags=["tilsyn"], summary="Tilsyn med en enhet eller en eier over en periode")
def audit_scope(
    state: StateDep, access: AccessDep, lang: LangDep, unit: UnitQuery = None, owner: OwnerQuery = None,
    start: FromQuery = None, end: ToQuery = None,
    as_of: Annotated[Day | None, Query(description="Vurder per denne datoen (standard: i dag).")] = None,
) -> AuditOut:
    """Tallene (plikt × status) teller alle saker i perioden; funnene per sak vises bare for saker
    du har tilgang til. Lesingen av hver sak logges."""
    units = _scope_units(state, access, unit, owner, lang)
    _check_period(start, end, lang)
    day = as_of or state.today()
    totals: dict[str, dict[str, int]] = {}
    cases: list[CaseAuditOut] = []
    count = 0
    for case, _summary, level in _scope_cases(state, access, units, start, end):
        count += 1
        result = state.auditor.audit(in_language(case, lang), day)
        for f in result.findings:
            per = totals.setdefault(f.duty, {})
            per[f.status] = per.get(f.status, 0) + 1
        if level != Level.NONE:
            state.reads.record(case.id, access.identity.account_id, "audit")
            cases.append(CaseAuditOut(format="actionloop-audit/1", case=case.id, as_of=day,
                                      findings=[FindingOut(**f.to_dict()) for f in result.findings]))
    return AuditOut(scope=ScopeOut(unit=unit, owner=owner, start=start, end=end), as_of=day, cases_total=count,
                    totals=totals, cases=cases)


@router.get(
    "/audit/report", tags=["tilsyn"], summary="Tilsynsrapport som Word-fil (sakene du har tilgang til)",
    response_class=Response,
    responses={200: {"content": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}}}},
)
def audit_report(
    state: StateDep, access: AccessDep, lang: LangDep, unit: UnitQuery = None, owner: OwnerQuery = None,
    start: FromQuery = None, end: ToQuery = None,
    as_of: Annotated[Day | None, Query(description="Vurder per denne datoen (standard: i dag).")] = None,
) -> Response:
    units = _scope_units(state, access, unit, owner, lang)
    if all(r.role == "admin" for r in access.identity.roles):
        raise ApiError(403, "forbidden")  # the administrator sees figures, never case contents
    _check_period(start, end, lang)
    day = as_of or state.today()
    items: list[tuple[CaseFile, list[Finding]]] = []
    for case, _summary, level in _scope_cases(state, access, units, start, end):
        if level != Level.NONE:
            items.append((case, list(state.auditor.audit(case, day).findings)))
            state.reads.record(case.id, access.identity.account_id, "document")
    data = state.documents.audit_report(items, unit=unit, owner=owner, start=start, end=end, as_of=day, lang=lang)
    filename = state.documents.filename(unit or owner or "rapport", "audit")
    return Response(data, media_type=state.documents.media_type,
                    headers={"Content-Disposition": state.documents.disposition(filename)})


@router.get("/deadlines", tags=["frister"], summary="Frister som forfaller, i sakene jeg har tilgang til")
def deadlines_due(
    state: StateDep, access: AccessDep, unit: Annotated[list[str] | None, Query(max_length=100)] = None,
    within_days: Annotated[int, Query(ge=0, le=366, description="Frister innen så mange dager (og alle passerte).")] = 14,
) -> DeadlinesOut:
    today = state.today()
    base = CaseQuery(unit_ids=unit, closed=False, deadline_before=today + timedelta(days=within_days + 1))
    items = [
        DeadlineDue(case_id=s.case_id, unit_id=s.unit_id, state=s.state, duty=s.next_deadline_duty,
                    due=s.next_deadline, overdue=is_overdue(s, today))
        for s, _level in visible_cases(state, access, base) if s.next_deadline is not None
    ]
    items.sort(key=lambda d: (d.due, d.case_id))
    return DeadlinesOut(as_of=today, items=items)


def _count(fig: UnitFigures, s: CaseSummary, today: date) -> None:
    fig.total += 1
    if s.closed_date is None:
        fig.open += 1
    else:
        fig.closed += 1
    fig.serious += s.serious
    fig.staff_offender += s.staff_offender
    fig.leadership_offender += s.leadership_offender
    fig.overdue += is_overdue(s, today)
    key = s.state or "-"
    fig.by_state[key] = fig.by_state.get(key, 0) + 1


@router.get("/figures", tags=["tilsyn"], summary="Tall per enhet (ingen saksinnhold)")
def figures(
    state: StateDep, access: AccessDep, lang: LangDep, unit: UnitQuery = None, owner: OwnerQuery = None,
) -> FiguresOut:
    """Antall saker per enhet: åpne, avsluttede, alvorlige, saker der ansatte eller ledelsen er
    mistenkt, saker med passert frist, og per steg. Uten enhet og eier: alle enhetene du har tall for."""
    view = state.org.get().view
    if unit is None and owner is None:
        allowed = access.figure_units()
        units = sorted(view.units) if allowed is None else allowed
        if not units:
            raise ApiError(403, "forbidden")
    else:
        units = _scope_units(state, access, unit, owner, lang)
    today = state.today()
    per = {u: UnitFigures(unit_id=u, name=view.units[u].name if u in view.units else None,
                          kind=view.units[u].kind if u in view.units else None) for u in units}
    total = UnitFigures(unit_id="*")
    for s in state.list_cases(CaseQuery(unit_ids=units)):
        _count(per[s.unit_id], s, today)
        _count(total, s, today)
    return FiguresOut(as_of=today, units=list(per.values()), total=total)


@router.get("/read-log", tags=["tilsyn"], summary="Hvem som har lest hvilke saker, og når")
def read_log(
    state: StateDep, access: AccessDep, lang: LangDep,
    case_id: Annotated[str | None, Query(min_length=1, max_length=200, description="Bare denne saken.")] = None,
    unit: UnitQuery = None, start: FromQuery = None, end: ToQuery = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ReadLogOut:
    """For eieren (egne enheter), tilsyn og administrator. Viser bare id-er, aldri saksinnhold."""
    allowed = access.read_log_units()
    if allowed is not None and not allowed and not access.scopes("owner"):
        raise ApiError(403, "forbidden")
    _check_period(start, end, lang)
    case_ids: list[str] | None = None
    if case_id is not None:
        try:
            summary = state.services.cases.summary(case_id)
        except CaseNotFound:
            raise not_found_case(case_id) from None
        if not access.may_read_log_of(summary):
            raise not_found_case(case_id)
        case_ids = [case_id]
    elif unit is not None or allowed is not None:
        units = [unit] if unit is not None else allowed
        if unit is not None and allowed is not None and unit not in allowed:
            raise ApiError(403, "forbidden_unit", unit=unit)
        summaries = state.list_cases(CaseQuery(unit_ids=units))
        case_ids = [s.case_id for s in summaries if access.may_read_log_of(s)]
    since = datetime.combine(start, time.min, OSLO) if start else None
    until = datetime.combine(end + timedelta(days=1), time.min, OSLO) if end and end < date.max else None
    reads = state.reads.find(ReadQuery(case_ids=case_ids, since=since, until=until, limit=limit + 1, offset=offset))
    items = [ReadOut(case_id=r.case_id, account_id=r.account_id, username=state.username(r.account_id),
                     read_at=r.read_at, what=r.what) for r in reads[:limit]]
    return ReadLogOut(items=items, limit=limit, offset=offset,
                      next_offset=offset + limit if len(reads) > limit else None)
