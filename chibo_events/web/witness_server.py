"""The witness's HTTP face: `POST /add-checkpoint` (c2sp.org/tlog-witness); `GET /checkpoint?origin=` the last
checkpoint it cosigned for a log, with its cosignature (for inspectors); its key at `GET /`."""

from flask import Flask, Response, request

from ..store.witness_state import WitnessState
from ..witness.cosignature import Cosigner

MAX_BODY = 64 * 1024  # 63 proof lines and a checkpoint with its signatures fit many times over


def create_witness_app(state: WitnessState, cosigner: Cosigner) -> Flask:
    app = Flask("chibo_witness")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    @app.post("/add-checkpoint")
    def add_checkpoint():
        answer = state.add_checkpoint(request.get_data(cache=False), cosigner)
        return Response(answer.body, status=answer.status, content_type=answer.content_type)

    @app.get("/checkpoint")
    def cosigned():
        found = state.cosigned_checkpoint(request.args.get("origin", ""))
        if found is None:
            return Response("no checkpoint cosigned for this origin\n", status=404, content_type="text/plain")
        return Response(found, content_type="text/plain; charset=utf-8")

    @app.get("/")
    def about():
        return Response(f"chibo witness\n{cosigner.verifier}\n", content_type="text/plain; charset=utf-8")

    return app
