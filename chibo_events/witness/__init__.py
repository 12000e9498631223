"""A witness (c2sp.org/tlog-witness): a separate process, run by the committee above, that cosigns each book's
checkpoint only if it is consistent with the last one it cosigned, so that a rollback or a rewrite of a book by
whoever runs the log's server becomes evident.

cosignature.py and protocol.py are pure (the log and the offline verifier use them); the witness's own database
and its check are store/witness_state.py, its HTTP face web/witness_server.py, its commands cli/witness.py; the
log's side is witnessing.py.
"""
