"""Engines for SQLite (the default: one file, nothing to install) and PostgreSQL (psycopg 3).

SQLite connections get, on connect: WAL journal (readers never wait for the writer),
``synchronous=NORMAL`` (durable at each checkpoint; a power cut may lose the last commits, never
corrupt), foreign keys on, and a busy timeout. SQLAlchemy, not the ``sqlite3`` module, emits BEGIN:
a transaction opened with the execution option ``actionloop_write=True`` starts with
``BEGIN IMMEDIATE``, so it holds the write lock from its first statement and two writers queue
instead of failing on a lock upgrade.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

WRITE_OPTION = "actionloop_write"


class UnsupportedDatabase(ValueError):
    """A database URL for a database actionloop does not run on."""


def normalise_url(url: str | URL) -> URL:
    """The URL with the driver actionloop uses: ``postgresql://`` and ``postgres://`` become
    ``postgresql+psycopg://``; ``sqlite://`` stays (the standard library driver)."""
    if isinstance(url, str) and url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if parsed.get_driver_name() not in ("pysqlite", ""):
            raise UnsupportedDatabase(f"SQLite via {parsed.get_driver_name()} is not supported; use sqlite:///FILE")
        return parsed
    raise UnsupportedDatabase(f"{backend} is not supported; use sqlite:///FILE or postgresql+psycopg://…")


def create_db_engine(url: str | URL, *, busy_timeout_ms: int = 5000, echo: bool = False) -> Engine:
    """An engine for ``url`` (SQLite file or PostgreSQL), set up as described above."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, echo=echo, connect_args={"check_same_thread": False})
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    return create_engine(parsed, echo=echo, pool_pre_ping=True)


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN (see _on_begin); the sqlite3 module's own handling would not
        # start a transaction before SELECT, nor let us choose IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
