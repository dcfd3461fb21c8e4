"""Dates the engine can work with. The Norwegian calendar behind every deadline covers 1990–2100;
a case file may hold any date, so the API refuses, with the field's path, dates in a case outside
:data:`FIRST_DAY`–:data:`LAST_DAY` before they reach the engine."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from actionloop.core.errors import Problem

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2099, 12, 31)

#: Case-file fields that hold a date (or a date and time, or an interval of dates).
DATE_FIELDS = frozenset({"at", "when", "evaluations", "deadline", "from"})
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

MESSAGES = {
    "nb": "datoen {day} er utenfor det actionloop regner frister for ({first}–{last})",
    "nn": "datoen {day} er utanfor det actionloop reknar fristar for ({first}–{last})",
    "en": "the date {day} is outside the range actionloop computes deadlines for ({first}–{last})",
}


def _dates(value: Any, path: str, in_date_field: bool, found: list[tuple[str, str]]) -> None:
    """Add to ``found`` each date (path, text) in a date field of ``value``, in order."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) or (key in DATE_FIELDS and isinstance(item, str)):
                _dates(item, f"{path}.{key}", key in DATE_FIELDS, found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, (dict, list)) or (in_date_field and isinstance(item, str)):
                _dates(item, f"{path}[{i}]", in_date_field, found)
    elif isinstance(value, str) and in_date_field:
        for match in _DATE.finditer(value):
            found.append((path, match.group(0)))


def out_of_range(data: Any, path: str, lang: str) -> list[Problem]:
    """A problem for each date in a date field of ``data`` outside the calendar's range."""
    problems = []
    found: list[tuple[str, str]] = []
    _dates(data, path, False, found)
    for where, text in found:
        year = int(text[:4])
        if not FIRST_DAY.year <= year <= LAST_DAY.year:
            message = MESSAGES.get(lang, MESSAGES["nb"])
            problems.append(Problem(where, message.format(day=text, first=FIRST_DAY.year, last=LAST_DAY.year)))
    return problems
