"""The witness's check, answer by answer as c2sp.org/tlog-witness gives them, on its own database (both engines).

A log signs checkpoints of the book `chibo/th-ky-tho` over trees of made-up leaves; the witness trusts its key.
"""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chibo_events import checkpoints, merkle
from chibo_events.store.witness_state import WitnessState
from chibo_events.witness.cosignature import Cosigner
from chibo_events.witness.protocol import body

ORIGIN = "chibo/th-ky-tho"
LEAVES = [merkle.leaf_hash(bytes([i])) for i in range(40)]


@pytest.fixture
def log():
    return checkpoints.load_signer(checkpoints.new_private_key())


@pytest.fixture
def cosigner():
    return Cosigner(Ed25519PrivateKey.generate(), "ubkt.ky-tho.vn/witness")


@pytest.fixture
def witness(database_url, log):
    state = WitnessState.from_url(database_url)
    state.trust(str(log.verifier))
    yield state
    state.engine.dispose()


def note(log, size: int, leaves=LEAVES, origin: str = ORIGIN) -> str:
    return log.sign(origin, size, merkle.root(leaves[:size]))


def submit(witness, cosigner, log, old: int, size: int, leaves=LEAVES, proof=None):
    if proof is None:
        proof = merkle.consistency_proof(leaves[:size], old) if 0 < old < size else []
    return witness.add_checkpoint(body(old, proof, note(log, size, leaves)), cosigner)


def test_the_first_checkpoint_from_size_zero_is_cosigned_and_recorded(witness, cosigner, log):
    answer = submit(witness, cosigner, log, 0, 10)

    assert answer.status == 200
    cosigned = cosigner.verifier.cosigned(note(log, 10) + answer.body)
    assert (cosigned.checkpoint.size, cosigned.checkpoint.root) == (10, merkle.root(LEAVES[:10]))
    assert witness.latest(ORIGIN) == (10, merkle.root(LEAVES[:10]))


def test_a_tree_that_grew_consistently_is_cosigned(witness, cosigner, log):
    submit(witness, cosigner, log, 0, 10)

    assert submit(witness, cosigner, log, 10, 25).status == 200
    assert witness.latest(ORIGIN)[0] == 25


def test_an_old_size_that_is_not_the_witnessed_one_is_a_409_with_the_size_it_holds(witness, cosigner, log):
    submit(witness, cosigner, log, 0, 10)

    answer = submit(witness, cosigner, log, 7, 12)

    assert (answer.status, answer.body, answer.content_type) == (409, "10\n", "text/x.tlog.size")
    assert witness.latest(ORIGIN)[0] == 10


def test_a_smaller_tree_is_never_cosigned(witness, cosigner, log):
    submit(witness, cosigner, log, 0, 20)

    assert submit(witness, cosigner, log, 20, 12, proof=[]).status == 400  # old size above the checkpoint's
    assert submit(witness, cosigner, log, 0, 12).status == 409  # from scratch: it holds 20
    assert witness.latest(ORIGIN)[0] == 20


def test_a_forked_tree_is_refused_at_the_same_size_and_beyond(witness, cosigner, log):
    submit(witness, cosigner, log, 0, 10)
    forked = LEAVES[:5] + [merkle.leaf_hash(b"rewritten")] + LEAVES[6:]

    assert submit(witness, cosigner, log, 10, 10, leaves=forked).status == 409  # same size, another root
    grown = submit(witness, cosigner, log, 10, 15, leaves=forked)
    assert (grown.status, grown.body) == (422, "the consistency proof does not verify\n")
    assert witness.latest(ORIGIN) == (10, merkle.root(LEAVES[:10]))


def test_an_unknown_log_is_a_404_and_a_key_it_does_not_trust_a_403(witness, cosigner, log):
    assert witness.add_checkpoint(body(0, [], note(log, 3, origin="khac/th-ky-tho")), cosigner).status == 404
    stranger = checkpoints.load_signer(checkpoints.new_private_key())  # same log name, another key
    answer = witness.add_checkpoint(body(0, [], note(stranger, 3)), cosigner)
    assert answer.status == 403 and witness.latest(ORIGIN) == (0, None)


@pytest.mark.parametrize("sent", [b"", b"old 1\n", "old 0\n\nkhông phải checkpoint\n".encode()])
def test_a_malformed_request_is_a_400(witness, cosigner, sent):
    assert witness.add_checkpoint(sent, cosigner).status == 400


def test_a_proof_from_size_zero_must_be_empty(witness, cosigner, log):
    answer = witness.add_checkpoint(body(0, [LEAVES[0]], note(log, 3)), cosigner)
    assert answer.status == 422 and witness.latest(ORIGIN)[0] == 0


def test_a_restarted_witness_still_holds_what_it_cosigned(witness, cosigner, log, database_url):
    submit(witness, cosigner, log, 0, 20)

    again = WitnessState.from_url(database_url)
    try:
        assert again.latest(ORIGIN)[0] == 20
        assert submit(again, cosigner, log, 0, 12).status == 409
    finally:
        again.engine.dispose()


def test_the_witness_serves_the_last_checkpoint_it_cosigned_with_both_signatures(witness, cosigner, log):
    assert witness.cosigned_checkpoint(ORIGIN) is None
    submit(witness, cosigner, log, 0, 10)
    submit(witness, cosigner, log, 10, 14)

    served = witness.cosigned_checkpoint(ORIGIN)

    assert log.verifier.verify(served).size == 14 and cosigner.verifier.cosigned(served).checkpoint.size == 14
