"""`python -m chibo_events <command>`: the same commands as `flask --app wsgi chibo`."""

from flask.cli import ScriptInfo

from . import create_app
from .cli import chibo

if __name__ == "__main__":
    chibo.main(obj=ScriptInfo(create_app=create_app), prog_name="python -m chibo_events")
