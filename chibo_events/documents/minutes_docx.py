"""The biên bản as a Word document (python-docx), set as Party documents are.

The words and their order come from `minutes_blocks`, shared with the plain
text; this module only sets them: A4, margins 2 cm (left 3 cm), Times New
Roman 14 pt, the two-column borderless head, the centred title, the body
justified with its first lines indented, and the signature table at the end.
"""

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

from .minutes_text import (
    CORRECTED,
    Block,
    Header,
    Heading,
    Line,
    Note,
    Signatures,
    Subheading,
    Title,
    minutes_blocks,
)
from .vietnamese import local_moment

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
# The head's sizes are Hướng dẫn 36-HD/VPTW's (domain.md): the Party's name 15 bold with a rule
# under it, the superior committee 14, the cell 14 bold, the dateline 14 italic, BIÊN BẢN 15–16 bold.
PARTY_SIZE = Pt(15)
HEAD_SIZE = Pt(14)
TITLE_SIZE = Pt(16)
NOTE_SIZE = Pt(12)
LANGUAGE = "vi-VN"
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGINS = {"top": Cm(2), "bottom": Cm(2), "left": Cm(3), "right": Cm(2)}
HEAD_COLUMNS = (Cm(7), Cm(9))  # together the 16 cm between the margins
SIGNATURE_COLUMNS = (Cm(8), Cm(8))
INDENT = Cm(1)
SUB_INDENT = Cm(1.5)
SIGNING_SPACE = 4  # empty lines left for the handwritten signature


# ---------------------------------------------------------------- document setup


def set_page(document) -> None:
    """Make every section A4 portrait with the administrative margins."""
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        for side, size in MARGINS.items():
            setattr(section, f"{side}_margin", size)


def set_font(run_properties_owner, size=None) -> None:
    """Set Times New Roman on every script slot, so Word never falls back for Vietnamese letters."""
    font = run_properties_owner.font
    font.name = FONT
    if size is not None:
        font.size = size
    fonts = run_properties_owner.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def set_language(style) -> None:
    """Mark the style's text as Vietnamese, so Word checks its spelling as Vietnamese."""
    run_properties = style.element.get_or_add_rPr()
    for old in run_properties.findall(qn("w:lang")):
        run_properties.remove(old)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    run_properties.append(language)


def field_part(tag: str, **attributes: str):
    """Return one w: element of a Word field, with its attributes and text."""
    element = OxmlElement(f"w:{tag}")
    for name, value in attributes.items():
        if name == "text":
            element.text = value
            element.set(qn("xml:space"), "preserve")
        else:
            element.set(qn(f"w:{name}"), value)
    return element


def page_number_field(paragraph) -> None:
    """Append a PAGE field, which Word and LibreOffice fill with the page's number."""
    run = add_run(paragraph, "")
    for part in (
        field_part("fldChar", fldCharType="begin"),
        field_part("instrText", text=" PAGE "),
        field_part("fldChar", fldCharType="separate"),
        field_part("t", text="2"),  # shown until the reader's program updates the field
        field_part("fldChar", fldCharType="end"),
    ):
        run._r.append(part)


def number_pages(document) -> None:
    """Number the pages at the top centre, from the second page on, as Party documents are."""
    for section in document.sections:
        section.different_first_page_header_footer = True
        paragraph = plain_layout(section.header.paragraphs[0])
        page_number_field(paragraph)


def set_normal_style(document) -> None:
    """Make the Normal style Times New Roman 14 pt, Vietnamese, justified, with modest spacing."""
    normal = document.styles["Normal"]
    set_font(normal, BODY_SIZE)
    set_language(normal)
    layout = normal.paragraph_format
    layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    layout.space_before, layout.space_after = Pt(0), Pt(3)
    layout.line_spacing = 1.15
    layout.widow_control = True


def utc_naive(value: str) -> datetime:
    """Return an ISO moment as the naive UTC datetime that core properties store."""
    return local_moment(value).astimezone(UTC).replace(tzinfo=None)


def set_properties(document, minutes: dict, blocks: list[Block]) -> None:
    """Fill the file's properties: title, subject, language, who wrote it and which record it shows."""
    properties = document.core_properties
    cell = minutes.get("cell") or {}
    heading = next(block for block in blocks if isinstance(block, Title))
    properties.title = f"Biên bản {heading.subtitle.lower()}" + (f" – {cell['name']}" if cell.get("name") else "")
    properties.subject = cell.get("name") or ""
    properties.language = LANGUAGE
    properties.author = (minutes.get("clerk") or {}).get("full_name") or ""
    properties.last_modified_by = "chibo"
    properties.keywords = "biên bản; sinh hoạt chi bộ"
    properties.revision = 1
    # The identifier names the exact state of the book shown, so a printed copy can be checked later.
    properties.identifier = f"{cell.get('cell_id', '')}/{minutes.get('meeting_id', '')}@{minutes.get('last_seq', '')}"
    properties.comments = "Lập từ sổ ghi chibo."
    if minutes.get("opened_at"):
        properties.created = utc_naive(minutes["opened_at"])
    latest = minutes.get("as_of") or minutes.get("closed_at") or minutes.get("opened_at")
    if latest:
        properties.modified = utc_naive(latest)


# ---------------------------------------------------------------- paragraphs


def add_run(paragraph, text: str, *, bold=False, italic=False, underline=False, size=None):
    """Append a run of text with the given emphasis."""
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size is not None:
        run.font.size = size
    return run


NO_SPACE = Pt(0)


def plain_layout(paragraph, alignment=WD_ALIGN_PARAGRAPH.CENTER, before=NO_SPACE, after=NO_SPACE):
    """Set a paragraph without indent, with the given alignment and spacing."""
    layout = paragraph.paragraph_format
    layout.alignment = alignment
    layout.first_line_indent = Cm(0)
    layout.space_before, layout.space_after = before, after
    return paragraph


def add_words(paragraph, words: str) -> None:
    """Add body words; the "(đã đính chính)" mark is set in italics so a reader's eye finds it."""
    if words.endswith(CORRECTED):
        add_run(paragraph, words[: -len(CORRECTED)])
        add_run(paragraph, CORRECTED, italic=True)
    else:
        add_run(paragraph, words)


def cell_line(cell, text: str, first: bool = False, **emphasis):
    """Add a centred line to a table cell (its first, empty paragraph when `first`)."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    plain_layout(paragraph)
    add_run(paragraph, text, **emphasis)
    return paragraph


def fixed_table(document, widths: tuple) -> Table:
    """Add a borderless one-row table with fixed column widths, centred on the page."""
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
        column.width = cell.width = width
    # A row split across pages would separate a title from its name.
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))
    return table


# ---------------------------------------------------------------- blocks


def add_header(document, block: Header) -> None:
    """Add the head: ĐẢNG BỘ … / CHI BỘ … / * left; ĐẢNG CỘNG SẢN VIỆT NAM and the dateline right."""
    left, right = fixed_table(document, HEAD_COLUMNS).rows[0].cells
    cell_line(left, block.superior, first=True, size=HEAD_SIZE)
    cell_line(left, block.issuer, bold=True, size=HEAD_SIZE)
    cell_line(left, "*", size=HEAD_SIZE)
    if block.number:
        cell_line(left, block.number, size=HEAD_SIZE)
    cell_line(right, block.party, first=True, bold=True, underline=True, size=PARTY_SIZE)
    dateline = cell_line(right, block.dateline, italic=True, size=HEAD_SIZE)
    dateline.paragraph_format.space_before = Pt(8)


def add_title(document, block: Title) -> None:
    """Add the centred bold title lines."""
    add_run(plain_layout(document.add_paragraph(), before=Pt(18)), block.name, bold=True, size=TITLE_SIZE)
    add_run(plain_layout(document.add_paragraph()), block.subtitle, bold=True)
    if block.topic:
        add_run(plain_layout(document.add_paragraph()), block.topic, bold=True, italic=True)
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)


def add_note(document, block: Note) -> None:
    """Add a small italic centred note."""
    add_run(plain_layout(document.add_paragraph(), after=Pt(6)), block.text, italic=True, size=NOTE_SIZE)


def add_heading(document, block: Heading) -> None:
    """Add a bold section heading that stays with the text under it."""
    paragraph = plain_layout(document.add_paragraph(), WD_ALIGN_PARAGRAPH.LEFT, before=Pt(8), after=Pt(3))
    paragraph.paragraph_format.keep_with_next = True
    add_run(paragraph, block.text, bold=True)


def add_subheading(document, block: Subheading) -> None:
    """Add an agenda item's heading inside the proceedings, bold italic, kept with what follows."""
    paragraph = plain_layout(document.add_paragraph(), WD_ALIGN_PARAGRAPH.LEFT, before=Pt(3), after=Pt(3))
    paragraph.paragraph_format.first_line_indent = INDENT
    paragraph.paragraph_format.keep_with_next = True
    add_run(paragraph, block.text, bold=True, italic=True)


def add_line(document, block: Line) -> None:
    """Add a body paragraph, its first line indented; "+" items one step further."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = SUB_INDENT if block.mark == "+" else INDENT
    add_words(paragraph, block.words)


def add_signatures(document, block: Signatures) -> None:
    """Add the signature table: THƯ KÝ left, CHỦ TRÌ right, room to sign, then the names."""
    # The signatures must share a page with the last words they sign, never stand alone.
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    spacer = plain_layout(document.add_paragraph(), after=Pt(6))
    spacer.paragraph_format.keep_with_next = True
    left, right = fixed_table(document, SIGNATURE_COLUMNS).rows[0].cells
    for cell, title, name in ((left, block.left_title, block.left_name), (right, block.right_title, block.right_name)):
        cell_line(cell, title, first=True, bold=True)
        for _ in range(SIGNING_SPACE):
            cell_line(cell, "")
        cell_line(cell, name, bold=True)


RENDERERS: dict[type, Callable[..., None]] = {
    Header: add_header,
    Title: add_title,
    Note: add_note,
    Heading: add_heading,
    Subheading: add_subheading,
    Line: add_line,
    Signatures: add_signatures,
}


# What XML 1.0 cannot hold (§2.2). The catalogue refuses these now, but a book
# may hold some recorded before it did, and its biên bản must still download.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """Return the minutes with every character XML cannot hold replaced by U+FFFD."""
    if isinstance(value, str):
        return NOT_XML.sub("\ufffd", value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [xml_safe(item) for item in value]
    return value


def minutes_docx(minutes: dict) -> bytes:
    """Return the biên bản as the bytes of a .docx file."""
    blocks = minutes_blocks(xml_safe(minutes))
    document = Document()
    set_page(document)
    set_normal_style(document)
    set_properties(document, minutes, blocks)
    number_pages(document)
    for block in blocks:
        RENDERERS[type(block)](document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
