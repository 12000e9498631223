"""The read pages in a real browser: the biên bản on screen, on a phone and on A4 paper; member status; audit trail."""

import pytest

from chibo_events.demo import book
from tests.e2e.pages import PHONE, sign_in

CELL = book.BOOK
MINUTES = f"/cells/{CELL}/meetings/2021-04-07/minutes"
MEMBERS = f"/cells/{CELL}/members"
AUDIT = f"/cells/{CELL}/audit"
A4_TEXT = {"width": 605, "height": 1123}  # the 16 cm between an A4 page's margins, at 96 px an inch


@pytest.fixture
def signed_in(new_page):
    """Return a function that opens a page signed in on /login as a demo user (desktop unless a viewport is given)."""

    def open_as(username, password, viewport=None):
        page = new_page(viewport)
        sign_in(page, username, password)
        return page

    return open_as


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_biên_bản_reads_like_the_cells_document_on_a_desktop(signed_in, console_errors, screenshot):
    page = signed_in("thanhtra", "chibo-thanhtra")
    assert page.goto(MINUTES).status == 200
    document = page.locator("article.bien-ban")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in document.inner_text()
    assert "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 4 NĂM 2021" in document.inner_text()
    assert "14/14 đảng viên chính thức được triệu tập tán thành (100%)" in document.inner_text()
    assert page.locator("a[download].button").get_attribute("href").endswith("/minutes.docx")
    screenshot(page, "records-minutes-desktop")
    assert console_errors == [], console_errors


def test_the_biên_bản_fits_a_phone_without_sideways_scroll(signed_in, console_errors, screenshot):
    page = signed_in("dangvien", "chibo-dangvien", PHONE)
    assert page.goto(MINUTES).status == 200
    assert page.locator("h1.bb-title").is_visible()
    assert no_sideways_scroll(page)
    screenshot(page, "records-minutes-phone")
    assert console_errors == [], console_errors


def test_the_printed_biên_bản_is_the_document_alone_on_a_few_a4_pages(signed_in, console_errors, screenshot):
    page = signed_in("thanhtra", "chibo-thanhtra", A4_TEXT)
    page.goto(MINUTES)
    page.emulate_media(media="print")
    assert not page.locator("form.picker").is_visible()
    assert not page.locator("header.site").is_visible()
    font = page.locator("article.bien-ban").evaluate("e => getComputedStyle(e).fontFamily")
    assert font.startswith('"Times New Roman"')
    screenshot(page, "records-minutes-print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    # The demo meeting is long (sixteen speeches and reports): at 14 pt it takes five pages, as its Word copy does.
    assert pdf.startswith(b"%PDF") and 1 <= pages <= 5
    assert console_errors == [], console_errors


def test_the_as_of_picker_shows_the_biên_bản_as_it_stood(signed_in, console_errors):
    page = signed_in("thanhtra", "chibo-thanhtra")
    page.goto(MINUTES)
    page.fill("#as_of", "2021-01-01T00:00:00")  # the demo book was recorded today: in 2021 it had nothing yet
    page.click("form.picker button[type=submit]")
    assert "as_of=2021-01-01T00" in page.url
    assert "sổ chưa ghi cuộc họp này" in page.locator("main").inner_text()
    assert page.locator("#as_of").input_value().startswith("2021-01-01T00:00")
    # That answer is a 404 (no minutes existed then), which Chromium logs; nothing else may be logged.
    assert [e for e in console_errors if "404" not in e] == []
    console_errors.clear()
    page.fill("#as_of", "2099-01-01T00:00:00")
    page.click("form.picker button[type=submit]")
    assert "Biên bản như đã ghi đến 0 giờ 00 ngày 1 tháng 1 năm 2099" in page.locator("article.bien-ban").inner_text()
    assert "as_of=2098-12-31T17" in page.locator("a[download].button").get_attribute("href")
    assert console_errors == [], console_errors


def test_the_member_status_page_works_on_a_phone(signed_in, console_errors, screenshot):
    page = signed_in("dangvien", "chibo-dangvien", PHONE)
    assert page.goto(f"{MEMBERS}?on=2021-04-30").status == 200
    assert page.locator("tr#member-duong-thi-le").is_visible()
    assert "ngày 30 tháng 4 năm 2021" in page.locator("p.lead").inner_text()
    assert no_sideways_scroll(page)
    screenshot(page, "records-members-phone")
    assert console_errors == [], console_errors


def test_the_member_status_page_on_a_desktop(signed_in, console_errors, screenshot):
    page = signed_in("admin", "chibo-admin")
    assert page.goto(f"{MEMBERS}?on=2021-04-30").status == 200
    assert page.locator("table.members tbody tr").count() == 17
    screenshot(page, "records-members-desktop")
    assert console_errors == [], console_errors


def test_the_audit_trail_filters_and_proves_an_event(signed_in, console_errors, screenshot):
    page = signed_in("thanhtra", "chibo-thanhtra")
    assert page.goto(AUDIT).status == 200
    assert "Sổ nguyên vẹn" in page.locator("section.verification").inner_text()
    page.select_option("#f-type", "MemberCommended")
    page.click("form.filters button[type=submit]")
    assert page.locator("li.audit-event").count() == 3
    first = page.locator("li.audit-event").first
    assert first.locator("p.sentence").inner_text().startswith("Biểu dương đồng chí ")  # said, not a card of hashes
    assert not first.locator("code.hash").first.is_visible()  # the hashes wait behind the toggle
    first.locator("details.technical > summary").click()
    first.get_by_text("Chứng minh bản ghi nằm trong sổ đã ký").click()
    assert "Đã xác minh" in page.locator("div.proof").inner_text()  # the proof's page opens the toggle
    screenshot(page, "records-audit-desktop")
    assert console_errors == [], console_errors


def test_the_audit_trail_fits_a_phone(signed_in, console_errors, screenshot):
    page = signed_in("thanhtra", "chibo-thanhtra", PHONE)
    assert page.goto(f"{AUDIT}?stream=meeting:2021-04-07").status == 200
    assert no_sideways_scroll(page)
    screenshot(page, "records-audit-phone")
    assert console_errors == [], console_errors
