"""The `demo` command: the demo book th-ky-tho and demo users, loaded idempotently."""

import click

from ..demo import book
from ..demo.book import MEMBERS
from ..demo.load import USERS, load
from ..errors import ChiboError
from .group import chibo, store


@chibo.command("demo")
def demo_command():
    """Load the demo book th-ky-tho (the meeting of 7 April 2021) and demo users; safe to run again."""
    store().init_schema()
    try:
        loaded = load(store())
    except ChiboError as error:
        # The book exists with other content (or the demo changed since it was loaded).
        raise click.ClickException(f"Không nạp được sổ mẫu {book.BOOK}: {error.message} {error.details}") from None
    opened = "đã mở sổ mới" if loaded.registered else "sổ đã có từ trước"
    click.echo(
        f"Sổ mẫu {book.BOOK} ({book.CELL['name']}): {opened}; "
        f"thêm {loaded.added} sự kiện, {loaded.present} sự kiện đã có sẵn."
    )
    if not loaded.added and not loaded.users_added:
        click.echo("Không có gì thay đổi.")
    click.echo("")
    click.echo(logins_table(loaded.users_own_password))
    click.echo("CẢNH BÁO: đây là mật khẩu mẫu, ai cũng biết; đừng dùng các tài khoản này trên máy chủ thật.")


def logins_table(own_password: list[str]) -> str:
    """Return the demo logins as a table; a user made before with another password keeps it."""
    rows = [("Tên đăng nhập", "Vai trò", "Chi bộ", "Là đồng chí", "Mật khẩu")]
    names = {member.member_id: member.full_name for member in MEMBERS}
    for user in USERS:
        kept = user.username in own_password
        password = "(đã có từ trước với mật khẩu khác; không đổi)" if kept else user.password
        rows.append((user.username, user.role, ", ".join(user.cells) or "mọi chi bộ",
                     names.get(user.member_id or "", "—"), password))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(line.rstrip() for line in lines)
