"""``/tilsyn``: the audit of a unit (or all the units of an owner) over a period. The findings are
counted per duty (a chart and a table), each duty drills down to the cases and what was found in
them, each case to its findings with the paragraph of the law and a link to the case page; the
report downloads as a Word file. For the auditor and the owner.

The page is a GET form (``enhet``, ``fra``, ``til``; ``plikt`` for the drill-down): nothing is
written but the read log, which records every case whose findings are shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from actionloop.api.dates import FIRST_DAY, LAST_DAY
from actionloop.api.state import ApiState
from actionloop.api.views import state_label
from actionloop.docview import duty_label, duty_order, status_label
from actionloop.web import i18n
from actionloop.web.deps import LangDep, StateDep, WebUser, require_role
from actionloop.web.render import finish, redirect, render
from actionloop.web.reports import ALL_STATUSES, CHART_STATUSES, Scope, audit, bar_chart, scopes_for
from actionloop.workflow.spec import DUTIES

router = APIRouter()

i18n.add({
    "tilsyn.audit_title": {"nb": "Tilsyn", "nn": "Tilsyn", "en": "Audit"},
    "tilsyn.audit_intro": {
        "nb": "Velg enhet og periode. Hver sak vurderes plikt for plikt etter loven som gjaldt, per i dag. "
              "Sakene du ser funnene i, logges som lest.",
        "nn": "Vel eining og periode. Kvar sak blir vurdert plikt for plikt etter lova som galdt, per i dag. "
              "Sakene du ser funna i, blir logga som lesne.",
        "en": "Choose a unit and a period. Each case is judged duty by duty under the law in force, as of today. "
              "The cases whose findings you see are logged as read.",
    },
    "tilsyn.audit_scope": {"nb": "Enhet", "nn": "Eining", "en": "Unit"},
    "tilsyn.audit_scope_all": {"nb": "{name} – alle enheter", "nn": "{name} – alle einingar", "en": "{name} – all units"},
    "tilsyn.audit_from": {"nb": "Fra og med dato", "nn": "Frå og med dato", "en": "From (date)"},
    "tilsyn.audit_to": {"nb": "Til og med dato", "nn": "Til og med dato", "en": "To (date)"},
    "tilsyn.audit_date_hint": {"nb": "Tom: ingen grense. Skriv dd.mm.åååå.", "nn": "Tom: inga grense. Skriv dd.mm.åååå.",
                        "en": "Empty: no limit. Write dd.mm.yyyy."},
    "tilsyn.audit_show": {"nb": "Vis funn", "nn": "Vis funn", "en": "Show findings"},
    "tilsyn.audit_no_scope": {"nb": "Du har ingen enheter å føre tilsyn med.", "nn": "Du har ingen einingar å føre tilsyn med.",
                       "en": "You have no units to audit."},
    "tilsyn.err_scope": {"nb": "Velg en enhet du har tilgang til.", "nn": "Vel ei eining du har tilgang til.",
                  "en": "Choose a unit you have access to."},
    "tilsyn.err_date": {"nb": "Skriv en gyldig dato, for eksempel 01.08.2025.",
                 "nn": "Skriv ein gyldig dato, til dømes 01.08.2025.",
                 "en": "Write a valid date, for example 01.08.2025."},
    "tilsyn.err_period": {"nb": "Sluttdatoen kan ikke være før startdatoen.", "nn": "Sluttdatoen kan ikkje vere før startdatoen.",
                   "en": "The end date cannot be before the start date."},
    "tilsyn.audit_result": {"nb": "Funn for {scope}", "nn": "Funn for {scope}", "en": "Findings for {scope}"},
    "tilsyn.audit_period": {"nb": "Periode: {period}. Vurdert per {day}.", "nn": "Periode: {period}. Vurdert per {day}.",
                     "en": "Period: {period}. Assessed as of {day}."},
    "tilsyn.audit_period_all": {"nb": "hele perioden", "nn": "heile perioden", "en": "the whole period"},
    "tilsyn.audit_counts": {
        "nb": "{total} saker i perioden. Funnene i {shown} av dem vises under (de du har tilgang til).",
        "nn": "{total} saker i perioden. Funna i {shown} av dei blir viste under (dei du har tilgang til).",
        "en": "{total} cases in the period. The findings of {shown} of them are shown below (those you have access to).",
    },
    "tilsyn.audit_download": {"nb": "Last ned tilsynsrapporten (Word)", "nn": "Last ned tilsynsrapporten (Word)",
                       "en": "Download the audit report (Word)"},
    "tilsyn.audit_per_duty": {"nb": "Per plikt", "nn": "Per plikt", "en": "Per duty"},
    "tilsyn.audit_per_duty_hint": {"nb": "Velg en plikt for å se sakene og hva som ble funnet.",
                            "nn": "Vel ei plikt for å sjå sakene og kva som vart funne.",
                            "en": "Choose a duty to see the cases and what was found."},
    "tilsyn.audit_duty_title": {"nb": "Plikten «{duty}»", "nn": "Plikta «{duty}»", "en": "The duty “{duty}”"},
    "tilsyn.audit_duty_term": {"nb": "Hjemmel: {ref}.", "nn": "Heimel: {ref}.", "en": "Legal basis: {ref}."},
    "tilsyn.audit_duty_close": {"nb": "Vis alle plikter", "nn": "Vis alle plikter", "en": "Show all duties"},
    "tilsyn.audit_per_case": {"nb": "Per sak", "nn": "Per sak", "en": "Per case"},
    "tilsyn.audit_no_cases": {"nb": "Ingen saker du har tilgang til i perioden.",
                       "nn": "Ingen saker du har tilgang til i perioden.",
                       "en": "No cases you have access to in the period."},
    "tilsyn.audit_worst": {"nb": "Verste funn", "nn": "Verste funn", "en": "Worst finding"},
    "tilsyn.col_finding": {"nb": "Vurdering", "nn": "Vurdering", "en": "Finding"},
    "tilsyn.col_ref": {"nb": "Hjemmel", "nn": "Heimel", "en": "Legal basis"},
    "tilsyn.col_reason": {"nb": "Begrunnelse", "nn": "Grunngiving", "en": "Reasons"},
    "tilsyn.audit_open_case": {"nb": "Åpne saken {case}", "nn": "Opne saka {case}", "en": "Open the case {case}"},
    "tilsyn.audit_events": {"nb": "Hendelser i saken", "nn": "Hendingar i saka", "en": "Events in the case"},
    "tilsyn.audit_event": {"nb": "hendelse", "nn": "hending", "en": "event"},
    "tilsyn.audit_lovdata": {"nb": "(åpner Lovdata)", "nn": "(opnar Lovdata)", "en": "(opens Lovdata)"},
})

#: Where each law's paragraphs are on Lovdata (a link per finding: the drill-down to the paragraph).
LOVDATA = {
    "opplæringslova": "https://lovdata.no/lov/2023-06-09-30/",
    "opplæringslova (1998)": "https://lovdata.no/lov/1998-07-17-61/",
    "barnehageloven": "https://lovdata.no/lov/2005-06-17-64/",
}
_SECTION = re.compile(r"^(?P<law>.+?)\s+§§?\s*(?P<section>\d+(?:\s*[A-Za-z])?(?:-\d+)?)")
STATUS_KIND = {"fulfilled": "ok", "warning": "warn", "breached": "danger", "not_assessable": "info",
               "not_applicable": "neutral"}


def lovdata_link(legal_ref: str) -> str | None:
    """The Lovdata address of the first paragraph a legal reference cites, if it names a law we know."""
    found = _SECTION.match(legal_ref.strip())
    if found is None:
        return None
    base = LOVDATA.get(found["law"].strip())
    if base is None:
        return None
    section = found["section"].replace(" ", "").lower()
    return base + quote("§" + section)


def parse_day(text: str) -> date | None:
    """A date written as 2025-08-01 (what a date field sends) or 01.08.2025; None if it is neither."""
    text = text.strip()
    day: date | None = None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        found = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        if found:
            try:
                day = date(int(found[3]), int(found[2]), int(found[1]))
            except ValueError:
                return None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        return None
    return day


@dataclass
class AuditForm:
    scope: str = ""
    start: str = ""
    end: str = ""
    duty: str = ""


def read_form(request: Request, scopes: list[Scope], lang: str) -> tuple[AuditForm, dict[str, str], Scope | None,
                                                                         date | None, date | None]:
    q = request.query_params
    form = AuditForm(scope=q.get("enhet", "")[:210], start=q.get("fra", "")[:20], end=q.get("til", "")[:20],
                     duty=q.get("plikt", "")[:40])
    errors: dict[str, str] = {}
    chosen = next((s for s in scopes if s.value == form.scope), None)
    if chosen is None:
        errors["enhet"] = i18n.t("tilsyn.err_scope", lang)
    start = end = None
    if form.start:
        start = parse_day(form.start)
        if start is None:
            errors["fra"] = i18n.t("tilsyn.err_date", lang)
    if form.end:
        end = parse_day(form.end)
        if end is None:
            errors["til"] = i18n.t("tilsyn.err_date", lang)
    if start is not None and end is not None and start > end:
        errors["til"] = i18n.t("tilsyn.err_period", lang)
    if form.duty not in DUTIES:
        form.duty = ""
    return form, errors, chosen, start, end


def _period(start: date | None, end: date | None, lang: str) -> str:
    def d(x: date) -> str:
        return f"{x.day:02d}.{x.month:02d}.{x.year}"
    if start and end:
        return f"{d(start)}–{d(end)}"
    if start:
        return {"nb": "fra og med ", "nn": "frå og med ", "en": "from "}.get(lang, "fra og med ") + d(start)
    if end:
        return {"nb": "til og med ", "en": "until "}.get(lang, "til og med ") + d(end)
    return i18n.t("tilsyn.audit_period_all", lang)


def _query(form: AuditForm, **extra: str) -> str:
    params = {"enhet": form.scope, "fra": form.start, "til": form.end, **extra}
    return urlencode({k: v for k, v in params.items() if v})


def audit_view(state: ApiState, user: WebUser, lang: str, form: AuditForm, scope: Scope, start: date | None,
               end: date | None) -> dict[str, Any]:
    view = state.org.get().view
    today = state.today()
    result = audit(state, user.access, scope.units, start, end, today, lang=lang, record="audit")
    kg = all(view.units[u].kind == "kindergarten" for u in scope.units if u in view.units)
    totals = result.totals
    duties = [d for d in DUTIES if d in totals]
    cases: list[dict[str, Any]] = []
    for c in result.cases:
        setting_kg = c.summary.setting == "kindergarten"
        cases.append({
            "case_id": c.case_id,
            "unit": view.units[c.unit_id].name if c.unit_id in view.units else c.unit_id,
            "state": state_label(state.registry, c.summary.workflow_id, c.summary.state, lang) or "",
            "worst": c.worst(),
            "findings": [{
                "duty": f.duty, "label": duty_label(f.duty, lang, setting_kg), "status": f.status,
                "status_label": status_label(f.status, lang), "kind": STATUS_KIND.get(f.status, "neutral"),
                "ref": f.legal_ref, "link": lovdata_link(f.legal_ref), "message": f.message_in(lang),
                "events": [e + 1 for e in f.events],
            } for f in sorted(c.findings, key=lambda f: duty_order(f.duty))],
        })
    duty_cases: list[dict[str, Any]] = []
    if form.duty:
        for row in cases:
            for f in row["findings"]:
                if f["duty"] == form.duty:
                    duty_cases.append({**f, "case_id": row["case_id"], "unit": row["unit"]})
        order = {s: i for i, s in enumerate(("breached", "warning", "not_assessable", "fulfilled", "not_applicable"))}
        duty_cases.sort(key=lambda f: (order.get(f["status"], 9), f["case_id"]))
    return {
        "scope": scope,
        "period": _period(start, end, lang),
        "as_of": today,
        "cases_total": result.cases_total,
        "cases": cases,
        "chart": bar_chart(totals, lang, title=i18n.t("funn.chart_title", lang), desc=i18n.t("funn.chart_desc", lang), kg=kg),
        "findings": [(duty_label(d, lang, kg), [totals[d].get(s, 0) for s in (*CHART_STATUSES, "not_assessable")])
                     for d in duties],
        "duty_links": [f"/tilsyn?{_query(form, plikt=d)}#plikt" for d in duties],
        "duty": form.duty,
        "duty_label": duty_label(form.duty, lang, kg) if form.duty else "",
        "duty_cases": duty_cases,
        "duty_ref": "; ".join(dict.fromkeys(f["ref"] for f in duty_cases)),
        "close_duty": f"/tilsyn?{_query(form)}#per-plikt",
        "report_url": f"/tilsyn/rapport?{_query(form)}",
        "statuses": ALL_STATUSES,
    }


@router.get("/tilsyn")
def audit_page(request: Request, state: StateDep, lang: LangDep,
               user: WebUser = require_role("auditor", "owner")) -> Response:
    scopes = scopes_for(state, user.access)
    options = [(s.value, i18n.t("tilsyn.audit_scope_all", lang, name=s.name) if s.kind == "owner" else s.name)
               for s in scopes]
    asked = any(k in request.query_params for k in ("enhet", "fra", "til"))
    form, errors, scope, start, end = read_form(request, scopes, lang)
    if not asked:
        form.scope = scopes[0].value if scopes else ""
        errors = {}
    context: dict[str, Any] = {"form": form, "errors": errors, "options": options, "has_scopes": bool(scopes),
                               "result": None}
    if asked and not errors and scope is not None:
        context["result"] = audit_view(state, user, lang, form, scope, start, end)
    return render(request, "audit.html", context, status=400 if asked and errors else 200)


@router.get("/tilsyn/rapport")
def audit_report(request: Request, state: StateDep, lang: LangDep,
                 user: WebUser = require_role("auditor", "owner")) -> Response:
    scopes = scopes_for(state, user.access)
    form, errors, scope, start, end = read_form(request, scopes, lang)
    if errors or scope is None:
        return redirect(request, f"/tilsyn?{_query(form)}")
    today = state.today()
    result = audit(state, user.access, scope.units, start, end, today, lang=lang, record="document", with_files=True)
    unit = scope.id if scope.kind == "unit" else None
    owner = scope.id if scope.kind == "owner" else None
    data = state.documents.audit_report(result.items, unit=unit, owner=owner, start=start, end=end, as_of=today,
                                        lang=lang)
    filename = state.documents.filename(scope.id, "audit")
    response = Response(data, media_type=state.documents.media_type,
                        headers={"Content-Disposition": state.documents.disposition(filename)})
    return finish(request, response)
