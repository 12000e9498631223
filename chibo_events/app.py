"""The Flask application factory, and the one accessor of the running app's store."""

from pathlib import Path

from flask import Flask, current_app, g, has_request_context

from . import checkpoints, config
from .store import Store

ROOT = Path(__file__).resolve().parent.parent
STORE = "chibo_store"


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the app: the environment (config.py), then test_config over it."""
    test_config = test_config or {}
    instance = Path(test_config.get("INSTANCE_PATH") or config.instance_path())
    instance.mkdir(parents=True, exist_ok=True)
    app = Flask(
        "chibo_events", instance_path=str(instance),
        template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(config.settings(instance), MAX_CONTENT_LENGTH=1024 * 1024)
    app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.secret_key(instance)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    signer = checkpoints.load_signer(config.signing_key(instance, checkpoints.new_private_key))
    try:
        log_name = checkpoints.check_log_name(app.config["CHIBO_LOG_NAME"])
    except checkpoints.CheckpointError as error:
        raise RuntimeError(str(error)) from None
    app.extensions[STORE] = Store.from_url(app.config["DATABASE_URL"], signer, log_name,
                                           read_url=app.config.get("READ_DATABASE_URL"))

    from . import cli, web

    cli.init_app(app)
    web.init_app(app)
    return app


def store() -> Store:
    """Return the store of the running app (for views and commands alike): the primary."""
    return current_app.extensions[STORE]


def reading(book: str | None = None) -> Store:
    """Return the store for a read that may lag: the replica while its head of `book` is the primary's.

    For the pages and answers an inspector reads (lists, minutes, members, audit, exports, search, overview);
    never for an append, the console, or anything a write's answer depends on (Store.for_reading says how).
    Decided once per book in a request, so one page's many reads come from one place.
    """
    if not has_request_context():
        return store().for_reading(book)
    decided = g.setdefault("chibo_reading", {})
    if book not in decided:
        decided[book] = store().for_reading(book)
    return decided[book]
