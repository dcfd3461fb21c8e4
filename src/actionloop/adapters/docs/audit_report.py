"""The audit report for a unit or an owner over a period: findings per duty in a table and a bar
chart, the breaches with case numbers, paragraphs and dates, and the cases it covers.

The report names cases by number only, never children: it is made for the owner's internal
control and for inspectors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from docx.document import Document as DocxDocument

from actionloop.adapters.docs.chart import hex_color, stacked_bars
from actionloop.adapters.docs.common import NO_DATE, message, page_words
from actionloop.adapters.docs.fragments import fragment
from actionloop.adapters.docs.render import render, to_bytes
from actionloop.core.model import CaseFile
from actionloop.docview import (
    LABELS,
    LANGUAGE_TAGS,
    STATUSES,
    Block,
    DocumentError,
    DocumentView,
    FindingLike,
    Para,
    Picture,
    Properties,
    Run,
    Table,
    cell,
    duty_label,
    duty_order,
    fmt_date,
    fmt_date_long,
    form_table,
    heading,
    lang_of,
    para,
    period_text,
    ref_text,
    regime_on,
    status_label,
    t,
)
from actionloop.workflow.spec import DUTIES

#: Colours per status, shared by the chart and the summary table's header.
STATUS_COLORS = {
    "fulfilled": "70AD47",
    "breached": "E0524F",
    "warning": "F4B942",
    "not_applicable": "A6A6A6",
    "not_assessable": "D9D9D9",
}


@dataclass(frozen=True, slots=True)
class ReportScope:
    """Which cases a report covers: one unit (by id) or one owner (by name), over a period.

    A case is in the period when its events overlap it (its first event on or before ``end``, and
    its last on or after ``start``).
    """

    unit: str | None = None
    owner: str | None = None
    start: date | None = None
    end: date | None = None

    def includes(self, case: CaseFile) -> bool:
        unit = case.case.unit
        if self.unit is not None and unit.id != self.unit:
            return False
        if self.owner is not None and (unit.owner or "").strip().casefold() != self.owner.strip().casefold():
            return False
        if case.events:
            first, last = case.events[0].day, case.events[-1].day
            if self.end is not None and first > self.end:
                return False
            if self.start is not None and last < self.start:
                return False
        elif self.start is not None or self.end is not None:
            return False
        return True

    def describe(self, lang: str = "nb") -> str:
        parts = []
        if self.unit:
            parts.append(f"{t(LABELS, 'col.unit', lang).lower()} {self.unit}")
        if self.owner:
            parts.append(self.owner)
        parts.append(period_text(self.start, self.end, lang))
        return ", ".join(parts)


def select_cases(cases: Iterable[CaseFile], scope: ReportScope) -> list[CaseFile]:
    return [c for c in cases if scope.includes(c)]


def report_language(cases: Sequence[CaseFile]) -> str:
    """The cases' language when they all share one, else bokmål."""
    langs = {c.case.lang for c in cases}
    return lang_of(langs.pop()) if len(langs) == 1 else "nb"


def _dates(case: CaseFile, indexes: Sequence[int], lang: str) -> str:
    days = sorted({case.events[i].day for i in indexes if 0 <= i < len(case.events)})
    if not days:
        return t(LABELS, "none", lang)
    if days[0] == days[-1]:
        return fmt_date(days[0], lang)
    sep = " – " if lang == "en" else "–"
    return f"{fmt_date(days[0], lang)}{sep}{fmt_date(days[-1], lang)}"


def count_statuses(items: Sequence[tuple[CaseFile, Sequence[FindingLike]]]) -> dict[str, dict[str, int]]:
    """``duty -> status -> count`` over all findings (every duty and status present)."""
    counts = {duty: dict.fromkeys(STATUSES, 0) for duty in DUTIES}
    for _, findings in items:
        for f in findings:
            if f.duty in counts and f.status in counts[f.duty]:
                counts[f.duty][f.status] += 1
    return counts


def audit_report_view(
    items: Sequence[tuple[CaseFile, Sequence[FindingLike]]], *, scope: ReportScope, as_of: date,
    lang: str | None = None,
) -> DocumentView:
    """The audit report as a document view. ``items``: each case with its findings."""
    chosen = sorted(
        ((c, fs) for c, fs in items if scope.includes(c)),
        key=lambda item: (item[0].events[0].at if item[0].events else NO_DATE, item[0].id),
    )
    if not chosen:
        raise DocumentError(message("no_cases", scope=scope.describe()))
    cases = [c for c, _ in chosen]
    lang = lang_of(lang or report_language(cases))
    kg = all(c.case.setting == "kindergarten" for c in cases)
    title = t(LABELS, "doc.audit", lang)

    units = sorted({c.case.unit.name for c in cases})
    owners = sorted({c.case.unit.owner for c in cases if c.case.unit.owner})
    blocks: list[Block] = [
        Para((Run(title),), "title"),
        Para((Run(t(LABELS, "doc.audit.sub", lang)),), "subtitle"),
    ]
    facts = [(t(LABELS, "meta.units", lang), ", ".join(units))]
    if owners:
        facts.append((t(LABELS, "meta.owners", lang), ", ".join(owners)))
    period = period_text(scope.start, scope.end, lang)
    facts += [
        (t(LABELS, "meta.period", lang), period),
        (t(LABELS, "meta.as_of", lang), fmt_date_long(as_of, lang)),
        (t(LABELS, "meta.cases", lang), str(len(cases))),
    ]
    blocks.append(form_table(facts))
    blocks.append(para(fragment(lang, "audit_intro", count=len(cases), period=period, as_of=fmt_date_long(as_of, lang))))

    # Summary per duty, and the same as a chart.
    counts = count_statuses(chosen)
    blocks.append(heading(t(LABELS, "h.summary", lang)))
    head = [cell(t(LABELS, "col.no", lang), head=True), cell(t(LABELS, "col.duty", lang), head=True)]
    head += [cell(status_label(s, lang), head=True, fill=STATUS_COLORS[s]) for s in STATUSES]
    rows = [tuple(head)]
    for number, duty in enumerate(DUTIES, start=1):
        row = [cell(str(number)), cell(duty_label(duty, lang, kg))]
        row += [cell(str(counts[duty][s])) for s in STATUSES]
        rows.append(tuple(row))
    totals = [cell(""), cell(Run(t(LABELS, "col.total", lang), bold=True))]
    totals += [cell(Run(str(sum(counts[d][s] for d in DUTIES)), bold=True)) for s in STATUSES]
    rows.append(tuple(totals))
    blocks.append(Table(tuple(rows), (0.06, 0.34, 0.12, 0.12, 0.12, 0.12, 0.12), header_rows=1))

    png = stacked_bars(
        [[counts[d][s] for s in STATUSES] for d in DUTIES],
        [hex_color(STATUS_COLORS[s]) for s in STATUSES],
    )
    blocks.append(Picture(png, 14.0, fragment(lang, "audit_chart_alt", count=len(cases))))
    blocks.append(para(fragment(lang, "audit_chart_caption"), style="caption"))

    # The breaches.
    blocks.append(heading(t(LABELS, "h.breaches", lang)))
    breaches = [
        (c, f) for c, fs in chosen for f in sorted(fs, key=lambda f: duty_order(f.duty)) if f.status == "breached"
    ]
    if breaches:
        breach_rows = [(
            cell(t(LABELS, "col.case", lang), head=True), cell(t(LABELS, "col.unit", lang), head=True),
            cell(t(LABELS, "col.duty", lang), head=True), cell(t(LABELS, "col.ref", lang), head=True),
            cell(t(LABELS, "col.dates", lang), head=True), cell(t(LABELS, "col.message", lang), head=True),
        )]
        for c, f in breaches:
            breach_rows.append((
                cell(c.id), cell(c.case.unit.name),
                cell(duty_label(f.duty, lang, c.case.setting == "kindergarten")),
                cell(ref_text(f.legal_ref)), cell(_dates(c, f.events, lang)), cell(f.message or ""),
            ))
        blocks.append(Table(tuple(breach_rows), (0.19, 0.12, 0.14, 0.16, 0.15, 0.24), header_rows=1))
    else:
        blocks.append(para(fragment(lang, "audit_no_breaches")))

    # The cases.
    blocks.append(heading(t(LABELS, "h.cases", lang)))
    case_rows = [(
        cell(t(LABELS, "col.case", lang), head=True), cell(t(LABELS, "col.unit", lang), head=True),
        cell(t(LABELS, "col.first", lang), head=True), cell(t(LABELS, "col.last", lang), head=True),
        cell(t(LABELS, "col.law", lang), head=True),
    )]
    for c in cases:
        first = fmt_date(c.events[0].day, lang) if c.events else t(LABELS, "none", lang)
        last = fmt_date(c.events[-1].day, lang) if c.events else t(LABELS, "none", lang)
        laws = sorted({regime_on(c.case.setting, e.day).chapter for e in c.events})
        case_rows.append((cell(c.id), cell(c.case.unit.name), cell(first), cell(last), cell("; ".join(laws))))
    blocks.append(Table(tuple(case_rows), (0.2, 0.2, 0.15, 0.15, 0.3), header_rows=1))

    latest = max((c.events[-1].at for c in cases if c.events), default=NO_DATE)
    author = units[0] if len(units) == 1 else ", ".join(owners)
    scope_name = units[0] if len(units) == 1 else (owners[0] if len(owners) == 1 else ", ".join(units))
    props = Properties(
        title=f"{title} – {scope_name} – {period}",
        subject=t(LABELS, "doc.audit.sub", lang),
        author=author,
        created=latest,
        modified=latest,
        language=LANGUAGE_TAGS[lang],
        keywords=f"{title}; {scope_name}",
        category=title,
        comments=scope.describe(lang),
        identifier="",
        version=as_of.isoformat(),
    )
    return DocumentView(
        blocks=tuple(blocks), properties=props,
        header=f"{scope_name} · {title} · {period}",
        footer="", page_words=page_words(lang), lang=lang,
    )


def build_audit_report(
    items: Sequence[tuple[CaseFile, Sequence[FindingLike]]], *, scope: ReportScope, as_of: date,
    lang: str | None = None, letterhead: bytes | None = None,
) -> DocxDocument:
    return render(audit_report_view(items, scope=scope, as_of=as_of, lang=lang), letterhead)


def audit_report_docx(
    items: Sequence[tuple[CaseFile, Sequence[FindingLike]]], *, scope: ReportScope, as_of: date,
    lang: str | None = None, letterhead: bytes | None = None,
) -> bytes:
    """The audit report as .docx bytes."""
    return to_bytes(build_audit_report(items, scope=scope, as_of=as_of, lang=lang, letterhead=letterhead))
