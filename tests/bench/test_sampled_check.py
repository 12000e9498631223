"""Verification with sampled signatures names the same problems as the full check, over a book of 1,200 events."""

import pytest

from bench import load
from chibo_events.store.sampled_check import SAMPLE, check_sampled
from chibo_events.verify import Bundle, check_bundle, event_line, header_line, note_line

BOOK = "xa-001-cb-01"
SIZE = 1200


@pytest.fixture(scope="module")
def sealed(signer):
    return load.seal(BOOK, 1, 1, SIZE, signer)


def forged(note: str) -> str:
    """The note with one character of its signature changed."""
    text_part, _, signature = note.rpartition("\n— chibo ")
    return f"{text_part}\n— chibo {signature[:10]}{'A' if signature[10] != 'A' else 'B'}{signature[11:]}"


def bundle(tmp_path, sealed, signer, events=None, notes=None):
    path = tmp_path / "book.jsonl"
    with path.open("w", encoding="utf-8") as file:
        file.write(header_line(BOOK, f"chibo/{BOOK}", signer.verifier, "2026-01-01T00:00:00.000000Z"))
        for envelope in events or sealed.envelopes:
            file.write(event_line(envelope))
        for note in notes or [row["note"] for row in sealed.notes]:
            file.write(note_line(note))
    return Bundle(path)


def both(found: Bundle, signer) -> tuple[dict, dict]:
    full = check_bundle(found, signer.verifier).as_json()
    sampled = check_sampled(found.book, found.events(), found.notes(), signer.verifier).as_json()
    return full, sampled


def test_an_intact_book_gives_the_same_report(tmp_path, sealed, signer):
    full, sampled = both(bundle(tmp_path, sealed, signer), signer)
    assert sampled == full and full["ok"] and full["signed_size"] == SIZE


def test_a_bad_signature_on_a_sample_is_named_exactly(tmp_path, sealed, signer):
    notes = [row["note"] for row in sealed.notes]
    notes[2 * SAMPLE - 1] = forged(notes[2 * SAMPLE - 1])
    full, sampled = both(bundle(tmp_path, sealed, signer, notes=notes), signer)
    assert sampled == full and full["first_bad_seq"] == 2 * SAMPLE


def test_bad_signatures_from_some_size_on_are_all_named_from_the_first(tmp_path, sealed, signer):
    notes = [row["note"] for row in sealed.notes]
    notes[299:] = [forged(note) for note in notes[299:]]
    full, sampled = both(bundle(tmp_path, sealed, signer, notes=notes), signer)
    assert sampled == full and full["first_bad_seq"] == 300


def test_an_edited_event_and_a_wrong_signed_root_give_the_same_report(tmp_path, sealed, signer):
    events = [dict(e) for e in sealed.envelopes]
    events[400] = {**events[400], "actor": "someone-else"}
    notes = [row["note"] for row in sealed.notes]
    notes[700] = signer.sign(f"chibo/{BOOK}", 701, bytes(32))
    full, sampled = both(bundle(tmp_path, sealed, signer, events=events, notes=notes), signer)
    assert sampled == full and full["first_bad_seq"] == 401


def test_an_unsampled_bad_signature_whose_root_holds_is_vouched_for_by_the_next_good_sample(tmp_path, sealed, signer):
    """The trade the sampling makes: the events it covers are vouched for by every later good checkpoint."""
    notes = [row["note"] for row in sealed.notes]
    notes[299] = forged(notes[299])
    full, sampled = both(bundle(tmp_path, sealed, signer, notes=notes), signer)
    assert full["first_bad_seq"] == 300
    assert sampled["ok"] and sampled["signed_size"] == SIZE
