"""Builders of small books for tests: a cell with a roster and a meeting under way.

One set of builders for every kind of test. `joined`, `opened` and `attended`
return append request bodies (what a client posts); `book_with_meeting`
writes them to a store and `post_book_with_meeting` through the API; `Book`
stamps the same bodies as envelopes in seq order, for the pure projection
tests that need no store at all.
"""

from datetime import UTC, datetime, timedelta

from chibo_events.catalogue import check_request
from chibo_events.demo import book as demo

CELL = "th-ky-tho"
CELL_DATA = {"name": "Chi bộ Trường Tiểu học Kỳ Thọ", "committee": "Đảng bộ xã Kỳ Thọ", "place": "Kỳ Thọ"}
OTHER = "th-ky-tho-mn"  # another cell of the same committee, for tests about who may reach which book
MEETING = "meeting:2021-04-07"
OPENED_AT = "2021-04-07T14:00:00+07:00"

ROSTER = [
    # member_id, full_name, kind
    ("nguyen-thi-hong-van", "Nguyễn Thị Hồng Vân", "official"),
    ("duong-thi-le", "Dương Thị Lê", "official"),
    ("nguyen-huy-tho", "Nguyễn Huy Thọ", "official"),
    ("nguyen-thi-thuong", "Nguyễn Thị Thương", "probationary"),
]


# ---------------------------------------------------------------- request bodies


def event(stream: str, type: str, data: dict, **extra) -> dict:
    """Return an append request body."""
    return {"stream": stream, "type": type, "data": data, **extra}


def joined(member_id: str, full_name: str, kind: str = "official", joined_on: str = "2010-09-01",
           occurred_at: str = "2021-01-04T08:00:00+07:00") -> dict:
    return event("cell", "MemberJoined", {
        "member_id": member_id, "full_name": full_name, "kind": kind,
        "joined_on": joined_on, "how": "initial", "position": "Giáo viên",
    }, occurred_at=occurred_at)


def opened(stream: str = MEETING, at: str = OPENED_AT, chair: str = "nguyen-thi-hong-van",
           clerk: str = "duong-thi-le") -> dict:
    return event(stream, "MeetingOpened", {
        "kind": "regular", "title": "Sinh hoạt chi bộ thường kỳ tháng 4 năm 2021",
        "location": "Phòng họp Trường Tiểu học Kỳ Thọ", "chair": chair, "clerk": clerk,
    }, occurred_at=at)


def attended(member_id: str, status: str = "present", stream: str = MEETING, reason: str | None = None,
             at: str = "2021-04-07T14:05:00+07:00") -> dict:
    data = {"member_id": member_id, "status": status, **({"reason": reason} if reason else {})}
    return event(stream, "AttendanceRecorded", data, occurred_at=at)


def meeting_requests() -> list[dict]:
    """Return the roster joining, the April meeting opening and everyone attending, in order."""
    return [joined(m, n, k) for m, n, k in ROSTER] + [opened()] + [attended(m) for m, _, _ in ROSTER]


# ---------------------------------------------------------------- books in a store


def book_with_meeting(store, actor: str = "admin", cell: str = CELL) -> None:
    """Write a cell with the roster and an opened meeting everyone attends, straight to the store."""
    store.register_book(cell, CELL_DATA, actor)
    for body in meeting_requests():
        store.append(cell, check_request(body), actor)


def post_book_with_meeting(client, headers) -> None:
    """Write the same book through the API."""
    response = client.post("/api/v1/cells", json={"cell_id": CELL, **CELL_DATA}, headers=headers)
    assert response.status_code == 201, response.json
    for body in meeting_requests():
        response = client.post(f"/api/v1/cells/{CELL}/events", json=body, headers=headers)
        assert response.status_code == 201, response.json


def snapshot(store) -> dict:
    """Return every book's head (seq, hash, recorded_at): equal snapshots mean nothing was stored."""
    return {book: store.head(book) for book in store.book_names()}


# ---------------------------------------------------------------- envelopes without a store

START = datetime(2021, 1, 4, 1, 0, tzinfo=UTC)


class Book:
    """A book being written by hand: each `add` stamps the next seq and a later recorded_at."""

    def __init__(self):
        self.envelopes: list[dict] = []
        self.versions: dict[str, int] = {}
        self.add("cell", "CellRegistered", dict(CELL_DATA), "2021-01-04T08:00:00+07:00")

    def add(self, stream: str, type: str, data: dict, occurred_at: str,
            recorded_after: timedelta | None = None) -> dict:
        seq = len(self.envelopes) + 1
        recorded = START + (recorded_after or timedelta(minutes=seq))
        self.versions[stream] = self.versions.get(stream, 0) + 1
        envelope = {
            "book": CELL, "seq": seq, "event_id": f"e{seq}", "stream": stream, "version": self.versions[stream],
            "type": type, "schema": 1, "occurred_at": occurred_at,
            "recorded_at": recorded.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "actor": "thuky", "data": data,
            "prev_hash": "0" * 64, "hash": "0" * 64,
        }
        self.envelopes.append(envelope)
        return envelope

    def record(self, body: dict) -> dict:
        """Stamp an append request body (one of the builders above) as the next envelope."""
        return self.add(body["stream"], body["type"], body["data"], body["occurred_at"])

    def join(self, member_id: str, full_name: str, kind: str = "official", joined_on: str = "2010-09-01",
             occurred_at: str = "2021-01-04T08:00:00+07:00") -> dict:
        return self.record(joined(member_id, full_name, kind, joined_on, occurred_at))

    def open_meeting(self, stream: str = MEETING, at: str = OPENED_AT, chair: str = "van", clerk: str = "le") -> dict:
        return self.record(opened(stream, at, chair, clerk))

    def attend(self, member_id: str, status: str = "present", stream: str = MEETING, reason: str | None = None,
               at: str = "2021-04-07T14:05:00+07:00") -> dict:
        return self.record(attended(member_id, status, stream, reason, at))


def cell_of_three() -> Book:
    """A cell of Vân (Bí thư), Lê (official) and Thương (probationary), all present at the April meeting."""
    book = Book()
    book.join("van", "Nguyễn Thị Hồng Vân")
    book.add("cell", "MemberRoleChanged", {"member_id": "van", "role": "bi_thu"}, "2021-01-04T08:01:00+07:00")
    book.join("le", "Dương Thị Lê")
    book.join("thuong", "Nguyễn Thị Thương", kind="probationary", joined_on="2020-12-01")
    book.open_meeting()
    for member_id in ("van", "le", "thuong"):
        book.attend(member_id)
    return book


# ---------------------------------------------------------------- the demo's sealed minutes


DEMO_MAY = "meeting:2021-05-05"


def correct_in_the_demo(store, target: dict, data: dict, reason: str, actor: str = "thuky") -> dict:
    """Correct an event of the demo's approved April minutes as the rules ask: decided at the May meeting.

    Approved minutes are sealed (contract §1 v1.1); the May meeting is opened here (once) to decide it.
    """
    opening = {"stream": DEMO_MAY, "type": "MeetingOpened", "occurred_at": "2021-05-05T14:00:00+07:00",
               "event_id": "5b0a4c7e-0000-4000-8000-000000000505",
               "data": {"kind": "regular", "title": "Sinh hoạt chi bộ thường kỳ tháng 5 năm 2021",
                        "location": demo.LOCATION, "chair": demo.VAN, "clerk": demo.CLERK}}
    store.append(CELL, check_request(opening), actor)  # the same event_id again: stored once
    correction, _ = store.append(CELL, check_request({
        "stream": DEMO_MAY, "type": "EventCorrected", "occurred_at": "2021-05-05T14:30:00+07:00",
        "data": {"target_seq": target["seq"], "data": data, "reason": reason}}), actor)
    return correction
