"""Engines for both supported databases, and the schema with its guard rails.

SQLite: WAL, synchronous=FULL (an audit log loses nothing on power loss),
foreign keys, a busy timeout, and writes that begin IMMEDIATE so a writer
holds the lock from its first read of the book head. The driver's own
transaction handling is switched off so SQLAlchemy's BEGIN is the only one.

Both engines refuse UPDATE and DELETE on events, the Merkle tree and the
checkpoints (PostgreSQL also TRUNCATE) by trigger. These are guard rails;
the hashes and the signed checkpoints are what make a change that goes
around them evident.
"""

import contextlib
import json
import os

from sqlalchemy import Engine, create_engine, event, make_url

CONNECT_TIMEOUT_S = 5  # per host tried, unless the URL says connect_timeout itself
GUARDED = ("events", "merkle_nodes", "book_checkpoints")

SQLITE_GUARDS = [
    statement
    for table in GUARDED
    for statement in (
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, 'chibo: {table} are append-only; UPDATE refused'); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, 'chibo: {table} are append-only; DELETE refused'); END""",
    )
]

POSTGRES_GUARDS = [
    """CREATE OR REPLACE FUNCTION chibo_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'chibo: % are append-only; % refused', TG_TABLE_NAME, TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$""",
] + [
    statement
    for table in GUARDED
    for statement in (
        f"""CREATE OR REPLACE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION chibo_refuse_change()""",
        f"""CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION chibo_refuse_change()""",
    )
]


def _compact_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def make_engine(url: str, **kwargs) -> Engine:
    """Create an engine for `url` set up as the store needs it."""
    if url.startswith("postgresql"):
        # A connection the server dropped (a restart, a failover) is found out when taken from the pool, not in
        # the middle of an append: one round trip a checkout.
        kwargs.setdefault("pool_pre_ping", True)
        if "connect_timeout" not in make_url(url).query:
            # libpq waits for a host that does not answer as long as the kernel does (minutes); with several hosts
            # named (host=a,b), a dead first one would hold every new connection that long before trying the next.
            kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S, **kwargs.get("connect_args", {})}
    engine = create_engine(url, json_serializer=_compact_json, **kwargs)
    if engine.dialect.name == "sqlite":
        _private_file(engine.url.database)
        _tune_sqlite(engine)
    return engine


def _private_file(database: str | None) -> None:
    """Create the SQLite file readable by its owner alone, as the keys beside it are.

    SQLite would create it 0644 (less the umask); it gives its -wal and -shm
    files the mode of the database file, so they are private too.
    """
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy say BEGIN
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def init_db(engine: Engine) -> None:
    """Bring the schema, guard triggers included, to the newest migration; safe to run again."""
    from .migrate import upgrade  # Alembic is loaded only by the commands that change the schema

    upgrade(engine)
