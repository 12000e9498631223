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


def issue_token(engine: Engine, username: str) -> str:
    """Create and return a new API token for the user."""
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(api_tokens.insert(), {
            "token_hash": _digest(token), "username": username, "created_at": utc_text(clock.now()),
        })
    return token


# Every API request asks this first, so it is one statement, built once.
_BY_TOKEN = (
    select(users.c.username, users.c.role, user_cells.c.cell)
    .select_from(api_tokens.join(users, users.c.username == api_tokens.c.username)
                 .outerjoin(user_cells, user_cells.c.username == users.c.username))
    .where(api_tokens.c.token_hash == bindparam("digest"))
)


def account_for_token(engine: Engine, token: str) -> Account | None:
    """Return the account a token speaks for, or None."""
    with engine.connect() as conn:
        rows = conn.execute(_BY_TOKEN, {"digest": _digest(token)}).all()
    if not rows:
        return None
    return Account(rows[0].username, rows[0].role, frozenset(row.cell for row in rows if row.cell is not None))


def start_session(engine: Engine, username: str) -> str:
    """Open a browser session for the user; return its id (only its SHA-256 is kept)."""
    session_id = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(sessions.insert(), {
            "sid_hash": _digest(session_id), "username": username, "created_at": utc_text(clock.now()),
        })
    return session_id


_BY_SESSION = (
    select(users.c.username, users.c.role, user_cells.c.cell)
    .select_from(sessions.join(users, users.c.username == sessions.c.username)
                 .outerjoin(user_cells, user_cells.c.username == users.c.username))
    .where(sessions.c.sid_hash == bindparam("digest"))
)


def account_for_session(engine: Engine, session_id: str) -> Account | None:
    """Return the account a live browser session belongs to, or None once it has ended."""
    with engine.connect() as conn:
        rows = conn.execute(_BY_SESSION, {"digest": _digest(session_id)}).all()
    if not rows:
        return None
    return Account(rows[0].username, rows[0].role, frozenset(row.cell for row in rows if row.cell is not None))


def end_session(engine: Engine, session_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.sid_hash == _digest(session_id)))


def end_sessions(engine: Engine, username: str) -> None:
    """End every browser session of the user (a disabled user, say)."""
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.username == username))
