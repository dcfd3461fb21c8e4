"""The activity plan (aktivitetsplan): the written plan the law requires, as a Word document.

Opplæringslova § 12-4 tredje ledd (from 2024-08-01), § 9 A-4 in the 1998 law before, and
barnehageloven § 42 for kindergartens require five things in the plan: the problem, the measures,
when they are carried out, who carries them out (1998 law and kindergartens: who is responsible),
and when they are evaluated. The document names them in the statute's own words for the version
in force on the plan's date, then adds the child's views, the best-interests assessment, how the
guardians took part, and — for a revised plan — the evaluations that led to it.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument

from actionloop.adapters.docs.common import (
    NO_DATE,
    case_facts,
    family_label,
    family_notice,
    finish,
    header_text,
    message,
    page_words,
)
from actionloop.adapters.docs.fragments import fragment
from actionloop.adapters.docs.render import render, to_bytes
from actionloop.core.model import CaseFile, Event, Measure
from actionloop.docview import (
    FIELD_LABELS,
    LABELS,
    LANGUAGE_TAGS,
    TARGET_LABELS,
    Block,
    Cell,
    DocumentError,
    DocumentView,
    Para,
    Properties,
    Regime,
    Run,
    Table,
    cell,
    fmt_date,
    fmt_date_long,
    fmt_when,
    form_table,
    heading,
    kindergarten,
    lang_of,
    para,
    person_text,
    plan_events,
    regime_on,
    staff_offender,
    t,
    value_label,
)
from actionloop.workflow.spec import LegalRef


def select_plan(case: CaseFile, version: int | None = None) -> tuple[int, Event, Event | None]:
    """The plan event to print (the latest, or the one with ``version``), its version, and the
    plan event before it (None for the first)."""
    plans = plan_events(case)
    if not plans:
        raise DocumentError(message("no_plan", case=case.id))
    if version is None:
        position = len(plans) - 1
    else:
        matches = [i for i, (v, _) in enumerate(plans) if v == version]
        if not matches:
            versions = ", ".join(str(v) for v, _ in plans)
            raise DocumentError(message("no_version", case=case.id, version=version, versions=versions))
        position = matches[-1]
    number, event = plans[position]
    previous = plans[position - 1][1] if position > 0 else None
    return number, event, previous


def _not_given(lang: str) -> Run:
    return Run(t(LABELS, "not_given", lang), italic=True)


def _text_or_missing(text: str | None, lang: str, style: str = "body") -> Para:
    if text is None or not text.strip():
        return Para((_not_given(lang),), style)
    return Para((Run(text),), style)


def _who(case: CaseFile, ref: str | None, lang: str) -> Cell:
    if ref is None or not ref.strip():
        return cell(_not_given(lang))
    return cell(person_text(case, ref, lang))


def _measures_table(case: CaseFile, measures: tuple[Measure, ...], regime: Regime, lang: str) -> Table:
    kg = kindergarten(case.case.setting)
    who = regime.who_field
    other = "responsible" if who == "performer" else "performer"
    show_other = any(getattr(m, other) for m in measures)
    head = [
        cell(t(LABELS, "col.no", lang), head=True),
        cell(t(LABELS, "col.measure", lang), head=True),
        cell(f"3. {t(LABELS, 'field.when', lang)}", head=True),
        cell(f"4. {t(LABELS, f'field.{who}', lang)}", head=True),
    ]
    widths = [0.05, 0.40, 0.19, 0.23]
    if show_other:
        head.append(cell(t(LABELS, f"col.other.{other}", lang), head=True))
        widths = [0.05, 0.30, 0.19, 0.19, 0.14]
    head.append(cell(t(LABELS, "col.target", lang), head=True))
    widths.append(0.13)
    rows = [tuple(head)]
    for number, m in enumerate(measures, start=1):
        when = fmt_when(m.when, lang)
        row = [
            cell(str(number)),
            cell(m.text),
            cell(when) if when else cell(_not_given(lang)),
            _who(case, getattr(m, who), lang),
        ]
        if show_other:
            other_ref = getattr(m, other)
            row.append(cell(person_text(case, other_ref, lang)) if other_ref else cell(t(LABELS, "none", lang)))
        if m.target:
            target = t(TARGET_LABELS, m.target, lang, kg) if m.target in TARGET_LABELS else m.target
            row.append(cell(target))
        else:
            row.append(cell(_not_given(lang)))
        rows.append(tuple(row))
    return Table(tuple(rows), tuple(widths), header_rows=1, kind="grid")


def _event_line(case: CaseFile, event: Event, lang: str, details: list[str]) -> Para:
    """«09.09.2025 – Siri Berg (lærar): detail; detail. Text»"""
    lead = f"{fmt_date(event.day, lang)} – {person_text(case, event.by, lang)}"
    runs = [Run(lead, bold=True)]
    tail = "; ".join(d if i == 0 else d[:1].lower() + d[1:] for i, d in enumerate(details))
    if tail:
        runs.append(Run(f": {tail}"))
    if event.text:
        runs.append(Run(f". {event.text}" if tail else f": {event.text}"))
    return Para(tuple(runs), "bullet")


def _cite_in(ref: LegalRef | None, lang: str) -> str:
    """A citation in running text; in English «§§ 10-1 og 10-2» reads «§§ 10-1 and 10-2»."""
    if ref is None:
        return ""
    text = ref.cite()
    return text.replace(" og ", " and ") if lang == "en" else text


def plan_view(case: CaseFile, version: int | None = None, *, family: bool = False) -> DocumentView:
    """The activity plan as a document view (in the case's language)."""
    lang = lang_of(case.case.lang)
    kg = kindergarten(case.case.setting)
    number, event, previous = select_plan(case, version)
    plan = event.plan
    regime = regime_on(case.case.setting, event.day)
    offender = staff_offender(case, upto=event.index)
    title = t(LABELS, "doc.plan", lang)

    blocks: list[Block] = [
        Para((Run(title),), "title"),
        Para((Run(f"{t(LABELS, 'doc.plan.sub', lang)} – {regime.plan_ref.cite()}"),), "subtitle"),
    ]
    if family:
        blocks.append(family_notice(case, lang))
    facts = case_facts(case, lang)
    facts += [
        (t(LABELS, "meta.plan_version", lang), str(number)),
        (t(LABELS, "meta.plan_date", lang), fmt_date_long(event.day, lang)),
        (t(LABELS, "meta.made_by", lang), person_text(case, event.by, lang)),
    ]
    blocks.append(form_table(facts))

    blocks.append(heading(t(LABELS, "h.legal", lang)))
    blocks.append(para(fragment(
        lang, "plan_legal_basis",
        main=regime.plan_ref.cite(), plan_date=fmt_date_long(event.day, lang),
        staff=regime.staff_ref.cite() if offender else "", offender=offender or "",
        participation=_cite_in(regime.participation_ref, lang), kg=kg,
    )))

    blocks.append(heading(f"1. {t(LABELS, 'field.problem', lang)}"))
    blocks.append(_text_or_missing(plan.problem, lang))
    blocks.append(heading(f"2. {t(LABELS, 'field.measures', lang, kg)}"))
    blocks.append(_measures_table(case, plan.measures, regime, lang))
    blocks.append(heading(f"5. {t(LABELS, 'field.evaluations', lang)}"))
    if plan.evaluations:
        blocks.extend(para(fmt_date_long(d, lang), style="bullet") for d in plan.evaluations)
        blocks.append(para(fragment(lang, "plan_duration", kg=kg)))
    else:
        blocks.append(Para((_not_given(lang),)))

    # The child's voice, best interests, the guardians, the evaluations before a revision.
    blocks.append(heading(t(LABELS, "h.child_views", lang, kg)))
    blocks.append(_text_or_missing(plan.child_views, lang))
    hearings = [e for e in case.events[: event.index] if e.type == "child_heard"]
    blocks.append(heading(t(LABELS, "h.hearings", lang, kg), 2))
    if hearings:
        for e in hearings:
            details = []
            if e.get("child_view") is not None:
                details.append(f"{t(FIELD_LABELS, 'child_view', lang, kg)}: "
                               f"{value_label('child_view', e.get('child_view'), lang, kg)}")
            blocks.append(_event_line(case, e, lang, details))
    else:
        blocks.append(para(fragment(lang, "plan_no_hearings", kg=kg)))

    blocks.append(heading(t(LABELS, "h.best_interests", lang, kg)))
    blocks.append(_text_or_missing(plan.best_interests, lang))

    blocks.append(heading(t(LABELS, "h.guardians", lang)))
    guardians = [e for e in case.events[: event.index] if e.type == "heard" and e.get("whom") == "guardian"]
    if guardians:
        blocks.extend(_event_line(case, e, lang, []) for e in guardians)
    else:
        blocks.append(para(fragment(lang, "plan_no_guardians", kg=kg)))

    if number > 1 or previous is not None:
        blocks.append(heading(t(LABELS, "h.evaluations", lang)))
        start = previous.index if previous is not None else -1
        evaluations = [e for e in case.events[start + 1 : event.index] if e.type == "evaluation"]
        if evaluations:
            for e in evaluations:
                details = []
                if e.get("child_view") is not None:
                    details.append(f"{t(FIELD_LABELS, 'child_view', lang, kg)}: "
                                   f"{value_label('child_view', e.get('child_view'), lang, kg)}")
                if e.get("outcome") is not None:
                    details.append(f"{t(FIELD_LABELS, 'outcome', lang)}: {value_label('outcome', e.get('outcome'), lang)}")
                blocks.append(_event_line(case, e, lang, details))
        else:
            blocks.append(para(fragment(lang, "plan_no_evaluations")))

    blocks.append(heading(t(LABELS, "h.signatures", lang)))
    head_role = t(LABELS, "sig.head", lang, kg)
    head_name = _head_name(case, event)
    head_text = f"{head_role}: {head_name}" if head_name else head_role
    place = t(LABELS, "sig.place_date", lang)
    blocks.append(Table(
        (
            (cell(para(place, style="signature")), cell(para(head_text, style="signature"))),
            (cell(para(place, style="signature")), cell(para(t(LABELS, "sig.guardians", lang), style="signature"))),
        ),
        (0.42, 0.58), header_rows=0, kind="plain",
    ))

    unit = case.case.unit
    props = Properties(
        title=f"{title} – {case.id} – {t(LABELS, 'version', lang)} {number}",
        subject=f"{t(LABELS, 'doc.plan.sub', lang)} ({regime.plan_ref.cite()})",
        author=unit.name,
        created=event.at if case.events else NO_DATE,
        modified=event.at if case.events else NO_DATE,
        language=LANGUAGE_TAGS[lang],
        keywords=f"{title}; {case.id}",
        category=title,
        comments=regime.chapter,
        identifier=case.id,
        version=str(number),
        content_status=family_label(case, lang) if family else "",
    )
    view = DocumentView(
        blocks=tuple(blocks), properties=props,
        header=header_text(case, f"{title}, {t(LABELS, 'version', lang)} {number}", lang, family),
        footer=family_label(case, lang) if family else "",
        page_words=page_words(lang), lang=lang,
    )
    return finish(view, case, family)


def _head_name(case: CaseFile, event: Event) -> str | None:
    """Who signs for the unit: the plan's author if they are the principal, else the principal."""
    author = case.person(event.by)
    if author is not None and author.role == "principal":
        return author.name or author.id
    for person in case.people:
        if person.role == "principal":
            return person.name or person.id
    return None


def build_activity_plan(
    case: CaseFile, version: int | None = None, *, family: bool = False, letterhead: bytes | None = None,
) -> DocxDocument:
    """The activity plan as a python-docx document."""
    return render(plan_view(case, version, family=family), letterhead)


def activity_plan_docx(
    case: CaseFile, version: int | None = None, *, family: bool = False, letterhead: bytes | None = None,
) -> bytes:
    """The activity plan as .docx bytes (what the API sends and the command line writes)."""
    return to_bytes(build_activity_plan(case, version, family=family, letterhead=letterhead))


__all__ = ["activity_plan_docx", "build_activity_plan", "plan_view", "select_plan"]
