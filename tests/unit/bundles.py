"""Bundles written by hand for the offline verifier's tests: sealed envelopes, signed notes, the JSONL file."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from chibo_events import checkpoints, integrity, merkle, verify

BOOK = "th-ky-tho"
START = datetime(2021, 4, 7, 7, 0, tzinfo=UTC)


def envelopes(count: int) -> list[dict]:
    sealed, prev = [], integrity.GENESIS_HASH
    for seq in range(1, count + 1):
        envelope = integrity.seal({
            "book": BOOK, "seq": seq, "event_id": f"00000000-0000-4000-8000-{seq:012d}", "stream": "cell",
            "version": seq, "type": "MemberExempted", "schema": 1, "occurred_at": "2021-04-07T14:00:00+07:00",
            "recorded_at": (START + timedelta(seconds=seq)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "actor": "thuky",
            "data": {"member_id": f"dang-vien-{seq}", "reason": "Ốm"},
        }, prev)
        sealed.append(envelope)
        prev = envelope["hash"]
    return sealed


def notes(signer, events: list[dict]) -> list[str]:
    frontier, signed = merkle.Frontier(), []
    for envelope in events:
        frontier.append(integrity.leaf_hash(envelope))
        signed.append(signer.sign(checkpoints.origin(BOOK), frontier.size, frontier.root()))
    return signed


def write(path: Path, signer, events: list[dict], signed: list[str]) -> Path:
    lines = [verify.header_line(BOOK, checkpoints.origin(BOOK), signer.verifier, "2021-04-08T00:00:00.000000Z")]
    lines += [verify.event_line(e) for e in events] + [verify.note_line(n) for n in signed]
    path.write_text("".join(lines), encoding="utf-8")
    return path
