"""A throwaway PostgreSQL schema, named in the URL's search_path: for the benchmarks and the tests.

It lives here rather than in tests/ because the benchmarks run without the
test extras (no pytest), while the tests already import bench modules; so it
needs nothing but SQLAlchemy, and tests/engines.py imports it from here.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from sqlalchemy import create_engine, text


@contextmanager
def postgres_schema(base_url: str, prefix: str = "bench") -> Iterator[tuple[str, str]]:
    """Yield (url, schema) of a fresh schema named in the URL's search_path; drop it afterwards.

    Naming it in the URL, not on a connection, lets subprocesses and apps reach the same schema.
    """
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{separator}options={quote(f'-csearch_path={schema}')}", schema
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
