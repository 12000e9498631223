"""Page security: headers on every response, session cookies, no inline script or style, HTML and JSON errors."""

import re

import pytest

from chibo_events import create_app
from tests.web.pages import MEETING_PAGE, csrf_token_of, events, sign_in, text_of

PAGES = ["/login", "/", "/cells/th-ky-tho", MEETING_PAGE]


def test_every_kind_of_response_carries_the_security_headers(client, book, no_csrf):
    sign_in(client, "thuky")
    responses = [client.get(path) for path in PAGES]
    responses += [client.get("/api/v1/cells/th-ky-tho/meetings"), client.get("/cells/khong-co"),
                  client.get("/static/css/chibo.css")]
    for response in responses:
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
        response.close()  # a static file is streamed from an open file until its response is closed


def test_pages_are_not_kept_in_shared_caches(client, book, no_csrf):
    sign_in(client, "thuky")
    assert client.get(MEETING_PAGE).headers["Cache-Control"] == "no-store"


def test_pages_carry_no_inline_script_style_or_handler_the_policy_would_block(client, book, no_csrf):
    sign_in(client, "thuky")
    for path in PAGES:
        html = client.get(path).text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], path
        assert "<style" not in html, path
        assert re.findall(r"\sstyle=", html) == [], path
        assert re.findall(r"\son[a-z]+=", html) == [], path
        assert "javascript:" not in html, path


def test_htmx_is_told_to_inject_no_styles_and_eval_nothing(client, book):
    html = client.get("/login").text
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', html).group(1)
    assert '"includeIndicatorStyles":false' in config and '"allowEval":false' in config
    assert '"style"' not in config  # settling must not copy style attributes (a resized textarea has one)


def test_the_session_cookie_is_http_only_and_same_site_lax(client, book, no_csrf):
    cookie = sign_in(client, "thuky").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_chibo_secure_cookies_makes_the_session_cookie_https_only(monkeypatch, database_url, tmp_path, book):
    monkeypatch.setenv("CHIBO_SECURE_COOKIES", "1")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "https"), "DATABASE_URL": database_url,
                      "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    try:
        cookie = sign_in(app.test_client(), "thuky").headers["Set-Cookie"]
    finally:
        app.extensions["chibo_store"].engine.dispose()
    assert "Secure" in cookie and "HttpOnly" in cookie


@pytest.mark.parametrize("path, status, words", [
    ("/cells/khong-co", 404, "Không có chi bộ"),
    ("/cells/th-ky-tho/meetings/khong-co", 404, "không có cuộc họp"),
    ("/khong-co-trang-nay", 404, "Không tìm thấy trang"),
    ("/cells/chi-bo-khac", 403, "Không có quyền truy cập"),
])
def test_page_errors_are_vietnamese_html(client, book, no_csrf, path, status, words):
    sign_in(client, "thuky")
    response = client.get(path)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert words in text_of(response.text)


def test_the_api_keeps_answering_json_errors(client, book, no_csrf):
    assert client.get("/api/v1/cells/th-ky-tho/meetings").json["error"] == "unauthorized"
    sign_in(client, "thuky")
    response = client.get("/api/v1/cells/khong-co/meetings")
    assert response.status_code == 404 and response.json["error"] == "not_found"
    forbidden = client.get("/api/v1/cells/chi-bo-khac/meetings")
    assert forbidden.status_code == 403 and forbidden.json["error"] == "forbidden"
    assert client.get("/api/v1/khong-co").json["error"] == "not_found"


def test_a_form_without_its_csrf_token_is_refused_in_vietnamese_and_stores_nothing(client, book, store):
    token = csrf_token_of(client.get("/login").text)
    client.post("/login", data={"username": "thuky", "password": "mat-khau-dai-1", "csrf_token": token})
    before = events(store)
    response = client.post(f"{MEETING_PAGE}/console/guest", data={"name": "Khách", "title": "Bí thư"})
    assert response.status_code == 400
    assert "mã chống giả mạo (CSRF)" in text_of(response.text) and "chưa có gì được ghi" in response.text
    assert events(store) == before


def test_a_form_with_its_csrf_token_is_stored(client, book, store):
    token = csrf_token_of(client.get("/login").text)
    client.post("/login", data={"username": "thuky", "password": "mat-khau-dai-1", "csrf_token": token})
    page_token = csrf_token_of(client.get(MEETING_PAGE).text)
    before = len(events(store))
    response = client.post(f"{MEETING_PAGE}/console/guest",
                           data={"name": "Khách", "title": "Bí thư", "csrf_token": page_token})
    assert response.status_code == 303
    assert len(events(store)) == before + 1


def test_a_session_api_write_still_needs_the_csrf_header(client, book, no_csrf, store):
    sign_in(client, "thuky")
    client.application.config["WTF_CSRF_ENABLED"] = True
    body = {"stream": "meeting:2021-04-07", "type": "GuestAttended", "data": {"name": "Khách", "title": "Bí thư"}}
    response = client.post("/api/v1/cells/th-ky-tho/events", json=body)
    assert response.status_code == 400 and response.json["error"] == "csrf_failed"
