"""Reading a module's imports without running it, for the tests that hold the layers of design.md."""

import ast
from pathlib import Path


def imported_modules(path: Path) -> set[str]:
    """Return the modules a file imports: absolute ones by name, relative ones with their leading dots."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add("." * node.level + node.module)
    return names
