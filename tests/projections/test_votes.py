"""Votes by the party's rules: given a meeting's attendance, when a vote is taken, then the minutes count it so.

The base is the official members summoned (less the exempt who are absent,
the absent with reason, the temporarily away, the suspended); a vote passes
with more than half of that base; only officials present at the moment of
the vote are counted as voters.
"""

from projections import cell, minutes
from projections.replay import replay
from tests.books import MEETING, Book

OPENED = "2021-04-07T14:00:00+07:00"
ROLL = "2021-04-07T14:05:00+07:00"
VOTE = "2021-04-07T16:00:00+07:00"


def cell_of(officials: int, probationary: int = 0) -> Book:
    book = Book()
    for n in range(officials):
        book.join(f"dv-{n}", f"Đảng viên {n}")
    for n in range(probationary):
        book.join(f"db-{n}", f"Dự bị {n}", kind="probationary", joined_on="2020-12-01")
    book.add("cell", "MemberRoleChanged", {"member_id": "dv-0", "role": "bi_thu"}, "2021-01-04T08:01:00+07:00")
    book.open_meeting(chair="dv-0", clerk="dv-1")
    return book


def vote(book: Book, votes_for: int, against: int = 0, abstain: int = 0, kind: str = "ConclusionAdopted",
         at: str = VOTE) -> None:
    data = {"votes_for": votes_for, "votes_against": against, "votes_abstain": abstain}
    if kind == "ConclusionAdopted":
        data["text"] = "Chi bộ thống nhất kế hoạch tháng 5."
    book.add(MEETING, kind, data, at)


def the_minutes(book: Book) -> dict:
    folded = replay(book.envelopes)
    return minutes.render(folded.docs["minutes"]["2021-04-07"], folded.docs["members"],
                          cell.describe(folded.docs["cell"]["cell"]))


def test_a_vote_of_one_for_and_three_against_does_not_pass():
    book = cell_of(4)
    for n in range(4):
        book.attend(f"dv-{n}", at=ROLL)
    vote(book, 1, 3)
    vote(book, 1, 3, kind="MinutesApproved", at="2021-04-07T16:10:00+07:00")

    found = the_minutes(book)

    assert {k: found["conclusions"][0][k] for k in ("base", "present_voters", "passed", "share_for")} == {
        "base": 4, "present_voters": 4, "passed": False, "share_for": 25.0}
    assert found["minutes_approved"]["passed"] is False


def test_a_vote_of_more_than_half_of_the_base_passes_and_exactly_half_does_not():
    book = cell_of(4)
    for n in range(4):
        book.attend(f"dv-{n}", at=ROLL)
    vote(book, 3, 1)
    vote(book, 2, 2)

    passed = [c["passed"] for c in the_minutes(book)["conclusions"]]

    assert passed == [True, False]


def test_the_base_is_the_officials_summoned_not_those_present():
    # 15 officials: 4 present, 5 absent without reason (they stay in the base), 6 absent with reason.
    book = cell_of(15)
    for n in range(15):
        status = "present" if n < 4 else "absent_unexcused" if n < 9 else "absent_excused"
        book.attend(f"dv-{n}", status, reason="Công tác" if status == "absent_excused" else None, at=ROLL)
    vote(book, 4)

    found = the_minutes(book)

    assert found["attendance"]["vote_base"] == 9
    conclusion = found["conclusions"][0]
    assert (conclusion["present_voters"], conclusion["base"], conclusion["share_for"]) == (4, 9, 44.4)
    assert conclusion["passed"] is False


def test_probationary_members_attend_but_are_neither_base_nor_voters():
    book = cell_of(3, probationary=2)
    for member_id in ("dv-0", "dv-1", "dv-2", "db-0", "db-1"):
        book.attend(member_id, at=ROLL)
    vote(book, 3)

    found = the_minutes(book)

    attendance = found["attendance"]
    assert (attendance["present"], attendance["present_official"], attendance["present_probationary"]) == (5, 3, 2)
    assert (attendance["vote_base"], found["conclusions"][0]["present_voters"]) == (3, 3)


def test_an_exempt_member_is_in_the_base_only_when_present():
    book = cell_of(4)
    book.add("cell", "MemberExempted", {"member_id": "dv-3", "reason": "Tuổi cao"}, "2021-02-01T08:00:00+07:00")
    for n in range(3):
        book.attend(f"dv-{n}", at=ROLL)
    absent_exempt = the_minutes(book)["attendance"]["vote_base"]
    book.attend("dv-3", at=ROLL)

    assert (absent_exempt, the_minutes(book)["attendance"]["vote_base"]) == (3, 4)


def test_members_who_left_before_the_vote_are_not_its_voters():
    book = cell_of(15)
    for n in range(15):
        book.attend(f"dv-{n}", at=ROLL)
    for n in range(5, 15):
        book.attend(f"dv-{n}", "left_early", at="2021-04-07T15:00:00+07:00")
    vote(book, 5)

    conclusion = the_minutes(book)["conclusions"][0]

    assert (conclusion["present_voters"], conclusion["base"], conclusion["passed"]) == (5, 15, False)


def test_a_member_who_arrived_late_after_the_vote_is_not_its_voter_but_is_for_a_later_one():
    book = cell_of(3)
    book.attend("dv-0", at=ROLL)
    book.attend("dv-1", at=ROLL)
    book.attend("dv-2", "late", at="2021-04-07T15:30:00+07:00")
    vote(book, 2, at="2021-04-07T15:00:00+07:00")
    vote(book, 3, at="2021-04-07T16:00:00+07:00")

    voters = [c["present_voters"] for c in the_minutes(book)["conclusions"]]

    assert voters == [2, 3]


def test_an_entry_typed_in_later_counts_when_it_happened():
    book = cell_of(3)
    for n in range(3):
        book.attend(f"dv-{n}", at=ROLL)
    vote(book, 2)
    book.attend("dv-2", "left_early", at="2021-04-07T15:00:00+07:00")  # recorded after the vote, from paper

    assert the_minutes(book)["conclusions"][0]["present_voters"] == 2


def test_the_attendance_rate_is_of_those_expected():
    book = cell_of(10)
    book.add("cell", "MemberExempted", {"member_id": "dv-9", "reason": "Ốm dài ngày"}, "2021-02-01T08:00:00+07:00")
    for n in range(8):
        book.attend(f"dv-{n}", at=ROLL)
    book.attend("dv-8", "absent_excused", reason="Ốm", at=ROLL)

    # 10 on the roll, the exempt one absent: 9 expected, 8 present.
    assert the_minutes(book)["attendance"]["rate"] == 88.9


def test_the_quality_of_a_meeting_with_six_of_seventeen_present_is_flagged():
    book = cell_of(17)
    for n in range(17):
        book.attend(f"dv-{n}", "present" if n < 6 else "absent_unexcused", at=ROLL)
    vote(book, 6)
    book.add(MEETING, "MeetingClosed", {}, "2021-04-07T16:30:00+07:00")

    quality = the_minutes(book)["quality"]

    assert quality["attendance_rate"] == 35.3
    assert set(quality["flags"]) == {"attendance_at_most_85", "unexcused_absence", "officials_present_at_most_half",
                                     "vote_failed", "closed_without_approval"}


def test_a_meeting_everyone_attends_whose_minutes_are_approved_has_no_flag():
    book = cell_of(4)
    for n in range(4):
        book.attend(f"dv-{n}", at=ROLL)
    vote(book, 4)
    vote(book, 4, kind="MinutesApproved", at="2021-04-07T16:10:00+07:00")
    book.add(MEETING, "MeetingClosed", {}, "2021-04-07T16:30:00+07:00")

    assert the_minutes(book)["quality"] == {"attendance_rate": 100.0, "flags": []}


def test_an_absent_chair_and_clerk_and_a_chair_who_is_not_of_the_chi_uy_are_flagged():
    book = Book()
    for n in range(3):
        book.join(f"dv-{n}", f"Đảng viên {n}")
    book.open_meeting(chair="dv-0", clerk="dv-1")
    book.attend("dv-2", at=ROLL)

    flags = the_minutes(book)["quality"]["flags"]

    assert {"chair_absent", "clerk_absent", "chair_not_leader"} <= set(flags)


def test_a_voided_meeting_says_why_and_signatures_are_shown():
    book = cell_of(2)
    book.attend("dv-0", at=ROLL)
    book.attend("dv-1", at=ROLL)
    vote(book, 2, kind="MinutesApproved")
    book.add(MEETING, "MinutesSigned", {"role": "chair"}, "2021-04-07T16:40:00+07:00")
    assert the_minutes(book)["signed"] == {"chair": True, "clerk": False}

    other = cell_of(2)
    other.add(MEETING, "MeetingVoided", {"reason": "Mở nhầm ngày."}, "2021-04-07T14:02:00+07:00")
    assert the_minutes(other)["voided"]["reason"] == "Mở nhầm ngày."


def test_a_note_that_ends_in_a_full_stop_gets_no_second_one():
    book = cell_of(2)
    book.attend("dv-0", at=ROLL)
    book.attend("dv-1", "late", reason="Họp phụ huynh.", at="2021-04-07T14:30:00+07:00")
    book.add(MEETING, "TaskAssigned", {"task_id": "t-1", "assignees": ["dv-0"], "description": "Sửa cổng."},
             "2021-04-07T15:00:00+07:00")
    book.add(MEETING, "TaskReported", {"task_id": "t-1", "status": "done", "note": "Đã xong."},
             "2021-04-07T15:10:00+07:00")

    texts = [p["text"] for p in the_minutes(book)["proceedings"]]

    assert not any(".." in text for text in texts), texts
    assert any(text.endswith("(Họp phụ huynh).") for text in texts)
