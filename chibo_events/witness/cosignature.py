"""Ed25519 `cosignature/v1` (c2sp.org/tlog-cosignature): a witness's timestamped signature on a checkpoint.

    — <witness name> base64(key id || u64 timestamp, big-endian || Ed25519 signature)

The key id is SHA-256(name || "\\n" || 0x04 || public key)[:4]; the signed message is the header line
`cosignature/v1`, the line `time <timestamp>` and the checkpoint's whole note body (its final newline
included, no signature lines). The verifier key is `<name>+<hex key id>+<base64(0x04 || public key)>`.

Written by hand over `cryptography`: the Go packages (golang.org/x/mod/sumdb/note, filippo.io/torchwood) have no
Python counterpart, and the format is a few lines; the tests hold it to the specification's own example.
Pure, as checkpoints.py is: the offline verifier uses it.
"""

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..checkpoints import DASH, KEY_NAME, Checkpoint, CheckpointError, parse_checkpoint, split_note

COSIGNATURE_V1 = b"\x04"
HEADER = "cosignature/v1\n"
MAX_TIMESTAMP = 2**63 - 1


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + COSIGNATURE_V1 + public_key).digest()[:4]


def message(text: str, timestamp: int) -> bytes:
    """Return what a cosignature signs: the header, the time line, then the checkpoint's note body."""
    return f"{HEADER}time {timestamp}\n{text}".encode()


@dataclass(frozen=True)
class Cosigned:
    """A checkpoint a witness cosigned, and when."""

    checkpoint: Checkpoint
    timestamp: int
    line: str


class CosignatureVerifier:
    """A witness's public key, as the log and inspectors hold it."""

    def __init__(self, name: str, public_key: bytes):
        if not KEY_NAME.fullmatch(name) or len(public_key) != 32:
            raise CheckpointError("Khóa của nhân chứng gồm tên (không có dấu cách hay '+') và khóa Ed25519 32 byte.")
        self.name, self.public_key = name, public_key
        self.key_id = key_id(name, public_key)
        self._key = Ed25519PublicKey.from_public_bytes(public_key)

    @classmethod
    def from_string(cls, text: str) -> "CosignatureVerifier":
        """Read `<name>+<hex key id>+<base64(0x04 || public key)>`."""
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise CheckpointError("Khóa của nhân chứng có dạng <tên>+<mã khóa>+<khóa base64>.")
        name, hex_id, encoded = parts
        try:
            raw, wanted = base64.b64decode(encoded, validate=True), bytes.fromhex(hex_id)
        except (binascii.Error, ValueError):
            raise CheckpointError("Mã khóa hoặc khóa trong khóa của nhân chứng không hợp lệ.") from None
        if raw[:1] != COSIGNATURE_V1 or len(raw) != 33:
            raise CheckpointError("Khóa của nhân chứng không phải khóa cosignature/v1 (Ed25519, 0x04).")
        verifier = cls(name, raw[1:])
        if verifier.key_id != wanted:
            raise CheckpointError("Mã khóa không khớp với tên và khóa của nhân chứng.")
        return verifier

    def __str__(self) -> str:
        return f"{self.name}+{self.key_id.hex()}+{base64.b64encode(COSIGNATURE_V1 + self.public_key).decode()}"

    def cosigned(self, note: str) -> Cosigned:
        """Return the checkpoint and time of this witness's cosignature on the note; raise CheckpointError if none
        holds (signature lines of other keys are ignored, as the specification asks)."""
        text, signatures = split_note(note)
        mine = [s for s in signatures if s.name == self.name and s.key_id == self.key_id]
        if not mine:
            raise CheckpointError(f"Checkpoint không có chữ ký đồng xác nhận của nhân chứng {self.name}.")
        for signature in mine:
            if len(signature.signature) != 8 + 64:
                continue
            (timestamp,) = struct.unpack(">Q", signature.signature[:8])
            if timestamp > MAX_TIMESTAMP:
                continue
            try:
                self._key.verify(signature.signature[8:], message(text, timestamp))
            except InvalidSignature:
                continue
            line = f"{DASH}{self.name} {base64.b64encode(self.key_id + signature.signature).decode()}\n"
            return Cosigned(parse_checkpoint(text), timestamp, line)
        raise CheckpointError(f"Chữ ký đồng xác nhận của nhân chứng {self.name} không đúng.")


class Cosigner:
    """A witness's private key: it cosigns checkpoints under its name."""

    def __init__(self, private_key: Ed25519PrivateKey, name: str):
        public = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self._key = private_key
        self.verifier = CosignatureVerifier(name, public)

    @classmethod
    def from_pem(cls, content: bytes, name: str) -> "Cosigner":
        try:
            key = serialization.load_pem_private_key(content, password=None)
        except ValueError:
            raise CheckpointError("Tệp khóa của nhân chứng không phải khóa bí mật PEM.") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise CheckpointError("Khóa của nhân chứng phải là khóa Ed25519.")
        return cls(key, name)

    def cosign(self, text: str, timestamp: int) -> str:
        """Return the cosignature line (ending in a newline) on a checkpoint's note body at `timestamp`."""
        signed = struct.pack(">Q", timestamp) + self._key.sign(message(text, timestamp))
        return f"{DASH}{self.verifier.name} {base64.b64encode(self.verifier.key_id + signed).decode()}\n"
