"""The users of a server: added, changed, disabled and linked to the roster member each is.

The API (/users, /me), the /admin page and the `user` commands all come here, so a
rule about users is written once. A user linked to a member is shown as that person,
"Phan Thị Hoa (thuky)", wherever its events are (`people`).
"""

import re

from werkzeug.security import generate_password_hash

from projections import members

from .access import USERNAME, Account, Member, new_password, password_error, user_errors
from .errors import Conflict, Invalid, NotFound
from .store import Store
from .store.accounts import UNCHANGED

TOKEN_ID = re.compile(r"[0-9a-f]{1,32}")


def is_username(text: str) -> bool:
    """Say whether text can name a user (so it may be looked up: PostgreSQL refuses NUL in text)."""
    return bool(USERNAME.fullmatch(text))


def is_token_id(text: str) -> bool:
    return bool(TOKEN_ID.fullmatch(text))


def _refuse(errors: dict[str, list[str]]) -> None:
    if errors:
        raise Invalid("Thông tin người dùng không hợp lệ.", errors, code="invalid_user")


def member_name(store: Store, member: Member) -> str | None:
    """Return the full name of a roster member, or None if the cell has no such member."""
    if not store.book_exists(member.cell):
        return None
    doc = store.read_models.docs(member.cell, members.NAME, [member.member_id]).get(member.member_id)
    return members.full_name(doc) if doc else None


def _check_member(store: Store, member: Member | None) -> dict[str, list[str]]:
    if member is not None and member_name(store, member) is None:
        return {"member": [f"Chi bộ {member.cell!r} không có đảng viên {member.member_id!r}."]}
    return {}


def add(store: Store, username: str, role: str, cells=(), member: Member | None = None,
        password: str | None = None) -> tuple[Account, str | None]:
    """Add a user; return it and the password generated for it (None when one was given)."""
    cells = frozenset(cells)
    errors = user_errors(username, role, cells, member) | _check_member(store, member)
    if password is not None and (problem := password_error(password)):
        errors["password"] = [problem]
    _refuse(errors)
    if store.accounts.find(username):
        raise Conflict(f"Đã có người dùng {username!r}.", {"username": ["Đã có."]})
    generated = new_password() if password is None else None
    account = store.accounts.add(username, generate_password_hash(password or generated), role, cells, member)
    return account, generated


def change(store: Store, username: str, by: Account, *, disabled: bool | None = None,
           password: str | None = None, role: str | None = None, cells=None, member=UNCHANGED,
           keep_session: str | None = None) -> Account:
    """Change a user as `by` asks; return it as it is now. Disabling ends its sessions and tokens at once."""
    found = store.accounts.find(username)
    if found is None:
        raise NotFound(f"Không có người dùng {username!r}.", {"username": username})
    current = found[0]
    new_role = current.role if role is None else role
    new_cells = current.cells if cells is None else frozenset(cells)
    new_member = current.member if member is UNCHANGED else member
    errors = user_errors(None, new_role, new_cells, new_member)
    if member is not UNCHANGED:
        errors |= _check_member(store, new_member)
    if password is not None and (problem := password_error(password)):
        errors["password"] = [problem]
    if username == by.username and (disabled or (role is not None and role != current.role)):
        errors["disabled" if disabled else "role"] = ["Không tự khóa hay tự đổi vai trò của chính mình."]
    _refuse(errors)
    store.accounts.update(
        username, disabled=disabled, role=role, cells=None if cells is None else new_cells, member=member,
        keep_session=keep_session, password_hash=None if password is None else generate_password_hash(password))
    return store.accounts.find(username)[0]


def as_json(store: Store, account: Account) -> dict:
    """Return a user as the API shows it: never its password or tokens."""
    member = None
    if account.member:
        member = {"cell": account.member.cell, "member_id": account.member.member_id,
                  "full_name": member_name(store, account.member)}
    return {"username": account.username, "role": account.role, "cells": sorted(account.cells),
            "member": member, "disabled": account.disabled}
