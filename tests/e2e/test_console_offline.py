"""The clerk's console on bad Wi-Fi, in Chromium with its own offline switch and network interception:
every entry is kept, sent again by itself in order, stored exactly once, and the clerk is told the truth.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_console import CELL, cell_of_our_own, new_meeting_id, open_meeting, panel, sign_in_clerk
from tests.e2e.test_console import DEVICES as DEVICES_OF_THE_CONSOLE

__all__ = ["cell_of_our_own"]  # the module's autouse fixture: the test cell and its clerk
DEVICES = DEVICES_OF_THE_CONSOLE
SPEAKER = "m:nguyen-huy-tho"


def speeches(app, meeting_id: str) -> list[str]:
    """The summaries of the meeting's speeches as the store holds them, in order."""
    events = app.extensions["chibo_store"].page(CELL, stream=f"meeting:{meeting_id}", type="SpeechGiven", limit=1000)
    return [e["data"]["summary"] for e in events]


_SESSIONS: dict = {}  # page → its DevTools session: the conditions set by one session are undone by the same


def slow_network(page, latency_ms: int, bytes_per_s: int = -1) -> None:
    """Emulate the line with Chromium's own network conditions (DevTools); latency 0 and -1 restore it."""
    if page not in _SESSIONS:
        _SESSIONS[page] = page.context.new_cdp_session(page)
        _SESSIONS[page].send("Network.enable")
    _SESSIONS[page].send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency_ms, "downloadThroughput": bytes_per_s, "uploadThroughput": bytes_per_s})


def type_speech(page, text: str):
    form = panel(page, "speech")
    form.locator("select[name=speaker]").select_option(SPEAKER)
    form.locator("select[name=kind]").select_option("opinion")
    form.locator("textarea[name=summary]").fill(text)
    return form


@pytest.mark.parametrize("device", DEVICES)
def test_entries_made_offline_wait_in_the_outbox_and_are_stored_once_in_order_when_the_network_returns(
        new_page, app, screenshot, device):
    clerk = new_page(**DEVICES[device])
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)

    clerk.context.set_offline(True)
    type_speech(clerk, "Ý kiến thứ nhất, ghi khi mất mạng").locator("button[type=submit]").click()
    expect(clerk.locator("#outbox .outbox-count")).to_contain_text("1 mục chưa gửi")
    expect(clerk.locator("#form-speech textarea[name=summary]")).to_have_value("")  # free for the next entry
    type_speech(clerk, "Ý kiến thứ hai, vẫn mất mạng").locator("button[type=submit]").click()
    expect(clerk.locator("#outbox .outbox-count")).to_contain_text("2 mục chưa gửi")
    screenshot(clerk, f"console-outbox-offline-{device}")
    assert speeches(app, meeting_id) == []

    clerk.context.set_offline(False)
    expect(clerk.locator("#outbox .outbox-count")).to_contain_text("Mọi mục đã gửi", timeout=15000)
    expect(clerk.locator("#outbox")).to_contain_text("Đã ghi #")
    assert speeches(app, meeting_id) == ["Ý kiến thứ nhất, ghi khi mất mạng", "Ý kiến thứ hai, vẫn mất mạng"]


# Playwright's routes do not see requests a service worker controls: these tests lose answers by route, so
# they run without the worker (the offline ones use the browser's own switch, worker and all).
NO_WORKER = {"service_workers": "block"}


def test_an_answer_lost_after_the_server_stored_the_entry_is_sent_again_and_stored_once(new_page, app):
    clerk = new_page(**NO_WORKER)
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    lost = []

    def store_then_lose_the_answer(route):
        route.fetch()  # the server stores the entry…
        lost.append(True)
        route.abort("connectionreset")  # …and the answer never reaches the clerk

    clerk.route("**/console/speech", store_then_lose_the_answer)
    type_speech(clerk, "Ý kiến mà câu trả lời bị mất").locator("button[type=submit]").click()
    expect(clerk.locator("#outbox .outbox-count")).to_contain_text("1 mục chưa gửi")
    clerk.unroute("**/console/speech")

    expect(clerk.locator("#outbox .outbox-count")).to_contain_text("Mọi mục đã gửi", timeout=15000)
    assert lost == [True]
    assert speeches(app, meeting_id) == ["Ý kiến mà câu trả lời bị mất"]


def test_a_reload_while_offline_keeps_the_console_its_queue_and_the_typed_text(new_page, app, screenshot):
    clerk = new_page()
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    clerk.evaluate("navigator.serviceWorker.ready.then(() => true)")
    clerk.reload()  # now through the service worker, which keeps the page
    expect(clerk.locator("#form-speech")).to_have_count(1)

    clerk.context.set_offline(True)
    type_speech(clerk, "Gửi khi mất mạng rồi tải lại trang").locator("button[type=submit]").click()
    expect(clerk.locator("#outbox .outbox-count")).to_contain_text("1 mục chưa gửi")
    form = panel(clerk, "commend")
    form.locator("textarea[name=reason]").fill("Đang gõ dở thì tải lại trang")

    clerk.reload()
    expect(clerk.locator("h1")).to_contain_text("Sinh hoạt chi bộ thử")
    expect(clerk.locator("#outbox .outbox-count")).to_contain_text("1 mục chưa gửi")
    expect(clerk.locator("#form-commend textarea[name=reason]")).to_have_value("Đang gõ dở thì tải lại trang")
    screenshot(clerk, "console-offline-reloaded")

    clerk.context.set_offline(False)
    expect(clerk.locator("#outbox .outbox-count")).to_contain_text("Mọi mục đã gửi", timeout=15000)
    assert speeches(app, meeting_id) == ["Gửi khi mất mạng rồi tải lại trang"]


def test_a_typo_fixed_after_a_lost_answer_becomes_a_correction_not_a_second_speech(new_page, app):
    clerk = new_page(**NO_WORKER)
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)

    def store_then_lose_the_answer(route):
        route.fetch()
        route.abort("connectionreset")

    clerk.route("**/console/speech", store_then_lose_the_answer)
    type_speech(clerk, "Ý kiến có lỗi chíng tả").locator("button[type=submit]").click()
    edit = clerk.locator("#outbox button:has-text('Sửa')")
    expect(edit).to_be_visible()
    edit.click()
    clerk.unroute("**/console/speech")
    form = clerk.locator("#form-speech")
    expect(form.locator("textarea[name=summary]")).to_have_value("Ý kiến có lỗi chíng tả")
    form.locator("textarea[name=summary]").fill("Ý kiến có lỗi chính tả")
    form.locator("button[type=submit]").click()
    offer = clerk.locator("#form-speech button[name=correct_seq]")
    expect(offer).to_contain_text("Đính chính mục số")
    offer.click()
    expect(clerk.locator("#form-speech .notice")).to_contain_text("Đã ghi")

    store = app.extensions["chibo_store"]
    assert speeches(app, meeting_id) == ["Ý kiến có lỗi chíng tả"]  # one speech, as first stored
    [correction] = store.page(CELL, stream=f"meeting:{meeting_id}", type="EventCorrected", limit=10)
    assert correction["data"]["data"]["summary"] == "Ý kiến có lỗi chính tả"


def test_on_a_slow_line_the_clerk_sees_it_sending_and_only_then_stored(new_page, app):
    clerk = new_page(**DEVICES["phone"])
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    slow_network(clerk, 4000, 5000)
    form = type_speech(clerk, "Ý kiến gửi qua mạng chậm")
    form.locator("button[type=submit]").click()
    expect(clerk.locator("#form-speech .send-state")).to_have_text("Đang gửi…")
    expect(clerk.locator("#form-speech .notice")).to_have_count(0)
    expect(clerk.locator("#form-speech .notice")).to_contain_text("Đã ghi", timeout=30000)
    slow_network(clerk, 0)
    assert speeches(app, meeting_id) == ["Ý kiến gửi qua mạng chậm"]


def test_past_the_timeout_the_page_says_it_does_not_know_yet_and_asks_again_before_saying_stored(new_page, app):
    clerk = new_page()
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    slow_network(clerk, 16000)
    type_speech(clerk, "Ý kiến gửi lúc máy chủ trả lời quá chậm").locator("button[type=submit]").click()
    expect(clerk.locator("#form-speech .send-state")).to_contain_text("chưa biết đã ghi hay chưa", timeout=25000)
    expect(clerk.locator("#form-speech .notice")).to_have_count(0)  # never a false "Đã ghi"
    slow_network(clerk, 0)
    expect(clerk.locator("#outbox .outbox-count")).to_contain_text("Mọi mục đã gửi", timeout=20000)
    assert speeches(app, meeting_id) == ["Ý kiến gửi lúc máy chủ trả lời quá chậm"]


def test_a_reload_online_keeps_what_was_typed_in_its_form(new_page):
    clerk = new_page()
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    type_speech(clerk, "Đang gõ dở một ý kiến dài")
    clerk.reload()
    expect(clerk.locator("#muc-speech")).to_have_attribute("open", "")
    expect(clerk.locator("#form-speech textarea[name=summary]")).to_have_value("Đang gõ dở một ý kiến dài")


def test_on_a_phone_a_saved_form_folds_the_next_one_opens_and_what_was_stored_shows_at_the_top(new_page, screenshot):
    clerk = new_page(**DEVICES["phone"])
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)

    panel(clerk, "attendance").locator("button[type=submit]").click()

    expect(clerk.locator("#muc-guest")).to_have_attribute("open", "")
    expect(clerk.locator("#muc-attendance")).not_to_have_attribute("open", "")
    expect(clerk.locator("#outbox")).to_contain_text("Đã ghi #")
    expect(clerk.locator("#outbox")).to_contain_text("Điểm danh")
    box = clerk.locator("#outbox").bounding_box()
    form = clerk.locator("#form-guest").bounding_box()
    assert box and form and form["y"] - (box["y"] + box["height"]) < 844  # both within one phone screen
    screenshot(clerk, "console-after-attendance-phone")
