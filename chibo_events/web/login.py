"""Signing in and out with a username and a password (werkzeug hashes), throttled per address and per name."""

import secrets
from functools import cache

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from . import store
from .auth import User
from .limits import limiter

bp = Blueprint("login", __name__)


@cache
def _nobody_hash() -> str:
    """Return a hash to check when the name is unknown, so a wrong name takes as long as a wrong password."""
    return generate_password_hash(secrets.token_hex(16))


def _username_key() -> str:
    return "login-name:" + request.form.get("username", "").strip().lower()[:64]


def safe_next(target: str | None) -> str:
    """Return `target` if it is a path on this site, else the front page.

    Browsers drop tabs and line breaks from a URL ("/\t/evil.example" is "//evil.example", another
    site) and a line break cannot stand in a Location header: any control character or space refuses it.
    """
    if (target and target.startswith("/") and not target.startswith("//") and "\\" not in target
            and target.isprintable() and " " not in target):
        return target
    return url_for("pages.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])
@limiter.limit("5/minute", methods=["POST"], key_func=_username_key)
def login():
    next_page = request.values.get("next")
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(safe_next(next_page))
        return render_template("login/login.html", next=next_page)
    username = request.form.get("username", "").strip().lower()
    found = store().accounts.find(username) if username else None
    password_ok = check_password_hash(found[1] if found else _nobody_hash(), request.form.get("password", ""))
    if not (found and password_ok):
        return render_template(
            "login/login.html", next=next_page, username=username,
            error="Tên đăng nhập hoặc mật khẩu không đúng.",
        ), 401
    if found[0].disabled:  # said only to whoever knows the password
        return render_template(
            "login/login.html", next=next_page, username=username,
            error="Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.",
        ), 403
    session.clear()  # a fresh session for the signed-in user: no fixation
    login_user(User(found[0], store().accounts.start_session(found[0].username)))
    return redirect(safe_next(next_page), code=303)


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    if request.method == "GET":
        return render_template("login/logout.html")
    if current_user.is_authenticated and current_user.session_id:
        store().accounts.end_session(current_user.session_id)  # a copy of the cookie ends with it
    logout_user()
    session.clear()
    return redirect(url_for("login.login"), code=303)
