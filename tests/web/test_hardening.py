"""What an attack review found, each with the test that failed before its fix."""

import pytest

from tests.books import CELL, MEETING, event
from tests.web.pages import sign_in

SPEECH = event(MEETING, "SpeechGiven", {"speaker": {"member_id": "duong-thi-le"}, "kind": "opinion",
                                        "summary": "Ý kiến"}, occurred_at="2021-04-07T15:00:00+07:00")


@pytest.mark.parametrize("next_page", ["/%09/evil.example", "/\t/evil.example", "/\n/evil.example",
                                       "/\r\n//evil.example", "/ /evil.example", "/cells\nSet-Cookie: x=1"])
def test_a_next_page_with_a_control_character_goes_to_the_front_page(client, book, no_csrf, next_page):
    from urllib.parse import unquote

    signed_in = sign_in(client, "thuky", next_page=unquote(next_page))
    again = client.get("/login", query_string={"next": unquote(next_page)})
    for response in (signed_in, again):
        assert response.status_code in (302, 303)
        assert response.headers["Location"] == "/"


def test_a_next_page_on_this_site_is_still_followed(client, book, no_csrf):
    assert sign_in(client, "thuky", next_page="/cells/th-ky-tho").headers["Location"] == "/cells/th-ky-tho"


def test_a_junk_bearer_token_beside_a_session_is_refused_and_stores_nothing(client, book, no_csrf, store):
    sign_in(client, "thuky")
    app_csrf = client.application.config
    app_csrf["WTF_CSRF_ENABLED"] = True  # the session alone could not write without the page's token
    before = store.head(CELL)
    response = client.post(f"/api/v1/cells/{CELL}/events", json=SPEECH,
                           headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401 and response.json["error"] == "unauthorized"
    assert client.get(f"/api/v1/cells/{CELL}/meetings", headers={"Authorization": "Bearer x"}).status_code == 401
    assert store.head(CELL) == before


def test_a_session_without_a_token_still_reads_and_a_good_token_still_writes(client, book, no_csrf, store, tokens):
    sign_in(client, "dangvien")  # a member, who may not write
    assert client.get(f"/api/v1/cells/{CELL}/meetings").status_code == 200
    response = client.post(f"/api/v1/cells/{CELL}/events", json=SPEECH, headers=tokens.clerk())
    assert response.status_code == 201 and response.json["actor"] == f"clerk-{CELL}"


def test_junk_bearer_tokens_share_their_address_s_budget(client, book, no_csrf, app):
    app.config["CHIBO_API_RATE_LIMIT"] = "3 per minute"
    sign_in(client, "thuky")
    answers = [client.get(f"/api/v1/cells/{CELL}/meetings", headers={"Authorization": f"Bearer junk-{n}"}).status_code
               for n in range(5)]
    assert answers == [401, 401, 401, 429, 429]


def test_signing_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working(client, book, no_csrf, app):
    sign_in(client, "thuky")
    copied = client.get_cookie("session").value
    assert client.get(f"/api/v1/cells/{CELL}/meetings").status_code == 200
    client.post("/logout")
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get(f"/api/v1/cells/{CELL}/meetings").status_code == 401
    assert thief.get(f"/cells/{CELL}").headers["Location"].startswith("/login")


def test_ending_a_user_s_sessions_signs_out_every_browser_of_theirs(client, book, no_csrf, app, store):
    """What disabling a user will do (the cell-life issue adds the page for it)."""
    sign_in(client, "thuky")
    other = app.test_client()
    sign_in(other, "thuky")
    store.accounts.end_sessions("thuky")
    for browser in (client, other):
        assert browser.get(f"/api/v1/cells/{CELL}/meetings").status_code == 401


def test_another_user_s_session_is_untouched_by_one_signing_out(client, book, no_csrf, app):
    sign_in(client, "thuky")
    other = app.test_client()
    sign_in(other, "dangvien")
    client.post("/logout")
    assert other.get(f"/api/v1/cells/{CELL}/meetings").status_code == 200


def test_the_pages_count_against_the_same_budget_as_the_api(client, book, no_csrf, app):
    app.config["CHIBO_API_RATE_LIMIT"] = "3 per minute"
    sign_in(client, "thanhtra")
    answers = [client.get(f"/api/v1/cells/{CELL}/meetings").status_code, client.get(f"/cells/{CELL}/audit").status_code,
               client.get(f"/cells/{CELL}/members").status_code]
    page = client.get(f"/cells/{CELL}/audit")
    assert answers == [200, 200, 200]
    assert page.status_code == 429 and "Quá nhiều" in page.text and "<html" in page.text


def test_a_meeting_full_of_events_refuses_the_next_and_stores_nothing(client, book, no_csrf, store, tokens,
                                                                      monkeypatch):
    from chibo_events import rules

    monkeypatch.setattr(rules, "MAX_MEETING_EVENTS", 6)  # the test meeting holds 5: opened, four attendances
    assert client.post(f"/api/v1/cells/{CELL}/events", json=SPEECH, headers=tokens.clerk()).status_code == 201
    before = store.head(CELL)
    response = client.post(f"/api/v1/cells/{CELL}/events", json=SPEECH, headers=tokens.clerk())
    assert response.status_code == 422 and response.json["error"] == "meeting_full"
    assert store.head(CELL) == before
