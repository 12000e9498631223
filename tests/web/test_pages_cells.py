"""The cell pages: who may see which cell, what the cell page shows, and opening a new meeting from it."""

import pytest

from chibo_events.catalogue import check_request
from tests.books import CELL
from tests.web.pages import MEETING_PAGE, OTHER, events, sign_in, text_of

CELL_PAGE = "/cells/th-ky-tho"
OTHER_PAGE = f"/cells/{OTHER}"
#                  own cell, other cell, meeting page, console shown
ACCESS = {
    "quantri":       (200, 200, 200, True),
    "thuky":         (200, 403, 200, True),
    "thuky-khac":    (403, 200, 403, False),
    "thanhtra":      (200, 200, 200, False),
    "dangvien":      (200, 403, 200, False),
    "dangvien-khac": (403, 200, 403, False),
}


@pytest.mark.parametrize("username", ACCESS)
def test_each_role_sees_exactly_the_cells_the_api_lets_it_read(client, book, no_csrf, username):
    own, other, meeting, console = ACCESS[username]
    sign_in(client, username)
    assert client.get(CELL_PAGE).status_code == own
    assert client.get(OTHER_PAGE).status_code == other
    page = client.get(MEETING_PAGE)
    assert page.status_code == meeting
    assert ('id="ghi"' in page.text) is console


@pytest.mark.parametrize("username", ACCESS)
def test_the_front_page_lists_only_the_cells_the_user_may_read(client, book, no_csrf, username):
    own, other, _, _ = ACCESS[username]
    sign_in(client, username)
    page = client.get("/").text
    assert (f'href="{CELL_PAGE}"' in page) is (own == 200)
    assert (f'href="{OTHER_PAGE}"' in page) is (other == 200)


def test_a_forbidden_cell_page_says_so_in_vietnamese(client, book, no_csrf):
    sign_in(client, "dangvien")
    response = client.get(OTHER_PAGE)
    assert response.status_code == 403
    assert "Bạn không được xem sổ của chi bộ" in text_of(response.text)


def test_the_cell_page_shows_meetings_members_and_open_tasks(client, book, no_csrf):
    sign_in(client, "thanhtra")
    page = text_of(client.get(CELL_PAGE).text)
    assert "Chi bộ Trường Tiểu học Kỳ Thọ" in page
    assert "Sinh hoạt chi bộ thường kỳ tháng 4 năm 2021" in page and "14 giờ 00 ngày 7 tháng 4 năm 2021" in page
    assert "Đảng viên (4)" in page and "Nguyễn Thị Thương" in page
    assert "Nhiệm vụ đang mở" in page
    assert "Khai mạc buổi sinh hoạt mới" not in page  # an inspector opens no meeting


def opening(**changes) -> dict:
    form = {"meeting_id": "2021-05-06", "kind": "regular", "title": "Sinh hoạt chi bộ thường kỳ tháng 5 năm 2021",
            "location": "Phòng họp", "chair": "nguyen-thi-hong-van", "clerk": "duong-thi-le",
            "event_id": "8f1b4b8e-9a53-4c43-9d0f-4f5b1a2c3d4e"}
    return {**form, **changes}


def test_a_clerk_opens_a_meeting_from_the_cell_page(client, book, no_csrf, store):
    sign_in(client, "thuky")
    assert "Khai mạc buổi sinh hoạt mới" in client.get(CELL_PAGE).text
    response = client.post(f"{CELL_PAGE}/meetings", data=opening())
    assert response.status_code == 303
    assert response.headers["Location"] == f"{CELL_PAGE}/meetings/2021-05-06"
    opened = events(store)[-1]
    assert (opened["stream"], opened["type"], opened["version"]) == ("meeting:2021-05-06", "MeetingOpened", 1)
    assert opened["data"]["chair"] == "nguyen-thi-hong-van" and opened["actor"] == "thuky"
    assert client.get(response.headers["Location"]).status_code == 200


@pytest.mark.parametrize("changes, field, words", [
    ({"meeting_id": "2021-04-07"}, "meeting_id", "Cuộc họp này đã khai mạc"),
    ({"meeting_id": "Họp Tháng 5"}, "meeting_id", "Luồng phải là"),
    ({"meeting_id": ""}, "meeting_id", "Thiếu trường bắt buộc."),
    ({"title": "  "}, "title", "Thiếu trường bắt buộc."),
    ({"chair": ""}, "chair", "Thiếu trường bắt buộc."),
    ({"chair": "nguoi-la"}, "chair", "không phải đảng viên của chi bộ"),
])
def test_a_bad_opening_shows_a_vietnamese_error_beside_the_field_and_stores_nothing(
        client, book, no_csrf, store, changes, field, words):
    sign_in(client, "thuky")
    before = events(store)
    response = client.post(f"{CELL_PAGE}/meetings", data=opening(**changes))
    assert response.status_code == 422
    assert f'id="open-{field}-error"' in response.text
    assert words in response.text
    assert events(store) == before


def test_an_inspector_cannot_open_a_meeting(client, book, no_csrf, store):
    sign_in(client, "thanhtra")
    before = events(store)
    assert client.post(f"{CELL_PAGE}/meetings", data=opening()).status_code == 403
    assert events(store) == before


def test_an_unknown_cell_or_meeting_is_a_vietnamese_404(client, book, no_csrf):
    sign_in(client, "quantri")
    assert "Không có chi bộ" in client.get("/cells/khong-co").text
    response = client.get(f"{CELL_PAGE}/meetings/khong-co")
    assert response.status_code == 404 and "không có cuộc họp" in response.text
    assert client.get(f"{CELL_PAGE}/meetings/khong-co/live").status_code == 204  # nothing new in an empty stream


def test_a_closed_cell_leaves_the_front_page_list_and_is_shown_marked_below_it(client, book, no_csrf):
    closing = {"stream": "cell", "type": "CellClosed", "occurred_at": "2021-05-01T08:00:00+07:00",
               "data": {"reason": "Mở nhầm khi thử", "how": "mistake"}}
    book.append(OTHER, check_request(closing), "quantri")
    sign_in(client, "quantri")
    page = client.get("/").text
    listed, closed = page.split("Chi bộ đã đóng sổ (1)")
    assert f'href="{CELL_PAGE}"' in listed and f'href="{OTHER_PAGE}"' not in listed
    assert f'href="{OTHER_PAGE}"' in closed and "mở nhầm" in text_of(closed)

    cell_page = text_of(client.get(OTHER_PAGE).text)
    assert "Sổ đã đóng ngày 1 tháng 5 năm 2021 (mở nhầm): Mở nhầm khi thử." in cell_page
    assert "Khai mạc buổi sinh hoạt mới" not in cell_page  # not even for an admin


def test_an_open_cell_has_no_closed_list_and_keeps_its_opening_form(client, book, no_csrf):
    sign_in(client, "quantri")
    assert "Chi bộ đã đóng sổ" not in client.get("/").text
    assert "Khai mạc buổi sinh hoạt mới" in text_of(client.get(CELL_PAGE).text)


def test_a_voided_meeting_leaves_the_cell_page_list_and_is_shown_marked_below_it(client, book, no_csrf):
    book.append(CELL, check_request({"stream": "meeting:2021-04-07", "type": "MeetingVoided",
                       "occurred_at": "2021-04-07T14:10:00+07:00", "data": {"reason": "Mở nhầm ngày"}}), "quantri")
    sign_in(client, "thanhtra")
    page = client.get(CELL_PAGE).text
    listed, voided = page.split("Buổi họp đã hủy (1)")
    assert MEETING_PAGE not in listed.split('id="h-meetings"')[1]
    assert MEETING_PAGE in voided and "đã hủy" in text_of(voided)
