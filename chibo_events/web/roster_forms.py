"""The roster page's forms as append requests to the cell stream: who joins, changes, is rated, pays, leaves.

Pure, and made of console_forms' pieces: a form is any mapping with `get` and
`getlist`, `event_data` reads each type's fields, `refusal_errors` puts a
refusal beside them. What is the roster's own: the member_id made from the
name (the clerk types a name, never an id), the day a change happened as its
occurred_at, and the dues of a month for many members at once (one event a
member, one batch).
"""

from collections.abc import Callable, Collection
from datetime import date

from ..catalogue import NewEvent, check_request
from ..errors import Invalid
from ..member_ids import member_id_for
from ..timestamps import FIRST_YEAR, LAST_YEAR
from ..vocabulary import CELL_STREAM, EVENT_TYPES, capitalised
from .console_forms import DECIDED_TYPES, Form, FormProblem, event_data, field_errors, member_event_id, refused_form


def _form(event_type: str, button: str) -> Form:
    return Form(event_type, capitalised(EVENT_TYPES.word(event_type)), button)


# form name → form, in the order of the page: the frequent first, leaving last.
ROSTER_FORMS = {
    "dues": _form("DuesPaid", "Ghi đảng phí"),
    "join": _form("MemberJoined", "Ghi vào chi bộ"),
    "kind": _form("MemberKindChanged", "Ghi công nhận chính thức"),
    "role": _form("MemberRoleChanged", "Ghi chức vụ"),
    "rating": _form("MemberRated", "Ghi xếp loại"),
    "task-report": _form("TaskReported", "Ghi kết quả"),
    "exempt": _form("MemberExempted", "Ghi miễn sinh hoạt"),
    "exemption-end": _form("MemberExemptionEnded", "Ghi thôi miễn sinh hoạt"),
    "away": _form("MemberTemporarilyAway", "Ghi đi sinh hoạt tạm thời"),
    "return": _form("MemberReturned", "Ghi trở lại sinh hoạt"),
    "suspend": _form("MemberSuspended", "Ghi đình chỉ sinh hoạt"),
    "suspension-end": _form("MemberSuspensionEnded", "Ghi hết đình chỉ"),
    "leave": _form("MemberLeft", "Ghi ra khỏi chi bộ"),
}
# Forms that may carry the chi bộ's vote that decided them (the catalogue's `decision?`).
DECIDED = frozenset(name for name, form in ROSTER_FORMS.items() if form.event_type in DECIDED_TYPES)
# Whom each form may be about, of the members on the roll: only those it would change.
WHO: dict[str, Callable[[dict], bool]] = {
    "kind": lambda m: m["kind"] == "probationary",
    "exempt": lambda m: not m["exempt"], "exemption-end": lambda m: m["exempt"],
    "away": lambda m: not m["away"], "return": lambda m: m["away"],
    "suspend": lambda m: not m["suspended"], "suspension-end": lambda m: m["suspended"],
}
NO_LETTERS = "Họ và tên phải có chữ cái."
NO_PAYER = "Hãy chọn ít nhất một đồng chí đã nộp."
NOT_A_DAY = f"Phải là ngày dạng YYYY-MM-DD, năm từ {FIRST_YEAR} đến {LAST_YEAR}."
A_LATER_DAY = "Không được là một ngày sau hôm nay."


def submission(name: str, form, today: date, taken: Collection[str]) -> list[NewEvent]:
    """Return the checked append requests of a posted roster form; raise FormProblem or Invalid.

    `taken`: the member ids the book has used, which a joining member's id must not be.
    """
    event_type = ROSTER_FORMS[name].event_type
    event_id = (form.get("event_id") or "").strip() or None
    # A joining dates itself (joined_on); every other form says on which day the change happened.
    occurred_at = None if name == "join" else occurred_at_of(form.get("occurred_on"), today)
    if name == "dues":
        return _dues(form, event_id, occurred_at)
    data = event_data(event_type, form)
    if name == "join":
        data = _joining(data, taken)
    return [_request(event_type, data, event_id, occurred_at)]


def _request(event_type: str, data: dict, event_id: str | None, occurred_at: str | None) -> NewEvent:
    return check_request({"stream": CELL_STREAM, "type": event_type, "data": data,
                          "event_id": event_id, "occurred_at": occurred_at})


def occurred_at_of(value: str | None, today: date) -> str | None:
    """Return the occurred_at of a change made on the day given: now if today, else that day's start in Vietnam."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise FormProblem(NOT_A_DAY, {"occurred_on": [NOT_A_DAY]})
    if day > today:
        raise FormProblem(A_LATER_DAY, {"occurred_on": [A_LATER_DAY]})
    # Today is now, so that the change follows what was recorded earlier today; an earlier day counts
    # from its start, as a joining counts from the start of joined_on.
    return None if day == today else f"{day.isoformat()}T00:00:00+07:00"


def _joining(data: dict, taken: Collection[str]) -> dict:
    """Give the joining member the id made from their name (none if the name is missing: the catalogue says so)."""
    if "full_name" not in data:
        return data
    member_id = member_id_for(data["full_name"], taken)
    if member_id is None:
        raise FormProblem(NO_LETTERS, {"full_name": [NO_LETTERS]})
    return {"member_id": member_id, **data}


def _dues(form, event_id: str | None, occurred_at: str | None) -> list[NewEvent]:
    """One DuesPaid a ticked member, each with their own amount or the form's, and an event_id of their own."""
    payers = list(dict.fromkeys(m for m in form.getlist("paid") if m))
    problems: dict[str, list[str]] = {}
    if not payers:
        problems["paid"] = [NO_PAYER]
    requests = []
    for member_id in payers:
        own = (form.get(f"amount-{member_id}") or "").strip()
        line = {"member_id": member_id, "month": form.get("month"), "amount": own or form.get("amount")}
        try:
            requests.append(_request("DuesPaid", event_data("DuesPaid", line),
                                     member_event_id(event_id, member_id), occurred_at))
        except Invalid as error:
            # The month and the common amount are the whole form's: said once, beside them.
            where = {"amount": f"amount-{member_id}" if own else "amount", "member_id": f"paid-{member_id}"}
            for field, messages in field_errors(error.details).items():
                said = problems.setdefault(where.get(field, field), [])
                said.extend(m for m in messages if m not in said)
    if problems:
        raise FormProblem(problems.get("paid", ["Đảng phí có chỗ chưa đúng; chưa ghi của ai."])[0], problems)
    return requests


def refused(name: str, error: Exception, values: dict, names: dict[str, str]) -> dict:
    """Return the form to show again after a refusal, its errors naming members by name, not by id."""
    state = refused_form(error, values)
    errors = state["errors"]
    if name == "join" and "member_id" in errors:  # the id is made from the name: what is wrong is the name
        said = errors.setdefault("full_name", [])
        said.extend(m for m in errors.pop("member_id") if m not in said)
    state["errors"] = {field: [_named(m, names) for m in messages] for field, messages in errors.items()}
    return state


def _named(message: str, names: dict[str, str]) -> str:
    """Return a rule's message with each member's id ('duong-thi-le') written as their name (Dương Thị Lê)."""
    for member_id, full_name in names.items():
        message = message.replace(repr(member_id), full_name)
    return message


def member_choices(members: list[dict]) -> dict[str, list[tuple[str, str]]]:
    """Return each form's picker of members (id, name), from the members on the roll, in roster order.

    Two members of one name are told apart by the day they joined (joined_on).
    """
    counts: dict[str, int] = {}
    for m in members:
        counts[m["full_name"]] = counts.get(m["full_name"], 0) + 1
    labels = {m["member_id"]: m["full_name"] if counts[m["full_name"]] == 1 else
              f"{m['full_name']} (từ {_day(m['joined_on'])})" for m in members}
    return {name: [(m["member_id"], labels[m["member_id"]]) for m in members if WHO.get(name, _anyone)(m)]
            for name in ROSTER_FORMS if name != "join"}


def _anyone(member: dict) -> bool:
    return True


def _day(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day}/{day.month}/{day.year}"
