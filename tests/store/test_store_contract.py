"""The store's contract, run against SQLite and PostgreSQL through real connections."""

import hashlib
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time

from chibo_events import integrity
from chibo_events.catalogue import check_request
from chibo_events.errors import Conflict, NotFound, RuleBroken
from chibo_events.store import Store
from tests.books import CELL, CELL_DATA, MEETING, attended, book_with_meeting, event, joined, opened


def speech(summary: str, **extra) -> dict:
    extra.setdefault("occurred_at", "2021-04-07T14:30:00+07:00")
    return event(MEETING, "SpeechGiven", {
        "speaker": {"member_id": "duong-thi-le"}, "kind": "opinion", "summary": summary,
    }, **extra)


def append(store, body, actor="thuky"):
    return store.append(CELL, check_request(body), actor)


class TestSequence:
    def test_seq_counts_from_one_without_gaps(self, store):
        book_with_meeting(store)
        seqs = [e["seq"] for e in store.page(CELL, limit=1000)]
        assert seqs == list(range(1, len(seqs) + 1))

    def test_each_stream_counts_its_own_versions(self, store):
        book_with_meeting(store)
        versions = {}
        for e in store.page(CELL, limit=1000):
            versions.setdefault(e["stream"], []).append(e["version"])
        assert versions == {"cell": [1, 2, 3, 4, 5], MEETING: [1, 2, 3, 4, 5]}

    def test_books_number_their_events_independently(self, store):
        book_with_meeting(store)
        other = store.register_book("th-ky-tho-2", CELL_DATA, "admin")
        assert other["seq"] == 1 and other["prev_hash"] == integrity.GENESIS_HASH

    def test_appending_to_an_unknown_book_is_refused(self, store):
        with pytest.raises(NotFound):
            append(store, joined("a", "A"))

    def test_a_book_is_registered_once(self, store):
        store.register_book(CELL, CELL_DATA, "admin")
        with pytest.raises(Conflict):
            store.register_book(CELL, CELL_DATA, "admin")
        assert len(store.page(CELL)) == 1


class TestEnvelope:
    def test_the_envelope_has_every_contract_field(self, store):
        book_with_meeting(store)
        envelope, created = append(store, speech("Ý kiến"))
        assert created
        assert list(envelope) == [
            "book", "seq", "event_id", "stream", "version", "type", "schema", "occurred_at",
            "recorded_at", "actor", "data", "prev_hash", "hash",
        ]
        assert envelope["schema"] == 1 and envelope["actor"] == "thuky"
        assert uuid.UUID(envelope["event_id"])

    def test_what_is_stored_reads_back_byte_for_byte(self, store):
        book_with_meeting(store)
        text = "Đ/c Dương Thị Lê: “Chất lượng dạy học” — 100% học sinh đạt chuẩn 😊"
        envelope, _ = append(store, speech(text))
        stored = store.page(CELL, after_seq=envelope["seq"] - 1, limit=1)[0]
        assert stored == envelope
        assert integrity.canonical(stored) == integrity.canonical(envelope)

    def test_occurred_at_keeps_the_clients_offset(self, store):
        book_with_meeting(store)
        envelope, _ = append(store, speech("x", occurred_at="2021-04-07T07:30:00Z"))
        assert envelope["occurred_at"] == "2021-04-07T07:30:00+00:00"

    def test_a_naive_occurred_at_is_vietnam_time(self, store):
        book_with_meeting(store)
        envelope, _ = append(store, speech("x", occurred_at="2021-04-07T14:30:00"))
        assert envelope["occurred_at"] == "2021-04-07T14:30:00+07:00"

    def test_occurred_at_defaults_to_now_in_vietnam(self, store):
        with freeze_time("2021-04-07T08:10:02.123456Z"):
            book_with_meeting(store)
            guest = {"name": "Dương Đình Hới", "title": "Bí thư Đảng ủy"}
            envelope, _ = append(store, event(MEETING, "GuestAttended", guest))
        assert envelope["occurred_at"] == "2021-04-07T15:10:02.123456+07:00"
        assert envelope["recorded_at"] == "2021-04-07T08:10:02.123456Z"


class TestRecordedAt:
    def test_recorded_at_is_the_stores_clock_in_utc_microseconds(self, store):
        with freeze_time("2021-04-07T08:00:00Z"):
            first = store.register_book(CELL, CELL_DATA, "admin")
        assert first["recorded_at"] == "2021-04-07T08:00:00.000000Z"

    def test_recorded_at_never_goes_back_when_the_clock_does(self, store):
        with freeze_time("2021-04-07T08:00:00Z"):
            store.register_book(CELL, CELL_DATA, "admin")
        with freeze_time("2021-04-07T07:00:00Z"):  # the server's clock was set back an hour
            envelope, _ = append(store, joined("a", "A"))
        assert envelope["recorded_at"] == "2021-04-07T08:00:00.000000Z"


class TestHashChain:
    def test_the_first_event_follows_sixty_four_zeros(self, store):
        first = store.register_book(CELL, CELL_DATA, "admin")
        assert first["prev_hash"] == "0" * 64

    def test_each_hash_chains_the_previous_one_over_the_canonical_envelope(self, store):
        book_with_meeting(store)
        prev = "0" * 64
        for envelope in store.page(CELL, limit=1000):
            body = {k: v for k, v in envelope.items() if k not in ("prev_hash", "hash")}
            leaf = hashlib.sha256(b"\x00" + integrity.canonical(body)).digest()
            assert envelope["prev_hash"] == prev
            assert envelope["hash"] == hashlib.sha256(bytes.fromhex(prev) + leaf).hexdigest()
            prev = envelope["hash"]


class TestExpectedVersion:
    def test_a_matching_expected_version_is_accepted(self, store):
        book_with_meeting(store)
        envelope, _ = append(store, speech("x", expected_version=5))
        assert envelope["version"] == 6

    def test_zero_means_the_stream_must_be_new(self, store):
        book_with_meeting(store)
        envelope, _ = append(store, opened("meeting:2021-05-05", "2021-05-05T14:00:00+07:00") | {"expected_version": 0})
        assert envelope["version"] == 1

    def test_a_stale_expected_version_is_a_conflict_and_stores_nothing(self, store):
        book_with_meeting(store)
        before = store.head(CELL)
        with pytest.raises(Conflict) as refused:
            append(store, speech("x", expected_version=4))
        assert refused.value.code == "version_conflict"
        assert refused.value.details["version"] == 5
        assert store.head(CELL) == before


class TestIdempotency:
    def test_the_same_event_id_and_content_returns_the_stored_envelope(self, store):
        book_with_meeting(store)
        body = speech("Ý kiến", event_id=str(uuid.uuid4()))
        first, created = append(store, body)
        again, created_again = append(store, body)
        assert (created, created_again) == (True, False)
        assert again == first
        assert store.head(CELL).seq == first["seq"]

    def test_a_retry_without_occurred_at_is_the_same_event(self, store):
        book_with_meeting(store)
        body = event(MEETING, "GuestAttended", {"name": "Hồ Văn Hiển", "title": "Chủ tịch UBND xã"},
                     event_id=str(uuid.uuid4()))
        first, _ = append(store, body)
        with freeze_time(datetime.now(UTC) + timedelta(seconds=30)):
            again, created = append(store, body)
        assert not created and again == first

    def test_the_same_event_id_with_other_content_is_a_conflict(self, store):
        book_with_meeting(store)
        event_id = str(uuid.uuid4())
        append(store, speech("Ý kiến", event_id=event_id))
        before = store.head(CELL)
        with pytest.raises(Conflict) as refused:
            append(store, speech("Ý kiến khác", event_id=event_id))
        assert refused.value.code == "event_id_reused"
        assert store.head(CELL) == before

    def test_an_event_id_may_be_reused_in_another_book(self, store):
        book_with_meeting(store)
        event_id = str(uuid.uuid4())
        append(store, speech("x", event_id=event_id))
        store.register_book("other", CELL_DATA, "admin")
        other, created = store.append("other", check_request(joined("a", "A") | {"event_id": event_id}), "admin")
        assert created and other["event_id"] == event_id


class TestReading:
    def test_pages_follow_after_seq(self, store):
        book_with_meeting(store)
        first = store.page(CELL, limit=4)
        rest = store.page(CELL, after_seq=first[-1]["seq"], limit=100)
        assert [e["seq"] for e in first + rest] == list(range(1, 11))

    def test_filters_by_stream_type_and_member(self, store):
        book_with_meeting(store)
        assert {e["stream"] for e in store.page(CELL, stream=MEETING)} == {MEETING}
        assert [e["type"] for e in store.page(CELL, type="MeetingOpened")] == ["MeetingOpened"]
        about_chair = store.page(CELL, member="nguyen-thi-hong-van")
        assert [e["type"] for e in about_chair] == ["MemberJoined", "MeetingOpened", "AttendanceRecorded"]

    def test_filters_by_who_recorded_the_event(self, store):
        book_with_meeting(store, actor="admin")
        append(store, speech("của thư ký"), actor="thuky")
        assert [e["data"]["summary"] for e in store.page(CELL, actor="thuky")] == ["của thư ký"]
        assert len(store.page(CELL, actor="admin")) == 10
        assert store.page(CELL, actor="thu") == []

    def test_the_member_filter_matches_whole_ids_only(self, store):
        book_with_meeting(store)
        assert store.page(CELL, member="duong-thi") == []
        assert store.page(CELL, member="%") == []

    def test_filters_by_occurred_at_range(self, store):
        book_with_meeting(store)
        append(store, speech("trước", occurred_at="2021-04-07T14:30:00+07:00"))
        append(store, speech("sau", occurred_at="2021-04-07T16:30:00+07:00"))
        found = store.page(CELL, type="SpeechGiven", since="2021-04-07T08:00:00.000000Z")
        assert [e["data"]["summary"] for e in found] == ["sau"]
        found = store.page(CELL, type="SpeechGiven", until="2021-04-07T08:00:00.000000Z")
        assert [e["data"]["summary"] for e in found] == ["trước"]

    def test_scan_pages_through_a_book_longer_than_a_page(self, store):
        book_with_meeting(store)
        for i in range(25):
            append(store, speech(f"ý kiến {i}"))
        from chibo_events.store import read
        seqs = [e["seq"] for e in read.scan(store.engine, CELL, page_size=7)]
        assert seqs == list(range(1, 36))


class TestRulesSeeOtherWriters:
    """The rule state is cached per process; another process's appends must still count."""

    def test_a_member_added_by_another_process_can_be_named(self, store, database_url):
        book_with_meeting(store)
        elsewhere = Store.from_url(database_url)
        elsewhere.append(CELL, check_request(joined("ho-van-hien", "Hồ Văn Hiển")), "admin")
        envelope, _ = append(store, attended("ho-van-hien"))
        assert envelope["data"]["member_id"] == "ho-van-hien"
        elsewhere.engine.dispose()

    def test_a_meeting_closed_by_another_process_refuses_speeches(self, store, database_url):
        book_with_meeting(store)
        append(store, speech("trước khi bế mạc"))
        elsewhere = Store.from_url(database_url)
        elsewhere.append(CELL, check_request(event(MEETING, "MeetingClosed", {})), "admin")
        with pytest.raises(RuleBroken):
            append(store, speech("sau khi bế mạc"))
        elsewhere.engine.dispose()

    def test_versions_written_elsewhere_are_known_here(self, store, database_url):
        book_with_meeting(store)
        elsewhere = Store.from_url(database_url)
        elsewhere.append(CELL, check_request(speech("ở nơi khác")), "admin")
        envelope, _ = append(store, speech("ở đây", expected_version=6))
        assert envelope["version"] == 7 and envelope["seq"] == 12
        elsewhere.engine.dispose()
