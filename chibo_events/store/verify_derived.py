"""What the store keeps beside the hashed events, checked against them: derived columns and read models.

The hashes cover the events alone. Beside them the store keeps what it
derived from them: each event's `members` and `occurred_utc` columns (what
the member and date filters search) and the read models (what the minutes
page, its JSON and the Word file are made from). Edited by SQL, these would
change what people read and print while every hash still held, so `verify`
recomputes them from the events and names each that differs: `derived` with
its seq, `read_model` with its projection and key.

The read models are compared with a fold of the book made here, in memory:
one book is one cell's history (thousands of events, a few hundred
documents), so that is cheap next to the hashing verify does anyway.
"""

import json
from collections.abc import Iterator

from sqlalchemy import Engine, select

from projections import PROJECTIONS
from projections.replay import Replay

from ..verify import Problem
from ..vocabulary import AMENDMENTS
from . import read
from .append import derived_columns
from .read_models import ReadModels, generations
from .read_tables import read_checkpoints, read_docs
from .tables import events

PAGE = 2000
MAX_NAMED = 20  # each differing document or column is named up to here; the rest are counted in one line


def derived_problems(engine: Engine, book: str, upto: int) -> Iterator[Problem]:
    """Yield a `derived` problem for each event whose stored derived columns are not what it gives."""
    named, after = 0, 0
    while after < upto:
        with engine.connect() as conn:
            rows = conn.execute(
                select(events.c.seq, events.c.members, events.c.occurred_utc)
                .where(events.c.book == book, events.c.seq > after, events.c.seq <= upto)
                .order_by(events.c.seq).limit(PAGE)).all()
            stored = {row.seq: (row.members, row.occurred_utc) for row in rows}
            batch = read.page(conn, book, after_seq=after, limit=PAGE, upto_seq=upto)
            for envelope in batch:
                target = None
                if envelope["type"] in AMENDMENTS:
                    target = read.by_seq(conn, book, envelope["data"]["target_seq"])
                wanted = derived_columns(envelope, target)
                members, occurred_utc = stored.get(envelope["seq"], (None, None))
                for column, value in (("members", members), ("occurred_utc", occurred_utc)):
                    if value != wanted[column]:
                        named += 1
                        if named <= MAX_NAMED:
                            yield Problem("derived", envelope["seq"], (
                                f"Cột {column} của sự kiện seq {envelope['seq']} là {value!r}, sự kiện cho "
                                f"{wanted[column]!r}: bộ lọc theo đảng viên hay theo ngày sẽ giấu hoặc bịa sự kiện."))
        if len(rows) < PAGE:
            break
        after = rows[-1].seq
    if named > MAX_NAMED:
        yield Problem("derived", None, f"… và {named - MAX_NAMED} cột suy ra khác nữa.")


def read_model_problems(engine: Engine, read_models: ReadModels, book: str) -> list[Problem]:
    """Return a `read_model` problem for each stored document that is not the fold of the events it claims."""
    read_models.catch_up(book)
    stored, upto = _stored(engine, book)
    problems: list[Problem] = []
    for seq in sorted(set(upto.values())):
        names = [name for name, last in upto.items() if last == seq]
        folded = Replay(names).fold(read.scan(engine, book, upto_seq=seq)).docs
        for name in names:
            problems += _differences(book, name, stored.get(name, {}), folded[name])
    if len(problems) > MAX_NAMED:
        more = len(problems) - MAX_NAMED
        problems = problems[:MAX_NAMED] + [Problem("read_model", None, f"… và {more} tài liệu khác nữa.")]
    return problems


def _stored(engine: Engine, book: str) -> tuple[dict[str, dict[str, tuple]], dict[str, int]]:
    """Read the live documents and checkpoints of the book's read models from one snapshot."""
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        live = generations(conn)
        upto = dict.fromkeys(PROJECTIONS, 0)
        for name, generation, last_seq in conn.execute(
                select(read_checkpoints.c.projection, read_checkpoints.c.generation, read_checkpoints.c.last_seq)
                .where(read_checkpoints.c.book == book)):
            if live.get(name) == generation:
                upto[name] = last_seq
        stored: dict[str, dict[str, tuple]] = {}
        for name, generation, key, doc, summary in conn.execute(
                select(read_docs.c.projection, read_docs.c.generation, read_docs.c.key, read_docs.c.doc,
                       read_docs.c.summary).where(read_docs.c.book == book)):
            if live.get(name) == generation:
                stored.setdefault(name, {})[key] = (doc, summary)
    return stored, upto


def _same(a, b) -> bool:
    return json.dumps(a, sort_keys=True, ensure_ascii=False) == json.dumps(b, sort_keys=True, ensure_ascii=False)


def _differences(book: str, name: str, stored: dict[str, tuple], folded: dict[str, dict]) -> list[Problem]:
    problems = []
    summary = PROJECTIONS[name].summary
    for key in sorted(set(stored) | set(folded)):
        if key not in folded:
            why = "có trong mô hình đọc nhưng không sự kiện nào tạo ra nó"
        elif key not in stored:
            why = "thiếu trong mô hình đọc"
        elif not _same(stored[key][0], json.loads(json.dumps(folded[key]))):
            why = "khác với các sự kiện của sổ"
        elif not _same(stored[key][1], summary(folded[key])):
            why = "có dòng tóm tắt khác với các sự kiện của sổ"
        else:
            continue
        problems.append(Problem("read_model", None, (
            f"Mô hình đọc {name} của sổ {book}, tài liệu {key!r}: {why}; trang biên bản, JSON và Word "
            "làm từ nó không còn đúng với sổ. Chạy `chibo rebuild` sau khi đã tìm nguyên nhân."), name, key))
    return problems
