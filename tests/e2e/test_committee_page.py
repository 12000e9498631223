"""The committee's page in Chromium: an inspector goes from the home page to a committee and reads the month."""

import pytest

from chibo_events.catalogue import check_request
from chibo_events.demo import book
from tests.e2e.pages import PHONE, sign_in

COMMITTEE = "/committees/dang-bo-xa-ky-tho"
SILENT = "mn-ky-tho"  # a cell of the same committee that never met and whose members paid no dues


@pytest.fixture(autouse=True)
def silent_cell(app):
    store = app.extensions["chibo_store"]
    if not store.book_exists(SILENT):
        store.register_book(SILENT, {**book.CELL, "name": "Chi bộ Trường Mầm non Kỳ Thọ"}, "admin",
                            book.REGISTERED_AT)
        for body in book.roster()[:5]:
            store.append(SILENT, check_request(body), "admin")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_an_inspector_reaches_the_committee_from_home_and_reads_who_needs_attention(new_page, console_errors,
                                                                                    screenshot, device):
    page = new_page(PHONE if device == "phone" else None)
    sign_in(page, "thanhtra", "chibo-thanhtra")
    page.click("ul.committees a:has-text('Đảng bộ xã Kỳ Thọ')")
    page.wait_for_url(f"**{COMMITTEE}")
    page.goto(f"{COMMITTEE}?month=2021-04")

    # Other browser tests add cells to this committee too: the silent cell is among those named, not alone.
    missed = page.locator("#thieu-thuong-ky").inner_text()
    assert "chưa sinh hoạt thường kỳ tháng 4/2021" in missed and "Chi bộ Trường Mầm non Kỳ Thọ" in missed
    assert "Chi bộ Trường Tiểu học Kỳ Thọ" not in missed  # the demo met on 7 April
    assert "Có căn cứ xem xét xóa tên" in page.locator("#xoa-ten").inner_text()  # no dues in January to March
    row = page.locator(f"#chi-bo-{book.BOOK}")
    assert "Chi bộ Trường Tiểu học Kỳ Thọ" in row.inner_text()
    assert "✓ đã họp" in row.inner_text()  # the demo met on 7 April 2021 (and held a thematic meeting)
    assert "✗ chưa họp" in page.locator(f"#chi-bo-{SILENT}").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    screenshot(page, f"committee-{device}")
    page.click("a:has-text('tháng 3/2021')")
    page.wait_for_url("**month=2021-03")
    assert "tháng 3/2021" in page.locator("h1 + p.lead").inner_text()
    assert console_errors == [], console_errors
