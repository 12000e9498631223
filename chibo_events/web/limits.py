"""Rate limits (Flask-Limiter): one limiter for the app, keyed by client address unless a view says otherwise.

Storage is in memory per process unless CHIBO_RATELIMIT_STORAGE names a shared
one (e.g. redis://127.0.0.1:6379); with several gunicorn workers an in-memory
limit is per worker.
"""

import os

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", os.environ.get("CHIBO_RATELIMIT_STORAGE", "memory://"))
    limiter.init_app(app)
