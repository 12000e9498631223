"""/admin: open a cell, close one opened by mistake, and the users (add, password, disable, link, cells, tokens).

The page asks what the API asks (chibo_events.users, the store); a refusal is shown beside its
field. A generated password or a new token is shown once, in the answer to the form that made
it, never put in the session or a redirect.
"""

import uuid

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from .. import answers, users
from ..access import Account, Member, new_password
from ..catalogue import check_request
from ..errors import ChiboError
from ..member_ids import slug
from ..vocabulary import CELL_STREAM
from . import store
from .auth import current_account
from .console_forms import refusal_errors
from .limits import limit_api
from .pages import describe_cell

bp = Blueprint("admin_page", __name__, url_prefix="/admin")
limit_api(bp)


def _admin() -> Account:
    account = current_account()
    if account.role != "admin":
        abort(403)
    return account


def _cells() -> list[dict]:
    return [describe_cell(cell) for cell in store().book_names()]


def _member_choices() -> list[tuple[str, str]]:
    """Every member of every open cell, as "cell/member_id" → "Name — Cell", for the link picker."""
    choices = []
    for cell in _cells():
        if "closed" in cell:
            continue
        for member in answers.member_statuses(store(), cell["cell_id"]):
            if member["active"]:
                choices.append((f"{cell['cell_id']}/{member['member_id']}",
                                f"{member['full_name']} — {cell['name'] or cell['cell_id']}"))
    return choices


def _page(status: int = 200, **forms):
    accounts = [users.as_json(store(), account) for account in store().accounts.all()]
    cells = _cells()
    page = render_template(
        "admin/admin.html", cells=cells, users=accounts, member_choices=_member_choices(),
        open_cells=[(c["cell_id"], c["name"] or c["cell_id"]) for c in cells if "closed" not in c],
        cell_names={c["cell_id"]: c["name"] or c["cell_id"] for c in cells},
        new_id=lambda: str(uuid.uuid4()), forms=forms,
    )
    return page, status


@bp.get("")
def admin():
    _admin()
    return _page()


def _member_of(value: str | None) -> Member | None:
    if not value:
        return None
    cell, _, member_id = value.partition("/")
    return Member(cell, member_id)


def _errors_of(error: ChiboError) -> dict:
    errors = {name: problems if isinstance(problems, list) else [str(problems)]
              for name, problems in error.details.items() if name != "index"}
    errors.setdefault("_form", [error.message])
    return errors


@bp.post("/cells")
def open_cell():
    account = _admin()
    form = request.form
    cell_id = (form.get("cell_id") or "").strip() or slug(form.get("name", ""))
    data = {key: value for key in ("name", "committee", "place") if (value := form.get(key, "").strip())}
    try:
        store().register_book(cell_id, data, account.username)
    except ChiboError as error:
        errors = refusal_errors(error)
        if isinstance(error.details.get("cell_id"), str):  # the book exists: said beside the id
            errors["cell_id"] = [error.message]
        return _page(422, open_cell={"values": form.to_dict(), "errors": errors})
    return redirect(url_for("pages.cell", cell=cell_id), code=303)


@bp.post("/cells/close")
def close_cell():
    account = _admin()
    form = request.form
    cell = form.get("cell", "")
    errors: dict[str, list[str]] = {}
    if cell not in store().book_names():
        errors["cell"] = ["Hãy chọn chi bộ."]
    if not form.get("confirm"):
        errors["confirm"] = ["Hãy đánh dấu ô xác nhận: sổ đã đóng thì không ghi thêm được."]
    if not errors:
        body = {"stream": CELL_STREAM, "type": "CellClosed", "event_id": form.get("event_id") or None,
                "data": {"reason": form.get("reason", ""), "how": form.get("how", "")}}
        try:
            store().append(cell, check_request(body), account.username)
            return redirect(url_for("admin_page.admin", closed=cell), code=303)
        except ChiboError as error:
            errors = refusal_errors(error)
    return _page(422, close_cell={"values": form.to_dict(), "errors": errors})


@bp.post("/users")
def add_user():
    _admin()
    form = request.form
    cells = form.getlist("cells")
    try:
        added, password = users.add(store(), form.get("username", "").strip().lower(), form.get("role", ""),
                                    cells, _member_of(form.get("member")))
    except ChiboError as error:
        return _page(422, add_user={"values": {**form.to_dict(), "cells": cells}, "errors": _errors_of(error)})
    return _page(201, shown={"username": added.username, "password": password, "what": "added"})


@bp.get("/users/<username>")
def user(username: str):
    _admin()
    return _user_page(username)


def _user_page(username: str, status: int = 200, **extra):
    found = store().accounts.find(username) if users.is_username(username) else None
    if found is None:
        abort(404)
    shown = users.as_json(store(), found[0])
    return render_template(
        "admin/user.html", user=shown, cells=_cells(), member_choices=_member_choices(),
        tokens=store().accounts.tokens(username), is_self=username == current_user.account.username, **extra,
    ), status


@bp.post("/users/<username>")
def change_user(username: str):
    by = _admin()
    form = request.form
    action = form.get("action")
    changes: dict = {}
    if action == "password":
        changes["password"] = password = new_password()
    elif action in ("disable", "enable"):
        changes["disabled"] = action == "disable"
    elif action == "save":
        changes.update(role=form.get("role", ""), cells=form.getlist("cells"), member=_member_of(form.get("member")))
    else:
        abort(400)
    if not users.is_username(username):
        abort(404)
    try:
        users.change(store(), username, by, **changes)
    except ChiboError as error:
        if error.status == 404:
            abort(404)
        return _user_page(username, 422, errors=_errors_of(error), values=form.to_dict())
    if action == "password":
        return _user_page(username, shown={"password": password})
    return redirect(url_for("admin_page.user", username=username, done=action), code=303)


@bp.post("/users/<username>/tokens")
def issue_token(username: str):
    _admin()
    found = store().accounts.find(username) if users.is_username(username) else None
    if found is None:
        abort(404)
    if found[0].disabled:
        return _user_page(username, 422, errors={"_form": ["Người dùng đã bị khóa: không cấp token."]})
    return _user_page(username, 201, token=store().accounts.new_token(username))


@bp.post("/tokens/<token_id>/revoke")
def revoke_token(token_id: str):
    _admin()
    owner = store().accounts.token_owner(token_id) if users.is_token_id(token_id) else None
    if owner is None:
        abort(404)
    store().accounts.revoke_token(token_id)
    return redirect(url_for("admin_page.user", username=owner, done="revoked"), code=303)
