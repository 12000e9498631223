"""/admin as a district office uses it: open a cell, close one opened by mistake, add and manage users."""

import re

from chibo_events.demo import book
from tests.books import snapshot
from tests.web.pages import text_of


def signed_in_as(client, username: str, password: str):
    assert client.post("/login", data={"username": username, "password": password}).status_code == 303
    return client


def admin(client):
    return signed_in_as(client, "admin", "chibo-admin")


def test_only_an_admin_sees_the_admin_page(client, demo, no_csrf):
    signed_in_as(client, "thuky", "chibo-thuky")
    assert client.get("/admin").status_code == 403
    assert client.post("/admin/users", data={"username": "x", "role": "admin"}).status_code == 403
    assert demo.accounts.find("x") is None


def test_an_admin_opens_a_cell_whose_id_is_made_from_its_name(client, demo, no_csrf):
    answer = admin(client).post("/admin/cells", data={"name": "Chi bộ Thôn Đông", "committee": "Đảng bộ xã Kỳ Thọ"})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/cells/chi-bo-thon-dong")
    assert demo.book_exists("chi-bo-thon-dong")


def test_a_cell_without_a_committee_is_refused_beside_the_field_and_no_book_is_opened(client, demo, no_csrf):
    before = demo.book_names()
    answer = admin(client).post("/admin/cells", data={"name": "Chi bộ Thôn Tây", "committee": ""})
    assert answer.status_code == 422
    assert 'id="open-cell-committee-error"' in answer.text
    assert demo.book_names() == before
    again = client.post("/admin/cells", data={"name": "X", "committee": "Y", "cell_id": book.BOOK})
    assert again.status_code == 422 and "đã có sổ" in text_of(again.text)


def test_closing_a_cell_needs_the_confirmation_and_then_it_leaves_the_lists(client, demo, no_csrf):
    admin(client).post("/admin/cells", data={"name": "Chi bộ Mở Nhầm", "committee": "Đảng bộ xã"})
    closing = {"cell": "chi-bo-mo-nham", "how": "mistake", "reason": "Mở nhầm khi thử"}
    before = snapshot(demo)
    refused = client.post("/admin/cells/close", data=closing)
    assert refused.status_code == 422 and "Hãy đánh dấu ô xác nhận" in text_of(refused.text)
    assert snapshot(demo) == before

    assert client.post("/admin/cells/close", data={**closing, "confirm": "1"}).status_code == 303
    assert demo.head("chi-bo-mo-nham").seq == 2
    listed = client.get("/").text.split("Chi bộ đã đóng sổ")[0]
    assert "chi-bo-mo-nham" not in listed


def test_an_added_user_s_password_is_shown_once_and_works(client, demo, no_csrf, app):
    answer = admin(client).post("/admin/users", data={"username": "hoa", "role": "clerk", "cells": book.BOOK,
                                                      "member": f"{book.BOOK}/{book.HOA}"})
    assert answer.status_code == 201
    password = re.search(r'id="mat-khau-moi">([^<]+)<', answer.text).group(1)
    assert "mat-khau-moi" not in client.get("/admin").text
    assert demo.accounts.find("hoa")[0].member.member_id == book.HOA
    signed_in_as(app.test_client(), "hoa", password)


def test_a_bad_user_is_refused_beside_its_fields_and_not_stored(client, demo, no_csrf):
    answer = admin(client).post("/admin/users", data={"username": "Hoa Có Dấu", "role": "clerk"})
    assert answer.status_code == 422
    assert 'id="add-user-username-error"' in answer.text and 'id="add-user-cells-error"' in answer.text
    assert demo.accounts.find("Hoa Có Dấu") is None


def test_disabling_from_the_page_ends_the_user_s_browser_at_once(client, demo, no_csrf, app):
    browser = signed_in_as(app.test_client(), "dangvien", "chibo-dangvien")
    assert browser.get(f"/cells/{book.BOOK}").status_code == 200

    answer = admin(client).post("/admin/users/dangvien", data={"action": "disable"})

    assert answer.status_code == 303
    assert browser.get(f"/cells/{book.BOOK}").status_code in (302, 401)
    assert "đã khóa" in text_of(client.get("/admin/users/dangvien").text)


def test_a_reset_password_is_shown_once_and_the_old_one_stops(client, demo, no_csrf, app):
    answer = admin(client).post("/admin/users/dangvien", data={"action": "password"})
    password = re.search(r'id="mat-khau-moi">([^<]+)<', answer.text).group(1)
    old = app.test_client().post("/login", data={"username": "dangvien", "password": "chibo-dangvien"})
    assert old.status_code == 401
    signed_in_as(app.test_client(), "dangvien", password)


def test_tokens_are_issued_shown_once_listed_and_revoked_from_the_page(client, demo, no_csrf):
    answer = admin(client).post("/admin/users/thanhtra/tokens")
    assert answer.status_code == 201
    token = re.search(r'id="token-moi">([^<]+)<', answer.text).group(1)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    [listed] = demo.accounts.tokens("thanhtra")
    assert listed["token_id"] in client.get("/admin/users/thanhtra").text and token not in client.get(
        "/admin/users/thanhtra").text
    assert client.post(f"/admin/tokens/{listed['token_id']}/revoke").status_code == 303
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_linking_a_user_from_its_page_and_refusing_a_clerk_without_cells(client, demo, no_csrf):
    saved = admin(client).post("/admin/users/dangvien", data={"action": "save", "role": "member", "cells": book.BOOK,
                                                              "member": f"{book.BOOK}/{book.THO}"})
    assert saved.status_code == 303 and demo.accounts.find("dangvien")[0].member.member_id == book.THO
    refused = client.post("/admin/users/dangvien", data={"action": "save", "role": "clerk", "member": ""})
    assert refused.status_code == 422 and 'id="user-cells-error"' in refused.text
    assert demo.accounts.find("dangvien")[0].role == "member"
    assert client.get("/admin/users/khong-co").status_code == 404
