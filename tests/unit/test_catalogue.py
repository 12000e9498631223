"""The catalogue accepts exactly the contract's events, in one normalised form."""

import pytest

from chibo_events.catalogue import SCHEMAS, check_data, check_request
from chibo_events.errors import Invalid

CONTRACT_TYPES = {
    "CellRegistered", "MemberJoined", "MemberRoleChanged", "MemberKindChanged", "MemberExempted",
    "MemberExemptionEnded", "MemberLeft", "MemberRated", "MeetingOpened", "AgendaSet",
    "AttendanceRecorded", "GuestAttended", "SpeechGiven", "ReportPresented", "TaskAssigned",
    "MemberCommended", "MemberCriticized", "ConclusionAdopted", "MinutesApproved", "MeetingClosed",
    "TaskReported", "EventCorrected", "EventRetracted",
    # v1.1
    "MemberTemporarilyAway", "MemberReturned", "MemberSuspended", "MemberSuspensionEnded", "CellClosed",
    "MeetingVoided", "MinutesSigned", "DuesPaid",
}


def refused(event_type, data) -> dict:
    with pytest.raises(Invalid) as error:
        check_data(event_type, data)
    return error.value.details["data"]


def test_every_type_of_the_contract_has_a_schema_of_version_one():
    assert {name for name, version in SCHEMAS} == CONTRACT_TYPES
    assert {version for _, version in SCHEMAS} == {1}


def test_a_speech_names_exactly_one_speaker():
    ok = {"kind": "opinion", "summary": "Ý kiến"}
    guest = {"guest": "Dương Đình Hới"}
    assert check_data("SpeechGiven", {**ok, "speaker": guest})["speaker"] == guest
    assert "speaker" in refused("SpeechGiven", {**ok, "speaker": {}})
    assert "speaker" in refused("SpeechGiven", {**ok, "speaker": {"guest": "A", "member_id": "a"}})


def test_votes_are_whole_numbers_not_booleans_floats_or_strings():
    for bad in (True, 3.0, "3", -1):
        assert "votes_for" in refused("MinutesApproved", {"votes_for": bad, "votes_against": 0, "votes_abstain": 0})


def test_dates_must_be_iso_and_stay_iso():
    base = {"task_id": "t-1", "assignees": ["a"], "description": "Việc"}
    assert check_data("TaskAssigned", {**base, "due": "2021-05-01"})["due"] == "2021-05-01"
    assert "due" in refused("TaskAssigned", {**base, "due": "1/5/2021"})


def test_dates_fall_between_the_partys_founding_and_the_year_2999():
    base = {"task_id": "t-1", "assignees": ["a"], "description": "Việc"}
    assert refused("TaskAssigned", {**base, "due": "0001-01-01"}) == {"due": ["Phải từ 1930-01-01 đến 2999-12-31."]}
    assert "due" in refused("TaskAssigned", {**base, "due": "3000-01-01"})


def test_an_assignee_is_named_once():
    assert "assignees" in refused("TaskAssigned", {"task_id": "t-1", "assignees": ["a", "a"], "description": "x"})


def test_text_is_limited_to_ten_thousand_characters():
    assert check_data("MemberExempted", {"member_id": "a", "reason": "x" * 10_000})
    assert "reason" in refused("MemberExempted", {"member_id": "a", "reason": "x" * 10_001})


def test_text_may_not_be_blank_or_hold_nul_or_lone_surrogates():
    for bad in ("   ", "a\x00b", "a\ud800b"):
        assert "reason" in refused("MemberExempted", {"member_id": "a", "reason": bad})


def test_messages_are_in_vietnamese():
    assert refused("MemberExempted", {"member_id": "a"}) == {"reason": ["Thiếu trường bắt buộc."]}


def test_a_request_is_normalised():
    event = check_request({
        "stream": "meeting:2021-04-07", "type": "MeetingClosed", "data": {},
        "occurred_at": "2021-04-07T17:00:00", "event_id": "0B6C5E9E-0D6A-4A63-9D1A-6A4B2F1C9E01",
    })
    assert event.occurred_at == "2021-04-07T17:00:00+07:00"
    assert event.event_id == "0b6c5e9e-0d6a-4a63-9d1a-6a4b2f1c9e01"


@pytest.mark.parametrize("stream", ["meeting:", "meeting:Họp", "meetings:x", "Cell", "meeting:-x"])
def test_a_stream_is_cell_or_a_meeting_slug(stream):
    with pytest.raises(Invalid) as error:
        check_request({"stream": stream, "type": "MeetingClosed", "data": {}})
    assert "stream" in error.value.details


def test_a_type_belongs_to_its_stream():
    with pytest.raises(Invalid) as error:
        check_request({"stream": "cell", "type": "MeetingClosed", "data": {}})
    assert error.value.code == "wrong_stream"
    assert check_request({"stream": "cell", "type": "TaskReported", "data": {"task_id": "t", "status": "done"}})


DECISION = {"meeting_id": "2021-04-07", "votes_for": 10, "votes_against": 0, "votes_abstain": 0}


def test_a_decision_is_carried_by_an_admission_and_a_removal_and_by_no_other_joining_or_leaving():
    admitted = {"member_id": "a", "full_name": "A", "kind": "probationary", "joined_on": "2021-04-07",
                "how": "admitted", "decision": DECISION}
    assert check_data("MemberJoined", admitted)["decision"] == DECISION
    assert "decision" in refused("MemberJoined", {**admitted, "how": "transferred_in"})
    assert check_data("MemberLeft", {"member_id": "a", "how": "removed", "decision": DECISION})
    assert "decision" in refused("MemberLeft", {"member_id": "a", "how": "deceased", "decision": DECISION})


def test_dues_name_a_month_and_a_positive_amount():
    assert check_data("DuesPaid", {"member_id": "a", "month": "2021-04", "amount": 35000})
    found = refused("DuesPaid", {"member_id": "a", "month": "2021-4", "amount": 0})
    assert set(found) == {"month", "amount"}


def test_a_temporary_member_joins_as_temporary_in():
    data = {"member_id": "a", "full_name": "A", "kind": "temporary", "joined_on": "2021-04-01", "how": "temporary_in"}
    assert check_data("MemberJoined", data)["kind"] == "temporary"
