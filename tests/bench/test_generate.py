"""The generated books are what a clerk could record: normalised requests the store accepts as they are."""

from collections import Counter

from bench import generate
from chibo_events.catalogue import check_request
from chibo_events.store import Store

BOOK = "xa-001-cb-01"


def test_every_request_of_a_ten_year_book_is_already_in_its_normalised_form():
    bodies = list(generate.requests(BOOK))
    assert all(check_request(body).data == body["data"] for body in bodies)
    kinds = Counter(body["type"] for body in bodies)
    assert kinds["MeetingOpened"] == kinds["MeetingClosed"] == 120
    assert {"AttendanceRecorded", "SpeechGiven", "ReportPresented", "TaskAssigned", "TaskReported",
            "MemberCommended", "MemberCriticized", "ConclusionAdopted", "MinutesApproved", "EventCorrected",
            "MemberRated", "MemberKindChanged", "MemberLeft"} <= set(kinds)


def test_the_store_accepts_the_first_fifteen_months_through_append(tmp_path):
    store = Store.from_url(f"sqlite:///{tmp_path / 'generated.sqlite3'}")
    store.init_schema()
    store.register_book(BOOK, generate.cell_data(1, 1), "admin", "2016-01-02T08:00:00+07:00")
    appended = Counter()
    for body in generate.requests(BOOK):
        if body["occurred_at"] >= "2017-04":
            break
        envelope, created = store.append(BOOK, check_request(body), "thuky")
        assert created and envelope["event_id"] == body["event_id"]
        appended[body["type"]] += 1
    assert appended["EventCorrected"] >= 3 and appended["MemberLeft"] and appended["MemberKindChanged"]
    store.engine.dispose()
