"""The principal's overview (``/oversikt``): new reports where the investigation has not started
(and which of them you have not opened), open cases by step, what is due and overdue with the date
and the paragraph, and every case with search and filters (a GET form: step, status, text, unit).

Everything comes from the ``case_summary`` projection through the API's access rules
(:func:`actionloop.api.routes.cases.visible_cases`); the next deadline of each case is the law
engine's, stored with the summary. The child's name comes from the roster (the child id of a case is
read once and kept). It must stay fast: 500 open cases render at p99 ≤ 150 ms (``bench/web.py``).
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fastapi import APIRouter, Request
from markupsafe import Markup, escape
from starlette.responses import Response

from actionloop.api.routes.cases import visible_cases
from actionloop.api.state import ApiState, OrgSnapshot
from actionloop.api.views import is_overdue, state_label
from actionloop.app.access import Level
from actionloop.app.ports import CaseQuery, CaseSummary
from actionloop.app.readlog import ReadQuery
from actionloop.web import i18n
from actionloop.web.deps import FormDep, LangDep, StateDep, WebUser, require_role
from actionloop.web.render import render
from actionloop.workflow.registry import WorkflowRegistry

router = APIRouter()

#: The main track's steps, in the order of the loop (the same ids in every shipped workflow).
STEPS = ("bekymring", "meldt", "undersokes", "trygg", "tiltak_trengs", "tiltak", "revisjon", "avslutning",
         "avsluttet", "sluttet")
#: Steps before the investigation has started: a new report.
NEW_STEPS = frozenset({"ny", "bekymring", "meldt"})
STATUSES = ("apne", "nye", "forfalt", "snart", "alvorlig", "ansatt", "avsluttet", "alle")
#: How many rows the case table shows at most (narrow with the filters for the rest).
MAX_ROWS = 1000
#: How many new reports are listed at the top (all of them with «status=nye»).
MAX_NEW = 20
SOON_DAYS = 7
#: Rows of HTML kept per app (about 0.5 kB each).
MAX_KEPT_ROWS = 20_000
MAX_TEXT = 100

i18n.add({
    "ov_title": {"nb": "Oversikt", "nn": "Oversikt", "en": "Overview"},
    "ov_intro": {
        "nb": "Sakene ved enhetene du leder: nye meldinger, saker etter steg, og frister som nærmer seg eller er "
              "passert.",
        "nn": "Sakene ved einingane du leiar: nye meldingar, saker etter steg, og fristar som nærmar seg eller er "
              "passerte.",
        "en": "The cases of the units you lead: new reports, cases by step, and deadlines coming up or passed.",
    },
    "ov_new": {"nb": "Nye meldinger", "nn": "Nye meldingar", "en": "New reports"},
    "ov_new_intro": {
        "nb": "Meldinger der undersøkelsen ikke har startet. «Ikke åpnet» betyr at du ikke har åpnet saken.",
        "nn": "Meldingar der undersøkinga ikkje har starta. «Ikkje opna» tyder at du ikkje har opna saka.",
        "en": "Reports where the investigation has not started. «Not opened» means you have not opened the case.",
    },
    "ov_new_none": {"nb": "Ingen nye meldinger.", "nn": "Ingen nye meldingar.", "en": "No new reports."},
    "ov_new_more": {"nb": "Vis alle {n} nye meldinger", "nn": "Vis alle {n} nye meldingar",
                    "en": "Show all {n} new reports"},
    "ov_unopened": {"nb": "Ikke åpnet", "nn": "Ikkje opna", "en": "Not opened"},
    "ov_opened": {"nb": "Åpnet", "nn": "Opna", "en": "Opened"},
    "ov_by_step": {"nb": "Åpne saker etter steg", "nn": "Opne saker etter steg", "en": "Open cases by step"},
    "ov_step": {"nb": "Steg", "nn": "Steg", "en": "Step"},
    "ov_count": {"nb": "Antall", "nn": "Tal", "en": "Number"},
    "ov_total": {"nb": "I alt", "nn": "I alt", "en": "Total"},
    "ov_deadlines": {"nb": "Frister", "nn": "Fristar", "en": "Deadlines"},
    "ov_overdue_n": {"nb": "Frist passert: {n}", "nn": "Frist passert: {n}", "en": "Overdue: {n}"},
    "ov_soon_n": {"nb": "Frist innen {d} dager: {n}", "nn": "Frist innan {d} dagar: {n}",
                  "en": "Due within {d} days: {n}"},
    "ov_cases": {"nb": "Saker", "nn": "Saker", "en": "Cases"},
    "ov_showing": {"nb": "Viser {n} saker.", "nn": "Viser {n} saker.", "en": "Showing {n} cases."},
    "ov_capped": {"nb": "Viser de første {n} av {total} sakene. Bruk filtrene for å se resten.",
                  "nn": "Viser dei første {n} av {total} sakene. Bruk filtera for å sjå resten.",
                  "en": "Showing the first {n} of {total} cases. Use the filters to see the rest."},
    "ov_filters": {"nb": "Søk og filtrer", "nn": "Søk og filtrer", "en": "Search and filter"},
    "ov_text": {"nb": "Tekst (barnets navn eller saksnummer)", "nn": "Tekst (namnet til barnet eller saksnummer)",
                "en": "Text (the child's name or the case number)"},
    "ov_unit": {"nb": "Enhet", "nn": "Eining", "en": "Unit"},
    "ov_status": {"nb": "Status", "nn": "Status", "en": "Status"},
    "ov_any_step": {"nb": "Alle steg", "nn": "Alle steg", "en": "Every step"},
    "ov_all_units": {"nb": "Alle enhetene mine", "nn": "Alle einingane mine", "en": "All my units"},
    "ov_apply": {"nb": "Vis", "nn": "Vis", "en": "Show"},
    "ov_reset": {"nb": "Nullstill", "nn": "Nullstill", "en": "Reset"},
    "ov_status_apne": {"nb": "Åpne saker", "nn": "Opne saker", "en": "Open cases"},
    "ov_status_nye": {"nb": "Nye meldinger", "nn": "Nye meldingar", "en": "New reports"},
    "ov_status_forfalt": {"nb": "Frist passert", "nn": "Frist passert", "en": "Overdue"},
    "ov_status_snart": {"nb": "Frist innen 7 dager", "nn": "Frist innan 7 dagar", "en": "Due within 7 days"},
    "ov_status_alvorlig": {"nb": "Alvorlige saker", "nn": "Alvorlege saker", "en": "Serious cases"},
    "ov_status_ansatt": {"nb": "Ansatt mistenkt", "nn": "Tilsett mistenkt", "en": "Staff suspected"},
    "ov_status_avsluttet": {"nb": "Avsluttede saker", "nn": "Avslutta saker", "en": "Closed cases"},
    "ov_status_alle": {"nb": "Alle saker", "nn": "Alle saker", "en": "All cases"},
    "ov_col_case": {"nb": "Sak", "nn": "Sak", "en": "Case"},
    "ov_col_child": {"nb": "Barn", "nn": "Barn", "en": "Child"},
    "ov_col_unit": {"nb": "Enhet", "nn": "Eining", "en": "Unit"},
    "ov_col_reported": {"nb": "Meldt", "nn": "Meldt", "en": "Reported"},
    "ov_col_step": {"nb": "Steg", "nn": "Steg", "en": "Step"},
    "ov_col_due": {"nb": "Neste frist", "nn": "Neste frist", "en": "Next deadline"},
    "ov_col_flags": {"nb": "Merknad", "nn": "Merknad", "en": "Notes"},
    "ov_overdue": {"nb": "Passert", "nn": "Passert", "en": "Overdue"},
    "ov_due_soon": {"nb": "Snart", "nn": "Snart", "en": "Soon"},
    "ov_serious": {"nb": "Alvorlig", "nn": "Alvorleg", "en": "Serious"},
    "ov_staff": {"nb": "Ansatt mistenkt", "nn": "Tilsett mistenkt", "en": "Staff suspected"},
    "ov_closed": {"nb": "Avsluttet {d}", "nn": "Avslutta {d}", "en": "Closed {d}"},
    "ov_no_deadline": {"nb": "Ingen åpen frist", "nn": "Ingen open frist", "en": "No open deadline"},
    "ov_no_cases": {"nb": "Ingen saker passer filtrene.", "nn": "Ingen saker passar filtera.",
                    "en": "No cases match the filters."},
})


@dataclass(frozen=True, slots=True)
class Row:
    """A case as the tables show it, every value already a string (the tables are long: the
    template only puts them in place)."""

    case_id: str
    child: str
    unit: str
    reported: str
    step: str
    #: The next deadline (23.11.2026), or "" when the case is closed or has none.
    due: str
    due_what: str
    due_ref: str
    #: overdue, soon, later, none (no open deadline) or closed.
    due_state: str
    closed: str
    serious: bool
    suspected: bool


class DutyText:
    """The label and the paragraph of a duty in a workflow (per variant), looked up once."""

    def __init__(self, registry: WorkflowRegistry) -> None:
        self.registry = registry
        self._kept: dict[tuple[str | None, str, str | None, str], tuple[str, str]] = {}
        self._lock = threading.Lock()

    def __call__(self, workflow_id: str | None, duty: str, variant: str | None, lang: str) -> tuple[str, str]:
        key = (workflow_id, duty, variant, lang)
        found = self._kept.get(key)
        if found is not None:
            return found
        label, ref = duty, ""
        spec_id = (workflow_id or "").split("@", 1)[0]
        if spec_id in self.registry:
            spec = self.registry.get(spec_id).duties.get(duty)
            if spec is not None:
                label = spec.label(lang)
                legal = spec.ref(variant)
                ref = legal.cite() if legal is not None else ""
        with self._lock:
            if len(self._kept) < 10_000:
                self._kept[key] = (label, ref)
        return label, ref


_DUTY_TEXTS: dict[int, DutyText] = {}


def duty_text(registry: WorkflowRegistry) -> DutyText:
    found = _DUTY_TEXTS.get(id(registry))
    if found is None or found.registry is not registry:
        found = _DUTY_TEXTS[id(registry)] = DutyText(registry)
    return found


def child_ids(request: Request, state: ApiState, case_ids: list[str]) -> dict[str, str]:
    """The child id of each case (kept: a case's child never changes)."""
    kept: dict[str, str] = request.app.state.web.child_ids
    missing = [c for c in case_ids if c not in kept]
    if missing:
        with state.services.db.unit_of_work() as uow:
            kept.update(uow.cases.child_ids(missing))
    return kept


@functools.lru_cache(maxsize=4096)
def day_text(day: date | None) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}" if day is not None else ""


def variant_of(summary: CaseSummary) -> str | None:
    if summary.leadership_offender:
        return "leadership"
    if summary.staff_offender:
        return "staff"
    return "serious" if summary.serious else None


def led_units(user: WebUser, org: OrgSnapshot) -> list[str]:
    units: set[str] = set()
    for scope in user.access.scopes("principal", "case_handler"):
        units.update(org.view.led_units(scope))
    return sorted((u for u in units if u in org.view.units), key=lambda u: (org.view.units[u].name.casefold(), u))


def _query(units: list[str], status: str, step: str | None, today: date) -> CaseQuery:
    closed: bool | None = False
    if status in ("avsluttet",):
        closed = True
    elif status == "alle":
        closed = None
    return CaseQuery(
        unit_ids=units, closed=closed, states=[step] if step else None,
        serious=True if status == "alvorlig" else None,
        staff_or_leadership=True if status == "ansatt" else None,
        deadline_before=today if status == "forfalt" else today + timedelta(days=SOON_DAYS + 1)
        if status == "snart" else None,
    )


def _full(state: ApiState, user: WebUser, query: CaseQuery) -> list[CaseSummary]:
    """The cases of the query this user may lead (the overview is the leadership's)."""
    return [s for s, level in visible_cases(state, user.access, query) if level == Level.FULL]


def badge(text: str, kind: str) -> str:
    return f'<span class="badge badge-{kind}">{escape(text)}</span>'


def rows_html(rows: Sequence[tuple[Row, bool | None]], lang: str, *, many_units: bool, with_step: bool) -> list[str]:
    """The ``<tr>`` of each row of a case table. Built here rather than in the template because the
    tables are long (500 rows must render in a few milliseconds; a Jinja loop with autoescape takes
    ten times as long). Every value from a case or the roster goes through ``escape``; the rest is
    our own words, escaped once."""
    def word(key: str, **fields: str) -> str:
        return str(escape(i18n.t(key, lang, **fields)))

    l_child, l_unit, l_reported = word("ov_col_child"), word("ov_col_unit"), word("ov_col_reported")
    l_step, l_due, l_flags = word("ov_col_step"), word("ov_col_due"), word("ov_col_flags")
    b_overdue, b_soon = badge(i18n.t("ov_overdue", lang), "danger"), badge(i18n.t("ov_due_soon", lang), "warn")
    b_serious, b_staff = badge(i18n.t("ov_serious", lang), "danger"), badge(i18n.t("ov_staff", lang), "danger")
    b_opened, b_unopened = badge(i18n.t("ov_opened", lang), "neutral"), badge(i18n.t("ov_unopened", lang), "info")
    w_none = word("ov_no_deadline")
    kept: dict[str, str] = {}

    def esc(value: str) -> str:
        # Names, steps, duties and dates repeat from row to row: each is escaped once.
        found = kept.get(value)
        if found is None:
            found = kept[value] = str(escape(value))
        return found

    out: list[str] = []
    for row, opened in rows:
        case_id = escape(row.case_id)
        if row.due_state == "closed":
            due = badge(i18n.t("ov_closed", lang, d=row.closed), "ok")
        elif row.due_state == "none":
            due = f'<span class="muted">{w_none}</span>'
        else:
            mark = {"overdue": " " + b_overdue, "soon": " " + b_soon}.get(row.due_state, "")
            ref = f' <span class="muted">({esc(row.due_ref)})</span>' if row.due_ref else ""
            strong = '<strong class="overdue">' if row.due_state == "overdue" else "<strong>"
            due = f"{strong}{esc(row.due)}</strong>{mark}<br>{esc(row.due_what)}{ref}"
        flags = (b_opened if opened else b_unopened) + " " if opened is not None else ""
        flags += (b_serious + " " if row.serious else "") + (b_staff if row.suspected else "")
        out.append(
            f'<tr><th scope="row"><a href="/saker/{case_id}">{case_id}</a></th>'
            f'<td data-label="{l_child}">{esc(row.child)}</td>'
            + (f'<td data-label="{l_unit}">{esc(row.unit)}</td>' if many_units else "")
            + f'<td data-label="{l_reported}">{esc(row.reported)}</td>'
            + (f'<td data-label="{l_step}">{esc(row.step)}</td>' if with_step else "")
            + f'<td data-label="{l_due}">{due}</td><td data-label="{l_flags}">{flags}</td></tr>\n'
        )
    return out


@router.get("/oversikt")
def overview(request: Request, state: StateDep, lang: LangDep,
             user: WebUser = require_role("principal", "case_handler")) -> Response:
    """The overview; unit, status and step may come in the address (the page's own links use
    them), the text search never does (see :func:`overview_search`)."""
    return overview_page(request, state, lang, user, {k: v for k, v in request.query_params.items() if k != "tekst"})


@router.post("/oversikt")
def overview_search(request: Request, form: FormDep, state: StateDep, lang: LangDep,
                    user: WebUser = require_role("principal", "case_handler")) -> Response:
    """The filter form is posted: a child's name searched for must not end up in URLs, browser
    history or access logs."""
    return overview_page(request, state, lang, user, {k: v for k, v in form.items() if isinstance(v, str)})


def overview_page(request: Request, state: ApiState, lang: str, user: WebUser, params: Mapping[str, str]) -> Response:
    org = state.org.fresh() or state.org.get()
    today = state.today()
    units = led_units(user, org)
    unit = params.get("enhet", "")
    unit = unit if unit in units else ""
    status = params.get("status", "apne")
    status = status if status in STATUSES else "apne"
    step = params.get("steg", "")
    step = step if step in STEPS else ""
    text = params.get("tekst", "").strip()[:MAX_TEXT]
    scope = [unit] if unit else units

    open_cases = _full(state, user, CaseQuery(unit_ids=scope, closed=False)) if scope else []
    if status == "nye":
        chosen = [s for s in open_cases if (s.state or "ny") in NEW_STEPS and (not step or s.state == step)]
    elif status == "apne" and not step:
        chosen = open_cases
    else:
        chosen = _full(state, user, _query(scope, status, step or None, today)) if scope else []
    children = child_ids(request, state, [s.case_id for s in chosen] + [s.case_id for s in open_cases])
    names = org.children
    unit_names = {u: org.view.units[u].name for u in units}

    def child_of(summary: CaseSummary) -> str:
        child = children.get(summary.case_id, "")
        return names.get(child, child)

    if text:
        wanted = text.casefold()
        chosen = [s for s in chosen if wanted in s.case_id.casefold() or wanted in child_of(s).casefold()]

    registry = state.registry
    duties = duty_text(registry)
    soon = today + timedelta(days=SOON_DAYS)

    def row(summary: CaseSummary) -> Row:
        due_what, due_ref = ("", "")
        if summary.next_deadline_duty and summary.closed_date is None:
            due_what, due_ref = duties(summary.workflow_id, summary.next_deadline_duty, variant_of(summary), lang)
        due = summary.next_deadline if summary.closed_date is None else None
        if summary.closed_date is not None:
            due_state = "closed"
        elif due is None:
            due_state = "none"
        else:
            due_state = "overdue" if due < today else "soon" if due <= soon else "later"
        return Row(
            case_id=summary.case_id, child=child_of(summary), unit=unit_names.get(summary.unit_id, summary.unit_id),
            reported=day_text(summary.opened_date),
            step=state_label(registry, summary.workflow_id, summary.state, lang) or (summary.state or ""),
            due=day_text(due), due_what=due_what, due_ref=due_ref, due_state=due_state,
            closed=day_text(summary.closed_date), serious=summary.serious,
            suspected=summary.staff_offender or summary.leadership_offender,
        )

    # Overdue first, then by deadline; cases without an open deadline last, newest first.
    chosen = sorted(chosen, key=lambda s: (s.next_deadline is None or s.closed_date is not None,
                                           s.next_deadline or date.max, s.case_id))
    many_units = len(units) > 1
    kept: dict[tuple[object, ...], str] = request.app.state.web.row_html

    def table(items: list[tuple[CaseSummary, bool | None]], with_step: bool) -> Markup:
        """The rows' HTML. A row is kept until its case changes (its last seq), the day changes, or
        the child's or the unit's name does: a principal looking again at the same list costs a
        dictionary look-up per row."""
        keys = [(s.case_id, s.last_seq, today, lang, many_units, with_step, opened, child_of(s),
                 unit_names.get(s.unit_id)) for s, opened in items]
        html = [kept.get(k) for k in keys]
        missing = [i for i, h in enumerate(html) if h is None]
        if missing:
            built = rows_html([(row(items[i][0]), items[i][1]) for i in missing], lang,
                              many_units=many_units, with_step=with_step)
            if len(kept) + len(built) > MAX_KEPT_ROWS:
                kept.clear()
            for i, h in zip(missing, built, strict=True):
                html[i] = kept[keys[i]] = h
        return Markup("".join(h or "" for h in html))  # noqa: S704 - rows_html escapes every value


    # New reports, the ones you have not opened first.
    new = [s for s in open_cases if (s.state or "ny") in NEW_STEPS]
    shown_new = sorted(new, key=lambda s: (s.opened_date or date.min, s.case_id))[: MAX_NEW * 5]
    opened: set[str] = set()
    if shown_new:
        reads = state.reads.find(ReadQuery(case_ids=[s.case_id for s in shown_new], limit=5000))
        opened = {r.case_id for r in reads if r.account_id == user.account_id and r.what == "case"}
    shown_new.sort(key=lambda s: (s.case_id in opened, s.opened_date or date.min, s.case_id))
    new_items: list[tuple[CaseSummary, bool | None]] = [(s, s.case_id in opened) for s in shown_new[:MAX_NEW]]

    # Open cases by step, in the loop's order.
    counts = Counter(s.state or "ny" for s in open_cases)
    any_workflow = {s.state: s.workflow_id for s in open_cases}
    by_step = [(s, state_label(registry, any_workflow.get(s), s, lang) or s, counts[s])
               for s in (*STEPS, *sorted(set(counts) - set(STEPS))) if counts.get(s)]
    overdue_n = sum(is_overdue(s, today) for s in open_cases)
    soon_n = sum(1 for s in open_cases if s.next_deadline is not None and today <= s.next_deadline <= soon)

    step_options = [(s, state_label(registry, any_workflow.get(s) or _any_workflow(registry), s, lang) or s)
                    for s in STEPS]
    shown = chosen[:MAX_ROWS]
    return render(request, "overview.html", {
        "rows_html": table([(s, None) for s in shown], True),
        "row_count": len(shown), "total": len(chosen), "max_rows": MAX_ROWS,
        "new_html": table(new_items, False),
        "new_count": len(new_items), "new_total": len(new),
        "by_step": by_step, "open_total": len(open_cases), "overdue_n": overdue_n, "soon_n": soon_n,
        "soon_days": SOON_DAYS, "many_units": many_units,
        "filters": {"enhet": unit, "status": status, "steg": step, "tekst": text},
        "unit_options": [(u, unit_names[u]) for u in units],
        "status_options": [(s, i18n.t("ov_status_" + s, lang)) for s in STATUSES],
        "step_options": step_options,
        "today": today,
    })


def _any_workflow(registry: WorkflowRegistry) -> str | None:
    for spec_id in ("skole-oppl2023", "barnehage-bhl2021"):
        if spec_id in registry:
            return spec_id
    return None
