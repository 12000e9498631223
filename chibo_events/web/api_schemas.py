"""The API's bodies as marshmallow schemas: what the views load, and what openapi.py describes.

Requests are the catalogue's own schemas (a new cell is CellRegistered plus
its id; an event is `AppendRequest` with `data` of its type), so the
description and the validation are one thing. Responses are documented here
and held to by the fuzz tests, which check every answer against them.
Responses list what the contract promises "at least"; more fields may follow.
"""

from marshmallow import INCLUDE, RAISE, Schema, fields, validate

from .. import catalogue

SLUG_PATTERN = "^" + catalogue.SLUG.pattern + "$"
MEETING_STREAM = "^meeting:" + catalogue.SLUG.pattern + "$"
HEX = "^[0-9a-f]{64}$"


# -- requests -------------------------------------------------------------------

class NewCell(catalogue.CellRegistered):
    """Open a book: the cell's id and its CellRegistered data."""

    cell_id = catalogue.Slug(required=True)


def _stream_field(event_type: str) -> fields.Field:
    """Describe the streams a type may be written to (catalogue.stream_accepts decides)."""
    if event_type in catalogue.CELL_TYPES:
        return fields.String(required=True, validate=validate.OneOf([catalogue.CELL_STREAM]))
    pattern = MEETING_STREAM if event_type in catalogue.MEETING_TYPES else f"^cell$|{MEETING_STREAM}"
    return fields.String(required=True, validate=validate.Regexp(pattern))


def _typed_request(event_type: str) -> type[Schema]:
    """Return the append request of one event type: AppendRequest with that type's data schema."""
    data_schema = type(catalogue.SCHEMAS[(event_type, catalogue.SCHEMA_VERSION)])
    return type(f"Append{event_type}", (catalogue.AppendRequest,), {
        "stream": _stream_field(event_type),
        "type": fields.String(required=True, validate=validate.OneOf([event_type])),
        "data": fields.Nested(data_schema, required=True),
    })


APPEND_REQUESTS: dict[str, type[Schema]] = {
    name: _typed_request(name) for name, version in sorted(catalogue.SCHEMAS) if version == catalogue.SCHEMA_VERSION
}


MAX_BATCH = 1000


class Batch(Schema):
    """Several append requests, stored all or none; each is checked as POST /events checks one."""

    class Meta:
        unknown = RAISE

    events = fields.List(catalogue.AnyObject(), required=True,
                         validate=validate.Length(min=1, max=MAX_BATCH, error="Phải có từ {min} đến {max} sự kiện."),
                         error_messages={"required": "Thiếu trường bắt buộc.", "invalid": "Phải là danh sách."})


# -- responses ------------------------------------------------------------------

class Answer(Schema):
    class Meta:
        unknown = INCLUDE


class Error(Answer):
    error = fields.String(required=True, metadata={"description": "Mã lỗi, vd. invalid_event, rule_broken."})
    message = fields.String(required=True, metadata={"description": "Lời giải thích cho người đọc (tiếng Việt)."})
    details = fields.Dict(required=True, metadata={"description": "Trường nào sai và vì sao."})


class Envelope(Answer):
    book = fields.String(required=True)
    seq = fields.Integer(required=True)
    event_id = fields.String(required=True)
    stream = fields.String(required=True)
    version = fields.Integer(required=True)
    type = fields.String(required=True)
    schema = fields.Integer(required=True)
    occurred_at = fields.String(required=True)
    recorded_at = fields.String(required=True)
    actor = fields.String(required=True)
    data = fields.Dict(required=True)
    prev_hash = fields.String(required=True, validate=validate.Regexp(HEX))
    hash = fields.String(required=True, validate=validate.Regexp(HEX))


class Stored(Answer):
    events = fields.List(fields.Nested(Envelope), required=True, metadata={"description": "Theo thứ tự của lô."})


class EventsPage(Answer):
    events = fields.List(fields.Nested(Envelope), required=True)
    next_after_seq = fields.Integer(required=True, allow_none=True,
                                    metadata={"description": "after_seq của trang sau; null ở trang cuối."})


class MeetingSummary(Answer):
    meeting_id = fields.String(required=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    opened_at = fields.String(required=True)
    closed_at = fields.String(required=True, allow_none=True)


class Attendance(Answer):
    total = fields.Integer(required=True)
    official = fields.Integer(required=True)
    probationary = fields.Integer(required=True)
    exempt = fields.Integer(required=True)
    present = fields.Integer(required=True)
    present_official = fields.Integer(required=True)
    present_probationary = fields.Integer(required=True)
    vote_base = fields.Integer(required=True, metadata={
        "description": "Đảng viên chính thức được triệu tập (Quy định thi hành Điều lệ §9.3.2)."})
    rate = fields.Float(required=True, allow_none=True)
    absent_excused = fields.List(fields.Dict(), required=True)
    absent_unexcused = fields.List(fields.Dict(), required=True)
    not_recorded = fields.List(fields.Dict(), required=True)


class Correction(Answer):
    seq = fields.Integer(required=True)
    target_seq = fields.Integer(required=True)
    reason = fields.String(required=True)
    recorded_at = fields.String(required=True)


class Evidence(Answer):
    size = fields.Integer(required=True)
    root = fields.String(required=True, validate=validate.Regexp(HEX))


class Minutes(Answer):
    meeting_id = fields.String(required=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    location = fields.String(required=True)
    opened_at = fields.String(required=True)
    closed_at = fields.String(required=True, allow_none=True)
    chair = fields.Dict(required=True, allow_none=True)
    clerk = fields.Dict(required=True, allow_none=True)
    attendance = fields.Nested(Attendance, required=True)
    guests = fields.List(fields.Dict(), required=True)
    agenda = fields.List(fields.String(), required=True)
    proceedings = fields.List(fields.Dict(), required=True, metadata={"description": "Theo thứ tự seq."})
    tasks_assigned = fields.List(fields.Dict(), required=True)
    tasks_reported = fields.List(fields.Dict(), required=True)
    commendations = fields.List(fields.Dict(), required=True)
    criticisms = fields.List(fields.Dict(), required=True)
    conclusions = fields.List(fields.Dict(), required=True)
    minutes_approved = fields.Dict(required=True, allow_none=True)
    corrections = fields.List(fields.Nested(Correction), required=True)
    as_of = fields.String(required=True, allow_none=True)
    last_seq = fields.Integer(required=True)
    quality = fields.Dict(required=True, metadata={"description": "{attendance_rate, flags: [mã]}."})
    voided = fields.Dict(required=True, allow_none=True)
    signed = fields.Dict(required=True)
    decisions = fields.List(fields.Dict(), required=True, metadata={
        "description": "Quyết định của cuộc họp này về biên bản đã thông qua của cuộc họp khác."})
    evidence = fields.Nested(Evidence, required=True,
                             metadata={"description": "Sổ ở trạng thái nào khi biên bản được lập: size và root."})


class MinutesOfDay(Answer):
    meetings = fields.List(fields.Nested(Minutes), required=True)


class MemberAttendance(Answer):
    meetings = fields.Integer(required=True)
    present = fields.Integer(required=True)
    absent_excused = fields.Integer(required=True)
    absent_unexcused = fields.Integer(required=True)


class MemberStatus(Answer):
    member_id = fields.String(required=True)
    full_name = fields.String(required=True)
    kind = fields.String(required=True)
    role = fields.String(required=True, allow_none=True)
    position = fields.String(required=True, allow_none=True)
    exempt = fields.Boolean(required=True)
    active = fields.Boolean(required=True)
    joined_on = fields.String(required=True)
    attendance = fields.Nested(MemberAttendance, required=True)
    open_tasks = fields.Integer(required=True)
    done_tasks = fields.Integer(required=True)
    overdue_tasks = fields.Integer(required=True)
    commendations = fields.Integer(required=True)
    criticisms = fields.Integer(required=True)
    last_rating = fields.Raw(required=True, allow_none=True)
    dues_unpaid_months = fields.Integer(required=True)
    unexcused_absence_months = fields.Integer(required=True)
    removal_warning = fields.Boolean(required=True)
    probation_ends_on = fields.String(required=True, allow_none=True)
    probation_overdue = fields.Boolean(required=True)
    temporarily_away = fields.Boolean(required=True)
    suspended = fields.Boolean(required=True)


class CalendarMonth(Answer):
    month = fields.String(required=True)
    regular = fields.List(fields.String(), required=True)
    thematic = fields.List(fields.String(), required=True)
    extraordinary = fields.List(fields.String(), required=True)


class Calendar(Answer):
    year = fields.Integer(required=True)
    months = fields.List(fields.Nested(CalendarMonth), required=True,
                         metadata={"description": "Các tháng đã bắt đầu của năm; cuộc họp đã hủy không tính."})
    missing_regular = fields.List(fields.String(), required=True)
    quarters_without_thematic = fields.List(fields.Integer(), required=True)


class Committee(Answer):
    committee_id = fields.String(required=True)
    name = fields.String(required=True)
    cells = fields.List(fields.String(), required=True)


class MeetingHeld(Answer):
    meeting_id = fields.String(required=True)
    kind = fields.String(required=True)
    opened_at = fields.String(required=True)


class Verification(Answer):
    ok = fields.Boolean(required=True)
    size = fields.Integer(required=True)
    checked_at = fields.String(required=True)


class OverviewCell(Answer):
    cell_id = fields.String(required=True)
    name = fields.String(required=True)
    last_meeting = fields.Nested(MeetingHeld, required=True, allow_none=True)
    meetings_this_month = fields.List(fields.Nested(MeetingHeld), required=True)
    regular_meeting_held = fields.Boolean(required=True)
    thematic_this_quarter = fields.Boolean(required=True)
    attendance_rate = fields.Float(required=True, allow_none=True, metadata={
        "description": "Trung bình tỷ lệ dự họp (%) của các cuộc họp trong tháng; null khi không họp."})
    quality_flags = fields.List(fields.String(), required=True)
    open_tasks = fields.Integer(required=True)
    overdue_tasks = fields.Integer(required=True)
    removal_warnings = fields.List(fields.String(), required=True)
    probation_overdue = fields.List(fields.String(), required=True)
    people = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                         metadata={"description": "Họ tên của các đảng viên được nêu ở hai danh sách trên."})
    verification = fields.Nested(Verification, required=True)
    witnessed_size = fields.Integer(required=True, allow_none=True, metadata={
        "description": "Kích thước lớn nhất của sổ mà một nhân chứng đã đồng ký; null khi chưa có."})
    witness_alarms = fields.List(fields.String(), required=True, metadata={
        "description": "Lời từ chối của các nhân chứng: sổ bị quay lui hay viết lại."})


class Overview(Answer):
    committee_id = fields.String(required=True)
    name = fields.String(required=True)
    month = fields.String(required=True)
    on = fields.String(required=True, metadata={"description": "Ngày của số liệu: cuối tháng, hoặc hôm nay."})
    cells = fields.List(fields.Nested(OverviewCell), required=True)


class SearchResult(Answer):
    cell = fields.String(required=True)
    meeting_id = fields.String(required=True, allow_none=True, metadata={"description": "null: sổ của chi bộ."})
    seq = fields.Integer(required=True)
    type = fields.String(required=True)
    snippet = fields.String(required=True)
    corrected = fields.Boolean(required=True, metadata={"description": "Đã có đính chính thay nội dung này."})


class SearchResults(Answer):
    results = fields.List(fields.Nested(SearchResult), required=True)


class Task(Answer):
    task_id = fields.String(required=True)
    seq = fields.Integer(required=True)
    assignees = fields.List(fields.Dict(), required=True)
    description = fields.String(required=True)
    due = fields.String(required=True, allow_none=True)
    status = fields.String(required=True)
    open = fields.Boolean(required=True)
    overdue = fields.Boolean(required=True)
    reports = fields.List(fields.Dict(), required=True)


class MemberMeeting(Answer):
    meeting_id = fields.String(required=True)
    status = fields.String(required=True, metadata={
        "description": "Điểm danh cuối cùng của đảng viên ở cuộc họp; `not_recorded` (được triệu tập, chưa "
                       "điểm danh) hoặc `exempt` (miễn sinh hoạt, không điểm danh)."})
    reason = fields.String(required=True, allow_none=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    opened_at = fields.String(required=True)


class MemberRemark(Answer):
    seq = fields.Integer(required=True)
    meeting_id = fields.String(required=True, allow_none=True, metadata={"description": "Cuộc họp đã nêu."})
    occurred_at = fields.String(required=True)
    reason = fields.String(required=True)
    corrected = fields.Boolean(required=True)


class MemberCriticism(MemberRemark):
    level = fields.String(required=True, validate=validate.OneOf(["reminder", "criticism"]))


class YearlyRating(Answer):
    year = fields.Integer(required=True)
    rating = fields.String(required=True)


class DuesMonth(Answer):
    month = fields.String(required=True, validate=validate.Regexp(r"^\d{4}-\d{2}$"))
    amount = fields.Integer(required=True)


class MemberRecord(MemberStatus):
    """The member's status with what it is counted from; commendations and criticisms here are the lists."""

    meetings = fields.List(fields.Nested(MemberMeeting), required=True, metadata={
        "description": "Các cuộc họp đảng viên được triệu tập hoặc đã dự, theo thứ tự khai mạc; "
                       "cuộc họp đã hủy không có."})
    tasks = fields.List(fields.Nested(Task), required=True)
    commendations = fields.List(fields.Nested(MemberRemark), required=True)
    criticisms = fields.List(fields.Nested(MemberCriticism), required=True)
    ratings = fields.List(fields.Nested(YearlyRating), required=True, metadata={"description": "Theo năm."})
    dues = fields.List(fields.Nested(DuesMonth), required=True, metadata={
        "description": "Các tháng đã đóng đảng phí, mọi năm, đến ngày `on`."})


class VerifyReport(Answer):
    ok = fields.Boolean(required=True)
    size = fields.Integer(required=True)
    root = fields.String(required=True, allow_none=True)
    first_bad_seq = fields.Integer(required=True, allow_none=True)
    problems = fields.List(fields.Dict(), required=True)


class InclusionProof(Answer):
    leaf_hash = fields.String(required=True, validate=validate.Regexp(HEX))
    proof = fields.List(fields.String(validate=validate.Regexp(HEX)), required=True)
    root = fields.String(required=True, validate=validate.Regexp(HEX))
    size = fields.Integer(required=True)


class ConsistencyProof(Answer):
    proof = fields.List(fields.String(validate=validate.Regexp(HEX)), required=True)
    root_from = fields.String(required=True, validate=validate.Regexp(HEX))
    root_to = fields.String(required=True, validate=validate.Regexp(HEX))
