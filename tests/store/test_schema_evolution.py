"""A made-up schema 2 of MemberCommended: old events are folded in the new shape, their bytes and proofs untouched."""


from chibo_events import answers
from chibo_events.catalogue import check_request
from chibo_events.upcasting import registered
from projections import records
from tests.books import CELL, MEETING, event


def with_source(data: dict) -> dict:
    """Schema 2 says where a commendation was given; every one recorded before was given at a meeting."""
    return {**data, "source": "meeting"}


def test_an_old_event_is_folded_in_the_new_shape_while_its_hash_and_proofs_stay(signed):
    store = signed
    commended, _ = store.append(CELL, check_request(event(MEETING, "MemberCommended", {
        "member_id": "duong-thi-le", "reason": "Nhiều sáng kiến"}, occurred_at="2021-04-07T15:00:00+07:00")), "thuky")
    proof_before = store.integrity.inclusion(CELL, commended["seq"])
    report_before = store.integrity.verify(CELL)

    with registered("MemberCommended", 1, with_source):
        store.read_models.rebuild(store.book_names())
        folded = store.read_models.docs(CELL, records.NAME, ["duong-thi-le"])["duong-thi-le"]
        as_of = answers._fold(store, CELL, commended["recorded_at"], [records.NAME]).docs[records.NAME]
        stored = store.page(CELL, after_seq=commended["seq"] - 1, limit=1)[0]
        proof_after = store.integrity.inclusion(CELL, commended["seq"])
        report_after = store.integrity.verify(CELL)

    kept = [f for f in folded["facts"] if f["seq"] == commended["seq"]][0]
    replayed = [f for f in as_of["duong-thi-le"]["facts"] if f["seq"] == commended["seq"]][0]
    assert kept["data"] == replayed["data"] == {"member_id": "duong-thi-le", "reason": "Nhiều sáng kiến",
                                                "source": "meeting"}
    assert stored == commended and stored["schema"] == 1 and "source" not in stored["data"]
    assert proof_after == proof_before
    assert report_after.ok and (report_after.size, report_after.root) == (report_before.size, report_before.root)
