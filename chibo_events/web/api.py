"""The JSON API under /api/v1 (contract section 3). Views are thin: parse, store, respond."""

import json

from flask import Blueprint, jsonify, request

from ..catalogue import check_request
from ..access import Account
from ..errors import Forbidden, Invalid, Malformed, NotFound
from . import store
from .auth import current_account
from .params import bound_arg, int_arg

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_PAGE = 1000


def _json_body() -> dict:
    raw = request.get_data(cache=False)
    try:
        body = json.loads(raw, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        raise Malformed("Thân yêu cầu không phải JSON hợp lệ.") from None
    if not isinstance(body, dict):
        raise Malformed("Thân yêu cầu phải là một đối tượng JSON.")
    try:  # JSON may escape lone UTF-16 surrogates, which no UTF-8 text can hold
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise Malformed("Thân yêu cầu chứa ký tự không phải Unicode hợp lệ (surrogate lẻ).") from None
    return body


def _no_constants(name: str):
    raise ValueError(f"{name} is not JSON")


def account_for(cell: str, *, writing: bool) -> Account:
    """Return the account asking, if the cell exists and the account may read (or write) it."""
    account = current_account()
    if not store().book_exists(cell):
        raise NotFound(f"Không có chi bộ {cell!r}.", {"cell": cell})
    if writing and not account.may_write(cell):
        raise Forbidden(f"Bạn không được ghi vào sổ của chi bộ {cell!r}.")
    if not account.may_read(cell):
        raise Forbidden(f"Bạn không được xem sổ của chi bộ {cell!r}.")
    return account


@bp.post("/cells")
def register_cell():
    account = current_account()
    if not account.may_register_cells():
        raise Forbidden("Chỉ quản trị viên được mở sổ cho chi bộ mới.")
    body = _json_body()
    cell_id = body.pop("cell_id", None)
    if cell_id is None:
        raise Invalid("Thiếu mã chi bộ (cell_id).", {"cell_id": ["Thiếu trường bắt buộc."]})
    envelope = store().register_book(cell_id, body, account.username)
    return jsonify(envelope), 201


@bp.post("/cells/<cell>/events")
def append_event(cell: str):
    account = account_for(cell, writing=True)
    event = check_request(_json_body())
    envelope, created = store().append(cell, event, account.username)
    return jsonify(envelope), 201 if created else 200


@bp.get("/cells/<cell>/events")
def list_events(cell: str):
    account_for(cell, writing=False)
    args = request.args
    limit = int_arg("limit", 100, low=1, high=MAX_PAGE)
    events = store().page(
        cell,
        after_seq=int_arg("after_seq", 0, low=0),
        limit=limit,
        stream=args.get("stream") or None,
        type=args.get("type") or None,
        member=args.get("member") or None,
        since=bound_arg("from", end=False),
        until=bound_arg("to", end=True),
    )
    next_after_seq = events[-1]["seq"] if len(events) == limit else None
    return jsonify({"events": events, "next_after_seq": next_after_seq})
