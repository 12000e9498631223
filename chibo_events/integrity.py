"""Canonical JSON and the hash chain: the bytes that make tampering evident.

Canonical JSON: keys sorted, no spaces, UTF-8 (not ASCII escapes), integers
and strings only. The leaf hash is RFC 9162's, SHA-256(0x00 || canonical
envelope without prev_hash and hash), so the same leaves build the book's
Merkle tree; the chain hash is SHA-256(prev_hash || leaf_hash), which lets a
full scan name the first bad seq.
"""

import hashlib
import json

GENESIS_HASH = "0" * 64
HASHED_FIELDS = (
    "book", "seq", "event_id", "stream", "version", "type", "schema",
    "occurred_at", "recorded_at", "actor", "data",
)


def canonical(value) -> bytes:
    """Return the one byte form of a JSON value."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def leaf_hash(envelope: dict) -> bytes:
    """Return the RFC 9162 leaf hash of an envelope (its hashed fields only)."""
    body = {name: envelope[name] for name in HASHED_FIELDS}
    return hashlib.sha256(b"\x00" + canonical(body)).digest()


def chain_hash(prev_hash: str, leaf: bytes) -> str:
    """Return the hex chain hash that follows `prev_hash` for this leaf."""
    return hashlib.sha256(bytes.fromhex(prev_hash) + leaf).hexdigest()


def seal(envelope: dict, prev_hash: str) -> dict:
    """Return the envelope with prev_hash and hash filled in."""
    return {**envelope, "prev_hash": prev_hash, "hash": chain_hash(prev_hash, leaf_hash(envelope))}
