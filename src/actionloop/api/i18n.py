"""The language of a request (``?lang=``, else ``Accept-Language``, else bokmål) and the API's own
messages in bokmål, nynorsk and English."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from starlette.requests import HTTPConnection

from actionloop.core.i18n import Catalog, tr

LANGUAGES = ("nb", "nn", "en")
_TAGS = {"nb": "nb", "no": "nb", "nob": "nb", "nn": "nn", "nno": "nn", "en": "en", "eng": "en"}


def language_of_tag(tag: str) -> str | None:
    """``nb-NO`` → ``nb``, ``no`` → ``nb``, ``nn`` → ``nn``, ``en-GB`` → ``en``; None otherwise."""
    primary = tag.strip().lower().replace("_", "-").split("-", 1)[0]
    return _TAGS.get(primary)


def parse_accept_language(header: str) -> str | None:
    """The preferred language of an ``Accept-Language`` header that we speak."""
    choices: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")[:20]):
        parts = item.strip().split(";")
        lang = language_of_tag(parts[0]) if parts[0] else None
        if lang is None:
            continue
        weight = 1.0
        for param in parts[1:]:
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0:
            choices.append((-weight, position, lang))
    return min(choices)[2] if choices else None


def negotiate(conn: HTTPConnection) -> str:
    """The request's language: ``?lang=`` if it names one we speak, else ``Accept-Language``, else nb."""
    asked = conn.query_params.get("lang")
    if asked:
        lang = language_of_tag(asked)
        if lang is not None:
            return lang
    header = conn.headers.get("accept-language")
    if header:
        lang = parse_accept_language(header)
        if lang is not None:
            return lang
    return "nb"


MESSAGES: Catalog = {
    "not_authenticated": {
        "nb": "Du er ikke logget inn. Logg inn, eller send en API-nøkkel (Authorization: Bearer …).",
        "nn": "Du er ikkje logga inn. Logg inn, eller send ein API-nøkkel (Authorization: Bearer …).",
        "en": "You are not logged in. Log in, or send an API token (Authorization: Bearer …).",
    },
    "bad_token": {
        "nb": "API-nøkkelen er ukjent, trukket tilbake eller utløpt.",
        "nn": "API-nøkkelen er ukjend, trekt tilbake eller gått ut.",
        "en": "The API token is unknown, revoked or expired.",
    },
    "forbidden_unit": {
        "nb": "Du har ikke tilgang til enheten «{unit}».",
        "nn": "Du har ikkje tilgang til eininga «{unit}».",
        "en": "You have no access to the unit «{unit}».",
    },
    "forbidden": {
        "nb": "Rollen din gir ikke tilgang til dette.",
        "nn": "Rolla di gir ikkje tilgang til dette.",
        "en": "Your role does not give access to this.",
    },
    "read_only": {
        "nb": "Du har bare lesetilgang til denne saken.",
        "nn": "Du har berre lesetilgang til denne saka.",
        "en": "You have read-only access to this case.",
    },
    "staff_step": {
        "nb": "Steget «{type}» registreres av rektor/styrer eller saksbehandler, ikke av ansatte.",
        "nn": "Steget «{type}» blir registrert av rektor/styrar eller saksbehandlar, ikkje av tilsette.",
        "en": "The step «{type}» is recorded by the principal or a case handler, not by staff.",
    },
    "case_not_found": {
        "nb": "Saken {case_id} finnes ikke.",
        "nn": "Saka {case_id} finst ikkje.",
        "en": "The case {case_id} does not exist.",
    },
    "not_found": {
        "nb": "Adressen finnes ikke.",
        "nn": "Adressa finst ikkje.",
        "en": "There is nothing at this address.",
    },
    "method_not_allowed": {
        "nb": "Metoden {method} kan ikke brukes her.",
        "nn": "Metoden {method} kan ikkje brukast her.",
        "en": "The method {method} cannot be used here.",
    },
    "invalid_request": {
        "nb": "Forespørselen har feil; se «problems» for hvert felt.",
        "nn": "Førespurnaden har feil; sjå «problems» for kvart felt.",
        "en": "The request has errors; see «problems» for each field.",
    },
    "invalid_case_file": {
        "nb": "Saksfilen eller hendelsen har feil; se «problems» for hvert felt.",
        "nn": "Saksfila eller hendinga har feil; sjå «problems» for kvart felt.",
        "en": "The case file or the event has errors; see «problems» for each field.",
    },
    "step_not_allowed": {
        "nb": "Steget er ikke tillatt nå.",
        "nn": "Steget er ikkje tillate no.",
        "en": "The step is not allowed now.",
    },
    "stale_write": {
        "nb": "Saken er endret siden du leste den: siste hendelse er nr. {current_seq}, du sendte {expected_seq}. "
              "Les saken på nytt og prøv igjen.",
        "nn": "Saka er endra sidan du las ho: siste hending er nr. {current_seq}, du sende {expected_seq}. "
              "Les saka på nytt og prøv igjen.",
        "en": "The case changed since you read it: the latest event is no. {current_seq}, you sent {expected_seq}. "
              "Read the case again and retry.",
    },
    "internal": {
        "nb": "Noe gikk galt på serveren. Feilen er logget (id {error_id}).",
        "nn": "Noko gjekk gale på serveren. Feilen er logga (id {error_id}).",
        "en": "Something went wrong on the server. The error was logged (id {error_id}).",
    },
    "too_large": {
        "nb": "Innholdet er for stort (høyst {limit} MB).",
        "nn": "Innhaldet er for stort (høgst {limit} MB).",
        "en": "The content is too large (at most {limit} MB).",
    },
    "media_type": {
        "nb": "Send saksfilen som JSON (application/json) eller YAML (application/yaml).",
        "nn": "Send saksfila som JSON (application/json) eller YAML (application/yaml).",
        "en": "Send the case file as JSON (application/json) or YAML (application/yaml).",
    },
    "unknown_unit": {
        "nb": "enheten «{unit}» finnes ikke",
        "nn": "eininga «{unit}» finst ikkje",
        "en": "the unit «{unit}» does not exist",
    },
    "unknown_owner": {
        "nb": "eieren «{owner}» finnes ikke",
        "nn": "eigaren «{owner}» finst ikkje",
        "en": "the owner «{owner}» does not exist",
    },
    "child_not_enrolled": {
        "nb": "barnet «{child}» er ikke registrert ved enheten «{unit}»",
        "nn": "barnet «{child}» er ikkje registrert ved eininga «{unit}»",
        "en": "the child «{child}» is not registered at the unit «{unit}»",
    },
    "by_required": {
        "nb": "oppgi hvem som handlet: brukeren din er ikke knyttet til en ansatt",
        "nn": "oppgi kven som handla: brukaren din er ikkje knytt til ein tilsett",
        "en": "say who acted: your account is not linked to a member of staff",
    },
    "event_object": {
        "nb": "hendelsen må være et objekt med minst «at» og «type»",
        "nn": "hendinga må vere eit objekt med minst «at» og «type»",
        "en": "the event must be an object with at least «at» and «type»",
    },
    "scope_required": {
        "nb": "oppgi enten enhet (unit) eller eier (owner)",
        "nn": "oppgi anten eining (unit) eller eigar (owner)",
        "en": "give either a unit or an owner",
    },
    "period": {
        "nb": "fra-datoen må være før eller lik til-datoen",
        "nn": "frå-datoen må vere før eller lik til-datoen",
        "en": "the from date must be on or before the to date",
    },
    "document": {
        "nb": "Dokumentet kan ikke lages: {reason}",
        "nn": "Dokumentet kan ikkje lagast: {reason}",
        "en": "The document cannot be made: {reason}",
    },
    "logged_out": {
        "nb": "Du er logget ut.",
        "nn": "Du er logga ut.",
        "en": "You are logged out.",
    },
}

#: Pydantic's error types in our languages (``{…}`` are fields of the error's context).
FIELD_ERRORS: Catalog = {
    "missing": {"nb": "må fylles ut", "nn": "må fyllast ut", "en": "is required"},
    "extra_forbidden": {"nb": "er ikke et kjent felt", "nn": "er ikkje eit kjent felt", "en": "is not a known field"},
    "string_type": {"nb": "må være tekst", "nn": "må vere tekst", "en": "must be text"},
    "string_too_short": {"nb": "må ha minst {min_length} tegn", "nn": "må ha minst {min_length} teikn",
                         "en": "must have at least {min_length} characters"},
    "string_too_long": {"nb": "kan ha høyst {max_length} tegn", "nn": "kan ha høgst {max_length} teikn",
                        "en": "may have at most {max_length} characters"},
    "string_pattern_mismatch": {"nb": "har feil form", "nn": "har feil form", "en": "has the wrong form"},
    "int_type": {"nb": "må være et heltall", "nn": "må vere eit heiltal", "en": "must be a whole number"},
    "int_parsing": {"nb": "må være et heltall", "nn": "må vere eit heiltal", "en": "must be a whole number"},
    "int_from_float": {"nb": "må være et heltall", "nn": "må vere eit heiltal", "en": "must be a whole number"},
    "bool_type": {"nb": "må være true eller false", "nn": "må vere true eller false", "en": "must be true or false"},
    "bool_parsing": {"nb": "må være true eller false", "nn": "må vere true eller false",
                     "en": "must be true or false"},
    "literal_error": {"nb": "må være en av: {expected}", "nn": "må vere ein av: {expected}",
                      "en": "must be one of: {expected}"},
    "enum": {"nb": "må være en av: {expected}", "nn": "må vere ein av: {expected}", "en": "must be one of: {expected}"},
    "greater_than_equal": {"nb": "må være minst {ge}", "nn": "må vere minst {ge}", "en": "must be at least {ge}"},
    "greater_than": {"nb": "må være større enn {gt}", "nn": "må vere større enn {gt}", "en": "must be greater than {gt}"},
    "less_than_equal": {"nb": "kan være høyst {le}", "nn": "kan vere høgst {le}", "en": "may be at most {le}"},
    "less_than": {"nb": "må være mindre enn {lt}", "nn": "må vere mindre enn {lt}", "en": "must be less than {lt}"},
    "date": {"nb": "må være en dato (ÅÅÅÅ-MM-DD)", "nn": "må vere ein dato (ÅÅÅÅ-MM-DD)",
             "en": "must be a date (YYYY-MM-DD)"},
    "datetime": {"nb": "må være et tidspunkt (ISO 8601)", "nn": "må vere eit tidspunkt (ISO 8601)",
                 "en": "must be a date and time (ISO 8601)"},
    "json_invalid": {"nb": "er ikke gyldig JSON", "nn": "er ikkje gyldig JSON", "en": "is not valid JSON"},
    "model_type": {"nb": "må være et objekt", "nn": "må vere eit objekt", "en": "must be an object"},
    "dict_type": {"nb": "må være et objekt", "nn": "må vere eit objekt", "en": "must be an object"},
    "list_type": {"nb": "må være en liste", "nn": "må vere ei liste", "en": "must be a list"},
    "too_long": {"nb": "kan ha høyst {max_length} elementer", "nn": "kan ha høgst {max_length} element",
                 "en": "may have at most {max_length} items"},
    "unicode": {"nb": "inneholder ugyldige tegn", "nn": "inneheld ugyldige teikn", "en": "contains invalid characters"},
    "invalid": {"nb": "ugyldig verdi", "nn": "ugyldig verdi", "en": "invalid value"},
}


def message(key: str, lang: str, **fields: Any) -> str:
    return tr(MESSAGES, key, lang, **fields)


def field_error(error_type: str, ctx: Mapping[str, Any] | None, lang: str) -> str:
    """A pydantic error as a sentence in ``lang`` (without the field, which goes in the path)."""
    key = error_type
    if key.startswith("date_") or key == "date_type":
        key = "date"
    elif key.startswith("datetime_") or key == "timezone_aware":
        key = "datetime"
    elif key.endswith("_unicode") or key == "string_unicode":
        key = "unicode"
    if key not in FIELD_ERRORS:
        key = "invalid"
    values = {k: _show(v) for k, v in (ctx or {}).items()}
    if "expected" in values and lang != "en":  # pydantic lists the choices as "'a', 'b' or 'c'"
        values["expected"] = values["expected"].replace(" or ", " eller ")
    try:
        return tr(FIELD_ERRORS, key, lang, **values)
    except (KeyError, IndexError):
        return tr(FIELD_ERRORS, "invalid", lang)


def _show(value: Any) -> str:
    return str(value).replace("'", "")


def json_path(loc: Sequence[str | int]) -> str:
    """A pydantic location as a path: body fields as ``$.a.b[0]``, others as ``query.limit``,
    ``path.case_id``, ``header.idempotency-key``."""
    if not loc:
        return "$"
    where, rest = loc[0], list(loc[1:])
    if where == "body":
        out = "$"
        for part in rest:
            out += f"[{part}]" if isinstance(part, int) else f".{part}"
        return out
    return ".".join(str(p) for p in [where, *rest])
