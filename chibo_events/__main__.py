"""`python -m chibo_events <command>`: the same commands as `flask --app wsgi chibo`."""

from flask.cli import ScriptInfo

from . import create_app
from .cli import chibo


def main() -> None:
    """Run a chibo command with the app made from the environment."""
    chibo.main(obj=ScriptInfo(create_app=create_app), prog_name="python -m chibo_events")


if __name__ == "__main__":
    main()
