"""Query parameters of the API, parsed once for every view: a bad one is a 400 that names it.

Each endpoint's parameters are a marshmallow schema below; the views parse
with `parse(Schema)` and openapi.py describes the same schemas, so the
description cannot drift from what is accepted. An empty value counts as
absent; unknown parameters are ignored.
"""

from datetime import date

from flask import request
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from ..catalogue import SLUG
from ..errors import Malformed
from ..timestamps import FIRST_YEAR, LAST_YEAR, parse_bound, utc_text

LARGEST = 2**62
MAX_PAGE = 1000
MAX_TEXT = 200
TASK_STATUSES = ("open", "done", "all")


class WholeNumber(fields.Field):
    """A whole number in ASCII digits within [low, high]: no sign, no '1.0', no '٣'."""

    def __init__(self, low: int = 0, high: int = LARGEST, **kwargs):
        bounds = validate.Range(min=low, max=high, error="Phải là số nguyên từ {min} đến {max}.")
        super().__init__(validate=bounds, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> int:
        # A length bound first: int() refuses strings of more than 4,300 digits with a ValueError.
        if not (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19):
            raise ValidationError("Phải là số nguyên viết bằng chữ số.")
        return int(value)


class Bound(fields.Field):
    """A date (the whole day in Vietnam) or an ISO 8601 instant, loaded as a UTC key for ranges."""

    def __init__(self, *, end: bool, **kwargs):
        super().__init__(**kwargs)
        self.end = end

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        try:
            return utc_text(parse_bound(value, end=self.end))
        except (TypeError, ValueError):
            raise ValidationError("Phải là ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601.") from None


class Day(fields.Field):
    """A calendar day written YYYY-MM-DD."""

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        try:
            day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            day = None
        if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValidationError(f"Phải là ngày dạng YYYY-MM-DD, năm từ {FIRST_YEAR} đến {LAST_YEAR}.")
        return day


class FilterText(fields.String):
    """A short filter value; NUL cannot reach the database (PostgreSQL refuses it in text)."""

    def __init__(self, **kwargs):
        super().__init__(validate=[validate.Length(max=MAX_TEXT, error="Dài quá {max} ký tự."), _no_nul], **kwargs)


def _no_nul(value: str) -> None:
    if "\x00" in value:
        raise ValidationError("Không được chứa ký tự NUL.")


class Query(Schema):
    class Meta:
        unknown = EXCLUDE


class EventsQuery(Query):
    after_seq = WholeNumber(load_default=0, metadata={"description": "Chỉ các sự kiện có seq lớn hơn."})
    limit = WholeNumber(low=1, high=MAX_PAGE, load_default=100,
                        metadata={"description": "Số sự kiện tối đa một trang."})
    stream = FilterText(metadata={"description": "`cell` hoặc `meeting:<id>`."})
    type = FilterText(metadata={"description": "Loại sự kiện, vd. MemberCommended."})
    member = FilterText(metadata={"description": "Các sự kiện nêu tên đảng viên này."})
    since = Bound(end=False, data_key="from", metadata={"description": "occurred_at từ (ngày hoặc thời điểm)."})
    until = Bound(end=True, data_key="to", metadata={"description": "occurred_at đến (ngày: hết ngày đó)."})


class AsOfQuery(Query):
    as_of = Bound(end=True, metadata={"description": "Sổ như đã ghi đến thời điểm này (ngày: hết ngày đó)."})


class MinutesDocumentQuery(AsOfQuery):
    numbered = fields.Boolean(load_default=False, metadata={
        "description": "In số biên bản trong năm của chi bộ (\"Số: 05-BB/CB\")."})


class MinutesQuery(AsOfQuery):
    date = Day(required=True, metadata={"description": "Các cuộc họp khai mạc ngày này (giờ Việt Nam)."})


class MembersQuery(AsOfQuery):
    on = Day(metadata={"description": "Tình trạng vào ngày này; mặc định hôm nay."})


class MemberRecordQuery(AsOfQuery):
    on = Day(metadata={"description": "Hồ sơ đến hết ngày này; mặc định hôm nay."})


class TasksQuery(MembersQuery):
    status = fields.String(load_default="open",
                           validate=validate.OneOf(TASK_STATUSES, error="Phải là open, done hoặc all."))


class CalendarQuery(Query):
    year = WholeNumber(low=FIRST_YEAR, high=LAST_YEAR, metadata={"description": "Năm; mặc định năm nay."})


class SearchQuery(Query):
    q = fields.String(required=True, validate=[validate.Length(min=2, max=MAX_TEXT,
                                                               error="Từ tìm dài từ {min} đến {max} ký tự."), _no_nul],
                      metadata={"description": "Từ cần tìm, có dấu hay không dấu đều được "
                                               "(\"truong\" tìm cả \"trường\")."})
    cell = FilterText(metadata={"description": "Chỉ trong sổ của chi bộ này."})
    committee = FilterText(metadata={"description": "Chỉ trong các chi bộ của đảng bộ này (committee_id)."})


class VerifyQuery(Query):
    witness_key = FilterText(metadata={
        "description": "Khóa của một nhân chứng: sổ nhỏ hơn (rollback) hay khác (fork) cây nó đã đồng ký thì là vấn "
                       "đề; nhân chứng có trong CHIBO_WITNESSES thì được hỏi."})


class OverviewQuery(Query):
    month = FilterText(metadata={"description": "Tháng YYYY-MM; mặc định tháng này (số liệu đến hết tháng đó)."})


class InclusionQuery(Query):
    seq = WholeNumber(required=True, metadata={"description": "seq của sự kiện cần chứng minh."})
    size = WholeNumber(metadata={"description": "Kích thước cây; mặc định cả sổ."})


class ConsistencyQuery(Query):
    first = WholeNumber(required=True, data_key="from", metadata={"description": "Kích thước cây cũ."})
    second = WholeNumber(data_key="to", metadata={"description": "Kích thước cây mới; mặc định cả sổ."})


class AuditQuery(Query):
    """The audit page: a page of events, its filters, and an inclusion proof on demand."""

    after_seq = WholeNumber(load_default=0)
    stream = FilterText()
    type = FilterText()
    member = FilterText()
    actor = FilterText()
    since = Bound(end=False, data_key="from")
    until = Bound(end=True, data_key="to")
    proof = WholeNumber(low=1)


class LiveQuery(Query):
    """The meeting page's poll: what the watcher has seen."""

    after_seq = WholeNumber(load_default=0)


class MeetingPageQuery(Query):
    """The meeting page, opened on the correction of one event."""

    correct = WholeNumber(low=1)


class CorrectionQuery(Query):
    seq = WholeNumber(low=1)


def given() -> dict[str, str]:
    """Return the request's query parameters, an empty value counting as absent."""
    return {name: value for name, value in request.args.items() if value != ""}


def load(schema: type[Schema]) -> tuple[dict, dict[str, list[str]]]:
    """Return the parameters that `schema` loads and, by parameter name, the problems of those it does not."""
    try:
        return schema().load(given()), {}
    except ValidationError as error:
        problems = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        return error.valid_data or {}, {str(name): list(messages) for name, messages in problems.items()}


def parse(schema: type[Schema]) -> dict:
    """Return the request's query parameters loaded by `schema`, or refuse with 400 naming the bad ones."""
    values, problems = load(schema)
    if problems:
        raise Malformed(f"Tham số không hợp lệ: {', '.join(problems)}.", problems)
    return values


def is_slug(value: str) -> bool:
    """Say whether a path segment can name a cell or a meeting at all."""
    return SLUG.fullmatch(value) is not None
