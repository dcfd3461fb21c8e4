"""The case log (saksgang): every event of a case in order, each duty with its deadline and the
audit's judgement, and a checksum of the events so that a reader can check the print against the
system (opplæringslova § 12-4 fjerde ledd: the school documents what it does).

The findings come from the audit engine (``actionloop.core.audit``); the builder takes them as an
argument, so that it does not depend on how they were made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from docx.document import Document as DocxDocument

from actionloop.adapters.docs.common import (
    NO_DATE,
    case_facts,
    family_label,
    family_notice,
    finish,
    header_text,
    page_words,
)
from actionloop.adapters.docs.fragments import fragment
from actionloop.adapters.docs.render import render, to_bytes
from actionloop.core.integrity import events_digest
from actionloop.core.model import CaseFile, Event
from actionloop.docview import (
    EVENT_LABELS,
    FIELD_LABELS,
    LABELS,
    LANGUAGE_TAGS,
    Block,
    DocumentView,
    FindingLike,
    Para,
    Properties,
    Run,
    Table,
    cell,
    deadline_text,
    duty_label,
    duty_order,
    fmt_date,
    fmt_date_long,
    fmt_dates,
    fmt_event_time,
    form_table,
    heading,
    kindergarten,
    lang_of,
    measure_of,
    para,
    person_text,
    ref_text,
    regime_on,
    status_label,
    t,
    value_label,
)
from actionloop.workflow.spec import WorkflowSpec


class WorkflowLookup(Protocol):
    """The one thing the log needs of the workflow registry."""

    def for_event(self, setting: str, day: date) -> WorkflowSpec | None: ...


def _field(name: str, value: object, lang: str, kg: bool) -> str:
    return f"{t(FIELD_LABELS, name, lang, kg)}: {value_label(name, value, lang, kg)}"


def event_details(case: CaseFile, event: Event, lang: str) -> list[str]:
    """The key fields of an event in words («Kjelde: eleven sa frå», «Til: Per Hansen (rektor)» …)."""
    kg = kindergarten(case.case.setting)
    out: list[str] = []
    kind = event.type
    if kind == "concern":
        for name in ("source", "offender", "serious"):
            if event.get(name) is not None:
                out.append(_field(name, event.get(name), lang, kg))
    elif kind in ("report_to_principal", "report_to_owner"):
        if event.get("to") is not None:
            out.append(f"{t(FIELD_LABELS, 'to', lang)}: {person_text(case, event.get('to'), lang)}")
    elif kind == "serious":
        if event.get("serious") is not None:
            out.append(_field("serious", event.get("serious"), lang, kg))
    elif kind in ("child_heard", "closed"):
        if event.get("child_view") is not None:
            out.append(_field("child_view", event.get("child_view"), lang, kg))
    elif kind == "heard":
        if event.get("whom") is not None:
            out.append(_field("whom", event.get("whom"), lang, kg))
    elif kind == "investigation_concluded":
        if event.get("conclusion") is not None:
            out.append(_field("conclusion", event.get("conclusion"), lang, kg))
    elif kind == "plan":
        plan = event.plan
        version = plan.version if plan.version is not None else sum(
            1 for e in case.events[: event.index + 1] if e.type == "plan"
        )
        dates = fmt_dates(plan.evaluations, lang) or t(LABELS, "none", lang)
        out.append(t(FIELD_LABELS, "plan", lang, version=version, count=len(plan.measures), dates=dates))
    elif kind == "measure_done":
        ref = event.get("measure")
        measure = measure_of(case, str(ref), event.index)
        text = f"{ref}: {measure.text}" if measure is not None else str(ref)
        out.append(f"{t(FIELD_LABELS, 'measure', lang)} {text}")
    elif kind == "evaluation":
        for name in ("child_view", "outcome"):
            if event.get(name) is not None:
                out.append(_field(name, event.get(name), lang, kg))
    elif kind == "sf_decision":
        if event.get("outcome") is not None:
            out.append(_field("outcome", event.get("outcome"), lang, kg))
        for order in event.get("orders") or ():
            line = f"{t(FIELD_LABELS, 'orders', lang)} {order.id}: {order.text}"
            if order.deadline is not None:
                line += f" ({t(FIELD_LABELS, 'deadline', lang)} {fmt_date(order.deadline, lang)})"
            out.append(line)
    elif kind == "sf_order_done":
        ref = event.get("order")
        text = str(ref)
        for e in case.events[: event.index]:
            if e.type == "sf_decision":
                for order in e.get("orders") or ():
                    if order.id == ref:
                        text = f"{ref}: {order.text}"
        out.append(f"{t(FIELD_LABELS, 'order', lang)} {text}")
    elif kind == "coercive_fine":
        amount = event.get("amount")
        if amount is not None:
            value = t(FIELD_LABELS, "amount:value", lang, amount=f"{int(amount):,}".replace(",", "\u00a0"))
            per = event.get("per")
            if per is not None:
                value += " " + value_label("per", per, lang)
            start = event.get("from")
            if isinstance(start, date):
                value += f" {t(FIELD_LABELS, 'from', lang)} {fmt_date(start, lang)}"
            out.append(f"{t(FIELD_LABELS, 'amount', lang)}: {value}")
    return out


def _event_cell_parts(case: CaseFile, event: Event, lang: str) -> list[Para]:
    kg = kindergarten(case.case.setting)
    label = t(EVENT_LABELS, event.type, lang, kg) if event.type in EVENT_LABELS else event.type
    parts = [Para((Run(label, bold=True),), "cell")]
    if event.text:
        parts.append(Para((Run(event.text),), "cell"))
    if event.type == "investigation_concluded" and event.get("problem"):
        parts.append(Para((Run(f"{t(FIELD_LABELS, 'problem', lang)}: ", italic=True), Run(str(event.get("problem")))),
                          "cell"))
    details = event_details(case, event, lang)
    if details:
        parts.append(Para((Run(" · ".join(details), italic=True),), "cell"))
    return parts


def laws_of(case: CaseFile) -> list[str]:
    """The versions of the law the case's events fall under, in order."""
    seen: list[str] = []
    for event in case.events:
        chapter = regime_on(case.case.setting, event.day).chapter
        if chapter not in seen:
            seen.append(chapter)
    return seen


def log_view(
    case: CaseFile, findings: Sequence[FindingLike] | None, *, as_of: date, family: bool = False,
    registry: WorkflowLookup | None = None,
) -> DocumentView:
    """The case log as a document view. ``findings`` None: the audit was not available.
    ``registry`` (the workflow registry) gives each duty's legal term as the workflows state it."""
    lang = lang_of(case.case.lang)
    kg = kindergarten(case.case.setting)
    title = t(LABELS, "doc.log", lang)
    blocks: list[Block] = [
        Para((Run(title),), "title"),
        Para((Run(t(LABELS, "doc.log.sub", lang)),), "subtitle"),
    ]
    if family:
        blocks.append(family_notice(case, lang))
    facts = case_facts(case, lang)
    laws = laws_of(case)
    if laws:
        facts.append((t(LABELS, "meta.law", lang), "; ".join(laws)))
    facts.append((t(LABELS, "meta.events", lang), str(len(case.events))))
    facts.append((t(LABELS, "meta.as_of", lang), fmt_date_long(as_of, lang)))
    blocks.append(form_table(facts))
    blocks.append(para(fragment(lang, "log_intro", count=len(case.events), as_of=fmt_date_long(as_of, lang))))

    blocks.append(heading(t(LABELS, "h.events", lang)))
    rows = [(
        cell(t(LABELS, "col.no", lang), head=True), cell(t(LABELS, "col.time", lang), head=True),
        cell(t(LABELS, "col.who", lang), head=True), cell(t(LABELS, "col.what", lang), head=True),
    )]
    for event in case.events:
        rows.append((
            cell(str(event.index + 1)),
            cell(fmt_event_time(event, lang)),
            cell(person_text(case, event.by, lang)),
            cell(*_event_cell_parts(case, event, lang)),
        ))
    blocks.append(Table(tuple(rows), (0.05, 0.18, 0.19, 0.58), header_rows=1))

    blocks.append(heading(t(LABELS, "h.duties", lang)))
    if findings is None:
        blocks.append(para(fragment(lang, "log_no_findings")))
    else:
        ordered = sorted(findings, key=lambda f: duty_order(f.duty))
        workflow = registry.for_event(case.case.setting, case.events[0].day) if registry and case.events else None
        duty_rows = [(
            cell(t(LABELS, "col.duty", lang), head=True), cell(t(LABELS, "col.deadline", lang), head=True),
            cell(t(LABELS, "col.status", lang), head=True), cell(t(LABELS, "col.ref", lang), head=True),
            cell(t(LABELS, "col.evidence", lang), head=True),
        )]
        for f in ordered:
            evidence = ", ".join(str(i + 1) for i in f.events) or t(LABELS, "none", lang)
            status = status_label(f.status, lang)
            duty_rows.append((
                cell(duty_label(f.duty, lang, kg)),
                cell(deadline_text(f, case, lang, workflow)),
                cell(Run(status, bold=f.status in ("breached", "warning"))),
                cell(ref_text(f.legal_ref)),
                cell(evidence),
            ))
        blocks.append(Table(tuple(duty_rows), (0.25, 0.22, 0.16, 0.25, 0.12), header_rows=1))
        blocks.append(para(fragment(lang, "log_status_note"), style="small"))

        noted = [f for f in ordered if f.message and f.message.strip()]
        if noted:
            blocks.append(heading(t(LABELS, "h.findings", lang)))
            for f in noted:
                lead = f"{duty_label(f.duty, lang, kg)} – {status_label(f.status, lang)} – {ref_text(f.legal_ref)}: "
                blocks.append(Para((Run(lead, bold=True), Run(f.message)), "bullet"))

    blocks.append(heading(t(LABELS, "h.integrity", lang)))
    blocks.append(para("SHA-256: ", Run(events_digest(case), mono=True), style="mono"))
    blocks.append(para(fragment(lang, "log_hash", family=family), style="small"))

    first = case.events[0].at if case.events else NO_DATE
    last = case.events[-1].at if case.events else NO_DATE
    props = Properties(
        title=f"{title} – {case.id}",
        subject=t(LABELS, "doc.log.sub", lang),
        author=case.case.unit.name,
        created=first,
        modified=last,
        language=LANGUAGE_TAGS[lang],
        keywords=f"{title}; {case.id}",
        category=title,
        comments="; ".join(laws),
        identifier=case.id,
        version=str(len(case.events)),
        content_status=family_label(case, lang) if family else "",
    )
    view = DocumentView(
        blocks=tuple(blocks), properties=props,
        header=header_text(case, title, lang, family),
        footer=family_label(case, lang) if family else "",
        page_words=page_words(lang), lang=lang,
    )
    return finish(view, case, family)


def build_case_log(
    case: CaseFile, findings: Sequence[FindingLike] | None, *, as_of: date, family: bool = False,
    letterhead: bytes | None = None, registry: WorkflowLookup | None = None,
) -> DocxDocument:
    return render(log_view(case, findings, as_of=as_of, family=family, registry=registry), letterhead)


def case_log_docx(
    case: CaseFile, findings: Sequence[FindingLike] | None, *, as_of: date, family: bool = False,
    letterhead: bytes | None = None, registry: WorkflowLookup | None = None,
) -> bytes:
    """The case log as .docx bytes."""
    return to_bytes(build_case_log(
        case, findings, as_of=as_of, family=family, letterhead=letterhead, registry=registry,
    ))
