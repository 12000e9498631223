"""The web layer: the only place that imports Flask, flask_login and forms."""

from flask import Flask, current_app

from ..store import Store


def store() -> Store:
    """Return the store of the running app."""
    return current_app.extensions["chibo_store"]


def init_app(app: Flask) -> None:
    from . import (  # noqa: F401  (read_api adds routes to api.bp)  # noqa: F401  (console adds the meeting page and the clerk's forms to pages.bp)
        api,
        auth,
        console,
        csrf,
        errors,
        filters,
        integrity_api,
        limits,
        login,
        pages,
        read_api,
        records,
        security,
    )

    auth.init_app(app)
    errors.init_app(app)
    filters.init_app(app)
    limits.init_app(app)
    csrf.init_app(app, api.bp)
    security.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(records.bp)
    app.register_blueprint(login.bp)
