"""The `chibo` command group and what every command needs."""

from flask import current_app
from flask.cli import AppGroup

from ..store import Store

chibo = AppGroup("chibo", help="Sổ sinh hoạt chi bộ: quản trị từ dòng lệnh.")


def store() -> Store:
    """Return the store of the app the command runs in."""
    return current_app.extensions["chibo_store"]
