"""The audit: each case judged duty by duty against the law in force on the evidence's date.

Ten duties, one finding each (``actionloop-audit/1``). The rules follow law.md and
Statsforvaltaren's practice:

* a delay is charged to the duty that caused it: a late report breaches the duty to report, and
  the clock for investigating starts when the principal learned of the case;
* the child's own words decide whether the child is safe; nobody must prove bullying first;
* an empty or generic problem description, or vague measures, fail the written plan;
* no closing, and no unrevised plan, while the child says they are not safe;
* evaluations on the plan's own dates; monitoring goes on while measures run;
* missing a local deadline is a ``warning``; a breach of law is a delay clearly beyond what the
  case allowed, or a statutory «straks» missed (workflow files, ``breach_after``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Protocol

from actionloop.core.calendar import Calendar, calendar_for
from actionloop.core.facts import (
    FAR_OVERDUE,
    FOLLOW_UP,
    LATE,
    ON_TIME,
    OVERDUE,
    PENDING,
    TOO_LATE,
    DayPoint,
    Facts,
    gather,
    grade,
)
from actionloop.core.i18n import Catalog, tr
from actionloop.core.model import AUDIT_FORMAT, PRINCIPAL_ROLES, CaseFile, Event, Plan
from actionloop.core.policy import Policy
from actionloop.core.textcheck import measure_is_concrete, problem_is_specific
from actionloop.workflow.spec import DUTIES, DeadlineSpec, Label, WorkflowSpec

FULFILLED: Final = "fulfilled"
BREACHED: Final = "breached"
WARNING: Final = "warning"
NOT_APPLICABLE: Final = "not_applicable"
NOT_ASSESSABLE: Final = "not_assessable"
STATUSES: Final = (FULFILLED, BREACHED, WARNING, NOT_APPLICABLE, NOT_ASSESSABLE)
#: How many school days before its date an evaluation still counts for it.
_EARLY_EVALUATION: Final = 5
_SEVERITY: Final = {NOT_APPLICABLE: 0, FULFILLED: 1, NOT_ASSESSABLE: 2, WARNING: 3, BREACHED: 4}


Judgement = tuple[str, "Msg", tuple[int, ...], str | None, date | None]
#: The legal reference, whether the duty applies, and the note: per workflow id, duty and variant.
_Cites = dict[str, dict[str, dict[str | None, tuple[str, bool, str | None]]]]


class Registry(Protocol):
    """What the audit needs of the workflow registry (``actionloop.workflow.registry``)."""

    def for_event(self, setting: str, day: date) -> WorkflowSpec | None: ...


class Msg:
    """A message not yet put into words: catalogue keys with their fields, rendered in any of the
    three languages when read. Judging a case does not pay for the wording; a reader may choose
    the language (a finding's own ``message`` uses the case's language)."""

    __slots__ = ("parts",)

    def __init__(self, *parts: tuple[str, dict[str, Any]] | str) -> None:
        self.parts = parts

    def __add__(self, other: Msg) -> Msg:
        return Msg(*self.parts, *other.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)

    @staticmethod
    def join(messages: Iterable[Msg], separator: str = " ") -> Msg:
        parts: list[tuple[str, dict[str, Any]] | str] = []
        for message in messages:
            if parts:
                parts.append(separator)
            parts.extend(message.parts)
        return Msg(*parts)

    def render(self, lang: str) -> str:
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            key, fields = part
            out.append(tr(M, key, lang, **{k: _word(v, lang) for k, v in fields.items()}))
        return "".join(out)

    def __repr__(self) -> str:
        return f"Msg({self.render('nb')!r})"


def _m(key: str, /, **fields: Any) -> Msg:
    """``Msg((key, fields))``."""
    return Msg((key, fields))


def _word(value: Any, lang: str) -> Any:
    """A message field in ``lang``: nested messages, labels and terms are rendered."""
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, Label):
        return value(lang)
    if isinstance(value, _LocalTerm):
        return _term_text(value.spec, lang)
    if isinstance(value, _Listed):
        return value.text()
    return value


class _Listed:
    """A list in a message («2025-01-10, 2025-02-10», «v1 2025-01-03, v2 2025-02-01»), put into
    words when the message is read: ISO dates, or plan versions with their dates."""

    __slots__ = ("items", "plans")

    def __init__(self, items: Sequence[Any], plans: bool = False) -> None:
        self.items = items
        self.plans = plans

    def text(self) -> str:
        if self.plans:
            return ", ".join([f"v{e.fields['plan'].version or i + 1} {e.day.isoformat()}" for i, e in enumerate(self.items)])
        return ", ".join([d.isoformat() for d in self.items])


class Finding:
    """One duty's finding in a case: its status, the legal reference, the evidence events and the
    message (put into words when read). Treated as immutable; a plain class rather than a frozen
    dataclass so that the compiled engine builds it without Python-level ``__init__``."""

    __slots__ = ("duty", "events", "lang", "legal_ref", "status", "text")

    def __init__(self, duty: str, status: str, legal_ref: str, events: tuple[int, ...], text: Msg,
                 lang: str = "nb") -> None:
        self.duty = duty
        self.status = status
        self.legal_ref = legal_ref
        self.events = events
        self.text = text
        self.lang = lang

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return (self.duty, self.status, self.legal_ref, self.events, self.lang, self.message) == (
            other.duty, other.status, other.legal_ref, other.events, other.lang, other.message)

    def __hash__(self) -> int:
        return hash((self.duty, self.status, self.legal_ref, self.events))

    def __repr__(self) -> str:
        return (f"Finding(duty={self.duty!r}, status={self.status!r}, legal_ref={self.legal_ref!r}, "
                f"events={self.events!r}, message={self.message!r})")

    @property
    def message(self) -> str:
        """The message in the case's language."""
        return self.text.render(self.lang)

    def message_in(self, lang: str) -> str:
        return self.text.render(lang)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "duty": self.duty, "status": self.status, "legal_ref": self.legal_ref,
            "events": list(self.events), "message": self.text.render(lang or self.lang),
        }


class CaseAudit:
    """The findings of one case, one per duty, in the order of :data:`DUTIES`."""

    __slots__ = ("case", "findings")

    def __init__(self, case: str, findings: tuple[Finding, ...]) -> None:
        self.case = case
        self.findings = findings

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CaseAudit):
            return NotImplemented
        return self.case == other.case and self.findings == other.findings

    def __hash__(self) -> int:
        return hash((self.case, self.findings))

    def __repr__(self) -> str:
        return f"CaseAudit(case={self.case!r}, findings={self.findings!r})"

    def finding(self, duty: str) -> Finding:
        for f in self.findings:
            if f.duty == duty:
                return f
        raise KeyError(duty)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The ``actionloop-audit/1`` object; messages in ``lang`` (default: the case's language)."""
        return {"format": AUDIT_FORMAT, "case": self.case, "findings": [f.to_dict(lang) for f in self.findings]}


M: Final[Catalog] = {
    # --- shared
    "no_law": {
        "nb": "Ingen arbeidsflyt i actionloop dekker {setting} på {day}; plikten kan ikke vurderes.",
        "nn": "Ingen arbeidsflyt i actionloop dekkjer {setting} på {day}; plikta kan ikkje vurderast.",
        "en": "No actionloop workflow covers {setting} on {day}; the duty cannot be assessed.",
    },
    "no_events": {
        "nb": "Saksfilen har ingen hendelser.",
        "nn": "Saksfila har ingen hendingar.",
        "en": "The case file has no events.",
    },
    "no_concern": {
        "nb": "Saksfilen viser ikke når skolen fikk mistanke om eller kjennskap til saken.",
        "nn": "Saksfila viser ikkje når skolen fekk mistanke om eller kjennskap til saka.",
        "en": "The case file does not show when the unit got suspicion or knowledge of the case.",
    },
    # --- monitor
    "monitor_ok": {
        "nb": "De ansatte fulgte med: bekymringen ble fanget opp {day}{follow}.",
        "nn": "Dei tilsette følgde med: uroa vart fanga opp {day}{follow}.",
        "en": "Staff monitored: the concern was picked up on {day}{follow}.",
    },
    "monitor_follow": {
        "nb": ", og barnet ble fulgt opp mens tiltakene varte",
        "nn": ", og barnet vart følgt opp medan tiltaka varte",
        "en": ", and the child was followed while the measures ran",
    },
    "monitor_gap": {
        "nb": "Mens tiltakene varte, gikk det {n} skoledager ({start}–{end}) uten at noe viser at noen fulgte med på barnet.",
        "nn": "Medan tiltaka varte, gjekk det {n} skuledagar ({start}–{end}) utan at noko viser at nokon følgde med på barnet.",
        "en": "While the measures ran, {n} school days passed ({start}–{end}) with nothing showing that anyone followed the child.",
    },
    # --- intervene
    "intervene_na": {
        "nb": "Ingen krenkelse ble observert mens den pågikk; plikten til å gripe inn ble ikke utløst.",
        "nn": "Inga krenking vart observert medan ho pågjekk; plikta til å gripe inn vart ikkje utløyst.",
        "en": "No violation was observed while it happened; the duty to intervene was not triggered.",
    },
    "intervene_ok": {
        "nb": "Det ble grepet inn {day}.",
        "nn": "Det vart gripe inn {day}.",
        "en": "Someone intervened on {day}.",
    },
    "intervene_late": {
        "nb": "Krenkelsen ble observert {seen}, men inngripen er først registrert {day}.",
        "nn": "Krenkinga vart observert {seen}, men inngrepet er først registrert {day}.",
        "en": "The violation was observed on {seen}, but the intervention is only recorded on {day}.",
    },
    "intervene_missing": {
        "nb": "En ansatt observerte en krenkelse {seen}, men saken viser ikke at noen grep inn.",
        "nn": "Ein tilsett observerte ei krenking {seen}, men saka viser ikkje at nokon greip inn.",
        "en": "A staff member observed a violation on {seen}, but the case does not show that anyone intervened.",
    },
    # --- report to principal
    "report_self": {
        "nb": "Rektor/styrer fikk selv kjennskap til saken {day}.",
        "nn": "Rektor/styrar fekk sjølv kjennskap til saka {day}.",
        "en": "The principal/head learned of the case directly on {day}.",
    },
    "report_leadership": {
        "nb": "Ledelsen er mistenkt; meldingen skal gå direkte til eieren (se report_to_owner).",
        "nn": "Leiinga er mistenkt; meldinga skal gå direkte til eigaren (sjå report_to_owner).",
        "en": "The leadership is suspected; the report goes directly to the owner (see report_to_owner).",
    },
    "report_on_time": {
        "nb": "Bekymringen fra {concern} ble meldt til rektor/styrer {day} ({term}).",
        "nn": "Uroa frå {concern} vart meld til rektor/styrar {day} ({term}).",
        "en": "The concern of {concern} was reported to the principal/head on {day} ({term}).",
    },
    "report_late": {
        "nb": "Bekymringen fra {concern} ble først meldt til rektor/styrer {day}, {n} arbeidsdager senere; lokal frist er {local}.",
        "nn": "Uroa frå {concern} vart først meld til rektor/styrar {day}, {n} arbeidsdagar seinare; lokal frist er {local}.",
        "en": "The concern of {concern} was only reported to the principal/head on {day}, {n} working days later; the local deadline is {local}.",
    },
    "report_too_late": {
        "nb": "Bekymringen fra {concern} ble først meldt til rektor/styrer {day}, {n} arbeidsdager senere. Det er klart senere enn saken tillot ({term}).",
        "nn": "Uroa frå {concern} vart først meld til rektor/styrar {day}, {n} arbeidsdagar seinare. Det er klart seinare enn saka tillét ({term}).",
        "en": "The concern of {concern} was only reported to the principal/head on {day}, {n} working days later. That is clearly later than the case allowed ({term}).",
    },
    "report_undocumented": {
        "nb": "Ingen melding til rektor/styrer er registrert; rektor/styrer var involvert fra {day}.",
        "nn": "Inga melding til rektor/styrar er registrert; rektor/styrar var involvert frå {day}.",
        "en": "No report to the principal/head is recorded; the principal/head was involved from {day}.",
    },
    "report_missing": {
        "nb": "Bekymringen fra {concern} er ikke meldt til rektor/styrer ({term}).",
        "nn": "Uroa frå {concern} er ikkje meld til rektor/styrar ({term}).",
        "en": "The concern of {concern} has not been reported to the principal/head ({term}).",
    },
    "report_pending": {
        "nb": "Bekymringen fra {concern} er ennå ikke meldt, men fristen ({local}) er ikke ute.",
        "nn": "Uroa frå {concern} er enno ikkje meld, men fristen ({local}) er ikkje ute.",
        "en": "The concern of {concern} is not reported yet, but the deadline ({local}) has not passed.",
    },
    # --- report to owner
    "owner_na": {
        "nb": "Saken er ikke vurdert som alvorlig, og ingen ansatt eller leder er mistenkt; melding til eier kreves ikke.",
        "nn": "Saka er ikkje vurdert som alvorleg, og ingen tilsett eller leiar er mistenkt; melding til eigar er ikkje kravd.",
        "en": "The case is not assessed as serious and no staff member or leader is suspected; no report to the owner is required.",
    },
    "owner_on_time": {
        "nb": "Eieren ble varslet {day} ({why}; {term}).",
        "nn": "Eigaren vart varsla {day} ({why}; {term}).",
        "en": "The owner was notified on {day} ({why}; {term}).",
    },
    "owner_late": {
        "nb": "Eieren ble først varslet {day} ({why}); lokal frist er {local}.",
        "nn": "Eigaren vart først varsla {day} ({why}); lokal frist er {local}.",
        "en": "The owner was only notified on {day} ({why}); the local deadline is {local}.",
    },
    "owner_too_late": {
        "nb": "Eieren ble først varslet {day} ({why}); det er klart senere enn loven krever ({term}).",
        "nn": "Eigaren vart først varsla {day} ({why}); det er klart seinare enn lova krev ({term}).",
        "en": "The owner was only notified on {day} ({why}); that is clearly later than the law requires ({term}).",
    },
    "owner_missing": {
        "nb": "Eieren er ikke varslet ({why}; {term}).",
        "nn": "Eigaren er ikkje varsla ({why}; {term}).",
        "en": "The owner has not been notified ({why}; {term}).",
    },
    "owner_pending": {
        "nb": "Eieren er ennå ikke varslet ({why}), men fristen ({local}) er ikke ute.",
        "nn": "Eigaren er enno ikkje varsla ({why}), men fristen ({local}) er ikkje ute.",
        "en": "The owner is not notified yet ({why}), but the deadline ({local}) has not passed.",
    },
    "why_staff": {"nb": "en ansatt er mistenkt", "nn": "ein tilsett er mistenkt", "en": "a staff member is suspected"},
    "why_leadership": {"nb": "ledelsen er mistenkt", "nn": "leiinga er mistenkt", "en": "the leadership is suspected"},
    "why_serious": {"nb": "alvorlig tilfelle", "nn": "alvorleg tilfelle", "en": "serious case"},
    # --- investigate
    "inv_unknown": {
        "nb": "Rektor/styrer fikk aldri vite om saken; forsinkelsen belastes plikten til å melde fra.",
        "nn": "Rektor/styrar fekk aldri vite om saka; forseinkinga blir belasta plikta til å melde frå.",
        "en": "The principal/head never learned of the case; the delay is charged to the duty to report.",
    },
    "inv_owner_unknown": {
        "nb": "Ledelsen er mistenkt, og eieren fikk aldri vite om saken; forsinkelsen belastes plikten til å melde fra til eieren.",
        "nn": "Leiinga er mistenkt, og eigaren fekk aldri vite om saka; forseinkinga blir belasta plikta til å melde frå til eigaren.",
        "en": "The leadership is suspected and the owner never learned of the case; the delay is charged to the duty to report to the owner.",
    },
    "inv_on_time": {
        "nb": "Undersøkelsen startet {day}, {n} skoledager etter at rektor/styrer fikk vite om saken {learned} ({term}).",
        "nn": "Undersøkinga starta {day}, {n} skuledagar etter at rektor/styrar fekk vite om saka {learned} ({term}).",
        "en": "The investigation started on {day}, {n} school days after the principal/head learned of the case on {learned} ({term}).",
    },
    "inv_late": {
        "nb": "Undersøkelsen startet først {day}, {n} skoledager etter at rektor/styrer fikk vite om saken {learned}; lokal frist er {local}.",
        "nn": "Undersøkinga starta først {day}, {n} skuledagar etter at rektor/styrar fekk vite om saka {learned}; lokal frist er {local}.",
        "en": "The investigation only started on {day}, {n} school days after the principal/head learned of the case on {learned}; the local deadline is {local}.",
    },
    "inv_too_late": {
        "nb": "Undersøkelsen startet først {day}, {n} skoledager etter at rektor/styrer fikk vite om saken {learned}. Det oppfyller ikke kravet ({term}).",
        "nn": "Undersøkinga starta først {day}, {n} skuledagar etter at rektor/styrar fekk vite om saka {learned}. Det oppfyller ikkje kravet ({term}).",
        "en": "The investigation only started on {day}, {n} school days after the principal/head learned of the case on {learned}. That does not meet the requirement ({term}).",
    },
    "inv_missing": {
        "nb": "Saken er ikke undersøkt, enda rektor/styrer fikk vite om den {learned} ({term}).",
        "nn": "Saka er ikkje undersøkt, sjølv om rektor/styrar fekk vite om henne {learned} ({term}).",
        "en": "The case has not been investigated, although the principal/head learned of it on {learned} ({term}).",
    },
    "inv_pending": {
        "nb": "Undersøkelsen er ikke startet ennå, men fristen ({local}) er ikke ute.",
        "nn": "Undersøkinga er ikkje starta enno, men fristen ({local}) er ikkje ute.",
        "en": "The investigation has not started yet, but the deadline ({local}) has not passed.",
    },
    "inv_no_conclusion": {
        "nb": " Undersøkelsen er ikke konkludert.",
        "nn": " Undersøkinga er ikkje konkludert.",
        "en": " The investigation is not concluded.",
    },
    # --- hear the child
    "hear_ok": {
        "nb": "Barnet ble hørt om sin egen opplevelse {day}.",
        "nn": "Barnet vart høyrt om si eiga oppleving {day}.",
        "en": "The child was heard about their own experience on {day}.",
    },
    "hear_plan_only": {
        "nb": "Barnets syn står i planen, men ingen samtale med barnet er registrert med dato.",
        "nn": "Synet til barnet står i planen, men ingen samtale med barnet er registrert med dato.",
        "en": "The child's views are in the plan, but no conversation with the child is recorded with a date.",
    },
    "hear_after": {
        "nb": "Undersøkelsen ble konkludert {concluded} uten at barnet var hørt; barnet ble først hørt {day}.",
        "nn": "Undersøkinga vart konkludert {concluded} utan at barnet var høyrt; barnet vart først høyrt {day}.",
        "en": "The investigation was concluded on {concluded} without hearing the child; the child was only heard on {day}.",
    },
    "hear_missing": {
        "nb": "Barnet er ikke hørt om sin egen opplevelse.",
        "nn": "Barnet er ikkje høyrt om si eiga oppleving.",
        "en": "The child has not been heard about their own experience.",
    },
    "hear_pending": {
        "nb": "Barnet er ikke hørt ennå; undersøkelsen pågår.",
        "nn": "Barnet er ikkje høyrt enno; undersøkinga går føre seg.",
        "en": "The child has not been heard yet; the investigation is under way.",
    },
    "hear_no_best": {
        "nb": " Planen har ingen vurdering av barnets beste.",
        "nn": " Planen har inga vurdering av det beste for barnet.",
        "en": " The plan has no assessment of the child's best interests.",
    },
    # --- measures
    "measures_na": {
        "nb": "Barnet sier selv at det har det trygt og godt, og undersøkelsen viser det samme; tiltak trengs ikke.",
        "nn": "Barnet seier sjølv at det har det trygt og godt, og undersøkinga viser det same; tiltak trengst ikkje.",
        "en": "The child says they are safe and the investigation shows the same; no measures are needed.",
    },
    "measures_ok": {
        "nb": "Tiltak ble satt inn etter plan fra {day} og fulgt til barnet sa det var trygt.",
        "nn": "Tiltak vart sette inn etter plan frå {day} og følgde til barnet sa det var trygt.",
        "en": "Measures were put in place under a plan from {day} and kept until the child said they were safe.",
    },
    "measures_running": {
        "nb": "Tiltak er satt inn etter plan fra {day} og pågår.",
        "nn": "Tiltak er sette inn etter plan frå {day} og går føre seg.",
        "en": "Measures are in place under a plan from {day} and running.",
    },
    "measures_late": {
        "nb": "Tiltak ble først satt inn {day}, {n} skoledager etter at behovet var kjent {start}; lokal frist er {local}.",
        "nn": "Tiltak vart først sette inn {day}, {n} skuledagar etter at behovet var kjent {start}; lokal frist er {local}.",
        "en": "Measures were only put in place on {day}, {n} school days after the need was known on {start}; the local deadline is {local}.",
    },
    "measures_too_late": {
        "nb": "Tiltak ble først satt inn {day}, {n} skoledager etter at behovet var kjent {start}; det er klart senere enn saken tillot.",
        "nn": "Tiltak vart først sette inn {day}, {n} skuledagar etter at behovet var kjent {start}; det er klart seinare enn saka tillét.",
        "en": "Measures were only put in place on {day}, {n} school days after the need was known on {start}; that is clearly later than the case allowed.",
    },
    "measures_missing": {
        "nb": "Barnet har ikke det trygt og godt (kjent {start}), men ingen tiltak er satt inn.",
        "nn": "Barnet har ikkje det trygt og godt (kjent {start}), men ingen tiltak er sette inn.",
        "en": "The child is not safe (known on {start}), but no measures have been put in place.",
    },
    "measures_pending": {
        "nb": "Tiltak trengs (kjent {start}); fristen ({local}) er ikke ute.",
        "nn": "Tiltak trengst (kjent {start}); fristen ({local}) er ikkje ute.",
        "en": "Measures are needed (known on {start}); the deadline ({local}) has not passed.",
    },
    "measures_closed_unsafe": {
        "nb": "Saken ble avsluttet {day} mens barnet sa at det ikke hadde det trygt og godt.",
        "nn": "Saka vart avslutta {day} medan barnet sa at det ikkje hadde det trygt og godt.",
        "en": "The case was closed on {day} while the child said they were not safe.",
    },
    "measures_unrevised": {
        "nb": "Barnet sa {day} at det ikke hadde det trygt og godt, men planen ble ikke justert etterpå.",
        "nn": "Barnet sa {day} at det ikkje hadde det trygt og godt, men planen vart ikkje justert etterpå.",
        "en": "The child said on {day} that they were not safe, but the plan was not revised afterwards.",
    },
    "measures_unrevised_late": {
        "nb": "Barnet sa {day} at det ikke hadde det trygt og godt; planen er ennå ikke justert (lokal frist {local}).",
        "nn": "Barnet sa {day} at det ikkje hadde det trygt og godt; planen er enno ikkje justert (lokal frist {local}).",
        "en": "The child said on {day} that they were not safe; the plan is not revised yet (local deadline {local}).",
    },
    "measures_sf": {
        "nb": "Statsforvalteren fant {day} at skolen ikke hadde oppfylt aktivitetsplikten.",
        "nn": "Statsforvaltaren fann {day} at skulen ikkje hadde oppfylt aktivitetsplikta.",
        "en": "Statsforvaltaren found on {day} that the school had not fulfilled the duty to act.",
    },
    "measures_undone": {
        "nb": " Saken viser ikke at tiltakene ble gjennomført.",
        "nn": " Saka viser ikkje at tiltaka vart gjennomførte.",
        "en": " The case does not show that the measures were carried out.",
    },
    "measures_closed_unclear": {
        "nb": " Barnets syn ved avslutningen er ikke klart.",
        "nn": " Synet til barnet ved avslutninga er ikkje klart.",
        "en": " The child's view at closing is not clear.",
    },
    # --- written plan
    "plan_na": {
        "nb": "Ingen tiltak trengs, og ingen plan er laget.",
        "nn": "Ingen tiltak trengst, og ingen plan er laga.",
        "en": "No measures are needed and no plan was made.",
    },
    "plan_ok": {
        "nb": "Planen ({versions}) har alle de lovpålagte feltene: problem, tiltak, når, {who} og evaluering.",
        "nn": "Planen ({versions}) har alle dei lovpålagde felta: problem, tiltak, når, {who} og evaluering.",
        "en": "The plan ({versions}) has all the required fields: problem, measures, when, {who} and evaluation.",
    },
    "plan_defects": {
        "nb": "Planen oppfyller ikke kravene: {defects}.",
        "nn": "Planen oppfyller ikkje krava: {defects}.",
        "en": "The plan does not meet the requirements: {defects}.",
    },
    "plan_missing": {
        "nb": "Tiltak trengs (kjent {start}), men ingen skriftlig plan er laget.",
        "nn": "Tiltak trengst (kjent {start}), men ingen skriftleg plan er laga.",
        "en": "Measures are needed (known on {start}), but no written plan was made.",
    },
    "plan_pending": {
        "nb": "Skriftlig plan mangler ennå; fristen ({local}) er ikke ute.",
        "nn": "Skriftleg plan manglar enno; fristen ({local}) er ikkje ute.",
        "en": "The written plan is not made yet; the deadline ({local}) has not passed.",
    },
    "plan_late_start": {
        "nb": " Tiltak {ids} startet før planen var laget.",
        "nn": " Tiltak {ids} starta før planen var laga.",
        "en": " Measures {ids} started before the plan was made.",
    },
    "defect_problem_empty": {"nb": "versjon {v}: problemet tiltakene skal løse er ikke beskrevet", "nn": "versjon {v}: problemet tiltaka skal løyse er ikkje skildra", "en": "version {v}: the problem the measures are to solve is not described"},
    "defect_problem_generic": {"nb": "versjon {v}: problembeskrivelsen er for generell («{text}»)", "nn": "versjon {v}: problemskildringa er for generell («{text}»)", "en": "version {v}: the problem description is too generic («{text}»)"},
    "defect_vague": {"nb": "versjon {v}: tiltak {ids} er ikke konkrete", "nn": "versjon {v}: tiltak {ids} er ikkje konkrete", "en": "version {v}: measures {ids} are not concrete"},
    "defect_when": {"nb": "versjon {v}: tiltak {ids} mangler når de skal gjennomføres", "nn": "versjon {v}: tiltak {ids} manglar når dei skal gjennomførast", "en": "version {v}: measures {ids} lack when they will be carried out"},
    "defect_performer": {"nb": "versjon {v}: tiltak {ids} mangler hvem som skal gjennomføre dem", "nn": "versjon {v}: tiltak {ids} manglar kven som skal gjennomføre dei", "en": "version {v}: measures {ids} lack who will carry them out"},
    "defect_responsible": {"nb": "versjon {v}: tiltak {ids} mangler hvem som er ansvarlig", "nn": "versjon {v}: tiltak {ids} manglar kven som er ansvarleg", "en": "version {v}: measures {ids} lack who is responsible"},
    "defect_evaluations": {"nb": "versjon {v}: planen sier ikke når tiltakene skal evalueres", "nn": "versjon {v}: planen seier ikkje når tiltaka skal evaluerast", "en": "version {v}: the plan does not say when the measures will be evaluated"},
    "who_performer": {"nb": "hvem som gjennomfører", "nn": "kven som gjennomfører", "en": "who carries them out"},
    "who_responsible": {"nb": "hvem som er ansvarlig", "nn": "kven som er ansvarleg", "en": "who is responsible"},
    # --- evaluate
    "eval_na": {
        "nb": "Ingen plan er laget; det er ingenting å evaluere.",
        "nn": "Ingen plan er laga; det er ingenting å evaluere.",
        "en": "No plan was made; there is nothing to evaluate.",
    },
    "eval_ok": {
        "nb": "Tiltakene ble evaluert på datoene i planen ({dates}).",
        "nn": "Tiltaka vart evaluerte på datoane i planen ({dates}).",
        "en": "The measures were evaluated on the dates in the plan ({dates}).",
    },
    "eval_none_due": {
        "nb": "Ingen evalueringsdato i planen er nådd ennå.",
        "nn": "Ingen evalueringsdato i planen er nådd enno.",
        "en": "No evaluation date in the plan has been reached yet.",
    },
    "eval_closed_without": {
        "nb": "Saken ble avsluttet før tiltakene var evaluert.",
        "nn": "Saka vart avslutta før tiltaka var evaluerte.",
        "en": "The case was closed before the measures were evaluated.",
    },
    "eval_late": {
        "nb": "Evalueringen planlagt {due} ble først gjort {day}.",
        "nn": "Evalueringa planlagd {due} vart først gjord {day}.",
        "en": "The evaluation planned for {due} was only done on {day}.",
    },
    "eval_missing": {
        "nb": "Evalueringen planlagt {due} er ikke gjort.",
        "nn": "Evalueringa planlagd {due} er ikkje gjord.",
        "en": "The evaluation planned for {due} was not done.",
    },
    "eval_no_dates": {
        "nb": "Planen har ingen evalueringsdatoer, og tiltakene er ikke evaluert.",
        "nn": "Planen har ingen evalueringsdatoar, og tiltaka er ikkje evaluerte.",
        "en": "The plan has no evaluation dates and the measures have not been evaluated.",
    },
    "eval_no_dates_done": {
        "nb": "Planen har ingen evalueringsdatoer, men tiltakene ble evaluert {dates}.",
        "nn": "Planen har ingen evalueringsdatoar, men tiltaka vart evaluerte {dates}.",
        "en": "The plan has no evaluation dates, but the measures were evaluated on {dates}.",
    },
    "eval_no_revision": {
        "nb": "Evalueringen {day} konkluderte med å justere planen, men ingen ny plan fulgte.",
        "nn": "Evalueringa {day} konkluderte med å justere planen, men ingen ny plan følgde.",
        "en": "The evaluation on {day} concluded that the plan be revised, but no new plan followed.",
    },
    "eval_revision_late": {
        "nb": "Evalueringen {day} konkluderte med å justere planen; ny plan kom først {plan}.",
        "nn": "Evalueringa {day} konkluderte med å justere planen; ny plan kom først {plan}.",
        "en": "The evaluation on {day} concluded that the plan be revised; the new plan only came on {plan}.",
    },
    # --- document
    "doc_na": {
        "nb": "Loven har ingen alminnelig dokumentasjonsplikt her ut over den skriftlige planen (innstilling).",
        "nn": "Lova har inga allmenn dokumentasjonsplikt her utover den skriftlege planen (innstilling).",
        "en": "The law lays no general duty to document here beyond the written plan (a setting).",
    },
    "doc_ok": {
        "nb": "Det som ble gjort, er dokumentert med dato, hvem og hva ({n} hendelser).",
        "nn": "Det som vart gjort, er dokumentert med dato, kven og kva ({n} hendingar).",
        "en": "What was done is documented with date, who and what ({n} events).",
    },
    "doc_gaps": {
        "nb": "Dokumentasjonen har mangler: {gaps}.",
        "nn": "Dokumentasjonen har manglar: {gaps}.",
        "en": "The documentation has gaps: {gaps}.",
    },
    "gap_concern_text": {"nb": "hva bekymringen gjaldt, er ikke skrevet ned", "nn": "kva uroa gjaldt, er ikkje skrive ned", "en": "what the concern was about is not written down"},
    "gap_problem": {"nb": "konklusjonen mangler problembeskrivelse", "nn": "konklusjonen manglar problemskildring", "en": "the conclusion lacks a problem description"},
    "gap_closing": {"nb": "avslutningen mangler barnets syn og begrunnelse", "nn": "avslutninga manglar synet til barnet og grunngiving", "en": "the closing lacks the child's view and reasons"},
    "gap_time": {"nb": "tidspunktet for {what} er ikke registrert", "nn": "tidspunktet for {what} er ikkje registrert", "en": "the time of {what} is not recorded"},
    "gap_investigation": {"nb": "undersøkelsen er konkludert uten at noen samtaler eller observasjoner er dokumentert", "nn": "undersøkinga er konkludert utan at nokon samtalar eller observasjonar er dokumenterte", "en": "the investigation was concluded with no conversations or observations documented"},
    "gap_measures": {"nb": "saken ble avsluttet uten at noe viser hva som ble gjort av tiltak", "nn": "saka vart avslutta utan at noko viser kva som vart gjort av tiltak", "en": "the case was closed with nothing showing which measures were carried out"},
}

#: The messages without fields, made once (messages are never changed once made).
_FIXED: Final[dict[str, Msg]] = {key: _m(key) for key in M}
#: The empty message.
_NO_MSG: Final = Msg()

_DAY_UNIT: Final = {"school_days": "skoledager", "working_days": "arbeidsdager", "days": "dager", "hours": "timer"}
_DAY_UNIT_NN: Final = {"school_days": "skuledagar", "working_days": "arbeidsdagar", "days": "dagar", "hours": "timar"}
_DAY_UNIT_EN: Final = {"school_days": "school days", "working_days": "working days", "days": "days", "hours": "hours"}


def _term_text(spec: DeadlineSpec, lang: str) -> str:
    units = {"nn": _DAY_UNIT_NN, "en": _DAY_UNIT_EN}.get(lang, _DAY_UNIT)
    local = spec.local_default
    if local.amount == 0 and local.unit != "hours":
        return {"nn": "same dag", "en": "the same day"}.get(lang, "samme dag")
    return f"{local.amount} {units[local.unit]}"


@dataclass(frozen=True, slots=True)
class _LocalTerm:
    """A local deadline, put into words when the message is read."""

    spec: DeadlineSpec


class _Laws(dict[date, "WorkflowSpec | None"]):
    """The workflow in force per date for one setting, looked up in the registry on first use and
    kept (the registry does not change; cases share their dates)."""

    __slots__ = ("registry", "setting")

    def __init__(self, registry: Registry, setting: str) -> None:
        super().__init__()
        self.registry = registry
        self.setting = setting

    def __missing__(self, day: date) -> WorkflowSpec | None:
        law = self[day] = self.registry.for_event(self.setting, day)
        return law


class _Ctx:
    """Everything one case's audit shares: the case and its facts, and what several judges ask of
    them, looked up once per case (the workflow in force on a day, the act that ended the case,
    when measures became needed)."""

    __slots__ = (
        "_law", "_law_day", "_learned", "_learned_known", "_need", "_need_known", "as_of", "cal", "case", "concern", "deadlines",
        "end", "events", "facts", "lang", "laws", "owner", "policy", "refs",
    )

    def __init__(
        self, case: CaseFile, facts: Facts, as_of: date, lang: str, cal: Calendar, laws: _Laws,
        policy: Policy, owner: str | None,
        refs: _Cites,
        deadlines: dict[tuple[str, str, str], DeadlineSpec] | None = None,
    ) -> None:
        self.case = case
        self.facts = facts
        self.as_of = as_of
        self.lang = lang
        self.cal = cal
        #: The workflow in force per date for the case's setting, shared by every case the
        #: auditor judges: ``laws[day]``.
        self.laws = laws
        self.policy = policy
        self.owner = owner
        #: Citations per (workflow, duty, variant), shared by every case the auditor judges.
        self.refs = refs
        #: Deadlines per (workflow, duty, variant), shared by every case the auditor judges; None
        #: where the policy has owner overrides (the deadline then depends on the case's owner).
        self.deadlines = deadlines
        self.events = case.events
        #: The act that ended the case, if it has ended (:attr:`Facts.end`).
        self.end = facts.end
        #: The first concern (:attr:`Facts.first_concern`).
        self.concern = facts.concerns[0] if facts.concerns else None
        self._need: Event | None = None
        self._need_known = False
        self._learned: Event | None = None
        self._learned_known = False
        self._law_day: date | None = None
        self._law: WorkflowSpec | None = None

    def workflow(self, day: date) -> WorkflowSpec | None:
        """The workflow in force on ``day`` (the judges ask mostly for the same day, often the
        same date object: the last answer is kept)."""
        if day is self._law_day:
            return self._law
        law = self.laws[day]
        self._law_day, self._law = day, law
        return law

    def deadline(self, wf: WorkflowSpec, duty: str, variant: str) -> DeadlineSpec:
        cache = self.deadlines
        if cache is None:
            return self._deadline(wf, duty, variant)
        key = (wf.id, duty, variant)
        spec = cache.get(key)
        if spec is None:
            spec = cache[key] = self._deadline(wf, duty, variant)
        return spec

    def _deadline(self, wf: WorkflowSpec, duty: str, variant: str) -> DeadlineSpec:
        spec = self.policy.deadline(wf, duty, variant, self.owner)
        assert spec is not None, f"workflow {wf.id} has no deadline for {duty}"
        return spec

    def learned(self) -> Event | None:
        """:meth:`Facts.principal_learned`, worked out once per case."""
        if not self._learned_known:
            self._learned = self.facts.principal_learned()
            self._learned_known = True
        return self._learned

    def need(self) -> Event | None:
        """When measures became needed (:func:`_need`), worked out once per case."""
        if not self._need_known:
            self._need = _need(self)
            self._need_known = True
        return self._need

    def t(self, key: str, **fields: Any) -> Msg:
        return _m(key, **fields)


def _fmt(day: date) -> str:
    return day.isoformat()


def _ids(events: Iterable[Event]) -> tuple[int, ...]:
    """The indexes of ``events``, each once, in the order the events happened."""
    return tuple(sorted({e.index for e in events}))


def _ids_in_order(events: Sequence[Event]) -> tuple[int, ...]:
    """Like :func:`_ids` for events of one kind, already in the order they happened (each once)."""
    return tuple([e.index for e in events])


def _pair(a: Event, b: Event) -> tuple[int, ...]:
    """Like :func:`_ids` for two events."""
    i, j = a.index, b.index
    if i < j:
        return (i, j)
    return (j, i) if j < i else (i,)


def _worst(statuses: Iterable[str]) -> str:
    return max(statuses, key=_SEVERITY.__getitem__, default=NOT_APPLICABLE)


def _first_after(events: Sequence[Event], index: int) -> Event | None:
    for e in events:
        if e.index >= index:
            return e
    return None


class Auditor:
    """Judges cases. Built once (with the workflow registry and an owner policy), then used for
    any number of cases; it keeps nothing between cases but what the law and the policy say
    (the workflow in force per setting and date, citations and deadlines per workflow, duty and
    variant)."""

    def __init__(self, registry: Registry, policy: Policy | None = None, calendar: Calendar | None = None) -> None:
        self.registry = registry
        self.policy = policy or Policy()
        self.calendar = calendar or calendar_for()
        self._laws: dict[str, _Laws] = {}
        self._refs: _Cites = {}
        # Without owner overrides a deadline depends on the workflow, duty and variant alone.
        self._deadlines: dict[tuple[str, str, str], DeadlineSpec] | None = None if self.policy.owners else {}
        self._duties: tuple[tuple[str, Callable[[_Ctx], Judgement]], ...] = (
            ("monitor", _monitor),
            ("intervene", _intervene),
            ("report_to_principal", _report_to_principal),
            ("report_to_owner", _report_to_owner),
            ("investigate", _investigate),
            ("hear_child", _hear_child),
            ("measures", _measures),
            ("written_plan", _written_plan),
            ("evaluate", _evaluate),
            ("document", _document),
        )

    def audit(self, case: CaseFile, as_of: date) -> CaseAudit:
        """One finding per duty, in the order of ``spec.DUTIES``."""
        facts = gather(case)
        info = case.case
        setting = info.setting
        laws = self._laws.get(setting)
        if laws is None:
            laws = self._laws[setting] = _Laws(self.registry, setting)
        ctx = _Ctx(case, facts, as_of, info.lang, self.calendar, laws, self.policy, info.unit.owner, self._refs,
                   self._deadlines)
        return CaseAudit(info.id, tuple([_finding(ctx, duty, judge) for duty, judge in self._duties]))


def _finding(
    ctx: _Ctx, duty: str,
    judge: Callable[[_Ctx], Judgement],
) -> Finding:
    """Run one duty's judge; it returns (status, message, evidence, variant, day of the law)."""
    events = ctx.events
    if not events:
        return Finding(duty, NOT_ASSESSABLE, "", (), _FIXED["no_events"], ctx.lang)
    status, message, evidence, variant, law_day = judge(ctx)
    day = law_day or events[evidence[0] if evidence else 0].day
    wf = ctx.workflow(day)
    if wf is None:
        setting = ctx.case.case.setting
        return Finding(duty, NOT_ASSESSABLE, "", evidence, _m("no_law", setting=setting, day=_fmt(day)), ctx.lang)
    by_duty = ctx.refs.get(wf.id)
    if by_duty is None:
        by_duty = ctx.refs[wf.id] = {}
    by_variant = by_duty.get(duty)
    if by_variant is None:
        by_variant = by_duty[duty] = {}
    cited = by_variant.get(variant)
    if cited is None:
        spec = wf.duties[duty]
        ref = spec.ref(variant)
        cited = by_variant[variant] = (ref.cite() if ref else "", spec.applies, spec.note)
    cite, applies, note = cited
    if not applies and status != NOT_APPLICABLE:
        status, message = NOT_APPLICABLE, (Msg(note) if note else _FIXED["doc_na"])
    return Finding(duty, status, cite, evidence, message, ctx.lang)


# --- monitor -------------------------------------------------------------------------------------


def _monitor(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    concern = ctx.concern
    if concern is None:
        return NOT_ASSESSABLE, _FIXED["no_concern"], (), None, None
    if not f.plans:
        return FULFILLED, _m("monitor_ok", day=concern.day, follow=_NO_MSG), (concern.index,), None, concern.day
    plan = f.plans[0]
    wf = ctx.workflow(plan.day)
    spec = ctx.deadline(wf, "monitor", "normal") if wf else None
    end_day = ctx.end.day if ctx.end else ctx.as_of
    # A span of n calendar days holds at most n school days: only long spans need the calendar.
    follow, worst_gap, gap_at = _follow_up(ctx, plan, end_day, spec.local_default.amount if spec is not None else 0)
    # The follow-up is in order, from the plan on; the concern usually came before it.
    evidence = (concern.index, *follow) if concern.index < plan.index else tuple(sorted({concern.index, *follow}))
    if spec is not None and worst_gap > spec.local_default.amount:
        beyond = spec.breach_after is not None and worst_gap > spec.breach_after.amount
        message = _m("monitor_gap", n=worst_gap, start=gap_at[0], end=gap_at[1])
        return (BREACHED if beyond else WARNING), message, evidence, None, concern.day
    message = _m("monitor_ok", day=concern.day, follow=_FIXED["monitor_follow"])
    return FULFILLED, message, evidence, None, concern.day


def _follow_up(ctx: _Ctx, plan: Event, end_day: date, allowed: int) -> tuple[list[int], int, tuple[date, date]]:
    """From the first plan on: the events that show someone following the child (their indexes),
    and the longest span of school days without one up to ``end_day`` (with where it lies).
    Spans of no more than ``allowed`` calendar days are not counted."""
    cal = ctx.cal
    follow: list[int] = []
    worst_gap, gap_at = 0, (end_day, end_day)
    previous = plan.day
    # Days as ordinals: the loop compares and subtracts plain integers.
    previous_no = previous.toordinal()
    for e in ctx.events[plan.index:]:
        if e.type not in FOLLOW_UP:
            continue
        follow.append(e.index)
        day = e.day
        day_no = day.toordinal()
        if day_no == previous_no:
            continue  # no span: nothing to count, nothing moves on
        if day_no - previous_no > allowed:
            gap = cal.school_days_between(previous, day)
            if gap > worst_gap:
                worst_gap, gap_at = gap, (previous, day)
        if day_no > previous_no:
            previous, previous_no = day, day_no
    if end_day.toordinal() - previous_no > allowed:
        gap = cal.school_days_between(previous, end_day)
        if gap > worst_gap:
            worst_gap, gap_at = gap, (previous, end_day)
    return follow, worst_gap, gap_at


# --- intervene -----------------------------------------------------------------------------------


def _intervene(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    seen = None
    for c in f.concerns:
        fields = c.fields
        if fields.get("source") == "observed" and fields.get("offender") not in ("none", None):
            seen = c
            break
    if seen is None:
        if f.interventions:
            first = f.interventions[0]
            return FULFILLED, _m("intervene_ok", day=first.day), (first.index,), None, first.day
        concern = ctx.concern
        return NOT_APPLICABLE, _FIXED["intervene_na"], (concern.index,) if concern else (), None, None
    acted = _first_after(f.interventions, 0)
    if acted is None:
        return BREACHED, _m("intervene_missing", seen=seen.day), (seen.index,), None, seen.day
    evidence = (seen.index, acted.index)
    if acted.day <= seen.day or acted.index < seen.index:
        return FULFILLED, _m("intervene_ok", day=acted.day), evidence, None, seen.day
    wf = ctx.workflow(seen.day)
    spec = ctx.deadline(wf, "intervene", "normal") if wf else None
    late = grade(seen, acted, spec, ctx.as_of, ctx.cal) if spec else LATE
    status = BREACHED if late == TOO_LATE else WARNING
    return status, _m("intervene_late", seen=seen.day, day=acted.day), evidence, None, seen.day


# --- report to the principal --------------------------------------------------------------------


def _report_to_principal(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    concern = ctx.concern
    if concern is None:
        if f.reports:
            r = f.reports[0]
            return FULFILLED, _m("report_on_time", concern="?", day=r.day, term="-"), (r.index,), None, r.day
        return NOT_ASSESSABLE, _FIXED["no_concern"], (), None, None
    if f.offender == "leadership":
        c = f.offender_concern or concern
        return NOT_APPLICABLE, _FIXED["report_leadership"], (c.index,), "leadership", c.day
    if f.role_of(concern.by) in PRINCIPAL_ROLES:
        return FULFILLED, _m("report_self", day=concern.day), (concern.index,), None, concern.day
    judged = _judge_report(ctx, concern, "normal")
    staff_concern = f.offender_concern if f.offender == "staff" else None
    if staff_concern is not None:
        staff = _judge_report(ctx, staff_concern, "staff")
        if _SEVERITY[staff[0]] > _SEVERITY[judged[0]]:
            return staff
    return judged


def _judge_report(ctx: _Ctx, concern: Event, variant: str) -> Judgement:
    f = ctx.facts
    if variant == "normal" and concern.fields.get("offender") == "staff":
        variant = "staff"
    wf = ctx.workflow(concern.day)
    if wf is None:
        return NOT_ASSESSABLE, _NO_MSG, (concern.index,), None, concern.day
    spec = ctx.deadline(wf, "report_to_principal", variant)
    term = spec.legal_term
    report = _first_after(f.reports, concern.index)
    principal_act = f.principal_act if f.principal_act and f.principal_act.index >= concern.index else None
    if report is None and principal_act is not None:
        # Not documented as a report, but the principal acted: judge the timing, at most a warning.
        g = grade(concern, principal_act, spec, ctx.as_of, ctx.cal)
        status = BREACHED if g == TOO_LATE else WARNING
        msg = _m("report_undocumented", day=principal_act.day)
        return status, msg, (concern.index, principal_act.index), variant, concern.day
    if report is None and ctx.end is not None:
        return BREACHED, _m("report_missing", concern=concern.day, term=term), (concern.index,), variant, concern.day
    g = grade(concern, report, spec, ctx.as_of, ctx.cal)
    if report is not None:
        evidence: tuple[int, ...] = (concern.index, report.index)
        if g == ON_TIME:
            return FULFILLED, _m("report_on_time", concern=concern.day, day=report.day, term=term), evidence, variant, concern.day
        n = ctx.cal.working_days_between(concern.day, report.day)
        if g == LATE:
            return WARNING, _m("report_late", concern=concern.day, day=report.day, n=n, local=_LocalTerm(spec)), evidence, variant, concern.day
        return BREACHED, _m("report_too_late", concern=concern.day, day=report.day, n=n, term=term), evidence, variant, concern.day
    evidence = (concern.index,)
    if g == PENDING:
        return NOT_ASSESSABLE, _m("report_pending", concern=concern.day, local=_LocalTerm(spec)), evidence, variant, concern.day
    status = BREACHED if g == FAR_OVERDUE else WARNING
    return status, _m("report_missing", concern=concern.day, term=term), evidence, variant, concern.day


# --- report to the owner -------------------------------------------------------------------------


def _report_to_owner(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    variant = f.variant
    concern = ctx.concern
    if variant == "normal" or concern is None:
        ev = (concern.index,) if concern else ()
        return NOT_APPLICABLE, _FIXED["owner_na"], ev, None, concern.day if concern else None
    if variant == "leadership":
        start: Event | None = f.offender_concern or concern
        why = _FIXED["why_leadership"]
    elif variant == "staff":
        start = ctx.learned() or f.offender_concern or concern
        why = _FIXED["why_staff"]
    else:
        learned = ctx.learned()
        since = f.serious_since
        start = max((e for e in (learned, since) if e is not None), key=lambda e: e.index, default=concern)
        why = _FIXED["why_serious"]
    assert start is not None
    wf = ctx.workflow(start.day)
    if wf is None:
        return NOT_ASSESSABLE, _NO_MSG, (start.index,), variant, start.day
    spec = ctx.deadline(wf, "report_to_owner", "staff" if variant in ("staff", "leadership") else "normal")
    term = spec.legal_term
    report = _first_after(f.owner_reports, concern.index)
    evidence = (start.index, report.index) if report else (start.index,)
    law_day = start.day
    if report is not None and report.index <= start.index:
        return FULFILLED, _m("owner_on_time", day=report.day, why=why, term=term), _pair(start, report), variant, law_day
    if report is None and ctx.end is not None:
        return BREACHED, _m("owner_missing", why=why, term=term), evidence, variant, law_day
    g = grade(start, report, spec, ctx.as_of, ctx.cal)
    if report is not None:
        if g == ON_TIME:
            return FULFILLED, _m("owner_on_time", day=report.day, why=why, term=term), evidence, variant, law_day
        key, status = ("owner_too_late", BREACHED) if g == TOO_LATE else ("owner_late", WARNING)
        return status, _m(key, day=report.day, why=why, term=term, local=_LocalTerm(spec)), evidence, variant, law_day
    if g == PENDING:
        return NOT_ASSESSABLE, _m("owner_pending", why=why, local=_LocalTerm(spec)), evidence, variant, law_day
    status = BREACHED if g == FAR_OVERDUE else WARNING
    return status, _m("owner_missing", why=why, term=term), evidence, variant, law_day


# --- investigate ---------------------------------------------------------------------------------


def _investigate(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    learned = ctx.learned()
    concern = ctx.concern
    first_act = f.investigative[0] if f.investigative else None
    if learned is None:
        if first_act is None or f.offender == "leadership":
            ev = (concern.index,) if concern else ()
            key = "inv_owner_unknown" if f.offender == "leadership" else "inv_unknown"
            return NOT_ASSESSABLE, _FIXED[key], ev, None, concern.day if concern else None
        learned = first_act
    variant = "staff" if f.offender in ("staff", "leadership") else ("serious" if f.serious else "normal")
    ref_variant = f.offender if f.offender in ("staff", "leadership") else None
    wf = ctx.workflow(learned.day)
    if wf is None:
        return NOT_ASSESSABLE, _NO_MSG, (learned.index,), ref_variant, learned.day
    spec = ctx.deadline(wf, "investigate", variant)
    term = spec.legal_term
    start = first_act
    conclusions = f.conclusions
    if start is None:
        evidence = tuple(sorted({learned.index, conclusions[0].index})) if conclusions else (learned.index,)
    elif conclusions:
        evidence = tuple(sorted({learned.index, start.index, conclusions[0].index}))
    else:
        evidence = _pair(learned, start)
    if start is None:
        if ctx.end is not None:
            return BREACHED, _m("inv_missing", learned=learned.day, term=term), evidence, ref_variant, learned.day
        g = grade(learned, None, spec, ctx.as_of, ctx.cal)
        if g == PENDING:
            return NOT_ASSESSABLE, _m("inv_pending", local=_LocalTerm(spec)), evidence, ref_variant, learned.day
        status = BREACHED if g == FAR_OVERDUE else WARNING
        return status, _m("inv_missing", learned=learned.day, term=term), evidence, ref_variant, learned.day
    g = ON_TIME if start.index < learned.index else grade(learned, start, spec, ctx.as_of, ctx.cal)
    n = max(0, ctx.cal.school_days_between(learned.day, start.day))
    if g == ON_TIME:
        status, message = FULFILLED, _m("inv_on_time", day=start.day, n=n, learned=learned.day, term=term)
    elif g == LATE:
        status, message = WARNING, _m("inv_late", day=start.day, n=n, learned=learned.day, local=_LocalTerm(spec))
    else:
        status, message = BREACHED, _m("inv_too_late", day=start.day, n=n, learned=learned.day, term=term)
    end = ctx.end
    if not f.conclusions and end is not None and end.type == "closed" and status == FULFILLED:
        status, message = WARNING, message + _FIXED["inv_no_conclusion"]
    return status, message, evidence, ref_variant, learned.day


# --- hear the child ------------------------------------------------------------------------------


def _hear_child(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    concern = ctx.concern
    conclusion = f.conclusions[0] if f.conclusions else None
    first_plan = f.plans[0] if f.plans else None
    decided = conclusion or first_plan
    heard = f.hearings[0] if f.hearings else None
    law_day = (heard or decided or concern or ctx.events[0]).day
    best_missing = first_plan is not None and not (first_plan.plan.best_interests or "").strip()
    if heard is not None and (decided is None or heard.index < decided.index):
        evidence = _pair(heard, first_plan) if first_plan is not None else (heard.index,)
        msg = _m("hear_ok", day=heard.day)
        if best_missing:
            return WARNING, msg + _FIXED["hear_no_best"], evidence, None, law_day
        return FULFILLED, msg, evidence, None, law_day
    if heard is not None and decided is not None:
        return BREACHED, _m("hear_after", concluded=decided.day, day=heard.day), _pair(decided, heard), None, law_day
    if first_plan is not None and (first_plan.plan.child_views or "").strip():
        msg = _FIXED["hear_plan_only"] + (_FIXED["hear_no_best"] if best_missing else _NO_MSG)
        return WARNING, msg, (first_plan.index,), None, law_day
    end = ctx.end
    if decided is not None or (end is not None and end.type == "closed"):
        ev = _ids([e for e in (decided, end) if e is not None])
        return BREACHED, _FIXED["hear_missing"], ev, None, law_day
    # Still investigating: judge against the time since the investigation started.
    start = f.investigative[0] if f.investigative else ctx.learned()
    if start is None:
        return NOT_ASSESSABLE, _FIXED["hear_pending"], (concern.index,) if concern else (), None, law_day
    wf = ctx.workflow(start.day)
    if wf is None:
        return NOT_ASSESSABLE, _NO_MSG, (start.index,), None, law_day
    g = grade(start, None, ctx.deadline(wf, "hear_child", "normal"), ctx.as_of, ctx.cal)
    if g == PENDING:
        return NOT_ASSESSABLE, _FIXED["hear_pending"], (start.index,), None, law_day
    return (BREACHED if g == FAR_OVERDUE else WARNING), _FIXED["hear_missing"], (start.index,), None, law_day


# --- measures ------------------------------------------------------------------------------------


def _need(ctx: _Ctx) -> Event | None:
    """When measures became needed: the first not-safe conclusion — the investigation shows it —
    or, without one, the first time the child said they were not safe (the child's own words
    decide; a concern the child raised stands until the child says they are safe)."""
    f = ctx.facts
    for c in f.conclusions:
        if c.fields.get("conclusion") == "not_safe":
            return c
    for e in f.views:
        if e.fields["child_view"] == "not_safe":
            return e
    concern = ctx.concern
    child_said = concern is not None and concern.fields.get("source") == "child_said"
    if child_said and not any(h.fields.get("child_view") == "safe" for h in f.hearings):
        return concern
    return None


def _measures(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    need = ctx.need()
    if need is None:
        ev = _ids(f.conclusions[:1] + f.hearings[:1])
        return NOT_APPLICABLE, _FIXED["measures_na"], ev, None, None
    wf = ctx.workflow(need.day)
    if wf is None:
        return NOT_ASSESSABLE, _NO_MSG, (need.index,), None, need.day
    staff = f.offender in ("staff", "leadership")
    spec = ctx.deadline(wf, "measures", "staff" if staff else "normal")
    end = ctx.end
    plan = _first_after(f.plans, 0)
    results: list[tuple[str, Msg, list[Event]]] = []
    if plan is None:
        if end is not None and end.type == "closed":
            results.append((BREACHED, _m("measures_missing", start=need.day), [need, end]))
        elif end is not None:  # the child left
            g = grade(need, end, spec, ctx.as_of, ctx.cal)
            status = BREACHED if g == TOO_LATE else (WARNING if g == LATE else NOT_ASSESSABLE)
            results.append((status, _m("measures_missing", start=need.day), [need, end]))
        else:
            g = grade(need, None, spec, ctx.as_of, ctx.cal)
            if g == PENDING:
                results.append((NOT_ASSESSABLE, _m("measures_pending", start=need.day, local=_LocalTerm(spec)), [need]))
            else:
                status = BREACHED if g == FAR_OVERDUE else WARNING
                results.append((status, _m("measures_missing", start=need.day), [need]))
    else:
        start = need if need.index < plan.index else plan
        g = ON_TIME if start is plan else grade(start, plan, spec, ctx.as_of, ctx.cal)
        if g in (LATE, TOO_LATE):
            n = max(0, ctx.cal.school_days_between(start.day, plan.day))
            if g == LATE:
                message = _m("measures_late", day=plan.day, n=n, start=start.day, local=_LocalTerm(spec))
                results.append((WARNING, message, [start, plan]))
            else:
                message = _m("measures_too_late", day=plan.day, n=n, start=start.day)
                results.append((BREACHED, message, [start, plan]))
        results += _measures_while_unsafe(ctx, spec)
        for decision in f.sf_decisions:
            if decision.fields.get("outcome") == "not_fulfilled":
                results.append((BREACHED, _m("measures_sf", day=decision.day), [decision]))
        if not results:
            return _measures_kept(ctx, need, plan)
    if len(results) == 1:
        status, message, events = results[0]
        evidence = _ids([need, *events])
    else:
        status = _worst([r[0] for r in results])
        chosen = [r for r in results if r[0] == status]
        message = Msg.join([r[1] for r in chosen])
        evidence = _ids([need] + [e for r in chosen for e in r[2]])
    return status, message, evidence, f.offender if staff else None, need.day


def _measures_kept(ctx: _Ctx, need: Event, plan: Event) -> Judgement:
    """Measures in time, with nothing against them: kept until the child said they were safe?"""
    f = ctx.facts
    end = ctx.end
    closed = end is not None and end.type == "closed"
    key = "measures_ok" if closed else "measures_running"
    message = _m(key, day=plan.day)
    status = FULFILLED
    if closed and not f.done and not any(e.index > plan.index for e in f.evaluations):
        status, message = WARNING, message + _FIXED["measures_undone"]
    if closed and end is not None and end.fields.get("child_view") in (None, "unclear"):
        last_view = _last_view(ctx, end.index)
        if last_view != "safe":
            status, message = WARNING, message + _FIXED["measures_closed_unclear"]
    evidence = _ids([need, plan, *f.done, *f.evaluations])
    staff = f.offender in ("staff", "leadership")
    return status, message, evidence, f.offender if staff else None, need.day


def _last_view(ctx: _Ctx, before: int) -> str | None:
    """The child's most recent view before the event at index ``before``."""
    view = None
    for e in ctx.facts.views:
        if e.index >= before:
            break
        view = e.fields["child_view"]
    return str(view) if view is not None else None


def _measures_while_unsafe(ctx: _Ctx, spec: DeadlineSpec) -> list[tuple[str, Msg, list[Event]]]:
    """No closing, and no unrevised plan, while the child says they are not safe."""
    f = ctx.facts
    out: list[tuple[str, Msg, list[Event]]] = []
    for closing in f.closings:
        view = closing.fields.get("child_view") or _last_view(ctx, closing.index)
        if view == "not_safe":
            out.append((BREACHED, _m("measures_closed_unsafe", day=closing.day), [closing]))
    for ev in f.evaluations:
        if ev.fields.get("child_view") != "not_safe":
            continue
        if ev.fields.get("outcome") == "close":
            out.append((BREACHED, _m("measures_closed_unsafe", day=ev.day), [ev]))
            continue
        if _first_after(f.plans, ev.index + 1) is not None:
            continue
        later_safe = False
        for e in f.views:
            if e.index > ev.index and e.type != "closed" and e.fields["child_view"] == "safe":
                later_safe = True
                break
        if later_safe:
            continue
        if _first_after(f.closings, ev.index) is not None:
            continue  # reported above if the child was still not safe
        g = grade(ev, None, spec, ctx.as_of, ctx.cal)
        if g == FAR_OVERDUE:
            out.append((BREACHED, _m("measures_unrevised", day=ev.day), [ev]))
        elif g == OVERDUE:
            out.append((WARNING, _m("measures_unrevised_late", day=ev.day, local=_LocalTerm(spec)), [ev]))
    return out


# --- written plan --------------------------------------------------------------------------------


#: Text checks already made, by text (plans repeat their measures from version to version, and a
#: case is audited again at every change); emptied when full.
_SPECIFIC: Final[dict[str, bool]] = {}
_CONCRETE: Final[dict[str, bool]] = {}
_TEXT_CACHE_SIZE: Final = 50_000


def _specific(text: str) -> bool:
    """:func:`problem_is_specific`, remembered per text."""
    known = _SPECIFIC.get(text)
    if known is None:
        if len(_SPECIFIC) >= _TEXT_CACHE_SIZE:
            _SPECIFIC.clear()
        known = _SPECIFIC[text] = problem_is_specific(text)
    return known


def _plan_defects(plan: Plan, v: int, who: str) -> list[Msg]:
    defects: list[Msg] = []
    problem = (plan.problem or "").strip()
    if not problem:
        defects.append(_m("defect_problem_empty", v=v))
    elif not _specific(problem):
        defects.append(_m("defect_problem_generic", v=v, text=problem[:80]))
    vague: list[str] = []
    no_when: list[str] = []
    no_who: list[str] = []
    concrete = _CONCRETE
    performer = who == "performer"
    for m in plan.measures:
        text = m.text
        known = concrete.get(text) if text.__class__ is str else None
        if known is None:
            known = measure_is_concrete(text)
            if text.__class__ is str:
                if len(concrete) >= _TEXT_CACHE_SIZE:
                    concrete.clear()
                concrete[text] = known
        if not known:
            vague.append(m.id)
        when = m.when
        if not when or not when.strip():
            no_when.append(m.id)
        someone = m.performer if performer else getattr(m, who)
        if not someone or not someone.strip():
            no_who.append(m.id)
    if vague:
        defects.append(_m("defect_vague", v=v, ids=", ".join(vague)))
    if no_when:
        defects.append(_m("defect_when", v=v, ids=", ".join(no_when)))
    if no_who:
        defects.append(_m("defect_performer" if performer else "defect_responsible", v=v, ids=", ".join(no_who)))
    if not plan.evaluations:
        defects.append(_m("defect_evaluations", v=v))
    return defects


def _written_plan(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    plans = f.plans
    if not plans:
        need = ctx.need()
        if need is None:
            return NOT_APPLICABLE, _FIXED["plan_na"], (), None, None
        wf = ctx.workflow(need.day)
        if wf is None:
            return NOT_ASSESSABLE, _NO_MSG, (need.index,), None, need.day
        spec = ctx.deadline(wf, "written_plan", "normal")
        end = ctx.end
        if end is not None and end.type == "closed":
            return BREACHED, _m("plan_missing", start=need.day), _pair(need, end), None, need.day
        g = grade(need, end, spec, ctx.as_of, ctx.cal)
        if g in (PENDING, ON_TIME):
            return NOT_ASSESSABLE, _m("plan_pending", local=_LocalTerm(spec)), (need.index,), None, need.day
        status = BREACHED if g in (FAR_OVERDUE, TOO_LATE) else WARNING
        return status, _m("plan_missing", start=need.day), (need.index,), None, need.day
    defects: list[Msg] = []
    bad: list[Event] = []
    laws = ctx.laws
    wf = None
    for i, plan_event in enumerate(plans):
        wf = laws[plan_event.day]
        if wf is None:
            continue
        plan = plan_event.fields["plan"]
        found = _plan_defects(plan, plan.version or (i + 1), wf.plan_who_field)
        if found:
            defects += found
            bad.append(plan_event)
    if defects:
        law_day = bad[0].day
        return BREACHED, _m("plan_defects", defects=Msg.join(defects, "; ")), _ids_in_order(bad), None, law_day
    last = plans[-1]
    # wf: the workflow on the last plan's day (the loop above ends there)
    who_key = "who_performer" if wf is None or wf.plan_who_field == "performer" else "who_responsible"
    message = _m("plan_ok", versions=_Listed(plans, plans=True), who=_FIXED[who_key])
    status = FULFILLED
    first = plans[0]
    made = first.day.isoformat()
    early = [m.id for m in first.fields["plan"].measures if (m.when or "")[:10] < made and _is_date(m.when)]
    if early:
        status, message = WARNING, message + _m("plan_late_start", ids=", ".join(early))
    return status, message, _ids_in_order(plans), None, last.day


def _is_date(text: str | None) -> bool:
    if not text or len(text) < 10:
        return False
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


# --- evaluate ------------------------------------------------------------------------------------


def _evaluate(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    plans = f.plans
    if not plans:
        return NOT_APPLICABLE, _FIXED["eval_na"], (), None, None
    first = plans[0]
    wf = ctx.workflow(first.day)
    if wf is None:
        return NOT_ASSESSABLE, _NO_MSG, (first.index,), None, first.day
    spec = ctx.deadline(wf, "evaluate", "normal")
    end = ctx.end
    as_of, cal = ctx.as_of, ctx.cal
    end_day = end.day if end is not None else as_of
    closed = end is not None and end.type == "closed"
    results: list[tuple[str, Msg, list[Event]]] = []
    used: set[int] = set()
    met: list[date] = []
    any_dates = False
    evaluations = f.evaluations
    last = len(plans) - 1
    for i, plan_event in enumerate(plans):
        next_plan = plans[i + 1] if i < last else None
        until = next_plan.day if next_plan is not None else end_day
        planned = plan_event.fields["plan"].evaluations
        made = plan_event.day
        dates = [d for d in planned if d <= until and d >= made]
        if planned:
            any_dates = True
        after = plan_event.index
        for k, due in enumerate(dates):
            if next_plan is not None and due >= next_plan.day:
                continue
            next_due = dates[k + 1] if k + 1 < len(dates) else None
            # The first evaluation after the plan, not yet counted for another date, that counts
            # for this one: no more than a few school days early, and before the next planned date.
            match = None
            for e in evaluations:
                if e.index <= after or e.index in used:
                    continue
                day = e.day
                if next_due is not None and day >= next_due:
                    continue
                # n calendar days early are at most n school days early: only then ask the calendar.
                if (due - day).days <= _EARLY_EVALUATION or cal.school_days_between(day, due) <= _EARLY_EVALUATION:
                    match = e
                    break
            if match is not None:
                used.add(match.index)
                g = ON_TIME if match.day <= due else grade(DayPoint.on(due), match, spec, as_of, cal)
                if g == ON_TIME:
                    met.append(due)
                    continue
                status = BREACHED if g == TOO_LATE else WARNING
                results.append((status, _m("eval_late", due=due, day=match.day), [plan_event, match]))
                continue
            if closed and due <= end_day:
                results.append((BREACHED, _m("eval_missing", due=due), [plan_event]))
                continue
            if end is not None:
                continue  # the child left before this evaluation
            g = grade(DayPoint.on(due), None, spec, as_of, cal)
            if g == PENDING:
                continue
            status = BREACHED if g == FAR_OVERDUE else WARNING
            results.append((status, _m("eval_missing", due=due), [plan_event]))
    if not any_dates:
        done = [e for e in evaluations if e.index > first.index]
        if done:
            results.append((WARNING, _m("eval_no_dates_done", dates=", ".join([e.day.isoformat() for e in done])), done))
        else:
            wspec = ctx.deadline(wf, "measures", "normal")
            g = grade(first, end, wspec, as_of, cal)
            status = BREACHED if closed or g in (FAR_OVERDUE, TOO_LATE) else (WARNING if g in (OVERDUE, LATE) else NOT_ASSESSABLE)
            results.append((status, _FIXED["eval_no_dates"], [first]))
    for ev in evaluations:
        if ev.fields.get("outcome") == "revise":
            results += _revisions(ctx, wf)
            break
    if not results:
        if not met:
            if closed and not evaluations:
                return WARNING, _FIXED["eval_closed_without"], _ids([*plans, end]), None, first.day  # type: ignore[list-item]
            return NOT_ASSESSABLE, _FIXED["eval_none_due"], _ids_in_order(plans), None, first.day
        return FULFILLED, _m("eval_ok", dates=_Listed(met)), _ids(plans + evaluations), None, first.day
    if len(results) == 1:
        status, message, events = results[0]
        return status, Msg.join([message]), _ids(events), None, first.day
    status = _worst([r[0] for r in results])
    chosen = [r for r in results if r[0] == status]
    evidence = _ids([e for r in chosen for e in r[2]])
    return status, Msg.join([r[1] for r in chosen]), evidence, None, first.day


def _revisions(ctx: _Ctx, wf: WorkflowSpec) -> list[tuple[str, Msg, list[Event]]]:
    """Adjustment: an evaluation that says «revise» must be followed by a revised plan."""
    f = ctx.facts
    end = ctx.end
    out: list[tuple[str, Msg, list[Event]]] = []
    pspec = ctx.deadline(wf, "written_plan", "normal")
    for ev in f.evaluations:
        if ev.fields.get("outcome") != "revise":
            continue
        revised = _first_after(f.plans, ev.index + 1)
        if revised is None:
            if end is not None and end.type == "closed":
                out.append((BREACHED, _m("eval_no_revision", day=ev.day), [ev]))
                continue
            g = grade(ev, None, pspec, ctx.as_of, ctx.cal)
            if g != PENDING:
                out.append((BREACHED if g == FAR_OVERDUE else WARNING, _m("eval_no_revision", day=ev.day), [ev]))
            continue
        g = grade(ev, revised, pspec, ctx.as_of, ctx.cal)
        if g != ON_TIME:
            status = BREACHED if g == TOO_LATE else WARNING
            out.append((status, _m("eval_revision_late", day=ev.day, plan=revised.day), [ev, revised]))
    return out


# --- document ------------------------------------------------------------------------------------


def _document(ctx: _Ctx) -> Judgement:
    f = ctx.facts
    events = ctx.events
    gaps: list[Msg] = []
    severe = False
    concern = ctx.concern
    if concern is not None and not (concern.text or "").strip():
        gaps.append(_FIXED["gap_concern_text"])
    for c in f.conclusions:
        if c.fields.get("conclusion") == "not_safe" and not (c.fields.get("problem") or c.text or "").strip() and not f.plans:
            gaps.append(_FIXED["gap_problem"])
            break
    if f.conclusions and not _heard_or_observed_before(f.investigative, f.conclusions[0].index):
        gaps.append(_FIXED["gap_investigation"])
        severe = True
    closing = f.closings[-1] if f.closings else None
    if closing is not None and closing.fields.get("child_view") is None and not (closing.text or "").strip():
        gaps.append(_FIXED["gap_closing"])
    if closing is not None and f.plans and not f.done and not any(e.index > f.plans[0].index for e in f.evaluations):
        gaps.append(_FIXED["gap_measures"])
        severe = True
    if f.offender in ("staff", "leadership"):
        for e in (f.reports[:1] + f.owner_reports[:1]):
            if not e.timed:
                gaps.append(_m("gap_time", what=e.type))
    law_day = events[0].day
    n = len(events)
    evidence = _EVERY.get(n)
    if evidence is None:
        evidence = _EVERY[n] = tuple(range(n))
    if gaps:
        return (BREACHED if severe else WARNING), _m("doc_gaps", gaps=Msg.join(gaps, "; ")), evidence, None, law_day
    return FULFILLED, _m("doc_ok", n=len(events)), evidence, None, law_day


#: ``tuple(range(n))`` per n: every event of a case as evidence (tuples are immutable).
_EVERY: Final[dict[int, tuple[int, ...]]] = {}


def _heard_or_observed_before(investigative: Sequence[Event], before: int) -> bool:
    """Whether any conversation or observation is documented before the event at ``before``."""
    for e in investigative:
        if e.index >= before:
            return False
        if e.type != "investigation_concluded" and e.type != "investigation_started":
            return True
    return False


def audit_cases(auditor: Auditor, cases: Iterable[CaseFile], as_of: date) -> Iterable[CaseAudit]:
    """Audit cases one at a time, as they come (constant memory for a stream)."""
    for case in cases:
        yield auditor.audit(case, as_of)


__all__ = [
    "BREACHED", "DUTIES", "FULFILLED", "NOT_APPLICABLE", "NOT_ASSESSABLE", "STATUSES", "WARNING",
    "Auditor", "CaseAudit", "Finding", "audit_cases",
]
