"""The writer thread of a SQLite app (one writer at a time), with group commit.

Writes are queued from the event loop and run one after the other in one thread. When several
writes that may share a transaction are waiting, the thread runs them together inside
``group()`` (:meth:`actionloop.adapters.db.SqlDatabase.write_group`): each one is checked and
runs in a savepoint of its own, exactly as it would alone, and the group is committed once. No
answer is given before that commit: a write whose own work succeeded is acknowledged only once
the commit has succeeded, and gets the commit's error otherwise. The thread never waits for more
writes to arrive: a group is whatever queued up while the previous one ran, so a lone write is
not delayed, and under load one commit serves many.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

#: The most writes committed together (bounds how long the write lock is held).
MAX_GROUP = 32


@dataclass(slots=True)
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]
    groupable: bool
    result: Any = None
    error: BaseException | None = None


def _settle(job: _Job) -> None:
    """In the event loop: hand the job's outcome to its waiter (unless it gave up waiting)."""
    if job.future.cancelled():
        return
    if job.error is not None:
        job.future.set_exception(job.error)
    else:
        job.future.set_result(job.result)


class WriterThread:
    """One thread running writes in order; see the module's docstring. ``group``: a context
    manager factory for one transaction shared by the writes run inside it. ``on_group_failed``:
    called (in the thread) when a group's commit fails, before the writes hear of it."""

    def __init__(
        self, group: Callable[[], AbstractContextManager[None]], on_group_failed: Callable[[], None] = lambda: None,
        name: str = "actionloop-writer",
    ) -> None:
        self._group = group
        self._on_group_failed = on_group_failed
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    async def run(self, fn: Callable[..., Any], args: tuple[Any, ...], *, groupable: bool) -> Any:
        loop = asyncio.get_running_loop()
        job = _Job(fn, args, loop, loop.create_future(), groupable)
        self._queue.put(job)
        return await job.future

    def stop(self) -> None:
        """Finish the writes queued so far, then end the thread."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        held: list[_Job | None] = []  # taken from the queue but not run yet: at most one
        while True:
            job = held.pop() if held else self._queue.get()
            if job is None:
                return
            batch = [job]
            while job.groupable and len(batch) < MAX_GROUP:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None or not more.groupable:
                    held.append(more)
                    break
                batch.append(more)
            if job.groupable:
                self._together(batch)
            else:
                self._alone(job)
            for j in batch:
                with contextlib.suppress(RuntimeError):  # a closed loop: no one is waiting any more
                    j.loop.call_soon_threadsafe(_settle, j)

    @staticmethod
    def _alone(job: _Job) -> None:
        try:
            job.result = job.fn(*job.args)
        except BaseException as exc:  # handed to the waiter
            job.error = exc

    def _together(self, batch: list[_Job]) -> None:
        try:
            with self._group():
                for job in batch:
                    self._alone(job)
        except BaseException as exc:  # the commit (or the transaction) failed: nothing is stored
            log.error("group commit failed", extra={"writes": len(batch)}, exc_info=exc)
            try:
                self._on_group_failed()
            finally:
                for job in batch:
                    if job.error is None:
                        job.error = exc
                        job.result = None
