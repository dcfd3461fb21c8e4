"""The world of one scenario: a case file built from the Norwegian steps, and the real engine run
on it (the audit, the deadlines, the workflow's steps). Nothing here judges anything itself: the
builder only writes case-file events, and every answer comes from actionloop."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from actionloop.core import casefile
from actionloop.core.audit import Auditor, CaseAudit
from actionloop.core.calendar import calendar_for
from actionloop.core.errors import ActionloopError
from actionloop.core.model import CaseFile
from actionloop.workflow.registry import load_registry

OSLO = ZoneInfo("Europe/Oslo")

#: Unless a scenario says when the case is judged, it is judged this many days after its last
#: event: long enough that anything still undone is clearly overdue.
DEFAULT_AUDIT_DELAY = timedelta(days=60)

#: The people every case file holds (ids used by the events).
PEOPLE = {
    "school": [
        {"id": "t1", "role": "teacher", "name": "Kari Lærer"},
        {"id": "s1", "role": "staff", "name": "Per Assistent"},
        {"id": "r1", "role": "principal", "name": "Rita Rektor"},
        {"id": "l1", "role": "leadership", "name": "Ivar Inspektør"},
        {"id": "o1", "role": "owner", "name": "Oppvekstsjefen"},
        {"id": "g1", "role": "guardian", "name": "Mor"},
        {"id": "c1", "role": "child", "name": "Eleven"},
        {"id": "k1", "role": "other_child", "name": "Medelev"},
    ],
    "kindergarten": [
        {"id": "t1", "role": "teacher", "name": "Pedagogisk leder"},
        {"id": "s1", "role": "staff", "name": "Barnehagelærer"},
        {"id": "r1", "role": "principal", "name": "Styreren"},
        {"id": "l1", "role": "leadership", "name": "Assisterende styrer"},
        {"id": "o1", "role": "owner", "name": "Barnehageeieren"},
        {"id": "g1", "role": "guardian", "name": "Far"},
        {"id": "c1", "role": "child", "name": "Barnet"},
        {"id": "k1", "role": "other_child", "name": "Et annet barn"},
    ],
}

CONCERN_TEXT = "Eleven blir holdt utenfor i friminuttene og får stygge meldinger fra to i klassen."
#: A problem description that says why the child is not safe and what keeps it going.
PROBLEM = (
    "Eleven opplever at to medelever holder henne utenfor leken i storefri og sender stygge meldinger "
    "om utseendet hennes på kveldstid. Det holdes ved like av at ingen voksne er ute ved ballbingen, "
    "og at gruppen har en uformell leder som bestemmer hvem som får være med."
)
MEASURES = [
    ("m1", "En voksen har fast inspeksjon ved ballbingen i hvert storefri.", "t1", "r1"),
    ("m2", "Samtaler med de to medelevene og deres foreldre om meldingene.", "r1", "r1"),
    ("m3", "Faste samarbeidsgrupper i klassen, satt sammen av kontaktlæreren.", "t1", "r1"),
]

SETTINGS = {"skolesak": "school", "SFO-sak": "sfo", "barnehagesak": "kindergarten"}


def at_text(text: str) -> str:
    """A case-file ``at`` from a step's date: ``2025-09-01`` stays a date; ``2025-09-01 kl. 14:30``
    becomes a local (Europe/Oslo) time with its offset."""
    if " kl. " not in text:
        date.fromisoformat(text)
        return text
    day, clock = text.split(" kl. ")
    hour, minute = (int(x) for x in clock.split(":"))
    local = datetime.combine(date.fromisoformat(day), time(hour, minute), tzinfo=OSLO)
    return local.isoformat()


def day_of(text: str) -> date:
    return date.fromisoformat(text[:10])


@dataclass
class World:
    """One scenario's case and what the engine said about it."""

    setting: str = "school"
    events: list[dict[str, Any]] = field(default_factory=list)
    as_of: date | None = None
    audit_cache: tuple[date, CaseAudit] | None = None
    _case: tuple[str, CaseFile] | None = None
    #: The result of trying a step in the workflow: None (accepted) or the refusal.
    refusal: ActionloopError | None = None
    tried: bool = False

    # --- building the case file ------------------------------------------------------------

    @staticmethod
    def make(kind: str, when: str, by: str | None, **fields: Any) -> dict[str, Any]:
        """One case-file event (fields given as None are left out)."""
        event: dict[str, Any] = {"at": at_text(when), "type": kind}
        if by is not None:
            event["by"] = by
        event.update({k: v for k, v in fields.items() if v is not None})
        return event

    def add(self, kind: str, when: str, by: str | None, **fields: Any) -> dict[str, Any]:
        event = self.make(kind, when, by, **fields)
        self.events.append(event)
        return event

    def last(self, kind: str) -> dict[str, Any]:
        for event in reversed(self.events):
            if event["type"] == kind:
                return event
        raise AssertionError(f"the scenario has no {kind} event yet")

    def first(self, kind: str) -> dict[str, Any]:
        for event in self.events:
            if event["type"] == kind:
                return event
        raise AssertionError(f"the scenario has no {kind} event yet")

    @staticmethod
    def plan_body(when: str, evaluations: list[str] | None = None, version: int = 1) -> dict[str, Any]:
        """A complete, concrete plan: every measure with when, who carries it out and who is
        responsible; evaluation dates two and four weeks on, unless given."""
        cal = calendar_for()
        start = day_of(when)
        begin, end = cal.add_school_days(start, 1), cal.add_school_days(start, 20)
        if evaluations is None:
            evaluations = [cal.add_school_days(start, 10).isoformat(), end.isoformat()]
        return {
            "version": version,
            "problem": PROBLEM,
            "measures": [
                {"id": mid, "text": text, "when": f"{begin.isoformat()}/{end.isoformat()}",
                 "performer": performer, "responsible": responsible, "target": "group"}
                for mid, text, performer, responsible in MEASURES
            ],
            "evaluations": evaluations,
            "child_views": "Eleven ønsker at en voksen er ute ved ballbingen og vil ikke bytte klasse.",
            "best_interests": "Tiltakene skal stanse utestengingen raskt uten å peke ut eleven i klassen.",
        }

    def plan(self, when: str, evaluations: list[str] | None = None) -> dict[str, Any]:
        version = 1 + sum(1 for e in self.events if e["type"] == "plan")
        return self.add("plan", when, "r1", plan=self.plan_body(when, evaluations, version))

    def current_plan(self) -> dict[str, Any]:
        plan: dict[str, Any] = self.last("plan")["plan"]
        return plan

    # --- running the engine ----------------------------------------------------------------

    def case_dict(self, events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        kind = "kindergarten" if self.setting == "kindergarten" else "school"
        return {
            "format": "actionloop-case/1",
            "case": {
                "id": "bdd-1",
                "setting": self.setting,
                "unit": {"id": "u1", "name": "Eksempel enhet", "owner": "Eksempel kommune"},
                "child": {"id": "c1"},
                "language": "nb",
            },
            "people": copy.deepcopy(PEOPLE[kind]),
            "events": copy.deepcopy(self.events if events is None else events),
        }

    def case(self) -> CaseFile:
        """The case file as actionloop reads it (so the scenario's input is a valid case file).
        Read again only when the scenario has changed it (reading validates against the schema)."""
        data = self.case_dict()
        key = json.dumps(data, sort_keys=True)
        if self._case is None or self._case[0] != key:
            self._case = (key, casefile.from_dict(data, source="scenario"))
            self.audit_cache = None
        return self._case[1]

    def audit_day(self) -> date:
        if self.as_of is not None:
            return self.as_of
        if not self.events:
            return date(2025, 1, 1)
        return day_of(self.events[-1]["at"]) + DEFAULT_AUDIT_DELAY

    def audit(self) -> CaseAudit:
        case = self.case()
        if self.audit_cache is None or self.audit_cache[0] != self.audit_day():
            self.audit_cache = (self.audit_day(), Auditor(load_registry()).audit(case, self.audit_day()))
        return self.audit_cache[1]

    def try_step(self, event: dict[str, Any]) -> None:
        """Ask the workflow whether ``event`` may be the case's next step (the case is not
        changed either way)."""
        from actionloop.workflow.steps import append_step

        self.tried = True
        try:
            append_step(self.case(), event, load_registry())
        except ActionloopError as exc:
            self.refusal = exc
        else:
            self.refusal = None
