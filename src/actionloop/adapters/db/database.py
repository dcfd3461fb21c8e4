"""The database as the service layer sees it (:class:`actionloop.app.ports.Database`)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections import deque
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, RootTransaction

from actionloop.adapters.db import migrate
from actionloop.adapters.db.engine import WRITE_OPTION, create_db_engine
from actionloop.adapters.db.reads import SqlChangeMarker, SqlReadLogRepository
from actionloop.adapters.db.reminders import SqlReminderRepository
from actionloop.adapters.db.repositories import (
    SqlAccountRepository,
    SqlCaseRepository,
    SqlIdempotencyRepository,
    SqlOrgRepository,
)


class FairLock:
    """A lock handed to waiters in the order they asked (``threading.Lock`` lets the thread that
    just released it take it again at once, so others can wait for long stretches)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self) -> None:
        with self._mutex:
            if not self._held:
                self._held = True
                return
            waiter = threading.Lock()
            waiter.acquire()
            self._waiters.append(waiter)
        waiter.acquire()  # released by release(), which hands the lock over

    def release(self) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().release()
            else:
                self._held = False


class SqlUnitOfWork:
    """One connection and one transaction; rolled back on leaving the block unless committed."""

    cases: SqlCaseRepository
    idempotency: SqlIdempotencyRepository
    orgs: SqlOrgRepository
    accounts: SqlAccountRepository
    reads: SqlReadLogRepository
    reminders: SqlReminderRepository
    changes: SqlChangeMarker

    def __init__(
        self, engine: Engine, *, write: bool, snapshot: bool, writer_lock: FairLock | None = None
    ) -> None:
        self._engine = engine
        self._write = write
        self._snapshot = snapshot
        self._writer_lock = writer_lock
        self._locked = False
        self._conn: Connection | None = None
        self._tx: RootTransaction | None = None

    def __enter__(self) -> SqlUnitOfWork:
        if self._writer_lock is not None:
            self._writer_lock.acquire()
            self._locked = True
        try:
            return self._open()
        except BaseException:
            self._release()
            raise

    def _release(self) -> None:
        if self._locked and self._writer_lock is not None:
            self._locked = False
            self._writer_lock.release()

    def _open(self) -> SqlUnitOfWork:
        options: dict[str, Any] = {}
        if self._write:
            options[WRITE_OPTION] = True
        if self._snapshot and self._engine.dialect.name == "postgresql":
            options["isolation_level"] = "REPEATABLE READ"
        conn = self._engine.connect()
        if options:
            conn = conn.execution_options(**options)
        self._conn = conn
        self._tx = conn.begin()
        self.cases = SqlCaseRepository(conn)
        self.idempotency = SqlIdempotencyRepository(conn)
        self.orgs = SqlOrgRepository(conn)
        self.accounts = SqlAccountRepository(conn)
        self.reads = SqlReadLogRepository(conn)
        self.reminders = SqlReminderRepository(conn)
        self.changes = SqlChangeMarker(conn)
        return self

    def commit(self) -> None:
        assert self._tx is not None, "commit outside the unit of work"
        self._tx.commit()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if self._tx is not None and self._tx.is_active:
                self._tx.rollback()
        finally:
            try:
                if self._conn is not None:
                    self._conn.close()
            finally:
                self._conn = None
                self._tx = None
                self._release()


class SqlDatabase:
    """A SQLite file or a PostgreSQL database, with its migrations."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.kind = engine.dialect.name
        # SQLite has one writer. Threads of this process queue for it here, in turn, instead of
        # polling the file lock with growing sleeps (which gives long tails under load); other
        # processes still wait through the busy timeout.
        self._writer_lock = FairLock() if self.kind == "sqlite" else None

    @classmethod
    def open(cls, url: str, *, busy_timeout_ms: int = 5000, echo: bool = False) -> SqlDatabase:
        return cls(create_db_engine(url, busy_timeout_ms=busy_timeout_ms, echo=echo))

    def unit_of_work(self, *, write: bool = False, snapshot: bool = False) -> SqlUnitOfWork:
        lock = self._writer_lock if write else None
        return SqlUnitOfWork(self.engine, write=write, snapshot=snapshot, writer_lock=lock)

    def upgrade(self, revision: str = "head") -> tuple[str | None, str | None]:
        """Apply the migrations: ``(revision before, revision after)``."""
        return migrate.upgrade(self.engine, revision)

    def revision(self) -> str | None:
        return migrate.current_revision(self.engine)

    def is_current(self) -> bool:
        """Whether the database is at the newest migration shipped with this version."""
        return self.revision() == migrate.head_revision()

    def copy_file(self, dest: Path) -> bool:
        """SQLite: ``VACUUM INTO`` a temporary file beside ``dest``, then rename it into place. The
        copy is one consistent snapshot, taken while others keep reading and writing."""
        if self.kind != "sqlite":
            return False
        dest = dest.resolve()
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raw = self.engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None
            driver.execute("VACUUM INTO ?", (str(tmp),))
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise
        finally:
            raw.close()
        os.replace(tmp, dest)
        return True

    def dispose(self) -> None:
        self.engine.dispose()
