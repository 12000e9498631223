"""/me: the signed-in person's own page: open and overdue tasks, attendance, commendations, dues, password.

A user linked to a roster member sees that member's record (answers.member_record); any user
changes its own password here, which ends its other sessions.
"""

from flask import Blueprint, render_template, request
from flask_login import current_user
from werkzeug.security import check_password_hash

from .. import answers, users
from ..errors import ChiboError
from . import reading, store
from .auth import current_account
from .limits import limit_api

bp = Blueprint("me_page", __name__)
limit_api(bp)


def _page(status: int = 200, **extra):
    account = current_account()
    shown = users.as_json(store(), account)
    record = None
    if account.member and store().book_exists(account.member.cell):
        try:
            record = answers.member_record(reading(account.member.cell), account.member.cell, account.member.member_id)
        except ChiboError:  # linked to a member who has left the roster or not joined yet: no record to show
            record = None
    return render_template("me/me.html", me=shown, record=record, **extra), status


@bp.get("/me")
def me():
    return _page()


@bp.post("/me/password")
def change_password():
    account = current_account()
    form = request.form
    found = store().accounts.find(account.username)
    errors: dict[str, list[str]] = {}
    if not found or not check_password_hash(found[1], form.get("current", "")):
        errors["current"] = ["Mật khẩu hiện tại không đúng."]
    if form.get("new", "") != form.get("again", ""):
        errors["again"] = ["Hai lần nhập mật khẩu mới không khớp."]
    if not errors:
        try:
            users.change(store(), account.username, account, password=form.get("new", ""),
                         keep_session=current_user.session_id)
            return _page(notice="Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã hết hiệu lực.")
        except ChiboError as error:
            errors = {"new": [str(p) for p in error.details.get("password", [error.message])]}
    return _page(422, errors=errors)
