"""What the document builders share: the facts at the top, the family notice, the page header,
error messages, and the output formats."""

from __future__ import annotations

from datetime import datetime

from actionloop.adapters.docs.fragments import fragment
from actionloop.core.clock import OSLO
from actionloop.core.i18n import Catalog, tr
from actionloop.core.model import CaseFile
from actionloop.docview import (
    LABELS,
    NEUTRAL,
    DocumentView,
    Para,
    Run,
    child_text,
    family_copy,
    kindergarten,
    t,
)

#: Error messages (the command line speaks bokmål).
MESSAGES: Catalog = {
    "no_plan": {
        "nb": "saken {case} har ingen plan (ingen hendelse av typen «plan»), så det finnes ingen aktivitetsplan å lage",
        "nn": "saka {case} har ingen plan (inga hending av typen «plan»), så det finst ingen aktivitetsplan å lage",
        "en": "the case {case} has no plan (no event of type «plan»), so there is no activity plan to make",
    },
    "no_version": {
        "nb": "saken {case} har ingen plan med versjon {version}; versjonene er: {versions}",
        "nn": "saka {case} har ingen plan med versjon {version}; versjonane er: {versions}",
        "en": "the case {case} has no plan with version {version}; the versions are: {versions}",
    },
    "no_cases": {
        "nb": "ingen saker passer til utvalget ({scope}); rapporten ville vært tom",
        "nn": "ingen saker passar til utvalet ({scope}); rapporten ville vore tom",
        "en": "no case matches the selection ({scope}); the report would be empty",
    },
}

#: When a case has no events at all, its documents are dated by this fixed instant.
NO_DATE = datetime(2000, 1, 1, tzinfo=OSLO)


def message(key: str, lang: str = "nb", **fields: object) -> str:
    return tr(MESSAGES, key, lang, **fields)


def case_facts(case: CaseFile, lang: str) -> list[tuple[str, str]]:
    """Unit, owner, child and case number, as label/value rows."""
    kg = kindergarten(case.case.setting)
    unit = case.case.unit
    rows = [(t(LABELS, "meta.unit", lang, kg), unit.name)]
    if unit.owner:
        rows.append((t(LABELS, "meta.owner", lang, kg), unit.owner))
    rows.append((t(LABELS, "meta.child", lang, kg), child_text(case, lang)))
    rows.append((t(LABELS, "meta.case", lang), case.id))
    return rows


def family_label(case: CaseFile, lang: str) -> str:
    return t(LABELS, "doc.family", lang, kindergarten(case.case.setting))


def family_notice(case: CaseFile, lang: str) -> Para:
    kg = kindergarten(case.case.setting)
    text = fragment(lang, "family_notice", neutral=t(NEUTRAL, "other_child", lang, kg), kg=kg)
    return Para((Run(text, italic=True),), "small")


def header_text(case: CaseFile, title: str, lang: str, family: bool) -> str:
    parts = [case.case.unit.name, title, f"{t(LABELS, 'meta.case', lang)} {case.id}"]
    if family:
        parts.append(family_label(case, lang))
    return " · ".join(parts)


def page_words(lang: str) -> tuple[str, str]:
    return t(LABELS, "page", lang), t(LABELS, "page_of", lang)


def finish(view: DocumentView, case: CaseFile, family: bool) -> DocumentView:
    """The view as given, or its family copy (other children replaced everywhere)."""
    return family_copy(view, case) if family else view
