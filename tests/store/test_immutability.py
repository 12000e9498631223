"""The database itself refuses to change or remove a stored event, whatever the application does."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from chibo_events.catalogue import check_request
from tests.books import CELL, book_with_meeting, event
from tests.engines import only_postgres, only_sqlite

ATTEMPTS = {
    "update of data": "UPDATE events SET data = '{}' WHERE book = 'th-ky-tho' AND seq = 2",
    "update of actor": "UPDATE events SET actor = 'mallory' WHERE book = 'th-ky-tho'",
    "delete of one event": "DELETE FROM events WHERE book = 'th-ky-tho' AND seq = 3",
    "delete of the book": "DELETE FROM events",
}


def rows(store) -> list:
    with store.engine.connect() as conn:
        return list(conn.execute(text("SELECT * FROM events ORDER BY book, seq")))


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=list(ATTEMPTS))
def test_raw_sql_cannot_change_or_delete_events(store, attempt):
    book_with_meeting(store)
    before = rows(store)
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text(ATTEMPTS[attempt]))
    assert rows(store) == before


@only_postgres
def test_raw_sql_cannot_truncate_events_on_postgresql(store):
    book_with_meeting(store)
    before = rows(store)
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text("TRUNCATE events CASCADE"))
    assert rows(store) == before


def test_new_events_can_still_be_inserted_after_a_refusal(store):
    book_with_meeting(store)
    with pytest.raises(DBAPIError), store.engine.begin() as conn:
        conn.execute(text(ATTEMPTS["delete of one event"]))
    envelope, _ = store.append(CELL, check_request(event("cell", "MemberExempted", {
        "member_id": "duong-thi-le", "reason": "Sức khỏe"})), "admin")
    assert envelope["seq"] == 11


def test_init_db_is_idempotent_and_keeps_the_guards(store):
    book_with_meeting(store)
    store.init_schema()
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text(ATTEMPTS["delete of the book"]))
    assert len(rows(store)) == 10


@only_sqlite
def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(store):
    with store.engine.connect() as conn:
        settings = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                    for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    assert settings == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 30000}
