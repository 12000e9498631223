"""What the read pages share: their query parameters, parsed by params.py, with a message beside each bad field."""

from flask import request
from marshmallow import Schema

from ..clock import VIETNAM
from ..timestamps import parse_utc_text
from .params import load

# What each field expects, said for a person filling a form rather than for a program.
FIELD_MESSAGES = {
    "as_of": "Thời điểm xem sổ không hợp lệ: hãy chọn ngày và giờ (ví dụ 07/04/2021 15:30).",
    "on": "Ngày xem tình hình không hợp lệ: hãy chọn một ngày (ví dụ 07/04/2021).",
    "from": "Ngày bắt đầu không hợp lệ: hãy chọn một ngày.",
    "to": "Ngày kết thúc không hợp lệ: hãy chọn một ngày.",
    "after_seq": "Số thứ tự bắt đầu phải là số nguyên không âm.",
    "proof": "Số thứ tự cần chứng minh phải là số nguyên dương.",
}


class Query:
    """A page's query parameters loaded by a schema of params.py; a bad one becomes a message beside its field."""

    def __init__(self, schema: type[Schema]):
        self.raw = request.args
        self.values, problems = load(schema)
        self.errors = {name: FIELD_MESSAGES.get(name, " ".join(messages)) for name, messages in problems.items()}

    def get(self, name: str, default=None):
        return self.values.get(name, default)

    @property
    def ok(self) -> bool:
        return not self.errors


def local_input(utc_key: str | None) -> str:
    """Return a UTC key as the value of a datetime-local field, in Vietnam time."""
    if not utc_key:
        return ""
    return parse_utc_text(utc_key).astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M:%S")
