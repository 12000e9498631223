"""Pure folds of a book's envelopes into read models: minutes, members, tasks.

Nothing here imports Flask or SQLAlchemy (tests/unit/test_layers.py holds the line).
"""
