"""API writes that ride on a browser session need the page's CSRF token; token-bearing calls do not."""

import pytest
from flask import session
from flask_wtf.csrf import generate_csrf

from tests.books import CELL, post_book_with_meeting

EVENT = {"stream": "cell", "type": "MemberExempted", "data": {"member_id": "duong-thi-le", "reason": "Ốm dài ngày"}}


@pytest.fixture
def signed_in(app, client, tokens):
    """A browser signed in as admin: return the CSRF token its pages would carry."""
    post_book_with_meeting(client, tokens.admin)
    with app.test_request_context():
        token = generate_csrf()
        raw = session["csrf_token"]
    session_id = app.extensions["chibo_store"].accounts.start_session("admin")  # as signing in does
    with client.session_transaction() as browser:
        browser.update({"_user_id": session_id, "_fresh": True, "csrf_token": raw})
    return token


def events(client, tokens):
    return client.get(f"/api/v1/cells/{CELL}/events?limit=1000", headers=tokens.inspector).json["events"]


def test_a_session_write_without_the_csrf_token_is_refused_and_stores_nothing(client, tokens, signed_in):
    before = events(client, tokens)
    response = client.post(f"/api/v1/cells/{CELL}/events", json=EVENT)
    assert response.status_code == 400 and response.json["error"] == "csrf_failed"
    assert events(client, tokens) == before


def test_a_session_write_with_a_wrong_csrf_token_is_refused(client, tokens, signed_in):
    before = events(client, tokens)
    response = client.post(f"/api/v1/cells/{CELL}/events", json=EVENT, headers={"X-CSRFToken": "forged"})
    assert response.status_code == 400 and response.json["error"] == "csrf_failed"
    assert events(client, tokens) == before


def test_a_session_write_with_the_pages_csrf_token_is_stored(client, tokens, signed_in):
    response = client.post(f"/api/v1/cells/{CELL}/events", json=EVENT, headers={"X-CSRFToken": signed_in})
    assert response.status_code == 201 and response.json["type"] == "MemberExempted"


def test_a_bearer_token_write_needs_no_csrf_token(client, tokens, signed_in):
    response = client.post(f"/api/v1/cells/{CELL}/events", json=EVENT, headers=tokens.admin)
    assert response.status_code == 201
