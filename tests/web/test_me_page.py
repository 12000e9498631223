"""/me: a member signs in and sees their own tasks and record, and changes their password."""

from chibo_events.demo import book
from tests.web.pages import text_of


def signed_in_as(client, username: str, password: str):
    assert client.post("/login", data={"username": username, "password": password}).status_code == 303
    return client


def test_a_linked_member_sees_their_own_open_tasks_and_record(client, demo, no_csrf):
    page = text_of(signed_in_as(client, "thuky", "chibo-thuky").get("/me").text)
    assert "Phan Thị Hoa" in page and "Nhiệm vụ của tôi" in page
    mine = client.get("/api/v1/me").json["open_tasks"]
    assert mine and all(task["description"] in page for task in mine)
    assert "Dự họp:" in page and "Đảng phí:" in page
    assert f"/cells/{book.BOOK}/members/{book.HOA}" in client.get("/me").text


def test_an_unlinked_user_is_told_how_to_be_linked(client, demo, no_csrf):
    page = text_of(signed_in_as(client, "thanhtra", "chibo-thanhtra").get("/me").text)
    assert "chưa gắn với đảng viên nào" in page


def test_a_password_change_needs_the_current_one_and_ends_the_other_sessions(client, demo, no_csrf, app):
    elsewhere = signed_in_as(app.test_client(), "dangvien", "chibo-dangvien")
    signed_in_as(client, "dangvien", "chibo-dangvien")
    before = demo.accounts.find("dangvien")[1]

    wrong = client.post("/me/password", data={"current": "sai", "new": "mat-khau-moi-1", "again": "mat-khau-moi-1"})
    assert wrong.status_code == 422 and "Mật khẩu hiện tại không đúng" in text_of(wrong.text)
    mismatch = client.post("/me/password", data={"current": "chibo-dangvien", "new": "mat-khau-moi-1", "again": "x"})
    assert mismatch.status_code == 422 and "không khớp" in text_of(mismatch.text)
    short = client.post("/me/password", data={"current": "chibo-dangvien", "new": "ngan", "again": "ngan"})
    assert short.status_code == 422 and "ít nhất 8" in text_of(short.text)
    assert demo.accounts.find("dangvien")[1] == before

    done = client.post("/me/password", data={"current": "chibo-dangvien", "new": "mat-khau-moi-1",
                                             "again": "mat-khau-moi-1"})
    assert done.status_code == 200 and "Đã đổi mật khẩu" in text_of(done.text)
    assert client.get("/me").status_code == 200  # this session stays
    assert elsewhere.get("/me").status_code in (302, 401)  # the other ends
    signed_in_as(app.test_client(), "dangvien", "mat-khau-moi-1")
