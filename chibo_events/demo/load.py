"""Write the demo book and the demo users through the store; a second run changes nothing."""

from dataclasses import dataclass, field

from werkzeug.security import check_password_hash, generate_password_hash

from ..access import Member
from ..catalogue import CELL_STREAM, check_request
from ..errors import Conflict
from ..store import Store
from . import book


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    password: str
    cells: tuple[str, ...] = ()
    member_id: str | None = None  # the roster member the user is, in the demo book


# Demo passwords, printed on purpose: never keep these users on a real server.
USERS = (
    DemoUser("admin", "admin", "chibo-admin"),
    DemoUser("thuky", "clerk", "chibo-thuky", (book.BOOK,), book.CLERK),
    DemoUser("thanhtra", "inspector", "chibo-thanhtra"),
    DemoUser("dangvien", "member", "chibo-dangvien", (book.BOOK,), book.LE),
    DemoUser("bithu", "member", "chibo-bithu", (book.BOOK,), book.VAN),  # the chair: signs the minutes
)
# The roster is the admin's work; the meetings are recorded by the clerk.
ROSTER_ACTOR, MINUTES_ACTOR = "admin", "thuky"


@dataclass
class Loaded:
    """What a load did: events (CellRegistered included) and users added, and those already there."""

    registered: bool = False
    added: int = 0
    present: int = 0
    users_added: list[str] = field(default_factory=list)
    users_present: list[str] = field(default_factory=list)
    users_own_password: list[str] = field(default_factory=list)  # existed with another password


def load(store: Store) -> Loaded:
    """Add the demo users and the demo book, skipping whatever is already stored."""
    loaded = Loaded()
    add_users(store, loaded)
    loaded.registered = register_book(store)
    _count(loaded, loaded.registered)
    for body in book.requests():
        actor = ROSTER_ACTOR if body["stream"] == CELL_STREAM else MINUTES_ACTOR
        _, created = store.append(book.BOOK, check_request(body), actor)
        _count(loaded, created)
    return loaded


def _count(loaded: Loaded, created: bool) -> None:
    if created:
        loaded.added += 1
    else:
        loaded.present += 1


def add_users(store: Store, loaded: Loaded) -> None:
    """Add each demo user who does not exist; an existing one keeps its password."""
    for user in USERS:
        if found := store.accounts.find(user.username):
            loaded.users_present.append(user.username)
            if not check_password_hash(found[1], user.password):
                loaded.users_own_password.append(user.username)
            if user.member_id and found[0].member is None:  # made before users were linked to members
                store.accounts.update(user.username, member=Member(book.BOOK, user.member_id))
            continue
        member = Member(book.BOOK, user.member_id) if user.member_id else None
        store.accounts.add(user.username, generate_password_hash(user.password), user.role, user.cells, member)
        loaded.users_added.append(user.username)


def register_book(store: Store) -> bool:
    """Open the demo book unless it exists; say whether this call opened it."""
    if store.book_exists(book.BOOK):
        return False
    try:
        store.register_book(book.BOOK, book.CELL, ROSTER_ACTOR, book.REGISTERED_AT)
    except Conflict as error:
        if error.code != "cell_exists":
            raise
        return False  # another process opened it between our look and our write
    return True
