"""The browser harness itself: Chromium opens the served app and the front page renders in Vietnamese."""


def test_chromium_opens_the_front_page_in_vietnamese(new_page, console_errors, screenshot):
    page = new_page()
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Sổ sinh hoạt chi bộ" in page.title()
    screenshot(page, "harness-front-page")
    assert console_errors == []
