"""Schema migrations: init-db brings any database to the schema the code describes, in place."""

import shutil

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from chibo_events import checkpoints
from chibo_events.catalogue import check_request
from chibo_events.store import Store, migrate
from chibo_events.store.tables import metadata
from tests.books import CELL, CELL_DATA, joined


def differences(engine) -> list:
    with engine.connect() as connection:
        # The engines' own full-text indexes are not SQLAlchemy tables (migrate.ENGINE_OWN).
        context = MigrationContext.configure(connection, opts={"include_name": migrate.include_name})
        return compare_metadata(context, metadata)


def test_a_migrated_database_has_exactly_the_tables_the_code_describes(store):
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    assert differences(store.engine) == []


def test_running_init_db_again_changes_nothing(store):
    store.register_book(CELL, dict(CELL_DATA), "admin")
    store.init_schema()
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    assert store.head(CELL).seq == 1


def test_the_migrations_install_the_guard_triggers(store):
    store.register_book(CELL, dict(CELL_DATA), "admin")
    try:
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE events SET actor = 'someone-else'"))
        refused = False
    except Exception as error:  # each engine's driver raises its own class
        refused = "append-only" in str(error)
    assert refused


def test_a_database_made_before_migrations_is_stamped_and_upgraded_keeping_its_books(database_url):
    old = Store.from_url(database_url, checkpoints.load_signer(checkpoints.new_private_key()))
    old.init_schema()
    old.register_book(CELL, dict(CELL_DATA), "admin")
    with old.engine.begin() as connection:  # back to what init-db made before migrations began (create_all)
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(text("DROP TABLE sessions"))  # 0002
        connection.execute(text("DROP TABLE cosignatures"))  # 0007
        connection.execute(text("DROP TABLE witness_refusals"))
        connection.execute(text("DROP TABLE overview_rows"))  # 0005
        connection.execute(text("DROP TABLE search_entries"))  # 0006
        connection.execute(text("DROP TABLE search_checkpoints"))
        if old.engine.dialect.name == "sqlite":  # the FTS5 table (on PostgreSQL its index went with its table)
            connection.execute(text("DROP TABLE search_fts"))
        connection.execute(text("ALTER TABLE books DROP COLUMN origin"))  # 0003
        for column in ("disabled", "member_cell", "member_id"):  # 0004
            connection.execute(text(f"ALTER TABLE users DROP COLUMN {column}"))
        connection.execute(text("DROP TABLE api_tokens"))
        connection.execute(text("CREATE TABLE api_tokens (token_hash VARCHAR(64) NOT NULL PRIMARY KEY, "
                                "username VARCHAR(64) NOT NULL REFERENCES users (username), "
                                "created_at VARCHAR(27) NOT NULL)"))
        connection.execute(text("INSERT INTO users VALUES ('an', 'hash', 'member', '2021-01-01T00:00:00.000000Z')"))
        connection.execute(text("INSERT INTO api_tokens VALUES ('ab' || 'cd', 'an', '2021-01-01T00:00:00.000000Z')"))
    assert migrate.current_revision(old.engine) is None

    old.init_schema()

    assert migrate.current_revision(old.engine) == migrate.head_revision()
    assert differences(old.engine) == []
    with old.engine.connect() as connection:  # the books of then were all signed as chibo/<book>
        assert connection.execute(text("SELECT origin FROM books")).scalars().all() == [f"chibo/{CELL}"]
        # The user of then is enabled and unlinked; its token got an id of its own.
        assert connection.execute(text("SELECT disabled, member_id FROM users")).one() == (False, None)
        [token_id] = connection.execute(text("SELECT token_id FROM api_tokens")).scalars().all()
        assert len(token_id) == 16
    old.append(CELL, check_request(joined("an", "Lê Văn An")), "admin")
    assert old.head(CELL).seq == 2 and old.integrity.verify(CELL).ok
    old.engine.dispose()


def test_a_new_revision_follows_the_newest_and_is_empty_when_the_code_has_not_changed(tmp_path, monkeypatch):
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.FOLDER, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "FOLDER", folder)
    newest = migrate.head_revision()

    migrate.new_revision("nothing new")

    following = f"{int(newest) + 1:04d}"
    [script] = folder.glob(f"versions/{following}_*.py")
    assert migrate.head_revision() == following
    upgrade_body = script.read_text().split("def upgrade()")[1].split("def downgrade()")[0]
    assert "pass" in upgrade_body and "op." not in upgrade_body
