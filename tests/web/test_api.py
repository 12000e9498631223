"""The API's shape: pages, filters, and errors that are always the contract's JSON."""

import pytest

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
    body = '{"stream": "cell", "type": "MemberExempted", "data": {"member_id": "duong-thi-le", "reason": "' + "x" * (1 << 20) + '"}}'
    response = client.post(f"/api/v1/cells/{CELL}/events", data=body, headers=tokens.admin,
                           content_type="application/json")
    assert response.status_code == 413 and response.json["error"] == "request_entity_too_large"
    assert get(client, tokens, "?limit=1000").json == before


def test_vietnamese_text_is_sent_as_utf8_not_escapes(client, tokens, book):
    raw = get(client, tokens, "?limit=1").get_data()
    assert "Chi bộ Trường Tiểu học Kỳ Thọ".encode() in raw
