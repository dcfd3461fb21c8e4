"""The web pages' words in bokmål (default), nynorsk and English.

The language of a page: ``?lang=nb|nn|en`` (which also sets the ``lang`` cookie), else the
``lang`` cookie, else bokmål. Law terms are kept as the statute has them (aktivitetsplikt,
aktivitetsplan, Statsforvaltaren).

Each page module may keep its own words beside its code and add them with :func:`add`; the
templates call ``t("key", field=…)``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import HTTPConnection

from actionloop.core.i18n import Catalog

LANGUAGES = ("nb", "nn", "en")
LANG_COOKIE = "lang"
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}

_WORDS: dict[str, dict[str, str]] = {}


def add(catalog: Catalog) -> None:
    """Add words (``key -> {lang: text}``); a key may be added only once, with a bokmål text."""
    for key, texts in catalog.items():
        if key in _WORDS and dict(texts) != _WORDS[key]:
            raise ValueError(f"the web word {key!r} is defined twice")
        if "nb" not in texts:
            raise ValueError(f"the web word {key!r} has no bokmål text")
        _WORDS[key] = dict(texts)


def t(key: str, lang: str, /, **fields: Any) -> str:
    """The word ``key`` in ``lang`` (bokmål when missing there), with ``fields`` filled in. An
    unknown key shows as itself (a missing word is visible, never an error page)."""
    texts = _WORDS.get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts["nb"]
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    return key in _WORDS


def asked_language(conn: HTTPConnection) -> str | None:
    """The language named by ``?lang=``, if it is one we speak."""
    asked = conn.query_params.get("lang")
    return asked if asked in LANGUAGES else None


def language(conn: HTTPConnection) -> str:
    """The page's language: ``?lang=``, else the ``lang`` cookie, else bokmål."""
    asked = asked_language(conn)
    if asked is not None:
        return asked
    cookie = conn.cookies.get(LANG_COOKIE)
    return cookie if cookie in LANGUAGES else "nb"


add({
    # --- the frame of every page
    "product": {"nb": "Aktivitetsplikten", "nn": "Aktivitetsplikta", "en": "The duty to act"},
    "product_sub": {"nb": "Trygt og godt skole- og barnehagemiljø", "nn": "Trygt og godt skule- og barnehagemiljø",
                    "en": "A safe and good school and kindergarten environment"},
    "skip_to_main": {"nb": "Hopp til hovedinnholdet", "nn": "Hopp til hovudinnhaldet", "en": "Skip to main content"},
    "main_nav": {"nb": "Hovedmeny", "nn": "Hovudmeny", "en": "Main menu"},
    "language": {"nb": "Språk", "nn": "Språk", "en": "Language"},
    "logged_in_as": {"nb": "Logget inn som", "nn": "Logga inn som", "en": "Logged in as"},
    "log_out": {"nb": "Logg ut", "nn": "Logg ut", "en": "Log out"},
    "footer": {
        "nb": "Opplæringslova kapittel 12 og barnehageloven kapittel VIII. Saker og navn vises bare for dem som "
              "har tilgang, og all lesing logges.",
        "nn": "Opplæringslova kapittel 12 og barnehagelova kapittel VIII. Saker og namn blir viste berre for dei "
              "som har tilgang, og all lesing blir logga.",
        "en": "The Education Act chapter 12 and the Kindergarten Act chapter VIII. Cases and names are shown "
              "only to those with access, and every reading is logged.",
    },
    # --- navigation
    "nav_report": {"nb": "Meld fra", "nn": "Meld frå", "en": "Report a concern"},
    "nav_mine": {"nb": "Mine saker", "nn": "Mine saker", "en": "My cases"},
    "nav_overview": {"nb": "Oversikt", "nn": "Oversikt", "en": "Overview"},
    "nav_owner": {"nb": "Eier", "nn": "Eigar", "en": "Owner"},
    "nav_audit": {"nb": "Tilsyn", "nn": "Tilsyn", "en": "Audit"},
    "nav_admin": {"nb": "Administrasjon", "nn": "Administrasjon", "en": "Administration"},
    # --- roles
    "role_staff": {"nb": "Ansatt", "nn": "Tilsett", "en": "Staff"},
    "role_principal": {"nb": "Rektor/styrer", "nn": "Rektor/styrar", "en": "Principal"},
    "role_case_handler": {"nb": "Saksbehandler", "nn": "Saksbehandlar", "en": "Case handler"},
    "role_owner": {"nb": "Eier", "nn": "Eigar", "en": "Owner"},
    "role_auditor": {"nb": "Tilsyn", "nn": "Tilsyn", "en": "Auditor"},
    "role_admin": {"nb": "Administrator", "nn": "Administrator", "en": "Administrator"},
    # --- logging in
    "login_title": {"nb": "Logg inn", "nn": "Logg inn", "en": "Log in"},
    "login_intro": {"nb": "Logg inn med brukernavnet og passordet du har fått.",
                    "nn": "Logg inn med brukarnamnet og passordet du har fått.",
                    "en": "Log in with the user name and password you were given."},
    "username": {"nb": "Brukernavn", "nn": "Brukarnamn", "en": "User name"},
    "password": {"nb": "Passord", "nn": "Passord", "en": "Password"},
    "login_button": {"nb": "Logg inn", "nn": "Logg inn", "en": "Log in"},
    "login_failed": {"nb": "Feil brukernavn eller passord. Prøv igjen.",
                     "nn": "Feil brukarnamn eller passord. Prøv igjen.",
                     "en": "Wrong user name or password. Try again."},
    "login_missing": {"nb": "Fyll inn både brukernavn og passord.", "nn": "Fyll inn både brukarnamn og passord.",
                      "en": "Fill in both user name and password."},
    "login_limited": {
        "nb": "For mange mislykkede forsøk. Vent {minutes} minutter og prøv igjen.",
        "nn": "For mange mislukka forsøk. Vent {minutes} minutt og prøv igjen.",
        "en": "Too many failed attempts. Wait {minutes} minutes and try again.",
    },
    "logged_out": {"nb": "Du er logget ut.", "nn": "Du er logga ut.", "en": "You are logged out."},
    "session_needed": {"nb": "Logg inn for å se siden.", "nn": "Logg inn for å sjå sida.",
                       "en": "Log in to see the page."},
    # --- forms and errors
    "error_summary": {"nb": "Skjemaet har feil", "nn": "Skjemaet har feil", "en": "The form has errors"},
    "required": {"nb": "må fylles ut", "nn": "må fyllast ut", "en": "is required"},
    "csrf_title": {"nb": "Skjemaet kunne ikke sendes", "nn": "Skjemaet kunne ikkje sendast",
                   "en": "The form could not be sent"},
    "csrf_text": {
        "nb": "Skjemaet var utløpt eller kom ikke fra denne tjenesten. Gå tilbake, last siden på nytt og prøv igjen.",
        "nn": "Skjemaet hadde gått ut eller kom ikkje frå denne tenesta. Gå tilbake, last sida på nytt og prøv igjen.",
        "en": "The form had expired or did not come from this service. Go back, reload the page and try again.",
    },
    "not_found_title": {"nb": "Siden finnes ikke", "nn": "Sida finst ikkje", "en": "Page not found"},
    "not_found_text": {
        "nb": "Siden finnes ikke, eller du har ikke tilgang til den.",
        "nn": "Sida finst ikkje, eller du har ikkje tilgang til ho.",
        "en": "The page does not exist, or you do not have access to it.",
    },
    "forbidden_title": {"nb": "Ingen tilgang", "nn": "Ingen tilgang", "en": "No access"},
    "forbidden_text": {"nb": "Rollen din gir ikke tilgang til denne siden.",
                       "nn": "Rolla di gir ikkje tilgang til denne sida.",
                       "en": "Your role does not give access to this page."},
    "error_title": {"nb": "Noe gikk galt", "nn": "Noko gjekk gale", "en": "Something went wrong"},
    "error_text": {"nb": "Noe gikk galt på serveren. Prøv igjen om litt.",
                   "nn": "Noko gjekk gale på serveren. Prøv igjen om litt.",
                   "en": "Something went wrong on the server. Try again in a moment."},
    "to_front": {"nb": "Til forsiden", "nn": "Til framsida", "en": "To the front page"},
    "yes": {"nb": "Ja", "nn": "Ja", "en": "Yes"},
    "no": {"nb": "Nei", "nn": "Nei", "en": "No"},
    "unknown": {"nb": "Vet ikke", "nn": "Veit ikkje", "en": "Don't know"},
    "search": {"nb": "Søk", "nn": "Søk", "en": "Search"},
    "filter": {"nb": "Filtrer", "nn": "Filtrer", "en": "Filter"},
    "all": {"nb": "Alle", "nn": "Alle", "en": "All"},
    "none_found": {"nb": "Ingen saker.", "nn": "Ingen saker.", "en": "No cases."},
})
