"""``/eier``: the owner's overview. Per unit: open cases, overdue deadlines and the audit's findings
per duty (a chart and the same numbers in a table); the serious cases and the cases where staff or
the leadership are suspected (links to each case); and the read log of the owner's cases.

Only counts are shown for cases the owner may not open (access.py decides which it may); the
findings of single cases are on the audit page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from actionloop.api.state import ApiState
from actionloop.api.views import is_overdue, state_label
from actionloop.app.access import Access, Level
from actionloop.app.ports import CaseQuery, CaseSummary
from actionloop.app.readlog import ReadQuery
from actionloop.docview import duty_label
from actionloop.web import i18n
from actionloop.web.deps import LangDep, StateDep, WebUser, require_role
from actionloop.web.render import render
from actionloop.web.reports import CHART_STATUSES, audit, bar_chart

router = APIRouter()

#: Reads shown per page of the read log.
READS_PER_PAGE = 50

i18n.add({
    "eier.owner_title": {"nb": "Eieroversikt", "nn": "Eigaroversikt", "en": "Owner's overview"},
    "eier.owner_intro": {
        "nb": "Tall for alle enhetene dere eier, per {day}. Alvorlige saker og saker der en ansatt eller "
              "ledelsen er mistenkt, behandles av dere og er lenket under.",
        "nn": "Tal for alle einingane de eig, per {day}. Alvorlege saker og saker der ein tilsett eller "
              "leiinga er mistenkt, blir behandla av dykk og er lenka under.",
        "en": "Figures for every unit you own, as of {day}. Serious cases and cases where a member of staff or "
              "the leadership is suspected are handled by you and linked below.",
    },
    "eier.owner_units": {"nb": "Enhetene", "nn": "Einingane", "en": "The units"},
    "eier.owner_units_caption": {"nb": "Saker per enhet", "nn": "Saker per eining", "en": "Cases per unit"},
    "eier.col_unit": {"nb": "Enhet", "nn": "Eining", "en": "Unit"},
    "eier.col_open": {"nb": "Åpne saker", "nn": "Opne saker", "en": "Open cases"},
    "eier.col_overdue": {"nb": "Passerte frister", "nn": "Passerte fristar", "en": "Overdue deadlines"},
    "eier.col_serious": {"nb": "Alvorlige", "nn": "Alvorlege", "en": "Serious"},
    "eier.col_suspected": {"nb": "Ansatt eller ledelse mistenkt", "nn": "Tilsett eller leiing mistenkt",
                      "en": "Staff or leadership suspected"},
    "eier.col_breaches": {"nb": "Brudd", "nn": "Brot", "en": "Breaches"},
    "eier.col_warnings": {"nb": "Advarsler", "nn": "Åtvaringar", "en": "Warnings"},
    "eier.col_total": {"nb": "Sum", "nn": "Sum", "en": "Total"},
    "eier.overdue_duties": {"nb": "Passerte frister per plikt", "nn": "Passerte fristar per plikt",
                       "en": "Overdue deadlines per duty"},
    "eier.overdue_none": {"nb": "Ingen åpne saker har passert frist.", "nn": "Ingen opne saker har passert frist.",
                     "en": "No open case is past a deadline."},
    "eier.owner_findings": {"nb": "Funn i tilsynet per plikt", "nn": "Funn i tilsynet per plikt",
                       "en": "Audit findings per duty"},
    "eier.owner_findings_intro": {
        "nb": "Hver sak er vurdert plikt for plikt etter loven som gjaldt. Tallene gjelder {n} saker. "
              "Se funnene sak for sak under Tilsyn.",
        "nn": "Kvar sak er vurdert plikt for plikt etter lova som galdt. Tala gjeld {n} saker. "
              "Sjå funna sak for sak under Tilsyn.",
        "en": "Each case is judged duty by duty under the law in force. The figures cover {n} cases. "
              "See the findings case by case under Audit.",
    },
    "eier.owner_cases": {"nb": "Alvorlige saker og saker der ansatte eller ledelsen er mistenkt",
                    "nn": "Alvorlege saker og saker der tilsette eller leiinga er mistenkt",
                    "en": "Serious cases and cases where staff or the leadership are suspected"},
    "eier.owner_cases_none": {"nb": "Ingen slike saker.", "nn": "Ingen slike saker.", "en": "No such cases."},
    "eier.col_case": {"nb": "Sak", "nn": "Sak", "en": "Case"},
    "eier.col_kind": {"nb": "Gjelder", "nn": "Gjeld", "en": "Concerns"},
    "eier.col_step": {"nb": "Steg", "nn": "Steg", "en": "Step"},
    "eier.col_deadline": {"nb": "Neste frist", "nn": "Neste frist", "en": "Next deadline"},
    "eier.col_opened": {"nb": "Meldt", "nn": "Meldt", "en": "Reported"},
    "eier.flag_serious": {"nb": "Alvorlig", "nn": "Alvorleg", "en": "Serious"},
    "eier.flag_staff": {"nb": "Ansatt mistenkt", "nn": "Tilsett mistenkt", "en": "Staff suspected"},
    "eier.flag_leadership": {"nb": "Ledelsen mistenkt", "nn": "Leiinga mistenkt", "en": "Leadership suspected"},
    "eier.flag_overdue": {"nb": "Passert", "nn": "Passert", "en": "Overdue"},
    "eier.flag_closed": {"nb": "Avsluttet {day}", "nn": "Avslutta {day}", "en": "Closed {day}"},
    "eier.read_log": {"nb": "Hvem har lest sakene", "nn": "Kven har lese sakene", "en": "Who has read the cases"},
    "eier.read_log_intro": {
        "nb": "Hver gang noen åpner en sak, henter et dokument eller ser funnene i den, logges det. "
              "Loggen viser hvem og når, aldri hva som stod i saken.",
        "nn": "Kvar gong nokon opnar ei sak, hentar eit dokument eller ser funna i henne, blir det logga. "
              "Loggen viser kven og når, aldri kva som stod i saka.",
        "en": "Every time someone opens a case, fetches a document or sees its findings, it is logged. "
              "The log shows who and when, never what the case said.",
    },
    "eier.read_log_caption": {"nb": "Lesinger, nyeste først", "nn": "Lesingar, nyaste først",
                         "en": "Reads, newest first"},
    "eier.read_log_none": {"nb": "Ingen lesinger ennå.", "nn": "Ingen lesingar enno.", "en": "No reads yet."},
    "eier.col_when": {"nb": "Tidspunkt", "nn": "Tidspunkt", "en": "When"},
    "eier.col_user": {"nb": "Bruker", "nn": "Brukar", "en": "User"},
    "eier.col_what": {"nb": "Hva", "nn": "Kva", "en": "What"},
    "eier.read_case": {"nb": "Åpnet saken", "nn": "Opna saka", "en": "Opened the case"},
    "eier.read_audit": {"nb": "Så funnene", "nn": "Såg funna", "en": "Saw the findings"},
    "eier.read_export": {"nb": "Eksporterte saken", "nn": "Eksporterte saka", "en": "Exported the case"},
    "eier.read_document": {"nb": "Hentet dokument", "nn": "Henta dokument", "en": "Fetched a document"},
    "eier.newer": {"nb": "Nyere", "nn": "Nyare", "en": "Newer"},
    "eier.older": {"nb": "Eldre", "nn": "Eldre", "en": "Older"},
    "eier.pages": {"nb": "Sider", "nn": "Sider", "en": "Pages"},
    "eier.deleted_user": {"nb": "(slettet bruker)", "nn": "(sletta brukar)", "en": "(deleted user)"},
})


@dataclass
class UnitRow:
    unit_id: str
    name: str
    open: int = 0
    overdue: int = 0
    serious: int = 0
    suspected: int = 0
    breached: int = 0
    warning: int = 0
    overdue_duties: dict[str, int] = field(default_factory=dict)


def _rows(state: ApiState, units: list[str], summaries: list[CaseSummary], today: date) -> list[UnitRow]:
    view = state.org.get().view
    rows = {u: UnitRow(u, view.units[u].name if u in view.units else u) for u in units}
    for s in summaries:
        row = rows.get(s.unit_id)
        if row is None or s.closed_date is not None:
            continue
        row.open += 1
        row.serious += s.serious
        row.suspected += s.staff_offender or s.leadership_offender
        if is_overdue(s, today):
            row.overdue += 1
            duty = s.next_deadline_duty or "-"
            row.overdue_duties[duty] = row.overdue_duties.get(duty, 0) + 1
    return list(rows.values())


def _owner_cases(state: ApiState, access: Access, units: list[str], today: date, lang: str) -> list[dict[str, Any]]:
    """The serious and staff/leadership cases of the units that the owner may open."""
    seen: dict[str, CaseSummary] = {}
    for query in (CaseQuery(unit_ids=units, serious=True), CaseQuery(unit_ids=units, staff_or_leadership=True)):
        for s in state.list_cases(query):
            seen[s.case_id] = s
    view = state.org.get().view
    out = []
    for s in seen.values():
        if access.case_level(s, state.performers) == Level.NONE:
            continue
        out.append({
            "case_id": s.case_id, "unit": view.units[s.unit_id].name if s.unit_id in view.units else s.unit_id,
            "serious": s.serious, "staff": s.staff_offender, "leadership": s.leadership_offender,
            "state": state_label(state.registry, s.workflow_id, s.state, lang) or s.state or "",
            "deadline": s.next_deadline if s.closed_date is None else None,
            "deadline_duty": duty_label(s.next_deadline_duty, lang) if s.next_deadline_duty else "",
            "overdue": is_overdue(s, today), "opened": s.opened_date, "closed": s.closed_date,
        })
    # Open first, the most pressing deadline first; then the closed ones, newest first.
    out.sort(key=lambda c: (c["closed"] is not None, c["deadline"] or date.max, c["case_id"]))
    return out


def _reads(
    state: ApiState, access: Access, summaries: list[CaseSummary], offset: int,
) -> tuple[list[dict[str, Any]], bool]:
    logged = {s.case_id: s for s in summaries if access.may_read_log_of(s)}
    if not logged:
        return [], False
    reads = state.reads.find(ReadQuery(case_ids=sorted(logged), limit=READS_PER_PAGE + 1, offset=offset))
    rows = []
    for r in reads[:READS_PER_PAGE]:
        summary = logged.get(r.case_id)
        openable = summary is not None and access.case_level(summary, state.performers) != Level.NONE
        rows.append({"case_id": r.case_id, "openable": openable, "user": state.username(r.account_id),
                     "at": r.read_at, "what": r.what})
    return rows, len(reads) > READS_PER_PAGE


def owner_overview(state: ApiState, user: WebUser, lang: str, offset: int) -> dict[str, Any]:
    access = user.access
    view = state.org.get().view
    today = state.today()
    owners = [o for o in user.identity.scopes("owner") if o in view.owners]
    units = sorted({u for o in owners for u in view.units_of_owner(o)})
    summaries = state.list_cases(CaseQuery(unit_ids=units)) if units else []
    rows = _rows(state, units, summaries, today)
    result = audit(state, access, units, None, None, today, lang=lang) if units else None
    if result is not None:
        for row in rows:
            counts = result.per_unit.get(row.unit_id, {})
            row.breached, row.warning = counts.get("breached", 0), counts.get("warning", 0)
    overdue_duties: dict[str, int] = {}
    for row in rows:
        for duty, n in row.overdue_duties.items():
            overdue_duties[duty] = overdue_duties.get(duty, 0) + n
    kg = bool(units) and all(view.units[u].kind == "kindergarten" for u in units)
    totals = result.totals if result is not None else {}
    chart = bar_chart(totals, lang, title=i18n.t("funn.chart_title", lang), desc=i18n.t("funn.chart_desc", lang), kg=kg)
    reads, more = _reads(state, access, summaries, offset)
    return {
        "owners": [view.owners[o].name for o in owners],
        "today": today,
        "rows": rows,
        "sum": UnitRow("*", "", *(sum(getattr(r, a) for r in rows) for a in (
            "open", "overdue", "serious", "suspected", "breached", "warning"))),
        "overdue_duties": sorted(((duty_label(d, lang, kg) if d != "-" else "–", n)
                                  for d, n in overdue_duties.items()), key=lambda x: -x[1]),
        "cases_total": result.cases_total if result is not None else 0,
        "findings": [(duty_label(d, lang, kg), [counts.get(s, 0) for s in (*CHART_STATUSES, "not_assessable")])
                     for d, counts in totals.items()],
        "chart": chart,
        "owner_cases": _owner_cases(state, access, units, today, lang),
        "reads": reads,
        "offset": offset,
        "newer": max(0, offset - READS_PER_PAGE) if offset > 0 else None,
        "older": offset + READS_PER_PAGE if more else None,
    }


@router.get("/eier")
def owner_page(request: Request, state: StateDep, lang: LangDep, user: WebUser = require_role("owner")) -> Response:
    raw = request.query_params.get("lesinger", "0")
    offset = int(raw) if raw.isdigit() and len(raw) <= 7 else 0
    return render(request, "owner.html", owner_overview(state, user, lang, offset))
