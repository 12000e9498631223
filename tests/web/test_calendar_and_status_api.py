"""The calendar and member status by the party's rules, through the API on the demo book, both engines."""

from chibo_events.demo import book

API = f"/api/v1/cells/{book.BOOK}"


def test_the_calendar_of_2021_names_the_months_without_a_regular_meeting(client, tokens, demo):
    answer = client.get(f"{API}/calendar", query_string={"year": 2021}, headers=tokens.inspector)

    assert answer.status_code == 200
    calendar = answer.json
    months = {m["month"]: m for m in calendar["months"]}
    assert months["2021-03"]["regular"] == ["2021-03-05"] and months["2021-04"]["regular"] == ["2021-04-07"]
    assert calendar["missing_regular"][:2] == ["2021-01", "2021-02"] and "2021-03" not in calendar["missing_regular"]
    assert months["2021-04"]["thematic"] == ["2021-04-21"]
    assert calendar["quarters_without_thematic"] == [1, 3, 4]  # the second quarter had its thematic meeting


def test_a_bad_year_is_a_400_and_another_cells_reader_a_403(client, tokens, demo):
    bad = client.get(f"{API}/calendar", query_string={"year": "20x1"}, headers=tokens.inspector)
    assert (bad.status_code, bad.json["error"]) == (400, "malformed")
    assert client.get(f"{API}/calendar", headers=tokens.member(cell="khac")).status_code == 403


def test_the_demo_members_paid_their_dues_to_april_and_none_has_a_removal_warning(client, tokens, demo):
    statuses = client.get(f"{API}/members", query_string={"on": "2021-05-10"}, headers=tokens.inspector).json

    assert {s["dues_unpaid_months"] for s in statuses} == {0}
    assert not any(s["removal_warning"] for s in statuses)
    linh = next(s for s in statuses if s["member_id"] == book.LINH)
    assert (linh["probation_ends_on"], linh["probation_overdue"]) == ("2021-06-18", False)


def test_three_months_later_every_member_has_a_removal_warning_for_dues(client, tokens, demo):
    statuses = client.get(f"{API}/members", query_string={"on": "2021-08-10"}, headers=tokens.inspector).json

    assert {s["dues_unpaid_months"] for s in statuses} == {3}  # May, June, July
    assert all(s["removal_warning"] for s in statuses)
