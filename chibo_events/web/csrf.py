"""CSRF protection (Flask-WTF) on every form, and on API writes made with a browser session.

An API call that carries `Authorization: Bearer` cannot be forged by another
site, so it needs no token; one that rides on the session cookie must send the
page's token in the `X-CSRFToken` header, as the console's scripts do.
"""

from collections.abc import Iterable

from flask import Blueprint, Flask, request
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect

from .auth import bearer_token

csrf = CSRFProtect()


def init_app(app: Flask, api_blueprints: Iterable[Blueprint]) -> None:
    csrf.init_app(app)
    api = set()
    for blueprint in api_blueprints:
        csrf.exempt(blueprint)
        api.add(blueprint.name)

    @app.before_request
    def _protect_session_writes():
        if request.blueprint not in api or request.method in ("GET", "HEAD", "OPTIONS"):
            return
        if bearer_token():
            return
        if not current_user.is_authenticated:
            return  # the view answers 401
        csrf.protect()
