#!/usr/bin/env python3
"""Synthetic case files (``actionloop-case/1``) for the benchmark.

``generate(n, seed)`` yields ``n`` case-file dicts, each a plausible timeline of about 30 events
(10–60) about one invented child: a realistic mix of settings (school 60 %, SFO 10 %,
kindergarten 30 %), law versions (school events 2019–2026, so opplæringslova 1998 chapter 9 A and
2023 chapter 12 both apply and some cases span 2024-08-01; kindergarten events 2021–2026),
languages, offenders and outcomes (handled well, late report, late investigation, generic problem
description, vague measures, a plan without «who», missed evaluations, closing while the child
is not safe, revisions, still open, the child left, the Statsforvaltaren path).

Every case is valid: events in time order, every ``by``/``to`` in ``people``, ``measure_done``
naming a measure of an earlier plan, ``sf_order_done`` an order of an earlier decision. Only
invented people: names are drawn from the short lists below.

Case ``i`` of a seed depends only on ``(seed, i)``: ``generate(10, 1)`` is the first ten cases of
``generate(100_000, 1)``.

    python bench/generate.py --cases 100000 --seed 1 --out bench/data/cases.jsonl
"""

from __future__ import annotations

import argparse
import bisect
import heapq
import json
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from actionloop.core.calendar import calendar_for
from actionloop.core.clock import OSLO

#: The first day of opplæringslova 2023 chapter 12.
NEW_LAW = date(2024, 8, 1)
#: No generated event is later than this day.
END = date(2026, 11, 20)
MIN_EVENTS, MAX_EVENTS = 10, 60
#: The audit date the benchmark uses (a few days after the last possible event).
AS_OF = date(2026, 11, 23)

FIRST_NAMES = (
    "Emma", "Nora", "Olivia", "Ella", "Sofie", "Leah", "Frida", "Ingrid", "Maja", "Sara", "Astrid",
    "Hedda", "Amina", "Zainab", "Tiril", "Jakob", "Emil", "Noah", "Oliver", "Filip", "William",
    "Lucas", "Henrik", "Aksel", "Magnus", "Tobias", "Mathias", "Jonas", "Sander", "Elias", "Isak",
    "Omar", "Yusuf", "Ola", "Kari", "Lise", "Jon", "Per", "Anne", "Marit", "Siri", "Tone", "Geir",
    "Knut", "Trond", "Hilde", "Randi", "Bjørn", "Eirik", "Solveig", "Ragnhild", "Arne", "Gunnar",
)
LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Dahl",
    "Halvorsen", "Henriksen", "Lund", "Sørensen", "Moen", "Bakke", "Vik", "Li", "Strand",
    "Solberg", "Aas", "Hassan", "Nguyen", "Ali", "Myhre", "Brekke", "Lie", "Tveit",
)
PLACES = (
    "Nordli", "Bakken", "Solberg", "Haugen", "Lia", "Åsen", "Vika", "Moen", "Berg", "Dalen",
    "Strand", "Heia", "Furulund", "Granly", "Bjørkly", "Sletta", "Tjern", "Fjellstad",
    "Elvebakken", "Skogly", "Sandvika", "Kvernhus", "Løvås", "Rosenborg",
)
MUNICIPALITIES = (
    "Eksempel kommune", "Fjordvik kommune", "Nordvik kommune", "Dalby kommune", "Sjøberg kommune",
    "Heimdal kommune",
)

# --- texts -------------------------------------------------------------------------------------
# ``{n}`` is the child's first name. Per language: nb, nn, en.

_T: dict[str, dict[str, tuple[str, ...]]] = {
    # concerns, by who is suspected and how the unit learned of it
    "concern_observed": {
        "nb": (
            "Så at {n} ble dyttet og holdt fast ved sykkelstativet.",
            "Så at to andre tok lua til {n} og kastet den opp på taket av boden.",
            "Hørte at flere kalte {n} stygge ord i garderoben.",
            "Så at {n} ble stengt ute fra leken og fikk beskjed om å gå vekk.",
        ),
        "nn": (
            "Såg at {n} vart dytta og halden fast ved sykkelstativet.",
            "Såg at to andre tok lua til {n} og kasta henne opp på taket av boden.",
            "Høyrde at fleire kalla {n} stygge ord i garderoben.",
        ),
        "en": (
            "Saw {n} being pushed and held against the bike rack.",
            "Saw two others take {n}'s hat and throw it onto the shed roof.",
            "Heard several of them call {n} names in the cloakroom.",
        ),
    },
    "concern_said": {
        "nb": (
            "{n} forteller at noen kaller {n} stygge ting når de er ute.",
            "{n} sier at ingen vil være sammen med {n} og at {n} gruer seg hver morgen.",
            "En av de andre forteller at {n} blir ertet for klærne sine i garderoben.",
            "{n} forteller at noen sender stygge meldinger om kvelden.",
        ),
        "nn": (
            "{n} fortel at nokon kallar {n} stygge ting når dei er ute.",
            "{n} seier at ingen vil vere saman med {n} og at {n} gruar seg kvar morgon.",
            "Ein av dei andre fortel at {n} blir erta for kleda sine i garderoben.",
        ),
        "en": (
            "{n} says some of the others call {n} names when they are outside.",
            "{n} says nobody wants to be with {n} and that mornings are dreaded.",
            "One of the others says {n} is teased about clothes in the cloakroom.",
        ),
    },
    "concern_guardian": {
        "nb": (
            "Foreldrene til {n} ringte og fortalte om krenkende meldinger på Snapchat.",
            "Mor forteller at {n} ikke vil gå hit om morgenen og gråter ved leggetid.",
            "Far sier at {n} har kommet hjem med blåmerker to ganger denne uka.",
        ),
        "nn": (
            "Foreldra til {n} ringde og fortalde om krenkjande meldingar på Snapchat.",
            "Mor fortel at {n} ikkje vil gå hit om morgonen og græt ved leggjetid.",
        ),
        "en": (
            "{n}'s parents phoned about hurtful messages on Snapchat.",
            "The mother says {n} will not come here in the morning and cries at bedtime.",
        ),
    },
    "concern_staff": {
        "nb": (
            "Så at en kollega dro {n} hardt i armen og snakket nedsettende til {n} i garderoben.",
            "{n} forteller at en voksen roper til {n} og kaller {n} dum foran de andre.",
            "Foreldrene sier at {n} er redd for en av de ansatte og ikke vil komme hit.",
            "En vikar holdt {n} fast på en stol i flere minutter under samlingsstunden.",
        ),
        "nn": (
            "Såg at ein kollega drog {n} hardt i armen og snakka nedsetjande til {n} i garderoben.",
            "{n} fortel at ein vaksen ropar til {n} og kallar {n} dum framfor dei andre.",
            "Foreldra seier at {n} er redd for ein av dei tilsette og ikkje vil kome hit.",
        ),
        "en": (
            "Saw a colleague pull {n} hard by the arm and speak to {n} demeaningly in the cloakroom.",
            "{n} says an adult shouts at {n} and calls {n} stupid in front of the others.",
            "The parents say {n} is afraid of a staff member and does not want to come.",
        ),
    },
    "concern_other": {
        "nb": (
            "Trivselsundersøkelsen viser at {n} ikke har noen å være sammen med.",
            "{n} har vært mye borte og sier at magen verker hver morgen.",
            "Helsesykepleier forteller at {n} har sagt at {n} gruer seg til å komme hit.",
        ),
        "nn": (
            "Trivselsundersøkinga viser at {n} ikkje har nokon å vere saman med.",
            "{n} har vore mykje borte og seier at magen verkjer kvar morgon.",
        ),
        "en": (
            "The wellbeing survey shows that {n} has nobody to spend time with.",
            "{n} has been absent a lot and says their stomach hurts every morning.",
        ),
    },
    "intervention": {
        "nb": ("Gikk imellom og tok {n} med inn.", "Stoppet det med en gang og snakket med dem.",
               "Tok over og fulgte {n} til et trygt sted."),
        "nn": ("Gjekk imellom og tok {n} med inn.", "Stoppa det med ein gong og snakka med dei."),
        "en": ("Stepped in and took {n} inside.", "Stopped it at once and spoke to them."),
    },
    "problem_specific": {
        "nb": (
            "{n} blir holdt utenfor leken ute av en gruppe og får krenkende meldinger om kvelden. Det som "
            "holder dette ved like, er at ingen voksne er ute der leken foregår, og at gruppa ikke har fått "
            "tydelig beskjed.",
            "{n} blir dyttet og lugget i garderoben og gruer seg til å komme hit. Det skjer når ingen voksne "
            "er til stede i garderoben.",
            "{n} blir kalt stygge ord om utseendet sitt og sitter alene ved måltidene. Faste plasser uten "
            "voksenstyring og en hard tone i gruppa holder det ved like.",
        ),
        "nn": (
            "{n} blir halden utanfor leiken ute av ei gruppe og får krenkjande meldingar om kvelden. Det som "
            "held dette ved like, er at ingen vaksne er ute der leiken går føre seg.",
            "{n} blir dytta og lugga i garderoben og gruar seg til å kome hit. Det skjer når ingen vaksne er "
            "til stades i garderoben.",
        ),
        "en": (
            "{n} is left out of games outside by a group and receives hurtful messages in the evening. What "
            "keeps it going is that no adult is outside where the games happen.",
            "{n} is pushed and has their hair pulled in the cloakroom and dreads coming. It happens when no "
            "adult is present in the cloakroom.",
        ),
    },
    "problem_generic": {
        "nb": ("Eleven har ikke et trygt og godt skolemiljø.", "Mobbing.", "Utfordringer i klassemiljøet.",
               "Barnet har det ikke trygt og godt i barnehagen."),
        "nn": ("Eleven har ikkje eit trygt og godt skulemiljø.", "Mobbing.", "Utfordringar i klassemiljøet."),
        "en": ("The pupil does not have a safe and good school environment.", "Bullying.",
               "Problems in the class environment."),
    },
    "measure_concrete": {
        "nb": (
            "Voksen ute ved sykkelstativet og sandkassa i all utetid.",
            "Samtaler med barna det gjelder og foreldrene deres.",
            "Faste lekegrupper satt sammen av pedagogisk leder eller kontaktlærer.",
            "Voksen i garderoben ved påkledning og før og etter gym.",
            "Ukentlig samtale mellom {n} og kontaktperson fredag morgen.",
            "Gruppa lager egne regler for hvordan vi snakker til hverandre, sammen med en voksen.",
            "Faste plasser ved måltidene med en voksen ved bordet.",
        ),
        "nn": (
            "Vaksen ute ved sykkelstativet og sandkassa i all utetid.",
            "Samtalar med borna det gjeld og foreldra deira.",
            "Faste leikegrupper sette saman av pedagogisk leiar eller kontaktlærar.",
            "Vaksen i garderoben ved påkledning og før og etter gym.",
            "Vekentleg samtale mellom {n} og kontaktperson fredag morgon.",
        ),
        "en": (
            "An adult at the bike rack and the sandpit during all outdoor time.",
            "Talks with the children involved and their parents.",
            "Fixed play groups set up by the lead teacher or form teacher.",
            "An adult in the cloakroom when dressing and before and after PE.",
            "Weekly talk between {n} and a contact person on Friday mornings.",
        ),
    },
    "measure_vague": {
        "nb": ("Følge med.", "Ha fokus på miljøet.", "Tett oppfølging.", "Jobbe med klassemiljøet."),
        "nn": ("Følgje med.", "Ha fokus på miljøet.", "Tett oppfølging."),
        "en": ("Monitor the situation.", "Follow up closely.", "Work on the environment."),
    },
    "child_views": {
        "nb": ("{n} ønsker at de voksne passer på der det skjer.", "{n} vil ikke bytte gruppe, men vil ha en voksen ute."),
        "nn": ("{n} ønskjer at dei vaksne passar på der det skjer.",),
        "en": ("{n} wants the adults to watch where it happens.",),
    },
    "best_interests": {
        "nb": ("Tiltakene skal stanse krenkelsene og gi {n} en trygg plass i fellesskapet.",),
        "nn": ("Tiltaka skal stanse krenkingane og gi {n} ein trygg plass i fellesskapet.",),
        "en": ("The measures are to stop the violations and give {n} a safe place in the group.",),
    },
    "child_heard": {
        "nb": ("{n} forteller om det som har skjedd og hvordan {n} har det.", "Samtale med {n} alene.",
               "{n} forteller med tegning hvor {n} er redd."),
        "nn": ("{n} fortel om det som har skjedd og korleis {n} har det.", "Samtale med {n} åleine."),
        "en": ("{n} told what happened and how {n} feels.", "Talk with {n} alone."),
    },
    "heard_guardian": {
        "nb": ("Samtale med foreldrene.", "Møte med mor og far."),
        "nn": ("Samtale med foreldra.", "Møte med mor og far."),
        "en": ("Talk with the parents.", "Meeting with both parents."),
    },
    "heard_other_child": {
        "nb": ("Samtale med tre av de andre i gruppa.", "Samtaler med de som var til stede."),
        "nn": ("Samtale med tre av dei andre i gruppa.",),
        "en": ("Talk with three of the others in the group.",),
    },
    "heard_staff": {
        "nb": ("Samtale med den ansatte.", "Samtale med de voksne som var på vakt."),
        "nn": ("Samtale med den tilsette.", "Samtale med dei vaksne som hadde vakt."),
        "en": ("Talk with the staff member.", "Talk with the adults on duty."),
    },
    "heard_other": {
        "nb": ("Samtale med helsesykepleier.", "Samtale med PP-tjenesten."),
        "nn": ("Samtale med helsesjukepleiar.", "Samtale med PP-tenesta."),
        "en": ("Talk with the school nurse.", "Talk with the educational psychology service."),
    },
    "observation": {
        "nb": ("Observasjon i utetida: {n} står alene ved gjerdet.", "Observasjon i garderoben ved påkledning.",
               "Observasjon ved lunsjen: {n} sitter sammen med to andre."),
        "nn": ("Observasjon i utetida: {n} står åleine ved gjerdet.", "Observasjon i garderoben ved påkledning."),
        "en": ("Observation outside: {n} stands alone by the fence.", "Observation in the cloakroom while dressing."),
    },
    "note": {
        "nb": ("Kort prat med {n}; {n} sier det går greit.", "Telefon med foreldrene.", "Drøftet saken i teamet."),
        "nn": ("Kort prat med {n}; {n} seier det går greitt.", "Telefon med foreldra.", "Drøfta saka i teamet."),
        "en": ("Short chat with {n}, who says it is going fine.", "Phone call with the parents.",
               "Discussed the case in the team."),
    },
    "evaluation": {
        "nb": ("{n} sier det er bedre ute, men meldingene fortsetter.", "{n} sier det går fint nå.",
               "Evaluert med {n} og foreldrene."),
        "nn": ("{n} seier det er betre ute, men meldingane held fram.", "{n} seier det går fint no."),
        "en": ("{n} says outdoor time is better, but the messages go on.", "{n} says it is going well now."),
    },
    "closed": {
        "nb": ("{n} opplever miljøet som trygt og godt. Kontaktpersonen følger med videre.",),
        "nn": ("{n} opplever miljøet som trygt og godt. Kontaktpersonen følgjer med vidare.",),
        "en": ("{n} experiences the environment as safe and good. The contact person keeps watching.",),
    },
    "order": {
        "nb": ("Skolen skal lage en ny aktivitetsplan med konkrete tiltak.",
               "Skolen skal evaluere tiltakene sammen med eleven.",
               "Skolen skal undersøke saken på nytt og høre eleven."),
        "nn": ("Skulen skal lage ein ny aktivitetsplan med konkrete tiltak.",
               "Skulen skal evaluere tiltaka saman med eleven."),
        "en": ("The school must make a new activity plan with concrete measures.",
               "The school must evaluate the measures together with the pupil."),
    },
}
_TARGETS = ("child", "offender", "group", "class", "staff", "home", "other")

_OUTCOMES: tuple[tuple[str, int], ...] = (
    ("well", 30), ("late_report", 9), ("late_investigation", 8), ("generic_problem", 7),
    ("vague_measures", 6), ("missing_who", 5), ("missed_evaluations", 8), ("close_unsafe", 4),
    ("revisions", 10), ("still_open", 8), ("child_left", 3), ("safe_conclusion", 2),
)
_OUTCOME_NAMES = tuple(o for o, _ in _OUTCOMES)
_OUTCOME_WEIGHTS = tuple(w for _, w in _OUTCOMES)


class WorkDays:
    """Working days (no weekends, no Norwegian public holidays) 2018–2027, from the engine's calendar,
    with O(log n) arithmetic (the calendar's own ``add_working_days`` walks day by day)."""

    FIRST = date(2018, 1, 1)
    LAST = date(2027, 12, 31)

    def __init__(self) -> None:
        cal = calendar_for()
        first, last = self.FIRST.toordinal(), self.LAST.toordinal()
        self.days = [o for o in range(first, last + 1) if cal.is_working_day(date.fromordinal(o))]

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (``day`` itself when ``n`` is 0)."""
        if n == 0:
            return day
        i = bisect.bisect_right(self.days, day.toordinal()) - 1
        return date.fromordinal(self.days[i + n])

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        return bisect.bisect_right(self.days, end.toordinal()) - bisect.bisect_right(self.days, start.toordinal())


@dataclass(slots=True)
class _Draft:
    at: datetime  # local (Europe/Oslo) wall time, naive
    timed: bool
    data: dict[str, Any]


_OFFSETS: dict[date, str] = {}


def _offset(day: date) -> str:
    off = _OFFSETS.get(day)
    if off is None:
        delta = datetime(day.year, day.month, day.day, 12, tzinfo=OSLO).utcoffset()
        assert delta is not None
        minutes = int(delta.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        off = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        _OFFSETS[day] = off
    return off


def _stamp(d: _Draft) -> str:
    day = d.at.date()
    if not d.timed:
        return day.isoformat()
    return f"{day.isoformat()}T{d.at.hour:02d}:{d.at.minute:02d}:00{_offset(day)}"


class _Track:
    """One sequence of events with its own clock (the case itself, or the Statsforvaltaren path)."""

    def __init__(self, cal: WorkDays, rng: random.Random, start: datetime) -> None:
        self.cal = cal
        self.rng = rng
        self.now = start
        self.drafts: list[_Draft] = []

    # clock
    def minutes(self, lo: int = 5, hi: int = 120) -> datetime:
        self.now += timedelta(minutes=self.rng.randint(lo, hi))
        return self.now

    def workdays(self, n: int, lo: int = 8 * 60, hi: int = 15 * 60 + 30) -> datetime:
        """``n`` working days later (0: later the same day), at a time of day between lo and hi."""
        if n <= 0:
            return self.minutes()
        day = self.cal.add_working_days(self.now.date(), n)
        return self._at_day(day, lo, hi)

    def on_day(self, day: date, lo: int = 8 * 60, hi: int = 15 * 60 + 30) -> datetime:
        """On ``day`` (or a little later now, if ``day`` has passed)."""
        if day <= self.now.date():
            return self.minutes()
        return self._at_day(day, lo, hi)

    def _at_day(self, day: date, lo: int, hi: int) -> datetime:
        m = self.rng.randint(lo, hi)
        at = datetime(day.year, day.month, day.day, m // 60, m % 60)
        self.now = at if at > self.now else self.now + timedelta(minutes=5)
        return self.now

    # events
    def add(self, type_: str, by: str | None, text: str | None = None, timed: bool | None = None,
            **fields: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"at": "", "type": type_}
        if by is not None:
            data["by"] = by
        if text is not None:
            data["text"] = text
        data.update(fields)
        if timed is None:
            timed = self.rng.random() > 0.04
        self.drafts.append(_Draft(self.now, timed, data))
        return data


class _Story:
    """The events of one case, told by its outcome."""

    def __init__(self, index: int, seed: int, cal: WorkDays) -> None:
        rng = self.rng = random.Random(f"actionloop-synth:{seed}:{index}")
        self.index = index
        self.setting = rng.choices(("school", "sfo", "kindergarten"), (60, 10, 30))[0]
        self.kinder = self.setting == "kindergarten"
        self.lang = rng.choices(("nb", "nn", "en"), (62, 28, 10))[0]
        self.outcome = rng.choices(_OUTCOME_NAMES, _OUTCOME_WEIGHTS)[0]
        self.sf = not self.kinder and rng.random() < (0.04 if self.outcome == "well" else 0.10)
        self.target = max(10, min(60, round(rng.gauss(31.5, 9))))
        self.child_name = rng.choice(FIRST_NAMES)
        self.offender = rng.choices(("child", "staff", "leadership", "unknown", "none"), (85, 8, 3, 3, 1))[0]
        self.start = self._start_day(cal)
        place = rng.choice(PLACES)
        self.place = place
        self.cal = cal
        self.main = _Track(cal, rng, datetime(self.start.year, self.start.month, self.start.day, 8, 0))
        self.people: list[dict[str, Any]] = []
        self._cast()
        self.measure_seq = 0
        self.plan_version = 0
        self.measures_open: list[dict[str, Any]] = []
        self.main_target = self.target
        self.reporter = "t1"
        self.boss = "r1"  # who investigates and plans (the owner where the leadership is suspected)
        self.problem = ""
        self.left_after = 10**9  # the child leaves once the case has this many events
        self.sf_orders, self.sf_fine, self.sf_outcome = 0, False, "not_fulfilled"

    # --- set-up ---------------------------------------------------------------------------------

    def _start_day(self, cal: WorkDays) -> date:
        rng = self.rng
        if self.outcome == "still_open":
            first, last = END - timedelta(days=200), END - timedelta(days=60)
        elif not self.kinder and rng.random() < 0.06:
            first, last = date(2024, 5, 2), date(2024, 7, 20)  # spans the new law
        elif self.kinder:
            first, last = date(2021, 1, 4), END - timedelta(days=230)
        else:
            first, last = date(2019, 1, 2), END - timedelta(days=230)
        day = first + timedelta(days=rng.randrange((last - first).days + 1))
        return cal.add_working_days(day - timedelta(days=1), 1)

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _cast(self) -> None:
        rng = self.rng
        last = rng.choice(LAST_NAMES)
        add = self.people.append
        add({"id": "t1", "role": "teacher", "name": self._name()})
        if rng.random() < 0.6:
            add({"id": "t2", "role": "teacher", "name": self._name()})
        add({"id": "s1", "role": "staff", "name": self._name()})
        add({"id": "r1", "role": "principal", "name": self._name()})
        if self.offender == "leadership" or rng.random() < 0.3:
            add({"id": "l1", "role": "leadership", "name": self._name()})
        add({"id": "e1", "role": "owner", "name": self._name()})
        add({"id": "g1", "role": "guardian", "name": f"{rng.choice(FIRST_NAMES)} {last}"})
        if rng.random() < 0.5:
            add({"id": "g2", "role": "guardian", "name": f"{rng.choice(FIRST_NAMES)} {last}"})
        add({"id": "c1", "role": "child", "name": f"{self.child_name} {last}"})
        if rng.random() < 0.15:
            add({"id": "h1", "role": "health", "name": self._name()})
        if self.sf:
            add({"id": "sf1", "role": "other", "name": "Statsforvaltaren"})
        self.ids = {p["id"] for p in self.people}

    def flaw(self, p: float) -> bool:
        """A small slip with probability ``p`` (a fifth of that in the cases handled well)."""
        return self.rng.random() < (p * 0.2 if self.outcome == "well" else p)

    def t(self, key: str) -> str:
        return self.rng.choice(_T[key][self.lang]).replace("{n}", self.child_name)

    def staff_member(self) -> str:
        return self.rng.choice(("t1", "t2", "s1") if "t2" in self.ids else ("t1", "s1"))

    def law_2023(self, day: date) -> bool:
        return not self.kinder and day >= NEW_LAW

    def case_head(self) -> dict[str, Any]:
        rng = self.rng
        year = self.start.year
        if self.kinder:
            unit_name = f"{self.place} barnehage"
            owner = rng.choice((*MUNICIPALITIES, f"{self.place} barnehage AS", f"Stiftelsen {self.place} barnehage"))
            child: dict[str, Any] = {"id": "c1", "name": self.people_name("c1")}
            born = self.start - timedelta(days=rng.randint(365, 5 * 365))
            child["birth_date"] = born.isoformat()
        else:
            grade = rng.randint(1, 13) if self.setting == "school" else rng.randint(1, 4)
            base = f"{self.place} {'skule' if self.lang == 'nn' else 'skole'}"
            unit_name = base + (" SFO" if self.setting == "sfo" else "")
            owner = "Eksempel fylkeskommune" if grade > 10 else rng.choice(MUNICIPALITIES)
            child = {"id": "c1", "name": self.people_name("c1"), "grade": grade}
        if rng.random() < 0.1:
            del child["name"]  # pseudonymous file
        head: dict[str, Any] = {
            "id": f"{self.place.lower()}-{year}-{self.index:07d}",
            "setting": self.setting,
            "unit": {"id": f"u-{self.place.lower()}", "name": unit_name, "owner": owner},
            "child": child,
        }
        if rng.random() < 0.97:
            head["language"] = self.lang
        return head

    def people_name(self, pid: str) -> str:
        return next(str(p["name"]) for p in self.people if p["id"] == pid)

    # --- the story ------------------------------------------------------------------------------

    def tell(self) -> list[_Draft]:
        m = self.main
        sf_events = self._sf_count()
        self.main_target = self.target - sf_events
        self._concern_and_reports()
        conclusion = self._investigate()
        if self.outcome == "child_left" and self.rng.random() < 0.4:
            m.workdays(self.rng.randint(1, 10))
            self._child_left()
        elif conclusion == "safe":
            self._close_safe()
        else:
            self._measures_phase()
        drafts = m.drafts
        if self.sf:
            drafts = self._merge(drafts, self._sf_track(drafts))
        return self._fit([d for d in drafts if d.at.date() <= END])

    def _fit(self, drafts: list[_Draft]) -> list[_Draft]:
        """Between MIN_EVENTS and MAX_EVENTS events: drop notes and observations (nothing refers to
        them), then the tail; or add notes written at the same time as the event before them."""
        rng = self.rng
        while len(drafts) > MAX_EVENTS:
            loose = [i for i, d in enumerate(drafts) if d.data["type"] in ("note", "observation")]
            if not loose:
                del drafts[MAX_EVENTS:]
                break
            del drafts[rng.choice(loose)]
        while len(drafts) < MIN_EVENTS:
            i = rng.randrange(len(drafts))
            before = drafts[i]
            note = {"at": "", "type": "note", "by": self.staff_member(), "text": self.t("note")}
            drafts.insert(i + 1, _Draft(before.at, before.timed, note))
        return drafts

    def _concern_and_reports(self) -> None:
        rng, m, off = self.rng, self.main, self.offender
        by = "r1" if rng.random() < 0.07 else self.staff_member()
        self.reporter = by
        if off in ("staff", "leadership"):
            source = rng.choices(("observed", "child_said", "guardian_said", "staff_said"), (40, 30, 20, 10))[0]
            text = self.t("concern_staff")
            serious: bool | None = rng.random() < 0.6
        elif off in ("unknown", "none"):
            source = rng.choice(("survey", "other", "child_said", "guardian_said"))
            text = self.t("concern_other")
            serious = None
        else:
            source = rng.choices(
                ("child_said", "observed", "guardian_said", "other_child_said", "survey", "other"),
                (35, 27, 22, 8, 5, 3),
            )[0]
            text = self.t({"observed": "concern_observed", "child_said": "concern_said",
                           "other_child_said": "concern_said", "guardian_said": "concern_guardian"}.get(source, "concern_other"))
            serious = True if rng.random() < 0.06 else (False if rng.random() < 0.1 else None)
        if source == "guardian_said" and rng.random() < 0.5:
            m.on_day(m.now.date(), 16 * 60 + 30, 20 * 60)
        else:
            m.on_day(m.now.date())
        fields: dict[str, Any] = {"source": source, "offender": off}
        if serious is not None:
            fields["serious"] = serious
        m.add("concern", by, None if self.flaw(0.05) else text, **fields)
        # gripe inn
        if source == "observed" and off != "none":
            if not self.flaw(0.15):
                m.minutes(1, 10)
                m.add("intervention", by, self.t("intervention") if rng.random() < 0.7 else None)
            elif rng.random() < 0.6:
                m.workdays(rng.randint(1, 3))
                m.add("intervention", by)
        principal_knows = by == "r1"
        # melde frå til rektor / styrar
        if off == "leadership":
            m.minutes(10, 90)
            m.add("report_to_owner", by, timed=True, **({"to": "e1"} if rng.random() < 0.8 else {}))
            principal_knows = True
        elif not principal_knows:
            if self.outcome == "late_report":
                m.workdays(rng.randint(1, 3) if off == "staff" else rng.randint(4, 20))
            elif off == "staff":
                m.minutes(10, 180)
            elif not self.flaw(0.4):
                m.minutes(10, 300)
            else:
                m.workdays(rng.randint(1, 2))
            to = "l1" if "l1" in self.ids and rng.random() < 0.15 else "r1"
            m.add("report_to_principal", by, timed=True if off == "staff" else None, to=to)
        # melde frå til eigar (serious, or staff suspected)
        if off == "staff" or (serious and off != "leadership"):
            if not self.flaw(0.25):
                m.minutes(15, 240)
                m.add("report_to_owner", "r1", timed=True, **({"to": "e1"} if rng.random() < 0.8 else {}))
            elif rng.random() < 0.7:
                m.workdays(rng.randint(2, 8))
                m.add("report_to_owner", "r1", to="e1")

    def _investigate(self) -> str:
        rng, m = self.rng, self.main
        boss = "e1" if self.offender == "leadership" else "r1"
        self.boss = boss
        if self.outcome == "late_investigation":
            m.workdays(rng.randint(6, 20))
        elif self.offender in ("staff", "leadership"):
            m.minutes(30, 200)
        elif self.flaw(0.5):
            m.workdays(rng.choice((1, 1, 2)))
        else:
            m.minutes(20, 200)
        m.add("investigation_started", boss)
        safe = self.outcome == "safe_conclusion" or (self.outcome == "well" and rng.random() < 0.1)
        heard_late = self.flaw(0.05)
        heard_never = not heard_late and self.flaw(0.04)
        if not heard_late and not heard_never:
            m.workdays(rng.choice((0, 1)))
            view = "safe" if safe else rng.choices(("not_safe", "unclear"), (80, 20))[0]
            m.add("child_heard", rng.choice((boss, "t1")), self.t("child_heard") if rng.random() < 0.7 else None,
                  child_view=view)
        extra = rng.randint(1, 3) + (2 if self.main_target > 40 else 0)
        for _ in range(extra):
            m.workdays(rng.choice((0, 0, 1)))
            kind = rng.choice(("heard", "heard", "observation", "note"))
            if kind == "heard":
                whom = "staff" if self.offender == "staff" and rng.random() < 0.5 else rng.choice(
                    ("guardian", "other_child", "other"))
                m.add("heard", rng.choice((boss, "t1")), self.t(f"heard_{whom}") if rng.random() < 0.6 else None,
                      whom=whom)
            elif kind == "observation":
                m.add("observation", self.staff_member(), self.t("observation"))
            else:
                m.add("note", rng.choice((boss, "t1")), self.t("note"))
        if self.offender == "leadership" or (self.offender != "none" and rng.random() < 0.05):
            m.workdays(rng.randint(0, 2))
            m.add("serious", boss, serious=True)
            if self.offender != "leadership" and rng.random() < 0.8:
                m.minutes(20, 200)
                m.add("report_to_owner", "r1", timed=True, to="e1")
        m.workdays(rng.randint(1, 3) if self.flaw(0.5) else rng.choice((0, 1)))
        conclusion = "safe" if safe else "not_safe"
        fields: dict[str, Any] = {"conclusion": conclusion}
        if conclusion == "not_safe":
            self.problem = self._problem_text()
            if self.problem or rng.random() < 0.5:
                fields["problem"] = self.problem
        m.add("investigation_concluded", boss, **fields)
        if heard_late:
            m.workdays(rng.randint(1, 3))
            m.add("child_heard", "t1", child_view="not_safe" if not safe else "safe")
        return conclusion

    def _problem_text(self) -> str:
        if self.outcome == "generic_problem":
            return "" if self.rng.random() < 0.2 else self.t("problem_generic")
        return self.t("problem_specific")

    def _close_safe(self) -> None:
        rng, m = self.rng, self.main
        while len(m.drafts) < self.main_target - 1:
            m.workdays(rng.randint(1, 5))
            m.add(rng.choice(("note", "observation")), self.staff_member(), self.t("note"))
        m.workdays(rng.randint(0, 3))
        m.add("closed", self.boss, self.t("closed") if rng.random() < 0.7 else None, child_view="safe")

    def _child_left(self) -> None:
        self.main.add("child_left", "r1" if self.rng.random() < 0.5 else None, timed=False)

    # --- plans, measures and evaluations -------------------------------------------------------

    def _plan(self) -> list[date]:
        rng, m = self.rng, self.main
        self.plan_version += 1
        v = self.plan_version
        day = m.now.date()
        dates: list[date] = []
        d = day
        for _ in range(rng.choice((2, 3, 3, 4, 4))):
            d = self.cal.add_working_days(d, rng.randint(8, 15))
            dates.append(d)
        keep = [dict(x) for x in self.measures_open[: rng.randint(0, 2)]] if v > 1 else []
        measures: list[dict[str, Any]] = keep
        vague = self.outcome == "vague_measures" and v == 1
        no_who = self.outcome == "missing_who" and v == 1
        first = self.cal.add_working_days(day, 1)
        for _ in range(rng.randint(2, 4) - len(keep) // 2):
            self.measure_seq += 1
            mid = f"m{self.measure_seq}"
            text = self.t("measure_vague") if vague and rng.random() < 0.7 else self.t("measure_concrete")
            measure: dict[str, Any] = {"id": mid, "text": text}
            r = rng.random()
            if r < 0.6:
                measure["when"] = f"{first.isoformat()}/{dates[-1].isoformat()}"
            elif r < 0.85:
                measure["when"] = first.isoformat()
            elif no_who or not self.flaw(0.1):
                measure["when"] = {"nb": "hver dag i friminuttene", "nn": "kvar dag i friminutta",
                                   "en": "every day at break"}[self.lang]
            if not no_who:
                who = rng.choice(("t1", "r1", "s1")) if rng.random() < 0.85 else {
                    "nb": "kontaktlærer", "nn": "kontaktlærar", "en": "form teacher"}[self.lang]
                field = "performer" if self.law_2023(day) else "responsible"
                measure[field] = who
                if rng.random() < 0.4:
                    measure["responsible" if field == "performer" else "performer"] = "r1"
            if rng.random() < 0.9:
                measure["target"] = rng.choice(_TARGETS)
            measures.append(measure)
        evaluations = [x.isoformat() for x in dates]
        if self.outcome == "missing_who" and rng.random() < 0.3:
            evaluations = []
        plan: dict[str, Any] = {}
        if rng.random() < 0.9:
            plan["version"] = v
        plan["problem"] = self.problem if v == 1 or self.outcome == "generic_problem" else self.t("problem_specific")
        plan["measures"] = measures
        plan["evaluations"] = evaluations
        if not self.flaw(0.15):
            plan["child_views"] = self.t("child_views")
        if not self.flaw(0.15):
            plan["best_interests"] = self.t("best_interests")
        m.add("plan", self.boss, plan=plan)
        self.measures_open = [dict(x) for x in measures]
        return dates if evaluations else [dates[-1]]

    def _measure_done(self) -> None:
        if not self.measures_open:
            return
        measure = self.measures_open.pop(self.rng.randrange(len(self.measures_open)))
        who = measure.get("performer") or measure.get("responsible")
        by = who if isinstance(who, str) and who in self.ids else "r1"
        self.main.add("measure_done", by, measure=measure["id"])

    def _measures_phase(self) -> None:
        rng, m = self.rng, self.main
        if self.outcome == "child_left":
            self.left_after = rng.randint(3, max(4, self.main_target - 4))
        m.workdays(rng.randint(1, 5) if self.flaw(0.3) else rng.choice((0, 0, 1)))
        dates = self._plan()
        missed_cycle = rng.randint(0, 2) if self.outcome == "missed_evaluations" else -1
        cycle = 0
        while True:
            for k, due in enumerate(dates):
                # between plan/evaluation and the due date: measures carried out, monitoring
                gap_days = max(1, self.cal.working_days_between(m.now.date(), due) - 1)
                fillers = rng.randint(3, 6) + (1 if self.main_target > 40 else 0)
                fillers = max(1, min(fillers, self.main_target - len(m.drafts) - 2))
                steps = sorted(rng.randint(1, gap_days) for _ in range(fillers))
                start_day = m.now.date()
                for s in steps:
                    m.on_day(self.cal.add_working_days(start_day, s))
                    if self.measures_open and rng.random() < 0.55:
                        self._measure_done()
                    else:
                        kind = rng.choices(("note", "observation", "child_heard"), (45, 35, 20))[0]
                        if kind == "child_heard":
                            m.add("child_heard", "t1", child_view=self._view(cycle))
                        else:
                            m.add(kind, self.staff_member(), self.t(kind))
                    if self._left_now():
                        return
                room = len(m.drafts) < self.main_target - 4
                last = k == len(dates) - 1 or not room
                if cycle == missed_cycle:
                    cycle += 1
                    if not last and rng.random() < 0.5:
                        continue  # evaluation never held
                    m.on_day(self.cal.add_working_days(due, rng.randint(7, 15)))
                else:
                    m.on_day(self.cal.add_working_days(due, rng.randint(1, 3)) if self.flaw(0.1) else due)
                cycle += 1
                if not last:
                    outcome = "revise" if room and rng.random() < 0.1 else "continue"
                elif room and self.plan_version < 8:
                    outcome = "revise"
                elif self.outcome == "still_open":
                    outcome = "continue"
                else:
                    outcome = "close"
                if outcome == "close":
                    unsafe = self.outcome == "close_unsafe"
                    view = "not_safe" if unsafe else ("unclear" if self.flaw(0.08) else "safe")
                    m.add("evaluation", rng.choice(("t1", self.boss)), self.t("evaluation"), child_view=view,
                          outcome="close")
                    m.workdays(rng.choice((0, 0, 1)))
                    closing: dict[str, Any] = {}
                    if unsafe or not self.flaw(0.05):
                        closing["child_view"] = view if unsafe or not self.flaw(0.1) else "unclear"
                    m.add("closed", self.boss, self.t("closed") if rng.random() < 0.6 else None, **closing)
                    return
                view = "not_safe" if outcome == "revise" else self._view(cycle)
                m.add("evaluation", rng.choice(("t1", self.boss)), self.t("evaluation") if rng.random() < 0.5 else None,
                      child_view=view, outcome=outcome)
                if self._left_now():
                    return
                if outcome == "revise":
                    if self.outcome == "missed_evaluations" and rng.random() < 0.2:
                        m.workdays(rng.randint(10, 20))  # late revision
                    else:
                        m.workdays(rng.randint(1, 5))
                    break
                if last and self.outcome == "still_open":
                    return
            else:
                return
            dates = self._plan()

    def _view(self, cycle: int) -> str:
        """The child's view while measures run: more often safe as the cycles go by."""
        safe = min(0.9, 0.3 + 0.15 * cycle)
        r = self.rng.random()
        return "safe" if r < safe else ("unclear" if r < safe + (1 - safe) * 0.6 else "not_safe")

    def _left_now(self) -> bool:
        if self.outcome != "child_left" or len(self.main.drafts) < self.left_after:
            return False
        self.main.workdays(self.rng.randint(1, 5))
        self._child_left()
        return True

    # --- Statsforvaltaren ------------------------------------------------------------------------

    def _sf_count(self) -> int:
        if not self.sf:
            return 0
        self.sf_orders = self.rng.randint(1, 3)
        self.sf_fine = self.rng.random() < 0.3
        self.sf_outcome = self.rng.choices(("not_fulfilled", "fulfilled", "dismissed"), (75, 15, 10))[0]
        if self.sf_outcome != "not_fulfilled":
            return 3
        return 3 + self.sf_orders + (1 if self.sf_fine else 0)

    def _sf_track(self, main: Sequence[_Draft]) -> list[_Draft]:
        rng = self.rng
        anchor = main[rng.randint(min(3, len(main) - 1), len(main) - 1)].at
        t = _Track(self.cal, rng, anchor)
        t.workdays(rng.randint(1, 3))
        family = "c1" if (not self.kinder and rng.random() < 0.2) else "g1"
        t.add("raised_with_principal", family, timed=True)
        raised_day = t.now.date()
        # at least five working days (2023 law) and one week (1998 law) before reporting
        t.workdays(rng.randint(6, 15))
        assert (t.now.date() - raised_day).days > 7
        t.add("sf_report", family, timed=True)
        t.workdays(rng.randint(20, 45))
        by = "sf1" if rng.random() < 0.6 else None
        if self.sf_outcome != "not_fulfilled":
            t.add("sf_decision", by, outcome=self.sf_outcome)
            return t.drafts
        orders = []
        for i in range(self.sf_orders):
            deadline = self.cal.add_working_days(t.now.date(), rng.randint(10, 30))
            orders.append({"id": f"pa{i + 1}", "text": rng.choice(_T["order"][self.lang]), "deadline": deadline.isoformat()})
        t.add("sf_decision", by, outcome="not_fulfilled", orders=orders)
        pending = [o["id"] for o in orders]
        rng.shuffle(pending)
        fine_at = rng.randrange(len(pending)) if self.sf_fine else -1
        for i, order_id in enumerate(pending):
            if i == fine_at:
                t.workdays(rng.randint(20, 35))
                t.add("coercive_fine", by, amount=rng.choice((1000, 2000, 5000, 10000)), per=rng.choice(("day", "week", "once")),
                      **{"from": self.cal.add_working_days(t.now.date(), 5).isoformat()})
            t.workdays(rng.randint(3, 15))
            t.add("sf_order_done", rng.choice(("r1", "e1")), order=order_id)
        return t.drafts

    @staticmethod
    def _merge(a: list[_Draft], b: list[_Draft]) -> list[_Draft]:
        return list(heapq.merge(a, b, key=lambda d: d.at))


def _case(index: int, seed: int, cal: WorkDays) -> dict[str, Any]:
    story = _Story(index, seed, cal)
    drafts = story.tell()
    events = []
    for d in drafts:
        d.data["at"] = _stamp(d)
        events.append(d.data)
    return {"format": "actionloop-case/1", "case": story.case_head(), "people": story.people, "events": events}


_WORKDAYS: list[WorkDays] = []


def _workdays() -> WorkDays:
    if not _WORKDAYS:
        _WORKDAYS.append(WorkDays())
    return _WORKDAYS[0]


def generate(n: int, seed: int = 1, start: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` synthetic case files (cases ``start`` … ``start + n - 1`` of ``seed``)."""
    cal = _workdays()
    for i in range(start, start + n):
        yield _case(i, seed, cal)


def dump_line(case: dict[str, Any]) -> str:
    """One case as a JSON Lines line (compact, UTF-8, with the newline)."""
    return json.dumps(case, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_jsonl(path: Path, n: int, seed: int, progress: bool | None = None) -> int:
    """Write ``n`` cases to ``path`` (JSON Lines); returns the number of bytes written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if progress is None:
        progress = sys.stderr.isatty()
    tmp = path.with_suffix(path.suffix + ".tmp")
    size = 0
    with tmp.open("w", encoding="utf-8") as out:
        cases = generate(n, seed)
        if progress:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn("[bold]generating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, transient=True) as bar:
                task = bar.add_task("cases", total=n)
                for i, case in enumerate(cases, 1):
                    line = dump_line(case)
                    size += out.write(line)
                    if i % 500 == 0 or i == n:
                        bar.update(task, completed=i)
        else:
            for case in cases:
                size += out.write(dump_line(case))
    tmp.replace(path)
    return size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate synthetic actionloop case files (JSON Lines).")
    parser.add_argument("--cases", type=int, default=100_000, help="number of cases (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, default=Path("bench/data/cases.jsonl"), help="output file (.jsonl)")
    args = parser.parse_args(argv)
    if args.cases < 0:
        parser.error("--cases must be ≥ 0")
    import time

    t0 = time.perf_counter()
    size = write_jsonl(args.out, args.cases, args.seed)
    took = time.perf_counter() - t0
    print(f"{args.cases} cases → {args.out} ({size / 1e6:.1f} MB) in {took:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
