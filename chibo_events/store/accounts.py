"""Users, the cells they belong to, and API tokens (only their SHA-256 is kept)."""

import hashlib
import secrets

from sqlalchemy import Engine, bindparam, select

from .. import clock
from ..access import Account
from ..timestamps import utc_text
from .tables import api_tokens, sessions, user_cells, users


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(engine: Engine, username: str, password_hash: str, role: str, cells=()) -> Account:
    """Store a new user; the caller has checked the name, role and password."""
    with engine.begin() as conn:
        conn.execute(users.insert(), {
            "username": username, "password_hash": password_hash, "role": role,
            "created_at": utc_text(clock.now()),
        })
        for cell in sorted(set(cells)):
            conn.execute(user_cells.insert(), {"username": username, "cell": cell})
    return Account(username, role, frozenset(cells))


def find_user(engine: Engine, username: str) -> tuple[Account, str] | None:
    """Return the account and its password hash, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
        if row is None:
            return None
        cells = conn.execute(select(user_cells.c.cell).where(user_cells.c.username == username)).scalars()
        return Account(row.username, row.role, frozenset(cells)), row.password_hash


def _issue(engine: Engine, digest_column, username: str) -> str:
    """Store the SHA-256 of a new random secret for the user in that column's table; return the secret."""
    secret = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(digest_column.table.insert(), {
            digest_column.name: _digest(secret), "username": username, "created_at": utc_text(clock.now()),
        })
    return secret


def _holder(table, digest_column):
    """Return the one statement, built once, that finds the account (with its cells) holding a secret of `table`."""
    return (
        select(users.c.username, users.c.role, user_cells.c.cell)
        .select_from(table.join(users, users.c.username == table.c.username)
                     .outerjoin(user_cells, user_cells.c.username == users.c.username))
        .where(digest_column == bindparam("digest"))
    )


def _account_holding(engine: Engine, statement, secret: str) -> Account | None:
    with engine.connect() as conn:
        rows = conn.execute(statement, {"digest": _digest(secret)}).all()
    if not rows:
        return None
    return Account(rows[0].username, rows[0].role, frozenset(row.cell for row in rows if row.cell is not None))


# Every API request asks one of these first, so each is one statement, built once.
_BY_TOKEN = _holder(api_tokens, api_tokens.c.token_hash)
_BY_SESSION = _holder(sessions, sessions.c.sid_hash)


def issue_token(engine: Engine, username: str) -> str:
    """Create and return a new API token for the user."""
    return _issue(engine, api_tokens.c.token_hash, username)


def account_for_token(engine: Engine, token: str) -> Account | None:
    """Return the account a token speaks for, or None."""
    return _account_holding(engine, _BY_TOKEN, token)


def start_session(engine: Engine, username: str) -> str:
    """Open a browser session for the user; return its id (only its SHA-256 is kept)."""
    return _issue(engine, sessions.c.sid_hash, username)


def account_for_session(engine: Engine, session_id: str) -> Account | None:
    """Return the account a live browser session belongs to, or None once it has ended."""
    return _account_holding(engine, _BY_SESSION, session_id)


def end_session(engine: Engine, session_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.sid_hash == _digest(session_id)))


def end_sessions(engine: Engine, username: str) -> None:
    """End every browser session of the user (a disabled user, say)."""
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.username == username))
