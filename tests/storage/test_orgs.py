"""Organisations from a roster CSV: all rows or none, with every rejected row named."""

from __future__ import annotations

import pytest

from actionloop.app.orgs import RosterRejected
from actionloop.app.ports import Roster
from actionloop.app.services import Services

GOOD = """type,id,name,parent,role,unit,email,class
owner,k-eks,Eksempel kommune,,municipality,,,
owner,p-sol,Solsikken barnehage AS,,privat,,,
school,s-nordli,Nordli skole,k-eks,,,,
sfo,sfo-nordli,Nordli SFO,s-nordli,,,,
kindergarten,bh-sol,Solsikken barnehage,p-sol,,,,
staff,a-per,Per Hansen,,principal,s-nordli,per@example.no,
staff,a-per,Per Hansen,,leadership,sfo-nordli,per@example.no,
staff,a-siri,Siri Berg,a-per,case_handler,s-nordli,,
staff,a-kari,Kari Nilsen,,lærer,s-nordli,,
staff,a-eva,Eva Styrar,,styrer,bh-sol,,
child,b-emma,Emma Dahl,,,s-nordli,,6B
child,b-emma,Emma Dahl,,,sfo-nordli,,
child,b-ola,Ola Dahl,,,bh-sol,,Blå
guardian,f-anne,Anne Dahl,b-emma,,,anne@example.no,
guardian,f-anne,Anne Dahl,b-ola,,,anne@example.no,
"""


def test_a_good_roster_is_imported(services: Services) -> None:
    report = services.orgs.import_roster(GOOD.encode("utf-8"), "liste.csv")
    assert (report.rows, report.owners, report.units, report.staff, report.staff_roles) == (15, 2, 3, 4, 5)
    assert (report.children, report.enrolments, report.guardians, report.guardianships) == (2, 3, 1, 2)
    roster = services.orgs.roster()
    units = {u.id: u for u in roster.units}
    assert units["sfo-nordli"].school_id == "s-nordli"
    assert units["sfo-nordli"].owner_id == "k-eks"
    assert units["bh-sol"].kind == "kindergarten"
    assert {o.id: o.kind for o in roster.owners} == {"k-eks": "municipality", "p-sol": "private"}
    roles = {(r.staff_id, r.unit_id, r.role): r for r in roster.staff_roles}
    assert roles["a-siri", "s-nordli", "case_handler"].delegated_by == "a-per"
    assert ("a-kari", "s-nordli", "teacher") in roles
    assert ("a-eva", "bh-sol", "principal") in roles
    assert {(e.child_id, e.unit_id, e.class_name) for e in roster.enrolments} == {
        ("b-emma", "s-nordli", "6B"), ("b-emma", "sfo-nordli", None), ("b-ola", "bh-sol", "Blå")}
    assert [u.id for u in services.orgs.units("k-eks")] == ["s-nordli", "sfo-nordli"]
    # Importing again changes nothing; a later file may refer to what is stored and rename.
    services.orgs.import_roster(GOOD)
    assert services.orgs.roster() == roster
    services.orgs.import_roster("type,id,name,parent,role,unit,email,class\n"
                                "staff,a-ny,Ny Lærer,,teacher,sfo-nordli,,\n"
                                "school,s-nordli,Nordli skule,k-eks,,,,\n")
    assert services.orgs.unit("s-nordli").name == "Nordli skule"  # type: ignore[union-attr]


def test_excel_style_semicolons_and_windows_1252(services: Services) -> None:
    text = GOOD.replace(",", ";")
    report = services.orgs.import_roster(text.encode("cp1252"))
    assert report.rows == 15
    assert any(r.role == "teacher" for r in services.orgs.roster().staff_roles)


BAD = """type,id,name,parent,role,unit,email,class
owner,k-eks,Eksempel kommune,,municipality,,,
school,s-nordli,Nordli skole,k-eks,,,,
owner,k-2,Annen kommune,,kommun,,,
school,s-x,X skole,k-finnes-ikke,,,,
sfo,sfo-x,X SFO,k-eks,,,,
staff,a-ola,Ola,,principal,s-nordli,ikke-epost,
staff,a-kari,Kari,a-ola,case_handler,s-nordli,,
staff,a-siri,Siri,a-kari,case_handler,s-nordli,,
vaktmester,a-y,Y,,,,,
child,b-1,Barn,,,s-nordli,,1A
child,b-1,Annet navn,,,s-nordli,,
guardian,f-1,Forelder,b-2,,,,
child,b-3,,,,s-nordli,,
school,k-eks,Dobbel,k-eks,,,,
staff,a-z,Z,,teacher,k-eks,,4A
"""


def test_bad_rows_are_rejected_and_nothing_is_written(services: Services) -> None:
    with pytest.raises(RosterRejected) as caught:
        services.orgs.import_roster(BAD, "liste.csv")
    found = {(p.row, p.column, p.key) for p in caught.value.problems}
    assert found == {
        (4, "role", "owner_kind"),
        (5, "parent", "no_such_owner"),
        (6, "parent", "wrong_kind"),
        (7, "email", "bad_email"),
        (9, "parent", "not_principal"),
        (10, "type", "unknown_type"),
        (12, "name", "conflict"),
        (13, "parent", "no_such_child"),
        (14, "name", "required"),
        (15, "id", "duplicate"),
        (16, "unit", "wrong_kind"),
        (16, "class", "not_used"),
    }
    assert caught.value.rows == [4, 5, 6, 7, 9, 10, 12, 13, 14, 15, 16]
    texts = [p.text("nb") for p in caught.value.problems]
    assert "rad 4, kolonne «role»: ukjent eiertype «kommun»" in texts[0]
    assert any("«k-eks» er en eier, ikke en skole" in x for x in texts)
    assert caught.value.summary("nb") == "11 rad(er) i liste.csv ble avvist; ingenting ble importert"
    assert caught.value.problems[0].text("en").startswith("row 4, column «role»")
    assert services.orgs.roster() == Roster()


@pytest.mark.parametrize(("text", "expected"), [
    ("", [(1, "", "empty_file")]),
    ("type,id,navn\nowner,k,K\n", [(1, "navn", "unknown_column"), (1, "name", "missing_column")]),
    ("type,id,name,id\n", [(1, "id", "duplicate_column")]),
    ("type,id,name\nowner,k,K,extra\n", [(2, "", "too_many_cells")]),
])
def test_a_file_of_the_wrong_shape_is_rejected(services: Services, text: str,
                                               expected: list[tuple[int, str, str]]) -> None:
    with pytest.raises(RosterRejected) as caught:
        services.orgs.import_roster(text)
    assert [(p.row, p.column, p.key) for p in caught.value.problems] == expected
