"""A whole meeting on a 390 px phone, counted (issue 16): the clerk's taps, pickers and scrolling, entry by entry.

The console of before took 110 taps, 22 pickers and about 14 screens of scrolling for the same 18 entries by the
issue's count (BEFORE, the bar here); this walk, which skips a field already right, counted 79 taps, 17 pickers
and 11.5 screens on that console (b37d1d7). `python -m bench.console_effort` runs it on both, side by side.
"""

from playwright.sync_api import expect
from werkzeug.security import generate_password_hash

from chibo_events.access import Member
from tests.e2e.meeting_walk import CLERK, walk_meeting
from tests.e2e.pages import PHONE, sign_in
from tests.e2e.test_console import CELL, cell_of_our_own, new_meeting_id

__all__ = ["cell_of_our_own"]  # the module's autouse fixture: the test cell
BEFORE = {"taps": 110, "pickers": 22, "screens": 14}
LINKED_CLERK, PASSWORD = "thuky-dem", "chibo-thuky-dem"


def test_a_whole_meeting_on_a_phone_takes_a_third_fewer_taps_and_under_five_screens(new_page, app, capsys,
                                                                                     screenshot, console_errors):
    accounts = app.extensions["chibo_store"].accounts
    if accounts.find(LINKED_CLERK) is None:  # the cell's clerk, linked to her member on the roll
        accounts.add(LINKED_CLERK, generate_password_hash(PASSWORD), "clerk", [CELL], Member(CELL, CLERK))
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in(page, LINKED_CLERK, PASSWORD)
    meeting_id = new_meeting_id()

    effort = walk_meeting(page, CELL, meeting_id)

    with capsys.disabled():
        print(f"\nMột buổi sinh hoạt 18 mục trên điện thoại 390 px:\n{effort.report()}")
    answer = page.request.get(f"/api/v1/cells/{CELL}/events", params={"stream": f"meeting:{meeting_id}"})
    assert answer.ok
    stored = answer.json()["events"]
    kinds = [e["type"] for e in stored]
    attended = [e["data"]["member_id"] for e in stored if e["type"] == "AttendanceRecorded"]
    assert len(attended) == len(set(attended)) >= 15  # every member on the roll once
    assert [k for k in kinds if k != "AttendanceRecorded"] == [
        "MeetingOpened", "GuestAttended", "AgendaSet", "SpeechGiven", "ReportPresented", "SpeechGiven",
        "SpeechGiven", "ReportPresented", "SpeechGiven", "SpeechGiven", "TaskAssigned", "TaskAssigned",
        "MemberCommended", "MemberCriticized", "ConclusionAdopted", "MinutesApproved", "MeetingClosed"]
    items = [e["data"].get("agenda_item") for e in stored if e["type"] in ("SpeechGiven", "ReportPresented")]
    assert items == [None, 1, 1, 1, 2, 2, 3]  # every entry under the item it was said under
    assert len(effort.entries) == 18
    assert effort.taps <= BEFORE["taps"] * 2 / 3, effort.report()
    assert effort.screens < 5, effort.report()
    expect(page.locator("#live .summary")).to_contain_text("Đã bế mạc")
    screenshot(page, "console-whole-meeting-phone")
    assert console_errors == []
