"""Step definitions for the Norwegian features in ``features/``.

Given/When steps write case-file events (``bdd_world.World``); the case is then read with
``casefile.from_dict`` and judged by the real engine: the audit (``Auditor`` with the shipped
workflows), the deadline engine, the workflow's own step check, the registry and the calendar.
Then steps compare what the engine says with what the scenario expects, so they fail whenever the
engine judges differently.

Vocabulary (parse types below): dates are ISO (``2025-09-01``, or ``2025-09-01 kl. 14:30`` for a
time in Oslo); the child's view is «hun/han/det/eleven/barnet (ikke) har det trygt og godt» or
«… er usikker»; statuses are «oppfylt», «brudd», «advarsel», «ikke aktuell», «ikke vurderbar».
"""

from __future__ import annotations

from datetime import date
from typing import Any

import parse
import pytest
from bdd_world import CONCERN_TEXT, PROBLEM, SETTINGS, World, day_of
from parse import with_pattern
from pytest_bdd import given, parsers, step, then, when

from actionloop.core.audit import Finding
from actionloop.core.calendar import calendar_for
from actionloop.core.deadlines import Deadline, open_deadlines, sf_first_report_date, sf_info
from actionloop.core.errors import StepNotAllowed
from actionloop.workflow.registry import load_registry
from actionloop.workflow.replay import replay
from actionloop.workflow.spec import DUTIES

# --- parse types -----------------------------------------------------------------------------------


@with_pattern(r"\d{4}-\d{2}-\d{2}(?: kl\. \d{2}:\d{2})?")
def _dato(text: str) -> str:
    return text


@with_pattern(r"\d{4}-\d{2}-\d{2}(?:(?:, | og )\d{4}-\d{2}-\d{2})*")
def _datoer(text: str) -> list[str]:
    return text.replace(" og ", ", ").split(", ")


@with_pattern(r"skolesak|SFO-sak|barnehagesak")
def _sak(text: str) -> str:
    return SETTINGS[text]


@with_pattern(r"eleven|barnet")
def _barn(text: str) -> str:
    return text


@with_pattern(r"læreren|kontaktlæreren|den ansatte|assistenten|pedagogisk leder|en ansatt")
def _ansatt(text: str) -> str:
    return "t1"


@with_pattern(r"rektor|styreren|styrer")
def _leder(text: str) -> str:
    return "r1"


@with_pattern(r"skoleeieren|skoleeier|barnehageeieren|barnehageeier|eieren|kommunen")
def _eier(text: str) -> str:
    return "o1"


@with_pattern(r"skolen|barnehagen|SFO")
def _enhet(text: str) -> str:
    return text


@with_pattern(r"(?:hun|han|hen|det|eleven|barnet) (?:ikke har det trygt og godt|har det trygt og godt|er usikker)")
def _syn(text: str) -> str:
    if text.endswith("er usikker"):
        return "unclear"
    return "not_safe" if " ikke " in text else "safe"


@with_pattern(r"fortsette|justere|avslutte")
def _utfall(text: str) -> str:
    return {"fortsette": "continue", "justere": "revise", "avslutte": "close"}[text]


@with_pattern(r"på skolen|i barnehagen|i SFO")
def _sted(text: str) -> str:
    return text


@with_pattern(r"medelevene|de andre barna")
def _andre(text: str) -> str:
    return text


STATUS_WORDS = {
    "oppfylt": "fulfilled", "brudd": "breached", "advarsel": "warning",
    "ikke aktuell": "not_applicable", "ikke vurderbar": "not_assessable",
}


@with_pattern(r"oppfylt|brudd|advarsel|ikke aktuell|ikke vurderbar|fulfilled|breached|warning|not_applicable|not_assessable")
def _status(text: str) -> str:
    return STATUS_WORDS.get(text, text)


@with_pattern(r"[a-z_]+")
def _plikt(text: str) -> str:
    assert text in DUTIES, f"ukjent plikt {text!r}; kjente plikter: {', '.join(DUTIES)}"
    return text


#: The open duties of the deadline engine, by what the scenarios call them.
TASKS = {
    "melde fra til rektor": "report_to_principal",
    "melde fra til styreren": "report_to_principal",
    "melde fra direkte til eieren": "report_direct_to_owner",
    "melde fra til eieren": "report_to_owner",
    "starte undersøkelsen": "start_investigation",
    "høre barnet": "hear_child",
    "konkludere undersøkelsen": "conclude_investigation",
    "lage skriftlig plan": "written_plan",
    "evaluere tiltakene": "evaluation",
    "gjennomføre tiltaket": "measure",
    "revidere planen": "revise_plan",
    "gjennomføre pålegget": "sf_order",
}


@with_pattern("|".join(sorted(TASKS, key=len, reverse=True)))
def _oppgave(text: str) -> str:
    return TASKS[text]


DEADLINE_STATUS = {"i rute": "ok", "snart ute": "due_soon", "overskredet": "overdue"}


@with_pattern(r"i rute|snart ute|overskredet")
def _friststatus(text: str) -> str:
    return DEADLINE_STATUS[text]


TYPES: dict[str, Any] = {
    "Dato": _dato, "Datoer": _datoer, "Sak": _sak, "Barn": _barn, "Ansatt": _ansatt, "Leder": _leder,
    "Eier": _eier, "Enhet": _enhet, "Syn": _syn, "Utfall": _utfall, "Sted": _sted, "Andre": _andre,
    "Status": _status, "Plikt": _plikt, "Oppgave": _oppgave, "Friststatus": _friststatus,
}


class Phrases(parsers.StepParser):
    """A step written in one or more ways (Norwegian puts the verb second after «Så», not after
    «Og»: «Så vurderes plikten …» / «Og plikten … vurderes …»). Each way is a ``parse`` pattern with
    the same fields; one step definition serves them all, which keeps step matching fast."""

    def __init__(self, *patterns: str) -> None:
        super().__init__(patterns[0])
        self.parsers = [parse.compile(pattern, extra_types=TYPES) for pattern in patterns]

    def _match(self, name: str) -> parse.Result | None:
        for parser in self.parsers:
            result = parser.parse(name)
            if isinstance(result, parse.Result):
                return result
        return None

    def parse_arguments(self, name: str) -> dict[str, Any] | None:
        result = self._match(name)
        return dict(result.named) if result is not None else None

    def is_matching(self, name: str) -> bool:
        return self._match(name) is not None


def p(*patterns: str) -> Phrases:
    return Phrases(*patterns)


@pytest.fixture
def world() -> World:
    return World()


# --- the case ----------------------------------------------------------------------------------


def _start(world: World, setting: str, when: str, by: str = "t1", **fields: Any) -> None:
    assert not world.events, "saken er allerede startet"
    world.setting = setting
    concern: dict[str, Any] = {"source": "guardian_said", "offender": "child", "text": CONCERN_TEXT}
    concern.update(fields)
    world.add("concern", when, by, **concern)


@given(p("en {sak:Sak} med en bekymring {dato:Dato}"))
def _(world: World, sak: str, dato: str) -> None:
    _start(world, sak, dato)


@given(p("en {sak:Sak} der {barn:Barn} selv sier fra {dato:Dato}"))
def _(world: World, sak: str, barn: str, dato: str) -> None:
    _start(world, sak, dato, source="child_said", text=f"{barn.capitalize()} sier at hen ikke har det bra.")


@given(p("en {sak:Sak} der en ansatt ser at {barn:Barn} blir krenket {dato:Dato}"))
def _(world: World, sak: str, barn: str, dato: str) -> None:
    _start(world, sak, dato, source="observed", text="Så at to andre dyttet og lo av barnet ved garderoben.")


@given(p("en {sak:Sak} der en ansatt er mistenkt for å krenke {barn:Barn} {dato:Dato}"))
def _(world: World, sak: str, barn: str, dato: str) -> None:
    _start(world, sak, dato, source="staff_said", offender="staff",
           text="En kollega så at en ansatt ropte til og holdt hardt i barnet.")


@given(p("en {sak:Sak} der {leder:Leder} er mistenkt for å krenke {barn:Barn} {dato:Dato}"))
def _(world: World, sak: str, leder: str, barn: str, dato: str) -> None:
    _start(world, sak, dato, source="staff_said", offender="leadership",
           text="En ansatt hørte lederen håne barnet foran gruppen.")


@given(p("en {sak:Sak} der {leder:Leder} selv får en bekymring {dato:Dato}"))
def _(world: World, sak: str, leder: str, dato: str) -> None:
    _start(world, sak, dato, by=leder)


@step(p("bekymringen gjelder et alvorlig tilfelle"))
def _(world: World) -> None:
    world.first("concern")["serious"] = True


@step(p("det står ikke hva bekymringen gjaldt"))
def _(world: World) -> None:
    world.first("concern").pop("text", None)


# --- reporting -----------------------------------------------------------------------------------


@step(p("{ansatt:Ansatt} melder fra til {leder:Leder} {dato:Dato}"))
def _(world: World, ansatt: str, leder: str, dato: str) -> None:
    world.add("report_to_principal", dato, ansatt, to=leder)


@step(p(
    "bekymringen meldes til {leder:Leder} {n:d} arbeidsdager senere",
    "bekymringen meldes til {leder:Leder} {n:d} arbeidsdag senere",
))
def _(world: World, leder: str, n: int) -> None:
    concern = day_of(world.first("concern")["at"])
    day = calendar_for().add_working_days(concern, n)
    world.add("report_to_principal", day.isoformat(), "t1", to=leder)


@step(p("{ansatt:Ansatt} melder fra direkte til {eier:Eier} {dato:Dato}"))
def _(world: World, ansatt: str, eier: str, dato: str) -> None:
    world.add("report_to_owner", dato, ansatt, to=eier)


@step(p("{leder:Leder} melder fra til {eier:Eier} {dato:Dato}"))
def _(world: World, leder: str, eier: str, dato: str) -> None:
    world.add("report_to_owner", dato, leder, to=eier)


@step(p("{leder:Leder} vurderer saken som alvorlig {dato:Dato}"))
def _(world: World, leder: str, dato: str) -> None:
    world.add("serious", dato, leder, serious=True)


# --- investigating ------------------------------------------------------------------------------


@step(p("{leder:Leder} starter undersøkelsen {dato:Dato}"))
def _(world: World, leder: str, dato: str) -> None:
    world.add("investigation_started", dato, leder)


@step(p("{barn:Barn} blir hørt {dato:Dato} og sier at {syn:Syn}"))
def _(world: World, barn: str, dato: str, syn: str) -> None:
    world.add("child_heard", dato, "r1", child_view=syn, text="Samtale om hvordan det er i friminuttene.")


@step(p("{leder:Leder} snakker med foreldrene {dato:Dato}"))
def _(world: World, leder: str, dato: str) -> None:
    world.add("heard", dato, leder, whom="guardian")


@step(p("{leder:Leder} snakker med {andre:Andre} {dato:Dato}"))
def _(world: World, leder: str, andre: str, dato: str) -> None:
    world.add("heard", dato, leder, whom="other_child")


@step(p("en ansatt observerer {barn:Barn} {dato:Dato}"))
def _(world: World, barn: str, dato: str) -> None:
    world.add("observation", dato, "t1", text="Observasjon i storefri.")


@step(p("{leder:Leder} konkluderer undersøkelsen {dato:Dato} med at {syn:Syn}"))
def _(world: World, leder: str, dato: str, syn: str) -> None:
    assert syn in ("safe", "not_safe"), "en undersøkelse konkluderer med trygt eller ikke trygt"
    world.add("investigation_concluded", dato, leder, conclusion=syn, problem=PROBLEM if syn == "not_safe" else None)


# --- the plan ----------------------------------------------------------------------------------


@step(p(
    "{enhet:Enhet} lager en plan {dato:Dato}",
    "{enhet:Enhet} lager en ny plan {dato:Dato}",
))
def _(world: World, enhet: str, dato: str) -> None:
    world.plan(dato)


@step(p(
    "{enhet:Enhet} lager en plan {dato:Dato} med evaluering {datoer:Datoer}",
    "{enhet:Enhet} lager en ny plan {dato:Dato} med evaluering {datoer:Datoer}",
))
def _(world: World, enhet: str, dato: str, datoer: list[str]) -> None:
    world.plan(dato, datoer)


@step(p("planen beskriver problemet som «{tekst}»"))
def _(world: World, tekst: str) -> None:
    world.current_plan()["problem"] = tekst


@step(p("planen beskriver ikke problemet"))
def _(world: World) -> None:
    world.current_plan()["problem"] = ""


@step(p("planen sier ikke hvem som skal gjennomføre tiltakene"))
def _(world: World) -> None:
    for measure in world.current_plan()["measures"]:
        measure.pop("performer", None)


@step(p("planen sier ikke hvem som er ansvarlig for tiltakene"))
def _(world: World) -> None:
    for measure in world.current_plan()["measures"]:
        measure.pop("responsible", None)


@step(p("planen sier ikke når tiltakene skal gjennomføres"))
def _(world: World) -> None:
    for measure in world.current_plan()["measures"]:
        measure.pop("when", None)


@step(p("planen sier ikke når tiltakene skal evalueres"))
def _(world: World) -> None:
    world.current_plan()["evaluations"] = []


@step(p("tiltakene i planen er bare «{tekst}»"))
def _(world: World, tekst: str) -> None:
    for measure in world.current_plan()["measures"]:
        measure["text"] = tekst


@step(p("planen sier ikke noe om {barn:Barn}s beste"))
def _(world: World, barn: str) -> None:
    world.current_plan().pop("best_interests", None)


@step(p("tiltakene gjennomføres {dato:Dato}"))
def _(world: World, dato: str) -> None:
    for measure in world.last("plan")["plan"]["measures"]:
        world.add("measure_done", dato, "t1", measure=measure["id"])


@step(p("tiltakene evalueres {dato:Dato}, {barn:Barn} sier at {syn:Syn} og utfallet er «{utfall:Utfall}»"))
def _(world: World, dato: str, barn: str, syn: str, utfall: str) -> None:
    world.add("evaluation", dato, "r1", child_view=syn, outcome=utfall, text="Evaluering sammen med eleven.")


@step(p("en ansatt følger opp {barn:Barn} {dato:Dato}"))
def _(world: World, barn: str, dato: str) -> None:
    world.add("note", dato, "t1", text="Kort samtale med barnet om hvordan det går.")


# --- the end of a case ---------------------------------------------------------------------------


@step(p("saken avsluttes {dato:Dato} mens {barn:Barn} sier at {syn:Syn}"))
def _(world: World, dato: str, barn: str, syn: str) -> None:
    world.add("closed", dato, "r1", child_view=syn, text="Saken avsluttes etter samtale med barnet.")


@step(p("saken avsluttes {dato:Dato}"))
def _(world: World, dato: str) -> None:
    world.add("closed", dato, "r1")


@step(p("{barn:Barn} slutter {sted:Sted} {dato:Dato}"))
def _(world: World, barn: str, sted: str, dato: str) -> None:
    world.add("child_left", dato, None)


@step(p("en ansatt griper inn {dato:Dato}"))
def _(world: World, dato: str) -> None:
    world.add("intervention", dato, "t1", text="Stoppet dyttingen og snakket med de involverte.")


# --- Statsforvaltaren ----------------------------------------------------------------------------


@step(p("foreldrene tar saken opp med {leder:Leder} {dato:Dato}"))
def _(world: World, leder: str, dato: str) -> None:
    world.add("raised_with_principal", dato, "g1")


@step(p("foreldrene melder saken til Statsforvalteren {dato:Dato}"))
def _(world: World, dato: str) -> None:
    world.add("sf_report", dato, "g1")


ORDER_TEXT = "Skolen skal lage en ny aktivitetsplan etter oppdaterte undersøkelser der eleven blir hørt."


def _sf_decision(dato: str, frist: str | None) -> dict[str, Any]:
    if frist is None:
        return World.make("sf_decision", dato, None, outcome="fulfilled")
    orders = [{"id": "p1", "text": ORDER_TEXT, "deadline": frist}]
    return World.make("sf_decision", dato, None, outcome="not_fulfilled", orders=orders)


@step(p("Statsforvalteren kommer {dato:Dato} til at aktivitetsplikten ikke er oppfylt, med pålegg om ny plan innen {frist:Dato}"))
def _(world: World, dato: str, frist: str) -> None:
    world.events.append(_sf_decision(dato, frist))


@step(p("Statsforvalteren kommer {dato:Dato} til at aktivitetsplikten er oppfylt"))
def _(world: World, dato: str) -> None:
    world.events.append(_sf_decision(dato, None))


@step(p("skolen gjennomfører pålegget {dato:Dato}"))
def _(world: World, dato: str) -> None:
    world.add("sf_order_done", dato, "r1", order="p1")


def _fine(dato: str) -> dict[str, Any]:
    return World.make("coercive_fine", dato, None, amount=50000, per="week", **{"from": dato})


@step(p("Statsforvalteren ilegger tvangsmulkt {dato:Dato}"))
def _(world: World, dato: str) -> None:
    world.events.append(_fine(dato))


# --- trying a step in the workflow ---------------------------------------------------------------


@when(p("{enhet:Enhet} prøver å lage en plan {dato:Dato}"))
def _(world: World, enhet: str, dato: str) -> None:
    version = 1 + sum(1 for e in world.events if e["type"] == "plan")
    world.try_step(World.make("plan", dato, "r1", plan=World.plan_body(dato, None, version)))


@when(p("{leder:Leder} prøver å starte undersøkelsen {dato:Dato}"))
def _(world: World, leder: str, dato: str) -> None:
    world.try_step(World.make("investigation_started", dato, leder))


@when(p("{leder:Leder} prøver å avslutte saken {dato:Dato} mens {barn:Barn} sier at {syn:Syn}"))
def _(world: World, leder: str, dato: str, barn: str, syn: str) -> None:
    world.try_step(World.make("closed", dato, leder, child_view=syn, text="Avslutning."))


@when(p("{leder:Leder} prøver å avslutte tiltakene ved evalueringen {dato:Dato} mens {barn:Barn} sier at {syn:Syn}"))
def _(world: World, leder: str, dato: str, barn: str, syn: str) -> None:
    world.try_step(World.make("evaluation", dato, leder, child_view=syn, outcome="close"))


@when(p("foreldrene prøver å melde saken til Statsforvalteren {dato:Dato}"))
def _(world: World, dato: str) -> None:
    world.try_step(World.make("sf_report", dato, "g1"))


@when(p("Statsforvalteren prøver å ilegge tvangsmulkt {dato:Dato}"))
def _(world: World, dato: str) -> None:
    world.try_step(_fine(dato))


@then(p(
    "avviser arbeidsflyten steget",
    "arbeidsflyten avviser steget",
))
def _(world: World) -> None:
    assert world.tried, "scenarioet har ikke prøvd noe steg"
    assert isinstance(world.refusal, StepNotAllowed), f"steget ble ikke avvist (svar: {world.refusal!r})"


@then(p(
    "godtar arbeidsflyten steget",
    "arbeidsflyten godtar steget",
))
def _(world: World) -> None:
    assert world.tried, "scenarioet har ikke prøvd noe steg"
    assert world.refusal is None, f"steget ble avvist: {world.refusal}"


@then(p("avvisningen nevner «{tekst}»"))
def _(world: World, tekst: str) -> None:
    assert world.refusal is not None, "steget ble ikke avvist"
    assert tekst in str(world.refusal), f"«{tekst}» står ikke i avvisningen: {world.refusal}"


def _state_label(world: World, track: str) -> str:
    registry = load_registry()
    state = replay(world.case(), registry)
    assert state.workflow_id is not None, "ingen arbeidsflyt gjelder for saken"
    spec = registry.get(state.workflow_id)
    current = state.tracks.get(track, spec.track(track).initial)
    return spec.track(track).state(current).label("nb")


@then(p(
    "står saken i «{tekst}»",
    "saken står i «{tekst}»",
))
def _(world: World, tekst: str) -> None:
    assert _state_label(world, "main") == tekst


@then(p(
    "står saken hos Statsforvalteren i «{tekst}»",
    "saken hos Statsforvalteren står i «{tekst}»",
))
def _(world: World, tekst: str) -> None:
    assert _state_label(world, "enforcement") == tekst


# --- the audit ---------------------------------------------------------------------------------


@step(p("tilsynet vurderer saken {dato:Dato}"))
def _(world: World, dato: str) -> None:
    world.as_of = date.fromisoformat(dato)


def _finding(world: World, duty: str) -> Finding:
    return world.audit().finding(duty)


def _show(finding: Finding) -> str:
    return f"{finding.duty}: {finding.status} ({finding.legal_ref}) – {finding.message}"


@then(p(
    'vurderes plikten "{plikt:Plikt}" som {status:Status}',
    'plikten "{plikt:Plikt}" vurderes som {status:Status}',
))
def _(world: World, plikt: str, status: str) -> None:
    finding = _finding(world, plikt)
    assert finding.status == status, f"ventet {status}, fikk {_show(finding)}"


@then(p(
    'er hjemmelen for "{plikt:Plikt}" «{tekst}»',
    'hjemmelen for "{plikt:Plikt}" er «{tekst}»',
))
def _(world: World, plikt: str, tekst: str) -> None:
    finding = _finding(world, plikt)
    assert finding.legal_ref == tekst, _show(finding)


@then(p(
    'nevner hjemmelen for "{plikt:Plikt}" «{tekst}»',
    'hjemmelen for "{plikt:Plikt}" nevner «{tekst}»',
))
def _(world: World, plikt: str, tekst: str) -> None:
    finding = _finding(world, plikt)
    assert tekst in finding.legal_ref, _show(finding)


@then(p(
    'nevner hjemmelen for "{plikt:Plikt}" ikke «{tekst}»',
    'hjemmelen for "{plikt:Plikt}" nevner ikke «{tekst}»',
))
def _(world: World, plikt: str, tekst: str) -> None:
    finding = _finding(world, plikt)
    assert tekst not in finding.legal_ref, _show(finding)


@then(p(
    'nevner begrunnelsen for "{plikt:Plikt}" «{tekst}»',
    'begrunnelsen for "{plikt:Plikt}" nevner «{tekst}»',
))
def _(world: World, plikt: str, tekst: str) -> None:
    finding = _finding(world, plikt)
    assert tekst in finding.message, _show(finding)


@then(p(
    'nevner begrunnelsen for "{plikt:Plikt}" ikke «{tekst}»',
    'begrunnelsen for "{plikt:Plikt}" nevner ikke «{tekst}»',
))
def _(world: World, plikt: str, tekst: str) -> None:
    finding = _finding(world, plikt)
    assert tekst not in finding.message, _show(finding)


# --- deadlines, the calendar and the law in force --------------------------------------------------


def _deadlines(world: World) -> list[Deadline]:
    return open_deadlines(world.case(), load_registry(), world.audit_day())


def _deadline(world: World, kind: str) -> Deadline:
    deadlines = _deadlines(world)
    found = [d for d in deadlines if d.kind == kind]
    shown = ", ".join(f"{d.kind} {d.due}" for d in deadlines) or "ingen"
    assert found, f"ingen åpen frist {kind}; åpne frister: {shown}"
    return found[0]


@then(p(
    "er fristen for å {oppgave:Oppgave} {dato:Dato}",
    "fristen for å {oppgave:Oppgave} er {dato:Dato}",
))
def _(world: World, oppgave: str, dato: str) -> None:
    deadline = _deadline(world, oppgave)
    assert deadline.due == date.fromisoformat(dato), deadline


@then(p(
    "er fristen for å {oppgave:Oppgave} klart overskredet etter {dato:Dato}",
    "fristen for å {oppgave:Oppgave} er klart overskredet etter {dato:Dato}",
))
def _(world: World, oppgave: str, dato: str) -> None:
    deadline = _deadline(world, oppgave)
    assert deadline.breach_date == date.fromisoformat(dato), deadline


@then(p(
    "er fristen for å {oppgave:Oppgave} {status:Friststatus}",
    "fristen for å {oppgave:Oppgave} er {status:Friststatus}",
))
def _(world: World, oppgave: str, status: str) -> None:
    deadline = _deadline(world, oppgave)
    assert deadline.status == status, deadline


@then(p(
    "er lovens frist for å {oppgave:Oppgave} «{tekst}»",
    "lovens frist for å {oppgave:Oppgave} er «{tekst}»",
))
def _(world: World, oppgave: str, tekst: str) -> None:
    deadline = _deadline(world, oppgave)
    assert tekst in deadline.legal_term, deadline


@then(p(
    "nevner hjemmelen for fristen for å {oppgave:Oppgave} «{tekst}»",
    "hjemmelen for fristen for å {oppgave:Oppgave} nevner «{tekst}»",
))
def _(world: World, oppgave: str, tekst: str) -> None:
    deadline = _deadline(world, oppgave)
    assert tekst in deadline.legal_ref, deadline


@then(p(
    "har saken ingen åpen frist for å {oppgave:Oppgave}",
    "saken har ingen åpen frist for å {oppgave:Oppgave}",
))
def _(world: World, oppgave: str) -> None:
    found = [d for d in _deadlines(world) if d.kind == oppgave]
    assert not found, found


@then(p(
    "er {dato:Dato} ikke en arbeidsdag",
    "{dato:Dato} er ikke en arbeidsdag",
))
def _(dato: str) -> None:
    assert not calendar_for().is_working_day(date.fromisoformat(dato))


@then(p(
    "er {dato:Dato} en arbeidsdag",
    "{dato:Dato} er en arbeidsdag",
))
def _(dato: str) -> None:
    assert calendar_for().is_working_day(date.fromisoformat(dato))


@then(p(
    "kan foreldrene melde saken til Statsforvalteren fra og med {dato:Dato}",
    "foreldrene kan melde saken til Statsforvalteren fra og med {dato:Dato}",
))
def _(world: World, dato: str) -> None:
    first = sf_first_report_date(world.case(), load_registry())
    assert first == date.fromisoformat(dato), f"fikk {first}"


@then(p(
    "har foreldrene ingen dato for å melde saken til Statsforvalteren",
    "foreldrene har ingen dato for å melde saken til Statsforvalteren",
))
def _(world: World) -> None:
    first = sf_first_report_date(world.case(), load_registry())
    assert first is None, f"fikk {first}"


@then(p(
    "nevner opplysningen om Statsforvalteren «{tekst}»",
    "opplysningen om Statsforvalteren nevner «{tekst}»",
))
def _(world: World, tekst: str) -> None:
    info = sf_info(world.case(), load_registry(), world.audit_day())
    text = " ".join(info.lines)
    assert tekst in text, text


@then(p(
    "gjelder «{lov}» for en {sak:Sak} med en hendelse {dato:Dato}",
    "«{lov}» gjelder for en {sak:Sak} med en hendelse {dato:Dato}",
))
def _(lov: str, sak: str, dato: str) -> None:
    spec = load_registry().for_event(sak, date.fromisoformat(dato))
    assert spec is not None, f"ingen arbeidsflyt gjelder for {sak} {dato}"
    text = f"{spec.legal_basis.cite()} ({spec.title('nb')})"
    assert lov in text, text


@then(p(
    "gjelder ingen arbeidsflyt for en {sak:Sak} med en hendelse {dato:Dato}",
    "ingen arbeidsflyt gjelder for en {sak:Sak} med en hendelse {dato:Dato}",
))
def _(sak: str, dato: str) -> None:
    spec = load_registry().for_event(sak, date.fromisoformat(dato))
    assert spec is None, spec.id if spec else ""


@when(p("{ansatt:Ansatt} prøver å melde fra direkte til {eier:Eier} {dato:Dato}"))
def _(world: World, ansatt: str, eier: str, dato: str) -> None:
    world.try_step(World.make("report_to_owner", dato, ansatt, to=eier))


@then(p(
    "er planens dato for å {oppgave:Oppgave} {dato:Dato}",
    "planens dato for å {oppgave:Oppgave} er {dato:Dato}",
))
def _(world: World, oppgave: str, dato: str) -> None:
    deadline = _deadline(world, oppgave)
    assert deadline.legal_due == date.fromisoformat(dato), deadline
