"""A witness's own database: the log keys it trusts, and for each origin the last tree it cosigned.

`add_checkpoint` is the whole of c2sp.org/tlog-witness's check, in the order the specification gives its
answers: 400 a malformed request, 404 an origin no trusted key signs for, 403 no trusted signature holds, 400
an old size above the checkpoint's, 409 (with the size it holds, `text/x.tlog.size`) an old size that is not
the one it holds or an equal size with another root, 422 a consistency proof that does not verify; else it
records the new tree and answers 200 with its cosignature. The check and the record are one transaction that
holds the origin's row (SQLite: BEGIN IMMEDIATE; PostgreSQL: SELECT … FOR UPDATE), so two submissions of one
origin cannot both pass against the same old size, and a restart finds what was cosigned.
"""

import base64
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from .. import merkle
from ..checkpoints import CheckpointError, Verifier, parse, split_origin
from ..clock import now
from ..timestamps import utc_text
from ..witness import protocol
from ..witness.cosignature import Cosigner

metadata = MetaData()
trusted = Table(
    "witness_trusted", metadata,
    Column("vkey", String(300), primary_key=True),  # <name>+<hex key id>+<base64(0x01 || key)>, as `public-key`
    Column("name", String(200), nullable=False),  # the log name: the key vouches for origins <name>/<book>
)
logs = Table(
    "witness_logs", metadata,
    Column("origin", String(300), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("root", String(44), nullable=False),  # base64, as in the checkpoint; "" before any cosigning
    Column("updated_at", String(27), nullable=False),
    # The checkpoint as the log signed it and this witness's cosignature on it: what `GET /checkpoint` serves, so
    # an inspector can hold the log's database to what was witnessed even after it was restored from a backup.
    Column("note", Text, nullable=False, server_default=""),
    Column("cosignature", Text, nullable=False, server_default=""),
)


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    content_type: str = "text/plain; charset=utf-8"


class WitnessState:
    def __init__(self, engine: Engine):
        self.engine = engine
        metadata.create_all(engine)  # the witness's own few tables; nothing else lives in its database

    @classmethod
    def from_url(cls, url: str) -> "WitnessState":
        return cls(create_engine(url))

    def trust(self, vkey: str) -> Verifier:
        """Trust a log's key (`chibo public-key`) for every origin of its log name; idempotent."""
        verifier = Verifier.from_string(vkey)
        with self.engine.begin() as conn:
            conn.execute(delete(trusted).where(trusted.c.vkey == str(verifier)))
            conn.execute(insert(trusted).values(vkey=str(verifier), name=verifier.name))
        return verifier

    def keys_for(self, origin: str) -> list[Verifier]:
        name = split_origin(origin)[0]
        with self.engine.connect() as conn:
            found = conn.execute(select(trusted.c.vkey).where(trusted.c.name == name)).scalars().all()
        return [Verifier.from_string(v) for v in found]

    def latest(self, origin: str) -> tuple[int, bytes | None]:
        with self.engine.connect() as conn:
            row = conn.execute(select(logs.c.size, logs.c.root).where(logs.c.origin == origin)).first()
        return (row.size, base64.b64decode(row.root) if row.root else None) if row else (0, None)

    def add_checkpoint(self, body: bytes, cosigner: Cosigner) -> Answer:
        try:
            request = protocol.parse(body)
            claimed = parse(request.note)
        except (protocol.BadRequest, CheckpointError) as error:
            return Answer(400, f"bad request: {error}\n")
        keys = self.keys_for(claimed.origin)
        if not keys:
            return Answer(404, f"unknown log: {claimed.origin}\n")
        checkpoint = None
        for key in keys:
            try:
                checkpoint = key.verify(request.note)
                break
            except CheckpointError:
                continue
        if checkpoint is None:
            return Answer(403, "no signature of a trusted key verifies\n")
        if request.old_size > checkpoint.size:
            return Answer(400, "the old size is larger than the checkpoint's\n")
        text = request.note.rpartition("\n\n")[0] + "\n"  # the note body, as the cosignature signs it
        with self._locked(checkpoint.origin) as (conn, size, root):
            if request.old_size != size:
                return Answer(409, f"{size}\n", "text/x.tlog.size")
            if request.old_size == 0 and request.proof:
                return Answer(422, "the proof must be empty from size 0\n")
            if request.old_size == checkpoint.size:
                if root is not None and root != checkpoint.root:
                    return Answer(409, f"{size}\n", "text/x.tlog.size")
            elif request.old_size and not merkle.verify_consistency(
                    request.old_size, checkpoint.size, root, checkpoint.root, request.proof):
                return Answer(422, "the consistency proof does not verify\n")
            line = cosigner.cosign(text, int(now().timestamp()))
            conn.execute(update(logs).where(logs.c.origin == checkpoint.origin).values(
                size=checkpoint.size, root=base64.b64encode(checkpoint.root).decode(), updated_at=utc_text(now()),
                note=request.note, cosignature=line))
        return Answer(200, line)  # persisted before answering, as the specification asks

    def cosigned_checkpoint(self, origin: str) -> str | None:
        """Return the last checkpoint cosigned for `origin`, the log's signature and this witness's cosignature on
        it, or None (an extension of the protocol: its monitoring interface is not specified yet)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(logs.c.note, logs.c.cosignature).where(logs.c.origin == origin)).first()
        return row.note + row.cosignature if row and row.note else None

    @contextmanager
    def _locked(self, origin: str):
        """Open a transaction holding the origin's row (made at size 0 if new); yield (conn, size, root)."""
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "sqlite":
                conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
                conn.execute(dialect.insert(logs).values(origin=origin, size=0, root="", updated_at="")
                             .on_conflict_do_nothing(index_elements=["origin"]))
                query = select(logs.c.size, logs.c.root).where(logs.c.origin == origin)
                if self.engine.dialect.name == "postgresql":
                    query = query.with_for_update()
                row = conn.execute(query).one()
                yield conn, row.size, base64.b64decode(row.root) if row.root else None
