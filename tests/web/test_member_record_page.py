"""The page of one member's whole record, /cells/<cell>/members/<member_id>, on the demo book, both engines.

A reader of the cell sees Dương Thị Lê's record in Vietnamese: her meetings
with their dates, each linked to its minutes, her tasks, her commendation and
her dues by month; names and dates, never the book's ids. The members page
links each name to it.
"""

import re

import pytest

from chibo_events.catalogue import check_request
from chibo_events.demo import book
from tests.web.test_records_pages import page_text, shown, signed_in

CELL = book.BOOK
LE = f"/cells/{CELL}/members/{book.LE}"
MAY = "2021-05-10"


@pytest.fixture
def inspector(client, demo):
    return signed_in(client, "thanhtra")


def test_her_page_shows_her_name_and_the_meetings_with_vietnamese_dates_linked_to_the_minutes(inspector):
    text, markup = shown(inspector, LE, on=MAY)

    assert "Đồng chí Dương Thị Lê" in text and "Giáo viên" in text and "Chính thức" in text
    assert "Ngày 7 tháng 11 năm 2011" in text  # the day she joined the Party
    assert "3/3 buổi có mặt" in text
    for day, meeting_id in (("Ngày 5 tháng 3 năm 2021", "2021-03-05"), ("Ngày 7 tháng 4 năm 2021", "2021-04-07"),
                            ("Ngày 21 tháng 4 năm 2021", "2021-04-21")):
        assert f'href="/cells/{CELL}/meetings/{meeting_id}/minutes">{day}</a>' in markup
    assert "Sinh hoạt chuyên đề" in text and "Có mặt" in text


def test_her_page_shows_her_tasks_commendation_and_dues_by_month(inspector):
    text, markup = shown(inspector, LE, on=MAY)

    assert "Chia sẻ kinh nghiệm dự thi giáo viên dạy giỏi cấp tỉnh" in text and "Quá hạn" in text
    assert "1 đang thực hiện, 1 quá hạn; 1 đã hoàn thành." in text
    assert "Dự thi giáo viên dạy giỏi cấp tỉnh đạt kết quả tốt. Tại cuộc họp ngày 7 tháng 4 năm 2021" in text
    assert "Chưa có lần nhắc nhở, phê bình nào." in text
    assert "Tháng 1/2021 50.000 đồng" in text and "Tháng 4/2021 50.000 đồng" in text
    assert "Đã đóng đủ các tháng của năm 2021 đến nay." in text and "Chưa đóng" not in text


def test_unpaid_months_are_marked_and_three_of_them_warn_of_removal(inspector):
    text, markup = shown(inspector, LE, on="2021-08-10")

    assert "Chưa đóng 3 tháng trong năm 2021: tháng 5/2021, tháng 6/2021, tháng 7/2021." in text
    assert "Tháng 5/2021 Chưa đóng" in text and markup.count('<tr class="flagged">') == 3
    assert "Căn cứ xem xét xóa tên trong năm 2021" in text


def test_a_rating_a_criticism_and_a_suspension_are_shown_in_vietnamese(inspector, demo):
    for body in (
        {"stream": "cell", "type": "MemberRated", "occurred_at": "2021-01-10T08:00:00+07:00",
         "data": {"member_id": book.LE, "year": 2020, "rating": "good"}},
        {"stream": "cell", "type": "MemberSuspended", "occurred_at": "2021-05-03T08:00:00+07:00",
         "data": {"member_id": book.LE, "reason": "Đang xem xét kỷ luật", "until": "2021-06-30"}},
    ):
        demo.append(CELL, check_request(body), "admin")

    text, _ = shown(inspector, LE, on=MAY)

    assert "Năm 2020 Hoàn thành tốt nhiệm vụ" in text
    assert "Đình chỉ sinh hoạt Lý do: Đang xem xét kỷ luật; đến ngày 30 tháng 6 năm 2021." in text


def test_as_of_before_the_april_meeting_was_recorded_the_page_leaves_it_out(inspector, demo):
    opening = demo.page(CELL, stream=book.APRIL, limit=1)[0]
    before = demo.page(CELL, after_seq=opening["seq"] - 2, limit=1)[0]

    text, markup = shown(inspector, LE, on=MAY, as_of=before["recorded_at"])

    assert "theo sổ như đã ghi đến" in text and "1/1 buổi có mặt" in text
    assert "/meetings/2021-04-07/minutes" not in markup


def test_the_page_shows_no_ids_of_the_book_as_text(inspector):
    text, _ = shown(inspector, LE, on=MAY)

    ids = [book.LE, CELL, "2021-03-05", "2021-04-07", "2021-04-21", book.GVDG_TASK, "2021-04-chuyen-de-gvdg"]
    assert [found for found in ids if found in text] == []
    assert not re.search(r"\b(present|absent_\w+|official|assigned|done|dang_vien)\b", text)
    assert "← Chi bộ Trường Tiểu học Kỳ Thọ" in text  # the way back names the cell, not its id


def test_the_members_page_links_each_name_to_the_record_on_the_day_chosen(inspector):
    _, markup = shown(inspector, f"/cells/{CELL}/members", on=MAY)

    assert f'<a href="{LE}?on={MAY}">Dương Thị Lê</a>' in markup
    assert markup.count(f'href="/cells/{CELL}/members/') == len(book.MEMBERS)
    text, _ = shown(inspector, LE, on=MAY)
    assert "Đồng chí Dương Thị Lê" in text


def test_the_page_prints_without_its_picker_and_takes_styles_only_from_files(inspector):
    _, markup = shown(inspector, LE, on=MAY)

    assert '<form class="picker screen-only"' in markup and "css/print.css" in markup
    assert " style=" not in markup and "<style" not in markup


def test_an_unknown_member_is_not_found_and_another_cells_reader_forbidden(client, inspector, demo):
    assert inspector.get(f"/cells/{CELL}/members/khong-co-ai").status_code == 404
    assert inspector.get(f"/cells/{CELL}/members/Khong Co").status_code == 404
    demo.register_book("chi-bo-khac", {"name": "Chi bộ khác", "committee": "Đảng bộ xã Kỳ Thọ"}, "admin")
    assert signed_in(client, "dangvien").get(f"/cells/chi-bo-khac/members/{book.LE}").status_code == 403
    assert signed_in(client, "dangvien").get(LE).status_code == 200


def test_a_day_before_she_joined_keeps_the_picker_and_says_so(inspector):
    response = inspector.get(LE, query_string={"on": "2011-01-01"})

    assert response.status_code == 404
    assert "chưa vào chi bộ" in page_text(response) and 'id="on"' in response.get_data(as_text=True)


def test_a_bad_day_is_a_400_with_the_message_beside_its_field(inspector):
    response = inspector.get(LE, query_string={"on": "2021-02-30"})

    assert response.status_code == 400
    assert "Ngày xem tình hình không hợp lệ" in page_text(response)
    assert 'id="on-error"' in response.get_data(as_text=True)


def test_the_page_asks_for_a_sign_in(client, demo):
    assert client.get(LE).status_code in (302, 401)
