"""The attendance form records the whole roster as one batch: a refused line stores no line at all.

Before batches, each line was its own transaction: with the second line
refused by a rule of the book, the first was stored while the page said
"Chưa ghi" (the issue that asked for batches).
"""

import uuid

from werkzeug.security import generate_password_hash

from chibo_events.catalogue import check_request
from tests.books import CELL, MEETING, book_with_meeting, event

MEETING_PAGE = f"/cells/{CELL}/meetings/{MEETING.removeprefix('meeting:')}"
PASSWORD = "mat-khau-dai-1"


def signed_in_clerk(app, client):
    store = app.extensions["chibo_store"]
    book_with_meeting(store)
    store.accounts.add("thuky", generate_password_hash(PASSWORD), "clerk", [CELL])
    app.config["WTF_CSRF_ENABLED"] = False
    client.post("/login", data={"username": "thuky", "password": PASSWORD})
    return store


def test_a_roster_with_one_refused_line_stores_none_of_its_lines(app, client):
    store = signed_in_clerk(app, client)
    # Nguyễn Huy Thọ leaves the cell before the meeting; the clerk's page still lists him.
    left = event("cell", "MemberLeft", {"member_id": "nguyen-huy-tho", "how": "transferred_out"},
                 occurred_at="2021-04-01T08:00:00+07:00")
    store.append(CELL, check_request(left), "admin")
    before = store.head(CELL)
    form = {"event_id": str(uuid.uuid4()), "member": ["duong-thi-le", "nguyen-huy-tho"],
            "status-duong-thi-le": "late", "reason-duong-thi-le": "Họp phụ huynh",
            "status-nguyen-huy-tho": "absent_excused", "reason-nguyen-huy-tho": "Ốm"}

    page = client.post(f"{MEETING_PAGE}/console/attendance", data=form, headers={"HX-Request": "true"})

    assert store.head(CELL) == before
    assert "Chưa ghi" in page.text and "không phải đảng viên của chi bộ" in page.text


def test_a_roster_whose_lines_all_hold_is_stored_in_one_go(app, client):
    store = signed_in_clerk(app, client)
    before = store.head(CELL)
    form = {"event_id": str(uuid.uuid4()), "member": ["duong-thi-le", "nguyen-huy-tho"],
            "status-duong-thi-le": "late", "reason-duong-thi-le": "Họp phụ huynh",
            "status-nguyen-huy-tho": "absent_excused", "reason-nguyen-huy-tho": "Ốm"}

    page = client.post(f"{MEETING_PAGE}/console/attendance", data=form, headers={"HX-Request": "true"})

    stored = store.page(CELL, after_seq=before.seq)
    assert "Đã ghi" in page.text
    assert [(e["type"], e["data"]["member_id"], e["data"]["status"]) for e in stored] == [
        ("AttendanceRecorded", "duong-thi-le", "late"), ("AttendanceRecorded", "nguyen-huy-tho", "absent_excused")]
