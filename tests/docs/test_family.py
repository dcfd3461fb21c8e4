"""The family's copy: no other child's name or id anywhere in the file — body, header, footer,
core/app/custom properties, relationships — as offentleglova § 13 and forvaltningsloven § 13
require. Every XML part of the package is unzipped and searched."""

from __future__ import annotations

import html

import pytest
from cases import OTHER_CHILDREN, SECRETS, family_case, family_dict
from docs_helpers import AS_OF, case_of, fixed_findings, xml_parts

from actionloop.adapters.docs import activity_plan_docx, case_log_docx, log_view, plan_view
from actionloop.core.model import CaseFile
from actionloop.docview import iter_text


def _leaks(data: bytes, secrets: list[str]) -> list[str]:
    found = []
    for name, xml in xml_parts(data).items():
        for secret in secrets:
            for form in {secret, html.escape(secret, quote=True), secret.upper()}:
                if form in xml:
                    found.append(f"{secret!r} in {name}")
        for person in OTHER_CHILDREN:  # ids and full names in any case
            for secret in (person["id"], person["name"]):
                if secret.casefold() in xml.casefold():
                    found.append(f"{secret!r} (any case) in {name}")
    return found


def _documents(case: CaseFile, family: bool) -> dict[str, bytes]:
    return {
        "plan": activity_plan_docx(case, family=family),
        "log": case_log_docx(case, fixed_findings(case), as_of=AS_OF, family=family),
    }


@pytest.mark.parametrize("kind", ["plan", "log"])
def test_family_copy_holds_no_other_child(kind: str) -> None:
    data = _documents(family_case(), family=True)[kind]
    assert _leaks(data, SECRETS) == []
    text = "\n".join(xml_parts(data).values())
    assert "ein annan elev" in text.casefold()
    # The child's own name and the staff stay.
    assert "Emma" in text and "Per Hansen" in text


@pytest.mark.parametrize("kind", ["plan", "log"])
def test_the_ordinary_copy_names_them(kind: str) -> None:
    """The search above would catch a leak: the copy for the school does hold the names."""
    data = _documents(family_case(), family=False)[kind]
    assert _leaks(data, SECRETS)


def test_kindergarten_family_copy_uses_its_own_word() -> None:
    data = family_dict()
    data["case"]["setting"] = "kindergarten"
    data["case"]["language"] = "nb"
    case = case_of(data)
    for kind, doc in _documents(case, family=True).items():
        assert _leaks(doc, SECRETS) == [], kind
        assert "et annet barn" in "\n".join(xml_parts(doc).values()).casefold()


def test_english_family_copy() -> None:
    data = family_dict()
    data["case"]["language"] = "en"
    doc = activity_plan_docx(case_of(data), family=True)
    assert _leaks(doc, SECRETS) == []
    assert "another pupil" in "\n".join(xml_parts(doc).values()).casefold()


def test_other_child_named_in_unit_and_properties_is_replaced() -> None:
    """Even where no one would put a name — the unit's name ends up in header and properties."""
    data = family_dict()
    data["case"]["unit"]["name"] = "Skulen til Lina Sætre"
    doc = activity_plan_docx(case_of(data), family=True)
    assert _leaks(doc, SECRETS) == []


def test_a_case_without_other_children_is_unchanged_but_marked() -> None:
    case = case_of(family_dict() | {"people": [p for p in family_dict()["people"] if p["role"] != "other_child"]})
    plain = xml_parts(activity_plan_docx(case))["word/document.xml"]
    family = xml_parts(activity_plan_docx(case, family=True))["word/document.xml"]
    assert "Lina Sætre" in plain and "Lina Sætre" in family  # not known as a child: not replaced
    assert "offentleglova § 13" in family and "offentleglova § 13" not in plain


def test_every_text_of_the_family_view_is_clean() -> None:
    """The same check on the view, before any Word: every string, properties and alt texts too."""
    case = family_case()
    for view in (plan_view(case, family=True), log_view(case, fixed_findings(case), as_of=AS_OF, family=True)):
        texts = list(iter_text(view))
        assert texts
        for text in texts:
            for secret in SECRETS:
                assert secret not in text, (secret, text)
