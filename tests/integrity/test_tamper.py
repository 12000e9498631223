"""Tampering around the application, by SQL with the guard triggers dropped: verify names what and where."""

import base64
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from chibo_events import checkpoints, integrity
from chibo_events import verify as verify_module
from chibo_events.catalogue import check_request
from chibo_events.errors import Conflict
from chibo_events.store import Store
from chibo_events.store.tables import events
from tests.books import CELL, MEETING, book_with_meeting, event
from tests.integrity.tamper import (
    drop_guards,
    envelopes,
    kinds,
    rewrite,
    set_data_field,
    sql,
    swap,
    truncate,
)


def speech(summary: str) -> dict:
    return check_request(event(MEETING, "SpeechGiven", {
        "speaker": {"member_id": "nguyen-thi-hong-van"}, "kind": "opinion", "summary": summary,
    }, occurred_at="2021-04-07T14:30:00+07:00"))


@pytest.fixture
def tampered(signed):
    drop_guards(signed.engine)
    return signed


def verify(store, **options):
    return store.integrity.verify(CELL, **options)


def test_an_untouched_book_verifies_with_every_checkpoint_signed(signed):
    report = verify(signed)
    assert report.ok and report.problems == []
    assert (report.size, report.signed_size, report.first_bad_seq) == (10, 10, None)
    assert report.root == signed.integrity.verifier.verify(signed.integrity.checkpoint(CELL)).root


def test_verify_names_the_event_whose_data_was_edited(tampered):
    set_data_field(tampered.engine, 3, "full_name", "Dương Thị Lệ")
    report = verify(tampered)
    assert ("edited", 3) in kinds(report)
    assert report.first_bad_seq == 3 and not report.ok


@pytest.mark.parametrize("column, value", [
    ("actor", "mallory"),
    ("occurred_at", "2021-01-05T08:00:00+07:00"),
    ("recorded_at", "2021-01-01T00:00:00.000000Z"),
])
def test_verify_names_the_event_whose_envelope_field_was_edited(tampered, column, value):
    sql(tampered.engine, f"UPDATE events SET {column} = :value WHERE book = :book AND seq = 4", value=value)
    report = verify(tampered)
    assert ("edited", 4) in kinds(report)
    assert report.first_bad_seq == 4


def test_verify_names_the_deleted_seq(tampered):
    sql(tampered.engine, "DELETE FROM events WHERE book = :book AND seq = 5")
    report = verify(tampered)
    assert ("missing", 5) in kinds(report)
    assert report.first_bad_seq == 5


def test_verify_names_two_swapped_rows_as_moved(tampered):
    swap(tampered.engine, 7, 9)
    report = verify(tampered)
    assert {("moved", 7), ("moved", 9)} <= kinds(report)
    assert "vốn được ghi ở seq 9" in next(p.message for p in report.problems if p.seq == 7)
    assert report.first_bad_seq == 7


def test_verify_names_a_row_inserted_with_a_good_hash_where_the_tree_has_another(tampered):
    """A forger who shifts later rows and seals his row into the chain still differs from the tree."""
    sql(tampered.engine, "UPDATE events SET seq = seq + 1000 WHERE book = :book AND seq >= 6")
    sql(tampered.engine, "UPDATE events SET seq = seq - 999 WHERE book = :book AND seq >= 1000")
    before = envelopes(tampered.engine)[4]  # seq 5
    forged = integrity.seal({
        **{k: v for k, v in before.items() if k not in ("prev_hash", "hash")},
        "seq": 6, "event_id": str(uuid.uuid4()), "version": 99,
        "data": {**before["data"], "member_id": "nguoi-la", "full_name": "Người Lạ"},
    }, before["hash"])
    with tampered.engine.begin() as conn:
        conn.execute(events.insert(), {**forged, "occurred_utc": "2021-01-04T01:00:00.000000Z"})
    report = verify(tampered)
    assert ("not_in_tree", 6) in kinds(report)
    assert ("edited", 6) not in kinds(report) and ("chain", 6) not in kinds(report)  # the forgery itself is sealed
    assert ("moved", 7) in kinds(report)
    assert report.first_bad_seq == 6


def test_verify_names_a_row_added_at_the_end_as_unsigned_and_outside_the_tree(tampered):
    last = envelopes(tampered.engine)[-1]
    forged = integrity.seal({
        **{k: v for k, v in last.items() if k not in ("prev_hash", "hash")},
        "seq": 11, "event_id": str(uuid.uuid4()), "version": 99,
    }, last["hash"])
    with tampered.engine.begin() as conn:
        conn.execute(events.insert(), {**forged, "occurred_utc": "2021-04-07T07:05:00.000000Z"})
    report = verify(tampered)
    assert {("unsigned", 11), ("not_in_tree", 11)} <= kinds(report)
    assert report.first_bad_seq == 11


def test_verify_names_the_tail_cut_below_the_latest_checkpoint(tampered):
    truncate(tampered.engine, 7)
    report = verify(tampered)
    assert ("truncated", 8) in kinds(report)
    assert report.first_bad_seq == 8 and report.size == 7


def test_a_book_rewritten_consistently_is_caught_only_by_its_checkpoints(tampered):
    changed = envelopes(tampered.engine)
    changed[3]["data"]["full_name"] = "Nguyễn Huy Thơ"  # seq 4, and every hash after it re-sealed
    rewrite(tampered.engine, changed)
    report = verify(tampered)
    assert kinds(report) == {("root_mismatch", 4)}  # chain and tree hold: only the signed roots tell
    assert report.signed_size == 3


def test_a_rewrite_that_keeps_the_old_tree_is_named_by_the_tree_too(tampered):
    changed = envelopes(tampered.engine)
    changed[3]["data"]["full_name"] = "Nguyễn Huy Thơ"
    rewrite(tampered.engine, changed, tree_too=False)
    report = verify(tampered)
    assert ("not_in_tree", 4) in kinds(report) and ("root_mismatch", 4) in kinds(report)
    assert report.first_bad_seq == 4


def test_verify_names_a_checkpoint_with_a_bad_signature(tampered):
    note = tampered.integrity.checkpoint(CELL)
    text_part, _, signature_line = note.rpartition("\n— chibo ")
    forged_signature = signature_line[:10] + ("A" if signature_line[10] != "A" else "B") + signature_line[11:]
    sql(tampered.engine, "UPDATE book_checkpoints SET note = :note WHERE book = :book AND size = 10",
        note=f"{text_part}\n— chibo {forged_signature}")
    report = verify(tampered)
    assert ("bad_signature", 10) in kinds(report)
    assert report.first_bad_seq == 10 and report.signed_size == 9


def test_a_checkpoint_whose_root_was_edited_to_fit_a_rewrite_fails_its_signature(tampered):
    changed = envelopes(tampered.engine)
    changed[9]["data"]["status"] = "absent_unexcused"
    rewrite(tampered.engine, changed)
    forged_root = tampered.integrity.verify(CELL).root
    note = tampered.integrity.checkpoint(CELL).split("\n")
    note[2] = base64.b64encode(forged_root).decode()
    sql(tampered.engine, "UPDATE book_checkpoints SET note = :note WHERE book = :book AND size = 10",
        note="\n".join(note))
    report = verify(tampered)
    assert ("bad_signature", 10) in kinds(report) and report.signed_size == 9


def test_verify_names_an_edited_inner_node_of_the_tree(tampered):
    sql(tampered.engine, "UPDATE merkle_nodes SET hash = :h WHERE book = :book AND level = 2 AND idx = 0",
        h=bytes(32))
    report = verify(tampered)
    assert [p.kind for p in report.problems] == ["tree"]
    assert report.first_bad_seq == 4  # the node covers seq 1–4 and was written with seq 4


def test_a_rollback_with_its_checkpoints_passes_inside_the_database_but_not_against_an_inspectors_copy(tampered):
    """The documented limit: only a checkpoint kept outside the database shows a clean rollback."""
    kept = tampered.integrity.checkpoint(CELL)  # the inspector's copy, size 10
    truncate(tampered.engine, 6, checkpoints_too=True)
    assert verify(tampered).ok
    report = verify(tampered, against=[kept])
    assert ("truncated", 7) in kinds(report) and not report.ok


def test_a_book_forked_after_an_inspectors_checkpoint_fails_against_it(tampered):
    kept = tampered.integrity.checkpoint(CELL)  # size 10
    truncate(tampered.engine, 8, checkpoints_too=True)
    for summary in ("một", "hai", "ba"):  # the server, fooled, signs on from the rolled-back book
        tampered.append(CELL, speech(summary), "thuky")
    assert verify(tampered).ok and verify(tampered).size == 11
    report = verify(tampered, against=[kept])
    assert [p.kind for p in report.problems] == ["fork"]
    assert not report.ok and report.first_bad_seq is None  # a root alone cannot say which seq changed


def test_an_inspectors_older_checkpoint_holds_for_a_book_that_only_grew(signed):
    kept = signed.integrity.checkpoint(CELL)
    signed.append(CELL, speech("thêm"), "thuky")
    assert verify(signed, against=[kept]).ok


def test_an_inspectors_checkpoint_signed_by_another_key_is_refused(signed):
    other = checkpoints.load_signer(checkpoints.new_private_key())
    forged = other.sign(f"chibo/{CELL}", 10, verify(signed).root)
    report = verify(signed, against=[forged])
    assert [p.kind for p in report.problems] == ["unknown_key"]


class TestNoSigningAfterTampering:
    """An append must not sign over a book its latest checkpoint does not vouch for."""

    def test_an_append_after_a_consistent_rewrite_is_refused_and_stores_nothing(self, tampered):
        changed = envelopes(tampered.engine)
        changed[2]["data"]["full_name"] = "Ai Đó"
        rewrite(tampered.engine, changed)
        with pytest.raises(Conflict) as refused:
            tampered.append(CELL, speech("sau khi sửa"), "thuky")
        assert refused.value.code == "integrity_broken"
        assert tampered.head(CELL).seq == 10

    def test_an_append_after_the_latest_checkpoint_was_removed_is_refused(self, tampered):
        sql(tampered.engine, "DELETE FROM book_checkpoints WHERE book = :book AND size = 10")
        with pytest.raises(Conflict, match="checkpoint"):
            tampered.append(CELL, speech("x"), "thuky")

    def test_an_append_after_a_forged_latest_checkpoint_is_refused_by_a_fresh_process(self, tampered, database_url,
                                                                                   signer):
        note = tampered.integrity.checkpoint(CELL)
        sql(tampered.engine, "UPDATE book_checkpoints SET note = :note WHERE book = :book AND size = 10",
            note=note.replace("— chibo ", "— chibo A", 1))
        elsewhere = Store.from_url(database_url, signer)  # knows nothing it signed itself
        with pytest.raises(Conflict) as refused:
            elsewhere.append(CELL, speech("x"), "thuky")
        assert refused.value.code == "integrity_broken"
        elsewhere.engine.dispose()

    def test_an_append_after_a_missing_tree_node_is_refused(self, tampered):
        sql(tampered.engine, "DELETE FROM merkle_nodes WHERE book = :book AND level = 1 AND idx = 4")
        with pytest.raises(Conflict, match="cây Merkle"):
            tampered.append(CELL, speech("x"), "thuky")


def test_the_tree_and_checkpoints_are_guarded_like_events(signed):
    for statement in ("UPDATE merkle_nodes SET idx = idx + 1", "DELETE FROM book_checkpoints"):
        with pytest.raises(DBAPIError, match="append-only"), signed.engine.begin() as conn:
            conn.execute(text(statement))
    assert verify(signed).ok


def test_a_store_without_a_key_keeps_the_tree_but_its_events_are_unsigned(database_url):
    store = Store.from_url(database_url)
    store.init_schema()
    book_with_meeting(store)
    report = store.integrity.verify(CELL)
    assert kinds(report) == {("unsigned", 1)}
    assert store.integrity.inclusion(CELL, 3)["size"] == 10
    store.engine.dispose()


def test_many_problems_are_counted_beyond_those_listed(tampered, monkeypatch):
    monkeypatch.setattr(verify_module, "MAX_PROBLEMS", 3)
    sql(tampered.engine, "UPDATE events SET actor = 'mallory' WHERE book = :book")
    report = verify(tampered)
    assert len(report.problems) == 3 and report.unlisted > 0
    assert report.first_bad_seq == 1
