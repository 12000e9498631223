"""chibo verify, GET /verify and import check the signature of every checkpoint, not a sample of them.

Before, a signature was checked for every 256th checkpoint and the latest
only: one forged in between passed verify and import, and the server's own
export then failed the offline verifier.
"""

import base64

import pytest
from sqlalchemy import text

from chibo_events import checkpoints
from chibo_events.store import Store
from chibo_events.store.bundle import ImportRefused
from chibo_events.verify import Bundle, check_bundle
from tests.books import CELL
from tests.engines import fresh_database
from tests.integrity.tamper import drop_guards, sql


def forge(store, size: int) -> None:
    """Sign the checkpoint of `size` again with another key, under the server's key name and id."""
    with store.engine.connect() as conn:
        note = conn.execute(text("SELECT note FROM book_checkpoints WHERE book = :book AND size = :size"),
                            {"book": CELL, "size": size}).scalar_one()
    body, _ = checkpoints.split_note(note)
    server = store.integrity.verifier
    signature = checkpoints.Ed25519PrivateKey.generate().sign(body.encode())
    forged = f"{body}\n{checkpoints.DASH}{server.name} {base64.b64encode(server.key_id + signature).decode()}\n"
    drop_guards(store.engine)
    sql(store.engine, "UPDATE book_checkpoints SET note = :note WHERE book = :book AND size = :size",
        note=forged, size=size)


def test_verify_names_a_forged_signature_between_the_samples(signed):
    forge(signed, 5)
    report = signed.integrity.verify(CELL)
    assert ("bad_signature", 5) in {(p.kind, p.seq) for p in report.problems}
    assert not report.ok


def test_the_quick_look_may_miss_it_and_the_page_says_it_is_only_a_sample(signed):
    forge(signed, 5)
    assert signed.integrity.verify(CELL, sampled=True).ok  # what the audit page's quick look can and cannot decide


def test_import_refuses_a_bundle_with_one_forged_signature(signed, signer, tmp_path):
    forge(signed, 5)
    bundle = tmp_path / "book.jsonl"
    bundle.write_text("".join(signed.integrity.export(CELL)), encoding="utf-8")
    assert not check_bundle(Bundle(bundle), signer.verifier).ok  # the offline verifier refuses it too
    with fresh_database("sqlite", tmp_path, "empty") as url:
        empty = Store.from_url(url, signer)
        empty.init_schema()
        with pytest.raises(ImportRefused) as refused:
            empty.integrity.import_bundle(bundle)
        assert ("bad_signature", 5) in {(p.kind, p.seq) for p in refused.value.report.problems}
        assert not empty.book_exists(CELL)
        empty.engine.dispose()
