"""POST /api/v1/cells/<cell>/roster/import: a roster file checked row by row, stored all or none; its templates."""

import io

import openpyxl
import pytest

from chibo_events import roster_import
from tests.books import CELL, OTHER, snapshot

IMPORT = f"/api/v1/cells/{CELL}/roster/import"
HEADER = "họ và tên,loại,ngày vào Đảng,chức vụ,nghề nghiệp"
GOOD = ["Trần Văn Bình,chính thức,19/05/2004,Hiệu phó,Giáo viên", "Lê Thị Cúc,dự bị,02/09/2020,,Kế toán"]
BAD_ROW = "Phạm Văn Dũng,cảm tình,02/09/2015,,"


def roster(*lines: str) -> bytes:
    return "\r\n".join([HEADER, *lines]).encode("utf-8")


def send(client, headers, content: bytes, media: str = "text/csv", query: str = ""):
    return client.post(IMPORT + query, data=content, headers={**headers, "Content-Type": media})


def member_ids(client, tokens, cell: str = CELL) -> list[str]:
    return [m["member_id"] for m in client.get(f"/api/v1/cells/{cell}/members", headers=tokens.inspector).json]


def test_a_dry_run_answers_every_row_with_its_id_and_errors_and_stores_nothing(client, tokens, two_books):
    before = snapshot(two_books)
    response = send(client, tokens.clerk(), roster(*GOOD, BAD_ROW), query="?dry_run=1")
    assert response.status_code == 200
    assert response.json == {"rows": [
        {"row": 2, "member_id": "tran-van-binh", "full_name": "Trần Văn Bình", "errors": []},
        {"row": 3, "member_id": "le-thi-cuc", "full_name": "Lê Thị Cúc", "errors": []},
        {"row": 4, "member_id": "pham-van-dung", "full_name": "Phạm Văn Dũng",
         "errors": ["Loại “cảm tình” không rõ: hãy ghi chính thức, dự bị hoặc tạm thời."]},
    ]}
    assert snapshot(two_books) == before


def test_a_file_with_one_bad_row_is_422_naming_every_row_and_stores_none_of_them(client, tokens, two_books):
    before = snapshot(two_books)
    response = send(client, tokens.clerk(), roster(*GOOD, BAD_ROW))
    assert response.status_code == 422 and response.json["error"] == "invalid_roster"
    assert response.json["message"] == "Có 1 dòng lỗi (dòng 4); chưa nhập ai. Hãy sửa rồi gửi lại cả tệp."
    assert [r["errors"] != [] for r in response.json["details"]["rows"]] == [False, False, True]
    assert snapshot(two_books) == before
    assert "tran-van-binh" not in member_ids(client, tokens)


def test_the_fixed_file_is_201_with_one_member_joined_each_and_the_members_are_on_the_roll(client, tokens, two_books):
    response = send(client, tokens.clerk(), roster(*GOOD, BAD_ROW.replace("cảm tình", "chính thức")))
    assert response.status_code == 201
    stored = response.json["events"]
    assert [(e["type"], e["stream"], e["actor"]) for e in stored] == [("MemberJoined", "cell", f"clerk-{CELL}")] * 3
    assert stored[0]["data"] == {"member_id": "tran-van-binh", "full_name": "Trần Văn Bình", "kind": "official",
                                 "joined_on": "2004-05-19", "how": "initial", "position": "Hiệu phó, Giáo viên"}
    assert [e["seq"] for e in stored] == [stored[0]["seq"] + n for n in range(3)]
    assert {"tran-van-binh", "le-thi-cuc", "pham-van-dung"} <= set(member_ids(client, tokens))


def test_an_xlsx_roster_is_imported_as_a_csv_one_is(client, tokens, two_books):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Họ và tên", "Loại", "Ngày vào Đảng"])
    workbook.active.append(["Trần Văn Bình", "Chính thức", "19/05/2004"])
    out = io.BytesIO()
    workbook.save(out)
    response = send(client, tokens.clerk(), out.getvalue(), roster_import.XLSX_MEDIA)
    assert response.status_code == 201 and response.json["events"][0]["data"]["joined_on"] == "2004-05-19"


def test_a_multipart_upload_with_the_file_field_is_read_as_the_file(client, tokens, two_books):
    response = client.post(IMPORT + "?dry_run=1", headers=tokens.clerk(),
                           data={"file": (io.BytesIO(roster(*GOOD)), "danh-sach.csv")})
    assert response.status_code == 200 and [r["member_id"] for r in response.json["rows"]] == [
        "tran-van-binh", "le-thi-cuc"]
    missing = client.post(IMPORT, headers=tokens.clerk(), data={"other": (io.BytesIO(roster(*GOOD)), "x.csv")})
    assert missing.status_code == 400 and missing.json["details"] == {"file": ["Thiếu tệp."]}


def test_a_name_already_on_the_roll_is_refused_and_a_namesake_in_the_file_gets_the_next_number(
        client, tokens, two_books):
    before = snapshot(two_books)
    again = send(client, tokens.clerk(), roster("Dương Thị Lê,chính thức,07/11/2011"))
    assert again.status_code == 422 and snapshot(two_books) == before
    (said,) = again.json["details"]["rows"][0]["errors"]
    assert said.startswith("Chi bộ đã có đồng chí Dương Thị Lê (mã duong-thi-le)")
    twins = send(client, tokens.clerk(), roster("Trần Văn Bình,chính thức,19/05/2004",
                                                "Trần Văn Bình,dự bị,02/09/2020"))
    assert twins.status_code == 201
    assert [e["data"]["member_id"] for e in twins.json["events"]] == ["tran-van-binh", "tran-van-binh-2"]


def test_a_refusal_by_the_books_rules_names_the_row_and_stores_nothing(client, tokens, two_books):
    closing = {"stream": "cell", "type": "CellClosed", "data": {"reason": "Mở nhầm", "how": "mistake"}}
    assert client.post(f"/api/v1/cells/{CELL}/events", json=closing, headers=tokens.admin).status_code == 201
    before = snapshot(two_books)
    response = send(client, tokens.clerk(), roster(*GOOD))
    assert response.status_code == 422 and response.json["error"] == "cell_closed"
    assert response.json["message"].startswith("Dòng 2: Sổ của chi bộ đã đóng")
    assert response.json["details"]["index"] == 0
    assert response.json["details"]["rows"][0]["errors"][0].startswith("Sổ của chi bộ đã đóng")
    assert snapshot(two_books) == before


def test_a_clerk_of_another_cell_is_refused_and_nothing_is_stored_while_the_cells_own_clerk_may(
        client, tokens, two_books):
    before = snapshot(two_books)
    refused = send(client, tokens.clerk(OTHER), roster(*GOOD))
    assert refused.status_code == 403 and refused.json["error"] == "forbidden"
    assert send(client, tokens.member(CELL), roster(*GOOD)).status_code == 403
    assert send(client, tokens.clerk(OTHER), roster(*GOOD), query="?dry_run=1").status_code == 403
    assert snapshot(two_books) == before
    assert send(client, tokens.clerk(CELL), roster(*GOOD)).status_code == 201
    assert send(client, tokens.admin, roster("Hoàng Văn Em,chính thức,03/02/2012")).status_code == 201


def test_a_file_over_a_megabyte_is_413_saying_so_and_stores_nothing(client, tokens, two_books):
    before = snapshot(two_books)
    big = roster(*GOOD) + b"\r\n" + b"," * roster_import.MAX_BYTES
    response = send(client, tokens.clerk(), big)
    assert response.status_code == 413 and response.json["error"] == "too_large"
    assert response.json["message"].startswith("Tệp quá lớn: tối đa 1 MB")
    assert snapshot(two_books) == before


def test_a_file_of_more_rows_than_an_import_takes_is_413_and_stores_nothing(client, tokens, two_books):
    before = snapshot(two_books)
    lines = [f"Người Thứ {n},chính thức,01/01/2000" for n in range(roster_import.MAX_ROWS + 1)]
    response = send(client, tokens.clerk(), roster(*lines))
    assert response.status_code == 413 and "tối đa 1.000 dòng" in response.json["message"]
    assert snapshot(two_books) == before


@pytest.mark.parametrize("content, media, status, said", [
    (b"ho ten,que quan\r\nA,B", "text/csv", 422, "Cột không rõ: “que quan”."),
    (b"PK\x03\x04broken", roster_import.XLSX_MEDIA, 422, "Không đọc được tệp Excel (.xlsx)"),
    (b'{"rows": []}', "application/json", 400, "Hãy gửi danh sách dạng text/csv"),
])
def test_a_body_that_is_no_roster_file_is_refused_in_vietnamese_and_stores_nothing(
        client, tokens, two_books, content, media, status, said):
    before = snapshot(two_books)
    response = send(client, tokens.clerk(), content, media)
    assert response.status_code == status and said in response.json["message"]
    assert set(response.json) == {"error", "message", "details"}
    assert snapshot(two_books) == before


@pytest.mark.parametrize("name, media", [("template.xlsx", roster_import.XLSX_MEDIA), ("template.csv", "text/csv")])
def test_the_templates_download_with_their_header_and_example_row_and_read_back(client, tokens, two_books, name, media):
    response = client.get(f"/api/v1/cells/{CELL}/roster/{name}", headers=tokens.member(CELL))
    assert response.status_code == 200 and response.mimetype == media
    assert f"mau-danh-sach-dang-vien.{name.split('.')[1]}" in response.headers["Content-Disposition"]
    (row,) = roster_import.read_file(response.data)
    assert row.full_name == roster_import.EXAMPLE["full_name"]
    assert client.get(f"/api/v1/cells/{OTHER}/roster/{name}", headers=tokens.member(CELL)).status_code == 403
