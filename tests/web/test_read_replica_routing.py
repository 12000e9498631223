"""The app with a read replica (READ_DATABASE_URL): the inspectors' reads come from it, appends never do.

The replica is a copy of the primary's SQLite file made with SQLite's backup API and opened read-only, so it
really lags until it is copied again (tests/store/test_read_replica.py says more; PostgreSQL's streaming
standby is in tests/reliability/test_failover.py). Each answer says where it was read (X-Chibo-Read-From).
"""

import sqlite3

import pytest
from werkzeug.security import generate_password_hash

from chibo_events import create_app
from tests.books import CELL, MEETING, book_with_meeting, event
from tests.engines import only_sqlite

pytestmark = only_sqlite
READ_FROM = "X-Chibo-Read-From"


@pytest.fixture
def served(database_url, tmp_path):
    """The app on the primary with a replica, a clerk's and an inspector's tokens, and ship() to copy it now."""
    primary_file = database_url.removeprefix("sqlite:///")
    replica_file = tmp_path / "replica.sqlite3"
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": database_url,
                      "READ_DATABASE_URL": f"sqlite:///file:{replica_file}?mode=ro&uri=true", "SECRET_KEY": "test",
                      "RATELIMIT_ENABLED": False})
    store = app.extensions["chibo_store"]
    store.init_schema()
    book_with_meeting(store)
    store.accounts.add("thuky", generate_password_hash("password1"), "clerk", [CELL])
    store.accounts.add("thanhtra", generate_password_hash("password1"), "inspector")
    clerk = {"Authorization": f"Bearer {store.accounts.issue_token('thuky')}"}
    inspector = {"Authorization": f"Bearer {store.accounts.issue_token('thanhtra')}"}

    def ship() -> None:
        with sqlite3.connect(primary_file) as source, sqlite3.connect(replica_file) as target:
            source.backup(target)
        store.replica.engine.dispose()

    ship()
    yield app.test_client(), clerk, inspector, ship
    store.dispose()


def speech(summary: str) -> dict:
    return event(MEETING, "SpeechGiven", {"speaker": {"member_id": "nguyen-thi-hong-van"}, "kind": "opinion",
                                          "summary": summary}, occurred_at="2021-04-07T14:30:00+07:00")


def test_an_inspectors_reads_come_from_the_replica_while_its_head_is_the_primarys(served):
    client, _clerk, inspector, _ship = served
    for path in (f"/api/v1/cells/{CELL}/events", f"/api/v1/cells/{CELL}/meetings/2021-04-07/minutes",
                 f"/api/v1/cells/{CELL}/members", f"/api/v1/cells/{CELL}/verify", f"/api/v1/cells/{CELL}/checkpoint"):
        answer = client.get(path, headers=inspector)
        assert (answer.status_code, answer.headers[READ_FROM]) == (200, "replica"), path


def test_an_append_goes_to_the_primary_and_the_next_read_includes_it_before_the_replica_has_it(served):
    client, clerk, inspector, ship = served
    appended = client.post(f"/api/v1/cells/{CELL}/events", json=speech("Ý kiến vừa ghi"), headers=clerk)
    assert appended.status_code == 201
    assert READ_FROM not in appended.headers  # an append reads nothing from a replica

    listed = client.get(f"/api/v1/cells/{CELL}/events?after_seq={appended.json['seq'] - 1}", headers=clerk)
    assert listed.headers[READ_FROM] == "primary"
    assert [e["event_id"] for e in listed.json["events"]] == [appended.json["event_id"]]
    minutes = client.get(f"/api/v1/cells/{CELL}/meetings/2021-04-07/minutes", headers=inspector)
    assert (minutes.headers[READ_FROM], minutes.json["evidence"]["size"]) == ("primary", appended.json["seq"])

    ship()
    minutes = client.get(f"/api/v1/cells/{CELL}/meetings/2021-04-07/minutes", headers=inspector)
    assert (minutes.headers[READ_FROM], minutes.json["evidence"]["size"]) == ("replica", appended.json["seq"])


def test_the_committee_overview_reads_the_replica_as_it_stands(served):
    client, clerk, inspector, _ship = served
    appended = client.post(f"/api/v1/cells/{CELL}/events", json=speech("Chưa sang bản sao"), headers=clerk)
    assert appended.status_code == 201
    listed = client.get("/api/v1/committees", headers=inspector)
    assert (listed.status_code, listed.headers[READ_FROM]) == (200, "replica")
    found = client.get("/api/v1/search?q=chua+sang+ban+sao", headers=inspector)
    assert (found.status_code, found.headers[READ_FROM], found.json["results"]) == (200, "replica", [])
