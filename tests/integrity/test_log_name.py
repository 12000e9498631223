"""CHIBO_LOG_NAME: each server names its books' origins `<log name>/<book>` and signs under that name.

Two servers holding books of the same cell can be told apart by their
checkpoints, and a book keeps the origin it was opened with when the name
changes, when it is exported and when it is imported elsewhere.
"""

import json

import pytest
from sqlalchemy import text

from chibo_events import checkpoints, create_app
from chibo_events.store import Store
from chibo_events.store.bundle import ImportRefused
from chibo_events.verify import main as offline_verify
from tests.books import CELL, book_with_meeting
from tests.integrity.tamper import sql

DISTRICT = "ubkt.quan1.vn/chibo"


def store_named(database_url, signer, log_name):
    store = Store.from_url(database_url, signer, log_name)
    store.init_schema()
    return store


@pytest.fixture
def district(database_url, signer):
    """A signing store whose log name is the district's, holding the test book."""
    store = store_named(database_url, signer, DISTRICT)
    book_with_meeting(store)
    yield store
    store.engine.dispose()


def export_to(store, path):
    path.write_text("".join(store.integrity.export(CELL)), encoding="utf-8")
    return path


def test_a_new_book_names_the_log_in_its_origin_and_signs_under_that_name(district, signer):
    note = district.integrity.checkpoint(CELL)

    assert checkpoints.parse(note).origin == f"{DISTRICT}/{CELL}"
    assert note.splitlines()[-1].startswith(f"— {DISTRICT} ")
    assert str(district.integrity.verifier).startswith(f"{DISTRICT}+")
    assert district.integrity.verifier.verify(note).size == 10
    assert district.verify(CELL).ok and district.quick_verify(CELL).ok


def test_two_servers_with_one_key_but_two_log_names_cannot_pass_for_each_other(district, signer, tmp_path):
    plain = Store.from_url(f"sqlite:///{tmp_path / 'plain.sqlite3'}", signer)
    plain.init_schema()
    book_with_meeting(plain)

    ours, theirs = district.integrity.checkpoint(CELL), plain.integrity.checkpoint(CELL)
    assert checkpoints.parse(theirs).origin == f"chibo/{CELL}"
    assert district.integrity.verifier.key_id != plain.integrity.verifier.key_id
    with pytest.raises(checkpoints.NotSignedByKey):
        district.integrity.verifier.verify(theirs)
    with pytest.raises(checkpoints.NotSignedByKey):
        plain.integrity.verifier.verify(ours)
    # The district's check of the other server's checkpoint names what is wrong.
    report = district.integrity.verify(CELL, against=[theirs])
    assert [p.kind for p in report.problems] == ["wrong_book"]
    plain.engine.dispose()


def test_a_book_keeps_its_origin_when_the_log_name_changes(database_url, signer):
    before = store_named(database_url, signer, "chibo")
    book_with_meeting(before)
    before.engine.dispose()

    after = store_named(database_url, signer, DISTRICT)
    book_with_meeting(after, cell="th-ky-tho-mn")

    assert checkpoints.parse(after.integrity.checkpoint(CELL)).origin == f"chibo/{CELL}"
    assert checkpoints.parse(after.integrity.checkpoint("th-ky-tho-mn")).origin == f"{DISTRICT}/th-ky-tho-mn"
    assert str(after.integrity.verifier_of(CELL)).startswith("chibo+")
    assert after.verify(CELL).ok and after.verify("th-ky-tho-mn").ok
    after.engine.dispose()


def test_the_origin_changed_by_sql_is_reported_not_followed(district):
    sql(district.engine, "UPDATE books SET origin = 'chibo/' || book WHERE book = :book")
    fresh = Store(district.engine, district.integrity.signer, DISTRICT)  # no origin cached

    report = fresh.verify(CELL)

    assert not report.ok
    assert {p.kind for p in report.problems} == {"wrong_book", "unsigned"}


def test_the_bundle_names_the_origin_and_the_offline_verifier_holds_it_to_it(district, tmp_path, capsys):
    bundle = export_to(district, tmp_path / "book.jsonl")
    header = json.loads(bundle.read_text().splitlines()[0])
    assert header["origin"] == f"{DISTRICT}/{CELL}"
    assert header["key"] == str(district.integrity.verifier)
    key = tmp_path / "key"
    key.write_text(str(district.integrity.verifier))

    assert offline_verify([str(bundle), "--key", str(key)]) == 0

    lines = bundle.read_text().splitlines(keepends=True)
    lines[0] = json.dumps({**header, "origin": f"chibo/{CELL}"}) + "\n"
    (tmp_path / "renamed.jsonl").write_text("".join(lines))
    assert offline_verify([str(tmp_path / "renamed.jsonl"), "--key", str(key)]) == 1
    assert "[wrong_book]" in capsys.readouterr().out


@pytest.mark.parametrize("origin", [f"{DISTRICT}/th-ky-tho-mn", "khong co ten", 7, f"xa ky tho/{CELL}"])
def test_a_header_origin_that_is_not_of_its_book_is_refused(district, tmp_path, capsys, origin):
    bundle = export_to(district, tmp_path / "book.jsonl")
    lines = bundle.read_text().splitlines(keepends=True)
    lines[0] = json.dumps({**json.loads(lines[0]), "origin": origin}) + "\n"
    bundle.write_text("".join(lines))

    assert offline_verify([str(bundle)]) == 1
    assert "Origin ở dòng đầu của gói" in capsys.readouterr().err


def test_an_imported_book_keeps_the_origin_of_its_bundle(district, signer, tmp_path):
    bundle = export_to(district, tmp_path / "book.jsonl")
    elsewhere = store_named(f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}", signer, "chibo")

    elsewhere.integrity.import_bundle(bundle)

    assert checkpoints.parse(elsewhere.integrity.checkpoint(CELL)).origin == f"{DISTRICT}/{CELL}"
    assert elsewhere.verify(CELL).ok
    assert "".join(elsewhere.integrity.export(CELL)).splitlines()[1:] == bundle.read_text().splitlines()[1:]
    elsewhere.engine.dispose()


def test_a_bundle_signed_by_another_key_under_the_same_log_name_is_not_imported(district, tmp_path):
    bundle = export_to(district, tmp_path / "book.jsonl")
    other_key = checkpoints.load_signer(checkpoints.new_private_key())
    elsewhere = store_named(f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}", other_key, DISTRICT)

    with pytest.raises(ImportRefused) as refused:
        elsewhere.integrity.import_bundle(bundle)

    assert {p.kind for p in refused.value.report.problems} == {"unknown_key", "unsigned"}
    with elsewhere.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM books")).scalar() == 0
    elsewhere.engine.dispose()


@pytest.mark.parametrize("name", ["", "ubkt quan1", "chibo+2", "/chibo", "chibo/", "chi\u0300bo", "a" * 121])
def test_a_log_name_that_cannot_be_an_origin_and_a_key_name_is_refused_at_start(tmp_path, monkeypatch, name):
    monkeypatch.setenv("CHIBO_LOG_NAME", name)
    if name == "":  # unset or empty: the default
        app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}"})
        assert app.extensions["chibo_store"].integrity.log_name == "chibo"
        return
    with pytest.raises(RuntimeError, match="CHIBO_LOG_NAME"):
        create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}"})


def test_public_key_prints_the_key_of_new_books_and_of_a_given_book(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIBO_LOG_NAME", DISTRICT)
    app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}"})
    store = app.extensions["chibo_store"]
    store.init_schema()
    book_with_meeting(store)
    runner = app.test_cli_runner()

    default = runner.invoke(args=["chibo", "public-key"])
    of_book = runner.invoke(args=["chibo", "public-key", "--cell", CELL])
    missing = runner.invoke(args=["chibo", "public-key", "--cell", "khong-co"])

    assert default.output.strip() == of_book.output.strip() == str(store.integrity.verifier)
    assert default.output.startswith(f"{DISTRICT}+")
    assert missing.exit_code == 2 and "khong-co" in missing.output
    store.engine.dispose()
