"""The engines every store test runs on, and markers for the few tests that concern one engine."""

import os
from contextlib import contextmanager

import pytest

from bench.schema import postgres_schema

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
    with postgres_schema(POSTGRES_URL, prefix="t") as (url, _schema):
        yield url
