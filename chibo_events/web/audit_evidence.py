"""What the audit trail shows beside the events: the signed checkpoint, inclusion proofs, who amended what.

An inclusion proof is checked here, not taken on trust: the leaf hash is
computed from the event as displayed and the proof is verified against the
root that the latest checkpoint's signature vouches for.
"""

import json
from dataclasses import dataclass

from .. import integrity, merkle
from .. import vocabulary as words
from ..catalogue import AMENDMENTS
from ..checkpoints import CheckpointError, parse
from ..committees import witness_alarm
from ..documents.vietnamese import event_type_words
from ..errors import ChiboError
from ..store import Store
from ..witnessing import WitnessesError, check_witnessed, read_witnesses


def type_words(event_type: str) -> str:
    """Return an event type in Vietnamese, capitalised: SpeechGiven → "Phát biểu"."""
    words = event_type_words(event_type)
    return words[:1].upper() + words[1:]


def data_text(data: dict) -> str:
    """Return an event's data as indented JSON with Vietnamese letters as they are."""
    return json.dumps(data, ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class SignedCheckpoint:
    """The latest checkpoint: its note, what it vouches for, and whether our key's signature holds."""

    note: str
    size: int | None
    root: bytes | None
    signed: bool
    problem: str | None = None


def latest_checkpoint(store: Store, book: str) -> SignedCheckpoint | None:
    """Return the book's latest checkpoint with its signature checked, or None when it has none."""
    note = store.integrity.checkpoint(book)
    if note is None:
        return None
    verifier = store.integrity.verifier_of(book)
    try:
        if verifier is None:
            found = parse(note)
            return SignedCheckpoint(note, found.size, found.root, False, "Máy chủ không có khóa để kiểm chữ ký.")
        found = verifier.verify(note)
        return SignedCheckpoint(note, found.size, found.root, True)
    except CheckpointError as error:
        return SignedCheckpoint(note, None, None, False, str(error))


@dataclass(frozen=True)
class Inclusion:
    """An event's inclusion proof against a checkpoint, and whether it verified."""

    seq: int
    verified: bool
    message: str
    size: int | None = None
    leaf_hash: str = ""
    proof: tuple[str, ...] = ()
    root: str = ""


def inclusion(store: Store, book: str, seq: int, checkpoint: SignedCheckpoint | None) -> Inclusion:
    """Prove that event `seq` is in the tree the latest signed checkpoint vouches for, and check the proof."""
    if checkpoint is None or not checkpoint.signed:
        return Inclusion(seq, False, "Không có checkpoint đã ký hợp lệ để đối chiếu.")
    found = store.page(book, after_seq=seq - 1, limit=1)
    if not found or found[0]["seq"] != seq or seq > checkpoint.size:
        return Inclusion(seq, False, f"Checkpoint mới nhất (kích thước {checkpoint.size}) không chứa bản ghi số {seq}.")
    leaf = integrity.leaf_hash(found[0])
    try:
        served = store.integrity.inclusion(book, seq, checkpoint.size)
    except ChiboError as error:
        return Inclusion(seq, False, error.message, checkpoint.size, leaf.hex(), (), checkpoint.root.hex())
    path = tuple(served["proof"])
    hashes = [bytes.fromhex(p) for p in path]
    verified = merkle.verify_inclusion(seq - 1, checkpoint.size, leaf, hashes, checkpoint.root)
    message = ("Đã xác minh: bản ghi nằm trong cây Merkle mà checkpoint đã ký xác nhận." if verified
               else "KHÔNG xác minh được: bằng chứng không khớp với root đã ký.")
    return Inclusion(seq, verified, message, checkpoint.size, leaf.hex(), path, checkpoint.root.hex())


def amendments(store: Store, book: str) -> dict[int, list[dict]]:
    """Return target seq → the corrections and retractions of it, in seq order."""
    found: dict[int, list[dict]] = {}
    for event in store.events(book, types=sorted(AMENDMENTS)):
        found.setdefault(event["data"]["target_seq"], []).append({"seq": event["seq"], "type": event["type"]})
    return found


def page_of_events(store: Store, book: str, after_seq: int, limit: int, **filters):
    """Return (events, next_after_seq) of one page of the events that pass the filters."""
    events = store.page(book, after_seq=after_seq, limit=limit, **filters)
    return events, (events[-1]["seq"] if len(events) == limit else None)


@dataclass(frozen=True)
class Held:
    """A checkpoint an inspector kept outside the server, compared with the book as it is now.

    `verdict`: `grown` (the book only grew since: the consistency proof holds), `same` (nothing added since),
    `rollback` (the book is now smaller than what was signed), `fork` (the signed tree is not a prefix of the
    book's: rewritten), `unreadable` (not a checkpoint of this book signed by its key).
    """

    verdict: str
    message: str
    size: int | None = None
    current: int | None = None


def held_checkpoint(store: Store, book: str, note: str, latest: SignedCheckpoint | None) -> Held:
    """Check a checkpoint kept earlier against the latest signed one, by the consistency proof between them."""
    verifier = store.integrity.verifier_of(book)
    try:
        if verifier is None:
            raise CheckpointError("máy chủ không có khóa để kiểm chữ ký")
        held = verifier.verify(note.replace("\r\n", "\n"))
    except CheckpointError as error:
        return Held("unreadable", f"Không đọc được checkpoint này như một checkpoint đã ký của sổ {book}: {error}.")
    if held.origin != store.integrity.origin(book):
        return Held("unreadable", f"Checkpoint này là của sổ {held.origin}, không phải của sổ này.")
    if latest is None or not latest.signed or latest.size is None or latest.root is None:
        return Held("unreadable", "Sổ không có checkpoint đã ký hợp lệ để đối chiếu.", held.size)
    if held.size > latest.size:
        return Held("rollback", f"SỔ ĐÃ BỊ QUAY LUI: checkpoint bạn giữ xác nhận {held.size} bản ghi, sổ hiện chỉ có "
                                f"{latest.size}.", held.size, latest.size)
    if held.size == latest.size:
        if held.root == latest.root:
            return Held("same", f"Sổ vẫn như checkpoint bạn giữ: {held.size} bản ghi, cùng root.",
                        held.size, latest.size)
        return Held("fork", f"SỔ ĐÃ BỊ VIẾT LẠI: cùng {held.size} bản ghi nhưng root khác checkpoint bạn giữ.",
                    held.size, latest.size)
    proof = store.integrity.consistency(book, held.size, latest.size)["proof"]
    if merkle.verify_consistency(held.size, latest.size, held.root, latest.root, [bytes.fromhex(p) for p in proof]):
        return Held("grown", f"Sổ chỉ được ghi thêm: {held.size} bản ghi checkpoint bạn giữ xác nhận vẫn nguyên vẹn "
                             f"trong sổ hiện có {latest.size} bản ghi (bằng chứng nhất quán đã kiểm).",
                    held.size, latest.size)
    return Held("fork", f"SỔ ĐÃ BỊ VIẾT LẠI: {held.size} bản ghi checkpoint bạn giữ xác nhận không còn là phần đầu "
                        f"của sổ hiện có {latest.size} bản ghi (bằng chứng nhất quán không khớp).",
                held.size, latest.size)


def correction_rows(store: Store, book: str, events: list[dict],
                    names: dict[str, str]) -> dict[int, list[tuple[str, str, str, bool]]]:
    """Return, for each correction among `events`, its target's fields before and after: (field in Vietnamese,
    before, after, changed), members by their names."""
    def shown(field: str, value) -> str:
        return names.get(value, value) if field == "member_id" and isinstance(value, str) else _shown(value)

    rows = {}
    for event in events:
        if event["type"] != "EventCorrected":
            continue
        target = store.page(book, after_seq=event["data"]["target_seq"] - 1, limit=1)
        before = target[0]["data"] if target and target[0]["seq"] == event["data"]["target_seq"] else {}
        after = event["data"]["data"]
        rows[event["seq"]] = [(words.FIELDS.word(field), shown(field, before.get(field)),
                               shown(field, after.get(field)), before.get(field) != after.get(field))
                              for field in [*before, *(k for k in after if k not in before)]]
    return rows


def _shown(value) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class WitnessView:
    """What one witness said of the book, for the audit page."""

    name: str
    size: int
    alarms: tuple[str, ...]


def witness_views(store: Store, book: str, listed_path: str | None) -> list[WitnessView]:
    """Each witness that cosigned or refused the book: the largest size it cosigned and its alarms. A witness of
    CHIBO_WITNESSES is also held to what the log kept of it (check_witnessed, without asking it: a page does not
    wait on the network)."""
    size = store.integrity.size(book)
    kept = store.witnessed.latest(book)
    alarms: dict[str, list[str]] = {name: [] for name in kept}
    for refusal in store.witnessed.refusals(book):
        alarms.setdefault(refusal.witness, []).append(witness_alarm(refusal, size))
    try:
        listed = read_witnesses(listed_path) if listed_path else []
    except (OSError, WitnessesError):
        listed = []
    for witness in listed:
        if witness.name in alarms:
            alarms[witness.name].extend(a.message for a in check_witnessed(store, book, witness.key)[1])
    return [WitnessView(name, kept.get(name, (0, ""))[0], tuple(found)) for name, found in sorted(alarms.items())]
