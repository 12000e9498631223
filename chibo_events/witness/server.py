"""The witness's HTTP face: `POST /add-checkpoint` (c2sp.org/tlog-witness), and its key at `GET /`."""

from flask import Flask, Response, request

from .cosignature import Cosigner
from .state import WitnessState

MAX_BODY = 64 * 1024  # 63 proof lines and a checkpoint with its signatures fit many times over


def create_witness_app(state: WitnessState, cosigner: Cosigner) -> Flask:
    app = Flask("chibo_witness")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    @app.post("/add-checkpoint")
    def add_checkpoint():
        answer = state.add_checkpoint(request.get_data(cache=False), cosigner)
        return Response(answer.body, status=answer.status, content_type=answer.content_type)

    @app.get("/")
    def about():
        return Response(f"chibo witness\n{cosigner.verifier}\n", content_type="text/plain; charset=utf-8")

    return app
