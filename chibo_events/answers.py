"""Answers to what people ask of a book: meetings, minutes, members, tasks (contract section 2).

Without `as_of` an answer comes from the stored read models, caught up first.
With `as_of` it is a fold of what had been recorded by then, reading only
the streams and types the answer needs. `on` is a date in Vietnam: the state
of the world that day (default: today). The same pure functions of
projections/ derive the answer either way.
"""

from datetime import date

from projections import cell, members, minutes, records, tasks
from projections.replay import replay

from . import clock, party_rules, search_text
from .catalogue import SLUG
from .documents.vietnamese import date_words
from .errors import NotFound
from .store import Store
from .timestamps import parse_instant, vietnam_date
from .vocabulary import CELL_STREAM, meeting_id_of, meeting_stream

MEETING_LIST_TYPES = ["MeetingOpened", "MeetingClosed", "MeetingVoided", "EventCorrected", "EventRetracted"]


def today() -> date:
    return vietnam_date(clock.now())


def need_meeting_id(book: str, meeting_id: str) -> None:
    """Refuse (404) what cannot be a meeting id, before it reaches a query: PostgreSQL refuses NUL in text."""
    if not SLUG.fullmatch(meeting_id):
        raise NotFound(f"Sổ {book!r} không có cuộc họp {meeting_id[:80]!r}.", {"meeting_id": meeting_id[:80]})


def need_member_id(book: str, member_id: str) -> None:
    """Refuse (404) what cannot be a member id, as a meeting id is refused: before it reaches a query."""
    if not SLUG.fullmatch(member_id):
        raise NotFound(f"Sổ {book!r} không có đảng viên {member_id[:80]!r}.", {"member_id": member_id[:80]})


def _need_book(store: Store, book: str) -> None:
    if not store.book_exists(book):
        raise NotFound(f"Không có chi bộ {book!r}.", {"cell": book})


def _fold(store: Store, book: str, as_of: str, names, **filters):
    return replay(store.events(book, recorded_until=as_of, **filters), names)


def meetings(store: Store, book: str, as_of: str | None = None) -> list[dict]:
    """Return [{meeting_id, kind, title, opened_at, closed_at}] in the order the meetings opened."""
    _need_book(store, book)
    if as_of is None:
        found = store.read_models.summaries(book, minutes.NAME)
    else:
        docs = _fold(store, book, as_of, [minutes.NAME], types=MEETING_LIST_TYPES).docs[minutes.NAME]
        found = [s for doc in docs.values() if (s := minutes.summary(doc))]
    return sorted(found, key=lambda m: (parse_instant(m["opened_at"]), m["meeting_id"]))


def meeting_minutes(store: Store, book: str, meeting_id: str, as_of: str | None = None) -> dict:
    """Return the minutes JSON of one meeting, as the book stands now or stood at `as_of`."""
    _need_book(store, book)
    need_meeting_id(book, meeting_id)
    if as_of is None:
        stored, size = store.read_models.documents_at(
            book, {minutes.NAME: [meeting_id], members.NAME: None, cell.NAME: None})
        docs, roster = stored[minutes.NAME], stored[members.NAME]
        cell_doc = stored[cell.NAME].get(cell.KEY)
    else:
        # The meetings related by decisions on sealed minutes (known now: a superset of those at as_of).
        now = store.read_models.docs(book, minutes.NAME, [meeting_id]).get(meeting_id)
        related = [meeting_stream(m) for m in minutes.related_meetings(now)] if now else []
        folded = _fold(store, book, as_of, [cell.NAME, members.NAME, minutes.NAME],
                       streams=[CELL_STREAM, meeting_stream(meeting_id), *related])
        docs, roster = folded.docs[minutes.NAME], folded.docs[members.NAME]
        cell_doc = folded.docs[cell.NAME].get(cell.KEY)
        size = store.size_at(book, as_of)
    doc = docs.get(meeting_id)
    if doc is None or minutes.summary(doc) is None:
        raise NotFound(f"Sổ {book!r} không có cuộc họp {meeting_id!r}.", {"meeting_id": meeting_id})
    related = minutes.related_meetings(doc)
    related_docs = docs if as_of is not None or not related else store.read_models.docs(book, minutes.NAME, related)
    rendered = minutes.render(doc, roster, cell.describe(cell_doc), as_of, _reported_tasks(store, book, doc, as_of),
                              related_docs)
    # The state of the book the document was made from, so a signed paper copy can be matched to it.
    rendered["evidence"] = {"size": size, "root": store.integrity.root(book, size).hex()}
    return minutes.with_people(rendered, people(store, book))


def number_in_year(store: Store, book: str, meeting_id: str, as_of: str | None = None) -> int:
    """Return which minutes of its year a meeting's are in the cell's book: 1 for the year's first meeting.

    Meetings count in the order they opened, voided ones not: they are not in the minutes book.
    """
    listed = meetings(store, book, as_of)
    this = next((m for m in listed if m["meeting_id"] == meeting_id), None)
    if this is None:
        raise NotFound(f"Sổ {book!r} không có cuộc họp {meeting_id!r}.", {"meeting_id": meeting_id})
    year = vietnam_date(parse_instant(this["opened_at"])).year
    same_year = [m["meeting_id"] for m in listed
                 if not m.get("voided") and vietnam_date(parse_instant(m["opened_at"])).year == year]
    return same_year.index(meeting_id) + 1 if meeting_id in same_year else 0


def describe_cell(store: Store, book: str) -> dict:
    """Return {cell_id, name, committee, place} of the cell, and `closed` for a closed one."""
    return cell.describe(store.read_models.docs(book, cell.NAME).get(cell.KEY))


def minutes_book(store: Store, book: str, year: int) -> list[dict]:
    """Return the minutes of every meeting the cell opened in `year` (voided ones left out), in order, numbered."""
    listed = [m for m in meetings(store, book)
              if not m.get("voided") and vietnam_date(parse_instant(m["opened_at"])).year == year]
    book_minutes = []
    for number, meeting in enumerate(listed, 1):
        minutes = meeting_minutes(store, book, meeting["meeting_id"])
        minutes["number_in_year"] = number
        book_minutes.append(minutes)
    return book_minutes


def search(store: Store, query: str, books: list[str], limit: int = 50) -> list[dict]:
    """Return the events of `books` whose text holds every word of `query` (diacritics or not), best first."""
    words = search_text.terms(query)
    found = store.search.search(books, words, limit)
    return [{"cell": f.book, "meeting_id": meeting_id_of(f.stream),
             "seq": f.seq, "type": f.type, "snippet": search_text.snippet(f.text, words),
             "corrected": f.corrected} for f in found]


def people(store: Store, book: str) -> dict[str, str]:
    """Return {username: "Phan Thị Hoa (thuky)"} of the accounts linked to a member of the book's roster."""
    linked = store.accounts.linked(book)
    if not linked:
        return {}
    docs = store.read_models.docs(book, members.NAME, sorted(set(linked.values())))
    named = {username: members.full_name(docs[member_id]) for username, member_id in linked.items()
             if member_id in docs}
    return {username: f"{name} ({username})" for username, name in named.items() if name}


def calendar(store: Store, book: str, year: int | None = None) -> dict:
    """Return the year's meetings by month (default this year), and the months and quarters missed."""
    _need_book(store, book)
    day = today()
    held = [(m["meeting_id"], m["kind"], vietnam_date(parse_instant(m["opened_at"])))
            for m in meetings(store, book) if not m.get("voided")]
    return party_rules.calendar(held, year or day.year, day)


def _reported_tasks(store: Store, book: str, doc: dict, as_of: str | None) -> dict[str, dict]:
    """Return the task documents of the tasks a meeting reports on, which may come from earlier meetings."""
    task_ids = minutes.reported_tasks(doc)
    if not task_ids:
        return {}
    if as_of is None:
        return store.read_models.docs(book, tasks.NAME, task_ids)
    return replay(store.task_assignments(book, task_ids, as_of), [tasks.NAME]).docs[tasks.NAME]


def minutes_on(store: Store, book: str, day: date, as_of: str | None = None) -> list[dict]:
    """Return the minutes of every meeting opened on `day` (Vietnam time)."""
    opened = [m for m in meetings(store, book, as_of) if vietnam_date(parse_instant(m["opened_at"])) == day]
    return [meeting_minutes(store, book, m["meeting_id"], as_of) for m in opened]


def _member_docs(store: Store, book: str, as_of: str | None) -> dict[str, dict]:
    if as_of is None:
        return store.read_models.documents(book, dict.fromkeys((members.NAME, records.NAME, tasks.NAME)))
    return _fold(store, book, as_of, [members.NAME, records.NAME, tasks.NAME]).docs


def member_statuses(store: Store, book: str, on: date | None = None, as_of: str | None = None) -> list[dict]:
    """Return every member's status on `on` (default today), as known now or at `as_of`."""
    _need_book(store, book)
    day = on or today()
    docs = _member_docs(store, book, as_of)
    board = tasks.board(docs[tasks.NAME].values(), day, _names(docs[members.NAME]))
    _, kinds, voided = _held(store, book, as_of)
    return members.statuses(docs[members.NAME].values(), docs[records.NAME], day, board, kinds, voided)


def member_record(store: Store, book: str, member_id: str, on: date | None = None,
                  as_of: str | None = None) -> dict:
    """Return one member's whole record on `on` (default today), as known now or at `as_of`.

    The status of GET /members, with the meetings, tasks, commendations, criticisms, ratings and dues it
    is counted from (projections/members.py, `record`).
    """
    _need_book(store, book)
    need_member_id(book, member_id)
    day = on or today()
    if as_of is None:
        # The whole roster for the names of those sharing a task; only this member's records.
        docs = store.read_models.documents(book, {members.NAME: None, records.NAME: [member_id], tasks.NAME: None})
    else:
        docs = _fold(store, book, as_of, [members.NAME, records.NAME, tasks.NAME]).docs
    doc = docs[members.NAME].get(member_id)
    if doc is None or members.full_name(doc) is None:
        raise NotFound(f"Sổ {book!r} không có đảng viên {member_id!r}.", {"member_id": member_id})
    board = tasks.board(docs[tasks.NAME].values(), day, _names(docs[members.NAME]))
    held, kinds, voided = _held(store, book, as_of)
    found = members.record(doc, docs[records.NAME].get(member_id), day, board, held, kinds, voided)
    if found is None:
        raise NotFound(f"Vào {date_words(day)} đồng chí {members.full_name(doc)} chưa vào chi bộ.",
                       {"member_id": member_id, "on": day.isoformat()})
    return found


def _held(store: Store, book: str, as_of: str | None) -> tuple[list[dict], dict[str, str], frozenset[str]]:
    """Return the meetings, their kinds by stream (which tell regular meetings) and the voided ones' streams."""
    held = meetings(store, book, as_of)
    kinds = {meeting_stream(m["meeting_id"]): m["kind"] for m in held}
    return held, kinds, frozenset(meeting_stream(m["meeting_id"]) for m in held if m.get("voided"))


def task_board(store: Store, book: str, status: str = "open", on: date | None = None,
               as_of: str | None = None) -> list[dict]:
    """Return the tasks on `on` (default today): open, done or all."""
    _need_book(store, book)
    if as_of is None:
        docs = store.read_models.documents(book, dict.fromkeys((members.NAME, tasks.NAME)))
    else:
        docs = _fold(store, book, as_of, [members.NAME, tasks.NAME]).docs
    return tasks.board(docs[tasks.NAME].values(), on or today(), _names(docs[members.NAME]), status)


def _names(roster: dict[str, dict]) -> dict[str, str]:
    return {member_id: members.full_name(doc) for member_id, doc in roster.items()}
