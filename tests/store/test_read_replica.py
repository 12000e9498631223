"""Reads that may lag go to a read replica (CHIBO_READ_DATABASE_URL); appends and their answers never do.

The replica here is a real one that lags: a copy of the primary's SQLite file made with SQLite's backup API at
a moment and opened read-only, as a file-shipping replica is. (The streaming replica of PostgreSQL is in
tests/reliability/test_failover.py.) A read of one book goes to the replica only while the replica's head of
that book is the primary's (same seq and hash); a read across books takes the replica as it stands, or the
primary while the replica does not answer; every write goes to the primary.
"""

import sqlite3

import pytest

from chibo_events import answers
from chibo_events.catalogue import check_request
from chibo_events.store import Replica, Store
from tests.books import CELL, CELL_DATA, MEETING, OTHER, book_with_meeting, event
from tests.engines import only_sqlite

pytestmark = only_sqlite


def speech(summary: str) -> dict:
    return event(MEETING, "SpeechGiven", {"speaker": {"member_id": "nguyen-thi-hong-van"}, "kind": "opinion",
                                          "summary": summary}, occurred_at="2021-04-07T14:30:00+07:00")


@pytest.fixture
def pair(store, tmp_path):
    """The primary store, a function that copies it to the replica's file now, and the store reading both."""
    primary_file = store.engine.url.database
    replica_file = tmp_path / "replica.sqlite3"

    def ship() -> None:
        with sqlite3.connect(primary_file) as source, sqlite3.connect(replica_file) as target:
            source.backup(target)
        routed.replica.engine.dispose()  # a new copy: no pooled connection may hold the old file's pages

    book_with_meeting(store)
    ship_url = f"sqlite:///file:{replica_file}?mode=ro&uri=true"
    routed = Store(store.engine, reader=Store.from_url(ship_url).engine)
    ship()
    yield routed, ship
    routed.dispose()


def append(store: Store, summary: str) -> dict:
    return store.append(CELL, check_request(speech(summary)), "thuky")[0]


def test_a_book_read_goes_to_the_replica_while_its_head_is_the_primarys(pair):
    routed, _ship = pair
    assert isinstance(routed.for_reading(CELL), Replica)
    assert routed.for_reading(CELL).head(CELL) == routed.head(CELL)


def test_a_book_read_goes_to_the_primary_once_the_replica_is_behind_and_back_once_it_caught_up(pair):
    routed, ship = pair
    stored = append(routed, "Ý kiến mới, chưa sang bản sao")
    assert routed.replica.head(CELL).seq == stored["seq"] - 1  # the replica really lags

    reader = routed.for_reading(CELL)
    assert reader is routed
    assert reader.page(CELL, after_seq=stored["seq"] - 1)[0]["event_id"] == stored["event_id"]
    minutes = answers.meeting_minutes(reader, CELL, "2021-04-07")
    assert minutes["evidence"]["size"] == stored["seq"]

    ship()
    assert isinstance(routed.for_reading(CELL), Replica)
    minutes = answers.meeting_minutes(routed.for_reading(CELL), CELL, "2021-04-07")
    assert minutes["evidence"]["size"] == stored["seq"]


def test_a_read_across_books_takes_the_replica_as_it_stands(pair):
    routed, ship = pair
    routed.register_book(OTHER, CELL_DATA, "admin")
    assert OTHER in routed.book_names()
    assert OTHER not in routed.for_reading().book_names()
    ship()
    assert OTHER in routed.for_reading().book_names()


def test_writes_through_the_replica_go_to_the_primary_and_the_replica_file_is_never_written(pair, tmp_path):
    routed, ship = pair
    replica = routed.replica
    shipped = (tmp_path / "replica.sqlite3").read_bytes()

    stored = append(replica, "Ghi qua bản sao")
    assert routed.head(CELL).seq == stored["seq"]
    assert replica.head(CELL).seq == stored["seq"] - 1
    # the search index is caught up on the primary: the replica finds the words once it is shipped again
    assert replica.search.search([CELL], ["ghi", "qua", "ban"]) == []
    assert [found.seq for found in routed.search.search([CELL], ["ghi", "qua", "ban"])] == [stored["seq"]]
    assert (tmp_path / "replica.sqlite3").read_bytes() == shipped
    ship()
    assert [found.seq for found in replica.search.search([CELL], ["ghi", "qua", "ban"])] == [stored["seq"]]
    with pytest.raises(TypeError):
        replica.init_schema()


def test_documents_behind_the_replicas_events_are_folded_in_memory_to_what_the_primary_answers(pair):
    routed, ship = pair
    append(routed, "Ý kiến thứ nhất")
    ship()  # the events are on the replica, the documents they make are not: nobody caught them up yet
    behind = routed.replica
    assert isinstance(routed.for_reading(CELL), Replica)
    assert answers.meeting_minutes(behind, CELL, "2021-04-07") == answers.meeting_minutes(routed, CELL, "2021-04-07")
    assert answers.meetings(behind, CELL) == answers.meetings(routed, CELL)
    assert answers.member_statuses(behind, CELL) == answers.member_statuses(routed, CELL)


def test_an_unknown_book_is_the_primarys_to_answer(pair):
    routed, _ship = pair
    assert routed.for_reading("khong-co") is routed


def test_without_a_replica_every_read_is_the_primarys(store):
    assert store.replica is None
    assert store.for_reading(CELL) is store and store.for_reading() is store


def diverged(routed: Store, ship, tmp_path, summary: str) -> None:
    """Make the replica a copy that took another event at the primary's next seq: a standby left on another
    timeline by a failover (it got a commit the promoted one never did, and the client's retry went there)."""
    ship()
    other = Store.from_url(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    with sqlite3.connect(routed.engine.url.database) as source, sqlite3.connect(tmp_path / "other.sqlite3") as copy:
        source.backup(copy)
    append(other, summary)
    other.dispose()
    with sqlite3.connect(tmp_path / "other.sqlite3") as source, sqlite3.connect(tmp_path / "replica.sqlite3") as copy:
        source.backup(copy)
    routed.replica.engine.dispose()


def test_a_replica_on_another_timeline_at_the_same_seq_is_not_read(pair, tmp_path):
    routed, ship = pair
    diverged(routed, ship, tmp_path, "Chỉ có trên dòng thời gian cũ")
    stored = append(routed, "Ý kiến trên máy chủ chính")
    assert routed.replica.head(CELL).seq == stored["seq"]  # the same size, another history

    assert routed.for_reading(CELL) is routed
    assert routed.for_reading(CELL).page(CELL, after_seq=stored["seq"] - 1)[0]["event_id"] == stored["event_id"]


def test_a_replica_ahead_of_the_primary_is_not_read_either(pair, tmp_path):
    routed, ship = pair
    diverged(routed, ship, tmp_path, "Chỉ có trên dòng thời gian cũ")
    assert routed.replica.head(CELL).seq == routed.head(CELL).seq + 1
    assert routed.for_reading(CELL) is routed


def test_reads_across_books_go_to_the_primary_while_the_replica_does_not_answer(store, tmp_path):
    book_with_meeting(store)
    nowhere = f"sqlite:///file:{tmp_path / 'missing.sqlite3'}?mode=ro&uri=true"  # a read-only file that is not there
    routed = Store(store.engine, reader=Store.from_url(nowhere).engine)
    assert routed.for_reading() is routed
    assert routed.for_reading(CELL) is routed
    assert routed.for_reading().book_names() == [CELL]
