"""Pure folds of a book's envelopes into read models: cell, members, records, minutes, tasks.

Each projection module offers `keys(envelope, target)` (the documents an
event touches; `target` is the envelope an amendment points at),
`apply(doc, key, envelope, target) -> doc` and `summary(doc)`; documents are JSON-ready
dicts of facts (facts.py). Answers are derived from documents at question
time: `minutes.render`, `members.statuses`, `tasks.board`.

Nothing here imports Flask or SQLAlchemy (tests/unit/test_layers.py holds the line).
"""

from . import cell, members, minutes, records, tasks

PROJECTIONS = {module.NAME: module for module in (cell, members, records, minutes, tasks)}
