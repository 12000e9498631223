"""Upcasting, pure: an envelope of an older schema is read in the newest shape, step by step."""

import pytest

from chibo_events.upcasting import latest_schema, registered, upcast

OLD = {"book": "th-ky-tho", "seq": 7, "type": "MemberCommended", "schema": 1, "hash": "ab" * 32,
       "data": {"member_id": "duong-thi-le", "reason": "Nhiều sáng kiến"}}


def test_an_event_of_the_newest_schema_is_read_as_it_is():
    assert upcast(OLD) is OLD


def test_each_step_upcasts_from_the_schema_it_reads_to_the_next():
    with registered("MemberCommended", 1, lambda data: {**data, "source": "meeting"}), \
            registered("MemberCommended", 2, lambda data: {**data, "source": data["source"].upper()}):
        read = upcast(OLD)
        assert latest_schema("MemberCommended") == 3
    assert read["schema"] == 3 and read["data"]["source"] == "MEETING"
    assert read["hash"] == OLD["hash"] and OLD["schema"] == 1 and "source" not in OLD["data"]


def test_an_upcaster_is_registered_once_per_step():
    with registered("MemberCommended", 1, dict), pytest.raises(ValueError), registered("MemberCommended", 1, dict):
        pass
    assert upcast(OLD) is OLD
