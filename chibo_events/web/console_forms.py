"""The clerk's forms as append requests, and the store's refusals as errors beside the fields.

`opening` reads the cell page's form that opens a meeting; `submission` the
console's forms on the meeting page.

Pure: a form is any mapping with `get` and `getlist` (werkzeug's MultiDict).
Each form names one event type; the same form with `target_seq` asks to
correct that event instead (EventCorrected with the whole corrected data).
The attendance form records the whole roster at once: one event per member
whose status changed, each with an event_id derived from the form's, so a
repeat of the form stores nothing twice. The field maps cover the roster
page's event types too (roster_forms.py builds its requests from them).
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from ..catalogue import SCHEMA_VERSION, SCHEMAS, NewEvent, check_request
from ..clock import VIETNAM
from ..errors import Conflict, Invalid
from ..timestamps import occurred_text, parse_instant
from ..vocabulary import VOTE_FIELDS, meeting_stream


@dataclass(frozen=True)
class Form:
    """One of the clerk's forms: the event type it appends, its heading and its button."""

    event_type: str
    title: str
    button: str


# form name → form; the order is the order of the console.
FORMS = {
    "attendance": Form("AttendanceRecorded", "Điểm danh", "Ghi điểm danh"),
    "agenda": Form("AgendaSet", "Chương trình", "Ghi chương trình"),
    "guest": Form("GuestAttended", "Khách mời", "Ghi khách mời"),
    "speech": Form("SpeechGiven", "Phát biểu", "Ghi phát biểu"),
    "report": Form("ReportPresented", "Báo cáo", "Ghi báo cáo"),
    "task-report": Form("TaskReported", "Kết quả nhiệm vụ", "Ghi kết quả"),
    "task": Form("TaskAssigned", "Giao nhiệm vụ", "Giao nhiệm vụ"),
    "commend": Form("MemberCommended", "Biểu dương", "Ghi biểu dương"),
    "criticize": Form("MemberCriticized", "Nhắc nhở, phê bình", "Ghi nhắc nhở, phê bình"),
    "conclusion": Form("ConclusionAdopted", "Kết luận và biểu quyết", "Ghi kết luận"),
    "approval": Form("MinutesApproved", "Thông qua biên bản", "Ghi thông qua biên bản"),
    "close": Form("MeetingClosed", "Bế mạc", "Bế mạc buổi sinh hoạt"),
    "retract": Form("EventRetracted", "Thu hồi một sự kiện", "Thu hồi"),
    # Shown apart, at the bottom of the console: a meeting opened by mistake stays in the book, marked void.
    "void": Form("MeetingVoided", "Hủy buổi họp mở nhầm", "Hủy buổi họp này"),
}
FORM_OF_TYPE = {form.event_type: name for name, form in FORMS.items()}
# Types a clerk fixes by filling their form again with the corrected values.
CORRECTABLE = frozenset(FORM_OF_TYPE) - {"AttendanceRecorded", "MeetingClosed", "EventRetracted", "MeetingVoided"}
TEXT_FIELDS = {
    "AgendaSet": (), "GuestAttended": ("name", "title", "organization"),
    "SpeechGiven": ("kind", "summary"), "ReportPresented": ("member_id", "subject", "summary", "task_id", "outcome"),
    "TaskReported": ("task_id", "status", "note"), "TaskAssigned": ("task_id", "description", "due"),
    "MemberCommended": ("member_id", "reason"), "MemberCriticized": ("member_id", "level", "reason"),
    "ConclusionAdopted": ("text",), "MinutesApproved": (), "MeetingClosed": (), "EventRetracted": ("reason",),
    "MeetingOpened": ("kind", "title", "location", "chair", "clerk"), "MeetingVoided": ("reason",),
    # the roster page's (stream `cell`); a joining member's id is made from the name, never typed
    "MemberJoined": ("full_name", "kind", "joined_on", "how", "position"),
    "MemberRoleChanged": ("member_id", "role"), "MemberKindChanged": ("member_id", "kind"),
    "MemberExempted": ("member_id", "reason"), "MemberExemptionEnded": ("member_id",),
    "MemberLeft": ("member_id", "how", "note"), "MemberRated": ("member_id", "rating"),
    "MemberTemporarilyAway": ("member_id", "place", "until"), "MemberReturned": ("member_id",),
    "MemberSuspended": ("member_id", "reason", "until"), "MemberSuspensionEnded": ("member_id",),
    "DuesPaid": ("member_id", "month"),
}
NUMBER_FIELDS = {
    "SpeechGiven": ("agenda_item",), "ReportPresented": ("agenda_item",), "TaskReported": ("agenda_item",),
    "ConclusionAdopted": ("votes_for", "votes_against", "votes_abstain"),
    "MinutesApproved": ("votes_for", "votes_against", "votes_abstain"), "EventRetracted": ("target_seq",),
    "MemberRated": ("year",), "DuesPaid": ("amount",),
}
# Types that may carry the chi bộ's vote that decided them; a form names its fields decision_<field>.
DECIDED_TYPES = frozenset(
    t for (t, version), schema in SCHEMAS.items() if version == SCHEMA_VERSION and "decision" in schema.fields)
DECISION = "decision_"
CONFIRM_CLOSING = "Hãy đánh dấu ô xác nhận trước khi bế mạc: sau bế mạc chỉ còn được đính chính, thu hồi."
CONFIRM_VOIDING = "Hãy đánh dấu ô xác nhận hủy buổi họp: việc hủy không làm lại được."
# Forms that store nothing until the clerk ticks that they mean it.
CONFIRMED = {"close": CONFIRM_CLOSING, "void": CONFIRM_VOIDING}
NOT_A_NUMBER = "Phải là số nguyên."
# The time ("lúc") of every form: a datetime-local in Vietnam time, prefilled with the page's now. The page also
# sends the prefilled value (OCCURRED_SHOWN): a time left as it was means now, when the form is sent, so a form
# opened long before is not stored at the time the page was loaded; a time the clerk changed is kept.
OCCURRED, OCCURRED_SHOWN = "occurred_at", "occurred_at_shown"
BAD_TIME = "Thời điểm không hợp lệ: hãy chọn ngày và giờ, vd. 07/04/2021 14:30."


def local_minute(moment: datetime) -> str:
    """Return `moment` as a datetime-local input's value: Vietnam time to the minute."""
    return moment.astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M")


class FormProblem(Invalid):
    """A form that cannot become an event; `details` are keyed by the form's own field names."""


def _text(form, name: str) -> str | None:
    # Browsers send a textarea's line breaks as CR LF; the book keeps newlines alone.
    value = (form.get(name) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return value or None


def _number(form, name: str):
    value = _text(form, name)
    if value is None:
        return None
    return int(value) if value.isascii() and value.isdigit() and len(value) < 16 else value


def occurred_at(form) -> str | None:
    """Return the form's time as the request's occurred_at (ISO, +07:00); None for now. Raise FormProblem."""
    value = _text(form, OCCURRED)
    if value is None or value == _text(form, OCCURRED_SHOWN):
        return None
    try:
        moment = parse_instant(value)  # a datetime-local has no offset: read as Vietnam time
    except (ValueError, TypeError):
        raise FormProblem(BAD_TIME, {OCCURRED: [BAD_TIME]}) from None
    return occurred_text(moment.astimezone(VIETNAM))


def event_data(event_type: str, form) -> dict:
    """Return the data of `event_type` that the form's fields give (empty fields left out)."""
    data = {name: value for name in TEXT_FIELDS.get(event_type, ()) if (value := _text(form, name)) is not None}
    for name in NUMBER_FIELDS.get(event_type, ()):
        if (value := _number(form, name)) is not None:
            data[name] = value
    if event_type == "AgendaSet":
        data["items"] = [line.strip() for line in (form.get("items") or "").splitlines() if line.strip()]
    elif event_type == "SpeechGiven":
        data["speaker"] = speaker(form.get("speaker") or "")
    elif event_type == "TaskAssigned":
        data["assignees"] = [m for m in form.getlist("assignees") if m]
    if event_type in DECIDED_TYPES and (decision := _decision(form)):
        data["decision"] = decision
    return data


def _decision(form) -> dict:
    """Return the chi bộ's vote the form gives (decision_meeting_id, decision_votes_for, …); {} if none of it."""
    found = {"meeting_id": _text(form, DECISION + "meeting_id")}
    found.update((name, _number(form, DECISION + name)) for name in VOTE_FIELDS)
    return {name: value for name, value in found.items() if value is not None}


def speaker(choice: str) -> dict:
    """Return the speaker of a picker value: "m:<member_id>" or "g:<guest name>"."""
    kind, _, value = choice.partition(":")
    if kind == "g" and value.strip():
        return {"guest": value.strip()}
    if kind == "m" and value:
        return {"member_id": value}
    return {}


def speaker_choice(speaker_data: dict) -> str:
    """Return the picker value of a speaker (the inverse of `speaker`)."""
    if "guest" in speaker_data:
        return f"g:{speaker_data['guest']}"
    return f"m:{speaker_data.get('member_id', '')}"


def form_values(event_type: str, data: dict) -> dict:
    """Return the form's field values for an event's data, to fill the form for a correction."""
    values = {k: v for k, v in data.items() if not isinstance(v, (dict, list))}
    values.update((DECISION + name, value) for name, value in data.get("decision", {}).items())
    if event_type == "AgendaSet":
        values["items"] = "\n".join(data["items"])
    elif event_type == "SpeechGiven":
        values["speaker"] = speaker_choice(data["speaker"])
    elif event_type == "TaskAssigned":
        values["assignees"] = list(data["assignees"])
    return values


def opening(form) -> NewEvent:
    """Return the checked MeetingOpened of the cell page's form; its meeting_id names the new stream."""
    meeting_id = _text(form, "meeting_id")
    if meeting_id is None:
        raise FormProblem("Thiếu mã cuộc họp.", {"meeting_id": ["Thiếu trường bắt buộc."]})
    return check_request({"stream": meeting_stream(meeting_id), "type": "MeetingOpened",
                          "data": event_data("MeetingOpened", form), "event_id": _text(form, "event_id"),
                          "occurred_at": occurred_at(form)})


def submission(name: str, form, stream: str, current_attendance: dict[str, dict] | None = None) -> list[NewEvent]:
    """Return the checked append requests of a posted console form; raise FormProblem or Invalid."""
    event_type = FORMS[name].event_type
    event_id = _text(form, "event_id")
    target = _number(form, "correct_seq")
    # A correction keeps the corrected event's time: its form has no time of its own.
    moment = occurred_at(form) if target is None or name == "retract" else None
    if name == "attendance":
        return _attendance(form, stream, event_id, current_attendance or {}, moment)
    data = event_data(event_type, form)
    if name in CONFIRMED and not form.get("confirm"):
        _refuse_unconfirmed(name, {"stream": stream, "type": event_type, "data": data})
    if target is not None and name != "retract":
        data = {"target_seq": target, "data": data, "reason": _text(form, "correction_reason") or ""}
        event_type = "EventCorrected"
    return [check_request({"stream": stream, "type": event_type, "data": data, "event_id": event_id,
                           "occurred_at": moment})]


def _refuse_unconfirmed(name: str, request: dict) -> None:
    """Refuse a form whose confirmation is not ticked, naming at once what else it lacks."""
    problems = {"confirm": [CONFIRMED[name]]}
    try:
        check_request(request)
    except Invalid as error:
        problems.update(field_errors(error.details))
    raise FormProblem(CONFIRMED[name], problems)


def _attendance(form, stream: str, event_id: str | None, current: dict[str, dict],
                moment: str | None = None) -> list[NewEvent]:
    requests, problems = [], {}
    for member_id in form.getlist("member"):
        status, reason = _text(form, f"status-{member_id}"), _text(form, f"reason-{member_id}")
        if status is None:
            continue  # left blank: not recorded yet
        data = {"member_id": member_id, "status": status, **({"reason": reason} if reason else {})}
        if current.get(member_id) == data:
            continue  # already recorded so: a second record would change nothing
        try:
            requests.append(check_request({
                "stream": stream, "type": "AttendanceRecorded", "data": data,
                "event_id": member_event_id(event_id, member_id), "occurred_at": moment,
            }))
        except Invalid as error:
            for field, messages in field_errors(error.details).items():
                problems[f"{'status' if field == 'status' else 'reason'}-{member_id}"] = messages
    if problems:
        raise FormProblem("Điểm danh có chỗ chưa đúng; chưa ghi ai.", problems)
    return requests


def member_event_id(event_id: str | None, member_id: str) -> str | None:
    """Return the event_id of one member's line of a form of many (attendance, dues), the same on every repeat."""
    try:
        return str(uuid.uuid5(uuid.UUID(event_id), member_id)) if event_id else None
    except ValueError:
        return event_id  # check_request names it as not a UUID


FIX_MARKED = "Chưa ghi: hãy sửa những ô được đánh dấu đỏ rồi bấm ghi lại."
# Forms of many lines, one event a member: the field of a member's line (<field>-<member_id>) beside which
# a refusal of that line is shown, and what the form says above.
LINES = {
    "AttendanceRecorded": ("status", "Chưa ghi ai trong điểm danh"),
    "DuesPaid": ("paid", "Chưa ghi đảng phí của ai"),
}
REUSED = ("Mẫu này đã được ghi trước đó với nội dung khác (sự kiện số {seq}): có lẽ lần gửi trước đã tới máy chủ "
          "mà câu trả lời bị mất. Bấm “Đính chính mục số {seq}” để sửa mục đã ghi thành nội dung này; "
          "bấm ghi nếu đây là một mục mới.")


def line_refusal(error: Exception, asked: list[NewEvent]) -> Exception:
    """Return a batch's refusal as the form shows it: a line's beside that member's row, else as is."""
    index, original = getattr(error, "details", {}).get("index"), getattr(error, "original", None)
    if index is None or original is None or not 0 <= index < len(asked):
        return error
    event = asked[index]
    if event.type not in LINES:
        return original
    field, said = LINES[event.type]
    message = f"{said}: {original.message}"
    return FormProblem(message, {f"{field}-{event.data['member_id']}": [original.message], "_form": [message]})


def refused_form(error: Exception, values: dict, correcting: bool = False) -> dict:
    """Return the form to show again after a refusal: {values sent, errors beside their fields}.

    An event_id already stored with other content gets a new one: the next press stores these values anew.
    """
    errors = refusal_errors(error, correcting)
    if isinstance(error, Conflict) and error.code == "event_id_reused":
        # The earlier send was stored: the page offers these values as its correction (correct_seq), not a twin.
        values = {**values, "event_id": str(uuid.uuid4()), "reused_seq": error.details.get("seq")}
        errors = {"_form": [REUSED.format(seq=error.details.get("seq"))]}
    return {"values": values, "errors": errors}


def stored_notice(stored: list[tuple[dict, bool]]) -> str:
    """Return what a form says once its events are stored (or were already: a repeat)."""
    if not stored:
        return "Không có gì thay đổi: mọi dòng đã được ghi như vậy."
    seqs = ", ".join(str(envelope["seq"]) for envelope, _ in stored)
    if not any(created for _, created in stored):
        return f"Đã ghi từ trước (số {seqs}); lần gửi lặp lại không ghi thêm."
    return f"Đã ghi: sự kiện số {seqs}."


def refusal_errors(error: Invalid | Exception, correcting: bool = False) -> dict[str, list[str]]:
    """Return the errors to show for a refusal: beside each field it names, and a line above the form."""
    if isinstance(error, FormProblem):
        errors = dict(error.details)
        said = {message for messages in errors.values() for message in messages}
        errors.setdefault("_form", [FIX_MARKED if error.message in said else error.message])
        return errors
    errors = field_errors(getattr(error, "details", {}) or {}, correcting)
    said = {message for name, messages in errors.items() if name != "_form" for message in messages}
    if getattr(error, "code", "") != "invalid_event" and error.message not in said:
        # A broken rule explains itself in its message; what its details name no field for is terse.
        errors["_form"] = [error.message]
    elif "_form" not in errors or error.message in said:
        errors["_form"] = [FIX_MARKED]
    return errors


def field_errors(details: dict, correcting: bool = False) -> dict[str, list[str]]:
    """Return a refusal's details as {form field: [messages]}; what names no field goes under "_form".

    When correcting, `data.data.X` is the corrected event's field X and
    `data.reason` the reason for the correction.
    """
    found: dict[str, list[str]] = {}

    def walk(node, path):
        if isinstance(node, dict):
            for key, child in node.items():
                walk(child, path + [key])
        elif isinstance(node, list) and all(isinstance(x, str) for x in node):
            found.setdefault(_field_of(path, correcting), []).extend(node)
        elif isinstance(node, list):
            for child in node:
                walk(child, path)
        elif isinstance(node, str):
            found.setdefault(_field_of(path, correcting), []).append(node)

    walk(details, [])
    return {field: [PLAINER.get((field, m), m) for m in messages] for field, messages in found.items()}


# The catalogue speaks of fields; beside a picker the clerk needs to hear what to pick.
PLAINER = {
    ("speaker", "Ghi đúng một trong member_id hoặc guest."): "Hãy chọn người phát biểu.",
    ("assignees", "Phải có từ 1 đến 1000 mục."): "Hãy chọn ít nhất một đồng chí.",
    ("items", "Phải có từ 1 đến 1000 mục."): "Hãy ghi ít nhất một mục.",
}
FIELD_ALIASES = {"stream": "meeting_id", "type": "_form", "event_id": "_form"}  # occurred_at: the time field


def _field_of(path: list, correcting: bool) -> str:
    names = [p for p in path if isinstance(p, str)]
    if correcting and names[:2] == ["data", "reason"]:
        return "correction_reason"
    if correcting and names[:2] == ["data", "target_seq"]:
        return "_form"
    for _ in range(2 if correcting else 1):
        if names and names[0] == "data":
            names = names[1:]
    if not names or names[0] == "_schema":
        return "_form"
    if names[0] == "decision" and len(names) > 1:
        return DECISION + names[1]
    return FIELD_ALIASES.get(names[0], names[0])
