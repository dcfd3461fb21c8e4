"""The view of a case that documents are built from: pure Python, no document library.

A document is described here as a tree of plain values (:class:`DocumentView`: headings,
paragraphs, tables, pictures, header, footer and properties), with every text already in the
case's language. The adapters in ``actionloop.adapters.docs`` turn such a view into a .docx.
Keeping the view separate means that everything a document says can be tested without Word,
and that a family copy is made by one pass over every string of the view (:func:`map_text`),
so that nothing — body, header, footer or property — escapes redaction.

This module also holds what the documents share: the labels in bokmål, nynorsk and English with
the statutes' own terms (law.md § 7), dates in the Norwegian way, the law that applies on a date,
people shown as name and role, and the redaction of other children (offentleglova § 13,
forvaltningsloven § 13).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Protocol

from actionloop.core.clock import OSLO
from actionloop.core.errors import ActionloopError
from actionloop.core.i18n import Catalog
from actionloop.core.model import CaseFile, Event, Measure, Plan
from actionloop.workflow.spec import DUTIES, LegalRef, WorkflowSpec

# --------------------------------------------------------------------------------------------
# Errors


class DocumentError(ActionloopError):
    """A document that cannot be made from this input (no plan, unknown version …)."""


# --------------------------------------------------------------------------------------------
# The document tree


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with one look. ``\\n`` is a line break, ``\\t`` a tab."""

    text: str
    bold: bool = False
    italic: bool = False
    mono: bool = False


#: Paragraph styles a view may use; the adapter maps each to a Word style.
PARA_STYLES = (
    "title", "subtitle", "h1", "h2", "h3", "body", "bullet", "small", "caption", "mono",
    "cell", "cell_head", "signature",
)


@dataclass(frozen=True, slots=True)
class Para:
    runs: tuple[Run, ...]
    style: str = "body"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Cell:
    paras: tuple[Para, ...]
    #: Background colour as RRGGBB, or None.
    fill: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    #: Relative column widths (any unit; the adapter scales them to the text width).
    widths: tuple[float, ...]
    #: Rows at the top repeated on every page and shown as headings.
    header_rows: int = 1
    #: ``grid`` (ruled), ``form`` (label/value, light rules) or ``plain`` (no rules).
    kind: str = "grid"


@dataclass(frozen=True, slots=True)
class Picture:
    png: bytes
    width_cm: float
    #: Text alternative for screen readers (the picture's description).
    alt: str


Block = Para | Table | Picture


@dataclass(frozen=True, slots=True)
class Properties:
    """Document properties (docProps/core.xml), all taken from the case, never from the clock."""

    title: str
    subject: str
    author: str
    created: datetime
    modified: datetime
    language: str
    keywords: str = ""
    category: str = ""
    comments: str = ""
    identifier: str = ""
    version: str = ""
    content_status: str = ""


@dataclass(frozen=True, slots=True)
class DocumentView:
    blocks: tuple[Block, ...]
    properties: Properties
    #: Text of the page header (left), and of the footer before the page number.
    header: str
    footer: str
    #: Words around the page number: ("Side", "av") gives «Side 2 av 5».
    page_words: tuple[str, str]
    lang: str


# Small constructors --------------------------------------------------------------------------


def para(*parts: str | Run, style: str = "body") -> Para:
    return Para(tuple(Run(p) if isinstance(p, str) else p for p in parts), style)


def heading(text: str, level: int = 1) -> Para:
    return Para((Run(text),), f"h{level}")


def cell(*parts: str | Run | Para, head: bool = False, fill: str | None = None) -> Cell:
    """A table cell; strings and runs make one paragraph, each :class:`Para` its own."""
    style = "cell_head" if head else "cell"
    paras: list[Para] = []
    pending: list[Run] = []
    for part in parts:
        if isinstance(part, Para):
            if pending:
                paras.append(Para(tuple(pending), style))
                pending = []
            paras.append(part if part.style != "body" else replace(part, style=style))
        else:
            pending.append(Run(part, bold=head) if isinstance(part, str) else part)
    if pending or not paras:
        paras.append(Para(tuple(pending), style))
    return Cell(tuple(paras), fill)


def form_table(rows: Iterable[tuple[str, str]]) -> Table:
    """A two-column label/value table (the facts at the top of a document)."""
    out = tuple((cell(Run(k, bold=True)), cell(v)) for k, v in rows)
    return Table(out, (0.3, 0.7), header_rows=0, kind="form")


def map_text(view: DocumentView, fn: Callable[[str], str]) -> DocumentView:
    """The view with ``fn`` applied to every text in it: body, tables, header, footer, properties
    and picture descriptions."""

    def run(r: Run) -> Run:
        return replace(r, text=fn(r.text))

    def par(p: Para) -> Para:
        return replace(p, runs=tuple(run(r) for r in p.runs))

    def block(b: Block) -> Block:
        if isinstance(b, Para):
            return par(b)
        if isinstance(b, Table):
            rows = tuple(tuple(replace(c, paras=tuple(par(p) for p in c.paras)) for c in row) for row in b.rows)
            return replace(b, rows=rows)
        return replace(b, alt=fn(b.alt))

    props = view.properties
    new_props = replace(
        props, title=fn(props.title), subject=fn(props.subject), author=fn(props.author),
        keywords=fn(props.keywords), category=fn(props.category), comments=fn(props.comments),
        identifier=fn(props.identifier), version=fn(props.version), content_status=fn(props.content_status),
    )
    return replace(
        view, blocks=tuple(block(b) for b in view.blocks), properties=new_props,
        header=fn(view.header), footer=fn(view.footer),
    )


def iter_text(view: DocumentView) -> Iterable[str]:
    """Every text in a view (for tests and checks)."""
    out: list[str] = []

    def collect(text: str) -> str:
        out.append(text)
        return text

    map_text(view, collect)
    return out


# --------------------------------------------------------------------------------------------
# Text hygiene

# Characters XML 1.0 cannot hold (C0 controls except tab and newline, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text as a document can hold it: line ends as ``\\n`` and characters XML cannot carry
    replaced by U+FFFD. Everything else (``<``, ``&``, quotes, emoji …) is kept as it is."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("\ufffd", text)


# --------------------------------------------------------------------------------------------
# Labels

_KG = ".kg"  # suffix of a key's kindergarten variant

LABELS: Catalog = {
    # documents
    "doc.plan": {"nb": "Aktivitetsplan", "nn": "Aktivitetsplan", "en": "Activity plan"},
    "doc.plan.sub": {
        "nb": "Skriftlig plan for tiltak", "nn": "Skriftleg plan for tiltak", "en": "Written plan for measures",
    },
    "doc.log": {"nb": "Saksgang", "nn": "Saksgang", "en": "Case log"},
    "doc.log.sub": {
        "nb": "Dokumentasjon av aktivitetsplikten", "nn": "Dokumentasjon av aktivitetsplikta",
        "en": "Record of the duty to act",
    },
    "doc.audit": {"nb": "Tilsynsrapport", "nn": "Tilsynsrapport", "en": "Audit report"},
    "doc.audit.sub": {
        "nb": "Aktivitetsplikten – funn per plikt", "nn": "Aktivitetsplikta – funn per plikt",
        "en": "The duty to act – findings per duty",
    },
    "doc.family": {
        "nb": "Kopi til eleven og foresatte", "nn": "Kopi til eleven og føresette",
        "en": "Copy for the pupil and guardians",
    },
    "doc.family.kg": {"nb": "Kopi til foresatte", "nn": "Kopi til føresette", "en": "Copy for the guardians"},
    "page": {"nb": "Side", "nn": "Side", "en": "Page"},
    "page_of": {"nb": "av", "nn": "av", "en": "of"},
    # facts at the top
    "meta.unit": {"nb": "Skole", "nn": "Skole", "en": "School"},
    "meta.unit.kg": {"nb": "Barnehage", "nn": "Barnehage", "en": "Kindergarten"},
    "meta.owner": {"nb": "Skoleeier", "nn": "Skoleeigar", "en": "School owner"},
    "meta.owner.kg": {"nb": "Barnehageeier", "nn": "Barnehageeigar", "en": "Kindergarten owner"},
    "meta.child": {"nb": "Elev", "nn": "Elev", "en": "Pupil"},
    "meta.child.kg": {"nb": "Barn", "nn": "Barn", "en": "Child"},
    "meta.case": {"nb": "Saksnummer", "nn": "Saksnummer", "en": "Case number"},
    "meta.plan_version": {"nb": "Planversjon", "nn": "Planversjon", "en": "Plan version"},
    "version": {"nb": "versjon", "nn": "versjon", "en": "version"},
    "meta.plan_date": {"nb": "Dato for planen", "nn": "Dato for planen", "en": "Date of the plan"},
    "meta.made_by": {"nb": "Laget av", "nn": "Laga av", "en": "Made by"},
    "meta.law": {"nb": "Lov", "nn": "Lov", "en": "Law"},
    "meta.as_of": {"nb": "Vurdert per", "nn": "Vurdert per", "en": "Assessed as of"},
    "meta.period": {"nb": "Periode", "nn": "Periode", "en": "Period"},
    "meta.cases": {"nb": "Antall saker", "nn": "Tal på saker", "en": "Number of cases"},
    "meta.events": {"nb": "Antall hendelser", "nn": "Tal på hendingar", "en": "Number of events"},
    "meta.units": {"nb": "Enheter", "nn": "Einingar", "en": "Units"},
    "meta.owners": {"nb": "Eiere", "nn": "Eigarar", "en": "Owners"},
    "meta.grade": {"nb": "{grade}. trinn", "nn": "{grade}. trinn", "en": "year {grade}"},
    "meta.born": {"nb": "født {date}", "nn": "fødd {date}", "en": "born {date}"},
    "all": {"nb": "alle", "nn": "alle", "en": "all"},
    "period.from": {"nb": "fra {d}", "nn": "frå {d}", "en": "from {d}"},
    "period.to": {"nb": "til {d}", "nn": "til {d}", "en": "until {d}"},
    "period.all": {"nb": "hele perioden", "nn": "heile perioden", "en": "the whole period"},
    # the plan
    "h.legal": {"nb": "Rettslig grunnlag", "nn": "Rettsleg grunnlag", "en": "Legal basis"},
    "field.problem": {
        "nb": "Hvilke problemer tiltakene skal løse", "nn": "Kva problem tiltaka skal løyse",
        "en": "The problem the measures are to solve",
    },
    "field.measures": {
        "nb": "Hvilke tiltak skolen har planlagt", "nn": "Kva tiltak skolen har planlagt",
        "en": "The measures the school has planned",
    },
    "field.measures.kg": {
        "nb": "Hvilke tiltak barnehagen har planlagt", "nn": "Kva tiltak barnehagen har planlagt",
        "en": "The measures the kindergarten has planned",
    },
    "field.when": {
        "nb": "Når tiltakene skal gjennomføres", "nn": "Når tiltaka skal gjennomførast",
        "en": "When the measures will be carried out",
    },
    "field.performer": {
        "nb": "Hvem som skal gjennomføre tiltakene", "nn": "Kven som skal gjennomføre tiltaka",
        "en": "Who will carry out the measures",
    },
    "field.responsible": {
        "nb": "Hvem som er ansvarlig for gjennomføringen av tiltakene",
        "nn": "Kven som er ansvarleg for gjennomføringa av tiltaka",
        "en": "Who is responsible for carrying out the measures",
    },
    "field.evaluations": {
        "nb": "Når tiltakene skal evalueres", "nn": "Når tiltaka skal evaluerast",
        "en": "When the measures will be evaluated",
    },
    "col.no": {"nb": "Nr.", "nn": "Nr.", "en": "No."},
    "col.measure": {"nb": "Tiltak", "nn": "Tiltak", "en": "Measure"},
    "col.when": {"nb": "Når", "nn": "Når", "en": "When"},
    "col.performer": {"nb": "Hvem som skal gjennomføre", "nn": "Kven som skal gjennomføre", "en": "Who carries it out"},
    "col.responsible": {"nb": "Hvem som er ansvarlig", "nn": "Kven som er ansvarleg", "en": "Who is responsible"},
    "col.other.performer": {"nb": "Utfører", "nn": "Utførar", "en": "Carried out by"},
    "col.other.responsible": {"nb": "Ansvarlig", "nn": "Ansvarleg", "en": "Responsible"},
    "col.target": {"nb": "Rettet mot", "nn": "Retta mot", "en": "Aimed at"},
    "h.child_views": {"nb": "Elevens syn", "nn": "Eleven sitt syn", "en": "The pupil's views"},
    "h.child_views.kg": {"nb": "Barnets syn", "nn": "Barnet sitt syn", "en": "The child's views"},
    "h.best_interests": {
        "nb": "Vurdering av elevens beste", "nn": "Vurdering av det beste for eleven",
        "en": "Assessment of the pupil's best interests",
    },
    "h.best_interests.kg": {
        "nb": "Vurdering av barnets beste", "nn": "Vurdering av det beste for barnet",
        "en": "Assessment of the child's best interests",
    },
    "h.hearings": {"nb": "Samtaler med eleven", "nn": "Samtalar med eleven", "en": "Conversations with the pupil"},
    "h.hearings.kg": {"nb": "Samtaler med barnet", "nn": "Samtalar med barnet", "en": "Conversations with the child"},
    "h.guardians": {
        "nb": "Hvordan foresatte har deltatt", "nn": "Korleis føresette har vore med",
        "en": "How the guardians took part",
    },
    "h.evaluations": {
        "nb": "Evalueringer som førte til denne planen", "nn": "Evalueringar som førte til denne planen",
        "en": "Evaluations that led to this plan",
    },
    "h.signatures": {"nb": "Underskrifter", "nn": "Underskrifter", "en": "Signatures"},
    "sig.place_date": {"nb": "Sted og dato", "nn": "Stad og dato", "en": "Place and date"},
    "sig.head": {"nb": "Rektor", "nn": "Rektor", "en": "Principal"},
    "sig.head.kg": {"nb": "Styrer", "nn": "Styrar", "en": "Kindergarten head"},
    "sig.guardians": {
        "nb": "Foresatte (har fått planen)", "nn": "Føresette (har fått planen)",
        "en": "Guardians (have received the plan)",
    },
    "not_given": {"nb": "Ikke fylt ut", "nn": "Ikkje fylt ut", "en": "Not filled in"},
    "none": {"nb": "—", "nn": "—", "en": "—"},
    # the log
    "h.events": {"nb": "Hendelser", "nn": "Hendingar", "en": "Events"},
    "col.time": {"nb": "Tidspunkt", "nn": "Tidspunkt", "en": "Time"},
    "col.who": {"nb": "Hvem", "nn": "Kven", "en": "Who"},
    "col.what": {"nb": "Hva", "nn": "Kva", "en": "What"},
    "h.duties": {"nb": "Plikter og frister", "nn": "Plikter og fristar", "en": "Duties and deadlines"},
    "col.duty": {"nb": "Plikt", "nn": "Plikt", "en": "Duty"},
    "col.deadline": {"nb": "Frist", "nn": "Frist", "en": "Deadline"},
    "col.status": {"nb": "Vurdering", "nn": "Vurdering", "en": "Assessment"},
    "col.ref": {"nb": "Hjemmel", "nn": "Heimel", "en": "Legal basis"},
    "col.evidence": {"nb": "Hendelser", "nn": "Hendingar", "en": "Events"},
    "h.findings": {"nb": "Tilsynsfunn", "nn": "Tilsynsfunn", "en": "Audit findings"},
    "h.integrity": {"nb": "Kontrollsum", "nn": "Kontrollsum", "en": "Checksum"},
    # the audit report
    "h.summary": {"nb": "Oppsummering per plikt", "nn": "Samandrag per plikt", "en": "Summary per duty"},
    "h.breaches": {"nb": "Brudd", "nn": "Brot", "en": "Breaches"},
    "h.cases": {"nb": "Saker i rapporten", "nn": "Saker i rapporten", "en": "Cases in the report"},
    "col.case": {"nb": "Sak", "nn": "Sak", "en": "Case"},
    "col.unit": {"nb": "Enhet", "nn": "Eining", "en": "Unit"},
    "col.dates": {"nb": "Dato", "nn": "Dato", "en": "Date"},
    "col.message": {"nb": "Merknad", "nn": "Merknad", "en": "Note"},
    "col.first": {"nb": "Første hendelse", "nn": "Første hending", "en": "First event"},
    "col.last": {"nb": "Siste hendelse", "nn": "Siste hending", "en": "Last event"},
    "col.law": {"nb": "Lov", "nn": "Lov", "en": "Law"},
    "col.total": {"nb": "Sum", "nn": "Sum", "en": "Total"},
    # values
    "yes": {"nb": "ja", "nn": "ja", "en": "yes"},
    "no": {"nb": "nei", "nn": "nei", "en": "no"},
    "kl": {"nb": "kl.", "nn": "kl.", "en": ""},
}

#: The ten duties (case-file.md), as the workflows name them.
DUTY_LABELS: Catalog = {
    "monitor": {"nb": "Følge med", "nn": "Følgje med", "en": "Monitor"},
    "intervene": {"nb": "Gripe inn", "nn": "Gripe inn", "en": "Intervene"},
    "report_to_principal": {
        "nb": "Melde fra til rektor", "nn": "Melde frå til rektor", "en": "Report to the principal",
    },
    "report_to_principal.kg": {
        "nb": "Melde fra til styrer", "nn": "Melde frå til styrar", "en": "Report to the kindergarten head",
    },
    "report_to_owner": {
        "nb": "Melde fra til skoleeier", "nn": "Melde frå til skoleeigar", "en": "Report to the school owner",
    },
    "report_to_owner.kg": {
        "nb": "Melde fra til barnehageeier", "nn": "Melde frå til barnehageeigar",
        "en": "Report to the kindergarten owner",
    },
    "investigate": {"nb": "Undersøke snarest", "nn": "Undersøkje snarast", "en": "Investigate as soon as possible"},
    "hear_child": {
        "nb": "Høre eleven og vurdere elevens beste", "nn": "Høyre eleven og vurdere det beste for eleven",
        "en": "Hear the pupil and assess their best interests",
    },
    "hear_child.kg": {
        "nb": "Høre barnet og vurdere barnets beste", "nn": "Høyre barnet og vurdere det beste for barnet",
        "en": "Hear the child and assess their best interests",
    },
    "measures": {
        "nb": "Rette opp situasjonen med egnede tiltak", "nn": "Rette opp situasjonen med eigna tiltak",
        "en": "Remedy the situation with suitable measures",
    },
    "written_plan": {"nb": "Skriftlig plan", "nn": "Skriftleg plan", "en": "Written plan"},
    "evaluate": {"nb": "Evaluere og justere", "nn": "Evaluere og justere", "en": "Evaluate and adjust"},
    "document": {"nb": "Dokumentere", "nn": "Dokumentere", "en": "Document"},
}

#: What the law says about when each duty must be done (law.md § 4; the same as the workflows'
#: ``legal_term``). ``.staff`` where a staff member or the leadership is the suspected offender.
DUTY_TERMS: Catalog = {
    "monitor": {"nb": "løpende", "nn": "løpande", "en": "continuous"},
    "intervene": {"nb": "om mulig – med en gang", "nn": "om mogleg – med ein gong", "en": "if possible – at once"},
    "report_to_principal": {
        "nb": "så raskt som saken krever", "nn": "så raskt som saka krev", "en": "as quickly as the case requires",
    },
    "report_to_principal.staff": {"nb": "straks", "nn": "straks", "en": "immediately (straks)"},
    "report_to_owner": {
        "nb": "i alvorlige tilfeller – raskt", "nn": "i alvorlege tilfelle – raskt", "en": "in serious cases – promptly",
    },
    "report_to_owner.staff": {"nb": "straks", "nn": "straks", "en": "immediately (straks)"},
    "investigate": {"nb": "snarest", "nn": "snarast", "en": "as soon as possible (snarast)"},
    "investigate.staff": {"nb": "straks", "nn": "straks", "en": "immediately (straks)"},
    "hear_child": {"nb": "under undersøkelsen", "nn": "under undersøkinga", "en": "during the investigation"},
    "measures": {
        "nb": "så lenge eleven ikke har det trygt og godt", "nn": "så lenge eleven ikkje har det trygt og godt",
        "en": "as long as the pupil is not safe",
    },
    "measures.kg": {
        "nb": "så lenge barnet ikke har det trygt og godt", "nn": "så lenge barnet ikkje har det trygt og godt",
        "en": "as long as the child is not safe",
    },
    "written_plan": {"nb": "når tiltak settes inn", "nn": "når tiltak blir sette inn", "en": "when measures are put in place"},
    "evaluate": {"nb": "på datoene i planen", "nn": "på datoane i planen", "en": "on the dates in the plan"},
    "document": {"nb": "løpende", "nn": "løpande", "en": "continuous"},
}

STATUS_LABELS: Catalog = {
    "fulfilled": {"nb": "Oppfylt", "nn": "Oppfylt", "en": "Fulfilled"},
    "breached": {"nb": "Brudd", "nn": "Brot", "en": "Breached"},
    "warning": {"nb": "Advarsel (lokal frist)", "nn": "Åtvaring (lokal frist)", "en": "Warning (local deadline)"},
    "not_applicable": {"nb": "Ikke aktuelt", "nn": "Ikkje aktuelt", "en": "Not applicable"},
    "not_assessable": {"nb": "Kan ikke vurderes", "nn": "Kan ikkje vurderast", "en": "Not assessable"},
}
STATUSES = ("fulfilled", "breached", "warning", "not_applicable", "not_assessable")

EVENT_LABELS: Catalog = {
    "concern": {"nb": "Bekymring", "nn": "Uro", "en": "Concern"},
    "intervention": {"nb": "Grep inn", "nn": "Greip inn", "en": "Intervention"},
    "report_to_principal": {"nb": "Meldt fra til rektor", "nn": "Meldt frå til rektor", "en": "Reported to the principal"},
    "report_to_principal.kg": {
        "nb": "Meldt fra til styrer", "nn": "Meldt frå til styrar", "en": "Reported to the kindergarten head",
    },
    "report_to_owner": {"nb": "Meldt fra til skoleeier", "nn": "Meldt frå til skoleeigar", "en": "Reported to the school owner"},
    "report_to_owner.kg": {
        "nb": "Meldt fra til barnehageeier", "nn": "Meldt frå til barnehageeigar", "en": "Reported to the kindergarten owner",
    },
    "serious": {"nb": "Vurdering av om saken er alvorlig", "nn": "Vurdering av om saka er alvorleg", "en": "Seriousness assessed"},
    "investigation_started": {"nb": "Undersøkelse startet", "nn": "Undersøking starta", "en": "Investigation started"},
    "child_heard": {"nb": "Eleven hørt", "nn": "Eleven høyrd", "en": "Pupil heard"},
    "child_heard.kg": {"nb": "Barnet hørt", "nn": "Barnet høyrt", "en": "Child heard"},
    "heard": {"nb": "Andre hørt", "nn": "Andre høyrde", "en": "Others heard"},
    "observation": {"nb": "Observasjon", "nn": "Observasjon", "en": "Observation"},
    "investigation_concluded": {"nb": "Undersøkelse konkludert", "nn": "Undersøking konkludert", "en": "Investigation concluded"},
    "plan": {"nb": "Aktivitetsplan", "nn": "Aktivitetsplan", "en": "Activity plan"},
    "measure_done": {"nb": "Tiltak gjennomført", "nn": "Tiltak gjennomført", "en": "Measure carried out"},
    "evaluation": {"nb": "Evaluering", "nn": "Evaluering", "en": "Evaluation"},
    "closed": {"nb": "Saken avsluttet", "nn": "Saka avslutta", "en": "Case closed"},
    "child_left": {"nb": "Eleven har sluttet", "nn": "Eleven har slutta", "en": "The pupil has left"},
    "child_left.kg": {"nb": "Barnet har sluttet", "nn": "Barnet har slutta", "en": "The child has left"},
    "raised_with_principal": {"nb": "Tatt opp med rektor", "nn": "Teke opp med rektor", "en": "Raised with the principal"},
    "raised_with_principal.kg": {
        "nb": "Tatt opp med styrer", "nn": "Teke opp med styrar", "en": "Raised with the kindergarten head",
    },
    "sf_report": {"nb": "Meldt til Statsforvalteren", "nn": "Meldt til Statsforvaltaren", "en": "Reported to Statsforvaltaren"},
    "sf_decision": {"nb": "Vedtak fra Statsforvalteren", "nn": "Vedtak frå Statsforvaltaren", "en": "Decision by Statsforvaltaren"},
    "sf_order_done": {"nb": "Pålegg gjennomført", "nn": "Pålegg gjennomført", "en": "Order carried out"},
    "coercive_fine": {"nb": "Tvangsmulkt", "nn": "Tvangsmulkt", "en": "Coercive fine"},
    "note": {"nb": "Notat", "nn": "Notat", "en": "Note"},
}

#: Names of event fields, and of their values (``field:value``).
FIELD_LABELS: Catalog = {
    "source": {"nb": "Kilde", "nn": "Kjelde", "en": "Source"},
    "source:observed": {"nb": "observert", "nn": "observert", "en": "observed"},
    "source:child_said": {"nb": "eleven sa fra", "nn": "eleven sa frå", "en": "the pupil said so"},
    "source:child_said.kg": {"nb": "barnet sa fra", "nn": "barnet sa frå", "en": "the child said so"},
    "source:guardian_said": {"nb": "foresatte sa fra", "nn": "føresette sa frå", "en": "the guardians said so"},
    "source:other_child_said": {"nb": "en annen elev sa fra", "nn": "ein annan elev sa frå", "en": "another pupil said so"},
    "source:other_child_said.kg": {"nb": "et annet barn sa fra", "nn": "eit anna barn sa frå", "en": "another child said so"},
    "source:staff_said": {"nb": "en ansatt sa fra", "nn": "ein tilsett sa frå", "en": "a staff member said so"},
    "source:survey": {"nb": "spørreundersøkelse", "nn": "spørjeundersøking", "en": "survey"},
    "source:other": {"nb": "annet", "nn": "anna", "en": "other"},
    "offender": {"nb": "Hvem som krenker", "nn": "Kven som krenkjer", "en": "Offender"},
    "offender:child": {"nb": "elev", "nn": "elev", "en": "pupil"},
    "offender:child.kg": {"nb": "barn", "nn": "barn", "en": "child"},
    "offender:staff": {"nb": "ansatt", "nn": "tilsett", "en": "staff member"},
    "offender:leadership": {"nb": "en i ledelsen", "nn": "ein i leiinga", "en": "a member of the leadership"},
    "offender:unknown": {"nb": "ukjent", "nn": "ukjend", "en": "unknown"},
    "offender:none": {"nb": "ingen", "nn": "ingen", "en": "none"},
    "serious": {"nb": "Alvorlig", "nn": "Alvorleg", "en": "Serious"},
    "to": {"nb": "Til", "nn": "Til", "en": "To"},
    "child_view": {"nb": "Elevens opplevelse", "nn": "Eleven si oppleving", "en": "The pupil's experience"},
    "child_view.kg": {"nb": "Barnets opplevelse", "nn": "Barnet si oppleving", "en": "The child's experience"},
    "child_view:safe": {"nb": "trygt og godt", "nn": "trygt og godt", "en": "safe and good"},
    "child_view:not_safe": {"nb": "ikke trygt og godt", "nn": "ikkje trygt og godt", "en": "not safe and good"},
    "child_view:unclear": {"nb": "uklart", "nn": "uklart", "en": "unclear"},
    "whom": {"nb": "Hørt", "nn": "Høyrt", "en": "Heard"},
    "whom:guardian": {"nb": "foresatte", "nn": "føresette", "en": "guardians"},
    "whom:other_child": {"nb": "andre elever", "nn": "andre elevar", "en": "other pupils"},
    "whom:other_child.kg": {"nb": "andre barn", "nn": "andre barn", "en": "other children"},
    "whom:staff": {"nb": "ansatte", "nn": "tilsette", "en": "staff"},
    "whom:other": {"nb": "andre", "nn": "andre", "en": "others"},
    "conclusion": {"nb": "Konklusjon", "nn": "Konklusjon", "en": "Conclusion"},
    "conclusion:safe": {"nb": "trygt og godt", "nn": "trygt og godt", "en": "safe and good"},
    "conclusion:not_safe": {"nb": "ikke trygt og godt", "nn": "ikkje trygt og godt", "en": "not safe and good"},
    "problem": {"nb": "Problembeskrivelse", "nn": "Problemskildring", "en": "Problem description"},
    "outcome": {"nb": "Resultat", "nn": "Resultat", "en": "Outcome"},
    "outcome:continue": {"nb": "fortsette tiltakene", "nn": "halde fram med tiltaka", "en": "continue the measures"},
    "outcome:revise": {"nb": "justere planen", "nn": "justere planen", "en": "revise the plan"},
    "outcome:close": {"nb": "avslutte saken", "nn": "avslutte saka", "en": "close the case"},
    "outcome:fulfilled": {"nb": "aktivitetsplikten er oppfylt", "nn": "aktivitetsplikta er oppfylt", "en": "the duty is fulfilled"},
    "outcome:not_fulfilled": {
        "nb": "aktivitetsplikten er ikke oppfylt", "nn": "aktivitetsplikta er ikkje oppfylt", "en": "the duty is not fulfilled",
    },
    "outcome:dismissed": {"nb": "avvist", "nn": "avvist", "en": "dismissed"},
    "orders": {"nb": "Pålegg", "nn": "Pålegg", "en": "Order"},
    "order": {"nb": "Pålegg", "nn": "Pålegg", "en": "Order"},
    "deadline": {"nb": "frist", "nn": "frist", "en": "deadline"},
    "measure": {"nb": "Tiltak", "nn": "Tiltak", "en": "Measure"},
    "plan": {
        "nb": "Versjon {version}: {count} tiltak; evaluering {dates}",
        "nn": "Versjon {version}: {count} tiltak; evaluering {dates}",
        "en": "Version {version}: {count} measures; evaluation {dates}",
    },
    "amount": {"nb": "Beløp", "nn": "Beløp", "en": "Amount"},
    "amount:value": {"nb": "{amount} kr", "nn": "{amount} kr", "en": "NOK {amount}"},
    "per:once": {"nb": "én gang", "nn": "éin gong", "en": "once"},
    "per:day": {"nb": "per dag", "nn": "per dag", "en": "per day"},
    "per:week": {"nb": "per uke", "nn": "per veke", "en": "per week"},
    "from": {"nb": "fra", "nn": "frå", "en": "from"},
}

ROLE_LABELS: Catalog = {
    "staff": {"nb": "ansatt", "nn": "tilsett", "en": "staff"},
    "teacher": {"nb": "lærer", "nn": "lærar", "en": "teacher"},
    "teacher.kg": {"nb": "pedagogisk leder", "nn": "pedagogisk leiar", "en": "pedagogical leader"},
    "principal": {"nb": "rektor", "nn": "rektor", "en": "principal"},
    "principal.kg": {"nb": "styrer", "nn": "styrar", "en": "kindergarten head"},
    "leadership": {"nb": "ledelsen", "nn": "leiinga", "en": "leadership"},
    "owner": {"nb": "skoleeier", "nn": "skoleeigar", "en": "school owner"},
    "owner.kg": {"nb": "barnehageeier", "nn": "barnehageeigar", "en": "kindergarten owner"},
    "guardian": {"nb": "foresatt", "nn": "føresett", "en": "guardian"},
    "child": {"nb": "eleven", "nn": "eleven", "en": "the pupil"},
    "child.kg": {"nb": "barnet", "nn": "barnet", "en": "the child"},
    "other_child": {"nb": "annen elev", "nn": "annan elev", "en": "other pupil"},
    "other_child.kg": {"nb": "annet barn", "nn": "anna barn", "en": "other child"},
    "ppt": {"nb": "PP-tjenesten", "nn": "PP-tenesta", "en": "educational psychology service"},
    "health": {"nb": "helsetjenesten", "nn": "helsetenesta", "en": "health service"},
    "other": {"nb": "annen", "nn": "annan", "en": "other"},
}

TARGET_LABELS: Catalog = {
    "child": {"nb": "eleven", "nn": "eleven", "en": "the pupil"},
    "child.kg": {"nb": "barnet", "nn": "barnet", "en": "the child"},
    "offender": {"nb": "den eller de som krenker", "nn": "den eller dei som krenkjer", "en": "the offender(s)"},
    "group": {"nb": "gruppen", "nn": "gruppa", "en": "the group"},
    "class": {"nb": "klassen", "nn": "klassen", "en": "the class"},
    "class.kg": {"nb": "barnegruppen", "nn": "barnegruppa", "en": "the children's group"},
    "staff": {"nb": "de ansatte", "nn": "dei tilsette", "en": "the staff"},
    "home": {"nb": "hjemmet", "nn": "heimen", "en": "the home"},
    "other": {"nb": "annet", "nn": "anna", "en": "other"},
}

#: The neutral word that replaces another child in a family copy.
NEUTRAL: Catalog = {
    "other_child": {"nb": "en annen elev", "nn": "ein annan elev", "en": "another pupil"},
    "other_child.kg": {"nb": "et annet barn", "nn": "eit anna barn", "en": "another child"},
}

MONTHS: Mapping[str, tuple[str, ...]] = {
    "nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"),
    "nn": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}

#: Language tags for the documents' properties and text.
LANGUAGE_TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}


def lang_of(lang: str | None) -> str:
    return lang if lang in ("nb", "nn", "en") else "nb"


def kindergarten(setting: str) -> bool:
    return setting == "kindergarten"


def t(catalog: Catalog, key: str, lang: str, kg: bool = False, /, **fields: object) -> str:
    """``key`` in ``lang``; with ``kg`` the kindergarten variant (``key.kg``) when there is one."""
    texts = catalog.get(key + _KG) if kg else None
    if texts is None:
        texts = catalog[key]
    text = texts.get(lang) or texts["nb"]
    return text.format(**fields) if fields else text


def value_label(name: str, value: object, lang: str, kg: bool = False) -> str:
    """A field value in words (``child_view`` ``not_safe`` → «ikkje trygt og godt»), or the value
    as written if it has no label."""
    key = f"{name}:{value}"
    if key in FIELD_LABELS:
        return t(FIELD_LABELS, key, lang, kg)
    if isinstance(value, bool):
        return t(LABELS, "yes" if value else "no", lang)
    return str(value)


# --------------------------------------------------------------------------------------------
# Dates and times


def fmt_date(day: date, lang: str) -> str:
    """A date in a table: 15.09.2025 (nb/nn), 15 Sep 2025 (en)."""
    if lang == "en":
        return f"{day.day} {MONTHS['en'][day.month - 1][:3]} {day.year}"
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def fmt_date_long(day: date, lang: str) -> str:
    """A date in prose: 15. september 2025 (nb/nn), 15 September 2025 (en)."""
    month = MONTHS.get(lang, MONTHS["nb"])[day.month - 1]
    if lang == "en":
        return f"{day.day} {month} {day.year}"
    return f"{day.day}. {month} {day.year}"


def fmt_event_time(event: Event, lang: str) -> str:
    """When an event happened, in Oslo time; a date-only event shows the date alone."""
    if not event.timed:
        return fmt_date(event.day, lang)
    local = event.at.astimezone(OSLO)
    kl = t(LABELS, "kl", lang)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    # A no-break space keeps «kl. 10:20» together when the date and time wrap in a narrow column.
    return f"{fmt_date(local.date(), lang)} {kl}\u00a0{clock}" if kl else f"{fmt_date(local.date(), lang)} {clock}"


def fmt_dates(days: Iterable[date], lang: str) -> str:
    return ", ".join(fmt_date(d, lang) for d in days)


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def fmt_when(when: str | None, lang: str) -> str | None:
    """A measure's ``when``: a date, an interval ``start/end``, or text as written."""
    if when is None:
        return None
    if "/" in when:
        start_text, _, end_text = when.partition("/")
        start, end = _iso_date(start_text), _iso_date(end_text)
        if start is not None and end is not None:
            sep = " – " if lang == "en" else "–"
            return f"{fmt_date(start, lang)}{sep}{fmt_date(end, lang)}"
        return when
    day = _iso_date(when)
    return fmt_date(day, lang) if day is not None else when


def period_text(start: date | None, end: date | None, lang: str) -> str:
    if start and end:
        sep = " – " if lang == "en" else "–"
        return f"{fmt_date(start, lang)}{sep}{fmt_date(end, lang)}"
    if start:
        return t(LABELS, "period.from", lang, d=fmt_date(start, lang))
    if end:
        return t(LABELS, "period.to", lang, d=fmt_date(end, lang))
    return t(LABELS, "period.all", lang)


def instant_utc(value: datetime) -> datetime:
    """An aware instant as naive UTC (what docProps holds)."""
    offset = value.utcoffset()
    naive = value.replace(tzinfo=None)
    return naive - offset if offset is not None else naive


# --------------------------------------------------------------------------------------------
# The law that applies

SCHOOL_2023_FROM = date(2024, 8, 1)


@dataclass(frozen=True, slots=True)
class Regime:
    """One version of the law as the documents cite it."""

    key: str  # oppl2023, oppl1998, bhl
    #: The law and chapter («opplæringslova (2023) kapittel 12»).
    chapter: str
    #: The written plan (§ 12-4 tredje ledd, § 9 A-4, bhl. § 42).
    plan_ref: LegalRef
    #: The enhanced duty where staff or leadership offend (§ 12-5, § 9 A-5, bhl. § 43).
    staff_ref: LegalRef
    #: Where the child's right to be heard and best interests come from (None: not cited).
    participation_ref: LegalRef | None
    #: The plan's fourth field: ``performer`` (2023 law) or ``responsible`` (1998 law, kindergartens).
    who_field: str


REGIMES: Mapping[str, Regime] = {
    "oppl2023": Regime(
        "oppl2023", "opplæringslova (2023) kapittel 12",
        LegalRef("opplæringslova", "§ 12-4", 3), LegalRef("opplæringslova", "§ 12-5"),
        LegalRef("opplæringslova", "§§ 10-1 og 10-2"), "performer",
    ),
    "oppl1998": Regime(
        "oppl1998", "opplæringslova (1998) kapittel 9 A",
        LegalRef("opplæringslova (1998)", "§ 9 A-4"), LegalRef("opplæringslova (1998)", "§ 9 A-5"),
        LegalRef("opplæringslova (1998)", "§ 9 A-4", 5), "responsible",
    ),
    "bhl": Regime(
        "bhl", "barnehageloven kapittel VIII",
        LegalRef("barnehageloven", "§ 42"), LegalRef("barnehageloven", "§ 43"),
        None, "responsible",
    ),
}


def regime_on(setting: str, day: date) -> Regime:
    """The law for a setting on a date (law.md § 2.4): kindergarten → barnehageloven; school and
    SFO → opplæringslova 2023 from 2024-08-01, opplæringslova 1998 chapter 9 A before."""
    if setting == "kindergarten":
        return REGIMES["bhl"]
    return REGIMES["oppl2023"] if day >= SCHOOL_2023_FROM else REGIMES["oppl1998"]


def staff_offender(case: CaseFile, upto: int | None = None) -> str | None:
    """``staff`` or ``leadership`` if a concern (up to event ``upto``) names such an offender."""
    found: str | None = None
    for event in case.events:
        if upto is not None and event.index > upto:
            break
        if event.type == "concern" and event.get("offender") in ("staff", "leadership"):
            if event.get("offender") == "leadership":
                return "leadership"
            found = "staff"
    return found


# --------------------------------------------------------------------------------------------
# People


def person_text(case: CaseFile, ref: str | None, lang: str) -> str:
    """A person id as «name (role)» when the id is in ``people``; otherwise the text as written.

    A person without a name is shown by id and role; another child by their name or id and the
    role, which a family copy then replaces.
    """
    if ref is None:
        return t(LABELS, "none", lang)
    person = case.person(ref)
    if person is None:
        return ref
    kg = kindergarten(case.case.setting)
    role = t(ROLE_LABELS, person.role, lang, kg) if person.role in ROLE_LABELS else person.role
    return f"{person.name or person.id} ({role})"


def child_text(case: CaseFile, lang: str) -> str:
    child = case.case.child
    name = child.name or child.id
    if child.grade is not None:
        return f"{name}, {t(LABELS, 'meta.grade', lang, grade=child.grade)}"
    if child.birth_date is not None:
        return f"{name}, {t(LABELS, 'meta.born', lang, date=fmt_date(child.birth_date, lang))}"
    return name


# --------------------------------------------------------------------------------------------
# Plans


def plan_events(case: CaseFile) -> list[tuple[int, Event]]:
    """The plan events with their version (the plan's ``version``, else its place among plans)."""
    out: list[tuple[int, Event]] = []
    for event in case.events:
        if event.type == "plan":
            plan = event.plan
            out.append((plan.version if plan.version is not None else len(out) + 1, event))
    return out


def measure_of(case: CaseFile, measure_id: str, upto: int) -> Measure | None:
    """The measure with this id in the latest plan before event ``upto``."""
    found: Measure | None = None
    for event in case.events[:upto]:
        if event.type == "plan":
            plan: Plan = event.plan
            for measure in plan.measures:
                if measure.id == measure_id:
                    found = measure
    return found


# --------------------------------------------------------------------------------------------
# Audit findings (the contract of ``actionloop.core.audit``)


class FindingLike(Protocol):
    """One finding per duty, as ``actionloop.core.audit.Finding`` gives it."""

    @property
    def duty(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def legal_ref(self) -> object: ...

    @property
    def events(self) -> Sequence[int]: ...

    @property
    def message(self) -> str: ...


def ref_text(ref: object) -> str:
    if ref is None or ref == "":
        return "—"
    return str(ref)


def duty_label(duty: str, lang: str, kg: bool = False) -> str:
    return t(DUTY_LABELS, duty, lang, kg) if duty in DUTY_LABELS else duty


def status_label(status: str, lang: str) -> str:
    return t(STATUS_LABELS, status, lang) if status in STATUS_LABELS else status


def duty_order(duty: str) -> int:
    return DUTIES.index(duty) if duty in DUTIES else len(DUTIES)


def case_variant(case: CaseFile) -> str:
    """Which deadlines apply: ``staff`` (staff or leadership suspected), ``serious``, or ``normal``."""
    if staff_offender(case):
        return "staff"
    for event in case.events:
        if event.type in ("concern", "serious") and event.get("serious") is True:
            return "serious"
    return "normal"


def deadline_text(finding: FindingLike, case: CaseFile, lang: str, workflow: WorkflowSpec | None = None) -> str:
    """When the duty had to be done: the finding's own ``deadline`` if the audit engine gives one;
    else what the law says for this duty («snarast», «straks» …), from the workflow in force when
    the case began if it is given, or from :data:`DUTY_TERMS`."""
    own = getattr(finding, "deadline", None)
    kg = kindergarten(case.case.setting)
    if isinstance(own, datetime):
        local = own.astimezone(OSLO) if own.tzinfo else own
        return f"{fmt_date(local.date(), lang)} {local.hour:02d}:{local.minute:02d}"
    if isinstance(own, date):
        return fmt_date(own, lang)
    duty = finding.duty
    variant = case_variant(case)
    text: str | None = None
    if workflow is not None and duty in workflow.duties:
        spec = workflow.duties[duty].deadline(variant)
        if spec is not None:
            text = spec.legal_term(lang)
    if text is None:
        if duty not in DUTY_TERMS:
            return t(LABELS, "none", lang)
        key = f"{duty}.staff" if variant == "staff" and f"{duty}.staff" in DUTY_TERMS else duty
        text = t(DUTY_TERMS, key, lang, kg)
    if duty == "evaluate":
        days = sorted({d for _, e in plan_events(case) for d in e.plan.evaluations})
        if days:
            text += f" ({fmt_dates(days, lang)})"
    return text


# --------------------------------------------------------------------------------------------
# Redaction of other children (family copies)

def _name_tokens(name: str) -> list[str]:
    return [tok for tok in re.split(r"[\s\-]+", name) if len(tok) >= 2]


@dataclass(frozen=True)
class Redactor:
    """Replaces other children's names and ids with a neutral word.

    Full names and ids are matched whole, in any case; single parts of a name (a first name, a
    surname) as written, except parts of the case child's own name. Where texts overlap the
    longest wins, and the full names of everyone else in the case are left alone: a teacher who
    shares a surname with another child keeps it. A genitive (Larss, Lars') keeps its ending.
    """

    neutral: str
    genitive: str
    names: tuple[str, ...]
    ids: tuple[str, ...]
    tokens: tuple[str, ...]
    protected: tuple[str, ...]
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def for_case(cls, case: CaseFile, lang: str | None = None) -> Redactor:
        lang = lang_of(lang or case.case.lang)
        kg = kindergarten(case.case.setting)
        own = case.case.child
        others = [p for p in case.people if p.role == "other_child" or (p.role == "child" and p.id != own.id)]
        other_ids = {p.id for p in others}
        given = {p.name.strip() for p in others if p.name and p.name.strip()}
        ids = {p.id for p in others if p.id != own.id}
        own_names = [own.name or ""] + [p.name or "" for p in case.people if p.id == own.id]
        own_tokens = {tok.casefold() for n in own_names for tok in _name_tokens(n)}
        tokens = {tok for n in given for tok in _name_tokens(n) if tok.casefold() not in own_tokens}
        # A name of one word is matched like a part of a name: as written ("Per", not "per").
        names = {n for n in given if len(_name_tokens(n)) > 1 or not n.isalpha()}
        # «Lina Sætre (annan elev)», as people are shown, goes as a whole.
        role = t(ROLE_LABELS, "other_child", lang, kg)
        names |= {f"{n} ({role})" for n in given} | {f"{i} ({role})" for i in ids}
        folded = {n.casefold() for n in given} | {i.casefold() for i in ids}
        protected = {
            n.strip() for n in [own.name or ""] + [p.name or "" for p in case.people if p.id not in other_ids]
            if n.strip() and n.strip().casefold() not in folded
        }
        return cls(
            neutral=t(NEUTRAL, "other_child", lang, kg),
            genitive="'s" if lang == "en" else "s",
            names=tuple(sorted(names)), ids=tuple(sorted(ids)),
            tokens=tuple(sorted(tokens)), protected=tuple(sorted(protected)),
        )

    @property
    def active(self) -> bool:
        return bool(self.names or self.ids or self.tokens)

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            whole = sorted({*self.protected, *self.names, *self.ids}, key=lambda s: (-len(s), s))
            tokens = sorted(set(self.tokens), key=lambda s: (-len(s), s))
            alternatives = []
            if whole:
                alternatives.append("(?P<whole>(?i:" + "|".join(map(re.escape, whole)) + "))")
            if tokens:
                alternatives.append("(?P<token>" + "|".join(map(re.escape, tokens)) + ")")
            body = "|".join(alternatives) or "(?!)"
            pattern = re.compile(r"(?<!\w)(?:" + body + r")(?P<gen>s|['’]s?)?(?!\w)")
            object.__setattr__(self, "_pattern", pattern)
        assert self._pattern is not None
        return self._pattern

    def __call__(self, text: str) -> str:
        if not self.active or not text:
            return text
        keep = {p.casefold() for p in self.protected}

        def swap(m: re.Match[str]) -> str:
            whole = m.groupdict().get("whole")
            if whole is not None and whole.casefold() in keep:
                return m.group(0)
            word = self.neutral
            before = text[: m.start()].rstrip(" \t\"'«(“")
            if not before or before.endswith((".", "!", "?", ":", "\n")):
                word = word[:1].upper() + word[1:]
            return word + (self.genitive if m.group("gen") else "")

        out = self._compiled().sub(swap, text)
        # «ein annan elev (ein annan elev)» says nothing twice.
        twice = f"{self.neutral} ({self.neutral})"
        if twice.casefold() in out.casefold():
            out = re.sub(re.escape(twice), lambda m: m.group(0)[: len(self.neutral)], out, flags=re.IGNORECASE)
        return out


def family_copy(view: DocumentView, case: CaseFile) -> DocumentView:
    """The family's copy of a view: other children's names and ids replaced everywhere."""
    return map_text(view, Redactor.for_case(case, view.lang))
