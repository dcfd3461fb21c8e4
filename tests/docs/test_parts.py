"""The smaller parts: text fragments, the chart, the checksum, file names and atomic writes,
letterheads."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zlib
from pathlib import Path

import pytest
from docs_helpers import case_of, example, example_dict, outline, xml_parts
from docx import Document
from docx.shared import Cm

from actionloop.adapters.docs import LetterheadError, activity_plan_docx, safe_filename, write_atomic
from actionloop.adapters.docs.chart import hex_color, stacked_bars
from actionloop.adapters.docs.files import content_disposition
from actionloop.adapters.docs.fragments import LANGUAGES, fragment, macro_arguments, macro_names
from actionloop.core.integrity import events_digest

# --- fragments --------------------------------------------------------------------------------

SAMPLE = {
    "main": "opplæringslova § 12-4 tredje ledd", "plan_date": "1. mai 2025", "staff": "opplæringslova § 12-5",
    "offender": "staff", "participation": "opplæringslova §§ 10-1 og 10-2", "kg": False, "neutral": "en annen elev",
    "count": 3, "as_of": "1. mai 2025", "family": True, "period": "01.01.2025–31.12.2025",
}


def test_every_language_has_the_same_fragments() -> None:
    names = {lang: macro_names(lang) for lang in LANGUAGES}
    assert names["nb"] == names["nn"] == names["en"]
    assert len(names["nb"]) >= 10


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kg", [False, True])
def test_fragments_render_as_one_clean_line(lang: str, kg: bool) -> None:
    for name in sorted(macro_names(lang)):
        args = {a: (kg if a == "kg" else SAMPLE[a]) for a in macro_arguments(lang, name)}
        text = fragment(lang, name, **args)
        assert text and "\n" not in text and "  " not in text, (lang, name, text)
        assert "{" not in text and "}" not in text, (lang, name)
        assert text[0].isupper() or text[0] in "«“", (lang, name, text)


# --- chart ------------------------------------------------------------------------------------


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, out = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        out.append((kind, body))
        pos += 12 + length
    return out


def test_chart_is_a_valid_png_with_the_status_colours() -> None:
    colors = [hex_color(c) for c in ("70AD47", "E0524F", "F4B942", "A6A6A6", "D9D9D9")]
    rows = [[3, 1, 0, 0, 0], [0, 0, 0, 4, 0], [1, 1, 1, 1, 0]] + [[0] * 5] * 7
    data = stacked_bars(rows, colors)
    chunks = _png_chunks(data)
    assert [k for k, _ in chunks] == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]
    width, height, depth, kind = struct.unpack(">IIBB", chunks[0][1][:10])
    assert (depth, kind) == (8, 2)
    raw = zlib.decompress(chunks[2][1])
    assert len(raw) == height * (1 + 3 * width)
    pixels = {raw[i : i + 3] for row in range(height) for i in range(row * (1 + 3 * width) + 1, (row + 1) * (1 + 3 * width), 3)}
    for color in colors[:4]:
        assert bytes(color) in pixels
    assert stacked_bars(rows, colors) == data  # the same input, the same bytes


def test_chart_with_no_findings() -> None:
    assert _png_chunks(stacked_bars([[0] * 5] * 10, [(0, 0, 0)] * 5))


# --- checksum ---------------------------------------------------------------------------------


def test_events_digest_is_sha256_of_canonical_events() -> None:
    data = example_dict("school-2025-late-report")
    case = case_of(data)
    canonical = json.dumps(data["events"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert events_digest(case) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_events_digest_sees_every_change_to_events_and_only_those() -> None:
    data = example_dict("school-2025-late-report")
    base = events_digest(case_of(data))
    data["case"]["unit"]["name"] = "Anna skule"
    assert events_digest(case_of(data)) == base  # the digest covers the events
    data["events"][3]["text"] = data["events"][3]["text"] + "."
    assert events_digest(case_of(data)) != base
    reordered = example_dict("school-2025-late-report")
    reordered["events"][0] = dict(reversed(list(reordered["events"][0].items())))
    assert events_digest(case_of(reordered)) == base  # key order does not matter


def test_log_prints_the_digest() -> None:
    from docs_helpers import AS_OF

    from actionloop.adapters.docs import case_log_docx

    case = example("school-2025-late-report")
    assert f"MONO: SHA-256: {events_digest(case)}" in outline(case_log_docx(case, None, as_of=AS_OF))


# --- file names, atomic writes ---------------------------------------------------------------


@pytest.mark.parametrize(("case_id", "kind", "expected"), [
    ("nordli-2025-014", "plan", "aktivitetsplan-nordli-2025-014.docx"),
    ("nordli-2025-014", "log-family", "saksgang-familiekopi-nordli-2025-014.docx"),
    ("Bø skule/../../etc", "audit", "tilsynsrapport-Bo-skule-etc.docx"),
    ("sak.2025.7", "plan", "aktivitetsplan-sak-2025-7.docx"),
    ("Åsen «sak» 7", "plan", "aktivitetsplan-Asen-sak-7.docx"),
    ("..", "log", "saksgang-sak.docx"),
    ("ærfugl æøå", "notat", "notat-aerfugl-aeoa.docx"),
    ("😀", "plan", "aktivitetsplan-sak.docx"),
])
def test_safe_filename(case_id: str, kind: str, expected: str) -> None:
    name = safe_filename(case_id, kind)
    assert name == expected
    assert name.isascii() and "/" not in name and not name.startswith(".")


def test_safe_filename_pdf_and_length() -> None:
    assert safe_filename("a" * 500, "plan", "pdf").endswith(".pdf")
    assert len(safe_filename("a" * 500, "plan")) <= 120


def test_content_disposition() -> None:
    name = safe_filename("Åsen «sak» 7", "plan")
    assert content_disposition(name) == 'attachment; filename="aktivitetsplan-Asen-sak-7.docx"'
    assert content_disposition('x"; y.docx') == 'attachment; filename="x-y.docx"'


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


# --- letterhead -------------------------------------------------------------------------------


def _letterhead() -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(3)
    section.header.paragraphs[0].text = "Eksempel kommune – Oppvekst og utdanning"
    section.footer.paragraphs[0].text = "Postadresse: Postboks 1, 0001 Eksempel"
    doc.add_paragraph("Brevmal – denne teksten skal bort")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_letterhead_header_and_footer_are_kept() -> None:
    data = activity_plan_docx(example("school-2025-handled-well"), letterhead=_letterhead())
    doc = Document(io.BytesIO(data))
    assert doc.sections[0].header.paragraphs[0].text == "Eksempel kommune – Oppvekst og utdanning"
    assert doc.sections[0].footer.paragraphs[0].text == "Postadresse: Postboks 1, 0001 Eksempel"
    text = "\n".join(outline(data))
    assert "Brevmal" not in text
    assert "H1: 1. Kva problem tiltaka skal løyse" in text
    assert "SMALL: Nordli skule · Aktivitetsplan, versjon 1 · Saksnummer nordli-2025-014" in text
    # Bullets point at a list the document defines.
    numbering = xml_parts(data)["word/numbering.xml"]
    styles = xml_parts(data)["word/styles.xml"]
    num_id = styles.split('w:styleId="ListBullet"')[1].split('w:numId w:val="')[1].split('"')[0]
    assert f'w:numId="{num_id}"' in numbering


def _without_numbering(data: bytes) -> bytes:
    """The same package without word/numbering.xml (as many letterheads from Word are)."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "word/numbering.xml":
                continue
            blob = source.read(item.filename)
            if item.filename in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                blob = re.sub(rb"<(Relationship|Override)[^>]*numbering[^>]*/>", b"", blob)
            target.writestr(item, blob)
    return out.getvalue()


def test_letterhead_without_lists() -> None:
    letterhead = _without_numbering(_letterhead())
    assert "word/numbering.xml" not in xml_parts(letterhead)
    data = activity_plan_docx(example("school-2025-handled-well"), letterhead=letterhead)
    parts = xml_parts(data)
    numbering = next(text for name, text in parts.items() if "numbering" in name and name.endswith(".xml"))
    assert 'w:numId="1"' in numbering
    assert "LI: 26. september 2025" in outline(data)


def test_a_letterhead_that_is_not_a_docx() -> None:
    with pytest.raises(LetterheadError):
        activity_plan_docx(example("school-2025-handled-well"), letterhead=b"not a zip")
