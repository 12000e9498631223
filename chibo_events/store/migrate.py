"""Schema migrations with Alembic: `init-db` brings any database to the newest schema, in place.

The migration scripts live in store/migrations/versions; the first one is the
schema as it stood when migrations began. A database made before then (by
create_all, with no alembic_version table) is stamped at that first revision
and upgraded from there.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from . import integrity_tables, read_tables  # noqa: F401  (their tables join `metadata`)
from .tables import metadata as target_metadata

FOLDER = Path(__file__).parent / "migrations"
BASELINE = "0001"


def _config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(FOLDER))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Return the newest revision the code knows."""
    return ScriptDirectory.from_config(_config(None)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, or None if it has never been migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema; safe to run again."""
    with engine.begin() as connection:
        migrated = MigrationContext.configure(connection).get_current_revision()
        config = _config(connection)
        if migrated is None and inspect(connection).has_table("events"):
            command.stamp(config, BASELINE)  # made by create_all before migrations began
        command.upgrade(config, "head")
