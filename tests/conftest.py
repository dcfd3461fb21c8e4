"""Fixtures shared by the whole suite.

``database_url`` runs a test once against SQLite (a fresh file) and once against PostgreSQL (a fresh
schema, dropped afterwards). PostgreSQL comes from ``ACTIONLOOP_TEST_DATABASE_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); when it cannot be reached the PostgreSQL run
is skipped, unless ``ACTIONLOOP_REQUIRE_POSTGRES=1``, which makes it fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PG_DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to test a law engine compiled (in place, by ``pip install -e .``) from older sources."""
    from actionloop.compiled import stale_sources

    stale = stale_sources()
    if stale:
        pytest.exit(
            f"the compiled law engine is older than its sources ({', '.join(stale)}): rebuild it with "
            "`python3 dev.py test` (or `.venv/bin/pip install -e '.[dev]'`)",
            returncode=2,
        )


def postgres_base_url() -> str:
    return os.environ.get("ACTIONLOOP_TEST_DATABASE_URL") or PG_DEFAULT_URL


def postgres_required() -> bool:
    return os.environ.get("ACTIONLOOP_REQUIRE_POSTGRES") == "1"


@cache
def _postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used (None if it can); asked once per run."""
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(postgres_base_url(), connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        finally:
            engine.dispose()
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return None


def need_postgres() -> None:
    """Skip (or, with ACTIONLOOP_REQUIRE_POSTGRES=1, fail) when PostgreSQL cannot be reached."""
    problem = _postgres_problem()
    if problem is None:
        return
    message = f"PostgreSQL at {postgres_base_url()} is not reachable ({problem})"
    if postgres_required():
        pytest.fail(message + " and ACTIONLOOP_REQUIRE_POSTGRES=1")
    pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL for a fresh, empty PostgreSQL schema (first on the search path), dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    need_postgres()
    base = make_url(postgres_base_url())
    if base.drivername in ("postgresql", "postgres"):
        base = base.set(drivername="postgresql+psycopg")
    schema = "t_" + uuid.uuid4().hex[:16]
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = base.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL for a new SQLite database file in the test's own folder."""
    return f"sqlite:///{(tmp_path / 'actionloop.db').as_posix()}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test that takes this runs on SQLite and on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(name)
    return url
