"""The Flask application factory."""

from pathlib import Path

from flask import Flask

from . import checkpoints, config
from .store import Store

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the app."""
    test_config = test_config or {}
    instance = Path(test_config.get("INSTANCE_PATH") or config.instance_path())
    instance.mkdir(parents=True, exist_ok=True)
    app = Flask(
        "chibo_events", instance_path=str(instance),
        template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(
        DATABASE_URL=config.database_url(instance),
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    app.config.update(test_config)
    if "SECRET_KEY" not in app.config or not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = config.secret_key(instance)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    signer = checkpoints.load_signer(config.signing_key(instance, checkpoints.new_private_key))
    app.extensions["chibo_store"] = Store.from_url(app.config["DATABASE_URL"], signer)

    from . import cli, web

    cli.init_app(app)
    web.init_app(app)
    return app
