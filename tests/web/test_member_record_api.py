"""GET /cells/<cell>/members/<member_id> on the demo book: one member's whole record, both engines.

Dương Thị Lê came to the three meetings of March and April 2021, was given a
task in March and one in April, was commended in April and paid her dues
from January to April.
"""

import pytest

from chibo_events.catalogue import check_request
from chibo_events.demo import book

API = f"/api/v1/cells/{book.BOOK}"
LE = f"{API}/members/{book.LE}"
MAY = "2021-05-10"


def record(client, headers, path=LE, **params):
    answer = client.get(path, headers=headers, query_string={"on": MAY, **params})
    assert answer.status_code == 200, answer.get_data(as_text=True)[:2000]
    return answer.json


def test_her_record_is_her_status_as_the_members_list_gives_it_and_the_meetings_it_counts(client, tokens, demo):
    found = record(client, tokens.member())
    listed = next(s for s in client.get(f"{API}/members", query_string={"on": MAY}, headers=tokens.member()).json
                  if s["member_id"] == book.LE)

    assert (found["full_name"], found["position"], found["kind"]) == ("Dương Thị Lê", "Giáo viên", "official")
    assert {k: v for k, v in found.items() if k in listed and k not in ("commendations", "criticisms", "dues")} \
        == {k: v for k, v in listed.items() if k not in ("commendations", "criticisms", "dues")}
    assert [(m["meeting_id"], m["kind"], m["status"]) for m in found["meetings"]] == [
        ("2021-03-05", "regular", "present"), ("2021-04-07", "regular", "present"),
        ("2021-04-21", "thematic", "present")]
    assert found["attendance"]["meetings"] == len(found["meetings"]) == 3


def test_her_tasks_are_the_march_one_done_and_the_april_one_overdue_in_may(client, tokens, demo):
    tasks = {t["task_id"]: t for t in record(client, tokens.inspector)["tasks"]}

    assert set(tasks) == {book.GVDG_TASK, "2021-04-chuyen-de-gvdg"}
    assert (tasks[book.GVDG_TASK]["status"], tasks[book.GVDG_TASK]["open"]) == ("done", False)
    april = tasks["2021-04-chuyen-de-gvdg"]
    assert (april["due"], april["open"], april["overdue"]) == ("2021-04-30", True, True)


def test_her_commendation_names_the_april_meeting_and_she_has_no_criticism(client, tokens, demo):
    found = record(client, tokens.inspector)

    assert [(c["meeting_id"], c["reason"]) for c in found["commendations"]] == [
        ("2021-04-07", "Dự thi giáo viên dạy giỏi cấp tỉnh đạt kết quả tốt.")]
    assert found["criticisms"] == [] and found["ratings"] == []


def test_her_dues_are_those_of_january_to_april_2021(client, tokens, demo):
    found = record(client, tokens.inspector)

    assert found["dues"] == [{"month": month, "amount": 50000} for month in book.DUES_MONTHS]
    assert found["dues_unpaid"] == [] and found["dues_unpaid_months"] == 0


def test_her_yearly_ratings_are_listed_by_year(client, tokens, demo):
    for year, rating in ((2020, "excellent"), (2019, "good")):
        demo.append(book.BOOK, check_request({
            "stream": "cell", "type": "MemberRated", "occurred_at": "2021-01-10T08:00:00+07:00",
            "data": {"member_id": book.LE, "year": year, "rating": rating}}), "admin")

    found = record(client, tokens.inspector)

    assert found["ratings"] == [{"year": 2019, "rating": "good"}, {"year": 2020, "rating": "excellent"}]
    assert found["last_rating"] == {"year": 2020, "rating": "excellent"}


def test_as_of_before_the_april_meeting_was_recorded_leaves_it_out(client, tokens, demo):
    opening = demo.page(book.BOOK, stream=book.APRIL, limit=1)[0]
    before = demo.page(book.BOOK, after_seq=opening["seq"] - 2, limit=1)[0]

    found = record(client, tokens.inspector, as_of=before["recorded_at"])

    assert [m["meeting_id"] for m in found["meetings"]] == ["2021-03-05"]
    assert found["commendations"] == [] and [t["task_id"] for t in found["tasks"]] == [book.GVDG_TASK]
    assert found["dues"] == []  # recorded after the April meeting


def test_on_a_day_before_april_her_record_stops_at_march(client, tokens, demo):
    found = record(client, tokens.inspector, on="2021-03-31")

    assert [m["meeting_id"] for m in found["meetings"]] == ["2021-03-05"]
    assert [d["month"] for d in found["dues"]] == ["2021-01", "2021-02", "2021-03"]


@pytest.mark.parametrize("member_id", ["khong-co-ai", "Duong Thi Le", "a" * 65, "le%00"])
def test_an_unknown_member_or_an_id_that_is_no_slug_is_a_404_in_the_error_shape(client, tokens, demo, member_id):
    answer = client.get(f"{API}/members/{member_id}", headers=tokens.inspector)

    assert answer.status_code == 404
    assert set(answer.json) == {"error", "message", "details"} and answer.json["error"] == "not_found"


def test_a_member_who_had_not_joined_by_that_day_is_a_404(client, tokens, demo):
    answer = client.get(LE, headers=tokens.inspector, query_string={"on": "2011-01-01"})

    assert answer.status_code == 404 and "chưa vào chi bộ" in answer.json["message"]


def test_a_bad_day_is_a_400_and_another_cells_reader_a_403(client, tokens, demo):
    bad = client.get(LE, headers=tokens.inspector, query_string={"on": "2021-13-01"})
    assert (bad.status_code, bad.json["error"], list(bad.json["details"])) == (400, "malformed", ["on"])
    assert client.get(LE, headers=tokens.member(cell="khac")).status_code == 403
    assert client.get(LE).status_code == 401
