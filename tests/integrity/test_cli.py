"""The command line: verify, export, import into an empty database, public-key."""

import pytest
from sqlalchemy import select

from chibo_events import checkpoints, create_app
from chibo_events.catalogue import check_request
from chibo_events.store.integrity_tables import book_checkpoints, merkle_nodes
from chibo_events.store.tables import books, events
from tests.books import CELL, CELL_DATA, event, post_book_with_meeting
from tests.engines import fresh_database
from tests.integrity.tamper import drop_guards, sql, truncate


@pytest.fixture
def book(client, tokens):
    post_book_with_meeting(client, tokens.admin)
    client.post("/api/v1/cells", json={"cell_id": "th-ky-tho-mn", **CELL_DATA}, headers=tokens.admin)


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """Another, empty database on the same engine."""
    with fresh_database("sqlite" if database_url.startswith("sqlite") else "postgresql", tmp_path, "empty") as url:
        yield url


@pytest.fixture
def second_app(app, empty_database_url):
    """A server with the same instance (so the same signing key) on the empty database."""
    other = create_app({
        "TESTING": True, "INSTANCE_PATH": app.instance_path, "DATABASE_URL": empty_database_url, "SECRET_KEY": "test",
    })
    yield other
    other.extensions["chibo_store"].engine.dispose()


def engine_of(app):
    return app.extensions["chibo_store"].engine


def test_verify_passes_every_intact_book(runner, book):
    result = runner.invoke(args=["chibo", "verify"])
    assert result.exit_code == 0, result.output
    assert f"{CELL}: nguyên vẹn — 10 sự kiện" in result.output
    assert "th-ky-tho-mn: nguyên vẹn — 1 sự kiện" in result.output


def test_verify_exits_1_naming_the_first_bad_seq_of_each_bad_book(app, runner, book):
    drop_guards(engine_of(app))
    sql(engine_of(app), "DELETE FROM events WHERE book = :book AND seq = 4")
    result = runner.invoke(args=["chibo", "verify"])
    assert result.exit_code == 1
    assert f"{CELL}: KHÔNG nguyên vẹn — sai đầu tiên: seq 4." in result.output
    assert "th-ky-tho-mn: nguyên vẹn" in result.output


def test_verify_of_one_cell_checks_only_that_book(app, runner, book):
    drop_guards(engine_of(app))
    sql(engine_of(app), "UPDATE events SET actor = 'x' WHERE book = :book")
    result = runner.invoke(args=["chibo", "verify", "--cell", "th-ky-tho-mn"])
    assert result.exit_code == 0 and CELL + ":" not in result.output


def test_verify_of_an_unknown_cell_is_a_usage_error(runner, book):
    result = runner.invoke(args=["chibo", "verify", "--cell", "khong-co"])
    assert result.exit_code == 2 and "khong-co" in result.output


def test_verify_against_an_inspectors_checkpoint_catches_a_clean_rollback(app, runner, client, tokens, book, tmp_path):
    saved = tmp_path / "kept.txt"
    saved.write_text(client.get(f"/api/v1/cells/{CELL}/checkpoint", headers=tokens.inspector).get_data(as_text=True))
    drop_guards(engine_of(app))
    truncate(engine_of(app), 7, checkpoints_too=True)
    assert runner.invoke(args=["chibo", "verify"]).exit_code == 0  # inside the database, nothing shows
    result = runner.invoke(args=["chibo", "verify", "--checkpoint", str(saved)])
    assert result.exit_code == 1 and "sai đầu tiên: seq 8" in result.output


def test_verify_against_an_inspectors_checkpoint_catches_a_book_deleted_whole(app, runner, client, tokens, book,
                                                                            tmp_path):
    saved = tmp_path / "kept.txt"
    saved.write_text(client.get(f"/api/v1/cells/{CELL}/checkpoint", headers=tokens.inspector).get_data(as_text=True))
    drop_guards(engine_of(app))
    for table in ("book_checkpoints", "merkle_nodes", "events", "books"):
        sql(engine_of(app), f"DELETE FROM {table} WHERE book = :book")
    result = runner.invoke(args=["chibo", "verify", "--checkpoint", str(saved)])
    assert result.exit_code == 1 and f"{CELL}: KHÔNG có trong cơ sở dữ liệu" in result.output


def test_export_then_import_into_an_empty_database_reproduces_hashes_tree_and_checkpoints(
        app, second_app, runner, book, tmp_path):
    bundle = tmp_path / "book.jsonl"
    exported = runner.invoke(args=["chibo", "export", "--cell", CELL, "-o", str(bundle)])
    assert exported.exit_code == 0, exported.output
    imported = second_app.test_cli_runner().invoke(args=["chibo", "import", str(bundle)])
    assert imported.exit_code == 0, imported.output
    assert "Đã nhập sổ th-ky-tho: 10 sự kiện" in imported.output
    for table in (books, events, merkle_nodes, book_checkpoints):
        query = select(table).where(table.c.book == CELL).order_by(*table.primary_key.columns)
        with engine_of(app).connect() as a, engine_of(second_app).connect() as b:
            original, copy = a.execute(query).all(), b.execute(query).all()
        assert copy == original and original, table.name
    assert second_app.test_cli_runner().invoke(args=["chibo", "verify"]).exit_code == 0


def test_an_imported_book_goes_on_taking_signed_events(second_app, runner, book, tmp_path):
    bundle = tmp_path / "book.jsonl"
    runner.invoke(args=["chibo", "export", "--cell", CELL, "-o", str(bundle)])
    second_app.test_cli_runner().invoke(args=["chibo", "import", str(bundle)])
    store = second_app.extensions["chibo_store"]
    envelope, _ = store.append(CELL, check_request(event("cell", "MemberExempted", {
        "member_id": "duong-thi-le", "reason": "Ốm"})), "admin")
    assert envelope["seq"] == 11 and store.integrity.verify(CELL).signed_size == 11


def test_import_refuses_a_book_that_exists(runner, book, tmp_path):
    bundle = tmp_path / "book.jsonl"
    runner.invoke(args=["chibo", "export", "--cell", CELL, "-o", str(bundle)])
    result = runner.invoke(args=["chibo", "import", str(bundle)])
    assert result.exit_code == 1 and "đã có sổ" in result.output


def test_import_refuses_a_tampered_bundle_and_stores_nothing(second_app, runner, book, tmp_path):
    bundle = tmp_path / "book.jsonl"
    runner.invoke(args=["chibo", "export", "--cell", CELL, "-o", str(bundle)])
    bundle.write_text(bundle.read_text().replace("Dương Thị Lê", "Dương Thị Lệ", 1))
    result = second_app.test_cli_runner().invoke(args=["chibo", "import", str(bundle)])
    assert result.exit_code == 1 and "sai đầu tiên: seq 3" in result.output
    with engine_of(second_app).connect() as conn:
        assert conn.execute(select(events)).first() is None
        assert conn.execute(select(books)).first() is None


def test_import_refuses_a_bundle_signed_by_another_key(database_url, runner, book, tmp_path):
    bundle = tmp_path / "book.jsonl"
    runner.invoke(args=["chibo", "export", "--cell", CELL, "-o", str(bundle)])
    stranger = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "elsewhere"),
                           "DATABASE_URL": f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}", "SECRET_KEY": "t"})
    result = stranger.test_cli_runner().invoke(args=["chibo", "import", str(bundle)])
    assert result.exit_code == 1 and "unknown_key" in result.output
    stranger.extensions["chibo_store"].engine.dispose()


def test_import_of_a_file_that_is_no_bundle_says_so(runner, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    result = runner.invoke(args=["chibo", "import", str(path)])
    assert result.exit_code == 1 and "không phải gói xuất" in result.output


def test_export_to_stdout(runner, book):
    result = runner.invoke(args=["chibo", "export", "--cell", "th-ky-tho-mn", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith('{"chibo_bundle":1,"book":"th-ky-tho-mn"')


def test_public_key_prints_the_verifier_key_of_the_signing_key(app, runner):
    result = runner.invoke(args=["chibo", "public-key"])
    assert result.exit_code == 0
    assert result.output.strip() == str(app.extensions["chibo_store"].integrity.verifier)
    assert result.output.startswith("chibo+")


def test_the_signing_key_comes_from_chibo_signing_key_when_set(database_url, tmp_path, monkeypatch):
    key = tmp_path / "key.pem"
    key.write_bytes(checkpoints.new_private_key())
    monkeypatch.setenv("CHIBO_SIGNING_KEY", str(key))
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "DATABASE_URL": database_url,
                      "SECRET_KEY": "t"})
    assert app.extensions["chibo_store"].integrity.verifier == checkpoints.load_signer(key.read_bytes()).verifier
    assert not (tmp_path / "i" / "signing_key.pem").exists()
    app.extensions["chibo_store"].engine.dispose()


def test_a_missing_signing_key_file_stops_the_app_with_a_reason(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("CHIBO_SIGNING_KEY", str(tmp_path / "absent.pem"))
    with pytest.raises(RuntimeError, match="CHIBO_SIGNING_KEY"):
        create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "DATABASE_URL": database_url,
                    "SECRET_KEY": "t"})


def test_verify_of_a_book_whose_every_event_was_deleted_names_seq_1(app, runner, book):
    drop_guards(engine_of(app))
    sql(engine_of(app), "DELETE FROM merkle_nodes WHERE book = :book")
    sql(engine_of(app), "DELETE FROM events WHERE book = :book")
    result = runner.invoke(args=["chibo", "verify", "--cell", CELL])
    assert result.exit_code == 1, result.output
    assert "sai đầu tiên: seq 1." in result.output and "[truncated]" in result.output
