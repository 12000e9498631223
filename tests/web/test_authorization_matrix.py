"""Who may call which endpoint (contract section 4), read from one table: every endpoint × role × cell.

admin does everything; a clerk writes and reads its own cells; an inspector
reads every book; a member reads its own cell; only admin opens a book.
Nobody signed in, or a bad token, gets 401. A refused write stores nothing.
The endpoints are checked against the app's routes, so a new one needs a row.
"""

import itertools

import pytest

from tests.books import CELL, CELL_DATA, OTHER, ROSTER, snapshot

SPEECH = {"stream": "meeting:2021-04-07", "type": "SpeechGiven", "occurred_at": "2021-04-07T15:00:00+07:00",
          "data": {"speaker": {"member_id": "duong-thi-le"}, "kind": "opinion", "summary": "Ý kiến"}}

MEMBER = ROSTER[1][0]  # on the roll of both books of `two_books`
# (method, route) -> (kind, what to add to the path)
ENDPOINTS = {
    ("GET", "/api/v1/openapi.json"): ("public", ""),
    ("POST", "/api/v1/cells"): ("register", ""),
    ("POST", "/api/v1/cells/<cell>/events"): ("write", ""),
    ("POST", "/api/v1/cells/<cell>/events/batch"): ("write", ""),
    ("GET", "/api/v1/cells/<cell>/events"): ("read", ""),
    ("GET", "/api/v1/cells/<cell>/meetings"): ("read", ""),
    ("GET", "/api/v1/cells/<cell>/meetings/<meeting_id>/minutes"): ("read", ""),
    ("GET", "/api/v1/cells/<cell>/meetings/<meeting_id>/minutes.docx"): ("read", ""),
    ("GET", "/api/v1/cells/<cell>/minutes"): ("read", "?date=2021-04-07"),
    ("GET", "/api/v1/cells/<cell>/minutes-book.docx"): ("read", "?year=2021"),
    ("GET", "/api/v1/cells/<cell>/members"): ("read", "?on=2021-04-07"),
    ("GET", "/api/v1/cells/<cell>/members/<member_id>"): ("read", "?on=2021-04-07"),
    ("GET", "/api/v1/cells/<cell>/tasks"): ("read", "?status=all"),
    ("GET", "/api/v1/cells/<cell>/calendar"): ("read", "?year=2021"),
    ("GET", "/api/v1/cells/<cell>/verify"): ("read", ""),
    ("GET", "/api/v1/cells/<cell>/checkpoint"): ("read", ""),
    ("GET", "/api/v1/cells/<cell>/proof/inclusion"): ("read", "?seq=1"),
    ("GET", "/api/v1/cells/<cell>/proof/consistency"): ("read", "?from=1"),
    ("GET", "/api/v1/cells/<cell>/export"): ("read", ""),
    ("POST", "/api/v1/cells/<cell>/roster/import"): ("write", ""),
    # A template holds no cell's data; whoever may read the cell may have it.
    ("GET", "/api/v1/cells/<cell>/roster/template.xlsx"): ("read", ""),
    ("GET", "/api/v1/cells/<cell>/roster/template.csv"): ("read", ""),
    # Users and tokens (v1.1): the user whose tokens are asked for is the inspector, to see who else may.
    ("GET", "/api/v1/users"): ("users", ""),
    ("POST", "/api/v1/users"): ("add user", ""),
    ("PATCH", "/api/v1/users/<username>"): ("users", ""),
    ("GET", "/api/v1/users/<username>/tokens"): ("inspector's tokens", ""),
    ("POST", "/api/v1/users/<username>/tokens"): ("new inspector's token", ""),
    ("DELETE", "/api/v1/tokens/<token_id>"): ("revoke inspector's token", ""),
    ("GET", "/api/v1/me"): ("me", ""),
    # Committees (v1.1): whoever is signed in sees the committees of the cells it may read, and their overview.
    ("GET", "/api/v1/committees"): ("committees", ""),
    ("GET", "/api/v1/committees/<committee_id>/overview"): ("committees", "?month=2021-04"),
    ("GET", "/api/v1/search"): ("committees", "?q=truong"),
}

#                      public   read own/other   write own/other   register
EXPECTED = {
    "admin":          {"public": 200, "read": (200, 200), "write": (201, 201), "register": 201},
    "clerk":          {"public": 200, "read": (200, 403), "write": (201, 403), "register": 403},
    "inspector":      {"public": 200, "read": (200, 200), "write": (403, 403), "register": 403},
    "member":         {"public": 200, "read": (200, 403), "write": (403, 403), "register": 403},
    "anonymous":      {"public": 200, "read": (401, 401), "write": (401, 401), "register": 401},
    "bad token":      {"public": 200, "read": (401, 401), "write": (401, 401), "register": 401},
}
# Users and tokens are no cell's: one answer for both places.
ACCOUNTS = {
    "admin":     {"users": 200, "add user": 201, "inspector's tokens": 200, "new inspector's token": 201,
                  "revoke inspector's token": 204, "me": 200, "committees": 200},
    "clerk":     {"users": 403, "add user": 403, "inspector's tokens": 403, "new inspector's token": 403,
                  "revoke inspector's token": 404, "me": 200, "committees": 200},
    "inspector": {"users": 403, "add user": 403, "inspector's tokens": 200, "new inspector's token": 201,
                  "revoke inspector's token": 204, "me": 200, "committees": 200},
    "member":    {"users": 403, "add user": 403, "inspector's tokens": 403, "new inspector's token": 403,
                  "revoke inspector's token": 404, "me": 200, "committees": 200},
}
ACCOUNTS["anonymous"] = ACCOUNTS["bad token"] = dict.fromkeys(ACCOUNTS["admin"], 401)
for role, answers in ACCOUNTS.items():
    EXPECTED[role].update(answers)
CELLS = {"own": CELL, "other": OTHER}  # the clerk and the member belong to CELL only

HEADERS = {
    "admin": lambda t: t.admin,
    "clerk": lambda t: t.clerk(CELL),
    "inspector": lambda t: t.inspector,
    "member": lambda t: t.member(CELL),
    "anonymous": lambda t: {},
    "bad token": lambda t: {"Authorization": "Bearer not-a-token"},
}


def expected(role: str, kind: str, place: str) -> int:
    answer = EXPECTED[role][kind]
    return answer[list(CELLS).index(place)] if isinstance(answer, tuple) else answer


def call(client, method: str, route: str, suffix: str, cell: str, headers: dict, serial: int, store):
    path = route.replace("<cell>", cell).replace("<meeting_id>", "2021-04-07").replace("<member_id>", MEMBER) + suffix
    path = path.replace("<username>", "inspector").replace("<committee_id>", "dang-bo-xa-ky-tho")
    if "<token_id>" in path:  # a token of the inspector's, fresh for each call
        path = path.replace("<token_id>", store.accounts.new_token("inspector")["token_id"])
        return client.delete(path, headers=headers)
    if method == "PATCH":
        return client.patch(path, json={}, headers=headers)
    if (method, route) == ("POST", "/api/v1/users"):
        return client.post(path, json={"username": f"moi-{serial}", "role": "inspector"}, headers=headers)
    if route.endswith("/tokens"):
        return client.post(path, headers=headers) if method == "POST" else client.get(path, headers=headers)
    if (method, route) == ("POST", "/api/v1/cells"):
        return client.post(path, json={"cell_id": f"moi-{serial}", **CELL_DATA}, headers=headers)
    if route.endswith("/roster/import"):  # a new name each call, so that every import allowed stores its member
        roster = f"họ và tên,loại,ngày vào Đảng\nNgười Mới Số {serial},chính thức,01/01/2010\n".encode()
        return client.post(path, data=roster, headers={**headers, "Content-Type": "text/csv"})
    if route.endswith("/batch"):
        return client.post(path, json={"events": [SPEECH]}, headers=headers)
    if method == "POST":
        return client.post(path, json=SPEECH, headers=headers)
    return client.get(path, headers=headers)


def test_every_api_route_has_a_row_in_the_table(app):
    routes = {(method, rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == set(ENDPOINTS)


def test_every_role_has_a_row_for_every_kind_of_endpoint():
    kinds = {kind for kind, _ in ENDPOINTS.values()}
    assert all(set(row) == kinds for row in EXPECTED.values()) and set(EXPECTED) == set(HEADERS)


@pytest.mark.parametrize("method, route", ENDPOINTS, ids=[f"{m} {r}" for m, r in ENDPOINTS])
def test_each_role_gets_exactly_the_answer_in_the_table(client, tokens, two_books, method, route):
    kind, suffix = ENDPOINTS[(method, route)]
    headers = {role: make(tokens) for role, make in HEADERS.items()}
    wrong = []
    for serial, (role, place) in enumerate(itertools.product(EXPECTED, CELLS)):
        before = snapshot(two_books)
        response = call(client, method, route, suffix, CELLS[place], headers[role], serial, two_books)
        want = expected(role, kind, place)
        if response.status_code != want:
            wrong.append((role, place, response.status_code, want))
        elif want >= 400:
            assert set(response.json) == {"error", "message", "details"}, (role, place)
            assert snapshot(two_books) == before, f"{role} was refused at {place} yet a book changed"
    assert wrong == [], "(role, cell, got, expected)"
