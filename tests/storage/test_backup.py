"""``backup``: a consistent copy while the app keeps writing; SQLite copies the file, PostgreSQL
exports every case file as JSON Lines plus the organisation and accounts."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from actionloop.adapters.db import SqlDatabase
from actionloop.app.errors import BackupExists
from actionloop.app.projection import NullInterpreter
from actionloop.app.services import ORG_BACKUP_FORMAT, Services, build_services
from actionloop.core import casefile
from actionloop.core.clock import FrozenClock
from actionloop.core.model import FORMAT

from .conftest import example_paths


def _fill(services: Services) -> None:
    for path in example_paths():
        services.cases.import_case(casefile.load(path))
    services.orgs.import_roster(
        "type,id,name,parent,role,unit,email,class\n"
        "owner,k1,Eksempel kommune,,municipality,,,\n"
        "school,s1,Nordli skole,k1,,,,\n"
        "staff,a1,Per Hansen,,principal,s1,per@example.no,\n"
    )
    services.accounts.add_user("per", roles=[("principal", "s1")], staff_id="a1")


def test_backup_while_writing(services: Services, db: SqlDatabase, tmp_path: Path, clock: FrozenClock) -> None:
    _fill(services)
    writer_services = build_services(db, interpreter=NullInterpreter(), clock=clock)
    case_id = "nordli-2025-014"
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        seq = writer_services.cases.head(case_id)[0]
        while not stop.is_set() and len(written) < 200:
            note = {"at": "2025-10-11", "type": "note", "by": "p2", "text": f"Notat {seq}"}
            seq = writer_services.cases.append_event(case_id, note, seq, "writer", check_workflow=False).seq
            written.append(seq)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        dest = tmp_path / "backup" / ("copy.db" if db.kind == "sqlite" else "copy.jsonl")
        report = services.backup(dest)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert written, "the writer never got to write"
    with pytest.raises(BackupExists):
        services.backup(dest)

    if db.kind == "sqlite":
        assert report.kind == "sqlite" and report.files == (dest,)
        copy = SqlDatabase.open(f"sqlite:///{dest.as_posix()}")
        try:
            assert copy.is_current()
            restored = build_services(copy, interpreter=NullInterpreter(), clock=clock)
            assert restored.cases.verify() == []
            assert restored.accounts.get("per") is not None
            assert len(restored.orgs.roster().units) == 1
            ids = [c.id for c in restored.cases.export_all()]
        finally:
            copy.dispose()
    else:
        assert report.kind == "jsonl" and report.cases == len(example_paths())
        lines = dest.read_text("utf-8").splitlines()
        assert len(lines) == len(example_paths())
        assert all(json.loads(line)["format"] == FORMAT for line in lines)
        cases = casefile.load_many(dest)
        # The copy is one snapshot: the case being written has a whole number of notes, no gap.
        growing = next(c for c in cases if c.id == case_id)
        notes = [e for e in growing.events if e.type == "note"]
        assert [e.text for e in notes] == [f"Notat {16 + i}" for i in range(len(notes))]
        org = json.loads(report.files[1].read_text("utf-8"))
        assert org["format"] == ORG_BACKUP_FORMAT
        assert [u["id"] for u in org["units"]] == ["s1"]
        assert org["accounts"][0]["username"] == "per"
        assert org["accounts"][0]["roles"] == [{"role": "principal", "scope_id": "s1"}]
        ids = [c.id for c in cases]
        # The export reads back into a new database.
        target = SqlDatabase.open(f"sqlite:///{(tmp_path / 'restored.db').as_posix()}")
        try:
            target.upgrade()
            restored = build_services(target, interpreter=NullInterpreter(), clock=clock)
            restored.cases.import_cases(cases)
            assert restored.cases.verify() == []
            assert restored.cases.export_case(case_id).to_dict() == growing.to_dict()
        finally:
            target.dispose()
    assert sorted(ids) == sorted(casefile.load(p).id for p in example_paths())
