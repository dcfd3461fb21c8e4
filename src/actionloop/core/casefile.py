"""Reading and writing case files (JSON, YAML, JSON Lines), with every error named by its place.

Reading is all or nothing: a file with any problem raises :class:`CaseFileError` listing every
problem found (schema, then references and order), and nothing is returned.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from actionloop.core.clock import OSLO
from actionloop.core.errors import CaseFileError, Problem
from actionloop.core.i18n import Catalog, tr
from actionloop.core.model import (
    FORMAT,
    CaseFile,
    CaseInfo,
    Child,
    Event,
    Measure,
    Order,
    Person,
    Plan,
    Unit,
)

MESSAGES: Catalog = {
    "not_json": {
        "nb": "filen er ikke gyldig JSON ({error})",
        "nn": "fila er ikkje gyldig JSON ({error})",
        "en": "the file is not valid JSON ({error})",
    },
    "not_yaml": {
        "nb": "filen er ikke gyldig YAML ({error})",
        "nn": "fila er ikkje gyldig YAML ({error})",
        "en": "the file is not valid YAML ({error})",
    },
    "not_object": {
        "nb": "en saksfil må være et objekt med feltene format, case, people og events",
        "nn": "ei saksfil må vere eit objekt med felta format, case, people og events",
        "en": "a case file must be an object with the fields format, case, people and events",
    },
    "format": {
        "nb": "dette er ikke en saksfil i formatet {format} (fant format {found})",
        "nn": "dette er ikkje ei saksfil i formatet {format} (fann format {found})",
        "en": "this is not a case file in the format {format} (found format {found})",
    },
    "suffix": {
        "nb": "ukjent filtype «{suffix}»: bruk .json, .yaml, .yml eller .jsonl",
        "nn": "ukjend filtype «{suffix}»: bruk .json, .yaml, .yml eller .jsonl",
        "en": "unknown file type «{suffix}»: use .json, .yaml, .yml or .jsonl",
    },
    "required": {
        "nb": "feltet «{field}» mangler",
        "nn": "feltet «{field}» manglar",
        "en": "the field «{field}» is missing",
    },
    "enum": {
        "nb": "ugyldig verdi {value}; gyldige verdier er: {allowed}",
        "nn": "ugyldig verdi {value}; gyldige verdiar er: {allowed}",
        "en": "invalid value {value}; valid values are: {allowed}",
    },
    "unknown_type": {
        "nb": "ukjent hendelsestype {value}; kjente typer er: {allowed}",
        "nn": "ukjend hendingstype {value}; kjende typar er: {allowed}",
        "en": "unknown event type {value}; known types are: {allowed}",
    },
    "type": {
        "nb": "verdien {value} har feil type: forventet {expected}",
        "nn": "verdien {value} har feil type: venta {expected}",
        "en": "the value {value} has the wrong type: expected {expected}",
    },
    "additional": {
        "nb": "ukjent felt «{field}»",
        "nn": "ukjent felt «{field}»",
        "en": "unknown field «{field}»",
    },
    "when": {
        "nb": "{value} er ikke en dato eller et tidspunkt (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm+01:00)",
        "nn": "{value} er ikkje ein dato eller eit tidspunkt (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm+01:00)",
        "en": "{value} is not a date or a date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm+01:00)",
    },
    "date": {
        "nb": "{value} er ikke en gyldig dato (ÅÅÅÅ-MM-DD)",
        "nn": "{value} er ikkje ein gyldig dato (ÅÅÅÅ-MM-DD)",
        "en": "{value} is not a valid date (YYYY-MM-DD)",
    },
    "empty": {
        "nb": "feltet kan ikke være tomt",
        "nn": "feltet kan ikkje vere tomt",
        "en": "the field may not be empty",
    },
    "range": {
        "nb": "verdien {value} er utenfor det tillatte området",
        "nn": "verdien {value} er utanfor det tillatne området",
        "en": "the value {value} is out of range",
    },
    "invalid": {
        "nb": "ugyldig verdi {value}",
        "nn": "ugyldig verdi {value}",
        "en": "invalid value {value}",
    },
    "order": {
        "nb": "hendelsen er datert {at}, før hendelsen foran ({prev}); hendelsene må stå i tidsrekkefølge",
        "nn": "hendinga er datert {at}, før hendinga framfor ({prev}); hendingane må stå i tidsrekkjefølgje",
        "en": "the event is dated {at}, before the event before it ({prev}); events must be in time order",
    },
    "unknown_person": {
        "nb": "personen «{ref}» finnes ikke i people",
        "nn": "personen «{ref}» finst ikkje i people",
        "en": "the person «{ref}» is not in people",
    },
    "duplicate_person": {
        "nb": "personen «{ref}» står mer enn én gang i people",
        "nn": "personen «{ref}» står meir enn éin gong i people",
        "en": "the person «{ref}» is listed more than once in people",
    },
    "no_measures": {
        "nb": "planen har ingen tiltak; en aktivitetsplan må ha minst ett tiltak",
        "nn": "planen har ingen tiltak; ein aktivitetsplan må ha minst eitt tiltak",
        "en": "the plan has no measures; an activity plan must have at least one measure",
    },
    "duplicate_measure": {
        "nb": "tiltaket «{ref}» står mer enn én gang i planen",
        "nn": "tiltaket «{ref}» står meir enn éin gong i planen",
        "en": "the measure «{ref}» appears more than once in the plan",
    },
    "unknown_measure": {
        "nb": "tiltaket «{ref}» finnes ikke i noen plan før denne hendelsen",
        "nn": "tiltaket «{ref}» finst ikkje i nokon plan før denne hendinga",
        "en": "the measure «{ref}» is not in any plan before this event",
    },
    "unknown_order": {
        "nb": "pålegget «{ref}» finnes ikke i noe vedtak fra Statsforvalteren før denne hendelsen",
        "nn": "pålegget «{ref}» finst ikkje i noko vedtak frå Statsforvaltaren før denne hendinga",
        "en": "the order «{ref}» is not in any decision from Statsforvaltaren before this event",
    },
    "line": {
        "nb": "linje {line}",
        "nn": "linje {line}",
        "en": "line {line}",
    },
}

_WHEN = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The case file schema (JSON Schema 2020-12), as shipped with the package."""
    text = resources.files("actionloop.core").joinpath("case-file.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    """The reference validator: slow, but it names every error with its place."""
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _fast_validators() -> tuple[Callable[[Any], Any], dict[str, Callable[[Any], Any]]]:
    """The schema compiled to Python code and split by event type, used first: the top level
    without the events, and per event type the event schema with only the rules for that type
    (the schema's ``allOf`` of ``if``/``then`` pairs, resolved once). Only a file they reject
    goes through the reference validator, for the full list of errors with their places."""
    full = schema()
    defs = full["$defs"]
    top = copy.deepcopy(full)
    top["properties"]["events"] = {"type": "array", "items": {"type": "object"}}
    event = defs["event"]
    per_type: dict[str, Callable[[Any], Any]] = {}
    for kind in event["properties"]["type"]["enum"]:
        rules = []
        for rule in event.get("allOf", []):
            condition = rule["if"]["properties"]["type"]
            kinds = condition.get("enum", [condition.get("const")])
            if kind in kinds:
                rules.append(rule["then"])
        specialised = {
            "$schema": full["$schema"], "$defs": defs, "type": "object",
            "required": event["required"], "properties": event["properties"], "allOf": rules,
        }
        per_type[kind] = fastjsonschema.compile(specialised, formats={"date": _is_date})
    return fastjsonschema.compile(top, formats={"date": _is_date}), per_type


def _passes_fast(data: Any) -> bool:
    top, per_type = _fast_validators()
    try:
        top(data)
        for event in data["events"]:
            check = per_type.get(event.get("type"))
            if check is None:
                return False
            check(event)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def parse_when(text: str) -> tuple[datetime, date, bool] | None:
    """``(instant, local date, has time)`` for an ``at`` value, or None if it is not one.

    A time without an offset is Oslo local time; a date alone is placed at local midnight.
    """
    m = _WHEN.match(text)
    if not m:
        return None
    year, month, day, hh, mm, ss, frac, off = m.groups()
    try:
        if hh is None:
            d = date(int(year), int(month), int(day))
            return datetime(d.year, d.month, d.day, tzinfo=OSLO), d, False
        iso = f"{year}-{month}-{day}T{hh}:{mm}:{ss or '00'}"
        if frac:
            iso += "." + (frac + "000000")[:6]
        if off:
            iso += "+00:00" if off == "Z" else (off if ":" in off else off[:3] + ":" + off[3:])
        instant = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=OSLO)
    return instant, instant.astimezone(OSLO).date(), True


def _path(parts: Sequence[str | int]) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _schema_problem(error: ValidationError, lang: str) -> Problem:
    parts = list(error.absolute_path)
    kind = error.validator
    instance: Any = error.instance
    expected: Any = error.validator_value
    subschema: Any = error.schema
    if kind == "required":
        missing = [f for f in expected if isinstance(instance, dict) and f not in instance]
        return Problem(_path(parts), tr(MESSAGES, "required", lang, field=missing[0] if missing else "?"))
    if kind == "additionalProperties":
        extra = sorted(set(instance) - set(subschema.get("properties", {})))
        return Problem(_path(parts + extra[:1]), tr(MESSAGES, "additional", lang, field=extra[0] if extra else "?"))
    if kind in ("enum", "const"):
        allowed = expected if kind == "enum" else [expected]
        key = "unknown_type" if parts and parts[-1] == "type" and len(parts) == 3 else "enum"
        return Problem(_path(parts), tr(MESSAGES, key, lang, value=_show(instance), allowed=", ".join(map(str, allowed))))
    if kind == "type":
        return Problem(_path(parts), tr(MESSAGES, "type", lang, value=_show(instance), expected=expected))
    if kind == "pattern":
        return Problem(_path(parts), tr(MESSAGES, "when", lang, value=_show(instance)))
    if kind == "format":
        return Problem(_path(parts), tr(MESSAGES, "date", lang, value=_show(instance)))
    if kind == "minLength":
        return Problem(_path(parts), tr(MESSAGES, "empty", lang))
    if kind in ("minimum", "maximum"):
        return Problem(_path(parts), tr(MESSAGES, "range", lang, value=_show(instance)))
    return Problem(_path(parts), tr(MESSAGES, "invalid", lang, value=_show(instance)))


def _schema_problems(data: Any, lang: str) -> list[Problem]:
    if not isinstance(data, dict):
        return [Problem("$", tr(MESSAGES, "not_object", lang))]
    if "format" in data and data["format"] != FORMAT:
        return [Problem("$.format", tr(MESSAGES, "format", lang, format=FORMAT, found=_show(data["format"])))]
    if _passes_fast(data):
        return []
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for error in _leaves(errors):
        problem = _schema_problem(error, lang)
        if (problem.path, problem.message) not in seen:
            seen.add((problem.path, problem.message))
            problems.append(problem)
    return problems


def _leaves(errors: list[ValidationError]) -> Iterator[ValidationError]:
    """The most specific errors: an ``allOf``/``if`` failure is reported through its causes."""
    for error in errors:
        if error.context:
            yield from _leaves(list(error.context))
        else:
            yield error


def _measure(d: Mapping[str, Any]) -> Measure:
    return Measure(
        id=d["id"], text=d["text"], when=d.get("when"), performer=d.get("performer"),
        responsible=d.get("responsible"), target=d.get("target"),
    )


def _plan(d: Mapping[str, Any]) -> Plan:
    return Plan(
        problem=d["problem"],
        measures=tuple(_measure(m) for m in d["measures"]),
        evaluations=tuple(date.fromisoformat(x) for x in d["evaluations"]),
        version=d.get("version"),
        child_views=d.get("child_views"),
        best_interests=d.get("best_interests"),
    )


_NAMED_FIELDS = {
    "concern": ("source", "offender", "serious"),
    "report_to_principal": ("to",),
    "report_to_owner": ("to",),
    "serious": ("serious",),
    "child_heard": ("child_view",),
    "heard": ("whom",),
    "investigation_concluded": ("conclusion", "problem"),
    "plan": ("plan",),
    "measure_done": ("measure",),
    "evaluation": ("child_view", "outcome"),
    "closed": ("child_view",),
    "sf_decision": ("outcome", "orders"),
    "sf_order_done": ("order",),
    "coercive_fine": ("amount", "per", "from"),
}


def event_from_dict(index: int, d: Mapping[str, Any]) -> Event:
    """An :class:`Event` from an event mapping that has already been checked (stored events: the
    store validated them when they were written). Unchecked input belongs in :func:`from_dict`."""
    parsed = parse_when(d["at"])
    assert parsed is not None  # checked before
    instant, day, timed = parsed
    names = _NAMED_FIELDS.get(d["type"], ())
    fields: dict[str, Any] = {}
    for name in names:
        if name not in d:
            continue
        value = d[name]
        if name == "plan":
            value = _plan(value)
        elif name == "orders":
            value = tuple(
                Order(o["id"], o["text"], date.fromisoformat(o["deadline"]) if "deadline" in o else None)
                for o in value
            )
        elif name == "from":
            value = date.fromisoformat(value)
        fields[name] = value
    extra = {k: v for k, v in d.items() if k not in ("at", "type", "by", "text") and k not in names}
    by = d.get("by")
    # Types, ids and roles interned: the engine compares them with literals and each other, and
    # equal interned strings are the same object (an identity test, no character comparison).
    return Event(
        index=index, type=sys.intern(d["type"]), at=instant, day=day, timed=timed, at_text=d["at"],
        by=sys.intern(by) if by is not None else None, text=d.get("text"), fields=fields, extra=extra,
        key_order=tuple(d),
    )


def _semantic_problems(data: Mapping[str, Any], lang: str) -> list[Problem]:
    """References, order and plan content: what the schema cannot say."""
    problems: list[Problem] = []
    people: set[str] = set()
    for i, p in enumerate(data["people"]):
        if p["id"] in people:
            problems.append(Problem(f"$.people[{i}].id", tr(MESSAGES, "duplicate_person", lang, ref=p["id"])))
        people.add(p["id"])
    measures: set[str] = set()
    orders: set[str] = set()
    prev: tuple[datetime, date, bool] | None = None
    prev_text = ""
    for i, e in enumerate(data["events"]):
        where = f"$.events[{i}]"
        when = parse_when(e["at"])
        if when is None:
            problems.append(Problem(f"{where}.at", tr(MESSAGES, "when", lang, value=_show(e["at"]))))
        else:
            if prev is not None:
                both_timed = prev[2] and when[2]
                earlier = when[0] < prev[0] if both_timed else when[1] < prev[1]
                if earlier:
                    problems.append(Problem(f"{where}.at", tr(MESSAGES, "order", lang, at=e["at"], prev=prev_text)))
            prev, prev_text = when, e["at"]
        for key in ("by", "to"):
            ref = e.get(key)
            if isinstance(ref, str) and ref not in people:
                problems.append(Problem(f"{where}.{key}", tr(MESSAGES, "unknown_person", lang, ref=ref)))
        kind = e["type"]
        if kind == "plan":
            plan = e["plan"]
            if not plan["measures"]:
                problems.append(Problem(f"{where}.plan.measures", tr(MESSAGES, "no_measures", lang)))
            ids: set[str] = set()
            for j, m in enumerate(plan["measures"]):
                if m["id"] in ids:
                    problems.append(Problem(f"{where}.plan.measures[{j}].id",
                                            tr(MESSAGES, "duplicate_measure", lang, ref=m["id"])))
                ids.add(m["id"])
            measures |= ids
        elif kind == "measure_done" and e["measure"] not in measures:
            problems.append(Problem(f"{where}.measure", tr(MESSAGES, "unknown_measure", lang, ref=e["measure"])))
        elif kind == "sf_decision":
            orders |= {o["id"] for o in e.get("orders", [])}
        elif kind == "sf_order_done" and e["order"] not in orders:
            problems.append(Problem(f"{where}.order", tr(MESSAGES, "unknown_order", lang, ref=e["order"])))
    return problems


def from_dict(data: Any, source: str = "<input>", lang: str = "nb") -> CaseFile:
    """A :class:`CaseFile` from parsed JSON/YAML, or :class:`CaseFileError` with every problem."""
    problems = _schema_problems(data, lang)
    if not problems:
        problems = _semantic_problems(data, lang)
    if problems:
        raise CaseFileError(source, problems)
    c = data["case"]
    unit = c["unit"]
    child = c["child"]
    info = CaseInfo(
        id=c["id"], setting=c["setting"],
        unit=Unit(unit["id"], unit["name"], unit.get("owner")),
        child=Child(
            child["id"], child.get("name"),
            date.fromisoformat(child["birth_date"]) if "birth_date" in child else None,
            child.get("grade"),
        ),
        language=c.get("language"),
    )
    people = tuple(Person(sys.intern(p["id"]), sys.intern(p["role"]), p.get("name")) for p in data["people"])
    events = tuple(event_from_dict(i, e) for i, e in enumerate(data["events"]))
    return CaseFile(info, people, events)


class _StringLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay the strings they were written as."""


_StringLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_text(text: str, kind: str, source: str = "<input>", lang: str = "nb") -> CaseFile:
    """A case file from JSON (``kind="json"``) or YAML (``kind="yaml"``) text."""
    try:
        data = json.loads(text) if kind == "json" else yaml.load(text, Loader=_StringLoader)  # noqa: S506
    except json.JSONDecodeError as exc:
        where = f"$ (linje {exc.lineno}, kolonne {exc.colno})"
        raise CaseFileError(source, [Problem(where, tr(MESSAGES, "not_json", lang, error=exc.msg))]) from None
    except yaml.YAMLError as exc:
        raise CaseFileError(source, [Problem("$", tr(MESSAGES, "not_yaml", lang, error=str(exc).splitlines()[0]))]) from None
    return from_dict(data, source, lang)


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".jsonl": "jsonl"}.get(suffix)


def _read_text(path: Path, lang: str) -> str:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        raise CaseFileError(str(path), [Problem("$", tr(MESSAGES, "not_json", lang, error="not UTF-8"))]) from None


def load(path: Path, lang: str = "nb") -> CaseFile:
    """One case file (``.json``, ``.yaml`` or ``.yml``)."""
    kind = kind_of(path)
    if kind not in ("json", "yaml"):
        raise CaseFileError(str(path), [Problem("$", tr(MESSAGES, "suffix", lang, suffix=path.suffix))])
    return parse_text(_read_text(path, lang), kind, str(path), lang)


def iter_jsonl(path: Path, lang: str = "nb") -> Iterator[CaseFile]:
    """The case files of a JSON Lines file, one per non-empty line, read as they are needed."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                source = f"{path}, {tr(MESSAGES, 'line', lang, line=number)}"
                yield parse_text(line, "json", source, lang)


def load_many(path: Path, lang: str = "nb") -> list[CaseFile]:
    """Every case in a file (one, or a JSON Lines file's many): all of them, or an error."""
    if kind_of(path) == "jsonl":
        problems: list[Problem] = []
        cases: list[CaseFile] = []
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    cases.append(parse_text(line, "json", str(path), lang))
                except CaseFileError as exc:
                    prefix = tr(MESSAGES, "line", lang, line=number)
                    problems += [Problem(f"{prefix}: {p.path}", p.message) for p in exc.problems]
        if problems:
            raise CaseFileError(str(path), problems)
        return cases
    return [load(path, lang)]


def dumps(case: CaseFile, kind: str = "json") -> str:
    """The case file as JSON (indented, UTF-8) or YAML text."""
    data = case.to_dict()
    if kind == "yaml":
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if kind == "jsonl":
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
