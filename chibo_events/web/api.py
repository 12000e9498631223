"""The JSON API under /api/v1 (contract section 3). Views are thin: parse, store, respond."""

import json

from flask import Blueprint, jsonify, request
from marshmallow import ValidationError

from ..access import Account
from ..catalogue import check_request
from ..errors import ChiboError, Forbidden, Invalid, Malformed, NotFound
from . import openapi, reading, store
from .api_schemas import Batch, NewCell
from .auth import current_account
from .limits import limit_api
from .params import EventsQuery, is_slug, parse

bp = Blueprint("api", __name__, url_prefix="/api/v1")
limit_api(bp)


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
    # A path that cannot be a cell id is not looked up: PostgreSQL refuses NUL in text with an error.
    if not is_slug(cell) or not store().book_exists(cell):
        raise NotFound(f"Không có chi bộ {cell[:80]!r}.", {"cell": cell[:80]})
    if writing and not account.may_write(cell):
        raise Forbidden(f"Bạn không được ghi vào sổ của chi bộ {cell!r}.")
    if not account.may_read(cell):
        raise Forbidden(f"Bạn không được xem sổ của chi bộ {cell!r}.")
    return account


@bp.get("/openapi.json")
def openapi_description():
    return jsonify(openapi.description())


@bp.post("/cells")
def register_cell():
    account = current_account()
    if not account.may_register_cells():
        raise Forbidden("Chỉ quản trị viên được mở sổ cho chi bộ mới.")
    try:
        cell = NewCell().load(_json_body())
    except ValidationError as error:
        raise Invalid("Yêu cầu mở sổ không hợp lệ.", _as_stored(error.messages)) from None
    cell_id = cell.pop("cell_id")
    envelope = store().register_book(cell_id, cell, account.username)
    return jsonify(envelope), 201


def _as_stored(messages: dict) -> dict:
    """Name bad fields as the book will hold them: the id beside, the CellRegistered fields under `data`."""
    details = {"cell_id": messages["cell_id"]} if "cell_id" in messages else {}
    data = {name: problem for name, problem in messages.items() if name != "cell_id"}
    return {**details, "data": data} if data else details


@bp.post("/cells/<cell>/events")
def append_event(cell: str):
    account = account_for(cell, writing=False)
    if not account.may_write(cell) and account.member is None:
        raise Forbidden(f"Bạn không được ghi vào sổ của chi bộ {cell!r}.")
    event = check_request(_json_body())
    # A member signs the minutes it chaired or wrote, from its own account; nothing else (rules.py: signer).
    if not account.may_append(cell, event.type):
        raise Forbidden(f"Bạn không được ghi vào sổ của chi bộ {cell!r}.")
    envelope, created = store().append(cell, event, account.username)
    return jsonify(envelope), 201 if created else 200


@bp.post("/cells/<cell>/events/batch")
def append_batch(cell: str):
    account = account_for(cell, writing=True)
    try:
        bodies = Batch().load(_json_body())["events"]
    except ValidationError as error:
        raise Invalid("Lô sự kiện không hợp lệ.", error.messages) from None
    events = []
    for index, body in enumerate(bodies):
        try:
            events.append(check_request(body))
        except ChiboError as error:
            raise error.at_index(index) from None
    stored = store().append_batch(cell, events, account.username)
    created = any(new for _, new in stored)
    return jsonify({"events": [envelope for envelope, _ in stored]}), 201 if created else 200


@bp.get("/cells/<cell>/events")
def list_events(cell: str):
    account_for(cell, writing=False)
    query = parse(EventsQuery)
    events = reading(cell).page(cell, **query)
    next_after_seq = events[-1]["seq"] if len(events) == query["limit"] else None
    return jsonify({"events": events, "next_after_seq": next_after_seq})
