"""The read pages on the demo book: the biên bản, member status and the audit trail, as a signed-in browser sees them.

Pages need a session; an unknown cell or meeting is a 404, another cell's
book a 403, and a bad date or moment a 400 that says in Vietnamese what to
fix, beside the field, and reads nothing.
"""

import html
import re

import pytest
from werkzeug.security import generate_password_hash

from chibo_events.catalogue import check_request
from chibo_events.demo import book
from tests import books
from tests.books import correct_in_the_demo
from tests.integrity import tamper

CELL = book.BOOK
MINUTES = f"/cells/{CELL}/meetings/2021-04-07/minutes"
MEMBERS = f"/cells/{CELL}/members"
AUDIT = f"/cells/{CELL}/audit"


def signed_in(client, username: str):
    """Give the test client the session flask-login keeps for a signed-in user."""
    session_id = client.application.extensions["chibo_store"].accounts.start_session(username)
    with client.session_transaction() as session:
        session["_user_id"] = session_id  # the cookie carries the server's session, as signing in gives it
    return client


@pytest.fixture
def inspector(client, demo):
    return signed_in(client, "thanhtra")


def page_text(response) -> str:
    """Return what a reader sees of an HTML page: the text without tags, one space between words."""
    body = response.get_data(as_text=True)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()
    return re.sub(r" ([:;,.)])", r"\1", text)  # a tag closed before punctuation leaves no gap on screen


def shown(client, path, **params) -> tuple[str, str]:
    """Return (text, html) of a page that must answer 200."""
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return page_text(response), response.get_data(as_text=True)


def events_listed(markup: str) -> list[int]:
    return [int(seq) for seq in re.findall(r'<li class="audit-event[^"]*" id="seq-(\d+)"', markup)]


def correct_a_commendation(store) -> tuple[dict, dict]:
    """Correct the first commendation of April; return (the commendation, the correction)."""
    commendation = store.page(CELL, limit=1000, type="MemberCommended")[0]
    corrected = {**commendation["data"], "reason": "Đạt giải Nhất cấp tỉnh."}
    return commendation, correct_in_the_demo(store, commendation, corrected, "Ghi thiếu giải.")


# ---------------------------------------------------------------- the biên bản


def test_the_biên_bản_shows_the_april_headers_attendance_and_vote(inspector):
    text, markup = shown(inspector, MINUTES)
    assert "ĐẢNG BỘ XÃ KỲ THỌ CHI BỘ TRƯỜNG TIỂU HỌC KỲ THỌ *" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM Kỳ Thọ, ngày 7 tháng 4 năm 2021" in text
    assert "BIÊN BẢN SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 4 NĂM 2021" in text
    assert "Tổng số đảng viên: 17 (chính thức: 15, dự bị: 2)" in text and "có mặt: 16" in text
    assert "vắng có lý do: 1 (đồng chí Hồ Thị Thanh Huyền" in text
    assert "Biểu quyết: 14/14 đảng viên chính thức được triệu tập tán thành (100%)" in text
    assert "Tỷ lệ đảng viên dự họp: 94,1%." in text and "Không có điểm nào cần lưu ý" in text
    # The signatures, then the footer that matches a signed paper copy to the book.
    assert re.search(r"THƯ KÝ Phan Thị Hoa CHỦ TRÌ Nguyễn Thị Hồng Vân "
                     r"Lập từ sổ th-ky-tho khi sổ có 194 sự kiện; root [0-9a-f]{16}\.$", text)
    assert f'/api/v1/cells/{CELL}/meetings/2021-04-07/minutes.docx' in markup


@pytest.mark.parametrize("path", [MINUTES, MEMBERS, AUDIT])
def test_the_pages_take_styles_and_scripts_only_from_files_as_the_csp_demands(inspector, path):
    _, markup = shown(inspector, path)
    assert " style=" not in markup and "<style" not in markup
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", markup)
    assert "css/print.css" in markup and "css/records.css" in markup


def test_the_biên_bản_as_of_before_a_correction_shows_the_old_text(inspector, demo):
    commendation, correction = correct_a_commendation(demo)
    before, _ = shown(inspector, MINUTES, as_of=commendation["recorded_at"])
    now, now_markup = shown(inspector, MINUTES)
    assert commendation["data"]["reason"].rstrip(".") in before and "Đạt giải Nhất cấp tỉnh" not in before
    assert "đã đính chính" not in before and "Biên bản như đã ghi đến" in before
    assert "Đạt giải Nhất cấp tỉnh. (đã đính chính)" in now
    assert f"Bản ghi số {commendation['seq']} (biểu dương) đã được đính chính" in now
    assert f'href="/cells/{CELL}/audit?after_seq={correction["seq"] - 1}#seq-{correction["seq"]}"' in now_markup


def test_the_word_link_keeps_the_moment_the_reader_chose(inspector):
    _, markup = shown(inspector, MINUTES, as_of="2099-01-01T00:00")
    assert "minutes.docx?as_of=2098-12-31T17:00:00.000000Z" in markup
    assert 'value="2099-01-01T00:00:00"' in markup


def test_a_moment_before_the_meeting_was_recorded_keeps_the_picker(inspector):
    response = inspector.get(MINUTES, query_string={"as_of": "2021-01-01T00:00"})
    assert response.status_code == 404
    assert "sổ chưa ghi cuộc họp này" in page_text(response)
    assert 'id="as_of"' in response.get_data(as_text=True)


# ---------------------------------------------------------------- member status


def test_members_on_a_date_show_what_was_known_of_that_day(inspector):
    march, _ = shown(inspector, MEMBERS, on="2021-03-01")
    april, markup = shown(inspector, MEMBERS, on="2021-04-30")
    assert "Vào ngày 1 tháng 3 năm 2021" in march and "Vào ngày 30 tháng 4 năm 2021" in april
    assert "17 đảng viên đang sinh hoạt (15 chính thức, 2 dự bị)" in april
    assert "Bí thư" in april and "Phó Bí thư" in april and "Dự bị" in april
    assert "0/0 buổi có mặt" in march and "3/3 buổi có mặt" in april
    assert 'class="flagged' not in markup and "Vắng sinh hoạt không lý do nhiều lần" not in april


def test_members_as_of_a_moment_before_the_roster_was_recorded_show_nobody(inspector):
    text, markup = shown(inspector, MEMBERS, on="2021-04-30", as_of="2021-05-01T08:00")
    assert "theo sổ như đã ghi đến 8 giờ 00 ngày 1 tháng 5 năm 2021" in text
    assert "Vào ngày này chi bộ chưa có đảng viên nào." in text
    assert 'value="2021-05-01T08:00:00"' in markup


def test_members_show_their_latest_yearly_rating_in_vietnamese(inspector, demo):
    demo.append(CELL, check_request({
        "stream": "cell", "type": "MemberRated", "occurred_at": "2021-01-10T08:00:00+07:00",
        "data": {"member_id": "duong-thi-le", "year": 2020, "rating": "excellent"}}), "admin")
    text, _ = shown(inspector, MEMBERS, on="2021-04-30")
    assert "Hoàn thành xuất sắc nhiệm vụ (năm 2020)" in text


def test_members_show_open_and_overdue_tasks(inspector):
    text, markup = shown(inspector, MEMBERS, on="2021-05-25")
    assert "Nhiệm vụ đang thực hiện" in text and "quá hạn" in text
    assert 'class="overdue"' in markup


def a_cell_with_a_member_who_keeps_missing_meetings(store) -> None:
    """Write a small cell where Thương misses three meetings of 2021 without a reason; everyone pays dues."""
    books.book_with_meeting(store)  # April: everyone present
    for month in range(1, 8):
        for member_id, _, _ in books.ROSTER:
            dues = books.event("cell", "DuesPaid", {"member_id": member_id, "month": f"2021-{month:02d}",
                                                    "amount": 50000}, occurred_at=f"2021-{month:02d}-05T16:00:00+07:00")
            store.append(books.CELL, check_request(dues), "admin")
    for month in ("05", "06", "07"):
        stream = f"meeting:2021-{month}-05"
        store.append(books.CELL, check_request(books.opened(stream, f"2021-{month}-05T14:00:00+07:00")), "admin")
        for member_id, _, _ in books.ROSTER:
            status = "absent_unexcused" if member_id == "nguyen-thi-thuong" else "present"
            attendance = books.attended(member_id, status, stream, at=f"2021-{month}-05T14:05:00+07:00")
            store.append(books.CELL, check_request(attendance), "admin")


def test_a_member_who_misses_three_meetings_unexcused_in_a_year_is_highlighted(app, client):
    store = app.extensions["chibo_store"]
    a_cell_with_a_member_who_keeps_missing_meetings(store)
    store.accounts.add("thanhtra", generate_password_hash("x"), "inspector")
    signed_in(client, "thanhtra")
    text, markup = shown(client, f"/cells/{books.CELL}/members", on="2021-07-31")
    assert 'id="member-nguyen-thi-thuong" class="flagged' in markup
    assert "Đồng chí Nguyễn Thị Thương: vắng sinh hoạt thường kỳ không lý do 3 tháng." in text
    assert markup.count('class="flagged') == 1
    earlier, earlier_markup = shown(client, f"/cells/{books.CELL}/members", on="2021-06-30")
    # In June it is two months: not yet grounds for removal (she is flagged only as a probation overdue).
    assert "Căn cứ xem xét xóa tên" not in earlier and "vắng không lý do: 2" in earlier


# ---------------------------------------------------------------- audit trail


def test_the_audit_trail_shows_who_recorded_each_event_and_when(inspector, demo):
    text, markup = shown(inspector, AUDIT)
    first = demo.page(CELL, limit=1)[0]
    assert events_listed(markup) == list(range(1, 51))
    assert "Sổ nguyên vẹn: 194 bản ghi" in text
    assert "#1 Mở sổ chi bộ Mở sổ cho Chi bộ Trường Tiểu học Kỳ Thọ (Đảng bộ xã Kỳ Thọ" in text  # a sentence
    assert "Ghi bởi admin," in text and "diễn ra 7 giờ 30 ngày 4 tháng 1 năm 2021" in text
    assert "Chi tiết kỹ thuật Loại CellRegistered" in text  # the technical details, folded below
    assert first["hash"] in markup and first["prev_hash"] in markup
    assert f'<pre class="note">chibo/{CELL}\n194\n' in markup  # the signed checkpoint, as inspectors keep it
    assert "Checkpoint đã ký mới nhất (chữ ký hợp lệ)" in text
    assert 'after_seq=50' in markup  # the next page


@pytest.mark.parametrize("params, keep", [
    ({"type": "MemberCommended"}, lambda e: e["type"] == "MemberCommended"),
    ({"stream": "meeting:2021-03-05"}, lambda e: e["stream"] == "meeting:2021-03-05"),
    ({"member": "duong-thi-le"}, lambda e: "duong-thi-le" in str(e["data"])),
    ({"actor": "admin"}, lambda e: e["actor"] == "admin"),
    ({"from": "2021-04-07", "to": "2021-04-07"}, lambda e: e["occurred_at"].startswith("2021-04-07")),
])
def test_each_audit_filter_narrows_the_list(inspector, demo, params, keep):
    _, markup = shown(inspector, AUDIT, **params)
    listed = events_listed(markup)
    expected = [e["seq"] for e in demo.page(CELL, limit=1000) if keep(e)][:50]
    assert listed == expected and 0 < len(listed) < 194


def test_the_audit_trail_pages_after_a_seq(inspector):
    _, markup = shown(inspector, AUDIT, after_seq=50)
    assert events_listed(markup) == list(range(51, 101)) and "Trang sau" in page_text(
        inspector.get(AUDIT, query_string={"after_seq": 50}))
    _, last = shown(inspector, AUDIT, after_seq=150)
    assert events_listed(last) == list(range(151, 195))
    assert "Trang sau" not in page_text(inspector.get(AUDIT, query_string={"after_seq": 150}))


def test_a_correction_and_its_target_link_to_each_other(inspector, demo):
    commendation, correction = correct_a_commendation(demo)
    # The correction was decided at the May meeting, pages later: the links go across pages.
    _, markup = shown(inspector, AUDIT, after_seq=commendation["seq"] - 1)
    assert re.search(rf'Đã được đính chính bởi\s*<a href="[^"]*#seq-{correction["seq"]}">#{correction["seq"]}</a>',
                     markup)
    text, markup = shown(inspector, AUDIT, after_seq=correction["seq"] - 1)
    assert re.search(rf'Đính chính bản ghi\s*<a href="[^"]*#seq-{commendation["seq"]}">#{commendation["seq"]}</a>',
                     markup)
    assert f"Đính chính bản ghi số {commendation['seq']}. Lý do: Ghi thiếu giải." in text  # said as a sentence


def test_a_correction_shows_its_targets_fields_before_and_after_with_the_changed_one_marked(inspector, demo):
    commendation, correction = correct_a_commendation(demo)

    _, markup = shown(inspector, AUDIT, after_seq=correction["seq"] - 1)

    table = markup[markup.index('<table class="before-after">'):markup.index("</table>")]
    changed = re.findall(r'<tr class="changed"><th scope="row">([^<]+)</th>', table)
    assert changed == ["lý do"]  # the member is the same; only the reason changed
    assert f"<del>{commendation['data']['reason']}</del>" in table and "<ins>Đạt giải Nhất cấp tỉnh.</ins>" in table
    assert '<th scope="row">đồng chí</th>' in table and "Dương Thị Lê" in table  # named, not by id
    _, first_page = shown(inspector, AUDIT, type="EventCorrected")
    assert f'href="/cells/{CELL}/audit?after_seq={commendation["seq"] - 1}#seq-{commendation["seq"]}"' in first_page


def test_an_events_inclusion_proof_is_verified_against_the_signed_checkpoint(inspector):
    text, markup = shown(inspector, AUDIT, proof=5)
    assert "Đã xác minh: bản ghi nằm trong cây Merkle mà checkpoint đã ký xác nhận." in text
    assert 'id="proof-5"' in markup and "kích thước 194" in text
    assert "Chứng minh bản ghi nằm trong sổ đã ký" in text  # the other events offer theirs on demand


def test_an_edited_event_is_named_as_the_first_bad_one_and_its_proof_fails(inspector, demo):
    tamper.drop_guards(demo.engine)
    tamper.set_data_field(demo.engine, 90, "reason", "Sửa lén sau cuộc họp.")
    text, markup = shown(inspector, AUDIT, after_seq=89, proof=90)
    assert "Sổ KHÔNG nguyên vẹn: sai đầu tiên ở bản ghi số 90." in text
    assert "KHÔNG xác minh được: bằng chứng không khớp với root đã ký." in text
    assert 'class="proof bad"' in markup


# ---------------------------------------------------------------- access and bad parameters


@pytest.mark.parametrize("path", [MINUTES, MEMBERS, AUDIT])
def test_pages_ask_for_a_sign_in(client, demo, path):
    assert client.get(path).status_code in (302, 401)


@pytest.mark.parametrize("path", [
    "/cells/khong-co/members", "/cells/khong-co/audit", "/cells/khong-co/meetings/2021-04-07/minutes",
    f"/cells/{CELL}/meetings/2030-01-01/minutes",
])
def test_an_unknown_cell_or_meeting_is_not_found(inspector, path):
    response = inspector.get(path)
    assert response.status_code == 404
    assert "không có" in page_text(response).lower()


@pytest.mark.parametrize("path", ["/cells/chi-bo-khac/members", "/cells/chi-bo-khac/audit"])
def test_a_member_may_not_read_another_cells_book(client, demo, path):
    demo.register_book("chi-bo-khac", {"name": "Chi bộ khác", "committee": "Đảng bộ xã Kỳ Thọ"}, "admin")
    assert signed_in(client, "dangvien").get(path).status_code == 403
    assert signed_in(client, "dangvien").get(MEMBERS).status_code == 200


@pytest.mark.parametrize("path, params, field, message", [
    (MINUTES, {"as_of": "hôm qua"}, "as_of", "Thời điểm xem sổ không hợp lệ"),
    (MEMBERS, {"on": "2021-02-30"}, "on", "Ngày xem tình hình không hợp lệ"),
    (MEMBERS, {"as_of": "2021-04-07T25:00"}, "as_of", "Thời điểm xem sổ không hợp lệ"),
    (AUDIT, {"from": "7/4/2021"}, "from", "Ngày bắt đầu không hợp lệ"),
    (AUDIT, {"after_seq": "-1"}, "after_seq", "Số thứ tự bắt đầu phải là số nguyên không âm"),
    (AUDIT, {"proof": "abc"}, "proof", "Số thứ tự cần chứng minh phải là số nguyên dương"),
])
def test_a_bad_parameter_is_a_400_with_the_message_beside_its_field(inspector, demo, path, params, field, message):
    head = demo.head(CELL)
    response = inspector.get(path, query_string=params)
    assert response.status_code == 400
    assert message in page_text(response)
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert demo.head(CELL) == head
