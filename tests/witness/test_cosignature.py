"""cosignature/v1 as c2sp.org/tlog-cosignature gives it: the specification's own example, and our round trip."""

import base64
import struct

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chibo_events.checkpoints import CheckpointError
from chibo_events.witness.cosignature import CosignatureVerifier, Cosigner, key_id, message
from chibo_events.witness.protocol import BadRequest, body, parse

# The checkpoint and cosignature line of the specification's example (tlog-cosignature, "Format" and its
# "Ed25519 signed message", which names the same time).
SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
SPEC_LINE = ("— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1n"
             "PZqhf5nNo0xUe+mbIUBkBIfZ+qnA==")
SPEC_MESSAGE = ("cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
                "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")


def test_the_specifications_cosignature_is_a_key_id_a_big_endian_time_and_an_ed25519_signature():
    raw = base64.b64decode(SPEC_LINE.split(" ")[2])
    assert len(raw) == 4 + 8 + 64
    assert struct.unpack(">Q", raw[4:12]) == (1679315147,)  # the time of the specification's signed message


def test_the_signed_message_is_the_specifications_byte_for_byte():
    assert message(SPEC_BODY, 1679315147) == SPEC_MESSAGE.encode()


def test_a_cosignature_made_here_verifies_and_carries_its_time():
    cosigner = Cosigner(Ed25519PrivateKey.generate(), "ubkt.ky-tho.vn/witness")
    line = cosigner.cosign(SPEC_BODY, 1679315147)

    verifier = CosignatureVerifier.from_string(str(cosigner.verifier))
    cosigned = verifier.cosigned(SPEC_BODY + "\n" + line)

    assert (cosigned.timestamp, cosigned.checkpoint.size, cosigned.line) == (1679315147, 20852163, line)
    name, hex_id, key = str(verifier).split("+", 2)
    assert (name, hex_id) == ("ubkt.ky-tho.vn/witness", key_id(name, verifier.public_key).hex())
    assert base64.b64decode(key) == b"\x04" + verifier.public_key  # 0x04: the cosignature/v1 key type


def test_a_cosignature_on_another_checkpoint_or_by_another_key_does_not_verify():
    cosigner = Cosigner(Ed25519PrivateKey.generate(), "w.example/a")
    line = cosigner.cosign(SPEC_BODY, 1679315147)
    other_body = SPEC_BODY.replace("20852163", "20852164")
    with pytest.raises(CheckpointError, match="không đúng"):
        cosigner.verifier.cosigned(other_body + "\n" + line)
    stranger = Cosigner(Ed25519PrivateKey.generate(), "w.example/a")
    with pytest.raises(CheckpointError, match="không có chữ ký"):
        stranger.verifier.cosigned(SPEC_BODY + "\n" + line)  # same name, another key: another key id


def test_a_log_key_is_not_taken_for_a_witness_key():
    with pytest.raises(CheckpointError, match="0x04"):
        CosignatureVerifier.from_string("chibo+1a2b3c4d+" + base64.b64encode(b"\x01" + bytes(32)).decode())


def test_an_add_checkpoint_body_reads_back_as_written():
    proof = [bytes([i]) * 32 for i in range(3)]
    note = SPEC_BODY + "\n— example.com/behind-the-sofa AAAA\n"

    asked = parse(body(20852014, proof, note))

    assert (asked.old_size, asked.proof, asked.note) == (20852014, proof, note)


@pytest.mark.parametrize("wrong", [b"old 012\n\n", b"new 1\n\n", b"old 1\nnot base64\n\n", b"old 1\n",
                                   b"old 1\n" + b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" * 64 + b"\n"])
def test_a_malformed_body_is_refused(wrong):
    with pytest.raises(BadRequest):
        parse(wrong)
