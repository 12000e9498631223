"""The API's shape: pages, filters, and errors that are always the contract's JSON."""

import pytest

from chibo_events.catalogue import NewEvent
from tests.books import CELL, post_book_with_meeting


@pytest.fixture
def book(client, tokens):
    post_book_with_meeting(client, tokens.admin)


def get(client, tokens, query=""):
    return client.get(f"/api/v1/cells/{CELL}/events{query}", headers=tokens.inspector)


def test_pages_end_with_a_null_next_after_seq(client, tokens, book):
    first = get(client, tokens, "?limit=4").json
    assert [e["seq"] for e in first["events"]] == [1, 2, 3, 4] and first["next_after_seq"] == 4
    rest = get(client, tokens, "?after_seq=4&limit=100").json
    assert [e["seq"] for e in rest["events"]] == list(range(5, 11)) and rest["next_after_seq"] is None


def test_filters_by_stream_type_member_and_dates(client, tokens, book):
    assert {e["stream"] for e in get(client, tokens, "?stream=cell").json["events"]} == {"cell"}
    assert len(get(client, tokens, "?type=AttendanceRecorded").json["events"]) == 4
    assert [e["type"] for e in get(client, tokens, "?member=duong-thi-le").json["events"]] == [
        "MemberJoined", "AttendanceRecorded"]
    on_the_day = get(client, tokens, "?from=2021-04-07&to=2021-04-07").json["events"]
    assert {e["type"] for e in on_the_day} == {"MeetingOpened", "AttendanceRecorded"}
    assert get(client, tokens, "?to=2021-04-06").json["events"][-1]["type"] == "MemberJoined"


@pytest.mark.parametrize("query", ["?after_seq=-1", "?after_seq=x", "?limit=0", "?limit=1001", "?limit=²",
                                   "?from=yesterday", "?to=2021-13-01", "?from=0001-01-01", "?to=9999-12-31",
                                   "?from=0001-01-01T00:00:00", "?to=2021-04-07T14:00:00%2B07:00:30",
                                   "?limit=" + "9" * 5000, "?after_seq=" + "1" * 20])
def test_a_bad_query_is_400_in_the_contracts_shape(client, tokens, book, query):
    response = get(client, tokens, query)
    assert response.status_code == 400
    assert response.json["error"] == "malformed" and response.json["message"]


def test_unknown_paths_and_methods_answer_json(client, tokens, book):
    missing = client.get("/api/v1/nothing-here", headers=tokens.admin)
    assert missing.status_code == 404 and missing.json["error"] == "not_found"
    wrong_method = client.delete(f"/api/v1/cells/{CELL}/events", headers=tokens.admin)
    assert wrong_method.status_code == 405 and set(wrong_method.json) == {"error", "message", "details"}


def test_a_body_over_one_mebibyte_is_413_and_stores_nothing(client, tokens, book):
    before = get(client, tokens, "?limit=1000").json
    body = ('{"stream": "cell", "type": "MemberExempted", "data": {"member_id": "duong-thi-le", "reason": "'
            + "x" * (1 << 20) + '"}}')
    response = client.post(f"/api/v1/cells/{CELL}/events", data=body, headers=tokens.admin,
                           content_type="application/json")
    assert response.status_code == 413 and response.json["error"] == "request_entity_too_large"
    assert get(client, tokens, "?limit=1000").json == before


def test_vietnamese_text_is_sent_as_utf8_not_escapes(client, tokens, book):
    raw = get(client, tokens, "?limit=1").get_data()
    assert "Chi bộ Trường Tiểu học Kỳ Thọ".encode() in raw


@pytest.mark.parametrize("query", ["?stream=cell%00", "?type=%00", "?member=duong-thi-le%00", "?stream=" + "c" * 201])
def test_a_filter_the_database_cannot_hold_is_400_not_500(client, tokens, book, query):
    response = get(client, tokens, query)
    assert response.status_code == 400 and response.json["error"] == "malformed"
    assert set(response.json["details"]) == {query[1:].split("=")[0]}


@pytest.mark.parametrize("path", ["/api/v1/cells/th-ky-tho%00/events", "/api/v1/cells/TH KY THO/meetings",
                                  "/api/v1/cells/th-ky-tho/meetings/2021-04-07%00/minutes",
                                  "/api/v1/cells/th-ky-tho/meetings/Họp tháng 4/minutes.docx"])
def test_a_path_that_cannot_name_a_cell_or_meeting_is_404_not_500(client, tokens, book, path):
    response = client.get(path, headers=tokens.admin)
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_an_append_to_a_cell_that_cannot_exist_is_404_and_stores_nothing(client, tokens, book):
    before = get(client, tokens, "?limit=1000").json
    response = client.post("/api/v1/cells/th-ky-tho%00/events", json={"stream": "cell"}, headers=tokens.admin)
    assert response.status_code == 404 and get(client, tokens, "?limit=1000").json == before


def test_a_member_id_that_only_starts_like_a_slug_is_refused(client, tokens, book):
    before = get(client, tokens, "?limit=1000").json
    body = {"stream": "cell", "type": "MemberExemptionEnded", "data": {"member_id": "duong-thi-le <b>x</b>"}}
    response = client.post(f"/api/v1/cells/{CELL}/events", json=body, headers=tokens.admin)
    assert response.status_code == 422 and "member_id" in response.json["details"]["data"]
    assert get(client, tokens, "?limit=1000").json == before


@pytest.mark.parametrize("body, path", [
    ({"name": "Chi bộ mới", "committee": "Đảng bộ xã"}, ["cell_id"]),
    ({"cell_id": "moi", "name": "Chi bộ mới", "committee": "Đảng bộ xã", "extra": 1}, ["data", "extra"]),
    ({"cell_id": "Mới", "name": "Chi bộ mới", "committee": "Đảng bộ xã"}, ["cell_id"]),
    ({"cell_id": "moi", "name": "Chi bộ mới"}, ["data", "committee"]),
])
def test_a_new_cell_is_checked_against_its_described_schema(client, tokens, book, body, path):
    response = client.post("/api/v1/cells", json=body, headers=tokens.admin)
    assert response.status_code == 422
    details = response.json["details"]
    for key in path:
        details = details[key]
    assert details
    assert client.get("/api/v1/cells/moi/events", headers=tokens.admin).status_code == 404


def test_text_with_control_characters_is_refused_and_stores_nothing(client, tokens, book):
    before = get(client, tokens, "?limit=1000").json
    body = {"stream": "meeting:2021-04-07", "type": "GuestAttended", "occurred_at": "2021-04-07T15:00:00+07:00",
            "data": {"name": "Dương\x19Đình Hới", "title": "Bí thư"}}
    response = client.post(f"/api/v1/cells/{CELL}/events", json=body, headers=tokens.admin)
    assert response.status_code == 422 and "name" in response.json["details"]["data"]
    assert get(client, tokens, "?limit=1000").json == before


def test_minutes_recorded_with_control_characters_before_they_were_refused_still_download(app, client, tokens, book):
    store = app.extensions["chibo_store"]  # straight to the store: the old catalogue let this through
    old_text = {"name": "Dương\x19Đình Hới", "title": "Bí\x0bthư"}
    store.append(CELL, NewEvent("meeting:2021-04-07", "GuestAttended", old_text, "2021-04-07T15:00:00+07:00"), "admin")
    response = client.get(f"/api/v1/cells/{CELL}/meetings/2021-04-07/minutes.docx", headers=tokens.admin)
    assert response.status_code == 200 and response.mimetype.endswith("wordprocessingml.document")
