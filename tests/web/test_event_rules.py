"""The rules of a book (contract section 1, "Rules"), broken one by one through the HTTP API.

Every refusal is checked twice over: the answer (status, the JSON error shape
`{"error", "message", "details"}`, the error code and, where it helps, the
field named in `details`) and the book itself, which must read the same
before and after. Each rule also has a test that the allowed case next to the
refused one is accepted, so a refusal cannot pass by refusing everything.

The book under test is the one `tests.books.post_book_with_meeting` writes:

    seq 1      CellRegistered
    seq 2..5   MemberJoined: three official members, then one probationary
    seq 6      MeetingOpened "meeting:2021-04-07" at 14:00 (+07:00)
    seq 7..10  AttendanceRecorded: all four present
"""

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time

from chibo_events import create_app
from tests.books import (
    CELL,
    CELL_DATA,
    MEETING,
    ROSTER,
    attended,
    event,
    joined,
    opened,
    post_book_with_meeting,
    snapshot,
)

EVENTS = f"/api/v1/cells/{CELL}/events"
OFFICIALS = [member_id for member_id, _, kind in ROSTER if kind == "official"]
PROBATIONARY = next(member_id for member_id, _, kind in ROSTER if kind == "probationary")
CHAIR, CLERK, THO = OFFICIALS  # nguyen-thi-hong-van, duong-thi-le, nguyen-huy-tho
DURING = "2021-04-07T15:00:00+07:00"  # a moment in the meeting, after everyone's attendance
OTHER_CELL = "th-ky-thu"


# -- helpers -------------------------------------------------------------------

def read_book(client, headers, cell=CELL) -> list[dict]:
    """Return every event of the book, as GET /events gives them."""
    response = client.get(f"/api/v1/cells/{cell}/events?limit=1000", headers=headers)
    assert response.status_code == 200, response.json
    assert response.json["next_after_seq"] is None, "the test book outgrew one page"
    return response.json["events"]


def post(client, headers, body, cell=CELL):
    return client.post(f"/api/v1/cells/{cell}/events", json=body, headers=headers)


def accepted(client, headers, body, cell=CELL) -> dict:
    """Append an event that must be accepted; return its envelope."""
    response = post(client, headers, body, cell)
    assert response.status_code == 201, response.json
    return response.json


def assert_error(response, status: int, code: str) -> dict:
    """Check the contract's error answer; return its details."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:2000])
    assert response.mimetype == "application/json"
    body = response.json
    assert set(body) == {"error", "message", "details"}, body
    assert body["error"] == code, body
    assert isinstance(body["message"], str) and body["message"].strip(), body
    assert isinstance(body["details"], dict), body
    return body["details"]


def assert_refused(client, headers, body, status: int, code: str, *, reader=None, raw=None, cell=CELL) -> dict:
    """POST `body` (or the `raw` bytes), check the refusal, and that the book is unchanged; return details.

    `reader` reads the book before and after (default: `headers`).
    """
    reader = reader or headers
    before = read_book(client, reader, cell)
    if raw is None:
        response = post(client, headers, body, cell)
    else:
        response = client.post(
            f"/api/v1/cells/{cell}/events", data=raw, headers=headers, content_type="application/json"
        )
    details = assert_error(response, status, code)
    assert read_book(client, reader, cell) == before, "a refused request changed the book"
    return details


def assert_names(details: dict, *path) -> None:
    """Check that the error details name the field at `path` (e.g. "data", "reason")."""
    node = details
    for key in path:
        assert isinstance(node, dict) and key in node, f"details do not name {'.'.join(path)}: {details}"
        node = node[key]
    assert node, details


def seq_of(client, headers, type: str, **fields) -> int:
    """Return the seq of the last event of `type` whose data has these fields."""
    found = [
        e["seq"] for e in read_book(client, headers)
        if e["type"] == type and all(e["data"].get(k) == v for k, v in fields.items())
    ]
    assert found, (type, fields)
    return found[-1]


def commended(member_id: str = CLERK, at: str = DURING, stream: str = MEETING, **extra) -> dict:
    return event(stream, "MemberCommended", {"member_id": member_id, "reason": "Hoàn thành tốt nhiệm vụ."},
                 occurred_at=at, **extra)


def votes(type: str, votes_for: int, votes_against: int = 0, votes_abstain: int = 0, at: str = DURING) -> dict:
    data = {"votes_for": votes_for, "votes_against": votes_against, "votes_abstain": votes_abstain}
    if type == "ConclusionAdopted":
        data["text"] = "Chi bộ thống nhất nghị quyết tháng 4."
    return event(MEETING, type, data, occurred_at=at)


def assigned(task_id: str = "t-1", assignees=(THO,), stream: str = MEETING, at: str = DURING) -> dict:
    return event(stream, "TaskAssigned", {
        "task_id": task_id, "assignees": list(assignees), "description": "Chuẩn bị hội giảng.",
    }, occurred_at=at)


def reported(task_id: str = "t-1", stream: str = MEETING, status: str = "done") -> dict:
    return event(stream, "TaskReported", {"task_id": task_id, "status": status})


def closed(stream: str = MEETING, at: str = "2021-04-07T17:00:00+07:00") -> dict:
    return event(stream, "MeetingClosed", {}, occurred_at=at)


def left(member_id: str, at: str) -> dict:
    return event("cell", "MemberLeft", {"member_id": member_id, "how": "transferred_out"}, occurred_at=at)


@pytest.fixture
def admin(client, tokens):
    """Build the book with its meeting under way; return the admin's headers."""
    post_book_with_meeting(client, tokens.admin)
    return tokens.admin


@pytest.fixture
def no_propagation(app):
    """Let an unhandled exception become the 500 a real client would get, instead of raising in the test."""
    app.config["PROPAGATE_EXCEPTIONS"] = False


# -- 1. The catalogue: unknown type, missing or extra field, wrong type or value (422) --

@pytest.mark.parametrize("type", ["MemberPraised", "membercommended", "", "MemberCommended "])
def test_an_unknown_type_is_refused_and_nothing_is_stored(client, admin, type):
    details = assert_refused(client, admin, event(MEETING, type, {"member_id": CLERK, "reason": "Tốt."}),
                             422, "unknown_type")
    assert_names(details, "type")


@pytest.mark.parametrize("missing", ["stream", "type", "data"])
def test_a_request_missing_stream_type_or_data_is_refused(client, admin, missing):
    body = commended()
    del body[missing]
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), missing)


@pytest.mark.parametrize("type, data, field", [
    ("MemberCommended", {"member_id": CLERK}, "reason"),
    ("AttendanceRecorded", {"member_id": CLERK}, "status"),
    ("ConclusionAdopted", {"text": "Thống nhất.", "votes_for": 3, "votes_against": 0}, "votes_abstain"),
    ("SpeechGiven", {"speaker": {"member_id": CLERK}, "kind": "opinion"}, "summary"),
])
def test_a_missing_required_field_is_refused(client, admin, type, data, field):
    details = assert_refused(client, admin, event(MEETING, type, data), 422, "invalid_event")
    assert_names(details, "data", field)


@pytest.mark.parametrize("extra", ["actor", "seq", "version", "recorded_at", "hash", "colour"])
def test_an_extra_field_in_the_request_is_refused(client, admin, extra):
    body = {**commended(), extra: "x"}
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), extra)


def test_an_extra_field_in_data_is_refused(client, admin):
    body = event(MEETING, "MemberCommended", {"member_id": CLERK, "reason": "Tốt.", "medal": "gold"})
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "data", "medal")


def test_an_extra_field_inside_a_nested_object_is_refused(client, admin):
    body = event(MEETING, "SpeechGiven", {
        "speaker": {"member_id": CLERK, "role": "bi_thu"}, "kind": "opinion", "summary": "Tán thành.",
    })
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "data", "speaker")


def test_a_speaker_must_be_exactly_one_of_member_and_guest(client, admin):
    body = event(MEETING, "SpeechGiven", {
        "speaker": {"member_id": CLERK, "guest": "Đồng chí Bí thư Đảng ủy"}, "kind": "opinion", "summary": "Tán thành.",
    })
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "data", "speaker")


VOTES_OK = {"votes_for": 3, "votes_against": 0, "votes_abstain": 0}


@pytest.mark.parametrize("type, data, field", [
    ("MinutesApproved", {**VOTES_OK, "votes_for": "3"}, "votes_for"),           # a string for an int
    ("MinutesApproved", {**VOTES_OK, "votes_for": 3.0}, "votes_for"),           # a float, even a whole one
    ("MinutesApproved", {**VOTES_OK, "votes_against": True}, "votes_against"),  # a boolean is not a number
    ("MinutesApproved", {**VOTES_OK, "votes_abstain": None}, "votes_abstain"),  # null
    ("MemberCommended", {"member_id": CLERK, "reason": 42}, "reason"),         # a number for text
    ("MemberCommended", {"member_id": 7, "reason": "Tốt."}, "member_id"),      # a number for an id
    ("MemberCommended", {"member_id": [CLERK], "reason": "Tốt."}, "member_id"),
    ("AgendaSet", {"items": "Thông qua nghị quyết"}, "items"),                 # text for a list
    ("AgendaSet", {"items": ["Báo cáo", 2]}, "items"),                          # a number in a list of text
    ("AgendaSet", {"items": []}, "items"),                                      # an empty list
    ("SpeechGiven", {"speaker": CLERK, "kind": "opinion", "summary": "Tán thành."}, "speaker"),
    ("SpeechGiven", {"speaker": {"member_id": CLERK}, "kind": "opinion", "summary": "Ý kiến.",
                     "agenda_item": "1"}, "agenda_item"),
    ("TaskAssigned", {"task_id": "t-1", "assignees": [THO], "description": "Hội giảng.", "due": "30/04/2021"},
     "due"),
    ("TaskAssigned", {"task_id": "t-1", "assignees": [THO, THO], "description": "Hội giảng."}, "assignees"),
])
def test_a_value_of_the_wrong_type_is_refused(client, admin, type, data, field):
    details = assert_refused(client, admin, event(MEETING, type, data), 422, "invalid_event")
    assert_names(details, "data", field)


@pytest.mark.parametrize("data", [[], "Tốt.", None, 42])
def test_data_that_is_not_an_object_is_refused(client, admin, data):
    assert_names(assert_refused(client, admin, event(MEETING, "MemberCommended", data), 422, "invalid_event"),
                 "data")


@pytest.mark.parametrize("stream, type, data, field", [
    ("cell", "MemberJoined", {"member_id": "le-van-moi", "full_name": "Lê Văn Mới", "kind": "honorary",
                              "joined_on": "2021-05-01", "how": "admitted"}, "kind"),
    ("cell", "MemberJoined", {"member_id": "le-van-moi", "full_name": "Lê Văn Mới", "kind": "official",
                              "joined_on": "2021-05-01", "how": "elected"}, "how"),
    ("cell", "MemberRated", {"member_id": CLERK, "year": 2020, "rating": "Excellent"}, "rating"),
    ("cell", "MemberRoleChanged", {"member_id": CLERK, "role": "chairman"}, "role"),
    ("cell", "MemberKindChanged", {"member_id": PROBATIONARY, "kind": "probationary"}, "kind"),
    (MEETING, "AttendanceRecorded", {"member_id": CLERK, "status": "Present"}, "status"),
    (MEETING, "MemberCriticized", {"member_id": CLERK, "level": "expulsion", "reason": "Vắng họp."}, "level"),
    (MEETING, "SpeechGiven", {"speaker": {"member_id": CLERK}, "kind": "song", "summary": "Hát."}, "kind"),
    (MEETING, "TaskReported", {"task_id": "t-1", "status": "forgotten"}, "status"),
])
def test_a_wrong_enum_value_is_refused(client, admin, stream, type, data, field):
    details = assert_refused(client, admin, event(stream, type, data), 422, "invalid_event")
    assert_names(details, "data", field)


# Text is counted in characters, not bytes: "ệ" is three bytes of UTF-8.
def test_text_of_10000_characters_is_accepted(client, admin):
    envelope = accepted(client, admin, event(MEETING, "MemberCommended", {"member_id": CLERK, "reason": "ệ" * 10_000}))
    assert envelope["data"]["reason"] == "ệ" * 10_000
    assert read_book(client, admin)[-1] == envelope


def test_text_of_10001_characters_is_refused(client, admin):
    body = event(MEETING, "MemberCommended", {"member_id": CLERK, "reason": "ệ" * 10_001})
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "data", "reason")


def test_text_over_10000_characters_in_a_list_is_refused(client, admin):
    body = event(MEETING, "AgendaSet", {"items": ["Báo cáo tháng 4", "x" * 10_001]})
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "data", "items")


@pytest.mark.parametrize("blank", ["", " ", "\n\t  "])
def test_blank_text_is_refused(client, admin, blank):
    body = event(MEETING, "MemberCommended", {"member_id": CLERK, "reason": blank})
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "data", "reason")


def test_text_containing_a_nul_character_is_refused(client, admin):
    body = event(MEETING, "MemberCommended", {"member_id": CLERK, "reason": "Tốt\x00."})
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "data", "reason")


# JSON may escape a lone UTF-16 surrogate ("\\ud800"), which no UTF-8 text can hold: the body is
# malformed wherever it sits (a 400), and never a 500 when an error echoes a field name.
@pytest.mark.parametrize("reason, extra_data, extra_request", [
    ("T\\ud800t", "", ""),
    ("Tốt.", ', "\\ud800": 1', ""),
    ("Tốt.", "", ', "\\udfff": 2'),
], ids=["in-text", "in-a-data-field-name", "in-a-request-field-name"])
def test_a_lone_surrogate_anywhere_is_refused_with_400(client, admin, no_propagation, reason, extra_data,
                                                       extra_request):
    raw = (f'{{"stream": "{MEETING}", "type": "MemberCommended", '
           f'"data": {{"member_id": "{CLERK}", "reason": "{reason}"{extra_data}}}{extra_request}}}')
    assert_refused(client, admin, None, 400, "malformed", raw=raw)


# -- the stream: each type has its stream, and stream names have one shape ------

@pytest.mark.parametrize("stream, body", [
    (MEETING, joined("le-van-moi", "Lê Văn Mới")),
    ("cell", opened()),
    ("cell", attended(CLERK)),
    (MEETING, event("cell", "MemberRated", {"member_id": CLERK, "year": 2020, "rating": "good"})),
    (MEETING, event("cell", "CellRegistered", CELL_DATA)),
], ids=["MemberJoined-to-meeting", "MeetingOpened-to-cell", "AttendanceRecorded-to-cell",
        "MemberRated-to-meeting", "CellRegistered-to-meeting"])
def test_a_type_written_to_the_wrong_stream_is_refused(client, admin, stream, body):
    details = assert_refused(client, admin, {**body, "stream": stream}, 422, "wrong_stream")
    assert_names(details, "type")


def test_a_second_cell_registered_is_refused(client, admin):
    details = assert_refused(client, admin, event("cell", "CellRegistered", CELL_DATA), 422, "rule_broken")
    assert_names(details, "type")


@pytest.mark.parametrize("stream", [
    "", "Cell", "cells", " cell", "meeting", "meeting:", "meetings:2021-04-07", "meeting:2021_04_07",
    "meeting:Tháng-4", "meeting:a b", "meeting:-x", "meeting:x:y", "meeting:" + "a" * 65, 5, None,
])
def test_a_malformed_stream_name_is_refused(client, admin, stream):
    body = {**commended(), "stream": stream}
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "stream")


def test_a_meeting_id_of_64_characters_is_accepted(client, admin):
    envelope = accepted(client, admin, opened(stream="meeting:" + "a" * 64, at=DURING))
    assert envelope["stream"] == "meeting:" + "a" * 64


# -- occurred_at, event_id, expected_version: their shape --------------------------

@pytest.mark.parametrize("occurred_at", [
    "yesterday", "2021-04-07", "14:00", "2021-04-07T25:00:00+07:00", "2021-02-30T10:00:00+07:00",
    "2021-04-07T14:00:00+25:00", "07/04/2021 14:00", "", 20210407, 1617778800.0, ["2021-04-07T14:00:00"],
])
def test_a_bad_occurred_at_is_refused(client, admin, occurred_at):
    body = commended(at=occurred_at)
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "occurred_at")


@pytest.mark.parametrize("occurred_at", ["0001-01-01T00:00:00+07:00", "0001-01-01T00:00:00", "1929-12-31T23:59:59",
                                         "3000-01-01T00:00:00+07:00"])
def test_an_occurred_at_out_of_range_is_refused_not_a_500(client, admin, no_propagation, occurred_at):
    body = {**joined("le-van-moi", "Lê Văn Mới"), "occurred_at": occurred_at}
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "occurred_at")


@pytest.mark.parametrize("occurred_at", ["2021-04-07T14:00:00+07:00:30", "2021-04-07T14:00:00.123456+07:00:30.123456"])
def test_an_occurred_at_with_an_offset_finer_than_minutes_is_refused(client, admin, no_propagation, occurred_at):
    body = {**joined("le-van-moi", "Lê Văn Mới"), "occurred_at": occurred_at}
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "occurred_at")


@pytest.mark.parametrize("occurred_at, stored", [
    ("2021-04-07T15:00:00+07:00", "2021-04-07T15:00:00+07:00"),
    ("2021-04-07T08:00:00Z", "2021-04-07T08:00:00+00:00"),
    ("2021-04-07T15:00:00", "2021-04-07T15:00:00+07:00"),  # naive: Vietnam time
])
def test_a_well_formed_occurred_at_is_accepted_with_its_offset(client, admin, occurred_at, stored):
    assert accepted(client, admin, commended(at=occurred_at))["occurred_at"] == stored


@pytest.mark.parametrize("event_id", ["not-a-uuid", "1234", "", "0b6c", "g" * 32, 42, ["x"]])
def test_a_bad_event_id_is_refused(client, admin, event_id):
    body = commended(event_id=event_id)
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "event_id")


@pytest.mark.parametrize("expected_version", [-1, "5", 5.0, True, 2**60])
def test_a_bad_expected_version_is_refused(client, admin, expected_version):
    body = commended(expected_version=expected_version)
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "expected_version")


# -- 2. A meeting starts with MeetingOpened; little follows MeetingClosed (422) ------

@pytest.mark.parametrize("body", [
    event("meeting:2021-05-05", "AgendaSet", {"items": ["Báo cáo tháng 5"]}),
    event("meeting:2021-05-05", "AttendanceRecorded", {"member_id": CLERK, "status": "present"}),
    event("meeting:2021-05-05", "MeetingClosed", {}),
    event("meeting:2021-05-05", "EventRetracted", {"target_seq": 7, "reason": "Ghi nhầm."}),
], ids=["AgendaSet", "AttendanceRecorded", "MeetingClosed", "EventRetracted"])
def test_a_meeting_stream_whose_first_event_is_not_meeting_opened_is_refused(client, admin, body):
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "stream")


def test_a_meeting_stream_starting_with_meeting_opened_is_accepted(client, admin):
    envelope = accepted(client, admin, opened(stream="meeting:2021-05-05", at="2021-05-05T14:00:00+07:00"))
    assert (envelope["stream"], envelope["version"]) == ("meeting:2021-05-05", 1)


def test_a_second_meeting_opened_in_the_same_stream_is_refused(client, admin):
    assert_names(assert_refused(client, admin, opened(at=DURING), 422, "rule_broken"), "stream")


def test_a_second_meeting_opened_after_closing_is_refused(client, admin):
    accepted(client, admin, closed())
    assert_names(assert_refused(client, admin, opened(at=DURING), 422, "rule_broken"), "stream")


@pytest.mark.parametrize("body", [
    attended(CLERK, "left_early"),
    commended(),
    event(MEETING, "SpeechGiven", {"speaker": {"member_id": CHAIR}, "kind": "closing", "summary": "Bế mạc."}),
    votes("ConclusionAdopted", 3),
    votes("MinutesApproved", 3),
    event(MEETING, "AgendaSet", {"items": ["Việc khác"]}),
    assigned("t-2"),
    closed(at="2021-04-07T17:30:00+07:00"),
], ids=["AttendanceRecorded", "MemberCommended", "SpeechGiven", "ConclusionAdopted", "MinutesApproved",
        "AgendaSet", "TaskAssigned", "MeetingClosed"])
def test_after_meeting_closed_other_events_are_refused(client, admin, body):
    accepted(client, admin, closed())
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "type")


def test_after_meeting_closed_corrections_retractions_and_task_reports_are_accepted(client, admin):
    accepted(client, admin, assigned("t-1"))
    speech = accepted(client, admin, event(MEETING, "SpeechGiven", {
        "speaker": {"member_id": THO}, "kind": "opinion", "summary": "Ý kiến ghi nhầm.",
    }, occurred_at=DURING))
    accepted(client, admin, closed())
    late = seq_of(client, admin, "AttendanceRecorded", member_id=CLERK)
    corrected = accepted(client, admin, event(MEETING, "EventCorrected", {
        "target_seq": late, "data": {"member_id": CLERK, "status": "late", "reason": "Họp chuyên môn."},
        "reason": "Đồng chí đến muộn.",
    }))
    retracted = accepted(client, admin, event(MEETING, "EventRetracted", {
        "target_seq": speech["seq"], "reason": "Ghi nhầm.",
    }))
    done = accepted(client, admin, reported("t-1", stream=MEETING))
    in_cell = accepted(client, admin, reported("t-1", stream="cell", status="in_progress"))
    assert [e["type"] for e in (corrected, retracted, done, in_cell)] == [
        "EventCorrected", "EventRetracted", "TaskReported", "TaskReported"]


# -- 3. A member_id must name a member of the cell at occurred_at (422) -------------

# Every place an event names a member: (builder of the request, field path in details).
PLACES = {
    "AttendanceRecorded.member_id": (
        lambda m: event(MEETING, "AttendanceRecorded", {"member_id": m, "status": "present"}, occurred_at=DURING),
        ("data", "member_id")),
    "SpeechGiven.speaker.member_id": (
        lambda m: event(MEETING, "SpeechGiven", {"speaker": {"member_id": m}, "kind": "opinion",
                                                 "summary": "Tán thành."}, occurred_at=DURING),
        ("data", "speaker", "member_id")),
    "TaskAssigned.assignees": (
        lambda m: assigned("t-9", assignees=[CLERK, m]),
        ("data", "assignees", "1")),
    "MeetingOpened.chair": (
        lambda m: {**opened(stream="meeting:2021-04-07-chi-uy", at=DURING),
                   "data": {**opened()["data"], "chair": m}},
        ("data", "chair")),
    "MemberCommended.member_id": (lambda m: commended(m), ("data", "member_id")),
    "MemberCriticized.member_id": (
        lambda m: event(MEETING, "MemberCriticized", {"member_id": m, "level": "reminder", "reason": "Đi muộn."},
                        occurred_at=DURING),
        ("data", "member_id")),
    "ReportPresented.member_id": (
        lambda m: event(MEETING, "ReportPresented", {"member_id": m, "subject": "Hội giảng",
                                                     "summary": "Đã xong."}, occurred_at=DURING),
        ("data", "member_id")),
    "MemberRated.member_id": (
        lambda m: event("cell", "MemberRated", {"member_id": m, "year": 2020, "rating": "good"},
                        occurred_at=DURING),
        ("data", "member_id")),
    "MemberLeft.member_id": (lambda m: left(m, DURING), ("data", "member_id")),
}


def never_joined(client, headers) -> str:
    return "tran-van-khach"


def joins_later(client, headers) -> str:
    """A member whose joined_on (2021-05-01) is after the meeting."""
    accepted(client, headers, joined("le-van-moi", "Lê Văn Mới", joined_on="2021-05-01"))
    return "le-van-moi"


def has_left(client, headers) -> str:
    """An official member who left at 14:30, before the 15:00 of the events under test."""
    accepted(client, headers, left(THO, "2021-04-07T14:30:00+07:00"))
    return THO


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("non_member", [never_joined, joins_later, has_left])
def test_a_member_id_that_is_not_a_member_is_refused_in_every_place(client, admin, place, non_member):
    member_id = non_member(client, admin)
    build, path = PLACES[place]
    assert_names(assert_refused(client, admin, build(member_id), 422, "rule_broken"), *path)


@pytest.mark.parametrize("place", PLACES)
def test_a_member_is_accepted_in_every_place(client, admin, place):
    build, _ = PLACES[place]
    accepted(client, admin, build(THO))


def test_a_member_is_accepted_before_leaving_and_refused_after(client, admin):
    accepted(client, admin, left(THO, "2021-04-07T14:30:00+07:00"))
    accepted(client, admin, commended(THO, at="2021-04-07T14:20:00+07:00"))
    assert_refused(client, admin, commended(THO, at="2021-04-07T14:40:00+07:00"), 422, "rule_broken")


def test_a_member_is_accepted_from_the_day_of_joining(client, admin):
    accepted(client, admin, joined("le-van-moi", "Lê Văn Mới", joined_on="2021-05-01"))
    assert_refused(client, admin, event("cell", "MemberRated", {"member_id": "le-van-moi", "year": 2021,
                   "rating": "good"}, occurred_at="2021-04-30T23:59:59+07:00"), 422, "rule_broken")
    accepted(client, admin, event("cell", "MemberRated", {"member_id": "le-van-moi", "year": 2021,
             "rating": "good"}, occurred_at="2021-05-01T00:00:00+07:00"))


def test_a_member_joining_while_on_the_roll_is_refused(client, admin):
    details = assert_refused(client, admin, joined(CLERK, "Dương Thị Lê", joined_on="2021-05-01"), 422, "rule_broken")
    assert_names(details, "data", "member_id")


def test_a_member_who_left_may_join_again(client, admin):
    accepted(client, admin, left(THO, "2021-04-07T14:30:00+07:00"))
    accepted(client, admin, joined(THO, "Nguyễn Huy Thọ", joined_on="2022-09-01"))


def test_correcting_a_joining_onto_a_member_already_on_the_roll_is_refused(client, admin):
    joining = accepted(client, admin, joined("le-van-moi", "Lê Văn Mới", joined_on="2021-05-01"))
    body = event("cell", "EventCorrected", {
        "target_seq": joining["seq"], "data": {**joining["data"], "member_id": CLERK}, "reason": "Nhầm mã.",
    })
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "data", "member_id")


def test_correcting_a_joining_of_the_same_member_is_accepted(client, admin):
    joining = accepted(client, admin, joined("le-van-moi", "Lê Văn Mới", joined_on="2021-05-01"))
    accepted(client, admin, event("cell", "EventCorrected", {
        "target_seq": joining["seq"], "data": {**joining["data"], "full_name": "Lê Văn Mới (Mới)"},
        "reason": "Sửa họ tên.",
    }))


# -- 4. A task_id must exist (and is unique); a target_seq must exist (422) --------

@pytest.mark.parametrize("stream", [MEETING, "cell"])
def test_a_task_report_for_a_task_that_does_not_exist_is_refused(client, admin, stream):
    details = assert_refused(client, admin, reported("t-404", stream=stream), 422, "rule_broken")
    assert_names(details, "data", "task_id")


def test_a_report_presented_on_a_task_that_does_not_exist_is_refused(client, admin):
    body = event(MEETING, "ReportPresented", {
        "member_id": THO, "subject": "Hội giảng", "summary": "Đã xong.", "task_id": "t-404", "outcome": "done",
    })
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "task_id")


def test_a_task_report_for_an_assigned_task_is_accepted(client, admin):
    accepted(client, admin, assigned("t-1"))
    accepted(client, admin, reported("t-1", stream="cell"))


def test_a_task_report_for_a_retracted_task_is_refused(client, admin):
    task = accepted(client, admin, assigned("t-1"))
    accepted(client, admin, event(MEETING, "EventRetracted", {"target_seq": task["seq"], "reason": "Ghi nhầm."}))
    assert_names(assert_refused(client, admin, reported("t-1"), 422, "rule_broken"), "data", "task_id")


# -- 4b. An agenda_item names an item of the meeting's agenda as it stands (422) ----------

AGENDA = event(MEETING, "AgendaSet", {"items": ["Kiểm điểm tháng 3", "Phương hướng tháng 4"]})


def under_item(type: str, number: int, stream: str = MEETING) -> dict:
    data = {
        "SpeechGiven": {"speaker": {"member_id": THO}, "kind": "opinion", "summary": "Tán thành."},
        "ReportPresented": {"member_id": THO, "subject": "Hội giảng", "summary": "Đã chuẩn bị."},
        "TaskReported": {"task_id": "t-1", "status": "in_progress"},
    }[type]
    return event(stream, type, {**data, "agenda_item": number})


@pytest.mark.parametrize("type", ["SpeechGiven", "ReportPresented", "TaskReported"])
def test_an_entry_under_an_item_the_agenda_does_not_have_is_refused_and_one_it_has_accepted(client, admin, type):
    accepted(client, admin, assigned("t-1"))
    accepted(client, admin, AGENDA)
    details = assert_refused(client, admin, under_item(type, 3), 422, "rule_broken")
    assert "chỉ có 2 mục" in details["data"]["agenda_item"][0]
    stored = accepted(client, admin, under_item(type, 2))
    assert stored["data"]["agenda_item"] == 2
    minutes = client.get(f"/api/v1/cells/{CELL}/meetings/2021-04-07/minutes", headers=admin).json
    assert [p["agenda_item"] for p in minutes["proceedings"] if p["seq"] == stored["seq"]] == [2]


@pytest.mark.parametrize("type", ["SpeechGiven", "ReportPresented"])
def test_an_entry_under_an_agenda_item_before_any_agenda_is_refused(client, admin, type):
    assert_names(assert_refused(client, admin, under_item(type, 1), 422, "rule_broken"), "data", "agenda_item")


def test_a_task_report_in_the_cell_stream_names_no_agenda_item(client, admin):
    accepted(client, admin, assigned("t-1"))
    accepted(client, admin, AGENDA)
    assert_names(assert_refused(client, admin, under_item("TaskReported", 1, stream="cell"), 422, "rule_broken"),
                 "data", "agenda_item")
    accepted(client, admin, reported("t-1", stream="cell"))


def test_a_correction_may_not_move_an_entry_to_an_item_the_agenda_does_not_have(client, admin):
    accepted(client, admin, AGENDA)
    speech = accepted(client, admin, under_item("SpeechGiven", 1))
    moved = {**speech["data"], "agenda_item": 5}
    body = event(MEETING, "EventCorrected", {"target_seq": speech["seq"], "data": moved, "reason": "Nhầm mục."})
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "data", "agenda_item")
    body["data"]["data"]["agenda_item"] = 2
    accepted(client, admin, body)


@pytest.mark.parametrize("stream", [MEETING, "meeting:2021-05-05"])
def test_a_task_id_used_twice_in_the_book_is_refused(client, admin, stream):
    accepted(client, admin, assigned("t-1"))
    accepted(client, admin, opened(stream="meeting:2021-05-05", at="2021-05-05T14:00:00+07:00"))
    body = assigned("t-1", assignees=[CLERK], stream=stream, at="2021-05-05T15:00:00+07:00")
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "task_id")


@pytest.mark.parametrize("type", ["EventCorrected", "EventRetracted"])
def test_an_amendment_of_an_event_that_does_not_exist_is_refused(client, admin, type):
    data = {"target_seq": 999, "reason": "Ghi nhầm."}
    if type == "EventCorrected":
        data["data"] = {"member_id": CLERK, "status": "late"}
    details = assert_refused(client, admin, event(MEETING, type, data), 422, "rule_broken")
    assert_names(details, "data", "target_seq")


def test_a_target_seq_that_exists_only_in_another_book_is_refused(client, admin):
    response = client.post("/api/v1/cells", json={"cell_id": OTHER_CELL, **CELL_DATA}, headers=admin)
    assert response.status_code == 201, response.json
    # seq 7 is an attendance in th-ky-tho; th-ky-thu has one event.
    body = event(MEETING, "EventRetracted", {"target_seq": 7, "reason": "Ghi nhầm."})
    assert_refused(client, admin, body, 422, "rule_broken", cell=OTHER_CELL)
    assert read_book(client, admin)[6]["type"] == "AttendanceRecorded"


def test_retracting_the_same_event_twice_is_refused(client, admin):
    target = seq_of(client, admin, "AttendanceRecorded", member_id=PROBATIONARY)
    body = event(MEETING, "EventRetracted", {"target_seq": target, "reason": "Ghi nhầm."})
    accepted(client, admin, body)
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "target_seq")


def test_correcting_a_retracted_event_is_refused(client, admin):
    target = seq_of(client, admin, "AttendanceRecorded", member_id=PROBATIONARY)
    accepted(client, admin, event(MEETING, "EventRetracted", {"target_seq": target, "reason": "Ghi nhầm."}))
    body = event(MEETING, "EventCorrected", {
        "target_seq": target, "data": {"member_id": PROBATIONARY, "status": "late"}, "reason": "Đến muộn.",
    })
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "target_seq")


@pytest.mark.parametrize("type", ["EventCorrected", "EventRetracted"])
def test_an_amendment_of_an_amendment_is_refused(client, admin, type):
    target = seq_of(client, admin, "AttendanceRecorded", member_id=CLERK)
    first = accepted(client, admin, event(MEETING, "EventCorrected", {
        "target_seq": target, "data": {"member_id": CLERK, "status": "late"}, "reason": "Đến muộn.",
    }))
    data = {"target_seq": first["seq"], "reason": "Sửa lại."}
    if type == "EventCorrected":
        data["data"] = {"target_seq": target, "data": {"member_id": CLERK, "status": "present"}, "reason": "x"}
    assert_names(assert_refused(client, admin, event(MEETING, type, data), 422, "rule_broken"),
                 "data", "target_seq")


@pytest.mark.parametrize("type, stream", [("CellRegistered", "cell"), ("MeetingOpened", MEETING)])
def test_cell_registered_and_meeting_opened_cannot_be_retracted(client, admin, type, stream):
    body = event(stream, "EventRetracted", {"target_seq": seq_of(client, admin, type), "reason": "Ghi nhầm."})
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "target_seq")


@pytest.mark.parametrize("corrected, field", [
    ({"member_id": CLERK, "status": "asleep"}, "status"),               # wrong enum value
    ({"member_id": CLERK}, "status"),                                    # missing field
    ({"member_id": CLERK, "status": "late", "seat": 3}, "seat"),         # extra field
    ({"member_id": CLERK, "status": "late", "reason": "x" * 10_001}, "reason"),  # text too long
    ({"member_id": CLERK, "status": "late", "reason": "  "}, "reason"),  # blank text
])
def test_a_correction_with_data_invalid_for_the_target_type_is_refused(client, admin, corrected, field):
    target = seq_of(client, admin, "AttendanceRecorded", member_id=CLERK)
    body = event(MEETING, "EventCorrected", {"target_seq": target, "data": corrected, "reason": "Sửa."})
    details = assert_refused(client, admin, body, 422, "invalid_event")
    assert_names(details, "data", "data", field)


@pytest.mark.parametrize("corrected", ["late", ["late"], None])
def test_a_correction_whose_data_is_not_an_object_is_refused(client, admin, corrected):
    target = seq_of(client, admin, "AttendanceRecorded", member_id=CLERK)
    body = event(MEETING, "EventCorrected", {"target_seq": target, "data": corrected, "reason": "Sửa."})
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "data", "data")


@pytest.mark.parametrize("type, field", [
    ("AttendanceRecorded", ("member_id",)), ("MeetingOpened", ("chair",)),
    ("SpeechGiven", ("speaker", "member_id")), ("TaskAssigned", ("assignees", "0")),
])
def test_a_correction_naming_a_non_member_is_refused(client, admin, type, field):
    accepted(client, admin, event(MEETING, "SpeechGiven", {
        "speaker": {"member_id": THO}, "kind": "opinion", "summary": "Tán thành."}, occurred_at=DURING))
    accepted(client, admin, assigned("t-1"))
    target = read_book(client, admin)
    target = next(e for e in target if e["type"] == type)
    corrected = json.loads(json.dumps(target["data"]))
    node = corrected
    for key in field[:-1]:
        node = node[key]
    node[int(field[-1]) if isinstance(node, list) else field[-1]] = "tran-van-khach"
    body = event(MEETING, "EventCorrected", {"target_seq": target["seq"], "data": corrected, "reason": "Nhầm người."})
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "data", *field)


def test_a_correction_cannot_change_whom_an_attendance_is_about(client, admin):
    target = next(e for e in read_book(client, admin) if e["type"] == "AttendanceRecorded")
    body = event(MEETING, "EventCorrected", {
        "target_seq": target["seq"], "data": {**target["data"], "member_id": THO}, "reason": "Nhầm người.",
    })
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "data", "member_id")
    accepted(client, admin, event(MEETING, "EventCorrected", {
        "target_seq": target["seq"], "data": {**target["data"], "status": "late"}, "reason": "Đến muộn.",
    }))


def test_a_correction_cannot_change_or_drop_a_reports_task_id(client, admin):
    accepted(client, admin, assigned("t-1"))
    accepted(client, admin, assigned("t-2"))
    report = accepted(client, admin, event(MEETING, "ReportPresented", {
        "member_id": THO, "subject": "Nhiệm vụ", "summary": "Xong.", "task_id": "t-1", "outcome": "done",
    }, occurred_at=DURING))
    for changed in ({**report["data"], "task_id": "t-2"},
                    {k: v for k, v in report["data"].items() if k != "task_id"}):
        body = event(MEETING, "EventCorrected", {"target_seq": report["seq"], "data": changed, "reason": "Sửa."})
        assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "data", "task_id")


def test_a_correction_reusing_another_tasks_id_is_refused(client, admin):
    accepted(client, admin, assigned("t-1"))
    second = accepted(client, admin, assigned("t-2"))
    body = event(MEETING, "EventCorrected", {
        "target_seq": second["seq"], "data": {**second["data"], "task_id": "t-1"}, "reason": "Sửa mã.",
    })
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "data", "task_id")


@pytest.mark.parametrize("type", ["EventCorrected", "EventRetracted"])
@pytest.mark.parametrize("stream", ["cell", "meeting:2021-05-05"])
def test_an_amendment_written_to_another_stream_than_its_target_is_refused(client, admin, type, stream):
    accepted(client, admin, opened(stream="meeting:2021-05-05", at="2021-05-05T14:00:00+07:00"))
    target = seq_of(client, admin, "AttendanceRecorded", member_id=CLERK)  # in meeting:2021-04-07
    data = {"target_seq": target, "reason": "Sửa."}
    if type == "EventCorrected":
        data["data"] = {"member_id": CLERK, "status": "late"}
    details = assert_refused(client, admin, event(stream, type, data), 422, "rule_broken")
    assert_names(details, "data", "target_seq")


# -- 5. Votes: non-negative, and at most the official members present (422) ------------

@pytest.mark.parametrize("type", ["ConclusionAdopted", "MinutesApproved"])
@pytest.mark.parametrize("field", ["votes_for", "votes_against", "votes_abstain"])
def test_negative_votes_are_refused(client, admin, type, field):
    body = votes(type, 1)
    body["data"][field] = -1
    assert_names(assert_refused(client, admin, body, 422, "invalid_event"), "data", field)


# Three official members and one probationary are present: at most 3 votes.
@pytest.mark.parametrize("type", ["ConclusionAdopted", "MinutesApproved"])
@pytest.mark.parametrize("counts", [(3, 0, 0), (1, 1, 1), (0, 0, 3), (0, 0, 0)])
def test_votes_up_to_the_official_members_present_are_accepted(client, admin, type, counts):
    accepted(client, admin, votes(type, *counts))


@pytest.mark.parametrize("type", ["ConclusionAdopted", "MinutesApproved"])
@pytest.mark.parametrize("counts", [(4, 0, 0), (3, 1, 0), (2, 1, 1), (0, 0, 4)])
def test_votes_over_the_official_members_present_are_refused(client, admin, type, counts):
    details = assert_refused(client, admin, votes(type, *counts), 422, "rule_broken")
    assert_names(details, "data")


@pytest.mark.parametrize("status", ["absent_excused", "absent_unexcused"])
def test_an_official_marked_absent_lowers_the_vote_limit(client, admin, status):
    accepted(client, admin, votes("ConclusionAdopted", 3, at="2021-04-07T14:30:00+07:00"))
    accepted(client, admin, attended(THO, status))  # the latest attendance of a member wins
    assert_refused(client, admin, votes("MinutesApproved", 3), 422, "rule_broken")
    accepted(client, admin, votes("MinutesApproved", 2))


def test_an_attendance_corrected_to_absent_lowers_the_vote_limit(client, admin):
    target = seq_of(client, admin, "AttendanceRecorded", member_id=THO)
    accepted(client, admin, event(MEETING, "EventCorrected", {
        "target_seq": target, "data": {"member_id": THO, "status": "absent_excused", "reason": "Ốm."},
        "reason": "Đồng chí vắng có lý do.",
    }))
    assert_refused(client, admin, votes("MinutesApproved", 3), 422, "rule_broken")
    accepted(client, admin, votes("MinutesApproved", 2))


def test_an_official_who_came_late_before_the_vote_counts_in_it(client, admin):
    accepted(client, admin, attended(THO, "late"))
    accepted(client, admin, votes("MinutesApproved", 3))


def test_an_official_who_left_early_before_the_vote_does_not_count_in_it(client, admin, store):
    accepted(client, admin, attended(THO, "left_early"))
    before = snapshot(store)
    assert_refused(client, admin, votes("MinutesApproved", 3), 422, "rule_broken")
    assert snapshot(store) == before
    accepted(client, admin, votes("MinutesApproved", 2))


def test_a_retracted_attendance_lowers_the_vote_limit(client, admin):
    target = seq_of(client, admin, "AttendanceRecorded", member_id=THO)
    accepted(client, admin, event(MEETING, "EventRetracted", {"target_seq": target, "reason": "Ghi nhầm."}))
    assert_refused(client, admin, votes("MinutesApproved", 3), 422, "rule_broken")


def test_a_probationary_member_made_official_before_the_vote_counts(client, admin):
    accepted(client, admin, event("cell", "MemberKindChanged", {"member_id": PROBATIONARY, "kind": "official"},
                                  occurred_at="2021-04-07T14:10:00+07:00"))
    accepted(client, admin, votes("MinutesApproved", 4))


def test_votes_of_another_meeting_do_not_count_its_attendance(client, admin):
    accepted(client, admin, opened(stream="meeting:2021-05-05", at="2021-05-05T14:00:00+07:00"))
    accepted(client, admin, attended(CLERK, stream="meeting:2021-05-05"))
    body = {**votes("MinutesApproved", 2), "stream": "meeting:2021-05-05"}
    assert_refused(client, admin, body, 422, "rule_broken")


def test_a_correction_of_votes_is_held_to_the_same_limit(client, admin):
    conclusion = accepted(client, admin, votes("ConclusionAdopted", 3))
    body = event(MEETING, "EventCorrected", {
        "target_seq": conclusion["seq"], "data": {**conclusion["data"], "votes_for": 4}, "reason": "Đếm lại.",
    })
    assert_names(assert_refused(client, admin, body, 422, "rule_broken"), "data", "data")


# -- 6. occurred_at more than 5 minutes in the future (422) ------------------------

NOW = "2021-04-07T08:30:00Z"  # 15:30 in Vietnam, during the meeting


@pytest.mark.parametrize("occurred_at", [
    "2021-04-07T15:30:00+07:00", "2021-04-07T15:34:00+07:00", "2021-04-07T15:35:00+07:00",
    "2021-04-07T08:35:00+00:00",
])
def test_occurred_at_up_to_5_minutes_ahead_is_accepted(client, admin, occurred_at):
    with freeze_time(NOW):
        accepted(client, admin, commended(at=occurred_at))


@pytest.mark.parametrize("occurred_at", [
    "2021-04-07T15:35:01+07:00", "2021-04-07T15:36:00+07:00", "2021-04-07T08:36:00Z",
    "2021-04-07T15:36:00",  # naive: Vietnam time
    "2021-04-08T15:30:00+07:00", "2999-12-31T23:59:59-12:00",
])
def test_occurred_at_more_than_5_minutes_ahead_is_refused(client, admin, occurred_at):
    with freeze_time(NOW):
        details = assert_refused(client, admin, commended(at=occurred_at), 422, "rule_broken")
    assert_names(details, "occurred_at")


def test_the_future_is_measured_from_the_real_clock(client, admin):
    now = datetime.now(UTC)
    ahead = (now + timedelta(minutes=10)).isoformat()
    assert_names(assert_refused(client, admin, commended(at=ahead), 422, "rule_broken"), "occurred_at")
    accepted(client, admin, commended(at=(now + timedelta(minutes=4)).isoformat()))


# -- 7. expected_version given and not the stream's version (409) -----------------

# The streams of the test book: meeting:2021-04-07 and cell are at version 5; a new stream is at 0.
@pytest.mark.parametrize("stream, version, expected", [
    (MEETING, 5, 4), (MEETING, 5, 6), (MEETING, 5, 0), (MEETING, 5, 1000),
    ("cell", 5, 4), ("cell", 5, 6), ("cell", 5, 0),
    ("meeting:2021-05-05", 0, 1), ("meeting:2021-05-05", 0, 5),
])
def test_a_wrong_expected_version_is_refused_with_the_current_version(client, admin, stream, version, expected):
    body = {**_next_event(stream), "expected_version": expected}
    details = assert_refused(client, admin, body, 409, "version_conflict")
    assert details["version"] == version
    assert details["expected_version"] == expected
    assert details["stream"] == stream


@pytest.mark.parametrize("stream, version", [(MEETING, 5), ("cell", 5), ("meeting:2021-05-05", 0)])
def test_the_current_expected_version_is_accepted(client, admin, stream, version):
    envelope = accepted(client, admin, {**_next_event(stream), "expected_version": version})
    assert envelope["version"] == version + 1


def test_a_null_expected_version_means_no_check(client, admin):
    assert accepted(client, admin, commended(expected_version=None))["version"] == 6


def _next_event(stream: str) -> dict:
    if stream == MEETING:
        return commended()
    if stream == "cell":
        return event("cell", "MemberRated", {"member_id": CLERK, "year": 2020, "rating": "good"})
    return opened(stream=stream, at="2021-05-05T14:00:00+07:00")


# -- 8. event_id: a repeat is answered with the stored envelope, never stored twice ----

def test_the_same_request_twice_is_stored_once_and_answered_alike(client, admin):
    body = commended(event_id=str(uuid.uuid4()))
    before = read_book(client, admin)
    first = post(client, admin, body)
    assert first.status_code == 201, first.json
    second = post(client, admin, body)
    assert second.status_code == 200, second.json
    assert second.json == first.json
    assert read_book(client, admin) == before + [first.json]


def test_a_repeat_with_the_event_id_in_capitals_is_the_same_event(client, admin):
    event_id = str(uuid.uuid4())
    first = accepted(client, admin, commended(event_id=event_id))
    before = read_book(client, admin)
    second = post(client, admin, commended(event_id=event_id.upper()))
    assert (second.status_code, second.json) == (200, first)
    assert read_book(client, admin) == before


def test_a_repeat_without_occurred_at_gets_the_stored_envelope(client, admin):
    event_id = str(uuid.uuid4())
    body = event(MEETING, "MemberCommended", {"member_id": CLERK, "reason": "Tốt."}, event_id=event_id)
    first = accepted(client, admin, body)
    second = post(client, admin, body)
    assert (second.status_code, second.json) == (200, first)


EVENT_ID = "0b6c5e8e-8f7a-4c1e-9a53-2f3f1d1c0a11"


@pytest.mark.parametrize("change", [
    {"data": {"member_id": CLERK, "reason": "Lý do khác."}},
    {"data": {"member_id": THO, "reason": "Hoàn thành tốt nhiệm vụ."}},
    {"type": "MemberCriticized", "data": {"member_id": CLERK, "level": "reminder", "reason": "Đi muộn."}},
    {"stream": "meeting:2021-05-05", "type": "MeetingOpened", "data": opened()["data"]},
    {"occurred_at": "2021-04-07T15:01:00+07:00"},
], ids=["other-reason", "other-member", "other-type", "other-stream", "other-occurred_at"])
def test_the_same_event_id_with_other_content_is_refused(client, admin, change):
    first = accepted(client, admin, commended(event_id=EVENT_ID))
    details = assert_refused(client, admin, {**commended(event_id=EVENT_ID), **change}, 409, "event_id_reused")
    assert details["event_id"] == EVENT_ID
    assert details["seq"] == first["seq"]


def test_the_same_event_id_with_other_content_is_refused_even_with_a_wrong_expected_version(client, admin):
    accepted(client, admin, commended(event_id=EVENT_ID))
    body = {**commended(THO, event_id=EVENT_ID), "expected_version": 1}
    assert_refused(client, admin, body, 409, "event_id_reused")


def test_a_retry_with_a_now_stale_expected_version_still_gets_200(client, admin):
    body = commended(event_id=str(uuid.uuid4()), expected_version=5)
    first = accepted(client, admin, body)
    accepted(client, admin, commended(THO))  # the stream moves on to version 7
    before = read_book(client, admin)
    retry = post(client, admin, body)
    assert (retry.status_code, retry.json) == (200, first)
    assert read_book(client, admin) == before


def test_a_retry_of_a_correction_gets_200(client, admin):
    target = seq_of(client, admin, "AttendanceRecorded", member_id=CLERK)
    body = event(MEETING, "EventCorrected", {
        "target_seq": target, "data": {"member_id": CLERK, "status": "late"}, "reason": "Đến muộn.",
    }, event_id=str(uuid.uuid4()))
    first = accepted(client, admin, body)
    retry = post(client, admin, body)
    assert (retry.status_code, retry.json) == (200, first)


def test_a_refused_request_may_be_sent_again_with_the_same_event_id(client, admin):
    event_id = str(uuid.uuid4())
    assert_refused(client, admin, commended("tran-van-khach", event_id=event_id), 422, "rule_broken")
    accepted(client, admin, commended(event_id=event_id))


def test_the_same_event_id_may_be_used_in_another_book(client, admin):
    first = accepted(client, admin, commended(event_id=EVENT_ID))
    response = client.post("/api/v1/cells", json={"cell_id": OTHER_CELL, **CELL_DATA}, headers=admin)
    assert response.status_code == 201, response.json
    other = accepted(client, admin, joined(CLERK, "Dương Thị Lê") | {"event_id": EVENT_ID}, cell=OTHER_CELL)
    assert (other["book"], other["event_id"]) == (OTHER_CELL, first["event_id"])


# -- the rules are the same on every server of one database -------------------------

@pytest.fixture
def second_client(app, database_url):
    """A client of a second server on the same database, whose rule state starts cold."""
    other = create_app({
        "TESTING": True, "INSTANCE_PATH": app.instance_path, "DATABASE_URL": database_url, "SECRET_KEY": "test",
    })
    yield other.test_client()
    other.extensions["chibo_store"].engine.dispose()


def test_a_server_started_later_applies_the_same_rules(client, admin, second_client):
    attendance = seq_of(client, admin, "AttendanceRecorded", member_id=THO)
    accepted(client, admin, event(MEETING, "EventCorrected", {
        "target_seq": attendance, "data": {"member_id": THO, "status": "absent_excused"}, "reason": "Vắng.",
    }))
    task = accepted(client, admin, assigned("t-1", assignees=[CLERK]))
    accepted(client, admin, event(MEETING, "EventRetracted", {"target_seq": task["seq"], "reason": "Ghi nhầm."}))
    accepted(client, admin, left(PROBATIONARY, "2021-04-07T14:30:00+07:00"))

    assert_refused(second_client, admin, votes("MinutesApproved", 3), 422, "rule_broken")
    assert_refused(second_client, admin, reported("t-1"), 422, "rule_broken")
    assert_refused(second_client, admin, commended(PROBATIONARY), 422, "rule_broken")
    assert_refused(second_client, admin, joined(CLERK, "Dương Thị Lê"), 422, "rule_broken")
    assert_refused(second_client, admin, commended(expected_version=7), 409, "version_conflict")
    accepted(second_client, admin, votes("MinutesApproved", 2))


def test_a_server_sees_what_another_server_wrote(client, admin, second_client):
    accepted(client, admin, commended(event_id=EVENT_ID))  # the first server's state is warm
    accepted(second_client, admin, closed())
    assert_refused(client, admin, commended(THO), 422, "rule_broken")
    assert_refused(client, admin, commended(THO, expected_version=6), 409, "version_conflict")
    assert_refused(client, admin, commended(THO, event_id=EVENT_ID), 409, "event_id_reused")
    accepted(client, admin, event(MEETING, "EventRetracted", {
        "target_seq": seq_of(client, admin, "MemberCommended"), "reason": "Ghi nhầm.",
    }, expected_version=7))


# -- 9. A body that is not one JSON object (400), or is too large (413) ---------------

VALID = json.dumps(commended())
RATED = ('{"stream": "cell", "type": "MemberRated", '
         '"data": {"member_id": "duong-thi-le", "year": %s, "rating": "good"}%s}')


@pytest.mark.parametrize("raw", [
    "not json", "", "   ", VALID[:-1], VALID + "}", "[" + VALID + "]", "[]", '"text"', "null", "42", "true",
    VALID.replace('"reason": "', '"reason": NaN, "x": "'),
    RATED % ("NaN", ""), RATED % ("Infinity", ""), RATED % ("-Infinity", ""),
    RATED % ("2020", ', "expected_version": NaN'),
    VALID.encode("utf-8")[:-3] + b"\xff\xfe}",
    "[" * 100_000 + "]" * 100_000,
], ids=["text", "empty", "spaces", "truncated", "trailing-brace", "array-of-event", "empty-array", "string",
        "null", "number", "true", "NaN-field", "NaN-year", "Infinity", "-Infinity", "NaN-expected_version",
        "bad-utf8", "deep-nesting"])
def test_a_body_that_is_not_a_json_object_is_refused_with_400(client, admin, raw):
    assert_refused(client, admin, None, 400, "malformed", raw=raw)


def test_a_huge_number_is_refused_not_a_crash(client, admin):
    raw = VALID.replace('"reason": "', '"x": ' + "9" * 5000 + ', "reason": "')
    assert_refused(client, admin, None, 400, "malformed", raw=raw)


def test_a_number_too_large_for_a_float_is_refused(client, admin):
    raw = VALID[:-1] + ', "expected_version": 1e400}'
    assert_names(assert_refused(client, admin, None, 422, "invalid_event", raw=raw), "expected_version")


def test_a_body_over_one_megabyte_is_refused_with_413(client, admin):
    body = event(MEETING, "AgendaSet", {"items": ["x" * 10_000] * 120})
    assert_refused(client, admin, body, 413, "request_entity_too_large")


# -- 10. Cells, tokens and roles: who may write where (401, 403, 404, 409, 422) -------

def test_registering_a_cell_twice_is_refused(client, admin):
    before = read_book(client, admin)
    response = client.post("/api/v1/cells", json={"cell_id": CELL, "name": "Chi bộ khác", "committee": "Khác"},
                           headers=admin)
    assert_error(response, 409, "cell_exists")
    assert read_book(client, admin) == before


@pytest.mark.parametrize("cell_id", ["Th-Ky-Tho", "-th", "th ky", "th_ky", "thọ", "a" * 65, "", 42, ["th"], None])
def test_a_bad_cell_id_is_refused(client, tokens, cell_id):
    body = {"name": "Chi bộ", "committee": "Đảng bộ"}
    if cell_id is not None:
        body["cell_id"] = cell_id
    response = client.post("/api/v1/cells", json=body, headers=tokens.admin)
    assert_names(assert_error(response, 422, "invalid_event"), "cell_id")
    if isinstance(cell_id, str) and cell_id and "/" not in cell_id:
        assert client.get(f"/api/v1/cells/{cell_id}/events", headers=tokens.admin).status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"cell_id": "th-moi", "name": "Chi bộ mới"}, "committee"),
    ({"cell_id": "th-moi", "name": "Chi bộ mới", "committee": "Đảng bộ", "colour": "đỏ"}, "colour"),
    ({"cell_id": "th-moi", "name": "x" * 10_001, "committee": "Đảng bộ"}, "name"),
    ({"cell_id": "th-moi", "name": " ", "committee": "Đảng bộ"}, "name"),
])
def test_registering_a_cell_with_bad_data_stores_nothing(client, tokens, body, field):
    response = client.post("/api/v1/cells", json=body, headers=tokens.admin)
    assert_names(assert_error(response, 422, "invalid_event"), "data", field)
    assert_error(client.get("/api/v1/cells/th-moi/events", headers=tokens.admin), 404, "not_found")
    # and the id is still free
    retry = client.post("/api/v1/cells", json={"cell_id": "th-moi", "name": "Chi bộ mới", "committee": "Đảng bộ"},
                        headers=tokens.admin)
    assert retry.status_code == 201, retry.json
    assert len(read_book(client, tokens.admin, "th-moi")) == 1


@pytest.mark.parametrize("raw", ["not json", "[]", '{"cell_id": "th-moi", "name": NaN, "committee": "x"}'])
def test_registering_a_cell_with_a_malformed_body_is_refused_with_400(client, tokens, raw):
    response = client.post("/api/v1/cells", data=raw, headers=tokens.admin, content_type="application/json")
    assert_error(response, 400, "malformed")


def test_an_unknown_cell_is_not_found(client, admin):
    assert_error(client.get("/api/v1/cells/khong-co/events", headers=admin), 404, "not_found")
    assert_error(post(client, admin, commended(), cell="khong-co"), 404, "not_found")
    assert_error(client.get("/api/v1/cells/khong-co/events", headers=admin), 404, "not_found")


@pytest.mark.parametrize("authorization", [
    None, "Bearer not-a-token", "Bearer ", "Basic YWRtaW46cGFzc3dvcmQx", "not-a-token",
])
def test_a_write_without_a_valid_token_is_refused_with_401(client, tokens, admin, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    assert_refused(client, headers, commended(), 401, "unauthorized", reader=tokens.admin)
    assert_error(client.get(EVENTS, headers=headers), 401, "unauthorized")


def test_registering_a_cell_without_a_token_is_refused_with_401(client, tokens):
    response = client.post("/api/v1/cells", json={"cell_id": "th-moi", **CELL_DATA})
    assert_error(response, 401, "unauthorized")
    assert client.get("/api/v1/cells/th-moi/events", headers=tokens.admin).status_code == 404


def test_a_member_may_read_but_not_write(client, tokens, admin):
    assert client.get(EVENTS, headers=tokens.member()).status_code == 200
    assert_refused(client, tokens.member(), commended(), 403, "forbidden", reader=tokens.admin)


def test_a_clerk_of_another_cell_may_neither_write_nor_read(client, tokens, admin):
    other = tokens.clerk(OTHER_CELL)
    assert_refused(client, other, commended(), 403, "forbidden", reader=tokens.admin)
    assert_error(client.get(EVENTS, headers=other), 403, "forbidden")


def test_a_member_of_another_cell_may_not_read(client, tokens, admin):
    assert_error(client.get(EVENTS, headers=tokens.member(OTHER_CELL)), 403, "forbidden")


def test_an_inspector_may_read_but_not_write(client, tokens, admin):
    assert read_book(client, tokens.inspector) == read_book(client, admin)
    assert_refused(client, tokens.inspector, commended(), 403, "forbidden", reader=tokens.admin)


def test_the_clerk_of_the_cell_may_write(client, tokens, admin):
    envelope = accepted(client, tokens.clerk(), commended())
    assert envelope["actor"] == "clerk-th-ky-tho"


@pytest.mark.parametrize("role", ["clerk", "member", "inspector"])
def test_only_an_admin_may_register_a_cell(client, tokens, role):
    headers = {"clerk": tokens.clerk, "member": tokens.member}.get(role, lambda: tokens.inspector)()
    response = client.post("/api/v1/cells", json={"cell_id": "th-moi", **CELL_DATA}, headers=headers)
    assert_error(response, 403, "forbidden")
    assert client.get("/api/v1/cells/th-moi/events", headers=tokens.admin).status_code == 404


def test_the_refusal_checks_come_before_the_body_is_read(client, tokens, admin):
    """A forbidden writer learns nothing about its body: 403, not 400 or 422."""
    assert_refused(client, tokens.member(), None, 403, "forbidden", reader=tokens.admin, raw="not json")
