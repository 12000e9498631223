"""CSRF protection (Flask-WTF) on every form, and on API writes made with a browser session.

An API call that carries `Authorization: Bearer` cannot be forged by another
site, so it needs no token; one that rides on the session cookie must send the
page's token in the `X-CSRFToken` header, as the console's scripts do.
"""

from flask import Flask, request
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()


def init_app(app: Flask, api_blueprint) -> None:
    csrf.init_app(app)
    csrf.exempt(api_blueprint)

    @app.before_request
    def _protect_session_writes():
        if request.blueprint != api_blueprint.name or request.method in ("GET", "HEAD", "OPTIONS"):
            return
        if request.headers.get("Authorization", "").lower().startswith("bearer "):
            return
        if not current_user.is_authenticated:
            return  # the view answers 401
        csrf.protect()
