"""The engines every store test runs on, and markers for the few tests that concern one engine."""

import os
import uuid
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

POSTGRES_URL = os.environ.get("CHIBO_TEST_POSTGRES_URL")
SQLITE = pytest.param("sqlite", id="sqlite")
POSTGRES = pytest.param("postgresql", id="postgresql", marks=pytest.mark.skipif(
    not POSTGRES_URL, reason="CHIBO_TEST_POSTGRES_URL is not set"))
ENGINES = [SQLITE, POSTGRES]

only_sqlite = pytest.mark.parametrize("database_url", [SQLITE], indirect=True)
only_postgres = pytest.mark.parametrize("database_url", [POSTGRES], indirect=True)


@contextmanager
def fresh_database(engine: str, folder, name: str = "chibo"):
    """Yield the URL of an empty database: a SQLite file in `folder`, or a PostgreSQL schema of its own.

    The schema is named in the URL's search_path, so subprocesses and apps reach
    the same one; it is dropped afterwards.
    """
    if engine == "sqlite":
        yield f"sqlite:///{folder / f'{name}.sqlite3'}"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
