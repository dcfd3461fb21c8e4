"""``/admin``: the administrator's pages. Users (add one with a role and a unit, set a new password,
give or take a role, deactivate and reactivate), what each role may do, and the units and owners.

Every form carries the CSRF token; each field is checked and gets its own message, and nothing is
written unless every field is right (the account service checks again inside its transaction).
Users are addressed by account id, never by name, in the URLs. The administrator sees no case.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from actionloop.api.state import ApiState
from actionloop.app.access import OrgView
from actionloop.app.accounts import MAX_PASSWORD_LENGTH, ROLES, Identity, normalise_username, username_ok
from actionloop.app.errors import AlreadyExists, InvalidInput, NotFound
from actionloop.app.orgs import RosterRejected
from actionloop.web import i18n
from actionloop.web.deps import FormDep, LangDep, StateDep, WebUser, require_role
from actionloop.web.render import redirect, render

router = APIRouter()

i18n.add({
    "admin.admin_title": {"nb": "Administrasjon", "nn": "Administrasjon", "en": "Administration"},
    "admin.admin_intro": {
        "nb": "Brukere, roller og enheter. Administratoren ser ingen saker.",
        "nn": "Brukarar, roller og einingar. Administratoren ser ingen saker.",
        "en": "Users, roles and units. The administrator sees no cases.",
    },
    "admin.admin_toc": {"nb": "På denne siden", "nn": "På denne sida", "en": "On this page"},
    "admin.admin_users": {"nb": "Brukere", "nn": "Brukarar", "en": "Users"},
    "admin.admin_users_caption": {"nb": "Alle brukere", "nn": "Alle brukarar", "en": "All users"},
    "admin.col_username": {"nb": "Brukernavn", "nn": "Brukarnamn", "en": "User name"},
    "admin.col_person": {"nb": "Ansatt", "nn": "Tilsett", "en": "Staff member"},
    "admin.col_roles": {"nb": "Roller", "nn": "Roller", "en": "Roles"},
    "admin.col_status": {"nb": "Status", "nn": "Status", "en": "Status"},
    "admin.user_active": {"nb": "Aktiv", "nn": "Aktiv", "en": "Active"},
    "admin.user_inactive": {"nb": "Deaktivert", "nn": "Deaktivert", "en": "Deactivated"},
    "admin.admin_edit": {"nb": "Endre {user}", "nn": "Endre {user}", "en": "Edit {user}"},
    "admin.admin_add_user": {"nb": "Legg til bruker", "nn": "Legg til brukar", "en": "Add a user"},
    "admin.admin_add_button": {"nb": "Legg til", "nn": "Legg til", "en": "Add"},
    "admin.f_username_hint": {"nb": "2–100 tegn: små bokstaver a–z, sifre og . _ @ -",
                        "nn": "2–100 teikn: små bokstavar a–z, siffer og . _ @ -",
                        "en": "2–100 characters: lower-case a–z, digits and . _ @ -"},
    "admin.f_password": {"nb": "Passord", "nn": "Passord", "en": "Password"},
    "admin.f_password_hint": {"nb": "Minst {n} tegn. Gi det til brukeren på en trygg måte.",
                        "nn": "Minst {n} teikn. Gi det til brukaren på ein trygg måte.",
                        "en": "At least {n} characters. Give it to the user in a safe way."},
    "admin.f_password2": {"nb": "Gjenta passordet", "nn": "Gjenta passordet", "en": "Repeat the password"},
    "admin.f_role": {"nb": "Rolle", "nn": "Rolle", "en": "Role"},
    "admin.f_scope": {"nb": "Gjelder enhet eller eier", "nn": "Gjeld eining eller eigar", "en": "Applies to unit or owner"},
    "admin.f_scope_hint": {
        "nb": "Ansatt, rektor/styrer og saksbehandler: en enhet. Eier: en eier. Tilsyn: en enhet, en eier eller "
              "alle. Administrator: ingen.",
        "nn": "Tilsett, rektor/styrar og saksbehandlar: ei eining. Eigar: ein eigar. Tilsyn: ei eining, ein eigar "
              "eller alle. Administrator: ingen.",
        "en": "Staff, principal and case handler: a unit. Owner: an owner. Auditor: a unit, an owner or all. "
              "Administrator: none.",
    },
    "admin.f_scope_none": {"nb": "Ingen (hele installasjonen)", "nn": "Ingen (heile installasjonen)",
                     "en": "None (the whole installation)"},
    "admin.f_scope_owner": {"nb": "Eier: {name}", "nn": "Eigar: {name}", "en": "Owner: {name}"},
    "admin.f_owners": {"nb": "Eiere", "nn": "Eigarar", "en": "Owners"},
    "admin.f_units": {"nb": "Enheter", "nn": "Einingar", "en": "Units"},
    "admin.f_staff": {"nb": "Ansatt i personallisten (valgfritt)", "nn": "Tilsett i personallista (valfritt)",
                "en": "Staff member in the roster (optional)"},
    "admin.f_staff_hint": {"nb": "Kobler brukeren til personen, så tiltak personen har ansvar for vises under Mine saker.",
                     "nn": "Koplar brukaren til personen, så tiltak personen har ansvar for blir viste under Mine saker.",
                     "en": "Links the user to the person, so measures they carry out show under My cases."},
    "admin.f_staff_none": {"nb": "Ingen", "nn": "Ingen", "en": "None"},
    "admin.f_choose": {"nb": "Velg", "nn": "Vel", "en": "Choose"},
    "admin.err_username": {"nb": "Brukernavnet må være 2–100 tegn: små bokstaver a–z, sifre og . _ @ -",
                     "nn": "Brukarnamnet må vere 2–100 teikn: små bokstavar a–z, siffer og . _ @ -",
                     "en": "The user name must be 2–100 characters: lower-case a–z, digits and . _ @ -"},
    "admin.err_username_taken": {"nb": "Brukernavnet er allerede i bruk.", "nn": "Brukarnamnet er alt i bruk.",
                           "en": "The user name is already taken."},
    "admin.err_password_short": {"nb": "Passordet må ha minst {n} tegn.", "nn": "Passordet må ha minst {n} teikn.",
                           "en": "The password must have at least {n} characters."},
    "admin.err_password_long": {"nb": "Passordet kan ha høyst {n} tegn.", "nn": "Passordet kan ha høgst {n} teikn.",
                          "en": "The password may have at most {n} characters."},
    "admin.err_password_same": {"nb": "Passordene er ikke like.", "nn": "Passorda er ikkje like.",
                          "en": "The passwords do not match."},
    "admin.err_role": {"nb": "Velg en rolle.", "nn": "Vel ei rolle.", "en": "Choose a role."},
    "admin.err_scope_unit": {"nb": "Velg en enhet for denne rollen.", "nn": "Vel ei eining for denne rolla.",
                       "en": "Choose a unit for this role."},
    "admin.err_scope_owner": {"nb": "Velg en eier for denne rollen.", "nn": "Vel ein eigar for denne rolla.",
                        "en": "Choose an owner for this role."},
    "admin.err_scope_admin": {"nb": "Administrator gjelder hele installasjonen: velg «Ingen».",
                        "nn": "Administrator gjeld heile installasjonen: vel «Ingen».",
                        "en": "Administrator applies to the whole installation: choose “None”."},
    "admin.err_scope_unknown": {"nb": "Velg en enhet eller eier fra listen.", "nn": "Vel ei eining eller ein eigar frå lista.",
                          "en": "Choose a unit or owner from the list."},
    "admin.err_role_held": {"nb": "Brukeren har allerede denne rollen.", "nn": "Brukaren har alt denne rolla.",
                      "en": "The user already has this role."},
    "admin.err_staff": {"nb": "Velg en ansatt fra listen.", "nn": "Vel ein tilsett frå lista.",
                  "en": "Choose a staff member from the list."},
    "admin.admin_added": {"nb": "Brukeren {user} er lagt til.", "nn": "Brukaren {user} er lagd til.",
                    "en": "The user {user} was added."},
    "admin.admin_user_title": {"nb": "Bruker {user}", "nn": "Brukar {user}", "en": "User {user}"},
    "admin.admin_back": {"nb": "Tilbake til administrasjon", "nn": "Tilbake til administrasjon",
                   "en": "Back to administration"},
    "admin.admin_roles_of": {"nb": "Roller", "nn": "Roller", "en": "Roles"},
    "admin.admin_no_roles": {"nb": "Brukeren har ingen roller og ser ingenting.", "nn": "Brukaren har ingen roller og ser ingenting.",
                       "en": "The user has no roles and sees nothing."},
    "admin.admin_remove_role": {"nb": "Fjern rollen {role}", "nn": "Fjern rolla {role}", "en": "Remove the role {role}"},
    "admin.admin_remove": {"nb": "Fjern", "nn": "Fjern", "en": "Remove"},
    "admin.admin_grant": {"nb": "Gi en rolle", "nn": "Gi ei rolle", "en": "Give a role"},
    "admin.admin_grant_button": {"nb": "Gi rollen", "nn": "Gi rolla", "en": "Give the role"},
    "admin.admin_password": {"nb": "Nytt passord", "nn": "Nytt passord", "en": "New password"},
    "admin.admin_password_button": {"nb": "Sett nytt passord", "nn": "Set nytt passord", "en": "Set the new password"},
    "admin.admin_status": {"nb": "Tilgang", "nn": "Tilgang", "en": "Access"},
    "admin.admin_deactivate": {"nb": "Deaktiver brukeren", "nn": "Deaktiver brukaren", "en": "Deactivate the user"},
    "admin.admin_deactivate_hint": {
        "nb": "En deaktivert bruker kan ikke logge inn eller bruke API-nøkler. Sakene og loggen beholdes.",
        "nn": "Ein deaktivert brukar kan ikkje logge inn eller bruke API-nøklar. Sakene og loggen blir haldne på.",
        "en": "A deactivated user can neither log in nor use API keys. The cases and the log are kept.",
    },
    "admin.admin_reactivate": {"nb": "Aktiver brukeren igjen", "nn": "Aktiver brukaren igjen", "en": "Reactivate the user"},
    "admin.admin_self": {"nb": "Du kan ikke deaktivere deg selv eller ta fra deg administratorrollen.",
                   "nn": "Du kan ikkje deaktivere deg sjølv eller ta frå deg administratorrolla.",
                   "en": "You cannot deactivate yourself or remove your own administrator role."},
    "admin.done_password": {"nb": "Nytt passord er satt.", "nn": "Nytt passord er sett.", "en": "The new password is set."},
    "admin.done_granted": {"nb": "Rollen er gitt.", "nn": "Rolla er gitt.", "en": "The role was given."},
    "admin.done_revoked": {"nb": "Rollen er fjernet.", "nn": "Rolla er fjerna.", "en": "The role was removed."},
    "admin.done_deactivated": {"nb": "Brukeren er deaktivert.", "nn": "Brukaren er deaktivert.", "en": "The user is deactivated."},
    "admin.done_activated": {"nb": "Brukeren er aktiv igjen.", "nn": "Brukaren er aktiv igjen.", "en": "The user is active again."},
    "admin.admin_roles": {"nb": "Rollene", "nn": "Rollene", "en": "The roles"},
    "admin.admin_roles_caption": {"nb": "Hva hver rolle ser og gjør", "nn": "Kva kvar rolle ser og gjer",
                            "en": "What each role sees and does"},
    "admin.col_role": {"nb": "Rolle", "nn": "Rolle", "en": "Role"},
    "admin.col_scope": {"nb": "Gjelder", "nn": "Gjeld", "en": "Applies to"},
    "admin.col_sees": {"nb": "Ser og gjør", "nn": "Ser og gjer", "en": "Sees and does"},
    "admin.col_users": {"nb": "Brukere", "nn": "Brukarar", "en": "Users"},
    "admin.scope_unit": {"nb": "en enhet", "nn": "ei eining", "en": "a unit"},
    "admin.scope_owner": {"nb": "en eier", "nn": "ein eigar", "en": "an owner"},
    "admin.scope_any": {"nb": "en enhet, en eier eller alle", "nn": "ei eining, ein eigar eller alle",
                  "en": "a unit, an owner or all"},
    "admin.scope_all": {"nb": "hele installasjonen", "nn": "heile installasjonen", "en": "the whole installation"},
    "admin.sees_staff": {"nb": "Sakene de selv har meldt, og tiltak de gjennomfører. Aldri en sak der ansatte eller "
                         "ledelsen er mistenkt, med mindre de meldte den selv.",
                   "nn": "Sakene dei sjølve har meldt, og tiltak dei gjennomfører. Aldri ei sak der tilsette eller "
                         "leiinga er mistenkt, med mindre dei meldte henne sjølve.",
                   "en": "The cases they reported and the measures they carry out. Never a case where staff or the "
                         "leadership are suspected, unless they reported it."},
    "admin.sees_principal": {"nb": "Alle saker ved enheten (og skolens SFO), og fører dem. Ikke saker der ledelsen er "
                             "mistenkt: de går til eier.",
                       "nn": "Alle saker ved eininga (og skulen si SFO), og fører dei. Ikkje saker der leiinga er "
                             "mistenkt: dei går til eigar.",
                       "en": "Every case of the unit (and the school's SFO), and handles them. Not cases where the "
                             "leadership is suspected: those go to the owner."},
    "admin.sees_case_handler": {"nb": "Som rektor/styrer, etter delegering.", "nn": "Som rektor/styrar, etter delegering.",
                          "en": "As the principal, by delegation."},
    "admin.sees_owner": {"nb": "Alvorlige saker og saker der ansatte eller ledelsen er mistenkt, ved eierens enheter; "
                         "tall, tilsyn og leseloggen for alle eierens enheter.",
                   "nn": "Alvorlege saker og saker der tilsette eller leiinga er mistenkt, ved einingane til eigaren; "
                         "tal, tilsyn og leseloggen for alle einingane til eigaren.",
                   "en": "Serious cases and cases where staff or the leadership are suspected, at the owner's units; "
                         "figures, audit and the read log for all of them."},
    "admin.sees_auditor": {"nb": "Leser alle saker i sitt område, funn og logger. Skriver ingenting.",
                     "nn": "Les alle saker i sitt område, funn og loggar. Skriv ingenting.",
                     "en": "Reads every case in scope, findings and logs. Writes nothing."},
    "admin.sees_admin": {"nb": "Brukere, roller og enheter; tall og leseloggen. Ingen saksinnhold.",
                   "nn": "Brukarar, roller og einingar; tal og leseloggen. Ikkje noko saksinnhald.",
                   "en": "Users, roles and units; figures and the read log. No case contents."},
    "admin.admin_units": {"nb": "Enhetene", "nn": "Einingane", "en": "The units"},
    "admin.admin_units_intro": {
        "nb": "Enheter, ansatte og barn kommer fra personallisten, som lastes inn her eller med «actionloop org "
              "import». En enkelt enhet kan også legges til med skjemaet under.",
        "nn": "Einingar, tilsette og barn kjem frå personallista, som blir lasta inn her eller med «actionloop org "
              "import». Ei einskild eining kan òg leggjast til med skjemaet under.",
        "en": "Units, staff and children come from the roster, loaded here or with “actionloop org import”. A "
              "single unit can also be added with the form below.",
    },
    "admin.admin_units_caption": {"nb": "Enheter og eiere", "nn": "Einingar og eigarar", "en": "Units and owners"},
    "admin.col_name": {"nb": "Navn", "nn": "Namn", "en": "Name"},
    "admin.col_id": {"nb": "Id", "nn": "Id", "en": "Id"},
    "admin.col_type": {"nb": "Type", "nn": "Type", "en": "Type"},
    "admin.col_owner": {"nb": "Eier", "nn": "Eigar", "en": "Owner"},
    "admin.col_belongs": {"nb": "Hører til", "nn": "Høyrer til", "en": "Belongs to"},
    "admin.kind_school": {"nb": "Skole", "nn": "Skule", "en": "School"},
    "admin.kind_sfo": {"nb": "SFO", "nn": "SFO", "en": "After-school programme (SFO)"},
    "admin.kind_kindergarten": {"nb": "Barnehage", "nn": "Barnehage", "en": "Kindergarten"},
    "admin.import_title": {"nb": "Last inn personalliste", "nn": "Last inn personalliste", "en": "Load a roster"},
    "admin.import_label": {"nb": "Personallisten (CSV)", "nn": "Personallista (CSV)", "en": "The roster (CSV)"},
    "admin.import_hint": {
        "nb": "Lim inn en CSV med overskriftsraden type,id,name,parent,role,unit,email,class – for eksempel "
              "«school,ny-skole,Ny skole,demo-kommune,,,,». Enten blir hele listen lest inn, eller ingenting.",
        "nn": "Lim inn ein CSV med overskriftsrada type,id,name,parent,role,unit,email,class – til dømes "
              "«school,ny-skule,Ny skule,demo-kommune,,,,». Anten blir heile lista lesen inn, eller ingenting.",
        "en": "Paste a CSV with the heading row type,id,name,parent,role,unit,email,class – for example "
              "“school,new-school,New school,demo-kommune,,,,”. Either the whole list is loaded, or nothing.",
    },
    "admin.import_button": {"nb": "Last inn", "nn": "Last inn", "en": "Load"},
    "admin.import_empty": {"nb": "Lim inn personallisten.", "nn": "Lim inn personallista.", "en": "Paste the roster."},
    "admin.import_rejected": {
        "nb": "Ingenting ble lest inn. Rett radene under og prøv igjen:",
        "nn": "Ingenting vart lese inn. Rett radene under og prøv igjen:",
        "en": "Nothing was loaded. Correct the rows below and try again:",
    },
    "admin.import_done": {
        "nb": "Personallisten er lest inn: {rows} rader ({units} enheter, {staff} ansatte, {children} barn).",
        "nn": "Personallista er lesen inn: {rows} rader ({units} einingar, {staff} tilsette, {children} barn).",
        "en": "The roster was loaded: {rows} rows ({units} units, {staff} staff, {children} children).",
    },
    "admin.admin_none_units": {"nb": "Ingen enheter ennå.", "nn": "Ingen einingar enno.", "en": "No units yet."},
    "admin.unit_add_title": {"nb": "Legg til en enhet", "nn": "Legg til ei eining", "en": "Add a unit"},
    "admin.f_unit_type": {"nb": "Type", "nn": "Type", "en": "Type"},
    "admin.f_unit_name": {"nb": "Navn", "nn": "Namn", "en": "Name"},
    "admin.f_unit_id": {"nb": "Id", "nn": "Id", "en": "Id"},
    "admin.f_unit_id_hint": {
        "nb": "Kort og fast, for eksempel «nordli-skole»: bokstaver, tall, punktum, bindestrek. Kan ikke endres senere.",
        "nn": "Kort og fast, til dømes «nordli-skule»: bokstavar, tal, punktum, bindestrek. Kan ikkje endrast seinare.",
        "en": "Short and lasting, e.g. “nordli-school”: letters, digits, dots, hyphens. Cannot be changed later."},
    "admin.f_unit_parent": {"nb": "Hører til", "nn": "Høyrer til", "en": "Belongs to"},
    "admin.f_unit_parent_hint": {
        "nb": "En skole eller barnehage hører til en eier; en SFO hører til en skole.",
        "nn": "Ein skule eller barnehage høyrer til ein eigar; ein SFO høyrer til ein skule.",
        "en": "A school or kindergarten belongs to an owner; an SFO belongs to a school."},
    "admin.parent_owner": {"nb": "Eier: {name}", "nn": "Eigar: {name}", "en": "Owner: {name}"},
    "admin.parent_school": {"nb": "Skole: {name}", "nn": "Skule: {name}", "en": "School: {name}"},
    "admin.unit_add_button": {"nb": "Legg til enheten", "nn": "Legg til eininga", "en": "Add the unit"},
    "admin.unit_type_required": {"nb": "Velg hva slags enhet det er.", "nn": "Vel kva slags eining det er.",
                                 "en": "Choose what kind of unit it is."},
    "admin.unit_exists": {"nb": "Id-en «{id}» er allerede i bruk.", "nn": "Id-en «{id}» er allereie i bruk.",
                          "en": "The id “{id}” is already in use."},
    "admin.unit_added": {"nb": "Enheten «{name}» er lagt til.", "nn": "Eininga «{name}» er lagd til.",
                         "en": "The unit “{name}” was added."},
})

#: The unit form's fields, by the roster column each one fills.
UNIT_FIELDS = {"type": "unit_type", "id": "unit_id", "name": "unit_name", "parent": "unit_parent"}

SCOPE_KIND = {"staff": "unit", "principal": "unit", "case_handler": "unit", "owner": "owner", "auditor": "any",
              "admin": "all"}


@dataclass
class UserForm:
    username: str = ""
    role: str = ""
    scope: str = ""
    staff_id: str = ""


def _field(form: FormData, name: str, limit: int = 200) -> str:
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def _forget(state: ApiState) -> None:
    """Roles, passwords or activity changed: drop what was kept in memory about accounts."""
    state.identities.clear()
    state.usernames.clear()


def check_password(password: str, password2: str, min_length: int, lang: str, field: str) -> dict[str, str]:
    if len(password) < min_length:
        return {field: i18n.t("admin.err_password_short", lang, n=min_length)}
    if len(password) > MAX_PASSWORD_LENGTH:
        return {field: i18n.t("admin.err_password_long", lang, n=MAX_PASSWORD_LENGTH)}
    if password != password2:
        return {field + "2": i18n.t("admin.err_password_same", lang)}
    return {}


def check_role(state: ApiState, role: str, scope: str, lang: str, role_field: str = "role",
               scope_field: str = "scope") -> dict[str, str]:
    if role not in ROLES:
        return {role_field: i18n.t("admin.err_role", lang)}
    view = state.org.get().view
    kind = SCOPE_KIND[role]
    if kind == "all":
        return {scope_field: i18n.t("admin.err_scope_admin", lang)} if scope else {}
    if kind == "unit" and scope not in view.units:
        return {scope_field: i18n.t("admin.err_scope_unit", lang)}
    if kind == "owner" and scope not in view.owners:
        return {scope_field: i18n.t("admin.err_scope_owner", lang)}
    if kind == "any" and scope and scope not in view.units and scope not in view.owners:
        return {scope_field: i18n.t("admin.err_scope_unknown", lang)}
    return {}


def _service_error(exc: Exception, lang: str, fields: dict[str, str]) -> dict[str, str]:
    """A service's refusal as a message on the field it concerns (``fields``: service field -> form field)."""
    if isinstance(exc, AlreadyExists):
        return {fields["username"]: i18n.t("admin.err_username_taken", lang)}
    if isinstance(exc, InvalidInput):
        field = fields.get(exc.field, next(iter(fields.values())))
        return {field: exc.reasons.get(lang) or exc.reasons["nb"]}
    if isinstance(exc, NotFound):
        field = {"staff": fields.get("staff", "staff_id"), "account": fields.get("username", "username")}.get(
            exc.kind, fields.get("unit", "scope"))
        return {field: i18n.t("admin.err_staff" if exc.kind == "staff" else "err_scope_unknown", lang)}
    raise exc


def _choices(state: ApiState, lang: str) -> dict[str, Any]:
    org = state.org.get()
    view = org.view
    return {
        "role_options": [(r, i18n.t("role_" + r, lang)) for r in ROLES],
        "owner_options": [(o.id, o.name) for o in sorted(view.owners.values(), key=lambda o: o.name)],
        "unit_options": [(u.id, u.name) for u in sorted(view.units.values(), key=lambda u: u.name)],
        "staff_options": sorted(((s.id, s.name) for s in org.roster.staff), key=lambda s: s[1]),
        "min_password": state.settings.password_min_length,
    }


def _scope_name(state: ApiState, scope: str) -> str | None:
    view = state.org.get().view
    if scope in view.units:
        return view.units[scope].name
    if scope in view.owners:
        return view.owners[scope].name
    return scope or None


def _user_row(state: ApiState, identity: Identity, lang: str) -> dict[str, Any]:
    org = state.org.get()
    return {
        "id": identity.account_id, "username": identity.username, "active": identity.active,
        "person": org.staff_names.get(identity.staff_id) if identity.staff_id else None,
        "roles": [(r.role, r.scope_id, _scope_name(state, r.scope_id)) for r in identity.roles],
    }


def _admin_page(request: Request, state: ApiState, lang: str, form: UserForm | None = None,
                errors: dict[str, str] | None = None, status: int = 200, roster: str = "",
                roster_problems: list[str] | None = None, unit_form: dict[str, str] | None = None,
                unit_errors: dict[str, str] | None = None) -> Response:
    users = state.services.accounts.users()
    view = state.org.get().view
    counts = {r: sum(1 for u in users if u.active and u.has(r)) for r in ROLES}
    added = request.query_params.get("lagt_til", "")
    added_name = next((u.username for u in users if str(u.account_id) == added), None)
    units = sorted(view.units.values(), key=lambda u: (view.owners[u.owner_id].name if u.owner_id in view.owners
                                                       else u.owner_id, u.school_id or u.id, u.school_id is not None))
    context = {
        "users": [_user_row(state, u, lang) for u in users],
        "form": form or UserForm(),
        "errors": errors or {},
        "added": added_name,
        "roster": roster,
        "roster_problems": roster_problems or [],
        "imported": _imported(request, lang),
        "unit_form": unit_form or dict.fromkeys(UNIT_FIELDS, ""),
        "unit_errors": unit_errors or {},
        "unit_added": _unit_added(request, view, lang),
        "unit_type_options": [(k, i18n.t("admin.kind_" + k, lang)) for k in ("school", "sfo", "kindergarten")],
        "parent_options": [(o.id, i18n.t("admin.parent_owner", lang, name=o.name))
                           for o in sorted(view.owners.values(), key=lambda o: o.name)]
                          + [(u.id, i18n.t("admin.parent_school", lang, name=u.name))
                             for u in sorted(view.units.values(), key=lambda u: u.name) if u.kind == "school"],
        "roles": [(r, SCOPE_KIND[r], counts[r]) for r in ROLES],
        "units": [{"id": u.id, "name": u.name, "kind": u.kind,
                   "owner": view.owners[u.owner_id].name if u.owner_id in view.owners else u.owner_id,
                   "school": view.units[u.school_id].name if u.school_id and u.school_id in view.units else None}
                  for u in units],
        **_choices(state, lang),
    }
    return render(request, "admin.html", context, status=status)


def _unit_added(request: Request, view: OrgView, lang: str) -> str | None:
    unit = view.units.get(request.query_params.get("ny_enhet", ""))
    return i18n.t("admin.unit_added", lang, name=unit.name) if unit else None


def _imported(request: Request, lang: str) -> str | None:
    raw = request.query_params.get("lest_inn", "")
    parts = raw.split("-")
    if len(parts) != 4 or not all(p.isdigit() and len(p) <= 7 for p in parts):
        return None
    rows, units, staff, children = parts
    return i18n.t("admin.import_done", lang, rows=rows, units=units, staff=staff, children=children)


@router.get("/admin")
def admin_page(request: Request, state: StateDep, lang: LangDep, user: WebUser = require_role("admin")) -> Response:
    return _admin_page(request, state, lang)


@router.post("/admin/brukere")
async def add_user(request: Request, form: FormDep, state: StateDep, lang: LangDep,
                   user: WebUser = require_role("admin")) -> Response:
    values = UserForm(username=normalise_username(_field(form, "username", 120)), role=_field(form, "role", 40),
                      scope=_field(form, "scope"), staff_id=_field(form, "staff_id"))
    password, password2 = _field(form, "password", 2000), _field(form, "password2", 2000)
    errors: dict[str, str] = {}
    if not username_ok(values.username):
        errors["username"] = i18n.t("admin.err_username", lang)
    errors.update(check_password(password, password2, state.settings.password_min_length, lang, "password"))
    errors.update(check_role(state, values.role, values.scope, lang))
    roster_staff = {s.id for s in state.org.get().roster.staff}
    if values.staff_id and values.staff_id not in roster_staff:
        errors["staff_id"] = i18n.t("admin.err_staff", lang)
    if not errors:
        try:
            created = await state.write(
                lambda: state.services.accounts.add_user(
                    values.username, roles=[(values.role, values.scope)], password=password,
                    staff_id=values.staff_id or None))
        except (AlreadyExists, InvalidInput, NotFound) as exc:
            errors = _service_error(exc, lang, {"username": "username", "password": "password", "role": "role",
                                                "unit": "scope", "staff": "staff_id"})
        else:
            _forget(state)
            return redirect(request, f"/admin?lagt_til={created.account_id}#brukere")
    return await run_in_threadpool(_admin_page, request, state, lang, values, errors, 400)


# --- one user ---------------------------------------------------------------------------------------


def _account(state: ApiState, account_id: int) -> Identity:
    identity = state.services.accounts.get_by_id(account_id)
    if identity is None:
        raise NotFound("account", str(account_id))
    return identity


def _user_page(request: Request, state: ApiState, lang: str, me: WebUser, account_id: int,
               errors: dict[str, str] | None = None, grant: UserForm | None = None, status: int = 200) -> Response:
    identity = _account(state, account_id)
    done = request.query_params.get("gjort", "")
    context = {
        "account": _user_row(state, identity, lang),
        "is_me": identity.account_id == me.account_id,
        "errors": errors or {},
        "grant": grant or UserForm(),
        "done": "admin.done_" + done if i18n.has("admin.done_" + done) else None,
        **_choices(state, lang),
    }
    return render(request, "admin_user.html", context, status=status)


@router.get("/admin/brukere/{account_id}")
def user_page(request: Request, account_id: int, state: StateDep, lang: LangDep,
              user: WebUser = require_role("admin")) -> Response:
    return _user_page(request, state, lang, user, account_id)


@router.post("/admin/brukere/{account_id}/passord")
async def set_password(request: Request, account_id: int, form: FormDep, state: StateDep, lang: LangDep,
                       user: WebUser = require_role("admin")) -> Response:
    identity = await run_in_threadpool(_account, state, account_id)
    password, password2 = _field(form, "new_password", 2000), _field(form, "new_password2", 2000)
    errors = check_password(password, password2, state.settings.password_min_length, lang, "new_password")
    if not errors:
        try:
            changed = await state.write(state.services.accounts.set_password, identity.username, password)
        except InvalidInput as exc:
            errors = _service_error(exc, lang, {"password": "new_password"})
        else:
            _forget(state)
            response = redirect(request, f"/admin/brukere/{account_id}?gjort=password")
            if changed.account_id == user.identity.account_id:
                # The account's sessions ended with the new password, this one too: a new cookie.
                state.start_session(response, changed)
            return response
    return await run_in_threadpool(_user_page, request, state, lang, user, account_id, errors, None, 400)


@router.post("/admin/brukere/{account_id}/roller")
async def grant_role(request: Request, account_id: int, form: FormDep, state: StateDep, lang: LangDep,
                     user: WebUser = require_role("admin")) -> Response:
    identity = await run_in_threadpool(_account, state, account_id)
    values = UserForm(role=_field(form, "role", 40), scope=_field(form, "scope"))
    errors = check_role(state, values.role, values.scope, lang)
    if not errors and identity.has(values.role, values.scope):
        errors = {"role": i18n.t("admin.err_role_held", lang)}
    if not errors:
        try:
            await state.write(state.services.accounts.grant, identity.username, values.role, values.scope)
        except (InvalidInput, NotFound) as exc:
            errors = _service_error(exc, lang, {"role": "role", "unit": "scope"})
        else:
            _forget(state)
            return redirect(request, f"/admin/brukere/{account_id}?gjort=granted")
    return await run_in_threadpool(_user_page, request, state, lang, user, account_id, errors, values, 400)


@router.post("/admin/brukere/{account_id}/roller/fjern")
async def revoke_role(request: Request, account_id: int, form: FormDep, state: StateDep, lang: LangDep,
                      user: WebUser = require_role("admin")) -> Response:
    identity = await run_in_threadpool(_account, state, account_id)
    role, scope = _field(form, "role", 40), _field(form, "scope")
    if not identity.has(role, scope):
        return redirect(request, f"/admin/brukere/{account_id}")
    if identity.account_id == user.account_id and role == "admin":
        return await run_in_threadpool(_user_page, request, state, lang, user, account_id,
                                       {"status": i18n.t("admin.admin_self", lang)}, None, 400)
    await state.write(state.services.accounts.revoke, identity.username, role, scope)
    _forget(state)
    return redirect(request, f"/admin/brukere/{account_id}?gjort=revoked")


@router.post("/admin/brukere/{account_id}/aktiv")
async def set_active(request: Request, account_id: int, form: FormDep, state: StateDep, lang: LangDep,
                     user: WebUser = require_role("admin")) -> Response:
    identity = await run_in_threadpool(_account, state, account_id)
    active = _field(form, "active", 5) == "1"
    if identity.account_id == user.account_id and not active:
        return await run_in_threadpool(_user_page, request, state, lang, user, account_id,
                                       {"status": i18n.t("admin.admin_self", lang)}, None, 400)
    await state.write(state.services.accounts.set_active, identity.username, active)
    _forget(state)
    return redirect(request, f"/admin/brukere/{account_id}?gjort={'activated' if active else 'deactivated'}")


@router.post("/admin/enheter")
async def import_roster(request: Request, form: FormDep, state: StateDep, lang: LangDep,
                        user: WebUser = require_role("admin")) -> Response:
    """A roster pasted as CSV: all of it, or nothing (every problem by row and column)."""
    text = _field(form, "roster", 2_000_000)
    problems: list[str] = []
    if not text.strip():
        problems = [i18n.t("admin.import_empty", lang)]
    else:
        try:
            report = await state.write(state.services.orgs.import_roster, text, "web")
        except RosterRejected as exc:
            problems = [p.text(lang) for p in exc.problems][:200]
        else:
            state.org.invalidate()
            counts = f"{report.rows}-{report.units}-{report.staff}-{report.children}"
            return redirect(request, f"/admin?lest_inn={counts}#enheter")
    return await run_in_threadpool(_admin_page, request, state, lang, status=400, roster=text, roster_problems=problems)


@router.post("/admin/enheter/ny")
async def add_unit(request: Request, form: FormDep, state: StateDep, lang: LangDep,
                   user: WebUser = require_role("admin")) -> Response:
    """One new unit (school, SFO or kindergarten), checked and stored as a one-row roster: the same
    rules as a roster import; an id already in use is refused (the form adds, it does not rename)."""
    values = {column: _field(form, name) for column, name in UNIT_FIELDS.items()}
    errors: dict[str, str] = {}
    view = state.org.get().view
    if values["type"] not in ("school", "sfo", "kindergarten"):
        errors["unit_type"] = i18n.t("admin.unit_type_required", lang)
        values["type"] = ""
    if values["id"] and (values["id"] in view.units or values["id"] in view.owners):
        errors["unit_id"] = i18n.t("admin.unit_exists", lang, id=values["id"])
    if not errors:
        row = io.StringIO()
        writer = csv.writer(row, lineterminator="\n")
        writer.writerow(["type", "id", "name", "parent"])
        writer.writerow([values["type"], values["id"], values["name"], values["parent"]])
        try:
            await state.write(state.services.orgs.import_roster, row.getvalue(), "web")
        except RosterRejected as exc:
            for problem in exc.problems:
                name = UNIT_FIELDS.get(problem.column, "unit_id")
                errors.setdefault(name, f"{i18n.t('admin.f_' + name, lang)}: {problem.message(lang)}")
        else:
            state.org.invalidate()
            return redirect(request, f"/admin?ny_enhet={quote(values['id'])}#enheter")
    return await run_in_threadpool(_admin_page, request, state, lang, status=400, unit_form=values, unit_errors=errors)
