"""The log's side of witnessing, in the app: the witnesses file, `GET /checkpoint` with the cosignatures, and
`chibo verify --witness-key` on what the log kept (a witness in this process: its check is tested on its own)."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chibo_events.checkpoints import parse
from chibo_events.store.witness_state import WitnessState
from chibo_events.witness.cosignature import Cosigner
from chibo_events.witnessing import Witness, WitnessesError, read_witnesses, submit_book
from tests.books import CELL, book_with_meeting
from tests.integrity.tamper import drop_guards, truncate

NAME = "ubkt.ky-tho.vn/witness"


@pytest.fixture
def cosigner():
    return Cosigner(Ed25519PrivateKey.generate(), NAME)


@pytest.fixture
def witnessed(app, cosigner, tmp_path):
    """The test book, its checkpoint of size 10 cosigned by a witness whose answers come straight from its state."""
    store = app.extensions["chibo_store"]
    book_with_meeting(store)
    state = WitnessState.from_url(f"sqlite:///{tmp_path / 'witness.sqlite3'}")
    state.trust(str(store.integrity.verifier_of(CELL)))

    def post(url, body):
        answer = state.add_checkpoint(body, cosigner)
        return answer.status, answer.body

    assert submit_book(store, CELL, Witness(NAME, cosigner.verifier, "http://w.invalid"), post) == "cosigned 10"
    return store


def test_the_checkpoint_the_api_serves_carries_the_witness_cosignature(client, tokens, witnessed, cosigner):
    note = client.get(f"/api/v1/cells/{CELL}/checkpoint", headers=tokens.inspector).get_data(as_text=True)

    assert cosigner.verifier.cosigned(note).checkpoint == parse(note)
    assert witnessed.integrity.verifier_of(CELL).verify(note).size == 10  # the log's own signature still holds


def test_verify_with_the_witness_key_passes_an_intact_book_and_names_a_rollback(runner, witnessed, cosigner):
    intact = runner.invoke(args=["chibo", "verify", "--witness-key", str(cosigner.verifier)])
    assert intact.exit_code == 0, intact.output
    assert f"nhân chứng {NAME} đã đồng ký 10 bản ghi, khớp với sổ" in intact.output

    drop_guards(witnessed.engine)
    truncate(witnessed.engine, 6, checkpoints_too=True)  # inside the database everything agrees again

    rolled = runner.invoke(args=["chibo", "verify", "--witness-key", str(cosigner.verifier)])
    assert rolled.exit_code == 1
    assert f"{CELL}: rollback: nhân chứng {NAME} đã đồng ký 10 bản ghi, sổ hiện chỉ có 6" in rolled.output


def test_a_bad_witness_key_is_a_usage_error(runner, witnessed):
    answer = runner.invoke(args=["chibo", "verify", "--witness-key", "khong-phai-khoa"])
    assert answer.exit_code == 2 and "--witness-key" in answer.output


def test_submitting_without_witnesses_says_what_to_set(runner, witnessed):
    answer = runner.invoke(args=["chibo", "witness", "submit"])
    assert answer.exit_code == 2 and "CHIBO_WITNESSES" in answer.output


def test_the_witnesses_file_is_read_and_a_bad_line_named(tmp_path, cosigner):
    good = tmp_path / "witnesses"
    good.write_text(f"# the committee's witness\n{NAME} {cosigner.verifier} http://127.0.0.1:7380/\n", "utf-8")
    [witness] = read_witnesses(good)
    assert (witness.name, str(witness.key), witness.url) == (NAME, str(cosigner.verifier), "http://127.0.0.1:7380")

    bad = tmp_path / "bad"
    bad.write_text(f"{NAME} {cosigner.verifier}\n", "utf-8")
    with pytest.raises(WitnessesError, match="dòng 1"):
        read_witnesses(bad)
    other = tmp_path / "other"
    other.write_text(f"khac.vn/w {cosigner.verifier} http://127.0.0.1:7380\n", "utf-8")
    with pytest.raises(WitnessesError, match="không phải tên trong khóa"):
        read_witnesses(other)


def _offline(*words: str) -> tuple[int, str]:
    """Run the offline verifier (python -m chibo_events.verify) in this process, capturing what it prints."""
    import contextlib
    import io

    from chibo_events import verify

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = verify.main(list(words))
    return code, out.getvalue()


def test_the_bundle_carries_the_cosignatures_and_the_offline_verifier_checks_them(runner, witnessed, cosigner,
                                                                                  tmp_path):
    bundle = tmp_path / "book.jsonl"
    assert runner.invoke(args=["chibo", "export", "--cell", CELL, "-o", str(bundle)]).exit_code == 0
    assert '{"cosignature":{"witness":"ubkt.ky-tho.vn/witness","size":10,' in bundle.read_text("utf-8")
    key = str(witnessed.integrity.verifier_of(CELL))

    assert _offline(str(bundle), "--key", key, "--witness-key", str(cosigner.verifier))[0] == 0

    forged = tmp_path / "forged.jsonl"  # the cosignature line of another witness key
    stranger = Cosigner(Ed25519PrivateKey.generate(), NAME)
    lines = bundle.read_text("utf-8").splitlines(keepends=True)
    lines[-1] = lines[-1].replace(lines[-1].split('"line":"')[1].split("\\n")[0],
                                  stranger.cosign("x\n", 1).rstrip("\n"))
    forged.write_text("".join(lines), "utf-8")
    code, said = _offline(str(forged), "--key", key, "--witness-key", str(cosigner.verifier))
    assert code == 1 and "fork" in said


def test_offline_a_bundle_smaller_than_a_cosigned_checkpoint_kept_earlier_is_a_rollback(
        client, tokens, runner, witnessed, cosigner, tmp_path):
    saved = tmp_path / "saved.txt"  # GET /checkpoint, with the witness's cosignature, kept by an inspector
    saved.write_text(client.get(f"/api/v1/cells/{CELL}/checkpoint", headers=tokens.inspector).get_data(as_text=True))
    drop_guards(witnessed.engine)
    truncate(witnessed.engine, 6, checkpoints_too=True)
    with witnessed.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM cosignatures")  # the older copy knew no cosignature
    bundle = tmp_path / "book.jsonl"
    assert runner.invoke(args=["chibo", "export", "--cell", CELL, "-o", str(bundle)]).exit_code == 0

    code, said = _offline(str(bundle), "--key", str(witnessed.integrity.verifier_of(CELL)),
                          "--witness-key", str(cosigner.verifier), "--checkpoint", str(saved))

    assert code == 1
    assert f"Nhân chứng {NAME} đã đồng ký 10 bản ghi, gói chỉ có 6: sổ đã bị quay lui." in said


def test_the_audit_page_and_the_committee_overview_show_the_witnessed_size_and_a_rollback(
        client, tokens, witnessed, cosigner, tmp_path):
    audit = client.get(f"/cells/{CELL}/audit", headers=tokens.inspector).get_data(as_text=True)
    assert f"Nhân chứng <strong>{NAME}</strong> đã đồng ký sổ đến 10 bản ghi (cả sổ)." in audit
    overview = client.get("/api/v1/committees/dang-bo-xa-ky-tho/overview", headers=tokens.inspector).json
    assert [(c["witnessed_size"], c["witness_alarms"]) for c in overview["cells"]] == [(10, [])]

    drop_guards(witnessed.engine)
    truncate(witnessed.engine, 6, checkpoints_too=True)
    with witnessed.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM cosignatures")  # restored from an older copy
    state = WitnessState.from_url(f"sqlite:///{tmp_path / 'witness.sqlite3'}")  # the same witness, which holds 10

    def post(url, body):
        answer = state.add_checkpoint(body, cosigner)
        return answer.status, answer.body

    assert submit_book(witnessed, CELL, Witness(NAME, cosigner.verifier, "http://w.invalid"), post) == \
        "refused 409 (holds 10)"

    said = f"Nhân chứng {NAME} đã đồng ký 10 bản ghi, sổ chỉ có 6: sổ đã bị quay lui."
    assert f"CẢNH BÁO: {said}" in client.get(f"/cells/{CELL}/audit", headers=tokens.inspector).get_data(as_text=True)
    overview = client.get("/api/v1/committees/dang-bo-xa-ky-tho/overview", headers=tokens.inspector).json
    assert overview["cells"][0]["witness_alarms"] == [said]
    page = client.get("/committees/dang-bo-xa-ky-tho", headers=tokens.inspector).get_data(as_text=True)
    assert "Nhân chứng báo động" in page


def test_the_verify_endpoint_takes_a_witness_key_and_names_a_rollback(client, tokens, witnessed, cosigner):
    path = f"/api/v1/cells/{CELL}/verify"
    intact = client.get(path, query_string={"witness_key": str(cosigner.verifier)}, headers=tokens.inspector).json
    assert intact["ok"]
    drop_guards(witnessed.engine)
    truncate(witnessed.engine, 6, checkpoints_too=True)

    rolled = client.get(path, query_string={"witness_key": str(cosigner.verifier)}, headers=tokens.inspector).json

    kinds = [p["kind"] for p in rolled["problems"]]
    assert not rolled["ok"] and kinds[-1] == "rollback"  # after the read models' own complaint of the cut
    assert set(kinds) == {"read_model", "rollback"}
    bad = client.get(path, query_string={"witness_key": "khong-phai"}, headers=tokens.inspector)
    assert (bad.status_code, bad.json["error"]) == (400, "malformed")


def test_a_book_cut_back_below_a_cosignature_the_log_kept_raises_the_alarm_without_asking(
        client, tokens, witnessed, cosigner):
    drop_guards(witnessed.engine)
    truncate(witnessed.engine, 6, checkpoints_too=True)  # the cosignature of 10 stays in the log's database

    def unreachable(url, body):
        raise OSError("nobody home")

    happened = submit_book(witnessed, CELL, Witness(NAME, cosigner.verifier, "http://w.invalid"), unreachable)

    assert happened == "rolled back: cosigned 10, the book has 6"
    said = f"Nhân chứng {NAME} đã đồng ký 10 bản ghi, sổ chỉ có 6: sổ đã bị quay lui."
    assert f"CẢNH BÁO: {said}" in client.get(f"/cells/{CELL}/audit", headers=tokens.inspector).get_data(as_text=True)
