"""What people read comes from read models and derived columns; verify checks them against the events.

Before, an UPDATE of read_docs put "TAMPERED" into the minutes page, their JSON and the Word file while
/verify said ok, and an UPDATE of events.members or events.occurred_utc hid events from the member and
date filters: the hashes cover neither.
"""

import json

import pytest

from chibo_events import answers
from chibo_events.catalogue import check_request
from tests.books import CELL, MEETING, event
from tests.integrity.tamper import drop_guards, sql


@pytest.fixture
def read(signed):
    """The signed test book with a commendation, its read models caught up (the minutes were read)."""
    signed.append(CELL, check_request(event(MEETING, "MemberCommended", {
        "member_id": "duong-thi-le", "reason": "Nhiều sáng kiến"}, occurred_at="2021-04-07T15:00:00+07:00")), "thuky")
    assert answers.meeting_minutes(signed, CELL, "2021-04-07")["commendations"]
    drop_guards(signed.engine)
    return signed


def kinds(report) -> set:
    return {(p.kind, p.seq, p.projection, p.key) for p in report.problems}


def test_an_intact_book_and_its_read_models_verify(read):
    assert read.verify(CELL).ok


def test_an_edited_minutes_document_is_named_by_projection_and_key(read):
    with read.engine.connect() as conn:
        doc = conn.exec_driver_sql(
            "SELECT doc FROM read_docs WHERE projection = 'minutes' AND book = 'th-ky-tho'").scalar_one()
    doc = json.loads(doc) if isinstance(doc, str) else doc
    doc["facts"][-1]["data"]["reason"] = "TAMPERED"
    sql(read.engine, "UPDATE read_docs SET doc = :doc WHERE projection = 'minutes' AND book = :book",
        doc=json.dumps(doc, ensure_ascii=False))
    assert "TAMPERED" in json.dumps(answers.meeting_minutes(read, CELL, "2021-04-07"), ensure_ascii=False)
    report = read.verify(CELL)
    assert ("read_model", None, "minutes", "2021-04-07") in kinds(report)
    assert read.integrity.verify(CELL).ok  # the events themselves are intact: only what was derived is not


def test_a_deleted_and_an_invented_document_are_both_named(read):
    sql(read.engine, "DELETE FROM read_docs WHERE projection = 'records' AND book = :book AND key = 'duong-thi-le'")
    sql(read.engine, "INSERT INTO read_docs (projection, generation, book, key, summary, doc) "
                     "SELECT projection, generation, book, 'ai-do', summary, doc FROM read_docs "
                     "WHERE projection = 'members' AND book = :book AND key = 'nguyen-huy-tho'")
    found = kinds(read.verify(CELL))
    assert ("read_model", None, "records", "duong-thi-le") in found
    assert ("read_model", None, "members", "ai-do") in found


@pytest.mark.parametrize(("column", "value"), [("members", " nguyen-huy-tho "), ("members", None),
                                               ("occurred_utc", "2030-01-01T00:00:00.000000Z")])
def test_an_edited_derived_column_is_named_by_its_seq(read, column, value):
    seq = read.head(CELL).seq
    sql(read.engine, f"UPDATE events SET {column} = :value WHERE book = :book AND seq = :seq", value=value, seq=seq)
    report = read.verify(CELL)
    assert ("derived", seq, None, None) in kinds(report) and report.first_bad_seq == seq


def test_the_api_and_the_command_line_report_them_too(app, client, tokens, runner):
    from tests.books import post_book_with_meeting

    post_book_with_meeting(client, tokens.admin)
    store = app.extensions["chibo_store"]
    client.get(f"/api/v1/cells/{CELL}/meetings/2021-04-07/minutes", headers=tokens.inspector)
    drop_guards(store.engine)
    sql(store.engine, "UPDATE events SET members = NULL WHERE book = :book AND seq = 2")
    answer = client.get(f"/api/v1/cells/{CELL}/verify", headers=tokens.inspector).json
    assert not answer["ok"] and {"kind": "derived", "seq": 2} .items() <= answer["problems"][0].items()
    result = runner.invoke(args=["chibo", "verify", "--cell", CELL])
    assert result.exit_code == 1 and "[derived]" in result.output


def test_the_audit_page_s_quick_look_is_made_once_per_size_of_the_book(read, monkeypatch):
    calls = []
    checked = read.verify
    monkeypatch.setattr(read, "verify", lambda book, **options: calls.append(options) or checked(book, **options))
    first = read.quick_verify(CELL)
    assert read.quick_verify(CELL) is first and len(calls) == 1
    read.append(CELL, check_request(event(MEETING, "MemberCommended", {
        "member_id": "nguyen-huy-tho", "reason": "Tốt"}, occurred_at="2021-04-07T15:10:00+07:00")), "thuky")
    assert read.quick_verify(CELL).size == first.size + 1 and len(calls) == 2
    assert calls == [{"sampled": True}, {"sampled": True}]
