"""The clerk's console in a real browser: a meeting recorded through the forms while an inspector watches it live."""

import uuid

import pytest
from playwright.sync_api import expect
from werkzeug.security import generate_password_hash

from chibo_events.catalogue import check_request
from chibo_events.demo import book as demo_book
from tests.e2e.pages import PHONE, sign_in

# A cell of their own with the demo roster, so these tests leave the demo book th-ky-tho as loaded.
CELL = "ky-tho-thu"
CLERK, CLERK_PASSWORD = "thuky-thu", "chibo-thuky-thu"
ABSENT = "le-thi-thu-ha"          # an official member, absent with a reason
SPEAKER = "nguyen-huy-tho"
ASSIGNEES = ("duong-thi-le", "nguyen-thi-thuong")
COMMENDED = "duong-thi-le"
VOTERS = 14                       # 15 official members on the roll, one absent
HTML_TEXT = "<script>alert(1)</script><b>x</b>"
LIVE = 2000                       # ms: every watcher sees an entry within two seconds


@pytest.fixture(scope="module", autouse=True)
def cell_of_our_own(app):
    """Write the test cell (the demo roster in a book of its own) and its clerk, once."""
    store = app.extensions["chibo_store"]
    if not store.book_exists(CELL):
        store.register_book(CELL, {**demo_book.CELL, "name": "Chi bộ thử nghiệm Kỳ Thọ"}, "admin",
                             demo_book.REGISTERED_AT)
        for body in demo_book.roster():
            store.append(CELL, check_request(body), "admin")
        store.accounts.add(CLERK, generate_password_hash(CLERK_PASSWORD), "clerk", [CELL])
    return CELL


def sign_in_clerk(page) -> None:
    sign_in(page, CLERK, CLERK_PASSWORD)


def new_meeting_id() -> str:
    return f"e2e-{uuid.uuid4().hex[:8]}"


def open_meeting(page, meeting_id: str) -> None:
    """Open a new meeting from the cell page's form and land on its page."""
    page.goto(f"/cells/{CELL}")
    page.click("#mo-cuoc-hop summary")
    page.fill("#open-meeting_id", meeting_id)
    page.fill("#open-title", f"Sinh hoạt chi bộ thử {meeting_id}")
    page.fill("#open-location", "Phòng họp Trường Tiểu học Kỳ Thọ")
    page.select_option("#open-chair", "nguyen-thi-hong-van")
    page.select_option("#open-clerk", "phan-thi-hoa")
    with page.expect_navigation():
        page.click("#mo-cuoc-hop button[type=submit]")
    assert page.url.endswith(f"/cells/{CELL}/meetings/{meeting_id}")


def panel(page, form: str):
    """Open the console panel of a form and return the form."""
    details = page.locator(f"#muc-{form}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return page.locator(f"#form-{form}")


def submit(form) -> None:
    """Press the form's button and wait until the clerk sees it stored."""
    form.locator("button[type=submit]").click()
    expect(form.page.locator(f"#{form.get_attribute('id')} .notice")).to_contain_text("Đã ghi")


def stored_events(page, meeting_id: str, event_type: str) -> list[dict]:
    """Return the meeting's events of a type, asked of the API with the page's session."""
    response = page.request.get(f"/api/v1/cells/{CELL}/events",
                                params={"stream": f"meeting:{meeting_id}", "type": event_type})
    assert response.ok
    return response.json()["events"]


def top(page):
    """Scroll to the top, so a full-page screenshot shows the sticky record where a reader first sees it."""
    page.evaluate("window.scrollTo(0, 0)")
    return page


DEVICES = {
    "desktop": {},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
}


@pytest.mark.parametrize("device", DEVICES)
def test_a_clerk_records_a_meeting_that_an_inspector_sees_live(new_page, console_errors, screenshot, device):
    clerk = new_page(**DEVICES[device])
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    inspector = new_page(**DEVICES[device])
    sign_in(inspector, "thanhtra", next_path=f"/cells/{CELL}/meetings/{meeting_id}")
    live = inspector.locator("#live")
    expect(live).to_contain_text("Khai mạc")
    inspector.evaluate("window.notReloaded = true")

    form = panel(clerk, "attendance")
    form.locator(f"select[name='status-{ABSENT}']").select_option("absent_excused")
    form.locator(f"input[name='reason-{ABSENT}']").fill("Đi công tác")
    submit(form)
    expect(live.locator(".summary")).to_contain_text("vắng có lý do 1", timeout=LIVE)

    form = panel(clerk, "guest")
    form.locator("input[name=name]").fill("Dương Đình Hới")
    form.locator("input[name=title]").fill("Bí thư Đảng ủy xã Kỳ Thọ")
    submit(form)
    expect(live).to_contain_text("Khách mời: đồng chí Dương Đình Hới", timeout=LIVE)

    form = panel(clerk, "speech")
    form.locator("select[name=speaker]").select_option(f"m:{SPEAKER}")
    form.locator("select[name=kind]").select_option("opinion")
    form.locator("textarea[name=summary]").fill(HTML_TEXT)
    submit(form)
    expect(live).to_contain_text(HTML_TEXT, timeout=LIVE)

    form = panel(clerk, "task")
    form.locator("textarea[name=description]").fill("Hoàn thành hồ sơ kiểm định chất lượng")
    for member_id in ASSIGNEES:
        form.locator(f"input[name=assignees][value='{member_id}']").check()
    form.locator("input[name=due]").fill("2030-05-05")
    submit(form)
    expect(live).to_contain_text("Giao nhiệm vụ cho đồng chí Dương Thị Lê", timeout=LIVE)

    form = panel(clerk, "commend")
    form.locator("select[name=member_id]").select_option(COMMENDED)
    form.locator("textarea[name=reason]").fill("Có nhiều sáng kiến trong giảng dạy")
    submit(form)
    expect(live).to_contain_text("Biểu dương đồng chí Dương Thị Lê", timeout=LIVE)

    form = panel(clerk, "conclusion")
    form.locator("textarea[name=text]").fill("Chi bộ thống nhất nhiệm vụ tháng tới")
    form.locator("input[name=votes_for]").fill(str(VOTERS))
    form.locator("input[name=votes_against]").fill("0")
    form.locator("input[name=votes_abstain]").fill("0")
    submit(form)
    expect(live).to_contain_text(f"Kết luận: Chi bộ thống nhất nhiệm vụ tháng tới (biểu quyết: {VOTERS} tán thành",
                                 timeout=LIVE)

    form = panel(clerk, "approval")
    for name, value in (("votes_for", VOTERS), ("votes_against", 0), ("votes_abstain", 0)):
        form.locator(f"input[name={name}]").fill(str(value))
    submit(form)
    expect(live).to_contain_text("Thông qua biên bản", timeout=LIVE)
    form = panel(clerk, "close")
    form.locator("input[name=confirm]").check()
    with clerk.expect_navigation():  # the console changes once closed: the page reloads itself
        form.locator("button[type=submit]").click()
    expect(live).to_contain_text("Bế mạc buổi sinh hoạt", timeout=LIVE)
    expect(live.locator(".summary")).to_contain_text("Đã bế mạc")
    expect(clerk.locator("#muc-guest")).to_have_count(0)

    screenshot(top(inspector), f"meeting-live-inspector-{device}")
    assert inspector.evaluate("window.notReloaded") is True
    assert inspector.locator("#live .what b").count() == 0  # the HTML stayed text
    assert inspector.locator("#ghi").count() == 0           # an inspector gets no console
    screenshot(top(clerk), f"console-closed-{device}")
    assert clerk.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert console_errors == []


def test_a_double_click_and_a_retried_post_store_one_event(new_page, console_errors):
    clerk = new_page()
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    form = panel(clerk, "commend")
    form.locator("select[name=member_id]").select_option(COMMENDED)
    form.locator("textarea[name=reason]").fill("Nhiệt tình")
    form.locator("button[type=submit]").dblclick()
    expect(clerk.locator("#form-commend .notice")).to_contain_text("Đã ghi")
    assert len(stored_events(clerk, meeting_id, "MemberCommended")) == 1

    # A retry over a bad connection sends the very same form again: same event_id, so nothing new is stored.
    form = panel(clerk, "guest")
    form.locator("input[name=name]").fill("Cao Thị Hồng Lam")
    form.locator("input[name=title]").fill("Phó Bí thư Đảng ủy xã")
    statuses = clerk.evaluate("""async () => {
        const form = document.getElementById('form-guest');
        const send = () => fetch(form.action,
                                 {method: 'POST', body: new FormData(form), headers: {'HX-Request': 'true'}});
        return [(await send()).status, (await send()).status];
    }""")
    assert statuses == [200, 200]
    assert len(stored_events(clerk, meeting_id, "GuestAttended")) == 1
    assert console_errors == []


def test_a_bad_entry_shows_a_vietnamese_error_beside_the_field_and_stores_nothing(new_page, console_errors):
    clerk = new_page()
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    form = panel(clerk, "commend")
    form.locator("textarea[name=reason]").fill("Không chọn ai")
    form.locator("button[type=submit]").click()
    error = clerk.locator("#commend-member_id-error")
    expect(error).to_have_text("Thiếu trường bắt buộc.")
    expect(clerk.locator("#commend-member_id")).to_be_focused()
    expect(clerk.locator("#form-commend textarea[name=reason]")).to_have_value("Không chọn ai")
    assert stored_events(clerk, meeting_id, "MemberCommended") == []
    assert console_errors == []


def test_the_keyboard_alone_records_a_guest_and_returns_to_the_first_field(new_page, console_errors, screenshot):
    clerk = new_page()
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    clerk.focus("#muc-guest summary")
    clerk.keyboard.press("Enter")                       # opens the panel
    clerk.keyboard.press("Tab")
    expect(clerk.locator("#guest-name")).to_be_focused()
    clerk.keyboard.type("Hồ Văn Hiển")
    clerk.keyboard.press("Tab")
    clerk.keyboard.type("Chủ tịch UBND xã Kỳ Thọ")
    clerk.keyboard.press("Enter")                       # submits the form
    expect(clerk.locator("#form-guest .notice")).to_contain_text("Đã ghi")
    expect(clerk.locator("#guest-name")).to_be_focused()
    assert len(stored_events(clerk, meeting_id, "GuestAttended")) == 1
    expect(clerk.locator("#live")).to_contain_text("Khách mời: đồng chí Hồ Văn Hiển")
    screenshot(top(clerk), "console-desktop")
    assert console_errors == []


def test_a_phone_shows_the_console_without_sideways_scrolling(new_page, console_errors, screenshot):
    clerk = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    panel(clerk, "attendance")
    wide = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    assert clerk.evaluate(wide), "the meeting page scrolls sideways on a phone"
    screenshot(top(clerk), "console-phone")
    form = panel(clerk, "speech")
    form.locator("select[name=speaker]").select_option(f"m:{SPEAKER}")
    form.locator("textarea[name=summary]").fill("Ý kiến rất dài " * 30)
    submit(form)
    assert clerk.evaluate(wide)
    screenshot(top(clerk), "console-speech-phone")
    for path in (f"/cells/{CELL}", "/", "/login"):
        clerk.goto(path)
        assert clerk.evaluate(wide), f"{path} scrolls sideways on a phone"
    clerk.goto(f"/cells/{CELL}")
    screenshot(top(clerk), "cell-phone")

    inspector = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in(inspector, "thanhtra", next_path="/cells/th-ky-tho/meetings/2021-04-07")
    assert inspector.evaluate(wide)
    screenshot(top(inspector), "meeting-inspector-phone")
    assert console_errors == []


def test_the_sign_in_and_cell_pages_render_on_the_desktop(new_page, console_errors, screenshot):
    page = new_page()
    page.goto("/")
    assert "/login" in page.url
    screenshot(top(page), "login-desktop")
    page.fill("input[name=username]", "thuky")
    page.fill("input[name=password]", "sai-mat-khau")  # the demo clerk, on the demo book: only read here
    page.click("main form button[type=submit]")
    expect(page.locator(".alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    sign_in(page, "thuky")
    page.goto("/cells/th-ky-tho")
    expect(page.locator("h1")).to_have_text("Chi bộ Trường Tiểu học Kỳ Thọ")
    screenshot(top(page), "cell-desktop")
    page.goto(f"/cells/{CELL}")
    expect(page.locator("h1")).to_have_text("Không có quyền truy cập")  # the demo clerk in another clerk's cell
    screenshot(page, "error-403-desktop")
    # A wrong password answers 401 and a foreign cell 403, which Chromium logs as failed resources; nothing else.
    assert [e for e in console_errors if "401" not in e and "403" not in e] == []


def test_a_clerk_corrects_an_entry_and_the_record_marks_it_corrected(new_page, console_errors):
    clerk = new_page()
    sign_in_clerk(clerk)
    meeting_id = new_meeting_id()
    open_meeting(clerk, meeting_id)
    form = panel(clerk, "guest")
    form.locator("input[name=name]").fill("Nguyễn Thị Minh Tú")
    form.locator("input[name=title]").fill("Bí thư Chi bộ")
    submit(form)
    seq = stored_events(clerk, meeting_id, "GuestAttended")[0]["seq"]
    clerk.locator("#dinh-chinh summary").click()
    clerk.select_option("#correct-target", str(seq))  # the picker was refreshed when the guest was stored
    clerk.click("#dinh-chinh .pick-correction button")
    correction = clerk.locator("#form-correction")
    expect(correction.locator("input[name=title]")).to_have_value("Bí thư Chi bộ")
    correction.locator("input[name=title]").fill("Bí thư Chi bộ Trường Mầm non xã Kỳ Thọ")
    correction.locator("textarea[name=correction_reason]").fill("Ghi thiếu tên đơn vị")
    correction.locator("button[type=submit]").click()
    expect(clerk.locator("#correction-slot .notice")).to_contain_text("Đã ghi")
    expect(clerk.locator(f"#su-kien-{seq}")).to_contain_text("Bí thư Chi bộ Trường Mầm non xã Kỳ Thọ")
    expect(clerk.locator(f"#su-kien-{seq}")).to_contain_text("đã đính chính")
    corrected = stored_events(clerk, meeting_id, "EventCorrected")
    assert [e["data"]["target_seq"] for e in corrected] == [seq]
    assert console_errors == []
