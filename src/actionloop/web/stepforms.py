"""The forms for the steps of a case, made from the case-file schema and the workflow.

Each step of the workflow (``workflows/*.yaml``) is an event type of the case file; the fields a
step's form asks for are the fields the case-file schema gives that event type (an ``enum`` is a
set of radio buttons, a ``boolean`` yes/no, a ``date`` a date field, a string a text field), with
their labels from the documents' vocabulary (:mod:`actionloop.docview`). A step the law adds in a
workflow file whose event the schema knows gets its form without new code; a few fields need to
know the case (whom a report goes to, which measure was carried out), and the plan has an editor
of its own (:func:`parse_plan`).

No web framework here: the route hands in the posted fields as a mapping and gets back the event
(as in the case file) or a message per field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from actionloop.core import casefile
from actionloop.core.clock import OSLO
from actionloop.core.i18n import Catalog, tr
from actionloop.docview import FIELD_LABELS, LABELS, TARGET_LABELS, t, value_label

#: Longest free text accepted in a field (the API's own limit for a concern's text).
MAX_TEXT = 20_000
#: Rows of the measures table shown at first, added by «flere rader», and at most (a row is seven
#: form fields; a posted form may have 200 in all, see ``actionloop.web.deps.checked_form``).
PLAN_ROWS = 3
PLAN_ROWS_STEP = 2
PLAN_ROWS_MAX = 25
#: Evaluation date fields of the plan editor.
EVAL_FIELDS = 4

TEXTS: Catalog = {
    "at_date": {"nb": "Dato", "nn": "Dato", "en": "Date"},
    "at_time": {"nb": "Klokkeslett (valgfritt)", "nn": "Klokkeslett (valfritt)", "en": "Time (optional)"},
    "text": {"nb": "Hva ble gjort, med dine egne ord", "nn": "Kva vart gjort, med dine eigne ord",
             "en": "What was done, in your own words"},
    "text:child_heard": {"nb": "Elevens egne ord", "nn": "Eleven sine eigne ord", "en": "The pupil's own words"},
    "text:child_heard.kg": {"nb": "Barnets egne ord (eller hvordan barnet uttrykte seg)",
                            "nn": "Barnet sine eigne ord (eller korleis barnet uttrykte seg)",
                            "en": "The child's own words (or how the child expressed themselves)"},
    "text:investigation_concluded": {"nb": "Begrunnelse for konklusjonen", "nn": "Grunngiving for konklusjonen",
                                     "en": "Reasons for the conclusion"},
    "text:evaluation": {"nb": "Hva viser evalueringen?", "nn": "Kva viser evalueringa?",
                        "en": "What does the evaluation show?"},
    "text:closed": {"nb": "Begrunnelse for å avslutte", "nn": "Grunngiving for å avslutte",
                    "en": "Reasons for closing"},
    "text:note": {"nb": "Notat", "nn": "Notat", "en": "Note"},
    "text:concern": {"nb": "Hva skjedde – med dine egne ord", "nn": "Kva skjedde – med dine eigne ord",
                     "en": "What happened – in your own words"},
    "text:intervention": {"nb": "Hva skjedde, og hvordan ble det grepet inn?", "nn": "Kva skjedde, og korleis vart det gripe inn?",
                          "en": "What happened, and how was it stopped?"},
    "text:report_to_principal": {"nb": "Hva ble meldt", "nn": "Kva vart meldt", "en": "What was reported"},
    "text:report_to_owner": {"nb": "Hva ble meldt", "nn": "Kva vart meldt", "en": "What was reported"},
    "text:serious": {"nb": "Begrunnelse for vurderingen", "nn": "Grunngiving for vurderinga",
                     "en": "Reasons for the assessment"},
    "text:heard": {"nb": "Hva kom fram", "nn": "Kva kom fram", "en": "What came out"},
    "text:observation": {"nb": "Hva ble observert", "nn": "Kva vart observert", "en": "What was observed"},
    "text:raised_with_principal": {"nb": "Hva tok de opp", "nn": "Kva tok dei opp", "en": "What they raised"},
    "text:sf_report": {"nb": "Hva meldte de", "nn": "Kva melde dei", "en": "What they reported"},
    "text:sf_decision": {"nb": "Hva vedtaket sier", "nn": "Kva vedtaket seier", "en": "What the decision says"},
    "text:measure_done": {"nb": "Hvordan gikk det", "nn": "Korleis gjekk det", "en": "How it went"},
    "text:child_left": {"nb": "Merknad", "nn": "Merknad", "en": "Remark"},
    "text:plan": {"nb": "Merknad til planen (valgfritt)", "nn": "Merknad til planen (valfritt)",
                  "en": "Remark on the plan (optional)"},
    "child_view:child_heard": {"nb": "Har eleven det trygt og godt – etter sin egen opplevelse?",
                               "nn": "Har eleven det trygt og godt – etter si eiga oppleving?",
                               "en": "Is the pupil safe and well – in their own experience?"},
    "child_view:child_heard.kg": {"nb": "Har barnet det trygt og godt – etter sin egen opplevelse?",
                                  "nn": "Har barnet det trygt og godt – etter si eiga oppleving?",
                                  "en": "Is the child safe and well – in their own experience?"},
    "child_view:evaluation": {"nb": "Har eleven det trygt og godt nå – etter sin egen opplevelse?",
                              "nn": "Har eleven det trygt og godt no – etter si eiga oppleving?",
                              "en": "Is the pupil safe and well now – in their own experience?"},
    "child_view:evaluation.kg": {"nb": "Har barnet det trygt og godt nå – etter sin egen opplevelse?",
                                 "nn": "Har barnet det trygt og godt no – etter si eiga oppleving?",
                                 "en": "Is the child safe and well now – in their own experience?"},
    "child_view:closed": {"nb": "Har eleven det trygt og godt ved avslutningen – etter sin egen opplevelse?",
                          "nn": "Har eleven det trygt og godt ved avslutninga – etter si eiga oppleving?",
                          "en": "Is the pupil safe and well at closing – in their own experience?"},
    "child_view:closed.kg": {"nb": "Har barnet det trygt og godt ved avslutningen – etter sin egen opplevelse?",
                             "nn": "Har barnet det trygt og godt ved avslutninga – etter si eiga oppleving?",
                             "en": "Is the child safe and well at closing – in their own experience?"},
    "sf_decision.orders.text": {"nb": "Hva Statsforvalteren pålegger", "nn": "Kva Statsforvaltaren pålegg",
                                "en": "What Statsforvaltaren orders"},
    "sf_decision.orders.deadline": {"nb": "Frist", "nn": "Frist", "en": "Deadline"},
    "whom": {"nb": "Hvem ble hørt", "nn": "Kven vart høyrd", "en": "Who was heard"},
    "by": {"nb": "Hvem gjorde det", "nn": "Kven gjorde det", "en": "Who did it"},
    "to": {"nb": "Til hvem", "nn": "Til kven", "en": "To whom"},
    "measure": {"nb": "Hvilket tiltak", "nn": "Kva tiltak", "en": "Which measure"},
    "order": {"nb": "Hvilket pålegg", "nn": "Kva pålegg", "en": "Which order"},
    "per": {"nb": "Hvor ofte", "nn": "Kor ofte", "en": "How often"},
    "amount": {"nb": "Beløp (kr)", "nn": "Beløp (kr)", "en": "Amount (NOK)"},
    "from": {"nb": "Fra dato", "nn": "Frå dato", "en": "From date"},
    "no_choice": {"nb": "Velg …", "nn": "Vel …", "en": "Choose …"},
    # plan editor
    "plan_problem": {"nb": "Hvilke problemer skal tiltakene løse?", "nn": "Kva problem skal tiltaka løyse?",
                "en": "What problems are the measures to solve?"},
    "m_text": {"nb": "Hva skal gjøres (tiltak)", "nn": "Kva skal gjerast (tiltak)", "en": "What will be done (measure)"},
    "m_from": {"nb": "Når: fra", "nn": "Når: frå", "en": "When: from"},
    "m_to": {"nb": "til", "nn": "til", "en": "to"},
    "m_who:performer": {"nb": "Hvem gjennomfører", "nn": "Kven gjennomfører", "en": "Who carries it out"},
    "m_who:responsible": {"nb": "Hvem er ansvarlig", "nn": "Kven er ansvarleg", "en": "Who is responsible"},
    "m_target": {"nb": "Rettet mot hvem", "nn": "Retta mot kven", "en": "Aimed at whom"},
    "m_remove": {"nb": "Fjern raden", "nn": "Fjern rada", "en": "Remove the row"},
    "evaluations": {"nb": "Når skal tiltakene evalueres (datoer)", "nn": "Når skal tiltaka evaluerast (datoar)",
                    "en": "When will the measures be evaluated (dates)"},
    "child_views": {"nb": "Hvordan er eleven hørt, og hva ønsker eleven?",
                    "nn": "Korleis er eleven høyrd, og kva ønskjer eleven?",
                    "en": "How was the pupil heard, and what do they want?"},
    "child_views.kg": {"nb": "Hvordan er barnet hørt, og hva ønsker barnet?",
                       "nn": "Korleis er barnet høyrt, og kva ønskjer barnet?",
                       "en": "How was the child heard, and what do they want?"},
    "best_interests.kg": {"nb": "Vurdering av barnets beste", "nn": "Vurdering av det beste for barnet",
                          "en": "Assessment of the child's best interests"},
    "best_interests": {"nb": "Vurdering av elevens beste", "nn": "Vurdering av det beste for eleven",
                       "en": "Assessment of the pupil's best interests"},
    # messages
    "required": {"nb": "Fyll ut dette feltet.", "nn": "Fyll ut dette feltet.", "en": "Fill in this field."},
    "choose": {"nb": "Velg ett av alternativene.", "nn": "Vel eitt av alternativa.", "en": "Choose one of the options."},
    "unknown_choice": {"nb": "Velg ett av alternativene i listen.", "nn": "Vel eitt av alternativa i lista.",
                       "en": "Choose one of the options in the list."},
    "bad_date": {"nb": "Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2025-09-22.",
                 "nn": "Skriv datoen som ÅÅÅÅ-MM-DD, til dømes 2025-09-22.",
                 "en": "Write the date as YYYY-MM-DD, for example 2025-09-22."},
    "bad_time": {"nb": "Skriv klokkeslettet som TT:MM, for eksempel 09:30.",
                 "nn": "Skriv klokkeslettet som TT:MM, til dømes 09:30.",
                 "en": "Write the time as HH:MM, for example 09:30."},
    "future": {"nb": "Datoen kan ikke være fram i tid.", "nn": "Datoen kan ikkje vere fram i tid.",
               "en": "The date cannot be in the future."},
    "future_time": {"nb": "Klokkeslettet kan ikke være senere enn nå.", "nn": "Klokkeslettet kan ikkje vere seinare enn no.",
                    "en": "The time cannot be later than now."},
    "too_long": {"nb": "Teksten er for lang (høyst {max} tegn).", "nn": "Teksten er for lang (høgst {max} teikn).",
                 "en": "The text is too long (at most {max} characters)."},
    "bad_int": {"nb": "Skriv et helt tall.", "nn": "Skriv eit heilt tal.", "en": "Write a whole number."},
    "plan_no_measures": {"nb": "Planen må ha minst ett tiltak.", "nn": "Planen må ha minst eitt tiltak.",
                         "en": "The plan needs at least one measure."},
    "m_text_required": {"nb": "Skriv hva som skal gjøres.", "nn": "Skriv kva som skal gjerast.",
                        "en": "Write what will be done."},
    "m_when_required": {"nb": "Oppgi når tiltaket skal gjennomføres.", "nn": "Oppgi når tiltaket skal gjennomførast.",
                        "en": "Give when the measure will be carried out."},
    "m_who_required": {"nb": "Velg hvem.", "nn": "Vel kven.", "en": "Choose who."},
    "m_order": {"nb": "Til-datoen må være lik eller etter fra-datoen.", "nn": "Til-datoen må vere lik eller etter frå-datoen.",
                "en": "The end date must be on or after the start date."},
    "evaluations_required": {"nb": "Oppgi minst én dato for evaluering.", "nn": "Oppgi minst éin dato for evaluering.",
                             "en": "Give at least one evaluation date."},
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{1,2}:\d{2}$")
#: Fields every step has (the form builds them itself): when, who, free text.
_COMMON = ("at", "type", "by", "text")
#: Event fields that name a person of the organisation (a select of the unit's staff).
_PERSON_FIELDS = ("to",)
#: Event types whose ``by`` is the child or a guardian (the family acted, the school records it).
FAMILY_STEPS = frozenset({"raised_with_principal", "sf_report"})


def text(key: str, lang: str, kg: bool = False, **fields: Any) -> str:
    if kg and key + ".kg" in TEXTS:
        key = key + ".kg"
    return tr(TEXTS, key, lang, **fields)


@dataclass(frozen=True, slots=True)
class FormField:
    """One field of a step's form."""

    #: The name in the form (and, for the event's own fields, in the event).
    name: str
    #: ``choice`` (radio buttons), ``select``, ``bool``, ``text``, ``textarea``, ``date``, ``time``, ``int``.
    kind: str
    label: str
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    hint: str | None = None
    #: ``rows``: a list of objects (a decision's orders), as a fixed number of rows of these fields;
    #: each row's fields are named ``<name><row>_<field>``; an ``id`` is given to each row.
    sub: tuple[FormField, ...] = ()
    rows: int = 0
    id_prefix: str = ""


#: Rows of a list-of-objects field (a decision's orders).
LIST_ROWS = 3


@dataclass(frozen=True, slots=True)
class SchemaField:
    """A field the case-file schema gives an event type."""

    name: str
    required: bool
    spec: Mapping[str, Any]


@lru_cache(maxsize=1)
def _schema_fields() -> dict[str, tuple[SchemaField, ...]]:
    """Event type -> its own fields (besides at, type, by, text), from the schema's ``allOf``."""
    full = casefile.schema()
    defs = full.get("$defs", {})
    types = defs["event"]["properties"]["type"]["enum"]
    out: dict[str, list[SchemaField]] = {str(k): [] for k in types}
    for rule in defs["event"].get("allOf", []):
        cond = rule.get("if", {}).get("properties", {}).get("type", {})
        kinds = [cond["const"]] if "const" in cond else list(cond.get("enum", []))
        then = rule.get("then", {})
        props = then.get("properties", {})
        required = set(then.get("required", []))
        for kind in kinds:
            for name, spec in props.items():
                if name in _COMMON:
                    continue
                if "$ref" in spec:
                    spec = defs[spec["$ref"].rsplit("/", 1)[-1]]
                out.setdefault(kind, []).append(SchemaField(name, name in required, spec))
    return {k: tuple(v) for k, v in out.items()}


def schema_fields(event_type: str) -> tuple[SchemaField, ...]:
    return _schema_fields().get(event_type, ())


def known_type(event_type: str) -> bool:
    return event_type in _schema_fields()


@dataclass(frozen=True, slots=True)
class CaseChoices:
    """What some fields offer to choose from, taken from the case and the organisation."""

    #: Staff of the unit (roster id, «name (role)»), for «to whom» and «who carries out».
    staff: tuple[tuple[str, str], ...] = ()
    #: The leadership of the unit (principal, case handler), first in «to whom».
    leaders: tuple[tuple[str, str], ...] = ()
    #: The child and the guardians in the case (for steps the family takes).
    family: tuple[tuple[str, str], ...] = ()
    #: The unit's owner (id, name), whom a report to the owner goes to.
    owners: tuple[tuple[str, str], ...] = ()
    #: The current plan's measures (id, «id: text»).
    measures: tuple[tuple[str, str], ...] = ()
    #: The open orders of Statsforvaltaren's latest decision.
    orders: tuple[tuple[str, str], ...] = ()
    kindergarten: bool = False


def _enum_label(name: str, value: str, lang: str, kg: bool) -> str:
    label = value_label(name, value, lang, kg)
    return label[:1].upper() + label[1:]


def _field_label(event_type: str, name: str, lang: str, kg: bool) -> str:
    for key in (f"{event_type}.{name}", f"{name}:{event_type}", name):
        if key in TEXTS or key + ".kg" in TEXTS:
            return text(key, lang, kg)
    if name in FIELD_LABELS:
        return t(FIELD_LABELS, name, lang, kg)
    return name


def _schema_field(
    event_type: str, name: str, required: bool, spec: Mapping[str, Any], choices: CaseChoices, lang: str,
) -> FormField | None:
    """The form field for one field of the schema (None for a kind of field no form can hold)."""
    kg = choices.kindergarten
    label = _field_label(event_type, name, lang, kg)
    if name in _PERSON_FIELDS:
        options = choices.leaders + tuple(o for o in choices.staff if o not in choices.leaders)
        if event_type == "report_to_owner":
            options = choices.owners
        return FormField(name, "select", label, required, options)
    if name == "measure":
        return FormField(name, "select", label, required, choices.measures)
    if name == "order":
        return FormField(name, "select", label, required, choices.orders)
    if "enum" in spec:
        options = tuple((str(v), _enum_label(name, str(v), lang, kg)) for v in spec["enum"])
        return FormField(name, "choice", label, required, options)
    kind = spec.get("type")
    if kind == "boolean":
        options = (("true", t(LABELS, "yes", lang).capitalize()), ("false", t(LABELS, "no", lang).capitalize()))
        return FormField(name, "choice", label, required, options)
    if kind == "integer":
        return FormField(name, "int", label, required)
    if spec.get("format") == "date":
        return FormField(name, "date", label, required)
    if kind == "string":
        return FormField(name, "textarea" if name in ("problem", "text") else "text", label, required)
    items = spec.get("items") if kind == "array" else None
    if isinstance(items, Mapping) and items.get("type") == "object":
        needed = set(items.get("required", []))
        sub = tuple(
            f for f in (_schema_field(f"{event_type}.{name}", key, key in needed, value, choices, lang)
                        for key, value in items.get("properties", {}).items() if key != "id")
            if f is not None and f.kind != "rows"
        )
        return FormField(name, "rows", label, required, sub=sub, rows=LIST_ROWS, id_prefix=name[:1] or "r")
    return None


def field_labels(fields: Sequence[FormField]) -> dict[str, str]:
    """Form field name -> label (a row's fields as «Pålegg 2, frist»), for the error summary."""
    labels: dict[str, str] = {}
    for f in fields:
        labels[f.name] = f.label
        for i in range(f.rows):
            for sub in f.sub:
                labels[f"{f.name}{i}_{sub.name}"] = f"{f.label} {i + 1}, {sub.label[:1].lower()}{sub.label[1:]}"
    return labels


def field_anchors(fields: Sequence[FormField]) -> dict[str, str]:
    """Form field name -> the name of the element an error message links to, where that is not
    the field itself: the first button of a set of radio buttons (``child_view-safe``)."""
    anchors: dict[str, str] = {}
    for f in fields:
        if f.kind == "choice" and f.options:
            anchors[f.name] = f"{f.name}-{f.options[0][0]}"
        for i in range(f.rows):
            for sub in f.sub:
                if sub.kind == "choice" and sub.options:
                    anchors[f"{f.name}{i}_{sub.name}"] = f"{f.name}{i}_{sub.name}-{sub.options[0][0]}"
    return anchors


def time_fields(lang: str) -> list[FormField]:
    """When the step was taken: a date, and a time if known."""
    return [
        FormField("at_date", "date", text("at_date", lang), required=True),
        FormField("at_time", "time", text("at_time", lang)),
    ]


def step_fields(event_type: str, choices: CaseChoices, lang: str) -> list[FormField]:
    """The fields of the form for ``event_type`` (not the plan: see :func:`plan_rows`)."""
    kg = choices.kindergarten
    fields = time_fields(lang)
    if event_type in FAMILY_STEPS:
        fields.append(FormField("by", "select", text("by", lang), required=True, options=choices.family))
    for sf in schema_fields(event_type):
        field_ = _schema_field(event_type, sf.name, sf.required, sf.spec, choices, lang)
        if field_ is not None:
            fields.append(field_)
    fields.append(FormField("text", "textarea", _field_label(event_type, "text", lang, kg)))
    return fields


# --- reading a posted form ---------------------------------------------------------------------


@dataclass
class Parsed:
    """A posted step: the event (when the fields are right) and a message per field."""

    event: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _get(data: Mapping[str, str], name: str) -> str:
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""


def _parse_date(value: str) -> date | None:
    if not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def event_time(day: date, clock: str) -> str:
    """The case file's ``at``: the date alone, or date and time with the Oslo offset that day."""
    if not clock:
        return day.isoformat()
    hour, minute = (int(x) for x in clock.split(":"))
    local = datetime.combine(day, time(hour, minute), tzinfo=OSLO)
    return local.isoformat(timespec="seconds")


def _parse_at(data: Mapping[str, str], now: datetime, lang: str, out: Parsed) -> None:
    """``at`` from the date and time fields; not after ``now`` (Oslo time): a step is recorded
    when it has been taken."""
    local = now.astimezone(OSLO)
    today = local.date()
    raw_day, raw_time = _get(data, "at_date"), _get(data, "at_time")
    day = _parse_date(raw_day)
    if not raw_day:
        out.errors["at_date"] = text("required", lang)
    elif day is None:
        out.errors["at_date"] = text("bad_date", lang)
    elif day > today:
        out.errors["at_date"] = text("future", lang)
    ok_time = True
    if raw_time:
        ok_time = bool(_TIME.match(raw_time))
        if ok_time:
            hour, minute = (int(x) for x in raw_time.split(":"))
            ok_time = hour < 24 and minute < 60
        if not ok_time:
            out.errors["at_time"] = text("bad_time", lang)
    if day is not None and ok_time and "at_date" not in out.errors:
        if raw_time and day == today and (int(raw_time.split(":")[0]), int(raw_time.split(":")[1])) > (
                local.hour, local.minute):
            out.errors["at_time"] = text("future_time", lang)
        else:
            out.event["at"] = event_time(day, raw_time)


def _check_text(value: str, name: str, lang: str, out: Parsed) -> bool:
    if len(value) > MAX_TEXT:
        out.errors[name] = text("too_long", lang, max=MAX_TEXT)
        return False
    return True


def parse_step(
    event_type: str, fields: Sequence[FormField], data: Mapping[str, str], now: datetime, lang: str,
) -> Parsed:
    """The event a step's form describes, or a message per field that is wrong (nothing is
    written then). The workflow's and the case file's own checks come after, when it is stored."""
    out = Parsed()
    out.event["type"] = event_type
    _parse_at(data, now, lang, out)
    for f in fields:
        if f.name in ("at_date", "at_time"):
            continue
        if f.kind == "rows":
            _parse_rows(f, data, lang, out)
            continue
        value = _parse_value(f, f.name, data, lang, out)
        if value is not None:
            out.event[f.name] = value
    return out


def _parse_value(f: FormField, name: str, data: Mapping[str, str], lang: str, out: Parsed) -> Any:
    """The value of field ``f`` posted as ``name`` (None if empty or wrong; a wrong one gets a message)."""
    value = _get(data, name)
    if not value:
        if f.required:
            out.errors[name] = text("choose" if f.kind in ("choice", "select") else "required", lang)
        return None
    if f.kind in ("choice", "select"):
        if value not in {v for v, _ in f.options}:
            out.errors[name] = text("unknown_choice", lang)
            return None
        if value in ("true", "false") and f.options and f.options[0][0] == "true":
            return value == "true"
        return value
    if f.kind == "int":
        if not re.fullmatch(r"\d{1,12}", value):
            out.errors[name] = text("bad_int", lang)
            return None
        return int(value)
    if f.kind == "date":
        day = _parse_date(value)
        if day is None:
            out.errors[name] = text("bad_date", lang)
            return None
        return day.isoformat()
    if _check_text(value, name, lang, out):
        return data.get(name, "").replace("\r\n", "\n").strip()
    return None


def _parse_rows(f: FormField, data: Mapping[str, str], lang: str, out: Parsed) -> None:
    """A list of objects from its rows: empty rows are left out; each row gets an id."""
    items: list[dict[str, Any]] = []
    for i in range(f.rows):
        names = {sub.name: f"{f.name}{i}_{sub.name}" for sub in f.sub}
        if not any(_get(data, n) for n in names.values()):
            continue
        item: dict[str, Any] = {"id": f"{f.id_prefix}{len(items) + 1}"}
        for sub in f.sub:
            value = _parse_value(sub, names[sub.name], data, lang, out)
            if value is not None:
                item[sub.name] = value
        items.append(item)
    if items:
        out.event[f.name] = items
    elif f.required:
        out.errors[f"{f.name}0_{f.sub[0].name}" if f.sub else f.name] = text("required", lang)


# --- the plan editor ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One row of the measures table, as the form shows it."""

    index: int
    id: str
    text: str = ""
    start: str = ""
    end: str = ""
    who: str = ""
    target: str = ""


def target_options(lang: str, kg: bool) -> tuple[tuple[str, str], ...]:
    keys = ("child", "offender", "group", "class", "staff", "home", "other")
    return tuple((k, t(TARGET_LABELS, k, lang, kg).capitalize()) for k in keys)


def plan_values(plan: Mapping[str, Any] | None, who_field: str) -> dict[str, str]:
    """A plan (as in the case file) as the editor's form values, to revise it."""
    if not plan:
        return {}
    values: dict[str, str] = {
        "problem": str(plan.get("problem") or ""),
        "child_views": str(plan.get("child_views") or ""),
        "best_interests": str(plan.get("best_interests") or ""),
    }
    measures = plan.get("measures") or []
    for i, m in enumerate(measures):
        when = str(m.get("when") or "")
        start, _, end = when.partition("/")
        values.update({
            f"m{i}_id": str(m.get("id") or ""), f"m{i}_text": str(m.get("text") or ""),
            f"m{i}_from": start, f"m{i}_to": end,
            f"m{i}_who": str(m.get(who_field) or m.get("performer") or m.get("responsible") or ""),
            f"m{i}_target": str(m.get("target") or ""),
        })
    values["rows"] = str(max(len(measures) + 1, PLAN_ROWS))
    for i, d in enumerate(plan.get("evaluations") or []):
        if i < EVAL_FIELDS:
            values[f"eval{i}"] = str(d)
    return values


def row_count(data: Mapping[str, str]) -> int:
    raw = _get(data, "rows")
    n = int(raw) if raw.isdigit() else PLAN_ROWS
    return max(1, min(n, PLAN_ROWS_MAX))


def plan_rows(data: Mapping[str, str], count: int) -> list[PlanRow]:
    return [
        PlanRow(i, _get(data, f"m{i}_id"), data.get(f"m{i}_text", "") or "", _get(data, f"m{i}_from"),
                _get(data, f"m{i}_to"), _get(data, f"m{i}_who"), _get(data, f"m{i}_target"))
        for i in range(count)
    ]


def rework_rows(data: Mapping[str, str], add: int) -> dict[str, str]:
    """The form values with the measure rows marked «remove» taken out (the rows after them move
    up) and ``add`` empty rows more (at most :data:`PLAN_ROWS_MAX`)."""
    count = row_count(data)
    out = {k: v for k, v in data.items() if not re.match(r"^m\d+_", k)}
    j = 0
    for i in range(count):
        if data.get(f"m{i}_remove"):
            continue
        for part in ("id", "text", "from", "to", "who", "target"):
            value = data.get(f"m{i}_{part}")
            if value:
                out[f"m{j}_{part}"] = value
        j += 1
    out["rows"] = str(max(1, min(j + add, PLAN_ROWS_MAX)))
    return out


def _new_id(taken: set[str]) -> str:
    n = 1
    while f"m{n}" in taken:
        n += 1
    taken.add(f"m{n}")
    return f"m{n}"


def parse_plan(
    data: Mapping[str, str], who_field: str, who_options: Sequence[tuple[str, str]], version: int,
    now: datetime, lang: str,
) -> Parsed:
    """The plan event the editor describes (the five fields the law requires: the problem, the
    measures, when, who, and the evaluation dates), or a message per field."""
    out = Parsed()
    out.event["type"] = "plan"
    _parse_at(data, now, lang, out)
    problem = data.get("problem", "").replace("\r\n", "\n").strip()
    if not problem:
        out.errors["problem"] = text("required", lang)
    else:
        _check_text(problem, "problem", lang, out)
    targets = {k for k, _ in target_options(lang, False)}
    allowed_who = {v for v, _ in who_options}
    rows = plan_rows(data, row_count(data))
    taken = {r.id for r in rows if r.id}
    measures: list[dict[str, Any]] = []
    for row in rows:
        p = f"m{row.index}_"
        if data.get(p + "remove") or not (row.text.strip() or row.start or row.end or row.who or row.target):
            continue
        if not row.text.strip():
            out.errors[p + "text"] = text("m_text_required", lang)
        else:
            _check_text(row.text, p + "text", lang, out)
        start, end = _parse_date(row.start) if row.start else None, _parse_date(row.end) if row.end else None
        if row.start and start is None:
            out.errors[p + "from"] = text("bad_date", lang)
        if row.end and end is None:
            out.errors[p + "to"] = text("bad_date", lang)
        if not row.start and not row.end:
            out.errors[p + "from"] = text("m_when_required", lang)
        if start and end and end < start:
            out.errors[p + "to"] = text("m_order", lang)
        if not row.who:
            out.errors[p + "who"] = text("m_who_required", lang)
        elif row.who not in allowed_who:
            out.errors[p + "who"] = text("unknown_choice", lang)
        if row.target and row.target not in targets:
            out.errors[p + "target"] = text("unknown_choice", lang)
        when = "/".join(d.isoformat() for d in (start, end) if d is not None)
        measure: dict[str, Any] = {"id": row.id or _new_id(taken), "text": row.text.replace("\r\n", "\n").strip()}
        if when:
            measure["when"] = when
        if row.who:
            measure[who_field] = row.who
        if row.target:
            measure["target"] = row.target
        measures.append(measure)
    if not measures:
        out.errors["m0_text"] = text("plan_no_measures", lang)
    evaluations: list[str] = []
    for i in range(EVAL_FIELDS):
        raw = _get(data, f"eval{i}")
        if not raw:
            continue
        day = _parse_date(raw)
        if day is None:
            out.errors[f"eval{i}"] = text("bad_date", lang)
        else:
            evaluations.append(day.isoformat())
    if not evaluations and "eval0" not in out.errors:
        out.errors["eval0"] = text("evaluations_required", lang)
    plan: dict[str, Any] = {"version": version, "problem": problem, "measures": measures,
                            "evaluations": sorted(set(evaluations))}
    for name in ("child_views", "best_interests"):
        value = data.get(name, "").replace("\r\n", "\n").strip()
        if value and _check_text(value, name, lang, out):
            plan[name] = value
    remark = data.get("text", "").replace("\r\n", "\n").strip()
    if remark and _check_text(remark, "text", lang, out):
        out.event["text"] = remark
    out.event["plan"] = plan
    return out


def error_field(path: str) -> str | None:
    """The form field a problem's path (``$.event.plan.measures[0].text``) points at, if any."""
    m = re.match(r"^\$\.event\.plan\.measures\[(\d+)\]\.(\w+)", path)
    if m:
        part = {"performer": "who", "responsible": "who", "when": "from"}.get(m.group(2), m.group(2))
        return f"m{m.group(1)}_{part}"
    m = re.match(r"^\$\.event\.plan\.evaluations\[(\d+)\]", path)
    if m:
        return f"eval{m.group(1)}"
    m = re.match(r"^\$\.event\.plan\.(\w+)", path)
    if m:
        return m.group(1) if m.group(1) != "measures" else "m0_text"
    m = re.match(r"^\$\.event\.(\w+)", path)
    if m:
        return "at_date" if m.group(1) == "at" else m.group(1)
    return None


__all__ = [
    "EVAL_FIELDS", "FAMILY_STEPS", "PLAN_ROWS", "PLAN_ROWS_MAX", "PLAN_ROWS_STEP", "CaseChoices", "FormField",
    "Parsed", "PlanRow", "error_field", "event_time", "field_anchors", "field_labels", "known_type", "parse_plan",
    "parse_step", "plan_rows", "plan_values", "rework_rows", "row_count", "schema_fields", "step_fields",
    "target_options", "text", "time_fields",
]
