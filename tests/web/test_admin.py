"""``/admin``: users, roles and units over real HTTP. Adding a user, a new password, giving and taking
roles, deactivating; CSRF on every form; a message per field on bad input, and nothing written."""

from __future__ import annotations

import re

from .conftest import WebClient, WebServer, text_of

GOOD = {"username": "ny.laerer", "password": "et-godt-passord", "password2": "et-godt-passord",
        "role": "staff", "scope": "u1", "staff_id": ""}


def _usernames(admin: WebClient) -> list[str]:
    page = admin.get("/admin").text
    return re.findall(r'<a href="/admin/brukere/\d+"><span class="visually-hidden">[^<]*</span>([^<]+)</a>', page)


def _account_link(admin: WebClient, username: str) -> str:
    found = re.search(r'<a href="(/admin/brukere/\d+)"><span class="visually-hidden">[^<]*</span>'
                      + re.escape(username) + "</a>", admin.get("/admin").text)
    assert found, username
    return found.group(1)


def test_the_admin_page_lists_users_roles_and_units(web: WebServer) -> None:
    r = web.login("admin").get("/admin")
    assert r.status_code == 200
    text = text_of(r.text)
    assert {"staff1", "principal1", "owner1", "auditor1", "admin"} <= set(_usernames(web.login("admin")))
    assert "Kari Lærer" in text and "Rektor/styrer, Nordli skole" in text and "Eier, Eksempel kommune" in text
    for unit in ("Nordli skole", "Nordli SFO", "Sørli skole", "Lia barnehage"):
        assert unit in text
    assert "Saksbehandler" in text and "Tilsyn" in text
    # Users by account id in the links, never by name.
    assert all(re.fullmatch(r"/admin/brukere/\d+", h) for h in re.findall(r'href="(/admin/brukere/[^"]*)"', r.text))
    # No case in sight.
    assert "/saker/" not in r.text


def test_only_the_administrator_gets_in(web: WebServer) -> None:
    for user in ("staff1", "principal1", "owner1", "auditor1"):
        c = web.login(user)
        assert c.get("/admin").status_code == 403, user
        assert c.post("/admin/brukere", {**GOOD, "username": f"via-{user}"}).status_code == 403, user
        assert c.get(f"/admin/brukere/{web.world.account_ids['staff1']}").status_code == 403
    r = web.client().get("/admin")
    assert r.status_code == 303 and r.headers["location"] == "/logg-inn?neste=%2Fadmin"
    assert "via-staff1" not in _usernames(web.login("admin"))


def test_adding_a_user_who_can_then_log_in(web: WebServer) -> None:
    admin = web.login("admin")
    r = admin.post("/admin/brukere", {**GOOD, "username": "Ny.Laerer", "staff_id": "t2"})
    assert r.status_code == 303 and re.fullmatch(r"/admin\?lagt_til=\d+#brukere", r.headers["location"])
    page = admin.get(r.headers["location"].split("#")[0])
    assert "Brukeren ny.laerer er lagt til." in text_of(page.text)
    c = web.client()
    assert c.login("ny.laerer", "et-godt-passord").headers["location"] == "/mine"
    assert "Ola Lærer" in text_of(c.get("/mine").text)


def test_bad_input_gets_a_message_per_field_and_writes_nothing(web: WebServer) -> None:
    admin = web.login("admin")
    before = _usernames(admin)
    cases = [
        ({"username": "x"}, "username", "Brukernavnet må være 2–100 tegn"),
        ({"username": "<script>alert(1)</script>"}, "username", "Brukernavnet må være 2–100 tegn"),
        ({"username": "staff1"}, "username", "Brukernavnet er allerede i bruk."),
        ({"password": "kort", "password2": "kort"}, "password", "Passordet må ha minst 10 tegn."),
        ({"password2": "et-annet-passord"}, "password2", "Passordene er ikke like."),
        ({"role": ""}, "role", "Velg en rolle."),
        ({"role": "keiser"}, "role", "Velg en rolle."),
        ({"scope": ""}, "scope", "Velg en enhet for denne rollen."),
        ({"role": "owner", "scope": "u1"}, "scope", "Velg en eier for denne rollen."),
        ({"role": "admin", "scope": "u1"}, "scope", "Administrator gjelder hele installasjonen"),
        ({"role": "auditor", "scope": "nowhere"}, "scope", "Velg en enhet eller eier fra listen."),
        ({"staff_id": "ukjent"}, "staff_id", "Velg en ansatt fra listen."),
    ]
    for n, (change, field, message) in enumerate(cases):
        data = {**GOOD, "username": f"feil{n}", **change}
        r = admin.post("/admin/brukere", data)
        assert r.status_code == 400, (change, r.status_code)
        text = text_of(r.text)
        assert "Skjemaet har feil" in text and message in text, (change, text[:300])
        assert f'href="#{field}"' in r.text and f'id="{field}-error"' in r.text
        assert re.search(rf'id="{field}"[^>]*aria-invalid="true"', r.text), field
        assert "<script>alert(1)" not in r.text
        assert GOOD["password"] not in r.text  # passwords are never sent back
    # Several wrong fields at once: a message for each.
    r = admin.post("/admin/brukere", {"username": "", "password": "", "password2": "", "role": "", "scope": ""})
    assert r.status_code == 400 and all(f'href="#{f}"' in r.text for f in ("username", "password", "role"))
    assert _usernames(admin) == before


def test_every_admin_form_needs_the_csrf_token(web: WebServer) -> None:
    admin = web.login("admin")
    staff2 = web.world.account_ids["staff2"]
    for path, data in (("/admin/brukere", {**GOOD, "username": "uten.csrf"}),
                       (f"/admin/brukere/{staff2}/passord", {"new_password": "x" * 12, "new_password2": "x" * 12}),
                       (f"/admin/brukere/{staff2}/roller", {"role": "staff", "scope": "u2"}),
                       (f"/admin/brukere/{staff2}/roller/fjern", {"role": "staff", "scope": "u1"}),
                       (f"/admin/brukere/{staff2}/aktiv", {"active": "0"})):
        assert admin.post(path, data, csrf=None).status_code == 403, path
        assert admin.post(path, data, csrf="feil").status_code == 403, path
    assert "uten.csrf" not in _usernames(admin)
    assert web.client().login("staff2").status_code == 303
    assert "Ansatt, Nordli skole" in text_of(admin.get(f"/admin/brukere/{staff2}").text)


def test_new_password_roles_and_deactivation(web: WebServer) -> None:
    admin = web.login("admin")
    r = admin.post("/admin/brukere", {**GOOD, "username": "skal.endres"})
    assert r.status_code == 303
    user = _account_link(admin, "skal.endres")
    page = admin.get(user)
    assert page.status_code == 200 and "Bruker skal.endres" in text_of(page.text)

    # A new password: checked per field, then the old one stops working.
    r = admin.post(user + "/passord", {"new_password": "kort", "new_password2": "kort"})
    assert r.status_code == 400 and "Passordet må ha minst 10 tegn." in text_of(r.text)
    r = admin.post(user + "/passord", {"new_password": "nytt-passord-1", "new_password2": "nytt-passord-2"})
    assert r.status_code == 400 and "Passordene er ikke like." in text_of(r.text)
    before = web.client()
    assert before.login("skal.endres", GOOD["password"]).status_code == 303
    assert before.get("/").headers["location"] == "/mine"
    r = admin.post(user + "/passord", {"new_password": "nytt-passord-1", "new_password2": "nytt-passord-1"})
    assert r.status_code == 303 and "Nytt passord er satt." in text_of(admin.get(r.headers["location"]).text)
    assert web.client().login("skal.endres", GOOD["password"]).status_code == 401
    # The sessions from before the new password have ended.
    assert before.get("/").headers["location"] == "/logg-inn"
    logged_in = web.client()
    assert logged_in.login("skal.endres", "nytt-passord-1").status_code == 303

    # Give a role (checked), then take it away.
    r = admin.post(user + "/roller", {"role": "principal", "scope": ""})
    assert r.status_code == 400 and "Velg en enhet for denne rollen." in text_of(r.text)
    r = admin.post(user + "/roller", {"role": "staff", "scope": "u1"})
    assert r.status_code == 400 and "Brukeren har allerede denne rollen." in text_of(r.text)
    r = admin.post(user + "/roller", {"role": "owner", "scope": "u2"})
    assert r.status_code == 400 and "Velg en eier for denne rollen." in text_of(r.text)
    assert logged_in.get("/eier").status_code == 403
    r = admin.post(user + "/roller", {"role": "owner", "scope": "o2"})
    assert r.status_code == 303
    assert "Eier, Privat barnehage AS" in text_of(admin.get(user).text)
    assert logged_in.get("/eier").status_code == 200  # at once: what was kept about the account is dropped
    r = admin.post(user + "/roller/fjern", {"role": "owner", "scope": "o2"})
    assert r.status_code == 303 and "Eier, Privat barnehage AS" not in text_of(admin.get(user).text)
    assert logged_in.get("/eier").status_code == 403

    # Deactivate: the session stops working and logging in is refused; reactivate.
    r = admin.post(user + "/aktiv", {"active": "0"})
    assert r.status_code == 303 and "Deaktivert" in text_of(admin.get(user).text)
    assert logged_in.get("/mine").status_code == 303
    assert web.client().login("skal.endres", "nytt-passord-1").status_code == 401
    assert admin.post(user + "/aktiv", {"active": "1"}).status_code == 303
    assert web.client().login("skal.endres", "nytt-passord-1").status_code == 303


def test_the_administrator_cannot_lock_themself_out(web: WebServer) -> None:
    admin = web.login("admin")
    me = f"/admin/brukere/{web.world.account_ids['admin']}"
    r = admin.post(me + "/aktiv", {"active": "0"})
    assert r.status_code == 400 and "Du kan ikke deaktivere deg selv" in text_of(r.text)
    r = admin.post(me + "/roller/fjern", {"role": "admin", "scope": ""})
    assert r.status_code == 400
    assert admin.get("/admin").status_code == 200
    assert admin.get("/admin/brukere/999999").status_code == 404
    assert admin.get("/admin/brukere/ikke-et-tall").status_code in (400, 404)


def test_every_word_on_the_owner_audit_and_admin_pages_is_translated(web: WebServer) -> None:
    raw_key = re.compile(r"\b(?:eier|tilsyn|admin|funn)\.[a-z_]+\b")
    pages = {"owner1": ["/eier", "/tilsyn?enhet=owner:o1&plikt=investigate", "/tilsyn?enhet=u1&fra=x"],
             "admin": ["/admin", f"/admin/brukere/{web.world.account_ids['staff1']}"]}
    for user, paths in pages.items():
        c = web.login(user)
        for path in paths:
            for lang in ("nb", "nn", "en"):
                r = c.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
                assert r.status_code in (200, 400), (path, lang)
                assert f'lang="{lang}"' in r.text
                assert not raw_key.findall(text_of(r.text) + " ".join(re.findall(r'(?:aria-label|label)="([^"]*)"', r.text))), (path, lang)


def test_a_roster_adds_units_or_nothing(fresh_web: WebServer) -> None:
    admin = fresh_web.login("admin")
    bad = ("type,id,name,parent,role,unit,email,class\n"
           "school,u9,Nyskolen,o1,,,,\n"
           "sfo,u9-sfo,Nyskolen SFO,finnes-ikke,,,,\n")
    r = admin.post("/admin/enheter", {"roster": bad})
    assert r.status_code == 400
    text = text_of(r.text)
    assert "Ingenting ble lest inn" in text and "rad 3" in text.lower()
    assert "Nyskolen SFO" in r.text  # the pasted text comes back, to be corrected
    assert 'href="#roster"' in r.text and 'id="roster"' in r.text
    assert "Nyskolen" not in text_of(admin.get("/admin").text).split("Last inn personalliste")[0]
    assert admin.post("/admin/enheter", {"roster": "  "}).status_code == 400
    assert admin.post("/admin/enheter", {"roster": bad}, csrf=None).status_code == 403
    good = "type,id,name,parent,role,unit,email,class\nschool,u9,Nyskolen,o1,,,,\nsfo,u9-sfo,Nyskolen SFO,u9,,,,\n"
    r = admin.post("/admin/enheter", {"roster": good})
    assert r.status_code == 303 and r.headers["location"].startswith("/admin?lest_inn=")
    page = admin.get(r.headers["location"].split("#")[0])
    assert "Personallisten er lest inn: 2 rader (2 enheter" in text_of(page.text)
    units = text_of(page.text).split("Enhetene", 1)[1]
    assert "Nyskolen" in units and "Nyskolen SFO" in units
    # The new unit can be given at once.
    r = admin.post("/admin/brukere", {**GOOD, "username": "rektor.ny", "role": "principal", "scope": "u9"})
    assert r.status_code == 303


def test_a_unit_is_added_with_the_form_by_the_rosters_rules(fresh_web: WebServer) -> None:
    admin = fresh_web.login("admin")
    page = admin.get("/admin")
    assert 'action="/admin/enheter/ny#ny-enhet"' in page.text
    assert 'for="unit_type"' in page.text and 'for="unit_parent"' in page.text
    # Missing fields: every one named, by its field, and nothing stored.
    r = admin.post("/admin/enheter/ny", {"unit_type": "", "unit_id": "", "unit_name": "", "unit_parent": ""})
    assert r.status_code == 400
    assert 'href="#unit_type"' in r.text and "Velg hva slags enhet det er." in text_of(r.text)
    r = admin.post("/admin/enheter/ny", {"unit_type": "sfo", "unit_id": "ny-sfo", "unit_name": "", "unit_parent": "o1"})
    assert r.status_code == 400
    assert 'href="#unit_name"' in r.text and "Navn: må fylles ut" in text_of(r.text)
    assert 'value="ny-sfo"' in r.text  # what was typed comes back
    # An SFO belongs to a school, not to an owner; an id in use is refused (the form does not rename).
    r = admin.post("/admin/enheter/ny", {"unit_type": "sfo", "unit_id": "ny-sfo", "unit_name": "Ny SFO",
                                         "unit_parent": "o1"})
    assert r.status_code == 400 and 'href="#unit_parent"' in r.text
    assert "Hører til: «o1» er en eier, ikke en skole" in text_of(r.text)
    r = admin.post("/admin/enheter/ny", {"unit_type": "school", "unit_id": "u1", "unit_name": "Annet navn",
                                         "unit_parent": "o1"})
    assert r.status_code == 400 and "Id-en «u1» er allerede i bruk." in text_of(r.text)
    assert "Annet navn" not in text_of(admin.get("/admin").text).split("Legg til en enhet")[0]
    assert admin.post("/admin/enheter/ny", {"unit_type": "school", "unit_id": "u8", "unit_name": "Åsen skole",
                                            "unit_parent": "o1"}, csrf=None).status_code == 403
    # A school, then its SFO.
    r = admin.post("/admin/enheter/ny", {"unit_type": "school", "unit_id": "u8", "unit_name": "Åsen skole, avd. 2",
                                         "unit_parent": "o1"})
    assert r.status_code == 303 and r.headers["location"] == "/admin?ny_enhet=u8#enheter"
    page = admin.get("/admin?ny_enhet=u8")
    assert "Enheten «Åsen skole, avd. 2» er lagt til." in text_of(page.text)
    r = admin.post("/admin/enheter/ny", {"unit_type": "sfo", "unit_id": "u8-sfo", "unit_name": "Åsen SFO",
                                         "unit_parent": "u8"})
    assert r.status_code == 303
    units = fresh_web.app.state.api.services.orgs.units()
    added = {u.id: u for u in units}
    assert added["u8"].name == "Åsen skole, avd. 2" and added["u8"].owner_id == "o1"
    assert added["u8-sfo"].school_id == "u8" and added["u8-sfo"].kind == "sfo"
    # Only the administrator.
    assert fresh_web.login("principal1").post("/admin/enheter/ny", {"unit_type": "school", "unit_id": "u7",
                                                                     "unit_name": "X", "unit_parent": "o1"}).status_code == 403


def test_an_administrator_setting_their_own_password_stays_logged_in_and_other_copies_end(
    fresh_web: WebServer,
) -> None:
    admin = fresh_web.login("admin")
    copied = admin.http.cookies["actionloop_session"]
    other = fresh_web.client()
    other.http.cookies.set("actionloop_session", copied)
    assert other.get("/admin").status_code == 200
    me = _account_link(admin, "admin")
    r = admin.post(me + "/passord", {"new_password": "nytt-admin-passord", "new_password2": "nytt-admin-passord"})
    assert r.status_code == 303 and "actionloop_session=" in r.headers["set-cookie"]
    assert admin.get("/admin").status_code == 200  # the new cookie
    assert other.get("/admin").headers["location"].startswith("/logg-inn")  # the old one, anywhere
