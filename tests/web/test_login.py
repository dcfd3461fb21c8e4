"""Logging in and out, ``/`` by role, CSRF, the frame of every page (language, landmarks, headers)."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import WebServer, csrf_of, text_of


def test_front_page_sends_a_stranger_to_the_login_page(web: WebServer) -> None:
    c = web.client()
    r = c.get("/")
    assert r.status_code == 303 and r.headers["location"] == "/logg-inn"
    page = c.get("/logg-inn")
    assert page.status_code == 200
    assert 'lang="nb"' in page.text and "<main" in page.text and 'href="#main"' in page.text
    assert 'for="username"' in page.text and 'for="password"' in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert page.headers["x-frame-options"] == "DENY"
    assert "actionloop_csrf" in c.http.cookies


def test_login_goes_home_by_role(web: WebServer) -> None:
    for user, home in (("staff1", "/mine"), ("principal1", "/oversikt"), ("handler1", "/oversikt"),
                       ("owner1", "/eier"), ("auditor1", "/tilsyn"), ("admin", "/admin")):
        c = web.client()
        r = c.login(user)
        assert r.status_code == 303 and r.headers["location"] == home, user
        cookie = r.headers["set-cookie"]
        assert "actionloop_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert c.get("/").headers["location"] == home


def test_wrong_password_gives_a_clear_norwegian_message_and_no_session(web: WebServer) -> None:
    c = web.client()
    r = c.login("staff2", "feil-passord")
    assert r.status_code == 401
    assert "Feil brukernavn eller passord. Prøv igjen." in text_of(r.text)
    assert "actionloop_session" not in r.headers.get("set-cookie", "")
    assert 'value="staff2"' in r.text  # the user name is kept, the password is not
    assert "feil-passord" not in r.text
    r = c.login("finnes-ikke", "hva-som-helst")
    assert r.status_code == 401 and "Feil brukernavn eller passord" in r.text
    r = c.post("/logg-inn", {"username": "", "password": ""})
    assert r.status_code == 400 and "Fyll inn både brukernavn og passord." in text_of(r.text)


def test_login_is_rate_limited_like_the_api(fresh_web: WebServer) -> None:
    c = fresh_web.client()
    for _ in range(3):
        assert c.login("staff1", "feil-passord").status_code == 401
    r = c.login("staff1")  # even the right password, for now
    assert r.status_code == 429 and "For mange mislykkede forsøk" in text_of(r.text)
    assert int(r.headers["retry-after"]) > 0
    assert "actionloop_session" not in r.headers.get("set-cookie", "")


def test_next_never_leads_to_another_site(web: WebServer) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"):
        c = web.client()
        r = c.post("/logg-inn", {"username": "staff1", "password": "riktig-passord-123", "neste": target})
        assert r.status_code == 303 and r.headers["location"] == "/mine", target


def test_logout_ends_the_session(web: WebServer) -> None:
    c = web.login("staff1")
    assert c.get("/").headers["location"] == "/mine"
    r = c.post("/logg-ut")
    assert r.status_code == 303 and r.headers["location"] == "/logg-inn?ut=1"
    assert "actionloop_session" in r.headers["set-cookie"]
    assert "Du er logget ut." in text_of(c.get("/logg-inn?ut=1").text)
    assert c.get("/").headers["location"] == "/logg-inn"


def test_a_copied_session_cookie_is_refused_after_logout(web: WebServer) -> None:
    c = web.login("staff1")
    copied = c.http.cookies["actionloop_session"]
    thief = web.client()
    thief.http.cookies.set("actionloop_session", copied)
    assert thief.get("/").headers["location"] == "/mine"
    assert c.post("/logg-ut").status_code == 303
    assert thief.get("/").headers["location"] == "/logg-inn"
    assert thief.get("/mine").headers["location"].startswith("/logg-inn")


def test_forms_without_the_right_csrf_token_are_refused(web: WebServer) -> None:
    c = web.client()
    r = c.post("/logg-inn", {"username": "staff1", "password": "riktig-passord-123"}, csrf=None)
    assert r.status_code == 403 and "Skjemaet kunne ikke sendes" in text_of(r.text)
    assert "actionloop_session" not in r.headers.get("set-cookie", "")
    r = c.post("/logg-inn", {"username": "staff1", "password": "riktig-passord-123"}, csrf="0" * 40)
    assert r.status_code == 403
    # A token from another client (another CSRF cookie) does not work here.
    other = web.client()
    r = c.post("/logg-inn", {"username": "staff1", "password": "riktig-passord-123"}, csrf=other.csrf())
    assert r.status_code == 403
    # The token before login is not the token after it (bound to the session).
    before = c.csrf()
    c.login("staff1")
    after = c.csrf()
    assert before != after
    assert c.post("/logg-ut", csrf=before).status_code == 403
    assert c.get("/").headers["location"] == "/mine"  # still logged in
    # A form posted with no cookies at all (another site, a fresh browser).
    stranger = web.client()
    assert stranger.post("/logg-ut", csrf=after).status_code == 403


def test_the_language_switch_sets_a_cookie(web: WebServer) -> None:
    c = web.client()
    r = c.get("/logg-inn?lang=nn")
    assert 'lang="nn"' in r.text and "Brukarnamn" in r.text
    assert "lang=nn" in r.headers["set-cookie"]
    r = c.get("/logg-inn")
    assert 'lang="nn"' in r.text
    r = c.get("/logg-inn?lang=en")
    assert 'lang="en"' in r.text and "User name" in r.text and "Skip to main content" in r.text
    for code in ("nb", "nn", "en"):
        assert re.search(rf'hreflang="{code}"', r.text)


def test_the_header_names_the_user_and_the_menu_follows_the_role(web: WebServer) -> None:
    page = web.login("principal1").get("/logg-inn?ut=1").text
    text = text_of(page)
    assert "Randi Rektor" in text and "Rektor/styrer, Nordli skole" in text
    for href in ("/meld", "/mine", "/oversikt"):
        assert f'href="{href}"' in page
    assert 'href="/admin"' not in page and 'href="/eier"' not in page
    admin = web.login("admin").get("/logg-inn?ut=1").text
    assert 'href="/admin"' in admin and 'href="/meld"' not in admin


def test_unknown_pages_are_a_404_page_and_the_api_keeps_json(web: WebServer) -> None:
    c = web.login("staff1")
    r = c.get("/finnes-ikke")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Siden finnes ikke" in text_of(r.text)
    r = c.get("/api/finnes-ikke")
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"
    assert c.get("/static/app.css").status_code == 200
def test_a_page_needs_a_login_and_comes_back_after_it(web: WebServer) -> None:
    c = web.client()
    r = c.get("/mine")
    assert r.status_code == 303 and r.headers["location"] == "/logg-inn?neste=%2Fmine"
    page = c.get(r.headers["location"])
    assert "Logg inn for å se siden." in text_of(page.text)
    assert 'name="neste" value="/mine"' in page.text
    r = c.post("/logg-inn", {"username": "staff1", "password": "riktig-passord-123", "neste": "/mine"})
    assert r.status_code == 303 and r.headers["location"] == "/mine"




def _session(secret: str, account_id: int, age_seconds: int) -> str:
    """A session cookie signed with ``secret`` as if issued ``age_seconds`` ago."""
    import time

    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    class Then(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - age_seconds

    serializer = URLSafeTimedSerializer(secret, salt="actionloop.session.v1", signer=Then)
    return serializer.dumps({"a": account_id, "n": "x"})


def test_an_expired_or_forged_session_is_no_session(web: WebServer) -> None:
    secret = web.app.state.api.settings.session_secret
    account = web.world.account_ids["staff1"]
    for value in (_session(secret, account, 9 * 3600),            # older than the 8 hours a session lasts
                  _session("another-secret-" + "y" * 32, account, 0),  # not signed by us
                  _session(secret, account, 0)[:-2] + "xx"):          # tampered with
        c = web.client()
        c.http.cookies.set("actionloop_session", value)
        r = c.get("/mine")
        assert r.status_code == 303 and r.headers["location"].startswith("/logg-inn"), value
    fresh = web.client()
    fresh.http.cookies.set("actionloop_session", _session(secret, account, 60))
    assert fresh.get("/mine").status_code == 200


def test_the_session_cookie_is_secure_behind_tls(tmp_path: Path) -> None:
    from .conftest import _serve

    for server in _serve(tmp_path, cookie_secure=True):
        c = server.client()
        page = c.get("/logg-inn")
        set_cookie = page.headers["set-cookie"]
        assert set_cookie.startswith("actionloop_csrf=") and "Secure" in set_cookie and "HttpOnly" in set_cookie
        # httpx keeps a Secure cookie from plain http to itself; a browser behind TLS sends it back.
        c.http.cookies.set("actionloop_csrf", set_cookie.split(";", 1)[0].split("=", 1)[1])
        r = c.post("/logg-inn", {"username": "staff1", "password": "riktig-passord-123"}, csrf=csrf_of(page.text))
        assert r.status_code == 303 and "Secure" in r.headers["set-cookie"]
