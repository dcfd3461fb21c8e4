"""The access rules kept per identity and organisation view: the same objects give the same rules;
a new identity (roles read again, e.g. after a role was taken away) or a new organisation view
(the roster read again) gives rules worked out afresh."""

from __future__ import annotations

from actionloop.api.state import AccessCache
from actionloop.app.access import Level, OrgView
from actionloop.app.accounts import AccountRole, Identity
from actionloop.app.ports import CaseSummary, OrgUnit, Owner


def _view(*units: str) -> OrgView:
    return OrgView.of([OrgUnit(u, "school", u.title(), "o1") for u in units], [Owner("o1", "municipality", "K")])


def _principal(*units: str) -> Identity:
    return Identity(1, "rektor", True, "p1", tuple(AccountRole(1, "principal", u) for u in units))


def _case(unit: str) -> CaseSummary:
    return CaseSummary(case_id=f"{unit}-1", setting="school", unit_id=unit, owner="K", state="reported", last_seq=1,
                       opened_date=None, closed_date=None, last_event_date=None, serious=False, staff_offender=False,
                       leadership_offender=False, next_deadline=None, next_deadline_duty=None, opened_by=None,
                       workflow_id=None)


def test_the_same_identity_and_view_share_their_rules() -> None:
    cache = AccessCache()
    identity, view = _principal("u1"), _view("u1", "u2")
    assert cache.get(identity, view) is cache.get(identity, view)


def test_roles_read_again_give_new_rules() -> None:
    cache = AccessCache()
    view = _view("u1", "u2")
    before = cache.get(_principal("u1", "u2"), view)
    assert before.case_level(_case("u2")) == Level.FULL
    after = cache.get(_principal("u1"), view)  # the role at u2 was taken away
    assert after is not before
    assert after.case_level(_case("u2")) == Level.NONE
    assert after.case_level(_case("u1")) == Level.FULL


def test_a_new_organisation_view_gives_new_rules() -> None:
    cache = AccessCache()
    identity = _principal("u1")
    before = cache.get(identity, _view("u1"))
    after = cache.get(identity, _view("u1", "u2"))
    assert after is not before
    assert after.org is not before.org


def test_the_cache_stays_small() -> None:
    cache = AccessCache(size=2)
    view = _view("u1")
    identities = [_principal("u1") for _ in range(5)]
    for identity in identities:
        assert cache.get(identity, view).identity is identity
    assert len(cache._kept) <= 2
