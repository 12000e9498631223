"""Canonical JSON and the hash chain: the bytes an outside verifier must be able to reproduce."""

import pytest

from chibo_events import integrity

ENVELOPE = {
    "book": "th-ky-tho", "seq": 1, "event_id": "0b6c5e9e-0d6a-4a63-9d1a-6a4b2f1c9e01",
    "stream": "cell", "version": 1, "type": "CellRegistered", "schema": 1,
    "occurred_at": "2021-01-04T08:00:00+07:00", "recorded_at": "2021-01-04T01:00:00.000000Z",
    "actor": "admin", "data": {"name": "Chi bộ Trường Tiểu học Kỳ Thọ", "committee": "Đảng bộ xã Kỳ Thọ"},
}
# Computed with printf and sha256sum, not with this code (see the issue note of the store).
GOLDEN_LEAF = "b1dbc8d4a21194fceb0b43da9e75664ee6683e29927e44196fb822de4d06c29e"
GOLDEN_HASH = "1bf0e7f9a7a1a672153362a9b1ef37a1630bd47f3976eefc9215a1ce7775ac78"


def test_canonical_json_sorts_keys_drops_spaces_and_keeps_utf8():
    assert integrity.canonical({"b": 1, "a": {"d": "Đ", "c": [1, 2]}}) == '{"a":{"c":[1,2],"d":"Đ"},"b":1}'.encode()


def test_canonical_json_refuses_nan():
    with pytest.raises(ValueError):
        integrity.canonical({"x": float("nan")})


def test_the_leaf_and_chain_hash_of_a_known_envelope_never_change():
    assert integrity.leaf_hash(ENVELOPE).hex() == GOLDEN_LEAF
    assert integrity.seal(ENVELOPE, integrity.GENESIS_HASH)["hash"] == GOLDEN_HASH


def test_the_hash_ignores_key_order_but_not_content():
    reordered = dict(reversed(list(ENVELOPE.items())))
    assert integrity.leaf_hash(reordered) == integrity.leaf_hash(ENVELOPE)


@pytest.mark.parametrize("field", integrity.HASHED_FIELDS)
def test_changing_any_hashed_field_changes_the_hash(field):
    changed = dict(ENVELOPE)
    changed[field] = {"x": 1} if field == "data" else (2 if isinstance(ENVELOPE[field], int) else ENVELOPE[field] + "x")
    assert integrity.leaf_hash(changed) != integrity.leaf_hash(ENVELOPE)


def test_the_chain_hash_depends_on_the_previous_hash():
    assert integrity.seal(ENVELOPE, "ab" * 32)["hash"] != GOLDEN_HASH


def test_line_and_paragraph_separators_are_written_raw_as_utf_8():
    """Go writes them as \\u2028 and \\u2029; a client must write the raw bytes (docs/canonical-json.md)."""
    assert integrity.canonical({"a": "\u2028\u2029"}) == b'{"a":"\xe2\x80\xa8\xe2\x80\xa9"}'
    assert integrity.canonical({"b": "\x1f\"\\/"}) == b'{"b":"\\u001f\\"\\\\/"}'
