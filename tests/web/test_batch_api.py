"""POST /api/v1/cells/<cell>/events/batch: several events, all stored or none, the refused one named by its index."""

import uuid

import pytest

from tests.books import CELL, MEETING, event, post_book_with_meeting

BATCH = f"/api/v1/cells/{CELL}/events/batch"


@pytest.fixture
def book(client, tokens):
    post_book_with_meeting(client, tokens.admin)


def commended(member_id: str, **extra) -> dict:
    return event(MEETING, "MemberCommended", {"member_id": member_id, "reason": "Nhiều sáng kiến"},
                 occurred_at="2021-04-07T15:00:00+07:00", **extra)


def head(client, tokens) -> list[int]:
    return [e["seq"] for e in client.get(f"/api/v1/cells/{CELL}/events?limit=1000", headers=tokens.inspector).json[
        "events"]]


def test_a_batch_answers_201_with_every_envelope_in_order(client, tokens, book):
    response = client.post(BATCH, json={"events": [commended("duong-thi-le"), commended("nguyen-huy-tho")]},
                           headers=tokens.clerk())
    assert response.status_code == 201
    stored = response.json["events"]
    assert [(e["seq"], e["data"]["member_id"]) for e in stored] == [(11, "duong-thi-le"), (12, "nguyen-huy-tho")]
    assert head(client, tokens)[-2:] == [11, 12]


def test_a_batch_sent_again_answers_200_and_stores_nothing(client, tokens, book):
    body = {"events": [commended("duong-thi-le", event_id=str(uuid.uuid4()))]}
    first = client.post(BATCH, json=body, headers=tokens.clerk())
    again = client.post(BATCH, json=body, headers=tokens.clerk())
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json == first.json
    assert head(client, tokens)[-1] == 11


@pytest.mark.parametrize(("events", "index", "code"), [
    ([commended("duong-thi-le"), commended("khong-co-ai")], 1, "rule_broken"),
    ([commended("duong-thi-le"), commended("nguyen-huy-tho"), {"stream": MEETING, "type": "Khong"}], 2,
     "invalid_event"),
    ([commended("duong-thi-le"), event(MEETING, "NoSuchType", {})], 1, "unknown_type"),
    ([event("cell", "MemberCommended", {"member_id": "duong-thi-le", "reason": "x"})], 0, "wrong_stream"),
])
def test_one_refused_event_stores_none_and_is_named_by_its_index(client, tokens, book, events, index, code):
    before = head(client, tokens)
    response = client.post(BATCH, json={"events": events}, headers=tokens.clerk())
    assert response.status_code == 422
    assert response.json["error"] == code and response.json["details"]["index"] == index
    assert response.json["message"].startswith(f"Mục {index + 1} của lô")
    assert head(client, tokens) == before


@pytest.mark.parametrize("body", [{"events": []}, {"events": "x"}, {}, {"events": [1]},
                                  {"events": [commended("duong-thi-le")], "more": 1},
                                  {"events": [commended("duong-thi-le")] * 1001}])
def test_a_batch_that_is_no_list_of_one_to_a_thousand_events_is_422(client, tokens, book, body):
    before = head(client, tokens)
    response = client.post(BATCH, json=body, headers=tokens.clerk())
    assert response.status_code == 422 and response.json["error"] == "invalid_event"
    assert head(client, tokens) == before


def test_a_stale_expected_version_in_a_batch_is_409_naming_it(client, tokens, book):
    before = head(client, tokens)
    events = [commended("duong-thi-le"), commended("nguyen-huy-tho", expected_version=1)]
    response = client.post(BATCH, json={"events": events}, headers=tokens.clerk())
    assert response.status_code == 409 and response.json["error"] == "version_conflict"
    assert response.json["details"]["index"] == 1
    assert head(client, tokens) == before
