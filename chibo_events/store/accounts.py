"""Users, the cells they belong to, the member each is, and API tokens (only their SHA-256 is kept).

A disabled user keeps its row (its name is the actor of events in the books) but has no
session or token left, and none is accepted for it: the lookups below join on `disabled`.
"""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import Engine, bindparam, delete, false, or_, select, update

from .. import clock
from ..access import Account, Member
from ..timestamps import utc_text
from .tables import api_tokens, sessions, user_cells, users

TOKEN_USE_GRAIN = timedelta(minutes=1)  # last_used_at is written at most this often, not on every request


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _member(row) -> Member | None:
    return Member(row.member_cell, row.member_id) if row.member_cell and row.member_id else None


def add_user(engine: Engine, username: str, password_hash: str, role: str, cells=(),
             member: Member | None = None) -> Account:
    """Store a new user; the caller has checked the name, role, cells and password (access.user_errors)."""
    with engine.begin() as conn:
        conn.execute(users.insert(), {
            "username": username, "password_hash": password_hash, "role": role,
            "created_at": utc_text(clock.now()), "disabled": False,
            "member_cell": member.cell if member else None, "member_id": member.member_id if member else None,
        })
        for cell in sorted(set(cells)):
            conn.execute(user_cells.insert(), {"username": username, "cell": cell})
    return Account(username, role, frozenset(cells), member)


def _account(conn, row) -> Account:
    cells = conn.execute(select(user_cells.c.cell).where(user_cells.c.username == row.username)).scalars()
    return Account(row.username, row.role, frozenset(cells), _member(row), bool(row.disabled))


def find_user(engine: Engine, username: str) -> tuple[Account, str] | None:
    """Return the account (disabled or not: the caller says what that means) and its password hash, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
        return (_account(conn, row), row.password_hash) if row is not None else None


def list_users(engine: Engine) -> list[Account]:
    """Return every user, by name."""
    with engine.connect() as conn:
        rows = conn.execute(select(users).order_by(users.c.username)).all()
        memberships = conn.execute(select(user_cells.c.username, user_cells.c.cell)).all()
    cells: dict[str, set[str]] = {}
    for name, cell in memberships:
        cells.setdefault(name, set()).add(cell)
    return [Account(r.username, r.role, frozenset(cells.get(r.username, ())), _member(r), bool(r.disabled))
            for r in rows]


def linked_users(engine: Engine, cell: str) -> dict[str, str]:
    """Return {username: member_id} of the users linked to a member of the cell."""
    with engine.connect() as conn:
        rows = conn.execute(select(users.c.username, users.c.member_id).where(users.c.member_cell == cell)).all()
    return {name: member_id for name, member_id in rows if member_id}


UNCHANGED = object()


def update_user(engine: Engine, username: str, *, disabled: bool | None = None, password_hash: str | None = None,
                role: str | None = None, cells=None, member=UNCHANGED, keep_session: str | None = None) -> bool:
    """Change a user in one transaction; return False if there is no such user.

    Disabling ends every session and token of the user at once. A new password ends its
    sessions but `keep_session` (the one that changed it): whoever knew the old one is out.
    """
    changes: dict = {}
    if disabled is not None:
        changes["disabled"] = disabled
    if password_hash is not None:
        changes["password_hash"] = password_hash
    if role is not None:
        changes["role"] = role
    if member is not UNCHANGED:
        changes["member_cell"] = member.cell if member else None
        changes["member_id"] = member.member_id if member else None
    with engine.begin() as conn:
        found = conn.execute(select(users.c.username).where(users.c.username == username)).first()
        if found is None:
            return False
        if changes:
            conn.execute(update(users).where(users.c.username == username).values(**changes))
        if cells is not None:
            conn.execute(delete(user_cells).where(user_cells.c.username == username))
            for cell in sorted(set(cells)):
                conn.execute(user_cells.insert(), {"username": username, "cell": cell})
        if disabled:
            conn.execute(delete(sessions).where(sessions.c.username == username))
            conn.execute(delete(api_tokens).where(api_tokens.c.username == username))
        elif password_hash is not None:
            ending = delete(sessions).where(sessions.c.username == username)
            if keep_session:
                ending = ending.where(sessions.c.sid_hash != _digest(keep_session))
            conn.execute(ending)
    return True


def _holder(table, digest_column, *more):
    """Return the one statement, built once, that finds the enabled account (with its cells) holding a secret."""
    return (
        select(users.c.username, users.c.role, users.c.member_cell, users.c.member_id, user_cells.c.cell, *more)
        .select_from(table.join(users, users.c.username == table.c.username)
                     .outerjoin(user_cells, user_cells.c.username == users.c.username))
        .where(digest_column == bindparam("digest"), users.c.disabled == false())
    )


def _rows_holding(engine: Engine, statement, secret: str) -> list:
    with engine.connect() as conn:
        return conn.execute(statement, {"digest": _digest(secret)}).all()


def _account_of(rows: list) -> Account | None:
    if not rows:
        return None
    first = rows[0]
    return Account(first.username, first.role, frozenset(row.cell for row in rows if row.cell is not None),
                   _member(first))


# Every API request asks one of these first, so each is one statement, built once.
_BY_TOKEN = _holder(api_tokens, api_tokens.c.token_hash, api_tokens.c.last_used_at)
_BY_SESSION = _holder(sessions, sessions.c.sid_hash)
_TOKEN_USED = (
    update(api_tokens)
    .where(api_tokens.c.token_hash == bindparam("digest"),
           or_(api_tokens.c.last_used_at.is_(None), api_tokens.c.last_used_at < bindparam("grain_ago")))
    .values(last_used_at=bindparam("now"))
)


def new_token(engine: Engine, username: str) -> dict:
    """Create a new API token for the user; return {token_id, token, created_at} (the token is shown once)."""
    secret, token_id, now = secrets.token_urlsafe(32), secrets.token_hex(8), utc_text(clock.now())
    with engine.begin() as conn:
        conn.execute(api_tokens.insert(), {
            "token_hash": _digest(secret), "username": username, "created_at": now, "token_id": token_id,
        })
    return {"token_id": token_id, "token": secret, "created_at": now}


def issue_token(engine: Engine, username: str) -> str:
    """Create and return a new API token for the user."""
    return new_token(engine, username)["token"]


def account_for_token(engine: Engine, token: str) -> Account | None:
    """Return the account a token speaks for, or None; note the token's use (to the minute)."""
    rows = _rows_holding(engine, _BY_TOKEN, token)
    account = _account_of(rows)
    now = clock.now()
    # Written only when a minute old: a write on every request would queue API reads behind appends.
    if account is not None and (rows[0].last_used_at or "") < utc_text(now - TOKEN_USE_GRAIN):
        with engine.begin() as conn:
            conn.execute(_TOKEN_USED, {"digest": _digest(token), "now": utc_text(now),
                                       "grain_ago": utc_text(now - TOKEN_USE_GRAIN)})
    return account


def tokens_of(engine: Engine, username: str) -> list[dict]:
    """Return [{token_id, created_at, last_used_at}] of the user's tokens, oldest first."""
    columns = (api_tokens.c.token_id, api_tokens.c.created_at, api_tokens.c.last_used_at)
    with engine.connect() as conn:
        rows = conn.execute(select(*columns).where(api_tokens.c.username == username)
                            .order_by(api_tokens.c.created_at, api_tokens.c.token_id)).all()
    return [row._asdict() for row in rows]


def token_owner(engine: Engine, token_id: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(api_tokens.c.username).where(api_tokens.c.token_id == token_id)).scalar()


def revoke_token(engine: Engine, token_id: str) -> bool:
    """Delete a token by its id; return whether there was one."""
    with engine.begin() as conn:
        return conn.execute(delete(api_tokens).where(api_tokens.c.token_id == token_id)).rowcount > 0


def start_session(engine: Engine, username: str) -> str:
    """Open a browser session for the user; return its id (only its SHA-256 is kept)."""
    secret = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(sessions.insert(), {
            "sid_hash": _digest(secret), "username": username, "created_at": utc_text(clock.now()),
        })
    return secret


def account_for_session(engine: Engine, session_id: str) -> Account | None:
    """Return the account a live browser session belongs to, or None once it has ended."""
    return _account_of(_rows_holding(engine, _BY_SESSION, session_id))


def end_session(engine: Engine, session_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.sid_hash == _digest(session_id)))


def end_sessions(engine: Engine, username: str) -> None:
    """End every browser session of the user (a disabled user, say)."""
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.username == username))
