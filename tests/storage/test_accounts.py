"""Local accounts: argon2 hashes, roles per unit, API tokens stored hashed, and the login rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from actionloop.adapters.db import SqlDatabase
from actionloop.adapters.db import tables as t
from actionloop.app.accounts import AccountService, token_hash
from actionloop.app.errors import AlreadyExists, InvalidInput, LoginRateLimited, LoginRefused, NotFound
from actionloop.app.services import Services
from actionloop.core.clock import FrozenClock

ROSTER = """type,id,name,parent,role,unit,email,class
owner,k1,Eksempel kommune,,municipality,,,
school,s1,Nordli skole,k1,,,,
staff,a1,Per Hansen,,principal,s1,,
"""
PASSWORD = "riktig-hest-batteri"


@pytest.fixture
def accounts(services: Services, db: SqlDatabase, clock: FrozenClock) -> AccountService:
    services.orgs.import_roster(ROSTER)
    # Cheap argon2 parameters keep the tests fast; the default hasher is checked separately.
    fast = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    return AccountService(db, clock, max_failures=3, window=timedelta(minutes=15), hasher=fast)


def test_passwords_are_stored_as_argon2id(services: Services, db: SqlDatabase) -> None:
    services.orgs.import_roster(ROSTER)
    services.accounts.add_user("Per.Hansen", roles=[("principal", "s1")], password=PASSWORD, staff_id="a1")
    with db.engine.connect() as conn:
        stored = conn.execute(select(t.account.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    who = services.accounts.check_login("per.hansen", PASSWORD)
    assert who.username == "per.hansen" and who.staff_id == "a1"
    assert who.has("principal", "s1") and not who.has("principal", "s2")
    assert who.scopes("principal") == ("s1",)


def test_roles_and_their_scopes(accounts: AccountService) -> None:
    accounts.add_user("admin", roles=[("admin", "")])
    accounts.add_user("eier", roles=[("owner", "k1"), ("auditor", "s1")])
    with pytest.raises(AlreadyExists):
        accounts.add_user("ADMIN")
    with pytest.raises(NotFound):
        accounts.add_user("x1", roles=[("principal", "s-none")])
    with pytest.raises(NotFound):
        accounts.add_user("x2", roles=[("owner", "s1")])  # a unit is not an owner
    with pytest.raises(InvalidInput) as caught:
        accounts.add_user("x3", roles=[("principal", "")])
    assert caught.value.field == "unit"
    with pytest.raises(InvalidInput):
        accounts.add_user("x4", roles=[("rektor", "s1")])
    with pytest.raises(InvalidInput):
        accounts.add_user("x5", roles=[("admin", "s1")])
    with pytest.raises(InvalidInput) as caught:
        accounts.add_user("x6", password="kort")
    assert "10" in caught.value.message("nn")
    with pytest.raises(InvalidInput):
        accounts.add_user("Not Valid!")
    granted = accounts.grant("eier", "staff", "s1")
    assert granted.has("staff", "s1") and granted.has("owner", "k1")
    assert not accounts.revoke("eier", "staff", "s1").has("staff")


def test_login_and_rate_limit(accounts: AccountService, clock: FrozenClock) -> None:
    accounts.add_user("per", roles=[("principal", "s1")], password=PASSWORD)
    now = clock.now()
    assert accounts.check_login("per", PASSWORD, now).username == "per"
    for i in range(3):
        with pytest.raises(LoginRefused):
            accounts.check_login("per", "feil-passord", now + timedelta(seconds=i))
    # The fourth attempt is refused without looking at the password, even the right one.
    with pytest.raises(LoginRateLimited) as caught:
        accounts.check_login("per", PASSWORD, now + timedelta(seconds=10))
    assert 0 < caught.value.retry_after <= 15 * 60
    assert "sekunder" in str(caught.value)
    # Once the oldest failure has left the window, one more try is allowed.
    later = now + timedelta(minutes=15, seconds=1)
    assert accounts.check_login("per", PASSWORD, later).username == "per"
    # A success resets the count.
    for i in range(2):
        with pytest.raises(LoginRefused):
            accounts.check_login("per", "feil", later + timedelta(seconds=1 + i))
    accounts.check_login("per", PASSWORD, later + timedelta(seconds=5))
    for i in range(3):
        with pytest.raises(LoginRefused):
            accounts.check_login("per", "feil", later + timedelta(seconds=6 + i))
    with pytest.raises(LoginRateLimited):
        accounts.check_login("per", PASSWORD, later + timedelta(seconds=20))
    assert accounts.prune_login_attempts(later + timedelta(hours=1)) > 0


def test_unknown_and_inactive_users_are_refused_alike(accounts: AccountService, clock: FrozenClock) -> None:
    accounts.add_user("per", password=PASSWORD)
    accounts.add_user("utan-passord")
    with pytest.raises(LoginRefused):
        accounts.check_login("nobody", PASSWORD)
    with pytest.raises(LoginRefused):
        accounts.check_login("utan-passord", "")
    accounts.set_active("per", False)
    with pytest.raises(LoginRefused) as caught:
        accounts.check_login("per", PASSWORD)
    assert str(caught.value) == "feil brukernavn eller passord"
    accounts.set_active("per", True)
    accounts.set_password("per", "nytt-langt-passord")
    with pytest.raises(LoginRefused):
        accounts.check_login("per", PASSWORD)
    assert accounts.check_login("per", "nytt-langt-passord").username == "per"
    # Unknown names are rate limited too.
    for _ in range(3):
        with pytest.raises(LoginRefused):
            accounts.check_login("ghost", "x")
    with pytest.raises(LoginRateLimited):
        accounts.check_login("ghost", "x")


def test_api_tokens_are_stored_hashed(accounts: AccountService, db: SqlDatabase, clock: FrozenClock) -> None:
    accounts.add_user("per", roles=[("principal", "s1")])
    issued = accounts.create_token("per", "integrasjon")
    assert issued.token.startswith("alt_") and len(issued.token) > 40
    with db.engine.connect() as conn:
        stored = conn.execute(select(t.api_token.c.token_hash)).scalar_one()
    assert stored == token_hash(issued.token) and issued.token not in stored
    who = accounts.authenticate_token(issued.token)
    assert who is not None and who.username == "per" and who.has("principal", "s1")
    assert accounts.authenticate_token(issued.token + "x") is None
    assert accounts.authenticate_token("not-a-token") is None
    accounts.revoke_token("per", issued.record.id)
    assert accounts.authenticate_token(issued.token) is None
    short = accounts.create_token("per", "kort", expires_at=clock.now() + timedelta(days=1))
    assert accounts.authenticate_token(short.token) is not None
    assert accounts.authenticate_token(short.token, clock.now() + timedelta(days=2)) is None
    accounts.set_active("per", False)
    assert accounts.authenticate_token(short.token) is None
    assert [tok.name for tok in accounts.tokens("per")] == ["integrasjon", "kort"]
    with pytest.raises(NotFound):
        accounts.revoke_token("per", 999)


def test_an_ended_session_is_remembered_until_its_cookie_expires(
    accounts: AccountService, clock: FrozenClock,
) -> None:
    now = clock.now()
    assert accounts.session_ended("s-1") is False
    accounts.end_session("s-1", 7, expires_at=now + timedelta(hours=8), now=now)
    accounts.end_session("s-1", 7, expires_at=now + timedelta(hours=8), now=now)  # again: no error, no change
    assert accounts.session_ended("s-1") is True
    assert accounts.session_ended("s-2") is False
    # Ending another session later forgets those whose cookies have expired since.
    accounts.end_session("s-2", 7, expires_at=now + timedelta(hours=20), now=now + timedelta(hours=9))
    assert accounts.session_ended("s-1") is False
    assert accounts.session_ended("s-2") is True


def test_setting_a_password_raises_the_session_generation_and_a_rehash_does_not(
    accounts: AccountService, db: SqlDatabase,
) -> None:
    accounts.add_user("per", password=PASSWORD)
    assert accounts.check_login("per", PASSWORD).session_generation == 0
    assert accounts.set_password("per", "eit-nytt-passord").session_generation == 1
    assert accounts.set_password("per", "eit-tredje-passord").session_generation == 2
    # A hash made again with other parameters at login keeps the sessions.
    with db.engine.begin() as conn:
        conn.execute(t.account.update().values(password_hash=PasswordHasher(time_cost=2, memory_cost=64,
                                                                              parallelism=1).hash("eit-tredje-passord")))
    identity = accounts.check_login("per", "eit-tredje-passord")
    assert identity.session_generation == 2
