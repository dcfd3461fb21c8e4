"""A demo municipality to try actionloop with: one owner, two schools each with an SFO, one
kindergarten, staff, children and about fifteen cases in different steps (some overdue, one where
a member of staff is suspected, one where the leadership is), and a login for each role.

Everyone in it is made up. The cases are dated relative to the day the demo is first created.
:func:`create_demo` is idempotent: what exists already is left as it is, nothing is duplicated.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from actionloop.app.access import actor_id
from actionloop.app.errors import AlreadyExists, CaseExists
from actionloop.app.ports import (
    Enrolment,
    Guardian,
    Guardianship,
    OrgChild,
    OrgUnit,
    Owner,
    Roster,
    StaffMember,
    StaffRole,
)
from actionloop.app.services import Services
from actionloop.core.calendar import calendar_for
from actionloop.core.casefile import from_dict
from actionloop.core.clock import OSLO, today
from actionloop.core.model import FORMAT

#: The password of every demo login (a demo database is for trying things out, never for real cases).
DEMO_PASSWORD = "demo-passord-2025"  # noqa: S105 - printed for the demo logins

OWNER = Owner("demo-kommune", "municipality", "Demo kommune")
UNITS = (
    OrgUnit("demo-nordli", "school", "Nordli skole (demo)", OWNER.id),
    OrgUnit("demo-nordli-sfo", "sfo", "Nordli SFO (demo)", OWNER.id, "demo-nordli"),
    OrgUnit("demo-solbakken", "school", "Solbakken skole (demo)", OWNER.id),
    OrgUnit("demo-solbakken-sfo", "sfo", "Solbakken SFO (demo)", OWNER.id, "demo-solbakken"),
    OrgUnit("demo-lia", "kindergarten", "Lia barnehage (demo)", OWNER.id),
)

#: Staff: id, name, unit, role at the unit (organisation roster).
STAFF: tuple[tuple[str, str, str, str], ...] = (
    ("n-rektor", "Randi Rektorsen", "demo-nordli", "principal"),
    ("n-inspektor", "Ivar Inspektørsen", "demo-nordli", "leadership"),
    ("n-laerer1", "Lise Lærersen", "demo-nordli", "teacher"),
    ("n-laerer2", "Tore Tavlesen", "demo-nordli", "teacher"),
    ("n-sfo", "Siri Sfo-Leder", "demo-nordli-sfo", "staff"),
    ("s-rektor", "Rolf Rektorsen", "demo-solbakken", "principal"),
    ("s-laerer1", "Linn Lekselesen", "demo-solbakken", "teacher"),
    ("s-laerer2", "Per Pultesen", "demo-solbakken", "teacher"),
    ("s-sfo", "Stine Sfo-Ansatt", "demo-solbakken-sfo", "staff"),
    ("l-styrer", "Berit Styrersen", "demo-lia", "principal"),
    ("l-pedleder", "Pål Pedagogsen", "demo-lia", "teacher"),
    ("l-assistent", "Anne Assistentsen", "demo-lia", "staff"),
)

#: Children: id, name, unit (a school child is also at the school's SFO where it says so).
CHILDREN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("n-barn1", "Emma Eksempel", ("demo-nordli",)),
    ("n-barn2", "Noah Nordlisen", ("demo-nordli", "demo-nordli-sfo")),
    ("n-barn3", "Sara Skolesen", ("demo-nordli",)),
    ("n-barn4", "Jakob Jordbærsen", ("demo-nordli", "demo-nordli-sfo")),
    ("n-barn5", "Ella Elevsen", ("demo-nordli",)),
    ("n-barn6", "Filip Fiktivsen", ("demo-nordli",)),
    ("s-barn1", "Nora Nordmannsen", ("demo-solbakken",)),
    ("s-barn2", "Lucas Lekesen", ("demo-solbakken", "demo-solbakken-sfo")),
    ("s-barn3", "Maja Matteboksen", ("demo-solbakken",)),
    ("s-barn4", "Oskar Oppgavesen", ("demo-solbakken",)),
    ("s-barn5", "Ingrid Isbjørnsen", ("demo-solbakken", "demo-solbakken-sfo")),
    ("l-barn1", "Olivia Ofsen", ("demo-lia",)),
    ("l-barn2", "William Vogglesen", ("demo-lia",)),
    ("l-barn3", "Alma Aktivitetsen", ("demo-lia",)),
)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    username: str
    role: str
    scope: str
    staff_id: str | None = None
    description: str = ""


LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("eier", "owner", OWNER.id, None, "eier (Demo kommune): alvorlige saker og saker der ansatte er mistenkt"),
    DemoLogin("tilsyn", "auditor", OWNER.id, None, "tilsyn (Demo kommune): leser funn og logger"),
    DemoLogin("admin", "admin", "", None, "administrator"),
    DemoLogin("rektor.nordli", "principal", "demo-nordli", "n-rektor", "rektor, Nordli skole og SFO"),
    DemoLogin("inspektor.nordli", "case_handler", "demo-nordli", "n-inspektor", "saksbehandler, Nordli skole"),
    DemoLogin("laerer.nordli", "staff", "demo-nordli", "n-laerer1", "lærer, Nordli skole"),
    DemoLogin("laerer2.nordli", "staff", "demo-nordli", "n-laerer2", "lærer, Nordli skole"),
    DemoLogin("sfo.nordli", "staff", "demo-nordli-sfo", "n-sfo", "SFO, Nordli"),
    DemoLogin("rektor.solbakken", "principal", "demo-solbakken", "s-rektor", "rektor, Solbakken skole og SFO"),
    DemoLogin("laerer.solbakken", "staff", "demo-solbakken", "s-laerer1", "lærer, Solbakken skole"),
    DemoLogin("laerer2.solbakken", "staff", "demo-solbakken", "s-laerer2", "lærer, Solbakken skole"),
    DemoLogin("sfo.solbakken", "staff", "demo-solbakken-sfo", "s-sfo", "SFO, Solbakken"),
    DemoLogin("styrer.lia", "principal", "demo-lia", "l-styrer", "styrer, Lia barnehage"),
    DemoLogin("pedleder.lia", "staff", "demo-lia", "l-pedleder", "pedagogisk leder, Lia barnehage"),
    DemoLogin("assistent.lia", "staff", "demo-lia", "l-assistent", "assistent, Lia barnehage"),
)

_ROLE_IN_CASE = {"principal": "principal", "leadership": "leadership", "teacher": "teacher", "staff": "staff"}


def roster() -> Roster:
    staff = tuple(StaffMember(s, name, f"{s}@demo.invalid") for s, name, _, _ in STAFF)
    roles = [StaffRole(s, unit, role) for s, _, unit, role in STAFF]
    roles.append(StaffRole("n-inspektor", "demo-nordli", "case_handler", "n-rektor"))
    children = tuple(OrgChild(c, name) for c, name, _ in CHILDREN)
    enrolments = tuple(Enrolment(c, u, None) for c, _, units in CHILDREN for u in units)
    guardians = tuple(Guardian(f"{c}-foresatt", f"Foresatt til {name.split()[0]}") for c, name, _ in CHILDREN)
    guardianships = tuple(Guardianship(f"{c}-foresatt", c) for c, _, _ in CHILDREN)
    return Roster(owners=(OWNER,), units=UNITS, staff=staff, staff_roles=tuple(roles), children=children,
                  enrolments=enrolments, guardians=guardians, guardianships=guardianships)


# --- cases ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One event, ``days`` school days before the demo day (``hour`` o'clock)."""

    days: int
    hour: int
    type: str
    by: str | None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DemoCase:
    id: str
    unit: str
    child: str
    reporter: str
    steps: tuple[Step, ...]
    language: str = "nb"


def _plan(start: date, who: Sequence[str], evaluations: Sequence[date], problem: str) -> dict[str, Any]:
    measures = [
        {"id": "m1", "text": "En voksen er til stede der barnet leker i hvert friminutt.",
         "when": f"{start.isoformat()}/{(start + timedelta(days=28)).isoformat()}",
         "performer": who[0], "responsible": who[-1], "target": "group"},
        {"id": "m2", "text": "Samtale med hvert barn i gruppen om det som har skjedd, med tydelig beskjed.",
         "when": (start + timedelta(days=1)).isoformat(), "performer": who[-1], "responsible": who[-1],
         "target": "offender"},
        {"id": "m3", "text": "Daglig innsjekk med barnet de tre første ukene.",
         "when": f"{start.isoformat()}/{(start + timedelta(days=21)).isoformat()}",
         "performer": who[0], "responsible": who[-1], "target": "child"},
    ]
    return {
        "version": 1, "problem": problem, "measures": measures,
        "evaluations": [d.isoformat() for d in evaluations],
        "child_views": "Barnet vil at en voksen skal være med ute, og at de andre skal få beskjed.",
        "best_interests": "Det er best for barnet at krenkelsene stanser raskt og at barnet får være med i leken.",
    }


PROBLEM = (
    "Barnet opplever å bli holdt utenfor leken i friminuttene av en gruppe på trinnet, og får stygge "
    "kommentarer i garderoben. Det som holder situasjonen ved like, er at ingen voksne er til stede der "
    "leken skjer, og at gruppen ikke har fått tydelig beskjed om at dette ikke er greit."
)


def demo_cases(day: date) -> list[DemoCase]:
    """The demo cases, their steps dated back from ``day``."""
    def back(n: int) -> date:
        return school_days_before(day, n)

    def loop(reporter: str, leader: str, worker: str, start: int, child_view: str = "not_safe") -> list[Step]:
        return [
            Step(start, 9, "concern", reporter, {"text": "Barnet forteller at det blir holdt utenfor og kalt stygge ting.",
                                                 "source": "child_said", "offender": "child"}),
            Step(start, 11, "report_to_principal", reporter, {"to": leader}),
            Step(start - 1, 9, "investigation_started", leader, {}),
            Step(start - 1, 10, "child_heard", worker, {"text": "Barnet sier det gruer seg til friminuttene.",
                                                       "child_view": child_view}),
            Step(start - 1, 14, "heard", worker, {"whom": "guardian", "text": "Foresatte bekrefter bildet."}),
            Step(start - 2, 12, "investigation_concluded", leader, {"conclusion": "not_safe", "problem": PROBLEM}),
        ]

    def plan_step(days: int, leader: str, worker: str, evaluations: Sequence[int]) -> Step:
        return Step(days, 13, "plan", leader, {"plan": _plan(back(days), [worker, leader],
                                                                [back(e) for e in evaluations], PROBLEM)})

    cases = [
        DemoCase("demo-nordli-1", "demo-nordli", "n-barn1", "n-laerer1", (
            Step(0, 8, "concern", "n-laerer1", {"text": "Så at Emma satt alene i hele storefri og gråt.",
                                                "source": "observed", "offender": "unknown"}),
        )),
        DemoCase("demo-nordli-2", "demo-nordli", "n-barn2", "n-laerer2", (
            Step(9, 10, "concern", "n-laerer2", {"text": "Noah sier at noen i klassen tar matpakken hans.",
                                                 "source": "child_said", "offender": "child"}),
        )),
        DemoCase("demo-nordli-3", "demo-nordli", "n-barn3", "n-laerer1", tuple(loop(
            "n-laerer1", "n-rektor", "n-laerer1", 14)[:4])),
        DemoCase("demo-nordli-4", "demo-nordli", "n-barn4", "n-laerer1", (
            *loop("n-laerer1", "n-rektor", "n-laerer1", 30),
            plan_step(27, "n-rektor", "n-laerer1", (12, 2)),
            Step(26, 10, "measure_done", "n-rektor", {"measure": "m2"}),
            Step(12, 12, "evaluation", "n-laerer1", {"child_view": "unclear", "outcome": "continue",
                                                     "text": "Bedre ute, men fortsatt kommentarer."}),
        )),
        DemoCase("demo-nordli-5", "demo-nordli", "n-barn5", "n-laerer2", (
            *loop("n-laerer2", "n-rektor", "n-laerer2", 40),
            plan_step(37, "n-rektor", "n-laerer2", (25, 10)),
            Step(36, 10, "measure_done", "n-rektor", {"measure": "m2"}),
            Step(25, 12, "evaluation", "n-laerer2", {"child_view": "unclear", "outcome": "continue"}),
            Step(17, 12, "measure_done", "n-laerer2", {"measure": "m3"}),
            Step(10, 11, "measure_done", "n-laerer2", {"measure": "m1"}),
            Step(10, 12, "evaluation", "n-laerer2", {"child_view": "safe", "outcome": "close",
                                                     "text": "Ella sier hun har det bra nå."}),
            Step(10, 14, "closed", "n-rektor", {"child_view": "safe", "text": "Ella opplever skolemiljøet som trygt."}),
        )),
        DemoCase("demo-nordli-sfo-1", "demo-nordli-sfo", "n-barn4", "n-sfo", (
            Step(2, 15, "concern", "n-sfo", {"text": "Jakob ble dyttet ned fra klatrestativet på SFO.",
                                             "source": "observed", "offender": "child"}),
            Step(2, 15, "intervention", "n-sfo", {"text": "Stoppet dyttingen og snakket med barna."}),
            Step(2, 16, "report_to_principal", "n-sfo", {"to": "n-rektor"}),
        )),
        DemoCase("demo-nordli-ansatt", "demo-nordli", "n-barn6", "n-laerer2", (
            Step(5, 9, "concern", "n-laerer2", {"text": "Så at en voksen kjeftet og rev Filip i armen.",
                                                "source": "observed", "offender": "staff", "serious": True}),
            Step(5, 10, "report_to_principal", "n-laerer2", {"to": "n-rektor"}),
            Step(5, 12, "report_to_owner", "n-rektor", {}),
            Step(4, 9, "investigation_started", "n-rektor", {}),
        )),
        DemoCase("demo-solbakken-1", "demo-solbakken", "s-barn1", "s-laerer1", (
            Step(2, 9, "concern", "s-laerer1", {"text": "Nora sier at noen skriver stygge ting om henne i en chat.",
                                                "source": "child_said", "offender": "child"}),
            Step(2, 10, "report_to_principal", "s-laerer1", {"to": "s-rektor"}),
            Step(1, 9, "investigation_started", "s-rektor", {}),
        )),
        DemoCase("demo-solbakken-2", "demo-solbakken", "s-barn2", "s-laerer2", (
            Step(12, 9, "concern", "s-laerer2", {"text": "Lucas har fått trusler om vold på vei hjem.",
                                                 "source": "guardian_said", "offender": "child", "serious": True}),
            Step(12, 10, "report_to_principal", "s-laerer2", {"to": "s-rektor"}),
            Step(12, 13, "report_to_owner", "s-rektor", {}),
            Step(11, 9, "investigation_started", "s-rektor", {}),
            Step(11, 11, "child_heard", "s-laerer2", {"child_view": "not_safe"}),
        )),
        DemoCase("demo-solbakken-ledelse", "demo-solbakken", "s-barn3", "s-laerer1", (
            Step(3, 9, "concern", "s-laerer1", {"text": "Maja forteller at en i ledelsen har hengt henne ut foran klassen.",
                                                "source": "child_said", "offender": "leadership"}),
            Step(3, 10, "report_to_owner", "s-laerer1", {}),
        )),
        DemoCase("demo-solbakken-3", "demo-solbakken", "s-barn4", "s-laerer2", (
            *loop("s-laerer2", "s-rektor", "s-laerer2", 25),
            plan_step(22, "s-rektor", "s-laerer2", (8,)),
            Step(21, 10, "measure_done", "s-rektor", {"measure": "m2"}),
        )),
        DemoCase("demo-solbakken-sfo-1", "demo-solbakken-sfo", "s-barn5", "s-sfo", (
            Step(7, 15, "concern", "s-sfo", {"text": "Ingrid blir ikke sluppet inn i leken på SFO.",
                                             "source": "observed", "offender": "child"}),
        )),
        DemoCase("demo-lia-1", "demo-lia", "l-barn1", "l-assistent", (
            Step(1, 9, "concern", "l-assistent", {"text": "Olivia blir holdt utenfor i leken på avdelingen.",
                                                  "source": "observed", "offender": "child"}),
            Step(1, 10, "report_to_principal", "l-assistent", {"to": "l-styrer"}),
        )),
        DemoCase("demo-lia-2", "demo-lia", "l-barn2", "l-pedleder", (
            *loop("l-pedleder", "l-styrer", "l-pedleder", 20),
            plan_step(18, "l-styrer", "l-pedleder", (6, 1)),
            Step(6, 12, "evaluation", "l-pedleder", {"child_view": "unclear", "outcome": "continue"}),
        )),
        DemoCase("demo-lia-3", "demo-lia", "l-barn3", "l-pedleder", (
            *loop("l-pedleder", "l-styrer", "l-pedleder", 35),
            plan_step(33, "l-styrer", "l-pedleder", (20, 8)),
            Step(20, 12, "evaluation", "l-pedleder", {"child_view": "safe", "outcome": "continue"}),
            Step(8, 11, "measure_done", "l-styrer", {"measure": "m2"}),
            Step(8, 11, "measure_done", "l-pedleder", {"measure": "m1"}),
            Step(8, 11, "measure_done", "l-pedleder", {"measure": "m3"}),
            Step(8, 12, "evaluation", "l-pedleder", {"child_view": "safe", "outcome": "close"}),
            Step(8, 14, "closed", "l-styrer", {"child_view": "safe"}),
        ), language="nn"),
    ]
    return cases


def school_days_before(day: date, n: int) -> date:
    """The ``n``-th school day before ``day`` (``day`` itself for 0)."""
    cal = calendar_for()
    for _ in range(n):
        day -= timedelta(days=1)
        while not cal.is_school_day(day):
            day -= timedelta(days=1)
    return day


def case_file(case: DemoCase, day: date) -> dict[str, Any]:
    """The case file of a demo case, dated back from ``day``."""
    staff = {s: (name, unit, role) for s, name, unit, role in STAFF}
    children = {c: name for c, name, _ in CHILDREN}
    unit = next(u for u in UNITS if u.id == case.unit)
    people: dict[str, dict[str, Any]] = {}

    def person(pid: str) -> None:
        if pid in staff and pid not in people:
            name, _, role = staff[pid]
            people[pid] = {"id": pid, "role": _ROLE_IN_CASE[role], "name": name}

    events = []
    last: datetime | None = None
    for step in case.steps:
        at = datetime.combine(school_days_before(day, step.days), time(step.hour), OSLO)
        if last is not None and at <= last:
            at = last + timedelta(minutes=5)
        last = at
        event: dict[str, Any] = {"at": at.isoformat(timespec="minutes"), "type": step.type}
        if step.by is not None:
            event["by"] = step.by
            person(step.by)
        event.update(step.fields)
        if "to" in event:
            person(event["to"])
        if step.type == "plan":
            for m in event["plan"]["measures"]:
                person(m["performer"])
                person(m["responsible"])
        events.append(event)
    setting = unit.kind
    return {
        "format": FORMAT,
        "case": {
            "id": case.id, "setting": setting,
            "unit": {"id": unit.id, "name": unit.name, "owner": OWNER.name},
            "child": {"id": case.child, "name": children[case.child]},
            "language": case.language,
        },
        "people": [*people.values(), {"id": case.child, "role": "child", "name": children[case.child]}],
        "events": events,
    }


# --- creating it ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoReport:
    logins: tuple[DemoLogin, ...]
    new_accounts: int
    new_cases: int
    cases: int


def create_demo(services: Services, day: date | None = None) -> DemoReport:
    """Create the demo organisation, logins and cases in ``services``' database; what exists
    already is kept (running it twice duplicates nothing)."""
    day = day or today(services.clock)
    services.orgs.put(roster())
    account_ids: dict[str, int] = {}
    new_accounts = 0
    for login in LOGINS:
        try:
            identity = services.accounts.add_user(
                login.username, roles=[(login.role, login.scope)], password=DEMO_PASSWORD, staff_id=login.staff_id,
            )
            new_accounts += 1
        except AlreadyExists:
            found = services.accounts.get(login.username)
            assert found is not None
            identity = found
        if login.staff_id is not None:
            account_ids[login.staff_id] = identity.account_id
    new_cases = 0
    cases = demo_cases(day)
    for case in cases:
        data = case_file(case, day)
        reporter = account_ids.get(case.reporter)
        actor = actor_id(reporter) if reporter is not None else "demo"
        try:
            services.cases.import_case(from_dict(data, case.id), actor=actor)
            new_cases += 1
        except CaseExists:
            pass
    return DemoReport(LOGINS, new_accounts, new_cases, len(cases))


def login_lines(logins: Iterable[DemoLogin]) -> list[tuple[str, str, str]]:
    """(username, password, what the login is) for printing."""
    return [(login.username, DEMO_PASSWORD, login.description) for login in logins]
