"""The API's behaviour beyond who may do what: sessions, idempotent writes, stale writes, the
workflow's refusals, validation errors in three languages, the read log, import and export, and
documents. Tests that write run on SQLite and on PostgreSQL (``fresh_app``)."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from fastapi import FastAPI
from fastapi.testclient import TestClient

from actionloop.api import create_app

from .world import PASSWORD, World

Fresh = tuple[FastAPI, World]


@pytest.fixture
def fresh(fresh_app: Fresh) -> tuple[TestClient, World]:
    return TestClient(fresh_app[0], raise_server_exceptions=False), fresh_app[1]


# --- sessions and tokens ---------------------------------------------------------------------------


def test_login_sets_a_safe_session_cookie_and_logout_ends_it(fresh: tuple[TestClient, World]) -> None:
    client, _ = fresh
    response = client.post("/api/login", json={"username": "principal1", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["username"] == "principal1"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert "Path=/" in cookie
    assert client.get("/api/me").json()["roles"] == [{"role": "principal", "scope_id": "u1", "scope_name": "Nordli skole"}]
    assert client.post("/api/logout").json() == {"message": "Du er logget ut."}
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    assert response.json()["message"].startswith("Du er ikke logget inn")


def test_a_copy_of_the_session_cookie_is_refused_after_logout(fresh_app: Fresh) -> None:
    app, _ = fresh_app
    client = TestClient(app, raise_server_exceptions=False)
    other = TestClient(app, raise_server_exceptions=False)
    assert client.post("/api/login", json={"username": "principal1", "password": PASSWORD}).status_code == 200
    copied = client.cookies["actionloop_session"]
    assert other.post("/api/login", json={"username": "principal1", "password": PASSWORD}).status_code == 200
    me = {"Cookie": f"actionloop_session={copied}"}
    assert TestClient(app).get("/api/me", headers=me).status_code == 200
    assert client.post("/api/logout").status_code == 200
    response = TestClient(app).get("/api/me", headers=me)
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    # The same user's other session goes on.
    assert other.get("/api/me").status_code == 200
    # Another app process on the same database refuses the copy too.
    settings = app.state.api.settings
    second = create_app(settings, clock=app.state.api.clock, migrate=False)
    try:
        assert TestClient(second).get("/api/me", headers=me).status_code == 401
        assert TestClient(second).get("/api/me", headers={
            "Cookie": f"actionloop_session={other.cookies['actionloop_session']}"}).status_code == 200
    finally:
        second.state.api.close()


def test_setting_the_password_ends_the_accounts_web_sessions_but_not_its_tokens(fresh_app: Fresh) -> None:
    app, world = fresh_app
    client = TestClient(app, raise_server_exceptions=False)
    assert client.post("/api/login", json={"username": "staff1", "password": PASSWORD}).status_code == 200
    cookie = {"Cookie": f"actionloop_session={client.cookies['actionloop_session']}"}
    assert TestClient(app).get("/api/me", headers=cookie).status_code == 200
    changed = app.state.api.services.accounts.set_password("staff1", "et-nytt-passord-1")
    assert changed.session_generation == 1
    # Another app process on the database (nothing kept in memory from before) refuses the cookie.
    second = create_app(app.state.api.settings, clock=app.state.api.clock, migrate=False)
    try:
        other = TestClient(second, raise_server_exceptions=False)
        assert other.get("/api/me", headers=cookie).status_code == 401
        assert other.get("/api/me", headers=world.headers("staff1")).status_code == 200  # the API token
        assert other.post("/api/login", json={"username": "staff1", "password": "et-nytt-passord-1"}).status_code == 200
        assert other.get("/api/me").status_code == 200
    finally:
        second.state.api.close()


def test_a_forged_or_tampered_cookie_is_refused(client: TestClient) -> None:
    client.cookies.set("actionloop_session", "eyJhIjoxfQ.forged.signature")
    try:
        assert client.get("/api/me").status_code == 401
    finally:
        client.cookies.clear()


def test_wrong_password_is_401_in_norwegian_and_the_rate_limit_answers_429(fresh: tuple[TestClient, World]) -> None:
    client, _ = fresh
    for _ in range(3):
        response = client.post("/api/login", json={"username": "staff1", "password": "feil-passord"})
        assert response.status_code == 401
        assert response.json() == {"error": "login_refused", "message": "feil brukernavn eller passord"}
    response = client.post("/api/login", json={"username": "staff1", "password": PASSWORD})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "for mange mislykkede innlogginger" in response.json()["message"]
    response = client.post("/api/login?lang=en", json={"username": "staff1", "password": PASSWORD})
    assert "too many failed logins" in response.json()["message"]


def test_api_tokens_are_shown_once_work_and_can_be_revoked(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    made = client.post("/api/me/tokens", json={"name": "integrasjon", "expires_in_days": 30},
                       headers=world.headers("principal1"))
    assert made.status_code == 201
    token = made.json()["token"]
    assert token.startswith("alt_")
    listed = client.get("/api/me/tokens", headers=world.headers("principal1")).json()
    assert all("token" not in t for t in listed)
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=bearer).json()["username"] == "principal1"
    assert client.delete(f"/api/me/tokens/{made.json()['id']}", headers=bearer).status_code == 204
    response = client.get("/api/me", headers=bearer)
    assert response.status_code == 401
    assert response.json()["error"] == "bad_token"


# --- writing -------------------------------------------------------------------------------------------


def test_registering_a_concern_with_an_idempotency_key_makes_one_case(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    body = {"unit_id": "u1", "child_id": "k2", "source": "child_said", "offender": "child",
            "text": "Noah sier han blir ertet.", "at": "2025-10-01T10:00:00+02:00"}
    headers = {**world.headers("staff2"), "Idempotency-Key": "reg-1"}
    first = client.post("/api/cases", json=body, headers=headers)
    again = client.post("/api/cases", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["replayed"] is False
    assert again.json()["replayed"] is True
    assert again.json()["case_id"] == first.json()["case_id"]
    assert first.headers["Location"] == f"/api/cases/{first.json()['case_id']}"
    listed = client.get("/api/cases", headers=world.headers("staff2")).json()["items"]
    assert [i["case_id"] for i in listed].count(first.json()["case_id"]) == 1
    case = client.get(f"/api/cases/{first.json()['case_id']}", headers=world.headers("staff2")).json()
    assert case["people"][0] == {"id": "t2", "role": "teacher", "name": "Ola Lærer"}
    assert case["child"] == {"id": "k2", "name": "Noah Nordli"}
    assert [e["type"] for e in case["timeline"]] == ["concern"]
    assert case["timeline"][0]["recorded_by"] == f"account:{world.account_ids['staff2']}"


def test_new_cases_without_a_key_get_distinct_ids_in_the_order_they_came(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    body = {"unit_id": "u1", "child_id": "k2", "source": "observed", "offender": "child"}
    ids = [client.post("/api/cases", json=body, headers=world.headers("staff2")).json()["case_id"] for _ in range(5)]
    assert len(set(ids)) == 5
    prefix = f"u1-{ids[0].split('-')[1]}-"
    assert all(i.startswith(prefix) for i in ids)
    # Time-ordered within the process (new rows go at the end of the case-id indexes).
    assert [i[len(prefix):-4] for i in ids] == sorted(i[len(prefix):-4] for i in ids)
    assert len({i[len(prefix):-4] for i in ids}) == 5


def test_register_checks_the_unit_and_the_child(client: TestClient, world: World) -> None:
    headers = world.headers("staff1")
    response = client.post("/api/cases", json={"unit_id": "nowhere", "child_id": "k1", "source": "observed",
                                               "offender": "child"}, headers=headers)
    assert response.status_code == 422
    assert response.json()["problems"] == [{"path": "$.unit_id", "message": "enheten «nowhere» finnes ikke"}]
    response = client.post("/api/cases?lang=nn", json={"unit_id": "u1", "child_id": "k3", "source": "observed",
                                                       "offender": "child"}, headers=headers)
    assert response.status_code == 422
    assert response.json()["problems"][0]["path"] == "$.child_id"
    assert "er ikkje registrert" in response.json()["problems"][0]["message"]


def test_a_step_with_an_idempotency_key_is_stored_once(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    case_id = world.case_ids["B"]
    event = {"at": "2025-09-15T11:00:00+02:00", "type": "report_to_principal", "by": "p2", "to": "p2"}
    body = {"expected_seq": 1, "event": event}
    headers = {**world.headers("principal2"), "Idempotency-Key": "step-1"}
    first = client.post(f"/api/cases/{case_id}/events", json=body, headers=headers)
    again = client.post(f"/api/cases/{case_id}/events", json=body, headers=headers)
    assert first.status_code == again.status_code == 201, first.text
    assert (first.json()["seq"], again.json()["seq"]) == (2, 2)
    assert again.json()["replayed"] is True
    case = client.get(f"/api/cases/{case_id}", headers=world.headers("principal2")).json()
    assert [e["type"] for e in case["timeline"]] == ["concern", "report_to_principal"]
    other = {"expected_seq": 1, "event": {**event, "at": "2025-09-15T11:30:00+02:00"}}
    reused = client.post(f"/api/cases/{case_id}/events", json=other, headers=headers)
    assert reused.status_code == 409
    assert reused.json()["error"] == "idempotency_key_reused"


def test_a_stale_write_gets_409_with_the_current_seq_and_state(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    case_id = world.case_ids["B"]
    event = {"at": "2025-09-16T09:00:00+02:00", "type": "investigation_started", "by": "p2"}
    ok = client.post(f"/api/cases/{case_id}/events", json={"expected_seq": 1, "event": event},
                     headers=world.headers("principal2"))
    assert ok.status_code == 201, ok.text
    stale = client.post(f"/api/cases/{case_id}/events?lang=nn",
                        json={"expected_seq": 1, "event": {**event, "type": "note"}},
                        headers=world.headers("principal2"))
    assert stale.status_code == 409
    body = stale.json()
    assert body["error"] == "stale_write"
    assert body["current_seq"] == 2
    assert body["expected_seq"] == 1
    assert body["state"] == ok.json()["state"]
    assert "Saka er endra" in body["message"]


def test_a_step_the_workflow_does_not_allow_gets_409_with_the_reason(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    case_id = world.case_ids["B"]
    event = {"at": "2025-09-16T09:00:00+02:00", "type": "closed", "by": "p2", "child_view": "safe"}
    for lang, words in (("nb", "kan ikke"), ("nn", "kan ikkje"), ("en", "cannot")):
        response = client.post(f"/api/cases/{case_id}/events", json={"expected_seq": 1, "event": event},
                               headers={**world.headers("principal2"), "Accept-Language": lang})
        assert response.status_code == 409
        body = response.json()
        assert body["error"] == "step_not_allowed"
        assert body["trigger"] == "closed"
        assert words in body["message"]
        assert body["missing"]


def test_an_invalid_event_gets_422_with_json_paths_in_the_requests_language(client: TestClient, world: World) -> None:
    case_id = world.case_ids["A"]
    event = {"at": "2025-13-40", "type": "child_heard", "by": "t1", "child_view": "maybe"}
    for lang in ("nb", "nn", "en"):
        response = client.post(f"/api/cases/{case_id}/events?lang={lang}", json={"expected_seq": 6, "event": event},
                               headers=world.headers("principal1"))
        assert response.status_code == 422
        paths = {p["path"] for p in response.json()["problems"]}
        assert paths & {"$.event.at", "$.event.child_view"}, response.text
    nb = client.post(f"/api/cases/{case_id}/events", json={"expected_seq": "sju", "evnt": {}},
                     headers=world.headers("principal1")).json()
    en = client.post(f"/api/cases/{case_id}/events", json={"expected_seq": "sju", "evnt": {}},
                     headers={**world.headers("principal1"), "Accept-Language": "en-GB,en;q=0.8"}).json()
    assert nb["error"] == en["error"] == "invalid_request"
    assert {p["path"]: p["message"] for p in nb["problems"]} == {
        "$.expected_seq": "må være et heltall", "$.event": "må fylles ut", "$.evnt": "er ikke et kjent felt",
    }
    assert {p["path"]: p["message"] for p in en["problems"]}["$.event"] == "is required"


def test_staff_record_their_own_steps_but_not_the_leaderships(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    case_id = world.case_ids["A"]
    done = client.post(f"/api/cases/{case_id}/events",
                       json={"expected_seq": 6, "event": {"at": "2025-09-29T10:00:00+02:00", "type": "measure_done",
                                                          "measure": "m1"}},
                       headers=world.headers("staff2"))
    assert done.status_code == 201, done.text
    timeline = client.get(f"/api/cases/{case_id}", headers=world.headers("staff2")).json()["timeline"]
    assert timeline[-1]["by"] == "t2"
    plan = client.post(f"/api/cases/{case_id}/events",
                       json={"expected_seq": 7, "event": {"at": "2025-09-30T10:00:00+02:00", "type": "evaluation",
                                                          "child_view": "safe", "outcome": "close"}},
                       headers=world.headers("staff2"))
    assert plan.status_code == 403
    assert plan.json()["error"] == "staff_step"
    audit = client.post(f"/api/cases/{case_id}/events",
                        json={"expected_seq": 7, "event": {"at": "2025-09-30T10:00:00+02:00", "type": "note",
                                                           "by": "t2"}},
                        headers=world.headers("auditor1"))
    assert audit.status_code == 403
    assert audit.json() == {"error": "read_only", "message": "Du har bare lesetilgang til denne saken."}


def test_people_named_from_the_roster_are_added_to_the_case(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    case_id = world.case_ids["S"]
    response = client.post(f"/api/cases/{case_id}/events",
                           json={"expected_seq": 2, "event": {"at": "2025-09-15T11:00:00+02:00",
                                                              "type": "investigation_started", "by": "h1"}},
                           headers=world.headers("handler1"))
    assert response.status_code == 201, response.text
    people = client.get(f"/api/cases/{case_id}", headers=world.headers("principal1")).json()["people"]
    assert {"id": "h1", "role": "leadership", "name": "Ivar Inspektør"} in people


# --- reading -------------------------------------------------------------------------------------------


def test_a_case_has_state_timeline_deadlines_and_next_steps_with_reasons(client: TestClient, world: World) -> None:
    case = client.get(f"/api/cases/{world.case_ids['A']}", headers=world.headers("principal1")).json()
    assert case["state"] == "tiltak"
    assert case["seq"] == 6
    assert [e["seq"] for e in case["timeline"]] == [1, 2, 3, 4, 5, 6]
    assert case["timeline"][0]["label"] == "Registrere en bekymring"
    assert case["deadlines"] and all("due" in d for d in case["deadlines"])
    refused = [s for s in case["next_steps"] if not s["allowed"]]
    assert refused and all(s["reason"] for s in refused)
    assert any(s["allowed"] for s in case["next_steps"])
    english = client.get(f"/api/cases/{world.case_ids['A']}?lang=en", headers=world.headers("principal1")).json()
    assert english["timeline"][0]["label"] == "Register a concern"


def test_every_read_is_logged_and_the_owner_can_read_the_log(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    case_id = world.case_ids["A"]
    assert client.get(f"/api/cases/{case_id}", headers=world.headers("principal1")).status_code == 200
    assert client.get(f"/api/cases/{case_id}/export", headers=world.headers("auditor1")).status_code == 200
    assert client.get(f"/api/cases/{case_id}", headers=world.headers("principal2")).status_code == 404
    log = client.get("/api/read-log", params={"case_id": case_id}, headers=world.headers("owner1"))
    assert log.status_code == 200
    items = log.json()["items"]
    assert [(i["username"], i["what"]) for i in items] == [("auditor1", "export"), ("principal1", "case")]
    assert set(items[0]) == {"case_id", "account_id", "username", "read_at", "what"}
    assert client.get("/api/read-log", params={"case_id": case_id},
                      headers=world.headers("principal1")).status_code == 403


def test_export_and_import_give_back_the_same_case(fresh: tuple[TestClient, World]) -> None:
    client, world = fresh
    exported = client.get(f"/api/cases/{world.case_ids['A']}/export", headers=world.headers("principal1"))
    assert exported.headers["content-type"].startswith("application/json")
    assert exported.headers["content-disposition"] == 'attachment; filename="sak-case-a.json"'
    data = exported.json()
    data["case"]["id"] = "case-a-copy"
    imported = client.post("/api/import", json=data, headers={**world.headers("owner1"), "Idempotency-Key": "i1"})
    assert imported.status_code == 201, imported.text
    assert imported.json()["seq"] == len(data["events"])
    again = client.get("/api/cases/case-a-copy/export?format=yaml", headers=world.headers("principal1"))
    assert again.headers["content-type"].startswith("application/yaml")
    import yaml

    assert yaml.safe_load(again.text) == data
    exists = client.post("/api/import", json=data, headers=world.headers("owner1"))
    assert exists.status_code == 409
    assert exists.json()["error"] == "case_exists"


def test_import_refuses_what_is_not_a_case_file(client: TestClient, world: World) -> None:
    headers = world.headers("admin")
    wrong_type = client.post("/api/import", content=b"hello", headers={**headers, "Content-Type": "text/plain"})
    assert wrong_type.status_code == 415
    bomb = "a: &a [1, 2]\nb: [*a, *a]\n"
    aliases = client.post("/api/import", content=bomb.encode(), headers={**headers, "Content-Type": "application/yaml"})
    assert aliases.status_code == 422
    assert "aliaser" in aliases.json()["problems"][0]["message"]
    broken = client.post("/api/import", content=b'{"format": "actionloop-case/1", "case": {}}',
                         headers={**headers, "Content-Type": "application/json"})
    assert broken.status_code == 422
    assert any(p["path"].startswith("$") for p in broken.json()["problems"])


def test_documents_are_word_files_with_safe_names(client: TestClient, world: World) -> None:
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    for kind, name in (("plan", "aktivitetsplan"), ("plan-family", "aktivitetsplan-familiekopi"),
                       ("log", "saksgang"), ("log-family", "saksgang-familiekopi")):
        response = client.get(f"/api/cases/{world.case_ids['A']}/documents/{kind}", headers=world.headers("principal1"))
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == docx
        assert response.headers["content-disposition"] == f'attachment; filename="{name}-case-a.docx"'
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert text
    no_plan = client.get(f"/api/cases/{world.case_ids['S']}/documents/plan", headers=world.headers("principal1"))
    assert no_plan.status_code == 409
    assert no_plan.json()["message"].startswith("Dokumentet kan ikke lages")


def test_audit_of_a_unit_counts_every_case_but_shows_only_readable_ones(client: TestClient, world: World) -> None:
    audit = client.get("/api/audit", params={"unit": "u1", "from": "2025-01-01", "to": "2025-12-31"},
                       headers=world.headers("owner1")).json()
    assert audit["cases_total"] >= 3
    assert {c["case"] for c in audit["cases"]} == {"case-s", "case-l"}
    assert sum(audit["totals"]["monitor"].values()) == audit["cases_total"]
    bad = client.get("/api/audit", params={"unit": "u1", "owner": "o1"}, headers=world.headers("owner1"))
    assert bad.status_code == 422
    period = client.get("/api/audit", params={"unit": "u1", "from": "2025-12-01", "to": "2025-01-01"},
                        headers=world.headers("owner1"))
    assert period.status_code == 422
    assert period.json()["problems"][0]["path"] == "query.from"


def test_figures_count_cases_without_showing_them(client: TestClient, world: World) -> None:
    figures = client.get("/api/figures", headers=world.headers("owner1")).json()
    assert {u["unit_id"] for u in figures["units"]} == {"u1", "u1-sfo", "u2"}
    u1 = next(u for u in figures["units"] if u["unit_id"] == "u1")
    assert u1["staff_offender"] >= 1 and u1["leadership_offender"] >= 1
    assert "case_id" not in json.dumps(figures)


def test_unknown_addresses_and_methods_answer_in_norwegian(client: TestClient) -> None:
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404
    assert missing.json() == {"error": "not_found", "message": "Adressen finnes ikke."}
    wrong = client.put("/api/health")
    assert wrong.status_code == 405
    assert wrong.json()["message"] == "Metoden PUT kan ikke brukes her."


def test_openapi_is_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    assert "/api/cases/{case_id}/events" in schema["paths"]


@pytest.mark.parametrize("at", ["1900-01-01", "2200-01-01T10:00:00+01:00"])
def test_dates_the_calendar_cannot_reckon_with_are_refused_with_a_path(client: TestClient, world: World, at: str) -> None:
    event = client.post(f"/api/cases/{world.case_ids['B']}/events",
                        json={"expected_seq": 1, "event": {"at": at, "type": "note", "by": "p2"}},
                        headers=world.headers("principal2"))
    assert event.status_code == 422
    assert event.json()["problems"][0]["path"] == "$.event.at"
    concern = client.post("/api/cases", json={"unit_id": "u2", "child_id": "k3", "source": "observed",
                                              "offender": "child", "at": at}, headers=world.headers("principal2"))
    assert concern.status_code == 422
    assert concern.json()["problems"][0]["path"] == "$.at"


@pytest.mark.parametrize("url", [
    "/api/cases/case-a/audit?as_of=0001-01-01", "/api/cases/case-a/documents/log?as_of=9999-12-31",
    "/api/audit?unit=u1&from=0001-01-01", "/api/cases?due_before=9999-12-31",
])
def test_query_dates_outside_the_calendar_are_422(client: TestClient, world: World, url: str) -> None:
    response = client.get(url, headers=world.headers("principal1"))
    assert response.status_code == 422
    assert response.json()["problems"][0]["message"] in ("må være minst 1990-01-01", "kan være høyst 2099-12-31")


def test_a_bad_choice_lists_the_choices_in_the_request_language(client: TestClient, world: World) -> None:
    body = {"unit_id": "u1", "child_id": "k1", "source": "rumour", "offender": "child"}
    said = {}
    for lang in ("nb", "nn", "en"):
        response = client.post(f"/api/cases?lang={lang}", json=body, headers=world.headers("principal1"))
        assert response.status_code == 422
        [problem] = response.json()["problems"]
        assert problem["path"] == "$.source"
        said[lang] = problem["message"]
    assert said["nb"].startswith("må være en av: observed, child_said") and said["nb"].endswith(" eller other")
    assert said["nn"].startswith("må vere ein av: observed") and said["nn"].endswith(" eller other")
    assert said["en"].startswith("must be one of: observed") and said["en"].endswith(" or other")
