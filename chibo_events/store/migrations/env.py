"""Alembic's entry: migrations run on the connection the store hands over (see store/migrate.py)."""

from alembic import context

from chibo_events.store.migrate import include_name, target_metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                  include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
