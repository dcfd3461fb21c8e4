"""The prepared base document every generated .docx starts from.

The base is a small WordprocessingML package written here in code (so that it can be reviewed
like code): A4 pages, the styles the documents use, a bullet list, and a page header and footer
with page numbers. It is built once per process and kept as bytes; each document is then opened
from those bytes. Compared with python-docx's own default template (whose styles part alone is
438 kB) this makes opening and saving several times cheaper, and it looks the same in Word and
LibreOffice.

An owner may supply a letterhead (.docx): its page setup, header and footer are kept, its body is
emptied, and the styles the documents need are added where the letterhead lacks them.
"""

from __future__ import annotations

import copy
import hashlib
import io
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from typing import Any, cast

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.parts.numbering import NumberingPart
from lxml import etree  # python-docx's own XML library

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: A4 with 2.2 cm side margins: the text width in twentieths of a point.
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_SIDE = 1247
MARGIN_TOP = 1304
MARGIN_BOTTOM = 1247
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE

FONT = "Arial"
MONO_FONT = "Courier New"
INK = "1F3864"  # headings
GREY = "595959"

#: Paragraph style ids for the view's style names (docview.PARA_STYLES).
PARA_STYLE_IDS = {
    "title": "Title",
    "subtitle": "Subtitle",
    "h1": "Heading1",
    "h2": "Heading2",
    "h3": "Heading3",
    "body": "Normal",
    "bullet": "ListBullet",
    "small": "ActionSmall",
    "caption": "Caption",
    "mono": "ActionMono",
    "cell": "ActionCell",
    "cell_head": "ActionCellHead",
    "signature": "ActionSignature",
    "figure": "ActionFigure",
}
#: Table style ids for the view's table kinds.
TABLE_STYLE_IDS = {"grid": "ActionGrid", "form": "ActionForm", "plain": "ActionPlain"}

_NS_DECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title/><dc:creator/><cp:revision>1</cp:revision>
<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>
</cp:coreProperties>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<Application>actionloop</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>
</Properties>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {_NS_DECL}>
<w:defaultTabStop w:val="709"/>
<w:hyphenationZone w:val="425"/>
<w:characterSpacingControl w:val="doNotCompress"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
<w:themeFontLang w:val="nb-NO"/>
<w:decimalSymbol w:val=","/>
<w:listSeparator w:val=";"/>
</w:settings>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {_NS_DECL}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/></w:rPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

HEADER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {_NS_DECL}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>"""

FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {_NS_DECL}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>"""

DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {_NS_DECL}><w:body>
<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/>
<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>
<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_SIDE}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_SIDE}" w:header="567" w:footer="567" w:gutter="0"/>
<w:cols w:space="708"/></w:sectPr>
</w:body></w:document>"""


def _rpr(size: int | None = None, bold: bool = False, italic: bool = False, color: str | None = None,
         font: str | None = None) -> str:
    out = ""
    if font:
        out += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
    if bold:
        out += "<w:b/><w:bCs/>"
    if italic:
        out += "<w:i/><w:iCs/>"
    if color:
        out += f'<w:color w:val="{color}"/>'
    if size:
        out += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return f"<w:rPr>{out}</w:rPr>" if out else ""


def _pstyle(style_id: str, name: str, ppr: str = "", rpr: str = "", based_on: str | None = "Normal",
            next_id: str | None = None, default: bool = False, outline: int | None = None) -> str:
    attrs = ' w:default="1"' if default else ""
    out = f'<w:style w:type="paragraph"{attrs} w:styleId="{style_id}"><w:name w:val="{name}"/>'
    if based_on:
        out += f'<w:basedOn w:val="{based_on}"/>'
    if next_id:
        out += f'<w:next w:val="{next_id}"/>'
    out += "<w:qFormat/>"
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    if ppr:
        out += f"<w:pPr>{ppr}</w:pPr>"
    return out + rpr + "</w:style>"


def _tstyle(style_id: str, name: str, borders: str, default: bool = False) -> str:
    attrs = ' w:default="1"' if default else ""
    return (
        f'<w:style w:type="table"{attrs} w:styleId="{style_id}"><w:name w:val="{name}"/>'
        + ('<w:basedOn w:val="TableNormal"/>' if not default else "")
        + '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        + f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{borders}'
        + '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        + '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        + "</w:style>"
    )


def _borders(outer: str, inside_h: str, inside_v: str) -> str:
    def edge(tag: str, spec: str) -> str:
        if spec == "nil":
            return f'<w:{tag} w:val="nil"/>'
        size, color = spec.split(":")
        return f'<w:{tag} w:val="single" w:sz="{size}" w:space="0" w:color="{color}"/>'

    return (
        "<w:tblBorders>" + edge("top", outer) + edge("left", outer) + edge("bottom", outer)
        + edge("right", outer) + edge("insideH", inside_h) + edge("insideV", inside_v) + "</w:tblBorders>"
    )


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {_NS_DECL}>'
    + "<w:docDefaults><w:rPrDefault><w:rPr>"
    + f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
    + '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="nb-NO" w:eastAsia="nb-NO" w:bidi="ar-SA"/>'
    + "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    + '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    + _pstyle("Normal", "Normal", based_on=None, default=True, ppr='<w:widowControl/>')
    + _pstyle("Title", "Title", next_id="Subtitle", ppr='<w:keepNext/><w:spacing w:after="40"/>',
              rpr=_rpr(40, bold=True, color=INK))
    + _pstyle("Subtitle", "Subtitle", next_id="Normal", ppr='<w:keepNext/><w:spacing w:after="240"/>',
              rpr=_rpr(24, color=GREY))
    + _pstyle("Heading1", "heading 1", next_id="Normal", outline=0,
              ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="100"/>',
              rpr=_rpr(28, bold=True, color=INK))
    + _pstyle("Heading2", "heading 2", next_id="Normal", outline=1,
              ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>',
              rpr=_rpr(23, bold=True, color=INK))
    + _pstyle("Heading3", "heading 3", next_id="Normal", outline=2,
              ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/>',
              rpr=_rpr(21, bold=True, color=INK))
    + _pstyle("ListBullet", "List Bullet",
              ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>'
                  '<w:ind w:left="357" w:hanging="357"/>')
    + _pstyle("ActionSmall", "Action Small", rpr=_rpr(18, color=GREY))
    + _pstyle("Caption", "caption", ppr='<w:spacing w:before="60" w:after="240"/>', rpr=_rpr(18, italic=True, color="404040"))
    + _pstyle("ActionMono", "Action Mono", ppr='<w:spacing w:after="60"/>', rpr=_rpr(18, font=MONO_FONT))
    + _pstyle("ActionCell", "Action Cell", ppr='<w:spacing w:before="20" w:after="40" w:line="240" w:lineRule="auto"/>',
              rpr=_rpr(19))
    + _pstyle("ActionCellHead", "Action Cell Heading", based_on="ActionCell", ppr="<w:keepNext/>",
              rpr=_rpr(19, bold=True))
    + _pstyle("ActionSignature", "Action Signature",
              ppr='<w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
                  '<w:spacing w:before="900" w:after="40"/>',
              rpr=_rpr(18, color=GREY))
    + _pstyle("ActionFigure", "Action Figure", ppr='<w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/>')
    + _pstyle("Header", "header", ppr=f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0"/>',
              rpr=_rpr(17, color=GREY))
    + _pstyle("Footer", "footer", ppr=f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0"/>',
              rpr=_rpr(17, color=GREY))
    + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>'
      "<w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>"
    + _tstyle("TableNormal", "Normal Table", "", default=True)
    + _tstyle("ActionGrid", "Action Grid", _borders("4:A6A6A6", "4:A6A6A6", "4:A6A6A6"))
    + _tstyle("ActionForm", "Action Form", _borders("nil", "4:D9D9D9", "nil"))
    + _tstyle("ActionPlain", "Action Plain", _borders("nil", "nil", "nil"))
    + '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>'
    + "</w:styles>"
)

_PARTS = (
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", PACKAGE_RELS),
    ("docProps/core.xml", CORE),
    ("docProps/app.xml", APP),
    ("word/document.xml", DOCUMENT),
    ("word/_rels/document.xml.rels", DOCUMENT_RELS),
    ("word/styles.xml", STYLES),
    ("word/settings.xml", SETTINGS),
    ("word/numbering.xml", NUMBERING),
    ("word/header1.xml", HEADER),
    ("word/footer1.xml", FOOTER),
)


@dataclass(frozen=True, slots=True)
class Base:
    """A prepared base package: its bytes, the text width of its pages (twips), and whether the
    page header and footer are ours to fill (False under an owner's letterhead)."""

    data: bytes
    text_width: int
    own_header: bool


def _fixed_zip(parts: tuple[tuple[str, str], ...]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


_lock = Lock()
_DEFAULT: Base | None = None
_LETTERHEADS: OrderedDict[str, Base] = OrderedDict()


def default_base() -> Base:
    """The built-in base document (built once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _lock:
            if _DEFAULT is None:
                _DEFAULT = Base(_fixed_zip(_PARTS), TEXT_WIDTH, own_header=True)
    return _DEFAULT


def base_for(letterhead: bytes | None) -> Base:
    """The base for a letterhead (prepared once per distinct letterhead), or the built-in one."""
    if letterhead is None:
        return default_base()
    key = hashlib.sha256(letterhead).hexdigest()
    with _lock:
        found = _LETTERHEADS.get(key)
        if found is not None:
            _LETTERHEADS.move_to_end(key)
            return found
    base = _letterhead_base(letterhead)
    with _lock:
        _LETTERHEADS[key] = base
        while len(_LETTERHEADS) > 8:
            _LETTERHEADS.popitem(last=False)
    return base


class LetterheadError(ValueError):
    """The letterhead is not a Word document that can be used."""


def _add_bullet_list(numbering: Any) -> int:
    """Add our bullet list to a ``w:numbering`` element after its own lists; its ``numId``."""
    abstract_ids = [int(a.get(qn("w:abstractNumId"), "0")) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"), "0")) for n in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    num_id = max(num_ids, default=0) + 1
    src = etree.fromstring(NUMBERING.encode("utf-8"))
    abstract = copy.deepcopy(src.find(qn("w:abstractNum")))
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    num = copy.deepcopy(src.find(qn("w:num")))
    num.set(qn("w:numId"), str(num_id))
    num.find(qn("w:abstractNumId")).set(qn("w:val"), str(abstract_id))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # every w:abstractNum comes before the first w:num
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def _letterhead_base(letterhead: bytes) -> Base:
    try:
        doc = Document(io.BytesIO(letterhead))
    except Exception as exc:  # python-docx raises many kinds for a bad package
        raise LetterheadError(str(exc)) from exc
    body = doc.element.body
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is None:
        raise LetterheadError("no page setup (w:sectPr)")
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)

    # The styles the documents use, where the letterhead lacks them.
    ours = etree.fromstring(STYLES.encode("utf-8"))
    styles = doc.styles.element
    present = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    for style in ours.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in present:
            styles.append(copy.deepcopy(style))

    # A bullet list of our own, numbered after the letterhead's lists (or a numbering part of our
    # own: python-docx cannot create an empty one).
    try:
        related = doc.part.part_related_by(RT.NUMBERING)
    except KeyError:
        part = NumberingPart.load(
            doc.part.package.next_partname("/word/numbering%d.xml"), CT.WML_NUMBERING,
            NUMBERING.encode("utf-8"), doc.part.package,
        )
        doc.part.relate_to(part, RT.NUMBERING)
        num_id = 1
    else:
        num_id = _add_bullet_list(cast(NumberingPart, related).element)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == "ListBullet":
            num_pr = style.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id

    width = TEXT_WIDTH
    pg_sz = sect_pr.find(qn("w:pgSz"))
    pg_mar = sect_pr.find(qn("w:pgMar"))
    if pg_sz is not None and pg_mar is not None:
        try:
            width = int(pg_sz.get(qn("w:w"))) - int(pg_mar.get(qn("w:left"))) - int(pg_mar.get(qn("w:right")))
        except (TypeError, ValueError):
            width = TEXT_WIDTH
    out = io.BytesIO()
    doc.save(out)
    return Base(out.getvalue(), max(width, 2000), own_header=False)
