"""Single-row inserts on SQLite go straight to the driver with the SQL and values SQLAlchemy makes
for them: the stored rows are exactly those SQLAlchemy's own execution stores, and a taken key
is the same error."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from actionloop.adapters.db import SqlDatabase, repositories
from actionloop.app.errors import CaseExists
from actionloop.app.services import build_services
from actionloop.app.workflow_bridge import WorkflowInterpreter
from actionloop.core.clock import FrozenClock
from actionloop.settings import Settings

from .conftest import example_paths, load_example

TABLES = ("case_record", "case_event", "case_summary", "idempotency_key")


def _stored(tmp: Path, name: str, clock: FrozenClock, interpreter: WorkflowInterpreter,
            driver: bool) -> dict[str, list[tuple[object, ...]]]:
    repositories.DRIVER_INSERTS = driver
    db = SqlDatabase.open(f"sqlite:///{(tmp / name).as_posix()}")
    try:
        db.upgrade()
        services = build_services(db, interpreter=interpreter, clock=clock, settings=Settings(database_url="sqlite://"))
        for i, path in enumerate(example_paths()):
            services.cases.import_case(load_example(path.name), actor="u1", idempotency_key=f"k{i}")
        with pytest.raises(CaseExists):
            services.cases.import_case(load_example(example_paths()[0].name), actor="u1")
        with db.engine.connect() as conn:
            return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2"))] for t in TABLES}
    finally:
        repositories.DRIVER_INSERTS = True
        db.dispose()


def test_driver_inserts_store_what_sqlalchemy_stores(tmp_path: Path, clock: FrozenClock,
                                                     interpreter: WorkflowInterpreter) -> None:
    fast = _stored(tmp_path, "fast.db", clock, interpreter, driver=True)
    plain = _stored(tmp_path, "plain.db", clock, interpreter, driver=False)
    assert all(fast[t] for t in TABLES)
    assert fast == plain
