"""A roster file read into rows, each checked and made a MemberJoined request (pure: no app, no store)."""

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from chibo_events import roster_import
from chibo_events.catalogue import check_request
from chibo_events.roster_import import RosterTooLarge, Row, UnreadableRoster, check_rows, read_file

TODAY = date(2021, 4, 7)
HEADER = "họ và tên,loại,ngày vào Đảng,chức vụ,nghề nghiệp"


def csv_file(*lines: str, header: str = HEADER, bom: bool = False) -> bytes:
    return (("\ufeff" if bom else "") + "\r\n".join([header, *lines]) + "\r\n").encode("utf-8")


def xlsx_file(*rows: list) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def checked(content: bytes, taken=(), on_roll=None, today=TODAY):
    return check_rows(read_file(content), taken=set(taken), on_roll=on_roll or {}, today=today)


def errors_of(content: bytes, **book) -> list[list[str]]:
    return [list(c.errors) for c in checked(content, **book)]


# -- reading -----------------------------------------------------------------------------------

def test_a_csv_roster_becomes_one_member_joined_request_per_row_with_the_id_made_from_the_name():
    rows = checked(csv_file("Dương Thị Lê,chính thức,07/11/2011,,Giáo viên",
                            "Đinh Thị Mỹ Linh,dự bị,18/06/2020,Tổng phụ trách Đội,Giáo viên"))
    assert [c.answer() for c in rows] == [
        {"row": 2, "member_id": "duong-thi-le", "full_name": "Dương Thị Lê", "errors": []},
        {"row": 3, "member_id": "dinh-thi-my-linh", "full_name": "Đinh Thị Mỹ Linh", "errors": []},
    ]
    assert rows[0].request == {"stream": "cell", "type": "MemberJoined", "data": {
        "member_id": "duong-thi-le", "full_name": "Dương Thị Lê", "kind": "official", "joined_on": "2011-11-07",
        "how": "initial", "position": "Giáo viên"}}
    assert rows[1].request["data"]["position"] == "Tổng phụ trách Đội, Giáo viên"
    assert all(check_request(c.request).type == "MemberJoined" for c in rows)


def test_an_xlsx_roster_reads_the_same_with_a_real_date_cell_and_a_date_written_as_text():
    content = xlsx_file(["Họ và tên", "Loại", "Ngày vào Đảng", "Chức vụ", "Nghề nghiệp"],
                        ["Dương Thị Lê", "Chính thức", datetime(2011, 11, 7), None, "Giáo viên"],
                        ["Nguyễn Huy Thọ", "chính thức", "20/06/2013", "Phó Hiệu trưởng", None])
    rows = checked(content)
    assert [(c.member_id, c.request["data"]["joined_on"]) for c in rows] == [
        ("duong-thi-le", "2011-11-07"), ("nguyen-huy-tho", "2013-06-20")]
    assert rows[1].request["data"]["position"] == "Phó Hiệu trưởng"


def test_headers_match_without_regard_to_case_marks_or_spaces_and_the_optional_columns_may_be_left_out():
    content = csv_file("Dương Thị Lê,chinh thuc,2011-11-07", header="HO VA TEN ,  Loai,ngay vao dang")
    (row,) = checked(content)
    assert row.errors == () and row.request["data"] == {
        "member_id": "duong-thi-le", "full_name": "Dương Thị Lê", "kind": "official", "joined_on": "2011-11-07",
        "how": "initial"}


def test_a_csv_from_excel_with_its_byte_order_mark_and_semicolons_reads_the_same():
    content = csv_file("Dương Thị Lê;chính thức;07/11/2011;;Giáo viên", header=HEADER.replace(",", ";"), bom=True)
    assert [c.member_id for c in checked(content)] == ["duong-thi-le"]


def test_a_column_numbering_the_rows_is_left_unread_and_blank_rows_keep_the_row_numbers():
    content = csv_file("1,Dương Thị Lê,chính thức,07/11/2011", "", "2,Nguyễn Huy Thọ,chính thức,20/06/2013",
                       header="STT,họ và tên,loại,ngày vào Đảng")
    assert [(c.row.number, c.member_id) for c in checked(content)] == [(2, "duong-thi-le"), (4, "nguyen-huy-tho")]


def test_a_name_typed_with_separate_marks_is_stored_composed():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Dương Thị Lê")
    (row,) = checked(csv_file(f"  {decomposed} ,chính thức,07/11/2011"))
    assert row.request["data"]["full_name"] == "Dương Thị Lê"


@pytest.mark.parametrize("written, kind, how", [
    ("chính thức", "official", "initial"), ("Dự bị", "probationary", "initial"),
    ("tạm thời", "temporary", "temporary_in"), ("sinh hoạt tạm thời", "temporary", "temporary_in"),
    ("Đảng viên chính thức", "official", "initial"),
])
def test_each_kind_a_roster_writes_is_the_catalogues_kind_and_a_temporary_member_comes_as_temporary_in(
        written, kind, how):
    (row,) = checked(csv_file(f"Dương Thị Lê,{written},07/11/2011"))
    assert (row.request["data"]["kind"], row.request["data"]["how"]) == (kind, how)


@pytest.mark.parametrize("written", ["19/05/2004", "19/5/2004", "19-05-2004", "19.05.2004", "2004-05-19",
                                     "ngày 19 tháng 5 năm 2004"])
def test_a_date_is_read_as_vietnamese_people_write_it_day_first_or_as_iso(written):
    assert roster_import.parse_day(written) == date(2004, 5, 19)


# -- the ids ------------------------------------------------------------------------------------

def test_namesakes_in_one_file_are_numbered_and_an_id_the_book_has_given_is_not_given_again():
    rows = checked(csv_file("Nguyễn Văn An,chính thức,01/02/2000", "Nguyễn Văn An,dự bị,03/04/2020"),
                   taken={"nguyen-van-an"})
    assert [c.member_id for c in rows] == ["nguyen-van-an-2", "nguyen-van-an-3"]
    assert all(c.errors == () for c in rows)


# -- each error -----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, error", [
    (",chính thức,07/11/2011", "Thiếu họ và tên."),
    ("---,chính thức,07/11/2011", "Họ và tên “---” không có chữ cái nào để làm mã đảng viên."),
    ("Dương Thị Lê,,07/11/2011", "Thiếu loại đảng viên: chính thức, dự bị hoặc tạm thời."),
    ("Dương Thị Lê,cảm tình,07/11/2011", "Loại “cảm tình” không rõ: hãy ghi chính thức, dự bị hoặc tạm thời."),
    ("Dương Thị Lê,chính thức,", "Thiếu ngày vào Đảng."),
    ("Dương Thị Lê,chính thức,31/02/2011",
     "Ngày vào Đảng “31/02/2011” không đúng: hãy ghi ngày/tháng/năm, vd. 19/05/2004."),
    ("Dương Thị Lê,chính thức,11/07/2011 sáng",
     "Ngày vào Đảng “11/07/2011 sáng” không đúng: hãy ghi ngày/tháng/năm, vd. 19/05/2004."),
    ("Dương Thị Lê,chính thức,08/04/2021", "Ngày vào Đảng 08/04/2021 ở sau hôm nay (07/04/2021)."),
    ("Dương Thị Lê,chính thức,01/01/1929", "Ngày vào Đảng 01/01/1929 ở trước năm 1930, năm thành lập Đảng."),
    ("Nguyễn Văn An,chính thức,19/05/2004,Tổ trưởng chuyên môn,Giáo viên",
     "Đây là dòng ví dụ của tệp mẫu: hãy xóa đi hoặc thay bằng một đảng viên của chi bộ."),
    ("Dương Thị Lê,chính thức,07/11/2011,,,ghi chú", "Có chữ ở cột F, cột không có tiêu đề: hãy thêm tiêu đề đúng "
                                                    "hoặc xóa đi."),
])
def test_a_bad_row_has_its_error_in_vietnamese_and_no_request(line, error):
    (row,) = checked(csv_file(line))
    assert row.errors == (error,) and row.request is None


def test_a_row_has_every_error_it_has_not_only_the_first():
    (row,) = checked(csv_file(",cảm tình,hôm qua"))
    assert len(row.errors) == 3 and row.member_id is None


def test_a_name_already_on_the_roll_is_an_error_that_says_whose_it_is():
    (row,) = checked(csv_file("dương  thị lê,chính thức,07/11/2011"), taken={"duong-thi-le"},
                     on_roll={"duong-thi-le": "Dương Thị Lê"})
    assert row.errors == ("Chi bộ đã có đồng chí Dương Thị Lê (mã duong-thi-le) trong danh sách. Nếu là người khác "
                          "trùng tên, hãy thêm đồng chí ấy ở trang danh sách đảng viên.",)


def test_a_row_written_twice_is_an_error_on_the_second():
    rows = checked(csv_file("Dương Thị Lê,chính thức,07/11/2011", "Dương Thị Lê,chính thức,2011-11-07"))
    assert [c.errors for c in rows] == [(), ("Trùng với dòng 2: cùng họ tên và ngày vào Đảng.",)]


def test_the_catalogues_own_check_speaks_of_what_the_rows_checks_do_not():
    too_long = "x" * 10_001
    (row,) = checked(csv_file(f"Dương Thị Lê,cảm tình,07/11/2011,{too_long}"))
    assert row.errors == ("Loại “cảm tình” không rõ: hãy ghi chính thức, dự bị hoặc tạm thời.",
                          "Chức vụ, nghề nghiệp: Dài quá 10000 ký tự.")
    (row,) = checked(csv_file("Dương Thị Lê\u202e,chính thức,07/11/2011"))
    assert row.errors == ("Họ và tên: Không được chứa ký tự điều khiển hay ký tự đảo chiều văn bản (U+202E).",)


def test_the_refusal_of_a_file_answers_every_row_and_names_the_bad_ones():
    rows = checked(csv_file("Dương Thị Lê,chính thức,07/11/2011", "Nguyễn Huy Thọ,cảm tình,20/06/2013"))
    refusal = roster_import.refused(rows)
    assert refusal.status == 422 and refusal.code == "invalid_roster"
    assert refusal.message == "Có 1 dòng lỗi (dòng 3); chưa nhập ai. Hãy sửa rồi gửi lại cả tệp."
    assert [r["errors"] != [] for r in refusal.details["rows"]] == [False, True]
    assert roster_import.refused(rows[:1]) is None


# -- files that are no roster --------------------------------------------------------------------------

@pytest.mark.parametrize("header, said", [
    ("họ và tên,loại", "Thiếu cột: “ngày vào Đảng”."),
    ("họ và tên,loại,ngày vào Đảng,quê quán", "Cột không rõ: “quê quán”."),
    ("họ và tên,loại,ngày vào Đảng,Họ tên", "Cột có hai lần: “Họ tên”."),
])
def test_an_unknown_repeated_or_missing_column_refuses_the_file_saying_which_and_what_is_expected(header, said):
    with pytest.raises(UnreadableRoster) as refused:
        read_file(csv_file("Dương Thị Lê,chính thức,07/11/2011", header=header))
    assert refused.value.message.startswith(said)
    assert "Dòng tiêu đề cần các cột: họ và tên, loại, ngày vào Đảng, chức vụ (không bắt buộc)" in refused.value.message


@pytest.mark.parametrize("content, said", [
    (b"", "Tệp trống"),
    (b"\r\n,,\r\n", "Tệp trống"),
    (HEADER.encode() + b"\r\n", "Tệp không có đảng viên nào"),
    ("họ và tên,loại,ngày vào Đảng\nDương Thị Lê,chính thức,07/11/2011".encode("utf-16"),
     "Tệp CSV phải viết bằng UTF-8"),
    (b"PK\x03\x04 not really a zip", "Không đọc được tệp Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Tệp Excel 97–2003 (.xls) chưa đọc được"),
])
def test_a_file_that_is_no_roster_is_refused_in_vietnamese(content, said):
    with pytest.raises(UnreadableRoster) as refused:
        read_file(content)
    assert refused.value.message.startswith(said) and refused.value.status == 422


def test_a_zip_that_is_not_a_workbook_is_refused_as_unreadable():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UnreadableRoster):
        read_file(out.getvalue())


def test_a_file_over_the_size_bound_is_refused_before_it_is_read():
    with pytest.raises(RosterTooLarge) as refused:
        read_file(b"x" * (roster_import.MAX_BYTES + 1))
    assert refused.value.status == 413 and refused.value.message.startswith("Tệp quá lớn: tối đa 1 MB")


def test_a_file_of_more_rows_than_an_import_takes_is_refused():
    lines = [f"Người Thứ {n},chính thức,01/01/2000" for n in range(roster_import.MAX_ROWS + 1)]
    with pytest.raises(RosterTooLarge) as refused:
        read_file(csv_file(*lines))
    assert refused.value.message == "Tệp có hơn 1.000 dòng đảng viên; một lần nhập tối đa 1.000 dòng."
    assert len(read_file(csv_file(*lines[:-1]))) == roster_import.MAX_ROWS


def test_a_small_xlsx_that_would_unpack_to_far_more_than_a_roster_is_refused_before_openpyxl_reads_it():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (roster_import.MAX_UNPACKED + 1))
    assert len(out.getvalue()) < 100_000
    with pytest.raises(RosterTooLarge):
        read_file(out.getvalue())


# -- the rows edited in the preview ------------------------------------------------------------------

def test_rows_edited_in_a_form_are_checked_as_rows_of_a_file():
    rows = roster_import.rows_from([{"number": "2", "full_name": " Dương Thị Lê ", "kind": "chính thức",
                                     "joined_on": "07/11/2011", "position": "", "occupation": "Giáo viên"},
                                    {"number": "x", "full_name": "Nguyễn Huy Thọ"}])
    assert rows[0] == Row(2, "Dương Thị Lê", "chính thức", "07/11/2011", "", "Giáo viên")
    assert rows[1].number == 0
    result = check_rows(rows, taken=set(), on_roll={}, today=TODAY)
    assert result[0].errors == () and "Thiếu loại đảng viên: chính thức, dự bị hoặc tạm thời." in result[1].errors


# -- the template -------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [roster_import.template_csv, roster_import.template_xlsx])
def test_the_template_reads_back_with_its_header_and_its_example_row_is_recognised(make):
    (row,) = checked(make())
    assert row.row == Row(2, **roster_import.EXAMPLE)
    assert row.errors == ("Đây là dòng ví dụ của tệp mẫu: hãy xóa đi hoặc thay bằng một đảng viên của chi bộ.",)


def test_the_csv_template_starts_with_the_byte_order_mark_excel_needs_to_read_it_as_utf8():
    assert roster_import.template_csv().startswith("\ufeffhọ và tên,loại,ngày vào Đảng".encode())


def test_the_xlsx_template_has_the_date_as_a_date_cell_shown_day_first():
    sheet = openpyxl.load_workbook(io.BytesIO(roster_import.template_xlsx())).active
    assert sheet["C2"].value == datetime(2004, 5, 19) and sheet["C2"].number_format == "DD/MM/YYYY"
    assert [c.value for c in sheet[1]] == ["họ và tên", "loại", "ngày vào Đảng", "chức vụ", "nghề nghiệp"]
