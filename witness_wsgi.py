"""The witness for any WSGI server: `gunicorn witness_wsgi:app` (its settings: CHIBO_WITNESS_*, as `witness serve`)."""

from chibo_events.cli.witness import witness_parts
from chibo_events.web.witness_server import create_witness_app

app = create_witness_app(*witness_parts())
