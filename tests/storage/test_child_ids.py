"""The child ids of many cases in one read (the web overview's lists), on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses

from actionloop.adapters.db import SqlDatabase
from actionloop.app.services import Services

from .conftest import example_paths, load_example


def test_child_ids_of_many_cases(services: Services, db: SqlDatabase) -> None:
    expected: dict[str, str] = {}
    first = load_example(example_paths()[0].name)
    for i in range(505):  # more than one chunk of 500
        case = dataclasses.replace(first, case=dataclasses.replace(first.case, id=f"barn-{i:04d}"))
        services.cases.import_case(case, actor="test")
        expected[case.id] = case.case.child.id
    with db.unit_of_work() as uow:
        found = uow.cases.child_ids([*expected, "finnes-ikke", "barn-0001"])
    assert found == expected
    with db.unit_of_work() as uow:
        assert uow.cases.child_ids([]) == {}
