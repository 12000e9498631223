"""Commands for the database and its users: init-db, user add, token."""

import sys

import click
from werkzeug.security import generate_password_hash

from ..access import ROLES, USERNAME
from ..store import migrate
from .group import chibo, store

MIN_PASSWORD = 8


@chibo.command("init-db")
def init_db_command():
    """Create the schema or upgrade it in place to the newest migration (safe to run again)."""
    before = migrate.current_revision(store().engine)
    store().init_schema()
    after = migrate.current_revision(store().engine)
    where = store().engine.url.render_as_string(hide_password=True)
    if before == after:
        click.echo(f"Cơ sở dữ liệu đã ở phiên bản lược đồ mới nhất ({after}): {where}")
    else:
        click.echo(f"Đã nâng lược đồ từ {before or 'trống'} lên {after}: {where}")


@chibo.group("user")
def user():
    """Manage users."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="Vai trò.")
@click.option("--cell", "cells", multiple=True, help="Chi bộ của thư ký hoặc đảng viên (lặp lại được).")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của stdin.")
def user_add(name: str, role: str, cells: tuple[str, ...], password_stdin: bool):
    """Add a user."""
    if not USERNAME.fullmatch(name):
        raise click.UsageError("Tên đăng nhập: chữ thường, số, '.', '_' hoặc '-', tối đa 64 ký tự.")
    if role in ("clerk", "member") and not cells:
        raise click.UsageError(f"Vai trò {role} cần ít nhất một --cell.")
    if role in ("admin", "inspector") and cells:
        raise click.UsageError(f"Vai trò {role} xem mọi chi bộ; bỏ --cell.")
    if store().accounts.find(name):
        raise click.UsageError(f"Đã có người dùng {name!r}.")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        raise click.UsageError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    store().accounts.add(name, generate_password_hash(password), role, cells)
    where = f" ({', '.join(cells)})" if cells else ""
    click.echo(f"Đã thêm người dùng {name}: {role}{where}.")


@chibo.command("token")
@click.argument("name")
def token(name: str):
    """Print a new API token for the user."""
    if not store().accounts.find(name):
        raise click.UsageError(f"Không có người dùng {name!r}.")
    click.echo(store().accounts.issue_token(name))
