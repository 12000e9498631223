"""Plain envelope lists for projection tests: no store, no database, just facts in seq order."""

from datetime import UTC, datetime, timedelta

CELL = "th-ky-tho"
MEETING = "meeting:2021-04-07"
OPENED_AT = "2021-04-07T14:00:00+07:00"
START = datetime(2021, 1, 4, 1, 0, tzinfo=UTC)


class Book:
    """A book being written by hand: each `add` stamps the next seq and a later recorded_at."""

    def __init__(self):
        self.envelopes: list[dict] = []
        self.versions: dict[str, int] = {}
        self.add("cell", "CellRegistered", {"name": "Chi bộ Trường Tiểu học Kỳ Thọ", "committee": "Đảng bộ xã Kỳ Thọ",
                                             "place": "Kỳ Thọ"}, "2021-01-04T08:00:00+07:00")

    def add(self, stream: str, type: str, data: dict, occurred_at: str, recorded_after: timedelta = None) -> dict:
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

    def join(self, member_id: str, full_name: str, kind: str = "official", joined_on: str = "2010-09-01",
             occurred_at: str = "2021-01-04T08:00:00+07:00") -> dict:
        return self.add("cell", "MemberJoined", {
            "member_id": member_id, "full_name": full_name, "kind": kind, "joined_on": joined_on,
            "how": "initial", "position": "Giáo viên"}, occurred_at)

    def open_meeting(self, stream: str = MEETING, at: str = OPENED_AT, chair: str = "van", clerk: str = "le") -> dict:
        return self.add(stream, "MeetingOpened", {
            "kind": "regular", "title": "Sinh hoạt chi bộ thường kỳ", "location": "Phòng họp",
            "chair": chair, "clerk": clerk}, at)

    def attend(self, member_id: str, status: str = "present", stream: str = MEETING, reason: str | None = None,
               at: str = "2021-04-07T14:05:00+07:00") -> dict:
        data = {"member_id": member_id, "status": status, **({"reason": reason} if reason else {})}
        return self.add(stream, "AttendanceRecorded", data, at)

    def at_seq(self, seq: int) -> dict:
        return self.envelopes[seq - 1]


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
