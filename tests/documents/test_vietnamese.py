"""Dates, times, shares and codes read as a Vietnamese biên bản writes them."""

import ast
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from chibo_events.documents import vietnamese
from chibo_events.documents.vietnamese import (
    attendance_words,
    criticism_level_words,
    date_words,
    event_type_words,
    kind_words,
    member_kind_words,
    moment_words,
    place_date_line,
    rating_words,
    role_words,
    share_of,
    share_words,
    task_status_words,
    time_words,
)


def test_a_date_reads_day_month_and_year_without_leading_zeros():
    assert date_words(date(2021, 4, 7)) == "ngày 7 tháng 4 năm 2021"
    assert date_words("2021-12-25") == "ngày 25 tháng 12 năm 2021"


def test_a_moment_falls_on_its_vietnam_calendar_day():
    assert date_words("2021-04-06T20:00:00+00:00") == "ngày 7 tháng 4 năm 2021"
    assert date_words(datetime.fromisoformat("2021-04-06T20:00:00-05:00")) == "ngày 7 tháng 4 năm 2021"


def test_a_time_reads_hours_and_two_digit_minutes_in_vietnam_time():
    assert time_words("2021-04-07T14:00:00+07:00") == "14 giờ 00"
    assert time_words("2021-04-07T09:40:00.000000Z") == "16 giờ 40"
    assert time_words(datetime.fromisoformat("2021-04-07T00:05:00+00:00")) == "7 giờ 05"


def test_a_naive_time_is_already_vietnam_time():
    assert time_words("2021-04-07T14:30:00") == "14 giờ 30"


def test_a_moment_reads_its_time_then_its_day():
    assert moment_words("2021-04-30T17:30:00Z") == "0 giờ 30 ngày 1 tháng 5 năm 2021"


def test_unknown_dates_and_times_are_left_as_dots_to_fill_in():
    assert date_words(None) == "ngày … tháng … năm …"
    assert time_words(None) == "… giờ …"


def test_the_dateline_starts_with_the_place():
    assert place_date_line("Kỳ Thọ", date(2021, 4, 7)) == "Kỳ Thọ, ngày 7 tháng 4 năm 2021"


def test_a_dateline_without_a_place_starts_with_a_capital():
    assert place_date_line(None, date(2021, 4, 7)) == "Ngày 7 tháng 4 năm 2021"
    assert place_date_line("  ", date(2021, 4, 7)) == "Ngày 7 tháng 4 năm 2021"


def test_a_unanimous_share_has_no_decimals():
    assert share_words(100.0) == "100%"
    assert share_words(50) == "50%"


def test_the_vote_share_uses_a_decimal_comma():
    assert share_words(share_of(14, 15)) == "93,3%"


def test_a_share_is_rounded_half_up_to_one_decimal():
    assert share_words(share_of(2, 3)) == "66,7%"
    assert share_words(12.25) == "12,3%"


def test_a_share_short_of_unanimity_never_reads_100_percent():
    assert share_words(share_of(2499, 2500)) == "99,9%"
    assert share_words(share_of(1, 2500)) == "0,1%"
    assert share_words(0) == "0%"


def test_there_is_no_share_of_nobody():
    assert share_of(0, 0) is None
    assert share_words(None) == ""


@pytest.mark.parametrize("words, code, expected", [
    (kind_words, "regular", "THƯỜNG KỲ"),
    (kind_words, "thematic", "CHUYÊN ĐỀ"),
    (kind_words, "extraordinary", "BẤT THƯỜNG"),
    (attendance_words, "present", "có mặt"),
    (attendance_words, "late", "đến muộn"),
    (attendance_words, "left_early", "về sớm"),
    (attendance_words, "absent_excused", "vắng có lý do"),
    (attendance_words, "absent_unexcused", "vắng không lý do"),
    (task_status_words, "done", "đã hoàn thành"),
    (task_status_words, "in_progress", "đang thực hiện"),
    (task_status_words, "not_done", "chưa hoàn thành"),
    (task_status_words, "cancelled", "hủy"),
    (rating_words, "excellent", "Hoàn thành xuất sắc nhiệm vụ"),
    (rating_words, "good", "Hoàn thành tốt nhiệm vụ"),
    (rating_words, "completed", "Hoàn thành nhiệm vụ"),
    (rating_words, "not_completed", "Không hoàn thành nhiệm vụ"),
    (role_words, "bi_thu", "Bí thư"),
    (role_words, "pho_bi_thu", "Phó Bí thư"),
    (role_words, "chi_uy_vien", "Chi ủy viên"),
    (role_words, "dang_vien", "Đảng viên"),
    (member_kind_words, "official", "chính thức"),
    (member_kind_words, "probationary", "dự bị"),
    (criticism_level_words, "reminder", "Nhắc nhở"),
    (criticism_level_words, "criticism", "Phê bình"),
    (event_type_words, "TaskAssigned", "giao nhiệm vụ"),
])
def test_each_code_has_its_vietnamese_words(words, code, expected):
    assert words(code) == expected


def test_an_unknown_code_is_shown_as_itself_rather_than_failing():
    assert task_status_words("postponed") == "postponed"
    assert role_words(None) == ""


def test_the_words_module_needs_only_the_standard_library():
    tree = ast.parse(Path(vietnamese.__file__).read_text())
    absolute = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    absolute |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.level == 0}
    relative = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level > 0}
    assert absolute and absolute <= set(sys.stdlib_module_names)
    assert relative <= {"clock", None}  # None: `from .. import vocabulary`, itself standard library only


def test_every_event_type_in_the_catalogue_has_vietnamese_words():
    from chibo_events.catalogue import CELL_TYPES, EITHER_TYPES, MEETING_TYPES

    every_type = CELL_TYPES | MEETING_TYPES | EITHER_TYPES
    assert {t for t in every_type if event_type_words(t) == t} == set()
