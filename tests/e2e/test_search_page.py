"""Search in Chromium: an inspector types words without their marks and follows a result to the meeting."""

import pytest

from tests.e2e.pages import PHONE, sign_in


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_words_typed_without_marks_lead_to_the_speech_in_its_meeting(new_page, console_errors, screenshot, device):
    page = new_page(PHONE if device == "phone" else None)
    sign_in(page, "thanhtra", "chibo-thanhtra")
    page.click("header.site a:has-text('Tìm')")
    page.fill("#q", "phu dao hoc sinh")
    page.click("form.search-form button[type=submit]")

    results = page.locator("ol.search-results li")
    assert results.count() >= 1
    assert "phụ đạo học sinh" in results.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"search-{device}")
    results.first.locator("a.big").click()
    page.wait_for_url("**/meetings/**#su-kien-*")
    seq = page.url.rsplit("#su-kien-", 1)[1]
    assert "phụ đạo" in page.locator(f"#su-kien-{seq}").inner_text()
    assert console_errors == [], console_errors
