"""Batches: several events stored in one transaction under the book's lock, all of them or none (both engines)."""

import uuid

import pytest

from chibo_events.catalogue import check_request
from chibo_events.errors import Invalid, RuleBroken
from tests.books import CELL, MEETING, event, joined

COMMENDED_AT = "2021-04-07T15:00:00+07:00"


def commended(member_id: str, reason: str = "Nhiều sáng kiến", **extra) -> dict:
    return event(MEETING, "MemberCommended", {"member_id": member_id, "reason": reason},
                 occurred_at=COMMENDED_AT, **extra)


def batch(store, *bodies, actor="thuky"):
    return store.append_batch(CELL, [check_request(body) for body in bodies], actor)


def test_a_batch_stores_its_events_in_order_with_gapless_seqs(signed):
    head = signed.head(CELL)
    stored = batch(signed, commended("duong-thi-le"), commended("nguyen-huy-tho"))
    assert [(e["seq"], e["data"]["member_id"], created) for e, created in stored] == [
        (head.seq + 1, "duong-thi-le", True), (head.seq + 2, "nguyen-huy-tho", True)]
    assert signed.page(CELL, after_seq=head.seq) == [e for e, _ in stored]
    assert signed.integrity.verify(CELL).ok


def test_each_event_of_a_batch_is_checked_against_what_the_earlier_ones_leave(signed):
    newcomer = joined("tran-van-moi", "Trần Văn Mới", joined_on="2021-03-01")
    stored = batch(signed, newcomer, commended("tran-van-moi"))
    assert [e["type"] for e, _ in stored] == ["MemberJoined", "MemberCommended"]


def test_a_batch_with_one_refused_event_stores_none_and_names_it(signed):
    head = signed.head(CELL)
    with pytest.raises(RuleBroken) as refused:
        batch(signed, commended("duong-thi-le"), commended("nguyen-huy-tho"), commended("khong-co-ai"))
    assert refused.value.details["index"] == 2
    assert refused.value.details["data"]["member_id"]
    assert "Mục 3 của lô" in refused.value.message
    assert signed.head(CELL) == head
    assert signed.integrity.verify(CELL).ok


def test_after_a_refused_batch_the_book_goes_on_from_what_was_stored(signed):
    """The rule state that saw the refused batch's first events must not outlive its rollback."""
    newcomer = joined("tran-van-moi", "Trần Văn Mới", joined_on="2021-03-01")
    with pytest.raises(RuleBroken):
        batch(signed, newcomer, commended("khong-co-ai"))
    with pytest.raises(RuleBroken) as refused:  # the newcomer was never stored
        batch(signed, commended("tran-van-moi"))
    assert refused.value.details["index"] == 0
    stored = batch(signed, commended("duong-thi-le"))
    assert stored[0][0]["seq"] == signed.head(CELL).seq
    assert signed.integrity.verify(CELL).ok


def test_a_batch_sent_again_stores_nothing_twice(signed):
    bodies = [commended("duong-thi-le", event_id=str(uuid.uuid4())),
              commended("nguyen-huy-tho", event_id=str(uuid.uuid4()))]
    first = batch(signed, *bodies)
    head = signed.head(CELL)
    again = batch(signed, *bodies)
    assert [e for e, _ in again] == [e for e, _ in first]
    assert [created for _, created in again] == [False, False]
    assert signed.head(CELL) == head


def test_a_batch_may_mix_events_stored_before_with_new_ones(signed):
    known = commended("duong-thi-le", event_id=str(uuid.uuid4()))
    (first, _), = batch(signed, known)
    stored = batch(signed, known, commended("nguyen-huy-tho"))
    assert [(e["seq"], created) for e, created in stored] == [(first["seq"], False), (first["seq"] + 1, True)]


def test_an_event_id_reused_for_other_content_refuses_the_whole_batch(signed):
    event_id = str(uuid.uuid4())
    batch(signed, commended("duong-thi-le", event_id=event_id))
    head = signed.head(CELL)
    with pytest.raises(Exception) as refused:
        batch(signed, commended("nguyen-huy-tho"), commended("duong-thi-le", "Khác", event_id=event_id))
    assert refused.value.code == "event_id_reused" and refused.value.details["index"] == 1
    assert signed.head(CELL) == head


def test_a_refusal_of_a_batch_keeps_its_class_and_status(signed):
    with pytest.raises(RuleBroken) as refused:
        batch(signed, commended("khong-co-ai"))
    assert refused.value.status == 422 and refused.value.code == "rule_broken"
    assert not isinstance(refused.value, Invalid)
