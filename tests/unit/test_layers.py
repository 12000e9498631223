"""The architecture of design.md, held by parsing imports: the core knows no framework."""

from pathlib import Path

import pytest

from tests.unit.imports import imported_modules

ROOT = Path(__file__).resolve().parents[2]
PURE = sorted(
    [ROOT / "chibo_events" / f"{name}.py" for name in
     ("access", "catalogue", "checkpoints", "clock", "errors", "integrity", "merkle", "rules", "timestamps",
      "verify", "vocabulary", "offline_minutes", "roster_import")]
    + [ROOT / "chibo_events" / "documents" / "vietnamese.py", ROOT / "chibo_events" / "documents" / "minutes_text.py"]
    + list((ROOT / "projections").glob("**/*.py"))
)
FRAMEWORKS = ("flask", "flask_login", "flask_wtf", "werkzeug", "sqlalchemy", "psycopg")


@pytest.mark.parametrize("path", PURE, ids=[str(p.relative_to(ROOT)) for p in PURE])
def test_the_pure_core_imports_no_framework_and_no_database(path):
    imported = imported_modules(path)
    assert not [name for name in imported if name.split(".")[0] in FRAMEWORKS]
    assert not [name for name in imported if name.lstrip(".").split(".")[0] in ("store", "web", "cli")]


def test_only_the_store_speaks_sql():
    outside = [p for p in (ROOT / "chibo_events").glob("**/*.py") if "store" not in p.parts]
    assert not [p.name for p in outside if any(n.split(".")[0] == "sqlalchemy" for n in imported_modules(p))]


def test_only_web_the_command_line_and_the_app_factory_import_flask():
    allowed = {"app.py", "__main__.py"}
    core = [
        p for p in (ROOT / "chibo_events").glob("**/*.py")
        if not {"web", "cli"} & set(p.parts) and p.name not in allowed
    ]
    assert not [p.name for p in core if any(n.split(".")[0] in ("flask", "flask_login") for n in imported_modules(p))]


def test_importing_the_package_loads_no_framework():
    """The offline verifier runs as `python -m chibo_events.verify` where only Python is installed."""
    import subprocess
    import sys

    code = "import sys, chibo_events; print(sorted(m for m in ('flask', 'sqlalchemy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_merkle_needs_nothing_but_the_standard_library():
    """An inspector checks proofs with Python alone; the contract promises chibo_events.merkle stands alone."""
    import sys

    imported = imported_modules(ROOT / "chibo_events" / "merkle.py")
    assert imported and all(name.split(".")[0] in sys.stdlib_module_names for name in imported)


def test_the_offline_verifier_needs_only_the_standard_library_and_cryptography():
    import sys

    allowed = set(sys.stdlib_module_names) | {"cryptography"}
    for name in ("verify", "checkpoints", "integrity", "merkle"):
        imported = imported_modules(ROOT / "chibo_events" / f"{name}.py")
        outside = [n for n in imported if not n.startswith(".") and n.split(".")[0] not in allowed]
        relative = [n for n in imported if n.startswith(".")]
        assert not outside, (name, outside)
        assert all(n.lstrip(".").split(".")[0] in ("checkpoints", "integrity", "merkle", "offline_minutes",
                                                   "witness", "")
                   for n in relative), name
    cosignature = imported_modules(ROOT / "chibo_events" / "witness" / "cosignature.py")  # verify imports it
    assert all(n.split(".")[0] in allowed or n == "..checkpoints" for n in cosignature), cosignature


def test_the_offline_minutes_need_only_the_pure_core_and_the_projections():
    """`--minutes` folds a bundle with the server's projections; they too run with Python alone."""
    import sys

    imported = imported_modules(ROOT / "chibo_events" / "offline_minutes.py")
    assert {n.split(".")[0] for n in imported if not n.startswith(".")} <= set(sys.stdlib_module_names) | {
        "projections"}
