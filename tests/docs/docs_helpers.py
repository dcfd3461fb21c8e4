"""Helpers for the document tests: read a .docx back into a text outline, list its XML parts,
compare with golden files, and build cases and findings."""

from __future__ import annotations

import copy
import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from actionloop.core.casefile import from_dict
from actionloop.core.model import CaseFile
from actionloop.docview import regime_on

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden" / "docs"
#: ACTIONLOOP_REGEN_GOLDEN=1 rewrites the golden outlines from the current output (then review the diff).
REGEN = os.environ.get("ACTIONLOOP_REGEN_GOLDEN") == "1"

OUTLINE_STYLES = {
    "Title": "TITLE",
    "Subtitle": "SUBTITLE",
    "Heading 1": "H1",
    "Heading 2": "H2",
    "Heading 3": "H3",
    "List Bullet": "LI",
    "caption": "CAPTION",
    "Caption": "CAPTION",
    "Action Mono": "MONO",
    "Action Small": "SMALL",
}


def _show(text: str) -> str:
    return text.replace("\n", "⏎").replace("\t", "⇥")


def paragraph_line(p: Paragraph) -> str | None:
    drawings = p._p.findall(f".//{qn('wp:docPr')}")
    if drawings:
        return "IMAGE: " + " | ".join(d.get("descr", "") for d in drawings)
    if not p.text:
        return None
    style = p.style.name if p.style is not None else "Normal"
    return f"{OUTLINE_STYLES.get(style, 'P')}: {_show(p.text)}"


def cell_text(cell: Any) -> str:
    return " ¶ ".join(_show(p.text) for p in cell.paragraphs if p.text)


def outline(data: bytes) -> list[str]:
    """The document as lines: properties, header, footer, then every paragraph and table row."""
    doc = Document(io.BytesIO(data))
    core = doc.core_properties
    lines = [
        f"PROP title: {core.title}",
        f"PROP subject: {core.subject}",
        f"PROP author: {core.author}",
        f"PROP created: {core.created.isoformat() if core.created else ''}",
        f"PROP modified: {core.modified.isoformat() if core.modified else ''}",
        f"PROP language: {core.language}",
        f"PROP keywords: {core.keywords}",
        f"PROP identifier: {core.identifier}",
        f"PROP version: {core.version}",
        f"PROP status: {core.content_status}",
    ]
    section = doc.sections[0]
    lines.append("HEADER: " + " / ".join(_show(p.text) for p in section.header.paragraphs if p.text))
    footer = section.footer._element
    footer_text = "".join(t.text or "" for t in footer.iter(qn("w:t")))
    fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    lines.append(f"FOOTER: {_show(footer_text)} [{', '.join(fields)}]")
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            rows = block.rows
            for number, row in enumerate(rows):
                prefix = "TABLE" if number == 0 else "ROW"
                lines.append(f"{prefix}: " + " | ".join(cell_text(c) for c in row.cells))
        else:
            line = paragraph_line(block)
            if line is not None:
                lines.append(line)
    return lines


def body_texts(data: bytes) -> list[str]:
    """Every paragraph text in the body, cells included, exactly as stored."""
    doc = Document(io.BytesIO(data))
    out: list[str] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for c in row.cells:
                    out.extend(p.text for p in c.paragraphs)
        else:
            out.append(block.text)
    return out


def xml_parts(data: bytes) -> dict[str, str]:
    """Every XML part of the package (document, header, footer, properties, rels …) as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {
            name: zf.read(name).decode("utf-8")
            for name in zf.namelist()
            if name.endswith((".xml", ".rels"))
        }


def check_golden(name: str, lines: list[str]) -> None:
    """Compare an outline with ``tests/golden/docs/<name>.txt`` (or write it when regenerating)."""
    path = GOLDEN / f"{name}.txt"
    text = "\n".join(lines) + "\n"
    if REGEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        if not REGEN:
            raise AssertionError(f"{path} did not exist; it was written now — review it and run again")
        return
    expected = path.read_text("utf-8")
    if text != expected:
        import difflib

        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), text.splitlines(keepends=True), str(path), "output", n=1,
        ))
        raise AssertionError(f"outline differs from {path} (ACTIONLOOP_REGEN_GOLDEN=1 to accept):\n{diff}")


def example_dict(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text("utf-8"))
    return data


def case_of(data: dict[str, Any]) -> CaseFile:
    return from_dict(copy.deepcopy(data))


def example(name: str, **changes: Any) -> CaseFile:
    data = example_dict(name)
    for key, value in changes.items():
        data["case"][key] = value
    return case_of(data)


@dataclass(frozen=True)
class FakeFinding:
    """A finding as ``actionloop.core.audit.Finding`` gives it (the contract)."""

    duty: str
    status: str
    legal_ref: str
    events: tuple[int, ...]
    message: str


AS_OF = date(2025, 12, 1)


def fixed_findings(case: CaseFile) -> list[FakeFinding]:
    """Ten findings with fixed texts, so that golden outlines do not follow the audit engine."""
    last = len(case.events) - 1
    ref = regime_on(case.case.setting, case.events[0].day).plan_ref
    ref_law = f"{ref.law} {ref.section}"
    return [
        FakeFinding("monitor", "fulfilled", f"{ref_law} første ledd", (0,), "Fulgte med."),
        FakeFinding("intervene", "not_applicable", f"{ref_law} første ledd", (), ""),
        FakeFinding("report_to_principal", "breached", f"{ref_law} andre ledd", (0, 1),
                    "Meldt 13 arbeidsdager etter bekymringen."),
        FakeFinding("report_to_owner", "not_applicable", f"{ref_law} andre ledd", (), ""),
        FakeFinding("investigate", "fulfilled", f"{ref_law} andre ledd", (1, 2), "Undersøkt samme dag."),
        FakeFinding("hear_child", "warning", f"{ref_law} andre ledd", (3,), "Hørt etter lokal frist."),
        FakeFinding("measures", "fulfilled", f"{ref_law} andre ledd", (7,), "Tiltak satt inn."),
        FakeFinding("written_plan", "fulfilled", f"{ref_law} tredje ledd", (7,), "Planen har alle feltene."),
        FakeFinding("evaluate", "not_assessable", f"{ref_law} tredje ledd", (last,), "For lite i saken."),
        FakeFinding("document", "fulfilled", f"{ref_law} fjerde ledd", tuple(range(last + 1)), "Dokumentert."),
    ]
