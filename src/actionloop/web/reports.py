"""What the owner's overview and the audit pages compute: the cases of a scope (a unit, or all the
units of an owner) over a period, their audit findings counted per duty and status, and an inline
SVG bar chart of those counts (drawn on the server; the same numbers are in a table beside it).

The rules come from :mod:`actionloop.app.access` and the audit from the engine; nothing here
decides who may see what beyond asking those.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup, escape

from actionloop.api.state import ApiState
from actionloop.app.access import Access, Level
from actionloop.app.ports import CaseQuery, CaseSummary
from actionloop.core.audit import BREACHED, FULFILLED, WARNING, Finding
from actionloop.core.model import CaseFile
from actionloop.docview import STATUS_LABELS, duty_label, status_label
from actionloop.web import i18n
from actionloop.workflow.spec import DUTIES

#: The statuses counted and drawn (the others — not applicable, not assessable — are in the table).
CHART_STATUSES = (FULFILLED, WARNING, BREACHED)
ALL_STATUSES = (FULFILLED, WARNING, BREACHED, "not_assessable", "not_applicable")
#: Fill colours of the chart (each has at least 3:1 contrast with the white page, and every bar
#: carries its number and a title, so colour is never the only cue).
COLOURS = {FULFILLED: "#2e7d32", WARNING: "#8a5a00", BREACHED: "#b3261e"}

i18n.add({f"funn.status_{key}": dict(texts) for key, texts in STATUS_LABELS.items()})
i18n.add({
    "funn.short_fulfilled": {"nb": "Oppfylt", "nn": "Oppfylt", "en": "Fulfilled"},
    "funn.short_warning": {"nb": "Advarsel", "nn": "Åtvaring", "en": "Warning"},
    "funn.short_breached": {"nb": "Brudd", "nn": "Brot", "en": "Breached"},
    "funn.short_not_assessable": {"nb": "Uavklart", "nn": "Uavklart", "en": "Open"},
    "funn.short_note": {
        "nb": "Advarsel: en lokal frist er passert, men ikke lovens. Uavklart: plikten kan ikke vurderes ennå "
              "(fristen er ikke ute, eller noe mangler). Saker der plikten ikke er aktuell, telles ikke.",
        "nn": "Åtvaring: ein lokal frist er passert, men ikkje lova sin. Uavklart: plikta kan ikkje vurderast enno "
              "(fristen er ikkje ute, eller noko manglar). Saker der plikta ikkje er aktuell, blir ikkje talde.",
        "en": "Warning: a local deadline has passed, but not the law's. Open: the duty cannot be assessed yet "
              "(the deadline has not passed, or something is missing). Cases where the duty does not apply are "
              "not counted.",
    },
    "funn.chart_title": {"nb": "Diagram: funn per plikt", "nn": "Diagram: funn per plikt",
                    "en": "Chart: findings per duty"},
    "funn.chart_desc": {
        "nb": "Liggende stolper per plikt: oppfylt, advarsel og brudd. De samme tallene står i tabellen under.",
        "nn": "Liggjande stolpar per plikt: oppfylt, åtvaring og brot. Dei same tala står i tabellen under.",
        "en": "Horizontal bars per duty: fulfilled, warning and breached. The same figures are in the table below.",
    },
    "funn.findings_caption": {"nb": "Funn per plikt (antall saker)", "nn": "Funn per plikt (tal på saker)",
                         "en": "Findings per duty (number of cases)"},
    "funn.col_duty": {"nb": "Plikt", "nn": "Plikt", "en": "Duty"},
})


@dataclass(frozen=True, slots=True)
class Scope:
    """A unit, or every unit of an owner, as chosen on the audit page."""

    kind: str  # "unit" or "owner"
    id: str
    name: str
    units: tuple[str, ...]

    @property
    def value(self) -> str:
        """How the scope is written in the form and the URL (``owner:<id>`` for a whole owner)."""
        return f"owner:{self.id}" if self.kind == "owner" else self.id


def scopes_for(state: ApiState, access: Access) -> list[Scope]:
    """The scopes the account may audit: for each owner it covers, the owner as a whole and then
    each of its units; else the units it may see figures for."""
    view = state.org.get().view
    allowed = access.figure_units()
    units = sorted(view.units) if allowed is None else [u for u in allowed if u in view.units]
    out: list[Scope] = []
    owners = sorted(view.owners) if allowed is None else sorted(
        o for o in view.owners if view.units_of_owner(o) and set(view.units_of_owner(o)) <= set(units)
    )
    done: set[str] = set()
    for owner_id in owners:
        owned = sorted(view.units_of_owner(owner_id))
        out.append(Scope("owner", owner_id, view.owners[owner_id].name, tuple(owned)))
        for u in owned:
            out.append(Scope("unit", u, view.units[u].name, (u,)))
            done.add(u)
    for u in units:
        if u not in done:
            out.append(Scope("unit", u, view.units[u].name, (u,)))
    return out


def in_period(summary: CaseSummary, start: date | None, end: date | None) -> bool:
    """Whether anything in the case happened within the period (both ends included): its first
    event's day is not after the end, and its last event's day not before the start."""
    first, last = summary.opened_date, summary.last_event_date
    if first is None or last is None:
        return start is None and end is None
    return not ((end is not None and first > end) or (start is not None and last < start))


def scope_cases(
    state: ApiState, access: Access, units: Sequence[str], start: date | None = None, end: date | None = None,
) -> Iterator[tuple[CaseSummary, Level]]:
    """Every case of ``units`` within the period, with how far the account may go with it."""
    summaries = [s for s in state.list_cases(CaseQuery(unit_ids=list(units))) if in_period(s, start, end)]
    for summary in sorted(summaries, key=lambda s: s.case_id):
        yield summary, access.case_level(summary, state.performers)


class FindingsCache:
    """The audit's findings per version of a case (its last seq) and day, kept in memory: a case is
    judged again only when it has changed or the day has. One per app (its :class:`ApiState`)."""

    def __init__(self, size: int = 50_000) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: dict[tuple[int, str, int, date], tuple[weakref.ref[ApiState], tuple[Finding, ...]]] = {}

    def get(self, state: ApiState, summary: CaseSummary, as_of: date) -> tuple[Finding, ...] | None:
        with self._lock:
            found = self._entries.get((id(state), summary.case_id, summary.last_seq, as_of))
        if found is None or found[0]() is not state:
            return None
        return found[1]

    def put(self, state: ApiState, summary: CaseSummary, as_of: date, findings: tuple[Finding, ...]) -> None:
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries.clear()
            self._entries[(id(state), summary.case_id, summary.last_seq, as_of)] = (weakref.ref(state), findings)


FINDINGS = FindingsCache()


def case_findings(state: ApiState, summary: CaseSummary, as_of: date) -> tuple[CaseFile | None, tuple[Finding, ...]]:
    """The findings of a case as of a day (and the case file, if it had to be read for them)."""
    found = FINDINGS.get(state, summary, as_of)
    if found is not None:
        return None, found
    case = state.services.cases.export_case(summary.case_id)
    findings = tuple(state.auditor.audit(case, as_of).findings)
    if len(case.events) == summary.last_seq:  # the case read is the version the summary describes
        FINDINGS.put(state, summary, as_of, findings)
    return case, findings


@dataclass
class CaseFindings:
    case_id: str
    unit_id: str
    summary: CaseSummary
    findings: list[Finding]

    def worst(self) -> str:
        statuses = {f.status for f in self.findings}
        for status in (BREACHED, WARNING, FULFILLED):
            if status in statuses:
                return status
        return "not_applicable"


@dataclass
class AuditResult:
    """Counts over every case in scope; the findings of each case only for cases the account may read."""

    as_of: date
    cases_total: int = 0
    #: duty -> status -> count (every duty and status present, zeros included).
    totals: dict[str, dict[str, int]] = field(default_factory=lambda: {
        d: dict.fromkeys(ALL_STATUSES, 0) for d in DUTIES})
    #: unit -> status -> count.
    per_unit: dict[str, dict[str, int]] = field(default_factory=dict)
    cases: list[CaseFindings] = field(default_factory=list)
    #: The cases and findings for the Word report (the readable ones).
    items: list[tuple[CaseFile, list[Finding]]] = field(default_factory=list)


def audit(
    state: ApiState, access: Access, units: Sequence[str], start: date | None, end: date | None, as_of: date,
    *, lang: str, record: str | None = None, with_files: bool = False,
) -> AuditResult:
    """Judge every case of ``units`` in the period as of ``as_of``. ``record``: the read-log kind
    to record for each case whose findings are kept (None records nothing: counts only).
    ``with_files``: also keep the case files of those cases (for the Word report)."""
    result = AuditResult(as_of=as_of)
    for unit in units:
        result.per_unit[unit] = dict.fromkeys(ALL_STATUSES, 0)
    for summary, level in scope_cases(state, access, units, start, end):
        result.cases_total += 1
        case, found = case_findings(state, summary, as_of)
        findings = list(found)
        for f in findings:
            per = result.totals.setdefault(f.duty, dict.fromkeys(ALL_STATUSES, 0))
            per[f.status] = per.get(f.status, 0) + 1
            unit_counts = result.per_unit.setdefault(summary.unit_id, dict.fromkeys(ALL_STATUSES, 0))
            unit_counts[f.status] = unit_counts.get(f.status, 0) + 1
        if record is not None and level != Level.NONE:
            state.reads.record(summary.case_id, access.identity.account_id, record)
            result.cases.append(CaseFindings(summary.case_id, summary.unit_id, summary, findings))
            if with_files:
                if case is None or len(case.events) != summary.last_seq:
                    case = state.services.cases.export_case(summary.case_id)
                    findings = list(state.auditor.audit(case, as_of).findings)
                result.items.append((case, findings))
    return result


# --- the chart ----------------------------------------------------------------------------------------

_WIDTH = 320
_LABEL_H = 18
_BAR_H = 18
_GAP = 12


def bar_chart(totals: dict[str, dict[str, int]], lang: str, *, title: str, desc: str, kg: bool = False) -> Markup:
    """A horizontal stacked bar per duty (fulfilled, warning, breached), its label above it and its
    numbers on it, as inline SVG. Every size is in the viewBox, so it scales to the width it gets;
    no style attributes (the pages' CSP allows stylesheets only)."""
    duties = [d for d in DUTIES if d in totals]
    most = max([sum(totals[d].get(s, 0) for s in CHART_STATUSES) for d in duties] + [1])
    row = _LABEL_H + _BAR_H + _GAP
    legend_h = 26
    height = legend_h + row * len(duties) + 4
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title chart-desc" focusable="false">',
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(desc)}</desc>',
    ]
    x = 0
    for status in CHART_STATUSES:
        label = escape(status_label(status, lang).split(" (")[0])
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[status]}"/>'
                     f'<text x="{x + 16}" y="14" font-size="12" fill="#1a1a1a">{label}</text>')
        x += 16 + int(7 * len(str(label))) + 14
    y = legend_h
    for duty in duties:
        counts = totals[duty]
        name = duty_label(duty, lang, kg)
        parts.append(f'<text x="0" y="{y + 13}" font-size="12.5" fill="#1a1a1a">{escape(name)}</text>')
        bx = 0.0
        total = sum(counts.get(s, 0) for s in CHART_STATUSES)
        bar_y = y + _LABEL_H
        if total == 0:
            parts.append(f'<rect x="0" y="{bar_y}" width="{_WIDTH}" height="{_BAR_H}" fill="#f2f2f2"/>'
                         f'<text x="4" y="{bar_y + 13}" font-size="12" fill="#1a1a1a">0</text>')
        for status in CHART_STATUSES:
            n = counts.get(status, 0)
            if n == 0:
                continue
            w = (_WIDTH - 2) * n / most
            tip = escape(f"{name}: {n} {status_label(status, lang).lower()}")
            parts.append(f'<rect x="{bx:.1f}" y="{bar_y}" width="{w:.1f}" height="{_BAR_H}" '
                         f'fill="{COLOURS[status]}"><title>{tip}</title></rect>')
            if w >= 14:
                parts.append(f'<text x="{bx + w / 2:.1f}" y="{bar_y + 13}" font-size="12" fill="#ffffff" '
                             f'text-anchor="middle">{n}</text>')
            bx += w
        y += row
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text put in above was escaped
