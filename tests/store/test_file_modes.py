"""The SQLite database and its WAL are readable by their owner alone, like the signing key beside them."""

import os
import stat

from chibo_events import create_app
from tests.books import book_with_meeting


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_database_files_are_made_private_as_the_keys_are(tmp_path):
    os.umask(0o022)  # the usual umask, under which SQLite alone would make the file 0644
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "t",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'instance' / 'chibo.sqlite3'}"})
    store = app.extensions["chibo_store"]
    store.init_schema()
    book_with_meeting(store)
    instance = tmp_path / "instance"
    assert mode(instance / "chibo.sqlite3") == 0o600
    assert mode(instance / "chibo.sqlite3-wal") == 0o600
    assert mode(instance / "signing_key.pem") == 0o600
    store.engine.dispose()
