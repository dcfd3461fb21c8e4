"""The Norwegian calendar: working days (not weekends or public holidays) and school days
(working days that are not the unit's own closure days).

Counting is by a running index per day, so any span costs two look-ups whatever its length.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Final

import holidays

_FIRST_YEAR: Final = 1990
_LAST_YEAR: Final = 2100


@lru_cache(maxsize=1)
def _public_holidays() -> frozenset[date]:
    days = holidays.country_holidays("NO", years=range(_FIRST_YEAR, _LAST_YEAR + 1), language="no")
    # The library counts every Sunday as a holiday in some versions; weekends are handled apart.
    return frozenset(d for d in days if d.weekday() < 5)


def public_holiday_name(day: date) -> str | None:
    names = holidays.country_holidays("NO", years=day.year, language="no")
    name = names.get(day)
    return str(name) if name else None


class Calendar:
    """Working and school days on the Norwegian calendar, with optional closure days for a unit."""

    def __init__(self, closure_days: Iterable[date] = ()) -> None:
        self.closure_days = frozenset(closure_days)
        self._base = date(_FIRST_YEAR, 1, 1).toordinal()
        self._work_index = self._index(frozenset())
        self._school_index = self._index(self.closure_days) if self.closure_days else self._work_index
        self._size = len(self._work_index)

    def _index(self, closed: frozenset[date]) -> list[int]:
        """``index[i]`` = working days from the base day up to and including base + i."""
        holidays_ = _public_holidays()
        out: list[int] = []
        count = 0
        day = date(_FIRST_YEAR, 1, 1)
        end = date(_LAST_YEAR, 12, 31)
        one = timedelta(days=1)
        while day <= end:
            if day.weekday() < 5 and day not in holidays_ and day not in closed:
                count += 1
            out.append(count)
            day += one
        return out

    def _check(self, day: date) -> int:
        offset = day.toordinal() - self._base
        if not 0 <= offset < len(self._work_index):
            raise ValueError(f"{day} is outside the calendar ({_FIRST_YEAR}–{_LAST_YEAR})")
        return offset

    def is_working_day(self, day: date) -> bool:
        i = self._check(day)
        return self._work_index[i] != (self._work_index[i - 1] if i else 0)

    def is_school_day(self, day: date) -> bool:
        i = self._check(day)
        return self._school_index[i] != (self._school_index[i - 1] if i else 0)

    def _between(self, index: list[int], start: date, end: date) -> int:
        a = start.toordinal() - self._base
        b = end.toordinal() - self._base
        size = len(index)
        if 0 <= a < size and 0 <= b < size:
            return index[b] - index[a]
        return index[self._check(end)] - index[self._check(start)]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 on the same day; negative
        if ``end`` is earlier)."""
        # The body of _between, inline: the audit asks this thousands of times a second.
        index, base = self._work_index, self._base
        a = start.toordinal() - base
        b = end.toordinal() - base
        if 0 <= a < self._size and 0 <= b < self._size:
            return index[b] - index[a]
        return index[self._check(end)] - index[self._check(start)]

    def school_days_between(self, start: date, end: date) -> int:
        """Like :meth:`working_days_between`, also leaving out the unit's closure days."""
        index, base = self._school_index, self._base
        a = start.toordinal() - base
        b = end.toordinal() - base
        if 0 <= a < self._size and 0 <= b < self._size:
            return index[b] - index[a]
        return index[self._check(end)] - index[self._check(start)]

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself when ``n`` is 0)."""
        return self._add(start, n, self.is_working_day)

    def add_school_days(self, start: date, n: int) -> date:
        return self._add(start, n, self.is_school_day)

    @staticmethod
    def _add(start: date, n: int, counts: object) -> date:
        assert callable(counts)
        day = start
        one = timedelta(days=1)
        while n > 0:
            day += one
            if counts(day):
                n -= 1
        return day


@lru_cache(maxsize=64)
def calendar_for(closure_days: frozenset[date] = frozenset()) -> Calendar:
    """A shared calendar for a set of closure days (building one takes a few milliseconds)."""
    return Calendar(closure_days)
