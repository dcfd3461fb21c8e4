"""Reading a workflow file (``workflows/*.yaml``) into a :class:`WorkflowSpec`.

:func:`load_workflow` reads, parses and validates; every problem raises
:class:`WorkflowDefinitionError` with the file, the YAML path (``tracks[0].transitions[12].guards[0]``)
and a message in bokmål. Parsing checks the shape of the file (known keys, types, labels in all
three languages, legal references, term units); :mod:`actionloop.workflow.validate` checks what
the parts mean together (states, guards, reachability, duties, event types).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml

from actionloop.core.errors import WorkflowDefinitionError
from actionloop.workflow.spec import (
    LAWS,
    TERM_UNITS,
    VARIANTS,
    DeadlineSpec,
    DutySpec,
    Label,
    LegalRef,
    StateSpec,
    StepSpec,
    Term,
    TrackSpec,
    TransitionSpec,
    WorkflowSpec,
)
from actionloop.workflow.validate import ROOT, join, validate_workflow

T = TypeVar("T")

LANGS = ("nb", "nn", "en")
LANG_NAMES = {"nb": "bokmål", "nn": "nynorsk", "en": "engelsk"}
#: ``§ 12-4``, ``§§ 10-1 og 10-2``, ``§ 9 A-4``, ``kapittel 12``, ``kapittel VIII``.
SECTION = re.compile(r"^(?:§ \S.*|§§ \S.*|kapittel \S.*)$")

WORKFLOW_KEYS = (
    "id", "version", "title", "settings", "valid_from", "valid_to", "law", "legal_basis",
    "plan_who_field", "sf_waiting", "duties", "tracks", "steps", "not_in_law",
)
WORKFLOW_REQUIRED = (
    "id", "version", "title", "settings", "valid_from", "law", "legal_basis", "duties", "tracks",
)
DUTY_KEYS = ("label", "legal_ref", "variant_refs", "deadlines", "applies", "note")
DEADLINE_KEYS = ("legal_term", "local_default", "breach_after", "statutory")
TRACK_KEYS = ("id", "initial", "states", "transitions")
STATE_KEYS = ("id", "label", "final", "legal_ref")
TRANSITION_KEYS = ("trigger", "sources", "dest", "guards", "label", "missing", "legal_ref")
STEP_KEYS = ("label", "not_yet", "missing")
REF_KEYS = ("law", "section", "ledd", "also")
TERM_KEYS = ("amount", "unit")


_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[misc,valid-type]
    """Safe YAML (libyaml's parser when installed) that refuses a key written twice in one mapping
    (PyYAML would keep the last)."""


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"nøkkelen «{key}» står to ganger", key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _type_name(value: Any) -> str:
    if value is None:
        return "ingenting (null)"
    if isinstance(value, bool):
        return "sann/usann"
    if isinstance(value, int):
        return "et heltall"
    if isinstance(value, str):
        return "en tekst"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en tabell"
    if isinstance(value, date):
        return "en dato"
    return type(value).__name__


class Reader:
    """Parses one file's data, raising :class:`WorkflowDefinitionError` at the first problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, path: str, message: str) -> WorkflowDefinitionError:
        return WorkflowDefinitionError(self.source, path, message)

    # -- shapes --------------------------------------------------------------------------------

    def mapping(
        self, value: Any, path: str, keys: tuple[str, ...], required: tuple[str, ...] = (),
    ) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.error(path, f"forventet en tabell (nøkkel: verdi), fant {_type_name(value)}")
        for key in value:
            if key not in keys:
                raise self.error(
                    join(path, str(key)), f"ukjent nøkkel «{key}»; kjente nøkler her er: {', '.join(keys)}",
                )
        for key in required:
            if key not in value:
                raise self.error(join(path, key), f"nøkkelen «{key}» mangler")
        return value

    def listing(self, value: Any, path: str, non_empty: bool = True) -> list[Any]:
        if not isinstance(value, list):
            raise self.error(path, f"forventet en liste, fant {_type_name(value)}")
        if non_empty and not value:
            raise self.error(path, "listen kan ikke være tom")
        return value

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.error(path, f"forventet en tekst, fant {_type_name(value)}")
        if not value.strip():
            raise self.error(path, "teksten kan ikke være tom")
        return value

    def ident(self, value: Any, path: str) -> str:
        text = self.text(value, path)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", text):
            raise self.error(path, f"«{text}» er ikke en gyldig id (små bokstaver a–z, sifre og _)")
        return text

    def integer(self, value: Any, path: str, low: int, high: int | None = None) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(path, f"forventet et heltall, fant {_type_name(value)}")
        if value < low or (high is not None and value > high):
            span = f"fra {low} til {high}" if high is not None else f"minst {low}"
            raise self.error(path, f"tallet {value} er utenfor det tillatte området ({span})")
        return value

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.error(path, f"forventet true eller false, fant {_type_name(value)}")
        return value

    def day(self, value: Any, path: str) -> date:
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.error(path, f"forventet en dato (ÅÅÅÅ-MM-DD), fant {value!r}")

    def optional(self, data: Mapping[str, Any], key: str, path: str, parse: Callable[[Any, str], T]) -> T | None:
        value = data.get(key)
        return None if value is None else parse(value, join(path, key))

    # -- parts ---------------------------------------------------------------------------------

    def label(self, value: Any, path: str) -> Label:
        data = self.mapping(value, path, LANGS)
        for lang in LANGS:
            if lang not in data or data[lang] is None:
                raise self.error(join(path, lang), f"teksten på {LANG_NAMES[lang]} ({lang}) mangler")
        return Label(**{lang: self.text(data[lang], join(path, lang)) for lang in LANGS})

    def legal_ref(self, value: Any, path: str) -> LegalRef:
        data = self.mapping(value, path, REF_KEYS, ("law", "section"))
        law = self.text(data["law"], join(path, "law"))
        if law not in LAWS:
            raise self.error(join(path, "law"), f"ukjent lov «{law}»; kjente lover er: {', '.join(LAWS)}")
        section = self.text(data["section"], join(path, "section"))
        if not SECTION.match(section):
            raise self.error(
                join(path, "section"),
                f"«{section}» er ikke en paragraf eller et kapittel (skriv «§ 12-4», «§§ 10-1 og 10-2» "
                "eller «kapittel 12»)",
            )
        ledd = self.optional(data, "ledd", path, lambda v, p: self.integer(v, p, 1, 7))
        also = self.optional(data, "also", path, self.text)
        if also is not None and not SECTION.match(also):
            raise self.error(join(path, "also"), f"«{also}» er ikke en paragraf eller et kapittel (skriv «§ 3»)")
        return LegalRef(law=law, section=section, ledd=ledd, also=also)

    def term(self, value: Any, path: str) -> Term:
        data = self.mapping(value, path, TERM_KEYS, TERM_KEYS)
        amount = self.integer(data["amount"], join(path, "amount"), 0)
        unit = self.text(data["unit"], join(path, "unit"))
        if unit not in TERM_UNITS:
            raise self.error(join(path, "unit"), f"ukjent enhet «{unit}»; kjente enheter er: {', '.join(TERM_UNITS)}")
        return Term(amount=amount, unit=unit)

    def deadline(self, value: Any, path: str) -> DeadlineSpec:
        data = self.mapping(value, path, DEADLINE_KEYS, ("legal_term", "local_default"))
        return DeadlineSpec(
            legal_term=self.label(data["legal_term"], join(path, "legal_term")),
            local_default=self.term(data["local_default"], join(path, "local_default")),
            breach_after=self.optional(data, "breach_after", path, self.term),
            statutory=bool(self.optional(data, "statutory", path, self.boolean)),
        )

    def duty(self, duty_id: str, value: Any, path: str) -> DutySpec:
        data = self.mapping(value, path, DUTY_KEYS, ("label",))
        if "legal_ref" not in data:
            raise self.error(join(path, "legal_ref"), "nøkkelen «legal_ref» mangler (skriv null hvis loven ikke har noen)")
        variants = self.mapping(data.get("variant_refs") or {}, join(path, "variant_refs"), VARIANTS)
        deadlines = self.mapping(data.get("deadlines") or {}, join(path, "deadlines"), VARIANTS)
        applies = self.optional(data, "applies", path, self.boolean)
        return DutySpec(
            id=duty_id,
            label=self.label(data["label"], join(path, "label")),
            legal_ref=self.optional(data, "legal_ref", path, self.legal_ref),
            variant_refs={k: self.legal_ref(v, join(join(path, "variant_refs"), k)) for k, v in variants.items()},
            deadlines={k: self.deadline(v, join(join(path, "deadlines"), k)) for k, v in deadlines.items()},
            applies=True if applies is None else applies,
            note=self.optional(data, "note", path, self.text),
        )

    def state(self, value: Any, path: str) -> StateSpec:
        data = self.mapping(value, path, STATE_KEYS, ("id", "label"))
        return StateSpec(
            id=self.ident(data["id"], join(path, "id")),
            label=self.label(data["label"], join(path, "label")),
            final=bool(self.optional(data, "final", path, self.boolean)),
            legal_ref=self.optional(data, "legal_ref", path, self.legal_ref),
        )

    def transition(self, value: Any, path: str) -> TransitionSpec:
        data = self.mapping(value, path, TRANSITION_KEYS, ("trigger", "sources"))
        sources_path = join(path, "sources")
        sources = tuple(
            self.ident(s, join(sources_path, i)) for i, s in enumerate(self.listing(data["sources"], sources_path))
        )
        guards_path = join(path, "guards")
        guards = tuple(
            self.ident(g, join(guards_path, i))
            for i, g in enumerate(self.listing(data.get("guards") or [], guards_path, non_empty=False))
        )
        return TransitionSpec(
            trigger=self.ident(data["trigger"], join(path, "trigger")),
            sources=sources,
            dest=self.optional(data, "dest", path, self.ident),
            guards=guards,
            label=self.optional(data, "label", path, self.label),
            legal_ref=self.optional(data, "legal_ref", path, self.legal_ref),
            missing=self.optional(data, "missing", path, self.label),
        )

    def track(self, value: Any, path: str) -> TrackSpec:
        data = self.mapping(value, path, TRACK_KEYS, TRACK_KEYS)
        states_path = join(path, "states")
        transitions_path = join(path, "transitions")
        return TrackSpec(
            id=self.ident(data["id"], join(path, "id")),
            initial=self.ident(data["initial"], join(path, "initial")),
            states=tuple(
                self.state(s, join(states_path, i)) for i, s in enumerate(self.listing(data["states"], states_path))
            ),
            transitions=tuple(
                self.transition(t, join(transitions_path, i))
                for i, t in enumerate(self.listing(data["transitions"], transitions_path))
            ),
        )

    def step(self, trigger: str, value: Any, path: str) -> StepSpec:
        data = self.mapping(value, path, STEP_KEYS, ("label",))
        return StepSpec(
            trigger=trigger,
            label=self.label(data["label"], join(path, "label")),
            not_yet=self.optional(data, "not_yet", path, self.label),
            missing=self.optional(data, "missing", path, self.label),
        )

    def workflow(self, value: Any) -> WorkflowSpec:
        data = self.mapping(value, ROOT, WORKFLOW_KEYS, WORKFLOW_REQUIRED)
        settings_path = "settings"
        settings = tuple(
            self.text(s, join(settings_path, i)) for i, s in enumerate(self.listing(data["settings"], settings_path))
        )
        duties_data = self.mapping(data["duties"], "duties", tuple(str(k) for k in data["duties"] or {}))
        tracks_data = self.listing(data["tracks"], "tracks")
        steps_data = data.get("steps") or {}
        steps_map = self.mapping(steps_data, "steps", tuple(str(k) for k in steps_data) if isinstance(steps_data, dict) else ())
        absent_data = data.get("not_in_law") or {}
        absent_map = self.mapping(
            absent_data, "not_in_law", tuple(str(k) for k in absent_data) if isinstance(absent_data, dict) else (),
        )
        version = data["version"]
        if isinstance(version, date):
            version = version.isoformat()
        return WorkflowSpec(
            id=self.text(data["id"], "id"),
            version=self.text(version, "version"),
            title=self.label(data["title"], "title"),
            settings=settings,
            valid_from=self.day(data["valid_from"], "valid_from"),
            valid_to=self.optional(data, "valid_to", ROOT, self.day),
            law=self.label(data["law"], "law"),
            legal_basis=self.legal_ref(data["legal_basis"], "legal_basis"),
            tracks=tuple(self.track(t, join("tracks", i)) for i, t in enumerate(tracks_data)),
            duties={str(k): self.duty(str(k), v, join("duties", str(k))) for k, v in duties_data.items()},
            sf_waiting=self.optional(data, "sf_waiting", ROOT, self.term),
            plan_who_field=self.text(data.get("plan_who_field", "performer"), "plan_who_field"),
            source=self.source,
            steps={str(k): self.step(str(k), v, join("steps", str(k))) for k, v in steps_map.items()},
            not_in_law={str(k): self.label(v, join("not_in_law", str(k))) for k, v in absent_map.items()},
        )


def parse_yaml(text: str, source: str) -> Any:
    """The YAML document in ``text`` (safe loading; a key twice in one mapping is an error)."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 — _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"linje {mark.line + 1}, kolonne {mark.column + 1}" if mark else ROOT
        raise WorkflowDefinitionError(source, where, f"ugyldig YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise WorkflowDefinitionError(source, ROOT, f"ugyldig YAML: {exc}") from None


def parse_workflow(data: Any, source: str) -> WorkflowSpec:
    """A :class:`WorkflowSpec` from parsed YAML, checked for shape only (not validated)."""
    return Reader(source).workflow(data)


def load_workflow_text(text: str, source: str = "<workflow>", *, validate: bool = True) -> WorkflowSpec:
    """Parse (and by default validate) a workflow from YAML text."""
    spec = parse_workflow(parse_yaml(text, source), source)
    if validate:
        validate_workflow(spec)
    return spec


def load_workflow(path: Path, *, validate: bool = True) -> WorkflowSpec:
    """Read, parse and (by default) validate one workflow file."""
    source = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkflowDefinitionError(source, ROOT, f"filen kan ikke leses ({exc})") from None
    return load_workflow_text(text, source, validate=validate)


def workflow_files(folder: Path) -> list[Path]:
    """The workflow files in ``folder`` (``*.yaml`` and ``*.yml``), sorted by name."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
