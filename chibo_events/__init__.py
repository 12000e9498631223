"""chibo: append-only, tamper-evident minutes books for party cells (chi bộ).

Importing the package imports no Flask, so the pure parts (catalogue, rules,
integrity, merkle, the offline verifier) load on a machine without it.
"""


def create_app(test_config: dict | None = None):
    """Create and configure the app (see app.py)."""
    from .app import create_app as build

    return build(test_config)
