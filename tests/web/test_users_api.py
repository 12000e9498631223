"""Users and tokens through the API (contract §3 v1.1): added with a password shown once, disabled at once."""

from chibo_events.demo import book
from tests.books import snapshot
from tests.web.pages import csrf_token_of

USERS = "/api/v1/users"
LE = {"cell": book.BOOK, "member_id": book.LE}


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def sign_in(client, username: str, password: str):
    return client.post("/login", data={"username": username, "password": password})


def users_now(store) -> list:
    return [(a.username, a.role, sorted(a.cells), a.member, a.disabled) for a in store.accounts.all()]


def test_an_admin_adds_a_clerk_linked_to_the_roster_with_a_password_shown_once(client, tokens, demo, no_csrf):
    answer = client.post(USERS, json={"username": "le", "role": "clerk", "cells": [book.BOOK], "member": LE},
                         headers=tokens.admin)

    assert answer.status_code == 201, answer.json
    added = answer.json
    assert added["member"] == {**LE, "full_name": "Dương Thị Lê"} and added["disabled"] is False
    assert len(added["password"]) == 19
    assert sign_in(client, "le", added["password"]).status_code == 303
    listed = client.get(USERS, headers=tokens.admin).json
    assert "password" not in next(u for u in listed if u["username"] == "le")


def test_a_user_the_rules_refuse_is_not_stored_and_each_field_says_why(client, tokens, demo):
    _ = tokens.admin  # the admin exists before the count
    before = users_now(demo)
    cases = [
        ({"username": "Lê", "role": "clerk", "cells": [book.BOOK]}, "username"),
        ({"username": "le", "role": "clerk"}, "cells"),
        ({"username": "le", "role": "inspector", "cells": [book.BOOK]}, "cells"),
        ({"username": "le", "role": "chief", "cells": [book.BOOK]}, "role"),
        ({"username": "le", "role": "member", "cells": [book.BOOK], "member": {**LE, "member_id": "khong-co"}},
         "member"),
        ({"username": "le", "role": "member", "cells": ["khac"], "member": LE}, "member"),
        ({"username": "le", "role": "member", "cells": [book.BOOK], "password": "ngan"}, "password"),
    ]
    for body, field in cases:
        answer = client.post(USERS, json=body, headers=tokens.admin)
        assert (answer.status_code, answer.json["error"]) == (422, "invalid_user"), body
        assert field in answer.json["details"], (body, answer.json)
    assert users_now(demo) == before
    assert client.post(USERS, json={"username": "thuky", "role": "inspector"}, headers=tokens.admin).status_code == 409
    assert users_now(demo) == before


def test_disabling_a_user_refuses_its_copied_cookie_and_its_token_at_once(client, tokens, demo, app, no_csrf):
    token = demo.accounts.issue_token("thuky")
    browser = app.test_client()
    assert sign_in(browser, "thuky", "chibo-thuky").status_code == 303
    assert browser.get(f"/cells/{book.BOOK}").status_code == 200
    assert client.get(f"/api/v1/cells/{book.BOOK}/meetings", headers=bearer(token)).status_code == 200

    answer = client.patch(f"{USERS}/thuky", json={"disabled": True}, headers=tokens.admin)

    assert answer.status_code == 200 and answer.json["disabled"] is True
    assert browser.get(f"/cells/{book.BOOK}").status_code in (302, 401)
    assert client.get(f"/api/v1/cells/{book.BOOK}/meetings", headers=bearer(token)).status_code == 401
    refused = sign_in(app.test_client(), "thuky", "chibo-thuky")
    assert refused.status_code == 403 and "đã bị khóa" in refused.text

    client.patch(f"{USERS}/thuky", json={"disabled": False}, headers=tokens.admin)
    assert sign_in(app.test_client(), "thuky", "chibo-thuky").status_code == 303
    assert client.get(f"/api/v1/cells/{book.BOOK}/meetings", headers=bearer(token)).status_code == 401


def test_a_disabled_clerk_appends_nothing(client, tokens, demo):
    token = demo.accounts.issue_token("thuky")
    client.patch(f"{USERS}/thuky", json={"disabled": True}, headers=tokens.admin)
    before = snapshot(demo)
    speech = {"stream": "meeting:2021-04-07", "type": "SpeechGiven", "occurred_at": "2021-04-07T15:00:00+07:00",
              "data": {"speaker": {"member_id": book.LE}, "kind": "opinion", "summary": "Ý kiến"}}
    assert client.post(f"/api/v1/cells/{book.BOOK}/events", json=speech, headers=bearer(token)).status_code == 401
    assert snapshot(demo) == before


def test_an_admin_resets_a_password_and_the_old_one_and_its_sessions_end(client, tokens, demo, app, no_csrf):
    browser = app.test_client()
    sign_in(browser, "thuky", "chibo-thuky")

    answer = client.patch(f"{USERS}/thuky", json={"password": "mat-khau-moi-1"}, headers=tokens.admin)

    assert answer.status_code == 200
    assert browser.get(f"/cells/{book.BOOK}").status_code in (302, 401)
    assert sign_in(app.test_client(), "thuky", "chibo-thuky").status_code == 401
    assert sign_in(app.test_client(), "thuky", "mat-khau-moi-1").status_code == 303


def test_an_admin_cannot_disable_itself_or_change_its_own_role(client, tokens, demo):
    _ = tokens.admin  # the admin exists before the count
    before = users_now(demo)
    for change in ({"disabled": True}, {"role": "inspector"}):
        answer = client.patch(f"{USERS}/admin", json=change, headers=tokens.admin)
        assert answer.status_code == 422, change
    assert users_now(demo) == before


def test_linking_and_unlinking_a_member_and_changing_cells(client, tokens, demo):
    linked = client.patch(f"{USERS}/thuky", json={"member": {"cell": book.BOOK, "member_id": book.HOA}},
                          headers=tokens.admin)
    assert linked.json["member"]["full_name"] == "Phan Thị Hoa"
    unlinked = client.patch(f"{USERS}/thuky", json={"member": None}, headers=tokens.admin)
    assert unlinked.json["member"] is None
    bad = client.patch(f"{USERS}/thuky", json={"cells": []}, headers=tokens.admin)
    assert bad.status_code == 422 and "cells" in bad.json["details"]
    assert client.patch(f"{USERS}/khong-co", json={}, headers=tokens.admin).status_code == 404
    assert client.patch(f"{USERS}/%00", json={}, headers=tokens.admin).status_code == 404


def test_a_user_lists_issues_and_revokes_its_own_tokens_and_sees_their_last_use(client, demo, app, no_csrf):
    browser = app.test_client()
    sign_in(browser, "thuky", "chibo-thuky")
    app.config["WTF_CSRF_ENABLED"] = True  # the page's token rides along, as the browser's script sends it
    csrf = {"X-CSRFToken": csrf_token_of(browser.get(f"/cells/{book.BOOK}").text)}
    issued = browser.post("/api/v1/users/thuky/tokens", headers=csrf)
    assert issued.status_code == 201, issued.json
    token = issued.json["token"]
    client.get(f"/api/v1/cells/{book.BOOK}/meetings", headers=bearer(token))

    [listed] = [t for t in browser.get("/api/v1/users/thuky/tokens").json if t["token_id"] == issued.json["token_id"]]
    assert listed["last_used_at"] is not None and "token" not in listed

    assert browser.get("/api/v1/users/thanhtra/tokens").status_code == 403
    assert browser.delete(f"/api/v1/tokens/{issued.json['token_id']}").status_code == 400  # no CSRF token
    assert browser.delete(f"/api/v1/tokens/{issued.json['token_id']}", headers=csrf).status_code == 204
    assert client.get(f"/api/v1/cells/{book.BOOK}/meetings", headers=bearer(token)).status_code == 401
    assert browser.delete(f"/api/v1/tokens/{issued.json['token_id']}", headers=csrf).status_code == 404


def test_me_names_the_linked_member_and_its_open_tasks(client, tokens, demo):
    client.patch(f"{USERS}/thuky", json={"member": {"cell": book.BOOK, "member_id": book.HOA}}, headers=tokens.admin)
    token = demo.accounts.issue_token("thuky")

    me = client.get("/api/v1/me", headers=bearer(token)).json

    assert me["username"] == "thuky" and me["member"]["full_name"] == "Phan Thị Hoa"
    assert me["open_tasks"] and all(any(a["member_id"] == book.HOA for a in t["assignees"]) for t in me["open_tasks"])
    unlinked = client.get("/api/v1/me", headers=tokens.inspector).json
    assert unlinked["member"] is None and unlinked["open_tasks"] == []
