"""One member's whole record on a date: the meetings they were summoned to, their tasks, remarks, ratings and dues."""

from datetime import date

from projections import members, minutes, tasks
from projections.replay import replay
from tests.books import MEETING, Book

JULY = date(2021, 7, 15)
MAY = "meeting:2021-05-05"


def folded(book: Book):
    return replay(book.envelopes)


def record_of(book: Book, member_id: str, day: date = JULY) -> dict | None:
    docs = folded(book).docs
    held = [s for doc in docs["minutes"].values() if (s := minutes.summary(doc))]
    voided = frozenset(f"meeting:{m['meeting_id']}" for m in held if m.get("voided"))
    board = tasks.board(docs["tasks"].values(), day, {})
    return members.record(docs["members"][member_id], docs["records"].get(member_id), day, board, held,
                          voided=voided)


def status_of(book: Book, member_id: str, voided: frozenset[str]) -> dict:
    docs = folded(book).docs
    board = tasks.board(docs["tasks"].values(), JULY, {})
    found = members.statuses(docs["members"].values(), docs["records"], JULY, board, None, voided)
    return {s["member_id"]: s for s in found}[member_id]


def a_cell_with_two_meetings() -> Book:
    """An and Bình from January, Chi from May; April: An present, Bình absent with a reason; May: nobody recorded."""
    book = Book()
    book.join("an", "Lê Văn An")
    book.join("binh", "Trần Bình")
    book.open_meeting(chair="an", clerk="binh")
    book.attend("an")
    book.attend("binh", "absent_excused", reason="Ốm")
    book.add(MEETING, "MemberCommended", {"member_id": "an", "reason": "Dạy giỏi cấp tỉnh."},
             "2021-04-07T15:00:00+07:00")
    book.add(MEETING, "MemberCriticized", {"member_id": "an", "level": "reminder", "reason": "Nộp hồ sơ muộn."},
             "2021-04-07T15:05:00+07:00")
    book.join("chi", "Phạm Chi", joined_on="2021-05-01", occurred_at="2021-05-01T08:00:00+07:00")
    book.open_meeting(stream=MAY, at="2021-05-05T14:00:00+07:00", chair="an", clerk="binh")
    return book


def test_a_record_lists_each_meeting_the_member_was_summoned_to_with_the_attendance():
    book = a_cell_with_two_meetings()

    an, binh, chi = (record_of(book, m) for m in ("an", "binh", "chi"))

    assert [(m["meeting_id"], m["status"]) for m in an["meetings"]] == [("2021-04-07", "present"),
                                                                       ("2021-05-05", "not_recorded")]
    assert binh["meetings"][0]["status"] == "absent_excused" and binh["meetings"][0]["reason"] == "Ốm"
    assert [m["meeting_id"] for m in chi["meetings"]] == ["2021-05-05"]  # not on the roll in April


def test_a_record_on_a_date_leaves_out_what_came_after_it():
    book = a_cell_with_two_meetings()

    april = record_of(book, "an", date(2021, 4, 30))

    assert [m["meeting_id"] for m in april["meetings"]] == ["2021-04-07"]
    assert record_of(book, "chi", date(2021, 4, 30)) is None  # not a member yet


def test_commendations_and_criticisms_name_the_meeting_they_were_given_in():
    found = record_of(a_cell_with_two_meetings(), "an")

    assert [(c["meeting_id"], c["reason"]) for c in found["commendations"]] == [("2021-04-07", "Dạy giỏi cấp tỉnh.")]
    assert [(c["meeting_id"], c["level"]) for c in found["criticisms"]] == [("2021-04-07", "reminder")]


def test_a_voided_meeting_leaves_the_record_and_its_commendations_count_for_nothing():
    book = a_cell_with_two_meetings()
    book.add(MEETING, "MeetingVoided", {"reason": "Mở nhầm."}, "2021-04-07T16:00:00+07:00")

    found = record_of(book, "an")

    assert [m["meeting_id"] for m in found["meetings"]] == ["2021-05-05"]
    assert found["commendations"] == [] and found["criticisms"] == []
    status = status_of(book, "an", frozenset({MEETING}))
    assert (status["commendations"], status["criticisms"]) == (0, 0)


def test_tasks_ratings_and_dues_of_every_year_are_in_the_record():
    book = a_cell_with_two_meetings()
    book.add(MEETING, "TaskAssigned", {"task_id": "t1", "assignees": ["an"], "description": "Ôn tập",
                                       "due": "2021-05-01"}, "2021-04-07T15:10:00+07:00")
    book.add(MEETING, "TaskAssigned", {"task_id": "t2", "assignees": ["binh"], "description": "Khác"},
             "2021-04-07T15:11:00+07:00")
    book.add("cell", "MemberRated", {"member_id": "an", "year": 2020, "rating": "good"}, "2021-01-10T08:00:00+07:00")
    book.add("cell", "MemberRated", {"member_id": "an", "year": 2019, "rating": "excellent"},
             "2021-01-10T08:01:00+07:00")
    for month in ("2020-12", "2021-01"):
        book.add("cell", "DuesPaid", {"member_id": "an", "month": month, "amount": 30000},
                 "2021-01-05T08:00:00+07:00")

    found = record_of(book, "an")

    assert [(t["task_id"], t["overdue"]) for t in found["tasks"]] == [("t1", True)]
    assert found["ratings"] == [{"year": 2019, "rating": "excellent"}, {"year": 2020, "rating": "good"}]
    assert found["dues"] == [{"month": "2020-12", "amount": 30000}, {"month": "2021-01", "amount": 30000}]
    assert found["dues_unpaid"][:2] == ["2021-02", "2021-03"]
