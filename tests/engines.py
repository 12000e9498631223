"""The engines every store test runs on, and markers for the few tests that concern one engine."""

import os

import pytest

POSTGRES_URL = os.environ.get("CHIBO_TEST_POSTGRES_URL")
SQLITE = pytest.param("sqlite", id="sqlite")
POSTGRES = pytest.param("postgresql", id="postgresql", marks=pytest.mark.skipif(
    not POSTGRES_URL, reason="CHIBO_TEST_POSTGRES_URL is not set"))
ENGINES = [SQLITE, POSTGRES]

only_sqlite = pytest.mark.parametrize("database_url", [SQLITE], indirect=True)
only_postgres = pytest.mark.parametrize("database_url", [POSTGRES], indirect=True)
