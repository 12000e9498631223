"""Who is asking: a browser session (flask-login) or `Authorization: Bearer <token>`.

A request that carries an Authorization header is the token's, or nobody's:
a bad token is 401 whatever session cookie rides along, so a junk header can
neither borrow the session's rights nor skip its CSRF check and its budget.
"""

from flask import Flask, Request, g, request
from flask_login import LoginManager, UserMixin, current_user

from ..access import Account
from ..errors import Unauthorized
from . import store

# What anybody may fetch, token or not: a bad token there changes nothing.
OPEN_TO_ALL = frozenset({"api.openapi_description", "static", "login.login", "login.logout"})


class User(UserMixin):
    """An account as flask-login sees it; a browser's also has the id of its session on the server."""

    def __init__(self, account: Account, session_id: str | None = None):
        self.account = account
        self.session_id = session_id

    def get_id(self) -> str:
        # What the cookie carries: the server's session, which signing out ends, not the user's name.
        return self.session_id or self.account.username


def init_app(app: Flask) -> None:
    manager = LoginManager(app)
    manager.login_view = "login.login"
    manager.login_message = "Hãy đăng nhập để xem trang này."
    manager.login_message_category = "info"

    @manager.user_loader
    def _from_session(session_id: str):
        account = store().accounts.for_session(session_id)
        return User(account, session_id) if account else None

    # Registered after the rate limiter (web.init_app), so a bad token still counts against its address.
    @app.before_request
    def _token_or_nobody():
        if "Authorization" not in request.headers or request.endpoint in OPEN_TO_ALL:
            return
        user = token_user()
        if user is None:
            raise Unauthorized("Token không hợp lệ hoặc đã bị thu hồi.")
        g._login_user = user  # flask-login's user of this request: the token's, never the session's


def token_user() -> User | None:
    """Return the user this request's bearer token speaks for (looked up once per request), else None."""
    if "chibo_token_user" not in g:
        token = bearer_token()
        account = store().accounts.for_token(token) if token else None
        g.chibo_token_user = User(account) if account else None
    return g.chibo_token_user


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
