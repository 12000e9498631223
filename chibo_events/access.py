"""Who may do what (contract section 4): pure, so every layer asks the same question.

admin does everything; clerk (thư ký) writes and reads its own cells;
inspector reads every book; member reads its own cells.
"""

import re
import secrets
from dataclasses import dataclass, field

from .vocabulary import ACCOUNT_ROLES

ROLES = ACCOUNT_ROLES.codes
USERNAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")


MIN_PASSWORD = 8
CELL_ROLES = ("clerk", "member")  # roles that belong to cells; admin and inspector see every book


@dataclass(frozen=True)
class Member:
    """The roster member a user is: one member of one of the user's cells."""

    cell: str
    member_id: str


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    cells: frozenset[str] = field(default_factory=frozenset)
    member: Member | None = None
    disabled: bool = False

    def may_read(self, cell: str) -> bool:
        return self.role in ("admin", "inspector") or cell in self.cells

    def may_write(self, cell: str) -> bool:
        return self.role == "admin" or (self.role == "clerk" and cell in self.cells)

    def may_append(self, cell: str, event_type: str) -> bool:
        """May this account append an event of this type: a writer, or a member signing the minutes as itself."""
        signing = event_type == "MinutesSigned" and self.member is not None and self.member.cell == cell
        return self.may_write(cell) or signing

    def may_register_cells(self) -> bool:
        return self.role == "admin"


def user_errors(username: str | None, role: str, cells, member: Member | None = None) -> dict[str, list[str]]:
    """Return what is wrong with a user's name, role, cells and member link, field by field (none: {}).

    `username` None checks a change to an existing user, whose name stays.
    """
    errors: dict[str, list[str]] = {}
    if username is not None and not USERNAME.fullmatch(username):
        errors["username"] = ["Tên đăng nhập: chữ thường, số, '.', '_' hoặc '-', tối đa 64 ký tự."]
    if role not in ROLES:
        errors["role"] = [f"Vai trò phải là một trong: {', '.join(ROLES)}."]
    elif role in CELL_ROLES and not cells:
        errors["cells"] = [f"Vai trò {ACCOUNT_ROLES.word(role)} cần ít nhất một chi bộ."]
    elif role not in CELL_ROLES and cells:
        errors["cells"] = [f"Vai trò {ACCOUNT_ROLES.word(role)} xem mọi chi bộ; không gắn chi bộ."]
    if member is not None and role in CELL_ROLES and member.cell not in cells:
        errors["member"] = ["Đảng viên được gắn phải thuộc một chi bộ của người dùng."]
    return errors


def password_error(password: str) -> str | None:
    """Return why a password may not be used, or None."""
    if len(password) < MIN_PASSWORD:
        return f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự."
    return None


def new_password() -> str:
    """Return a password to hand over once: 4 groups of 4 letters and digits, easy to read out and type."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no l/1, o/0 or i to misread on paper
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))
