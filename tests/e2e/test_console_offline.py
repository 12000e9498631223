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


def test_an_answer_lost_after_the_server_stored_the_entry_is_sent_again_and_stored_once(new_page, app):
    clerk = new_page()
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
