"""A small organisation with one account per role and five cases that exercise every access rule.

=========  ==========================================================================================
case       what it is
=========  ==========================================================================================
A          unit u1, a child offends; reported by staff1; staff2 carries out a measure of its plan
S          unit u1, a member of staff is suspected (serious); reported by staff1
L          unit u1, the leadership is suspected; reported by staff1 (goes to the owner)
B          unit u2 (same owner o1), a child offends; reported by principal2
X          unit u3 (owner o2), serious
=========  ==========================================================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from actionloop.app.access import actor_id
from actionloop.app.ports import Enrolment, OrgChild, OrgUnit, Owner, Roster, StaffMember, StaffRole
from actionloop.app.services import Services
from actionloop.core.casefile import from_dict
from actionloop.core.clock import OSLO, FrozenClock
from actionloop.core.model import FORMAT

NOW = datetime(2025, 10, 1, 12, 0, tzinfo=OSLO)
PASSWORD = "riktig-passord-123"

ROSTER = Roster(
    owners=(Owner("o1", "municipality", "Eksempel kommune"), Owner("o2", "private", "Privat barnehage AS")),
    units=(
        OrgUnit("u1", "school", "Nordli skole", "o1"),
        OrgUnit("u1-sfo", "sfo", "Nordli SFO", "o1", "u1"),
        OrgUnit("u2", "school", "Sørli skole", "o1"),
        OrgUnit("u3", "kindergarten", "Lia barnehage", "o2"),
    ),
    staff=(
        StaffMember("t1", "Kari Lærer"), StaffMember("t2", "Ola Lærer"), StaffMember("p1", "Randi Rektor"),
        StaffMember("h1", "Ivar Inspektør"), StaffMember("p2", "Rolf Rektor"), StaffMember("p3", "Berit Styrer"),
    ),
    staff_roles=(
        StaffRole("t1", "u1", "teacher"), StaffRole("t2", "u1", "teacher"), StaffRole("p1", "u1", "principal"),
        StaffRole("h1", "u1", "leadership"), StaffRole("h1", "u1", "case_handler", "p1"),
        StaffRole("p2", "u2", "principal"), StaffRole("p3", "u3", "principal"),
    ),
    children=(OrgChild("k1", "Emma Eksempel"), OrgChild("k2", "Noah Nordli"), OrgChild("k3", "Sara Sørli"),
              OrgChild("k4", "Olivia Lia")),
    enrolments=(Enrolment("k1", "u1"), Enrolment("k2", "u1"), Enrolment("k2", "u1-sfo"), Enrolment("k3", "u2"),
                Enrolment("k4", "u3")),
)

#: role name -> (roles, staff id)
ACCOUNTS: dict[str, tuple[list[tuple[str, str]], str | None]] = {
    "staff1": ([("staff", "u1")], "t1"),
    "staff2": ([("staff", "u1")], "t2"),
    "principal1": ([("principal", "u1")], "p1"),
    "handler1": ([("case_handler", "u1")], "h1"),
    "principal2": ([("principal", "u2")], "p2"),
    "owner1": ([("owner", "o1")], None),
    "owner2": ([("owner", "o2")], None),
    "auditor1": ([("auditor", "o1")], None),
    "admin": ([("admin", "")], None),
}
ROLES = (*ACCOUNTS, "anonymous")
CASES = ("A", "S", "L", "B", "X")

#: What each account may do with each case: "full", "staff", "read", or absent (404).
VISIBLE: dict[str, dict[str, str]] = {
    "staff1": {"A": "staff", "S": "staff", "L": "staff"},
    "staff2": {"A": "staff"},
    "principal1": {"A": "full", "S": "full"},
    "handler1": {"A": "full", "S": "full"},
    "principal2": {"B": "full"},
    "owner1": {"S": "full", "L": "full"},
    "owner2": {"X": "full"},
    "auditor1": {"A": "read", "S": "read", "L": "read", "B": "read"},
    "admin": {},
    "anonymous": {},
}


@dataclass
class World:
    case_ids: dict[str, str] = field(default_factory=dict)
    account_ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, role: str) -> dict[str, str]:
        return {} if role == "anonymous" else {"Authorization": f"Bearer {self.tokens[role]}"}


def _case(case_id: str, unit: str, owner: str, setting: str, child: str, people: list[dict[str, Any]],
          events: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "case": {"id": case_id, "setting": setting, "unit": {"id": unit, "name": unit, "owner": owner},
                 "child": {"id": child}, "language": "nb"},
        "people": [*people, {"id": child, "role": "child"}],
        "events": events,
    }


def case_files() -> dict[str, tuple[dict[str, Any], str]]:
    """case letter -> (case file, reporting account)"""
    t1 = {"id": "t1", "role": "teacher", "name": "Kari Lærer"}
    t2 = {"id": "t2", "role": "teacher", "name": "Ola Lærer"}
    p1 = {"id": "p1", "role": "principal", "name": "Randi Rektor"}
    p2 = {"id": "p2", "role": "principal", "name": "Rolf Rektor"}
    p3 = {"id": "p3", "role": "principal", "name": "Berit Styrer"}
    concern = {"at": "2025-09-15T09:00:00+02:00", "type": "concern", "by": "t1", "source": "child_said",
               "offender": "child", "text": "Emma sier at hun blir holdt utenfor."}
    plan = {
        "version": 1,
        "problem": "Emma blir holdt utenfor leken i storefri av en gruppe på trinnet, og ingen voksne er der.",
        "measures": [{"id": "m1", "text": "En voksen er ute i hvert storefri.", "when": "2025-09-22/2025-10-17",
                      "performer": "t2", "responsible": "p1", "target": "group"}],
        "evaluations": ["2025-10-03"],
    }
    return {
        "A": (_case("case-a", "u1", "Eksempel kommune", "school", "k1", [t1, t2, p1], [
            concern,
            {"at": "2025-09-15T10:00:00+02:00", "type": "report_to_principal", "by": "t1", "to": "p1"},
            {"at": "2025-09-16T09:00:00+02:00", "type": "investigation_started", "by": "p1"},
            {"at": "2025-09-16T10:00:00+02:00", "type": "child_heard", "by": "t1", "child_view": "not_safe"},
            {"at": "2025-09-19T12:00:00+02:00", "type": "investigation_concluded", "by": "p1",
             "conclusion": "not_safe", "problem": plan["problem"]},
            {"at": "2025-09-22T09:00:00+02:00", "type": "plan", "by": "p1", "plan": plan},
        ]), "staff1"),
        "S": (_case("case-s", "u1", "Eksempel kommune", "school", "k2", [t1, p1], [
            {**concern, "offender": "staff", "serious": True, "text": "Så at en voksen rev Noah i armen."},
            {"at": "2025-09-15T09:30:00+02:00", "type": "report_to_principal", "by": "t1", "to": "p1"},
        ]), "staff1"),
        "L": (_case("case-l", "u1", "Eksempel kommune", "school", "k1", [t1], [
            {**concern, "offender": "leadership", "text": "Emma sier at inspektøren hengte henne ut."},
        ]), "staff1"),
        "B": (_case("case-b", "u2", "Eksempel kommune", "school", "k3", [p2], [
            {**concern, "by": "p2"},
        ]), "principal2"),
        "X": (_case("case-x", "u3", "Privat barnehage AS", "kindergarten", "k4", [p3], [
            {**concern, "by": "p3", "serious": True},
        ]), "owner2"),
    }


def build_world(services: Services) -> World:
    world = World()
    services.orgs.put(ROSTER)
    for name, (roles, staff_id) in ACCOUNTS.items():
        identity = services.accounts.add_user(name, roles=roles, password=PASSWORD, staff_id=staff_id)
        world.account_ids[name] = identity.account_id
        world.tokens[name] = services.accounts.create_token(name, "test").token
    for letter, (data, reporter) in case_files().items():
        case = from_dict(data, data["case"]["id"])
        services.cases.import_case(case, actor=actor_id(world.account_ids[reporter]))
        world.case_ids[letter] = case.id
    return world


def frozen_clock() -> FrozenClock:
    return FrozenClock(NOW)
