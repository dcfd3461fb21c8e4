"""Time for the engine: Europe/Oslo, and a clock that is passed in, never read from the wall."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(tz=OSLO)


class FrozenClock:
    """A clock that stands still until told to move (tests, and ``--today`` on the command line)."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            at = at.replace(tzinfo=OSLO)
        self._at = at

    @classmethod
    def on(cls, day: date, hour: int = 12) -> FrozenClock:
        return cls(datetime(day.year, day.month, day.day, hour, tzinfo=OSLO))

    def now(self) -> datetime:
        return self._at

    def advance(self, **delta: float) -> None:
        self._at += timedelta(**delta)


def today(clock: Clock) -> date:
    return clock.now().astimezone(OSLO).date()
