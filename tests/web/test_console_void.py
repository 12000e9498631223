"""Voiding a meeting opened by mistake from the console: a reason and a confirmation, refused once approved."""

import pytest

from tests.books import snapshot
from tests.web.pages import CELL, MEETING_PAGE, events, sign_in, text_of
from tests.web.test_console_forms import HTMX, last, record

REASON = "Mở nhầm hai lần cho cùng một buổi sinh hoạt."


@pytest.fixture
def clerk(client, book, no_csrf):
    sign_in(client, "thuky")
    return client


def test_the_void_form_sits_apart_at_the_bottom_and_names_its_event_type(clerk):
    page = clerk.get(MEETING_PAGE).text
    assert 'data-event-type="MeetingVoided"' in page and 'class="panel danger"' in page
    assert page.index('id="form-void"') > page.index('id="dinh-chinh"')  # after every other form
    assert "Tôi xác nhận hủy buổi họp này" in text_of(page)


def test_a_meeting_voided_with_a_reason_and_the_confirmation_is_stored_and_marked_void(clerk, store):
    before = len(events(store))
    response = record(clerk, "void", {"reason": REASON, "confirm": "yes"})
    assert response.status_code == 200 and response.headers["HX-Refresh"] == "true"
    assert len(events(store)) == before + 1
    assert (last(store)["stream"], last(store)["type"], last(store)["data"]) == (
        "meeting:2021-04-07", "MeetingVoided", {"reason": REASON})
    page = clerk.get(MEETING_PAGE).text
    assert "Buổi họp này đã bị hủy" in text_of(page) and REASON in text_of(page)
    assert 'class="console' not in page and "data-event-type" not in page  # no recording forms any more


def test_a_voided_meeting_leaves_the_cell_pages_list(clerk, store):
    record(clerk, "void", {"reason": REASON, "confirm": "yes"})
    page = clerk.get(f"/cells/{CELL}").text
    listed, voided = page.split("Buổi họp đã hủy")
    assert MEETING_PAGE not in listed and MEETING_PAGE in voided


@pytest.mark.parametrize("data, field, words", [
    ({"reason": REASON}, "void-confirm", "Hãy đánh dấu ô xác nhận hủy buổi họp"),
    ({"confirm": "yes"}, "void-reason", "Thiếu trường bắt buộc."),
    ({"reason": "  "}, "void-reason", "Thiếu trường bắt buộc."),
], ids=["without-confirmation", "without-reason", "with-blank-reason-and-no-confirmation"])
def test_a_void_without_its_reason_or_confirmation_is_refused_beside_the_field_and_stores_nothing(
        clerk, store, data, field, words):
    before = snapshot(store)
    response = record(clerk, "void", data)
    assert f'id="{field}-error"' in response.text and 'aria-invalid="true"' in response.text
    assert words in text_of(response.text)
    assert snapshot(store) == before


def test_neither_reason_nor_confirmation_shows_both_errors(clerk, store):
    response = record(clerk, "void", {})
    assert 'id="void-reason-error"' in response.text and 'id="void-confirm-error"' in response.text


def test_after_the_minutes_are_approved_the_void_is_refused_beside_the_form(clerk, store):
    record(clerk, "approval", {"votes_for": "3", "votes_against": "0", "votes_abstain": "0"})
    assert "đã được chi bộ thông qua: không hủy được" in text_of(clerk.get(MEETING_PAGE).text)
    before = snapshot(store)
    response = record(clerk, "void", {"reason": REASON, "confirm": "yes"})
    assert "Biên bản cuộc họp này đã được thông qua: không hủy được" in text_of(response.text)
    assert 'class="alert"' in response.text
    assert snapshot(store) == before


def test_without_htmx_a_refused_void_renders_the_page_with_the_void_form_open(clerk, store):
    before = snapshot(store)
    response = record(clerk, "void", {"reason": REASON}, htmx=False)
    assert response.status_code == 422
    assert '<details class="panel danger" id="muc-void" open>' in response.text
    assert snapshot(store) == before


@pytest.mark.parametrize("username", ["thanhtra", "dangvien", "thuky-khac"])
def test_who_may_not_write_the_cell_cannot_void_its_meeting(client, book, no_csrf, store, username):
    sign_in(client, username)
    before = snapshot(store)
    response = client.post(f"{MEETING_PAGE}/console/void", data={"reason": REASON, "confirm": "yes"}, headers=HTMX)
    assert response.status_code == 403
    assert snapshot(store) == before
