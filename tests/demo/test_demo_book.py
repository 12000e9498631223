"""`chibo demo`: the meeting of 7 April 2021 and the demo users, loaded once however often it runs.

What the book holds is read from the suite's `demo` fixture (the same load);
the tests of the command itself run it.
"""

from werkzeug.security import check_password_hash, generate_password_hash

from chibo_events.demo import book
from chibo_events.demo.load import USERS
from chibo_events.rules import BookState

APRIL = book.APRIL


def run_demo(runner):
    result = runner.invoke(args=["chibo", "demo"])
    assert result.exit_code == 0, result.output
    return result.output


def stored_events(store) -> list[dict]:
    return store.page(book.BOOK, limit=1000)


def of_type(events, type, stream=None) -> list[dict]:
    return [e for e in events if e["type"] == type and (stream is None or e["stream"] == stream)]


def test_the_demo_book_holds_the_april_meeting_with_17_members_5_guests_and_3_commendations(demo):
    events = stored_events(demo)
    state = BookState(book.BOOK)
    for envelope in events:
        state.apply(envelope)
    joined = {e["data"]["member_id"]: e["data"] for e in of_type(events, "MemberJoined")}
    assert len([m for m in joined if state.is_on_roll(m)]) == 17
    assert sum(1 for m in joined.values() if m["kind"] == "probationary") == 2
    guests = [e["data"]["name"] for e in of_type(events, "GuestAttended", APRIL)]
    assert guests == ["Dương Đình Hới", "Cao Thị Hồng Lam", "Hồ Văn Hiển", "Nguyễn Hữu Hùng", "Nguyễn Thị Minh Tú"]
    commended = [e["data"]["member_id"] for e in of_type(events, "MemberCommended", APRIL)]
    assert commended == ["duong-thi-le", "nguyen-huy-tho", "nguyen-thi-thuong"]
    assert state.is_closed(APRIL)
    assert of_type(events, "MeetingClosed", APRIL)[0]["occurred_at"] == "2021-04-07T16:30:00+07:00"


def test_the_april_meeting_opens_with_its_bi_thu_in_the_chair_and_only_the_14_officials_present_vote(demo):
    events = [e for e in stored_events(demo) if e["stream"] == APRIL]
    assert events[0]["type"] == "MeetingOpened"
    assert events[0]["data"]["chair"] == "nguyen-thi-hong-van"
    assert events[0]["occurred_at"] == "2021-04-07T14:00:00+07:00"
    absent = [e["data"] for e in of_type(events, "AttendanceRecorded") if e["data"]["status"] != "present"]
    assert len(of_type(events, "AttendanceRecorded")) == 17 and len(absent) == 1
    assert absent[0]["status"] == "absent_excused" and absent[0]["reason"]
    for vote in of_type(events, "ConclusionAdopted") + of_type(events, "MinutesApproved"):
        assert (vote["data"]["votes_for"], vote["data"]["votes_against"], vote["data"]["votes_abstain"]) == (14, 0, 0)


def test_the_march_tasks_are_reported_on_in_april(demo):
    events = stored_events(demo)
    given_in_march = {e["data"]["task_id"] for e in of_type(events, "TaskAssigned", book.MARCH)}
    reported_in_april = {e["data"]["task_id"] for e in of_type(events, "TaskReported", APRIL)}
    assert given_in_march and given_in_march == reported_in_april
    assert 2 <= len(of_type(events, "TaskAssigned", APRIL)) <= 4


def test_every_demo_request_was_stored_so_every_one_passed_the_rules(demo):
    requests = book.requests()
    events = stored_events(demo)
    assert demo.head(book.BOOK).seq == 1 + len(requests)  # CellRegistered, then each request
    assert [e["event_id"] for e in events[1:]] == [r["event_id"] for r in requests]


def test_running_it_a_second_time_adds_nothing_and_says_so(runner, store):
    first = run_demo(runner)
    head = store.head(book.BOOK)
    second = run_demo(runner)
    assert store.head(book.BOOK) == head
    assert f"thêm {1 + len(book.requests())} sự kiện, 0 sự kiện đã có sẵn" in first
    assert f"thêm 0 sự kiện, {head.seq} sự kiện đã có sẵn" in second
    assert "Không có gì thay đổi" in second


def test_every_demo_user_logs_in_with_the_password_it_prints(runner, store):
    output = run_demo(runner)
    assert "mật khẩu mẫu" in output
    for user in USERS:
        assert user.username in output and user.password in output
        account, password_hash = store.accounts.find(user.username)
        assert check_password_hash(password_hash, user.password)
        assert (account.role, account.cells) == (user.role, frozenset(user.cells))
    assert {user.role for user in USERS} == {"admin", "clerk", "inspector", "member"}


def test_a_user_that_already_exists_keeps_its_own_password(runner, store):
    store.accounts.add("admin", generate_password_hash("mat-khau-rieng"), "admin")
    output = run_demo(runner)
    _, password_hash = store.accounts.find("admin")
    assert check_password_hash(password_hash, "mat-khau-rieng")
    assert "chibo-admin" not in output


def test_each_demo_request_has_a_fixed_id_of_its_own():
    first, again = book.requests(), book.requests()
    assert [r["event_id"] for r in first] == [r["event_id"] for r in again]
    assert len({r["event_id"] for r in first}) == len(first)
