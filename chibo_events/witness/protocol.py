"""The body of c2sp.org/tlog-witness's `add-checkpoint`: an old size line, proof lines, an empty line, a checkpoint.

    old 20852014
    PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
    …

    <the checkpoint, a signed note>

Pure; both sides use it: the witness reads a request, the log writes one.
"""

import base64
import binascii
import re
from dataclasses import dataclass

MAX_PROOF_LINES = 63
_OLD = re.compile(r"old (0|[1-9][0-9]{0,19})")


class BadRequest(ValueError):
    """The body is not an add-checkpoint request (400)."""


@dataclass(frozen=True)
class AddCheckpoint:
    old_size: int
    proof: list[bytes]
    note: str


def parse(body: bytes) -> AddCheckpoint:
    """Read an add-checkpoint body; raise BadRequest naming what is wrong."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("the body is not UTF-8") from None
    lines = text.split("\n")
    found = _OLD.fullmatch(lines[0])
    if not found:
        raise BadRequest("the first line must be `old <size>` in decimal, without leading zeroes")
    proof, at = [], 1
    while at < len(lines) and lines[at] != "":
        if len(proof) == MAX_PROOF_LINES:
            raise BadRequest(f"more than {MAX_PROOF_LINES} consistency proof lines")
        try:
            node = base64.b64decode(lines[at], validate=True)
        except binascii.Error:
            node = b""
        if len(node) != 32 or base64.b64encode(node).decode() != lines[at]:
            raise BadRequest(f"proof line {at} is not a 32-byte hash in standard base64")
        proof.append(node)
        at += 1
    if at + 1 >= len(lines):  # the empty line is a newline of its own, after the last line's
        raise BadRequest("an empty line must follow the proof, then the checkpoint")
    return AddCheckpoint(int(found[1]), proof, "\n".join(lines[at + 1:]))


def body(old_size: int, proof: list[bytes], note: str) -> bytes:
    """Return the body of an add-checkpoint request."""
    lines = [f"old {old_size}", *(base64.b64encode(node).decode() for node in proof), ""]
    return ("\n".join(lines) + "\n" + note).encode()
