"""Signing in and out: hashed passwords, a safe `next`, CSRF on the form, throttling per address and per name."""

import pytest

from chibo_events import create_app
from tests.web.pages import PASSWORD, csrf_token_of, sign_in, text_of

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


def test_the_front_page_sends_a_stranger_to_sign_in(client, book):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/"


def test_a_cell_page_sends_a_stranger_to_sign_in_and_back(client, book):
    response = client.get("/cells/th-ky-tho")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/cells/th-ky-tho"


def test_the_sign_in_page_is_in_vietnamese_with_one_form(client, book):
    page = client.get("/login").text
    assert "Đăng nhập" in page and 'name="username"' in page and 'name="password"' in page
    assert page.count('type="submit"') == 1


def test_signing_in_with_the_right_password_goes_to_the_next_page(client, book, no_csrf):
    response = sign_in(client, "thuky", next_page="/cells/th-ky-tho")
    assert response.status_code == 303
    assert response.headers["Location"] == "/cells/th-ky-tho"
    assert client.get("/cells/th-ky-tho").status_code == 200


def test_signing_in_without_next_goes_to_the_front_page_listing_the_cell(client, book, no_csrf):
    response = sign_in(client, "thuky")
    assert response.headers["Location"] == "/"
    assert "Chi bộ Trường Tiểu học Kỳ Thọ" in client.get("/").text


@pytest.mark.parametrize("next_page", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_a_next_page_on_another_site_is_ignored(client, book, no_csrf, next_page):
    response = sign_in(client, "thuky", next_page=next_page)
    assert response.headers["Location"] == "/"


def test_a_wrong_password_shows_a_vietnamese_error_and_signs_nobody_in(client, book, no_csrf):
    response = sign_in(client, "thuky", password="sai")
    assert response.status_code == 401
    assert WRONG in response.text
    assert client.get("/").status_code == 302


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(client, book, no_csrf):
    unknown, wrong = sign_in(client, "khong-co-ai"), sign_in(client, "thuky", password="sai")
    assert unknown.status_code == wrong.status_code == 401
    assert WRONG in unknown.text and WRONG in wrong.text


def test_signing_out_ends_the_session(client, book, no_csrf):
    sign_in(client, "thuky")
    response = client.post("/logout")
    assert response.status_code == 303 and response.headers["Location"] == "/login"
    assert client.get("/cells/th-ky-tho").status_code == 302


def test_the_sign_out_page_asks_with_a_button(client, book, no_csrf):
    sign_in(client, "thuky")
    page = client.get("/logout")
    assert page.status_code == 200 and "Đăng xuất" in page.text
    assert client.get("/cells/th-ky-tho").status_code == 200  # a GET alone signs nobody out


def test_a_sign_in_form_without_its_csrf_token_is_refused(client, book):
    response = client.post("/login", data={"username": "thuky", "password": PASSWORD})
    assert response.status_code == 400
    assert "CSRF" in response.text and "tải lại trang" in response.text
    assert client.get("/").status_code == 302


def test_a_sign_in_form_with_its_csrf_token_signs_in(client, book):
    token = csrf_token_of(client.get("/login").text)
    response = client.post("/login", data={"username": "thuky", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303


@pytest.fixture
def throttled_client(database_url, tmp_path, book):
    """A client of an app with rate limits on (the shared test app may have them off)."""
    app = create_app({
        "TESTING": True, "INSTANCE_PATH": str(tmp_path / "throttled"), "DATABASE_URL": database_url,
        "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True,
    })
    yield app.test_client()
    app.extensions["chibo_store"].engine.dispose()


def test_the_sixth_try_for_one_name_within_a_minute_is_throttled_in_vietnamese(throttled_client):
    answers = [sign_in(throttled_client, "thuky", password="sai").status_code for _ in range(5)]
    assert answers == [401] * 5
    throttled = sign_in(throttled_client, "thuky")  # even the right password waits
    assert throttled.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in text_of(throttled.text)
    assert throttled_client.get("/").status_code == 302


def test_the_eleventh_try_from_one_address_within_a_minute_is_throttled(throttled_client):
    answers = [sign_in(throttled_client, f"nguoi-{n}", password="sai").status_code for n in range(10)]
    assert answers == [401] * 10
    assert sign_in(throttled_client, "thuky").status_code == 429


def test_reading_the_sign_in_page_is_not_throttled(throttled_client):
    assert {throttled_client.get("/login").status_code for _ in range(15)} == {200}
