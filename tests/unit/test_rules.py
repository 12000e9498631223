"""The rules as pure functions: given a book's events, when a new event comes, then accept or refuse."""

from datetime import UTC, datetime

import pytest

from chibo_events import rules
from chibo_events.catalogue import check_request
from chibo_events.errors import RuleBroken
from chibo_events.rules import BookState, Target, check
from chibo_events.timestamps import parse_instant

MEETING = "meeting:2021-04-07"
NOW = datetime(2021, 4, 7, 12, 0, tzinfo=UTC)


def given(*events: tuple[str, str, dict, str]) -> BookState:
    """Fold (stream, type, data, occurred_at) tuples into a book, numbered from seq 1."""
    state = BookState("th-ky-tho")
    versions = {}
    all_events = [("cell", "CellRegistered", {"name": "CB", "committee": "ĐB"}, "2021-01-01T08:00:00+07:00")]
    for seq, (stream, kind, data, occurred_at) in enumerate(all_events + list(events), start=1):
        versions[stream] = versions.get(stream, 0) + 1
        state.apply({"seq": seq, "stream": stream, "version": versions[stream], "type": kind, "schema": 1,
                     "data": data, "occurred_at": occurred_at, "hash": f"{seq:064x}"})
    return state


def joined(member_id, kind="official", on="2010-09-01"):
    return ("cell", "MemberJoined", {"member_id": member_id, "full_name": member_id, "kind": kind,
                                     "joined_on": on, "how": "initial"}, "2021-01-02T08:00:00+07:00")


def left(member_id, at="2021-03-01T08:00:00+07:00"):
    return ("cell", "MemberLeft", {"member_id": member_id, "how": "transferred_out"}, at)


def opened(stream=MEETING):
    return (stream, "MeetingOpened", {"kind": "regular", "title": "T", "location": "L", "chair": "a", "clerk": "a"},
            "2021-04-07T14:00:00+07:00")


def present(member_id, status="present"):
    return (MEETING, "AttendanceRecorded", {"member_id": member_id, "status": status}, "2021-04-07T14:05:00+07:00")


def when(state, stream, kind, data, occurred_at="2021-04-07T15:00:00+07:00", target=None, signer=None):
    event = check_request({"stream": stream, "type": kind, "data": data, "occurred_at": occurred_at})
    check(state, event, parse_instant(event.occurred_at), NOW, target, signer)


def refused(state, *args, **kwargs) -> str:
    with pytest.raises(RuleBroken) as error:
        when(state, *args, **kwargs)
    return error.value.message


def votes(n_for, against=0, abstain=0):
    return {"text": "Kết luận", "votes_for": n_for, "votes_against": against, "votes_abstain": abstain}


class TestMembership:
    def test_a_member_counts_from_the_day_they_joined(self):
        state = given(joined("a"), joined("b", on="2021-04-08"), opened())
        when(state, MEETING, "AttendanceRecorded", {"member_id": "a", "status": "present"})
        attendance = {"member_id": "b", "status": "present"}
        assert "không phải đảng viên" in refused(state, MEETING, "AttendanceRecorded", attendance)

    def test_a_member_who_left_can_no_longer_be_named(self):
        state = given(joined("a"), joined("b"), left("b"), opened())
        assert "'b'" in refused(state, MEETING, "MemberCommended", {"member_id": "b", "reason": "Tốt"})

    def test_a_member_who_left_is_still_named_in_what_happened_before(self):
        state = given(joined("a"), joined("b"), left("b", at="2021-05-01T08:00:00+07:00"), opened())
        when(state, MEETING, "MemberCommended", {"member_id": "b", "reason": "Tốt"})

    def test_a_member_on_the_roll_cannot_join_again_but_one_who_left_can(self):
        state = given(joined("a"), joined("b"), left("b"))
        refused(state, "cell", "MemberJoined", joined("a")[2])
        when(state, "cell", "MemberJoined", {**joined("b")[2], "how": "transferred_in", "joined_on": "2021-03-15"})

    def test_a_corrected_joining_date_moves_the_membership(self):
        state = given(joined("a"), joined("b"), opened())
        later = {**joined("b")[2], "joined_on": "2021-05-01"}
        state.apply({"seq": 5, "stream": "cell", "version": 4, "type": "EventCorrected", "schema": 1,
                     "hash": "5" * 64, "occurred_at": "2021-04-07T14:00:00+07:00",
                     "data": {"target_seq": 3, "data": later, "reason": "Nhầm"}})
        refused(state, MEETING, "AttendanceRecorded", {"member_id": "b", "status": "present"})

    def test_a_retracted_joining_means_the_member_never_joined(self):
        retraction = ("cell", "EventRetracted", {"target_seq": 3, "reason": "Nhầm"}, "2021-04-07T14:00:00+07:00")
        state = given(joined("a"), joined("b"), opened(), retraction)
        refused(state, MEETING, "AttendanceRecorded", {"member_id": "b", "status": "present"})


class TestMeetingOrder:
    def test_a_meeting_starts_with_its_opening(self):
        state = given(joined("a"))
        assert "MeetingOpened" in refused(state, MEETING, "AgendaSet", {"items": ["Một"]})

    def test_a_meeting_opens_once(self):
        state = given(joined("a"), opened())
        refused(state, MEETING, "MeetingOpened", opened()[2])

    def test_after_closing_only_amendments_and_task_reports_follow(self):
        task = (MEETING, "TaskAssigned", {"task_id": "t", "assignees": ["a"], "description": "x"},
                "2021-04-07T15:00:00+07:00")
        state = given(joined("a"), opened(), task, (MEETING, "MeetingClosed", {}, "2021-04-07T17:00:00+07:00"))
        speech = {"speaker": {"member_id": "a"}, "kind": "opinion", "summary": "x"}
        assert "bế mạc" in refused(state, MEETING, "SpeechGiven", speech)
        when(state, MEETING, "TaskReported", {"task_id": "t", "status": "done"})

    def test_retracting_the_closing_reopens_the_meeting(self):
        state = given(joined("a"), opened(), (MEETING, "MeetingClosed", {}, "2021-04-07T17:00:00+07:00"),
                      (MEETING, "EventRetracted", {"target_seq": 4, "reason": "Bấm nhầm"}, "2021-04-07T17:01:00+07:00"))
        when(state, MEETING, "SpeechGiven", {"speaker": {"member_id": "a"}, "kind": "opinion", "summary": "x"})


class TestVotes:
    def test_only_official_members_present_may_vote(self):
        state = given(joined("a"), joined("b"), joined("p", kind="probationary"), opened(),
                      present("a"), present("b", "late"), present("p"))
        when(state, MEETING, "ConclusionAdopted", votes(2))
        assert "(2)" in refused(state, MEETING, "ConclusionAdopted", votes(2, abstain=1))

    def test_an_absent_member_does_not_vote(self):
        state = given(joined("a"), joined("b"), opened(), present("a"), present("b"), present("b", "absent_excused"))
        approval = {"votes_for": 2, "votes_against": 0, "votes_abstain": 0}
        refused(state, MEETING, "MinutesApproved", approval)
        when(state, MEETING, "MinutesApproved", approval | {"votes_for": 1})

    def test_a_probationary_member_made_official_votes_from_then_on(self):
        state = given(joined("a"), joined("p", kind="probationary"), opened(), present("a"), present("p"),
                      ("cell", "MemberKindChanged", {"member_id": "p", "kind": "official"},
                       "2021-04-07T14:10:00+07:00"))
        when(state, MEETING, "ConclusionAdopted", votes(2))

    def test_who_left_early_before_the_vote_does_not_vote_in_it(self):
        departure = (MEETING, "AttendanceRecorded", {"member_id": "b", "status": "left_early"},
                     "2021-04-07T15:00:00+07:00")
        state = given(joined("a"), joined("b"), opened(), present("a"), present("b"), departure)
        assert "lúc biểu quyết (1)" in refused(state, MEETING, "ConclusionAdopted", votes(2),
                                               occurred_at="2021-04-07T16:00:00+07:00")
        when(state, MEETING, "ConclusionAdopted", votes(1), occurred_at="2021-04-07T16:00:00+07:00")
        when(state, MEETING, "ConclusionAdopted", votes(2), occurred_at="2021-04-07T14:30:00+07:00")

    def test_who_arrived_late_after_the_vote_does_not_vote_in_it(self):
        arrival = (MEETING, "AttendanceRecorded", {"member_id": "b", "status": "late"}, "2021-04-07T15:30:00+07:00")
        state = given(joined("a"), joined("b"), opened(), present("a"), arrival)
        refused(state, MEETING, "ConclusionAdopted", votes(2), occurred_at="2021-04-07T15:00:00+07:00")
        when(state, MEETING, "ConclusionAdopted", votes(2), occurred_at="2021-04-07T16:00:00+07:00")

    def test_a_retracted_attendance_no_longer_counts(self):
        state = given(joined("a"), joined("b"), opened(), present("a"), present("b"),
                      (MEETING, "EventRetracted", {"target_seq": 6, "reason": "Nhầm"}, "2021-04-07T14:20:00+07:00"))
        refused(state, MEETING, "ConclusionAdopted", votes(2))


class TestTasksAndAmendments:
    def test_a_task_id_is_used_once_even_after_retraction(self):
        task = (MEETING, "TaskAssigned", {"task_id": "t", "assignees": ["a"], "description": "x"},
                "2021-04-07T15:00:00+07:00")
        retraction = (MEETING, "EventRetracted", {"target_seq": 4, "reason": "x"}, "2021-04-07T15:01:00+07:00")
        state = given(joined("a"), opened(), task, retraction)
        assert "t" in refused(state, MEETING, "TaskAssigned", task[2])
        assert "nhiệm vụ" in refused(state, MEETING, "TaskReported", {"task_id": "t", "status": "done"})

    def test_an_amendment_needs_a_target_in_the_same_stream(self):
        state = given(joined("a"), opened())
        assert "số 9" in refused(state, MEETING, "EventRetracted", {"target_seq": 9, "reason": "x"})
        cell_event = Target(2, "MemberJoined", "cell", "2021-01-02T08:00:00+07:00", joined("a")[2])
        assert "luồng" in refused(state, MEETING, "EventRetracted", {"target_seq": 2, "reason": "x"}, target=cell_event)

    def test_an_opening_is_corrected_not_retracted(self):
        state = given(joined("a"), opened())
        target = Target(3, "MeetingOpened", MEETING, "2021-04-07T14:00:00+07:00", opened()[2])
        refused(state, MEETING, "EventRetracted", {"target_seq": 3, "reason": "x"}, target=target)
        retitled = {**opened()[2], "title": "Mới"}
        when(state, MEETING, "EventCorrected", {"target_seq": 3, "data": retitled, "reason": "x"}, target=target)

    def test_a_correction_is_checked_like_the_event_it_corrects(self):
        state = given(joined("a"), opened(), present("a"))
        target = Target(4, "AttendanceRecorded", MEETING, "2021-04-07T14:05:00+07:00", present("a")[2])
        refused(state, MEETING, "EventCorrected",
                {"target_seq": 4, "data": {"member_id": "ghost", "status": "present"}, "reason": "x"}, target=target)


def test_an_event_more_than_five_minutes_ahead_is_refused():
    state = given(joined("a"))
    when(state, "cell", "MemberExempted", {"member_id": "a", "reason": "x"}, occurred_at="2021-04-07T19:04:00+07:00")
    assert "tương lai" in refused(state, "cell", "MemberExempted", {"member_id": "a", "reason": "x"},
                                   occurred_at="2021-04-07T19:06:00+07:00")


class TestMeetingSize:
    def test_a_meeting_holds_a_bounded_number_of_events_and_the_next_is_refused(self, monkeypatch):
        monkeypatch.setattr(rules, "MAX_MEETING_EVENTS", 3)
        state = given(joined("a"), opened(), present("a"), present("a", "late"))
        one_more = {"member_id": "a", "status": "present"}
        assert "tối đa 3 sự kiện" in refused(state, MEETING, "AttendanceRecorded", one_more)

    def test_below_the_bound_events_are_accepted_and_other_meetings_are_not_counted(self, monkeypatch):
        monkeypatch.setattr(rules, "MAX_MEETING_EVENTS", 3)
        state = given(joined("a"), opened(), present("a"), opened("meeting:khac"))
        when(state, MEETING, "AttendanceRecorded", {"member_id": "a", "status": "late"})
        when(state, "meeting:khac", "AttendanceRecorded", {"member_id": "a", "status": "present"})


# -- v1.1: the party's rules -----------------------------------------------------------

OTHER = "meeting:2021-04-07-toi"  # a second meeting that evening (NOW is 19:00 in Vietnam)
LATER = "2021-04-07T18:00:00+07:00"


def approved(n_for, stream=MEETING, at="2021-04-07T16:00:00+07:00"):
    return (stream, "MinutesApproved", {"votes_for": n_for, "votes_against": 0, "votes_abstain": 0}, at)


def opened_on(stream, at):
    return (stream, "MeetingOpened", {"kind": "regular", "title": "T", "location": "L", "chair": "a", "clerk": "a"},
            at)


def target_of(state, seq, *event):
    stream, kind, data, occurred_at = event
    return Target(seq, kind, stream, occurred_at, data)


class TestSealedMinutes:
    def given_approved(self, n_for=2, *more):
        return given(joined("a"), joined("b"), opened(), present("a"), present("b"),
                     (MEETING, "MemberCommended", {"member_id": "a", "reason": "Tốt"}, "2021-04-07T15:00:00+07:00"),
                     approved(n_for), *more)

    def correction(self):
        return {"target_seq": 7, "data": {"member_id": "a", "reason": "Rất tốt"}, "reason": "Ghi thiếu"}

    def commended(self):
        return target_of(None, 7, MEETING, "MemberCommended", {"member_id": "a", "reason": "Tốt"},
                         "2021-04-07T15:00:00+07:00")

    def test_after_approval_a_correction_in_the_meetings_own_stream_is_refused(self):
        state = self.given_approved()
        with pytest.raises(RuleBroken) as error:
            when(state, MEETING, "EventCorrected", self.correction(), target=self.commended())
        assert error.value.code == "minutes_sealed"

    def test_after_approval_the_correction_is_decided_at_another_open_meeting(self):
        state = self.given_approved(2, opened_on(OTHER, "2021-04-07T17:00:00+07:00"))
        when(state, OTHER, "EventCorrected", self.correction(), occurred_at=LATER, target=self.commended())
        when(state, OTHER, "EventRetracted", {"target_seq": 7, "reason": "Nhầm"}, occurred_at=LATER,
             target=self.commended())

    def test_a_meeting_already_closed_cannot_decide_it(self):
        closing = (OTHER, "MeetingClosed", {}, "2021-04-07T17:30:00+07:00")
        state = self.given_approved(2, opened_on(OTHER, "2021-04-07T17:00:00+07:00"), closing)
        with pytest.raises(RuleBroken) as error:
            when(state, OTHER, "EventCorrected", self.correction(), occurred_at=LATER, target=self.commended())
        assert error.value.code == "minutes_sealed"

    def test_before_approval_or_after_a_failed_one_the_meeting_corrects_itself(self):
        when(given(joined("a"), joined("b"), opened(), present("a"), present("b"),
                   (MEETING, "MemberCommended", {"member_id": "a", "reason": "Tốt"}, "2021-04-07T15:00:00+07:00")),
             MEETING, "EventCorrected", self.correction(), target=self.commended())
        when(self.given_approved(1), MEETING, "EventCorrected", self.correction(), target=self.commended())


class TestVoidedMeetingsAndClosedCells:
    def test_nothing_but_amendments_follows_a_voided_meeting(self):
        state = given(joined("a"), opened(), (MEETING, "MeetingVoided", {"reason": "Mở nhầm"},
                                              "2021-04-07T14:01:00+07:00"))
        with pytest.raises(RuleBroken) as error:
            when(state, MEETING, "AttendanceRecorded", {"member_id": "a", "status": "present"})
        assert error.value.code == "meeting_voided"
        target = target_of(None, 3, *opened())
        when(state, MEETING, "EventCorrected", {"target_seq": 3, "data": {**opened()[2], "title": "Nhầm"},
                                                 "reason": "Ghi rõ"}, target=target)

    def test_a_meeting_whose_minutes_were_approved_is_not_voided(self):
        state = given(joined("a"), opened(), present("a"), approved(1))
        with pytest.raises(RuleBroken) as error:
            when(state, MEETING, "MeetingVoided", {"reason": "Mở nhầm"})
        assert error.value.code == "minutes_sealed"
        when(given(joined("a"), opened(), present("a")), MEETING, "MeetingVoided", {"reason": "Mở nhầm"})

    def test_a_closed_cell_takes_nothing_but_an_amendment_of_its_closing(self):
        closing = ("cell", "CellClosed", {"reason": "Mở nhầm", "how": "mistake"}, "2021-04-01T08:00:00+07:00")
        state = given(joined("a"), closing)
        with pytest.raises(RuleBroken) as error:
            when(state, "cell", "MemberExempted", {"member_id": "a", "reason": "Ốm"})
        assert error.value.code == "cell_closed"
        with pytest.raises(RuleBroken):
            when(state, "cell", "EventRetracted", {"target_seq": 2, "reason": "x"},
                 target=target_of(None, 2, *joined("a")))
        when(state, "cell", "EventRetracted", {"target_seq": 3, "reason": "Đóng nhầm"},
             target=target_of(None, 3, *closing))


class TestSignatures:
    def test_only_approved_minutes_are_signed_once_by_each(self):
        not_yet = given(joined("a"), opened(), present("a"))
        assert "thông qua" in refused(not_yet, MEETING, "MinutesSigned", {"role": "chair"}, signer="a")
        state = given(joined("a"), opened(), present("a"), approved(1),
                      (MEETING, "MeetingClosed", {}, "2021-04-07T16:30:00+07:00"),
                      (MEETING, "MinutesSigned", {"role": "chair"}, "2021-04-07T16:35:00+07:00"))
        when(state, MEETING, "MinutesSigned", {"role": "clerk"}, occurred_at="2021-04-07T16:40:00+07:00", signer="a")
        assert "chủ trì" in refused(state, MEETING, "MinutesSigned", {"role": "chair"},
                                    occurred_at="2021-04-07T16:40:00+07:00", signer="a")

    def test_only_the_chair_signs_as_chair_and_only_from_an_account_linked_to_them(self):
        chair, clerk = "a", "b"
        opening = (MEETING, "MeetingOpened", {"kind": "regular", "title": "T", "location": "L",
                                              "chair": chair, "clerk": clerk}, "2021-04-07T14:00:00+07:00")
        state = given(joined("a"), joined("b"), opening, present("a"), present("b"), approved(2))
        for signer in (None, clerk, "someone-else"):
            assert "tài khoản" in refused(state, MEETING, "MinutesSigned", {"role": "chair"}, signer=signer)
        when(state, MEETING, "MinutesSigned", {"role": "chair"}, signer=chair)
        assert "tài khoản" in refused(state, MEETING, "MinutesSigned", {"role": "clerk"}, signer=chair)
        when(state, MEETING, "MinutesSigned", {"role": "clerk"}, signer=clerk)


class TestSpellsAndDues:
    def test_away_and_back_each_only_from_the_other(self):
        away = ("cell", "MemberTemporarilyAway", {"member_id": "a", "place": "Chi bộ xã"}, "2021-03-01T08:00:00+07:00")
        state = given(joined("a"), away)
        assert "đang sinh hoạt tạm thời" in refused(state, "cell", "MemberTemporarilyAway", away[2])
        when(state, "cell", "MemberReturned", {"member_id": "a"})
        assert "không bị đình chỉ" in refused(given(joined("a")), "cell", "MemberSuspensionEnded", {"member_id": "a"})

    def test_a_suspended_member_is_out_of_the_vote_base(self):
        suspended = ("cell", "MemberSuspended", {"member_id": "c", "reason": "Kỷ luật"}, "2021-03-01T08:00:00+07:00")
        state = given(joined("a"), joined("b"), joined("c"), suspended, opened(), present("a"), present("b"))
        assert state.vote_base(MEETING) == 2

    def test_the_dues_of_a_month_are_recorded_once(self):
        dues = ("cell", "DuesPaid", {"member_id": "a", "month": "2021-04", "amount": 30000},
                "2021-04-07T15:00:00+07:00")
        state = given(joined("a"), dues)
        assert "2021-04" in refused(state, "cell", "DuesPaid", dues[2])
        when(state, "cell", "DuesPaid", {**dues[2], "month": "2021-05"})


class TestDecisions:
    def given_meeting(self, officials=3):
        members = [joined(m) for m in "abc"[:officials]]
        return given(*members, opened(), *(present(m) for m in "abc"[:officials]))

    def admission(self, n_for, meeting_id="2021-04-07"):
        return {"member_id": "p", "full_name": "P", "kind": "probationary", "joined_on": "2021-04-08",
                "how": "admitted",
                "decision": {"meeting_id": meeting_id, "votes_for": n_for, "votes_against": 3 - n_for,
                             "votes_abstain": 0}}

    def test_an_admission_needs_two_thirds_of_the_base(self):
        state = self.given_meeting()
        assert "hai phần ba" in refused(state, "cell", "MemberJoined", self.admission(1))
        when(state, "cell", "MemberJoined", self.admission(2))

    def test_a_removal_needs_more_than_half(self):
        state = self.given_meeting()
        removal = {"member_id": "c", "how": "removed",
                   "decision": {"meeting_id": "2021-04-07", "votes_for": 1, "votes_against": 1, "votes_abstain": 0}}
        assert "quá nửa" in refused(state, "cell", "MemberLeft", removal)
        when(state, "cell", "MemberLeft", {**removal, "decision": {**removal["decision"], "votes_for": 2}})

    def test_the_decision_names_a_meeting_of_the_book(self):
        assert "2021-04-08" in refused(self.given_meeting(), "cell", "MemberJoined", self.admission(3, "2021-04-08"))
