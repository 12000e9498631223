"""Commands for the database and its users: init-db, user add|list|disable|enable|password|link, token."""

import sys

import click

from .. import users
from ..access import ROLES, Account, Member
from ..errors import ChiboError
from ..store import migrate
from .group import chibo, store

# The commands act as the server's operator: an admin who is nobody in the books.
OPERATOR = Account("(máy chủ)", "admin")


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
@click.option("--member", "member_id", help="Mã đảng viên trong danh sách chi bộ (--cell đầu tiên) mà người dùng là.")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của stdin.")
def user_add(name: str, role: str, cells: tuple[str, ...], member_id: str | None, password_stdin: bool):
    """Add a user."""
    member = Member(cells[0], member_id) if member_id and cells else None
    if member_id and not cells:
        raise click.UsageError("--member cần --cell của đảng viên đó.")
    password = _read_password(password_stdin)
    try:
        users.add(store(), name, role, cells, member, password)
    except ChiboError as error:
        raise click.UsageError(_said(error)) from None
    where = f" ({', '.join(cells)})" if cells else ""
    click.echo(f"Đã thêm người dùng {name}: {role}{where}.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True)


def _said(error: ChiboError) -> str:
    """Return a refusal as one line: its message and what each field says."""
    fields = "; ".join(f"{name}: {' '.join(map(str, problems)) if isinstance(problems, list) else problems}"
                       for name, problems in error.details.items())
    return f"{error.message} {fields}".strip()


def _change(name: str, **changes) -> Account:
    try:
        return users.change(store(), name, OPERATOR, **changes)
    except ChiboError as error:
        raise click.ClickException(_said(error)) from None


@user.command("list")
def user_list():
    """List the users: role, cells, the member each is, disabled or not."""
    rows = [("Tên đăng nhập", "Vai trò", "Chi bộ", "Là đồng chí", "Trạng thái")]
    for account in store().accounts.all():
        shown = users.as_json(store(), account)
        member = shown["member"]
        rows.append((account.username, account.role, ", ".join(shown["cells"]) or "mọi chi bộ",
                     (member["full_name"] or member["member_id"]) if member else "—",
                     "đã khóa" if account.disabled else "đang dùng"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


@user.command("disable")
@click.argument("name")
def user_disable(name: str):
    """Disable a user: its sessions and tokens end at once; its events keep its name."""
    _change(name, disabled=True)
    click.echo(f"Đã khóa {name}: mọi phiên đăng nhập và token của người này hết hiệu lực.")


@user.command("enable")
@click.argument("name")
def user_enable(name: str):
    """Enable a disabled user again (its old tokens stay revoked)."""
    _change(name, disabled=False)
    click.echo(f"Đã mở khóa {name}.")


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của stdin.")
def user_password(name: str, password_stdin: bool):
    """Set a new password; the user's browser sessions end."""
    if store().accounts.find(name) is None:
        raise click.UsageError(f"Không có người dùng {name!r}.")
    _change(name, password=_read_password(password_stdin))
    click.echo(f"Đã đặt mật khẩu mới cho {name}; các phiên đăng nhập cũ đã hết hiệu lực.")


@user.command("link")
@click.argument("name")
@click.option("--cell", required=True, help="Chi bộ của đảng viên.")
@click.option("--member", "member_id", required=True, help="Mã đảng viên trong danh sách chi bộ.")
def user_link(name: str, cell: str, member_id: str):
    """Link a user to the roster member it is: its events show that person, it signs as them."""
    account = _change(name, member=Member(cell, member_id))
    click.echo(f"Đã gắn {name} với {users.as_json(store(), account)['member']['full_name']}.")


@chibo.command("token")
@click.argument("words", nargs=-1, required=True, metavar="NAME | revoke TOKEN_ID")
def token(words: tuple[str, ...]):
    """Print a new API token for the user NAME, or revoke a token by its id (token revoke TOKEN_ID).

    One command for both, as the contract names them: `token NAME` has been the way to issue since v1.
    """
    if len(words) == 2 and words[0] == "revoke":
        if not store().accounts.revoke_token(words[1]):
            raise click.ClickException(f"Không có token {words[1]!r}.")
        click.echo(f"Đã thu hồi token {words[1]}.")
        return
    if len(words) != 1:
        raise click.UsageError("Dùng: token NAME (cấp token mới), hoặc token revoke TOKEN_ID.")
    name = words[0]
    found = store().accounts.find(name)
    if not found:
        raise click.UsageError(f"Không có người dùng {name!r}.")
    if found[0].disabled:
        raise click.UsageError(f"Người dùng {name!r} đã bị khóa: không cấp token.")
    click.echo(store().accounts.issue_token(name))
