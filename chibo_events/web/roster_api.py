"""Roster import (contract §3 v1.1): a CSV or XLSX roster checked row by row, then appended all or none.

Thin: the file is read and checked by roster_import (pure), the book's members
come from the members read model, and the rows go to the store in one
append_batch, where the rules run under the book's lock. The page
(roster_import_page) uses the same two steps.
"""

import io
from datetime import UTC, datetime
from functools import cache

from flask import Blueprint, jsonify, request, send_file

from projections import members

from .. import answers, roster_import
from ..catalogue import check_request
from ..errors import ChiboError, Malformed
from ..roster_import import XLSX_MEDIA, Checked
from . import store
from .api import account_for
from .limits import limit_api
from .params import parse
from .roster_schemas import ImportQuery

bp = Blueprint("roster_api", __name__, url_prefix="/api/v1")
limit_api(bp)

CSV_MEDIA = "text/csv"
TEMPLATE_NAME = "mau-danh-sach-dang-vien"
# Later than any joining or leaving: who is on the roll once everything in the book has happened.
_AFTER_ALL = datetime.max.replace(tzinfo=UTC)


def book_roster(cell: str) -> dict:
    """Return what the rows are checked against: every member_id the book has given, and who is on the roll."""
    docs = store().read_models.docs(cell, members.NAME)
    on_roll = {member_id: found["full_name"] for member_id, doc in docs.items()
               if (found := members.member_at(doc, _AFTER_ALL)) and found["active"]}
    return {"taken": set(docs), "on_roll": on_roll}


def check(cell: str, rows: list[roster_import.Row]) -> list[Checked]:
    """Check rows against the cell's book as it is now, today in Vietnam."""
    return roster_import.check_rows(rows, **book_roster(cell), today=answers.today())


def append(cell: str, checked: list[Checked], actor: str) -> list[dict]:
    """Append every row's MemberJoined in one batch, or refuse naming each row's errors; return the envelopes."""
    if refusal := roster_import.refused(checked):
        raise refusal
    events = [check_request(body) for body in roster_import.requests(checked)]
    try:
        stored = store().append_batch(cell, events, actor)
    except ChiboError as error:
        raise roster_import.refused_by_the_book(checked, error) from None
    return [envelope for envelope, _ in stored]


def _sent_file() -> bytes:
    roster_import.check_size(request.content_length)  # before reading: Werkzeug's own 413 would not say why
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise Malformed("Thiếu tệp: hãy gửi tệp danh sách ở trường 'file'.", {"file": ["Thiếu tệp."]})
        return upload.read(roster_import.MAX_BYTES + 1)
    if request.mimetype in (CSV_MEDIA, XLSX_MEDIA):
        return request.get_data(cache=False)
    raise Malformed(f"Hãy gửi danh sách dạng {CSV_MEDIA} (UTF-8), {XLSX_MEDIA}, hoặc multipart/form-data "
                    "với tệp ở trường 'file'.", {"content_type": [request.mimetype or "(không có)"]})


@bp.post("/cells/<cell>/roster/import")
def import_roster(cell: str):
    account = account_for(cell, writing=True)
    dry_run = parse(ImportQuery)["dry_run"]
    checked = check(cell, roster_import.read_file(_sent_file()))
    if dry_run:
        return jsonify({"rows": [c.answer() for c in checked]})
    return jsonify({"events": append(cell, checked, account.username)}), 201


@cache
def _template(kind: str) -> bytes:
    return roster_import.template_xlsx() if kind == "xlsx" else roster_import.template_csv()


@bp.get("/cells/<cell>/roster/template.xlsx")
def roster_template_xlsx(cell: str):
    account_for(cell, writing=False)  # it holds no cell data; whoever may read the cell may have it
    return send_file(io.BytesIO(_template("xlsx")), mimetype=XLSX_MEDIA, as_attachment=True,
                     download_name=f"{TEMPLATE_NAME}.xlsx")


@bp.get("/cells/<cell>/roster/template.csv")
def roster_template_csv(cell: str):
    account_for(cell, writing=False)
    return send_file(io.BytesIO(_template("csv")), mimetype=CSV_MEDIA, as_attachment=True,
                     download_name=f"{TEMPLATE_NAME}.csv")
