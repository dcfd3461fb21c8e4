"""A :class:`~actionloop.docview.DocumentView` as a Word document (python-docx).

The body is written as WordprocessingML elements with style ids resolved once (no style lookups
by name, which are a third of python-docx's build time); all text goes in as element text, so it
is escaped by lxml — nothing here builds XML from strings. Text is cleaned first
(:func:`~actionloop.docview.clean_text`): line breaks become ``w:br``, tabs ``w:tab``, and
characters XML cannot hold are replaced.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree  # python-docx's own XML library

from actionloop.adapters.docs.base import PARA_STYLE_IDS, TABLE_STYLE_IDS, Base, base_for
from actionloop.docview import (
    LANGUAGE_TAGS,
    Block,
    Cell,
    DocumentView,
    Para,
    Picture,
    Properties,
    Run,
    Table,
    clean_text,
    instant_utc,
)

_W_P = qn("w:p")
_W_PPR = qn("w:pPr")
_W_PSTYLE = qn("w:pStyle")
_W_R = qn("w:r")
_W_RPR = qn("w:rPr")
_W_T = qn("w:t")
_W_BR = qn("w:br")
_W_TAB = qn("w:tab")
_W_B = qn("w:b")
_W_I = qn("w:i")
_W_RFONTS = qn("w:rFonts")
_W_VAL = qn("w:val")
_W_TBL = qn("w:tbl")
_W_TBLPR = qn("w:tblPr")
_W_TBLSTYLE = qn("w:tblStyle")
_W_TBLW = qn("w:tblW")
_W_TBLLAYOUT = qn("w:tblLayout")
_W_TBLLOOK = qn("w:tblLook")
_W_TBLGRID = qn("w:tblGrid")
_W_GRIDCOL = qn("w:gridCol")
_W_TR = qn("w:tr")
_W_TRPR = qn("w:trPr")
_W_TBLHEADER = qn("w:tblHeader")
_W_CANTSPLIT = qn("w:cantSplit")
_W_TC = qn("w:tc")
_W_TCPR = qn("w:tcPr")
_W_TCW = qn("w:tcW")
_W_SHD = qn("w:shd")
_W_W = qn("w:w")
_W_TYPE = qn("w:type")
_W_FILL = qn("w:fill")
_W_COLOR = qn("w:color")
_W_FLDSIMPLE = qn("w:fldSimple")
_W_INSTR = qn("w:instr")
_W_ASCII = qn("w:ascii")
_W_HANSI = qn("w:hAnsi")
_W_CS = qn("w:cs")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_BREAKS = re.compile(r"([\t\n])")
_MONO = "Courier New"

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _sub(parent: etree._Element, tag: str) -> etree._Element:
    return etree.SubElement(parent, tag)


def _run(parent: etree._Element, run: Run) -> None:
    text = clean_text(run.text)
    r = _sub(parent, _W_R)
    if run.bold or run.italic or run.mono:
        rpr = _sub(r, _W_RPR)
        if run.mono:
            fonts = _sub(rpr, _W_RFONTS)
            fonts.set(_W_ASCII, _MONO)
            fonts.set(_W_HANSI, _MONO)
            fonts.set(_W_CS, _MONO)
        if run.bold:
            _sub(rpr, _W_B)
        if run.italic:
            _sub(rpr, _W_I)
    if "\n" not in text and "\t" not in text:
        if text:
            t = _sub(r, _W_T)
            t.set(_XML_SPACE, "preserve")
            t.text = text
        return
    for piece in _BREAKS.split(text):
        if piece == "\n":
            _sub(r, _W_BR)
        elif piece == "\t":
            _sub(r, _W_TAB)
        elif piece:
            t = _sub(r, _W_T)
            t.set(_XML_SPACE, "preserve")
            t.text = piece


def _paragraph(para: Para) -> etree._Element:
    p = etree.Element(_W_P)
    style = PARA_STYLE_IDS.get(para.style, "Normal")
    if style != "Normal":
        ppr = _sub(p, _W_PPR)
        _sub(ppr, _W_PSTYLE).set(_W_VAL, style)
    for run in para.runs:
        _run(p, run)
    return p


def _table(table: Table, text_width: int) -> etree._Element:
    tbl = etree.Element(_W_TBL)
    pr = _sub(tbl, _W_TBLPR)
    _sub(pr, _W_TBLSTYLE).set(_W_VAL, TABLE_STYLE_IDS.get(table.kind, "ActionGrid"))
    width = _sub(pr, _W_TBLW)
    width.set(_W_W, str(text_width))
    width.set(_W_TYPE, "dxa")
    _sub(pr, _W_TBLLAYOUT).set(_W_TYPE, "fixed")
    look = _sub(pr, _W_TBLLOOK)
    look.set(_W_VAL, "04A0")
    total = sum(table.widths) or 1.0
    cols = [max(int(text_width * w / total), 300) for w in table.widths]
    grid = _sub(tbl, _W_TBLGRID)
    for col in cols:
        _sub(grid, _W_GRIDCOL).set(_W_W, str(col))
    for number, row in enumerate(table.rows):
        tr = _sub(tbl, _W_TR)
        if number < table.header_rows:
            trpr = _sub(tr, _W_TRPR)
            _sub(trpr, _W_CANTSPLIT)
            _sub(trpr, _W_TBLHEADER)
        for index, cell in enumerate(row):
            _cell(tr, cell, cols[index] if index < len(cols) else cols[-1])
    return tbl


def _cell(tr: etree._Element, cell: Cell, width: int) -> None:
    tc = _sub(tr, _W_TC)
    pr = _sub(tc, _W_TCPR)
    w = _sub(pr, _W_TCW)
    w.set(_W_W, str(width))
    w.set(_W_TYPE, "dxa")
    if cell.fill:
        shd = _sub(pr, _W_SHD)
        shd.set(_W_VAL, "clear")
        shd.set(_W_COLOR, "auto")
        shd.set(_W_FILL, cell.fill)
    for para in cell.paras or (Para(()),):
        tc.append(_paragraph(para))


def _picture(doc: DocxDocument, picture: Picture, anchor: etree._Element) -> None:
    """Add a picture in its own centred paragraph before ``anchor``."""
    p = etree.Element(_W_P)
    ppr = _sub(p, _W_PPR)
    _sub(ppr, _W_PSTYLE).set(_W_VAL, PARA_STYLE_IDS["figure"])
    anchor.addprevious(p)
    inline = doc.part.new_pic_inline(io.BytesIO(picture.png), Cm(picture.width_cm), None)
    doc_pr = inline.find(qn("wp:docPr"))
    if doc_pr is not None:
        doc_pr.set("descr", clean_text(picture.alt))
    r = _sub(p, _W_R)
    drawing = _sub(r, qn("w:drawing"))
    drawing.append(inline)


def _header_footer(doc: DocxDocument, view: DocumentView) -> None:
    section = doc.sections[0]
    header = section.header._element
    hp = header.find(_W_P)
    if hp is not None:
        _run(hp, Run(view.header))
    footer = section.footer._element
    fp = footer.find(_W_P)
    if fp is None:
        return
    if view.footer:
        _run(fp, Run(view.footer))
    _run(fp, Run("\t" + view.page_words[0] + " "))
    _field(fp, "PAGE", "1")
    _run(fp, Run(" " + view.page_words[1] + " "))
    _field(fp, "NUMPAGES", "1")


def _field(p: etree._Element, instr: str, shown: str) -> None:
    field = _sub(p, _W_FLDSIMPLE)
    field.set(_W_INSTR, f" {instr} ")
    r = _sub(field, _W_R)
    t = _sub(r, _W_T)
    t.text = shown


def _clip(text: str, limit: int = 255) -> str:
    text = clean_text(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _properties(doc: DocxDocument, props: Properties) -> None:
    core = doc.core_properties
    core.title = _clip(props.title)
    core.subject = _clip(props.subject)
    core.author = _clip(props.author)
    core.last_modified_by = _clip(props.author)
    core.keywords = _clip(props.keywords)
    core.category = _clip(props.category)
    core.comments = _clip(props.comments)
    core.identifier = _clip(props.identifier)
    core.version = _clip(props.version)
    core.content_status = _clip(props.content_status)
    core.language = props.language
    core.revision = 1
    core.created = instant_utc(props.created)
    core.modified = instant_utc(props.modified)
    # A letterhead may carry when it was last printed; that is not this document's fact.
    for node in core._element.findall(qn("cp:lastPrinted")):
        core._element.remove(node)


def _language(doc: DocxDocument, lang: str) -> None:
    tag = LANGUAGE_TAGS.get(lang, "nb-NO")
    styles = doc.styles.element
    node = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if node is not None:
        node.set(_W_VAL, tag)
        node.set(qn("w:eastAsia"), tag)


def render(view: DocumentView, letterhead: bytes | None = None) -> DocxDocument:
    """The view as a python-docx document (not yet saved)."""
    base: Base = base_for(letterhead)
    doc = Document(io.BytesIO(base.data))
    body = doc.element.body
    anchor = body.find(qn("w:sectPr"))
    assert anchor is not None
    blocks: tuple[Block, ...] = view.blocks
    if not base.own_header and view.header:
        blocks = (Para((Run(view.header),), "small"), *blocks)
    for block in blocks:
        if isinstance(block, Para):
            anchor.addprevious(_paragraph(block))
        elif isinstance(block, Table):
            anchor.addprevious(_table(block, base.text_width))
            # Word needs a paragraph between two tables, or it merges them.
            anchor.addprevious(_paragraph(Para((), "small")))
        else:
            _picture(doc, block, anchor)
    if base.own_header:
        _header_footer(doc, view)
    _properties(doc, view.properties)
    _language(doc, view.lang)
    return doc


def to_bytes(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_bytes(view: DocumentView, letterhead: bytes | None = None) -> bytes:
    """The view as the bytes of a .docx file."""
    return to_bytes(render(view, letterhead))
