"""The same books kept with the eventsourcing library (9.5): one aggregate per book, saved per append."""

import os
from urllib.parse import urlsplit
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from chibo_events.catalogue import check_request


class Book(Aggregate):
    """A cell's book: every request recorded as an event of the aggregate."""

    @event("Registered")
    def __init__(self, name: str, data: dict):
        self.name = name
        self.versions: dict[str, int] = {}

    @event("Recorded")
    def record(self, stream: str, kind: str, data: dict, occurred_at: str, actor: str):
        self.versions[stream] = self.versions.get(stream, 0) + 1


class EventsourcingBooks(Application):
    """An eventsourcing application holding books; its aggregate cache spares a replay per append."""

    def open_book(self, name: str, data: dict) -> UUID:
        book = Book(name, data)
        self.save(book)
        return book.id

    def record(self, book_id: UUID, body: dict, actor: str) -> None:
        request = check_request(body)  # the same validation the store's callers do
        book = self.repository.get(book_id)
        book.record(request.stream, request.type, request.data, request.occurred_at, actor)
        self.save(book)


def sqlite_app(folder: str) -> EventsourcingBooks:
    """An application on eventsourcing's SQLite module, in a file of its own (WAL, synchronous=FULL)."""
    path = os.path.join(folder, "eventsourcing.sqlite3")
    return EventsourcingBooks(env={
        "PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": path,
        "AGGREGATE_CACHE_MAXSIZE": "1000", "SQLITE_LOCK_TIMEOUT": "30",
    })


def postgres_app(sqlalchemy_url: str, schema: str) -> EventsourcingBooks:
    """An application on eventsourcing's PostgreSQL module (psycopg 3 + psycopg_pool), in its own schema."""
    parts = urlsplit(sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://"))
    return EventsourcingBooks(env={
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": parts.path.lstrip("/"), "POSTGRES_HOST": parts.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parts.port or 5432), "POSTGRES_USER": parts.username or "postgres",
        "POSTGRES_PASSWORD": parts.password or "", "POSTGRES_SCHEMA": schema,
        "AGGREGATE_CACHE_MAXSIZE": "1000", "CREATE_TABLE": "y",
    })


def sqlite_synchronous(app: EventsourcingBooks) -> int:
    """Return PRAGMA synchronous of the application's connections (2 = FULL)."""
    with app.recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute("PRAGMA synchronous")
        return cursor.fetchone()[0]
