"""PDF through LibreOffice (skipped without it, unless ACTIONLOOP_REQUIRE_LIBREOFFICE=1)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docs_helpers import EXAMPLES, example
from typer.testing import CliRunner

from actionloop.adapters.docs import activity_plan_docx, docx_to_pdf
from actionloop.cli import app

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def test_plan_converts_to_pdf(tmp_path: Path) -> None:
    pdf = docx_to_pdf(activity_plan_docx(example("school-2025-handled-well")))
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        target = tmp_path / "plan.pdf"
        target.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, check=True, text=True).stdout
        assert "Aktivitetsplan" in text
        assert "Kva problem tiltaka skal løyse" in text
        assert "Side 1 av" in text


def test_cli_writes_docx_and_pdf(tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(
        app, ["document", "plan", str(EXAMPLES / "kindergarten-2025-staff-offender.json"), "--out", str(out), "--pdf"],
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
