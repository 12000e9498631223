"""Signed checkpoints: a book's size and Merkle root, signed so that no database can forge them.

A checkpoint is a C2SP signed note (c2sp.org/signed-note) whose text is a
C2SP tlog checkpoint (c2sp.org/tlog-checkpoint):

    <log name>/<book>
    <size>
    <base64 root>

    — <key name> <base64(key id || Ed25519 signature)>

The log name is CHIBO_LOG_NAME (default `chibo`) when the book was opened,
and the key signs under that same name, as c2sp.org/tlog-checkpoint
recommends, so two servers holding books of the same cell are told apart
by their origins and their key names even if they share a private key.
The key id is the first 4 bytes of SHA-256(name || "\\n" || 0x01 || public
key), and inspectors hold the verifier key `<name>+<hex key id>+<base64(0x01
|| public key)>`. The private key lives outside the database (a file named by
CHIBO_SIGNING_KEY, else one generated into instance/), so someone who can
rewrite the database cannot sign a rewritten book.

Pure apart from `cryptography`; no Flask, no SQLAlchemy, so the offline
verifier can use it.
"""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

DEFAULT_LOG_NAME = "chibo"
ED25519 = b"\x01"
DASH = "\u2014 "  # every signature line starts with an em dash and a space
_KEY_NAME = KEY_NAME = re.compile(r"[^\s+]+")  # a key name: no whitespace, no '+' (witness keys too)
# A log name is a schema-less URL (c2sp.org/tlog-checkpoint) and a key name: no whitespace, no '+'.
_LOG_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._~-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._~-]+)*")
LOG_NAME_MAX = 120
_SIZE = re.compile(r"0|[1-9][0-9]{0,19}")


class CheckpointError(ValueError):
    """The text is not a well-formed checkpoint, or a key is not a well-formed key."""


class BadSignature(CheckpointError):
    """The checkpoint names our key but its signature does not hold."""


class NotSignedByKey(CheckpointError):
    """The checkpoint carries no signature by the key asked about."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    @property
    def book(self) -> str | None:
        """The book the origin names (its last path segment), or None for an origin of no log name."""
        name, book = split_origin(self.origin)
        return book if name else None

    @property
    def log_name(self) -> str:
        return split_origin(self.origin)[0]


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    signature: bytes


def check_log_name(name: str) -> str:
    """Return the name if it can be a log name (and so a key name); raise CheckpointError if not."""
    if not isinstance(name, str) or len(name) > LOG_NAME_MAX or not _LOG_NAME.fullmatch(name):
        raise CheckpointError(
            f"Tên sổ (CHIBO_LOG_NAME) {name!r} phải là một địa chỉ không có giao thức, vd. ubkt.quan1.vn/chibo: "
            f"chữ không dấu, số, '.', '-', '_', '~' và '/', tối đa {LOG_NAME_MAX} ký tự.")
    return name


def origin(book: str, log_name: str = DEFAULT_LOG_NAME) -> str:
    """Return the origin line of a book's checkpoints: `<log name>/<book>`."""
    return f"{log_name}/{book}"


def split_origin(text: str) -> tuple[str, str]:
    """Return (log name, book) of an origin; the book is the last segment, as book ids hold no '/'."""
    name, _, book = text.rpartition("/")
    return name, book


def body(origin: str, size: int, root: bytes) -> str:
    """Return the text a checkpoint signs."""
    return f"{origin}\n{size}\n{base64.b64encode(root).decode()}\n"


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public_key).digest()[:4]


def split_note(note: str) -> tuple[str, list[Signature]]:
    """Split a signed note into the text that is signed and its signatures."""
    if not isinstance(note, str) or any(c < " " and c != "\n" for c in note):
        raise CheckpointError("Ghi chú chỉ được chứa văn bản, không ký tự điều khiển nào ngoài xuống dòng.")
    text, sep, block = note.rpartition("\n\n")
    if not sep or not block.endswith("\n"):
        raise CheckpointError(
            "Ghi chú gồm phần văn bản, một dòng trống và các dòng chữ ký, mỗi dòng kết thúc bằng xuống dòng.")
    return text + "\n", [_signature(line) for line in block[:-1].split("\n")]


def parse_checkpoint(text: str) -> Checkpoint:
    """Read the text of a checkpoint: origin, size, root, and extension lines we ignore."""
    lines = text[:-1].split("\n") if text.endswith("\n") else []
    if len(lines) < 3 or not lines[0] or not _SIZE.fullmatch(lines[1]) or any(not line for line in lines[3:]):
        raise CheckpointError("Checkpoint gồm origin, kích thước (số thập phân) và root base64, mỗi thứ một dòng.")
    try:
        root = base64.b64decode(lines[2], validate=True)
    except binascii.Error:
        raise CheckpointError("Root của checkpoint không phải base64.") from None
    if len(root) != 32 or base64.b64encode(root).decode() != lines[2]:
        raise CheckpointError("Root của checkpoint không phải 32 byte ở dạng base64 chuẩn.")
    return Checkpoint(lines[0], int(lines[1]), root)


def parse(note: str) -> Checkpoint:
    """Return the checkpoint a signed note carries, without checking any signature."""
    return parse_checkpoint(split_note(note)[0])


def _signature(line: str) -> Signature:
    if not line.startswith(DASH):
        raise CheckpointError("Dòng chữ ký phải bắt đầu bằng gạch dài (—) và một dấu cách.")
    parts = line[len(DASH):].split(" ")
    if len(parts) != 2 or not _KEY_NAME.fullmatch(parts[0]):
        raise CheckpointError("Dòng chữ ký gồm tên khóa và chữ ký base64.")
    try:
        raw = base64.b64decode(parts[1], validate=True)
    except binascii.Error:
        raise CheckpointError("Chữ ký không phải base64.") from None
    if len(raw) < 5:
        raise CheckpointError("Chữ ký phải gồm mã khóa 4 byte và các byte chữ ký.")
    return Signature(parts[0], raw[:4], raw[4:])


class Verifier:
    """One public key, as inspectors hold it."""

    def __init__(self, name: str, public_key: bytes):
        if not _KEY_NAME.fullmatch(name) or len(public_key) != 32:
            raise CheckpointError("Khóa công khai gồm tên (không có dấu cách hay '+') và khóa Ed25519 32 byte.")
        self.name = name
        self.public_key = public_key
        self.key_id = key_id(name, public_key)
        self._key = Ed25519PublicKey.from_public_bytes(public_key)

    @classmethod
    def from_string(cls, text: str) -> "Verifier":
        """Read `<name>+<hex key id>+<base64(0x01 || public key)>`."""
        parts = text.strip().split("+", 2)  # base64 may hold '+' too
        if len(parts) != 3:
            raise CheckpointError("Khóa công khai có dạng <tên>+<mã khóa>+<khóa base64>.")
        name, hex_id, encoded = parts
        try:
            raw = base64.b64decode(encoded, validate=True)
            wanted = bytes.fromhex(hex_id)
        except (binascii.Error, ValueError):
            raise CheckpointError("Mã khóa hoặc khóa trong khóa công khai không hợp lệ.") from None
        if raw[:1] != ED25519 or len(raw) != 33:
            raise CheckpointError("Khóa công khai không phải khóa Ed25519.")
        verifier = cls(name, raw[1:])
        if verifier.key_id != wanted:
            raise CheckpointError("Mã khóa không khớp với tên và khóa.")
        return verifier

    def __str__(self) -> str:
        return f"{self.name}+{self.key_id.hex()}+{base64.b64encode(ED25519 + self.public_key).decode()}"

    def __eq__(self, other) -> bool:
        return isinstance(other, Verifier) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def open(self, note: str) -> str:
        """Return the signed text if this key signed it; raise BadSignature or NotSignedByKey if not."""
        text, signatures = split_note(note)
        mine = [s for s in signatures if s.name == self.name and s.key_id == self.key_id]
        if not mine:
            raise NotSignedByKey(f"Checkpoint không có chữ ký của khóa {self.name}+{self.key_id.hex()}.")
        for signature in mine:
            try:
                self._key.verify(signature.signature, text.encode())
            except InvalidSignature:
                raise BadSignature(f"Chữ ký của khóa {self.name} không đúng.") from None
        return text

    def verify(self, note: str) -> Checkpoint:
        """Return the checkpoint if this key signed it; raise BadSignature or NotSignedByKey if not."""
        return parse_checkpoint(self.open(note))


class Signer:
    """The private key that signs checkpoints: under the log name of each checkpoint's origin."""

    def __init__(self, private_key: Ed25519PrivateKey, name: str = DEFAULT_LOG_NAME):
        self._key = private_key
        self._public = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self._verifiers: dict[str, Verifier] = {}
        self.verifier = self.verifier_for(name)

    def verifier_for(self, name: str) -> Verifier:
        """Return the public key as inspectors hold it for the log `name` (the key id depends on the name)."""
        if (verifier := self._verifiers.get(name)) is None:
            verifier = self._verifiers[name] = Verifier(name, self._public)
        return verifier

    def sign(self, origin: str, size: int, root: bytes) -> str:
        """Return the signed note of a book's tree at `size` with `root`, signed under the origin's log name."""
        return self.sign_text(body(origin, size, root), split_origin(origin)[0])

    def sign_text(self, text: str, name: str | None = None) -> str:
        """Return `text` (ending in a newline) as a note signed by this key under `name` (default: its own)."""
        verifier = self.verifier_for(name) if name is not None else self.verifier
        signature = base64.b64encode(verifier.key_id + self._key.sign(text.encode())).decode()
        return f"{text}\n{DASH}{verifier.name} {signature}\n"


def new_private_key() -> bytes:
    """Return a fresh Ed25519 private key as PEM (PKCS #8), as `openssl genpkey -algorithm ed25519` writes it."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def load_signer(content: bytes) -> Signer:
    """Read a private key file: PEM (PKCS #8), or a note key `PRIVATE+KEY+<name>+<hex id>+<base64>`."""
    text = content.decode("ascii", "replace").strip()
    if text.startswith("PRIVATE+KEY+"):
        parts = text.split("+", 4)  # base64 may hold '+' too
        if len(parts) != 5:
            raise CheckpointError("Khóa bí mật dạng ghi chú có dạng PRIVATE+KEY+<tên>+<mã khóa>+<khóa base64>.")
        try:
            raw = base64.b64decode(parts[4], validate=True)
        except binascii.Error:
            raise CheckpointError("Khóa bí mật không phải base64.") from None
        if raw[:1] != ED25519 or len(raw) != 33:
            raise CheckpointError("Khóa bí mật không phải khóa Ed25519.")
        signer = Signer(Ed25519PrivateKey.from_private_bytes(raw[1:]), parts[2])
        if signer.verifier.key_id.hex() != parts[3].lower():
            raise CheckpointError("Mã khóa không khớp với khóa bí mật.")
        return signer
    try:
        key = serialization.load_pem_private_key(content, password=None)
    except (ValueError, TypeError):
        raise CheckpointError("Tệp khóa ký không phải khóa bí mật PEM hay khóa dạng ghi chú.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError("Khóa ký phải là khóa Ed25519.")
    return Signer(key)
