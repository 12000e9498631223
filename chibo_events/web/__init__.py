"""The web layer: the only place that imports Flask, flask_login and forms.

One convention: each view module owns its blueprint (`bp`), and `init_app`
registers them all; views find the store with `store()` (app.store, as the
commands do), or with `reading(cell)` for a read that may come from a replica
(app.reading: the inspectors' pages and answers), and parse query parameters
with params.py.
"""

from flask import Flask, g

from ..app import reading, store  # noqa: F401  (the views' accessors of the store)

READ_FROM = "X-Chibo-Read-From"  # "replica" when any of the answer's reads came from CHIBO_READ_DATABASE_URL


def init_app(app: Flask) -> None:
    @app.after_request
    def _say_where_it_was_read(response):
        if store().replica is not None and (decided := g.get("chibo_reading")):
            roles = {source.role for source in decided.values()}
            response.headers[READ_FROM] = "replica" if "replica" in roles else "primary"
        return response

    from . import (
        admin_page,
        api,
        audit_page,
        auth,
        committee_page,
        committees_api,
        console,
        csrf,
        errors,
        filters,
        integrity_api,
        limits,
        login,
        me_page,
        members_page,
        minutes_page,
        offline,
        pages,
        read_api,
        roster_api,
        roster_import_page,
        roster_page,
        search_api,
        search_page,
        security,
        users_api,
    )

    api_blueprints = (api.bp, read_api.bp, integrity_api.bp, users_api.bp, roster_api.bp, committees_api.bp,
                      search_api.bp)
    errors.init_app(app)
    filters.init_app(app)
    limits.init_app(app)
    auth.init_app(app)  # after the limiter: a request with a bad token is counted before it is refused
    csrf.init_app(app, api_blueprints)
    security.init_app(app)
    pages_blueprints = (pages.bp, console.bp, minutes_page.bp, members_page.bp, audit_page.bp, roster_page.bp,
                        roster_import_page.bp, admin_page.bp, me_page.bp, committee_page.bp, search_page.bp, login.bp,
                        offline.bp)
    for blueprint in (*api_blueprints, *pages_blueprints):
        app.register_blueprint(blueprint)
