"""The WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

from chibo_events import create_app

app = create_app()
