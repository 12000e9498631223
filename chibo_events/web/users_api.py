"""Users, tokens and the signed-in account under /api/v1 (contract §3 v1.1): parse, ask chibo_events.users, respond."""

from flask import Blueprint, jsonify
from marshmallow import ValidationError

from .. import answers, users
from ..access import Account, Member
from ..errors import Forbidden, Invalid, NotFound
from . import store
from .api import _json_body
from .auth import current_account
from .limits import limit_api
from .user_schemas import NewUser, UserChange

bp = Blueprint("users_api", __name__, url_prefix="/api/v1")
limit_api(bp)


def _named(username: str) -> str:
    """Return the path's username if it can be one; else 404 (PostgreSQL refuses NUL in text: never ask it)."""
    if not users.is_username(username):
        raise NotFound(f"Không có người dùng {username[:64]!r}.", {"username": username[:64]})
    return username


def _admin() -> Account:
    account = current_account()
    if account.role != "admin":
        raise Forbidden("Chỉ quản trị viên quản lý người dùng.")
    return account


def _load(schema, what: str) -> dict:
    try:
        return schema().load(_json_body())
    except ValidationError as error:
        raise Invalid(f"{what} không hợp lệ.", error.messages, code="invalid_user") from None


def _member(link: dict | None) -> Member | None:
    return Member(link["cell"], link["member_id"]) if link else None


def _admin_or_self(username: str) -> Account:
    account = current_account()
    if account.role != "admin" and account.username != username:
        raise Forbidden("Chỉ quản trị viên, hoặc chính người dùng, quản lý token của người dùng này.")
    if store().accounts.find(_named(username)) is None:
        raise NotFound(f"Không có người dùng {username[:64]!r}.", {"username": username[:64]})
    return account


@bp.get("/users")
def list_users():
    _admin()
    return jsonify([users.as_json(store(), account) for account in store().accounts.all()])


@bp.post("/users")
def add_user():
    _admin()
    body = _load(NewUser, "Người dùng mới")
    account, generated = users.add(store(), body["username"], body["role"], body["cells"], _member(body["member"]),
                                   body.get("password"))
    shown = users.as_json(store(), account)
    return jsonify({**shown, "password": generated} if generated else shown), 201


@bp.patch("/users/<username>")
def change_user(username: str):
    by = _admin()
    body = _load(UserChange, "Thay đổi người dùng")
    if "member" in body:
        body["member"] = _member(body["member"])
    account = users.change(store(), _named(username), by, **body)
    return jsonify(users.as_json(store(), account))


@bp.get("/users/<username>/tokens")
def list_tokens(username: str):
    _admin_or_self(username)
    return jsonify(store().accounts.tokens(username))


@bp.post("/users/<username>/tokens")
def issue_token(username: str):
    _admin_or_self(username)
    found = store().accounts.find(username)
    if found[0].disabled:
        raise Invalid("Người dùng đã bị khóa: không cấp token.", {"username": ["Đã khóa."]}, code="invalid_user")
    return jsonify(store().accounts.new_token(username)), 201


@bp.delete("/tokens/<token_id>")
def revoke_token(token_id: str):
    account = current_account()
    owner = store().accounts.token_owner(token_id) if users.is_token_id(token_id) else None
    if owner is None or (account.role != "admin" and owner != account.username):
        # Another's token is "not found" too: its id says nothing to whoever may not revoke it.
        raise NotFound("Không có token này.", {"token_id": token_id[:32]})
    store().accounts.revoke_token(token_id)
    return "", 204


@bp.get("/me")
def me():
    account = current_account()
    shown = users.as_json(store(), account)
    shown.pop("disabled")
    open_tasks = []
    if account.member and store().book_exists(account.member.cell):
        open_tasks = [t for t in answers.task_board(store(), account.member.cell, "open")
                      if any(a.get("member_id") == account.member.member_id for a in t["assignees"])]
    return jsonify({**shown, "open_tasks": open_tasks})


