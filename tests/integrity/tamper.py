"""What someone with write access to the database can do once the guard triggers are gone.

Each helper changes the test's own database (its own SQLite file, or its own
PostgreSQL schema) by SQL, around the application.
"""

from sqlalchemy import Engine, text

from chibo_events import integrity, merkle
from chibo_events.store import read
from chibo_events.store.engine import GUARDED
from chibo_events.store.integrity_tables import merkle_nodes
from chibo_events.store.tables import events
from tests.books import CELL


def drop_guards(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in GUARDED:
            if engine.dialect.name == "postgresql":
                conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table}"))
                conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}"))
            else:
                conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_update"))
                conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_delete"))


def sql(engine: Engine, statement: str, **params) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), {"book": CELL, **params})


def set_data_field(engine: Engine, seq: int, field: str, value: str) -> None:
    """Change one field of an event's data in place, as JSON on either engine."""
    if engine.dialect.name == "postgresql":
        statement = "UPDATE events SET data = jsonb_set(data, CAST(:path AS text[]), to_jsonb(CAST(:value AS text)))"
        path = "{" + field + "}"
    else:
        statement, path = "UPDATE events SET data = json_set(data, :path, :value)", f"$.{field}"
    sql(engine, statement + " WHERE book = :book AND seq = :seq", seq=seq, path=path, value=value)


def swap(engine: Engine, first: int, second: int) -> None:
    """Exchange the places of two events (their seq), leaving every other column as it was."""
    sql(engine, "UPDATE events SET seq = -1 WHERE book = :book AND seq = :a", a=first)
    sql(engine, "UPDATE events SET seq = :a WHERE book = :book AND seq = :b", a=first, b=second)
    sql(engine, "UPDATE events SET seq = :b WHERE book = :book AND seq = -1", b=second)


def truncate(engine: Engine, keep: int, *, checkpoints_too: bool = False) -> None:
    """Cut the book (and its tree) back to its first `keep` events; with checkpoints_too, a clean rollback."""
    sql(engine, "DELETE FROM events WHERE book = :book AND seq > :keep", keep=keep)
    with engine.begin() as conn:
        for level in range(64):
            conn.execute(merkle_nodes.delete().where(
                merkle_nodes.c.book == CELL, merkle_nodes.c.level == level,
                merkle_nodes.c.idx >= keep >> level))
    if checkpoints_too:
        sql(engine, "DELETE FROM book_checkpoints WHERE book = :book AND size > :keep", keep=keep)


def envelopes(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return read.page(conn, CELL, limit=10_000)


def rewrite(engine: Engine, changed: list[dict], *, tree_too: bool = True) -> None:
    """Replace the book by `changed`, re-sealing the chain from the first change (and rebuilding the tree)."""
    prev, rows = integrity.GENESIS_HASH, []
    for envelope in changed:
        sealed = integrity.seal({k: v for k, v in envelope.items() if k not in ("prev_hash", "hash")}, prev)
        rows.append(sealed)
        prev = sealed["hash"]
    with engine.begin() as conn:
        for row in rows:
            conn.execute(events.update().where(events.c.book == CELL, events.c.seq == row["seq"]).values(
                data=row["data"], actor=row["actor"], prev_hash=row["prev_hash"], hash=row["hash"]))
        if tree_too:
            conn.execute(merkle_nodes.delete().where(merkle_nodes.c.book == CELL))
            frontier, nodes = merkle.Frontier(), []
            for row in rows:
                nodes += frontier.append(integrity.leaf_hash(row))
            conn.execute(merkle_nodes.insert(), [
                {"book": CELL, "level": level, "idx": idx, "hash": node} for level, idx, node in nodes])


def kinds(report) -> set[tuple[str, int | None]]:
    return {(problem.kind, problem.seq) for problem in report.problems}
