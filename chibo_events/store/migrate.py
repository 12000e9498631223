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
from .tables import metadata as target_metadata  # noqa: F401  (migrations/env.py reads it here)

FOLDER = Path(__file__).parent / "migrations"
BASELINE = "0001"
# The engines' own full-text indexes (migration 0006): an FTS5 table and its shadow tables on SQLite, an
# expression index on PostgreSQL. SQLAlchemy's tables cannot describe them, so comparisons leave them out.
ENGINE_OWN = ("search_fts", "search_entries_fts")


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Say whether a comparison of the schema with `metadata` looks at this table or index."""
    return not (name and name.startswith(ENGINE_OWN))


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


def new_revision(message: str, url: str = "sqlite://") -> None:
    """Write a migration script for what the tables in code have that the newest migration lacks.

    Autogenerate compares a scratch database brought to head with `metadata`;
    read and tidy the script it writes (triggers and data are not compared).
    """
    from sqlalchemy import create_engine

    engine = create_engine(url)
    upgrade(engine)
    with engine.begin() as connection:
        command.revision(_config(connection), message=message, autogenerate=True,
                         rev_id=f"{int(head_revision()) + 1:04d}")
