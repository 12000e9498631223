"""The biên bản as a Word document: page, fonts, the head and title, the body in order, the signatures."""

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from chibo_events.documents.minutes_docx import minutes_docx
from chibo_events.documents.minutes_text import minutes_text
from tests.documents.sample_minutes import sample_minutes


def document_of(**changes):
    return Document(io.BytesIO(minutes_docx(sample_minutes(**changes))))


@pytest.fixture(scope="module")
def document():
    return document_of()


def body_paragraphs(document) -> list:
    """Return the paragraphs outside the tables, in order."""
    return list(document.paragraphs)


def paragraph_texts(document) -> list[str]:
    return [p.text for p in body_paragraphs(document)]


def paragraph_starting(document, start: str):
    return next(p for p in body_paragraphs(document) if p.text.startswith(start))


def cell_texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def run_with(paragraph, text: str):
    return next(r for r in paragraph.runs if text in r.text)


def test_the_page_is_a4_with_a_wider_left_margin(document):
    page = document.sections[0]
    assert (round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (21.0, 29.7)
    margins = (page.left_margin, page.right_margin, page.top_margin, page.bottom_margin)
    assert [round(margin.cm, 2) for margin in margins] == [3.0, 2.0, 2.0, 2.0]


def test_the_text_is_times_new_roman_14_point_in_vietnamese(document):
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


def test_the_document_opens_with_the_head_table(document):
    assert document.element.body[0].tag == qn("w:tbl")


def test_the_head_is_a_borderless_table_of_two_columns(document):
    head = document.tables[0]
    left, right = head.rows[0].cells
    assert cell_texts(left) == ["ĐẢNG BỘ XÃ KỲ THỌ", "CHI BỘ TRƯỜNG TIỂU HỌC KỲ THỌ", "*"]
    assert cell_texts(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Kỳ Thọ, ngày 7 tháng 4 năm 2021"]
    assert head._tbl.find(f".//{qn('w:tblBorders')}") is None
    assert head.style is None or "Grid" not in head.style.name


def test_the_party_name_is_bold_and_underlined_and_the_dateline_italic(document):
    left, right = document.tables[0].rows[0].cells
    party, dateline = right.paragraphs
    assert party.runs[0].bold and party.runs[0].underline
    assert dateline.runs[0].italic
    assert left.paragraphs[1].runs[0].bold and not left.paragraphs[0].runs[0].bold


def test_the_head_has_the_sizes_of_the_party_s_guidance_on_documents(document):
    left, right = document.tables[0].rows[0].cells
    superior, issuer, _star = (paragraph.runs[0] for paragraph in left.paragraphs)
    party, dateline = (paragraph.runs[0] for paragraph in right.paragraphs)
    assert (party.font.size, party.bold, party.underline) == (Pt(15), True, True)
    assert (superior.font.size, superior.bold) == (Pt(14), None)
    assert (issuer.font.size, issuer.bold) == (Pt(14), True)
    assert (dateline.font.size, dateline.italic) == (Pt(14), True)
    title = paragraph_starting(document, "BIÊN BẢN").runs[0]
    assert title.bold and Pt(15) <= title.font.size <= Pt(16)


def test_the_number_in_the_year_is_printed_under_the_cell_only_when_asked(document):
    numbered = document_of(number_in_year=5)
    left = numbered.tables[0].rows[0].cells[0]
    assert cell_texts(left) == ["ĐẢNG BỘ XÃ KỲ THỌ", "CHI BỘ TRƯỜNG TIỂU HỌC KỲ THỌ", "*", "Số: 05-BB/CB"]
    assert "Số: 05-BB/CB" in minutes_text(sample_minutes(number_in_year=5))
    assert "BB/CB" not in minutes_text(sample_minutes())


def test_the_title_is_centred_and_bold(document):
    for text in ("BIÊN BẢN", "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 4 NĂM 2021"):
        title = paragraph_starting(document, text)
        assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.bold for run in title.runs)


def test_a_thematic_title_carries_its_topic():
    texts = paragraph_texts(document_of(kind="thematic", title="Học tập và làm theo Bác"))
    assert "SINH HOẠT CHI BỘ CHUYÊN ĐỀ THÁNG 4 NĂM 2021" in texts
    assert "Chuyên đề: Học tập và làm theo Bác" in texts


def test_the_document_says_what_the_text_says_in_the_same_order(document):
    minutes = sample_minutes()
    lines = [line for line in minutes_text(minutes).splitlines()[6:-5] if line.strip()]
    texts = [text for text in paragraph_texts(document) if text.strip()]
    assert lines == texts[2:]


def test_section_headings_are_bold_and_kept_with_their_text(document):
    heading = paragraph_starting(document, "IV. DIỄN BIẾN")
    assert heading.runs[0].bold and heading.paragraph_format.keep_with_next


def test_the_vote_line_reads_as_in_the_text(document):
    assert "Biểu quyết: 15/15 đồng chí tán thành (100%), 0 không tán thành, 0 ý kiến khác." in paragraph_texts(document)


def test_a_corrected_item_carries_its_mark_in_italics(document):
    task = paragraph_starting(document, "- Xây dựng kế hoạch ôn tập")
    assert task.text.endswith("(đã đính chính)")
    assert run_with(task, "(đã đính chính)").italic
    assert not run_with(task, "Xây dựng").italic


def test_the_correction_note_gives_the_vietnam_time(document):
    note = paragraph_starting(document, "- Bản ghi số 66")
    assert "16 giờ 40 ngày 7 tháng 4 năm 2021" in note.text and "Ghi nhầm thời hạn hoàn thành" in note.text


def test_the_signature_table_ends_the_document_with_the_clerk_left_and_the_chair_right(document):
    assert document.element.body[-2].tag == qn("w:tbl")  # the last element is the section's properties
    left, right = document.tables[-1].rows[0].cells
    assert [left.paragraphs[0].text, left.paragraphs[-1].text] == ["THƯ KÝ", "Phan Thị Hương"]
    assert [right.paragraphs[0].text, right.paragraphs[-1].text] == ["CHỦ TRÌ", "Nguyễn Thị Hồng Vân"]
    assert len(left.paragraphs) >= 5  # room to sign between title and name


def test_the_closing_sentence_and_the_notes_come_just_before_the_signatures(document):
    body = list(document.element.body)
    closing = paragraph_starting(document, "Buổi sinh hoạt kết thúc vào hồi 16 giờ 30 cùng ngày.")
    note = paragraph_starting(document, "- Bản ghi số 66")
    signatures = document.tables[-1]._tbl
    assert body.index(closing._p) < body.index(note._p) < body.index(signatures)
    assert note.paragraph_format.keep_with_next  # so the signatures never stand alone on a page
    assert closing.text.endswith("Biên bản đã được thông qua trước chi bộ, 15/15 đồng chí tán thành (100%).")


def test_an_open_meeting_is_marked_in_progress():
    texts = paragraph_texts(document_of(closed_at=None, minutes_approved=None))
    assert "Biên bản đang ghi, cuộc họp chưa kết thúc." in texts
    assert not [text for text in texts if "kết thúc vào hồi" in text]


def test_minutes_as_of_a_moment_carry_a_small_italic_note():
    note = paragraph_starting(document_of(as_of="2021-05-01T00:00:00.000000Z"), "Biên bản như đã ghi đến")
    assert note.text == "Biên bản như đã ghi đến 7 giờ 00 ngày 1 tháng 5 năm 2021 (bản ghi cuối: số 72)."
    assert note.runs[0].italic and note.runs[0].font.size < Pt(14)


def test_pages_after_the_first_are_numbered_at_the_top(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert " PAGE " in [t.text for t in section.header._element.iter(qn("w:instrText"))]


def test_the_file_properties_name_the_minutes_and_the_language(document):
    properties = document.core_properties
    assert properties.title == (
        "Biên bản sinh hoạt chi bộ thường kỳ tháng 4 năm 2021 – Chi bộ Trường Tiểu học Kỳ Thọ"
    )
    assert properties.language == "vi-VN"
    assert properties.author == "Phan Thị Hương"
    assert properties.identifier == "th-ky-tho/2021-04-07@72"
    assert properties.created.replace(tzinfo=None).isoformat() == "2021-04-07T07:00:00"


def test_a_record_holding_only_the_opening_still_makes_a_document():
    data = minutes_docx({"meeting_id": "2021-05-05", "kind": "regular", "opened_at": "2021-05-05T14:00:00+07:00"})
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 5 NĂM 2021" in texts
    assert "Biên bản đang ghi, cuộc họp chưa kết thúc." in texts


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="needs LibreOffice (soffice) and poppler (pdftotext) to print the document")
def test_libreoffice_prints_the_document_with_its_vietnamese_letters(tmp_path):
    source = tmp_path / "bien-ban.docx"
    source.write_bytes(minutes_docx(sample_minutes()))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    printed = subprocess.run(["pdftotext", "-layout", str(tmp_path / "bien-ban.pdf"), "-"],
                             check=True, capture_output=True, text=True).stdout
    for words in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Kỳ Thọ, ngày 7 tháng 4 năm 2021", "Nguyễn Thị Hồng Vân", "đã đính chính"):
        assert words in printed
    assert printed.rstrip().splitlines()[-1].split() == ["Phan", "Thị", "Hương", "Nguyễn", "Thị", "Hồng", "Vân"]


def test_control_characters_recorded_before_they_were_refused_become_replacement_marks():
    minutes = sample_minutes()
    minutes["location"] = "Phòng họp\x19 nhà trường\x00"
    document = Document(io.BytesIO(minutes_docx(minutes)))
    assert any("Phòng họp\ufffd nhà trường\ufffd" in text for text in paragraph_texts(document))
