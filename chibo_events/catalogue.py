"""The event catalogue of contract section 1: one marshmallow schema per type.

`check_request` validates an append request and returns it normalised: data
is loaded and dumped again, so dates, nested objects and lists always take
one form and hash the same. Unknown types, missing or extra fields, wrong
types or enum values and text over 10,000 characters raise `Invalid` (422).
Messages are in Vietnamese; `details` keeps the field paths.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import date

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from . import vocabulary as words
from .errors import Invalid
from .timestamps import FIRST_YEAR, LAST_YEAR, occurred_text, parse_instant
from .vocabulary import AMENDMENTS, CELL_STREAM, meeting_id_of

SCHEMA_VERSION = 1
MAX_TEXT = 10_000
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

# Control characters other than tab and newline (C0 with CR, DEL, C1), which no biên bản can print
# and XML (the .docx) cannot hold; bidirectional overrides and isolates, which make a line read other
# than it is stored (CVE-2021-42574, "Trojan Source"); and the two non-characters.
NOT_TEXT = re.compile("[\x01-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_REQUIRED = {"required": "Thiếu trường bắt buộc.", "null": "Không được là null."}


def _usable_text(value: str) -> None:
    if not value.strip():
        raise ValidationError("Không được để trống.")
    if "\x00" in value:
        raise ValidationError("Không được chứa ký tự NUL.")
    if found := NOT_TEXT.search(value):
        raise ValidationError(f"Không được chứa ký tự điều khiển hay ký tự đảo chiều văn bản (U+{ord(found[0]):04X}).")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("Chuỗi không phải UTF-8 hợp lệ.") from None


class Text(fields.String):
    """Non-blank text of at most 10,000 characters."""

    default_error_messages = {**_REQUIRED, "invalid": "Phải là chuỗi ký tự."}

    def __init__(self, **kwargs):
        too_long = validate.Length(max=MAX_TEXT, error="Dài quá {max} ký tự.")
        super().__init__(validate=[too_long, _usable_text], **kwargs)


class Slug(fields.String):
    """An identifier such as `nguyen-van-a`: lowercase ASCII, digits and hyphens."""

    default_error_messages = {**_REQUIRED, "invalid": "Phải là chuỗi ký tự."}

    def __init__(self, **kwargs):
        shape = validate.Regexp(  # \Z: marshmallow's Regexp only anchors the start
            SLUG.pattern + r"\Z",
            error="Mã phải viết thường, không dấu, chỉ gồm chữ, số và gạch nối (vd. nguyen-van-a).",
        )
        super().__init__(validate=shape, **kwargs)


class Choice(fields.String):
    """One value of an enumeration."""

    default_error_messages = {**_REQUIRED, "invalid": "Phải là chuỗi ký tự."}

    def __init__(self, choices: words.Terms | tuple[str, ...], **kwargs):
        codes = choices.codes if isinstance(choices, words.Terms) else choices
        super().__init__(validate=validate.OneOf(codes, error="Phải là một trong: {choices}."), **kwargs)


class Count(fields.Integer):
    """A whole number from `low` up; floats and strings are refused."""

    default_error_messages = {**_REQUIRED, "invalid": "Phải là số nguyên."}

    def __init__(self, low: int = 0, high: int = 2**53, **kwargs):
        bounds = validate.Range(min=low, max=high, error="Phải từ {min} đến {max}.")
        super().__init__(strict=True, validate=bounds, **kwargs)


class Day(fields.Date):
    """A calendar date, YYYY-MM-DD, within the years the store accepts."""

    default_error_messages = {**_REQUIRED, "invalid": "Phải là ngày dạng YYYY-MM-DD."}

    def __init__(self, **kwargs):
        window = validate.Range(
            min=date(FIRST_YEAR, 1, 1), max=date(LAST_YEAR, 12, 31), error="Phải từ {min} đến {max}."
        )
        super().__init__(validate=window, **kwargs)


class Items(fields.List):
    default_error_messages = {**_REQUIRED, "invalid": "Phải là danh sách."}

    def __init__(self, item, *, unique: bool = False, **kwargs):
        checks: list = [validate.Length(min=1, max=1000, error="Phải có từ {min} đến {max} mục.")]
        if unique:
            checks.append(_no_repeats)
        super().__init__(item, validate=checks, **kwargs)


def _no_repeats(values: list) -> None:
    if len(set(values)) != len(values):
        raise ValidationError("Không được lặp lại.")


class Obj(fields.Nested):
    default_error_messages = {**_REQUIRED, "type": "Phải là đối tượng JSON."}


class AnyObject(fields.Dict):
    default_error_messages = {**_REQUIRED, "invalid": "Phải là đối tượng JSON."}


class Data(Schema):
    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "Trường không có trong danh mục sự kiện.", "type": "Phải là đối tượng JSON."}


class Month(fields.String):
    """A month, YYYY-MM, within the years the store accepts."""

    default_error_messages = {**_REQUIRED, "invalid": "Phải là chuỗi ký tự."}

    def __init__(self, **kwargs):
        super().__init__(validate=_a_month, **kwargs)


def _a_month(value: str) -> None:
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", value) or not FIRST_YEAR <= int(value[:4]) <= LAST_YEAR:
        raise ValidationError(f"Phải là tháng dạng YYYY-MM, từ {FIRST_YEAR} đến {LAST_YEAR}.")


class Decision(Data):
    """The chi bộ's vote that decided a change of membership, at one of its meetings."""

    meeting_id = Slug(required=True)
    votes_for = Count(required=True)
    votes_against = Count(required=True)
    votes_abstain = Count(required=True)


# -- stream `cell` -----------------------------------------------------------

class CellRegistered(Data):
    name = Text(required=True)
    committee = Text(required=True)
    place = Text()


class MemberJoined(Data):
    member_id = Slug(required=True)
    full_name = Text(required=True)
    kind = Choice(words.MEMBER_KINDS, required=True)
    joined_on = Day(required=True)
    how = Choice(words.JOINED_HOW, required=True)
    position = Text()
    decision = Obj(Decision)

    @validates_schema
    def _decided_only_if_admitted(self, data, **kwargs):
        if "decision" in data and data.get("how") != "admitted":
            raise ValidationError("Chỉ việc kết nạp (how = admitted) mới ghi nghị quyết của chi bộ.", "decision")


class MemberRoleChanged(Data):
    member_id = Slug(required=True)
    role = Choice(words.ROLES, required=True)


class MemberKindChanged(Data):
    member_id = Slug(required=True)
    kind = Choice(words.PROMOTED_KINDS, required=True)
    decision = Obj(Decision)


class MemberExempted(Data):
    member_id = Slug(required=True)
    reason = Text(required=True)
    decision = Obj(Decision)


class MemberExemptionEnded(Data):
    member_id = Slug(required=True)


class MemberLeft(Data):
    member_id = Slug(required=True)
    how = Choice(words.LEFT_HOW, required=True)
    note = Text()
    decision = Obj(Decision)

    @validates_schema
    def _decided_only_if_removed(self, data, **kwargs):
        if "decision" in data and data.get("how") not in words.DECIDED_LEAVING:
            raise ValidationError("Chỉ việc xóa tên hay khai trừ mới ghi nghị quyết của chi bộ.", "decision")


class MemberRated(Data):
    member_id = Slug(required=True)
    year = Count(low=FIRST_YEAR, high=LAST_YEAR, required=True)
    rating = Choice(words.RATINGS, required=True)


class MemberTemporarilyAway(Data):
    member_id = Slug(required=True)
    place = Text(required=True)
    until = Day()


class MemberReturned(Data):
    member_id = Slug(required=True)


class MemberSuspended(Data):
    member_id = Slug(required=True)
    reason = Text(required=True)
    until = Day()


class MemberSuspensionEnded(Data):
    member_id = Slug(required=True)


class CellClosed(Data):
    reason = Text(required=True)
    how = Choice(words.CLOSED_HOW, required=True)


# -- stream `meeting:<id>` ---------------------------------------------------

class MeetingOpened(Data):
    kind = Choice(words.MEETING_KINDS, required=True)
    title = Text(required=True)
    location = Text(required=True)
    chair = Slug(required=True)
    clerk = Text(required=True)


class AgendaSet(Data):
    items = Items(Text(), required=True)


class AttendanceRecorded(Data):
    member_id = Slug(required=True)
    status = Choice(words.ATTENDANCE, required=True)
    reason = Text()


class GuestAttended(Data):
    name = Text(required=True)
    title = Text(required=True)
    organization = Text()


class Speaker(Data):
    member_id = Slug()
    guest = Text()

    @validates_schema
    def _exactly_one(self, data, **kwargs):
        if len(data) != 1:
            raise ValidationError("Ghi đúng một trong member_id hoặc guest.")


class SpeechGiven(Data):
    speaker = Obj(Speaker, required=True)
    kind = Choice(words.SPEECH_KINDS, required=True)
    summary = Text(required=True)
    agenda_item = Count(low=1, high=1000)


class ReportPresented(Data):
    member_id = Slug(required=True)
    subject = Text(required=True)
    summary = Text(required=True)
    task_id = Slug()
    outcome = Choice(words.REPORT_OUTCOMES)
    agenda_item = Count(low=1, high=1000)


class TaskAssigned(Data):
    task_id = Slug(required=True)
    assignees = Items(Slug(), unique=True, required=True)
    description = Text(required=True)
    due = Day()


class MemberCommended(Data):
    member_id = Slug(required=True)
    reason = Text(required=True)


class MemberCriticized(Data):
    member_id = Slug(required=True)
    level = Choice(words.CRITICISM_LEVELS, required=True)
    reason = Text(required=True)


class Votes(Data):
    votes_for = Count(required=True)
    votes_against = Count(required=True)
    votes_abstain = Count(required=True)


class ConclusionAdopted(Votes):
    text = Text(required=True)


class MinutesApproved(Votes):
    pass


class MeetingClosed(Data):
    pass


class MeetingVoided(Data):
    reason = Text(required=True)


class MinutesSigned(Data):
    role = Choice(words.SIGNING_ROLES, required=True)


# -- either stream -----------------------------------------------------------

class TaskReported(Data):
    task_id = Slug(required=True)
    status = Choice(words.TASK_REPORTS, required=True)
    note = Text()
    agenda_item = Count(low=1, high=1000)  # only in a meeting's stream, under an item of its agenda


class DuesPaid(Data):
    member_id = Slug(required=True)
    month = Month(required=True)
    amount = Count(low=1, required=True)


class EventCorrected(Data):
    target_seq = Count(low=1, required=True)
    data = AnyObject(required=True)
    reason = Text(required=True)


class EventRetracted(Data):
    target_seq = Count(low=1, required=True)
    reason = Text(required=True)


CELL_TYPES = frozenset({
    "CellRegistered", "MemberJoined", "MemberRoleChanged", "MemberKindChanged",
    "MemberExempted", "MemberExemptionEnded", "MemberLeft", "MemberRated",
    "MemberTemporarilyAway", "MemberReturned", "MemberSuspended", "MemberSuspensionEnded", "CellClosed",
})
MEETING_TYPES = frozenset({
    "MeetingOpened", "AgendaSet", "AttendanceRecorded", "GuestAttended", "SpeechGiven",
    "ReportPresented", "TaskAssigned", "MemberCommended", "MemberCriticized",
    "ConclusionAdopted", "MinutesApproved", "MeetingClosed", "MeetingVoided", "MinutesSigned",
})
EITHER_TYPES = frozenset({"TaskReported", "DuesPaid"}) | AMENDMENTS

SCHEMAS: dict[tuple[str, int], Schema] = {
    (name, SCHEMA_VERSION): globals()[name]() for name in CELL_TYPES | MEETING_TYPES | EITHER_TYPES
}


def check_data(event_type: str, data, *, path: tuple = ("data",)) -> dict:
    """Validate `data` for `event_type` and return it in its one stored form."""
    schema = SCHEMAS.get((event_type, SCHEMA_VERSION))
    if schema is None:
        raise Invalid(
            f"Loại sự kiện không có trong danh mục: {event_type[:80]!r}.",
            {"type": ["Loại sự kiện không có trong danh mục."]},
            code="unknown_type",
        )
    try:
        return schema.dump(schema.load(data))
    except ValidationError as error:
        details: dict | list = error.messages
        for key in reversed(path):
            details = {key: details}
        raise Invalid("Dữ liệu sự kiện không hợp lệ.", _as_dict(details)) from None


def stream_accepts(stream: str, event_type: str) -> bool:
    """Say whether an event of this type may be written to this stream."""
    if event_type in EITHER_TYPES:
        return True
    if stream == CELL_STREAM:
        return event_type in CELL_TYPES
    return event_type in MEETING_TYPES


# -- the append request ------------------------------------------------------

@dataclass(frozen=True)
class NewEvent:
    """An event as a client asks to append it, already in its normalised form."""

    stream: str
    type: str
    data: dict
    occurred_at: str | None = None
    event_id: str | None = None
    expected_version: int | None = None


class AppendRequest(Data):
    """The body of an append request; `data` is checked against its type's schema afterwards."""

    stream = fields.String(required=True, error_messages={**_REQUIRED, "invalid": "Phải là chuỗi ký tự."})
    type = fields.String(required=True, error_messages={**_REQUIRED, "invalid": "Phải là chuỗi ký tự."})
    data = AnyObject(required=True)
    occurred_at = fields.String(allow_none=True, error_messages={"invalid": "Phải là chuỗi ký tự."})
    event_id = fields.String(allow_none=True, error_messages={"invalid": "Phải là chuỗi ký tự."})
    expected_version = Count(allow_none=True)


_REQUEST = AppendRequest()


def _stream_error(stream: str) -> str | None:
    if stream == CELL_STREAM:
        return None
    meeting_id = meeting_id_of(stream)
    if meeting_id is None or not SLUG.fullmatch(meeting_id):
        return "Luồng phải là 'cell' hoặc 'meeting:<mã cuộc họp>' (mã viết thường, không dấu, gạch nối)."
    return None


def _as_dict(messages: dict | list) -> dict:
    return messages if isinstance(messages, dict) else {"_schema": messages}


def check_request(body) -> NewEvent:
    """Validate an append request body; return a NewEvent or raise Invalid."""
    try:
        request = _REQUEST.load(body)
    except ValidationError as error:
        raise Invalid("Yêu cầu ghi sự kiện không hợp lệ.", _as_dict(error.messages)) from None
    problems = {}
    if message := _stream_error(request["stream"]):
        problems["stream"] = [message]
    occurred_at = request.get("occurred_at")
    if occurred_at is not None:
        try:
            occurred_at = occurred_text(parse_instant(occurred_at))
        except ValueError:
            problems["occurred_at"] = ["Phải là thời điểm ISO 8601, vd. 2021-04-07T14:00:00+07:00."]
    event_id = request.get("event_id")
    if event_id is not None:
        try:
            event_id = str(uuid.UUID(event_id))
        except ValueError:
            problems["event_id"] = ["Phải là UUID."]
    if problems:
        raise Invalid("Yêu cầu ghi sự kiện không hợp lệ.", problems)
    event_type = request["type"]
    data = check_data(event_type, request["data"])
    if not stream_accepts(request["stream"], event_type):
        raise Invalid(
            f"Sự kiện {event_type} không ghi vào luồng {request['stream']!r}.",
            {"type": ["Loại sự kiện không thuộc luồng này."]},
            code="wrong_stream",
        )
    return NewEvent(
        stream=request["stream"], type=event_type, data=data, occurred_at=occurred_at,
        event_id=event_id, expected_version=request.get("expected_version"),
    )
