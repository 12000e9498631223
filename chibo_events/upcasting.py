"""The schema-evolution seam: an event stored under an older schema is read in the newest shape.

Stored events never change, so a type whose data changes shape gets a new
schema version, and an upcaster per step (schema n's data → schema n+1's)
registered here. `upcast` is applied where events are folded — the rules'
state (rules.BookState.apply) and the projections (projections.replay and
the stored read models) — so every fold sees one shape, while the store,
`verify`, the API's pages of events and the export keep each event exactly
as recorded: its bytes and its hash are untouched. After registering an
upcaster, `chibo rebuild` refolds the stored read models.

Standard library only: pure functions of an envelope.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .envelope import Envelope

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]

# (event type, schema it reads) → the function giving that data in the next schema
UPCASTERS: dict[tuple[str, int], Upcaster] = {}


def upcast(envelope: Envelope) -> Envelope:
    """Return the envelope with its data in the newest schema of its type (the same envelope if it is)."""
    step = UPCASTERS.get((envelope["type"], envelope["schema"]))
    if step is None:
        return envelope
    data, schema = envelope["data"], envelope["schema"]
    while step is not None:
        data, schema = step(data), schema + 1
        step = UPCASTERS.get((envelope["type"], schema))
    return {**envelope, "data": data, "schema": schema}


def latest_schema(event_type: str, written: int = 1) -> int:
    """Return the newest schema of a type, counting from the one written so far."""
    while (event_type, written) in UPCASTERS:
        written += 1
    return written


@contextmanager
def registered(event_type: str, schema: int, upcaster: Upcaster) -> Iterator[None]:
    """Register an upcaster from `schema` for as long as the block runs (tests, and trying one out)."""
    key = (event_type, schema)
    if key in UPCASTERS:
        raise ValueError(f"{event_type} already has an upcaster from schema {schema}")
    UPCASTERS[key] = upcaster
    try:
        yield
    finally:
        del UPCASTERS[key]
