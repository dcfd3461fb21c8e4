"""Meld fra: any member of staff reports a concern about a child in a minute, and gets a receipt
that says who got the report and what happens next.

The form is one page without JavaScript: the child is chosen from a list of the unit's children
(grouped by unit, with the class), which a search field (a GET form) narrows by name or class.
Sending it registers the concern through the API's own register path (same checks: the unit, the
enrolment, the access rules, the case file), then, as the same person and in the same writer:
the intervention, if there was one, and the report itself — to the principal (the kindergarten's
head), or, where the leadership is suspected, straight to the owner (opplæringslova § 12-5,
barnehageloven § 43). The form carries a one-time key, so sending it twice makes one case.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from actionloop.api.deps import visible_case
from actionloop.api.routes.cases import org_person, store_concern
from actionloop.api.schemas import ConcernIn
from actionloop.api.state import ApiState, OrgSnapshot
from actionloop.api.views import in_language
from actionloop.app.access import Access
from actionloop.app.cases import AppendResult
from actionloop.app.errors import IdempotencyKeyReused
from actionloop.app.ports import OrgUnit
from actionloop.core.deadlines import case_deadlines
from actionloop.web import i18n
from actionloop.web.deps import Forbidden, FormDep, LangDep, StateDep, UserDep, WebUser
from actionloop.web.render import redirect, render

router = APIRouter()

SOURCES = ("observed", "child_said", "guardian_said", "other_child_said", "staff_said", "other")
OFFENDERS = ("child", "staff", "leadership", "unknown", "none")
YES_NO = ("ja", "nei")
SERIOUS = ("ja", "nei", "vet_ikke")
MAX_TEXT = 20_000
MAX_ACTION = 5_000
MAX_SEARCH = 100

i18n.add({
    "report_title": {"nb": "Meld fra om et barn", "nn": "Meld frå om eit barn", "en": "Report a concern about a child"},
    "report_intro": {
        "nb": "Har du sett, hørt eller fått vite noe som tyder på at et barn ikke har det trygt og godt? Meld fra "
              "med en gang. Det tar et minutt. Du skal ikke vurdere om det er «nok» – det gjør rektor/styrer.",
        "nn": "Har du sett, høyrt eller fått vite noko som tyder på at eit barn ikkje har det trygt og godt? Meld "
              "frå med ein gong. Det tek eit minutt. Du skal ikkje vurdere om det er «nok» – det gjer rektor/styrar.",
        "en": "Have you seen, heard or learned something suggesting that a child is not safe and happy? Report it "
              "at once. It takes a minute. You need not judge whether it is «enough» – the principal does that.",
    },
    "report_search_label": {"nb": "Finn barnet (navn eller klasse)", "nn": "Finn barnet (namn eller klasse)",
                            "en": "Find the child (name or class)"},
    "report_search_hint": {"nb": "Skriv en del av navnet eller klassen, for eksempel «5B», og trykk Søk.",
                           "nn": "Skriv ein del av namnet eller klassen, til dømes «5B», og trykk Søk.",
                           "en": "Type part of the name or class, for example «5B», and press Search."},
    "report_search_clear": {"nb": "Vis alle barn", "nn": "Vis alle barn", "en": "Show all children"},
    "report_search_none": {"nb": "Ingen barn passer søket «{q}».", "nn": "Ingen barn passar søket «{q}».",
                           "en": "No child matches «{q}»."},
    "report_search_count": {"nb": "{n} barn passer søket «{q}».", "nn": "{n} barn passar søket «{q}».",
                            "en": "{n} children match «{q}»."},
    "report_child": {"nb": "Hvilket barn gjelder det?", "nn": "Kva barn gjeld det?", "en": "Which child is it about?"},
    "report_child_empty": {"nb": "Velg barnet", "nn": "Vel barnet", "en": "Choose the child"},
    "report_class": {"nb": "klasse {c}", "nn": "klasse {c}", "en": "class {c}"},
    "report_what": {"nb": "Hva skjedde?", "nn": "Kva skjedde?", "en": "What happened?"},
    "report_what_hint": {
        "nb": "Med dine egne ord: hva du så eller hørte, når og hvor. Skriv det du vet, ikke det du tror.",
        "nn": "Med dine eigne ord: kva du såg eller høyrde, når og kvar. Skriv det du veit, ikkje det du trur.",
        "en": "In your own words: what you saw or heard, when and where. Write what you know, not what you think.",
    },
    "report_source": {"nb": "Hvordan fikk du vite det?", "nn": "Korleis fekk du vite det?",
                      "en": "How did you learn of it?"},
    "source_observed": {"nb": "Jeg så eller hørte det selv", "nn": "Eg såg eller høyrde det sjølv",
                        "en": "I saw or heard it myself"},
    "source_child_said": {"nb": "Barnet fortalte det", "nn": "Barnet fortalde det", "en": "The child told me"},
    "source_guardian_said": {"nb": "En forelder eller foresatt fortalte det", "nn": "Ein forelder eller føresett "
                             "fortalde det", "en": "A parent or guardian told me"},
    "source_other_child_said": {"nb": "Et annet barn fortalte det", "nn": "Eit anna barn fortalde det",
                                "en": "Another child told me"},
    "source_staff_said": {"nb": "En kollega fortalte det", "nn": "Ein kollega fortalde det",
                          "en": "A colleague told me"},
    "source_other": {"nb": "På en annen måte", "nn": "På ein annan måte", "en": "Some other way"},
    "report_offender": {"nb": "Hvem står bak det som skjedde?", "nn": "Kven står bak det som skjedde?",
                        "en": "Who is behind what happened?"},
    "report_offender_hint": {
        "nb": "Er en ansatt eller noen i ledelsen involvert, går meldingen straks videre etter egne regler.",
        "nn": "Er ein tilsett eller nokon i leiinga involvert, går meldinga straks vidare etter eigne reglar.",
        "en": "If a member of staff or someone in the leadership is involved, the report goes on at once "
              "under special rules.",
    },
    "offender_child": {"nb": "Et annet barn eller andre barn", "nn": "Eit anna barn eller andre barn",
                       "en": "Another child or other children"},
    "offender_staff": {"nb": "En ansatt", "nn": "Ein tilsett", "en": "A member of staff"},
    "offender_leadership": {"nb": "Noen i ledelsen (rektor, styrer eller en annen leder)",
                            "nn": "Nokon i leiinga (rektor, styrar eller ein annan leiar)",
                            "en": "Someone in the leadership (the principal, the head or another leader)"},
    "offender_unknown": {"nb": "Vet ikke", "nn": "Veit ikkje", "en": "Don't know"},
    "offender_none": {"nb": "Ingen bestemt", "nn": "Ingen bestemt", "en": "No one in particular"},
    "report_intervened": {"nb": "Grep du inn?", "nn": "Greip du inn?", "en": "Did you intervene?"},
    "report_intervened_hint": {
        "nb": "Alle som arbeider med barna, skal gripe inn om mulig med en gang (for eksempel stoppe en krenkelse).",
        "nn": "Alle som arbeider med barna, skal gripe inn om mogleg med ein gong (til dømes stanse ei krenking).",
        "en": "Everyone working with the children must intervene at once if possible (for example stop an "
              "offence).",
    },
    "report_action": {"nb": "Hva gjorde du?", "nn": "Kva gjorde du?", "en": "What did you do?"},
    "report_action_hint": {"nb": "Fyll ut hvis du grep inn.", "nn": "Fyll ut viss du greip inn.",
                           "en": "Fill in if you intervened."},
    "report_serious": {"nb": "Virker det alvorlig?", "nn": "Verkar det alvorleg?", "en": "Does it seem serious?"},
    "report_serious_hint": {
        "nb": "For eksempel vold, trusler, gjentatte krenkelser eller at barnet er redd. Rektor/styrer vurderer.",
        "nn": "Til dømes vald, truslar, gjentekne krenkingar eller at barnet er redd. Rektor/styrar vurderer.",
        "en": "For example violence, threats, repeated offences, or the child being afraid. The principal decides.",
    },
    "report_submit": {"nb": "Send meldingen", "nn": "Send meldinga", "en": "Send the report"},
    "report_no_children": {
        "nb": "Det er ingen barn registrert ved enhetene dine. Kontakt administrator.",
        "nn": "Det er ingen barn registrerte ved einingane dine. Kontakt administrator.",
        "en": "No children are registered at your units. Contact the administrator.",
    },
    # errors
    "err_child": {"nb": "Velg barnet saken gjelder", "nn": "Vel barnet saka gjeld",
                  "en": "Choose the child the report is about"},
    "err_child_unknown": {"nb": "Velg et barn fra listen", "nn": "Vel eit barn frå lista",
                          "en": "Choose a child from the list"},
    "err_what": {"nb": "Skriv hva som skjedde", "nn": "Skriv kva som skjedde", "en": "Write what happened"},
    "err_too_long": {"nb": "Teksten kan ha høyst {n} tegn", "nn": "Teksten kan ha høgst {n} teikn",
                     "en": "The text may have at most {n} characters"},
    "err_source": {"nb": "Velg hvordan du fikk vite det", "nn": "Vel korleis du fekk vite det",
                   "en": "Choose how you learned of it"},
    "err_offender": {"nb": "Velg hvem som står bak, eller «Vet ikke»", "nn": "Vel kven som står bak, eller "
                     "«Veit ikkje»", "en": "Choose who is behind it, or «Don't know»"},
    "err_intervened": {"nb": "Svar på om du grep inn", "nn": "Svar på om du greip inn",
                       "en": "Say whether you intervened"},
    "err_action": {"nb": "Skriv hva du gjorde da du grep inn", "nn": "Skriv kva du gjorde då du greip inn",
                   "en": "Write what you did when you intervened"},
    "err_serious": {"nb": "Svar på om det virker alvorlig, eller velg «Vet ikke»",
                    "nn": "Svar på om det verkar alvorleg, eller vel «Veit ikkje»",
                    "en": "Say whether it seems serious, or choose «Don't know»"},
    # the receipt
    "receipt_title": {"nb": "Meldingen er sendt", "nn": "Meldinga er send", "en": "The report has been sent"},
    "receipt_case": {"nb": "Saksnummer", "nn": "Saksnummer", "en": "Case number"},
    "receipt_child": {"nb": "Barnet", "nn": "Barnet", "en": "The child"},
    "receipt_unit": {"nb": "Enhet", "nn": "Eining", "en": "Unit"},
    "receipt_sent": {"nb": "Sendt", "nn": "Send", "en": "Sent"},
    "receipt_to": {"nb": "Meldingen gikk til", "nn": "Meldinga gjekk til", "en": "The report went to"},
    "receipt_to_principal": {"nb": "{title} {name}", "nn": "{title} {name}", "en": "{title}, {name}"},
    "title_principal_school": {"nb": "rektor", "nn": "rektor", "en": "the principal"},
    "title_principal_kindergarten": {"nb": "styrer", "nn": "styrar", "en": "the head"},
    "title_owner_school": {"nb": "skoleeier", "nn": "skuleeigar", "en": "the school owner"},
    "title_owner_kindergarten": {"nb": "barnehageeier", "nn": "barnehageeigar", "en": "the kindergarten owner"},
    "receipt_self": {"nb": "deg som {title} (saken er registrert hos ledelsen ved {unit})",
                     "nn": "deg som {title} (saka er registrert hos leiinga ved {unit})",
                     "en": "you as {title} (the case is registered with the leadership of {unit})"},
    "receipt_normal_self": {
        "nb": "Du skal sørge for at saken blir undersøkt, og at barnet blir hørt. Fristene står under.",
        "nn": "Du skal sørgje for at saka blir undersøkt, og at barnet blir høyrt. Fristane står under.",
        "en": "You must see that the case is investigated and that the child is heard. The deadlines are below.",
    },
    "receipt_staff_self": {
        "nb": "Fordi en ansatt kan være involvert, er meldingen sendt straks videre til {owner_title} ({ref}). "
              "{Owner_title} ser saken med en gang. Den ansatte som meldingen gjelder, kan ikke se den.",
        "nn": "Fordi ein tilsett kan vere involvert, er meldinga send straks vidare til {owner_title} ({ref}). "
              "{Owner_title} ser saka med ein gong. Den tilsette som meldinga gjeld, kan ikkje sjå ho.",
        "en": "Because a member of staff may be involved, the report has gone on at once to {owner_title} ({ref}). "
              "{Owner_title} sees the case at once. The member of staff it concerns cannot see it.",
    },
    "receipt_leadership_of_unit": {"nb": "ledelsen ved {unit}", "nn": "leiinga ved {unit}",
                                   "en": "the leadership of {unit}"},
    "receipt_normal": {
        "nb": "{Title} skal sørge for at saken blir undersøkt, og at barnet blir hørt. Du kan bli spurt om mer. "
              "Fortsett å følge med på barnet, og meld fra igjen hvis noe nytt skjer.",
        "nn": "{Title} skal sørgje for at saka blir undersøkt, og at barnet blir høyrt. Du kan bli spurd om meir. "
              "Hald fram med å følgje med på barnet, og meld frå igjen viss noko nytt skjer.",
        "en": "{Title} will see that the case is investigated and that the child is heard. You may be asked "
              "for more. Keep an eye on the child, and report again if anything new happens.",
    },
    "receipt_staff": {
        "nb": "Fordi en ansatt kan være involvert, går meldingen straks til {title}, som straks skal melde "
              "videre til {owner_title} ({ref}). {Owner_title} ser saken med en gang. Den ansatte som meldingen "
              "gjelder, kan ikke se den.",
        "nn": "Fordi ein tilsett kan vere involvert, går meldinga straks til {title}, som straks skal melde vidare "
              "til {owner_title} ({ref}). {Owner_title} ser saka med ein gong. Den tilsette som meldinga gjeld, "
              "kan ikkje sjå ho.",
        "en": "Because a member of staff may be involved, the report goes at once to {title}, who must at once "
              "report it on to {owner_title} ({ref}). {Owner_title} sees the case at once. The member of staff "
              "it concerns cannot see it.",
    },
    "receipt_leadership": {
        "nb": "Fordi noen i ledelsen kan være involvert, går meldingen straks direkte til {owner_title} ({ref}), "
              "ikke til {title}. Ledelsen ved enheten kan ikke se saken.",
        "nn": "Fordi nokon i leiinga kan vere involvert, går meldinga straks direkte til {owner_title} ({ref}), "
              "ikkje til {title}. Leiinga ved eininga kan ikkje sjå saka.",
        "en": "Because someone in the leadership may be involved, the report goes at once straight to "
              "{owner_title} ({ref}), not to {title}. The unit's leadership cannot see the case.",
    },
    "receipt_next": {"nb": "Hva skjer nå", "nn": "Kva skjer no", "en": "What happens next"},
    "receipt_due": {"nb": "Frist", "nn": "Frist", "en": "Due"},
    "receipt_duty": {"nb": "Plikt", "nn": "Plikt", "en": "Duty"},
    "receipt_law": {"nb": "Lovgrunnlag", "nn": "Lovgrunnlag", "en": "Legal basis"},
    "receipt_mine": {"nb": "Du finner saken under Mine saker.", "nn": "Du finn saka under Mine saker.",
                     "en": "You will find the case under My cases."},
    "receipt_another": {"nb": "Meld fra om noe annet", "nn": "Meld frå om noko anna", "en": "Report something else"},
    "receipt_intervention": {"nb": "Du grep inn", "nn": "Du greip inn", "en": "You intervened"},
    "receipt_what": {"nb": "Det du skrev", "nn": "Det du skreiv", "en": "What you wrote"},
})


# --- the children one may report about ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChildChoice:
    value: str
    unit: OrgUnit
    child_id: str
    name: str
    class_name: str | None


def choice_value(unit_id: str, child_id: str) -> str:
    return f"{child_id}@{unit_id}"


def report_units(user: WebUser, org: OrgSnapshot) -> list[OrgUnit]:
    """The units where the user may report a concern, in name order."""
    units = [org.view.units[u] for u in user.access.visible_units() if user.access.may_register_at(u)]
    return sorted(units, key=lambda u: (u.name.casefold(), u.id))


def children_of(org: OrgSnapshot, units: list[OrgUnit]) -> list[ChildChoice]:
    """Every child enrolled at ``units``, by unit, then class, then name."""
    order = {u.id: i for i, u in enumerate(units)}
    by_id = {u.id: u for u in units}
    out = []
    for e in org.roster.enrolments:
        unit = by_id.get(e.unit_id)
        if unit is None:
            continue
        name = org.children.get(e.child_id, e.child_id)
        out.append(ChildChoice(choice_value(unit.id, e.child_id), unit, e.child_id, name, e.class_name))
    out.sort(key=lambda c: (order[c.unit.id], (c.class_name or "").casefold(), c.name.casefold(), c.child_id))
    return out


def matches(child: ChildChoice, query: str) -> bool:
    q = query.casefold()
    return q in child.name.casefold() or (child.class_name is not None and q in child.class_name.casefold())


def grouped(children: list[ChildChoice], lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(unit name, [(value, label)]) for the select's option groups."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for c in children:
        label = c.name + (f" ({i18n.t('report_class', lang, c=c.class_name)})" if c.class_name else "")
        groups.setdefault(c.unit.name, []).append((c.value, label))
    return list(groups.items())


# --- the form ----------------------------------------------------------------------------------------


def _options(prefix: str, values: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    return [(v, i18n.t(f"{prefix}_{v}", lang)) for v in values]


def _form_page(
    request: Request, user: WebUser, state: ApiState, lang: str, values: dict[str, str],
    errors: dict[str, str], status: int = 200,
) -> Response:
    org = state.org.get()
    units = report_units(user, org)
    children = children_of(org, units)
    query = values.get("sok", "").strip()[:MAX_SEARCH]
    shown = [c for c in children if matches(c, query)] if query else children
    chosen = values.get("barn", "")
    if query and len(shown) == 1 and not chosen:
        chosen = shown[0].value
    # Keep the chosen child in the list even when a new search would hide it.
    if chosen and all(c.value != chosen for c in shown):
        shown = [c for c in children if c.value == chosen] + shown
    yes_no = [("ja", i18n.t("yes", lang)), ("nei", i18n.t("no", lang))]
    return render(request, "report.html", {
        "values": {**values, "barn": chosen},
        "errors": errors,
        "query": query,
        "children": grouped(shown, lang),
        "match_count": len(shown) if query else None,
        "has_children": bool(children),
        "sources": _options("source", SOURCES, lang),
        "offenders": _options("offender", OFFENDERS, lang),
        "yes_no": yes_no,
        "serious_options": [*yes_no, ("vet_ikke", i18n.t("unknown", lang))],
        "form_key": values.get("skjema") or secrets.token_urlsafe(16),
    }, status=status)


def _may_report(user: WebUser) -> None:
    if not user.may_report:
        raise Forbidden()


@router.get("/meld")
def report_form(request: Request, user: UserDep, state: StateDep, lang: LangDep) -> Response:
    _may_report(user)
    return _form_page(request, user, state, lang, {"sok": ""}, {})


@router.post("/meld/sok")
def report_search(request: Request, form: FormDep, user: UserDep, state: StateDep, lang: LangDep) -> Response:
    """The form, with the children narrowed by name or class. The search is posted, never put in
    the address: a child's name must not end up in URLs, browser history or access logs."""
    _may_report(user)
    return _form_page(request, user, state, lang, {"sok": _text(form, "sok")}, {})


def _text(form: Any, name: str) -> str:
    value = form.get(name)
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class Report:
    unit_id: str
    child_id: str
    text: str
    source: str
    offender: str
    serious: bool | None
    action: str | None


def validate(form: Any, user: WebUser, org: OrgSnapshot, lang: str) -> tuple[dict[str, str], dict[str, str],
                                                                          Report | None]:
    """The form's values (to show again), its errors per field, and the report if there are none."""
    names = ("barn", "hva", "kilde", "hvem", "grep_inn", "tiltak", "alvorlig", "sok", "skjema")
    values = {n: _text(form, n) for n in names}
    errors: dict[str, str] = {}
    choices = {c.value: c for c in children_of(org, report_units(user, org))}
    child = choices.get(values["barn"])
    if not values["barn"]:
        errors["barn"] = i18n.t("err_child", lang)
    elif child is None:
        errors["barn"] = i18n.t("err_child_unknown", lang)
    if not values["hva"]:
        errors["hva"] = i18n.t("err_what", lang)
    elif len(values["hva"]) > MAX_TEXT:
        errors["hva"] = i18n.t("err_too_long", lang, n=f"{MAX_TEXT:,}".replace(",", " "))
    if values["kilde"] not in SOURCES:
        errors["kilde"] = i18n.t("err_source", lang)
    if values["hvem"] not in OFFENDERS:
        errors["hvem"] = i18n.t("err_offender", lang)
    if values["grep_inn"] not in YES_NO:
        errors["grep_inn"] = i18n.t("err_intervened", lang)
    elif values["grep_inn"] == "ja" and not values["tiltak"]:
        errors["tiltak"] = i18n.t("err_action", lang)
    if len(values["tiltak"]) > MAX_ACTION:
        errors["tiltak"] = i18n.t("err_too_long", lang, n=f"{MAX_ACTION:,}".replace(",", " "))
    if values["alvorlig"] not in SERIOUS:
        errors["alvorlig"] = i18n.t("err_serious", lang)
    if len(values["skjema"]) > 64:
        values["skjema"] = ""
    if errors or child is None:
        return values, errors, None
    serious = {"ja": True, "nei": False}.get(values["alvorlig"])
    action = values["tiltak"] if values["grep_inn"] == "ja" else None
    return values, errors, Report(child.unit.id, child.child_id, values["hva"], values["kilde"], values["hvem"],
                                  serious, action)


def principal_of(org: OrgSnapshot, unit: OrgUnit) -> str | None:
    """The staff id of the unit's principal (for an SFO: the school's), if the roster names one."""
    for unit_id in (unit.id, unit.school_id):
        for r in org.roster.staff_roles:
            if r.unit_id == unit_id and r.role == "principal":
                return r.staff_id
    return None


def submit(state: ApiState, access: Access, report: Report, key: str, lang: str) -> AppendResult:
    """Register the concern, then the intervention and the report: one writer, one form key, and
    each step its own key derived from it. The same form sent again (a double click, a reload, or
    after a failure part-way) replays the steps already stored and adds those that are not, so a
    report is never left half made."""
    # Dated to the minute, as the case page's step forms are: a step taken in the same minute is
    # then not «before» the report.
    now = state.clock.now().replace(second=0, microsecond=0).isoformat(timespec="minutes")
    body = ConcernIn(unit_id=report.unit_id, child_id=report.child_id, source=report.source,  # type: ignore[arg-type]
                     offender=report.offender, serious=report.serious, text=report.text, at=now)  # type: ignore[arg-type]
    result = store_concern(state, access, body, lang, key)
    org = state.org.get()
    unit = org.view.units[report.unit_id]
    case = state.services.cases.export_case(result.case_id)
    concern = case.events[0]
    by = concern.by
    at = concern.at_text
    if by is None:  # pragma: no cover - the register path always names the reporter
        return result
    if report.action:
        result = state.services.cases.append_event(
            result.case_id, {"at": at, "type": "intervention", "by": by, "text": report.action}, result.seq,
            access.actor, f"{key}:intervention", lang=lang,
        )
    reporter_role = next((p.role for p in case.people if p.id == by), None)
    owner = org.view.owners.get(unit.owner_id)
    event: dict[str, Any] | None = None
    people: list[dict[str, Any]] = []
    if report.offender == "leadership" or (report.offender == "staff" and reporter_role == "principal"):
        if owner is not None:
            event = {"at": at, "type": "report_to_owner", "by": by, "to": owner.id}
            people = [{"id": owner.id, "role": "owner", "name": owner.name}]
    elif reporter_role != "principal":
        principal = principal_of(org, unit)
        if principal is not None and principal != by:
            event = {"at": at, "type": "report_to_principal", "by": by, "to": principal}
            # The concern names the reporter and the child only: the principal is new to the case
            # (the same request on a second sending, whether the first stored this step or not).
            people = [org_person(org, principal, unit.id)]
    if event is not None:
        # IdempotencyKeyReused: stored by an earlier sending, when the roster named the recipient otherwise.
        with contextlib.suppress(IdempotencyKeyReused):
            result = state.services.cases.append_event(
                result.case_id, event, result.seq, access.actor, f"{key}:{event['type']}", people=people,
                lang=lang,
            )
    return result


@router.post("/meld")
async def report_send(request: Request, form: FormDep, user: UserDep, state: StateDep, lang: LangDep) -> Response:
    _may_report(user)
    org = state.org.fresh() or state.org.get()
    values, errors, report = validate(form, user, org, lang)
    if report is None:
        return _form_page(request, user, state, lang, values, errors, status=400)
    key = "web-meld:" + (values["skjema"] or secrets.token_urlsafe(16))
    result = await state.write(submit, state, user.access, report, key, lang)
    return redirect(request, f"/meld/kvittering/{result.case_id}")


# --- the receipt -------------------------------------------------------------------------------------


@router.get("/meld/kvittering/{case_id}")
def receipt(case_id: str, request: Request, user: UserDep, state: StateDep, lang: LangDep) -> Response:
    if len(case_id) > 200:
        raise StarletteHTTPException(404)
    summary, _level = visible_case(state, user.access, case_id)
    case = state.services.cases.export_case(case_id)
    kind = "kindergarten" if case.case.setting == "kindergarten" else "school"
    title = i18n.t(f"title_principal_{kind}", lang)
    owner_title = i18n.t(f"title_owner_{kind}", lang)
    names = {p.id: p.name for p in case.people}
    recipients: list[str] = []
    for e in case.events:
        to = e.fields.get("to") if e.type in ("report_to_principal", "report_to_owner") else None
        if isinstance(to, str):
            word = title if e.type == "report_to_principal" else owner_title
            recipients.append(i18n.t("receipt_to_principal", lang, title=word.capitalize(), name=names.get(to) or to))
    concern = case.events[0]
    unit_name = case.case.unit.name or case.case.unit.id
    by_leader = next((p.role for p in case.people if p.id == concern.by), None) == "principal"
    if not recipients:
        recipients.append(i18n.t("receipt_self", lang, title=title, unit=unit_name) if by_leader
                          else i18n.t("receipt_leadership_of_unit", lang, unit=unit_name))
    deadlines = case_deadlines(in_language(case, lang), state.registry, state.today(), state.policy, lang=lang)
    variant = "leadership" if summary.leadership_offender else "staff"
    duty = deadlines.workflow.duties.get("report_to_owner") if deadlines.workflow is not None else None
    legal = duty.ref(variant) if duty is not None else None
    ref = legal.cite() if legal is not None else ""
    if summary.leadership_offender:
        what_next = i18n.t("receipt_leadership", lang, title=title, owner_title=owner_title,
                           Owner_title=owner_title.capitalize(), ref=ref)
    elif summary.staff_offender:
        what_next = i18n.t("receipt_staff_self" if by_leader else "receipt_staff", lang, title=title,
                           owner_title=owner_title, Owner_title=owner_title.capitalize(), ref=ref)
    else:
        what_next = i18n.t("receipt_normal_self" if by_leader else "receipt_normal", lang, Title=title.capitalize())
    intervention = next((e.text for e in case.events if e.type == "intervention"), None)
    return render(request, "report_receipt.html", {
        "case": case, "summary": summary, "recipients": recipients, "what_next": what_next,
        "deadlines": deadlines.deadlines, "concern_text": concern.text, "intervention": intervention,
        "sent": concern.at_text,
    })
