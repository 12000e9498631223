"""Command line: `flask --app wsgi chibo <command>`, or `python -m chibo_events <command>`.

Each module beside this one adds its commands to the `chibo` group.
"""

from flask import Flask

from . import accounts, demo, projections  # noqa: F401  (register commands)
from . import integrity  # noqa: F401  (registers verify, export, import, public-key)
from .group import chibo


def init_app(app: Flask) -> None:
    app.cli.add_command(chibo)
