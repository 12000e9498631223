"""Tamper evidence over the JSON API (contract section 3): verify, checkpoint, proofs, export.

Anyone who may read a book may fetch its evidence: the point is that
readers need not trust the server. Views parse, ask `reading(cell).integrity`,
respond.
"""

from flask import Blueprint, Response, current_app, jsonify

from .. import answers
from ..checkpoints import CheckpointError
from ..checkpoints import parse as parse_note
from ..errors import Malformed, NotFound
from ..verify import Problem
from ..witness.cosignature import CosignatureVerifier
from ..witnessing import WitnessesError, check_witnessed, read_witnesses
from . import reading, store
from .api import account_for
from .limits import limit_api
from .params import ConsistencyQuery, InclusionQuery, VerifyQuery, parse

bp = Blueprint("integrity_api", __name__, url_prefix="/api/v1")
limit_api(bp)


@bp.get("/cells/<cell>/verify")
def verify_book(cell: str):
    account_for(cell, writing=False)
    try:
        given = parse(VerifyQuery).get("witness_key")
        keys = [CosignatureVerifier.from_string(given)] if given else []
    except CheckpointError as error:
        raise Malformed(f"witness_key: {error}", {"witness_key": [str(error)]}) from None
    report = reading(cell).verify(cell)
    if keys:
        listed = current_app.config.get("CHIBO_WITNESSES")
        try:
            urls = {w.name: w.url for w in read_witnesses(listed)} if listed else {}
        except (OSError, WitnessesError):
            urls = {}
        for key in keys:
            report.problems.extend(Problem(alarm.kind, None, alarm.message)
                                   # the primary: a witness may have cosigned a size the replica has not received yet
                                   for alarm in check_witnessed(store(), cell, key, urls.get(key.name))[1])
    return jsonify(report.as_json())


@bp.get("/cells/<cell>/checkpoint")
def latest_checkpoint(cell: str):
    account_for(cell, writing=False)
    note = reading(cell).integrity.checkpoint(cell)
    if note is None:
        raise NotFound(f"Sổ của chi bộ {cell!r} chưa có checkpoint đã ký.", {"cell": cell})
    # The witnesses' cosignatures of this very checkpoint follow the log's signature, as more note signatures.
    cosigned = reading(cell).witnessed.lines(cell, parse_note(note).size)
    return Response(note + "".join(cosigned), mimetype="text/plain")


@bp.get("/cells/<cell>/proof/inclusion")
def inclusion_proof(cell: str):
    account_for(cell, writing=False)
    query = parse(InclusionQuery)
    return jsonify(reading(cell).integrity.inclusion(cell, query["seq"], query.get("size")))


@bp.get("/cells/<cell>/proof/consistency")
def consistency_proof(cell: str):
    account_for(cell, writing=False)
    query = parse(ConsistencyQuery)
    return jsonify(reading(cell).integrity.consistency(cell, query["first"], query.get("second")))


@bp.get("/cells/<cell>/export")
def export_book(cell: str):
    account_for(cell, writing=False)
    # A generator: the bundle is streamed a page at a time.
    lines = reading(cell).integrity.export(cell, answers.people(reading(cell), cell))
    return Response(lines, mimetype="application/x-ndjson",
                    headers={"Content-Disposition": f'attachment; filename="{cell}.jsonl"'})
