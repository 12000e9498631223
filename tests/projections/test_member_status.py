"""Member status an inspector can rely on: given the roster and the records, on a date, the status says..."""

from datetime import date

from projections import cell, members, minutes, tasks
from projections.replay import replay
from tests.books import MEETING, Book

JULY = date(2021, 7, 15)


def status_of(book: Book, member_id: str, day: date = JULY, kinds=None, voided=frozenset()) -> dict:
    folded = replay(book.envelopes)
    board = tasks.board(folded.docs["tasks"].values(), day, {})
    found = members.statuses(folded.docs["members"].values(), folded.docs["records"], day, board, kinds, voided)
    return {s["member_id"]: s for s in found}[member_id]


def dues(book: Book, member_id: str, *months: str) -> None:
    for month in months:
        book.add("cell", "DuesPaid", {"member_id": member_id, "month": month, "amount": 30000},
                 f"{month}-05T08:00:00+07:00")


def test_dues_unpaid_are_counted_by_month_of_the_year_from_joining():
    book = Book()
    book.join("an", "Lê Văn An", joined_on="2021-03-10")
    dues(book, "an", "2021-03", "2021-04", "2021-06")

    found = status_of(book, "an")

    assert (found["dues_unpaid_months"], found["dues_unpaid"]) == (1, ["2021-05"])  # July is under way
    assert [d["month"] for d in found["dues"]] == ["2021-03", "2021-04", "2021-06"]
    assert not found["removal_warning"]


def test_dues_are_owed_from_coming_onto_the_cell_s_roll_not_from_admission_years_before():
    book = Book()
    book.join("an", "Lê Văn An", joined_on="2008-09-01", occurred_at="2021-06-03T08:00:00+07:00")

    found = status_of(book, "an")

    assert (found["dues_unpaid_months"], found["dues_unpaid"]) == (1, ["2021-06"])  # not January to June
    assert not found["removal_warning"]


def test_three_months_of_dues_unpaid_give_a_removal_warning():
    book = Book()
    book.join("an", "Lê Văn An", joined_on="2021-03-10")
    dues(book, "an", "2021-03")

    assert status_of(book, "an")["removal_warning"]  # April, May and June unpaid


def test_unexcused_absences_count_months_of_regular_meetings_not_meetings():
    book = Book()
    book.join("an", "Lê Văn An", joined_on="2021-01-01")
    dues(book, "an", *(f"2021-{m:02d}" for m in range(1, 8)))
    kinds = {}
    for day, kind in (("2021-04-07", "regular"), ("2021-04-20", "regular"), ("2021-05-05", "regular"),
                      ("2021-05-19", "thematic"), ("2021-06-02", "thematic")):
        stream = f"meeting:{day}"
        kinds[stream] = kind
        book.open_meeting(stream=stream, at=f"{day}T14:00:00+07:00", chair="an", clerk="an")
        book.attend("an", "absent_unexcused", stream=stream, at=f"{day}T14:05:00+07:00")

    found = status_of(book, "an", kinds=kinds)

    assert (found["attendance"]["absent_unexcused"], found["unexcused_absence_months"]) == (5, 2)
    assert not found["removal_warning"]
    # A voided meeting counts for nothing.
    assert status_of(book, "an", kinds=kinds, voided=frozenset({"meeting:2021-04-07"}))["attendance"][
        "absent_unexcused"] == 4


def test_probation_ends_after_twelve_months_and_is_overdue_thirty_working_days_later():
    book = Book()
    book.join("an", "Lê Văn An", kind="probationary", joined_on="2020-05-04")

    found = status_of(book, "an")

    assert (found["probation_ends_on"], found["probation_overdue"]) == ("2021-05-04", True)
    assert not status_of(book, "an", date(2021, 6, 1))["probation_overdue"]


def test_away_and_suspended_members_say_where_and_why():
    book = Book()
    book.join("an", "Lê Văn An")
    book.add("cell", "MemberTemporarilyAway", {"member_id": "an", "place": "Chi bộ Sở Giáo dục", "until": "2021-12-31"},
             "2021-06-01T08:00:00+07:00")
    book.join("binh", "Trần Bình")
    book.add("cell", "MemberSuspended", {"member_id": "binh", "reason": "Đang bị xem xét kỷ luật"},
             "2021-06-01T08:00:00+07:00")

    away, suspended = status_of(book, "an"), status_of(book, "binh")

    assert (away["temporarily_away"], away["away_place"]) == (True, "Chi bộ Sở Giáo dục")
    assert (suspended["suspended"], suspended["suspended_reason"]) == (True, "Đang bị xem xét kỷ luật")
    assert not status_of(book, "an", date(2021, 5, 1))["temporarily_away"]


def test_a_member_away_at_the_meeting_is_out_of_its_vote_base():
    book = Book()
    for member_id in ("an", "binh", "chi"):
        book.join(member_id, member_id)
    book.add("cell", "MemberTemporarilyAway", {"member_id": "chi", "place": "Chi bộ khác"},
             "2021-03-01T08:00:00+07:00")
    book.open_meeting(chair="an", clerk="binh")
    book.attend("an")
    book.attend("binh")
    folded = replay(book.envelopes)
    found = minutes.render(folded.docs["minutes"][MEETING.split(":")[1]], folded.docs["members"],
                           cell.describe(folded.docs["cell"]["cell"]))
    assert (found["attendance"]["vote_base"], found["attendance"]["rate"]) == (2, 100.0)
