"""schoolweave.core stays pure: no Django, so it runs and tests without a database."""

import ast
from pathlib import Path

import schoolweave.core

CORE = Path(schoolweave.core.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_core_imports_no_django() -> None:
    offenders = {
        str(path.relative_to(CORE)): sorted(
            m for m in _imported_modules(path) if m.split(".")[0] == "django"
        )
        for path in CORE.rglob("*.py")
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_core_imports_no_django_app() -> None:
    apps = {
        "schoolweave.register",
        "schoolweave.networks",
        "schoolweave.config",
        "schoolweave.common",
    }
    offenders = [
        str(path.relative_to(CORE))
        for path in CORE.rglob("*.py")
        if any(m.startswith(tuple(apps)) for m in _imported_modules(path))
    ]
    assert offenders == []
