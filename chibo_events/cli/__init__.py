"""Command line: `flask --app wsgi chibo <command>`, or `python -m chibo_events <command>`.

Each module beside this one adds its commands to the `chibo` group.
"""

from flask import Flask

from . import (  # noqa: F401  (register commands)
    accounts,
    cells,
    demo,
    integrity,
    projections,
    witness,
)
from .group import chibo


def init_app(app: Flask) -> None:
    app.cli.add_command(chibo)
