"""Traceability of the executable law: rule → paragraph → feature file → scenarios.

The law lives twice in actionloop: as data in ``workflows/`` and as Norwegian Gherkin in
``features/``, which the test suite runs against the engine. This module reads the feature files
(no test framework needed) and builds the table that ties each encodable rule of the legal
specification (``SCH-01`` … ``BHG-08``, ``ALL-01/02``) to the paragraph it rests on and to the
scenarios that prove the engine follows it.

Conventions the feature files keep (and that are checked here):

* the first line is ``# language: no``;
* the ``Egenskap:`` title ends with the paragraph after an en dash:
  ``Egenskap: Melde frå til rektor – opplæringslova § 12-4 andre ledd``;
* every ``Regel:`` title begins with the rule id(s) it encodes: ``Regel: SCH-03 …``; it may end
  with its own paragraph after an en dash (a feature that spans several laws), which then takes
  the place of the feature's;
* every scenario sits inside a ``Regel:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

#: The encodable rules of the legal specification (law.md §8), in its order, with a short title.
CATALOGUE: dict[str, str] = {
    "SCH-01": "Følge med på hvordan elevene har det (alltid, alle som arbeider på skolen)",
    "SCH-02": "Gripe inn om mulig når en krenkelse skjer",
    "SCH-03": "Melde fra til rektor ved mistanke om eller kjennskap til at en elev ikke har det trygt og godt",
    "SCH-04": "Elevens egne ord er kjennskap: melde fra, undersøke og sette inn tiltak",
    "SCH-05": "Undersøke saken snarest; klokken går fra rektor fikk vite om saken",
    "SCH-06": "Rette opp situasjonen med egnede tiltak",
    "SCH-07": "Skriftlig plan med de fem lovpålagte feltene",
    "SCH-08": "Planens kvalitet: konkret problembeskrivelse og konkrete tiltak",
    "SCH-09": "Evaluere på datoene i planen, med eleven, og justere",
    "SCH-10": "Rektor melder fra til skoleeier i alvorlige tilfeller",
    "SCH-11": "En ansatt mistenkes for å krenke en elev: melde fra straks til rektor",
    "SCH-12": "Noen i ledelsen mistenkes: melde fra direkte til skoleeier",
    "SCH-13": "Ansatt mistenkt: rektor melder alltid fra til skoleeier; undersøkelse og tiltak straks",
    "SCH-14": "Høre eleven og vurdere elevens beste",
    "SCH-15": "Dokumentere det som gjøres for å oppfylle aktivitetsplikten",
    "SCH-16": "Melde saken til Statsforvalteren: tatt opp med rektor, fem arbeidsdager (før: én uke)",
    "SCH-17": "Gjennomføre Statsforvalterens pålegg innen fristene",
    "SCH-18": "Klage på Statsforvalterens vedtak innen tre uker",
    "SCH-19": "Tvangsmulkt når pålegg ikke gjennomføres",
    "SCH-20": "Journalføre og arkivere planen",
    "SCH-21": "Innsyn i planen uten andre elevers personlige forhold",
    "SCH-22": "Eleven slutter på skolen",
    "BHG-01": "Gripe inn når et barn blir krenket",
    "BHG-02": "Følge med på hvordan barna har det",
    "BHG-03": "Melde fra til styrer ved mistanke om eller kjennskap til at et barn ikke har det trygt og godt",
    "BHG-04": "Styrer varsler barnehageeier i alvorlige tilfeller",
    "BHG-05": "Undersøke saken snarest",
    "BHG-06": "Skriftlig plan med de fem feltene (hvem som er ansvarlig)",
    "BHG-07": "En ansatt mistenkes: melde fra straks til styrer; styrer mistenkt: direkte til eier",
    "BHG-08": "Ingen individuell håndhevingsordning hos Statsforvalteren for barnehager",
    "ALL-01": "Loven som gjaldt på hendelsens dato (kapittel 9 A før 2024-08-01, kapittel 12 fra da)",
    "ALL-02": "Ikke avslutte mens barnet sier at det ikke har det trygt og godt",
}

#: Why a rule of the specification has no scenario: it lies outside what the engine judges.
OUTSIDE_ENGINE: dict[str, str] = {
    "SCH-18": (
        "Klagen går fra familien til Statsforvalteren og Utdanningsdirektoratet (fvl. § 29); "
        "skolen er ikke part, og saksfilen har ingen hendelse for klage."
    ),
    "SCH-20": (
        "Journalføring og arkivering etter arkivlova skjer i kommunens sak-arkivsystem; "
        "actionloop er ikke arkivet og eksporterer dit."
    ),
    "SCH-21": (
        "Innsyn (offentleglova § 3 og § 13, fvl. § 13) hører til tilgangsstyringen og eksporten "
        "for familien, ikke til lovmotoren."
    ),
}

RULE_ID = re.compile(r"\b(SCH|BHG|ALL)-(\d{2})\b")
_LANGUAGE = "# language: no"
_KEYWORDS = {
    "feature": ("Egenskap:",),
    "background": ("Bakgrunn:",),
    "rule": ("Regel:",),
    "scenario": ("Scenario:", "Eksempel:"),
    "outline": ("Scenariomal:", "Abstrakt Scenario:"),
    "examples": ("Eksempler:",),
}


class RulesError(Exception):
    """A feature file that breaks the conventions above: the file, the line and what is wrong."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    line: int
    #: For a ``Scenariomal``: how many example rows it runs (0 for a plain scenario).
    examples: int = 0

    def label(self) -> str:
        return f"{self.name} ({self.examples} eksempler)" if self.examples else self.name


@dataclass(frozen=True, slots=True)
class Rule:
    """A ``Regel:`` block: the rule ids its title names, the title, and its scenarios."""

    ids: tuple[str, ...]
    title: str
    line: int
    scenarios: tuple[Scenario, ...]
    #: The paragraph named at the end of the title, if any («… – opplæringslova § 12-5»).
    paragraph: str = ""


@dataclass(frozen=True, slots=True)
class Feature:
    path: str
    title: str
    #: The paragraph(s) from the ``Egenskap:`` title (after the en dash).
    paragraph: str
    tags: tuple[str, ...]
    rules: tuple[Rule, ...]

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        return tuple(s for r in self.rules for s in r.scenarios)


@dataclass(frozen=True, slots=True)
class TraceRow:
    rule_id: str
    title: str
    paragraph: str
    feature: str
    scenarios: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Traceability:
    rows: tuple[TraceRow, ...]
    #: Rules of the catalogue without any scenario, with the reason.
    uncovered: tuple[tuple[str, str, str], ...]
    features: int
    scenarios: int


def features_dir(cwd: Path | None = None) -> Path:
    """The ``features/`` folder: in the current directory, or beside the package source (a source
    checkout or an editable install)."""
    here = (cwd or Path.cwd()) / "features"
    for candidate in (here, _PACKAGE / "_data" / "features", _PACKAGE.parents[1] / "features"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "actionloop: fant ikke mappen features/ (verken i gjeldende mappe eller ved siden av pakken)"
    )


def _keyword(line: str) -> tuple[str, str] | None:
    for kind, words in _KEYWORDS.items():
        for word in words:
            if line.startswith(word):
                return kind, line[len(word):].strip()
    return None


def paragraph_of(title: str) -> str:
    """The paragraph part of a title: what follows the last en dash, if it cites the law
    (names a § or a chapter); else ``""``."""
    if " – " not in title:
        return ""
    tail = title.rsplit(" – ", 1)[1].strip()
    return tail if ("§" in tail or "kapittel" in tail) else ""


def parse_feature(text: str, path: str) -> Feature:
    """One feature file, read line by line. Raises :class:`RulesError` on a broken convention."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != _LANGUAGE:
        raise RulesError(path, (first or 0) + 1, f"første linje må være «{_LANGUAGE}»")
    title: str | None = None
    tags: list[str] = []
    pending_tags: list[str] = []
    rules: list[Rule] = []
    rule: tuple[tuple[str, ...], str, int, str] | None = None
    scenarios: list[Scenario] = []
    outline: tuple[str, int] | None = None
    example_rows = 0
    in_examples = False
    header_pending = False
    in_docstring = False

    def close_outline() -> None:
        nonlocal outline, example_rows, in_examples
        if outline is not None:
            scenarios.append(Scenario(outline[0], outline[1], example_rows))
        outline, example_rows, in_examples = None, 0, False

    def close_rule() -> None:
        nonlocal rule, scenarios
        close_outline()
        if rule is not None:
            rules.append(Rule(rule[0], rule[1], rule[2], tuple(scenarios), rule[3]))
        rule, scenarios = None, []

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith(('"""', "```")):
            in_docstring = not in_docstring
            continue
        if in_docstring or not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            pending_tags += [t.lstrip("@") for t in line.split()]
            continue
        if line.startswith("|"):
            if in_examples:
                if header_pending:
                    header_pending = False
                else:
                    example_rows += 1
            continue
        found = _keyword(line)
        if found is None:
            continue
        kind, name = found
        if kind == "feature":
            if title is not None:
                raise RulesError(path, number, "mer enn én Egenskap i filen")
            title, tags, pending_tags = name, pending_tags, []
        elif kind == "rule":
            close_rule()
            ids = tuple(f"{m.group(1)}-{m.group(2)}" for m in RULE_ID.finditer(name))
            if not ids or not name.startswith(ids[0]):
                raise RulesError(path, number, f"Regel-tittelen må begynne med regelens id (f.eks. SCH-03): «{name}»")
            rule = (ids, name, number, paragraph_of(name))
            pending_tags = []
        elif kind in ("scenario", "outline"):
            close_outline()
            if rule is None:
                raise RulesError(path, number, f"scenarioet «{name}» står utenfor en Regel")
            if kind == "scenario":
                scenarios.append(Scenario(name, number))
            else:
                outline = (name, number)
            pending_tags = []
        elif kind == "examples":
            if outline is None:
                raise RulesError(path, number, "Eksempler uten Scenariomal")
            in_examples, header_pending = True, True
        else:  # background
            pending_tags = []
    close_rule()
    if title is None:
        raise RulesError(path, 1, "filen har ingen Egenskap")
    return Feature(path, title, paragraph_of(title), tuple(tags), tuple(rules))


def load_features(root: Path) -> list[Feature]:
    """Every ``*.feature`` under ``root``, in path order. Paths are shown relative to the folder
    that holds ``root`` (``features/skole/…``), with forward slashes."""
    base = root.parent
    out: list[Feature] = []
    for file in sorted(root.rglob("*.feature"), key=lambda p: p.relative_to(root).as_posix()):
        out.append(parse_feature(file.read_text("utf-8"), file.relative_to(base).as_posix()))
    return out


#: The order of the feature folders in the table: the current law first.
FOLDER_ORDER = ("skole/oppl2023/", "skole/oppl1998/", "barnehage/", "felles/")


def _rule_order(rule_id: str) -> tuple[int, str]:
    ids = list(CATALOGUE)
    return (ids.index(rule_id), rule_id) if rule_id in CATALOGUE else (len(ids), rule_id)


def _folder_order(path: str) -> int:
    for i, folder in enumerate(FOLDER_ORDER):
        if f"/{folder}" in f"/{path}":
            return i
    return len(FOLDER_ORDER)


def trace(features: Sequence[Feature]) -> Traceability:
    """The table: one row per rule, paragraph and feature file; rules in the specification's
    order, then the current law first."""
    rows: list[TraceRow] = []
    for feature in features:
        by_rule: dict[tuple[str, str], list[str]] = {}
        for rule in feature.rules:
            paragraph = rule.paragraph or feature.paragraph
            for rule_id in rule.ids:
                by_rule.setdefault((rule_id, paragraph), []).extend(s.label() for s in rule.scenarios)
        for (rule_id, paragraph), names in by_rule.items():
            rows.append(TraceRow(rule_id, CATALOGUE.get(rule_id, ""), paragraph, feature.path, tuple(names)))
    rows.sort(key=lambda r: (_rule_order(r.rule_id), _folder_order(r.feature), r.feature, r.paragraph))
    covered = {r.rule_id for r in rows}
    uncovered = tuple(
        (rule_id, title, OUTSIDE_ENGINE.get(rule_id, "Ingen scenario ennå."))
        for rule_id, title in CATALOGUE.items() if rule_id not in covered
    )
    return Traceability(
        tuple(rows), uncovered, len(features), sum(len(f.scenarios) for f in features),
    )


def unknown_rule_ids(features: Iterable[Feature]) -> list[tuple[str, str]]:
    """(file, rule id) for every rule id a feature names that the catalogue does not know."""
    return [
        (f.path, rule_id) for f in features for r in f.rules for rule_id in r.ids if rule_id not in CATALOGUE
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(table: Traceability) -> str:
    """The traceability table as Markdown (``docs/rules.md``)."""
    out = [
        "<!-- Laget av `actionloop rules --format markdown`; ikke rediger for hånd. -->",
        "# Sporbarhet: regel → hjemmel → scenario",
        "",
        "Hver regel i den juridiske spesifikasjonen (law.md §8) er skrevet som kjørbare scenarioer på norsk",
        "i `features/`. Testene kjører dem mot lovmotoren (tilsynet, fristene og saksgangen), så tabellen",
        "viser hvor loven er bevist i koden.",
        "",
        "Slik leses scenarioene: hver plikt vurderes som «oppfylt», «brudd» (lovbrudd), «advarsel»",
        "(kommunens lokale frist eller god praksis er ikke fulgt – ikke et lovbrudd), «ikke aktuell» eller",
        "«ikke vurderbar». Sier ikke scenarioet når tilsynet vurderer saken, vurderes den 60 dager etter",
        "siste hendelse. Datoer er skrevet som ÅÅÅÅ-MM-DD.",
        "",
        f"{table.features} egenskaper, {table.scenarios} scenarioer, "
        f"{len({r.rule_id for r in table.rows})} av {len(CATALOGUE)} regler dekket.",
        "",
        "| Regel | Hva regelen sier | Hjemmel | Egenskap (fil) | Scenarioer |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in table.rows:
        scenarios = "<br>".join(_cell(s) for s in row.scenarios)
        out.append(
            f"| {row.rule_id} | {_cell(row.title)} | {_cell(row.paragraph)} | `{row.feature}` | {scenarios} |"
        )
    if table.uncovered:
        out += ["", "## Regler uten scenario", "", "| Regel | Hva regelen sier | Hvorfor |", "| --- | --- | --- |"]
        for rule_id, title, reason in table.uncovered:
            out.append(f"| {rule_id} | {_cell(title)} | {_cell(reason)} |")
    return "\n".join(out) + "\n"


def build(root: Path | None = None) -> Traceability:
    """Read the features (default: :func:`features_dir`) and build the table."""
    return trace(load_features(root or features_dir()))


__all__ = [
    "CATALOGUE", "OUTSIDE_ENGINE", "Feature", "Rule", "RulesError", "Scenario", "TraceRow", "Traceability",
    "build", "features_dir", "load_features", "paragraph_of", "parse_feature", "render_markdown", "trace",
    "unknown_rule_ids",
]
