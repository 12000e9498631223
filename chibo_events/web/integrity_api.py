"""Tamper evidence over the JSON API (contract section 3): verify, checkpoint, proofs, export.

Anyone who may read a book may fetch its evidence: the point is that
readers need not trust the server. Views parse, ask `store().integrity`,
respond.
"""

from flask import Response, jsonify, request

from ..errors import Malformed, NotFound
from . import store
from .api import _account_for, bp

LARGEST = 2**62


@bp.get("/cells/<cell>/verify")
def verify_book(cell: str):
    _account_for(cell, writing=False)
    return jsonify(store().integrity.verify(cell).as_json())


@bp.get("/cells/<cell>/checkpoint")
def latest_checkpoint(cell: str):
    _account_for(cell, writing=False)
    note = store().integrity.checkpoint(cell)
    if note is None:
        raise NotFound(f"Sổ của chi bộ {cell!r} chưa có checkpoint đã ký.", {"cell": cell})
    return Response(note, mimetype="text/plain")


@bp.get("/cells/<cell>/proof/inclusion")
def inclusion_proof(cell: str):
    _account_for(cell, writing=False)
    return jsonify(store().integrity.inclusion(cell, _int_param("seq"), _int_param("size", required=False)))


@bp.get("/cells/<cell>/proof/consistency")
def consistency_proof(cell: str):
    _account_for(cell, writing=False)
    return jsonify(store().integrity.consistency(cell, _int_param("from"), _int_param("to", required=False)))


@bp.get("/cells/<cell>/export")
def export_book(cell: str):
    _account_for(cell, writing=False)
    lines = store().integrity.export(cell)  # a generator: the bundle is streamed a page at a time
    return Response(lines, mimetype="application/x-ndjson",
                    headers={"Content-Disposition": f'attachment; filename="{cell}.jsonl"'})


def _int_param(name: str, *, required: bool = True) -> int | None:
    raw = request.args.get(name)
    if raw in (None, ""):
        if required:
            raise Malformed(f"Thiếu tham số {name}.", {name: None})
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or int(raw) > LARGEST:  # int() of 4,300+ digits raises
        raise Malformed(f"Tham số {name} phải là số nguyên dương.", {name: raw})
    return int(raw)
