"""PDF through LibreOffice: ``soffice --headless --convert-to pdf``, one throwaway profile per run.

LibreOffice is optional. When it is missing, :func:`docx_to_pdf` raises :class:`PdfUnavailable`
with a message in Norwegian. A conversion takes about a second (the process starts each time),
so the API should run it as a background job, not inside a request.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from actionloop.core.errors import ActionloopError

PDF_MEDIA_TYPE = "application/pdf"
#: Environment variable naming the soffice program, if it is not on PATH.
SOFFICE_ENV = "ACTIONLOOP_SOFFICE"


class PdfUnavailable(ActionloopError):
    """LibreOffice is not installed (or not found)."""


class PdfConversionError(ActionloopError):
    """LibreOffice ran but made no PDF."""


def find_soffice() -> str | None:
    """The path of LibreOffice's ``soffice`` (``$ACTIONLOOP_SOFFICE``, else on PATH), or None."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    program = find_soffice()
    if program is None:
        raise PdfUnavailable(
            "kan ikke lage PDF: LibreOffice (soffice) er ikke installert. Installer pakken "
            "libreoffice-writer-nogui (Debian/Ubuntu), eller oppgi programmet i "
            f"{SOFFICE_ENV}. Word-filen kan lages uten --pdf."
        )
    return program


def docx_to_pdf(data: bytes, *, timeout: float = 180.0) -> bytes:
    """The PDF of a .docx (bytes in, bytes out)."""
    program = require_soffice()
    with tempfile.TemporaryDirectory(prefix="actionloop-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(data)
        profile = (folder / "profile").as_uri()
        command = [
            program, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
            "--convert-to", "pdf", "--outdir", str(folder), str(source),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False, cwd=folder)
        except subprocess.TimeoutExpired:
            raise PdfConversionError(f"LibreOffice brukte mer enn {timeout:.0f} sekunder på PDF-en") from None
        except OSError as exc:
            raise PdfUnavailable(f"kan ikke starte LibreOffice ({program}): {exc}") from None
        target = folder / "document.pdf"
        if result.returncode != 0 or not target.is_file():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
            raise PdfConversionError(
                "LibreOffice laget ingen PDF" + (f": {detail[-1]}" if detail else f" (kode {result.returncode})")
            )
        return target.read_bytes()
