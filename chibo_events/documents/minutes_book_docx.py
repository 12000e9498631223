"""A year's minutes book as one Word document: a cover with the contents, then every biên bản, each from a new page.

Each biên bản is set exactly as its own .docx is (minutes_docx's renderers, in the same A4 section); the
contents name each meeting with its number in the year, its date and its title, each a link to the page it
starts on (a bookmark), so the file reads on screen as the bound book reads on paper. Page numbers in the
contents would need Word to lay the pages out first, so the contents give the meetings' numbers instead.
"""

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .minutes_docx import (
    HEAD_SIZE,
    PARTY_SIZE,
    RENDERERS,
    TITLE_SIZE,
    add_run,
    cell_line,
    fixed_table,
    number_pages,
    plain_layout,
    set_normal_style,
    set_page,
    xml_safe,
)
from .minutes_text import minutes_blocks
from .vietnamese import date_words, local_date

CONTENTS_COLUMNS = (Cm(2), Cm(5), Cm(9))


def _bookmark(paragraph, bookmark_id: int, name: str) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(bookmark_id))
    paragraph._p.append(start)
    paragraph._p.append(end)


def _link(paragraph, anchor: str, text: str) -> None:
    """Append text that jumps to a bookmark of this document (python-docx has no internal links of its own)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = add_run(paragraph, text)
    link.append(run._r)
    paragraph._p.append(link)


def _anchor(number: int) -> str:
    return f"bien_ban_{number:02d}"


def _cover(document, cell: dict, year: int, listed: list[dict], today: date) -> None:
    left, right = fixed_table(document, (Cm(7), Cm(9))).rows[0].cells
    cell_line(left, (cell.get("committee") or "").upper(), first=True, size=HEAD_SIZE)
    cell_line(left, (cell.get("name") or cell.get("cell_id") or "").upper(), bold=True, size=HEAD_SIZE)
    cell_line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", first=True, bold=True, underline=True, size=PARTY_SIZE)
    add_run(plain_layout(document.add_paragraph(), before=Pt(96)), "SỔ BIÊN BẢN", bold=True, size=Pt(20))
    add_run(plain_layout(document.add_paragraph(), before=Pt(6)), "SINH HOẠT CHI BỘ", bold=True, size=TITLE_SIZE)
    add_run(plain_layout(document.add_paragraph(), before=Pt(12)), f"Năm {year}", bold=True, size=TITLE_SIZE)
    add_run(plain_layout(document.add_paragraph(), before=Pt(24)),
            f"{len(listed)} biên bản · lập từ sổ ghi chibo {date_words(today)}", italic=True)
    document.add_page_break()
    add_run(plain_layout(document.add_paragraph(), after=Pt(12)), "MỤC LỤC", bold=True, size=TITLE_SIZE)
    if not listed:
        add_run(plain_layout(document.add_paragraph()), f"Năm {year} sổ không có buổi sinh hoạt nào.", italic=True)
        return
    table = fixed_table(document, CONTENTS_COLUMNS)
    table.style = document.styles["Table Grid"]
    for cell_, words in zip(table.rows[0].cells, ("Số", "Ngày", "Buổi sinh hoạt"), strict=True):
        cell_line(cell_, words, first=True, bold=True)
    for number, minutes in enumerate(listed, 1):
        row = table.add_row().cells
        cell_line(row[0], f"{number:02d}", first=True)
        cell_line(row[1], local_date(minutes["opened_at"]).strftime("%d/%m/%Y"), first=True)
        paragraph = row[2].paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _link(paragraph, _anchor(number), minutes["title"])


def minutes_book_docx(cell: dict, year: int, listed: list[dict], today: date) -> bytes:
    """Return the year's book: `listed` are the minutes of its meetings in the order they opened."""
    document = Document()
    set_page(document)
    set_normal_style(document)
    number_pages(document)
    properties = document.core_properties
    properties.title = f"Sổ biên bản sinh hoạt chi bộ năm {year}" + (f" – {cell['name']}" if cell.get("name") else "")
    properties.subject, properties.language = cell.get("name") or "", "vi-VN"
    properties.keywords, properties.comments = "biên bản; sinh hoạt chi bộ; sổ", "Lập từ sổ ghi chibo."
    _cover(document, cell, year, listed, today)
    for number, minutes in enumerate(listed, 1):
        document.add_page_break()
        _bookmark(document.paragraphs[-1], number, _anchor(number))
        for block in minutes_blocks(xml_safe(minutes)):
            RENDERERS[type(block)](document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
