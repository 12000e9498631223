"""Every error as the contract's JSON: {"error", "message", "details"}; never a 500 for bad input."""

from flask import Flask, jsonify, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..errors import ChiboError

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


def error_response(status: int, code: str, message: str, details: dict | None = None):
    response = jsonify({"error": code, "message": message, "details": details or {}})
    response.status_code = status
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def init_app(app: Flask) -> None:
    @app.errorhandler(ChiboError)
    def _refused(error: ChiboError):
        return error_response(error.status, error.code, error.message, error.details)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if not _wants_json():
            return error
        if isinstance(error, CSRFError):
            return error_response(400, "csrf_failed", "Thiếu hoặc sai mã chống giả mạo (CSRF); hãy tải lại trang.")
        code = (error.name or "error").lower().replace(" ", "_")
        return error_response(error.code, code, MESSAGES.get(error.code, error.description))
