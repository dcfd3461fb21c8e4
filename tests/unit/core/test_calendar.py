"""The Norwegian calendar: public holidays, weekends, a unit's closure days, and Europe/Oslo time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from actionloop.core.calendar import Calendar, calendar_for, public_holiday_name
from actionloop.core.casefile import parse_when
from actionloop.core.clock import OSLO, FrozenClock, today

pytestmark = pytest.mark.frist

CAL = Calendar()


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 1), "nyttårsdag"),
        (date(2025, 4, 17), "Skjærtorsdag"),      # Maundy Thursday
        (date(2025, 4, 18), "Langfredag"),        # Good Friday
        (date(2025, 4, 21), "Andre påskedag"),    # Easter Monday
        (date(2025, 5, 1), "Arbeidernes dag"),
        (date(2025, 5, 29), "Kristi himmelfartsdag"),  # Ascension
        (date(2025, 6, 9), "Andre pinsedag"),     # Whit Monday
        (date(2024, 5, 17), "Grunnlovsdag"),      # 17 May on a Friday
        (date(2028, 5, 17), "Grunnlovsdag"),      # 17 May on a Wednesday
        (date(2025, 12, 25), "Første juledag"),
        (date(2025, 12, 26), "Andre juledag"),
        (date(2026, 4, 2), "Skjærtorsdag"),       # Easter moves: 2026
        (date(2026, 5, 14), "Kristi himmelfartsdag"),
    ],
)
def test_public_holidays_are_not_working_days(day: date, name: str) -> None:
    assert day.weekday() < 5
    assert not CAL.is_working_day(day)
    assert not CAL.is_school_day(day)
    holiday = public_holiday_name(day)
    assert holiday is not None and name.lower() in holiday.lower()


@pytest.mark.parametrize("day", [date(2025, 12, 24), date(2025, 12, 31), date(2025, 4, 16), date(2025, 4, 22)])
def test_days_around_holidays_are_working_days(day: date) -> None:
    # Christmas Eve and New Year's Eve are not public holidays in Norway; nor is Wednesday in Holy Week.
    assert CAL.is_working_day(day)
    assert public_holiday_name(day) is None


def test_weekends_are_not_working_days() -> None:
    assert not CAL.is_working_day(date(2025, 9, 6))   # Saturday
    assert not CAL.is_working_day(date(2025, 9, 7))   # Sunday
    assert CAL.is_working_day(date(2025, 9, 8))       # Monday


def test_counting_over_easter() -> None:
    # Wednesday before Easter 2025 → next working day is the Tuesday after Easter Monday.
    assert CAL.add_working_days(date(2025, 4, 16), 1) == date(2025, 4, 22)
    assert CAL.working_days_between(date(2025, 4, 16), date(2025, 4, 22)) == 1
    assert CAL.working_days_between(date(2025, 4, 16), date(2025, 4, 16)) == 0
    assert CAL.working_days_between(date(2025, 4, 22), date(2025, 4, 16)) == -1
    assert CAL.add_working_days(date(2025, 4, 16), 0) == date(2025, 4, 16)


def test_counting_over_ascension_17_may_and_whitsun() -> None:
    assert CAL.add_working_days(date(2025, 5, 28), 1) == date(2025, 5, 30)   # over Ascension Day
    assert CAL.add_working_days(date(2025, 6, 6), 1) == date(2025, 6, 10)    # over Whit Monday
    assert CAL.add_working_days(date(2028, 5, 16), 1) == date(2028, 5, 18)   # over 17 May
    assert CAL.add_working_days(date(2027, 5, 14), 1) == date(2027, 5, 18)   # 17 May = Whit Monday 2027


def test_counting_over_christmas_and_new_year() -> None:
    assert CAL.add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
    assert CAL.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)
    assert CAL.working_days_between(date(2025, 12, 19), date(2026, 1, 5)) == 8


def test_closure_days_affect_school_days_only() -> None:
    autumn_break = [date(2025, 10, 6) + timedelta(days=i) for i in range(5)]  # Mon–Fri, week 41
    cal = Calendar([*autumn_break, date(2025, 10, 11)])                       # a Saturday too: no effect
    for day in autumn_break:
        assert cal.is_working_day(day)
        assert not cal.is_school_day(day)
    assert cal.add_working_days(date(2025, 10, 3), 1) == date(2025, 10, 6)
    assert cal.add_school_days(date(2025, 10, 3), 1) == date(2025, 10, 13)
    assert cal.school_days_between(date(2025, 10, 3), date(2025, 10, 13)) == 1
    assert cal.working_days_between(date(2025, 10, 3), date(2025, 10, 13)) == 6
    # Without closure days, school days are working days.
    assert CAL.add_school_days(date(2025, 10, 3), 1) == date(2025, 10, 6)


def test_shared_calendars_are_cached_per_closure_set() -> None:
    assert calendar_for() is calendar_for()
    closed = frozenset({date(2025, 10, 6)})
    assert calendar_for(closed) is calendar_for(closed)
    assert not calendar_for(closed).is_school_day(date(2025, 10, 6))


def test_outside_the_calendar_is_an_error() -> None:
    with pytest.raises(ValueError, match="outside the calendar"):
        CAL.is_working_day(date(1980, 1, 1))


# --- Europe/Oslo and daylight saving time -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # Spring forward: 2025-03-30 02:00 → 03:00.
        ("2025-03-30", date(2025, 3, 30)),
        ("2025-03-30T01:59:00+01:00", date(2025, 3, 30)),
        ("2025-03-30T03:00:00+02:00", date(2025, 3, 30)),
        ("2025-03-29T23:30:00Z", date(2025, 3, 30)),     # already the 30th in Oslo
        ("2025-03-30T21:59:00Z", date(2025, 3, 30)),     # 23:59 CEST
        ("2025-03-30T22:00:00Z", date(2025, 3, 31)),     # midnight CEST
        # Fall back: 2025-10-26 03:00 → 02:00.
        ("2025-10-26", date(2025, 10, 26)),
        ("2025-10-25T22:30:00Z", date(2025, 10, 26)),    # 00:30 CEST
        ("2025-10-26T02:30:00+02:00", date(2025, 10, 26)),
        ("2025-10-26T02:30:00+01:00", date(2025, 10, 26)),
        ("2025-10-26T22:59:00Z", date(2025, 10, 26)),    # 23:59 CET
        ("2025-10-26T23:00:00Z", date(2025, 10, 27)),
        ("2025-10-26T23:30", date(2025, 10, 26)),        # no offset: Oslo local time
    ],
)
def test_local_dates_on_dst_change_days(text: str, day: date) -> None:
    parsed = parse_when(text)
    assert parsed is not None
    assert parsed[1] == day


def test_day_counts_do_not_shift_over_dst() -> None:
    # Friday before each change + 1 working day is the Monday after; the 23- and 25-hour Sundays
    # count as one day each.
    assert CAL.add_working_days(date(2025, 3, 28), 1) == date(2025, 3, 31)
    assert CAL.add_working_days(date(2025, 10, 24), 1) == date(2025, 10, 27)
    assert (date(2025, 3, 31) - date(2025, 3, 29)).days == 2


def test_today_is_the_oslo_date() -> None:
    # 22:30 UTC on 1 September is 00:30 on 2 September in Oslo (summer time).
    assert today(FrozenClock(datetime(2025, 9, 1, 22, 30, tzinfo=UTC))) == date(2025, 9, 2)
    # In winter Oslo is UTC+1.
    assert today(FrozenClock(datetime(2025, 12, 1, 22, 59, tzinfo=UTC))) == date(2025, 12, 1)
    assert today(FrozenClock(datetime(2025, 12, 1, 23, 0, tzinfo=UTC))) == date(2025, 12, 2)
    # On the change days themselves.
    assert today(FrozenClock(datetime(2025, 10, 26, 2, 30, tzinfo=OSLO))) == date(2025, 10, 26)
    assert today(FrozenClock.on(date(2025, 3, 30), hour=2)) == date(2025, 3, 30)
