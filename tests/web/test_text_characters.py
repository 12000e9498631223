"""Text with control characters other than tab and newline, or with bidirectional overrides, is refused (422).

Before, DEL, the C1 controls, CR and the overrides of "Trojan Source" were stored: a summary could read
one way on the page and another in the book.
"""

import pytest

from tests.books import CELL, MEETING, event, post_book_with_meeting


@pytest.fixture
def book(client, tokens):
    post_book_with_meeting(client, tokens.admin)


def speech(summary: str) -> dict:
    return event(MEETING, "SpeechGiven", {"speaker": {"member_id": "duong-thi-le"}, "kind": "opinion",
                                          "summary": summary}, occurred_at="2021-04-07T15:00:00+07:00")


def head(client, tokens) -> int:
    page = client.get(f"/api/v1/cells/{CELL}/events?limit=1000", headers=tokens.inspector).json["events"]
    return page[-1]["seq"]


@pytest.mark.parametrize("character", ["\x7f", "\x80", "\x85", "\x9f", "\r", "\x1b",
                                       "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                                       "\u2066", "\u2067", "\u2068", "\u2069"])
def test_text_with_a_control_or_bidirectional_character_is_refused_and_nothing_stored(client, tokens, book,
                                                                                      character):
    before = head(client, tokens)
    response = client.post(f"/api/v1/cells/{CELL}/events", json=speech(f"Đồng ý{character} với báo cáo"),
                           headers=tokens.clerk())
    assert response.status_code == 422 and response.json["error"] == "invalid_event"
    assert f"U+{ord(character):04X}" in str(response.json["details"]["data"]["summary"])
    assert head(client, tokens) == before


def test_tabs_newlines_and_vietnamese_letters_are_kept(client, tokens, book):
    summary = "Đồng ý với báo cáo:\n\t- tăng cường kỷ cương; ‘trường học’ “xanh” – 100%"
    response = client.post(f"/api/v1/cells/{CELL}/events", json=speech(summary), headers=tokens.clerk())
    assert response.status_code == 201 and response.json["data"]["summary"] == summary


def test_a_textarea_s_line_breaks_from_the_browser_are_stored_as_newlines():
    from werkzeug.datastructures import MultiDict

    from chibo_events.web.console_forms import submission

    form = MultiDict({"speaker": "m:duong-thi-le", "kind": "opinion", "summary": "Dòng một\r\nDòng hai\r\n"})
    (asked,) = submission("speech", form, MEETING)
    assert asked.data["summary"] == "Dòng một\nDòng hai"
