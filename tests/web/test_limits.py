"""Limits of the API: body size, a rate limit per token, bounded pages."""

import os

import pytest

from chibo_events import create_app
from tests.books import CELL, snapshot

SPEECH = {"stream": "meeting:2021-04-07", "type": "SpeechGiven", "occurred_at": "2021-04-07T15:00:00+07:00",
          "data": {"speaker": {"member_id": "duong-thi-le"}, "kind": "opinion", "summary": "Ý kiến"}}
EVENTS = f"/api/v1/cells/{CELL}/events"


@pytest.fixture
def three_per_minute(app):
    app.config["CHIBO_API_RATE_LIMIT"] = "3 per minute"


def test_the_default_limit_is_generous_and_the_environment_can_change_it(app, tmp_path, monkeypatch):
    assert app.config["CHIBO_API_RATE_LIMIT"] == os.environ.get("CHIBO_API_RATE_LIMIT", "600 per minute")
    monkeypatch.setenv("CHIBO_API_RATE_LIMIT", "5 per second")
    other = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "other"),
                        "DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}", "SECRET_KEY": "test"})
    assert other.config["CHIBO_API_RATE_LIMIT"] == "5 per second"
    other.extensions["chibo_store"].engine.dispose()


def test_a_token_over_its_limit_gets_a_429_in_the_contracts_shape_and_stores_nothing(
        client, tokens, two_books, three_per_minute):
    clerk = tokens.clerk(CELL)
    for _ in range(3):
        assert client.post(EVENTS, json=SPEECH, headers=clerk).status_code == 201
    before = snapshot(two_books)
    response = client.post(EVENTS, json=SPEECH, headers=clerk)
    assert response.status_code == 429
    assert set(response.json) == {"error", "message", "details"} and response.json["error"] == "too_many_requests"
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert snapshot(two_books) == before


def test_the_budget_is_shared_by_every_endpoint_of_the_api(client, tokens, two_books, three_per_minute):
    inspector = tokens.inspector
    for path in ("/events", "/verify", "/meetings"):
        assert client.get(f"/api/v1/cells/{CELL}{path}", headers=inspector).status_code == 200
    assert client.get(f"/api/v1/cells/{CELL}/members", headers=inspector).status_code == 429


def test_another_token_is_not_affected(client, tokens, two_books, three_per_minute):
    spent = tokens.admin
    for _ in range(4):
        client.get(EVENTS, headers=spent)
    assert client.get(EVENTS, headers=spent).status_code == 429
    assert client.get(EVENTS, headers=tokens.admin).status_code == 200
    assert client.post(EVENTS, json=SPEECH, headers=tokens.clerk(CELL)).status_code == 201


def test_guessed_tokens_count_against_the_address_not_a_fresh_budget_each(client, two_books, three_per_minute):
    answers = [client.get(EVENTS, headers={"Authorization": f"Bearer guess-{n}"}).status_code for n in range(5)]
    assert answers == [401, 401, 401, 429, 429]


def test_a_body_over_one_mebibyte_is_413_in_the_contracts_shape_and_stores_nothing(client, tokens, two_books):
    before = snapshot(two_books)
    body = {**SPEECH, "data": {**SPEECH["data"], "summary": "x" * (1 << 20)}}
    response = client.post(EVENTS, json=body, headers=tokens.admin)
    assert response.status_code == 413 and set(response.json) == {"error", "message", "details"}
    assert snapshot(two_books) == before


@pytest.mark.parametrize("limit, status", [("1000", 200), ("1001", 400)])
def test_a_page_holds_at_most_a_thousand_events(client, tokens, two_books, limit, status):
    assert client.get(f"{EVENTS}?limit={limit}", headers=tokens.admin).status_code == status
