"""Every error as the contract's JSON: {"error", "message", "details"}; never a 500 for bad input.

Pages (any path outside /api/ whose client does not ask for JSON) get the
same refusals as Vietnamese HTML pages instead, and a 401 sends the browser
to the sign-in page.
"""

from flask import Flask, g, jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..errors import ChiboError
from ..store import DATABASE_UNAVAILABLE, unavailable_reason

RETRY_AFTER = 5  # seconds: a failover or a restart of the database takes about that
UNAVAILABLE = "Cơ sở dữ liệu tạm thời không trả lời; chưa có gì được ghi từ yêu cầu này. Hãy thử lại sau ít giây."

MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần đăng nhập hoặc token hợp lệ.",
    403: "Bạn không có quyền làm việc này.",
    404: "Không tìm thấy.",
    405: "Phương thức không được hỗ trợ ở địa chỉ này.",
    409: "Xung đột với dữ liệu đã có.",
    413: "Yêu cầu quá lớn.",
    415: "Kiểu nội dung không được hỗ trợ.",
    422: "Dữ liệu không hợp lệ.",
    429: "Quá nhiều yêu cầu; hãy thử lại sau.",
}
PAGE_TITLES = {
    400: "Yêu cầu không hợp lệ",
    403: "Không có quyền truy cập",
    404: "Không tìm thấy trang",
    405: "Không thực hiện được",
    409: "Xung đột dữ liệu",
    413: "Yêu cầu quá lớn",
    422: "Dữ liệu không hợp lệ",
    429: "Quá nhiều lần thử",
    503: "Tạm thời không phục vụ được",
}
CSRF_MESSAGE = "Thiếu hoặc sai mã chống giả mạo (CSRF); hãy tải lại trang."


def error_response(status: int, code: str, message: str, details: dict | None = None):
    response = jsonify({"error": code, "message": message, "details": details or {}})
    response.status_code = status
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _to_sign_in():
    """Send the browser to the sign-in page, and back here afterwards (htmx: the whole page)."""
    back = request.full_path.rstrip("?") if request.method == "GET" and not request.headers.get("HX-Request") else None
    target = url_for("login.login", next=back or request.headers.get("HX-Current-URL") or None)
    if request.headers.get("HX-Request"):
        # Not a 302: the browser would follow it inside the XHR and htmx would never see HX-Redirect.
        return "", 200, {"HX-Redirect": target}
    return redirect(target)


def error_page(status: int, message: str, template: str = "errors/error.html"):
    """Return a Vietnamese HTML page for a refusal."""
    title = PAGE_TITLES.get(status, "Có lỗi xảy ra")
    return render_template(template, status=status, title=title, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(ChiboError)
    def _refused(error: ChiboError):
        if _wants_json():
            return error_response(error.status, error.code, error.message, error.details)
        if error.status == 401:
            return _to_sign_in()
        return error_page(error.status, error.message)

    def _unavailable(error):
        app.logger.warning("the database did not answer: %s", unavailable_reason(error))
        if _wants_json():
            response = error_response(503, "database_unavailable", UNAVAILABLE)
        else:
            response = app.make_response(error_page(503, UNAVAILABLE))
        g.chibo_retry_after = RETRY_AFTER
        return response

    for unavailable in DATABASE_UNAVAILABLE:  # Flask registers a handler one exception class at a time
        app.register_error_handler(unavailable, _unavailable)

    @app.after_request
    def _retry_after(response):
        # Flask-Limiter sets Retry-After on every counted answer to when its window resets (up to 60 s) and would
        # tell a client to wait that long after a failover. Registered before the limiter, this runs after it.
        if (seconds := g.get("chibo_retry_after")) is not None:
            response.headers["Retry-After"] = str(seconds)
        return response

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if not _wants_json():
            return _http_page(error)
        if isinstance(error, CSRFError):
            return error_response(400, "csrf_failed", CSRF_MESSAGE)
        code = (error.name or "error").lower().replace(" ", "_")
        return error_response(error.code, code, MESSAGES.get(error.code, error.description))


def _http_page(error: HTTPException):
    if isinstance(error, CSRFError):
        return error_page(400, "Biểu mẫu đã hết hạn hoặc thiếu mã chống giả mạo (CSRF). "
                               "Hãy tải lại trang rồi gửi lại; chưa có gì được ghi.", "errors/csrf.html")
    if error.code == 401:
        return _to_sign_in()
    if error.code == 429:
        return error_page(429, "Bạn đã thử quá nhiều lần. Hãy chờ một phút rồi thử lại.")
    if error.code is None or error.code < 400:
        return error
    return error_page(error.code, MESSAGES.get(error.code, "Có lỗi xảy ra."))
