"""Rate limits (Flask-Limiter): one limiter for the app, keyed by client address unless a view says otherwise.

The API has one budget per token (or per signed-in user, for the browser's
calls), shared by all its endpoints: `CHIBO_API_RATE_LIMIT` of the app config
(config.py reads it from the environment), default 600 per minute. Requests without a valid token
count against their address, so guessing tokens is limited too. A refusal is
a 429 in the contract's JSON shape with a Retry-After header (web/errors.py).

Storage is in memory per process unless CHIBO_RATELIMIT_STORAGE (config.py) names a shared
one (e.g. redis://127.0.0.1:6379); with several gunicorn workers an in-memory
limit is per worker.
"""

import hashlib

from flask import Blueprint, Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user

from .auth import bearer_token, token_user

limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


def api_rate_limit() -> str:
    """Return the API's limit for the running app, e.g. "600 per minute"."""
    return current_app.config["CHIBO_API_RATE_LIMIT"]


def who_is_asking() -> str:
    """Return the key an API request is counted under: its token, its signed-in user, else its address."""
    if request.headers.get("Authorization"):  # the token's budget, or its address's if it is no token of ours
        if (token := bearer_token()) and token_user() is not None:
            # A digest, so that a shared storage (redis) never holds a usable token.
            return "token:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    elif current_user.is_authenticated:
        return "user:" + current_user.account.username
    return "address:" + (get_remote_address() or "?")


def limit_api(blueprint: Blueprint) -> None:
    """Give every endpoint of `blueprint` the one shared API budget (call once, at import)."""
    limiter.shared_limit(api_rate_limit, scope="api", key_func=who_is_asking)(blueprint)


def init_app(app: Flask) -> None:
    # A fixed window, counted from the first hit: one counter per key, where a moving window
    # keeps and scans a timestamp per request (measured: ~0.3 ms of every API call).
    # The price is that a client may burst up to twice the limit across a window edge.
    app.config.setdefault("RATELIMIT_STRATEGY", "fixed-window")
    # One limiter serves every app of the process (tests make many), and Flask-Limiter
    # would carry one app's RATELIMIT_ENABLED over to the next: keep it on and let each
    # app's own setting decide, per request, in _switched_off.
    app.config["CHIBO_RATELIMIT_ENABLED"] = app.config.get("RATELIMIT_ENABLED", True)
    app.config["RATELIMIT_ENABLED"] = True
    limiter.init_app(app)


@limiter.request_filter
def _switched_off() -> bool:
    return not current_app.config.get("CHIBO_RATELIMIT_ENABLED", True)
