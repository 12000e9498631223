"""`chibo rebuild` and `chibo minutes` on the demo book: what they print, and how they refuse."""

import json

import pytest


def test_rebuild_folds_every_book_into_a_new_generation_and_answers_stay_the_same(runner, demo):
    before = runner.invoke(args=["chibo", "minutes", "--cell", "th-ky-tho", "--date", "2021-04-07", "--format", "json"])
    result = runner.invoke(args=["chibo", "rebuild"])
    assert result.exit_code == 0, result.output
    assert f"từ {demo.head('th-ky-tho').seq} sự kiện của 1 sổ" in result.output
    assert "minutes (thế hệ 1)" in result.output
    after = runner.invoke(args=["chibo", "minutes", "--cell", "th-ky-tho", "--date", "2021-04-07", "--format", "json"])
    assert json.loads(after.output) == json.loads(before.output)


def test_rebuild_of_one_projection_moves_only_that_one(runner, demo):
    result = runner.invoke(args=["chibo", "rebuild", "--projection", "tasks"])
    assert result.exit_code == 0 and "tasks (thế hệ 1)" in result.output and "minutes" not in result.output


def test_minutes_as_json_give_the_meetings_of_the_date(runner, demo):
    result = runner.invoke(args=["chibo", "minutes", "--cell", "th-ky-tho", "--date", "2021-03-05", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [m["meeting_id"] for m in json.loads(result.output)["meetings"]] == ["2021-03-05"]


def test_minutes_as_of_before_the_april_meeting_have_none_that_day(runner, demo):
    result = runner.invoke(args=["chibo", "minutes", "--cell", "th-ky-tho", "--date", "2021-04-07",
                                 "--as-of", "2000-01-01"])
    assert result.exit_code == 1 and "không có cuộc họp nào ngày 2021-04-07" in result.output


@pytest.mark.parametrize("args, message", [
    (["--cell", "th-ky-tho", "--date", "7/4/2021"], "YYYY-MM-DD"),
    (["--cell", "th-ky-tho", "--date", "2021-04-07", "--as-of", "hôm qua"], "ISO 8601"),
    (["--cell", "th-ky-tho", "--date", "2021-04-07", "--format", "docx"], "-o"),
    (["--cell", "khong-co", "--date", "2021-04-07"], "Không có chi bộ"),
])
def test_minutes_refuse_bad_arguments_with_a_clear_message(runner, demo, args, message):
    result = runner.invoke(args=["chibo", "minutes", *args])
    assert result.exit_code != 0 and message in result.output


def test_numbered_minutes_carry_their_place_in_the_year_and_plain_ones_none(runner, demo):
    args = ["chibo", "minutes", "--cell", "th-ky-tho", "--date", "2021-04-07"]
    numbered = runner.invoke(args=[*args, "--numbered"])
    assert numbered.exit_code == 0, numbered.output
    assert "Số: 02-BB/CB" in numbered.output
    assert "BB/CB" not in runner.invoke(args=args).output
