"""The read side of the API on the demo book: meetings, minutes (JSON, by date, Word), members, tasks.

Bad parameters get a 400 in the contract's error shape, unknown things a 404,
other cells' readers a 403, and reading never changes the book.
"""

import io

import pytest
from docx import Document

from chibo_events.demo import book
from tests.books import correct_in_the_demo

CELL = book.BOOK
API = f"/api/v1/cells/{CELL}"


def get(client, headers, path, **params):
    return client.get(f"{API}{path}", headers=headers, query_string=params)


def ok(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.json


def test_the_meetings_are_listed_in_the_order_they_opened(client, tokens, demo):
    meetings = ok(get(client, tokens.member(), "/meetings"))
    assert [m["meeting_id"] for m in meetings] == ["2021-03-05", "2021-04-07", "2021-04-21"]
    assert meetings[1]["closed_at"] == "2021-04-07T16:30:00+07:00"


def test_the_april_minutes_count_the_roll_the_guests_and_the_vote(client, tokens, demo):
    minutes = ok(get(client, tokens.inspector, "/meetings/2021-04-07/minutes"))
    attendance = minutes["attendance"]
    counts = (attendance["total"], attendance["official"], attendance["probationary"], attendance["present"])
    assert counts == (17, 15, 2, 16)
    assert [a["full_name"] for a in attendance["absent_excused"]] == ["Hồ Thị Thanh Huyền"]
    assert len(minutes["guests"]) == 5 and minutes["chair"]["role"] == "bi_thu"
    assert [(c["votes_for"], c["voters"], c["share_for"]) for c in minutes["conclusions"]] == [(14, 14, 100.0)]
    closings = demo.page(CELL, limit=1000, type="MeetingClosed")
    assert minutes["last_seq"] == next(e["seq"] for e in closings if e["stream"] == "meeting:2021-04-07")


def test_minutes_by_date_give_the_meetings_opened_that_day_in_vietnam(client, tokens, demo):
    assert [m["meeting_id"] for m in ok(get(client, tokens.member(), "/minutes", date="2021-04-07"))["meetings"]] == [
        "2021-04-07"]
    assert ok(get(client, tokens.member(), "/minutes", date="2021-04-08"))["meetings"] == []


def test_minutes_as_of_a_moment_show_what_had_been_recorded_then_and_corrections_after(client, tokens, demo):
    commendation = next(e for e in demo.page(CELL, limit=1000, type="MemberCommended"))
    correction = correct_in_the_demo(demo, commendation, {**commendation["data"], "reason": "Đạt giải Nhất."},
                                     "Ghi thiếu giải.")
    before = ok(get(client, tokens.inspector, "/meetings/2021-04-07/minutes", as_of=commendation["recorded_at"]))
    now = ok(get(client, tokens.inspector, "/meetings/2021-04-07/minutes"))
    assert before["commendations"][0]["reason"] == commendation["data"]["reason"] and before["corrections"] == []
    assert before["as_of"] == commendation["recorded_at"]
    assert now["commendations"][0]["reason"] == "Đạt giải Nhất." and now["commendations"][0]["corrected"]
    assert [c["seq"] for c in now["corrections"]] == [correction["seq"]]


def test_members_on_a_date_before_the_meeting_have_no_attendance_yet(client, tokens, demo):
    before = {m["member_id"]: m for m in ok(get(client, tokens.member(), "/members", on="2021-03-01"))}
    after = {m["member_id"]: m for m in ok(get(client, tokens.member(), "/members", on="2021-04-30"))}
    assert len(before) == len(after) == 17
    assert before["duong-thi-le"]["attendance"]["meetings"] == 0 and before["duong-thi-le"]["commendations"] == 0
    assert after["duong-thi-le"]["attendance"]["meetings"] == 3 and after["duong-thi-le"]["commendations"] == 1
    assert after["nguyen-thi-hong-van"]["role"] == "bi_thu"


def test_tasks_are_filtered_by_status_on_a_date(client, tokens, demo):
    every = ok(get(client, tokens.member(), "/tasks", status="all", on="2021-06-30"))
    still_open = ok(get(client, tokens.member(), "/tasks", status="open", on="2021-06-30"))
    done = ok(get(client, tokens.member(), "/tasks", status="done", on="2021-06-30"))
    assert {t["task_id"] for t in still_open} | {t["task_id"] for t in done} <= {t["task_id"] for t in every}
    assert all(t["open"] for t in still_open) and all(t["status"] == "done" for t in done)
    assert any(t["overdue"] for t in still_open)
    assert ok(get(client, tokens.member(), "/tasks", status="all", on="2021-03-04")) == []


def test_the_minutes_download_as_a_word_document_of_the_bien_ban(client, tokens, demo):
    response = get(client, tokens.member(), "/meetings/2021-04-07/minutes.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert 'filename="bien-ban-th-ky-tho-2021-04-07.docx"' in response.headers["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    assert "BIÊN BẢN" in text and "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 4 NĂM 2021" in text


@pytest.mark.parametrize("path, params", [
    ("/meetings", {"as_of": "hôm qua"}),
    ("/meetings/2021-04-07/minutes", {"as_of": "2021-13-01"}),
    ("/minutes", {}),
    ("/minutes", {"date": "07/04/2021"}),
    ("/members", {"on": "2021-04-07T10:00:00"}),
    ("/members", {"on": "0999-01-01"}),
    ("/tasks", {"status": "late"}),
    ("/tasks", {"on": "mai"}),
])
def test_a_bad_parameter_is_a_400_and_changes_nothing(client, tokens, demo, path, params):
    head = demo.head(CELL)
    response = get(client, tokens.admin, path, **params)
    assert response.status_code == 400
    assert set(response.json) == {"error", "message", "details"} and response.json["error"] == "malformed"
    assert demo.head(CELL) == head


@pytest.mark.parametrize("path", ["/meetings/2021-05-05/minutes", "/meetings/2021-05-05/minutes.docx"])
def test_an_unknown_meeting_is_a_404(client, tokens, demo, path):
    response = get(client, tokens.admin, path)
    assert response.status_code == 404 and response.json["error"] == "not_found"


@pytest.mark.parametrize("path", ["/meetings", "/meetings/2021-04-07/minutes", "/meetings/2021-04-07/minutes.docx",
                                  "/minutes?date=2021-04-07", "/members", "/tasks"])
def test_a_member_of_another_cell_may_not_read_and_strangers_must_sign_in(client, tokens, demo, path):
    assert client.get(f"{API}{path}", headers=tokens.member("th-ky-thu")).status_code == 403
    assert client.get(f"{API}{path}").status_code == 401


def test_tasks_reported_on_from_an_earlier_meeting_are_described_now_and_as_of(client, tokens, demo):
    march = {t["task_id"]: t["description"] for t in ok(get(client, tokens.member(), "/tasks", status="all",
                                                                on="2021-03-31"))}
    head = demo.head(CELL)
    for params in ({}, {"as_of": head.recorded_at}):
        reported = ok(get(client, tokens.member(), "/meetings/2021-04-07/minutes", **params))["tasks_reported"]
        assert reported and all(r["description"] == march[r["task_id"]] for r in reported)
