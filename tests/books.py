"""Builders of small books for tests: a cell with a roster and a meeting under way."""

from chibo_events.catalogue import check_request

CELL = "th-ky-tho"
CELL_DATA = {"name": "Chi bộ Trường Tiểu học Kỳ Thọ", "committee": "Đảng bộ xã Kỳ Thọ", "place": "Kỳ Thọ"}
MEETING = "meeting:2021-04-07"
OPENED_AT = "2021-04-07T14:00:00+07:00"

ROSTER = [
    # member_id, full_name, kind
    ("nguyen-thi-hong-van", "Nguyễn Thị Hồng Vân", "official"),
    ("duong-thi-le", "Dương Thị Lê", "official"),
    ("nguyen-huy-tho", "Nguyễn Huy Thọ", "official"),
    ("nguyen-thi-thuong", "Nguyễn Thị Thương", "probationary"),
]


def event(stream: str, type: str, data: dict, **extra) -> dict:
    """Return an append request body."""
    return {"stream": stream, "type": type, "data": data, **extra}


def joined(member_id: str, full_name: str, kind: str = "official", joined_on: str = "2010-09-01") -> dict:
    return event("cell", "MemberJoined", {
        "member_id": member_id, "full_name": full_name, "kind": kind,
        "joined_on": joined_on, "how": "initial", "position": "Giáo viên",
    }, occurred_at="2021-01-04T08:00:00+07:00")


def opened(stream: str = MEETING, at: str = OPENED_AT) -> dict:
    return event(stream, "MeetingOpened", {
        "kind": "regular", "title": "Sinh hoạt chi bộ thường kỳ tháng 4 năm 2021",
        "location": "Phòng họp Trường Tiểu học Kỳ Thọ", "chair": "nguyen-thi-hong-van",
        "clerk": "duong-thi-le",
    }, occurred_at=at)


def attended(member_id: str, status: str = "present", stream: str = MEETING) -> dict:
    return event(stream, "AttendanceRecorded", {"member_id": member_id, "status": status},
                 occurred_at="2021-04-07T14:05:00+07:00")


def book_with_meeting(store, actor: str = "admin") -> None:
    """Write a cell with the roster and an opened meeting everyone attends, straight to the store."""
    store.register_book(CELL, CELL_DATA, actor)
    for member_id, full_name, kind in ROSTER:
        store.append(CELL, check_request(joined(member_id, full_name, kind)), actor)
    store.append(CELL, check_request(opened()), actor)
    for member_id, _, _ in ROSTER:
        store.append(CELL, check_request(attended(member_id)), actor)


def post_book_with_meeting(client, headers) -> None:
    """Write the same book through the API."""
    response = client.post("/api/v1/cells", json={"cell_id": CELL, **CELL_DATA}, headers=headers)
    assert response.status_code == 201, response.json
    requests = [joined(m, n, k) for m, n, k in ROSTER] + [opened()] + [attended(m) for m, _, _ in ROSTER]
    for body in requests:
        response = client.post(f"/api/v1/cells/{CELL}/events", json=body, headers=headers)
        assert response.status_code == 201, response.json
