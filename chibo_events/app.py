"""The Flask application factory, and the one accessor of the running app's store."""

from pathlib import Path

from flask import Flask, current_app

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
    app.extensions[STORE] = Store.from_url(app.config["DATABASE_URL"], signer, log_name)

    from . import cli, web

    cli.init_app(app)
    web.init_app(app)
    return app


def store() -> Store:
    """Return the store of the running app (for views and commands alike)."""
    return current_app.extensions[STORE]
