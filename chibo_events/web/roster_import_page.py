"""The clerk's roster import page: upload a file, see every row with its member_id and errors, fix, import.

One address, three steps, all POSTed to it: a file sent ("upload"), the
edited rows re-checked ("check"), the rows imported ("import", all in one
batch or none, then back to the cell page with a notice). The rows travel in
the form itself, one input per cell of the preview, so nothing is kept on the
server between the steps. The checks are roster_api's, as the API makes them.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from .. import roster_import
from ..errors import ChiboError
from ..roster_import import MAX_ROWS, RosterRefused, RosterTooLarge, UnreadableRoster
from ..vocabulary import MEMBER_KINDS
from . import roster_api
from .api import account_for
from .errors import MESSAGES, error_page
from .limits import limit_api
from .pages import describe_cell

bp = Blueprint("roster_import_page", __name__)
limit_api(bp)  # the pages share the API's budget

TEMPLATE = "roster/import.html"
# What the preview's picker offers for `loại`, as a roster writes it (the row is read again from these words).
KIND_CHOICES = [MEMBER_KINDS.word("official"), MEMBER_KINDS.word("probationary"), "tạm thời"]


@bp.route("/cells/<cell>/roster/import", methods=["GET", "POST"])
def import_roster(cell: str):
    account = account_for(cell, writing=True)
    page = {"cell_id": cell, "cell": describe_cell(cell), "kinds": KIND_CHOICES, **_limits()}
    if request.method == "GET" or "closed" in page["cell"]:
        return render_template(TEMPLATE, **page)
    action = request.form.get("action", "upload")
    try:
        rows = _uploaded_rows() if action == "upload" else _edited_rows()
    except (UnreadableRoster, RosterTooLarge) as refusal:
        return render_template(TEMPLATE, **page, file_error=refusal.message), refusal.status
    checked = roster_api.check(cell, rows)
    if action == "import" and checked:
        try:
            stored = roster_api.append(cell, checked, account.username)
        except RosterRefused as refusal:  # a row's errors, or the book's own refusal of one row
            return _preview(page, checked, refusal), refusal.status
        flash(f"Đã nhập {len(stored)} đảng viên vào sổ (sự kiện số {stored[0]['seq']}–{stored[-1]['seq']}).")
        return redirect(url_for("pages.cell", cell=cell), code=303)
    return _preview(page, checked), 200 if not any(c.errors for c in checked) else 422


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge):
    """Say on the form why a body over the app's bound was refused: the CSRF check meets it before the view."""
    cell = (request.view_args or {}).get("cell", "")
    try:
        account_for(cell, writing=True)
    except ChiboError:  # whoever may not import learns nothing more of the page
        return error_page(413, MESSAGES[413])
    page = {"cell_id": cell, "cell": describe_cell(cell), "kinds": KIND_CHOICES, **_limits()}
    return render_template(TEMPLATE, **page, file_error=roster_import.too_large().message), 413


def _limits() -> dict:
    return {"max_mb": roster_import.MAX_BYTES // 1024 // 1024, "max_rows": f"{MAX_ROWS:,}".replace(",", ".")}


def _uploaded_rows() -> list[roster_import.Row]:
    roster_import.check_size(request.content_length)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise UnreadableRoster("Hãy chọn tệp danh sách (.xlsx hoặc .csv) trước khi bấm Xem trước.")
    return roster_import.read_file(upload.read(roster_import.MAX_BYTES + 1))


def _edited_rows() -> list[roster_import.Row]:
    """Return the rows of the preview form, r<i>-<field>, less those marked to drop."""
    found = []
    for i in range(MAX_ROWS + 1):
        if f"r{i}-number" not in request.form:
            break
        if request.form.get(f"r{i}-drop"):
            continue
        found.append({name: request.form.get(f"r{i}-{name}", "")
                      for name in ("number", *roster_import.FIELDS)})
    if not found:
        raise UnreadableRoster("Không còn dòng nào để nhập: hãy chọn lại tệp.")
    return roster_import.rows_from(found)


def _preview(page: dict, checked: list[roster_import.Checked], refusal: RosterRefused | None = None):
    # A refusal by the book adds its error to the row it names: show the rows as the refusal answers them.
    answered = refusal.details["rows"] if refusal is not None else [c.answer() for c in checked]
    rows = [{"row": c.row, "member_id": c.member_id, "errors": a["errors"], "kind": _kind_word(c.row.kind)}
            for c, a in zip(checked, answered, strict=True)]
    return render_template(TEMPLATE, **page, rows=rows, bad=sum(1 for r in rows if r["errors"]),
                           refusal=refusal.message if refusal is not None else None)


def _kind_word(written: str) -> str:
    """Return the picker's word for what the row says, or "" for a kind it does not know."""
    code = roster_import.parse_kind(written)
    return {"official": KIND_CHOICES[0], "probationary": KIND_CHOICES[1], "temporary": KIND_CHOICES[2]}.get(
        code or "", "")
