"""Who is asking: a browser session (flask-login) or `Authorization: Bearer <token>`."""

from flask import Flask, Request, request
from flask_login import LoginManager, UserMixin, current_user

from ..access import Account
from ..errors import Unauthorized
from . import store


class User(UserMixin):
    """An account as flask-login sees it."""

    def __init__(self, account: Account):
        self.account = account

    def get_id(self) -> str:
        return self.account.username


def init_app(app: Flask) -> None:
    manager = LoginManager(app)
    manager.login_view = "login.login"
    manager.login_message = "Hãy đăng nhập để xem trang này."
    manager.login_message_category = "info"

    @manager.user_loader
    def _from_session(username: str):
        found = store().accounts.find(username)
        return User(found[0]) if found else None

    @manager.request_loader
    def _from_token(req):
        token = bearer_token(req)
        account = store().accounts.for_token(token) if token else None
        return User(account) if account else None


def bearer_token(req: Request | None = None) -> str | None:
    """Return the token of an `Authorization: Bearer <token>` header (this request's by default), else None."""
    scheme, _, token = (req or request).headers.get("Authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def current_account() -> Account:
    """Return the account making this request, or refuse with 401."""
    if not current_user.is_authenticated:
        if request.headers.get("Authorization"):
            raise Unauthorized("Token không hợp lệ hoặc đã bị thu hồi.")
        raise Unauthorized("Cần đăng nhập hoặc gửi 'Authorization: Bearer <token>'.")
    return current_user.account
