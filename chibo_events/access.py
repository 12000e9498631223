"""Who may do what (contract section 4): pure, so every layer asks the same question.

admin does everything; clerk (thư ký) writes and reads its own cells;
inspector reads every book; member reads its own cells.
"""

import re
from dataclasses import dataclass, field

from .vocabulary import ACCOUNT_ROLES

ROLES = ACCOUNT_ROLES.codes
USERNAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    cells: frozenset[str] = field(default_factory=frozenset)

    def may_read(self, cell: str) -> bool:
        return self.role in ("admin", "inspector") or cell in self.cells

    def may_write(self, cell: str) -> bool:
        return self.role == "admin" or (self.role == "clerk" and cell in self.cells)

    def may_register_cells(self) -> bool:
        return self.role == "admin"
