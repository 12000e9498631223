"""Who may do what through the API (contract section 4): every endpoint, every role, own and other cell."""

import pytest

from tests.books import CELL, CELL_DATA, post_book_with_meeting

OTHER = "th-ky-tho-mn"
SPEECH = {"stream": "meeting:2021-04-07", "type": "SpeechGiven", "occurred_at": "2021-04-07T15:00:00+07:00",
          "data": {"speaker": {"member_id": "duong-thi-le"}, "kind": "opinion", "summary": "Ý kiến"}}

WHO = {
    "nobody": lambda t: {},
    "admin": lambda t: t.admin,
    "clerk of the cell": lambda t: t.clerk(CELL),
    "clerk of another cell": lambda t: t.clerk(OTHER),
    "inspector": lambda t: t.inspector,
    "member of the cell": lambda t: t.member(CELL),
    "member of another cell": lambda t: t.member(OTHER),
}
#                       register a cell, append, read
EXPECTED = {
    "nobody":                 (401, 401, 401),
    "admin":                  (201, 201, 200),
    "clerk of the cell":      (403, 201, 200),
    "clerk of another cell":  (403, 403, 403),
    "inspector":              (403, 403, 200),
    "member of the cell":     (403, 403, 200),
    "member of another cell": (403, 403, 403),
}


@pytest.fixture
def book(client, tokens):
    post_book_with_meeting(client, tokens.admin)
    client.post("/api/v1/cells", json={"cell_id": OTHER, **CELL_DATA}, headers=tokens.admin)


def events(client, tokens):
    return client.get(f"/api/v1/cells/{CELL}/events?limit=1000", headers=tokens.admin).json["events"]


@pytest.mark.parametrize("who", WHO)
def test_each_role_gets_exactly_its_rights(client, tokens, book, who):
    headers = WHO[who](tokens)
    register, append, read = EXPECTED[who]
    before = events(client, tokens)

    response = client.post("/api/v1/cells", json={"cell_id": "new-cell", **CELL_DATA}, headers=headers)
    assert response.status_code == register
    response = client.post(f"/api/v1/cells/{CELL}/events", json=SPEECH, headers=headers)
    assert response.status_code == append
    if append != 201:
        assert set(response.json) == {"error", "message", "details"}
        assert events(client, tokens) == before
    else:
        assert response.json["actor"] == ("admin" if who == "admin" else f"clerk-{CELL}")
    response = client.get(f"/api/v1/cells/{CELL}/events", headers=headers)
    assert response.status_code == read
    if read == 200:
        assert response.json["events"][0]["type"] == "CellRegistered"


def test_an_unknown_cell_is_404_for_anyone_signed_in(client, tokens, book):
    for headers in (tokens.admin, tokens.inspector, tokens.member(CELL)):
        assert client.get("/api/v1/cells/no-such-cell/events", headers=headers).status_code == 404
        assert client.post("/api/v1/cells/no-such-cell/events", json=SPEECH, headers=headers).status_code == 404


def test_a_bad_or_malformed_token_is_401(client, tokens, book):
    for value in ("Bearer wrong", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + "x" * 5000):
        response = client.get(f"/api/v1/cells/{CELL}/events", headers={"Authorization": value})
        assert response.status_code == 401
        assert response.json["error"] == "unauthorized"
