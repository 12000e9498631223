"""The envelope of an event, as stored, returned and exported (contract section 1): the type every layer passes."""

from typing import Any, TypedDict


class Envelope(TypedDict):
    """One stored event. `hash` covers every other field but `prev_hash` (see integrity.py)."""

    book: str
    seq: int
    event_id: str
    stream: str
    version: int
    type: str
    schema: int
    occurred_at: str  # ISO 8601 with the offset the client gave
    recorded_at: str  # UTC, six fractional digits, Z (timestamps.utc_text)
    actor: str
    data: dict[str, Any]
    prev_hash: str
    hash: str
