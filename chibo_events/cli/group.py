"""The `chibo` command group; every command finds the store with app.store, as the views do."""

from flask.cli import AppGroup

from ..app import store  # noqa: F401  (the commands' one accessor of the store)

chibo = AppGroup("chibo", help="Sổ sinh hoạt chi bộ: quản trị từ dòng lệnh.")
