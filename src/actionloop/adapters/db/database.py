"""The database as the service layer sees it (:class:`actionloop.app.ports.Database`)."""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, RootTransaction

from actionloop.adapters.db import migrate
from actionloop.adapters.db.engine import WRITE_OPTION, create_db_engine
from actionloop.adapters.db.reads import MARKER_SQL, SqlChangeMarker, SqlReadLogRepository, marker_text
from actionloop.adapters.db.reminders import SqlReminderRepository
from actionloop.adapters.db.repositories import (
    SqlAccountRepository,
    SqlCaseRepository,
    SqlIdempotencyRepository,
    SqlOrgRepository,
)

log = logging.getLogger(__name__)


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


class _Savepoint:
    """A savepoint of a write group's transaction (SQLite), set and released through the driver
    itself: SQLAlchemy's own savepoints compile their statements anew each time, which costs more
    than the write they wrap."""

    _names = itertools.count(1)

    def __init__(self, conn: Connection) -> None:
        driver = conn.connection.driver_connection
        assert driver is not None
        self._driver: Any = driver
        self._name = f"uow_{next(self._names)}"
        self._driver.execute(f"SAVEPOINT {self._name}")
        self.is_active = True

    def commit(self) -> None:
        self.is_active = False
        self._driver.execute(f"RELEASE {self._name}")

    def rollback(self) -> None:
        self.is_active = False
        self._driver.execute(f"ROLLBACK TO {self._name}")
        self._driver.execute(f"RELEASE {self._name}")


class _Checkpointer:
    """Checkpoints of a SQLite database's write-ahead log in a thread of its own (see
    :meth:`SqlDatabase.start_checkpoints`)."""

    def __init__(self, engine: Engine, every_seconds: float) -> None:
        self._engine = engine
        self._every = every_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="actionloop-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            self.checkpoint()

    def checkpoint(self) -> None:
        """Copy what the log holds into the database file (PASSIVE: never waits for, nor holds
        up, a reader or a writer; what it cannot copy now it copies next time)."""
        try:
            raw = self._engine.raw_connection()
            try:
                driver: Any = raw.driver_connection
                driver.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                raw.close()
        except Exception:  # the next round tries again; automatic checkpoints are off only in groups
            log.warning("WAL checkpoint failed", exc_info=True)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.checkpoint()


class SqlUnitOfWork:
    """One connection and one transaction; rolled back on leaving the block unless committed.

    Inside :meth:`SqlDatabase.write_group` (in the thread that opened it) the unit of work is a
    savepoint of the group's transaction instead: its commit keeps its changes for the group's
    commit, leaving it otherwise undoes them, and it sees what the group has written so far."""

    cases: SqlCaseRepository
    idempotency: SqlIdempotencyRepository
    orgs: SqlOrgRepository
    accounts: SqlAccountRepository
    reads: SqlReadLogRepository
    reminders: SqlReminderRepository
    changes: SqlChangeMarker

    def __init__(
        self, engine: Engine, *, write: bool, snapshot: bool, writer_lock: FairLock | None = None,
        group: Connection | None = None,
    ) -> None:
        self._engine = engine
        self._write = write
        self._snapshot = snapshot
        self._writer_lock = writer_lock if group is None else None
        self._group = group
        self._locked = False
        self._conn: Connection | None = None
        self._tx: RootTransaction | _Savepoint | None = None

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
        if self._group is not None:
            conn = self._group
            self._tx = _Savepoint(conn)
        else:
            options: dict[str, Any] = {}
            if self._write:
                options[WRITE_OPTION] = True
            if self._snapshot and self._engine.dialect.name == "postgresql":
                options["isolation_level"] = "REPEATABLE READ"
            conn = self._engine.connect()
            if options:
                conn = conn.execution_options(**options)
            self._tx = conn.begin()
        self._conn = conn
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
                if self._conn is not None and self._group is None:
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
        #: The connection of the write group open in this thread (see :meth:`write_group`).
        self._grouped = threading.local()
        #: The connection kept for each thread's write groups (see :meth:`_group_connection`).
        self._group_conns: dict[int, Connection] = {}
        self._group_conns_lock = threading.Lock()
        self._checkpoints: _Checkpointer | None = None

    @classmethod
    def open(cls, url: str, *, busy_timeout_ms: int = 5000, echo: bool = False) -> SqlDatabase:
        return cls(create_db_engine(url, busy_timeout_ms=busy_timeout_ms, echo=echo))

    def unit_of_work(self, *, write: bool = False, snapshot: bool = False) -> SqlUnitOfWork:
        lock = self._writer_lock if write else None
        group: Connection | None = getattr(self._grouped, "conn", None)
        return SqlUnitOfWork(self.engine, write=write, snapshot=snapshot, writer_lock=lock, group=group)

    def change_marker(self) -> str | None:
        """The change marker (:class:`SqlChangeMarker`) read on its own, straight through the
        driver (no transaction object around one statement); None on PostgreSQL."""
        if self.kind != "sqlite":
            return None
        raw = self.engine.raw_connection()
        try:
            driver: Any = raw.driver_connection
            return marker_text(driver.execute(MARKER_SQL).fetchone())
        finally:
            raw.close()

    def start_checkpoints(self, every_seconds: float = 1.0) -> None:
        """SQLite: checkpoint the write-ahead log every ``every_seconds`` in a thread of its own,
        and not in the write groups' commits. Otherwise the commit that takes the log past its
        size limit (1000 pages) also copies it into the database file and syncs that file — tens
        of milliseconds on a busy machine, for that write and for every write queued behind it.
        What a commit writes and when it is durable against a crash of the process are the same
        either way; against a power cut a commit is safe once a checkpoint has synced it, which
        now happens within ``every_seconds`` (before, when the log next reached its limit)."""
        if self.kind != "sqlite" or self._checkpoints is not None:
            return
        self._checkpoints = _Checkpointer(self.engine, every_seconds)

    def stop_checkpoints(self) -> None:
        """Stop the checkpoint thread after one last checkpoint (nothing if none runs)."""
        checkpoints, self._checkpoints = self._checkpoints, None
        if checkpoints is not None:
            checkpoints.stop()

    @contextlib.contextmanager
    def write_group(self) -> Iterator[None]:
        """Several writes as one transaction (group commit, SQLite): every unit of work this thread
        opens inside the block is a savepoint of one write transaction, which is committed when
        the block ends without an exception (and rolled back if it raises). Each write is still
        checked on its own and undone on its own if it fails, but none of them is durable before
        the block has ended: whoever runs writes in a group must not acknowledge any of them
        before then. One commit (one write of the log) then serves them all. On PostgreSQL,
        which writes in parallel, the block does nothing."""
        if self.kind != "sqlite" or getattr(self._grouped, "conn", None) is not None:
            yield
            return
        assert self._writer_lock is not None
        self._writer_lock.acquire()
        try:
            conn = self._group_connection()
            kept = False
            try:
                # With the checkpoint thread running, this commit leaves the checkpoint to it.
                driver: Any = conn.connection.driver_connection
                driver.execute(f"PRAGMA wal_autocheckpoint = {0 if self._checkpoints is not None else 1000}")
                tx = conn.begin()
                self._grouped.conn = conn
                try:
                    yield
                finally:
                    self._grouped.conn = None
                tx.commit()
                kept = True
            finally:
                if not kept:
                    self._drop_group_connection(conn)  # closing rolls back what was not committed
        finally:
            self._writer_lock.release()

    def _group_connection(self) -> Connection:
        """The connection this thread's write groups use, kept from one group to the next: its page
        cache stays valid while only it writes (a connection taken from the pool each time finds
        its cache outdated by the writes made through the others, and reads those pages again)."""
        ident = threading.get_ident()
        with self._group_conns_lock:
            conn = self._group_conns.get(ident)
        if conn is None or conn.closed:
            conn = self.engine.connect().execution_options(**{WRITE_OPTION: True})
            with self._group_conns_lock:
                self._group_conns[ident] = conn
        return conn

    def _drop_group_connection(self, conn: Connection) -> None:
        with self._group_conns_lock:
            for ident, kept in list(self._group_conns.items()):
                if kept is conn:
                    del self._group_conns[ident]
        conn.close()

    def _close_group_connections(self) -> None:
        with self._group_conns_lock:
            conns, self._group_conns = list(self._group_conns.values()), {}
        for conn in conns:
            conn.close()

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
        self._close_group_connections()
        self.engine.dispose()
