"""The committee's overview: hand-made books that raise each figure, through the API and the page, both engines.

The committee "Đảng bộ xã Thử" has two open cells and a closed one; a cell of another committee stands beside.
March 2021 is looked at from 15 April 2021:
- Chi bộ An held its regular meeting (one member absent without reason: 75% present) and a thematic one in
  February; a task due on 10 March is still open; everyone paid their dues.
- Chi bộ Bình did not meet at all; one member paid no dues this year (a removal warning) and a probationary
  member's twelve months ended in 2020 (probation overdue).
"""

import pytest
from freezegun import freeze_time

from chibo_events.catalogue import check_request
from tests.books import attended, event, joined, opened, snapshot

NOW = "2021-04-15T03:00:00Z"
COMMITTEE = {"name": "Chi bộ An", "committee": "Đảng bộ xã Thử", "place": "Thử"}
COMMITTEE_ID = "dang-bo-xa-thu"
AN, BINH, CLOSED, ELSEWHERE = "chi-bo-an", "chi-bo-binh", "chi-bo-dong", "chi-bo-khac"
MARCH = "meeting:2021-03-10"
FEBRUARY = "meeting:2021-02-20"
OVERVIEW = f"/api/v1/committees/{COMMITTEE_ID}/overview"


def _write(store, cell: str, name: str, committee: str, bodies: list[dict]) -> None:
    store.register_book(cell, {"name": name, "committee": committee, "place": "Thử"}, "admin",
                        "2021-01-02T08:00:00+07:00")
    for body in bodies:
        store.append(cell, check_request(body), "admin")


def _dues(member_id: str) -> list[dict]:
    return [event("cell", "DuesPaid", {"member_id": member_id, "month": f"2021-{m:02d}", "amount": 20000},
                  occurred_at=f"2021-{m:02d}-05T08:00:00+07:00") for m in (1, 2, 3)]


def _meeting(stream: str, at: str, chair: str, kind: str = "regular") -> dict:
    body = opened(stream, at, chair=chair, clerk=chair)
    body["data"]["kind"] = kind
    return body


def _an() -> list[dict]:
    roster = [("an-1", "Nguyễn Văn Một"), ("an-2", "Trần Thị Hai"), ("an-3", "Lê Văn Ba"), ("an-4", "Phạm Thị Bốn")]
    bodies = [joined(m, n) for m, n in roster] + [d for m, _ in roster for d in _dues(m)]
    bodies += [_meeting(FEBRUARY, "2021-02-20T14:00:00+07:00", "an-1", "thematic")]
    bodies += [attended(m, stream=FEBRUARY, at="2021-02-20T14:05:00+07:00") for m, _ in roster]
    bodies += [_meeting(MARCH, "2021-03-10T14:00:00+07:00", "an-1")]
    bodies += [attended(m, stream=MARCH, at="2021-03-10T14:05:00+07:00") for m, _ in roster[:3]]
    bodies += [attended("an-4", "absent_unexcused", stream=MARCH, at="2021-03-10T14:05:00+07:00")]
    bodies += [event(MARCH, "TaskAssigned", {"task_id": "t-1", "assignees": ["an-3"], "description": "Sửa cổng trường",
                                             "due": "2021-03-20"}, occurred_at="2021-03-10T15:00:00+07:00")]
    return bodies


def _binh() -> list[dict]:
    return ([joined("binh-1", "Đỗ Văn Năm"), joined("binh-2", "Vũ Thị Sáu"),
             joined("binh-3", "Hoàng Văn Bảy", kind="probationary", joined_on="2019-06-01")]
            + _dues("binh-1") + _dues("binh-3"))


@pytest.fixture
def committee(app):
    store = app.extensions["chibo_store"]
    with freeze_time(NOW):
        _write(store, AN, "Chi bộ An", COMMITTEE["committee"], _an())
        _write(store, BINH, "Chi bộ Bình", COMMITTEE["committee"], _binh())
        _write(store, CLOSED, "Chi bộ Đóng", COMMITTEE["committee"],
               [event("cell", "CellClosed", {"reason": "Mở nhầm.", "how": "mistake"},
                      occurred_at="2021-01-03T08:00:00+07:00")])
        _write(store, ELSEWHERE, "Chi bộ Khác", "Đảng bộ phường Khác", [joined("khac-1", "Mai Văn Tám")])
    return store


def _overview(client, headers, month="2021-03"):
    with freeze_time(NOW):
        return client.get(OVERVIEW, query_string={"month": month}, headers=headers)


def test_the_overview_of_march_gives_each_open_cell_of_the_committee_its_figures(client, tokens, committee):
    answer = _overview(client, tokens.inspector)

    assert answer.status_code == 200, answer.json
    view = answer.json
    assert (view["committee_id"], view["name"], view["month"], view["on"]) == (
        COMMITTEE_ID, "Đảng bộ xã Thử", "2021-03", "2021-03-31")
    assert [c["cell_id"] for c in view["cells"]] == [AN, BINH]  # closed and other committees' cells left out
    an, binh = view["cells"]
    assert an["last_meeting"] == {"meeting_id": "2021-03-10", "kind": "regular",
                                  "opened_at": "2021-03-10T14:00:00+07:00"}
    assert (an["regular_meeting_held"], an["thematic_this_quarter"]) == (True, True)
    assert an["attendance_rate"] == 75.0
    assert {"attendance_at_most_85", "unexcused_absence"} <= set(an["quality_flags"])
    assert (an["open_tasks"], an["overdue_tasks"]) == (1, 1)
    assert (an["removal_warnings"], an["probation_overdue"]) == ([], [])
    assert an["verification"]["ok"] and an["verification"]["size"] == committee.head(AN).seq
    assert binh["last_meeting"] is None and binh["attendance_rate"] is None
    assert (binh["regular_meeting_held"], binh["thematic_this_quarter"]) == (False, False)
    assert binh["removal_warnings"] == []  # on 31 March, two months over without dues: March is still running
    assert binh["probation_overdue"] == ["binh-3"]
    assert binh["people"] == {"binh-3": "Hoàng Văn Bảy"}


def test_in_april_the_member_without_dues_since_january_is_heading_for_removal(client, tokens, committee):
    view = _overview(client, tokens.inspector, "2021-04").json

    assert view["on"] == "2021-04-15"  # the month under way: today
    binh = view["cells"][1]
    assert binh["removal_warnings"] == ["binh-2"]  # January, February, March without dues
    assert binh["people"]["binh-2"] == "Vũ Thị Sáu"
    assert view["cells"][0]["removal_warnings"] == []  # Chi bộ An paid


def test_february_is_another_month_the_thematic_meeting_without_the_regular_one(client, tokens, committee):
    an = _overview(client, tokens.inspector, "2021-02").json["cells"][0]

    assert an["meetings_this_month"] == [{"meeting_id": "2021-02-20", "kind": "thematic",
                                          "opened_at": "2021-02-20T14:00:00+07:00"}]
    assert (an["regular_meeting_held"], an["thematic_this_quarter"], an["attendance_rate"]) == (False, True, 100.0)
    assert an["overdue_tasks"] == 0  # the task was given in March


def test_a_meeting_typed_in_late_changes_the_kept_line_of_its_cell(client, tokens, committee):
    before = _overview(client, tokens.inspector).json["cells"][1]
    assert not before["regular_meeting_held"]
    late = "meeting:2021-03-25"
    with freeze_time(NOW):
        committee.append(BINH, check_request(_meeting(late, "2021-03-25T14:00:00+07:00", "binh-1")), "thuky")
        committee.append(BINH, check_request(attended("binh-1", stream=late, at="2021-03-25T14:05:00+07:00")),
                         "thuky")

    after = _overview(client, tokens.inspector).json["cells"][1]

    assert after["regular_meeting_held"] and after["last_meeting"]["meeting_id"] == "2021-03-25"
    assert after["verification"]["size"] == before["verification"]["size"] + 2


def test_a_reader_sees_only_the_cells_it_may_read(client, tokens, committee):
    clerk = tokens.clerk(cell=AN)

    assert [c["cell_id"] for c in _overview(client, clerk).json["cells"]] == [AN]
    with freeze_time(NOW):
        assert client.get("/api/v1/committees", headers=clerk).json == [
            {"committee_id": COMMITTEE_ID, "name": "Đảng bộ xã Thử", "cells": [AN]}]
    assert _overview(client, tokens.clerk(cell=ELSEWHERE)).status_code == 404


def test_the_committees_list_names_each_committee_with_its_open_cells(client, tokens, committee):
    with freeze_time(NOW):
        listed = client.get("/api/v1/committees", headers=tokens.inspector).json

    assert {c["committee_id"]: c["cells"] for c in listed} == {
        COMMITTEE_ID: [AN, BINH], "dang-bo-phuong-khac": [ELSEWHERE]}


@pytest.mark.parametrize("month, message", [("2021-13", "YYYY-MM"), ("03-2021", "YYYY-MM"),
                                            ("2021-05", "chưa tới")])
def test_a_bad_or_future_month_is_a_400_that_says_why_and_stores_nothing(client, tokens, committee, month, message):
    books = snapshot(committee)

    answer = _overview(client, tokens.inspector, month)

    assert (answer.status_code, answer.json["error"]) == (400, "malformed")
    assert message in answer.json["message"]
    assert snapshot(committee) == books
    assert _overview(client, tokens.inspector, "2021-04").status_code == 200  # the month under way is allowed


def test_an_unknown_committee_is_a_404_and_signing_in_is_required(client, tokens, committee):
    with freeze_time(NOW):
        assert client.get("/api/v1/committees/khong-co/overview", headers=tokens.inspector).status_code == 404
        assert client.get(OVERVIEW).status_code == 401


def test_the_page_says_which_cells_missed_their_meeting_and_who_is_heading_for_removal(client, tokens, committee):
    with freeze_time(NOW):
        page = client.get(f"/committees/{COMMITTEE_ID}", query_string={"month": "2021-03"},
                          headers=tokens.inspector)

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "1/2 chi bộ chưa sinh hoạt thường kỳ tháng 3/2021" in html
    assert 'href="#chi-bo-chi-bo-binh">Chi bộ Bình</a>' in html
    assert "Chi bộ Bình: <a" in html and "đồng chí Hoàng Văn Bảy</a>." in html  # probation overdue
    assert "Không đảng viên nào có căn cứ xem xét xóa tên." in html
    assert "1 nhiệm vụ quá hạn" in html
    assert "← tháng 2/2021" in html and "tháng 4/2021 →" in html
    with freeze_time(NOW):
        april = client.get(f"/committees/{COMMITTEE_ID}", headers=tokens.inspector).get_data(as_text=True)
    assert "2/2 chi bộ chưa sinh hoạt thường kỳ tháng 4/2021" in april
    assert "Chi bộ Bình: <a" in april and "đồng chí Vũ Thị Sáu</a>." in april
    assert "tháng 5/2021 →" not in april  # no month still to come


# "2021-04-07" was a 500 until the page's title stopped writing out a month it had refused (found by the fuzz).
@pytest.mark.parametrize("month", ["2021-5", "2021-04-07", "tháng 4"])
def test_the_page_refuses_a_bad_month_in_vietnamese(client, tokens, committee, month):
    with freeze_time(NOW):
        page = client.get(f"/committees/{COMMITTEE_ID}", query_string={"month": month}, headers=tokens.inspector)

    assert page.status_code == 400
    assert "Tháng phải có dạng YYYY-MM" in page.get_data(as_text=True)


def test_an_inspectors_home_page_leads_to_the_committees(client, tokens, committee):
    with freeze_time(NOW):
        home = client.get("/", headers=tokens.inspector).get_data(as_text=True)

    assert f'href="/committees/{COMMITTEE_ID}">Đảng bộ xã Thử</a>' in home


def test_one_committees_overview_costs_the_others_cells_only_a_look_at_their_names(client, tokens, committee):
    _overview(client, tokens.inspector)
    kept = committee.overview.month("2021-03")
    assert "verification" in kept[AN].row and "verification" not in kept[ELSEWHERE].row

    with freeze_time(NOW):
        other = client.get("/api/v1/committees/dang-bo-phuong-khac/overview", query_string={"month": "2021-03"},
                           headers=tokens.inspector).json

    assert [c["cell_id"] for c in other["cells"]] == [ELSEWHERE] and other["cells"][0]["verification"]["ok"]
    assert "verification" in committee.overview.month("2021-03")[ELSEWHERE].row
