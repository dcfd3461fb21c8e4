"""Organisations: owners, units, staff with their roles, children and guardians, imported from a
roster CSV file (all of it, or nothing).

The roster format (one header row, then one row per record; comma, semicolon or tab separated;
UTF-8, or Windows-1252 as Excel writes it)::

    type,id,name,parent,role,unit,email,class

=============  ==========================================================================================
type           what the row is (see below)
id             the record's id: letters, digits and ``- _ . : @``; unique per kind of record
name           the name
parent         owner → (empty); school, kindergarten → the owner's id; sfo → the school's id;
               staff → for a case handler, the id of the principal who delegated; guardian → the child's id
role           owner → municipality, county or private; staff → staff, teacher, principal, leadership or
               case_handler
unit           staff, child → the unit's id (a school, an SFO or a kindergarten)
email          staff, guardian → e-mail address (optional)
class          child → class or group (optional)
=============  ==========================================================================================

``type`` is one of ``owner``, ``school``, ``sfo``, ``kindergarten``, ``staff``, ``child``,
``guardian``; the Norwegian words (eier, skole, barnehage, ansatt, barn/elev, foresatt; kommune,
fylkeskommune, privat; lærer, rektor/styrer, ledelse, saksbehandler) are accepted too. Columns that
do not apply to a row's type must be empty. A staff member with roles at several units, a child at a
school and its SFO, and a guardian of several children take one row each, with the same id.
Records already in the database may be referred to; a row for an existing id updates its name
(and e-mail, class).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from actionloop.app.ports import (
    Database,
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
from actionloop.core.errors import ActionloopError
from actionloop.core.i18n import Catalog, tr

COLUMNS = ("type", "id", "name", "parent", "role", "unit", "email", "class")
REQUIRED_COLUMNS = ("type", "id", "name")

TYPES = {
    "owner": "owner", "eier": "owner", "eigar": "owner",
    "school": "school", "skole": "school", "skule": "school",
    "sfo": "sfo",
    "kindergarten": "kindergarten", "barnehage": "kindergarten",
    "staff": "staff", "ansatt": "staff", "tilsett": "staff",
    "child": "child", "barn": "child", "elev": "child",
    "guardian": "guardian", "foresatt": "guardian",
}
OWNER_KINDS = {
    "municipality": "municipality", "kommune": "municipality",
    "county": "county", "fylkeskommune": "county", "fylke": "county",
    "private": "private", "privat": "private",
}
STAFF_ROLES = {
    "staff": "staff", "ansatt": "staff", "tilsett": "staff",
    "teacher": "teacher", "lærer": "teacher", "laerer": "teacher",
    "principal": "principal", "rektor": "principal", "styrer": "principal", "styrar": "principal",
    "leadership": "leadership", "ledelse": "leadership", "leiing": "leadership",
    "case_handler": "case_handler", "saksbehandler": "case_handler", "saksbehandlar": "case_handler",
}
UNIT_TYPES = ("school", "sfo", "kindergarten")
ORG_TYPES = ("owner", *UNIT_TYPES)

#: Which columns each type uses (besides type, id, name); any other column must be empty.
USES: Mapping[str, frozenset[str]] = {
    "owner": frozenset({"role"}),
    "school": frozenset({"parent"}),
    "kindergarten": frozenset({"parent"}),
    "sfo": frozenset({"parent"}),
    "staff": frozenset({"unit", "role", "email", "parent"}),
    "child": frozenset({"unit", "class"}),
    "guardian": frozenset({"parent", "email"}),
}

_ID = re.compile(r"^[\w.:@-]{1,200}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

MESSAGES: Catalog = {
    "row": {"nb": "rad {row}", "nn": "rad {row}", "en": "row {row}"},
    "column": {"nb": "kolonne «{column}»", "nn": "kolonne «{column}»", "en": "column «{column}»"},
    "empty_file": {
        "nb": "filen er tom; første rad må være overskriftene {columns}",
        "nn": "fila er tom; første rad må vere overskriftene {columns}",
        "en": "the file is empty; the first row must be the headings {columns}",
    },
    "unknown_column": {
        "nb": "ukjent kolonne; kjente kolonner er {columns}",
        "nn": "ukjend kolonne; kjende kolonnar er {columns}",
        "en": "unknown column; the known columns are {columns}",
    },
    "missing_column": {
        "nb": "kolonnen mangler i overskriftsraden",
        "nn": "kolonnen manglar i overskriftsrada",
        "en": "the column is missing from the heading row",
    },
    "duplicate_column": {
        "nb": "kolonnen står to ganger i overskriftsraden",
        "nn": "kolonnen står to gonger i overskriftsrada",
        "en": "the column appears twice in the heading row",
    },
    "not_utf8": {
        "nb": "filen kunne ikke leses som tekst",
        "nn": "fila kunne ikkje lesast som tekst",
        "en": "the file could not be read as text",
    },
    "bad_csv": {
        "nb": "filen er ikke gyldig CSV ({error})",
        "nn": "fila er ikkje gyldig CSV ({error})",
        "en": "the file is not valid CSV ({error})",
    },
    "too_many_cells": {
        "nb": "raden har flere celler ({cells}) enn overskriftsraden ({columns})",
        "nn": "rada har fleire celler ({cells}) enn overskriftsrada ({columns})",
        "en": "the row has more cells ({cells}) than the heading row ({columns})",
    },
    "required": {"nb": "må fylles ut", "nn": "må fyllast ut", "en": "is required"},
    "unknown_type": {
        "nb": "ukjent type «{value}»; gyldige typer er {allowed}",
        "nn": "ukjend type «{value}»; gyldige typar er {allowed}",
        "en": "unknown type «{value}»; valid types are {allowed}",
    },
    "bad_id": {
        "nb": "«{value}» er ikke en gyldig id (bokstaver, sifre og - _ . : @, høyst 200 tegn)",
        "nn": "«{value}» er ikkje ein gyldig id (bokstavar, siffer og - _ . : @, høgst 200 teikn)",
        "en": "«{value}» is not a valid id (letters, digits and - _ . : @, at most 200 characters)",
    },
    "not_used": {
        "nb": "skal være tom for typen {type}",
        "nn": "skal vere tom for typen {type}",
        "en": "must be empty for the type {type}",
    },
    "owner_kind": {
        "nb": "ukjent eiertype «{value}»; gyldige er municipality (kommune), county (fylkeskommune) og private (privat)",
        "nn": "ukjend eigartype «{value}»; gyldige er municipality (kommune), county (fylkeskommune) og private (privat)",
        "en": "unknown kind of owner «{value}»; valid are municipality, county and private",
    },
    "staff_role": {
        "nb": "ukjent rolle «{value}»; gyldige er staff, teacher, principal, leadership og case_handler",
        "nn": "ukjend rolle «{value}»; gyldige er staff, teacher, principal, leadership og case_handler",
        "en": "unknown role «{value}»; valid are staff, teacher, principal, leadership and case_handler",
    },
    "no_such_owner": {
        "nb": "eieren «{value}» finnes ikke (verken i filen eller i databasen)",
        "nn": "eigaren «{value}» finst ikkje (korkje i fila eller i databasen)",
        "en": "the owner «{value}» does not exist (neither in the file nor in the database)",
    },
    "no_such_school": {
        "nb": "skolen «{value}» finnes ikke (en SFO hører til en skole)",
        "nn": "skulen «{value}» finst ikkje (ein SFO høyrer til ein skule)",
        "en": "the school «{value}» does not exist (an SFO belongs to a school)",
    },
    "wrong_kind": {
        "nb": "«{value}» er {kind}, ikke {expected}",
        "nn": "«{value}» er {kind}, ikkje {expected}",
        "en": "«{value}» is {kind}, not {expected}",
    },
    "a_unit": {"nb": "en enhet", "nn": "ei eining", "en": "a unit"},
    "no_such_unit": {
        "nb": "enheten «{value}» finnes ikke (verken i filen eller i databasen)",
        "nn": "eininga «{value}» finst ikkje (korkje i fila eller i databasen)",
        "en": "the unit «{value}» does not exist (neither in the file nor in the database)",
    },
    "no_such_child": {
        "nb": "barnet «{value}» finnes ikke (verken i filen eller i databasen)",
        "nn": "barnet «{value}» finst ikkje (korkje i fila eller i databasen)",
        "en": "the child «{value}» does not exist (neither in the file nor in the database)",
    },
    "not_principal": {
        "nb": "«{value}» er ikke rektor/styrer ved enheten «{unit}», og kan ikke delegere saksbehandling der",
        "nn": "«{value}» er ikkje rektor/styrar ved eininga «{unit}», og kan ikkje delegere sakshandsaming der",
        "en": "«{value}» is not the principal of the unit «{unit}», and cannot delegate case handling there",
    },
    "delegate_required": {
        "nb": "en saksbehandler må ha rektor/styrer som delegerte, i kolonnen parent",
        "nn": "ein saksbehandlar må ha rektor/styrar som delegerte, i kolonnen parent",
        "en": "a case handler needs the principal who delegated, in the column parent",
    },
    "parent_only_case_handler": {
        "nb": "brukes bare for saksbehandlere (rektor/styrer som delegerte)",
        "nn": "blir berre brukt for saksbehandlarar (rektor/styrar som delegerte)",
        "en": "is only used for case handlers (the principal who delegated)",
    },
    "bad_email": {
        "nb": "«{value}» er ikke en gyldig e-postadresse",
        "nn": "«{value}» er ikkje ei gyldig e-postadresse",
        "en": "«{value}» is not a valid e-mail address",
    },
    "duplicate": {
        "nb": "id-en «{value}» står allerede på rad {other}",
        "nn": "id-en «{value}» står allereie på rad {other}",
        "en": "the id «{value}» is already on row {other}",
    },
    "conflict": {
        "nb": "id-en «{value}» står på rad {other} med en annen verdi her",
        "nn": "id-en «{value}» står på rad {other} med ein annan verdi her",
        "en": "the id «{value}» is on row {other} with a different value here",
    },
    "other_kind": {
        "nb": "id-en «{value}» er allerede brukt for {kind}",
        "nn": "id-en «{value}» er allereie brukt for {kind}",
        "en": "the id «{value}» is already used for {kind}",
    },
    "rejected": {
        "nb": "{count} rad(er) i {source} ble avvist; ingenting ble importert",
        "nn": "{count} rad(er) i {source} vart avviste; ingenting vart importert",
        "en": "{count} row(s) in {source} were rejected; nothing was imported",
    },
    "owner": {"nb": "en eier", "nn": "ein eigar", "en": "an owner"},
    "school": {"nb": "en skole", "nn": "ein skule", "en": "a school"},
    "sfo": {"nb": "en SFO", "nn": "ein SFO", "en": "an SFO"},
    "kindergarten": {"nb": "en barnehage", "nn": "ein barnehage", "en": "a kindergarten"},
}


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row was rejected: the row number (1 is the heading row), the column, and the reason."""

    row: int
    column: str
    key: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = "nb") -> str:
        fields = dict(self.fields)
        for name in ("kind", "expected"):
            if name in fields:
                fields[name] = tr(MESSAGES, fields[name], lang)
        return tr(MESSAGES, self.key, lang, **fields)

    def text(self, lang: str | None = "nb") -> str:
        where = tr(MESSAGES, "row", lang, row=self.row)
        if self.column:
            where += ", " + tr(MESSAGES, "column", lang, column=self.column)
        return f"{where}: {self.message(lang)}"


class RosterRejected(ActionloopError):
    """A roster with rejected rows: every problem found; nothing was written."""

    def __init__(self, source: str, problems: list[RowProblem]) -> None:
        self.source = source
        self.problems = problems
        self.rows = sorted({p.row for p in problems})
        super().__init__(self.summary("nb"))

    def summary(self, lang: str | None = "nb") -> str:
        return tr(MESSAGES, "rejected", lang, count=len(self.rows), source=self.source)


@dataclass(frozen=True, slots=True)
class RosterReport:
    """What an import wrote: the number of rows, and of records of each kind (new or updated)."""

    rows: int
    owners: int
    units: int
    staff: int
    staff_roles: int
    children: int
    enrolments: int
    guardians: int
    guardianships: int


@dataclass(slots=True)
class _Row:
    number: int
    type: str
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_roster(data: bytes | str) -> tuple[list[_Row], list[RowProblem]]:
    """The rows of a roster file, and the problems with its shape (headings, cells)."""
    text = _decode(data) if isinstance(data, bytes) else data
    first_line = text.split("\n", 1)[0]
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line)))
    except csv.Error as exc:
        return [], [RowProblem(0, "", "bad_csv", {"error": str(exc)})]
    records = [r for r in records if any(cell.strip() for cell in r)] if records else []
    if not records:
        return [], [RowProblem(1, "", "empty_file", {"columns": ",".join(COLUMNS)})]
    header = [h.strip().lower() for h in records[0]]
    problems: list[RowProblem] = []
    for i, name in enumerate(header):
        if name not in COLUMNS:
            problems.append(RowProblem(1, records[0][i].strip(), "unknown_column", {"columns": ",".join(COLUMNS)}))
        elif header.index(name) != i:
            problems.append(RowProblem(1, name, "duplicate_column"))
    problems += [RowProblem(1, name, "missing_column") for name in REQUIRED_COLUMNS if name not in header]
    if problems:
        return [], problems
    rows: list[_Row] = []
    for number, record in enumerate(records[1:], start=2):
        if len(record) > len(header) and any(c.strip() for c in record[len(header):]):
            problems.append(RowProblem(number, "", "too_many_cells", {"cells": len(record), "columns": len(header)}))
            continue
        values = {header[i]: cell.strip() for i, cell in enumerate(record[:len(header)])}
        raw_type = values.get("type", "")
        rows.append(_Row(number, TYPES.get(raw_type.lower(), ""), values))
    return rows, problems


def check_roster(rows: list[_Row], existing: Roster) -> tuple[Roster, list[RowProblem]]:
    """The records the rows describe, checked against each other and what is already stored."""
    problems: list[RowProblem] = []

    def bad(row: _Row, column: str, key: str, **fields: Any) -> None:
        problems.append(RowProblem(row.number, column, key, fields))

    # Organisation ids (owners and units share one name space, as account scopes refer to both).
    org_kind: dict[str, str] = {o.id: "owner" for o in existing.owners}
    org_kind.update({u.id: u.kind for u in existing.units})
    file_org: dict[str, tuple[str, _Row]] = {}
    for row in rows:
        raw = row.get("type")
        if not raw:
            bad(row, "type", "required")
            continue
        if not row.type:
            bad(row, "type", "unknown_type", value=raw, allowed=", ".join(dict.fromkeys(TYPES.values())))
            continue
        row_id = row.get("id")
        if not row_id:
            bad(row, "id", "required")
        elif not _ID.match(row_id):
            bad(row, "id", "bad_id", value=row_id)
        if not row.get("name"):
            bad(row, "name", "required")
        for column in ("parent", "role", "unit", "email", "class"):
            if row.get(column) and column not in USES[row.type]:
                bad(row, column, "not_used", type=row.type)
        if row.type in ORG_TYPES and row_id:
            if row_id in file_org:
                bad(row, "id", "duplicate", value=row_id, other=file_org[row_id][1].number)
                continue
            file_org[row_id] = (row.type, row)
            stored = org_kind.get(row_id)
            if stored is not None and stored != row.type:
                bad(row, "id", "other_kind", value=row_id, kind=stored)
    kinds = dict(org_kind)
    kinds.update({i: k for i, (k, _) in file_org.items()})

    owners: dict[str, Owner] = {}
    units: dict[str, OrgUnit] = {}
    staff: dict[str, StaffMember] = {}
    roles: dict[tuple[str, str, str], StaffRole] = {}
    children: dict[str, OrgChild] = {}
    enrolments: dict[tuple[str, str], Enrolment] = {}
    guardians: dict[str, Guardian] = {}
    guardianships: dict[tuple[str, str], Guardianship] = {}
    known_children = {c.id for c in existing.children} | {r.get("id") for r in rows if r.type == "child"}
    principals = {(r.staff_id, r.unit_id) for r in existing.staff_roles if r.role == "principal"}
    for row in rows:
        if row.type == "staff" and STAFF_ROLES.get(row.get("role").lower()) == "principal":
            principals.add((row.get("id"), row.get("unit")))
    owner_of = {u.id: u.owner_id for u in existing.units}
    owner_of.update({r.get("id"): r.get("parent") for r in rows if r.type in ("school", "kindergarten")})

    seen: dict[tuple[str, str], tuple[_Row, Any]] = {}

    def _no_unit(row: _Row, unit: str) -> None:
        if kinds.get(unit) is None:
            bad(row, "unit", "no_such_unit", value=unit)
        else:
            bad(row, "unit", "wrong_kind", value=unit, kind=kinds[unit], expected="a_unit")

    def consistent(row: _Row, key: tuple[str, str], value: Any) -> bool:
        """Whether a person met on an earlier row (same kind and id) has the same name and e-mail."""
        earlier = seen.setdefault(key, (row, value))
        if earlier[1] != value:
            bad(row, "name", "conflict", value=row.get("id"), other=earlier[0].number)
            return False
        return True

    for row in rows:
        row_id, name = row.get("id"), row.get("name")
        if not row.type or not row_id or not name:
            continue
        parent, unit, email = row.get("parent"), row.get("unit"), row.get("email") or None
        if email is not None and not _EMAIL.match(email):
            bad(row, "email", "bad_email", value=email)
        if row.type == "owner":
            kind = OWNER_KINDS.get(row.get("role").lower())
            if not row.get("role"):
                bad(row, "role", "required")
            elif kind is None:
                bad(row, "role", "owner_kind", value=row.get("role"))
            else:
                owners[row_id] = Owner(row_id, kind, name)
        elif row.type in ("school", "kindergarten"):
            if not parent:
                bad(row, "parent", "required")
            elif kinds.get(parent) is None:
                bad(row, "parent", "no_such_owner", value=parent)
            elif kinds[parent] != "owner":
                bad(row, "parent", "wrong_kind", value=parent, kind=kinds[parent], expected="owner")
            else:
                units[row_id] = OrgUnit(row_id, row.type, name, parent)
        elif row.type == "sfo":
            if not parent:
                bad(row, "parent", "required")
            elif kinds.get(parent) is None:
                bad(row, "parent", "no_such_school", value=parent)
            elif kinds[parent] != "school":
                bad(row, "parent", "wrong_kind", value=parent, kind=kinds[parent], expected="school")
            elif owner_of.get(parent):
                units[row_id] = OrgUnit(row_id, "sfo", name, owner_of[parent], parent)
        elif row.type == "staff":
            role = STAFF_ROLES.get(row.get("role").lower())
            ok = True
            if not unit:
                bad(row, "unit", "required")
                ok = False
            elif kinds.get(unit) not in UNIT_TYPES:
                _no_unit(row, unit)
                ok = False
            if not row.get("role"):
                bad(row, "role", "required")
                ok = False
            elif role is None:
                bad(row, "role", "staff_role", value=row.get("role"))
                ok = False
            delegated_by = parent or None
            if role == "case_handler" and not parent:
                bad(row, "parent", "delegate_required")
                ok = False
            elif role is not None and role != "case_handler" and parent:
                bad(row, "parent", "parent_only_case_handler")
                ok = False
            elif role == "case_handler" and (parent, unit) not in principals:
                bad(row, "parent", "not_principal", value=parent, unit=unit)
                ok = False
            if consistent(row, ("staff", row_id), (name, email)) and ok and role is not None:
                staff[row_id] = StaffMember(row_id, name, email)
                roles[(row_id, unit, role)] = StaffRole(row_id, unit, role, delegated_by)
        elif row.type == "child":
            ok = True
            if not unit:
                bad(row, "unit", "required")
                ok = False
            elif kinds.get(unit) not in UNIT_TYPES:
                _no_unit(row, unit)
                ok = False
            if consistent(row, ("child", row_id), name) and ok:
                children[row_id] = OrgChild(row_id, name)
                enrolments[(row_id, unit)] = Enrolment(row_id, unit, row.get("class") or None)
        elif row.type == "guardian":
            ok = True
            if not parent:
                bad(row, "parent", "required")
                ok = False
            elif parent not in known_children:
                bad(row, "parent", "no_such_child", value=parent)
                ok = False
            if consistent(row, ("guardian", row_id), (name, email)) and ok:
                guardians[row_id] = Guardian(row_id, name, email)
                guardianships[(row_id, parent)] = Guardianship(row_id, parent)

    roster = Roster(
        owners=tuple(owners.values()), units=tuple(units.values()), staff=tuple(staff.values()),
        staff_roles=tuple(roles.values()), children=tuple(children.values()),
        enrolments=tuple(enrolments.values()), guardians=tuple(guardians.values()),
        guardianships=tuple(guardianships.values()),
    )
    problems.sort(key=lambda p: (p.row, COLUMNS.index(p.column) if p.column in COLUMNS else -1))
    return roster, problems


class OrgService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def import_roster(self, data: bytes | str, source: str = "<roster>") -> RosterReport:
        """Import a roster CSV (see the module notes): every row, or nothing
        (:class:`RosterRejected` with every problem, by row and column)."""
        rows, problems = read_roster(data)
        if problems:
            raise RosterRejected(source, problems)
        with self.db.unit_of_work(write=True) as uow:
            roster, problems = check_roster(rows, uow.orgs.roster())
            if problems:
                raise RosterRejected(source, problems)
            uow.orgs.put(roster)
            uow.commit()
        return RosterReport(
            rows=len(rows), owners=len(roster.owners), units=len(roster.units), staff=len(roster.staff),
            staff_roles=len(roster.staff_roles), children=len(roster.children), enrolments=len(roster.enrolments),
            guardians=len(roster.guardians), guardianships=len(roster.guardianships),
        )

    def roster(self) -> Roster:
        """Everything in the organisation tables."""
        with self.db.unit_of_work() as uow:
            return uow.orgs.roster()

    def units(self, owner_id: str | None = None) -> list[OrgUnit]:
        with self.db.unit_of_work() as uow:
            return uow.orgs.units(owner_id)

    def unit(self, unit_id: str) -> OrgUnit | None:
        with self.db.unit_of_work() as uow:
            return uow.orgs.unit(unit_id)

    def owner(self, owner_id: str) -> Owner | None:
        with self.db.unit_of_work() as uow:
            return uow.orgs.owner(owner_id)

    def staff_roles(self, *, staff_id: str | None = None, unit_id: str | None = None) -> list[StaffRole]:
        with self.db.unit_of_work() as uow:
            return uow.orgs.staff_roles(staff_id=staff_id, unit_id=unit_id)

    def put(self, roster: Roster | Iterable[Roster]) -> None:
        """Store records directly (the demo, tests), without the checks of a roster file."""
        parts = [roster] if isinstance(roster, Roster) else list(roster)
        with self.db.unit_of_work(write=True) as uow:
            for part in parts:
                uow.orgs.put(part)
            uow.commit()
