"""The projections as pure folds: given a book's events, when folded, then the minutes, members and tasks say..."""

from datetime import date

from projections import cell, members, minutes, tasks
from projections.replay import replay
from tests.books import MEETING, Book, cell_of_three


def the_minutes(book: Book, as_of: str | None = None) -> dict:
    envelopes = [e for e in book.envelopes if as_of is None or e["recorded_at"] <= as_of]
    folded = replay(envelopes)
    return minutes.render(folded.docs["minutes"]["2021-04-07"], folded.docs["members"],
                          cell.describe(folded.docs["cell"]["cell"]), as_of)


def statuses_on(book: Book, day: date) -> dict[str, dict]:
    folded = replay(book.envelopes)
    board = tasks.board(folded.docs["tasks"].values(), day, {})
    statuses = members.statuses(folded.docs["members"].values(), folded.docs["records"], day, board)
    return {s["member_id"]: s for s in statuses}


def board_on(book: Book, day: date, status: str = "all") -> list[dict]:
    folded = replay(book.envelopes)
    return tasks.board(folded.docs["tasks"].values(), day, {}, status)


def test_the_minutes_count_the_roll_as_it_was_when_the_meeting_opened():
    book = cell_of_three()
    book.join("tho", "Nguyễn Huy Thọ", joined_on="2021-05-01", occurred_at="2021-05-01T08:00:00+07:00")
    attendance = the_minutes(book)["attendance"]
    assert (attendance["total"], attendance["official"], attendance["probationary"]) == (3, 2, 1)
    assert attendance["present"] == 3 and attendance["not_recorded"] == []


def test_the_latest_attendance_of_a_member_wins_and_absences_are_named_with_reasons():
    book = cell_of_three()
    book.attend("le", "absent_excused", reason="Đi tập huấn")
    attendance = the_minutes(book)["attendance"]
    assert attendance["present"] == 2
    assert attendance["absent_excused"] == [{"member_id": "le", "full_name": "Dương Thị Lê", "reason": "Đi tập huấn"}]


def test_members_without_attendance_are_listed_as_not_recorded():
    book = cell_of_three()
    book.join("tho", "Nguyễn Huy Thọ")
    assert the_minutes(book)["attendance"]["not_recorded"] == [{"member_id": "tho", "full_name": "Nguyễn Huy Thọ"}]


def test_a_vote_share_counts_only_official_members_present_at_the_vote():
    book = cell_of_three()
    book.add(MEETING, "ConclusionAdopted", {"text": "Nhất trí.", "votes_for": 2, "votes_against": 0,
                                             "votes_abstain": 0}, "2021-04-07T16:00:00+07:00")
    conclusion = the_minutes(book)["conclusions"][0]
    assert (conclusion["voters"], conclusion["share_for"]) == (2, 100.0)


def test_a_correction_shows_from_the_moment_it_was_recorded_and_is_listed():
    book = cell_of_three()
    praised = book.add(MEETING, "MemberCommended", {"member_id": "le", "reason": "Giỏi cấp huyện"},
                       "2021-04-07T15:00:00+07:00")
    correction = book.add(MEETING, "EventCorrected", {
        "target_seq": praised["seq"], "data": {"member_id": "le", "reason": "Giỏi cấp tỉnh"}, "reason": "Ghi nhầm cấp."
    }, "2021-04-07T15:05:00+07:00")
    before = the_minutes(book, as_of=praised["recorded_at"])
    after = the_minutes(book)
    assert before["commendations"][0]["reason"] == "Giỏi cấp huyện" and before["corrections"] == []
    assert after["commendations"][0]["reason"] == "Giỏi cấp tỉnh" and after["commendations"][0]["corrected"]
    assert after["corrections"] == [{
        "seq": correction["seq"], "target_seq": praised["seq"], "target_type": "MemberCommended",
        "kind": "corrected", "reason": "Ghi nhầm cấp.", "recorded_at": correction["recorded_at"], "actor": "thuky",
    }]


def test_a_retracted_criticism_leaves_the_minutes_but_not_the_list_of_corrections():
    book = cell_of_three()
    criticism = book.add(MEETING, "MemberCriticized", {"member_id": "le", "level": "reminder", "reason": "Muộn"},
                         "2021-04-07T15:00:00+07:00")
    book.add(MEETING, "EventRetracted", {"target_seq": criticism["seq"], "reason": "Nhầm người."},
             "2021-04-07T15:01:00+07:00")
    minutes_now = the_minutes(book)
    assert minutes_now["criticisms"] == []
    assert [c["kind"] for c in minutes_now["corrections"]] == ["retracted"]
    assert criticism["seq"] not in [p["seq"] for p in minutes_now["proceedings"]]


def test_a_task_carries_over_until_it_is_reported_done():
    book = cell_of_three()
    book.add(MEETING, "TaskAssigned", {"task_id": "t-1", "assignees": ["le"], "description": "Dự thi GVG",
                                       "due": "2021-05-31"}, "2021-04-07T15:00:00+07:00")
    book.add("cell", "TaskReported", {"task_id": "t-1", "status": "in_progress"}, "2021-05-05T09:00:00+07:00")
    book.add("cell", "TaskReported", {"task_id": "t-1", "status": "done"}, "2021-06-10T09:00:00+07:00")
    assert [t["status"] for t in board_on(book, date(2021, 5, 6), "open")] == ["in_progress"]
    assert board_on(book, date(2021, 6, 10), "open") == []
    assert [t["task_id"] for t in board_on(book, date(2021, 6, 10), "done")] == ["t-1"]


def test_an_open_task_is_overdue_only_after_its_due_date():
    book = cell_of_three()
    book.add(MEETING, "TaskAssigned", {"task_id": "t-1", "assignees": ["le"], "description": "Báo cáo",
                                       "due": "2021-04-30"}, "2021-04-07T15:00:00+07:00")
    assert not board_on(book, date(2021, 4, 30))[0]["overdue"]
    assert board_on(book, date(2021, 5, 1))[0]["overdue"]
    assert statuses_on(book, date(2021, 5, 1))["le"]["overdue_tasks"] == 1


def test_a_task_is_not_on_the_board_before_it_was_assigned():
    book = cell_of_three()
    book.add(MEETING, "TaskAssigned", {"task_id": "t-1", "assignees": ["le"], "description": "Báo cáo"},
             "2021-04-07T15:00:00+07:00")
    assert board_on(book, date(2021, 4, 6)) == []


def test_a_member_is_absent_from_the_status_list_before_joining():
    book = cell_of_three()
    assert "thuong" not in statuses_on(book, date(2020, 11, 30))
    assert statuses_on(book, date(2020, 12, 1))["thuong"]["kind"] == "probationary"


def test_a_probationary_member_becomes_official_from_the_day_of_the_change():
    book = cell_of_three()
    book.add("cell", "MemberKindChanged", {"member_id": "thuong", "kind": "official"}, "2021-12-01T08:00:00+07:00")
    assert statuses_on(book, date(2021, 11, 30))["thuong"]["kind"] == "probationary"
    assert statuses_on(book, date(2021, 12, 1))["thuong"]["kind"] == "official"


def test_a_member_who_left_stays_listed_as_not_active():
    book = cell_of_three()
    book.add("cell", "MemberLeft", {"member_id": "le", "how": "transferred_out"}, "2021-06-01T08:00:00+07:00")
    assert statuses_on(book, date(2021, 5, 31))["le"]["active"]
    left = statuses_on(book, date(2021, 6, 1))["le"]
    assert not left["active"] and left["left"]["how"] == "transferred_out"


def test_three_unexcused_absences_in_a_year_are_made_visible():
    book = cell_of_three()
    for month in (5, 6, 7):
        stream = f"meeting:2021-0{month}-05"
        book.open_meeting(stream, at=f"2021-0{month}-05T14:00:00+07:00")
        book.attend("le", "absent_unexcused", stream=stream, at=f"2021-0{month}-05T14:05:00+07:00")
    assert not statuses_on(book, date(2021, 6, 30))["le"]["repeated_unexcused_absence"]
    status = statuses_on(book, date(2021, 7, 31))["le"]
    assert status["attendance"]["absent_unexcused"] == 3 and status["repeated_unexcused_absence"]


def test_a_commendation_counts_for_the_member_from_its_date():
    book = cell_of_three()
    book.add(MEETING, "MemberCommended", {"member_id": "le", "reason": "Giỏi"}, "2021-04-07T15:00:00+07:00")
    assert statuses_on(book, date(2021, 4, 6))["le"]["commendations"] == 0
    assert statuses_on(book, date(2021, 4, 7))["le"]["commendations"] == 1


def test_the_latest_rating_is_that_of_the_latest_year():
    book = cell_of_three()
    book.add("cell", "MemberRated", {"member_id": "le", "year": 2020, "rating": "excellent"},
             "2021-01-10T08:00:00+07:00")
    book.add("cell", "MemberRated", {"member_id": "le", "year": 2019, "rating": "good"},
             "2021-01-11T08:00:00+07:00")
    assert statuses_on(book, date(2021, 2, 1))["le"]["last_rating"] == {"year": 2020, "rating": "excellent"}


def test_a_corrected_name_names_the_member_everywhere():
    book = cell_of_three()
    joined = book.envelopes[3]
    book.add("cell", "EventCorrected", {
        "target_seq": joined["seq"], "data": {**joined["data"], "full_name": "Dương Thị Lệ"}, "reason": "Sai chính tả.",
    }, "2021-04-07T16:00:00+07:00")
    assert the_minutes(book)["clerk"]["full_name"] == "Dương Thị Lệ"
