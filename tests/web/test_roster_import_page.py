"""The clerk's roster import page: choose a file, see every row with its id and errors, fix them there, import."""

import io
import re

import pytest

from chibo_events import roster_import
from tests.books import CELL, snapshot
from tests.web.pages import OTHER, csrf_token_of, events, sign_in, text_of

PAGE = f"/cells/{CELL}/roster/import"
HEADER = "họ và tên,loại,ngày vào Đảng,chức vụ,nghề nghiệp"
FILE = "\r\n".join([HEADER, "Trần Văn Bình,chính thức,19/05/2004,Hiệu phó,Giáo viên",
                    "Lê Thị Cúc,cảm tình,02/09/2020,,Kế toán"]).encode()


def upload(client, content: bytes = FILE, name: str = "danh-sach.csv"):
    return client.post(PAGE, data={"action": "upload", "file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def preview_form(html: str) -> dict[str, str]:
    """Return the preview's fields as the browser would send them: inputs, the chosen option of each picker."""
    form = dict(re.findall(r'<input (?:type="hidden" )?name="(r\d+-[a-z_]+)" value="([^"]*)"', html))
    for name, options in re.findall(r'<select name="(r\d+-kind)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        form[name] = chosen.group(1) if chosen else ""
    return form


def test_the_cell_page_links_the_import_for_the_clerk_only(client, book, no_csrf):
    sign_in(client, "thuky")
    assert f'href="{PAGE}"' in client.get(f"/cells/{CELL}").text
    client.post("/logout")
    sign_in(client, "thanhtra")
    assert f'href="{PAGE}"' not in client.get(f"/cells/{CELL}").text


def test_the_page_offers_the_upload_and_both_templates(client, book, no_csrf):
    sign_in(client, "thuky")
    page = client.get(PAGE)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text and 'name="file" type="file"' in page.text
    assert f'href="/api/v1/cells/{CELL}/roster/template.xlsx"' in page.text
    assert f'href="/api/v1/cells/{CELL}/roster/template.csv"' in page.text
    assert "ngày vào Đảng : ngày/tháng/năm, vd. 19/05/2004" in text_of(page.text)


@pytest.mark.parametrize("username, status", [("thuky-khac", 403), ("thanhtra", 403), ("dangvien", 403)])
def test_nobody_but_the_cells_clerk_and_admins_may_import_and_a_refused_upload_stores_nothing(
        client, book, no_csrf, store, username, status):
    sign_in(client, username)
    assert client.get(PAGE).status_code == status
    before = snapshot(store)
    assert upload(client).status_code == status
    assert snapshot(store) == before
    client.post("/logout")
    sign_in(client, "quantri")
    assert client.get(PAGE).status_code == 200


def test_the_preview_shows_every_row_with_its_id_and_the_bad_rows_error_beside_it_and_stores_nothing(
        client, book, no_csrf, store):
    sign_in(client, "thuky")
    before = snapshot(store)
    preview = upload(client)
    assert preview.status_code == 422
    text = text_of(preview.text)
    assert "Có 1 dòng lỗi" in text and "Chưa nhập ai" in text
    assert "tran-van-binh" in text and "le-thi-cuc" in text
    bad_row = re.search(r'<tr class="bad" id="dong-1">(.*?)</tr>', preview.text, re.S).group(1)
    assert "Loại “cảm tình” không rõ: hãy ghi chính thức, dự bị hoặc tạm thời." in bad_row
    assert '<tr class="ok" id="dong-0">' in preview.text
    assert re.search(r'value="import"[^>]* disabled', preview.text)  # no import while a row is wrong
    assert snapshot(store) == before


def test_the_edited_rows_are_checked_again_then_imported_in_one_batch_and_the_cell_page_says_so(
        client, book, no_csrf, store):
    sign_in(client, "thuky")
    form = preview_form(upload(client).text)
    assert form["r1-kind"] == "" and form["r0-kind"] == "chính thức" and form["r1-number"] == "3"
    before = snapshot(store)
    checked = client.post(PAGE, data={**form, "r1-kind": "dự bị", "action": "check"})
    assert checked.status_code == 200 and "Cả 2 dòng đều hợp lệ" in text_of(checked.text)
    assert not re.search(r'value="import"[^>]* disabled', checked.text) and "Nhập 2 đảng viên" in checked.text
    assert snapshot(store) == before  # checking stores nothing
    imported = client.post(PAGE, data={**preview_form(checked.text), "action": "import"})
    assert imported.status_code == 303 and imported.headers["Location"] == f"/cells/{CELL}"
    joined = events(store)[-2:]
    assert [(e["type"], e["data"]["member_id"], e["data"]["kind"], e["actor"]) for e in joined] == [
        ("MemberJoined", "tran-van-binh", "official", "thuky"), ("MemberJoined", "le-thi-cuc", "probationary", "thuky")]
    assert joined[0]["data"]["position"] == "Hiệu phó, Giáo viên"
    cell_page = text_of(client.get(imported.headers["Location"]).text)
    assert f"Đã nhập 2 đảng viên vào sổ (sự kiện số {joined[0]['seq']}–{joined[1]['seq']})." in cell_page
    assert "Trần Văn Bình" in cell_page


def test_a_row_marked_to_drop_is_left_out(client, book, no_csrf, store):
    sign_in(client, "thuky")
    form = preview_form(upload(client).text)
    checked = client.post(PAGE, data={**form, "r1-drop": "1", "action": "check"})
    assert checked.status_code == 200 and "Nhập 1 đảng viên" in checked.text and "le-thi-cuc" not in checked.text


def test_importing_rows_with_errors_stores_none_and_shows_them_again(client, book, no_csrf, store):
    sign_in(client, "thuky")
    form = preview_form(upload(client).text)
    before = snapshot(store)
    response = client.post(PAGE, data={**form, "action": "import"})
    assert response.status_code == 422 and "Có 1 dòng lỗi (dòng 3); chưa nhập ai" in text_of(response.text)
    assert snapshot(store) == before


def test_a_file_that_is_no_roster_is_refused_on_the_form_in_vietnamese(client, book, no_csrf, store):
    sign_in(client, "thuky")
    before = snapshot(store)
    response = upload(client, b"ho ten,que quan\r\nA,B")
    assert response.status_code == 422
    error = re.search(r'<p class="error" id="tep-danh-sach-error"[^>]*>(.*?)</p>', response.text, re.S).group(1)
    assert error.startswith("Cột không rõ: “que quan”.") and 'name="file" type="file"' in response.text
    assert client.post(PAGE, data={"action": "upload"}, content_type="multipart/form-data").status_code == 422
    assert snapshot(store) == before


def test_a_file_over_the_bound_is_refused_on_the_form_saying_so_and_stores_nothing(client, book, store):
    sign_in_page = client.get("/login").text
    client.post("/login", data={"username": "thuky", "password": "mat-khau-dai-1",
                                "csrf_token": csrf_token_of(sign_in_page)})
    token = csrf_token_of(client.get(PAGE).text)
    before = snapshot(store)
    big = FILE + b"\r\n" + b"," * roster_import.MAX_BYTES
    # The form encoded here: the test client's own encoding spools a body this big to a file it never closes.
    parts = [f'--b\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             for name, value in (("csrf_token", token), ("action", "upload"))]
    head = "".join(parts) + '--b\r\nContent-Disposition: form-data; name="file"; filename="to.csv"\r\n\r\n'
    response = client.post(PAGE, data=head.encode() + big + b"\r\n--b--\r\n",
                           content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    error = re.search(r'<p class="error" id="tep-danh-sach-error"[^>]*>(.*?)</p>', response.text, re.S).group(1)
    assert error.startswith("Tệp quá lớn: tối đa 1 MB")
    assert snapshot(store) == before


def test_the_forms_carry_the_csrf_token_and_a_post_without_it_stores_nothing(client, book, store):
    sign_in_page = client.get("/login").text
    client.post("/login", data={"username": "thuky", "password": "mat-khau-dai-1",
                                "csrf_token": csrf_token_of(sign_in_page)})
    page = client.get(PAGE).text
    assert csrf_token_of(page)
    before = snapshot(store)
    assert upload(client).status_code == 400
    assert snapshot(store) == before
    with_token = client.post(PAGE, data={"action": "upload", "csrf_token": csrf_token_of(page),
                                         "file": (io.BytesIO(FILE), "danh-sach.csv")},
                             content_type="multipart/form-data")
    assert with_token.status_code == 422 and 'name="csrf_token"' in with_token.text


def test_another_cells_page_is_refused_to_this_cells_clerk(client, book, no_csrf):
    sign_in(client, "thuky")
    assert client.get(f"/cells/{OTHER}/roster/import").status_code == 403
