"""Tamper evidence over the API: proofs a reader can check against the signed checkpoint, and who may ask."""

import json
import os
import stat

import pytest

from chibo_events import checkpoints, integrity, merkle, verify
from tests.books import CELL, CELL_DATA, post_book_with_meeting
from tests.integrity.tamper import drop_guards, sql

OTHER = "th-ky-tho-mn"
API = f"/api/v1/cells/{CELL}"


@pytest.fixture
def book(client, tokens):
    post_book_with_meeting(client, tokens.admin)  # 10 events


@pytest.fixture
def verifier(app):
    return app.extensions["chibo_store"].integrity.verifier


def hexes(values) -> list[bytes]:
    return [bytes.fromhex(v) for v in values]


def test_the_checkpoint_is_a_signed_note_over_the_whole_book(client, tokens, book, verifier):
    response = client.get(f"{API}/checkpoint", headers=tokens.inspector)
    assert response.status_code == 200 and response.mimetype == "text/plain"
    checkpoint = verifier.verify(response.get_data(as_text=True))
    assert (checkpoint.origin, checkpoint.size) == (f"chibo/{CELL}", 10)


def test_every_inclusion_proof_checks_against_the_signed_root(client, tokens, book, verifier):
    signed = verifier.verify(client.get(f"{API}/checkpoint", headers=tokens.inspector).get_data(as_text=True))
    events = client.get(f"{API}/events?limit=1000", headers=tokens.inspector).json["events"]
    for envelope in events:
        proof = client.get(f"{API}/proof/inclusion?seq={envelope['seq']}", headers=tokens.inspector).json
        leaf = bytes.fromhex(proof["leaf_hash"])
        assert leaf == integrity.leaf_hash(envelope)  # the reader recomputes the leaf from the event
        assert proof["size"] == 10 and bytes.fromhex(proof["root"]) == signed.root
        assert merkle.verify_inclusion(envelope["seq"] - 1, 10, leaf, hexes(proof["proof"]), signed.root)


def test_an_inclusion_proof_at_an_older_size_checks_against_that_root(client, tokens, book):
    proof = client.get(f"{API}/proof/inclusion?seq=2&size=5", headers=tokens.inspector).json
    root5 = client.get(f"{API}/proof/consistency?from=5&to=10", headers=tokens.inspector).json["root_from"]
    assert proof["root"] == root5 and proof["size"] == 5
    assert merkle.verify_inclusion(1, 5, bytes.fromhex(proof["leaf_hash"]), hexes(proof["proof"]), bytes.fromhex(root5))


@pytest.mark.parametrize("first, second", [(1, 10), (3, 7), (4, 8), (10, 10), (6, None)])
def test_consistency_proofs_show_the_book_only_grew(client, tokens, book, first, second):
    to = "" if second is None else f"&to={second}"
    proof = client.get(f"{API}/proof/consistency?from={first}{to}", headers=tokens.inspector).json
    assert merkle.verify_consistency(first, second or 10, bytes.fromhex(proof["root_from"]),
                                     bytes.fromhex(proof["root_to"]), hexes(proof["proof"]))


def test_an_inspector_checks_a_saved_checkpoint_against_a_later_one(client, tokens, book, verifier):
    """The inspector's routine: keep a checkpoint, later fetch the new one and a consistency proof."""
    old = verifier.verify(client.get(f"{API}/checkpoint", headers=tokens.inspector).get_data(as_text=True))
    client.post(f"{API}/events", headers=tokens.admin, json={
        "stream": "cell", "type": "MemberExempted", "data": {"member_id": "duong-thi-le", "reason": "Ốm"}})
    new = verifier.verify(client.get(f"{API}/checkpoint", headers=tokens.inspector).get_data(as_text=True))
    proof = client.get(f"{API}/proof/consistency?from={old.size}&to={new.size}", headers=tokens.inspector).json
    assert new.size == 11
    assert merkle.verify_consistency(old.size, new.size, old.root, new.root, hexes(proof["proof"]))


def test_verify_reports_an_intact_book(client, tokens, book):
    response = client.get(f"{API}/verify", headers=tokens.inspector)
    assert response.status_code == 200
    assert {k: response.json[k] for k in ("ok", "size", "first_bad_seq", "problems")} == {
        "ok": True, "size": 10, "first_bad_seq": None, "problems": []}
    assert len(response.json["root"]) == 64


def test_verify_reports_the_first_bad_seq_of_a_tampered_book(app, client, tokens, book):
    engine = app.extensions["chibo_store"].engine
    drop_guards(engine)
    sql(engine, "UPDATE events SET actor = 'mallory' WHERE book = :book AND seq = 6")
    body = client.get(f"{API}/verify", headers=tokens.inspector).json
    assert (body["ok"], body["first_bad_seq"]) == (False, 6)
    assert {"kind": "edited", "seq": 6} in [{"kind": p["kind"], "seq": p["seq"]} for p in body["problems"]]


def test_the_export_streams_a_bundle_that_verifies_offline(client, tokens, book, verifier, tmp_path):
    response = client.get(f"{API}/export", headers=tokens.inspector)
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    lines = response.get_data(as_text=True).splitlines()
    assert json.loads(lines[0])["book"] == CELL and json.loads(lines[0])["key"] == str(verifier)
    assert [json.loads(line)["seq"] for line in lines[1:11]] == list(range(1, 11))
    assert all("checkpoint" in json.loads(line) for line in lines[11:]) and len(lines) == 21
    path = tmp_path / "book.jsonl"
    path.write_text("\n".join(lines) + "\n")
    assert verify.main([str(path), "--key", str(verifier)]) == 0


@pytest.mark.parametrize("query, status", [
    ("proof/inclusion", 400),
    ("proof/inclusion?seq=abc", 400),
    ("proof/inclusion?seq=-1", 400),
    ("proof/inclusion?seq=1.5", 400),
    ("proof/inclusion?seq=٣", 400),
    ("proof/inclusion?seq=99999999999999999999999", 400),
    ("proof/inclusion?seq=" + "9" * 5000, 400),
    ("proof/inclusion?seq=0", 422),
    ("proof/inclusion?seq=11", 422),
    ("proof/inclusion?seq=3&size=2", 422),
    ("proof/inclusion?seq=1&size=11", 422),
    ("proof/inclusion?seq=1&size=0", 422),
    ("proof/consistency", 400),
    ("proof/consistency?from=x", 400),
    ("proof/consistency?from=0", 422),
    ("proof/consistency?from=5&to=4", 422),
    ("proof/consistency?from=5&to=11", 422),
])
def test_bad_proof_parameters_get_a_contract_error_not_a_500(client, tokens, book, query, status):
    response = client.get(f"{API}/{query}", headers=tokens.inspector)
    assert response.status_code == status
    assert set(response.json) == {"error", "message", "details"}


def test_a_proof_from_a_damaged_tree_is_a_409_not_a_500(app, client, tokens, book):
    engine = app.extensions["chibo_store"].engine
    drop_guards(engine)
    sql(engine, "DELETE FROM merkle_nodes WHERE book = :book AND level = 0 AND idx = 2")
    response = client.get(f"{API}/proof/inclusion?seq=3", headers=tokens.inspector)
    assert response.status_code == 409 and response.json["error"] == "integrity_broken"


ENDPOINTS = ["verify", "checkpoint", "proof/inclusion?seq=1", "proof/consistency?from=1", "export"]
WHO = {
    "nobody": (lambda t: {}, 401),
    "admin": (lambda t: t.admin, 200),
    "clerk of the cell": (lambda t: t.clerk(CELL), 200),
    "clerk of another cell": (lambda t: t.clerk(OTHER), 403),
    "inspector": (lambda t: t.inspector, 200),
    "member of the cell": (lambda t: t.member(CELL), 200),
    "member of another cell": (lambda t: t.member(OTHER), 403),
}


@pytest.mark.parametrize("who", WHO)
def test_the_evidence_is_for_whoever_may_read_the_book(client, tokens, book, who):
    client.post("/api/v1/cells", json={"cell_id": OTHER, **CELL_DATA}, headers=tokens.admin)
    headers, status = WHO[who][0](tokens), WHO[who][1]
    for endpoint in ENDPOINTS:
        response = client.get(f"{API}/{endpoint}", headers=headers)
        assert response.status_code == status, endpoint
        if status != 200:
            assert set(response.json) == {"error", "message", "details"}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_evidence_of_an_unknown_cell_is_a_404(client, tokens, endpoint):
    response = client.get(f"/api/v1/cells/khong-co/{endpoint}", headers=tokens.inspector)
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_the_app_signs_with_the_key_it_generated_once_into_instance(app):
    key_file = app.instance_path + "/signing_key.pem"
    with open(key_file, "rb") as file:
        signer = checkpoints.load_signer(file.read())
    assert signer.verifier == app.extensions["chibo_store"].integrity.verifier
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
