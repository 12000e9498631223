"""The party's rules as plain functions: the vote's outcome, probation, removal, how often a cell meets."""

from datetime import date

from chibo_events import party_rules


def test_more_than_half_of_the_base_passes_and_two_thirds_admits():
    assert [party_rules.passed(n, 9) for n in (4, 5)] == [False, True]
    assert [party_rules.passed(n, 4) for n in (2, 3)] == [False, True]
    assert [party_rules.two_thirds(n, 9) for n in (5, 6)] == [False, True]
    assert not party_rules.passed(0, 0) and party_rules.share(4, 9) == 44.4 and party_rules.share(1, 0) is None


def test_probation_ends_twelve_months_on_and_is_overdue_thirty_working_days_later():
    ends = party_rules.probation_ends_on(date(2020, 2, 29))
    assert ends == date(2021, 2, 28)
    limit = party_rules.working_days_after(date(2021, 4, 7), 30)  # a Wednesday: six weeks of weekdays
    assert limit == date(2021, 5, 19)
    assert not party_rules.probation_overdue(date(2021, 4, 7), limit)
    assert party_rules.probation_overdue(date(2021, 4, 7), date(2021, 5, 20))


def test_three_months_without_dues_or_meetings_are_grounds_for_removal():
    assert not party_rules.removal_warning(2, 2)
    assert party_rules.removal_warning(3, 0) and party_rules.removal_warning(0, 3)
    assert party_rules.months_of_year(2021, date(2021, 3, 15), date(2021, 6, 1)) == [
        "2021-03", "2021-04", "2021-05"]  # June is under way: its dues are not late yet
    assert party_rules.months_of_year(2021, date(2010, 9, 1), date(2022, 1, 5))[-1] == "2021-12"
    assert party_rules.months_of_year(2021, date(2022, 1, 1), date(2022, 6, 1)) == []


def test_the_calendar_names_the_months_without_a_regular_meeting_and_the_quarters_without_a_thematic_one():
    meetings = [("2021-01-06", "regular", date(2021, 1, 6)), ("2021-02-03", "thematic", date(2021, 2, 3)),
                ("2021-03-03", "regular", date(2021, 3, 3)), ("2021-04-07", "regular", date(2021, 4, 7)),
                ("2020-12-02", "regular", date(2020, 12, 2))]

    found = party_rules.calendar(meetings, 2021, date(2021, 5, 10))

    assert [m["month"] for m in found["months"]] == ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05"]
    assert found["months"][1]["thematic"] == ["2021-02-03"]
    assert found["missing_regular"] == ["2021-02"]  # May is under way: not missed yet
    assert found["quarters_without_thematic"] == []  # the second quarter is not over
    later = party_rules.calendar(meetings, 2021, date(2021, 7, 1))
    assert later["missing_regular"] == ["2021-02", "2021-05", "2021-06"] and later["quarters_without_thematic"] == [2]
