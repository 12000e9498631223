"""Signed checkpoints: C2SP signed notes, byte for byte as other implementations write them."""

import base64

import pytest

from chibo_events import checkpoints, merkle
from chibo_events.checkpoints import BadSignature, CheckpointError, NotSignedByKey, Signer, Verifier

# The example key and note of the Go reference implementation (golang.org/x/mod/sumdb/note).
GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
GO_NOTE = GO_TEXT + (
    "\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")

ROOT = merkle.root([merkle.leaf_hash(b"a"), merkle.leaf_hash(b"b")])


def test_our_signer_writes_the_go_reference_note_byte_for_byte():
    signer = checkpoints.load_signer(GO_SKEY.encode())
    assert str(signer.verifier) == GO_VKEY
    assert signer.sign_text(GO_TEXT) == GO_NOTE


def test_the_go_reference_note_opens_with_its_verifier_key_and_not_when_changed():
    verifier = Verifier.from_string(GO_VKEY)
    assert verifier.open(GO_NOTE) == GO_TEXT
    with pytest.raises(BadSignature):
        verifier.open(GO_NOTE.replace("cryptography", "cryptographY"))


def test_a_checkpoint_carries_origin_size_and_base64_root(signer):
    note = signer.sign("chibo/th-ky-tho", 2, ROOT)
    text = f"chibo/th-ky-tho\n2\n{base64.b64encode(ROOT).decode()}\n"
    assert note.startswith(text + "\n— chibo ")
    checkpoint = signer.verifier.verify(note)
    assert (checkpoint.origin, checkpoint.book, checkpoint.size) == ("chibo/th-ky-tho", "th-ky-tho", 2)
    assert checkpoint.root == ROOT


def test_signing_is_deterministic_so_an_import_reproduces_checkpoints(signer):
    assert signer.sign("chibo/th-ky-tho", 2, ROOT) == signer.sign("chibo/th-ky-tho", 2, ROOT)


def test_the_verifier_key_string_round_trips(signer):
    text = str(signer.verifier)
    name, key_id, _ = text.split("+", 2)
    assert name == "chibo" and len(key_id) == 8
    assert Verifier.from_string(text) == signer.verifier


@pytest.mark.parametrize("change", ["size", "root", "origin"])
def test_a_changed_checkpoint_fails_its_signature(signer, change):
    note = signer.sign("chibo/th-ky-tho", 2, ROOT)
    changed = {
        "size": note.replace("\n2\n", "\n3\n", 1),
        "root": note.replace(base64.b64encode(ROOT).decode(), base64.b64encode(bytes(32)).decode()),
        "origin": note.replace("chibo/th-ky-tho", "chibo/other"),
    }[change]
    with pytest.raises(BadSignature):
        signer.verifier.verify(changed)


def test_a_checkpoint_by_another_key_is_not_signed_by_ours(signer):
    other = checkpoints.load_signer(checkpoints.new_private_key())
    with pytest.raises(NotSignedByKey):
        signer.verifier.verify(other.sign("chibo/th-ky-tho", 2, ROOT))


def test_a_signature_with_our_name_but_a_forged_key_id_is_not_ours(signer):
    note = signer.sign("chibo/th-ky-tho", 2, ROOT)
    text, signatures = checkpoints.split_note(note)
    forged = base64.b64encode(b"\0\0\0\0" + signatures[0].signature).decode()
    with pytest.raises(NotSignedByKey):
        signer.verifier.verify(f"{text}\n— chibo {forged}\n")


def test_the_note_the_malformed_ones_are_made_from_parses():
    assert checkpoints.parse("chibo/x\n1\n" + "A" * 43 + "=\n\n— chibo AAAAAAAA\n").size == 1


@pytest.mark.parametrize("note", [
    "",
    "chibo/x\n1\n",
    "chibo/x\n1\nAAAA\n\n— chibo AAAAAAAA\n",  # a root of 3 bytes
    "chibo/x\n01\n" + "A" * 43 + "=\n\n— chibo AAAAAAAA\n",  # a size with a leading zero
    "chibo/x\n1\n" + "A" * 43 + "=\n\n- chibo AAAAAAAA\n",  # a hyphen, not an em dash
    "chibo/x\n1\n" + "A" * 43 + "=\n\n— chibo !!!\n",  # a signature that is not base64
    "chibo/x\r\n1\n" + "A" * 43 + "=\n\n— chibo AAAAAAAA\n",  # a carriage return
    "chibo/x\n1\n" + "A" * 43 + "=\n\n— chibo AAAA\n",  # a signature shorter than a key id
])
def test_malformed_notes_are_refused_before_any_signature_is_looked_at(note):
    with pytest.raises(CheckpointError) as refused:
        checkpoints.parse(note)
    assert type(refused.value) is CheckpointError


@pytest.mark.parametrize("key", [
    GO_VKEY.replace("c74f20a3", "c74f20a4"),
    GO_VKEY[:-4],
    "PeterNeumann+c74f20a3",
    "a b+c74f20a3+" + GO_VKEY.split("+", 2)[2],
])
def test_malformed_verifier_keys_are_refused(key):
    with pytest.raises(CheckpointError):
        Verifier.from_string(key)


@pytest.mark.parametrize("content", [b"", b"not a key", b"PRIVATE+KEY+x+00000000+AAAA"])
def test_malformed_signing_keys_are_refused(content):
    with pytest.raises(CheckpointError):
        checkpoints.load_signer(content)


def test_a_pem_key_of_another_kind_is_refused():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with pytest.raises(CheckpointError, match="Ed25519"):
        checkpoints.load_signer(pem)


def test_a_generated_key_is_pem_and_loads_back_to_the_same_verifier():
    pem = checkpoints.new_private_key()
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert checkpoints.load_signer(pem).verifier == checkpoints.load_signer(pem).verifier
    assert isinstance(checkpoints.load_signer(pem), Signer)
