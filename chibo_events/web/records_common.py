"""What the read pages share: their query parameters, with a message beside each bad field."""

from flask import request

from ..clock import VIETNAM
from ..errors import Malformed
from ..timestamps import parse_utc_text

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
    """The page's query parameters, parsed by params.py; a bad one becomes a message beside its field."""

    def __init__(self):
        self.errors: dict[str, str] = {}
        self.raw = request.args

    def parse(self, name: str, parser, *args, **kwargs):
        """Return parser(*args, **kwargs), or None with the field's error noted when it is malformed."""
        try:
            return parser(*args, **kwargs)
        except Malformed as error:
            self.errors[name] = FIELD_MESSAGES.get(name, error.message)
            return None

    @property
    def ok(self) -> bool:
        return not self.errors


def local_input(utc_key: str | None) -> str:
    """Return a UTC key as the value of a datetime-local field, in Vietnam time."""
    if not utc_key:
        return ""
    return parse_utc_text(utc_key).astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M:%S")
