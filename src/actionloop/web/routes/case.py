"""The case page ``/saker/{case_id}``: who and where, the current step, every event, the deadlines,
the next allowed steps as forms (and why the others are not open yet), the current plan, and the
documents.

The page asks the same questions as the API, through the same code: :func:`visible_case` (a case
the user may not see is 404, exactly like one that does not exist), the engine's ``next_steps``
and deadlines, and the API's own write (``store_event``: the access level, who acted, the staff the
event names) with the case's ``expected_seq`` and an idempotency key per form. Every read is
logged in the read log, as the API logs it.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from actionloop.adapters.docs.case_log import event_details
from actionloop.api.deps import visible_case
from actionloop.api.errors import ApiError
from actionloop.api.routes.cases import case_document, reporter_person, store_event
from actionloop.api.schemas import EventIn
from actionloop.api.state import ApiState, OrgSnapshot
from actionloop.api.views import in_language, load_case, state_label
from actionloop.app.access import Level
from actionloop.app.errors import IdempotencyKeyReused, StaleWrite
from actionloop.app.ports import CaseSummary, StoredEvent
from actionloop.core.clock import OSLO
from actionloop.core.deadlines import case_deadlines
from actionloop.core.errors import CaseFileError, StepNotAllowed
from actionloop.core.model import CaseFile
from actionloop.docview import (
    EVENT_LABELS,
    ROLE_LABELS,
    TARGET_LABELS,
    DocumentError,
    fmt_date,
    fmt_event_time,
    fmt_when,
    kindergarten,
    person_text,
    plan_events,
    t,
    value_label,
)
from actionloop.web import i18n
from actionloop.web import stepforms as sf
from actionloop.web.deps import FormDep, LangDep, StateDep, UserDep, WebUser
from actionloop.web.render import redirect, render
from actionloop.workflow.replay import CaseState, replay
from actionloop.workflow.spec import WorkflowSpec
from actionloop.workflow.steps import StepOption, next_steps

log = logging.getLogger("actionloop.web")

router = APIRouter()

CaseId = Path(min_length=1, max_length=200)
DOCUMENT_KINDS = ("plan", "plan-family", "log", "log-family")
_STEP_NAME = re.compile(r"^[a-z_]{1,40}$")
_IDEM = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
#: Steps shown among the next steps whenever they are open (besides those that move the case on
#: in the law's loop): hearing the child, carrying out and evaluating the measures.
ALWAYS_MAIN = frozenset({"child_heard", "plan", "measure_done", "evaluation"})

i18n.add({
    "case_title": {"nb": "Sak {case_id}", "nn": "Sak {case_id}", "en": "Case {case_id}"},
    "case_number": {"nb": "Saksnummer", "nn": "Saksnummer", "en": "Case number"},
    "case_unit": {"nb": "Enhet", "nn": "Eining", "en": "Unit"},
    "case_child": {"nb": "Elev", "nn": "Elev", "en": "Pupil"},
    "case_child_kg": {"nb": "Barn", "nn": "Barn", "en": "Child"},
    "case_step": {"nb": "Steg nå", "nn": "Steg no", "en": "Current step"},
    "case_opened": {"nb": "Åpnet", "nn": "Opna", "en": "Opened"},
    "case_closed_on": {"nb": "Avsluttet", "nn": "Avslutta", "en": "Closed"},
    "case_law": {"nb": "Regelverk", "nn": "Regelverk", "en": "Law"},
    "case_serious": {"nb": "Alvorlig sak", "nn": "Alvorleg sak", "en": "Serious case"},
    "case_staff_offender": {"nb": "En ansatt er mistenkt", "nn": "Ein tilsett er mistenkt",
                            "en": "A member of staff is suspected"},
    "case_leadership_offender": {"nb": "Ledelsen er mistenkt – saken går til eier",
                                 "nn": "Leiinga er mistenkt – saka går til eigar",
                                 "en": "The leadership is suspected – the case goes to the owner"},
    "case_read_only": {"nb": "Du har lesetilgang til denne saken. Du kan ikke registrere steg.",
                       "nn": "Du har lesetilgang til denne saka. Du kan ikkje registrere steg.",
                       "en": "You have read-only access to this case. You cannot record steps."},
    "case_staff_access": {"nb": "Du kan registrere de stegene ansatte tar. Rektor eller saksbehandler tar resten.",
                          "nn": "Du kan registrere stega tilsette tek. Rektor eller saksbehandlar tek resten.",
                          "en": "You can record the steps staff take. The principal or a case handler takes the rest."},
    "case_saved": {"nb": "Lagret: {label}.", "nn": "Lagra: {label}.", "en": "Saved: {label}."},
    "case_stale": {"nb": "Saken er endret av noen andre siden du åpnet den. Ingenting ble lagret. "
                         "Se hva som er nytt nedenfor, og send skjemaet på nytt hvis det fortsatt er riktig.",
                   "nn": "Saka er endra av nokon andre sidan du opna ho. Ingenting vart lagra. "
                         "Sjå kva som er nytt nedanfor, og send skjemaet på nytt om det framleis er rett.",
                   "en": "Someone else changed the case since you opened it. Nothing was saved. "
                         "See what is new below, and send the form again if it is still right."},
    "case_refused": {"nb": "Steget ble ikke lagret", "nn": "Steget vart ikkje lagra", "en": "The step was not saved"},
    "case_fix_fields": {"nb": "Rett feltene som er merket, og send på nytt. Ingenting er lagret.",
                        "nn": "Rett felta som er merkte, og send på nytt. Ingenting er lagra.",
                        "en": "Correct the marked fields and send again. Nothing was saved."},
    "case_repeat": {"nb": "Skjemaet er allerede sendt. Last siden på nytt og prøv igjen.",
                    "nn": "Skjemaet er alt sendt. Last sida på nytt og prøv igjen.",
                    "en": "The form was already sent. Reload the page and try again."},
    "case_not_for_staff": {"nb": "Registreres av rektor/styrer eller saksbehandler.",
                           "nn": "Blir registrert av rektor/styrar eller saksbehandlar.",
                           "en": "Recorded by the principal or a case handler."},
    "case_no_form": {"nb": "Dette steget kan ikke registreres her ennå: saksfilformatet har ingen hendelse for det.",
                     "nn": "Dette steget kan ikkje registrerast her enno: saksfilformatet har inga hending for det.",
                     "en": "This step cannot be recorded here yet: the case-file format has no event for it."},
    # sections
    "case_next_steps": {"nb": "Neste steg", "nn": "Neste steg", "en": "Next steps"},
    "case_other_steps": {"nb": "Andre steg du kan registrere", "nn": "Andre steg du kan registrere",
                         "en": "Other steps you can record"},
    "case_closed_steps": {"nb": "Steg som ikke kan tas nå", "nn": "Steg som ikkje kan takast no",
                          "en": "Steps that cannot be taken now"},
    "case_no_steps": {"nb": "Ingen steg kan registreres nå.", "nn": "Ingen steg kan registrerast no.",
                      "en": "No step can be recorded now."},
    "case_conditions": {"nb": "Vilkår når steget lagres", "nn": "Vilkår når steget blir lagra",
                        "en": "Conditions checked when the step is saved"},
    "case_legal": {"nb": "Hjemmel", "nn": "Heimel", "en": "Legal basis"},
    "case_save": {"nb": "Lagre: {label}", "nn": "Lagre: {label}", "en": "Save: {label}"},
    "case_unsafe_warning": {
        "nb": "Eleven har sist sagt at den ikke har det trygt og godt ({day}). Saken kan ikke avsluttes så lenge "
              "– tiltakene skal fortsette.",
        "nn": "Eleven sa sist at han eller ho ikkje har det trygt og godt ({day}). Saka kan ikkje avsluttast så "
              "lenge – tiltaka skal halde fram.",
        "en": "The pupil last said they are not safe and well ({day}). The case cannot be closed while that is "
              "so – the measures continue."},
    "case_unsafe_warning_kg": {
        "nb": "Barnet har sist gitt uttrykk for at det ikke har det trygt og godt ({day}). Saken kan ikke avsluttes "
              "så lenge – tiltakene skal fortsette.",
        "nn": "Barnet gav sist uttrykk for at det ikkje har det trygt og godt ({day}). Saka kan ikkje avsluttast så "
              "lenge – tiltaka skal halde fram.",
        "en": "The child last expressed that they are not safe and well ({day}). The case cannot be closed while "
              "that is so – the measures continue."},
    "case_eval_dates": {"nb": "Planen sier at tiltakene skal evalueres: {dates}.",
                        "nn": "Planen seier at tiltaka skal evaluerast: {dates}.",
                        "en": "The plan says the measures are to be evaluated: {dates}."},
    # deadlines
    "case_deadlines": {"nb": "Frister", "nn": "Fristar", "en": "Deadlines"},
    "case_no_deadlines": {"nb": "Ingen åpne frister.", "nn": "Ingen opne fristar.", "en": "No open deadlines."},
    "case_duty": {"nb": "Plikt", "nn": "Plikt", "en": "Duty"},
    "case_due": {"nb": "Frist", "nn": "Frist", "en": "Due"},
    "case_legal_term": {"nb": "Lovens krav", "nn": "Lovkravet", "en": "The law's term"},
    "case_status": {"nb": "Status", "nn": "Status", "en": "Status"},
    "case_status_ok": {"nb": "I rute", "nn": "I rute", "en": "On track"},
    "case_status_due_soon": {"nb": "Frist nærmer seg", "nn": "Fristen nærmar seg", "en": "Due soon"},
    "case_status_overdue": {"nb": "Fristen er passert", "nn": "Fristen er passert", "en": "Overdue"},
    "case_clearly_late": {"nb": "klart for sent", "nn": "klart for seint", "en": "clearly late"},
    "case_local": {"nb": "lokal frist: {term}", "nn": "lokal frist: {term}", "en": "local deadline: {term}"},
    "case_sf": {"nb": "Statsforvalteren", "nn": "Statsforvaltaren", "en": "Statsforvaltaren"},
    # timeline
    "case_timeline": {"nb": "Hendelser", "nn": "Hendingar", "en": "Events"},
    "case_when": {"nb": "Når", "nn": "Når", "en": "When"},
    "case_who": {"nb": "Hvem", "nn": "Kven", "en": "Who"},
    "case_what": {"nb": "Hva", "nn": "Kva", "en": "What"},
    "case_event_no": {"nb": "Hendelse nr. {seq}", "nn": "Hending nr. {seq}", "en": "Event no. {seq}"},
    "case_irregular": {"nb": "Utenfor lovens rekkefølge", "nn": "Utanfor rekkjefølgja i lova",
                       "en": "Out of the law's order"},
    "case_nobody": {"nb": "ikke oppgitt", "nn": "ikkje oppgitt", "en": "not given"},
    # plan
    "case_plan": {"nb": "Aktivitetsplan (versjon {version})", "nn": "Aktivitetsplan (versjon {version})",
                  "en": "Activity plan (version {version})"},
    "case_no_plan": {"nb": "Ingen aktivitetsplan ennå.", "nn": "Ingen aktivitetsplan enno.",
                     "en": "No activity plan yet."},
    "case_plan_problem": {"nb": "Problemet tiltakene skal løse", "nn": "Problemet tiltaka skal løyse",
                          "en": "The problem the measures are to solve"},
    "case_measures": {"nb": "Tiltak", "nn": "Tiltak", "en": "Measures"},
    "case_plan_earlier": {"nb": "Tidligere versjoner av planen", "nn": "Tidlegare versjonar av planen",
                          "en": "Earlier versions of the plan"},
    "case_plan_version_line": {"nb": "Versjon {version}, {made}, {count} tiltak",
                               "nn": "Versjon {version}, {made}, {count} tiltak",
                               "en": "Version {version}, {made}, {count} measures"},
    "case_plan_version_doc": {"nb": "Aktivitetsplanen, versjon {version} (Word)",
                              "nn": "Aktivitetsplanen, versjon {version} (Word)",
                              "en": "The activity plan, version {version} (Word)"},
    "case_done": {"nb": "Gjennomført", "nn": "Gjennomført", "en": "Carried out"},
    "case_not_done": {"nb": "ikke registrert", "nn": "ikkje registrert", "en": "not recorded"},
    "case_child_view": {"nb": "Elevens opplevelse sist", "nn": "Eleven si oppleving sist",
                        "en": "The pupil's experience, latest"},
    "case_child_view_kg": {"nb": "Barnets opplevelse sist", "nn": "Barnet si oppleving sist",
                           "en": "The child's experience, latest"},
    "case_child_view_none": {"nb": "ikke hørt ennå", "nn": "ikkje høyrt enno", "en": "not heard yet"},
    "case_evaluations": {"nb": "Evaluering", "nn": "Evaluering", "en": "Evaluation"},
    "case_more_rows": {"nb": "Flere rader", "nn": "Fleire rader", "en": "More rows"},
    "case_more_rows_hint": {
        "nb": "Tomme rader tas ikke med. Kryss av «Fjern raden» og trykk «Flere rader» for å ta bort en rad.",
        "nn": "Tomme rader blir ikkje tekne med. Kryss av «Fjern rada» og trykk «Fleire rader» for å ta bort ei rad.",
        "en": "Empty rows are left out. Tick «Remove the row» and press «More rows» to take a row out."},
    "case_measure_no": {"nb": "Tiltak {n}", "nn": "Tiltak {n}", "en": "Measure {n}"},
    "case_when_hint": {"nb": "En dato, eller en periode (fra–til).", "nn": "Ein dato, eller ein periode (frå–til).",
                       "en": "A date, or a period (from–to)."},
    "case_revise": {"nb": "Skjemaet er fylt ut med gjeldende plan. Endre det som skal justeres.",
                    "nn": "Skjemaet er fylt ut med gjeldande plan. Endre det som skal justerast.",
                    "en": "The form holds the current plan. Change what is to be revised."},
    # documents
    "case_documents": {"nb": "Dokumenter", "nn": "Dokument", "en": "Documents"},
    "case_doc_plan": {"nb": "Aktivitetsplanen (Word)", "nn": "Aktivitetsplanen (Word)", "en": "The activity plan (Word)"},
    "case_doc_plan_family": {"nb": "Aktivitetsplanen – familiens kopi (Word)",
                             "nn": "Aktivitetsplanen – kopien til familien (Word)",
                             "en": "The activity plan – the family's copy (Word)"},
    "case_doc_log": {"nb": "Saksgangen (Word)", "nn": "Saksgangen (Word)", "en": "The case log (Word)"},
    "case_doc_log_family": {"nb": "Saksgangen – familiens kopi (Word)", "nn": "Saksgangen – kopien til familien (Word)",
                            "en": "The case log – the family's copy (Word)"},
    "case_doc_family_hint": {"nb": "Familiens kopi har ikke andre barns navn.",
                             "nn": "Kopien til familien har ikkje namn på andre born.",
                             "en": "The family's copy has no other children's names."},
    "case_doc_missing": {"nb": "Dokumentet kan ikke lages ennå: {reason}",
                         "nn": "Dokumentet kan ikkje lagast enno: {reason}",
                         "en": "The document cannot be made yet: {reason}"},
    "case_optional": {"nb": "valgfritt", "nn": "valfritt", "en": "optional"},
    "case_sections": {"nb": "Deler av saken", "nn": "Delar av saka", "en": "Parts of the case"},
    "case_plan_short": {"nb": "Aktivitetsplan", "nn": "Aktivitetsplan", "en": "Activity plan"},
    "case_eval_no": {"nb": "Dato {n}", "nn": "Dato {n}", "en": "Date {n}"},
    "case_back": {"nb": "Tilbake til saken", "nn": "Tilbake til saka", "en": "Back to the case"},
})


# --- what the page shows -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineRow:
    seq: int
    when: str
    who: str
    label: str
    details: tuple[str, ...]
    text: str | None
    irregular: str | None


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    duty: str
    what: str
    due: str
    legal_term: str
    local: str
    legal_ref: str
    status: str
    status_text: str
    #: The badge colour (a second cue; the words say it).
    kind: str


@dataclass
class StepForm:
    """A step of the workflow on the page: a form when it may be taken, else the reason why not."""

    trigger: str
    label: str
    allowed: bool
    reason: str | None = None
    conditions: tuple[str, ...] = ()
    legal_refs: tuple[str, ...] = ()
    fields: list[sf.FormField] = field(default_factory=list)
    plan: bool = False
    #: The form's values (defaults, or what the user sent) and a message per field.
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    #: A message for the whole form (the engine's refusal, a stale write).
    error: str | None = None
    open: bool = False
    warning: str | None = None
    hint: str | None = None
    #: Why the user cannot record it although the law allows it now (staff level).
    not_for_you: bool = False
    no_form: bool = False
    #: Field name -> label, and the element its message links to (where not the field), for the
    #: error summary.
    labels: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)


@dataclass
class PlanEditor:
    rows: list[sf.PlanRow]
    who_label: str
    who_options: tuple[tuple[str, str], ...]
    target_options: tuple[tuple[str, str], ...]
    eval_fields: int = sf.EVAL_FIELDS


@dataclass
class Posted:
    """What the user sent, to show again: for which step, the values, and what was wrong."""

    step: str
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _org_choices(org: OrgSnapshot, unit_id: str, lang: str, kg: bool) -> tuple[tuple[tuple[str, str], ...],
                                                                                 tuple[tuple[str, str], ...]]:
    """The staff of the unit (and of its school, for an SFO; of its SFOs, for a school), leaders
    first: (all staff, leaders)."""
    unit = org.view.units.get(unit_id)
    units = set(org.view.led_units(unit_id))
    if unit is not None and unit.school_id:
        units.add(unit.school_id)
    leaders: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    seen: set[str] = set()
    for (staff_id, at), _roles in sorted(org.roles_at.items()):
        if at not in units or staff_id in seen:
            continue
        seen.add(staff_id)
        role = org.person_role(staff_id, unit_id)
        word = t(ROLE_LABELS, role, lang, kg) if role in ROLE_LABELS else role
        option = (staff_id, f"{org.staff_names.get(staff_id, staff_id)} ({word})")
        (leaders if role in ("principal", "leadership") else others).append(option)
    leaders.sort(key=lambda o: o[1])
    others.sort(key=lambda o: o[1])
    return tuple(leaders + others), tuple(leaders)


def _case_choices(case: CaseFile, org: OrgSnapshot, lang: str) -> sf.CaseChoices:
    kg = kindergarten(case.case.setting)
    staff, leaders = _org_choices(org, case.case.unit.id, lang, kg)
    family = tuple((p.id, person_text(case, p.id, lang)) for p in case.people if p.role in ("child", "guardian"))
    plans = [e for e in case.events if e.type == "plan"]
    measures = tuple((m.id, f"{m.id}: {m.text[:80]}") for m in plans[-1].plan.measures) if plans else ()
    done = {e.get("order") for e in case.events if e.type == "sf_order_done"}
    decisions = [e for e in case.events if e.type == "sf_decision"]
    orders = tuple((o.id, f"{o.id}: {o.text[:80]}") for o in (decisions[-1].get("orders") or ()) if o.id not in done) \
        if decisions else ()
    owner = org.view.owners.get(org.view.owner_of_unit(case.case.unit.id) or "")
    owners = ((owner.id, owner.name),) if owner is not None else ()
    return sf.CaseChoices(staff=staff, leaders=leaders, family=family, owners=owners, measures=measures,
                          orders=orders, kindergarten=kg)


def _timeline(case: CaseFile, rows: Sequence[StoredEvent], state: ApiState, replayed: CaseState,
              lang: str) -> list[TimelineRow]:
    kg = kindergarten(case.case.setting)
    irregular = dict(replayed.irregular)
    out = []
    for event, row in zip(case.events, rows, strict=False):
        if event.type in EVENT_LABELS:
            label = t(EVENT_LABELS, event.type, lang, kg)
        else:
            spec = state.registry.for_event(case.case.setting, event.day)
            label = _cap(spec.step_label(event.type, lang)) if spec is not None else event.type
        who = _who(case, event.by, lang) if event.by else i18n.t("case_nobody", lang)
        out.append(TimelineRow(
            seq=row.seq, when=fmt_event_time(event, lang), who=who, label=label,
            details=tuple(event_details(case, event, lang)), text=event.text, irregular=irregular.get(event.index),
        ))
    return out


def _who(case: CaseFile, ref: str, lang: str) -> str:
    """«Name (role)»; an owner's representative recorded without a name (an account that is no
    member of staff) is named by the owner the case file gives."""
    person = case.person(ref)
    if person is not None and not person.name and person.role == "owner" and case.case.unit.owner:
        kg = kindergarten(case.case.setting)
        return f"{case.case.unit.owner} ({t(ROLE_LABELS, 'owner', lang, kg)})"
    return person_text(case, ref, lang)


_STATUS_KIND = {"ok": "ok", "due_soon": "warn", "overdue": "danger"}


def _deadlines(case: CaseFile, state: ApiState, today: date, lang: str) -> tuple[list[DeadlineRow], str]:
    found = case_deadlines(case, state.registry, today, state.policy, lang=lang)
    rows = []
    for d in found.deadlines:
        status_text = i18n.t(f"case_status_{d.status}", lang) if i18n.has(f"case_status_{d.status}") else d.status
        if d.clearly_late:
            status_text += " – " + i18n.t("case_clearly_late", lang)
        rows.append(DeadlineRow(
            duty=d.duty_label or d.duty, what=d.what, due=fmt_date(d.legal_due or d.due, lang),
            legal_term=d.legal_term, local=i18n.t("case_local", lang, term=d.local_default) if d.local_default else "",
            legal_ref=d.legal_ref, status=d.status, status_text=status_text,
            kind="danger" if d.clearly_late else _STATUS_KIND.get(d.status, "neutral"),
        ))
    sf_text = " ".join(found.sf.lines) if found.sf.applies else ""
    return rows, sf_text


def _now_values(state: ApiState) -> dict[str, str]:
    now = state.clock.now().astimezone(OSLO)
    return {"at_date": now.date().isoformat(), "at_time": f"{now.hour:02d}:{now.minute:02d}"}


def _plan_defaults(case: CaseFile, who_field: str) -> dict[str, str]:
    plans = [e for e in case.events if e.type == "plan"]
    if plans:
        return sf.plan_values(plans[-1].plan.to_dict(), who_field)
    values: dict[str, str] = {"rows": str(sf.PLAN_ROWS)}
    for e in reversed(case.events):
        if e.type == "investigation_concluded" and e.get("problem"):
            values["problem"] = str(e.get("problem"))
            break
    return values


def _who_field(state: ApiState, case: CaseFile, today: date) -> str:
    spec = state.registry.for_event(case.case.setting, today)
    return spec.plan_who_field if spec is not None else "performer"


def _step_forms(
    case: CaseFile, options: Sequence[StepOption], level: Level, choices: sf.CaseChoices, state: ApiState,
    replayed: CaseState, posted: Posted | None, today: date, lang: str,
) -> list[StepForm]:
    kg = choices.kindergarten
    now = _now_values(state)
    out: list[StepForm] = []
    for option in options:
        step = StepForm(trigger=option.trigger, label=option.label, allowed=option.allowed, reason=option.reason,
                        conditions=option.conditions, legal_refs=option.legal_refs)
        out.append(step)
        if not option.allowed or not level.can_write:
            continue
        if not level.may_record(option.trigger):
            step.not_for_you = True
            continue
        if not sf.known_type(option.trigger):
            step.no_form = True
            continue
        step.plan = option.trigger == "plan"
        step.values = dict(now)
        if step.plan:
            step.values.update(_plan_defaults(case, _who_field(state, case, today)))
            if any(e.type == "plan" for e in case.events):
                step.hint = i18n.t("case_revise", lang)
        else:
            step.fields = sf.step_fields(option.trigger, choices, lang)
            step.labels = sf.field_labels(step.fields)
            step.anchors = sf.field_anchors(step.fields)
        if option.trigger in ("closed", "evaluation") and replayed.facts.child_view == "not_safe":
            key = "case_unsafe_warning_kg" if kg else "case_unsafe_warning"
            views = [e for e in case.events if e.get("child_view") is not None]
            day = fmt_date(views[-1].day, lang) if views else ""
            step.warning = i18n.t(key, lang, day=day)
        if option.trigger == "evaluation":
            plans = [e for e in case.events if e.type == "plan"]
            if plans and plans[-1].plan.evaluations:
                dates = ", ".join(fmt_date(d, lang) for d in plans[-1].plan.evaluations)
                step.hint = i18n.t("case_eval_dates", lang, dates=dates)
        if posted is not None and posted.step == option.trigger:
            step.values = dict(posted.values)
            step.errors = dict(posted.errors)
            step.error = posted.error
            step.open = True
    return out


def _editor(case: CaseFile, state: ApiState, choices: sf.CaseChoices, values: Mapping[str, str], today: date,
            lang: str) -> PlanEditor:
    who_field = _who_field(state, case, today)
    return PlanEditor(
        rows=sf.plan_rows(values, sf.row_count(values)),
        who_label=sf.text(f"m_who:{who_field}", lang),
        who_options=choices.staff,
        target_options=sf.target_options(lang, choices.kindergarten),
    )


def _plan_labels(editor: PlanEditor, lang: str, kg: bool) -> dict[str, str]:
    labels = {f.name: f.label for f in sf.time_fields(lang)}
    labels.update({"problem": sf.text("plan_problem", lang), "text": sf.text("text:plan", lang),
                   "child_views": sf.text("child_views", lang, kg), "best_interests": sf.text("best_interests", lang, kg)})
    for row in editor.rows:
        n = i18n.t("case_measure_no", lang, n=row.index + 1)
        for part, key in (("text", "m_text"), ("from", "m_from"), ("to", "m_to"), ("target", "m_target")):
            labels[f"m{row.index}_{part}"] = f"{n}, {sf.text(key, lang).lower()}"
        labels[f"m{row.index}_who"] = f"{n}, {editor.who_label.lower()}"
    for i in range(editor.eval_fields):
        labels[f"eval{i}"] = f"{sf.text('evaluations', lang)}, {i18n.t('case_eval_no', lang, n=i + 1).lower()}"
    return labels


def _current_plan(case: CaseFile, lang: str) -> dict[str, Any] | None:
    """The plan in force (its measures and when each was carried out) and the versions before it,
    newest first (each with a link to its Word document)."""
    plans = plan_events(case)
    if not plans:
        return None
    kg = kindergarten(case.case.setting)
    version, event = plans[-1]
    plan = event.plan
    earlier = [
        {"version": number, "made": fmt_event_time(e, lang), "count": len(e.plan.measures),
         "href": f"/saker/{case.id}/dokument/plan?versjon={number}"}
        for number, e in reversed(plans[:-1])
    ]
    done: dict[str, list[str]] = {}
    for e in case.events[event.index + 1:]:
        if e.type == "measure_done" and isinstance(e.get("measure"), str):
            done.setdefault(str(e.get("measure")), []).append(fmt_date(e.day, lang))
    measures = []
    for m in plan.measures:
        who = m.performer or m.responsible
        measures.append({
            "id": m.id, "text": m.text, "when": fmt_when(m.when, lang) or "",
            "who": person_text(case, who, lang) if who else "",
            "target": t(TARGET_LABELS, m.target, lang, kg) if m.target and m.target in TARGET_LABELS else "",
            "done": ", ".join(done.get(m.id, [])),
        })
    return {"version": version, "problem": plan.problem, "measures": measures,
            "evaluations": ", ".join(fmt_date(d, lang) for d in plan.evaluations), "made": fmt_event_time(event, lang),
            "earlier": earlier}


def _child_view(case: CaseFile, lang: str) -> tuple[str, str, str] | None:
    """The child's own latest word on whether they are safe: (value, in words, date)."""
    for e in reversed(case.events):
        view = e.get("child_view")
        if isinstance(view, str):
            words = value_label("child_view", view, lang, kindergarten(case.case.setting))
            return view, words, fmt_date(e.day, lang)
    return None


def _saved_notice(spec: WorkflowSpec | None, saved: str | None, lang: str) -> str | None:
    if saved is None:
        return None
    label = _cap(spec.step_label(saved, lang)) if spec is not None and saved in spec.triggers else saved
    return i18n.t("case_saved", lang, label=label)


def _load(state: ApiState, user: WebUser, case_id: str) -> tuple[CaseSummary, Level, CaseFile, list[StoredEvent]]:
    """The case if the user may see it (404 otherwise, as the API answers), its read logged."""
    summary, level = visible_case(state, user.access, case_id)
    case, rows = load_case(state, case_id)
    state.reads.record(case_id, user.account_id, "case")
    return summary, level, case, rows


def _page(
    request: Request, state: ApiState, user: WebUser, case_id: str, lang: str, *, posted: Posted | None = None,
    saved: str | None = None, stale: bool = False, status: int = 200,
) -> Response:
    """The page; ``saved``: the step just recorded (after the redirect), named in a notice."""
    summary, level, case, rows = _load(state, user, case_id)
    today = state.today()
    spoken = in_language(case, lang)
    replayed = replay(spoken, state.registry, lang)
    options = next_steps(spoken, state.registry, today, lang, state=replayed)
    org = state.org.get()
    choices = _case_choices(case, org, lang)
    steps = _step_forms(case, options, level, choices, state, replayed, posted, today, lang)
    for step in steps:
        if stale and step.open:
            step.error = i18n.t("case_stale", lang)
    # A refusal of a step whose form is not on the page (it is not open now) is shown at the top.
    page_error = None
    if posted is not None and posted.error and not any(s.open for s in steps):
        label = next((s.label for s in steps if s.trigger == posted.step), posted.step)
        page_error = (label, posted.error)
    spec = state.registry.for_event(case.case.setting, today)
    loop_track = spec.tracks[0].id if spec is not None and spec.tracks else None
    final = {st.id for st in spec.tracks[0].states if st.final} if spec is not None and spec.tracks else set()
    moving = {o.trigger for o in options if o.allowed and o.track == loop_track
              and any(d != replayed.tracks.get(o.track) and d not in final for d in o.dests)}
    primary = moving | (ALWAYS_MAIN & {o.trigger for o in options})
    main = [s for s in steps if s.allowed and s.trigger in primary and level.can_write]
    other = [s for s in steps if s.allowed and s.trigger not in primary and level.can_write]
    closed = [s for s in steps if not s.allowed]
    plan_step = next((s for s in steps if s.plan), None)
    editor = None
    if plan_step is not None and not plan_step.not_for_you:
        editor = _editor(case, state, choices, plan_step.values, today, lang)
        plan_step.labels = _plan_labels(editor, lang, choices.kindergarten)
    deadlines, sf_text = _deadlines(spoken, state, today, lang)
    kg = kindergarten(case.case.setting)
    info = case.case
    unit = org.view.units.get(info.unit.id)
    context = {
        "case": case, "case_id": case_id, "summary": summary, "level": level.name.lower(),
        "can_write": level.can_write, "staff_level": level == Level.STAFF,
        "unit_name": unit.name if unit is not None else info.unit.name,
        "child_name": info.child.name or org.children.get(info.child.id) or info.child.id,
        "child_label": i18n.t("case_child_kg" if kg else "case_child", lang),
        "child_view_label": i18n.t("case_child_view_kg" if kg else "case_child_view", lang),
        "child_view": _child_view(case, lang),
        "state_label": state_label(state.registry, summary.workflow_id, summary.state, lang) or summary.state or "",
        "law": spec.title(lang) if spec is not None else "",
        "opened": fmt_date(summary.opened_date, lang) if summary.opened_date else "",
        "closed_on": fmt_date(summary.closed_date, lang) if summary.closed_date else "",
        "seq": rows[-1].seq if rows else 0, "timeline": _timeline(case, rows, state, replayed, lang),
        "deadlines": deadlines, "sf_text": sf_text, "main_steps": main, "other_steps": other,
        "closed_steps": closed, "editor": editor, "plan": _current_plan(case, lang),
        "notice": _saved_notice(spec, saved, lang),
        "page_error": page_error, "stale": stale, "idem": secrets.token_urlsafe(18), "documents": DOCUMENT_KINDS,
        "choose": sf.text("no_choice", lang), "field_text": sf.text, "kg": kg, "at_fields": sf.time_fields(lang),
    }
    return render(request, "case.html", context, status=status)


# --- routes ------------------------------------------------------------------------------------------


@router.get("/saker/{case_id}")
def case_page(request: Request, user: UserDep, state: StateDep, lang: LangDep, case_id: str = CaseId) -> Response:
    saved = request.query_params.get("lagret")
    return _page(request, state, user, case_id, lang, saved=saved if saved and _STEP_NAME.match(saved) else None)


def _form_values(form: Mapping[str, Any]) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str) and k not in ("csrf",)}


@router.post("/saker/{case_id}/steg/{step}")
async def record_step(
    request: Request, user: UserDep, form: FormDep, state: StateDep, lang: LangDep, case_id: str = CaseId,
    step: str = Path(min_length=1, max_length=40),
) -> Response:
    """One step, from its form. Bad fields, a step the law does not allow now, and a case that
    changed since the form was shown are answered with the page again (the user's input kept,
    a message per field or for the form) and nothing written; success redirects to the page."""
    values = _form_values(form)
    summary, level = await run_in_threadpool(visible_case, state, user.access, case_id)
    if not _STEP_NAME.match(step) or not sf.known_type(step):
        raise ApiError(404, "not_found")
    if not level.can_write or not level.may_record(step):
        raise ApiError(403, "read_only")

    def again(posted: Posted, status: int, stale: bool = False) -> Response:
        return _page(request, state, user, case_id, lang, posted=posted, stale=stale, status=status)

    if step == "plan" and values.get("action") == "rows":
        values = sf.rework_rows(values, sf.PLAN_ROWS_STEP)
        return await run_in_threadpool(again, Posted(step, values), 200)
    parsed, people = await run_in_threadpool(_parse, state, user, summary, case_id, step, values, lang)
    if parsed.errors:
        return await run_in_threadpool(again, Posted(step, values, parsed.errors, i18n.t("case_fix_fields", lang)), 422)
    seq = values.get("seq", "")
    key = values.get("idem", "")
    body = EventIn(expected_seq=int(seq) if seq.isdigit() and len(seq) < 9 else 0, event=parsed.event, people=people)
    try:
        await state.write(store_event, state, user.access, case_id, body, lang, key if _IDEM.match(key) else None)
    except StaleWrite:
        log.info("stale write refused", extra={"case_id": case_id, "event_type": step})
        return await run_in_threadpool(again, Posted(step, values), 409, True)
    except StepNotAllowed as exc:
        log.info("step refused", extra={"case_id": case_id, "event_type": step})
        return await run_in_threadpool(again, Posted(step, values, error=str(exc)), 409)
    except CaseFileError as exc:
        errors: dict[str, str] = {}
        general = []
        for problem in exc.problems:
            name = sf.error_field(problem.path)
            if name is not None and name not in errors:
                errors[name] = problem.message
            else:
                general.append(problem.message)
        message = " ".join(general) or i18n.t("case_fix_fields", lang)
        return await run_in_threadpool(again, Posted(step, values, errors, message), 422)
    except IdempotencyKeyReused:
        return await run_in_threadpool(again, Posted(step, values, error=i18n.t("case_repeat", lang)), 409)
    return redirect(request, f"/saker/{case_id}?lagret={step}#hendelser")


def _parse(
    state: ApiState, user: WebUser, summary: CaseSummary, case_id: str, step: str, values: Mapping[str, str],
    lang: str,
) -> tuple[sf.Parsed, list[dict[str, Any]]]:
    """The event the form describes (or what is wrong with it), and the person to add when the
    user is no member of staff (an owner's representative acts in their own name)."""
    today = state.today()
    case = state.services.cases.export_case(case_id)
    org = state.org.get()
    choices = _case_choices(case, org, lang)
    if step == "plan":
        version = sum(1 for e in case.events if e.type == "plan") + 1
        parsed = sf.parse_plan(values, _who_field(state, case, today), choices.staff, version, state.clock.now(),
                               lang)
    else:
        parsed = sf.parse_step(step, sf.step_fields(step, choices, lang), values, state.clock.now(), lang)
    _within_the_minute(parsed, case)
    people: list[dict[str, Any]] = []
    to = parsed.event.get("to")
    if to is not None and (to, org.view.owners[to].name if to in org.view.owners else "") in choices.owners \
            and case.person(to) is None:
        people.append({"id": to, "role": "owner", "name": org.view.owners[to].name})
    if "by" not in parsed.event and user.staff_id is None:
        person = reporter_person(org, user.access, summary.unit_id)
        parsed.event["by"] = person["id"]
        people.append(person)
    return parsed, people


def _within_the_minute(parsed: sf.Parsed, case: CaseFile) -> None:
    """The forms take the time to the minute; an event stored with seconds (through the API, say)
    in that same minute is not "after" a step entered at that minute. Such a step is placed at the
    instant of the event before it, so that taking the next step at once is not refused."""
    at = parsed.event.get("at")
    if not isinstance(at, str) or "T" not in at or not case.events:
        return
    last = case.events[-1]
    entered = datetime.fromisoformat(at)
    if last.timed and entered < last.at and last.at - entered < timedelta(minutes=1) \
            and last.at.astimezone(OSLO).replace(second=0, microsecond=0) == entered.astimezone(OSLO):
        parsed.event["at"] = last.at.astimezone(OSLO).isoformat(timespec="seconds")


@router.get("/saker/{case_id}/dokument/{kind}")
async def case_document_page(
    request: Request, user: UserDep, state: StateDep, lang: LangDep, case_id: str = CaseId,
    kind: str = Path(min_length=1, max_length=20),
    versjon: int | None = Query(None, ge=1, le=1000),
) -> Response:
    """The plan (``versjon``: an earlier version; default the latest) or the case log as a Word
    file (the API's documents; the read is logged)."""
    if kind not in DOCUMENT_KINDS:
        raise ApiError(404, "not_found")
    try:
        return await run_in_threadpool(case_document, case_id, kind, state, user.access,  # type: ignore[arg-type]
                                       versjon if kind.startswith("plan") else None)
    except DocumentError as exc:
        context = {"case_id": case_id, "message": i18n.t("case_doc_missing", lang, reason=str(exc))}
        return render(request, "case_document_error.html", context, status=409)


__all__ = ["router"]
